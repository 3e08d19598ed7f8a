"""Printed quizzes: every task has one right answer, seeds reproduce, content stays text.

The checks below re-derive fairness from the question bank independently of the
composer: a wrong option must not be the answer of any question asked the same
way, dates that could be the same moment never compete, and so on.
"""

from __future__ import annotations

import calendar
import hashlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markupsafe
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from quiz_packs import (HOSTILE, SCRIPT, bundled_bank, bundled_pack, load, write_hostile_pack,
                        write_pack_files, write_rules_pack)
from quizgen.bank import build_bank
from quizgen.question import Question, QuestionBank, QuestionKind
from quizgen.cli import main
from quizgen.grammar import inflected_like, lemma, role_head
from quizgen.i18n import LABELS, date_phrase, format_date, label, quoted
from quizgen.model import Language, PartialDate, QuestionType, QuizSettings
from quizgen.quiz.pool import CUE_WORDS, CUE_WORDS_BESIDE_A_DATE, Pool
from quizgen.quiz import (Chronology, Choice, Matching, Quiz, QuizRequest, ShortAnswer,
                          TrueFalse, compose_quizzes)
from quizgen.quotes import normalize
from quizgen.render.pdf import BrowserNotFoundError
from quizgen.render.quiz import (quiz_paper, quiz_request, render_quiz_html, render_quizzes,
                                 variant_name)
from quizgen.rules import tracing
from quizgen.truth import stems

K = QuestionKind
ALL_TYPES = set(QuestionType)
CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def hostile_bank(tmp_path_factory: pytest.TempPathFactory) -> QuestionBank:
    return build_bank(load(write_hostile_pack(tmp_path_factory.mktemp("packs") / "hostile")))


@pytest.fixture(scope="module")
def rules_bank(tmp_path_factory: pytest.TempPathFactory) -> QuestionBank:
    return build_bank(load(write_rules_pack(tmp_path_factory.mktemp("packs") / "rules")))


@pytest.fixture(params=["bundled", "hostile", "rules"], ids=["bundled-ru", "hostile-en", "rules-en"])
def bank(request: pytest.FixtureRequest, hostile_bank: QuestionBank,
         rules_bank: QuestionBank) -> QuestionBank:
    return {"bundled": bundled_bank(), "hostile": hostile_bank, "rules": rules_bank}[request.param]


def _quizzes(bank: QuestionBank, seed: int = 1, variants: int = 3,
             questions: int = 30) -> list[Quiz]:
    return compose_quizzes(bank, QuizRequest(seed, variants, questions, {}))


# --- independent checks of one quiz ------------------------------------------------------

def _compatible(a: PartialDate, b: PartialDate) -> bool:
    """Same date, or one a prefix of the other (2024 and 2024-12): either could be right."""
    return str(a).startswith(str(b)) or str(b).startswith(str(a))


def _same_prompt(bank: QuestionBank, q: Question) -> list[Question]:
    prompt = normalize(q.prompt)
    return [r for r in bank.questions if r.kind is q.kind and normalize(r.prompt) == prompt]


def _reaches(bank: QuestionBank) -> dict[str, set[str]]:
    """For each side of a cause, every side reached from it along the pack's links."""
    after: dict[str, set[str]] = {}
    for cause, effect in bank.truth.links.values():
        after.setdefault(cause, set()).add(effect)
    reached = {}
    for start in after:
        seen, todo = set(), list(after[start])
        while todo:
            side = todo.pop()
            if side not in seen:
                seen.add(side)
                todo.extend(after.get(side, ()))
        reached[start] = seen
    return reached


def _linked(bank: QuestionBank, a: str, b: str) -> bool:
    reached = _reaches(bank)
    return a == b or b in reached.get(a, set()) or a in reached.get(b, set())


def _echoes(bank: QuestionBank, prompt: str, option: str) -> bool:
    """Whether an option shares a word stem or a named actor with the prompt, the source
    the prompt is read from («Источник — …. ») left out."""
    for reading in {label(bank.language, "prompt.reading", source=r.title)
                    for q in bank.questions for r in q.sources}:
        prompt = prompt.removeprefix(reading)
    words = lambda text: stems(text) | bank.truth.mentions(text)  # noqa: E731
    return bool(words(prompt) & words(option))


def _askable(bank: QuestionBank, q: Question) -> bool:
    events = q.facts.answer_ids if q.kind is K.DATE_EVENT else (q.item_id,)
    return all(e in bank.truth.askable_dates for e in events)


def check_attribution_of_two(bank: QuestionBank, task: Choice, titles: dict[str, str]) -> None:
    """Two sources, "both" and "neither": the right one is what every position holding the
    claim cites, across the pack; neither is never right, as every claim has a source."""
    q = task.questions[0]
    claim = normalize(q.facts.claim)
    held = {s for r in bank.questions if r.kind is K.CLAIM_HOLDER
            and normalize(r.facts.claim) == claim for s in r.facts.said_by}
    t = lambda key: label(bank.language, key)  # noqa: E731
    assert sorted(task.options[:2]) == sorted(titles.values())
    assert task.options[2:] == (t("quiz.both-sources"), t("quiz.neither-source"))
    expected = t("quiz.both-sources") if held == set(titles) else titles[held.pop()]
    assert task.options[task.answer] == expected, (claim, held)


def check_choice(bank: QuestionBank, task: Choice) -> None:
    texts = [normalize(o) for o in task.options]
    assert len(set(texts)) == len(texts), f"duplicate options: {task.options}"
    q = task.questions[0]
    if task.type is QuestionType.ATTRIBUTION:
        titles = {r.source_id: r.title for b in bank.questions for r in b.sources}
        if len(titles) == 2:
            check_attribution_of_two(bank, task, titles)
            return
        [said_by] = q.facts.said_by
        assert task.options[task.answer] == titles[said_by]
        wrong = [o for i, o in enumerate(task.options) if i != task.answer]
        assert all(o != titles[said_by] and o in titles.values() for o in wrong)
        assert len(task.options) >= 2
        return
    assert len(task.options) == 4
    assert task.options[task.answer] == q.answer
    echoes = {_echoes(bank, q.prompt, o) for o in task.options}
    assert len(echoes) == 1, f"only some options repeat the prompt: {q.prompt} {task.options}"
    if q.kind in (K.EVENT_DATE, K.DATE_EVENT):
        assert _askable(bank, q), f"{q.id} asks a date the sources do not give"
    rights = _same_prompt(bank, q)
    right_texts = {normalize(r.answer) for r in rights}
    right_keys = {r.facts.key for r in rights}
    for index, option in enumerate(task.options):
        if index == task.answer:
            continue
        assert normalize(option) not in right_texts, f"second right answer {option!r} in {q.id}"
        # a role stands as its card's front shows it, without the office that opens it
        sources = [s for s in bank.questions if s.kind is q.kind and s.category == q.category
                   and normalize(s.facts.role if s.kind is K.ACTOR_ROLE else s.answer)
                   == normalize(option)]
        assert sources, f"option {option!r} comes from no sibling of {q.id}"
        for s in sources:
            assert s.facts.key not in right_keys
            if q.kind in (K.EVENT_DATE, K.DATE_EVENT):
                assert not _compatible(s.date, q.date), f"{option!r} could also be right for {q.id}"
                assert _askable(bank, s), f"{option!r} is a date the sources do not give"
            if q.kind is K.EVENT_ACTORS:
                right, other = set(q.facts.answer_ids), set(s.facts.answer_ids)
                assert not other <= right and not right <= other, (q.id, option)
            if q.kind in (K.CAUSE_EFFECT, K.EFFECT_CAUSE):
                # The answer is one cause item's effect (or cause).
                member = lambda r: r.facts.answer_ids[0]  # noqa: E731
                cause, effect = bank.truth.links[member(q)]
                offered = bank.truth.links[member(s)][1 if q.kind is K.CAUSE_EFFECT else 0]
                assert not _linked(bank, cause, offered) and not _linked(bank, effect, offered), \
                    f"{option!r} is right for {q.prompt!r} by another link of the pack"


