"""The study page in Debian's Chromium: the schedule, the quiz, the timeline, what it loads.

A persistent profile stands for a learner's browser: what the page keeps in
localStorage must survive closing it, and a rebuilt page at the same place. The
clock is set by Playwright, so "tomorrow" is a day away in the page's own time.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

from quiz_packs import bundled_bank, bundled_pack, load
from quizgen.bank import build_bank
from quizgen.quiz import compose_quizzes
from quizgen.render.pdf import BROWSER_FLAGS
from quizgen.render.quiz import quiz_request
from quizgen.render.study import NEW_PER_DAY, STORAGE_PREFIX, render_study_html
from study_packs import small_pack, write_pack

pytestmark = pytest.mark.browser

DAY0 = datetime.datetime(2026, 3, 2, 9, 0)
VIEWS = ("cards", "quiz", "timeline", "causes", "disputes")
# Math.random made repeatable, for tests that go through a drawn quiz.
SEEDED_RANDOM = "(() => { let s = %d; Math.random = () => ((s = (s * 16807) %% 2147483647) - 1) / 2147483646; })();"


def write_page(path: Path, pack_dir: Path | None = None) -> Path:
    pack = bundled_pack() if pack_dir is None else load(pack_dir)
    bank = bundled_bank() if pack_dir is None else build_bank(pack)
    path.write_bytes(render_study_html(pack, bank, quiz_request(pack.info.quiz)))
    return path


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="module")
def bundled_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(tmp_path_factory.mktemp("study") / "az-ru-2025-study.html")


class Watched:
    """A page opened on a fixed clock, with every request and console error it caused."""

    def __init__(self, page: Page, url: str) -> None:
        self.page = page
        self.url = url
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.finished: list[str] = []
        self.failed: list[tuple[str, str | None]] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfinished", lambda request: self.finished.append(request.url))
        page.on("requestfailed", lambda r: self.failed.append((r.url, r.failure)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def assert_quiet(self) -> None:
        assert self.requests == [self.url] and self.errors == []


Open = Callable[..., Watched]


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    return tmp_path / "profile"


@pytest.fixture
def open_in(playwright: Playwright, chromium_executable: str, profile: Path) -> Iterator[Open]:
    """Opens a page in the persistent profile at ``when``; each call closes the browser first."""
    contexts: list[BrowserContext] = []

    def open_(path: Path, when: datetime.datetime = DAY0, seed: int = 0, **options: Any) -> Watched:
        while contexts:
            contexts.pop().close()
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=chromium_executable, args=list(BROWSER_FLAGS),
            **options)
        contexts.append(context)
        page = context.pages[0] if context.pages else context.new_page()
        page.clock.set_fixed_time(when)
        if seed:
            page.add_init_script(SEEDED_RANDOM % seed)
        watched = Watched(page, path.as_uri())
        page.goto(path.as_uri())
        return watched

    yield open_
    for context in contexts:
        context.close()


def counts(page: Page) -> dict[str, int]:
    return {name: int(page.inner_text(f"#count-{name}")) for name in ("due", "new", "learning")}


def grade_by_keys(page: Page, key: str) -> str:
    """Shows the answer with the space bar and grades with a number key; returns the card's id."""
    card = page.evaluate("window.quizgenStudy.current()")
    page.keyboard.press("Space")
    assert page.is_visible("#card-back")
    page.keyboard.press(key)
    return card


def set_new_per_day(page: Page, count: int) -> None:
    page.click(".settings summary")
    page.fill("#new-limit", str(count))
    page.press("#new-limit", "Enter")
    page.click(".settings summary")
    page.focus("#show-answer")  # where the space bar shows the answer


def stored(page: Page, pack_id: str) -> dict[str, Any]:
    return page.evaluate(f"JSON.parse(localStorage.getItem({STORAGE_PREFIX + pack_id!r}))")


# --- the scheduler -----------------------------------------------------------------------

