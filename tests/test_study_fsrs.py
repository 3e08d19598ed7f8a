"""The study page's scheduler against py-fsrs, the maintained Python implementation of FSRS.

Ten thousand random review sequences — random grades, delays from seconds to a year, now and
then a review exactly when the card falls due, random desired retention — go through
py-fsrs (fuzz off, its default parameters and learning steps) and through the page's
scheduler in node. After every review both must hold the same card: the same state, step,
due time and last review, to the millisecond, and the same stability and difficulty.

Stability and difficulty are compared to 12 significant digits, not to the last bit: the
formulas raise numbers to powers, and V8's Math.pow and the C library's pow (Python's
``**``) differ in the last bit for about one argument in ten. Across these sequences the
difference stays below 10⁻¹⁴ of the value.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

import fsrs
import pytest

from study_node import run_core

SEQUENCES = 10_000
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
MS = datetime.timedelta(milliseconds=1)


def ms(moment: datetime.datetime) -> int:
    return (moment - EPOCH) // MS


def next_delay(chance: random.Random, card: Any, now: datetime.datetime) -> datetime.timedelta:
    """A wait before the next review: inside the learning steps, hours, days, or on the due time."""
    kind = chance.random()
    if kind < 0.15:
        return max(card.due - now, datetime.timedelta(0))
    if kind < 0.45:
        return datetime.timedelta(seconds=chance.randint(0, 20 * 60), milliseconds=chance.randint(0, 999))
    if kind < 0.65:
        return datetime.timedelta(hours=chance.uniform(1, 48))
    return datetime.timedelta(days=chance.randint(0, 400), seconds=chance.randint(0, 86_399))


def card_view(card: Any) -> dict[str, Any]:
    return {"state": int(card.state), "step": card.step, "stability": card.stability,
            "difficulty": card.difficulty, "due": ms(card.due), "last": ms(card.last_review)}


def sequences(seed: int) -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
    """The random sequences, and py-fsrs's card after every review of each."""
    chance = random.Random(seed)
    requests, expected = [], []
    for _ in range(SEQUENCES):
        retention = chance.choice([0.9, round(chance.uniform(0.7, 0.99), 2)])
        scheduler = fsrs.Scheduler(desired_retention=retention, enable_fuzzing=False)
        now = EPOCH + datetime.timedelta(days=chance.randint(18_000, 22_000),
                                         seconds=chance.randint(0, 86_399))
        card = fsrs.Card(card_id=1, due=now)
        reviews, seen = [], []
        for _ in range(chance.randint(1, 16)):
            rating = chance.choices([1, 2, 3, 4], weights=[2, 1, 5, 1])[0]
            now = now.replace(microsecond=now.microsecond // 1000 * 1000)
            card, _ = scheduler.review_card(card, fsrs.Rating(rating), now)
            reviews.append([rating, ms(now)])
            seen.append(card_view(card))
            now += next_delay(chance, card, now)
        requests.append({"retention": retention, "reviews": reviews})
        expected.append(seen)
    return requests, expected


def test_the_page_schedules_every_review_as_py_fsrs_does() -> None:
    requests, expected = sequences(seed=20260302)
    got = run_core({"sequences": requests})
    reviews = sum(len(s) for s in expected)
    assert reviews > 5 * SEQUENCES
    states = {view["state"] for seen in expected for view in seen}
    assert states == {1, 2, 3}  # learning, review and relearning all reached
    assert len(got) == len(expected)
    for number, (mine, theirs) in enumerate(zip(got, expected)):
        assert [exact(card) for card in mine] == [exact(card) for card in theirs], (
            number, requests[number])
        for page_card, fsrs_card in zip(mine, theirs):
            for key in ("stability", "difficulty"):
                assert page_card[key] == pytest.approx(fsrs_card[key], rel=1e-12, abs=0), (
                    number, key, requests[number])


def exact(card: dict[str, Any]) -> tuple[Any, ...]:
    """What must be the same to the bit: the state, the step and the times."""
    return card["state"], card["step"], card["due"], card["last"]
