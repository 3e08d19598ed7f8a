"""How a quiz is composed: which questions it asks, in what order, with which options.

Pure functions of the question bank; no I/O. Every fact a quiz asks comes from a
:class:`~quizgen.bank.Question`, so a quiz and the Anki deck always agree. Every
random choice is drawn from a local ``random.Random`` seeded with the seed and the
variant letter, so one seed always gives the same quizzes.

The mix: the types take turns, each time the type furthest below its share of the
plan, so that no type uses up the facts the others need (chronologies and matching
draw on the same dates as true-or-false statements). A type that runs out says why
(:attr:`Quiz.short`), and the types given no count make up what it left unmade, so a
quiz reaches the length asked whenever the pack can supply it. Within one quiz no
fact is asked twice; each variant prefers facts that earlier variants did not ask.
Which options are fair is judged in :mod:`quizgen.quiz.pool`.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
import re
from typing import Callable, Iterator, Mapping, Optional, Sequence, TypeVar

from .. import rules
from ..spans import overlap as days_overlap
from ..grammar import role_head
from ..text import coarse_lemma_stems, fold, word_count
from ..question import Question, QuestionBank, QuestionKind
from ..i18n import date_phrase, label, quoted
from ..model import QuestionType
from .balance import balance_answers, length_fair
from .shortfall import explain_shortfall
from .pool import (CHOICE_KINDS, CUE_WORDS, CUE_WORDS_BESIDE_A_DATE, DISTRACTORS,
                   Dated, Pool, both_sources_candidates, facts_of, held_by_both)
from .types import (Chronology, Choice, KeyNote, Matching, Quiz, QuizRequest, Section,
                    ShortAnswer, Task, TrueFalse)

VARIANT_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MATCHING_SIZES = (5, 6)
CHRONOLOGY_SIZES = (4, 5)
# A false statement's date is one of the few nearest: one detail changed, not a wild guess.
NEAR_DATES = 3
# A prompt read in one go, beside four options: a longer one (a cause's effect asked
# "besides" four others it names) is left to the cards.
MAX_PROMPT_WORDS = 30
# Options whose lengths differ more than this look unlike each other.
LENGTH_RATIO = 2.0
# Questions of one kind tried in a row without three fair options before the kind is left
# out: a pack whose answers are all alike would otherwise try every question of it.
MAX_FAILED_CHOICES = 200
# Tasks of a type tried in a row that tell, or are told, an answer of a task already chosen.
MAX_CUEING = 50

K = QuestionKind
T = QuestionType
# Which type goes first when several are as far below their share: the scarce ones.
_TURN = {t: i for i, t in enumerate((T.ATTRIBUTION, T.TRUE_FALSE, T.SHORT_ANSWER,
                                     T.MULTIPLE_CHOICE, T.MATCHING, T.CHRONOLOGY))}

# A matching pair: the left item, the right item, and the questions it asks.
_Pair = tuple[str, str, tuple[Question, ...]]
_C = TypeVar("_C")


def compose_quizzes(bank: QuestionBank, request: QuizRequest, more: int = 0) -> list[Quiz]:
    """One quiz per variant (``""`` when there is one, else ``A``, ``B``, …), then ``more``
    variants after them, composed with the printed variants' mix.

    The printed variants are comparable: each asks as many tasks of each type (see
    :func:`_comparable`). A build composes the study page's pool along with the printed
    quizzes in one go.
    """
    pool = Pool(bank)
    count = min(request.variants + more, len(VARIANT_LETTERS))
    variants = list(VARIANT_LETTERS[:count])
    if request.variants == 1:
        variants[0] = ""
    printed, plan, counted, first = _comparable(pool, bank, request, variants[:request.variants])
    earlier = {f for quiz in printed for f in quiz.facts}
    rest = _compose_variants(pool, bank, request, variants[request.variants:], plan, counted,
                             first, earlier)
    return [*printed, *(_replace_plan(quiz, request.plan(), frozenset(request.counts), {})
                        for quiz in rest)]


# Times the printed variants are composed again, each time nearer a mix all of them can make.
MAX_ROUNDS = 12


def _comparable(pool: Pool, bank: QuestionBank, request: QuizRequest, variants: list[str]
                ) -> _Round:
    """The printed variants, each with the same number of tasks of each type, and the plan,
    counted types and ranks of the types going first they were composed with.

    A type that falls short in any variant is composed again ahead of the others, which
    give way (so a count given is honoured wherever the pack can supply it); where it still
    falls short, every variant asks as many of it as the one that made fewest, and the
    types that never fell short make up the rest. Where no round agrees, every variant asks
    as many of each type as the one that made fewest, again until they agree (the report says
    which types were kept to fewer). Matchings are then cut to the same sizes, so that the
    variants are worth as many points.
    """
    plan, counted = request.plan(), frozenset(request.counts)
    first: dict[QuestionType, int] = {}
    starved: set[QuestionType] = set()
    rounds: list[_Round] = []
    # Why a variant fell short of so many tasks of a type, in any round.
    reasons: dict[tuple[str, QuestionType, int], str] = {}
    for _ in range(MAX_ROUNDS + 1):
        quizzes = _compose_variants(pool, bank, request, variants, plan, counted, first, set())
        rounds.append((quizzes, plan, counted, dict(first)))
        reasons.update({(q.variant, t, q.plan[t]): why for q in quizzes
                        for t, why in q.short.items()})
        # Without a shortfall, each variant made its plan: the mixes agree.
        short = frozenset(t for quiz in quizzes for t in quiz.short)
        if not short:
            break
        starved |= short
        if short - first.keys():
            # A type given a count goes before one that was not: the others give way to it.
            first.update({t: 0 if t in request.counts else 1 for t in short - first.keys()})
        else:
            plan, counted = _common_mix(quizzes, request.questions, starved), frozenset(QuestionType)
    # The first round that best honours the counts given, then the length, then agrees.
    requested = request.plan()

    def merit(quizzes: list[Quiz]) -> tuple[int, int, bool]:
        honoured = sum(min(q.made(t), requested[t]) for q in quizzes for t in request.counts)
        return (honoured, min(len(q.tasks) for q in quizzes), len({_mix(q) for q in quizzes}) == 1)

    quizzes, plan, counted, ranks = max(rounds, key=lambda r: merit(r[0]))
    quizzes, plan, counted = _agreeing(pool, bank, request, variants, (quizzes, plan, counted),
                                       ranks)
    quizzes = _even_matchings(quizzes, label(bank.language, "quiz.letters"))
    return ([_replace_plan(quiz, requested, frozenset(request.counts), reasons)
             for quiz in quizzes], plan, counted, ranks)


def _agreeing(pool: Pool, bank: QuestionBank, request: QuizRequest, variants: list[str],
              best: tuple[list[Quiz], dict[QuestionType, int], frozenset[QuestionType]],
              ranks: dict[QuestionType, int]
              ) -> tuple[list[Quiz], dict[QuestionType, int], frozenset[QuestionType]]:
    """The variants of ``best`` where they agree on one mix; else variants that do: each
    asks as many of each type as the one that made fewest, until they agree (the plan only
    shrinks), then one more of a type at a time while they still agree. Variants of one class
    are worth the same; a task or two fewer is the lesser loss."""
    quizzes = best[0]
    if len({_mix(q) for q in quizzes}) == 1:
        return best

    def compose(plan: dict[QuestionType, int]) -> list[Quiz]:
        return _compose_variants(pool, bank, request, variants, plan, frozenset(QuestionType),
                                 ranks, set())

    def agree(tried: list[Quiz]) -> bool:
        return len({_mix(q) for q in tried}) == 1

    most = {t: max(q.made(t) for q in quizzes) for t in QuestionType}
    fewer = quizzes
    for _ in range(MAX_ROUNDS):
        least = {t: min(q.made(t) for q in fewer) for t in QuestionType}
        fewer = compose(least)
        if agree(fewer):
            break
    else:
        return best
    grown = True
    while grown and len(fewer[0].tasks) < request.questions:
        grown = False
        # A type some variant made more of first; then any the user gave no count, so that a
        # sheet one task short takes one more of a type both variants can still make.
        growable = [*sorted((t for t in QuestionType if least[t] < most[t]), key=_TURN.__getitem__),
                    *sorted((t for t in QuestionType
                             if least[t] >= most[t] and t not in request.counts),
                            key=_TURN.__getitem__)]
        for kind in growable:
            more = {**least, kind: least[kind] + 1}
            tried = compose(more)
            if agree(tried) and len(tried[0].tasks) > len(fewer[0].tasks):
                fewer, least, grown = tried, more, True
                break
    return fewer, least, frozenset(QuestionType)


# A round of composing the printed variants: the quizzes, and the plan, counted types and
# ranks of the types going first they were composed with.
_Round = tuple[list[Quiz], dict[QuestionType, int], frozenset[QuestionType],
               dict[QuestionType, int]]


def _compose_variants(pool: Pool, bank: QuestionBank, request: QuizRequest, variants: list[str],
                      plan: Mapping[QuestionType, int], counted: frozenset[QuestionType],
                      first: Mapping[QuestionType, int], earlier: set[str]) -> list[Quiz]:
    """Each variant in turn, preferring facts that ``earlier`` and the variants before it
    did not ask."""
    earlier = set(earlier)
    quizzes = []
    for variant in variants:
        # Variant A and a lone quiz share a seed: asking for more variants keeps the first.
        rng = random.Random(f"{request.seed}:{variant or 'A'}")
        sections, short = _Composer(pool, rng, frozenset(earlier)).compose(plan, counted, first)
        quiz = Quiz(bank.pack_id, bank.title, bank.language, variant, request.seed,
                    sections, plan, counted, short, bank.sources, request.class_field,
                    request.time_limit, request.grades)
        earlier.update(quiz.facts)
        quizzes.append(quiz)
    return quizzes


def _mix(quiz: Quiz) -> tuple[int, ...]:
    return tuple(quiz.made(t) for t in QuestionType)


def _common_mix(quizzes: Sequence[Quiz], questions: int, starved: set[QuestionType]
                ) -> dict[QuestionType, int]:
    """Of each type, as many as every variant made; the rest of ``questions`` goes to the
    types that never fell short (``starved``), fewest first, then to those some variant
    made more of."""
    mix = {t: min(quiz.made(t) for quiz in quizzes) for t in QuestionType}
    most = {t: max(quiz.made(t) for quiz in quizzes) for t in QuestionType}
    missing = questions - sum(mix.values())
    while missing > 0:
        able = [t for t in QuestionType if t not in starved and mix[t]] or [
            t for t in QuestionType if most[t] > mix[t]]
        if not able:
            break
        kind = min(able, key=lambda t: (mix[t], _TURN[t]))
        mix[kind] += 1
        most[kind] = max(most[kind], mix[kind])
        missing -= 1
    return mix


def _even_matchings(quizzes: list[Quiz], letters: str) -> list[Quiz]:
    """The variants with their matchings cut to the sizes every variant has: the largest
    of each cut to the smallest of the largest, and so on (a cut drops the last pair)."""
    sizes = [sorted((len(t.left) for t in q.tasks if isinstance(t, Matching)), reverse=True)
             for q in quizzes]
    if len({len(s) for s in sizes}) != 1:
        return quizzes
    target = [min(column) for column in zip(*sizes)]
    evened = []
    for quiz in quizzes:
        order = sorted((t for t in quiz.tasks if isinstance(t, Matching)),
                       key=lambda t: -len(t.left))
        sized = {id(task): size for task, size in zip(order, target)}
        sections = tuple(dataclasses.replace(section, tasks=tuple(
            _cut(task, sized[id(task)], letters) if isinstance(task, Matching) else task
            for task in section.tasks)) for section in quiz.sections)
        evened.append(dataclasses.replace(quiz, sections=sections))
    return evened


def _cut(task: Matching, size: int, letters: str) -> Matching:
    """A matching of its first ``size`` pairs: what the others drop from both columns."""
    keep = range(size)
    dropped = sorted(task.answers[i] for i in range(size, len(task.left)))
    kept_right = [r for r in range(len(task.right)) if r not in dropped]
    answers = tuple(kept_right.index(task.answers[i]) for i in keep)
    marks = [f"{n}{letters[a]}" for n, a in enumerate(answers, start=1)]
    notes = tuple(dataclasses.replace(task.notes[i], mark=mark) for i, mark in zip(keep, marks))
    per_pair = len(task.questions) // len(task.left)
    questions = task.questions[:size * per_pair]
    return dataclasses.replace(
        task, left=task.left[:size], right=tuple(task.right[r] for r in kept_right),
        answers=answers, key=" ".join(marks), notes=notes, questions=questions,
        facts=frozenset(f for q in questions for f in facts_of(q)))


def _replace_plan(quiz: Quiz, plan: dict[QuestionType, int], counted: frozenset[QuestionType],
                  reasons: Mapping[tuple[str, QuestionType, int], str]) -> Quiz:
    """``quiz`` as asked for by ``plan``: what fell short of it is what the report names,
    with why the variant fell short of that many (in some round), or that another variant did."""
    short = {t: (quiz.short.get(t) if quiz.plan[t] == plan[t] else None)
             or reasons.get((quiz.variant, t, plan[t])) or (
                f"kept to {quiz.made(t)}, as many as every variant of the build could make")
             for t in QuestionType if quiz.made(t) < plan[t]}
    return dataclasses.replace(quiz, plan=plan, counted=counted, short=short)


def overlap(quiz: Quiz, other: Quiz) -> int:
    """How many of ``quiz``'s tasks ask a fact that ``other`` asks too."""
    asked = other.facts
    return sum(1 for task in quiz.tasks if task.facts & asked)


