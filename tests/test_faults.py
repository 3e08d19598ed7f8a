"""Odd files, odd values and faults of the machine: a located problem or one line, never a bug.

Each case is one a user meets by accident (a crash leaves a file of NUL bytes, a pipe closes
early, a library swallows Ctrl-C); what it must get is a message that names the cause and
an exit code of its own, not "internal error" and not a traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

from quizgen import validate as validate_module
from quizgen.cli import main
from test_reliability import MINI, run, write_pack

QUIZGEN = [sys.executable, "-m", "quizgen"]


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "content" / "mini", MINI)


# --- files that are not what they seem ----------------------------------------------------

def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link_to_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _dangling(path: Path) -> None:
    path.symlink_to("nowhere.yaml")


def _folder(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize("make, message", [
    (_fifo, "odd.yaml: error: not a regular file (a named pipe) [not-a-file]"),
    (_link_to_zero, "odd.yaml: error: not a regular file (a character device) [not-a-file]"),
    (_loop, "odd.yaml: error: cannot read file: it is a link that leads back to itself "
            "[unreadable]"),
    (_dangling, "odd.yaml: error: cannot read file: it is a link to a missing file [unreadable]"),
    (_folder, "odd.yaml: error: not a regular file (a folder) [not-a-file]"),
], ids=["fifo", "link-to-dev-zero", "link-loop", "dangling-link", "folder"])
def test_an_odd_yaml_file_is_a_located_error_not_a_hang(
        mini: Path, make: Callable[[Path], None], message: str) -> None:
    make(mini / "odd.yaml")

    # The timeout guards against the hang itself; it is no speed target.
    done = subprocess.run([*QUIZGEN, "validate", str(mini)], capture_output=True, text=True,
                          timeout=120, cwd=mini.parent)

    assert done.returncode == 1
    assert f"mini/{message}" in done.stderr.splitlines(), done.stderr
    assert "Traceback" not in done.stderr


def test_a_file_of_nul_bytes_is_one_problem(mini: Path) -> None:
    (mini / "crashed.yaml").write_bytes(b"events:\n" + b"\0" * 5_000_000)

    result = run("validate", mini)

    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if "crashed.yaml" in line] == [
        f"{mini}/crashed.yaml:2:1: error: NUL byte: this is not a text file (damaged, or not "
        "YAML at all) [binary-file]"]


def test_control_characters_are_reported_up_to_a_limit(mini: Path) -> None:
    (mini / "noisy.yaml").write_text("events:\n" + "# \x01\x02\n" * 10_000, encoding="utf-8")

    result = run("validate", mini)

    lines = [line for line in result.stderr.splitlines() if "noisy.yaml" in line]
    assert len(lines) == 101
    assert lines[-1].endswith("error: more than 100 tab or control-character problems; "
                              "the rest of the file is not checked [too-many-problems]")


# --- characters that hide or drive the terminal --------------------------------------------

@pytest.mark.parametrize("written, shown, named", [
    ("bridge\\u200b-vote", "bridge\\u200b-vote", "U+200B ZERO WIDTH SPACE"),
    ("bridg\\u0435-vote", "bridg\u0435-vote", "U+0435 CYRILLIC SMALL LETTER IE"),
    ("vote\\u202eetov", "vote\\u202eetov", "U+202E RIGHT-TO-LEFT OVERRIDE"),
], ids=["zero-width-space", "cyrillic-look-alike", "right-to-left-override"])
def test_an_id_with_a_hidden_or_look_alike_character_names_it(
        mini: Path, written: str, shown: str, named: str) -> None:
    (mini / "events.yaml").write_text((mini / "events.yaml").read_text(encoding="utf-8").replace(
        "id: summit", f'id: "{written}"'), encoding="utf-8")

    result = run("validate", mini)

    assert result.exit_code == 1
    assert (f"'{shown}' is not a valid id: use lowercase latin letters, digits and single "
            f"hyphens (it contains {named}) [type]") in result.stderr


def test_terminal_escapes_in_a_folder_name_are_shown_as_text(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "content" / "mini\x1b]0;owned\x07\x1b[2J", MINI)

    result = run("validate", folder)

    assert "\x1b" not in result.output and "\x07" not in result.output
    assert f"{tmp_path}/content/mini\\x1b]0;owned\\x07\\x1b[2J: ok" in result.stdout


# --- faults of the machine and of the environment ------------------------------------------

def test_a_closed_output_pipe_is_one_line_and_its_own_exit_code(mini: Path,
                                                                tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `quizgen build | true` leaves it, without the race

    done = subprocess.run([*QUIZGEN, "build", str(mini), "--out", str(tmp_path / "decks")],
                          stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300)
    os.close(write_end)

    assert done.returncode == 74
    assert done.stderr.splitlines()[-1] == (
        "quizgen: error: the output was closed before everything was written (broken pipe)")
    assert "Traceback" not in done.stderr


def test_running_out_of_memory_is_one_line_and_its_own_exit_code(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr(validate_module, "validate_pack", refuse)

    result = run("validate", mini)

    assert result.exit_code == 71
    assert result.stderr == ("quizgen: error: out of memory (raise the memory limit, or build "
                             "fewer packs at once)\n")


def test_an_interrupt_a_library_swallows_still_ends_the_run_as_interrupted(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = validate_module.validate_pack

    def swallowing(*args: Any, **kwargs: Any) -> Any:
        try:
            os.kill(os.getpid(), signal.SIGINT)  # a real Ctrl-C, taken by the real handler
        except KeyboardInterrupt:
            pass  # what a library compiling a pattern did with it
        return real(*args, **kwargs)

    monkeypatch.setattr(validate_module, "validate_pack", swallowing)

    result = run("validate", mini)

    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == (
        "quizgen: error: interrupted; each output file is either as it was or fully written")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.parametrize("epoch, message", [
    ("\u00b2", "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got '\u00b2'"),
    ("\u0661\u0662", "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, "
                     "got '\u0661\u0662'"),
    ("10000000000000000", "SOURCE_DATE_EPOCH must be at most 253402300799 (the end of year "
                          "9999), got '10000000000000000'"),
], ids=["superscript-two", "arabic-indic-digits", "past-year-9999"])
def test_a_source_date_epoch_that_is_no_time_is_a_usage_error(
        mini: Path, tmp_path: Path, epoch: str, message: str) -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["build", str(mini), "--out", str(tmp_path / "decks")],
                                env={"SOURCE_DATE_EPOCH": epoch})

    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "decks").exists()


def test_a_lock_time_past_year_9999_is_a_broken_lock(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "decks"
    assert run("build", mini, "--out", out).exit_code == 0
    lock = out / "mini.lock.json"
    text = lock.read_text(encoding="utf-8")
    lock.write_text(text.replace('"changed": ', '"changed": 1000000', 1), encoding="utf-8")

    result = run("build", mini, "--out", out)

    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(
        f"quizgen: error: {out}/mini.lock.json is not a valid quizgen deck lock (")
    assert "less than or equal to 253402300799" in result.stderr


@pytest.mark.parametrize("value", ["matching=501", "matching=-1", "matching=\u0661"],
                         ids=["too-many", "negative", "arabic-indic-digit"])
def test_a_type_count_outside_its_range_is_a_usage_error(mini: Path, tmp_path: Path,
                                                         value: str) -> None:
    result = run("build", mini, "--out", tmp_path / "decks", "--type-count", value)

    assert result.exit_code == 2
    assert f"'{value}': expected TYPE=N with N from 0 to 500" in result.stderr


def test_a_date_in_other_digits_than_ascii_is_refused(mini: Path) -> None:
    (mini / "events.yaml").write_text((mini / "events.yaml").read_text(encoding="utf-8").replace(
        'date: "2003"', 'date: "\u0662\u0660\u0660\u0663"'), encoding="utf-8")

    result = run("validate", mini)

    assert result.exit_code == 1
    assert "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '\u0662\u0660\u0660\u0663'" \
        in result.stderr
