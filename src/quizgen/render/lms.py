"""Quizzes as question banks for learning platforms: Moodle XML, GIFT and QTI 2.1.

The same quizzes as the printed ones (:func:`quizgen.quiz.compose_quizzes` of the
same request: settings, seed and variants), each rendered by its format's module:
:mod:`.moodle`, :mod:`.gift`, :mod:`.qti`. This module resolves which formats were asked for
(``--export`` over pack.yaml's ``quiz.export``), names the files and holds what
the formats share: a task's identity, its text as HTML and its feedback.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

from ..model import EXPORT_FORMATS, ExportFormat, QuizSettings
from ..problems import UsageError
from ..quiz import Quiz
from ..write import Output
from .gift import left_out, render_gift
from .moodle import render_moodle_xml
from .qti import render_qti_package

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
        return render_moodle_xml(quizzes)
    if fmt == "gift":
        return render_gift(quizzes)
    return render_qti_package(quizzes)


def _variants(quizzes: Sequence[Quiz]) -> str:
    if len(quizzes) == 1:
        return "the quiz"
    return f"variants {', '.join(q.variant for q in quizzes)}"


def _left_out(fmt: ExportFormat, quizzes: Sequence[Quiz]) -> str:
    """What a format cannot hold, counted by reason."""
    if fmt != "gift":
        return ""
    reasons = Counter(r for quiz in quizzes for t in quiz.tasks if (r := left_out(t)))
    return "".join(f"; {count} {reason} left out" for reason, count in sorted(reasons.items()))