# Intervals worked out by hand from SM-2 as published: I(1) = 1, I(2) = 6,
# I(n) = I(n-1) * EF rounded up; EF' = EF + 0.1 - (5-q)(0.08 + (5-q)0.02), at least 1.3;
# q < 3 starts again from I(1) and leaves EF as it is.
@pytest.mark.parametrize(("grades", "intervals", "ease"), [
    ([4, 4, 4, 4], [1, 6, 15, 38], 2.5),            # 6*2.5 = 15; 15*2.5 = 37.5 -> 38
    ([5, 5, 5], [1, 6, 17], 2.8),                   # EF 2.6, 2.7, 2.8; 6*2.8 = 16.8 -> 17
    ([3, 4, 4], [1, 6, 15], 2.36),                  # EF 2.5-0.14 = 2.36; 6*2.36 = 14.16 -> 15
    ([4, 4, 1, 4, 4], [1, 6, 1, 1, 6], 2.5),         # a lapse starts again from I(1)
    # EF 2.36, 2.22, 2.08, 1.94, 1.80, 1.66, 1.52, 1.38, then 1.3 where it stops falling:
    # 6*2.08 = 12.48 -> 13; 13*1.94 = 25.22 -> 26; 26*1.8 = 46.8 -> 47; 47*1.66 = 78.02 -> 79;
    # 79*1.52 = 120.08 -> 121; 121*1.38 = 166.98 -> 167; 167*1.3 = 217.1 -> 218
    ([3] * 9, [1, 6, 13, 26, 47, 79, 121, 167, 218], 1.3),
], ids=["good", "easy", "hard-then-good", "lapse", "hard-to-the-floor"])
def test_sm2_gives_the_published_intervals(open_in: Open, bundled_page: Path, grades: list[int],
                                           intervals: list[int], ease: float) -> None:
    page = open_in(bundled_page).page
    result = page.evaluate("""(grades) => {
        let state = null; const seen = [];
        for (const q of grades) { state = window.quizgenStudy.sm2(state, q); seen.push(state.iv); }
        return [seen, state.ef];
    }""", grades)
    assert result == [intervals, ease]


# --- what the Cards view shows --------------------------------------------------------------

def test_grade_buttons_show_only_with_the_answer(open_in: Open, bundled_page: Path) -> None:
    watched = open_in(bundled_page)
    page = watched.page
    set_new_per_day(page, 1)

    before = (page.is_visible("#show-answer"), page.is_visible("#grades"))
    page.click("#show-answer")
    with_answer = (page.is_visible("#show-answer"), page.is_visible("#grades"))
    page.click(".grade-easy")
    done = (page.is_visible("#card-done"), page.is_visible("#grades"),
            page.is_visible("#show-answer"))

    assert before == (True, False)
    assert with_answer == (False, True)
    assert done == (True, False, False)
    watched.assert_quiet()


# --- the schedule in a persistent profile ------------------------------------------------

def test_graded_cards_survive_closing_the_browser_and_fall_due_on_time(
        open_in: Open, bundled_page: Path) -> None:
    watched = open_in(bundled_page)
    page = watched.page
    assert counts(page) == {"due": 0, "new": NEW_PER_DAY, "learning": 0}
    first = bundled_bank().questions[0].id
    assert page.evaluate("window.quizgenStudy.current()") == first  # new cards in study order
    good = [grade_by_keys(page, "3") for _ in range(3)]
    easy = grade_by_keys(page, "4")
    again = grade_by_keys(page, "1")
    assert counts(page) == {"due": 0, "new": NEW_PER_DAY - 5, "learning": 1}
    watched.assert_quiet()

    page = open_in(bundled_page, DAY0 + datetime.timedelta(hours=8)).page
    assert counts(page) == {"due": 0, "new": NEW_PER_DAY - 5, "learning": 1}
    assert page.evaluate("window.quizgenStudy.current()") != again  # new cards before drills
    schedule = stored(page, "az-ru-2025")["cards"]
    assert {qid: schedule[qid]["iv"] for qid in [*good, easy, again]} == dict.fromkeys(
        [*good, easy, again], 1)
    assert schedule[easy]["ef"] == 2.6 and schedule[again]["ef"] == 2.5

    # The next day all five are due; the drill of the day before has lapsed.
    page = open_in(bundled_page, DAY0 + datetime.timedelta(days=1)).page
    assert counts(page) == {"due": 5, "new": NEW_PER_DAY, "learning": 0}
    for _ in range(5):
        grade_by_keys(page, "3")
    assert counts(page) == {"due": 0, "new": NEW_PER_DAY, "learning": 0}

    # The lapsed card began again: its first repetition since is one day, the others' second
    # is six days, so on day 2 only it is due, and on day 7 all five are.
    page = open_in(bundled_page, DAY0 + datetime.timedelta(days=2)).page
    assert counts(page)["due"] == 1 and page.evaluate("window.quizgenStudy.current()") == again
    page = open_in(bundled_page, DAY0 + datetime.timedelta(days=6)).page
    assert counts(page)["due"] == 1
    page = open_in(bundled_page, DAY0 + datetime.timedelta(days=7)).page
    assert counts(page)["due"] == 5


