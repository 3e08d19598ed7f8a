"""What the drafting rules need of a language: sentences, words with lemmas, named mentions.

Russian uses the libraries made for it: razdel splits sentences and words, natasha's
news NER model (shipped inside its wheel) finds names, and pymorphy3 lemmatises and
inflects them. English has no model here worth trusting, so it is done by rules:
capitalised runs of words, titles and a few lexicons. Both answer the same questions,
so the drafting rules above them are one.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional, Protocol

from . import lexicon
from ..dates import overlaps



def install_hint() -> str:
    """The command that installs the language stack into the Python quizgen runs in.

    In a checkout (quizgen installed from its source folder) that is the checkout's own
    ``make build``, or pip with the folder: never ``quizgen[draft]`` from a registry, which
    would install another quizgen over the checkout's.
    """
    import shlex

    python = shlex.quote(sys.executable)
    root = checkout()
    if root is not None:
        return (f"make build (in {shlex.quote(str(root))}), or: {python} -m pip install -e "
                f"{shlex.quote(str(root) + '[draft]')}")
    return f"{python} -m pip install 'quizgen[draft]'"


def checkout() -> Optional[Path]:
    """The source folder quizgen runs from, when it is a checkout (its pyproject.toml beside
    ``src/quizgen``); ``None`` for an installed quizgen."""
    root = Path(__file__).resolve().parents[3]
    pyproject = root / "pyproject.toml"
    try:
        return root if 'name = "quizgen"' in pyproject.read_text(encoding="utf-8") else None
    except OSError:
        return None


class StackMissing(Exception):
    """The optional language stack (razdel, natasha) is not installed."""


@dataclass(frozen=True)
class Token:
    """A word (or a punctuation mark) of the text, with its offsets in the text."""

    start: int
    end: int
    text: str
    lemma: str
    tags: frozenset[str] = frozenset()  # the analyser's grammemes: POS, case, number…

    @property
    def is_word(self) -> bool:
        return any(char.isalnum() for char in self.text)


@dataclass(frozen=True)
class Mention:
    """A name in the text: where it stands, what it stands for, and a guess at its kind."""

    start: int
    end: int
    text: str  # as written
    name: str  # canonical: the nominative, «Ильхама Алиева» → «Ильхам Алиев»
    kind: str  # person | state | organization | group; or place, which is no actor
    actor: str  # the name of the actor it stands for: «Баку» → «Азербайджан»


@dataclass(frozen=True)
class Word:
    """A word of a parsed sentence: its place, its head and its relation to it (Universal
    Dependencies: ``nsubj``, ``obj``, ``obl``, ``conj``…)."""

    start: int
    end: int
    text: str
    lemma: str
    head: int  # the index of its head among the sentence's words; -1 for a root
    rel: str
    pos: str  # UD part of speech: NOUN, VERB, PROPN, ADP, PUNCT…
    negative: bool = False  # «не»
    animate: bool = False  # a noun for people: «министр», «посол»
    adjective: bool = False  # a full adjective to pymorphy3, whatever the parser made of it


class Analyser(Protocol):
    def sentences(self, text: str) -> list[tuple[int, int]]: ...

    def tokens(self, text: str, offset: int = 0) -> list[Token]: ...

    def mentions(self, text: str) -> list[Mention]: ...

    def syntax(self, text: str, offset: int = 0) -> list[Word]:
        """The sentence's words with their dependencies; empty where the language has no
        parser (English: its rules read the words as written)."""
        ...

    def nominative(self, words: list[str]) -> str:
        """A noun phrase in the nominative: «советским послом» → «советский посол»."""
        ...


def analyser(language: str) -> Analyser:
    return _russian() if language == "ru" else _english()


# ---------------------------------------------------------------------------------------
# Russian


@functools.lru_cache(maxsize=1)
def _russian() -> Russian:
    return Russian()


def _pymorphy3_in_place_of_pymorphy2() -> None:
    """Let natasha import pymorphy3 where it asks for pymorphy2.

    natasha (and yargy under it) import pymorphy2, which fails where ``pkg_resources`` is
    absent (Python 3.12 without old setuptools). pymorphy3 is its maintained fork with
    the same modules: each is registered under pymorphy2's name before natasha loads.
    """
    import pymorphy3
    import pymorphy3.analyzer
    import pymorphy3.units
    import pymorphy3.units.base  # noqa: F401  (yargy patches a class of it)

    for name, module in list(sys.modules.items()):
        if name == "pymorphy3" or name.startswith("pymorphy3."):
            sys.modules.setdefault("pymorphy2" + name[len("pymorphy3"):], module)


class Russian:
    """razdel, natasha's NER and pymorphy3."""

    def __init__(self) -> None:
        try:
            import razdel
            _pymorphy3_in_place_of_pymorphy2()
            import natasha
        except ImportError as exc:
            raise StackMissing(str(exc)) from exc
        from ..grammar import _analyser

        self._razdel = razdel
        self._morph = _analyser()
        embedding = natasha.NewsEmbedding()
        self._ner = natasha.NewsNERTagger(embedding)
        self._embedding = embedding
        self._segmenter = natasha.Segmenter()
        self._natasha = natasha

    def sentences(self, text: str) -> list[tuple[int, int]]:
        return [(s.start, s.stop) for s in self._razdel.sentenize(text)]

    def tokens(self, text: str, offset: int = 0) -> list[Token]:
        return [self._token(t.start + offset, t.stop + offset, t.text)
                for t in self._razdel.tokenize(text)]

    @functools.lru_cache(maxsize=65536)  # noqa: B019  (one analyser per process)
    def _parses(self, word: str) -> tuple[Any, ...]:
        return tuple(self._morph.parse(word))

    def _token(self, start: int, end: int, text: str) -> Token:
        parses = self._parses(text)
        if not parses:
            return Token(start, end, text, text.casefold())
        first = parses[0]
        return Token(start, end, text, first.normal_form, frozenset(first.tag.grammemes))

    def mentions(self, text: str) -> list[Mention]:
        doc = self._natasha.Doc(text)
        doc.segment(self._segmenter)
        doc.tag_ner(self._ner)
        found: list[Mention] = []
        tokens = self.tokens(text)
        starts = [t.start for t in tokens]
        for span in doc.spans:
            at = bisect.bisect_left(starts, span.start)
            before = tokens[at - 1] if at > 0 else None
            mention = self._mention(span.start, span.stop, span.text, span.type, before)
            if mention is not None:
                found.append(mention)
        taken = [(m.start, m.end) for m in found]
        found.extend(m for m in self._groups(tokens, text)
                     if not overlaps((m.start, m.end), taken))
        return sorted(found, key=lambda m: m.start)

    @functools.cached_property
    def _parsers(self) -> tuple[Any, Any]:
        """natasha's morphology tagger and syntax parser, loaded when first asked for."""
        natasha = self._natasha
        return (natasha.NewsMorphTagger(self._embedding),
                natasha.NewsSyntaxParser(self._embedding))

    def syntax(self, text: str, offset: int = 0) -> list[Word]:
        morph, parser = self._parsers
        doc = self._natasha.Doc(text)
        doc.segment(self._segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(parser)
        index = {token.id: at for at, token in enumerate(doc.tokens)}
        words = []
        for token in doc.tokens:
            analysed = self._token(token.start, token.stop, token.text)
            feats = token.feats or {}
            words.append(Word(token.start + offset, token.stop + offset, token.text,
                              analysed.lemma, index.get(token.head_id, -1), token.rel or "",
                              token.pos or "", feats.get("Polarity") == "Neg",
                              feats.get("Animacy") == "Anim", "ADJF" in analysed.tags))
        return words

    def _mention(self, start: int, end: int, written: str, kind: str,
                 before: Optional[Token]) -> Optional[Mention]:
        words = [w for w in re.findall(r"[\w-]+", written)]
        if not words:
            return None
        if kind == "PER":
            name = self._person(words, before)
            if name is None:
                return None
            return Mention(start, end, written, name, "person", name)
        if any(char.isdigit() for char in written):
            return None  # «U-2», «Су-25», «Boeing 737»: a machine or a model, no actor
        name = self._nominative_phrase(words)
        known = lexicon.classify(name, "ru")
        if known is not None:
            return Mention(start, end, written, name, *known) if all(known) else None
        if kind == "ORG":
            return Mention(start, end, written, name, "organization", name)
        return Mention(start, end, written, name, "place", name)  # not an actor: a place

    def _person(self, words: list[str], before: Optional[Token]) -> Optional[str]:
        """A person's name in the nominative, the case agreed across its words.

        «Никола Пашиняна» reads as a woman's name in the nominative or a man's in the
        genitive; the word before it settles which («премьер-министра», genitive).
        """
        # One person: singular readings only («Роберт» is also the genitive plural of «Роберта»).
        options = [[p for p in self._parses(w) if p.tag.POS == "NOUN" and p.tag.number != "plur"]
                   for w in words]
        if not any({"Name", "Surn", "Patr"} & p.tag.grammemes for ps in options for p in ps):
            unknown = [w for w in words if not self._morph.word_is_known(w)]
            return " ".join(words) if unknown and len(unknown) == len(words) else None
        cases: Optional[set[str]] = None
        for parses in options:
            if parses:
                these = {p.tag.case for p in parses}
                cases = these if cases is None else cases & these
        case = "nomn"
        if cases:
            context = before.tags & cases if before is not None and "NOUN" in before.tags else set()
            case = next(iter(sorted(context))) if context else (
                "nomn" if "nomn" in cases else sorted(cases)[0])
        forms = []
        for word, parses in zip(words, options):
            chosen = [p for p in parses if p.tag.case == case]
            if not chosen:
                forms.append(word)
                continue
            parse = max(chosen, key=lambda p: bool({"Name", "Surn", "Patr"} & p.tag.grammemes))
            inflected = parse.inflect({"nomn"})
            forms.append(_as_written(word, (inflected or parse).word))
        return " ".join(forms)

    def nominative(self, words: list[str]) -> str:
        return self._nominative_phrase(words)

    def _nominative_phrase(self, words: list[str]) -> str:
        """«Южного Кавказа» → «Южный Кавказ»: words up to the head noun put in the nominative."""
        head = None
        for index, word in enumerate(words):
            parses = self._parses(word)
            if parses and parses[0].tag.POS == "NOUN":
                head = index
                break
        if head is None:
            return " ".join(words)
        noun = self._parses(words[head])[0]
        number = noun.tag.number or "sing"
        noun_form = noun.inflect({"nomn", number}) or noun
        forms = []
        for index, word in enumerate(words):
            if index < head:
                adjective = self._parses(word)[0]
                wanted = {"nomn", number} | ({noun_form.tag.gender} if number == "sing"
                                              and noun_form.tag.gender else set())
                inflected = adjective.inflect(wanted)
                forms.append(_as_written(word, inflected.word) if inflected else word)
            elif index == head:
                forms.append(_as_written(word, noun_form.word))
            else:
                forms.append(word)
        return " ".join(forms)

    def _groups(self, tokens: list[Token], text: str) -> Iterator[Mention]:
        """Descriptive groups: adjectives and an animate plural noun («российские силовики»)."""
        index = 0
        while index < len(tokens):
            run = index
            while run < len(tokens) and _is_relational_adjective(tokens[run]):
                run += 1
            if run > index and run < len(tokens) and _is_people(tokens[run]):
                head = tokens[run]
                start, end = tokens[index].start, head.end
                name = self._plural_nominative(tokens[index:run + 1])
                if name is not None:
                    yield Mention(start, end, text[start:end], name, "group", name)
                index = run + 1
            else:
                index = max(run, index + 1)

    def _plural_nominative(self, tokens: list[Token]) -> Optional[str]:
        forms = []
        for token in tokens:
            parse = self._parses(token.text)[0]
            inflected = parse.inflect({"nomn", "plur"})
            if inflected is None:
                return None
            forms.append(_as_written(token.text, inflected.word))
        phrase = " ".join(forms)
        return phrase[:1].upper() + phrase[1:]


def _is_relational_adjective(token: Token) -> bool:
    return ("ADJF" in token.tags and not {"Apro", "Anum", "Qual"} & token.tags
            and token.text[:1].islower())


def _is_people(token: Token) -> bool:
    return "NOUN" in token.tags and {"anim", "plur"} <= token.tags


def _as_written(original: str, form: str) -> str:
    """``form`` with the capitals of ``original``, part by part of a hyphenated word:
    «ИЛЬХАМА» → «ИЛЬХАМ», «Алиева» → «Алиев», «IT-специалистов» → «IT-специалисты»."""
    written = original.split("-")
    parts = form.split("-")
    if len(written) != len(parts):
        written = [original] * len(parts)
    return "-".join(_case_of(w, p) for w, p in zip(written, parts))


def _case_of(original: str, form: str) -> str:
    if original.isupper() and len(original) > 1:
        return form.upper()
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


# ---------------------------------------------------------------------------------------
# English


@functools.lru_cache(maxsize=1)
def _english() -> English:
    return English()


_EN_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_EN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")
_EN_NAME_RUN = re.compile(
    r"\b(?:[A-Z][a-z]+(?:['’-][A-Za-z]+)*|[A-Z]{2,})"
    r"(?:\s+(?:of|the|for|and|de|von|van)?\s*(?:[A-Z][a-z]+(?:['’-][A-Za-z]+)*|[A-Z]{2,}))*")


class English:
    """Rules: sentences at final punctuation, names as capitalised runs."""

    def sentences(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for paragraph in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
            start = paragraph.start()
            for end_match in _EN_SENTENCE_END.finditer(paragraph.group()):
                cut = paragraph.start() + end_match.start()
                if not _ends_with_abbreviation(text[start:cut]):
                    spans.append((start, cut))
                    start = paragraph.start() + end_match.end()
            spans.append((start, paragraph.end()))
        return [(a, b) for a, b in spans if text[a:b].strip()]

    def tokens(self, text: str, offset: int = 0) -> list[Token]:
        return [Token(m.start() + offset, m.end() + offset, m.group(), _en_lemma(m.group()))
                for m in _EN_WORD.finditer(text)]

    def syntax(self, text: str, offset: int = 0) -> list[Word]:
        return []

    def nominative(self, words: list[str]) -> str:
        return " ".join(words)

    def mentions(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        for start, end in self.sentences(text):
            found.extend(self._in_sentence(text, start, end))
        taken = [(m.start, m.end) for m in found]
        found.extend(m for m in _en_groups(text) if not overlaps((m.start, m.end), taken))
        return sorted(found, key=lambda m: m.start)

    def _in_sentence(self, text: str, start: int, end: int) -> Iterator[Mention]:
        sentence = text[start:end]
        for match in _EN_NAME_RUN.finditer(sentence):
            words = match.group().split()
            first_of_sentence = not sentence[:match.start()].strip(" \"“‘(")
            while words and (words[0] in lexicon.EN_FUNCTION_WORDS
                             or (first_of_sentence and words[0] in lexicon.EN_TITLES
                                 and len(words) == 1)):
                words = words[1:]
                first_of_sentence = False
            if not words:
                continue
            written = " ".join(words)
            offset = start + match.start() + match.group().index(words[0])
            mention = _en_mention(written, offset, sentence[:match.start()], first_of_sentence,
                                  text)
            if mention is not None:
                yield mention


def _ends_with_abbreviation(text: str) -> bool:
    last = text.rsplit(None, 1)[-1] if text.split() else ""
    return last.rstrip(".").casefold() in lexicon.EN_ABBREVIATIONS or bool(
        re.fullmatch(r"(?:[A-Z]\.)+", last))


def _en_lemma(word: str) -> str:
    return word.casefold()


def _en_mention(written: str, start: int, before: str, first_of_sentence: bool,
                text: str) -> Optional[Mention]:
    words = written.split()
    title = None
    while words and words[0] in lexicon.EN_TITLES:
        title = words.pop(0)
        if len(words) > 2 and words[0] in ("of", "for"):  # "Secretary of State Dean Acheson"
            del words[:2]
    if not words:
        return None
    name = " ".join(words)
    end = start + len(written)
    offset = start + len(written) - len(name)
    known = lexicon.classify(name, "en")
    if known is not None:
        return Mention(start, end, written, name, *known) if all(known) else None
    if any(word in lexicon.EN_ORGANIZATION_WORDS for word in words):
        return Mention(start, end, written, name, "organization", name)
    if first_of_sentence and len(words) == 1 and _lowercase_elsewhere(words[0], text):
        return None  # a common word that starts the sentence
    if any(word in lexicon.EN_NOT_IN_NAMES or lexicon.classify(word, "en") for word in words):
        return None  # "West Berlin", "Berlin Airlift": a place or a thing, no one's name
    if title is not None or before.rstrip().endswith(tuple(lexicon.EN_TITLES)) or (
            2 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words)):
        return Mention(offset, end, name, name, "person", name)
    if len(words) == 1 and words[0].isupper() and len(words[0]) >= 2:
        return Mention(start, end, written, name, "organization", name)
    return None


def _lowercase_elsewhere(word: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(word.lower())}\b", text) is not None or (
        word in lexicon.EN_FUNCTION_WORDS)


def _en_groups(text: str) -> Iterator[Mention]:
    """«Local shop owners», «engineers»: a lexicon of words for people, in the plural."""
    heads = "|".join(sorted(lexicon.EN_PEOPLE, key=len, reverse=True))
    pattern = re.compile(rf"\b((?:[a-z]+\s+)?(?:{heads}))\b", re.IGNORECASE)
    for match in pattern.finditer(text):
        words = match.group(1).split()
        if len(words) == 2 and (words[0].casefold() in lexicon.EN_DETERMINERS
                                or not words[0].casefold().endswith(lexicon.EN_ADJECTIVE_ENDINGS)):
            words = words[1:]
        phrase = " ".join(words)
        start = match.end(1) - len(phrase)
        name = phrase[:1].upper() + phrase[1:].lower()
        yield Mention(start, match.end(1), phrase, name, "group", name)
