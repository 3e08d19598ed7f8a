"""A rebuild with nothing changed keeps the outputs without loading the pack.

The build cache (``quizgen.cache``) keeps what a pack's last build was made from,
and lets the next build skip it when every input, option and output is as it was then. Each test here builds the
``quizgen init`` pack once, changes one thing, builds again and compares with a
full build of the same inputs in a fresh folder.
"""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result

from quizgen import cache
from quizgen.cli import main

from init_packs import adopt_examples

T0 = 1_700_000_000


def run(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(arg) for arg in args], prog_name="quizgen",
                                env={"SOURCE_DATE_EPOCH": str(T0)})
    assert "Traceback" not in result.output, result.output
    return result


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "texts").mkdir()
    assert run("init", "demo").exit_code == 0
    adopt_examples(tmp_path / "content" / "demo")
    return tmp_path


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The pack folders each build loads; a build that keeps a pack adds nothing."""
    from quizgen import validate

    loaded: list[Path] = []
    real = validate.validate_pack

    def counted(directory: Path, *args: object, **kwargs: object) -> validate.Validation:
        loaded.append(directory)
        return real(directory, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validate, "validate_pack", counted)
    return loaded


def full_build(workdir: Path, *options: object) -> tuple[Result, dict[str, bytes]]:
    """What a build from nothing makes of the same inputs (in a copy of the decks)."""
    fresh = workdir / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    if (workdir / "decks").is_dir():
        shutil.copytree(workdir / "decks", fresh)  # the same lock: the same note times
    result = run("build", "--out", "fresh", "--sources", "texts", *options)
    return result, files(fresh)


def test_rebuild_with_nothing_changed_keeps_every_output(workdir: Path,
                                                         validations: list[Path]) -> None:
    run("build", "--sources", "texts")
    before = {p: p.stat().st_mtime_ns for p in (workdir / "decks").iterdir()}

    again = run("build", "--sources", "texts")

    assert again.exit_code == 0
    assert validations == [Path("content/demo")], "the second build loaded the pack again"
    assert {p: p.stat().st_mtime_ns for p in (workdir / "decks").iterdir()} == before
    full, full_files = full_build(workdir)
    assert files(workdir / "decks") == full_files
    assert again.stdout == full.stdout.replace("fresh/", "decks/")
    assert again.stderr == full.stderr


def test_output_folder_holds_only_outputs(workdir: Path) -> None:
    run("build", "--sources", "texts")

    assert sorted(files(workdir / "decks")) == ["demo-quiz-key.html", "demo-quiz.html",
                                                 "demo-study.html", "demo.apkg", "demo.lock.json"]
    assert list((workdir / "cache" / "quizgen" / "builds").glob("demo-*.json"))


def _append(path: str, text: str) -> Callable[[Path], None]:
    def change(workdir: Path) -> None:
        with (workdir / path).open("a", encoding="utf-8") as handle:
            handle.write(text)
    return change


def _replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def change(workdir: Path) -> None:
        target = workdir / path
        text = target.read_text(encoding="utf-8")
        assert old in text
        target.write_text(text.replace(old, new), encoding="utf-8")
    return change


def _delete(path: str) -> Callable[[Path], None]:
    return lambda workdir: (workdir / path).unlink()


def _write(path: str, text: str) -> Callable[[Path], None]:
    return lambda workdir: (workdir / path).write_text(text, encoding="utf-8")


_EVENT = """
  - id: second-event
    date: "2024-06"
    date_source: outside
    title: "A second event"
    summary: "Something else happened."
    sources:
      - source: example-source
        quote: "the new bridge over the river was opened"
