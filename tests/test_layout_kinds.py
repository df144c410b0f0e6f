"""Every kind of every example, printed by a real client (LibreOffice → PDF), keeps its form.

The numbers are those of GB/T 9704-2012 as docs layout.md gives them, measured in mm from
the page's top-left corner: 版头 (red mark 35 mm below the type area, red rule 4 mm under
the number), title, 主送, 22 × 28 body pages, page numbers (as many pages as the writer
intends, numbered without a gap), 附件, the turned ledger (dates and names on one line), 落款
(on the page of the last body paragraph) and the 版记 at the foot of the last page. All
documents come from ONE export call.
"""

from __future__ import annotations

import itertools
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from layout.measure import (
    PAGE_NUMBER,
    Line,
    Page,
    TypeArea,
    full_line_count_ok,
    indent_mm,
    paragraphs,
    read_pages,
    text_changes,
)

from docgen.model import (
    AttachmentNote,
    AttachmentStart,
    Attendance,
    Document,
    Heading,
    Note,
    PageNumbers,
    Paragraph,
    Salutation,
    Signature,
    Subtitle,
    Table,
    Title,
    block_texts,
    heading_text,
)
from docgen.pdf import find_soffice

ROOT = Path(__file__).resolve().parents[1]
POPULATION = ROOT / "examples" / "population.yaml"
RURAL = ROOT / "examples" / "rural-environment.yaml"
FLOOD = ROOT / "examples" / "flood-control.yaml"
STREET = ROOT / "examples" / "street-food-safety.yaml"
ALL_KINDS = {"speech", "notice", "plan", "report", "bulletin", "minutes"}
EXPECTED_KINDS = {
    POPULATION: ALL_KINDS,
    RURAL: {"speech", "notice", "plan"},
    FLOOD: {"speech", "bulletin", "minutes"},
    STREET: ALL_KINDS,
}

PORTRAIT = TypeArea(left=28.0, right=184.0, top=37.0, bottom=262.0)
# Turned pages keep the binding edge: portrait top/left/bottom/right → left/top/right/bottom
# margins 35/28/37/26 mm (ooxml.turned), so the type area is 225 mm wide and 156 mm high.
LANDSCAPE = TypeArea(left=35.0, right=35.0 + 225.0, top=28.0, bottom=28.0 + 156.0)
PITCH_MM = 28.95 * 25.4 / 72  # 10.21 mm
CHAR_MM = 15.75 * 25.4 / 72  # one 3号 character on the grid: 5.56 mm
IMPRINT_CHAR_MM = 14 * 25.4 / 72  # one 4号 character: 4.94 mm
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
MARK_TOP_MM = 37.0 + 35.0


def area_of(page: Page) -> TypeArea:
    return LANDSCAPE if page.landscape else PORTRAIT


@dataclass(frozen=True)
class Printed:
    """One document as printed: kind, situation file, model and PDF pages."""

    kind: str
    example: str
    pdf: Path
    model: Document
    pages: list[Page]

    @property
    def name(self) -> str:
        return f"{self.example}/{self.kind}"

    def body(self, page: Page) -> list[Line]:
        """Lines inside the page's type area, the page number left out."""
        return [ln for ln in page.lines if not is_page_number(ln, page)]

    def signature(self) -> Signature | None:
        found = [b for b in self.model.blocks if isinstance(b, Signature)]
        return found[-1] if found else None

    def attachments(self) -> list[AttachmentStart]:
        return [b for b in self.model.blocks if isinstance(b, AttachmentStart)]


def is_page_number(line: Line, page: Page) -> bool:
    return bool(PAGE_NUMBER.match(line.text)) and line is page.lines[-1]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    """Every kind of both examples, converted in ONE LibreOffice call (the export path)."""
    if find_soffice() is None:
        reason = (
            "未找到 LibreOffice（soffice），跳过各文种的真实客户端排版测试；安装方法见 README。"
        )
        if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE"):
            pytest.fail(reason)
        pytest.skip(reason)
    from docgen.pipeline import Options, build_document, document_name, kinds_in, render_jobs
    from docgen.placing.names import safe_filename

    jobs = [(kind, example) for example in EXPECTED_KINDS for kind in kinds_in(example)]
    out = tmp_path_factory.mktemp("kinds")
    written = render_jobs(jobs, out, Options(pdf=True))
    pdfs = {path.stem: path for path in written if path.suffix == ".pdf"}
    assert len(pdfs) == len(jobs), written
    result: dict[str, Printed] = {}
    for kind, example in jobs:
        model = build_document(kind, example).document
        pdf = pdfs[Path(safe_filename(document_name(model))).stem]
        doc = Printed(kind, example.stem, pdf, model, read_pages(pdf))
        result[doc.name] = doc
    return result


