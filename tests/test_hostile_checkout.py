"""A checkout you did not write: what it puts in the output folder is never trusted.

Each case is something a hostile (or merely broken) repository can commit beside the
outputs: a crafted deck, a lock that is a pipe or a device, a cache entry that is a pipe.
The build must finish — bounded by the test's timeout, not by luck — with a one-line error
or by replacing the odd file, and read no more than it needs.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable

import pytest

from quizgen.render import anki
from test_reliability import MINI, write_pack

QUIZGEN = [sys.executable, "-m", "quizgen"]
# Far above what a build of the mini pack takes; a hang is what it bounds.
TIMEOUT = 120


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "content" / "mini", MINI)


def _build(mini: Path, out: Path, *more: str,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*QUIZGEN, "build", str(mini), "--out", str(out), *more],
                          capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.PIPE,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **(env or {})})


def _collection_of_endless_views(path: Path) -> None:
    """A collection whose ``notes`` and ``col`` are recursive views that never end."""
    connection = sqlite3.connect(path)
    endless = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) "
    connection.executescript(
        f"CREATE VIEW notes AS {endless}SELECT x AS mod FROM r ORDER BY x DESC;"
        f"CREATE VIEW col AS {endless}SELECT 'x' AS decks FROM r ORDER BY x DESC;")
    connection.close()


def _package(collection: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(collection, "collection.anki2")
    return buffer.getvalue()


def test_a_deck_of_endless_views_does_not_hang_the_build(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "decks"
    out.mkdir()
    _collection_of_endless_views(tmp_path / "collection.anki2")
    (out / "mini.apkg").write_bytes(_package(tmp_path / "collection.anki2"))

    done = _build(mini, out)

    assert done.returncode == 0, done.stderr
    assert zipfile.is_zipfile(out / "mini.apkg")
    assert anki.newest_note_time(out / "mini.apkg") is not None


def test_reading_a_zip_bomb_stops_at_its_bound(tmp_path: Path, monkeypatch) -> None:
    bomb = tmp_path / "bomb.apkg"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("collection.anki2", "w", force_zip64=True) as member:
            for _ in range(64):
                member.write(bytes(1 << 20))  # 64 MB of zeros in well under 1 MB
    assert bomb.stat().st_size < 1 << 20
    monkeypatch.setattr(anki, "_MIN_COLLECTION_BYTES", 4 << 20)
    sizes: list[int] = []
    real_extract = anki._extract_bounded

    def measured(archive: zipfile.ZipFile, member: str, target: Path, limit: int) -> bool:
        result = real_extract(archive, member, target, limit)
        sizes.append(target.stat().st_size)
        return result

    monkeypatch.setattr(anki, "_extract_bounded", measured)

    assert anki.newest_note_time(bomb) is None
    assert sizes and sizes[0] <= 4 << 20


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link_to(device: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.symlink_to(device)
    return make


@pytest.mark.parametrize("make, reason", [
    (_fifo, "not a regular file (a named pipe)"),
    (_link_to("/dev/zero"), "not a regular file (a character device)"),
    (_link_to("/dev/stdin"), "not a regular file (a named pipe)"),
], ids=["fifo", "link-to-dev-zero", "link-to-dev-stdin"])
def test_a_lock_that_is_no_regular_file_is_one_line_not_a_hang(
        mini: Path, tmp_path: Path, make: Callable[[Path], None], reason: str) -> None:
    out = tmp_path / "decks"
    out.mkdir()
    make(out / "mini.lock.json")

    done = _build(mini, out)

    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"quizgen: error: cannot read deck lock {out / 'mini.lock.json'}: {reason}"]
    assert sorted(p.name for p in out.iterdir()) == ["mini.lock.json"]


@pytest.mark.parametrize("output", ["mini.apkg", "mini-study.html", "mini-quiz.html"])
def test_an_output_that_is_a_pipe_is_replaced_and_check_calls_it_stale(
        mini: Path, tmp_path: Path, output: str) -> None:
    out = tmp_path / "decks"
    assert _build(mini, out).returncode == 0
    (out / output).unlink()
    os.mkfifo(out / output)

    checked = _build(mini, out, "--check")
    built = _build(mini, out)

    assert checked.returncode == 1 and f"{out / output}: " in checked.stdout
    assert "(stale)" in checked.stdout
    assert built.returncode == 0, built.stderr
    assert (out / output).is_file()


def test_a_cache_entry_that_is_a_pipe_costs_only_a_full_build(mini: Path,
                                                                tmp_path: Path) -> None:
    out, cache = tmp_path / "decks", tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    assert _build(mini, out, env=env).returncode == 0
    entries = list((cache / "quizgen" / "builds").glob("*.json"))
    assert len(entries) == 1, "the first build saves its cache entry"
    entries[0].unlink()
    os.mkfifo(entries[0])

    done = _build(mini, out, env=env)

    assert done.returncode == 0, done.stderr
    assert entries[0].is_file()


@pytest.mark.skipif(not os.access("/proc/kmsg", os.R_OK), reason="needs a readable /proc/kmsg")
def test_a_content_file_linked_to_a_kernel_file_is_read_without_waiting(mini: Path) -> None:
    (mini / "odd.yaml").symlink_to("/proc/kmsg")

    done = subprocess.run([*QUIZGEN, "validate", str(mini)], capture_output=True, text=True,
                          timeout=TIMEOUT)

    assert done.returncode == 1
    assert "odd.yaml" in done.stderr and "Traceback" not in done.stderr


def test_a_lost_lock_and_deck_with_a_set_time_warn_that_edits_may_not_reach_learners(
        mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "decks"
    assert _build(mini, out).returncode == 0
    (out / "mini.lock.json").unlink()
    kept_deck = _build(mini, out)
    (out / "mini.lock.json").unlink()
    (out / "mini.apkg").unlink()

    lost = _build(mini, out)

    assert "warning: no deck lock" not in kept_deck.stdout, "the deck's newest time guards it"
    assert lost.returncode == 0
    assert ("  warning: no deck lock and no earlier deck, so every note is stamped "
            "SOURCE_DATE_EPOCH (1700000000); Anki keeps a learner's copy of any note it already "
            "holds with a later time: restore the lock from version control, or build without "
            "SOURCE_DATE_EPOCH") in lost.stdout.splitlines()


def test_an_edit_past_the_latest_time_a_lock_holds_is_refused_not_written(
        mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "decks"
    latest = "253402300799"
    assert _build(mini, out, env={"SOURCE_DATE_EPOCH": latest}).returncode == 0
    events = mini / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "Leaders meet again.", "Leaders meet again, in the capital."), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    done = _build(mini, out, env={"SOURCE_DATE_EPOCH": latest})

    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "quizgen: error: cannot stamp a changed note later than 253402300799 (the end of year "
        "9999), where the deck lock's times already are; the lock was written with a "
        "SOURCE_DATE_EPOCH far in the future: restore an earlier lock"]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize("key", ["mini:*", 'mini:x" OR "', "mini:a_b"],
                         ids=["wildcard", "quote", "underscore-wildcard"])
def test_a_lock_key_that_is_no_question_id_is_a_broken_lock(mini: Path, tmp_path: Path,
                                                            key: str) -> None:
    """Removed keys are printed as an Anki search to paste and delete from: a key holding
    search syntax could find every note."""
    out = tmp_path / "decks"
    assert _build(mini, out).returncode == 0
    lock = out / "mini.lock.json"
    data = json.loads(lock.read_text(encoding="utf-8"))
    data["notes"][key] = {"changed": 1700000000, "hash": "0" * 16}
    lock.write_text(json.dumps(data), encoding="utf-8")

    done = _build(mini, out)

    assert done.returncode == 1
    assert "is not a valid quizgen deck lock" in done.stderr
    assert "QuestionId:" not in done.stdout


def test_a_default_output_folder_that_is_a_link_is_followed_only_when_named(
        mini: Path, tmp_path: Path, monkeypatch) -> None:
    from test_reliability import run

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(tmp_path)
    Path("decks").symlink_to(elsewhere)

    by_default = run("build", mini)
    named = run("build", mini, "--out", "decks")

    assert by_default.exit_code == 1
    assert by_default.stderr.splitlines() == [
        f"quizgen: error: cannot write decks: it is a link (to {elsewhere}), and quizgen "
        "follows a link only to a folder it is given: pass --out decks to write there"]
    assert named.exit_code == 0
    assert (elsewhere / "mini.apkg").is_file()
