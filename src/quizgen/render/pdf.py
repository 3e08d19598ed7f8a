"""Printing quiz pages to PDF with a headless Chromium found on PATH.

The browser prints what the HTML's CSS asks for (paper size, margins, page
breaks), so a PDF looks exactly like the page printed from a browser. Chromium
stamps the time of printing into each PDF: unlike the HTML, the PDFs are not
byte-for-byte reproducible.

The pages print at once, each in a Chromium of its own: a browser spends most of
its time starting up and waiting, so a build's student copies and keys take little
longer than one of them.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Optional, Sequence

from ..problems import QuizgenError

BROWSERS = ("chromium", "chromium-browser", "google-chrome")

# Headless, no sandbox (containers and CI run as root), and nothing that reaches the
# network or needs a display: the page is a local file that fetches nothing.
BROWSER_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")
PRINT_TIMEOUT = 120


class BrowserNotFoundError(QuizgenError):
    """PDF output was asked for, but no Chromium is installed."""


class PrintError(QuizgenError):
    """Chromium ran but did not produce a PDF."""


def find_browser() -> str:
    """The first of :data:`BROWSERS` on PATH."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserNotFoundError(
        f"--pdf needs headless Chromium, but none of {', '.join(BROWSERS)} is on PATH; "
        "install one (Debian: apt-get install chromium) or build without --pdf")


def print_pdfs(pages: Sequence[bytes], browser: Optional[str] = None) -> list[bytes]:
    """Each HTML page printed to PDF, in order; the pages print concurrently."""
    executable = browser or find_browser()
    with tempfile.TemporaryDirectory(prefix="quizgen-pdf-") as temp:
        folder = Path(temp)
        if len(pages) < 2:
            return [_print(executable, folder, index, page) for index, page in enumerate(pages)]
        with ThreadPoolExecutor(max_workers=len(pages)) as printers:
            return list(printers.map(lambda job: _print(executable, folder, *job),
                                     enumerate(pages)))


def _print(executable: str, folder: Path, index: int, page: bytes) -> bytes:
    html = folder / f"quiz-{index}.html"
    pdf = folder / f"quiz-{index}.pdf"
    html.write_bytes(page)
    command = [executable, *BROWSER_FLAGS, f"--user-data-dir={folder / f'profile-{index}'}",
               "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()]
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=PRINT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise PrintError(f"{executable} did not print a quiz within {PRINT_TIMEOUT} s") from None
    except OSError as exc:
        raise PrintError(f"cannot run {executable}: {exc.strerror or exc}") from None
    data = pdf.read_bytes() if pdf.is_file() else b""
    if done.returncode != 0 or not data.startswith(b"%PDF"):
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = f": {lines[-1]}" if lines else ""
        raise PrintError(f"{executable} could not print a quiz to PDF "
                         f"(exit {done.returncode}){detail}")
    return data
