"""The question bank: every question a pack yields, independent of any output format.

Pure functions of a validated :class:`~quizgen.model.Pack`; no I/O. Both the Anki
deck and the printed quizzes draw from this bank, so a fact is asked the same
way everywhere. A question's id is built from the pack id, the item id and the
question kind — never from wording — so editing text keeps its identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Iterator, Optional

from .i18n import date_phrase, format_date, label
from .model import Actor, Cause, Citation, Dispute, Event, Language, Pack, PartialDate, Position


class QuestionKind(str, Enum):
    EVENT_DATE = "event-date"
    DATE_EVENT = "date-event"
    EVENT_ACTORS = "event-actors"
    EVENT_CLOZE = "event-cloze"
    ACTOR_ROLE = "actor-role"
    ROLE_ACTOR = "role-actor"
    CAUSE_EFFECT = "cause-effect"
    EFFECT_CAUSE = "effect-cause"
    DISPUTE_POSITIONS = "dispute-positions"
    CLAIM_HOLDER = "claim-holder"


# Questions of one date come in this order of kinds.
_KIND_ORDER = {kind: index for index, kind in enumerate(QuestionKind)}


@dataclass(frozen=True)
class SourceRef:
    """Where a fact comes from: the source's id and title, and the quote."""

    source_id: str
    title: str
    quote: str


@dataclass(frozen=True)
class Cloze:
    """A sentence with one part hidden: ``before`` + [``hidden``] + ``after``."""

    before: str
    hidden: str
    after: str


@dataclass(frozen=True)
class Question:
    """One question of the bank.

    ``answer_key`` identifies the right answer (a date, an actor id, an event
    id, a source id) and ``category`` groups questions whose answers may stand
    in for each other as distractors (dates; actors of one kind; …).
    """

    id: str
    kind: QuestionKind
    item_kind: str
    item_id: str
    prompt: str
    answer: str
    explanation: str
    sources: tuple[SourceRef, ...]
    tags: tuple[str, ...]
    date: Optional[PartialDate]
    answer_key: str
    category: str
    cloze: Optional[Cloze] = None
    extra: tuple[tuple[str, str], ...] = field(default=())

    def sort_key(self) -> tuple[int, int, int, int, str]:
        year, month, day = self.date.sort_key() if self.date else (9999, 99, 99)
        return (year, month, day, _KIND_ORDER[self.kind], self.id)


@dataclass(frozen=True)
class QuestionBank:
    """All questions of a pack, in study order (chronological, then by kind and id)."""

    pack_id: str
    title: str
    language: Language
    questions: tuple[Question, ...]

    def of_kind(self, *kinds: QuestionKind) -> list[Question]:
        return [q for q in self.questions if q.kind in kinds]

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}


def build_bank(pack: Pack) -> QuestionBank:
    """Every question of a pack, sorted for study."""
    builder = _Builder(pack)
    questions = sorted(builder.all(), key=Question.sort_key)
    return QuestionBank(pack.id, pack.info.title, pack.info.language, tuple(questions))


