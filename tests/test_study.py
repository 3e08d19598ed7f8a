"""The study page as bytes: what it holds, where it comes from, and what it may load.

What the page does in a browser is in ``test_study_browser.py``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import html.parser
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quiz_packs import bundled_bank, bundled_pack, load
from quizgen.bank import build_bank
from quizgen.cli import main
from quizgen.quiz import compose_quizzes
from quizgen.render.quiz import quiz_request
from quizgen.render import study as study_module
from quizgen.render.study import POOL_VARIANTS, render_study_html
from quizgen.render.study_timeline import timeline_svg
from study_packs import MARKUP, small_pack, write_pack

# The budget for the bundled pack's page.
MAX_BUNDLED_BYTES = 300_000


def page_of(pack_dir: Path | None = None) -> bytes:
    pack = bundled_pack() if pack_dir is None else load(pack_dir)
    bank = bundled_bank() if pack_dir is None else build_bank(pack)
    return render_study_html(pack, bank, quiz_request(pack.info.quiz))


def data_of(page: bytes) -> dict[str, Any]:
    found = re.search(rb'<script type="application/json" id="study-data">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1))


def texts(data: dict[str, Any], indexes: list[int]) -> list[str]:
    return [data["s"][i] for i in indexes]


@pytest.fixture(scope="module")
def bundled() -> bytes:
    return page_of()


def test_the_bundled_page_is_under_its_size_budget(bundled: bytes) -> None:
    assert len(bundled) < MAX_BUNDLED_BYTES, f"{len(bundled)} bytes"


def test_same_pack_gives_the_same_bytes(bundled: bytes) -> None:
    assert page_of() == bundled


def test_cards_are_the_bank_questions_in_study_order(bundled: bytes) -> None:
    data = data_of(bundled)
    bank = bundled_bank()
    assert [c["id"] for c in data["cards"]] == [q.id for q in bank.questions]
    for card, q in zip(data["cards"], bank.questions):
        assert data["s"][card["a"]] == q.answer
        if q.cloze is None:
            assert data["s"][card["f"]] == q.prompt
        else:
            assert texts(data, card["c"]) == [q.cloze.before, q.cloze.hidden, q.cloze.after]
        quoted = [data["s"][data["quotes"][i][1]] for i in card["s"]]
        assert quoted == list(dict.fromkeys(ref.quote for ref in q.sources))


def test_quiz_tasks_are_those_the_quiz_package_composes(bundled: bytes) -> None:
    data = data_of(bundled)
    # The printed variants and more beside them, as the build composes them for the page.
    request = quiz_request(bundled_pack().info.quiz)
    pool = compose_quizzes(bundled_bank(), request,
                           more=POOL_VARIANTS - request.variants)[:POOL_VARIANTS]
    composed = [task for quiz in pool for task in quiz.tasks]
    prompts = {data["s"][t["p"]] for t in data["quiz"]["tasks"] if "p" in t}
    statements = {data["s"][t["s"]] for t in data["quiz"]["tasks"] if t["t"] == "true_false"}
    for task in composed:
        shown = getattr(task, "prompt", None) or getattr(task, "statement", None)
        if shown is not None:
            assert shown in prompts | statements
    assert len(data["quiz"]["tasks"]) <= len(composed)
    assert data["quiz"]["plan"] == {t.value: n for t, n in request.plan().items()}
    by_type = {t["t"] for t in data["quiz"]["tasks"]}
    assert by_type == {"multiple_choice", "true_false", "matching", "chronology", "short_answer",
                       "attribution"}


def test_the_policy_allows_only_the_page_own_script_and_style(bundled: bytes) -> None:
    text = bundled.decode("utf-8")
    policy = html.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1))
    script = re.search(r"<script>(.*?)</script>", text, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", text, re.S).group(1)

    def digest(part: str) -> str:
        return base64.b64encode(hashlib.sha256(part.encode()).digest()).decode()

    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == f"'sha256-{digest(script)}'"
    assert directives["style-src"] == f"'sha256-{digest(style)}'"
    assert directives["connect-src"] == directives["img-src"] == "'none'"
    assert not re.search(r'\s(?:src|href)="(?:https?:)?//', text)
    assert text.index("Content-Security-Policy") < text.index("<style>")


class _Elements(html.parser.HTMLParser):
    """The elements of a page and any event-handler attributes on them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.handlers: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


