"""Validate a pack folder: located YAML → typed :class:`~quizgen.model.Pack` + problems.

Every item is checked on its own, so one broken event does not hide the
problems of the others; then the pack as a whole is checked for duplicate ids,
references to ids that do not exist, and quotes that are not in their source.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping, NamedTuple, Optional

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import collector, quotes
from .files import Seen
from .load import AliasBudget, Document, PathPart, load_document, read_text
from .dates import states_date
from .model import (ITEM_MODELS, TEXT_PATTERN, Actor, Cause, Citation, DateSource, Dispute,
                    Event, Language, Pack, PackInfo, PartialDate, SKIPPABLE, Source,
                    looks_like_reference)
from .text import word_count
from .problems import (CONTROL_CHARACTERS, Level, Problem, describe_character, display_path,
                       sort_problems)

if typing.TYPE_CHECKING:
    from .question import QuestionBank

PACK_FILE = "pack.yaml"
# A content file whose name ends so holds candidates that `quizgen draft` wrote: checked like
# any content file, left out of the pack that is built until the author moves them out.
DRAFT_SUFFIX = ".draft.yaml"
# How a draft's placeholders begin: text the author has still to write in their own words.
DRAFT_MARKS = ("ЧЕРНОВИК:", "DRAFT:")
MAX_QUOTE_WORDS = 40
MAX_HINT_COMPARISONS = 25_000
Broken = dict[tuple[str, str], str]
"""Items with errors of their own: (kind, id) → where they stand, ``file:line``."""
_TOP_KEY = re.compile(r"^(events|actors|causes|disputes)\s*:")
_ITEM_ID = re.compile(r"""^\s*-\s+id\s*:\s*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?\s*(?:#.*)?$""")


class Entry(NamedTuple):
    """A valid item and where it was written (a named tuple: a large pack has thousands)."""

    kind: str
    item: Any
    doc: Document
    path: tuple[PathPart, ...]
    draft: bool = False  # written in a draft file: checked, not built

    def problem(self, suffix: tuple[PathPart, ...], code: str, message: str,
                level: Level = Level.ERROR) -> Problem:
        full = self.path + suffix
        line, col = self.doc.locate(full)
        return Problem(self.doc.file, line, col, code, message, level, name_path(self.doc, full))


@dataclass(frozen=True)
class Validation:
    """The outcome of validating one pack folder."""

    directory: Path
    pack: Optional[Pack]
    problems: list[Problem]
    quotes_verified: int = 0
    quotes_unchecked: int = 0
    # Every file validation read or looked for, with the hash of the bytes it read: what
    # the build cache compares, so that it trusts exactly what was parsed.
    read: Mapping[str, Optional[str]] = field(default_factory=dict)
    # The question bank of a pack with no errors, which the card checks were run on.
    bank: Optional[QuestionBank] = None
    # The sound items of draft files, with the file each is in: checked, left out of the pack.
    drafts: tuple[tuple[str, Any], ...] = ()

    @property
    def drafted(self) -> int:
        return len(self.drafts)


def validate_pack(directory: Path, sources_dir: Optional[Path] = None) -> Validation:
    """Load and check every file of a pack; return the pack (if sound) and all problems."""
    with collector.paused():
        return _validate_pack(directory, sources_dir)


def _validate_pack(directory: Path, sources_dir: Optional[Path]) -> Validation:
    pack_path = directory / PACK_FILE
    pack_file = display_path(pack_path)
    if not pack_path.is_file():
        problem = Problem(pack_file, 0, 0, "no-pack-file", f"no {PACK_FILE} in this pack folder")
        return Validation(directory, None, [problem])
    problems: list[Problem] = []
    seen: Seen = {}
    budget = AliasBudget()  # one for the pack: more files must not multiply what aliases add
    info, info_doc = _load_info(pack_path, pack_file, problems, seen, budget)
    entries: list[Entry] = []
    broken: Broken = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name != PACK_FILE:
            entries.extend(_load_content(path, problems, seen, broken, budget))
    if info is None or info_doc is None:
        return Validation(directory, None, sort_problems(problems), read=seen)
    _check_ids(info, info_doc, entries, problems)
    _check_references(info, entries, broken, problems)
    problems.extend(_check_skips(entries))
    problems.extend(_check_holders(entries))
    texts = _source_texts(info, info_doc, directory, sources_dir, problems, seen)
    verified, unchecked = _check_quotes(info, info_doc.file, entries, texts, problems)
    problems.extend(_draft_problems(info, info_doc, entries))
    problems.extend(_undated_quotes(entries))
    problems.extend(_examples(info, info_doc, entries))
    problems.extend(_proposals(entries))
    pack = _assemble(info, directory, [e for e in entries if not e.draft], frozenset(texts),
                     _told(texts, info.language))
    bank = None
    if not any(p.level is Level.ERROR for p in problems):
        from .bank import build_bank

        bank = build_bank(pack)
        problems.extend(_check_cards(pack, bank, entries))
    drafts = tuple((e.doc.file, e.item) for e in entries if e.draft)
    return Validation(directory, pack, sort_problems(problems), verified, unchecked, seen, bank,
                      drafts)


def _check_cards(pack: Pack, bank: QuestionBank, entries: list[Entry]) -> Iterator[Problem]:
    """The cards that would break a rule, as warnings at the content that causes them."""
    from .cards import check_cards

    where = {(e.kind, e.item.id): e for e in entries}
    for finding in check_cards(pack, bank):
        kind, ident, suffix = finding.at
        yield where[(kind, ident)].problem(tuple(suffix), finding.code, finding.message,
                                           Level.WARNING)


def same_id_problem(directory: Path, pack_id: str, first: Path) -> Problem:
    """A pack whose id an earlier pack of the same run has: their outputs would overwrite."""
    path = directory / PACK_FILE
    doc, _ = load_document(path, display_path(path))
    line, col = doc.locate(("id",)) if doc is not None else (0, 0)
    return Problem(display_path(path), line, col, "duplicate-pack-id",
                   f"pack id '{pack_id}' is also the id of {display_path(first)}: their decks "
                   "and quizzes would overwrite each other; give this pack an id of its own",
                   path="id")


def name_path(doc: Document, path: tuple[PathPart, ...]) -> str:
    """``events[plane-shootdown].date``: list items named by their id where they have one."""
    text = ""
    node: Any = doc.data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            text += f"[{ident}]" if isinstance(ident, str) and ident else f"[{part}]"
            node = item
        else:
            text += f".{part}" if text else part
            node = node.get(part) if isinstance(node, dict) else None
    return text


def _load_info(path: Path, file: str, problems: list[Problem], seen: Seen,
               budget: AliasBudget) -> tuple[Optional[PackInfo], Optional[Document]]:
    doc, load_problems = load_document(path, file, seen, budget)
    problems.extend(load_problems)
    if doc is None:
        return None, None
    info = _validate_model(PackInfo, doc, (), problems)
    return info, doc


def _load_content(path: Path, problems: list[Problem], seen: Seen, broken: Broken,
                  budget: AliasBudget) -> list[Entry]:
    file = display_path(path)
    draft = path.name.endswith(DRAFT_SUFFIX)
    doc, load_problems = load_document(path, file, seen, budget)
    problems.extend(load_problems)
    if doc is None:
        broken.update(_ids_written_in(path, file))
        return []
    if doc.data is None:
        problems.append(Problem(file, 0, 0, "empty-file", "file has no content", Level.WARNING))
        return []
    if not isinstance(doc.data, dict):
        line, col = doc.locate(())
        problems.append(Problem(file, line, col, "type",
                                f"expected a mapping with keys {_kinds()}, got {_kind_of(doc.data)}"))
        return []
    entries: list[Entry] = []
    for key, value in doc.data.items():
        if key not in ITEM_MODELS:
            problems.append(_unknown_key(doc, (), key, list(ITEM_MODELS)))
        elif not isinstance(value, list):
            line, col = doc.locate((key,))
            problems.append(Problem(file, line, col, "type",
                                    f"expected a list of {key}, got {_kind_of(value)}", path=key))
        else:
            entries.extend(_validate_items(key, value, doc, problems, broken, draft))
    if draft and entries:
        problems.append(Problem(file, 0, 0, "draft",
                                f"{len(entries)} draft item(s), left out of the build until "
                                "they are moved into a content file of the pack", Level.INFO))
    return entries


def _validate_items(key: str, items: list[Any], doc: Document, problems: list[Problem],
                    broken: Broken, draft: bool = False) -> Iterator[Entry]:
    """The valid items of a file's list under ``key``; the problems of the others.

    The id of an item with problems goes into ``broken``, with where it stands.

    Most lists are sound throughout: those are validated in one call, and only a
    list with a problem somewhere is validated item by item to find each one.
    """
    model = ITEM_MODELS[key]
    # Most files use known keys only, which one look at all their items shows.
    if _known_keys_only(model, items):
        try:
            valid = _list_adapter(model).validate_python(items)
        except ValidationError:
            pass
        else:
            for index, item in enumerate(valid):
                yield Entry(key, item, doc, (key, index), draft)
            return
    for index in range(len(items)):
        item = _validate_model(model, doc, (key, index), problems)
        if item is not None:
            yield Entry(key, item, doc, (key, index), draft)
        elif isinstance(items[index], dict) and isinstance(items[index].get("id"), str):
            line, _ = doc.locate((key, index))
            broken[(key, items[index]["id"])] = f"{doc.file}:{line}"


@functools.cache
def _list_adapter(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _kinds() -> str:
    return ", ".join(ITEM_MODELS)


def _validate_model(model: type[BaseModel], doc: Document, path: tuple[PathPart, ...],
                    problems: list[Problem]) -> Any:
    """The model of the value at ``path``, or ``None``; unknown keys are warned of."""
    raw = doc.data
    for part in path:
        raw = raw[part]
    _unknown_keys(model, raw, doc, path, problems)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        _from_pydantic(exc, doc, path, problems)
        return None


def _from_pydantic(exc: ValidationError, doc: Document, path: tuple[PathPart, ...],
                   problems: list[Problem]) -> None:
    for error in exc.errors():
        # pydantic marks a bad dict key with a "[key]" step after the key itself
        loc = path + tuple(part for part in error["loc"] if part != "[key]")
        target = loc[:-1] if error["type"] == "missing" else loc
        line, col = doc.locate(target)
        code = "missing" if error["type"] == "missing" else "type"
        if error["type"].startswith("date_"):
            code = "date"
        elif _is_control_character(error):
            code = "control-character"
        problems.append(Problem(doc.file, line, col, code, _message(error),
                                path=name_path(doc, target)))


def _control_character(text: str) -> int:
    """The first control character of a text field's value, as pydantic trims it."""
    found = CONTROL_CHARACTERS.search(text.strip(_UNICODE_WHITESPACE))
    return ord(found.group()) if found else 0


# What pydantic trims from text (Rust's trim: Unicode's White_Space): what Python's
# isspace() calls whitespace, less U+001C to U+001F.
_UNICODE_WHITESPACE = "".join(char for char in map(chr, range(0x3001))
                              if char.isspace() and char not in "\x1c\x1d\x1e\x1f")


def _is_control_character(error: Any) -> bool:
    ctx = error.get("ctx") or {}
    return error["type"] == "string_pattern_mismatch" and ctx.get("pattern") == TEXT_PATTERN


def _message(error: Any) -> str:
    if _is_control_character(error):
        return f"control character U+{_control_character(str(error['input'])):04X} is not allowed"
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    key = error["loc"][-1] if error["loc"] else "value"
    messages = {
        "missing": f"missing required field '{key}'",
        "string_type": f"expected text, got {_kind_of(value)}",
        "string_too_short": "must not be empty",
        "string_too_long": f"text is too long (more than {ctx.get('max_length')} characters)",
        "string_pattern_mismatch": _slug_message(str(value)),
        "list_type": f"expected a list, got {_kind_of(value)}",
        "too_short": f"needs at least {_entries(ctx.get('min_length'))}, got {ctx.get('actual_length')}",
        "model_type": f"expected a mapping (key: value), got {_kind_of(value)}",
        "dict_type": f"expected a mapping (key: value), got {_kind_of(value)}",
        "bool_type": f"expected true or false, got {_kind_of(value)}",
        "bool_parsing": f"expected true or false, got {value!r}",
        "int_type": f"expected a whole number, got {_kind_of(value)}",
        "int_parsing": f"expected a whole number, got {value!r}",
        "literal_error": f"expected one of {ctx.get('expected')}, got {value!r}",
        "enum": f"expected one of {ctx.get('expected')}, got {value!r}",
        "greater_than_equal": f"must be at least {ctx.get('ge')}",
        "less_than_equal": f"must be at most {ctx.get('le')}",
    }
    return messages.get(kind, str(error["msg"]))


def _slug_message(value: str) -> str:
    """Why an id is refused, naming the characters beyond ASCII (look-alikes, invisible ones)."""
    message = f"'{value}' is not a valid id: use lowercase latin letters, digits and single hyphens"
    odd = sorted({char for char in value if not char.isascii()})
    if odd:
        message += f" (it contains {', '.join(describe_character(char) for char in odd)})"
    return message


def _entries(count: Any) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "a mapping"


def _unknown_keys(model: type[BaseModel], raw: Any, doc: Document,
                  path: tuple[PathPart, ...], problems: list[Problem]) -> None:
    if not isinstance(raw, dict):
        return
    fields = _field_models(model)
    if not raw.keys() <= fields.keys():  # the rare case, checked at C speed
        for key in raw:
            if key not in fields:
                problems.append(_unknown_key(doc, path, key, list(fields)))
    for key, is_list, sub in _nested_models(model):
        if key not in raw:
            continue
        value = raw[key]
        if not is_list:
            _unknown_keys(sub, value, doc, path + (key,), problems)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                _unknown_keys(sub, item, doc, path + (key, index), problems)


def _known_keys_only(model: type[BaseModel], items: list[Any]) -> bool:
    """Whether ``items`` are mappings that use only keys of ``model``, down to nested models.

    ``False`` means "look at each item": some item is not a mapping or has an unknown
    key. The keys of all items are gathered at C speed, not item by item.
    """
    if not all(type(item) is dict for item in items):
        return False
    if not set().union(*items) <= _field_models(model).keys():
        return False
    for key, is_list, sub in _nested_models(model):
        values = [item[key] for item in items if key in item]
        if is_list:
            if not all(type(value) is list for value in values):
                return False
            values = list(itertools.chain.from_iterable(values))
        if not _known_keys_only(sub, values):
            return False
    return True


@functools.cache
def _nested_models(model: type[BaseModel]) -> tuple[tuple[str, bool, type[BaseModel]], ...]:
    """The fields of a model that hold models: name, whether a list, the model."""
    return tuple((name, is_list, sub) for name, (is_list, sub) in _field_models(model).items()
                 if sub is not None)


@functools.cache
def _field_models(model: type[BaseModel]) -> dict[str, tuple[bool, Optional[type[BaseModel]]]]:
    """For each field of a model: whether it is a list, and the model it holds, if any."""
    return {name: _submodel(info.annotation) for name, info in model.model_fields.items()}


def _submodel(annotation: Any) -> tuple[bool, Optional[type[BaseModel]]]:
    """For a field type, whether it is a list, and the model it holds, if any."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list and args:
        return True, _submodel(args[0])[1]
    if origin is not None and args:  # Optional[...] and other unions
        for arg in args:
            is_list, sub = _submodel(arg)
            if sub is not None:
                return is_list, sub
        return False, None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return False, annotation
    return False, None


def _unknown_key(doc: Document, path: tuple[PathPart, ...], key: str,
                 known: list[str]) -> Problem:
    line, col = doc.key_position(path, key)
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(known)}"
    subject = name_path(doc, path + (key,))
    return Problem(doc.file, line, col, "unknown-key", f"unknown key '{key}'{hint}",
                   Level.WARNING, subject)


def _check_ids(info: PackInfo, info_doc: Document, entries: list[Entry],
               problems: list[Problem]) -> None:
    first: dict[str, Entry] = {}
    owners = [Entry("sources", s, info_doc, ("sources", i)) for i, s in enumerate(info.sources)]
    for entry in owners + entries:
        ident = entry.item.id
        if ident not in first:
            first[ident] = entry
            continue
        earlier = first[ident]
        line, _ = earlier.doc.locate(earlier.path)
        problems.append(entry.problem(
            ("id",), "duplicate-id",
            f"duplicate id '{ident}' (first used at {earlier.doc.file}:{line})"))


def _check_references(info: PackInfo, entries: list[Entry], broken: Broken,
                      problems: list[Problem]) -> None:
    """Every reference to an id nothing declares; one to an item with errors is a note.

    A draft item may refer to other draft items; an item of the pack may not, as the
    build leaves drafts out.
    """
    known = {"source": {s.id for s in info.sources},
             "actor": {e.item.id for e in entries if e.kind == "actors" and not e.draft},
             "event": {e.item.id for e in entries if e.kind == "events" and not e.draft}}
    drafted = {"actor": {e.item.id: e for e in entries if e.kind == "actors" and e.draft},
               "event": {e.item.id: e for e in entries if e.kind == "events" and e.draft},
               "source": {}}
    hints = _Hints(known)
    for entry in entries:
        for suffix, ident, what in references(entry.item):
            if ident in known[what] or (entry.draft and ident in drafted[what]):
                continue
            if ident in drafted[what]:
                draft = drafted[what][ident]
                line, _ = draft.doc.locate(draft.path)
                problems.append(entry.problem(
                    suffix, "unknown-reference",
                    f"{what} '{ident}' is only in a draft ({draft.doc.file}:{line}), which the "
                    "build leaves out; move it into a content file of the pack too"))
                continue
            where = broken.get((f"{what}s", ident))
            if where is not None:
                problems.append(entry.problem(suffix, "broken-reference",
                                              f"{what} '{ident}' has errors ({where})", Level.NOTE))
                continue
            hint = hints.hint(what, ident)
            taken = (" (taken for an event id, as it is written like one; prose needs a space "
                     "or a capital letter)" if what == "event" and not hint else "")
            problems.append(entry.problem(suffix, "unknown-reference",
                                          f"unknown {what} id '{ident}'{hint}{taken}"))


def _check_holders(entries: list[Entry]) -> Iterator[Problem]:
    """A position with both a named holder and holders its source does not name."""
    for entry in entries:
        if entry.kind != "disputes":
            continue
        for index, position in enumerate(entry.item.positions):
            if position.holder is not None and position.held_by is not None:
                yield entry.problem(
                    ("positions", index, "held_by"), "two-holders",
                    f"the position has a holder ('{position.holder}') and held_by "
                    f"('{position.held_by}'); keep holder where the source names who holds it, "
                    "held_by where it does not")


def _check_skips(entries: list[Entry]) -> Iterator[Problem]:
    """A ``skip:`` key that names no question kind the item yields, with a did-you-mean."""
    for entry in entries:
        known = SKIPPABLE[entry.kind]
        for key in entry.item.skip:
            if key in known:
                continue
            path = entry.path + ("skip",)
            line, col = entry.doc.key_position(path, key)
            close = difflib.get_close_matches(key, known, n=1)
            hint = (f"; did you mean '{close[0]}'?" if close
                    else f"; {entry.kind} yield: {', '.join(known)}")
            yield Problem(entry.doc.file, line, col, "unknown-question-kind",
                          f"'{key}' is no question kind {entry.kind} yield{hint}",
                          Level.ERROR, name_path(entry.doc, path + (key,)))


def _draft_problems(info: PackInfo, info_doc: Document, entries: list[Entry]) -> Iterator[Problem]:
    """A draft's placeholder left in the pack: text the author has still to write."""
    owners = [Entry("sources", s, info_doc, ("sources", i)) for i, s in enumerate(info.sources)]
    for entry in owners + [e for e in entries if not e.draft]:
        for suffix, text in _texts(entry.item):
            if text.startswith(DRAFT_MARKS):
                yield entry.problem(suffix, "draft-text",
                                    "still the draft's placeholder; write it in your own words",
                                    Level.WARNING)


def _examples(info: PackInfo, info_doc: Document, entries: list[Entry]) -> Iterator[Problem]:
    """The examples ``quizgen init`` wrote, still in the pack: each a warning at its mark."""
    owners = [Entry("sources", s, info_doc, ("sources", i)) for i, s in enumerate(info.sources)]
    for entry in owners + entries:
        if entry.item.example:
            what = "source" if entry.kind == "sources" else "item"
            yield entry.problem(
                ("example",), "example",
                f"an example {what} that quizgen init wrote: delete it once the pack has its "
                "own (or delete `example: true` if you made it yours)", Level.WARNING)


def _proposals(entries: list[Entry]) -> Iterator[Problem]:
    """Wording ``quizgen draft`` proposed, not yet confirmed: a warning at each name in an
    item's ``proposed:`` list. In a draft file it is what the author reviews, not reported."""
    for entry in entries:
        if entry.draft:
            continue
        for index, name in enumerate(getattr(entry.item, "proposed", ())):
            yield entry.problem(
                ("proposed", index), "proposed",
                f"the {name} is wording quizgen draft proposed from the source: check it "
                f"against the quote, rewrite it if need be, then remove '{name}' from proposed",
                Level.WARNING)


def _undated_quotes(entries: list[Entry]) -> Iterator[Problem]:
    """A stated date that none of the event's quotes expresses: a date read from no date.

    Its year, its month's name or a numeric date for it must stand in a quote (a derived
    date is worked out, and its date_note says how); a date_note does not excuse a stated
    date. Located at the first quote, which is where the date should be found.
    """
    for entry in entries:
        event = entry.item
        if (entry.kind != "events" or event.date is None
                or event.date_source is not DateSource.STATED):
            continue
        date = event.date
        if any(states_date(c.quote, date.year, date.month, date.day) for c in event.sources):
            continue
        if not event.date_note:
            continue  # no year in a quote and no note: the card check undated-event says so
        yield entry.problem(
            ("sources", 0, "quote"), "date-not-in-quote",
            f"the date {date} is stated, but no quote of the event holds it (its year, its "
            "month's name or a numeric date): check the date, quote where the text gives it, "
            "or set date_source: derived with a date_note saying how it was worked out",
            Level.WARNING)


def _texts(value: Any, suffix: tuple[PathPart, ...] = ()) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    """Every text of an item, with its path in the item."""
    if isinstance(value, str):
        yield suffix, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), suffix + (name,))
    elif isinstance(value, (tuple, list)):
        for index, member in enumerate(value):
            yield from _texts(member, suffix + (index,))


