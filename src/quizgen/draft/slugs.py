"""Ids for drafted items: slugs of their words, stable from one run to the next.

An id comes from what the item says (an actor's name, an event's first words and
year), never from a counter of the run or the clock, so that drafting the same text
again gives the same ids. A clash within the pack gets ``-2``, ``-3``… in text order.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Union

MAX_ID = 60  # the format allows 80; a few words are enough to recognise an item

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}


def slug(text: str) -> str:
    """``Ильхам Алиев`` → ``ilkham-aliev``; ``Sputnik Azerbaijan`` → ``sputnik-azerbaijan``."""
    latin = "".join(_CYRILLIC.get(char, char) for char in text.casefold())
    latin = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", latin))


class Ids:
    """Hands out ids unique within a pack: those the pack has are taken."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)

    def new(self, words: Union[str, list[str]], prefix: str = "") -> str:
        text = words if isinstance(words, str) else " ".join(words)
        base = "-".join(part for part in (slug(prefix), slug(text)) if part) or "item"
        base = base[:MAX_ID].rstrip("-")
        ident, number = base, 1
        while ident in self.taken:
            number += 1
            ident = f"{base}-{number}"
        self.taken.add(ident)
        return ident
