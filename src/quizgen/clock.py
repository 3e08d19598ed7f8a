"""The times quizgen stamps on notes: where a build's time comes from, and its bounds."""

from __future__ import annotations

import os
import time
from typing import Optional

from .problems import UsageError

# The last second of year 9999: a later time is no date Anki or Python can hold.
MAX_TIME = 253_402_300_799


def build_time(now: Optional[int] = None) -> int:
    """``now`` if given, else ``SOURCE_DATE_EPOCH`` if set, else the clock."""
    if now is not None:
        return now
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or not epoch.strip():
        return int(time.time())
    digits = epoch.strip()
    # A typo must not silently turn a reproducible build into one stamped by the clock;
    # only ASCII digits count ("²" is a digit to str.isdigit, not a number to int).
    if not (digits.isascii() and digits.isdigit()):
        raise UsageError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got {epoch!r}")
    if int(digits) > MAX_TIME:
        raise UsageError(f"SOURCE_DATE_EPOCH must be at most {MAX_TIME} (the end of year 9999), "
                         f"got {epoch!r}")
    return int(digits)


def from_environment(now: Optional[int] = None) -> bool:
    """Whether a build's time is the ``SOURCE_DATE_EPOCH`` of the environment, not the clock."""
    return now is None and bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip())
