"""Document model → .docx bytes: one method per block type, in the official layout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..layout import DEFAULT_PROFILE, LayoutProfile, Length, pt
from ..model import (
    AttachmentNote,
    AttachmentStart,
    Attendance,
    Block,
    Document,
    Heading,
    Imprint,
    Masthead,
    Note,
    Paragraph,
    Salutation,
    Signature,
    Subtitle,
    Table,
    Title,
)
from . import ooxml, paging
from .archive import zip_parts
from .package import Package, build_package, chars, run_properties_for
from .paging import column_widths, display_width, landscape_attachments
from .time import creation_time


@dataclass(frozen=True)
class _Look:
    """Run (r_*) and paragraph (p_*) properties of each kind of text, serialised once."""

    r_body: str
    r_title: str
    r_subtitle: str
    r_headings: dict[int, str]
    r_table: str
    r_table_head: str
    r_wide: str
    r_wide_head: str
    r_label: str
    r_attendance: str
    r_signer: str
    r_imprint: ooxml.Element  # the 版记 box is built as elements
    p_title: str
    p_subtitle_first: str
    p_subtitle: str
    p_salutation: str
    p_headings: dict[int, str]
    p_cell: str
    p_cell_centred: str
    p_head_cell: str
    p_wide_cell: str
    p_wide_cell_centred: str
    p_wide_head_cell: str


def _look(profile: LayoutProfile) -> _Look:
    size, fragment, style = profile.body_size, ooxml.fragment, ooxml.paragraph_properties

    def run(font: str, at: Length = size) -> str:
        return fragment(run_properties_for(profile, font, at))

    wide = dict(line=profile.wide_table_line, snap_to_grid=False)
    return _Look(
        r_body=run(profile.body_font),
        r_title=run(profile.title_font, profile.title_size),
        r_subtitle=run(profile.subtitle_font),
        r_headings={n: run(profile.heading_font(n)) for n in range(1, 5)},
        r_table=run(profile.table_font, profile.table_size),
        r_table_head=run(profile.table_header_font, profile.table_size),
        r_wide=run(profile.table_font, profile.wide_table_size),
        r_wide_head=run(profile.table_header_font, profile.wide_table_size),
        r_label=run(profile.attachment_label_font),
        r_attendance=run(profile.attendance_label_font),
        r_signer=run(profile.signer_font),
        r_imprint=run_properties_for(profile, profile.imprint_font, profile.imprint_size),
        p_title=fragment(style(style="GwTitle")),
        p_subtitle_first=fragment(
            style(style="GwSubtitle", line=profile.line_pitch, before=profile.line_pitch)
        ),
        p_subtitle=fragment(style(style="GwSubtitle")),
        p_salutation=fragment(style(style="GwSalutation")),
        p_headings={n: fragment(style(style=f"GwHeading{n}")) for n in range(1, 5)},
        p_cell=fragment(style(style="GwTableText")),
        p_cell_centred=fragment(style(style="GwTableText", jc="center")),
        p_head_cell=fragment(style(style="GwTableHeader")),
        p_wide_cell=fragment(style(style="GwTableText", **wide)),
        p_wide_cell_centred=fragment(style(style="GwTableText", jc="center", **wide)),
        p_wide_head_cell=fragment(style(style="GwTableHeader", **wide)),
    )


#: The method writing each block type; a model type missing here is a bug, never dropped.
_WRITERS: dict[type, str] = {
    Title: "_title_block",
    Subtitle: "_subtitle_block",
    Salutation: "_salutation_block",
    Heading: "_heading_block",
    Paragraph: "_paragraph_block",
    Table: "_table_block",
    AttachmentNote: "_attachment_note_block",
    Signature: "_signature_block",
    Note: "_note_block",
    AttachmentStart: "_attachment_start_block",
    Attendance: "_attendance_block",
}


class DocxWriter:
    """Writes the parts of documents of one layout profile and page-number style."""

    def __init__(self, profile: LayoutProfile, package: Package) -> None:
        self.profile = profile
        self.package = package
        self._head, self._tail = ooxml.document_shell(package.document_root)
        self._section = ooxml.parse(package.section)
        self.look = _look(profile)
        self._handlers: dict[type, Callable[[ooxml.Body, Block], None]] = {
            kind: getattr(self, name) for kind, name in _WRITERS.items()
        }
        self._after_masthead = False
        self._keep_next = False

    # -- public ---------------------------------------------------------------------------

    def own_parts(self, doc: Document, created: dt.datetime) -> list[tuple[str, bytes]]:
        """The parts that differ per document (document.xml and the core properties)."""
        return [
            ("word/document.xml", self.document_xml(doc)),
            ("docProps/core.xml", ooxml.core_properties(doc.title, created, "docgen")),
        ]

    def document_xml(self, doc: Document) -> bytes:
        body = ooxml.Body()
        head_lines = 0.0
        self._after_masthead = False
        if doc.masthead is not None:
            head_lines = self._masthead(body, doc.masthead)
        turned = landscape_attachments(doc.blocks)
        kept = paging.kept_on_its_page(doc, self.profile, head_lines)
        self._landscape = False
        self._ended_section = False
        for index, block in enumerate(doc.blocks):
            handler = self._handlers.get(type(block))
            if handler is None:  # a model type without a writer is a bug, never dropped
                raise TypeError(f"no docx writer for {type(block).__name__}")
            if isinstance(block, AttachmentStart):
                self._close_landscape(body)
                if index in turned:  # the whole attachment goes on landscape pages
                    ooxml.section_break(body, self._section, landscape=False)
                    self._landscape = True
            self._ended_section = False
            if self._after_masthead and not isinstance(block, Title):
                # No title (纪要): the text still starts two lines below the red rule.
                gap = pt(self.profile.line_pitch.pt * self.profile.title_gap_lines)
                ooxml.paragraph(body, ooxml.paragraph_properties(line=gap, snap_to_grid=False), [])
                self._after_masthead = False
            if index in kept:  # the last body paragraph goes with the 落款 (not pure)
                self._keep_next = True
                handler(body, block)
                self._keep_next = False
            elif type(block) in PURE_BLOCKS:
                body.parts.append(self.pure_block_xml(block))
            else:
                handler(body, block)
        if self._landscape and doc.imprint is None:  # ends turned: the last section stays so
            body.append(ooxml.turned(self._section))
            return self._document(body)
        section_ended = self._close_landscape(body)
        if doc.imprint is not None:
            # The 版记 on the last page (GB/T 9704-2012 7.4): below the text when the page
            # has room for it, else on a page of its own — an explicit break every client
            # renders alike (no even-page section start, which a plain conversion ignores).
            own_page = not section_ended and not paging.imprint_fits(doc, self.profile, head_lines)
            # LibreOffice misplaces a shape anchored in a section's first paragraph (it drew
            # the 版记 on page 1): anchor it to a hair-thin paragraph of its own instead.
            anchor = ooxml.paragraph_properties(
                page_break_before=own_page, line=pt(1), snap_to_grid=False
            )
            ooxml.paragraph(body, anchor, [])
            body.parts.append(self.imprint_xml(doc.imprint))
        body.append(ooxml.deepcopy(self._section))
        return self._document(body)

    def pure_block_xml(self, block: Block) -> str:
        """The XML of a block that depends on nothing but the block (``PURE_BLOCKS``)."""
        own = ooxml.Body()
        self._handlers[type(block)](own, block)
        return own.xml()

    def _document(self, body: ooxml.Body) -> bytes:
        return (self._head + body.xml() + self._tail).encode("utf-8")

    def _close_landscape(self, body: ooxml.Body) -> bool:
        """End an open landscape section; True when one was ended."""
        if not self._landscape:
            return self._ended_section
        ooxml.section_break(body, self._section, landscape=True)
        self._landscape = False
        return True

    # -- 版头 and 版记 ----------------------------------------------------------------------

    def mark_size(self, mark: str) -> float:
        """The largest candidate size at which the mark fits the type area width."""
        return paging.mark_size(mark, self.profile)

    def _masthead(self, body: ooxml.Body, m: Masthead) -> float:
        """Mark 35 mm below the type area, number line two lines below, red rule 4 mm under it."""
        p = self.profile
        size = self.mark_size(m.mark)
        mark_rpr = ooxml.run_properties(p.mark_font, pt(size), color=p.mark_color)
        mark_ppr = ooxml.paragraph_properties(
            snap_to_grid=False,
            line=pt(size * p.mark_line),
            before=p.mark_offset,
            first_line=pt(0),
            first_line_chars=0,
            jc="center",
        )
        ooxml.paragraph(body, mark_ppr, [] if m.preprinted else [(m.mark, mark_rpr)])
        rule = None if m.preprinted else (p.mark_color, p.rule_width, p.rule_space)
        gap = p.number_before
        if m.signers:  # 上行文: 字号 left (空一字), 签发人 right (空一字) on one line
            ppr = self._spread_line(rule, before=gap)
            runs = [
                ("\t" + m.number + "\t签发人：", self.look.r_body),
                ("、".join(m.signers), self.look.r_signer),
            ]
        else:
            ppr = ooxml.paragraph_properties(
                bottom_border=None if m.issuer else rule,
                line=p.line_pitch,
                before=gap,
                first_line=pt(0),
                first_line_chars=0,
                jc="center",
            )
            runs = [(m.number, self.look.r_body)]
        ooxml.paragraph(body, ppr, runs)
        if m.issuer:  # 纪要: 编印单位 左空一字, date 右空一字, the red rule under them
            ppr = self._spread_line(rule)
            ooxml.paragraph(body, ppr, [(f"\t{m.issuer}\t{m.issued}", self.look.r_body)])
        self._after_masthead = True
        return paging.masthead_lines(p, size, bool(m.issuer))

    def _spread_line(
        self, rule: tuple[str, Length, Length] | None, before: Length | None = None
    ) -> ooxml.Element:
        """A 版头 line with one part 空一字 from the left and one 空一字 from the right.

        Tab stops, not indents: the red rule (a paragraph border) must span the full width.
        """
        p = self.profile
        one = chars(p, 1)
        tabs = (("left", one), ("right", pt(p.type_area_width.pt - one.pt)))
        return ooxml.paragraph_properties(
            bottom_border=rule,
            tabs=tabs,
            line=p.line_pitch,
            before=before,
            first_line=pt(0),
            first_line_chars=0,
        )

    def imprint_xml(self, imprint: Imprint) -> str:
        """The 版记, which depends on nothing but the imprint (a batch repeats it)."""
        own = ooxml.Body()
        self._imprint_block(own, imprint)
        return own.xml()

    def _imprint_block(self, body: ooxml.Body, imprint: Imprint) -> None:
        """抄送 row (continuation aligned after the colon) and 印发 row, 4号仿宋, 左右各空一字."""
        p = self.profile
        width = p.type_area_width.twips
        one = p.imprint_size.pt
        pitch = p.line_pitch.twips
        rows = []
        if imprint.copy_to:
            lines = paging.text_lines("抄送：" + imprint.copy_to, p.type_area_width.pt / one - 2)
            ppr = ooxml.paragraph_properties(
                line=p.line_pitch, left=pt(one * 4), hanging=pt(one * 3), right=pt(one)
            )
            rows.append((lines * pitch, ppr, [("抄送：" + imprint.copy_to, self.look.r_imprint)]))
        ppr = ooxml.paragraph_properties(
            tabs=(("right", pt(width / 20 - one)),),
            line=p.line_pitch,
            left=pt(one),
            first_line=pt(0),
        )
        rows.append((pitch, ppr, [(f"{imprint.printer}\t{imprint.date}印发", self.look.r_imprint)]))
        bottom = p.page_height.twips - p.margin_bottom.twips
        ooxml.bottom_box(
            body,
            width,
            rows,
            bottom=bottom,
            outer=round(p.imprint_thick.pt * 8),
            inner=round(p.imprint_thin.pt * 8),
        )

    # -- one method per block type ----------------------------------------------------------

    def _title_block(self, body: ooxml.Body, block: Title) -> None:
        ppr = self.look.p_title
        if self._after_masthead:  # title two lines below the red rule (GB/T 9704-2012 7.3.1)
            gap = pt(self.profile.line_pitch.pt * self.profile.title_gap_lines)
            ppr = ooxml.paragraph_properties(
                style="GwTitle", line=self.profile.line_pitch, before=gap
            )
            self._after_masthead = False
        per_line = int(self.profile.type_area_width.pt // self.profile.title_size.pt)
        lines = block.lines if len(block.lines) > 1 else paging.title_lines(block.text, per_line)
        for line in lines:
            ooxml.paragraph(body, ppr, [(line, self.look.r_title)])
            ppr = self.look.p_title

    def _subtitle_block(self, body: ooxml.Body, block: Subtitle) -> None:
        for index, line in enumerate(block.lines):
            ppr = self.look.p_subtitle_first if index == 0 else self.look.p_subtitle
            ooxml.paragraph(body, ppr, [(line, self.look.r_subtitle)])

    def _salutation_block(self, body: ooxml.Body, block: Salutation) -> None:
        ooxml.paragraph(body, self.look.p_salutation, [(block.text, self.look.r_body)])

    def _kept(self) -> ooxml.Element | None:
        """Paragraph properties of body text kept with what follows (the 落款), else none."""
        return ooxml.paragraph_properties(keep_next=True) if self._keep_next else None

    def _heading_block(self, body: ooxml.Body, block: Heading) -> None:
        rpr = self.look.r_headings[block.level]
        if block.body:  # run-in heading: a body paragraph that opens in the heading's font
            ooxml.paragraph(
                body,
                self._kept(),
                [(block.label + block.text, rpr), (block.body, self.look.r_body)],
            )
        else:
            ooxml.paragraph(
                body, self.look.p_headings[block.level], [(block.label + block.text, rpr)]
            )

    def _paragraph_block(self, body: ooxml.Body, block: Paragraph) -> None:
        runs = []
        if block.lead is not None:
            runs.append((block.lead.text, self.look.r_headings[block.lead.level]))
        if block.text:
            runs.append((block.text, self.look.r_body))
        ooxml.paragraph(body, self._kept(), runs)

    def _table_block(self, body: ooxml.Body, block: Table) -> None:
        p = self.profile
        total = p.type_area_width.twips
        own_section = block.landscape and not self._landscape
        if own_section:  # its own landscape section, page turned toward the binding
            ooxml.section_break(body, self._section, landscape=False)
        if block.landscape:
            total = round((p.page_height.pt - p.margin_top.pt - p.margin_bottom.pt) * 20)
        size = p.wide_table_size if block.landscape else p.table_size
        widths = column_widths(block, total, round(size.pt * 2 * 20))
        if block.landscape:
            rpr, head_rpr = self.look.r_wide, self.look.r_wide_head
            head_ppr, cell_ppr, centred_ppr = (
                self.look.p_wide_head_cell,
                self.look.p_wide_cell,
                self.look.p_wide_cell_centred,
            )
        else:
            rpr, head_rpr = self.look.r_table, self.look.r_table_head
            head_ppr, cell_ppr, centred_ppr = (
                self.look.p_head_cell,
                self.look.p_cell,
                self.look.p_cell_centred,
            )
        # Short columns (序号, 责任人) read better centred; text columns stay left-aligned.
        short = [
            max(display_width(c) for c in column) <= 6
            for column in zip(block.header, *block.rows, strict=True)
        ]
        head = [(text, head_ppr, head_rpr) for text in block.header]
        names = paging.name_columns(block)  # one name to a line: a name never breaks
        rows = [
            [
                (
                    "\n".join(paging.name_lines(text)) if i in names else text,
                    centred_ppr if short[i] else cell_ppr,
                    rpr,
                )
                for i, text in enumerate(row)
            ]
            for row in block.rows
        ]
        ooxml.table(body, widths, [head, *rows], style="GwTable")
        if own_section:
            ooxml.section_break(body, self._section, landscape=True)
            self._ended_section = True

    def _attachment_note_block(self, body: ooxml.Body, block: AttachmentNote) -> None:
        """附件： one line below the body, 左空二字; wrapped names align under the name."""
        p = self.profile
        two, label = chars(p, 2), chars(p, 3)
        number = chars(p, 1).pt if len(block.items) > 1 else 0.0  # "1." is about one 字
        for index, line in enumerate(block.lines()):
            hanging = (label.pt if index == 0 else 0.0) + number
            ppr = ooxml.paragraph_properties(
                keep_next=True,
                line=p.line_pitch,
                before=p.line_pitch if index == 0 else pt(0),
                left=pt(two.pt + label.pt + number),
                hanging=pt(hanging),
            )
            ooxml.paragraph(body, ppr, [(line, self.look.r_body)])

    def _signature_block(self, body: ooxml.Body, block: Signature) -> None:
        """Sealed: date 右空四字, organ centred over it. Unsealed: organ 右空二字, date 右移二字."""
        p = self.profile
        date_w = paging.width_in_chars(block.date)
        organ_w = max(paging.width_in_chars(o) for o in block.organs)
        gap = p.sealed_gap_lines if block.sealed else 1
        if block.sealed:
            date_right = p.sealed_date_right_chars
            organ_right = date_right + (date_w - organ_w) / 2
        elif date_w > organ_w - 1.5:
            # 成文日期长于署名 (7.3.5.2): 日期右空二字, 署名相应左移. Dates about as long as
            # the 署名 take this branch too: clients print digits at different widths, and a
            # date placed from the 署名's start must never wrap.
            date_right = p.unsealed_right_chars
            organ_right = date_right + date_w + 2 - organ_w
        else:
            organ_right = p.unsealed_right_chars
            date_right = None  # placed from the 署名's first character, below
        for index, organ in enumerate(block.organs):
            before = pt(p.line_pitch.pt * gap) if index == 0 else pt(0)
            self._right_line(body, organ, organ_right, before, keep_next=True)
        if date_right is not None:
            self._right_line(body, block.date, date_right, pt(0))
            return
        # 日期首字比署名首字右移二字: a left indent from the 署名's start, exact in every
        # client however it sizes digits (the 署名 is Chinese characters only).
        one = chars(p, 1).pt
        start = p.type_area_width.pt - (organ_right + organ_w - 2) * one
        ppr = ooxml.paragraph_properties(
            line=p.line_pitch,
            left=pt(start),
            first_line=pt(0),
            first_line_chars=0,
            jc="left",
        )
        ooxml.paragraph(body, ppr, [(block.date, self.look.r_body)])

    def _right_line(
        self,
        body: ooxml.Body,
        text: str,
        right_chars: float,
        before: Length,
        *,
        keep_next: bool = False,
    ) -> None:
        ppr = ooxml.paragraph_properties(
            keep_next=keep_next,
            line=self.profile.line_pitch,
            before=before,
            right=pt(chars(self.profile, 1).pt * max(right_chars, 0)),
            first_line=pt(0),
            first_line_chars=0,
            jc="right",
        )
        ooxml.paragraph(body, ppr, [(text, self.look.r_body)])

    def _note_block(self, body: ooxml.Body, block: Note) -> None:
        ooxml.paragraph(body, None, [(block.text, self.look.r_body)])

    def _attachment_start_block(self, body: ooxml.Body, block: AttachmentStart) -> None:
        """New page; "附件1" 3号黑体 顶格 on line 1; the title centred on line 3."""
        p = self.profile
        label_ppr = ooxml.paragraph_properties(
            page_break_before=not self._landscape, first_line=pt(0), first_line_chars=0
        )
        ooxml.paragraph(body, label_ppr, [(block.label, self.look.r_label)])
        title_ppr = ooxml.paragraph_properties(
            style="GwTitle", line=p.line_pitch, before=p.line_pitch
        )
        for line in paging.title_lines(block.title, int(p.type_area_width.pt // p.title_size.pt)):
            ooxml.paragraph(body, title_ppr, [(line, self.look.r_title)])
            title_ppr = self.look.p_title

    def _attendance_block(self, body: ooxml.Body, block: Attendance) -> None:
        """出席： label 黑体, names 仿宋; wrapped names align after the colon (GB/T 9704 10.3)."""
        p = self.profile
        label = chars(p, len(block.label) + 1)
        ppr = ooxml.paragraph_properties(
            line=p.line_pitch, left=pt(chars(p, 2).pt + label.pt), hanging=label
        )
        ooxml.paragraph(
            body,
            ppr,
            [(block.label + "：", self.look.r_attendance), (block.names, self.look.r_body)],
        )


#: Block types whose XML depends only on the block (not on the writer's position state).
PURE_BLOCKS = frozenset(
    {Subtitle, Salutation, Heading, Paragraph, AttachmentNote, Signature, Note, Attendance}
)


def intended_pages(doc: Document, profile: LayoutProfile = DEFAULT_PROFILE) -> int:
    """The pages the writer lays ``doc`` out on (a client printing it shows as many)."""
    return paging.intended_pages(doc, profile, paging.head_lines(doc, profile))


def docx_bytes(
    doc: Document, profile: LayoutProfile = DEFAULT_PROFILE, *, created: dt.datetime | None = None
) -> bytes:
    """The .docx file for ``doc``: the Word package built for it, every part zipped.

    The plain way, for one document; docgen.speedups.prepared_writer gives the same bytes
    for many documents of one layout faster.
    """
    package = build_package(profile, doc.page_numbers)
    own = DocxWriter(profile, package).own_parts(doc, created or creation_time(doc))
    return zip_parts([*package.parts.items(), *own])