def check_true_false(bank: QuestionBank, task: TrueFalse) -> None:
    [q] = task.questions
    assert q.kind is K.EVENT_DATE and _askable(bank, q)
    # A title quoted inside the sentence takes the inner quotation marks.
    inner = {"ru": str.maketrans("«»", "„“"), "en": str.maketrans("“”", "‘’")}[bank.language]
    title = q.facts.title.translate(inner)
    assert task.statement.count({"ru": "«", "en": "“"}[bank.language]) <= 1, "quotes in quotes"

    def sentence(date: PartialDate) -> str:
        return label(bank.language, "quiz.tf-date", title=title,
                     when=date_phrase(date, bank.language)).replace("..", ".")

    def precise(e: Question) -> bool:
        """An approximate date is neither surely true nor surely false; one from outside the
        sources is as precise as any."""
        return e.item_id not in bank.truth.approximate_dates

    assert task.truth == sentence(q.date) and precise(q)
    if task.true:
        assert task.statement == task.truth
        return
    # The false date is another event's, or the true one moved to an earlier year.
    dates = [e.date for e in bank.of_kind(K.EVENT_DATE)
             if e.date and sentence(e.date) == task.statement and _askable(bank, e)
             and precise(e)]
    month, day = q.date.month, q.date.day
    for year in range(max(1, q.date.year - 300), q.date.year) if month is not None else ():
        if day is None or day <= calendar.monthrange(year, month)[1]:
            if sentence(moved := PartialDate(year, month, day)) == task.statement:
                dates.append(moved)
    assert dates and all(not _compatible(d, q.date) and d.sort_key() < q.date.sort_key()
                         for d in dates), task.statement


def check_matching(bank: QuestionBank, task: Matching) -> None:
    n = len(task.left)
    assert 5 <= n <= 6 and len(task.right) == n
    assert len({normalize(x) for x in task.left}) == n
    assert len({normalize(x) for x in task.right}) == n
    assert sorted(task.answers) == list(range(n))
    if task.questions[0].kind is K.ROLE_ACTOR:
        names, roles = task.questions[0::2], task.questions[1::2]
        pool = Pool(bank)
        for i, (name, role) in enumerate(zip(names, roles)):
            assert name.item_id == role.item_id and role.kind is K.ACTOR_ROLE
            assert task.left[i] == name.answer and task.right[task.answers[i]] == role.answer
            # No row names another row's actor: the grid would settle two rows at once.
            others = {n.item_id for n in names} - {name.item_id}
            assert not pool.mentions(task.right[task.answers[i]]) & others, task.right
    else:
        dated = task.questions
        assert all(_askable(bank, q) for q in dated)
        for i, q in enumerate(dated):
            assert q.kind is K.EVENT_DATE and task.right[task.answers[i]] == q.answer
            assert quoted(task.left[i], bank.language) in q.prompt
        for a in dated:
            for b in dated:
                assert a is b or not _compatible(a.date, b.date), (a.item_id, b.item_id)


def test_no_role_in_a_matching_grid_names_another_actor_of_the_grid() -> None:
    """Israel's role «…тогда как с Китаем он развивает отношения, а с Турцией и Пакистаном…»
    beside China and Pakistan settles three rows at once. Twelve seeds of the bundled sheets:
    without the rule, three of their rows named another row's actor."""
    bank = bundled_bank()
    grids = [t for seed in range(1, 13) for quiz in _quizzes(bank, seed=seed, variants=2,
                                                            questions=20)
             for t in quiz.tasks if isinstance(t, Matching)
             and t.questions[0].kind is K.ROLE_ACTOR]
    assert grids
    for task in grids:
        check_matching(bank, task)


def check_chronology(task: Chronology, language: Language) -> None:
    events = task.questions
    assert 4 <= len(events) <= 6 and len(task.events) == len(events)
    for title, q in zip(task.events, events):
        assert q.kind is K.EVENT_DATE and quoted(title, language) in q.prompt
    for a in events:
        for b in events:
            assert a is b or not _compatible(a.date, b.date), (a.item_id, b.item_id)
    in_order = [events[i].date.sort_key() for i in task.order]
    assert in_order == sorted(in_order) and len(set(in_order)) == len(in_order)
    assert list(task.order) != list(range(len(events))), "shown already in order"


def check_short_answer(bank: QuestionBank, task: ShortAnswer) -> None:
    q = task.questions[0]
    if task.is_cloze:
        assert q.cloze is not None and task.answer == q.cloze.hidden
        shown = task.context + " " + task.before + " " + task.after
    else:
        assert task.answer == q.answer and task.prompt == q.prompt
        shown = task.prompt
    assert normalize(task.answer) not in normalize(shown), f"{task.answer!r} is given away"
    named = bank.truth.mentions(task.answer) & bank.truth.mentions(shown)
    assert not named, f"{task.answer!r} is given away by another of its names: {named}"
    # A number is accepted written other ways: the same value, or its unit alone for one.
    number = _number(task.answer)
    numbers = [n for n in task.accepted if number is not None
               and (_number(n) == number or (number == "1" and _number(n) is None))]
    named = [n for n in task.accepted if n not in numbers]
    actors = bank.truth.mentions(task.answer)
    names = [n for a in actors for n in bank.truth.accepted(a)
             if normalize(task.answer) in {normalize(m) for m in bank.truth.accepted(a)}]
    if names or bank.language != "ru":
        assert set(named) == {n for n in names if normalize(n) != normalize(task.answer)}
    else:  # a name's form («Анкарой»): the other names, in some case («Турцией»)
        others = {_lemmas(n) for a in actors for n in bank.truth.accepted(a)}
        assert all(_lemmas(n) in others for n in named), task.accepted


