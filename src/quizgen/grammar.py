"""Grammar of what prompt templates insert: gender, number and animacy of names, and counts.

For Russian the facts come from the morphological analyser pymorphy3 (OpenCorpora
dictionaries), reading a name's head word; ``actors[].grammar`` in the content
overrides them where the analyser cannot know (an abbreviation such as «ОБСЕ», whose
gender is that of «организация»). For English only the number matters, and a name is
singular unless the content says otherwise. Templates then pick the form that
agrees: «играет»/«играют», «О ком»/«О чём», «два события»/«пять событий».
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import Any, TYPE_CHECKING, Iterable, Iterator, Optional, Sequence

from .memory import room
from .model import Actor, ActorKind, Language

if TYPE_CHECKING:
    import pymorphy3

# Tags of words that are names in their own right and keep their capital mid-sentence.
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_WORD = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class NameForm:
    """How a name behaves in a sentence, and how it is written in the middle of one."""

    gender: str  # masc | femn | neut
    plural: bool
    animate: bool
    inline: str  # the name as written mid-sentence
    known: bool = True  # whether the analyser (or the content) knew the head word


@functools.lru_cache(maxsize=1)
def _analyser() -> pymorphy3.MorphAnalyzer:
    import pymorphy3  # loading the dictionaries takes a moment: only when prompts are made

    _make_room_for_dictionaries()
    return pymorphy3.MorphAnalyzer(lang="ru")


# Address space that loading the dictionaries takes (about 40 MB), with a margin.
_DICTIONARY_ROOM = 64 * 2**20


def _make_room_for_dictionaries() -> None:
    """Raise :class:`MemoryError` where a limit on address space leaves less room than loading
    the dictionaries takes: their C++ reader would end the process instead."""
    left = room()
    if left is not None and left < _DICTIONARY_ROOM:
        raise MemoryError


@functools.lru_cache(maxsize=65536)
def _nominative(word: str) -> Optional[pymorphy3.analyzer.Parse]:
    """The analyser's likeliest reading of ``word`` as a nominative, or ``None``."""
    parses = _analyser().parse(word)
    for parse in parses:
        if "nomn" in parse.tag and parse.tag.POS in {"NOUN", "ADJF", "PRTF", "NPRO"}:
            return parse
    return None


@functools.lru_cache(maxsize=4096)
def _analysed(name: str) -> NameForm:
    written = _WORD.findall(name)
    # No head stands after a preposition: «Баку» of «Многие в Баку» is where they are.
    words = list(itertools.takewhile(lambda w: not _is_preposition(w), written)) or written
    parses = [_nominative(w) for w in words]
    head_at = next((i for i, p in enumerate(parses) if p is not None and p.tag.POS == "NOUN"), None)
    if head_at is None:
        # A plural word standing for people: «Многие в Баку», «Пострадавшие».
        if parses and parses[0] is not None and parses[0].tag.number == "plur":
            common = words[0][1:].islower() and is_common_word(words[0])
            return NameForm("masc", True, True, name[:1].lower() + name[1:] if common else name)
        return NameForm("masc", False, False, name, known=False)
    head = parses[head_at]
    assert head is not None
    common = (len(written) > 1 and words[0][:1].isupper() and words[0][1:].islower()
              and is_common_word(words[0]) and not is_proper_word(words[head_at]))
    inline = name[:1].lower() + name[1:] if common else name
    return NameForm(head.tag.gender or "masc", head.tag.number == "plur",
                    head.tag.animacy == "anim", inline)


def _is_preposition(word: str) -> bool:
    return _analyser().parse(word)[0].tag.POS == "PREP"


