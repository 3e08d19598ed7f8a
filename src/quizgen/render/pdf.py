"""Printing quiz pages to PDF with a headless Chromium found on PATH.

The browser prints what the HTML's CSS asks for (paper size, margins, page
breaks), so a PDF looks exactly like the page printed from a browser. Chromium
stamps the time of printing into each PDF: unlike the HTML, the PDFs are not
byte-for-byte reproducible.

All pages print in one Chromium, each in a tab of its own and all at once: a
browser spends most of its time starting up, so a build's student copies and keys
take little longer than one of them. quizgen speaks to the browser over its
DevTools pipe (``--remote-debugging-pipe``: JSON messages, each ended by a NUL
byte, on file descriptors 3 and 4), which needs nothing beyond the standard library.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Optional, Sequence

from ..problems import QuizgenError

BROWSERS = ("chromium", "chromium-browser", "google-chrome")

# Headless, no sandbox (containers and CI run as root), and nothing that reaches the
# network or needs a display: the page is a local file that fetches nothing.
BROWSER_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")
PRINT_TIMEOUT = 120
CLOSE_TIMEOUT = 0.5
# As the page's CSS asks: its paper, its margins, its footer; no header or footer of Chromium's.
_PRINT = {"preferCSSPageSize": True, "printBackground": True, "displayHeaderFooter": False}
# The descriptors Chromium reads its commands from and writes its answers to.
_COMMANDS_FD, _ANSWERS_FD = 3, 4


class BrowserNotFoundError(QuizgenError):
    """PDF output was asked for, but no Chromium is installed."""


class PrintError(QuizgenError):
    """Chromium ran but did not produce a PDF."""


def find_browser() -> str:
    """The first of :data:`BROWSERS` on PATH."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserNotFoundError(
        f"--pdf needs headless Chromium, but none of {', '.join(BROWSERS)} is on PATH; "
        "install one (Debian: apt-get install chromium) or build without --pdf")


def print_pdfs(pages: Sequence[bytes], browser: Optional[str] = None) -> list[bytes]:
    """Each HTML page printed to PDF, in order; the pages print at once in one browser."""
    if not pages:
        return []
    with Printer(browser or find_browser()) as printer:
        return printer.print(pages)


class Printer:
    """A Chromium started ahead of the pages it is to print, so that it starts meanwhile.

    A build starts it before it validates; the pages, once made, print at once. A
    process forked after it started may print with it (the browser's pipe is inherited),
    as long as only one process at a time does.
    """

    def __init__(self, executable: str) -> None:
        self.executable = executable
        # Chromium's helpers may still be leaving the profile as it is removed.
        self.folder = tempfile.TemporaryDirectory(prefix="quizgen-pdf-", ignore_cleanup_errors=True)
        self.browser = _Browser(executable, Path(self.folder.name) / "profile")
        self.printed = 0

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.browser.close()
        self.folder.cleanup()

    def print(self, pages: Sequence[bytes]) -> list[bytes]:
        files = []
        for page in pages:
            html = Path(self.folder.name) / f"quiz-{os.getpid()}-{self.printed}.html"
            self.printed += 1
            html.write_bytes(page)
            files.append(html)
        pdfs = self.browser.print_all([f.as_uri() for f in files])
        for pdf in pdfs:
            if not pdf.startswith(b"%PDF"):
                raise PrintError(f"{self.executable} printed something that is not a PDF")
        return pdfs


