"""One template file's text, with positions as a secretary counts them (line:column)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import Problem

_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_STATEMENT = re.compile(r"\{%.*?%\}", re.S)


@dataclass(frozen=True)
class Finding:
    """One problem in a template, at ``file:line:column`` (line 0: the file as a whole)."""

    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    error: bool = True

    @property
    def where(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"

    def problem(self) -> Problem:
        label = "" if self.error else "提醒："
        return Problem(self.where, label + self.message, hint=self.hint)


@dataclass(frozen=True)
class Source:
    """A template's text; ``shown`` names it in messages (a path, or 名称（内置模板）)."""

    name: str
    shown: str
    path: Path
    text: str

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def _starts(self) -> list[int]:
        starts = [0]
        starts.extend(m.end() for m in re.finditer("\n", self.text))
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both from 1, of a character offset."""
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def finding(self, offset: int, message: str, hint: str = "", *, error: bool = True) -> Finding:
        line, column = self.position(offset)
        return Finding(self.shown, line, column, message, hint, error)

    def at_line(
        self, line: int, needle: str, message: str, hint: str = "", *, error: bool = True
    ) -> Finding:
        """A finding on ``line``, at the column where ``needle`` first appears in it."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        found = text.find(needle) if needle else -1
        column = found + 1 if found >= 0 else _first_tag(text)
        return Finding(self.shown, line, column, message, hint, error)

    @cached_property
    def without_comments(self) -> str:
        """The text with ``{# … #}`` blanked (same offsets, same lines)."""
        return _COMMENT.sub(_blank, self.text)

    @cached_property
    def markdown(self) -> str:
        """Roughly what the template prints: comments and tags gone, each ``{{ … }}`` one
        character, line numbers kept. Enough to see the Markdown a template writes."""
        text = _STATEMENT.sub(lambda m: "\n" * m.group(0).count("\n"), self.without_comments)
        return _EXPRESSION.sub(lambda m: "字" + "\n" * m.group(0).count("\n"), text)


def _blank(match: re.Match[str]) -> str:
    return "".join(c if c == "\n" else " " for c in match.group(0))


def _first_tag(text: str) -> int:
    found = [i for i in (text.find("{{"), text.find("{%")) if i >= 0]
    return min(found) + 1 if found else 1
