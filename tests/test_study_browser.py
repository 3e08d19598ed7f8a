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

import fsrs
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
    """Opens a page in the persistent profile (another with ``profile``) at ``when``; each
    call closes the browser first."""
    contexts: list[BrowserContext] = []

    def open_(path: Path, when: datetime.datetime = DAY0, seed: int = 0,
              profile: Path = profile, **options: Any) -> Watched:
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


# --- the schedule: FSRS-6 ----------------------------------------------------------------

def from_ms(ms: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc)


def study_day(ms: float, zone: datetime.tzinfo | None = None) -> datetime.date:
    """The study day a time falls on: the local date, until 4 in the morning the day before."""
    local = datetime.datetime.fromtimestamp(ms / 1000, zone)
    return local.date() - datetime.timedelta(days=local.hour < 4)


def py_fsrs(record: dict[str, Any], retention: float = 0.9) -> dict[str, Any]:
    """What py-fsrs makes of the card's review log, from where its history began."""
    scheduler = fsrs.Scheduler(desired_retention=retention, enable_fuzzing=False)
    start = record.get("from")
    card = fsrs.Card(card_id=1) if start is None else fsrs.Card(
        card_id=1, state=fsrs.State(start["state"]), step=start["step"],
        stability=start["stability"], difficulty=start["difficulty"], due=from_ms(start["due"]),
        last_review=from_ms(start["last"]))
    for rating, at, _ in record["log"]:
        card, _ = scheduler.review_card(card, fsrs.Rating(rating), from_ms(at))
    return {"state": int(card.state), "step": card.step, "due": card.due, "last": card.last_review,
            "stability": card.stability, "difficulty": card.difficulty}


def assert_as_py_fsrs(record: dict[str, Any], retention: float = 0.9) -> None:
    expected = py_fsrs(record, retention)
    assert (record["state"], record["step"], from_ms(record["due"]), from_ms(record["last"])) == (
        expected["state"], expected["step"], expected["due"], expected["last"])
    # V8's Math.pow and C's pow may differ in the last bit (see test_study_fsrs.py).
    assert record["stability"] == pytest.approx(expected["stability"], rel=1e-12)
    assert record["difficulty"] == pytest.approx(expected["difficulty"], rel=1e-12)


def hints(page: Page) -> dict[str, str]:
    return {name: page.inner_text(f'[data-next="{name}"]') for name in ("again", "hard", "good", "easy")}


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

def test_a_new_card_walks_the_learning_steps_the_same_day_until_it_graduates(
        open_in: Open, bundled_page: Path) -> None:
    watched = open_in(bundled_page)
    page = watched.page
    set_new_per_day(page, 1)
    card = page.evaluate("window.quizgenStudy.current()")
    page.keyboard.press("Space")
    # A new card: again and good are the learning steps (1 and 10 minutes), hard halfway
    # between them (5.5, shown rounded), easy the interval of a first "easy": its stability,
    # the default weight w3 = 8.2956, at 90% retention is 8.2956 days, rounded to 8.
    assert hints(page) == {"again": "1 мин", "hard": "6 мин", "good": "10 мин", "easy": "8 дн."}
    page.keyboard.press("1")
    assert counts(page) == {"due": 0, "new": 0, "learning": 1}
    # Nothing else is left today, so the card's step need not be waited for.
    assert grade_by_keys(page, "3") == card       # to the second step
    assert counts(page) == {"due": 0, "new": 0, "learning": 1}
    assert grade_by_keys(page, "3") == card       # past the last step: reviewed in days now
    assert counts(page) == {"due": 0, "new": 0, "learning": 0}
    assert page.is_visible("#card-done") and not page.is_visible("#grades")
    record = stored(page, "az-ru-2025")["cards"][card]
    assert [entry[0] for entry in record["log"]] == [1, 3, 3] and record["state"] == 2
    assert_as_py_fsrs(record)
    watched.assert_quiet()


