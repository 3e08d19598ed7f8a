"""How fast quizgen builds the bundled pack and 100, 1,000 and 10,000 items, against bare genanki.

Run by ``make bench``; not part of the test suite. For the bundled pack and each
size it writes a synthetic pack (:mod:`synth`; items are events, actors, causes
and disputes), plus one of 10,000 events for peak memory, then measures, each a
few times, taking the median:

* the pipeline's stages in one process: load + validate, question bank, the Anki
  deck (``.apkg`` and lock, rendered and written) and the HTML quiz (rendered and written);
* ``quizgen build`` as a process, from nothing, with its peak memory;
* ``quizgen build`` again with nothing changed, and ``quizgen validate``;
* the baseline: :mod:`bare_genanki`, a script that writes the very same notes (the
  field strings quizgen rendered, quizgen's note types) with
  ``genanki.Package(...).write_to_file``, timed as a process and, inside it, for
  genanki's own work alone.

It prints the tables and writes them to ``benchmarks/results.md``, with the targets
quizgen is held to and whether this run met them.

    python benchmarks/bench_build.py [--items 100,1000,10000] [--events 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import events_for_items, write_pack  # noqa: E402

ITEMS = (100, 1_000, 10_000)
MEMORY_EVENTS = 10_000
BUNDLED = HERE.parent / "content" / "az-ru-2025"
ARTICLES = HERE.parent.parent / "shared" / "articles"
# Five runs of each: on a shared virtual machine one run can take a third longer than the next.
REPEAT = 5
NOW = 1_700_000_000  # SOURCE_DATE_EPOCH for every build: the same bytes on every run
STAGES = ("load + validate", "question bank", ".apkg write", "HTML write")

# The targets of the "one process, one parser" issue.
RATIO_TARGET = 2.0  # build / bare genanki script: bundled pack and 10,000 items
REBUILD_TARGET = 1.5  # rebuild with nothing changed / bare genanki script, bundled pack
MEMORY_TARGET_MB = 500  # at 10,000 events
GROWTH_TARGET = 11.0  # 10× the items, at most 11× the build time
HELP_TARGET = 0.3
# `quizgen build --pdf` of the bundled pack (two variants, a student copy and a key each)
# against one Chromium printing one of those files.
PDF_TARGET = 1.5


@dataclass(frozen=True)
class Run:
    """One child process: its wall time, peak memory and what it printed."""

    seconds: float
    peak_mb: float
    stdout: str


@dataclass
class SizeResult:
    """The medians measured for one pack."""

    name: str
    items: int
    yaml_mb: float
    stages: dict[str, float] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    memory: dict[str, float] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)


def run(command: list[str], env: Optional[dict[str, str]] = None) -> Run:
    """Run a child to completion; its peak resident memory comes from ``wait4``."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             env={**os.environ, **(env or {})})
    stdout = child.stdout.read() if child.stdout else b""
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {child.returncode}")
    return Run(seconds, usage.ru_maxrss / 1024, stdout.decode())  # ru_maxrss is in KiB


def median_run(repeat: int, make: Callable[[int], Run]) -> tuple[float, float, list[Run]]:
    runs = [make(attempt) for attempt in range(repeat)]
    return (statistics.median(r.seconds for r in runs),
            statistics.median(r.peak_mb for r in runs), runs)


