"""Loading situation files: every slip a clerk makes is reported by file, line and field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from docgen.data.load import LoadedSituation, load_situation
from docgen.data.schema import Direction
from docgen.data.yamlread import parse_yaml
from docgen.errors import InputError, Problem
from docgen.textio import read_text

VALID = """\
# 人口工作推进会的情况
乡镇:
  名称: 清河镇
  所属县: 平川县
主题: 人口监测与家庭发展
会议:
  名称: 全镇人口工作推进会
  主办: 清河镇人民政府
  日期: 2026年3月12日
  讲话人:
    姓名: 李明
    职务: 镇长
  主要任务: 通报上年情况，部署今年工作
成绩:
  - 出生人口信息登记做到了应登尽登
指标:
  - 名称: 出生登记及时率
    单位: "%"
    本镇: 93.50
    目标: 95
    全县平均: 94.2
  - 名称: 信息差错数
    单位: 条
    本镇: 12
    方向: 越低越好
问题:
  - 内容: 个别村登记不及时
    指标: 出生登记及时率
原因:
  - 判断: 村级信息员变动频繁
    说明: 新任人员对流程不熟悉
任务:
  - 标题: 抓好信息登记
    措施:
      - 每月核对一次
    时限: 2026-06-30
责任:
  - 标题: 压实村级责任
    内容: 各村书记是第一责任人
