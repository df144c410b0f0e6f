"""The bundled speeches, printed by a real client (LibreOffice → PDF), keep the GB/T 9704 grid.

Numbers come from docs layout.md "Rendering check": 22 lines × 28 characters, line pitch
10.21 mm, first-line indent of two characters, "— N —" page numbers, fonts by level.
"""

from __future__ import annotations

import os
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import pytest
from layout.measure import (
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
)

from docgen.pdf import convert_to_pdf, find_soffice

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [ROOT / "examples" / "population.yaml", ROOT / "examples" / "rural-environment.yaml"]

AREA = TypeArea(left=28.0, right=184.0, top=37.0, bottom=262.0)
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
PITCH_MM = 28.95 * 25.4 / 72  # 579 twips = 10.21 mm
CHAR_MM = 15.75 * 25.4 / 72  # 16 pt glyph − 0.25 pt spacing = 5.56 mm
INDENT_MM = 11.2
PAGE_CENTRE_MM = 105.0

LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")


@dataclass(frozen=True)
class Rendered:
    """One example as printed: its PDF and the text lines of each page."""

    name: str
    pdf: Path
    pages: list[list[Line]]

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
    from docgen.pipeline import render_files

    out = tmp_path_factory.mktemp("layout")
    docx: list[Path] = []
    for example in EXAMPLES:
        docx.extend(render_files("speech", example, out / example.stem))
    assert len(docx) >= len(EXAMPLES)
    pdfs = convert_to_pdf(docx, out / "pdf")
    return [Rendered(d.stem, pdf, read_lines(pdf)) for d, pdf in zip(docx, pdfs, strict=True)]


def test_every_speech_has_full_pages(documents: list[Rendered]) -> None:
    for doc in documents:
        assert len(doc.pages) >= 3, f"{doc.name}: {len(doc.pages)} 页，没有可检验的整页"


def test_full_pages_hold_22_lines(documents: list[Rendered]) -> None:
    counts = {doc.name: [len(page) for page in doc.full_pages] for doc in documents}
    for name, per_page in counts.items():
        assert per_page and all(n == LINES_PER_PAGE for n in per_page), (name, per_page)


def test_line_pitch_is_10_21_mm(documents: list[Rendered]) -> None:
    for doc in documents:
        pitches = [p for page in doc.full_pages for p in pitches_mm(page)]
        assert statistics.median(pitches) == pytest.approx(PITCH_MM, abs=0.1), doc.name
        # No line sits off the grid: every step is one pitch (PDF coordinates keep 0.1 pt).
        assert max(pitches) - min(pitches) < 0.1, (doc.name, min(pitches), max(pitches))


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
                assert full_line_count_ok(line, nxt, expected), (
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
                assert line.x1_mm <= AREA.right + CHAR_MM, (doc.name, line.page, line.x1_mm)


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


def _heading_part(para: list[Line]) -> tuple[list, list]:
    """Characters of a heading paragraph up to its first '。', and the rest."""
    chars = [c for line in para for c in line.chars]
    end = next((i + 1 for i, c in enumerate(chars) if c.text == "。"), len(chars))
    return chars[:end], chars[end:]


def _serif_regular(font: str) -> bool:
    return "NotoSerifCJK" in font and "Bold" not in font


def test_fonts_by_level(documents: list[Rendered]) -> None:
    seen = {"title": 0, "level1": 0, "level2": 0, "body": 0}
    for doc in documents:
        title = doc.pages[0][0]
        assert title.size == 22, (doc.name, title.text)
        assert all("NotoSerifCJK" in f and "Bold" in f for f in title.fonts), title.fonts
        seen["title"] += 1
        for para in doc.body_paragraphs:
            text = "".join(line.text for line in para)
            if para[0].size != 16:
                continue
            if LEVEL1.match(text) or LEVEL2.match(text):
                wanted = "NotoSansCJK" if LEVEL1.match(text) else "UKai"
                head, rest = _heading_part(para)
                assert all(wanted in c.font for c in head), (doc.name, text, {c.font for c in head})
                assert all(_serif_regular(c.font) for c in rest), (doc.name, text)
                seen["level1" if wanted == "NotoSansCJK" else "level2"] += 1
            elif (
                abs(indent_mm(para[0], AREA)) < 0.5
                or abs(indent_mm(para[0], AREA) - INDENT_MM) <= 0.6
            ):
                fonts = {line_font for line in para for line_font in line.fonts}
                assert all(_serif_regular(f) for f in fonts), (doc.name, text[:20], fonts)
                seen["body"] += 1
    assert all(n >= 2 for n in seen.values()), seen


def test_no_fallback_fonts(documents: list[Rendered]) -> None:
    for doc in documents:
        fonts = {f for page in doc.pages for line in page for f in line.fonts}
        assert not {f for f in fonts if "DejaVu" in f or "Liberation" in f}, (doc.name, fonts)
