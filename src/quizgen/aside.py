"""Running part of a build on the machine's second core, in a forked process.

A build is Python work from end to end, and Python runs one thread at a time, so
the only way onto a second core is a second process. A forked child starts with
a copy of everything the build has made so far and sends back only its result.
Two steps use it once the question bank is built: the quizzes need nothing else
from the build, and a large deck's notes can be made in two parts at once.

Where forking is unavailable or unsafe (not Linux, one core, other threads
running), or the child fails in any way, the step runs in this process when its
result is asked for: the same function on the same data, so the same result or
the same error. The child never reports errors itself.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import tempfile
import threading
from typing import Callable, Generic, Optional, TypeVar

T = TypeVar("T")
# The highest niceness on Linux: the least CPU time when other processes want it.
_LOWEST_PRIORITY = 19


class Later(Generic[T]):
    """A step started aside; :meth:`result` waits for it (or runs it, if it could not start).

    Use it as a context manager: leaving it without the result stops the child.
    """

    def __init__(self, work: Callable[[], T], child: Optional[tuple[int, int]]) -> None:
        self._work = work
        self._child = child  # (process id, file the child writes its result to)

    def result(self) -> T:
        if self._child is not None:
            pid, file = self._child
            self._child = None
            _, status = os.waitpid(pid, 0)
            with os.fdopen(file, "rb") as reader:
                # Read as it is unpickled: the result is never held twice over.
                if os.waitstatus_to_exitcode(status) == 0 and reader.seek(0, os.SEEK_END):
                    reader.seek(0)
                    result: T = pickle.load(reader)
                    return result
        return self._work()

    def __enter__(self) -> Later[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._child is not None:
            pid, file = self._child
            self._child = None
            os.kill(pid, signal.SIGKILL)
            os.close(file)
            os.waitpid(pid, 0)


def start_aside(work: Callable[[], T], *, low_priority: bool = False) -> Later[T]:
    """Start ``work`` in a forked child where that helps; see the module's notes.

    A ``low_priority`` child runs at the lowest CPU priority: it takes only the time
    no other process wants, so it never slows a step this process waits for first.
    """
    if not _can_fork():
        return Later(work, None)
    file = _result_file()
    try:
        pid = os.fork()
    except OSError:  # no memory or processes to spare: then here, when asked
        os.close(file)
        return Later(work, None)
    if pid == 0:  # the child: do the work, hand over the result, and leave at once
        if low_priority:
            _lower_priority()
        _run_child(work, file)
    return Later(work, (pid, file))


def _result_file() -> int:
    """A nameless file, in memory where possible, for a child's result.

    A pipe would hand over a large result (tens of megabytes) 64 KiB at a time,
    waking each process in turn for every piece; a file is read in one go.
    """
    if hasattr(os, "memfd_create"):
        with contextlib.suppress(OSError):
            return os.memfd_create("quizgen-aside", os.MFD_CLOEXEC)
    with tempfile.TemporaryFile(prefix="quizgen-aside-") as file:
        return os.dup(file.fileno())


def _can_fork() -> bool:
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False  # macOS frameworks are not fork-safe; Windows cannot fork
    if threading.active_count() > 1:
        return False  # a lock held by another thread would stay locked in the child
    return len(os.sched_getaffinity(0)) > 1


def _lower_priority() -> None:
    with contextlib.suppress(OSError):  # only the speed depends on it
        os.nice(_LOWEST_PRIORITY - os.nice(0))


def _run_child(work: Callable[[], T], file: int) -> None:
    code = 1
    try:
        result = work()
        with os.fdopen(file, "wb") as writer:  # a failure part-way exits non-zero
            pickle.dump(result, writer, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    except BaseException:  # noqa: BLE001 - the parent runs the step itself and reports
        pass
    finally:
        # No exit handlers, no flushing of buffers the child shares with its parent.
        os._exit(code)
