"""What every learning-platform export shares: task ids, category names, stems, feedback,
accepted answers. The formats (:mod:`.moodle`, :mod:`.gift`, :mod:`.qti`) import this module;
:mod:`.lms` imports the formats: no module imports one that imports it."""

from __future__ import annotations

import hashlib
import html
from typing import Sequence

from ..i18n import label
from ..quiz import Chronology, Choice, Matching, Quiz, ShortAnswer, Task, TrueFalse


def task_id(quiz: Quiz, task: Task) -> str:
    """What names a task in every export: its question's id, or the items it matches or orders.

    Built from ids only, so a rebuild with edited wording keeps it, and a
    re-imported question is recognisable by it.
    """
    ids = list(dict.fromkeys(q.id for q in task.questions))
    if len(ids) == 1:
        return ids[0]
    items = "+".join(dict.fromkeys(q.item_id for q in task.questions))
    return f"{quiz.pack_id}:{task.type.value}:{items}"


def shortened(value: str, limit: int) -> str:
    """``value`` if it fits in ``limit`` characters, else its start and a hash of the whole."""
    if len(value) <= limit:
        return value
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]
    return f"{value[:limit - len(digest) - 1]}~{digest}"


def category_names(quiz: Quiz, quizzes: Sequence[Quiz]) -> list[str]:
    """A quiz's category: the pack's title, and inside it the variant's when there are several."""
    names = [quiz.title]
    if len(quizzes) > 1:
        names.append(label(quiz.language, "quiz.variant", variant=quiz.variant))
    return names


def text(value: str) -> str:
    """Content as HTML text: markup in it stays text."""
    return html.escape(value, quote=False)


def capfirst(value: str) -> str:
    """Options and matched items start with a capital, as on the printed quiz."""
    return value[:1].upper() + value[1:]


def paragraphs(*values: str) -> str:
    return "".join(f"<p>{text(v)}</p>" for v in values if v)


def stem_html(quiz: Quiz, task: Task) -> str:
    """What the task says before its answers, as HTML: the printed quiz's words."""
    if isinstance(task, Choice):
        return paragraphs(task.context, task.prompt)
    if isinstance(task, TrueFalse):
        return paragraphs(task.statement)
    if isinstance(task, Matching):
        return paragraphs(task.prompt)
    if isinstance(task, Chronology):
        return paragraphs(label(quiz.language, "lms.chronology"))
    if isinstance(task, ShortAnswer):
        return paragraphs(task.context) if task.is_cloze else paragraphs(task.prompt)
    raise TypeError(f"no export for {type(task).__name__}")


def accepted_answers(task: ShortAnswer) -> list[str]:
    """The answer and every other name to mark right, once each."""
    return list(dict.fromkeys([task.answer, *task.accepted]))


def events_in_order(task: Chronology) -> list[str]:
    return [task.events[i] for i in task.order]


def feedback_html(quiz: Quiz, task: Task) -> str:
    """The key's notes on a task: each answer, why, and the source's words."""
    parts = []
    for note in task.notes:
        # Only a verdict means the same on screen: letters and numbers are the paper's.
        said = [f"<b>{text(note.mark)}.</b>"] if isinstance(task, TrueFalse) else []
        said += [text(capfirst(note.answer))] if note.answer else []
        if said:
            parts.append(f"<p>{' '.join(said)}</p>")
        if note.explanation:
            parts.append(paragraphs(note.explanation))
        for ref in note.sources:
            quote = label(quiz.language, "quiz.quote", text=ref.quote)
            parts.append(f"<p>{text(label(quiz.language, 'label.source'))}: "
                         f"<cite>{text(ref.title)}</cite>. {text(quote)}</p>")
    return "".join(parts)
