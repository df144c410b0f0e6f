"""A file read by a forked process while this one prepares what needs no file.

``docgen batch --jobs N`` must read the village table (openpyxl: about 0.3 s for 1,000
villages) and prepare the templates, the Word package and the township's text (about
0.15 s); neither needs the other, and the workers are idle until both are done. A forked
process reads the table meanwhile. Where the system spawns rather than forks (Windows,
macOS), a new process would first import docgen and openpyxl, longer than the reading it
saves, so the file is read here as without the speed-up.

Whatever goes wrong in the reading process (an unreadable file, a crash), the file is read
again here, so that errors come from this process exactly as without the speed-up.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Reading(Generic[T]):
    """``read(path)``, done here when ``result`` is asked for."""

    def __init__(self, read: Callable[[Path], T], path: Path) -> None:
        self.read, self.path = read, path

    def result(self) -> T:
        return self.read(self.path)

    def close(self) -> None:
        pass

    def __enter__(self) -> Reading[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ForkedReading(Reading[T]):
    """``read(path)`` in a forked process, started at once; ``result`` waits for it."""

    def __init__(self, read: Callable[[Path], T], path: Path, context: Any) -> None:
        super().__init__(read, path)
        receiver, sender = context.Pipe(duplex=False)
        self._receiver = receiver
        self._process = context.Process(target=_read_and_send, args=(read, path, sender))
        self._process.daemon = True
        self._process.start()
        sender.close()  # the child's end: the pipe reports EOF if the child dies

    def result(self) -> T:
        try:
            ok, value = self._receiver.recv()
        except (EOFError, OSError):  # the process died before sending
            ok, value = False, None
        self.close()
        return value if ok else self.read(self.path)

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiver.close()


def reading(read: Callable[[Path], T], path: Path, *, early: bool) -> Reading[T]:
    """``read(path)`` started in a forked process when ``early`` and the system forks."""
    if early and sys.platform.startswith("linux"):
        if "fork" in multiprocessing.get_all_start_methods():
            return ForkedReading(read, path, multiprocessing.get_context("fork"))
    return Reading(read, path)


def _read_and_send(read: Callable[[Path], Any], path: Path, sender: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    try:
        value = read(path)
    except BaseException:  # the parent reads again and reports the error itself
        sender.send((False, None))
    else:
        sender.send((True, value))
    finally:
        sender.close()