def docs_where(printed: dict[str, Printed], test: Callable[[Printed], bool]) -> list[Printed]:
    return [doc for doc in printed.values() if test(doc)]


def test_every_kind_of_every_example_is_exported(printed: dict[str, Printed]) -> None:
    found = {(doc.example, doc.kind) for doc in printed.values()}
    expected = {(ex.stem, kind) for ex, kinds in EXPECTED_KINDS.items() for kind in kinds}
    assert found == expected


# --- 版头 -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Head:
    mark: Line
    number: Line
    rule_y: float
    rule_x: tuple[float, float]
    after: list[Line]  # the lines below the rule on page 1
    issuer: Line | None = None  # 纪要: 编印单位 and date, on the line above the rule

    @property
    def over_rule(self) -> Line:
        """The line the red rule lies under."""
        return self.issuer or self.number


def masthead(doc: Printed) -> Head:
    page = doc.pages[0]
    red = [s for s in page.strokes if s.red and s.horizontal]
    assert len(red) == 1, (doc.name, red)
    rule = red[0]
    lines = doc.body(page)
    above = [ln for ln in lines if ln.baseline_mm < rule.y]
    expected = 3 if doc.model.masthead.issuer else 2
    assert len(above) == expected, (doc.name, [ln.text for ln in above])
    issuer = above[2] if expected == 3 else None
    after = [ln for ln in lines if ln not in above]
    return Head(above[0], above[1], rule.y, (rule.x0, rule.x1), after, issuer)


def with_masthead(printed: dict[str, Printed]) -> list[Printed]:
    docs = docs_where(printed, lambda d: d.model.masthead is not None)
    assert {d.name for d in docs} == {
        "population/notice",
        "population/report",
        "population/bulletin",
        "population/minutes",
        "rural-environment/notice",
        "rural-environment/plan",
        "flood-control/bulletin",
        "flood-control/minutes",
        "street-food-safety/notice",
        "street-food-safety/report",
        "street-food-safety/bulletin",
        "street-food-safety/minutes",
    }
    return docs


def test_red_mark_35_mm_below_the_type_area_centred(printed: dict[str, Printed]) -> None:
    for doc in with_masthead(printed):
        head = masthead(doc)
        mark = head.mark
        assert mark.text == doc.model.masthead.mark, doc.name
        assert mark.is_red, (doc.name, {c.colour for c in mark.chars})
        assert mark.top_mm == pytest.approx(MARK_TOP_MM, abs=1.0), (doc.name, mark.top_mm)
        assert mark.centre_mm == pytest.approx(PORTRAIT.centre, abs=1.5), (doc.name, mark.centre_mm)
        assert mark.size <= 42, (doc.name, mark.size)
        assert mark.x1_mm - mark.x0_mm <= 156.0, (doc.name, mark.x1_mm - mark.x0_mm)
        assert all("NotoSerifCJK" in f and "Bold" in f for f in mark.fonts), mark.fonts  # 小标宋


def test_red_rule_spans_the_type_area_4_mm_under_the_number(printed: dict[str, Printed]) -> None:
    for doc in with_masthead(printed):
        head = masthead(doc)
        assert head.rule_x[0] == pytest.approx(PORTRAIT.left, abs=0.3), (doc.name, head.rule_x)
        assert head.rule_x[1] == pytest.approx(PORTRAIT.right, abs=0.3), (doc.name, head.rule_x)
        gap = head.rule_y - head.over_rule.bottom_mm
        assert gap == pytest.approx(4.0, abs=1.0), (doc.name, gap)
        assert not head.number.is_red, doc.name


def test_number_line_centred_or_split_for_the_report(printed: dict[str, Printed]) -> None:
    for doc in with_masthead(printed):
        m = doc.model.masthead
        number = masthead(doc).number
        if not m.signers:
            assert number.text == m.number, doc.name
            assert number.centre_mm == pytest.approx(PORTRAIT.centre, abs=1.5), (
                doc.name,
                number.centre_mm,
            )
            continue
        # 上行文: 字号 左空一字, "签发人：" + 楷体 names 右空一字, on one line.
        signer_text = "签发人：" + "、".join(m.signers)
        assert number.text == m.number + signer_text, doc.name
        split = len(m.number)
        own, signer = number.chars[:split], number.chars[split:]
        assert own[0].x0 * 25.4 / 72 == pytest.approx(PORTRAIT.left + CHAR_MM, abs=1.0), doc.name
        assert signer[-1].x1 * 25.4 / 72 == pytest.approx(PORTRAIT.right - CHAR_MM, abs=1.0), (
            doc.name
        )
        assert signer[0].x0 - own[-1].x1 > 20, doc.name  # two parts, not one run of text
        names = signer[len("签发人：") :]
        assert all("UKai" in c.font for c in names), {c.font for c in names}
        assert all("NotoSerifCJK" in c.font for c in signer[: len("签发人：")])


