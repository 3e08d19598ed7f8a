"""Words the generated material is written in, for each pack language (ru, en).

Prompt templates insert content where no inflection is needed: names stand in
the nominative, titles in quotation marks, claims (told in our own words, not quoted)
as clauses. What must agree with the
content (a verb with a name, a noun with a count) is chosen by :mod:`quizgen.grammar`;
dates are phrased here, where their grammar is known.
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
        "prompt.date-events": "Какие {count} произошли {date}?",
        "prompt.event-actors": "«{title}»: кто стоит на месте пропуска? «{text}»",
        "prompt.event-actors.what": "«{title}»: что стоит на месте пропуска? «{text}»",
        "prompt.actor-role": "Какую роль в этой истории {verb} {name}?",
        "prompt.role-actor.who": "О ком идёт речь: «{role}»?",
        "prompt.role-actor.what": "О чём идёт речь: «{role}»?",
        "prompt.reading": "Источник — {source}. ",
        "prompt.cause-effect": "Причина: «{given}». К чему это привело {when}?",
        "prompt.effect-cause": "Следствие: «{given}». Какое событие {when} привело к этому?",
        "prompt.dispute-position": "Спорный вопрос: {question} Как {verb} на него {holder}?",
        "prompt.dispute-position.all": "Спорный вопрос: {question} Как {verb} на него {holder}? Назовите {count}.",
        "prompt.dispute-position.more": "Спорный вопрос: {question} Как ещё {verb} на него {holder}, кроме: {others}?",
        "prompt.dispute-position.more-all": "Спорный вопрос: {question} Как ещё {verb} на него {holder}, кроме: {others}? Назовите {count}.",
        "prompt.dispute-shared": "Спорный вопрос: {question} В каком ответе на него сходятся {holder}?",
        "prompt.dispute-shared.all": "Спорный вопрос: {question} В каких ответах на него сходятся {holder}? Назовите {count}.",
        "prompt.dispute-shared.more": "Спорный вопрос: {question} В каком ещё ответе на него сходятся {holder}, кроме: {others}?",
        "prompt.dispute-views.all": "Спорный вопрос: {question} Какие ответы на него приводит источник? Назовите {count}.",
        "prompt.dispute-views.more": "Спорный вопрос: {question} Какой ещё ответ на него приводит источник, кроме: {others}?",
        "prompt.claim-holder": "Спорный вопрос: {question} Чей это ответ: {claim}?",
        "prompt.claim-source": "Спорный вопрос: {question} В каком источнике дан этот ответ: {claim}?",
        "verb.plays": "играет",
        "verb.play": "играют",
        "word.and": "и",
        "verb.answers": "отвечает",
        "verb.answer": "отвечают",
        "noun.event": "событие",
        "noun.version": "версия",
        "answer.title": "«{title}»",
        "answer.reading": "{text} (источник — {source})",
        "label.outside-date": "(дата не из источников)",
        "label.source": "Источник",
        "label.about-source": "Об источнике",
        "quiz.key-sources": "Об источниках",
        "label.details": "Подробнее",
        "label.date-note": "Как установлена дата",
        "explain.actor-events": "В этой истории: {events}",
        "label.approximate": "около",
        "quiz.kind": "Тест",
        "quiz.variant": "Вариант {variant}",
        "quiz.student": "Фамилия, имя",
        "quiz.date": "Дата",
        "quiz.score": "Баллы",
        "quiz.out-of": "из {total}",
        "quiz.class": "Класс",
        "quiz.time-limit": "Время: {minutes} мин",
        "quiz.sources": "Источники",
        "quiz.grades": "Оценка",
        "quiz.marking": "Лист проверки",
        "quiz.grade-band": "{least}–{most}",
        "quiz.questions": "Вопросов: {count}",
        "quiz.page": "стр.",
        "quiz.of": "из",
        "quiz.letters": "АБВГДЕЖЗИК",
        "quiz.quote": "«{text}»",
        "quiz.section.multiple_choice": "Выбор ответа",
        "quiz.section.true_false": "Верно или неверно",
        "quiz.section.matching": "Соответствие",
        "quiz.section.chronology": "Хронология",
        "quiz.section.short_answer": "Краткий ответ",
        "quiz.section.attribution": "Источник высказывания",
        "quiz.howto.multiple_choice": "Обведите букву единственного верного ответа.",
        "quiz.howto.true_false": "Отметьте, верно утверждение или нет.",
        "quiz.howto.matching": "Впишите рядом с каждой цифрой букву подходящего ответа; "
                               "каждая буква подходит только один раз.",
        "quiz.howto.chronology": "Расположите события от более раннего к более позднему: "
                                 "впишите буквы в клетки.",
        "quiz.howto.short_answer": "Впишите пропущенное слово или дату либо дайте краткий ответ.",
        "quiz.howto.attribution": "Обведите букву источника, в котором это сказано.",
        "quiz.match-actors": "Соотнесите участников с их ролью в этой истории.",
        "quiz.match-dates": "Соотнесите события с датами.",
        "quiz.tf-date": "Событие «{title}» произошло {when}.",
        "quiz.attribution": "В каком источнике дан этот ответ: {claim}?",
        "quiz.dispute": "Спорный вопрос: {question}",
        "quiz.held-by": "Так, по словам источника, {verb} {holder}.",
        "quiz.both-sources": "В обоих источниках",
        "quiz.neither-source": "Ни в одном из них",
        "quiz.true": "Верно",
        "quiz.false": "Неверно",
        "quiz.in-fact": "на самом деле: {answer}",
        "quiz.answer": "Ответ:",
        "quiz.key": "Ответы",
        "quiz.key-answer": "Ответ",
        "quiz.key-points": "Баллы",
        "quiz.key-also": "Засчитывается также",
        "quiz.key-notes": "Пояснения и источники",
        "quiz.total": "всего {total}",
        "quiz.points.one": "{count} балл",
        "quiz.points.few": "{count} балла",
        "quiz.points.many": "{count} баллов",
        "quiz.rule.one": "Выбор ответа, «верно или неверно», краткий ответ: 1 балл за верный ответ.",
        "quiz.rule.matching": "Соответствие: по 1 баллу за каждую верно соотнесённую пару.",
        "quiz.rule.chronology": "Хронология: 2 балла за верный порядок; 1 балл, если два любых "
                                "события поменялись местами, а остальные стоят на своих местах; "
                                "иначе 0.",
        "quiz.rule.short_answer": "Краткий ответ: засчитывается ответ в любой грамматической форме "
                                  "и любое из названий в столбце «Засчитывается также».",
        # Question banks for learning platforms (Moodle, GIFT, QTI), answered on screen.
        "lms.chronology": "Расположите события от более раннего к более позднему.",
    },
    "en": {
        "deck.events": "Events",
        "deck.actors": "Actors",
        "deck.causes": "Causes and effects",
        "deck.disputes": "Disputes",
        "prompt.event-date": "When did this happen: “{title}”?",
        "prompt.date-event": "What happened {date}?",
        "prompt.date-events": "Which {count} happened {date}?",
        "prompt.event-actors": "“{title}”: who fills the blank? “{text}”",
        "prompt.event-actors.what": "“{title}”: what fills the blank? “{text}”",
        "prompt.actor-role": "What part {verb} {name} play in this story?",
        "prompt.role-actor.who": "Who is this: “{role}”?",
        "prompt.role-actor.what": "What is this: “{role}”?",
        "prompt.reading": "Source: {source}. ",
        "prompt.cause-effect": "Cause: “{given}”. What did it lead to {when}?",
        "prompt.effect-cause": "Effect: “{given}”. What event {when} led to it?",
        "prompt.dispute-position": "Disputed: {question} How {verb} {holder} answer it?",
        "prompt.dispute-position.all": "Disputed: {question} How {verb} {holder} answer it? Name {count}.",
        "prompt.dispute-position.more": "Disputed: {question} How else {verb} {holder} answer it, besides {others}?",
        "prompt.dispute-position.more-all": "Disputed: {question} How else {verb} {holder} answer it, besides {others}? Name {count}.",
        "prompt.dispute-shared": "Disputed: {question} On what answer to it do {holder} agree?",
        "prompt.dispute-shared.all": "Disputed: {question} On what answers to it do {holder} agree? Name {count}.",
        "prompt.dispute-shared.more": "Disputed: {question} On what other answer to it do {holder} agree, besides {others}?",
        "prompt.dispute-views.all": "Disputed: {question} What answers to it does the source give? Name {count}.",
        "prompt.dispute-views.more": "Disputed: {question} What other answer to it does the source give, besides {others}?",
        "prompt.claim-holder": "Disputed: {question} Whose answer is this: {claim}?",
        "prompt.claim-source": "Disputed: {question} Which source gives this answer: {claim}?",
        "verb.plays": "does",
        "verb.play": "do",
        "word.and": "and",
        "verb.answers": "does",
        "verb.answer": "do",
        "noun.event": "events",
        "noun.version": "versions",
        "answer.title": "“{title}”",
        "answer.reading": "{text} (source: {source})",
        "label.outside-date": "(date not from the sources)",
        "label.source": "Source",
        "label.about-source": "About the source",
        "quiz.key-sources": "About the sources",
        "label.details": "Details",
        "label.date-note": "How the date was found",
        "explain.actor-events": "In this story: {events}",
        "label.approximate": "about",
        "quiz.kind": "Quiz",
        "quiz.variant": "Variant {variant}",
        "quiz.student": "Name",
        "quiz.date": "Date",
        "quiz.score": "Score",
        "quiz.out-of": "out of {total}",
        "quiz.class": "Class",
        "quiz.time-limit": "Time: {minutes} min",
        "quiz.sources": "Sources",
        "quiz.grades": "Grade",
        "quiz.marking": "Marking sheet",
        "quiz.grade-band": "{least}–{most}",
        "quiz.questions": "Questions: {count}",
        "quiz.page": "page",
        "quiz.of": "of",
        "quiz.letters": "ABCDEFGHIJ",
        "quiz.quote": "“{text}”",
        "quiz.section.multiple_choice": "Multiple choice",
        "quiz.section.true_false": "True or false",
        "quiz.section.matching": "Matching",
        "quiz.section.chronology": "Chronology",
        "quiz.section.short_answer": "Short answer",
        "quiz.section.attribution": "Which source says this?",
        "quiz.howto.multiple_choice": "Circle the letter of the one right answer.",
        "quiz.howto.true_false": "Tick whether the statement is true or false.",
        "quiz.howto.matching": "Write the matching letter next to each number; "
                               "each letter is used once.",
        "quiz.howto.chronology": "Put the events in order, earliest first: "
                                 "write the letters in the boxes.",
        "quiz.howto.short_answer": "Fill in the missing word or date, or answer in a few words.",
        "quiz.howto.attribution": "Circle the letter of the source that says this.",
        "quiz.match-actors": "Match each actor with their part in this story.",
        "quiz.match-dates": "Match each event with its date.",
        "quiz.tf-date": "“{title}” happened {when}.",
        "quiz.attribution": "Which source gives this answer: {claim}?",
        "quiz.dispute": "Disputed question: {question}",
        "quiz.held-by": "The answer of {holder}, as the source reports it.",
        "quiz.both-sources": "Both sources",
        "quiz.neither-source": "Neither source",
        "quiz.true": "True",
        "quiz.false": "False",
        "quiz.in-fact": "in fact: {answer}",
        "quiz.answer": "Answer:",
        "quiz.key": "Answer key",
        "quiz.key-answer": "Answer",
        "quiz.key-points": "Points",
        "quiz.key-also": "Also accept",
        "quiz.key-notes": "Explanations and sources",
        "quiz.total": "{total} in all",
        "quiz.points.one": "{count} point",
        "quiz.points.few": "{count} points",
        "quiz.points.many": "{count} points",
        "quiz.rule.one": "Multiple choice, true or false, short answer: 1 point for a right answer.",
        "quiz.rule.matching": "Matching: 1 point for each pair matched right.",
        "quiz.rule.chronology": "Chronology: 2 points for the right order; 1 point if any two "
                                "events, next to each other or not, are swapped and the rest "
                                "are in place; else 0.",
        "quiz.rule.short_answer": "Short answer: accept any form of the word and any name in the "
                                  "“Also accept” column.",
        # Question banks for learning platforms (Moodle, GIFT, QTI), answered on screen.
        "lms.chronology": "Put the events in order, earliest first.",
    },
}


# Quotation marks a template puts around a value, and the ones marks inside it become.
_QUOTES = {"ru": ("«", "»", str.maketrans("«»", "„“")),
           "en": ("“", "”", str.maketrans("“”", "‘’"))}


def quoted(text: str, language: Language) -> str:
    """``text`` in the language's quotation marks, the marks inside it the inner ones."""
    opening, closing, inner = _QUOTES[language]
    return f"{opening}{text.translate(inner)}{closing}"


# Templates that quote a source word for word, its quotation marks and all.
_VERBATIM = frozenset({"quiz.quote"})


def label(language: Language, key: str, **values: str) -> str:
    """A label or template of the given language, filled with ``values``; quotation marks
    inside a value the template quotes become the inner ones («Совет „никогда…“»), but in
    a source's own words."""
    template = LABELS[language][key]
    if key in _VERBATIM:
        return template.format(**values)
    opening, closing, inner = _QUOTES[language]
    return template.format(**{
        name: value.translate(inner) if f"{opening}{{{name}}}{closing}" in template else value
        for name, value in values.items()})


def format_date(date: PartialDate, language: Language, approximate: bool = False) -> str:
    """A date as a reader writes it: ``25 декабря 2024 г.``, ``December 2024``."""
    if language == "ru":
        if date.day is not None and date.month is not None:
            text = f"{date.day} {_MONTHS_RU_GEN[date.month - 1]} {date.year} г."
        elif date.month is not None:
            # "около" governs the genitive: "около декабря 2024 г.", but "декабрь 2024 г."
            months = _MONTHS_RU_GEN if approximate else _MONTHS_RU_NOM
            text = f"{months[date.month - 1]} {date.year} г."
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