# Every element the page's template and timeline make; content adds none.
_PAGE_ELEMENTS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "nav",
                  "button", "main", "section", "p", "span", "b", "div", "kbd", "details",
                  "summary", "label", "input", "form", "aside", "ol", "script", "svg", "line",
                  "text", "a", "rect", "circle", "path"}


def test_markup_in_content_stays_text(tmp_path: Path) -> None:
    page = page_of(write_pack(tmp_path / "treaties", small_pack(hostile=True)))
    text = page.decode("utf-8")
    elements = _Elements(text)
    assert elements.tags == _PAGE_ELEMENTS and not elements.handlers
    assert text.count("<script") == 2 and "<b>bold" not in text
    data = data_of(page)
    assert any(MARKUP in s for s in data["s"])  # the JSON gives the text back exactly
    svg = text[text.index("<svg"):text.index("</svg>") + 6]
    shown = "".join("".join(ElementTree.fromstring(svg).itertext()).split())
    assert "".join(f"Treaty number 1 {MARKUP}".split()) in shown


@pytest.mark.parametrize("items", [0, 1, study_module._BATCH, study_module._BATCH + 1,
                                   2 * study_module._BATCH + 7])
def test_the_page_data_written_in_batches_is_the_json_of_the_whole(items: int) -> None:
    payload = {"pack": "p", "s": [f"<b>{i}</b> & \u2028 «{i}»" for i in range(items)],
               "cards": [{"id": f"c{i}", "a": i} for i in range(items)], "quiz": {"tasks": []}}
    out = io.BytesIO()
    study_module._write_json(out, payload)
    written = out.getvalue()
    assert not re.search(rb"[<>&]|\xe2\x80\xa8", written)  # nothing ends the script early
    assert json.loads(written) == payload
    assert written.decode("utf-8") == json.dumps(payload, ensure_ascii=False, separators=(",", ":")
                                                 ).replace("<", "\\u003c").replace(
        ">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028")


def test_the_timeline_shows_dates_at_their_precision_and_groups_crowded_ones(tmp_path: Path) -> None:
    pack = load(write_pack(tmp_path / "treaties", small_pack()))
    svg = ElementTree.fromstring(timeline_svg(pack, "en"))
    ns = "{http://www.w3.org/2000/svg}"
    dates = [t.text for t in svg.iter(f"{ns}text") if "tl-date" in t.get("class", "")]
    assert dates == ["1990", "April 1993", "14 July 1996", "about 1999", "February 2002",
                     "20 February 2002", "September 2005", "2008"]
    approximate = [t.text for t in svg.iter(f"{ns}text") if "approx" in t.get("class", "")]
    assert approximate == ["about 1999"]
    assert [c.text for c in svg.iter(f"{ns}text") if c.get("class") == "tl-count"] == ["2"]
    links = [a.get("href") for a in svg.iter(f"{ns}a")]
    assert links == [f"#event-treaty-{i}" for i in range(8)]


def test_build_writes_the_study_page_and_check_covers_it(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "treaties", small_pack())
    out = tmp_path / "decks"
    result = CliRunner().invoke(main, ["build", str(pack), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out / "treaties-study.html"
    # every card of the deck (the pack's links, whose ends share «number», are not asked)
    assert f"{page}: study page: 44 card(s), 8 event(s) on the timeline" in result.output
    page.write_bytes(page.read_bytes().replace(b"Treaty number 1", b"Treaty number 9"))
    check = CliRunner().invoke(main, ["build", str(pack), "--out", str(out), "--check"])
    assert check.exit_code == 1
    assert f"{page}: study page" in check.output and "(stale)" in check.output
