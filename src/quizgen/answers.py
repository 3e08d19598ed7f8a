"""Every right way to write an answer: one place, used by the key, the study page and the exports.

An answer that names an actor is right under any of its names: the name, each alias, and a
person's surname where no other person of the pack shares it («Gagarin» for «Yuri Gagarin»;
not «Kennedy» where the pack has two). Where a blank hides a name in a case form
(«Украине»), the other names count in that form («Киеву»). A number is right with either
decimal mark, with or without the space between thousands, and with its unit written out
or shortened («1,5 млрд», «1.5 млрд», «1,5 миллиарда»; "2 bn", "2 billion").

Marking compares answers after :func:`normalise` (case, «ё», punctuation, accents, digit
groups, an English article in front), so forms that differ only so are not listed. The study
page marks in its own script: its normaliser (``templates/study-core.js``) is tested equal to
this one on many strings (``tests/test_answers.py``), and the accepted answers reach it as data.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from .grammar import inflected_like
from .model import Actor, Language
from .text import stem_of, surname

if TYPE_CHECKING:  # the question types need the pack's truth, which needs these names
    from .question import Question, QuestionBank

_DIGIT_GROUP = re.compile(r"(?<=[0-9]) (?=[0-9]{3}(?![0-9]))")
_ARTICLE = re.compile(r"^(?:the|a|an) (?=.)")


def normalise(text: str) -> str:
    """``text`` as typed answers are compared: lower case, «ё» as «е», without accents or
    other combining marks, every run of characters other than letters and digits as one
    space, digit groups joined («7 000» and «7,000» as «7000»), without a leading English
    article (the, a, an) and without spaces at the ends."""
    folded = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    kept = []
    for char in folded:
        kind = unicodedata.category(char)[0]
        if kind != "M":
            kept.append(char if kind in "LN" else " ")
    spaced = " ".join("".join(kept).split())
    return _ARTICLE.sub("", _DIGIT_GROUP.sub("", spaced), count=1)


def marking_form(text: str) -> str:
    """An answer as marking compares it (:func:`normalise`)."""
    return normalise(text)


def actor_names(actors: Sequence[Actor]) -> dict[str, tuple[str, ...]]:
    """Every name an answer naming each actor may use: name, aliases, and a surname that
    tells the person apart from every other actor of the pack."""
    names = {a.id: (a.name, *a.aliases) for a in actors}
    surnames = {a.id: s for a in actors if (s := surname(a)) is not None}
    taken: dict[str, int] = {}
    for actor in actors:
        own = {marking_form(n) for n in names[actor.id]}
        if actor.id in surnames:
            own.add(marking_form(surnames[actor.id]))
        for form in own:
            taken[form] = taken.get(form, 0) + 1
    for actor_id, last in surnames.items():
        form = marking_form(last)
        if taken.get(form) == 1 and all(marking_form(n) != form for n in names[actor_id]):
            names[actor_id] = (*names[actor_id], last)
    return names


def forms_of(answer: str, names: Iterable[str], language: Language) -> tuple[str, ...]:
    """The ways to write ``answer`` where it stands for an actor known by ``names``: in a
    blank that shows a case form, the other names in that form."""
    names = tuple(names)
    if marking_form(answer) in {marking_form(n) for n in names} or language != "ru":
        return names
    return tuple(f for n in names for f in inflected_like(n, answer))


_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:([.,])(\d+))?")
# A unit shortened, then written out: Russian in the forms a number takes (один миллиард,
# два миллиарда, пять миллиардов), English as is.
_UNITS: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {
    "ru": ((("млрд", "млрд."), ("миллиард", "миллиарда", "миллиардов")),
           (("млн", "млн."), ("миллион", "миллиона", "миллионов")),
           (("тыс", "тыс."), ("тысяча", "тысячи", "тысяч"))),
    "en": ((("bn", "b"), ("billion",)), (("m", "mn"), ("million",)), (("k",), ("thousand",))),
}


def _written_out(words: tuple[str, ...], whole: str, fraction: Optional[str]) -> str:
    """The unit's word as the number wants it: «1 миллиард», «2 миллиарда», «1,5 миллиарда»."""
    if len(words) == 1:
        return words[0]
    n = int(whole)
    if fraction or (n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)):
        return words[1]
    return words[0] if n % 10 == 1 and n % 100 != 11 else words[2]


