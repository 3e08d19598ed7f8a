"""What a question bank offers a quiz, and which answers are right across the whole pack.

A wrong option must be wrong for the question as the whole pack sees it, and it must
look as likely as the right one:

* it is not the answer of any question asked the same way (same key, same folded
  text), nor linked to the question by the pack's causes (another effect of the
  cause, another cause of the effect, a step of the same chain: see
  :class:`~quizgen.truth.PackTruth`), nor, for "who took part", a part or a
  superset of the right actors, or one who speaks for them (a state's president), or an
  actor of an event the pack says led straight to it or from it;
* for dates, its span of time does not overlap the right one (``2024`` against
  ``2024-12`` would be both right), and the nearest dates come first;
* for "who is described", its actor's role does not say much the same as the one asked;
* it is never the prompt's own item, and either every option repeats a word or a
  name of the prompt or none does, so the prompt points to no option;
* among the wrong answers left, those nearest the question's topic (shared tags,
  the same actors, the same source) are offered first.

Only dates the sources give are asked (:func:`~quizgen.truth.date_is_asked`).
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import functools
import itertools
import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Optional, Sequence

from ..spans import date_span, overlap, span, years_span
from .. import rules
from ..question import Question, QuestionBank, QuestionKind
from ..dates import Found, Narrative, Partial, find_dates, latest_year, year_ranges
from ..i18n import LABELS, date_phrase, format_date
from ..model import ActorKind, PartialDate
from ..text import coarse_lemma_stems, coarse_stems, fold

K = QuestionKind
DISTRACTORS = 3
NEAREST_DATES = 5
# Words of a prompt that another task must repeat, beside the answer, to give it away; beside
# a date that could be the one asked, one word is enough («в июне 2025 года … облавы»), but
# for an event in a chronology, which shows no date, two: one date tells little of an order.
CUE_WORDS = 2
CUE_WORDS_BESIDE_A_DATE = 1
# Wrong answers looked at for each question, to choose the most plausible among them.
CANDIDATES = 60
# Siblings looked at to find them: in a pack whose answers are much alike, most are turned
# down, and looking at every one for every question would grow with the square of the pack.
SCANNED = 10 * CANDIDATES
# Kinds in bank order, by what a quiz does with them (the kinds know it: QuestionKind.choice, …).
CHOICE_KINDS = tuple(kind for kind in QuestionKind if kind.choice)
DATED_KINDS = tuple(kind for kind in QuestionKind if kind.dated)
# The kinds a printed quiz draws its questions from.
QUIZ_KINDS = frozenset(kind for kind in QuestionKind if kind.quizzed)

_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# A season or a month in an event's own words would refute a changed date by itself.
_SEASON = re.compile(
    r"\b(?:spring|summer|autumn|(?:the|in)\s+fall|winter|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|весн\w*|лет(?:о|а|ом|е|у)\b|летн\w*|"
    r"осен\w*|зим\w*|январ\w*|феврал\w*|"
    r"март(?:а|е|у|ом|овск\w*)?|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|"
    r"декабр\w*)\b", re.IGNORECASE)



def facts_of(q: Question) -> frozenset[str]:
    """What a question reveals; a quiz asks each fact at most once."""
    if q.kind is K.DATE_EVENT:
        return frozenset(f"event:{e}:date" for e in q.facts.answer_ids)
    if q.kind is K.EVENT_DATE:
        return frozenset({f"event:{q.item_id}:date"})
    if q.kind is K.EVENT_ACTORS:
        # The blank is an actor another task may ask for by its role; the quote may say
        # the year (as a cloze's sentence does).
        dated = q.date is not None and str(q.date.year) in q.prompt
        return frozenset({f"event:{q.item_id}:actors", *(f"actors:{a}" for a in q.facts.answer_ids)}
                         | ({f"event:{q.item_id}:date"} if dated else set()))
    if q.kind is K.EVENT_CLOZE:
        # The blank asks a fact of its own; the sentence around it names the event's
        # actors, and its date where it says the year.
        shown = q.cloze.before + q.cloze.after if q.cloze else ""
        dated = q.date is not None and str(q.date.year) in shown
        return frozenset({f"event:{q.item_id}:cloze", f"event:{q.item_id}:actors"}
                         | ({f"event:{q.item_id}:date"} if dated else set()))
    if q.kind is K.CLAIM_HOLDER:
        # Who holds one position of a dispute tells who holds the other: one per quiz.
        return frozenset({q.id, f"dispute:{q.item_id}"})
    return frozenset({f"{q.item_kind}:{q.item_id}"})


@dataclass(frozen=True, slots=True)
class Dated:
    """An event whose date a quiz may ask, with its title and the span its date may mean."""

    question: Question
    title: str
    span: tuple[int, int]

    def clashes(self, other: Dated) -> bool:
        """Whether the two dates could be the same moment, so neither order nor choice is sure."""
        return overlap(self.span, other.span)


# A phrase inside a group's name that says where or which its members are: the name is a
# description («… в Екатеринбурге», "… who credit the budget").
_PLACED = re.compile(r"\s(?:в|во|на|из|у|под|при|of|in|from|at|on|who|which|that|который|которые|"
                     r"которых|кто)\s", re.IGNORECASE)


class Pool:
    """What a bank offers each question type; worked out once, shared by all variants."""

    def __init__(self, bank: QuestionBank) -> None:
        self.language = bank.language
        self.truth = bank.truth
        # The years the sheet's title names («… (1933–1934)»): a date outside them stands out.
        self.title_years = next(iter(year_ranges(bank.title, bank.language)), None)
        self.title_stems = coarse_lemma_stems(bank.title)
        self.questions = bank.questions
        self.by_kind: dict[QuestionKind, list[Question]] = {kind: [] for kind in QuestionKind}
        for q in bank.questions:
            self.by_kind[q.kind].append(q)
        # An actor's role, to match with its name: an actor in many events has no role
        # card of its own, but its role-actor card holds the role.
        self.roles = {q.item_id: q._replace(kind=K.ACTOR_ROLE, answer=q.facts.role)
                      for q in self.by_kind[K.ROLE_ACTOR]}
        # Beside names, a role is shown without the office or kind that opens it (the
        # bank's ``facts.role``); the deck's card answers with the whole role.
        self.by_kind[K.ACTOR_ROLE] = [q._replace(answer=q.facts.role)
                                      for q in self.by_kind[K.ACTOR_ROLE]]
        self.roles.update({q.item_id: q for q in self.by_kind[K.ACTOR_ROLE]})
        self._folded: dict[str, str] = {}
        self._stems: dict[str, frozenset[str]] = {}
        self._told_cache: dict[str, frozenset[str]] = {}
        self._mentions: dict[str, frozenset[str]] = {}
        self._dates: dict[tuple[str, Optional[int]], list[tuple[int, int]]] = {}
        self._categories: dict[QuestionKind, dict[str, list[Question]]] = {}
        self._same_prompt: dict[QuestionKind, dict[str, list[Question]]] = {}
        self._nearest: dict[tuple[QuestionKind, str], _Nearest] = {}
        self._wrong: dict[str, list[Question]] = {}
        self._own: dict[str, frozenset[str]] = {}
        self._named: dict[tuple[str, QuestionKind, str], bool] = {}

    # --- text ------------------------------------------------------------------------

    def fold(self, text: str) -> str:
        """``text`` normalised for comparison; many texts repeat, so each is folded once."""
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = fold(text)
        return folded

    def words(self, text: str) -> frozenset[str]:
        """The stems of ``text``'s words and the actors it names: what two texts may share."""
        found = self._stems.get(text)
        if found is None:
            found = self._stems[text] = coarse_stems(text) | {
                f"actor:{a}" for a in self.mentions(text)}
        return found

    @functools.cached_property
    def _common_words(self) -> frozenset[str]:
        """Stems that say nothing of a fact: the tool's own templates, month names and the
        sources' names."""
        texts = [*LABELS[self.language].values(), *(t for _, t in self.sources),
                 *(format_date(PartialDate(2000, m), self.language) for m in range(1, 13)),
                 *(date_phrase(PartialDate(2000, m), self.language) for m in range(1, 13))]
        return frozenset().union(*map(coarse_stems, texts))

    def same_topic(self, a: str, b: str) -> str:
        """A word two titles share, not the sheet's title's nor an actor's name, where one
        of them says which stage it is, or "": two stages of one thing order themselves
        («Начало обмена», «Завершение обмена»; not "Battle of Ypres" beside "Battle of the
        Somme")."""
        if not (_STAGE.search(a) or _STAGE.search(b)):
            return ""
        shared = {w for w in self._told(a) & self._told(b)
                  if not w.startswith("actor:") and not w.isdigit()} - self.title_stems
        return min(shared, default="")

    def _told(self, text: str) -> frozenset[str]:
        """What ``text`` names, for cues: an actor it names counts once, as itself; the words
        of an actor's name it does not name («Карабах» of «Армяне Карабаха») count as words."""
        found = self._told_cache.get(text)
        if found is None:
            named = self.mentions(text)
            names = frozenset().union(*(coarse_lemma_stems(n) for a in named
                                        for n in self.truth.names[a]))
            found = self._told_cache[text] = (
                coarse_lemma_stems(text) - names - self._common_words) | {f"actor:{a}" for a in named}
        return found

    def cues(self, q: Question, text: str, beside_a_date: int = CUE_WORDS_BESIDE_A_DATE) -> bool:
        """Whether ``text``, shown elsewhere in a quiz, tells the answer of ``q``.

        It does when it names the answer (the actor asked for, a date that could be the
        one asked for, or the answer's words) beside at least two things the prompt
        names (words or actors; ``beside_a_date`` beside a date) that are not the tool's
        own wording: the same fact, told once more. A claim asked of its source is told
        by a text that names the source beside two of its words («Источник — блог…» before
        a role that repeats the claim).
        """
        if not self.names_answer(q, text):
            return False
        prompt = (q.prompt + " " + q.cloze.before + " " + q.cloze.after if q.cloze is not None
                  else q.prompt)
        about = self._told(prompt) - self._told(q.answer)
        told = self._told(text)
        if q.kind is K.EVENT_DATE:
            # Beside the date asked, a word of the same root is enough («учредивший 16 апреля»
            # beside «Учреждается звание…»): the date says which event it is.
            about, told = _roots(about), _roots(told)
        needed = beside_a_date if q.kind is K.EVENT_DATE else CUE_WORDS
        return sum(1 for w in about & told if not w.isdigit()) >= needed

    def names_answer(self, q: Question, text: str) -> bool:
        """Whether ``text`` names the answer of ``q``: the actor asked for (by any of its
        names), a date that could be the one asked, the answer's words, or the source asked
        for. A written answer named anywhere on a sheet is told: the student need only find
        it («The Court of Cassation annulled…» beside «The ___ quashed the verdict»)."""
        key = (q.id, q.kind, text)  # a role card's question stands for its role too
        found = self._named.get(key)
        if found is None:
            found = self._named[key] = bool(text) and self._names_answer(q, text)
        return found

    def _names_answer(self, q: Question, text: str) -> bool:
        if q.kind is K.CLAIM_HOLDER:
            said_by = q.facts.said_by
            source = dict(self.sources).get(said_by[0]) if len(said_by) == 1 else None
            return source is not None and _names_source(source, text)
        if q.kind is K.EVENT_DATE:
            # A day told without its year («в последних рейсах 13 апреля») is read in the
            # year of the event asked: the sheet's other dates are the pack's.
            return any(overlap(self.spans[q.id], found)
                       for found in self._dates_in(text, self._year_of(q)))
        if q.kind in (K.ROLE_ACTOR, K.EVENT_ACTORS):
            # most words of its name tell it too («Решение Совета труда и обороны о стройке»
            # for «Совет труда и обороны СССР»)
            actor = q.facts.answer_ids[0]
            own = self._own_words(q)
            return actor in self.mentions(text) or (
                len(own) > 1 and 2 * len(own & self.words(text)) > len(own))
        asked = q.cloze.hidden if q.cloze is not None else q.answer
        return self.fold(asked) in self.fold(text) or bool(
            self.mentions(asked) & self.mentions(text))  # «Вышнеградский», «Вышнеградского»

    def _own_words(self, q: Question) -> frozenset[str]:
        """The stems of the name ``q`` answers with that no other actor's name has: words a
        name shares with others tell it from nothing."""
        found = self._own.get(q.id)
        if found is None:
            actor = q.facts.answer_ids[0]
            found = self._own[q.id] = frozenset(
                s for s in coarse_stems(q.answer) if self._named_with.get(s, set()) <= {actor})
        return found

    @functools.cached_property
    def _named_with(self) -> dict[str, set[str]]:
        """For each stem, the actors a name of which has it."""
        found: dict[str, set[str]] = {}
        for actor, names in self.truth.names.items():
            for name in names:
                for stem in coarse_stems(name):
                    found.setdefault(stem, set()).add(actor)
        return found

    def _year_of(self, q: Question) -> int:
        return datetime.date.fromordinal(self.spans[q.id][0]).year

    def in_title_years(self, q: Question) -> Optional[bool]:
        """Whether the date a dated question is about falls in the years the sheet's title
        names; ``None`` where the title names none."""
        if self.title_years is None or q.id not in self.spans:
            return None
        first, last = self.title_years
        return first <= self._year_of(q) <= last

    def _dates_in(self, text: str, year: Optional[int] = None) -> list[tuple[int, int]]:
        """The spans of the dates ``text`` gives, a range of years («1921–1922») as one; with
        ``year``, a day or month told without one is read in it."""
        spans = self._dates.get((text, year))
        if spans is None:
            anchor = Found(0, 0, Partial(year), str(year)) if year is not None else None
            found = find_dates(text, self.language,
                               Narrative(latest_year(text) or year or 0, anchor))
            spans = self._dates[(text, year)] = [
                span(PartialDate(f.date.year, f.date.month, f.date.day), f.approximate)
                for f in found if not f.derived or year is not None] + [
                years_span(first, last) for first, last in year_ranges(text, self.language)]
        return spans

    def mentions(self, text: str) -> frozenset[str]:
        found = self._mentions.get(text)
        if found is None:
            found = self._mentions[text] = self.truth.mentions(text)
        return found

    @staticmethod
    def marks(q: Question) -> tuple[bool, bool]:
        """The marks of form an answer carries, for options to match: being one source's
        reading, being a date from outside the sources."""
        return q.facts.answer_reading is not None, q.facts.outside

    def echo(self, q: Question, option: str) -> int:
        """How many words and actors of what ``q`` asks an option repeats; the source a prompt
        is read from («Источник — блог «Сила и мощь России». ») is not what it asks."""
        return len(self.words(q.facts.asks) & self.words(option))

    # --- what the pack dates ---------------------------------------------------------

    def date_asked(self, q: Question) -> bool:
        """Whether the events a date question is about are dated by the sources."""
        if q.kind is K.DATE_EVENT:
            return all(e in self.truth.askable_dates for e in q.facts.answer_ids)
        return q.item_id in self.truth.askable_dates

    @functools.cached_property
    def spans(self) -> dict[str, tuple[int, int]]:
        """The days the date of each date question may mean, by question id."""
        spans = {}
        for q in itertools.chain.from_iterable(self.by_kind[kind] for kind in DATED_KINDS):
            assert q.date is not None
            spans[q.id] = span(q.date, self.approximate(q))
        return spans

    @functools.cached_property
    def dated(self) -> dict[str, Dated]:
        """Events the sources date, by id: what chronologies, matching and statements build on."""
        return {q.item_id: Dated(q, q.facts.title, self.spans[q.id])
                for q in self.by_kind[K.EVENT_DATE] if q.date and self.date_asked(q)}

    @functools.cached_property
    def events(self) -> list[Dated]:
        return list(self.dated.values())

    @functools.cached_property
    def events_dated_by_sources(self) -> list[Dated]:
        """:attr:`events` but those asked with a date from outside the sources: what
        chronologies, matchings and statements are made of."""
        found = []
        for d in self.events:
            q = d.question
            if q.item_id in self.truth.outside_dates:
                rules.reject(rules.OUTSIDE_DATE_UNMARKED, q.item_kind, q.item_id, q.id, "")
            else:
                found.append(d)
        return found

    # --- candidates of each type -----------------------------------------------------

    @functools.cached_property
    def choice_candidates(self) -> dict[QuestionKind, list[Question]]:
        """Questions asked as a choice, by kind; :meth:`distractors` tells which can be."""
        found: dict[QuestionKind, list[Question]] = {}
        for kind in CHOICE_KINDS:
            found[kind] = [q for q in self.by_kind[kind]
                           if (not kind.dated or self.date_asked(q)) and self._single(q)]
        return found

    @staticmethod
    def _single(q: Question) -> bool:
        """Whether the answer is one thing: several events, or a numbered list of effects,
        would stand out among single answers."""
        if q.facts.listed:
            rules.reject(rules.LIST_NOT_A_CHOICE, q.item_kind, q.item_id, q.id,
                         str(len(q.facts.answer_ids)))
        return not q.facts.listed

    @functools.cached_property
    def statements(self) -> list[Question]:
        """Date questions of events that can be stated with their date, or a near date not theirs.

        A title that names a year of its own would contradict a changed date, an
        approximate date ("около 2025 г.") is neither surely true nor surely false, and
        neither is a date that a quote of the event also counts from another one
        («спустя два года после…»): a student may count it differently. (An event that went
        on for years has no date question: ``date-not-settled``.)
        """
        return [d.question for d in self.events_dated_by_sources if self._statable(d)]

    def _statable(self, d: Dated) -> bool:
        q = d.question
        why = ("the title names a year" if _YEAR.search(d.title) else
               "its title names a season or month" if _SEASON.search(d.title) else
               "the date is approximate" if self.approximate(q) else
               "a quote counts it from another date" if q.item_id in self.truth.counted_dates
               else "")
        if why:
            rules.reject(rules.STATEMENT_ARGUABLE, q.item_kind, q.item_id, q.id, why)
        return not why

    def approximate(self, q: Question) -> bool:
        """Whether a date question's date is approximate; a period asked for is exact."""
        assert q.date is not None
        return q.kind is K.EVENT_DATE and q.item_id in self.truth.approximate_dates

    @functools.cached_property
    def named_roles(self) -> list[Question]:
        """Questions for an actor's name whose role is asked too, and does not name the actor."""
        return [q for q in self.by_kind[K.ROLE_ACTOR] if q.item_id in self.roles
                and q.item_id not in self.mentions(self.roles[q.item_id].answer)]

    @functools.cached_property
    def named_roles_by_kind(self) -> dict[str, list[Question]]:
        """:attr:`named_roles` by the kind of their actor (person, state, …) and the form of
        its name (number, and in Russian gender): roles shown without their opening agree
        with their names («Тот, в кассах которого…», «Те, где…», "those who…"), so a grid of
        mixed forms would match by grammar."""
        found: dict[str, list[Question]] = {}
        for q in self.named_roles:
            found.setdefault(q.category, []).append(q)
        return found

    @functools.cached_property
    def short_answer_candidates(self) -> list[Question]:
        """Blanks to fill in and names to give, where nothing around them gives them away."""
        clozes = [q for q in self.by_kind[K.EVENT_CLOZE] if q.cloze is not None]
        return [q for q in clozes + self.by_kind[K.ROLE_ACTOR] if self._writable(q)]

    def _writable(self, q: Question) -> bool:
        """Whether a student can write the answer in: nothing gives it away, and it has a name."""
        rule = (rules.GIVES_ITSELF_AWAY if self.gives_itself_away(q) else
                rules.LOOSELY_NAMED if self._loosely_named(q) else None)
        if rule is not None:
            rules.reject(rule, q.item_kind, q.item_id, q.id)
        return rule is None

    def _loosely_named(self, q: Question) -> bool:
        """Whether the answer is a group known by no other name, or by descriptions only that
        say where or which its members are («Многие в Баку»; «Азербайджанская диаспора в
        Екатеринбурге», «этнические азербайджанцы в Екатеринбурге»): a student may put it in
        words of their own («азербайджанцы Екатеринбурга»), each as right."""
        actors = q.facts.answer_ids if q.kind is K.ROLE_ACTOR else self.mentions(
            q.cloze.hidden if q.cloze is not None else q.answer)
        truth = self.truth
        return any(truth.kinds.get(a) == ActorKind.GROUP.value and (
            len(truth.accepted(a)) < 2 or all(_PLACED.search(n) for n in truth.names[a]))
            for a in actors)

    def gives_itself_away(self, q: Question) -> bool:
        """Whether the answer, or another name of it, is named around the blank or in the prompt."""
        if q.cloze is not None:
            around, answer = q.prompt + " " + q.cloze.before + " " + q.cloze.after, q.cloze.hidden
        else:
            around, answer = q.prompt, q.answer
        return self.fold(answer) in self.fold(around) or bool(
            self.mentions(answer) & self.mentions(around))

    @functools.cached_property
    def attributions(self) -> list[Question]:
        """Claims held in one article, and said by no position in another article, of
        disputes that more than one article takes a side in: where one article alone speaks
        to a question, it is the only option on the topic. A claim of a named holder only
        where the quiz can say whose it is."""
        claims = self.by_kind[K.CLAIM_HOLDER]
        folded = [self.fold(q.facts.claim) for q in claims]
        articles: dict[str, set[tuple[str, ...]]] = {}
        sides: dict[str, set[str]] = {}
        for q, text in zip(claims, folded):
            articles.setdefault(text, set()).add(q.facts.said_by)
            sides.setdefault(q.item_id, set()).update(q.facts.said_by)
        return [q for q, text in zip(claims, folded)
                if len(q.facts.said_by) == 1 and len(articles[text]) == 1
                and len(sides[q.item_id]) > 1 and self._holder_shown(q)]

    def _holder_shown(self, q: Question) -> bool:
        """Whether a claim asked of its source is the source's own, or the quiz can say whose
        it is (:data:`rules.HELD_UNSHOWN`)."""
        if q.facts.holder is None or q.facts.held:
            return True
        rules.reject(rules.HELD_UNSHOWN, q.item_kind, q.item_id, q.id,
                     self.truth.names.get(q.facts.holder, (q.facts.holder,))[0])
        return False

    @functools.cached_property
    def sources(self) -> list[tuple[str, str]]:
        titles: dict[str, str] = {}
        for q in self.questions:
            for ref in q.sources:
                titles.setdefault(ref.source_id, ref.title)
        return sorted(titles.items())

    # --- right and wrong answers -----------------------------------------------------

    def siblings(self, q: Question) -> list[Question]:
        """The questions of ``q``'s kind and category, ``q`` among them."""
        categories = self._categories.get(q.kind)
        if categories is None:
            categories = self._categories[q.kind] = {}
            for s in self.by_kind[q.kind]:
                categories.setdefault(s.category, []).append(s)
        return categories[q.category]

    def right_answers(self, q: Question) -> tuple[set[tuple[str, ...]], set[str]]:
        """Keys and normalised texts of every answer right for ``q``'s prompt."""
        index = self._same_prompt.get(q.kind)
        if index is None:
            index = self._same_prompt[q.kind] = {}
            for r in self.by_kind[q.kind]:
                index.setdefault(self.fold(r.prompt), []).append(r)
        same = index[self.fold(q.prompt)]
        return {r.facts.key for r in same}, {self.fold(r.answer) for r in same}

    def wrong_answers(self, q: Question) -> list[Question]:
        """Up to :data:`CANDIDATES` siblings whose answers are wrong for ``q`` across the pack.

        Dates come nearest first; other kinds in bank order, to be ranked by topic. Only the
        first :data:`SCANNED` siblings are looked at.
        """
        found = self._wrong.get(q.id)
        if found is None:
            limit = NEAREST_DATES if q.kind.dated else CANDIDATES
            found = self._wrong[q.id] = list(itertools.islice(self._wrong_answers(q), limit))
        return found

    def _wrong_answers(self, q: Question) -> Iterator[Question]:
        right_keys, right_texts = self.right_answers(q)
        keys, texts = set(right_keys), set(right_texts)  # and the options found so far
        own = self._own_item(q)
        for s in itertools.islice(self._siblings(q), SCANNED):
            text = self.fold(s.answer)
            if s.id == q.id or s.facts.listed:
                continue
            if (s.facts.key in keys or text in texts) and not (
                    s.facts.key in right_keys or text in right_texts) or (
                    s.facts.key == q.facts.key or text == self.fold(q.answer)):
                continue  # an option found already, or the right answer itself
            why = ("the same prompt has it as its answer"
                   if s.facts.key in right_keys or text in right_texts
                   else self._right_by_the_pack(q, s))
            rule = (rules.RIGHT_ELSEWHERE if why else
                    rules.OWN_ITEM if self._is_item_of(own, s.answer) else
                    rules.PARAPHRASE if not q.kind.dated and self._says_the_same(q.answer, s.answer)
                    else rules.DESCRIBED_ALIKE if q.kind is K.ROLE_ACTOR
                    and self._described_alike(q, s) else
                    rules.KIND_TOLD if q.kind is K.ROLE_ACTOR and self._kind_told(q, s) else
                    rules.DATED_OUT if q.kind.causal and self._dated_out(q, s) else None)
            if rule is not None:
                rules.reject(rule, q.item_kind, q.item_id, f"{q.id} option «{s.answer}»",
                         q.facts.kind if rule is rules.KIND_TOLD else why)
                continue
            keys.add(s.facts.key)
            texts.add(text)
            yield s

    def _dated_out(self, q: Question, s: Question) -> bool:
        """Whether dates alone rule out ``s``'s answer for ``q``: a cause from a year after the
        effect asked of, an effect from a year before the cause."""
        years = self.truth.event_years
        given, offered = self.truth.links.get(link_of(q)), self.truth.links.get(link_of(s))
        if given is None or offered is None:
            return False
        if q.kind is K.EFFECT_CAUSE:
            effect, cause = years.get(given[1]), years.get(offered[0])
            return effect is not None and cause is not None and cause > effect
        cause, effect = years.get(given[0]), years.get(offered[1])
        return effect is not None and cause is not None and effect < cause

    def _own_item(self, q: Question) -> str:
        """What the prompt asks about, as text: a cause, an effect, an event's title."""
        if q.kind.causal and link_of(q) in self.truth.links:
            return q.prompt
        return ""

    def _is_item_of(self, own: str, option: str) -> bool:
        """Whether an option is the prompt's own item, or near enough a copy of it."""
        if not own:
            return False
        folded = self.fold(option).rstrip(" .")
        if folded and folded in self.fold(own):
            return True
        mine, theirs = coarse_stems(own), coarse_stems(option)
        return bool(theirs) and len(mine & theirs) * 2 > len(theirs)

    def _says_the_same(self, right: str, wrong: str) -> bool:
        """Whether a wrong answer shares half its words with the right one: a paraphrase.

        "дальнейшее ослабление влияния России в регионе" beside "ослабление влияния
        России на Южном Кавказе" is as defensible as the answer it imitates; names count
        as the actors they name (Москва, России).
        """
        mine, theirs = self.words(right), self.words(wrong)
        return bool(mine and theirs) and 2 * len(mine & theirs) >= min(len(mine), len(theirs))

    def _kind_told(self, q: Question, s: Question) -> bool:
        """Whether ``q``'s role is shown with what its opening says the actor is and ``s``'s
        role does not open with the same words: the kind tells ``s`` from the answer."""
        shown = q.facts.kind
        return bool(shown) and q.facts.role.startswith(shown) and not (
            coarse_stems(shown) <= coarse_stems(s.facts.kind))

    def _described_alike(self, q: Question, s: Question) -> bool:
        """Whether two actors' roles say much the same, so either fits the one described.

        "The world body Moscow did not ask for a mandate" fits the OSCE as well as the UN.
        """
        mine, theirs = self.roles.get(q.item_id), self.roles.get(s.item_id)
        return (mine is not None and theirs is not None
                and self._says_the_same(mine.answer, theirs.answer))

    def _right_by_the_pack(self, q: Question, s: Question) -> str:
        """Why ``s``'s answer is right for ``q`` too by what else the pack records, or ""."""
        if q.kind is K.EVENT_ACTORS:
            # Any actor of the event, asked or named in its title, would make it half right.
            # So would one who speaks for an actor of it (a state's president), or the other
            # way, or an actor of an event that led straight to it or from it.
            took_part = self.truth.had_a_hand_in(q.item_id) | set(q.facts.answer_ids)
            speaks_for = self.truth.speaks_for
            took_part |= {o for a in took_part for o in speaks_for.get(a, ())}
            if not took_part.isdisjoint(s.facts.answer_ids):
                return ("it names an actor of the event, of an event next to it in a chain of "
                        "causes, or one who speaks for one")
            # The pack's list of an event's actors is only as full as its author made it: one
            # its own words name, or one busy in the same year elsewhere, may have been there.
            around = self.mentions(" ".join([q.explanation, *(r.quote for r in q.sources)]))
            if not (around | self.truth.active_in_year(q.item_id)).isdisjoint(
                    s.facts.answer_ids):
                return ("it names an actor the event's own words name, or one of another "
                        "event of the same year")
            return ""
        if q.kind.causal:
            links = self.truth.links
            own, other = link_of(q), link_of(s)
            if own not in links or other not in links:
                return ""
            cause, effect = links[own]
            offered = links[other][1 if q.kind is K.CAUSE_EFFECT else 0]
            if self.truth.linked(cause, offered) or self.truth.linked(effect, offered):
                return "the pack's causes link it to the prompt's cause or effect"
        return ""

    def _siblings(self, q: Question) -> Iterable[Question]:
        """Questions whose answers may stand in for ``q``'s: for dates, nearest first."""
        if not q.kind.dated:
            return self.siblings(q)
        own = self.spans[q.id]
        # A date the event's own story tells (when the blockade ended) is half right too.
        told = [own, *self._story_dates(q)] if q.kind is K.EVENT_DATE else [own]
        return (s for s in self._nearest_to(q).outward_from(sum(own))
                if s.id != q.id and not s.facts.listed and self._date_apart(q, s, told)
                and self.date_asked(s))

    def _date_apart(self, q: Question, s: Question, told: list[tuple[int, int]]) -> bool:
        """Whether ``s``'s date can be no date ``q``'s event has (its own, or one its story tells)."""
        if not any(overlap(t, self.spans[s.id]) for t in told):
            return True
        rules.reject(rules.DATE_MAY_BE_RIGHT, q.item_kind, q.item_id, f"{q.id} option «{s.answer}»",
                     "the dates overlap" if overlap(told[0], self.spans[s.id])
                     else "the event's own story tells this date")
        return False

    def _nearest_to(self, q: Question) -> _Nearest:
        found = self._nearest.get((q.kind, q.category))
        if found is None:
            found = self._nearest[(q.kind, q.category)] = _Nearest(self.siblings(q), self.spans)
        return found

    def topic(self, q: Question) -> frozenset[str]:
        """The tags of ``q`` that say what it is about."""
        return frozenset(t for t in q.tags if not t.startswith("quizgen::"))

    def closeness(self, q: Question, s: Question) -> int:
        """How near ``s``'s answer is to ``q``'s topic: shared tags, actors, sources."""
        shared = len(self.topic(q) & self.topic(s))
        actors = len(self.mentions(q.prompt + " " + q.answer) & self.mentions(s.answer))
        sources = bool({r.source_id for r in q.sources} & {r.source_id for r in s.sources})
        return 2 * shared + actors + int(sources)

    def other_dates(self, q: Question) -> list[Dated]:
        """Event dates nearest to the date of ``q``'s event that cannot be its date, nor a
        date its own story tells (the blockade «ended in September 2023»: a student who
        knows it may take that for the blockade's date)."""
        own = self.dated[q.item_id]
        text = self.fold(q.answer)
        nearest = self._nearest_to(own.question).outward_from(sum(own.span))
        dated = (self.dated[s.item_id] for s in nearest if s.item_id in self.dated)
        return list(itertools.islice(
            (d for d in dated if not self.confusable(d, own)
             and self.fold(d.question.answer) != text), NEAREST_DATES))

    def moved_years(self, q: Question) -> list[PartialDate]:
        """``q``'s date, month and day kept, in the years of the events the pack dates before
        it, nearest first: what a false statement may say instead of the truth.

        A title can tie an event to its time of year by what everyone knows (a holiday, a
        season, a yearly session): "the Victory Day parade … in January" is false on its face.
        The year is what the pack teaches. None is a date the event's own story tells.
        """
        date = q.date
        assert date is not None
        if date.month is None:
            return []
        own = self.dated[q.item_id]
        years = sorted({self._year_of(d.question) for d in self.events
                        if d.span[1] < own.span[0] and not self.approximate(d.question)
                        and not self.confusable(d, own)}, reverse=True)
        story = self._story_dates(q)
        moved: list[PartialDate] = []
        for year in years:
            if year >= date.year or (date.day is not None
                                     and date.day > calendar.monthrange(year, date.month)[1]):
                continue
            candidate = PartialDate(year, date.month, date.day)
            if not any(overlap(date_span(candidate), found) for found in story):
                moved.append(candidate)
        return moved

    def confusable(self, a: Dated, b: Dated) -> bool:
        """Whether one event's date could be taken for the other's: they may be the same,
        or the story of one tells the date of the other."""
        return a.clashes(b) or any(overlap(a.span, found) for found in self._story_dates(b.question)) or any(
            overlap(b.span, found) for found in self._story_dates(a.question))

    def _story_dates(self, q: Question) -> list[tuple[int, int]]:
        """The dates an event's summary, date note and quotes tell, by its date question."""
        return [found for story in (q.explanation, *(ref.quote for ref in q.sources))
                for found in self._dates_in(story)]