def _number(text: str) -> str | None:
    """The first number of ``text`` as a value: «7 000» and «7000», «1,5» and «1.5» alike."""
    found = re.search(r"\d[\d \u00a0]*(?:[.,]\d+)?", text)
    return found.group().replace(" ", "").replace("\u00a0", "").replace(",", ".").strip() \
        if found else None


def _lemmas(name: str) -> tuple[str, ...]:
    return tuple(lemma(w) for w in re.findall(r"\w+", name.lower()))


def check_quiz(bank: QuestionBank, quiz: Quiz) -> None:
    facts: set[str] = set()
    for task in quiz.tasks:
        assert not facts & task.facts, "a fact asked twice in one quiz"
        facts |= task.facts
        assert task.notes and all(note.sources for note in task.notes)
        if isinstance(task, Choice):
            check_choice(bank, task)
        elif isinstance(task, TrueFalse):
            check_true_false(bank, task)
        elif isinstance(task, Matching):
            check_matching(bank, task)
        elif isinstance(task, Chronology):
            check_chronology(task, bank.language)
            assert all(_askable(bank, q) for q in task.questions)
        elif isinstance(task, ShortAnswer):
            check_short_answer(bank, task)
        else:
            pytest.fail(f"unexpected task {task!r}")
    numbers = [s.first + i for s in quiz.sections for i in range(len(s.tasks))]
    assert numbers == list(range(1, len(quiz.tasks) + 1))


# --- one right answer per task -----------------------------------------------------------

def test_every_task_has_exactly_one_right_answer(bank: QuestionBank) -> None:
    # Three long variants, and the two of the pack's own size: where the long ones share one
    # mix, a type that one cannot make is left out of all three. Two seeds, so that every
    # type is made: a seed's two short variants may agree on a mix without a chronology.
    quizzes = [quiz for seed in (1, 2) for quiz in
               _quizzes(bank, seed=seed) + _quizzes(bank, seed=seed, variants=2, questions=20)]
    for quiz in quizzes:
        check_quiz(bank, quiz)
    made = {task.type for quiz in quizzes for task in quiz.tasks}
    assert made == ALL_TYPES


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=10**9), questions=st.integers(1, 60))
def test_any_seed_gives_fair_quizzes(seed: int, questions: int) -> None:
    """Up to 20 questions, the bundled pack fills every variant; nearer its 130 items, where
    no task may tell another's answer, a variant may fall short, and says which type and why,
    but holds at least ``FLOOR``."""
    bank = bundled_bank()
    for quiz in compose_quizzes(bank, QuizRequest(seed, 2, questions, {})):
        check_quiz(bank, quiz)
        if questions <= ALWAYS_FILLED:
            assert len(quiz.tasks) == questions
        else:
            assert len(quiz.tasks) == questions or (
                len(quiz.tasks) >= FLOOR and quiz.short), quiz.short


# Questions a variant of the bundled pack always holds, whatever the seed; and, asked for more,
# the fewest it may hold (measured: 20 to 35 for 24 to 60 asked, 50 random seeds and the
# examples hypothesis found, where two variants must share one mix of types). A link is
# asked only for an end the sources date, and a written answer printed anywhere else on the
# sheet is told: the bank and what one sheet may hold are smaller than they were.
ALWAYS_FILLED = 20
FLOOR = 18


def test_false_statements_differ_from_the_truth(bank: QuestionBank) -> None:
    statements = [t for seed in range(6) for quiz in _quizzes(bank, seed=seed) for t in quiz.tasks
                  if isinstance(t, TrueFalse)]
    false = [t for t in statements if not t.true]
    assert false and len(false) < len(statements)
    for task in false:
        assert task.statement != task.truth
        assert normalize(task.statement) != normalize(task.truth)


def test_a_false_date_keeps_the_month_and_day_and_moves_the_year() -> None:
    """«Отсутствие на параде Победы … в январе 2025 года» is false on its face: whoever knows
    when Victory Day falls needs nothing of the pack. The bundled pack dates events over
    years, so a false date is the true one in an earlier year."""
    bank = bundled_bank()
    false = [t for seed in range(12) for quiz in _quizzes(bank, seed=seed, variants=2,
                                                          questions=20)
             for t in quiz.tasks if isinstance(t, TrueFalse) and not t.true]
    dated = [t for t in false if t.questions[0].date and t.questions[0].date.month]
    assert {t.questions[0].item_id for t in dated} >= {"victory-parade-absence"}
    for task in dated:
        date = task.questions[0].date
        assert date is not None and date.month is not None
        true_when = date_phrase(date, bank.language)
        month_and_day = true_when.removesuffix(f" {date.year} года")
        assert month_and_day in task.statement and str(date.year) not in task.statement, (
            task.statement)


@pytest.mark.parametrize("text, cues", [
    ("Source: The Gazette. The hosts asked the guests for the moon.", True),
    ("Source: The Courier. The hosts asked the guests for the moon.", False),  # another source
    ("Source: The Gazette. The hosts were late.", False),  # one word of the claim is too few
    ("The hosts, so Gazette readers learnt, asked the guests for the moon.", True),
], ids=["its-source-beside-its-words", "another-source", "one-word", "the-source-named-as-told"])
def test_a_text_naming_a_claims_source_beside_its_words_cues_the_source(
        rules_bank: QuestionBank, text: str, cues: bool) -> None:
    """«Источник — блог…» before a role that repeats a claim says which source makes it."""
    [q] = [q for q in rules_bank.of_kind(K.CLAIM_HOLDER)
           if q.item_id == "dispute-0" and q.facts.said_by == ("gazette",)]
    assert Pool(rules_bank).cues(q, text) is cues


@pytest.mark.parametrize("kind, item, text, cues", [
    (K.ROLE_ACTOR, "dee", "Dee Fenn lifted the blockade of the passes.", True),
    (K.ROLE_ACTOR, "dee", "The admiral lifted the blockade of the passes.", False),  # not named
    (K.ROLE_ACTOR, "dee", "Dee Fenn opened the trade fair in the south.", False),  # elsewhere
    (K.EVENT_DATE, "ceasefire", "In March 2007 the ceasefire in the valley held.", True),
    (K.EVENT_DATE, "ceasefire", "In March 2009 the ceasefire in the valley broke.", False),
    (K.EVENT_DATE, "ceasefire", "In March 2007 the games of the isles began.", False),
    (K.EVENT_DATE, "ceasefire", "The valley was quiet by March 2007.", True),  # one word and a date
    (K.ROLE_ACTOR, "dee", "Dee Fenn and the blockade.", False),  # one word beside a name is too few
    # «valley» is a word of an actor's name that the text does not name: a word all the same
    (K.EVENT_DATE, "ceasefire", "By March 2007 the valley had a truce.", True),
    (K.EVENT_DATE, "ceasefire", "By March 2007 the people of the valley had fled.", False),
])
def test_a_text_that_tells_the_same_fact_cues_the_answer(
        rules_bank: QuestionBank, kind: QuestionKind, item: str, text: str, cues: bool) -> None:
    [q] = [q for q in rules_bank.of_kind(kind) if q.item_id == item]
    assert Pool(rules_bank).cues(q, text) is cues


