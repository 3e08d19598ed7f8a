"""The ``quizgen`` commands: exact output and exit codes of init, validate, stats and --debug."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.build import BuildProgress
from quizgen.cli import _ProgressLine, main

from init_packs import adopt_examples

_INIT_FILES = [
    "content/demo/actors.yaml",
    "content/demo/causes.yaml",
    "content/demo/disputes.yaml",
    "content/demo/events.yaml",
    "content/demo/example-source.txt",
    "content/demo/pack.yaml",
    "content/demo/schemas/content.schema.json",
    "content/demo/schemas/pack.schema.json",
]
_NEXT_STEPS = (
    "next: draft your article into it (quizgen draft ARTICLE.txt --pack demo), or replace "
    "content/demo/example-source.txt with its text and write items in the *.yaml files; delete "
    "the items marked example: true, then run:\n"
    "  quizgen validate demo\n"
    "  quizgen build demo\n")
_UNCHECKED = (
    "content/demo/pack.yaml: info: 7 quote(s) from source 'example-source' not checked: "
    "no text found (put example-source.txt in the pack's folder, set 'text:' in pack.yaml, or "
    "pass --sources DIR holding example-source.txt) "
    "[quotes-unchecked]\n"
)


def _run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args), prog_name="quizgen")
    assert "Traceback" not in result.output
    return result


def _usage_error(message: str) -> str:
    return ("Usage: quizgen [OPTIONS] COMMAND [ARGS]...\n"
            "Try 'quizgen --help' for help.\n\n"
            f"Error: {message}\n")


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def demo(in_tmp: Path) -> Path:
    """A pack made by ``quizgen init demo``, in content/ under the working directory, its
    examples made the author's own."""
    assert _run("init", "demo").exit_code == 0
    return adopt_examples(in_tmp / "content" / "demo")


def test_init_creates_a_pack_that_validates(in_tmp: Path) -> None:
    init = _run("init", "demo")

    assert init.stdout == "".join(f"created {name}\n" for name in _INIT_FILES) + _NEXT_STEPS
    assert init.exit_code == 0
    validate = _run("validate")
    assert validate.stdout == "content/demo: ok, 0 error(s), 7 warning(s); 7 quote(s) verified\n"
    assert validate.exit_code == 0
    adopt_examples(in_tmp / "content" / "demo")
    strict = _run("validate", "--strict")
    assert (strict.stdout, strict.stderr) == ("content/demo: ok; 7 quote(s) verified\n", "")
    assert strict.exit_code == 0


def test_init_marks_its_examples_which_fail_validate_strict_until_deleted(in_tmp: Path) -> None:
    assert _run("init", "demo").exit_code == 0

    strict = _run("validate", "--strict")

    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[0] == (
        "content/demo/actors.yaml:7:14: warning: actors[city-council].example: an example item "
        "that quizgen init wrote: delete it once the pack has its own (or delete `example: "
        "true` if you made it yours) [example]")
    assert strict.stderr.count("[example]") == 7  # six items and the example source
    alone = _run("accept", "demo", "--drop-examples")
    assert alone.exit_code == 1
    assert alone.stderr.startswith(
        "content/demo/pack.yaml:12:9: error: sources[example-source]: the example source is the "
        "pack's only source: draft your article into the pack first")
    (in_tmp / "article.txt").write_text("On 3 June 2024 the council voted to end the ferry.\n",
                                        encoding="utf-8")
    assert _run("draft", "article.txt", "--pack", "demo").exit_code == 0
    dropped = _run("accept", "demo", "--all", "--drop-examples")
    assert dropped.exit_code == 0, dropped.output
    assert "deleted content/demo/example-source.txt\n" in dropped.output
    assert not [p for p in (in_tmp / "content/demo").glob("*.yaml")
                if "example" in p.read_text(encoding="utf-8")]
    assert _run("validate", "--strict", "--sources", ".", "demo").stderr.count("[example]") == 0


