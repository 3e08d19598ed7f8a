"""Checking that quotes are verbatim excerpts of their source texts.

Quotes and texts are compared after folding what typing and typesetting change
without changing the words: whitespace, case, ё/е, typographic quotes and dashes.
"""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({
    "ё": "е", "Ё": "е",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "‹": '"', "›": '"',
    "'": '"', "’": '"', "‘": '"', "‚": '"', "`": '"',
    "—": "-", "–": "-", "‑": "-", "‒": "-", "−": "-", "―": "-",
    "\u00ad": None,  # soft hyphen: invisible, present in some copied texts
})
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"^(?:\.\.\.|…)\s*|\s*(?:\.\.\.|…)$")


def normalize(text: str) -> str:
    """Fold a text for quote comparison."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_FOLD)
    return _SPACE.sub(" ", folded).strip()


def quote_in_text(quote: str, normalized_text: str) -> bool:
    """Whether ``quote`` occurs in a text already passed through :func:`normalize`.

    A leading or trailing ellipsis only marks that the quote starts or ends
    mid-sentence, so it is not part of what must match.
    """
    core = _ELLIPSIS.sub("", quote.strip())
    return bool(core) and normalize(core) in normalized_text


def word_count(quote: str) -> int:
    return len(quote.split())
