"""Hostile content through every output format, read back by what really reads each one.

One pack's title holds line breaks of every kind with a GIFT category line, a GIFT question,
a comment and a shell command between them, and Anki's deck separator (``::`` and ``:::``);
its texts hold MathJax's delimiters (one around a ``javascript:`` link) and cloze markup.
``quizgen build`` writes every output of it, and each is read by its consumer: gift-pegjs
(and Moodle's own way of splitting a GIFT file) for GIFT, lxml and IMS's XSDs for Moodle XML
and QTI, an HTML parser for the pages' titles, real Anki for the deck, and Anki's own MathJax
with Anki's config in Chromium for the cards. Then the terminal: escape sequences in a pack
folder's name, a lock's pack and note keys, an old deck's name and a command-line value
never reach it raw.
"""

from __future__ import annotations

import html
import importlib.util
import io
import json
import os
import re
import sqlite3
import zipfile
from pathlib import Path
from typing import Any, Iterator

import lxml.html
import pytest
import yaml
from anki.collection import Collection
from click.testing import CliRunner
from lxml import etree

from quiz_packs import write_hostile_pack, write_pack_files
from quizgen.bank import QuestionBank, build_bank
from quizgen.build import BuildOptions, build_packs
from quizgen.cli import _ProgressLine, main
from quizgen.i18n import label
from quizgen.lock import HASH_LENGTH
from quizgen.problems import printable, printable_json
from quizgen.render.anki import deck_id
from test_anki import MINI_FILES, import_apkg
from test_lms import parse_gift

T0 = 1_700_000_000
# Every line break a reader may break a line at (Python's str.splitlines).
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
TITLE = ("Mini history\n$CATEGORY: $system$/top/Injected\n\n::Injected::[html]Owned{TRUE}\n"
         "// [id:x]\necho PWNED >> ~/.bashrc\r\nand ::: deep :: deck\u2028two\u2029three\x85four")
# The title as every one-line place holds it: each run of line breaks one space.
FOLDED = ("Mini history $CATEGORY: $system$/top/Injected ::Injected::[html]Owned{TRUE} "
          "// [id:x] echo PWNED >> ~/.bashrc and ::: deep :: deck two three four")
MATH_LINK = r"\(\href{javascript:alert(1)}{x}\)"
MATH = rf"{MATH_LINK} \[x^2\] {{{{c1::x}}}} {{{{c2::y::z}}}}"
# How Anki's reviewer decides that a card has math and loads MathJax (reviewer.js, Anki 26.9).
REVIEWER_MATH = re.compile(r"\\\[(.*?)\\\]|\\\((.*?)\\\)", re.S)
ESCAPE = "\x1b]0;pwned\x07\x1b[2J"
ESCAPE_SHOWN = "\\x1b]0;pwned\\x07\\x1b[2J"


def one_line(value: str) -> bool:
    return not any(char in value for char in LINE_BREAKS)


def write_pack(folder: Path) -> Path:
    """The hostile pack of :mod:`quiz_packs` with the title above and math in its texts."""
    write_hostile_pack(folder)
    pack = yaml.safe_load((folder / "pack.yaml").read_text(encoding="utf-8"))
    pack["title"] = TITLE
    pack["sources"][0]["title"] += f" {MATH}"
    (folder / "pack.yaml").write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    content = yaml.safe_load((folder / "content.yaml").read_text(encoding="utf-8"))
    for event in content["events"]:
        event["title"] += f" {MATH}"
        event["summary"] += f"\n{MATH}"
    for actor in content["actors"]:
        actor["role"] += f"\n{MATH}"
    (folder / "content.yaml").write_text(yaml.safe_dump(content, allow_unicode=True),
                                         encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, QuestionBank]:
    """The pack built by ``quizgen build`` with every export: the output folder, the bank."""
    root = tmp_path_factory.mktemp("hostile-outputs")
    folder, out = write_pack(root / "hostile"), root / "decks"
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(out),
                                       "--export", "gift,moodle,qti"],
                                env={"SOURCE_DATE_EPOCH": str(T0)})
    assert result.exit_code == 0, result.output
    from quizgen.validate import validate_pack

    pack = validate_pack(folder).pack
    assert pack is not None and pack.info.title == TITLE  # the title reached the build whole
    return out, build_bank(pack)