@pytest.mark.parametrize(("folder", "language", "pack_id", "title"), [
    ("packs/karibskiy", "ru", "karibskiy", "Новый пакет"),
    ("content/карибский-кризис", "ru", "karibskiy-krizis", "Карибский кризис"),
    ("content/berlin-airlift", "en", "berlin-airlift", "Berlin airlift"),
    ("content/берлин", "en", "berlin", "A new pack"),
    ("./en-panama", "en", "en-panama", "En panama"),
], ids=["latin-name-of-a-russian-pack", "russian-name", "english-name", "russian-name-english",
        "in-the-current-folder"])
def test_init_takes_a_folder_path_and_titles_the_pack_in_its_language(
        in_tmp: Path, folder: str, language: str, pack_id: str, title: str) -> None:
    result = _run("init", folder, "--language", language)

    assert result.exit_code == 0, result.output
    assert f"  quizgen validate {folder}\n" in result.stdout
    text = (in_tmp / folder / "pack.yaml").read_text(encoding="utf-8")
    assert f"\nid: {pack_id}\ntitle: \"{title}\"\n" in text
    assert _run("validate", folder).exit_code == 0


def test_init_example_claims_are_statements_of_their_own(in_tmp: Path) -> None:
    for language in ("en", "ru"):
        assert _run("init", f"packs/{language}", "--language", language).exit_code == 0
        text = (in_tmp / "packs" / language / "disputes.yaml").read_text(encoding="utf-8")
        claims = [line.split("claim: ", 1)[1] for line in text.splitlines() if "claim: " in line]
        assert len(claims) == 2
        assert not [c for c in claims if c.strip('"').split()[0].rstrip(":").lower()
                    in {"yes", "no", "да", "нет"}]


def test_init_writes_russian_packs_too(in_tmp: Path) -> None:
    assert _run("init", "demo", "--language", "ru").exit_code == 0

    assert "language: ru\n" in (in_tmp / "content/demo/pack.yaml").read_text(encoding="utf-8")
    assert _run("validate").exit_code == 0


def test_init_refuses_a_folder_that_holds_a_pack(demo: Path) -> None:
    before = (demo / "events.yaml").read_bytes()

    result = _run("init", "demo")

    assert result.stderr == _usage_error(
        "content/demo already exists and holds pack.yaml: init makes a new pack and replaces "
        "no file")
    assert result.exit_code == 2
    assert (demo / "events.yaml").read_bytes() == before


@pytest.mark.parametrize("present", ["notes.yaml", "schemas"], ids=["a-yaml-file", "schemas"])
def test_init_refuses_a_folder_with_a_file_of_a_pack(in_tmp: Path, present: str) -> None:
    folder = in_tmp / "content" / "demo"
    folder.mkdir(parents=True)
    (folder / present).write_text("", encoding="utf-8")

    result = _run("init", "demo")

    assert result.stderr == _usage_error(f"content/demo already exists and holds {present}: "
                                         "init makes a new pack and replaces no file")
    assert sorted(p.name for p in folder.iterdir()) == [present]


def test_init_refuses_a_file_in_the_folders_place(in_tmp: Path) -> None:
    (in_tmp / "content").mkdir()
    (in_tmp / "content" / "demo").write_text("notes", encoding="utf-8")

    result = _run("init", "demo")

    assert result.stderr == _usage_error("content/demo already exists and is not a folder")
    assert (in_tmp / "content" / "demo").read_text(encoding="utf-8") == "notes"


def test_init_makes_a_pack_around_the_texts_already_in_its_folder(in_tmp: Path) -> None:
    """An author with articles saved in a folder starts the pack there, and is told to draft
    each of them."""
    folder = in_tmp / "content" / "demo"
    folder.mkdir(parents=True)
    (folder / "letters.txt").write_text("In May 1897 the letters came.", encoding="utf-8")
    (folder / "diary.txt").write_text("In June 1897 the diary ends.", encoding="utf-8")

    result = _run("init", "demo")

    assert result.exit_code == 0, result.output
    assert (folder / "letters.txt").read_text(encoding="utf-8") == "In May 1897 the letters came."
    assert "next: draft the texts already in content/demo into it, one by one:\n" \
        "  quizgen draft content/demo/diary.txt --pack demo\n" \
        "  quizgen draft content/demo/letters.txt --pack demo\n" in result.output
    assert _run("validate", "content/demo").exit_code == 0


