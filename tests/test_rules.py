"""The fairness rules: one registry, one case file per rule that provokes it, and the docs.

Each folder under ``tests/rule_cases/`` is named after a rule and is a small pack whose
``expected.txt`` lists the items (``kind[id]``) the rule must turn something down of, as
``quizgen explain`` reports it. A content edit that stops a case provoking its rule fails
here, so no case can silently become vacuous.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.explain import explain_pack, explanation_lines
from quizgen.problems import Level
from quizgen.rules import REGISTRY, Scope, reject, rules_markdown, tracing
from quizgen.validate import validate_pack

CASES = Path(__file__).parent / "rule_cases"
DOCS = Path(__file__).parent.parent / "docs" / "rules.md"


def _expected(case: Path) -> list[str]:
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_every_rule_has_a_case_folder_and_every_folder_a_rule() -> None:
    assert sorted(p.name for p in CASES.iterdir() if p.is_dir()) == sorted(REGISTRY)


@pytest.mark.parametrize("rule", sorted(REGISTRY))
def test_the_case_file_of_a_rule_provokes_it(rule: str) -> None:
    validation = validate_pack(CASES / rule)
    errors = [p.format() for p in validation.problems if p.level is Level.ERROR]
    assert validation.pack is not None and not errors, errors
    found = explain_pack(validation.pack)
    rejected = {f"{e.kind}[{e.id}]" for e in found for r in e.rejections if r.rule == rule}
    expected = _expected(CASES / rule)
    assert expected, "a case names the items its rule must turn something down of"
    missing = [item for item in expected if item not in rejected]
    assert not missing, f"{rule} turned down nothing of {missing}:\n" + "\n".join(
        explanation_lines(found))


def test_rules_are_named_once_with_a_scope_and_a_reason() -> None:
    for name, rule in REGISTRY.items():
        assert rule.name == name and isinstance(rule.scope, Scope)
        assert rule.summary and "{detail}" in rule.reason or rule.reason


def test_docs_list_every_rule_as_the_registry_says() -> None:
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: write quizgen.rules.rules_markdown() to it")


def test_rejections_are_recorded_only_while_tracing() -> None:
    rule = REGISTRY["skipped-by-author"]
    reject(rule, "actors", "a", "q", "outside")
    with tracing() as trace:
        reject(rule, "actors", "a", "q", "inside")
    assert [r.reason for r in trace] == ["the item's skip: turns it off: inside"]
