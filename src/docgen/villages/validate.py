"""Village table cells → villages with their figures and problems, every slip located by cell."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from ..chinese import format_date
from ..data.cells import serial_date_words
from ..data.schema import Indicator, Issue, parse_date, parse_number, parse_text
from ..data.villages import Village, VillageTable
from ..errors import InputError, Problem
from ..facts.figures import format_number
from .columns import (
    DATE_COLUMNS,
    IGNORED,
    NAME_HEADERS,
    NOTES_SHEET,
    PROBLEM_ALIASES,
    PROBLEM_COLUMNS,
    PROBLEM_SHEET,
    REQUIRED_PROBLEM_COLUMNS,
    VILLAGE_SHEET,
    header_text,
    indicator_header,
)
from .table import RawCell, RawSheet

#: A name has at least one letter (a Chinese character counts): "…" or ".." is no name.
NAMEISH = re.compile(r"[^\W\d_]")
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")


class _CellError(Exception):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


class Sheets(NamedTuple):
    """A table's village sheet and its problem sheet (if it has one), as read."""

    villages: RawSheet
    problems: RawSheet | None
    unknown: tuple[str, ...] = ()  # other sheets holding data, named as in the workbook


def load_villages(
    path: Path,
    indicators: list[Indicator] | tuple[Indicator, ...],
    sheets: Sheets | None = None,
) -> VillageTable:
    """Read and validate a village table; unreadable files and bad headers raise InputError.
    ``sheets``: what ``read_sheets(path)`` gave, where the file was read already."""
    path = Path(path)
    villages_sheet, problems_sheet, unknown = sheets or read_sheets(path)
    return validate(villages_sheet, problems_sheet, path, indicators, unknown)


def read_sheets(path: Path) -> Sheets:
    """The cells of a village table's two sheets (.xlsx), or of its .csv files."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from .xlsx import read_workbook

        sheets = read_workbook(path)
        village, problems = _village_sheet(path, sheets), _problem_sheet_of(sheets)
        unknown = tuple(
            s.name or ""
            for s in sheets
            if s.rows and s is not village and s is not problems and _named(s) != NOTES_SHEET
        )
        return Sheets(village, problems, unknown)
    if suffix == ".csv":
        from .csvfile import problems_file, read_csv

        extra = problems_file(path)
        return Sheets(read_csv(path), read_csv(extra) if extra.exists() else None)
    raise InputError(
        f"无法读取村情表：{path.name}",
        [
            Problem(
                path.name,
                f"不支持的文件类型“{path.suffix or '无扩展名'}”",
                hint="村情表请用 Excel 工作簿（.xlsx）或逗号分隔的 .csv 文件",
            )
        ],
    )


def _named(sheet: RawSheet) -> str:
    """A sheet's name without spaces: “问题 ” (a space typed after it) is 问题."""
    return "".join((sheet.name or "").split())


def _problem_sheet_of(sheets: list[RawSheet]) -> RawSheet | None:
    return next((s for s in sheets if _named(s) == PROBLEM_SHEET), None)


def _village_sheet(path: Path, sheets: list[RawSheet]) -> RawSheet:
    """The sheet named 村情, else the first that is not the problem or notes sheet."""
    candidates = [s for s in sheets if _named(s) not in (PROBLEM_SHEET, NOTES_SHEET)]
    village = next((s for s in sheets if _named(s) == VILLAGE_SHEET), None) or (
        candidates[0] if candidates else None
    )
    if village is None:
        raise InputError(
            f"村情表有误：{path.name}",
            [
                Problem(
                    path.name,
                    "工作簿中没有村情工作表",
                    hint=f"第一个工作表（建议命名为“{VILLAGE_SHEET}”）"
                    "每行填一个村；可用 docgen new 村情表 生成空白表",
                )
            ],
        )
    return village


