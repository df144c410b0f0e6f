"""Where each field of the situation goes in the workbook (情况表.xlsx), derived from the schema.

Lists of records (指标, 问题, 阶段 …) become sheets, one row per record and one column per
field; everything else — single values, groups, lists of single values — is a row of the
基本情况 sheet, labelled with its path (“会议 › 讲话人 › 姓名”). A list of single values
inside a record (任务 › 措施) is one cell, one item per line. A list of records inside a
record becomes its own sheet whose first column says which record it belongs to; when the
list may also be written as one value (指标 › 数值, 问题 › 整改进展), the record's sheet has
a column for that value and the list's sheet holds the dated entries.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from docgen.data.fields import FieldSpec, Shape, UnsupportedField, fields

INFO_SHEET = "基本情况"
NOTES_SHEET = "说明"
INFO_HEADERS = ("项目", "内容", "说明")
LABEL_JOIN = " › "
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\：？／＼]")
_SHEET_NAME_LIMIT = 31  # Excel refuses longer sheet names


@dataclass(frozen=True)
class Column:
    """One column of a record sheet: a single value or a list of them, in a record."""

    header: str  # the field's path within the record, as written in row 1
    path: tuple[str, ...]  # Chinese names within the record
    spec: FieldSpec


@dataclass(frozen=True)
class Table:
    """A sheet of records: the list field it holds and its columns."""

    sheet: str
    spec: FieldSpec
    columns: tuple[Column, ...]
    parent: Table | None = None  # the sheet whose records own these (a list in a record)

    @property
    def link_header(self) -> str:
        """First column of a nested sheet: which record of the parent sheet a row belongs to."""
        return f"所属{self.parent.sheet}（第几条）" if self.parent else ""

    @property
    def headers(self) -> list[str]:
        return ([self.link_header] if self.parent else []) + [c.header for c in self.columns]

    def within_parent(self) -> tuple[str, ...]:
        """The list's path inside a parent record (the whole path for a top-level sheet)."""
        return self.spec.path[len(self.parent.spec.path) :] if self.parent else self.spec.path


@dataclass(frozen=True)
class Layout:
    """The 基本情况 rows (single values, lists of them, mappings) and the record sheets."""

    rows: tuple[FieldSpec, ...]
    tables: tuple[Table, ...]

    def table(self, sheet: str) -> Table | None:
        return next((t for t in self.tables if t.sheet == sheet), None)

    @property
    def sheet_names(self) -> list[str]:
        return [INFO_SHEET, *(t.sheet for t in self.tables), NOTES_SHEET]


@functools.cache
def layout(sections: tuple[str, ...] | None = None) -> Layout:
    """The workbook for the given top-level sections (all of them when None)."""
    rows: list[FieldSpec] = []
    tables: list[Table] = []
    for spec in fields():
        if sections is None or spec.alias in sections:
            _place(spec, None, rows, tables)
    return Layout(tuple(rows), tuple(tables))


def _place(spec: FieldSpec, parent: Table | None, rows: list, tables: list[Table]) -> None:
    if spec.shape is Shape.TABLE:
        name = _sheet_name(spec, {t.sheet for t in tables})
        table = Table(name, spec, tuple(_columns(spec, spec)), parent)
        tables.append(table)
        for nested in _nested(spec):
            _place(nested, table, rows, tables)
    elif spec.shape is Shape.GROUP:
        for child in spec.children:
            _place(child, parent, rows, tables)
    else:
        rows.append(spec)


def _columns(spec: FieldSpec, table: FieldSpec):
    """The columns of a record: its single values and lists of them, groups flattened; a list
    of records that may be one value (指标 › 数值) has a column for that value too."""
    for child in spec.children:
        if child.shape is Shape.GROUP:
            yield from _columns(child, table)
        elif child.shape is Shape.MAPPING:
            raise UnsupportedField(f"{child.label}: names of the clerk's choosing in a record")
        elif child.shape is not Shape.TABLE or child.short is not None:
            path = child.path[len(table.path) :]
            yield Column(LABEL_JOIN.join(path), path, child)


def _nested(spec: FieldSpec):
    """Lists of records inside a record (through its groups): sheets of their own."""
    for child in spec.children:
        if child.shape is Shape.TABLE:
            yield child
        elif child.shape is Shape.GROUP:
            yield from _nested(child)


def _sheet_name(spec: FieldSpec, taken: set[str]) -> str:
    """The schema's declared sheet name or the field's; the full path when that is taken."""
    name = spec.sheet or spec.alias
    if name in taken or name in (INFO_SHEET, NOTES_SHEET):
        name = "·".join(spec.path)
    return _BAD_SHEET_CHARS.sub("·", name)[:_SHEET_NAME_LIMIT]


def label_key(text: object) -> str:
    """A label or header as typed, compared without spaces and with any ›/> spelling."""
    return re.sub(r"[>＞»〉]", "›", "".join(str(text).split()))
