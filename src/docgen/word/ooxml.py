"""Every raw WordprocessingML touch of the project lives here (cf. python-docx's docx/oxml).

Callers speak in fonts, Lengths and style ids; this module knows element names,
attribute spellings and the schema order of children.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from lxml import etree

from ..layout import Length
from ..model import UNSTORABLE

#: An XML element (lxml's), for callers' type hints: they never touch lxml themselves.
Element = etree._Element

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


_QN: dict[str, str] = {}


def qn(tag: str) -> str:
    """'w:p' → '{ns}p' (memoised: called for every element and attribute written)."""
    found = _QN.get(tag)
    if found is None:
        prefix, local = tag.split(":")
        assert prefix == "w", tag
        found = _QN[tag] = f"{{{W_NS}}}{local}"
    return found


def deepcopy(element: etree._Element) -> etree._Element:
    """A copy of the whole subtree, without copy.deepcopy's Python-level bookkeeping."""
    return element.__deepcopy__(None)


def el(tag: str, parent: etree._Element | None = None, **attrs: str | int) -> etree._Element:
    """Make ``w:tag`` with ``w:``-qualified attributes, optionally appended to ``parent``."""
    attrib = {qn(f"w:{k}"): str(v) for k, v in attrs.items()}
    if parent is None:
        return etree.Element(qn(tag), attrib, nsmap={"w": W_NS})
    return etree.SubElement(parent, qn(tag), attrib)


# --- run properties ---------------------------------------------------------------------------


def fonts(parent: etree._Element, east_asian: str, latin: str | None = None) -> etree._Element:
    """All four rFonts slots plus the eastAsia hint: no theme font can leak through."""
    latin = latin or east_asian
    return el(
        "w:rFonts", parent, ascii=latin, hAnsi=latin, eastAsia=east_asian, cs=latin, hint="eastAsia"
    )


def run_properties(
    font: str,
    size: Length,
    *,
    latin: str | None = None,
    spacing: Length | None = None,
    color: str | None = None,
) -> etree._Element:
    """A ``w:rPr`` in schema order (rFonts, color, spacing, sz, szCs)."""
    rpr = el("w:rPr")
    fonts(rpr, font, latin)
    if color:
        el("w:color", rpr, val=color)
    if spacing is not None and spacing.twips:
        el("w:spacing", rpr, val=spacing.twips)
    el("w:sz", rpr, val=size.half_points)
    el("w:szCs", rpr, val=size.half_points)
    return rpr


def language(rpr: etree._Element) -> None:
    el("w:lang", rpr, val="en-US", eastAsia="zh-CN", bidi="ar-SA")


# --- paragraph properties -------------------------------------------------------------------


