"""The ``.apkg`` archive: a zip file whose large member is deflated on two cores.

Python's ``zipfile`` deflates a member as one stream, on one thread. A deck's
collection (a hundred megabytes for 10,000 events) deflates in about half the
time as two halves on two threads, since zlib lets other threads run while it
works. The halves are joined as pigz joins them: the first ends with a sync flush
(a byte boundary, no final block) and the second starts with the first's last
32 KiB as its dictionary. Together they are one ordinary deflate stream, which
any unzip reads, and no larger than deflating in one go.

Where the split falls depends only on the member's size, so the same member
gives the same bytes. Members of 4 GiB and more need ZIP64 records, which only
``zipfile`` writes here.
"""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

# zlib's level 3: three times as fast as its default (6) for a 25% larger file.
LEVEL = 3
# Smaller members deflate on one thread: starting a second would cost more than it saves.
SPLIT_FROM = 8 << 20
# From this size a member needs ZIP64 records.
ZIP64_FROM = 0xFFFFFFFF
# Every member's date: 1980-01-01 00:00, the earliest a zip file can hold; never the clock.
_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1
_DATE_TIME = (1980, 1, 1, 0, 0, 0)
# Read in large pieces: each read waits its turn for the interpreter.
_CHUNK = 1 << 20
_WINDOW = 32 << 10
_VERSION = 20  # deflate: zip version 2.0
_MADE_ON_UNIX = 3 << 8
_FILE_MODE = 0o644 << 16
_RAW_DEFLATE = -15
_UTF8_NAME = 0x800  # general purpose flag: the name is UTF-8


@dataclass(frozen=True)
class _Member:
    name: str
    deflated: bytes
    crc: int
    size: int


def zip_files(members: Sequence[tuple[str, Path]]) -> bytes:
    """A zip archive of these files, each under its name, deflated."""
    if any(path.stat().st_size >= ZIP64_FROM for _, path in members):
        return _zip_with_zipfile(members)
    return _archive([_deflated(name, path) for name, path in members])


def _deflated(name: str, path: Path) -> _Member:
    size = path.stat().st_size
    if size < SPLIT_FROM:
        return _Member(name, _deflate(path, 0, size, final=True), _crc(path), size)
    middle = size // 2
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="quizgen-deflate") as other:
        second = other.submit(_deflate, path, middle, size, final=True)
        first = _deflate(path, 0, middle, final=False)
        crc = _crc(path)
        return _Member(name, first + second.result(), crc, size)


def _deflate(path: Path, start: int, stop: int, final: bool) -> bytes:
    """Bytes ``start``–``stop`` of ``path`` as raw deflate data, continuing what comes before.

    The data before ``start`` is the dictionary, so back-references may reach into
    it; a part that is not ``final`` ends on a byte boundary, ready to be followed.
    """
    with path.open("rb") as data:
        dictionary = b""
        if start:
            data.seek(max(0, start - _WINDOW))
            dictionary = data.read(start - data.tell())
        compressor = (zlib.compressobj(LEVEL, zlib.DEFLATED, _RAW_DEFLATE, zdict=dictionary)
                      if dictionary else zlib.compressobj(LEVEL, zlib.DEFLATED, _RAW_DEFLATE))
        parts = []
        left = stop - start
        while left > 0:
            chunk = data.read(min(_CHUNK, left))
            if not chunk:
                raise OSError(f"{path} shrank while it was being compressed")
            left -= len(chunk)
            parts.append(compressor.compress(chunk))
    parts.append(compressor.flush(zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH))
    return b"".join(parts)


def _crc(path: Path) -> int:
    crc = 0
    with path.open("rb") as data:
        while chunk := data.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def _archive(members: Sequence[_Member]) -> bytes:
    """Local headers and data, then the central directory and its end record."""
    body = io.BytesIO()
    directory = io.BytesIO()
    for member in members:
        name = member.name.encode()
        flags = 0 if member.name.isascii() else _UTF8_NAME
        common = struct.pack("<HHHHIIIH", flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE,
                             member.crc, len(member.deflated), member.size, len(name))
        offset = body.tell()
        body.write(struct.pack("<IH", 0x04034B50, _VERSION) + common + struct.pack("<H", 0))
        body.write(name)
        body.write(member.deflated)
        directory.write(struct.pack("<IHH", 0x02014B50, _MADE_ON_UNIX | _VERSION, _VERSION)
                        + common + struct.pack("<HHHHII", 0, 0, 0, 0, _FILE_MODE, offset))
        directory.write(name)
    start = body.tell()
    body.write(directory.getvalue())
    body.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members),
                           len(directory.getvalue()), start, 0))
    return body.getvalue()


def _zip_with_zipfile(members: Sequence[tuple[str, Path]]) -> bytes:
    """The archive from ``zipfile``, one thread per member: it writes ZIP64 where needed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, path in members:
            info = zipfile.ZipInfo(name, date_time=_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            # Public as compress_level from Python 3.13; before, only the private name.
            setattr(info, "compress_level" if hasattr(info, "compress_level")
                    else "_compresslevel", LEVEL)
            info.create_system = 3
            info.external_attr = _FILE_MODE
            info.file_size = path.stat().st_size  # lets zipfile choose ZIP64 ahead
            with path.open("rb") as data, archive.open(info, "w") as entry:
                shutil.copyfileobj(data, entry, _CHUNK)
    return buffer.getvalue()
