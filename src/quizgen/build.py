"""``quizgen build``: the whole pipeline, one visible step after another.

load + validate → question bank → renderers (Anki deck, quizzes) → atomic writer.
Nothing is written unless every pack is sound, and all outputs of a run are
written as one batch, so an error or a kill leaves the previous outputs intact.
A pack whose entry in the build cache (:mod:`quizgen.cache`) shows that nothing changed since its
last build is not even loaded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, Sequence

from . import cache, clock, collector
from .problems import ContentError, OutputError, Problem, has_errors
from .write import Output, exclusive_folder, write_files

if TYPE_CHECKING:
    from .question import QuestionBank
    from .model import Pack
    from .render.pdf import Printer
    from .validate import Validation

# Validating, the question bank, the Anki deck and the quizzes.
STEPS_PER_PACK = 4


@dataclass(frozen=True)
class BuildProgress:
    """How far a build has got: ``done`` of ``total`` steps, and what it is doing now."""

    done: int
    total: int
    message: str
    notice: bool = False


Progress = Callable[[BuildProgress], None]


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
    paper: Optional[str] = None
    exports: Optional[tuple[str, ...]] = None
    now: Optional[int] = None
    keep_going: bool = False  # build the sound packs even when another pack has errors
    # The output folder was named by the user, not taken by default: a checkout's ``decks``
    # that is a link (to anywhere) is followed only when the user names it.
    out_chosen: bool = True


@dataclass(frozen=True)
class PackBuild:
    """Everything one pack builds to, and what changed in its deck since the lock.

    ``rebuild_lines`` are the change lines of a rebuild with nothing changed.
    """

    pack_id: str
    outputs: tuple[Output, ...]
    change_lines: tuple[str, ...]
    rebuild_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuildReport:
    problems: list[Problem]
    packs: list[PackBuild]
    written: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    check: bool = False
    broken: list[Path] = field(default_factory=list)  # not built for their errors (keep_going)

    @property
    def failed(self) -> bool:
        return bool(self.stale or self.broken)

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


@dataclass(frozen=True)
class _Sound:
    """A pack that validated, with what its build reads (``None`` under ``check``)."""

    directory: Path
    validation: Validation
    inputs: Optional[dict[str, Any]]


def build_packs(pack_dirs: Sequence[Path], options: BuildOptions,
                progress: Optional[Progress] = None) -> BuildReport:
    """Validate every pack, then build and write (or, with ``check``, compare) all outputs.

    Without ``check``, a pack whose cache entry shows nothing changed since its last build
    keeps the outputs it has; ``check`` always builds everything and compares.
    """
    with collector.paused(), _Printing(options) as printing:
        return _build_packs(pack_dirs, options, progress, printing)


def _build_packs(pack_dirs: Sequence[Path], options: BuildOptions,
                 progress: Optional[Progress], printing: _Printing) -> BuildReport:
    now = build_time(options)
    steps = _Steps(progress, len(pack_dirs) * STEPS_PER_PACK + 1)
    problems: list[Problem] = []
    kept: dict[Path, PackBuild] = {}
    sound: list[_Sound] = []
    for directory in pack_dirs:
        earlier = None if options.check else _unchanged_build(directory, options)
        if earlier is not None:
            steps.skip(STEPS_PER_PACK, f"{directory}: unchanged since its last build")
            kept[directory], earlier_problems = earlier
            problems.extend(earlier_problems)
            continue
        printing.start()  # a pack to build: Chromium starts up while it validates
        steps.next(f"validating {directory}")
        result = _validate(directory, options)
        problems.extend(result.problems)
        if result.pack is not None and not has_errors(result.problems, strict=options.strict):
            inputs = None if options.check else _inputs(directory, options, result.read)
            sound.append(_Sound(directory, result, inputs))
    duplicates = _same_ids(pack_dirs, kept, sound)
    problems.extend(duplicates.values())
    sound = [pack for pack in sound if pack.directory not in duplicates]
    kept = {directory: build for directory, build in kept.items() if directory not in duplicates}
    broken = [d for d in pack_dirs if d not in kept and d not in {p.directory for p in sound}]
    if broken and not (options.keep_going and (sound or kept)):
        raise ContentError(problems, not_built=_not_built(pack_dirs, broken))
    pack_dirs = [directory for directory in pack_dirs if directory not in broken]
    printer = printing.printer
    if options.check:
        built = {pack.directory: _build_sound(pack, options, now, steps, printer) for pack in sound}
        outputs = {o.path: o.data for b in built.values() for o in b.outputs}
        stale = sorted(p for p, data in outputs.items() if not _same_file(p, data))
        return BuildReport(problems, _in_order(pack_dirs, kept, built), stale=stale, check=True,
                           broken=broken)
    _refuse_linked_default(options)
    # From reading the deck locks to the last rename, no other build may touch the outputs.
    with exclusive_folder(options.out_dir, lambda: steps.notice(
            f"another build is writing to {options.out_dir}; waiting for it to finish")):
        built = {pack.directory: _build_sound(pack, options, now, steps, printer) for pack in sound}
        printing.finish()
        outputs = {o.path: o.data for b in built.values() for o in b.outputs}
        steps.next(f"writing {len(outputs)} file(s) to {options.out_dir}")
        written = write_files(outputs)
        _save_cache(sound, built, options, steps)
    return BuildReport(problems, _in_order(pack_dirs, kept, built), written=written,
                       broken=broken)


def _refuse_linked_default(options: BuildOptions) -> None:
    """A default output folder that is a link could be a checkout's way out of itself."""
    if not options.out_chosen and options.out_dir.is_symlink():
        raise OutputError(
            f"cannot write {options.out_dir}: it is a link (to {os.readlink(options.out_dir)}), "
            f"and quizgen follows a link only to a folder it is given: pass --out "
            f"{options.out_dir} to write there")


