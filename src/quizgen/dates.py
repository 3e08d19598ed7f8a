"""Dates in an article's sentences, normalised to the pack's ``YYYY[-MM[-DD]]``.

Rules, not a model: dates are a closed class of expressions in each language. A
sentence's own date is absolute («в декабре 2024 года», ``24.02.22``), approximate
(«осенью 2022 года» → 2022, with a note saying what the text says), or relative
(«через год», «за два дня до 24.02.22»), resolved against the date it refers to and
marked as derived. A date brought in for contrast («в отличие от 2008 года») is the
date of its own clause only: it is never the sentence's narrative date, so nothing
later is counted from it. :class:`Narrative` carries what the text has dated so far.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import functools
import re
from dataclasses import dataclass
from typing import Iterator, Optional

from .model import Language

# ---------------------------------------------------------------------------------------
# A date of year, month or day precision


@dataclass(frozen=True, order=True)
class Partial:
    """A date as precise as the text: a year, a month of a year, or a day."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def coarser(self, unit: str) -> Partial:
        """No more precise than ``unit`` allows (``year``, ``month``, ``day``)."""
        if unit == "year":
            return Partial(self.year)
        if unit == "month" and self.day is not None:
            return Partial(self.year, self.month)
        return self

    def shifted(self, amount: int, unit: str) -> Partial:
        """``amount`` days or months later (earlier if negative), as precise as both allow."""
        if unit == "month":
            if self.month is None:
                return self
            index = self.year * 12 + self.month - 1 + amount
            return Partial(index // 12, index % 12 + 1)
        if self.day is None or self.month is None:
            return self
        moved = datetime.date(self.year, self.month, self.day) + datetime.timedelta(days=amount)
        return Partial(moved.year, moved.month, moved.day)


def _valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


@dataclass(frozen=True)
class Found:
    """A date expression of a sentence and the date it stands for."""

    start: int
    end: int
    date: Partial
    wording: str
    approximate: bool = False
    derived: bool = False
    contrast: bool = False  # brought in for contrast: the date of its clause only
    note: Optional[str] = None  # how the date was derived, or what the text says


@dataclass
class Narrative:
    """What the text has dated so far: the anchor of relative dates and of a year left out."""

    reference_year: int  # the latest year the text names: the century of ``24.02.22``
    anchor: Optional[Found] = None  # the latest narrative date, not one brought in for contrast
    # The latest narrative date whose year the text writes out: what a date note names as
    # where a year left out comes from («год взят из «в октябре 1962 года»»).
    written_year: Optional[Found] = None

    @property
    def year(self) -> Optional[int]:
        return self.anchor.date.year if self.anchor is not None else None

    def advance(self, found: list[Found]) -> None:
        own = [f for f in found if not f.contrast]
        if own:
            self.anchor = own[-1]
        written = [f for f in own if not f.derived]
        if written:
            self.written_year = written[-1]

    def year_wording(self) -> str:
        """The words of the text the narrative's year comes from."""
        if self.anchor is None:
            return ""
        if self.written_year is not None and self.written_year.date.year == self.anchor.date.year:
            return self.written_year.wording
        return self.anchor.wording  # a year counted («через год»): named as counted


# ---------------------------------------------------------------------------------------
# The words of each language

_RU_MONTHS = {
    1: "январь|января|январе|январём|январем", 2: "февраль|февраля|феврале|февралём|февралем",
    3: "март|марта|марте|мартом", 4: "апрель|апреля|апреле|апрелем", 5: "май|мая|мае|маем",
    6: "июнь|июня|июне|июнем", 7: "июль|июля|июле|июлем", 8: "август|августа|августе|августом",
    9: "сентябрь|сентября|сентябре|сентябрём|сентябрем",
    10: "октябрь|октября|октябре|октябрём|октябрем",
    11: "ноябрь|ноября|ноябре|ноябрём|ноябрем", 12: "декабрь|декабря|декабре|декабрём|декабрем",
}
_EN_MONTHS = {
    1: "january|jan", 2: "february|feb", 3: "march|mar", 4: "april|apr", 5: "may",
    6: "june|jun", 7: "july|jul", 8: "august|aug", 9: "september|sept|sep",
    10: "october|oct", 11: "november|nov", 12: "december|dec",
}
_RU_NUMBERS = {"один": 1, "одну": 1, "одного": 1, "два": 2, "две": 2, "двух": 2, "три": 3,
               "трёх": 3, "трех": 3, "четыре": 4, "четырёх": 4, "пять": 5, "шесть": 6,
               "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "несколько": 0,
               "нескольких": 0}
_EN_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
               "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 0,
               "a few": 0}
