"""Printing quiz pages to PDF with a headless Chromium found on PATH.

The browser prints what the HTML's CSS asks for (paper size, margins, page
breaks), so a PDF looks exactly like the page printed from a browser. Chromium
stamps the time of printing into each PDF: unlike the HTML, the PDFs are not
byte-for-byte reproducible.

All pages print in one Chromium, a few tabs at once: a browser spends most of
its time starting up, so a build's student copies and keys take little longer
than one of them. The browser starts, and opens its tabs, while the build
validates; each page is written straight into a tab (``Page.setDocumentContent``:
no file, no navigation, no load event to wait for) and printed, from a thread of
its own while the build renders the rest. quizgen speaks to the browser over its
DevTools pipe (``--remote-debugging-pipe``: JSON messages, each ended by a NUL
byte, on file descriptors 3 and 4), which needs nothing beyond the standard library.
"""

from __future__ import annotations

import base64
import binascii
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Sequence

from ..problems import QuizgenError

if TYPE_CHECKING:
    from concurrent.futures import Future

BROWSERS = ("chromium", "chromium-browser", "google-chrome")

# Headless, no sandbox (containers and CI run as root), and nothing that reaches the
# network or needs a display: the page is a local file that fetches nothing.
BROWSER_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")
# What quizgen prints with. A tab's window preloads the address bar's popup, a web page
# of its own that costs a renderer about half a second of CPU; nothing here types a URL.
PRINT_FLAGS = (*BROWSER_FLAGS, "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup")
# How long the browser may take to answer one round of commands (start and open its tabs,
# or take and print one batch of pages): a browser that hangs fails its job, however many
# pages the job has, and a long job is not cut short.
PRINT_TIMEOUT = 120
# The longest answer read from the browser: a PDF, in base64, of a long quiz is a few MB.
MAX_MESSAGE_BYTES = 256 * 2**20
CLOSE_TIMEOUT = 0.5
# Tabs print at once: two keep two cores busy; each more costs a renderer to start while
# the build still needs the CPU.
TABS = 2
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

    A build starts it before it validates; its tabs open while the build goes on. The
    browser is driven from a thread of its own, so pages handed to :meth:`submit` print
    while the build renders the rest.
    """

    def __init__(self, executable: str) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.executable = executable
        # Chromium's helpers may still be leaving the profile as it is removed.
        self.folder = tempfile.TemporaryDirectory(prefix="quizgen-pdf-", ignore_cleanup_errors=True)
        self.browser = _Browser(executable, Path(self.folder.name) / "profile")
        # One thread: what it is given runs in order, the tabs opening first.
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quizgen-pdf")
        self.opened = self.thread.submit(self.browser.open_tabs, TABS)

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.browser.close()
        self.thread.shutdown()
        self.browser.forget()
        self.folder.cleanup()

    def finish(self) -> None:
        """Lets the browser go once nothing more is to print: it quits while the build writes."""
        self.browser.quit()

    def submit(self, pages: Sequence[bytes]) -> Future[list[bytes]]:
        """The pages' PDFs, in order, once printed; they print meanwhile."""
        return self.thread.submit(self._print, pages)

    def print(self, pages: Sequence[bytes]) -> list[bytes]:
        return self.submit(pages).result()

    def _print(self, pages: Sequence[bytes]) -> list[bytes]:
        self.opened.result()  # the browser's failure to open its tabs, if it failed
        pdfs = self.browser.print_all([page.decode("utf-8") for page in pages])
        for pdf in pdfs:
            if not pdf.startswith(b"%PDF"):
                raise PrintError(f"{self.executable} printed something that is not a PDF")
        return pdfs


