"""The problem sheet of a workbook, read in a forked helper process meanwhile.

The problem sheet (several rows per village) is most of a village table: parsing it took
about 65 ms of the 210 ms a 1,000-village batch spent before its first document, time in
which a second processor had nothing to do. With ``--jobs`` on a system that forks, a
helper parses it while this process reads the village sheet and prepares the township's
parts, then sends the cells back pickled (0.5 MB for 2,000 rows, unpickled in about 10 ms).
Anything the helper cannot read exactly, it leaves to this process.
"""

from __future__ import annotations

import pickle
import signal
from pathlib import Path

from .columns import PROBLEM_SHEET
from .fastxlsx import read_sheets
from .table import RawSheet


def is_problem_sheet(name: str) -> bool:
    return name == PROBLEM_SHEET


class ProblemSheetHelper:
    """A helper process reading the problem sheet of ``path``; ``sheets()`` collects it."""

    def __init__(self, path: Path) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_read, args=(Path(path), send), daemon=True)
        self._process.start()
        send.close()
        self._finished = self._closed = False

    def sheets(self) -> list[RawSheet] | None:
        """The problem sheet (an empty list when the workbook has none), or None when the
        helper could not read it exactly: then the caller reads the whole workbook."""
        try:
            data = self._receive.recv_bytes()
        except (EOFError, OSError):  # the helper died
            data = b""
        self._finished = bool(data)
        self.close()
        return pickle.loads(data) if data else None

    def close(self) -> None:
        """End the helper (at once when its sheet is no longer wanted)."""
        if self._closed:
            return
        self._closed = True
        if not self._finished and self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._process.close()
        self._receive.close()


def _read(path: Path, send) -> None:
    """In the helper: parse the problem sheet and send it; b"" for anything unexpected."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's, which ends us
    try:
        data = pickle.dumps(read_sheets(path, is_problem_sheet), pickle.HIGHEST_PROTOCOL)
    except BaseException:
        data = b""
    try:
        send.send_bytes(data)
    except OSError:  # the parent has gone
        pass
    finally:
        send.close()