_RU_UNITS = {"год": "year", "года": "year", "лет": "year", "месяц": "month", "месяца": "month",
             "месяцев": "month", "неделю": "week", "недели": "week", "недель": "week",
             "день": "day", "дня": "day", "дней": "day", "сутки": "day", "полгода": "half-year"}
_EN_UNITS = {"year": "year", "years": "year", "month": "month", "months": "month",
             "week": "week", "weeks": "week", "day": "day", "days": "day"}
# Where the year is stated but only part of it is meant: approximate dates.
_RU_PARTS = ("начале|начала|начало|конце|конца|конец|концу|середине|середины|середина|"
             "первой половине|второй половине|весной|весна|весны|летом|лето|лета|осенью|"
             "осень|осени|зимой|зима|зимы")
_EN_PARTS = ("early|late|mid|the end of|the beginning of|the start of|the middle of|"
             "the spring of|the summer of|the autumn of|the fall of|the winter of|"
             "spring|summer|autumn|fall|winter")
_RU_CONTRAST = re.compile(r"(?:в отличие от|по сравнению с|в сравнении с|как и в|как в|"
                          r"подобно)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_EN_CONTRAST = re.compile(r"(?:unlike|compared with|compared to|as in|as it did in|just as in)"
                          r"\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_RU_ROUGHLY = re.compile(r"(?:около|примерно|приблизительно|ориентировочно|предположительно|"
                         r"вероятно)\s+(?:в\s+)?$", re.IGNORECASE)
_EN_ROUGHLY = re.compile(r"(?:about|around|approximately|roughly|probably|likely|circa)\s+"
                         r"(?:in\s+)?$", re.IGNORECASE)

_YEAR = r"(1\d\d\d|20\d\d)"
# A day or a numeric date stands alone: not the «2» of «U-2», «Су-25» or «1.2.3».
_NUMBER_START = r"(?<![\w./])(?<![^\W\d_][-–])"
# A month name is a whole word: «мая», never the start of «майора».
_WORD_END = r"(?![\w-])"
_RU_YEAR_WORD = r"(?:\s*(?:году|года|год|годом|г\.))"


def _alternatives(months: dict[int, str]) -> str:
    return "|".join(sorted((form for forms in months.values() for form in forms.split("|")),
                           key=len, reverse=True))


def _month_number(word: str, months: dict[int, str]) -> int:
    word = word.casefold().rstrip(".")
    return next(number for number, forms in months.items() if word in forms.split("|"))


@dataclass(frozen=True)
class _Words:
    months: dict[int, str]
    numbers: dict[str, int]
    units: dict[str, str]
    contrast: re.Pattern[str]
    roughly: re.Pattern[str]
    absolute: tuple[tuple[str, re.Pattern[str]], ...]
    relative: tuple[tuple[str, re.Pattern[str]], ...]
    says_only: str  # the date note of an approximate date: what the text says
    derived_note: str  # the date note of a relative date
    year_note: str  # the date note of a day and month whose year the text gave earlier


def _ru_words() -> _Words:
    m = _alternatives(_RU_MONTHS)
    numbers = "|".join(sorted(_RU_NUMBERS, key=len, reverse=True))
    units = "|".join(sorted(_RU_UNITS, key=len, reverse=True))
    absolute = (
        ("range", rf"\b{_YEAR}\s*[-–—]\s*{_YEAR}(?:\s*(?:годах|годов|годы|гг\.))?"),
        ("decade", rf"\b{_YEAR}-?х\b"),
        ("numeric", rf"{_NUMBER_START}(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}|\d{{2}})\b"),
        ("part", rf"\b(?:в\s+|к\s+|с\s+|до\s+)?({_RU_PARTS})\s+(?:({m}){_WORD_END}\s+)?{_YEAR}"
                 rf"{_RU_YEAR_WORD}?"),
        ("day-month", rf"{_NUMBER_START}(\d{{1,2}})(?:-?го)?\s+({m}){_WORD_END}"
                      rf"(?:\s+{_YEAR}{_RU_YEAR_WORD}?)?"),
        ("month-year", rf"\b({m}){_WORD_END}\s+{_YEAR}{_RU_YEAR_WORD}?"),
        ("year", rf"\b{_YEAR}{_RU_YEAR_WORD}|(?<=\b[вВсСкК]\s){_YEAR}\b(?![-.,]\d)"),
    )
    relative = (
        ("before", rf"\bза\s+(?:({numbers}|\d+)\s+)?({units})\s+до\s+"),
        ("after", rf"\b(?:через|спустя)\s+(?:({numbers}|\d+)\s+)?({units})\b"),
        ("after", rf"\b(?:({numbers}|\d+)\s+)?({units})\s+спустя\b"),
        ("next", r"\b(?:на\s+следующий|на\s+другой|в\s+следующем|на\s+следующей|"
                 r"в\s+следующий)\s+(день|год|году|месяце|неделе)\b"),
        ("same", r"\bв\s+тот\s+же\s+(день|месяц|год)\b"),
    )
    return _Words(_RU_MONTHS, _RU_NUMBERS, {**_RU_UNITS, "году": "year", "месяце": "month",
                                             "неделе": "week"},
                  _RU_CONTRAST, _RU_ROUGHLY,
                  tuple((k, re.compile(p, re.IGNORECASE)) for k, p in absolute),
                  tuple((k, re.compile(p, re.IGNORECASE)) for k, p in relative),
                  "В тексте только «{wording}».",
                  "Выведено из «{wording}»: отсчёт от «{anchor}» ({date}).",
                  "Год в «{wording}» не назван; он взят из «{anchor}» раньше в тексте.")


def _en_words() -> _Words:
    m = _alternatives(_EN_MONTHS)
    numbers = "|".join(sorted(_EN_NUMBERS, key=len, reverse=True))
    units = "|".join(sorted(_EN_UNITS, key=len, reverse=True))
    ordinal = r"(?:st|nd|rd|th)?"
    absolute = (
        ("range", rf"\b{_YEAR}\s*[-–—]\s*{_YEAR}\b"),
        ("decade", rf"\b{_YEAR}'?s\b"),
        ("iso", r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        ("part", rf"\b(?:in\s+|by\s+|since\s+|until\s+)?({_EN_PARTS})(?:\s+of)?\s+(?:({m})\.?\s+)?"
                 rf"{_YEAR}\b"),
        ("day-month", rf"{_NUMBER_START}(\d{{1,2}}){ordinal}\s+(?:of\s+)?({m})\.?(?:,?\s+{_YEAR})?\b"),
        ("month-day", rf"\b({m})\.?\s+(\d{{1,2}}){ordinal}(?:,\s*{_YEAR})?\b(?!\s*\d)"),
        ("month-year", rf"\b({m})\.?(?:\s+of)?\s+{_YEAR}\b"),
        ("year", rf"\b(?:in|since|until|by|of|from|during|around|before|after)\s+{_YEAR}\b"
                 rf"(?![-./]\d)|\b{_YEAR}(?=\s+(?:election|budget|war|season|vote|report|"
                 rf"agreement|plan|law|census)\b)"),
    )
    relative = (
        ("before", rf"\b(?:({numbers}|\d+)\s+)?({units})\s+before\s+"),
        ("after", rf"\b(?:({numbers}|\d+)\s+)?({units})\s+later\b"),
        ("after", rf"\bafter\s+(?:({numbers}|\d+)\s+)?({units})\b(?!\s+of)"),
        ("next", r"\b(?:the\s+)?(?:next|following)\s+(day|week|month|year)\b"),
        ("same", r"\b(?:the\s+)?same\s+(day|week|month|year)\b|\blater\s+that\s+(year|month)\b"),
    )
    return _Words(_EN_MONTHS, _EN_NUMBERS, _EN_UNITS, _EN_CONTRAST, _EN_ROUGHLY,
                  tuple((k, re.compile(p, re.IGNORECASE)) for k, p in absolute),
                  tuple((k, re.compile(p, re.IGNORECASE)) for k, p in relative),
                  "The text says only “{wording}”.",
                  "Derived from “{wording}”, counted from “{anchor}” ({date}).",
                  "The year of “{wording}” is not given; it is taken from “{anchor}” earlier.")


@functools.cache
def _words(language: Language) -> _Words:
    """The patterns of ``language``, compiled when first needed (a build may never need them)."""
    return _ru_words() if language == "ru" else _en_words()

# Pattern kinds whose match is consumed without being a date of its own.
_NOT_A_DATE = frozenset({"range", "decade"})


# ---------------------------------------------------------------------------------------
# Finding dates


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def told_dates(text: str, language: Language) -> list[tuple[Partial, str]]:
    """Every date ``text`` tells, each with the sentence that tells it: a year left out, or a
    date counted from another, as the narrative resolves it; dates brought in for contrast
    are left out (they tell of another time)."""
    narrative = Narrative(latest_year(text) or 0)
    told: list[tuple[Partial, str]] = []
    for sentence in _SENTENCE_END.split(text):
        found = find_dates(sentence, language, narrative)
        narrative.advance(found)
        told += [(f.date, sentence) for f in found if not f.contrast]
        told += [(f.date, sentence) for f in _counted_in_sentence(sentence, found, language)]
    return told


def _counted_in_sentence(sentence: str, found: list[Found], language: Language) -> list[Found]:
    """Dates a sentence counts from a date of its own («In February 1893 he was sentenced, and
    died the next year»): a draft dates such a sentence by the date it writes out, but the
    sentence tells the year counted too."""
    own = [f for f in found if not f.contrast and not f.derived]
    if not own:
        return []
    words = _words(language)
    counted: list[Found] = []
    for kind, pattern in words.relative:
        if kind == "before":
            continue
        for match in pattern.finditer(sentence):
            before = [f for f in own if f.end <= match.start()]
            if not before or overlaps(match.span(), [(f.start, f.end) for f in found]):
                continue
            result = _resolve(kind, match, sentence, [], words, Narrative(0, before[-1]))
            if result is not None:
                counted.append(result)
    return counted


def year_ranges(text: str, language: Language) -> list[tuple[int, int]]:
    """The first and last year of each range of years ``text`` tells («в 1921–1922 годах»,
    "1956-1957", «с 1933 по 1938 год», "from 1949 to August 1961"); :func:`find_dates` takes
    a range written with a dash for no date of its own."""
    dashed = next(p for kind, p in _words(language).absolute if kind == "range")
    years = [(int(m.group(1)), int(m.group(2)))
             for pattern in (dashed, _SPOKEN_RANGES[language]) for m in pattern.finditer(text)]
    return sorted((first, last) for first, last in years if first < last)


# A range of years in words: its two ends, a month before the second allowed.
_SPOKEN_RANGES = {
    "ru": re.compile(rf"\bс\s+(?:\w+\s+)?{_YEAR}(?:\s*(?:года|г\.))?\s+по\s+(?:\w+\s+)?{_YEAR}\b",
                     re.IGNORECASE),
    "en": re.compile(rf"\b(?:from|between)\s+(?:\w+\s+)?{_YEAR}\s+(?:to|and|until|till)\s+"
                     rf"(?:\w+\s+)?{_YEAR}\b", re.IGNORECASE),
}


def latest_year(text: str) -> Optional[int]:
    """The latest four-digit year a text names: what a two-digit year is read against."""
    years = [int(y) for y in re.findall(rf"\b{_YEAR}\b", text)]
    return max(years) if years else None


def full_year(two_digits: int, reference_year: int) -> int:
    """``22`` → 2022 in a text about the 2020s, never 1922; a year after the text → last century."""
    year = 2000 + two_digits
    return year if year <= reference_year + 1 else year - 100


def dates_relatively(text: str, language: Language) -> bool:
    """Whether ``text`` dates something by its distance from another date («спустя два года»).

    Such a quote dates its event a second way, which a reader may count differently from
    the date it gives outright.
    """
    return any(pattern.search(text) for _, pattern in _words(language).relative)


def find_dates(sentence: str, language: Language, narrative: Narrative) -> list[Found]:
    """Every date the sentence gives, in order; relative ones resolved, contrast ones marked.

    ``narrative`` is read, not changed: the caller advances it once per sentence.
    """
    words = _words(language)
    taken = _Spans()
    found: list[Found] = []
    for kind, pattern in words.absolute:
        for match in pattern.finditer(sentence):
            if taken.overlaps(match.span()) or (
                    language == "ru" and _a_name_not_a_month(sentence, match)):
                continue
            taken.add(match.span())
            if kind in _NOT_A_DATE:
                continue
            date = _absolute(kind, match, words, narrative)
            if date is None:
                continue
            found.append(_qualified(sentence, match, date, kind, words, narrative))
    found.sort(key=lambda f: f.start)
    resolved = list(_relative(sentence, found, words, narrative, taken.spans()))
    anchors = {id(f) for r in resolved for f in found if f.end <= r.end and f.start >= r.start}
    dates = [f for f in found if id(f) not in anchors] + resolved
    return sorted(dates, key=lambda f: f.start)


def _a_name_not_a_month(sentence: str, match: re.Match[str]) -> bool:
    """«Мая Плисецкая», «Марта Иванова»: a month's word that is a woman's name.

    Russian writes months in lower case, so only a capitalised month word inside the
    sentence is in doubt («9 Мая» is the holiday). It is a name when the word after it is
    a surname or patronymic that agrees with it as a woman's name: feminine, or in the
    case of the month word's own reading as a name («статуя Августа Октавиана»).
    """
    forms = {form for forms in _RU_MONTHS.values() for form in forms.split("|")}
    month = next((i for i in range(1, (match.lastindex or 0) + 1)
                  if (match.group(i) or "").casefold() in forms), None)
    if month is None:
        return False
    word, start = match.group(month), match.start(month)
    if not word[:1].isupper() or word.isupper() or not sentence[:start].strip(" «\"(–—-"):
        return False
    following = re.match(r"\s+([А-ЯЁ][а-яё]+)", sentence[match.end(month):])
    if following is None:
        return False
    from .grammar import _analyser

    morph = _analyser()
    named = [p for p in morph.parse(word) if "Name" in p.tag.grammemes]
    cases = {p.tag.case for p in named}
    for parse in morph.parse(following.group(1)):
        if not {"Surn", "Patr"} & parse.tag.grammemes:
            continue
        if parse.tag.gender == "femn" or parse.tag.case in cases:
            return True
    return False



class _Spans:
    """Spans of a sentence that do not overlap, in order: a sentence of a thousand dates
    checks each against its neighbours, not against every other."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, span: tuple[int, int]) -> bool:
        """What :func:`overlaps` says of ``span`` and these spans."""
        before = bisect.bisect_left(self._starts, span[1])  # those that start before it ends
        return before > 0 and self._ends[before - 1] > span[0]

    def add(self, span: tuple[int, int]) -> None:
        """Add a span that overlaps none of these."""
        at = bisect.bisect_left(self._starts, span[0])
        self._starts.insert(at, span[0])
        self._ends.insert(at, span[1])

    def spans(self) -> list[tuple[int, int]]:
        return list(zip(self._starts, self._ends))


def overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """Whether ``span`` of a text overlaps one of the spans ``taken``."""
    return any(span[0] < end and start < span[1] for start, end in taken)


def _absolute(kind: str, match: re.Match[str], words: _Words,
              narrative: Narrative) -> Optional[Partial]:
    groups = match.groups()

    def year_of(text: str) -> Optional[int]:
        return int(text) if text else narrative.year

    if kind == "numeric":
        day, month, year_text = int(groups[0]), int(groups[1]), groups[2]
        year = int(year_text) if len(year_text) == 4 else full_year(int(year_text),
                                                                      narrative.reference_year)
        return Partial(year, month, day) if _valid_day(year, month, day) else None
    if kind == "iso":
        year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
        return Partial(year, month, day) if _valid_day(year, month, day) else None
    if kind == "part":
        year = int(groups[2])
        return Partial(year, _month_number(groups[1], words.months)) if groups[1] else Partial(year)
    if kind in {"day-month", "month-day"}:
        day_text, month_word = ((groups[0], groups[1]) if kind == "day-month"
                                else (groups[1], groups[0]))
        known_year = year_of(groups[2])
        month = _month_number(month_word, words.months)
        if known_year is None or not _valid_day(known_year, month, int(day_text)):
            return None
        return Partial(known_year, month, int(day_text))
    if kind == "month-year":
        return Partial(int(groups[1]), _month_number(groups[0], words.months))
    year_text = next(g for g in groups if g)
    return Partial(int(year_text))


def _qualified(sentence: str, match: re.Match[str], date: Partial, kind: str, words: _Words,
               narrative: Narrative) -> Found:
    before = _last_words(sentence, match.start())
    wording = match.group().strip()
    contrast = bool(words.contrast.search(before))
    roughly = bool(words.roughly.search(before))
    approximate = kind == "part" or roughly
    lead_in = _lead_in(sentence, match.start(), roughly)
    note = words.says_only.format(wording=lead_in + wording) if approximate else None
    derived = False
    if kind in {"day-month", "month-day"} and not _has_year(match):
        derived = True
        note = words.year_note.format(wording=wording, anchor=narrative.year_wording())
    return Found(match.start(), match.end(), date, wording, approximate, derived, contrast, note)


def _has_year(match: re.Match[str]) -> bool:
    return any(g and re.fullmatch(_YEAR, g) for g in match.groups())


# The contrast and "roughly" patterns end where the date starts and span at most six words
# (four of a marker, two after it): only so many words before a date are searched, so that
# a sentence of many dates is read once, not once per date.
_WORDS_BEFORE = 8


def _last_words(sentence: str, end: int) -> str:
    """The last :data:`_WORDS_BEFORE` words of the sentence before ``end``, with their spaces."""
    start = end
    for _ in range(_WORDS_BEFORE):
        while start > 0 and sentence[start - 1].isspace():
            start -= 1
        while start > 0 and not sentence[start - 1].isspace():
            start -= 1
    return sentence[start:end]


def _lead_in(sentence: str, end: int, roughly: bool) -> str:
    """«около» / "about" before the date at ``end``, as the text has it, for the date note:
    the text's last space-separated piece before the date."""
    if not roughly:
        return ""
    while end > 0 and sentence[end - 1].isspace():
        end -= 1
    return sentence[sentence.rfind(" ", 0, end) + 1:end] + " " if end else ""


def _relative(sentence: str, found: list[Found], words: _Words, narrative: Narrative,
              taken: list[tuple[int, int]]) -> Iterator[Found]:
    for kind, pattern in words.relative:
        for match in pattern.finditer(sentence):
            if overlaps(match.span(), taken):
                continue
            result = _resolve(kind, match, sentence, found, words, narrative)
            if result is not None:
                taken.append((result.start, result.end))
                yield result


def _resolve(kind: str, match: re.Match[str], sentence: str, found: list[Found], words: _Words,
             narrative: Narrative) -> Optional[Found]:
    if kind == "before":
        # «за два дня до 24.02.22»: counted back from the date right after «до», and
        # only from it (a year «до окончания мандата» has nothing to count from).
        after = [f for f in found if f.start == match.end()]
        if not after:
            return None
        anchor = after[0]
        amount, unit = _amount(match.group(1), match.group(2), words)
        end = anchor.end
        amount = -amount
    else:
        if narrative.anchor is None or any(not f.contrast for f in found):
            return None  # a sentence with a date of its own is dated by it
        anchor = narrative.anchor
        if kind in {"next", "same"}:
            unit = words.units.get(match.group(match.lastindex or 1).casefold(),
                                   _unit_word(match.group(match.lastindex or 1)))
            amount = 1 if kind == "next" else 0
        else:
            amount, unit = _amount(match.group(1), match.group(2), words)
        end = match.end()
    if unit is None:
        return None
    rough = amount == 0 and kind != "same"
    date = anchor.date if kind == "same" else _shift(anchor.date, amount, unit)
    wording = sentence[match.start():end].strip()
    note = words.derived_note.format(wording=wording, anchor=anchor.wording, date=anchor.date)
    approximate = rough or anchor.approximate or unit in {"year", "half-year"} and kind != "same"
    return Found(match.start(), end, date, wording, approximate, True, anchor.contrast, note)


def _unit_word(word: str) -> Optional[str]:
    word = word.casefold()
    for stem, unit in (("ден", "day"), ("day", "day"), ("нед", "week"), ("week", "week"),
                       ("мес", "month"), ("month", "month"), ("год", "year"), ("year", "year")):
        if word.startswith(stem):
            return unit
    return None


def _amount(number: Optional[str], unit_word: str, words: _Words) -> tuple[int, Optional[str]]:
    unit = words.units.get(unit_word.casefold())
    if number is None:
        amount = 1
    elif number.isdigit():
        amount = int(number)
    else:
        amount = words.numbers.get(number.casefold(), 1)
    if unit == "half-year":
        return 6, "month"
    return amount, unit


def _shift(date: Partial, amount: int, unit: str) -> Partial:
    """The anchor moved by ``amount`` units; an unknown amount (0) keeps what is certain.

    A count of years is as precise as a year: «через год» after September 2023 says
    2024, not which month.
    """
    if unit == "week":
        unit, amount = "day", amount * 7
    if amount == 0:
        return date.coarser("month" if unit == "day" else "year")
    if unit == "year":
        return Partial(date.year + amount)
    return date.shifted(amount, unit)


# ---------------------------------------------------------------------------------------
# Whether a quote states a date


def states_date(quote: str, year: int, month: Optional[int] = None,
                day: Optional[int] = None) -> bool:
    """Whether ``quote`` holds an expression of the date: its year, its month's name (any
    case form, in Russian or English, as a whole word) or a numeric date for it.

    Any one of them is enough: «28 октября» dates a day whose year the text gave earlier.
    What the check catches is a date read from no date at all («U-2 майора» as 2 May).
    """
    if re.search(rf"(?<!\d){year}(?!\d)", quote):
        return True
    if month is None:
        return False
    for months in (_RU_MONTHS, _EN_MONTHS):
        forms = months[month] if months is _RU_MONTHS else _EN_FULL_MONTHS[month]
        if re.search(rf"(?<![\w-])(?:{forms}){_WORD_END}", quote, re.IGNORECASE):
            return True
    short = f"{year % 100:02d}"
    for found in re.finditer(r"(?<![\w.])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b", quote):
        if (int(found.group(2)) == month and found.group(3) in (str(year), short)
                and (day is None or int(found.group(1)) == day)):
            return True
    return False


# The English months as words: «may» alone stands for May, «mar», «dec» only as abbreviations.
_EN_FULL_MONTHS = {number: forms.split("|")[0] + "".join(
    f"|{short}\\." for short in forms.split("|")[1:]) for number, forms in _EN_MONTHS.items()}
