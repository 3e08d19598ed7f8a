"""A quote matches its source text up to what typing and typesetting change, and no further."""

from __future__ import annotations

import pytest

from quizgen.quotes import explain_missing, normalize, quote_in_text

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


_TEXTS = {
    "chronicle": normalize("On Monday the council voted to introduce a new tax on river "
                           "barges, after a long and bitter debate in the old hall."),
    "gazette": normalize("The mayor left the city before dawn."),
}


@pytest.mark.parametrize("quote, because", [
    ("the council voted to bring in a new tax on river barges",
     "the text has «introduce» where the quote has «bring in», between «…the council voted "
     "to» and «a new tax on river…»"),
    ("the council voted to introduce a tax on river barges",
     "the text has «new» where the quote has nothing, between «…council voted to introduce a» "
     "and «tax on river barges…»"),
    ("The mayor left the city", "it is verbatim in source 'gazette'; cite that source"),
    ("the council voted … after a long and bitter debate",
     "an ellipsis inside a quote joins passages the text keeps apart; quote one passage, or "
     "cite each part as a quote of its own"),
    ("after a long and bitter quarrel",
     "the text matches it up to «…after a long and bitter», then reads «debate in the old "
     "hall.…» where the quote has «quarrel…»"),
    ("nothing of the kind was said", "no passage of the text starts or ends with the quote's "
                                     "words"),
], ids=["paraphrase", "dropped-word", "other-source", "inner-ellipsis", "changed-end",
        "unrelated"])
def test_a_missing_quote_says_where_it_departs_from_the_text(quote: str, because: str) -> None:
    assert explain_missing(quote, "chronicle", _TEXTS) == because


_DECLARATION = {"d": normalize("The Declaration of the Rights of Human and of the Citizen was "
                               "adopted in August 1789. Российские миротворцы остались "
                               "охранять брошенные дома.")}


@pytest.mark.parametrize("quote, because", [
    ("the Rights of Man and of the Citizen was adopted",
     "the text has «human» where the quote has «man», between «…the rights of» and «and of "
     "the citizen was…»"),
    ("The Declaration of the Rights of Man",
     "the text matches it up to «…declaration of the rights of», then reads «human and of the "
     "citizen…» where the quote has «man…»"),
    ("Российские миротворцев остались охранять брошенные дома",
     "the text matches its end from «остались охранять брошенные дома…», but before it reads "
     "«…in august 1789. российские миротворцы» where the quote has «…российские миротворцев»"),
    ("in August 1789. Российские миротворцев остались охранять брошенные",
     "the text has «миротворцы» where the quote has «миротворцев», between «…in august 1789. "
     "российские» and «остались охранять брошенные…»"),
], ids=["one-word-inside-another", "last-word", "russian-ending-near-the-start",
        "russian-ending-inside"])
def test_a_changed_word_is_named_as_a_word_with_its_passage(quote: str, because: str) -> None:
    """«man» for «human» is a word changed, not the letters «hu» dropped."""
    assert explain_missing(quote, "d", _DECLARATION) == because