class _Nearest:
    """Dated questions ordered by the middle of their span, to walk outward from any date.

    The walk yields them by distance, ties in bank order: exactly the order of a
    stable sort of all of them by distance, without sorting for every question.
    """

    def __init__(self, questions: Sequence[Question], spans: Mapping[str, tuple[int, int]]) -> None:
        # Twice the middle of a span: a whole number, so equal distances compare equal.
        self.groups: dict[int, list[Question]] = {}
        for q in questions:
            self.groups.setdefault(sum(spans[q.id]), []).append(q)
        self.middles = sorted(self.groups)
        self.rank = {q.id: index for index, q in enumerate(questions)}

    def outward_from(self, middle: int) -> Iterator[Question]:
        """The questions, nearest first to ``middle`` (twice the middle of a span)."""
        right = bisect.bisect_left(self.middles, middle)
        left = right - 1
        while left >= 0 or right < len(self.middles):
            to_left = middle - self.middles[left] if left >= 0 else None
            to_right = self.middles[right] - middle if right < len(self.middles) else None
            if to_right is None or (to_left is not None and to_left < to_right):
                yield from self.groups[self.middles[left]]
                left -= 1
            elif to_left is None or to_right < to_left:
                yield from self.groups[self.middles[right]]
                right += 1
            else:
                tied = self.groups[self.middles[left]] + self.groups[self.middles[right]]
                yield from sorted(tied, key=lambda q: self.rank[q.id])
                left -= 1
                right += 1