"""


def test_a_text_that_appears_for_a_source_makes_a_full_build(workdir: Path,
                                                             validations: list[Path]) -> None:
    pack = workdir / "content" / "demo"
    _replace("content/demo/pack.yaml", "    text: example-source.txt\n", "")(workdir)
    article = (pack / "example-source.txt").read_text(encoding="utf-8")
    (pack / "example-source.txt").unlink()
    assert "not checked" in run("build", "--sources", "texts").stderr

    (workdir / "texts" / "example-source.txt").write_text(article, encoding="utf-8")
    again = run("build", "--sources", "texts")

    assert again.exit_code == 0 and "not checked" not in again.stderr, again.output
    assert validations == [Path("content/demo")] * 2


@pytest.mark.parametrize("change", [
    _write("texts/other-source.txt", "A text no source of the pack names.\n"),
    _write("content/demo/notes.txt", "An author's notes beside the pack's files.\n"),
], ids=["unused-source-text", "unused-file-in-the-pack"])
def test_a_file_the_build_does_not_read_changes_nothing(
        workdir: Path, validations: list[Path], change: Callable[[Path], None]) -> None:
    run("build", "--sources", "texts")
    change(workdir)

    again = run("build", "--sources", "texts")

    assert again.exit_code == 0
    assert validations == [Path("content/demo")]


@pytest.mark.parametrize("change", [
    _replace("content/demo/events.yaml", "The new bridge opens", "The edited event"),
    _append("content/demo/events.yaml", _EVENT),
    _replace("content/demo/pack.yaml", 'title: "Demo"', 'title: "Demo, edited"'),
    _write("content/demo/more.yaml", "events: []\n"),
    _append("content/demo/example-source.txt", "A sentence added to the article.\n"),
    _delete("decks/demo.apkg"),
    _delete("decks/demo.lock.json"),
    _write("decks/demo-quiz.html", "edited by hand\n"),
    _append("decks/demo.lock.json", "\n"),
], ids=["content-edited", "content-added", "pack-yaml-edited", "content-file-added",
        "source-text-edited", "deck-deleted", "lock-deleted",
        "quiz-altered", "lock-altered"])
def test_any_change_to_inputs_or_outputs_makes_a_full_build(
        workdir: Path, validations: list[Path], change: Callable[[Path], None]) -> None:
    run("build", "--sources", "texts")
    change(workdir)

    again = run("build", "--sources", "texts")

    assert again.exit_code == 0, again.output
    assert validations == [Path("content/demo")] * 2
    assert files(workdir / "decks") == full_build(workdir)[1]


@pytest.mark.parametrize("options", [
    ("--seed", "7"), ("--variants", "2"), ("--questions", "3"), ("--type-count", "matching=0"),
    ("--strict",),
], ids=["seed", "variants", "questions", "type-count", "strict"])
def test_other_options_make_a_full_build(workdir: Path, validations: list[Path],
                                         options: tuple[str, ...]) -> None:
    run("build", "--sources", "texts")

    again = run("build", "--sources", "texts", *options)

    assert again.exit_code == 0, again.output
    assert validations == [Path("content/demo")] * 2
    assert files(workdir / "decks") == full_build(workdir, *options)[1]


def test_without_the_sources_folder_is_a_full_build(workdir: Path,
                                                    validations: list[Path]) -> None:
    run("build", "--sources", "texts")

    assert run("build").exit_code == 0
    assert validations == [Path("content/demo")] * 2


def test_other_quizgen_code_makes_a_full_build(workdir: Path, validations: list[Path],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    run("build", "--sources", "texts")
    code = cache.code_fingerprint()
    monkeypatch.setattr(cache, "code_fingerprint", lambda: {**code, "quizgen": "0.0.0-other"})

    assert run("build", "--sources", "texts").exit_code == 0
    assert validations == [Path("content/demo")] * 2


def _canonical(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def test_the_fingerprint_counts_every_library_that_shapes_the_outputs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every runtime dependency but click, which only reads the command line, can change
    the bytes a build writes: pymorphy3 and its dictionaries inflect every prompt."""
    modules: dict[str, set[str]] = {}
    for module, distributions in importlib.metadata.packages_distributions().items():
        for distribution in distributions:
            if not module.startswith("_"):
                modules.setdefault(_canonical(distribution), set()).add(module)
    runtime = [_canonical(re.split(r"[\[<>=!~;\s]", requirement, maxsplit=1)[0])
               for requirement in importlib.metadata.requires("quizgen") or ()
               if "extra ==" not in requirement]
    needed = {module for distribution in runtime if distribution != "click"
              for module in modules[distribution]}

    assert {"pymorphy3", "pymorphy3_dicts_ru"} <= needed
    assert sorted(needed - set(cache.LIBRARIES)) == []
    code = cache.code_fingerprint()
    assert [library for library in cache.LIBRARIES if code[library] == "absent"] == []
    monkeypatch.setenv("PYMORPHY2_DICT_PATH", "/other/dictionaries")
    assert cache.code_fingerprint() != code


def test_warnings_are_repeated_by_a_rebuild(workdir: Path, validations: list[Path]) -> None:
    _replace("content/demo/events.yaml", "    actors:", "    actor:")(workdir)
    first = run("build", "--sources", "texts")

    again = run("build", "--sources", "texts")

    assert "unknown key 'actor'; did you mean 'actors'?" in first.stderr
    assert again.stderr == first.stderr
    assert validations == [Path("content/demo")]


def test_a_rebuild_under_strict_still_fails_on_warnings(workdir: Path) -> None:
    _replace("content/demo/events.yaml", "    actors:", "    actor:")(workdir)
    assert run("build", "--sources", "texts").exit_code == 0

    assert run("build", "--sources", "texts", "--strict").exit_code == 1


def test_check_never_trusts_the_build_cache(workdir: Path, validations: list[Path]) -> None:
    run("build", "--sources", "texts")

    check = run("build", "--sources", "texts", "--check")

    assert check.exit_code == 0
    assert check.stdout.splitlines()[-1] == "all outputs are up to date"
    assert validations == [Path("content/demo")] * 2


def test_a_damaged_cache_entry_only_costs_a_full_build(workdir: Path, validations: list[Path]) -> None:
    run("build", "--sources", "texts")
    for found in (workdir / "cache").rglob("*.json"):
        found.write_text("{not json", encoding="utf-8")

    assert run("build", "--sources", "texts").exit_code == 0
    assert validations == [Path("content/demo")] * 2


def test_a_rebuild_with_nothing_changed_loads_no_yaml_and_no_renderer(workdir: Path) -> None:
    run("build", "--sources", "texts")
    code = ("import sys; from quizgen.cli import main\n"
            "try:\n    main(['build', '--sources', 'texts'])\nexcept SystemExit as exit:\n"
            "    assert exit.code in (0, None), exit.code\n"
            "loaded = {'yaml', 'pydantic', 'genanki', 'jinja2'} & set(sys.modules)\n"
            "assert not loaded, loaded\n")

    subprocess.run([sys.executable, "-c", code], check=True, cwd=workdir,
                   env={"XDG_CACHE_HOME": str(workdir / "cache"), "PATH": ""})
