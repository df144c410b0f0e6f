"""Each kind's .docx read back: 版头, turned ledger, 版记 box, sections, footers, fonts."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from lxml import etree

from docgen.layout import LayoutProfile
from docgen.model import Document, PageNumbers
from docgen.office import layout_for as profile_for
from docgen.pipeline import build_document, kinds_in
from docgen.word.writer import docx_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
POPULATION = EXAMPLES / "population.yaml"
RURAL = EXAMPLES / "rural-environment.yaml"
FLOOD = EXAMPLES / "flood-control.yaml"
STREET = EXAMPLES / "street-food-safety.yaml"


@dataclass(frozen=True)
class Written:
    """One kind of one example as a .docx: model, profile, bytes and XML parts."""

    name: str
    model: Document
    profile: LayoutProfile
    data: bytes
    parts: dict[str, etree._Element]

    @property
    def body(self) -> etree._Element:
        return self.parts["word/document.xml"].find(f"{W}body")

    def sections(self) -> list[etree._Element]:
        """Every w:sectPr of the body, in document order (the last one is the body's own)."""
        return list(self.body.iter(f"{W}sectPr"))


def read_parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {
            n: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith((".xml", ".rels"))
        }


@pytest.fixture(scope="module")
def written() -> dict[str, Written]:
    result = {}
    for example in (POPULATION, RURAL, FLOOD, STREET):
        for kind in kinds_in(example):
            built = build_document(kind, example)
            office = built.loaded.office.office if built.loaded.office else None
            profile = profile_for(office)
            data = docx_bytes(built.document, profile)
            name = f"{example.stem}/{kind}"
            result[name] = Written(name, built.document, profile, data, read_parts(data))
    return result


def attr(element: etree._Element | None, name: str) -> str | None:
    assert element is not None
    return element.get(f"{W}{name}")


def text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def paragraph_text(p: etree._Element) -> str:
    out = []
    for run in p.iter(f"{W}r"):  # w:tab inside runs only (w:pPr/w:tabs holds tab stops)
        for node in run.iter(f"{W}t", f"{W}tab"):
            out.append("\t" if node.tag == f"{W}tab" else node.text or "")
    return "".join(out)


def run_font(run: etree._Element) -> str | None:
    return attr(run.find(f"{W}rPr/{W}rFonts"), "eastAsia")


def top_paragraphs(doc: Written) -> list[etree._Element]:
    return [p for p in doc.body if p.tag == f"{W}p"]


def test_kinds_of_every_example(written: dict[str, Written]) -> None:
    assert set(written) == {
        "population/speech", "population/notice", "population/plan", "population/report",
        "population/bulletin", "population/minutes",
        "rural-environment/speech", "rural-environment/notice", "rural-environment/plan",
        "flood-control/speech", "flood-control/bulletin", "flood-control/minutes",
        "street-food-safety/speech", "street-food-safety/notice", "street-food-safety/plan",
        "street-food-safety/report", "street-food-safety/bulletin", "street-food-safety/minutes",
    }  # fmt: skip


def test_red_mark_and_red_rule_under_the_number(written: dict[str, Written]) -> None:
    checked = 0
    for doc in written.values():
        m = doc.model.masthead
        if m is None:
            continue
        mark_p, number_p, issuer_p = top_paragraphs(doc)[:3]
        if m.issuer:  # 纪要: 期号 centred, then 编印单位 and date above the rule
            assert number_p.find(f"{W}pPr/{W}pBdr") is None, doc.name
            assert paragraph_text(number_p) == m.number
            assert paragraph_text(issuer_p) == f"\t{m.issuer}\t{m.issued}", doc.name
            tabs = [attr(t, "val") for t in issuer_p.findall(f"{W}pPr/{W}tabs/{W}tab")]
            assert tabs == ["left", "right"]  # 左空一字 and 右空一字 as tab stops
            number_p = issuer_p
        runs = mark_p.findall(f"{W}r")
        assert paragraph_text(mark_p) == m.mark, doc.name
        assert runs and all(attr(r.find(f"{W}rPr/{W}color"), "val") == "FF0000" for r in runs)
        assert all(run_font(r) == doc.profile.mark_font for r in runs), doc.name
        assert attr(mark_p.find(f"{W}pPr/{W}jc"), "val") == "center"
        before = int(attr(mark_p.find(f"{W}pPr/{W}spacing"), "before"))
        assert before == doc.profile.mark_offset.twips  # 35 mm below the type area
        # The rule is the paragraph's bottom border: it spans the type area only when the
        # paragraph has no side indents (a 左空一字 must be a tab, not an indent).
        ind = number_p.find(f"{W}pPr/{W}ind")
        if ind is not None:
            assert int(attr(ind, "left") or 0) == 0 and int(attr(ind, "right") or 0) == 0, doc.name
        bottom = number_p.find(f"{W}pPr/{W}pBdr/{W}bottom")
        assert attr(bottom, "val") == "single", doc.name
        assert attr(bottom, "color") == "FF0000", doc.name
        number_runs = number_p.findall(f"{W}r")
        assert not any(r.find(f"{W}rPr/{W}color") is not None for r in number_runs), doc.name
        if m.signers:  # 上行文: 字号 and 签发人 on one line, names in 楷体
            assert paragraph_text(number_p) == f"\t{m.number}\t签发人：{'、'.join(m.signers)}"
            assert run_font(number_runs[-1]) == doc.profile.signer_font
            tabs = [attr(t, "val") for t in number_p.findall(f"{W}pPr/{W}tabs/{W}tab")]
            assert tabs == ["left", "right"]  # tab stops, so the red rule spans the full width
            ind = number_p.find(f"{W}pPr/{W}ind")
            assert ind is None or attr(ind, "left") in (None, "0")
        elif not m.issuer:
            assert paragraph_text(number_p) == m.number, doc.name
            assert attr(number_p.find(f"{W}pPr/{W}jc"), "val") == "center"
        checked += 1
    assert checked == 12


def table_section(doc: Written, table: etree._Element) -> etree._Element:
    """The w:sectPr that ends the section holding ``table``."""
    after = False
    for element in doc.body.iter(f"{W}tbl", f"{W}sectPr"):
        if element is table:
            after = True
        elif after and element.tag == f"{W}sectPr":
            return element
    raise AssertionError(f"{doc.name}: 表格之后没有分节符")


def test_ledger_on_a_turned_section(written: dict[str, Written]) -> None:
    checked = 0
    for doc in written.values():
        tables = [t for t in doc.body.iter(f"{W}tbl") if "问题描述" in text_of(t)]
        if not tables:
            continue
        (table,) = tables
        section = table_section(doc, table)
        size = section.find(f"{W}pgSz")
        assert attr(size, "orient") == "landscape", doc.name
        assert (attr(size, "w"), attr(size, "h")) == ("16838", "11906"), doc.name
        margins = section.find(f"{W}pgMar")
        # Turned toward the binding: portrait top/right/bottom/left → right/bottom/left/top.
        turned = {k: attr(margins, k) for k in ("top", "right", "bottom", "left")}
        assert turned == {"top": "1587", "right": "2098", "bottom": "1474", "left": "1984"}
        width = int(attr(table.find(f"{W}tblPr/{W}tblW"), "w"))
        assert width == 16838 - 2098 - 1984  # the turned type area: 225 mm
        grid = [int(attr(c, "w")) for c in table.iter(f"{W}gridCol")]
        assert sum(grid) == width
        assert attr(table.find(f"{W}tblPr/{W}tblLayout"), "type") == "fixed"
        rows = table.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None, doc.name
        assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
        for row in rows:
            widths = [int(attr(tc.find(f"{W}tcPr/{W}tcW"), "w")) for tc in row.findall(f"{W}tc")]
            assert widths == grid, doc.name
        checked += 1
    assert checked == 7  # notice, plan, report of population and street, the rural plan


def imprint_anchor(doc: Written) -> etree._Element:
    anchors = [
        a for a in doc.body.iter(f"{WP}anchor") if attr_any(a.find(f"{WP}docPr"), "name") == "版记"
    ]
    assert len(anchors) == 1, doc.name
    return anchors[0]


def attr_any(element: etree._Element | None, name: str) -> str | None:
    assert element is not None
    return element.get(name)


def test_imprint_box_ends_on_the_bottom_of_the_type_area(written: dict[str, Written]) -> None:
    checked = 0
    for doc in written.values():
        imprint = doc.model.imprint
        if imprint is None:
            assert not list(doc.body.iter(f"{WP}anchor")), doc.name
            continue
        anchor = imprint_anchor(doc)
        v = anchor.find(f"{WP}positionV")
        assert attr_any(v, "relativeFrom") == "page"
        height = int(attr_any(anchor.find(f"{WP}extent"), "cy"))
        bottom = (doc.profile.page_height.twips - doc.profile.margin_bottom.twips) * 635
        assert int(v.find(f"{WP}posOffset").text) + height == bottom
        h = anchor.find(f"{WP}positionH")
        assert attr_any(h, "relativeFrom") == "margin" and h.find(f"{WP}posOffset").text == "0"
        width = doc.profile.type_area_width.twips * 635  # EMU
        assert int(attr_any(anchor.find(f"{WP}extent"), "cx")) == width
        box = anchor.find(f".//{W}txbxContent")
        rows = box.findall(f".//{W}tr")
        expected = [f"{imprint.printer}\t{imprint.date}印发"]
        if imprint.copy_to:
            expected.insert(0, "抄送：" + imprint.copy_to)
        assert [paragraph_text(r.find(f".//{W}p")) for r in rows] == expected, doc.name
        borders = box.find(f".//{W}tblBorders")
        thick = round(doc.profile.imprint_thick.pt * 8)
        thin = round(doc.profile.imprint_thin.pt * 8)
        assert int(attr(borders.find(f"{W}top"), "sz")) == thick
        assert int(attr(borders.find(f"{W}bottom"), "sz")) == thick
        assert int(attr(borders.find(f"{W}insideH"), "sz")) == thin < thick
        assert attr(borders.find(f"{W}left"), "val") == "nil"
        for run in box.iter(f"{W}r"):
            assert run_font(run) == doc.profile.imprint_font
        # The box lies in the document's last section, after every section break.
        sections = doc.sections()
        last_break = sections[-2] if len(sections) > 1 else None
        if last_break is not None:
            order = list(doc.body.iter(f"{W}sectPr", f"{WP}anchor"))
            assert order.index(anchor) > order.index(last_break), doc.name
        checked += 1
    assert checked >= 6


def test_no_section_starts_on_an_even_page(written: dict[str, Written]) -> None:
    """A plain LibreOffice conversion ignores even-page section starts, so page numbers
    would differ between clients: every section starts on the next page."""
    for doc in written.values():
        kinds = {
            attr(s.find(f"{W}type"), "val")
            for s in doc.sections()
            if s.find(f"{W}type") is not None
        }
        assert kinds <= {"nextPage"}, (doc.name, kinds)


def imprint_holder(doc: Written) -> etree._Element:
    """The paragraph holding the 版记 box."""
    anchor = imprint_anchor(doc)
    return next(a for a in anchor.iterancestors() if a.tag == f"{W}p")


def test_the_imprint_breaks_the_page_only_when_the_text_leaves_no_room(
    written: dict[str, Written],
) -> None:
    from docgen.word import paging

    breaks = set()
    for doc in written.values():
        if doc.model.imprint is None:
            continue
        holder = imprint_holder(doc)  # a hair-thin paragraph of its own
        broken = holder.find(f"{W}pPr/{W}pageBreakBefore") is not None
        head = paging.head_lines(doc.model, doc.profile)
        count = paging.text_pages(doc.model, doc.profile, head)
        ends_turned = bool(count.lines) and count.at_page_start
        assert broken == (not ends_turned and not paging.imprint_fits(doc.model, doc.profile, head))
        if broken:
            breaks.add(doc.name)
    assert len({d.name for d in written.values() if d.model.imprint is not None}) >= 10


def test_the_last_body_paragraph_keeps_with_the_signature(written: dict[str, Written]) -> None:
    from docgen.model import Signature, block_texts
    from docgen.word import paging

    checked = 0
    for doc in written.values():
        blocks = doc.model.blocks
        signature = next((b for b in blocks if isinstance(b, Signature)), None)
        if signature is None:
            continue
        head = paging.head_lines(doc.model, doc.profile)
        kept_here = paging.kept_on_its_page(doc.model, doc.profile, head)
        if not kept_here:  # the only text of page 1: it stays there (checked in LibreOffice)
            assert paging.kept_with_signature(blocks), doc.name
            continue
        [kept] = kept_here
        paragraphs = list(doc.body.iter(f"{W}p"))
        texts = [paragraph_text(p) for p in paragraphs]
        start = texts.index("".join(block_texts(blocks[kept])))
        end = texts.index(signature.organs[0])
        for p in paragraphs[start:end]:  # the last body paragraph and the 附件说明
            assert p.find(f"{W}pPr/{W}keepNext") is not None, (doc.name, paragraph_text(p))
        assert paragraphs[start - 1].find(f"{W}pPr/{W}keepNext") is None, doc.name
        checked += 1
    assert checked >= 8  # the rural cover notice keeps its only paragraph on page 1


def footers(doc: Written) -> dict[str, etree._Element]:
    targets = {r.get("Id"): r.get("Target") for r in doc.parts["word/_rels/document.xml.rels"]}
    found = {}
    for ref in doc.body.iter(f"{W}footerReference"):
        found[attr(ref, "type")] = doc.parts["word/" + targets[ref.get(R_ID)]]
    return found


def test_footers_odd_right_even_left_or_centred(written: dict[str, Written]) -> None:
    for doc in written.values():
        settings = doc.parts["word/settings.xml"]
        by_type = footers(doc)
        for footer in by_type.values():
            assert "PAGE" in "".join(t.text for t in footer.iter(f"{W}instrText"))
            assert paragraph_text(footer) == "— 1 —"
        every = [
            {attr(r, "type") for r in s.findall(f"{W}footerReference")} for s in doc.sections()
        ]
        if doc.model.page_numbers is PageNumbers.CENTRED:
            assert settings.find(f"{W}evenAndOddHeaders") is None, doc.name
            assert set(by_type) == {"default"}
            assert attr(by_type["default"].find(f".//{W}jc"), "val") == "center"
            continue
        assert doc.model.page_numbers is PageNumbers.OUTSIDE, doc.name
        assert settings.find(f"{W}evenAndOddHeaders") is not None, doc.name
        assert all(refs == {"default", "even"} for refs in every), (doc.name, every)
        odd, even = by_type["default"], by_type["even"]
        assert attr(odd.find(f".//{W}jc"), "val") == "right"
        assert attr(odd.find(f".//{W}ind"), "right") == "280"  # 右空一字 at 4号
        assert attr(even.find(f".//{W}jc"), "val") == "left"
        assert attr(even.find(f".//{W}ind"), "left") == "280"


def test_sections_keep_the_page_and_grid(written: dict[str, Written]) -> None:
    for doc in written.values():
        for section in doc.sections():
            size = section.find(f"{W}pgSz")
            grid = section.find(f"{W}docGrid")
            assert attr(grid, "linePitch") == "579", doc.name
            if attr(size, "orient") == "landscape":
                continue
            assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838"), doc.name
            margins = section.find(f"{W}pgMar")
            values = tuple(attr(margins, k) for k in ("top", "bottom", "left", "right", "footer"))
            assert values == ("2098", "1984", "1587", "1474", "1370"), doc.name
        # python-docx reads every section back.
        assert len(docx.Document(io.BytesIO(doc.data)).sections) == len(doc.sections())


def test_no_theme_fonts_and_four_font_slots(written: dict[str, Written]) -> None:
    for doc in written.values():
        with zipfile.ZipFile(io.BytesIO(doc.data)) as zf:
            names = zf.namelist()
            assert not any("theme" in n for n in names), doc.name
            for name in names:
                if name.endswith(".xml"):
                    blob = zf.read(name)
                    assert b"Theme=" not in blob and b"theme=" not in blob, (doc.name, name)
        for part in ("word/document.xml", "word/styles.xml"):
            for fonts in doc.parts[part].iter(f"{W}rFonts"):
                slots = [attr(fonts, k) for k in ("ascii", "hAnsi", "eastAsia", "cs")]
                assert all(slots), (doc.name, part, slots)


def test_attachment_labels_and_attendance_fonts(written: dict[str, Written]) -> None:
    labels = 0
    lists = []
    for doc in written.values():
        for p in top_paragraphs(doc):
            runs = p.findall(f"{W}r")
            text = paragraph_text(p)
            if runs and text in {"附件", *(f"附件{n}" for n in range(1, 10))}:
                assert run_font(runs[0]) == doc.profile.attachment_label_font, doc.name
                labels += 1
            if doc.name.endswith("/minutes") and text.startswith(("出席：", "请假：", "列席：")):
                assert text_of(runs[0]) == text[:3]  # the label and its colon
                assert run_font(runs[0]) == doc.profile.attendance_label_font, text
                assert run_font(runs[-1]) == doc.profile.body_font, text
                lists.append((doc.name, text[:2]))
    assert labels >= 6, labels
    assert [label for name, label in lists if name == "population/minutes"] == [
        "出席",
        "请假",
        "列席",
    ]
    assert len({name for name, _ in lists}) == 3  # every example's minutes
    # 纪要: no 主送 paragraph between the 期号 and the text.
    minutes = written["population/minutes"]
    styles = [attr(p.find(f"{W}pPr/{W}pStyle"), "val") if p.find(f"{W}pPr/{W}pStyle") is not None
              else None for p in top_paragraphs(minutes)]  # fmt: skip
    assert "GwSalutation" not in styles
    assert "GwSalutation" in [
        attr(p.find(f"{W}pPr/{W}pStyle"), "val")
        for p in top_paragraphs(written["population/notice"])
        if p.find(f"{W}pPr/{W}pStyle") is not None
    ]
