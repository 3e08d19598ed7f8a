"""What every test shares: a cache folder of the run's own, and the system Chromium.

Browser tests ask for the ``chromium_executable`` fixture. Where Chromium is missing they
are skipped, and the run ends with one line saying which and how to install it; under
``CI`` a missing Chromium fails them instead, so CI never passes with them skipped.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest

NO_CHROMIUM = "Chromium is not installed"
INSTALL_HINT = "install Debian's 'chromium' package (apt-get install chromium) to run them"


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


def find_chromium() -> str | None:
    """The system Chromium, on PATH or where Debian installs it."""
    found = shutil.which("chromium")
    if found is None and Path("/usr/bin/chromium").is_file():
        found = "/usr/bin/chromium"
    return found


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """The path of Chromium; skips (fails under CI) where there is none."""
    found = find_chromium()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Chromium for the browser tests (scripts/ensure-chromium)")
        pytest.skip(NO_CHROMIUM)
    return found


def pytest_unconfigure(config: pytest.Config) -> None:
    """A last line, after pytest's own count, naming the browser tests a missing Chromium skipped."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = [report.nodeid for report in reporter.stats.get("skipped", [])
               if NO_CHROMIUM in str(report.longrepr)]
    if skipped:
        files = ", ".join(sorted({nodeid.split("::")[0] for nodeid in skipped}))
        reporter.write_line(f"{len(skipped)} browser test(s) skipped because "
                            f"{NO_CHROMIUM.lower()} ({files}): {INSTALL_HINT}")


ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "articles"


@pytest.fixture(scope="session")
def articles() -> Path:
    """The articles the bundled pack quotes, beside the checkout; CI must have them."""
    if not (ARTICLES / "new-stage.txt").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have the articles beside the repository at {ARTICLES}")
        pytest.skip("the source articles are not beside this checkout")
    return ARTICLES


QTI_SCHEMAS = Path(__file__).resolve().parent.parent.parent / "shared" / "qti"


@pytest.fixture(scope="session")
def qti_schemas() -> dict[str, object]:
    """IMS's QTI 2.1 XSDs (item and manifest); under CI their absence is a failure."""
    from lxml import etree

    if not (QTI_SCHEMAS / "qtiv2p1" / "imsqti_v2p1.xsd").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have the QTI 2.1 XSDs in {QTI_SCHEMAS}")
        pytest.skip(f"the IMS QTI 2.1 XSDs are not in {QTI_SCHEMAS} (see its README)")
    return {"item": etree.XMLSchema(etree.parse(str(QTI_SCHEMAS / "qtiv2p1" / "imsqti_v2p1.xsd"))),
            "manifest": etree.XMLSchema(etree.parse(str(QTI_SCHEMAS / "imscp_v1p1.xsd")))}