def _ids_written_in(path: Path, file: str) -> Broken:
    """The ids a file that cannot be parsed seems to declare, by kind, with their lines.

    Only to tell references to them apart from references to nothing: the file's own
    problems are reported as they are.
    """
    text, _ = read_text(path, file)
    found: Broken = {}
    kind = None
    for number, line in enumerate((text or "").splitlines(), start=1):
        top = _TOP_KEY.match(line)
        if top:
            kind = top.group(1)
        item = _ITEM_ID.match(line)
        if item and kind is not None:
            found.setdefault((kind, item.group(1)), f"{file}:{number}")
    return found



def references(item: Any) -> Iterator[tuple[tuple[PathPart, ...], str, str]]:
    """Every id an item refers to: its path in the item, the id, and what it names.

    A cause or effect is an event's id only if it looks like one; otherwise it is text.
    """
    for suffix, citation in citations(item):
        yield suffix + ("source",), citation.source, "source"
    if isinstance(item, (Actor, Cause)) and item.reading is not None:
        yield ("reading",), item.reading, "source"
    if isinstance(item, Event):
        for index, actor in enumerate(item.actors):
            yield ("actors", index), actor, "actor"
    elif isinstance(item, Dispute):
        for index, position in enumerate(item.positions):
            if position.holder is not None:
                yield ("positions", index, "holder"), position.holder, "actor"
    elif isinstance(item, Cause):
        for key in ("cause", "effect"):
            text = getattr(item, key)
            if looks_like_reference(text):
                yield (key,), text, "event"


