"""Checking that quotes are verbatim excerpts of their source texts.

Quotes and texts are compared after folding what typing and typesetting change
without changing the words: whitespace, case, ё/е, typographic quotes and dashes.
"""

from __future__ import annotations

import re
import unicodedata

# What each folded character becomes; "" drops it.
_FOLDS = {
    "ё": "е", "Ё": "е",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "‹": '"', "›": '"',
    "'": '"', "’": '"', "‘": '"', "‚": '"', "`": '"',
    "—": "-", "–": "-", "‑": "-", "‒": "-", "−": "-", "―": "-",
    "\u00ad": "",  # soft hyphen: invisible, present in some copied texts
}
# Few characters of a text need folding: finding them is much faster than mapping each one.
_FOLDABLE = re.compile("[" + "".join(re.escape(char) for char in _FOLDS) + "]")
_ELLIPSIS = re.compile(r"^(?:\.\.\.|…)\s*|\s*(?:\.\.\.|…)$")


def normalize(text: str) -> str:
    """Fold a text for quote comparison."""
    folded = unicodedata.normalize("NFC", text).casefold()
    folded = _FOLDABLE.sub(lambda match: _FOLDS[match.group()], folded)
    # Split on any run of whitespace and join with one space: this also trims the ends.
    return " ".join(folded.split())


def quote_in_text(quote: str, normalized_text: str) -> bool:
    """Whether ``quote`` occurs in a text already passed through :func:`normalize`.

    A leading or trailing ellipsis only marks that the quote starts or ends
    mid-sentence, so it is not part of what must match.
    """
    core = _ELLIPSIS.sub("", quote.strip())
    return bool(core) and normalize(core) in normalized_text


def word_count(quote: str) -> int:
    return len(quote.split())
