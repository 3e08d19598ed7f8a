"""How close a draft comes to a pack written by hand from the same article.

Used by the test suite (floors a regression must not cross) and by the benchmark
(the numbers in ``benchmarks/results.md``). A drafted item *matches* an item of the
reviewed pack when their quotes from the article overlap: one holds the other, or
they share a run of :data:`SHARED_WORDS` words. Dates are compared as written.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .. import quotes
from ..model import Event, Pack
from ..validate import citations, validate_pack
from . import lexicon
from .compose import Draft
from ..dates import dates_relatively, latest_year, states_date

SHARED_WORDS = 6


@dataclass(frozen=True)
class Score:
    """Recall and precision of one draft against the hand-made pack."""

    stated_dates: int  # the pack's events from this source with a stated date
    dates_found: int  # …of which the draft has a matching event with the same date
    year_in_sentence: int  # the pack's stated dates whose quoted sentence names the year
    year_in_sentence_found: int
    actors: int  # the pack's actors cited from this source
    actors_found: int
    precision: dict[str, tuple[int, int]]  # kind → (drafted items matching the pack, drafted)
    # Recall of each kind: (the pack's items of this source the draft has, the pack's items).
    recall: dict[str, tuple[int, int]] = field(default_factory=dict)
    # Drafted dates that are wrong: a drafted event that matches one of the pack's with
    # another date, or whose quote holds no expression of its date (a stated one).
    false_dates: int = 0

    @property
    def date_recall(self) -> float:
        return self.dates_found / self.stated_dates if self.stated_dates else 1.0

    @property
    def year_in_sentence_recall(self) -> float:
        return (self.year_in_sentence_found / self.year_in_sentence
                if self.year_in_sentence else 1.0)

    @property
    def actor_recall(self) -> float:
        return self.actors_found / self.actors if self.actors else 1.0

    def precision_of(self, kind: str) -> float:
        matched, drafted = self.precision[kind]
        return matched / drafted if drafted else 1.0

    def recall_of(self, kind: str) -> float:
        found, whole = self.recall[kind]
        return found / whole if whole else 1.0


def score(draft: Draft, pack: Pack, text: str) -> Score:
    """Compare ``draft`` (of the article ``text``) with the reviewed ``pack``."""
    source = draft.source
    sentences = _sentences_with_quotes(text)
    stated = [e for e in pack.events if e.date is not None and e.date_source == "stated"
              and _quote_of(e, source) is not None]
    found = [e for e in stated if any(
        overlap(_quote_of(e, source) or "", d.quote) and d.date is not None
        and str(d.date.date) == str(e.date) for d in draft.events)]
    in_sentence = [e for e in stated if _year_in_sentence(_quote_of(e, source) or "", sentences)]
    actors = [a for a in pack.actors if any(c.source == source for _, c in citations(a))]
    drafted_names = {lexicon.fold(n) for a in draft.actors for n in (a.name, *a.aliases)}
    actors_found = [a for a in actors if {lexicon.fold(n) for n in (a.name, *a.aliases)}
                    & drafted_names or a.id in {d.id for d in draft.actors if d.existing}]
    pack_quotes = {kind: [c.quote for item in items for _, c in citations(item)
                          if c.source == source]
                   for kind, items in pack.items_by_kind()}
    pack_names = {lexicon.fold(n) for a in pack.actors for n in (a.name, *a.aliases)}
    precision = {
        "events": _matched((e.quote for e in draft.events), pack_quotes["events"]),
        "causes": _matched((c.quote for c in draft.causes), pack_quotes["causes"]),
        "disputes": _matched((p.quote for d in draft.disputes for p in d.positions
                              if p.source == source), pack_quotes["disputes"]),
        "actors": (sum(bool({lexicon.fold(n) for n in (a.name, *a.aliases)} & pack_names)
                       for a in draft.new_actors), len(draft.new_actors)),
    }
    precision["dated events"] = _dated_precision(draft, pack, source)
    precision["disputes"] = _disputes_matched(draft, pack, source)
    recall = {
        "dated events": _dated_recall(draft, pack, source),
        "actors": (len(actors_found), len(actors)),
        "causes": _recalled((c.quote for c in draft.causes),
                            [[c.quote for _, c in citations(cause) if c.source == source]
                             for cause in pack.causes]),
        "disputes": _recalled((p.quote for d in draft.disputes for p in d.positions
                               if p.source == source),
                              [[c.quote for _, c in citations(d) if c.source == source]
                               for d in pack.disputes], every=True),
    }
    return Score(len(stated), len(found), len(in_sentence),
                 sum(e in found for e in in_sentence), len(actors), len(actors_found), precision,
                 recall, _false_dates(draft, pack, source))


def _dated(pack: Pack, source: str) -> list[Event]:
    """The pack's events of ``source`` dated from the text (stated or derived)."""
    return [e for e in pack.events if e.date is not None and e.date_source != "outside"
            and _quote_of(e, source) is not None]


