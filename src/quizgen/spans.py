"""Dates as spans of days: what a date may mean, and how two of them relate.

A partial date (``2024``, ``2024-12``) means every day of its year or month; an approximate
date is widened. The bank groups events into periods by these spans, and the quizzes keep
dates apart that could mean the same day.
"""

from __future__ import annotations

import datetime

from .model import Event, PartialDate

# How far an approximate date may stray, in days, by the precision it is given to.
_APPROXIMATE_MARGIN = {"year": 366, "month": 62, "day": 7}


def event_span(event: Event) -> tuple[int, int]:
    """The days an event's date may mean; an approximate date stands for its whole year."""
    return date_span(period_date(event))


def date_span(date: PartialDate) -> tuple[int, int]:
    """The first and last day a date may mean, as ordinals (the quizzes compare them too)."""
    first = datetime.date(date.year, date.month or 1, date.day or 1)
    if date.day is not None:
        last = first
    elif date.month is not None:
        last = datetime.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        last -= datetime.timedelta(days=1)
    else:
        last = datetime.date(date.year, 12, 31)
    return first.toordinal(), last.toordinal()


def years_span(first: int, last: int) -> tuple[int, int]:
    """The days from the start of year ``first`` to the end of year ``last``, as ordinals."""
    return date_span(PartialDate(first))[0], date_span(PartialDate(last))[1]


def period_key(date: PartialDate) -> str:
    """A period as it stands in a question id: ``1962``, ``1962-10``, ``1962-10-27``.

    No event's own date card ends in ``:period``, so the id is never an event's.
    """
    parts = [f"{date.year:04d}", *(f"{part:02d}" for part in (date.month, date.day)
                                    if part is not None)]
    return "-".join(parts)


def period_date(event: Event) -> PartialDate:
    assert event.date is not None
    return PartialDate(event.date.year) if event.approximate else event.date


def narrow_first(entry: tuple[tuple[int, int], object]) -> tuple[int, int]:
    """Periods shortest first, then by start: a period's own question before its year's."""
    (start, end), _ = entry
    return (end - start, start)


def within(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def span(date: PartialDate, approximate: bool) -> tuple[int, int]:
    """The days a date may mean, as ordinals; an approximate date is widened."""
    first, last = date_span(date)
    margin = _APPROXIMATE_MARGIN[date.precision] if approximate else 0
    return first - margin, last + margin


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]
