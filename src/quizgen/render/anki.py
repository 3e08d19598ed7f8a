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
import json
import sqlite3
import tempfile
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Generator, Iterable, Iterator, Mapping, NamedTuple, Optional, Sequence

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA
from genanki.util import BASE91_TABLE

from .. import collector
from ..aside import start_aside
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
_LISTED_IDS = 10
_PAGE_SIZE = 16384
# From this many questions, half the notes are made in a child process: below it,
# starting one costs about what it saves.
NOTES_ASIDE_FROM = 4000
# The share of those notes made here, where they are also written to the collection as
# they come, while the child makes the rest (found by measuring, on two cores).
_PARENT_SHARE = 0.5
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
        # What each note was stamped before; a format-1 lock's, upgraded as notes come.
        earlier = dict(previous.notes) if previous else {}
        upgrade = previous is not None and previous.format == 1
        stamps: dict[str, Stamp] = {}

        def stamped(notes: Iterable[_Note]) -> Iterator[tuple[_Note, int]]:
            for note in notes:
                old = earlier.get(note.question_id)
                if upgrade and old is not None:
                    old = earlier[note.question_id] = _upgraded(old, note)
                stamp = stamps[note.question_id] = restamp_one(old, note.content_hash, now)
                yield note, stamp.changed

        decks = _decks(bank)
        with contextlib.closing(_notes(bank, decks)) as notes:
            package = _package(note_types, type_stamps, list(decks.values()), stamped(notes),
                               background)
        lock = DeckLock(bank.pack_id, type_stamps, stamps)
        lock_bytes = lock.to_bytes()
        hashes = {key: stamp.hash for key, stamp in stamps.items()}
        lines = _change_lines(bank.pack_id, previous is None, compare(earlier, hashes),
                              compare(old_types, type_hashes), note_types)
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


def _notes(bank: QuestionBank,
           decks: Mapping[str, genanki.Deck]) -> Generator[_Note, None, None]:
    """Every question of the bank as a note, in study order, each as soon as it is made.

    For a large bank, a child process on another core (:mod:`quizgen.aside`) makes
    the notes at the end while this one makes the others, and the collection takes
    them as they come. Close the generator to stop the child early.
    """
    questions = bank.questions

    def notes(start: int, stop: int) -> Iterator[_Note]:
        # The Source field by the identity of the sources tuple, which the questions
        # about one item share; every question stays alive, so no id is reused.
        sources: dict[int, str] = {}
        for position, question in enumerate(questions[start:stop], start=start + 1):
            html = sources.get(id(question.sources))
            if html is None:
                html = sources[id(question.sources)] = _sources_html(question.sources,
                                                                     bank.language)
            yield _note(question, position, html, decks)

    if len(questions) < NOTES_ASIDE_FROM:
        yield from notes(0, len(questions))
        return
    split = round(len(questions) * _PARENT_SHARE)
    # Sent as plain tuples: pickle writes those without a call per note.
    with start_aside(lambda: [tuple(note) for note in notes(split, len(questions))]) as rest:
        yield from notes(0, split)
        made = rest.result()
    made.reverse()  # handed on one by one, and let go
    while made:
        yield _Note._make(made.pop())


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


def _package(note_types: Mapping[str, genanki.Model], type_stamps: Mapping[str, Stamp],
             decks: list[genanki.Deck], notes: Iterable[tuple[_Note, int]],
             background: Executor) -> Future[bytes]:
    """The ``.apkg``: its collection is written here, and compressed on ``background``.

    ``notes`` (each with its lock time) are written as they come and let go: SQLite
    leaves a UTF-8 copy of each text it is given inside the string, so notes kept
    to the end would hold all their text twice.
    """
    parent_id = decks[0].deck_id
    models = [(model, type_stamps[key].changed) for key, model in note_types.items()]
    card_rows: list[_Row] = []

    def note_rows() -> Iterator[_Row]:
        # A note's id is its time in milliseconds, or one more than the note before
        # it, whichever is later: unique, in study order, never before the note's time.
        # Anki shows the id as the date a note was added, and refuses ids far in the
        # future; these come from the lock, not the clock, so they are reproducible.
        note_id = 0
        for note, time in notes:
            note_id = max(time * 1000, note_id + 1)
            card_rows.append(_card_row(note, note_id, time))
            yield _note_row(note, note_id, time)

    return _apkg(decks, models, parent_id, note_rows(), card_rows, background)


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


def _apkg(decks: list[genanki.Deck], models: list[tuple[genanki.Model, int]],
          parent_id: int, note_rows: Iterable[_Row], card_rows: Iterable[_Row],
          background: Executor) -> Future[bytes]:
    """The package: its SQLite collection, built in a temporary folder, and no media.

    The collection is filled here: SQLite takes the interpreter back after every row,
    which would leave a background thread waiting its turn for each one. Compressing
    it, at the end, holds the interpreter only between long calls into ISA-L.
    """
    with _temporary_folder_errors():
        folder = tempfile.TemporaryDirectory(prefix="quizgen-apkg-")
        try:
            path = Path(folder.name) / "collection.anki2"
            _fill_collection(path, decks, models, parent_id, note_rows, card_rows)
            return background.submit(_zip_and_remove, path, folder)
        except BaseException:
            folder.cleanup()
            raise


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


def _fill_collection(path: Path, decks: list[genanki.Deck],
                     models: list[tuple[genanki.Model, int]], parent_id: int,
                     note_rows: Iterable[_Row], card_rows: Iterable[_Row]) -> None:
    """Write the collection with every time and id given explicitly.

    genanki's ``Package.write_to_file`` stamps notes, cards and note types with one
    timestamp and numbers ids from it; here each note gets its own lock time and id.
    Rows are inserted in bulk, one statement per table: a pack can have tens of thousands.
    """
    connection = sqlite3.connect(path)
    try:
        cursor = connection.cursor()
        # A scratch file, read once when complete: no need to wait for the disk.
        cursor.execute("PRAGMA synchronous = OFF")
        # Notes of a kilobyte or two fill 16 KiB pages with less to spare than SQLite's
        # default 4 KiB: a smaller file, written faster. Any SQLite reads any page size.
        cursor.execute(f"PRAGMA page_size = {_PAGE_SIZE}")
        cursor.executescript(_TABLES)
        cursor.executescript(APKG_COL)
        deck_json, = cursor.execute("SELECT decks FROM col").fetchone()
        all_decks = json.loads(deck_json)
        all_decks.update({str(deck.deck_id): deck.to_json() for deck in decks})
        model_json = {str(model.model_id): model.to_json(mod, parent_id)
                      for model, mod in models}
        cursor.execute("UPDATE col SET decks = ?, models = ?",
                       (json.dumps(all_decks, sort_keys=True),
                        json.dumps(model_json, sort_keys=True)))
        cursor.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", note_rows)
        cursor.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           card_rows)
        cursor.executescript(_INDEXES)
        connection.commit()
    finally:
        connection.close()


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