def test_graded_cards_survive_closing_the_browser_and_fall_due_on_the_day_fsrs_gives(
        open_in: Open, bundled_page: Path) -> None:
    watched = open_in(bundled_page)
    page = watched.page
    assert counts(page) == {"due": 0, "new": NEW_PER_DAY, "learning": 0}
    first = bundled_bank().questions[0].id
    assert page.evaluate("window.quizgenStudy.current()") == first  # new cards in study order
    easy = grade_by_keys(page, "4")
    good = grade_by_keys(page, "3")
    again = grade_by_keys(page, "1")
    assert counts(page) == {"due": 0, "new": NEW_PER_DAY - 3, "learning": 2}
    assert page.evaluate("window.quizgenStudy.current()") not in (good, again)  # steps not up
    watched.assert_quiet()

    # Half an hour on, both steps are up: the card whose step ended first comes first.
    page = open_in(bundled_page, DAY0 + datetime.timedelta(minutes=30)).page
    assert counts(page) == {"due": 0, "new": NEW_PER_DAY - 3, "learning": 2}
    assert grade_by_keys(page, "3") == again  # to its second step, ten minutes on
    assert grade_by_keys(page, "3") == good   # past its last step
    progress = stored(page, "az-ru-2025")
    for qid in (easy, good, again):
        assert_as_py_fsrs(progress["cards"][qid])
    days = {qid: (study_day(progress["cards"][qid]["due"]) - DAY0.date()).days
            for qid in (easy, good, again)}
    # Easy: 8 days (above). Good then good the same day: a first "good" has stability
    # w2 = 2.3065; a same-day "good" never lowers it, and here would raise it by less than
    # nothing, so it stays, and the interval is 2 days.
    assert days == {easy: 8, good: 2, again: 0}

    page = open_in(bundled_page, DAY0 + datetime.timedelta(days=2)).page
    assert counts(page) == {"due": 1, "new": NEW_PER_DAY, "learning": 1}
    assert page.evaluate("window.quizgenStudy.current()") == again  # a step that is up first
    page = open_in(bundled_page, DAY0 + datetime.timedelta(days=7, hours=12)).page  # 21:00
    assert counts(page)["due"] == 1
    page = open_in(bundled_page, DAY0 + datetime.timedelta(days=8)).page
    assert counts(page)["due"] == 2


BAKU = datetime.timezone(datetime.timedelta(hours=4))


def test_a_card_falls_due_when_its_study_day_starts_and_fsrs_counts_whole_days(
        open_in: Open, bundled_page: Path) -> None:
    day0 = datetime.datetime(2026, 3, 2, 15, 0, tzinfo=BAKU)
    page = open_in(bundled_page, day0, timezone_id="Asia/Baku").page
    set_new_per_day(page, 1)
    card = grade_by_keys(page, "4")  # due in 8 days
    # At half past three in the morning it is still the evening's study day; at half past
    # four the day the card falls due has begun.
    page = open_in(bundled_page, day0 + datetime.timedelta(days=7, hours=12, minutes=30),
                   timezone_id="Asia/Baku").page
    assert counts(page)["due"] == 0
    page = open_in(bundled_page, day0 + datetime.timedelta(days=7, hours=13, minutes=30),
                   timezone_id="Asia/Baku").page
    assert counts(page)["due"] == 1
    assert grade_by_keys(page, "3") == card
    record = stored(page, "az-ru-2025")["cards"][card]
    # The review counts as made at the hour of the last one: eight days after it, where the
    # clock says seven days and thirteen and a half hours.
    clock_time = day0 + datetime.timedelta(days=7, hours=13, minutes=30)
    assert [from_ms(at) for _, at, _ in record["log"]] == [day0, day0 + datetime.timedelta(days=8)]
    assert from_ms(record["log"][-1][2]) == clock_time
    assert_as_py_fsrs(record)
    seven = fsrs.Scheduler(enable_fuzzing=False)
    early, _ = seven.review_card(fsrs.Card(card_id=1), fsrs.Rating.Easy, day0.astimezone(datetime.timezone.utc))
    early, _ = seven.review_card(early, fsrs.Rating.Good, clock_time.astimezone(datetime.timezone.utc))
    assert early.stability < record["stability"]  # seven days would have made it weaker


