"""Checking that quotes are verbatim excerpts of their source texts.

Quotes and texts are compared after folding what typing and typesetting change
without changing the words: whitespace, case, ё/е, typographic quotes and dashes.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Mapping

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


# A source text is folded this many characters at a time (up to the next whitespace): split
# into words at once, a text of megabytes would take some ten times its size in word objects.
_CHUNK = 1 << 16
_SPACE = re.compile(r"\s")


def normalize(text: str) -> str:
    """Fold a text for quote comparison."""
    if len(text) <= _CHUNK:
        return _normalize(text)
    # Every fold works on single characters or on what a whitespace character ends, so a
    # text cut just before whitespace folds to the same words, piece by piece.
    pieces = []
    start = 0
    while start < len(text):
        space = _SPACE.search(text, min(start + _CHUNK, len(text)))
        end = space.start() if space else len(text)
        piece = _normalize(text[start:end])
        if piece:
            pieces.append(piece)
        start = end + (space is not None)
    return " ".join(pieces)


def _normalize(text: str) -> str:
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
    core = folded_core(quote)
    return bool(core) and core in normalized_text


def folded_core(quote: str) -> str:
    """What of ``quote`` must match its text, folded: without the ellipses that mark where it
    starts or ends mid-sentence."""
    return normalize(_without_ellipses(quote.strip()))


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


def explain_missing(quote: str, source_id: str, texts: Mapping[str, str]) -> str:
    """Why ``quote`` is not in the text of ``source_id``, as a clause for the problem's message.

    ``texts`` are the pack's source texts, normalized. Only substring searches are made
    (a binary search over how many of the quote's words match), so a long text costs a
    few passes over it, never one per character.
    """
    core = folded_core(quote)
    for other, text in sorted(texts.items()):
        if other != source_id and core and core in text:
            return f"it is verbatim in source '{other}'; cite that source"
    if any(mark in core for mark in _ELLIPSES):
        return ("an ellipsis inside a quote joins passages the text keeps apart; quote one "
                "passage, or cite each part as a quote of its own")
    # The text is searched for whole words only: "man" is not found in "human", so the hint
    # names the word that differs, not the letters.
    text = texts.get(source_id, "")
    words = core.split()
    head = _matching_words(words, text)
    tail = _matching_words(words[::-1], text, reverse=True)
    if max(head, tail) < min(_ANCHOR_WORDS, len(words)):
        return "no passage of the text starts or ends with the quote's words"
    between = _differing_middle(words, head, tail, text)
    if between is not None:
        return between
    if head >= tail:
        matched = " ".join(words[:head])
        at = _find_words(matched, text) + len(matched)
        follows = " ".join(text[at:].split()[:_SHOWN_WORDS])
        wrote = " ".join(words[head:head + _SHOWN_WORDS])
        return (f"the text matches it up to «…{_last_words(matched)}», then reads «{follows}…» "
                f"where the quote has «{wrote}…»")
    matched = " ".join(words[len(words) - tail:])
    at = _find_words(matched, text)
    before = " ".join(text[:at].split()[-_SHOWN_WORDS:])
    wrote = " ".join(words[max(len(words) - tail - _SHOWN_WORDS, 0):len(words) - tail])
    return (f"the text matches its end from «{_first_words(matched)}…», but before it reads "
            f"«…{before}» where the quote has «…{wrote}»")


def _differing_middle(words: list[str], head: int, tail: int, text: str) -> str | None:
    """Where the quote's start and end both match one passage: the words that differ, and
    the passage around them."""
    if min(head, tail) < _ANCHOR_WORDS:
        return None
    tail = min(tail, len(words) - head)
    start, end = " ".join(words[:head]), " ".join(words[len(words) - tail:])
    head_end = _find_words(start, text) + len(start)
    tail_start = _find_words(end, text, head_end)
    if tail_start < 0 or tail_start - head_end > _MAX_GAP:
        return None
    in_text = " ".join(text[head_end:tail_start].split())
    in_quote = " ".join(words[head:len(words) - tail])
    has = f"«{in_text}»" if in_text else "nothing"
    wrote = f"«{in_quote}»" if in_quote else "nothing"
    return (f"the text has {has} where the quote has {wrote}, between «…{_last_words(start)}» "
            f"and «{_first_words(end)}…»")


_MAX_GAP = 200  # characters: a wider gap is another passage, not a changed word
_ANCHOR_WORDS = 3  # fewer matching words than this say nothing of where the quote departs
_SHOWN_WORDS = 5


def _matching_words(words: list[str], text: str, reverse: bool = False) -> int:
    """How many of ``words`` (from the start, or the end when ``reverse``) stand together in
    ``text`` as whole words."""
    def found(count: int) -> bool:
        run = words[:count][::-1] if reverse else words[:count]
        return _find_words(" ".join(run), text) >= 0
    low, high = 0, len(words)
    while low < high:  # found() is monotonic: a run that is found has every shorter one found
        middle = (low + high + 1) // 2
        if found(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _find_words(words: str, text: str, start: int = 0) -> int:
    """Where ``words`` stand in ``text`` from ``start`` as whole words (not the end of a
    longer word, nor the start of one); -1 where they do not."""
    found = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)").search(text, start)
    return found.start() if found else -1


def _last_words(text: str) -> str:
    return " ".join(text.split()[-_SHOWN_WORDS:])


def _first_words(text: str) -> str:
    return " ".join(text.split()[:_SHOWN_WORDS])