def test_title_two_lines_under_the_rule_centred(printed: dict[str, Printed]) -> None:
    for doc in with_masthead(printed):
        head = masthead(doc)
        if doc.kind == "minutes":
            continue  # 纪要格式 has no title
        titles = [ln for ln in head.after if ln.size == 22]
        assert "".join(ln.text for ln in titles) == doc.model.title, doc.name
        gap = titles[0].top_mm - head.rule_y
        assert gap == pytest.approx(2 * PITCH_MM, abs=3.0), (doc.name, gap)
        for line in titles:
            assert line.centre_mm == pytest.approx(PORTRAIT.centre, abs=2.0), (doc.name, line.text)


def test_recipients_flush_left_one_line_below_the_title(printed: dict[str, Printed]) -> None:
    checked = 0
    for doc in with_masthead(printed):
        if doc.kind == "minutes":
            continue
        head = masthead(doc)
        salutation = next(b for b in doc.model.blocks if isinstance(b, Salutation))
        titles = [ln for ln in head.after if ln.size == 22]
        rest = head.after[len(titles) :]
        assert len(rest) >= 2, (
            doc.name,
            "第 1 页没有正文（GB/T 9704 要求首页显示正文）",
            [ln.text for ln in rest],
        )
        recipients, first = rest[0], rest[1]
        assert recipients.text == salutation.text, doc.name
        assert recipients.text.endswith("：")
        assert recipients.x0_mm == pytest.approx(PORTRAIT.left, abs=0.5), (
            doc.name,
            recipients.x0_mm,
        )
        # One empty line between the title and the 主送.
        gap = recipients.baseline_mm - titles[-1].baseline_mm
        assert gap == pytest.approx(2 * PITCH_MM, abs=1.0), (doc.name, gap)
        assert indent_mm(first, PORTRAIT) == pytest.approx(11.2, abs=0.6), (doc.name, first.text)
        checked += 1
    assert checked == 9


def test_minutes_form(printed: dict[str, Printed]) -> None:
    doc = printed["population/minutes"]
    head = masthead(doc)
    assert head.mark.text == "青石镇党政联席会议纪要"
    assert head.mark.is_red
    assert head.mark.top_mm == pytest.approx(MARK_TOP_MM, abs=1.0), head.mark.top_mm
    assert head.number.text == "第23期"
    assert head.number.centre_mm == pytest.approx(PORTRAIT.centre, abs=1.5)
    # 编印单位 左空一字 and its date 右空一字 on the next line, the red rule under them.
    issuer = head.issuer
    assert issuer is not None and issuer.text == "青石镇党政办公室2026年11月27日"
    assert issuer.baseline_mm - head.number.baseline_mm == pytest.approx(PITCH_MM, abs=0.5)
    assert issuer.x0_mm - PORTRAIT.left == pytest.approx(CHAR_MM, abs=1.0), issuer.x0_mm
    assert PORTRAIT.right - issuer.x1_mm == pytest.approx(CHAR_MM, abs=1.0), issuer.x1_mm
    # No 主送: the text opens with an indented paragraph right under the rule.
    assert not any(isinstance(b, Salutation | Title) for b in doc.model.blocks)
    first = head.after[0]
    assert indent_mm(first, PORTRAIT) == pytest.approx(11.2, abs=0.6), first.text
    # 出席 / 请假 / 列席: label and colon in 黑体, names in 仿宋.
    lists = [b for b in doc.model.blocks if isinstance(b, Attendance)]
    assert [b.label for b in lists] == ["出席", "请假", "列席"]
    lines = [ln for page in doc.pages for ln in doc.body(page)]
    for block in lists:
        line = next(ln for ln in lines if ln.text.startswith(block.label + "："))
        label, names = line.chars[: len(block.label) + 1], line.chars[len(block.label) + 1 :]
        assert all("NotoSansCJK" in c.font for c in label), (block.label, {c.font for c in label})
        assert all("NotoSerifCJK" in c.font and "Bold" not in c.font for c in names), block.label


# --- body grid ------------------------------------------------------------------------------


def kept_with_next(doc: Document) -> list[str]:
    """Texts of blocks the writer keeps with what follows (a page may end early before them).

    A standalone heading stays with its first paragraph; the closing paragraph ("特此报告。")
    stays with the 附件说明 and the 落款.
    """
    kept = []
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Heading) and not block.body:
            kept.append(heading_text(block))
        if isinstance(block, AttachmentNote | Signature) and index > 0:
            previous = blocks[index - 1]
            if isinstance(previous, Paragraph):
                kept.append((previous.lead.text if previous.lead else "") + previous.text)
            elif isinstance(previous, Heading):
                kept.append(heading_text(previous) + previous.body)
    return ["".join(text.split()) for text in kept]


