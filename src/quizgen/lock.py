"""The deck lock: when each Anki note last changed, kept beside the deck and committed.

Anki updates a note on re-import only when the incoming note's modification time
is newer than its own, so a note must carry the time its *content* last changed —
not the time of the build. ``decks/<pack-id>.lock.json`` remembers, for every
question id, a hash of the note's content and that time. A build keeps the time
of an unchanged note and stamps a new or changed one with the build time, so the
same content and the same lock always give the same deck, byte for byte.

Format 2 hashes a note as the collection stores it; format 1 hashed the JSON of its
note type id, fields and tags. A format-1 lock is still read: the Anki renderer
checks its notes the old way once, so unchanged notes keep their times, and the
lock it writes is format 2.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, Mapping, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .clock import MAX_TIME
from .files import MAX_OUTPUT_BYTES, read_regular
from .problems import LockError, display_path, printable

LOCK_FORMAT = 2
HASH_LENGTH = 16
# Encodes as json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
# does, but made once rather than once per note: a deck hashes every note on every build.
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
# How json.dumps(..., ensure_ascii=False) writes a string.
_json_string = json.encoder.encode_basestring
_ABOUT = ("Written by 'quizgen build'; commit it with the deck. It records when each Anki "
          "note last changed, so that importing a rebuilt deck updates notes in place.")


@dataclass(frozen=True)
class Stamp:
    """A content hash and the time (Unix seconds) that content first appeared."""

    hash: str
    changed: int


@dataclass(frozen=True)
class DeckLock:
    """One pack's stamps: its note types by name and its notes by question id."""

    pack_id: str
    note_types: Mapping[str, Stamp]
    notes: Mapping[str, Stamp]
    # The format the lock was read in (how its note hashes were made); always written
    # as LOCK_FORMAT.
    format: int = LOCK_FORMAT

    def to_bytes(self) -> bytes:
        """The lock file: sorted keys, two-space indent, a final newline.

        The text is what ``json.dumps(..., ensure_ascii=False, indent=2, sort_keys=True)``
        writes, spelled out here: the general encoder, indenting in pure Python, is
        many times slower over the tens of thousands of stamps of a large deck.
        """
        text = (f'{{\n  "about": {_json_string(_ABOUT)},\n  "format": {LOCK_FORMAT},\n'
                f'  "note_types": {_stamps_json(self.note_types)},\n'
                f'  "notes": {_stamps_json(self.notes)},\n'
                f'  "pack": {_json_string(self.pack_id)}\n}}\n')
        return text.encode()


