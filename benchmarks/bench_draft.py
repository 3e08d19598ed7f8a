"""How well and how fast ``quizgen draft`` drafts the bundled articles and three written for
the tests (an English news item, a Russian and an English history article).

Run by ``make bench`` after ``bench_build.py``; not part of the test suite (the suite holds
floors under these numbers, in ``tests/test_draft.py``). For each article it drafts into a
pack that declares the article's source and nothing else, then compares the draft with the
hand-made pack (:mod:`quizgen.draft.score`): the share of the pack's stated dates found with
the right normalised date, of its actors found, and the precision of each kind. It times
``quizgen draft`` as a process (medians of a few runs) and replaces the section
"``quizgen draft``" of ``benchmarks/results.md`` with what it measured.

    python benchmarks/bench_draft.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quizgen.draft.score import Score, measure

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUNDLED = ROOT / "content" / "az-ru-2025"
ARTICLES = ROOT.parent / "shared" / "articles"
DRAFT_PACKS = ROOT / "tests" / "draft_packs"
# The articles written for the tests: (source, folder); each folder holds the article, its
# pack.yaml and content.yaml, the pack written by hand from it.
WRITTEN = (("harbour-news", "harbour"), ("karibskiy-krizis", "karibskiy"),
           ("berlin-airlift", "airlift"))
RESULTS = HERE / "results.md"
HEADING = "## `quizgen draft`"


def cases() -> list[tuple[str, Path, Path, Path, Path | None]]:
    """(source, article, pack.yaml to start from, the hand-made pack, the texts' folder)."""
    found = []
    if (ARTICLES / "new-stage.txt").is_file():
        for name in ("new-stage", "karabakh-mission"):
            found.append((name, ARTICLES / f"{name}.txt", BUNDLED / "pack.yaml", BUNDLED,
                          ARTICLES))
    for source, folder in WRITTEN:
        pack = DRAFT_PACKS / folder
        found.append((source, pack / f"{source}.txt", pack / "pack.yaml", pack, None))
    return found


def timed(source: str, article: Path, pack_yaml: Path, reference: Path,
          texts: Path | None, repeat: int, work: Path) -> tuple[Score, float]:
    found = measure(article, source, pack_yaml, reference, texts, work)
    seconds = []
    command = [sys.executable, "-m", "quizgen", "draft", str(article), "--pack",
               str(work / source), "--source", source, "--force"] + (
                   ["--sources", str(texts)] if texts else [])
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        seconds.append(time.perf_counter() - start)
    return found, statistics.median(seconds)


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "–"


KINDS = ("dated events", "actors", "causes", "disputes")


def table(rows: list[tuple[str, Score, float]], repeat: int) -> str:
    lines = [HEADING, "",
             "Each article drafted into a pack that declares its source and nothing else, "
             "compared with the pack written by hand from it (`quizgen.draft.score`). How it "
             "is counted:", "",
             "- a drafted item *matches* an item of the hand-made pack when their quotes of the "
             "article overlap (one holds the other, or they share a run of six words);",
             "- **dated events**: recall is the share of the hand-made pack's dated events "
             "(stated or derived from the text) that the draft has with the same normalised "
             "date; precision the share of drafted dated events that match one with the same "
             "date;",
             "- **actors**: recall by name or alias (folded); precision the share of drafted "
             "actors whose name or alias is one of the pack's;",
             "- **causes**: an item of the pack is found when a drafted cause's quote overlaps "
             "its quote; precision likewise;",
             "- **disputes**: found when every position of the pack's dispute (from this "
             "article) overlaps a drafted position; a drafted dispute is right when one of its "
             "positions overlaps one of the pack's;",
             "- **false dates**: drafted dates that contradict the hand-made date of the same "
             "passage, or whose quote holds no expression of the date (a year, a month's name, "
             "a numeric date; or, for a counted date, the counting: «через два дня»).", "",
             "Precision is a lower bound: the hand-made packs do not hold everything true that a "
             "text says. The two history articles (karibskiy-krizis, Russian; berlin-airlift, "
             "English) were written for the tests while the rules were made, so their numbers "
             "flatter the drafter; the bundled articles were not written for it. "
             "Time: `quizgen draft` as a process, median of "
             f"{repeat} run(s), start-up and the language models' loading included.", "",
             "| article | " + " | ".join(f"{kind}: recall | precision" for kind in KINDS)
             + " | false dates | time |",
             "|---|" + "---:|---:|" * len(KINDS) + "---:|---:|"]
    for name, found, seconds in rows:
        cells = []
        for kind in KINDS:
            cells += [_ratio(*found.recall[kind]), _ratio(*found.precision[kind])]
        lines.append(f"| {name} | " + " | ".join(cells)
                     + f" | {found.false_dates} | {seconds:.2f} s |")
    return "\n".join(lines) + "\n"


def write(section: str) -> None:
    """Replace this benchmark's section of the results (up to the next one), or add it."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else ""
    start = text.find(HEADING + "\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start] + section + (text[end:] if end >= 0 else "")
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="quizgen-bench-draft-") as work:
        for source, article, pack_yaml, reference, texts in cases():
            found, seconds = timed(source, article, pack_yaml, reference, texts,
                                     args.repeat, Path(work))
            rows.append((article.name, found, seconds))
    section = table(rows, args.repeat)
    print(section)
    write(section)
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