def full_body_pages(doc: Printed) -> list[tuple[Page, list[Line]]]:
    """Portrait pages the text runs through: no 版头, 附件 start, table, 落款 or 版记.

    The text must go on to the next page without a reason to break early there: the
    next page neither starts an attachment nor opens with a block kept with what follows.
    """
    signature = doc.signature()
    own_lines = set()
    if signature is not None:
        own_lines = {*signature.organs, signature.date}
    kept = kept_with_next(doc.model)
    opens_page1 = doc.model.masthead is not None or any(
        isinstance(b, Subtitle) for b in doc.model.blocks
    )
    found = []
    for index, page in enumerate(doc.pages[:-1]):
        following = doc.pages[index + 1]
        lines, next_lines = doc.body(page), doc.body(following)
        if page.landscape or following.landscape or not lines or not next_lines:
            continue
        if index == 0 and opens_page1:
            continue
        if page.strokes or any(ln.size != 16 or ln.text in own_lines for ln in lines):
            continue  # a table, the 版记, a title, the 落款
        if any(ln.text.startswith("附件") for ln in lines):
            continue  # 附件说明 (after an empty line) or an attachment's label
        first = next_lines[0]
        if first.size != 16 or first.text.startswith("附件") or first.text in own_lines:
            continue  # the text stops here: the next page starts an attachment or the 落款
        if any(text.startswith(first.text) for text in kept):
            continue  # a heading or closing line kept with what follows moved over
        found.append((page, lines))
    return found


def test_full_body_pages_hold_22_lines(printed: dict[str, Printed]) -> None:
    counts = {
        doc.name: [(page.number, len(lines)) for page, lines in full_body_pages(doc)]
        for doc in printed.values()
    }
    wrong = {name: [c for c in per if c[1] != LINES_PER_PAGE] for name, per in counts.items()}
    assert not any(wrong.values()), wrong
    checked = sum(len(per) for per in counts.values())
    assert checked >= 12, counts
    # The long documents of each example have full pages to check.
    for name in ("speech", "notice", "plan"):
        for example in ("population", "rural-environment"):
            assert counts[f"{example}/{name}"], (example, name, counts)
    assert counts["population/report"], counts


def test_body_pitch_is_10_21_mm(printed: dict[str, Printed]) -> None:
    for doc in printed.values():
        for page, lines in full_body_pages(doc):
            pitches = [b.baseline_mm - a.baseline_mm for a, b in itertools.pairwise(lines)]
            off = [round(p, 2) for p in pitches if abs(p - PITCH_MM) > 0.15]
            assert not off, (doc.name, page.number, off)


def test_full_lines_hold_28_characters(printed: dict[str, Printed]) -> None:
    checked = Counter()
    for doc in printed.values():
        stream = [
            ln for page in doc.pages if not page.landscape for ln in doc.body(page) if ln.size == 16
        ]
        for para in paragraphs(stream, PORTRAIT, CHAR_MM):
            for line, nxt in zip(para, [*para[1:], None], strict=True):
                if nxt is None or not line.all_wide:
                    continue
                expected = CHARS_PER_LINE - (2 if indent_mm(line, PORTRAIT) > 0.5 else 0)
                assert full_line_count_ok(line, nxt, expected, CHAR_MM), (
                    doc.name,
                    line.page,
                    len(line),
                    line.text,
                )
                checked[doc.name] += 1
    assert all(checked[doc.name] >= 3 for doc in printed.values()), checked


# --- page numbers ---------------------------------------------------------------------------


def test_page_numbers_odd_right_even_left_or_centred(printed: dict[str, Printed]) -> None:
    for doc in printed.values():
        numbered = 0
        for page in doc.pages:
            area = area_of(page)
            assert not page.blank, (doc.name, page.number)  # no page left for a client to add
            last = page.lines[-1]
            assert is_page_number(last, page), (doc.name, page.number, last.text)
            assert last.spaced_text == f"— {page.number} —", (
                doc.name,
                page.number,
                last.spaced_text,
            )
            assert last.size == 14
            assert all("NotoSerifCJK" in f for f in last.fonts), last.fonts  # 宋体
            # Outside the type area: the glyph box lies below its bottom edge.
            assert last.top_mm > area.bottom, (
                doc.name,
                page.number,
                round(last.top_mm, 1),
                area.bottom,
            )
            if doc.model.page_numbers is PageNumbers.CENTRED:
                assert last.centre_mm == pytest.approx(area.centre, abs=1.5), (
                    doc.name,
                    page.number,
                )
            elif page.number % 2:  # odd: right, 右空一字 (one 4号 character)
                inset = area.right - last.x1_mm
                assert inset == pytest.approx(IMPRINT_CHAR_MM, abs=1.5), (
                    doc.name,
                    page.number,
                    inset,
                )
            else:  # even: left, 左空一字
                inset = last.x0_mm - area.left
                assert inset == pytest.approx(IMPRINT_CHAR_MM, abs=1.5), (
                    doc.name,
                    page.number,
                    inset,
                )
            numbered += 1
        assert numbered >= 2, doc.name
    styles = {doc.kind: doc.model.page_numbers for doc in printed.values()}
    assert styles["speech"] is PageNumbers.CENTRED
    assert {s for k, s in styles.items() if k != "speech"} == {PageNumbers.OUTSIDE}