def test_the_desired_retention_sets_the_intervals(open_in: Open, bundled_page: Path) -> None:
    page = open_in(bundled_page).page
    page.click(".settings summary")
    assert page.input_value("#retention") == "0.9"
    page.fill("#retention", "0.85")
    page.press("#retention", "Enter")
    page.fill("#retention", "0.5")  # out of range: refused, the last value stays
    page.press("#retention", "Enter")
    assert page.input_value("#retention") == "0.85"
    page.click(".settings summary")
    page.focus("#show-answer")
    page.keyboard.press("Space")
    # At 85% retention the interval of a stability of 8.2956 days is 8.2956 · (0.85^(1/−0.1542)
    # − 1) / (0.9^(1/−0.1542) − 1) = 15.81 days, rounded to 16.
    assert hints(page)["easy"] == "16 дн."
    card = page.evaluate("window.quizgenStudy.current()")
    page.keyboard.press("4")
    progress = stored(page, "az-ru-2025")
    assert progress["retention"] == 0.85
    assert_as_py_fsrs(progress["cards"][card], retention=0.85)
    assert open_in(bundled_page).page.evaluate("window.quizgenStudy.counts().fresh") == NEW_PER_DAY - 1


def test_a_rebuilt_page_keeps_the_progress_of_every_question_that_still_exists(
        open_in: Open, tmp_path: Path) -> None:
    content = small_pack()
    pack_dir = write_pack(tmp_path / "treaties", content)
    page_path = write_page(tmp_path / "treaties-study.html", pack_dir)
    page = open_in(page_path).page
    set_new_per_day(page, 999)
    total = counts(page)["new"]
    graded = [grade_by_keys(page, "4") for _ in range(total)]
    assert counts(page)["new"] == 0
    before = stored(page, "treaties")["cards"]

    # Rename an event and an actor, drop an event, add one; then rebuild the page in place.
    events = content["content"]["events"]
    events[0]["title"] = "The first treaty of all"
    content["content"]["actors"][2]["name"] = "Cestia Major"
    dropped = events.pop(5)["id"]
    events.append({**events[1], "id": "treaty-new", "date": "2011-05", "title": "The late treaty",
                   "summary": "Borvia signed the late treaty, costing 900 crowns."})
    write_page(page_path, write_pack(pack_dir, content))
    bank = build_bank(load(pack_dir))
    arrived = [q.id for q in bank.questions if q.id not in graded]
    kept = [q.id for q in bank.questions if q.id in graded]
    renamed = [q.id for q in bank.questions if q.item_id in ("treaty-0", "state-2")]
    assert arrived and any(dropped in qid for qid in graded) and set(renamed) <= set(kept)

    watched = open_in(page_path, DAY0 + datetime.timedelta(days=8))
    page = watched.page
    assert counts(page) == {"due": len(kept), "new": len(arrived), "learning": 0}
    assert page.evaluate("window.quizgenStudy.current()") == kept[0]
    assert stored(page, "treaties")["cards"] == before  # the dropped questions' too, unused
    watched.assert_quiet()



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