class _Hints:
    """Did-you-mean hints for unknown ids: each id is looked up once, within a budget.

    A lookup compares the id with every known id of its kind, at some 20 µs a pair.
    When thousands of references fail (ids renamed wholesale), hints stop after
    :data:`MAX_HINT_COMPARISONS`: the first ones already show what happened, and
    all of them would take minutes.
    """

    def __init__(self, known: dict[str, set[str]]) -> None:
        self.known = {what: sorted(ids) for what, ids in known.items()}
        self.hints: dict[tuple[str, str], str] = {}
        self.comparisons_left = MAX_HINT_COMPARISONS

    def hint(self, what: str, ident: str) -> str:
        if (what, ident) not in self.hints:
            known = self.known[what]
            close: list[str] = []
            if len(known) <= self.comparisons_left:
                self.comparisons_left -= len(known)
                close = difflib.get_close_matches(ident, known, n=1)
            self.hints[(what, ident)] = f"; did you mean '{close[0]}'?" if close else ""
        return self.hints[(what, ident)]


def citations(item: Any) -> Iterator[tuple[tuple[PathPart, ...], Citation]]:
    """Every citation of an item, with its path relative to the item."""
    if isinstance(item, Dispute):
        for p, position in enumerate(item.positions):
            for c, citation in enumerate(position.sources):
                yield ("positions", p, "sources", c), citation
        return
    for c, citation in enumerate(item.sources):
        yield ("sources", c), citation


