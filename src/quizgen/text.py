"""Text as the rules compare it: one home for folding, counting words, stems and names.

- :func:`fold`: a text as two texts are compared for sameness (answers, fronts, causes):
  its words, case-folded, «ё» as «е», joined by single spaces.
- :func:`word_count`: words as a learner counts them, for every word limit.
- :func:`stems`: each word in its dictionary form, cut to a stem: what a prompt must not
  share with its answer (fine-grained, so «Россия» and «российский» stay apart from «Роса»).
- :func:`coarse_stems`: words cut to five letters, abbreviations and numbers: whether two
  texts share a word at all (Россия, российских, России); :func:`coarse_lemma_stems` does the
  same of the words' dictionary forms («атаки» and «атака» alike).
- :func:`names_actor`, :class:`ActorNames`, :func:`shares_stem`, :func:`spells_acronym`:
  whether a text names an actor, by name, alias, a word derived from them, or initials.

Quote checking folds typography as well (:func:`quizgen.quotes.normalize`): that compares a
quote with its source, character for character, not two answers.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Collection, Iterable, Optional, Sequence, Union

from .grammar import (head_noun, is_epithet_or_patronymic, is_noun, is_proper_word, is_verb_form,
                      kind_word, lemma, lemmas, opens_a_description, role_head, standing_for)
from .model import Actor, ActorKind


def fold(text: str) -> str:
    """``text`` as it is compared for sameness: its words, case-folded, «ё» as «е»."""
    return " ".join(_WORDS.findall(text.casefold().replace("ё", "е")))


def word_count(text: str) -> int:
    """Words as a learner counts them: ``7 000`` and ``Баку – Москва`` are two and two."""
    return len(_WORDS.findall(text))


_WORDS = re.compile(r"\w+(?:[-'’]\w+)*")

# --- what a text gives away -----------------------------------------------------------

def stems(text: str) -> list[str]:
    """The words of ``text``, lower case, in their dictionary form cut to a stem."""
    return [_stem(lemma(w)) for w in _WORDS.findall(text.lower().replace("ё", "е"))]


def stem_of(word: str) -> str:
    """A word cut to its stem as written (no dictionary form): what survives inflection. The
    study page's script cuts words the same way to mark typed answers."""
    return _stem(word)


def _stem(word: str) -> str:
    if len(word) <= 4:
        return word
    return word[:max(4, len(word) - 3)] if len(word) > 6 else word[:-1]


# A stem this long is found at the start of a word; a shorter one must be the whole word.
_PREFIX_STEM = 4


@functools.lru_cache(maxsize=65536)
def _name_stems(name: str) -> tuple[str, ...]:
    """The stems a text must hold all of to contain ``name``; none for a name of short words."""
    return tuple(s for s in stems(name) if len(s) >= 3 or s.isdigit())


def _text_keys(text: str) -> frozenset[str]:
    """What a name's stems are looked up in: the words of ``text`` as written, their parts and
    their dictionary forms, and the beginnings of each of at least :data:`_PREFIX_STEM` letters."""
    return frozenset().union(*map(_word_keys, _WORDS.findall(text.lower().replace("ё", "е"))))


@functools.lru_cache(maxsize=65536)
def _word_keys(word: str) -> frozenset[str]:
    """:func:`_text_keys` of one word: a pack's texts share most of their words."""
    words = [word, *(word.split("-") if "-" in word else ())]  # армяно-азербайджанский
    words += [lemma(w) for w in words]
    return frozenset(w[:end] for w in words for end in range(min(_PREFIX_STEM, len(w)), len(w) + 1))


def _has_stems(name_stems: Sequence[str], keys: frozenset[str]) -> bool:
    """Whether each stem begins a word (a short one: is a word), all looked up in ``keys``."""
    return bool(name_stems) and all(s in keys for s in name_stems)


