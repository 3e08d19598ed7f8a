"""Printed quizzes in a real browser: paper sizes, page breaks, a student copy and a key apart.

Each student copy and each key is opened in headless Chromium through Playwright and
printed to PDF on A4 and on Letter; the PDF's pages are then read back with PDFium, so
what is checked is what a printer would get, not what the CSS promises.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from quiz_packs import bundled_bank, load, write_hostile_pack
from quizgen.bank import build_bank
from quizgen.i18n import label
from quizgen.quiz import Quiz, QuizRequest, compose_quizzes
from quizgen.render.pdf import BROWSER_FLAGS, print_pdfs
from quizgen.render.quiz import grade_bands, render_marking_html
from quizgen.render.quiz import Copy, Paper, render_quiz_html

pytestmark = pytest.mark.browser

# Page sizes in PDF points.
PAPER = {"A4": (595.3, 841.9), "Letter": (612.0, 792.0)}


def is_paper(width: float, height: float, paper: str) -> bool:
    """Within 2 pt: Playwright's A4 is 8.27 × 11.7 inches, a hair off the ISO size."""
    return abs(width - PAPER[paper][0]) < 2 and abs(height - PAPER[paper][1]) < 2


@pytest.fixture(scope="module")
def executable(chromium_executable: str) -> str:
    return chromium_executable


@pytest.fixture(scope="module")
def browser(executable: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=list(BROWSER_FLAGS))
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def quizzes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Quiz]:
    hostile = build_bank(load(write_hostile_pack(tmp_path_factory.mktemp("packs") / "hostile")))
    ru = compose_quizzes(bundled_bank(), QuizRequest(1, 2, 20, {}))
    en = compose_quizzes(hostile, QuizRequest(5, 1, 12, {}))
    return {"bundled-ru-A": ru[0], "bundled-ru-B": ru[1], "hostile-en": en[0]}


OpenQuiz = Callable[..., Page]


@pytest.fixture
def open_quiz(browser: Browser, tmp_path: Path, quizzes: dict[str, Quiz]) -> Iterator[OpenQuiz]:
    """Opens a quiz's student copy or key in a new browser page."""
    pages = []

    def open_(name: str, copy: Copy = "student", paper: Paper = "a4") -> Page:
        html = tmp_path / f"{name}-{copy}.html"
        html.write_bytes(render_quiz_html(quizzes[name], copy, paper))
        page = browser.new_page()
        page.goto(html.as_uri())
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()


def pdf_pages(data: bytes) -> list[tuple[float, float, str]]:
    """Width, height and text of each page of a PDF.

    PDFium gives a hyphen that ends a line as U+FFFE; it is the text's own hyphen
    ("армяно-азербайджанское" broken after "армяно-"), so it is read back as one.
    """
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        pages = []
        for page in document:
            width, height = page.get_size()
            text = page.get_textpage().get_text_range().replace("\ufffe", "-")
            pages.append((width, height, text))
        return pages
    finally:
        document.close()


def first_page_png(data: bytes, target: Path, scale: float = 1.5) -> Path:
    """The first page of a PDF as a PNG, as a printer would put it on paper."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        document[0].render(scale=scale).to_pil().save(target)
    finally:
        document.close()
    return target


def squeeze(text: str) -> str:
    """Text with every space and line break removed: PDF text and DOM text agree on the rest."""
    return re.sub(r"\s+", "", text)


def footer(quiz: Quiz, copy: Copy, number: int, total: int) -> str:
    t = lambda key, **v: label(quiz.language, key, **v)  # noqa: E731
    parts = [t("quiz.key")] if copy == "key" else []
    # A Russian variant is numbered: «Вариант 2», never a Latin «B» that reads as «В».
    shown = str(ord(quiz.variant) - 64) if quiz.language == "ru" else quiz.variant
    parts += [t("quiz.variant", variant=shown)] if quiz.variant else []
    lead = " · ".join(parts)
    return squeeze(f"{lead + ' · ' if lead else ''}{t('quiz.page')} {number} {t('quiz.of')} {total}")


NAMES = ["bundled-ru-A", "bundled-ru-B", "hostile-en"]


def printed_texts(quiz: Quiz, copy: Copy, printed: list[tuple[float, float, str]]) -> list[str]:
    """Each page's text without its footer, which every page must carry, numbered in its file."""
    texts = []
    for number, (_, _, text) in enumerate(printed, start=1):
        flat = squeeze(text)
        mark = footer(quiz, copy, number, len(printed))
        assert mark in flat, f"page {number} has no footer {mark!r}"
        texts.append(flat.replace(mark, ""))
    return texts


