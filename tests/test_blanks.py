"""What lets another name into a blank, and what names an actor but for its kind word."""

from __future__ import annotations

from typing import Optional

import pytest

from quizgen.bank import _date_named, informative_cloze
from quizgen.blanks import another_filler
from quizgen.grammar import NameForm, pronoun_for
from quizgen.model import Actor, ActorKind, Citation, Event
from quizgen.text import actor_spans, description, named_but_for_kind


def _actor(name: str, kind: ActorKind = ActorKind.ORGANIZATION, aliases: tuple[str, ...] = ()
           ) -> Actor:
    return Actor(id="a", name=name, kind=kind, role="-", aliases=list(aliases), example=False,
                 tags=[], sources=[Citation(source="s", quote="-")])


@pytest.mark.parametrize("text, name, kind, named", [
    pytest.param("Новое городовое положение", "Городские думы", ActorKind.ORGANIZATION, True,
                 id="a derived adjective tells the rest of a body's name"),
    pytest.param("выбиравшие управу и городского голову", "Городские думы",
                 ActorKind.ORGANIZATION, True, id="an inflected adjective does too"),
    pytest.param("исполнительные органы земства", "Земские управы", ActorKind.ORGANIZATION,
                 False, id="a root too short to tell is not read"),
    pytest.param("Soviet leaders met in Vienna", "Soviet Union", ActorKind.STATE, True,
                 id="English: the word before the kind word"),
    pytest.param("A water company that drew from the Thames",
                 "Southwark and Vauxhall Water Company", ActorKind.ORGANIZATION, False,
                 id="English: one word of three is not the name"),
    pytest.param("брат Николая Милютина", "Дмитрий Милютин", ActorKind.PERSON, False,
                 id="a person is not read so: a relative shares the surname"),
    pytest.param("Совет собрался", "Государственный совет", ActorKind.ORGANIZATION, False,
                 id="the kind word alone names nothing"),
])
def test_named_but_for_kind(text: str, name: str, kind: ActorKind, named: bool) -> None:
    assert named_but_for_kind(text, _actor(name, kind)) is named


@pytest.mark.parametrize("before, hidden, after, title, language, rule", [
    pytest.param("Министерство возглавил брат ", "Николая Милютина", ".", "Назначение", "ru",
                 "blank-after-relative", id="a Russian relative: apposition or genitive"),
    pytest.param("The ministry went to his brother ", "Dmitry", ".", "A new minister", "en",
                 None, id="an English relative: apposition only"),
    pytest.param("Первые суды открылись в Петербурге и ", "Москве", ".", "Суды", "ru",
                 "blank-in-pair", id="a name joined by «и» to the name before it"),
    pytest.param("", "Banting", " and Best began their experiments.", "Experiments begin", "en",
                 "blank-in-pair", id="a name joined by and to the name after it"),
    pytest.param("A committee blamed the ", "Broad Street", " outbreak on the air.",
                 "Examining the Soho outbreak", "en", "title-fills-blank",
                 id="the title puts another name before the same word"),
    pytest.param("A committee blamed the ", "Broad Street", " outbreak on the air.",
                 "The Broad Street outbreak is examined", "en", None,
                 id="the title's own name is the blank's"),
    pytest.param("Snow removed the handle of the ", "Broad Street", " pump.", "A pump is shut",
                 "en", None, id="no name before the word in the title"),
])
def test_another_filler(before: str, hidden: str, after: str, title: str, language: str,
                        rule: Optional[str]) -> None:
    found = another_filler(before, hidden, after, title, language)  # type: ignore[arg-type]
    assert (found.name if found else None) == rule


@pytest.mark.parametrize("role, form, shown", [
    pytest.param("Страны, чьи санкции ударили по экономике", NameForm("masc", True, False, ""),
                 "те, чьи санкции ударили по экономике", id="the pronoun agrees with both"),
    pytest.param("Учреждение, в котором двенадцать заседателей решали вопрос о виновности",
                 NameForm("masc", False, False, ""),
                 "Учреждение, в котором двенадцать заседателей решали вопрос о виновности",
                 id="a neuter opening for a masculine name stays whole"),
    pytest.param("Держава, разрешившая провести дорогу через свою землю",
                 NameForm("masc", False, False, ""),
                 "Держава, разрешившая провести дорогу через свою землю",
                 id="a participle agreeing with a feminine opening, for a masculine name"),
    pytest.param("Держава, разрешившая провести дорогу через свою землю",
                 NameForm("femn", False, False, ""), "разрешившая провести дорогу через свою землю",
                 id="the same participle for a feminine name"),
])
def test_a_pronoun_stands_for_the_opening_only_where_it_agrees_with_the_name(
        role: str, form: NameForm, shown: str) -> None:
    assert description(role, pronoun_for(form, "ru")) == shown


@pytest.mark.parametrize("text, language, hidden", [
    pytest.param("Ляпидевский вывез всех 10 женщин и 2 детей.", "ru", "10",
                 id="a count's noun stays in sight: «женщин» alone would fill the blank"),
    pytest.param("The loan came to 1.5 billion dollars.", "en", "1.5",
                 id="so does a unit"),
    pytest.param("The mayor of St. Louis closed the schools.", "en", "St. Louis",
                 id="a name that opens with an abbreviation is hidden whole"),
    pytest.param("Коксовая батарея № 1 выдала кокс.", "ru", None,
                 id="a number after «№» is part of a designation"),
    pytest.param("By May the disease reached France, where French armies fell ill.", "en",
                 None, id="a demonym beside a name tells it"),
    pytest.param("Промыслы Баку остановились, и бакинские рабочие вышли на улицы.", "ru",
                 None, id="so does a Russian adjective made from it"),
])
def test_what_a_cloze_hides(text: str, language: str, hidden: Optional[str]) -> None:
    cloze = informative_cloze(text, "A title", language)  # type: ignore[arg-type]
    assert (cloze.hidden if cloze else None) == hidden


@pytest.mark.parametrize("title, named", [
    pytest.param("Мартеновская печь даёт сталь", "", id="a furnace is no month"),
    pytest.param("Мартовское наступление", "the month", id="an adjective of the month is"),
])
def test_a_title_names_its_month(title: str, named: str) -> None:
    event = Event(id="e", date="1933-03-08", title=title, summary="-",  # type: ignore[arg-type]
                  sources=[Citation(source="s", quote="-")])
    assert _date_named(event) == named


def test_a_name_that_ends_in_a_bracket_is_blanked_with_it() -> None:
    text = "Политбюро ЦК ВКП(б) утверждает проект постановления."
    assert [text[s:e] for s, e in actor_spans(text, _actor("ЦК ВКП(б)"))] == ["ЦК ВКП(б)"]
