"""The question bank: every question a pack yields, independent of any output format.

Pure functions of a validated :class:`~quizgen.model.Pack`; no I/O. Both the Anki
deck and the printed quizzes draw from this bank, so a fact is asked the same
way everywhere. A question's id is built from the pack id, the item id and the
question kind — never from wording — so editing text keeps its identity.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable, Iterator, NamedTuple, Optional

from . import collector
from .i18n import date_phrase, format_date, label
from .truth import PackTruth, pack_truth
from .model import Actor, Cause, Citation, Dispute, Event, Language, Pack, PartialDate, Position


class QuestionKind(str, Enum):
    EVENT_DATE = "event-date"
    DATE_EVENT = "date-event"
    EVENT_ACTORS = "event-actors"
    EVENT_CLOZE = "event-cloze"
    ACTOR_ROLE = "actor-role"
    ROLE_ACTOR = "role-actor"
    CAUSE_EFFECT = "cause-effect"
    EFFECT_CAUSE = "effect-cause"
    DISPUTE_POSITIONS = "dispute-positions"
    CLAIM_HOLDER = "claim-holder"


# Questions of one date come in this order of kinds.
_KIND_ORDER = {kind: index for index, kind in enumerate(QuestionKind)}


@dataclass(frozen=True)
class SourceRef:
    """Where a fact comes from: the source's id and title, and the quote."""

    source_id: str
    title: str
    quote: str


@dataclass(frozen=True)
class Cloze:
    """A sentence with one part hidden: ``before`` + [``hidden``] + ``after``."""

    before: str
    hidden: str
    after: str


class Question(NamedTuple):
    """One question of the bank.

    ``answer_key`` identifies the right answer (a date, an actor id, an event
    id, a source id) and ``category`` groups questions whose answers may stand
    in for each other as distractors (dates; actors of one kind; …).

    A named tuple rather than a frozen dataclass: as immutable, and a large bank
    makes tens of thousands of them, which a tuple does several times as fast.
    """

    id: str
    kind: QuestionKind
    item_kind: str
    item_id: str
    prompt: str
    answer: str
    explanation: str
    sources: tuple[SourceRef, ...]
    tags: tuple[str, ...]
    date: Optional[PartialDate]
    answer_key: str
    category: str
    cloze: Optional[Cloze] = None
    extra: tuple[tuple[str, str], ...] = ()

    def sort_key(self) -> tuple[int, int, int, int, str]:
        year, month, day = self.date.sort_key() if self.date else (9999, 99, 99)
        return (year, month, day, _KIND_ORDER[self.kind], self.id)


@dataclass(frozen=True)
class QuestionBank:
    """All questions of a pack, in study order (chronological, then by kind and id)."""

    pack_id: str
    title: str
    language: Language
    questions: tuple[Question, ...]
    # What the pack holds true across its items (see quizgen.truth), for judging options.
    truth: PackTruth = field(default_factory=PackTruth)

    def of_kind(self, *kinds: QuestionKind) -> list[Question]:
        return [q for q in self.questions if q.kind in kinds]

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}


def build_bank(pack: Pack) -> QuestionBank:
    """Every question of a pack, sorted for study."""
    with collector.paused():
        questions = sorted(_Builder(pack).all(), key=Question.sort_key)
    return QuestionBank(pack.id, pack.info.title, pack.info.language, tuple(questions),
                        pack_truth(pack))


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