@pytest.mark.parametrize("name", ["My_Pack", "a" * 81], ids=["not-an-id", "81-characters"])
def test_init_refuses_a_name_that_is_not_an_id(in_tmp: Path, name: str) -> None:
    result = _run("init", name)

    assert result.stderr == _usage_error(
        f"pack name '{name}' must be lowercase latin letters, digits and hyphens, at most 80 "
        "characters")
    assert result.exit_code == 2
    assert not (in_tmp / "content").exists()


def test_init_takes_a_name_of_80_characters_and_the_pack_validates(in_tmp: Path) -> None:
    name = "a" * 80

    assert _run("init", name).exit_code == 0
    adopt_examples(in_tmp / "content" / name)
    result = _run("validate", name)

    assert result.exit_code == 0, result.output
    assert result.stdout == f"content/{name}: ok; 7 quote(s) verified\n"


def test_validate_a_folder_that_does_not_exist(in_tmp: Path) -> None:
    result = _run("validate", "no-such-pack")

    assert result.stderr == _usage_error("pack folder 'no-such-pack' does not exist")
    assert result.exit_code == 2


def test_validate_without_arguments_needs_a_content_folder(in_tmp: Path) -> None:
    result = _run("validate")

    assert result.stderr == _usage_error(
        "no content/ folder here; name a pack folder or run 'quizgen init NAME'")
    assert result.exit_code == 2


def test_validate_without_arguments_needs_a_pack_in_content(in_tmp: Path) -> None:
    (in_tmp / "content" / "notes").mkdir(parents=True)

    result = _run("validate")

    assert result.stderr == _usage_error(
        "no packs under content/ (a pack is a folder with pack.yaml)")
    assert result.exit_code == 2


def test_validate_without_arguments_checks_every_pack_under_content(demo: Path) -> None:
    assert _run("init", "other").exit_code == 0
    adopt_examples(demo.parent / "other")
    (demo / "disputes.yaml").write_text("disputes: {}\n", encoding="utf-8")

    result = _run("validate")

    assert result.stderr == ("content/demo/disputes.yaml:1:11: error: disputes: "
                             "expected a list of disputes, got a mapping [type]\n")
    assert result.stdout == ("content/demo: failed, 1 error(s), 0 warning(s); "
                             "5 quote(s) verified\n"
                             "content/other: ok; 7 quote(s) verified\n")
    assert result.exit_code == 1


def test_stats_of_the_init_pack(demo: Path) -> None:
    result = _run("stats")

    assert result.stdout == (
        "demo: Demo\n"
        "  events         1\n"
        "  actors         3\n"
        "  causes         1\n"
        "  disputes       1\n"
        "  sources        1\n"
        "  citations per source:\n"
        "    example-source               7\n"
        "  dates     2024-05-01 … 2024-05-01\n"
        "  quotes    7 verified, 0 not checked\n"
        "  cards and quiz questions per item:\n"
        "    events[bridge-opened]                      3 card(s)   3 quiz\n"
        "    actors[city-council]                       2 card(s)   2 quiz\n"
        "    actors[mayor]                              2 card(s)   2 quiz\n"
        "    actors[opposition]                         2 card(s)   2 quiz\n"
        "    causes[queues-led-to-bridge]               1 card(s)   1 quiz\n"
        "    disputes[bridge-worth-it]                  4 card(s)   2 quiz\n"
    )
    assert result.exit_code == 0