def test_a_typed_answer_is_right_under_any_name_the_pack_accepts(
        open_in: Open, tmp_path: Path) -> None:
    content = small_pack()
    cite = content["content"]["actors"][0]["sources"]
    content["content"]["actors"] += [
        {"id": "gagarin", "name": "Yuri Gagarin", "kind": "person",  # his surname is accepted
         "role": "The first man to fly into outer space.", "sources": cite},
        {"id": "usa", "name": "Соединённые Штаты", "aliases": ["США"], "kind": "state",
         "role": "The state that sent the second man into space.", "sources": cite}]
    # As many short answers as the pack can give, so that every name is asked.
    content["pack"]["quiz"] = {"questions": 40, "types": {"short_answer": 40}}
    page_path = write_page(tmp_path / "treaties-study.html", write_pack(tmp_path / "treaties", content))
    watched = open_in(page_path, seed=5)
    page = watched.page
    page.click("#tab-quiz")
    page.click("#quiz-start")
    typed = {"Yuri Gagarin": "gagarin", "Соединённые Штаты": "США", "Borvia": "the Borvia!"}
    marked = {}
    while page.is_visible("#quiz-task"):
        task = page.evaluate("window.quizgenStudy.task()")
        if task["t"] == "short_answer" and task["a"] in typed:
            page.fill(".task input[type=text]", typed[task["a"]])
            page.click(".task button[type=submit]")
            marked[task["a"]] = (task["k"], page.get_attribute(".feedback", "class"))
        else:
            answer(page, task, False)
        page.click("#quiz-next")
    assert marked == {"Yuri Gagarin": (["Yuri Gagarin", "Gagarin"], "feedback right"),
                      "Соединённые Штаты": (["Соединённые Штаты", "США"], "feedback right"),
                      "Borvia": (["Borvia"], "feedback right")}
    watched.assert_quiet()


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


# --- progress moved as a file ------------------------------------------------------------

def export_progress(page: Page, folder: Path) -> Path:
    page.click(".settings summary")
    with page.expect_download() as download:
        page.click("#progress-export")
    saved = folder / download.value.suggested_filename
    download.value.save_as(saved)
    return saved


def import_progress(page: Page, file: Path) -> str:
    if not page.is_visible("#progress-import"):
        page.click(".settings summary")
    page.set_input_files("#progress-file", str(file))
    page.wait_for_selector("#progress-message:not([hidden])")
    return page.inner_text("#progress-message")


def test_progress_saved_to_a_file_loads_into_another_browser(
        open_in: Open, bundled_page: Path, tmp_path: Path) -> None:
    watched = open_in(bundled_page)
    page = watched.page
    graded = [grade_by_keys(page, key) for key in "4343"]
    shown = counts(page)
    file = export_progress(page, tmp_path)
    kept = stored(page, "az-ru-2025")
    assert file.name == "az-ru-2025-progress.json"
    saved = json.loads(file.read_text(encoding="utf-8"))
    assert (saved["format"], saved["v"], saved["pack"]) == ("quizgen-study-progress", 2, "az-ru-2025")
    assert saved["cards"] == kept["cards"] and sorted(kept["cards"]) == sorted(set(graded))
    watched.assert_quiet()  # a file saved from the page's own data: no request

    watched = open_in(bundled_page, profile=tmp_path / "another-profile")
    page = watched.page
    assert stored(page, "az-ru-2025") is None and counts(page)["new"] == NEW_PER_DAY
    assert import_progress(page, file) == "Прогресс загружен из файла (карточек: 4)."
    assert stored(page, "az-ru-2025")["cards"] == kept["cards"]
    assert counts(page) == shown
    watched.assert_quiet()
    page = open_in(bundled_page, DAY0 + datetime.timedelta(days=8),
                   profile=tmp_path / "another-profile").page
    assert counts(page)["due"] == 2  # the two graded easy


@pytest.mark.parametrize(("change", "message"), [
    ({"pack": "treaties"}, "В этом файле прогресс другого пакета («treaties»), а эта страница — "
                           "пакета «az-ru-2025». Ничего не загружено."),
    ({"v": 3}, "Этот файл сохранён более новой страницей занятий (формат 3); эта страница читает "
               "форматы до 2. Откройте его страницей, собранной более новой версией quizgen."),
    ({"format": None}, "Этот файл — не прогресс, сохранённый страницей занятий quizgen."),
], ids=["another-pack", "newer-format", "not-progress"])
def test_a_file_the_page_cannot_load_says_why_and_changes_nothing(
        open_in: Open, bundled_page: Path, tmp_path: Path, change: dict[str, Any],
        message: str) -> None:
    page = open_in(bundled_page).page
    grade_by_keys(page, "4")
    file = export_progress(page, tmp_path)
    before = stored(page, "az-ru-2025")
    file.write_text(json.dumps({**json.loads(file.read_text(encoding="utf-8")), **change,
                                "cards": {}}), encoding="utf-8")
    assert import_progress(page, file) == message
    assert page.get_attribute("#progress-message", "class") == "warning"
    assert stored(page, "az-ru-2025") == before