def validate(
    sheet: RawSheet,
    problem_sheet: RawSheet | None,
    path: Path,
    indicators: list[Indicator] | tuple[Indicator, ...],
    unknown: tuple[str, ...] = (),
) -> VillageTable:
    """Every village of ``sheet`` with its figures and the problems ``problem_sheet`` lists;
    ``unknown``: the workbook's other sheets that hold data (each one an error: what a clerk
    wrote there would be left out without a word)."""
    found: list[tuple[str | None, Problem]] = [
        (None, _unknown_sheet(path, name, problem_sheet is not None)) for name in unknown
    ]
    by_name = {ind.name: ind for ind in indicators}
    name_column, columns = _village_header(sheet, by_name, found)
    if name_column is None:
        raise InputError(f"村情表有误：{path.name}", [p for _, p in found])
    headers = {column: header_text(sheet.rows[1][column].value) for column in columns}
    rows: dict[str, int] = {}
    villages: list[tuple[str, int, dict[str, Decimal]]] = []
    for row_number in sorted(r for r in sheet.rows if r > 1):
        cells = sheet.rows[row_number]
        name_cell = cells.get(name_column)
        if name_cell is None:
            found.append(
                (
                    None,
                    Problem(
                        sheet.place(row_number, name_column, "村"),
                        "这一行填了数据，但村名是空的",
                        hint="请填写村名，或删除这一行",
                    ),
                )
            )
            continue
        try:
            name = _name(name_cell)
        except _CellError as exc:
            found.append(
                (
                    None,
                    Problem(sheet.place(row_number, name_column, "村"), exc.message, hint=exc.hint),
                )
            )
            continue
        if not NAMEISH.search(name):  # ".", "..", "--": no name, and a name found everywhere
            where = sheet.place(row_number, name_column, "村")
            hint = "请填写村（社区）的名称，如“东坪村”"
            found.append((None, Problem(where, f"“{name}”不是村名：没有一个字", hint=hint)))
            continue
        if name in rows:
            found.append(
                (
                    name,
                    Problem(
                        sheet.place(row_number, name_column, "村"),
                        f"村名“{name}”与第{rows[name]}行重复",
                        hint="每个村只占一行；同名的村请加上区别，如所属片区",
                    ),
                )
            )
            continue
        rows[name] = row_number
        values: dict[str, Decimal] = {}
        for column, indicator in columns.items():
            cell = cells.get(column)
            try:
                if cell is None:
                    raise _CellError("没有填写", f"请填写{name}的{indicator.name}（只填数字）")
                value = _number(cell, indicator.unit or "")
                wrong = indicator.out_of_range(value)
                if wrong:
                    raise _CellError(wrong, "")
                values[indicator.name] = value
            except _CellError as exc:  # located only now: most cells have nothing to report
                where = sheet.place(row_number, column, headers[column])
                found.append((name, Problem(where, exc.message, hint=exc.hint)))
        villages.append((name, row_number, values))
    issues: dict[str, list[Issue]] = {}
    if problem_sheet is not None:
        issues = _problems(problem_sheet, rows, by_name, found)
    header_problems = [p for name, p in found if name is None and "表头" in p.where]
    if header_problems or unknown:
        raise InputError(f"村情表有误：{path.name}", [p for _, p in found])
    valid = tuple(
        Village(name, row, values, tuple(issues.get(name, ()))) for name, row, values in villages
    )
    bad = {name for name, _ in found if name is not None}
    return VillageTable(
        path, tuple(v for v in valid if v.name not in bad), tuple(found), tuple(rows)
    )


def _unknown_sheet(path: Path, name: str, has_problems: bool) -> Problem:
    if has_problems:
        hint = (
            f"村情表只读“{VILLAGE_SHEET}”“{PROBLEM_SHEET}”两张工作表（“{NOTES_SHEET}”表可写备注），"
            "这张表的内容不会被读取：问题请移到“问题”表中；不用的工作表请删除"
        )
    else:
        hint = f"各村的问题要写在名为“{PROBLEM_SHEET}”的工作表中，请改名；不用的工作表请删除"
    return Problem(path.name, f"工作表“{name}”不认识", hint=hint)


