"""Printed quizzes as data: which questions a quiz asks, in what order, with which options.

Pure functions of the question bank; no I/O. Every fact a quiz asks comes from
a :class:`~quizgen.bank.Question`, so a quiz and the Anki deck always agree.
Every random choice is drawn from a local ``random.Random`` seeded with the
seed and the variant letter, so one seed always gives the same quizzes.

What keeps a quiz fair:

* a wrong option is never also right: it differs from every right answer in
  ``answer_key`` and in normalised text, and for dates its span of time does not
  overlap the right one (``2024`` against ``2024-12`` would be both right);
* within one quiz no fact is asked twice, so one task never gives another away;
* each variant prefers facts that earlier variants did not ask.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import itertools
import random
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Mapping, Optional, Sequence, TypeVar

from .bank import Question, QuestionBank, QuestionKind, SourceRef
from .i18n import format_date, label
from .model import Language, PartialDate, QuestionType
from .quotes import normalize

VARIANT_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DISTRACTORS = 3
NEAREST_DATES = 5
MATCHING_SIZES = (5, 6)
CHRONOLOGY_SIZES = (4, 5, 6)

K = QuestionKind
CHOICE_KINDS = (K.EVENT_DATE, K.DATE_EVENT, K.EVENT_ACTORS, K.ACTOR_ROLE, K.ROLE_ACTOR,
                K.CAUSE_EFFECT, K.EFFECT_CAUSE)
DATED_KINDS = (K.EVENT_DATE, K.DATE_EVENT)
# The kinds a printed quiz draws its questions from.
QUIZ_KINDS = frozenset(CHOICE_KINDS + (K.EVENT_CLOZE, K.CLAIM_HOLDER))

# Types whose tasks use up several facts, or that few questions can feed, pick first.
FILL_ORDER = (QuestionType.CHRONOLOGY, QuestionType.MATCHING, QuestionType.ATTRIBUTION,
              QuestionType.TRUE_FALSE, QuestionType.SHORT_ANSWER, QuestionType.MULTIPLE_CHOICE)

# A matching pair: the left item, the right item, and the questions it asks.
_Pair = tuple[str, str, tuple[Question, ...]]
# Something a quiz picks in random order: a question, a pair, an event.
_C = TypeVar("_C")

# How far an approximate date may stray, in days, by the precision it is given to.
_APPROXIMATE_MARGIN = {"year": 366, "month": 62, "day": 7}


@dataclass(frozen=True)
class QuizRequest:
    """What to make: resolved from pack.yaml's ``quiz:`` and the command line."""

    seed: int
    variants: int
    questions: int
    counts: Mapping[QuestionType, int]

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
    """One numbered task of a quiz; ``key`` is its answer as the short key writes it."""

    type: QuestionType
    questions: tuple[Question, ...]
    key: str
    notes: tuple[KeyNote, ...]

    @property
    def facts(self) -> frozenset[str]:
        return frozenset(f for q in self.questions for f in _facts(q))


@dataclass(frozen=True, kw_only=True)
class Choice(Task):
    """Multiple choice or attribution: one right option, ``options[answer]``."""

    prompt: str
    context: str = ""
    options: tuple[str, ...]
    answer: int


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Task):
    """A statement that is the truth, or the truth with one part swapped for a sibling's."""

    statement: str
    truth: str
    true: bool


@dataclass(frozen=True, kw_only=True)
class Matching(Task):
    """Items on the left, answers on the right: ``left[i]`` goes with ``right[answers[i]]``."""

    prompt: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    answers: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class Chronology(Task):
    """Events to put in order: ``order`` lists the indices of ``events``, earliest first."""

    events: tuple[str, ...]
    order: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class ShortAnswer(Task):
    """A question to answer in a few words, or a sentence with a blank (``before`` … ``after``)."""

    prompt: str
    context: str = ""
    before: str = ""
    after: str = ""
    answer: str

    @property
    def is_cloze(self) -> bool:
        return bool(self.before or self.after)


@dataclass(frozen=True)
class Section:
    """The tasks of one type; ``first`` is the number of its first task."""

    type: QuestionType
    first: int
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class Quiz:
    """One printed quiz: a variant of a pack's quiz, with what was asked and what was made."""

    pack_id: str
    title: str
    language: Language
    variant: str
    seed: int
    sections: tuple[Section, ...]
    plan: Mapping[QuestionType, int]
    counted: frozenset[QuestionType]

    @property
    def tasks(self) -> list[Task]:
        return [task for section in self.sections for task in section.tasks]

    def made(self, kind: QuestionType) -> int:
        return sum(len(s.tasks) for s in self.sections if s.type is kind)

    @property
    def asked(self) -> int:
        return sum(self.plan.values())