@pytest.mark.parametrize("bank_name", ["bundled", "rules"])
def test_no_task_tells_the_answer_of_another_in_its_variant(
        bank_name: str, rules_bank: QuestionBank) -> None:
    bank = rules_bank if bank_name == "rules" else bundled_bank()
    pool = Pool(bank)
    for seed in range(8):
        for quiz in _quizzes(bank, seed=seed, variants=2, questions=30):
            for task in quiz.tasks:
                # A chronology shows no dates: one of its events is told only by a date
                # beside two of its words.
                beside = CUE_WORDS if isinstance(task, Chronology) else CUE_WORDS_BESIDE_A_DATE
                for other in quiz.tasks:
                    if other is not task:
                        assert not any(pool.cues(q, text, beside) for q in task.questions
                                       for text in other.shown), (task, other)


@pytest.mark.parametrize("bank_name", ["bundled", "rules"])
def test_no_wrong_description_is_shown_elsewhere_in_its_variant_as_another_items(
        bank_name: str, rules_bank: QuestionBank) -> None:
    """A role a matching pairs with its actor is ruled out as a wrong option for another."""
    bank = rules_bank if bank_name == "rules" else bundled_bank()
    described = (K.ACTOR_ROLE, K.CAUSE_EFFECT, K.EFFECT_CAUSE)
    checked = 0
    for seed in range(20):
        for quiz in _quizzes(bank, seed=seed, variants=2, questions=30):
            for task in quiz.tasks:
                if isinstance(task, Choice) and task.questions[0].kind in described:
                    checked += 1
                    wrong = [normalize(o) for i, o in enumerate(task.options) if i != task.answer]
                    for other in quiz.tasks:
                        if other is not task:
                            shown = [normalize(t) for t in other.shown]
                            assert not [w for w in wrong for t in shown if w in t], (task, other)
    assert checked > 16


@pytest.mark.parametrize("bank_name", ["bundled", "rules"])
def test_no_actor_offered_for_a_role_is_matched_with_its_own_in_the_variant(
        bank_name: str, rules_bank: QuestionBank) -> None:
    """СНГ matched with its role is ruled out as the body «…обошла так же, как ООН»."""
    bank = rules_bank if bank_name == "rules" else bundled_bank()
    checked = 0
    for seed in range(40):
        for quiz in _quizzes(bank, seed=seed, variants=2, questions=30):
            matched = {normalize(name) for t in quiz.tasks if isinstance(t, Matching)
                       and t.questions[0].kind is K.ROLE_ACTOR for name in t.left}
            for task in quiz.tasks:
                if isinstance(task, Choice) and task.questions[0].kind is K.ROLE_ACTOR:
                    checked += bool(matched)
                    wrong = {normalize(o) for i, o in enumerate(task.options) if i != task.answer}
                    assert not wrong & matched, (task.options, matched)
    assert checked > 12


_GUILDS = [("traders", "Торговцы", "купцы", "market", "Закрывшие лавки в знак протеста против пошлин"),
           ("bakers", "Пекари", "хлебопёки", "market", "Поднявшие цену хлеба после неурожая"),
           ("millers", "Мельники", "мукомолы", "market", "Построившие плотину на реке у города"),
           ("sailors", "Моряки", "матросы", "sea", "Ушедшие в дальнее плавание на трёх кораблях"),
           ("fishers", "Рыбаки", "ловцы", "sea", "Спасшие команду разбитой бурей шхуны"),
           ("soldiers", "Солдаты", "ратники", "army", "Охранявшие крепостные ворота всю зиму"),
           ("monks", "Монахи", "иноки", "church", "Переписавшие городскую летопись набело")]


def test_wrong_options_come_from_the_answers_topic_first(tmp_path: Path) -> None:
    """The traders, tagged `market`, are offered beside the bakers and the millers of the same
    tag before the groups of other tags, all of one kind and number."""
    pack = tmp_path / "guilds"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        "id: guilds\ntitle: Город\nlanguage: ru\nsources:\n  - {id: s, title: Хроника}\n",
        encoding="utf-8")
    (pack / "content.yaml").write_text("actors:\n" + "".join(
        f"  - {{id: {ident}, name: {name}, aliases: [{alias}], kind: group, tags: [{tag}], "
        f"role: \"{role}.\", sources: [{{source: s, quote: q}}]}}\n"
        for ident, name, alias, tag, role in _GUILDS), encoding="utf-8")
    bank = build_bank(load(pack))
    offered = []
    for seed in range(10):
        request = QuizRequest(seed, 1, 7, {QuestionType.MULTIPLE_CHOICE: 7})
        offered += [set(t.options) for quiz in compose_quizzes(bank, request)
                    for t in quiz.tasks if isinstance(t, Choice)
                    and t.questions[0].kind is K.ROLE_ACTOR and t.questions[0].item_id == "traders"]
    assert offered and all({"Пекари", "Мельники"} <= options for options in offered), offered


def test_the_bundled_osce_question_never_meets_the_cause_that_names_it() -> None:
    """«…обошла так же, как ООН» → ОБСЕ, beside «Россия обошла ООН и ОБСЕ»: one answers the other."""
    bank = bundled_bank()
    both = 0
    for seed in range(30):
        for quiz in _quizzes(bank, seed=seed, variants=2, questions=30):
            shown = " ".join(text for task in quiz.tasks for text in task.shown)
            asks_osce = any(q.kind is K.ROLE_ACTOR and q.item_id == "osce"
                            for task in quiz.tasks for q in task.questions)
            both += asks_osce and "обошла ООН и ОБСЕ" in shown
    assert both == 0


@pytest.mark.parametrize("pack, counted", [("rules", "harbour"), ("bundled", "karabakh-enclave-end")])
def test_no_statement_dates_an_event_a_quote_also_counts_from_another_date(
        pack: str, counted: str, rules_bank: QuestionBank) -> None:
    """"Closed two years later": a student may count that to a date the key calls false."""
    bank = rules_bank if pack == "rules" else bundled_bank()
    assert any(q.item_id == counted and q.date for q in bank.of_kind(K.EVENT_DATE))
    stated = {t.questions[0].item_id for seed in range(12) for quiz in _quizzes(bank, seed=seed)
              for t in quiz.tasks if isinstance(t, TrueFalse)}
    assert len(stated) >= 3 and counted not in stated


