"""Proposed wording: an event's title and summary, an actor's role, from the text's own words.

A title is the main clause of the candidate's sentence, shortened: who did what to what
(subject, predicate, one complement), without the date, the subordinate clauses and the
parentheticals. Russian reads the clause from natasha's dependency parse; English, which
has no parser here, from the words as written (a leading adverbial, an apposition between
commas, a clause after a connective are cut off). A summary is the quoted clause with its
date taken out. A role is how the text describes an actor next to its name: an apposition
(«министр юстиции Роберт Кеннеди», "Lucius Clay, the American military governor") or a
title ("Secretary of State Dean Acheson").

Each is only a proposal: the draft marks it (``proposed: [title, summary]``) and
``validate`` warns until the author confirms it. Where no clean wording is found, the
answer is ``None`` and the draft keeps its placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from ..dates import Found
from ..model import Language
from . import lexicon
from .language import Mention, Token, Word
from .slugs import slug

TITLE_WORDS = 8  # a title a learner reads at a glance
EN_TITLE_WORDS = 9  # English spends words on articles
LONGEST_TITLE = 12  # past this the shortening failed: the placeholder is kept
ID_WORDS = 5
ID_CHARACTERS = 40


@dataclass(frozen=True)
class Wording:
    title: Optional[str]
    summary: Optional[str]


def event_wording(text: str, span: tuple[int, int], sentence: tuple[int, int],
                  date: Optional[Found], words: Sequence[Word], language: Language) -> Wording:
    """The proposed title and summary of the event quoted at ``span`` of ``text``.

    ``sentence`` is where its sentence starts and ends, ``date`` the date found in it
    (offsets in the sentence), ``words`` the sentence parsed (Russian).
    """
    if date is not None and date.contrast:
        return Wording(None, None)  # «В отличие от 2008 года, когда …»: no clause of its own
    dated = _date_span(text, sentence[0], date)
    if language == "ru":
        title = _russian_title(words, span, dated)
    else:
        title = _english_title(text, span, dated)
    summary = _summary(text, span, dated)
    if title is not None and (not title.split() or len(title.split()) > LONGEST_TITLE):
        title = None
    if summary is not None and title is not None and _same(summary, title):
        summary = None  # it would only repeat the title
    return Wording(title, summary)


def _date_span(text: str, sentence_start: int, date: Optional[Found]) -> Optional[tuple[int, int]]:
    """The date expression with the preposition that brings it in («в апреле», "on")."""
    if date is None:
        return None
    start, end = sentence_start + date.start, sentence_start + date.end
    before = re.search(r"(?:^|(?<=\s))(\w+)\s+$", text[max(0, start - 12):start])
    if before is not None and before.group(1).casefold() in _DATE_PREPOSITIONS:
        start -= len(before.group(0))
    return start, end


_DATE_PREPOSITIONS = frozenset({"в", "во", "на", "к", "с", "со", "до", "по", "от", "on", "in",
                                "by", "at", "until", "from", "since", "of", "during", "for"})


def _same(a: str, b: str) -> bool:
    return _fold_words(a) == _fold_words(b)


def _fold_words(text: str) -> list[str]:
    return [lexicon.fold(w) for w in re.findall(r"\w+", text)]


def _summary(text: str, span: tuple[int, int], dated: Optional[tuple[int, int]]) -> Optional[str]:
    """The quoted clause as a sentence of its own: its date, brackets and lead-in cut."""
    start, end = span
    if dated is not None and start <= dated[0] and dated[1] <= end:
        clause = text[start:dated[0]] + " " + text[dated[1]:end]
    else:
        clause = text[start:end]
    clause = re.sub(r"\s*\([^()]*\)", "", clause)
    clause = " ".join(clause.split())
    clause = re.sub(r"\s+([,.;:!?»”])", r"\1", clause)
    clause = re.sub(r",\s*,", ",", clause)
    clause = clause.strip(" ,;:—–-").rstrip(".!?…")
    if len(clause.split()) < 3:
        return None
    return _capitalised(clause) + "."


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------
# Russian: the clause read from the dependency parse

_CLAUSE_HEADS = frozenset({"conj", "parataxis"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
_PREDICATE_PARTS = frozenset({"aux", "aux:pass", "cop", "expl", "compound:prt"})
_NOUN_PARTS = frozenset({"case", "amod", "flat", "flat:name", "flat:foreign", "fixed",
                         "compound", "nummod", "nummod:gov", "det"})
# Subordinate clauses, parentheticals and appositions: never in a title.
_LEFT_OUT = frozenset({"acl", "acl:relcl", "advcl", "parataxis", "appos", "dep", "discourse",
                       "vocative", "orphan", "dislocated", "punct", "mark", "ccomp"})
# Words of time: «вечером того же дня» says when, not what happened.
_TIME = frozenset({"вечер", "утро", "день", "ночь", "полдень", "осень", "лето", "весна", "зима",
                   "неделя", "месяц", "год", "время", "момент", "час", "сутки", "период",
                   "начало", "конец", "середина", "ответ", "вечером", "утром", "днём", "ночью",
                   "летом", "осенью", "весной", "зимой"})


def _russian_title(words: Sequence[Word], span: tuple[int, int],
                   dated: Optional[tuple[int, int]]) -> Optional[str]:
    inside = {i for i, w in enumerate(words) if span[0] <= w.start and w.end <= span[1]
              and not (dated is not None and dated[0] <= w.start < dated[1])}
    children: dict[int, list[int]] = {}
    for index, word in enumerate(words):
        children.setdefault(word.head, []).append(index)
    head = _clause_head(words, inside, children, dated)
    if head is None:
        return None
    kept: set[int] = set()

    def predicate(verb: int) -> list[int]:
        """The verb with its auxiliaries, «не» and the infinitives it governs."""
        chain = [verb]
        for child in children.get(verb, []):
            if child not in inside:
                continue
            rel = words[child].rel
            if rel in _PREDICATE_PARTS or (words[child].negative and rel == "advmod"):
                chain.append(child)
            elif rel == "xcomp" and words[child].pos in ("VERB", "AUX"):
                chain.extend(predicate(child))
            elif rel == "xcomp":  # «оказались ближе», «назвали «чёрной субботой»»
                chain.extend(sorted(_phrase(child, words, children, inside, 1)))
        return chain

    subject = next((c for c in children.get(head, []) if c in inside
                    and words[c].rel in _SUBJECTS), None)
    predicates = [head] + [c for c in children.get(head, []) if c in inside
                           and words[c].rel == "conj" and words[c].pos in ("VERB", "ADJ")
                           and not any(words[g].rel in _SUBJECTS for g in children.get(c, []))]
    if subject is not None:
        kept |= _phrase(subject, words, children, inside, depth=3, with_conj=True)
    for depth in (2, 1):
        for choice in (predicates, predicates[-1:]):
            title = set(kept)
            for verb in choice:
                chain = predicate(verb)
                title |= set(chain)
                if verb != head and len(choice) > 1:
                    title |= {c for c in children.get(verb, []) if words[c].rel == "cc"}
                complement = _complement(chain, words, children, inside)
                if complement is not None:
                    title |= _phrase(complement, words, children, inside, depth)
            text = _written(words, title)
            if len(text.split()) <= TITLE_WORDS:
                return _sound(text, title, words)
    return _sound(text, title, words)


def _sound(text: str, kept: set[int], words: Sequence[Word]) -> Optional[str]:
    """The title, unless it is a lone word or ends on a word that needs one after it
    («настоял на досрочном»): a parse gone wrong, where the placeholder serves better."""
    last = max(kept)
    if len(text.split()) < 2 or words[last].pos in _DANGLING or words[last].rel in (
            "amod", "det", "case", "cc", "mark") or (
            (words[last].pos == "ADJ" or words[last].adjective)
            and words[last].rel not in ("root", "xcomp", "conj")):
        return None
    return _capitalised(text)


_DANGLING = frozenset({"ADP", "CCONJ", "SCONJ", "PART"})


def _clause_head(words: Sequence[Word], inside: set[int], children: dict[int, list[int]],
                 dated: Optional[tuple[int, int]]) -> Optional[int]:
    """The predicate of the clause the event is: the one its date belongs to, else the
    highest one of the quote."""
    def own_subject(index: int) -> bool:
        return any(words[c].rel in _SUBJECTS for c in children.get(index, []))

    if dated is not None:
        at = next((i for i, w in enumerate(words) if dated[0] <= w.start < dated[1]), None)
        while at is not None and words[at].head != -1:
            at = words[at].head
            if at in inside and (words[at].rel in _CLAUSE_HEADS and own_subject(at)
                                 or words[at].rel == "root"):
                return at
    tops = [i for i in sorted(inside) if words[i].head not in inside]
    verbs = [i for i in tops if words[i].pos in ("VERB", "AUX", "ADJ")]
    found = verbs or [i for i in tops if words[i].pos not in ("PUNCT", "ADP", "CCONJ", "SCONJ")]
    return found[0] if found else None


def _complement(chain: list[int], words: Sequence[Word], children: dict[int, list[int]],
                inside: set[int]) -> Optional[int]:
    """What the predicate acts on: its object, else a circumstance that is not a time."""
    for rels in (("obj",), ("ccomp",), ("obl",)):
        for verb in reversed(chain):
            for child in children.get(verb, []):
                word = words[child]
                if (child in inside and word.rel in rels and word.pos != "PRON"
                        and not (word.rel == "obl" and word.lemma in _TIME)):
                    return child
    return None


def _phrase(index: int, words: Sequence[Word], children: dict[int, list[int]],
            inside: set[int], depth: int, with_conj: bool = False) -> set[int]:
    """A noun with the words that make it a phrase, nested nouns down to ``depth``; a
    nested noun whose own phrase would be cut short is left out whole («договор», not
    «договор о запрещении»). A clause (``ccomp``) is taken whole but for its own clauses."""
    found = {index}
    if words[index].rel == "ccomp":
        return _clause(index, words, children, inside)
    for child in children.get(index, []):
        if child not in inside:
            continue
        word = words[child]
        if word.rel in _NOUN_PARTS or (word.negative and word.rel == "advmod"):
            found |= _phrase(child, words, children, inside, 1)
        elif word.rel == "appos" and word.pos == words[index].pos == "PROPN":
            found |= _phrase(child, words, children, inside, 1)  # «Никита Хрущёв»
        elif word.rel == "nmod" and depth > 1 and _complete(child, words, children, inside,
                                                            depth - 1):
            found |= _phrase(child, words, children, inside, depth - 1)
        elif with_conj and word.rel in ("conj", "cc"):
            found |= _phrase(child, words, children, inside, depth, with_conj)
    return found


def _complete(index: int, words: Sequence[Word], children: dict[int, list[int]],
              inside: set[int], depth: int) -> bool:
    """Whether the nouns nested in ``index`` end within ``depth``."""
    nested = [c for c in children.get(index, []) if c in inside and words[c].rel == "nmod"]
    return not nested or (depth > 1 and all(_complete(c, words, children, inside, depth - 1)
                                            for c in nested))


def _clause(index: int, words: Sequence[Word], children: dict[int, list[int]],
            inside: set[int]) -> set[int]:
    """A complement clause («, что ракеты будут вывезены с Кубы») without its own clauses."""
    found = {index}
    for child in children.get(index, []):
        if child in inside and (words[child].rel not in _LEFT_OUT or words[child].rel == "mark"):
            found |= _clause(child, words, children, inside) if words[child].rel != "mark" else {
                child}
    return found


def _written(words: Sequence[Word], kept: set[int]) -> str:
    """The kept words as the text writes them: quotes kept in pairs, other marks left out."""
    order = sorted(kept)
    chosen = set(order)
    for index, word in enumerate(words):
        if word.text in _OPENING and index + 1 in chosen:
            chosen.add(index)
        elif word.text in _CLOSING and index - 1 in chosen:
            chosen.add(index)
        elif word.text == "," and index - 1 in chosen and index + 1 in chosen:
            chosen.add(index)  # «СССР, США и Великобритания»
        elif word.text == "," and index + 1 in chosen and words[index + 1].rel == "mark" and (
                any(i < index for i in chosen)):
            chosen.add(index)  # «объявил, что …»
    parts: list[str] = []
    previous = -2
    for index in sorted(chosen):
        word = words[index]
        glue = "" if index == previous + 1 and (
            word.start == words[previous].end) else " "
        parts.append((glue if parts else "") + word.text)
        previous = index
    return _balanced(re.sub(r"\s+([,.;:!?])", r"\1", "".join(parts)).strip(" ,;:—–-"))


_OPENING = frozenset({"«", "“", "„", '"'})
_CLOSING = frozenset({"»", "”", '"'})


def _balanced(text: str) -> str:
    """Quotation marks that lost their partner are dropped."""
    for left, right in (("«", "»"), ("“", "”")):
        if text.count(left) != text.count(right):
            text = text.replace(left, "").replace(right, "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# English: the clause read from the words as written

_EN_LEAD_INS = frozenset({"after", "before", "because", "instead", "during", "following",
                          "although", "when", "while", "since", "as", "however", "meanwhile",
                          "later", "then", "in", "on", "at", "by", "with", "despite", "until",
                          "once", "thus", "therefore", "so", "yet", "still"})
_EN_CLAUSE_CUT = re.compile(
    r",\s+(?:which|who|whom|whose|where|when|while|but|and|although|though|so|because|as)\b"
    r"|\s+(?:so that|because|although|though|whereas|which|who)\b|[;:()]|\s[—–-]\s"
    r"|\s+that\s+(?=(?:had|has|have|was|were|is|are|would|will|could)\b)")  # the budget that had
_EN_ARTICLES = ("the ", "a ", "an ")
_EN_PREPOSITIONS = frozenset({"to", "in", "on", "at", "by", "for", "from", "with", "of", "into",
                              "onto", "over", "under", "along", "across", "through", "about",
                              "after", "before", "during", "until", "since", "against",
                              "between", "among", "around", "near", "without", "within"})


def _english_title(text: str, span: tuple[int, int],
                   dated: Optional[tuple[int, int]]) -> Optional[str]:
    start, end = span
    if dated is not None and start <= dated[0] and dated[1] <= end:
        clause = text[start:dated[0]] + " " + text[dated[1]:end]
    else:
        clause = text[start:end]
    clause = " ".join(clause.split()).strip(" ,.;:!?")
    clause = re.sub(r"\s+,", ",", clause)
    segments = [s.strip() for s in clause.split(", ")]  # not "13,000"
    while len(segments) > 1 and segments[0].split()[:1] and (
            segments[0].split()[0].casefold() in _EN_LEAD_INS):
        segments.pop(0)  # "Instead,", "Because of the currency reform,"
    segments = _without_apposition(segments)
    clause = ", ".join(segments)
    cut = _EN_CLAUSE_CUT.search(clause)
    if cut is not None and cut.start() > 0:
        clause = clause[:cut.start()]
    words = clause.split()
    if len(words) > 3 and words[0].casefold() == "the" and words[1].islower() and (
            words[2][:1].isupper() and words[3][:1].isupper()):
        words = words[1:]  # "the mayor Ernst Reuter": a title before a name
    for cut_word in (_EN_PREPOSITIONS, {"and"}):
        if len(words) > EN_TITLE_WORDS:
            cuts = [i for i, w in enumerate(words[:EN_TITLE_WORDS + 1])
                    if w in cut_word and i >= 3]
            if cuts:
                words = words[:cuts[-1]]
    if len(words) > EN_TITLE_WORDS:
        return None
    while words and words[-1] in _EN_PREPOSITIONS:
        words = words[:-1]
    title = " ".join(words).strip(" ,;:—–-")
    return _capitalised(title) if len(title.split()) >= 2 else None


def _without_apposition(segments: list[str]) -> list[str]:
    """"Lucius Clay, the American military governor, proposed" → "Lucius Clay proposed";
    "An American pilot, Gail Halvorsen, began" → "Gail Halvorsen began"."""
    if len(segments) < 3:
        return segments
    first, second = segments[0], segments[1]
    if second.casefold().startswith(_EN_ARTICLES) and _ends_with_name(first):
        return [f"{first} {segments[2]}", *segments[3:]]
    if first.casefold().startswith(_EN_ARTICLES) and _is_name(second):
        return [f"{second} {segments[2]}", *segments[3:]]
    return segments


def _is_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _ends_with_name(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1][:1].isupper()


# ---------------------------------------------------------------------------------------
# Ids


def id_words(title: str, tokens: Sequence[Token], language: Language) -> list[str]:
    """The title's content words in order, as written, for a readable id: at most
    :data:`ID_WORDS` words (a hyphenated word counts each part) and :data:`ID_CHARACTERS`."""
    if language == "ru":
        words = [t.text for t in tokens if t.is_word and not t.text.isdigit()
                 and not {"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "Apro"} & t.tags
                 and t.lemma != "быть"]
    else:
        words = [w for w in re.findall(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", title)
                 if w.casefold() not in _EN_FUNCTION and not w.isdigit()]
    chosen: list[str] = []
    for word in words:
        parts = slug(" ".join([*chosen, word])).split("-")
        if chosen and (len(parts) > ID_WORDS or len("-".join(parts)) > ID_CHARACTERS):
            break
        chosen.append(word)
    return chosen


_EN_FUNCTION = frozenset({w.casefold() for w in lexicon.EN_DETERMINERS} | _EN_PREPOSITIONS | {
    "and", "or", "but", "not", "was", "were", "is", "are", "be", "been", "had", "has", "have",
    "he", "she", "it", "they", "we", "his", "her", "their", "also", "so"})


# ---------------------------------------------------------------------------------------
# Roles


def actor_role(mentions: Sequence[Mention], text: str, language: Language,
               parse: Callable[[int], tuple[Sequence[Word], Callable[[list[str]], str]]]
               ) -> Optional[str]:
    """How the text describes the actor beside one of its ``mentions``, in text order.

    ``parse(offset)`` gives the words of the sentence at ``offset`` and a function that
    puts a Russian phrase in the nominative.
    """
    for mention in mentions:
        if mention.kind != "person":
            return None  # a state or a group is seldom described beside its name
        if language == "ru":
            words, nominative = parse(mention.start)
            role = _russian_role(mention, words, nominative)
        else:
            role = _english_role(mention, text)
        if role:
            return _capitalised(role)
    return None


def _russian_role(mention: Mention, words: Sequence[Word],
                  nominative: Callable[[list[str]], str]) -> Optional[str]:
    """«министр юстиции Роберт Кеннеди» → «министр юстиции»: the common noun the name is
    in apposition to, with its own words, put in the nominative."""
    name = next((i for i, w in enumerate(words) if mention.start <= w.start < mention.end), None)
    if name is None:
        return None
    named = {i for i, w in enumerate(words) if mention.start <= w.start < mention.end}
    noun: Optional[int] = None
    if words[name].rel in ("appos", "nmod", "flat", "flat:name") and words[name].head != -1:
        head = words[name].head
        if words[head].pos == "NOUN" and words[head].animate and head not in named and (
                head < name):
            noun = head
    if noun is None and name > 0 and words[name - 1].pos == "NOUN" and (
            words[name - 1].animate and words[name - 1].head in named):
        noun = name - 1
    if noun is None:
        return None
    children: dict[int, list[int]] = {}
    for index, word in enumerate(words):
        children.setdefault(word.head, []).append(index)
    inside = {i for i in range(len(words)) if i not in named and words[i].pos != "PRON"
              and words[i].pos != "DET"}
    phrase = _phrase(noun, words, children, inside, depth=2) - {
        i for i in range(len(words)) if words[i].rel == "case"}
    chosen = sorted(i for i in phrase if i < name or i in (noun,))
    if not chosen or any(not words[i].text[:1].isalpha() and words[i].pos != "PROPN"
                         and not words[i].text[:1].isdigit() for i in chosen):
        return None
    role = nominative([words[i].text for i in chosen])
    return role if role[:1].islower() else None


_EN_HONORIFICS = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Lady",
                            "Lord"})


def _english_role(mention: Mention, text: str) -> Optional[str]:
    after = re.match(r",\s+(?:the|an?)\s+([A-Za-z][\w' -]*?),", text[mention.end:])
    if after is not None and len(after.group(1).split()) <= 5:
        return after.group(1)
    head = text[max(0, mention.start - 80):mention.start]
    before = re.search(r"(?:^|[.!?]\s+|,\s+)(?:the|an?|its|his|her|their)\s+([a-z][\w' -]*?),\s+$",
                       head, re.IGNORECASE)
    if before is not None and len(before.group(1).split()) <= 4:
        return before.group(1)
    described = re.search(r"\b(?:the|an?)\s+((?:[a-z]+\s+){0,2}[a-z]+)\s+$", head)
    if described is not None:
        return described.group(1)
    title = re.search(r"((?:[A-Z][a-z]+\.?)(?:\s+(?:of|for)\s+[A-Z][a-z]+)*)\s+$", head)
    if title is not None:
        first = title.group(1).split()[0]
        if first in lexicon.EN_TITLES and first not in _EN_HONORIFICS:
            return title.group(1)
    return None
