"""docs/快速上手.md: every command in it runs, in order, the way a clerk would run them."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from docgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "快速上手.md"
EXAMPLE = ROOT / "examples" / "population.yaml"


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def commands() -> list[str]:
    return [line for block in blocks("cmd") for line in block.splitlines() if line.strip()]


def docgen(line: str, code: int = 0) -> str:
    words = shlex.split(line)
    assert words[0] == "docgen", line
    result = CliRunner().invoke(main, words[1:])
    assert result.exit_code == code, (line, result.output)
    return result.output


def type_into(target: Path, source: Path) -> None:
    """What a clerk types: every cell of ``source`` into the same cell of ``target``."""
    typed = openpyxl.load_workbook(source)
    book = openpyxl.load_workbook(target)
    for sheet in typed.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    book[sheet.title][cell.coordinate] = cell.value
                    book[sheet.title][cell.coordinate].number_format = cell.number_format
    book.save(target)


def test_every_command_of_the_quick_start_runs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLE.parent / "offices", tmp_path / "offices")
    run = iter(commands())

    assert Path(docgen(next(run)).strip()) == Path("情况表.xlsx")  # docgen new --xlsx
    filled = tmp_path / "示例.xlsx"  # the example's values, as a clerk would type them
    docgen(f"docgen convert {EXAMPLE} {filled}")
    type_into(tmp_path / "情况表.xlsx", filled)

    render = next(run)
    written = [w for w in docgen(render).split() if w.endswith(".docx")]
    assert len(written) == 6 and all(Path(p).parent == Path("公文") for p in written)

    docgen(next(run))  # docgen new 村情表 --data 情况表.xlsx
    type_into(tmp_path / "村情表.xlsx", ROOT / "examples" / "villages.xlsx")
    assert "已生成 8 个文件，在 各村通知" in docgen(next(run))

    docgen(next(run))  # to YAML
    docgen(next(run))  # and back
    assert next(run, None) is None

    # 第五步: the error shown in the guide is the one a clerk gets.
    book = openpyxl.load_workbook(tmp_path / "情况表.xlsx")
    book["基本情况"]["B2"] = None
    book.save(tmp_path / "情况表.xlsx")
    [shown] = [block for block in blocks("text") if block.startswith("错误：")]
    assert docgen(render, code=1) == shown


@pytest.mark.parametrize("line", commands())
def test_the_quick_start_names_only_real_commands(line: str) -> None:
    words = shlex.split(line)
    result = CliRunner().invoke(main, [*words[1:2], "--help"])
    assert result.exit_code == 0, line
