"""Odd files, odd values and faults of the machine: a located problem or one line, never a bug.

Each case is one a user meets by accident (a crash leaves a file of NUL bytes, a pipe closes
early, a library swallows Ctrl-C); what it must get is a message that names the cause and
an exit code of its own, not "internal error" and not a traceback.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any, Callable

import pytest

from quizgen import validate as validate_module
from quizgen.cli import main
from quizgen.render import pdf
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


@pytest.mark.parametrize("value", ["matching=501", "matching=-1", "matching=\u0661",
                                   "matching=" + "9" * 5000],
                         ids=["too-many", "negative", "arabic-indic-digit", "5000-digits"])
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


# --- several packs, odd neighbours, other builds ---------------------------------------------

def test_two_packs_with_one_id_are_refused_and_nothing_is_written(
        mini: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "content" / "copy"
    shutil.copytree(mini, copy)  # an author starting a new pack from an old one

    built = run("build", mini, copy, "--out", tmp_path / "decks")
    checked = run("validate", mini, copy)

    message = (f"{copy}/pack.yaml:1:5: error: id: pack id 'mini' is also the id of {mini}: "
               "their decks and quizzes would overwrite each other; give this pack an id of its "
               "own [duplicate-pack-id]")
    assert built.exit_code == 1 and message in built.stderr.splitlines()
    assert checked.exit_code == 1 and message in checked.stderr.splitlines()
    assert not (tmp_path / "decks").exists()


def _odd_neighbours(folder: Path) -> None:
    """What a pack folder can hold beside its YAML: none of it is content."""
    os.mkfifo(folder / "pipe")
    (folder / "zero.bin").symlink_to("/dev/zero")
    (folder / "loop.txt").symlink_to("loop.txt")
    with (folder / "lecture.mkv").open("wb") as video:
        video.truncate(2 * 1024 ** 3)  # sparse: 2 GiB that take no disk
    (folder / os.fsdecode(b"notes-\xff.txt")).write_bytes(b"from an old zip\n")


def test_odd_files_beside_the_content_neither_hang_nor_cost_a_build(
        mini: Path, tmp_path: Path) -> None:
    _odd_neighbours(mini)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000",
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [*QUIZGEN, "build", str(mini), "--out", str(tmp_path / "decks")]

    # The timeouts guard against the hang itself; they are no speed targets.
    first = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    second = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in first.stderr + second.stderr
    assert list((tmp_path / "cache" / "quizgen" / "builds").glob("mini-*.json"))
    assert second.stdout.splitlines()[0] == "mini: Anki notes unchanged since the lock"


def test_a_file_edited_during_a_build_and_reverted_is_built_again(
        mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    out = tmp_path / "decks"
    events = mini / "events.yaml"
    assert run("build", mini, "--out", out).exit_code == 0
    before = events.read_text(encoding="utf-8").replace("The summit", "The summit of leaders")
    events.write_text(before, encoding="utf-8")  # what the next build starts from
    real = validate_module.validate_pack

    def edited_meanwhile(*args: Any, **kwargs: Any) -> Any:
        events.write_text(before.replace("The summit of leaders", "The edited summit"),
                          encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(validate_module, "validate_pack", edited_meanwhile)
    assert run("build", mini, "--out", out).exit_code == 0
    monkeypatch.setattr(validate_module, "validate_pack", real)
    events.write_text(before, encoding="utf-8")  # an editor's undo, a `git stash`

    again = run("build", mini, "--out", out)

    assert again.exit_code == 0
    with zipfile.ZipFile(out / "mini.apkg") as package:
        collection = package.read("collection.anki2")
    assert b"The edited summit" not in collection
    assert "The summit of leaders".encode() in collection


def _large_pack(folder: Path, events: int) -> Path:
    """The mini pack with ``events`` more events: a deck that takes a while to write."""
    write_pack(folder, MINI)
    more = "".join(
        f"  - id: event-{index}\n    date: \"{1000 + index % 999}\"\n"
        f"    title: Event number {index}\n    summary: Something numbered {index} happens.\n"
        "    sources:\n      - source: chronicle\n        quote: the treaty was signed\n"
        for index in range(events))
    (folder / "more.yaml").write_text("events:\n" + more, encoding="utf-8")
    return folder


def test_a_killed_builds_temporary_folder_is_removed_by_the_next_build(
        tmp_path: Path) -> None:
    pack = _large_pack(tmp_path / "content" / "large", events=3000)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "SOURCE_DATE_EPOCH": "1700000000",
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [*QUIZGEN, "build", str(pack), "--out", str(tmp_path / "decks")]
    killed = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while not list(temp.glob("quizgen-apkg-*")) and time.monotonic() < deadline:
            if killed.poll() is not None:
                pytest.fail("the build ended before it made its temporary folder")
            time.sleep(0.01)
        killed.send_signal(signal.SIGKILL)
    finally:
        killed.wait()
    assert list(temp.glob("quizgen-apkg-*")), "the kill left nothing to clean up"

    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)

    assert done.returncode == 0, done.stderr
    assert not list(temp.glob("quizgen-apkg-*"))


def test_a_second_build_into_one_folder_waits_for_the_first(mini: Path, tmp_path: Path) -> None:
    import fcntl

    out = tmp_path / "decks"
    out.mkdir()
    held = os.open(out, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # as a build in another process holds it
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000",
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    second = subprocess.Popen([*QUIZGEN, "build", str(mini), "--out", str(out)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert second.stderr is not None
        waiting = second.stderr.readline()
        assert waiting == (f"quizgen: another build is writing to {out}; waiting for it to "
                           "finish\n")
        assert second.poll() is None and not list(out.iterdir())
    finally:
        os.close(held)  # the first build ends
    stdout, stderr = second.communicate(timeout=300)

    assert second.returncode == 0, stderr
    assert sorted(path.name for path in out.iterdir()) == [
        "mini-quiz-key.html", "mini-quiz.html", "mini-study.html", "mini.apkg", "mini.lock.json"]


# --- values the loader and the model refuse ------------------------------------------------

def test_a_merge_key_is_refused_where_it_stands(mini: Path) -> None:
    (mini / "events.yaml").write_text((mini / "events.yaml").read_text(encoding="utf-8").replace(
        "  - id: summit\n", "  - id: summit\n    <<: {approximate: true}\n"), encoding="utf-8")

    result = run("validate", mini)

    assert result.exit_code == 1
    assert any(line.endswith("error: merge keys ('<<') are not supported: write the keys out "
                             "in full [merge-key]") and "events.yaml:" in line
               for line in result.stderr.splitlines()), result.stderr


@pytest.mark.parametrize("written", ["0x7E8", "+2024", "0o3750"], ids=["hex", "plus", "octal"])
def test_a_year_written_as_another_spelling_of_the_number_is_refused(mini: Path,
                                                                     written: str) -> None:
    (mini / "events.yaml").write_text((mini / "events.yaml").read_text(encoding="utf-8").replace(
        'date: "2003"', f"date: {written}"), encoding="utf-8")

    result = run("validate", mini)

    assert result.exit_code == 1
    assert f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '{written}'" in result.stderr


def test_a_committed_link_at_an_output_path_is_replaced_never_written_through(
        mini: Path, tmp_path: Path) -> None:
    """A checkout's ``decks/<pack>-quiz.gift.txt`` linked to a shell start-up file: the link
    goes, the file it pointed to stays as it was, whatever the pack's title holds."""
    out, home = tmp_path / "decks", tmp_path / "home"
    out.mkdir()
    home.mkdir()
    (home / ".bashrc").write_text("# the user's own\n")
    (out / "mini-quiz.gift.txt").symlink_to(home / ".bashrc")
    (out / "mini.apkg").symlink_to(home / "made-on-the-way" / "deck.apkg")  # dangling
    pack_file = mini / "pack.yaml"
    pack_file.write_text(pack_file.read_text(encoding="utf-8").replace(
        "title: Mini history", 'title: "Mini history\\necho PWNED > owned\\n"'),
        encoding="utf-8")

    result = run("build", mini, "--out", out, "--export", "gift")

    assert result.exit_code == 0, result.output
    assert (home / ".bashrc").read_text() == "# the user's own\n"
    assert sorted(p.name for p in home.iterdir()) == [".bashrc"]
    for name in ("mini-quiz.gift.txt", "mini.apkg"):
        assert (out / name).is_file() and not (out / name).is_symlink()
    assert zipfile.is_zipfile(out / "mini.apkg")


