"""The shortcuts that keep a build linear give the answers of the plain ways they replace.

Each test holds a fast implementation against the straightforward one it stands in
for (a regex per name, a sort per question, a translation table, difflib for every
reference), on generated input.
"""

from __future__ import annotations

import os
import random
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quiz_packs import bundled_bank, write_hostile_pack, load
from quizgen import bank as bank_module
from quizgen import load as load_module
from quizgen import validate
from quizgen.bank import QuestionBank, QuestionKind, build_bank
from quizgen.model import Citation, Event, Pack, PackInfo, Source
from quizgen.quiz.compose import _Composer
from quizgen.quiz.pool import DATED_KINDS, NEAREST_DATES, Pool as _Pool, overlap as _overlap
from quizgen.quotes import normalize
from quizgen.render.note_types import _common_prefix_length

_SETTINGS = settings(max_examples=200, deadline=None)

# --- quote folding ---------------------------------------------------------------------

_PLAIN_FOLD = str.maketrans({
    "ё": "е", "Ё": "е",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "‹": '"', "›": '"',
    "'": '"', "’": '"', "‘": '"', "‚": '"', "`": '"',
    "—": "-", "–": "-", "‑": "-", "‒": "-", "−": "-", "―": "-",
    "\u00ad": None,
})


def plain_normalize(text: str) -> str:
    folded = unicodedata.normalize("NFC", text).casefold().translate(_PLAIN_FOLD)
    return re.sub(r"\s+", " ", folded).strip()


_TRICKY = st.sampled_from(list(" \t\n\x85\xa0\u2028\x1c\x1f\u3000аЁёß«»“”„‟‹›'’‘‚`\"—–‑‒−―"
                               "\u00ad\u0301е\u0308ŉİ"))


@_SETTINGS
@given(st.lists(_TRICKY | st.characters(), max_size=30).map("".join))
def test_normalize_folds_as_a_translation_table_does(text: str) -> None:
    assert normalize(text) == plain_normalize(text)


# --- common prefixes -------------------------------------------------------------------

@_SETTINGS
@given(st.text(alphabet="ab ", max_size=12), st.text(alphabet="ab ", max_size=12))
def test_common_prefix_length_is_that_of_os_path_commonprefix(a: str, b: str) -> None:
    assert _common_prefix_length(a, b) == len(os.path.commonprefix([a, b]))


# --- unknown keys -------------------------------------------------------------------------

_CITATION_KEYS = st.sampled_from(["source", "quote", "qoute"])
_EVENT_KEYS = st.sampled_from(["id", "title", "date", "summary", "actors", "tags", "titel"])
_CITATIONS = st.lists(st.dictionaries(_CITATION_KEYS, st.just("x"), max_size=3), max_size=3)
_EVENTS = st.lists(
    st.builds(lambda keys, sources: {**keys, **({} if sources is None else {"sources": sources})},
              st.dictionaries(_EVENT_KEYS, st.just("x"), max_size=4),
              st.none() | _CITATIONS),
    max_size=6)


@_SETTINGS
@given(_EVENTS)
def test_known_keys_of_a_whole_list_are_what_each_item_shows(events: list[dict]) -> None:
    # The fast check gathers keys at C speed; each item's own check names the problems.
    doc = load_module.Document("events.yaml", {"events": events})
    each: list[object] = []
    for index, event in enumerate(events):
        validate._unknown_keys(Event, event, doc, ("events", index), each)
    assert validate._known_keys_only(Event, events) == (not each)


def _event(n: int, date: object = "2024-01-02") -> dict:
    return {"id": f"e{n}", "title": f"Event {n}", "date": date, "summary": "Something.",
            "sources": [{"source": "a", "quote": "quoted"}]}


@pytest.mark.parametrize("events, valid", [
    ([_event(n) for n in range(5)], [0, 1, 2, 3, 4]),
    ([_event(0), _event(1, date="2024-13-01"), _event(2)], [0, 2]),
    ([_event(0), {**_event(1), "titel": "x"}, _event(2)], [0, 1, 2]),
], ids=["all-sound-in-one-call", "a-bad-item-among-sound-ones", "an-unknown-key"])
def test_a_list_validated_in_one_call_gives_what_item_by_item_does(
        events: list[dict], valid: list[int]) -> None:
    doc = load_module.Document("events.yaml", {"events": events})
    problems: list[object] = []
    entries = list(validate._validate_items("events", events, doc, problems, {}))
    assert [entry.path for entry in entries] == [("events", index) for index in valid]
    assert [entry.item for entry in entries] == [Event.model_validate(events[i]) for i in valid]
    assert len(problems) == len(events) - len(valid) + ("titel" in str(events))


