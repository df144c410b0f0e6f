"""Problems a user can act on, collected per run and reported together in Chinese."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's input, located as precisely as we can.

    ``where`` is the place in human terms: ``情况.yaml:12`` for a YAML file,
    ``村情表.xlsx 第14行 C列（整改时限）`` for a spreadsheet, ``speech.md.j2:8`` for a
    template. ``field`` is the field path in the user's own (Chinese) names.
    """

    where: str
    message: str
    field: str = ""
    hint: str = ""

    def format(self) -> str:
        head = f"{self.where}：" if self.where else ""
        fld = f"【{self.field}】" if self.field else ""
        tail = f"\n    → {self.hint}" if self.hint else ""
        return f"{head}{fld}{self.message}{tail}"


def yaml_where(path: Path | str, line: int | None) -> str:
    """``file:line`` with the file's name only, as a clerk sees it in Explorer.

    A workbook's marks are CellMarks: they name the sheet, row and column instead.
    """
    name = Path(path).name
    if isinstance(line, CellMark):
        return line.place(name)
    return f"{name}:{line}" if line else name


class CellMark(int):
    """Where a value of a workbook was written: an int (its row) that knows its sheet and column.

    Loaders, rules and provenance locate values by ``marks[path] -> line``; a situation
    workbook's marks are CellMarks, so the same code reports
    ``情况表.xlsx “指标”表 第3行 C列（目标）`` where a YAML file gets ``情况.yaml:12``.
    """

    sheet: str
    row: int | None
    column: str
    header: str

    def __new__(cls, sheet: str, row: int | None = None, column: str = "", header: str = ""):
        mark = super().__new__(cls, row or 1)
        mark.sheet, mark.row, mark.column, mark.header = sheet, row, column, header
        return mark

    def __reduce__(self):
        return (CellMark, (self.sheet, self.row, self.column, self.header))

    def place(self, file_name: str) -> str:
        where = f"{file_name} “{self.sheet}”表"
        if self.row is not None:
            where += f" 第{self.row}行"
        if self.column:
            where += f" {self.column}列" + (f"（{self.header}）" if self.header else "")
        return where


@dataclass
class ProblemList:
    """Accumulates problems so that one run reports all of them at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, where: str, message: str, field: str = "", hint: str = "") -> None:
        self.items.append(Problem(where, message, field, hint))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self, summary: str) -> None:
        if self.items:
            raise InputError(summary, self.items)


class DocgenError(click.ClickException):
    """Base of every expected failure; the CLI shows it without a traceback.

    Subclassing ClickException is what lets ``main`` turn these into exit code 1
    at one boundary while real bugs keep their tracebacks.
    """

    exit_code = 1

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        click.echo(f"错误：{self.format_message()}", err=True, file=file)


class InputError(DocgenError):
    """Bad input (data, template, profile): nothing was written."""

    def __init__(self, summary: str, problems: Iterable[Problem] = (), advice: str = "") -> None:
        self.summary = summary
        self.problems = list(problems)
        self.advice = advice
        super().__init__(summary)

    def format_message(self) -> str:
        lines = [self.summary]
        if self.problems:
            lines[0] += f"（共 {len(self.problems)} 处）："
            lines.extend(f"  {p.format()}" for p in self.problems)
        lines.append("未写出任何文件。请按上面的提示修改后重新运行。")
        if self.advice:
            lines.append(self.advice)
        return "\n".join(lines)


class OutputError(DocgenError):
    """An output could not be written safely (e.g. a file edited by hand)."""
