"""The study page: one offline HTML file per pack, for a learner without Anki.

``decks/<pack>-study.html`` holds, in the pack's language:

- every card of the deck (the question bank's questions, in study order), scheduled by
  FSRS-6 with its default parameters; the progress is kept in the browser's localStorage
  under the pack id and each question's id, the identity of the Anki notes, so a rebuilt
  page keeps the progress of every question that still exists, and moves to another
  browser as a JSON file the page saves and loads;
- a practice quiz drawn afresh on each start from tasks the quiz package composes
  (:func:`quizgen.quiz.compose_quizzes`), with feedback after every answer;
- a timeline of the pack's events, drawn here as SVG, the causes and effects, and the
  disputes with their positions side by side.

The page's pure logic — the scheduler, the study day, the progress and its move from
the earlier SM-2 format, the marking of typed answers — is ``study-core.js``, which node
runs in the tests; ``study.js`` is the page around it. A typed answer is right when it is
one of :func:`quizgen.answers.accepted_answers`, compared as :func:`quizgen.answers.normalise`
folds them.
Content reaches the page only as text: escaped by jinja2 in the markup, as JSON
that the script puts into the page with ``textContent``. A Content-Security-Policy
allows the page's own inline script and style (by hash) and nothing else, so the
page makes no network request of any kind. Same pack, same bytes.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import io
from importlib import resources
from typing import TYPE_CHECKING, Any, BinaryIO, Iterable, Optional, Sequence

from ..answers import accepted_answers, distinct
from ..write import Output
from .study_timeline import event_when, timeline_svg
from ..question import Question, QuestionBank, SourceRef
from ..i18n import LABELS, label
from ..model import Citation, Language, Pack, Position
from ..quiz import (Chronology, Choice, Matching, Quiz, QuizRequest, ShortAnswer, Task,
                    TrueFalse, compose_quizzes)

if TYPE_CHECKING:
    from pathlib import Path

# Composed quizzes whose tasks make the page's pool: enough that each start draws a
# different quiz, few enough to keep the page small.
POOL_VARIANTS = 4
# localStorage key prefix; the pack id follows. Changing it loses every learner's progress
# (the SM-2 page kept its progress under the same key; the FSRS page moves it on first load).
STORAGE_PREFIX = "quizgen-study:"
# New cards a day, until the learner sets another number.
NEW_PER_DAY = 20

STUDY_LABELS: dict[Language, dict[str, str]] = {
    "ru": {
        "study.kind": "Занятия",
        "tab.cards": "Карточки", "tab.quiz": "Тест", "tab.timeline": "Хронология",
        "tab.causes": "Причины и следствия", "tab.disputes": "Спорные вопросы",
        "cards.due": "К повторению", "cards.new": "Новых", "cards.learning": "Ещё раз сегодня",
        "cards.show": "Показать ответ", "cards.again": "Снова", "cards.hard": "Трудно",
        "cards.good": "Хорошо", "cards.easy": "Легко",
        "cards.done": "На сегодня всё.", "cards.next": "Следующее повторение: {date}.",
        "cards.none": "Повторять пока нечего.",
        "cards.limit": "Новых карточек в день", "cards.total": "Карточек в колоде: {count}",
        "cards.keys": "Клавиши: пробел — ответ; 1 — снова, 2 — трудно, 3 — хорошо, 4 — легко.",
        "cards.days": "дн.", "cards.minutes": "мин",
        "cards.scheduler": "Интервалы повторения — по алгоритму FSRS-6 с его параметрами по "
                           "умолчанию, как в Anki. Прогресс хранится в этом браузере; чтобы "
                           "перенести его в другой браузер или на другое устройство, сохраните "
                           "его в файл и загрузите там.",
        "cards.retention": "Желаемое удержание",
        "cards.retention-hint": "Доля карточек, которую вы хотите вспоминать, когда они приходят "
                                "на повторение (от 0,70 до 0,99; по умолчанию 0,9): чем она "
                                "выше, тем чаще повторения.",
        "progress.export": "Сохранить прогресс в файл",
        "progress.import": "Загрузить прогресс из файла",
        "progress.loaded": "Прогресс загружен из файла (карточек: {count}).",
        "progress.skipped": "Повреждённые записи пропущены: {count}.",
        "progress.not-progress": "Этот файл — не прогресс, сохранённый страницей занятий quizgen.",
        "progress.other-pack": "В этом файле прогресс другого пакета («{pack}»), а эта страница — "
                               "пакета «{own}». Ничего не загружено.",
        "progress.newer": "Этот файл сохранён более новой страницей занятий (формат {version}); "
                          "эта страница читает форматы до {supported}. Откройте его страницей, "
                          "собранной более новой версией quizgen.",
        "cards.storage": "Браузер не даёт сохранить прогресс: он пропадёт при закрытии страницы.",
        "cards.newer": "Прогресс в этом браузере сохранила более новая страница занятий: эта "
                       "страница его не читает и не меняет, а новые оценки не сохраняет. Откройте "
                       "страницу, собранную более новой версией quizgen.",
        "cards.damaged": "Часть прогресса, сохранённого в этом браузере, была повреждена: эта "
                         "часть начата заново, остальное сохранено.",
        "quiz.start": "Начать тест", "quiz.again": "Новый тест", "quiz.check": "Проверить",
        "quiz.next": "Дальше", "quiz.right": "Верно!", "quiz.wrong": "Неверно.",
        "quiz.partly": "Частично верно.", "quiz.answer-was": "Правильный ответ",
        "quiz.task": "Задание {n} из {total}", "quiz.result": "Результат: {score} из {total}",
        "quiz.up": "Выше", "quiz.down": "Ниже", "quiz.your-answer": "Ваш ответ",
        "quiz.intro": "Каждый запуск — новый набор заданий из банка вопросов пакета. "
                      "После каждого ответа — правильный ответ, пояснение и цитата из источника.",
        "timeline.undated": "Без даты",
        "timeline.choose": "Выберите событие на шкале, чтобы прочитать о нём.",
        "timeline.actors": "Участники", "timeline.close": "Закрыть",
        "causes.cause": "Причина", "causes.effect": "Следствие", "causes.note": "Пояснение составителя",
        "disputes.holder": "Кто так считает", "disputes.note": "Пояснение составителя",
    },
    "en": {
        "study.kind": "Study",
        "tab.cards": "Cards", "tab.quiz": "Quiz", "tab.timeline": "Timeline",
        "tab.causes": "Causes and effects", "tab.disputes": "Disputes",
        "cards.due": "Due", "cards.new": "New", "cards.learning": "Again today",
        "cards.show": "Show answer", "cards.again": "Again", "cards.hard": "Hard",
        "cards.good": "Good", "cards.easy": "Easy",
        "cards.done": "That is all for today.", "cards.next": "Next review: {date}.",
        "cards.none": "Nothing to review yet.",
        "cards.limit": "New cards a day", "cards.total": "Cards in the deck: {count}",
        "cards.keys": "Keys: space shows the answer; 1 again, 2 hard, 3 good, 4 easy.",
        "cards.days": "d", "cards.minutes": "min",
        "cards.scheduler": "Review intervals follow FSRS-6 with its default parameters, as in "
                           "Anki. Progress is kept in this browser; to move it to another "
                           "browser or device, save it to a file and load it there.",
        "cards.retention": "Desired retention",
        "cards.retention-hint": "The share of cards you want to recall when they fall due (0.70 "
                                "to 0.99; 0.9 unless set): the higher, the more often you review.",
        "progress.export": "Save progress to a file",
        "progress.import": "Load progress from a file",
        "progress.loaded": "Progress loaded from the file ({count} card(s)).",
        "progress.skipped": "Damaged entries skipped: {count}.",
        "progress.not-progress": "This file is not progress saved by a quizgen study page.",
        "progress.other-pack": "This file holds the progress of another pack (“{pack}”); this "
                               "page is the pack “{own}”. Nothing was loaded.",
        "progress.newer": "This file was saved by a newer study page (format {version}); this "
                          "page reads formats up to {supported}. Open it with a page built by a "
                          "newer quizgen.",
        "cards.storage": "This browser does not let the page keep progress: it is lost on closing.",
        "cards.newer": "A newer study page kept the progress in this browser: this page neither "
                       "reads nor changes it, and keeps no new grades. Open a page built by a "
                       "newer quizgen.",
        "cards.damaged": "Part of the progress this browser kept was damaged: that part starts "
                         "again, the rest is kept.",
        "quiz.start": "Start the quiz", "quiz.again": "New quiz", "quiz.check": "Check",
        "quiz.next": "Next", "quiz.right": "Right!", "quiz.wrong": "Wrong.",
        "quiz.partly": "Partly right.", "quiz.answer-was": "The right answer",
        "quiz.task": "Task {n} of {total}", "quiz.result": "Score: {score} of {total}",
        "quiz.up": "Up", "quiz.down": "Down", "quiz.your-answer": "Your answer",
        "quiz.intro": "Each start draws new tasks from the pack's question bank. After each "
                      "answer: the right answer, why, and the source's quote.",
        "timeline.undated": "Undated",
        "timeline.choose": "Choose an event on the timeline to read about it.",
        "timeline.actors": "Actors", "timeline.close": "Close",
        "causes.cause": "Cause", "causes.effect": "Effect", "causes.note": "Compiler's note",
        "disputes.holder": "Held by", "disputes.note": "Compiler's note",
    },
}

# Quiz labels the page's script shows, taken from the printed quiz's.
_QUIZ_LABELS = ("quiz.true", "quiz.false", "quiz.section.multiple_choice",
                "quiz.section.true_false", "quiz.section.matching", "quiz.section.chronology",
                "quiz.section.short_answer", "quiz.section.attribution",
                "quiz.howto.short_answer", "quiz.key-also", "label.date-note")


def study_filename(pack_id: str) -> str:
    return f"{pack_id}-study.html"


def render_study(pack: Pack, bank: QuestionBank, request: QuizRequest, out_dir: Path,
                 pool: Optional[Sequence[Quiz]] = None) -> Output:
    """The pack's study page as an output of the build; its quiz is drawn as the printed
    quizzes' ``request`` says. ``pool`` is :func:`render_study_html`'s."""
    page = render_study_html(pack, bank, request, pool)
    return Output(out_dir / study_filename(pack.id), page,
                  f"study page: {len(bank.questions)} card(s), "
                  f"{len(pack.events)} event(s) on the timeline, {len(page) / 1024:.1f} KB"
                  + _size_warning(len(page)))


# Past this size a browser opens the page slowly: headless Chromium took 5 s to make a page of
# 32 MiB (10,000 events) interactive and 11 s at 64 MiB (benchmarks/results.md, "Scale").
# The page is still written, since it works; the build says so.
LARGE_PAGE_BYTES = 32 * 2**20


def _size_warning(size: int) -> str:
    """A clause for the summary line of a page past :data:`LARGE_PAGE_BYTES`; "" below it."""
    if size <= LARGE_PAGE_BYTES:
        return ""
    return (f"; warning: over {LARGE_PAGE_BYTES // 2**20} MiB, a browser takes many seconds "
            "to open it; split the pack into smaller packs")


def render_study_html(pack: Pack, bank: QuestionBank, request: QuizRequest,
                      pool: Optional[Sequence[Quiz]] = None) -> bytes:
    """The page's bytes: markup from the template, the script's data as inert JSON.

    The quiz pool holds the tasks of :data:`POOL_VARIANTS` variants composed with
    ``request``'s seed, length and counts (``pool``, where the build composed them
    already); the page draws each quiz from it."""
    from .quiz import _environment

    lang = bank.language
    css, js = _asset("study.css"), _asset("study-core.js") + "\n" + _asset("study.js")
    template = _environment().get_template("study.html.j2")
    # The data goes in as bytes after the rest is rendered: at 10⁴ items it is megabytes,
    # and a copy of it as text is twice its size.
    head, tail = template.render(
        pack=pack, lang=lang, css=css, js=js, data=_DATA_HERE,
        csp=_csp(css, js), t=functools.partial(_label, lang), timeline=timeline_svg(pack, lang),
        card_count=len(bank.questions)).encode("utf-8").split(_DATA_HERE.encode("utf-8"))
    page = io.BytesIO()
    page.write(head)
    _write_json(page, _script_data(pack, bank, request, pool))
    page.write(tail)
    return page.getvalue()


# Where the template's data goes, marked with characters no page's text holds.
_DATA_HERE = "\x00data\x00"


def _script_data(pack: Pack, bank: QuestionBank, request: QuizRequest,
                 pool: Optional[Sequence[Quiz]]) -> dict[str, Any]:
    """What the page's script reads."""
    data = _Data(pack, bank)
    payload = {"pack": pack.id, "storage": STORAGE_PREFIX + pack.id, "newPerDay": NEW_PER_DAY,
               "labels": _script_labels(bank.language), "cards": data.cards(),
               "quiz": data.quiz(request, pool), "events": data.events(), "causes": data.causes(),
               "disputes": data.disputes(), "sources": data.sources, "quotes": data.quotes,
               "s": data.strings}
    return payload


