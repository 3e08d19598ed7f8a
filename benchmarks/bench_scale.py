"""Whether ``quizgen validate`` and ``quizgen build`` grow linearly: 10,000, 20,000 and 40,000 events.

Run by ``make bench``; not part of the test suite (``tests/test_scale.py`` counts the work
of the passes that were quadratic, without timing anything). For each size it writes a
synthetic pack (:mod:`synth`), then runs ``quizgen validate`` and ``quizgen build`` (from
nothing: a fresh output folder and cache) as processes and takes their wall time and CPU
time (user + system, from ``wait4``: on a shared machine the CPU time varies less). It
prints each with its growth from the size before (×2.0 is linear for twice the events) and
replaces the section "Scale" of ``benchmarks/results.md``.

    python benchmarks/bench_scale.py [--events 10000,20000,40000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import write_pack  # noqa: E402

EVENTS = (10_000, 20_000, 40_000)
RESULTS = HERE / "results.md"
HEADING = "## Scale"
NOW = 1_700_000_000
# Twice the events, at most this many times the time: linear, with room for a shared machine.
GROWTH_TARGET = 2.5


@dataclass(frozen=True)
class Timed:
    wall: float
    cpu: float
    peak_mb: float


def run(command: list[str], env: dict[str, str]) -> Timed:
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env={**os.environ, **env})
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return Timed(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def quizgen() -> list[str]:
    script = Path(sys.executable).with_name("quizgen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "quizgen"]


def measure(pack: Path, work: Path, repeat: int) -> dict[str, Timed]:
    env = {"SOURCE_DATE_EPOCH": str(NOW)}
    found: dict[str, list[Timed]] = {"validate": [], "build": []}
    for attempt in range(repeat):
        found["validate"].append(run([*quizgen(), "validate", str(pack)], env))
        out, cache = work / f"out-{pack.name}-{attempt}", work / f"cache-{pack.name}-{attempt}"
        found["build"].append(run([*quizgen(), "build", str(pack), "--out", str(out)],
                                  {**env, "XDG_CACHE_HOME": str(cache)}))
    return {command: Timed(statistics.median(t.wall for t in runs),
                           statistics.median(t.cpu for t in runs),
                           statistics.median(t.peak_mb for t in runs))
            for command, runs in found.items()}


def table(sizes: list[int], results: list[dict[str, Timed]]) -> list[str]:
    lines = ["| events | command | wall (s) | growth | CPU (s) | growth | peak memory |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    for command in ("validate", "build"):
        for index, (size, result) in enumerate(zip(sizes, results)):
            timed = result[command]
            before = results[index - 1][command] if index else None
            wall = f"×{timed.wall / before.wall:.2f}" if before else "–"
            cpu = f"×{timed.cpu / before.cpu:.2f}" if before else "–"
            lines.append(f"| {size:,} | `quizgen {command}` | {timed.wall:.1f} | {wall} | "
                         f"{timed.cpu:.1f} | {cpu} | {timed.peak_mb:.0f} MB |")
    return lines


def met(sizes: list[int], results: list[dict[str, Timed]]) -> list[str]:
    lines = []
    for command in ("validate", "build"):
        steps = [b[command].cpu / a[command].cpu for a, b in zip(results, results[1:])]
        if steps:
            worst = max(steps)
            lines.append(f"- `quizgen {command}`: CPU time at most ×{worst:.2f} per doubling "
                         f"(target ×{GROWTH_TARGET}): {'met' if worst <= GROWTH_TARGET else '**not met**'}")
    return lines


def section(sizes: list[int], results: list[dict[str, Timed]], repeat: int) -> str:
    load = os.getloadavg()
    return "\n".join([
        HEADING, "",
        "Written by `benchmarks/bench_scale.py`: synthetic packs (`benchmarks/synth.py`) of "
        f"{', '.join(f'{s:,}' for s in sizes)} events, each command run as a process "
        f"(median of {repeat}); growth is the ratio to the size before it, ×2.00 being linear. "
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"run on {datetime.date.today()}, load average {load[0]:.2f} when it ended.", "",
        *table(sizes, results), "", *met(sizes, results), "",
    ])


def replace_section(text: str, new: str) -> str:
    """``text`` with its section :data:`HEADING` replaced by ``new`` (added at the end if none)."""
    start = text.find(HEADING + "\n")
    if start < 0:
        return text.rstrip("\n") + "\n\n" + new
    end = text.find("\n## ", start + len(HEADING))
    return text[:start] + new + (text[end + 1:] if end >= 0 else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", default=",".join(str(e) for e in EVENTS))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.events.split(","))
    results = []
    with tempfile.TemporaryDirectory(prefix="quizgen-scale-") as folder:
        work = Path(folder)
        for size in sizes:
            print(f"measuring {size:,} events …", file=sys.stderr, flush=True)
            pack = write_pack(work / f"pack-{size}", size)
            results.append(measure(pack, work, args.repeat))
    text = section(sizes, results, args.repeat)
    print(text)
    old = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
    args.results.write_text(replace_section(old, text), encoding="utf-8")
    print(f"written to {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
