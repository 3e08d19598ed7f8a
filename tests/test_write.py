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


# --- whatever stands at an output's path ----------------------------------------------------

def _link_outside(folder: Path, outside: Path) -> None:
    outside.write_bytes(b"the user's own file")
    (folder / "a.apkg").symlink_to(outside)


def _dangling_link(folder: Path, outside: Path) -> None:
    (folder / "a.apkg").symlink_to(outside / "made" / "on the way")


def _named_pipe(folder: Path, outside: Path) -> None:
    os.mkfifo(folder / "a.apkg")


@pytest.mark.parametrize("make", [_link_outside, _dangling_link, _named_pipe],
                         ids=["link-to-a-file-outside", "dangling-link", "named-pipe"])
def test_an_output_replaces_a_link_or_pipe_at_its_path_and_writes_nothing_elsewhere(
        tmp_path: Path, make) -> None:
    folder, outside = tmp_path / "out", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    make(folder, outside / "target")
    before = sorted(p.relative_to(outside) for p in outside.rglob("*"))
    before_bytes = {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()}

    write.write_files(_files(folder, "v1"))

    assert not (folder / "a.apkg").is_symlink()
    assert _contents(folder) == {"a.apkg": b"a.apkg v1", "b.html": b"b.html v1",
                                 "c.json": b"c.json v1"}
    assert sorted(p.relative_to(outside) for p in outside.rglob("*")) == before
    assert {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()} == before_bytes


def test_a_folder_at_an_output_path_is_refused_before_anything_is_replaced(
        tmp_path: Path) -> None:
    write.write_files(_files(tmp_path, "v1"))
    (tmp_path / "b.html").unlink()
    (tmp_path / "b.html").mkdir()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}

    with pytest.raises(OutputError) as raised:
        write.write_files(_files(tmp_path, "v2"))

    assert str(raised.value) == (f"cannot write {tmp_path / 'b.html'}: a folder stands where "
                                 "the output goes; remove it")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_rename_that_fails_puts_back_the_outputs_already_replaced(tmp_path: Path,
                                                                   monkeypatch) -> None:
    write.write_files({tmp_path / n: d for n, d in _files(tmp_path, "v1").items()
                       if n.name != "b.html"})
    (tmp_path / "a.apkg").unlink()
    (tmp_path / "a.apkg").symlink_to("c.json")  # put back as the link it was
    real_replace = os.replace
    calls = []

    def failing(src, dst) -> None:
        calls.append(dst)
        if len(calls) == 3:  # the third output's rename fails
            raise OSError(errno.EROFS, "Read-only file system")
        real_replace(src, dst)

    monkeypatch.setattr(write.os, "replace", failing)
    with pytest.raises(OutputError) as raised:
        write.write_files(_files(tmp_path, "v2"))

    assert str(raised.value) == f"cannot write {tmp_path / 'c.json'}: Read-only file system"
    assert (tmp_path / "a.apkg").is_symlink() and os.readlink(tmp_path / "a.apkg") == "c.json"
    assert not (tmp_path / "b.html").exists(), "an output that was new is taken away again"
    assert (tmp_path / "c.json").read_bytes() == b"c.json v1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.apkg", "c.json"]
