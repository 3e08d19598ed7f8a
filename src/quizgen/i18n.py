"""Words the generated material is written in, for each pack language (ru, en).

Prompt templates insert content only where no inflection is needed: names
stand in the nominative, titles and claims in quotation marks, and dates are
phrased here, where their grammar is known.
"""

from __future__ import annotations

from typing import Mapping

from .model import Language, PartialDate

_MONTHS_RU_NOM = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                  "сентябрь", "октябрь", "ноябрь", "декабрь")
_MONTHS_RU_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                  "сентября", "октября", "ноября", "декабря")
_MONTHS_RU_PREP = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
                   "сентябре", "октябре", "ноябре", "декабре")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")

LABELS: Mapping[str, Mapping[str, str]] = {
    "ru": {
        "deck.events": "События",
        "deck.actors": "Участники",
        "deck.causes": "Причины и следствия",
        "deck.disputes": "Спорные вопросы",
        "prompt.event-date": "Когда произошло событие «{title}»?",
        "prompt.date-event": "Какое событие произошло {date}?",
        "prompt.event-actors": "Кто участвовал в событии «{title}»?",
        "prompt.actor-role": "Какую роль в этой истории играет {name}?",
        "prompt.role-actor": "О ком идёт речь: «{role}»?",
        "prompt.cause-effect": "Причина: «{cause}». К чему это привело?",
        "prompt.effect-cause": "Следствие: «{effect}». Что к этому привело?",
        "prompt.dispute-positions": "{question} Какие есть точки зрения?",
        "prompt.claim-holder": "Кто утверждает: «{claim}»?",
        "prompt.event-cloze": "{summary} Дата: {date}.",
        "answer.source": "статья «{title}»",
        "answer.holder": "{name}, по статье «{title}»",
        "answer.position": "{holder}: {claim}",
        "answer.several": "Несколько событий: {items}",
        "label.source": "Источник",
        "label.details": "Подробнее",
        "label.date-note": "Как установлена дата",
        "label.approximate": "около",
    },
    "en": {
        "deck.events": "Events",
        "deck.actors": "Actors",
        "deck.causes": "Causes and effects",
        "deck.disputes": "Disputes",
        "prompt.event-date": "When did this happen: “{title}”?",
        "prompt.date-event": "What happened {date}?",
        "prompt.event-actors": "Who took part in “{title}”?",
        "prompt.actor-role": "What part does {name} play in this story?",
        "prompt.role-actor": "Who is this: “{role}”?",
        "prompt.cause-effect": "Cause: “{cause}”. What did it lead to?",
        "prompt.effect-cause": "Effect: “{effect}”. What led to it?",
        "prompt.dispute-positions": "{question} What are the positions?",
        "prompt.claim-holder": "Who holds this view: “{claim}”?",
        "prompt.event-cloze": "{summary} Date: {date}.",
        "answer.source": "the article “{title}”",
        "answer.holder": "{name}, according to “{title}”",
        "answer.position": "{holder}: {claim}",
        "answer.several": "Several events: {items}",
        "label.source": "Source",
        "label.details": "Details",
        "label.date-note": "How the date was found",
        "label.approximate": "about",
    },
}


def label(language: Language, key: str, **values: str) -> str:
    """A label or template of the given language, filled with ``values``."""
    return LABELS[language][key].format(**values)


def format_date(date: PartialDate, language: Language, approximate: bool = False) -> str:
    """A date as a reader writes it: ``25 декабря 2024 г.``, ``December 2024``."""
    if language == "ru":
        if date.day is not None and date.month is not None:
            text = f"{date.day} {_MONTHS_RU_GEN[date.month - 1]} {date.year} г."
        elif date.month is not None:
            text = f"{_MONTHS_RU_NOM[date.month - 1]} {date.year} г."
        else:
            text = f"{date.year} г."
    else:
        if date.day is not None and date.month is not None:
            text = f"{date.day} {_MONTHS_EN[date.month - 1]} {date.year}"
        elif date.month is not None:
            text = f"{_MONTHS_EN[date.month - 1]} {date.year}"
        else:
            text = str(date.year)
    return f"{label(language, 'label.approximate')} {text}" if approximate else text


def date_phrase(date: PartialDate, language: Language) -> str:
    """A date as an adverbial phrase: ``в декабре 2024 года``, ``in December 2024``."""
    if language == "ru":
        if date.day is not None and date.month is not None:
            return f"{date.day} {_MONTHS_RU_GEN[date.month - 1]} {date.year} года"
        if date.month is not None:
            return f"в {_MONTHS_RU_PREP[date.month - 1]} {date.year} года"
        return f"в {date.year} году"
    if date.day is not None and date.month is not None:
        return f"on {date.day} {_MONTHS_EN[date.month - 1]} {date.year}"
    if date.month is not None:
        return f"in {_MONTHS_EN[date.month - 1]} {date.year}"
    return f"in {date.year}"
