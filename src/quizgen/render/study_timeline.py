"""The study page's timeline: the pack's dated events as an SVG drawn at build time.

Time runs down the page, so that a phone and a desktop read it the same way. Events
less than :data:`CROWD_DAYS` apart form one group on the axis, with a bracket and a
count, and their labels stack beside it; the gap between groups grows with the time
between them, up to a cap, so that a lone early event does not push the rest off
the screen. Each date is shown at its precision (a year, a month, a day);
approximate dates are drawn hollow and dashed, and worded so (``около``, ``about``).
Each label links to the event's card on the page (``#event-<id>``). Every text is
escaped here: the SVG is markup made from content.
"""

from __future__ import annotations

import datetime
import textwrap
from dataclasses import dataclass
from html import escape
from typing import Optional

from ..i18n import format_date, label
from ..model import DateSource, Event, Language, Pack, PartialDate

WIDTH = 360
AXIS_X = 54
LABEL_X = 70
TOP = 16
WRAP = 33  # characters of a title line at the label's size in WIDTH
DATE_LINE = 15
TITLE_LINE = 17
LABEL_GAP = 10
CROWD_DAYS = 31
# Space between groups: a little for each month between them, within these bounds.
MIN_GAP, MAX_GAP, GAP_PER_MONTH = 10, 56, 4


@dataclass(frozen=True)
class _Placed:
    event: Event
    when: str
    start: int  # ordinal day the date begins


def timeline_svg(pack: Pack, language: Language) -> str:
    """The SVG element, or ``""`` when no event has a date."""

    placed = sorted((_Placed(e, event_when(e, language), _start(e.date))
                     for e in pack.events if e.date is not None),
                    key=lambda p: (p.start, p.event.id))
    if not placed:
        return ""
    groups = _groups(placed)
    parts: list[str] = []
    y = TOP
    year: Optional[int] = None
    previous_end: Optional[int] = None
    for group in groups:
        if previous_end is not None:
            months = (group[0].start - previous_end) / 30.4
            y += int(min(MAX_GAP, max(MIN_GAP, months * GAP_PER_MONTH)))
        first_year = datetime.date.fromordinal(group[0].start).year
        if first_year != year:
            year = first_year
            parts.append(f'<text class="tl-year" x="{AXIS_X - 10}" y="{y + 12}" '
                         f'text-anchor="end">{year}</text>')
        top = y
        for item in group:
            y = _label(parts, item, y)
        parts.append(_marker(group, top, y - LABEL_GAP))
        previous_end = group[-1].start
    height = y + TOP
    axis = f'<line class="tl-axis" x1="{AXIS_X}" y1="4" x2="{AXIS_X}" y2="{height - 4}"/>'
    title = escape(pack.info.title)
    return (f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" role="group" '
            f'aria-label="{title}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
            f'height="{height}">{axis}{"".join(parts)}</svg>')


def _start(date: PartialDate) -> int:
    return datetime.date(date.year, date.month or 1, date.day or 1).toordinal()


def _groups(placed: list[_Placed]) -> list[list[_Placed]]:
    """Runs of events each less than :data:`CROWD_DAYS` after the one before."""
    groups: list[list[_Placed]] = []
    for item in placed:
        if groups and item.start - groups[-1][-1].start < CROWD_DAYS:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _label(parts: list[str], item: _Placed, y: int) -> int:
    """One event's date and wrapped title, as a link; returns where the next label starts."""
    lines = textwrap.wrap(item.event.title, WRAP) or [item.event.title]
    height = DATE_LINE + TITLE_LINE * len(lines)
    approx = " approx" if item.event.approximate else ""
    texts = [f'<text class="tl-date{approx}" x="{LABEL_X}" y="{y + 11}">{escape(item.when)}</text>']
    texts += [f'<text class="tl-title" x="{LABEL_X}" y="{y + DATE_LINE + 12 + i * TITLE_LINE}">'
              f'{escape(line)}</text>' for i, line in enumerate(lines)]
    parts.append(
        f'<a class="tl-event" href="#event-{escape(item.event.id)}" '
        f'data-event="{escape(item.event.id)}">'
        f'<rect class="tl-hit" x="{LABEL_X - 6}" y="{y}" width="{WIDTH - LABEL_X + 4}" '
        f'height="{height}" rx="4"/>{"".join(texts)}</a>')
    return y + height + LABEL_GAP


def _marker(group: list[_Placed], top: int, bottom: int) -> str:
    """A dot on the axis for a lone event; a bracket with a count for a group."""
    approx = all(item.event.approximate for item in group)
    kind = "tl-dot approx" if approx else "tl-dot"
    if len(group) == 1:
        return f'<circle class="{kind}" cx="{AXIS_X}" cy="{top + 8}" r="5"/>'
    middle = (top + bottom) // 2
    return (f'<path class="tl-bracket" d="M{AXIS_X + 10} {top + 4}H{AXIS_X + 4}'
            f'V{bottom}H{AXIS_X + 10}"/>'
            f'<circle class="tl-group" cx="{AXIS_X}" cy="{middle}" r="9"/>'
            f'<text class="tl-count" x="{AXIS_X}" y="{middle + 4}" '
            f'text-anchor="middle">{len(group)}</text>')


def event_when(event: Event, language: Language) -> str:
    """An event's date at its precision, marked approximate or from outside the sources."""
    if event.date is None:
        return ""
    when = format_date(event.date, language, event.approximate)
    if event.date_source is DateSource.OUTSIDE:
        when = f"{when} {label(language, 'label.outside-date')}"
    return when
