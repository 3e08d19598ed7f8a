"""The shipped JSON Schemas match the content model, and accept and reject what they should."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from quizgen.cli import main
from quizgen.scaffold import init_pack

SCHEMAS = Path(__file__).parent.parent / "src" / "quizgen" / "schemas"


@pytest.mark.parametrize("kind", ["pack", "content"])
def test_shipped_schema_is_what_quizgen_schema_prints(kind: str) -> None:
    result = CliRunner().invoke(main, ["schema", kind])

    assert result.exit_code == 0
    assert (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8") == result.stdout


def test_quizgen_schema_prints_the_content_schema_by_default() -> None:
    result = CliRunner().invoke(main, ["schema"])

    assert json.loads(result.stdout)["title"] == "quizgen content file"


def _validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _errors(kind: str, data: Any) -> list[tuple[str, list[Any]]]:
    return sorted((error.validator, list(error.absolute_path))
                  for error in _validator(kind).iter_errors(data))


@pytest.fixture(scope="module")
def good_pack(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The files of the pack ``quizgen init`` creates, as plain YAML data."""
    content = tmp_path_factory.mktemp("content")
    init_pack(content / "demo")
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((content / "demo").glob("*.yaml"))}


def test_schemas_accept_the_pack_that_init_creates(good_pack: dict[str, Any]) -> None:
    assert set(good_pack) == {"pack.yaml", "events.yaml", "actors.yaml", "causes.yaml",
                              "disputes.yaml"}
    for name, data in good_pack.items():
        assert _errors("pack" if name == "pack.yaml" else "content", data) == [], name


def test_init_files_point_to_schemas_inside_the_pack(tmp_path: Path) -> None:
    """The reference works wherever quizgen is installed: the schemas travel with the pack."""
    init_pack(tmp_path / "demo")

    for path in sorted((tmp_path / "demo").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        reference = first.removeprefix("# yaml-language-server: $schema=")
        target = path.parent / reference
        kind = "pack" if path.name == "pack.yaml" else "content"
        assert reference != first and target.is_file(), path.name
        assert target.read_text(encoding="utf-8") == (
            SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"), path.name


def test_content_schema_rejects_unknown_key_wrong_type_and_missing_field(
        good_pack: dict[str, Any]) -> None:
    data = copy.deepcopy(good_pack["events.yaml"])
    event = data["events"][0]
    event["tag"] = ["example"]
    event["title"] = 5
    del event["summary"]
    event["sources"][0]["quote"] = ["not", "text"]

    assert _errors("content", data) == [
        ("additionalProperties", ["events", 0]),
        ("required", ["events", 0]),
        ("type", ["events", 0, "sources", 0, "quote"]),
        ("type", ["events", 0, "title"]),
    ]


def test_content_schema_rejects_an_unknown_kind_of_item(good_pack: dict[str, Any]) -> None:
    data = {"event": good_pack["events.yaml"]["events"]}

    assert _errors("content", data) == [("additionalProperties", [])]


def test_pack_schema_rejects_unknown_key_wrong_type_and_missing_field(
        good_pack: dict[str, Any]) -> None:
    data = copy.deepcopy(good_pack["pack.yaml"])
    data["sources"][0]["publsher"] = "Somebody"
    data["quiz"]["questions"] = "twenty"
    del data["title"]

    assert _errors("pack", data) == [
        ("additionalProperties", ["sources", 0]),
        ("required", []),
        ("type", ["quiz", "questions"]),
    ]


def test_schema_rejects_an_unquoted_date_that_yaml_reads_as_a_date() -> None:
    # quizgen keeps unquoted dates as text, but plain YAML loaders (and editors) make them
    # dates, which JSON Schema cannot express; the documented advice is to quote them.
    data = yaml.safe_load("events:\n  - id: a\n    date: 2024-05-01\n")

    assert ("anyOf", ["events", 0, "date"]) in _errors("content", data)