def compose_quizzes(bank: QuestionBank, request: QuizRequest) -> list[Quiz]:
    """One quiz per variant (``""`` when there is one, else ``A``, ``B``, …)."""
    pool = _Pool(bank)
    variants = list(VARIANT_LETTERS[:request.variants]) if request.variants > 1 else [""]
    plan = request.plan()
    earlier: set[str] = set()
    quizzes = []
    for variant in variants:
        # Variant A and a lone quiz share a seed: asking for more variants keeps the first.
        rng = random.Random(f"{request.seed}:{variant or 'A'}")
        sections = _Composer(pool, rng, frozenset(earlier)).compose(plan, set(request.counts))
        quiz = Quiz(bank.pack_id, bank.title, bank.language, variant, request.seed,
                    sections, plan, frozenset(request.counts))
        earlier.update(f for task in quiz.tasks for f in task.facts)
        quizzes.append(quiz)
    return quizzes


def _facts(q: Question) -> frozenset[str]:
    """What a question reveals; a quiz asks each fact at most once."""
    if q.kind is K.DATE_EVENT:
        return frozenset(f"event:{e}:date" for e in q.answer_key.split(","))
    if q.kind is K.EVENT_DATE:
        return frozenset({f"event:{q.item_id}:date"})
    if q.kind is K.EVENT_ACTORS:
        return frozenset({f"event:{q.item_id}:actors"})
    if q.kind is K.EVENT_CLOZE:
        # The blank asks a fact of its own; the sentence around it names the event's
        # actors, and its date where it says the year.
        shown = q.cloze.before + q.cloze.after if q.cloze else ""
        dated = q.date is not None and str(q.date.year) in shown
        return frozenset({f"event:{q.item_id}:cloze", f"event:{q.item_id}:actors"}
                         | ({f"event:{q.item_id}:date"} if dated else set()))
    if q.kind is K.CLAIM_HOLDER:
        return frozenset({q.id})
    return frozenset({f"{q.item_kind}:{q.item_id}"})


def _span(date: PartialDate, approximate: bool) -> tuple[int, int]:
    """The days a date may mean, as ordinals; an approximate date is widened."""
    first = datetime.date(date.year, date.month or 1, date.day or 1)
    if date.day is not None:
        last = first
    elif date.month is not None:
        last = datetime.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        last -= datetime.timedelta(days=1)
    else:
        last = datetime.date(date.year, 12, 31)
    margin = _APPROXIMATE_MARGIN[date.precision] if approximate else 0
    return first.toordinal() - margin, last.toordinal() + margin


@dataclass(frozen=True, slots=True)
class _Dated:
    """An event's date question with the span its date may mean."""

    question: Question
    title: str
    span: tuple[int, int]

    def clashes(self, other: _Dated) -> bool:
        """Whether the two dates could be the same moment, so neither order nor choice is sure."""
        return _overlap(self.span, other.span)


@dataclass(frozen=True)
class _Unrivalled:
    """Siblings whose answers no other question of their kind shares, each asked its own way.

    Sharing an answer means having its key or its folded text. The siblings' prompts
    fold to different texts, so at most one of them is asked as any question is.
    """

    questions: tuple[Question, ...]
    actors: frozenset[str]

    def passed_over(self, q: Question) -> int:
        """How many of them a search for ``q`` may pass over, at most.

        A wrong answer it took cannot share their key or text, so it passes one over
        only if it is ``q``, is asked as ``q`` is (its answer is then right for ``q``:
        one at most), or names some of ``q``'s actors and no others.
        """
        if q.kind is not K.EVENT_ACTORS or self.actors.isdisjoint(q.answer_key.split(",")):
            return 1
        right = set(q.answer_key.split(","))
        return 1 + sum(1 for s in self.questions if set(s.answer_key.split(",")) <= right)


