"""Property tests: whatever a clerk's file holds, docgen answers with a message, not a crash.

Hypothesis mutates the bundled situation file and village workbook and writes arbitrary
Unicode (lone surrogates and control characters included); the example counts are in the
settings of each test.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from docgen.check import check_text
from docgen.check.units import from_lines
from docgen.data.load import load_situation
from docgen.errors import DocgenError
from docgen.parse import parse_markdown
from docgen.pipeline import build_document
from docgen.resources import builtin_dir
from docgen.villages import load_villages
from docgen.villages.xlsx import SheetSpec, read_workbook, workbook_bytes

EXAMPLES = builtin_dir("examples")
LINES = (EXAMPLES / "population.yaml").read_text(encoding="utf-8").splitlines()
#: Every character, the ones no text should hold included.
ANY_TEXT = st.text(st.characters(blacklist_categories=()), max_size=40)
NASTY = st.sampled_from(
    ["", ":", ": ", "- ", "&a", "*a", "\t", "  ", "'", '"', "{", "[", "#", "%", "9" * 30, "—"]
)
SLOW = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


@st.composite
def mutated_situation(draw: st.DrawFn) -> str:
    """The example situation file with a few lines deleted, doubled, cut or written over."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "double", "cut", "insert", "replace"]))
        if action == "delete":
            del lines[at]
        elif action == "double":
            lines.insert(at, lines[at])
        elif action == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        elif action == "insert":
            where = draw(st.integers(0, len(lines[at])))
            piece = draw(st.one_of(NASTY, ANY_TEXT))
            lines[at] = lines[at][:where] + piece + lines[at][where:]
        else:
            lines[at] = draw(st.one_of(NASTY, ANY_TEXT))
        if not lines:
            lines = [""]
    return "\n".join(lines) + "\n"


@settings(max_examples=150, **SLOW)
@given(text=mutated_situation())
def test_a_mutated_situation_file_loads_or_gives_a_message(tmp_path_factory, text: str) -> None:
    folder = tmp_path_factory.mktemp("mutated")
    path = folder / "情况.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    (folder / "offices").symlink_to(EXAMPLES / "offices")
    for kind in ("speech", "notice"):
        try:
            load_situation(path, kind=kind)
            build_document(kind, path)
        except DocgenError as exc:
            assert exc.format_message().strip()


VALUE = st.one_of(
    st.none(),
    ANY_TEXT.filter(lambda s: "\x00" not in s),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
)


@pytest.fixture(scope="module")
def example_sheets() -> list[list[list[object]]]:
    """The cells of the example village workbook, as rows of values."""
    sheets = []
    for sheet in read_workbook(EXAMPLES / "villages.xlsx"):
        width = max((max(row) for row in sheet.rows.values() if row), default=1)
        rows = [
            [sheet.rows.get(r, {}).get(c).value if c in sheet.rows.get(r, {}) else None
             for c in range(1, width + 1)]
            for r in range(1, max(sheet.rows) + 1)
        ]  # fmt: skip
        sheets.append(rows)
    return sheets


@settings(max_examples=80, **SLOW)
@given(data=st.data())
def test_a_mutated_village_workbook_loads_or_gives_a_message(
    tmp_path_factory, example_sheets: list[list[list[object]]], data: st.DataObject
) -> None:
    sheets = [[list(row) for row in rows] for rows in example_sheets]
    for _ in range(data.draw(st.integers(1, 6))):
        rows = sheets[data.draw(st.integers(0, len(sheets) - 1))]
        row = rows[data.draw(st.integers(0, len(rows) - 1))]
        value = data.draw(VALUE)
        if isinstance(value, float) and not math.isfinite(value):
            value = str(value)  # a workbook cannot store them: a clerk would type the word
        row[data.draw(st.integers(0, len(row) - 1))] = value
    names = ["村情", "问题", "说明"][: len(sheets)]
    specs = [SheetSpec(n, rows, [10] * len(rows[0])) for n, rows in zip(names, sheets, strict=True)]
    path = tmp_path_factory.mktemp("book") / "村情表.xlsx"
    try:
        path.write_bytes(workbook_bytes(specs))
    except (ValueError, IllegalCharacterError):  # openpyxl will not write these: Excel can't
        return
    indicators = load_situation(EXAMPLES / "population.yaml").situation.indicators or ()
    try:
        load_villages(path, indicators)
    except DocgenError as exc:
        assert exc.format_message().strip()


@settings(max_examples=300, **SLOW)
@given(text=ANY_TEXT | st.lists(ANY_TEXT, max_size=5).map("\n".join))
def test_the_checker_takes_any_text_and_points_inside_it(text: str) -> None:
    lines = from_lines(text)
    for finding in check_text(text):
        line = lines[finding.unit].text
        assert 0 <= finding.start < finding.end <= len(line)
        assert line[finding.start : finding.end] == finding.text


@settings(max_examples=200, **SLOW)
@given(text=ANY_TEXT, more=ANY_TEXT)
def test_the_parser_takes_any_text_and_refuses_what_word_cannot_store(text: str, more: str) -> None:
    markdown = f"# 标题\n\n{text}\n\n## {more}\n"
    result = parse_markdown(markdown, "模板")
    from docgen.model import UNSTORABLE, printed_texts

    printed = "".join(printed_texts(result.document))
    assert not UNSTORABLE.search(printed)
    if UNSTORABLE.search(text + more):
        assert any("无法保存" in p.message for p in result.problems)


def test_the_example_files_are_where_the_properties_expect_them() -> None:
    assert len(LINES) > 50 and Path(EXAMPLES / "villages.xlsx").is_file()
