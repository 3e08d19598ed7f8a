"""The ``.apkg`` archive writer gives zip files that unzip to their members, every time.

``quizgen.render.archive`` writes the zip records itself, so that ISA-L can deflate
the members. These tests hold it to ``zipfile``: ``zipfile`` reads every archive
back, verifies each member's CRC and finds the records ``zipfile`` itself writes
(names, dates, attributes). Importing packages into a real Anki collection is in
``test_anki.py``.
"""

from __future__ import annotations

import io
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


def records(data: bytes) -> list[tuple[object, ...]]:
    """What a zip file says of each member, apart from how it was compressed."""
    with zipfile.ZipFile(io.BytesIO(data)) as opened:
        return [(i.filename, i.date_time, i.compress_type, i.create_system, i.create_version,
                 i.extract_version, i.flag_bits, i.external_attr, i.internal_attr, i.extra,
                 i.comment, i.file_size, i.CRC) for i in opened.infolist()]


@_SETTINGS
@given(content=_CONTENT, chunk=st.integers(min_value=1, max_value=4000))
def test_an_archive_unzips_to_its_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          content: bytes, chunk: int) -> None:
    monkeypatch.setattr(archive, "_CHUNK", chunk)  # members read in many pieces, or one
    members = files(tmp_path / "in", {"collection.anki2": content, "media": b"{}"})
    assert unzipped(archive.zip_files(members), tmp_path) == {
        "collection.anki2": content, "media": b"{}"}


@pytest.mark.parametrize("contents", [
    {"collection.anki2": b"SQLite format 3\x00" * 999, "media": b"{}"},
    {"empty": b""},
    {"one": b"x", "two": b"yy", "cyrillic-имя": "при".encode() * 50},
], ids=["collection-and-media", "empty-member", "several-members"])
def test_the_records_are_those_zipfile_writes(tmp_path: Path, contents: dict[str, bytes]) -> None:
    members = files(tmp_path / "in", contents)
    written = archive.zip_files(members)
    assert records(written) == records(archive._zip_with_zipfile(members))
    assert unzipped(written, tmp_path) == contents


def test_a_collection_compresses_well(tmp_path: Path) -> None:
    text = "Когда произошло событие «Саммит в Абу-Даби»?\x1fоколо июля 2025 г.\n".encode()
    members = files(tmp_path / "in", {"collection.anki2": text * 2000})
    assert len(archive.zip_files(members)) < len(text) * 2000 // 50


def test_members_too_large_for_plain_zip_records_go_through_zipfile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[int] = []
    real = archive._zip_with_zipfile
    monkeypatch.setattr(archive, "_zip_with_zipfile", lambda m: used.append(1) or real(m))
    monkeypatch.setattr(archive, "ZIP64_FROM", 100)
    contents = {"collection.anki2": b"a" * 100, "media": b"{}"}
    assert unzipped(archive.zip_files(files(tmp_path / "in", contents)), tmp_path) == contents
    assert used == [1]


def test_the_same_files_give_the_same_archive(tmp_path: Path) -> None:
    members = files(tmp_path / "in", {"collection.anki2": os.urandom(50_000), "media": b"{}"})
    first = archive.zip_files(members)
    os.utime(members[0][1], (0, 0))  # the files' own times never reach the archive
    assert archive.zip_files(members) == first


def test_the_archive_does_not_depend_on_how_reads_return(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # ISA-L's output depends on the pieces it is given: a read that returns fewer
    # bytes than asked (allowed, if rare) must not change them.
    monkeypatch.setattr(archive, "_CHUNK", 4096)
    members = files(tmp_path / "in", {"collection.anki2": os.urandom(3000) * 20})
    whole = archive.zip_files(members)
    real_open = Path.open

    class ShortReads(io.RawIOBase):
        def __init__(self, raw: io.RawIOBase) -> None:
            self.raw = raw

        def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable buffer
            return self.raw.readinto(memoryview(buffer)[:1000])

        def readable(self) -> bool:
            return True

    def short_open(path: Path, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        return ShortReads(real_open(path, *args, **kwargs))

    monkeypatch.setattr(Path, "open", short_open)
    assert archive.zip_files(members) == whole
