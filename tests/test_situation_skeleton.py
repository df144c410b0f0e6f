"""docgen new KIND: a commented skeleton that fails only where a value is missing, then renders."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.data.fields import TYPE_WORDS, Shape, walk
from docgen.data.load import load_situation
from docgen.data.schema import KINDS
from docgen.data.yamlread import parse_yaml
from docgen.data.yamlwrite import situation_yaml, skeleton
from docgen.errors import InputError
from docgen.pipeline import render_files
from docgen.textio import read_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "population.yaml"
_FIELD_LINE = re.compile(r"^(\s*)# (?=\s*(?:(?:- )?[^\s#:]+:|-  #|# ))")


def uncomment(text: str) -> str:
    """Delete the “# ” before every optional field, as a clerk does, until none is left."""
    lines = text.split("\n")
    while True:
        changed = [_FIELD_LINE.sub(r"\1", line) for line in lines]
        if changed == lines:
            return "\n".join(lines)
        lines = changed


def fill(blank: object, example: object) -> object:
    """Fill a parsed skeleton from the example: each field it has, each list item repeated."""
    if isinstance(blank, dict):
        assert isinstance(example, dict)
        return {k: fill(v, example[k]) for k, v in blank.items() if k in example}
    if isinstance(blank, list):
        assert isinstance(example, list) and len(blank) == 1
        return [fill(blank[0], item) for item in example]
    assert blank is None, blank
    return example


def test_every_schema_field_is_in_the_skeleton_with_a_note() -> None:
    text = uncomment(skeleton("all"))
    _, marks = parse_yaml(text, "情况.yaml")
    lines = text.split("\n")
    for spec in walk():
        path: list[str | int] = []
        for i, name in enumerate(spec.path):
            path.append(name)
            parent = next(s for s in walk() if s.path == spec.path[: i + 1])
            if parent.shape is Shape.TABLE and i < len(spec.path) - 1:
                path.append(0)
        assert tuple(path) in marks, spec.label
        line = lines[marks[tuple(path)] - 1]
        assert f"# {spec.description}" in line, line
        assert spec.example is None or f"例：{spec.example}" in line


def test_notes_say_type_and_which_documents_need_a_field() -> None:
    text = skeleton("all")
    assert "  日期:  # 开会日期（日期；讲话稿必填）。例：2026-11-28" in text
    assert (
        "    数值:  # 本单位的数值，只填数字；有几个日期的数值时按日期分条写（第一条是基期，"
        "最后一条是现值）（数字；填【指标】时必填）。例：93.5\n"
        "    # 按日期分条写时，“数值”后面不填，删去下面各行开头的“# ”，每个日期一条：\n"
        "    #   - 数值:  # 这一天的数值，只填数字（数字；按日期分条写时每条必填）。例：93.5\n"
        "    #     日期:  # 数值对应的日期（日期；按日期分条写时每条必填）。例：2026-10-31\n"
    ) in text  # a field of one value or a dated list: the value, the list commented below
    assert "# 方向:  # 数值越高越好还是越低越好（只能填：越高越好、越低越好；可选）" in text
    assert "不填为“越高越好”。例：越高越好" in text
    assert "    序号:  # 发文字号中的序号，只填数字（正整数；报告必填）" in text
    assert "#   字号:  # 上级文件的发文字号（文字；填【依据】时必填）" in text
    assert set(TYPE_WORDS.values()) - {"选项"} <= set(re.findall(r"（([^；（]+)；", text))


@pytest.mark.parametrize("kind", list(KINDS))
def test_unfilled_skeleton_fails_only_where_a_value_is_missing(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "情况.yaml"
    path.write_text(skeleton(kind), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    blank = {
        n
        for n, line in enumerate(lines, 1)
        if re.match(r"^\s*(?:- )?[^\s#:]+:  #|^\s*-  #", line)
        and not re.match(r"^\s*(?:- )?[^\s#:]+:  # .*（(?:分项填写|列表)", line)
    }
    with pytest.raises(InputError) as info:
        load_situation(path, kind=kind)
    reported = {int(p.where.split(":")[1]) for p in info.value.problems}
    assert reported == blank
    for problem in info.value.problems:
        if problem.message == "还没有填写":
            assert problem.hint.startswith("请填写"), problem
        else:  # a section or a 台账 column this kind needs, said by the kind's rules
            said = problem.message
            assert said.startswith(f"生成{KINDS[kind]}需要") or "缺少【" in said


@pytest.mark.parametrize("kind", list(KINDS))
def test_new_fill_render_every_kind(kind: str, tmp_path: Path) -> None:
    made = tmp_path / "情况.yaml"
    result = CliRunner().invoke(main, ["new", kind, "-o", str(made)])
    assert result.exit_code == 0, result.output
    blank, _ = parse_yaml(read_text(made), made)
    example, _ = parse_yaml(read_text(EXAMPLE), EXAMPLE)
    filled = tmp_path / "填好.yaml"
    filled.write_text(situation_yaml(fill(blank, example)), encoding="utf-8")
    shutil.copytree(EXAMPLE.parent / "offices", tmp_path / "offices")
    written = render_files(kind, filled, tmp_path / "out")
    assert [p.suffix for p in written] == [".docx"]


def test_an_optional_field_uncommented_is_read(tmp_path: Path) -> None:
    text = skeleton("speech").replace("  # 标题:  #", "  标题: 在推进会上的讲话  #")
    path = tmp_path / "情况.yaml"
    path.write_text(text, encoding="utf-8")
    value, _ = parse_yaml(read_text(path), path)
    assert value["会议"]["标题"] == "在推进会上的讲话"


def test_new_refuses_an_unknown_kind_and_an_existing_file(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["new", "讲话", "-o", str(tmp_path / "a.yaml")])
    assert result.exit_code == 2 and "“讲话”不是可生成的类型" in result.output
    target = tmp_path / "情况.yaml"
    target.write_text("旧内容", encoding="utf-8")
    result = runner.invoke(main, ["new", "speech", "-o", str(target)])
    assert result.exit_code == 1 and "已存在，没有覆盖" in result.output
    assert target.read_text(encoding="utf-8") == "旧内容"