# --- progress of the SM-2 page -----------------------------------------------------------

TODAY = (DAY0.date() - datetime.date(1970, 1, 1)).days


def sm2_card(due: int, last: int, iv: int, ef: float = 2.5, n: int = 2) -> dict[str, Any]:
    return {"ef": ef, "n": n, "iv": iv, "due": due, "last": last}


def test_progress_of_the_sm2_page_moves_to_fsrs_keeping_every_due_day(
        open_in: Open, bundled_page: Path) -> None:
    ids = [q.id for q in bundled_bank().questions[:5]]
    old = {"v": 1, "day": TODAY, "fresh": 2, "drill": [ids[3]], "limit": NEW_PER_DAY, "cards": {
        ids[0]: sm2_card(TODAY, TODAY - 6, 6),                 # due today
        ids[1]: sm2_card(TODAY - 3, TODAY - 18, 15, ef=2.36),  # overdue
        ids[2]: sm2_card(TODAY + 3, TODAY - 3, 6, ef=1.3),     # due in three days
        ids[3]: sm2_card(TODAY + 1, TODAY, 1, n=0),            # failed today: drilled today
        ids[4]: sm2_card(TODAY + 40, TODAY - 1, 41, ef=2.8, n=5)}}
    key = STORAGE_PREFIX + "az-ru-2025"
    open_in(bundled_page).page.evaluate("([key, raw]) => localStorage.setItem(key, raw)",
                                        [key, json.dumps(old)])

    watched = open_in(bundled_page)
    page = watched.page
    assert counts(page) == {"due": 2, "new": NEW_PER_DAY - 2, "learning": 1}
    assert not page.is_visible("#storage-damaged")
    progress = stored(page, "az-ru-2025")
    assert progress["v"] == 2 and progress["fresh"] == 2 and sorted(progress["cards"]) == sorted(ids)
    for qid, sm2 in old["cards"].items():
        card = progress["cards"][qid]
        assert card["from"] == {k: card[k] for k in card["from"]} and card["log"] == []
        assert study_day(card["due"]) - DAY0.date() == datetime.timedelta(
            days=0 if qid == ids[3] else sm2["due"] - TODAY)
        assert card["stability"] == sm2["iv"]
        assert card["state"] == (3 if qid == ids[3] else 2)  # relearning, or in review
    # Difficulty from the E-Factor: of two cards of one interval, the lower E-Factor is harder.
    assert progress["cards"][ids[2]]["difficulty"] > progress["cards"][ids[0]]["difficulty"]
    # The card relearnt today comes first, then the due ones, the most overdue first.
    assert grade_by_keys(page, "3") == ids[3]
    assert grade_by_keys(page, "3") == ids[1]
    assert page.evaluate("window.quizgenStudy.current()") == ids[0]
    page.keyboard.press("Space")
    # A "good" on time multiplies the interval by the card's E-Factor, as SM-2 did: 6 · 2.5.
    assert hints(page)["good"] == "15 дн."
    watched.assert_quiet()

    page = open_in(bundled_page, DAY0 + datetime.timedelta(days=3)).page
    due = counts(page)["due"]
    assert due == 3  # the card due in three days, today's left undone, and the drilled one


# --- damaged storage ---------------------------------------------------------------------

def _record(due_in_days: int) -> dict[str, Any]:
    due = int(DAY0.timestamp() * 1000) + due_in_days * 864e5
    state = {"state": 2, "step": None, "stability": 8.2956, "difficulty": 1.0, "due": due,
             "last": due - 8 * 864e5}
    return {**state, "log": [[4, state["last"], state["last"]]]}


