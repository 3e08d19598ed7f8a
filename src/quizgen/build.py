"""``quizgen build``: the whole pipeline, one visible step after another.

load + validate → question bank → renderers (Anki deck, quizzes) → atomic writer.
Nothing is written unless every pack is sound, and all outputs of a run are
written as one batch, so an error or a kill leaves the previous outputs intact.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

from .bank import QuestionBank, build_bank
from .model import QuizSettings
from .problems import ContentError, Problem, has_errors
from .validate import validate_pack
from .write import write_files

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked for; ``None`` quiz settings fall back to pack.yaml's ``quiz:``."""

    out_dir: Path = Path("decks")
    sources_dir: Optional[Path] = None
    strict: bool = False
    check: bool = False
    seed: Optional[int] = None
    variants: Optional[int] = None
    questions: Optional[int] = None
    type_counts: dict[str, int] = field(default_factory=dict)
    pdf: bool = False
    now: Optional[int] = None


@dataclass(frozen=True)
class Output:
    """One output file and the line that describes it to the user."""

    path: Path
    data: bytes
    summary: str


@dataclass(frozen=True)
class PackBuild:
    """Everything one pack builds to, and what changed in its deck since the lock."""

    pack_id: str
    outputs: tuple[Output, ...]
    change_lines: tuple[str, ...]


@dataclass(frozen=True)
class BuildReport:
    problems: list[Problem]
    packs: list[PackBuild]
    written: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    check: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.stale)

    def lines(self) -> list[str]:
        lines: list[str] = []
        for pack in self.packs:
            lines.extend(pack.change_lines)
            for output in pack.outputs:
                state = "stale" if output.path in self.stale else (
                    "written" if output.path in self.written else "unchanged")
                lines.append(f"{output.path}: {output.summary} ({state})")
        if self.check:
            lines.append(f"{len(self.stale)} stale file(s)" if self.stale
                         else "all outputs are up to date")
        return lines


def build_packs(pack_dirs: Sequence[Path], options: BuildOptions,
                progress: Optional[Progress] = None) -> BuildReport:
    """Validate every pack, then build and write (or, with ``check``, compare) all outputs."""
    say = progress or (lambda message: None)
    problems: list[Problem] = []
    packs = []
    for directory in pack_dirs:
        say(f"validating {directory}")
        result = validate_pack(directory, options.sources_dir)
        problems.extend(result.problems)
        if result.pack is None or has_errors(result.problems, strict=options.strict):
            continue
        packs.append(result.pack)
    if has_errors(problems, strict=options.strict) or len(packs) != len(pack_dirs):
        raise ContentError(problems)
    now = build_time(options)
    built = [build_pack(build_bank(pack), options, now, say, pack.info.quiz) for pack in packs]
    outputs = {o.path: o.data for b in built for o in b.outputs}
    if options.check:
        stale = sorted(p for p, data in outputs.items() if not _same_file(p, data))
        return BuildReport(problems, built, stale=stale, check=True)
    say(f"writing {len(outputs)} file(s) to {options.out_dir}")
    written = write_files(outputs)
    return BuildReport(problems, built, written=written)


def build_time(options: BuildOptions) -> int:
    """The time stamped on notes that change in this build: ``SOURCE_DATE_EPOCH`` if set."""
    if options.now is not None:
        return options.now
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isdigit() else int(time.time())


def build_pack(bank: QuestionBank, options: BuildOptions, now: int, say: Progress,
               quiz: QuizSettings = QuizSettings()) -> PackBuild:
    """Render one pack's deck and quizzes (in memory); ``quiz`` is pack.yaml's ``quiz:``."""
    from .lock import lock_path, read_lock
    from .render.anki import render_deck
    from .render.quiz import render_quizzes

    out = options.out_dir
    say(f"{bank.pack_id}: {len(bank.questions)} questions; rendering the Anki deck")
    previous = read_lock(lock_path(out, bank.pack_id), bank.pack_id)
    deck = render_deck(bank, out, now, previous)
    say(f"{bank.pack_id}: rendering quizzes")
    quizzes = render_quizzes(bank, out, options, quiz)
    return PackBuild(bank.pack_id, tuple(deck.outputs) + tuple(quizzes),
                     tuple(deck.change_lines))


def _same_file(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False
