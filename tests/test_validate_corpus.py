"""Every kind of bad content is reported at its place, with its exit code and no traceback.

Each case is a small pack folder under ``tests/bad_corpus/``; the few whose defect
is in the bytes themselves (encodings, control characters) are written here at
run time, because editors and tools silently "fix" such files. Quotes are checked
against ``tests/bad_corpus_texts/article.txt`` via ``--sources``.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import main

CORPUS = Path(__file__).parent / "bad_corpus"
TEXTS = Path(__file__).parent / "bad_corpus_texts"

_PACK = b"""id: bad
title: Bad pack
language: en
sources:
  - id: article
    title: An article
"""

_EVENTS = """events:
  - id: signing
    date: "2025-03-01"
    title: {title}
    summary: A treaty was signed.
    sources:
      - source: article
        quote: the treaty was signed
"""


@dataclass(frozen=True)
class Case:
    """A bad pack and the exact problem lines ``quizgen validate`` must print for it."""

    name: str
    expected: tuple[str, ...]
    exit_code: int = 1
    args: tuple[str, ...] = ()
    folder: str = ""  # the corpus folder, when it differs from the case name
    files: dict[str, bytes] = field(default_factory=dict)  # written at run time instead

    @property
    def pack(self) -> str:
        return self.folder or self.name


def _events_with_title(title: str) -> dict[str, bytes]:
    return {"pack.yaml": _PACK, "events.yaml": _EVENTS.format(title=title).encode("utf-8")}


_WRITTEN_CASES = [
    Case("non-utf8", files={
        "pack.yaml": _PACK,
        # Text pasted from a Latin-1 file into a UTF-8 one; the column counts characters.
        "events.yaml": _EVENTS.format(title="Договор в Café").encode("utf-8")
        .replace("é".encode("utf-8"), b"\xe9"),
    }, expected=(
        "non-utf8/events.yaml:4:25: error: file is not valid UTF-8 (byte 0xe9); "
        "save it as UTF-8 [encoding]",
    )),
    Case("utf16", files={
        "pack.yaml": _PACK,
        "events.yaml": _EVENTS.format(title="The signing").encode("utf-16"),
    }, expected=(
        "utf16/events.yaml: error: file is UTF-16 encoded; save it as UTF-8 [encoding]",
    )),
    Case("control-character", files=_events_with_title("The\x0bsigning"), expected=(
        "control-character/events.yaml:4:15: error: control character U+000B is not allowed "
        "[control-character]",
    )),
]

# When a source's text is not found, its quotes are reported as not checked.
_UNCHECKED = ("pack.yaml: info: 1 quote(s) from source 'article' not checked: no text found "
              "(put article.txt in the pack's folder, set 'text:' in pack.yaml, or pass --sources "
              "DIR holding article.txt) "
              "[quotes-unchecked]")

_CORPUS_CASES = [
    Case("yaml-syntax", (
        "yaml-syntax/events.yaml:4:23: error: invalid YAML: mapping values are not allowed "
        "in this context [yaml-syntax]",
    )),
    Case("tab-indentation", (
        "tab-indentation/events.yaml:4:1: error: tab character in indentation; "
        "indent with spaces [tab]",
    )),
    Case("wrong-type", (
        "wrong-type/events.yaml:4:12: error: events[signing].title: "
        "expected text, got a number (42) [type]",
    )),
    Case("mapping-for-list", (
        "mapping-for-list/events.yaml:6:13: error: events[signing].actors: "
        "expected a list, got a mapping [type]",
    )),
    Case("missing-field", (  # a missing key points at the mapping that lacks it
        "missing-field/events.yaml:2:5: error: events[signing]: "
        "missing required field 'summary' [missing]",
    )),
    Case("empty-string", (
        "empty-string/events.yaml:4:12: error: events[signing].title: must not be empty [type]",
    )),
    Case("invalid-id", (
        "invalid-id/events.yaml:2:9: error: events[Treaty_Signing].id: 'Treaty_Signing' is not "
        "a valid id: use lowercase latin letters, digits and single hyphens [type]",
    )),
    Case("unknown-key", (
        "unknown-key/events.yaml:6:5: warning: events[signing].tag: "
        "unknown key 'tag'; did you mean 'tags'? [unknown-key]",
    ), exit_code=0),
    Case("unknown-key-strict", (
        "unknown-key/events.yaml:6:5: warning: events[signing].tag: "
        "unknown key 'tag'; did you mean 'tags'? [unknown-key]",
    ), args=("--strict",), folder="unknown-key"),
    Case("unknown-top-level-key", (
        "unknown-top-level-key/events.yaml:1:1: warning: event: "
        "unknown key 'event'; did you mean 'events'? [unknown-key]",
    ), exit_code=0),
    Case("duplicate-id", (
        "duplicate-id/more-events.yaml:2:9: error: events[signing].id: "
        "duplicate id 'signing' (first used at duplicate-id/events.yaml:2) [duplicate-id]",
    )),
    Case("unknown-actor", (
        "unknown-actor/events.yaml:6:14: error: events[signing].actors[0]: "
        "unknown actor id 'ivanov'; did you mean 'ivanova'? [unknown-reference]",
    )),
    Case("unknown-source", (
        "unknown-source/events.yaml:7:17: error: events[signing].sources[0].source: "
        "unknown source id 'artcle'; did you mean 'article'? [unknown-reference]",
    )),
    Case("unknown-holder", (
        "unknown-holder/disputes.yaml:5:17: error: disputes[will-it-last].positions[0].holder: "
        "unknown actor id 'ivanov'; did you mean 'ivanova'? [unknown-reference]",
    )),
    Case("unknown-cause-event", (
        "unknown-cause-event/causes.yaml:3:12: error: causes[talks-to-treaty].cause: "
        "unknown event id 'treaty-talks' (taken for an event id, as it is written like one; "
        "prose needs a space or a capital letter) [unknown-reference]",
    )),
    Case("impossible-month", (
        "impossible-month/events.yaml:3:11: error: events[signing].date: "
        "impossible date '2025-13-40': month must be 1 to 12 [date]",
    )),
    Case("impossible-day", (
        "impossible-day/events.yaml:3:11: error: events[signing].date: "
        "impossible date '2025-02-30': that month has days 1 to 28 [date]",
    )),
    Case("bad-date-format", (
        "bad-date-format/events.yaml:3:11: error: events[signing].date: "
        "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '1 March 2025' [date]",
    )),
    Case("one-position", (
        "one-position/disputes.yaml:5:7: error: disputes[will-it-last].positions: "
        "needs at least 2 entries, got 1 [type]",
    )),
    Case("empty-sources", (
        "empty-sources/events.yaml:6:14: error: events[signing].sources: "
        "needs at least 1 entry, got 0 [type]",
    )),
    Case("text-path-parent", (
        f"text-path-parent/{_UNCHECKED}",
        "text-path-parent/pack.yaml:7:11: error: sources[article].text: "
        "source text path must stay inside the pack folder [path-escape]",
    )),
    Case("text-path-absolute", (
        f"text-path-absolute/{_UNCHECKED}",
        "text-path-absolute/pack.yaml:7:11: error: sources[article].text: "
        "source text path must stay inside the pack folder [path-escape]",
    )),
    Case("text-path-nul", (  # YAML's "\0" escape: refused like a raw control character
        "text-path-nul/pack.yaml:7:11: error: sources[article].text: "
        "control character U+0000 is not allowed [control-character]",
    )),
    Case("missing-text-file", (
        f"missing-text-file/{_UNCHECKED}",
        "missing-text-file/pack.yaml:7:11: error: sources[article].text: "
        "source text file 'article.txt' not found [missing-file]",
    )),
    Case("quote-not-found", (
        "quote-not-found/events.yaml:8:16: error: events[signing].sources[0].quote: "
        "quote not found in the text of source 'article': the text matches it up to «…the treaty "
        "was», then reads «signed in baku. foreign minister…» where the quote has «torn up…» "
        "[quote-not-found]",
    )),
    Case("bad-language", (
        "bad-language/pack.yaml:3:11: error: language: "
        "expected one of 'ru' or 'en', got 'de' [type]",
    )),
    Case("bad-actor-kind", (
        "bad-actor-kind/actors.yaml:4:11: error: actors[ivanova].kind: expected one of "
        "'person', 'state', 'organization' or 'group', got 'company' [type]",
    )),
    Case("bad-quiz-settings", (
        "bad-quiz-settings/pack.yaml:8:14: error: quiz.questions: must be at least 1 [type]",
        "bad-quiz-settings/pack.yaml:10:12: error: quiz.types.essay: expected one of "
        "'multiple_choice', 'true_false', 'matching', 'chronology', 'short_answer' or "
        "'attribution', got 'essay' [type]",
    )),
    Case("no-pack-file", (
        "no-pack-file/pack.yaml: error: no pack.yaml in this pack folder [no-pack-file]",
    )),
    Case("empty-pack-file", (
        "empty-pack-file/pack.yaml:1:1: error: expected a mapping (key: value), got nothing [type]",
    )),
    Case("content-not-mapping", (
        "content-not-mapping/events.yaml:1:1: error: expected a mapping with keys "
        "events, actors, causes, disputes, got a list [type]",
    )),
    Case("duplicate-key", (
        "duplicate-key/events.yaml:5:5: error: duplicate key 'title' in this mapping "
        "[duplicate-key]",
    )),
    Case("multiple-documents", (
        "multiple-documents/events.yaml:9:1: error: expected one YAML document, "
        "found another ('---') [multiple-documents]",
    )),
    Case("python-tag", (
        "python-tag/events.yaml:4:12: error: unsupported YAML tag "
        "'tag:yaml.org,2002:python/name:os.system' [bad-tag]",
    )),
    Case("tag-value-mismatch", (
        "tag-value-mismatch/events.yaml:3:11: error: 'March' is not a valid value for "
        "YAML tag 'tag:yaml.org,2002:int' [bad-tag]",
    )),
    Case("alias-bomb", (  # the second *f takes the count past the limit
        "alias-bomb/events.yaml:7:8: error: document expands to more than 1000000 values "
        "(too many aliases?) [too-large]",
    )),
    Case("deep-nesting", (  # the root mapping and 39 '[' make 40 levels; the 40th '[' is one too many
        "deep-nesting/events.yaml:1:48: error: nesting deeper than 40 levels is not allowed "
        "[too-deep]",
    )),
]

CASES = _WRITTEN_CASES + _CORPUS_CASES


def _materialise(case: Case, root: Path) -> None:
    target = root / case.pack
    if case.files:
        target.mkdir()
        for name, data in case.files.items():
            (target / name).write_bytes(data)
    else:
        shutil.copytree(CORPUS / case.pack, target)


def _validate(root: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.chdir(root)
    return CliRunner().invoke(main, ["validate", "--sources", str(TEXTS), *args])


def _assert_no_crash(result: Result) -> None:
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_bad_content_is_reported_at_its_place(case: Case, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _materialise(case, tmp_path)

    result = _validate(tmp_path, *case.args, case.pack, monkeypatch=monkeypatch)

    _assert_no_crash(result)
    assert result.stderr.splitlines() == list(case.expected)
    assert result.exit_code == case.exit_code
    state = "ok" if case.exit_code == 0 else "failed"
    assert result.stdout.startswith(f"{case.pack}: {state}, ")


def test_every_corpus_folder_has_a_case() -> None:
    folders = {path.name for path in CORPUS.iterdir() if path.is_dir()}
    assert folders == {case.pack for case in _CORPUS_CASES}
    assert len({case.pack for case in CASES}) >= 20


_MANY_DEFECTS = {
    "pack.yaml": """id: many
