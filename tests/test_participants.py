"""Who took part, asked as a blank in the sentence that names the actor; names mid-sentence.

The cases name what the blank must cover (a name in any case, a surname, a possessive, the
word for its kind) and what it must not (a word derived from a name, a word of another
name), and when a role's opening noun in a title names its actor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.bank import build_bank
from quizgen.cards import check_cards
from quizgen.grammar import name_form, role_head
from quizgen.model import Actor, ActorKind, Citation, Event, Grammar, Pack, PackInfo, Source
from quizgen.question import QuestionKind as K
from quizgen.text import actor_spans, names_by_role


def _actor(name: str, kind: str = "person", role: str = "Someone.",
           aliases: tuple[str, ...] = ()) -> Actor:
    return Actor(id="a", name=name, kind=ActorKind(kind), role=role, aliases=list(aliases),
                 sources=[Citation(source="paper", quote="q")])


@pytest.mark.parametrize("text, name, kind, aliases, found", [
    ("organised by Honecker's men", "Erich Honecker", "person", ("Honecker",), ["Honecker"]),
    ("избран Земским собором в Москве", "Земский собор", "organization", (), ["Земским собором"]),
    ("собор избрал царём Михаила", "Земский собор", "organization", (), ["собор"]),
    ("сторонники Кузьмы Минина собрались", "Кузьма Минин", "person", (), ["Кузьмы Минина"]),
    ("российские войска вошли в Россию", "Россия", "state", (), ["Россию"]),
    ("the GDR joined the Federal Republic", "German Democratic Republic", "state", ("GDR",),
     ["GDR"]),
    ("a Stasi officer opened the gate", "the Stasi", "organization", ("Stasi",), ["Stasi"]),
], ids=["surname-possessive", "russian-case", "kind-word-lower-case", "first-name-and-surname",
        "not-a-derived-word", "not-a-word-of-another-name", "alias"])
def test_the_blank_covers_the_actors_name_as_the_text_writes_it(
        text: str, name: str, kind: str, aliases: tuple[str, ...], found: list[str]) -> None:
    actor = _actor(name, kind, aliases=aliases)
    assert [text[s:e] for s, e in actor_spans(text, actor)] == found


@pytest.mark.parametrize("role, head", [
    ("Нижегородский земский староста, собравший деньги", "староста"),
    ("Самозванец, выдававший себя за царевича", "Самозванец"),
    ("Сбила вертолёт.", None),
    ("East Germany's secret police", "police"),
    ("Mayor who defended the closure.", "Mayor"),
    ("Voted to close the bridge.", None),
], ids=["russian-adjectives-then-noun", "russian-one-noun", "russian-verb-first",
        "english-possessive", "english-before-who", "english-verb-first"])
def test_a_roles_opening_noun(role: str, head: str | None) -> None:
    assert role_head(role) == head


def test_a_title_names_an_actor_by_its_roles_noun() -> None:
    minin = _actor("Кузьма Минин", role="Нижегородский земский староста, собравший деньги")
    assert names_by_role("Призыв нижегородского старосты", minin)
    assert not names_by_role("Сбор денег на ополчение", minin)


def _bank(*events: Event, title: str = "Bridges", actors: tuple[Actor, ...]) -> list[str]:
    info = PackInfo(id="p", title=title, language="en", sources=[Source(id="paper", title="Paper")])
    pack = Pack(info=info, directory=Path("."), events=events, actors=actors)
    return [q.prompt + " → " + q.answer for q in build_bank(pack).of_kind(K.EVENT_ACTORS)]


def _event(title: str, summary: str, quote: str, actors: list[str]) -> Event:
    return Event(id="e", title=title, summary=summary, actors=actors,
                 sources=[Citation(source="paper", quote=quote)])


BERG = Actor(id="berg", name="Anna Berg", kind=ActorKind.PERSON, role="Mayor of the town.",
             sources=[Citation(source="paper", quote="q")])
ROOK = Actor(id="rook", name="Ben Rook", kind=ActorKind.PERSON, role="Engineer of the bridge.",
             sources=[Citation(source="paper", quote="q")])


def test_the_quote_is_asked_before_the_summary_and_the_others_stay_in_sight() -> None:
    event = _event("The bridge reopens", "Anna Berg reopened it.",
                   "Berg cut the ribbon with Rook on the new deck", ["berg", "rook"])
    assert _bank(event, actors=(BERG, ROOK)) == [
        "“The bridge reopens”: who fills the blank? “___ cut the ribbon with Rook on the new "
        "deck” → Anna Berg"]


def test_no_card_where_no_text_names_an_actor_the_title_does_not() -> None:
    event = _event("The bridge reopens", "The bridge opened again.", "the mayor cut the ribbon",
                   ["berg"])
    assert _bank(event, actors=(BERG,)) == []


def test_no_card_for_an_actor_the_decks_title_names() -> None:
    event = _event("The bridge reopens", "Anna Berg reopened it.", "Berg cut the ribbon",
                   ["berg"])
    assert _bank(event, title="Anna Berg and her bridge", actors=(BERG,)) == []


def test_every_mention_of_the_actor_is_left_blank() -> None:
    event = _event("The bridge reopens", "The bridge opened again.",
                   "Berg cut the ribbon, and Anna Berg spoke", ["berg"])
    assert _bank(event, actors=(BERG,)) == [
        "“The bridge reopens”: who fills the blank? “___ cut the ribbon, and ___ spoke” → "
        "Anna Berg"]


def test_no_card_where_a_word_left_in_sight_names_the_actor() -> None:
    ruritania = Actor(id="rur", name="Ruritania", kind=ActorKind.STATE, role="A kingdom.",
                      sources=[Citation(source="paper", quote="q")])
    event = _event("The border closes", "The border closed.",
                   "Ruritania sent Ruritanian troops to the river", ["rur"])
    assert _bank(event, actors=(ruritania,)) == []


def _body(name: str) -> Actor:
    return Actor(id="b", name=name, kind=ActorKind.ORGANIZATION, role="A body.",
                 sources=[Citation(source="paper", quote="q")])


def _state(name: str, **grammar: str) -> Actor:
    return Actor(id="s", name=name, kind=ActorKind.STATE, role="A state.",
                 grammar=Grammar(**grammar) if grammar else None,  # type: ignore[arg-type]
                 sources=[Citation(source="paper", quote="q")])


@pytest.mark.parametrize("actor, inline", [
    (_state("Речь Посполитая"), "Речь Посполитая"),
    (_state("Османская империя"), "Османская империя"),
    (_state("Российский воинский контингент", inline="российский воинский контингент"),
     "российский воинский контингент"),
    (_body("Совет Министров СССР"), "Совет Министров СССР"),
    (_body("Российские миротворцы"), "российские миротворцы"),
], ids=["state-keeps-its-capital", "state-of-adjective-and-noun", "author-says-mid-sentence",
        "a-name-in-title-case-keeps-its-capital", "a-common-noun-phrase-does-not"])
def test_a_russian_name_mid_sentence(actor: Actor, inline: str) -> None:
    assert name_form(actor, "ru").inline == inline


def test_an_inline_form_that_is_another_name_is_found_and_not_used() -> None:
    actor = _state("Речь Посполитая", inline="Польша")
    info = PackInfo(id="p", title="T", language="ru", sources=[Source(id="paper", title="P")])
    pack = Pack(info=info, directory=Path("."), actors=(actor,))
    found = [f for f in check_cards(pack, build_bank(pack)) if f.code == "grammar-inline"]
    assert [f.at for f in found] == [("actors", "s", ("grammar", "inline"))]
    assert name_form(actor, "ru").inline == "Речь Посполитая"


def test_a_verb_that_tells_the_only_woman_of_the_pack_is_no_blank_for_her() -> None:
    """«___ защитила диссертацию»: the verb's gender names the pack's one woman."""
    def person(ident: str, name: str) -> Actor:
        return Actor(id=ident, name=name, kind=ActorKind.PERSON, role="Учёный.",
                     sources=[Citation(source="paper", quote="q")])
    maria, pierre = person("maria", "Мария Кюри"), person("pierre", "Пьер Кюри")
    sorbonne = Actor(id="sorbonne", name="Сорбонна", kind=ActorKind.ORGANIZATION,
                     role="Университет.", sources=[Citation(source="paper", quote="q")])
    event = Event(id="e", title="Защита диссертации", summary="Диссертация защищена.",
                  actors=["maria", "sorbonne"],
                  sources=[Citation(source="paper", quote="Мария Кюри защитила в Сорбонне "
                                                          "докторскую диссертацию")])
    info = PackInfo(id="p", title="Лучи", language="ru", sources=[Source(id="paper", title="P")])
    pack = Pack(info=info, directory=Path("."), events=(event,), actors=(maria, pierre, sorbonne))
    asked = build_bank(pack).of_kind(K.EVENT_ACTORS)
    assert [q.answer for q in asked] == ["Сорбонна"]


@pytest.mark.parametrize("name, gender", [
    ("С. И. Зарудный", "masc"), ("Л. Г. Захарова", "femn"), ("Мария Кюри", "femn"),
    ("Карл XII", "masc"),
], ids=["initials-and-a-surname", "initials-and-a-womans-surname", "first-name",
        "monarch"])
def test_a_russian_person_is_one_of_a_gender_whatever_the_words(name: str, gender: str) -> None:
    """«Какую роль играет С. И. Зарудный», not «играют»: initials are not read as words."""
    actor = Actor(id="p", name=name, kind=ActorKind.PERSON, role="Чиновник.",
                  sources=[Citation(source="paper", quote="q")])
    form = name_form(actor, "ru")
    assert (form.gender, form.plural) == (gender, False)