def _source_texts(info: PackInfo, doc: Document, directory: Path,
                  sources_dir: Optional[Path], problems: list[Problem],
                  seen: Seen) -> dict[str, str]:
    """Normalised text of every source whose text can be found."""
    texts: dict[str, str] = {}
    for index, source in enumerate(info.sources):
        entry = Entry("sources", source, doc, ("sources", index))
        path = _source_path(entry, source, directory, sources_dir, problems, seen)
        if path is None:
            continue
        text, read_problems = read_text(path, display_path(path), seen)
        problems.extend(read_problems)
        if text is not None:
            texts[source.id] = quotes.normalize(text)
    return texts


def _source_path(entry: Entry, source: Source, directory: Path, sources_dir: Optional[Path],
                 problems: list[Problem], seen: Seen) -> Optional[Path]:
    if source.text is not None:
        root = directory.resolve()
        try:  # a NUL byte or an over-long name raises instead of returning False
            candidate = (directory / source.text).resolve()
            escapes = Path(source.text).is_absolute() or not candidate.is_relative_to(root)
            found = candidate.is_file()
        except (OSError, ValueError):
            escapes, found = False, False
        if escapes:
            problems.append(entry.problem(("text",), "path-escape",
                                          "source text path must stay inside the pack folder"))
            return None
        if not found:
            problems.append(entry.problem(("text",), "missing-file",
                                          f"source text file '{source.text}' not found"))
            return None
        return candidate
    # Without `text:`, the source's text is <id>.txt in --sources DIR, else in the pack's
    # own folder, where an author keeps the articles the pack quotes.
    for folder in filter(None, (sources_dir, directory)):
        candidate = folder / f"{source.id}.txt"
        if candidate.is_file():
            return candidate
        seen[str(candidate.absolute())] = None  # looked for: a text that appears later counts
    return None


