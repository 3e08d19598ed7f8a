"""A step started aside runs in a forked child where it can, and gives what it would here.

``quizgen.aside`` moves the quizzes onto a second core. Whether the child ran, failed
or could not start, the caller gets the step's own result or its own error, and a
build is the same bytes either way.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen import aside
from quizgen.cli import main

needs_fork = pytest.mark.skipif(not aside._can_fork(), reason="forking is not possible here")


@needs_fork
def test_a_step_runs_in_a_child_process_and_hands_back_its_result() -> None:
    with aside.start_aside(lambda: (os.getpid(), ["quiz", b"\x00bytes"])) as later:
        pid, value = later.result()
    assert pid != os.getpid()
    assert value == ["quiz", b"\x00bytes"]


@needs_fork
def test_a_step_that_fails_in_the_child_runs_again_here() -> None:
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            raise RuntimeError("only the child fails")
        return "done here"

    with aside.start_aside(work) as later:
        assert later.result() == "done here"


def test_a_failing_step_raises_its_own_error() -> None:
    def work() -> None:
        raise ValueError("bad quiz settings")

    with aside.start_aside(work) as later, pytest.raises(ValueError, match="bad quiz settings"):
        later.result()


@needs_fork
def test_a_low_priority_child_runs_at_the_lowest_priority_and_leaves_this_one_alone() -> None:
    here = os.nice(0)
    with aside.start_aside(lambda: os.nice(0), low_priority=True) as later:
        assert later.result() == 19
    with aside.start_aside(lambda: os.nice(0)) as later:
        assert later.result() == here
    assert os.nice(0) == here


@needs_fork
def test_leaving_without_the_result_stops_the_child() -> None:
    with aside.start_aside(lambda: time.sleep(60)) as later:
        child = later._child
    assert child is not None
    pid, _ = child
    with pytest.raises(ChildProcessError):  # reaped already: no process, no zombie
        os.waitpid(pid, os.WNOHANG)


def test_a_step_runs_here_where_forking_is_not_possible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aside, "_can_fork", lambda: False)
    with aside.start_aside(os.getpid) as later:
        assert later.result() == os.getpid()


@needs_fork
def test_a_step_runs_here_when_the_system_refuses_a_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    open_before = len(os.listdir("/proc/self/fd"))
    with aside.start_aside(os.getpid) as later:
        assert later.result() == os.getpid()
    assert len(os.listdir("/proc/self/fd")) == open_before  # the result file is closed


@needs_fork
def test_a_build_is_the_same_bytes_with_quizzes_rendered_aside_or_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    assert CliRunner().invoke(main, ["init", "demo"]).exit_code == 0
    forks: list[int] = []
    real_fork = os.fork

    def counted_fork() -> int:
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", counted_fork)
    aside_run = CliRunner().invoke(main, ["build", "--out", "aside"], env=env)
    assert forks, "the quizzes were not rendered aside"
    monkeypatch.setattr(aside, "_can_fork", lambda: False)
    here_run = CliRunner().invoke(main, ["build", "--out", "here"], env=env)

    assert aside_run.exit_code == here_run.exit_code == 0, aside_run.output + here_run.output
    built = {p.name: p.read_bytes() for p in sorted((tmp_path / "aside").iterdir())}
    assert any(name.endswith(".html") for name in built)
    assert built == {p.name: p.read_bytes() for p in sorted((tmp_path / "here").iterdir())}
