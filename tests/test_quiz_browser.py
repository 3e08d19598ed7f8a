"""Printed quizzes in a real browser: paper sizes, page breaks, the key on its own page.

Each quiz is opened in headless Chromium through Playwright and printed to PDF
on A4 and on Letter; the PDF's pages are then read back with PDFium, so what is
checked is what a printer would get, not what the CSS promises.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from quiz_packs import bundled_bank, load, write_hostile_pack
from quizgen.bank import build_bank
from quizgen.i18n import label
from quizgen.quiz import Quiz, QuizRequest, compose_quizzes
from quizgen.render.pdf import BROWSER_FLAGS, print_pdfs
from quizgen.render.quiz import render_quiz_html

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


OpenQuiz = Callable[[str], Page]


@pytest.fixture
def open_quiz(browser: Browser, tmp_path: Path, quizzes: dict[str, Quiz]) -> Iterator[OpenQuiz]:
    """Opens a quiz's HTML file in a new browser page."""
    pages = []

    def open_(name: str) -> Page:
        html = tmp_path / f"{name}.html"
        html.write_bytes(render_quiz_html(quizzes[name]))
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


def footer(quiz: Quiz, number: int, total: int) -> str:
    t = lambda key, **v: label(quiz.language, key, **v)  # noqa: E731
    variant = f"{t('quiz.variant', variant=quiz.variant)} · " if quiz.variant else ""
    return squeeze(f"{variant}{t('quiz.page')} {number} {t('quiz.of')} {total}")


@pytest.mark.parametrize("paper", list(PAPER), ids=list(PAPER))
@pytest.mark.parametrize("name", ["bundled-ru-A", "bundled-ru-B", "hostile-en"],
                         ids=["bundled-ru-A", "bundled-ru-B", "hostile-en"])
def test_printed_quiz_keeps_questions_whole_and_the_key_apart(
        open_quiz: OpenQuiz, quizzes: dict[str, Quiz], name: str, paper: str) -> None:
    quiz = quizzes[name]
    page = open_quiz(name)
    blocks = page.eval_on_selector_all(".task", "els => els.map(e => e.innerText)")
    leads = page.eval_on_selector_all(".lead", "els => els.map(e => e.innerText)")
    notes = page.eval_on_selector_all(".key .note", "els => els.map(e => e.innerText)")
    heading = squeeze(page.inner_text(".key h2"))
    assert len(blocks) == len(quiz.tasks) and len(leads) == len(quiz.sections) and notes

    printed = pdf_pages(page.pdf(format=paper))
    assert len(printed) >= 3, "questions, then at least a page of answers"
    assert all(is_paper(width, height, paper) for width, height, _ in printed)
    texts = []
    for number, (_, _, text) in enumerate(printed, start=1):
        flat = squeeze(text)
        mark = footer(quiz, number, len(printed))
        assert mark in flat, f"page {number} has no footer {mark!r}"
        texts.append(flat.replace(mark, ""))

    def pages_holding(block: str) -> list[int]:
        return [i for i, text in enumerate(texts) if squeeze(block) in text]

    starts = [i for i, text in enumerate(texts) if text.startswith(heading)]
    assert starts, "the answer key does not start a page"
    key_page = starts[0]
    assert key_page > 0 and heading not in "".join(texts[:key_page])
    for block in blocks + leads:
        holding = pages_holding(block)
        assert len(holding) == 1, f"question or heading cut across pages: {block[:80]!r}"
        assert holding[0] < key_page
    for note in notes:
        assert pages_holding(note) and pages_holding(note)[0] >= key_page


@pytest.mark.parametrize("choice, paper", [(None, "A4"), ("#paper-letter", "Letter"),
                                           ("#paper-a4", "A4")], ids=["default", "letter", "a4"])
def test_reader_chooses_the_paper_on_screen(open_quiz: OpenQuiz, choice: str | None,
                                            paper: str) -> None:
    page = open_quiz("bundled-ru-A")
    if choice:
        page.click("#paper-letter")
        page.click(choice)
    assert page.is_visible(".paper-choice")
    printed = pdf_pages(page.pdf(prefer_css_page_size=True))
    assert all(is_paper(width, height, paper) for width, height, _ in printed)
    assert "A4Letter" not in squeeze(printed[0][2]), "the paper choice is for the screen only"


def test_first_printed_page_as_png(open_quiz: OpenQuiz, tmp_path: Path) -> None:
    from PIL import Image

    page = open_quiz("bundled-ru-A")
    png = first_page_png(page.pdf(format="A4"), tmp_path / "quiz-page.png")
    image = Image.open(png).convert("L")
    width, height = image.size
    assert abs(width / height - PAPER["A4"][0] / PAPER["A4"][1]) < 0.01
    histogram = image.histogram()
    dark = sum(histogram[:128]) / (width * height)
    assert 0.01 < dark < 0.3, f"{dark:.1%} of the page is ink"
    header = image.crop((0, 0, width, height // 8)).histogram()
    assert sum(header[:128]) > 0, "the header is blank"


def test_command_line_pdf_is_the_printed_page(executable: str, quizzes: dict[str, Quiz]) -> None:
    quiz = quizzes["bundled-ru-A"]
    [pdf] = print_pdfs([render_quiz_html(quiz)], executable)
    printed = pdf_pages(pdf)
    assert pdf.startswith(b"%PDF") and len(printed) >= 3
    assert all(is_paper(width, height, "A4") for width, height, _ in printed)
    assert footer(quiz, 1, len(printed)) in squeeze(printed[0][2])