def test_a_card_graded_below_good_comes_back_the_same_day_until_it_is_good(
        open_in: Open, bundled_page: Path) -> None:
    page = open_in(bundled_page).page
    set_new_per_day(page, 1)
    card = grade_by_keys(page, "2")
    assert counts(page) == {"due": 0, "new": 0, "learning": 1}
    assert grade_by_keys(page, "1") == card
    assert grade_by_keys(page, "3") == card
    assert counts(page) == {"due": 0, "new": 0, "learning": 0}
    assert page.is_visible("#card-done")
    # The drills did not change the schedule: hard once, so due tomorrow with EF 2.36.
    state = stored(page, "az-ru-2025")["cards"][card]
    assert (state["iv"], state["ef"], state["n"]) == (1, 2.36, 1)


def test_a_rebuilt_page_keeps_the_progress_of_every_question_that_still_exists(
        open_in: Open, tmp_path: Path) -> None:
    content = small_pack()
    pack_dir = write_pack(tmp_path / "treaties", content)
    page_path = write_page(tmp_path / "treaties-study.html", pack_dir)
    page = open_in(page_path).page
    set_new_per_day(page, 999)
    total = counts(page)["new"]
    graded = [grade_by_keys(page, "3") for _ in range(total)]
    assert counts(page)["new"] == 0

    # Reword one event, drop another, add a new one; then rebuild the page in place.
    events = content["content"]["events"]
    events[0]["summary"] = events[0]["summary"].replace("signed", "put its name to")
    dropped = events.pop(5)["id"]
    events.append({**events[1], "id": "treaty-new", "date": "2011-05", "title": "The late treaty",
                   "summary": "Borvia signed the late treaty, costing 900 crowns."})
    write_page(page_path, write_pack(pack_dir, content))
    bank = build_bank(load(pack_dir))
    arrived = [q.id for q in bank.questions if q.id not in graded]
    kept = [q.id for q in bank.questions if q.id in graded]
    assert arrived and kept and any(dropped in qid for qid in graded)

    page = open_in(page_path, DAY0 + datetime.timedelta(days=1)).page
    assert counts(page) == {"due": len(kept), "new": len(arrived), "learning": 0}
    assert page.evaluate("window.quizgenStudy.current()") == kept[0]
    schedule = stored(page, "treaties")["cards"]
    assert all(schedule[qid]["n"] == 1 for qid in kept)


# --- the quiz ----------------------------------------------------------------------------

def arrange(page: Page, events: list[str]) -> None:
    """Moves the chronology's events into the order given, with their up buttons."""
    for position, title in enumerate(events):
        at = page.locator(".order li span").all_inner_texts().index(title)
        for row in range(at, position, -1):
            page.locator(".order li").nth(row).locator("button").first.click()


def answer(page: Page, task: dict[str, Any], right: bool) -> None:
    """Answers the task on screen, rightly or wrongly, as a learner would."""
    kind = task["t"]
    if kind == "true_false":
        says_true = task["v"] == right
        page.locator(".options button").nth(0 if says_true else 1).click()  # true, then false
        return
    if kind in ("multiple_choice", "attribution"):
        wanted = task["o"][task["a"]]
        texts = page.locator(".options button").all_inner_texts()
        choice = texts.index(wanted) if right else next(
            i for i, text in enumerate(texts) if text != wanted)
        page.locator(".options button").nth(choice).click()
        return
    if kind == "matching":
        for i, select in enumerate(page.locator(".pairs select").all()):
            target = task["a"][i] if right else (task["a"][i] + 1) % len(task["r"])
            select.select_option(str(target))
    elif kind == "chronology":
        order = [task["e"][i] for i in task["o"]]
        arrange(page, order if right else order[::-1])  # reversed: no event in its place
    else:
        given = (task["k"][0] if task["k"] else task["a"].upper()) if right else "no such answer"
        page.fill(".task input[type=text]", given)
    page.click(".task button[type=submit]")


