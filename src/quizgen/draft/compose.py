"""From an article's text to candidate items: events, actors, causes and disputes.

Each candidate carries a verbatim quote (a sentence, or the clause of it that holds what
was found, at most :data:`MAX_QUOTE_WORDS` words) and its place in the text. Nothing here
writes: :mod:`quizgen.draft.emit` turns a :class:`Draft` into YAML.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Optional, Sequence

from .. import quotes
from ..text import word_count
from ..model import Actor, Cause, Dispute, Event, Language, Pack, Source
from . import lexicon
from ..dates import Found, Narrative, find_dates, latest_year
from .language import Analyser, Mention, Token, Word
from .slugs import Ids
from .wording import actor_role, event_wording, id_words

MAX_QUOTE_WORDS = 30  # the pack warns above 40; a clause is easier to check than a paragraph
MAX_PART_WORDS = 20  # a cause or an effect: what a learner recalls
CROSS_SOURCE_LIMIT = 6


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    tokens: tuple[Token, ...]

    # Read once per sentence, not once per clause asked of it: a sentence of thousands of
    # words and dates would otherwise be read again for each of them.
    @functools.cached_property
    def pieces(self) -> tuple[tuple[int, int], ...]:
        """The sentence cut after each comma, semicolon, colon, bracket or dash, as offsets."""
        cuts = [self.start, *(self.start + m.end() for m in _CUT.finditer(self.text)), self.end]
        return tuple(zip(cuts, cuts[1:]))

    @functools.cached_property
    def _piece_starts(self) -> list[int]:
        return [a for a, _ in self.pieces]

    @functools.cached_property
    def _words_at(self) -> tuple[list[int], list[int]]:
        """Where each word (a run without whitespace) starts and ends, as offsets."""
        spans = [(self.start + m.start(), self.start + m.end())
                 for m in _NOT_SPACE.finditer(self.text)]
        return [a for a, _ in spans], [b for _, b in spans]

    @functools.cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def tokens_between(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens that start from offset ``start`` up to ``end``."""
        starts = self._token_starts
        return self.tokens[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def piece_at(self, offset: int, default: int) -> int:
        """The index of the piece that holds ``offset``; ``default`` where none does."""
        index = bisect.bisect_right(self._piece_starts, offset) - 1
        if 0 <= index and self.pieces[index][0] <= offset < self.pieces[index][1]:
            return index
        return default

    def words_between(self, start: int, end: int) -> int:
        """``_words`` of the sentence's text from offset ``start`` to ``end``."""
        starts, ends = self._words_at
        return max(0, bisect.bisect_left(starts, end) - bisect.bisect_right(ends, start))


_CUT = re.compile(r"[,;:()]\s+|\s[—–-]\s")
_NOT_SPACE = re.compile(r"\S+")


@dataclass
class EventCandidate:
    id: str
    quote: str
    start: int
    end: int
    sentence: int
    date: Optional[Found] = None
    hint: Optional[Found] = None  # the text's previous date, for an undated sentence
    actors: list[str] = field(default_factory=list)
    # Wording proposed from the text (the author confirms it); None: a placeholder.
    title: Optional[str] = None
    summary: Optional[str] = None


@dataclass
class ActorCandidate:
    id: str
    name: str
    kind: str
    aliases: list[str]
    quote: str
    mentions: list[Mention]
    existing: bool = False  # an actor of the pack already: only referred to
    role: Optional[str] = None  # proposed from how the text describes it; None: a placeholder


@dataclass
class CauseCandidate:
    id: str
    cause: str  # prose, or an event id
    effect: str
    quote: str
    sentence: int


@dataclass
class Position:
    holder: Optional[str]
    claim: str
    source: str
    quote: str


@dataclass
class DisputeCandidate:
    id: str
    positions: list[Position]
    across_sources: bool = False


@dataclass
class Draft:
    source: str
    language: Language
    events: list[EventCandidate]
    actors: list[ActorCandidate]
    causes: list[CauseCandidate]
    disputes: list[DisputeCandidate]

    @property
    def new_actors(self) -> list[ActorCandidate]:
        return [a for a in self.actors if not a.existing]


Progress = Callable[[int, int], None]  # (sentences done, sentences in all)


def compose(text: str, source: str, language: Language, analyser: Analyser,
            pack: Optional[Pack] = None, other_texts: Optional[dict[str, str]] = None,
            progress: Optional[Progress] = None, drafted: Sequence[Any] = ()) -> Draft:
    """The candidates of one article, given the pack they are to join.

    ``drafted`` are the items of the pack's other drafts: their ids are taken, and their
    actors are referred to rather than drafted again.
    """
    ids = Ids(_pack_ids(pack) | {item.id for item in drafted})
    cited = _cited(pack, source)
    sentences = _sentences(text, analyser)
    mentions = analyser.mentions(text)
    known = [*(pack.actors if pack is not None else ()),
             *(item for item in drafted if isinstance(item, Actor))]
    parsed = Parsed(sentences, analyser, language)
    actors = _actors(mentions, text, sentences, known, ids, cited)
    for actor in actors:
        if not actor.existing:
            actor.role = actor_role(actor.mentions, text, language, parsed.around)
    actor_of = {id(m): a.id for a in actors for m in a.mentions}
    events = list(_events(sentences, text, language, mentions, actor_of, ids, cited, progress,
                          parsed))
    hosts = _event_hosts(events, sentences, pack, source)
    causes = list(_causes(sentences, text, language, hosts, ids, cited))
    disputes = list(_disputes(sentences, text, language, source, mentions, actor_of, ids, cited))
    if other_texts:
        disputes.extend(_across_sources(sentences, text, source, language, analyser,
                                        mentions, other_texts, ids, cited))
    used = {a for e in events for a in e.actors} | {
        p.holder for d in disputes for p in d.positions if p.holder}
    actors = [a for a in actors if not a.existing or a.id in used]
    return Draft(source, language, events, actors, causes, disputes)


class Parsed:
    """The sentences' dependency parses, made when first asked for (Russian only)."""

    def __init__(self, sentences: list[Sentence], analyser: Analyser, language: Language) -> None:
        self.sentences = sentences
        self.analyser = analyser
        self.language = language
        self._parses: dict[int, list[Word]] = {}

    def words(self, sentence: Sentence) -> list[Word]:
        if self.language != "ru":
            return []
        if sentence.index not in self._parses:
            self._parses[sentence.index] = self.analyser.syntax(sentence.text, sentence.start)
        return self._parses[sentence.index]

    def around(self, offset: int) -> tuple[list[Word], Callable[[list[str]], str]]:
        """The words of the sentence at ``offset``, and how to put a phrase in the nominative."""
        return self.words(_sentence_at(self.sentences, offset)), self.analyser.nominative

    def id_words(self, title: str) -> list[str]:
        return id_words(title, self.analyser.tokens(title), self.language)


# ---------------------------------------------------------------------------------------
# The text


def _sentences(text: str, analyser: Analyser) -> list[Sentence]:
    """The text's sentences, each with its paragraph; a heading line is a sentence of its own."""
    result: list[Sentence] = []
    for paragraph, (block_start, block_end) in enumerate(_blocks(text)):
        for start, end in analyser.sentences(text[block_start:block_end]):
            chunk = text[block_start + start:block_start + end]
            lead = len(chunk) - len(chunk.lstrip())
            start, end = block_start + start + lead, block_start + start + len(chunk.rstrip())
            if start < end:
                result.append(Sentence(len(result), start, end, text[start:end], paragraph,
                                       tuple(analyser.tokens(text[start:end], start))))
    return result


_HEADING_WORDS = 12


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Paragraphs (between blank lines), and heading lines cut off the text after them.

    A line of a few words with no closing punctuation, followed by a line that starts
    with a capital, is a heading or page furniture («Двусторонние связи ослабевают»):
    it must not run into the first sentence after it. A wrapped line of prose goes on.
    """
    lines = [m for m in re.finditer(r"[^\n]*\n?", text) if m.group()]
    start: Optional[int] = None
    for index, line in enumerate(lines):
        body = line.group().strip()
        if not body:
            if start is not None:
                yield start, line.start()
                start = None
            continue
        if start is None:
            start = line.start()
        following = lines[index + 1].group().strip() if index + 1 < len(lines) else ""
        heading = (len(body.split()) <= _HEADING_WORDS and not body.endswith(_CLOSING)
                   and following[:1].isupper())
        if heading or (body.endswith((".", "!", "?", "…")) and following[:1].isupper()
                       and len(body.split()) > _HEADING_WORDS and _line_is_paragraph(lines)):
            yield start, line.end()
            start = None
    if start is not None:
        yield start, len(text)


_CLOSING = (".", "!", "?", "…", ":", ";", ",", "»", '"', "”", ")")


def _line_is_paragraph(lines: list[re.Match[str]]) -> bool:
    """Whether the text puts one paragraph on a line (no hard wrapping): its lines are long."""
    lengths = sorted(len(m.group()) for m in lines if m.group().strip())
    return bool(lengths) and lengths[len(lengths) // 2] > 200


def _pack_ids(pack: Optional[Pack]) -> set[str]:
    if pack is None:
        return set()
    items: tuple[Event | Actor | Cause | Dispute | Source, ...] = (
        *pack.events, *pack.actors, *pack.causes, *pack.disputes, *pack.info.sources)
    return {item.id for item in items}


def _cited(pack: Optional[Pack], source: str) -> list[str]:
    """The quotes the pack already cites from this source, folded: not drafted again."""
    if pack is None:
        return []
    from ..validate import citations

    found = []
    for item in (*pack.events, *pack.actors, *pack.causes, *pack.disputes):
        for _, citation in citations(item):
            if citation.source == source:
                found.append(quotes.folded_core(citation.quote))
    return found


def _already_cited(quote: str, cited: Sequence[str]) -> bool:
    folded = quotes.normalize(quote)
    return any(c and (c in folded or folded in c) for c in cited)


def _words(text: str) -> int:
    return word_count(text)


def clause(sentence: Sentence, at: int, until: Optional[int] = None,
           limit: int = MAX_QUOTE_WORDS) -> tuple[int, int]:
    """The span of the sentence to quote for what stands at offsets ``at``…``until``.

    The whole sentence when it is short enough; otherwise the clauses around the
    offsets, grown one clause at a time while the quote stays within ``limit`` words.
    """
    until = at if until is None else until
    if sentence.words_between(sentence.start, sentence.end) <= limit:
        return sentence.start, sentence.end
    pieces = sentence.pieces
    first = sentence.piece_at(at, 0)
    last = sentence.piece_at(max(until - 1, at), first)
    start, end = pieces[first][0], pieces[last][1]
    text = sentence.text
    while True:
        grown = False
        for step in (1, -1):
            i = last + 1 if step == 1 else first - 1
            if 0 <= i < len(pieces):
                a, b = pieces[i]
                new_start, new_end = min(start, a), max(end, b)
                if sentence.words_between(new_start, new_end) <= limit:
                    start, end = new_start, new_end
                    first, last = (first, i) if step == 1 else (i, last)
                    grown = True
        if not grown:
            break
    return start, _trim_end(text, sentence.start, start, end)


def _trim_end(text: str, offset: int, start: int, end: int) -> int:
    while end > start and text[end - 1 - offset] in _TRIMMED:
        end -= 1
    return end


_TRIMMED = frozenset(" ,;:—–-(")


def quote_of(text: str, start: int, end: int) -> str:
    """The quote as the pack holds it: the text's words, its line breaks as spaces."""
    return " ".join(text[start:end].split())


# ---------------------------------------------------------------------------------------
# Actors


def _actors(mentions: list[Mention], text: str, sentences: list[Sentence],
            known_actors: Sequence[Actor], ids: Ids, cited: Sequence[str]) -> list[ActorCandidate]:
    """Mentions grouped into actors: a person by full name, a state with its capitals.

    A person named by surname alone joins the one person of the text with that surname;
    where two share it («Джон Кеннеди», «Роберт Кеннеди»), it stands for neither.
    """
    groups: dict[str, list[Mention]] = {}
    persons = _persons(mentions)
    earlier = _earlier_states(mentions)
    for mention in mentions:
        if mention.kind == "place":
            continue  # where things happen, not who acts: it only links sources (below)
        if mention.kind == "person":
            found = persons.get(id(mention))
            if found is None:
                continue
            key = "person:" + found
        else:
            key = mention.kind + ":" + lexicon.fold(_actor_of(mention, earlier))
        groups.setdefault(key, []).append(mention)
    existing = _existing_actors(known_actors)
    actors = []
    for members in groups.values():
        name = _actor_name(members, earlier)
        aliases = sorted({m.name for m in members} - {name}, key=lexicon.fold)
        known = next((existing[lexicon.fold(n)] for n in [name, *aliases]
                      if lexicon.fold(n) in existing), None)
        first = min(members, key=lambda m: (m.name != name, m.start))
        sentence = _sentence_at(sentences, first.start)
        start, end = clause(sentence, first.start, first.end, limit=20)
        quote = quote_of(text, start, end)
        if known is not None:
            actors.append(ActorCandidate(known, name, members[0].kind, aliases, quote, members,
                                         existing=True))
        elif not _already_cited(quote, cited):
            actors.append(ActorCandidate(ids.new(name), name, members[0].kind, aliases,
                                         quote, members))
    return sorted(actors, key=lambda a: min(m.start for m in a.mentions))


def _persons(mentions: list[Mention]) -> dict[int, str]:
    """Each person's mention (by ``id``) → the folded full name it stands for.

    Full names that differ only in a first name's ending («Роберт», «Роберта» as the
    analyser left an ambiguous case) are one name; a surname alone («Кеннеди», "President
    Kennedy") is the one full name with that surname, or no one where there are several.
    """
    people = [m for m in mentions if m.kind == "person"]
    full: dict[str, list[str]] = {}  # surname → the full names of the text with it
    for mention in people:
        words = lexicon.fold(mention.actor).split()
        if len(words) >= 2:
            names = full.setdefault(words[-1], [])
            if not any(_one_first_name(words, other.split()) for other in names):
                names.append(" ".join(words))
    found = {}
    for mention in people:
        words = lexicon.fold(mention.actor).split()
        names = full.get(words[-1], [])
        if len(words) >= 2:
            found[id(mention)] = next(n for n in names if _one_first_name(words, n.split()))
        elif len(names) == 1:
            found[id(mention)] = names[0]
        elif not names:
            found[id(mention)] = words[-1]
    return found


def _one_first_name(a: list[str], b: list[str]) -> bool:
    """«роберт кеннеди» and «роберта кеннеди»: one surname, first names equal but for an ending."""
    if len(a) != len(b) or a[1:] != b[1:]:
        return False
    x, y = sorted((a[0], b[0]), key=len)
    return x == y or (len(y) - len(x) <= 1 and len(x) >= 3 and y.startswith(x[:-1])
                      and (len(y) > len(x) or x[:-1] == y[:-1]))


def _earlier_states(mentions: list[Mention]) -> dict[str, str]:
    """Folded state → the state its capital stood for in the text's time: «Москва» is the
    USSR in a text that names the USSR and never Russia itself."""
    named = {lexicon.fold(m.name) for m in mentions if m.kind == "state"}
    meant = {lexicon.fold(m.actor) for m in mentions if m.kind == "state"}
    earlier = {}
    for table in (lexicon.RU_EARLIER, lexicon.EN_EARLIER):
        for state, before in table.items():
            if lexicon.fold(before) in meant and state not in named:
                earlier[state] = before
    return earlier


def _actor_of(mention: Mention, earlier: dict[str, str]) -> str:
    return earlier.get(lexicon.fold(mention.actor), mention.actor)


def _actor_name(members: list[Mention], earlier: dict[str, str]) -> str:
    person = members[0].kind == "person"
    names = [_actor_of(m, earlier) for m in members]
    if person:  # the fullest form: «Ильхам Алиев» over «Алиев»
        return max(names, key=lambda n: (len(n.split()), names.count(n), -names.index(n)))
    return max(names, key=lambda n: (names.count(n), -names.index(n)))


def _existing_actors(actors: Sequence[Actor]) -> dict[str, str]:
    """Folded name or alias → id, of the actors a draft refers to instead of drafting them."""
    known: dict[str, str] = {}
    for actor in actors:
        for name in (actor.name, *actor.aliases):
            known.setdefault(lexicon.fold(name), actor.id)
    return known


def _sentence_at(sentences: list[Sentence], offset: int) -> Sentence:
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return min(sentences, key=lambda s: abs(s.start - offset))


# ---------------------------------------------------------------------------------------
# Events


def _events(sentences: list[Sentence], text: str, language: Language,
            mentions: list[Mention], actor_of: dict[int, str], ids: Ids,
            cited: Sequence[str], progress: Optional[Progress],
            parsed: Parsed) -> Iterator[EventCandidate]:
    narrative = Narrative(latest_year(text) or 2000)
    seen: set[str] = set()
    starts = [m.start for m in mentions]  # mentions come in the text's order
    opinions = _opinions(sentences, language)
    for sentence in sentences:
        if progress is not None:
            progress(sentence.index + 1, len(sentences))
        found = find_dates(sentence.text, language, narrative)
        if sentence.index in opinions or _heading(sentence):
            narrative.advance(found)
            continue  # a reading, not a happening (the disputes' to find); or a title
        candidates: list[EventCandidate] = []
        for date in found:
            start, end = clause(sentence, sentence.start + date.start, sentence.start + date.end)
            if date.contrast:  # its clause only: what the sentence goes on to say is now
                end = min(end, _contrast_end(sentence, date))
            if _words(text[start:end]) - _words(date.wording) < 3:
                continue  # a dateline («Westport, 14 June 2024.»): a date, no event
            candidates.append(EventCandidate("", quote_of(text, start, end), start, end,
                                             sentence.index, date=date))
        if not found and _narrates(sentence, mentions, starts, language):
            start, end = clause(sentence, sentence.start)
            candidates.append(EventCandidate("", quote_of(text, start, end), start, end,
                                             sentence.index, hint=narrative.anchor))
        only_contrast = bool(found) and all(f.contrast for f in found)
        if only_contrast and narrative.anchor is not None and _narrates(
                sentence, mentions, starts, language):
            # «В отличие от 2008 года, когда …, на этот раз …»: the rest of the sentence
            # happens at the narrative's date, which it only hints.
            rest = max(_contrast_end(sentence, f) for f in found)
            start, end = clause(sentence, min(rest + 1, sentence.end - 1))
            start = max(start, rest + 1)
            while start < end and not text[start].isalnum():
                start += 1
            if end > start:
                candidates.append(EventCandidate("", quote_of(text, start, end), start, end,
                                                 sentence.index, hint=narrative.anchor))
        narrative.advance(found)
        for candidate in candidates:
            folded = quotes.normalize(candidate.quote)
            if folded in seen or _already_cited(candidate.quote, cited):
                continue  # a teaser repeated from the body, or already in the pack
            seen.add(folded)
            candidate.actors = sorted(dict.fromkeys(
                actor_of[id(m)] for m in _between(mentions, starts, candidate.start, candidate.end)
                if id(m) in actor_of))
            wording = event_wording(text, (candidate.start, candidate.end),
                                    (sentence.start, sentence.end), candidate.date,
                                    parsed.words(sentence), language)
            candidate.title, candidate.summary = wording.title, wording.summary
            named = parsed.id_words(wording.title) if wording.title else []
            candidate.id = ids.new(named or _event_words(candidate, sentence),
                                   prefix=_year_prefix(candidate))
            yield candidate


def _heading(sentence: Sentence) -> bool:
    """A title or heading line: a few words without the punctuation that closes a sentence."""
    text = sentence.text.strip()
    return (len(text.split()) <= _HEADING_WORDS and not text.endswith(_CLOSING)
            and "\n" not in text)


def _opinions(sentences: list[Sentence], language: Language) -> set[int]:
    """The sentences that tell a reading rather than what happened.

    One with a word of opinion («по мнению», «считают», "according to", "argue"), and each
    half of a pair of readings: «Одни …», then «Другие …» in the next sentence.
    """
    opinion = lexicon.RU_OPINION if language == "ru" else lexicon.EN_OPINION
    some = lexicon.RU_SOME if language == "ru" else lexicon.EN_SOME
    found = set()
    for sentence in sentences:
        words = [t for t in sentence.tokens if t.is_word]
        if _first_marker(words, opinion) is not None:
            found.add(sentence.index)
        elif _first_marker(words[:1], some) is not None and _others_follow(sentences, sentence,
                                                                          language):
            found.update({sentence.index, sentence.index + 1})
    return found


def _others_follow(sentences: list[Sentence], sentence: Sentence, language: Language) -> bool:
    """Whether the next sentence of the paragraph starts with «Другие» / "Others"."""
    if sentence.index + 1 >= len(sentences):
        return False
    after = sentences[sentence.index + 1]
    first = next((t for t in after.tokens if t.is_word), None)
    return (after.paragraph == sentence.paragraph and first is not None
            and first.text.casefold() in _OTHERS[language])


_OTHERS = {"ru": frozenset({"другие", "иные", "третьи"}), "en": frozenset({"others"})}


def _contrast_end(sentence: Sentence, date: Found) -> int:
    """Where the clause of a date brought in for contrast ends: at the comma after it, or
    after the «когда …» / "when …" clause that tells what happened then."""
    tail = sentence.text[date.end:]
    comma = tail.find(",")
    if comma == -1:
        return sentence.end
    if re.match(r"\s*(?:когда|when)\b", tail[comma + 1:], re.IGNORECASE):
        second = tail.find(",", comma + 1)
        comma = second if second != -1 else len(tail)
    return sentence.start + date.end + comma


def _between(mentions: list[Mention], starts: list[int], start: int, end: int) -> list[Mention]:
    """The mentions (in the text's order, starting at ``starts``) from ``start`` to ``end``."""
    return mentions[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


def _narrates(sentence: Sentence, mentions: list[Mention], starts: list[int],
              language: Language) -> bool:
    """A sentence that tells what someone did: a verb in the past and a name."""
    named = any(m.kind != "place" for m in _between(mentions, starts, sentence.start, sentence.end))
    if not named:
        return False
    if language == "ru":
        return any({"VERB", "past"} <= t.tags or {"PRTS", "past"} <= t.tags
                   for t in sentence.tokens)
    return any(t.text.casefold().endswith("ed") or t.text.casefold() in _EN_PAST
               for t in sentence.tokens if t.is_word and len(t.text) > 3)


_EN_PAST = frozenset({"was", "were", "said", "went", "made", "took", "gave", "came", "left",
                      "began", "brought", "held", "met", "paid", "sent", "set", "told",
                      "won", "lost", "wrote", "spoke", "rose", "fell", "shut", "cut",
                      "chose", "drew", "ran", "built", "kept", "sold", "led", "put"})


def _event_words(candidate: EventCandidate, sentence: Sentence) -> list[str]:
    content = [t.text for t in sentence.tokens_between(candidate.start, candidate.end)
               if t.is_word and len(t.text) > 3
               and not t.text.isdigit() and "NUMB" not in t.tags
               and not {"PREP", "CONJ", "PRCL", "NPRO", "Apro"} & t.tags]
    return content[:4]


def _year_prefix(candidate: EventCandidate) -> str:
    date = candidate.date
    return str(date.date.year) if date is not None else ""


def _event_hosts(events: list[EventCandidate], sentences: list[Sentence],
                 pack: Optional[Pack], source: str) -> dict[int, list[tuple[str, int, int]]]:
    """Per sentence, the events it tells: (id, start, end) of the drafted ones, and the
    pack's own events whose quote stands in it."""
    hosts: dict[int, list[tuple[str, int, int]]] = {}
    for event in events:
        hosts.setdefault(event.sentence, []).append((event.id, event.start, event.end))
    if pack is not None:
        folded = [(s, quotes.normalize(s.text)) for s in sentences]
        for item in pack.events:
            for citation in item.sources:
                if citation.source != source:
                    continue
                core = quotes.folded_core(citation.quote)
                for sentence, text in folded:
                    if core and core in text:
                        hosts.setdefault(sentence.index, []).append(
                            (item.id, sentence.start, sentence.end))
    return hosts


# ---------------------------------------------------------------------------------------
# Causes


def _marker_at(tokens: Sequence[Token], index: int,
               markers: Sequence[tuple[str, tuple[str, ...]]]) -> Optional[tuple[str, int]]:
    """The connective starting at word ``index``: its direction and length in words."""
    for direction, lemmas in sorted(markers, key=lambda m: -len(m[1])):
        window = tokens[index:index + len(lemmas)]
        if len(window) == len(lemmas) and all(
                t.lemma == lemma or t.text.casefold() == lemma for t, lemma in zip(window, lemmas)):
            return direction, len(lemmas)
    return None


def _causes(sentences: list[Sentence], text: str, language: Language,
            hosts: dict[int, list[tuple[str, int, int]]], ids: Ids,
            cited: Sequence[str]) -> Iterator[CauseCandidate]:
    markers = lexicon.RU_CAUSAL if language == "ru" else lexicon.EN_CAUSAL
    anaphora = lexicon.RU_ANAPHORA if language == "ru" else lexicon.EN_ANAPHORA
    seen: set[str] = set()
    opinions = _opinions(sentences, language)
    for sentence in sentences:
        if sentence.index in opinions:
            continue  # «удар привёл бы к войне, считал он»: a reading, the disputes' to find
        words = [t for t in sentence.tokens if t.is_word]
        for index in range(len(words)):
            match = _marker_at(words, index, markers)
            if match is None:
                continue
            direction, length = match
            parts = _cause_parts(sentence, sentences, words, index, length, direction, language)
            if parts is None:
                continue
            (cause_span, effect_span) = parts
            cause = _part(text, cause_span, sentence, sentences, hosts, anaphora, effect_span)
            effect = _part(text, effect_span, sentence, sentences, hosts, anaphora, cause_span)
            if cause is None or effect is None or cause == effect:
                continue
            quote_start = min(cause_span[0], effect_span[0], words[index].start)
            quote_start = max(quote_start, sentence.start)
            start, end = clause(sentence, quote_start, max(cause_span[1], effect_span[1]))
            quote = quote_of(text, start, end)
            if quote in seen or _already_cited(quote, cited):
                continue
            seen.add(quote)
            slug = [t.text for t in words if t.start >= effect_span[0]
                    and t.end <= effect_span[1] and len(t.text) > 3][:3]
            yield CauseCandidate(ids.new(slug or ["effect"], prefix="cause"),
                                 cause, effect, quote, sentence.index)
            break  # one link per sentence: the first connective is the main one


def _cause_parts(sentence: Sentence, sentences: list[Sentence], words: list[Token], index: int,
                 length: int, direction: str, language: Language
                 ) -> Optional[tuple[tuple[int, int], tuple[int, int]]]:
    marker_start, marker_end = words[index].start, words[index + length - 1].end
    before = (_clause_start(sentence, marker_start), marker_start)
    if direction == "previous":
        if index != 0 or sentence.index == 0:
            return None
        previous = sentences[sentence.index - 1]
        if previous.paragraph != sentence.paragraph:
            return None
        return (previous.start, previous.end), (marker_end, sentence.end)
    after_end = _clause_end(sentence, marker_end)
    if direction == "forward":
        # «…, когда гибель миротворцев привела к войне в Грузии, на этот раз …»: a link
        # inside a subordinate clause ends where that clause does.
        head = sentence.text[before[0] - sentence.start:marker_start - sentence.start]
        opener = _SUBORDINATE.search(head)
        if opener is not None:
            before = (before[0] + opener.end(), marker_start)
            tail = sentence.text[marker_end - sentence.start:after_end - sentence.start]
            comma = tail.find(",")
            after_end = marker_end + comma if comma != -1 else after_end
        return before, (marker_end, after_end)
    if index == 0:  # «Из-за X, Y»; «В результате рейдов были убиты …»
        comma = sentence.text.find(",", marker_end - sentence.start)
        if comma != -1:
            cut = sentence.start + comma
        else:
            verb = next((t for t in words[index + length:] if _is_verb(t, language)), None)
            if verb is None:
                return None
            cut = verb.start
        return (marker_end, cut), (cut, sentence.end)
    return (marker_end, after_end), before


_SUBORDINATE = re.compile(r".*,\s*(?:когда|который|которая|которое|которые|что|where|when|which)\s",
                          re.IGNORECASE | re.DOTALL)


def _is_verb(token: Token, language: Language) -> bool:
    if language == "ru":
        return bool({"VERB", "PRTS", "INFN"} & token.tags)
    return token.text.casefold() in {"was", "were", "is", "are", "had", "has", "have"}


def _clause_start(sentence: Sentence, offset: int) -> int:
    head = sentence.text[:offset - sentence.start]
    cut = max(head.rfind(";"), head.rfind(":"))
    start = sentence.start + cut + 1 if cut != -1 else sentence.start
    if _words(sentence.text[start - sentence.start:offset - sentence.start]) > MAX_PART_WORDS:
        comma = head.rfind(",")
        start = sentence.start + comma + 1 if comma != -1 else start
    return start


def _clause_end(sentence: Sentence, offset: int) -> int:
    tail = sentence.text[offset - sentence.start:]
    cuts = [i for i in (tail.find(";"), tail.find(":")) if i != -1]
    end = offset + min(cuts) if cuts else sentence.end
    if _words(sentence.text[offset - sentence.start:end - sentence.start]) > MAX_PART_WORDS:
        comma = tail.find(",")
        end = offset + comma if comma != -1 else end
    return end


def _part(text: str, span: tuple[int, int], sentence: Sentence, sentences: list[Sentence],
          hosts: dict[int, list[tuple[str, int, int]]], anaphora: frozenset[str],
          other: tuple[int, int]) -> Optional[str]:
    """A cause or an effect: the event it is, where one stands there alone; else prose."""
    prose = _prose(text[span[0]:span[1]])
    if prose is None:
        return None
    first = prose.split()[0].casefold().strip("«\"")
    if first in anaphora and _words(prose) <= 4 and sentence.index > 0:
        earlier = hosts.get(sentence.index - 1) or []
        if len(earlier) == 1:
            return earlier[0][0]
    for ident, start, end in hosts.get(_sentence_at(sentences, span[0]).index, []):
        covers_part = start <= span[0] + 1 and span[1] - 1 <= end
        covers_other = start <= other[0] + 1 and other[1] - 1 <= end
        if covers_part and not covers_other:
            return ident
    return prose


def _prose(text: str) -> Optional[str]:
    text = " ".join(text.split()).strip(" ,;:—–-.!?«»\"()")
    for lead in ("что ", "это ", "which ", "that ", "и ", "and ", "а ", "но ", "but "):
        if text.casefold().startswith(lead):
            text = text[len(lead):]
    if _words(text) < 2:
        return None
    words = text.split()
    if len(words) > MAX_PART_WORDS:
        text = " ".join(words[:MAX_PART_WORDS]) + " …"
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------
# Disputes


def _disputes(sentences: list[Sentence], text: str, language: Language, source: str,
              mentions: list[Mention], actor_of: dict[int, str], ids: Ids,
              cited: Sequence[str]) -> Iterator[DisputeCandidate]:
    """Readings set against each other in one text: «одни … другие», or two sayers."""
    attribution = lexicon.RU_ATTRIBUTION if language == "ru" else lexicon.EN_ATTRIBUTION
    contrast = lexicon.RU_CONTRAST if language == "ru" else lexicon.EN_CONTRAST
    some = lexicon.RU_SOME if language == "ru" else lexicon.EN_SOME
    readings = []
    seen: set[tuple[str, ...]] = set()
    for sentence in sentences:
        words = [t for t in sentence.tokens if t.is_word]
        said = _first_marker(words, attribution)
        opposed = _first_marker(words, contrast)
        first_of_pair = _first_marker(words, some)
        if said is None and first_of_pair is None:
            continue
        readings.append((sentence, said, opposed, first_of_pair))
    used: set[int] = set()
    for position, (sentence, said, opposed, _) in enumerate(readings):
        if sentence.index in used:
            continue
        pair = None
        if opposed is not None and _pair_within(readings[position]):
            words = [t for t in sentence.tokens if t.is_word]
            cut = words[opposed].start
            pair = [(sentence, sentence.start, cut), (sentence, cut, sentence.end)]
        elif position + 1 < len(readings):
            other, other_said, other_opposed, _ = readings[position + 1]
            near = (other.index - sentence.index <= 2 and other.paragraph == sentence.paragraph
                    and not _pair_within(readings[position + 1]))
            # People or groups: an organisation and its chair speak with one voice.
            holders = (_sayer(sentence, sentence.start, sentence.end, mentions, actor_of,
                              language, _VOICES),
                       _sayer(other, other.start, other.end, mentions, actor_of, language,
                              _VOICES))
            # Two sayers, each named, or a second reading that says it is one («однако»).
            apart = (None not in holders and holders[0] != holders[1]) or other_opposed is not None
            if near and said is not None and other_said is not None and apart:
                pair = [(sentence, sentence.start, sentence.end),
                        (other, other.start, other.end)]
        if pair is None:
            continue
        positions = []
        for host, start, end in pair:
            span = clause(host, start, end)
            quote = quote_of(text, max(span[0], start), min(span[1], end))
            claim = _prose(quote)
            if claim is None:
                break
            positions.append(Position(_sayer(host, start, end, mentions, actor_of, language),
                                      claim, source, quote))
        told = tuple(quotes.normalize(p.quote) for p in positions)
        if len(positions) < 2 or told in seen or any(_already_cited(p.quote, cited)
                                                     for p in positions):
            continue  # the same pair again (a teaser repeated from the body), or in the pack
        seen.add(told)
        if positions[0].quote == positions[1].quote:
            continue
        used.update(host.index for host, _, _ in pair)
        slug = [t.text for t in pair[0][0].tokens if t.is_word and len(t.text) > 4][:3]
        yield DisputeCandidate(ids.new(slug or ["dispute"], prefix="dispute"),
                               positions)


def _first_marker(words: Sequence[Token], markers: Sequence[tuple[str, ...]]) -> Optional[int]:
    as_directed = [("", m) for m in markers]
    for index in range(len(words)):
        if _marker_at(words, index, as_directed) is not None:
            return index
    return None


def _pair_within(reading: tuple[Sentence, Optional[int], Optional[int], Optional[int]]) -> bool:
    """«Одни считают …, другие …» in one sentence: a pair of readings of its own."""
    _, _, opposed, first_of_pair = reading
    return first_of_pair is not None and opposed is not None and opposed > first_of_pair


_VOICES = frozenset({"person", "group"})
_HOLDERS = frozenset({"person", "group", "organization", "state"})


def _sayer(sentence: Sentence, start: int, end: int, mentions: list[Mention],
           actor_of: dict[int, str], language: Language,
           kinds: frozenset[str] = _HOLDERS) -> Optional[str]:
    """Who holds the reading told from ``start`` to ``end``: the actor named as its sayer.

    After «по мнению» / "according to" the sayer follows the marker; before «считал» /
    "argued" it is the name right before the verb («министр обороны Роберт Макнамара
    считал»). A name elsewhere is what the reading is about, not who holds it («Одни
    историки считают победителем Кеннеди»: unnamed holders).
    """
    markers = lexicon.RU_ATTRIBUTION if language == "ru" else lexicon.EN_ATTRIBUTION
    after = lexicon.RU_HOLDER_AFTER if language == "ru" else lexicon.EN_HOLDER_AFTER
    words = [t for t in sentence.tokens_between(start, end) if t.is_word]
    at = _first_marker(words, markers)
    if at is None:
        return None
    marker = next(m for m in sorted(markers, key=len, reverse=True)
                  if _marker_at(words, at, [("", m)]) is not None)
    named = [m for m in mentions if id(m) in actor_of and start <= m.start < end
             and m.kind in kinds]
    if marker in after:
        following = words[at + len(marker):at + len(marker) + _SAYER_WORDS]
        if not following:
            return None
        near = [m for m in named if following[0].start <= m.start <= following[-1].start]
        return actor_of[id(near[0])] if near else None
    before = [t for t in words[:at]]
    window = before[-_SAYER_WORDS:]
    if not window:
        return None
    near = [m for m in named if window[0].start <= m.start and m.end <= words[at].start]
    return actor_of[id(near[-1])] if near else None


_SAYER_WORDS = 4  # «по мнению американских генералов», «министр обороны Роберт Макнамара»


def _across_sources(sentences: list[Sentence], text: str, source: str, language: Language,
                    analyser: Analyser, mentions: list[Mention], other_texts: dict[str, str],
                    ids: Ids, cited: Sequence[str]) -> Iterator[DisputeCandidate]:
    """The same name and period in two sources, told in different words.

    Names the texts use often (the two states of the story) say nothing of a
    particular point; a rarer name in sentences of the same year does.
    """
    ours = _dated_names(sentences, mentions, text, language)
    found = 0
    for other_source, other_text in sorted(other_texts.items()):
        if other_source == source:
            continue
        other_sentences = _sentences(other_text, analyser)
        other_mentions = analyser.mentions(other_text)
        theirs = _dated_names(other_sentences, other_mentions, other_text, language)
        common = sorted(set(ours) & set(theirs))
        for key in common:
            mine, other = ours[key][0], theirs[key][0]
            a = clause(mine[0], mine[1].start, mine[1].end)
            b = clause(other[0], other[1].start, other[1].end)
            positions = [Position(None, _prose(quote_of(text, *a)) or "", source,
                                  quote_of(text, *a)),
                         Position(None, _prose(quote_of(other_text, *b)) or "", other_source,
                                  quote_of(other_text, *b))]
            if any(not p.claim for p in positions) or _already_cited(positions[0].quote, cited):
                continue
            name, year = key
            yield DisputeCandidate(ids.new([name, year], prefix="sources"),
                                   positions, across_sources=True)
            found += 1
            if found >= CROSS_SOURCE_LIMIT:
                return


def _dated_names(sentences: list[Sentence], mentions: list[Mention], text: str,
                 language: Language) -> dict[tuple[str, str], list[tuple[Sentence, Mention]]]:
    """(name, year) → the sentences that name it in that year, for names used at most twice."""
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[lexicon.fold(mention.actor)] = counts.get(lexicon.fold(mention.actor), 0) + 1
    narrative = Narrative(latest_year(text) or 2000)
    found: dict[tuple[str, str], list[tuple[Sentence, Mention]]] = {}
    at = 0
    for sentence in sentences:
        dates = find_dates(sentence.text, language, narrative)
        narrative.advance(dates)
        year = narrative.year
        while at < len(mentions) and mentions[at].start < sentence.end:
            mention = mentions[at]
            at += 1
            if year is None or mention.start < sentence.start:
                continue
            name = lexicon.fold(mention.actor)
            if counts[name] <= 2:
                found.setdefault((name, str(year)), []).append((sentence, mention))
    return found
