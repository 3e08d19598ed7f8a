"""The build cache: skipping a pack that has not changed since it was last built.

After a build writes a pack's outputs, its cache entry records what the outputs were
made from — the bytes of every file in the pack folder and of every source text,
the options, and the code that shapes the bytes (quizgen's own files and the
versions of the libraries and of Python) — and each output's hash and summary
line. The next build compares the entry before it loads any YAML: when all of
that is the same and every output is still on disk as it was written, a full
build would write the very same bytes, so the pack is not built again.
``--check`` never trusts the cache.

The cache is nothing more: deleting an entry only makes the next build a
full one. Entries live in the user's cache folder (``$XDG_CACHE_HOME/quizgen``,
by default ``~/.cache/quizgen``), not beside the outputs, so an output folder
holds exactly the files a build writes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence

from . import __version__
from .files import MAX_OUTPUT_BYTES, file_digest, read_regular
from .problems import Level, Problem

CACHE_FORMAT = 2
# The libraries (by module) whose versions can change what a build writes: every runtime
# dependency but click, which only reads the command line (pymorphy3 and its dictionaries
# inflect every prompt), and the two that jinja2 and pydantic escape and validate with.
LIBRARIES = ("genanki", "inflect", "jinja2", "markupsafe", "pydantic", "pydantic_core", "pymorphy3",
             "pymorphy3_dicts_ru", "yaml")
_DICTIONARY_VARIABLE = "PYMORPHY2_DICT_PATH"
_ABOUT = ("Written by 'quizgen build': what a pack's outputs were built from. A cache; "
          "delete it to make the next build a full one.")


@dataclasses.dataclass(frozen=True)
class CachedOutput:
    """One output as a build wrote it: its path, the hash of its bytes, its summary line."""

    path: Path
    sha256: str
    summary: str


@dataclasses.dataclass(frozen=True)
class CachedBuild:
    """What one pack's last build was made from, and what it wrote and reported."""

    inputs: Mapping[str, Any]
    pack_id: str
    outputs: tuple[CachedOutput, ...]
    lines: tuple[str, ...]
    problems: tuple[Problem, ...]

    def to_bytes(self) -> bytes:
        data = {
            "about": _ABOUT,
            "format": CACHE_FORMAT,
            "inputs": self.inputs,
            "pack": self.pack_id,
            "outputs": [{"path": str(o.path), "sha256": o.sha256, "summary": o.summary}
                        for o in self.outputs],
            "lines": list(self.lines),
            "problems": [_problem_json(p) for p in self.problems],
        }
        # ASCII: a file name that is not UTF-8 (an old zip's) is kept as its escapes. No
        # indentation: that would leave the C encoder, several times slower at 10,000 items.
        return (json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n").encode()


def cache_folder() -> Optional[Path]:
    """Where the cache entries are kept; ``None`` when there is no home folder to keep them in."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base and Path(base).is_absolute():
        return Path(base) / "quizgen" / "builds"
    try:
        return Path.home() / ".cache" / "quizgen" / "builds"
    except RuntimeError:
        return None


def entry_path(out_dir: Path, pack_dir: Path) -> Optional[Path]:
    """The cache entry of one pack built into one output folder."""
    folder = cache_folder()
    if folder is None:
        return None
    # fsencode: a folder name need not be UTF-8, and its bytes are what tells it apart.
    key = os.fsencode(out_dir.resolve()) + b"\0" + os.fsencode(pack_dir.resolve())
    return folder / f"{pack_dir.resolve().name}-{hashlib.sha256(key).hexdigest()[:20]}.json"


def fingerprint(pack_dir: Path, out_dir: Path, sources_dir: Optional[Path],
                options: Mapping[str, Any], files: Mapping[str, Optional[str]]) -> dict[str, Any]:
    """Everything a pack's outputs are made from, as JSON-ready data.

    ``files`` are the files validation read or looked for, with the hashes of the bytes
    it parsed (:attr:`quizgen.validate.Validation.read`), or, for a build deciding
    whether to skip the pack, the same files hashed now (:func:`files_now`). Nothing
    else in the pack folder is read: an odd file there costs nothing.
    """
    return {
        "pack": str(pack_dir.resolve()),
        "files": dict(sorted(files.items())),
        "sources": str(sources_dir.resolve()) if sources_dir is not None else None,
        # Problems name files relative to the working folder, and outputs are named as given.
        "cwd": str(Path.cwd()),
        "out": str(out_dir),
        "options": dict(options),
        "code": code_fingerprint(),
    }


def files_now(pack_dir: Path, recorded: Mapping[str, Optional[str]]) -> dict[str, Optional[str]]:
    """The files a last build read, and any YAML file added to the pack since, hashed now."""
    paths = set(recorded) | {str(path.absolute()) for path in pack_dir.glob("*.yaml")}
    return {path: file_digest(Path(path)) for path in sorted(paths)}


def code_fingerprint() -> dict[str, str]:
    """What shapes the output bytes: quizgen's files, its libraries, Python, zlib, SQLite.

    A library counts by its main file's path, size and modification time, which any
    install or upgrade rewrites: finding that file imports nothing and reads no
    package metadata, so a rebuild with nothing changed starts as fast as it can.
    """
    import importlib.util
    import sqlite3
    import zlib

    package = Path(__file__).parent
    code = hashlib.sha256()
    for path in sorted(path for path in package.rglob("*") if path.is_file()):
        if "__pycache__" not in path.parts:
            code.update(str(path.relative_to(package)).encode() + b"\0")
            code.update(hashlib.sha256(path.read_bytes()).digest())
    found = {"quizgen": __version__, "quizgen-files": code.hexdigest(),
             "python": f"{platform.python_implementation()} {sys.version}",
             "zlib": zlib.ZLIB_RUNTIME_VERSION, "sqlite": sqlite3.sqlite_version}
    for library in LIBRARIES:
        spec = importlib.util.find_spec(library)
        origin = spec.origin if spec is not None else None
        if origin is None or not os.path.exists(origin):
            found[library] = "absent"
            continue
        info = os.stat(origin)
        found[library] = f"{origin} {info.st_size} {info.st_mtime_ns}"
    # pymorphy3 reads the dictionaries this names in place of pymorphy3_dicts_ru's.
    found[_DICTIONARY_VARIABLE] = os.environ.get(_DICTIONARY_VARIABLE, "")
    return found


def read_entry(path: Optional[Path]) -> Optional[CachedBuild]:
    """The cache entry at ``path``; ``None`` when there is none or it cannot be used."""
    if path is None:
        return None
    try:
        raw = read_regular(path, MAX_OUTPUT_BYTES, follow_links=False)
        if raw is None:
            return None
        data = json.loads(raw.decode("utf-8"))
        if data.get("format") != CACHE_FORMAT:
            return None
        return CachedBuild(
            inputs=data["inputs"], pack_id=data["pack"],
            outputs=tuple(CachedOutput(Path(o["path"]), o["sha256"], o["summary"])
                          for o in data["outputs"]),
            lines=tuple(data["lines"]),
            problems=tuple(_problem_from_json(p) for p in data["problems"]))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError,
            RecursionError):
        return None  # a damaged cache entry only costs a full build


def outputs_on_disk(entry: CachedBuild) -> Optional[dict[Path, bytes]]:
    """Every output of the entry as it is on disk, or ``None`` if one is missing or differs."""
    found: dict[Path, bytes] = {}
    for output in entry.outputs:
        try:
            data = read_regular(output.path, MAX_OUTPUT_BYTES, follow_links=False)
        except OSError:
            return None
        if data is None:
            return None
        if hashlib.sha256(data).hexdigest() != output.sha256:
            return None
        found[output.path] = data
    return found


def new_entry(inputs: Mapping[str, Any], pack_id: str,
              outputs: Sequence[tuple[Path, bytes, str]], lines: Sequence[str],
              problems: Sequence[Problem]) -> CachedBuild:
    """The cache entry of a build that read ``inputs`` and wrote ``outputs`` (path, bytes, summary)."""
    return CachedBuild(
        inputs, pack_id,
        tuple(CachedOutput(path, hashlib.sha256(data).hexdigest(), summary)
              for path, data, summary in outputs),
        tuple(lines), tuple(problems))


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {**dataclasses.asdict(problem), "level": problem.level.value}


def _problem_from_json(data: Mapping[str, Any]) -> Problem:
    return Problem(**{**data, "level": Level(data["level"])})
