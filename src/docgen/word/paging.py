"""Estimate where pages end, on the 22 × 28 grid: room for the 版记, the pages intended.

A .docx has no layout: only the client knows where pages break. The official grid makes
text predictable enough to estimate it (one line per 28 characters of body text), which
is what a clerk does by eye. The estimate decides whether the 版记 fits below the text or
needs an explicit page break; the LibreOffice tests check that the printed page count is
the one estimated here (``intended_pages``).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass

from ..layout import DEFAULT_PROFILE, LayoutProfile
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
_BREAKS = re.compile(r"(?<=[、，,；;。：:])|\s+")
_DATE = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日")
#: Half widths a date or name is given beyond its estimate, so a client printing it a
#: little wider (LibreOffice: 2027年6月20日 at 12 pt) still holds it on one line.
ATOM_SLACK = 1
#: Pieces up to this many half widths are names (刘芳, 乡农业综合服务中心): a column of nothing
#: longer keeps each of them on one line; longer pieces are phrases and may wrap.
NAME_LIMIT = 20


#: Runs of ASCII characters (digits, Latin, half-width marks) within a text.
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def _held(piece: str) -> float:
    """Half widths a piece needs on one line: digits and Latin a little wider, and a little
    more at each change between them and Chinese, as clients print them (LibreOffice adds
    space there even without autospacing).

    Counted run by run of ASCII characters, not character by character (every heading and
    cell of a batch is measured): each run has a change on either side of it, except at
    the ends of the piece.
    """
    runs = _ASCII_RUN.findall(piece)
    if not runs:
        return display_width(piece)
    narrow = sum(map(len, runs))
    changes = 2 * len(runs) - 2 + (not piece[0].isascii()) + (not piece[-1].isascii())
    return display_width(piece) + 0.1 * narrow + 0.35 * changes


@functools.lru_cache(maxsize=8192)
def unbreakable_width(text: str) -> float:
    """Half widths of the longest date in ``text`` (2026年12月31日, 12月28日): a date never
    wraps."""
    return max((_held(m.group()) + ATOM_SLACK for m in _DATE.finditer(text)), default=0)


#: Headers of columns that hold names (责任人, 责任单位, 责任领导, 社区…); a 问题类别 such
#: as 便民服务 is a phrase and may wrap.
NAME_HEADERS = frozenset({"责任人", "责任单位", "责任领导", "村", "社区", "部门", "联系人"})


def name_columns(table: Table) -> frozenset[int]:
    """Columns holding names only — headed as such (责任人, 责任单位) and with no piece
    longer than a name: each name goes on a line of its own and never breaks."""
    columns = zip(table.header, *table.rows, strict=True)
    return frozenset(
        i
        for i, column in enumerate(columns)
        if column[0] in NAME_HEADERS and name_width(column[1:])
    )


def cell_chars(width: int, char: int) -> int:
    """Whole characters a cell ``width`` twips wide holds on a line, less its margins (a
    Chinese character never splits, so a column 4.6 characters wide holds 4)."""
    return max(math.floor((width - CELL_PAD) / char + 0.05), 1)


def name_lines(cell: str) -> list[str]:
    """A cell of names as the writer prints it: one name to a line, each keeping its 、."""
    return [piece for piece in _BREAKS.split(cell) if piece]


#: Closing marks a client lets hang past a narrow cell's edge (LibreOffice does).
_HANGING = frozenset("，。、；：）》”’")


@functools.lru_cache(maxsize=8192)  # a batch's tables repeat most cells (names, headers)
def cell_lines(cell: str, per: float, names: bool) -> int:
    """Lines a table cell takes ``per`` characters wide (names one to a line). In a narrow
    column a closing mark often ends a line and hangs past it: each counts half."""
    if names:
        return sum(text_lines(piece, per) for piece in name_lines(cell)) or 1
    hanging = sum(1 for c in cell if c in _HANGING)
    return max(1, math.ceil((printed_width(cell) - hanging / 2) / per - 1e-9))


def name_width(column: tuple[str, ...]) -> float:
    """Half widths of the longest piece of a column made of names only (责任人, 责任单位:
    刘芳、镇便民服务中心), else 0: a name never breaks, a phrase may."""
    pieces = [p for cell in column for p in _BREAKS.split(cell) if p]
    if not pieces or any(display_width(p) > NAME_LIMIT for p in pieces):
        return 0
    return max(_held(p) for p in pieces) + ATOM_SLACK  # with its 、: a mark never starts a line


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


@functools.lru_cache(maxsize=8192)
def printed_width(text: str) -> float:
    """Width in characters as a client prints the text: CJK 1, other ½ — digits and Latin a
    little wider, and a little more at each change between them and Chinese (LibreOffice's
    substitute fonts and spacing; Word prints narrower, so the estimate errs long)."""
    return _held(text) / 2


def text_lines(text: str, per_line: float, indent: float = 0) -> int:
    return max(1, math.ceil((printed_width(text) + indent) / per_line - 1e-9))


def block_lines(block: Block, profile: LayoutProfile) -> float:
    """Grid lines a block takes (spacing before included); tables converted from their pitch."""
    per = profile.chars_per_line
    indent = profile.first_line_chars
    match block:
        case Title(lines=lines):
            per_title = profile.type_area_width.pt / profile.title_size.pt
            if len(lines) == 1:  # broken as the writer breaks it
                lines = title_lines(block.text, int(per_title))
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
    """Rows × their tallest cell, in lines of the table's own pitch, in the widths the writer
    gives the columns (``column_widths``)."""
    total = round(width_pt * 20)
    char = round(size_pt * 20)
    widths = column_widths(table, total, char * 2)
    per = [cell_chars(w, char) for w in widths]
    names = name_columns(table)
    head = max(text_lines(c, p) for c, p in zip(table.header, per, strict=True))
    return head + sum(
        max(cell_lines(c, p, i in names) for i, (c, p) in enumerate(zip(row, per, strict=True)))
        for row in table.rows
    )


def table_lines(table: Table, profile: LayoutProfile) -> float:
    """A portrait table's height in body grid lines."""
    lines = table_text_lines(table, profile.type_area_width.pt, profile.table_size.pt)
    return lines * profile.table_line.pt / profile.line_pitch.pt