@dataclass(frozen=True)
class LockChanges:
    """Which keys a build adds, changes and removes relative to the lock, each sorted."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def lock_path(out_dir: Path, pack_id: str) -> Path:
    return out_dir / f"{pack_id}.lock.json"


def read_lock(path: Path, pack_id: str) -> Optional[DeckLock]:
    """The lock at ``path``; ``None`` when there is none yet (the pack's first build)."""
    try:
        data = read_regular(path, MAX_OUTPUT_BYTES)
        if data is None:
            raise LockError(f"cannot read deck lock {display_path(path)}: it is larger than "
                            f"{MAX_OUTPUT_BYTES} bytes")
        text = data.decode("utf-8")
    except (FileNotFoundError, NotADirectoryError):
        # No lock yet; an output folder that is a file is the writer's to report.
        return None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise LockError(f"cannot read deck lock {display_path(path)}: {reason}") from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _broken(path, f"line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise _broken(path, "nested too deeply") from exc
    except ValueError as exc:  # a number of more digits than Python converts
        raise _broken(path, f"a number of more than {sys.get_int_max_str_digits()} "
                            "digits") from exc
    if not isinstance(raw, dict):
        raise _broken(path, "expected a JSON object")
    try:
        model = _LockFile.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise _broken(path, f"{where}: {error['msg']}") from exc
    if model.pack != pack_id:
        raise LockError(f"deck lock {display_path(path)} belongs to pack "
                        f"'{printable(model.pack)}', not '{pack_id}'")
    return DeckLock(model.pack, _stamps(model.note_types), _stamps(model.notes), model.format)


def restamp(previous: Mapping[str, Stamp], hashes: Mapping[str, str],
            now: int) -> dict[str, Stamp]:
    """Stamps for ``hashes``: an unchanged entry keeps its time, others get ``now``."""
    return {key: restamp_one(previous.get(key), digest, now) for key, digest in hashes.items()}


def restamp_one(old: Optional[Stamp], digest: str, now: int) -> Stamp:
    """The stamp of content hashed ``digest``, which was stamped ``old`` before (if at all).

    A changed entry's time always moves forward (at least one second past the old
    one), even when ``now`` is behind it, or Anki would skip the update.
    """
    if old is not None and old.hash == digest:
        return old
    changed = now if old is None else max(now, old.changed + 1)
    if changed > MAX_TIME:  # a lock the next build would refuse: say so now, write nothing
        raise LockError(f"cannot stamp a changed note later than {MAX_TIME} (the end of year "
                        "9999), where the deck lock's times already are; the lock was written "
                        "with a SOURCE_DATE_EPOCH far in the future: restore an earlier lock")
    return Stamp(digest, changed)


def compare(previous: Mapping[str, Stamp], current: Mapping[str, Stamp]) -> LockChanges:
    """What ``current`` adds, changes and removes relative to the ``previous`` stamps.

    An entry changed when its time moved: :func:`restamp_one` moves the time of
    every entry whose content changed, and of no other (a format-1 lock's hashes,
    made another way, do not count).
    """
    return LockChanges(
        added=tuple(sorted(k for k in current if k not in previous)),
        changed=tuple(sorted(k for k, stamp in current.items()
                             if k in previous and previous[k].changed != stamp.changed)),
        removed=tuple(sorted(k for k in previous if k not in current)),
    )


def content_hash(value: object) -> str:
    """The hash stored in the lock for ``value`` (anything JSON can encode)."""
    data = _COMPACT_JSON.encode(value)
    return hashlib.sha256(data.encode()).hexdigest()[:HASH_LENGTH]


def _broken(path: Path, detail: str) -> LockError:
    return LockError(
        f"{display_path(path)} is not a valid quizgen deck lock ({detail}); restore it from "
        "version control; if it is lost, delete it but keep the deck beside it, so that the "
        "next build stamps every note after the deck's newest one")


def _stamps(entries: Mapping[str, _StampEntry]) -> dict[str, Stamp]:
    return {key: Stamp(entry.hash, entry.changed) for key, entry in entries.items()}


def _stamps_json(stamps: Mapping[str, Stamp]) -> str:
    """The stamps as the lock file's JSON object, at the depth of its top-level values."""
    if not stamps:
        return "{}"
    entries = ",\n".join(
        f'    {_json_string(key)}: {{\n      "changed": {stamp.changed:d},\n'
        f'      "hash": {_json_string(stamp.hash)}\n    }}'
        for key, stamp in sorted(stamps.items()))
    return f"{{\n{entries}\n  }}"


# A note's key is a question id: slugs joined by colons. A removed key is printed inside an
# Anki search for the learner to paste; one holding search syntax ("*", a quote) could find
# and so delete every note, so a lock with such a key is a broken lock.
_QuestionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-:][a-z0-9]+)*$")]


class _StampEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    hash: Annotated[str, StringConstraints(pattern=rf"^[0-9a-f]{{{HASH_LENGTH}}}$")]
    changed: Annotated[int, Field(ge=0, le=MAX_TIME)]


class _LockFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    about: str = ""
    format: Literal[1, 2]
    pack: str
    note_types: dict[str, _StampEntry]
    notes: dict[_QuestionId, _StampEntry]