@functools.lru_cache(maxsize=4096)
def _person(name: str) -> Optional[NameForm]:
    """A Russian person's name, one person whatever its words: its gender from a first name
    («Мария»), else from its surname («Захарова», «Зарудный»); initials («С. И.») are not
    read. ``None`` where no word tells it."""
    words = [w for w in _WORD.findall(name) if len(w) > 1]
    for word in words:
        for parse in _analyser().parse(word):
            if ("Name" in parse.tag and "nomn" in parse.tag and "sing" in parse.tag
                    and parse.tag.gender in ("masc", "femn")):  # not «Никол» as «Никола»'s
                return NameForm(str(parse.tag.gender), False, True, name)
    for parse in _analyser().parse(words[-1]) if words else ():
        if ("Surn" in parse.tag or parse.tag.POS == "ADJF") and "nomn" in parse.tag \
                and parse.tag.gender in ("masc", "femn"):
            return NameForm(str(parse.tag.gender), False, True, name)
    return None


def sentence(text: str) -> str:
    """``text`` ended as a sentence: a full stop unless it ends in one already ("2020 г.")."""
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def mid_sentence(text: str, language: Language, corpus: Optional[Corpus] = None) -> str:
    """``text``, a sentence, as a clause inside another («…, что влияние России слабеет»):
    its first letter in lower case unless its first word is a name («Россия», «Баку»).

    Russian asks the analyser; English, with none, how ``corpus`` (the pack's own prose)
    writes the word mid-sentence.
    """
    first = _WORD_AT_START.match(text)
    if first is None:
        return text
    word = first.group()
    if language == "ru":
        common = _CYRILLIC.match(word) is not None and is_common_word(word)
        if in_title_case(text):
            return text
    else:
        common = corpus is not None and corpus.written(word) == word[:1].lower() + word[1:]
    if not common or (len(word) > 1 and word.isupper()):  # an acronym: «ЕС»
        return text
    return word[:1].lower() + text[1:]


def in_title_case(name: str) -> bool:
    """Whether a Russian name is written in title case: its second word a common word with a
    capital («Совет Министров СССР», «Верховный Совет»), which only a name has; not
    «Армяне Карабаха», whose second word is a name of its own."""
    words = _WORD.findall(name)[:2]
    return (len(words) == 2 and words[1][:1].isupper() and not words[1].isupper()
            and is_common_word(words[1]))


