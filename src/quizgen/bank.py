"""The question bank: every question a pack yields, independent of any output format.

Pure functions of a validated :class:`~quizgen.model.Pack`; no I/O. Both the Anki
deck and the printed quizzes draw from this bank, so a fact is asked the same
way everywhere.

Each question has one defensible answer judged against the whole pack:

- what the pack says of several things is asked of all of them at once — the
  effects of one cause, the causes of one effect, the events of one period, the
  positions of one holder — in one question that names how many there are, or,
  where the list would exceed :data:`MAX_ANSWER_WORDS`, one question per member
  that names the others;
- nothing is asked that the question shows: who took part in an event is asked only
  of the actors its title does not name, and a cloze hides a number, a quoted name
  or a place that the rest of the text does not repeat;
- a date is asked only where the sources give it (``date_source`` other than
  ``outside``) or where ``ask_date`` says otherwise (:func:`~quizgen.truth.date_is_asked`),
  and a period only where every event the pack places in it is asked.

A question's id is built from the pack id, an item id and the question kind — never
from wording or a date — so correcting text or a date keeps its identity. A
question about several items takes the id of the first of them.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

from . import collector, rules
from .answers import accepted
from .blanks import another_filler, figure_relation, one_of_a_unit
from .grammar import (Corpus, NameForm, count_phrase, is_description, is_first_name, is_noun,
                      is_proper_word,
                      name_form, past_verb_genders, pick, place_acts, pronoun_for, role_head,
                      sentence)
from .i18n import date_phrase, format_date, label, quoted
from .model import (Actor, ActorKind, Cause, Citation, DateSource, Dispute, Event, Language, Pack,
                    PartialDate, Position)
from .quotes import folded_core
from .question import (Cloze, Facts, Origin, Question, QuestionBank, QuestionKind, SourceRef)
from .spans import (date_span, event_span, narrow_first, overlap, period_date, period_key, within,
                    years_span)
from .text import (ActorNames, actor_spans, coarse_lemma_stems, coarse_stems, description, fold,
                   named_by_derived_word, named_but_for_kind, names_actor, names_by_kind,
                   mostly_in, names_by_role, role_opening, shares_stem, word_count)
from .truth import PackTruth, date_is_asked, pack_truth

# An answer a learner can produce from memory (the minimum information principle).
MAX_ANSWER_WORDS = 25
# Events an actor card's back lists, at most.
MAX_LISTED_EVENTS = 3
# An actor in more events than this plays many parts: "what part does it play?" has
# no single answer, so only its role is asked for its name.
MAX_ROLE_EVENTS = 2


def build_bank(pack: Pack) -> QuestionBank:
    """Every question of a pack, sorted for study."""
    with collector.paused():
        truth = pack_truth(pack)
        builder = _Builder(pack, truth)
        questions = sorted(builder.all(), key=Question.sort_key)
    sources = tuple((builder.source_label(s.id), s.title) for s in pack.info.sources)
    return QuestionBank(pack.id, pack.info.title, pack.info.language, tuple(questions), truth,
                        sources)


# What goes into ids and tags for each kind, spelled out once rather than per question.
_KIND_VALUES = {kind: kind.value for kind in QuestionKind}
_KIND_TAGS = {kind: f"quizgen::kind::{kind.value}" for kind in QuestionKind}


@dataclass(frozen=True)
class _Basis:
    """What the questions about one item share: its sources, its date and its tags.

    ``tags`` lacks only the tag of each question's kind. An item yields several
    questions, so this is worked out once per item rather than once per question.
    """

    refs: tuple[SourceRef, ...]
    date: Optional[PartialDate]
    tags: tuple[str, ...]  # sorted


@dataclass(frozen=True)
class _ActorBlank:
    """Who took part, asked as a blank: the actor, the text with its names left blank, and
    where in the event the text stands."""

    actor: str
    text: str
    path: tuple[Union[str, int], ...]


def _word_before(text: str) -> str:
    """The last word of ``text``, where it ends with one («король» of «…польский король »)."""
    found = _LAST_WORD.search(text)
    return found.group(1) if found is not None else ""


_LAST_WORD = re.compile(r"(\w+)\s*$")


def _blanked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with each span written as a blank."""
    parts, at = [], 0
    for start, end in spans:
        parts += [text[at:start], BLANK]
        at = end
    return "".join([*parts, text[at:]])


# A year a date note names («…относят к 989 году»), and how near the event's own it must be to
# be another dating of it rather than another event.
_A_YEAR = re.compile(r"(?<![\d.,])\b(\d{3,4})\b(?![\d.,]\d)")
_NEAR_YEARS = 3
# Words with which a date note gives another dating, or a span: «или», «относят к», «раньше»,
# "or", "ran through".
_ANOTHER_DATING = re.compile(
    r"\b(?:или|либо|относ\w*|датиру\w*|раньше|позже|позднее|спорн\w*|длил\w*|продолжал\w*|"
    r"or|earlier|later|disputed|uncertain|others?\s+date|dates?\s+it|ran|lasted|through|until)\b",
    re.IGNORECASE)
_OTHER = re.compile(r"(?:other|others|другие|иные|остальные)\b", re.IGNORECASE)
# A question answered yes or no: «Было ли…», «…ли…», "Was it…", "Could the government…".
_YES_OR_NO = re.compile(r"\bли\b|^(?:is|was|were|are|did|do|does|could|can|should|would|will|"
                        r"has|have|had)\b", re.IGNORECASE)
# An English group named by what its members are: a people's word, then a plural noun
# ("Irish landlords", "Small tenants").
_EN_PEOPLE = re.compile(r"(?:[A-Z]\w+ )?[a-z]+(?: [a-z]+)*s|[A-Z][a-z]+ [a-z]+s")

# What stands for a name left out of a sentence the prompt shows.
BLANK = "___"


@dataclass(frozen=True)
class _Member:
    """One of several answers to a question about a set: its text, where it is written."""

    text: str
    item_id: str
    at: Origin
    reading: Optional[str]
    citations: tuple[Citation, ...]
    tags: tuple[str, ...]


