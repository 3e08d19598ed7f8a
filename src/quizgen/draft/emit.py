"""A :class:`~quizgen.draft.compose.Draft` as YAML the author edits, and the pack's new source.

The draft file is a content file like any other, named ``<source>.draft.yaml``:
``quizgen validate`` checks it, ``quizgen build`` leaves it out. Text the author has to
write in their own words starts with a placeholder mark
(:data:`quizgen.validate.DRAFT_MARKS`), which ``validate`` warns about once an item with
it is moved into the pack. A title, summary or role proposed from the text's own words
(:mod:`.wording`) is written as it is and named in the item's ``proposed:`` list, which
``validate`` warns about in the pack until the author confirms the wording and removes it.
Comments say where a guess was made.
"""

from __future__ import annotations

import json
from typing import Mapping, Optional

from ..model import Language
from .compose import ActorCandidate, CauseCandidate, DisputeCandidate, Draft, EventCandidate
from ..dates import Found

_TEXT = {
    "ru": {
        "mark": "ЧЕРНОВИК:",
        "header": [
            "Черновик: кандидаты, которые quizgen draft нашёл в тексте источника «{source}».",
            "quizgen validate проверяет этот файл (цитаты тоже); quizgen build его не собирает.",
            "Удалите неверное, остальное перенесите в файлы пакета (quizgen accept ПАКЕТ --all",
            "или с нужными id) и перепишите тексты «ЧЕРНОВИК: …» своими словами.",
            "Тексты, названные в proposed:, предложены из слов статьи: проверьте их по",
            "источнику, исправьте, если нужно, и уберите их имена из proposed.",
            "Найдено: {summary}.",
        ],
        "summary": "ЧЕРНОВИК: что произошло — своими словами.",
        "role": "ЧЕРНОВИК: роль в этой истории — своими словами, без имени.",
        "question": "ЧЕРНОВИК: о чём расходятся прочтения — своими словами.",
        "hint": "дата не названа; последняя дата текста перед этим: {date} («{wording}») — "
                "только подсказка",
        "no-hint": "дата не названа, и раньше в тексте дат нет",
        "kind": "вид ({kind}) угадан по имени: проверьте",
        "across": "одно и то же имя и год в двух источниках: проверьте, правда ли они "
                  "расходятся",
        "existing": "уже в пакете",
    },
    "en": {
        "mark": "DRAFT:",
        "header": [
            "Draft: candidates quizgen draft found in the text of source “{source}”.",
            "quizgen validate checks this file (its quotes too); quizgen build leaves it out.",
            "Delete what is wrong, move the rest into the pack's files (quizgen accept PACK --all,",
            "or name the ids) and rewrite each “DRAFT: …” text in your own words.",
            "The texts named in proposed: are taken from the article's words: check each",
            "against the source, correct it if need be, and remove its name from proposed.",
            "Found: {summary}.",
        ],
        "summary": "DRAFT: what happened, in your own words.",
        "role": "DRAFT: the part this actor plays, in your own words, without the name.",
        "question": "DRAFT: what the readings disagree on, in your own words.",
        "hint": "no date given; the text's previous date is {date} (“{wording}”), a hint only",
        "no-hint": "no date given, and none earlier in the text",
        "kind": "kind ({kind}) guessed from the name: check it",
        "across": "the same name and year in two sources: check that they really disagree",
        "existing": "already in the pack",
    },
}
TITLE_WORDS = 8


def summary_line(draft: Draft, language: Language = "en") -> str:
    """What was found per kind: in English for the terminal, in the pack's language in the file."""
    dated = sum(e.date is not None for e in draft.events)
    if language == "ru":
        return (f"событий {len(draft.events)} (с датой {dated}), участников "
                f"{len(draft.new_actors)}, причинных связей {len(draft.causes)}, "
                f"споров {len(draft.disputes)}")
    return (f"{len(draft.events)} event(s) ({dated} dated), {len(draft.new_actors)} actor(s), "
            f"{len(draft.causes)} cause(s), {len(draft.disputes)} dispute(s)")


def draft_yaml(draft: Draft, language: Language, source_name: str) -> str:
    """The draft file's text: every candidate, in text order within each kind."""
    words = _TEXT[language]
    lines = ["# " + line.format(source=source_name, summary=summary_line(draft, language))
             for line in words["header"]]
    lines.append("")
    if draft.events:
        lines.append("events:")
        for event in draft.events:
            lines.extend(_event(event, draft.source, words))
    if draft.new_actors:
        lines.append("actors:")
        for actor in draft.new_actors:
            lines.extend(_actor(actor, draft.source, words))
    if draft.causes:
        lines.append("causes:")
        for cause in draft.causes:
            lines.extend(_cause(cause, draft.source))
    if draft.disputes:
        lines.append("disputes:")
        for dispute in draft.disputes:
            lines.extend(_dispute(dispute, words))
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _marked(words: Mapping[str, object], text: str) -> str:
    return f"{words['mark']} {text}"


