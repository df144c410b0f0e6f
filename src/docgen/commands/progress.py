"""A progress bar on stderr for commands that take a while, drawn only on a terminal.

Redirected to a file or read by a script, stderr gets no bar: logs stay clean and what a
test or a batch file reads is unchanged.
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager

import click


def terminal():
    """stderr when it is a terminal, else None (no bar)."""
    return sys.stderr if sys.stderr.isatty() else None


class Bar(AbstractContextManager):
    """``with Bar("生成中") as bar:`` then ``bar(done, total)`` after each step; the bar is
    drawn once the total is known and closed (with a line break) however the block ends."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.stream = terminal()
        self._bar = None
        self._done = 0

    def __call__(self, done: int, total: int) -> None:
        if self.stream is None or total < 2:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label=self.label, file=self.stream)
        self._bar.update(done - self._done)
        self._done = done

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.render_finish()
            self._bar = None
