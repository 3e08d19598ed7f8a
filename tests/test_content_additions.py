"""The content keys the card rules need: sources' labels, date provenance, readings, grammar."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.model import DateSource, Gender, Number
from quizgen.validate import validate_pack

PACK = """\
id: demo
title: Demo
language: ru
sources:
  - id: paper
    title: "A long title of a paper"
    label: "Paper"
    description: "A weekly paper"
    text: paper.txt
"""

EVENTS = """\
events:
  - id: undated
    title: "Undated"
    summary: "Something happened."
    sources: [{source: paper, quote: "q"}]
  - id: outside
    date: "2020-09"
    date_source: outside
    ask_date: true
    title: "Outside"
    summary: "Something else happened."
    sources: [{source: paper, quote: "q"}]
actors:
  - id: osce
    name: "ОБСЕ"
    kind: organization
    role: "A body"
    reading: paper
    grammar: {gender: femn, number: sing, animate: false}
    sources: [{source: paper, quote: "q"}]
causes:
  - id: link
    cause: "A"
    effect: "B"
    reading: paper
    sources: [{source: paper, quote: "q"}]
"""


def _pack(tmp_path: Path, events: str) -> Path:
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "events.yaml").write_text(events, encoding="utf-8")
    (tmp_path / "paper.txt").write_text("q", encoding="utf-8")
    return tmp_path


def _lines(tmp_path: Path, events: str) -> list[str]:
    validation = validate_pack(_pack(tmp_path, events))
    return [f"{p.line}:{p.col}: {p.path}: {p.message} [{p.code}]" for p in validation.problems]


def test_the_new_keys_are_read_into_the_model(tmp_path: Path) -> None:
    validation = validate_pack(_pack(tmp_path, EVENTS))

    assert validation.problems == []
    pack = validation.pack
    assert pack is not None
    assert (pack.info.sources[0].label, pack.info.sources[0].description) == ("Paper", "A weekly paper")
    undated, outside = pack.events
    assert (undated.date, undated.date_source, undated.ask_date) == (None, DateSource.STATED, None)
    assert (str(outside.date), outside.date_source, outside.ask_date) == ("2020-09", DateSource.OUTSIDE, True)
    grammar = pack.actors[0].grammar
    assert grammar is not None and (grammar.gender, grammar.number, grammar.animate) == (
        Gender.FEMN, Number.SING, False)
    assert (pack.actors[0].reading, pack.causes[0].reading) == ("paper", "paper")


@pytest.mark.parametrize("wrong, expected", [
    ("grammer: {gender: femn}",
     "8:5: actors[osce].grammer: unknown key 'grammer'; did you mean 'grammar'? [unknown-key]"),
    ("grammar: {gendre: femn}",
     "8:15: actors[osce].grammar.gendre: unknown key 'gendre'; did you mean 'gender'? [unknown-key]"),
    ("grammar: {gender: female}",
     "8:23: actors[osce].grammar.gender: expected one of 'masc', 'femn' or 'neut', got 'female' [type]"),
    ("reading: nowhere",
     "8:14: actors[osce].reading: unknown source id 'nowhere' [unknown-reference]"),
], ids=["grammar-misspelt", "gender-misspelt", "gender-unknown", "reading-unknown"])
def test_mistakes_in_the_new_actor_keys_are_located(tmp_path: Path, wrong: str, expected: str) -> None:
    events = ("actors:\n  - id: osce\n    name: ОБСЕ\n    kind: organization\n    role: A body\n"
              "    sources: [{source: paper, quote: q}]\n    tags: []\n    " + wrong + "\n")

    assert _lines(tmp_path, events) == [expected]


@pytest.mark.parametrize("wrong, expected", [
    ("date_sourse: outside",
     "3:5: events[e].date_sourse: unknown key 'date_sourse'; did you mean 'date_source'? [unknown-key]"),
    ("date_source: guessed",
     "3:18: events[e].date_source: expected one of 'stated', 'derived' or 'outside', got 'guessed' [type]"),
    ("ask_dat: true",
     "3:5: events[e].ask_dat: unknown key 'ask_dat'; did you mean 'ask_date'? [unknown-key]"),
], ids=["date-source-misspelt", "date-source-unknown", "ask-date-misspelt"])
def test_mistakes_in_the_new_event_keys_are_located(tmp_path: Path, wrong: str, expected: str) -> None:
    events = ("events:\n  - id: e\n    " + wrong + "\n    title: T\n    summary: S\n"
              "    sources: [{source: paper, quote: q}]\n")

    assert _lines(tmp_path, events) == [expected]


def test_a_misspelt_source_label_is_located(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text(PACK.replace("    label:", "    lable:"), encoding="utf-8")
    (tmp_path / "events.yaml").write_text("events: []\n", encoding="utf-8")
    (tmp_path / "paper.txt").write_text("q", encoding="utf-8")

    lines = [f"{p.line}:{p.col}: {p.path}: {p.message} [{p.code}]"
             for p in validate_pack(tmp_path).problems]

    assert lines == ["7:5: sources[paper].lable: unknown key 'lable'; did you mean 'label'? [unknown-key]"]
