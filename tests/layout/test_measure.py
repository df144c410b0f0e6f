"""The PDF measuring helpers count lines, characters and paragraphs as a reader would."""

from __future__ import annotations

from layout.measure import (
    Char,
    TypeArea,
    font_family,
    full_line_count_ok,
    group_lines,
    page_number,
    paragraphs,
)

AREA = TypeArea()
PT = 72 / 25.4  # points per mm
CHAR_MM = 5.56


def _row(text: str, baseline: float, x0_mm: float = 28.0, size: float = 16) -> list[Char]:
    step = CHAR_MM * PT
    return [
        Char(
            t,
            "NotoSerifCJKjp-Regular",
            size,
            x0_mm * PT + i * step,
            x0_mm * PT + (i + 1) * step,
            baseline,
        )
        for i, t in enumerate(text)
    ]


def test_group_lines_clusters_by_baseline_and_sorts_left_to_right() -> None:
    first = _row("甲乙", 200.0)
    second = _row("丙 丁", 229.0)
    # A smaller glyph whose baseline is 0.4 pt off still belongs to the first line.
    stray = Char("子", "X", 14, 500.0, 514.0, 200.4)
    lines = group_lines([*reversed(second), stray, *first], page=3)
    assert [ln.text for ln in lines] == ["甲乙子", "丙丁"]
    assert lines[1].spaced_text == "丙 丁"
    assert lines[0].page == 3
    assert lines[0].size == 16


def test_full_line_count_allows_one_hanging_mark_or_a_moved_bracket() -> None:
    (full,) = group_lines(_row("字" * 28, 100), 1)
    (hanging,) = group_lines(_row("字" * 28 + "。", 100), 1)
    (overfull,) = group_lines(_row("字" * 29, 100), 1)
    (short,) = group_lines(_row("字" * 27, 100), 1)
    (next_bracket,) = group_lines(_row("（字", 130), 1)
    (next_plain,) = group_lines(_row("字字", 130), 1)
    assert full_line_count_ok(full, None, 28)
    assert full_line_count_ok(hanging, None, 28)
    assert not full_line_count_ok(overfull, None, 28)
    assert full_line_count_ok(short, next_bracket, 28)
    assert not full_line_count_ok(short, next_plain, 28)


def test_paragraphs_break_at_indents_and_short_lines() -> None:
    rows = [
        _row("字" * 26, 100, x0_mm=28 + 2 * CHAR_MM),  # indented first line
        _row("字" * 28, 129),  # full continuation
        _row("字" * 5, 158),  # short last line
        _row("同志们：", 187),  # flush left after a short line: new paragraph
        _row("字" * 26, 216, x0_mm=28 + 2 * CHAR_MM),
    ]
    lines = group_lines([c for row in rows for c in row], 1)
    assert [len(p) for p in paragraphs(lines, AREA, CHAR_MM)] == [3, 1, 1]


def test_page_number_is_read_below_the_type_area_only() -> None:
    inside = group_lines(_row("—3—", 262 * PT - 10, x0_mm=100), 1)
    assert page_number(inside, AREA) is None
    below = group_lines(_row("—", 770) + _row("12", 770, x0_mm=108) + _row("—", 770, 115), 1)
    assert page_number(below, AREA) == (12, below[0])


def test_font_family_drops_the_subset_tag_only() -> None:
    assert font_family("BAAAAA+NotoSerifCJKjp-Bold") == "NotoSerifCJKjp-Bold"
    assert font_family("UKaiCN") == "UKaiCN"
