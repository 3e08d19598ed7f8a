"""The ``quizgen`` command: parses options, calls the library, formats what it returns."""

from __future__ import annotations

import difflib
import errno
import json
import os
import shutil
import signal
import sys
import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Sequence

import click

from .problems import (ContentError, Level, Problem, QuizgenError, UsageError, display_path,
                       has_errors, printable, printable_json)
from .rules import Scope

if TYPE_CHECKING:
    from .build import BuildProgress

DEFAULT_CONTENT = Path("content")
DEFAULT_OUT = Path("decks")

_sources_option = click.option(
    "--sources", "sources_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of source texts named <source id>.txt, for checking quotes.")
_packs_argument = click.argument(
    "pack_dirs", nargs=-1, type=click.Path(file_okay=False, path_type=Path))


MAX_TYPE_COUNT = 500  # as many as a quiz may have questions
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in quizgen
EXIT_NO_MEMORY = 71  # EX_OSERR: the machine refused memory
EXIT_IO_ERROR = 74  # EX_IOERR: the system refused to read or write a file
EXIT_BROKEN_PIPE = EXIT_IO_ERROR  # whoever read the output stopped reading


class _Group(click.Group):
    """Turns library errors into messages and exit codes; a traceback only under --debug."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return self._invoke(ctx)
        except BrokenPipeError:  # raised anywhere, the reporting of another error included
            _quiet(sys.stdout)
            _fail_on_a_closed_pipe()

    def _invoke(self, ctx: click.Context) -> Any:
        interrupts = _Interrupts()
        try:
            with interrupts:
                result = super().invoke(ctx)
        except KeyboardInterrupt:
            interrupts.seen = True
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort,
                SystemExit) as exc:
            interrupts.raise_if_seen()
            if isinstance(exc, click.ClickException):  # click prints it: the value given too
                # click types the message Final, yet reads it only to show the error, after this.
                exc.message = _neutral(exc.message)  # type: ignore[misc]
            raise
        except ContentError as exc:
            interrupts.raise_if_seen()
            _print_problems(exc.problems)
            _fail(f"{exc}", 1)
        except UsageError as exc:
            raise click.UsageError(_neutral(str(exc)), ctx) from None
        except QuizgenError as exc:
            if _out_of_memory(exc):
                _fail(_NO_MEMORY_MESSAGE, EXIT_NO_MEMORY)
            _fail(f"{exc}", 1)
        except MemoryError:
            _fail(_NO_MEMORY_MESSAGE, EXIT_NO_MEMORY)
        except BrokenPipeError:
            raise
        except OSError as exc:  # what the system refused that no library error describes
            interrupts.raise_if_seen()
            if _out_of_memory(exc):
                _fail(_NO_MEMORY_MESSAGE, EXIT_NO_MEMORY)
            _fail(_describe_os_error(exc), EXIT_IO_ERROR)
        except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
            # An interrupt raised inside an import is raised again wrapped (a RuntimeError
            # when a class was being made): still an interrupt.
            interrupts.raise_if_seen()
            if _out_of_memory(exc):
                _fail(_NO_MEMORY_MESSAGE, EXIT_NO_MEMORY)
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            _fail(f"internal error: {type(exc).__name__}: {exc} "
                  "(this is a bug; run with --debug for details)", EXIT_INTERNAL)
        interrupts.raise_if_seen()
        return result


_NO_MEMORY_MESSAGE = "out of memory (raise the memory limit, or build fewer packs at once)"


def _out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc`` is, or was raised from, the machine refusing memory (``ENOMEM``)."""
    seen: set[int] = set()
    current: Optional[BaseException] = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, MemoryError) or (
                isinstance(current, OSError) and current.errno == errno.ENOMEM):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _fail(message: str, code: int) -> None:
    _echo(f"quizgen: error: {message}", err=True)
    raise click.exceptions.Exit(code)


