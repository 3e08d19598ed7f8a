"""GIFT: the plain-text question format Moodle (and other platforms) import.

GIFT has multiple choice, true or false, matching and short answer questions;
it has no ordering question, so chronology tasks are left to the Moodle XML and
QTI exports, as is a short answer that holds "->": GIFT would read it as a
matching pair, and a short answer is matched as typed, so it cannot be escaped.
Texts are HTML (``[html]``); GIFT's special characters (``~ = # { } :`` and the
backslash) are escaped with a backslash, and a line break as ``\\n``, so no
content can end a question or start an answer. A category line is read to its end
as it stands, escapes and all (by Moodle's importer and gift-pegjs alike), so the
pack's title has its line breaks folded there instead: nothing after them can start
a question or another ``$CATEGORY:``.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..quiz import Chronology, Choice, Matching, Quiz, ShortAnswer, Task, TrueFalse
from .inline import one_line
from .lms_common import (accepted_answers, capfirst, category_names, feedback_html, stem_html,
                  task_id, text)
from .moodle import category_path, wildcard_escaped

_SPECIAL = re.compile(r"[\\~=#{}:]")
# What separates the two sides of a matching pair.
_PAIR = "->"


def escape(value: str) -> str:
    """Text with every GIFT special character escaped."""
    escaped = _SPECIAL.sub(lambda m: "\\" + m.group(0), value)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def render_gift(quizzes: Sequence[Quiz]) -> tuple[bytes, int]:
    """All variants in one file, each after a category line; and how many questions."""
    blocks = []
    for quiz in quizzes:
        blocks.append(f"$CATEGORY: {one_line(category_path(category_names(quiz, quizzes)))}")
        for number, task in enumerate(quiz.tasks, start=1):
            if left_out(task) is None:
                blocks.append(question(quiz, number, task))
    count = sum(not b.startswith("$CATEGORY:") for b in blocks)
    return ("\n\n".join(blocks) + "\n").encode("utf-8"), count


def left_out(task: Task) -> str | None:
    """Why GIFT cannot hold a task, or ``None`` when it can."""
    if isinstance(task, Chronology):
        return "chronology (GIFT has no ordering question)"
    if isinstance(task, ShortAnswer) and any(_PAIR in a for a in accepted_answers(task)):
        return 'short answer with "->" (GIFT reads it as a matching pair)'
    return None


def question(quiz: Quiz, number: int, task: Task) -> str:
    """One question: its title, its text and its answers with the key's notes as feedback."""
    title = f"::{escape(f'{number:02d} {task_id(quiz, task)}')}::"
    general = f"####{escape(feedback_html(quiz, task))}"
    stem = escape(stem_html(quiz, task))
    if isinstance(task, ShortAnswer) and task.is_cloze:
        answers = " ".join(f"={_short(a)}" for a in accepted_answers(task))
        return (f"{title}[html]{stem}<p>{escape(text(task.before))}"
                f"{{{answers} {general}}}{escape(text(task.after))}</p>")
    return f"{title}[html]{stem}{{\n" + "\n".join([*_answers(task), general]) + "\n}"


def _answers(task: Task) -> list[str]:
    if isinstance(task, Choice):
        return [("=" if i == task.answer else "~") + escape(text(capfirst(option)))
                for i, option in enumerate(task.options)]
    if isinstance(task, TrueFalse):
        return ["TRUE" if task.true else "FALSE"]
    if isinstance(task, Matching):
        # HTML escapes ">", so no item holds the "->" that separates a pair.
        return [f"={escape(text(capfirst(item)))} -> {escape(text(capfirst(task.right[a])))}"
                for item, a in zip(task.left, task.answers)]
    if isinstance(task, ShortAnswer):
        return [f"={_short(a)}" for a in accepted_answers(task)]
    raise TypeError(f"no GIFT question for {type(task).__name__}")


def _short(answer: str) -> str:
    """A short answer is matched as typed: not HTML, with Moodle's wildcard escaped."""
    return escape(wildcard_escaped(answer))