def _not_built(pack_dirs: Sequence[Path], broken: Sequence[Path]) -> str:
    """What a run that stops for some packs' errors did not build."""
    others = len(pack_dirs) - len(broken)
    names = ", ".join(str(directory) for directory in broken)
    if not others:
        return ""  # the one pack asked for: its problems say it all
    return (f"not built: {names}, nor the {others} other pack(s), since a build writes all or "
            "nothing; --keep-going builds the sound ones")


def _same_ids(pack_dirs: Sequence[Path], kept: Mapping[Path, PackBuild],
              sound: Sequence[_Sound]) -> dict[Path, Problem]:
    """A problem for each pack whose id an earlier pack has (a copied pack folder)."""
    ids = {pack.directory: pack.validation.pack.id for pack in sound if pack.validation.pack}
    ids.update({directory: build.pack_id for directory, build in kept.items()})
    first: dict[str, Path] = {}
    problems: dict[Path, Problem] = {}
    for directory in pack_dirs:
        pack_id = ids.get(directory)
        if pack_id is None:
            continue
        if pack_id in first:
            from .validate import same_id_problem  # only then: a kept pack needs no YAML

            problems[directory] = same_id_problem(directory, pack_id, first[pack_id])
        first.setdefault(pack_id, directory)
    return problems


def _in_order(pack_dirs: Sequence[Path], kept: Mapping[Path, PackBuild],
              built: Mapping[Path, PackBuild]) -> list[PackBuild]:
    return [kept.get(directory) or built[directory] for directory in pack_dirs]


def build_time(options: BuildOptions) -> int:
    """The time stamped on notes that change in this build: ``SOURCE_DATE_EPOCH`` if set."""
    return clock.build_time(options.now)


def build_pack(pack: Pack, bank: QuestionBank, options: BuildOptions, now: int,
               say: Callable[[str], None] = lambda message: None,
               printer: Optional[Printer] = None) -> PackBuild:
    """Render one pack's deck, quizzes, exports and study page (in memory).

    ``say`` hears of each of the two steps as it starts. The quizzes are composed once,
    the study page's pool with them.
    """
    from .lock import lock_path, read_lock
    from .quiz import compose_quizzes
    from .render.anki import render_deck
    from .render.lms import export_formats, render_exports
    from .render.quiz import quiz_paper, quiz_request, start_quizzes
    from .render.study import POOL_VARIANTS, render_study

    out, quiz = options.out_dir, pack.info.quiz
    request = quiz_request(quiz, options.seed, options.variants, options.questions,
                           options.type_counts)
    say(f"{bank.pack_id}: {len(bank.questions)} questions; rendering quizzes")
    composed = compose_quizzes(bank, request, more=max(0, POOL_VARIANTS - request.variants))
    printed = composed[:request.variants]
    paper = quiz_paper(quiz, bank.language, options.paper)
    # First, so that the PDFs print while the deck, the exports and the study page render.
    quizzes, pdfs = start_quizzes(bank, request, out, options.pdf, paper, printer, printed)
    say(f"{bank.pack_id}: rendering the Anki deck")
    previous = read_lock(lock_path(out, bank.pack_id), bank.pack_id)
    deck = render_deck(bank, out, now, previous)
    unguarded = previous is None and clock.from_environment(options.now) \
        and not (out / f"{bank.pack_id}.apkg").exists()
    exports = render_exports(bank, out, request, export_formats(quiz, options.exports), printed)
    study = render_study(pack, bank, request, out, composed[:POOL_VARIANTS])
    warning = [_unguarded_times(now)] if unguarded else []
    return PackBuild(bank.pack_id, (*deck.outputs, *quizzes, *pdfs(), *exports, study),
                     (*deck.change_lines, *warning), tuple(deck.rebuild_lines))


