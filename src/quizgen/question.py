"""What a question is, as data: its kind, its text, and the typed facts the rules read.

The bank fills :class:`Facts` once for each question; the deck, the quizzes, the study page
and the exports read what a question is about and what its answer is from there, never
from its rendered text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple, Optional, Union

from .model import Language, PartialDate
from .truth import PackTruth


class QuestionKind(str, Enum):
    EVENT_DATE = "event-date"
    DATE_EVENT = "date-event"
    EVENT_ACTORS = "event-actors"
    EVENT_CLOZE = "event-cloze"
    ACTOR_ROLE = "actor-role"
    ROLE_ACTOR = "role-actor"
    CAUSE_EFFECT = "cause-effect"
    EFFECT_CAUSE = "effect-cause"
    DISPUTE_POSITION = "dispute-position"
    CLAIM_HOLDER = "claim-holder"

    @property
    def dated(self) -> bool:
        """Whether the question asks a date, or what happened at one."""
        return self in _DATED

    @property
    def causal(self) -> bool:
        return self in _CAUSAL

    @property
    def choice(self) -> bool:
        """Whether a quiz may ask it as a choice among options of the same kind."""
        return self in _CHOICE

    @property
    def quizzed(self) -> bool:
        """Whether the printed quizzes and the exports draw from it (the deck asks every kind)."""
        return self in _QUIZZED

    @property
    def names_actors(self) -> bool:
        """Whether its answer is one or more actors' names."""
        return self in _NAME_ANSWERS


K = QuestionKind
_DATED = frozenset({K.EVENT_DATE, K.DATE_EVENT})
_CAUSAL = frozenset({K.CAUSE_EFFECT, K.EFFECT_CAUSE})
_CHOICE = frozenset({K.EVENT_DATE, K.DATE_EVENT, K.EVENT_ACTORS, K.ACTOR_ROLE, K.ROLE_ACTOR,
                     K.CAUSE_EFFECT, K.EFFECT_CAUSE})
_QUIZZED = _CHOICE | {K.EVENT_CLOZE, K.CLAIM_HOLDER}
_NAME_ANSWERS = frozenset({K.EVENT_ACTORS, K.ROLE_ACTOR, K.CLAIM_HOLDER})

# Questions of one date come in this order of kinds.
_KIND_ORDER = {kind: index for index, kind in enumerate(QuestionKind)}


@dataclass(frozen=True)
class SourceRef:
    """Where a fact comes from: the source's id, its label (or title), and the quote."""

    source_id: str
    title: str
    quote: str
    about: str = ""  # what kind of source it is (``sources[].description``), shown beside it


@dataclass(frozen=True)
class Cloze:
    """A sentence with one part hidden: ``before`` + [``hidden``] + ``after``."""

    before: str
    hidden: str
    after: str


@dataclass(frozen=True, slots=True)
class Facts:
    """What a question is about and what its answer is, as the bank knows it.

    ``answer_ids`` are the items the answer is: actors (who took part, who is described,
    who holds a claim), events (what happened then), cause links (the effect or cause
    asked), dispute positions, or sources (which source says a claim). A date question's
    answer is ``answer_date``. ``key`` is the answer's identity: two questions whose keys are
    equal have the same right answer.
    """

    answer_ids: tuple[str, ...] = ()
    answer_date: Optional[PartialDate] = None
    # The answer lists several members, numbered ("1) …; 2) …").
    listed: bool = False
    # Event questions: the event's title. Actor questions: the actor's role as shown beside
    # names, and what its opening says the actor is («Высший партийный орган» of «Высший
    # партийный орган, принявший…»), where it opens with a noun and the actor is no person.
    title: str = ""
    role: str = ""
    kind: str = ""
    # "Who fills the blank": the word right before the blank («король» of «польский король ___»).
    before_blank: str = ""
    # Claim-holder questions: the claim as a clause, the sources that hold it, and whose
    # answer they report (a sentence for a quiz to show beside the question, or "").
    claim: str = ""
    said_by: tuple[str, ...] = ()
    held: str = ""
    holder: Optional[str] = None
    # The source whose reading the question asks (its prompt opens with it), if one, and
    # the source whose reading the answer is (it ends with it), if one.
    reading: Optional[str] = None
    answer_reading: Optional[str] = None
    # The prompt without that opening: what is asked.
    asks: str = ""
    # Every other right way to write the answer (:mod:`quizgen.answers`): other names of an
    # actor, a surname, case forms in a blank, numbers written another way.
    accepted: tuple[str, ...] = ()
    # Date answers: from outside the sources; given to about a year.
    outside: bool = False
    approximate: bool = False

    @property
    def key(self) -> tuple[str, ...]:
        return (str(self.answer_date),) if self.answer_date is not None else self.answer_ids


# Where in the content a question's prompt or answer comes from: item kind, item id
# and the path inside the item, e.g. ("actors", "osce", ("role",)).
Origin = tuple[str, str, tuple[Union[str, int], ...]]


class Question(NamedTuple):
    """One question of the bank.

    ``category`` groups questions whose answers may stand in for each other as
    distractors (dates; actors of one kind; …); ``facts`` says what the question is about
    and what its answer is. ``asked_at`` and ``answered_at`` locate the content the prompt
    and the answer are made from, for the card checks.

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
    category: str
    facts: Facts
    cloze: Optional[Cloze] = None
    asked_at: Optional[Origin] = None
    answered_at: Optional[Origin] = None

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
    # Each source as questions name it (its label, or its title in quotation marks), with
    # its full title.
    sources: tuple[tuple[str, str], ...] = ()

    def of_kind(self, *kinds: QuestionKind) -> list[Question]:
        return [q for q in self.questions if q.kind in kinds]

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}