def test_a_folder_at_an_output_path_stops_the_build_before_any_output_is_replaced(
        mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "decks"
    assert run("build", mini, "--out", out).exit_code == 0
    events = mini / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "Leaders meet again.", "Leaders meet again, in the capital."), encoding="utf-8")
    (out / "mini.apkg").unlink()
    (out / "mini.apkg").mkdir()
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    result = run("build", mini, "--out", out)

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"quizgen: error: cannot write {out / 'mini.apkg'}: a folder stands where the output "
        "goes; remove it"]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_edits_reach_learners_after_the_lock_is_lost_and_the_clock_is_behind(
        mini: Path, tmp_path: Path) -> None:
    from anki.collection import Collection

    from test_anki import import_apkg

    out = tmp_path / "decks"
    assert run("build", mini, "--out", out, epoch=1_800_000_000).exit_code == 0
    learner = Collection(str(tmp_path / "learner.anki2"))
    try:
        assert import_apkg(learner, out / "mini.apkg").new
        events = mini / "events.yaml"
        events.write_text(events.read_text(encoding="utf-8").replace(
            "Leaders meet again.", "Leaders meet again, in the capital."), encoding="utf-8")
        (out / "mini.lock.json").unlink()  # as a corrupt lock's message once advised

        rebuilt = run("build", mini, "--out", out, epoch=1_700_000_000)  # an older time

        assert rebuilt.exit_code == 0
        log = import_apkg(learner, out / "mini.apkg")
        edited = [learner.get_note(note_id) for note_id in learner.find_notes("capital")]
        assert log.updated and edited, "the edit did not reach the learner"
    finally:
        learner.close()


