"""No stage after the bank learns a fact from rendered text: it reads the question's facts.

A lint over the modules that judge questions (the quizzes, the card checks, the accepted
answers): none of them splits an answer or a prompt apart, looks for a list marker, or
searches text for one of the bank's own labels (a source's reading, an outside date).
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "quizgen"
JUDGES = [*sorted((PACKAGE / "quiz").glob("*.py")), PACKAGE / "cards.py", PACKAGE / "answers.py",
          PACKAGE / "render" / "lms_common.py"]
# What reading rendered text for a fact looks like.
RENDERED = {
    "an answer or a prompt split apart": re.compile(
        r"\.(?:answer|prompt|explanation)\.(?:split|partition|rpartition)\("),
    "a list marker": re.compile(r"""startswith\(\s*["']1\)"""),
    "the bank's labels searched for": re.compile(
        r"""["'](?:answer\.reading|label\.outside-date|prompt\.reading)["']"""),
    "fields that are gone": re.compile(r"\banswer_key\b|\bextra_value\b"),
}


def _findings(text: str) -> list[str]:
    return [what for what, pattern in RENDERED.items() if pattern.search(text)]


def test_no_judging_module_reads_a_fact_from_rendered_text() -> None:
    assert all(path.is_file() for path in JUDGES)
    found = {path.name: _findings(path.read_text(encoding="utf-8")) for path in JUDGES}
    assert {name: what for name, what in found.items() if what} == {}


def test_the_lint_finds_what_it_looks_for() -> None:
    assert _findings('ids = q.answer.split(",")') == ["an answer or a prompt split apart"]
    assert _findings('if q.answer.startswith("1) "):') == ["a list marker"]
    assert _findings('label(lang, "answer.reading", text=t)') == ["the bank's labels searched for"]
    assert _findings("q.answer_key") == ["fields that are gone"]
