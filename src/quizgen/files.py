"""Reading a pack's files safely: regular files only, within the size limit.

Kept apart from the YAML loader, so that the build cache can hash the files a build
read, the same way, without importing a parser.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import Optional

from .problems import Problem

MAX_FILE_BYTES = 50 * 1024 * 1024
# The most quizgen reads back of what a build wrote (a deck, a lock, a cache entry): far
# above what a pack of 10,000 items builds to, far below what fills memory.
MAX_OUTPUT_BYTES = 1024 * 1024 * 1024

Seen = dict[str, Optional[str]]
"""Files read, by absolute path, each with the SHA-256 of the bytes read (``None``: not read)."""


def file_digest(path: Path) -> Optional[str]:
    """The SHA-256 of a file as the loader reads it; ``None`` where it would read nothing."""
    raw, _ = read_file(path, str(path))
    return None if raw is None else hashlib.sha256(raw).hexdigest()


def read_file(path: Path, file: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file within the size limit, or the problem that prevents it.

    Only a regular file is read: a FIFO would wait forever and a device (``/dev/zero``)
    never ends, and their size says nothing. A link is followed, and named as written.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, [_file_problem(file, "not-a-file",
                                        f"not a regular file ({_file_type(info.st_mode)})")]
        size = info.st_size
        if size > MAX_FILE_BYTES:
            return None, [_file_problem(file, "file-too-large",
                                        f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")]
        data = read_regular(path, MAX_FILE_BYTES)
        if data is None:
            return None, [_file_problem(file, "file-too-large",
                                        f"file is over the limit of {MAX_FILE_BYTES} bytes")]
        return data, []
    except FileNotFoundError:
        reason = "it is a link to a missing file" if path.is_symlink() else "it does not exist"
        return None, [_file_problem(file, "unreadable", f"cannot read file: {reason}")]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.ELOOP:
            reason = "it is a link that leads back to itself"
        return None, [_file_problem(file, "unreadable", f"cannot read file: {reason}")]


class NotRegularFile(OSError):
    """What :func:`read_regular` met at a path is no regular file (a FIFO, a device, a folder)."""


def read_regular(path: Path, limit: int, follow_links: bool = True) -> Optional[bytes]:
    """The bytes of the regular file at ``path``; ``None`` if it holds more than ``limit``.

    Nothing here can hang or fill memory: the file is opened without blocking (a FIFO
    opens at once, and a kernel file such as ``/proc/kmsg`` refuses to wait), checked to
    be a regular file after opening (so a swap between the check and the open changes
    nothing), and read to at most ``limit + 1`` bytes, whatever its size claims (files
    under ``/proc`` claim none). With ``follow_links`` false, a link is refused, not read.
    Raises :class:`NotRegularFile` or another ``OSError``.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= os.O_NOFOLLOW
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL, f"not a regular file ({_file_type(info.st_mode)})",
                                 str(path))
        if info.st_size > limit:
            return None
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    return None if len(data) > limit else data


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a file"


def _file_problem(file: str, code: str, message: str) -> Problem:
    return Problem(file, 0, 0, code, message)