class _Builder:
    def __init__(self, pack: Pack, truth: PackTruth) -> None:
        self.pack = pack
        self.truth = truth
        self.lang: Language = pack.info.language
        self.first_seen = _first_event_dates(pack)
        self.lasted = truth.lasted
        self.event_counts = _event_counts(pack)
        self.events_of = _events_by_actor(pack)
        self.pack_id = pack.id
        self.pack_tag = f"quizgen::{pack.id}"
        # A citation often backs several questions (an event's, and its date's): one
        # SourceRef serves them all.
        self.refs: dict[tuple[str, str], SourceRef] = {}
        # A cloze that hides a source's name asks about the sources, not the event; one that
        # hides a word of the pack's title is given away by the deck's name.
        self.shown_names = (*(name.strip("«»“”\"") for s in pack.info.sources
                              for name in (s.title, s.label or "") if name), pack.info.title)
        self.corpus = Corpus(_corpus(pack), [actor.name for actor in pack.actors])
        self.forms: dict[str, NameForm] = {}
        self.actor_names = ActorNames(pack.actors)
        # The actors the pack's title or a source's names: never a blank, the deck tells them.
        self.titled = frozenset(a.id for a in self.actor_names.named_in(" ".join(self.shown_names)))
        self.skips: dict[tuple[str, str], dict[str, str]] = {
            (kind, item.id): item.skip for kind, items in pack.items_by_kind()
            for item in items if item.skip}

    def form(self, actor: Actor) -> NameForm:
        found = self.forms.get(actor.id)
        if found is None:
            found = self.forms[actor.id] = name_form(actor, self.lang, self.corpus)
        return found

    def all(self) -> Iterator[Question]:
        """Every question of the pack but those an item's ``skip:`` turns off."""
        for question in self._generated():
            reason = self._skipped(question)
            if reason is None:
                yield question
            else:
                rules.reject(rules.SKIPPED_BY_AUTHOR, question.item_kind, question.item_id,
                             question.id, reason)

    def _generated(self) -> Iterator[Question]:
        yield from self._date_events()
        for event in self.pack.events:
            yield from self._event(event)
        for actor in self.pack.actors:
            yield from self._actor(actor)
        yield from self._causes()
        for dispute in self.pack.disputes:
            yield from self._dispute(dispute)

    def _skipped(self, q: Question) -> Optional[str]:
        """The author's reason for not asking ``q``, or ``None``.

        A question about several items (what happened in a period, the effects of a cause
        told by several links) is turned off by any of them: asked without one, its answer
        would be incomplete.
        """
        kind = q.kind.value
        if q.kind is QuestionKind.DATE_EVENT or q.kind.causal:
            items = [self.skips.get((q.item_kind, i), {}) for i in (q.item_id, *q.facts.answer_ids)]
        else:
            items = [self.skips.get((q.item_kind, q.item_id), {})]
        return next((skip[kind] for skip in items if kind in skip), None)

    # --- shared -------------------------------------------------------------------

    def _label(self, key: str, **values: str) -> str:
        return label(self.lang, key, **values)

    def _basis(self, citations: Iterable[Citation], date: Optional[PartialDate],
               item_tags: Iterable[str]) -> _Basis:
        refs = tuple(dict.fromkeys(self._ref(c) for c in citations))
        tags = {self.pack_tag, *item_tags, *[f"quizgen::source::{r.source_id}" for r in refs]}
        if date is not None:
            tags.add(f"quizgen::year::{date.year}")
        return _Basis(refs, date, tuple(sorted(tags)))

    def _ref(self, citation: Citation) -> SourceRef:
        key = (citation.source, citation.quote)
        ref = self.refs.get(key)
        if ref is None:
            ref = self.refs[key] = SourceRef(key[0], self.source_label(key[0]), key[1],
                                             self.pack.source(key[0]).description or "")
        return ref

    def source_label(self, source_id: str) -> str:
        """A source as cards name it: its ``label``, or its title in quotation marks."""
        source = self.pack.source(source_id)
        return source.label or self._label("answer.title", title=source.title)

    def _question(self, kind: QuestionKind, item_kind: str, item_id: str, basis: _Basis, *,
                  prompt: str, answer: str, explanation: str, facts: Facts, category: str,
                  asked_at: Origin, answered_at: Origin, suffix: str = "",
                  cloze: Optional[Cloze] = None, reading: Optional[str] = None,
                  identity: Optional[str] = None) -> Question:
        """A question whose id is ``pack:item:kind`` (``identity`` standing for the item).

        ``reading`` is the source whose reading the prompt asks: the prompt opens with it.
        """
        qid = f"{self.pack_id}:{identity or item_id}:{_KIND_VALUES[kind]}{suffix}"
        tags = _with_tag(basis.tags, _KIND_TAGS[kind])
        facts = replace(facts, reading=reading, asks=prompt)
        return Question(qid, kind, item_kind, item_id, self._reading(reading) + prompt, answer,
                        explanation, basis.refs, tags, basis.date, category, facts, cloze,
                        asked_at, answered_at)

    def _accepted_names(self, actor_id: str) -> tuple[str, ...]:
        """The other ways to write an actor's name as an answer."""
        return accepted(self.pack.actor(actor_id).name, self.truth.accepted(actor_id), self.lang)

    def _accepted_in_blank(self, hidden: str) -> tuple[str, ...]:
        """The other ways to fill a blank: where it hides an actor's name (all of it a name of
        the actor: not «Darwin's bulldog», nor «Комсомольска-на-Амуре» for «комсомол»), its
        other names in the case the blank shows; a number written another way."""
        words = coarse_stems(hidden)
        names = [n for a in sorted(self.truth.mentions(hidden))
                 if any(words <= coarse_stems(name) for name in self.truth.accepted(a))
                 for n in self.truth.accepted(a)]
        return accepted(hidden, names, self.lang)

    def _reading(self, source_id: Optional[str]) -> str:
        """«Источник — «Новый этап». » before a prompt whose fact is one source's reading."""
        if source_id is None:
            return ""
        return self._label("prompt.reading", source=self.source_label(source_id))

    # --- events -------------------------------------------------------------------

    def _date_asked(self, event: Event) -> bool:
        return date_is_asked(event)

    def _when(self, event: Event) -> str:
        assert event.date is not None
        when = format_date(event.date, self.lang, event.approximate)
        if event.date_source is DateSource.OUTSIDE:
            when = f"{when} {self._label('label.outside-date')}"
        return when

    def _event_explanation(self, event: Event) -> str:
        if event.date_note:
            return f"{event.summary} {self._label('label.date-note')}: {event.date_note}"
        if event.date is not None and event.date_source is DateSource.OUTSIDE:
            return f"{event.summary} {self._when(event)}"
        return event.summary

    def _event(self, event: Event) -> Iterator[Question]:
        basis = self._basis(event.sources, event.date, event.tags)
        explanation = self._event_explanation(event)
        title_at: Origin = ("events", event.id, ("title",))
        if event.date is not None and not self._date_asked(event):
            rules.reject(rules.DATE_NOT_ASKED, "events", event.id, QuestionKind.EVENT_DATE.value,
                         "ask_date is false" if event.ask_date is False
                         else "the date is from outside the sources")
        elif event.date is not None and (named := _date_named(event)):
            rules.reject(rules.DATE_IN_TITLE, "events", event.id, QuestionKind.EVENT_DATE.value,
                         named)
        elif event.date is not None and (unsettled := self._unsettled(event)):
            rules.reject(rules.DATE_NOT_SETTLED, "events", event.id,
                         QuestionKind.EVENT_DATE.value, unsettled)
        elif self._date_asked(event):
            assert event.date is not None
            yield self._question(
                QuestionKind.EVENT_DATE, "events", event.id, basis,
                prompt=self._label("prompt.event-date", title=event.title),
                answer=self._when(event), explanation=explanation,
                facts=Facts(answer_date=event.date, title=event.title,
                            outside=event.date_source is DateSource.OUTSIDE,
                            approximate=event.approximate),
                category="date", asked_at=title_at, answered_at=("events", event.id, ("date",)))
        blank = self._actor_blank(event)
        if blank is not None:
            yield self._event_actor(event, basis, explanation, blank)
        cloze = informative_cloze(event.summary, event.title, self.lang, self.shown_names,
                                  self.actor_names,
                                  frozenset({blank.actor} if blank is not None else ()),
                                  event.id)
        if cloze is None:
            rules.reject(rules.NO_FAIR_CLOZE, "events", event.id, QuestionKind.EVENT_CLOZE.value)
        else:
            yield self._question(
                QuestionKind.EVENT_CLOZE, "events", event.id, basis,
                prompt=event.title, answer=cloze.hidden, explanation=explanation,
                facts=Facts((event.id,), title=event.title,
                            accepted=self._accepted_in_blank(cloze.hidden)),
                category="cloze", cloze=cloze,
                asked_at=("events", event.id, ("summary",)),
                answered_at=("events", event.id, ("summary",)))

    def _unsettled(self, event: Event) -> str:
        """Why "when did it happen?" has no one answer ("" if it has): the event went on for
        years, or its date note gives another year near it that it may have happened in («987
        или 988», «многие учёные относят… к 989 году»); a derived date's note says what it is
        counted from, and is not read."""
        assert event.date is not None
        if event.id in self.lasted:
            return f"it went on from {event.date.year} to {self.lasted[event.id]}"
        if event.date_source is DateSource.DERIVED:
            return ""  # its note says what the date is counted from
        note = event.date_note or ""
        if not _ANOTHER_DATING.search(note):
            return ""  # «через год после… 2023 года»: a year it is counted from
        for year in map(int, _A_YEAR.findall(note)):
            if year != event.date.year and abs(year - event.date.year) <= _NEAR_YEARS:
                return f"the date note also gives {year}"
        return ""

    def _actor_blank(self, event: Event) -> Optional[_ActorBlank]:
        """Who took part, as a blank: the first quote of the event (then its summary) that names
        an actor the title does not, with that actor left blank. An author's list of an
        event's actors is seldom all the sources name, so the list is never asked; the
        sentence says who did what, and the others it names stay in sight."""
        hidden = self._hidden_actors(event)
        for named in event.actors:
            if named not in hidden:
                rules.reject(rules.ACTOR_IN_TITLE, "events", event.id,
                             QuestionKind.EVENT_ACTORS.value, self.pack.actor(named).name)
        for named in [a for a in hidden if a in self.titled]:
            hidden.remove(named)  # the deck's name: «Charles Darwin and evolution…»
            rules.reject(rules.ACTOR_IN_TITLE, "events", event.id, QuestionKind.EVENT_ACTORS.value,
                         f"{self.pack.actor(named).name} (the pack's or a source's title)")
        if not hidden:
            return None
        described = [a for a in hidden if self._descriptive(self.pack.actor(a))]
        for actor_id in described:
            rules.reject(rules.DESCRIBED_PARTICIPANT, "events", event.id,
                         QuestionKind.EVENT_ACTORS.value, self.pack.actor(actor_id).name)
        hidden = [a for a in hidden if a not in described]
        told = [a for a in hidden if named_but_for_kind(event.title, self.pack.actor(a))]
        for actor_id in told:
            rules.reject(rules.NAMED_BUT_FOR_KIND, "events", event.id,
                         QuestionKind.EVENT_ACTORS.value, self.pack.actor(actor_id).name)
        hidden = [a for a in hidden if a not in told]
        if not hidden:
            return None
        texts = [*(citation.quote for citation in event.sources), event.summary]
        for at, text in enumerate(texts):
            for actor_id in hidden:
                actor = self.pack.actor(actor_id)
                spans = actor_spans(text, actor, self.truth.accepted(actor_id))
                if not spans:
                    continue
                shown = _blanked(text, spans)
                if names_actor(shown, actor) or names_by_kind(shown, actor):
                    continue  # «___ and the Soviet side»: told by another of its names
                if named_but_for_kind(shown, actor):
                    rules.reject(rules.NAMED_BUT_FOR_KIND, "events", event.id,
                                 QuestionKind.EVENT_ACTORS.value, actor.name)
                    continue  # «___ избирались… городского головы»
                if self._told_by_gender(actor, shown):
                    rules.reject(rules.SEX_TOLD, "events", event.id,
                                 QuestionKind.EVENT_ACTORS.value, shown)
                    continue  # «___ защитила диссертацию» where one woman is in the pack
                rule = next((r for start, end in spans if (r := another_filler(
                    text[:start], text[start:end], text[end:], event.title, self.lang))), None)
                if rule is not None:  # «брат ___», «Пьер и ___»
                    rules.reject(rule, "events", event.id, QuestionKind.EVENT_ACTORS.value, shown)
                    continue
                path: tuple[Union[str, int], ...] = (
                    ("summary",) if at == len(texts) - 1 else ("sources", at, "quote"))
                return _ActorBlank(actor_id, shown, path)
        rules.reject(rules.PARTICIPANT_UNSAID, "events", event.id, QuestionKind.EVENT_ACTORS.value,
                     ", ".join(self.pack.actor(a).name for a in hidden))
        return None

    def _told_by_gender(self, actor: Actor, shown: str) -> bool:
        """Whether ``shown`` tells the blank's sex: a Russian past-tense verb, where the actor
        is the only person of it in the pack; an English "she" or "her"."""
        if actor.kind is not ActorKind.PERSON:
            return False
        if self.lang == "en":
            return _SHE.search(shown) is not None
        gender = self.form(actor).gender
        return self.person_genders[gender] == 1 and gender in past_verb_genders(shown)

    @functools.cached_property
    def person_genders(self) -> Counter[str]:
        """How many persons of the pack are of each gender."""
        return Counter(self.form(a).gender for a in self.pack.actors
                       if a.kind is ActorKind.PERSON)

    def _descriptive(self, actor: Actor) -> bool:
        """Whether an actor's name describes a group by what its members are ("Irish
        landlords", «российские силовики»): in a blank, the sentence around it tells it."""
        form = self.form(actor)
        return actor.kind is ActorKind.GROUP and form.plural and (
            form.inline[:1].islower() or self.lang == "en" and _EN_PEOPLE.fullmatch(actor.name)
            is not None)

    def _event_actor(self, event: Event, basis: _Basis, explanation: str,
                     blank: _ActorBlank) -> Question:
        actor = self.pack.actor(blank.actor)
        # «кто» for people, «что» for a state, a body or a thing
        key = "prompt.event-actors" if self.form(actor).animate else "prompt.event-actors.what"
        return self._question(
            QuestionKind.EVENT_ACTORS, "events", event.id, basis,
            prompt=self._label(key, title=event.title, text=blank.text),
            answer=actor.name, explanation=explanation,
            facts=Facts((actor.id,), title=event.title, accepted=self._accepted_names(actor.id),
                        before_blank=_word_before(blank.text.partition(BLANK)[0])),
            category=self._actor_category(actor, self.form(actor)),
            asked_at=("events", event.id, blank.path),
            answered_at=("events", event.id, ("actors",)))

    def _hidden_actors(self, event: Event) -> list[str]:
        """The actors of an event its title does not name: those "who took part" asks for."""
        return [a for a in event.actors if not names_actor(event.title, self.pack.actor(a))
                and not names_by_kind(event.title, self.pack.actor(a))
                and not names_by_role(event.title, self.pack.actor(a))
                and not mostly_in(self.pack.actor(a).name, event.title)]

    def _date_events(self) -> Iterator[Question]:
        """What happened in a period: each event's own period and its year, with every event in it.

        The events of a period are those whose date lies inside it; a period is not
        asked when an event of the pack may fall in it without its date being asked
        (an outside date), or where the pack dates something only to a wider
        period that may or may not fall in it — then the answer is not known.
        """
        dated = sorted((e for e in self.pack.events if e.date is not None),
                       key=lambda e: (event_span(e), e.id))
        own = [event_span(e) for e in dated]
        # An event that lasted for years may fall in any period of them.
        spans = [(span[0], years_span(self.lasted[e.id], self.lasted[e.id])[1])
                 if e.id in self.lasted else span for e, span in zip(dated, own)]
        periods: dict[tuple[int, int], tuple[Event, PartialDate, str]] = {}
        for event, span in zip(dated, own):
            if self._date_asked(event):
                periods.setdefault(span, (event, period_date(event), ""))
        for event in dated:
            if self._date_asked(event):
                year = PartialDate(period_date(event).year)
                periods.setdefault(date_span(year), (event, year, ":year"))
        # Only events that start at most the longest span before a period can reach into it.
        starts = [start for start, _ in spans]
        longest = max((end - start for start, end in spans), default=0)
        asked: set[tuple[str, ...]] = set()
        for period, (first, date, suffix) in sorted(periods.items(), key=narrow_first):
            near = range(bisect.bisect_left(starts, period[0] - longest),
                         bisect.bisect_right(starts, period[1]))
            # An event that began before the period and went on into it did not "happen"
            # in it, nor not: the period is not asked (period-not-known).
            inside = [dated[i] for i in near if within(own[i], period)]
            unknown = any(overlap(spans[i], period) and dated[i] not in inside
                          or dated[i] in inside and dated[i].id in self.lasted for i in near)
            members = tuple(e.id for e in inside)
            # A year that holds only what a month of it holds asks the same thing again.
            if members in asked:
                rules.reject(rules.PERIOD_REPEATS, "events", first.id,
                             QuestionKind.DATE_EVENT.value, str(date))
                continue
            asked.add(members)
            untold = self._told_elsewhere(period, inside)
            if untold:
                rules.reject(rules.OTHER_DATED_FACTS, "events", first.id,
                             f"{QuestionKind.DATE_EVENT.value} {date}", untold)
            elif not unknown and all(self._date_asked(e) for e in inside):
                question = self._period_question(first, date, suffix, inside)
                if question is not None:
                    yield question
            else:
                rules.reject(rules.PERIOD_NOT_KNOWN, "events", first.id,
                             QuestionKind.DATE_EVENT.value, str(date))

    def _told_elsewhere(self, period: tuple[int, int], inside: list[Event]) -> str:
        """A sentence of the sources that tells a date of ``period`` and quotes none of the
        events ``inside`` it ("" if none): the sources tell of something more in it, so
        "what happened then?" has more answers than the pack records."""
        told = self.pack.told
        quotes = [folded_core(c.quote) for e in inside for c in e.sources]
        # A sentence that names an event in other words (two words of its title) is about it.
        titles = [coarse_stems(e.title) for e in inside]
        start = bisect.bisect_left(told, (period[0], period[0], ""))
        for _, last, said in itertools.takewhile(lambda t: t[0] <= period[1], told[start:]):
            if last > period[1] or any(q and (q in said or said in q) for q in quotes):
                continue
            words = coarse_stems(said)
            if not any(len(title & words) >= min(2, len(title)) for title in titles):
                return said if len(said) <= 120 else said[:117] + "…"
        return ""

    def _period_question(self, first: Event, date: PartialDate, suffix: str,
                         inside: list[Event]) -> Optional[Question]:
        titles = [e.title for e in inside]
        phrase = date_phrase(date, self.lang)
        if len(inside) == 1:
            prompt = self._label("prompt.date-event", date=phrase)
            answer = titles[0]
        elif len(inside) > MAX_LISTED_EVENTS:
            rules.reject(rules.TOO_MANY_TO_RECALL, "events", first.id,
                         f"{QuestionKind.DATE_EVENT.value} {date}", f"{len(inside)} events")
            return None
        else:
            answer = "; ".join(titles)
            if word_count(answer) > MAX_ANSWER_WORDS:
                rules.reject(rules.ANSWER_TOO_LONG, "events", first.id,
                             f"{QuestionKind.DATE_EVENT.value} {date}", str(word_count(answer)))
                return None
            count = count_phrase(len(inside), self._label("noun.event"), self.lang)
            prompt = self._label("prompt.date-events", count=count, date=phrase)
        basis = self._basis([c for e in inside for c in e.sources], date,
                            {t for e in inside for t in e.tags})
        explanation = " ".join(sentence(f"{e.title} — {self._when(e)}")
                               + (f" {e.date_note}" if e.date_note else "") for e in inside)
        # A card about one event's date follows the event; a card about a period of several
        # follows the period, so that no correction of a date renames a card someone reviews.
        identity, suffix = (None, suffix) if len(inside) == 1 else (period_key(date), ":period")
        return self._question(
            QuestionKind.DATE_EVENT, "events", first.id, basis, prompt=prompt, answer=answer,
            explanation=explanation,
            facts=Facts(tuple(sorted(e.id for e in inside)), listed=len(inside) > 1),
            category="event", asked_at=("events", first.id, ("date",)),
            answered_at=("events", first.id, ("title",)), suffix=suffix, identity=identity)

    # --- actors -------------------------------------------------------------------

    def _actor(self, actor: Actor) -> Iterator[Question]:
        basis = self._basis(actor.sources, self.first_seen.get(actor.id), actor.tags)
        form = self.form(actor)
        # Shown beside names (its card's front, a quiz's options), a role goes without the
        # office or kind that opens it: «Президент Азербайджана» names its holder.
        shown = self._shown_role(actor, form)
        role_at: Origin = ("actors", actor.id, ("role",))
        name_at: Origin = ("actors", actor.id, ("name",))
        # The back says what the front does not: the events the actor took part in.
        explanation = self._actor_events(actor)
        events = self.event_counts.get(actor.id, 0)
        if events > MAX_ROLE_EVENTS:
            rules.reject(rules.MANY_PARTS, "actors", actor.id, QuestionKind.ACTOR_ROLE.value,
                         str(events))
        else:
            yield self._question(
                QuestionKind.ACTOR_ROLE, "actors", actor.id, basis,
                prompt=self._actor_role_prompt(form), answer=actor.role,
                explanation=explanation, facts=Facts((actor.id,), role=shown),
                category=f"role:{self._actor_category(actor, form)}", asked_at=name_at,
                answered_at=role_at,
                reading=actor.reading)
        if named_but_for_kind(shown, actor):
            rules.reject(rules.NAMED_BUT_FOR_KIND, "actors", actor.id,
                         QuestionKind.ROLE_ACTOR.value, actor.name)
            return
        if self._described_twice(actor, form, shown):
            rules.reject(rules.DESCRIBED_TWICE, "actors", actor.id,
                         QuestionKind.ROLE_ACTOR.value, role_opening(shown).rstrip(". "))
            return
        who = "prompt.role-actor.who" if form.animate else "prompt.role-actor.what"
        yield self._question(
            QuestionKind.ROLE_ACTOR, "actors", actor.id, basis,
            prompt=self._label(who, role=shown.rstrip(".")),
            answer=actor.name, explanation=explanation,
            facts=Facts((actor.id,), role=shown, accepted=self._accepted_names(actor.id),
                        kind=self._kind_said(actor)),
            category=self._actor_category(actor, form), asked_at=role_at, answered_at=name_at,
            reading=actor.reading)

    @staticmethod
    def _described_twice(actor: Actor, form: NameForm, shown: str) -> bool:
        """Whether an actor known only by a description (people, or things in the plural:
        «Российские политики», «Азербайджанские государственные СМИ», a person named by office)
        is shown a role that opens by describing it again («Представители элиты, …»; a role
        cut to its clause, «те, кого…», does not). A body's name in the singular
        («Парижская академия наук») is its own, though it reads so."""
        people = actor.kind in (ActorKind.GROUP, ActorKind.PERSON) or form.plural
        return (people and is_description(actor.name, form)
                and bool(role_head(shown) or _ONE_OF.match(shown)))

    @staticmethod
    def _kind_said(actor: Actor) -> str:
        """What a role's opening says a body, a group or a state is («Высший партийный
        орган»), where it opens with a noun: its name often says so too («Моссовет»), so
        beside other names the kind tells it. A person's name does not say what the person was."""
        if actor.kind is ActorKind.PERSON or not role_head(actor.role):
            return ""
        return role_opening(actor.role).rstrip(". ")

    def _shown_role(self, actor: Actor, form: NameForm) -> str:
        """The role as it is shown beside names: without its opening office or kind, unless
        what the opening says tells the actor from another named beside it that agrees with
        what is left (:data:`rules.CUT_FITS_ANOTHER`)."""
        pronoun = pronoun_for(form, self.lang)
        shown = description(actor.role, pronoun)
        opening = actor.role.partition(",")[0]  # what description() leaves out
        if shown == actor.role or actor.kind is ActorKind.PERSON or self._tells(opening, actor):
            return shown
        qualified = len(coarse_stems(opening)) > 1  # «Военная структура», not «Держава»
        for other in self._named_beside(actor):
            if (other.kind is not ActorKind.PERSON and (qualified or other.kind is not actor.kind)
                    and pronoun_for(self.form(other), self.lang) == pronoun):
                rules.reject(rules.CUT_FITS_ANOTHER, "actors", actor.id,
                             QuestionKind.ROLE_ACTOR.value, other.name)
                return actor.role
        return shown

    def _tells(self, opening: str, actor: Actor) -> bool:
        """Whether a role's opening names the actor or another one: «Президент России»,
        «Органы городского самоуправления» for «Городские думы»."""
        own = frozenset().union(*map(coarse_lemma_stems, (actor.name, *actor.aliases)))
        return bool(own & coarse_lemma_stems(opening)) or bool(
            self.actor_names.named_in(opening))

    def _named_beside(self, actor: Actor) -> list[Actor]:
        """The other actors of an actor's events, and those its quotes name, in pack order."""
        ids = {a for e in self.events_of.get(actor.id, []) for a in e.actors}
        ids |= {a.id for c in actor.sources for a in self.actor_names.named_in(c.quote)}
        return [a for a in self.pack.actors if a.id in ids and a.id != actor.id]

    def _actor_category(self, actor: Actor, form: NameForm) -> str:
        """Whose names may stand as wrong options for an actor's: of its kind and its
        grammatical number, and in Russian of its gender. A role that says «мать» among men
        names her; «тот, где…» or a blank before «вводился» rules out «Городские думы»; "___
        passed the Act" rules out a person among bodies."""
        if actor.kind is ActorKind.PERSON:
            known = form.gender in ("masc", "femn") and form.known
            return f"actor:person:{form.gender}" if known else "actor:person"
        number = "plur" if form.plural else form.gender if self.lang == "ru" else "sing"
        return f"actor:{actor.kind.value}:{number}"

    def _actor_events(self, actor: Actor) -> str:
        """The events an actor took part in, the first few, as a sentence; "" for none."""
        events = self.events_of.get(actor.id, [])
        if not events:
            return ""
        shown = [quoted(e.title, self.lang) for e in events[:MAX_LISTED_EVENTS]]
        shown += ["…"] if len(events) > MAX_LISTED_EVENTS else []
        return sentence(self._label("explain.actor-events", events=", ".join(shown)))

    def _actor_role_prompt(self, form: NameForm) -> str:
        verb = pick(form, self._label("verb.plays"), self._label("verb.play"))
        return self._label("prompt.actor-role", name=form.inline, verb=verb)

    # --- causes -------------------------------------------------------------------

    def _cause_date(self, cause: Cause) -> Optional[PartialDate]:
        for side in (cause.cause, cause.effect):
            event = self.pack.event(side)
            if event is not None and event.date is not None:
                return event.date
        return None

    def _causes(self) -> Iterator[Question]:
        """Per cause its one effect, per effect its one cause: a side with several links is
        not asked for them (:data:`rules.OPEN_LIST`)."""
        for forward in (True, False):
            groups: dict[str, list[Cause]] = {}
            for cause in self.pack.causes:
                given = cause.cause if forward else cause.effect
                groups.setdefault(fold(self.pack.side(given)), []).append(cause)
            for links in groups.values():
                yield from self._cause_group(links, forward)

    def _cause_group(self, links: list[Cause], forward: bool) -> Iterator[Question]:
        kind = QuestionKind.CAUSE_EFFECT if forward else QuestionKind.EFFECT_CAUSE
        if len(links) > 1:
            for link in links:
                rules.reject(rules.OPEN_LIST, "causes", link.id, kind.value, str(len(links)))
            return
        [link] = links
        given_key, asked_key = ("cause", "effect") if forward else ("effect", "cause")
        if not forward and (question := self._disputed(self.pack.side(link.effect))):
            rules.reject(rules.DISPUTED_CAUSE, "causes", link.id, kind.value, question)
            return
        asked = self.pack.event(getattr(link, asked_key))
        if (asked is None or asked.date is None or asked.approximate
                or not self._date_asked(asked) or _effect_first(self.pack, link)):
            rules.reject(rules.UNDATED_LINK, "causes", link.id, kind.value,
                         self.pack.side(getattr(link, asked_key)))
            return
        given = self.pack.side(getattr(link, given_key))
        if (other := self._same_period(asked, getattr(link, given_key))) is not None:
            rules.reject(rules.WHEN_HOLDS_TWO, "causes", link.id, kind.value, other.title)
            return
        if shared := sorted(coarse_lemma_stems(given) & coarse_lemma_stems(asked.title)
                            & self._telling_stems):
            rules.reject(rules.LINK_SHARES_WORD, "causes", link.id, kind.value, shared[0])
            return
        yield self._question(
            kind, "causes", link.id, self._basis(link.sources, self._cause_date(link), link.tags),
            prompt=self._label(f"prompt.{kind.value}",
                               given=given.rstrip("."),
                               when=date_phrase(asked.date, self.lang)),
            answer=self.pack.side(getattr(link, asked_key)), explanation=link.explanation or "",
            facts=Facts((link.id,)), category=asked_key,
            asked_at=("causes", link.id, (given_key,)),
            answered_at=("causes", link.id, (asked_key,)), reading=link.reading)

    @functools.cached_property
    def _telling_stems(self) -> frozenset[str]:
        """The stems of the words of the pack's event titles and sides of links that tell one
        apart: not a word of the pack's title, nor a word of an actor's name that stands in more
        than two of them (Curie, King: a name many events share tells none apart)."""
        texts = {e.title for e in self.pack.events} | {
            self.pack.side(side) for c in self.pack.causes for side in (c.cause, c.effect)}
        counts = Counter(w for text in texts for w in coarse_lemma_stems(text))
        names = frozenset().union(*(coarse_lemma_stems(n) for a in self.pack.actors
                                    for n in (a.name, *a.aliases)))
        return frozenset(w for w, n in counts.items() if not w.isdigit() and (
            n <= 2 or w not in names)) - coarse_lemma_stems(self.pack.info.title)

    def _same_period(self, asked: Event, given: str) -> Optional[Event]:
        """Another event of the pack than ``asked`` and the link's ``given`` end that the pack
        dates inside ``asked``'s date as a prompt gives it: it may be the answer as well. (One
        dated more coarsely, "2024" beside "December 2024", is not known to fall in it.)"""
        assert asked.date is not None
        period = date_span(asked.date)
        return next((e for e in self.pack.events if e.date is not None
                     and e.id not in (asked.id, given) and within(event_span(e), period)), None)

    def _disputed(self, effect: str) -> str:
        """The question of a dispute of the pack about what led to ``effect`` ("" if none): a
        question about causes that shares two of its words, or all of a shorter one
        («Почему провалилась миссия?» of «провал миротворческой миссии»)."""
        words = coarse_lemma_stems(effect)
        for dispute in self.pack.disputes:
            if (_ASKS_WHY.search(dispute.question) and
                    len(words & coarse_lemma_stems(dispute.question)) >= min(2, len(words)) > 0):
                return dispute.question
        return ""

    def _attributed(self, text: str, reading: Optional[str]) -> str:
        if reading is None:
            return text
        return self._label("answer.reading", text=text, source=self.source_label(reading))

    def _set_questions(self, kind: QuestionKind, item_kind: str, item_id: str,
                       members: Sequence[_Member], date: Optional[PartialDate],
                       explanation: str, asked_at: Origin, *, category: str,
                       whole: Callable[[int], str], each: Callable[[str], str],
                       suffix: str = "", reading: Optional[str] = None) -> Iterator[Question]:
        """A question whose answer is a set: all of it within the word budget, else one per member.

        One question lists every member; where that list is too long to recall, each
        member gets a question of its own that names the others, so that it still
        has one answer. Either way the first member's question keeps the item's id.
        """
        # Members are titles and free text alike: in a list, each starts as a title does.
        answer = members[0].text if len(members) == 1 else "; ".join(
            f"{i}) {m.text[:1].upper()}{m.text[1:].rstrip('.')}"
            for i, m in enumerate(members, start=1))
        citations = [c for m in members for c in m.citations]
        tags = {t for m in members for t in m.tags}
        if word_count(answer) <= MAX_ANSWER_WORDS:
            yield self._question(
                kind, item_kind, item_id, self._basis(citations, date, tags),
                prompt=whole(len(members)), answer=answer, explanation=explanation,
                facts=Facts(tuple(m.item_id for m in members), listed=len(members) > 1),
                category=category, asked_at=asked_at, answered_at=members[0].at, suffix=suffix,
                reading=reading)
            return
        rules.reject(rules.ANSWER_TOO_LONG, item_kind, item_id, f"{kind.value} (all at once)",
                     str(word_count(answer)))
        for index, member in enumerate(members):
            others = "; ".join(quoted(m.text.rstrip("."), self.lang)
                               for m in members if m is not member)
            own_suffix = suffix if index == 0 else f"{suffix}:{member.item_id}"
            yield self._question(
                kind, item_kind, item_id, self._basis(member.citations, date, member.tags),
                prompt=each(others), answer=member.text, explanation=explanation,
                facts=Facts((member.item_id,), answer_reading=member.reading),
                category=category,
                asked_at=asked_at, answered_at=member.at, suffix=own_suffix, reading=reading)

    # --- disputes -----------------------------------------------------------------

    def _holder(self, position: Position) -> tuple[str, str]:
        """Who holds a position, as an answer and as a prompt names it mid-sentence: an actor,
        holders the source does not name («одни историки»), or the source itself."""
        if position.holder is not None:
            actor = self.pack.actor(position.holder)
            return actor.name, self.form(actor).inline
        if position.held_by is not None:
            return position.held_by, self._unnamed_form(position.held_by).inline
        labels = self._together(position)
        return labels, labels

    def _together(self, position: Position) -> str:
        """The sources that share a view, as a prompt names them: «„Новый этап“ и блог …»."""
        labels = sorted({self.source_label(c.source) for c in position.sources})
        if len(labels) == 1:
            return labels[0]
        return f"{', '.join(labels[:-1])} {self._label('word.and')} {labels[-1]}"

    def _unnamed_form(self, held_by: str) -> NameForm:
        """The grammar of holders a source does not name, as a group of people."""
        group = Actor(id="held-by", name=held_by, kind=ActorKind.GROUP, role="-", aliases=[],
                      example=False, tags=[], sources=[Citation(source="s", quote="-")])
        return name_form(group, self.lang, self.corpus)

    @staticmethod
    def _reporter(position: Position) -> Optional[str]:
        """The source that reports holders it does not name, where one source does."""
        sources = {c.source for c in position.sources}
        return next(iter(sources)) if position.held_by is not None and len(sources) == 1 else None

    def _dispute(self, dispute: Dispute) -> Iterator[Question]:
        groups: dict[str, list[int]] = {}
        reported = {_source_key(p) for p in dispute.positions if p.held_by is not None}
        for index, position in enumerate(dispute.positions):
            sources = _source_key(position)
            # Holders a source does not name are one group: «одни… другие…» tells views
            # apart, not who holds which; the card asks for all the views it gives, its own
            # among them («the fairest conclusion is…»), each as much its answer.
            key = position.holder or (f"held|{sources}" if position.held_by
                                      or sources in reported else sources)
            groups.setdefault(key, []).append(index)
        explanation = dispute.explanation or ""
        question = dispute.question
        shared = _shared_views(dispute)
        for indexes in groups.values():
            first = next((dispute.positions[i] for i in indexes
                          if dispute.positions[i].held_by is not None),
                         dispute.positions[indexes[0]])
            reports = _reports_others(dispute, indexes)
            if reports:
                rules.reject(rules.SOURCE_REPORTS_OTHERS, "disputes", dispute.id,
                             f"{QuestionKind.DISPUTE_POSITION.value}:{indexes[0] + 1}", reports)
                continue
            elsewhere = self._answered_elsewhere(dispute, first, indexes)
            if elsewhere:
                rules.reject(rules.ANSWERS_ELSEWHERE, "disputes", dispute.id,
                             f"{QuestionKind.DISPUTE_POSITION.value}:{indexes[0] + 1}", elsewhere)
                continue
            like = self._named_alike(dispute, first)
            if like:
                rules.reject(rules.UNNAMED_LIKE_NAMED, "disputes", dispute.id,
                             f"{QuestionKind.DISPUTE_POSITION.value}:{indexes[0] + 1}", like)
                continue
            _, inline = self._holder(first)
            form = self._holder_form(first)
            verb = pick(form, self._label("verb.answers"), self._label("verb.answer"))
            members = [_Member(dispute.positions[i].claim, f"{i + 1}",
                               ("disputes", dispute.id, ("positions", i, "claim")), None,
                               tuple(dispute.positions[i].sources), tuple(dispute.tags))
                       for i in indexes]
            asked_at: Origin = ("disputes", dispute.id, ("question",))

            views = "views" if first.held_by is not None and len(indexes) > 1 else "position"
            # A view two sources share is asked as theirs together ("on what do they agree");
            # asked of one of them, it is among that source's answers, said as given.
            together = _own_view(first) and len({c.source for c in first.sources}) > 1
            if together:
                views = "shared"
            given = "; ".join(quoted(dispute.positions[i].claim.rstrip("."), self.lang)
                              for i in (shared.get(_source_key(first), ())
                                        if _own_view(first) else ())
                              if i not in indexes)

            def whole(n: int, inline: str = inline, verb: str = verb, views: str = views,
                      given: str = given) -> str:
                key = f"prompt.dispute-{views}" if n == 1 else f"prompt.dispute-{views}.all"
                if given:
                    key = ("prompt.dispute-position.more" if n == 1 else
                           "prompt.dispute-position.more-all")
                return self._label(
                    key, question=question, holder=inline, verb=verb, others=given,
                    count=count_phrase(n, self._label("noun.version"), self.lang, "accs"))

            def each(others: str, inline: str = inline, verb: str = verb,
                     views: str = views, given: str = given) -> str:
                return self._label(f"prompt.dispute-{views}.more", question=question,
                                   holder=inline, verb=verb,
                                   others="; ".join(filter(None, (others, given))))

            for asked in self._set_questions(
                    QuestionKind.DISPUTE_POSITION, "disputes", dispute.id, members, None,
                    explanation, asked_at, category="position", suffix=f":{indexes[0] + 1}",
                    whole=whole, each=each, reading=self._reporter(first)):
                named = (_side_named(question, members, asked.facts.answer_ids[0])
                         if len(members) > 1 and not asked.facts.listed else "")
                if named:
                    rules.reject(rules.SIDE_IN_QUESTION, "disputes", dispute.id, asked.id, named)
                elif (views == "views" and len(members) == 2 and not asked.facts.listed
                      and _YES_OR_NO.search(question)):
                    rules.reject(rules.ONE_OF_TWO, "disputes", dispute.id, asked.id)
                else:
                    yield asked
        for index, position in enumerate(dispute.positions, start=1):
            subject = f"{QuestionKind.CLAIM_HOLDER.value}:{index}"
            if position.held_by is not None:
                rules.reject(rules.UNNAMED_HOLDER, "disputes", dispute.id, subject,
                             position.held_by)
            elif position.holder is None and len(_dispute_sources(dispute)) < 2:
                rules.reject(rules.ONE_SOURCE, "disputes", dispute.id, subject)
            elif position.holder is not None and names_actor(
                    dispute.question, self.pack.actor(position.holder)):
                rules.reject(rules.HOLDER_IN_QUESTION, "disputes", dispute.id, subject,
                             self.pack.actor(position.holder).name)
            else:
                yield self._claim_holder(dispute, index, position)

    def _answered_elsewhere(self, dispute: Dispute, first: Position,
                            indexes: Sequence[int]) -> str:
        """The id of a link of the pack, told by the sources of the positions at ``indexes``
        (not a named holder's), whose effect ``dispute`` asks the causes of, or "": that
        source gives it as an answer too."""
        if first.holder is not None:
            return ""
        told = {c.source for i in indexes for c in dispute.positions[i].sources}
        for link in self.pack.causes:
            by = {link.reading} if link.reading else {c.source for c in link.sources}
            if by <= told and self._disputed(self.pack.side(link.effect)) == dispute.question:
                return link.id
        return ""

    def _named_alike(self, dispute: Dispute, position: Position) -> str:
        """The words of unnamed holders («some historians») that also describe the named holder
        of another view of ``dispute`` (an "Irish historian"), or ""."""
        if position.held_by is None or _OTHER.match(position.held_by):
            return ""  # "other historians": other than the one named
        words = coarse_stems(position.held_by)
        for other in dispute.positions:
            holder = self.pack.actor(other.holder) if other.holder else None
            head = role_head(holder.role) if holder is not None and holder.role else None
            if head is not None and words & coarse_stems(head):
                return position.held_by
        return ""

    def _named_by_every_source(self, holder: Optional[str]) -> bool:
        """Whether every source of the pack names the actor ``holder`` (cites it)."""
        if holder is None:
            return False
        named = {citation.source for citation in self.pack.actor(holder).sources}
        return named >= {source.id for source in self.pack.info.sources}

    def _holder_form(self, position: Position) -> NameForm:
        if position.holder is not None:
            return self.form(self.pack.actor(position.holder))
        if position.held_by is not None:
            return self._unnamed_form(position.held_by)
        return NameForm("masc", False, False, "")

    def _claim_holder(self, dispute: Dispute, index: int, position: Position) -> Question:
        answer, inline = self._holder(position)
        # Where a source reports someone's answer, a quiz asking the source says whose it is;
        # not where only some sources name them, which would say which source it is.
        held = self._label("quiz.held-by", holder=inline, verb=pick(
            self._holder_form(position), self._label("verb.answers"),
            self._label("verb.answer"))) if self._named_by_every_source(position.holder) else ""
        # The claim is quoted as the answer it is: a clause or not, the prompt stays a sentence.
        claim = quoted(position.claim.rstrip("."), self.lang)
        key = "prompt.claim-holder" if position.holder else "prompt.claim-source"
        said_by = tuple(sorted({c.source for c in position.sources}))
        at: Origin = ("disputes", dispute.id, ("positions", index - 1, "claim"))
        holder_at: Origin = ("disputes", dispute.id, ("positions", index - 1,
                                                      "holder" if position.holder else "sources"))
        return self._question(
            QuestionKind.CLAIM_HOLDER, "disputes", dispute.id,
            self._basis(position.sources, None, dispute.tags),
            prompt=self._label(key, claim=claim, question=dispute.question), answer=answer,
            explanation=dispute.question,
            facts=Facts((position.holder,) if position.holder else said_by,
                        claim=position.claim.rstrip("."),
                        accepted=self._accepted_names(position.holder) if position.holder else (),
                        said_by=said_by, held=held, holder=position.holder),
            category="holder", suffix=f":{index}", asked_at=at, answered_at=holder_at)