title: Many defects
language: en
sources:
  - id: article
    title: An article
    publsher: Somebody
""",
    "actors.yaml": """actors:
  - id: ivanova
    name: Ivanova
    kind: person
    role: Led the talks.
    sources:
      - source: article
        quote: Foreign minister Ivanova led the talks
  - id: petrov
    name: Petrov
    kind: minister
    sources:
      - source: article
        quote: Critics said
""",
    "events.yaml": """events:
  - id: signing
    date: "2025-02-30"
    title: The signing
    summary: A treaty was signed.
    sources:
      - source: article
        quote: the treaty was signed
  - id: ratification
    date: "2025-04"
    title: ""
    summary: Parliament ratified it.
    sources:
      - source: article
        quote: the treaty was signed
  - id: celebration
    date: "2025-05"
    title: Celebration
    summary: People celebrated.
    actors: [ivanov]
    sources:
      - source: article
        quote: the treaty was celebrated
""",
    "causes.yaml": """causes:
  - id: celebration
    cause: The treaty was signed.
    effect: People celebrated.
    sources:
      - source: article
        quote: the treaty was signed
""",
    "disputes.yaml": """disputes:
  - id: will-it-last
    question: Will the treaty last?
    positions:
      - claim: It will not.
        sources:
          - source: article
            quote: Critics said the treaty would not last
