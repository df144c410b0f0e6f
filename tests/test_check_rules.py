"""Each rule family: planted errors are found at the right characters, look-alikes are not."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.check import CheckConfig, check_text


def codes(text: str, **config: object) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in check_text(text, CheckConfig(**config))]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各村要再接再励，争取更大成绩。", ("TY01", "再接再励")),
        ("镇党委认真布署秋冬季工作。", ("TY01", "布署")),
        ("截止目前，全镇已登记新生儿四十二名。", ("TY01", "截止目前")),
        ("该项工作以经完成。", ("TY01", "以经")),
        ("请各村按时做好流动人口迁徒登记。", ("TY01", "迁徒")),
        ("子女有瞻养父母的义务。", ("TY01", "瞻养")),
    ],
)
def test_typos_found(text: str, expected: tuple[str, str]) -> None:
    assert expected in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "坚持以经济建设为中心。",  # 以经 inside 以经济
        "数据应当以经核实的报表为准。",  # a listed exception
        "我们要再接再厉，截至目前已完成部署。",
        "以经验丰富的干部带新手。",
    ],
)
def test_typo_look_alikes_pass(text: str) -> None:
    assert not [c for c in codes(text) if c[0] == "TY01"]


def test_fixed_expression_outside_quotes_only() -> None:
    assert ("FX01", "以习近平为核心的党中央") in codes("紧密团结在以习近平为核心的党中央周围。")
    assert codes("紧密团结在以习近平同志为核心的党中央周围。") == []
    assert not codes("该文写作“以习近平为核心的党中央”，已更正。")


def test_variants_and_consistency() -> None:
    assert ("VA01", "成份") in codes("化肥的主要成份是氮。")
    assert codes("化肥的主要成分是氮。") == []
    found = codes("其他村已完成，其它村要抓紧，其他工作照常。")
    assert found == [("US01", "其它")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("会议时间:11月28日。", ("PU01", ":")),
        ("我们要加强领导,落实责任。", ("PU01", ",")),
        ("请于本周内报送(含电子版)。", ("PU01", "(")),
        ("共有１２个村参加。", ("PU02", "１２")),
        ("他说：“要抓好落实。", ("PU03", "“")),
        ("要学习《关于《人口与计划生育法》的说明》。", ("PU04", "《")),
        ("要抓紧，，不要拖。", ("PU05", "，，")),
        ("每村选派三、四名网格员。", ("PU06", "三、四")),
        ("宣传、教育、和服务并重。", ("PU07", "、和")),
        ("（一）、加强组织领导", ("PU08", "（一）、")),
        ("1、摸清底数", ("PU08", "1、")),
    ],
)
def test_punctuation_found(text: str, expected: tuple[str, str]) -> None:
    assert expected in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "增长3.5个百分点，9:30开会，收入1,200元。",
        "1.摸清底数",
        "网址 https://www.gov.cn/zhengce/ 可以查询。",
        "The rate is 3.5%, stable.",
        "他说：“要抓好落实。”",
        "学习《关于〈人口与计划生育法〉的说明》。",
        "全面、及时、准确地报送数据。",
        "要与发展经济相结合、与帮助群众致富相结合。",
        "一、加强组织领导",
        "第一、二季度完成。",
    ],
)
def test_punctuation_look_alikes_pass(text: str) -> None:
    assert [c for c in codes(text) if c[0].startswith("PU")] == []


def test_quotation_spanning_paragraphs_is_balanced() -> None:
    text = "他说：“第一段话。\n“第二段话。”"
    assert [c for c in codes(text) if c[0] == "PU03"] == []


def test_title_full_stop() -> None:
    from docgen.check import check_units
    from docgen.check.units import Unit

    found = check_units([Unit("关于做好秋冬季工作的通知。", "title")])
    assert [(f.code, f.text) for f in found] == [("PU09", "。")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("完成率达到95 %。", ("NU01", " ")),
        ("增幅为15～30%。", ("NU02", "15～30%")),
        ("26年3月起实施。", ("NU03", "26年")),
        ("二零二六年工作要点", ("NU04", "二零二六")),
        ("二○二六年工作要点", ("NU04", "二○二六")),
        ("11月28号上午报到。", ("NU05", "11月28号")),
        ("会议定于2026.11.28召开。", ("NU05", "2026.11.28")),
        ("2026年03月05日印发", ("NU06", "03")),
        ("2026年2月30日前完成。", ("NU07", "2026年2月30日")),
        ("2026年11月28日（星期一）召开。", ("NU08", "一")),
    ],
)
def test_numbers_found(text: str, expected: tuple[str, str]) -> None:
    assert expected in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "完成率达到95%，增幅为15%～30%。",
        "二〇二六年工作要点",
        "2026年11月28日（星期六）召开，2024年2月29日也有效。",
        "2026年3月5日印发，版本号为1.2.3。",
        "一九九〇年代以来",
    ],
)
def test_numbers_look_alikes_pass(text: str) -> None:
    assert [c for c in codes(text) if c[0].startswith("NU")] == []


def test_numbering_gaps_repeats_and_reset() -> None:
    text = "一、总体要求\n（一）目标\n（三）原则\n二、重点任务\n（一）摸底\n（二）服务\n（二）宣传"
    found = [c for c in codes(text) if c[0] == "NB01"]
    assert found == [("NB01", "三"), ("NB01", "二")]


def test_ordinal_words_sequence() -> None:
    assert ("NB01", "三") in codes("一是加强领导；三是强化保障。")
    assert codes("一是加强领导；二是强化保障；三是严格考核。") == []
    assert codes("统一是前提，唯一是目标。") == []


def test_announced_count() -> None:
    found = codes("重点抓好以下三项工作：\n1.摸底\n2.宣传\n3.服务\n4.考核")
    assert ("NB02", "三") in found
    assert codes("一、任务\n重点抓好以下三项工作：\n1.摸底\n2.宣传\n3.服务\n二、保障") == []
    assert ("NB02", "两") in codes("做好以下两项工作：一是摸底；二是宣传；三是服务。")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("请XX村于××日前报送。", [("PH01", "XX"), ("PH01", "××")]),
        ("20xx年工作总结", [("PH01", "20xx")]),
        ("联系人：***", [("PH01", "***")]),
        ("截至【待补】月底", [("PH01", "【待补】")]),
        ("尊敬的{{ 称呼 }}：", [("PH02", "{{ 称呼 }}")]),
    ],
)
def test_placeholders(text: str, found: list[tuple[str, str]]) -> None:
    assert [c for c in codes(text) if c[0].startswith("PH")] == found


def test_placeholder_look_alikes_pass() -> None:
    assert codes("型号为XXL的防护服；二〇〇八年建成。") == []


def test_dedi_word_list_hints_give_way_to_sure_warnings() -> None:
    found = check_text("要认真的学习文件，工作做的很好。")
    assert [(f.code, f.severity.value) for f in found] == [("DE03", "warning"), ("DE05", "warning")]
    found = check_text("认真的学习文件，做的很好的工作")
    assert [(f.code, f.severity.value) for f in found] == [("DE01", "hint"), ("DE02", "hint")]
    assert codes("实施积极的就业政策，认真地学习。") == []


def test_outdated_terms_respect_validity_window() -> None:
    text = "严禁征收社会抚养费。"
    assert codes(text, as_of=dt.date(2026, 1, 1)) == [("OT01", "征收社会抚养费")]
    assert codes(text, as_of=dt.date(2019, 1, 1)) == []
    period = check_text("“十四五”规划", CheckConfig(as_of=dt.date(2026, 5, 1)))
    assert [(f.code, f.severity.value) for f in period] == [("OT02", "hint")]


def test_config_switches_rules_off_and_changes_severity() -> None:
    text = "再接再励,加油。"
    assert {c for c, _ in codes(text)} == {"TY01", "PU01"}
    config = CheckConfig.from_dict({"关闭": ["标点"], "级别": {"TY01": "警告"}})
    found = check_text(text, config)
    assert [(f.code, f.severity.value) for f in found] == [("TY01", "warning")]


def test_bad_config_reports_all_problems() -> None:
    from docgen.errors import InputError

    with pytest.raises(InputError) as info:
        CheckConfig.from_dict({"关闭": ["XX99"], "级别": {"TY01": "严重"}})
    assert len(info.value.problems) == 2
