"""The pack ``quizgen init`` writes, made the author's own: its examples kept, unmarked.

Tests that use the init pack as a small sound pack (not as a new author's first step) take
its items as the author's: without ``example: true`` they validate with no warning.
"""

from __future__ import annotations

import re
from pathlib import Path

from quizgen.scaffold import EXAMPLES_NOTE

_MARK = re.compile(r"^\s*example: true\b.*\n", re.MULTILINE)


def adopt_examples(pack: Path) -> Path:
    """Delete the ``example: true`` marks of the init pack at ``pack``, and the note on them;
    return ``pack``."""
    for path in sorted(pack.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(_MARK.sub("", text).replace(EXAMPLES_NOTE, ""), encoding="utf-8")
    return pack
