"""A copy of a checked .docx with each finding as a Word comment on the offending text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..word.comments import add_comments
from .docx_input import DocxText
from .findings import Finding, Severity

AUTHOR = "docgen 检查"
INITIALS = "DG"
_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.HINT: "提示"}


def comment_text(f: Finding) -> str:
    tail = ""
    if f.suggestion is not None:
        tail = f" → {f.suggestion}" if f.suggestion else " → （删去）"
    return f"【{_LABEL[f.severity]} {f.code}】{f.message}{tail}（依据：{f.source}）"


def annotate(docx: DocxText, findings: Sequence[Finding], target: Path) -> int:
    """Add one comment per finding and save to ``target``; returns the number added."""
    comments = [(f.unit, f.start, f.end, comment_text(f)) for f in findings]
    return add_comments(docx.opened, comments, target, author=AUTHOR, initials=INITIALS)
