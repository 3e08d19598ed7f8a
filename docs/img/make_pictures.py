#!/usr/bin/env python3
"""Write the pictures the README and docs/quizzes.md show, from the bundled pack.

The pack is built as `quizgen build --pdf` builds it, into a temporary folder; then

- ``card.png``: one card's back (its front above the line) as Anki shows it: the deck is
  imported into a real Anki collection and the card rendered with its note type's style;
- ``quiz-page.png``, ``quiz-key-page.png``, ``marking-sheet.png``: the first printed page
  of variant A's student copy, of its answer key, and of the marking sheet, from the
  build's PDFs;
- ``study-page.png``: the study page's timeline with one event open.

Headless Chromium (Debian's ``/usr/bin/chromium``) takes the screenshots through
Playwright. Run it with the project's virtualenv after `make test`:

    .venv/bin/python docs/img/make_pictures.py [FOLDER]
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageOps
from playwright.sync_api import Browser, sync_playwright

from quizgen.render.pdf import BROWSER_FLAGS

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "content" / "az-ru-2025"
ARTICLES = ROOT.parent / "shared" / "articles"
CHROMIUM = "/usr/bin/chromium"
# The card shown: an event's date, with the quote that dates it.
CARD = "az-ru-2025:ceasefire-agreement-2020:event-date"
# The PDFs whose first page is shown: (picture, PDF of the build, cropped to its content?).
# A student copy and a key are shown whole, as paper; the marking sheet's table is what
# matters, not the paper it leaves blank.
PRINTED = [("quiz-page.png", "az-ru-2025-quiz-A.pdf", False),
           ("quiz-key-page.png", "az-ru-2025-quiz-A-key.pdf", False),
           ("marking-sheet.png", "az-ru-2025-quiz-marking.pdf", True)]
PRINT_SCALE = 1.25
# White kept around the marking sheet's table when it is cropped, in pixels.
MARGIN = 24
# A fixed moment, so the study page shows the same state from run to run.
NOW = "2026-03-02T09:00:00"
# The event the study page's picture shows open, near the top of the timeline.
STUDY_EVENT = 2
# Anki's reviewer puts a card's HTML in a body of class "card"; the style comes with it.
ANKI_PAGE = "<!doctype html><html><body class=\"card\"><div id=\"qa\">{}</div></body></html>"


def build(out: Path) -> None:
    """The bundled pack's outputs, PDFs included, as `quizgen build --pdf` writes them."""
    sources = ["--sources", str(ARTICLES)] if ARTICLES.is_dir() else []
    env = {**os.environ, "XDG_CACHE_HOME": str(out / "cache"),
           "PATH": f"{Path(CHROMIUM).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run([sys.executable, "-m", "quizgen", "build", "--pdf", "--out", str(out),
                    *sources, str(PACK)], check=True, env=env, stdout=subprocess.DEVNULL)


def save_small(image: Image.Image, target: Path) -> None:
    """The picture in a palette of 64 colours: a fraction of the bytes, text as sharp."""
    image.convert("RGB").quantize(colors=64).save(target, optimize=True)
    print(f"wrote {target} ({target.stat().st_size // 1024} KB)")


def first_page(pdf: Path) -> Image.Image:
    document = pdfium.PdfDocument(pdf)
    try:
        return document[0].render(scale=PRINT_SCALE).to_pil()
    finally:
        document.close()


def cropped(page: Image.Image) -> Image.Image:
    """The page cut down to what is printed on it, the page number left out."""
    ink = ImageOps.invert(page.convert("L")).point(lambda level: 255 if level > 16 else 0)
    rows = [y for y in range(ink.height) if ink.crop((0, y, ink.width, y + 1)).getbbox()]
    # The content ends where a blank band longer than the margin starts: the rest is
    # empty paper down to the page number.
    end = next((a for a, b in zip(rows, rows[1:]) if b - a > 4 * MARGIN), rows[-1])
    box = ink.crop((0, 0, ink.width, end + 1)).getbbox()
    assert box is not None, "the marking sheet's first page is blank"
    left, top, right, bottom = box
    return page.crop((max(left - MARGIN, 0), max(top - MARGIN, 0),
                      min(right + MARGIN, page.width), min(bottom + MARGIN, page.height)))


def card_html(apkg: Path, folder: Path) -> str:
    """The back of CARD as real Anki renders it, on a page like Anki's reviewer."""
    from anki.collection import Collection, ImportAnkiPackageRequest

    collection = Collection(str(folder / "collection.anki2"))
    try:
        collection.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(apkg),
            options=collection._backend.get_import_anki_package_presets()))
        note_ids = collection.find_notes(f'"QuestionId:{CARD}"')
        assert len(note_ids) == 1, f"the deck has no card {CARD}"
        return ANKI_PAGE.format(collection.get_note(note_ids[0]).cards()[0].answer())
    finally:
        collection.close()


def shoot_card(browser: Browser, html: str, folder: Path, target: Path) -> None:
    page = browser.new_page(viewport={"width": 640, "height": 400})
    path = folder / "card.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": 640, "height": height})
    save_small(Image.open(io.BytesIO(page.screenshot())), target)
    page.close()


def shoot_study_page(browser: Browser, study: Path, target: Path) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 640}, locale="ru-RU")
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    page.goto(study.as_uri())
    page.click("#tab-timeline")
    page.locator(".tl-event").nth(STUDY_EVENT).click()
    page.evaluate("window.scrollTo(0, 0)")
    save_small(Image.open(io.BytesIO(page.screenshot())), target)
    context.close()


def main(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp)
        build(out)
        for picture, pdf, crop in PRINTED:
            page = first_page(out / pdf)
            save_small(cropped(page) if crop else page, target / picture)
        html = card_html(out / "az-ru-2025.apkg", out)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=list(BROWSER_FLAGS))
            shoot_card(browser, html, out, target / "card.png")
            shoot_study_page(browser, out / "az-ru-2025-study.html", target / "study-page.png")
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
