"""``quizgen explain`` and an item's ``skip:`` as an author meets them on the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from quizgen.cli import main

CASE = Path(__file__).parent / "rule_cases" / "skipped-by-author"


def _pack(tmp_path: Path) -> Path:
    return Path(shutil.copytree(CASE, tmp_path / "astronauts"))


def test_explain_prints_every_question_and_every_rejection_with_its_rule(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(_pack(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "actors[armstrong]: 1 question(s), 3 left out"
    assert ("  asks actor-role (skipped-by-author:armstrong:actor-role): What part does Neil "
            "Armstrong play in this story? → Crew member who walked on the Moon in July 1969"
            ) in lines
    assert ("  left out skipped-by-author:armstrong:role-actor [card: skipped-by-author]: the "
            "item's skip: turns it off: the sources do not tell him from Aldrin") in lines


def test_explain_of_one_item_prints_that_item_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(_pack(tmp_path)), "aldrin"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("actors[aldrin]: 2 question(s)")
    assert "armstrong]" not in result.output


def test_explain_shows_only_the_scopes_asked_for(tmp_path: Path) -> None:
    pack = str(_pack(tmp_path))
    every = CliRunner().invoke(main, ["explain", pack])
    cards = CliRunner().invoke(main, ["explain", pack, "--scope", "card"])
    assert cards.exit_code == 0, cards.output

    left_out = [line for line in every.output.splitlines() if line.startswith("  left out")]
    shown = [line for line in cards.output.splitlines() if line.startswith("  left out")]
    assert {line.split("[")[-1].split(":")[0] for line in left_out} > {"card"}
    assert shown == [line for line in left_out if "[card: " in line] != []
    assert [line for line in cards.output.splitlines() if "  asks " in line] == [
        line for line in every.output.splitlines() if "  asks " in line]


def test_explain_of_an_unknown_item_says_which_was_meant(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(_pack(tmp_path)), "aldrn"])
    assert result.exit_code == 2
    assert "no item 'aldrn' in skipped-by-author; did you mean 'aldrin'?" in result.output


def test_a_skip_of_no_question_kind_is_a_located_error_with_a_hint(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    content = pack / "content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        "skip: {role-actor:", "skip: {role-actr:"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(pack)])
    assert result.exit_code == 1
    line = next(i for i, text in enumerate(content.read_text().splitlines(), 1) if "skip:" in text)
    assert (f"content.yaml:{line}:") in result.output
    assert ("error: actors[armstrong].skip.role-actr: 'role-actr' is no question kind actors "
            "yield; did you mean 'role-actor'? [unknown-question-kind]") in result.output
    explained = CliRunner().invoke(main, ["explain", str(pack)])
    assert explained.exit_code == 1 and "unknown-question-kind" in explained.output


def test_a_position_with_a_holder_and_unnamed_holders_is_a_located_error(tmp_path: Path) -> None:
    pack = Path(shutil.copytree(Path(__file__).parent / "rule_cases" / "holder-in-question",
                                tmp_path / "troops"))
    content = pack / "content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        "      - holder: critics\n", '      - holder: critics\n        held_by: "многие"\n'),
        encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(pack), "--out", str(out)])
    assert result.exit_code == 1 and not out.exists()
    line = next(i for i, text in enumerate(content.read_text().splitlines(), 1) if "held_by" in text)
    assert (f"content.yaml:{line}:18: error: disputes[keep-troops].positions[1].held_by: the "
            "position has a holder ('critics') and held_by ('многие'); keep holder where the "
            "source names who holds it, held_by where it does not [two-holders]") in result.output
    assert "Traceback" not in result.output
