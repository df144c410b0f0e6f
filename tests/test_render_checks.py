"""Checks before every render: findings located at the situation-file or template line."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main
from docgen.resources import builtin_dir

EXAMPLES = builtin_dir("examples")
TEMPLATE = builtin_dir("templates") / "speech.md"


def workspace(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    return tmp_path / "population.yaml"


def line_of(path: Path, needle: str) -> int:
    return next(
        n
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    )


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_error_in_data_is_reported_at_its_yaml_line(tmp_path: Path) -> None:
    data = workspace(tmp_path)
    text = data.read_text(encoding="utf-8").replace(
        "逐户上门讲解申领流程", "逐户上门讲解申领流程,再接再励"
    )
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run("render", "speech", str(data), "-o", str(out))
    assert result.exit_code == 1
    line = line_of(data, "再接再励")
    assert f"population.yaml:{line}：【成绩 › 第2项】错误 TY01" in result.output
    assert f"population.yaml:{line}：【成绩 › 第2项】错误 PU01" in result.output
    assert "--ignore" in result.output
    assert not out.exists()


def test_error_in_template_wording_is_reported_at_the_template_line(tmp_path: Path) -> None:
    data = workspace(tmp_path)
    (tmp_path / "templates").mkdir()
    local = tmp_path / "templates" / "speech.md"
    local.write_text(
        TEMPLATE.read_text(encoding="utf-8").replace("抓部署", "抓布署"), encoding="utf-8"
    )
    result = run("render", "speech", str(data), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"speech.md:{line_of(local, '抓布署')}：错误 TY01" in result.output


def test_ignore_lets_a_confirmed_false_alarm_through(tmp_path: Path) -> None:
    data = workspace(tmp_path)
    data.write_text(
        data.read_text(encoding="utf-8").replace("让群众少跑腿", "让群众,少跑腿"), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert run("render", "speech", str(data), "-o", str(out)).exit_code == 1
    result = run("render", "speech", str(data), "-o", str(out), "--ignore", "PU01")
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.docx"))) == 1


def test_warnings_are_printed_and_the_file_is_written(tmp_path: Path) -> None:
    data = workspace(tmp_path)
    # 成份 is the non-recommended variant of 成分 (第一批异形词整理表): a warning, not an error.
    data.write_text(
        data.read_text(encoding="utf-8").replace("让群众少跑腿", "让群众少跑腿，摸清人口成份"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run("render", "speech", str(data), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "警告" in result.output and "成份" in result.output
    assert len(list(out.glob("*.docx"))) == 1


def test_the_examples_render_without_findings(tmp_path: Path) -> None:
    for name in ("population.yaml", "rural-environment.yaml"):
        result = run("render", "speech", str(EXAMPLES / name), "-o", str(tmp_path))
        assert result.exit_code == 0, result.output
        assert "警告" not in result.output and "错误" not in result.output


def test_an_office_can_switch_a_rule_off_in_its_profile(tmp_path: Path) -> None:
    data = workspace(tmp_path)
    text = data.read_text(encoding="utf-8").replace("逐户核对申领情况", "逐户核对申领情况,")
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert run("render", "notice", str(data), "-o", str(out)).exit_code == 1
    office = tmp_path / "offices" / "青石镇.yaml"
    office.write_text(
        office.read_text(encoding="utf-8") + "\n检查:\n  关闭:\n    - PU01\n", encoding="utf-8"
    )
    result = run("render", "notice", str(data), "-o", str(out))
    assert result.exit_code == 0, result.output
    # ``docgen check`` takes the same section with --office.
    sample = tmp_path / "样稿.txt"
    sample.write_text("各村要抓好落实,按时报送。\n", encoding="utf-8")
    assert run("check", str(sample)).exit_code == 1
    assert run("check", str(sample), "--office", str(office)).exit_code == 0


def test_an_unknown_rule_in_the_profile_is_named_with_the_file(tmp_path: Path) -> None:
    data = workspace(tmp_path)
    office = tmp_path / "offices" / "青石镇.yaml"
    office.write_text(
        office.read_text(encoding="utf-8") + "\n检查:\n  关闭:\n    - XX99\n", encoding="utf-8"
    )
    result = run("render", "notice", str(data), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "青石镇.yaml" in result.output and "XX99" in result.output
    assert "Traceback" not in result.output