@pytest.mark.parametrize("renamed_in_anki", [False, True], ids=["as-told-not", "as-told"])
def test_a_new_pack_title_says_how_to_keep_the_cards_together(
        mini: Path, tmp_path: Path, renamed_in_anki: bool) -> None:
    from anki.collection import Collection

    from test_anki import import_apkg

    out = tmp_path / "decks"
    assert run("build", mini, "--out", out).exit_code == 0
    learner = Collection(str(tmp_path / "learner.anki2"))
    try:
        import_apkg(learner, out / "mini.apkg")
        (mini / "pack.yaml").write_text((mini / "pack.yaml").read_text(encoding="utf-8").replace(
            "title: Mini history", "title: A history in small"), encoding="utf-8")

        rebuilt = run("build", mini, "--out", out)

        assert ("  decks renamed: 'Mini history' is now 'A history in small'; in Anki, rename "
                "the deck 'Mini history' to 'A history in small' before importing, or the cards "
                "already there stay in it") in rebuilt.stdout.splitlines()
        if renamed_in_anki:
            old = learner.decks.by_name("Mini history")
            assert old is not None
            learner.decks.rename(old, "A history in small")
        import_apkg(learner, out / "mini.apkg")
        decks = {learner.decks.name(learner.get_card(card).did).split("::")[0]
                 for card in learner.find_cards("")}
        assert decks == ({"A history in small"} if renamed_in_anki else {"Mini history"})
    finally:
        learner.close()


# --- Ctrl-C while the command starts -----------------------------------------------------

# What the interpreter itself does with an interrupt before it runs any of quizgen (the
# same as it does running a script of one line): it stops in its own start-up, reports
# the bare exception, or reports and drops the interrupt. Once quizgen runs, a dropped
# interrupt is remembered and the run ends as interrupted.
_INTERPRETER_OWN = (
    re.compile(r"\AFatal Python error: init_\w+: .*\nPython runtime state: (core )?initialized\n",
               re.S),
    re.compile(r"\AKeyboardInterrupt\n\Z"),
    re.compile(r"\AFailed checking if argv\[0\] is an import path entry\n"),
    re.compile(r"\AException ignored in: <function _get_module_lock\.<locals>\.cb at "),
)


