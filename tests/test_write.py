"""The atomic writer: all or nothing, earlier outputs intact whatever goes wrong."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizgen import write
from quizgen.problems import OutputError


def _files(folder: Path, version: str) -> dict[Path, bytes]:
    return {folder / name: f"{name} {version}".encode() for name in ("a.apkg", "b.html", "c.json")}


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_writes_every_file_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    written = write.write_files(_files(tmp_path / "out", "v1"))
    assert sorted(p.name for p in written) == ["a.apkg", "b.html", "c.json"]
    assert _contents(tmp_path / "out") == {"a.apkg": b"a.apkg v1", "b.html": b"b.html v1",
                                           "c.json": b"c.json v1"}


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    write.write_files(_files(tmp_path, "v1"))
    before = {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert write.write_files(_files(tmp_path, "v1")) == []
    assert {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before


def test_full_disk_leaves_earlier_outputs_intact(tmp_path: Path, monkeypatch) -> None:
    write.write_files(_files(tmp_path, "v1"))
    before = _contents(tmp_path)
    real_fsync = os.fsync
    calls = []

    def full_disk(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the second file hits a full disk
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(write.os, "fsync", full_disk)
    with pytest.raises(OutputError, match="No space left on device"):
        write.write_files(_files(tmp_path, "v2"))
    assert _contents(tmp_path) == before


def test_kill_between_renames_leaves_each_file_whole(tmp_path: Path, monkeypatch) -> None:
    write.write_files(_files(tmp_path, "v1"))
    real_replace = os.replace
    done = []

    def killed(src: str, dst: str) -> None:
        if done:
            raise KeyboardInterrupt  # stands in for a kill after the first rename
        real_replace(src, dst)
        done.append(dst)

    monkeypatch.setattr(write.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write.write_files(_files(tmp_path, "v2"))
    contents = _contents(tmp_path)
    assert set(contents) == {"a.apkg", "b.html", "c.json"}
    for name, data in contents.items():
        assert data in (f"{name} v1".encode(), f"{name} v2".encode())


def test_output_folder_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "decks"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="cannot write .*decks.*not a folder"):
        write.write_files({blocker / "x.apkg": b"x"})
    assert blocker.read_text() == "not a folder"


_KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from quizgen import write
real_replace = os.replace
def slow_replace(src, dst):
    real_replace(src, dst)
    Path(sys.argv[2]).write_text("renamed one")
    time.sleep(60)
write.os.replace = slow_replace
folder = Path(sys.argv[1])
write.write_files({folder / n: (n + " v2").encode() for n in ("a.apkg", "b.html", "c.json")})
"""


def test_sigkill_mid_write_leaves_whole_files_and_next_run_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write.write_files(_files(out, "v1"))
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(out), str(marker)])
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the writer never reached its first rename"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    for path in out.iterdir():
        if not path.name.startswith("."):
            assert path.read_bytes() in (f"{path.name} v1".encode(), f"{path.name} v2".encode())
    assert any(p.name.endswith(".tmp") for p in out.iterdir()), "a kill leaves staged files"
    write.write_files(_files(out, "v3"))
    assert _contents(out) == {"a.apkg": b"a.apkg v3", "b.html": b"b.html v3",
                              "c.json": b"c.json v3"}