def paragraph_properties(
    *,
    style: str | None = None,
    keep_next: bool = False,
    page_break_before: bool = False,
    widow_control: bool | None = None,
    bottom_border: tuple[str, Length, Length] | None = None,
    tabs: tuple[tuple[str, Length], ...] = (),
    auto_space: bool | None = None,
    snap_to_grid: bool = True,
    line: Length | None = None,
    before: Length | None = None,
    first_line: Length | None = None,
    first_line_chars: int | None = None,
    hanging: Length | None = None,
    left: Length | None = None,
    right: Length | None = None,
    jc: str | None = None,
    outline_level: int | None = None,
) -> etree._Element:
    """A ``w:pPr`` in schema order; only what is given is written.

    ``bottom_border`` is (colour, thickness, distance from the text); ``tabs`` are
    (alignment, position) pairs.
    """
    ppr = el("w:pPr")
    if style:
        el("w:pStyle", ppr, val=style)
    if keep_next:
        el("w:keepNext", ppr)
    if page_break_before:
        el("w:pageBreakBefore", ppr)
    if widow_control is not None:
        el("w:widowControl", ppr, val=int(widow_control))
    if bottom_border is not None:
        color, width, distance = bottom_border
        borders = el("w:pBdr", ppr)
        el(
            "w:bottom",
            borders,
            val="single",
            sz=round(width.pt * 8),
            space=round(distance.pt),
            color=color,
        )
    if tabs:
        tab_list = el("w:tabs", ppr)
        for alignment, position in tabs:
            el("w:tab", tab_list, val=alignment, pos=position.twips)
    if auto_space is not None:  # extra space between Chinese and digits/Latin letters
        el("w:autoSpaceDE", ppr, val=int(auto_space))
        el("w:autoSpaceDN", ppr, val=int(auto_space))
    if not snap_to_grid:
        el("w:snapToGrid", ppr, val=0)
    if line is not None or before is not None:
        spacing = el("w:spacing", ppr)
        spacing.set(qn("w:before"), str(before.twips if before else 0))
        spacing.set(qn("w:after"), "0")
        if line is not None:
            spacing.set(qn("w:line"), str(line.twips))
            spacing.set(qn("w:lineRule"), "exact")
    if first_line is not None or hanging is not None or left is not None or right is not None:
        ind = el("w:ind", ppr)
        if left is not None:
            ind.set(qn("w:left"), str(left.twips))
        if right is not None:
            ind.set(qn("w:right"), str(right.twips))
        if hanging is not None:
            ind.set(qn("w:hanging"), str(hanging.twips))
        elif first_line is not None:
            # LibreOffice reads firstLine, Word prefers firstLineChars: write both.
            ind.set(qn("w:firstLine"), str(first_line.twips))
            if first_line_chars is not None:
                ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))
    if jc:
        el("w:jc", ppr, val=jc)
    if outline_level is not None:
        el("w:outlineLvl", ppr, val=outline_level)
    return ppr


# --- styles part ------------------------------------------------------------------------------


def reset_styles(styles: etree._Element, rpr: etree._Element, ppr: etree._Element) -> None:
    """Drop python-docx's template styles and theme-font defaults; install ours."""
    for child in list(styles):
        styles.remove(child)
    defaults = el("w:docDefaults", styles)
    rpr_default = el("w:rPrDefault", defaults)
    rpr_default.append(deepcopy(rpr))
    language(rpr_default[0])
    ppr_default = el("w:pPrDefault", defaults)
    ppr_default.append(deepcopy(ppr))


def add_style(
    styles: etree._Element,
    style_id: str,
    name: str,
    *,
    kind: str = "paragraph",
    based_on: str | None = None,
    next_style: str | None = None,
    ppr: etree._Element | None = None,
    rpr: etree._Element | None = None,
    default: bool = False,
) -> etree._Element:
    """Append a ``w:style``; children in schema order (name, basedOn, next, qFormat, pPr, rPr)."""
    style = el("w:style", styles, type=kind, styleId=style_id)
    if default:
        style.set(qn("w:default"), "1")
    el("w:name", style, val=name)
    if based_on:
        el("w:basedOn", style, val=based_on)
    if next_style:
        el("w:next", style, val=next_style)
    el("w:qFormat", style)
    if ppr is not None:
        style.append(deepcopy(ppr))
    if rpr is not None:
        style.append(deepcopy(rpr))
    return style


def table_style(styles: etree._Element, style_id: str, name: str, border: int, margin: int) -> None:
    """A plain grid table style: single lines of ``border`` eighths of a point, cells with
    ``margin`` twips left and right."""
    style = el("w:style", styles, type="table", styleId=style_id)
    el("w:name", style, val=name)
    tbl_pr = el("w:tblPr", style)
    borders = el("w:tblBorders", tbl_pr)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el(f"w:{side}", borders, val="single", sz=border, space=0, color="000000")
    margins = el("w:tblCellMar", tbl_pr)
    el("w:left", margins, w=margin, type="dxa")
    el("w:right", margins, w=margin, type="dxa")


# --- settings, fonts, sections --------------------------------------------------------------


def tune_settings(settings: etree._Element) -> None:
    """Remove theme-font, rsid and preview leftovers of python-docx's template."""
    leftovers = (
        "w:themeFontLang",
        "w:clrSchemeMapping",
        "w:rsids",
        "w:attachedTemplate",
        "w:savePreviewPicture",
    )
    for tag in leftovers:
        for child in settings.findall(qn(tag)):
            settings.remove(child)