def _before_quizgen(stderr: str) -> bool:
    """Whether a traceback stops before any line of quizgen ran: its frames are the import
    machinery's and the console script's, at its start (line 0) or its first import."""
    frames = re.findall(r'^  File "([^"]*)", line (\d+)', stderr, re.M)
    script = str(Path(sys.executable).with_name("quizgen"))
    first_import = "    from quizgen.__main__ import run\n"
    return (stderr.startswith("Traceback") and stderr.rstrip().endswith("KeyboardInterrupt")
            and bool(frames) and all(
                name.startswith("<frozen ") or (name == script and (
                    line == "0" or first_import in stderr)) for name, line in frames))


def _interrupt_at(delay: float, pack: Path) -> subprocess.CompletedProcess[str]:
    """Start the installed ``quizgen`` command, and press Ctrl-C ``delay`` seconds later."""
    command = Path(sys.executable).with_name("quizgen")
    child = subprocess.Popen(
        [str(command), "validate", str(pack)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(delay)
    if child.poll() is None:
        child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=120)
    return subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr)


def test_ctrl_c_between_the_scripts_import_and_its_call_is_one_line_and_exit_130() -> None:
    # The console script imports run, then runs a line of its own before calling it: an
    # interrupt there is remembered, and run() ends the run as interrupted.
    script = ("import os, signal, sys\n"
              "from quizgen.__main__ import run\n"
              "os.kill(os.getpid(), signal.SIGINT)\n"
              "sys.argv = ['quizgen', '--version']\n"
              "run()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)

    assert (done.returncode, done.stderr) == (130, "quizgen: error: interrupted\n")


def test_ctrl_c_while_the_command_starts_is_one_line_and_exit_130(mini: Path) -> None:
    # Spread over the interpreter's start, the imports of click, pydantic and the
    # content model, and the start of validation.
    attempts = 48
    outcomes: dict[str, int] = {}
    for attempt in range(attempts):
        done = _interrupt_at(0.07 * attempt / attempts, mini)
        if done.returncode == 130:
            assert done.stderr.splitlines()[-1].startswith("quizgen: error: interrupted"), done
            assert "Traceback" not in done.stderr, done.stderr
            outcome = "one line, exit 130"
        elif done.returncode == -signal.SIGINT and not done.stderr:
            outcome = "killed before the interpreter took the signal"
        elif any(p.match(done.stderr) for p in _INTERPRETER_OWN) or (
                done.returncode == -signal.SIGINT and _before_quizgen(done.stderr)):
            outcome = "in the interpreter's own start-up"
        else:
            raise AssertionError(f"at {attempt}: exit {done.returncode}: {done.stderr}")
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    # Most interrupts land while quizgen runs; each of them ended as one.
    assert outcomes.get("one line, exit 130", 0) >= attempts // 2, outcomes


# --- a limit on memory (ulimit -v) -------------------------------------------------------

def _build_within(limit_mb: int, pack: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    limit = limit_mb * 2**20

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache"), "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([str(Path(sys.executable).with_name("quizgen")), "build", str(pack),
                           "--out", str(folder / "out")], preexec_fn=limited, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_memory_limit_ends_a_build_with_one_line_and_its_own_exit_code(
        mini: Path, tmp_path: Path) -> None:
    # From a limit the interpreter barely starts in to one the whole build fits in: the
    # imports, the dictionaries of the Russian analyser, validation, the deck, the quizzes.
    outcomes: dict[int, int] = {}
    for limit_mb in range(40, 220, 6):
        done = _build_within(limit_mb, mini, tmp_path / str(limit_mb))
        if done.returncode == 71:
            assert done.stderr == ("quizgen: error: out of memory (raise the memory limit, or "
                                   "build fewer packs at once)\n"), (limit_mb, done.stderr)
        else:
            assert done.returncode == 0, (limit_mb, done.returncode, done.stderr)
            assert "Traceback" not in done.stderr
        outcomes[done.returncode] = outcomes.get(done.returncode, 0) + 1
    assert outcomes.get(71) and outcomes.get(0), outcomes


# --- faults that were bugs: exit 70 where one line is due (issue 31, finding 10) -------------

_ODD = os.fsdecode(b"odd\xff")  # a folder name that is not UTF-8


@pytest.mark.parametrize("where", ["working-folder", "pack-folder", "out"])
def test_a_folder_name_that_is_not_utf8_builds_and_is_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    base = tmp_path / _ODD if where == "working-folder" else tmp_path
    pack = write_pack(base / "content" / (_ODD if where == "pack-folder" else "mini"), MINI)
    monkeypatch.chdir(base)
    out = Path(_ODD if where == "out" else "decks")

    first = run("build", pack.relative_to(base), "--out", out)
    again = run("build", pack.relative_to(base), "--out", out)

    assert (first.exit_code, again.exit_code) == (0, 0), first.stderr
    assert first.stdout.splitlines()[-1].endswith("(written)")
    assert again.stdout.splitlines()[-1].endswith("(unchanged)")


_BROKEN_LOCK = ("is not a valid quizgen deck lock ({}); restore it from version control; if it "
                "is lost, delete it but keep the deck beside it, so that the next build stamps "
                "every note after the deck's newest one")


@pytest.mark.parametrize("damage, detail", [
    (lambda text: "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    (lambda text: re.sub(r'"changed": \d+', '"changed": ' + "9" * 5000, text, count=1),
     "a number of more than 4300 digits"),
], ids=["nested-deeply", "5000-digit-number"])
def test_a_lock_nested_too_deeply_or_with_a_number_too_long_is_a_broken_lock(
        mini: Path, tmp_path: Path, damage: Callable[[str], str], detail: str) -> None:
    out = tmp_path / "decks"
    assert run("build", mini, "--out", out).exit_code == 0
    lock = out / "mini.lock.json"
    lock.write_text(damage(lock.read_text(encoding="utf-8")), encoding="utf-8")

    result = run("build", mini, "--out", out)

    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"quizgen: error: {lock} {_BROKEN_LOCK.format(detail)}")


def test_a_cache_entry_nested_too_deeply_only_costs_a_full_build(mini: Path,
                                                                  tmp_path: Path) -> None:
    from quizgen.cache import entry_path, read_entry

    out = tmp_path / "decks"
    assert run("build", mini, "--out", out).exit_code == 0
    entry = entry_path(out, mini)
    assert entry is not None and read_entry(entry) is not None
    entry.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")

    result = run("build", mini, "--out", out)

    assert result.exit_code == 0, result.stderr
    assert read_entry(entry) is not None  # written again


@pytest.mark.parametrize("number", ["9" * 5000, "0x" + "f" * 4000], ids=["decimal", "hexadecimal"])
def test_a_number_of_thousands_of_digits_in_content_is_a_located_error(mini: Path,
                                                                       number: str) -> None:
    pack_yaml = mini / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text(encoding="utf-8").replace(
        "questions: 6", f"questions: {number}"), encoding="utf-8")

    result = run("validate", mini)

    assert result.exit_code == 1
    assert result.stderr == (
        f"{mini}/pack.yaml:8:14: error: a number {len(number)} characters long; no value of the "
        "format needs more than a few digits [number-too-long]\n")


_LONG = "a" * 300  # more than the 255 bytes a file name may have


@pytest.mark.parametrize("args, code, line", [
    (["init", "demo", "--content", _LONG], 1, f"cannot write {_LONG}/demo: File name too long"),
    (["build", "content/mini", "--out", _LONG], 1, f"cannot write {_LONG}: File name too long"),
    (["build", "content/mini", "--out", f"decks/{_LONG}"], 1,
     f"cannot write decks/{_LONG}: File name too long"),
    (["validate", _LONG], 74, f"cannot use '{_LONG}': File name too long"),
    (["draft", f"{_LONG}.txt", "--pack", "content/mini"], 74,
     f"cannot use '{_LONG}.txt': File name too long"),
    (["draft", "article.txt", "--pack", f"content/{_LONG}"], 74,
     f"cannot use 'content/{_LONG}': File name too long"),
], ids=["init", "build-out", "build-out-inside", "validate", "draft-article", "draft-pack"])
def test_a_file_name_too_long_is_one_line_and_no_bug(
        mini: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, line: str) -> None:
    # An output that cannot be written is exit 1, as for a folder without permission; a
    # file to read that the system refuses is EX_IOERR.
    monkeypatch.chdir(mini.parent.parent)
    Path("article.txt").write_text("On 3 May 2001 Alpha and Beta signed the treaty.\n",
                                   encoding="utf-8")

    result = run(*args)

    assert result.exit_code == code
    assert result.stderr == f"quizgen: error: {line}\n"


_FAKE_CHROMIUM = """#!{python}
import os, time
os.write(4, {answer!r})
time.sleep(60)
"""


@pytest.mark.parametrize("answer", [
    b"\xff\xfe{not json\0",
    b"[1, 2]\0",
    b"[" * 100_000 + b"\0",
    b'{"id": [1]}\0',
    b'{"id": 1, "result": {"targetId": []}}\0{"id": 2, "result": {}}\0',
    b'{"id": 1, "error": "no"}\0{"id": 2, "result": {}}\0',
], ids=["not-json", "not-an-object", "nested-deeply", "odd-id", "odd-result", "odd-error"])
def test_a_chromium_that_writes_garbage_to_its_devtools_pipe_is_one_line(
        mini: Path, tmp_path: Path, answer: bytes) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "chromium"
    fake.write_text(_FAKE_CHROMIUM.format(python=sys.executable, answer=answer), encoding="utf-8")
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}

    done = subprocess.run([*QUIZGEN, "build", str(mini), "--out", str(tmp_path / "decks"),
                           "--pdf"], capture_output=True, text=True, timeout=120, env=env)

    assert done.returncode == 1, done.stderr
    expected = ("quizgen: error: {fake} refused to print: no" if b"error" in answer else
                "quizgen: error: {fake} answered on its DevTools pipe with something that is "
                "not the DevTools protocol")
    assert done.stderr.splitlines()[-1] == expected.format(fake=fake)
    assert not (tmp_path / "decks").exists()


