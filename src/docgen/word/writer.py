"""Document model → .docx bytes: one method per block type, static parts prepared once."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from collections.abc import Callable
from copy import deepcopy
from functools import lru_cache

from lxml import etree

from ..layout import DEFAULT_PROFILE, LayoutProfile
from ..model import Block, Document, Heading, Paragraph, Salutation, Subtitle, Table, Title
from . import ooxml
from .package import Package, build_package, chars, run_properties_for


class DocxWriter:
    """Writes documents of one profile and page-number style; reuse it for many documents."""

    def __init__(self, profile: LayoutProfile, package: Package) -> None:
        self.profile = profile
        self.package = package
        self._root = ooxml.parse(package.document_root)
        self._section = ooxml.parse(package.section)
        size = profile.body_size
        self._body = run_properties_for(profile, profile.body_font, size)
        self._headings = {n: run_properties_for(profile, profile.heading_font(n), size) for n in range(1, 5)}
        self._title = run_properties_for(profile, profile.title_font, profile.title_size)
        self._subtitle = run_properties_for(profile, profile.subtitle_font, size)
        self._table = run_properties_for(profile, profile.table_font, profile.table_size)
        self._table_head = run_properties_for(profile, profile.table_header_font, profile.table_size)
        style = ooxml.paragraph_properties
        self._p_title = style(style="GwTitle")
        self._p_subtitle_first = style(style="GwSubtitle", line=profile.line_pitch, before=profile.line_pitch)
        self._p_subtitle = style(style="GwSubtitle")
        self._p_salutation = style(style="GwSalutation")
        self._p_heading = {n: style(style=f"GwHeading{n}") for n in range(1, 5)}
        self._p_cell = style(style="GwTableText")
        self._p_head_cell = style(style="GwTableHeader")
        self._handlers: dict[type, Callable[[etree._Element, Block], None]] = {
            Title: self._title_block,
            Subtitle: self._subtitle_block,
            Salutation: self._salutation_block,
            Heading: self._heading_block,
            Paragraph: self._paragraph_block,
            Table: self._table_block,
        }

    # -- public ---------------------------------------------------------------------------

    def to_bytes(self, doc: Document, *, created: dt.datetime | None = None) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, blob in self.package.parts.items():
                zf.writestr(name, blob)
            zf.writestr("word/document.xml", self.document_xml(doc))
            stamp = created or dt.datetime.now(dt.UTC)
            zf.writestr("docProps/core.xml", ooxml.core_properties(doc.title, stamp, "docgen"))
        return buffer.getvalue()

    def document_xml(self, doc: Document) -> bytes:
        root = deepcopy(self._root)
        body = root.find(ooxml.qn("w:body"))
        for block in doc.blocks:
            handler = self._handlers.get(type(block))
            if handler is None:  # a model type without a writer is a bug, never dropped
                raise TypeError(f"no docx writer for {type(block).__name__}")
            handler(body, block)
        body.append(deepcopy(self._section))
        return ooxml.serialize(root)

    # -- one method per block type ----------------------------------------------------------

    def _title_block(self, body: etree._Element, block: Title) -> None:
        for line in block.lines:
            ooxml.paragraph(body, self._p_title, [(line, self._title)])

    def _subtitle_block(self, body: etree._Element, block: Subtitle) -> None:
        for index, line in enumerate(block.lines):
            ppr = self._p_subtitle_first if index == 0 else self._p_subtitle
            ooxml.paragraph(body, ppr, [(line, self._subtitle)])

    def _salutation_block(self, body: etree._Element, block: Salutation) -> None:
        ooxml.paragraph(body, self._p_salutation, [(block.text, self._body)])

    def _heading_block(self, body: etree._Element, block: Heading) -> None:
        rpr = self._headings[block.level]
        if block.body:  # run-in heading: a body paragraph that opens in the heading's font
            ooxml.paragraph(body, None, [(block.label + block.text, rpr), (block.body, self._body)])
        else:
            ooxml.paragraph(body, self._p_heading[block.level], [(block.label + block.text, rpr)])

    def _paragraph_block(self, body: etree._Element, block: Paragraph) -> None:
        runs = []
        if block.lead is not None:
            runs.append((block.lead.text, self._headings[block.lead.level]))
        if block.text:
            runs.append((block.text, self._body))
        ooxml.paragraph(body, None, runs)

    def _table_block(self, body: etree._Element, block: Table) -> None:
        widths = column_widths(block, self.profile.type_area_width.twips, chars(self.profile, 2).twips)
        head = [(text, self._p_head_cell, self._table_head) for text in block.header]
        rows = [[(text, self._p_cell, self._table) for text in row] for row in block.rows]
        ooxml.table(body, widths, [head, *rows], style="GwTable")


def display_width(text: str) -> int:
    """Columns a text occupies: 2 for wide (CJK) characters, 1 otherwise."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def column_widths(table: Table, total: int, minimum: int) -> list[int]:
    """Explicit widths (twips) proportional to each column's widest cell, summing to ``total``."""
    columns = list(zip(table.header, *table.rows, strict=True))
    # Long cells wrap anyway; cap their weight so one long text does not starve the rest.
    weights = [max(4, min(40, max(display_width(c) for c in column))) for column in columns]
    widths = [max(minimum, total * w // sum(weights)) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


@lru_cache(maxsize=8)
def writer_for(profile: LayoutProfile, page_numbers) -> DocxWriter:  # noqa: ANN001
    return DocxWriter(profile, build_package(profile, page_numbers))


def docx_bytes(doc: Document, profile: LayoutProfile = DEFAULT_PROFILE) -> bytes:
    """The .docx file for ``doc`` as bytes (write them with ``docgen.outputs``)."""
    return writer_for(profile, doc.page_numbers).to_bytes(doc)