def test_the_check_button_comes_after_what_it_checks(open_in: Open, bundled_page: Path) -> None:
    watched = open_in(bundled_page, seed=11)
    page = watched.page
    page.click("#tab-quiz")
    page.click("#quiz-start")
    after: dict[str, bool] = {}
    for _ in range(page.evaluate("window.quizgenStudy.quiz().tasks.length")):
        task = page.evaluate("window.quizgenStudy.task()")
        if task["t"] in ("matching", "chronology"):
            after[task["t"]] = page.evaluate("""() => {
                const list = document.querySelector('.task .pairs, .task .order');
                const check = document.querySelector('.task button[type=submit]');
                return !!(list.compareDocumentPosition(check) & Node.DOCUMENT_POSITION_FOLLOWING);
            }""")
        answer(page, task, True)
        page.click("#quiz-next")

    assert after == {"matching": True, "chronology": True}
    watched.assert_quiet()


def test_quiz_answers_right_and_wrong_get_their_feedback_and_a_score(
        open_in: Open, bundled_page: Path) -> None:
    watched = open_in(bundled_page, seed=11)
    page = watched.page
    page.click("#tab-quiz")
    page.click("#quiz-start")
    expected = 0
    kinds = set()
    count = page.evaluate("window.quizgenStudy.quiz().tasks.length")
    assert count == bundled_pack().info.quiz.questions
    for number in range(count):
        task = page.evaluate("window.quizgenStudy.task()")
        right = number % 2 == 0
        kinds.add(task["t"])
        answer(page, task, right)
        feedback = page.locator(".feedback")
        assert feedback.get_attribute("class") == f"feedback {'right' if right else 'wrong'}"
        said = feedback.inner_text()
        first_note = task["n"][0]
        if task["t"] in ("multiple_choice", "attribution"):
            assert task["o"][task["a"]] in said
        elif task["t"] == "true_false":
            assert task["r"] in said
        else:
            assert all(note[0] in said for note in task["n"])
        if first_note[2]:
            assert feedback.locator("blockquote").count() >= 1
        expected += task["pts"] if right else 0
        page.click("#quiz-next")
    assert page.inner_text("#quiz-score").split(":")[1].split()[0] == str(expected)
    assert kinds == {"multiple_choice", "true_false", "matching", "chronology", "short_answer",
                     "attribution"}
    watched.assert_quiet()


def test_each_start_draws_another_quiz_without_a_fact_twice(open_in: Open, bundled_page: Path) -> None:
    page = open_in(bundled_page).page
    # The page draws with Math.random; a seeded generator in its place makes the 30 draws
    # the same on every run, so the test cannot pass or fail by chance.
    draws = page.evaluate("""() => {
        let state = 20251202;
        Math.random = () => {
            state = (state + 0x6D2B79F5) | 0;
            let t = Math.imul(state ^ (state >>> 15), 1 | state);
            t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
            return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
        const draws = [];
        for (let i = 0; i < 30; i++) {
            document.getElementById('quiz-start').click();
            const tasks = window.quizgenStudy.quiz().tasks;
            const facts = tasks.flatMap(t => t.x);
            const types = {};
            tasks.forEach(t => { types[t.t] = (types[t.t] || 0) + 1; });
            draws.push([tasks.map(t => JSON.stringify(t.n)).sort().join('|'),
                        facts.length === new Set(facts).size, types]);
        }
        return draws;
    }""")
    request = quiz_request(bundled_pack().info.quiz)
    plan = {t.value: n for t, n in request.plan().items()}
    # What the pack cannot supply to a printed quiz either (too few events dated apart
    # for a third chronology) the others make up; every other type comes as planned.
    short = {t.value for quiz in compose_quizzes(bundled_bank(), request, more=2)
             for t in quiz.short}
    assert all(unique for _, unique, _ in draws)
    assert all(sum(types.values()) == sum(plan.values()) for _, _, types in draws)
    for _, _, types in draws:
        fell_short = {t for t, n in plan.items() if types.get(t, 0) < n}
        assert fell_short <= short, (types, plan, short)
    assert len({tasks for tasks, _, _ in draws}) == 30


