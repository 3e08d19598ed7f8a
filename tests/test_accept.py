"""``quizgen accept``: drafted items moved into the pack's files, comments kept, no id twice."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import main
from quizgen.validate import validate_pack

HARBOUR = Path(__file__).parent / "draft_packs" / "harbour"
DRAFT = "content/harbour/harbour-news.draft.yaml"


def _run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args), prog_name="quizgen")
    assert "Traceback" not in result.output
    return result


@pytest.fixture()
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The harbour pack with no items and the draft of its article."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "content" / "harbour"
    folder.mkdir(parents=True)
    for name in ("pack.yaml", "harbour-news.txt"):
        shutil.copy(HARBOUR / name, folder / name)
    drafted = _run("draft", "content/harbour/harbour-news.txt", "--pack", "content/harbour")
    assert drafted.exit_code == 0, drafted.output
    return folder


def _ids(text: str) -> list[str]:
    return [line.split("id: ", 1)[1] for line in text.splitlines() if line.strip().startswith("- id: ")]


def test_accepting_named_items_moves_them_with_their_comments(pack: Path) -> None:
    draft = pack / "harbour-news.draft.yaml"
    before = draft.read_text(encoding="utf-8")

    result = _run("accept", "content/harbour", "tom-okafor", "1964-ferry-first-sailed")

    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "moved actors[tom-okafor] to content/harbour/actors.yaml\n"
        "moved events[1964-ferry-first-sailed] to content/harbour/events.yaml\n")
    actors = (pack / "actors.yaml").read_text(encoding="utf-8")
    assert actors.startswith("actors:\n  # kind (person) guessed from the name: check it\n"
                             "  - id: tom-okafor\n    name: \"Tom Okafor\"\n")
    after = draft.read_text(encoding="utf-8")
    assert "tom-okafor" not in _ids(after) and "1964-ferry-first-sailed" not in _ids(after)
    assert len(_ids(after)) == len(_ids(before)) - 2
    assert after.startswith(before.split("events:", 1)[0])  # the draft's own header stays
    checked = validate_pack(pack)
    assert not [p for p in checked.problems if p.level.value == "error"]


def test_accepting_all_empties_the_draft_and_leaves_no_id_twice(pack: Path) -> None:
    drafted = _ids((pack / "harbour-news.draft.yaml").read_text(encoding="utf-8"))

    result = _run("accept", "content/harbour", "--all")

    assert result.exit_code == 0, result.output
    assert f"deleted {DRAFT}\n" in result.output
    assert not (pack / "harbour-news.draft.yaml").exists()
    moved = [i for name in ("events", "actors", "causes", "disputes")
             for i in _ids((pack / f"{name}.yaml").read_text(encoding="utf-8"))]
    assert sorted(moved) == sorted(drafted) and len(set(moved)) == len(moved)
    codes = {p.code for p in validate_pack(pack).problems if p.level.value == "error"}
    assert codes == set()


def test_an_id_the_pack_already_has_is_refused_at_the_drafted_id(pack: Path) -> None:
    (pack / "actors.yaml").write_text(
        "actors:\n  - id: tom-okafor\n    name: Tom Okafor\n    kind: person\n"
        "    role: Chairs the traders.\n    sources:\n      - source: harbour-news\n"
        "        quote: \"Its chair, Tom Okafor, argued\"\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in pack.iterdir()}
    line = next(n for n, text in enumerate(
        (pack / "harbour-news.draft.yaml").read_text(encoding="utf-8").splitlines(), start=1)
        if text == "  - id: tom-okafor")

    result = _run("accept", "content/harbour", "tom-okafor")

    assert result.exit_code == 1
    assert (f"{DRAFT}:{line}:9: error: actors[tom-okafor].id: duplicate id 'tom-okafor' (first "
            "used at content/harbour/actors.yaml:2) [duplicate-id]") in result.output
    assert result.output.endswith("nothing moved\n")
    assert {p.name: p.read_bytes() for p in pack.iterdir()} == before


def test_an_item_that_refers_to_a_drafted_item_left_behind_is_refused(pack: Path) -> None:
    text = (pack / "harbour-news.draft.yaml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1)
                if row == "    actors: [clara-holt]")

    result = _run("accept", "content/harbour", "mayor-clara-holt-said-ferry")

    assert result.exit_code == 1
    assert (f"{DRAFT}:{line}:14: error: events[mayor-clara-holt-said-ferry].actors[0]: actor "
            "'clara-holt' is only in the draft: accept it too (quizgen accept content/harbour "
            "mayor-clara-holt-said-ferry clara-holt) [unknown-reference]") in result.output
    assert not (pack / "events.yaml").exists()
    assert _run("accept", "content/harbour", "mayor-clara-holt-said-ferry", "clara-holt").exit_code == 0


def test_moved_items_take_the_indentation_of_the_file_they_join(pack: Path) -> None:
    (pack / "content.yaml").write_text(
        "# My events, kept by hand.\nevents:\n- id: mine\n  title: Mine\n  summary: Mine.\n"
        "  sources:\n  - source: harbour-news\n    quote: \"The ferry first sailed in 1964.\"\n"
        "# the end\n", encoding="utf-8")

    result = _run("accept", "content/harbour", "2023-council-asked-engineers",
                  "engineers")

    assert result.exit_code == 0, result.output
    text = (pack / "content.yaml").read_text(encoding="utf-8")
    assert text.startswith("# My events, kept by hand.\nevents:\n- id: mine\n")
    assert "\n- id: 2023-council-asked-engineers\n  date: \"2023-03\"\n" in text
    assert text.endswith("# the end\n")
    assert not [p for p in validate_pack(pack).problems if p.level.value == "error"]


def test_usage_errors_of_accept(pack: Path) -> None:
    neither = _run("accept", "content/harbour")
    assert neither.exit_code == 2 and "name the ids to accept, or pass --all" in neither.output
    unknown = _run("accept", "content/harbour", "no-such-item")
    assert unknown.exit_code == 2 and "no drafted item with id 'no-such-item'" in unknown.output
    os.remove(pack / "harbour-news.draft.yaml")
    none = _run("accept", "content/harbour", "--all")
    assert none.exit_code == 2 and "has no draft (*.draft.yaml) to accept from" in none.output


def test_a_pack_with_errors_is_not_edited(pack: Path) -> None:
    (pack / "events.yaml").write_text("events:\n  - id: broken\n    date: \"2024-13\"\n",
                                      encoding="utf-8")
    before = {p.name: p.read_bytes() for p in pack.iterdir()}

    result = _run("accept", "content/harbour", "--all")

    assert result.exit_code == 1
    assert ("content/harbour/events.yaml:3:11: error: events[broken].date: impossible date "
            "'2024-13': month must be 1 to 12 [date]") in result.output
    assert result.output.endswith("nothing moved\n")
    assert {p.name: p.read_bytes() for p in pack.iterdir()} == before


def test_accepted_proposals_keep_their_mark_and_warn_in_the_pack(pack: Path) -> None:
    result = _run("accept", "content/harbour", "mayor-clara-holt-said-ferry", "clara-holt")

    assert result.exit_code == 0, result.output
    events = (pack / "events.yaml").read_text(encoding="utf-8")
    actors = (pack / "actors.yaml").read_text(encoding="utf-8")
    assert ('    title: "Mayor Clara Holt said the ferry had lost money"\n'
            '    summary: "Mayor Clara Holt said the ferry had lost money for a decade and that '
            'the town \\"cannot carry it any longer\\"."\n'
            '    proposed: [title, summary]\n') in events
    assert '    role: "Mayor"\n    proposed: [role]\n' in actors
    warned = sorted((p.file, p.path, p.code) for p in validate_pack(pack).problems
                    if p.code == "proposed")
    assert warned == [
        ("content/harbour/actors.yaml", "actors[clara-holt].proposed[0]", "proposed"),
        ("content/harbour/events.yaml", "events[mayor-clara-holt-said-ferry].proposed[0]",
         "proposed"),
        ("content/harbour/events.yaml", "events[mayor-clara-holt-said-ferry].proposed[1]",
         "proposed")]
