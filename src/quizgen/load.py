"""Load YAML files into plain data that knows where each value came from.

One parser reads every file: libyaml's event stream (PyYAML's own parser where
libyaml is missing), built into dicts and lists here so that every key and value
records its position, documents that expand beyond a fixed size (alias bombs) or
nest too deeply are refused, and encoding, tab and syntax problems come back as
located :class:`~quizgen.problems.Problem` values. Plain scalars mean what YAML
1.2's core schema says (``no`` and ``yes`` stay text, ``0o17`` is a number).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from . import collector
from .files import Seen, read_file
from .problems import CONTROL_CHARACTERS, Problem


MAX_DEPTH = 40
MAX_EXPANDED_NODES = 1_000_000
# What aliases may add across all the files of a pack: with a limit per file alone, each
# more file would multiply it.
MAX_PACK_ALIAS_VALUES = MAX_EXPANDED_NODES
MAX_PROBLEMS_PER_FILE = 100

Position = tuple[int, int]
PathPart = Union[str, int]

try:  # libyaml is much faster; the pure-Python parser gives the same events.
    _Parser: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader

_LEADING_WS = re.compile(r"^[ \t]*")
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_SCALARS = SafeConstructor()
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# YAML 1.2's core schema: what an unquoted scalar that is not text looks like.
_CORE_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_CORE_BOOL = {"true": True, "True": True, "TRUE": True,
              "false": False, "False": False, "FALSE": False}
_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_CORE_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_CORE_NAN = frozenset((".nan", ".NaN", ".NAN"))


class LDict(dict):  # type: ignore[type-arg]
    """A mapping that knows the position of itself, of each key and of each value."""

    __slots__ = ("pos", "key_pos", "value_pos")

    def __init__(self, pos: Position) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Position] = {}
        self.value_pos: dict[str, Position] = {}


class LList(list):  # type: ignore[type-arg]
    """A sequence that knows the position of itself and of each item."""

    __slots__ = ("pos", "item_pos")

    def __init__(self, pos: Position) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Position] = []


@dataclass(frozen=True)
class Document:
    """One loaded YAML file: its located data and the name to show in problems."""

    file: str
    data: Any

    def locate(self, path: tuple[PathPart, ...]) -> Position:
        """Position of the value at ``path``; for a missing key, its parent mapping."""
        node = self.data
        pos: Position = getattr(node, "pos", (1, 1))
        for part in path:
            if isinstance(node, LDict) and isinstance(part, str) and part in node:
                pos = node.value_pos[part]
                node = node[part]
            elif isinstance(node, LList) and isinstance(part, int) and 0 <= part < len(node):
                pos = node.item_pos[part]
                node = node[part]
            else:
                break
        return pos

    def key_position(self, path: tuple[PathPart, ...], key: str) -> Position:
        """Position of ``key`` itself inside the mapping at ``path``."""
        node = self.data
        for part in path:
            node = node[part]
        if isinstance(node, LDict) and key in node.key_pos:
            return node.key_pos[key]
        return self.locate(path)


def read_text(path: Path, file: str, seen: Optional[Seen] = None) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 text file, reporting size and encoding problems; note it in ``seen``."""
    raw, problems = read_file(path, file)
    if seen is not None:
        seen[str(path.absolute())] = None if raw is None else hashlib.sha256(raw).hexdigest()
    if raw is None:
        return None, problems
    return decode_text(raw, file)