# Not a number that is part of a designation («АЗ-5», «U-2», «Ми-24», «батарея № 1»).
_NUMBER = re.compile(r"(?<![\w.])(?<![^\W\d_]-)(?<!№)(?<!№ )(?<!№\u00a0)(?<!No\. )\d+(?![\w-])(?:[ \u00a0]\d{3})*(?:[.,]\d+)?(?:[ \u00a0]?%)?"
                     r"(?:[ \u00a0](?P<unit>[^\W\d_]+))?")
_QUOTED = re.compile(r"«([^«»]{2,80})»|“([^“”]{2,80})”|(?<!\w)\"([^\"<>\n]{2,80})\"(?!\w)")
_CAPITALISED = re.compile(r"(?<=[^\W\d_] )[A-ZА-ЯЁ][\w-]+(?: [A-ZА-ЯЁ][\w-]+)?")
# Names joined by a dash are one name («Thomson–Urrutia Treaty», «Hay–Bunau-Varilla»).
# A name may open with an abbreviation and its dot ("St. Louis", "Mt. Everest").
# A middle initial and its dot are part of the name ("George M. Dawson").
_EN_NAME_RUN = re.compile(r"(?:(?<=[^\W\d_] )|(?<=, ))(?<!\. )(?:(?:St|Mt|Ft|Dr|Mr|Mrs|Ms)\. )?"
                          r"[A-Z][\w'’–-]*(?:(?: [A-Z]\.)* [A-Z][\w'’–-]*|"
                          r"(?: (?:of|for|and|de|the))+ [A-Z][\w'’–-]*)*")
_OWNER = re.compile(r"['’]s?$")
# Before a capitalised word: another capitalised word, not a sentence's first («in Ada Quill»).
_TAIL_OF_A_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’–-]* $")
_RANGE_AFTER = re.compile(r"\s*[–—-]\s*\d")
_RANGE_BEFORE = re.compile(r"\d\s*[–—-]\s*$")
# After a blank, a noun it would qualify; before it, an article.
_MODIFIER = re.compile(r" [a-z]")
_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:the|a|an)\s*$", re.IGNORECASE)
# After a name's word: an initial or a name particle that the name goes on past.
_INITIAL = re.compile(r"\.\s*[A-Z]\.|\s+[A-Z]\.\s")
_PARTICLE_AFTER = re.compile(r"\s+(?:фон|ван|де|ди|да|дер|ле|ла|von|van|de|da|di|du|le|la|bin|ibn)"
                             r"\s+[A-ZА-ЯЁ]")
# Before a name's word: a name and a particle the name began with («Wernher von [Braun]»).
_PARTICLE_BEFORE = re.compile(r"[A-ZА-ЯЁ][\w-]*\s+(?:фон|ван|де|ди|да|дер|ле|ла|von|van|der|de|da|di|"
                              r"du|le|la|bin|ibn)\s+$")
# A word for a people or a country's things («Russian», «British», «Israeli»): others fit.
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ish|ese|ean|an|ic|i)")
_YEAR = re.compile(r"^(1\d|20)\d\d\b")
# Before a blank, a word after which a date fits as well as a place or a name ("in ___",
# "in the ___": "in the 1840s").
_DATE_SLOT = re.compile(r"(?:^|[\s(])(?:(?:in|on|by|since|until|from)(?:\s+the)?|в|во|к|до|с|со|"
                        r"после)\s*$", re.IGNORECASE)
# A capitalised word joined to another by "of", "for", "and", "de" is one name with it.
_NAME_GOES_ON = re.compile(r"\s+(?:of|for|and|de|du|the)\s+(?:the\s+)?[A-ZА-ЯЁ]")
_NAME_WENT_ON = re.compile(r"[A-ZА-ЯЁ][\w-]*\s+(?:of|for|and|de|du)\s+(?:the\s+)?$")
# Before a Russian name, the words of an institution's name it may end («председателя
# [Совета министров] СССР», «Министерства иностранных дел»).
_RU_NAME_WENT_ON = re.compile(r"(?<=[а-яё] )(?P<head>[А-ЯЁ][а-яё]+)(?: [а-яё]+)*"
                              r" (?P<last>[а-яё]+) $")


def _ends_an_institution(before: str) -> bool:
    """Whether a Russian name after ``before`` ends an institution's name: a capitalised
    common noun and its genitive nouns («Совета министров [СССР]»), not a name and a
    preposition («Браун из [Германии]»)."""
    match = _RU_NAME_WENT_ON.search(before[-60:])
    return match is not None and not is_proper_word(match["head"]) and is_noun(match["last"], "ru")


def informative_cloze(text: str, title: str, language: Language,
                      skip: Sequence[str] = (), actors: Optional[ActorNames] = None,
                      asked: frozenset[str] = frozenset(), event_id: str = "") -> Optional[Cloze]:
    """``text`` with its most informative part hidden, or ``None`` if no part can be.

    A number with its unit comes first (sums, counts, durations; not years, which
    the date question asks), then a quoted name (documents, forums), then a
    name that does not open a sentence (places, people), then an actor's name. A
    part that the title or
    the rest of the text repeats gives itself away and is skipped, and so are the
    texts in ``skip`` (the sources' own names, the pack's title). A name of one of ``actors`` is
    given away by any other name of the same actor (Москва by «российский»), and a name of
    an actor in ``asked`` (whom another card asks for: who took part) is that card again.
    """
    actors = actors or ActorNames(())
    for kind, (start, end) in _candidates(text, language, actors):
        hidden = text[start:end].strip()
        rest = text[:start] + " " + text[end:]
        if not hidden or _YEAR.match(hidden) or any(shares_stem(hidden, n) for n in skip):
            continue
        if actors.named_also(hidden, (rest, title, *skip)) or actors.names_any(hidden, asked):
            continue
        if kind == "name" and language == "ru" and not is_proper_word(hidden.split(" ")[-1]):
            continue
        if shares_stem(hidden, rest) or shares_stem(hidden, title):
            continue
        if kind != "number" and any(
                named_by_derived_word(hidden, shown) for shown in (rest, title, *skip)):
            continue  # «Промыслы [Баку] остановились» under «Бакинская нефть»; "reached
            # [France], where French armies…"
        if kind == "number" and (_RANGE_AFTER.match(text[end:]) or _RANGE_BEFORE.search(
                text[:start])):
            continue  # one end of a range («28–[30]»): the other end tells it
        if kind != "number" and _DATE_SLOT.search(text[:start]):
            continue  # «In [Toronto]»: a date would fill the blank as well
        if kind == "name" and (_NAME_GOES_ON.match(text[end:]) or _NAME_WENT_ON.search(text[:start])
                               or _ends_an_institution(text[:start])
                               or _PARTICLE_BEFORE.search(text[:start])):
            continue  # a word of a longer name («[University] of Toronto»)
        if (kind in ("name", "actor") and _PLACE_SLOT.search(text[:start])
                and _other_name_in(title, f"{rest} {hidden}")):
            continue  # «came home to [Falmouth]» under "The Beagle returns to England": the
            # title's place fills the blank as well
        if kind == "name" and _acts(hidden, text[:start], text[end:], language):
            continue  # «[Москва] уступила шведам…»: a place that acts stands for whoever did
        if kind != "number" and _an_office_shown(hidden, f"{title} {rest}", actors):
            continue  # «the [US President]» under "Kennedy's speech": what the title's actor is
        if kind != "number" and (described := actors.described_as(hidden)) is not None:
            rules.reject(rules.DESCRIPTION_BLANK, "events", event_id,
                         QuestionKind.EVENT_CLOZE.value, described.name)
            continue  # "chaired by the [MP for Greenock]": Robert Wallace fits as well
        if kind == "number" and (unit := one_of_a_unit(hidden, text[end:])):
            rules.reject(rules.ONE_OF_A_UNIT, "events", event_id,
                         QuestionKind.EVENT_CLOZE.value, unit)
            continue
        if kind == "number" and (relation := figure_relation(text[:start], text[end:], language)):
            rules.reject(rules.FIGURE_FOLLOWS, "events", event_id,
                         QuestionKind.EVENT_CLOZE.value, relation)
            continue
        if kind in ("name", "quoted") and coarse_stems(hidden) & coarse_stems(f"{title} {rest}"):
            continue  # a word of the name shown around it («[University of Birmingham]» under
            # «…in Birmingham»)
        if kind == "name" and language == "en" and " " not in hidden and _MODIFIER.match(
                text[end:]) and _ARTICLE_BEFORE.search(text[:start]):
            continue  # «the [Soviet] proposal»: a word that qualifies a noun; others fit
        if kind == "name" and language == "en" and _qualifies(text[end:]):
            continue  # "the better-off [Poor Law] unions": part of a longer name
        if (language == "en" and kind in ("name", "actor") and _SHE.search(rest)
                and any(a.kind is ActorKind.PERSON for a in actors.named_in(hidden))):
            rules.reject(rules.SEX_TOLD, "events", event_id, QuestionKind.EVENT_CLOZE.value, hidden)
            continue  # "Watson was shown [Franklin]'s photograph without her knowledge"
        if kind in ("name", "quoted") and _same_kind_in(hidden, title):
            continue  # "[Temporary Relief Act]" under "The Soup Kitchen Act is passed"
        if kind != "number" and (rule := another_filler(text[:start], hidden, text[end:], title,
                                                        language)) is not None:
            rules.reject(rule, "events", event_id, QuestionKind.EVENT_CLOZE.value, hidden)
            continue
        return Cloze(text[:start], hidden, text[end:])
    return None


def _qualifies(after: str) -> bool:
    """Whether an English name stands before a plural noun it qualifies ("Poor Law unions")."""
    following = _WORD_AFTER.match(after)
    return (following is not None and following.group(1).islower()
            and is_noun(following.group(1), "en") and following.group(1).endswith("s"))


def _same_kind_in(hidden: str, title: str) -> bool:
    """Whether the title names a thing of the kind the blank's name is, by its last word
    ("Temporary Relief [Act]" under "The Soup Kitchen Act is passed"): it is that thing
    under another name, or it tells the kind."""
    words = hidden.split()
    shown = {w.strip(".,:;!?\"'“”«»()") for w in title.split()}
    return len(words) > 1 and words[-1][:1].isupper() and words[-1] in shown


def _acts(hidden: str, before: str, after: str, language: Language) -> bool:
    """Whether a place is the subject of the verb after it («Москва уступила шведам…»): it
    stands for its government, a state or a ruler, each as right (Russian, where the analyser
    knows places)."""
    verb = _WORD_AFTER.match(after)
    if language != "ru" or verb is None or _PREPOSITION_BEFORE.search(before):
        return False
    return place_acts(hidden, verb.group(1))


# An English word that tells a woman is meant.
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|to|from|of|by|for|with|on|into|в|во|на|из|к|ко|с|"
                                 r"со|у|о|об|по|под|над|за|до|от|для)\s*$", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s+(\w+)")


def _an_office_shown(hidden: str, shown: str, actors: ActorNames) -> bool:
    """Whether ``hidden`` is what an actor ``shown`` names is, by the opening of its role
    ("US President" of "US President who…" beside "Kennedy's speech"): the name tells it."""
    words = coarse_stems(hidden)
    return bool(words) and any(words <= coarse_stems(role_opening(actor.role))
                               for actor in actors.named_in(shown)
                               if actor.role and role_head(actor.role))  # a noun, not a deed




def _other_name_in(title: str, text: str) -> bool:
    """Whether ``title`` names a place («to England», «from Plymouth», «в Крым») that ``text``
    does not: a place the title shows beside a blank may fill it."""
    shown = coarse_stems(text)
    return any(not coarse_stems(m.group(1)) <= shown for m in _PLACE_IN_TITLE.finditer(title))


# Before a blank, a preposition after which a place fits: where something went or came from.
_PLACE_SLOT = re.compile(r"(?:^|\s)(?:to|from|at|into|near|towards?|к|ко|из|до|на|под|у)\s*$",
                         re.IGNORECASE)
# A name after a preposition of place or motion: where something happened, went or came from.
_PLACE_IN_TITLE = re.compile(r"\b(?:to|from|in|at|into|for|near|в|во|из|на|к|ко|до|под|у)\s+"
                             r"(?:the\s+)?([A-ZА-ЯЁ][\w'’-]*)")


def _candidates(text: str, language: Language,
                actors: ActorNames) -> Iterator[tuple[str, tuple[int, int]]]:
    for match in _NUMBER.finditer(text):
        # The word after a number stays in sight («[10] женщин», «[1,5] млрд»): the blank
        # asks how many, and the noun says of what (hidden with it, «женщин» alone would fill
        # the blank as well).
        unit = match.group("unit")
        yield "number", (match.start(), match.start("unit") - 1) if unit else match.span()
    for match in _QUOTED.finditer(text):
        group = next(g for g in range(1, 4) if match.group(g) is not None)
        yield "quoted", match.span(group)
    spans = actors.written_in(text)

    def inside_an_actor(start: int, end: int) -> bool:  # «Quill» inside «Ada Quill»
        return any(o <= start and end <= f and (o, f) != (start, end) for o, f in spans)

    if language == "en":
        # An English name is its whole run of capitalised words («Thirty-third World Health
        # Assembly»): a blank for one word of it is filled by the rest.
        for match in _EN_NAME_RUN.finditer(text):
            if _TAIL_OF_A_NAME.search(text, 0, match.start()) or inside_an_actor(*match.span()):
                continue  # «(Ada) [Quill]»: the rest of a name whose start the run missed
            # «Russian» fits as well as «Soviet»; «[E]. D. Nixon» is an initial of a name
            if not _DEMONYM.fullmatch(match.group()) and not _INITIAL.match(
                    text, match.end()) and len(match.group()) > 1:
                # "the Society of Friends' committee": the possessive stays in sight
                owner = _OWNER.search(match.group())
                yield "name", (match.start(), match.end() - (len(owner.group()) if owner else 0))
    else:
        for match in _CAPITALISED.finditer(text):
            # «Южном Кавказе» is one name; «в Екатеринбурге Баку» is two.
            first, _, second = match.group().partition(" ")
            # «Сергея Ланского» is one person: a first name goes with the surname after it;
            # one before a particle («Вернера фон Брауна») is part of a name not hidden whole.
            if not second and _PARTICLE_AFTER.match(text, match.end()):
                continue
            if second and (not is_proper_word(first) or is_first_name(first)):
                yield "name", match.span()
            else:
                yield "name", (match.start(), match.start() + len(first))
    # Last, an actor's name wherever it stands, a sentence's first word included.
    for start, end in spans:  # not «Quill» inside «Ada Quill»: the rest of the name would stay
        if not inside_an_actor(start, end):
            yield "actor", (start, end)


# A disputed question about what caused something: why, what led to it, who or what made it.
_ASKS_WHY = re.compile(
    r"\b(?:why|caus|led\b|lead|made|creat|responsib|decisive|due\b|because|result|почему|"
    r"зачем|из-за|причин|привел|привёл|привели|вызвал|виноват|благодаря|заслуг|роль|сыграл|"
    r"решающ)", re.IGNORECASE)


_MONTH_STEMS = {
    "ru": ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
           "октябр", "ноябр", "декабр"),
    "en": ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"),
}


def _date_named(event: Event) -> str:
    """What of an event's date its title names: the year, or the month («Сентябрьский
    пленум», "The March offensive"); "" for neither."""
    assert event.date is not None
    if str(event.date.year) in event.title:
        return str(event.date.year)
    if event.date.month is not None:
        words = fold(event.title).split()
        stems = (_MONTH_STEMS["ru"][event.date.month - 1], _MONTH_STEMS["en"][event.date.month - 1])
        # «ма» only as the month itself; English "may" is a verb far more often than May;
        # «март» not in «мартеновская» (a furnace)
        if any(w.startswith(s) and (len(s) > 2 or w in ("май", "мая", "мае", "маю"))
               and s != "may" and not w.startswith("мартен") for w in words for s in stems):
            return "the month"
        folded = " ".join(words)
        if any(month == event.date.month and stem in folded
               for stem, month in _FIXED_DAYS.items()):
            return "the month, by a day of it"
    return ""


# Words of days that fall in one month every year («Первомайская демонстрация», "Christmas
# truce"): a title that holds one names its event's month.
_FIXED_DAYS = {"первомай": 5, "майск": 5, "новогодн": 1, "рождествен": 12, "may day": 5,
               "new year": 1, "christmas": 12, "bastille day": 7, "armistice day": 11,
               "halloween": 10, "valentine": 2}



def _with_tag(tags: tuple[str, ...], tag: str) -> tuple[str, ...]:
    """Sorted ``tags`` with ``tag`` in its place (once): an item's questions differ by one tag."""
    index = bisect.bisect_left(tags, tag)
    if index < len(tags) and tags[index] == tag:
        return tags
    return tags[:index] + (tag,) + tags[index:]


def _effect_first(pack: Pack, link: Cause) -> bool:
    """Whether a link's effect is dated to a year before its cause («Указ 1906 года» → «Массовое
    переселение», dated to its start in 1896): the dates tell of something else than the link."""
    cause, effect = pack.event(link.cause), pack.event(link.effect)
    return (cause is not None and effect is not None and cause.date is not None
            and effect.date is not None and effect.date.year < cause.date.year)


def _dispute_sources(dispute: Dispute) -> frozenset[str]:
    """The sources that back a position of ``dispute``: those that speak to its question."""
    return frozenset(c.source for p in dispute.positions for c in p.sources)


def _own_view(position: Position) -> bool:
    """Whether a position is its sources' own view: no holder, named or not."""
    return position.holder is None and position.held_by is None


def _shared_views(dispute: Dispute) -> dict[str, list[int]]:
    """For each source, the own views it shares with another source, by index."""
    shared: dict[str, list[int]] = {}
    for index, position in enumerate(dispute.positions):
        sources = sorted({c.source for c in position.sources})
        if _own_view(position) and len(sources) > 1:
            for source in sources:
                shared.setdefault(source, []).append(index)
    return shared


# A role that opens with one of a kind («Один из руководителей контингента, …») describes
# its actor as a noun would.
_ONE_OF = re.compile(r"(?:один|одна|одно|одни|one)\s+(?:из|of)\b", re.IGNORECASE)


def _source_key(position: Position) -> str:
    """The sources that back a position, as one key."""
    return ",".join(sorted({c.source for c in position.sources}))


def _reports_others(dispute: Dispute, indexes: Sequence[int]) -> str:
    """Where the positions at ``indexes`` are a source's own view, that source's id if it also
    backs a view of holders it does not name («some historians argue…»): told in the same
    voice, that view is as much its answer as its own; "" otherwise. A named holder's view
    («in Farr's view») is told apart."""
    own = dispute.positions[indexes[0]]
    if own.holder is not None or own.held_by is not None:
        return ""
    mine = {c.source for i in indexes for c in dispute.positions[i].sources}
    others = {c.source for i, p in enumerate(dispute.positions) if i not in indexes
              and p.held_by is not None for c in p.sources}
    return ", ".join(sorted(mine & others))


def _first_event_dates(pack: Pack) -> dict[str, PartialDate]:
    """For each actor, the date of the earliest event it takes part in."""
    first: dict[str, PartialDate] = {}
    dated = [(e.date, e.actors) for e in pack.events if e.date is not None]
    for date, actors in sorted(dated, key=lambda pair: pair[0].sort_key()):
        for actor_id in actors:
            first.setdefault(actor_id, date)
    return first


def _side_named(question: str, members: Sequence[_Member], asked: str) -> str:
    """The words (stems) by which a disputed question names the member ``asked`` (by its
    item id) where it names the others too («Был ли НЭП тактикой или стратегией?»), joined;
    "" where it does not. Shown the others, a learner reads the answer off the question."""
    words = coarse_lemma_stems(question)
    answer = next(m for m in members if m.item_id == asked)
    others = frozenset().union(*(coarse_lemma_stems(m.text) for m in members if m is not answer))
    own = coarse_lemma_stems(answer.text)
    if not words & others - own:
        return ""
    return ", ".join(sorted(words & own - others))


def _corpus(pack: Pack) -> str:
    """The pack's own prose, where names are written as the author writes them mid-sentence."""
    texts = [e.summary for e in pack.events] + [a.role for a in pack.actors]
    texts += [c.explanation or "" for c in pack.causes]
    texts += [p.claim for d in pack.disputes for p in d.positions]
    texts += [d.explanation or "" for d in pack.disputes]
    return "\n".join(texts)


def _events_by_actor(pack: Pack) -> dict[str, list[Event]]:
    """For each actor, the events it takes part in, in the pack's order, found in one pass."""
    events: dict[str, list[Event]] = {}
    for event in pack.events:
        for actor_id in dict.fromkeys(event.actors):
            events.setdefault(actor_id, []).append(event)
    return events


def _event_counts(pack: Pack) -> dict[str, int]:
    """For each actor, how many events it takes part in."""
    counts: dict[str, int] = {}
    for event in pack.events:
        for actor_id in event.actors:
            counts[actor_id] = counts.get(actor_id, 0) + 1
    return counts