def shares_stem(name: str, text: str) -> bool:
    """Whether ``text`` contains every word of ``name``, in any inflection or derived form.

    «Россия» is found in «российские», «Азербайджан» in «азербайджанского»: a stem
    of the name's word begins a word of the text, as written or in its dictionary form.
    """
    return _has_stems(_name_stems(name), _read(text).keys)


def surname(actor: Actor) -> Optional[str]:
    """A person's surname: the last word of a name of two words or more, written with a capital;
    not a monarch's number («Карл XII», "George III"), an epithet («Ярослав Мудрый», "Alfred the
    Great") or a patronymic («Владимир Святославич»)."""
    if actor.kind is not ActorKind.PERSON:
        return None
    words = actor.name.split()
    last = words[-1] if len(words) > 1 else ""
    if (not last[:1].isupper() or len(last) < 2 or _REGNAL.fullmatch(last)
            or words[-2].lower() == "the" or is_epithet_or_patronymic(last)):
        return None  # «Карл XII», "Alfred the Great", «Владимир Святославич», «Ярослав Мудрый»
    return last


# A monarch's number: «I», «XII», "III".
_REGNAL = re.compile(r"[IVXLC]+")


def _actor_forms(actor: Actor) -> tuple[tuple[str, ...], ...]:
    aliases = tuple(a for a in actor.aliases if not _is_acronym(a))
    return _name_forms(actor.name, aliases, surname(actor) or "")


def _is_acronym(name: str) -> bool:
    """An abbreviation in capitals («ЕС», "WHO"): found only as written, never as a word of
    another case ("Who took part…" does not name the WHO)."""
    return 2 <= len(name) <= 8 and name.isupper() and name.isalpha()


@functools.lru_cache(maxsize=65536)
def _name_forms(name: str, aliases: tuple[str, ...],
                surname: str = "") -> tuple[tuple[str, ...], ...]:
    """The stems of each way of naming an actor: its name, its aliases, a person's surname
    («Gagarin orbits the Earth» names Yuri Gagarin), its name's head noun."""
    names = [name, *aliases, *([surname] if surname[:1].isupper() else [])]
    head = head_noun(name)
    if head is not None:
        names.append(head)
    return tuple(f for f in map(_name_stems, names) if f)


def _initials(actor: Actor) -> tuple[str, ...]:
    """The abbreviations that name an actor as written: its name's initials, its acronyms."""
    own = _name_initials(actor)
    return tuple(dict.fromkeys([*([own] if own else []),
                                *(a for a in actor.aliases if _is_acronym(a))]))


def _name_initials(actor: Actor) -> Optional[str]:
    words = _WORDS.findall(actor.name)
    return "".join(w[0] for w in words).upper() if len(words) > 1 else None


def mostly_in(name: str, title: str) -> bool:
    """Whether most words of a name stand in a title: «Азербайджанская диаспора в
    Екатеринбурге» in «Гибель двух граждан Азербайджана в Екатеринбурге» is all but named."""
    words = coarse_stems(name)
    return len(words) > 1 and 2 * len(words & coarse_stems(title)) > len(words)


def names_actor(text: str, actor: Actor) -> bool:
    """Whether ``text`` names ``actor``: by its name, an alias, a word derived from them, the
    head noun of its name («миротворческой» for «Российские миротворцы»), or the initials
    of its name («ЕС» for «Европейский союз»)."""
    return _names(_actor_forms(actor), _initials(actor), _read(text))


def names_by_kind(text: str, actor: Actor) -> bool:
    """Whether ``text`` names ``actor`` by the word for its kind in its name or an alias
    («Утрата миссией…» for «российская миротворческая миссия», "the new republic" for
    "Republic of Panama", "the company" for "New Panama Canal Company")."""
    keys = _read(text).keys
    return any(_has_stems(_name_stems(word), keys) for word in
               filter(None, map(kind_word, (actor.name, *actor.aliases))))


def names_by_role(text: str, actor: Actor) -> bool:
    """Whether ``text`` names ``actor`` by the noun its role opens with: «Призыв нижегородского
    старосты» names Кузьма Минин, «нижегородский земский староста»."""
    head = role_head(actor.role) if actor.role else None
    return head is not None and _has_stems(_name_stems(head), _read(text).keys)


