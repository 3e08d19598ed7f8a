"""Variants a teacher can hand out side by side: the same mix of types and points, right
options that no place and no length give away, source questions with a third choice, type
counts honoured where the pack can give them, and shortfalls said in the pack's terms."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from quiz_packs import bundled_bank, load, write_two_source_pack
from quizgen.bank import QuestionBank, build_bank
from quizgen.i18n import label
from quizgen.model import QuestionType
from quizgen.quiz import Choice, Quiz, QuizRequest, compose_quizzes
from quizgen.quiz.balance import extreme

T = QuestionType
SEEDS = range(30)
# A sheet of the default length. Where no round of composing makes the same mix in every
# variant (no written answer may be printed elsewhere on its sheet, so what one variant can
# ask depends on the rest of it), the variants keep to the types' fewest: measured on the
# bundled pack for seeds 0–29, two variants ask 18–20 tasks, four ask 15–20.
QUESTIONS = 20
FEWEST = {2: 18, 4: 15}


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory: pytest.TempPathFactory) -> QuestionBank:
    return build_bank(load(write_two_source_pack(tmp_path_factory.mktemp("packs") / "fairs")))


def _mix(quiz: Quiz) -> dict[QuestionType, int]:
    return {t: quiz.made(t) for t in QuestionType}


@pytest.mark.parametrize("variants", [2, 4], ids=["2-variants", "4-variants"])
def test_variants_of_a_build_ask_the_same_mix_for_the_same_points(variants: int) -> None:
    for seed in SEEDS:
        quizzes = compose_quizzes(bundled_bank(), QuizRequest(seed, variants, QUESTIONS, {}))
        assert len({tuple(_mix(q).items()) for q in quizzes}) == 1, (seed, [_mix(q) for q in quizzes])
        assert len({q.points for q in quizzes}) == 1, (seed, [q.points for q in quizzes])
        assert len({len(q.tasks) for q in quizzes}) == 1, seed
        assert FEWEST[variants] <= len(quizzes[0].tasks) <= QUESTIONS, seed
        if len(quizzes[0].tasks) < QUESTIONS:  # and the build says why
            assert all(q.short for q in quizzes), seed


def _choices(quiz: Quiz) -> list[Choice]:
    return [t for t in quiz.tasks if isinstance(t, Choice) and t.type is T.MULTIPLE_CHOICE]


@pytest.mark.parametrize("variants", [2, 4], ids=["2-variants", "4-variants"])
def test_right_options_are_spread_over_the_letters_of_each_sheet(variants: int) -> None:
    for seed in SEEDS:
        for quiz in compose_quizzes(bundled_bank(), QuizRequest(seed, variants, 20, {})):
            choices = _choices(quiz)
            places = Counter(t.answer for t in choices)
            assert max(places.values()) <= math.ceil(len(choices) / 4), (seed, places)
            assert all(t.key == label(quiz.language, "quiz.letters")[t.answer] for t in choices)


def test_the_right_option_is_the_shortest_or_longest_no_more_often_than_chance() -> None:
    for seed in SEEDS:
        for quiz in compose_quizzes(bundled_bank(), QuizRequest(seed, 2, 20, {})):
            choices = _choices(quiz)
            told = Counter(extreme(t) for t in choices)
            allowed = math.ceil(len(choices) / 4)
            assert told["shortest"] <= allowed and told["longest"] <= allowed, (seed, told)


def test_source_questions_of_two_sources_offer_both_and_neither(two_sources: QuestionBank) -> None:
    t = lambda key: label("en", key)  # noqa: E731
    asked = [task for seed in SEEDS for quiz in compose_quizzes(two_sources, QuizRequest(
        seed, 1, 12, {T.ATTRIBUTION: 5})) for task in quiz.tasks if isinstance(task, Choice)
        and task.type is T.ATTRIBUTION]
    assert asked
    for task in asked:
        assert sorted(task.options[:2]) == ["The Chronicle", "The Gazette"]
        assert task.options[2:] == (t("quiz.both-sources"), t("quiz.neither-source"))
    both = [task for task in asked if task.answer == 2]
    assert both and all(task.questions[0].facts.claim.casefold() == "the fairs outlived the war"
                        for task in both)
    assert {task.key for task in both} == {"C"}
    assert all(task.notes[0].answer.startswith("Both sources: ") for task in both)
    # Each source is the answer somewhere, under either letter.
    assert {task.options[task.answer] for task in asked if task.answer < 2} == {
        "The Chronicle", "The Gazette"}
    assert {task.answer for task in asked if task.answer < 2} == {0, 1}


def test_a_type_count_is_honoured_where_the_default_mix_starves_it(two_sources: QuestionBank
                                                                    ) -> None:
    for seed in range(4):
        default = compose_quizzes(two_sources, QuizRequest(seed, 1, 40, {}))[0]
        asked = compose_quizzes(two_sources, QuizRequest(seed, 1, 40, {T.CHRONOLOGY: 3}))[0]
        assert default.made(T.CHRONOLOGY) < 3, seed  # the precondition: the default starves it
        assert asked.made(T.CHRONOLOGY) == 3, (seed, _mix(asked))
        assert T.CHRONOLOGY not in asked.short


def test_a_count_the_pack_cannot_give_is_explained_in_the_packs_terms(two_sources: QuestionBank
                                                                      ) -> None:
    only = {t: 0 for t in QuestionType} | {T.CHRONOLOGY: 5}
    quiz = compose_quizzes(two_sources, QuizRequest(1, 1, 5, only))[0]
    assert quiz.made(T.CHRONOLOGY) == 3
    assert quiz.short == {T.CHRONOLOGY: (
        "5 chronologies need 20 events the sources date apart; the pack has 16, 2 left unasked: "
        "date 6 more events, or ask fewer dates")}