def test_a_short_answer_takes_another_form_of_the_word(open_in: Open, bundled_page: Path) -> None:
    page = open_in(bundled_page).page
    accepted = page.evaluate("""() => {
        const s = window.quizgenStudy;
        const task = {a: "Азербайджан", k: ["Баку"]};
        return [s.accepts(task, "азербайджана"), s.accepts(task, "  Баку "),
                s.accepts(task, "Армения"), s.accepts(task, ""),
                s.accepts({a: "7 000 человек", k: []}, "7000 человек"),
                s.accepts({a: "декабрь 2024 г.", k: []}, "в декабре 2024 года")];
    }""")
    assert accepted == [True, True, False, False, True, True]


# --- the timeline, causes and disputes ---------------------------------------------------

def test_clicking_an_event_shows_its_summary_actors_and_quotes(open_in: Open, bundled_page: Path) -> None:
    watched = open_in(bundled_page)
    page = watched.page
    pack = bundled_pack()
    page.click("#tab-timeline")
    event = next(e for e in pack.events if e.actors and e.date is not None)
    page.click(f'.tl-event[data-event="{event.id}"]')
    card = page.locator(f"#event-{event.id}")
    assert card.is_visible()
    text = card.inner_text()
    assert event.summary in text and pack.actor(event.actors[0]).name in text
    assert event.sources[0].quote in text
    page.keyboard.press("Tab")  # the close button comes first; Enter closes and returns
    page.keyboard.press("Enter")
    assert not card.is_visible()
    assert page.evaluate("document.activeElement.dataset.event") == event.id
    page.keyboard.press("Enter")  # the event's link has the focus back, and opens it again
    assert card.is_visible()
    page.keyboard.press("Escape")
    assert not card.is_visible()
    page.click("#tab-causes")
    linked = next(c for c in pack.causes if pack.event(c.cause))
    page.click(f'#cause-{linked.id} [data-event="{linked.cause}"]')
    assert page.is_visible(f"#event-{linked.cause}")
    page.click("#tab-disputes")
    dispute = pack.disputes[0]
    shown = page.inner_text(f"#dispute-{dispute.id}")
    assert dispute.question in shown and all(p.claim in shown for p in dispute.positions)
    watched.assert_quiet()


def test_every_view_loads_nothing_and_logs_no_error(open_in: Open, bundled_page: Path) -> None:
    for color in ("light", "dark"):
        watched = open_in(bundled_page, color_scheme=color, viewport={"width": 390, "height": 844})
        page = watched.page
        for view in VIEWS:
            page.click(f"#tab-{view}")
            assert page.is_visible(f"#{view}")
            assert all(not page.is_visible(f"#{other}") for other in VIEWS if other != view)
        page.emulate_media(media="print")
        assert not page.is_visible("#cards") and not page.is_visible("#quiz")
        assert all(page.is_visible(f"#{view}") for view in ("timeline", "causes", "disputes"))
        watched.assert_quiet()


def test_the_policy_refuses_any_request(open_in: Open, bundled_page: Path) -> None:
    watched = open_in(bundled_page)
    refused = watched.page.evaluate("""async () => {
        const blocked = [];
        document.addEventListener('securitypolicyviolation', e => blocked.push(e.violatedDirective));
        let fetched = 'fetched';
        try { await fetch('https://example.com/'); } catch (e) { fetched = 'refused'; }
        const img = document.createElement('img'); img.src = 'https://example.com/x.png';
        document.body.appendChild(img);
        await new Promise(r => setTimeout(r, 300));
        return [fetched, blocked.sort()];
    }""")
    assert refused == ["refused", ["connect-src", "img-src"]]
    # Playwright hears of the image's request, which Chromium then stops for the policy.
    assert watched.finished == [watched.url]
    assert watched.failed == [("https://example.com/x.png", "csp")]