def actor_spans(text: str, actor: Actor, names: Sequence[str] = ()) -> list[tuple[int, int]]:
    """Where ``text`` names ``actor`` by one of ``names`` (its name, aliases and a surname no
    other person shares; by default its name and aliases) or the word for its kind in them,
    in any case («Земским собором», «собор», «Годунова», "Honecker's"), in the text's order.
    A word derived from a name («российские» of Россия) is not the name: each word must be a
    form of the name's word."""
    words = [(m.start(), m.end(), m.group()) for m in _WORDS.finditer(text)]
    # «собор», "the company": the word for its kind, in lower case (not «Federal Republic»)
    kinds = {k.lower() for k in filter(None, map(kind_word, (actor.name, *actor.aliases)))}
    # "The Poor Law unions" stands as "the better-off Poor Law unions": the article is the text's
    names = sorted({_ARTICLE.sub("", n) for n in (*(names or (actor.name, *actor.aliases)), *kinds)},
                   key=lambda n: (-len(n), n))
    spans: list[tuple[int, int]] = []
    for name in names:
        parts = [lemmas(w) for w in _WORDS.findall(name)]
        for i in range(len(words) - len(parts) + 1):
            run = words[i:i + len(parts)]
            if all(lemmas(w) & part for (_, _, w), part in zip(run, parts)) and (
                    name not in kinds or run[0][2].islower()):
                start, end = run[0][0], run[-1][1]
                end -= len(m.group()) if (m := _POSSESSIVE.search(text, start, end)) else 0
                tail = _NAME_TAIL.search(name)  # «ВКП(б)»: the bracket is the name's too
                end += len(tail.group()) if tail and text.startswith(tail.group(), end) else 0
                if not any(start < e and s < end for s, e in spans):
                    spans.append((start, end))
    return sorted(spans)


_POSSESSIVE = re.compile(r"['’]s$")
_NAME_TAIL = re.compile(r"[^\w\s]+$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+(?=\S)", re.IGNORECASE)


class _Text:
    """A text's words as :func:`names_actor` compares them, read once."""

    def __init__(self, text: str) -> None:
        self.keys = _text_keys(text)
        self.tokens = _WORDS.findall(text)


@functools.lru_cache(maxsize=1024)
def _read(text: str) -> _Text:
    """A text read for :func:`names_actor` and :func:`shares_stem`: a cloze's title, a card's
    prompt and the rest of a sentence are read by several checks in turn."""
    return _Text(text)


def _names(forms: Sequence[tuple[str, ...]], initials: tuple[str, ...], text: _Text) -> bool:
    """Whether ``text`` holds one of an actor's ways of naming it, or an abbreviation of it."""
    return (any(_has_stems(form, text.keys) for form in forms)
            or any(i in text.tokens for i in initials))


# A way of naming an actor: the stems a text must hold all of, or the initials it must hold
# as a word.
_Way = Union[tuple[str, ...], str]
# An actor with more ways of being named than this is not indexed by pairs of them.
_PAIRED_WAYS = 8


# Where a role's opening ends: its first comma or clause.
_OPENING = re.compile(r",|\b(?:who|which|that|whose|whom|кто|который|которая|которое|которые|"
                      r"чей|чья|чьё|чьи)\b", re.IGNORECASE)


def role_opening(role: str) -> str:
    """What a role says its actor is, up to its first comma or clause ("US President" of
    "US President who…")."""
    return _OPENING.split(role)[0]


