"""Outline a cleaned speech, fill the marked gaps, validate and render it end to end."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from docgen.cli import main
from docgen.corpus.outline import GAP, draft, enumerated, find_indicators, parse
from docgen.data.load import load_situation
from docgen.data.schema import REQUIRED_SECTIONS

CLEAN = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "clean"
FILLS = {"日期": "2026-03-12", "本镇": "93", "目标": "95", "全县平均": "90", "时限": "2026-06-30"}


def fill(text: str) -> str:
    """Replace every 【待补】 value the way a clerk would, by the field it stands in."""

    def one(m: re.Match[str]) -> str:
        return f'{m.group(1)}"{FILLS.get(m.group(2) or "", "某某内容")}"'

    return re.sub(r'^(\s*(?:- )?(?:([^\s:#]+): )?)"【待补】"', one, text, flags=re.M)


def test_enumerations() -> None:
    assert enumerated("究其原因，一是认识不到位；二是力量薄弱。", "是") == [
        "认识不到位",
        "力量薄弱",
    ]
    assert enumerated("一要稳定水平；二要深化治理。", "要") == ["稳定水平", "深化治理"]
    assert enumerated("这是一个问题。", "是") == []


def test_figures_with_what_they_refer_to() -> None:
    speech = parse((CLEAN / "speech-2019-traditional-pinyin.md").read_text(encoding="utf-8"))
    found = {i.name: i for i in find_indicators(speech)}
    assert found["出生政策符合率"].value == "96.2"
    assert found["出生政策符合率"].county == "94.8"
    assert found["出生政策符合率"].target == "95"  # "确保政策符合率保持在95%以上" in the tasks
    assert found["流动人口信息核查率"].value == "92.5"
    assert found["流动人口信息核查率"].target == "95"


def test_draft_marks_gaps_and_guesses() -> None:
    text = draft((CLEAN / "speech-2019-traditional-pinyin.md").read_text(encoding="utf-8"))
    data = yaml.safe_load(text)
    assert set(REQUIRED_SECTIONS["speech"]) <= set(data)
    assert data["会议"]["讲话人"] == {"姓名": "李明华", "职务": "镇党委副书记、镇长"}
    assert data["会议"]["日期"] == GAP and "原稿日期 2019年3月12日" in text
    assert [c["判断"] for c in data["原因"]] == [
        "思想认识不到位",
        "工作力量比较薄弱",
        "部门协作不够紧密",
    ]
    assert data["任务"][0]["标题"] == "稳定低生育水平"
    assert data["结语"].startswith("同志们")
    assert "# 待核实" in text


def test_missing_parts_become_gaps() -> None:
    text = draft((CLEAN / "speech-2018-big5.md").read_text(encoding="utf-8"))
    data = yaml.safe_load(text)
    assert data["原因"] == [{"判断": GAP, "说明": GAP}]
    assert data["成绩"] == [GAP]


def test_outline_fill_validate_render(tmp_path: Path) -> None:
    runner = CliRunner()
    drafted = tmp_path / "草稿.yaml"
    result = runner.invoke(
        main,
        ["corpus", "outline", str(CLEAN / "speech-2019-traditional-pinyin.md"), "-o", str(drafted)],
    )
    assert result.exit_code == 0, result.output
    with_gaps = drafted.read_text(encoding="utf-8")
    filled = tmp_path / "情况.yaml"
    filled.write_text(fill(with_gaps), encoding="utf-8")
    assert GAP not in filled.read_text(encoding="utf-8").replace(f"每个 {GAP}", "")
    loaded = load_situation(filled, kind="speech")
    assert str(loaded.situation.meeting.date) == "2026-03-12"
    assert len(loaded.situation.tasks) == 3
    result = runner.invoke(main, ["render", "speech", str(filled), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert list((tmp_path / "out").glob("*.docx"))
