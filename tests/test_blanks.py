"""What lets another name into a blank, and what names an actor but for its kind word."""

from __future__ import annotations

from typing import Optional

import pytest

from quizgen.blanks import another_filler
from quizgen.grammar import NameForm, pronoun_for
from quizgen.model import Actor, ActorKind, Citation
from quizgen.text import description, named_but_for_kind


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