def _village_header(
    sheet: RawSheet, indicators: dict[str, Indicator], found: list
) -> tuple[int | None, dict[int, Indicator]]:
    header = sheet.rows.get(1, {})
    where = f"{sheet.place(1)}（表头）"
    name_column = None
    columns: dict[int, Indicator] = {}
    allowed = "、".join(indicators) or "（情况文件中没有【指标】）"
    for column, cell in sorted(header.items()):
        text = header_text(cell.value)
        if text in NAME_HEADERS and name_column is None:
            name_column = column
        elif text in IGNORED:
            continue
        elif indicator_header(text) in indicators:
            indicator = indicators[indicator_header(text)]
            if indicator in columns.values():
                found.append(
                    (
                        None,
                        Problem(
                            f"{sheet.place(1, column)}（表头）",
                            f"指标“{indicator.name}”的列重复",
                            hint="删去多余的一列",
                        ),
                    )
                )
            columns[column] = indicator
        else:
            found.append(
                (
                    None,
                    Problem(
                        f"{sheet.place(1, column)}（表头）",
                        f"不认识的列“{text}”",
                        hint=f"村情表的列是“村”和情况文件【指标】中的指标名称：{allowed}",
                    ),
                )
            )
    if name_column is None:
        found.append(
            (
                None,
                Problem(
                    where,
                    "缺少村名列（表头为“村”）",
                    hint="第1行是表头：第一列写“村”，其后每列一个指标名称；"
                    "可用 docgen new 村情表 生成空白表",
                ),
            )
        )
    return name_column, columns


def _problems(
    sheet: RawSheet, villages: dict[str, int], indicators: dict[str, Indicator], found: list
) -> dict[str, list[Issue]]:
    columns: dict[int, str] = {}
    for column, cell in sorted(sheet.rows.get(1, {}).items()):
        text = header_text(cell.value)
        name = PROBLEM_ALIASES.get(text, text)
        if name in IGNORED:
            continue
        if name not in PROBLEM_COLUMNS:
            found.append(
                (
                    None,
                    Problem(
                        f"{sheet.place(1, column)}（表头）",
                        f"不认识的列“{text}”",
                        hint=f"问题表的列可用：{'、'.join(PROBLEM_COLUMNS)}",
                    ),
                )
            )
            continue
        if name in columns.values():  # typed twice, or a header cell merged across columns
            found.append(
                (
                    None,
                    Problem(
                        f"{sheet.place(1, column)}（表头）",
                        f"“{name}”列重复",
                        hint="删去多余的一列；表头的单元格不要合并",
                    ),
                )
            )
            continue
        columns[column] = name
    missing = [c for c in REQUIRED_PROBLEM_COLUMNS if c not in columns.values()]
    if missing:
        found.append(
            (
                None,
                Problem(
                    f"{sheet.place(1)}（表头）",
                    f"问题表缺少必填的列：{'、'.join(missing)}",
                    hint="可用 docgen new 村情表 生成带表头的空白表",
                ),
            )
        )
        return {}
    village_column = next(c for c, n in columns.items() if n == "村")
    out: dict[str, list[Issue]] = {}
    for row_number in sorted(r for r in sheet.rows if r > 1):
        cells = sheet.rows[row_number]
        village = cells.get(village_column)
        try:  # the village cell: every slip in it is reported at that cell
            name = _name(village) if village is not None else None
            if name is None:
                raise _CellError("没有填写这个问题属于哪个村", "请填写村名")
            if name not in villages:
                raise _CellError(
                    f"村情表中没有“{name}”",
                    "村名要与村情工作表中的写法完全一致；新的村请先在村情表中加一行",
                )
        except _CellError as exc:
            where = sheet.place(row_number, village_column, "村")
            found.append((None, Problem(where, exc.message, hint=exc.hint)))
            continue
        data: dict[str, object] = {}
        ok = True
        for column, header in columns.items():
            cell = cells.get(column)
            try:
                if cell is None:
                    if header in REQUIRED_PROBLEM_COLUMNS:
                        raise _CellError("没有填写", f"“{header}”是必填项")
                    continue
                value: object = _date(cell) if header in DATE_COLUMNS else _text(cell)
                if header == "指标" and value not in indicators:
                    raise _CellError(
                        f"情况文件【指标】中没有“{value}”", f"可填：{'、'.join(indicators)}"
                    )
            except _CellError as exc:  # located only now: most cells have nothing to report
                where = sheet.place(row_number, column, header)
                found.append((name, Problem(where, exc.message, hint=exc.hint)))
                ok = False
                continue
            data[PROBLEM_COLUMNS[header]] = value
        if not ok:
            continue
        try:
            issue = Issue.model_validate(data)
        except ValueError as exc:  # pydantic's ValidationError (pydantic is imported in schema.py)
            if not hasattr(exc, "errors"):
                raise
            columns_of = {PROBLEM_COLUMNS[header]: column for column, header in columns.items()}
            for err in exc.errors():
                found.append((name, _model_problem(sheet, row_number, columns_of, columns, err)))
            continue
        out.setdefault(name, []).append(issue)
    return out


