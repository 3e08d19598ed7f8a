"""Property tests: whatever an author saves, the loader and validator answer with problems.

No input may raise: arbitrary text and bytes go to the loader, and arbitrary
YAML-shaped data (from noise to almost-valid packs) goes through ``validate_pack``.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.load import Document, decode_text, parse_document
from quizgen.problems import Level, Problem, sort_problems
from quizgen.validate import validate_pack

_FUZZ = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])

# Pieces of YAML syntax, so that generated text reaches the parser's odd corners
# instead of being mostly one long plain scalar.
_YAML_TOKENS = st.sampled_from([
    "\n", "  ", "    ", "- ", ": ", "? ", "[", "]", "{", "}", ", ", "&a ", "*a", "&b ", "*b",
    "!!str ", "!!int ", "!!binary ", "!tag ", "'", '"', "\\", "#", "---\n", "...\n", "|\n",
    ">-\n", "%YAML 1.1\n", "\t", "\ufeff", "\x85", "\u2028", "\x07", "~", "null", "true",
    "2025-02-30", "0x1F", ".nan", "events", "id", "ё", "«", "—", "key", "value",
])
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_YAML_LIKE_TEXT = st.lists(_YAML_TOKENS | st.text(max_size=5), max_size=40).map("".join)


def _assert_problems(problems: list[Problem]) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 0 and problem.col >= 0
        line = problem.format()
        assert line.startswith(problem.file) and line.endswith(f" [{problem.code}]")


def _assert_parsed(text: str, doc: Document | None, problems: list[Problem]) -> None:
    _assert_problems(problems)
    assert (doc is None) == bool(problems)
    # YAML also breaks lines at CR, NEL, LS and PS; libyaml may place an
    # end-of-stream error one line past the last break.
    last_line = len(_YAML_LINE_BREAK.findall(text)) + 2
    assert all(problem.line <= last_line for problem in problems)


@_FUZZ
@given(st.text())
def test_parse_document_never_raises_on_any_text(text: str) -> None:
    doc, problems = parse_document(text, "f.yaml")
    _assert_parsed(text, doc, problems)


@_FUZZ
@given(_YAML_LIKE_TEXT)
def test_parse_document_never_raises_on_yaml_like_text(text: str) -> None:
    doc, problems = parse_document(text, "f.yaml")
    _assert_parsed(text, doc, problems)


@_FUZZ
@given(st.binary())
def test_decode_text_never_raises_on_any_bytes(raw: bytes) -> None:
    text, problems = decode_text(raw, "f.yaml")
    _assert_problems(problems)
    assert (text is None) == bool(problems)


@_FUZZ
@given(st.text().filter(lambda text: not text.startswith("\ufeff")))
def test_decode_text_returns_utf8_text_unchanged(text: str) -> None:
    assert decode_text(text.encode("utf-8"), "f.yaml") == (text, [])


_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats()
            | st.text(max_size=30))
_ANY_DATA = st.recursive(
    _SCALARS,
    lambda children: (st.lists(children, max_size=4)
                      | st.dictionaries(st.text(max_size=10) | st.integers(), children,
                                        max_size=4)),
    max_leaves=30,
)

# Keys and values the format uses, so that data often gets past the first checks
# and into the cross-file ones (ids, references, quotes, source paths).
_KEYS = st.sampled_from([
    "id", "date", "approximate", "date_note", "title", "summary", "actors", "tags", "sources",
    "source", "quote", "name", "kind", "role", "aliases", "cause", "effect", "explanation",
    "question", "positions", "holder", "claim", "text", "language", "quiz", "types",
    "questions", "seed", "variants", "publisher", "published", "url", "titel",
])
_VALUES = (st.sampled_from([
    "a", "a-b", "article", "ivanova", "signing", "2025", "2025-02", "2025-02-30", "2025-13-40",
    "person", "company", "ru", "en", "de", "", "  ", "article.txt", "../x.txt", "/etc/hostname",
    "a\x00b", ".", "x" * 300, "multiple_choice", "the treaty", "…the treaty…",
]) | _SCALARS)
_SHAPED = st.recursive(
    _VALUES,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_KEYS, children, max_size=6),
    max_leaves=40,
)
_CONTENT = st.dictionaries(st.sampled_from(["events", "actors", "causes", "disputes", "event"]),
                           st.lists(_SHAPED, max_size=3), max_size=4)
_PACK_INFO = st.fixed_dictionaries(
    {"id": st.just("fuzz"), "title": st.just("Fuzz"), "language": st.just("en"),
     "sources": st.lists(st.dictionaries(_KEYS, _SHAPED, max_size=4)
                         .map(lambda source: {"id": "article", "title": "A", **source}),
                         max_size=2)},
    optional={"quiz": _SHAPED, "description": _VALUES})


def _validate(pack_info: Any, content: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        (directory / "pack.yaml").write_text(
            yaml.safe_dump(pack_info, allow_unicode=True), encoding="utf-8")
        (directory / "content.yaml").write_text(
            yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        (directory / "article.txt").write_text("The treaty was signed.", encoding="utf-8")
        result = validate_pack(directory)
    _assert_problems(result.problems)
    assert result.problems == sort_problems(result.problems)
    if result.pack is None:
        assert any(p.level is Level.ERROR for p in result.problems)


@_FUZZ
@given(_ANY_DATA)
def test_validate_pack_never_raises_on_any_content_data(data: Any) -> None:
    _validate({"id": "fuzz", "title": "Fuzz", "language": "en",
               "sources": [{"id": "article", "title": "A"}]}, data)


@_FUZZ
@given(_ANY_DATA)
def test_validate_pack_never_raises_on_any_pack_data(data: Any) -> None:
    _validate(data, {"events": []})


@_FUZZ
@given(_PACK_INFO, _CONTENT)
def test_validate_pack_never_raises_on_almost_valid_packs(pack_info: Any, content: Any) -> None:
    _validate(pack_info, content)


# --- what a document means -------------------------------------------------------------

def test_a_document_locates_every_value() -> None:
    text = "events:\n  - id: a\n    date: 2024-01-02\n  - id: b\n    tags: [x, y]\n"
    doc, problems = parse_document(text, "f.yaml")
    assert not problems and doc is not None
    assert doc.locate(("events", 1, "tags", 1)) == (5, 15)
    assert doc.key_position(("events", 0), "date") == (3, 5)
    assert doc.locate(("events", 0, "missing")) == (2, 5)


@pytest.mark.parametrize(("written", "meaning"), [
    pytest.param("yes", "yes", id="yes-is-text"),
    pytest.param("no", "no", id="no-is-text"),
    pytest.param("off", "off", id="off-is-text"),
    pytest.param("12:30", "12:30", id="time-is-text"),
    pytest.param("2024-05-01", "2024-05-01", id="date-stays-text"),
    pytest.param("true", True, id="true"),
    pytest.param("FALSE", False, id="false-in-capitals"),
    pytest.param("~", None, id="tilde-is-nothing"),
    pytest.param("", None, id="empty-is-nothing"),
    pytest.param("1984", 1984, id="number"),
    pytest.param("Ноябрь", "Ноябрь", id="cyrillic-text"),
    pytest.param("Null", None, id="null-capitalised"),
    pytest.param("-17", -17, id="negative-number"),
    pytest.param("+3", 3, id="signed-number"),
    pytest.param("0o17", 15, id="octal"),
    pytest.param("017", 17, id="leading-zero-is-decimal"),
    pytest.param("0x1F", 31, id="hexadecimal"),
    pytest.param("1_000", "1_000", id="underscores-are-text"),
    pytest.param("0b101", "0b101", id="binary-is-text"),
    pytest.param("1.5", 1.5, id="decimal"),
    pytest.param(".5", 0.5, id="decimal-without-integer-part"),
    pytest.param("1e3", 1000.0, id="exponent"),
    pytest.param("-.Inf", float("-inf"), id="minus-infinity"),
    pytest.param("+.inf", float("inf"), id="plus-infinity"),
    pytest.param("y", "y", id="y-is-text"),
    pytest.param("True", True, id="true-capitalised"),
    pytest.param("tRUE", "tRUE", id="mixed-case-is-text"),
])
def test_unquoted_values_mean_what_yaml_1_2_says(written: str, meaning: Any) -> None:
    doc, problems = parse_document(f"a: {written}\n", "f.yaml")
    assert not problems and doc is not None
    # isinstance: a number written otherwise than in plain decimal keeps its spelling too
    assert doc.data["a"] == meaning and isinstance(doc.data["a"], type(meaning))


def test_not_a_number_is_a_float() -> None:
    doc, problems = parse_document("a: .NaN\nb: '.nan'\n", "f.yaml")
    assert not problems and doc is not None
    assert doc.data["a"] != doc.data["a"] and doc.data["b"] == ".nan"
