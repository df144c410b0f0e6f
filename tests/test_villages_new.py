"""``docgen new villages``: an empty workbook with the Chinese headers, read back without error."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main
from docgen.data.load import load_situation
from docgen.villages import load_villages
from docgen.villages.columns import PROBLEM_COLUMNS
from docgen.villages.xlsx import read_workbook

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "population.yaml"


def headers(path: Path) -> dict[str, list[object]]:
    return {s.name: [c.value for _, c in sorted(s.rows[1].items())] for s in read_workbook(path)}


def test_new_villages_with_the_situation_indicators(tmp_path: Path) -> None:
    out = tmp_path / "村情表.xlsx"
    result = CliRunner().invoke(main, ["new", "villages", "-o", str(out), "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    found = headers(out)
    assert list(found) == ["村情", "问题", "说明"]
    assert found["村情"][0] == "村"
    indicators = load_situation(DATA).situation.indicators
    assert found["村情"][1:] == [f"{i.name}（{i.unit}）" for i in indicators]
    assert found["问题"] == list(PROBLEM_COLUMNS)
    # An empty table is valid: no villages, no problems.
    table = load_villages(out, load_situation(DATA).situation.indicators)
    assert table.villages == () and table.problems == ()


def test_new_villages_without_data_has_a_placeholder_column(tmp_path: Path) -> None:
    out = tmp_path / "表.xlsx"
    assert CliRunner().invoke(main, ["new", "村情表", "-o", str(out)]).exit_code == 0
    assert headers(out)["村情"] == ["村", "（指标名称）"]


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "村情表.xlsx"
    out.write_bytes(b"keep")
    result = CliRunner().invoke(main, ["new", "villages", "-o", str(out)])
    assert result.exit_code == 1
    assert "已存在" in result.output
    assert out.read_bytes() == b"keep"
