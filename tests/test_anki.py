"""The Anki deck, checked the way learners meet it: imported into a real Anki collection.

Each test builds a pack written inline under ``tmp_path`` (or the bundled pack),
imports the ``.apkg`` with Anki's own importer and asserts on what Anki then holds:
notes, cards, decks, tags, rendered card sides, and — across a rebuild — that
edited notes are updated in place with their review history kept.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sqlite3
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from typing import Iterator

import genanki
import pytest
from anki.collection import Collection, ImportAnkiPackageRequest
from click.testing import CliRunner

from quizgen.bank import QuestionBank, build_bank
from quizgen.cli import main
from quizgen.i18n import label
from quizgen.lock import DeckLock, Stamp, compare, lock_path, read_lock, restamp
from quizgen.problems import LockError, has_errors
from quizgen.question import Question, QuestionKind
from quizgen.render import anki as anki_render
from quizgen.render import note_types
from quizgen.render.anki import RenderedDeck, removed_notes_search, render_deck
from quizgen.render.new_cards import new_card_order
from quizgen.validate import validate_pack
from quizgen.write import write_files
from quiz_packs import edit, write_pack_files

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "content" / "az-ru-2025"
T0 = 1_700_000_000  # first build; every later build is later still
T1 = T0 + 86_400

MINI_FILES = {
    "pack.yaml": """\
        id: mini
        title: "Mini <i>history</i>"
        language: en
        sources:
          - id: chronicle
            title: "The <b>Chronicle</b>"
          - id: gazette
            title: "The Gazette"
        """,
    "events.yaml": """\
        events:
          - id: treaty
            date: "2001-05-03"
            title: "The treaty is signed"
            summary: "Alpha signs a treaty with Beta in Port Royal."
            actors: [alpha, beta]
            tags: [diplomacy]
            sources:
              - source: chronicle
                quote: "the treaty was signed"
          - id: border-clash
            date: "2002-07"
            date_note: "The Gazette gives the month only."
            title: "A <script>alert('clash')</script> at the border"
            summary: "Troops of Beta fire across the border at Cold Ridge; [sound:boom.mp3] and {{c2::braces}} stay text."
            actors: [beta]
            sources:
              - source: gazette
                quote: "troops opened <script>fire</script>"
              - source: chronicle
                quote: "shots across the border"
          - id: summit
            date: "2003"
            title: "The summit"
            summary: "Leaders meet again."
            sources:
              - source: chronicle
                quote: "the leaders met again"
        """,
    "actors.yaml": """\
        actors:
          - id: alpha
            name: "Alpha"
            kind: state
            role: "Signs the treaty first."
            sources:
              - source: chronicle
                quote: "Alpha signed first"
          - id: beta
            name: "Beta"
            kind: state
            role: "Fires across the border."
            sources:
              - source: gazette
                quote: "Beta fired"
        """,
    "causes.yaml": """\
        causes:
          - id: clash-summit
            cause: border-clash
            effect: summit
            explanation: "The clash made a meeting urgent."
            sources:
              - source: chronicle
                quote: "after the clash, a summit"
        """,
    "disputes.yaml": """\
        disputes:
          - id: who-fired
            question: "Who fired first?"
            positions:
              - holder: alpha
                claim: "Beta fired first."
                sources:
                  - source: chronicle
                    quote: "Beta fired first, Alpha says"
              - claim: "Nobody knows who fired first."
                sources:
                  - source: gazette
                    quote: "nobody knows who fired first"
        """,
}


# --- helpers ---------------------------------------------------------------------------

def write_pack(folder: Path) -> Path:
    return write_pack_files(folder, MINI_FILES)


def bank_of(pack_dir: Path) -> QuestionBank:
    result = validate_pack(pack_dir)
    assert result.pack is not None and not has_errors(result.problems), \
        [p.format() for p in result.problems]
    return build_bank(result.pack)


def build_deck(pack_dir: Path, out_dir: Path, now: int) -> RenderedDeck:
    """The deck half of ``quizgen build``: read the lock, render, write deck and lock."""
    bank = bank_of(pack_dir)
    previous = read_lock(lock_path(out_dir, bank.pack_id), bank.pack_id)
    deck = render_deck(bank, out_dir, now, previous)
    write_files({output.path: output.data for output in deck.outputs})
    return deck


def import_apkg(col: Collection, apkg: Path):
    request = ImportAnkiPackageRequest(
        package_path=str(apkg), options=col._backend.get_import_anki_package_presets())
    return col.import_anki_package(request).log


def note_ids_by_question(col: Collection) -> dict[str, int]:
    return {col.get_note(nid)["QuestionId"]: nid for nid in col.find_notes("")}


def visible_text(card_html: str) -> str:
    """What a learner reads on a rendered card side: no style sheet, no tags."""
    body = card_html.split("</style>", 1)[-1]
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def collection_rows(apkg: Path, folder: Path, query: str) -> list[tuple]:
    """Rows of ``query`` in the collection of a package (extracted into ``folder``)."""
    with zipfile.ZipFile(apkg) as opened:
        opened.extract("collection.anki2", folder)
    db = sqlite3.connect(folder / "collection.anki2")
    try:
        return db.execute(query).fetchall()
    finally:
        db.close()


def review(col: Collection, card_id: int, ease: int = 3) -> None:
    card = col.get_card(card_id)
    card.start_timer()
    col.sched.answerCard(card, ease)


def revlog_count(col: Collection, card_id: int) -> int:
    return col.db.scalar("select count() from revlog where cid = ?", card_id)


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    collection = Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "content" / "mini")


@pytest.fixture(params=["mini", "bundled"], ids=["mini-pack", "bundled-pack"])
def imported(request, tmp_path: Path, col: Collection) -> tuple[QuestionBank, Collection]:
    pack_dir = write_pack(tmp_path / "content" / "mini") if request.param == "mini" else BUNDLED
    deck = build_deck(pack_dir, tmp_path / "decks", T0)
    log = import_apkg(col, deck.outputs[0].path)
    bank = bank_of(pack_dir)
    assert len(log.new) == len(bank.questions)
    return bank, col


# --- what Anki holds after one import --------------------------------------------------

def test_note_and_card_counts_equal_the_bank(imported) -> None:
    bank, col = imported
    assert col.note_count() == len(bank.questions)
    assert col.card_count() == len(bank.questions)
    guids = {col.get_note(nid).guid for nid in col.find_notes("")}
    assert guids == {genanki.guid_for(q.id) for q in bank.questions}


def test_every_card_has_a_front_and_a_different_back_that_cites_its_sources(imported) -> None:
    bank, col = imported
    questions = bank.by_id()
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        question = questions[card.note()["QuestionId"]]
        front, back = visible_text(card.question()), visible_text(card.answer())
        assert front, question.id
        assert back != front and len(back) > len(front), question.id
        back = card.answer()
        for ref in question.sources:
            assert note_types.text_html(ref.title) in back
            assert note_types.text_html(ref.quote) in back


def test_cards_sit_in_one_deck_per_item_kind(imported) -> None:
    bank, col = imported
    questions = bank.by_id()
    title = bank.title.replace("::", ":")
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        question = questions[card.note()["QuestionId"]]
        expected = f"{title}::{label(bank.language, 'deck.' + question.item_kind)}"
        assert col.decks.name(card.did) == expected


def test_notes_carry_the_bank_tags(imported) -> None:
    bank, col = imported
    questions = bank.by_id()
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        assert sorted(note.tags) == sorted(questions[note["QuestionId"]].tags)
    assert len(col.find_notes(f"tag:quizgen::{bank.pack_id}")) == len(bank.questions)


def test_new_cards_come_in_the_order_that_keeps_facts_apart(imported) -> None:
    bank, col = imported
    due = {col.get_card(cid).note()["QuestionId"]: col.get_card(cid).due
           for cid in col.find_cards("")}
    in_card_order = [due[q.id] for q in new_card_order(bank.questions)]
    assert in_card_order == sorted(set(in_card_order))


# Anki's default preset introduces 20 new cards a day, one subdeck after another: two cards of
# one fact this far apart in the new-card queue are never met on the same day, when one card's
# answer would still be in view as the other's prompt.
SIBLING_SPACING = 20
CORPUS = Path(__file__).resolve().parent / "corpus"


def items_of(question: Question) -> set[str]:
    """The items a card is about: two cards that share one are cards of one fact (a card and
    its reverse, or cards that show each other's answers). A date's question is about the
    events of that date; a cause's or an effect's, about the cause links it asks."""
    items = {question.item_id}
    if question.kind is QuestionKind.DATE_EVENT or question.kind.causal:
        items.update(question.facts.answer_ids)
    return items


def required_distance(subdeck: list[Question], shared: set[str]) -> int:
    """:data:`SIBLING_SPACING`, or, in a subdeck too short for that, what the subdeck's cards
    give each card of the fact if dealt evenly among its cards and one more: an order that
    gives every fact of a subdeck its full share does not always exist."""
    cards = max(sum(1 for q in subdeck if item in items_of(q)) for item in shared)
    return min(SIBLING_SPACING, len(subdeck) // (cards + 1))


def new_card_queue(col: Collection, bank: QuestionBank) -> list[str]:
    """The question ids of the new cards, in the order Anki's scheduler shows them when the
    pack's parent deck is studied; the daily limits raised so that one fetch gives them all,
    as the days would give them one after another."""
    for config in col.decks.all_config():
        config["new"]["perDay"] = config["rev"]["perDay"] = 9999  # Anki's highest
        col.decks.update_config(config)
    col.decks.select(col.decks.id_for_name(anki_render.deck_name(bank.title, bank.language)))
    queued = col.sched.get_queued_cards(fetch_limit=len(bank.questions) + 1)
    assert queued.new_count == len(bank.questions)
    return [col.get_card(entry.card.id).note()["QuestionId"] for entry in queued.cards]


@pytest.mark.parametrize("presets", [False, True], ids=["default-options", "pack-preset"])
@pytest.mark.parametrize("pack_dir", [BUNDLED, CORPUS / "ru-nep", CORPUS / "en-suez"],
                         ids=lambda path: path.name)
def test_new_cards_of_one_fact_are_never_close(pack_dir: Path, presets: bool, tmp_path: Path,
                                               col: Collection) -> None:
    bank = bank_of(pack_dir)
    deck = build_deck(pack_dir, tmp_path / "decks", T0)
    options = col._backend.get_import_anki_package_presets()
    options.with_deck_configs = presets
    request = ImportAnkiPackageRequest(package_path=str(deck.outputs[0].path), options=options)
    col.import_anki_package(request)
    parent = anki_render.deck_name(bank.title, bank.language)
    gather = {col.decks.config_dict_for_deck_id(deck.id)["newGatherPriority"]
              for deck in col.decks.all_names_and_ids() if deck.name.startswith(parent)}
    assert gather == ({1} if presets else {0})  # ascending position; deck by deck (Anki's default)
    questions = bank.by_id()
    queue = [questions[qid] for qid in new_card_queue(col, bank)]
    subdecks = {kind: [q for q in bank.questions if q.item_kind == kind]
                for kind in anki_render.ITEM_KINDS}
    close = []
    for i, first in enumerate(queue):
        for distance, second in enumerate(queue[i + 1:], start=1):
            shared = items_of(first) & items_of(second)
            if first.item_kind == second.item_kind and shared and \
                    distance < required_distance(subdecks[first.item_kind], shared):
                close.append((first.id, second.id, distance))
    assert close == []


def test_cloze_questions_use_the_cloze_note_type(imported) -> None:
    bank, col = imported
    cloze_ids = {q.id for q in bank.questions if q.cloze is not None}
    assert cloze_ids
    found = {col.get_note(nid)["QuestionId"] for nid in col.find_notes('note:"Quizgen Cloze"')}
    assert found == cloze_ids
    for note_id in col.find_notes('note:"Quizgen Cloze"'):
        card = col.get_note(note_id).cards()[0]
        assert "[...]" in card.question() and "[...]" not in card.answer()


def test_a_cloze_back_pairs_no_title_with_the_hidden_word(imported) -> None:
    """«Атака на Армению — ЕС» reads as if the EU were party to the attack: the hidden word
    need not be about the event the title names."""
    bank, col = imported
    questions = bank.by_id()
    for note_id in col.find_notes('note:"Quizgen Cloze"'):
        note = col.get_note(note_id)
        q = questions[note["QuestionId"]]
        front, back = (html.unescape(re.sub(r"<[^>]+>", "", text))
                       for text in (note.cards()[0].question(), note.cards()[0].answer()))
        assert q.cloze is not None and q.prompt in front  # the title still heads the card
        assert f"{q.prompt} — {q.cloze.hidden}" not in back


@pytest.mark.parametrize("question_id, shown", [
    ("mini:border-clash:event-date", "A &lt;script&gt;alert(&#x27;clash&#x27;)&lt;/script&gt;"),
    ("mini:border-clash:event-cloze", "&lt;script&gt;fire&lt;/script&gt;"),
    ("mini:border-clash:event-cloze", "&#91;sound:boom.mp3]"),
    ("mini:border-clash:event-cloze", "&#123;&#123;c2::braces&#125;&#125;"),
    ("mini:treaty:event-date", "The &lt;b&gt;Chronicle&lt;/b&gt;"),
], ids=["script-in-title", "script-in-quote", "sound-tag-in-summary", "cloze-in-summary",
        "markup-in-source-title"])
def test_content_shows_as_text_not_markup(mini: Path, tmp_path: Path, col: Collection,
                                          question_id: str, shown: str) -> None:
    import_apkg(col, build_deck(mini, tmp_path / "decks", T0).outputs[0].path)
    card = col.get_note(note_ids_by_question(col)[question_id]).cards()[0]
    back = card.answer()
    assert shown in back
    assert "<script" not in back.lower() and "<b>" not in back
    assert "[anki:play" not in back
    assert len(col.find_cards(f"nid:{card.nid}")) == 1  # "{{c2::" made no second cloze card


def test_edited_wording_updates_notes_in_place_and_keeps_history(
        mini: Path, tmp_path: Path, col: Collection) -> None:
    out = tmp_path / "decks"
    first = build_deck(mini, out, T0)
    import_apkg(col, first.outputs[0].path)
    ids_before = note_ids_by_question(col)
    reviewed = {qid: col.get_note(ids_before[qid]).cards()[0].id
                for qid in ("mini:treaty:event-date", "mini:alpha:actor-role")}
    for card_id in reviewed.values():
        review(col, card_id)
    history = {cid: (col.get_card(cid).reps, col.get_card(cid).ivl, col.get_card(cid).due,
                     revlog_count(col, cid)) for cid in reviewed.values()}
    assert all(reps == 1 and logs == 1 for reps, _, _, logs in history.values())

    edit(mini / "events.yaml", "The treaty is signed", "The peace treaty is signed")
    second = build_deck(mini, out, T1)
    log = import_apkg(col, second.outputs[0].path)

    # the actors' cards list the events they took part in, the treaty's title among them; the
    # treaty's cloze («Alpha signs a treaty with [Beta]», not «in [Port Royal]»: a date would
    # fit) shows it
    changed = {"mini:treaty:event-date", "mini:treaty:event-actors", "mini:treaty:event-cloze",
               "mini:treaty:date-event", "mini:alpha:actor-role", "mini:alpha:role-actor",
               "mini:beta:actor-role", "mini:beta:role-actor"}
    assert second.change_lines == [
        "mini: Anki notes since the lock: 0 added, 8 changed, 0 removed",
        f"  changed: {', '.join(sorted(changed))}",
    ]
    assert not log.new and not log.conflicting
    assert {col.get_note(n.id.nid)["QuestionId"] for n in log.updated} == changed
    assert note_ids_by_question(col) == ids_before
    assert col.note_count() == col.card_count() == len(ids_before)
    note = col.get_note(ids_before["mini:treaty:event-date"])
    assert "The peace treaty is signed" in note["Prompt"]
    assert note.mod == T1
    for cid in reviewed.values():
        card = col.get_card(cid)
        assert (card.reps, card.ivl, card.due, revlog_count(col, cid)) == history[cid]


def test_unchanged_rebuild_is_identical_and_imports_nothing(
        mini: Path, tmp_path: Path, col: Collection) -> None:
    out = tmp_path / "decks"
    first = build_deck(mini, out, T0)
    import_apkg(col, first.outputs[0].path)
    mods = {nid: col.get_note(nid).mod for nid in col.find_notes("")}

    second = build_deck(mini, out, T1)
    assert [o.data for o in second.outputs] == [o.data for o in first.outputs]
    assert second.change_lines == ["mini: Anki notes unchanged since the lock"]
    log = import_apkg(col, second.outputs[0].path)
    assert not log.new and not log.updated and not log.conflicting
    assert len(log.duplicate) == len(mods)
    assert {nid: col.get_note(nid).mod for nid in col.find_notes("")} == mods


def as_format_1(lock_file: Path, apkg: Path) -> None:
    """Rewrite a lock as lock format 1 wrote it.

    Format 1 hashed each note as the JSON of its note type id, fields and tags; the
    notes are read back from the package, as Anki stores them.
    """
    rows = collection_rows(apkg, lock_file.parent / "format-1", "select mid, flds, tags from notes")
    data = json.loads(lock_file.read_text(encoding="utf-8"))
    assert data["format"] == 2
    data["format"] = 1
    for model_id, fields, tags in rows:
        fields_list = fields.split("\x1f")
        text = json.dumps([model_id, fields_list, tags.split()], ensure_ascii=False,
                          sort_keys=True, separators=(",", ":"))
        data["notes"][fields_list[-1]]["hash"] = hashlib.sha256(text.encode()).hexdigest()[:16]
    lock_file.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                         encoding="utf-8")


def test_a_format_1_lock_keeps_every_unchanged_note_and_its_time(mini: Path,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "decks"
    first = build_deck(mini, out, T0)
    lock_file = lock_path(out, "mini")
    as_format_1(lock_file, first.outputs[0].path)
    assert read_lock(lock_file, "mini").format == 1

    upgraded = build_deck(mini, out, T1)
    assert upgraded.change_lines == ["mini: Anki notes unchanged since the lock"]
    assert [o.data for o in upgraded.outputs] == [o.data for o in first.outputs]
    assert read_lock(lock_file, "mini") == first.lock  # format 2, the first build's times


def test_a_format_1_lock_finds_the_notes_edited_since(mini: Path, tmp_path: Path,
                                                      col: Collection) -> None:
    out = tmp_path / "decks"
    first = build_deck(mini, out, T0)
    import_apkg(col, first.outputs[0].path)
    as_format_1(lock_path(out, "mini"), first.outputs[0].path)

    edit(mini / "events.yaml", "Leaders meet again.", "Leaders meet once more.")
    second = build_deck(mini, out, T1)
    changed = ["mini:summit:event-date"]
    assert second.change_lines == ["mini: Anki notes since the lock: 0 added, 1 changed, 0 removed",
                                   f"  changed: {', '.join(changed)}"]
    lock = read_lock(lock_path(out, "mini"), "mini")
    assert lock.format == 2
    assert {qid for qid, stamp in lock.notes.items() if stamp.changed == T1} == set(changed)
    log = import_apkg(col, second.outputs[0].path)
    assert sorted(col.get_note(n.id.nid)["QuestionId"] for n in log.updated) == changed
    assert not log.new


def test_removed_item_is_reported_with_a_search_that_finds_its_notes(
        mini: Path, tmp_path: Path, col: Collection) -> None:
    out = tmp_path / "decks"
    import_apkg(col, build_deck(mini, out, T0).outputs[0].path)
    (mini / "disputes.yaml").unlink()
    second = build_deck(mini, out, T1)

    removed = ["mini:who-fired:claim-holder:1", "mini:who-fired:claim-holder:2",
               "mini:who-fired:dispute-position:1", "mini:who-fired:dispute-position:2"]
    search = removed_notes_search(removed)
    assert second.change_lines == [
        "mini: Anki notes since the lock: 0 added, 0 changed, 4 removed",
        f"  removed: {', '.join(removed)}",
        "  importing cannot delete notes; find the removed ones in Anki's browser with this search:",
        f"    {search}",
    ]
    import_apkg(col, second.outputs[0].path)
    ids = note_ids_by_question(col)
    assert sorted(col.find_notes(search)) == sorted(ids[qid] for qid in removed)
    assert list(col.find_notes(removed_notes_search(removed[:1]))) == [ids[removed[0]]]


def test_added_item_becomes_a_new_note(mini: Path, tmp_path: Path, col: Collection) -> None:
    out = tmp_path / "decks"
    import_apkg(col, build_deck(mini, out, T0).outputs[0].path)
    before = col.note_count()
    edit(mini / "actors.yaml", "actors:\n", textwrap.dedent("""\
        actors:
          - id: gamma
            name: "Gamma"
            kind: person
            role: "Mediates at the summit."
            sources:
              - source: chronicle
                quote: "Gamma mediated"
        """))
    second = build_deck(mini, out, T1)
    assert second.change_lines == [
        "mini: Anki notes since the lock: 2 added, 0 changed, 0 removed",
        "  added: mini:gamma:actor-role, mini:gamma:role-actor",
    ]
    log = import_apkg(col, second.outputs[0].path)
    assert {n.fields[-1] for n in log.new} == {"mini:gamma:actor-role", "mini:gamma:role-actor"}
    assert not log.updated and col.note_count() == before + 2


def test_changed_styling_updates_the_note_type(mini: Path, tmp_path: Path, col: Collection,
                                               monkeypatch) -> None:
    out = tmp_path / "decks"
    import_apkg(col, build_deck(mini, out, T0).outputs[0].path)
    monkeypatch.setattr(note_types, "CSS", note_types.CSS + ".qg { color: teal; }\n")
    second = build_deck(mini, out, T1)
    assert second.change_lines == ["mini: Anki notes since the lock: 0 added, 0 changed, 0 removed",
                                   "  note types updated: Quizgen Basic, Quizgen Cloze"]
    import_apkg(col, second.outputs[0].path)
    for name in ("Quizgen Basic", "Quizgen Cloze"):
        model = col.models.by_name(name)
        assert "color: teal" in model["css"]
    assert [m["name"] for m in col.models.all()].count("Quizgen Basic") == 1


# --- reproducibility and the lock ------------------------------------------------------

def test_same_inputs_give_byte_identical_packages(mini: Path, tmp_path: Path) -> None:
    bank = bank_of(mini)
    first = render_deck(bank, tmp_path, T0)
    again = render_deck(bank, tmp_path, T0)
    assert [o.data for o in again.outputs] == [o.data for o in first.outputs]
    relocked = render_deck(bank, tmp_path, T1, first.lock)
    assert relocked.outputs[0].data == first.outputs[0].data
    later = render_deck(bank, tmp_path, T1)
    assert later.outputs[0].data != first.outputs[0].data  # the stamps are inside


def test_note_ids_are_unique_in_study_order_and_never_before_the_notes_time(
        mini: Path, tmp_path: Path) -> None:
    query = ("select n.id, n.mod from notes n join cards c on c.nid = n.id "
             "order by c.due")
    first = build_deck(mini, tmp_path / "decks", T0)
    rows = collection_rows(first.outputs[0].path, tmp_path / "first", query)
    assert [note_id for note_id, _ in rows] == [T0 * 1000 + n for n in range(len(rows))]
    # The second build stamps the edited notes (not the first ones in study order) T1.
    edit(mini / "events.yaml", "Leaders meet again.", "Leaders meet once more.")
    second = build_deck(mini, tmp_path / "decks", T1)
    rows = collection_rows(second.outputs[0].path, tmp_path / "second", query)
    assert {mod for _, mod in rows} == {T0, T1}
    ids = [note_id for note_id, _ in rows]
    assert ids == sorted(set(ids))
    assert all(note_id >= mod * 1000 for note_id, mod in rows)


def test_package_holds_no_build_time(mini: Path, tmp_path: Path) -> None:
    apkg = render_deck(bank_of(mini), tmp_path, T0).outputs[0].data
    (tmp_path / "deck.apkg").write_bytes(apkg)
    with zipfile.ZipFile(tmp_path / "deck.apkg") as archive:
        assert [i.filename for i in archive.infolist()] == ["collection.anki2", "media"]
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "c.anki2")
    try:
        assert {m for (m,) in db.execute("select mod from notes")} == {T0}
        assert {m for (m,) in db.execute("select mod from cards")} == {T0}
        models = json.loads(db.execute("select models from col").fetchone()[0])
        assert {m["mod"] for m in models.values()} == {T0}
    finally:
        db.close()


@pytest.mark.parametrize("old, now, expected", [
    (Stamp("aaaaaaaaaaaaaaaa", T0), T1, Stamp("aaaaaaaaaaaaaaaa", T0)),
    (Stamp("bbbbbbbbbbbbbbbb", T0), T1, Stamp("aaaaaaaaaaaaaaaa", T1)),
    (Stamp("bbbbbbbbbbbbbbbb", T1), T0, Stamp("aaaaaaaaaaaaaaaa", T1 + 1)),
    (None, T0, Stamp("aaaaaaaaaaaaaaaa", T0)),
], ids=["unchanged-keeps-its-time", "changed-gets-now", "changed-never-goes-back",
        "new-gets-now"])
def test_restamp(old: Stamp | None, now: int, expected: Stamp) -> None:
    previous = {"q": old} if old else {}
    assert restamp(previous, {"q": "aaaaaaaaaaaaaaaa"}, now) == {"q": expected}


def test_compare_sorts_added_changed_removed() -> None:
    previous = {"b": Stamp("1" * 16, T0), "c": Stamp("2" * 16, T0), "d": Stamp("3" * 16, T0),
                "e": Stamp("4" * 16, T0)}
    # "e" keeps its time under a new hash, as a format-1 lock's unchanged note does.
    current = {"a": Stamp("0" * 16, T1), "b": Stamp("1" * 16, T0), "c": Stamp("9" * 16, T1),
               "e": Stamp("5" * 16, T0)}
    changes = compare(previous, current)
    assert (changes.added, changes.changed, changes.removed) == (("a",), ("c",), ("d",))


def test_lock_file_is_deterministic_json_that_reads_back(tmp_path: Path) -> None:
    lock = DeckLock("mini", {"cloze": Stamp("1" * 16, T0), "basic": Stamp("2" * 16, T0)},
                    {"mini:b:x": Stamp("3" * 16, T1), "mini:a:x": Stamp("4" * 16, T0)})
    data = lock.to_bytes()
    text = data.decode()
    assert text.endswith("}\n") and text.index('"mini:a:x"') < text.index('"mini:b:x"')
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    path = tmp_path / "mini.lock.json"
    path.write_bytes(data)
    assert read_lock(path, "mini") == lock
    assert read_lock(tmp_path / "none.lock.json", "mini") is None


_VALID_LOCK = DeckLock("mini", {}, {"mini:a:x": Stamp("1" * 16, T0)}).to_bytes().decode()


@pytest.mark.parametrize("text, detail", [
    ('{"format": 1,', "(line 1 column 14: Expecting property name enclosed in double quotes)"),
    ("[]", "(expected a JSON object)"),
    (_VALID_LOCK.replace(f"{T0}", f'"{T0}"'),
     "(notes.mini:a:x.changed: Input should be a valid integer)"),
    (_VALID_LOCK.replace("1" * 16, "not a hash"),
     "(notes.mini:a:x.hash: String should match pattern '^[0-9a-f]{16}$')"),
    (_VALID_LOCK.replace('"format": 2', '"format": 3'),
     "(format: Input should be 1 or 2)"),
], ids=["truncated-json", "not-an-object", "time-as-string", "bad-hash", "future-format"])
def test_corrupt_lock_is_a_clear_error(tmp_path: Path, text: str, detail: str) -> None:
    path = tmp_path / "mini.lock.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LockError) as caught:
        read_lock(path, "mini")
    assert str(caught.value) == (
        f"{path} is not a valid quizgen deck lock {detail}; restore it from version control; "
        "if it is lost, delete it but keep the deck beside it, so that the next build stamps "
        "every note after the deck's newest one")


def test_lock_of_another_pack_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mini.lock.json"
    path.write_text(_VALID_LOCK.replace('"pack": "mini"', '"pack": "other"'), encoding="utf-8")
    with pytest.raises(LockError, match=r"belongs to pack 'other', not 'mini'$"):
        read_lock(path, "mini")


def test_note_type_identity_is_frozen() -> None:
    # These values are in learners' collections; changing one breaks in-place updates.
    assert (note_types.BASIC_MODEL_ID, note_types.CLOZE_MODEL_ID) == (1998232028, 1832168675)
    assert note_types.BASIC_FIELDS == ("Prompt", "Answer", "Details", "Source", "QuestionId")
    assert note_types.CLOZE_FIELDS == ("Text", "Details", "Source", "QuestionId")
    assert (note_types.BASIC_TEMPLATE, note_types.CLOZE_TEMPLATE) == ("Question", "Cloze")


def test_deck_ids_come_from_pack_and_kind_only() -> None:
    ids = {anki_render.deck_id("mini", kind) for kind in ("", *anki_render.ITEM_KINDS)}
    assert len(ids) == 5 and all((1 << 30) <= i < (1 << 31) for i in ids)
    assert anki_render.deck_id("mini", "events") == anki_render.deck_id("mini", "events")
    assert anki_render.deck_id("mini", "events") != anki_render.deck_id("other", "events")


# --- the command -----------------------------------------------------------------------

def test_build_command_prints_added_changed_and_removed_notes(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "decks"
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(mini), "--out", str(out)],
                          env={"SOURCE_DATE_EPOCH": str(T0)})
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[:2] == [
        "mini: Anki notes: 20 added, 0 changed, 0 removed (no deck lock yet)",
        "  added: mini:alpha:actor-role, mini:alpha:role-actor, mini:beta:actor-role, "
        "mini:beta:role-actor, mini:border-clash:date-event, mini:border-clash:event-actors, "
        "mini:border-clash:event-cloze, mini:border-clash:event-date, "
        "mini:clash-summit:cause-effect, mini:clash-summit:effect-cause … and 10 more",
    ]
    assert f"{out / 'mini.apkg'}: 20 notes, 20 cards," in first.stdout
    assert json.loads((out / "mini.lock.json").read_text())["notes"]["mini:alpha:actor-role"] \
        == {"changed": T0, "hash": read_lock(out / "mini.lock.json", "mini")
            .notes["mini:alpha:actor-role"].hash}

    edit(mini / "actors.yaml", "Signs the treaty first.", "Signs the treaty before Beta.")
    (mini / "disputes.yaml").unlink()
    second = runner.invoke(main, ["build", str(mini), "--out", str(out)],
                           env={"SOURCE_DATE_EPOCH": str(T1)})
    assert second.exit_code == 0, second.output
    removed = ["mini:who-fired:claim-holder:1", "mini:who-fired:claim-holder:2",
               "mini:who-fired:dispute-position:1", "mini:who-fired:dispute-position:2"]
    assert second.stdout.splitlines()[:5] == [
        "mini: Anki notes since the lock: 0 added, 2 changed, 4 removed",
        "  changed: mini:alpha:actor-role, mini:alpha:role-actor",
        f"  removed: {', '.join(removed)}",
        "  importing cannot delete notes; find the removed ones in Anki's browser with this search:",
        f"    {removed_notes_search(removed)}",
    ]
    assert f"{out / 'mini.apkg'}: 16 notes, 16 cards," in second.stdout


def test_build_command_reports_a_corrupt_lock_without_a_traceback(mini: Path,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "decks"
    out.mkdir()
    (out / "mini.lock.json").write_text("{oops", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(mini), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"quizgen: error: {out / 'mini.lock.json'} is not a valid quizgen deck lock (line 1 "
        "column 2: Expecting property name enclosed in double quotes); restore it from "
        "version control; if it is lost, delete it but keep the deck beside it, so that the "
        "next build stamps every note after the deck's newest one")
    assert "Traceback" not in result.output
    assert not (out / "mini.apkg").exists()


_RENDERERS = ["genanki", "jinja2"]
_CONTENT_MODELS = ["pydantic", "yaml"]


@pytest.mark.parametrize("args, unused", [
    (["--help"], _RENDERERS + _CONTENT_MODELS),
    (["build", "--help"], _RENDERERS + _CONTENT_MODELS),
    (["validate", str(BUNDLED)], _RENDERERS),
], ids=["help", "build-help", "validate"])
def test_commands_import_only_what_they_use(args: list[str], unused: list[str]) -> None:
    """Heavy modules are imported where they are used, so that the CLI starts fast."""
    code = textwrap.dedent(f"""
        import sys
        from quizgen.cli import main
        try:
            main({args!r})
        except SystemExit as exit:
            assert exit.code in (0, None), exit.code
        loaded = set({unused!r}) & set(sys.modules)
        assert not loaded, loaded
        """)
    subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL)


def test_what_kind_of_source_each_is_reaches_the_card_and_the_key(tmp_path: Path,
                                                                  col: Collection) -> None:
    """``sources[].description`` shows beside the source on the card Anki imports, and once
    per source at the end of the quiz key."""
    from quizgen.build import BuildOptions, build_packs

    pack = bank_of(BUNDLED)
    described = {ref.title: ref.about for q in pack.questions for ref in q.sources if ref.about}
    assert len(described) == 2
    deck = build_deck(BUNDLED, tmp_path / "decks", T0)
    import_apkg(col, deck.outputs[0].path)
    answers = [col.get_card(card_id).answer() for card_id in col.find_cards("")]
    for title, about in described.items():
        assert any(f"{html.escape(title, quote=False)}</cite><details class=\"qg-about\">" in a
                   and html.escape(about, quote=False) in a for a in answers), title
    build_packs([BUNDLED], BuildOptions(out_dir=tmp_path / "quiz", now=T0))
    key = (tmp_path / "quiz" / "az-ru-2025-quiz-A-key.html").read_text(encoding="utf-8")
    student = (tmp_path / "quiz" / "az-ru-2025-quiz-A.html").read_text(encoding="utf-8")
    for about in described.values():
        assert key.count(html.escape(about, quote=False)) == 1
        assert html.escape(about, quote=False) not in student


# --- identity across corrections of a date --------------------------------------------------

@pytest.mark.parametrize("event, old, new, own_card", [
    ("clash", "2001-09", "2001-02", True),  # now sorts before the treaty in their year
    ("treaty", "2001-05-03", "2001-11-03", True),  # now sorts after the clash
    ("treaty", "2001-05-03", "2001-05-04", True),  # a day's correction
    # Known to the year only, it joins a year of others: it has no date card of its own.
    ("summit", "2003", "2001", False),
], ids=["second-becomes-first", "first-becomes-second", "one-day", "into-another-year"])
def test_correcting_a_date_keeps_every_reviewed_cards_history(
        tmp_path: Path, event: str, old: str, new: str, own_card: bool) -> None:
    from test_reliability import MINI, run, write_pack

    files = dict(MINI, **{"events.yaml": MINI["events.yaml"].replace(
        'date: "2002-07"', 'date: "2001-09"')})  # the treaty and the clash share 2001
    pack = write_pack(tmp_path / "content" / "mini", files)
    out = tmp_path / "decks"
    assert run("build", pack, "--out", out).exit_code == 0
    learner = Collection(str(tmp_path / "learner.anki2"))
    try:
        import_apkg(learner, out / "mini.apkg")
        before = note_ids_by_question(learner)
        assert "mini:2001:date-event:period" in before, "the year of two events has its card"
        learner.db.execute("UPDATE cards SET type = 2, queue = 2, ivl = 5, due = 10, reps = 3")
        events = pack / "events.yaml"
        text = events.read_text(encoding="utf-8")
        assert f'date: "{old}"' in text
        events.write_text(text.replace(f'date: "{old}"', f'date: "{new}"'), encoding="utf-8")

        assert run("build", pack, "--out", out).exit_code == 0
        import_apkg(learner, out / "mini.apkg")
        after = note_ids_by_question(learner)
        rebuilt = _questions_in(out / "mini.apkg")
        kept = [qid for qid in before if qid in rebuilt]

        assert "mini:2001:date-event:period" in kept
        assert (f"mini:{event}:date-event" in kept) is own_card
        for qid in kept:
            assert after[qid] == before[qid], f"{qid} became a new note"
            reps = learner.db.scalar("SELECT reps FROM cards WHERE nid = ?", after[qid])
            assert reps == 3, f"{qid} lost its reviews"
    finally:
        learner.close()


def _questions_in(package: Path) -> set[str]:
    """The question ids of the notes in a package."""
    scratch = Collection(str(package.with_suffix(".scratch.anki2")))
    try:
        import_apkg(scratch, package)
        return set(note_ids_by_question(scratch))
    finally:
        scratch.close()
        package.with_suffix(".scratch.anki2").unlink()


# --- the author's skip: -------------------------------------------------------------------

SKIP_ALPHA = ('    role: "Signs the treaty first."\n',
              '    role: "Signs the treaty first."\n'
              '    skip: {actor-role: "asked in class", role-actor: "asked in class"}\n')


def test_a_skipped_question_leaves_the_deck_with_the_usual_report_and_anki_search(
        mini: Path, tmp_path: Path, col: Collection) -> None:
    out = tmp_path / "decks"
    import_apkg(col, build_deck(mini, out, T0).outputs[0].path)
    edit(mini / "actors.yaml", *SKIP_ALPHA)
    second = build_deck(mini, out, T1)

    removed = ["mini:alpha:actor-role", "mini:alpha:role-actor"]
    assert second.change_lines[:2] == [
        "mini: Anki notes since the lock: 0 added, 0 changed, 2 removed",
        f"  removed: {', '.join(removed)}"]
    import_apkg(col, second.outputs[0].path)
    ids = note_ids_by_question(col)
    assert sorted(col.find_notes(removed_notes_search(removed))) == sorted(
        ids[qid] for qid in removed)


def test_a_skipped_question_is_in_no_quiz_export_or_study_page(mini: Path, tmp_path: Path) -> None:
    def outputs(out: Path) -> dict[str, str]:
        result = CliRunner().invoke(
            main, ["build", str(mini), "--out", str(out), "--export", "moodle,gift,qti",
                   "--questions", "12"], env={"SOURCE_DATE_EPOCH": str(T0)})
        assert result.exit_code == 0, result.output
        texts = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()
                 if p.suffix in (".html", ".xml", ".txt")}
        with zipfile.ZipFile(out / "mini-quiz.qti.zip") as package:
            texts.update({n: package.read(n).decode() for n in package.namelist()})
        return texts

    role = html.escape("Signs the treaty first", quote=False)
    before = outputs(tmp_path / "before")
    assert role in before["mini-study.html"]  # the precondition: the role is asked
    edit(mini / "actors.yaml", *SKIP_ALPHA)
    after = outputs(tmp_path / "after")
    assert not [name for name, text in after.items() if role in text]
    assert "mini:alpha:role-actor" not in after["mini-study.html"]