def _citation(source: str, quote: str, indent: str) -> list[str]:
    return [f"{indent}- source: {source}", f"{indent}  quote: {_q(quote)}"]


def _event(event: EventCandidate, source: str, words: Mapping[str, object]) -> list[str]:
    lines = []
    if event.date is None:
        lines.append("  # " + _hint(event.hint, words))
    lines.append(f"  - id: {event.id}")
    if event.date is not None:
        lines.extend(_date(event.date))
    if event.title is not None:
        lines.append(f"    title: {_q(event.title)}")
    else:
        title = " ".join(event.quote.split()[:TITLE_WORDS]).rstrip(",;:—–-")
        more = "…" if len(event.quote.split()) > TITLE_WORDS else ""
        lines.append(f"    title: {_q(_marked(words, title + more))}")
    lines.append(f"    summary: {_q(event.summary or str(words['summary']))}")
    lines.extend(_proposed(("title", event.title), ("summary", event.summary)))
    if event.actors:
        lines.append(f"    actors: [{', '.join(event.actors)}]")
    lines.append("    sources:")
    lines.extend(_citation(source, event.quote, "      "))
    return lines


def _proposed(*fields: tuple[str, Optional[str]]) -> list[str]:
    """The ``proposed:`` line naming the fields whose wording was proposed, if any."""
    named = [name for name, text in fields if text is not None]
    return [f"    proposed: [{', '.join(named)}]"] if named else []


def _date(date: Found) -> list[str]:
    lines = [f"    date: {_q(str(date.date))}"]
    if date.approximate:
        lines.append("    approximate: true")
    if date.derived:
        lines.append("    date_source: derived")
    if date.note:
        lines.append(f"    date_note: {_q(date.note)}")
    return lines


def _hint(hint: Optional[Found], words: Mapping[str, object]) -> str:
    if hint is None:
        return str(words["no-hint"])
    return str(words["hint"]).format(date=hint.date, wording=hint.wording)


def _actor(actor: ActorCandidate, source: str, words: Mapping[str, object]) -> list[str]:
    lines = [f"  # {str(words['kind']).format(kind=actor.kind)}",
             f"  - id: {actor.id}",
             f"    name: {_q(actor.name)}",
             f"    kind: {actor.kind}",
             f"    role: {_q(actor.role or str(words['role']))}",
             *_proposed(("role", actor.role))]
    if actor.aliases:
        lines.append(f"    aliases: [{', '.join(_q(a) for a in actor.aliases)}]")
    lines.append("    sources:")
    lines.extend(_citation(source, actor.quote, "      "))
    return lines


def _cause(cause: CauseCandidate, source: str) -> list[str]:
    return [f"  - id: {cause.id}",
            f"    cause: {_part(cause.cause)}",
            f"    effect: {_part(cause.effect)}",
            "    sources:",
            *_citation(source, cause.quote, "      ")]


def _part(value: str) -> str:
    """An event id as it is; prose quoted (it holds spaces, so it is never taken for an id)."""
    return value if " " not in value and value == value.lower() else _q(value)


def _dispute(dispute: DisputeCandidate, words: Mapping[str, object]) -> list[str]:
    lines = []
    if dispute.across_sources:
        lines.append(f"  # {words['across']}")
    lines += [f"  - id: {dispute.id}", f"    question: {_q(str(words['question']))}",
              "    positions:"]
    for position in dispute.positions:
        if position.holder is not None:
            lines.append(f"      - holder: {position.holder}")
            lines.append(f"        claim: {_q(_marked(words, position.claim))}")
        else:
            lines.append(f"      - claim: {_q(_marked(words, position.claim))}")
        lines.append("        sources:")
        lines.extend(_citation(position.source, position.quote, "          "))
    return lines


def source_entry(source: str, title: str, indent: str, text: Optional[str] = None) -> list[str]:
    """The lines of a new ``sources:`` entry of pack.yaml; ``text``: the article's file in the
    pack's folder, so that its quotes are checked with no --sources."""
    return [f"{indent}- id: {source}", f"{indent}  title: {_q(title)}",
            *([f"{indent}  text: {_q(text)}"] if text is not None else [])]
