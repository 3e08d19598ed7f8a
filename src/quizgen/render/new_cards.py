"""The order in which Anki introduces a deck's new cards: study order, with the cards of one
fact kept apart.

A card and its reverse (a date and what happened then, an actor and its role), or two cards
that show each other's answers (the positions of one dispute, the effects of one cause), are
cards of one fact. Met on the same day, the second is answered from the first rather than from
memory. Anki's default preset introduces 20 new cards a day, gathered subdeck by subdeck, each
in ascending position; the pack's own preset gathers them all in ascending position. The
cards are spaced inside each subdeck, and the subdecks merged by study order, so that they
stay spaced in both.

Everything here follows from the questions' ids and study order: same bank, same order.
"""

from __future__ import annotations

import heapq
from collections import Counter
from typing import Callable, Optional, Sequence

from ..question import Question, QuestionKind

# Anki's default preset introduces 20 new cards a day: the cards of one fact this far apart
# are met on different days, not while one's answer is still in view as the other's prompt.
NEW_CARDS_A_DAY = 20
# The order aims two places further: where the cards of many facts crowd, the order it finds
# may fall a place or two short of its aim, and still keeps them a day apart.
SIBLING_SPACING = NEW_CARDS_A_DAY + 2
# Question kinds whose answers are items of the kind the question is about (what happened in
# a period: events; a cause's effects: cause links): the question is about them too.
_ANSWERS_OF_OWN_KIND = frozenset({QuestionKind.DATE_EVENT, QuestionKind.CAUSE_EFFECT,
                                  QuestionKind.EFFECT_CAUSE})


def new_card_order(questions: Sequence[Question]) -> list[Question]:
    """``questions`` (in study order) in the order Anki is to introduce their cards: each
    subdeck's spaced by :func:`_spaced`, the subdecks merged by study order."""
    study_rank = {question.id: rank for rank, question in enumerate(questions)}
    subdecks: dict[str, list[Question]] = {}
    for question in questions:
        subdecks.setdefault(question.item_kind, []).append(question)
    spaced = [_spaced(subdeck) for _, subdeck in sorted(subdecks.items())]
    return list(heapq.merge(*spaced, key=lambda question: study_rank[question.id]))


def _facts_of(question: Question) -> frozenset[str]:
    """The items a question is about, of the kind of its subdeck: two questions that share
    one are cards of one fact."""
    if question.kind in _ANSWERS_OF_OWN_KIND:
        return frozenset((question.item_id, *question.facts.answer_ids))
    return frozenset((question.item_id,))


def _fact_spacing(cards: int, of_fact: int) -> int:
    """How far apart the cards of a fact are kept in a subdeck of ``cards`` cards, of which
    ``of_fact`` are the fact's: :data:`SIBLING_SPACING`, or, in a subdeck too short for that,
    the fact's share of it (its cards dealt evenly over the subdeck, as every fact's are)."""
    return max(1, min(SIBLING_SPACING, cards // of_fact))


def _spaced(questions: list[Question]) -> list[Question]:
    """One subdeck's questions in the order of their cards.

    Kept apart in study order alone, the cards of the last facts would crowd at the end, with
    nothing left to put between them. So the order is made twice: first from the end, each
    place taking the latest card in study order that keeps apart from those after it, which
    gives each card the latest place it can have; then from the start, each place taking a
    card whose latest place has come, or else the first card in study order that keeps apart
    from those before it.
    """
    facts = [_facts_of(question) for question in questions]
    counts = Counter(fact for item in facts for fact in item)
    size = len(questions)
    spacing = {fact: _fact_spacing(size, count) for fact, count in counts.items()}
    backwards = _placed(facts[::-1], spacing, [size] * size)  # no card due before the end
    latest = [0] * size
    for place, card in enumerate(backwards):
        latest[size - 1 - card] = size - 1 - place
    return [questions[card] for card in _placed(facts, spacing, latest)]


def _placed(facts: list[frozenset[str]], spacing: dict[str, int],
            latest: list[int]) -> list[int]:
    """The cards (by index, the order of preference) in the order they are placed: at each
    place, the card whose ``latest`` place has come (the earliest first), or else the first
    card whose facts were placed far enough back, or else the one that has waited longest.
    Heaps keep each choice cheap; an entry that has gone stale is put back as it now is."""
    free_from: dict[str, int] = {}

    def release(card: int) -> int:
        return max(free_from.get(fact, 0) for fact in facts[card])

    ready = list(range(len(facts)))  # a heap by preference
    waiting: list[tuple[int, int]] = []  # (release, card)
    due = sorted((place, card) for card, place in enumerate(latest))  # a heap by latest place
    done = [False] * len(facts)
    order: list[int] = []
    for here in range(len(facts)):
        card = _due(due, here, done, release)
        if card is None:
            card = _first_ready(ready, waiting, here, done, release)
        done[card] = True
        order.append(card)
        for fact in facts[card]:
            free_from[fact] = here + spacing[fact]
    return order


def _due(due: list[tuple[int, int]], here: int, done: list[bool],
         release: Callable[[int], int]) -> Optional[int]:
    """The free card of the earliest latest place that has come, taken off ``due``."""
    held: list[tuple[int, int]] = []
    found = None
    while due and due[0][0] <= here:
        entry = heapq.heappop(due)
        if done[entry[1]]:
            continue
        if release(entry[1]) > here:
            held.append(entry)
        else:
            found = entry[1]
            break
    for entry in held:
        heapq.heappush(due, entry)
    return found


def _first_ready(ready: list[int], waiting: list[tuple[int, int]], here: int, done: list[bool],
                 release: Callable[[int], int]) -> int:
    """The first card by preference that is free at ``here``, or else the one free soonest.

    A card in ``ready`` whose fact was placed since is moved to ``waiting`` by its release;
    ``waiting`` gives back the cards whose release has come.
    """
    while waiting and waiting[0][0] <= here:
        _, card = heapq.heappop(waiting)
        if not done[card]:
            heapq.heappush(ready, card)
    while ready:
        card = heapq.heappop(ready)
        if done[card]:
            continue
        free = release(card)
        if free <= here:
            return card
        heapq.heappush(waiting, (free, card))
    while True:
        free, card = heapq.heappop(waiting)
        if done[card]:
            continue
        if release(card) == free:
            return card
        heapq.heappush(waiting, (release(card), card))