def link_of(q: Question) -> str:
    """The cause item a cause-and-effect question asks about: its answer's member."""
    return q.facts.answer_ids[0]


def _claim_sources(pool: Pool) -> dict[str, set[str]]:
    """The sources that hold each claim, by its folded text: a position may cite several,
    and two positions may hold the same claim."""
    held: dict[str, set[str]] = {}
    for q in pool.by_kind[K.CLAIM_HOLDER]:
        held.setdefault(pool.fold(q.facts.claim), set()).update(q.facts.said_by)
    return held


def held_by_both(pool: Pool, q: Question) -> bool:
    """Whether every source of a pack of two holds the claim ``q`` asks about."""
    ids = {sid for sid, _ in pool.sources}
    return len(ids) == 2 and _claim_sources(pool).get(pool.fold(q.facts.claim), set()) >= ids


def _names_source(label: str, text: str) -> bool:
    """Whether ``text`` names the source of this label, in any form: the label as written,
    the word that says what it is («по блогу» for «блог «Сила и мощь России»»), or every word
    of its title («по «Новому этапу»»)."""
    if fold(label.strip("«»“”\"")) in fold(text):
        return True
    head, _, title = label.partition("«")
    words = coarse_lemma_stems(head) if head.strip() else coarse_lemma_stems(title)
    return bool(words) and words <= coarse_lemma_stems(text)


