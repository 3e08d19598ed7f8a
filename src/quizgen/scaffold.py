"""``quizgen init``: a new pack folder whose every file already validates."""

from __future__ import annotations

from pathlib import Path

from .model import SLUG_RE, Language
from .problems import UsageError
from .write import write_files

_SCHEMA_LINE = "# yaml-language-server: $schema={schema}\n"

_PACK = """{schema_line}id: {name}
title: "{title}"
language: {language}
description: "What this pack is about, in one sentence."
sources:
  - id: example-source
    title: "An example article"
    publisher: "Example Publisher"
    published: "2024-05"
    text: example-source.txt
quiz:
  questions: 20
  seed: 1
  variants: 1
"""

_EVENTS = """{schema_line}events:
  - id: example-event
    date: "2024-05-01"
    title: "The example event"
    summary: "Write, in your own words, what happened and why it matters."
    actors: [example-actor]
    tags: [example]
    sources:
      - source: example-source
        quote: "On 1 May 2024 the example event took place"
"""

_ACTORS = """{schema_line}actors:
  - id: example-actor
    name: "Example Actor"
    kind: organization
    role: "Organised the example event."
    sources:
      - source: example-source
        quote: "organised by Example Actor"
"""

_TEXT = """On 1 May 2024 the example event took place. It was organised by Example Actor.
Put the plain text of your article here so that quizgen can check every quote.
"""


def init_pack(content_dir: Path, name: str, language: Language = "en") -> list[Path]:
    """Create ``content_dir/name`` with a pack skeleton; return the files written."""
    if not SLUG_RE.match(name):
        raise UsageError(f"pack name '{name}' must be lowercase latin letters, digits and hyphens")
    target = content_dir / name
    if target.exists():
        raise UsageError(f"{target} already exists")
    schemas = Path("../../src/quizgen/schemas")
    def line(kind: str) -> str:
        return _SCHEMA_LINE.format(schema=schemas / f"{kind}.schema.json")
    title = name.replace("-", " ").capitalize()
    files = {
        target / "pack.yaml": _PACK.format(schema_line=line("pack"), name=name, title=title,
                                           language=language),
        target / "events.yaml": _EVENTS.format(schema_line=line("content")),
        target / "actors.yaml": _ACTORS.format(schema_line=line("content")),
        target / "example-source.txt": _TEXT,
    }
    write_files({path: text.encode("utf-8") for path, text in files.items()})
    return sorted(files)
