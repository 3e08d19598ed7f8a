"""The one place that puts files on disk, atomically.

Every output is first written in full to a temporary file beside its target and
flushed to disk; only when all of them are written are they renamed into place, and
a rename that fails undoes the ones before it. Links at an output's path are replaced,
never followed: nothing a build writes lands outside the folder it was given.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Mapping, Optional

from .files import read_regular
from .problems import OutputError

_TEMP_SUFFIX = ".tmp"
# What an output replaced, kept under a second name until every output is in place.
_OLD_SUFFIX = ".old"


@dataclass(frozen=True)
class Output:
    """One output file a renderer made, and the line that describes it to the user."""

    path: Path
    data: bytes
    summary: str


@contextlib.contextmanager
def exclusive_folder(folder: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold ``folder`` (made if missing) for one build at a time.

    Two builds into one folder would read each other's half-made state and remove each
    other's staged files; the second waits for the first (``waiting`` hears of it), so
    that each batch of outputs is all or nothing against other builds too. The lock is
    the system's (``flock`` on the folder itself): a killed build lets go of it at once,
    and it leaves no file behind.
    """
    made = not os.path.exists(folder)  # False, not an error, for a name the system refuses
    try:
        _make_folder(folder)
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise OutputError(_describe(exc)) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    except BaseException:
        if made:  # a build that fails writes nothing, not even the folder
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        os.close(fd)  # which lets go of the lock


def write_files(files: Mapping[Path, bytes]) -> list[Path]:
    """Write ``files`` (path → bytes); return the paths whose content changed.

    All or nothing: every file is staged in full, and every path checked, before the first
    rename; a rename that fails puts back what the earlier ones replaced. An output
    replaces whatever stands at its path — a file, a link (never followed: a checkout's
    link could point anywhere), a named pipe — but never a folder, which is refused.
    """
    staged: list[_Staged] = []
    try:
        for path in sorted(files):
            _remove_leftovers(path)
            if _unchanged(path, files[path]):
                continue
            _refuse_folder(path)
            staged.append(_Staged(_stage(path, files[path]), path))
        _replace_all(staged)
        for folder in sorted({item.path.parent for item in staged}):
            _sync_folder(folder)
    except OSError as exc:
        raise OutputError(_describe(exc)) from exc
    finally:
        for item in staged:
            item.temp.unlink(missing_ok=True)
            if item.backup is not None:
                item.backup.unlink(missing_ok=True)
    return [item.path for item in staged]


@dataclass
class _Staged:
    """An output written in full beside its path, and what it replaced (kept until the end)."""

    temp: Path
    path: Path
    backup: Optional[Path] = None
    existed: bool = False
    done: bool = False


def _replace_all(staged: list[_Staged]) -> None:
    """Rename every staged file into place; on a failure, undo the renames already made."""
    try:
        for item in staged:
            item.existed, item.backup = _keep_old(item)
            try:
                os.replace(item.temp, item.path)
            except OSError as exc:  # name the output, not the temporary file
                raise OSError(exc.errno, exc.strerror or str(exc), str(item.path)) from exc
            item.done = True
    except BaseException:
        for item in reversed(staged):
            if not item.done:
                continue
            with contextlib.suppress(OSError):
                if item.backup is not None:
                    os.replace(item.backup, item.path)
                elif not item.existed:
                    item.path.unlink()
        raise


def _keep_old(item: _Staged) -> tuple[bool, Optional[Path]]:
    """Whether something stands at the output's path, and a second name for it to roll back to.

    The second name is a hard link (to the link itself, if the output is a link), so that
    the path never goes missing; where the file system has no hard links, nothing can be
    rolled back for this output.
    """
    if not os.path.lexists(item.path):
        return False, None
    backup = item.temp.with_name(item.temp.name[:-len(_TEMP_SUFFIX)] + _OLD_SUFFIX)
    try:
        os.link(item.path, backup, follow_symlinks=False)
    except OSError:
        return True, None
    return True, backup


def _refuse_folder(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        raise IsADirectoryError(21, "a folder stands where the output goes; remove it",
                                str(path))


def _sync_folder(folder: Path) -> None:
    """Flush the renames themselves, so that a power cut cannot undo them."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unchanged(path: Path, data: bytes) -> bool:
    """Whether the regular file at ``path`` (not a link, not a pipe) holds ``data`` already."""
    try:
        return read_regular(path, len(data), follow_links=False) == data
    except OSError:
        return False


def _remove_leftovers(path: Path) -> None:
    """Temporary files of an earlier run that was killed before it could clean up."""
    if path.parent.is_dir():
        for suffix in (_TEMP_SUFFIX, _OLD_SUFFIX):
            for leftover in path.parent.glob(f".{glob.escape(path.name)}.*{suffix}"):
                if not leftover.is_dir() or leftover.is_symlink():
                    leftover.unlink(missing_ok=True)


def _stage(path: Path, data: bytes) -> Path:
    """``data`` written and flushed to a temporary file beside ``path``; errors name ``path``."""
    _make_folder(path.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:  # a read-only folder: name the output, not the temporary file
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        # A full disk fails in write or fsync, which know no file name: name the output.
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(20, "not a folder", str(folder))
    folder.mkdir(parents=True, exist_ok=True)


def _describe(exc: OSError) -> str:
    where = exc.filename or ""
    reason = exc.strerror or str(exc)
    return f"cannot write {where}: {reason}" if where else f"cannot write output: {reason}"