# --- 版记 -----------------------------------------------------------------------------------


def with_imprint(printed: dict[str, Printed]) -> list[Printed]:
    docs = docs_where(printed, lambda d: d.model.imprint is not None)
    names = {d.name for d in docs}
    assert {
        "population/notice",
        "population/report",
        "population/bulletin",
        "population/minutes",
        "rural-environment/plan",
    } <= names, names
    return docs


def test_imprint_rules_at_the_foot_of_the_last_page(printed: dict[str, Printed]) -> None:
    for doc in with_imprint(printed):
        last = doc.pages[-1]
        assert not last.landscape
        rules = sorted((s for s in last.strokes if s.horizontal), key=lambda s: s.y)
        expected = 3 if doc.model.imprint.copy_to else 2
        assert len(rules) == expected, (doc.name, rules)
        for rule in rules:
            assert not rule.red
            assert rule.x0 == pytest.approx(PORTRAIT.left, abs=0.3), (doc.name, rule)
            assert rule.x1 == pytest.approx(PORTRAIT.right, abs=0.3), (doc.name, rule)
        assert rules[-1].y == pytest.approx(PORTRAIT.bottom, abs=0.5), (doc.name, rules[-1].y)
        assert rules[0].width_pt == rules[-1].width_pt
        if expected == 3:
            assert rules[0].width_pt > rules[1].width_pt, (doc.name, [r.width_pt for r in rules])
        # The 版记 rows sit one line apart between the rules.
        for upper, lower in itertools.pairwise(rules):
            assert lower.y - upper.y == pytest.approx(PITCH_MM, abs=0.5), (doc.name, upper, lower)
        # Below any text of that page: the box never covers a line.
        text = [ln for ln in doc.body(last) if ln.size != 14]
        assert all(ln.baseline_mm < rules[0].y for ln in text), doc.name


def intended(doc: Printed) -> int:
    from docgen.office import layout_for
    from docgen.pipeline import build_document
    from docgen.word.writer import intended_pages

    built = build_document(doc.kind, ROOT / "examples" / f"{doc.example}.yaml")
    profile = layout_for(built.loaded.office.office if built.loaded.office else None)
    return intended_pages(doc.model, profile)


def test_pages_are_those_the_writer_intends(printed: dict[str, Printed]) -> None:
    """The export prints as many pages as the writer laid out (no page added for an
    even-page 版记, none lost), so page numbers agree in every client."""
    for doc in printed.values():
        assert len(doc.pages) == intended(doc), doc.name
        assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))


def test_a_plain_conversion_of_the_docx_prints_the_same_pages(
    printed: dict[str, Printed], tmp_path: Path
) -> None:
    """``soffice --convert-to pdf`` of the .docx itself (justified, as a clerk's copy is)
    gives the pages the writer intends too, each numbered in turn."""
    from docgen.pdf import convert_to_pdf

    docs = list(printed.values())
    sources = [doc.pdf.with_suffix(".docx") for doc in docs]
    for doc, pdf in zip(docs, convert_to_pdf(sources, tmp_path), strict=True):
        pages = read_pages(pdf)
        assert len(pages) == intended(doc), doc.name
        numbers = [p.lines[-1].spaced_text for p in pages]
        assert numbers == [f"— {n} —" for n in range(1, len(pages) + 1)], (doc.name, numbers)


def test_imprint_lines(printed: dict[str, Printed]) -> None:
    for doc in with_imprint(printed):
        imprint = doc.model.imprint
        last = doc.pages[-1]
        rows = [ln for ln in doc.body(last) if ln.size == 14]
        printer_row = rows[-1]
        assert printer_row.text == f"{imprint.printer}{imprint.date}印发", doc.name
        split = len(imprint.printer)
        left, right = printer_row.chars[:split], printer_row.chars[split:]
        # 印发机关 左空一字, 印发日期 右空一字 (4号 characters).
        assert left[0].x0 * 25.4 / 72 - PORTRAIT.left == pytest.approx(IMPRINT_CHAR_MM, abs=1.0)
        assert PORTRAIT.right - right[-1].x1 * 25.4 / 72 == pytest.approx(IMPRINT_CHAR_MM, abs=1.0)
        assert right[0].x0 - left[-1].x1 > 3 * 72 / 25.4, doc.name  # a real gap between them
        if imprint.copy_to:
            copy_rows = rows[:-1]
            text = "".join(ln.text for ln in copy_rows)
            assert text == "抄送：" + imprint.copy_to, doc.name
            assert text.endswith("。")
            assert copy_rows[0].x0_mm - PORTRAIT.left == pytest.approx(IMPRINT_CHAR_MM, abs=1.0)
        rules = sorted(s.y for s in last.strokes if s.horizontal)
        for row in rows:  # every row lies between the first and the last rule
            assert rules[0] < row.baseline_mm < rules[-1], (doc.name, row.text)


