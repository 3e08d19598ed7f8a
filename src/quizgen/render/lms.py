"""Quizzes as question banks for learning platforms: Moodle XML, GIFT and QTI 2.1.

The same quizzes as the printed ones (:func:`quizgen.quiz.compose_quizzes` of the
same request: settings, seed and variants), each rendered by its format's module:
:mod:`.moodle`, :mod:`.gift`, :mod:`.qti`. This module resolves which formats were asked for
(``--export`` over pack.yaml's ``quiz.export``), names the files and holds what
the formats share: a task's identity, its text as HTML and its feedback.
"""

from __future__ import annotations

import hashlib
import html
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

from ..i18n import label
from ..model import EXPORT_FORMATS, ExportFormat, QuizSettings
from ..problems import UsageError
from ..quiz import Chronology, Choice, Matching, Quiz, ShortAnswer, Task, TrueFalse
from ..write import Output

if TYPE_CHECKING:
    from ..question import QuestionBank
    from ..quiz import QuizRequest

FILE_SUFFIXES: dict[ExportFormat, str] = {
    "moodle": "moodle.xml", "gift": "gift.txt", "qti": "qti.zip"}
_DESCRIPTIONS: dict[ExportFormat, str] = {
    "moodle": "Moodle XML question bank", "gift": "GIFT question bank",
    "qti": "QTI 2.1 content package of items and tests"}


def export_formats(settings: QuizSettings, asked: Optional[Sequence[str]]
                   ) -> tuple[ExportFormat, ...]:
    """The command line's ``--export`` (``asked``), else pack.yaml's ``quiz.export``; in order."""
    chosen = tuple(settings.export or ()) if asked is None else tuple(asked)
    unknown = sorted(set(chosen) - set(EXPORT_FORMATS))
    if unknown:
        raise UsageError(f"unknown export format '{unknown[0]}'; expected one of "
                         f"{', '.join(EXPORT_FORMATS)}")
    return tuple(f for f in EXPORT_FORMATS if f in chosen)


def render_exports(bank: QuestionBank, out: Path, request: QuizRequest,
                   formats: Sequence[ExportFormat],
                   quizzes: Optional[Sequence[Quiz]] = None) -> list[Output]:
    """The question banks in ``formats`` of the quizzes ``request`` composes: the printed ones
    (``quizzes``, where the caller has them)."""
    from ..quiz import compose_quizzes

    if not formats:
        return []
    quizzes = quizzes if quizzes is not None else compose_quizzes(bank, request)
    outputs = []
    for fmt in formats:
        data, count = _render(fmt, quizzes)
        outputs.append(Output(out / f"{bank.pack_id}-quiz.{FILE_SUFFIXES[fmt]}", data,
                              f"{_DESCRIPTIONS[fmt]}: {count} question(s) from "
                              f"{_variants(quizzes)}{_left_out(fmt, quizzes)}"))
    return outputs


def _render(fmt: ExportFormat, quizzes: Sequence[Quiz]) -> tuple[bytes, int]:
    """The file of one format and how many questions it holds."""
    if fmt == "moodle":
        from .moodle import render_moodle_xml

        return render_moodle_xml(quizzes)
    if fmt == "gift":
        from .gift import render_gift

        return render_gift(quizzes)
    from .qti import render_qti_package

    return render_qti_package(quizzes)


def _variants(quizzes: Sequence[Quiz]) -> str:
    if len(quizzes) == 1:
        return "the quiz"
    return f"variants {', '.join(q.variant for q in quizzes)}"


def _left_out(fmt: ExportFormat, quizzes: Sequence[Quiz]) -> str:
    """What a format cannot hold, counted by reason."""
    if fmt != "gift":
        return ""
    from .gift import left_out

    reasons = Counter(r for quiz in quizzes for t in quiz.tasks if (r := left_out(t)))
    return "".join(f"; {count} {reason} left out" for reason, count in sorted(reasons.items()))


# --- what every format shares -----------------------------------------------------

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
