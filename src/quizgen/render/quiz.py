"""Printable quizzes: each variant as one self-contained HTML file, optionally also as PDF.

The quizzes themselves are composed in :mod:`quizgen.quiz`; this module only
resolves what was asked (pack.yaml's ``quiz:`` under the command line's
options), lays each quiz out with the jinja2 templates in ``quizgen/templates``
and names the files: ``<pack>-quiz.html``, or ``<pack>-quiz-A.html``, … when
there are several variants.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Optional

from ..i18n import LABELS, label
from ..model import QuestionType, QuizSettings
from ..problems import UsageError
from ..quiz import Quiz, QuizRequest, compose_quizzes
from ..write import Output

if TYPE_CHECKING:
    import jinja2

    from ..bank import QuestionBank

TEMPLATE = "quiz.html.j2"


def render_quizzes(bank: QuestionBank, request: QuizRequest, out: Path,
                   pdf: bool = False) -> list[Output]:
    """The quiz files of one pack in ``out``: HTML for each variant, and PDF too with ``pdf``."""
    quizzes = compose_quizzes(bank, request)
    pages = [render_quiz_html(quiz) for quiz in quizzes]
    outputs = [Output(out / quiz_filename(quiz, "html"), page, summary(quiz))
               for quiz, page in zip(quizzes, pages)]
    if pdf:
        from .pdf import print_pdfs

        for quiz, printed in zip(quizzes, print_pdfs(pages)):
            outputs.append(Output(out / quiz_filename(quiz, "pdf"), printed,
                                  f"{_name(quiz)} printed to PDF (A4) by Chromium"))
    return outputs


def quiz_request(settings: QuizSettings, seed: Optional[int] = None,
                 variants: Optional[int] = None, questions: Optional[int] = None,
                 type_counts: Optional[Mapping[str, int]] = None) -> QuizRequest:
    """pack.yaml's ``quiz:`` settings, each overridden by its command-line option if given."""
    counts = dict(settings.types or {})
    for name, count in sorted((type_counts or {}).items()):
        try:
            counts[QuestionType(name)] = count
        except ValueError:
            known = ", ".join(t.value for t in QuestionType)
            raise UsageError(f"unknown question type '{name}'; expected one of {known}") from None
    return QuizRequest(
        seed=settings.seed if seed is None else seed,
        variants=settings.variants if variants is None else variants,
        questions=settings.questions if questions is None else questions,
        counts=counts)


def quiz_filename(quiz: Quiz, extension: str) -> str:
    suffix = f"-{quiz.variant}" if quiz.variant else ""
    return f"{quiz.pack_id}-quiz{suffix}.{extension}"


def summary(quiz: Quiz) -> str:
    """The line that tells the user what the quiz holds, and what the pack could not supply."""
    made = len(quiz.tasks)
    parts = [f"{quiz.made(t)} {t.value}" for t in QuestionType if quiz.made(t)]
    line = f"{_name(quiz)}, seed {quiz.seed}: {made} question(s) ({', '.join(parts)})"
    if made < quiz.asked:
        short = [f"{t.value} {quiz.made(t)} of {quiz.plan[t]}"
                 for t in QuestionType if t in quiz.counted and quiz.made(t) < quiz.plan[t]]
        line += f"; only {made} of the {quiz.asked} asked for: the pack supplies no more"
        line += f" ({', '.join(short)})" if short else ""
    return line


def _name(quiz: Quiz) -> str:
    return f"quiz variant {quiz.variant}" if quiz.variant else "quiz"


def render_quiz_html(quiz: Quiz) -> bytes:
    """One quiz as a self-contained HTML5 page: styles inline, nothing fetched."""
    template = _environment().get_template(TEMPLATE)
    text = template.render(quiz=quiz, t=functools.partial(label, quiz.language),
                           letters=LABELS[quiz.language]["quiz.letters"], Type=QuestionType)
    return text.encode("utf-8")


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("quizgen", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["css_string"] = _css_string
    env.filters["capfirst"] = _capfirst
    return env


def _css_string(text: str) -> str:
    """A CSS string literal; escapes keep quotes, backslashes and ``</style>`` inert."""
    import markupsafe

    escaped = re.sub(r'["\\<>\n]', lambda m: f"\\{ord(m.group(0)):x} ", text)
    return markupsafe.Markup(f'"{escaped}"')


def _capfirst(text: str) -> str:
    """Options and matched items start with a capital, whatever case the content used."""
    return text[:1].upper() + text[1:]
