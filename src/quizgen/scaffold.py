"""``quizgen init``: a new pack folder that validates and teaches the format by example.

Every kind of item (events, actors, causes, disputes) gets one commented example, written
in the pack's language and quoting the example article beside it, and the pack carries the
JSON Schemas its files point editors to, so the reference works wherever quizgen is
installed. The examples, and their source, are marked ``example: true``: ``validate`` warns
about each until it is deleted, so that no card about the example's bridge is ever shipped.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .model import MAX_SLUG, Language, is_slug, json_schema
from .problems import UsageError
from .write import write_files

SCHEMA_FOLDER = "schemas"
_SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_FOLDER}/{{kind}}.schema.json\n"


@dataclass(frozen=True)
class _Words:
    """The example's text in one language: the article and what the items say of it."""

    description: str
    title: str  # the pack's title where its folder's name cannot be read as one
    source_title: str
    article: str
    event_title: str
    event_summary: str
    event_quote: str
    council: str
    council_role: str
    council_quote: str
    mayor: str
    mayor_role: str
    opposition: str
    opposition_role: str
    cause: str
    cause_quote: str
    question: str
    mayor_claim: str
    mayor_quote: str
    opposition_claim: str
    opposition_quote: str


_WORDS: dict[Language, _Words] = {
    "en": _Words(
        description="What this pack is about, in one sentence.",
        title="A new pack",
        source_title="An example article",
        article=("On 1 May 2024 the new bridge over the river was opened. It was built by the "
                 "City Council. Long queues at the old ferry led the council to build it. "
                 "The mayor called the bridge a triumph; the opposition called it a waste of "
                 "money.\nReplace this file with the plain text of your article, so that "
                 "quizgen can check every quote.\n"),
        event_title="The new bridge opens",
        event_summary="The City Council opens a bridge that replaces the old ferry crossing.",
        event_quote="On 1 May 2024 the new bridge over the river was opened",
        council="City Council", council_role="Had the bridge built.",
        council_quote="It was built by the City Council",
        mayor="The mayor", mayor_role="Praises the new crossing.",
        opposition="The opposition", opposition_role="Criticises what the crossing cost.",
        cause="Long queues at the old ferry",
        cause_quote="Long queues at the old ferry led the council to build it",
        question="Was the bridge worth building?",
        mayor_claim="The bridge is a triumph for the town.",
        mayor_quote="The mayor called the bridge a triumph",
        opposition_claim="The bridge wasted public money.",
        opposition_quote="the opposition called it a waste of money"),
    "ru": _Words(
        description="О чём этот пакет, одним предложением.",
        title="Новый пакет",
        source_title="Пример статьи",
        article=("1 мая 2024 года через реку открыли новый мост. Его построил городской "
                 "совет. Из-за очередей на старой переправе совет решил строить мост. "
                 "Мэр назвал мост триумфом, а оппозиция — пустой тратой денег.\n"
                 "Замените этот файл простым текстом своей статьи, чтобы quizgen проверял "
                 "каждую цитату.\n"),
        event_title="Открытие нового моста",
        event_summary="Городской совет открыл мост на смену старой паромной переправе.",
        event_quote="1 мая 2024 года через реку открыли новый мост",
        council="Городской совет", council_role="Построил мост.",
        council_quote="Его построил городской совет",
        mayor="Мэр", mayor_role="Хвалит новую переправу.",
        opposition="Оппозиция", opposition_role="Критикует расходы на переправу.",
        cause="Очереди на старой переправе",
        cause_quote="Из-за очередей на старой переправе совет решил строить мост",
        question="Стоило ли строить мост?",
        mayor_claim="Новый мост — триумф для города.",
        mayor_quote="Мэр назвал мост триумфом",
        opposition_claim="Новый мост — пустая трата денег.",
        opposition_quote="оппозиция — пустой тратой денег"),
}

_PACK = """{schema}# The pack: its identity, its sources and the quiz it prints.
# `id` is the identity of every deck and note built from the pack: never change it.
id: {name}
title: "{title}"
# language: ru | en, the language of prompts and quiz labels
language: {language}
description: "{description}"
sources:
  # Each source is an article the items quote. `text` (or --sources DIR with <id>.txt)
  # lets quizgen check that every quote is verbatim.
  - id: example-source
    title: "{source_title}"
    published: "2024-05"
    text: example-source.txt
    example: true   # init's example: replace it with your article (or delete it)
quiz:
  questions: 20
  seed: 1
  variants: 1
"""

# Above each example list; `quizgen accept --drop-examples` removes it with them.
EXAMPLES_NOTE = ("# The items marked `example: true` are examples to learn the format from: delete\n"
             "# them once the pack has its own (quizgen validate warns until then).\n")

_EVENTS = """{schema}# Dated events. The id is the identity of the event's cards: edit wording freely, keep ids.
{examples}events:
  - id: bridge-opened
    example: true
    date: "2024-05-01"        # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    title: "{event_title}"
    summary: "{event_summary}"   # in your own words
    actors: [city-council]    # ids from actors.yaml
    sources:
      - source: example-source
        quote: "{event_quote}"   # short and verbatim
"""

