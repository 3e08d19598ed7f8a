"""Typed answers: the one normaliser, the page's copy of it, and what the page marks right."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from quiz_packs import load
from quizgen.answers import accepted_answers, accepts, normalise
from quizgen.bank import QuestionKind, build_bank
from study_node import call, run_core
from study_packs import small_pack, write_pack

CASES = [
    ("Yuri Gagarin", "yuri gagarin"),
    ("  The   Soviet Union!  ", "soviet union"),
    ("A Treaty", "treaty"),
    ("an", "an"),                                     # an article alone is the answer itself
    ("Theodore", "theodore"),
    ("Ёлка и ЕЛКА", "елка и елка"),
    ("Соединённые Штаты", "соединенные штаты"),
    ("«США»", "сша"),
    ("U.S.A.", "u s a"),
    ("Москва́", "москва"),                            # a stress mark
    ("Café CAFE\u0301", "café café"),                 # an accent typed apart composes
    ("Йошкар-Ола", "йошкар ола"),
    ("7 000 человек", "7000 человек"),
    ("7\u00a0000\u202f000", "7000000"),
    ("1,000 troops", "1000 troops"),
    ("1,5 млн", "1 5 млн"),
    ("в 1991 году", "в 1991 году"),
    ("Əliyev, İlham", "əliyev ilham"),            # İ lowers to i and a dot, dropped
    ("ΟΔΟΣ", "οδος"),
    ("Straße", "straße"),
    ("snake_case—dash", "snake case dash"),
    ("", ""),
    ("?!…", ""),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_normalise_folds_what_a_marker_ignores(text: str, expected: str) -> None:
    assert normalise(text) == expected


def varied_strings(count: int, seed: int) -> list[str]:
    """Random strings of letters of several scripts, digits, spaces, marks and punctuation."""
    pieces = ("abcxyzABCXYZ", "абвгдеёжйэюяАБВЁЙЯ", "əğışöüçƏĞİŞÖÜÇ", "αβγσςΑΒΓΣ", "0123456789",
              "  \u00a0\u202f\u2009\t\n", "\u0301\u0308\u0306", ".,;:!?«»\"'()[]-–—/_…",
              "ßÆæØøÅåÉéÈèñÑ", "٣٤٥²½Ⅻⅻ", "the a an ")
    chance = random.Random(seed)
    made = []
    for _ in range(count):
        made.append("".join(chance.choice(chance.choice(pieces))
                            for _ in range(chance.randint(0, 24))))
    return made


def test_the_page_normalises_as_python_does() -> None:
    texts = [text for text, _ in CASES] + varied_strings(3000, seed=7)
    got = run_core({"calls": [["normalise", text] for text in texts]})
    assert [(text, form) for text, form in zip(texts, got)] == [
        (text, normalise(text)) for text in texts]


@pytest.mark.parametrize(("accepted", "given", "right"), [
    (["Yuri Gagarin", "Gagarin"], "gagarin", True),
    (["Yuri Gagarin", "Gagarin"], "Yuri  GAGARIN.", True),
    (["Yuri Gagarin"], "Gagarin", False),             # a surname counts where it is accepted
    (["United States", "USA"], "U.S.A.", False),
    (["United States", "USA"], "the USA", True),
    (["Соединённые Штаты", "США"], "США", True),
    (["Соединённые Штаты", "США"], "соединенные штаты", True),
    (["Азербайджан", "Баку"], "азербайджана", True),   # another form of the word
    (["Азербайджан", "Баку"], "Армения", False),
    (["7 000 человек"], "7000 человек", True),
    (["декабрь 2024 г."], "в декабре 2024 года", True),
    (["Azerbaijan"], "", False),
    (["Azerbaijan"], "…", False),
], ids=["surname", "full-name", "surname-not-accepted", "dotted-abbreviation", "article",
        "abbreviation-ru", "yo", "case-form", "other-name", "digit-groups", "date-words", "empty",
        "punctuation-only"])
def test_the_page_marks_a_typed_answer_against_every_accepted_answer(
        accepted: list[str], given: str, right: bool) -> None:
    assert call("accepts", accepted, given) is right


def test_python_marks_as_the_page_does() -> None:
    """One definition of marking: the page's script and :func:`quizgen.answers.accepts` agree
    on every case above and on thousands of varied answers and keys."""
    chance = random.Random(11)
    words = ["Азербайджан", "азербайджана", "Азербайджану", "Gagarin", "gagarins", "Yuri",
             "в", "году", "2024", "the", "USA", "Соединённые", "соединенных", "Штаты", "декабре",
             "декабрь", "г.", "Москва", "москвой", "7 000", "7000", "человек"]
    cases = [(["Yuri Gagarin", "Gagarin"], "gagarin"), (["декабрь 2024 г."], "в декабре 2024 года")]
    for _ in range(2000):
        key = [" ".join(chance.sample(words, chance.randint(1, 3)))
               for _ in range(chance.randint(1, 3))]
        cases.append((key, " ".join(chance.sample(words, chance.randint(0, 3)))))
    got = run_core({"calls": [["accepts", key, given] for key, given in cases]})
    assert [(key, given, right) for (key, given), right in zip(cases, got)] == [
        (key, given, accepts(key, given)) for key, given in cases]
    assert any(got) and not all(got)


def test_a_name_question_accepts_every_name_of_the_actor(tmp_path: Path) -> None:
    content = small_pack()
    content["content"]["actors"][1].update(name="Yuri Gagarin", aliases=["Gagarin", "GAGARIN"])
    bank = build_bank(load(write_pack(tmp_path / "treaties", content)))
    who = next(q for q in bank.questions
               if q.kind is QuestionKind.ROLE_ACTOR and q.facts.answer_ids == ("state-1",))
    date = next(q for q in bank.questions if q.kind is QuestionKind.EVENT_DATE)
    assert accepted_answers(bank, who) == ("Yuri Gagarin", "Gagarin")  # GAGARIN is Gagarin
    assert accepted_answers(bank, date) == (date.answer,)
