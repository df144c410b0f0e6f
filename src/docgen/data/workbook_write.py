"""Write the situation workbook (情况表.xlsx): blank for a new campaign, or filled from values.

Sheets, headers, notes, number formats and data validation all come from the schema's
field tree (data/fields.py) by way of data/sheets.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.data.cells import to_cell
from docgen.data.fields import FieldSpec, Shape, note
from docgen.data.sheets import (
    INFO_HEADERS,
    INFO_SHEET,
    LABEL_JOIN,
    NOTES_SHEET,
    Column,
    Layout,
    Table,
    layout,
)
from docgen.data.yamlread import PathKey, field_name
from docgen.errors import Problem
from docgen.villages.table import column_letter
from docgen.villages.xlsx import SheetSpec, Validation, workbook_bytes

#: Rows that get the formats and validation, for the clerk's additions: at least this many,
#: and as many again below the data.
VALIDATED_ROWS = 1000
_FORMATS = {"text": "@", "choice": "@", "date": "yyyy-mm-dd"}
_ERRORS = {
    "date": "请填一个日期，如 2026-11-28",
    "decimal": "这里只填数字，如 93.5（不带单位和百分号）",
    "whole": "这里只填正整数，如 58",
}
_NUMBER_CHECK = {"date": "date", "number": "decimal", "serial": "whole"}


@dataclass
class _Sheet:
    """Rows, formats and validations of one sheet as they are collected."""

    rows: list[list[object]]
    formats: dict[str, str] = field(default_factory=dict)
    validations: list[Validation] = field(default_factory=list)


def situation_workbook(
    value: dict | None = None, sections: tuple[str, ...] | None = None, name: str = ""
) -> tuple[bytes, list[Problem]]:
    """The workbook's bytes and the values it cannot hold (then the bytes are not to be used).

    ``value`` holds the texts as typed (what the readers give); None writes a blank workbook.
    """
    shape = layout(sections)
    problems: list[Problem] = []
    sheets = [_info_sheet(shape, value or {})]
    for table in shape.tables:
        sheets.append(_table_sheet(table, shape, value or {}, problems, name))
    sheets.append(_notes_sheet(shape))
    return workbook_bytes(sheets), problems


# --- 基本情况 -----------------------------------------------------------------------------------


def _info_sheet(shape: Layout, value: dict) -> SheetSpec:
    sheet = _Sheet([list(INFO_HEADERS)])
    checks: dict[tuple, list[str]] = {}
    for spec in shape.rows:
        for label, text in _info_rows(spec, _get(value, spec.path)):
            sheet.rows.append([label, None if text is None else to_cell(spec, text), note(spec)])
            ref = f"B{len(sheet.rows)}"
            if spec.kind in _FORMATS:
                sheet.formats[ref] = _FORMATS[spec.kind]
            key = _check_key(spec)
            if key is not None:
                checks.setdefault(key, []).append(ref)
    for (kind, choices, strict), refs in checks.items():
        rule = Validation(" ".join(refs), kind, choices, strict, error=_error(kind, choices))
        sheet.validations.append(rule)
    return SheetSpec(
        INFO_SHEET,
        sheet.rows,
        [30, 60, 70],
        formats=sheet.formats,
        validations=tuple(sheet.validations),
    )


def _info_rows(spec: FieldSpec, value: object):
    """(label, text) for each row of a field: one per item of a list, one per named entry."""
    if spec.shape is Shape.VALUES:
        items = [item for item in value or [] if item is not None]
        for item in items or [None]:
            yield spec.label, item
    elif spec.shape is Shape.MAPPING:
        entries = value.items() if isinstance(value, dict) else []
        for key, item in entries or [("（名称）", None)]:
            yield f"{spec.label}{LABEL_JOIN}{key}", item
    else:
        yield spec.label, value


# --- record sheets ------------------------------------------------------------------------------


def _table_sheet(
    table: Table, shape: Layout, value: dict, problems: list[Problem], name: str
) -> SheetSpec:
    sheet = _Sheet([table.headers])
    for link, path, item in _records(table, value):
        row: list[object] = [link] if table.parent else []
        for column in table.columns:
            row.append(_record_cell(column.spec, _get(item, column.path), path, problems, name))
        sheet.rows.append(row)
    last = max(VALIDATED_ROWS, 2 * len(sheet.rows))
    offset = 1 if table.parent else 0
    for index, column in enumerate(table.columns, 1 + offset):
        _column_rules(sheet, column_letter(index), column, last, _column_note(column, shape))
    if table.parent:
        sheet.validations.append(
            Validation(
                f"A2:A{last}",
                "whole",
                (),
                True,
                table.link_header,
                _link_note(table),
                "请填“" + table.parent.sheet + "”表中第几条记录（正整数）",
            )
        )
    widths = [14] * offset + [
        _width(column, sheet.rows, index) for index, column in enumerate(table.columns, offset)
    ]
    return SheetSpec(
        table.sheet, sheet.rows, widths, formats=sheet.formats, validations=tuple(sheet.validations)
    )


def _column_note(column: Column, shape: Layout) -> str:
    """The field's note; a one-value form says where its list form goes."""
    if column.spec.short is None:
        return note(column.spec)
    listed = next(t.sheet for t in shape.tables if t.spec == column.spec)
    return note(column.spec) + f"。按日期分条写时，这一格空着，每条写在“{listed}”表中"


