"""The documentation cannot rot: its example pack is valid, and the walk-throughs of the README
and of docs/writing-a-pack.md run as written."""

from __future__ import annotations

import json
import re
import shutil
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
        "content/riverton-bridge: ok; 10 quote(s) verified\n",
        "content/riverton-bridge/pack.yaml: info: 1 of 2 cause links yields no card: `quizgen "
        "stats content/riverton-bridge` lists them, `quizgen explain content/riverton-bridge "
        "ITEM` says which rule left out what [unasked]\n")
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
WRITING = ROOT / "docs" / "writing-a-pack.md"
# The article the README's walk-through drafts a pack from.
ARTICLE = Path(__file__).parent / "walkthrough" / "ashford-bridge.txt"


def _walk_through(doc: Path, marker: str) -> list[list[str]]:
    """The commands of the fenced block a doc marks with ``<!-- marker: … -->``, as words."""
    import shlex

    found = re.search(rf"<!-- {marker}:[^>]*-->\n```sh\n(.*?)^```$", doc.read_text(encoding="utf-8"),
                      re.MULTILINE | re.DOTALL)
    assert found is not None, f"{doc.name} has no {marker} block"
    return [shlex.split(line, comments=True) for line in found.group(1).splitlines()]


def _run(words: list[str]) -> None:
    """One command of a walk-through, as the user types it, in the current folder."""
    assert words[0] == ".venv/bin/quizgen", words
    result = CliRunner().invoke(main, words[1:], prog_name="quizgen")
    assert result.exit_code == 0, (words, result.output)
    assert "Traceback" not in result.output


def _deck_notes(apkg: Path, folder: Path, searches: list[str]) -> list[int]:
    """How many notes of the deck, imported into a fresh Anki collection, each search finds."""
    from anki.collection import Collection

    from test_anki import import_apkg

    learner = Collection(str(folder / "learner.anki2"))
    try:
        assert import_apkg(learner, apkg).new
        return [len(learner.find_notes(search)) for search in searches]
    finally:
        learner.close()


# What the editor steps of the README's walk-through do here. Step 3: a candidate deleted
# (picked by its quote, since ids come from the draft's wording).
_DELETED_QUOTE = "listed as a protected monument"
# Step 5: what a teacher writes in their own words, for the items whose quote holds the key.
_OWN_EVENTS = {
    "decided to replace the ford": ("The council chooses a stone bridge",
                                    "The ford is to give way to a bridge of stone."),
    "work began on 14 March": ("Building starts", "Work starts to the engineer's plans."),
    "the river flooded": ("The spring flood", "The builders lose a season; the cost rises by a third."),
    "The bridge opened": ("The bridge opens", "The mayor is the first to ride across."),
    "two new markets": ("Trade grows", "Ashford gains two new markets."),
    "built a station": ("A station on the far bank",
                        "The railway brings more traffic than the bridge was made for."),
    "Cracks appeared": ("The arch cracks", "Cracks show in the central arch."),
    "closed the bridge to carts": ("Closed to carts", "The council shuts the bridge to carts "
                                   "and repairs it over the next year."),
}
_OWN_ROLES = {"Margaret Hale": "The engineer who drew the bridge's plans",
              "Thomas Reed": "The mayor who crossed the new bridge first"}
_OWN_DISPUTE = ("Did the repair of 1904 save the old bridge?",
                {"saved the old bridge": "The repair saved the old bridge",
                 "only delayed a new one": "The repair only put off a new bridge"})


def _quotes(item: dict) -> str:
    return " ".join(ref["quote"] for ref in item.get("sources", []))


