"""Every worked example of docs/模板编写指南.md, done as the guide says: copy the template,
make the edit the guide shows, check, preview and render; the change shows in the document."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.data.schema import KINDS
from docgen.resources import builtin_dir

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "模板编写指南.md"
_BLOCK = re.compile(r"<!-- 例:(\S+) (改前|改后|结果)(?: (\S+))? -->\n```\n(.*?)\n```", re.S)


@dataclass
class Example:
    name: str
    file: str = ""
    kind: str = ""
    parts: dict[str, str] = field(default_factory=dict)


def examples() -> list[Example]:
    found: dict[str, Example] = {}
    for name, part, extra, text in _BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        example = found.setdefault(name, Example(name))
        example.parts[part] = text
        if part == "改前":
            example.file = extra
            stem = extra.removesuffix(".md")
            example.kind = stem if stem in KINDS else "plan"
    return list(found.values())


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="docgen")


def test_the_guide_has_the_four_worked_examples() -> None:
    names = [e.name for e in examples()]
    assert names == ["改标题", "未达标", "对上级", "台账加列"]
    for example in examples():
        assert set(example.parts) == {"改前", "改后", "结果"}, example.name


@pytest.mark.parametrize("example", examples(), ids=lambda e: e.name)
def test_a_worked_example_checks_renders_and_shows(tmp_path: Path, example: Example) -> None:
    shutil.copytree(builtin_dir("examples"), tmp_path, dirs_exist_ok=True)
    data = tmp_path / "population.yaml"
    assert run("templates", "copy", example.file, "--data", str(data)).exit_code == 0
    template = tmp_path / "templates" / example.file
    text = template.read_text(encoding="utf-8")
    assert text.count(example.parts["改前"]) == 1, "改前的文字在模板中找不到（或不止一处）"
    template.write_text(text.replace(example.parts["改前"], example.parts["改后"]), "utf-8")

    checked = run("templates", "check", "--data", str(data))
    assert checked.exit_code == 0, checked.output
    assert "错误 0 处" in checked.output

    before = run("inspect", str(builtin_dir("examples") / "population.yaml"), "-k", example.kind)
    after = run("inspect", str(data), "-k", example.kind)
    assert after.exit_code == 0, after.output
    assert example.parts["结果"] in after.output
    assert example.parts["结果"] not in before.output  # the edit made the difference

    out = tmp_path / "out"
    rendered = run("render", example.kind, str(data), "-o", str(out))
    assert rendered.exit_code == 0, rendered.output
    assert len(list(out.glob("*.docx"))) == 1
