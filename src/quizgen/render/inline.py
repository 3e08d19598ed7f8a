"""Text for the places of an output that hold one line: every renderer's one definition.

A title or name may hold line breaks (content allows a newline), but a GIFT category line,
an Anki deck name, an XML title attribute or an HTML ``<title>`` is one line to its
reader: a line break there would end it and start whatever follows as something else.
"""

from __future__ import annotations

import re

# Every character Python's str.splitlines breaks at: a reader may break at any of them.
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """``text`` with each run of line breaks folded to one space."""
    return _LINE_BREAKS.sub(" ", text)