class _Browser:
    """A headless Chromium driven over its DevTools pipe."""

    def __init__(self, executable: str, profile: Path) -> None:
        self.executable = executable
        commands_read, self.commands = os.pipe()
        self.answers, answers_write = os.pipe()
        # Its messages go to a file, for the last of them to explain a failure.
        self.log = tempfile.TemporaryFile()
        command = [executable, *PRINT_FLAGS, f"--user-data-dir={profile}",
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
        self.tabs: list[tuple[str, str]] = []  # each tab's frame and session

    def quit(self) -> None:
        """Asks the browser to quit, without waiting for it; any thread may.

        SIGTERM rather than ``Browser.close``: the browser and its helpers are gone in
        half the time, and nothing of the profile is kept.
        """
        self.process.terminate()

    def close(self) -> None:
        """Asks the browser to quit and waits for it."""
        self.quit()
        try:
            self.process.wait(timeout=CLOSE_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def forget(self) -> None:
        """Closes the pipe and the log, once nothing reads them any more."""
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
        try:
            while data:
                data = data[os.write(self.commands, data):]
        except OSError:  # the browser is gone
            raise self._failed() from None
        return self.next_id

    def _failed(self) -> PrintError:
        detail = self._last_message()
        return PrintError(f"{self.executable} could not print the quizzes to PDF"
                          f"{': ' + detail if detail else ''}")

    def _garbled(self) -> PrintError:
        return PrintError(f"{self.executable} answered on its DevTools pipe with something "
                          "that is not the DevTools protocol")

    def _read(self, deadline: float) -> None:
        """Reads one message from the browser; keeps it in :attr:`replies` if it answers.

        Whatever the browser writes is checked before it is used: a program that is not
        Chromium (or a broken one) gets a :class:`PrintError`, not an exception of the parser.
        """
        while b"\0" not in self.buffer:
            if len(self.buffer) > MAX_MESSAGE_BYTES:
                self.process.kill()
                raise self._garbled()
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.answers], [], [], left)[0]:
                self.process.kill()
                raise PrintError(f"{self.executable} did not answer within {PRINT_TIMEOUT} s "
                                 "while printing the quizzes")
            chunk = os.read(self.answers, 1 << 20)
            if not chunk:
                raise self._failed()
            self.buffer += chunk
        raw, _, self.buffer = self.buffer.partition(b"\0")
        try:
            message = json.loads(raw)
        except (ValueError, RecursionError):  # not JSON, not UTF-8, nested or numbers unending
            raise self._garbled() from None
        if not isinstance(message, dict) or not isinstance(message.get("id", 0), int):
            raise self._garbled()
        if "id" in message:  # not an event: no page here is watched
            self.replies[message["id"]] = message

    def _results(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        """The results of the commands sent as ``ids``, in order, once all have come.

        The browser has :data:`PRINT_TIMEOUT` for them, from when they were sent.
        """
        deadline = time.monotonic() + PRINT_TIMEOUT
        while not all(i in self.replies for i in ids):
            self._read(deadline)
        results = []
        for i in ids:
            reply = self.replies.pop(i)
            if "error" in reply:
                error = reply["error"]
                detail = error.get("message", error) if isinstance(error, dict) else error
                raise PrintError(f"{self.executable} refused to print: {detail}")
            result = reply.get("result", {})
            if not isinstance(result, dict):
                raise self._garbled()
            results.append(result)
        return results

    def _text(self, result: dict[str, Any], key: str) -> str:
        """The text the browser answered under ``key``."""
        value = result.get(key)
        if not isinstance(value, str):
            raise self._garbled()
        return value

    # --- printing ------------------------------------------------------------------

    def open_tabs(self, count: int) -> None:
        """Opens ``count`` blank tabs to print in."""
        # A tab's main frame has the tab's id.
        frames = [self._text(t, "targetId") for t in self._results([
            self._send("Target.createTarget", {"url": "about:blank"}) for _ in range(count)])]
        sessions = [self._text(r, "sessionId") for r in self._results([
            self._send("Target.attachToTarget", {"targetId": frame, "flatten": True})
            for frame in frames])]
        self.tabs = list(zip(frames, sessions))

    def print_all(self, pages: Sequence[str]) -> list[bytes]:
        """Each HTML page printed in one of the tabs, as many at once as there are tabs.

        A page is printed once the tab holds it: ``setDocumentContent`` answers when the
        document is parsed, and the page fetches nothing.
        """
        printed = []
        for start in range(0, len(pages), len(self.tabs)):
            batch = list(zip(self.tabs, pages[start:start + len(self.tabs)]))
            self._results([self._send("Page.setDocumentContent", {"frameId": frame, "html": page},
                                      session=session) for (frame, session), page in batch])
            printed += self._results([self._send("Page.printToPDF", _PRINT, session=session)
                                      for (_, session), _ in batch])
        try:
            return [base64.b64decode(self._text(p, "data"), validate=True) for p in printed]
        except binascii.Error:
            raise self._garbled() from None