class ActorNames:
    """The actors of a pack, indexed so that finding those a text names does not try each.

    :meth:`named_in` gives what :func:`names_actor` says of every actor, and
    :meth:`written_in` where their names stand as written; both look up only the actors
    whose rarest stem, initials or rarest word the text holds. Many actors can share a way
    of being named (every «Анна …» by «Анна»), so a text is first read for the distinct
    ways it names (:meth:`_ways_in`), and :meth:`named_also` and :meth:`names_any` compare
    those rather than every actor they stand for: their cost does not grow with the pack.
    """

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.actors = tuple(actors)
        self._forms = [_actor_forms(actor) for actor in self.actors]
        self._initials = [_initials(actor) for actor in self.actors]
        self._indices: dict[str, list[int]] = {}
        for index, actor in enumerate(self.actors):
            self._indices.setdefault(actor.id, []).append(index)
        self._index_ways()
        self._by_word: dict[str, list[tuple[int, int, str]]] = {}
        # A name stands in a text as written only where each of its words is a word of the text.
        names = [(index, order, name) for index, actor in enumerate(self.actors)
                 for order, name in enumerate((actor.name, *actor.aliases))]
        words = rarest([_WORD_RUN.findall(name) or [""] for _, _, name in names])
        for (index, order, name), word in zip(names, words):
            self._by_word.setdefault(word, []).append((index, order, name))

    def _index_ways(self) -> None:
        """Number the distinct ways of naming (stems, or initials as ``str``) and file them."""
        ways: dict[_Way, int] = {}
        self._ways_of: list[frozenset[int]] = []
        for forms, initials in zip(self._forms, self._initials):
            own: list[_Way] = [*forms, *initials]
            self._ways_of.append(frozenset(ways.setdefault(way, len(ways)) for way in own))
        self._ways = list(ways)
        self._actors_of: list[list[int]] = [[] for _ in self._ways]
        for index, own_ways in enumerate(self._ways_of):
            for way in own_ways:
                self._actors_of[way].append(index)
        stem_ways = [w for w, way in enumerate(self._ways) if isinstance(way, tuple)]
        self._by_stem: dict[str, list[int]] = {}
        for w, stem in zip(stem_ways, rarest([self._ways[w] for w in stem_ways])):
            self._by_stem.setdefault(stem, []).append(w)
        self._by_initials = {way: w for w, way in enumerate(self._ways) if isinstance(way, str)}
        # Two ways of one actor, as pairs; an actor with many names (aliases without end)
        # would make too many pairs and is looked up by way instead.
        self._together: set[tuple[int, int]] = set()
        self._crowded: dict[int, list[int]] = {}
        for index, own_ways in enumerate(self._ways_of):
            if len(own_ways) <= _PAIRED_WAYS:
                self._together.update((w, v) for w in own_ways for v in own_ways if w != v)
            else:
                for way in own_ways:
                    self._crowded.setdefault(way, []).append(index)

    def named_in(self, text: str) -> list[Actor]:
        """The actors ``text`` names (:func:`names_actor`), in the pack's order."""
        found = {i for w in self._ways_in(_read(text)) for i in self._actors_of[w]}
        return [self.actors[i] for i in sorted(found)]

    def names_any(self, text: str, actor_ids: Iterable[str]) -> bool:
        """Whether ``text`` names one of the actors ``actor_ids``."""
        read = _read(text)
        return any(self._names(i, read) for a in actor_ids for i in self._indices.get(a, ()))

    def named_also(self, text: str, others: Sequence[str]) -> bool:
        """Whether an actor that ``text`` names is named by one of ``others`` too."""
        ours = self._ways_in(_read(text))
        if not ours:
            return False
        return any(self._share_actor(ours, self._ways_in(_read(other))) for other in others)

    def _ways_in(self, text: _Text) -> list[int]:
        """The ways of naming an actor that ``text`` holds, each once."""
        tried = {w for key in text.keys for w in self._by_stem.get(key, ())}
        found = [w for w in tried if _has_stems(self._ways[w], text.keys)]
        initials = (self._by_initials.get(word) for word in set(text.tokens))
        return found + [w for w in initials if w is not None]

    def _share_actor(self, ours: list[int], theirs: list[int]) -> bool:
        """Whether one actor has a way among ``ours`` and one among ``theirs``."""
        theirs_set = set(theirs)
        return any(w in theirs_set or any((w, v) in self._together for v in theirs)
                   or any(not theirs_set.isdisjoint(self._ways_of[i])
                          for i in self._crowded.get(w, ()))
                   for w in ours)

    def _names(self, index: int, text: _Text) -> bool:
        return _names(self._forms[index], self._initials[index], text)

    def described_as(self, text: str) -> Optional[Actor]:
        """The actor whose role opens by saying it is what ``text`` says ("MP for Greenock" of
        "MP for Greenock, a critic…"): ``text`` holds the role's head noun and no word its
        opening lacks. ``None`` where none is."""
        words = coarse_stems(text)
        for stem in words:
            for opening, actor in self._openings.get(stem, ()):
                if words <= opening:
                    return actor
        return None

    @functools.cached_property
    def _openings(self) -> dict[str, list[tuple[frozenset[str], Actor]]]:
        """Each actor's role opening (up to its first comma or clause), filed by its head's stem."""
        found: dict[str, list[tuple[frozenset[str], Actor]]] = {}
        for actor in self.actors:
            head = role_head(actor.role) if actor.role else None
            if head is None:
                continue  # a role that opens with a deed says no office
            for stem in coarse_stems(head):
                found.setdefault(stem, []).append((coarse_stems(role_opening(actor.role)), actor))
        return found

    def written_in(self, text: str) -> list[tuple[int, int]]:
        """Where a name or alias of an actor stands in ``text`` as written: actor by actor, in
        the pack's order, each name's places in the text's order."""
        tried = [entry for word in {"", *_WORD_RUN.findall(text)}
                 for entry in self._by_word.get(word, ())]
        return [match.span() for _, _, name in sorted(tried)
                for match in _as_written(name).finditer(text)]


