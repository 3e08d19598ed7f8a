"""The ``quizgen`` command and ``python -m quizgen``.

Starting up imports click and the command modules; a Ctrl-C meanwhile ends the run as an
interrupt, with one line and exit 130, like a Ctrl-C at any later moment.
"""

from __future__ import annotations

import sys


def run() -> None:
    try:
        from quizgen.cli import EXIT_INTERRUPTED, main
        from quizgen.collector import spare_the_last_collection
    except KeyboardInterrupt:
        sys.stderr.write("quizgen: error: interrupted\n")
        raise SystemExit(130) from None
    try:
        main(prog_name="quizgen")
    except KeyboardInterrupt:  # before or after a command runs, outside its own handling
        sys.stderr.write("quizgen: error: interrupted\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
    finally:
        spare_the_last_collection()


if __name__ == "__main__":
    run()
