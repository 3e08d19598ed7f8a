"""Trustworthy builds: atomic, reproducible, safe with hostile content and a hostile machine.

Every test drives the real ``quizgen`` command — in-process with click's
``CliRunner``, or as a child process where a signal, another hash seed or a full
disk must be real — on small packs written inline. README's Reliability section lists
what each test tries and what must happen.
"""

from __future__ import annotations

import errno
import functools
import html.parser
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Iterator

import pytest
import yaml
from click.testing import CliRunner, Result
from playwright.sync_api import Browser, Page, sync_playwright

from quizgen import files, load
from quizgen.bank import build_bank
from quizgen.cli import main
from quizgen.lock import read_lock
from quizgen.render.pdf import BROWSER_FLAGS
from quizgen.validate import validate_pack
from quiz_packs import edit, write_pack_files

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "bad_corpus"
ARTICLES = REPO.parent / "shared" / "articles"
T0 = 1_700_000_000
T1 = T0 + 86_400
OUTPUTS = ["mini-quiz-key.html", "mini-quiz.html", "mini-study.html", "mini.apkg", "mini.lock.json"]

# The article the mini pack quotes, for the cases that give its source a text file.
ARTICLE = ("Alpha signed first, and the treaty was signed. Beta fired: shots across the "
           "border. Later the leaders met again.\n")
MINI = {
    "pack.yaml": """\
        id: mini
        title: Mini history
        language: en
        sources:
          - id: chronicle
            title: The Chronicle
        quiz:
          questions: 6
        """,
    "events.yaml": """\
        events:
          - id: treaty
            date: "2001-05-03"
            title: The treaty is signed
            summary: Alpha and Beta sign a treaty.
            actors: [alpha, beta]
            sources:
              - source: chronicle
                quote: the treaty was signed
          - id: clash
            date: "2002-07"
            title: A clash at the border
            summary: Beta fires across the border.
            actors: [beta]
            sources:
              - source: chronicle
                quote: shots across the border
          - id: summit
            date: "2003"
            title: The summit
            summary: Leaders meet again.
            sources:
              - source: chronicle
                quote: the leaders met again
        """,
    "actors.yaml": """\
        actors:
          - id: alpha
            name: Alpha
            kind: state
            role: Signs the treaty first.
            sources:
              - source: chronicle
                quote: Alpha signed first
          - id: beta
            name: Beta
            kind: state
            role: Fires across the border.
            sources:
              - source: chronicle
                quote: Beta fired
        """,
}


# --- helpers ---------------------------------------------------------------------------

def write_pack(folder: Path, files: dict[str, str] = MINI) -> Path:
    return write_pack_files(folder, files)


def run(*args: object, epoch: int = T0) -> Result:
    """``quizgen ARGS`` in-process, with a fixed SOURCE_DATE_EPOCH; never a traceback."""
    result = CliRunner().invoke(main, [str(arg) for arg in args],
                                env={"SOURCE_DATE_EPOCH": str(epoch)})
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def snapshot(folder: Path) -> dict[str, bytes] | None:
    """Every file in a folder, hidden ones included; ``None`` when there is no folder."""
    if not folder.is_dir():
        return None
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def last_error(result: Result) -> str:
    return result.stderr.splitlines()[-1]


_PROBLEM = re.compile(r"^\S.*?: (error|warning): .* \[[a-z-]+\]$")


def problems(result: Result) -> list[str]:
    """The error and warning lines, then the final error line: no progress, no info."""
    lines = result.stderr.splitlines()
    return [line for line in lines[:-1] if _PROBLEM.match(line)] + lines[-1:]


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "content" / "mini")


@pytest.fixture
def built(mini: Path, tmp_path: Path) -> Path:
    """The mini pack built once to ``tmp_path/decks``: the earlier outputs to keep safe."""
    out = tmp_path / "decks"
    assert run("build", mini, "--out", out).exit_code == 0
    assert sorted(snapshot(out) or {}) == OUTPUTS
    return out


# --- 1. atomic outputs -----------------------------------------------------------------

def test_content_with_errors_writes_nothing(mini: Path, built: Path) -> None:
    before = snapshot(built)
    edit(mini / "events.yaml", '"2002-07"', '"2002-13"')
    (mini / "more.yaml").write_text("events: [\n", encoding="utf-8")

    result = run("build", mini, "--out", built)

    assert result.exit_code == 1
    assert "error: events[clash].date: impossible date '2002-13'" in result.stderr
    assert last_error(result) == "quizgen: error: 2 error(s) in content"
    assert snapshot(built) == before