def categories(variants: int = 2) -> list[str]:
    """The Moodle category path of each variant: the title, its "/" doubled, then the variant."""
    title = FOLDED.replace("/", "//")
    return [f"$course$/top/{title}/{label('en', 'quiz.variant', variant=v)}"
            for v in "AB"[:variants]]


# --- GIFT ---------------------------------------------------------------------------

def test_gift_keeps_the_title_on_its_category_line(built: tuple[Path, QuestionBank]) -> None:
    text = (built[0] / "hostile-quiz.gift.txt").read_text(encoding="utf-8")
    result = parse_gift(text)
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)

    assert [q["title"] for q in parsed if q["type"] == "Category"] == categories()
    questions = [q for q in parsed if q["type"] != "Category"]
    assert questions and all(re.fullmatch(r"\d\d hostile:\S+", q["title"]) for q in questions)


def test_gift_blocks_are_what_moodle_splits_them_into(built: tuple[Path, QuestionBank]) -> None:
    """Moodle's importer reads a block up to a blank line; a category takes the whole block."""
    text = (built[0] / "hostile-quiz.gift.txt").read_text(encoding="utf-8")
    blocks = [b for b in re.split(r"\n[ \t\r]*\n", text) if b.strip()]
    found = [b.removeprefix("$CATEGORY: ") for b in blocks if b.startswith("$CATEGORY:")]

    assert found == categories()
    assert all(b.startswith("$CATEGORY: ") or b.startswith("::") for b in blocks)
    assert not any(line.lstrip().startswith("//") for line in text.splitlines())


# --- Moodle XML and QTI, read by lxml ----------------------------------------------

def test_moodle_category_and_names_are_one_line(built: tuple[Path, QuestionBank]) -> None:
    root = etree.parse(str(built[0] / "hostile-quiz.moodle.xml")).getroot()
    found = [e.text for e in root.iterfind("question[@type='category']/category/text")]
    assert found == categories()
    names = [e.text or "" for e in root.iterfind("question/name/text")]
    names += [e.text or "" for e in root.iterfind("question/idnumber")]
    assert names and all(one_line(n) for n in names)


def test_qti_titles_are_one_line_and_valid(built: tuple[Path, QuestionBank],
                                           qti_schemas: dict[str, etree.XMLSchema]) -> None:
    with zipfile.ZipFile(built[0] / "hostile-quiz.qti.zip") as package:
        documents = {name: etree.fromstring(package.read(name)) for name in package.namelist()}
    titles = []
    for name, document in documents.items():
        schema = qti_schemas["manifest" if name == "imsmanifest.xml" else "item"]
        assert schema.validate(document), (name, schema.error_log)
        titles += [e.get("title") for e in document.iter() if e.get("title") is not None]
        titles += [e.get("identifier") for e in document.iter() if e.get("identifier")]
    tests = [d for n, d in documents.items() if n.startswith("test")]
    assert [t.get("title") for t in tests] == [
        f"{FOLDED} · {label('en', 'quiz.variant', variant=v)}" for v in "AB"]
    assert all(one_line(t) for t in titles)


# --- the pages ------------------------------------------------------------------------

def test_every_page_title_is_one_line(built: tuple[Path, QuestionBank]) -> None:
    pages = sorted(built[0].glob("*.html"))
    assert len(pages) == 6  # two variants, each a student copy and a key; the marking sheet;
    # the study page
    for page in pages:
        title = lxml.html.parse(str(page)).findtext(".//title")
        assert title is not None and title.startswith(FOLDED), page.name
        assert one_line(title), page.name


