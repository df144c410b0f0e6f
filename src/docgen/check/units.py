"""The pieces of text the rules read: document blocks, table cells or lines of a file."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import (
    AttachmentNote,
    AttachmentStart,
    Attendance,
    Document,
    Heading,
    Note,
    Paragraph,
    Salutation,
    Signature,
    Subtitle,
    Table,
    Title,
    heading_text,
)


@dataclass(frozen=True)
class Unit:
    """One checked text. ``kind``: title, heading, paragraph, cell or text.

    ``line`` and ``col0`` place the text in a file (1-based line, 0-based column of its
    first character); ``block`` and ``cell`` place it in a document model.
    """

    text: str
    kind: str = "text"
    block: int = 0
    cell: tuple[int, int] | None = None
    line: int = 0
    col0: int = 0
    skip: tuple[tuple[int, int], ...] = ()  # spans no rule reports on (markup, links)


def from_document(doc: Document) -> list[Unit]:
    """Blocks in reading order; a heading as label + text, a lead as lead + text."""
    units: list[Unit] = []
    for i, block in enumerate(doc.blocks):
        match block:
            case Title():
                units.append(Unit(block.text, "title", i))
            case Subtitle(lines=lines):
                units.extend(Unit(line, "subtitle", i) for line in lines)
            case Salutation(text=text):
                units.append(Unit(text, "paragraph", i))
            case Heading(body=""):
                units.append(Unit(heading_text(block), "heading", i))
            case Heading(body=body):  # run in: heading and text are one paragraph
                units.append(Unit(heading_text(block) + body, "paragraph", i))
            case Paragraph(text=text, lead=lead):
                units.append(Unit((lead.text if lead else "") + text, "paragraph", i))
            case AttachmentNote(items=items):  # the names; "附件：1." is generated, not written
                units.extend(Unit(item, "paragraph", i) for item in items)
            case Signature(organs=organs, date=date):
                units.extend(Unit(text, "signature", i) for text in (*organs, date))
            case Note(text=text):
                units.append(Unit(text, "paragraph", i))
            case AttachmentStart(label=label, title=title):
                units.extend((Unit(label, "heading", i), Unit(title, "title", i)))
            case Attendance(label=label, names=names):
                units.append(Unit(f"{label}：{names}", "paragraph", i))
            case Table(header=header, rows=rows):
                for r, row in enumerate((header, *rows)):
                    units.extend(Unit(cell, "cell", i, (r, c)) for c, cell in enumerate(row))
    return units


def from_lines(text: str) -> list[Unit]:
    """Each line of plain text is a unit (line numbers 1-based)."""
    return [Unit(line, "text", n - 1, None, n, 0) for n, line in enumerate(text.splitlines(), 1)]
