"""Read the situation workbook (情况表.xlsx) into the same values and marks as a YAML file.

The loader validates what this gives exactly as it validates a YAML file, so a workbook
gets the same model and the same messages; its marks are CellMarks, so every problem
names the sheet, row and column (“情况表.xlsx “指标”表 第3行 C列（本镇）”).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docgen.data.cells import CellError, from_cell
from docgen.data.cross_field import closest
from docgen.data.fields import FieldSpec, Shape
from docgen.data.sheets import (
    INFO_HEADERS,
    INFO_SHEET,
    NOTES_SHEET,
    Layout,
    Table,
    label_key,
    layout,
)
from docgen.data.yamlread import Marks, PathKey
from docgen.errors import CellMark, InputError, Problem
from docgen.villages.table import RawCell, RawSheet, column_letter

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class WorkbookRead:
    """The values as typed (texts), where each was written, and the cells that could not be read."""

    value: dict
    marks: Marks
    problems: list[Problem] = field(default_factory=list)


def read_situation_workbook(path: Path) -> WorkbookRead:
    """Read every sheet; an unreadable file raises InputError, everything else is collected."""
    from docgen.villages.xlsx import read_workbook

    path = Path(path)
    summary = f"无法读取情况表：{path.name}"
    if not path.is_file():
        hint = "请检查文件名和所在文件夹是否写对"
        raise InputError(summary, [Problem(path.name, "找不到这个文件", hint=hint)])
    try:
        sheets = read_workbook(path)
    except InputError as exc:  # the village reader's words name the village table
        raise InputError(summary, exc.problems) from None
    reading = _Reading(path.name, layout())
    for sheet in sheets:
        reading.sheet(sheet)
    return reading.result()


class _Reading:
    """Values, marks and problems of one workbook as its sheets are read."""

    def __init__(self, file_name: str, shape: Layout) -> None:
        self.file, self.layout = file_name, shape
        self.value: dict = {}
        self.marks: Marks = {}
        self.blanks: Marks = {}  # cells left empty: where a missing value is to be filled
        self.problems: list[Problem] = []
        self.records: dict[str, list[PathKey]] = {}  # sheet → data path of each record
        self.both: set[PathKey] = set()  # one value and dated entries: already reported

    def result(self) -> WorkbookRead:
        for path, mark in self.blanks.items():
            self.marks.setdefault(path, mark)
        return WorkbookRead(self.value, self.marks, self.problems)

    def sheet(self, sheet: RawSheet) -> None:
        name = sheet.name or ""
        if name == NOTES_SHEET:
            return
        if name == INFO_SHEET:
            self.info(sheet)
            return
        table = self.layout.table(name)
        if table is not None:
            self.table(table, sheet)
        elif sheet.rows:
            guess = closest(name, self.layout.sheet_names)
            self.problems.append(
                Problem(
                    f"{self.file} “{name}”表",
                    f"不认识的工作表“{name}”" + (f"，是不是“{guess}”？" if guess else ""),
                    hint=f"情况表的工作表有：{'、'.join(self.layout.sheet_names)}；"
                    "自己加的表请删除或改名，备注可以写在“说明”表里",
                )
            )

    # --- 基本情况 -------------------------------------------------------------------------------

    def info(self, sheet: RawSheet) -> None:
        columns = self.header_columns(sheet, INFO_HEADERS[:2])
        if columns is None:
            return
        labels = {label_key(spec.label): spec for spec in self.layout.rows}
        for row in sorted(r for r in sheet.rows if r > 1):
            cells = sheet.rows[row]
            label, content = (cells.get(column) for column in columns)
            self.info_row(sheet, row, label, content, columns, labels)

    def info_row(self, sheet: RawSheet, row: int, label, content, columns, labels) -> None:
        """One 基本情况 row: its label names the field, its 内容 cell holds the value."""
        label_column, content_column = columns
        if label is None:
            if content is not None:
                hint = "请在“项目”列写上这是哪一项（照抄上面同一项目的名称）"
                self.problem(sheet, row, content_column, "", "这一行填了内容，但“项目”是空的", hint)
            return
        spec, key = self.info_field(label_key(label.value), labels)
        if spec is None:
            if content is not None:  # a row of the clerk's own notes, left empty, is no slip
                self.unknown_label(sheet, row, label_column, str(label.value), labels)
            return
        mark = CellMark(INFO_SHEET, row, column_letter(content_column))  # the label: the field
        text = None if content is None else self.text(spec, content, mark)
        if text is None:  # empty, or unreadable and reported: where a missing value goes
            self.blanks.setdefault(spec.path, mark)
        else:
            self.put_info(spec, key, text, mark)

    def info_field(self, key: str, labels: dict[str, FieldSpec]):
        """The field a label names, with the entry name for a mapping (“标题 › 成绩”)."""
        if key in labels:
            return labels[key], None
        head, _, entry = key.rpartition("›")
        spec = labels.get(head)
        if spec is not None and spec.shape is Shape.MAPPING and entry:
            return spec, entry
        return None, None

    def put_info(self, spec: FieldSpec, entry: str | None, text: str, mark: CellMark) -> None:
        path: PathKey = spec.path
        if spec.shape is Shape.VALUES:
            items = _list_at(self.value, path)
            path = (*path, len(items))
            items.append(text)
        elif spec.shape is Shape.MAPPING:
            path = (*path, entry or "")
            _set(self.value, path, text)
        elif spec.path in self.marks:
            first = self.marks[spec.path]
            self.problems.append(
                Problem(
                    mark.place(self.file),
                    f"“{spec.label}”重复：第{first}行已经填过",
                    spec.label,
                    "每个项目只填一次：请删除其中一行",
                )
            )
            return
        else:
            _set(self.value, path, text)
        self.mark(path, mark)

    def unknown_label(self, sheet, row: int, column: int, label: str, labels) -> None:
        guess = closest(label_key(label), list(labels))
        shown = next((s.label for k, s in labels.items() if k == guess), None)
        self.problem(
            sheet,
            row,
            column,
            "",
            f"不认识的项目“{label}”" + (f"，是不是“{shown}”？" if shown else ""),
            "“项目”列要照抄生成时的写法（docgen new --xlsx 生成的表里有全部项目）",
        )

    # --- record sheets ----------------------------------------------------------------------

    def table(self, table: Table, sheet: RawSheet) -> None:
        columns = self.table_columns(table, sheet)
        link_column = next((c for c, col in columns.items() if col is None), None)
        if table.parent is not None and link_column is None and sheet.rows.get(2):
            self.problem(
                sheet,
                1,
                None,
                "",
                f"缺少“{table.link_header}”列",
                f"第一列写明每一行属于“{table.parent.sheet}”表的第几条",
            )
            return
        list_path = table.spec.path if table.parent is None else None
        self.blanks.setdefault(table.spec.path, CellMark(table.sheet))
        self.records[table.sheet] = []
        counts: dict[PathKey, int] = {}
        for row in sorted(r for r in sheet.rows if r > 1):
            cells = {c: v for c, v in sheet.rows[row].items() if c in columns}
            if not cells:
                continue
            if table.parent is not None:
                list_path = self.owner(table, sheet, row, link_column, cells.get(link_column))
                if list_path is None or self.given_as_one(table, sheet, row, list_path):
                    continue
            assert list_path is not None
            index = counts.get(list_path, 0)
            counts[list_path] = index + 1
            self.record(table, sheet, row, columns, cells, (*list_path, index))

    def table_columns(self, table: Table, sheet: RawSheet) -> dict[int, object]:
        """Column number → Column (None for the link column); unknown headers reported."""
        known = {label_key(c.header): c for c in table.columns}
        link = label_key(table.link_header) if table.parent else None
        found: dict[int, object] = {}
        for column, cell in sorted(sheet.rows.get(1, {}).items()):
            key = label_key(cell.value)
            if link and key == link:
                found[column] = None
            elif key in known and known[key] not in found.values():
                found[column] = known[key]
            else:
                duplicate = key in known
                guess = None if duplicate else closest(key, list(known))
                message = f"“{cell.value}”列重复" if duplicate else f"不认识的列“{cell.value}”"
                self.problem(
                    sheet,
                    1,
                    column,
                    "",
                    message + (f"，是不是“{known[guess].header}”？" if guess else ""),
                    f"这张表的列有：{'、'.join(table.headers)}；表头不要改动",
                )
        return found

    def owner(self, table: Table, sheet, row: int, column: int | None, cell) -> PathKey | None:
        """The list in the parent record that a row of a nested sheet belongs to."""
        assert table.parent is not None
        parents = self.records.get(table.parent.sheet, [])
        number = cell.value if cell is not None else None
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        if isinstance(number, str) and number.strip().isdigit():
            number = int(number.strip())
        if isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= len(parents):
            return (*parents[number - 1], *table.within_parent())
        self.problem(
            sheet,
            row,
            column,
            table.link_header,
            "没有填写" if cell is None else f"“{cell.value}”不是“{table.parent.sheet}”表中的记录",
            f"填“{table.parent.sheet}”表中第几条记录（1 到 {len(parents)}）",
        )
        return None

    def given_as_one(self, table: Table, sheet, row: int, at: PathKey) -> bool:
        """A dated entry of a record whose one-value column is filled too (reported once)."""
        if table.spec.short is None or not isinstance(_value_at(self.value, at), str):
            return False
        if at not in self.both:
            self.both.add(at)
            assert table.parent is not None
            column, owner = table.spec.alias, self.marks.get(at)
            where = f"第{owner.row}行" if isinstance(owner, CellMark) else ""
            self.problems.append(
                Problem(
                    CellMark(sheet.name or "", row).place(self.file),
                    f"“{table.parent.sheet}”表{where}已经在“{column}”列填了{column}，"
                    "这里又按日期分条填写",
                    table.spec.label,
                    f"只有一条时填在“{column}”列；按日期分条写时，“{column}”列空着，"
                    f"每条写在“{table.sheet}”表中",
                )
            )
        return True

    def record(self, table: Table, sheet, row: int, columns, cells, path: PathKey) -> None:
        item: dict = {}
        _list_at(self.value, path[:-1]).append(item)
        self.records[table.sheet].append(path)
        self.mark(path, CellMark(table.sheet, row))
        for number, column in columns.items():
            if column is None:
                continue
            mark = CellMark(table.sheet, row, column_letter(number), column.header)
            at = (*path, *column.path)
            cell = cells.get(number)
            text = None if cell is None else self.text(column.spec, cell, mark)
            if text is None:  # empty, or unreadable and reported: where a missing value goes
                self.blanks.setdefault(at, mark)
                continue
            if column.spec.shape is Shape.VALUES:  # one item per line of the cell
                lines = [line.strip() for line in text.split("\n") if line.strip()]
                _set(item, column.path, lines)
                for index in range(len(lines)):
                    self.mark((*at, index), mark)
            else:
                _set(item, column.path, text)
            self.mark(at, mark)

    # --- shared -----------------------------------------------------------------------------

    def header_columns(self, sheet: RawSheet, wanted: tuple[str, ...]) -> tuple[int, ...] | None:
        header = {label_key(c.value): n for n, c in sheet.rows.get(1, {}).items()}
        missing = [h for h in wanted if h not in header]
        if missing:
            self.problem(
                sheet,
                1,
                None,
                "",
                f"表头缺少“{'”“'.join(missing)}”",
                f"第1行是表头：{'、'.join(INFO_HEADERS)}，不要改动",
            )
            return None
        return tuple(header[h] for h in wanted)

    def text(self, spec: FieldSpec, cell: RawCell, mark: CellMark) -> str | None:
        try:
            if cell.formula is not None:
                raise CellError(
                    f"是公式（{cell.formula}），但文件里没有保存计算结果",
                    "请在 Excel 或 WPS 中打开这个文件并保存一次，或把公式换成数值",
                )
            return from_cell(spec, cell.value, cell.percent)
        except CellError as exc:
            self.problems.append(Problem(mark.place(self.file), exc.message, spec.label, exc.hint))
            return None

    def mark(self, path: PathKey, mark: CellMark) -> None:
        self.marks.setdefault(path, mark)
        for end in range(1, len(path)):
            self.marks.setdefault(path[:end], mark)

    def problem(self, sheet, row: int, column: int | None, header: str, message: str, hint: str):
        mark = CellMark(sheet.name or "", row, column_letter(column) if column else "", header)
        self.problems.append(Problem(mark.place(self.file), message, hint=hint))


def _set(root: dict, path: tuple, value: object) -> None:
    for part in path[:-1]:
        root = root.setdefault(part, {})
    root[path[-1]] = value


def _value_at(root: object, path: PathKey) -> object:
    """The value at ``path`` (Chinese names and record numbers), None when absent."""
    for part in path:
        if isinstance(part, int):
            root = root[part] if isinstance(root, list) and part < len(root) else None
        else:
            root = root.get(part) if isinstance(root, dict) else None
    return root


def _list_at(root: dict, path: PathKey) -> list:
    """The list at ``path`` (Chinese names and record numbers), created when absent."""
    current: object = root
    for index, part in enumerate(path):
        last = index == len(path) - 1
        if isinstance(part, int):
            current = current[part]  # type: ignore[index]
        else:
            current = current.setdefault(part, [] if last else {})  # type: ignore[union-attr]
    return current  # type: ignore[return-value]


def where_order(where: str, file_name: str) -> tuple[int, int, int] | None:
    """Sort key of a workbook place (sheet in workbook order, row, column), else None."""
    m = re.fullmatch(
        re.escape(file_name) + r" “(.+?)”表(?: 第(\d+)行)?(?: ([A-Z]+)列.*)?", where, re.S
    )
    if not m:
        return None
    names = layout().sheet_names
    sheet = names.index(m.group(1)) if m.group(1) in names else len(names)
    column = sum((ord(c) - 64) * 26**i for i, c in enumerate(reversed(m.group(3) or "")))
    return sheet, int(m.group(2) or 0), column