def test_one_bad_pack_stops_the_whole_build(mini: Path, tmp_path: Path) -> None:
    other = write_pack(tmp_path / "content" / "other")
    edit(other / "pack.yaml", "id: mini", "id: other")
    edit(other / "actors.yaml", "kind: state", "kind: empire")
    out = tmp_path / "decks"

    result = run("build", mini, other, "--out", out)

    assert result.exit_code == 1
    assert "actors[alpha].kind: expected one of" in result.stderr
    assert result.stderr.splitlines()[-1].endswith(
        f"; not built: {other}, nor the 1 other pack(s), since a build writes all or nothing; "
        "--keep-going builds the sound ones")
    assert not out.exists(), "the sound pack was written although another pack failed"


def test_keep_going_builds_the_sound_packs_and_still_fails(mini: Path, tmp_path: Path) -> None:
    other = write_pack(tmp_path / "content" / "other")
    edit(other / "pack.yaml", "id: mini", "id: other")
    edit(other / "actors.yaml", "kind: state", "kind: empire")
    out = tmp_path / "decks"

    result = run("build", mini, other, "--out", out, "--keep-going")

    assert result.exit_code == 1
    assert "actors[alpha].kind: expected one of" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"quizgen: error: not built for their errors: {other}; the other packs were built")
    assert sorted(path.name for path in out.iterdir()) == [
        "mini-quiz-key.html", "mini-quiz.html", "mini-study.html", "mini.apkg", "mini.lock.json"]


# A build whose writer stops after renaming its first file into place: it writes a
# marker, then sleeps until the test signals it.
# Ctrl-C reaches a build started from a terminal; a test run started in the background
# of a shell inherits SIGINT ignored, so the build restores Python's own handler first.
_STOPPED_BUILD = """
import os, signal, sys, time
from pathlib import Path
from quizgen.cli import main
signal.signal(signal.SIGINT, signal.default_int_handler)
real_replace = os.replace
def replace_then_wait(src, dst):
    real_replace(src, dst)
    Path(sys.argv[1]).write_text("renamed " + os.path.basename(dst))
    time.sleep(60)
os.replace = replace_then_wait
main(sys.argv[2:], prog_name="quizgen")
"""