@pytest.mark.parametrize("paper", list(PAPER), ids=list(PAPER))
@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_printed_student_copy_keeps_questions_whole_and_holds_no_key(
        open_quiz: OpenQuiz, quizzes: dict[str, Quiz], name: str, paper: str) -> None:
    quiz = quizzes[name]
    page = open_quiz(name, "student", paper.lower())
    blocks = page.eval_on_selector_all(".task", "els => els.map(e => e.innerText)")
    leads = page.eval_on_selector_all(".lead", "els => els.map(e => e.innerText)")
    assert len(blocks) == len(quiz.tasks) and len(leads) == len(quiz.sections)
    key = open_quiz(name, "key", paper.lower())
    answers = key.eval_on_selector_all(".marking td.a", "els => els.map(e => e.innerText)")
    notes = key.eval_on_selector_all(".notes .note", "els => els.map(e => e.innerText)")
    assert len(answers) == len(quiz.tasks) and notes

    printed = pdf_pages(page.pdf(prefer_css_page_size=True))
    assert all(is_paper(width, height, paper) for width, height, _ in printed)
    texts = printed_texts(quiz, "student", printed)
    whole = "".join(texts)
    for block in blocks + leads:
        holding = [i for i, text in enumerate(texts) if squeeze(block) in text]
        assert len(holding) == 1, f"question or heading cut across pages: {block[:80]!r}"
    # Nothing of the key: no heading, no note, no source quote, no answer that is not asked.
    t = lambda key, **v: label(quiz.language, key, **v)  # noqa: E731
    for word in (t("quiz.key"), t("quiz.key-notes"), t("quiz.key-also"), t("label.source") + ":"):
        assert squeeze(word) not in whole, word
    for note in notes:
        assert squeeze(note) not in whole
    for task in quiz.tasks:
        for ref in (r for n in task.notes for r in n.sources):
            assert squeeze(ref.quote) not in whole
    assert squeeze(t("quiz.out-of", total=quiz.points)) in texts[0]


@pytest.mark.parametrize("paper", list(PAPER), ids=list(PAPER))
@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_printed_key_starts_with_the_marking_table_on_its_own_pages(
        open_quiz: OpenQuiz, quizzes: dict[str, Quiz], name: str, paper: str) -> None:
    quiz = quizzes[name]
    page = open_quiz(name, "key", paper.lower())
    rows = page.eval_on_selector_all(".marking tbody tr", "els => els.map(e => e.innerText)")
    notes = page.eval_on_selector_all(".notes .note", "els => els.map(e => e.innerText)")
    printed = pdf_pages(page.pdf(prefer_css_page_size=True))
    assert all(is_paper(width, height, paper) for width, height, _ in printed)
    texts = printed_texts(quiz, "key", printed)
    # A teacher marks from the first page: every row of the table is on it.
    assert len(rows) == len(quiz.tasks)
    for row in rows:
        assert squeeze(row) in texts[0], row
    for note in notes:
        assert any(squeeze(note) in text for text in texts), note[:80]
    student = pdf_pages(open_quiz(name, "student", paper.lower()).pdf(prefer_css_page_size=True))
    # Each is numbered on its own: the key's pages are not counted on the student's copy.
    assert footer(quiz, "student", 1, len(student)) in squeeze(student[0][2])
    assert footer(quiz, "key", 1, len(printed)) in squeeze(printed[0][2])


