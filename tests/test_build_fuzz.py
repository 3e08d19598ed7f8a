"""Property tests: whatever pack an author writes, ``quizgen build`` builds it or locates why not.

Hypothesis writes structured-but-random packs — ids from a small pool (so that
duplicates and dangling references happen), dates valid and impossible, text
full of markup, braces, quotes, Cyrillic and escaped control characters, fields
left out or of the wrong type — and runs the real command on each. Either the
build succeeds, and then the ``.apkg`` is a sound zip holding a sound Anki
collection and every quiz is well-formed HTML with no markup from the content;
or it exits 1 with every error located as ``file:line:col``. Never a traceback,
never exit 70.
"""

from __future__ import annotations

import html.parser
import json
import os
import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Iterator

import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from quizgen.cli import main
from quizgen.problems import CONTROL_CHARACTERS

# About 3 s per test at the default; QUIZGEN_FUZZ_EXAMPLES=2000 for a longer hunt.
_FUZZ = settings(max_examples=int(os.environ.get("QUIZGEN_FUZZ_EXAMPLES", "60")), deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_MISSING = object()  # a field the generated item leaves out

_IDS = st.sampled_from(["alpha", "beta", "gamma-ray", "x1", "treaty-2020", "Bad_Id", "a--b", ""])
_SOURCE_IDS = st.sampled_from(["src-a", "src-b", "src-c", "nowhere"])
_DATES = st.one_of(
    st.sampled_from(["2024", "2024-02", "2024-02-29", "2023-02-29", "2025-13", "2025-12-32",
                     "2025-00-10", "0001", "9999-12-31", "24-1-1", "soon", "2020-1-5", ""]),
    st.integers(min_value=-5, max_value=10_000),
    st.dates().map(str),
)
# Pieces that try to escape HTML, CSS, jinja2, Anki's cloze and field syntax and YAML.
_HOSTILE = st.sampled_from([
    "<script>document.title='pwned'</script>", "<img src=x onerror=alert(1)>", "</style>",
    "</title>", "{{c1::x}}", "{{ x }}", "{% raw %}", "}}", "::", "[sound:a.mp3]", "&amp;",
    "'", '"', "\\", "\x1f", "\x00", "\x1b[31m", "\u2028", "\x85", "\ufeff", "ё", "«»", "—",
    "\n", "  ", "Tom & Jerry", "\u202e", "#", ": ", "- ", "*a", "&a",
])
_TEXT = st.lists(_HOSTILE | st.text(max_size=12), min_size=0, max_size=6).map("".join)
# Text that is never blank; its only possible fault is a control character.
_PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs", "Cn"))
_SOUND_TEXT = st.lists(_HOSTILE | st.text(_PRINTABLE, max_size=12), max_size=6).map(
    lambda pieces: "x " + "".join(pieces))
_WORDS = st.sampled_from(["Alpha", "Beta", "the treaty", "signed", "Москва", "border"])


def _maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A field that is usually right, sometimes missing, sometimes of the wrong type."""
    wrong = st.sampled_from([None, 42, True, [], {}, ["x"], {"k": "v"}])
    return st.one_of(value, value, value, value, st.just(_MISSING), wrong)


def _item(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({name: _maybe(value) for name, value in fields.items()}).map(
        lambda item: {k: v for k, v in item.items() if v is not _MISSING})


_CITATIONS = st.lists(
    _item(source=_SOURCE_IDS, quote=st.one_of(_TEXT, _WORDS)), min_size=0, max_size=2)
_EVENTS = _item(id=_IDS, date=_DATES, title=_TEXT, summary=st.one_of(_TEXT, _WORDS),
                actors=st.lists(_IDS, max_size=2), sources=_CITATIONS,
                approximate=st.booleans(), date_note=_TEXT, tags=st.lists(_IDS, max_size=2))
_ACTORS = _item(id=_IDS, name=st.one_of(_WORDS, _TEXT), role=_TEXT,
                kind=st.sampled_from(["person", "state", "organization", "group", "company"]),
                aliases=st.lists(_TEXT, max_size=2), sources=_CITATIONS)
_CAUSES = _item(id=_IDS, cause=st.one_of(_IDS, _TEXT), effect=st.one_of(_IDS, _TEXT),
                explanation=_TEXT, sources=_CITATIONS)
_POSITIONS = st.lists(_item(holder=_IDS, claim=_TEXT, sources=_CITATIONS), max_size=3)
_DISPUTES = _item(id=_IDS, question=_TEXT, explanation=_TEXT, positions=_POSITIONS)
_CONTENT = st.fixed_dictionaries({}, optional={
    "events": st.lists(_EVENTS, max_size=6), "actors": st.lists(_ACTORS, max_size=4),
    "causes": st.lists(_CAUSES, max_size=3), "disputes": st.lists(_DISPUTES, max_size=2)})
_QUIZ = _item(questions=st.integers(-1, 40), seed=st.integers(-1, 2**40),
              variants=st.integers(0, 4))
_PACK = _item(id=st.sampled_from(["fuzz", "Fuzz Pack", "fuzz-2"]), title=_TEXT,
              language=st.sampled_from(["en", "ru", "de"]),
              sources=st.lists(_item(id=_SOURCE_IDS, title=_TEXT), max_size=3), quiz=_QUIZ)

# Good packs are rare among random ones; this one is sound, so that hostile text
# added to it reaches the renderers instead of stopping at the validator.
_SOUND_PACK = {"id": "fuzz", "title": "Fuzz", "language": "en",
               "sources": [{"id": "src-a", "title": "A"}, {"id": "src-b", "title": "B"}],
               "quiz": {"questions": 12, "variants": 2}}


def _sound_event(index: int, title: str, summary: str, date: str) -> dict[str, Any]:
    return {"id": f"event-{index}", "date": date, "title": title, "summary": summary,
            "actors": ["alpha"], "sources": [{"source": "src-a", "quote": "the treaty"}]}


_SOUND_EVENTS = st.lists(
    st.tuples(st.integers(0, 5), _SOUND_TEXT, _SOUND_TEXT | _WORDS,
              st.sampled_from(["2020", "2021-03", "2022-04-05", "2022-04"])),
    min_size=1, max_size=6, unique_by=lambda event: event[0],
).map(lambda events: [_sound_event(*event) for event in events])
_SOUND_CONTENT = st.builds(
    lambda events, name, role, claim: {
        "events": events,
        "actors": [{"id": "alpha", "name": name, "kind": "state", "role": role,
                    "sources": [{"source": "src-b", "quote": "q"}]}],
        "disputes": [{"id": "dispute", "question": "Why?", "positions": [
            {"holder": "alpha", "claim": claim, "sources": [{"source": "src-a", "quote": "q"}]},
            {"claim": "other", "sources": [{"source": "src-b", "quote": "q"}]}]}]},
    _SOUND_EVENTS, _SOUND_TEXT | _WORDS, _SOUND_TEXT, _SOUND_TEXT)

_PROBLEM = re.compile(r"^(?P<file>[^\n]+?):(?:(?P<line>\d+):(?P<col>\d+):)? "
                      r"(?P<level>error|warning|info): .* \[[a-z-]+\]$")
_VOID = {"meta", "input", "br", "hr", "img", "link", "col", "area", "base", "wbr", "source"}


class _StrictHTML(html.parser.HTMLParser):
    """Records start tags and checks that every non-void element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: set[str] = set()
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if any(name.startswith("on") for name, _ in attrs):
            self.errors.append(f"event handler attribute on <{tag}>")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.open[-1] if self.open else ''}>")
        else:
            self.open.pop()