def number_forms(answer: str, language: Language) -> tuple[str, ...]:
    """``answer`` with its number written every usual way (decimal mark, thousands, unit)."""
    match = _NUMBER.search(answer)
    if match is None:
        return ()
    whole = re.sub(r"[ \u00a0\u202f]", "", match.group(1))
    fraction = match.group(3)
    wholes = [whole]  # «7 000» and «7000» are marked alike (:func:`normalise`)
    numbers = [w + (f"{mark}{fraction}" if fraction else "") for w in wholes
               for mark in ((",", ".") if fraction else ("",))]
    before, after = answer[:match.start()], answer[match.end():]
    found = [before + n + after for n in numbers]
    unit = after.strip().split(" ")[0] if after.strip() else ""
    scales = {w for short, words in _UNITS[language] for w in (*short, *words)}
    if unit and not before.strip() and unit.lower() not in scales and not unit.startswith("%"):
        found += numbers  # «425 зерновых», «7 000 человек»: the number alone says it
    rest = after.strip()[len(unit):]
    for short, words in _UNITS[language]:
        if unit.lower() in short or unit.lower() in words:
            word = _written_out(words, whole, fraction)
            found += [f"{before}{n} {u}{rest}" for n in numbers for u in (short[0], word)]
            if whole == "1" and not fraction:  # «миллиард», "a billion"
                found.append(f"{before}{word}{rest}")
    return _distinct(answer, found)


def _distinct(answer: str, forms: Iterable[str]) -> tuple[str, ...]:
    """``forms`` that marking tells apart from ``answer`` and from each other, first kept."""
    seen = {marking_form(answer)}
    out = []
    for form in forms:
        key = marking_form(form)
        if key not in seen:
            seen.add(key)
            out.append(form)
    return tuple(out)


def accepted(answer: str, names: Iterable[str], language: Language) -> tuple[str, ...]:
    """Every other right way to write ``answer`` (none repeats it), names then numbers."""
    return _distinct(answer, [*forms_of(answer, names, language),
                              *number_forms(answer, language)])


# Words of a date's phrasing («в … году», «г.», "in", "on") a marker does not count.
_FILLER = frozenset({"г", "год", "года", "году", "в", "the", "in", "on"})


def accepts(accepted: Iterable[str], given: str) -> bool:
    """Whether a typed answer is right: one of ``accepted`` once both are normalised, or the
    same words in other forms («азербайджана» for «Азербайджан»: words of five letters or
    more that share a stem). The study page's script marks the same way, tested equal."""
    said = normalise(given)
    if not said:
        return False
    said_words = _counted(said)
    for answer in accepted:
        right = normalise(answer)
        if right == said:
            return True
        right_words = _counted(right)
        if right_words and len(right_words) == len(said_words) and all(
                _same_word(a, b) for a, b in zip(right_words, said_words)):
            return True
    return False


def _counted(normalised: str) -> list[str]:
    return [w for w in normalised.split(" ") if w and w not in _FILLER]


def _same_word(a: str, b: str) -> bool:
    return a == b or (len(a) > 4 and len(b) > 4 and (a.startswith(stem_of(b))
                                                     or b.startswith(stem_of(a))))


def accepted_answers(bank: QuestionBank, question: Question) -> tuple[str, ...]:
    """Every answer to mark right, the question's own first (a blank's hidden part), then
    the other ways the bank accepts (:attr:`quizgen.question.Facts.accepted`)."""
    own = question.cloze.hidden if question.cloze is not None else question.answer
    return distinct((own, *question.facts.accepted))


def distinct(answers: Iterable[str]) -> tuple[str, ...]:
    """``answers`` in their order, the first of each normalised form, none empty."""
    seen: dict[str, str] = {}
    for answer in answers:
        seen.setdefault(normalise(answer), answer)
    return tuple(answer for form, answer in seen.items() if form)
