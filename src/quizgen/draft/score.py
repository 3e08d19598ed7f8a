"""How close a draft comes to a pack written by hand from the same article.

Used by the test suite (floors a regression must not cross) and by the benchmark
(the numbers in ``benchmarks/results.md``). A drafted item *matches* an item of the
reviewed pack when their quotes from the article overlap: one holds the other, or
they share a run of :data:`SHARED_WORDS` words. Dates are compared as written.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .. import quotes
from ..model import Event, Pack
from ..validate import citations, validate_pack
from . import lexicon
from .compose import Draft
from ..dates import latest_year

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
                   for kind, items in (("events", pack.events), ("actors", pack.actors),
                                       ("causes", pack.causes), ("disputes", pack.disputes))}
    pack_names = {lexicon.fold(n) for a in pack.actors for n in (a.name, *a.aliases)}
    precision = {
        "events": _matched((e.quote for e in draft.events), pack_quotes["events"]),
        "causes": _matched((c.quote for c in draft.causes), pack_quotes["causes"]),
        "disputes": _matched((p.quote for d in draft.disputes for p in d.positions
                              if p.source == source), pack_quotes["disputes"]),
        "actors": (sum(bool({lexicon.fold(n) for n in (a.name, *a.aliases)} & pack_names)
                       for a in draft.new_actors), len(draft.new_actors)),
    }
    return Score(len(stated), len(found), len(in_sentence),
                 sum(e in found for e in in_sentence), len(actors), len(actors_found), precision)


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