@functools.lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of a Russian word (``российских`` → ``российский``); others as given."""
    if not _CYRILLIC.search(word):
        return word
    return _analyser().parse(word)[0].normal_form


def inflected_like(name: str, shown: str) -> tuple[str, ...]:
    """``name`` in each case and number ``shown`` may stand in («Киев» like «Украине»:
    «Киеву», «Киеве»); none where the analyser cannot tell or inflect it.

    ``shown`` is a form of another name of the same thing, as a cloze hides it; each
    word of ``name`` is inflected alike («Европейский союз» → «Европейскому союзу»).
    """
    heads: list[pymorphy3.analyzer.Parse] = []
    for word in reversed(_WORD.findall(shown)):  # the last noun: «союзу» of «Европейскому союзу»
        heads = [p for p in _analyser().parse(word) if p.tag.POS == "NOUN" and p.tag.case]
        if heads:
            break
    wanted = dict.fromkeys((p.tag.case, p.tag.number or "sing") for p in heads)
    return tuple(dict.fromkeys(f for case, number in wanted
                               if (f := _inflected(name, case, number)) is not None))


def in_case(name: str, case: str, plural: bool) -> Optional[str]:
    """A Russian name in ``case`` («Армения» → «Армении», «армяне Карабаха» → «армян
    Карабаха»); ``None`` where the analyser cannot inflect a word of it."""
    return _inflected(name, case, "plur" if plural else "sing")


def _inflected(name: str, case: str, number: str) -> Optional[str]:
    out = name
    for word in _WORD.findall(name):
        parse = _nominative(word)
        if parse is None or word.isupper() or "Fixd" in parse.tag:
            continue  # «ОБСЕ», «Баку», «Sputnik»: as written
        form = parse.inflect({case} if "Pltm" in parse.tag else {case, number})
        if form is None:
            return None
        word_form = form.word[:1].upper() + form.word[1:] if word[:1].isupper() else form.word
        out = out.replace(word, word_form, 1)
    return out


_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)
def head_noun(name: str) -> Optional[str]:
    """The first noun of a Russian name of several words (``миротворцы`` of «Российские миротворцы»)."""
    words = _WORD.findall(name)
    if len(words) < 2 or not _CYRILLIC.search(name):
        return None
    for word in words:
        parse = _nominative(word)
        if parse is not None and parse.tag.POS == "NOUN":
            return word
    return None


def kind_word(name: str) -> Optional[str]:
    """The word that says what kind of thing a name of several words names: a Russian name's
    first noun («миссия» of «российская миротворческая миссия»), an English name's head where
    it is a word for an institution ("Company" of "New Panama Canal Company", "Republic" of
    "Republic of Panama"). A title with that word names the thing by its kind."""
    if _CYRILLIC.search(name):
        return head_noun(name)
    words = _WORD.findall(name)
    if len(words) < 2:
        return None
    head = words[_english_head_at(words)]
    return head if head.lower() in _EN_THE_HEADS else None


def role_head(role: str) -> Optional[str]:
    """The noun a role opens with, that says what its actor is: «староста» of «Нижегородский
    земский староста, …», "police" of "East Germany's secret police". A title with that word
    names the actor by what it is («Призыв нижегородского старосты»)."""
    words = _WORD.findall(role.partition(",")[0])
    if not words:
        return None
    if _CYRILLIC.search(role):
        for word in words:  # adjectives, then the noun; a role that opens with a verb has none
            parse = _nominative(word)
            if parse is None or parse.tag.POS not in ("NOUN", "ADJF"):
                return None
            if parse.tag.POS == "NOUN":
                return word
        return None
    at = _english_head_at(words)
    # a noun phrase: "Mayor who…", "East Germany's secret police"; not "Voted to close the bridge"
    if words[0].lower().endswith("ed") or any(w.lower() in _EN_NOT_IN_A_NAME for w in words[:at]):
        return None
    head = words[at]
    return None if head.lower() in _EN_DETERMINERS or head.lower() in _EN_AFTER_HEAD else head


# Words that stand inside a clause, not inside a noun phrase that names what something is.
_EN_NOT_IN_A_NAME = frozenset("to the a an and or was were is are has had did".split())


@functools.lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form the analyser reads a Russian ``word`` as («Минина»: «минин», «мина»);
    an English word as written, lower case, less a possessive ending."""
    lower = word.lower().replace("ё", "е")
    if not _CYRILLIC.search(word):
        return frozenset({re.sub(r"['’]s$", "", lower)})
    return frozenset(p.normal_form.replace("ё", "е") for p in _analyser().parse(lower))


@functools.lru_cache(maxsize=65536)
def is_proper_word(word: str) -> bool:
    """Whether the analyser's likeliest reading of ``word`` is a name (a place, a person, …)."""
    parses = _analyser().parse(word)
    return bool(parses) and bool(_PROPER & set(parses[0].tag.grammemes))


@functools.lru_cache(maxsize=65536)
def is_verb_form(word: str) -> bool:
    """Whether the analyser can read a Russian ``word`` as a verb, a participle or a gerund
    («погибший» is an adjective first): a phrase that may hold one may say what someone did,
    not what someone is."""
    return any(p.tag.POS in {"VERB", "INFN", "PRTF", "PRTS", "GRND"}
               for p in _analyser().parse(word))


def standing_for(head: str) -> str:
    """The pronoun that stands for a noun phrase before a relative clause, agreeing with its
    noun: «Структура, которую…» → «та», «Страны, чьи…» → «те», "Agency, which…" → "the one"."""
    words = _WORD.findall(head)
    if not _CYRILLIC.search(head):
        noun = words[_english_head_at(words)] if words else ""
        plural = bool(noun) and _inflect().singular_noun(noun) is not False
        return "those" if plural else "the one"
    for word in words:
        parse = _nominative(word)
        if parse is not None and parse.tag.POS == "NOUN":
            if "plur" in parse.tag or "Pltm" in parse.tag:
                return "те"
            return {"femn": "та", "neut": "то"}.get(parse.tag.gender or "", "тот")
    return "тот"


