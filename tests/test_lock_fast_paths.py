"""The deck lock's shortcuts give the answers of the plain ways they replace.

Like ``test_fast_paths.py``, for the deck lock: each test holds a fast
implementation against the straightforward one it stands in for, on generated
input. The lock's bytes and hashes matter most: learners' lock files are compared
against them, so they must never drift.
"""

from __future__ import annotations

import hashlib
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.lock import HASH_LENGTH, LOCK_FORMAT, DeckLock, Stamp, content_hash

_SETTINGS = settings(max_examples=200, deadline=None)

# Characters JSON and HTML both have to escape, among any others that UTF-8 can encode
# (YAML cannot hold a lone surrogate, and neither way can write one).
_TRICKY_TEXT = st.text(alphabet=st.sampled_from(list('"\\/\n\r\t\x08\x0c\x00\x1f\x7f<>&\'[]{}:'))
                       | st.characters(blacklist_categories=("Cs",)), max_size=20)
_STAMPS = st.dictionaries(
    _TRICKY_TEXT,
    st.builds(Stamp, st.text(alphabet="0123456789abcdef", min_size=HASH_LENGTH,
                             max_size=HASH_LENGTH), st.integers(min_value=0, max_value=2**40)),
    max_size=5)


def plain_lock_bytes(lock: DeckLock, about: str) -> bytes:
    """The lock file as ``json.dumps`` writes it."""
    def stamps(entries: dict[str, Stamp]) -> dict[str, dict[str, object]]:
        return {key: {"hash": s.hash, "changed": s.changed} for key, s in entries.items()}
    data = {"about": about, "format": LOCK_FORMAT, "pack": lock.pack_id,
            "note_types": stamps(dict(lock.note_types)), "notes": stamps(dict(lock.notes))}
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


@_SETTINGS
@given(_TRICKY_TEXT, _STAMPS, _STAMPS)
def test_lock_bytes_are_what_json_dumps_writes(pack_id: str, note_types: dict[str, Stamp],
                                               notes: dict[str, Stamp]) -> None:
    lock = DeckLock(pack_id, note_types, notes)
    about = json.loads(lock.to_bytes())["about"]
    assert lock.to_bytes() == plain_lock_bytes(lock, about)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | _TRICKY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TRICKY_TEXT, inner, max_size=4),
    max_leaves=12)


@_SETTINGS
@given(_JSON)
def test_content_hash_is_that_of_json_dumps(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert content_hash(value) == hashlib.sha256(text.encode()).hexdigest()[:HASH_LENGTH]
