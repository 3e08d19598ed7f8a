"""The ``.apkg`` archive writer gives zip files that unzip to their members, every time.

``quizgen.render.archive`` writes the zip records itself so that a large member can
be deflated in two halves on two threads. These tests hold it to ``zipfile``: for
members deflated in one go, the same bytes; for split members, an archive that
``zipfile`` and ``unzip``-style readers verify and unpack to the very same data.
Importing split packages into a real Anki collection is in ``test_anki.py``.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.render import archive

_SETTINGS = settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text-like data (long runs that back-references reach into) and noise that does not compress.
_CONTENT = st.one_of(
    st.lists(st.sampled_from([b"\x00", b"note ", b"\xd0\xbf\xd1\x80\xd0\xb8", b"\x1f", b"quiz"]),
             max_size=3000).map(b"".join),
    st.binary(max_size=5000),
)


def files(folder: Path, contents: dict[str, bytes]) -> list[tuple[str, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    members = []
    for name, data in contents.items():
        path = folder / name
        path.write_bytes(data)
        members.append((name, path))
    return members


def unzipped(data: bytes, tmp_path: Path) -> dict[str, bytes]:
    path = tmp_path / "out.zip"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as opened:
        assert opened.testzip() is None  # every member's CRC checks out
        return {info.filename: opened.read(info) for info in opened.infolist()}


@_SETTINGS
@given(content=_CONTENT, split_from=st.integers(min_value=1, max_value=4000))
def test_a_member_deflated_in_two_halves_unzips_to_itself(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, split_from: int) -> None:
    monkeypatch.setattr(archive, "SPLIT_FROM", split_from)
    members = files(tmp_path / "in", {"collection.anki2": content, "media": b"{}"})
    assert unzipped(archive.zip_files(members), tmp_path) == {
        "collection.anki2": content, "media": b"{}"}


def test_a_split_member_is_no_larger_than_one_deflated_in_one_go(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The second half starts with the first's last 32 KiB as its dictionary, so a
    # repeat across the split still compresses to a back-reference.
    block = os.urandom(20_000)
    members = files(tmp_path / "in", {"collection.anki2": block * 8})
    whole = archive.zip_files(members)
    monkeypatch.setattr(archive, "SPLIT_FROM", 1)
    split = archive.zip_files(members)
    assert split != whole
    assert len(split) <= len(whole) + 16
    assert unzipped(split, tmp_path) == {"collection.anki2": block * 8}


@pytest.mark.parametrize("contents", [
    {"collection.anki2": b"SQLite format 3\x00" * 999, "media": b"{}"},
    {"empty": b""},
    {"one": b"x", "two": b"yy", "cyrillic-имя": "при".encode() * 50},
], ids=["collection-and-media", "empty-member", "several-members"])
def test_members_deflated_in_one_go_are_the_bytes_zipfile_writes(
        tmp_path: Path, contents: dict[str, bytes]) -> None:
    members = files(tmp_path / "in", contents)
    written = archive.zip_files(members)
    assert written == archive._zip_with_zipfile(members)
    assert unzipped(written, tmp_path) == contents


def test_members_too_large_for_plain_zip_records_go_through_zipfile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[int] = []
    real = archive._zip_with_zipfile
    monkeypatch.setattr(archive, "_zip_with_zipfile", lambda m: used.append(1) or real(m))
    monkeypatch.setattr(archive, "ZIP64_FROM", 100)
    contents = {"collection.anki2": b"a" * 100, "media": b"{}"}
    assert unzipped(archive.zip_files(files(tmp_path / "in", contents)), tmp_path) == contents
    assert used == [1]


def test_the_same_files_give_the_same_archive(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "SPLIT_FROM", 1000)
    members = files(tmp_path / "in", {"collection.anki2": os.urandom(50_000), "media": b"{}"})
    first = archive.zip_files(members)
    os.utime(members[0][1], (0, 0))  # the files' own times never reach the archive
    assert archive.zip_files(members) == first
