"""Accepted answers: every right way to write an answer, made once in the bank."""

from __future__ import annotations

import pytest

from quizgen.answers import accepted, actor_names, marking_form, number_forms
from quizgen.model import Actor, ActorKind, Citation

_CITE = [Citation(source="s", quote="q")]


def _actor(ident: str, name: str, kind: ActorKind = ActorKind.PERSON,
           aliases: tuple[str, ...] = ()) -> Actor:
    return Actor(id=ident, name=name, kind=kind, role="r", aliases=list(aliases), sources=_CITE)


def test_a_persons_surname_is_accepted_where_no_other_actor_shares_it() -> None:
    names = actor_names([_actor("gagarin", "Yuri Gagarin"), _actor("collins", "Michael Collins"),
                         _actor("ussr", "Soviet Union", ActorKind.STATE, ("USSR",))])
    assert names["gagarin"] == ("Yuri Gagarin", "Gagarin")
    assert names["collins"] == ("Michael Collins", "Collins")
    assert names["ussr"] == ("Soviet Union", "USSR")


def test_a_surname_two_persons_share_is_accepted_for_neither() -> None:
    names = actor_names([_actor("jfk", "John Kennedy"), _actor("rfk", "Robert Kennedy")])
    assert names == {"jfk": ("John Kennedy",), "rfk": ("Robert Kennedy",)}


def test_a_surname_that_is_another_actors_alias_is_not_accepted() -> None:
    names = actor_names([_actor("lincoln", "Abraham Lincoln"),
                         _actor("ship", "USS Lincoln", ActorKind.ORGANIZATION, ("Lincoln",))])
    assert names["lincoln"] == ("Abraham Lincoln",)


def test_a_monarchs_number_is_no_surname() -> None:
    """«XII» alone is no answer for Карл XII, nor «I» for Пётр I."""
    names = actor_names([_actor("charles", "Карл XII"), _actor("peter", "Пётр I"),
                         _actor("george", "George III")])
    assert names == {"charles": ("Карл XII",), "peter": ("Пётр I",), "george": ("George III",)}


def test_an_epithet_or_a_patronymic_is_no_surname() -> None:
    """«Корсунянин» alone names nobody, nor «Святославич», «Мудрый», "Great"."""
    names = actor_names([_actor("anastas", "Анастас Корсунянин"),
                         _actor("vladimir", "Владимир Святославич"),
                         _actor("yaroslav", "Ярослав Мудрый"), _actor("alfred", "Alfred the Great"),
                         _actor("minin", "Кузьма Минин")])
    assert names == {"anastas": ("Анастас Корсунянин",), "vladimir": ("Владимир Святославич",),
                     "yaroslav": ("Ярослав Мудрый",), "alfred": ("Alfred the Great",),
                     "minin": ("Кузьма Минин", "Минин")}


def test_a_state_or_a_group_has_no_surname() -> None:
    names = actor_names([_actor("us", "United States", ActorKind.STATE),
                         _actor("ru", "Российские миротворцы", ActorKind.GROUP)])
    assert names == {"us": ("United States",), "ru": ("Российские миротворцы",)}


@pytest.mark.parametrize(("answer", "language", "forms"), [
    ("1 млрд", "ru", ("1 миллиард", "миллиард")),
    ("1,5 млрд долларов", "ru", ("1,5 миллиарда долларов",)),  # «1.5» is marked alike
    ("25 млн", "ru", ("25 миллионов",)),
    ("2 тыс.", "ru", ("2 тысячи",)),
    # digit groups are marked alike («7000» is «7 000»); a counted noun may be left out
    ("7 000 человек", "ru", ("7000",)),
    ("12000 troops", "en", ("12000",)),
    ("425 зерновых", "ru", ("425",)),
    ("2 bn", "en", ("2 billion",)),
    ("1962", "ru", ()),
    ("U-2", "en", ()),
], ids=["one-billion", "decimal", "millions", "thousands", "spaced-thousands", "unspaced",
        "counted-noun", "english-unit", "a-year", "a-name-with-a-number"])
def test_a_number_is_accepted_written_every_usual_way(answer: str, language: str,
                                                        forms: tuple[str, ...]) -> None:
    assert set(number_forms(answer, language)) == set(forms)  # type: ignore[arg-type]


def test_a_blank_that_hides_a_name_in_a_case_accepts_the_other_names_in_that_case() -> None:
    assert set(accepted("Украине", ["Украина", "Киев"], "ru")) == {"Киеве", "Киеву"}


def test_accepted_forms_never_repeat_the_answer_or_each_other() -> None:
    assert accepted("the United States", ["United States", "USA", "usa"], "en") == ("USA",)


@pytest.mark.parametrize(("written", "key"), [
    ("The United States", "united states"), ("Ёлка!", "елка"), ("an Apple", "apple"),
    ("  Soviet   Union. ", "soviet union"), ("7 000", "7000")])
def test_marking_compares_case_punctuation_yo_and_articles_away(written: str, key: str) -> None:
    assert marking_form(written) == key
