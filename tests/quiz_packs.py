"""Packs the quiz tests draw on: the bundled pack, and a small one full of hostile strings."""

from __future__ import annotations

import functools
import textwrap
from pathlib import Path
from typing import Any

import yaml

from quizgen.bank import QuestionBank, build_bank
from quizgen.model import Language, Pack
from quizgen.problems import has_errors
from quizgen.validate import validate_pack

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "content" / "az-ru-2025"
ARTICLES = ROOT.parent / "shared" / "articles"

SCRIPT = '<script>alert("x")</script>'
HOSTILE = (SCRIPT, '<img src=x onerror="alert(1)">', "</style><style>body{display:none}</style>",
           "Tom & Jerry's \"quoted\" {{ braces }} {% raw %}")

_STATES = ["Arland", "Borvia", "Cestia", "Dorania", "Elbonia", "Freedonia", "Grand Fenwick",
           f"Hostile {SCRIPT}"]
_PEOPLE = ["Ada Quill", "Ben Rook", "Cy Marsh"]


def load(directory: Path, sources: Path | None = None) -> Pack:
    result = validate_pack(directory, sources)
    assert result.pack is not None and not has_errors(result.problems), [
        p.format() for p in result.problems]
    return result.pack


@functools.lru_cache(maxsize=None)
def bundled_pack() -> Pack:
    return load(BUNDLED, ARTICLES if ARTICLES.is_dir() else None)


@functools.lru_cache(maxsize=None)
def bundled_bank() -> QuestionBank:
    return build_bank(bundled_pack())


def write_hostile_pack(folder: Path, language: Language = "en") -> Path:
    """A pack of every item kind whose text tries to break out of HTML, CSS and templates."""
    folder.mkdir(parents=True, exist_ok=True)
    cite = lambda source="source-a": [{"source": source, "quote": "as the article says"}]  # noqa: E731
    actors: list[dict[str, Any]] = [
        {"id": f"state-{i}", "name": name, "kind": "state",
         "role": f"State number {i} of the story, {HOSTILE[i % len(HOSTILE)]}.", "sources": cite()}
        for i, name in enumerate(_STATES)]
    actors += [{"id": f"person-{i}", "name": name, "kind": "person",
                "role": f"Envoy number {i}, who {HOSTILE[i % len(HOSTILE)]}.", "sources": cite()}
               for i, name in enumerate(_PEOPLE)]
    events = []
    for i in range(14):
        year = 1990 + 2 * i
        date = f"{year}-{i % 12 + 1:02d}" if i % 3 == 1 else str(year)
        hostile = HOSTILE[i % len(HOSTILE)]
        summary = (f"{_STATES[i % 8]} signed pact {i} with its neighbour; {hostile}."
                   if i % 2 else f"A quiet year for treaty {i}, worth {10 + i} million; {hostile}.")
        events.append({"id": f"event-{i}", "date": date, "title": f"Pact {i}: {HOSTILE[i % 4]}",
                       "summary": summary, "actors": [f"state-{i % 8}", f"state-{(i + 3) % 8}"],
                       "sources": cite("source-b" if i % 2 else "source-a")})
    events.append({"id": "event-approx", "date": "2019-06", "approximate": True,
                   "date_note": "A guess.", "title": "Approximate pact", "summary": "Nobody knows.",
                   "sources": cite()})
    causes = [{"id": f"cause-{i}", "cause": f"event-{i}", "effect": f"outcome {i} {HOSTILE[i]}",
               "sources": cite()} for i in range(4)]
    disputes = [{"id": f"dispute-{i}", "question": f"What happened in round {i}? {HOSTILE[i]}",
                 "positions": [
                     {"claim": f"Round {i} went one way {HOSTILE[i]}", "sources": cite("source-a")},
                     {"holder": "person-0", "claim": f"Round {i} went the other way",
                      "sources": cite("source-b")}]}
                for i in range(3)]
    pack = {"id": "hostile", "title": f"Hostile pack {SCRIPT}", "language": language,
            "sources": [{"id": "source-a", "title": f"Article A {HOSTILE[1]}"},
                        {"id": "source-b", "title": f"Article B {HOSTILE[3]}"}],
            "quiz": {"questions": 12, "seed": 5, "variants": 2}}
    _dump(folder / "pack.yaml", pack)
    _dump(folder / "content.yaml", {"events": events, "actors": actors, "causes": causes,
                                    "disputes": disputes})
    return folder


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_pack_files(folder: Path, files: dict[str, str]) -> Path:
    """A pack folder from inline file texts (dedented), for tests that edit packs."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file, failing if the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