def pronoun_for(form: NameForm, language: Language) -> str:
    """The pronoun that stands for a name before a relative clause: «тот», «та», «то», «те»;
    "the one", "those"."""
    if language == "en":
        return "those" if form.plural else "the one"
    return "те" if form.plural else {"femn": "та", "neut": "то"}.get(form.gender, "тот")


def place_acts(name: str, verb: str) -> bool:
    """Whether a Russian ``name`` is a place in the nominative before ``verb``, a verb in the
    past or present tense: the place did it («Москва уступила…»), which stands for its
    government; not where it happened («в Москве собрался…»)."""
    last = _WORD.findall(name)[-1:] or [""]
    place = any("nomn" in p.tag and "Geox" in p.tag for p in _analyser().parse(last[0]))
    finite = any(p.tag.POS == "VERB" for p in _analyser().parse(verb.lower()))
    return place and finite


def past_verb_genders(text: str) -> frozenset[str]:
    """The genders of the Russian past-tense verbs of ``text`` («защитила»: femn): what tells
    the sex of a subject left blank."""
    found = set()
    for word in _WORD.findall(text):
        parse = _analyser().parse(word.lower())[0]
        if parse.tag.POS == "VERB" and "past" in parse.tag and parse.tag.gender:
            found.add(str(parse.tag.gender))
    return frozenset(found)


def is_epithet_or_patronymic(word: str) -> bool:
    """Whether the last word of a Russian person's name is a patronymic («Святославич») or an
    epithet («Мудрый», «Корсунянин»), not a surname: alone, it names nobody."""
    if not _CYRILLIC.search(word):
        return False
    parse = _analyser().parse(word)[0]
    return "Patr" in parse.tag or (parse.tag.POS == "ADJF" and (
        "Qual" in parse.tag or "Poss" in parse.tag))


def opens_a_description(word: str) -> bool:
    """Whether a Russian ``word`` can open a description standing on its own: a participle or
    an adjective («пропустивший…», «высший офицер…»), or a noun in the nominative; not a
    word that continues a noun before it («Войско Прокопия Ляпунова, [Дмитрия] Трубецкого…»)."""
    if word[:1].isupper():
        return False
    return any(p.tag.POS in {"PRTF", "ADJF", "ADVB"} or p.tag.POS == "NOUN" and "nomn" in p.tag
               for p in _analyser().parse(word))


def is_first_name(word: str) -> bool:
    """Whether the analyser reads ``word`` as a person's first name («Сергея», «Якова»)."""
    parses = _analyser().parse(word)
    return bool(parses) and "Name" in parses[0].tag


# English words after a number that are its unit though not plural.
_EN_COUNT_WORDS = frozenset("""hundred thousand million billion trillion percent dozen score
pound dollar franc mark rouble ruble ton tonne acre mile kilometre kilometer metre meter""".split())
# English words that follow a number without being its unit.
_EN_NOT_UNITS = frozenset("""a an and as at by for from in into of on or than that the to with was is
has does says its his this thus us plus across less unless whereas""".split())


@functools.lru_cache(maxsize=65536)
def is_noun(word: str, language: Language) -> bool:
    """Whether ``word`` can be a noun (a number's unit): by the analyser; for English, a plural
    noun by ``inflect`` or a word that counts ("million", "percent")."""
    if language == "en":  # a count's noun is plural ("tons", "people") or a number word
        lower = word.lower()
        return lower in _EN_COUNT_WORDS or (
            lower not in _EN_NOT_UNITS and _inflect().singular_noun(lower) is not False)
    parses = _analyser().parse(word)
    return bool(parses) and parses[0].tag.POS == "NOUN"


def is_common_word(word: str) -> bool:
    """Whether ``word`` is never a name: a dictionary word, or an adjective the analyser
    recognises by its ending («прокремлёвские»); written lower case mid-sentence."""
    known = _analyser().word_is_known(word.lower()) or any(
        p.tag.POS in ("ADJF", "PRTF") for p in _analyser().parse(word)[:1])
    return known and not is_proper_word(word)


