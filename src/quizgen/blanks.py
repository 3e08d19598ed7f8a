"""What the words around a blank let in besides its answer: another name that fills it as well.

Each check is one rule of :mod:`quizgen.rules`, for a cloze of a summary and for the blank of
"who fills the blank" alike; :func:`another_filler` says which, if any, turns a blank down.
"""

from __future__ import annotations

import re
from typing import Optional

from .grammar import is_noun, is_proper_word, lemmas
from .model import Language
from .rules import BLANK_AFTER_RELATIVE, BLANK_IN_PAIR, TITLE_FILLS_BLANK, Rule

# Words for a relative: in Russian the name after one («брат ___») may be read as the
# relative's own name (nominative, in apposition) or as the one whose relative it is (genitive).
_RELATIVES = frozenset("""
брат сестра сын дочь отец мать жена муж вдова вдовец племянник племянница внук внучка дядя
тётя тетя зять невестка свёкор тесть тёща свекровь двоюродный
""".split())
_LAST_WORD = re.compile(r"(\w+)[\s,]*$")
_FIRST_WORD = re.compile(r"^[\s,]*(\w+)")
# A name joined to the blank by "and" («в Петербурге и ___», "Pierre and ___"): pairs are
# remembered together, and one tells the other.
_PAIRED_BEFORE = re.compile(r"\b[A-ZА-ЯЁ][\w'’-]*\s+(?:и|and|&)\s*$")
_PAIRED_AFTER = re.compile(r"^\s*(?:и|and|&)\s+[A-ZА-ЯЁ]")
_NAME_RUN = r"((?:[A-ZА-ЯЁ][\w'’-]*\s+)+)"


def another_filler(before: str, hidden: str, after: str, title: str,
                   language: Language) -> Optional[Rule]:
    """The rule under which a name other than ``hidden`` fills the blank between ``before``
    and ``after`` as well; ``None`` where none does."""
    if language == "ru" and _after_a_relative(before):
        return BLANK_AFTER_RELATIVE
    if _PAIRED_BEFORE.search(before) or _PAIRED_AFTER.match(after):
        return BLANK_IN_PAIR
    if _title_fills(after, hidden, title, language):
        return TITLE_FILLS_BLANK
    return None


def _after_a_relative(before: str) -> bool:
    last = _LAST_WORD.search(before)
    return last is not None and bool(lemmas(last.group(1)) & _RELATIVES)


def _title_fills(after: str, hidden: str, title: str, language: Language) -> bool:
    """Whether the title names something by another name before the noun the blank stands
    before ("the ___ outbreak" under "Examining the Soho outbreak"). The title's first word is
    capitalised as a sentence's is: it is a name only where the analyser reads one."""
    following = _FIRST_WORD.match(after)
    if (following is None or not following.group(1).islower() or len(following.group(1)) < 3
            or language == "ru" and not is_noun(following.group(1), language)):
        return False  # «___ сбила вертолёт»: a verb after the blank, no name before a noun
    word = lemmas(following.group(1))
    shown = {w.lower() for w in re.findall(r"\w+", hidden)}
    for match in re.finditer(_NAME_RUN + r"(\w+)", title):
        names = match.group(1).split()
        if match.start() == 0 and not (language == "ru" and is_proper_word(names[0])):
            names = names[1:]  # «Вертолёт сбит», "Cholera outbreak": the title's first word
        found = {n.lower() for n in names} - _ARTICLES
        if found and lemmas(match.group(2).lower()) & word and not found & shown:
            return True
    return False


# Capitalised at the start of a title, not a name: "A pump is shut".
_ARTICLES = frozenset({"a", "an", "the"})

# Words that say how one figure relates to another: a share of it or a multiple.
_RELATION = {
    "en": re.compile(r"\b(?:half|halved|halves|thirds?|quarters?|double[ds]?|doubling|twice|"
                     r"triple[ds]?|tripling|treble[ds]?|\w+fold|times)\b|%|\bper ?cent\b",
                     re.IGNORECASE),
    "ru": re.compile(r"\b(?:вдвое|втрое|вчетверо|впятеро|вдесятеро|половин[аеуыо]\w*|треть|трети|"
                     r"третью|четверть|четверти|удво\w+|утро\w+|двукратн\w+|трёхкратн\w+|"
                     r"трехкратн\w+)\b|\bв\s+(?:\d+(?:[.,]\d+)?|два|две|три|четыре|пять|десять)\s+"
                     r"раза?\b|%|\bпроцент\w*", re.IGNORECASE)}
# A figure written in digits that is not a year.
_FIGURE = re.compile(r"(?<![\w.,])(?!(?:1[0-9]|20)\d\d\b)\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?")


def figure_relation(before: str, after: str, language: Language) -> str:
    """The words by which the sentence around a number's blank relates it to another figure
    ("half a million, a loss of about two-thirds"), or "": told them, a learner can work the
    number out. A relation needs two figures besides the blank: the relation and another."""
    rest = f"{before} ___ {after}"
    relations = [m.group() for m in _RELATION[language].finditer(rest)]
    figures = _FIGURE.findall(rest)
    if not relations or len(relations) + len(figures) < 2:
        return ""
    return ", ".join([*relations, *figures])


# Units a figure counts in: "1" before one of them is what the unit alone says.
_UNIT = re.compile(
    r"\s*(млн|млрд|трлн|тыс|миллион\w*|миллиард\w*|триллион\w*|тысяч\w*|million\w*|"
    r"billion\w*|trillion\w*|thousand\w*|hundred\w*)\b", re.IGNORECASE)


def one_of_a_unit(hidden: str, after: str) -> str:
    """The unit after a blank that hides the number one («больше [1] млрд»), or ``""``."""
    unit = _UNIT.match(after)
    return unit.group(1) if unit and hidden.strip() in ("1", "один", "одна", "одно", "one") else ""
