"""Every quiz file of a build on paper, as ``build --pdf`` prints it: how full each page is.

For the bundled pack and each pack of ``tests/corpus/``, on A4 and on Letter, each variant's
student copy and key and the marking sheet of all variants are printed by quizgen's own
printer (the Chromium that ``--pdf`` drives); the PDFs are read back with PDFium. A page is
as full as its lowest ink: a page but the last that is under a third full wastes paper
where a question could have moved, and nothing but quizgen's footer may print in the margins
(no date, title, address or page count of the browser's own).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest

from quiz_packs import bundled_pack
from quizgen.bank import build_bank
from quizgen.i18n import label
from quizgen.model import Language, Pack
from quizgen.quiz import Quiz, Task, compose_quizzes
from quizgen.render.pdf import Printer
from quizgen.render.quiz import Paper, quiz_request, start_quizzes
from quizgen.validate import validate_pack

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).parent / "corpus"
PACKS = ["bundled", *sorted(p.name for p in CORPUS.iterdir() if (p / "pack.yaml").is_file())]
PAPERS: list[Paper] = ["a4", "letter"]

MM = 72 / 25.4  # PDF points in a millimetre
# quiz.css's @page margins: a page's content lies between them, the footer in the bottom one.
TOP_MARGIN, BOTTOM_MARGIN = 16 * MM, 17 * MM
LEAST_FILL = 1 / 3


@dataclass(frozen=True)
class PrintedPage:
    fill: float  # how far down the content area the lowest ink reaches: 0 empty, 1 full
    text: str  # the text inside the content area
    head: str  # the text in the top margin
    foot: str  # the text in the bottom margin


@dataclass(frozen=True)
class PrintedFile:
    name: str  # the file's name, without .pdf
    copy: str  # student, key or marking
    quiz: Optional[Quiz]  # the variant it is of; None for the marking sheet of all variants
    pages: list[PrintedPage]


def read_pages(data: bytes) -> list[PrintedPage]:
    """Each page's fill and its text, inside the content area and in each margin."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return [read_page(page) for page in document]
    finally:
        document.close()


def read_page(page: Any) -> PrintedPage:
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    top, bottom = height - TOP_MARGIN, BOTTOM_MARGIN
    low = top
    for obj in page.get_objects(max_depth=8):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            continue  # its own objects are counted
        _, obj_bottom, _, obj_top = obj.get_bounds()
        # The page's white background spans the whole content area; ink never does.
        if obj_top > bottom + 0.5 and obj_top - obj_bottom < 0.9 * (top - bottom):
            low = min(low, obj_bottom)
    textpage = page.get_textpage()

    def text(lowest: float, highest: float) -> str:
        return squeeze(textpage.get_text_bounded(0, lowest, width, highest))

    return PrintedPage((top - max(low, bottom)) / (top - bottom), text(bottom, top),
                       text(top, height), text(0, bottom))


def squeeze(text: str) -> str:
    """Text without spaces and line breaks; PDFium reads a hyphen that ends a line as U+FFFE."""
    return re.sub(r"\s+", "", text.replace("\ufffe", "-"))


@functools.lru_cache(maxsize=None)
def pack_of(name: str) -> Pack:
    if name == "bundled":
        return bundled_pack()
    pack = validate_pack(CORPUS / name).pack
    assert pack is not None, name
    return pack


@pytest.fixture(scope="module")
def printer(chromium_executable: str) -> Iterator[Printer]:
    with Printer(chromium_executable) as started:
        yield started


class PrintedBuilds(dict[tuple[str, Paper], list[PrintedFile]]):
    """Each pack's quiz PDFs on each paper, printed when first asked for, as its build with
    --pdf prints them."""

    def __init__(self, printer: Printer, folders: pytest.TempPathFactory) -> None:
        super().__init__()
        self.printer, self.folders = printer, folders

    def __missing__(self, key: tuple[str, Paper]) -> list[PrintedFile]:
        name, paper = key
        pack = pack_of(name)
        bank = build_bank(pack)
        request = quiz_request(pack.info.quiz)
        quizzes = compose_quizzes(bank, request)
        _, pdfs = start_quizzes(bank, request, self.folders.mktemp(f"{name}-{paper}"), pdf=True,
                                paper=paper, printer=self.printer, quizzes=quizzes)
        files = [self._file(output.path.stem, quizzes, output.data) for output in pdfs()]
        self[key] = files
        return files

    @staticmethod
    def _file(stem: str, quizzes: list[Quiz], data: bytes) -> PrintedFile:
        if stem.endswith("-marking"):
            return PrintedFile(stem, "marking", None, read_pages(data))
        copy = "key" if stem.endswith("-key") else "student"
        variant = stem.removesuffix("-key").rpartition("-quiz")[2].lstrip("-")
        [quiz] = [q for q in quizzes if q.variant == variant]
        return PrintedFile(stem, copy, quiz, read_pages(data))


@pytest.fixture(scope="module")
def printed(printer: Printer, tmp_path_factory: pytest.TempPathFactory) -> PrintedBuilds:
    return PrintedBuilds(printer, tmp_path_factory)


