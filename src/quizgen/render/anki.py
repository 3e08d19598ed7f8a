"""The Anki renderer: a question bank → ``decks/<pack-id>.apkg`` and its lock.

One note per question, in the note types of :mod:`quizgen.render.note_types`,
which also makes each note's fields. Identity comes only from ids written in the
content: a note's GUID from its question id, deck ids from the pack id and item
kind, note type ids from constants. A note's modification time is the time its
content last changed, taken from the deck lock (:mod:`quizgen.lock`), so
importing a rebuilt deck updates edited notes in place, keeps their review
history and touches nothing else. The package is written without reading the
clock: same bank, same lock, same bytes.

This module writes the rows: genanki's collection schema, filled here rather than
by ``genanki.Package`` because each note gets its own time and id from the lock,
and zipped with ``zipfile`` as genanki does.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, NamedTuple, Optional, Sequence

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

from .. import collector
from ..question import Question, QuestionBank
from ..files import MAX_OUTPUT_BYTES, read_regular
from ..i18n import label
from ..lock import (HASH_LENGTH, DeckLock, LockChanges, Stamp, compare, content_hash,
                    lock_path, restamp, restamp_one)
from ..model import Language
from ..problems import OutputError
from ..write import Output
from .inline import one_line
from .new_cards import new_card_order
from .note_types import (CLOZE_MODEL_ID, QUESTION_ID_FIELD, chronological_preset, note_fields,
                         note_types, sources_html)

ITEM_KINDS = ("events", "actors", "causes", "disputes")
# genanki's collection schema, its indexes apart: made after the rows are in, an index
# is built in one pass instead of being updated for every row.
_STATEMENTS = [statement.strip() for statement in APKG_SCHEMA.split(";") if statement.strip()]
_TABLES = "".join(f"{s};\n" for s in _STATEMENTS if not s.startswith("CREATE INDEX"))
_INDEXES = "".join(f"{s};\n" for s in _STATEMENTS if s.startswith("CREATE INDEX"))
_LISTED_IDS = 10
# zlib's fastest level: a collection is mostly text that deflates well at any level.
_ZIP_LEVEL = 1
_ZIP_CHUNK = 1 << 20


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
    """One question as an Anki note, before it gets its time and id."""

    question_id: str
    model_id: int
    deck_id: int
    position: int
    # The fields, joined by "\x1f" as the ``notes`` table keeps them.
    fields: str
    sort_field: str
    # The tags, space-separated, with a space at each end.
    tags: str


def render_deck(bank: QuestionBank, out_dir: Path, now: int,
                previous: Optional[DeckLock] = None) -> RenderedDeck:
    """The pack's ``.apkg`` and new lock; ``now`` stamps notes that differ from ``previous``.

    Without a lock, learners may still have the notes of the deck already in ``out_dir``:
    every note is then stamped after that deck's newest note, so that Anki takes each
    edit as newer, whatever the clock or ``SOURCE_DATE_EPOCH`` says.
    """
    if previous is None:
        newest = newest_note_time(out_dir / f"{bank.pack_id}.apkg")
        now = now if newest is None else max(now, newest + 1)
    with collector.paused():
        types = note_types()
        type_hashes = {key: _model_hash(model) for key, model in types.items()}
        old_types = previous.note_types if previous else {}
        type_stamps = restamp(old_types, type_hashes, now)
        earlier = previous.notes if previous else {}
        format_1 = previous is not None and previous.format == 1
        stamps: dict[str, Stamp] = {}

        def stamp(note: _Note) -> Stamp:
            found = stamps[note.question_id] = _stamp(earlier.get(note.question_id), format_1,
                                                      now, note)
            return found

        models = [(model, type_stamps[key].changed) for key, model in types.items()]
        apkg = _package(bank, models, stamp)
    lock = DeckLock(bank.pack_id, type_stamps, stamps)
    lock_bytes = lock.to_bytes()
    lines = _change_lines(bank.pack_id, previous is None, compare(earlier, stamps),
                          compare(old_types, type_stamps), types)
    lines += _renamed_deck_lines(bank, out_dir / f"{bank.pack_id}.apkg")
    unchanged = LockChanges((), (), ())
    rebuild = _change_lines(bank.pack_id, False, unchanged, unchanged, types)
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
    # "::" separates deck levels in Anki; none inside the title may nest it, so every run
    # of colons (":::" too) becomes one. A name is one line.
    parent = one_line(title).strip()
    while "::" in parent:
        parent = parent.replace("::", ":")
    return f"{parent}::{label(language, f'deck.{item_kind}')}" if item_kind else parent


def _model_hash(model: genanki.Model) -> str:
    return content_hash([model.name, model.model_type, model.fields, model.templates,
                         model.css, model.sort_field_index])


def _decks(bank: QuestionBank) -> list[genanki.Deck]:
    """The parent deck first, then one sub-deck per item kind that has questions."""
    present = {q.item_kind for q in bank.questions}
    kinds = [""] + [kind for kind in ITEM_KINDS if kind in present]
    return [genanki.Deck(deck_id(bank.pack_id, kind), deck_name(bank.title, bank.language, kind))
            for kind in kinds]


def _notes(bank: QuestionBank) -> Iterator[_Note]:
    """The bank's questions as notes, in the order of their new cards."""
    # The Source field by the identity of the sources tuple, which the questions about
    # one item share; every question stays alive, so no id is reused.
    sources: dict[int, str] = {}
    decks = {kind: deck_id(bank.pack_id, kind) for kind in ITEM_KINDS}
    for position, question in enumerate(new_card_order(bank.questions), start=1):
        html = sources.get(id(question.sources))
        if html is None:
            html = sources[id(question.sources)] = sources_html(question.sources, bank.language)
        yield _note(question, position, html, decks[question.item_kind])


