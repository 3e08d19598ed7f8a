"""Synthetic content packs of any size, with Russian text of realistic lengths.

Used by the benchmark; the same seed gives the same pack. Per 12 events there are
4 actors, 6 causes and 1–2 disputes, cited from two articles; some dates are
approximate, some actors have aliases, half the summaries name an actor (so the
Anki cloze blanks a name) and some positions have a holder.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

# A vocabulary of some two hundred words: with only a few dozen, every answer would share
# half its words with every other, which no pack written from articles does.
_WORDS = ("переговоры соглашение миротворцы граница напряжённость заявление санкции влияние "
          "президент министерство делегация инцидент расследование компенсация регион союз "
          "сотрудничество контингент мандат блокада операция визит саммит инвестиции коридор "
          "диаспора рейды задержание агентство форум партнёрство безопасность поставки "
          "парламент правительство выборы кампания оппозиция коалиция референдум конституция "
          "реформа бюджет налог пошлина тариф экспорт импорт трубопровод газ нефть месторождение "
          "электростанция порт аэропорт железная дорога магистраль мост тоннель таможня "
          "пограничники армия флот авиация ракеты учения манёвры перемирие наступление "
          "отступление оборона укрепления позиции обстрел потери пленные беженцы гуманитарный "
          "конвой помощь госпиталь врачи школа университет студенты учёные исследование "
          "доклад архив документ договор меморандум протокол декларация резолюция вето "
          "совет комиссия комитет посольство консульство дипломат посол министр советник "
          "губернатор мэр депутат сенатор судья прокурор адвокат процесс приговор апелляция "
          "арест обыск допрос свидетель журналист редакция телеканал газета радио интернет "
          "блогер публикация интервью пресс-конференция брифинг утечка слухи опровержение "
          "извинение протест митинг забастовка демонстрация полиция задержанные штраф "
          "лицензия банк кредит долг валюта курс инфляция рынок биржа акции компания холдинг "
          "концерн завод фабрика урожай зерно удобрения вода энергия свет тепло зима весна "
          "лето осень столица провинция область район посёлок деревня горы долина река озеро "
          "побережье остров полуостров пустыня степь лес трасса маршрут рейс самолёт вертолёт "
          "катастрофа крушение авария пожар наводнение землетрясение эвакуация спасатели "
          "памятник музей театр фестиваль олимпиада турнир сборная тренер болельщики").split()
_KINDS = ("person", "state", "organization", "group")
_SOURCES = ("article", "commentary")
_SOURCE_WORDS = 5000

try:  # libyaml writes a 10,000-event pack in seconds rather than a minute
    _Dumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Dumper = yaml.SafeDumper


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(count))


def _sentence(rng: random.Random, words: int) -> str:
    text = _words(rng, words)
    return text[0].upper() + text[1:] + "."


def _citation(rng: random.Random, texts: dict[str, list[str]]) -> dict[str, str]:
    source = rng.choice(_SOURCES)
    words = texts[source]
    start = rng.randrange(len(words) - 12)
    return {"source": source, "quote": " ".join(words[start:start + rng.randint(6, 12)])}


_SYLLABLES = ("ба", "ве", "го", "да", "ке", "ло", "ми", "на", "по", "ре", "са", "ту", "фа",
              "хо", "ца", "ше", "ра", "ни", "мо", "зу")
_GIVEN = ("Анна", "Мария", "Елена", "Ольга", "Нина", "Ирина", "Вера", "Лейла", "Айгюн",
          "Севда", "Наргиз", "Тамара")
# How each kind's names end: a surname, a country, a company, a people.
_ENDINGS = {"person": "ов", "state": "ия", "organization": "ком", "group": "цы"}


def _root(index: int) -> str:
    """A made-up word of its own for each index: its digits in base 20, one syllable each."""
    syllables = []
    while True:
        index, digit = divmod(index, len(_SYLLABLES))
        syllables.append(_SYLLABLES[digit])
        if not index:
            break
    return "".join(syllables).capitalize()


def actor_name(index: int) -> str:
    """A name of its own for each actor, as varied in its words as the names in articles."""
    kind = _KINDS[index % 4]
    root = _root(index + len(_SYLLABLES))  # two syllables at least
    if kind == "person" and index % 8 == 0:  # some with a given name, as many as there are
        return f"{_GIVEN[index // 8 % len(_GIVEN)]} {root}ова"
    return root + _ENDINGS[kind]


def _actor(rng: random.Random, index: int, texts: dict[str, list[str]]) -> dict[str, Any]:
    actor: dict[str, Any] = {"id": f"actor-{index}", "name": actor_name(index),
                             "kind": _KINDS[index % 4], "role": _sentence(rng, rng.randint(8, 16))}
    if index % 5 == 0:
        actor["aliases"] = [f"Сторона {_root(index + len(_SYLLABLES))}"]
    actor["sources"] = [_citation(rng, texts)]
    return actor


def _event(rng: random.Random, index: int, n_actors: int,
           texts: dict[str, list[str]]) -> dict[str, Any]:
    actors = sorted({f"actor-{rng.randrange(n_actors)}" for _ in range(rng.randint(1, 3))})
    summary = _sentence(rng, rng.randint(25, 45))
    if index % 2 == 0:  # name the first actor inside the summary
        named = actor_name(int(actors[0].removeprefix("actor-")))
        cut = summary.index(" ", len(summary) // 2)
        summary = f"{summary[:cut]} {named}{summary[cut:]}"
    event: dict[str, Any] = {
        "id": f"event-{index}",
        "date": f"{2000 + index % 25}-{1 + index % 12:02d}-{1 + index % 28:02d}",
        "title": f"Событие номер {index}: " + _words(rng, rng.randint(3, 8)),
        "summary": summary,
        "actors": actors,
        "tags": ["synthetic"],
        "sources": [_citation(rng, texts)],
    }
    if index % 10 == 0:
        event["date"] = event["date"][:7]
        event["approximate"] = True
        event["date_note"] = _sentence(rng, rng.randint(6, 12))
    return event


def write_pack(folder: Path, events: int, seed: int = 0) -> Path:
    """Write a pack with ``events`` events and proportional actors, causes and disputes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    texts = {source: [rng.choice(_WORDS) for _ in range(_SOURCE_WORDS)] for source in _SOURCES}
    for source, words in texts.items():
        (folder / f"{source}.txt").write_text(" ".join(words) + "\n", encoding="utf-8")
    n_actors, n_causes, n_disputes = max(4, events // 3), max(2, events // 2), max(2, events // 8)
    actors = [_actor(rng, i, texts) for i in range(n_actors)]
    event_items = [_event(rng, i, n_actors, texts) for i in range(events)]
    causes = [{"id": f"cause-{i}", "cause": f"event-{rng.randrange(events)}",
               "effect": _sentence(rng, rng.randint(8, 14)),
               "explanation": _sentence(rng, rng.randint(15, 25)),
               "sources": [_citation(rng, texts)]} for i in range(n_causes)]
    disputes = [{"id": f"dispute-{i}", "question": _sentence(rng, 10)[:-1] + "?",
                 "positions": [{**({"holder": f"actor-{rng.randrange(n_actors)}"} if p else {}),
                                "claim": _sentence(rng, rng.randint(10, 20)),
                                "sources": [_citation(rng, texts)]} for p in range(2)]}
                for i in range(n_disputes)]
    pack = {"id": f"synthetic-{events}", "title": f"Синтетический набор ({events})",
            "language": "ru",
            "sources": [{"id": source, "title": f"Статья «{source}»", "text": f"{source}.txt"}
                        for source in _SOURCES]}
    for name, data in (("pack", pack), ("events", {"events": event_items}),
                       ("actors", {"actors": actors}), ("causes", {"causes": causes}),
                       ("disputes", {"disputes": disputes})):
        (folder / f"{name}.yaml").write_text(
            yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100),
            encoding="utf-8")
    return folder


def items_of(events: int) -> int:
    """How many items (events, actors, causes, disputes) :func:`write_pack` writes."""
    return events + max(4, events // 3) + max(2, events // 2) + max(2, events // 8)


def events_for_items(items: int) -> int:
    """The number of events that makes :func:`write_pack` write about ``items`` items."""
    events = max(1, round(items / items_of(1000) * 1000))
    while items_of(events) < items:
        events += 1
    return events