def landscape_pages(table: Table, profile: LayoutProfile, above: float = 0.0) -> int:
    """Pages a table takes when turned: the type area is 225 mm wide and 156 mm high; the
    header row is repeated on every page, and a row is not split across pages. ``above``
    (points) is taken on the first page by what precedes the table there (an attachment's
    label and title)."""
    width = profile.page_height.pt - profile.margin_top.pt - profile.margin_bottom.pt
    height = profile.type_area_width.pt
    pitch, size = profile.wide_table_line.pt, profile.wide_table_size.pt
    total, char = round(width * 20), round(size * 20)
    widths = column_widths(table, total, char * 2)
    per = [cell_chars(w, char) for w in widths]
    names = name_columns(table)

    def row_height(row: tuple[str, ...], heading: bool = False) -> float:
        cells = enumerate(zip(row, per, strict=True))
        return max(cell_lines(c, p, not heading and i in names) for i, (c, p) in cells) * pitch

    head = row_height(table.header, heading=True)
    pages, used = 1, head + above
    for row in table.rows:
        needed = row_height(row)
        if used + needed > height:
            pages, used = pages + 1, head
        used += needed
    return pages


#: Twips a cell's text loses to its margins (w:tblCellMar left and right, the profile's
#: ``table_cell_margin``) and borders.
CELL_PAD = 2 * DEFAULT_PROFILE.table_cell_margin.twips + 10


def column_widths(table: Table, total: int, minimum: int) -> list[int]:
    """``table_widths``, asked for twice per table: by the page count and by the writer."""
    return list(_column_widths(table, total, minimum))


@functools.lru_cache(maxsize=256)
def _column_widths(table: Table, total: int, minimum: int) -> tuple[int, ...]:
    return tuple(table_widths(table, total, minimum))


