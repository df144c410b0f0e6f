"""A copy of a checked .docx with each finding as a Word comment on the offending text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ..placing.atomic import plain_error, write_temp
from ..placing.journal import edited_by_hand, sha256
from ..placing.staging import Staged, place
from ..word.comments import add_comments
from .docx_input import DocxText
from .findings import Finding

AUTHOR = "docgen 检查"
INITIALS = "DG"


def comment_text(f: Finding) -> str:
    tail = ""
    if f.suggestion is not None:
        tail = f" → {f.suggestion}" if f.suggestion else " → （删去）"
    return f"【{f.severity.chinese} {f.code}】{f.message}{tail}（依据：{f.source}）"


def annotated_name(source: Path) -> str:
    """``通知.docx`` → ``通知.批注.docx``."""
    return f"{source.stem}.批注.docx"


def annotate(
    docx: DocxText, findings: Sequence[Finding], source: Path, target: Path, *, force: bool = False
) -> tuple[int, Path | None]:
    """Add one comment per finding and put the copy at ``target`` as generated documents are
    put: recorded in the folder's journal, a copy edited since docgen wrote it (or not written
    by docgen) refused with an OutputError unless ``force``, which backs it up first
    (``名.批注.备份-时间.docx``). Returns the number of comments and the backup, if one was made."""
    comments = [(f.unit, f.start, f.end, comment_text(f)) for f in findings]
    data, count = add_comments(docx.opened, comments, author=AUTHOR, initials=INITIALS)
    folder = target.parent
    edited = force and bool(edited_by_hand(folder, [target.name]))
    record = {
        "sha256": sha256(data),
        "generated": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "annotates": source.name,
    }
    with plain_error(target):
        tmp = write_temp(folder, data, suffix=".docx")
    try:
        place(folder, [Staged(target.name, tmp, record)], force=force)
    finally:
        tmp.unlink(missing_ok=True)  # still there when the copy was refused
    backups = sorted(folder.glob(f"{target.stem}.备份-*{target.suffix}")) if edited else []
    return count, backups[-1] if backups else None