class _Browser:
    """A headless Chromium driven over its DevTools pipe."""

    def __init__(self, executable: str, profile: Path) -> None:
        self.executable = executable
        self.deadline = time.monotonic() + PRINT_TIMEOUT
        commands_read, self.commands = os.pipe()
        self.answers, answers_write = os.pipe()
        # Its messages go to a file: a thread reading them would keep a build from forking.
        self.log = tempfile.TemporaryFile()
        command = [executable, *BROWSER_FLAGS, f"--user-data-dir={profile}",
                   "--remote-debugging-pipe", "--no-startup-window", "--disable-dev-shm-usage"]

        def descriptors() -> None:  # in the child, before exec
            # Above 4 first, so that putting one in place cannot close the other.
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (commands_read, answers_write)]
            os.dup2(high[0], _COMMANDS_FD)
            os.dup2(high[1], _ANSWERS_FD)

        try:
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=self.log, pass_fds=(_COMMANDS_FD, _ANSWERS_FD),
                preexec_fn=descriptors)
        except OSError as exc:
            for fd in (commands_read, answers_write, self.commands, self.answers):
                os.close(fd)
            raise PrintError(f"cannot run {executable}: {exc.strerror or exc}") from None
        os.close(commands_read)
        os.close(answers_write)
        self.buffer = b""
        self.next_id = 0
        self.replies: dict[int, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        """Asks the browser to quit; nothing of its profile is kept, so it need not take long."""
        try:
            self._send("Browser.close")
            self.process.wait(timeout=CLOSE_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        os.close(self.commands)
        os.close(self.answers)
        self.log.close()

    def _last_message(self) -> str:
        self.log.seek(0)
        lines = self.log.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else ""

    # --- the pipe ------------------------------------------------------------------

    def _send(self, method: str, params: Optional[dict[str, Any]] = None,
              session: Optional[str] = None) -> int:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            data = data[os.write(self.commands, data):]
        return self.next_id

    def _read(self) -> None:
        """Reads one message from the browser into :attr:`replies` or :attr:`events`."""
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0 or not select.select([self.answers], [], [], left)[0]:
                self.process.kill()
                raise PrintError(f"{self.executable} did not print the quizzes within "
                                 f"{PRINT_TIMEOUT} s")
            chunk = os.read(self.answers, 1 << 20)
            if not chunk:
                detail = self._last_message()
                raise PrintError(f"{self.executable} could not print the quizzes to PDF"
                                 f"{': ' + detail if detail else ''}")
            self.buffer += chunk
        raw, _, self.buffer = self.buffer.partition(b"\0")
        message = json.loads(raw)
        if "id" in message:
            self.replies[message["id"]] = message
        else:
            self.events.append(message)

    def _results(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        """The results of the commands sent as ``ids``, in order, once all have come."""
        while not all(i in self.replies for i in ids):
            self._read()
        results = []
        for i in ids:
            reply = self.replies.pop(i)
            if "error" in reply:
                raise PrintError(f"{self.executable} refused to print: "
                                 f"{reply['error'].get('message', reply['error'])}")
            results.append(reply.get("result", {}))
        return results

    # --- printing ------------------------------------------------------------------

    def print_all(self, urls: Sequence[str]) -> list[bytes]:
        """Each URL opened in a tab of its own and printed, all at once."""
        [context] = self._results([self._send("Target.createBrowserContext")])
        targets = self._results([
            self._send("Target.createTarget", {"url": "about:blank",
                                               "browserContextId": context["browserContextId"]})
            for _ in urls])
        sessions = [r["sessionId"] for r in self._results([
            self._send("Target.attachToTarget", {"targetId": t["targetId"], "flatten": True})
            for t in targets])]
        self._results([self._send("Page.enable", session=s) for s in sessions])
        for url, session in zip(urls, sessions):
            self._send("Page.navigate", {"url": url}, session=session)
        # Each page prints as soon as it has loaded, while the others still load.
        printing: dict[str, int] = {}
        while len(printing) < len(sessions):
            for event in self.events:
                session = event.get("sessionId", "")
                if (event.get("method") == "Page.loadEventFired" and session in sessions
                        and session not in printing):
                    printing[session] = self._send("Page.printToPDF", _PRINT, session=session)
            self.events.clear()
            if len(printing) < len(sessions):
                self._read()
        printed = self._results([printing[s] for s in sessions])
        return [base64.b64decode(p["data"]) for p in printed]
