"""The one place that puts files on disk, atomically.

Every output is first written in full to a temporary file beside its target and
flushed to disk; only when all of them are written are they renamed into place.
A failure or a kill before that point leaves every earlier output untouched.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .problems import OutputError


@dataclass(frozen=True)
class Output:
    """One output file a renderer made, and the line that describes it to the user."""

    path: Path
    data: bytes
    summary: str


def write_files(files: Mapping[Path, bytes]) -> list[Path]:
    """Write ``files`` (path → bytes); return the paths whose content changed."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path in sorted(files):
            _remove_leftovers(path)
            if _unchanged(path, files[path]):
                continue
            staged.append((_stage(path, files[path]), path))
        for temp, path in staged:
            os.replace(temp, path)
        for folder in sorted({path.parent for _, path in staged}):
            _sync_folder(folder)
    except OSError as exc:
        raise OutputError(_describe(exc)) from exc
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    return [path for _, path in staged]


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


def _stage(path: Path, data: bytes) -> Path:
    _make_folder(path.parent)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
