"""Printable quizzes: for each variant a student copy and an answer key, optionally also as PDF.

The quizzes themselves are composed in :mod:`quizgen.quiz`; this module only
resolves what was asked (pack.yaml's ``quiz:`` under the command line's options),
lays each quiz out with the jinja2 templates in ``quizgen/templates`` and names
the files: ``<pack>-quiz.html`` and ``<pack>-quiz-key.html``, or
``<pack>-quiz-A.html``, ``<pack>-quiz-A-key.html``, … when there are several
variants. Each file is a document of its own, numbered from its first page, so
nothing on a student's copy tells of the key.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Literal, Mapping, Optional

from ..i18n import LABELS, label
from ..model import Language, QuestionType, QuizSettings
from ..problems import UsageError
from ..quiz import Quiz, QuizRequest, compose_quizzes, overlap
from ..write import Output
from .inline import one_line

if TYPE_CHECKING:
    import jinja2

    from ..question import QuestionBank
    from .pdf import Printer

Paper = Literal["a4", "letter"]
Copy = Literal["student", "key"]
PAPERS: tuple[Paper, ...] = ("a4", "letter")
COPIES: tuple[Copy, ...] = ("student", "key")
TEMPLATES = {"student": "quiz.html.j2", "key": "quiz-key.html.j2"}
# Where a pack says nothing, English packs print on Letter and the others on A4.
_DEFAULT_PAPER: dict[Language, Paper] = {"ru": "a4", "en": "letter"}
_PAPER_NAMES = {"a4": "A4", "letter": "Letter"}


def render_quizzes(bank: QuestionBank, request: QuizRequest, out: Path, pdf: bool = False,
                   paper: Paper = "a4", printer: Optional[Printer] = None,
                   quizzes: Optional[list[Quiz]] = None) -> list[Output]:
    """The quiz files of one pack in ``out``: a student copy and a key per variant, and
    their PDFs with ``pdf``, printed by ``printer`` (a Chromium started beforehand) or by
    one started here. ``quizzes`` are the ones ``request`` composes, where the caller has them.
    """
    pages, printed = start_quizzes(bank, request, out, pdf, paper, printer, quizzes)
    return [*pages, *printed()]


def start_quizzes(bank: QuestionBank, request: QuizRequest, out: Path, pdf: bool = False,
                  paper: Paper = "a4", printer: Optional[Printer] = None,
                  quizzes: Optional[list[Quiz]] = None
                  ) -> tuple[list[Output], Callable[[], list[Output]]]:
    """The HTML files of :func:`render_quizzes`, and what returns their PDFs: ``printer``
    prints them while the caller goes on (one started here, before this returns).
    """
    quizzes = quizzes if quizzes is not None else compose_quizzes(bank, request)
    pages = [(quiz, copy, render_quiz_html(quiz, copy, paper))
             for quiz in quizzes for copy in COPIES]
    outputs = [Output(out / quiz_filename(quiz, copy, "html"), page,
                      summary(quiz, copy, quizzes))
               for quiz, copy, page in pages]
    marking = render_marking_html(quizzes, paper) if len(quizzes) > 1 else None
    marking_name = f"{quizzes[0].pack_id}-quiz-marking" if quizzes else ""
    if marking is not None:
        outputs.append(Output(out / f"{marking_name}.html", marking,
                              f"marking sheet: the answers of variants "
                              f"{', '.join(q.variant for q in quizzes)} on one page, with the "
                              "grade scale"))
    if not pdf:
        return outputs, lambda: []
    html = [page for _, _, page in pages] + ([marking] if marking is not None else [])
    printed: Callable[[], list[bytes]]
    if printer is not None:
        printed = printer.submit(html).result
    else:
        from .pdf import print_pdfs

        pdfs = print_pdfs(html)
        printed = lambda: pdfs  # noqa: E731

    def pdf_outputs() -> list[Output]:
        data = printed()
        found = [Output(out / quiz_filename(quiz, copy, "pdf"), page,
                        f"{_name(quiz, copy)} printed to PDF ({_PAPER_NAMES[paper]}) by Chromium")
                 for (quiz, copy, _), page in zip(pages, data)]
        if marking is not None:
            found.append(Output(out / f"{marking_name}.pdf", data[len(pages)],
                                f"marking sheet printed to PDF ({_PAPER_NAMES[paper]}) by "
                                "Chromium"))
        return found

    return outputs, pdf_outputs


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
        counts=counts, class_field=settings.class_field, time_limit=settings.time_limit,
        grades=grade_scale(settings))


# The usual scale of each language where a pack gives none: grade, lowest percentage.
_DEFAULT_GRADES: dict[Language, tuple[tuple[str, int], ...]] = {
    "ru": (("5", 85), ("4", 70), ("3", 50), ("2", 0)),
    "en": (("A", 90), ("B", 80), ("C", 70), ("D", 60), ("F", 0)),
}


def grade_scale(settings: QuizSettings) -> tuple[tuple[str, int], ...]:
    """pack.yaml's ``quiz.grades``, best first; ``()`` where it gives none (the key then
    prints the language's usual scale)."""
    if not settings.grades:
        return ()
    return tuple(sorted(settings.grades.items(), key=lambda item: -item[1]))


