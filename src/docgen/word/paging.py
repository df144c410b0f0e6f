"""Estimate where pages end, on the 22 × 28 grid: room for the 版记, the pages intended.

A .docx has no layout: only the client knows where pages break. The official grid makes
text predictable enough to estimate it (one line per 28 characters of body text), which
is what a clerk does by eye. The estimate decides whether the 版记 fits below the text or
needs an explicit page break; the LibreOffice tests check that the printed page count is
the one estimated here (``intended_pages``).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass

from ..layout import LayoutProfile
from ..model import (
    AttachmentNote,
    AttachmentStart,
    Attendance,
    Block,
    Document,
    Heading,
    Note,
    Paragraph,
    Salutation,
    Signature,
    Subtitle,
    Table,
    Title,
)


@functools.lru_cache(maxsize=8192)  # table cells repeat across a batch (headers, names)
def display_width(text: str) -> int:
    """Columns a text occupies: 2 for wide (CJK, full-width) characters, 1 otherwise."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


#: Where a table cell may break between pieces: after list and clause marks, at spaces.
_BREAKS = re.compile(r"(?<=[、，,；;。：:）)])|\s+|(?=[（(])")
#: The longest piece a table keeps on one line (a date, a name, a unit's name) in half
#: widths; longer pieces are phrases and may wrap.
UNBREAKABLE_LIMIT = 18


@functools.lru_cache(maxsize=8192)
def unbreakable_width(text: str) -> int:
    """Half widths of the longest piece of ``text`` a table must not break: 2026年12月31日,
    刘芳, 镇便民服务中心. Digits and Latin letters count a little wider, and each change
    between them and Chinese a little more, as clients print them (LibreOffice adds space
    there even without autospacing)."""
    widest = 0
    for piece in _BREAKS.split(text):
        if not piece:
            continue
        size = display_width(piece)
        if size > UNBREAKABLE_LIMIT:
            continue
        narrow = sum(1 for c in piece if c.isascii())
        changes = sum(1 for a, b in itertools.pairwise(piece) if a.isascii() != b.isascii())
        widest = max(widest, math.ceil(size + 0.25 * narrow + 0.5 * changes))
    return widest


def width_in_chars(text: str) -> float:
    """Width in body characters: CJK and full-width count 1, other characters ½."""
    return display_width(text) / 2


@dataclass
class PageCount:
    """Grid lines used so far, counted in full pages plus lines on the current page."""

    lines_per_page: int
    lines: float = 0.0

    def add(self, lines: float) -> None:
        self.lines += lines

    def new_page(self) -> None:
        self.lines = math.ceil(self.lines / self.lines_per_page - 1e-9) * self.lines_per_page

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.lines / self.lines_per_page - 1e-9))

    @property
    def at_page_start(self) -> bool:
        return self.lines % self.lines_per_page == 0

    @property
    def free_on_last_page(self) -> float:
        return self.pages * self.lines_per_page - self.lines


def text_lines(text: str, per_line: float, indent: float = 0) -> int:
    return max(1, math.ceil((width_in_chars(text) + indent) / per_line - 1e-9))


def block_lines(block: Block, profile: LayoutProfile) -> float:
    """Grid lines a block takes (spacing before included); tables converted from their pitch."""
    per = profile.chars_per_line
    indent = profile.first_line_chars
    match block:
        case Title(lines=lines):
            per_title = profile.type_area_width.pt / profile.title_size.pt
            return sum(text_lines(line, per_title) for line in lines)
        case Subtitle(lines=lines):
            return 1 + sum(text_lines(line, per) for line in lines)
        case Salutation(text=text):
            return 1 + text_lines(text, per)
        case Heading(text=text, body=body):
            return text_lines(block.label + text + body, per, indent)
        case Paragraph(text=text, lead=lead):
            return text_lines((lead.text if lead else "") + text, per, indent)
        case AttachmentNote():
            return 1 + sum(text_lines(line, per, indent + 3) for line in block.lines())
        case Signature(organs=organs, sealed=sealed):
            gap = profile.sealed_gap_lines if sealed else 1
            return gap + len(organs) + 1
        case Note(text=text):
            return text_lines(text, per, indent)
        case Attendance(label=label, names=names):
            return text_lines(label + "：" + names, per, indent)
        case Table():
            return table_lines(block, profile)
    return 1