# --- 附件 -----------------------------------------------------------------------------------


def attachment_pages(doc: Printed) -> list[tuple[AttachmentStart, Page, Line, list[Line]]]:
    found = []
    for block in doc.attachments():
        pages = [p for p in doc.pages if doc.body(p) and doc.body(p)[0].text == block.label]
        assert len(pages) == 1, (doc.name, block.label, [p.number for p in pages])
        page = pages[0]
        lines = doc.body(page)
        titles = [ln for ln in lines[1:4] if ln.size == 22]
        found.append((block, page, lines[0], titles))
    return found


def test_attachment_label_on_line_one_title_on_line_three(printed: dict[str, Printed]) -> None:
    checked = 0
    for doc in printed.values():
        attachments = doc.attachments()
        for index, (block, page, label, titles) in enumerate(attachment_pages(doc), start=1):
            area = area_of(page)
            numbered = f"附件{index}" if len(attachments) > 1 else "附件"
            assert label.text == numbered, (doc.name, label.text)
            assert label.x0_mm == pytest.approx(area.left, abs=0.5), (doc.name, label.x0_mm)
            assert all("NotoSansCJK" in f for f in label.fonts), label.fonts  # 3号黑体
            assert label.size == 16
            # First line of the type area: its glyphs start below the top edge, within a line.
            assert area.top - 0.5 <= label.top_mm, (doc.name, label.top_mm)
            assert label.baseline_mm <= area.top + PITCH_MM + 0.5, (doc.name, label.baseline_mm)
            assert "".join(t.text for t in titles) == block.title, doc.name
            gap = titles[0].baseline_mm - label.baseline_mm
            assert gap == pytest.approx(2 * PITCH_MM, abs=1.5), (doc.name, block.label, gap)
            for title in titles:
                assert title.centre_mm == pytest.approx(area.centre, abs=2.0), (
                    doc.name,
                    title.text,
                )
            checked += 1
    assert (
        checked >= 6
    )  # notice 附件1 and 附件2, plan 附件, report 附件, rural plan 附件1 and 附件2


def note_names(doc: Printed) -> list[str]:
    """Names in the printed 附件说明, numbers and the label taken off, wrapped names joined."""
    for page in doc.pages:
        lines = doc.body(page)
        starts = [i for i, ln in enumerate(lines) if ln.text.startswith("附件：")]
        if starts and not page.landscape:
            break
    else:
        raise AssertionError(f"{doc.name}: 没有附件说明")
    first = lines[starts[0]]
    block = [first]
    for line in lines[starts[0] + 1 :]:
        if line.baseline_mm - block[-1].baseline_mm > 1.5 * PITCH_MM:
            break  # an empty line: the 落款 follows
        assert line.x0_mm > first.x0_mm + 2 * CHAR_MM, (doc.name, line.text)  # hanging indent
        block.append(line)
    names: list[str] = []
    for line in block:
        text = line.text.removeprefix("附件：")
        if line is first or re.match(r"^\d+\.", text):
            names.append(re.sub(r"^\d+\.", "", text))
        else:
            names[-1] += text
    return names


def test_attachment_note_names_match_the_attachment_titles(printed: dict[str, Printed]) -> None:
    checked = 0
    for doc in printed.values():
        notes = [b for b in doc.model.blocks if isinstance(b, AttachmentNote)]
        if not notes:
            continue
        titles = ["".join(t.text for t in titles) for _, _, _, titles in attachment_pages(doc)]
        assert note_names(doc) == titles, doc.name
        assert list(notes[0].items) == titles
        checked += 1
    assert checked >= 4


# --- the ledger on turned pages ---------------------------------------------------------------