def test_stats_date_range_spans_dates_of_any_precision(demo: Path) -> None:
    (demo / "more.yaml").write_text("""events:
  - id: later
    date: 2025
    title: Later
    summary: Something later.
    sources:
      - source: example-source
        quote: the new bridge over the river was opened
  - id: earlier
    date: "2023-11"
    approximate: true
    title: Earlier
    summary: Something earlier.
    sources:
      - source: example-source
        quote: It was built by the City Council
""", encoding="utf-8")

    result = _run("stats")

    assert "  dates     2023-11 … 2025\n" in result.stdout
    assert "  quotes    9 verified, 0 not checked\n" in result.stdout
    assert result.exit_code == 0


def test_stats_refuses_a_pack_with_errors(demo: Path) -> None:
    (demo / "disputes.yaml").write_text("disputes: {}\n", encoding="utf-8")

    result = _run("stats")

    assert result.stderr == ("content/demo/disputes.yaml:1:11: error: disputes: "
                             "expected a list of disputes, got a mapping [type]\n"
                             "quizgen: error: 1 error(s) in content\n")
    assert result.exit_code == 1


@pytest.fixture
def demo_without_text(demo: Path, in_tmp: Path) -> Path:
    """The init pack with its article moved out of the pack, to sources/."""
    pack_yaml = demo / "pack.yaml"
    text = pack_yaml.read_text(encoding="utf-8")
    pack_yaml.write_text(text.replace("    text: example-source.txt\n", ""), encoding="utf-8")
    (in_tmp / "sources").mkdir()
    (demo / "example-source.txt").rename(in_tmp / "sources" / "example-source.txt")
    return demo


def test_quotes_without_a_source_text_are_reported_as_not_checked(
        demo_without_text: Path) -> None:
    result = _run("validate", "--strict", "content/demo")

    assert result.stderr == _UNCHECKED
    assert result.stdout == ("content/demo: ok; 0 quote(s) verified, "
                             "7 not checked (no source text)\n")
    assert result.exit_code == 0


def test_sources_folder_supplies_the_text_quotes_are_checked_against(
        demo_without_text: Path) -> None:
    result = _run("validate", "--strict", "--sources", "sources", "content/demo")

    assert (result.stdout, result.stderr) == ("content/demo: ok; 7 quote(s) verified\n", "")
    assert result.exit_code == 0


def test_sources_folder_text_that_lacks_a_quote(demo_without_text: Path, in_tmp: Path) -> None:
    article = in_tmp / "sources" / "example-source.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("new bridge", "bridge"),
                       encoding="utf-8")

    result = _run("validate", "--sources", "sources", "content/demo")

    assert result.stderr == (
        "content/demo/events.yaml:11:16: error: events[bridge-opened].sources[0].quote: "
        "quote not found in the text of source 'example-source': the text has nothing where the "
        "quote has «new», between «…on 1 may 2024 the» and «bridge over the river was…» "
        "[quote-not-found]\n")
    assert result.exit_code == 1


def test_text_in_pack_yaml_wins_over_sources_folder(demo: Path, in_tmp: Path) -> None:
    (in_tmp / "sources").mkdir()
    (in_tmp / "sources" / "example-source.txt").write_text("Nothing quoted here.\n",
                                                           encoding="utf-8")

    result = _run("validate", "--sources", "sources", "content/demo")

    assert result.stdout == "content/demo: ok; 7 quote(s) verified\n"
    assert result.exit_code == 0


def test_warnings_fail_only_under_strict(demo: Path) -> None:
    events = demo / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("    actors:", "    actor:"),
                      encoding="utf-8")
    warning = ("content/demo/events.yaml:8:5: warning: events[bridge-opened].actor: "
               "unknown key 'actor'; did you mean 'actors'? [unknown-key]\n")

    lenient = _run("validate", "content/demo")
    strict = _run("validate", "--strict", "content/demo")

    assert (lenient.stderr, lenient.exit_code) == (warning, 0)
    assert lenient.stdout == "content/demo: ok, 0 error(s), 1 warning(s); 7 quote(s) verified\n"
    assert (strict.stderr, strict.exit_code) == (warning, 1)
    assert strict.stdout == ("content/demo: failed, 0 error(s), 1 warning(s); "
                             "7 quote(s) verified\n")


