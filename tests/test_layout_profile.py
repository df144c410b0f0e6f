"""The layout profile: standard values, their clauses, and the docs that list them."""

from pathlib import Path

from docgen.layout import DEFAULT_PROFILE as P
from docgen.layout import profile_table

DOCS = Path(__file__).resolve().parent.parent / "docs" / "layout.md"


def test_type_area_is_156_by_225_mm() -> None:
    assert (
        round(P.page_width.millimetres - P.margin_left.millimetres - P.margin_right.millimetres, 6)
        == 156
    )
    assert (
        round(P.page_height.millimetres - P.margin_top.millimetres - P.margin_bottom.millimetres, 6)
        == 225
    )


def test_grid_fits_22_lines_and_28_characters() -> None:
    type_height = P.page_height.twips - P.margin_top.twips - P.margin_bottom.twips
    assert (
        P.lines_per_page * P.line_pitch.twips
        <= type_height
        < (P.lines_per_page + 1) * P.line_pitch.twips
    )
    per_char = P.body_size.pt + P.char_spacing.pt
    assert P.chars_per_line * per_char <= P.type_area_width.pt < (P.chars_per_line + 1) * per_char


def test_every_value_names_its_source() -> None:
    clauses = P.clauses()
    assert all(clauses.values()), [k for k, v in clauses.items() if not v]


def test_docs_list_the_profile_as_the_code_has_it() -> None:
    assert profile_table() in DOCS.read_text(encoding="utf-8")