def table_text_lines(table: Table, width_pt: float, size_pt: float) -> int:
    """Rows × their tallest cell, in lines of the table's own pitch."""
    columns = max(1, len(table.header))
    per = max((width_pt / columns) / size_pt - 0.5, 1)
    return sum(max(text_lines(c, per) for c in row) for row in [table.header, *table.rows])


def table_lines(table: Table, profile: LayoutProfile) -> float:
    """A portrait table's height in body grid lines."""
    lines = table_text_lines(table, profile.type_area_width.pt, profile.table_size.pt)
    return lines * profile.table_line.pt / profile.line_pitch.pt


def landscape_pages(table: Table, profile: LayoutProfile) -> int:
    """Pages a table takes when turned: the type area is 225 mm wide and 156 mm high."""
    width = profile.page_height.pt - profile.margin_top.pt - profile.margin_bottom.pt
    lines = table_text_lines(table, width, profile.wide_table_size.pt)
    per_page = profile.type_area_width.pt / profile.wide_table_line.pt
    return max(1, math.ceil(lines / per_page))


def mark_size(mark: str, profile: LayoutProfile) -> float:
    """The largest candidate size at which the red mark fits the type area width."""
    width = profile.type_area_width.pt
    chars_wide = width_in_chars(mark) or 1
    fitting = [s for s in profile.mark_sizes if s * chars_wide <= width]
    return fitting[0] if fitting else width / chars_wide


def masthead_lines(profile: LayoutProfile, mark_size: float, issuer: bool = False) -> float:
    """Height of the 版头 up to the title in grid lines: offset, mark, gaps, number line (and
    a 纪要's 编印单位 line)."""
    offset = profile.mark_offset.pt / profile.line_pitch.pt
    mark = mark_size / profile.line_pitch.pt
    lines = 2 if issuer else 1
    return offset + mark + profile.number_gap_lines + lines + profile.title_gap_lines


def head_lines(doc: Document, profile: LayoutProfile) -> float:
    """Grid lines the 版头 takes on page 1 (none without one)."""
    m = doc.masthead
    if m is None:
        return 0.0
    return masthead_lines(profile, mark_size(m.mark, profile), bool(m.issuer))


def imprint_lines(copy_to: str | None, profile: LayoutProfile) -> int:
    per = (profile.type_area_width.pt / profile.imprint_size.pt) - 2
    rows = 1 + (text_lines("抄送：" + copy_to, per) if copy_to else 0)
    return rows


def text_pages(doc: Document, profile: LayoutProfile, head_lines: float) -> PageCount:
    """Grid lines the text takes: 版头, blocks, attachments on new pages, turned tables."""
    per = profile.lines_per_page
    count = PageCount(per, head_lines)
    landscape_open = False
    for block in doc.blocks:
        if isinstance(block, AttachmentStart):
            count.new_page()
            landscape_open = False
            count.add(3)
        elif isinstance(block, Table) and block.landscape:
            if not landscape_open:  # turned pages start fresh and are counted whole
                count.new_page()
                landscape_open = True
            count.add(landscape_pages(block, profile) * per)
            count.new_page()
        elif not landscape_open:
            count.add(block_lines(block, profile))
    return count


def imprint_fits(doc: Document, profile: LayoutProfile, head_lines: float) -> bool:
    """Whether the 版记 fits at the foot of the text's last page (with a line to spare)."""
    count = text_pages(doc, profile, head_lines)
    if count.lines and count.at_page_start:  # a turned table just ended a page
        return False
    need = imprint_lines(doc.imprint.copy_to if doc.imprint else None, profile) + 1
    return count.free_on_last_page >= need


def intended_pages(doc: Document, profile: LayoutProfile, head_lines: float) -> int:
    """The pages the writer lays the document out on: the text's, and one more when the
    版记 does not fit below the text."""
    count = text_pages(doc, profile, head_lines)
    if doc.imprint is None or imprint_fits(doc, profile, head_lines):
        return count.pages
    return count.pages + (0 if count.lines and count.at_page_start else 1)


def kept_with_signature(blocks: tuple[Block, ...]) -> frozenset[int]:
    """The body paragraph before the 落款 (and nothing else): kept on the 落款's page, so
    the 落款 never stands alone on a page (GB/T 9704-2012 7.3.5). The 附件说明 between
    them keeps with what follows anyway."""
    for index, block in enumerate(blocks):
        if isinstance(block, Signature):
            before = index - 1
            while before >= 0 and isinstance(blocks[before], AttachmentNote):
                before -= 1
            if before >= 0 and isinstance(blocks[before], Paragraph | Heading):
                return frozenset({before})
            return frozenset()
    return frozenset()