# --- real Anki ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def col(built: tuple[Path, QuestionBank], tmp_path_factory: pytest.TempPathFactory
        ) -> Iterator[Collection]:
    collection = Collection(str(tmp_path_factory.mktemp("anki") / "collection.anki2"))
    import_apkg(collection, built[0] / "hostile.apkg")
    yield collection
    collection.close()


def test_anki_decks_do_not_nest_on_the_title(built: tuple[Path, QuestionBank],
                                             col: Collection) -> None:
    parent = "Mini history $CATEGORY: $system$/top/Injected :Injected:[html]Owned{TRUE} " \
             "// [id:x] echo PWNED >> ~/.bashrc and : deep : deck two three four"
    kinds = sorted({q.item_kind for q in built[1].questions})
    names = {d.name for d in col.decks.all_names_and_ids()} - {"Default"}

    assert names == {parent} | {f"{parent}::{label('en', f'deck.{k}')}" for k in kinds}
    assert {col.decks.name(col.get_card(c).did).count("::") for c in col.find_cards("")} == {1}


def test_anki_cards_show_math_and_cloze_markup_as_text(built: tuple[Path, QuestionBank],
                                                       col: Collection) -> None:
    bank = built[1]
    assert col.note_count() == col.card_count() == len(bank.questions)  # no card from "c2::"
    shown = []
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        for side in (card.question(), card.answer()):
            assert REVIEWER_MATH.search(side) is None, side
            shown.append(_visible(side))
    assert sum(MATH in text for text in shown) >= len(bank.questions) // 2


def _visible(card_html: str) -> str:
    body = card_html.split("</style>", 1)[-1]
    return html.unescape(re.sub(r"<[^>]+>", "", body))


# --- Anki's MathJax, as the reviewer runs it, in Chromium -------------------------------

def _anki_web() -> Path:
    """Anki's web files (its MathJax and MathJax config), from the aqt package's data."""
    spec = importlib.util.find_spec("_aqt")
    places = list(spec.submodule_search_locations or []) if spec is not None else []
    folder = Path(places[0]) / "data" / "web" if places else None
    if folder is None or not (folder / "js" / "vendor" / "mathjax" / "tex-chtml-full.js").is_file():
        if os.environ.get("CI"):
            pytest.fail("CI must have Anki's web files (make test installs aqt without Qt)")
        pytest.skip("Anki's MathJax is not installed: pip install --no-deps aqt==<anki's version>")
    return folder