def _check_quotes(info: PackInfo, pack_file: str, entries: list[Entry], texts: dict[str, str],
                  problems: list[Problem]) -> tuple[int, int]:
    """How many quotes were found in their sources' texts, and how many could not be checked."""
    verified = 0
    unchecked: dict[str, int] = {}
    for entry in entries:
        for suffix, citation in citations(entry.item):
            words = word_count(citation.quote)
            if words > MAX_QUOTE_WORDS:
                problems.append(entry.problem(
                    suffix + ("quote",), "long-quote",
                    f"quote has {words} words; keep quotes short (at most {MAX_QUOTE_WORDS})",
                    Level.WARNING))
            text = texts.get(citation.source)
            if text is None:
                unchecked[citation.source] = unchecked.get(citation.source, 0) + 1
            elif quotes.quote_in_text(citation.quote, text):
                verified += 1
            else:
                problems.append(entry.problem(
                    suffix + ("quote",), "quote-not-found",
                    f"quote not found in the text of source '{citation.source}': "
                    + quotes.explain_missing(citation.quote, citation.source, texts)))
    known = {s.id for s in info.sources}
    for source_id, count in sorted(unchecked.items()):
        if source_id in known:
            problems.append(Problem(
                pack_file, 0, 0, "quotes-unchecked",
                f"{count} quote(s) from source '{source_id}' not checked: no text found "
                f"(put {source_id}.txt in the pack's folder, set 'text:' in {PACK_FILE}, or "
                f"pass --sources DIR holding {source_id}.txt)",
                Level.INFO))
    return verified, sum(unchecked.values())


def _told(texts: dict[str, str], language: Language) -> tuple[tuple[int, int, str], ...]:
    """Every date the sources' texts tell, as a span of days, with its sentence."""
    from .dates import told_dates
    from .spans import date_span

    told = []
    for text in texts.values():
        for date, sentence in told_dates(text, language):
            try:
                first, last = date_span(PartialDate(date.year, date.month, date.day))
            except ValueError:  # a day the calendar does not have
                continue
            told.append((first, last, sentence))
    return tuple(sorted(told))


def _assemble(info: PackInfo, directory: Path, entries: list[Entry],
              verified: frozenset[str], told: tuple[tuple[int, int, str], ...] = ()) -> Pack:
    def of(kind: str) -> tuple[Any, ...]:
        return tuple(e.item for e in entries if e.kind == kind)

    return Pack(info=info, directory=directory, events=of("events"), actors=of("actors"),
                causes=of("causes"), disputes=of("disputes"), verified_sources=verified,
                told=told)