def test_dates_that_could_be_the_same_never_compete(bank: QuestionBank) -> None:
    """2024 and 2024-12 never stand in one chronology or as rival options."""
    assert _compatible(PartialDate(2024), PartialDate(2024, 12))
    tasks = [t for seed in range(4) for quiz in _quizzes(bank, seed=seed) for t in quiz.tasks]
    chronologies = [t for t in tasks if isinstance(t, Chronology)]
    assert chronologies
    for task in chronologies:
        check_chronology(task, bank.language)


# --- selection ---------------------------------------------------------------------------

_RENDER = """
import hashlib, sys
sys.path.insert(0, {tests!r})
from quiz_packs import bundled_bank
from quizgen.quiz import QuizRequest, compose_quizzes
from quizgen.render.quiz import render_quiz_html
request = QuizRequest(seed=11, variants=2, questions=20, counts={{}})
for quiz in compose_quizzes(bundled_bank(), request):
    print(hashlib.sha256(render_quiz_html(quiz)).hexdigest())
"""


def test_same_seed_gives_byte_identical_html_across_processes() -> None:
    """Run in fresh interpreters with different hash seeds, so set order cannot leak in."""
    script = _RENDER.format(tests=str(Path(__file__).parent))
    digests = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              env=env, check=True)
        digests.append(done.stdout.split())
    assert len(digests[0]) == 2 and digests[0] == digests[1]
    here = [hashlib.sha256(render_quiz_html(q)).hexdigest()
            for q in compose_quizzes(bundled_bank(), QuizRequest(11, 2, 20, {}))]
    assert here == digests[0]


def test_different_seeds_give_different_quizzes(bank: QuestionBank) -> None:
    first, second = (_quizzes(bank, seed=seed, variants=1)[0] for seed in (1, 2))
    assert render_quiz_html(first) != render_quiz_html(second)
    assert {q.id for t in first.tasks for q in t.questions} != {
        q.id for t in second.tasks for q in t.questions}


def test_variants_differ_each_with_its_own_key(bank: QuestionBank) -> None:
    quizzes = _quizzes(bank, variants=3, questions=12)
    assert [q.variant for q in quizzes] == ["A", "B", "C"]
    asked = [{q.id for t in quiz.tasks for q in t.questions} for quiz in quizzes]
    keys = [[t.key for t in quiz.tasks] for quiz in quizzes]
    pages = [render_quiz_html(quiz) for quiz in quizzes]
    for i in range(3):
        for j in range(i + 1, 3):
            assert asked[i] != asked[j] and keys[i] != keys[j] and pages[i] != pages[j]
    for quiz, page in zip(quizzes, pages):
        shown = LABELS[quiz.language]["quiz.variant"].format(variant=variant_name(quiz))
        assert shown.encode() in page


def test_one_variant_is_variant_a_without_the_letter(bank: QuestionBank) -> None:
    """A lone quiz has variant A's seed; the study page's further variants never change it."""
    alone = _quizzes(bank, variants=1)[0]
    with_more = compose_quizzes(bank, QuizRequest(1, 1, 30, {}), more=2)
    first = _quizzes(bank, variants=2)[0]
    assert alone.variant == "" and first.variant == "A"
    assert [q.variant for q in with_more] == ["", "B", "C"]
    assert [t.key for t in alone.tasks] == [t.key for t in with_more[0].tasks]


@pytest.mark.parametrize("counts, questions, expected", [
    ({}, 12, {t: 2 for t in QuestionType}),
    ({QuestionType.MATCHING: 1}, 11, {**{t: 2 for t in QuestionType}, QuestionType.MATCHING: 1}),
    ({QuestionType.MULTIPLE_CHOICE: 5, QuestionType.TRUE_FALSE: 0}, 5,
     {**{t: 0 for t in QuestionType}, QuestionType.MULTIPLE_CHOICE: 5}),
    ({}, 7, {QuestionType.MULTIPLE_CHOICE: 2, **{t: 1 for t in list(QuestionType)[1:]}}),
], ids=["spread-evenly", "one-type-fixed", "counts-exceed-total", "remainder-to-first"])
def test_type_counts_and_the_rest_spread_evenly(counts, questions, expected) -> None:
    assert QuizRequest(1, 1, questions, counts).plan() == expected
    quiz = compose_quizzes(bundled_bank(), QuizRequest(1, 1, questions, counts))[0]
    assert {t: quiz.made(t) for t in QuestionType} == expected


def test_a_type_the_pack_cannot_fill_gives_way_to_the_others(hostile_bank: QuestionBank) -> None:
    # 21 is as many tasks as a sheet of the pack fills when asked for them (measured; 23
    # before a false statement kept its date's month, which changed what the rounds draw):
    # three or four of each type are due, and it holds matchings and chronologies for fewer;
    # another type makes up the rest.
    quiz = compose_quizzes(hostile_bank, QuizRequest(1, 1, 21, {}))[0]
    assert quiz.made(QuestionType.MATCHING) < 3 and quiz.made(QuestionType.CHRONOLOGY) < 3
    assert len(quiz.tasks) == 21
    assert max(quiz.made(t) for t in QuestionType) > 4


def test_command_line_overrides_pack_defaults() -> None:
    settings = QuizSettings(questions=15, seed=4, variants=3,
                            types={QuestionType.MATCHING: 2, QuestionType.CHRONOLOGY: 1})
    request = quiz_request(settings)
    assert (request.seed, request.variants, request.questions) == (4, 3, 15)
    assert request.counts == {QuestionType.MATCHING: 2, QuestionType.CHRONOLOGY: 1}
    request = quiz_request(settings, seed=0, variants=1, questions=5,
                           type_counts={"matching": 0})
    assert (request.seed, request.variants, request.questions) == (0, 1, 5)
    assert request.counts == {QuestionType.MATCHING: 0, QuestionType.CHRONOLOGY: 1}


# --- the page ----------------------------------------------------------------------------

