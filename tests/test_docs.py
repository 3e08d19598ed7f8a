"""The example pack in docs/content-format.md is valid, so the documentation cannot rot."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from quizgen.cli import main

ROOT = Path(__file__).parent.parent
DOC = ROOT / "docs" / "content-format.md"
# An example file is a fenced block whose info string names it: ```yaml events.yaml
_EXAMPLE_FILE = re.compile(r"^```(?:yaml|text) (\S+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def example() -> dict[str, str]:
    files = dict(_EXAMPLE_FILE.findall(DOC.read_text(encoding="utf-8")))
    assert set(files) == {"pack.yaml", "riverton-news.txt", "events.yaml", "actors.yaml",
                          "causes.yaml", "disputes.yaml"}
    return files


def test_the_example_pack_validates_strictly(example: dict[str, str], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    pack = tmp_path / "content" / "riverton-bridge"
    pack.mkdir(parents=True)
    for name, text in example.items():
        (pack / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(main, ["validate", "--strict"])

    assert (result.stdout, result.stderr) == (
        "content/riverton-bridge: ok; 10 quote(s) verified\n", "")
    assert result.exit_code == 0


def test_the_example_pack_matches_the_json_schemas(example: dict[str, str]) -> None:
    schemas = ROOT / "src" / "quizgen" / "schemas"
    for name, text in example.items():
        if not name.endswith(".yaml"):
            continue
        kind = "pack" if name == "pack.yaml" else "content"
        schema = json.loads((schemas / f"{kind}.schema.json").read_text(encoding="utf-8"))
        errors = [e.message for e in Draft202012Validator(schema).iter_errors(yaml.safe_load(text))]
        assert errors == [], name


README = ROOT / "README.md"
_WALKTHROUGH = re.compile(r"<!-- walkthrough:[^>]*-->\n```sh\n(.*?)^```$", re.MULTILINE | re.DOTALL)
# What the editor step of the walk-through does here: one more event, quoting the article.
_EDITED_EVENT = """  - id: ferry-closes
    date: "2024-05-02"
    title: "The last ferry crossing"
    summary: "The old ferry stops the day after the opening."
    sources:
      - source: example-source
        quote: "the new bridge over the river was opened"
"""


def test_the_readme_walk_through_runs_from_init_to_an_anki_import(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex

    from anki.collection import Collection

    from test_anki import import_apkg

    monkeypatch.chdir(tmp_path)
    block = _WALKTHROUGH.search(README.read_text(encoding="utf-8"))
    assert block is not None, "the README has no walk-through block"
    for line in block.group(1).splitlines():
        words = shlex.split(line, comments=True)
        if words[0] == "$EDITOR":
            with open(words[1], "a", encoding="utf-8") as events:
                events.write(_EDITED_EVENT)
            continue
        assert words[0] == ".venv/bin/quizgen", line
        result = CliRunner().invoke(main, words[1:], prog_name="quizgen")
        assert result.exit_code == 0, (line, result.output)
        assert "Traceback" not in result.output
    learner = Collection(str(tmp_path / "learner.anki2"))
    try:
        assert import_apkg(learner, tmp_path / "decks" / "my-pack.apkg").new
        assert learner.find_notes("ferry-closes"), "the edited event has no card"
    finally:
        learner.close()


_DRAFT_WALKTHROUGH = re.compile(r"<!-- draft-walkthrough:[^>]*-->\n```sh\n(.*?)^```$",
                                re.MULTILINE | re.DOTALL)


def _keep_first_dated_event(draft: Path) -> str:
    """What the editor step of the draft walk-through does: one drafted event kept and
    written in our own words, the rest of the draft deleted."""
    import yaml

    drafted = yaml.safe_load(draft.read_text(encoding="utf-8"))
    event = next(e for e in drafted["events"] if "date" in e)
    kept = {key: event[key] for key in ("id", "date", "approximate", "date_source", "date_note")
            if key in event}
    kept.update(title="An event the draft found", summary="Written in our own words.",
                sources=event["sources"])
    draft.write_text(yaml.safe_dump({"events": [kept]}, allow_unicode=True, sort_keys=False),
                     encoding="utf-8")
    return event["id"]


def test_the_readme_draft_walk_through_runs_from_an_article_to_an_anki_import(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, articles: Path) -> None:
    import shlex

    from anki.collection import Collection

    from test_anki import import_apkg

    monkeypatch.chdir(tmp_path)
    block = _DRAFT_WALKTHROUGH.search(README.read_text(encoding="utf-8"))
    assert block is not None, "the README has no draft walk-through block"
    kept = None
    for line in block.group(1).splitlines():
        words = [word.replace("../shared/articles", str(articles))
                 for word in shlex.split(line, comments=True)]
        if words[0] == "$EDITOR":
            kept = _keep_first_dated_event(Path(words[1]))
            continue
        assert words[0] == ".venv/bin/quizgen", line
        result = CliRunner().invoke(main, words[1:], prog_name="quizgen")
        assert result.exit_code == 0, (line, result.output)
        assert "Traceback" not in result.output
    assert kept is not None
    learner = Collection(str(tmp_path / "learner.anki2"))
    try:
        assert import_apkg(learner, tmp_path / "decks" / "fresh.apkg").new
        assert learner.find_notes(kept), "the event kept from the draft has no card"
    finally:
        learner.close()