def decode_text(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode bytes as UTF-8 (a UTF-8 byte-order mark is allowed and dropped)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [_file_problem(file, "encoding", "file is UTF-16 encoded; save it as UTF-8")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # Count characters, not bytes, so the column matches what an editor shows.
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8")) + 1
        bad = raw[exc.start]
        return None, [Problem(file, line, col, "encoding",
                              f"file is not valid UTF-8 (byte 0x{bad:02x}); save it as UTF-8")]
    return text, []


class AliasBudget:
    """The values aliases may still add, shared by the files of one pack."""

    def __init__(self, limit: int = MAX_PACK_ALIAS_VALUES) -> None:
        self.limit = limit
        self.used = 0


def load_document(path: Path, file: str, seen: Optional[Seen] = None,
                  budget: Optional[AliasBudget] = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file; note it in ``seen``; its aliases draw on ``budget``."""
    text, problems = read_text(path, file, seen)
    if text is None:
        return None, problems
    return parse_document(text, file, budget)


def parse_document(text: str, file: str,
                   budget: Optional[AliasBudget] = None) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into located data, or return the problems that prevent it."""
    problems = _scan_characters(text, file)
    if problems:
        return None, problems
    try:
        with collector.paused():
            data = _Builder(text, file, budget=budget).build()
    except _BuildError as exc:
        return None, [exc.problem]
    except yaml.MarkedYAMLError as exc:
        return None, [_too_deep_before(text, exc, file) or _syntax_problem(exc, file)]
    except yaml.YAMLError as exc:
        return None, [_file_problem(file, "yaml-syntax", f"invalid YAML: {exc}")]
    return Document(file, data), []


def _file_problem(file: str, code: str, message: str) -> Problem:
    return Problem(file, 0, 0, code, message)


def _scan_characters(text: str, file: str) -> list[Problem]:
    """Tabs in indentation and control characters before parsing: every one, up to a limit.

    A NUL byte means a file that is not text at all (what a crash or a copied binary
    leaves): it is one problem, not one per byte.
    """
    problems: list[Problem] = []
    if not CONTROL_CHARACTERS.search(text) and ("\t" not in text or not _TAB_INDENT.search(text)):
        return problems
    nul = text.find("\0")
    if nul >= 0:
        nul_line = text.count("\n", 0, nul) + 1
        col = nul - (text.rfind("\n", 0, nul) + 1) + 1
        return [Problem(file, nul_line, col, "binary-file",
                        "NUL byte: this is not a text file (damaged, or not YAML at all)")]
    for number, line in enumerate(text.split("\n"), start=1):
        indent = _LEADING_WS.match(line)
        if indent and "\t" in indent.group(0) and line.strip():
            col = indent.group(0).index("\t") + 1
            problems.append(Problem(file, number, col, "tab",
                                    "tab character in indentation; indent with spaces"))
        for match in CONTROL_CHARACTERS.finditer(line):
            problems.append(Problem(file, number, match.start() + 1, "control-character",
                                    f"control character U+{ord(match.group()):04X} is not allowed"))
        if len(problems) > MAX_PROBLEMS_PER_FILE:
            return problems[:MAX_PROBLEMS_PER_FILE] + [Problem(
                file, number, 1, "too-many-problems",
                f"more than {MAX_PROBLEMS_PER_FILE} tab or control-character problems; "
                "the rest of the file is not checked")]
    return problems


def _too_deep_before(text: str, exc: yaml.MarkedYAMLError, file: str) -> Problem | None:
    """quizgen's own ``too-deep`` problem where nesting passes the limit before a syntax error.

    libyaml scans ahead through flow collections (``[[[…``) and may stop at a limit of its
    own before the builder sees the level that passes ours. The text up to the error is read
    again with PyYAML's pure-Python parser, which has no such limit, so the answer never
    depends on which parser, or which version of it, stopped first.
    """
    mark = exc.problem_mark or exc.context_mark
    end = mark.index if mark is not None else len(text)
    if text.count("[", 0, end) + text.count("{", 0, end) < MAX_DEPTH - 1:
        return None  # too few flow openers to nest that deep
    try:
        _Builder(text[:end], file, yaml.SafeLoader).build()
    except _BuildError as deep:
        if deep.problem.code == "too-deep":
            return deep.problem
    except yaml.YAMLError:
        pass
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    message = exc.problem or "invalid YAML"
    if exc.context:
        message = f"{message} ({exc.context})"
    return Problem(file, line, col, "yaml-syntax", f"invalid YAML: {message}")


class _BuildError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Builder:
    """Builds located data from parser events without recursion.

    This loop runs once per YAML event (hundreds of thousands for a large pack), so
    it dispatches on the exact type of each event rather than testing isinstance.
    """

    def __init__(self, text: str, file: str, parser: type = _Parser,
                 budget: Optional[AliasBudget] = None) -> None:
        self.parser = parser(text)
        self.file = file
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        self.budget = budget or AliasBudget()

    def build(self) -> Any:
        try:
            return self._build_stream()
        finally:
            self.parser.dispose()

    def _fail(self, mark: Any, code: str, message: str) -> _BuildError:
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        return _BuildError(Problem(self.file, line, col, code, message))

    def _build_stream(self) -> Any:
        get = self.parser.get_event
        get()  # StreamStart
        if self.parser.check_event(yaml.StreamEndEvent):
            return None
        get()  # DocumentStart
        root = self._build_node()
        get()  # DocumentEnd
        if not self.parser.check_event(yaml.StreamEndEvent):
            event = get()
            raise self._fail(event.start_mark, "multiple-documents",
                             "expected one YAML document, found another ('---')")
        return root

    def _build_node(self) -> Any:
        get_event = self.parser.get_event
        # Each stack frame: [container, size, anchor, pending key, key position]
        stack: list[list[Any]] = []
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                container, value_size, anchor, _, _ = stack.pop()
                value, pos = container, container.pos
                self.expanded += 1
            else:
                if len(stack) >= MAX_DEPTH:
                    raise self._fail(event.start_mark, "too-deep",
                                     f"nesting deeper than {MAX_DEPTH} levels is not allowed")
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                if kind is yaml.MappingStartEvent:
                    stack.append([LDict(pos), 1, event.anchor, None, None])
                    continue
                if kind is yaml.SequenceStartEvent:
                    stack.append([LList(pos), 1, event.anchor, None, None])
                    continue
                if kind is yaml.AliasEvent:
                    if event.anchor not in self.anchors:
                        raise self._fail(mark, "yaml-syntax",
                                         f"invalid YAML: unknown alias '*{event.anchor}'")
                    value, value_size = self.anchors[event.anchor]
                    anchor = None
                    self.expanded += value_size
                    self._draw(value_size, event)
                else:
                    value, value_size, anchor = self._scalar(event), 1, event.anchor
                    self.expanded += 1
            if self.expanded > MAX_EXPANDED_NODES:
                raise self._fail(event.start_mark, "too-large",
                                 f"document expands to more than {MAX_EXPANDED_NODES} values "
                                 "(too many aliases?)")
            if anchor:
                self.anchors[anchor] = (value, value_size)
            if not stack:
                return value
            frame = stack[-1]
            frame[1] += value_size
            container = frame[0]
            if type(container) is LList:
                container.append(value)
                container.item_pos.append(pos)
            elif frame[3] is None:
                self._check_key(container, value, event)
                frame[3], frame[4] = value, pos
            else:
                key = frame[3]
                container[key] = value
                container.key_pos[key] = frame[4]
                container.value_pos[key] = pos
                frame[3] = None

    def _draw(self, values: int, event: Any) -> None:
        """Take what an alias adds from the pack's budget; past it, the file is refused."""
        budget = self.budget
        budget.used += values
        if budget.used > budget.limit and self.expanded <= MAX_EXPANDED_NODES:
            raise self._fail(event.start_mark, "too-large",
                             f"the pack's files together expand to more than {budget.limit} "
                             "values through aliases (too many aliases?)")

    def _check_key(self, mapping: LDict, key: Any, event: Any) -> None:
        if not isinstance(key, str):
            raise self._fail(event.start_mark, "bad-key", "mapping keys must be plain text")
        if key == "<<" and type(event) is yaml.ScalarEvent and not event.style:
            raise self._fail(event.start_mark, "merge-key",
                             "merge keys ('<<') are not supported: write the keys out in full")
        if key in mapping:
            raise self._fail(event.start_mark, "duplicate-key",
                             f"duplicate key '{key}' in this mapping")

    def _scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return event.value
            try:
                return plain_scalar(event.value)
            except ValueError:  # a number of more digits than Python converts
                raise self._fail(event.start_mark, "number-too-long",
                                 f"a number {len(event.value)} characters long; no value of "
                                 "the format needs more than a few digits") from None
        if tag in (_STR_TAG, _TIMESTAMP_TAG):
            # Dates stay as written ("2024-12-25"); the validator parses them.
            return event.value
        if tag == "tag:yaml.org,2002:null":
            return None
        node = ScalarNode(tag, event.value)
        try:  # only an explicit tag (!!int abc) can pair a type with a value that does not fit
            if tag == "tag:yaml.org,2002:bool":
                return _SCALARS.construct_yaml_bool(node)
            if tag == "tag:yaml.org,2002:int":
                return _SCALARS.construct_yaml_int(node)
            if tag == "tag:yaml.org,2002:float":
                return _SCALARS.construct_yaml_float(node)
        except (ValueError, IndexError, KeyError):
            raise self._fail(event.start_mark, "bad-tag",
                             f"'{event.value}' is not a valid value for YAML tag '{tag}'") from None
        raise self._fail(event.start_mark, "bad-tag", f"unsupported YAML tag '{tag}'")


class SpelledInt(int):
    """A whole number written otherwise than in plain decimal (``0x7E8``, ``+2024``, ``007``).

    It is the number everywhere, but keeps how it was written, so that a value that must
    be written one way (a year) can refuse another spelling of the same number.
    """

    spelling: str

    def __new__(cls, number: int, spelling: str) -> SpelledInt:
        made = super().__new__(cls, number)
        made.spelling = spelling
        return made


def plain_scalar(value: str) -> Any:
    """What an unquoted scalar means in YAML 1.2's core schema: text, a number, a bool or null."""
    if value in _CORE_NULL:
        return None
    if value in _CORE_BOOL:
        return _CORE_BOOL[value]
    if _CORE_INT.fullmatch(value):
        number = int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        return number if str(number) == value else SpelledInt(number, value)
    if _CORE_FLOAT.fullmatch(value):
        return float(value)
    if _CORE_INF.fullmatch(value):
        return float("-inf") if value[0] == "-" else float("inf")
    if value in _CORE_NAN:
        return float("nan")
    return value
