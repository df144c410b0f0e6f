"""Write a copy of a .docx with each finding as a Word comment on exactly the offending text."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import OutputError
from .docx_input import DocxText
from .findings import Finding, Severity

AUTHOR = "docgen 检查"
INITIALS = "DG"
_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.HINT: "提示"}
_PLAIN = {"rPr", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen"}


def comment_text(f: Finding) -> str:
    tail = ""
    if f.suggestion is not None:
        tail = f" → {f.suggestion}" if f.suggestion else " → （删去）"
    return f"【{_LABEL[f.severity]} {f.code}】{f.message}{tail}（依据：{f.source}）"


def annotate(docx: DocxText, findings: Sequence[Finding], target: Path) -> int:
    """Add one comment per finding and save to ``target``; returns the number added."""
    added = 0
    for f in findings:
        paragraph = docx.paragraphs[f.unit]
        runs = isolate(paragraph, f.start, f.end)
        if not runs:
            continue
        docx.document.add_comment(runs, text=comment_text(f), author=AUTHOR, initials=INITIALS)
        added += 1
    try:
        docx.document.save(str(target))
    except OSError as exc:
        raise OutputError(
            f"无法写出 {target.name}：{exc.strerror}。如果它在 Word 中打开着，请先关闭。"
        ) from exc
    return added


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
            if not _plain(run):
                return  # a run with fields or drawings stays whole; the comment covers it all
            k = offset - pos
            tail = copy.deepcopy(run._r)
            run._r.addnext(tail)
            run.text = text[:k]
            Run(tail, run._parent).text = text[k:]
            return
        pos += len(text)


def _plain(run: Any) -> bool:
    return all(child.tag.rsplit("}", 1)[-1] in _PLAIN for child in run._r)