class Corpus:
    """A pack's own prose, with the words that stand mid-sentence (after a word in lower case
    or a comma) filed by where they stand, alone and with the word after them, so that
    finding how it writes a name looks only there.

    Only the words that begin one of ``names`` are filed (all, without ``names``): a large
    pack's prose has hundreds of thousands of words, and only its actors' names are asked.
    A name whose first word was not filed is searched for in the whole text.
    """

    def __init__(self, text: str = "", names: Optional[Iterable[str]] = None) -> None:
        self.text = text
        self._mid_sentence: dict[str, list[int]] = {}
        wanted = None if names is None else {
            word for name in names for form in _forms(name)
            if (word := _first_word(form)) is not None}
        self._filed: Optional[frozenset[str]] = None if wanted is None else frozenset(wanted)
        for match in _MID_SENTENCE_WORD.finditer(text):
            first = match.group(1)
            if wanted is not None and first not in wanted:
                continue
            start, then = match.start(1), match.group(2)
            self._mid_sentence.setdefault(first, []).append(start)
            if then:
                self._mid_sentence.setdefault(first + then, []).append(start)

    def written(self, name: str) -> Optional[str]:
        """How the prose writes ``name`` mid-sentence, in lower case first, or ``None``."""
        for form in _forms(name):
            if any(self._stands_at(form, start) for start in self._starts(form)):
                return form
        return None

    def takes_the(self, name: str) -> bool:
        """Whether the prose writes ``name`` after "the" more often than without it, where it
        stands mid-sentence ("shipped by the White Pass and Yukon Route")."""
        starts = [start for start in self._starts(name) if self._stands_at(name, start)]
        after_the = sum(self.text[max(start - 4, 0):start].lower() == "the " for start in starts)
        return after_the > len(starts) - after_the

    def _starts(self, form: str) -> Iterable[int]:
        words = _WORDS_AT_START.match(form)
        if words is not None and (self._filed is None or _first_word(form) in self._filed):
            return self._mid_sentence.get(words.group(), ())
        return (start for start, _ in _occurrences(form, self.text)  # a name opening with «
                if start >= 2 and _MID_SENTENCE.match(self.text, start - 2))

    def _stands_at(self, form: str, start: int) -> bool:
        return (self.text.startswith(form, start)
                and not _WORD_CHAR.match(self.text, start + len(form)))


def _forms(name: str) -> Iterable[str]:
    """How a name may stand mid-sentence: in lower case first, then as written."""
    return dict.fromkeys((name[:1].lower() + name[1:], name))


def _first_word(form: str) -> Optional[str]:
    first = _WORD_AT_START.match(form)
    return first.group() if first is not None else None


# What stands before a name written mid-sentence, and what may not follow it.
_MID_SENTENCE = re.compile("[a-zа-яё,] ")
_MID_SENTENCE_WORD = re.compile(r"(?<=[a-zа-яё,] )(\w+)(?=( \w+)?)")
_WORDS_AT_START = re.compile(r"\w+(?: \w+)?")
_WORD_AT_START = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def _occurrences(text: str, corpus: str) -> Iterator[tuple[int, int]]:
    """Where ``text`` stands in ``corpus``: found with ``str.find``, which a search for a
    pattern that opens with a look-behind cannot use, and so is many times slower."""
    start = corpus.find(text)
    while start != -1:
        yield start, start + len(text)
        start = corpus.find(text, start + 1)


def _has_acronym(actor: Actor) -> bool:
    """Whether an alias abbreviates the name («ЕС» for «Европейский союз»): then it is a proper name."""
    initials = "".join(w[0] for w in _WORD.findall(actor.name)).upper()
    return any(alias.isupper() and alias == initials for alias in actor.aliases)


@functools.lru_cache(maxsize=1)
def _inflect() -> Any:
    import inflect

    return inflect.engine()


# Words after which an English name's head noun has been said («Historians who credit…»,
# «University of Toronto»).
_EN_AFTER_HEAD = frozenset("who which that of in from at on for with by under".split())
# Words that open a description rather than a name; mid-sentence they are lower case.
_EN_DETERMINERS = frozenset("the a an many some most several other few all both".split())
# Head nouns of institutional names that take "the": «the Soviet Union», «the Royal Society».
_EN_THE_HEADS = frozenset("""
    union states nations kingdom republic emirates netherlands philippines society service
    council assembly party army navy force forces corps university college institute
    academy company corporation administration bank committee commission government court
    congress parliament senate office agency department ministry league organization
    organisation alliance federation foundation press crew board bureau authority
    movement front coalition command fleet association conference club church school
    hospital centre center laboratory commission station mission programme program agency
""".split())


