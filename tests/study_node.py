"""Runs the study page's pure logic in node, for tests that need no browser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Mapping

import pytest

HARNESS = Path(__file__).resolve().parent / "study_core.js"


def node() -> str:
    """The node executable; skips (fails under CI) where there is none."""
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have node for the study page's logic tests")
        pytest.skip("node is not installed")
    return found


def run_core(request: Mapping[str, Any], timezone: str = "UTC") -> Any:
    """``tests/study_core.js``'s answer to ``request``, with the page's clock in ``timezone``."""
    done = subprocess.run([node(), str(HARNESS)], input=json.dumps(request), text=True,
                          capture_output=True, check=False, timeout=300,
                          env={**os.environ, "TZ": timezone})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def call(name: str, *args: Any, timezone: str = "UTC") -> Any:
    """One function of the page's core, called with ``args``."""
    return run_core({"calls": [[name, *args]]}, timezone)[0]