class _Builder:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.lang: Language = pack.info.language
        self.first_seen = _first_event_dates(pack)
        self.pack_id = pack.id
        self.pack_tag = f"quizgen::{pack.id}"
        # A citation often backs several questions (an event's, and its date's): one
        # SourceRef serves them all.
        self.refs: dict[tuple[str, str], SourceRef] = {}

    def all(self) -> Iterator[Question]:
        yield from self._date_events()
        for event in self.pack.events:
            yield from self._event(event)
        for actor in self.pack.actors:
            yield from self._actor(actor)
        for cause in self.pack.causes:
            yield from self._cause(cause)
        for dispute in self.pack.disputes:
            yield from self._dispute(dispute)

    def _basis(self, citations: list[Citation], date: Optional[PartialDate],
               item_tags: Iterable[str]) -> _Basis:
        refs = tuple([self._ref(c) for c in citations])
        tags = {self.pack_tag, *item_tags, *[f"quizgen::source::{r.source_id}" for r in refs]}
        if date is not None:
            tags.add(f"quizgen::year::{date.year}")
        return _Basis(refs, date, tuple(sorted(tags)))

    def _ref(self, citation: Citation) -> SourceRef:
        key = (citation.source, citation.quote)
        ref = self.refs.get(key)
        if ref is None:
            ref = self.refs[key] = SourceRef(key[0], self.pack.source(key[0]).title, key[1])
        return ref

    def _question(self, kind: QuestionKind, item_kind: str, item_id: str, basis: _Basis, *,
                  prompt: str, answer: str, explanation: str, answer_key: str, category: str,
                  suffix: str = "", cloze: Optional[Cloze] = None,
                  extra: tuple[tuple[str, str], ...] = ()) -> Question:
        qid = f"{self.pack_id}:{item_id}:{_KIND_VALUES[kind]}{suffix}"
        tags = _with_tag(basis.tags, _KIND_TAGS[kind])
        return Question(qid, kind, item_kind, item_id, prompt, answer, explanation, basis.refs,
                        tags, basis.date, answer_key, category, cloze, extra)

    def _when(self, event: Event) -> str:
        assert event.date is not None
        return format_date(event.date, self.lang, event.approximate)

    def _event_explanation(self, event: Event) -> str:
        if event.date_note:
            return f"{event.summary} {label(self.lang, 'label.date-note')}: {event.date_note}"
        return event.summary

    def _event(self, event: Event) -> Iterator[Question]:
        basis = self._basis(event.sources, event.date, event.tags)
        explanation = self._event_explanation(event)
        if event.date is None:
            return
        when, key = self._when(event), str(event.date)
        yield self._question(
            QuestionKind.EVENT_DATE, "events", event.id, basis,
            prompt=label(self.lang, "prompt.event-date", title=event.title), answer=when,
            explanation=explanation, answer_key=key, category="date")
        if event.actors:
            names = [self.pack.actor(a).name for a in event.actors]
            yield self._question(
                QuestionKind.EVENT_ACTORS, "events", event.id, basis,
                prompt=label(self.lang, "prompt.event-actors", title=event.title),
                answer=", ".join(names), explanation=explanation,
                answer_key=",".join(sorted(event.actors)), category="actors")
        yield self._question(
            QuestionKind.EVENT_CLOZE, "events", event.id, basis,
            prompt=event.title, answer=when, explanation=explanation, answer_key=key,
            category="date", cloze=self._cloze(event, when))

    def _cloze(self, event: Event, when: str) -> Cloze:
        """Blank an actor's name where the summary names one, else the date (``when``) after it."""
        for actor_id in event.actors:
            actor = self.pack.actor(actor_id)
            for name in (actor.name, *actor.aliases):
                start = _find_word(event.summary, name)
                if start >= 0:
                    end = start + len(name)
                    return Cloze(event.summary[:start], name, event.summary[end:])
        before, _, after = label(self.lang, "prompt.event-cloze", summary=event.summary,
                                 date="\0").partition("\0")
        return Cloze(before, when, after)

    def _date_events(self) -> Iterator[Question]:
        """One question per date; where several events share it, the answer names them all."""
        by_date: dict[str, list[Event]] = {}
        for event in self.pack.events:
            if event.date is not None and not event.approximate:
                by_date.setdefault(str(event.date), []).append(event)
        for key, events in sorted(by_date.items()):
            date = events[0].date
            titles = [e.title for e in events]
            answer = titles[0] if len(titles) == 1 else label(
                self.lang, "answer.several", items="; ".join(titles))
            basis = self._basis([c for e in events for c in e.sources], date,
                                {t for e in events for t in e.tags})
            yield self._question(
                QuestionKind.DATE_EVENT, "events", f"date-{key}", basis,
                prompt=label(self.lang, "prompt.date-event", date=date_phrase(date, self.lang)),
                answer=answer, explanation=" ".join(e.summary for e in events),
                answer_key=",".join(sorted(e.id for e in events)), category="event")

    def _actor(self, actor: Actor) -> Iterator[Question]:
        basis = self._basis(actor.sources, self.first_seen.get(actor.id), actor.tags)
        kind = actor.kind.value
        yield self._question(
            QuestionKind.ACTOR_ROLE, "actors", actor.id, basis,
            prompt=label(self.lang, "prompt.actor-role", name=actor.name), answer=actor.role,
            explanation=actor.role, answer_key=actor.id, category=f"role:{kind}")
        yield self._question(
            QuestionKind.ROLE_ACTOR, "actors", actor.id, basis,
            prompt=label(self.lang, "prompt.role-actor", role=actor.role.rstrip(".")),
            answer=actor.name, explanation=actor.role, answer_key=actor.id,
            category=f"actor:{kind}")

    def _side(self, text: str) -> str:
        """A cause or effect as shown: an event id becomes the event's title."""
        event = self.pack.event(text)
        return event.title if event else text

    def _cause_date(self, cause: Cause) -> Optional[PartialDate]:
        for side in (cause.cause, cause.effect):
            event = self.pack.event(side)
            if event is not None:
                return event.date
        return None

    def _cause(self, cause: Cause) -> Iterator[Question]:
        effect, reason = self._side(cause.effect), self._side(cause.cause)
        basis = self._basis(cause.sources, self._cause_date(cause), cause.tags)
        explanation = cause.explanation or ""
        yield self._question(
            QuestionKind.CAUSE_EFFECT, "causes", cause.id, basis,
            prompt=label(self.lang, "prompt.cause-effect", cause=reason.rstrip(".")),
            answer=effect, explanation=explanation, answer_key=f"effect:{cause.id}",
            category="effect")
        yield self._question(
            QuestionKind.EFFECT_CAUSE, "causes", cause.id, basis,
            prompt=label(self.lang, "prompt.effect-cause", effect=effect.rstrip(".")),
            answer=reason, explanation=explanation, answer_key=f"cause:{cause.id}",
            category="cause")

    def _holder(self, position: Position) -> str:
        titles = sorted({self.pack.source(c.source).title for c in position.sources})
        if position.holder is not None:
            name = self.pack.actor(position.holder).name
            return "; ".join(label(self.lang, "answer.holder", name=name, title=t) for t in titles)
        return "; ".join(label(self.lang, "answer.source", title=t) for t in titles)

    def _dispute(self, dispute: Dispute) -> Iterator[Question]:
        holders = [self._holder(p) for p in dispute.positions]
        lines = [label(self.lang, "answer.position", holder=holder, claim=p.claim)
                 for holder, p in zip(holders, dispute.positions)]
        basis = self._basis([c for p in dispute.positions for c in p.sources], None, dispute.tags)
        yield self._question(
            QuestionKind.DISPUTE_POSITIONS, "disputes", dispute.id, basis,
            prompt=label(self.lang, "prompt.dispute-positions", question=dispute.question),
            answer="\n".join(lines), explanation=dispute.explanation or "",
            answer_key=f"dispute:{dispute.id}", category="positions")
        for index, (holder, position) in enumerate(zip(holders, dispute.positions), start=1):
            yield self._question(
                QuestionKind.CLAIM_HOLDER, "disputes", dispute.id,
                self._basis(position.sources, None, dispute.tags),
                prompt=label(self.lang, "prompt.claim-holder", claim=position.claim.rstrip(".")),
                answer=holder, explanation=dispute.question,
                answer_key=",".join(sorted({c.source for c in position.sources})),
                category="holder", suffix=f":{index}", extra=(("holder", position.holder or ""),))


