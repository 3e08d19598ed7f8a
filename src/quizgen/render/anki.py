"""The Anki renderer: a question bank → ``decks/<pack-id>.apkg`` and its lock.

One note per question, in one of two note types (basic and cloze) that every pack
shares. Identity comes only from ids written in the content: a note's GUID from
its question id, deck ids from the pack id and item kind, note type ids from the
constants below. A note's modification time is the time its content last changed,
taken from the deck lock (:mod:`quizgen.lock`), so importing a rebuilt deck
updates edited notes in place, keeps their review history and touches nothing
else. The package is written without reading the clock: same bank, same lock,
same bytes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import mmap
import os
import sqlite3
import struct
import sys
import tempfile
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, NamedTuple, Optional, Sequence

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA
from genanki.util import BASE91_TABLE

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows, where no child process is forked
    fcntl = None  # type: ignore[assignment]

from .. import collector
from ..aside import Later, start_aside
from ..bank import Cloze, Question, QuestionBank, SourceRef
from ..build import Output
from ..i18n import label
from ..lock import (HASH_LENGTH, DeckLock, LockChanges, Stamp, compare, content_hash,
                    lock_path, restamp, restamp_one)
from ..model import Language
from ..problems import OutputError
from .archive import zip_files

# Never change the ids, field names or template names below. Anki recognises a
# note type by its id; when an imported note type has the same id but other field
# or template names, Anki keeps the old one, adds a renamed copy and skips every
# update to existing notes, so edits would stop reaching learners. Names, styling
# and template markup may change: the lock then stamps the note type as changed
# and Anki takes the newer version on import.
BASIC_MODEL_ID = 1998232028
CLOZE_MODEL_ID = 1832168675
BASIC_FIELDS = ("Prompt", "Answer", "Details", "Source", "QuestionId")
CLOZE_FIELDS = ("Text", "Details", "Source", "QuestionId")
BASIC_TEMPLATE = "Question"
CLOZE_TEMPLATE = "Cloze"
# Keys of the note types in the lock file; renaming one re-stamps that note type.
BASIC_KEY = "basic"
CLOZE_KEY = "cloze"

# Field holding the question id, shown nowhere, searched to find removed notes.
QUESTION_ID_FIELD = "QuestionId"
ITEM_KINDS = ("events", "actors", "causes", "disputes")
# genanki's collection schema, its indexes apart: made after the rows are in, an index
# is built in one pass instead of being updated for every row.
_STATEMENTS = [statement.strip() for statement in APKG_SCHEMA.split(";") if statement.strip()]
_TABLES = "".join(f"{s};\n" for s in _STATEMENTS if not s.startswith("CREATE INDEX"))
_INDEXES = "".join(f"{s};\n" for s in _STATEMENTS if s.startswith("CREATE INDEX"))
# The columns of genanki's notes and cards tables, in order.
_NOTE_COLUMNS = ("id", "guid", "mid", "mod", "usn", "tags", "flds", "sfld", "csum", "flags",
                 "data")
_CARD_COLUMNS = ("id", "nid", "did", "ord", "mod", "usn", "type", "queue", "due", "ivl",
                 "factor", "reps", "lapses", "left", "odue", "odid", "flags", "data")
_LISTED_IDS = 10
_PAGE_SIZE = 16384
# From this many questions, a child process makes and writes some of the notes: below
# it, starting one costs about what it saves.
NOTES_ASIDE_FROM = 4000
# How many notes each of the two processes takes at a time.
_BLOCK = 256
# Seconds a thread waits for the interpreter at most while the package compresses.
_SWITCH_INTERVAL = 0.0005
# Every two-digit number in genanki's base 91, by value.
_BASE91_PAIRS = [high + low for high in BASE91_TABLE for low in BASE91_TABLE]
_BASE91_PAIR = len(_BASE91_PAIRS)

_CSS = """\
.card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans",
    "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: left;
  color: var(--fg, #1f2328);
  background-color: var(--canvas, #ffffff);
}
.qg { max-width: 36em; margin: 0 auto; padding: 0.5em 0.75em; overflow-wrap: break-word; }
.qg-prompt { font-weight: 600; }
.qg-answer { margin: 0.5em 0; font-size: 1.05em; color: #0b4f8a; }
.cloze { font-weight: 700; color: #0b4f8a; }
.qg-details { margin: 0.75em 0; font-size: 0.9em; color: #3d444d; }
.qg-title { font-weight: 600; }
.qg-sources { margin-top: 1em; padding-top: 0.5em; border-top: 1px solid #d0d7de;
  font-size: 0.8em; color: #59636e; }
.qg-source + .qg-source { margin-top: 0.5em; }
.qg-label { font-weight: 600; }
.qg-sources cite { font-style: italic; }
.qg-sources blockquote { margin: 0.25em 0 0; padding-left: 0.75em;
  border-left: 3px solid #d0d7de; }
hr#answer { border: none; border-top: 1px solid #d0d7de; margin: 0.75em 0; }
.nightMode.card, .night_mode.card, .nightMode .card, .night_mode .card {
  color: var(--fg, #e6edf3);
  background-color: var(--canvas, #1c1c1e);
}
.nightMode .qg-answer, .night_mode .qg-answer,
.nightMode .cloze, .night_mode .cloze { color: #79c0ff; }
.nightMode .qg-details, .night_mode .qg-details { color: #c9d1d9; }
.nightMode .qg-sources, .night_mode .qg-sources { color: #9198a1; border-top-color: #3d444d; }
.nightMode .qg-sources blockquote, .night_mode .qg-sources blockquote { border-left-color: #3d444d; }
.nightMode hr#answer, .night_mode hr#answer { border-top-color: #3d444d; }
@media (max-width: 480px) {
  .card { font-size: 18px; }
  .qg { padding: 0.25em 0.25em; }
}
"""

_SOURCES_HTML = '<div class="qg-sources">{{Source}}</div>'
_DETAILS_HTML = '{{#Details}}<div class="qg-details">{{Details}}</div>{{/Details}}'
_BASIC_FRONT = '<div class="qg"><div class="qg-prompt">{{Prompt}}</div></div>'
_BASIC_BACK = ('{{FrontSide}}\n<hr id="answer">\n<div class="qg">'
               '<div class="qg-answer">{{Answer}}</div>\n'
               f'{_DETAILS_HTML}\n{_SOURCES_HTML}</div>')
_CLOZE_FRONT = '<div class="qg"><div class="qg-cloze">{{cloze:Text}}</div></div>'
_CLOZE_BACK = ('<div class="qg"><div class="qg-cloze">{{cloze:Text}}</div>\n'
               f'<hr id="answer">\n{_DETAILS_HTML}\n{_SOURCES_HTML}</div>')


@dataclass(frozen=True)
class RenderedDeck:
    """The deck and lock files, and what changed since the previous lock, for the user.

    ``rebuild_lines`` are what a rebuild says when nothing has changed since this build.
    """

    outputs: list[Output]
    change_lines: list[str]
    lock: DeckLock
    rebuild_lines: list[str]


class _Note(NamedTuple):
    """One question as an Anki note, before it gets its time and id.

    Its text is as the ``notes`` table keeps it. It holds plain values only: part
    of a large deck's notes are made in a child process and sent back.
    """

    question_id: str
    model_id: int
    deck_id: int
    position: int
    guid: str
    # The fields, joined by "\x1f"; the first is the sort field.
    fields: str
    sort_field: str
    # The tags, space-separated, with a space at each end.
    tags: str
    # The lock's hash of what the note shows: note type, fields and tags.
    content_hash: str


def render_deck(bank: QuestionBank, out_dir: Path, now: int,
                previous: Optional[DeckLock] = None) -> RenderedDeck:
    """The pack's ``.apkg`` and new lock; ``now`` stamps notes that differ from ``previous``.

    The package compresses on a background thread (ISA-L lets other threads run)
    while the lock file and the change lines are made.
    """
    with collector.paused(), ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="quizgen-apkg") as background:
        note_types = _note_types()
        type_hashes = {key: _model_hash(model) for key, model in note_types.items()}
        old_types = previous.note_types if previous else {}
        type_stamps = restamp(old_types, type_hashes, now)
        earlier = previous.notes if previous else {}
        stamp = functools.partial(_stamp, earlier, previous is not None and previous.format == 1,
                                  now)
        with _quick_handoffs():
            package, stamps = _package(bank, note_types, type_stamps, stamp, background)
            lock = DeckLock(bank.pack_id, type_stamps, stamps)
            lock_bytes = lock.to_bytes()
            lines = _change_lines(bank.pack_id, previous is None, compare(earlier, stamps),
                                  compare(old_types, type_stamps), note_types)
            unchanged = LockChanges((), (), ())
            rebuild = _change_lines(bank.pack_id, False, unchanged, unchanged, note_types)
            apkg = package.result()
    count = len(stamps)
    outputs = [
        # One card per note.
        Output(out_dir / f"{bank.pack_id}.apkg", apkg,
               f"{count} notes, {count} cards, {_size(apkg)}"),
        Output(lock_path(out_dir, bank.pack_id), lock_bytes,
               f"deck lock of {count} notes, {_size(lock_bytes)}"),
    ]
    return RenderedDeck(outputs, lines, lock, rebuild)


@contextlib.contextmanager
def _quick_handoffs() -> Iterator[None]:
    """Let a thread that waits for the interpreter have it within half a millisecond.

    The package compresses on a background thread while this one makes the lock:
    the compressing thread needs the interpreter for a moment between long calls
    into ISA-L, and by default waits up to 5 ms for it each time, which nearly
    doubled its time.
    """
    before = sys.getswitchinterval()
    sys.setswitchinterval(_SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def removed_notes_search(question_ids: Sequence[str]) -> str:
    """An Anki search that finds the notes of these questions, to paste into the browser."""
    # Question ids are slugs joined by colons: nothing in them is special to Anki's
    # search syntax, so they need no escaping inside the quotes.
    return " OR ".join(f'"{QUESTION_ID_FIELD}:{qid}"' for qid in question_ids)


def deck_id(pack_id: str, item_kind: str = "") -> int:
    """A deck's id, from the pack id and item kind (``""`` for the pack's parent deck).

    Anki matches decks by name on import, so this id only has to be stable and
    unique inside the package; it lies in the range genanki recommends.
    """
    digest = hashlib.sha256(f"quizgen deck {pack_id} {item_kind}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def deck_name(title: str, language: Language, item_kind: str = "") -> str:
    """``<pack title>::<deck label>``, or the pack title alone for the parent deck."""
    # "::" separates deck levels in Anki; one inside the title must not nest it.
    parent = title.strip().replace("::", ":")
    return f"{parent}::{label(language, f'deck.{item_kind}')}" if item_kind else parent


def _note_types() -> dict[str, genanki.Model]:
    """Fresh note types (genanki edits the dicts it is given when it serialises them)."""
    return {
        BASIC_KEY: genanki.Model(
            BASIC_MODEL_ID, "Quizgen Basic",
            fields=[{"name": name} for name in BASIC_FIELDS],
            templates=[{"name": BASIC_TEMPLATE, "qfmt": _BASIC_FRONT, "afmt": _BASIC_BACK}],
            css=_CSS),
        CLOZE_KEY: genanki.Model(
            CLOZE_MODEL_ID, "Quizgen Cloze",
            fields=[{"name": name} for name in CLOZE_FIELDS],
            templates=[{"name": CLOZE_TEMPLATE, "qfmt": _CLOZE_FRONT, "afmt": _CLOZE_BACK}],
            css=_CSS, model_type=genanki.Model.CLOZE),
    }


def _model_hash(model: genanki.Model) -> str:
    return content_hash([model.name, model.model_type, model.fields, model.templates,
                         model.css, model.sort_field_index])


def _decks(bank: QuestionBank) -> dict[str, genanki.Deck]:
    """The parent deck (key ``""``) and one sub-deck per item kind that has questions."""
    present = {q.item_kind for q in bank.questions}
    kinds = [""] + [kind for kind in ITEM_KINDS if kind in present]
    return {kind: genanki.Deck(deck_id(bank.pack_id, kind),
                               deck_name(bank.title, bank.language, kind))
            for kind in kinds}


def _notes(bank: QuestionBank, decks: Mapping[str, genanki.Deck],
           start: int = 0, stop: Optional[int] = None) -> Iterator[_Note]:
    """The bank's questions from ``start`` to ``stop`` as notes, in study order, each as made."""
    # The Source field by the identity of the sources tuple, which the questions about
    # one item share; every question stays alive, so no id is reused.
    sources: dict[int, str] = {}
    for position, question in enumerate(bank.questions[start:stop], start=start + 1):
        html = sources.get(id(question.sources))
        if html is None:
            html = sources[id(question.sources)] = _sources_html(question.sources, bank.language)
        yield _note(question, position, html, decks)


def _note(question: Question, position: int, sources: str,
          decks: Mapping[str, genanki.Deck]) -> _Note:
    """The question's note; ``sources`` is its Source field, from :func:`_sources_html`."""
    details = _details_html(question)
    if question.cloze is not None:
        fields: tuple[str, ...] = (_cloze_field(question.cloze), details, sources, question.id)
        model_id = CLOZE_MODEL_ID
    else:
        fields = (_html(question.prompt), _html(question.answer), details, sources, question.id)
        model_id = BASIC_MODEL_ID
    joined, tags = "\x1f".join(fields), f" {' '.join(question.tags)} "
    return _Note(question.id, model_id, decks[question.item_kind].deck_id, position,
                 guid(question.id), joined, fields[0], tags, _note_hash(model_id, tags, joined))


def _note_hash(model_id: int, tags: str, fields: str) -> str:
    """The lock's hash of a note (format 2): its note type, tags and fields as stored.

    Tags hold no "\x1f" (they are slugs), so the text stands for one note only.
    """
    text = f"{model_id}\x1f{tags}\x1f{fields}"
    return hashlib.sha256(text.encode()).hexdigest()[:HASH_LENGTH]


def _stamp(earlier: Mapping[str, Stamp], format_1: bool, now: int, note: _Note) -> Stamp:
    """The note's lock stamp: its ``earlier`` one if the note is unchanged, else one at ``now``.

    ``format_1``: the earlier stamps come from a format-1 lock, whose hashes were
    made another way (:func:`_upgraded`).
    """
    old = earlier.get(note.question_id)
    if format_1 and old is not None:
        old = _upgraded(old, note)
    return restamp_one(old, note.content_hash, now)


def _upgraded(old: Stamp, note: _Note) -> Stamp:
    """A format-1 lock's stamp of ``note``, with the hash made anew if the note is unchanged.

    Format 1 hashed the JSON of a note's type id, fields and tags. A note that
    hashes the same that way is unchanged and keeps its time; otherwise the old
    hash stays, which no format-2 hash equals, and the note counts as changed.
    """
    if old.hash == content_hash([note.model_id, note.fields.split("\x1f"), note.tags.split()]):
        return Stamp(note.content_hash, old.changed)
    return old


def guid(question_id: str) -> str:
    """The note's GUID: what ``genanki.guid_for(question_id)`` gives, made faster.

    The first 8 bytes of the id's SHA-256 as a number, in genanki's base 91 without
    leading zeros ("a"), taken two digits at a time: below 2**64, it has at most ten.
    """
    number = int.from_bytes(hashlib.sha256(question_id.encode()).digest()[:8], "big")
    number, d4 = divmod(number, _BASE91_PAIR)
    number, d3 = divmod(number, _BASE91_PAIR)
    number, d2 = divmod(number, _BASE91_PAIR)
    d0, d1 = divmod(number, _BASE91_PAIR)
    pairs = _BASE91_PAIRS
    return (pairs[d0] + pairs[d1] + pairs[d2] + pairs[d3] + pairs[d4]).lstrip("a")


def _html(text: str) -> str:
    """Content as HTML text, never markup: escaped, with line breaks kept.

    ``[`` is escaped too, so that text can never form Anki's own ``[sound:…]`` or
    ``[latex]`` tags.
    """
    # html.escape(text), with its replacements in its order, inline: it runs a quarter
    # of a million times for a large deck.
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;")
            .replace("[", "&#91;").replace("\n", "<br>"))


def _cloze_field(cloze: Cloze) -> str:
    """The sentence with its hidden part as cloze deletion 1."""
    # Content must not open or close a deletion ("{{", "}}") or, inside one, start a
    # hint ("::"), so braces and the hidden part's colons become character references.
    def text(part: str) -> str:
        return _html(part).replace("{", "&#123;").replace("}", "&#125;")
    hidden = text(cloze.hidden).replace(":", "&#58;")
    return f"{text(cloze.before)}{{{{c1::{hidden}}}}}{text(cloze.after)}"


def _details_html(question: Question) -> str:
    """The explanation, less what the card already shows; a cloze also names its event."""
    explanation = question.explanation.strip()
    if question.cloze is None:
        return "" if explanation in ("", question.answer) else _html(explanation)
    cloze = question.cloze
    rest = _unshown(explanation, cloze.before + cloze.hidden + cloze.after)
    title = f'<div class="qg-title">{_html(question.prompt)} — {_html(question.answer)}</div>'
    return title + (f"<div>{_html(rest)}</div>" if rest else "")


def _unshown(explanation: str, shown: str) -> str:
    """``explanation`` without the words it starts with that ``shown`` starts with too.

    An event's explanation is its summary, which a cloze card already shows in
    full, followed by how the date was found, which it does not.
    """
    common = _common_prefix_length(explanation, shown)
    if common < len(explanation) and not explanation[common].isspace():
        common = explanation.rfind(" ", 0, common) + 1
    return explanation[common:].strip()


def _common_prefix_length(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at their start.

    A binary search over prefixes, each compared in one step, rather than a
    character-by-character loop: summaries can be long and there are thousands.
    """
    low, high = 0, min(len(a), len(b))
    if a.startswith(b[:high]):
        # The usual case: one is the other plus more (a summary and its date note).
        return high
    while low < high:
        middle = (low + high + 1) // 2
        if a.startswith(b[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


def _sources_html(sources: tuple[SourceRef, ...], language: Language) -> str:
    """Each source's title once, followed by every distinct quote taken from it."""
    quotes: dict[tuple[str, str], list[str]] = {}
    for ref in sources:
        found = quotes.setdefault((ref.source_id, ref.title), [])
        if ref.quote not in found:
            found.append(ref.quote)
    heading = _source_heading(language)
    return "".join(
        f'<div class="qg-source">{heading} <cite>{_html(title)}</cite>'
        + "".join([f"<blockquote>{_html(quote)}</blockquote>" for quote in found])
        + "</div>"
        for (_, title), found in quotes.items())


@functools.lru_cache(maxsize=None)
def _source_heading(language: Language) -> str:
    """What opens each source's part of the Source field."""
    return f'<span class="qg-label">{_html(label(language, "label.source"))}:</span>'


# Makes a note's lock stamp: render_deck's partial of _stamp.
_Stamper = Callable[[_Note], Stamp]


def _package(bank: QuestionBank, note_types: Mapping[str, genanki.Model],
             type_stamps: Mapping[str, Stamp], stamp: _Stamper,
             background: Executor) -> tuple[Future[bytes], dict[str, Stamp]]:
    """The ``.apkg``, compressed on ``background``, and the stamp of every note in it.

    The package's SQLite collection is built in a temporary folder here.
    """
    decks = _decks(bank)
    models = [(model, type_stamps[key].changed) for key, model in note_types.items()]
    with _temporary_folder_errors():
        folder = tempfile.TemporaryDirectory(prefix="quizgen-apkg-")
        try:
            path = Path(folder.name) / "collection.anki2"
            stamps = _fill_collection(path, bank, decks, models, stamp)
            return background.submit(_zip_and_remove, path, folder), stamps
        except BaseException:
            folder.cleanup()
            raise


# A row of the collection's ``notes`` or ``cards`` table.
_Row = tuple[object, ...]


def _note_row(note: _Note, note_id: int, mod: int) -> _Row:
    """The note's row in the ``notes`` table, as genanki's ``Note.write_to_db`` writes it."""
    # id, guid, note type, mod, usn, tags, fields, sort field, checksum, flags, data
    return (note_id, note.guid, note.model_id, mod, -1, note.tags, note.fields,
            note.sort_field, 0, 0, "")


def _card_row(note: _Note, note_id: int, mod: int) -> _Row:
    """The row in ``cards`` of the note's one card, which shares the note's id.

    A note has exactly one card: a basic note's prompt is never empty, and a cloze
    note has the one deletion ``c1``.
    """
    first = note.sort_field
    if not first or (note.model_id == CLOZE_MODEL_ID and "{{c1::" not in first):
        raise AssertionError(f"note {note.question_id} would have no card")
    # id, note, deck, template, mod, usn, type, queue (new), due (study order), then
    # interval, ease, reviews, lapses, left, original due and deck, flags: all zero.
    return (note_id, note_id, note.deck_id, 0, mod, -1, 0, 0, note.position,
            0, 0, 0, 0, 0, 0, 0, 0, "")


@contextlib.contextmanager
def _temporary_folder_errors() -> Iterator[None]:
    """A full or unwritable temporary folder is a fault of the machine, not a bug."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise OutputError(f"cannot build the Anki collection in the temporary folder "
                          f"{tempfile.gettempdir()}: {reason}") from exc


def _zip_and_remove(collection: Path, folder: tempfile.TemporaryDirectory[str]) -> bytes:
    """The package of ``collection``; the temporary ``folder`` that holds it goes afterwards."""
    with _temporary_folder_errors():
        try:
            return _zip(collection)
        finally:
            folder.cleanup()


def _fill_collection(path: Path, bank: QuestionBank, decks: Mapping[str, genanki.Deck],
                     models: list[tuple[genanki.Model, int]],
                     stamp: _Stamper) -> dict[str, Stamp]:
    """Write the collection with every time and id given explicitly; return the notes' stamps.

    genanki's ``Package.write_to_file`` stamps notes, cards and note types with one
    timestamp and numbers ids from it; here each note gets its own lock time and id.

    For a large bank, a child process on another core (:mod:`quizgen.aside`) makes
    notes from the end of the study order while this one makes them from the start
    (:class:`_Meeting`). This process writes its notes into the collection as they
    are made; the child writes its notes to a database of its own (:func:`_write_part`),
    which SQLite then copies in. The package does not depend on where they meet.
    """
    count = len(bank.questions)
    part = path.with_name("part.anki2")
    meeting = _Meeting(count, path.with_name("meeting.lock"))

    def second_part() -> list[_PartStamp]:
        meeting.restart_back()  # over again, if a child died part-way
        blocks = (_notes(bank, decks, block.start, block.stop) for block in meeting.back())
        return _write_part(part, blocks, stamp)

    # Started before this process opens a database: a child must not inherit one.
    aside = start_aside if count >= NOTES_ASIDE_FROM else functools.partial(Later, child=None)
    with meeting, aside(second_part) as rest:
        connection = sqlite3.connect(path)
        try:
            cursor = connection.cursor()
            _create_collection(cursor, list(decks.values()), models)
            blocks = meeting.front()
            notes = itertools.chain.from_iterable(_notes(bank, decks, b.start, b.stop) for b in blocks)
            stamps, last_id, card_rows = _insert_notes(cursor, notes, stamp)
            first = len(stamps) + 1  # the position the part starts at
            made = rest.result()
            stamps.update((key, Stamp(digest, changed)) for _, key, digest, changed in made)
            moves = _part_moves(last_id, first, [changed for *_, changed in made])
            _merge_part(connection, part, moves, card_rows)
            cursor.executescript(_INDEXES)
            connection.commit()
        finally:
            connection.close()
    return stamps


class _Meeting:
    """Positions ``0 .. count`` taken a block at a time by two processes, from either end.

    One process takes blocks from the front and the other from the back until they
    meet, so both stay busy to the end however fast each one runs. The two ends are
    kept in memory the processes share, under a POSIX lock, which the system lets go
    of if a process dies holding it. Use it as a context manager.
    """

    def __init__(self, count: int, lock_path: Path) -> None:
        self._count = count
        self._ends = mmap.mmap(-1, _ENDS.size)  # shared with a child forked later
        _ENDS.pack_into(self._ends, 0, 0, count)
        # Not passed on to programs this process starts (Chromium, for --pdf).
        cloexec = getattr(os, "O_CLOEXEC", 0)  # Windows has none, and never forks
        self._lock = os.open(lock_path, os.O_RDWR | os.O_CREAT | cloexec, 0o600)

    def front(self) -> Iterator[range]:
        """Blocks from the start, in order, until the other end is reached."""
        while (block := self._take(from_front=True)) is not None:
            yield block

    def back(self) -> Iterator[range]:
        """Blocks from the end, last first, until the other end is reached."""
        while (block := self._take(from_front=False)) is not None:
            yield block

    def restart_back(self) -> None:
        """Give back every block taken from the back (by a process that died part-way)."""
        with self._locked():
            front, _ = _ENDS.unpack_from(self._ends)
            _ENDS.pack_into(self._ends, 0, front, self._count)

    def _take(self, from_front: bool) -> Optional[range]:
        with self._locked():
            front, back = _ENDS.unpack_from(self._ends)
            if front >= back:
                return None
            if from_front:
                block = range(front, min(front + _BLOCK, back))
                front = block.stop
            else:
                block = range(max(back - _BLOCK, front), back)
                back = block.start
            _ENDS.pack_into(self._ends, 0, front, back)
            return block

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:  # pragma: no cover - no other process to share with
            yield
            return
        fcntl.lockf(self._lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.lockf(self._lock, fcntl.LOCK_UN)

    def __enter__(self) -> _Meeting:
        return self

    def __exit__(self, *exc_info: object) -> None:
        os.close(self._lock)
        self._ends.close()


# The two ends of a _Meeting: front, back.
_ENDS = struct.Struct("qq")


def _create_collection(cursor: sqlite3.Cursor, decks: list[genanki.Deck],
                       models: list[tuple[genanki.Model, int]]) -> None:
    """The collection's tables, and its one ``col`` row with the decks and note types."""
    _create_tables(cursor)
    cursor.executescript(APKG_COL)
    deck_json, options_json = cursor.execute("SELECT decks, dconf FROM col").fetchone()
    all_decks = json.loads(deck_json)
    parent_id = decks[0].deck_id
    options = json.loads(options_json)
    preset = _chronological_preset(options["1"], parent_id, decks[0].name)
    options[str(preset["id"])] = preset
    all_decks.update({str(deck.deck_id): {**deck.to_json(), "conf": preset["id"]} for deck in decks})
    model_json = {str(model.model_id): model.to_json(mod, parent_id) for model, mod in models}
    cursor.execute("UPDATE col SET decks = ?, models = ?, dconf = ?",
                   (json.dumps(all_decks, sort_keys=True), json.dumps(model_json, sort_keys=True),
                    json.dumps(options, sort_keys=True)))


def _chronological_preset(default: dict[str, object], deck_id: int, name: str) -> dict[str, object]:
    """The decks' options preset: new cards gathered in ascending position, i.e. in study order.

    Anki imports a package's presets only when the importer's option to import deck
    presets is ticked; otherwise the decks keep the learner's default preset. The
    preset's id is the parent deck's, so each pack has its own.
    """
    return {**default, "id": deck_id, "name": name, "mod": 0,
            "newGatherPriority": _GATHER_ASCENDING_POSITION, "newSortOrder": _SORT_AS_GATHERED}


# Anki's DeckConfig.Config enums: NEW_CARD_GATHER_PRIORITY_LOWEST_POSITION and
# NEW_CARD_SORT_ORDER_NO_SORT (cards in the order they were gathered).
_GATHER_ASCENDING_POSITION = 1
_SORT_AS_GATHERED = 1


def _create_tables(cursor: sqlite3.Cursor) -> None:
    """genanki's tables, without their indexes, in a scratch database."""
    # Nobody reads the file before it is complete: no need to wait for the disk.
    cursor.execute("PRAGMA synchronous = OFF")
    # Notes of a kilobyte or two fill 16 KiB pages with less to spare than SQLite's
    # default 4 KiB: a smaller file, written faster. Any SQLite reads any page size.
    cursor.execute(f"PRAGMA page_size = {_PAGE_SIZE}")
    cursor.executescript(_TABLES)


def _insert_notes(cursor: sqlite3.Cursor, notes: Iterable[_Note], stamp: _Stamper,
                  chained: bool = True) -> tuple[dict[str, Stamp], int, list[_Row]]:
    """Insert each note as it comes; return their stamps, the last note id and the cards' rows.

    A note's id is its time in milliseconds, or one more than the note before it,
    whichever is later (``chained``); or else its position, for a part whose ids are
    set when it is merged. Notes are let go once written: SQLite leaves a UTF-8
    copy of each text it is given inside the string, so notes kept to the end
    would hold their text twice.
    """
    stamps: dict[str, Stamp] = {}
    card_rows: list[_Row] = []
    note_id = 0

    def note_rows() -> Iterator[_Row]:
        # Chained ids are unique, in study order and never before the note's time.
        # Anki shows the id as the date a note was added, and refuses ids far in the
        # future; these come from the lock, not the clock, so they are reproducible.
        nonlocal note_id
        for note in notes:
            found = stamps[note.question_id] = stamp(note)
            changed = found.changed
            note_id = max(changed * 1000, note_id + 1) if chained else note.position
            card_rows.append(_card_row(note, note_id, changed))
            yield _note_row(note, note_id, changed)

    cursor.executemany(f"INSERT INTO notes VALUES ({_marks(_NOTE_COLUMNS)})", note_rows())
    return stamps, note_id, card_rows


def _insert_cards(cursor: sqlite3.Cursor, rows: Iterable[_Row]) -> None:
    cursor.executemany(f"INSERT INTO cards VALUES ({_marks(_CARD_COLUMNS)})", rows)


# A note of a part: its position, question id, hash and time.
_PartStamp = tuple[int, str, str, int]


def _write_part(path: Path, blocks: Iterable[Iterable[_Note]],
                stamp: _Stamper) -> list[_PartStamp]:
    """Write blocks of notes, and their cards, to a database of their own at ``path``.

    A note's id here is its position: the part is merged in later. Each block's
    cards go in with it, so that little is left to do once the last block is made.
    Return the notes' stamps in study order, as plain values, which a child
    process sends back quickly.
    """
    path.unlink(missing_ok=True)  # what a child that failed part-way left
    made: list[_PartStamp] = []
    connection = sqlite3.connect(path)
    try:
        cursor = connection.cursor()
        _create_tables(cursor)
        cursor.execute("PRAGMA journal_mode = OFF")  # a scratch file, made again on failure
        for notes in blocks:
            stamps, _, card_rows = _insert_notes(cursor, notes, stamp, chained=False)
            _insert_cards(cursor, card_rows)
            made.extend((row[0], key, found.hash, found.changed)
                        for row, (key, found) in zip(card_rows, stamps.items()))
        connection.commit()
    finally:
        connection.close()
    return sorted(made)


def _part_moves(last_id: int, first: int, times: Sequence[int]) -> list[dict[str, int]]:
    """How far each run of a part's notes moves: from its position to its chained id.

    ``times`` are the lock times of the part's notes, which start at position
    ``first``, after notes whose last id is ``last_id``. The chained id of the note
    at position p (see _insert_notes) is p plus the largest of ``last_id - first + 1``
    and ``time * 1000 - position`` over the part's notes up to p, which changes
    only at a note later than every one before it.
    """
    moves: list[dict[str, int]] = []
    shift = last_id - first + 1
    for position, time in enumerate(times, start=first):
        if not moves or time * 1000 - position > shift:
            shift = max(shift, time * 1000 - position)
            moves.append({"first": position, "last": position, "shift": shift})
        else:
            moves[-1]["last"] = position
    return moves


def _merge_part(connection: sqlite3.Connection, part: Path, moves: list[dict[str, int]],
                card_rows: Iterable[_Row]) -> None:
    """Copy a part in, after the notes written here, with the ids it would have had here.

    ``card_rows`` are the cards of the notes written here; ``moves`` from
    :func:`_part_moves`. The rows go in as they would without a part (all notes,
    then all cards), so the collection does not depend on where the part starts.
    """
    connection.commit()  # a database is attached outside a transaction
    cursor = connection.execute("ATTACH DATABASE ? AS part", (str(part),))
    cursor.executemany(_MERGE_NOTES, moves)
    _insert_cards(cursor, card_rows)
    cursor.executemany(_MERGE_CARDS, moves)
    connection.commit()
    cursor.execute("DETACH DATABASE part")
    part.unlink()


def _columns(names: Sequence[str], table: str = "") -> str:
    """``names`` as an SQL list, quoted (``left`` is a keyword), each of ``table`` if given."""
    prefix = f"{table}." if table else ""
    return ", ".join(f'{prefix}"{name}"' for name in names)


def _marks(columns: Sequence[str]) -> str:
    return ", ".join("?" * len(columns))


# A run of a part's notes and cards (see _part_moves), copied in with their ids moved.
_MERGE_NOTES = (f"INSERT INTO notes SELECT id + :shift, {_columns(_NOTE_COLUMNS[1:])} "
                "FROM part.notes WHERE id BETWEEN :first AND :last ORDER BY id")
_MERGE_CARDS = (f"INSERT INTO cards SELECT id + :shift, nid + :shift, "
                f"{_columns(_CARD_COLUMNS[2:])} FROM part.cards WHERE id BETWEEN :first AND :last "
                "ORDER BY id")


def _zip(collection: Path) -> bytes:
    """The ``.apkg`` archive: the collection, and a media list naming no files."""
    media = collection.with_name("media")
    media.write_bytes(b"{}")
    return zip_files([("collection.anki2", collection), ("media", media)])


def _change_lines(pack_id: str, first: bool, notes: LockChanges, types: LockChanges,
                  note_types: Mapping[str, genanki.Model]) -> list[str]:
    counts = (f"{len(notes.added)} added, {len(notes.changed)} changed, "
              f"{len(notes.removed)} removed")
    if first:
        lines = [f"{pack_id}: Anki notes: {counts} (no deck lock yet)"]
    elif not notes and not types:
        return [f"{pack_id}: Anki notes unchanged since the lock"]
    else:
        lines = [f"{pack_id}: Anki notes since the lock: {counts}"]
    if notes.added:
        lines.append(f"  added: {_listed(notes.added)}")
    if notes.changed:
        lines.append(f"  changed: {_listed(notes.changed)}")
    if notes.removed:
        lines.append(f"  removed: {', '.join(notes.removed)}")
        lines.append("  importing cannot delete notes; find the removed ones in Anki's "
                     "browser with this search:")
        lines.append(f"    {removed_notes_search(notes.removed)}")
    if not first and (types.added or types.changed):
        names = sorted(note_types[key].name for key in types.added + types.changed)
        lines.append(f"  note types updated: {', '.join(names)}")
    return lines


def _listed(ids: tuple[str, ...]) -> str:
    shown = ", ".join(ids[:_LISTED_IDS])
    return shown if len(ids) <= _LISTED_IDS else f"{shown} … and {len(ids) - _LISTED_IDS} more"


def _size(data: bytes) -> str:
    return f"{len(data) / 1024:.1f} KB"