def quizgen_command() -> list[str]:
    script = Path(sys.executable).with_name("quizgen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "quizgen"]


# --- what the child processes run -------------------------------------------------------

def stages_child(pack: Path, out: Path) -> None:
    """Time the stages of a build in this process and print them as JSON.

    The cycle collector is paused throughout, as ``quizgen build`` pauses it.
    """
    from quizgen import collector
    from quizgen.bank import build_bank
    from quizgen.render.anki import render_deck
    from quizgen.render.quiz import quiz_request, render_quizzes
    from quizgen.validate import validate_pack
    from quizgen.write import write_files

    times: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        times[name] = now - started
        started = now

    with collector.paused():
        result = validate_pack(pack, sources(pack))
        assert result.pack is not None and result.bank is not None, [
            p.format() for p in result.problems]
        lap("load + validate")
        # Validation builds the bank once, for the card checks, and the build uses that one;
        # built again here, it is timed on its own and taken out of validation's time.
        bank = build_bank(result.pack)
        lap("question bank")
        times["load + validate"] -= times["question bank"]
        deck = render_deck(bank, out, NOW, None)
        write_files({o.path: o.data for o in deck.outputs})
        lap(".apkg write")
        quizzes = render_quizzes(bank, quiz_request(result.pack.info.quiz), out)
        write_files({o.path: o.data for o in quizzes})
        lap("HTML write")
    print(json.dumps(times))


def write_baseline_notes(pack: Path, notes_file: Path) -> int:
    """The notes quizgen renders for a pack, as :mod:`bare_genanki` reads them."""
    import genanki

    from quizgen.bank import build_bank
    from quizgen.render import anki, note_types
    from quizgen.validate import validate_pack

    result = validate_pack(pack, sources(pack))
    assert result.pack is not None
    bank = build_bank(result.pack)
    notes = list(anki._notes(bank))
    types = {note_types.BASIC_MODEL_ID: note_types.BASIC_KEY,
             note_types.CLOZE_MODEL_ID: note_types.CLOZE_KEY}
    data = {
        "time": NOW,
        "items": sum(len(getattr(result.pack, kind))
                     for kind in ("events", "actors", "causes", "disputes")),
        "decks": [{"id": deck.deck_id, "name": deck.name} for deck in anki._decks(bank)],
        "notes": [{"type": types[note.model_id], "fields": note.fields.split("\x1f"),
                   "tags": note.tags.split(), "guid": genanki.guid_for(note.question_id),
                   "deck": note.deck_id, "due": note.position} for note in notes],
    }
    notes_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return len(notes)


# --- measuring ---------------------------------------------------------------------------

def sources(pack: Path) -> Optional[Path]:
    """The articles the bundled pack quotes, where they are; synthetic packs hold their own."""
    return ARTICLES if pack == BUNDLED and ARTICLES.is_dir() else None


def measure(name: str, pack: Path, work: Path, repeat: int) -> SizeResult:
    yaml_mb = sum(p.stat().st_size for p in pack.glob("*.yaml")) / 2**20
    quizgen = quizgen_command()
    env = {"SOURCE_DATE_EPOCH": str(NOW)}
    tag = name.replace(" ", "-").replace(",", "")
    articles = sources(pack)
    with_sources = ["--sources", str(articles)] if articles else []

    notes_file = work / f"notes-{tag}.json"
    # In a child: a process started from this one would inherit its peak memory.
    run([sys.executable, __file__, "--notes-child", str(pack), str(notes_file)])
    found = SizeResult(name, json.loads(notes_file.read_text(encoding="utf-8"))["items"], yaml_mb)
    stage_runs = [run([sys.executable, __file__, "--stages-child", str(pack),
                       str(work / f"stages-{tag}-{attempt}")], env)
                  for attempt in range(repeat)]
    for stage in STAGES:
        found.stages[stage] = statistics.median(json.loads(r.stdout)[stage] for r in stage_runs)

    def build(attempt: int) -> Run:
        # A fresh output folder and build cache: a build from nothing; run again, nothing changed.
        return run([*quizgen, "build", str(pack), *with_sources,
                    "--out", str(work / f"out-{tag}-{attempt}")],
                   {**env, "XDG_CACHE_HOME": str(work / f"cache-{tag}-{attempt}")})

    def validate(attempt: int) -> Run:
        return run([*quizgen, "validate", str(pack), *with_sources], env)

    def baseline(attempt: int) -> Run:
        return run([sys.executable, str(HERE / "bare_genanki.py"), str(notes_file),
                    str(work / f"bare-{tag}-{attempt}.apkg")], env)

    # Interleaved: each build, its rebuild and a validation run right beside a baseline
    # run, so that on a shared machine both meet the same conditions; ratios are taken
    # run by run.
    rounds = [(build(attempt), baseline(attempt), build(attempt), validate(attempt))
              for attempt in range(repeat)]
    builds, runs = [r[0] for r in rounds], [r[1] for r in rounds]
    rebuilds, validations = [r[2] for r in rounds], [r[3] for r in rounds]
    found.timings["build"] = statistics.median(r.seconds for r in builds)
    found.memory["build"] = statistics.median(r.peak_mb for r in builds)
    found.timings["genanki process"] = statistics.median(r.seconds for r in runs)
    found.memory["genanki"] = statistics.median(r.peak_mb for r in runs)
    found.timings["genanki"] = statistics.median(json.loads(r.stdout)["genanki"] for r in runs)
    found.timings["rebuild"] = statistics.median(r.seconds for r in rebuilds)
    found.timings["validate"] = statistics.median(r.seconds for r in validations)
    found.ratios["script"] = statistics.median(b.seconds / g.seconds for b, g, *_ in rounds)
    found.ratios["own work"] = statistics.median(
        b.seconds / json.loads(g.stdout)["genanki"] for b, g, *_ in rounds)
    found.ratios["rebuild"] = statistics.median(r.seconds / g.seconds for _, g, r, _ in rounds)
    built = next((work / f"out-{tag}-0").glob("*.apkg"))
    assert notes_in(built) == notes_in(work / f"bare-{tag}-0.apkg"), "not the same notes"
    return found


def notes_in(apkg: Path) -> list[tuple[str, int, str, str]]:
    """What an ``.apkg`` holds, to check that both sides wrote the same notes."""
    with zipfile.ZipFile(apkg) as archive, tempfile.TemporaryDirectory() as folder:
        collection = Path(folder) / "collection.anki2"
        collection.write_bytes(archive.read("collection.anki2"))
        with contextlib.closing(sqlite3.connect(collection)) as db:
            return sorted(db.execute("SELECT guid, mid, tags, flds FROM notes"))


@dataclass
class Printing:
    build_pdf: float
    one_file: float
    ratio: float
    files: int


def measure_printing(repeat: int, work: Path) -> Optional[Printing]:
    """The bundled pack built with --pdf, each run beside one Chromium printing one file
    from its command line, with the flags quizgen prints with."""
    from quizgen.render.pdf import PRINT_FLAGS, BrowserNotFoundError, find_browser

    try:
        browser = find_browser()
    except BrowserNotFoundError:
        return None
    folder = work / "printing"
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "one.html"

    def build(attempt: int) -> Run:
        return run([*quizgen_command(), "build", str(BUNDLED), "--pdf",
                    "--out", str(folder / f"out-{attempt}")],
                   {"XDG_CACHE_HOME": str(folder / f"cache-{attempt}")})

    def one(attempt: int) -> Run:
        return run([browser, *PRINT_FLAGS, f"--user-data-dir={folder / str(attempt)}",
                    "--no-pdf-header-footer", f"--print-to-pdf={page.with_suffix('.pdf')}",
                    page.as_uri()])

    build(-1)  # also makes the file to print alone
    page.write_bytes((folder / "out--1" / "az-ru-2025-quiz-A.html").read_bytes())
    pairs = [(build(attempt), one(attempt)) for attempt in range(repeat)]
    return Printing(statistics.median(b.seconds for b, _ in pairs),
                    statistics.median(o.seconds for _, o in pairs),
                    statistics.median(b.seconds / o.seconds for b, o in pairs),
                    len(list((folder / "out--1").glob("*.pdf"))))


def measure_help(repeat: int) -> float:
    seconds, _, _ = median_run(repeat, lambda attempt: run([*quizgen_command(), "--help"]))
    return seconds


# --- reporting ---------------------------------------------------------------------------

def growth(results: list[SizeResult], value: Callable[[SizeResult], float]) -> str:
    """Time per 10× items, between consecutive synthetic sizes: ``×a, ×b``."""
    sized = [r for r in results if r.name.endswith("items")]
    steps = [f"×{value(b) / value(a):.1f}" for a, b in zip(sized, sized[1:])
             if _tenfold(a, b) and value(a) > 0]
    return ", ".join(steps) or "–"


def _tenfold(a: SizeResult, b: SizeResult) -> bool:
    """Whether ``b`` has about ten times the items of ``a`` (synthetic sizes are not exact)."""
    return 9 <= b.items / a.items <= 11


def start_up(result: SizeResult) -> float:
    """What a build spends outside the stages: starting Python, imports, the build cache."""
    return max(0.0, result.timings["build"] - sum(result.stages.values()))


def tables(results: list[SizeResult], help_seconds: float, repeat: int,
           printing: Optional[Printing] = None) -> str:
    lines = [f"Medians of {repeat} interleaved runs; times in seconds, memory is peak "
             "resident (MB).", ""]
    lines += ["### Where the time of `quizgen build` goes", "",
              "Stages timed in one process; the rest is the process's start-up (Python, "
              "imports) and what the build does around the stages.", "",
              "| pack | items | YAML | " + " | ".join(STAGES) + " | start-up and the rest |",
              "|---|---:|---:|" + "---:|" * (len(STAGES) + 1)]
    for r in results:
        lines.append(f"| {r.name} | {r.items:,} | {r.yaml_mb:.1f} MB | "
                     + " | ".join(f"{r.stages[s]:.2f}" for s in STAGES)
                     + f" | {start_up(r):.2f} |")
    lines.append("| growth per 10× items | | | " + " | ".join(
        growth(results, lambda r, s=s: r.stages[s]) for s in STAGES) + " | |")
    lines += ["", "### Whole runs, as processes, beside bare genanki", "",
              "| pack | `quizgen build` | peak | bare genanki script | peak | genanki's own work "
              "| build / genanki script | build / genanki's own work "
              "| rebuild, nothing changed | rebuild / genanki script | `quizgen validate` |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        t, m = r.timings, r.memory
        lines.append(
            f"| {r.name} | {t['build']:.2f} | {m['build']:.0f} MB "
            f"| {t['genanki process']:.2f} | {m['genanki']:.0f} MB | {t['genanki']:.2f} "
            f"| {r.ratios['script']:.2f}× | {r.ratios['own work']:.2f}× "
            f"| {t['rebuild']:.2f} | {r.ratios['rebuild']:.2f}× | {t['validate']:.2f} |")
    lines.append(f"| growth per 10× items | {growth(results, lambda r: r.timings['build'])} | "
                 f"| {growth(results, lambda r: r.timings['genanki process'])} | "
                 f"| {growth(results, lambda r: r.timings['genanki'])} | | | | | "
                 f"{growth(results, lambda r: r.timings['validate'])} |")
    lines += ["", f"`quizgen --help`: {help_seconds:.2f} s.", ""]
    if printing is not None:
        lines += [f"`quizgen build --pdf` of the bundled pack ({printing.files} PDFs: two "
                  f"variants, a student copy and a key each): {printing.build_pdf:.2f} s; one "
                  f"Chromium printing one of its files: {printing.one_file:.2f} s; "
                  f"ratio {printing.ratio:.2f}× (median of the pairs).", ""]
    return "\n".join(lines)


def targets(results: list[SizeResult], help_seconds: float,
            printing: Optional[Printing] = None) -> str:
    by_name = {r.name: r for r in results}
    bundled = by_name.get("bundled pack")
    largest = max((r for r in results if r.name.endswith("items")), key=lambda r: r.items)
    memory = max(results, key=lambda r: r.memory["build"])
    sized = [r for r in results if r.name.endswith("items")]
    steps = [b.timings["build"] / a.timings["build"] for a, b in zip(sized, sized[1:])
             if _tenfold(a, b) and a.items >= 900]
    worst_growth = max(steps, default=0.0)
    rows = []
    if bundled is not None:
        rows += [
            (f"bundled pack: build at most {RATIO_TARGET}× bare genanki",
             f"{bundled.ratios['script']:.2f}×", bundled.ratios["script"] <= RATIO_TARGET),
            (f"bundled pack: rebuild with nothing changed at most {REBUILD_TARGET}× bare genanki",
             f"{bundled.ratios['rebuild']:.2f}× ({bundled.timings['rebuild']:.2f} s)",
             bundled.ratios["rebuild"] <= REBUILD_TARGET)]
    rows += [
        (f"{largest.name}: build at most {RATIO_TARGET}× bare genanki",
         f"{largest.ratios['script']:.2f}× the script, "
         f"{largest.ratios['own work']:.2f}× genanki's own work",
         largest.ratios["script"] <= RATIO_TARGET),
        (f"linear: 10× the items, at most {GROWTH_TARGET:.0f}× the build time",
         f"×{worst_growth:.1f} from 1,000 to 10,000 items" if worst_growth else "not measured",
         worst_growth <= GROWTH_TARGET if worst_growth else None),
        (f"peak memory under {MEMORY_TARGET_MB} MB",
         f"{memory.memory['build']:.0f} MB ({memory.name})",
         memory.memory["build"] < MEMORY_TARGET_MB),
        (f"`quizgen --help` under {HELP_TARGET} s", f"{help_seconds:.2f} s",
         help_seconds < HELP_TARGET),
        (f"bundled pack: `build --pdf` at most {PDF_TARGET}× one Chromium printing one file",
         f"{printing.ratio:.2f}×" if printing else "no Chromium",
         printing.ratio <= PDF_TARGET if printing else None),
    ]
    lines = ["| target | measured | met |", "|---|---|:-:|"]
    verdicts = {True: "yes", False: "**no**", None: "–"}
    lines += [f"| {name} | {value} | {verdicts[met]} |" for name, value, met in rows]
    return "\n".join(lines)


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "not known"
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 minutes)"


def machine() -> str:
    import importlib.metadata

    from quizgen import __version__

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, quizgen {__version__}, "
            f"genanki {importlib.metadata.version('genanki')}; "
            f"run on {datetime.date.today().isoformat()}.")