class _Builder:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.lang: Language = pack.info.language
        self.first_seen = _first_event_dates(pack)

    def all(self) -> Iterator[Question]:
        yield from self._date_events()
        for event in self.pack.events:
            yield from self._event(event)
        for actor in self.pack.actors:
            yield from self._actor(actor)
        for cause in self.pack.causes:
            yield from self._cause(cause)
        for dispute in self.pack.disputes:
            yield from self._dispute(dispute)

    def _question(self, kind: QuestionKind, item_kind: str, item_id: str, *, prompt: str,
                  answer: str, explanation: str, citations: list[Citation],
                  date: Optional[PartialDate], answer_key: str, category: str,
                  suffix: str = "", item_tags: tuple[str, ...] = (),
                  cloze: Optional[Cloze] = None,
                  extra: tuple[tuple[str, str], ...] = ()) -> Question:
        qid = f"{self.pack.id}:{item_id}:{kind.value}{suffix}"
        refs = tuple(SourceRef(c.source, self.pack.source(c.source).title, c.quote)
                     for c in citations)
        return Question(qid, kind, item_kind, item_id, prompt, answer, explanation, refs,
                        self._tags(kind, refs, date, item_tags), date, answer_key, category,
                        cloze, extra)

    def _tags(self, kind: QuestionKind, refs: tuple[SourceRef, ...],
              date: Optional[PartialDate], item_tags: tuple[str, ...]) -> tuple[str, ...]:
        tags = {f"quizgen::{self.pack.id}", f"quizgen::kind::{kind.value}"}
        tags.update(f"quizgen::source::{r.source_id}" for r in refs)
        if date is not None:
            tags.add(f"quizgen::year::{date.year}")
        tags.update(item_tags)
        return tuple(sorted(tags))

    def _when(self, event: Event) -> str:
        return format_date(event.date, self.lang, event.approximate)

    def _event_explanation(self, event: Event) -> str:
        if event.date_note:
            return f"{event.summary} {label(self.lang, 'label.date-note')}: {event.date_note}"
        return event.summary

    def _event(self, event: Event) -> Iterator[Question]:
        common = dict(explanation=self._event_explanation(event), citations=event.sources,
                      date=event.date, item_tags=tuple(event.tags))
        yield self._question(
            QuestionKind.EVENT_DATE, "events", event.id,
            prompt=label(self.lang, "prompt.event-date", title=event.title),
            answer=self._when(event), answer_key=str(event.date), category="date", **common)
        if event.actors:
            names = [self.pack.actor(a).name for a in event.actors]
            yield self._question(
                QuestionKind.EVENT_ACTORS, "events", event.id,
                prompt=label(self.lang, "prompt.event-actors", title=event.title),
                answer=", ".join(names), answer_key=",".join(sorted(event.actors)),
                category="actors", **common)
        yield self._question(
            QuestionKind.EVENT_CLOZE, "events", event.id,
            prompt=event.title, answer=self._when(event), answer_key=str(event.date),
            category="date", cloze=self._cloze(event), **common)

    def _cloze(self, event: Event) -> Cloze:
        """Blank an actor's name where the summary names one, else the date after it."""
        for actor_id in event.actors:
            actor = self.pack.actor(actor_id)
            for name in (actor.name, *actor.aliases):
                start = _find_word(event.summary, name)
                if start >= 0:
                    end = start + len(name)
                    return Cloze(event.summary[:start], name, event.summary[end:])
        before, _, after = label(self.lang, "prompt.event-cloze", summary=event.summary,
                                 date="\0").partition("\0")
        return Cloze(before, self._when(event), after)

    def _date_events(self) -> Iterator[Question]:
        """One question per date; where several events share it, the answer names them all."""
        by_date: dict[str, list[Event]] = {}
        for event in self.pack.events:
            if not event.approximate:
                by_date.setdefault(str(event.date), []).append(event)
        for key, events in sorted(by_date.items()):
            date = events[0].date
            titles = [e.title for e in events]
            answer = titles[0] if len(titles) == 1 else label(
                self.lang, "answer.several", items="; ".join(titles))
            citations = [c for e in events for c in e.sources]
            yield self._question(
                QuestionKind.DATE_EVENT, "events", f"date-{key}",
                prompt=label(self.lang, "prompt.date-event", date=date_phrase(date, self.lang)),
                answer=answer, explanation=" ".join(e.summary for e in events),
                citations=citations, date=date, answer_key=",".join(sorted(e.id for e in events)),
                category="event", item_tags=tuple(sorted({t for e in events for t in e.tags})))

    def _actor(self, actor: Actor) -> Iterator[Question]:
        common = dict(explanation=actor.role, citations=actor.sources,
                      date=self.first_seen.get(actor.id), item_tags=tuple(actor.tags))
        yield self._question(
            QuestionKind.ACTOR_ROLE, "actors", actor.id,
            prompt=label(self.lang, "prompt.actor-role", name=actor.name), answer=actor.role,
            answer_key=actor.id, category=f"role:{actor.kind.value}", **common)
        yield self._question(
            QuestionKind.ROLE_ACTOR, "actors", actor.id,
            prompt=label(self.lang, "prompt.role-actor", role=actor.role.rstrip(".")),
            answer=actor.name, answer_key=actor.id, category=f"actor:{actor.kind.value}",
            **common)

    def _side(self, text: str) -> str:
        """A cause or effect as shown: an event id becomes the event's title."""
        event = self.pack.event(text)
        return event.title if event else text

    def _cause_date(self, cause: Cause) -> Optional[PartialDate]:
        for side in (cause.cause, cause.effect):
            event = self.pack.event(side)
            if event is not None:
                return event.date
        return None

    def _cause(self, cause: Cause) -> Iterator[Question]:
        effect, reason = self._side(cause.effect), self._side(cause.cause)
        common = dict(explanation=cause.explanation or "", citations=cause.sources,
                      date=self._cause_date(cause), item_tags=tuple(cause.tags))
        yield self._question(
            QuestionKind.CAUSE_EFFECT, "causes", cause.id,
            prompt=label(self.lang, "prompt.cause-effect", cause=reason.rstrip(".")),
            answer=effect, answer_key=f"effect:{cause.id}", category="effect", **common)
        yield self._question(
            QuestionKind.EFFECT_CAUSE, "causes", cause.id,
            prompt=label(self.lang, "prompt.effect-cause", effect=effect.rstrip(".")),
            answer=reason, answer_key=f"cause:{cause.id}", category="cause", **common)

    def _holder(self, position: Position) -> str:
        titles = sorted({self.pack.source(c.source).title for c in position.sources})
        if position.holder is not None:
            name = self.pack.actor(position.holder).name
            return "; ".join(label(self.lang, "answer.holder", name=name, title=t) for t in titles)
        return "; ".join(label(self.lang, "answer.source", title=t) for t in titles)

    def _dispute(self, dispute: Dispute) -> Iterator[Question]:
        citations = [c for p in dispute.positions for c in p.sources]
        lines = [label(self.lang, "answer.position", holder=self._holder(p), claim=p.claim)
                 for p in dispute.positions]
        yield self._question(
            QuestionKind.DISPUTE_POSITIONS, "disputes", dispute.id,
            prompt=label(self.lang, "prompt.dispute-positions", question=dispute.question),
            answer="\n".join(lines), explanation=dispute.explanation or "", citations=citations,
            date=None, answer_key=f"dispute:{dispute.id}", category="positions",
            item_tags=tuple(dispute.tags))
        for index, position in enumerate(dispute.positions, start=1):
            yield self._question(
                QuestionKind.CLAIM_HOLDER, "disputes", dispute.id,
                prompt=label(self.lang, "prompt.claim-holder", claim=position.claim.rstrip(".")),
                answer=self._holder(position), explanation=dispute.question,
                citations=position.sources, date=None,
                answer_key=",".join(sorted({c.source for c in position.sources})),
                category="holder", suffix=f":{index}", item_tags=tuple(dispute.tags),
                extra=(("holder", position.holder or ""),))


def _first_event_dates(pack: Pack) -> dict[str, PartialDate]:
    """For each actor, the date of the earliest event it takes part in."""
    first: dict[str, PartialDate] = {}
    for event in sorted(pack.events, key=lambda e: e.date.sort_key()):
        for actor_id in event.actors:
            first.setdefault(actor_id, event.date)
    return first


def _find_word(text: str, word: str) -> int:
    r"""Where ``word`` first stands in ``text`` as a whole word (not inside another), or -1.

    The same as searching for ``(?<!\w)word(?!\w)``, without compiling a pattern
    for each of the thousands of names a large pack has.
    """
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if not _is_word_char(text[start - 1:start]) and not _is_word_char(text[end:end + 1]):
            return start
        start = text.find(word, start + 1)
    return -1


def _is_word_char(char: str) -> bool:
    r"""What ``\w`` matches in a ``str`` pattern; ``""`` (the text's edge) is not one."""
    return char.isalnum() or char == "_"