def _label(language: Language, key: str, **values: object) -> str:
    table = STUDY_LABELS[language]
    text = table[key] if key in table else LABELS[language][key]
    return text.format(**values)


def _script_labels(language: Language) -> dict[str, str]:
    return {**STUDY_LABELS[language], **{k: LABELS[language][k] for k in _QUIZ_LABELS}}


@functools.lru_cache(maxsize=None)
def _asset(name: str) -> str:
    """A template file as inlined: lines without their indentation, whole-line comments dropped.

    The files keep their comments for whoever reads them; the page need not carry them.
    """
    text = resources.files("quizgen").joinpath("templates").joinpath(name).read_text(
        encoding="utf-8")
    comment = "//" if name.endswith(".js") else "/*"
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith(comment))


def _csp(css: str, js: str) -> str:
    """Only the page's own style and script, by hash; no source of any other kind."""
    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; "
            f"script-src 'sha256-{digest(js)}'; style-src 'sha256-{digest(css)}'; "
            "img-src 'none'; connect-src 'none'; font-src 'none'; media-src 'none'; "
            "object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; "
            "base-uri 'none'; form-action 'none'")


def _write_json(out: BinaryIO, payload: dict[str, Any]) -> None:
    """``payload`` as JSON in UTF-8 that no text can end early (``<``, ``>`` and ``&`` become
    escapes), for a ``<script>`` element.

    A list is written :data:`_BATCH` items at a time: at 10⁴ items the data is tens of
    megabytes, and as one text, with the encoder's pieces, it would take several times that.
    """
    out.write(b"{")
    for number, (key, value) in enumerate(payload.items()):
        out.write(b"," if number else b"")
        out.write(_json_bytes(key) + b":")
        if not isinstance(value, list):
            out.write(_json_bytes(value))
            continue
        out.write(b"[")
        for start in range(0, len(value), _BATCH):
            out.write(b"," if start else b"")
            out.write(_json_bytes(value[start:start + _BATCH])[1:-1])
        out.write(b"]")
    out.write(b"}")


