"""A copy of a .docx with comments on exactly the characters they are about."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from . import ooxml
from .reader import OpenedDocx


def add_comments(
    opened: OpenedDocx,
    comments: Iterable[tuple[int, int, int, str]],
    *,
    author: str,
    initials: str,
) -> tuple[bytes, int]:
    """Each (paragraph index, start, end, text) as a comment on those characters of the
    paragraph's run text. Returns the commented document's bytes (the caller puts them in
    place: placing.staging) and the number of comments added."""
    added = 0
    for index, start, end, text in comments:
        runs = isolate(opened.paragraphs[index], start, end)
        if not runs:
            continue
        opened.document.add_comment(runs, text=text, author=author, initials=initials)
        added += 1
    buffer = io.BytesIO()
    opened.document.save(buffer)
    return buffer.getvalue(), added


def isolate(paragraph: Any, start: int, end: int) -> list[Any]:
    """Split runs so that [start, end) of the paragraph's run text is whole runs; return them."""
    _split_at(paragraph, end)
    _split_at(paragraph, start)
    out, pos = [], 0
    for run in paragraph.runs:
        size = len(run.text)
        if pos < end and start < pos + size:
            out.append(run)
        pos += size
        if pos >= end:
            break
    return out


def _split_at(paragraph: Any, offset: int) -> None:
    from docx.text.run import Run

    pos = 0
    for run in paragraph.runs:
        text = run.text
        if pos < offset < pos + len(text):
            if not ooxml.plain_run(run._r):
                return  # a run with fields or drawings stays whole; the comment covers it all
            k = offset - pos
            tail = ooxml.copy_after(run._r)
            run.text = text[:k]
            Run(tail, run._parent).text = text[k:]
            return
        pos += len(text)
