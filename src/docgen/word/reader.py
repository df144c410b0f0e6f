"""Read a .docx in reading order (body paragraphs and table cells), for checks and comments."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem


@dataclass
class OpenedDocx:
    """An opened document: its paragraphs in reading order, the text of each, and which one
    (1-based, 0 for none) is the title."""

    document: Any
    paragraphs: list[Any]
    texts: list[str]
    title: int


def open_docx(path: Path) -> OpenedDocx:
    """The document's paragraphs in reading order; a damaged file is an InputError."""
    import docx

    from ..packages import check_package

    hint = "请用 Word 或 WPS 打开后另存为 .docx"
    check_package(path, "Word 文件", hint)
    try:
        document = docx.Document(str(path))
        paragraphs = list(_iter_paragraphs(document))
    except Exception:  # python-docx and lxml raise many kinds for a damaged part
        problem = Problem(
            path.name, "不是有效的 .docx 文件（文件已损坏，或内容不合格式）", hint=hint
        )
        raise InputError("无法打开 Word 文件", [problem]) from None
    first = _first_nonempty(paragraphs)
    title = first if first and _looks_like_title(paragraphs[first - 1]) else 0
    return OpenedDocx(document, paragraphs, [paragraph_text(p) for p in paragraphs], title)


def paragraph_text(paragraph: Any) -> str:
    """The text of the paragraph's own runs (offsets match the runs one to one)."""
    return "".join(run.text for run in paragraph.runs)


def _looks_like_title(paragraph: Any) -> bool:
    """A centred first paragraph, or one in a title style, is the document's title."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    centred = paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    return centred or style.lower() in {"title", "标题"}


def _first_nonempty(paragraphs: list[Any]) -> int:
    for n, paragraph in enumerate(paragraphs, 1):
        if paragraph_text(paragraph).strip():
            return n
    return 0


def _iter_paragraphs(container: Any) -> Any:
    """Paragraphs in reading order, descending into tables (merged cells once)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        elif isinstance(item, Table):
            seen: set[Any] = set()  # cell elements; merged cells repeat in row.cells
            for row in item.rows:
                for cell in row.cells:
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    yield from _iter_paragraphs(cell)