def test_markup_in_content_shows_as_text_and_runs_nothing(open_in: Open, tmp_path: Path) -> None:
    page_path = write_page(tmp_path / "treaties-study.html",
                           write_pack(tmp_path / "treaties", small_pack(hostile=True)))
    watched = open_in(page_path, seed=3)
    page = watched.page
    set_new_per_day(page, 999)
    shown = []
    while page.evaluate("window.quizgenStudy.current()"):
        page.evaluate("window.quizgenStudy.showAnswer()")
        shown.append(page.inner_text("#cards"))
        page.click(".grade-easy")
    page.click("#tab-quiz")
    page.click("#quiz-start")
    while page.is_visible("#quiz-task"):
        task = page.evaluate("window.quizgenStudy.task()")
        answer(page, task, False)
        shown.append(page.inner_text("#quiz-task"))
        page.click("#quiz-next")
    page.click("#tab-timeline")
    for link in page.locator(".tl-event").all():
        link.click()
        shown.append(page.inner_text("#tl-panel"))
    for view in ("causes", "disputes"):
        page.click(f"#tab-{view}")
        shown.append(page.inner_text(f"#{view}"))
    assert page.evaluate("window.owned") is None
    elements = page.evaluate("""() => ['img', 'textarea', 'script', 'svg', 'b'].map(
        tag => document.getElementsByTagName(tag).length)""")
    assert elements == [0, 0, 2, 1, 3]  # the page's two scripts, its timeline, its counts
    everything = "\n".join(shown)
    for field in ("Treaty number 1", "signed treaty", "The state that signed", "border number",
                  "Who gained most", "Arland gained", "as the paper says"):
        assert f"{field}" in everything
    assert everything.count("<script>window.owned=1</script>") > 20
    assert page.title().startswith("Treaties <script>")
    watched.assert_quiet()


# --- damaged storage ---------------------------------------------------------------------

TODAY = (DAY0.date() - datetime.date(1970, 1, 1)).days


def _state(due: int) -> dict[str, Any]:
    return {"ef": 2.5, "n": 1, "iv": 1, "due": due, "last": due - 1}


def _damaged_cases() -> list[Any]:
    """(what is stored, the card states kept, the counts the page shows, a message)."""
    first, second = (q.id for q in bundled_bank().questions[:2])
    today = {"v": 1, "day": TODAY, "fresh": 3, "drill": [], "limit": NEW_PER_DAY}
    kept = {first: _state(TODAY)}
    return [
        pytest.param({**today, "cards": kept}, kept,
                     {"due": 1, "new": NEW_PER_DAY - 3, "learning": 0}, False, id="intact"),
        pytest.param({**today, "cards": None}, {},
                     {"due": 0, "new": NEW_PER_DAY - 3, "learning": 0}, True, id="cards-null"),
        pytest.param({**today, "cards": []}, {},
                     {"due": 0, "new": NEW_PER_DAY - 3, "learning": 0}, True, id="cards-a-list"),
        pytest.param({**today, "cards": kept, "drill": {"0": first}}, kept,
                     {"due": 1, "new": NEW_PER_DAY - 3, "learning": 0}, True,
                     id="drill-not-a-list"),
        pytest.param({**today, "cards": {**kept, second: {**_state(TODAY), "ef": "2.5"}},
                      "limit": "many", "fresh": -1}, kept,
                     {"due": 1, "new": NEW_PER_DAY, "learning": 0}, True, id="wrong-types"),
        pytest.param({**today, "cards": kept, "day": "today", "drill": [first]}, kept,
                     {"due": 1, "new": NEW_PER_DAY, "learning": 0}, True, id="day-not-a-number"),
        pytest.param("{\"v\": 1, \"cards\": {", {},
                     {"due": 0, "new": NEW_PER_DAY, "learning": 0}, True, id="not-json"),
    ]


@pytest.mark.parametrize(("saved", "kept", "shown", "message"), _damaged_cases())
def test_damaged_progress_resets_the_damaged_part_with_a_message_and_keeps_the_rest(
        open_in: Open, bundled_page: Path, saved: Any, kept: dict[str, Any],
        shown: dict[str, int], message: bool) -> None:
    key = STORAGE_PREFIX + "az-ru-2025"
    raw = saved if isinstance(saved, str) else json.dumps(saved)
    open_in(bundled_page).page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [key, raw])

    watched = open_in(bundled_page)
    page = watched.page
    assert counts(page) == shown
    assert page.is_visible("#storage-damaged") is message
    assert stored(page, "az-ru-2025")["cards"] == kept
    graded = grade_by_keys(page, "3")  # a new grade is kept, not dropped
    assert stored(page, "az-ru-2025")["cards"] == {**kept, graded: {
        "ef": 2.5, "n": 1 + (graded in kept), "iv": 6 if graded in kept else 1,
        "due": TODAY + (6 if graded in kept else 1), "last": TODAY}}
    watched.assert_quiet()

    page = open_in(bundled_page).page  # the damaged part was reset once, for good
    assert not page.is_visible("#storage-damaged")