def grade_bands(quiz: Quiz) -> list[tuple[str, int, int]]:
    """Each grade with the least and most points that earn it, best first."""
    scale = quiz.grades or _DEFAULT_GRADES[quiz.language]
    bands, top = [], quiz.points
    for grade, percent in scale:
        least = -(-quiz.points * percent // 100)  # the points at or above the percentage
        if least <= top:
            bands.append((grade, least, top))
            top = least - 1
    if bands and top >= 0:  # a scale with no grade for 0 %: the lowest grade goes down to 0
        grade, _, most = bands[-1]
        bands[-1] = (grade, 0, most)
    return bands


def variant_name(quiz: Quiz) -> str:
    """A variant as the sheet prints it: a number in Russian («Вариант 2», never a Latin «B»
    that reads as «В»), its letter in English."""
    if not quiz.variant:
        return ""
    return str(ord(quiz.variant) - ord("A") + 1) if quiz.language == "ru" else quiz.variant


def quiz_paper(settings: QuizSettings, language: Language, paper: Optional[str] = None) -> Paper:
    """The command line's ``--paper``, else pack.yaml's ``quiz.paper``, else the language's."""
    chosen = paper or settings.paper
    if chosen is None:
        return _DEFAULT_PAPER[language]
    if chosen not in PAPERS:
        raise UsageError(f"unknown paper '{chosen}'; expected one of {', '.join(PAPERS)}")
    return chosen


def quiz_filename(quiz: Quiz, copy: Copy, extension: str) -> str:
    suffix = f"-{quiz.variant}" if quiz.variant else ""
    key = "-key" if copy == "key" else ""
    return f"{quiz.pack_id}-quiz{suffix}{key}.{extension}"


def summary(quiz: Quiz, copy: Copy, quizzes: list[Quiz]) -> str:
    """What the file holds; on the student copy, what fell short and why, and the overlap."""
    made = len(quiz.tasks)
    if copy == "key":
        return f"{_name(quiz, copy)}: {made} answer(s), {quiz.points} point(s)"
    parts = [f"{quiz.made(t)} {t.value}" for t in QuestionType if quiz.made(t)]
    line = (f"{_name(quiz, copy)}, seed {quiz.seed}: {made} question(s) ({', '.join(parts)}), "
            f"{quiz.points} point(s)")
    short = [f"{t.value} {quiz.made(t)} of {quiz.plan[t]}: {why}" for t, why in quiz.short.items()]
    if made < quiz.asked:
        line += f"; only {made} of the {quiz.asked} asked for"
    elif short:
        line += "; other types made up the rest"
    if short:
        line += f" ({'; '.join(short)})"
    earlier = quizzes[:quizzes.index(quiz)]
    shared = [f"{overlap(quiz, other)} with variant {other.variant}" for other in earlier]
    if shared:
        line += f"; questions sharing a fact: {', '.join(shared)}"
    return line


def _name(quiz: Quiz, copy: Copy) -> str:
    name = f"quiz variant {quiz.variant}" if quiz.variant else "quiz"
    return f"answer key to {name}" if copy == "key" else f"{name}, student copy"


def render_quiz_html(quiz: Quiz, copy: Copy = "student", paper: Paper = "a4") -> bytes:
    """A student copy or a key as a self-contained HTML5 page: styles inline, nothing fetched."""
    template = _environment().get_template(TEMPLATES[copy])
    text = template.render(quiz=quiz, copy=copy, paper=_PAPER_NAMES[paper],
                           sources=_sources_described(quiz), bands=grade_bands(quiz),
                           variant_name=variant_name(quiz),
                           t=functools.partial(label, quiz.language),
                           points=functools.partial(points, quiz.language),
                           letters=LABELS[quiz.language]["quiz.letters"], Type=QuestionType)
    return text.encode("utf-8")


def render_marking_html(quizzes: list[Quiz], paper: Paper = "a4") -> bytes:
    """One page to mark every variant's scripts from: each question's answer and points (and
    what else to accept), variant by variant, and the grade scale."""
    first = quizzes[0]
    scales = [(variant_name(q), grade_bands(q)) for q in quizzes]
    if all(bands == scales[0][1] for _, bands in scales):
        scales = [("", scales[0][1])]
    template = _environment().get_template("quiz-marking.html.j2")
    text = template.render(quiz=first, copy="marking", paper=_PAPER_NAMES[paper],
                           variant_name="", variants=[(variant_name(q), q) for q in quizzes],
                           rows=max(len(q.tasks) for q in quizzes), scales=scales,
                           t=functools.partial(label, first.language),
                           points=functools.partial(points, first.language))
    return text.encode("utf-8")


def points(language: Language, count: int) -> str:
    """``1 балл``, ``2 балла``, ``5 баллов``; ``1 point``, ``2 points``."""
    if language == "ru":
        tens, ones = count % 100, count % 10
        form = "one" if ones == 1 and tens != 11 else (
            "few" if 2 <= ones <= 4 and not 12 <= tens <= 14 else "many")
    else:
        form = "one" if count == 1 else "many"
    return label(language, f"quiz.points.{form}", count=str(count))


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("quizgen", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["css_string"] = _css_string
    env.filters["capfirst"] = _capfirst
    env.filters["one_line"] = one_line
    return env


def _css_string(text: str) -> str:
    """A CSS string literal; escapes keep quotes, backslashes and ``</style>`` inert."""
    import markupsafe

    escaped = re.sub(r'["\\<>\n]', lambda m: f"\\{ord(m.group(0)):x} ", text)
    return markupsafe.Markup(f'"{escaped}"')


def _capfirst(text: str) -> str:
    """Options and matched items start with a capital, whatever case the content used."""
    return text[:1].upper() + text[1:]


def _sources_described(quiz: Quiz) -> list[tuple[str, str]]:
    """Each source the key cites that says what kind of source it is, once: (label, description)."""
    found: dict[str, str] = {}
    for task in quiz.tasks:
        for note in task.notes:
            for ref in note.sources:
                if ref.about:
                    found.setdefault(ref.title, ref.about)
    return sorted(found.items())
