"""The one place that puts files on disk, atomically.

Every output is first written in full to a temporary file beside its target and
flushed to disk; only when all of them are written are they renamed into place.
A failure or a kill before that point leaves every earlier output untouched.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Mapping

from .problems import OutputError


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
    made = not folder.exists()
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
    """Write ``files`` (path → bytes); return the paths whose content changed."""
    staged: list[tuple[Path, Path, Path]] = []  # (temporary file, file replaced, output)
    try:
        for path in sorted(files):
            target = _through_links(path)
            _remove_leftovers(target)
            if _unchanged(target, files[path]):
                continue
            staged.append((_stage(target, files[path], path), target, path))
        for temp, target, _ in staged:
            os.replace(temp, target)
        for folder in sorted({target.parent for _, target, _ in staged}):
            _sync_folder(folder)
    except OSError as exc:
        raise OutputError(_describe(exc)) from exc
    finally:
        for temp, _, _ in staged:
            temp.unlink(missing_ok=True)
    return [path for _, _, path in staged]


def _through_links(path: Path) -> Path:
    """The file an output that is a link (a deck linked into a sync folder) stands for.

    Renaming over the link would replace it with a plain file, and the folder it points
    into would keep the old deck: the file at the end of the link is replaced instead.
    """
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _sync_folder(folder: Path) -> None:
    """Flush the renames themselves, so that a power cut cannot undo them."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unchanged(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _remove_leftovers(path: Path) -> None:
    """Temporary files of an earlier run that was killed before it could clean up."""
    if path.parent.is_dir():
        for leftover in path.parent.glob(f".{path.name}.*.tmp"):
            leftover.unlink(missing_ok=True)


def _stage(path: Path, data: bytes, output: Path) -> Path:
    _make_folder(path.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # a read-only folder: name the output, not the temporary file
        raise OSError(exc.errno, exc.strerror or str(exc), str(output)) from exc
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
        raise OSError(exc.errno, exc.strerror or str(exc), str(output)) from exc
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
