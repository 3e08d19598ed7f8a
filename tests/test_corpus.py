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
from quizgen.grammar import name_form
from quizgen.model import Actor, Language
from quizgen.question import QuestionKind
from quizgen.quiz import QuizRequest, compose_quizzes
from quizgen.quiz.types import Choice
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


def test_the_corpus_offers_an_actor_only_among_actors_of_its_kind_and_form() -> None:
    """A blank or a role asked for an actor has wrong options of its kind and grammatical
    number (and, in Russian, gender): "___ passed the Act" or «тот, где…» leaves no option
    ruled out by the sentence alone."""
    seen = 0
    for name in PACKS:
        pack = validate_pack(CORPUS / name).pack
        assert pack is not None
        actors = {a.name: a for a in pack.actors}
        language = pack.info.language

        def form(option: str, actors: dict[str, Actor] = actors,
                 language: Language = language) -> tuple[str, bool, str]:
            actor = actors[option]
            shape = name_form(actor, language)
            gender = ("" if actor.kind.value == "person" or shape.plural
                      or language != "ru" else shape.gender)
            return actor.kind.value, shape.plural, gender

        quizzes = compose_quizzes(build_bank(pack), QuizRequest(7, 3, 40, {}))
        for task in (t for quiz in quizzes for section in quiz.sections for t in section.tasks):
            if isinstance(task, Choice) and task.questions[0].kind in (
                    QuestionKind.EVENT_ACTORS, QuestionKind.ROLE_ACTOR):
                seen += 1
                assert len({form(option) for option in task.options}) == 1, (
                    name, task.prompt, task.options)
    assert seen >= len(PACKS), "the corpus's quizzes ask for actors among options"
