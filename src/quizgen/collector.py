"""Pausing Python's cycle collector while a build makes millions of objects.

Loading, validating and rendering a large pack allocates millions of containers
(located YAML data, models, questions, notes) that form no reference cycles, and
are freed by reference counting alone. The cycle collector keeps walking all of
them nonetheless, which costs a build of 10,000 events a fifth of its time, and the
collection Python makes as it exits would walk them all once more.
"""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Pause the cycle collector, and resume it afterwards if it was running."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def spare_the_last_collection() -> None:
    """Keep Python's collection at exit from walking what the run made.

    Called when a run is over: its objects are still freed as the interpreter shuts
    down, only not searched for cycles first, which cost the bundled pack's build a
    tenth of its time.
    """
    gc.freeze()
