"""Reading a pack's files safely: regular files only, within the size limit.

Kept apart from the YAML loader, so that the build cache can hash the files a build
read, the same way, without importing a parser.
"""

from __future__ import annotations

import errno
import hashlib
import stat
from pathlib import Path
from typing import Optional

from .problems import Problem

MAX_FILE_BYTES = 50 * 1024 * 1024

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
        return path.read_bytes(), []
    except FileNotFoundError:
        reason = "it is a link to a missing file" if path.is_symlink() else "it does not exist"
        return None, [_file_problem(file, "unreadable", f"cannot read file: {reason}")]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.ELOOP:
            reason = "it is a link that leads back to itself"
        return None, [_file_problem(file, "unreadable", f"cannot read file: {reason}")]


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a file"


def _file_problem(file: str, code: str, message: str) -> Problem:
    return Problem(file, 0, 0, code, message)
