"""How fast quizgen builds, at 100, 1,000 and 10,000 events, against bare genanki.

Run by ``make bench``; not part of the test suite. For each size it writes a
synthetic pack (:mod:`synth`), then measures, each a few times, taking the median:

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

    python benchmarks/bench_build.py [--sizes 100,1000,10000] [--repeat 5]
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

from synth import write_pack  # noqa: E402

SIZES = (100, 1_000, 10_000)
# Five runs of each: on a shared virtual machine one run can take a third longer than the next.
REPEAT = 5
NOW = 1_700_000_000  # SOURCE_DATE_EPOCH for every build: the same bytes on every run
STAGES = ("load + validate", "question bank", ".apkg write", "HTML write")

# The targets of the "fast at any size" issue, checked against the largest size.
RATIO_TARGET = 1.3
VALIDATE_TARGET = 2.0
MEMORY_TARGET_MB = 500
GROWTH_TARGET = 11.0
REBUILD_TARGET = 0.5
HELP_TARGET = 0.3
# `quizgen build --pdf` of the bundled pack (two variants, a student copy and a key each)
# against one Chromium printing one of those files.
PDF_TARGET = 1.5
BUNDLED = HERE.parent / "content" / "az-ru-2025"


@dataclass(frozen=True)
class Run:
    """One child process: its wall time, peak memory and what it printed."""

    seconds: float
    peak_mb: float
    stdout: str


@dataclass
class SizeResult:
    """The medians measured for one pack size."""

    events: int
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
    from quizgen.build import BuildOptions
    from quizgen.render.anki import render_deck
    from quizgen.render.quiz import render_quizzes
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
        result = validate_pack(pack)
        assert result.pack is not None, [p.format() for p in result.problems]
        lap("load + validate")
        bank = build_bank(result.pack)
        lap("question bank")
        deck = render_deck(bank, out, NOW, None)
        write_files({o.path: o.data for o in deck.outputs})
        lap(".apkg write")
        quizzes = render_quizzes(bank, out, BuildOptions(out_dir=out), result.pack.info.quiz)
        write_files({o.path: o.data for o in quizzes})
        lap("HTML write")
    print(json.dumps(times))


def write_baseline_notes(pack: Path, notes_file: Path) -> int:
    """The notes quizgen renders for a pack, as :mod:`bare_genanki` reads them."""
    from quizgen.bank import build_bank
    from quizgen.render import anki
    from quizgen.validate import validate_pack

    result = validate_pack(pack)
    assert result.pack is not None
    bank = build_bank(result.pack)
    decks = anki._decks(bank)
    notes = list(anki._notes(bank, decks))
    types = {anki.BASIC_MODEL_ID: anki.BASIC_KEY, anki.CLOZE_MODEL_ID: anki.CLOZE_KEY}
    data = {
        "time": NOW,
        "decks": [{"id": deck.deck_id, "name": deck.name} for deck in decks.values()],
        "notes": [{"type": types[note.model_id], "fields": note.fields.split("\x1f"),
                   "tags": note.tags.split(), "guid": note.guid,
                   "deck": note.deck_id, "due": note.position} for note in notes],
    }
    notes_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return len(notes)


# --- measuring ---------------------------------------------------------------------------

def measure(events: int, work: Path, repeat: int) -> SizeResult:
    pack = write_pack(work / f"pack-{events}", events)
    yaml_mb = sum(p.stat().st_size for p in pack.glob("*.yaml")) / 2**20
    found = SizeResult(events, yaml_mb)
    quizgen = quizgen_command()
    env = {"SOURCE_DATE_EPOCH": str(NOW)}

    stage_runs = [run([sys.executable, __file__, "--stages-child", str(pack),
                       str(work / f"stages-{events}-{attempt}")], env)
                  for attempt in range(repeat)]
    for stage in STAGES:
        found.stages[stage] = statistics.median(json.loads(r.stdout)[stage] for r in stage_runs)

    def build(attempt: int) -> Run:
        # A fresh output folder and stamp cache: a build from nothing.
        return run([*quizgen, "build", str(pack), "--out", str(work / f"out-{events}-{attempt}")],
                   {**env, "XDG_CACHE_HOME": str(work / f"cache-{events}-{attempt}")})

    def rebuild(attempt: int) -> Run:
        # The same folder and cache as build(attempt), which ran before: nothing changed.
        return build(attempt)

    def validate(attempt: int) -> Run:
        return run([*quizgen, "validate", str(pack)], env)

    notes_file = work / f"notes-{events}.json"
    # In a child: a process started from this one would inherit its peak memory.
    run([sys.executable, __file__, "--notes-child", str(pack), str(notes_file)])

    def baseline(attempt: int) -> Run:
        return run([sys.executable, str(HERE / "bare_genanki.py"), str(notes_file),
                    str(work / f"bare-{events}-{attempt}.apkg")], env)

    # Each build runs right beside a baseline run, so that on a shared machine both
    # meet the same conditions; their ratio is taken run by run.
    pairs = [(build(attempt), baseline(attempt)) for attempt in range(repeat)]
    builds, runs = [b for b, _ in pairs], [g for _, g in pairs]
    found.timings["build"] = statistics.median(r.seconds for r in builds)
    found.memory["build"] = statistics.median(r.peak_mb for r in builds)
    found.timings["genanki process"] = statistics.median(r.seconds for r in runs)
    found.memory["genanki"] = statistics.median(r.peak_mb for r in runs)
    found.timings["genanki"] = statistics.median(json.loads(r.stdout)["genanki"] for r in runs)
    found.ratios["script"] = statistics.median(b.seconds / g.seconds for b, g in pairs)
    found.ratios["own work"] = statistics.median(
        b.seconds / json.loads(g.stdout)["genanki"] for b, g in pairs)
    found.timings["rebuild"], _, _ = median_run(repeat, rebuild)
    found.timings["validate"], found.memory["validate"], _ = median_run(repeat, validate)
    built = work / f"out-{events}-0" / f"synthetic-{events}.apkg"
    assert notes_in(built) == notes_in(work / f"bare-{events}-0.apkg"), "not the same notes"
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
    """The bundled pack built with --pdf, beside one Chromium printing one of its files."""
    from quizgen.render.pdf import BROWSER_FLAGS, BrowserNotFoundError, find_browser

    try:
        browser = find_browser()
    except BrowserNotFoundError:
        return None
    page = work / "printing" / "one.html"

    def build(attempt: int) -> Run:
        out = work / "printing" / f"out-{attempt}"
        return run([*quizgen_command(), "build", str(BUNDLED), "--pdf", "--out", str(out)],
                   {"XDG_CACHE_HOME": str(work / "printing" / f"cache-{attempt}")})

    def one(attempt: int) -> Run:
        return run([browser, *BROWSER_FLAGS, f"--user-data-dir={work / 'printing' / str(attempt)}",
                    "--no-pdf-header-footer", f"--print-to-pdf={page.with_suffix('.pdf')}",
                    page.as_uri()])

    build(-1)  # gives the file to print alone
    page.write_bytes((work / "printing" / "out--1" / "az-ru-2025-quiz-A.html").read_bytes())
    pairs = [(build(attempt), one(attempt)) for attempt in range(repeat)]
    files = len(list((work / "printing" / "out--1").glob("*.pdf")))
    return Printing(statistics.median(b.seconds for b, _ in pairs),
                    statistics.median(o.seconds for _, o in pairs),
                    statistics.median(b.seconds / o.seconds for b, o in pairs), files)


def measure_help(repeat: int) -> float:
    seconds, _, _ = median_run(repeat, lambda attempt: run([*quizgen_command(), "--help"]))
    return seconds


# --- reporting ---------------------------------------------------------------------------

def growth(results: list[SizeResult], value: Callable[[SizeResult], float]) -> str:
    """Time per 10× events, between consecutive sizes: ``×a, ×b``."""
    steps = [f"×{value(b) / value(a):.1f}" for a, b in zip(results, results[1:])
             if b.events == 10 * a.events and value(a) > 0]
    return ", ".join(steps) or "–"


def tables(results: list[SizeResult], help_seconds: float, repeat: int,
           printing: Optional[Printing] = None) -> str:
    lines = [f"Medians of {repeat} runs; times in seconds, memory is peak resident (MB).", ""]
    lines += ["### Stages, in one process", "",
              "| events | YAML | " + " | ".join(STAGES) + " |",
              "|---:|---:|" + "---:|" * len(STAGES)]
    for r in results:
        lines.append(f"| {r.events:,} | {r.yaml_mb:.1f} MB | "
                     + " | ".join(f"{r.stages[s]:.2f}" for s in STAGES) + " |")
    lines.append("| growth per 10× | | " + " | ".join(
        growth(results, lambda r, s=s: r.stages[s]) for s in STAGES) + " |")
    lines += ["", "### Whole runs, as processes", "",
              "| events | `quizgen build` | peak | bare genanki script | peak | genanki's own work "
              "| build / genanki script | build / genanki's own work | rebuild, nothing changed "
              "| `quizgen validate` |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        t, m = r.timings, r.memory
        lines.append(
            f"| {r.events:,} | {t['build']:.2f} | {m['build']:.0f} MB "
            f"| {t['genanki process']:.2f} | {m['genanki']:.0f} MB | {t['genanki']:.2f} "
            f"| {r.ratios['script']:.2f}× | {r.ratios['own work']:.2f}× "
            f"| {t['rebuild']:.2f} | {t['validate']:.2f} |")
    lines.append(f"| growth per 10× | {growth(results, lambda r: r.timings['build'])} | "
                 f"| {growth(results, lambda r: r.timings['genanki process'])} | "
                 f"| {growth(results, lambda r: r.timings['genanki'])} | | | | "
                 f"{growth(results, lambda r: r.timings['validate'])} |")
    lines += ["", f"`quizgen --help`: {help_seconds:.2f} s.", ""]
    if printing is not None:
        lines += [f"`quizgen build --pdf` of the bundled pack ({printing.files} PDFs: two "
                  f"variants, a student copy and a key each): {printing.build_pdf:.2f} s; one "
                  f"Chromium printing one of its files: {printing.one_file:.2f} s; "
                  f"ratio {printing.ratio:.2f}×.", ""]
    return "\n".join(lines)


def targets(results: list[SizeResult], help_seconds: float,
            printing: Optional[Printing] = None) -> str:
    largest = results[-1]
    t, m = largest.timings, largest.memory
    pairs = [(a, b) for a, b in zip(results, results[1:]) if b.events == 10 * a.events]
    worst_growth = max((b.timings["build"] / a.timings["build"] for a, b in pairs
                        if a.events >= 1000), default=0.0)
    rows = [
        (f"whole build at most {RATIO_TARGET}× bare genanki ({largest.events:,} events)",
         f"{largest.ratios['script']:.2f}× the script, "
         f"{largest.ratios['own work']:.2f}× genanki's own work",
         largest.ratios["script"] <= RATIO_TARGET),
        (f"validating {largest.events:,} events under {VALIDATE_TARGET:.0f} s",
         f"{largest.stages['load + validate']:.2f} s in process, "
         f"{t['validate']:.2f} s as `quizgen validate`",
         largest.stages["load + validate"] < VALIDATE_TARGET),
        (f"peak memory under {MEMORY_TARGET_MB} MB", f"{m['build']:.0f} MB",
         m["build"] < MEMORY_TARGET_MB),
        (f"linear: 10× the events, at most {GROWTH_TARGET:.0f}× the build time",
         f"×{worst_growth:.1f} from 1,000 to 10,000 events" if worst_growth else "not measured",
         worst_growth <= GROWTH_TARGET if worst_growth else None),
        (f"rebuild with nothing changed under {REBUILD_TARGET} s", f"{t['rebuild']:.2f} s",
         t["rebuild"] < REBUILD_TARGET),
        (f"`quizgen --help` under {HELP_TARGET} s", f"{help_seconds:.2f} s",
         help_seconds < HELP_TARGET),
        (f"`build --pdf` of the bundled pack at most {PDF_TARGET}× one Chromium printing one file",
         f"{printing.ratio:.2f}×" if printing else "no Chromium",
         printing.ratio <= PDF_TARGET if printing else None),
    ]
    lines = ["| target | measured | met |", "|---|---|:-:|"]
    verdicts = {True: "yes", False: "**no**", None: "–"}
    lines += [f"| {name} | {value} | {verdicts[met]} |" for name, value, met in rows]
    return "\n".join(lines)


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
        "On a shared virtual machine, timings vary by up to a third from one run to the next, "
        "so each `quizgen build` runs right beside a run of the baseline and the ratios are "
        "medians of those pairs; compare ratios rather than times across runs.", "",
        "## Results", "", tables(results, help_seconds, repeat, printing),
        "## Targets", "", targets(results, help_seconds, printing), "",
    ])


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES),
                        help="events per pack, comma-separated")
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
    sizes = sorted(int(size) for size in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="quizgen-bench-") as folder:
        results = []
        for events in sizes:
            print(f"measuring {events:,} events …", file=sys.stderr, flush=True)
            results.append(measure(events, Path(folder), args.repeat))
        print("measuring printing …", file=sys.stderr, flush=True)
        printing = measure_printing(args.repeat, Path(folder))
    help_seconds = measure_help(args.repeat)
    text = report(results, help_seconds, args.repeat, printing)
    print(text)
    args.results.write_text(text, encoding="utf-8")
    print(f"written to {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