def font_table(font_table_root: etree._Element, names: list[str]) -> None:
    """List exactly the fonts we use, with GB2312 charset and sensible fall-backs."""
    alternatives = {
        "仿宋_GB2312": "仿宋",
        "楷体_GB2312": "楷体",
        "方正小标宋简体": "方正小标宋_GBK",
    }
    for child in list(font_table_root):
        font_table_root.remove(child)
    for name in dict.fromkeys(names):
        font = el("w:font", font_table_root, name=name)
        if name in alternatives:
            el("w:altName", font, val=alternatives[name])
        el("w:charset", font, val="86")
        el("w:family", font, val="modern" if "宋" in name or "仿" in name else "auto")
        el("w:pitch", font, val="variable")


def doc_grid(sect_pr: etree._Element, pitch: Length) -> None:
    """22 lines on the page: a ``lines`` grid at the body's exact line pitch."""
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = el("w:docGrid", sect_pr)
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(pitch.twips))


# --- body as text ----------------------------------------------------------------------------

#: Namespace prefixes declared on python-docx's <w:document>: fragments need not repeat them.
ROOT_PREFIXES = (
    "w",
    "r",
    "wp",
    "wps",
    "wpg",
    "wpi",
    "wpc",
    "wp14",
    "w14",
    "mc",
    "m",
    "v",
    "o",
    "w10",
    "wne",
    "mo",
    "mv",
)
_DECLARATIONS = re.compile(r" xmlns:(?:" + "|".join(ROOT_PREFIXES) + r')="[^"]*"')
#: The parser refuses these (model.UNSTORABLE); a model built by hand may still hold one, and
#: the writer must never fail on it: it is left out, as XML cannot carry it.
_NOT_XML = UNSTORABLE


class Body:
    """document.xml's body as a list of XML strings.

    A batch writes thousands of paragraphs; joining ready strings is several times faster
    than building, copying and serialising lxml elements, and property templates
    (pPr/rPr) are serialised once by the writer with ``fragment``.
    """

    __slots__ = ("parts",)

    def __init__(self) -> None:
        self.parts: list[str] = []

    def append(self, element: etree._Element) -> None:
        self.parts.append(fragment(element))

    def xml(self) -> str:
        return "".join(self.parts)


def fragment(element: etree._Element | str | None) -> str:
    """An element as XML text without the namespace declarations the document root has."""
    if element is None:
        return ""
    if isinstance(element, str):
        return element
    return _DECLARATIONS.sub("", etree.tostring(element, encoding="unicode"))


def text_xml(text: str) -> str:
    """Run content: ``w:t`` pieces (space-preserving where needed), ``w:tab`` for tabs,
    ``w:br`` for a line break inside a paragraph (a table cell's next name)."""
    if "\n" in text:
        return "<w:br/>".join(text_xml(line) for line in text.split("\n"))
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    if "\t" not in text and not (text[:1].isspace() or text[-1:].isspace()):
        return f"<w:t>{_escape(text)}</w:t>" if text else ""  # the common case, kept short
    out = []
    for index, piece in enumerate(text.split("\t")):
        if index:
            out.append("<w:tab/>")
        if piece:
            space = ' xml:space="preserve"' if piece[:1].isspace() or piece[-1:].isspace() else ""
            out.append(f"<w:t{space}>{_escape(piece)}</w:t>")
    return "".join(out)