def _delete_a_candidate(draft: Path) -> str:
    """Step 3 of the README: a candidate deleted from the draft; its id is returned."""
    drafted = yaml.safe_load(draft.read_text(encoding="utf-8"))
    deleted = next(e for e in drafted["events"] if _DELETED_QUOTE in _quotes(e))
    drafted["events"].remove(deleted)
    draft.write_text(yaml.safe_dump(drafted, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(deleted["id"])


def _in_our_own_words(content: Path) -> None:
    """Step 5 of the README: each title, summary, role, question and claim a teacher keeps
    written in their own words."""
    items = yaml.safe_load(content.read_text(encoding="utf-8"))
    if not isinstance(items, dict) or not {"events", "actors", "disputes"} & set(items):
        return
    for event in items.get("events") or []:
        for key, (title, summary) in _OWN_EVENTS.items():
            if key in _quotes(event):
                event.update(title=title, summary=summary)
    for actor in items.get("actors") or []:
        actor["role"] = _OWN_ROLES.get(actor["name"], actor.get("role"))
    for dispute in items.get("disputes") or []:
        question, claims = _OWN_DISPUTE
        dispute["question"] = question
        for position in dispute["positions"]:
            position["claim"] = next((claim for key, claim in claims.items()
                                      if key in _quotes(position)), position["claim"])
    content.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_readme_walk_through_runs_from_an_article_to_an_anki_import(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    deleted = None
    for words in _walk_through(README, "walkthrough"):
        if words[0] == "$EDITOR" and words[1].endswith(".draft.yaml"):
            deleted = _delete_a_candidate(Path(words[1]))
            continue
        if words[0] == "$EDITOR":
            for content in sorted(tmp_path.glob(words[1])):
                _in_our_own_words(content)
            continue
        if words[1] == "draft":
            Path(words[2]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ARTICLE, words[2])
        _run(words)
    assert deleted is not None, "the walk-through never edits the draft"
    found = _deck_notes(tmp_path / "decks" / "my-pack.apkg", tmp_path,
                        ['"The bridge opens"', '"The engineer who drew the bridge\'s plans"', deleted])
    assert 0 not in found[:2], "what the teacher wrote is on no card"
    assert found[2] == 0, "the candidate deleted from the draft has a card"


# What the editor step of the by-hand walk-through does: one more event, quoting the article.
_EDITED_EVENT = """  - id: ferry-closes
    date: "2024-05-02"
    title: "The last ferry crossing"
    summary: "The old ferry stops the day after the opening."
    sources:
      - source: example-source
        quote: "the new bridge over the river was opened"
"""


def test_the_by_hand_walk_through_runs_from_init_to_an_anki_import(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for words in _walk_through(WRITING, "by-hand-walkthrough"):
        if words[0] == "$EDITOR":
            with open(words[1], "a", encoding="utf-8") as events:
                events.write(_EDITED_EVENT)
            continue
        _run(words)
    assert _deck_notes(tmp_path / "decks" / "my-pack.apkg", tmp_path, ["ferry-closes"]) != [0], \
        "the edited event has no card"


def _keep_first_dated_event(draft: Path) -> str:
    """What the editor step of the Russian draft walk-through does: one drafted event kept
    and written in our own words, the rest of the draft deleted."""
    drafted = yaml.safe_load(draft.read_text(encoding="utf-8"))
    event = next(e for e in drafted["events"] if "date" in e)
    kept = {key: event[key] for key in ("id", "date", "approximate", "date_source", "date_note")
            if key in event}
    kept.update(title="An event the draft found", summary="Written in our own words.",
                sources=event["sources"])
    draft.write_text(yaml.safe_dump({"events": [kept]}, allow_unicode=True, sort_keys=False),
                     encoding="utf-8")
    return str(event["id"])


def test_the_russian_draft_walk_through_runs_from_an_article_to_an_anki_import(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, articles: Path) -> None:
    monkeypatch.chdir(tmp_path)
    kept = None
    for words in _walk_through(WRITING, "draft-walkthrough"):
        words = [word.replace("../shared/articles", str(articles)) for word in words]
        if words[0] == "$EDITOR":
            kept = _keep_first_dated_event(Path(words[1]))
            continue
        _run(words)
    assert kept is not None
    assert _deck_notes(tmp_path / "decks" / "fresh.apkg", tmp_path, [kept]) != [0], \
        "the event kept from the draft has no card"