def _echo(text: str, err: bool = False) -> None:
    """Print ``text``: every line a command prints goes through here (or :func:`_echo_json`).

    A line can carry a folder's name, a pack's title or id, a lock's keys or an old deck's
    name, any of which can hold escape sequences that would drive the terminal: each line
    is printed with them written out (:func:`quizgen.problems.printable`).
    """
    click.echo(_neutral(text), err=err)


def _echo_json(text: str) -> None:
    """Print a JSON document, with what :func:`_echo` neutralises written as JSON escapes."""
    click.echo("\n".join(printable_json(line) for line in text.split("\n")))


def _neutral(text: str) -> str:
    """``text`` with each line made :func:`printable`; its own line breaks kept."""
    return "\n".join(printable(line) for line in text.split("\n"))


def _fail_on_a_closed_pipe() -> None:
    """One line on stderr, unless stderr is the closed pipe too (``quizgen build 2>&1 | head``)."""
    try:
        click.echo("quizgen: error: the output was closed before everything was written "
                   "(broken pipe)", err=True)
    except OSError:
        _quiet(sys.stderr)
    raise click.exceptions.Exit(EXIT_BROKEN_PIPE)


def _quiet(stream: Any) -> None:
    """Point a stream at /dev/null, so that Python's flush at exit meets no closed pipe again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, stream.fileno())
    os.close(devnull)


def _describe_os_error(exc: OSError) -> str:
    """``cannot use 'NAME': File name too long``: the file the system refused, and why."""
    reason = exc.strerror or str(exc)
    if exc.filename is None:
        return f"the system refused a file operation: {reason}"
    name = os.fsdecode(exc.filename) if isinstance(exc.filename, bytes) else str(exc.filename)
    return f"cannot use '{name}': {reason}"


class _Interrupts:
    """Ctrl-C and SIGTERM (``kill``, a CI timeout) stop a run, even where code swallows them.

    Both raise :class:`KeyboardInterrupt`, so that cleanup runs. A library that catches
    it (pydantic compiling a pattern, say) would turn an interrupt into false results:
    the interrupt is remembered, and a run that saw one ends as interrupted whatever it
    returned.
    """

    def __init__(self) -> None:
        self.seen = False
        self.previous: dict[int, Any] = {}

    def _handle(self, signum: int, frame: Any) -> None:
        self.seen = True
        raise KeyboardInterrupt

    def __enter__(self) -> _Interrupts:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self.previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)

    def raise_if_seen(self) -> None:
        if self.seen:
            # The writer renames finished files only, so every output is old or new, whole.
            _fail("interrupted; each output file is either as it was or fully written",
                  EXIT_INTERRUPTED)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show a traceback for unexpected errors.")
@click.version_option(package_name="quizgen")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Compile study content packs into Anki decks and printable quizzes."""
    ctx.obj = {"debug": debug}


@main.command()
@_packs_argument
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@_sources_option
def validate(pack_dirs: tuple[Path, ...], strict: bool, sources_dir: Optional[Path]) -> None:
    """Check content packs and report every problem (default: every pack under content/)."""
    from .stats import unasked_problem
    from .validate import same_id_problem, validate_pack

    failed = False
    first: dict[str, Path] = {}
    for directory in _resolve_packs(pack_dirs):
        result = validate_pack(directory, sources_dir)
        problems = list(result.problems)
        if (unasked := unasked_problem(result)) is not None:
            problems.append(unasked)
        if result.pack is not None:
            if result.pack.id in first:
                problems.append(same_id_problem(directory, result.pack.id, first[result.pack.id]))
            first.setdefault(result.pack.id, directory)
        _print_problems(problems)
        bad = result.pack is None or has_errors(problems, strict=strict)
        failed = failed or bad
        _echo(f"{printable(str(directory))}: {_summary(problems, bad)}"
              f"{_quote_summary(result.quotes_verified, result.quotes_unchecked)}")
    if failed:
        sys.exit(1)