def _escape(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def run_xml(text: str, rpr: etree._Element | str | None) -> str:
    return f"<w:r>{rpr if isinstance(rpr, str) else fragment(rpr)}{text_xml(text)}</w:r>"


def paragraph_xml(ppr: etree._Element | str | None, runs: list[tuple[str, object]]) -> str:
    return "<w:p>" + fragment(ppr) + "".join(run_xml(t, r) for t, r in runs) + "</w:p>"


# --- body content ---------------------------------------------------------------------------


def paragraph(
    parent: etree._Element | Body,
    ppr: etree._Element | str | None,
    runs: list[tuple[str, etree._Element | str]],
) -> etree._Element | None:
    """``w:p`` with ``ppr`` and one run per (text, rPr template), as text into a Body."""
    if isinstance(parent, Body):
        parent.parts.append(paragraph_xml(ppr, runs))
        return None
    p = etree.SubElement(parent, qn("w:p"))
    if ppr is not None:
        p.append(deepcopy(ppr))
    for text, rpr in runs:
        text_run(p, text, rpr)
    return p


def text_run(parent: etree._Element, text: str, rpr: etree._Element | None) -> etree._Element:
    """A run; a tab character becomes ``w:tab`` (used to push text to a right tab stop)."""
    r = etree.SubElement(parent, qn("w:r"))
    if rpr is not None:
        r.append(deepcopy(rpr))
    _run_text(r, text)
    return r


def _run_text(r: etree._Element, text: str) -> None:
    for index, piece in enumerate(text.split("\t")):
        if index:
            etree.SubElement(r, qn("w:tab"))
        if piece:
            t = etree.SubElement(r, qn("w:t"))
            t.text = piece
            if piece[:1].isspace() or piece[-1:].isspace():
                t.set(XML_SPACE, "preserve")


def section_break(parent: Body, section: etree._Element, *, landscape: bool) -> None:
    """End the current section with a copy of ``section`` (turned, for a landscape section)."""
    sect = turned(section) if landscape else deepcopy(section)
    start_on(sect, "nextPage")
    parent.parts.append(f"<w:p><w:pPr>{fragment(sect)}</w:pPr></w:p>")


def turned(section: etree._Element) -> etree._Element:
    """A landscape copy of a portrait ``w:sectPr``.

    Turning the page keeps the binding edge (订口) where it was: portrait left becomes
    landscape top, so a wide table's head lies toward the binding on odd pages.
    """
    sect = deepcopy(section)
    size = sect.find(qn("w:pgSz"))
    margins = sect.find(qn("w:pgMar"))
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    size.set(qn("w:w"), height)
    size.set(qn("w:h"), width)
    size.set(qn("w:orient"), "landscape")
    top, right, bottom, left = (
        margins.get(qn(f"w:{k}")) for k in ("top", "right", "bottom", "left")
    )
    margins.set(qn("w:top"), left)
    margins.set(qn("w:right"), top)
    margins.set(qn("w:bottom"), right)
    margins.set(qn("w:left"), bottom)
    # Keep the page number as far below the turned type area as below the upright one.
    below = int(bottom) - int(margins.get(qn("w:footer")))
    margins.set(qn("w:footer"), str(max(int(right) - below, 0)))
    start_on(sect, "nextPage")
    return sect


def start_on(sect: etree._Element, kind: str) -> None:
    """How a section starts (``nextPage``: every client starts it on a new page alike)."""
    node = sect.find(qn("w:type"))
    if node is None:  # schema order: header/footer references first, then w:type
        node = etree.Element(qn("w:type"))
        references = len(
            sect.findall(qn("w:headerReference")) + sect.findall(qn("w:footerReference"))
        )
        sect.insert(references, node)
    node.set(qn("w:val"), kind)


WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
EMU_PER_TWIP = 635
_DRAWING_NAMESPACES = {"w": W_NS, "wp": WP_NS, "a": A_NS, "wps": WPS_NS, "mc": MC_NS}


def _ns(
    namespace: str, local: str, parent: etree._Element | None = None, **attrs: str | int
) -> etree._Element:
    attrib = {k: str(v) for k, v in attrs.items()}
    if parent is None:
        return etree.Element(f"{{{namespace}}}{local}", attrib)
    return etree.SubElement(parent, f"{{{namespace}}}{local}", attrib)


def bottom_box(
    parent: Body,
    width: int,
    rows: list[tuple[int, etree._Element, list[tuple[str, etree._Element]]]],
    *,
    bottom: int,
    outer: int,
    inner: int,
    shape_id: int = 1,
) -> etree._Element:
    """The 版记: a ruled one-column table in a text box anchored to the bottom of the type area.

    ``rows`` are (exact height in twips, pPr, runs); ``bottom`` is the type area's bottom
    edge from the top of the page (twips). A text box at an absolute page position is
    placed the same way by Word, WPS and LibreOffice; floating tables and paragraph frames
    are not (LibreOffice lays those out inline), and "bottom of the margin" drifted by
    0.8 mm in LibreOffice on a page that starts a section.
    """
    width_emu = width * EMU_PER_TWIP
    height = sum(row_height for row_height, _, _ in rows)
    height_emu = height * EMU_PER_TWIP
    # Every prefix named here: lxml would otherwise take whatever another library (openpyxl)
    # registered in this process, and the same document would differ from run to run.
    p = etree.Element(qn("w:p"), nsmap=_DRAWING_NAMESPACES)
    run = etree.SubElement(p, qn("w:r"))
    choice = _ns(MC_NS, "Choice", _ns(MC_NS, "AlternateContent", run), Requires="wps")
    anchor = _ns(
        WP_NS,
        "anchor",
        el("w:drawing", choice),
        distT=0,
        distB=0,
        distL=0,
        distR=0,
        simplePos=0,
        relativeHeight=shape_id,
        behindDoc=0,
        locked=1,
        layoutInCell=1,
        allowOverlap=0,
    )
    _ns(WP_NS, "simplePos", anchor, x=0, y=0)
    _ns(WP_NS, "posOffset", _ns(WP_NS, "positionH", anchor, relativeFrom="margin")).text = "0"
    vertical = _ns(WP_NS, "positionV", anchor, relativeFrom="page")
    _ns(WP_NS, "posOffset", vertical).text = str((bottom - height) * EMU_PER_TWIP)
    _ns(WP_NS, "extent", anchor, cx=width_emu, cy=height_emu)
    _ns(WP_NS, "effectExtent", anchor, l=0, t=0, r=0, b=0)
    _ns(WP_NS, "wrapTopAndBottom", anchor)
    _ns(WP_NS, "docPr", anchor, id=shape_id, name="版记")
    _ns(WP_NS, "cNvGraphicFramePr", anchor)
    graphic = _ns(A_NS, "graphic", anchor)
    data = _ns(
        A_NS,
        "graphicData",
        graphic,
        uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    )
    shape = _ns(WPS_NS, "wsp", data)
    _ns(WPS_NS, "cNvSpPr", shape, txBox=1)
    sp_pr = _ns(WPS_NS, "spPr", shape)
    xfrm = _ns(A_NS, "xfrm", sp_pr)
    _ns(A_NS, "off", xfrm, x=0, y=0)
    _ns(A_NS, "ext", xfrm, cx=width_emu, cy=height_emu)
    _ns(A_NS, "avLst", _ns(A_NS, "prstGeom", sp_pr, prst="rect"))
    _ns(A_NS, "noFill", sp_pr)
    _ns(A_NS, "noFill", _ns(A_NS, "ln", sp_pr))
    content = el("w:txbxContent", _ns(WPS_NS, "txbx", shape))
    body_pr = _ns(
        WPS_NS,
        "bodyPr",
        shape,
        rot=0,
        vert="horz",
        wrap="square",
        lIns=0,
        tIns=0,
        rIns=0,
        bIns=0,
        anchor="b",
        anchorCtr=0,
    )
    _ns(A_NS, "noAutofit", body_pr)
    _ruled_table(content, width, rows, outer=outer, inner=inner)
    paragraph(content, paragraph_properties(line=Length(1), snap_to_grid=False), [])
    parent.append(p)
    return p


def _ruled_table(
    parent: etree._Element,
    width: int,
    rows: list[tuple[int, etree._Element, list[tuple[str, etree._Element]]]],
    *,
    outer: int,
    inner: int,
) -> None:
    """Rules only between and around rows: thick first and last, thin in between."""
    tbl = etree.SubElement(parent, qn("w:tbl"))
    tbl_pr = el("w:tblPr", tbl)
    el("w:tblW", tbl_pr, w=width, type="dxa")
    el("w:tblLayout", tbl_pr, type="fixed")
    borders = el("w:tblBorders", tbl_pr)
    el("w:top", borders, val="single", sz=outer, space=0, color="000000")
    el("w:left", borders, val="nil")
    el("w:bottom", borders, val="single", sz=outer, space=0, color="000000")
    el("w:right", borders, val="nil")
    el("w:insideH", borders, val="single", sz=inner, space=0, color="000000")
    el("w:insideV", borders, val="nil")
    margins = el("w:tblCellMar", tbl_pr)
    el("w:left", margins, w=0, type="dxa")
    el("w:right", margins, w=0, type="dxa")
    el("w:gridCol", el("w:tblGrid", tbl), w=width)
    for row_height, ppr, runs in rows:
        tr = el("w:tr", tbl)
        el("w:trHeight", el("w:trPr", tr), val=row_height, hRule="exact")
        tc = el("w:tc", tr)
        el("w:tcW", el("w:tcPr", tc), w=width, type="dxa")
        paragraph(tc, ppr, runs)


def page_number_field(p: etree._Element, rpr: etree._Element) -> None:
    """'— N —': an em dash, a space, the PAGE field, a space, an em dash (GB/T 9704 7.5)."""
    text_run(p, "— ", rpr)
    for kind in ("begin", None, "separate", "1", "end"):
        r = etree.SubElement(p, qn("w:r"))
        r.append(deepcopy(rpr))
        if kind in ("begin", "separate", "end"):
            el("w:fldChar", r, fldCharType=kind)
        elif kind is None:
            instr = etree.SubElement(r, qn("w:instrText"))
            instr.text = " PAGE "
            instr.set(XML_SPACE, "preserve")
        else:
            etree.SubElement(r, qn("w:t")).text = kind
    text_run(p, " —", rpr)


def table(
    parent: Body,
    widths: list[int],
    rows: list[list[tuple[str, etree._Element | str, etree._Element | str]]],
    *,
    style: str,
    header_rows: int = 1,
) -> None:
    """A fixed-layout table with explicit widths (WPS ignores auto widths).

    ``rows`` hold cells as (text, pPr, rPr); the first ``header_rows`` repeat on each page.
    """
    out = parent.parts
    out.append(
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
    )
    cells = [
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        for w in widths
    ]
    for index, row in enumerate(rows):
        head = "<w:tblHeader/>" if index < header_rows else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{head}</w:trPr>")
        for cell, (text, ppr, rpr) in zip(cells, row, strict=True):
            runs = [(text, rpr)] if text else []
            out.append(cell + paragraph_xml(ppr, runs) + "</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")


def core_properties(title: str, created: dt.datetime, creator: str) -> bytes:
    """docProps/core.xml for one document (title shows in Explorer and WPS)."""
    stamp = created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms='
        '"http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_escape(title)}</dc:title><dc:creator>{_escape(creator)}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


#: Children of a ``w:r`` that only carry text: such a run may be split in two.
_PLAIN_RUN = {"rPr", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen"}


def plain_run(r: Element) -> bool:
    """Whether a run holds only text (no field, drawing or footnote reference)."""
    return all(child.tag.rsplit("}", 1)[-1] in _PLAIN_RUN for child in r)


def copy_after(element: Element) -> Element:
    """A copy of ``element`` inserted right after it; the copy."""
    twin = deepcopy(element)
    element.addnext(twin)
    return twin


def document_shell(root: bytes) -> tuple[str, str]:
    """``<w:document>`` up to the inside of its body, and from the body's end: the writer
    puts each body's content between them."""
    head, tail = root.decode("utf-8").split("<w:body/>")
    return head + "<w:body>", "</w:body>" + tail


def empty_body(document: bytes) -> tuple[bytes, bytes]:
    """document.xml with an empty ``<w:body/>``, and the body's final ``<w:sectPr>``."""
    root = parse(document)
    body = root.find(qn("w:body"))
    section = body.find(qn("w:sectPr"))
    for child in list(body):
        body.remove(child)
    return serialize(root), etree.tostring(section)


def rewrite(part: bytes, change: Callable[[Element], None]) -> bytes:
    """A part parsed, changed in place by ``change``, and serialised again."""
    root = parse(part)
    change(root)
    return serialize(root)


def serialize(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def parse(blob: bytes) -> etree._Element:
    return etree.fromstring(blob)
