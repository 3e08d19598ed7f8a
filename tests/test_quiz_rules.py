"""Each rule of a fair question, at work in the rendered quiz of a pack made to break it.

The pack (``quiz_packs.write_rules_pack``) records two effects of one cause, two causes
of one effect, a chain of causes, events whose actors are a part of another's, events
named after their actors, and events the sources do not date. Each test renders quizzes
of many seeds and reads the task blocks of the student copy and the rows of the key.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import markupsafe
import pytest

from quiz_packs import bundled_bank, load, write_rules_pack
from quizgen.bank import build_bank
from quizgen.question import QuestionBank, QuestionKind
from quizgen.spans import date_span
from quizgen.model import Citation, Event, Pack, PackInfo, QuestionType, Source
from quizgen.quiz import Choice, Matching, Quiz, QuizRequest, ShortAnswer, Task, compose_quizzes
from quizgen.quiz.pool import Pool
from quizgen.render.quiz import render_quiz_html
from quizgen.rules import tracing

K = QuestionKind
T = QuestionType
SEEDS = range(40)
ONLY_CHOICES = {t: 0 for t in T if t is not T.MULTIPLE_CHOICE}


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> QuestionBank:
    return build_bank(load(write_rules_pack(tmp_path_factory.mktemp("packs") / "rules")))


def quizzes(bank: QuestionBank, questions: int = 12, counts: dict[T, int] | None = None,
            variants: int = 1) -> Iterator[Quiz]:
    for seed in SEEDS:
        yield from compose_quizzes(bank, QuizRequest(seed, variants, questions, counts or {}))


def blocks(quiz: Quiz) -> Iterator[tuple[Task, str]]:
    """Each task with its block of the rendered student copy, as text."""
    page = render_quiz_html(quiz).decode("utf-8")
    for number, task in enumerate(quiz.tasks, start=1):
        block = page.split(f'<div class="task" id="task-{number}">')[1].split('<div class="pts">')[0]
        yield task, markupsafe.Markup(re.sub(r"<[^>]+>", " ", block)).unescape()


def asked(task: Task, kind: K, prompt_part: str) -> bool:
    return any(q.kind is kind and prompt_part in q.prompt for q in task.questions)


def test_another_effect_cause_or_step_of_the_chain_is_never_an_option(bank: QuestionBank) -> None:
    forbidden = {
        # what led to the session's move: the curtains, and the rain before them
        (K.EFFECT_CAUSE, "The session moved"): ("heavy rain in the capital",
                                                "soaked curtains hung in Parliament"),
        # what the curtains led to: never the curtains themselves, nor the rain behind them
        (K.CAUSE_EFFECT, "Soaked curtains"): ("soaked curtains hung in Parliament",
                                              "heavy rain in the capital"),
    }
    seen = set()
    for quiz in quizzes(bank, 8, ONLY_CHOICES):
        for task, text in blocks(quiz):
            for (kind, part), others in forbidden.items():
                if asked(task, kind, part):
                    seen.add((kind, part))
                    assert isinstance(task, Choice)
                    right = task.options[task.answer].lower()
                    wrong = [o.lower() for i, o in enumerate(task.options) if i != task.answer]
                    for other in others:
                        if other.lower() != right:
                            assert other.lower() not in wrong, (part, task.options)
                    assert text.count(task.options[task.answer][:1].upper()
                                      + task.options[task.answer][1:]) == 1
    assert seen, "neither question was ever set"
    # Whether a sheet sets each depends on the draw; what may be offered does not.
    pool = Pool(bank)
    for (kind, part), others in forbidden.items():
        q = next(q for q in bank.of_kind(kind) if part in q.prompt)
        offered = [s.answer.lower() for s in pool.wrong_answers(q)]
        assert offered and not [o for o in others if o.lower() in offered and o != q.answer]


def test_a_cause_with_several_effects_is_asked_only_from_its_effects(bank: QuestionBank) -> None:
    """Rain's two effects and dear bread's two causes are no question of their own (the list
    is the author's choice, never known whole); each link is asked from its other end, where
    that end has only it, and no quiz offers a list among single answers."""
    causal = [q for q in bank.questions if q.kind in (K.CAUSE_EFFECT, K.EFFECT_CAUSE)]
    assert causal
    assert not [q for q in causal if q.answer.startswith("1) ")]
    assert not [q for q in causal if q.kind is K.CAUSE_EFFECT and "Heavy rain" in q.prompt]
    assert not [q for q in causal if q.kind is K.EFFECT_CAUSE and "Bread prices" in q.prompt]
    for quiz in quizzes(bank, 8, ONLY_CHOICES):
        for _task, text in blocks(quiz):
            assert "1) " not in text


def test_who_took_part_never_offers_another_actor_of_the_event(bank: QuestionBank) -> None:
    """«Summit at the lake took place with ___, Borvia»: Borvia took part too, and the
    treaty's third state Cestia is no actor of the summit, so it may be offered."""
    seen = set()
    for quiz in quizzes(bank, 8, ONLY_CHOICES):
        for task, _ in blocks(quiz):
            for title, others in {"Summit at the lake": {"Borvia"},
                                  "Treaty of the strait": {"Borvia", "Cestia"}}.items():
                if asked(task, K.EVENT_ACTORS, title):
                    seen.add(title)
                    options = [o for i, o in enumerate(task.options)  # type: ignore[attr-defined]
                               if i != task.answer]  # type: ignore[attr-defined]
                    assert not others & set(options), task
    assert seen == {"Summit at the lake", "Treaty of the strait"}
    pool = Pool(bank)
    summit = next(q for q in bank.of_kind(K.EVENT_ACTORS) if q.item_id == "summit")
    offered = [s.answer for s in pool.wrong_answers(summit)]
    assert "Borvia" not in offered and "Cestia" in offered


def test_who_took_part_never_offers_one_who_speaks_for_an_actor_of_it(bank: QuestionBank) -> None:
    """Borvia's king is as right as Borvia for what Borvia took part in, and Borvia for his tour."""
    pool = Pool(bank)
    borvia = [q for q in bank.of_kind(K.EVENT_ACTORS)
              if "borvia" in pool.truth.event_actors[q.item_id]]
    tour = next(q for q in bank.of_kind(K.EVENT_ACTORS) if q.item_id == "tour")
    assert borvia
    for q in borvia:
        assert "Olaf Brand" not in [s.answer for s in pool.wrong_answers(q)], q.prompt
    offered = [s.answer for s in pool.wrong_answers(tour)]
    assert offered and "Borvia" not in offered


def test_who_took_part_never_offers_an_actor_of_an_event_that_led_to_it(bank: QuestionBank) -> None:
    """The blockade led to the ceasefire: Elbonia, which held the passes, had a hand in it."""
    pool = Pool(bank)
    ceasefire = next(q for q in bank.of_kind(K.EVENT_ACTORS) if q.item_id == "ceasefire")
    offered = [s.answer for s in pool.wrong_answers(ceasefire)]
    assert offered and not [a for a in offered if "Elbonia" in a], offered
    blockade = next(q for q in bank.of_kind(K.EVENT_ACTORS) if q.item_id == "blockade")
    assert not [a for a in (s.answer for s in pool.wrong_answers(blockade)) if "Freedonia" in a]


def test_who_is_described_never_offers_an_actor_described_alike(bank: QuestionBank) -> None:
    pool = Pool(bank)
    hosts = {q.item_id: q for q in bank.of_kind(K.ROLE_ACTOR) if q.item_id in ("arland", "halvia")}
    assert set(hosts) == {"arland", "halvia"}
    for own, other in (("arland", "Halvia"), ("halvia", "Arland")):
        offered = [s.answer for s in pool.wrong_answers(hosts[own])]
        assert other not in offered and "Borvia" in offered, (own, offered)


def test_nothing_in_the_prompt_names_the_answer(bank: QuestionBank) -> None:
    """An event named after its actor, or after an actor's other name, is not asked who took part."""
    for quiz in quizzes(bank, 20):
        for task, text in blocks(quiz):
            assert "Who took part in “Calls by loyalist commentators" not in text
            assert "Who took part in “Quill's visit" not in text
            if isinstance(task, ShortAnswer) and task.is_cloze:
                # "Quill's visit to the island" names Quill: no blank asks for her
                assert task.answer not in ("Ada Quill", "Quill"), text


@pytest.mark.parametrize("bank_name", ["rules", "bundled"])
def test_options_all_echo_the_prompt_or_none_does(bank_name: str, bank: QuestionBank) -> None:
    """The source a prompt is read from is no echo: «Источник — блог «Сила и мощь России»»
    names Russia, as most options do, beside the one option that repeats the question's words."""
    from quizgen.i18n import label
    from quizgen.truth import stems

    bank = bundled_bank() if bank_name == "bundled" else bank
    readings = {label(bank.language, "prompt.reading", source=r.title)
                for q in bank.questions for r in q.sources}
    checked = 0
    for quiz in quizzes(bank, 8, ONLY_CHOICES):
        for task, _ in blocks(quiz):
            assert isinstance(task, Choice)
            asked = task.prompt
            for reading in readings:
                asked = asked.removeprefix(reading)
            prompt = stems(asked) | bank.truth.mentions(asked)
            echoes = {bool(prompt & (stems(o) | bank.truth.mentions(o))) for o in task.options}
            assert len(echoes) == 1, (task.prompt, task.options)
            checked += 1
    assert checked > 100


DATE_TYPES = (T.CHRONOLOGY, T.TRUE_FALSE)


def is_date_task(task: Task) -> bool:
    return task.type in DATE_TYPES or any(
        q.kind in (K.EVENT_DATE, K.DATE_EVENT) for q in task.questions) or (
        isinstance(task, ShortAnswer) and task.is_cloze and task.questions[0].date is not None
        and any(c.isdigit() for c in task.answer))


def test_only_dates_the_sources_give_are_asked(bank: QuestionBank) -> None:
    undated = ("Flood in the lowlands", "Rumours of a coup", "Founding of the league")
    asked_anyway = "Crowning of the old king"  # dated from outside, with ask_date: true
    crowned = 0
    date_tasks = 0
    for quiz in quizzes(bank, 16):
        for task, text in blocks(quiz):
            if is_date_task(task):
                date_tasks += 1
                for title in undated:
                    assert title not in text, (title, task.type)
                crowned += asked_anyway in text
    assert date_tasks > 100 and crowned > 0


@pytest.mark.parametrize(("date_source", "ask_date", "asked"), [
    ("stated", None, True), ("stated", False, False), ("stated", True, True),
    ("outside", None, False), ("outside", False, False), ("outside", True, True),
], ids=["stated", "stated-not-asked", "stated-asked", "outside", "outside-not-asked",
        "outside-asked"])
def test_the_deck_and_the_quizzes_ask_the_same_dates(date_source: str, ask_date: bool | None,
                                                     asked: bool) -> None:
    """``ask_date`` has the last word either way, in the deck as in the quizzes."""
    event = Event(id="summit", date="1990-05", date_source=date_source, ask_date=ask_date,
                  title="Summit at the lake", summary="The leaders met at the lake.",
                  sources=[Citation(source="paper", quote="the leaders met in May 1990")])
    info = PackInfo(id="dates", title="Dates", language="en",
                    sources=[Source(id="paper", title="The Paper")])
    bank = build_bank(Pack(info=info, directory=Path("."), events=(event,)))

    in_the_deck = any(q.kind in (K.EVENT_DATE, K.DATE_EVENT) for q in bank.questions)
    in_the_quizzes = "summit" in Pool(bank).dated
    assert (in_the_deck, in_the_quizzes) == (asked, asked)


def test_a_date_is_approximate_as_the_pack_says_not_as_its_answer_reads(
        bank: QuestionBank) -> None:
    """A precise date from outside the sources is marked so in its answer, and still precise:
    its span is its own. It is not stated true or false all the same, where its mark could not
    show (``outside-date-unmarked``); an approximate date is not, as arguable."""
    precise = "Crowning of the old king"  # dated 1991 from outside the sources, ask_date: true
    rough = "Border talks"  # 2015-04, approximate
    pool = Pool(bank)
    by_title = {d.title: d.question for d in pool.events}
    crowning, talks = by_title[precise], by_title[rough]
    assert crowning.answer != "1991" and "about" in talks.answer  # the preconditions

    assert (pool.approximate(crowning), pool.approximate(talks)) == (False, True)
    assert crowning.date is not None and pool.spans[crowning.id] == date_span(crowning.date)
    assert crowning not in pool.statements and talks not in pool.statements
    stated = {task.questions[0].item_id for quiz in quizzes(bank, 12, {T.TRUE_FALSE: 3})
              for task in quiz.tasks if task.type is T.TRUE_FALSE}
    assert stated and crowning.item_id not in stated and talks.item_id not in stated


# Actors of the rules pack with one other name each.
ALIASES = {"Cy Marsh": "Marsh", "Dock workers": "Dockers", "People of the valley": "Valley folk"}


def test_short_answers_accept_the_other_names_of_the_actor(bank: QuestionBank) -> None:
    found = 0
    for quiz in quizzes(bank, 16):
        key = render_quiz_html(quiz, "key").decode("utf-8")
        rows = key.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
        for task, row in zip(quiz.tasks, rows):
            if isinstance(task, ShortAnswer) and task.answer in ALIASES:
                assert f'<td class="also">{ALIASES[task.answer]}</td>' in row
                found += 1
    assert found


@pytest.mark.parametrize("bank_name", ["rules", "bundled"])
def test_actors_matched_with_their_roles_are_of_one_kind(bank_name: str, bank: QuestionBank) -> None:
    """People beside states beside groups could be matched by kind alone."""
    bank = bundled_bank() if bank_name == "bundled" else bank
    kinds = Pool(bank).truth.kinds
    matched = 0
    for quiz in quizzes(bank, 12, {T.MATCHING: 2}):
        for task in quiz.tasks:
            if isinstance(task, Matching) and not any(q.kind is K.EVENT_DATE for q in task.questions):
                assert len({kinds[q.item_id] for q in task.questions}) == 1, task.left
                matched += 1
    assert matched >= len(SEEDS) // 2  # some quizzes match dates instead


def test_a_date_from_outside_the_sources_is_never_the_one_marked_option(bank: QuestionBank) -> None:
    """"1991 (date not from the sources)" among plain dates would stand out, right or wrong."""
    mark = "(date not from the sources)"
    choices = 0
    for quiz in quizzes(bank, 8, ONLY_CHOICES):
        for task in quiz.tasks:
            if isinstance(task, Choice) and any(q.kind in (K.EVENT_DATE, K.DATE_EVENT)
                                                for q in task.questions):
                choices += 1
                assert len({mark in o for o in task.options}) == 1, task.options
    assert choices > len(SEEDS)


def test_a_quiz_asks_who_holds_one_position_of_a_dispute_at_most(bank: QuestionBank) -> None:
    """With two sources, who holds one side of "Was the election fair?" tells who holds the other."""
    asked = 0
    for quiz in quizzes(bank, 12, {T.ATTRIBUTION: 6}):
        disputes = [q.item_id for task in quiz.tasks if task.type is T.ATTRIBUTION
                    for q in task.questions]
        assert len(disputes) == len(set(disputes)), disputes
        asked += len(disputes)
    assert asked >= 3 * len(SEEDS)  # the pack's three disputes, each once


def test_a_date_from_outside_the_sources_is_never_matched_nor_ordered(
        bank: QuestionBank) -> None:
    """Its mark would tell its pair apart in a matching, and a chronology could not show it:
    the crowning, dated from outside the sources with ``ask_date: true``, is asked on its
    card, where the mark shows."""
    assert any(q.item_id == "crowning" and q.kind is K.EVENT_DATE
               and "(date not from the sources)" in q.answer for q in bank.questions)
    matched = ordered = 0
    for quiz in quizzes(bank, 12, {T.MATCHING: 3, T.CHRONOLOGY: 2}):
        for task in quiz.tasks:
            crowning = any(q.item_id == "crowning" for q in task.questions)
            if isinstance(task, Matching) and task.questions[0].kind is K.EVENT_DATE:
                matched += 1
                assert not crowning and not any("(date not from" in r for r in task.right)
            if task.type is T.CHRONOLOGY:
                ordered += 1
                assert not crowning
    assert matched >= len(SEEDS) and ordered >= len(SEEDS)


def test_a_date_an_events_own_story_tells_is_never_its_wrong_date(bank: QuestionBank) -> None:
    """The blockade ended in November 2000: said to be its date, it is half true; beside
    the election of November 2000 in a matching, it could be matched with that."""
    asked = 0
    for quiz in quizzes(bank, 16, {T.TRUE_FALSE: 6, T.MULTIPLE_CHOICE: 6, T.MATCHING: 2}):
        for task in quiz.tasks:
            if any(q.item_id == "blockade" and q.kind is K.EVENT_DATE for q in task.questions):
                shown = " ".join(task.shown)
                asked += 1
                assert "2000" not in shown, shown
    assert asked >= len(SEEDS) // 2


def test_a_date_given_as_about_is_never_the_one_hedged_option(bank: QuestionBank) -> None:
    """«About April 2015» among plain dates gives itself away, or its event."""
    dates = 0
    for quiz in quizzes(bank, 8, ONLY_CHOICES):
        for task in quiz.tasks:
            if isinstance(task, Choice) and task.questions[0].kind is K.EVENT_DATE:
                dates += 1
                assert len({o.lower().startswith("about") for o in task.options}) == 1, task.options
    assert dates > len(SEEDS)
    assert any(q.item_id == "talks" and q.answer.startswith("about") for q in bank.questions)


def test_asking_which_source_reports_an_answer_says_whose_answer_it_is(bank: QuestionBank) -> None:
    """"The admiral acted alone" is Dee Fenn's answer, which the Gazette reports."""
    seen = 0
    for quiz in quizzes(bank, 12, {T.ATTRIBUTION: 3}):
        for task, text in blocks(quiz):
            if task.type is T.ATTRIBUTION:
                held = "The answer of Dee Fenn, as the source reports it."
                claimed = "“The admiral acted alone”" in text  # quoted as the answer it is
                assert (held in text) == claimed, text
                seen += claimed
    assert seen > 0


def test_an_answer_only_one_source_names_the_holder_of_is_not_asked_of_a_source(
        bank: QuestionBank) -> None:
    """Only the Gazette names Cy Marsh: "the answer of Cy Marsh" would say which source it is,
    and "The count was clean" asked bare would be the Gazette's own view, which it only
    reports (held-unshown). The admiral's answer, whom both name, is asked with his name."""
    with tracing() as found:
        made = list(quizzes(bank, 12, {T.ATTRIBUTION: 3}))
    texts = [text for quiz in made for task, text in blocks(quiz) if task.type is T.ATTRIBUTION]
    assert texts and not [t for t in texts if "“The count was clean”" in t]
    assert any(r.rule == "held-unshown" and r.item_id == "dispute-2" for r in found)


def test_which_source_is_asked_only_where_more_than_one_takes_sides(bank: QuestionBank) -> None:
    """Only the Gazette speaks to who paid for the port: it would be the one option on topic."""
    asked = 0
    for quiz in quizzes(bank, 12, {T.ATTRIBUTION: 4}):
        for task in quiz.tasks:
            if task.type is T.ATTRIBUTION:
                asked += 1
                assert task.questions[0].item_id != "dispute-port", task.shown
    assert asked >= 2 * len(SEEDS)


def test_a_group_known_by_no_other_name_is_never_a_short_answer(bank: QuestionBank) -> None:
    """"Loyalist commentators" may be written a dozen ways, each as right; "Dock workers"
    has its alias for the marker."""
    answers = {task.answer for quiz in quizzes(bank, 16, {T.SHORT_ANSWER: 6})
               for task in quiz.tasks if isinstance(task, ShortAnswer)}
    assert "Dock workers" in answers
    assert not {a for a in answers if "commentators" in a.lower()}, answers


@pytest.mark.parametrize("counts", [{}, {T.TRUE_FALSE: 4}, {T.CHRONOLOGY: 0, T.MATCHING: 0},
                                    {T.SHORT_ANSWER: 5}],
                         ids=["spread", "true-false-asked", "no-chronology-or-matching",
                              "short-answers-asked"])
def test_a_quiz_reaches_the_length_asked_with_the_types_as_asked(bank: QuestionBank,
                                                                 counts: dict[T, int]) -> None:
    for quiz in quizzes(bank, 14, counts):
        assert len(quiz.tasks) == 14, quiz.short
        for kind, count in counts.items():
            assert quiz.made(kind) == count or kind in quiz.short
        if not quiz.short:
            assert {t: quiz.made(t) for t in T} == quiz.plan
        for kind in quiz.short:
            assert quiz.made(kind) < quiz.plan[kind]


def test_variants_differ_as_much_as_the_pack_allows(bank: QuestionBank) -> None:
    """Where the pack holds enough unasked facts, a second variant asks none of the first's."""
    from quizgen.quiz import overlap

    counts = {T.MULTIPLE_CHOICE: 3, T.SHORT_ANSWER: 2, T.ATTRIBUTION: 1, T.TRUE_FALSE: 0,
              T.MATCHING: 0, T.CHRONOLOGY: 0}
    for seed in range(10):
        first, second = compose_quizzes(bank, QuizRequest(seed, 2, 6, counts))
        assert len(first.tasks) == len(second.tasks) == 6
        assert overlap(second, first) == 0 and not first.facts & second.facts
    # Dates are fewer: two quizzes of chronologies must share some, and say how many.
    first, second = compose_quizzes(bank, QuizRequest(1, 2, 5, {T.CHRONOLOGY: 5}))
    assert overlap(second, first) == sum(1 for t in second.tasks if t.facts & first.facts) > 0


def test_an_office_the_sentence_gives_the_blank_rules_out_options_of_another() -> None:
    """«Исторический визит премьер-министра ___ в Анкару»: only Пашинян is a prime minister,
    so a president or an aide beside him is no choice."""
    from quizgen.quiz.compose import _alike

    bank = bundled_bank()
    pool = Pool(bank)
    visit = next(q for q in bank.of_kind(K.EVENT_ACTORS) if "премьер-министра ___" in q.prompt)
    others = pool.wrong_answers(visit)
    assert {s.answer for s in others} >= {"Ильхам Алиев", "Хикмет Гаджиев"}
    assert not [s.answer for s in others if _alike(pool, visit, s, pool.echo(visit, s.answer))]