def _stop_mid_write(pack: Path, out: Path, marker: Path,
                    sig: signal.Signals) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(T1)}
    child = subprocess.Popen(
        [sys.executable, "-c", _STOPPED_BUILD, str(marker), "build", str(pack), "--out", str(out)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        assert marker.exists(), "the build never renamed a file"
    finally:
        child.send_signal(sig)
        stdout, stderr = child.communicate(timeout=60)
    return subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr)


@pytest.fixture
def two_versions(mini: Path, built: Path, tmp_path: Path) -> tuple[dict[str, bytes], ...]:
    """The earlier outputs, and what the edited pack builds to from them."""
    before = snapshot(built) or {}
    edit(mini / "events.yaml", "The summit", "The second summit")
    edit(mini / "actors.yaml", "Fires across", "Shoots across")
    # The title heads every output, a quiz's key and its student copy alike.
    edit(mini / "pack.yaml", "title: Mini history", "title: Mini history, second edition")
    reference = tmp_path / "reference"
    shutil.copytree(built, reference)
    assert run("build", mini, "--out", reference, epoch=T1).exit_code == 0
    after = snapshot(reference) or {}
    assert all(before[name] != after[name] for name in OUTPUTS), "every output must change"
    return before, after


def _assert_each_file_old_or_new(out: Path, before: dict[str, bytes],
                                 after: dict[str, bytes]) -> None:
    files = {name: data for name, data in (snapshot(out) or {}).items()
             if not name.startswith(".")}
    assert sorted(files) == OUTPUTS
    assert all(files[name] in (before[name], after[name]) for name in OUTPUTS)
    assert any(files[name] == after[name] for name in OUTPUTS), "no file was renamed"
    assert any(files[name] == before[name] for name in OUTPUTS), "the build was not stopped"


def test_killed_build_leaves_every_output_whole(mini: Path, built: Path, tmp_path: Path,
                                                two_versions) -> None:
    before, after = two_versions

    killed = _stop_mid_write(mini, built, tmp_path / "marker", signal.SIGKILL)

    assert killed.returncode == -signal.SIGKILL
    _assert_each_file_old_or_new(built, before, after)
    assert run("build", mini, "--out", built, epoch=T1).exit_code == 0
    assert snapshot(built) == after, "the next build must finish the job and clean up"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupted_build_is_a_one_line_error(mini: Path, built: Path, tmp_path: Path,
                                               two_versions, sig: signal.Signals) -> None:
    before, after = two_versions

    stopped = _stop_mid_write(mini, built, tmp_path / "marker", sig)

    assert stopped.returncode == 130
    assert "Traceback" not in stopped.stderr
    assert stopped.stderr.splitlines()[-1] == (
        "quizgen: error: interrupted; each output file is either as it was or fully written")
    _assert_each_file_old_or_new(built, before, after)
    assert not [p.name for p in built.iterdir() if p.name.startswith(".")], "temp files left"


# --- 2. reproducible builds ------------------------------------------------------------

def test_source_date_epoch_stamps_a_fresh_lock(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "decks"

    assert run("build", mini, "--out", out, epoch=T0).exit_code == 0

    lock = read_lock(out / "mini.lock.json", "mini")
    pack = validate_pack(mini).pack
    assert pack is not None
    assert lock is not None and sorted(lock.notes) == sorted(q.id for q in build_bank(pack).questions)
    assert {stamp.changed for stamp in [*lock.notes.values(), *lock.note_types.values()]} == {T0}
    with zipfile.ZipFile(out / "mini.apkg") as archive:
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        assert {mod for (mod,) in db.execute("select mod from notes")} == {T0}
    finally:
        db.close()


_BUILD_IN_PROCESS = [sys.executable, "-m", "quizgen", "build", "content/mini", "--out", "decks"]


def test_fresh_builds_are_byte_identical_across_folders_and_processes(tmp_path: Path) -> None:
    outputs = []
    for name, hash_seed, zone in [("one", "1", "UTC0"), ("two", "4242", "JST-9")]:
        root = tmp_path / name
        write_pack(root / "content" / "mini")
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(T0), "PYTHONHASHSEED": hash_seed,
               "TZ": zone}
        done = subprocess.run(_BUILD_IN_PROCESS, cwd=root, env=env, capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        outputs.append(snapshot(root / "decks"))
    assert sorted(outputs[0] or {}) == OUTPUTS
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("value", ["yesterday", "-1", "1.5e9"])
def test_malformed_source_date_epoch_is_refused(mini: Path, tmp_path: Path, value: str) -> None:
    out = tmp_path / "decks"
    result = CliRunner().invoke(main, ["build", str(mini), "--out", str(out)],
                                env={"SOURCE_DATE_EPOCH": value})

    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in result.stderr and value in result.stderr
    assert not out.exists()


def _edit_content(mini: Path, out: Path) -> list[str]:
    edit(mini / "pack.yaml", "title: Mini history", "title: Mini history, revised")
    edit(mini / "actors.yaml", "Signs the treaty first.", "Signs the treaty before Beta.")
    return OUTPUTS  # the title names the decks and heads the quiz; the role is in a note


def _remove_output(mini: Path, out: Path) -> list[str]:
    (out / "mini-quiz.html").unlink()
    return ["mini-quiz.html"]


def _tamper_output(mini: Path, out: Path) -> list[str]:
    apkg = out / "mini.apkg"
    data = bytearray(apkg.read_bytes())
    data[len(data) // 2] ^= 0xFF
    apkg.write_bytes(bytes(data))
    return ["mini.apkg"]


def _remove_folder(mini: Path, out: Path) -> list[str]:
    shutil.rmtree(out)
    return OUTPUTS


def _nothing(mini: Path, out: Path) -> list[str]:
    return []


@pytest.mark.parametrize("change", [_nothing, _edit_content, _remove_output, _tamper_output,
                                    _remove_folder],
                         ids=["up-to-date", "edited-content", "missing-output",
                              "tampered-output", "no-output-folder"])
def test_check_names_stale_outputs_and_writes_nothing(mini: Path, built: Path,
                                                      change) -> None:
    stale = change(mini, built)
    before = snapshot(built)

    result = run("build", "--check", mini, "--out", built, epoch=T1)

    assert snapshot(built) == before, "--check wrote to the output folder"
    named = sorted(Path(line.split(": ", 1)[0]).name for line in result.stdout.splitlines()
                   if line.endswith(" (stale)"))
    assert named == sorted(stale)
    if stale:
        assert result.stdout.splitlines()[-1] == f"{len(stale)} stale file(s)"
        assert result.exit_code == 1
    else:
        assert result.stdout.splitlines()[-1] == "all outputs are up to date"
        assert result.exit_code == 0


def test_committed_decks_are_up_to_date() -> None:
    """What ``make test`` checks first: decks/ is what content/ builds to."""
    packs = sorted(path.parent for path in (REPO / "content").glob("*/pack.yaml"))
    sources = ["--sources", ARTICLES] if any(ARTICLES.glob("*.txt")) else []

    result = run("build", "--check", *packs, "--out", REPO / "decks", *sources)

    assert result.stdout.splitlines()[-1] == "all outputs are up to date", result.stdout
    assert result.exit_code == 0


# --- 3. hostile content ----------------------------------------------------------------

@pytest.mark.parametrize("case, expected", [
    ("alias-bomb", "alias-bomb/events.yaml:7:8: error: document expands to more than "
                   "1000000 values (too many aliases?) [too-large]"),
    ("deep-nesting", "deep-nesting/events.yaml:1:48: error: nesting deeper than 40 levels "
                     "is not allowed [too-deep]"),
], ids=["alias-bomb", "deep-nesting"])
def test_yaml_bombs_are_refused_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     case: str, expected: str) -> None:
    shutil.copytree(CORPUS / case, tmp_path / case)
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()

    result = run("build", case, "--out", "decks")

    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    assert expected in result.stderr.splitlines()
    assert not (tmp_path / "decks").exists()


_PAST_LIBYAML = 1_200  # deeper than libyaml's own limit of 1,000 levels


@pytest.mark.parametrize("text, line, col", [
    ("a: " + "[" * _PAST_LIBYAML + "]" * _PAST_LIBYAML + "\n", 1, 43),
    ("a: " + "{b: " * _PAST_LIBYAML + "1" + "}" * _PAST_LIBYAML + "\n", 1, 157),
    ("a: " + "[" * _PAST_LIBYAML + "\n", 1, 43),
    ("a:\n" + "".join("  " * depth + "-\n" for depth in range(1, _PAST_LIBYAML)), 41, 81),
], ids=["flow-sequences", "flow-mappings", "unclosed-flow", "block-sequences"])
def test_deep_nesting_is_refused_at_the_level_past_the_limit(text: str, line: int,
                                                             col: int) -> None:
    """quizgen's own limit decides, whichever parser would stop first and with what message."""
    _, problems = load.parse_document(text, "f.yaml")

    assert [(p.line, p.col, p.code) for p in problems] == [(line, col, "too-deep")]


@pytest.mark.parametrize("old, limit, expected", [
    ("The summit", 2000,
     "mini/events.yaml:20:12: error: events[summit].title: "
     "text is too long (more than 2000 characters) [type]"),
    ("the leaders met again", 1000,
     "mini/events.yaml:24:16: error: events[summit].sources[0].quote: "
     "text is too long (more than 1000 characters) [type]"),
], ids=["title", "quote"])
def test_text_over_the_length_limit_is_refused(mini: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, old: str,
                                               limit: int, expected: str) -> None:
    monkeypatch.chdir(mini.parent)
    edit(mini / "events.yaml", old, "x" * limit)
    assert run("build", "mini", "--out", tmp_path / "at-limit").exit_code == 0
    edit(mini / "events.yaml", "x" * limit, "x" * (limit + 1))

    result = run("build", "mini", "--out", tmp_path / "decks")

    assert result.exit_code == 1
    assert problems(result) == [expected, "quizgen: error: 1 error(s) in content"]
    assert not (tmp_path / "decks").exists()


@pytest.mark.parametrize("name", ["events.yaml", "article.txt"], ids=["yaml-file", "source-text"])
def test_file_over_the_size_limit_is_refused_fast(mini: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  name: str) -> None:
    monkeypatch.chdir(mini.parent)
    edit(mini / "pack.yaml", "title: The Chronicle", "title: The Chronicle\n    text: article.txt")
    (mini / "article.txt").write_text(ARTICLE, encoding="utf-8")
    with open(mini / name, "ab") as handle:  # sparse: costs no disk and no time
        handle.truncate(files.MAX_FILE_BYTES + 1)
    started = time.monotonic()

    result = run("build", "mini", "--out", tmp_path / "decks")

    assert time.monotonic() - started < 5, "the file was read and scanned"
    assert result.exit_code == 1
    assert (f"mini/{name}: error: file is {files.MAX_FILE_BYTES + 1} bytes; the limit is "
            f"{files.MAX_FILE_BYTES} [file-too-large]") in result.stderr.splitlines()
    assert not (tmp_path / "decks").exists()


@pytest.mark.parametrize("encode, expected", [
    (lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), None),
    (lambda text: text.encode("utf-16"),
     "mini/events.yaml: error: file is UTF-16 encoded; save it as UTF-8 [encoding]"),
    (lambda text: text.replace("Leaders", "Lëaders").encode("latin-1"),
     "mini/events.yaml:21:15: error: file is not valid UTF-8 (byte 0xeb); save it as UTF-8 "
     "[encoding]"),
], ids=["utf8-bom-accepted", "utf16-refused", "latin1-refused"])
def test_encodings(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                   encode, expected: str | None) -> None:
    monkeypatch.chdir(mini.parent)
    events = mini / "events.yaml"
    events.write_bytes(encode(events.read_text(encoding="utf-8")))

    result = run("build", "mini", "--out", tmp_path / "decks")

    if expected is None:
        assert result.exit_code == 0, result.output
        assert sorted(snapshot(tmp_path / "decks") or {}) == OUTPUTS
    else:
        assert result.exit_code == 1
        assert problems(result) == [expected, "quizgen: error: 1 error(s) in content"]
        assert not (tmp_path / "decks").exists()


@pytest.mark.parametrize("written, expected", [
    ("The\x0bsummit", "mini/events.yaml:20:15: error: control character U+000B is not allowed "
                      "[control-character]"),
    ('"The\\x1fsummit"', "mini/events.yaml:20:12: error: events[summit].title: "
                         "control character U+001F is not allowed [control-character]"),
    ('"The \\e[2Jsummit"', "mini/events.yaml:20:12: error: events[summit].title: "
                           "control character U+001B is not allowed [control-character]"),
    ('"The\\0summit"', "mini/events.yaml:20:12: error: events[summit].title: "
                       "control character U+0000 is not allowed [control-character]"),
    # A vertical tab at an end is trimmed as whitespace; a field separator is not.
    ('"\\vThe summit\\x1f"', "mini/events.yaml:20:12: error: events[summit].title: "
                             "control character U+001F is not allowed [control-character]"),
    ('"\\vThe\\x01summit "', "mini/events.yaml:20:12: error: events[summit].title: "
                             "control character U+0001 is not allowed [control-character]"),
], ids=["raw-vertical-tab", "escaped-field-separator", "escaped-terminal-escape",
        "escaped-nul", "separator-at-the-end", "inside-after-trimmed-whitespace"])
def test_control_characters_are_refused(mini: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, written: str,
                                        expected: str) -> None:
    monkeypatch.chdir(mini.parent)
    edit(mini / "events.yaml", "title: The summit", f"title: {written}")

    result = run("build", "mini", "--out", tmp_path / "decks")

    assert result.exit_code == 1
    assert problems(result) == [expected, "quizgen: error: 1 error(s) in content"]
    assert not (tmp_path / "decks").exists()


def test_problem_lines_show_terminal_escapes_as_text(mini: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini.parent)
    edit(mini / "events.yaml", "id: summit", 'id: "\\e]0;owned\\a"\n    "new\\nline": 1')

    result = run("build", "mini", "--out", tmp_path / "decks")

    assert result.exit_code == 1
    assert problems(result)[:2] == [
        "mini/events.yaml:18:9: error: events[\\x1b]0;owned\\x07].id: '\\x1b]0;owned\\x07' is "
        "not a valid id: use lowercase latin letters, digits and single hyphens [type]",
        "mini/events.yaml:19:5: warning: events[\\x1b]0;owned\\x07].new\\x0aline: unknown key "
        "'new\\x0aline'; known keys: id, date, approximate, date_note, date_source, ask_date, "
        "title, summary, actors, tags, skip, example, proposed, sources [unknown-key]",
    ]
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def _text_source(mini: Path, path: str) -> None:
    edit(mini / "pack.yaml", "title: The Chronicle", f"title: The Chronicle\n    text: {path}")


def _outside_file(mini: Path) -> Path:
    outside = mini.parent.parent / "outside.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    return outside


def _parent_path(mini: Path) -> None:
    _outside_file(mini)
    _text_source(mini, "../../outside.txt")


def _absolute_path(mini: Path) -> None:
    _text_source(mini, str(_outside_file(mini)))


def _symlink_to_outside(mini: Path) -> None:
    (mini / "article.txt").symlink_to(_outside_file(mini))
    _text_source(mini, "article.txt")


def _symlinked_folder(mini: Path) -> None:
    (mini / "texts").symlink_to(_outside_file(mini).parent, target_is_directory=True)
    _text_source(mini, "texts/outside.txt")


def _symlink_inside(mini: Path) -> None:
    (mini / "texts").mkdir()
    (mini / "texts" / "real.txt").write_text(ARTICLE, encoding="utf-8")
    (mini / "article.txt").symlink_to(Path("texts") / "real.txt")
    _text_source(mini, "article.txt")


@pytest.mark.parametrize("setup, escapes", [
    (_parent_path, True), (_absolute_path, True), (_symlink_to_outside, True),
    (_symlinked_folder, True), (_symlink_inside, False),
], ids=["dot-dot", "absolute", "symlink-to-outside", "symlinked-folder", "symlink-inside-ok"])
def test_source_paths_must_stay_inside_the_pack(mini: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch, setup,
                                                escapes: bool) -> None:
    monkeypatch.chdir(mini.parent)
    setup(mini)

    result = run("build", "mini", "--out", tmp_path / "decks")

    if escapes:
        assert result.exit_code == 1
        assert problems(result)[:1] == [
            "mini/pack.yaml:7:11: error: sources[chronicle].text: source text path must stay "
            "inside the pack folder [path-escape]"]
        assert not (tmp_path / "decks").exists()
    else:
        assert result.exit_code == 0, result.output


# Markup in every text field of every item: if any of it reached a page or a card as
# markup, a script would run and set the global or the title. The plain word
# "field-<name>" is what must show instead, for every field that is shown at all.
def _payload(field: str, index: int = 0) -> str:
    return (f"field-{field} {index} <script>window.owned='{field}';document.title='owned'"
            f"</script><img src=x onerror=\"window.owned='{field}'\">"
            "<svg onload=\"window.owned=1\"></svg></textarea></title></style><b>bold</b> "
            "{{c1::cloze}} [sound:x.mp3] &amp; {{ 7*7 }}")


def _hostile_pack() -> dict[str, str]:
    """A pack large enough for every quiz question type, with markup in every text field."""
    cite = lambda i: [{"source": "chronicle", "quote": _payload("quote", i)}]  # noqa: E731
    events = [{"id": f"event-{i}", "date": f"{1990 + i}-{i % 12 + 1:02d}",
               "title": _payload("event-title", i), "summary": _payload("event-summary", i),
               "date_note": _payload("date-note", i), "actors": [f"state-{i % 6}"],
               "sources": cite(i)} for i in range(10)]
    actors = [{"id": f"state-{i}", "name": _payload("actor-name", i), "kind": "state",
               "aliases": [_payload("actor-alias", i)], "role": _payload("actor-role", i),
               "sources": cite(i)} for i in range(6)]
    # A link is asked for an end that is a dated event, given the other: prose causes before
    # later events, and early events before prose effects.
    causes = [{"id": f"cause-{i}", "cause": _payload("cause", i) if i < 3 else f"event-{i - 3}",
               "effect": f"event-{i + 7}" if i < 3 else _payload("effect", i),
               "explanation": _payload("cause-explanation", i), "sources": cite(i)}
              for i in range(5)]
    disputes = [{"id": f"dispute-{i}", "question": _payload("dispute-question", i),
                 "explanation": _payload("dispute-explanation", i),
                 "positions": [{"holder": f"state-{i}", "claim": _payload("claim", i),
                                "sources": cite(i)},
                               {"claim": _payload("claim", i + 10), "sources": [
                                   {"source": "gazette", "quote": _payload("quote", i)}]}]}
                for i in range(4)]
    pack = {"id": "hostile", "title": _payload("pack-title"), "language": "en",
            "description": _payload("description"),
            "sources": [{"id": "chronicle", "title": _payload("source-title"),
                         "publisher": _payload("publisher"), "url": _payload("url")},
                        {"id": "gazette", "title": _payload("source-title", 1)}],
            "quiz": {"questions": 40, "variants": 4}}
    dump = functools.partial(yaml.safe_dump, allow_unicode=True, sort_keys=False)
    return {"pack.yaml": dump(pack), "content.yaml": dump(
        {"events": events, "actors": actors, "causes": causes, "disputes": disputes})}


# Where each field is shown; a pack title names decks, not cards.
_ON_CARDS = {"source-title", "event-title", "event-summary", "date-note", "quote", "actor-name",
             "actor-role", "cause", "effect", "cause-explanation", "dispute-question",
             "dispute-explanation", "claim"}
# Quizzes ask no question whose note is a dispute's explanation; their keys list an actor's
# aliases as answers also accepted. Every cause and effect here is the same markup but for
# its number, so each would be a copy of the right answer among the options: none is asked.
_IN_QUIZZES = (_ON_CARDS - {"dispute-explanation", "cause", "effect", "cause-explanation"}
               | {"pack-title", "actor-alias"})
_NOWHERE = {"description", "publisher", "url"}  # read, never shown
_ACTIVE = {"script", "img", "svg", "iframe", "object", "embed", "b", "textarea"}


class _Elements(html.parser.HTMLParser):
    """The elements of a page and any event-handler attributes on them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.handlers: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


@pytest.fixture
def hostile_decks(tmp_path: Path) -> Path:
    pack = write_pack(tmp_path / "content" / "hostile", _hostile_pack())
    out = tmp_path / "decks"
    result = run("build", pack, "--out", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def hostile_cards(hostile_decks: Path, tmp_path: Path) -> list[str]:
    """Both sides of every card, as real Anki renders them after importing the deck."""
    from anki.collection import Collection, ImportAnkiPackageRequest

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        request = ImportAnkiPackageRequest(
            package_path=str(hostile_decks / "hostile.apkg"),
            options=col._backend.get_import_anki_package_presets())
        col.import_anki_package(request)
        cards = [col.get_card(card_id) for card_id in col.find_cards("")]
        assert len(cards) > 10
        return [side for card in cards for side in (card.question(), card.answer())]
    finally:
        col.close()


def _shown_fields(texts: list[str]) -> set[str]:
    return {field for field in _ON_CARDS | _IN_QUIZZES | _NOWHERE
            if any(f"field-{field} " in text for text in texts)}


def test_markup_in_any_field_is_text_on_anki_cards(hostile_cards: list[str]) -> None:
    for side in hostile_cards:
        body = side.split("</style>", 1)[-1]  # Anki puts the note type's CSS first
        elements = _Elements(body)
        assert not elements.tags & _ACTIVE and not elements.handlers, body
    assert _shown_fields(hostile_cards) == _ON_CARDS


# --- in a real browser -----------------------------------------------------------------

@pytest.fixture(scope="module")
def browser(chromium_executable: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_executable,
                                              args=list(BROWSER_FLAGS))
        yield launched
        launched.close()


def _owned(page: Page) -> list[object]:
    """Whether any script from the content ran: the global it sets, the title it sets."""
    page.wait_for_load_state("load")
    return page.evaluate("[window.owned, document.title === 'owned']")


@pytest.mark.browser
def test_markup_on_anki_cards_runs_no_script_in_a_browser(browser: Browser,
                                                          hostile_cards: list[str]) -> None:
    page = browser.new_page()
    try:
        for side in hostile_cards:
            page.set_content(f"<!DOCTYPE html><html><body>{side}</body></html>")
            assert _owned(page) == [None, False], side
    finally:
        page.close()


@pytest.mark.browser
def test_markup_in_any_field_runs_no_script_in_quizzes(browser: Browser,
                                                       hostile_decks: Path) -> None:
    pages = sorted(hostile_decks.glob("hostile-quiz-*.html"))
    assert len(pages) == 9  # four variants, a student copy and a key each; the marking sheet
    shown: list[str] = []
    page = browser.new_page()
    try:
        for path in pages:
            page.goto(path.as_uri())
            assert _owned(page) == [None, False], path.name
            assert page.title().startswith("field-pack-title 0 <script>")
            assert page.locator("script, img, svg, iframe, textarea").count() == 0
            shown.append(page.inner_text("body"))
    finally:
        page.close()
    assert _shown_fields(shown) == _IN_QUIZZES


# --- 4. faults of the environment ------------------------------------------------------

@pytest.mark.parametrize("where", ["file", "under-a-file"])
def test_out_that_is_not_a_folder_is_a_one_line_error(mini: Path, tmp_path: Path,
                                                      where: str) -> None:
    blocker = tmp_path / "decks"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker if where == "file" else blocker / "sub"

    result = run("build", mini, "--out", out)

    assert result.exit_code == 1
    reason = "not a folder" if where == "file" else "Not a directory"
    assert last_error(result) == f"quizgen: error: cannot write {out}: {reason}"
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_out_that_cannot_be_created_is_a_one_line_error(mini: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refused)  # stands in for a read-only parent folder
    out = tmp_path / "read-only" / "decks"

    result = run("build", mini, "--out", out)

    assert result.exit_code == 1
    assert last_error(result) == f"quizgen: error: cannot write {out}: Permission denied"
    assert not out.exists()


def test_full_disk_is_a_one_line_error(mini: Path, built: Path, two_versions,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from quizgen import write

    before, _ = two_versions
    real_fsync = os.fsync
    calls: list[int] = []

    def full_disk(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(write.os, "fsync", full_disk)

    result = run("build", mini, "--out", built, epoch=T1)

    assert result.exit_code == 1
    assert last_error(result) == (
        # the second file written, in order of name: a quiz's key comes first
        f"quizgen: error: cannot write {built / 'mini-quiz.html'}: No space left on device")
    assert snapshot(built) == before


def test_full_temporary_folder_is_a_one_line_error(mini: Path, built: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from quizgen.render import anki

    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(anki.sqlite3, "connect", full)
    before = snapshot(built)
    edit(mini / "events.yaml", "The summit", "The second summit")

    result = run("build", mini, "--out", built, epoch=T1)

    assert result.exit_code == 1
    assert last_error(result).startswith(
        "quizgen: error: cannot build the Anki collection in the temporary folder ")
    assert last_error(result).endswith(": database or disk is full")
    assert snapshot(built) == before


# A tmpfs that is already full, in a private mount namespace: no trace after the test.
_ON_FULL_TMPFS = """
set -e
mount -t tmpfs -o size=512k quizgen-full "$FULL"
mkdir "$FULL/decks" "$FULL/tmp"
cp "$EARLIER"/* "$FULL/decks/"
cat /dev/zero > "$FULL/filler" 2>/dev/null || true
set +e
if [ "$WHERE" = out ]; then
  OUT="$FULL/decks"
else  # Python skips a temporary folder it cannot write 4 bytes to: leave it two pages
  OUT="$EARLIER"; export TMPDIR="$FULL/tmp"; truncate -s -8k "$FULL/filler"
fi
"$PYTHON" -m quizgen build "$PACK" --out "$OUT" >/dev/null 2>"$LOG"
echo "exit $?"
tail -n 1 "$LOG"
cd "$OUT" && ls -A && sha256sum -- *
"""


@pytest.mark.parametrize("where, error, reason", [
    ("out", "quizgen: error: cannot write ", ": No space left on device"),
    ("tmpdir", "quizgen: error: cannot build the Anki collection in the temporary folder ",
     ": database or disk is full"),
], ids=["output-folder", "temporary-folder"])
def test_full_disk_on_a_real_tmpfs(mini: Path, built: Path, tmp_path: Path, where: str,
                                   error: str, reason: str) -> None:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-rm", "true"], capture_output=True,
                                         check=False).returncode:
        pytest.skip("cannot mount a private tmpfs here (needs unshare -rm)")
    hashes = subprocess.run(["sha256sum", *OUTPUTS], cwd=built, capture_output=True,
                            text=True, check=True).stdout
    edit(mini / "events.yaml", "The summit", "The second summit")
    (tmp_path / "full").mkdir()
    env = {**os.environ, "FULL": str(tmp_path / "full"), "EARLIER": str(built),
           "LOG": str(tmp_path / "stderr"), "PACK": str(mini), "PYTHON": sys.executable,
           "WHERE": where, "SOURCE_DATE_EPOCH": str(T1), "LC_ALL": "C"}

    done = subprocess.run([unshare, "-rm", "sh", "-c", _ON_FULL_TMPFS], env=env,
                          capture_output=True, text=True, timeout=120, check=False)

    if "mount" in done.stderr and done.returncode:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.strip()}")
    lines = done.stdout.splitlines()
    assert lines[0] == "exit 1", done.stdout + done.stderr
    assert lines[1].startswith(error) and lines[1].endswith(reason), lines[1]
    assert lines[2:] == [*OUTPUTS, *hashes.splitlines()], "earlier outputs changed or temp left"


# --- the documentation -----------------------------------------------------------------

def test_reliability_doc_names_only_tests_that_exist() -> None:
    """docs/reliability.md backs each row with a test; a renamed test must not leave it stale."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/reliability.md)" in readme
    doc = (REPO / "docs" / "reliability.md").read_text(encoding="utf-8")
    named = re.findall(r"`(?:(test_\w+\.py)(?:::(\w+))?|(test_\w+))`", doc)
    assert len(named) > 30
    for module, function, local in named:
        source = (Path(__file__).parent / (module or "test_reliability.py")).read_text("utf-8")
        name = function or local
        assert not name or f"def {name}(" in source, f"{module or 'test_reliability.py'}::{name}"