def test_python_dash_m_quizgen_shows_help() -> None:
    result = subprocess.run([sys.executable, "-m", "quizgen", "--help"],
                            capture_output=True, text=True, timeout=60, check=False)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: quizgen [OPTIONS] COMMAND [ARGS]...\n")
    for command in ("build", "init", "schema", "stats", "validate"):
        assert f"\n  {command} " in result.stdout


def test_debug_is_accepted(demo: Path) -> None:
    result = _run("--debug", "validate", "content/demo")

    assert result.stdout == "content/demo: ok; 7 quote(s) verified\n"
    assert result.exit_code == 0


def _crash(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


def test_an_unexpected_error_is_one_line_without_debug(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizgen.validate.validate_pack", _crash)

    result = _run("validate", "content/demo")

    assert result.stderr == ("quizgen: error: internal error: RuntimeError: boom "
                             "(this is a bug; run with --debug for details)\n")
    assert result.exit_code == 70


def test_an_unexpected_error_shows_its_traceback_under_debug(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizgen.validate.validate_pack", _crash)

    result = CliRunner().invoke(main, ["--debug", "validate", "content/demo"])

    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert result.stderr.endswith("RuntimeError: boom\nquizgen: error: internal error: "
                                  "RuntimeError: boom (this is a bug; run with --debug "
                                  "for details)\n")
    assert result.exit_code == 70


# --- progress --------------------------------------------------------------------------

def test_build_off_a_terminal_shows_no_progress(demo: Path) -> None:
    build = _run("build")

    assert build.exit_code == 0
    assert build.stderr == ""
    assert build.stdout.splitlines()[-3].startswith(
        "decks/demo-quiz.html: quiz, student copy, seed 1:")
    assert build.stdout.splitlines()[-2].startswith("decks/demo-quiz-key.html: answer key")
    assert build.stdout.splitlines()[-1].startswith("decks/demo-study.html: study page:")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _step(done: int, message: str) -> BuildProgress:
    return BuildProgress(done, 4, message)


def test_progress_bar_shows_after_the_delay_and_is_wiped_at_the_end(
        monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(_ProgressLine, "DELAY", 3600.0)  # the test shows the bar itself

    with _ProgressLine() as progress:
        progress(_step(0, "validating content/big"))
        assert terminal.getvalue() == "", "nothing before the delay"
        progress._show()  # what the timer does once the delay is over
        progress(_step(2, "big: rendering quizzes"))

    assert terminal.getvalue().split("\r") == [
        "", "\x1b[K[--------------------] validating content/big",
        "\x1b[K[##########----------] big: rendering quizzes", "\x1b[K"]


def test_progress_bar_comes_up_by_itself_once_the_delay_is_over(
        monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(_ProgressLine, "DELAY", 0.05)

    with _ProgressLine() as progress:
        progress(_step(0, "validating content/big"))
        deadline = time.monotonic() + 5
        while not terminal.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
        shown = terminal.getvalue()

    assert shown == "\r\x1b[K[--------------------] validating content/big"
    assert terminal.getvalue().endswith("\r\x1b[K")


def test_progress_bar_stays_away_from_a_fast_build_and_from_files(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for stream in (_Terminal(), io.StringIO()):
        monkeypatch.setattr(sys, "stderr", stream)
        with _ProgressLine() as progress:
            progress(_step(1, "validating content/small"))
        progress._show()  # a timer that fires as the build ends
        assert stream.getvalue() == ""


def test_a_bare_pack_name_finds_the_pack_under_content(demo: Path) -> None:
    validate = _run("validate", "--strict", "demo")
    build = _run("build", "demo", "--out", "decks")

    assert (validate.stdout, validate.exit_code) == ("content/demo: ok; 7 quote(s) verified\n", 0)
    assert build.exit_code == 0
    assert (demo.parent.parent / "decks" / "demo.apkg").is_file()


def test_a_name_under_content_without_pack_yaml_is_hinted(in_tmp: Path) -> None:
    (in_tmp / "content" / "great-stink").mkdir(parents=True)

    result = _run("validate", "great-stink")

    assert result.stderr == _usage_error(
        "pack folder 'great-stink' does not exist; did you mean content/great-stink?")
    assert result.exit_code == 2


@pytest.mark.parametrize("option", [["--seed", "-1"], ["--variants", "27"], ["--questions", "0"]],
                         ids=["negative-seed", "too-many-variants", "no-questions"])
def test_an_option_outside_its_range_is_a_usage_error(demo: Path, option: list[str]) -> None:
    result = _run("build", "demo", *option)

    assert result.exit_code == 2
    assert f"Invalid value for '{option[0]}'" in result.stderr
    assert not (demo.parent.parent / "decks").exists()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("file, old, new, expected", [
    ("events.yaml", 'summary: "The City Council opens a bridge that replaces the old ferry crossing."',
     "summary: The City Council: opens a bridge that replaces the old ferry crossing.",
     "content/demo/events.yaml:7:30: error: invalid YAML: mapping values are not allowed in "
     "this context [yaml-syntax]\n"
     "content/demo/causes.yaml:7:13: note: causes[queues-led-to-bridge].effect: event "
     "'bridge-opened' has errors (content/demo/events.yaml:4) [broken-reference]\n"),
    ("events.yaml", 'date: "2024-05-01"', 'date: "2024-13-01"',
     "content/demo/events.yaml:5:11: error: events[bridge-opened].date: impossible date "
     "'2024-13-01': month must be 1 to 12 [date]\n"
     "content/demo/causes.yaml:7:13: note: causes[queues-led-to-bridge].effect: event "
     "'bridge-opened' has errors (content/demo/events.yaml:4) [broken-reference]\n"),
    ("actors.yaml", "    kind: person", "\tkind: person",
     "content/demo/actors.yaml:13:1: error: tab character in indentation; indent with spaces "
     "[tab]\n"
     "content/demo/disputes.yaml:8:17: note: disputes[bridge-worth-it].positions[0].holder: "
     "actor 'mayor' has errors (content/demo/actors.yaml:11) [broken-reference]\n"
     "content/demo/disputes.yaml:13:17: note: disputes[bridge-worth-it].positions[1].holder: "
     "actor 'opposition' has errors (content/demo/actors.yaml:18) [broken-reference]\n"
     "content/demo/events.yaml:8:14: note: events[bridge-opened].actors[0]: actor "
     "'city-council' has errors (content/demo/actors.yaml:4) [broken-reference]\n"),
], ids=["unquoted-colon", "wrong-date", "tab-in-actors"])
def test_one_mistake_is_one_error_then_its_consequences_as_notes(
        demo: Path, file: str, old: str, new: str, expected: str) -> None:
    _edit(demo / file, old, new)

    result = _run("validate", "demo")

    assert result.stderr == expected
    assert result.stdout.startswith("content/demo: failed, 1 error(s), 0 warning(s);")
    assert result.exit_code == 1


def test_prose_written_like_an_id_is_said_to_be_taken_for_one(demo: Path) -> None:
    _edit(demo / "causes.yaml", "effect: bridge-opened", "effect: well-founded")

    result = _run("validate", "demo")

    assert result.stderr == (
        "content/demo/causes.yaml:7:13: error: causes[queues-led-to-bridge].effect: unknown "
        "event id 'well-founded' (taken for an event id, as it is written like one; prose needs "
        "a space or a capital letter) [unknown-reference]\n")


def test_type_counts_beyond_the_questions_asked_are_a_usage_error(demo: Path) -> None:
    result = _run("build", "demo", "--questions", "5", "--type-count", "multiple_choice=10")

    assert result.exit_code == 2
    assert ("Invalid value for --type-count: the types ask for 10 questions, more than "
            "--questions 5") in result.stderr