def _note(question: Question, position: int, sources: str, deck: int) -> _Note:
    model_id, fields = note_fields(question, sources)
    return _Note(question.id, model_id, deck, position, "\x1f".join(fields), fields[0],
                 f" {' '.join(question.tags)} ")


def _note_hash(note: _Note) -> str:
    """The lock's hash of a note (format 2): its note type, tags and fields as stored.

    Tags hold no "\x1f" (they are slugs), so the text stands for one note only.
    """
    text = f"{note.model_id}\x1f{note.tags}\x1f{note.fields}"
    return hashlib.sha256(text.encode()).hexdigest()[:HASH_LENGTH]


def _stamp(old: Optional[Stamp], format_1: bool, now: int, note: _Note) -> Stamp:
    """The note's lock stamp: ``old`` if the note is unchanged, else one at ``now``.

    ``format_1``: ``old`` comes from a format-1 lock, whose hashes were made another
    way. Format 1 hashed the JSON of a note's type id, fields and tags; a note that
    hashes the same that way is unchanged and keeps its time. Otherwise the old hash
    stays, which no format-2 hash equals, and the note counts as changed.
    """
    digest = _note_hash(note)
    if format_1 and old is not None and old.hash == content_hash(
            [note.model_id, note.fields.split("\x1f"), note.tags.split()]):
        old = Stamp(digest, old.changed)
    return restamp_one(old, digest, now)


def _package(bank: QuestionBank, models: list[tuple[genanki.Model, int]],
             stamp: Callable[[_Note], Stamp]) -> bytes:
    """The ``.apkg``: the collection, built in a temporary folder, and an empty media list."""
    _remove_abandoned_folders()
    with _temporary_folder_errors(), tempfile.TemporaryDirectory(
            prefix=f"{_FOLDER_PREFIX}{os.getpid()}-") as folder:
        path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(path)
        try:
            _fill_collection(connection.cursor(), _decks(bank), models, _notes(bank), stamp)
            connection.commit()
        finally:
            connection.close()
        return _zip(path)


def newest_note_time(package: Path) -> Optional[int]:
    """The latest modification time of a note in an ``.apkg``; ``None`` if there is none to read."""
    row = _read_package(package, "SELECT max(mod) FROM notes")
    return row[0] if row is not None and isinstance(row[0], int) else None


def earlier_deck_name(package: Path, parent_id: int) -> Optional[str]:
    """The name the parent deck had in the ``.apkg`` an earlier build wrote, if there is one."""
    row = _read_package(package, "SELECT decks FROM col")
    if row is None or not isinstance(row[0], (str, bytes)):
        return None
    try:
        found = json.loads(row[0])[str(parent_id)]["name"]
    except (ValueError, KeyError, TypeError):
        return None
    return found if isinstance(found, str) else None


