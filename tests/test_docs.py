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