_ACTORS = """{schema}# Who takes part: kind is person, state, organization or group.
{examples}actors:
  - id: city-council
    example: true
    name: "{council}"
    kind: organization
    role: "{council_role}"    # what it does in this story, without its own name
    sources:
      - source: example-source
        quote: "{council_quote}"
  - id: mayor
    example: true
    name: "{mayor}"
    kind: person
    role: "{mayor_role}"
    sources:
      - source: example-source
        quote: "{mayor_quote}"
  - id: opposition
    example: true
    name: "{opposition}"
    kind: group
    role: "{opposition_role}"
    sources:
      - source: example-source
        quote: "{opposition_quote}"
"""

_CAUSES = """{schema}# Causes and effects. `cause` and `effect` are an event id or a short phrase. A side
# is asked for only where it is an event the sources date ("What did it lead to in May 2024?").
{examples}causes:
  - id: queues-led-to-bridge
    example: true
    cause: "{cause}"
    effect: bridge-opened
    sources:
      - source: example-source
        quote: "{cause_quote}"
"""

_DISPUTES = """{schema}# Where sources disagree, or one source weighs two readings: each position has
# its holder (an actor id; none means the source itself), a claim that stands alone, a quote.
{examples}disputes:
  - id: bridge-worth-it
    example: true
    question: "{question}"
    positions:
      - holder: mayor
        claim: "{mayor_claim}"
        sources:
          - source: example-source
            quote: "{mayor_quote}"
      - holder: opposition
        claim: "{opposition_claim}"
        sources:
          - source: example-source
            quote: "{opposition_quote}"
"""


def init_pack(target: Path, language: Language = "en", name: Optional[str] = None) -> list[Path]:
    """Create the pack folder ``target`` with a pack skeleton; return the files written.

    The pack's id is ``name``, or the folder's name as a slug («карибский-кризис» →
    karibskiy-krizis); its title is the folder's name where it is written in the pack's
    language, else a title in the pack's language for the author to replace.
    """
    from .draft.slugs import slug

    if name is not None and not is_slug(name):  # validate's rule for the pack's id
        raise UsageError(f"pack name '{name}' must be lowercase latin letters, digits and "
                         f"hyphens, at most {MAX_SLUG} characters")
    name = name or slug(target.name)
    if not is_slug(name):
        raise UsageError(f"cannot make a pack id of the folder name '{target.name}': name the "
                         f"folder with latin or Russian letters, digits and hyphens (an id has "
                         f"at most {MAX_SLUG} characters)")
    words = vars(_WORDS[language]) | {"title": _title(target.name, language),
                                      "examples": EXAMPLES_NOTE}
    pack, content = _SCHEMA_LINE.format(kind="pack"), _SCHEMA_LINE.format(kind="content")
    files = {
        target / "pack.yaml": _PACK.format(schema=pack, name=name, language=language, **words),
        target / "events.yaml": _EVENTS.format(schema=content, **words),
        target / "actors.yaml": _ACTORS.format(schema=content, **words),
        target / "causes.yaml": _CAUSES.format(schema=content, **words),
        target / "disputes.yaml": _DISPUTES.format(schema=content, **words),
        target / "example-source.txt": words["article"],
    }
    for kind in ("content", "pack"):
        files[target / SCHEMA_FOLDER / f"{kind}.schema.json"] = json.dumps(
            json_schema(kind), ensure_ascii=False, indent=2) + "\n"
    _check_room(target, files)
    write_files({path: text.encode("utf-8") for path, text in files.items()})
    return sorted(files)


def _check_room(target: Path, files: dict[Path, str]) -> None:
    """Refuse a ``target`` that is not a folder, or that holds a pack or a file ``init`` would
    write. A folder of the author's own texts is room enough: the pack is made around them.
    (A name too long is the writer's to report, as it writes.)"""
    if not os.path.lexists(target):
        return
    if not target.is_dir() or target.is_symlink():
        raise UsageError(f"{target} already exists and is not a folder")
    taken = [path for path in (*files, target / SCHEMA_FOLDER) if os.path.lexists(path)]
    taken += sorted(target.glob("*.yaml"))
    if taken:
        raise UsageError(f"{target} already exists and holds {taken[0].name}: init makes a new "
                         "pack and replaces no file")


def texts_in(target: Path) -> list[Path]:
    """The author's own texts ``init`` found in the folder, beside its example article."""
    return sorted(path for path in target.glob("*.txt")
                  if path.name != "example-source.txt" and path.is_file())


def _title(folder: str, language: Language) -> str:
    """«карибский-кризис» → «Карибский кризис»; a name in another script → the language's
    title for a new pack (a Russian pack is never titled «Karibskiy»)."""
    words = folder.replace("-", " ").replace("_", " ").strip()
    cyrillic = any("а" <= char <= "я" or char == "ё" for char in words.casefold())
    if words and (cyrillic if language == "ru" else not cyrillic):
        return words[:1].upper() + words[1:]
    return _WORDS[language].title


def next_steps(target: Path, name: str) -> list[str]:
    """What to run after ``init``, for the CLI to print; ``name`` is how commands name the pack."""
    texts = texts_in(target)
    if texts:
        return [f"next: draft the texts already in {target} into it, one by one:",
                *(f"  quizgen draft {path} --pack {name}" for path in texts),
                "then delete the items marked example: true, and run:",
                f"  quizgen validate {name}", f"  quizgen build {name}"]
    return [f"next: draft your article into it (quizgen draft ARTICLE.txt --pack {name}), or "
            f"replace {target / 'example-source.txt'} with its text and write items in the "
            "*.yaml files; delete the items marked example: true, then run:",
            f"  quizgen validate {name}", f"  quizgen build {name}"]
