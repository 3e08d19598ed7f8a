"""Problems found in content, as data with locations.

Every stage that inspects content returns a list of :class:`Problem` instead of
raising on the first one, so that an author sees everything wrong at once.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Level(str, Enum):
    """How serious a problem is; ``info`` and ``note`` never fail a run, even under ``--strict``.

    A ``note`` is a consequence of a problem reported elsewhere (a reference to an item
    that has errors of its own): it comes after every other problem and counts for none.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NOTE = "note"


_LEVEL_ORDER = {Level.ERROR: 0, Level.WARNING: 1, Level.INFO: 2, Level.NOTE: 3}
# The control characters content may not hold, as the body of a regex character class:
# the loader refuses them in a file's raw text, and text fields refuse them where YAML
# escapes ("\x1f", "\0", "\e") put them into a value. U+001F separates Anki's fields,
# and escape sequences reach the terminal.
CONTROL_RANGES = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff"
CONTROL_CHARACTERS = re.compile(f"[{CONTROL_RANGES}]")
# Content (an id, a key, a folder name) can hold characters that would drive the terminal
# (escapes written with YAML's "\\e"), split the line, or hide: control and format characters
# (zero-width space, right-to-left override), line and paragraph separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def printable(text: str) -> str:
    """``text`` with every control, format or separator character written as an escape."""
    if text.isprintable():
        return text
    return "".join(_escape(char) if unicodedata.category(char) in _HIDDEN_CATEGORIES else char
                   for char in text)


def printable_json(text: str) -> str:
    """JSON text with the characters :func:`printable` escapes written as JSON escapes.

    The document means the same; JSON itself escapes only the controls below U+0020.
    """
    if text.isprintable():
        return text
    return "".join(_json_escape(char) if unicodedata.category(char) in _HIDDEN_CATEGORIES
                   else char for char in text)


@dataclass(frozen=True)
class Problem:
    """One located problem: ``file:line:col: level: message [code]``.

    ``line`` and ``col`` are 1-based; 0 means "the whole file".
    ``path`` names the object by id, e.g. ``events[plane-shootdown].date``.
    """

    file: str
    line: int
    col: int
    code: str
    message: str
    level: Level = Level.ERROR
    path: str = ""

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        subject = f"{self.path}: " if self.path else ""
        line = f"{where}: {self.level.value}: {subject}{self.message} [{self.code}]"
        return printable(line)

    def sort_key(self) -> tuple[bool, str, int, int, int, str, str]:
        """Root problems by place, then the consequences (notes) by place."""
        return (self.level is Level.NOTE, self.file, self.line, self.col,
                _LEVEL_ORDER[self.level], self.code, self.message)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _json_escape(char: str) -> str:
    units = char.encode("utf-16-be", "surrogatepass")  # a lone surrogate (a file name's byte)
    return "".join(f"\\u{int.from_bytes(units[i:i + 2], 'big'):04x}"
                   for i in range(0, len(units), 2))


def describe_character(char: str) -> str:
    """A character as an author can find it: ``U+200B ZERO WIDTH SPACE``."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Sort by location, dropping exact repeats (an alias can report one node twice)."""
    return sorted(set(problems), key=Problem.sort_key)


def has_errors(problems: list[Problem], *, strict: bool = False) -> bool:
    """True when the problems should fail a run (warnings count under ``strict``)."""
    failing = {Level.ERROR, Level.WARNING} if strict else {Level.ERROR}
    return any(p.level in failing for p in problems)


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the working directory when inside it."""
    # abspath, not resolve: a link is named as written, even one that is dangling or a loop.
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class QuizgenError(Exception):
    """Base class for errors the library reports to its caller (never a bug)."""


class ContentError(QuizgenError):
    """The content has problems that stop the requested work."""

    def __init__(self, problems: list[Problem], not_built: str = "") -> None:
        self.problems = sort_problems(problems)
        errors = sum(1 for p in self.problems if p.level is Level.ERROR)
        super().__init__(f"{errors} error(s) in content" + (f"; {not_built}" if not_built else ""))


class UsageError(QuizgenError):
    """The request itself is wrong (a missing folder, a bad option value)."""


class OutputError(QuizgenError):
    """Output could not be written (unwritable folder, full disk)."""


class LockError(QuizgenError):
    """A deck lock file exists but cannot be read or is not a quizgen deck lock."""
