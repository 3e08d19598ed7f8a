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
import itertools
import random
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Mapping, Optional, Sequence

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

# Types whose tasks use up several facts, or that few questions can feed, pick first.
FILL_ORDER = (QuestionType.CHRONOLOGY, QuestionType.MATCHING, QuestionType.ATTRIBUTION,
              QuestionType.TRUE_FALSE, QuestionType.SHORT_ANSWER, QuestionType.MULTIPLE_CHOICE)

# A matching pair: the left item, the right item, and the questions it asks.
_Pair = tuple[str, str, tuple[Question, ...]]

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
        # The sentence around the blank tells the event's story, dates and actors alike.
        return frozenset({f"event:{q.item_id}:date", f"event:{q.item_id}:actors"})
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


@dataclass(frozen=True)
class _Dated:
    """An event's date question with the span its date may mean."""

    question: Question
    title: str
    span: tuple[int, int]

    def clashes(self, other: _Dated) -> bool:
        """Whether the two dates could be the same moment, so neither order nor choice is sure."""
        return _overlap(self.span, other.span)


class _Pool:
    """What a bank offers each question type; worked out once, shared by all variants.

    Distractors are looked for only where a quiz needs them, and each search stops
    as soon as it has enough, so a bank of any size costs time in proportion to it.
    """

    def __init__(self, bank: QuestionBank) -> None:
        self.language = bank.language
        questions = bank.questions
        self.by_kind: dict[QuestionKind, list[Question]] = {kind: [] for kind in QuestionKind}
        self.by_category: dict[tuple[QuestionKind, str], list[Question]] = {}
        same_prompt: dict[tuple[QuestionKind, str], list[Question]] = {}
        # For each question id: the questions of its kind that ask the same (folded)
        # prompt, and its answer folded for comparison.
        self.same_prompt: dict[str, list[Question]] = {}
        self.answer_texts: dict[str, str] = {}
        for q in questions:
            self.by_kind[q.kind].append(q)
            self.by_category.setdefault((q.kind, q.category), []).append(q)
            self.same_prompt[q.id] = same_prompt.setdefault((q.kind, normalize(q.prompt)), [])
            self.same_prompt[q.id].append(q)
            self.answer_texts[q.id] = normalize(q.answer)
        self.spans = {q.id: self._span(q) for kind in DATED_KINDS for q in self.by_kind[kind]}
        self.nearest = {key: _Nearest(siblings, self.spans)
                        for key, siblings in self.by_category.items() if key[0] in DATED_KINDS}
        # The cloze question's prompt is its event's title (see bank._event).
        titles = {q.item_id: q.prompt for q in self.by_kind[K.EVENT_CLOZE]}
        self.dated = {q.item_id: _Dated(q, titles[q.item_id], self.spans[q.id])
                      for q in self.by_kind[K.EVENT_DATE] if q.item_id in titles and q.date}
        self.roles = {q.item_id: q for q in self.by_kind[K.ACTOR_ROLE]}
        self.sources = _source_titles(questions)
        self._distractors: dict[str, list[Question]] = {}
        self.choices = [q for q in self._choice_questions() if self._has_distractors(q)]

    def _span(self, q: Question) -> tuple[int, int]:
        assert q.date is not None
        # A date question's answer is the formatted date; "about …" marks an approximate one.
        approximate = q.kind is not K.DATE_EVENT and q.answer != format_date(q.date, self.language)
        return _span(q.date, approximate)

    def _choice_questions(self) -> Iterator[Question]:
        for kind in CHOICE_KINDS:
            for q in self.by_kind[kind]:
                if kind is K.DATE_EVENT and "," in q.answer_key:
                    continue  # "several events: …" would stand out among single titles
                yield q

    def right_answers(self, q: Question) -> tuple[set[str], set[str]]:
        """Keys and normalised texts of every answer right for ``q``'s prompt."""
        same = self.same_prompt[q.id]
        return {r.answer_key for r in same}, {self.answer_texts[r.id] for r in same}

    def _has_distractors(self, q: Question) -> bool:
        """Whether ``q`` has wrong answers enough for a choice; the search stops at that many."""
        found = itertools.islice(self._wrong_answers(q), DISTRACTORS)
        return sum(1 for _ in found) == DISTRACTORS

    def distractors(self, q: Question) -> list[Question]:
        """Sibling questions whose answers are wrong for ``q``: the nearest dates, or all."""
        if q.id not in self._distractors:
            wrong = self._wrong_answers(q)
            self._distractors[q.id] = list(
                itertools.islice(wrong, NEAREST_DATES) if q.kind in DATED_KINDS else wrong)
        return self._distractors[q.id]

    def other_dates(self, q: Question) -> list[_Dated]:
        """Event dates nearest to the date of ``q``'s event that cannot be its date."""
        own = self.dated[q.item_id]
        text = self.answer_texts[q.id]
        nearest = self.nearest[(K.EVENT_DATE, "date")].outward_from(sum(own.span))
        dated = (self.dated[s.item_id] for s in nearest if s.item_id in self.dated)
        return list(itertools.islice(
            (d for d in dated if not d.clashes(own) and self.answer_texts[d.question.id] != text),
            NEAREST_DATES))

    def _wrong_answers(self, q: Question) -> Iterator[Question]:
        """Siblings whose answers are wrong for ``q`` and differ from each other, nearest first."""
        keys, texts = self.right_answers(q)
        if q.kind in DATED_KINDS:
            span = self.spans[q.id]
            siblings: Iterable[Question] = (
                s for s in self.nearest[(q.kind, q.category)].outward_from(sum(span))
                if "," not in s.answer_key and not _overlap(span, self.spans[s.id]))
        else:
            siblings = self.by_category[(q.kind, q.category)]
        if q.kind is K.EVENT_ACTORS:
            right = set(q.answer_key.split(","))
            # Some of the right actors and no others would be half right.
            siblings = (s for s in siblings if not set(s.answer_key.split(",")) <= right)
        for s in siblings:
            text = self.answer_texts[s.id]
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
    """The claim inside a claim-holder prompt, or the whole prompt if its wording changed."""
    before, _, after = label(language, "prompt.claim-holder", claim="\0").partition("\0")
    inner = q.prompt[len(before):len(q.prompt) - len(after)]
    if q.prompt.startswith(before) and q.prompt.endswith(after) and inner:
        return inner
    return q.prompt


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

    def _order(self, candidates: Sequence[Question]) -> list[Question]:
        """Candidates in random order, those earlier variants did not ask first."""
        order = list(candidates)
        self.rng.shuffle(order)
        order.sort(key=lambda q: bool(_facts(q) & self.earlier))
        return order

    def _fresh(self, *questions: Question) -> bool:
        return not any(_facts(q) & self.used for q in questions)

    def _letter(self, index: int) -> str:
        return self.letters[index]

    def _note(self, q: Question, mark: str, answer: str, shown: str = "") -> KeyNote:
        """A key line; the explanation is left out where the task already says it."""
        said = _core(q.explanation)
        repeats = not said or said == _core(answer) or said in normalize(shown)
        return KeyNote(mark, answer, "" if repeats else q.explanation, q.sources)

    def _shuffled(self, right: str, wrong: Sequence[str]) -> tuple[tuple[str, ...], int]:
        options = [right, *wrong]
        self.rng.shuffle(options)
        return tuple(options), options.index(right)

    # --- multiple choice ---------------------------------------------------------------

    def _choices(self) -> Iterator[Task]:
        for q in self._order(self.pool.choices):
            if self._fresh(q):
                wrong = self.rng.sample(self.pool.distractors(q), DISTRACTORS)
                options, answer = self._shuffled(q.answer, [d.answer for d in wrong])
                mark = self._letter(answer)
                yield Choice(type=QuestionType.MULTIPLE_CHOICE, questions=(q,), key=mark,
                             notes=(self._note(q, mark, q.answer, q.prompt),),
                             prompt=q.prompt, options=options, answer=answer)

    # --- true or false -----------------------------------------------------------------

    def _true_false(self) -> Iterator[Task]:
        candidates = [q for q in self.pool.by_kind[K.EVENT_CLOZE]
                      if q.cloze is not None and q.cloze.hidden == q.answer
                      and q.item_id in self.pool.dated]
        candidates += [q for q in self.pool.by_kind[K.ROLE_ACTOR] if q.item_id in self.pool.roles]
        for q in self._order(candidates):
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
        keys, texts = self.pool.right_answers(q)
        others = [s.answer for s in self.pool.by_category[(q.kind, q.category)]
                  if s.answer_key not in keys and self.pool.answer_texts[s.id] not in texts]
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
        pairs = [(self.pool.roles[q.item_id], q) for q in self.pool.by_kind[K.ROLE_ACTOR]
                 if q.item_id in self.pool.roles]
        chosen = self._pick_pairs(
            [(name.answer, role.answer, (name, role)) for role, name in pairs], clash=None)
        if chosen is None:
            return None
        return self._matching("quiz.match-actors", chosen, by_date=False)

    def _match_dates(self) -> Optional[Task]:
        dated = list(self.pool.dated.values())
        chosen = self._pick_pairs(
            [(d.title, d.question.answer, (d.question,)) for d in dated],
            clash=lambda a, b: self.pool.dated[a[0].item_id].clashes(self.pool.dated[b[0].item_id]))
        if chosen is None:
            return None
        return self._matching("quiz.match-dates", chosen, by_date=True)

    def _pick_pairs(self, pairs: list[_Pair],
                    clash: Optional[Callable[[tuple[Question, ...], tuple[Question, ...]], bool]]
                    ) -> Optional[list[_Pair]]:
        """Five or six pairs, unique on both sides, of facts not yet asked."""
        size = self.rng.choice(MATCHING_SIZES)
        by_first = {pair[2][0].id: pair for pair in pairs}
        chosen: list[_Pair] = []
        lefts: set[str] = set()
        rights: set[str] = set()
        for q in self._order([pair[2][0] for pair in pairs]):
            left, right, questions = by_first[q.id]
            if (not self._fresh(*questions) or normalize(left) in lefts
                    or normalize(right) in rights
                    or (clash and any(clash(questions, c[2]) for c in chosen))):
                continue
            chosen.append((left, right, questions))
            lefts.add(normalize(left))
            rights.add(normalize(right))
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
        for q in self._order([d.question for d in self.pool.dated.values()]):
            event = self.pool.dated[q.item_id]
            if self._fresh(q) and not any(event.clashes(c) for c in chosen):
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
        # A blanked name that the sentence names again elsewhere would answer itself.
        candidates = [q for q in self.pool.by_kind[K.EVENT_CLOZE] if q.cloze is not None and
                      normalize(q.cloze.hidden) not in normalize(q.cloze.before + q.cloze.after)]
        candidates += self.pool.by_kind[K.ROLE_ACTOR]
        for q in self._order(candidates):
            if not self._fresh(q):
                continue
            if q.cloze is not None:
                answer = q.cloze.hidden
                # The event's title sets the scene, unless it names what is blanked.
                title = "" if normalize(answer) in normalize(q.prompt) else q.prompt
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
        claims = self.pool.by_kind[K.CLAIM_HOLDER]
        keys_by_claim: dict[str, set[str]] = {}
        for q in claims:
            keys_by_claim.setdefault(normalize(_claim(q, self.lang)), set()).add(q.answer_key)
        # One article per claim, and no other position saying the same in another article.
        single = [q for q in claims if "," not in q.answer_key
                  and len(keys_by_claim[normalize(_claim(q, self.lang))]) == 1]
        for q in self._order(single):
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