def _unguarded_times(now: int) -> str:
    """Why edits may not reach learners: no lock, no earlier deck, and a time set by hand."""
    return (f"  warning: no deck lock and no earlier deck, so every note is stamped "
            f"SOURCE_DATE_EPOCH ({now}); Anki keeps a learner's copy of any note it already "
            "holds with a later time: restore the lock from version control, or build without "
            "SOURCE_DATE_EPOCH")


def _validate(directory: Path, options: BuildOptions) -> Validation:
    # Imported here: a build that keeps every pack needs neither YAML nor the content models.
    from .validate import validate_pack

    return validate_pack(directory, options.sources_dir)


def _build_sound(sound: _Sound, options: BuildOptions, now: int, steps: _Steps,
                 printer: Optional[Printer] = None) -> PackBuild:
    from .bank import build_bank

    pack = sound.validation.pack
    assert pack is not None
    steps.next(f"{pack.id}: building the question bank")
    bank = sound.validation.bank or build_bank(pack)
    return build_pack(pack, bank, options, now, steps.next, printer)


class _Printing:
    """The Chromium of a build with --pdf, started once a pack is to be built.

    It starts before the pack validates, so that it is up by the time the pages are made;
    a build that keeps every pack's outputs starts none.
    """

    def __init__(self, options: BuildOptions) -> None:
        self.wanted = options.pdf
        self.printer: Optional[Printer] = None

    def start(self) -> None:
        if self.wanted and self.printer is None:
            from .render.pdf import Printer, find_browser

            self.printer = Printer(find_browser())

    def finish(self) -> None:
        """Every pack is built: the browser may quit while the outputs are written."""
        if self.printer is not None:
            self.printer.finish()

    def __enter__(self) -> _Printing:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.printer is not None:
            self.printer.__exit__(*exc_info)


def _inputs(directory: Path, options: BuildOptions,
            files: Mapping[str, Optional[str]]) -> dict[str, Any]:
    """What a build of the pack reads and is asked, for its cache entry."""
    asked = {"strict": options.strict, "seed": options.seed, "variants": options.variants,
             "questions": options.questions, "pdf": options.pdf,
             "paper": options.paper,
             "exports": None if options.exports is None else list(options.exports),
             "type_counts": dict(sorted(options.type_counts.items()))}
    return cache.fingerprint(directory, options.out_dir, options.sources_dir, asked, files)


def _unchanged_build(directory: Path, options: BuildOptions
                     ) -> Optional[tuple[PackBuild, list[Problem]]]:
    """The pack's last build and its problems, if its cache entry shows nothing changed since."""
    earlier = cache.read_entry(cache.entry_path(options.out_dir, directory))
    if earlier is None:
        return None
    files = cache.files_now(directory, earlier.inputs.get("files", {}))
    if earlier.inputs != _inputs(directory, options, files):
        return None
    on_disk = cache.outputs_on_disk(earlier)
    if on_disk is None:
        return None
    outputs = tuple(Output(o.path, on_disk[o.path], o.summary) for o in earlier.outputs)
    return (PackBuild(earlier.pack_id, outputs, earlier.lines, earlier.lines),
            list(earlier.problems))


def _save_cache(sound: Sequence[_Sound], built: dict[Path, PackBuild], options: BuildOptions,
                 steps: _Steps) -> None:
    """A cache entry for each pack just built; one that cannot be written only costs speed."""
    entries: dict[Path, bytes] = {}
    for pack in sound:
        path = cache.entry_path(options.out_dir, pack.directory)
        if path is None or pack.inputs is None:
            continue
        build = built[pack.directory]
        entries[path] = cache.new_entry(
            pack.inputs, build.pack_id, [(o.path, o.data, o.summary) for o in build.outputs],
            build.rebuild_lines, pack.validation.problems).to_bytes()
    try:
        write_files(entries)
    except OutputError as exc:
        steps.note(f"build cache not saved ({exc}); the next build will be a full one")


class _Steps:
    """Numbers a build's steps for the progress callback, if there is one."""

    def __init__(self, progress: Optional[Progress], total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def next(self, message: str) -> None:
        """A step starts."""
        self.note(message)
        self.done += 1

    def skip(self, count: int, message: str) -> None:
        """``count`` steps turn out to need no work."""
        self.done += count
        self.note(message)

    def note(self, message: str) -> None:
        if self.progress is not None:
            self.progress(BuildProgress(self.done, self.total, message))

    def notice(self, message: str) -> None:
        """A message the user should see at once, even where no progress bar shows."""
        if self.progress is not None:
            self.progress(BuildProgress(self.done, self.total, message, notice=True))


def _same_file(path: Path, data: bytes) -> bool:
    """Whether the regular file at ``path`` (not a link or a pipe) holds ``data``."""
    from .files import read_regular

    try:
        return read_regular(path, len(data), follow_links=False) == data
    except OSError:
        return False