class _Composer:
    """Picks the tasks of one variant."""

    def __init__(self, pool: Pool, rng: random.Random, earlier: frozenset[str]) -> None:
        self.pool = pool
        self.rng = rng
        self.earlier = earlier
        self.used: set[str] = set()
        self.lang = pool.language
        self.letters = label(self.lang, "quiz.letters")
        self.true_false_made: list[bool] = []
        self.choices_given_up = False
        self.chosen: list[Task] = []

    def compose(self, plan: Mapping[QuestionType, int], counted: frozenset[QuestionType],
                first: Optional[Mapping[QuestionType, int]] = None
                ) -> tuple[tuple[Section, ...], dict[QuestionType, str]]:
        """The sections of one variant, and why each type that fell short of ``plan`` did;
        the types in ``first`` take all their turns before the others take any, those
        ranked lower there before those ranked higher."""
        rank = first or {}
        makers: dict[QuestionType, Iterator[Task]] = {
            T.MULTIPLE_CHOICE: self._choices(),
            T.TRUE_FALSE: self._true_false(),
            T.MATCHING: self._matchings(),
            T.CHRONOLOGY: self._chronologies(),
            T.SHORT_ANSWER: self._short_answers(),
            T.ATTRIBUTION: self._attributions(),
        }
        made: dict[QuestionType, list[Task]] = {t: [] for t in QuestionType}
        done: dict[QuestionType, int] = {}  # a type that can make no more: how many it gave up as cueing

        def take(kind: QuestionType) -> bool:
            cueing = 0
            for task in itertools.islice(makers[kind], MAX_CUEING):
                if not self._cued(task.questions, task.shown, isinstance(task, Chronology),
                                  _wrong_descriptions(task), _wrong_names(task),
                                  _matched_actors(task), isinstance(task, ShortAnswer)):
                    break
                cueing += 1
            else:
                task = None
            if task is None:
                done[kind] = cueing
                return False
            self.used.update(task.facts)
            self.chosen.append(task)
            made[kind].append(task)
            return True

        def share(kind: QuestionType) -> tuple[int, float, int]:
            return rank.get(kind, len(QuestionType)), len(made[kind]) / max(plan[kind], 1), _TURN[kind]

        while True:
            behind = [t for t in QuestionType if len(made[t]) < plan[t] and t not in done]
            if not behind:
                break
            take(min(behind, key=share))
        missing = sum(plan.values()) - sum(len(m) for m in made.values())
        while missing > 0:
            # A type counted as 0 stays out; types given no count make up first.
            spare = [t for t in QuestionType if t not in done and (t not in counted or plan[t])]
            free = [t for t in spare if t not in counted] or spare
            if not free:
                break
            missing -= take(min(free, key=share))
        short = {t: explain_shortfall(self.pool, t, plan[t], len(made[t]), frozenset(self.used),
                                      done.get(t, 0), self.choices_given_up)
                 for t in QuestionType if len(made[t]) < plan[t]}
        return self._sections(made), short

    def _sections(self, made: Mapping[QuestionType, list[Task]]) -> tuple[Section, ...]:
        sections, number = [], 1
        for kind in QuestionType:
            tasks = list(made[kind])
            if tasks:
                self.rng.shuffle(tasks)
                if kind in (T.MULTIPLE_CHOICE, T.ATTRIBUTION):
                    tasks = balance_answers(tasks, self.rng, self.letters, self._places(kind))
                sections.append(Section(kind, number, tuple(tasks)))
                number += len(tasks)
        return tuple(sections)

    def _places(self, kind: QuestionType) -> int:
        """The options a choice's right answer is spread over: all four, or the sources
        (not "both" and "neither", which stand last)."""
        if kind is T.ATTRIBUTION:
            return min(len(self.pool.sources), DISTRACTORS + 1)
        return DISTRACTORS + 1

    # --- helpers ---------------------------------------------------------------------

    def _order(self, candidates: Sequence[_C], asks: Callable[[_C], Question]) -> Iterator[_C]:
        """Candidates in random order, those whose question earlier variants did not ask first.

        The order is drawn as it is read: a quiz reads a few dozen candidates of the
        thousands a large pack offers.
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

    def _unasked_first(self, order: Iterator[_C], asks: Callable[[_C], Question]) -> Iterator[_C]:
        asked = []
        for candidate in order:
            if facts_of(asks(candidate)) & self.earlier:
                asked.append(candidate)
            else:
                yield candidate
        yield from asked

    def _fresh(self, *questions: Question) -> bool:
        for q in questions:
            if facts_of(q) & self.used:
                rules.reject(rules.FACT_ASKED_TWICE, q.item_kind, q.item_id, q.id)
                return False
        return True

    def _cued(self, questions: Sequence[Question], shown: Sequence[str],
              ordered: bool = False, wrong: Sequence[str] = (), wrong_names: Sequence[str] = (),
              matched: Sequence[str] = (), written: bool = False) -> bool:
        """Whether a task and a task chosen before it tell each other's answers, or one
        rules out a wrong option of the other.

        ``ordered``: the questions are a chronology's, whose dates it does not show;
        ``wrong``: the task's wrong options, where they are descriptions; ``wrong_names``:
        its wrong options, where they are actors asked for by their role; ``matched``: the
        actors it matches with their roles; ``written``: its answer is written in.
        """
        cues = self.pool.cues

        def beside_a_date(is_chronology: bool) -> int:
            return CUE_WORDS if is_chronology else CUE_WORDS_BESIDE_A_DATE

        cued = any(cues(q, text, beside_a_date(ordered)) for task in self.chosen
                   for q in questions for text in task.shown) or any(
            cues(q, text, beside_a_date(isinstance(task, Chronology))) for task in self.chosen
            for q in task.questions for text in shown) or self._written_elsewhere(
            questions, shown, written) or self._rules_out(shown, wrong, wrong_names, matched)
        if cued:
            for q in questions:
                rules.reject(rules.CUED_ELSEWHERE, q.item_kind, q.item_id, q.id)
        return cued

    def _written_elsewhere(self, questions: Sequence[Question], shown: Sequence[str],
                           written: bool) -> bool:
        """Whether the answer of a task to write in is printed in another task, or the other
        way round: a student need only find it on the sheet, whatever the words beside it; or
        another task to write in has the same answer (a cloze's «Fox, Henderson» and "What is
        this: «Contractors who built the hall»"): who knows one writes it twice."""
        names = self.pool.names_answer
        return (written and any(names(q, text) for task in self.chosen for q in questions
                                for text in (*task.shown, *_written_answers(task)))) or any(
            names(q, text) for task in self.chosen if isinstance(task, ShortAnswer)
            for q in task.questions for text in shown)

    def _rules_out(self, shown: Sequence[str], wrong: Sequence[str],
                   wrong_names: Sequence[str], matched: Sequence[str]) -> bool:
        """Whether one task shows as another item's what the other offers as a wrong option:
        a role matched with its own actor is no choice for a second («Российское
        медиаагентство…» beside Sputnik Azerbaijan), nor is an actor matched with its own
        role a choice for another's role (СНГ, matched, beside «…обошла так же, как ООН»)."""
        fold = self.pool.fold
        texts = [fold(text) for text in shown]
        mine = [fold(text) for text in wrong]
        my_names = {fold(name) for name in wrong_names}
        my_matched = {fold(name) for name in matched}
        for task in self.chosen:
            theirs = [fold(text) for text in _wrong_descriptions(task)]
            if any(w in t for w in theirs for t in texts) or any(
                    w in fold(t) for w in mine for t in task.shown):
                return True
            if my_names & {fold(n) for n in _matched_actors(task)} or my_matched & {
                    fold(n) for n in _wrong_names(task)}:
                return True
        return False

    def _note(self, q: Question, mark: str, answer: str, shown: str = "") -> KeyNote:
        """A key line; the explanation is left out where the task already says it."""
        said = _core(q.explanation)
        repeats = not said or said == _core(answer) or said in self.pool.fold(shown)
        return KeyNote(mark, answer, "" if repeats else q.explanation, q.sources)

    def _shuffled(self, right: str, wrong: Sequence[str]) -> tuple[tuple[str, ...], int]:
        options = [right, *wrong]
        self.rng.shuffle(options)
        return tuple(options), options.index(right)

    # --- multiple choice -------------------------------------------------------------

    def _choices(self) -> Iterator[Task]:
        """Questions of each kind in turn, so that no one way of asking fills the section."""
        queues = {kind: self._order(self.pool.choice_candidates[kind], _itself)
                  for kind in CHOICE_KINDS}
        kinds = list(CHOICE_KINDS)
        self.rng.shuffle(kinds)
        while kinds:
            kind = kinds.pop(0)
            tried = itertools.islice(queues[kind], MAX_FAILED_CHOICES)
            task = next((t for t in map(self._choice, tried)
                         if t is not None and length_fair(t, self.chosen)), None)
            if task is not None:
                kinds.append(kind)
                yield task
            elif next(queues[kind], None) is not None:  # the limit stopped it, not the end
                self.choices_given_up = True

    def _choice(self, q: Question) -> Optional[Task]:
        if not self._fresh(q) or word_count(q.prompt) > MAX_PROMPT_WORDS:
            return None
        wrong = self._distractors(q)
        if wrong is None:
            return None
        options, answer = self._shuffled(q.answer, [d.answer for d in wrong])
        mark = self.letters[answer]
        return Choice(type=T.MULTIPLE_CHOICE, questions=(q,), key=mark, facts=facts_of(q),
                      notes=(self._note(q, mark, q.answer, q.prompt),),
                      prompt=q.prompt, options=options, answer=answer)

    def _distractors(self, q: Question) -> Optional[list[Question]]:
        """Three wrong answers that look like the right one; ``None`` where there are not three.

        Either every option repeats a word or a name of the prompt or none does, and the
        right one repeats no more of it than the most echoing wrong one. Dates
        are drawn from the nearest; other answers from the nearest the question's topic,
        of a length like the right one's.
        """
        pool = self.pool
        echo = pool.echo(q, q.answer)
        # Alike in what marks a form: repeating the prompt, being one source's reading, a
        # date from outside the sources.
        fitting = [s for s in pool.wrong_answers(q) if _alike(pool, q, s, echo)]
        if len(fitting) < DISTRACTORS:
            rules.reject(rules.TOO_FEW_OPTIONS, q.item_kind, q.item_id, q.id, str(len(fitting)))
            return None
        if q.kind is K.EVENT_DATE:
            return self._dates_alike(q, fitting)
        if q.kind.dated:
            return self.rng.sample(fitting, DISTRACTORS)
        ranked = sorted(fitting, key=lambda s: (_unlike(q, s), -pool.closeness(q, s),
                                                self.rng.random()))
        chosen = ranked[:DISTRACTORS]  # the nearest; ties were drawn at random
        # The right answer may not repeat more of the prompt than every wrong one does.
        if echo > max(pool.echo(q, s.answer) for s in chosen):
            strongest = max(fitting, key=lambda s: pool.echo(q, s.answer))
            if pool.echo(q, strongest.answer) < echo:
                return None
            chosen[0] = strongest if strongest not in chosen else chosen[0]
        return chosen

    def _dates_alike(self, q: Question, fitting: list[Question]) -> Optional[list[Question]]:
        """Three wrong dates, one at least given as precisely as the right one: a lone
        «4 October 1957» among bare years, or a lone year among days, stands out."""
        assert q.date is not None
        alike = [s for s in fitting if s.date is not None and s.date.precision == q.date.precision]
        if not alike:
            rules.reject(rules.FORM_STANDS_OUT, q.item_kind, q.item_id, q.id,
                         "no wrong date is given as precisely as the right one")
            return None
        first = self.rng.choice(alike)
        chosen = [first]
        # Nor may two options overlap each other («апрель 1861» beside «19 апреля 1861»):
        # the one that holds another would stand out.
        for s in self.rng.sample(fitting, len(fitting)):
            if len(chosen) < DISTRACTORS and s is not first and not any(
                    days_overlap(self.pool.spans[s.id], self.pool.spans[c.id]) for c in chosen):
                chosen.append(s)
        if len(chosen) < DISTRACTORS:
            rules.reject(rules.FORM_STANDS_OUT, q.item_kind, q.item_id, q.id,
                         "fewer than three wrong dates apart from each other")
            return None
        return chosen

    # --- true or false ---------------------------------------------------------------

    def _true_false(self) -> Iterator[Task]:
        """An event with its date, or with the date of an event near it in time.

        The statement names the event by its title, so that the date is the one detail
        it asserts; the summary is left to the key. A false date is earlier than the true
        one: an event may have gone on past its date (a camp, a siege), not begun before it.
        Where earlier events of the pack fall in earlier years, the false date is the true
        one in such a year (:meth:`Pool.moved_years`).
        """
        for q in self._order(self.pool.statements, _itself):
            if not self._fresh(q):
                continue
            began = self.pool.dated[q.item_id].span[0]
            others = [d for d in self.pool.other_dates(q)
                      if not self.pool.approximate(d.question) and d.span[1] < began][:NEAR_DATES]
            if not others:
                rules.reject(rules.STATEMENT_ARGUABLE, q.item_kind, q.item_id, q.id,
                             "no date before it to state instead")
            if others:
                swap = self.rng.choice(others).question
                moved = self.pool.moved_years(q)[:NEAR_DATES]
                wrong = (date_phrase(self.rng.choice(moved), self.lang) if moved
                         else self._when(swap))
                title = self.pool.dated[q.item_id].title
                yield self._statement(q, title, self._when(q), wrong)

    def _when(self, q: Question) -> str:
        """A date question's date as the end of a sentence: "в декабре 2024 года"."""
        assert q.date is not None
        return date_phrase(q.date, self.lang)

    def _statement(self, q: Question, title: str, right: str, wrong: str) -> Task:
        """The event said to have happened ``right`` or ``wrong``; neither always."""
        made = self.true_false_made
        true = self.rng.random() < 0.5
        if len(made) >= 2 and made[-1] == made[-2]:
            true = not made[-1]
        made.append(true)
        mark = label(self.lang, "quiz.true" if true else "quiz.false")
        answer = "" if true else label(self.lang, "quiz.in-fact", answer=right)
        truth = self._dated(title, right)
        statement = truth if true else self._dated(title, wrong)
        return TrueFalse(type=T.TRUE_FALSE, questions=(q,), key=mark, facts=facts_of(q),
                         notes=(self._note(q, mark, answer, truth),),
                         statement=statement, truth=truth, true=true)

    def _dated(self, title: str, when: str) -> str:
        """The sentence that dates the event; "2024 г." keeps its one full stop."""
        sentence = label(self.lang, "quiz.tf-date", title=title, when=when)
        return sentence[:-1] if when.endswith(".") and sentence.endswith("..") else sentence

    # --- matching --------------------------------------------------------------------

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
        """Actors of one kind and form with their roles: people beside states would match by
        kind alone, «тот, …» beside «те, …» by grammar."""
        kinds = self.pool.named_roles_by_kind
        order = sorted(kinds)
        self.rng.shuffle(order)
        for kind in order:
            chosen = self._pick_pairs(kinds[kind], self._name_and_role, clash=None, actors=True)
            if chosen:
                return self._matching("quiz.match-actors", chosen, by_date=False)
        return None

    def _name_and_role(self, q: Question) -> _Pair:
        role = self.pool.roles[q.item_id]
        return q.answer, role.answer, (q, role)

    def _match_dates(self) -> Optional[Task]:
        """Events with their dates; a date from outside the sources, marked so, would be
        the one pair told apart by its mark."""
        dated = self.pool.dated
        chosen = self._pick_pairs(
            self.pool.events_dated_by_sources,
            lambda event: (event.title, event.question.answer, (event.question,)),
            clash=lambda a, b: self.pool.confusable(dated[a[0].item_id], dated[b[0].item_id]))
        return self._matching("quiz.match-dates", chosen, by_date=True) if chosen else None

    def _pick_pairs(self, candidates: Sequence[_C], pair: Callable[[_C], _Pair],
                    clash: Optional[Callable[[tuple[Question, ...], tuple[Question, ...]], bool]],
                    actors: bool = False) -> Optional[list[_Pair]]:
        """Five or six pairs, unique on both sides, of facts not yet asked; ``actors``: the
        left items are actors, matched with their roles."""
        size = self.rng.choice(MATCHING_SIZES)
        fold = self.pool.fold
        chosen: list[_Pair] = []
        lefts: set[str] = set()
        rights: set[str] = set()
        for candidate in self._order(candidates, lambda c: pair(c)[2][0]):
            left, right, questions = pair(candidate)
            if (not self._fresh(*questions) or fold(left) in lefts or fold(right) in rights
                    or (clash and any(clash(questions, c[2]) for c in chosen))
                    or (actors and self._names_a_pair(questions[0], right, chosen))
                    or self._cued(questions, (left, right),
                                  matched=(left,) if actors else ())):
                continue
            chosen.append((left, right, questions))
            lefts.add(fold(left))
            rights.add(fold(right))
            if len(chosen) == size:
                break
        return chosen if len(chosen) >= MATCHING_SIZES[0] else None

    def _names_a_pair(self, q: Question, role: str, chosen: list[_Pair]) -> bool:
        """Whether a role names an actor already in the grid, or a role there names this
        one: «…тогда как с Китаем он развивает отношения» beside China settles two rows."""
        mentions = self.pool.mentions
        named = any(c[2][0].item_id in mentions(role) or q.item_id in mentions(c[1])
                    for c in chosen)
        if named:
            rules.reject(rules.CUED_ELSEWHERE, q.item_kind, q.item_id, q.id)
        return named

    def _matching(self, prompt_key: str, chosen: list[_Pair], by_date: bool) -> Task:
        """The right column shuffled, or dates in order: that gives nothing away."""
        right_order = list(range(len(chosen)))
        if by_date:
            right_order.sort(key=lambda i: self.pool.dated[chosen[i][2][0].item_id].span)
        else:
            self.rng.shuffle(right_order)
        right = tuple(chosen[i][1] for i in right_order)
        answers = tuple(right_order.index(i) for i in range(len(chosen)))
        marks = [f"{n}{self.letters[a]}" for n, a in enumerate(answers, start=1)]
        notes = tuple(self._note(questions[-1], mark, f"{left} — {answer}", f"{left} {answer}")
                      for mark, (left, answer, questions) in zip(marks, chosen))
        questions = tuple(q for _, _, qs in chosen for q in qs)
        return Matching(type=T.MATCHING, questions=questions,
                        facts=frozenset(f for q in questions for f in facts_of(q)),
                        key=" ".join(marks), notes=notes, prompt=label(self.lang, prompt_key),
                        left=tuple(left for left, _, _ in chosen), right=right, answers=answers)

    # --- chronology ------------------------------------------------------------------

    def _chronologies(self) -> Iterator[Task]:
        while True:
            task = self._chronology()
            if task is None:
                return
            yield task

    def _chronology(self) -> Optional[Task]:
        """Four or five events the sources date apart, shown out of order."""
        size = self.rng.choice(CHRONOLOGY_SIZES)
        chosen: list[Dated] = []
        for event in self._order(self.pool.events_dated_by_sources, lambda event: event.question):
            if self._fresh(event.question) and not any(event.clashes(c) for c in chosen):
                if shared := next(filter(None, (self.pool.same_topic(event.title, c.title)
                                                for c in chosen)), ""):
                    q = event.question
                    rules.reject(rules.ORDER_IN_TITLES, q.item_kind, q.item_id, q.id, shared)
                    continue
                chosen.append(event)
                if len(chosen) == size:
                    break
        if len(chosen) < CHRONOLOGY_SIZES[0]:
            return None
        order = sorted(range(len(chosen)), key=lambda i: chosen[i].span)
        if order == list(range(len(chosen))):
            chosen.append(chosen.pop(0))  # already in order would be no task at all
            order = sorted(range(len(chosen)), key=lambda i: chosen[i].span)
        notes = tuple(self._note(chosen[i].question, self.letters[i],
                                 f"{chosen[i].title} — {chosen[i].question.answer}")
                      for i in order)
        questions = tuple(c.question for c in chosen)
        return Chronology(type=T.CHRONOLOGY, questions=questions,
                          facts=frozenset(f for q in questions for f in facts_of(q)),
                          key="".join(self.letters[i] for i in order), notes=notes,
                          events=tuple(c.title for c in chosen), order=tuple(order))

    # --- short answer ----------------------------------------------------------------

    def _short_answers(self) -> Iterator[Task]:
        for q in self._order(self.pool.short_answer_candidates, _itself):
            if not self._fresh(q):
                continue
            if q.cloze is not None:
                answer = q.cloze.hidden
                shown = q.cloze.before + answer + q.cloze.after
                yield ShortAnswer(type=T.SHORT_ANSWER, questions=(q,), key=answer,
                                  facts=facts_of(q), notes=(self._note(q, "", answer, shown),),
                                  prompt="", context=q.prompt, before=q.cloze.before,
                                  after=q.cloze.after, answer=answer,
                                  accepted=q.facts.accepted)
            else:
                yield ShortAnswer(type=T.SHORT_ANSWER, questions=(q,), key=q.answer,
                                  facts=facts_of(q), notes=(self._note(q, "", q.answer, q.prompt),),
                                  prompt=q.prompt, answer=q.answer,
                                  accepted=q.facts.accepted)

    # --- attribution -----------------------------------------------------------------

    def _attributions(self) -> Iterator[Task]:
        sources = self.pool.sources
        if len(sources) < 2:
            return
        candidates = self.pool.attributions + (both_sources_candidates(self.pool)
                                               if len(sources) == 2 else [])
        for q in self._order(candidates, _itself):
            if self._fresh(q):
                yield (self._attribution_of_two(q, sources) if len(sources) == 2
                       else self._attribution(q, sources))

    def _attribution(self, q: Question, sources: list[tuple[str, str]]) -> Task:
        said_by = q.facts.said_by[0]
        right = dict(sources)[said_by]
        others = [title for sid, title in sources if sid != said_by]
        wrong = self.rng.sample(others, min(DISTRACTORS, len(others)))
        options, answer = self._shuffled(right, wrong)
        return self._attribution_task(q, options, answer, right)

    def _attribution_of_two(self, q: Question, sources: list[tuple[str, str]]) -> Task:
        """Which of two sources says a claim: the one, the other, both, or neither; guessing
        earns one answer in four, not one in two. Neither is never right: every claim of a
        pack comes from its sources."""
        titles = [title for _, title in sources]
        self.rng.shuffle(titles)
        both, neither = (label(self.lang, "quiz.both-sources"), label(self.lang, "quiz.neither-source"))
        options = (*titles, both, neither)
        shared = held_by_both(self.pool, q)
        answer = 2 if shared else titles.index(dict(sources)[q.facts.said_by[0]])
        right = f"{both}: {'; '.join(t for _, t in sources)}" if shared else options[answer]
        return self._attribution_task(q, options, answer, right)

    def _attribution_task(self, q: Question, options: tuple[str, ...], answer: int,
                          right: str) -> Task:
        """Which source gives a claim, with ``options`` and the key's ``right`` answer. Whose
        answer a source reports is said beside the question, not left to the key."""
        mark = self.letters[answer]
        held = q.facts.held
        context = label(self.lang, "quiz.dispute", question=q.explanation)
        return Choice(type=T.ATTRIBUTION, questions=(q,), key=mark, facts=facts_of(q),
                      notes=(KeyNote(mark, right, "", q.sources),),
                      prompt=label(self.lang, "quiz.attribution",
                                   claim=quoted(q.facts.claim, self.lang)),
                      context=f"{context} {held}" if held else context,
                      options=options, answer=answer)


# Kinds whose options are descriptions (a role, a cause, an effect): one shown elsewhere as
# another item's is ruled out here.
_DESCRIBED = (K.ACTOR_ROLE, K.CAUSE_EFFECT, K.EFFECT_CAUSE)


def _wrong_options(task: Task, kinds: tuple[QuestionKind, ...]) -> tuple[str, ...]:
    """A choice's wrong options, where it asks a question of one of ``kinds``."""
    if isinstance(task, Choice) and task.questions[0].kind in kinds:
        return tuple(o for i, o in enumerate(task.options) if i != task.answer)
    return ()


def _written_answers(task: Task) -> tuple[str, ...]:
    """What a student writes in for a task to write in: its answers (a cloze's hidden words)."""
    if not isinstance(task, ShortAnswer):
        return ()
    return tuple(q.cloze.hidden if q.cloze is not None else q.answer for q in task.questions)


def _wrong_descriptions(task: Task) -> tuple[str, ...]:
    """A choice's wrong options, where they are descriptions (roles, causes, effects)."""
    return _wrong_options(task, _DESCRIBED)


def _wrong_names(task: Task) -> tuple[str, ...]:
    """A choice's wrong options, where they are actors asked for by a role."""
    return _wrong_options(task, (K.ROLE_ACTOR,))


def _matched_actors(task: Task) -> tuple[str, ...]:
    """The actors a matching pairs with their roles."""
    if isinstance(task, Matching) and task.questions[0].kind is K.ROLE_ACTOR:
        return task.left
    return ()


def _alike(pool: Pool, q: Question, s: Question, echo: int) -> bool:
    """Whether a wrong answer is alike in form to the right one: it repeats the prompt or not
    as the right one does, it is one source's reading or an outside date as the right one is;
    a date hedged as the right one is (a lone «около 2024 г.» stands out, right or wrong), in
    the years the sheet's title names or not as the right one is («1932» under «(1933–1934)»); a
    role opens with a pronoun for what its actor is, or with a noun that says what it is
    («Представители элиты, …» beside «Задержанные в Баку…»), as the right one does or not; a
    blank names actors of the kinds the right one's does; where the sentence gives a blank
    its person's office («премьер-министра ___»), every option holds it, and where the word
    before the blank is one the right one's role holds («польский король ___» of Август II,
    «избранный королём…»), every option's role holds it. An actor's kind,
    number and gender are alike already: only such actors are its siblings (the bank's
    category)."""
    why = ("it repeats the prompt where the right answer does not, or the other way"
           if bool(pool.echo(q, s.answer)) != bool(echo) else
           "one is a source's reading or an outside date, the other not"
           if pool.marks(s) != pool.marks(q) else
           "one date is approximate, the other not" if q.kind is K.EVENT_DATE
           and pool.approximate(s) != pool.approximate(q) else
           "one falls in the years the sheet's title names, the other not"
           if q.kind.dated and pool.in_title_years(q) != pool.in_title_years(s) else
           "one role opens with a pronoun for what it is, the other not"
           if q.kind is K.ACTOR_ROLE and bool(_PRONOUN_OPENING.match(q.answer)) != bool(
               _PRONOUN_OPENING.match(s.answer)) else
           "one role opens with what its actor is, the other not"
           if q.kind is K.ACTOR_ROLE and bool(role_head(q.answer)) != bool(role_head(s.answer))
           else
           "the blanks name actors of other kinds, or one names none"
           if q.kind is K.EVENT_CLOZE and _hidden_kinds(pool, q) != _hidden_kinds(pool, s) else
           "the sentence gives the blank an office this option does not hold"
           if q.kind is K.EVENT_ACTORS and _office_told(pool, q)
           and _office(pool, s) != _office(pool, q) else
           "the word before the blank is in the right one's role and not in this one's"
           if q.kind is K.EVENT_ACTORS and (apposed := _apposed(pool, q))
           and not apposed <= _role_words(pool, s) else "")
    if why:
        rules.reject(rules.FORM_STANDS_OUT, q.item_kind, q.item_id, f"{q.id} option «{s.answer}»",
                     why)
    return not why


def _office(pool: Pool, q: Question) -> frozenset[str]:
    """The stems of the office an answer's person holds, by the noun its role opens with
    («премьер-министр» of «Премьер-министр Армении»); none for others."""
    title = pool.truth.titles.get(q.facts.answer_ids[0], "") if q.facts.answer_ids else ""
    head = role_head(title) if title else None
    return coarse_lemma_stems(head) if head else frozenset()


def _office_told(pool: Pool, q: Question) -> bool:
    """Whether the sentence of a blank names the office its person holds («визит
    премьер-министра ___»): an option of another office is ruled out by it."""
    office = _office(pool, q)
    return bool(office) and office <= coarse_lemma_stems(q.prompt)


def _apposed(pool: Pool, q: Question) -> frozenset[str]:
    """The stems of the word right before the blank of "who fills the blank" («польский король
    ___»), where the answer's role holds it: an option whose role does not is ruled out by it."""
    word = q.facts.before_blank
    if not word.islower() or len(word) < _APPOSED_LETTERS:
        return frozenset()
    stems = coarse_lemma_stems(word)
    return stems if stems and stems <= _role_words(pool, q) else frozenset()


def _role_words(pool: Pool, q: Question) -> frozenset[str]:
    """The stems of the role of the actor ``q`` answers with (its opening and the rest)."""
    actor = q.facts.answer_ids[0] if q.facts.answer_ids else ""
    role = pool.roles.get(actor)
    return coarse_lemma_stems(f"{pool.truth.titles.get(actor, '')} {role.answer if role else ''}")


# Shorter words before a blank are prepositions and the like («над ___»).
_APPOSED_LETTERS = 4


def _hidden_kinds(pool: Pool, q: Question) -> frozenset[str]:
    """The kinds of the actors a cloze's blank names (none for a number or a place): beside
    «премьер-министра ___», a body or a sum among people stands out."""
    hidden = q.cloze.hidden if q.cloze is not None else q.answer
    return frozenset(pool.truth.kinds.get(a, "") for a in pool.mentions(hidden))


# A role shown beside names whose opening a pronoun stands for («Тот, чьими указами…», "the
# one who…"): beside roles that open with what their actor is, it stands out.
_PRONOUN_OPENING = re.compile(r"(?:тот|та|то|те|the one|those)\b", re.IGNORECASE)


def _unlike(q: Question, s: Question) -> int:
    """How far a wrong answer's form stands out from the right one's by its length: 0 when it
    does not."""
    short, long_ = sorted((len(q.answer), len(s.answer)))
    return int(long_ > LENGTH_RATIO * max(short, 1))


def _itself(q: Question) -> Question:
    return q





def _core(text: str) -> str:
    """Text folded for comparison (no punctuation)."""
    return fold(text)