@main.command()
@_packs_argument
@_sources_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(pack_dirs: tuple[Path, ...], sources_dir: Optional[Path], as_json: bool) -> None:
    """Show counts per kind and per source, the date range, quotes verified, and the cards
    and quiz questions each item yields."""
    from .stats import pack_stats
    from .validate import validate_pack

    collected: list[Any] = []
    for directory in _resolve_packs(pack_dirs):
        result = validate_pack(directory, sources_dir)
        found = pack_stats(result)
        if found is None or has_errors(result.problems):
            raise ContentError(result.problems)
        collected.append(found)
    if as_json:
        _echo_json(json.dumps([vars(s) for s in collected], ensure_ascii=False, indent=2))
        return
    for item in collected:
        _echo(_format_stats(item))


@main.command()
@click.argument("pack_dir", type=click.Path(file_okay=False, path_type=Path))
@click.argument("item", required=False)
@_sources_option
@click.option("--seed", type=click.IntRange(min=0), default=None,
              help="Quiz seed, 0 or more (default: pack.yaml quiz.seed).")
@click.option("--scope", "scopes", multiple=True,
              type=click.Choice([scope.value for scope in Scope]),
              help="Show only what rules of this scope left out: card (the deck), task, option "
                   "or sheet (the quizzes). Repeatable; default: all.")
def explain(pack_dir: Path, item: Optional[str], sources_dir: Optional[Path],
            seed: Optional[int], scopes: tuple[str, ...]) -> None:
    """For each item (or ITEM, an id), the questions it yields and, for each question or
    option left out, the rule and its reason."""
    from .explain import explain_pack, explanation_lines
    from .validate import validate_pack

    result = validate_pack(_pack_folder(pack_dir), sources_dir)
    if result.pack is None or has_errors(result.problems):
        raise ContentError(result.problems)
    found = explain_pack(result.pack, seed)
    if item is not None and not any(entry.id == item for entry in found):
        known = [entry.id for entry in found]
        close = difflib.get_close_matches(item, known, n=1)
        raise UsageError(f"no item '{item}' in {result.pack.id}"
                         + (f"; did you mean '{close[0]}'?" if close else ""))
    for line in explanation_lines(found, item, frozenset(scopes) if scopes else None):
        _echo(line)


