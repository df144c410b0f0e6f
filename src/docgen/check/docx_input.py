"""A .docx as units to check: one per paragraph, in reading order (table cells included)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..word.reader import OpenedDocx, open_docx
from .units import Unit


@dataclass
class DocxText:
    """The opened document and one unit per paragraph (``line`` is the paragraph's number)."""

    opened: OpenedDocx
    units: list[Unit]


def read_docx(path: Path) -> DocxText:
    opened = open_docx(path)
    units = [
        Unit(text, "title" if n == opened.title else "paragraph", n - 1, None, n, 0)
        for n, text in enumerate(opened.texts, 1)
    ]
    return DocxText(opened, units)