def footer(language: Language, file: PrintedFile, number: int, total: int) -> str:
    """quizgen's own footer of a page: what the file is, the variant, the page of the file."""
    t = functools.partial(label, language)
    parts = [t("quiz.key")] if file.copy == "key" else []
    if file.quiz is not None and file.quiz.variant:
        # A Russian variant is numbered («Вариант 2»), an English one lettered.
        variant = file.quiz.variant
        called = str(ord(variant) - ord("A") + 1) if language == "ru" else variant
        parts.append(t("quiz.variant", variant=called))
    parts.append(f"{t('quiz.page')} {number} {t('quiz.of')} {total}")
    return squeeze(" · ".join(parts))


# What a task prints on the student copy, of every kind of task.
SHOWN = ("prompt", "context", "options", "statement", "left", "right", "events", "before", "after")


def shown(task: Task) -> list[str]:
    """The texts of a task that the student copy prints."""
    texts: list[str] = []
    for field in SHOWN:
        value = getattr(task, field, "")
        texts += [value] if isinstance(value, str) else list(value)
    return texts


CASES = [(name, paper) for name in PACKS for paper in PAPERS]
IDS = [f"{name}-{paper}" for name, paper in CASES]


@pytest.mark.parametrize(("name", "paper"), CASES, ids=IDS)
def test_no_printed_page_but_the_last_is_under_a_third_full(
        printed: PrintedBuilds, name: str, paper: Paper) -> None:
    files = printed[name, paper]
    assert {f.copy for f in files} == {"student", "key", "marking"}
    for file in files:
        fills = [page.fill for page in file.pages]
        shown = ", ".join(f"{fill:.0%}" for fill in fills)
        assert all(fill >= LEAST_FILL for fill in fills[:-1]), f"{file.name}: pages {shown} full"
        assert fills[-1] > 0, f"{file.name}: an empty last page"


@pytest.mark.parametrize(("name", "paper"), CASES, ids=IDS)
def test_printed_page_counts(printed: PrintedBuilds, name: str,
                             paper: Paper) -> None:
    """Each page says which page of its own file it is; the marking sheet is one page; a file
    takes no more pages than its content fills, and one more for keeping questions whole."""
    language = pack_of(name).info.language
    for file in printed[name, paper]:
        total = len(file.pages)
        for number, page in enumerate(file.pages, start=1):
            assert page.foot == footer(language, file, number, total), (file.name, number)
        if file.copy == "marking":
            assert total == 1, f"{file.name}: {total} pages"
        filled = sum(page.fill for page in file.pages)
        assert total <= math.ceil(filled) + 1, f"{file.name}: {total} pages hold {filled:.2f}"


@pytest.mark.parametrize(("name", "paper"), CASES, ids=IDS)
def test_printed_pdfs_carry_no_header_or_footer_of_the_browser(
        printed: PrintedBuilds, name: str, paper: Paper) -> None:
    """No date or title above the page, no address or "1/3" below it: only quizgen's footer."""
    language = pack_of(name).info.language
    for file in printed[name, paper]:
        for number, page in enumerate(file.pages, start=1):
            assert page.head == "", (file.name, number, page.head)
            assert page.foot == footer(language, file, number, len(file.pages)), (
                file.name, number, page.foot)


@pytest.mark.parametrize(("name", "paper"), CASES, ids=IDS)
def test_printed_student_copies_hold_no_key_text(
        printed: PrintedBuilds, name: str, paper: Paper) -> None:
    language = pack_of(name).info.language
    t = functools.partial(label, language)
    words = [t("quiz.key"), t("quiz.key-notes"), t("quiz.key-also"), t("label.source") + ":"]
    for file in printed[name, paper]:
        if file.copy != "student":
            continue
        assert file.quiz is not None
        whole = "".join(page.text for page in file.pages)
        assert squeeze(t("quiz.out-of", total=str(file.quiz.points))) in file.pages[0].text
        for word in words:
            assert squeeze(word) not in whole, (file.name, word)
        # A quote the sheet itself asks about (a role quoted from a source, say) is no leak.
        asked = "|".join(squeeze(text) for task in file.quiz.tasks for text in shown(task))
        for task in file.quiz.tasks:
            for note in task.notes:
                if note.explanation:
                    assert squeeze(note.explanation) not in whole, (file.name, note.explanation)
                for ref in note.sources:
                    quote = squeeze(ref.quote)
                    assert quote not in whole or quote in asked, (file.name, ref.quote)


def test_the_fill_of_a_page_is_measured_to_its_lowest_ink(printer: Printer) -> None:
    """The measure itself: a page with a block a quarter of its height down reads as a quarter."""
    css = "@page { size: A4; margin: 16mm 15mm 17mm; } body { margin: 0; }"
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><style>{}</style></head>'
            '<body>{}</body></html>')
    quarter = f"{(297 - 33) / 4:.2f}mm"
    blocks = [f'<div style="height: {quarter}; border-bottom: 1pt solid #000"></div>',
              f'<div style="height: {quarter}; border-bottom: 1pt solid #000"></div>'
              f'<div style="break-before: page">x</div>']
    one, two = printer.print([page.format(css, b).encode() for b in blocks])
    assert [round(p.fill, 2) for p in read_pages(one)] == [0.25]
    fills = read_pages(two)
    assert len(fills) == 2 and round(fills[0].fill, 2) == 0.25 and 0 < fills[1].fill < 0.05