_WORD_RUN = re.compile(r"\w+")


@functools.lru_cache(maxsize=4096)
def _as_written(name: str) -> re.Pattern[str]:
    """``name`` standing as written: not inside a longer word."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def spells_acronym(acronym: str, text: str) -> bool:
    """Whether the initials of consecutive words of ``text`` spell ``acronym`` (ОБСЕ)."""
    if not (2 <= len(acronym) <= 8 and acronym.isupper() and acronym.isalpha()):
        return False
    initials = "".join(w[0] for w in _WORDS.findall(text) if len(w) > 2 or w[0].isupper())
    return acronym.lower() in initials.lower()



# Words too common to tell one text from another; shorter words are never compared.
_COMMON = frozenset("""
    этот этого этой этим этом также после перед через между более менее было была были быть
    который которая которое которые своей свою свои свой того тому стали стала стало стал
    только очень всех всего себя event what that this with from into their there which about
    after before were have has been over also
""".split())
_STEM = 5


@functools.lru_cache(maxsize=65536)
def coarse_stems(text: str) -> frozenset[str]:
    """The word stems of ``text``: words of four letters or more cut to five, abbreviations and
    numbers (the 5 of «Участник 5» tells it from «Участник 6»).

    A crude stemmer is enough here: it is used to see whether two texts share a word
    (Россия, российских, России), never to inflect one.
    """
    return frozenset(filter(None, map(_word_stem, _WORD_RUN.findall(text))))


@functools.lru_cache(maxsize=65536)
def _word_stem(word: str) -> str:
    """:func:`coarse_stems` of one word, or ``""`` for a word that tells nothing apart."""
    folded = fold(word)
    if len(folded) >= 4 and folded not in _COMMON:
        return folded[:_STEM]
    if len(folded) >= 2 and word.isupper() or word.isdigit():
        return folded  # an abbreviation (США, ЕС, UN) or a number
    return ""


@functools.lru_cache(maxsize=65536)
def coarse_lemma_stems(text: str) -> frozenset[str]:
    """:func:`coarse_stems` of the dictionary forms of ``text``'s words: «атаки» and «атака»
    alike."""
    return coarse_stems(" ".join(word if word.isupper() else lemma(word)  # «США» stays «США»
                                 for word in _WORD_RUN.findall(text)))


def rarest(stem_sets: Sequence[Collection[str]]) -> list[str]:
    """For each set of stems, the one fewest of the sets hold (the first in sorted order of
    those): what to file a name under so that a lookup by any text's stems meets few names."""
    counts = Counter(stem for own in stem_sets for stem in set(own))
    return [min(sorted(own), key=counts.__getitem__) for own in stem_sets]


