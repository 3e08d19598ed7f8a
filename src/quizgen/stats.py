"""Counts that describe a validated pack, for ``quizgen stats``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .model import Pack
from .problems import Level, Problem, display_path
from .question import QuestionBank
from .validate import PACK_FILE, Validation, citations


@dataclass(frozen=True)
class PackStats:
    """What a pack holds: items per kind, citations per source, its span of dates."""

    pack_id: str
    title: str
    counts: dict[str, int]
    citations_per_source: dict[str, int]
    first_date: Optional[str]
    last_date: Optional[str]
    quotes_verified: int
    quotes_unchecked: int
    # For each item (``events[plane-shootdown]``): how many Anki cards and how many
    # questions a printed quiz can draw from it.
    yields: dict[str, dict[str, int]]


def pack_stats(validation: Validation) -> Optional[PackStats]:
    """Stats of a validated pack, or None when it did not load."""
    pack = validation.pack
    if pack is None:
        return None
    dates = sorted((e.date for e in pack.events if e.date is not None), key=lambda d: d.sort_key())
    return PackStats(
        pack_id=pack.id,
        title=pack.info.title,
        counts={"events": len(pack.events), "actors": len(pack.actors),
                "causes": len(pack.causes), "disputes": len(pack.disputes),
                "sources": len(pack.info.sources)},
        citations_per_source=_citations_per_source(pack),
        first_date=str(dates[0]) if dates else None,
        last_date=str(dates[-1]) if dates else None,
        quotes_verified=validation.quotes_verified,
        quotes_unchecked=validation.quotes_unchecked,
        yields=_yields(pack),
    )


def _yields(pack: Pack, bank: Optional[QuestionBank] = None) -> dict[str, dict[str, int]]:
    """Cards and quiz questions per item, in the pack's order; an item that yields none shows 0."""
    from .bank import build_bank
    from .quiz import QUIZ_KINDS

    found: dict[str, dict[str, int]] = {}
    for kind, items in pack.items_by_kind():
        for item in items:
            found[f"{kind}[{item.id}]"] = {"cards": 0, "quiz": 0}
    for q in (bank or build_bank(pack)).questions:
        at = q.asked_at or (q.item_kind, q.item_id, ())
        counts = found[f"{at[0]}[{at[1]}]"]
        counts["cards"] += 1
        counts["quiz"] += q.kind in QUIZ_KINDS
    return found


def unasked_problem(validation: Validation) -> Optional[Problem]:
    """How many items of each kind yield no card at all, as one line at ``pack.yaml``: what
    ``quizgen explain`` would show item by item. ``None`` where every item yields one, or the
    pack has errors."""
    pack, bank = validation.pack, validation.bank
    if pack is None or bank is None:
        return None
    yields = _yields(pack, bank)
    parts = []
    for kind, items in pack.items_by_kind():
        none = sum(yields[f"{kind}[{item.id}]"]["cards"] == 0 for item in items
                   if not item.skip)  # an item its author turned off is not news
        if none:
            parts.append(f"{none} of {len(items)} {_PLURAL[kind]}")
    if not parts:
        return None
    folder = display_path(validation.directory)
    verb = "yields" if len(parts) == 1 and parts[0].startswith("1 of") else "yield"
    return Problem(display_path(validation.directory / PACK_FILE), 0, 0, "unasked",
                   f"{', '.join(parts)} {verb} no card: `quizgen stats {folder}` lists them, "
                   f"`quizgen explain {folder} ITEM` says which rule left out what",
                   level=Level.INFO)


_PLURAL = {"events": "events", "actors": "actors", "causes": "cause links",
           "disputes": "disputes"}


def _citations_per_source(pack: Pack) -> dict[str, int]:
    counts = {source.id: 0 for source in pack.info.sources}
    for item in (*pack.events, *pack.actors, *pack.causes, *pack.disputes):
        for _, citation in citations(item):
            counts[citation.source] = counts.get(citation.source, 0) + 1
    return counts
