"""Outline a cleaned speech, fill the marked gaps, validate and render it end to end."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen.cli import main
from docgen.corpus.figures import find_counts, find_indicators
from docgen.corpus.outline import GAP, enumerated, outline, parse
from docgen.corpus.outline_draft import draft
from docgen.data.load import load_situation
from docgen.data.schema import REQUIRED_SECTIONS

CLEAN = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "clean"
FILLS = {"日期": "2026-03-12", "数值": "93", "目标": "95", "全县平均": "90", "时限": "2026-06-30"}


def fill(text: str) -> str:
    """Replace every 【待补】 value the way a clerk would, by the field it stands in."""

    def one(m: re.Match[str]) -> str:
        return f'{m.group(1)}"{FILLS.get(m.group(2) or "", "某某内容")}"'

    return re.sub(r'^(\s*(?:- )?(?:([^\s:#]+): )?)"?【待补】"?', one, text, flags=re.M)


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


def test_draft_indicators_use_the_current_key() -> None:
    """本镇 was renamed 数值: a draft writes the name the templates and docs use."""
    text = draft((CLEAN / "speech-2019-traditional-pinyin.md").read_text(encoding="utf-8"))
    indicators = yaml.safe_load(text)["指标"]
    assert indicators and all("数值" in i and "本镇" not in i for i in indicators)
    assert not re.search(r"^\s*(?:#\s*)?本镇:", text, flags=re.M)
    no_figures = "# 在全镇工作会议上的讲话\n\n同志们：\n\n一、工作成绩\n\n全年开展活动。\n"
    empty = yaml.safe_load(draft(no_figures))
    assert empty["指标"] == [{"名称": GAP, "单位": "%", "数值": GAP}]


def test_missing_parts_become_gaps() -> None:
    text = draft((CLEAN / "speech-2018-big5.md").read_text(encoding="utf-8"))
    data = yaml.safe_load(text)
    assert data["原因"] == [{"判断": GAP, "说明": GAP}]
    assert data["成绩"] == [GAP]


@pytest.mark.parametrize(
    ("name", "task_count"),
    [("speech-2019-traditional-pinyin", 3), ("speech-2021-heading-commas", 5)],
)
def test_outline_fill_validate_render(tmp_path: Path, name: str, task_count: int) -> None:
    runner = CliRunner()
    drafted = tmp_path / "草稿.yaml"
    result = runner.invoke(
        main, ["corpus", "outline", str(CLEAN / f"{name}.md"), "-o", str(drafted)]
    )
    assert result.exit_code == 0, result.output
    with_gaps = drafted.read_text(encoding="utf-8")
    filled = tmp_path / "情况.yaml"
    filled.write_text(fill(with_gaps), encoding="utf-8")
    assert GAP not in filled.read_text(encoding="utf-8").replace(f"每个 {GAP}", "")
    loaded = load_situation(filled, kind="speech")
    assert str(loaded.situation.meeting.date) == "2026-03-12"
    assert len(loaded.situation.tasks) == task_count
    result = runner.invoke(main, ["render", "speech", str(filled), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert list((tmp_path / "out").glob("*.docx"))


# --- real speech structure, against hand-made outlines ------------------------------------------

OUTLINES = CLEAN.parent / "outline"
SAMPLE_NAMES = sorted(p.stem for p in OUTLINES.glob("*.yaml"))


def _same(a: str, b: str) -> bool:
    """One item found for one expected: equal but for spacing and end punctuation, or nearly."""
    a, b = ("".join(x.split()).strip("。；，") for x in (a, b))
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _recovered(found: list[str], expected: list[str]) -> tuple[float, float]:
    """(share of the expected items found, share of the found items expected)."""
    if not expected:
        return 1.0, 1.0 if not found else 0.0
    recall = sum(any(_same(f, e) for f in found) for e in expected) / len(expected)
    precision = sum(any(_same(f, e) for e in expected) for f in found) / max(len(found), 1)
    return recall, precision


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_outline_recovers_the_hand_made_outline(name: str) -> None:
    expected = yaml.safe_load((OUTLINES / f"{name}.yaml").read_text(encoding="utf-8"))
    found = outline(parse((CLEAN / f"{name}.md").read_text(encoding="utf-8")))
    parts = {
        "标题": found.headings,
        "问题": found.problems,
        "原因": [cause.judgement for cause in found.causes],
        "任务": [task.title for task in found.tasks],
        "责任": [duty.title for duty in found.duties],
    }
    for key, items in parts.items():
        recall, precision = _recovered(items, expected[key])
        assert recall >= 0.8 and precision >= 0.8, (key, items)
    assert found.closing == expected["结语"]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_figures_get_their_roles(name: str) -> None:
    expected = yaml.safe_load((OUTLINES / f"{name}.yaml").read_text(encoding="utf-8"))["指标"]
    speech = parse((CLEAN / f"{name}.md").read_text(encoding="utf-8"))
    found = {i.name: i for i in find_indicators(speech)}
    assert set(found) == set(expected)
    for indicator_name, roles in expected.items():
        indicator = found[indicator_name]
        shown = {"本镇": indicator.value, "目标": indicator.target, "全县平均": indicator.county}
        assert {k: v for k, v in shown.items() if v is not None} == roles, indicator_name


def test_the_sample_old_speech_is_a_real_length() -> None:
    text = (CLEAN / "speech-2021-heading-commas.md").read_text(encoding="utf-8")
    assert len(text) >= 3000


def test_headings_with_commas_are_headings_and_sentences_are_not() -> None:
    speech = parse(
        "# 在全乡工作会议上的讲话\n\n同志们：\n\n一、回顾去年工作，充分肯定成绩\n\n"
        "（一）清洁行动扎实开展。全乡开展集中行动6轮。\n\n"
        "二、正视存在问题，增强紧迫感\n\n（一）改厕质量参差不齐，部分户厕使用率不高。\n"
    )
    assert [s.heading for s in speech.sections] == [
        "回顾去年工作，充分肯定成绩",
        "正视存在问题，增强紧迫感",
    ]
    assert [s.kind for s in speech.sections] == ["achievements", "issues"]
    assert speech.sections[1].subheadings == []  # a sentence that starts with （一）


def test_counted_items_are_not_found_inside_words() -> None:
    assert enumerated("要按照统一要求推进；一要稳定水平；二要深化治理。", "要") == [
        "稳定水平",
        "深化治理",
    ]


def test_other_figures_are_candidates_with_their_sentence() -> None:
    speech = parse((CLEAN / "speech-2021-heading-commas.md").read_text(encoding="utf-8"))
    counts = {(c.name, c.value, c.unit) for c in find_counts(speech)}
    assert ("新建和改造卫生户厕", "1260", "户") in counts
    assert ("乡财政今年安排专项资金", "120", "万元") in counts
    text = draft((CLEAN / "speech-2021-heading-commas.md").read_text(encoding="utf-8"))
    assert "  # 原文“全乡14个行政村全部配备了保洁员和收集车辆" in text
    assert "  # - 名称: 行政村\n  #   单位: 个\n  #   数值: 14\n" in text
    assert yaml.safe_load(text)["指标"][0]["名称"] == "卫生厕所普及率"  # candidates stay comments
