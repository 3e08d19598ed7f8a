"""A quote matches its source text up to what typing and typesetting change, and no further."""

from __future__ import annotations

import pytest

from quizgen.quotes import normalize, quote_in_text

_TEXT = ("Министр заявил:  «Переговоры — это ещё не мир».\n"
         "He said the \u201ctalks\u201d were \u2013 in his words \u2013 over.")


@pytest.mark.parametrize("quote", [
    "Переговоры — это ещё не мир",
    "переговоры - это еще не мир",  # case, ё/е, dash
    'заявил: "Переговоры',  # typographic quotes
    "Министр заявил: «Переговоры",  # two spaces in the text, one in the quote
    "мир».\nHe said",  # a line break is whitespace
    "He said the 'talks' were - in his words - over",
    "...это ещё не мир",  # a leading or trailing ellipsis marks a cut
    "Переговоры — это…",
    "… were – in his words",
], ids=["verbatim", "case-yo-dash", "quotes", "spaces", "line-break", "latin-quotes-dashes",
        "leading-dots", "trailing-ellipsis", "leading-ellipsis"])
def test_quote_matches(quote: str) -> None:
    assert quote_in_text(quote, normalize(_TEXT))


@pytest.mark.parametrize("quote", [
    "Переговоры — это уже мир",  # a changed word
    "Переговоры это ещё не мир",  # a dropped dash is a changed text
    "это ... не мир",  # an ellipsis inside the quote is not a wildcard
    "...",  # nothing left to match
    "заявил: Переговоры",  # a dropped quotation mark
], ids=["changed-word", "dropped-dash", "inner-ellipsis", "only-ellipsis", "dropped-quote-mark"])
def test_quote_does_not_match(quote: str) -> None:
    assert not quote_in_text(quote, normalize(_TEXT))