def _model_problem(
    sheet: RawSheet, row: int, columns_of: dict[str, int], headers: dict[int, str], err: dict
) -> Problem:
    """One error of the model (a text too long, an invisible character) at its cell, in
    Chinese: pydantic's own words are English and name no cell."""
    loc = err.get("loc") or ()
    column = columns_of.get(loc[0]) if loc else None
    where = sheet.place(row) if column is None else sheet.place(row, column, headers[column])
    if err.get("type") == "docgen":  # schema.py's validators speak Chinese already
        return Problem(where, str(err.get("msg", "")))
    return Problem(where, "填写有误，无法读取", hint="请检查这一格的内容，或删去后重新输入")


# --- cells ------------------------------------------------------------------------------


def _formula(cell: RawCell) -> None:
    if cell.formula is not None:
        raise _CellError(
            f"是公式（{cell.formula}），但文件里没有保存计算结果",
            "请在 Excel 或 WPS 中打开这个文件并保存一次（让公式算出结果），或把公式换成数值",
        )


def _name(cell: RawCell) -> str:
    """A village's name: text, as any text of the data is checked (length, invisible
    characters), before it is looked up or printed in a message."""
    name = _text(cell)
    try:
        return parse_text(name)
    except ValueError as exc:  # schema.py's message, in Chinese
        raise _CellError(str(exc)) from None


def _text(cell: RawCell) -> str:
    value = cell.value
    if value.__class__ is str:  # the usual cell, first (a county's table has tens of thousands)
        text = " ".join(value.split())
        if text:
            return text
        raise _CellError("没有填写")
    _formula(cell)
    if isinstance(value, bool):
        raise _CellError("这里应填文字，现在是逻辑值（TRUE/FALSE）")
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return format_date(day)
    if isinstance(value, float):
        return format_number(Decimal(repr(value)))
    text = " ".join(str(value).split())
    if not text:
        raise _CellError("没有填写")
    return text


def _number(cell: RawCell, unit: str) -> Decimal:
    _formula(cell)
    value = cell.value
    if isinstance(value, bool):
        raise _CellError("这里应填数字，现在是逻辑值（TRUE/FALSE）")
    if isinstance(value, dt.datetime | dt.date):
        raise _CellError("这里应填数字，现在是日期", "请把单元格格式改为“常规”或“数值”后重新填写")
    if isinstance(value, int | float):
        if not cell.percent:  # as typed: 96 or 96.2 (a float's shortest form, 96.0 → 96)
            if isinstance(value, int) or not value:
                return Decimal(value) if value else Decimal(0)  # -0.0 → 0
            shown = repr(value)
            if "e" not in shown and "n" not in shown:  # not 1e-05, inf or nan
                return Decimal(shown.rstrip("0").rstrip("."))
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if cell.percent:  # 93.5% is stored as 0.935
            number *= 100
        return Decimal(format_number(number))
    text = str(value).strip()
    if unit in ("%", "％") and text.endswith(("%", "％")):
        text = text[:-1].strip()
    try:
        return parse_number(text)
    except ValueError as exc:  # says what is wrong with the number already (schema.py)
        raise _CellError(
            str(exc), "数值列只填数字（如 93.5），单位写在表头或情况文件的【指标】里"
        ) from None


def _date(cell: RawCell) -> dt.date:
    _formula(cell)
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if (isinstance(value, int | float) and not isinstance(value, bool)) or (
        isinstance(value, str) and _SERIAL.fullmatch(value.strip())
    ):
        raise _CellError(*serial_date_words(float(value)))  # type: ignore[arg-type]
    try:
        return parse_date(str(value))
    except ValueError as exc:
        raise _CellError(str(exc)) from None
