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
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz_packs import bundled_bank, bundled_pack, write_hostile_pack, load
from quizgen import bank as bank_module
from quizgen import load as load_module
from quizgen import validate
from quizgen import spans, text as text_module
from quizgen.bank import MAX_ANSWER_WORDS, MAX_LISTED_EVENTS, build_bank
from quizgen.question import Question, QuestionBank, QuestionKind
from quizgen.text import ActorNames, names_actor, shares_stem, word_count
from quizgen.model import Actor, Citation, Event, Pack, PackInfo, PartialDate, Source
from quizgen.quiz.compose import _Composer
from quizgen.quiz.pool import DATED_KINDS, NEAREST_DATES, Pool as _Pool
from quizgen.spans import overlap as _overlap
from quizgen.grammar import Corpus
from quizgen.quotes import normalize
from quizgen.text import coarse_lemma_stems, coarse_stems as truth_stems
from quizgen.truth import PackTruth, date_is_asked, pack_truth
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

def plain_distractors(pool: _Pool, q: Question) -> list[Question]:
    """Every sibling of a date question, filtered and sorted by distance: the walk's result."""
    keys, texts = pool.right_answers(q)
    siblings = [s for s in pool.by_kind[q.kind] if s.category == q.category and s.id != q.id]
    span = pool.spans[q.id]
    told = [span, *pool._story_dates(q)] if q.kind is QuestionKind.EVENT_DATE else [span]
    siblings = [s for s in siblings if not s.facts.listed and pool.date_asked(s)
                and not any(_overlap(t, pool.spans[s.id]) for t in told)]
    mid = sum(span) / 2
    siblings.sort(key=lambda s: abs(sum(pool.spans[s.id]) / 2 - mid))
    chosen = []
    for s in siblings:
        text = normalize(s.answer)
        if s.facts.key not in keys and text not in texts:
            chosen.append(s)
            keys.add(s.facts.key)
            texts.add(text)
    return chosen[:NEAREST_DATES]


