"""The corpus of packs written for the tests, not tuned on: every automatic check holds on each.

``tests/corpus/`` holds packs written from short source texts of their own (in both
languages, of different topics and shapes), as a new user would write them. Each passes
``validate --strict`` — which runs the card checks (the same front with different answers, an
answer its question gives away by stem, alias, surname or initials, answers too long to
recall, unknown grammar, claims too short, unmarked outside dates) — builds every output, and
accepts every name of each actor its questions ask for.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.answers import accepts, actor_names
from quizgen.bank import build_bank
from quizgen.cli import main
from quizgen.question import QuestionKind
from quizgen.validate import validate_pack

CORPUS = Path(__file__).parent / "corpus"
PACKS = sorted(p.name for p in CORPUS.iterdir() if (p / "pack.yaml").is_file())


def test_the_corpus_has_packs_in_both_languages() -> None:
    assert len([p for p in PACKS if p.startswith("en-")]) >= 3
    assert len([p for p in PACKS if p.startswith("ru-")]) >= 3


@pytest.mark.parametrize("name", PACKS)
def test_a_corpus_pack_passes_every_check(name: str) -> None:
    result = validate_pack(CORPUS / name)
    assert result.pack is not None
    assert [p.format() for p in result.problems if p.level.value in ("error", "warning")] == []
    assert result.quotes_unchecked == 0 and result.quotes_verified > 0


@pytest.mark.parametrize("name", PACKS)
def test_a_corpus_pack_accepts_every_name_of_an_actor_it_asks_for(name: str) -> None:
    pack = validate_pack(CORPUS / name).pack
    assert pack is not None
    names = actor_names(pack.actors)
    asked = [q for q in build_bank(pack).questions if q.kind is QuestionKind.ROLE_ACTOR]
    assert asked
    for q in asked:
        [actor] = q.facts.answer_ids
        # "United States" is the same answer as "the United States": marked right, not listed
        assert [n for n in names[actor] if not accepts((q.answer, *q.facts.accepted), n)] == [], q.id


@pytest.mark.parametrize("name", PACKS)
def test_a_corpus_pack_builds_every_output(name: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(CORPUS / name), "--out", str(tmp_path),
                                       "--export", "moodle,gift,qti"],
                                env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.exit_code == 0, result.output
    assert {p.suffix for p in tmp_path.iterdir()} >= {".apkg", ".html", ".xml", ".txt", ".zip"}