def report(results: list[SizeResult], help_seconds: float, repeat: int,
           printing: Optional[Printing] = None) -> str:
    return "\n".join([
        "# quizgen build benchmark", "",
        "Written by `make bench` (`benchmarks/bench_build.py`): synthetic packs of Russian "
        "text (`benchmarks/synth.py`) built by quizgen, against bare genanki writing the same "
        "notes with the same note types (`benchmarks/bare_genanki.py`). \"genanki's own work\" "
        "is the baseline's time inside its process: making the notes and "
        "`genanki.Package(...).write_to_file`, without starting Python or reading the "
        "prepared notes.", "",
        f"Machine: {machine()}", "",
        f"Load average when the run ended: {load_average()}; other work shares the machine.", "",
        "On a shared virtual machine, timings vary by up to a third from one run to the next, "
        "so each `quizgen build` (and its rebuild and validation) runs right beside a run of "
        "the baseline and the ratios are medians of those rounds; compare ratios rather "
        "than times across runs.", "",
        "## Results", "", tables(results, help_seconds, repeat, printing),
        "## Targets", "", targets(results, help_seconds, printing), "",
    ])


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", default=",".join(str(s) for s in ITEMS),
                        help="items per synthetic pack, comma-separated")
    parser.add_argument("--events", type=int, default=MEMORY_EVENTS,
                        help="events of one more pack, for peak memory (0: none)")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="runs per measurement")
    parser.add_argument("--results", type=Path, default=HERE / "results.md",
                        help="where to write the tables (markdown)")
    parser.add_argument("--stages-child", nargs=2, metavar=("PACK", "OUT"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--notes-child", nargs=2, metavar=("PACK", "NOTES"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stages_child:
        stages_child(Path(args.stages_child[0]), Path(args.stages_child[1]))
        return
    if args.notes_child:
        write_baseline_notes(Path(args.notes_child[0]), Path(args.notes_child[1]))
        return
    sizes = sorted(int(size) for size in args.items.split(","))
    with tempfile.TemporaryDirectory(prefix="quizgen-bench-") as folder:
        work = Path(folder)
        packs = [("bundled pack", BUNDLED, None)]
        packs += [(f"{items:,} items", None, events_for_items(items)) for items in sizes]
        if args.events:
            packs.append((f"{args.events:,} events", None, args.events))
        results = []
        for name, pack, events in packs:
            print(f"measuring {name} …", file=sys.stderr, flush=True)
            if pack is None:
                pack = write_pack(work / f"pack-{events}", events)
            results.append(measure(name, pack, work, args.repeat))
        print("measuring printing …", file=sys.stderr, flush=True)
        printing = measure_printing(args.repeat, work)
    help_seconds = measure_help(args.repeat)
    text = report(results, help_seconds, args.repeat, printing)
    print(text)
    args.results.write_text(text, encoding="utf-8")
    print(f"written to {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