结语: 让我们扎实工作，把各项任务落到实处。
"""

MINIMAL_HEAD = "乡镇:\n  名称: 清河镇\n  所属县: 平川县\n主题: 人口\n"


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "情况.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(path: Path, kind: str | None = None) -> list[Problem]:
    with pytest.raises(InputError) as info:
        load_situation(path, kind)
    assert info.value.summary == f"情况文件有误：{path.name}"
    return info.value.problems


def test_valid_file_loads_and_keeps_exact_decimals(tmp_path: Path) -> None:
    loaded = load_situation(write(tmp_path, VALID), "speech")
    assert isinstance(loaded, LoadedSituation)
    s = loaded.situation
    first = s.indicators[0]
    assert first.value == Decimal("93.50")
    assert str(first.value) == "93.50"
    assert str(first.county_average) == "94.2"
    assert s.indicators[1].direction is Direction.LOWER
    assert s.meeting.date == dt.date(2026, 3, 12)
    assert s.tasks[0].deadline == dt.date(2026, 6, 30)
    assert s.indicators[0].unit == "%"
    # Lines are those of the keys; items are counted from 0 in paths.
    assert loaded.line_of(("指标", 0, "本镇")) == 19
    assert loaded.line_of(("指标", 1)) == 22
    assert loaded.line_of(("会议", "讲话人", "职务")) == 12
    # A path with no mark of its own falls back to its nearest ancestor.
    assert loaded.line_of(("指标", 1, "目标")) == 22
    assert loaded.where(("结语",)) == "情况.yaml:40"


def test_yaml_11_surprises_stay_text(tmp_path: Path) -> None:
    text = (
        "乡镇:\n  名称: no\n  所属县: yes\n主题: 010\n"
        "成绩:\n  - 1.10\n  - on\n问题:\n  - 内容: 1.10\n"
    )
    s = load_situation(write(tmp_path, text)).situation
    assert s.township.name == "no"
    assert s.township.county == "yes"
    assert s.topic == "010"
    assert s.achievements == ["1.10", "on"]
    assert s.issues[0].text == "1.10"


def test_leading_zero_in_number_field_is_rejected(tmp_path: Path) -> None:
    text = MINIMAL_HEAD + "指标:\n  - 名称: 户数\n    本镇: 010\n"
    [p] = problems_of(write(tmp_path, text))
    assert p.where == "情况.yaml:7"
    assert p.field == "指标 › 第1项 › 本镇"
    assert "“010”以 0 开头" in p.message


def test_percentage_sign_in_number(tmp_path: Path) -> None:
    text = MINIMAL_HEAD + "指标:\n  - 名称: 及时率\n    本镇: 85.67%\n"
    [p] = problems_of(write(tmp_path, text))
    assert (p.where, p.field) == ("情况.yaml:7", "指标 › 第1项 › 本镇")
    assert "百分号" in p.message and "85.67" in p.message


@pytest.mark.parametrize(
    ("unit", "said"),
    [("“%”", "带了引号"), ("‘户’", "带了引号"), ("百分比", "请写 %")],
)
def test_a_unit_with_quotes_or_in_words_is_refused(tmp_path: Path, unit: str, said: str) -> None:
    """It would be printed after every figure: 93.5“%”, 低1.5百分比."""
    text = MINIMAL_HEAD + f"指标:\n  - 名称: 及时率\n    单位: {unit}\n    数值: 85\n"
    [p] = problems_of(write(tmp_path, text))
    assert (p.where, p.field) == ("情况.yaml:7", "指标 › 第1项 › 单位")
    assert said in p.message


def test_impossible_date(tmp_path: Path) -> None:
    text = MINIMAL_HEAD + "任务:\n  - 标题: 核查\n    措施: [入户]\n    时限: 2026-02-30\n"
    [p] = problems_of(write(tmp_path, text))
    assert (p.where, p.field) == ("情况.yaml:8", "任务 › 第1项 › 时限")
    assert "这个日期不存在" in p.message


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    text = "乡镇:\n  名称: 清河镇\n  所属县: 平川县\n  名称: 河西镇\n主题: 人口\n"
    [p] = problems_of(write(tmp_path, text))
    assert p.where == "情况.yaml:4"
    assert p.field == "乡镇 › 名称"
    assert "第2行和第4行" in p.message


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    text = MINIMAL_HEAD + "指标:\n  - 名称: 及时率\n    本镇: 90\n    全县平均值: 92\n"
    [p] = problems_of(write(tmp_path, text))
    assert (p.where, p.field) == ("情况.yaml:8", "指标 › 第1项")
    assert p.message == "未知的项【全县平均值】，是不是【全县平均】？"  # an older name still read
    assert "上级平均" in p.hint and "数值" in p.hint  # the hint lists the current names


def test_unknown_top_level_key_without_close_match(tmp_path: Path) -> None:
    [p] = problems_of(write(tmp_path, MINIMAL_HEAD + "备注甲乙丙: 无\n"))
    assert (p.where, p.field, p.message) == ("情况.yaml:5", "", "未知的项【备注甲乙丙】")
    assert "乡镇" in p.hint and "结语" in p.hint


@pytest.mark.parametrize("written", ["原因:\n", "原因: []\n"])
def test_empty_section_is_reported(tmp_path: Path, written: str) -> None:
    [p] = problems_of(write(tmp_path, MINIMAL_HEAD + written))
    assert (p.where, p.field) == ("情况.yaml:5", "原因")
    assert "空的" in p.message or "至少要填一条" in p.message


def test_missing_required_sections_for_speech(tmp_path: Path) -> None:
    text = VALID.replace(
        "原因:\n  - 判断: 村级信息员变动频繁\n    说明: 新任人员对流程不熟悉\n", ""
    )
    assert "原因" not in text
    problems = problems_of(write(tmp_path, text), "speech")
    assert [(p.where, p.message) for p in problems] == [
        ("情况.yaml", "生成讲话稿需要【原因】一节，文件中没有")
    ]
    # Without a document kind the same file is fine.
    assert load_situation(write(tmp_path, text)).situation.causes is None


def test_empty_closing_counts_as_missing_for_speech(tmp_path: Path) -> None:
    text = VALID.replace("结语: 让我们扎实工作，把各项任务落到实处。", "结语:")
    [p] = problems_of(write(tmp_path, text), "speech")
    assert (p.where, p.field) == ("情况.yaml:40", "结语")
    assert p.message == "生成讲话稿需要【结语】，但这一项是空的"


def test_mapping_where_list_expected(tmp_path: Path) -> None:
    text = MINIMAL_HEAD + "任务:\n  标题: 核查\n  措施: [入户]\n"
    [p] = problems_of(write(tmp_path, text))
    assert (p.where, p.field) == ("情况.yaml:5", "任务")
    assert p.message.startswith("应为列表")
    assert "- " in p.hint


def test_missing_field_points_at_parent(tmp_path: Path) -> None:
    text = "乡镇:\n  名称: 清河镇\n主题: 人口\n指标:\n  - 名称: 户数\n    单位: 户\n"
    problems = problems_of(write(tmp_path, text))
    assert [(p.where, p.field, p.message) for p in problems] == [
        ("情况.yaml:1", "乡镇", "缺少必填项【所属县】"),
        ("情况.yaml:5", "指标 › 第1项", "缺少必填项【数值】"),
    ]


def test_enum_and_type_messages(tmp_path: Path) -> None:
    text = (
        MINIMAL_HEAD
        + "会议:\n  - 名称: 会\n指标:\n  - 名称: 户数\n    本镇: 3\n    方向: 越大越好\n"
    )
    problems = problems_of(write(tmp_path, text))
    assert [(p.where, p.field) for p in problems] == [
        ("情况.yaml:5", "会议"),
        ("情况.yaml:10", "指标 › 第1项 › 方向"),
    ]
    assert problems[0].message == "应为“名称: 内容”的形式，不是列表"
    assert problems[1].message == "只能填“越高越好”或“越低越好”（现在是“越大越好”）"


def test_three_errors_are_reported_together(tmp_path: Path) -> None:
    text = (
        "乡镇:\n  名称: 清河镇\n  所属县: 平川县\n  所属县: 平川\n主题: 人口\n"
        "指标:\n  - 名称: 户数\n    本镇: 1,200\n"
        "问题:\n  - 内容: 漏登\n    指标: 户口数\n"
    )
    problems = problems_of(write(tmp_path, text))
    assert [(p.where, p.field) for p in problems] == [
        ("情况.yaml:4", "乡镇 › 所属县"),
        ("情况.yaml:8", "指标 › 第1项 › 本镇"),
        ("情况.yaml:11", "问题 › 第1项 › 指标"),
    ]
    assert "第3行和第4行" in problems[0].message
    assert "千分位" in problems[1].message
    assert problems[2].message == "没有名为“户口数”的指标，是不是“户数”？"


def test_indicator_names_must_be_unique(tmp_path: Path) -> None:
    text = MINIMAL_HEAD + "指标:\n  - 名称: 户数\n    本镇: 1\n  - 名称: 户数\n    本镇: 2\n"
    [p] = problems_of(write(tmp_path, text))
    assert (p.where, p.field) == ("情况.yaml:8", "指标 › 第2项 › 名称")
    assert "与第1项重复（第6行）" in p.message


def test_gbk_file(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("\n", "\r\n"), encoding="gbk")
    assert path.read_bytes()[:3] != b"\xef\xbb\xbf"
    s = load_situation(path, "speech").situation
    assert s.township.name == "清河镇"
    assert s.closing.endswith("落到实处。")


def test_utf8_bom_file(tmp_path: Path) -> None:
    loaded = load_situation(write(tmp_path, VALID, encoding="utf-8-sig"))
    assert loaded.situation.township.county == "平川县"
    assert loaded.line_of(("乡镇",)) == 2


def test_utf16_file(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("\n", "\r\n"), encoding="utf-16")
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert read_text(path) == VALID
    assert load_situation(path).situation.topic == "人口监测与家庭发展"


def test_undecodable_bytes_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "情况.yaml"
    path.write_bytes("主题: 人口\n".encode() + b"\xff\xfe\xfd garbage\x80\n")
    with pytest.raises(InputError) as info:
        load_situation(path)
    [p] = info.value.problems
    assert p.where == "情况.yaml:2"
    assert "无法识别文件的文字编码" in p.message
    assert "UTF-8" in p.hint and "另存为" in p.hint


def test_gb18030_reading_must_look_like_chinese(tmp_path: Path) -> None:
    # Valid GB18030 byte pairs, but they decode to no Chinese character at all.
    path = tmp_path / "x.txt"
    path.write_bytes(b"abc \xa8\xa4\xa8\xa2\n")
    with pytest.raises(InputError, match=r"无法读取文件：x\.txt"):
        read_text(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_text(tmp_path / "没有.yaml")
    assert info.value.problems[0].message == "找不到这个文件"


def test_syntax_error_with_line(tmp_path: Path) -> None:
    text = "乡镇:\n  名称:清河镇\n  所属县: 平川县\n主题: 人口\n"
    [p] = problems_of(write(tmp_path, text))
    assert p.where == "情况.yaml:3"
    assert p.message.startswith("第3行第6列附近 YAML 格式错误：")
    assert "第2行冒号后缺空格" in p.hint


def test_fullwidth_colon_is_named(tmp_path: Path) -> None:
    text = "主题: 人口\n乡镇：清河镇\n结语: 好\n"
    [p] = problems_of(write(tmp_path, text))
    assert p.where == "情况.yaml:3"
    assert "第2行用了中文冒号" in p.hint


def test_tab_indentation(tmp_path: Path) -> None:
    text = "乡镇:\n  名称: 清河镇\n\t所属县: 平川县\n主题: 人口\n"
    [p] = problems_of(write(tmp_path, text))
    assert p.where == "情况.yaml:3"
    assert "Tab 键缩进" in p.message
    assert "空格" in p.hint


def test_anchor_and_alias_rejected(tmp_path: Path) -> None:
    text = "乡镇:\n  名称: &n 清河镇\n  所属县: *n\n主题: 人口\n"
    problems = problems_of(write(tmp_path, text))
    assert [p.where for p in problems] == ["情况.yaml:2", "情况.yaml:3"]
    assert all("锚点" in p.message for p in problems)


def test_empty_file_and_top_level_list(tmp_path: Path) -> None:
    [p] = problems_of(write(tmp_path, "# 只有注释\n"))
    assert p.message == "文件是空的（或只有注释）"
    [p] = problems_of(write(tmp_path, "- 主题\n- 乡镇\n"))
    assert p.where == "情况.yaml:1"
    assert "现在是列表" in p.message


def test_parse_yaml_marks_and_nulls() -> None:
    value, marks = parse_yaml("a:\n  - \n  - '~'\nb: ~\nc: ''\n", "x.yaml")
    assert value == {"a": [None, "~"], "b": None, "c": ""}
    assert marks[("a", 1)] == 3
    assert marks[("b",)] == 4


def test_format_message_lists_every_problem(tmp_path: Path) -> None:
    text = MINIMAL_HEAD + "指标:\n  - 名称: 户数\n    本镇: 3%\n    目标: 05\n"
    with pytest.raises(InputError) as info:
        load_situation(write(tmp_path, text))
    out = info.value.format_message()
    assert "（共 2 处）" in out
    assert "情况.yaml:7：【指标 › 第1项 › 本镇】" in out
    assert "情况.yaml:8：【指标 › 第1项 › 目标】" in out


def test_empty_text_and_dash_without_space(tmp_path: Path) -> None:
    text = "乡镇:\n  名称: 清河镇\n  所属县: 平川县\n主题:\n成绩:\n  -做到应登尽登\n"
    problems = problems_of(write(tmp_path, text))
    assert [(p.where, p.field, p.message) for p in problems] == [
        ("情况.yaml:4", "主题", "还没有填写"),
        ("情况.yaml:5", "成绩", "应为列表"),
    ]
    assert problems[0].hint == (
        "请填写这项工作的名称，出现在标题和各段中（文字），如“人口和家庭发展工作”"
    )
    assert "减号后面要有一个空格" in problems[1].hint


def test_invisible_control_character(tmp_path: Path) -> None:
    [p] = problems_of(write(tmp_path, "主题: 人口\n结语: 好\x07\n"))
    assert p.where == "情况.yaml:2"
    assert p.message == "第2行有不可见的特殊字符（#x0007）"


def test_an_unquoted_percent_sign_is_told_to_be_quoted(tmp_path: Path) -> None:
    text = MINIMAL_HEAD + "指标:\n  - 名称: 及时率\n    单位: %\n    数值: 85\n"
    [p] = problems_of(write(tmp_path, text))
    assert p.where == "情况.yaml:7"
    assert "不能以“%”开头" in p.message and '单位: "%"' in p.hint


def test_an_unclosed_quote_is_named_where_it_opens(tmp_path: Path) -> None:
    """The scanner runs on to the next quote, lines further down: the slip is above."""
    text = MINIMAL_HEAD.replace("主题: 人口", '主题: "人口') + (
        '指标:\n  - 名称: 及时率\n    单位: "%"\n    数值: 85\n'
    )
    [p] = problems_of(write(tmp_path, text))
    assert p.where == "情况.yaml:4"
    assert "引号没有配对" in p.message and "第7行" in p.message


def test_an_unclosed_quote_at_the_end_is_named_where_it_opens(tmp_path: Path) -> None:
    text = MINIMAL_HEAD + '会议:\n  名称: "推进会\n  主办: 镇政府\n'
    [p] = problems_of(write(tmp_path, text))
    assert p.where == "情况.yaml:6"
    assert "引号没有配对" in p.message
