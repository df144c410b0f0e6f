"""Reading and writing .xlsx workbooks (the only module importing openpyxl)."""

from __future__ import annotations

import io
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, Problem
from ..imports import import_without
from ..limits import SHEET_ROWS
from .table import RawCell, RawSheet


@dataclass(frozen=True)
class Validation:
    """Data validation on a range: a list to pick from, a date, a number or a whole number."""

    cells: str  # "C2:C1000", or several ranges separated by spaces
    kind: str  # "list", "date", "decimal", "whole", or "any" (only a prompt)
    choices: tuple[str, ...] = ()
    strict: bool = True  # False: a list only suggests; other values are accepted
    title: str = ""  # the input prompt shown when a cell is selected
    prompt: str = ""
    error: str = ""  # shown when a value is refused


@dataclass(frozen=True)
class SheetSpec:
    """A sheet to write: rows of values, the first one a bold, frozen header."""

    name: str
    rows: list[list[object]]
    widths: list[int]
    header: bool = True
    formats: dict[str, str] = field(default_factory=dict)  # column letter or cell → format
    validations: tuple[Validation, ...] = ()


def _openpyxl():
    """openpyxl without numpy: numpy's import took 0.09 s of the 0.2 s openpyxl's import
    costs every batch (bench/batch_speed.py, 1,000 villages: about 4 % of the
    single-process run); docgen gives openpyxl Python values only."""
    return import_without("openpyxl", "numpy")


def read_workbook(path: Path) -> list[RawSheet]:
    """Every sheet's non-empty cells, with openpyxl's read-only mode; formulas without a
    saved result are marked, not guessed (cached results are looked up)."""
    from ..packages import check_package

    check_package(path, ".xlsx 工作簿", _RESAVE)
    try:
        with open(path, "rb") as handle:  # closed here even when openpyxl fails halfway
            sheets, formulas, merged = _read_cells(handle, path)
            if formulas:
                handle.seek(0)
                _cached_results(handle, sheets, formulas)
        for sheet, ranges in zip(sheets, merged, strict=True):
            _fill_merged(sheet, ranges)
    except InputError:
        raise
    except Exception:  # openpyxl reads lazily: a damaged part fails while rows are read
        raise _unreadable(path, "工作簿已损坏，其中有无法读取的部分", _RESAVE) from None
    return sheets


_RESAVE = "请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（*.xlsx）"


#: A merged range: top row, left column, bottom row, right column (1-based).
_Range = tuple[int, int, int, int]


def _read_cells(
    handle: BinaryIO, path: Path
) -> tuple[list[RawSheet], dict[str, list[tuple[int, int, str]]], list[list[_Range]]]:
    openpyxl = _openpyxl()

    book = openpyxl.load_workbook(handle, read_only=True, data_only=False)
    sheets: list[RawSheet] = []
    formulas: dict[str, list[tuple[int, int, str]]] = {}
    merged: list[list[_Range]] = []
    try:
        for ws in book.worksheets:
            merged.append(_merged_ranges(ws))
            sheet = RawSheet(path.name, ws.title)
            for row in ws.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None or (isinstance(value, str) and not value.strip()):
                        continue
                    if cell.row > SHEET_ROWS.value:
                        where = sheet.place(cell.row)
                        message = f"{where}：表格行数太多（{SHEET_ROWS.shown()}）"
                        raise _unreadable(path, message, "请检查是否把别的表格粘贴进来了")
                    percent = "%" in (getattr(cell, "number_format", "") or "")
                    if getattr(cell, "data_type", None) == "f":
                        formulas.setdefault(ws.title, []).append(
                            (cell.row, cell.column, str(value))
                        )
                        sheet.rows.setdefault(cell.row, {})[cell.column] = RawCell(
                            None, str(value), percent
                        )
                        continue
                    sheet.rows.setdefault(cell.row, {})[cell.column] = RawCell(value, None, percent)
            sheets.append(sheet)
    finally:
        book.close()
    return sheets, formulas, merged


#: ``<mergeCell ref="G2:G4"/>`` (with or without a namespace prefix); a "<" in a cell's
#: text is written as "&lt;", so only the sheet's own merge list matches.
_MERGE_CELL = re.compile(
    rb'mergeCell\b[^<>]*?\bref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"'
)
_CHUNK = 1 << 20