def _with_tag(tags: tuple[str, ...], tag: str) -> tuple[str, ...]:
    """Sorted ``tags`` with ``tag`` in its place (once): an item's questions differ by one tag."""
    index = bisect.bisect_left(tags, tag)
    if index < len(tags) and tags[index] == tag:
        return tags
    return tags[:index] + (tag,) + tags[index:]


def _first_event_dates(pack: Pack) -> dict[str, PartialDate]:
    """For each actor, the date of the earliest event it takes part in."""
    first: dict[str, PartialDate] = {}
    for event in sorted((e for e in pack.events if e.date is not None),
                        key=lambda e: e.date.sort_key()):
        for actor_id in event.actors:
            first.setdefault(actor_id, event.date)
    return first


def _find_word(text: str, word: str) -> int:
    r"""Where ``word`` first stands in ``text`` as a whole word (not inside another), or -1.

    The same as searching for ``(?<!\w)word(?!\w)``, without compiling a pattern
    for each of the thousands of names a large pack has.
    """
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if not _is_word_char(text[start - 1:start]) and not _is_word_char(text[end:end + 1]):
            return start
        start = text.find(word, start + 1)
    return -1


def _is_word_char(char: str) -> bool:
    r"""What ``\w`` matches in a ``str`` pattern; ``""`` (the text's edge) is not one."""
    return char.isalnum() or char == "_"