def _read_package(package: Path, query: str) -> Optional[tuple[object, ...]]:
    """The first row ``query`` gives in a package's collection; ``None`` where it cannot be read.

    The package in the output folder may be anyone's (a checkout's): it is read only as a
    regular file of bounded size, its collection extracted only up to a bounded size (a zip
    bomb stops there), and the query given a bounded number of SQLite steps (a collection
    whose tables are endless recursive views stops there, and Ctrl-C is heard meanwhile).
    """
    try:
        data = read_regular(package, MAX_OUTPUT_BYTES, follow_links=False)
        if data is None:
            return None
        limit = min(MAX_OUTPUT_BYTES, max(_MIN_COLLECTION_BYTES, _MAX_RATIO * len(data)))
        with zipfile.ZipFile(io.BytesIO(data)) as archive, tempfile.TemporaryDirectory(
                prefix=f"{_FOLDER_PREFIX}{os.getpid()}-") as folder:
            collection = Path(folder) / "collection.anki2"
            if not _extract_bounded(archive, "collection.anki2", collection, limit):
                return None
            return _query_bounded(collection, query)
    except (OSError, KeyError, ValueError, EOFError, RuntimeError, NotImplementedError,
            zipfile.BadZipFile, zlib.error, sqlite3.Error):
        return None  # no deck, or one that is not a package quizgen can read


# What reading an earlier package may cost: its collection at most 32 times the package's
# size (quizgen's own deflate about 9 times) and never under 32 MB; SQLite steps enough for
# a query over a collection of a million notes.
_MAX_RATIO = 32
_MIN_COLLECTION_BYTES = 32 * 1024 * 1024
_QUERY_STEPS = 200_000
_STEPS_PER_CHECK = 1000


def _extract_bounded(archive: zipfile.ZipFile, member: str, target: Path, limit: int) -> bool:
    """Copy a member out of ``archive``; ``False`` once it passes ``limit`` bytes, whatever
    its header claims."""
    written = 0
    with archive.open(member) as source, target.open("wb") as sink:
        while chunk := source.read(_ZIP_CHUNK):
            written += len(chunk)
            if written > limit:
                return False
            sink.write(chunk)
    return True


def _query_bounded(collection: Path, query: str) -> Optional[tuple[object, ...]]:
    """The first row of ``query`` on a collection opened read-only, within a step budget."""
    steps = 0

    def budget() -> int:
        nonlocal steps
        steps += 1
        return 1 if steps > _QUERY_STEPS else 0  # non-zero: SQLite abandons the query

    connection = sqlite3.connect(f"{collection.as_uri()}?mode=ro", uri=True)
    try:
        connection.set_progress_handler(budget, _STEPS_PER_CHECK)
        connection.execute("PRAGMA trusted_schema = OFF")
        row: Optional[tuple[object, ...]] = connection.execute(query).fetchone()
        return row
    finally:
        connection.close()


_FOLDER_PREFIX = "quizgen-apkg-"


def _remove_abandoned_folders() -> None:
    """Temporary folders of builds that were killed (SIGKILL leaves them), wherever they were.

    Each folder's name carries the id of the process that made it; one whose process no
    longer runs is abandoned. A folder of a build still running is left alone.
    """
    for folder in Path(tempfile.gettempdir()).glob(f"{_FOLDER_PREFIX}*-*"):
        pid = folder.name[len(_FOLDER_PREFIX):].split("-", 1)[0]
        if pid.isascii() and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or no pid at all: not ours to judge
    return True