def _build_and_check(pack: Any, content: Any, *, sound: bool = False) -> None:
    with tempfile.TemporaryDirectory(prefix="quizgen-fuzz-") as name:
        directory = Path(name) / "fuzz"
        directory.mkdir()
        (directory / "pack.yaml").write_text(yaml.safe_dump(pack, allow_unicode=True), "utf-8")
        (directory / "content.yaml").write_text(yaml.safe_dump(content, allow_unicode=True),
                                                "utf-8")
        out = Path(name) / "decks"
        result = CliRunner().invoke(main, ["build", str(directory), "--out", str(out)],
                                    env={"SOURCE_DATE_EPOCH": "1700000000"})
        _check(result, directory, sorted(out.iterdir()) if out.is_dir() else [])
    if sound:  # a sound pack fails only for the control characters in its text
        refused = any(CONTROL_CHARACTERS.search(text) for text in _strings(content))
        assert result.exit_code == (1 if refused else 0), result.output
        assert ("[control-character]" in result.stderr) == refused, result.stderr


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _check_apkg(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == ["collection.anki2", "media"]
        collection = path.with_suffix(".anki2")
        collection.write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(collection)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        models = json.loads(db.execute("select models from col").fetchone()[0])
        fields = {mid: len(model["flds"]) for mid, model in models.items()}
        for mid, flds in db.execute("select mid, flds from notes"):
            assert len(flds.split("\x1f")) == fields[str(mid)], "content split an Anki field"
    finally:
        db.close()


def _check_html(path: Path) -> None:
    text = path.read_text("utf-8")
    parser = _StrictHTML()
    parser.feed(text)
    parser.close()
    assert parser.errors == [] and parser.open == [], (parser.errors, parser.open)
    active = {"script", "img", "iframe", "svg", "object", "embed", "link"}
    if path.name.endswith("-study.html"):
        # The study page's own script, data block and timeline; content adds none.
        assert text.count("<script") == 2 and text.count("<svg") <= 1
        active -= {"script", "svg"}
    assert not parser.tags & active


def _check(result: Result, directory: Path, outputs: list[Path]) -> None:
    assert "Traceback" not in result.output, result.output
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    problems = [match for match in map(_PROBLEM.match, result.stderr.splitlines()) if match]
    for problem in problems:
        assert (Path.cwd() / problem["file"]).resolve().parent == directory.resolve(), problem[0]
    event("built" if result.exit_code == 0 else "rejected")
    if result.exit_code == 0:
        assert [p.suffix for p in outputs].count(".apkg") == 1, result.output
        for path in outputs:
            if path.suffix == ".apkg":
                _check_apkg(path)
            elif path.suffix == ".html":
                _check_html(path)
        return
    assert outputs == [], "a failed build wrote files"
    errors = [problem for problem in problems if problem["level"] == "error"]
    assert errors, result.stderr
    for error in errors:
        assert error["line"] and int(error["line"]) >= 1 and int(error["col"]) >= 1, error[0]
    assert result.stderr.splitlines()[-1] == f"quizgen: error: {len(errors)} error(s) in content"


@_FUZZ
@given(_PACK, _CONTENT)
def test_any_pack_builds_or_is_rejected_with_located_problems(pack: Any, content: Any) -> None:
    _build_and_check(pack, content)


@_FUZZ
@given(_SOUND_CONTENT)
def test_hostile_text_in_a_sound_pack_builds_to_inert_output(content: Any) -> None:
    _build_and_check(_SOUND_PACK, content, sound=True)