_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<script src="/_anki/js/mathjax.js"></script>
<script src="/_anki/js/vendor/mathjax/tex-chtml-full.js"></script>
</head><body><div id="qa">{card}</div></body></html>"""
# What the reviewer does once MathJax is loaded (reviewer.js): clear, then typeset the card.
_TYPESET = """async () => {
    await MathJax.startup.promise;
    MathJax.typesetClear();
    await MathJax.typesetPromise([document.getElementById("qa")]);
    return {math: document.querySelectorAll("mjx-container").length,
            links: [...document.querySelectorAll("[href]")].map(e => e.getAttribute("href"))};
}"""


def _typeset(browser: Any, web: Path, card: str) -> dict[str, Any]:
    page = browser.new_page()
    try:
        def serve(route: Any) -> None:
            path = route.request.url.split("/_anki/", 1)[-1].split("?", 1)[0]
            target = web / path
            if route.request.url.endswith("/card.html"):
                route.fulfill(body=_PAGE.format(card=card), content_type="text/html")
            elif "/_anki/" in route.request.url and target.is_file():
                route.fulfill(path=str(target))
            else:
                route.fulfill(status=404, body="")
        page.route("https://anki.invalid/**", serve)
        page.goto("https://anki.invalid/card.html")
        result: dict[str, Any] = page.evaluate(_TYPESET)
        return result
    finally:
        page.close()


@pytest.mark.browser
def test_anki_mathjax_finds_no_math_in_a_card(built: tuple[Path, QuestionBank], col: Collection,
                                              chromium_executable: str) -> None:
    from playwright.sync_api import sync_playwright

    from quizgen.render.pdf import BROWSER_FLAGS

    web = _anki_web()
    cards = [col.get_card(c).answer() for c in col.find_cards("")]
    card = max(cards, key=lambda side: _visible(side).count(MATH_LINK))
    assert MATH_LINK in _visible(card)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable,
                                             args=list(BROWSER_FLAGS))
        try:
            # The harness sees math where there is some: the same text, unescaped.
            control = _typeset(browser, web, f"<p>{html.escape(MATH, quote=False)}</p>")
            assert control["math"] >= 2 and "javascript:alert(1)" in control["links"]
            found = _typeset(browser, web, card)
        finally:
            browser.close()
    assert found == {"math": 0, "links": []}


# --- the terminal ----------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_shows_a_folder_name_inert(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # a line is cut at the terminal's width
    folder = write_pack_files(tmp_path / "content" / f"mini{ESCAPE}", MINI_FILES)
    progress = _ProgressLine()
    progress.stream = _Terminal()
    with progress:
        progress.visible = True  # drawn from the first step, as after the delay on a terminal
        build_packs([folder], BuildOptions(out_dir=tmp_path / "decks", now=T0),
                    progress=progress)
    shown = progress.stream.getvalue().replace("\r\x1b[K", "")

    assert f"validating {tmp_path / 'content'}/mini{ESCAPE_SHOWN}" in shown
    assert "\x1b" not in shown and "\x07" not in shown


def _lock(pack: str, notes: dict[str, Any]) -> str:
    return json.dumps({"format": 2, "pack": pack, "note_types": {}, "notes": notes})


def _crafted_package(path: Path, deck_name: str) -> None:
    """An ``.apkg`` whose collection names the pack's parent deck ``deck_name``."""
    database = path.with_suffix(".anki2")
    connection = sqlite3.connect(database)
    connection.execute("CREATE TABLE col (decks TEXT)")
    connection.execute("INSERT INTO col VALUES (?)",
                       (json.dumps({str(deck_id("mini")): {"name": deck_name}}),))
    connection.commit()
    connection.close()
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(database, "collection.anki2")
    database.unlink()


@pytest.mark.parametrize("case", ["lock-pack", "lock-note-key", "old-deck-name", "argument"])
def test_no_escape_sequence_reaches_the_terminal(tmp_path: Path, case: str) -> None:
    folder = write_pack_files(tmp_path / "content" / "mini", MINI_FILES)
    out = tmp_path / "decks"
    out.mkdir()
    args = ["build", str(folder), "--out", str(out)]
    if case == "lock-pack":
        (out / "mini.lock.json").write_text(_lock(f"mini{ESCAPE}", {}), encoding="utf-8")
    elif case == "lock-note-key":
        stamp = {"changed": T0, "hash": "0" * HASH_LENGTH}
        (out / "mini.lock.json").write_text(_lock("mini", {f"mini:gone{ESCAPE}": stamp}),
                                            encoding="utf-8")
    elif case == "old-deck-name":
        _crafted_package(out / "mini.apkg", f"Old deck{ESCAPE}")
    else:
        args[1] = f"mini{ESCAPE}"
    result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": str(T0 + 60)})

    assert "Traceback" not in result.output
    assert ESCAPE_SHOWN in result.output, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


@pytest.mark.parametrize("value", ["\x1b[2J", "\u202e", "\x7f\x9b", "\u2028", "\U000e0001",
                                   "\ud800", "plain жук"],
                         ids=["escape", "right-to-left", "c1", "line-separator", "tag", "surrogate",
                              "plain"])
def test_json_output_is_inert_and_means_the_same(value: str) -> None:
    """What ``stats --json`` and ``schema`` print: the same JSON, nothing hidden in it."""
    document = json.dumps({"title": f"a{value}b"}, ensure_ascii=False)
    shown = printable_json(document)

    assert json.loads(shown) == {"title": f"a{value}b"}
    assert shown.isprintable() and shown == printable(shown)