def _english_head_at(words: Sequence[str]) -> int:
    """Where an English phrase's head noun stands: before the word that opens what follows
    it ("University [of] Toronto", "Historians [who] credit…"), else last."""
    return next((i - 1 for i, w in enumerate(words) if i and w.lower() in _EN_AFTER_HEAD),
                len(words) - 1)


def english_form(actor: Actor, corpus: Optional[Corpus] = None) -> NameForm:
    """How an English name behaves mid-sentence: its number (from its head noun, by
    ``inflect``), whether it takes "the" («the Soviet Union», «the University of Toronto»;
    a name the pack's prose writes after "the"), and whether it opens in lower case («many
    Conservatives», «historians who…»).

    A state is singular whatever its form («the United States is»); a person is singular.
    """
    words = actor.name.split()
    head_at = _english_head_at(words)
    head = _WORD.findall(words[max(head_at, 0)])
    head_word = head[-1] if head else ""
    plural = (actor.kind not in (ActorKind.STATE, ActorKind.PERSON) and bool(head_word)
              and not head_word.isupper() and _inflect().singular_noun(head_word) is not False)
    inline = actor.name
    first = words[0].lower() if words else ""
    if first in _EN_DETERMINERS:
        inline = first + actor.name[len(words[0]):]
    elif (actor.kind in (ActorKind.STATE, ActorKind.ORGANIZATION) and len(words) > 1
          and (head_word.lower() in _EN_THE_HEADS or head_at < len(words) - 1)):
        inline = f"the {actor.name}"
    elif (actor.kind is not ActorKind.PERSON and corpus is not None
          and corpus.takes_the(actor.name)):
        inline = f"the {actor.name}"  # "the North-West Mounted Police", as the sources write it
    elif corpus is not None and (written := corpus.written(actor.name)) is not None:
        inline = written
    animate = actor.kind is not ActorKind.STATE and (
        actor.kind is not ActorKind.ORGANIZATION or plural)
    return NameForm("neut", plural, animate, inline, _number_shows(actor, head_word))


def _number_shows(actor: Actor, head_word: str) -> bool:
    """Whether a name's number can be told: a person or a state is one, an abbreviation is
    read as one; otherwise its head noun must have a plural of another form («Chinese»,
    «aircraft», «series» are the same in both)."""
    if not head_word:
        return False
    return (actor.kind in (ActorKind.PERSON, ActorKind.STATE) or head_word.isupper()
            or _inflect().plural_noun(head_word) != head_word)


# No prose to learn from: names are written as the analyser and the content say.
_NO_CORPUS = Corpus()


def same_name_inline(inline: str, name: str) -> bool:
    """Whether ``inline`` is ``name`` as it stands mid-sentence: the same words, capitals and an
    English "the" apart."""
    return re.sub(r"^the\s+", "", inline.casefold()) == re.sub(r"^the\s+", "", name.casefold())