def both_sources_candidates(pool: Pool) -> list[Question]:
    """Claims both sources of a pack of two hold, one question each: asked "which source
    says this?", their answer is "both"."""
    seen: set[str] = set()
    found = []
    for q in pool.by_kind[K.CLAIM_HOLDER]:
        text = pool.fold(q.facts.claim)
        if text not in seen and held_by_both(pool, q):
            seen.add(text)
            found.append(q)
    return found


# A word that tells a stage of something: its start, end, first or last time, bringing in or
# doing away.
_STAGE = re.compile(
    r"\b(?:начал\w*|начина\w*|конец|конц\w*|оконч\w*|заверш\w*|перв\w*|последн\w*|втор\w*|"
    r"введ\w*|ввод\w*|отмен\w*|возобнов\w*|прекращ\w*|start\w*|begin\w*|began|end|ends|"
    r"ended|ending|first|last|final\w*|second|resum\w*|renew\w*|introduc\w*|abolish\w*|"
    r"repeal\w*|lifted)\b", re.IGNORECASE)


def _roots(told: frozenset[str]) -> frozenset[str]:
    """Stems cut to four letters (actors as they are): «учред» of «учредивший» and «учреж» of
    «учреждается» are one root."""
    return frozenset(w if w.startswith("actor:") or w.isdigit() else w[:4] for w in told)