def plain_other_dates(pool: _Pool, q: Question) -> list[object]:
    own = pool.dated[q.item_id]
    return sorted((d for d in pool.dated.values() if not pool.confusable(d, own)
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


def _dated_pack(dates: list[tuple[int, int, int, bool]], titles: int) -> Pack:
    """A pack of one event per date, its titles repeating after ``titles`` of them."""
    source = Source(id="chronicle", title="The Chronicle")
    events = tuple(
        Event(id=f"event-{index:02d}", date=_date(year, month, day), approximate=approximate,
              title=f"Event {index % titles}", summary="Something happened.",
              sources=[Citation(source="chronicle", quote="it happened")])
        for index, (year, month, day, approximate) in enumerate(dates))
    info = PackInfo(id="dates", title="Dates", language="en", sources=[source])
    return Pack(info=info, directory=Path("."), events=events)


@settings(max_examples=60, deadline=None)
@given(st.lists(_DATES, min_size=1, max_size=25), st.integers(1, 6))
def test_distractors_of_packs_with_clashing_dates(dates: list[tuple[int, int, int, bool]],
                                                  titles: int) -> None:
    assert_pool_is_plain(build_bank(_dated_pack(dates, titles)))


# --- did-you-mean hints ----------------------------------------------------------------

def test_hints_are_found_once_per_id_and_stop_at_the_budget(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate, "MAX_HINT_COMPARISONS", 5)
    hints = validate._Hints({"actor": {"ivanova", "petrova"}, "event": set(), "source": set()})

    assert hints.hint("actor", "ivanov") == "; did you mean 'ivanova'?"
    assert hints.hint("actor", "petrov") == "; did you mean 'petrova'?"
    assert hints.hint("actor", "petrovv") == ""  # 1 comparison left, 2 needed
    assert hints.hint("actor", "ivanov") == "; did you mean 'ivanova'?"  # found before


# --- who a text names ------------------------------------------------------------------

def _pack_texts(pack: Pack) -> list[str]:
    texts = [t for e in pack.events for t in (e.title, e.summary)]
    texts += [t for a in pack.actors for t in (a.name, a.role, *a.aliases)]
    texts += [t for c in pack.causes for t in (c.cause, c.effect)]
    texts += [p.claim for d in pack.disputes for p in d.positions]
    return texts


def _plain_written_in(text: str, actors: tuple[Actor, ...]) -> list[tuple[int, int]]:
    return [match.span() for actor in actors for name in (actor.name, *actor.aliases)
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]


def assert_actor_index_is_plain(pack: Pack, texts: list[str]) -> None:
    index = ActorNames(pack.actors)
    for text in texts:
        assert index.named_in(text) == [a for a in pack.actors if names_actor(text, a)], text
        assert index.written_in(text) == _plain_written_in(text, pack.actors), text
        others = (text[::2], " ".join(reversed(text.split())))
        assert index.named_also(text, others) == any(
            names_actor(text, a) and any(names_actor(o, a) for o in others)
            for a in pack.actors), text


def test_actors_named_in_the_bundled_and_hostile_packs(tmp_path: Path) -> None:
    packs = [bundled_pack(), load(write_hostile_pack(tmp_path / "hostile"))]
    for pack in packs:
        # Every text of the pack, and each cut at every word, so that names stand at the ends.
        texts = _pack_texts(pack)
        cuts = [" ".join(t.split()[i:]) for t in texts for i in range(0, len(t.split()), 3)]
        assert_actor_index_is_plain(pack, texts + cuts)


_NAME_WORDS = ("Россия", "российские", "Азербайджан", "азербайджанского", "миротворцы",
               "миротворческой", "Европейский", "союз", "ЕС", "ОБСЕ", "«Газпром»", "Газпрома",
               "армяно-азербайджанский", "Армения", "совет", "ООН", "и", "в", "Баку")


@_SETTINGS
@given(st.lists(st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=3), min_size=1,
                max_size=6),
       st.lists(st.sampled_from(_NAME_WORDS), max_size=12))
def test_actors_named_in_generated_texts(names: list[list[str]], words: list[str]) -> None:
    source = Source(id="chronicle", title="The Chronicle")
    cite = [Citation(source="chronicle", quote="it happened")]
    actors = tuple(Actor(id=f"actor-{i}", name=" ".join(name), kind="state", role="A side.",
                         aliases=[" ".join(reversed(name))] if i % 2 else [], sources=cite)
                   for i, name in enumerate(names))
    info = PackInfo(id="names", title="Names", language="ru", sources=[source])
    pack = Pack(info=info, directory=Path("."), actors=actors)
    assert_actor_index_is_plain(pack, [" ".join(words), ", ".join(words) + "."])


# --- the events of a period ------------------------------------------------------------

def _plain_periods(pack: Pack) -> set[str]:
    """The answer keys of "what happened in …?", every event compared with every period."""
    asked = {e.id for e in pack.events if e.date is not None and date_is_asked(e)}
    dated = [e for e in pack.events if e.date is not None]
    periods = {spans.event_span(e) for e in dated if e.id in asked}
    periods |= {spans.date_span(PartialDate(spans.period_date(e).year))
                for e in dated if e.id in asked}
    keys = set()
    for period in periods:
        inside = [e for e in dated if spans.within(spans.event_span(e), period)]
        reaching = [e for e in dated if spans.overlap(spans.event_span(e), period)]
        if len(inside) == len(reaching) and all(e.id in asked for e in inside):
            keys.add(",".join(sorted(e.id for e in inside)))
    return keys


@settings(max_examples=60, deadline=None)
@given(st.lists(_DATES, min_size=1, max_size=25))
def test_the_events_of_a_period_are_those_of_comparing_every_event(
        dates: list[tuple[int, int, int, bool]]) -> None:
    pack = _dated_pack(dates, len(dates))
    events = pack.events
    found = {",".join(q.facts.answer_ids) for q in build_bank(pack).of_kind(QuestionKind.DATE_EVENT)}
    # A question whose list is too long to recall (words or events) is not asked; the rest are.
    assert found <= _plain_periods(pack)
    titles = {e.id: e.title for e in events}
    assert all(word_count("; ".join(titles[i] for i in key.split(","))) > MAX_ANSWER_WORDS
               or key.count(",") + 1 > MAX_LISTED_EVENTS
               for key in _plain_periods(pack) - found)


def _plain_mentions(truth: PackTruth, text: str) -> frozenset[str]:
    """Every name tried against the text's words as written and in dictionary form."""
    found = truth_stems(text) | coarse_lemma_stems(text)
    return frozenset(actor for actor, names in truth.names.items()
                     if any(truth_stems(n) and truth_stems(n) <= found for n in names))


def test_actors_a_text_mentions_are_those_of_trying_every_name(tmp_path: Path) -> None:
    for pack in (bundled_pack(), load(write_hostile_pack(tmp_path / "hostile"))):
        truth = pack_truth(pack)
        texts = _pack_texts(pack)
        texts += [" ".join(t.split()[i:]) for t in texts for i in range(0, len(t.split()), 3)]
        assert any(truth.mentions(t) for t in texts)
        for text in texts:
            assert truth.mentions(text) == _plain_mentions(truth, text), text


# --- how the prose writes a name ---------------------------------------------------------

def _plain_written(name: str, corpus: str) -> str | None:
    """The first form of ``name`` found after a lower-case word or a comma, searching it all."""
    for form in dict.fromkeys((name[:1].lower() + name[1:], name)):
        start = corpus.find(form)
        while start != -1:
            end = start + len(form)
            if (start >= 2 and re.fullmatch("[a-zа-яё,] ", corpus[start - 2:start])
                    and not re.match(r"\w", corpus[end:end + 1])):
                return form
            start = corpus.find(form, start + 1)
    return None


def test_how_the_bundled_pack_writes_its_names_is_what_searching_all_of_it_finds() -> None:
    pack = bundled_pack()
    corpus = bank_module._corpus(pack)
    names = [n for a in pack.actors for n in (a.name, *a.aliases)]
    told = Corpus(corpus, [a.name for a in pack.actors])  # filed: the names, not the aliases
    assert any(Corpus(corpus).written(n) for n in names)
    for name in names:
        assert Corpus(corpus).written(name) == _plain_written(name, corpus), name
        assert told.written(name) == _plain_written(name, corpus), name


_PROSE = st.lists(st.sampled_from(("в", "Россия", "россия", "российские", "миротворцы",
                                   "Российские", ",", ".", "«Газпром»", "и", "Баку")), max_size=14)


@_SETTINGS
@given(_PROSE, st.lists(st.sampled_from(("Россия", "Российские миротворцы", "«Газпром»",
                                         "Баку", "миротворцы")), min_size=1, max_size=4))
def test_how_generated_prose_writes_names(words: list[str], names: list[str]) -> None:
    corpus = " ".join(words).replace(" ,", ",")
    for name in names:
        assert Corpus(corpus).written(name) == _plain_written(name, corpus), (name, corpus)
        assert Corpus(corpus, names[:1]).written(name) == _plain_written(name, corpus), (
            name, corpus)


def _plain_shares_stem(name: str, text: str) -> bool:
    """Every stem of the name begins a word of the text (a short stem is a word), word by word."""
    own = [s for s in text_module.stems(name) if len(s) >= 3 or s.isdigit()]
    words = re.findall(r"\w+(?:[-'’]\w+)*", text.lower().replace("ё", "е"))
    words += [part for w in words if "-" in w for part in w.split("-")]
    words += [text_module.lemma(w) for w in words]
    return bool(own) and all(any(w.startswith(s) if len(s) >= 4 else w == s for w in words)
                             for s in own)


@_SETTINGS
@given(st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=3),
       st.lists(st.sampled_from(_NAME_WORDS + ("рос", "азер", "миро", "2020", "20")), max_size=10))
def test_a_name_shares_stems_with_a_text_as_comparing_word_by_word_finds(
        name: list[str], words: list[str]) -> None:
    assert shares_stem(" ".join(name), " ".join(words)) == _plain_shares_stem(
        " ".join(name), " ".join(words))


def test_the_bundled_pack_shares_stems_as_comparing_word_by_word_finds() -> None:
    pack = bundled_pack()
    names = [n for a in pack.actors for n in (a.name, *a.aliases)]
    texts = _pack_texts(pack)
    pairs = [(n, t) for n in names for t in texts]
    assert any(_plain_shares_stem(n, t) for n, t in pairs)
    assert all(shares_stem(n, t) == _plain_shares_stem(n, t) for n, t in pairs)