class _Pool:
    """What a bank offers each question type; worked out once, shared by all variants.

    Folding text for comparison is the dearest step, so each text is folded once, and
    an index over a kind is built when it is first needed. Whether a question has wrong
    answers enough is mostly settled without a search: from a few siblings whose answers
    nothing can rule out, or, for dates, once for all questions of a date with the same
    right answers.
    """

    def __init__(self, bank: QuestionBank) -> None:
        self.language = bank.language
        self.questions = bank.questions
        self.by_kind: dict[QuestionKind, list[Question]] = {kind: [] for kind in QuestionKind}
        for q in bank.questions:
            self.by_kind[q.kind].append(q)
        # An actor's role, to match with its name or state as true or false: an actor in
        # many events has no role card of its own, but its role-actor card holds the role.
        self.roles = {q.item_id: q._replace(kind=K.ACTOR_ROLE, answer=q.explanation)
                      for q in self.by_kind[K.ROLE_ACTOR]}
        self.roles.update({q.item_id: q for q in self.by_kind[K.ACTOR_ROLE]})
        self._folded: dict[str, str] = {}
        self._facts: dict[str, frozenset[str]] = {}
        self._categories: dict[QuestionKind, dict[str, list[Question]]] = {}
        self._same_prompt: dict[QuestionKind, dict[str, list[Question]]] = {}
        self._nearest: dict[tuple[QuestionKind, str], _Nearest] = {}
        self._unrivalled: dict[tuple[QuestionKind, str], _Unrivalled] = {}
        self._answer_counts: dict[QuestionKind, tuple[Counter[str], Counter[str]]] = {}
        self._dates_with_distractors: dict[
            tuple[QuestionKind, str, tuple[int, int], frozenset[str], frozenset[str]], bool] = {}
        self._distractors: dict[str, list[Question]] = {}

    # --- what every type asks for ------------------------------------------------------

    def fold(self, text: str) -> str:
        """``text`` normalised for comparison; many texts repeat, so each is folded once."""
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = normalize(text)
        return folded

    def facts(self, q: Question) -> frozenset[str]:
        found = self._facts.get(q.id)
        if found is None:
            found = self._facts[q.id] = _facts(q)
        return found

    @functools.cached_property
    def spans(self) -> dict[str, tuple[int, int]]:
        """The days the date of each date question may mean, by question id."""
        # Many events share a date: its span is worked out once for each way it is written.
        by_writing: dict[tuple[int, Optional[int], Optional[int], str], tuple[int, int]] = {}
        spans = {}
        for q in itertools.chain.from_iterable(self.by_kind[kind] for kind in DATED_KINDS):
            assert q.date is not None
            written = (q.date.year, q.date.month, q.date.day,
                       "" if q.kind is K.DATE_EVENT else q.answer)
            if written not in by_writing:
                by_writing[written] = self._span(q)
            spans[q.id] = by_writing[written]
        return spans

    def _span(self, q: Question) -> tuple[int, int]:
        assert q.date is not None
        # A date question's answer is the formatted date; "about …" marks an approximate one.
        approximate = q.kind is not K.DATE_EVENT and q.answer != format_date(q.date, self.language)
        return _span(q.date, approximate)

    @functools.cached_property
    def dated(self) -> dict[str, _Dated]:
        """Events with a date and a summary, by id: what chronologies and dates build on."""
        return {q.item_id: _Dated(q, q.extra_value("title"), self.spans[q.id])
                for q in self.by_kind[K.EVENT_DATE] if q.date}

    @functools.cached_property
    def events(self) -> list[_Dated]:
        """The dated events, for chronologies and matching."""
        return list(self.dated.values())

    @functools.cached_property
    def sources(self) -> list[tuple[str, str]]:
        return _source_titles(self.questions)

    def siblings(self, q: Question) -> list[Question]:
        """The questions of ``q``'s kind and category, ``q`` among them."""
        categories = self._categories.get(q.kind)
        if categories is None:
            categories = self._categories[q.kind] = {}
            for s in self.by_kind[q.kind]:
                categories.setdefault(s.category, []).append(s)
        return categories[q.category]

    # --- candidates of each type -------------------------------------------------------

    @functools.cached_property
    def choice_candidates(self) -> list[Question]:
        """Questions of the kinds asked as a choice; :meth:`has_distractors` tells which can be."""
        return list(self._choice_questions())

    @functools.cached_property
    def statements(self) -> list[Question]:
        """Questions that can be turned into a statement that is true or false."""
        candidates = [q for q in self.by_kind[K.EVENT_CLOZE]
                      if q.cloze is not None and q.cloze.hidden == q.answer
                      and q.item_id in self.dated]
        return candidates + self.named_roles

    @functools.cached_property
    def named_roles(self) -> list[Question]:
        """Questions for an actor's name whose role is asked too."""
        return [q for q in self.by_kind[K.ROLE_ACTOR] if q.item_id in self.roles]

    @functools.cached_property
    def short_answer_candidates(self) -> list[Question]:
        """Questions to answer in a few words, or by filling in a blank (:meth:`gives_itself_away`)."""
        return [q for q in self.by_kind[K.EVENT_CLOZE] if q.cloze is not None] + \
            self.by_kind[K.ROLE_ACTOR]

    def gives_itself_away(self, q: Question) -> bool:
        """Whether a blanked name is named again elsewhere in its sentence."""
        return q.cloze is not None and (
            self.fold(q.cloze.hidden) in normalize(q.cloze.before + q.cloze.after))

    @functools.cached_property
    def attributions(self) -> list[Question]:
        """Claims held in one article, and said by no position in another article."""
        claims = self.by_kind[K.CLAIM_HOLDER]
        folded = [self.fold(_claim(q, self.language)) for q in claims]
        articles: dict[str, set[str]] = {}
        for q, claim in zip(claims, folded):
            articles.setdefault(claim, set()).add(q.answer_key)
        return [q for q, claim in zip(claims, folded)
                if "," not in q.answer_key and len(articles[claim]) == 1]

    # --- right and wrong answers -------------------------------------------------------

    def right_answers(self, q: Question) -> tuple[set[str], set[str]]:
        """Keys and normalised texts of every answer right for ``q``'s prompt."""
        same = self._asked_like(q)
        return {r.answer_key for r in same}, {self.fold(r.answer) for r in same}

    def _asked_like(self, q: Question) -> list[Question]:
        """The questions of ``q``'s kind whose prompt folds to the same text, ``q`` among them."""
        index = self._same_prompt.get(q.kind)
        if index is None:
            index = self._same_prompt[q.kind] = {}
            for r in self.by_kind[q.kind]:
                index.setdefault(self.fold(r.prompt), []).append(r)
        return index[self.fold(q.prompt)]

    def distractors(self, q: Question) -> list[Question]:
        """Sibling questions whose answers are wrong for ``q``: the nearest dates, or all."""
        if q.id not in self._distractors:
            wrong = self._wrong_answers(q)
            self._distractors[q.id] = list(
                itertools.islice(wrong, NEAREST_DATES) if q.kind in DATED_KINDS else wrong)
        return self._distractors[q.id]

    def other_answers(self, q: Question) -> list[str]:
        """The answers of all of ``q``'s siblings that are wrong for it, repeats and all."""
        keys, texts = self.right_answers(q)
        return [s.answer for s in self.siblings(q)
                if s.answer_key not in keys and self.fold(s.answer) not in texts]

    def other_dates(self, q: Question) -> list[_Dated]:
        """Event dates nearest to the date of ``q``'s event that cannot be its date."""
        own = self.dated[q.item_id]
        text = self.fold(q.answer)
        nearest = self._nearest_to(own.question).outward_from(sum(own.span))
        dated = (self.dated[s.item_id] for s in nearest if s.item_id in self.dated)
        return list(itertools.islice(
            (d for d in dated if not d.clashes(own) and self.fold(d.question.answer) != text),
            NEAREST_DATES))

    def _choice_questions(self) -> Iterator[Question]:
        for kind in CHOICE_KINDS:
            for q in self.by_kind[kind]:
                if kind is K.DATE_EVENT and "," in q.answer_key:
                    continue  # "several events: …" would stand out among single titles
                yield q

    def has_distractors(self, q: Question) -> bool:
        """Whether ``q`` has wrong answers enough for a choice."""
        if q.kind in DATED_KINDS:
            # The search for a date depends on its span and its right answers alone, and
            # the questions of one date mostly share both.
            keys, texts = self.right_answers(q)
            asked = (q.kind, q.category, self.spans[q.id], frozenset(keys), frozenset(texts))
            if asked not in self._dates_with_distractors:
                self._dates_with_distractors[asked] = self._finds_distractors(q)
            return self._dates_with_distractors[asked]
        # A search takes every sibling it does not pass over, so it cannot miss then.
        unrivalled = self._unrivalled_in(q)
        return (len(unrivalled.questions) - unrivalled.passed_over(q) >= DISTRACTORS
                or self._finds_distractors(q))

    def _finds_distractors(self, q: Question) -> bool:
        """Whether a search for ``q``'s wrong answers finds enough; it stops at that many."""
        found = itertools.islice(self._wrong_answers(q), DISTRACTORS)
        return sum(1 for _ in found) == DISTRACTORS

    def _unrivalled_in(self, q: Question) -> _Unrivalled:
        """The first unrivalled siblings of ``q`` (not a date question), as many as may count."""
        if (q.kind, q.category) not in self._unrivalled:
            keys, texts = self._answers_of(q.kind)
            found: list[Question] = []
            prompts: set[str] = set()
            for s in self.siblings(q):
                if (keys[s.answer_key] == 1 and texts[self.fold(s.answer)] == 1
                        and self.fold(s.prompt) not in prompts):
                    found.append(s)
                    prompts.add(self.fold(s.prompt))
                    if len(found) == 2 * (DISTRACTORS + 1):
                        break
            actors = frozenset(a for s in found for a in s.answer_key.split(","))
            self._unrivalled[(q.kind, q.category)] = _Unrivalled(tuple(found), actors)
        return self._unrivalled[(q.kind, q.category)]

    def _answers_of(self, kind: QuestionKind) -> tuple[Counter[str], Counter[str]]:
        """How many questions of a kind have each answer key, and each folded answer."""
        if kind not in self._answer_counts:
            questions = self.by_kind[kind]
            self._answer_counts[kind] = (Counter(q.answer_key for q in questions),
                                         Counter(self.fold(q.answer) for q in questions))
        return self._answer_counts[kind]

    def _siblings(self, q: Question) -> Iterable[Question]:
        """Questions whose answers may stand in for ``q``'s: for dates, nearest first."""
        if q.kind not in DATED_KINDS:
            return self.siblings(q)
        span = self.spans[q.id]
        return (s for s in self._nearest_to(q).outward_from(sum(span))
                if "," not in s.answer_key and not _overlap(span, self.spans[s.id]))

    def _nearest_to(self, q: Question) -> _Nearest:
        """``q``'s siblings, to walk outward from a date."""
        found = self._nearest.get((q.kind, q.category))
        if found is None:
            found = self._nearest[(q.kind, q.category)] = _Nearest(self.siblings(q), self.spans)
        return found

    def _wrong_answers(self, q: Question) -> Iterator[Question]:
        """Siblings whose answers are wrong for ``q`` and differ from each other, nearest first."""
        keys, texts = self.right_answers(q)
        siblings = self._siblings(q)
        if q.kind is K.EVENT_ACTORS:
            right = set(q.answer_key.split(","))
            # Some of the right actors and no others would be half right.
            siblings = (s for s in siblings if not set(s.answer_key.split(",")) <= right)
        for s in siblings:
            text = self.fold(s.answer)
            if s.id != q.id and s.answer_key not in keys and text not in texts:
                keys.add(s.answer_key)
                texts.add(text)
                yield s


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


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _itself(q: Question) -> Question:
    return q


