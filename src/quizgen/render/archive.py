"""The ``.apkg`` archive: a small zip writer whose members are deflated by ISA-L.

A deck's collection is large (a hundred megabytes for 10,000 events) and
compresses well. Python's ``zipfile`` deflates with zlib, which is the slowest
step of writing it; Intel's ISA-L (the ``isal`` package) writes an ordinary
deflate stream five times as fast, for a file about a seventh larger than zlib's
level 3. ``zipfile`` cannot take data deflated elsewhere, so the zip records are
written here, as ``zipfile`` writes them: the same headers, dates and attributes.

The archive depends only on the files' bytes (and the ISA-L version), never on
the clock or on how the files are read. Members of 4 GiB and more need ZIP64 records, which only ``zipfile``
writes here, with zlib.
"""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Sequence

from isal import isal_zlib

# ISA-L's default level, of 0 to 3.
LEVEL = 2
# zlib's level for a member too large for plain zip records.
ZLIB_LEVEL = 3
# From this size a member needs ZIP64 records.
ZIP64_FROM = 0xFFFFFFFF
# Every member's date: 1980-01-01 00:00, the earliest a zip file can hold; never the clock.
_DATE_TIME = (1980, 1, 1, 0, 0, 0)
# The same date and time as a zip record packs them (MS-DOS format).
_DOS_DATE = (_DATE_TIME[0] - 1980) << 9 | _DATE_TIME[1] << 5 | _DATE_TIME[2]
_DOS_TIME = _DATE_TIME[3] << 11 | _DATE_TIME[4] << 5 | _DATE_TIME[5] // 2
# Read a piece at a time: a collection is never held whole in memory.
_CHUNK = 8 << 20
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
    compressor = isal_zlib.compressobj(LEVEL, isal_zlib.DEFLATED, _RAW_DEFLATE)
    parts = []
    crc = size = 0
    # One buffer, refilled: on a background thread each piece also waits its turn for
    # the interpreter, so the pieces are few and large, and never allocated anew.
    buffer = bytearray(_CHUNK)
    with path.open("rb", buffering=0) as data:
        while count := _fill(data, buffer):
            chunk = memoryview(buffer)[:count]
            parts.append(compressor.compress(chunk))
            crc = isal_zlib.crc32(chunk, crc)
            size += count
    parts.append(compressor.flush())
    return _Member(name, b"".join(parts), crc, size)


def _fill(data: BinaryIO, buffer: bytearray) -> int:
    """Fill ``buffer`` from ``data``; it comes back short only at the end of the file.

    What ISA-L writes depends on the pieces it is given (zlib's does not), so the
    pieces must depend on the file alone, never on how many bytes a read returns.
    """
    view = memoryview(buffer)
    filled = 0
    while filled < len(buffer):
        count = data.readinto(view[filled:])
        if not count:
            break
        filled += count
    return filled


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
    """The archive from ``zipfile`` and zlib, which write ZIP64 records where needed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, path in members:
            with path.open("rb") as data, archive.open(_info(name, path), "w") as entry:
                shutil.copyfileobj(data, entry, _CHUNK)
    return buffer.getvalue()


def _info(name: str, path: Path) -> zipfile.ZipInfo:
    """A member's record as this module writes it, for ``zipfile``."""
    info = zipfile.ZipInfo(name, date_time=_DATE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    # Public as compress_level from Python 3.13; before, only the private name.
    setattr(info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel",
            ZLIB_LEVEL)
    info.create_system = 3
    info.external_attr = _FILE_MODE
    info.file_size = path.stat().st_size  # lets zipfile choose ZIP64 ahead
    return info