def _column_rules(sheet: _Sheet, letter: str, column: Column, last: int, prompt: str) -> None:
    """The column's number format and its validation, with the field's note as the prompt."""
    spec = column.spec
    if spec.shape is Shape.VALUES:
        sheet.formats[letter] = "@"
    elif spec.kind in _FORMATS:
        sheet.formats[letter] = _FORMATS[spec.kind]
    if spec.shape is Shape.VALUES:
        prompt += "。每条一行：单元格内换行按 Alt+Enter"
    check, choices, strict = _check_key(spec) or ("any", (), False)
    sheet.validations.append(
        Validation(
            f"{letter}2:{letter}{last}",
            check,
            choices,
            strict,
            column.header,
            prompt,
            _error(check, choices),
        )
    )


def _records(table: Table, value: dict):
    """(number of the owning record in its sheet, or None; data path; record) per record."""
    if table.parent is None:
        items = _get(value, table.spec.path)
        for index, item in enumerate(items if isinstance(items, list) else []):
            yield None, (*table.spec.path, index), item
        return
    for number, (_, parent_path, parent_item) in enumerate(_records(table.parent, value), 1):
        items = _get(parent_item, table.within_parent())
        for index, item in enumerate(items if isinstance(items, list) else []):
            yield number, (*parent_path, *table.within_parent(), index), item


def _record_cell(
    spec: FieldSpec, value: object, path: PathKey, problems: list[Problem], name: str
) -> object:
    if value is None or (spec.short is not None and isinstance(value, list)):
        return None  # a list written as dated entries goes to its own sheet
    if spec.shape is not Shape.VALUES:
        return to_cell(spec, str(value))
    items = [str(item) for item in value if item is not None]
    for number, item in enumerate(items):
        if "\n" in item:
            problems.append(
                Problem(
                    name,
                    "这一条含有换行：工作表的单元格里每行是一条，换行会把它拆成几条",
                    field_name((*path, *spec.path[-1:], number)),
                    "请把这一条改成一行（或拆成几条）后再转换",
                )
            )
    return "\n".join(items) if items else None


def _width(column: Column, rows: list[list[object]], index: int) -> int:
    """Wide enough for the header and most values; long texts wrap."""
    longest = max([len(str(r[index])) for r in rows[1:] if r[index] is not None] or [0])
    return max(10, min(60, 2 * max(len(column.header), min(longest, 30)) + 2))


def _link_note(table: Table) -> str:
    assert table.parent is not None
    return f"这一行属于“{table.parent.sheet}”表中的第几条记录（从上往下数，第一条是1）"


# --- 说明 -----------------------------------------------------------------------------------------


_USAGE = [
    [
        "用途",
        "一次工作的全部情况填在这个工作簿里，docgen 据此生成讲话稿、通知、实施方案、自查报告、"
        "通报和纪要。与情况文件（.yaml）作用相同，可用 docgen convert 互相转换。",
    ],
    [
        f"“{INFO_SHEET}”表",
        "每行一项，在“内容”列填写；“说明”列写着这一项是什么、怎么填、哪些文种必填。"
        "同一个项目有多条时（如成绩），插入一行、项目名称照抄，每行填一条。不需要的项目空着即可。",
    ],
    [
        "其他各表",
        "每行一条记录（一个指标、一个问题……），每列一项；表头不要改动。"
        "选中单元格可以看到这一列的说明；有下拉箭头的列只能从中选择。",
    ],
    ["数字", "只填数字，如 93.5；单位写在“单位”列。显示为 93.5% 的百分比格式也可以。"],
    ["日期", "填日期，如 2026-11-28；单元格格式为“日期”或“文本”都可以，不要是数字。"],
    ["一格多条", "“措施”这样的列一格填多条，每条一行：单元格内换行按 Alt+Enter（WPS 相同）。"],
    ["检查", "填好后运行 docgen render all 情况表.xlsx；有错时会指出是哪张表、第几行、哪一列。"],
]


def _notes_sheet(shape: Layout) -> SheetSpec:
    rows: list[list[object]] = [["项目", "说明"], *_USAGE]
    for table in shape.tables:
        if table.parent:
            rows.append([f"“{table.sheet}”表 {table.link_header}", _link_note(table)])
        for column in table.columns:
            rows.append([f"“{table.sheet}”表 {column.header}", _column_note(column, shape)])
    return SheetSpec(NOTES_SHEET, rows, [30, 100])


# --- shared --------------------------------------------------------------------------------------


def _check_key(spec: FieldSpec) -> tuple[str, tuple[str, ...], bool] | None:
    """(validation kind, choices, refuse others) for a field, or None when it takes any text."""
    if spec.choices:
        return "list", spec.choices, True
    if spec.suggestions:
        return "list", spec.suggestions, False
    if spec.single and spec.kind in _NUMBER_CHECK:
        return _NUMBER_CHECK[spec.kind], (), True
    return None


def _error(kind: str, choices: tuple[str, ...]) -> str:
    if kind == "list":
        return "只能填：" + "、".join(choices)
    return _ERRORS.get(kind, "")


def _get(value: object, path: tuple[str, ...]) -> object:
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value