# A browser that speaks just enough of the DevTools protocol to print, slowly: each answer
# comes DELAY seconds after its command.
_SLOW_CHROMIUM = """#!{python}
import base64, json, os, time
buffer = b""
while True:
    chunk = os.read(3, 1 << 16)
    if not chunk:
        break
    buffer += chunk
    while b"\\0" in buffer:
        raw, _, buffer = buffer.partition(b"\\0")
        command = json.loads(raw)
        time.sleep({delay})
        result = {{"Target.createTarget": {{"targetId": "frame"}},
                   "Target.attachToTarget": {{"sessionId": "session"}},
                   "Page.printToPDF": {{"data": base64.b64encode(b"%PDF-1.4").decode()}}}}
        answer = {{"id": command["id"], "result": result.get(command["method"], {{}})}}
        os.write(4, json.dumps(answer).encode() + b"\\0")
"""


def _slow_chromium(folder: Path, delay: float) -> str:
    fake = folder / "chromium"
    fake.write_text(_SLOW_CHROMIUM.format(python=sys.executable, delay=delay), encoding="utf-8")
    fake.chmod(0o755)
    return str(fake)


def test_a_long_print_job_is_not_cut_short_by_the_time_a_browser_may_take_to_answer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each round (two commands, one per tab) is answered within the time allowed; the job's
    # eight rounds together take longer than that.
    monkeypatch.setattr(pdf, "PRINT_TIMEOUT", 1.0)
    started = time.monotonic()

    with pdf.Printer(_slow_chromium(tmp_path, delay=0.3)) as printer:
        printed = printer.print([b"<p>page</p>"] * 12)

    assert time.monotonic() - started > pdf.PRINT_TIMEOUT  # the job did outlast it
    assert printed == [b"%PDF-1.4"] * 12


def test_a_browser_that_stops_answering_fails_its_job_with_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "PRINT_TIMEOUT", 1.0)
    fake = _slow_chromium(tmp_path, delay=60)

    with pdf.Printer(fake) as printer, pytest.raises(pdf.PrintError) as failed:
        printer.print([b"<p>page</p>"])

    assert str(failed.value) == f"{fake} did not answer within 1.0 s while printing the quizzes"


def test_output_and_errors_into_a_closed_pipe_exit_74(mini: Path, tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `quizgen build 2>&1 | head -1` leaves it once head has its line

    done = subprocess.run([*QUIZGEN, "build", str(mini), "--out", str(tmp_path / "decks")],
                          stdout=write_end, stderr=write_end, timeout=300)
    os.close(write_end)

    assert done.returncode == 74
