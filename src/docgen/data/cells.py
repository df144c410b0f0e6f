"""One value of the situation as a workbook cell and back, so that nothing typed is lost.

The schema reads every value from the text a clerk typed, so a cell is turned back into
that text: a number as shown (96.2, not 96.2000000001; 93.5% as 93.5), a date as
2026-11-28, text as typed. Writing does the reverse only where reading gives the same
text again; otherwise the value is written as text (“2.0” stays “2.0”).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from docgen.chinese import format_date
from docgen.data.fields import FieldSpec
from docgen.data.schema import parse_date
from docgen.facts.figures import format_number

_INTEGER = re.compile(r"-?[1-9]\d{0,14}|0")
_DECIMAL = re.compile(r"-?(0|[1-9]\d{0,14})\.\d{1,12}")
_SERIAL = re.compile(r"[1-9]\d{0,14}")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(Exception):
    """A cell that cannot stand for the value asked for; message and hint for the clerk."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


# --- writing -----------------------------------------------------------------------------------


def to_cell(spec: FieldSpec, text: str) -> object:
    """The cell for a value typed as ``text``: a number, a date or the text itself."""
    if spec.kind == "number":
        if _INTEGER.fullmatch(text):
            return int(text)
        if _DECIMAL.fullmatch(text) and number_text(float(text)) == text:
            return float(text)
        return text
    if spec.kind == "serial":
        return int(text) if _SERIAL.fullmatch(text) else text
    if spec.kind == "date":
        try:
            return parse_date(text)
        except ValueError:
            return text
    return text


# --- reading -----------------------------------------------------------------------------------


def number_text(value: float, percent: bool = False) -> str:
    """A stored number as the clerk sees it: shortest form; 0.935 shown as 93.5% is 93.5."""
    if percent:
        return format_number(Decimal(repr(value)) * 100)
    shown = repr(float(value))
    if "e" in shown or "n" in shown:  # 1e-05, inf, nan: say it in plain digits
        return format_number(Decimal(shown))
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


def from_cell(spec: FieldSpec, value: object, percent: bool = False) -> str:
    """The text a cell stands for, read as the field's kind; CellError when it cannot be."""
    if isinstance(value, bool):
        raise CellError("这里是逻辑值（TRUE/FALSE）", "请改填" + _kind_word(spec))
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        if spec.kind == "date":
            return day.isoformat()
        if spec.kind in ("number", "serial"):
            raise CellError(
                "这里应填数字，现在是日期", "请把单元格格式改为“常规”或“数值”后重新填写"
            )
        return format_date(day)
    if isinstance(value, int | float):
        if spec.kind == "date":
            raise _serial_date(float(value))
        if isinstance(value, int) and not percent:
            return str(value)
        shown = number_text(float(value), percent)
        return shown + "%" if percent and spec.kind == "text" else shown
    return str(value)


def _serial_date(serial: float) -> CellError:
    return CellError(*serial_date_words(serial))


def serial_date_words(serial: float) -> tuple[str, str]:
    """Message and hint for a number in a date cell: Excel's serial number of a day (a date
    cell formatted as 常规), or a date typed as digits (20261231). The hint gives the date
    the number stands for, in the form to type instead."""
    shown = number_text(serial)
    typed = _digits_date(serial)
    if typed is not None:
        return (
            f"“{shown}”是数字，不是日期",
            f"请直接写成 {typed.isoformat()}（单元格格式设为“文本”或“日期”）",
        )
    try:
        day = _EXCEL_EPOCH + dt.timedelta(days=int(serial))
    except (OverflowError, ValueError):  # beyond any date: no day to suggest
        return f"“{shown}”是数字，不是日期", "请把单元格格式设为“日期”，按“年-月-日”的形式填写日期"
    return (
        f"“{shown}”是日期序列号，不是日期（按 Excel 的算法是 {day.isoformat()}）",
        f"请把单元格格式设为“日期”，或直接写成 {day.isoformat()}",
    )


def _digits_date(number: float) -> dt.date | None:
    """20261231 → 2026-12-31: a date typed without separators (far beyond any serial)."""
    if not number.is_integer() or not 19000101 <= number <= 29991231:
        return None
    year, rest = divmod(int(number), 10000)
    try:
        return dt.date(year, *divmod(rest, 100))
    except ValueError:
        return None


def _kind_word(spec: FieldSpec) -> str:
    return {"number": "数字", "date": "日期", "serial": "正整数"}.get(spec.kind, "文字")