def _fill_collection(cursor: sqlite3.Cursor, decks: list[genanki.Deck],
                     models: list[tuple[genanki.Model, int]], notes: Iterable[_Note],
                     stamp: Callable[[_Note], Stamp]) -> None:
    """Write the collection with every time and id given explicitly.

    genanki's ``Package.write_to_file`` stamps notes, cards and note types with one
    timestamp and numbers ids from it; here each note gets its own lock time and id.
    Each note is let go once written: SQLite leaves a UTF-8 copy of each text it is
    given inside the string, so notes kept to the end would hold their text twice.
    """
    # Nobody reads the file before it is complete: no need to wait for the disk.
    cursor.execute("PRAGMA synchronous = OFF")
    cursor.executescript(_TABLES)
    cursor.executescript(APKG_COL)
    deck_json, options_json = cursor.execute("SELECT decks, dconf FROM col").fetchone()
    all_decks = json.loads(deck_json)
    parent_id = decks[0].deck_id
    options = json.loads(options_json)
    preset = chronological_preset(options["1"], parent_id, decks[0].name)
    options[str(preset["id"])] = preset
    all_decks.update({str(deck.deck_id): {**deck.to_json(), "conf": preset["id"]} for deck in decks})
    model_json = {str(model.model_id): model.to_json(mod, parent_id) for model, mod in models}
    cursor.execute("UPDATE col SET decks = ?, models = ?, dconf = ?",
                   (json.dumps(all_decks, sort_keys=True), json.dumps(model_json, sort_keys=True),
                    json.dumps(options, sort_keys=True)))
    card_rows: list[tuple[object, ...]] = []

    def note_rows() -> Iterator[tuple[object, ...]]:
        # A note's id is its time in milliseconds, or one more than the id before, if
        # later: unique, in card order and never before the note's time. Anki shows the
        # id as the date a note was added, and refuses ids far in the future; these come
        # from the lock, not the clock, so they are reproducible.
        note_id = 0
        for note in notes:
            changed = stamp(note).changed
            note_id = max(changed * 1000, note_id + 1)
            card_rows.append(_card_row(note, note_id, changed))
            # id, guid, note type, mod, usn, tags, fields, sort field, checksum, flags,
            # data: as genanki's Note.write_to_db writes them.
            yield (note_id, genanki.guid_for(note.question_id), note.model_id, changed, -1,
                   note.tags, note.fields, note.sort_field, 0, 0, "")

    cursor.executemany("INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", note_rows())
    cursor.executemany(
        "INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        card_rows)
    cursor.executescript(_INDEXES)


def _card_row(note: _Note, note_id: int, mod: int) -> tuple[object, ...]:
    """The row in ``cards`` of the note's one card, which shares the note's id.

    A note has exactly one card: a basic note's prompt is never empty, and a cloze
    note has the one deletion ``c1``.
    """
    first = note.sort_field
    if not first or (note.model_id == CLOZE_MODEL_ID and "{{c1::" not in first):
        raise AssertionError(f"note {note.question_id} would have no card")
    # id, note, deck, template, mod, usn, type, queue (new), due (new-card order), then
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


def _zip(collection: Path) -> bytes:
    """The ``.apkg`` archive: the collection, and a media list naming no files.

    Every member has the same date and attributes, so the archive depends only on
    the collection's bytes.
    """
    buffer = io.BytesIO()
    large = collection.stat().st_size >= zipfile.ZIP64_LIMIT
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=_ZIP_LEVEL) as archive:
        # Opened by name, a member takes the archive's compression and zipfile's fixed
        # date, 1980-01-01; the collection is copied in a piece at a time.
        with collection.open("rb") as source, \
                archive.open("collection.anki2", "w", force_zip64=large) as target:
            shutil.copyfileobj(source, target, _ZIP_CHUNK)
        with archive.open("media", "w") as target:
            target.write(b"{}")
    return buffer.getvalue()


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


def _renamed_deck_lines(bank: QuestionBank, package: Path) -> list[str]:
    """What a learner must do when the decks' name changes (a new title or language).

    Anki matches decks by name on import: cards already imported stay in the decks of the
    old name, and the new ones fill a tree of their own.
    """
    old = earlier_deck_name(package, deck_id(bank.pack_id))
    new = deck_name(bank.title, bank.language)
    if old is None or old == new:
        return []
    return [f"  decks renamed: '{old}' is now '{new}'; in Anki, rename the deck '{old}' to "
            f"'{new}' before importing, or the cards already there stay in it"]


def _listed(ids: tuple[str, ...]) -> str:
    shown = ", ".join(ids[:_LISTED_IDS])
    return shown if len(ids) <= _LISTED_IDS else f"{shown} … and {len(ids) - _LISTED_IDS} more"


def _size(data: bytes) -> str:
    return f"{len(data) / 1024:.1f} KB"
