"""The study page's pure logic in node, without a browser: the study day, the move of SM-2
progress to FSRS, the review log, progress files. The scheduler itself is proven against
py-fsrs in ``test_study_fsrs.py``, the marking in ``test_answers.py``."""

from __future__ import annotations

import datetime
import json
import random
import zoneinfo
from typing import Any

import pytest

from study_node import call, run_core

DAY = 86_400_000
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def study_day(ms: int, zone: zoneinfo.ZoneInfo) -> int:
    local = datetime.datetime.fromtimestamp(ms / 1000, zone)
    return (local.date() - datetime.date(1970, 1, 1)).days - (local.hour < 4)


@pytest.mark.parametrize("zone", ["UTC", "Asia/Baku", "America/New_York", "Australia/Lord_Howe"])
def test_a_review_counts_as_many_whole_days_as_study_days_passed(zone: str) -> None:
    tz = zoneinfo.ZoneInfo(zone)
    chance = random.Random(zone)
    pairs = []
    for _ in range(3000):
        last = chance.randint(1_700_000_000_000, 1_800_000_000_000)
        pairs.append((last + chance.choice([chance.randint(0, 3 * 3_600_000),
                                            chance.randint(0, 400 * DAY)]), last))
    got = run_core({"calls": [c for now, last in pairs
                              for c in (["reviewTime", now, last], ["dayOf", now])]}, zone)
    for (now, last), at, today in zip(pairs, got[::2], got[1::2]):
        assert today == study_day(now, tz)
        assert last <= at and now <= at and study_day(at, tz) == today, (now, last, at)
        same_offset = (datetime.datetime.fromtimestamp(now / 1000, tz).utcoffset()
                       == datetime.datetime.fromtimestamp(last / 1000, tz).utcoffset())
        if same_offset:  # across a clock change the hour of the last review moves by the change
            assert (at - last) // DAY == today - study_day(last, tz), (now, last, at)


def sm2_progress(today: int) -> dict[str, Any]:
    return {"v": 1, "day": today, "fresh": 4, "limit": 15, "drill": ["failed"], "cards": {
        "on-time": {"ef": 2.5, "n": 2, "iv": 6, "due": today, "last": today - 6},
        "hard": {"ef": 2.36, "n": 3, "iv": 15, "due": today + 2, "last": today - 13},
        "long": {"ef": 2.8, "n": 6, "iv": 41, "due": today + 30, "last": today - 11},
        "failed": {"ef": 1.7, "n": 0, "iv": 1, "due": today + 1, "last": today},
        "damaged": {"ef": "2.5", "n": 1, "iv": 1, "due": today, "last": today - 1}}}


def test_sm2_progress_moves_to_fsrs_keeping_every_card_and_its_due_day() -> None:
    today = 20_500
    old = sm2_progress(today)
    read = call("readProgress", old, "pack", today, 20)
    progress = read["progress"]
    assert (read["damaged"], read["migrated"]) == (True, 4)  # the damaged card is named so
    assert {k: progress[k] for k in ("v", "pack", "day", "fresh", "limit", "retention")} == {
        "v": 2, "pack": "pack", "day": today, "fresh": 4, "limit": 15, "retention": 0.9}
    assert sorted(progress["cards"]) == ["failed", "hard", "long", "on-time"]
    days = run_core({"calls": [["dayOf", card["due"]] for card in progress["cards"].values()]})
    due = dict(zip(progress["cards"], days))
    assert due == {"on-time": today, "hard": today + 2, "long": today + 30, "failed": today}
    states = {qid: (card["state"], card["stability"]) for qid, card in progress["cards"].items()}
    assert states == {"on-time": (2, 6), "hard": (2, 15), "long": (2, 41), "failed": (3, 1)}


@pytest.mark.parametrize(("qid", "interval"), [("on-time", 15), ("hard", 35), ("long", 115)])
def test_a_moved_card_reviewed_good_on_time_grows_by_its_e_factor(qid: str, interval: int) -> None:
    """As SM-2 would have: 6 · 2.5 = 15, 15 · 2.36 = 35.4, 41 · 2.8 = 114.8 days."""
    today = 20_500
    card = call("readProgress", sm2_progress(today), "pack", today, 20)["progress"]["cards"][qid]
    due_hour = card["due"] + 5 * 3_600_000
    after = call("review", 0.9, card, 3, due_hour)
    assert round((after["due"] - due_hour) / DAY) == interval


def test_the_review_log_replays_to_the_card_it_left() -> None:
    today = 20_500
    moved = call("readProgress", sm2_progress(today), "pack", today, 20)["progress"]["cards"]["hard"]
    chance = random.Random(3)
    for start in (None, moved):
        card, log, now = start, [], (start or {"due": 1_771_000_000_000})["due"]
        for _ in range(30):
            rating = chance.randint(1, 4)
            card = call("review", 0.9, card, rating, now)
            log.append([rating, now, now])
            now += chance.choice([60_000, 3_600_000, 3 * DAY, 20 * DAY])
        record = {**card, "log": log, **({"from": start} if start else {})}
        assert call("replay", 0.9, record) == card


def progress_file(**change: Any) -> str:
    card = {"state": 2, "step": None, "stability": 3.0, "difficulty": 5.0, "due": 5 * DAY,
            "last": 2 * DAY, "log": [[3, 2 * DAY, 2 * DAY]]}
    return json.dumps({"format": "quizgen-study-progress", "saved": "2026-03-02T09:00:00.000Z",
                       "v": 2, "pack": "pack", "day": 3, "fresh": 7, "limit": 30,
                       "retention": 0.85, "cards": {"a": card, "b": {**card, "log": "?"}},
                       **change})


@pytest.mark.parametrize(("text", "error"), [
    (progress_file(pack="other"), {"error": "other-pack", "pack": "other", "own": "pack"}),
    (progress_file(v=3), {"error": "newer", "version": 3, "supported": 2}),
    (progress_file(format="something-else"), {"error": "not-progress"}),
    (progress_file(v="2"), {"error": "not-progress"}),
    ("[1, 2]", {"error": "not-progress"}),
    ("{\"format\": ", {"error": "not-progress"}),
], ids=["other-pack", "newer", "other-format", "version-not-a-number", "a-list", "not-json"])
def test_a_file_that_is_not_this_packs_progress_is_refused_with_the_reason(
        text: str, error: dict[str, Any]) -> None:
    assert call("readProgressFile", text, "pack", 3, 20) == error


def test_a_progress_file_joins_the_kept_progress_card_by_card() -> None:
    read = call("readProgressFile", progress_file(), "pack", 3, 20)
    assert read["skipped"] == 1 and sorted(read["progress"]["cards"]) == ["a"]
    loaded = read["progress"]
    older = {**loaded["cards"]["a"], "last": DAY, "due": 2 * DAY}
    newer = {**loaded["cards"]["a"], "last": 4 * DAY, "due": 9 * DAY}
    kept = {"v": 2, "pack": "pack", "day": 3, "fresh": 9, "limit": 20, "retention": 0.9,
            "cards": {"a": older, "c": older}}
    merged = call("mergeProgress", kept, loaded)
    assert merged["cards"] == {"a": loaded["cards"]["a"], "c": older}
    assert (merged["limit"], merged["retention"], merged["fresh"]) == (30, 0.85, 9)
    assert call("mergeProgress", {**kept, "cards": {"a": newer}}, loaded)["cards"] == {"a": newer}
