"""The answers a marker accepts for a question, and the one way typed answers are compared.

A learner types an answer on the study page; it is right when, after :func:`normalise`,
it is one of :func:`accepted_answers`. The page marks in its own script: its normaliser
(``templates/study-core.js``) is tested equal to this one on many strings
(``tests/test_answers.py``), and the accepted answers reach it as data.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from .bank import Question, QuestionBank, QuestionKind

_DIGIT_GROUP = re.compile(r"(?<=[0-9]) (?=[0-9]{3}(?![0-9]))")
_ARTICLE = re.compile(r"^(?:the|a|an) (?=.)")


def normalise(text: str) -> str:
    """``text`` as typed answers are compared: lower case, «ё» as «е», without accents or
    other combining marks, every run of characters other than letters and digits as one
    space, digit groups joined («7 000» and «7,000» as «7000»), without a leading English
    article (the, a, an) and without spaces at the ends."""
    folded = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    kept = []
    for char in folded:
        kind = unicodedata.category(char)[0]
        if kind != "M":
            kept.append(char if kind in "LN" else " ")
    spaced = " ".join("".join(kept).split())
    return _ARTICLE.sub("", _DIGIT_GROUP.sub("", spaced), count=1)


def accepted_answers(bank: QuestionBank, question: Question) -> tuple[str, ...]:
    """Every answer to mark right, the question's own first: for a question answered by an
    actor's name, the actor's other names (its aliases). One of each normalised form."""
    names: tuple[str, ...] = ()
    if question.kind is QuestionKind.ROLE_ACTOR:
        names = bank.truth.accepted(question.answer_key)
    return distinct((question.answer, *names))


def distinct(answers: Iterable[str]) -> tuple[str, ...]:
    """``answers`` in their order, the first of each normalised form, none empty."""
    seen: dict[str, str] = {}
    for answer in answers:
        seen.setdefault(normalise(answer), answer)
    return tuple(answer for form, answer in seen.items() if form)
