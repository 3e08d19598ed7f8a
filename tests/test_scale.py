"""Cost that grows with the pack no faster than the pack: counted work, never seconds.

Each test counts what a stage does (calls of its inner step, values built) on packs of
two sizes, or provokes a limit, so that a pass that turns quadratic fails here on any
machine, however fast or loaded. ``benchmarks/bench_scale.py`` measures the times.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
import sys
import tracemalloc
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen import text as text_module
from quizgen import dates as dates_module
from quizgen import quotes
from quizgen.bank import build_bank
from quizgen.cli import main
from quizgen.model import Actor, Citation, Event, Pack, PackInfo, Source

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synth import actor_name  # noqa: E402

# The module, not the function of the same name that ``quizgen.draft`` exports.
compose_module = importlib.import_module("quizgen.draft.compose")

_PACK = """\
id: many-files
title: Many files
language: en
sources:
  - id: article
    title: An article
"""
# 678,995 values through aliases: under the limit of 1,000,000 in one file, over it in two.
_ALIASES = """\
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
events: [*e, *e, *e, *e, *e]
"""


def test_aliases_are_limited_across_the_files_of_a_pack(tmp_path: Path) -> None:
    pack = tmp_path / "many-files"
    pack.mkdir()
    (pack / "pack.yaml").write_text(_PACK, encoding="utf-8")
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (pack / name).write_text(_ALIASES, encoding="utf-8")

    result = CliRunner().invoke(main, ["validate", str(pack)])

    lines = [line for line in result.output.splitlines() if "[too-large]" in line]
    assert lines == [f"{pack}/b.yaml:6:14: error: the pack's files together expand to more "
                     "than 1000000 values through aliases (too many aliases?) [too-large]",
                     f"{pack}/c.yaml:2:8: error: the pack's files together expand to more "
                     "than 1000000 values through aliases (too many aliases?) [too-large]"]
    assert result.exit_code == 1


# --- the question bank -------------------------------------------------------------------

_CITE = [Citation(source="chronicle", quote="it happened")]
_INFO = PackInfo(id="scale", title="Scale", language="ru",
                 sources=[Source(id="chronicle", title="The Chronicle")])


class _CountedItems(tuple):  # type: ignore[type-arg]
    """A pack's items that count how many of them any pass over them reads."""

    read = 0

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            _CountedItems.read += 1
            yield item


def _people(count: int) -> Pack:
    """``count`` people all called «Анна …», each in two events, one summary naming her."""
    actors = [Actor(id=f"actor-{i}", name=f"Анна {actor_name(4 * i + 1)}", kind="person",
                    role="Участница переговоров.", sources=_CITE) for i in range(count)]
    events = [Event(id=f"event-{i}-{n}", date=f"20{10 + i % 10}-0{1 + n}-1{i % 9}",
                    title=f"Встреча номер {i} {n}",
                    summary=f"Переговоры прошли в столице, {actors[i].name} выступила.",
                    actors=[actors[i].id], sources=_CITE) for i in range(count) for n in range(2)]
    return Pack(info=_INFO, directory=Path("."), events=_CountedItems(events),
                actors=tuple(actors))


def _bank_work(count: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Events read and names compared while building the bank of :func:`_people`."""
    compared = 0
    has_stems = text_module._has_stems

    def counted(name_stems: Any, keys: frozenset[str]) -> bool:
        nonlocal compared
        compared += 1
        return has_stems(name_stems, keys)

    pack = _people(count)
    monkeypatch.setattr(text_module, "_has_stems", counted)
    _CountedItems.read = 0
    build_bank(pack)
    return _CountedItems.read, compared


def test_the_question_bank_reads_the_pack_a_fixed_number_of_times(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Each actor's events were found by reading every event once per actor, and a name that
    # many actors share («Анна») was compared with each of them for every text that held it.
    small_reads, small_compared = _bank_work(60, monkeypatch)
    large_reads, large_compared = _bank_work(240, monkeypatch)

    assert large_reads <= 4.4 * small_reads, (small_reads, large_reads)
    assert large_compared <= 4.4 * small_compared, (small_compared, large_compared)


# --- quotes ------------------------------------------------------------------------------

_TRICKY = st.sampled_from(list(" \t\n\x85\xa0\u2028\u3000аЁёß«»“—–\u00ad\u0301е\u0308ŉİ\u2000"))


@settings(max_examples=300, deadline=None)
@given(st.lists(_TRICKY | st.characters(), max_size=40).map("".join), st.integers(1, 6))
def test_a_text_folded_piece_by_piece_folds_as_a_whole(text: str, chunk: int) -> None:
    whole = quotes.normalize(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quotes, "_CHUNK", chunk)
        assert quotes.normalize(text) == whole


def test_folding_a_source_text_takes_memory_proportional_to_it() -> None:
    # Split into words at once, a text took some eight times its size on top of itself.
    text = ("Переговоры в Баку — «новый этап», сказал министр.\n" * 40_000)
    tracemalloc.start()
    try:
        quotes.normalize(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * sys.getsizeof(text), (peak, sys.getsizeof(text))


# --- draft -------------------------------------------------------------------------------

def _dated_sentence(dates: int) -> str:
    return ", ".join(f"{1 + n % 28} марта {1995 + n % 30} года Баку подписал соглашение"
                     for n in range(dates)) + "."


def test_dates_in_one_long_sentence_are_each_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each date searched the whole sentence before it for «в отличие от» and «около».
    searched = 0
    words = dates_module._words("ru")

    class Counted:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern

        def search(self, text: str) -> Optional[re.Match[str]]:
            nonlocal searched
            searched += len(text)
            return self.pattern.search(text)

    counted = dataclasses.replace(words, contrast=Counted(words.contrast),
                                  roughly=Counted(words.roughly))
    monkeypatch.setattr(dates_module, "_words", lambda language: counted)

    def work(count: int) -> int:
        nonlocal searched
        searched = 0
        found = dates_module.find_dates(_dated_sentence(count), "ru", dates_module.Narrative(2020))
        assert len(found) == count
        return searched

    small, large = work(100), work(400)
    assert large <= 4.4 * small, (small, large)


def test_clauses_of_a_long_sentence_cost_no_more_as_it_grows(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Each clause of a long sentence read the whole sentence to count its words.
    split = 0

    def words(text: str) -> int:
        nonlocal split
        split += len(text)
        return len(text.split())

    monkeypatch.setattr(compose_module, "_words", words)

    def work(count: int) -> int:
        nonlocal split
        text = _dated_sentence(count)
        sentence = compose_module.Sentence(0, 0, len(text), text, 0, ())
        split = 0
        for match in re.finditer(r"\d+ марта", text):
            compose_module.clause(sentence, match.start(), match.end())
        return split

    small, large = work(100), work(400)
    assert large <= 4.4 * max(small, 1), (small, large)