def test_first_printed_page_as_png(open_quiz: OpenQuiz, tmp_path: Path) -> None:
    from PIL import Image

    page = open_quiz("bundled-ru-A")
    png = first_page_png(page.pdf(prefer_css_page_size=True), tmp_path / "quiz-page.png")
    image = Image.open(png).convert("L")
    width, height = image.size
    assert abs(width / height - PAPER["A4"][0] / PAPER["A4"][1]) < 0.01
    histogram = image.histogram()
    dark = sum(histogram[:128]) / (width * height)
    assert 0.01 < dark < 0.3, f"{dark:.1%} of the page is ink"
    header = image.crop((0, 0, width, height // 8)).histogram()
    assert sum(header[:128]) > 0, "the header is blank"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_command_line_pdfs_are_the_printed_pages(executable: str, quizzes: dict[str, Quiz],
                                                 paper: Paper) -> None:
    quiz = quizzes["bundled-ru-A"]
    pdfs = print_pdfs([render_quiz_html(quiz, copy, paper) for copy in ("student", "key")],
                      executable)
    for copy, pdf in zip(("student", "key"), pdfs):
        printed = pdf_pages(pdf)
        assert pdf.startswith(b"%PDF") and len(printed) >= 2
        assert all(is_paper(width, height, "A4" if paper == "a4" else "Letter")
                   for width, height, _ in printed)
        assert footer(quiz, copy, 1, len(printed)) in squeeze(printed[0][2])  # type: ignore[arg-type]


@pytest.mark.parametrize("paper", list(PAPER), ids=list(PAPER))
def test_the_marking_sheet_of_four_variants_of_twenty_fits_one_page(
        browser: Browser, tmp_path: Path, paper: str) -> None:
    # seed 4: four variants of twenty that ask one mix (not every seed gives one, see
    # test_quiz_variants), so the sheet is one table of four columns
    quizzes = compose_quizzes(bundled_bank(), QuizRequest(4, 4, 20, {}))
    assert len({tuple(q.made(t) for t in q.plan) for q in quizzes}) == 1
    html = tmp_path / "marking.html"
    html.write_bytes(render_marking_html(quizzes, paper.lower()))  # type: ignore[arg-type]
    page = browser.new_page()
    page.goto(html.as_uri())
    rows = page.eval_on_selector_all("table.sheet tbody tr", "els => els.map(e => e.innerText)")
    printed = pdf_pages(page.pdf(prefer_css_page_size=True))
    page.close()
    assert len(printed) == 1 and is_paper(printed[0][0], printed[0][1], paper)
    assert len(rows) == max(len(q.tasks) for q in quizzes) + 1  # and the totals
    whole = squeeze(printed[0][2])
    for quiz in quizzes:
        for task in quiz.tasks:
            assert squeeze(task.key) in whole
    for grade, least, most in grade_bands(quizzes[0]):
        assert squeeze(f"{grade} {least}–{most}") in whole
    assert [int(n) for n in re.findall(r"Вариант (\d)", printed[0][2])] == [1, 2, 3, 4]


def test_the_student_copy_names_each_source_in_full(open_quiz: OpenQuiz,
                                                    quizzes: dict[str, Quiz]) -> None:
    legend = open_quiz("bundled-ru-A").inner_text(".legend")
    for name, title in quizzes["bundled-ru-A"].sources:
        assert squeeze(name) in squeeze(legend) and squeeze(title) in squeeze(legend)


@pytest.mark.parametrize(("grades", "names"), [
    ((), ["5", "4", "3", "2"]),                      # the language's scale
    ((("A", 90), ("B", 50)), ["A", "B"]),            # no grade for 0 %: B goes down to 0
], ids=["default", "no-zero-band"])
def test_a_grade_scale_gives_every_score_one_grade(grades: tuple[tuple[str, int], ...],
                                                   names: list[str]) -> None:
    quiz = compose_quizzes(bundled_bank(), QuizRequest(1, 1, 20, {}, grades=grades))[0]
    bands = grade_bands(quiz)
    scores = [s for _, least, most in bands for s in range(least, most + 1)]
    assert sorted(scores) == list(range(0, quiz.points + 1))
    assert [grade for grade, _, _ in bands] == names


def test_with_pdf_the_marking_sheet_is_printed_too(executable: str, tmp_path: Path) -> None:
    from quizgen.render.pdf import Printer
    from quizgen.render.quiz import render_quizzes

    with Printer(executable) as printer:
        outputs = render_quizzes(bundled_bank(), QuizRequest(1, 2, 20, {}), tmp_path, pdf=True,
                                 paper="a4", printer=printer)
    [marking] = [o for o in outputs if o.path.name == "az-ru-2025-quiz-marking.pdf"]
    printed = pdf_pages(marking.data)
    assert len(printed) == 1 and is_paper(printed[0][0], printed[0][1], "A4")
    assert squeeze(label("ru", "quiz.marking")) in squeeze(printed[0][2])