def _join(before: str, middle: str, after: str) -> str:
    """A sentence with a part put in; "2024 г." before the closing full stop keeps one stop."""
    if middle.endswith(".") and after.startswith("."):
        after = after[1:]
    return before + middle + after


def _core(text: str) -> str:
    """Text folded for comparison, without its closing punctuation."""
    return normalize(text).rstrip(" .!?…")


def _source_titles(questions: Sequence[Question]) -> list[tuple[str, str]]:
    titles: dict[str, str] = {}
    for q in questions:
        for ref in q.sources:
            titles.setdefault(ref.source_id, ref.title)
    return sorted(titles.items())


def _claim(q: Question, language: Language) -> str:
    """The claim a claim-holder question quotes."""
    return q.extra_value("claim") or q.prompt


class _Composer:
    """Picks the tasks of one variant."""

    def __init__(self, pool: _Pool, rng: random.Random, earlier: frozenset[str]) -> None:
        self.pool = pool
        self.rng = rng
        self.earlier = earlier
        self.used: set[str] = set()
        self.lang = pool.language
        self.letters = label(self.lang, "quiz.letters")

    def compose(self, plan: Mapping[QuestionType, int],
                counted: set[QuestionType]) -> tuple[Section, ...]:
        makers: dict[QuestionType, Iterator[Task]] = {
            QuestionType.MULTIPLE_CHOICE: self._choices(),
            QuestionType.TRUE_FALSE: self._true_false(),
            QuestionType.MATCHING: self._matchings(),
            QuestionType.CHRONOLOGY: self._chronologies(),
            QuestionType.SHORT_ANSWER: self._short_answers(),
            QuestionType.ATTRIBUTION: self._attributions(),
        }
        made: dict[QuestionType, list[Task]] = {t: [] for t in QuestionType}

        def take(kind: QuestionType) -> bool:
            task = next(makers[kind], None)
            if task is not None:
                self.used.update(task.facts)
                made[kind].append(task)
            return task is not None

        for kind in FILL_ORDER:
            while len(made[kind]) < plan[kind] and take(kind):
                pass
        # What a type left unmade goes to the types no count was given for, lightest first.
        missing = sum(max(plan[t] - len(made[t]), 0) for t in QuestionType if t not in counted)
        free = [t for t in reversed(FILL_ORDER) if t not in counted]
        while missing > 0 and free:
            for kind in list(free):
                if missing > 0 and take(kind):
                    missing -= 1
                elif missing > 0:
                    free.remove(kind)
        return self._sections(made)

    def _sections(self, made: Mapping[QuestionType, list[Task]]) -> tuple[Section, ...]:
        sections, number = [], 1
        for kind in QuestionType:
            tasks = list(made[kind])
            if tasks:
                self.rng.shuffle(tasks)
                sections.append(Section(kind, number, tuple(tasks)))
                number += len(tasks)
        return tuple(sections)

    # --- helpers -----------------------------------------------------------------------

    def _order(self, candidates: Sequence[_C], asks: Callable[[_C], Question]) -> Iterator[_C]:
        """Candidates in random order, those whose question earlier variants did not ask first.

        The order is drawn as it is read: a quiz reads a few dozen candidates of the
        thousands a large pack offers. Whether a candidate can be asked is checked by
        the caller as it reads, so that too is worked out only for those read.
        """
        order = self._drawn(candidates)
        return self._unasked_first(order, asks) if self.earlier else order

    def _drawn(self, items: Sequence[_C]) -> Iterator[_C]:
        """``items`` in random order, one draw each as read: a Fisher-Yates shuffle, lazily."""
        moved: dict[int, int] = {}  # position -> index of the item now there, where swapped
        count = len(items)
        for position in range(count):
            drawn = self.rng.randrange(position, count)
            yield items[moved.get(drawn, drawn)]
            moved[drawn] = moved.get(position, position)

    def _unasked_first(self, order: list[_C], asks: Callable[[_C], Question]) -> Iterator[_C]:
        asked = []
        for candidate in order:
            if self.pool.facts(asks(candidate)) & self.earlier:
                asked.append(candidate)
            else:
                yield candidate
        yield from asked

    def _fresh(self, *questions: Question) -> bool:
        return not any(self.pool.facts(q) & self.used for q in questions)

    def _letter(self, index: int) -> str:
        return self.letters[index]

    def _note(self, q: Question, mark: str, answer: str, shown: str = "") -> KeyNote:
        """A key line; the explanation is left out where the task already says it."""
        said = _core(q.explanation)
        repeats = not said or said == _core(answer) or said in self.pool.fold(shown)
        return KeyNote(mark, answer, "" if repeats else q.explanation, q.sources)

    def _shuffled(self, right: str, wrong: Sequence[str]) -> tuple[tuple[str, ...], int]:
        options = [right, *wrong]
        self.rng.shuffle(options)
        return tuple(options), options.index(right)

    # --- multiple choice ---------------------------------------------------------------

    def _choices(self) -> Iterator[Task]:
        for q in self._order(self.pool.choice_candidates, _itself):
            if self._fresh(q) and self.pool.has_distractors(q):
                wrong = self.rng.sample(self.pool.distractors(q), DISTRACTORS)
                options, answer = self._shuffled(q.answer, [d.answer for d in wrong])
                mark = self._letter(answer)
                yield Choice(type=QuestionType.MULTIPLE_CHOICE, questions=(q,), key=mark,
                             notes=(self._note(q, mark, q.answer, q.prompt),),
                             prompt=q.prompt, options=options, answer=answer)

    # --- true or false -----------------------------------------------------------------

    def _true_false(self) -> Iterator[Task]:
        for q in self._order(self.pool.statements, _itself):
            if not self._fresh(q):
                continue
            if q.kind is K.EVENT_CLOZE:
                task = self._date_statement(q)
            else:
                task = self._role_statement(q)
            if task is not None:
                yield task

    def _date_statement(self, q: Question) -> Optional[Task]:
        """The event's summary with its date, or with a date that cannot be its own."""
        assert q.cloze is not None
        others = self.pool.other_dates(q)
        if not others:
            return None
        swap = self.rng.choice(others).question.answer
        return self._statement(q, (q.cloze.before, q.cloze.after), q.answer, swap)

    def _role_statement(self, q: Question) -> Optional[Task]:
        """An actor's role with its name, or with the name of another actor of its kind."""
        others = self.pool.other_answers(q)
        if not others:
            return None
        role = self.pool.roles[q.item_id].answer.rstrip(".")
        before, _, after = label(self.lang, "quiz.tf-role", role=role, name="\0").partition("\0")
        return self._statement(q, (before, after), q.answer, self.rng.choice(others))

    def _statement(self, q: Question, around: tuple[str, str], right: str, wrong: str) -> Task:
        """``right`` or ``wrong`` between the two halves of a sentence, by a coin toss."""
        true = self.rng.random() < 0.5
        mark = label(self.lang, "quiz.true" if true else "quiz.false")
        answer = "" if true else label(self.lang, "quiz.in-fact", answer=right)
        truth = _join(around[0], right, around[1])
        statement = truth if true else _join(around[0], wrong, around[1])
        return TrueFalse(type=QuestionType.TRUE_FALSE, questions=(q,), key=mark,
                         notes=(self._note(q, mark, answer, truth),),
                         statement=statement, truth=truth, true=true)

    # --- matching ----------------------------------------------------------------------

    def _matchings(self) -> Iterator[Task]:
        makers: list[Callable[[], Optional[Task]]] = [self._match_actors, self._match_dates]
        self.rng.shuffle(makers)
        while makers:
            task = makers[0]()
            if task is None:
                makers.pop(0)
                continue
            yield task
            makers.append(makers.pop(0))

    def _match_actors(self) -> Optional[Task]:
        chosen = self._pick_pairs(self.pool.named_roles, self._name_and_role, clash=None)
        if chosen is None:
            return None
        return self._matching("quiz.match-actors", chosen, by_date=False)

    def _name_and_role(self, q: Question) -> _Pair:
        role = self.pool.roles[q.item_id]
        return q.answer, role.answer, (q, role)

    def _match_dates(self) -> Optional[Task]:
        chosen = self._pick_pairs(
            self.pool.events, lambda event: (event.title, event.question.answer, (event.question,)),
            clash=lambda a, b: self.pool.dated[a[0].item_id].clashes(self.pool.dated[b[0].item_id]))
        if chosen is None:
            return None
        return self._matching("quiz.match-dates", chosen, by_date=True)

    def _pick_pairs(self, candidates: Sequence[_C], pair: Callable[[_C], _Pair],
                    clash: Optional[Callable[[tuple[Question, ...], tuple[Question, ...]], bool]]
                    ) -> Optional[list[_Pair]]:
        """Five or six pairs, unique on both sides, of facts not yet asked."""
        size = self.rng.choice(MATCHING_SIZES)
        fold = self.pool.fold
        chosen: list[_Pair] = []
        lefts: set[str] = set()
        rights: set[str] = set()
        for candidate in self._order(candidates, lambda c: pair(c)[2][0]):
            left, right, questions = pair(candidate)
            if (not self._fresh(*questions) or fold(left) in lefts or fold(right) in rights
                    or (clash and any(clash(questions, c[2]) for c in chosen))):
                continue
            chosen.append((left, right, questions))
            lefts.add(fold(left))
            rights.add(fold(right))
            if len(chosen) == size:
                break
        return chosen if len(chosen) >= MATCHING_SIZES[0] else None

    def _matching(self, prompt_key: str, chosen: list[_Pair], by_date: bool) -> Task:
        """The right column shuffled, or dates in order: that gives nothing away."""
        right_order = list(range(len(chosen)))
        if by_date:
            right_order.sort(key=lambda i: self.pool.dated[chosen[i][2][0].item_id].span)
        else:
            self.rng.shuffle(right_order)
        right = tuple(chosen[i][1] for i in right_order)
        answers = tuple(right_order.index(i) for i in range(len(chosen)))
        marks = [f"{n} — {self._letter(a)}" for n, a in enumerate(answers, start=1)]
        notes = tuple(self._note(questions[-1], mark, f"{left} — {answer}", f"{left} {answer}")
                      for mark, (left, answer, questions) in zip(marks, chosen))
        return Matching(type=QuestionType.MATCHING,
                        questions=tuple(q for _, _, qs in chosen for q in qs),
                        key=", ".join(marks), notes=notes, prompt=label(self.lang, prompt_key),
                        left=tuple(left for left, _, _ in chosen), right=right, answers=answers)

    # --- chronology --------------------------------------------------------------------

    def _chronologies(self) -> Iterator[Task]:
        while True:
            task = self._chronology()
            if task is None:
                return
            yield task

    def _chronology(self) -> Optional[Task]:
        """Four to six events whose dates cannot be confused, shown out of order."""
        size = self.rng.choice(CHRONOLOGY_SIZES)
        chosen: list[_Dated] = []
        for event in self._order(self.pool.events, lambda event: event.question):
            if self._fresh(event.question) and not any(event.clashes(c) for c in chosen):
                chosen.append(event)
                if len(chosen) == size:
                    break
        if len(chosen) < CHRONOLOGY_SIZES[0]:
            return None
        order = sorted(range(len(chosen)), key=lambda i: chosen[i].span)
        if order == list(range(len(chosen))):
            chosen.append(chosen.pop(0))  # already in order would be no task at all
            order = sorted(range(len(chosen)), key=lambda i: chosen[i].span)
        notes = tuple(self._note(chosen[i].question, self._letter(i),
                                 f"{chosen[i].title} — {chosen[i].question.answer}")
                      for i in order)
        return Chronology(type=QuestionType.CHRONOLOGY,
                          questions=tuple(c.question for c in chosen),
                          key=", ".join(self._letter(i) for i in order), notes=notes,
                          events=tuple(c.title for c in chosen), order=tuple(order))

    # --- short answer ------------------------------------------------------------------

    def _short_answers(self) -> Iterator[Task]:
        for q in self._order(self.pool.short_answer_candidates, _itself):
            if not self._fresh(q) or self.pool.gives_itself_away(q):
                continue
            if q.cloze is not None:
                answer = q.cloze.hidden
                # The event's title sets the scene, unless it names what is blanked.
                title = "" if self.pool.fold(answer) in self.pool.fold(q.prompt) else q.prompt
                yield ShortAnswer(type=QuestionType.SHORT_ANSWER, questions=(q,), key=answer,
                                  notes=(self._note(q, "", answer, q.cloze.before + answer
                                                    + q.cloze.after),),
                                  prompt="", context=title, before=q.cloze.before,
                                  after=q.cloze.after, answer=answer)
            else:
                yield ShortAnswer(type=QuestionType.SHORT_ANSWER, questions=(q,), key=q.answer,
                                  notes=(self._note(q, "", q.answer, q.prompt),),
                                  prompt=q.prompt, answer=q.answer)

    # --- attribution -------------------------------------------------------------------

    def _attributions(self) -> Iterator[Task]:
        sources = self.pool.sources
        if len(sources) < 2:
            return
        for q in self._order(self.pool.attributions, _itself):
            if self._fresh(q):
                yield self._attribution(q, sources)

    def _attribution(self, q: Question, sources: list[tuple[str, str]]) -> Task:
        right = dict(sources)[q.answer_key]
        others = [title for sid, title in sources if sid != q.answer_key]
        wrong = self.rng.sample(others, min(DISTRACTORS, len(others)))
        options, answer = self._shuffled(right, wrong)
        mark = self._letter(answer)
        holder = dict(q.extra).get("holder")
        note = KeyNote(mark, right, q.answer if holder else "", q.sources)
        return Choice(type=QuestionType.ATTRIBUTION, questions=(q,), key=mark, notes=(note,),
                      prompt=label(self.lang, "quiz.attribution", claim=_claim(q, self.lang)),
                      context=label(self.lang, "quiz.dispute", question=q.explanation),
                      options=options, answer=answer)