_BATCH = 1024
# In JSON these stand only inside strings, where ``\uXXXX`` means the same.
_SCRIPT_ESCAPES = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"&", b"\\u0026"),
                   ("\u2028".encode("utf-8"), b"\\u2028"), ("\u2029".encode("utf-8"), b"\\u2029"))


def _json_bytes(value: Any) -> bytes:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    for char, escape in _SCRIPT_ESCAPES:
        data = data.replace(char, escape)
    return data


class _Data:
    """What the page's script needs. Every text is stored once, in ``strings``, and named by
    its index: the same summary explains several cards, the same quote backs many."""

    def __init__(self, pack: Pack, bank: QuestionBank) -> None:
        self.pack = pack
        self.bank = bank
        self.lang = bank.language
        self.strings: list[str] = []
        self.sources: list[str] = []
        self.quotes: list[list[int]] = []
        self._strings: dict[str, int] = {}
        self._sources: dict[str, int] = {}
        self._quotes: dict[tuple[str, str], int] = {}

    def text(self, value: str) -> int:
        index = self._strings.get(value)
        if index is None:
            index = self._strings[value] = len(self.strings)
            self.strings.append(value)
        return index

    def quote(self, source_id: str, source_title: str, quote: str) -> int:
        key = (source_id, quote)
        if key not in self._quotes:
            if source_id not in self._sources:
                self._sources[source_id] = len(self.sources)
                self.sources.append(source_title)
            self._quotes[key] = len(self.quotes)
            self.quotes.append([self._sources[source_id], self.text(quote)])
        return self._quotes[key]

    def refs(self, refs: Iterable[SourceRef]) -> list[int]:
        return list(dict.fromkeys(self.quote(r.source_id, r.title, r.quote) for r in refs))

    def citations(self, citations: Iterable[Citation]) -> list[int]:
        return list(dict.fromkeys(
            self.quote(c.source, source_label(self.pack, c.source), c.quote) for c in citations))

    def cards(self) -> list[dict[str, Any]]:
        """Every question of the bank, in study order (new cards come in this order)."""
        return [self._card(q) for q in self.bank.questions]

    def _card(self, q: Question) -> dict[str, Any]:
        card: dict[str, Any] = {"id": q.id, "a": self.text(q.answer)}
        details = q.explanation.strip()
        if q.cloze is None:
            card["f"] = self.text(q.prompt)
        else:
            # The back names the event; of the explanation, only what the sentence does not say.
            shown = q.cloze.before + q.cloze.hidden + q.cloze.after
            card.update(c=[self.text(q.cloze.before), self.text(q.cloze.hidden),
                           self.text(q.cloze.after)], t=self.text(q.prompt))
            details = details[len(shown):].strip() if details.startswith(shown) else details
        if details not in ("", q.answer):
            card["d"] = self.text(details)
        card["s"] = self.refs(q.sources)
        return card

    def quiz(self, request: QuizRequest, pool: Optional[Sequence[Quiz]] = None
             ) -> dict[str, Any]:
        """The tasks of :data:`POOL_VARIANTS` composed quizzes, each once, and the plan to draw by:
        the printed variants and more beside them, as the build composes them."""
        if pool is None:
            pool = compose_quizzes(self.bank, request,
                                   more=max(0, POOL_VARIANTS - request.variants))[:POOL_VARIANTS]
        tasks: list[dict[str, Any]] = []
        seen: set[str] = set()
        facts: dict[str, int] = {}
        for quiz in pool:
            for task in quiz.tasks:
                view = self._task(task)
                key = json.dumps(view, sort_keys=True)
                if key in seen:
                    continue
                seen.add(key)
                view["x"] = [facts.setdefault(f, len(facts)) for f in sorted(task.facts)]
                tasks.append(view)
        plan = {t.value: n for t, n in request.plan().items()}
        return {"plan": plan, "tasks": tasks}

    def _texts(self, values: Iterable[str]) -> list[int]:
        return [self.text(v) for v in values]

    def _task(self, task: Task) -> dict[str, Any]:
        text = self.text
        view: dict[str, Any] = {"t": task.type.value, "pts": task.points,
                                "n": [[text(n.answer), text(n.explanation), self.refs(n.sources)]
                                      for n in task.notes]}
        if isinstance(task, Choice):
            view.update(p=text(task.prompt), c=text(task.context), o=self._texts(task.options),
                        a=task.answer)
        elif isinstance(task, TrueFalse):
            view.update(s=text(task.statement), v=task.true, r=text(task.truth))
        elif isinstance(task, Matching):
            view.update(p=text(task.prompt), l=self._texts(task.left), r=self._texts(task.right),
                        a=list(task.answers))
        elif isinstance(task, Chronology):
            view.update(e=self._texts(task.events), o=list(task.order))
        elif isinstance(task, ShortAnswer):
            view.update(p=text(task.prompt), c=text(task.context), b=text(task.before),
                        f=text(task.after), a=text(task.answer),
                        k=self._texts(distinct((task.answer,
                                                *accepted_answers(self.bank, task.questions[0]),
                                                *task.accepted))))
        return view

    def events(self) -> list[dict[str, Any]]:
        """Each event's card on the timeline: title, date, summary, actors, quotes."""
        views = []
        for e in self.pack.events:
            view: dict[str, Any] = {
                "id": e.id, "t": self.text(e.title), "w": self.text(event_when(e, self.lang)),
                "s": self.text(e.summary),
                "a": self._texts(self.pack.actor(a).name for a in e.actors),
                "q": self.citations(e.sources)}
            if e.date_note:
                view["n"] = self.text(e.date_note)
            views.append(view)
        return views

    def causes(self) -> list[dict[str, Any]]:
        """Each link: its cause and effect (an event's title and id where it names one)."""
        views = []
        for c in self.pack.causes:
            view: dict[str, Any] = {"id": c.id, "q": self.citations(c.sources)}
            for key, side in (("c", c.cause), ("e", c.effect)):
                event = self.pack.event(side)
                view[key] = self.text(event.title if event else side)
                if event:
                    view[key + "v"] = event.id
            if c.reading:
                view["r"] = self.text(label(self.lang, "prompt.reading",
                                            source=source_label(self.pack, c.reading)).strip())
            if c.explanation:
                view["x"] = self.text(c.explanation)
            views.append(view)
        return views

    def disputes(self) -> list[dict[str, Any]]:
        """Each dispute's question and its positions: who holds each, the claim, the quotes."""
        views = []
        for d in self.pack.disputes:
            positions = [{"h": self.text(self._holder(p)), "c": self.text(p.claim),
                          "q": self.citations(p.sources)} for p in d.positions]
            view: dict[str, Any] = {"id": d.id, "q": self.text(d.question), "p": positions}
            if d.explanation:
                view["x"] = self.text(d.explanation)
            views.append(view)
        return views

    def _holder(self, position: Position) -> str:
        if position.holder is not None:
            return self.pack.actor(position.holder).name
        return "; ".join(sorted({source_label(self.pack, c.source) for c in position.sources}))


def source_label(pack: Pack, source_id: str) -> str:
    """A source as cards name it: its label, or its title in quotation marks."""
    source = pack.source(source_id)
    return source.label or label(pack.info.language, "answer.title", title=source.title)


