"""The bundled speeches, printed by a real client (LibreOffice → PDF), keep the GB/T 9704 grid.

Numbers come from docs layout.md "Rendering check": 22 lines × 28 characters, line pitch
10.21 mm, first-line indent of two characters, "— N —" page numbers, fonts by level.
"""

from __future__ import annotations

import difflib
import os
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import pytest
from layout.measure import (
    Char,
    Line,
    TypeArea,
    body_lines,
    full_line_count_ok,
    indent_mm,
    is_full_line,
    page_number,
    paragraphs,
    pitches_mm,
    read_lines,
    text_changes,
)

from docgen.model import Document, Heading, Paragraph, Salutation, Subtitle, Title, heading_text
from docgen.pdf import find_soffice

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))  # every example has a speech

AREA = TypeArea(left=28.0, right=184.0, top=37.0, bottom=262.0)
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
PITCH_MM = 28.95 * 25.4 / 72  # 579 twips = 10.21 mm
CHAR_MM = 15.75 * 25.4 / 72  # 16 pt glyph − 0.25 pt spacing = 5.56 mm
GLYPH_MM = 16 * 25.4 / 72  # a hanging mark keeps its full width
INDENT_MM = 11.2
PAGE_CENTRE_MM = 105.0


@dataclass(frozen=True)
class Rendered:
    """One example as printed: its PDF and the text lines of each page."""

    name: str
    pdf: Path
    pages: list[list[Line]]
    model: Document

    @property
    def body(self) -> list[list[Line]]:
        return [body_lines(page, AREA) for page in self.pages]

    @property
    def full_pages(self) -> list[list[Line]]:
        """Pages that are neither the first nor the last."""
        return self.body[1:-1]

    @property
    def body_paragraphs(self) -> list[list[Line]]:
        stream = [line for page in self.body for line in page]
        return paragraphs(stream, AREA, CHAR_MM)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Rendered]:
    """Render both examples and convert them in ONE LibreOffice call."""
    if find_soffice() is None:
        reason = "未找到 LibreOffice（soffice），跳过真实客户端排版测试；安装方法见 README。"
        if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE"):
            pytest.fail(reason)
        pytest.skip(reason)
    from docgen.pipeline import Options, build_document, render_jobs

    out = tmp_path_factory.mktemp("layout")
    # The export path users get: one LibreOffice call for both documents.
    written = render_jobs([("speech", example) for example in EXAMPLES], out, Options(pdf=True))
    pdfs = [path for path in written if path.suffix == ".pdf"]
    assert len(pdfs) == len(EXAMPLES), written
    models = [build_document("speech", example).document for example in EXAMPLES]
    return [
        Rendered(pdf.stem, pdf, read_lines(pdf), model)
        for pdf, model in zip(pdfs, models, strict=True)
    ]


def test_every_speech_has_full_pages(documents: list[Rendered]) -> None:
    for doc in documents:
        assert len(doc.pages) >= 3, f"{doc.name}: {len(doc.pages)} 页，没有可检验的整页"


_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、)")


def test_full_pages_hold_22_lines(documents: list[Rendered]) -> None:
    for doc in documents:
        pages = doc.body
        assert pages[1:-1], doc.name
        for number, page in enumerate(pages[1:-1], start=2):
            # A level-1 heading keeps with its first paragraph (its style's keepNext): when
            # it would be a page's last line, it starts the next page and leaves one line.
            moved = bool(_HEADING.match(pages[number][0].text))
            allowed = {LINES_PER_PAGE, LINES_PER_PAGE - 1} if moved else {LINES_PER_PAGE}
            assert len(page) in allowed, (doc.name, number, len(page))


def test_line_pitch_is_10_21_mm(documents: list[Rendered]) -> None:
    for doc in documents:
        pitches = [p for page in doc.full_pages for p in pitches_mm(page)]
        assert statistics.median(pitches) == pytest.approx(PITCH_MM, abs=0.1), doc.name
        # No line sits off the grid (an empty line or a non-grid paragraph would).
        off = [p for p in pitches if abs(p - PITCH_MM) > 0.1]
        assert not off, (doc.name, off)


def test_full_justified_lines_hold_28_characters(documents: list[Rendered]) -> None:
    checked = 0
    for doc in documents:
        for para in doc.body_paragraphs:
            for line, nxt in zip(para, [*para[1:], None], strict=True):
                if nxt is None or not line.all_wide or line.size != 16:
                    continue  # last line of a paragraph, or digits/Latin of other widths
                expected = CHARS_PER_LINE
                if indent_mm(line, AREA) > 0.5:
                    expected -= 2  # the first line is indented by two characters
                assert full_line_count_ok(line, nxt, expected, CHAR_MM), (
                    doc.name,
                    line.page,
                    len(line),
                    line.text,
                )
                checked += 1
    assert checked >= 40, f"只检验了 {checked} 个整行"


