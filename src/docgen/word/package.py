"""The parts of a .docx that do not change between documents, built once with python-docx.

python-docx gives us a valid package (content types, relationships, sections, footers);
we prune its template's leftovers, install the official styles, and keep every part's
bytes. Each document then only adds its own ``word/document.xml`` and core properties,
which is what makes writing thousands of village documents fast.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Twips

from ..layout import DEFAULT_PROFILE, LayoutProfile, pt
from ..model import PageNumbers
from . import ooxml

# Style ids (ASCII, stable) and the names a secretary sees in Word's style list.
STYLE_NAMES = {
    "Normal": "Normal",
    "GwTitle": "公文标题",
    "GwSubtitle": "公文副题",
    "GwSalutation": "公文主送",
    "GwHeading1": "公文一级标题",
    "GwHeading2": "公文二级标题",
    "GwHeading3": "公文三级标题",
    "GwHeading4": "公文四级标题",
    "GwTableText": "公文表格",
    "GwTableHeader": "公文表头",
    "GwFooter": "公文页码",
}

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_DROPPED_RELS = (_STYLES_WITH_EFFECTS, RT.CUSTOM_XML, RT.THEME, RT.NUMBERING, RT.WEB_SETTINGS)


@dataclass(frozen=True)
class Package:
    """Static parts by zip name, plus the document.xml shell to fill."""

    parts: dict[str, bytes]
    document_root: bytes  # <w:document> with an empty <w:body>
    section: bytes  # the final <w:sectPr>


def build_package(
    profile: LayoutProfile = DEFAULT_PROFILE, page_numbers: PageNumbers = PageNumbers.OUTSIDE
) -> Package:
    doc = docx.Document()
    _prune(doc)
    _install_styles(doc, profile)
    _set_up_section(doc, profile, page_numbers)
    ooxml.tune_settings(doc.settings.element)
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    # python-docx keeps fontTable.xml as an opaque blob: rewrite the saved bytes.
    fonts = _fonts_in_use(profile)
    parts["word/fontTable.xml"] = ooxml.rewrite(
        parts["word/fontTable.xml"], lambda root: ooxml.font_table(root, fonts)
    )
    parts.pop("docProps/core.xml")
    shell, section = ooxml.empty_body(parts.pop("word/document.xml"))
    return Package(parts, shell, section)


def _prune(doc: docx.document.Document) -> None:
    """Drop template parts we never use: theme (theme fonts), numbering, thumbnails …"""
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype in _DROPPED_RELS:
            del part.rels[rid]
    package_rels = part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    body = doc.element.body
    for child in list(body):
        if child.tag != ooxml.qn("w:sectPr"):
            body.remove(child)


def _install_styles(doc: docx.document.Document, profile: LayoutProfile) -> None:
    body_rpr = _rpr(profile, profile.body_font, profile.body_size)
    body_ppr = ooxml.paragraph_properties(
        line=profile.line_pitch,
        before=pt(0),
        first_line=_chars(profile, profile.first_line_chars),
        first_line_chars=profile.first_line_chars,
        jc="both" if profile.justify else "left",
        widow_control=False,
        auto_space=profile.auto_space,
    )
    styles = doc.styles.element
    defaults = ooxml.paragraph_properties(
        line=profile.line_pitch, before=pt(0), widow_control=False, auto_space=profile.auto_space
    )
    ooxml.reset_styles(styles, body_rpr, defaults)
    add = ooxml.add_style
    add(styles, "Normal", "Normal", ppr=body_ppr, rpr=body_rpr, default=True)
    ooxml.add_style(
        styles, "DefaultParagraphFont", "Default Paragraph Font", kind="character", default=True
    )
    centred = dict(first_line=pt(0), first_line_chars=0, jc="center")
    add(
        styles,
        "GwTitle",
        STYLE_NAMES["GwTitle"],
        based_on="Normal",
        ppr=ooxml.paragraph_properties(snap_to_grid=False, line=profile.line_pitch, **centred),
        rpr=_rpr(profile, profile.title_font, profile.title_size),
    )
    add(
        styles,
        "GwSubtitle",
        STYLE_NAMES["GwSubtitle"],
        based_on="Normal",
        ppr=ooxml.paragraph_properties(**centred),
        rpr=_rpr(profile, profile.subtitle_font, profile.body_size),
    )
    add(
        styles,
        "GwSalutation",
        STYLE_NAMES["GwSalutation"],
        based_on="Normal",
        ppr=ooxml.paragraph_properties(
            line=profile.line_pitch, before=profile.line_pitch, first_line=pt(0), first_line_chars=0
        ),
    )
    for level in range(1, 5):
        add(
            styles,
            f"GwHeading{level}",
            STYLE_NAMES[f"GwHeading{level}"],
            based_on="Normal",
            next_style="Normal",
            ppr=ooxml.paragraph_properties(keep_next=True, outline_level=level - 1),
            rpr=_rpr(profile, profile.heading_font(level), profile.body_size),
        )
    table_ppr = dict(
        snap_to_grid=False,
        line=profile.table_line,
        before=pt(0),
        first_line=pt(0),
        first_line_chars=0,
    )
    add(
        styles,
        "GwTableText",
        STYLE_NAMES["GwTableText"],
        based_on="Normal",
        ppr=ooxml.paragraph_properties(**table_ppr, jc="left"),
        rpr=_rpr(profile, profile.table_font, profile.table_size),
    )
    add(
        styles,
        "GwTableHeader",
        STYLE_NAMES["GwTableHeader"],
        based_on="GwTableText",
        ppr=ooxml.paragraph_properties(**table_ppr, jc="center"),
        rpr=_rpr(profile, profile.table_header_font, profile.table_size),
    )
    add(
        styles,
        "GwFooter",
        STYLE_NAMES["GwFooter"],
        based_on="Normal",
        ppr=ooxml.paragraph_properties(snap_to_grid=False, first_line=pt(0), first_line_chars=0),
        rpr=_rpr(profile, profile.page_number_font, profile.page_number_size),
    )
    ooxml.table_style(
        styles, "GwTable", "公文表格线", border=4, margin=profile.table_cell_margin.twips
    )


def _set_up_section(
    doc: docx.document.Document, profile: LayoutProfile, page_numbers: PageNumbers
) -> None:
    section = doc.sections[0]
    section.page_width = Twips(profile.page_width.twips)
    section.page_height = Twips(profile.page_height.twips)
    section.top_margin = Twips(profile.margin_top.twips)
    section.bottom_margin = Twips(profile.margin_bottom.twips)
    section.left_margin = Twips(profile.margin_left.twips)
    section.right_margin = Twips(profile.margin_right.twips)
    section.footer_distance = Twips(profile.footer_distance.twips)
    section.gutter = Twips(0)
    ooxml.doc_grid(section._sectPr, profile.line_pitch)
    if page_numbers is PageNumbers.NONE:
        return
    inset = _chars(profile, profile.page_number_inset_chars, profile.page_number_size)
    if page_numbers is PageNumbers.CENTRED:
        _page_number_footer(section.footer, profile, jc="center")
        return
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section.footer, profile, jc="right", right=inset)
    _page_number_footer(section.even_page_footer, profile, jc="left", left=inset)


def _page_number_footer(footer, profile: LayoutProfile, *, jc: str, left=None, right=None) -> None:
    footer.is_linked_to_previous = False
    element = footer._element
    for child in list(element):
        element.remove(child)
    ppr = ooxml.paragraph_properties(style="GwFooter", left=left, right=right, jc=jc)
    p = ooxml.paragraph(element, ppr, [])
    rpr = _rpr(profile, profile.page_number_font, profile.page_number_size, latin_too=True)
    ooxml.page_number_field(p, rpr)


def _rpr(profile: LayoutProfile, font: str, size, *, latin_too: bool = False) -> ooxml.Element:
    """Run properties; body-size runs get the grid's character spacing (28 per line)."""
    spacing = profile.char_spacing if size == profile.body_size else None
    latin = font if latin_too else profile.latin_font
    return ooxml.run_properties(font, size, latin=latin, spacing=spacing)


def _chars(profile: LayoutProfile, n: int, size=None):
    """n 字 as a Length at ``size`` (body size by default), grid spacing included."""
    width = profile.char_width(size or profile.body_size)
    return pt(width.pt * n)


def _fonts_in_use(profile: LayoutProfile) -> list[str]:
    names = [
        profile.body_font,
        profile.title_font,
        *profile.heading_fonts,
        profile.subtitle_font,
        profile.table_font,
        profile.table_header_font,
        profile.page_number_font,
    ]
    if profile.latin_font:
        names.append(profile.latin_font)
    return names


def run_properties_for(profile: LayoutProfile, font: str, size) -> ooxml.Element:
    """Run properties the body writer stamps on every run (all four font slots)."""
    return _rpr(profile, font, size)


def chars(profile: LayoutProfile, n: int):
    return _chars(profile, n)