def _damaged_cases() -> list[Any]:
    """(what is stored, the cards kept, the counts the page shows, a message)."""
    first, second = (q.id for q in bundled_bank().questions[:2])
    today = {"v": 2, "pack": "az-ru-2025", "day": TODAY, "fresh": 3, "limit": NEW_PER_DAY,
             "retention": 0.9}
    kept = {first: _record(0)}
    sm2 = {"v": 1, "day": TODAY, "fresh": 3, "drill": [], "limit": NEW_PER_DAY}
    return [
        pytest.param({**today, "cards": kept}, kept,
                     {"due": 1, "new": NEW_PER_DAY - 3, "learning": 0}, False, id="intact"),
        pytest.param({**today, "cards": None}, {},
                     {"due": 0, "new": NEW_PER_DAY - 3, "learning": 0}, True, id="cards-null"),
        pytest.param({**today, "cards": []}, {},
                     {"due": 0, "new": NEW_PER_DAY - 3, "learning": 0}, True, id="cards-a-list"),
        pytest.param({**today, "cards": {**kept, second: {**_record(0), "stability": "8"}},
                      "limit": "many", "fresh": -1}, kept,
                     {"due": 1, "new": NEW_PER_DAY, "learning": 0}, True, id="wrong-types"),
        pytest.param({**today, "cards": {**kept, second: {**_record(0), "log": [[5, 0, 0]]}},
                      "retention": 1.5}, kept,
                     {"due": 1, "new": NEW_PER_DAY - 3, "learning": 0}, True, id="bad-log"),
        pytest.param({**today, "cards": kept, "day": "today"}, kept,
                     {"due": 1, "new": NEW_PER_DAY, "learning": 0}, True, id="day-not-a-number"),
        pytest.param({**sm2, "cards": {first: sm2_card(TODAY, TODAY - 1, 1), second: {"ef": "x"}},
                      "drill": {"0": first}}, None,
                     {"due": 1, "new": NEW_PER_DAY - 3, "learning": 0}, True, id="sm2-damaged"),
        pytest.param("{\"v\": 2, \"cards\": {", {},
                     {"due": 0, "new": NEW_PER_DAY, "learning": 0}, True, id="not-json"),
    ]


@pytest.mark.parametrize(("saved", "kept", "shown", "message"), _damaged_cases())
def test_damaged_progress_resets_the_damaged_part_with_a_message_and_keeps_the_rest(
        open_in: Open, bundled_page: Path, saved: Any, kept: dict[str, Any] | None,
        shown: dict[str, int], message: bool) -> None:
    key = STORAGE_PREFIX + "az-ru-2025"
    raw = saved if isinstance(saved, str) else json.dumps(saved)
    open_in(bundled_page).page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [key, raw])

    watched = open_in(bundled_page)
    page = watched.page
    assert counts(page) == shown
    assert page.is_visible("#storage-damaged") is message
    before = stored(page, "az-ru-2025")["cards"]
    if kept is not None:
        assert before == kept
    assert len(before) == shown["due"]
    graded = grade_by_keys(page, "3")  # a new grade is kept, not dropped
    after = stored(page, "az-ru-2025")["cards"]
    assert {qid: after[qid] for qid in before if qid != graded} == {
        qid: card for qid, card in before.items() if qid != graded}
    assert after[graded]["log"][-1][0] == 3
    watched.assert_quiet()

    page = open_in(bundled_page).page  # the damaged part was reset once, for good
    assert not page.is_visible("#storage-damaged")


def test_progress_a_newer_page_kept_is_left_as_it_is(open_in: Open, bundled_page: Path) -> None:
    key = STORAGE_PREFIX + "az-ru-2025"
    newer = json.dumps({"v": 3, "pack": "az-ru-2025", "cards": {"x": {"what": "we cannot read"}}})
    open_in(bundled_page).page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [key, newer])

    watched = open_in(bundled_page)
    page = watched.page
    assert page.is_visible("#storage-newer") and not page.is_visible("#storage-damaged")
    assert counts(page) == {"due": 0, "new": NEW_PER_DAY, "learning": 0}
    grade_by_keys(page, "3")  # studied, but not kept over the newer page's progress
    assert page.evaluate(f"localStorage.getItem({key!r})") == newer
    watched.assert_quiet()
