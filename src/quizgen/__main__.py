"""The ``quizgen`` command and ``python -m quizgen``.

Starting up imports click and the command modules. A Ctrl-C meanwhile ends the run as an
interrupt, with one line and exit 130, like a Ctrl-C at any later moment: from the moment
this module runs, an interrupt is remembered, so that one the import machinery swallows
(it ignores exceptions raised in its callbacks) or wraps (a ``RuntimeError`` raised while
a class is being made) still ends the run as interrupted; one that comes before :func:`run`
begins is only remembered, and :func:`run` ends the run at once.
"""

# The C modules themselves, and not ``from __future__``: ``signal`` and ``typing`` would
# import enum, functools and collections first, and ``__future__`` is a module too: each a
# moment in which an interrupt would still print a traceback.
import _signal
import sys

# quizgen.cli's exit codes, for what happens before it is imported.
_INTERRUPTED = 130
_NO_MEMORY = 71
_seen_interrupt = False
# Whether run() has begun: before it, the console script runs lines of its own (between its
# import of run and its call), where an interrupt raised would escape every handler.
_running = False


def _remember(signum: int, frame: object) -> None:
    global _seen_interrupt
    _seen_interrupt = True
    if _running:
        raise KeyboardInterrupt


def _unraisable(unraisable: object) -> None:
    """An interrupt raised where Python can only drop it (an import lock's callback) is not
    reported with a traceback: it was remembered, and the run ends as interrupted."""
    if not isinstance(getattr(unraisable, "exc_value", None), KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)  # type: ignore[arg-type]


if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
    _signal.signal(_signal.SIGINT, _remember)
    sys.unraisablehook = _unraisable


# Address space the command needs before a pack's size counts: the interpreter, click,
# pydantic, the Russian analyser's dictionaries (about 70 MB here), with a margin.
_START_ROOM = 128 * 2**20


def _room_to_start() -> bool:
    """Whether a limit on address space leaves room to start in (:mod:`quizgen.memory`)."""
    from quizgen.memory import room

    left = room()
    return left is None or left >= _START_ROOM


def _stop(message: str, code: int) -> None:
    sys.stderr.write(f"quizgen: error: {message}\n")
    raise SystemExit(code) from None


def run() -> None:
    global _running
    _running = True
    if _seen_interrupt:  # remembered before run() began
        _stop("interrupted", _INTERRUPTED)
    try:
        if not _room_to_start():
            raise MemoryError
        from quizgen.cli import EXIT_INTERRUPTED, main
        from quizgen.collector import spare_the_last_collection
    except BaseException as exc:  # noqa: BLE001 - start-up: nothing of the run has happened
        if _seen_interrupt:  # raised, or wrapped in another error while a class was made
            _stop("interrupted", _INTERRUPTED)
        if isinstance(exc, MemoryError):
            _stop("out of memory (raise the memory limit, or build fewer packs at once)",
                  _NO_MEMORY)
        raise
    try:
        if _seen_interrupt:  # swallowed while starting up
            raise KeyboardInterrupt
        main(prog_name="quizgen")
    except KeyboardInterrupt:  # before or after a command runs, outside its own handling
        _stop("interrupted", EXIT_INTERRUPTED)
    except SystemExit:
        if _seen_interrupt:  # swallowed while the command line was read
            _stop("interrupted", EXIT_INTERRUPTED)
        raise
    finally:
        spare_the_last_collection()


if __name__ == "__main__":
    run()