def _dated_recall(draft: Draft, pack: Pack, source: str) -> tuple[int, int]:
    dated = _dated(pack, source)
    found = [e for e in dated if any(
        d.date is not None and str(d.date.date) == str(e.date)
        and overlap(_quote_of(e, source) or "", d.quote) for d in draft.events)]
    return len(found), len(dated)


def _dated_precision(draft: Draft, pack: Pack, source: str) -> tuple[int, int]:
    drafted = [d for d in draft.events if d.date is not None]
    dated = _dated(pack, source)
    matched = [d for d in drafted if any(
        str(e.date) == str(d.date.date) and overlap(_quote_of(e, source) or "", d.quote)
        for e in dated if d.date is not None)]
    return len(matched), len(drafted)


def _false_dates(draft: Draft, pack: Pack, source: str) -> int:
    """Drafted dates that contradict the pack's date of the same passage, or that their quote
    does not express (a date read from no date, «U-2 майор» as 2 May); a date counted from
    another («через два дня») is expressed by the counting."""
    false = 0
    for event in draft.events:
        if event.date is None:
            continue
        date = event.date.date
        same = [e for e in pack.events if e.date is not None
                and overlap(_quote_of(e, source) or "", event.quote)]
        contradicted = bool(same) and all(str(e.date) != str(date) for e in same)
        unexpressed = not states_date(event.quote, date.year, date.month, date.day) and not (
            event.date.derived and dates_relatively(event.quote, draft.language))
        false += contradicted or unexpressed
    return false


def _recalled(drafted: Iterable[str], reviewed: list[list[str]],
              every: bool = False) -> tuple[int, int]:
    """How many reviewed items (each a list of quotes) the drafted quotes find: any of its
    quotes overlapped, or, with ``every``, all of them (both sides of a dispute)."""
    quotes = list(drafted)
    items = [q for q in reviewed if q]
    check = all if every else any
    found = [q for q in items if check(any(overlap(r, d) for d in quotes) for r in q)]
    return len(found), len(items)


def _disputes_matched(draft: Draft, pack: Pack, source: str) -> tuple[int, int]:
    """Drafted disputes any of whose positions overlaps a position of the pack's disputes."""
    reviewed = [c.quote for d in pack.disputes for _, c in citations(d) if c.source == source]
    mine = [d for d in draft.disputes if any(p.source == source for p in d.positions)]
    matched = [d for d in mine if any(overlap(p.quote, r) for p in d.positions
                                      if p.source == source for r in reviewed)]
    return len(matched), len(mine)


def overlap(a: str, b: str) -> bool:
    """Whether two quotes of one text point at the same passage."""
    x = quotes.folded_core(a)
    y = quotes.folded_core(b)
    if not x or not y:
        return False
    if x in y or y in x:
        return True
    words = x.split()
    runs = {" ".join(words[i:i + SHARED_WORDS]) for i in range(len(words) - SHARED_WORDS + 1)}
    return any(run in y for run in runs)


def _matched(drafted: Iterable[str], reviewed: list[str]) -> tuple[int, int]:
    items = list(drafted)
    return sum(any(overlap(d, r) for r in reviewed) for d in items), len(items)


def _quote_of(event: Event, source: str) -> Optional[str]:
    return next((c.quote for c in event.sources if c.source == source), None)


def _sentences_with_quotes(text: str) -> list[str]:
    return [quotes.normalize(s) for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _year_in_sentence(quote: str, sentences: list[str]) -> bool:
    core = quotes.folded_core(quote)
    return any(core in s and latest_year(s) is not None for s in sentences)


def measure(article: Path, source: str, pack_yaml: Path, reference: Path,
            texts: Optional[Path], work: Path) -> Score:
    """Draft ``article`` into a new pack at ``work/<source>`` that starts as ``pack_yaml``
    (its sources, no items) and score the draft against the hand-made ``reference`` pack."""
    from . import draft_article

    pack = work / source
    pack.mkdir()
    shutil.copy(pack_yaml, pack / "pack.yaml")
    result = draft_article(article, pack, source, sources_dir=texts)
    if result.draft is None or result.problems:
        raise ValueError(f"the draft of {article} does not validate: {result.problems}")
    reviewed = validate_pack(reference, texts).pack
    if reviewed is None:
        raise ValueError(f"the reference pack {reference} does not validate")
    return score(result.draft, reviewed, article.read_text(encoding="utf-8"))