class _Balance(HTMLParser):
    """Every element that is opened is closed, in order; records what the page refers to."""

    VOID = {"meta", "input", "br", "img", "link", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.refs: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.refs += [f"{name}={value}" for name, value in attrs if name in {"src", "href"}]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes nothing open"


STUDENT_LABELS = ("quiz.kind", "quiz.student", "quiz.date", "quiz.score", "quiz.true",
                  "quiz.false")
KEY_LABELS = ("quiz.key", "quiz.key-answer", "quiz.key-points", "quiz.key-also",
              "quiz.key-notes", "quiz.rule.one", "label.source")


@pytest.mark.parametrize("copy", ["student", "key"])
@pytest.mark.parametrize("language", ["ru", "en"], ids=["ru", "en"])
def test_page_is_self_contained_html5_in_the_pack_language(tmp_path: Path, language: Language,
                                                           copy: str) -> None:
    bank = build_bank(load(write_hostile_pack(tmp_path / "hostile", language)))
    quiz = _quizzes(bank, variants=2, questions=12)[0]
    page = render_quiz_html(quiz, copy).decode("utf-8")  # type: ignore[arg-type]
    assert page.startswith("<!DOCTYPE html>\n")
    assert f'<html lang="{language}">' in page and '<meta charset="utf-8">' in page
    parser = _Balance()
    parser.feed(page)
    parser.close()
    assert parser.doctype == "DOCTYPE html" and parser.stack == [] and parser.refs == []
    for marker in ("url(", "@import", "http://", "https://", "<link", "<script", "<img"):
        assert marker not in page
    labels = LABELS[language]
    other = LABELS["en" if language == "ru" else "ru"]
    for key in STUDENT_LABELS if copy == "student" else KEY_LABELS:
        assert str(markupsafe.escape(labels[key])) in page, key
        assert f">{other[key]}<" not in page, key
    if copy == "student":
        for kind in QuestionType:
            assert str(markupsafe.escape(labels[f"quiz.section.{kind.value}"])) in page
            assert str(markupsafe.escape(labels[f"quiz.howto.{kind.value}"])) in page
    # Russian variants are numbered, «Вариант 1»: a Latin «B» would read as «В»
    assert labels["quiz.variant"].format(variant="1" if language == "ru" else "A") in page


def test_student_copy_holds_no_key_and_shows_the_points(tmp_path: Path) -> None:
    """Nothing of the key on the student's copy: no answers, no notes, no word of a key."""
    quiz = _quizzes(bundled_bank(), variants=2, questions=20)[0]
    student = render_quiz_html(quiz, "student").decode("utf-8")
    key = render_quiz_html(quiz, "key").decode("utf-8")
    labels = LABELS[quiz.language]
    for name in KEY_LABELS[:-1]:  # the source line's label is shown with its colon
        marker = f">{markupsafe.escape(labels[name])}<"
        assert marker not in student and (marker in key or name == "quiz.key"), name
    assert labels["quiz.in-fact"].split("{")[0] not in student
    assert f'class="{"key"}' not in student and "<table" not in student.split("<main>")[0]
    for task in quiz.tasks:
        for note in task.notes:
            for ref in note.sources:
                assert str(markupsafe.escape(ref.quote)) not in student
    total = labels["quiz.out-of"].format(total=quiz.points)
    assert quiz.points > len(quiz.tasks) and str(markupsafe.escape(total)) in student
    worth = [task.points for task in quiz.tasks]
    shown = [int(p.split()[0]) for p in _between(student, '<div class="pts">', "</div>")]
    assert shown == worth
    assert {QuestionType.MATCHING, QuestionType.CHRONOLOGY} <= {t.type for t in quiz.tasks}


def _between(page: str, start: str, end: str) -> list[str]:
    parts = page.split(start)[1:]
    return [part.split(end)[0] for part in parts]


def test_key_has_a_marking_table_with_points_rules_and_other_names() -> None:
    quiz = next(q for seed in range(30)
                for q in compose_quizzes(bundled_bank(), QuizRequest(seed, 1, 20, {}))
                if any(getattr(t, "accepted", ()) for t in q.tasks))
    key = render_quiz_html(quiz, "key").decode("utf-8")
    labels = LABELS[quiz.language]
    rows = _between(key.split("<tbody>")[1].split("</tbody>")[0], "<tr>", "</tr>")
    assert len(rows) == len(quiz.tasks)
    for number, (row, task) in enumerate(zip(rows, quiz.tasks), start=1):
        cells = _between(row, "<td", "</td>")
        assert [c.split(">", 1)[1] for c in cells[:3]] == [
            str(number), str(markupsafe.escape(task.key)), str(task.points)]
        accepted = "; ".join(getattr(task, "accepted", ()))
        assert cells[3].split(">", 1)[1] == str(markupsafe.escape(accepted))
    for rule in ("quiz.rule.one", "quiz.rule.matching", "quiz.rule.chronology",
                 "quiz.rule.short_answer"):
        assert str(markupsafe.escape(labels[rule])) in key
    # The marking table comes first, then why each answer is right and where it is written.
    assert key.index("</table>") < key.index(str(markupsafe.escape(labels["quiz.key-notes"])))
    for task in quiz.tasks:
        for note in task.notes:
            for ref in note.sources:
                assert str(markupsafe.escape(f"«{ref.quote}»")) in key
            if note.explanation:
                assert str(markupsafe.escape(note.explanation)) in key


@pytest.mark.parametrize("paper, language, chosen, size", [
    (None, "ru", None, "A4"), (None, "en", None, "Letter"), ("letter", "ru", None, "Letter"),
    (None, "ru", "letter", "Letter"), ("letter", "en", "a4", "A4"),
], ids=["ru-default", "en-default", "pack-yaml", "option", "option-over-pack-yaml"])
def test_paper_comes_from_option_pack_or_language(paper: str | None, language: Language,
                                                  chosen: str | None, size: str) -> None:
    settings = QuizSettings(paper=paper)  # type: ignore[arg-type]
    found = quiz_paper(settings, language, chosen)
    assert found == size.lower()
    quiz = _quizzes(bundled_bank(), variants=1, questions=3)[0]
    for copy in ("student", "key"):
        page = render_quiz_html(quiz, copy, found).decode("utf-8")  # type: ignore[arg-type]
        assert re.findall(r"(?<![-\w])size: (\w+);", page) == [size]


def test_hostile_content_is_escaped(hostile_bank: QuestionBank) -> None:
    for quiz in _quizzes(hostile_bank, variants=2, questions=12):
        page = render_quiz_html(quiz).decode("utf-8")
        assert "<script" not in page and "<img" not in page and "onerror=\"" not in page
        assert page.count("</style>") == 1 and page.count("<style>") == 1
        assert str(markupsafe.escape(SCRIPT)) in page
        assert str(markupsafe.escape(f"Hostile pack {SCRIPT}")) in page
        assert str(markupsafe.escape(HOSTILE[3])) in page  # braces stay text, not template


def test_approximate_dates_read_naturally_in_russian() -> None:
    assert format_date(PartialDate(2024, 12), "ru", approximate=True) == "около декабря 2024 г."
    assert format_date(PartialDate(2024, 12), "ru") == "декабрь 2024 г."
    assert format_date(PartialDate(2021), "ru", approximate=True) == "около 2021 г."


# --- the bundled pack and the build ------------------------------------------------------

def test_bundled_pack_quizzes_have_all_six_types() -> None:
    pack = bundled_pack()
    outputs = render_quizzes(bundled_bank(), quiz_request(pack.info.quiz), Path("decks"))
    assert [o.path.name for o in outputs] == [
        "az-ru-2025-quiz-A.html", "az-ru-2025-quiz-A-key.html",
        "az-ru-2025-quiz-B.html", "az-ru-2025-quiz-B-key.html", "az-ru-2025-quiz-marking.html"]
    for quiz in compose_quizzes(bundled_bank(), quiz_request(pack.info.quiz)):
        assert {task.type for task in quiz.tasks} == ALL_TYPES
        assert len(quiz.tasks) == pack.info.quiz.questions
        check_quiz(bundled_bank(), quiz)


_NONE_BUT_ATTRIBUTION = [arg for t in QuestionType if t is not QuestionType.ATTRIBUTION
                         for arg in ("--type-count", f"{t.value}=0")]


@pytest.mark.parametrize("args, files, line", [
    ([], ["hostile-quiz-A-key.html", "hostile-quiz-A.html", "hostile-quiz-B-key.html",
          "hostile-quiz-B.html", "hostile-quiz-marking.html"],
     "hostile-quiz-B.html: quiz variant B, student copy, seed 5: 12 question(s) "
     "(2 multiple_choice, 2 true_false, 2 matching, 1 chronology, 2 short_answer, "
     "3 attribution), 21 point(s); other types made up the rest (chronology 1 of 2: 2 "
     "chronologies need 8 events the sources date apart; the pack has 15, 1 left unasked: "
     "date 3 more events, or ask fewer dates); questions sharing a fact: 8 "
     "with variant A (written)"),
    (["--variants", "1", "--seed", "9", "--questions", "6"],
     ["hostile-quiz-key.html", "hostile-quiz.html"],
     "hostile-quiz.html: quiz, student copy, seed 9: 6 question(s) (1 multiple_choice, "
     "1 true_false, 1 matching, 1 chronology, 1 short_answer, 1 attribution), 11 point(s) "
     "(written)"),
    (["--variants", "1", "--type-count", "attribution=9", "--type-count", "matching=1",
      "--questions", "10"], ["hostile-quiz-key.html", "hostile-quiz.html"],
     "hostile-quiz.html: quiz, student copy, seed 5: 10 question(s) (1 multiple_choice, "
     "2 true_false, 1 matching, 1 chronology, 2 short_answer, 3 attribution), 15 point(s); "
     "other types made up the rest (attribution 3 of 9: 9 source questions need 9 disputes "
     "that two sources take sides in (a quiz asks one claim of each); the pack has 3: add "
     "disputes, or positions of the other source to those that have one) (written)"),
    (["--variants", "1", "--type-count", "attribution=9", *_NONE_BUT_ATTRIBUTION,
      "--questions", "10"], ["hostile-quiz-key.html", "hostile-quiz.html"],
     "hostile-quiz.html: quiz, student copy, seed 5: 3 question(s) (3 attribution), 3 point(s); "
     "only 3 of the 9 asked for (attribution 3 of 9: 9 source questions need 9 disputes that "
     "two sources take sides in (a quiz asks one claim of each); the pack has 3: add disputes, "
     "or positions of the other source to those that have one) (written)"),
], ids=["pack-defaults", "options", "made-up", "shortfall"])
def test_build_writes_quizzes_and_says_what_they_hold(tmp_path: Path, args: list[str],
                                                      files: list[str], line: str) -> None:
    pack = write_hostile_pack(tmp_path / "hostile")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(pack), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*-quiz*")) == files
    assert any(row.endswith(line) for row in result.output.splitlines()), result.output


def test_pdf_without_a_browser_is_a_clear_error(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    pack = write_hostile_pack(tmp_path / "hostile")
    monkeypatch.setenv("PATH", str(tmp_path / "no-browsers-here"))
    with pytest.raises(BrowserNotFoundError, match="--pdf needs headless Chromium"):
        render_quizzes(build_bank(load(pack)), quiz_request(QuizSettings()), tmp_path, pdf=True)
    result = CliRunner().invoke(main, ["build", str(pack), "--out", str(tmp_path / "out"), "--pdf"])
    assert result.exit_code == 1
    assert "quizgen: error: --pdf needs headless Chromium, but none of chromium, " \
           "chromium-browser, google-chrome is on PATH" in result.output
    assert not (tmp_path / "out").exists()


def test_multiple_choice_gives_up_a_kind_after_so_many_failures_in_a_row(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from quizgen.quiz import compose as compose_module

    longest: dict[QuestionKind, int] = {}
    plain_choice = compose_module._Composer._choice

    def counted(self: compose_module._Composer, q: Question) -> object:
        task = plain_choice(self, q)
        runs = vars(self).setdefault("runs_in_test", {})  # each composer composes one variant
        runs[q.kind] = 0 if task is not None else runs.get(q.kind, 0) + 1
        longest[q.kind] = max(longest.get(q.kind, 0), runs[q.kind])
        return task

    monkeypatch.setattr(compose_module._Composer, "_choice", counted)
    request = QuizRequest(1, 1, 300, {QuestionType.MULTIPLE_CHOICE: 300})
    plain = compose_quizzes(bundled_bank(), request)[0]
    assert max(longest.values()) > 1  # the bundled pack has kinds that fail more than once

    monkeypatch.setattr(compose_module, "MAX_FAILED_CHOICES", 1)
    longest.clear()
    bounded = compose_quizzes(bundled_bank(), request)[0]
    assert max(longest.values()) == 1
    assert len(bounded.tasks) < len(plain.tasks) < 300
    assert "(its answers are much alike)" in bounded.short[QuestionType.MULTIPLE_CHOICE]
    assert "much alike" not in plain.short[QuestionType.MULTIPLE_CHOICE]


@pytest.mark.parametrize("name, shown, expected", [
    ("Киев", "Украине", ("Киеве", "Киеву")),  # the dative and the locative look alike
    ("Европейский союз", "Евросоюзом", ("Европейским союзом",)),
    ("Анкара", "Турцией", ("Анкарой",)),
    ("ОБСЕ", "Евросоюзе", ("ОБСЕ",)),  # indeclinable, as written
], ids=["ambiguous-case", "two-words", "instrumental", "acronym"])
def test_another_name_is_put_in_the_case_a_blank_asks(name: str, shown: str,
                                                      expected: tuple[str, ...]) -> None:
    assert inflected_like(name, shown) == expected


def test_a_blank_accepts_the_other_names_of_its_actor_in_its_case(tmp_path: Path) -> None:
    """«…оттеснила ___» hides «Москву»: «Россию» is as right."""
    pack = write_pack_files(tmp_path / "talks", {
        "pack.yaml": """\
            id: talks
            title: "Переговоры на Кавказе"
            language: ru
            sources: [{id: paper, title: "Статья"}]
            """,
        "content.yaml": """\
            events:
              - id: talks
                date: "2021"
                title: "Ереван начинает переговоры"
                summary: "Армения пошла на диалог с Анкарой и тем самым оттеснила Москву на второй план."
                sources: [{source: paper, quote: "q"}]
            actors:
              - {id: russia, name: "Россия", kind: state, role: "Держава.", aliases: ["Москва"], sources: [{source: paper, quote: "q"}]}
            """})
    [blank] = [q for q in build_bank(load(pack)).questions
               if q.cloze is not None and q.cloze.hidden == "Москву"]
    assert "Россию" in blank.facts.accepted


def test_a_word_in_another_form_beside_a_date_cues_the_date() -> None:
    """«атаки сентября 2022 года» tells when «Атака на Армению» was, in any case of «атака»."""
    bank = bundled_bank()
    [q] = [q for q in bank.of_kind(K.EVENT_DATE) if q.item_id == "azerbaijan-attack-armenia-2022"]
    pool = Pool(bank)
    assert pool.cues(q, "После азербайджанской атаки сентября 2022 года")
    assert not pool.cues(q, "После азербайджанской атаки сентября 2023 года")


def test_a_day_told_without_its_year_and_a_word_of_the_same_root_cue_the_date() -> None:
    """«…в последних рейсах 13 апреля» printed in a role tells when «Последних челюскинцев
    снимают со льдины» was: the year is the event's, «последних» the title's word; and
    «учредивший 16 апреля 1934 года…» tells when «Учреждается звание…» was."""
    bank = build_bank(load(CORPUS / "ru-chelyuskin"))
    pool = Pool(bank)
    last = next(q for q in bank.of_kind(K.EVENT_DATE) if "Последних" in q.prompt)
    title = next(q for q in bank.of_kind(K.EVENT_DATE) if "Учреждается" in q.prompt)

    assert pool.cues(last, "Вывезший 10 человек и участвовавший в последних рейсах 13 апреля")
    assert not pool.cues(last, "Вывезший 10 человек и участвовавший в последних рейсах 14 мая")
    assert pool.cues(title, "учредивший 16 апреля 1934 года новую высшую степень отличия")


def test_a_short_name_in_another_case_is_named() -> None:
    """«…к Ирану и Индии» names India: the five letters of «Индии» are not those of «Индия»,
    its dictionary form's are."""
    bank = bundled_bank()
    assert {"iran", "india"} <= bank.truth.mentions("путь через Азербайджан к Ирану и Индии")


def test_a_title_with_most_words_of_a_name_prints_that_written_answer() -> None:
    """«Решение Совета труда и обороны о стройке» in a chronology tells the answer «Совет
    труда и обороны СССР» of a task to write in on the same sheet."""
    bank = build_bank(load(CORPUS / "ru-magnitka"))
    [q] = [q for q in bank.of_kind(K.ROLE_ACTOR) if q.answer == "Совет труда и обороны СССР"]
    pool = Pool(bank)
    assert pool.names_answer(q, "Решение Совета труда и обороны о стройке")
    assert not pool.names_answer(q, "Решение о стройке")


def test_a_date_outside_the_years_the_title_names_is_no_option_beside_dates_inside() -> None:
    """Under «… (1933–1934)», «Какое событие произошло в 1932 году?» is told by the title:
    its answer would be the one option outside those years, so it is set as no choice, nor
    is the date of that event among dates of 1933."""
    bank = build_bank(load(CORPUS / "ru-chelyuskin"))
    pool = Pool(bank)
    [early] = [q for q in bank.of_kind(K.DATE_EVENT) if "1932" in q.prompt]
    assert pool.in_title_years(early) is False
    with tracing() as found:
        quizzes = compose_quizzes(bank, QuizRequest(1, 2, 15, {}))

    # (here «Когда «Сибиряков» прошёл…?» with dates of 1933 for wrong options: it is asked
    # in no choice)
    assert any(r.rule == "form-stands-out" and r.item_id == early.item_id
               and "title names" in r.reason for r in found)
    assert not [t for quiz in quizzes for t in quiz.tasks if isinstance(t, Choice)
                and any(q.item_id == early.item_id for q in t.questions)]


def test_a_word_before_a_blank_that_the_answers_role_holds_rules_out_options_without_it(
        ) -> None:
    """«…где его ждал польский король ___»: Август II's role holds «королём»; Лефорт, Витсен
    and Дальберг, kings of nothing, are no options for it."""
    bank = build_bank(load(CORPUS / "ru-velikoe-posolstvo"))
    [rava] = [q for q in bank.of_kind(K.EVENT_ACTORS) if "король ___" in q.prompt]
    with tracing() as found:
        quizzes = compose_quizzes(bank, QuizRequest(1, 2, 18, {}))

    assert any(r.rule == "form-stands-out" and r.item_id == rava.item_id
               and "word before the blank" in r.reason for r in found)
    kings = {"Август II", "Фридрих III", "Вильгельм III", "Леопольд I"}
    assert all(set(t.options) <= kings for quiz in quizzes for t in quiz.tasks
               if isinstance(t, Choice) and rava in t.questions)


def test_the_roles_offered_for_an_actor_all_open_with_what_it_is_or_none_do() -> None:
    # «Представители элиты, …» among «Задержанные в Баку…», «Призывавшие…» stood out.
    bank = bundled_bank()
    offered = [t.options for seed in range(4)
               for quiz in compose_quizzes(bank, QuizRequest(seed, 2, 18, {}))
               for t in quiz.tasks if isinstance(t, Choice)
               and t.questions[0].kind is K.ACTOR_ROLE]
    assert offered  # the precondition: roles were offered
    for options in offered:
        assert len({role_head(o) is None for o in options}) == 1, options


def test_a_cloze_is_read_as_one_sentence_across_its_blank() -> None:
    """The date before the blank and the word after it tell the answer together."""
    q = next(q for q in bundled_bank().of_kind(K.EVENT_CLOZE) if q.cloze is not None)
    task = ShortAnswer(type=QuestionType.SHORT_ANSWER, questions=(q,), key="ЕС",
                       facts=frozenset(), notes=(), prompt="", context="Миссия",
                       before="В сентябре 2022 года", after="отправил миссию в Армению.",
                       answer="ЕС")
    assert "В сентябре 2022 года … отправил миссию в Армению." in task.shown
