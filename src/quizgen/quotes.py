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
_ELLIPSES = ("...", "…")


def normalize(text: str) -> str:
    """Fold a text for quote comparison."""
    folded = unicodedata.normalize("NFC", text).casefold()
    if _FOLDABLE.search(folded):
        folded = _FOLDABLE.sub(lambda match: _FOLDS[match.group()], folded)
    # Split on any run of whitespace and join with one space: this also trims the ends.
    return " ".join(folded.split())


def quote_in_text(quote: str, normalized_text: str) -> bool:
    """Whether ``quote`` occurs in a text already passed through :func:`normalize`.

    A leading or trailing ellipsis only marks that the quote starts or ends
    mid-sentence, so it is not part of what must match.
    """
    core = _without_ellipses(quote.strip())
    return bool(core) and normalize(core) in normalized_text


def _without_ellipses(quote: str) -> str:
    """The quote without one leading and one trailing ellipsis (and the space beside it)."""
    for mark in _ELLIPSES:
        if quote.startswith(mark):
            quote = quote[len(mark):].lstrip()
            break
    for mark in _ELLIPSES:
        if quote.endswith(mark):
            quote = quote[:-len(mark)].rstrip()
            break
    return quote


def word_count(quote: str) -> int:
    return len(quote.split())
