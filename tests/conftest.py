"""What every test shares: build stamps go to a cache folder of the test run's own."""

from __future__ import annotations

import os
from typing import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _stamp_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep ``quizgen build``'s stamps (see ``quizgen.stamp``) out of the user's cache."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous
