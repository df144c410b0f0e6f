"""Measure a rendered PDF (lines, characters, pitch, indents, fonts) the way a reader sees it."""

from __future__ import annotations

import difflib
import itertools
import re
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

MM_PER_PT = 25.4 / 72

# Closing punctuation that may hang past the right margin (LibreOffice ignores overflowPunct
# but keeps one such mark on the line instead of moving it to the next).
HANGING_PUNCT = set("，。、；：？！）》」』〕】”’…—·")
# Opening punctuation that must not end a line (kinsoku): it moves to the next line.
OPENING_PUNCT = set("（《「『〔【“‘")


def pt_to_mm(value: float) -> float:
    return value * MM_PER_PT


def font_family(fontname: str) -> str:
    """Font without the subset tag: 'BAAAAA+NotoSerifCJKjp-Bold' → 'NotoSerifCJKjp-Bold'."""
    return fontname.split("+", 1)[1] if "+" in fontname[:8] else fontname


@dataclass(frozen=True)
class Char:
    """One glyph: text, font, size, horizontal extent and baseline, in PDF points from top-left."""

    text: str
    font: str
    size: float
    x0: float
    x1: float
    baseline: float
    top: float = float("nan")  # top of the glyph box (pdfplumber's ``top``)
    colour: tuple[float, ...] = ()  # fill colour, e.g. (1.0, 0.0, 0.0) for red

    @classmethod
    def from_pdfplumber(cls, c: dict, page_height: float) -> Char:
        # matrix[5] is the baseline origin; top/bottom depend on font metrics.
        return cls(
            text=c["text"],
            font=font_family(c["fontname"]),
            size=round(float(c["size"]), 2),
            x0=float(c["x0"]),
            x1=float(c["x1"]),
            baseline=page_height - float(c["matrix"][5]),
            top=float(c["top"]),
            colour=_colour(c.get("non_stroking_color")),
        )

    @property
    def is_space(self) -> bool:
        return not self.text.strip()

    @property
    def is_wide(self) -> bool:
        """Full-width CJK character or punctuation (one 字 on the grid)."""
        return unicodedata.east_asian_width(self.text[:1]) in ("W", "F") or self.text == "—"


@dataclass(frozen=True)
class Line:
    """Characters sharing one baseline on one page (spaces dropped)."""

    page: int  # 1-based
    chars: tuple[Char, ...]
    spaced_text: str = ""  # the text including spaces, as printed

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def baseline_mm(self) -> float:
        return pt_to_mm(statistics.median(c.baseline for c in self.chars))

    @property
    def x0_mm(self) -> float:
        return pt_to_mm(self.chars[0].x0)

    @property
    def x1_mm(self) -> float:
        return pt_to_mm(self.chars[-1].x1)

    @property
    def centre_mm(self) -> float:
        return (self.x0_mm + self.x1_mm) / 2

    @property
    def top_mm(self) -> float:
        """Top of the highest glyph box."""
        return pt_to_mm(min(c.top for c in self.chars))

    @property
    def bottom_mm(self) -> float:
        """Bottom of the glyph boxes (LibreOffice's PDFs put it on the baseline)."""
        return self.baseline_mm

    @property
    def is_red(self) -> bool:
        return all(_is_red(c.colour) for c in self.chars)

    @property
    def size(self) -> float:
        return max(c.size for c in self.chars)

    @property
    def fonts(self) -> set[str]:
        return {c.font for c in self.chars}

    @property
    def all_wide(self) -> bool:
        return all(c.is_wide for c in self.chars)

    def __len__(self) -> int:
        return len(self.chars)


def group_lines(chars: Iterable[Char], page: int, tolerance_pt: float = 1.5) -> list[Line]:
    """Cluster characters by baseline (top to bottom), each line sorted left to right."""
    ordered = sorted(chars, key=lambda c: c.baseline)
    clusters: list[list[Char]] = []
    for ch in ordered:
        if clusters and ch.baseline - clusters[-1][-1].baseline <= tolerance_pt:
            clusters[-1].append(ch)
        else:
            clusters.append([ch])
    lines = []
    for cluster in clusters:
        row = sorted(cluster, key=lambda c: c.x0)
        visible = tuple(c for c in row if not c.is_space)
        if visible:
            lines.append(Line(page, visible, "".join(c.text for c in row).strip()))
    return lines


def read_lines(pdf_path: Path) -> list[list[Line]]:
    """All text lines of a PDF, per page."""
    pages: list[list[Line]] = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            chars = [Char.from_pdfplumber(c, float(page.height)) for c in page.chars]
            pages.append(group_lines(chars, number))
    return pages


@dataclass(frozen=True)
class TypeArea:
    """The type area (版心) in mm from the page's top-left corner."""

    left: float = 28.0
    right: float = 184.0
    top: float = 37.0
    bottom: float = 262.0

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2

    def holds(self, line: Line) -> bool:
        return self.top < line.baseline_mm <= self.bottom + 0.5


def body_lines(lines: Sequence[Line], area: TypeArea) -> list[Line]:
    """Lines whose baseline lies inside the type area (not headers or footers)."""
    return [ln for ln in lines if area.holds(ln)]


def footer_lines(lines: Sequence[Line], area: TypeArea) -> list[Line]:
    return [ln for ln in lines if ln.baseline_mm > area.bottom + 0.5]


def pitches_mm(lines: Sequence[Line]) -> list[float]:
    """Distances between consecutive baselines."""
    return [b.baseline_mm - a.baseline_mm for a, b in itertools.pairwise(lines)]


def indent_mm(line: Line, area: TypeArea) -> float:
    """How far the line starts right of the type area's left edge."""
    return line.x0_mm - area.left


def is_full_line(line: Line, area: TypeArea, char_mm: float) -> bool:
    """A flush-left line that reaches the right edge (to within half a character)."""
    return abs(indent_mm(line, area)) < 0.5 and line.x1_mm >= area.right - char_mm / 2


def leading_group_cells(line: Line, char_mm: float) -> float:
    """Width, in characters, of what cannot be split off the start of a line.

    Opening brackets stick to what follows, a run of digits or Latin letters is one word,
    and a closing mark sticks to what precedes it: "（95%）" moves to the next line whole.
    """
    chars = line.chars
    i = 0
    while i < len(chars) and chars[i].text in OPENING_PUNCT:
        i += 1
    if i < len(chars) and not chars[i].is_wide:
        while i < len(chars) and not chars[i].is_wide:
            i += 1
    elif i < len(chars):
        i += 1
    if i < len(chars) and chars[i].text in HANGING_PUNCT:
        i += 1
    group = chars[:i]
    narrow_mm = sum(pt_to_mm(c.x1 - c.x0) for c in group if not c.is_wide)
    return sum(1 for c in group if c.is_wide) + narrow_mm / char_mm


def full_line_count_ok(
    line: Line, next_line: Line | None, chars_per_line: int, char_mm: float = 5.556
) -> bool:
    """``chars_per_line`` characters; one more when the last is hanging punctuation; fewer
    only when the next line opens with a group that could not be split to fill the gap."""
    n = len(line)
    if n == chars_per_line:
        return True
    if n == chars_per_line + 1 and line.chars[-1].text in HANGING_PUNCT:
        return True
    if n < chars_per_line and next_line is not None:
        # 28 characters leave 1.2 pt (0.08 character) of the 442.2 pt type area free.
        return leading_group_cells(next_line, char_mm) > chars_per_line - n + 0.08
    return False


PAGE_NUMBER = re.compile(r"^—(\d+)—$")


def page_number(lines: Sequence[Line], area: TypeArea) -> tuple[int, Line] | None:
    """The '— N —' line below the type area, with N, or None."""
    for line in footer_lines(lines, area):
        m = PAGE_NUMBER.match(line.text)
        if m:
            return int(m.group(1)), line
    return None