def test_ledger_on_landscape_pages_inside_the_turned_type_area(printed: dict[str, Printed]) -> None:
    checked = 0
    for doc in printed.values():
        tables = [b for b in doc.model.blocks if isinstance(b, Table)]
        if not tables:
            continue
        (ledger,) = tables
        assert ledger.landscape, doc.name
        pages = [p for p in doc.pages if p.strokes and any(ln.size == 12 for ln in p.lines)]
        assert pages, doc.name
        header = Counter("".join(ledger.header))
        for page in pages:
            assert page.landscape, (doc.name, page.number)
            assert page.width == pytest.approx(297, abs=0.5) and page.height == pytest.approx(
                210, abs=0.5
            )
            area = LANDSCAPE
            lefts = [min(s.x0, s.x1) for s in page.strokes]
            rights = [max(s.x0, s.x1) for s in page.strokes]
            assert min(lefts) >= area.left - 0.3 and max(rights) <= area.right + 0.3, (
                doc.name,
                page.number,
                min(lefts),
                max(rights),
            )
            assert min(s.top for s in page.strokes) >= area.top - 0.3, (doc.name, page.number)
            assert max(s.bottom for s in page.strokes) <= area.bottom + 0.3, (doc.name, page.number)
            # Explicit widths summing to the turned type area: the table fills it exactly.
            assert min(lefts) == pytest.approx(area.left, abs=0.5), (doc.name, page.number)
            assert max(rights) == pytest.approx(area.right, abs=0.5), (doc.name, page.number)
            # The header row (黑体) is printed whole on every page of the ledger.
            sans = Counter(
                c.text
                for ln in page.lines
                if ln.size == 12
                for c in ln.chars
                if "NotoSansCJK" in c.font
            )
            assert sans == header, (doc.name, page.number, sans - header, header - sans)
            for line in page.lines:
                if line.size == 12:
                    assert area.left < line.x0_mm and line.x1_mm < area.right, (doc.name, line.text)
            checked += 1
    assert checked >= 6, checked


def test_ledger_dates_and_names_are_never_broken(printed: dict[str, Printed]) -> None:
    """Each 整改时限 date and each 责任人/责任单位 name is printed on one line of its cell."""
    checked = 0
    for doc in printed.values():
        tables = [b for b in doc.model.blocks if isinstance(b, Table)]
        if not tables:
            continue
        (ledger,) = tables
        lines = [ln.text for page in doc.pages for ln in page.lines if ln.size == 12]
        whole = [
            cell
            for name in ("整改时限", "责任人", "责任领导")
            if name in ledger.header
            for cell in (row[ledger.header.index(name)] for row in ledger.rows)
        ]
        for unit in (row[ledger.header.index("责任单位")] for row in ledger.rows):
            whole.extend(part for part in unit.split("、") if part)
        for text in whole:
            assert any(text in line for line in lines), (doc.name, text)
            checked += 1
    assert checked >= 50, checked


# --- 落款 -----------------------------------------------------------------------------------


def test_signature_stays_on_the_page_of_the_last_body_paragraph(
    printed: dict[str, Printed],
) -> None:
    from docgen.office import layout_for
    from docgen.pipeline import build_document
    from docgen.word import paging

    checked = 0
    for doc in printed.values():
        signature = doc.signature()
        if signature is None:
            continue
        example = ROOT / "examples" / f"{doc.example}.yaml"
        built = build_document(doc.kind, example)
        profile = layout_for(built.loaded.office.office if built.loaded.office else None)
        head = paging.head_lines(doc.model, profile)
        kept = paging.kept_on_its_page(doc.model, profile, head)
        organ, _ = signature_lines(doc, signature)
        if not kept:  # the only text of page 1 stays there (GB/T 9704: 首页显示正文)
            assert organ.page > 1 and doc.body(doc.pages[0])[-1].size == 16, doc.name
            continue
        (index,) = kept
        last_text = "".join(block_texts(doc.model.blocks[index]))
        page = doc.pages[organ.page - 1]
        printed_before = "".join(
            ln.text for ln in doc.body(page) if ln.baseline_mm < organ.baseline_mm
        )
        tail = "".join(last_text.split())[-6:]
        assert tail in printed_before, (doc.name, organ.page, tail)
        checked += 1
    assert checked >= 8, checked


def signature_lines(doc: Printed, signature: Signature) -> tuple[Line, Line]:
    for page in doc.pages:
        lines = doc.body(page)
        for upper, lower in itertools.pairwise(lines):
            if upper.text == signature.organs[-1] and lower.text == signature.date:
                return upper, lower
    raise AssertionError(f"{doc.name}: 找不到落款 {signature}")


def test_sealed_signature(printed: dict[str, Printed]) -> None:
    docs = docs_where(printed, lambda d: d.signature() is not None and d.signature().sealed)
    assert {d.example for d in docs} == {"population", "flood-control", "street-food-safety"}
    assert len(docs) >= 7
    for doc in docs:
        organ, date = signature_lines(doc, doc.signature())
        right = PORTRAIT.right - date.x1_mm  # 成文日期右空四字
        assert right == pytest.approx(4 * CHAR_MM, abs=1.5), (doc.name, right)
        offset = organ.centre_mm - date.centre_mm  # 署名 centred over the date
        # The writer centres the 署名 on the date's width as Word and WPS print it (digits
        # half a character, no extra space beside them). LibreOffice prints the digits of
        # the Noto substitute wider and adds about 1.1 mm at each Chinese/digit boundary,
        # which widens "2026年11月30日" by about 7 mm, so the centres drift up to ~3.7 mm.
        assert abs(offset) <= 4.5, (doc.name, round(offset, 2), organ.centre_mm, date.centre_mm)


