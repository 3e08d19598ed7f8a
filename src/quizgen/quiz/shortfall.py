"""Why a quiz holds fewer tasks of a type than asked, in the pack's terms.

A message says what each task of the type needs from the pack, how much of it the pack
has, how much the other tasks left, and what the author could add: words of content
(events, dates, actors, disputes, sources), never the composer's own.
"""

from __future__ import annotations

from typing import Iterable

from ..model import QuestionType
from .pool import Dated, Pool, facts_of

T = QuestionType

# Each type, one task and several, as the message counts tasks.
_TASKS = {T.MULTIPLE_CHOICE: ("multiple-choice question", "multiple-choice questions"),
          T.TRUE_FALSE: ("true-or-false statement", "true-or-false statements"),
          T.MATCHING: ("matching", "matchings"), T.CHRONOLOGY: ("chronology", "chronologies"),
          T.SHORT_ANSWER: ("short answer", "short answers"),
          T.ATTRIBUTION: ("source question", "source questions")}


def explain_shortfall(pool: Pool, kind: QuestionType, planned: int, made: int,
                      used: frozenset[str], cueing: int = 0, alike: bool = False) -> str:
    """Why ``made`` of the ``planned`` tasks of ``kind`` were all the pack gave, where the
    quiz's tasks ask the facts ``used``; ``cueing``: candidates left out because they gave
    away another task's answer; ``alike``: multiple choice gave up on answers much alike."""
    from .compose import CHRONOLOGY_SIZES, MATCHING_SIZES  # compose imports this module

    missing = planned - made
    one, many = _TASKS[kind]
    head = f"1 {one} needs" if planned == 1 else f"{planned} {many} need"
    if kind is T.CHRONOLOGY:
        size = CHRONOLOGY_SIZES[0]
        dated = pool.events_dated_by_sources
        has, left = _apart(dated), _apart(e for e in dated if _free(e, used))
        line = (f"{head} {planned * size} events the sources date apart; the pack has "
                f"{has}, {left} left unasked: "
                + _add(missing * size - left, "date {} more events", "ask fewer dates"))
    elif kind is T.MATCHING:
        size = MATCHING_SIZES[0]
        kinds = pool.named_roles_by_kind.values()
        actors = max((len(a) for a in kinds), default=0)
        actors_left = max((sum(1 for q in a if not facts_of(q) & used) for a in kinds),
                          default=0)
        dated = pool.events_dated_by_sources
        line = (f"{head} {size} actors of one kind and grammatical form (number, and "
                f"in Russian gender) with a role, or {size} events the sources date apart, "
                f"each; the pack has {actors} actors of its largest such kind "
                f"and {_apart(dated)} such events, {actors_left} and "
                f"{_apart(e for e in dated if _free(e, used))} left unasked: "
                "add actors with roles, or date more events")
    elif kind is T.TRUE_FALSE:
        left = sum(1 for q in pool.statements if not facts_of(q) & used)
        have = len(pool.statements)
        line = (f"{head} {_plural(planned, 'event')} the sources date to the day, month or year, "
                f"with no year, season or month in their title; the pack has "
                f"{have}, {left} left unasked: " + (
                    "the quiz's other tasks ask the dates of the rest; ask fewer of them "
                    "(--type-count), or date more events" if have >= planned
                    else _add(missing - left, "date {} more events", "ask fewer dates")))
    elif kind is T.SHORT_ANSWER:
        found = pool.short_answer_candidates
        left = sum(1 for q in found if not facts_of(q) & used)
        line = (f"{head} names or dates the sentence around them does not give away; the "
                f"pack has {len(found)}, {left} left unasked: add actors with "
                "roles that do not name them, or events whose summary names an actor or a date")
    elif kind is T.ATTRIBUTION:
        if len(pool.sources) < 2:
            line = (f"{head} disputes that two sources take sides in; the pack has one "
                    "source: add a second source and its positions")
        else:
            disputes = len({q.item_id for q in pool.attributions})
            line = (f"{head} {_plural(planned, 'dispute')} that two sources take sides in (a quiz "
                    f"asks one claim of each); the pack has {disputes}: add disputes, or "
                    "positions of the other source to those that have one")
    else:
        found = [q for kind_ in pool.choice_candidates.values() for q in kind_]
        left = sum(1 for q in found if not facts_of(q) & used)
        line = (f"{head} answers with three others of their kind that are wrong; the "
                f"pack has {len(found)} questions, {left} left unasked: add "
                "events, actors or causes like the ones asked")
        if alike:
            line += " (its answers are much alike)"
    if cueing:
        line += f"; {cueing} more would have given away another task's answer"
    return line


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _free(event: Dated, used: frozenset[str]) -> bool:
    return not facts_of(event.question) & used


def _apart(events: Iterable[Dated]) -> int:
    """How many of ``events`` can stand in one order: the most whose dates never clash."""
    count, end = 0, None
    for event in sorted(events, key=lambda e: e.span[1]):
        if end is None or event.span[0] > end:
            count, end = count + 1, event.span[1]
    return count


def _add(lacking: int, more: str, fewer: str) -> str:
    """What to do: add what is lacking (``more`` says "{} more events"), or ask for less
    of what uses it up."""
    if lacking <= 0:
        return (f"those left give away other tasks' answers; {more.format('a few')}, "
                f"or {fewer}")
    what = more.format(lacking)
    return f"{what[:-1] if lacking == 1 else what}, or {fewer}"