def test_justified_lines_reach_the_right_edge(documents: list[Rendered]) -> None:
    for doc in documents:
        for para in doc.body_paragraphs:
            for line in para[1:-1]:
                assert is_full_line(line, AREA, CHAR_MM), (doc.name, line.page, line.text)
                # At most one punctuation mark hangs, at its full 16 pt width.
                assert line.x1_mm <= AREA.right + GLYPH_MM + 0.1, (doc.name, line.page, line.text)


def test_paragraphs_start_two_characters_in(documents: list[Rendered]) -> None:
    indents: list[float] = []
    for doc in documents:
        for para in doc.body_paragraphs:
            first = para[0]
            offset = indent_mm(first, AREA)
            if abs(offset) < 0.5 or first.size != 16:
                continue  # 顶格 (salutation) or the title
            if abs(first.centre_mm - AREA.centre) <= 1.5 and len(para) == 1 and offset > 15:
                continue  # a centred line (speaker, date)
            assert offset == pytest.approx(INDENT_MM, abs=0.6), (doc.name, first.page, first.text)
            indents.append(offset)
    assert len(indents) >= 20, indents


def test_page_numbers_centred_on_every_page(documents: list[Rendered]) -> None:
    for doc in documents:
        for index, page in enumerate(doc.pages, start=1):
            found = page_number(page, AREA)
            assert found is not None, f"{doc.name} 第 {index} 页没有“— N —”页码"
            number, line = found
            assert number == index
            assert line.spaced_text == f"— {index} —"
            assert line.centre_mm == pytest.approx(PAGE_CENTRE_MM, abs=3), (doc.name, index)
            assert line.size == 14
            assert all("NotoSerifCJK" in f for f in line.fonts), line.fonts


FONT_TESTS = {
    "title": lambda f: "NotoSerifCJK" in f and "Bold" in f,  # 小标宋 → Noto Serif CJK Bold
    "sans": lambda f: "NotoSansCJK" in f,  # 黑体
    "kai": lambda f: "UKai" in f,  # 楷体
    "serif": lambda f: "NotoSerifCJK" in f and "Bold" not in f,  # 仿宋
}
LEVEL_FONT = {1: "sans", 2: "kai", 3: "serif", 4: "serif"}


def _expected_fonts(document: Document) -> list[tuple[str, str | None]]:
    """Each printed character of the model with the font its level calls for."""
    out: list[tuple[str, str | None]] = []

    def add(text: str, key: str | None) -> None:
        out.extend((ch, key) for ch in text if not ch.isspace())

    for block in document.blocks:
        match block:
            case Title(lines=lines):
                add("".join(lines), "title")
            case Subtitle(lines=lines):
                add("".join(lines), "kai")
            case Salutation(text=text):
                add(text, "serif")
            case Heading():
                add(heading_text(block), LEVEL_FONT[min(block.level, 4)])
                add(block.body, "serif")
            case Paragraph(lead=lead, text=text):
                if lead is not None:
                    add(lead.text, LEVEL_FONT[min(lead.level, 4)])
                add(text, "serif")
            case _:  # tables: fonts are not fixed by the standard
                add("".join(str(v) for v in vars(block).values() if isinstance(v, str)), None)
    return out


def _printed(doc: Rendered) -> list[Char]:
    return [c for page in doc.body for line in page for c in line.chars]


def test_printed_text_is_the_whole_document(documents: list[Rendered]) -> None:
    """Nothing is lost or added between the model and the page (e.g. a vanished mark)."""
    for doc in documents:
        printed = "".join(c.text for c in _printed(doc))
        expected = "".join(ch for ch, _ in _expected_fonts(doc.model))
        changes = text_changes(expected, printed)
        assert not changes, (doc.name, changes)


def test_every_character_is_printed_in_its_levels_font(documents: list[Rendered]) -> None:
    for doc in documents:
        printed = _printed(doc)
        expected = _expected_fonts(doc.model)
        matcher = difflib.SequenceMatcher(
            None, [ch for ch, _ in expected], [c.text for c in printed], autojunk=False
        )
        pairs = [
            (printed[j + k], expected[i + k][1])
            for i, j, size in matcher.get_matching_blocks()
            for k in range(size)
        ]
        assert len(pairs) >= 0.99 * len(expected), (doc.name, len(pairs), len(expected))
        wrong = [
            (c.text, key, c.font, c.size)
            for c, key in pairs
            if key is not None and not FONT_TESTS[key](c.font)
        ]
        assert not wrong, (doc.name, len(wrong), wrong[:10])
        keys = {key for _, key in pairs}
        assert {"title", "sans", "kai", "serif"} <= keys, keys


def test_sizes_by_level(documents: list[Rendered]) -> None:
    for doc in documents:
        sizes = {(line.size, "title" if line.size > 16 else "") for line in doc.pages[0][:1]}
        assert sizes == {(22, "title")}, (doc.name, sizes)
        for page in doc.body:
            for line in page:
                if line.size != 22:
                    assert line.size == 16, (doc.name, line.page, line.text, line.size)


def test_no_fallback_fonts(documents: list[Rendered]) -> None:
    for doc in documents:
        fonts = {f for page in doc.pages for line in page for f in line.fonts}
        assert not {f for f in fonts if "DejaVu" in f or "Liberation" in f}, (doc.name, fonts)