@main.command()
@click.argument("name")
@click.option("--language", type=click.Choice(["ru", "en"]), default="en", show_default=True)
@click.option("--content", "content_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_CONTENT, show_default=True, help="Folder that holds the packs.")
def init(name: str, language: str, content_dir: Path) -> None:
    """Create a new pack skeleton that validates: content/NAME, or the folder NAME is a path to."""
    from .scaffold import init_pack, next_steps

    path = Path(name)
    # A folder path («./my-pack», «packs/my-pack»), not a bare name: the id is made of its
    # name. pathlib reads «./my-pack» as one part, so the separator is looked for as written.
    if "/" in name or os.sep in name or path.is_absolute():
        target, named, pack_id = path, name, None
    else:
        target = content_dir / name
        named = name if content_dir == DEFAULT_CONTENT else str(target)
        pack_id = name
    for created in init_pack(target, language, pack_id):  # type: ignore[arg-type]
        _echo(f"created {created}")
    for line in next_steps(target, named):
        _echo(line)


@main.command()
@click.argument("article", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--pack", "pack_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="The pack to draft into (default: the one pack under content/).")
@click.option("--source", "source_id", default=None,
              help="The source id of the article (default: from its file name).")
@click.option("--language", type=click.Choice(["ru", "en"]), default=None,
              help="The article's language (default: the pack's).")
@_sources_option
@click.option("--force", is_flag=True, help="Replace an earlier draft of this source.")
def draft(article: Path, pack_dir: Optional[Path], source_id: Optional[str],
          language: Optional[str], sources_dir: Optional[Path], force: bool) -> None:
    """Draft candidate items from an article's plain text into <pack>/<source>.draft.yaml."""
    from .draft import draft_article, next_steps
    from .draft.emit import summary_line
    from .write import write_files

    if not article.exists():
        raise UsageError(f"article '{article}' does not exist")
    folder = _pack_folder(pack_dir) if pack_dir is not None else _only_pack()
    with _DraftProgress() as progress:
        result = draft_article(article, folder, source_id, language,  # type: ignore[arg-type]
                               sources_dir, force, progress)
    if result.problems or result.draft is None:
        raise ContentError(result.problems, "nothing written")
    if not result.files:
        _echo(f"{printable(display_path(folder))}: nothing to draft; the pack already "
              "cites every candidate found in the article")
        return
    for batch in result.batches():
        write_files(batch)
    for path in sorted(result.files):
        _echo(f"wrote {printable(display_path(path))}")
    _echo(f"{printable(display_path(result.draft_path))}: {summary_line(result.draft)}")
    for line in next_steps(result, article, sources_dir):
        _echo(line)


@main.command()
@click.argument("pack_dir", metavar="PACK", type=click.Path(file_okay=False, path_type=Path))
@click.argument("ids", nargs=-1)
@click.option("--all", "everything", is_flag=True, help="Accept every drafted item.")
@click.option("--drop-examples", is_flag=True,
              help="Delete the examples quizgen init wrote (items and source marked example).")
@_sources_option
def accept(pack_dir: Path, ids: tuple[str, ...], everything: bool, drop_examples: bool,
           sources_dir: Optional[Path]) -> None:
    """Move drafted items (IDS, or --all) from PACK's draft files into its content files."""
    from .accept import accept as plan
    from .write import write_files

    folder = _pack_folder(pack_dir)
    result = plan(folder, ids, everything, sources_dir, drop_examples)
    if result.problems:
        raise ContentError(result.problems, "nothing moved")
    write_files(result.files)
    for path in result.deleted:
        path.unlink()
    for kind, ident, target in result.moved:
        _echo(f"moved {kind}[{printable(ident)}] to {printable(display_path(target))}")
    for kind, ident, target in result.dropped:
        _echo(f"deleted the example {kind}[{printable(ident)}] from "
              f"{printable(display_path(target))}")
    for path in result.deleted:
        _echo(f"deleted {printable(display_path(path))}")
    _echo(f"next: rewrite each ЧЕРНОВИК: / DRAFT: text in your own words, check each text "
          f"named in proposed: and remove its name, then run "
          f"quizgen validate {printable(display_path(folder))}")


def _only_pack() -> Path:
    packs = _resolve_packs(())
    if len(packs) > 1:
        names = ", ".join(str(p) for p in packs)
        raise UsageError(f"several packs under content/ ({names}): name one with --pack")
    return packs[0]


class _DraftProgress:
    """A progress bar on stderr for a long article, when stderr is a terminal."""

    LONG = 150  # sentences: below this a draft takes about a second

    def __init__(self) -> None:
        self._bar: Any = None

    def __enter__(self) -> _DraftProgress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.render_finish()

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if total < self.LONG or not sys.stderr.isatty():
                return
            self._bar = click.progressbar(length=total, label="drafting", file=sys.stderr)
            self._bar.render_progress()
        self._bar.update(done - self._bar.pos)


@main.command()
@click.argument("kind", type=click.Choice(["content", "pack"]), default="content")
def schema(kind: str) -> None:
    """Print the JSON Schema of a content file or of pack.yaml."""
    from .model import json_schema

    document = json_schema(kind)  # type: ignore[arg-type]
    _echo_json(json.dumps(document, ensure_ascii=False, indent=2))


@main.command()
@_packs_argument
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder for decks and quizzes.")
@_sources_option
@click.option("--strict", is_flag=True, help="Refuse to build when there are warnings.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if outputs are stale.")
@click.option("--seed", type=click.IntRange(0), default=None,
              help="Quiz seed, 0 or more (default: pack.yaml quiz.seed).")
@click.option("--variants", type=click.IntRange(1, 26), default=None, help="Quiz variants.")
@click.option("--questions", type=click.IntRange(1, 500), default=None,
              help="Questions per quiz.")
@click.option("--type-count", "type_counts", multiple=True, metavar="TYPE=N",
              help="Questions of one type, e.g. matching=2 (repeatable).")
@click.option("--pdf", is_flag=True,
              help="Also print each student copy and key to PDF with headless Chromium.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None,
              help="Paper for the quizzes (default: pack.yaml quiz.paper, else Letter for "
                   "English packs and A4 for the others).")
@click.option("--keep-going", is_flag=True,
              help="Build every sound pack even when another has errors (exit 1 all the same).")
@click.option("--export", "exports", metavar="FORMATS", default=None,
              help="Also write the quizzes as question banks for learning platforms: a "
                   "comma-separated list of moodle, gift, qti, or none (default: pack.yaml "
                   "quiz.export).")
def build(pack_dirs: tuple[Path, ...], out_dir: Path, sources_dir: Optional[Path], strict: bool,
          check: bool, seed: Optional[int], variants: Optional[int], questions: Optional[int],
          type_counts: tuple[str, ...], pdf: bool, paper: Optional[str], keep_going: bool,
          exports: Optional[str]) -> None:
    """Build decks/<pack>.apkg and printable quizzes for each pack."""
    from .build import BuildOptions, build_packs

    counts = _parse_type_counts(type_counts)
    if questions is not None and sum(counts.values()) > questions:
        raise click.BadParameter(
            f"the types ask for {sum(counts.values())} questions, more than --questions "
            f"{questions}", param_hint="--type-count")
    options = BuildOptions(out_dir=out_dir, sources_dir=sources_dir, strict=strict, check=check,
                           seed=seed, variants=variants, questions=questions,
                           type_counts=counts, pdf=pdf, paper=paper, keep_going=keep_going,
                           exports=_parse_exports(exports),
                           out_chosen=click.get_current_context().get_parameter_source(
                               "out_dir") is not click.core.ParameterSource.DEFAULT)
    with _ProgressLine() as progress:
        report = build_packs(_resolve_packs(pack_dirs), options, progress=progress)
    _print_problems(report.problems)
    for line in report.lines():
        _echo(line)
    if report.broken:
        names = ", ".join(printable(str(directory)) for directory in report.broken)
        _fail(f"not built for their errors: {names}; the other packs were built", 1)
    if report.failed:
        sys.exit(1)


class _ProgressLine:
    """A progress bar on one stderr line, for a build that takes more than a second.

    It shows only on a terminal, once the build has run for :attr:`DELAY` seconds
    (a timer thread, as one step, loading a large pack, can take seconds), and is
    wiped when the build ends, so that only the results stay on screen.
    """

    DELAY = 1.0
    WIDTH = 20

    def __init__(self) -> None:
        self.stream = sys.stderr
        self.lock = threading.Lock()
        self.last: Optional[BuildProgress] = None
        self.visible = False
        self.drawn = False
        self.closed = False
        self.timer: Optional[threading.Timer] = None

    def __enter__(self) -> _ProgressLine:
        if self.stream.isatty():
            self.timer = threading.Timer(self.DELAY, self._show)
            self.timer.daemon = True
            self.timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.timer is not None:
            self.timer.cancel()
        with self.lock:
            self.closed = True  # a timer thread may be waiting for the lock: it must not draw
            if self.drawn:
                self.stream.write("\r\x1b[K")
                self.stream.flush()

    def __call__(self, step: BuildProgress) -> None:
        with self.lock:
            if step.notice:  # a line of its own, on a terminal or not
                if self.drawn:
                    self.stream.write("\r\x1b[K")
                self.stream.write(f"quizgen: {printable(step.message)}\n")
                self.stream.flush()
            self.last = step
            if self.visible:
                self._draw(step)

    def _show(self) -> None:
        with self.lock:
            self.visible = not self.closed
            if self.visible and self.last is not None:
                self._draw(self.last)

    def _draw(self, step: BuildProgress) -> None:
        filled = self.WIDTH * step.done // max(step.total, 1)
        line = f"[{'#' * filled}{'-' * (self.WIDTH - filled)}] {printable(step.message)}"
        columns = shutil.get_terminal_size().columns
        self.stream.write("\r\x1b[K" + line[:max(columns - 1, 0)])
        self.stream.flush()
        self.drawn = True


def _parse_type_counts(values: Sequence[str]) -> dict[str, int]:
    if not values:
        return {}  # and no need to import the content models: a rebuild may need nothing else
    from .model import QuestionType

    known = [t.value for t in QuestionType]
    counts: dict[str, int] = {}
    for value in values:
        name, _, number = value.partition("=")
        # Digits counted before int(): Python refuses to convert more than 4,300 of them.
        if name not in known or not (number.isascii() and number.isdigit()) \
                or len(number.lstrip("0")) > len(str(MAX_TYPE_COUNT)) \
                or not 0 <= int(number) <= MAX_TYPE_COUNT:
            raise click.BadParameter(f"'{value}': expected TYPE=N with N from 0 to {MAX_TYPE_COUNT} "
                                     f"and TYPE one of {', '.join(known)}",
                                     param_hint="--type-count")
        counts[name] = int(number)
    return counts


def _parse_exports(value: Optional[str]) -> Optional[tuple[str, ...]]:
    if value is None:
        return None
    from .model import EXPORT_FORMATS

    names = [name.strip() for name in value.split(",") if name.strip()]
    if names == ["none"]:
        return ()
    for name in names:
        if name not in EXPORT_FORMATS:
            raise click.BadParameter(f"'{name}': expected a comma-separated list of "
                                     f"{', '.join(EXPORT_FORMATS)}, or none",
                                     param_hint="--export")
    return tuple(dict.fromkeys(names))


def _resolve_packs(pack_dirs: Sequence[Path]) -> list[Path]:
    if pack_dirs:
        return [_pack_folder(directory) for directory in pack_dirs]
    if not DEFAULT_CONTENT.is_dir():
        raise UsageError("no content/ folder here; name a pack folder or run 'quizgen init NAME'")
    found = sorted(p.parent for p in DEFAULT_CONTENT.glob("*/pack.yaml"))
    if not found:
        raise UsageError("no packs under content/ (a pack is a folder with pack.yaml)")
    return found


def _pack_folder(named: Path) -> Path:
    """A pack folder as given, or a bare name of a pack under content/ (as ``init`` names it)."""
    if named.is_dir():
        return named
    under_content = DEFAULT_CONTENT / named
    if len(named.parts) == 1 and (under_content / "pack.yaml").is_file():
        return under_content
    hint = f"; did you mean {under_content}?" if under_content.is_dir() else ""
    raise UsageError(f"pack folder '{named}' does not exist{hint}")


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        _echo(problem.format(), err=True)


def _summary(problems: Sequence[Problem], failed: bool) -> str:
    errors = sum(p.level is Level.ERROR for p in problems)
    warnings = sum(p.level is Level.WARNING for p in problems)
    if not errors and not warnings:
        return "ok"
    state = "failed" if failed else "ok"
    return f"{state}, {errors} error(s), {warnings} warning(s)"


def _quote_summary(verified: int, unchecked: int) -> str:
    text = f"; {verified} quote(s) verified"
    return text + (f", {unchecked} not checked (no source text)" if unchecked else "")


def _format_stats(stats: Any) -> str:
    lines = [f"{stats.pack_id}: {stats.title}"]
    lines += [f"  {kind:<10}{count:>6}" for kind, count in stats.counts.items()]
    lines.append("  citations per source:")
    lines += [f"    {source:<24}{count:>6}" for source, count in stats.citations_per_source.items()]
    span = f"{stats.first_date} … {stats.last_date}" if stats.first_date else "no events"
    lines.append(f"  dates     {span}")
    lines.append(f"  quotes    {stats.quotes_verified} verified, {stats.quotes_unchecked} not checked")
    lines.append("  cards and quiz questions per item:")
    lines += [f"    {item:<40}{counts['cards']:>4} card(s){counts['quiz']:>4} quiz"
              for item, counts in stats.yields.items()]
    return "\n".join(printable(line) for line in lines)