def table_widths(table: Table, total: int, minimum: int) -> list[int]:
    """Explicit widths (twips) summing to ``total``, like a browser's automatic table layout.

    Each column needs at least room for its header on two lines (and ``minimum``, two
    characters) and for its longest unbreakable piece on one line — a date anywhere, a name
    or a unit's name in a column of names (``unbreakable_width``, ``name_width``); it would
    like its longest cell on one line. When the table holds every column as it likes, the
    widths follow those wishes; otherwise every cell is held within as few lines as the
    width allows (``_shortest``): a 整改时限 column holds its dates on one line, a short 序号
    column stays narrow and the long text columns share the rest.
    """
    char = minimum // 2  # ``minimum`` is two characters at the table's size
    pad = CELL_PAD
    columns = list(zip(table.header, *table.rows, strict=True))
    names = name_columns(table)
    named = [name_width(column[1:]) if i in names else 0 for i, column in enumerate(columns)]
    least = [
        max(
            minimum,
            -(-display_width(h) // 4) * char + pad,
            round(max(max(unbreakable_width(c) for c in column), named[i]) * char / 2) + pad,
        )
        for i, (h, column) in enumerate(zip(table.header, columns, strict=True))
    ]
    wanted = [
        max(low, round(max(printed_width(c) for c in column) * char) + pad)
        for low, column in zip(least, columns, strict=True)
    ]
    if sum(least) >= total:
        widths = [total * w // sum(least) for w in least]
    elif sum(wanted) <= total:
        widths = [total * w // sum(wanted) for w in wanted]
    else:
        widths = _shortest(columns, least, wanted, total - sum(least), char, pad)
    widths[-1] += total - sum(widths)
    return widths


def _shortest(
    columns: list[tuple[str, ...]],
    least: list[int],
    wanted: list[int],
    spare: int,
    char: int,
    pad: int,
) -> list[int]:
    """The widths that hold every body cell within the fewest lines ``cap`` the table can
    afford (found by bisection), so no column stays a sliver while another holds a long
    cell on one line; what is left goes to the columns in proportion to what they lack."""
    total = sum(least) + spare
    # A column's longest body cell decides its width for a cap: ceil(x / cap) grows with x.
    longest = [max((printed_width(cell) for cell in column[1:]), default=0) for column in columns]

    def needed(cap: int) -> list[int]:
        return [
            min(max(low, math.ceil(x / cap - 1e-9) * char + pad), want)
            for low, want, x in zip(least, wanted, longest, strict=True)
        ]

    low, high = (
        1,
        max(
            max(
                math.ceil(x / cell_chars(w, char) - 1e-9)
                for w, x in zip(least, longest, strict=True)
            ),
            1,
        ),
    )
    while low < high:  # the smallest cap whose widths fit
        cap = (low + high) // 2
        if sum(needed(cap)) <= total:
            high = cap
        else:
            low = cap + 1
    widths = needed(low)
    left = total - sum(widths)
    lack = [max(want - width, 0) for want, width in zip(wanted, widths, strict=True)]
    if left > 0 and sum(lack):
        widths = [w + left * gap // sum(lack) for w, gap in zip(widths, lack, strict=True)]
    return widths


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


#: Grid lines an attachment's label and the space around its title take on a turned page
#: (LibreOffice 7.4: the table's top rule 32 mm below the type area under a one-line
#: title, 42.4 mm under two).
TURNED_HEAD_LINES = 2.15


def text_pages(doc: Document, profile: LayoutProfile, head_lines: float) -> PageCount:
    """Grid lines the text takes: 版头, blocks, attachments on new pages, turned tables.

    An attachment holding a turned table is turned whole (its label and title on the first
    turned page, as the writer sections it); turned pages are counted whole.
    """
    per = profile.lines_per_page
    count = PageCount(per, head_lines)
    landscape_open = False
    turned = landscape_attachments(doc.blocks)
    above = 0.0  # points an attachment's label and title take on its first turned page
    for index, block in enumerate(doc.blocks):
        if isinstance(block, AttachmentStart):
            count.new_page()
            landscape_open = index in turned
            if landscape_open:  # label, empty line, title (broken as on a portrait page)
                per_title = profile.type_area_width.pt / profile.title_size.pt
                title = text_lines(block.title, per_title)
                above = (title + TURNED_HEAD_LINES) * profile.line_pitch.pt
            else:
                count.add(3)
        elif isinstance(block, Table) and block.landscape:
            if not landscape_open:  # turned pages start fresh and are counted whole
                count.new_page()
                landscape_open = True
            count.add(landscape_pages(block, profile, above) * per)
            count.new_page()
            above = 0.0
        elif not landscape_open:
            count.add(block_lines(block, profile))
    return count


def landscape_attachments(blocks: tuple[Block, ...]) -> set[int]:
    """Indices of attachment starts whose attachment holds a landscape table (turned whole)."""
    found: set[int] = set()
    current = None
    for index, block in enumerate(blocks):
        if isinstance(block, AttachmentStart):
            current = index
        elif isinstance(block, Table) and block.landscape and current is not None:
            found.add(current)
    return found


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
    return count.pages + 1  # the 版记 on a page of its own (after turned pages, too)


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


def kept_on_its_page(doc: Document, profile: LayoutProfile, head_lines: float) -> frozenset[int]:
    """``kept_with_signature``, unless keeping would carry the only text of page 1 over
    with the 落款: page 1 must show body text (GB/T 9704-2012 7.3.3 [规定]), so then the
    落款 and 附件说明 go over alone (a short notice under a long 版头)."""
    kept = kept_with_signature(doc.blocks)
    if not kept:
        return kept
    (index,) = kept
    body = (Paragraph, Heading, Table)
    if any(isinstance(b, body) for b in doc.blocks[:index]):
        return kept  # other text stays on page 1 whatever moves
    count = PageCount(profile.lines_per_page, head_lines)
    for block in doc.blocks:
        count.add(block_lines(block, profile))
        if isinstance(block, Signature):
            break
    return kept if count.lines <= profile.lines_per_page else frozenset()


_STRONG_AFTER = ("关于", "》", "”")
_STRONG_BEFORE = ("《", "“")
_WEAK_AFTER = ("印发", "开展", "人民政府", "的")
_WEAK_BEFORE = ("的通知", "的报告", "的通报", "实施方案", "工作", "情况", "整改", "自查")
#: Marks a line may not end with, and marks it may not start with (the 避头尾 rule).
_NO_LINE_END = "“‘《（〔【「"
_NO_LINE_START = "”’》），。、；：！？〕】」"


@functools.lru_cache(maxsize=256)
def title_lines(title: str, per_line: int) -> tuple[str, ...]:
    """Break a long title into lines at natural points (GB/T 9704-2012 7.3.1: 词意完整).

    Lines are about equal; a break moves to a natural point nearby — strongly after
    关于 or around 《…》, weakly after 印发/开展 or before 的通知/工作 — and a book
    title is split only when it cannot fit a line, so the 文种 is never left alone. A quoted
    term (“五查五改”) is kept whole the same way, and no line ends with an opening mark or
    starts with a closing one.
    """
    width = width_in_chars(title)
    if width <= per_line:
        return (title,)
    count = -(-int(width) // (per_line - 2))  # some slack so breaks can move
    lines, rest = [], title
    for remaining in range(count, 1, -1):
        target = -(-len(rest) // remaining)  # ceil: upper lines take the extra character
        cut = _best_cut(rest, target, per_line, remaining)
        lines.append(rest[:cut])
        rest = rest[cut:]
    lines.append(rest)
    return tuple(lines)


def _best_cut(text: str, target: int, per_line: int, remaining: int) -> int:
    def score(cut: int) -> float:
        head, tail = text[:cut], text[cut:]
        if len(head) > per_line or len(tail) > per_line * (remaining - 1) or len(tail) < 3:
            return float("inf")
        if head[-1] in _NO_LINE_END or tail[0] in _NO_LINE_START:
            return float("inf")
        value = abs(cut - target)
        if head.endswith(_STRONG_AFTER) or tail.startswith(_STRONG_BEFORE):
            value -= 5
        elif head.endswith(_WEAK_AFTER) or tail.startswith(_WEAK_BEFORE):
            value -= 4.5
        if head.count("《") > head.count("》") or head.count("“") > head.count("”"):
            value += 4  # inside a book title or a quoted term: only if it must
        return value

    return min(range(max(1, target - 6), min(len(text), target + 7)), key=score)
