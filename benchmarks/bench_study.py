"""How large the bundled pack's study page is, and how soon Chromium makes it interactive.

Run by ``make bench``; not part of the test suite. The page is rendered as
``quizgen build`` renders it and opened from a file in Debian's Chromium (headless,
through Playwright), a fresh page each time, the median of several runs taken:

* *interactive*: from the start of navigation until the page's script has run (its
  views are drawn, the first card is on screen and ``window.quizgenStudy`` exists),
  measured as Playwright sees it, so it includes reading and parsing the file;
* *load event*: the navigation timing's ``loadEventEnd``, as the browser counts it.

It prints a table and writes it to ``benchmarks/study-results.md`` with the targets
(under 300,000 bytes; interactive in under 1 s).

    python benchmarks/bench_study.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import datetime
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

MAX_BYTES = 300_000
MAX_INTERACTIVE_S = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from quizgen.bank import build_bank
    from quizgen.render.pdf import BROWSER_FLAGS
    from quizgen.render.quiz import quiz_request
    from quizgen.render.study import render_study_html
    from quizgen.validate import validate_pack

    articles = ROOT.parent / "shared" / "articles"
    pack = validate_pack(ROOT / "content" / "az-ru-2025", articles if articles.is_dir() else None).pack
    assert pack is not None
    bank = build_bank(pack)
    started = time.perf_counter()
    page_bytes = render_study_html(pack, bank, quiz_request(pack.info.quiz))
    render_s = time.perf_counter() - started
    interactive: list[float] = []
    loaded: list[float] = []
    with tempfile.TemporaryDirectory() as temp, sync_playwright() as playwright:
        path = Path(temp) / "az-ru-2025-study.html"
        path.write_bytes(page_bytes)
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=list(BROWSER_FLAGS))
        for _ in range(args.repeat):
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(path.as_uri(), wait_until="commit")
            page.wait_for_function("window.quizgenStudy !== undefined", polling=5)
            interactive.append(time.perf_counter() - started)
            page.wait_for_load_state("load")
            loaded.append(page.evaluate(
                "performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000)
            page.close()
        version = browser.version
        browser.close()
    rows = [
        ("page size", f"{len(page_bytes):,} bytes", f"under {MAX_BYTES:,} bytes",
         len(page_bytes) < MAX_BYTES),
        ("rendering the page (Python)", f"{render_s * 1000:.0f} ms", "", None),
        ("interactive in Chromium (median)", f"{statistics.median(interactive) * 1000:.0f} ms",
         f"under {MAX_INTERACTIVE_S * 1000:.0f} ms",
         statistics.median(interactive) < MAX_INTERACTIVE_S),
        ("interactive, slowest run", f"{max(interactive) * 1000:.0f} ms", "", None),
        ("load event (median)", f"{statistics.median(loaded) * 1000:.0f} ms", "", None),
    ]
    lines = ["# The study page: size and time to interactive", "",
             f"{datetime.date.today()}, {platform.machine()}, Python {platform.python_version()}, "
             f"Chromium {version}, {args.repeat} runs", "",
             "| measure | result | target | met |", "|---|---|---|---|"]
    lines += [f"| {name} | {value} | {target} | {'' if met is None else ('yes' if met else 'NO')} |"
              for name, value, target, met in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "benchmarks" / "study-results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
