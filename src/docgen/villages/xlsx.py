"""Reading and writing .xlsx workbooks (the only module importing openpyxl)."""

from __future__ import annotations

import io
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
            sheets, formulas = _read_cells(handle, path)
            if formulas:
                handle.seek(0)
                _cached_results(handle, sheets, formulas)
    except InputError:
        raise
    except Exception:  # openpyxl reads lazily: a damaged part fails while rows are read
        raise _unreadable(path, "工作簿已损坏，其中有无法读取的部分", _RESAVE) from None
    return sheets


_RESAVE = "请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（*.xlsx）"


def _read_cells(
    handle: BinaryIO, path: Path
) -> tuple[list[RawSheet], dict[str, list[tuple[int, int, str]]]]:
    openpyxl = _openpyxl()

    book = openpyxl.load_workbook(handle, read_only=True, data_only=False)
    sheets: list[RawSheet] = []
    formulas: dict[str, list[tuple[int, int, str]]] = {}
    try:
        for ws in book.worksheets:
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
    return sheets, formulas


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