def _merged_ranges(ws) -> list[_Range]:
    """The sheet's merged ranges. The read-only worksheet does not give them: they are
    found in the sheet's XML part (after its cells) by a plain search, a chunk at a time,
    not by parsing it again. An openpyxl without that part's opener gives none."""
    opener = getattr(ws, "_get_source", None)
    if opener is None:
        return []
    found: set[tuple[bytes, ...]] = set()
    tail = b""
    with opener() as part:
        while chunk := part.read(_CHUNK):
            data = tail + chunk
            if b"mergeCell" in data:
                found.update(_MERGE_CELL.findall(data))  # a tag cut by a chunk: found next time
            tail = data[-200:]
    ranges = []
    for left, top, right, bottom in found:
        first_row, first_column = int(top), _column_number(left)
        last_row = int(bottom) if bottom else first_row
        last_column = _column_number(right) if right else first_column
        ranges.append(
            (
                min(first_row, last_row),
                min(first_column, last_column),
                max(first_row, last_row),
                max(first_column, last_column),
            )
        )
    return sorted(ranges)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64  # b"A" is 65
    return number


def _fill_merged(sheet: RawSheet, ranges: list[_Range]) -> None:
    """Every empty cell of a merged range takes the range's top-left cell (value, and its
    percent flag): the clerk sees that value in each row of the range and means it for each.
    Only rows holding cells of their own are filled, and only up to the sheet's last column
    used: a range running past the data adds no rows (a whole column merged stays cheap)."""
    if not ranges or not sheet.rows:
        return
    rows = sorted(sheet.rows)  # before filling: rows with cells of their own
    last_column = max(max(cells) for cells in sheet.rows.values())
    for top, left, bottom, right in ranges:
        first = sheet.rows.get(top, {}).get(left)
        if first is None:
            continue
        columns = range(left, min(right, last_column) + 1)
        for row in rows[bisect_left(rows, top) : bisect_right(rows, bottom)]:
            cells = sheet.rows[row]
            for column in columns:
                cells.setdefault(column, first)


def _cached_results(handle: BinaryIO, sheets: list[RawSheet], formulas: dict) -> None:
    """Replace formula cells by the result Excel saved with the file, where there is one."""
    openpyxl = _openpyxl()

    book = openpyxl.load_workbook(handle, read_only=False, data_only=True)
    try:
        for sheet in sheets:
            ws = book[sheet.name]
            for row, column, _ in formulas.get(sheet.name, []):
                cached = ws.cell(row=row, column=column).value
                old = sheet.rows[row][column]
                if cached is not None:
                    sheet.rows[row][column] = RawCell(cached, None, old.percent)
    finally:
        book.close()


def workbook_bytes(sheets: list[SheetSpec]) -> bytes:
    """An .xlsx file with the given sheets, headers bold and frozen, as bytes."""
    import datetime as dt

    openpyxl = _openpyxl()
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    book.remove(book.active)
    fixed = dt.datetime(2026, 1, 1)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "docgen"
    for spec in sheets:
        ws = book.create_sheet(spec.name)
        for row in spec.rows:
            ws.append(row)
        for index, width in enumerate(spec.widths, 1):
            ws.column_dimensions[get_column_letter(index)].width = width
        for row in ws.iter_rows():
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        if spec.header and spec.rows:
            for cell in ws[1]:
                cell.font = Font(bold=True)
            ws.freeze_panes = "A2"
        _formats_and_validations(ws, spec)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _formats_and_validations(ws, spec: SheetSpec) -> None:
    """Number formats (“@” keeps 010 as typed, dates show as dates) and data validation."""
    from openpyxl.worksheet.datavalidation import DataValidation

    for ref, code in spec.formats.items():
        if ref.isalpha():  # a whole column: cells typed later take the column's format
            ws.column_dimensions[ref].number_format = code
            cells = [
                row[0]
                for row in ws.iter_rows(min_row=2, min_col=_column(ref), max_col=_column(ref))
            ]
        else:
            cells = [ws[ref]]
        for cell in cells:
            if not cell.is_date:
                cell.number_format = code
    for rule in spec.validations:
        check = DataValidation(type=None if rule.kind == "any" else rule.kind, allow_blank=True)
        if rule.kind == "any":  # no rule: only the input prompt
            pass
        elif rule.kind == "list":
            check.formula1 = '"' + ",".join(rule.choices) + '"'
        else:
            low, high = {"date": ("1", "2958465"), "whole": ("1", "999999")}.get(
                rule.kind, ("-1000000000000", "1000000000000")
            )
            check.operator, check.formula1, check.formula2 = "between", low, high
        check.showErrorMessage = rule.strict
        check.errorTitle, check.error = "填写有误", rule.error or None
        if rule.prompt:
            check.showInputMessage = True
            check.promptTitle, check.prompt = rule.title[:32] or None, rule.prompt[:255]
        for cells in rule.cells.split():
            check.add(cells)
        ws.add_data_validation(check)


def _column(letters: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letters)


def _unreadable(path: Path, message: str, hint: str) -> InputError:
    return InputError(f"无法读取工作簿：{path.name}", [Problem(path.name, message, hint=hint)])