def test_unsealed_signature(printed: dict[str, Printed]) -> None:
    docs = docs_where(printed, lambda d: d.signature() is not None and not d.signature().sealed)
    assert {d.example for d in docs} == {"rural-environment"} and len(docs) >= 2
    for doc in docs:
        organ, date = signature_lines(doc, doc.signature())
        if date.x1_mm - date.x0_mm > organ.x1_mm - organ.x0_mm + 0.5:
            right = PORTRAIT.right - date.x1_mm  # a longer date: 成文日期右空二字
        else:
            right = PORTRAIT.right - organ.x1_mm  # 署名右空二字
        assert right == pytest.approx(2 * CHAR_MM, abs=1.5), (doc.name, right)
        shift = date.x0_mm - organ.x0_mm  # 日期首字比署名首字右移二字
        if right == pytest.approx(2 * CHAR_MM, abs=1.5) and date.x1_mm > organ.x1_mm:
            # Date as long as the 署名: both right-aligned, the 署名 moved left so the date
            # starts two characters in as Word and WPS print it; LibreOffice's wider digits
            # (see test_sealed_signature) bring the date's first character closer.
            assert 0 < shift <= 2 * CHAR_MM + 1.5, (doc.name, round(shift, 2))
        else:
            assert shift == pytest.approx(2 * CHAR_MM, abs=1.5), (doc.name, round(shift, 2))


# --- fonts and text ---------------------------------------------------------------------------


def test_no_fallback_fonts(printed: dict[str, Printed]) -> None:
    for doc in printed.values():
        fonts = {f for page in doc.pages for ln in page.lines for f in ln.fonts}
        assert not {f for f in fonts if "DejaVu" in f or "Liberation" in f}, (doc.name, fonts)
        assert all("NotoSerifCJK" in f or "NotoSansCJK" in f or "UKai" in f for f in fonts), fonts


def model_text(doc: Document) -> tuple[str, str]:
    """(text outside tables in reading order, text of the tables), whitespace dropped."""
    flow: list[str] = []
    cells: list[str] = []
    if doc.masthead is not None:
        m = doc.masthead
        flow.append(m.mark + m.number + ("签发人：" + "、".join(m.signers) if m.signers else ""))
        flow.append(m.issuer + m.issued)
    for block in doc.blocks:
        match block:
            case Title(lines=lines) | Subtitle(lines=lines):
                flow.extend(lines)
            case Salutation(text=text) | Note(text=text):
                flow.append(text)
            case Heading():
                flow.append(heading_text(block) + block.body)
            case Paragraph(lead=lead, text=text):
                flow.append((lead.text if lead else "") + text)
            case AttachmentNote():
                flow.extend(block.lines())
            case Signature(organs=organs, date=date):
                flow.extend([*organs, date])
            case AttachmentStart(label=label, title=title):
                flow.append(label + title)
            case Attendance(label=label, names=names):
                flow.append(f"{label}：{names}")
            case Table(header=header, rows=rows):
                cells.extend(header)
                cells.extend(cell for row in rows for cell in row)
            case _:
                raise AssertionError(f"未检验的块：{block!r}")
    if doc.imprint is not None:
        i = doc.imprint
        flow.append(("抄送：" + i.copy_to if i.copy_to else "") + i.printer + i.date + "印发")

    def squeeze(parts: list[str]) -> str:
        return "".join(ch for part in parts for ch in part if not ch.isspace())

    return squeeze(flow), squeeze(cells)


def test_printed_text_is_the_whole_document(printed: dict[str, Printed]) -> None:
    """Every character of the model is printed once, nothing added (tables as multisets)."""
    for doc in printed.values():
        expected_flow, expected_cells = model_text(doc.model)
        flow, cells = [], []
        for page in doc.pages:
            for line in doc.body(page):
                for c in line.chars:
                    (cells if c.size == 12 else flow).append(c.text)
        printed_flow = "".join(flow)
        changes = text_changes(expected_flow, printed_flow)
        assert not changes, (doc.name, changes)
        assert bool(cells) == bool(expected_cells), doc.name
        if expected_cells:
            # The header repeats on every ledger page; the body cells are printed once.
            pages = sum(1 for p in doc.pages if any(ln.size == 12 for ln in p.lines))
            table = next(b for b in doc.model.blocks if isinstance(b, Table))
            header = Counter("".join(table.header))
            once = Counter(expected_cells) + Counter(
                {k: v * (pages - 1) for k, v in header.items()}
            )
            assert Counter(cells) == once, (doc.name, Counter(cells) - once, once - Counter(cells))