def red_rules(pdf_path: Path, page_index: int = 0) -> list[tuple[float, float, float]]:
    """Red horizontal rules on a page as (x0, x1, y) in mm: stroked lines or thin filled rects."""
    rules: list[tuple[float, float, float]] = []
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[page_index]
        candidates = [(obj, obj.get("stroking_color")) for obj in page.lines]
        candidates += [(obj, obj.get("non_stroking_color")) for obj in page.rects]
        candidates += [(obj, obj.get("stroking_color")) for obj in page.rects]
        for obj, colour in candidates:
            if _is_red(colour) and obj["height"] <= 3 and obj["width"] >= 10:
                rule = (pt_to_mm(obj["x0"]), pt_to_mm(obj["x1"]), pt_to_mm(obj["top"]))
                if rule not in rules:
                    rules.append(rule)
    return sorted(rules, key=lambda r: r[2])


def _colour(value: object) -> tuple[float, ...]:
    if isinstance(value, tuple | list):
        return tuple(float(v) for v in value)
    return ()


@dataclass(frozen=True)
class Stroke:
    """A drawn line (or a thin filled rectangle), in mm from the page's top-left corner."""

    x0: float
    x1: float
    top: float
    bottom: float
    width_pt: float  # line width; the short side of a rectangle
    red: bool

    @property
    def horizontal(self) -> bool:
        return self.bottom - self.top < 1.0 and self.x1 - self.x0 >= 1.0

    @property
    def vertical(self) -> bool:
        return self.x1 - self.x0 < 1.0 and self.bottom - self.top >= 1.0

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Page:
    """One printed page: its size in mm, its text lines and its strokes."""

    number: int  # 1-based position in the PDF
    width: float
    height: float
    lines: list[Line]
    strokes: list[Stroke]

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def blank(self) -> bool:
        return not self.lines and not self.strokes


def read_pages(pdf_path: Path) -> list[Page]:
    """Every page of a PDF with its text lines and strokes (duplicates dropped)."""
    pages: list[Page] = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            height = float(page.height)
            chars = [Char.from_pdfplumber(c, height) for c in page.chars]
            strokes: list[Stroke] = []
            for obj in page.lines:
                colour = obj.get("stroking_color")
                width = float(obj.get("linewidth") or 0)
                strokes.append(_stroke(obj, width, colour))
            for obj in page.rects:
                short = min(float(obj["width"]), float(obj["height"]))
                if short <= 3:  # a thin filled rectangle drawn as a rule
                    strokes.append(_stroke(obj, short, obj.get("non_stroking_color")))
            pages.append(
                Page(
                    number,
                    pt_to_mm(float(page.width)),
                    pt_to_mm(height),
                    group_lines(chars, number),
                    list(dict.fromkeys(strokes)),
                )
            )
    return pages


def _stroke(obj: dict, width_pt: float, colour: object) -> Stroke:
    return Stroke(
        round(pt_to_mm(float(obj["x0"])), 3),
        round(pt_to_mm(float(obj["x1"])), 3),
        round(pt_to_mm(float(obj["top"])), 3),
        round(pt_to_mm(float(obj["bottom"])), 3),
        round(width_pt, 3),
        _is_red(colour),
    )


def _is_red(colour: object) -> bool:
    if not isinstance(colour, tuple | list) or len(colour) != 3:
        return False
    r, g, b = (float(v) for v in colour)
    return r > 0.8 and g < 0.2 and b < 0.2


def paragraphs(lines: Sequence[Line], area: TypeArea, char_mm: float) -> list[list[Line]]:
    """Rebuild paragraphs from body lines in reading order (across pages).

    A paragraph starts at an indented or centred line, or after a line that stops
    short of the right edge; wrapped lines of a paragraph start flush left.
    """
    result: list[list[Line]] = []
    for line in lines:
        starts_new = (
            not result
            or abs(indent_mm(line, area)) >= 0.5
            or result[-1][-1].x1_mm < area.right - char_mm / 2
        )
        if starts_new:
            result.append([line])
        else:
            result[-1].append(line)
    return result


def text_changes(expected: str, printed: str) -> list[tuple[str, str, str]]:
    """What the printed text lacks or adds: (operation, expected context, printed), empty
    when every character of the document was printed."""
    matcher = difflib.SequenceMatcher(None, expected, printed, autojunk=False)
    return [
        (op, expected[max(i1 - 10, 0) : i2 + 2], printed[j1:j2])
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]