# Words that open a clause: a head with one says what someone did, not what someone is.
_CLAUSE_WORDS = frozenset("who which that whose whom where when чей чья чьё чьи чью чьей чьего "
                          "чьему чьим чьих чьими чьём кто где".split())
# A head of more words than this is a description of its own («Государство короля Сигизмунда
# III»), not an office or a kind («Президент Азербайджана», "President of the United States").
_HEAD_WORDS = 3
_EN_FUNCTION_WORDS = frozenset("of the a an and for".split())
# Words that open an English role without saying what its actor is ("First, then…").
_EN_NOT_A_KIND = frozenset("first second third last later once then".split())


def _names_a_kind(words: Sequence[str]) -> bool:
    """Whether a role's opening says what its actor is, by a noun («Президент», "Mayor"); not
    an ordinal or an adverb whose noun the rest gives («Второй, затем первый секретарь…»)."""
    if any(_CYRILLIC_WORD.match(w) for w in words):
        return any(is_noun(w, "ru") or is_proper_word(w) for w in words)
    return not all(w.lower() in _EN_NOT_A_KIND for w in words)


def description(role: str, pronoun: str = "") -> str:
    """A role without the office or kind that opens it («Президент Азербайджана, пропустивший
    парад…» → «пропустивший парад…»; "Mayor of Montgomery, named in the suit" → "named in the
    suit"): beside names, the office names its holder and the kind its actor, so a role shown
    to be matched with a name is shown without them, and where the rest hangs on the opening
    («Страны, чьи санкции…») a pronoun stands for it («те, чьи санкции…»). A role whose
    opening is a clause, or that says too little without it, is kept whole. ``pronoun`` is the
    one that stands for the actor's name (:func:`quizgen.grammar.pronoun_for`): where the
    opening's pronoun is another («Учреждение, в котором…» for «Суд присяжных»: «то», not
    «тот»), the role is kept whole, as neither agrees with both the name and the clause; so
    is a Russian role whose rest opens with a participle agreeing with the opening and not
    with the name («Держава, разрешившая…» for «Китай»)."""
    head, comma, rest = role.partition(",")
    rest = rest.strip()
    words = _WORD_RUN.findall(head)
    counted = [w for w in words if w.lower() not in _EN_FUNCTION_WORDS]
    if (not comma or len(counted) > _HEAD_WORDS or word_count(rest) < 3
            or any(_relative(w) for w in words) or not _names_a_kind(words)
            or any(is_verb_form(w.lower()) for w in words if _CYRILLIC_WORD.match(w))):
        return role
    opening = _WORD_RUN.findall(rest)[:3]
    first = opening[0] if opening else ""
    if first and not _relative(first) and (first[:1].isupper() or _CYRILLIC_WORD.match(first)
                                           and not opens_a_description(first)
                                           and not any(_relative(w) for w in opening)):
        return role  # the comma goes on with the head («Войско Ляпунова, Трубецкого…»)
    if first and not _CYRILLIC_WORD.match(first) and not _relative(first) and not (
            _EN_PARTICIPLE.fullmatch(first.lower()) and not any(_relative(w) for w in opening)):
        return role  # "Trinidadian historian, later his country's first prime minister, who…"
    if not _relative(first) and _LATER_CLAUSE.search(rest):
        return role  # "Body of sixteen countries, chaired by Franks, that drew up…": the clause
        # after the second comma hangs on the head
    if any(_relative(w) for w in opening):  # «по словам которого…»
        # «Президент России, чьи связи…»: the clause hangs on the head, which a pronoun
        # stands for («тот, чьи связи…», "the one whose…")
        agreeing = standing_for(head)
        relative = next((_WHICH[w.lower()] for w in opening if w.lower() in _WHICH), agreeing)
        if relative != agreeing or pronoun and pronoun != agreeing:
            # «Владелец конторы, которая построила…»: the clause hangs on a later noun
            return role  # «Учреждение, в котором…» for «Суд присяжных»: «то» would not be the
            # name's, «тот, в котором» not the clause's
        pronoun = agreeing
        # Russian sets the clause off with a comma («тот, чьи…»), English does not ("the one who")
        return f"{pronoun}, {rest}" if _CYRILLIC_WORD.match(pronoun) else f"{pronoun} {rest}"
    if pronoun and _CYRILLIC_WORD.match(pronoun) and pronoun != standing_for(head):
        return role  # «Держава, разрешившая…» for «Китай»: the participle agrees with the head
    return rest