# --- quiz distractors ------------------------------------------------------------------

def plain_distractors(pool: _Pool, q: bank_module.Question) -> list[bank_module.Question]:
    """Every sibling of a date question, filtered and sorted by distance: the walk's result."""
    keys, texts = pool.right_answers(q)
    siblings = [s for s in pool.by_kind[q.kind] if s.category == q.category and s.id != q.id]
    span = pool.spans[q.id]
    siblings = [s for s in siblings if "," not in s.answer_key and pool.date_asked(s)
                and not _overlap(span, pool.spans[s.id])]
    mid = sum(span) / 2
    siblings.sort(key=lambda s: abs(sum(pool.spans[s.id]) / 2 - mid))
    chosen = []
    for s in siblings:
        text = normalize(s.answer)
        if s.answer_key not in keys and text not in texts:
            chosen.append(s)
            keys.add(s.answer_key)
            texts.add(text)
    return chosen[:NEAREST_DATES]


def plain_other_dates(pool: _Pool, q: bank_module.Question) -> list[object]:
    own = pool.dated[q.item_id]
    return sorted((d for d in pool.dated.values() if not d.clashes(own)
                   and normalize(d.question.answer) != normalize(q.answer)),
                  key=lambda d: abs(sum(own.span) - sum(d.span)) / 2)[:NEAREST_DATES]


def assert_pool_is_plain(bank: QuestionBank) -> None:
    """The walk outward from a date finds what sorting every date by distance finds."""
    pool = _Pool(bank)
    for kind in DATED_KINDS:
        for q in pool.choice_candidates.get(kind, []):
            assert pool.wrong_answers(q) == plain_distractors(pool, q), q.id
    for d in pool.events:
        assert pool.other_dates(d.question) == plain_other_dates(pool, d.question), d.question.id


def eager_forward_shuffle(items: list[int], rng: random.Random) -> list[int]:
    items = list(items)
    for position in range(len(items)):
        drawn = rng.randrange(position, len(items))
        items[position], items[drawn] = items[drawn], items[position]
    return items


@_SETTINGS
@given(st.integers(0, 40), st.integers(0, 2**32))
def test_a_quiz_order_drawn_as_read_is_the_whole_shuffle(count: int, seed: int) -> None:
    composer = _Composer(_Pool(bundled_bank()), random.Random(seed), frozenset())
    assert list(composer._drawn(list(range(count)))) == eager_forward_shuffle(
        list(range(count)), random.Random(seed))


def test_distractors_of_the_bundled_and_hostile_packs(tmp_path: Path) -> None:
    assert_pool_is_plain(bundled_bank())
    assert_pool_is_plain(build_bank(load(write_hostile_pack(tmp_path / "hostile"))))


_DATES = st.tuples(st.integers(2000, 2002), st.integers(0, 12), st.integers(0, 28), st.booleans())


def _date(year: int, month: int, day: int) -> str:
    return str(year) if not month else f"{year}-{month:02d}" if not day else (
        f"{year}-{month:02d}-{day:02d}")


@settings(max_examples=60, deadline=None)
@given(st.lists(_DATES, min_size=1, max_size=25), st.integers(1, 6))
def test_distractors_of_packs_with_clashing_dates(dates: list[tuple[int, int, int, bool]],
                                                  titles: int) -> None:
    source = Source(id="chronicle", title="The Chronicle")
    events = tuple(
        Event(id=f"event-{index}", date=_date(year, month, day), approximate=approximate,
              title=f"Event {index % titles}", summary="Something happened.",
              sources=[Citation(source="chronicle", quote="it happened")])
        for index, (year, month, day, approximate) in enumerate(dates))
    info = PackInfo(id="dates", title="Dates", language="en", sources=[source])
    assert_pool_is_plain(build_bank(Pack(info=info, directory=Path("."), events=events)))


# --- did-you-mean hints ----------------------------------------------------------------

def test_hints_are_found_once_per_id_and_stop_at_the_budget(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate, "MAX_HINT_COMPARISONS", 5)
    hints = validate._Hints({"actor": {"ivanova", "petrova"}, "event": set(), "source": set()})

    assert hints.hint("actor", "ivanov") == "; did you mean 'ivanova'?"
    assert hints.hint("actor", "petrov") == "; did you mean 'petrova'?"
    assert hints.hint("actor", "petrovv") == ""  # 1 comparison left, 2 needed
    assert hints.hint("actor", "ivanov") == "; did you mean 'ivanova'?"  # found before
