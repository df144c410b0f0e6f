"""Reading a village table saved as .csv (UTF-8, UTF-16 or GBK, as Excel and WPS save it)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..textio import read_text
from .table import RawCell, RawSheet

#: A .csv holds one sheet; the problems sheet is a second file named like this.
PROBLEMS_SUFFIX = "_问题"


def read_csv(path: Path) -> RawSheet:
    """All non-empty cells of a .csv file; every value is the text typed."""
    text = read_text(path)
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    sheet = RawSheet(path.name, None)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    number = 1  # the line a record starts on (a quoted cell may span lines)
    for row in reader:
        for column, value in enumerate(row, 1):
            if value.strip():
                sheet.rows.setdefault(number, {})[column] = RawCell(value)
        number = reader.line_num + 1
    return sheet


def problems_file(path: Path) -> Path:
    """村情表.csv → 村情表_问题.csv beside it."""
    return path.with_name(path.stem + PROBLEMS_SUFFIX + path.suffix)