# An English word that opens a description of its own after a comma: a participle ("named in
# the suit", "born in Lagos", "leading the march").
_EN_PARTICIPLE = re.compile(r"\w+(?:ed|ing)|born|known|led|sent|held|made|given|taken|written|"
                            r"built|chosen|elected|appointed|seen|brought|sold|won|lost|kept|"
                            r"left|put|set|told|thought|sought|taught|caught|bought")


# A relative clause after a later comma of a role («…, которая…», "…, that drew up…").
_LATER_CLAUSE = re.compile(r",\s+(?:that|which|who|whose|котор\w+|чь\w+)\b", re.IGNORECASE)


# A Russian relative word in the nominative, and the pronoun that agrees with it.
_WHICH = {"который": "тот", "которая": "та", "которое": "то", "которые": "те"}


def _relative(word: str) -> bool:
    return word.lower() in _CLAUSE_WORDS or word.lower().startswith("котор")


_CYRILLIC_WORD = re.compile(r"[а-яёА-ЯЁ]")


def named_but_for_kind(text: str, actor: Actor) -> bool:
    """Whether ``text`` holds the root of every word of an actor's name but the word for its
    kind, in any form or derived word: «Новое городовое положение» for «Городские думы»,
    «выбиравшие… городского голову» too, "Soviet leaders" for "the Soviet Union"; or a root
    of one end of a name made of one compound word («Проектная организация» for
    «Метропроект»). With the rest told, the kind word is general knowledge. A person is not
    read so: a relative shares a surname."""
    if actor.kind is ActorKind.PERSON:
        return False
    keys = _root_keys(text)
    if any(all(any(k.startswith(root) for k in keys) for root in roots)
           for roots in map(_distinctive_roots, (actor.name, *actor.aliases)) if roots):
        return True
    return _compound_told(text, actor)


# A name of one word made of two («Метропроект», «Магнитострой»): long enough to hold a
# root of its own at either end.
_COMPOUND_LETTERS = 8
_COMPOUND_ROOT = 5


def _compound_told(text: str, actor: Actor) -> bool:
    """Whether ``text`` holds a word whose root begins or ends a name made of one compound
    word: «Проектная организация» tells «Метропроект» (метро + проект)."""
    names = [n.lower().replace("ё", "е") for n in (actor.name, *actor.aliases)
             if len(n) >= _COMPOUND_LETTERS and _WORDS.fullmatch(n)]
    if not names:
        return False
    roots = {r for w in _WORDS.findall(text) if len(r := _root(w)) >= _COMPOUND_ROOT}
    return any(r != name and (name.startswith(r) or name.endswith(r))
               for name in names for r in roots)


@functools.lru_cache(maxsize=4096)
def _distinctive_roots(name: str) -> tuple[str, ...]:
    """The roots of a name's words but its kind word («город» of «Городские думы»); none for
    a name of one word (a derived word of it is :func:`names_actor`'s), nor where a word's
    root is too short to tell («зем» of «Земские управы»)."""
    words = [w for w in _WORDS.findall(name) if w.lower() not in _FUNCTION_WORDS]
    if len(words) < 2:
        return ()
    head = kind_word(name) or head_noun(name) or words[-1]  # an English name's head: its last
    roots = tuple(_root(w) for w in words if w != head)
    return roots if roots and all(len(r) >= _MIN_ROOT for r in roots) else ()