""",
    "notes.yaml": "events:\n\t- id: later\n",
}


def test_a_pack_with_many_defects_reports_all_of_them_sorted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = tmp_path / "many"
    pack.mkdir()
    for name, text in _MANY_DEFECTS.items():
        (pack / name).write_text(text, encoding="utf-8")

    result = _validate(tmp_path, "many", monkeypatch=monkeypatch)

    _assert_no_crash(result)
    lines = result.stderr.splitlines()
    assert lines == [
        "many/actors.yaml:9:5: error: actors[petrov]: missing required field 'role' [missing]",
        "many/actors.yaml:11:11: error: actors[petrov].kind: expected one of 'person', 'state', "
        "'organization' or 'group', got 'minister' [type]",
        "many/disputes.yaml:5:7: error: disputes[will-it-last].positions: "
        "needs at least 2 entries, got 1 [type]",
        "many/events.yaml:3:11: error: events[signing].date: "
        "impossible date '2025-02-30': that month has days 1 to 28 [date]",
        "many/events.yaml:11:12: error: events[ratification].title: must not be empty [type]",
        "many/events.yaml:16:9: error: events[celebration].id: duplicate id 'celebration' "
        "(first used at many/causes.yaml:2) [duplicate-id]",
        "many/events.yaml:20:14: error: events[celebration].actors[0]: "
        "unknown actor id 'ivanov'; did you mean 'ivanova'? [unknown-reference]",
        "many/events.yaml:23:16: error: events[celebration].sources[0].quote: "
        "quote not found in the text of source 'article': the text matches it up to «…the treaty "
        "was», then reads «signed in baku. foreign minister…» where the quote has «celebrated…» "
        "[quote-not-found]",
        "many/notes.yaml:2:1: error: tab character in indentation; indent with spaces [tab]",
        "many/pack.yaml:7:5: warning: sources[article].publsher: "
        "unknown key 'publsher'; did you mean 'publisher'? [unknown-key]",
    ]
    assert result.stdout == (
        "many: failed, 9 error(s), 1 warning(s); 2 quote(s) verified\n")
    assert result.exit_code == 1
    locations = [_location(line) for line in lines]
    assert locations == sorted(locations)


def _location(line: str) -> tuple[str, int, int]:
    match = re.match(r"([^:]+):(\d+):(\d+): ", line)
    assert match, line
    return match[1], int(match[2]), int(match[3])
