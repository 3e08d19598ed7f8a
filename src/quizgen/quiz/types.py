"""What a printed quiz is: its tasks, their answers, the points each is worth.

Plain frozen data, made by :mod:`quizgen.quiz.compose` and laid out by
:mod:`quizgen.render.quiz`. Every task keeps the bank questions it asks, so its
key can show their explanations and sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

from ..question import Question, SourceRef
from ..model import Language, QuestionType

# A chronology is worth two points: one for an order with a single slip (two events swapped).
CHRONOLOGY_POINTS = 2


@dataclass(frozen=True)
class QuizRequest:
    """What to make: resolved from pack.yaml's ``quiz:`` and the command line."""

    seed: int
    variants: int
    questions: int
    counts: Mapping[QuestionType, int]
    # What the printed sheet shows beside the tasks (no bearing on which tasks are chosen).
    class_field: bool = False
    time_limit: Optional[int] = None
    grades: tuple[tuple[str, int], ...] = ()  # (grade, lowest percentage), best first

    def plan(self) -> dict[QuestionType, int]:
        """Tasks per type: the counts given, and the rest of ``questions`` spread evenly."""
        plan = {t: self.counts.get(t, 0) for t in QuestionType}
        free = [t for t in QuestionType if t not in self.counts]
        rest = max(self.questions - sum(self.counts.values()), 0)
        for index, kind in enumerate(free):
            plan[kind] = rest // len(free) + (1 if index < rest % len(free) else 0)
        return plan


@dataclass(frozen=True)
class KeyNote:
    """One line of the answer key: the answer, why it is right, and where that is written."""

    mark: str
    answer: str
    explanation: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, kw_only=True)
class Task:
    """One numbered task of a quiz; ``key`` is its answer as the marking table writes it."""

    type: QuestionType
    questions: tuple[Question, ...]
    key: str
    notes: tuple[KeyNote, ...]
    facts: frozenset[str]

    @property
    def points(self) -> int:
        return 1

    @property
    def shown(self) -> tuple[str, ...]:
        """Every text a student reads in the task."""
        return ()


@dataclass(frozen=True, kw_only=True)
class Choice(Task):
    """Multiple choice or attribution: one right option, ``options[answer]``."""

    prompt: str
    context: str = ""
    options: tuple[str, ...]
    answer: int

    @property
    def shown(self) -> tuple[str, ...]:
        """And, where it asks no date, the prompt with its right option: the fact the task
        tells once answered («К чему это привело в ноябре 1947 года?» — «Ажиотаж…»). (A date
        asked is a fact no other task of the sheet asks; a source named for one claim tells
        nothing of another's.)"""
        told = () if self.questions[0].kind.dated or self.type is QuestionType.ATTRIBUTION else (
            f"{self.prompt} {self.options[self.answer]}",)
        return (self.context, self.prompt, *self.options, *told)


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Task):
    """A statement that is the truth, or the truth with one detail changed."""

    statement: str
    truth: str
    true: bool

    @property
    def shown(self) -> tuple[str, ...]:
        return (self.statement,)


@dataclass(frozen=True, kw_only=True)
class Matching(Task):
    """Items on the left, answers on the right: ``left[i]`` goes with ``right[answers[i]]``."""

    prompt: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    answers: tuple[int, ...]

    @property
    def points(self) -> int:
        """A point for each pair matched right."""
        return len(self.left)

    @property
    def shown(self) -> tuple[str, ...]:
        return (self.prompt, *self.left, *self.right)


@dataclass(frozen=True, kw_only=True)
class Chronology(Task):
    """Events to put in order: ``order`` lists the indices of ``events``, earliest first."""

    events: tuple[str, ...]
    order: tuple[int, ...]

    @property
    def points(self) -> int:
        return CHRONOLOGY_POINTS

    @property
    def shown(self) -> tuple[str, ...]:
        return self.events


@dataclass(frozen=True, kw_only=True)
class ShortAnswer(Task):
    """A question to answer in a few words, or a sentence with a blank (``before`` … ``after``).

    ``accepted`` are other answers to mark right: the other names of the same actor.
    """

    prompt: str
    context: str = ""
    before: str = ""
    after: str = ""
    answer: str
    accepted: tuple[str, ...] = ()

    @property
    def is_cloze(self) -> bool:
        return bool(self.before or self.after)

    @property
    def shown(self) -> tuple[str, ...]:
        # a cloze's sentence is read whole: «…атаки сентября 2022 года ___ отправил в Армению…»
        return (self.context, self.prompt, f"{self.before} … {self.after}" if self.is_cloze
                else "")


@dataclass(frozen=True)
class Section:
    """The tasks of one type; ``first`` is the number of its first task."""

    type: QuestionType
    first: int
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class Quiz:
    """One printed quiz: a variant of a pack's quiz, with what was asked and what was made.

    ``short`` says, for each type that made fewer tasks than planned, why the pack
    could give no more.
    """

    pack_id: str
    title: str
    language: Language
    variant: str
    seed: int
    sections: tuple[Section, ...]
    plan: Mapping[QuestionType, int]
    counted: frozenset[QuestionType]
    short: Mapping[QuestionType, str] = field(default_factory=dict)
    # The sources as questions name them, with their full titles: the student copy's legend.
    sources: tuple[tuple[str, str], ...] = ()
    class_field: bool = False
    time_limit: Optional[int] = None
    grades: tuple[tuple[str, int], ...] = ()

    @property
    def tasks(self) -> list[Task]:
        return [task for section in self.sections for task in section.tasks]

    def made(self, kind: QuestionType) -> int:
        return sum(len(s.tasks) for s in self.sections if s.type is kind)

    @property
    def asked(self) -> int:
        return sum(self.plan.values())

    @property
    def points(self) -> int:
        return sum(task.points for task in self.tasks)

    @property
    def facts(self) -> frozenset[str]:
        return frozenset(f for task in self.tasks for f in task.facts)