def _root(word: str) -> str:
    """A word's root as far as a crude cut tells it: a Russian word's dictionary form less an
    adjective's ending («городской» → «город», «присяжный» → «присяж»), an English word less
    its last two letters where it is long ("parliamentary" → "parliamenta")."""
    lower = word.lower().replace("ё", "е")
    if _CYRILLIC_WORD.search(lower):
        return _RU_ADJECTIVE_END.sub("", lemma(lower))
    return lower if len(lower) <= 5 else lower[:-2]


@functools.lru_cache(maxsize=1024)
def _root_keys(text: str) -> frozenset[str]:
    """The words of ``text`` as roots are looked up in them: as written and in dictionary form."""
    words = _WORDS.findall(text.lower().replace("ё", "е"))
    return frozenset(words) | frozenset(lemma(w) for w in words)


_MIN_ROOT = 4
_RU_ADJECTIVE_END = re.compile(r"(?:ск|цк|ов|ев|н)?(?:ий|ый|ой)$")
_FUNCTION_WORDS = frozenset("of the a an and for in on at и в во на по для о об".split())


# A Russian adjective derived from a place's name («бакинский», «российской»).
_RU_DERIVED_ADJECTIVE = re.compile(r"[а-яё]{2,}(?:ск|цк)(?:ий|ая|ое|ие|ой|ого|ому|ым|ом|ую|ых|"
                                   r"ыми|ей|их|им|ими|ее)$")
_RU_VOWELS_END = re.compile(r"[аеёиоуыэюяйь]+$")


def named_by_derived_word(name: str, text: str) -> bool:
    """Whether ``text`` holds an adjective made from a name's word: a Russian one («Бакинская
    нефть» for «Баку», «российских» for «Россия», «московский» for «Москва») or an English
    demonym ("French armies" for France, "the Anglo-Irish Treaty" for Ireland): it names the
    place as much as the name would."""
    if _CYRILLIC_WORD.search(name):
        stems = [_RU_VOWELS_END.sub("", lemma(w.lower())).replace("ё", "е")
                 for w in _WORDS.findall(name) if w[:1].isupper() and _CYRILLIC_WORD.match(w)]
        adjectives = [w.lower().replace("ё", "е") for w in _WORDS.findall(text)
                      if _RU_DERIVED_ADJECTIVE.match(w.lower())]
    else:
        stems = [w.lower() for w in _WORDS.findall(name) if w[:1].isupper()]
        adjectives = [_EN_DEMONYMS.get(w.lower()) or _EN_DEMONYM_END.sub("", w.lower())
                      for w in re.findall(r"[A-Z][a-z]+", text)
                      if w.lower() in _EN_DEMONYMS or _EN_DEMONYM_END.search(w.lower())]
        return any(len(a) >= 3 and _shared_start(stem, a) >= min(len(a), max(3, len(stem) - 3))
                   for stem in stems for a in adjectives)
    return any(len(stem) >= 3 and _shared_start(stem, adjective) >= max(3, len(stem) - 1)
               for stem in stems for adjective in adjectives)


# English demonyms and what is left of them for the country's name to begin with ("Spanish"
# → "spa" of Spain); those that do not follow the rule, by the name they are of.
_EN_DEMONYM_END = re.compile(r"(?<=[a-z]{3})(?:ish|ian|ese|an|ic)$")
_EN_DEMONYMS = {"french": "france", "irish": "ireland", "dutch": "netherlands",
                "welsh": "wales", "swiss": "switzerland", "greek": "greece", "scottish":
                "scotland", "scots": "scotland", "english": "england", "danish": "denmark",
                "swedish": "sweden", "finnish": "finland", "polish": "poland", "anglo": "england"}


def _shared_start(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n
