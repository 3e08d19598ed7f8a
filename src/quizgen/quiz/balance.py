"""Where the right option stands on a sheet: never guessable from its place or its length.

Across one variant the right options of its choices are spread evenly over the
letters (four multiple-choice tasks: one right answer under each letter), and the
right option is the shortest, or the longest, of its task no more often than chance
would make it (:func:`length_fair`).
"""

from __future__ import annotations

import dataclasses
import math
import random
from typing import Sequence

from .types import Choice, Task


def extreme(task: Choice) -> str:
    """``"shortest"`` or ``"longest"`` where the right option alone is, else ``""``."""
    lengths = [len(option) for option in task.options]
    right = lengths[task.answer]
    if lengths.count(right) > 1:
        return ""
    if right == min(lengths):
        return "shortest"
    return "longest" if right == max(lengths) else ""


def length_fair(task: Task, chosen: Sequence[Task]) -> bool:
    """Whether ``task`` may join ``chosen``: with it, the right option of the sheet's choices
    of its type is the shortest (or the longest) in no more than one task in as many as
    it has options, as options drawn at random would be."""
    kind = extreme(task) if isinstance(task, Choice) else ""
    if not kind or not isinstance(task, Choice):
        return True
    peers = [t for t in chosen if isinstance(t, Choice) and t.type is task.type]
    already = sum(1 for t in peers if extreme(t) == kind)
    return already + 1 <= math.ceil((len(peers) + 1) / len(task.options))


def balance_answers(tasks: Sequence[Task], rng: random.Random, letters: str,
                    places: int) -> list[Task]:
    """``tasks`` with each choice's right option moved so that, across them, it stands as
    often at each of the first ``places`` letters (up to one more at some); the wrong
    options keep their order. A choice whose right option stands past ``places`` (a
    fixed "both" or "neither") is left as it is."""
    movable = [i for i, t in enumerate(tasks) if isinstance(t, Choice) and t.answer < places]
    slots = [n % places for n in range(len(movable))]
    rng.shuffle(slots)
    balanced = list(tasks)
    for index, slot in zip(movable, slots):
        task = tasks[index]
        assert isinstance(task, Choice)
        balanced[index] = _moved(task, slot, letters, places)
    return balanced


def _moved(task: Choice, slot: int, letters: str, places: int) -> Choice:
    right = task.options[task.answer]
    others = [o for i, o in enumerate(task.options[:places]) if i != task.answer]
    options = (*others[:slot], right, *others[slot:], *task.options[places:])
    mark = letters[slot]
    notes = tuple(dataclasses.replace(note, mark=mark) if note.mark == task.key else note
                  for note in task.notes)
    return dataclasses.replace(task, options=options, answer=slot, key=mark, notes=notes)
