"""Spreadsheet cells as plain values with their place, shared by the .xlsx and .csv readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class RawCell(NamedTuple):
    """One non-empty cell: the stored value (cached result for a formula) and how it was shown.

    A named tuple: a county's workbook has tens of thousands of cells, and tuples are the
    cheapest immutable records to make.
    """

    value: object
    formula: str | None = None  # a formula whose result the file does not hold
    percent: bool = False  # shown as a percentage (0.935 displayed as 93.5%)

    def __reduce__(self):
        # Rebuilt in C when unpickled (a helper process sends tens of thousands), not by
        # the named tuple's __new__ written in Python.
        return (tuple.__new__, (RawCell, tuple(self)))


@dataclass(frozen=True)
class RawSheet:
    """A sheet's rows (1-based row number → column number → cell), header in row 1."""

    file: str  # the file name as a clerk sees it
    name: str | None  # sheet name in a workbook; None for a .csv file
    rows: dict[int, dict[int, RawCell]] = field(default_factory=dict)

    def place(self, row: int, column: int | None = None, header: str = "") -> str:
        """``村情表.xlsx “问题”表 第14行 C列（整改时限）`` — where a clerk finds the cell."""
        sheet = f" “{self.name}”表" if self.name else ""
        where = f"{self.file}{sheet} 第{row}行"
        if column is not None:
            where += f" {column_letter(column)}列"
            if header:
                where += f"（{header}）"
        return where


def column_letter(column: int) -> str:
    """1 → A, 27 → AA, as spreadsheet programs label columns."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