def name_form(actor: Actor, language: Language, corpus: Corpus = _NO_CORPUS) -> NameForm:
    """The grammar of an actor's name: the content's ``grammar`` over the analyser's.

    ``corpus`` is the pack's own text: where it writes the name in lower case
    mid-sentence («российские миротворцы»), prompts do so too.
    """
    if language == "ru":
        found = (_person(actor.name) if actor.kind is ActorKind.PERSON else None) or \
            _analysed(actor.name)
        if found.inline != actor.name and (_has_acronym(actor) or (
                actor.kind is ActorKind.PERSON and all(w[:1].isupper() for w in actor.name.split()))
                or actor.kind is ActorKind.STATE or in_title_case(actor.name)):
            # A person's name of capitalised words keeps its capital («Пер Теодор Клеве»);
            # a description of one does not («заместитель командующего…»). A state's name is
            # its own («Речь Посполитая», «Османская империя»), as is one in title case («Совет
            # Министров СССР»), unless the pack's prose writes
            # it otherwise; a body's may be a description («российская ПВО»): its author says
            # where it is not (grammar.inline: «Земский собор»).
            found = NameForm(found.gender, found.plural, found.animate, actor.name, found.known)
        elif (actor.kind in (ActorKind.PERSON, ActorKind.GROUP) and " " not in actor.name
              and actor.name[1:].islower() and is_common_word(actor.name)):
            # «Мэр», «Оппозиция»: a common noun standing for a person or a group. A
            # single-word state or organisation («Кремль») is a name and keeps its capital.
            found = NameForm(found.gender, found.plural, found.animate,
                             actor.name[:1].lower() + actor.name[1:], found.known)
        written = corpus.written(actor.name)
        if written is not None:
            found = NameForm(found.gender, found.plural, found.animate, written, found.known)
    else:
        found = english_form(actor, corpus)
    # People are asked "who", states "what"; for organisations and groups the name
    # decides («миротворцы» are people, «ОБСЕ» is not).
    if actor.kind is ActorKind.PERSON:
        found = NameForm(found.gender, found.plural, True, found.inline, found.known)
    elif actor.kind is ActorKind.STATE:
        found = NameForm(found.gender, found.plural, False, found.inline, found.known)
    grammar = actor.grammar
    if grammar is None:
        return found
    return NameForm(
        grammar.gender.value if grammar.gender else found.gender,
        grammar.number.value == "plur" if grammar.number else found.plural,
        grammar.animate if grammar.animate is not None else found.animate,
        grammar.inline if grammar.inline and same_name_inline(grammar.inline, actor.name)
        else found.inline,
        known=found.known or grammar.gender is not None or grammar.number is not None)


def is_description(name: str, form: NameForm) -> bool:
    """Whether a name reads as a description, not a proper name: written mid-sentence it
    starts in lower case («российские политики», «политики и дипломаты Баку»)."""
    return form.inline != name and form.inline == name[:1].lower() + name[1:]


def pick(form: NameForm, singular: str, plural: str) -> str:
    """The word of a pair that agrees in number with ``form``."""
    return plural if form.plural else singular


def past(form: NameForm, masc: str) -> str:
    """A Russian past-tense verb agreeing with ``form``: ``сделал`` → ``сделала``, ``сделали``."""
    stem = masc[:-1] if masc.endswith("л") else masc
    if form.plural:
        return stem + "ли"
    return masc if form.gender == "masc" else stem + ("ла" if form.gender == "femn" else "ло")


_EN_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
               "ten")
_RU_NUMBERS = ("ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь",
               "девять", "десять")


@functools.lru_cache(maxsize=4096)
def count_phrase(count: int, noun: str, language: Language, case: str = "nomn") -> str:
    """``count`` things in words, the noun agreeing: ``три события``, ``двум последствиям``.

    ``noun`` is the dictionary form (``событие``); ``case`` is a pymorphy3 case for
    Russian, the case the whole phrase stands in. English ``noun`` is the plural.
    """
    if language == "en":
        return f"{_EN_NUMBERS[count] if count < len(_EN_NUMBERS) else count} {noun}"
    analyser = _analyser()
    noun_parse = analyser.parse(noun)[0]
    gender = noun_parse.tag.gender or "masc"
    numeral = str(count)
    if count < len(_RU_NUMBERS):
        wanted = {case} | ({gender} if count in (1, 2) and case in ("nomn", "accs") else set())
        inflected = analyser.parse(_RU_NUMBERS[count])[0].inflect(wanted)
        numeral = inflected.word if inflected else _RU_NUMBERS[count]
    if case in ("nomn", "accs"):
        agreed = noun_parse.make_agree_with_number(count)
        word = agreed.word if agreed else noun
    else:
        inflected = noun_parse.inflect({case, "sing" if count % 10 == 1 and count % 100 != 11
                                        else "plur"})
        word = inflected.word if inflected else noun
    return f"{numeral} {word}"
