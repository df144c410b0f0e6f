"""Office profiles and checks across fields: each slip named at its file:line, in Chinese."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.data.load import LoadedOffice, load_office, load_situation
from docgen.data.schema import PlanIssuing
from docgen.errors import InputError, Problem

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

SITUATION = """\
乡镇:
  名称: 清河镇
  所属县: 平川县
主题: 人口和家庭发展
单位设置: offices/单位.yaml
会议:
  名称: 全镇人口工作推进会
  主办: 镇政府
  日期: 2026-11-28
  讲话人:
    姓名: 李明
    职务: 镇长
  主要任务: 部署自查整改
成绩:
  - 登记服务更便捷
原因:
  - 判断: 认识不到位
    说明: 重视不够
任务:
  - 标题: 抓好出生登记
    措施:
      - 每月核对
    时限: 2026-12-31
问题:
  - 内容: 部分村出生登记不及时，代办作用发挥不够
    村: 东坪村
    整改措施: 明确代办员
    责任人: 王强
    整改时限: 2026-12-31
  - 内容: 育儿补贴申领进度不平衡
    整改措施: 建立台账
    责任人: 张红
    整改时限: 2027-01-20
自查:
  名称: 人口工作自查整改
  依据:
    文件: 《平川县卫生健康局关于开展自查整改的通知》
    字号: 平卫发〔2026〕7号
  目的: 查找短板
  目标: 问题整改到位
  范围: 全镇各村
  内容:
    - 生育登记
  阶段:
    - 名称: 动员部署
      开始: 2026-12-01
      结束: 2026-12-05
      内容: 召开会议
    - 名称: 自查自纠
      开始: 2026-12-06
      结束: 2026-12-31
      内容: 逐项排查
    - 名称: 总结验收
      开始: 2027-01-01
      结束: 2027-01-31
      内容: 组织验收
  报送:
    时限: 2026-12-20
    单位: 镇卫生健康办
    联系人: 赵六
    电话: 0799-5550100
发文:
  通知:
    序号: 12
    成文日期: 2026-11-30
  方案:
    序号: 13
    成文日期: 2026-11-30
  报告:
    序号: 2
    成文日期: 2027-02-03
    签发人:
      - 李明
  通报:
    序号: 1
    成文日期: 2027-01-22
检查:
  开始: 2027-01-10
  结束: 2027-01-15
  方式: 交叉检查
  结果:
    - 村: 东坪村
      得分: 92
      等次: 优秀
      情况: 台账完整
    - 村: 西岭村
      等次: 较差
      情况: 整改滞后
纪要:
  期号: 5
  日期: 2026-11-27
  地点: 镇政府会议室
  主持:
    姓名: 李明
    职务: 镇长
  议题:
    - 研究自查整改
  议定事项:
    - 内容: 同意印发实施方案
      责任单位: 镇卫生健康办
      时限: 2026-11-30
  出席:
    - 李明
"""

OFFICE = """\
发文机关:
  全称: 清河镇人民政府
  标志: 清河镇人民政府文件
  署名: 清河镇人民政府
  代字:
    通知: 清政发
    方案: 清政发
    报告: 清政报
    通报: 清政通
纪要标志: 清河镇党政联席会议纪要
印发机关: 清河镇党政办公室
主送: 各村（社区）
上级机关: 平川县卫生健康局
落款: 盖章
方案发文: 附件
"""

OFFICE_KINDS = ("notice", "plan", "report", "bulletin", "minutes")


def line(text: str, *needles: str) -> int:
    """1-based line of the last needle, each searched after the line of the one before."""
    lines = text.split("\n")
    at = -1
    for needle in needles:
        at = next(i for i in range(at + 1, len(lines)) if needle in lines[i])
    return at + 1


def write(tmp_path: Path, situation: str = SITUATION, office: str | None = OFFICE) -> Path:
    path = tmp_path / "情况.yaml"
    path.write_text(situation, encoding="utf-8")
    if office is not None:
        (tmp_path / "offices").mkdir(exist_ok=True)
        (tmp_path / "offices" / "单位.yaml").write_text(office, encoding="utf-8")
    return path


def fails(path: Path, kind: str | None = "notice") -> InputError:
    """The problems of a bad pair of files, checked both in the library and at the command line."""
    with pytest.raises(InputError) as info:
        load_situation(path, kind)
    if kind is not None:
        through_the_cli(path, kind, info.value.problems)
    return info.value


def through_the_cli(path: Path, kind: str, problems: list[Problem]) -> None:
    """``docgen render``: exit 1, each problem with its file:line and field, nothing written."""
    out = path.parent / "输出"
    result = CliRunner().invoke(main, ["render", kind, str(path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for problem in problems:
        assert problem.format() in result.output
    assert not out.exists()


def one(path: Path, kind: str | None = "notice") -> Problem:
    [problem] = fails(path, kind).problems
    return problem


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# --- loading the profile ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", OFFICE_KINDS)
def test_valid_pair_loads_with_office(tmp_path: Path, kind: str) -> None:
    loaded = load_situation(write(tmp_path), kind)
    assert isinstance(loaded.office, LoadedOffice)
    assert loaded.office.path == tmp_path / "offices" / "单位.yaml"
    assert loaded.office.office.organ.codes["报告"] == "清政报"
    assert loaded.office.office.plan_issuing is PlanIssuing.ATTACHMENT
    assert loaded.office.where(("发文机关", "代字", "通报")) == f"单位.yaml:{line(OFFICE, '通报')}"


def test_office_not_loaded_when_kind_does_not_need_it(tmp_path: Path) -> None:
    path = write(tmp_path, office=None)  # the profile file does not exist
    assert load_situation(path).office is None
    assert one(path, "notice").message.startswith("找不到单位设置文件")


def test_load_office_alone(tmp_path: Path) -> None:
    path = tmp_path / "单位.yaml"
    path.write_text(OFFICE, encoding="utf-8")
    office = load_office(path)
    assert office.office.organ.full_name == "清河镇人民政府"
    assert office.line_of(("上级机关",)) == line(OFFICE, "上级机关")


def test_load_office_reports_schema_problems_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "单位.yaml"
    text = edit(edit(OFFICE, "印发机关:", "印发机构:"), "落款: 盖章", "落款: 签章")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_office(path)
    assert info.value.summary == "单位设置文件有误：单位.yaml"
    assert [(p.where, p.field, p.message) for p in info.value.problems] == [
        ("单位.yaml:1", "", "缺少必填项【印发机关】"),
        (f"单位.yaml:{line(text, '印发机构')}", "", "未知的项【印发机构】，是不是【印发机关】？"),
        (f"单位.yaml:{line(text, '落款')}", "落款", "只能填“盖章”或“不盖章”（现在是“签章”）"),
    ]
    # The hint for an unknown key lists the profile's keys, not the situation's.
    assert "纪要标志" in info.value.problems[1].hint
    assert "乡镇" not in info.value.problems[1].hint


def test_missing_office_file_names_the_path(tmp_path: Path) -> None:
    path = write(tmp_path, edit(SITUATION, "offices/单位.yaml", "offices/青石.yaml"))
    p = one(path)
    assert p.where == f"情况.yaml:{line(SITUATION, '单位设置')}"
    assert p.field == "单位设置"
    assert p.message == f"找不到单位设置文件：{tmp_path / 'offices' / '青石.yaml'}"
    assert "情况文件所在的文件夹" in p.hint


def test_office_syntax_error_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, office=edit(OFFICE, "主送: 各村（社区）", "主送：各村（社区）"))
    error = fails(path)
    assert error.summary == "单位设置文件有误：单位.yaml（情况.yaml 引用）"
    [p] = error.problems
    assert p.where.startswith("单位.yaml:")
    assert "YAML 格式错误" in p.message


def test_problems_of_both_files_are_reported_together(tmp_path: Path) -> None:
    situation = edit(SITUATION, "序号: 12", "序号: 012")
    office = edit(OFFICE, "通知: 清政发", "通知: 清政发〔2026〕")
    error = fails(write(tmp_path, situation, office))
    assert error.summary == "情况文件和单位设置文件有误：情况.yaml、单位.yaml"
    assert [(p.where, p.field) for p in error.problems] == [
        (f"情况.yaml:{line(situation, '序号: 012')}", "发文 › 通知 › 序号"),
        (f"单位.yaml:{line(office, '通知: 清政发')}", "发文机关 › 代字 › 通知"),
    ]
    assert "未写出任何文件" in error.format_message()


# --- 机关代字 and 序号 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "slip", "fixed"),
    [
        ("清政发〔2026〕", "带了年份、括号或数字", "清政发"),
        ("清政发2026", "带了年份、括号或数字", "清政发"),
        ("清政 发", "有空格", "清政发"),
        ("清政发第", "带了“第”字", "清政发"),
        ("清政-发", "含有汉字和字母以外的符号", None),
    ],
)
def test_office_code_format(tmp_path: Path, code: str, slip: str, fixed: str | None) -> None:
    office = edit(OFFICE, "通知: 清政发", f'通知: "{code}"')
    p = one(write(tmp_path, office=office))
    assert p.where == f"单位.yaml:{line(office, '通知:')}"
    assert p.field == "发文机关 › 代字 › 通知"
    assert p.message == f"机关代字“{code}”{slip}"
    if fixed:
        assert p.hint.startswith(f"请改为“{fixed}”；")
    else:
        assert not p.hint.startswith("请改为")


def test_office_code_kind_must_be_known(tmp_path: Path) -> None:
    office = edit(OFFICE, "方案: 清政发", "实施方案: 清政发")
    error = fails(write(tmp_path, office=office))
    assert [(p.where, p.field, p.message) for p in error.problems] == [
        (
            f"单位.yaml:{line(office, '代字')}",
            "发文机关 › 代字",
            "缺少【方案】的机关代字：情况文件 情况.yaml 的【发文】里有方案"
            f"（第{line(SITUATION, '  方案:')}行）",
        ),
        (
            f"单位.yaml:{line(office, '实施方案')}",
            "发文机关 › 代字 › 实施方案",
            "不认识的文种【实施方案】，是不是【方案】？",
        ),
    ]


def test_code_needed_for_each_dispatched_kind(tmp_path: Path) -> None:
    office = edit(OFFICE, "    通报: 清政通\n", "")
    p = one(write(tmp_path, office=office), "minutes")
    assert (p.where, p.field) == (f"单位.yaml:{line(office, '代字')}", "发文机关 › 代字")
    assert p.message.startswith("缺少【通报】的机关代字")
    assert f"第{line(SITUATION, '通报:')}行" in p.message
    assert "通报: …" in p.hint


@pytest.mark.parametrize(
    ("serial", "words"),
    [
        ("012", "“012”有前导0：序号不编虚位，请写 12"),
        ("第12", "“第12”：序号不加“第”字，请只写数字"),
    ],
)
def test_serial_number(tmp_path: Path, serial: str, words: str) -> None:
    situation = edit(SITUATION, "序号: 12", f"序号: {serial}")
    p = one(write(tmp_path, situation))
    assert (p.where, p.field, p.message) == (
        f"情况.yaml:{line(situation, f'序号: {serial}')}",
        "发文 › 通知 › 序号",
        words,
    )


def test_minutes_serial_number(tmp_path: Path) -> None:
    situation = edit(SITUATION, "期号: 5", "期号: 05")
    p = one(write(tmp_path, situation), "minutes")
    assert (p.where, p.field) == (f"情况.yaml:{line(situation, '期号')}", "纪要 › 期号")
    assert "有前导0" in p.message


# --- the basis document -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "slip"),
    [
        ("平卫发[2026]7号", "年份要用六角括号“〔〕”，不能用“[]”"),
        ("平卫发(2026)7号", "年份要用六角括号“〔〕”，不能用“()”"),
        ("平卫发（2026）7号", "年份要用六角括号“〔〕”，不能用“（）”"),
        ("平卫发【2026】7号", "年份要用六角括号“〔〕”，不能用“【】”"),
        ("平卫发〔2026〕第7号", "序号前不加“第”字"),
        ("平卫发〔2026〕007号", "序号不编虚位，不能有前导0"),
        ("平卫发〔2026〕7", "字号最后要有“号”字"),
        ("平卫发 〔2026〕7号", "字号中不应有空格"),
    ],
)
def test_basis_number_slips(tmp_path: Path, number: str, slip: str) -> None:
    situation = edit(SITUATION, "字号: 平卫发〔2026〕7号", f'字号: "{number}"')
    p = one(write(tmp_path, situation), None)
    assert p.where == f"情况.yaml:{line(situation, '字号:')}"
    assert p.field == "自查 › 依据 › 字号"
    assert p.message == f"依据文件的字号“{number}”有误：{slip}"
    assert p.hint.startswith("请改为“平卫发〔2026〕7号”；")


def test_basis_number_two_slips_and_short_year(tmp_path: Path) -> None:
    situation = edit(SITUATION, "字号: 平卫发〔2026〕7号", "字号: 平卫发[26]第7")
    p = one(write(tmp_path, situation), None)
    assert p.message == (
        "依据文件的字号“平卫发[26]第7”有误：年份要用六角括号“〔〕”，不能用“[]”；序号前不加“第”字；"
        "字号最后要有“号”字；年份要写全四位，如〔2026〕"
    )
    assert not p.hint.startswith("请改为")


def test_basis_title_needs_book_marks(tmp_path: Path) -> None:
    situation = edit(
        SITUATION,
        "文件: 《平川县卫生健康局关于开展自查整改的通知》",
        "文件: 平川县卫生健康局关于开展自查整改的通知",
    )
    p = one(write(tmp_path, situation), None)
    assert (p.where, p.field) == (f"情况.yaml:{line(situation, '文件:')}", "自查 › 依据 › 文件")
    assert p.message == "依据文件的名称“平川县卫生健康局关于开展自查整改的通知”要用书名号《》括起来"
    assert p.hint == "请写成“《平川县卫生健康局关于开展自查整改的通知》”"


# --- dates --------------------------------------------------------------------------------------


def test_stage_ending_before_it_starts(tmp_path: Path) -> None:
    situation = edit(SITUATION, "结束: 2026-12-05", "结束: 2026-11-05")
    p = one(write(tmp_path, situation), None)
    assert (p.where, p.field) == (
        f"情况.yaml:{line(situation, '结束: 2026-11-05')}",
        "自查 › 阶段 › 第1项 › 结束",
    )
    assert p.message == "阶段“动员部署”的结束日期（2026年11月5日）早于开始日期（2026年12月1日）"


def test_stages_overlap(tmp_path: Path) -> None:
    situation = edit(SITUATION, "开始: 2027-01-01", "开始: 2026-12-30")
    p = one(write(tmp_path, situation), None)
    assert (p.where, p.field) == (
        f"情况.yaml:{line(situation, '开始: 2026-12-30')}",
        "自查 › 阶段 › 第3项 › 开始",
    )
    assert p.message == (
        "阶段“总结验收”的开始日期（2026年12月30日）不晚于上一阶段“自查自纠”的结束日期（2026年12月31日）"
    )


def test_stages_out_of_order(tmp_path: Path) -> None:
    situation = edit(
        edit(SITUATION, "开始: 2026-12-06", "开始: 2027-02-06"),
        "结束: 2026-12-31",
        "结束: 2027-02-20",
    )
    p = one(write(tmp_path, situation), None)
    assert p.field == "自查 › 阶段 › 第3项 › 开始"
    assert "不晚于上一阶段“自查自纠”的结束日期（2027年2月20日）" in p.message


def test_notice_dated_after_the_campaign_began(tmp_path: Path) -> None:
    situation = edit(
        SITUATION,
        "    序号: 12\n    成文日期: 2026-11-30",
        "    序号: 12\n    成文日期: 2026-12-02",
    )
    p = one(write(tmp_path, situation), None)
    assert (p.where, p.field) == (
        f"情况.yaml:{line(situation, '成文日期: 2026-12-02')}",
        "发文 › 通知 › 成文日期",
    )
    assert p.message == (
        "通知的成文日期（2026年12月2日）晚于第一个阶段“动员部署”的开始日期（2026年12月1日）"
    )


def test_issue_deadline_after_the_campaign(tmp_path: Path) -> None:
    situation = edit(SITUATION, "整改时限: 2027-01-20", "整改时限: 2027-02-10")
    p = one(write(tmp_path, situation), None)
    assert (p.where, p.field) == (
        f"情况.yaml:{line(situation, '2027-02-10')}",
        "问题 › 第2项 › 整改时限",
    )
    assert p.message == (
        "整改时限（2027年2月10日）晚于自查整改最后一个阶段“总结验收”的结束日期（2027年1月31日）"
    )


def test_issue_deadline_before_the_notice(tmp_path: Path) -> None:
    situation = edit(SITUATION, "整改时限: 2026-12-31", "整改时限: 2026-11-20")
    p = one(write(tmp_path, situation), None)
    assert p.field == "问题 › 第1项 › 整改时限"
    assert p.message == "整改时限（2026年11月20日）早于通知的成文日期（2026年11月30日）"


def test_task_deadline_before_the_notice(tmp_path: Path) -> None:
    before = "每月核对\n    时限: 2026-12-31"
    situation = edit(SITUATION, before, "每月核对\n    时限: 2026-11-29")
    p = one(write(tmp_path, situation), None)
    assert p.where == f"情况.yaml:{line(situation, '2026-11-29')}"
    assert p.field == "任务 › 第1项 › 时限"
    assert p.message == (
        "任务“抓好出生登记”的时限（2026年11月29日）早于通知的成文日期（2026年11月30日）"
    )
    # Without a notice, the campaign's first day is the bound.
    situation = edit(situation, "  通知:\n    序号: 12\n    成文日期: 2026-11-30\n", "")
    p = one(write(tmp_path, situation), None)
    assert p.message == (
        "任务“抓好出生登记”的时限（2026年11月29日）早于第一个阶段“动员部署”的开始日期（2026年12月1日）"
    )
    # Without a campaign (a speech alone) there is no bound.
    start, end = situation.index("自查:\n"), situation.index("发文:\n")
    assert load_situation(write(tmp_path, situation[:start] + situation[end:])).situation.tasks


def test_task_deadline_may_run_past_the_campaign(tmp_path: Path) -> None:
    before = "每月核对\n    时限: 2026-12-31"
    situation = edit(SITUATION, before, "每月核对\n    时限: 2027-03-31")
    loaded = load_situation(write(tmp_path, situation), "report")
    assert loaded.situation.tasks[0].deadline.month == 3


def test_submission_deadline_outside_the_campaign(tmp_path: Path) -> None:
    situation = edit(SITUATION, "时限: 2026-12-20", "时限: 2027-02-20")
    p = one(write(tmp_path, situation), None)
    assert p.where == f"情况.yaml:{line(situation, '2027-02-20')}"
    assert p.field == "自查 › 报送 › 时限"
    assert p.message.startswith("报送时限（2027年2月20日）晚于自查整改最后一个阶段")


def test_report_dated_before_the_last_stage(tmp_path: Path) -> None:
    situation = edit(SITUATION, "成文日期: 2027-02-03", "成文日期: 2026-12-28")
    p = one(write(tmp_path, situation), "report")
    assert (p.where, p.field) == (
        f"情况.yaml:{line(situation, '2026-12-28')}",
        "发文 › 报告 › 成文日期",
    )
    assert p.message == (
        "自查报告的成文日期（2026年12月28日）早于最后一个阶段“总结验收”的开始日期（2027年1月1日）"
    )


def test_inspection_dates(tmp_path: Path) -> None:
    situation = edit(SITUATION, "结束: 2027-01-15", "结束: 2027-01-05")
    p = one(write(tmp_path, situation), "bulletin")
    assert (p.where, p.field) == (f"情况.yaml:{line(situation, '2027-01-05')}", "检查 › 结束")
    assert p.message == "检查的结束日期（2027年1月5日）早于开始日期（2027年1月10日）"


def test_bulletin_dated_before_the_inspection_ended(tmp_path: Path) -> None:
    situation = edit(SITUATION, "成文日期: 2027-01-22", "成文日期: 2027-01-12")
    p = one(write(tmp_path, situation), "bulletin")
    assert p.field == "发文 › 通报 › 成文日期"
    assert p.message == "通报的成文日期（2027年1月12日）早于检查的结束日期（2027年1月15日）"


def test_print_date_before_the_date(tmp_path: Path) -> None:
    situation = edit(SITUATION, "    序号: 13\n", "    序号: 13\n    印发日期: 2026-11-29\n")
    p = one(write(tmp_path, situation), None)
    assert p.where == f"情况.yaml:{line(situation, '印发日期')}"
    assert p.field == "发文 › 方案 › 印发日期"
    assert p.message == "方案的印发日期（2026年11月29日）早于成文日期（2026年11月30日）"


def test_decision_deadline_before_the_meeting(tmp_path: Path) -> None:
    situation = edit(SITUATION, "      时限: 2026-11-30", "      时限: 2026-11-20")
    p = one(write(tmp_path, situation), "minutes")
    assert p.field == "纪要 › 议定事项 › 第1项 › 时限"
    assert p.message == "议定事项的时限（2026年11月20日）早于会议日期（2026年11月27日）"


# --- the ledger, the report, villages -----------------------------------------------------------


@pytest.mark.parametrize("kind", ["plan", "report"])
def test_ledger_needs_measure_person_and_deadline(tmp_path: Path, kind: str) -> None:
    situation = edit(
        SITUATION,
        "    整改措施: 明确代办员\n    责任人: 王强\n    整改时限: 2026-12-31\n",
        "    责任人: 王强\n",
    )
    situation = edit(situation, "    责任人: 张红\n", "")
    path = write(tmp_path, situation)
    error = fails(path, kind)
    first, second = line(situation, "- 内容: 部分村"), line(situation, "- 内容: 育儿补贴")
    assert [(p.where, p.field, p.message) for p in error.problems] == [
        (
            f"情况.yaml:{first}",
            "问题 › 第1项",
            "第1个问题（“部分村出生登记不及时，代…”）缺少【整改措施】",
        ),
        (
            f"情况.yaml:{first}",
            "问题 › 第1项",
            "第1个问题（“部分村出生登记不及时，代…”）缺少【整改时限】",
        ),
        (
            f"情况.yaml:{second}",
            "问题 › 第2项",
            "第2个问题（“育儿补贴申领进度不平衡”）缺少【责任人】",
        ),
    ]
    # A notice carrying the plan and its 台账 as 附件 needs the same; one that does not, not.
    carried = fails(path, "notice").problems
    assert [p.message for p in carried] == [p.message for p in error.problems]
    office = edit(OFFICE, "方案发文: 附件", "方案发文: 印发通知")
    assert load_situation(write(tmp_path, situation, office), "notice").office is not None


def test_notice_carrying_the_plan_needs_its_problems(tmp_path: Path) -> None:
    situation = SITUATION[: SITUATION.index("问题:")] + SITUATION[SITUATION.index("自查:") :]
    p = one(write(tmp_path, situation), "notice")
    assert p.message.startswith("通知要把实施方案和整改台账作为附件一并印发")
    office = edit(OFFICE, "方案发文: 附件", "方案发文: 印发通知")
    assert load_situation(write(tmp_path, situation, office), "notice").office is not None


def test_report_needs_signer(tmp_path: Path) -> None:
    situation = edit(SITUATION, "    签发人:\n      - 李明\n", "")
    p = one(write(tmp_path, situation), "report")
    assert (p.where, p.field) == (f"情况.yaml:{line(situation, '报告:')}", "发文 › 报告")
    assert p.message == "报告是上行文，缺少【签发人】"
    assert load_situation(write(tmp_path, situation), "bulletin").office is not None


def test_report_needs_superior_office(tmp_path: Path) -> None:
    office = edit(OFFICE, "上级机关: 平川县卫生健康局\n", "")
    p = one(write(tmp_path, office=office), "report")
    assert (p.where, p.field) == (f"单位.yaml:{line(office, '主送')}", "主送")
    assert p.message == "生成报告需要【上级机关】（报告只主送一个上级机关）"


def test_report_superior_written_empty(tmp_path: Path) -> None:
    office = edit(OFFICE, "上级机关: 平川县卫生健康局", "上级机关:")
    p = one(write(tmp_path, office=office), "report")
    assert (p.where, p.field) == (f"单位.yaml:{line(office, '上级机关')}", "上级机关")


def test_report_has_one_superior_office(tmp_path: Path) -> None:
    office = edit(OFFICE, "上级机关: 平川县卫生健康局", "上级机关: 平川县卫生健康局、平川县民政局")
    p = one(write(tmp_path, office=office), "report")
    assert (p.where, p.field) == (f"单位.yaml:{line(office, '上级机关')}", "上级机关")
    assert p.message == "报告只能主送一个上级机关，这里写了几个：“平川县卫生健康局、平川县民政局”"
    assert "抄送" in p.hint
    # Only the report goes up: the notice does not care.
    assert load_situation(write(tmp_path, office=office), "notice").office is not None


def test_kind_needs_its_dispatch(tmp_path: Path) -> None:
    situation = edit(SITUATION, "  通报:\n    序号: 1\n    成文日期: 2027-01-22\n", "")
    p = one(write(tmp_path, situation), "bulletin")
    assert (p.where, p.field) == (f"情况.yaml:{line(situation, '发文:')}", "发文")
    assert p.message == "缺少【通报】的发文信息"


@pytest.mark.parametrize(("mode", "needed"), [("附件", "通知"), ("印发通知", "方案")])
def test_plan_dispatch_follows_the_office_choice(tmp_path: Path, mode: str, needed: str) -> None:
    situation = edit(SITUATION, "  方案:\n    序号: 13\n    成文日期: 2026-11-30\n", "")
    situation = edit(situation, "  通知:\n    序号: 12\n    成文日期: 2026-11-30\n", "")
    office = edit(OFFICE, "方案发文: 附件", f"方案发文: {mode}")
    p = one(write(tmp_path, situation, office), "plan")
    assert p.message.startswith(f"缺少【{needed}】的发文信息")


def test_issue_village_written_empty(tmp_path: Path) -> None:
    situation = edit(SITUATION, "村: 东坪村\n    整改措施", "村:\n    整改措施")
    p = one(write(tmp_path, situation), None)
    assert (p.where, p.field, p.message) == (
        f"情况.yaml:{line(situation, '    村:')}",
        "问题 › 第1项 › 村",
        "【村】是空的",
    )


@pytest.mark.parametrize("where", ["    村: 东坪村\n    整改措施", "    - 村: 西岭村"])
def test_village_empty_text(tmp_path: Path, where: str) -> None:
    blank = where.replace("东坪村", '""').replace("西岭村", '""')
    situation = edit(SITUATION, where, blank)
    p = one(write(tmp_path, situation), None)
    assert p.field.endswith("› 村")
    assert p.message == "不能为空"


def test_duplicate_village_in_inspection(tmp_path: Path) -> None:
    situation = edit(SITUATION, "- 村: 西岭村", "- 村: 东坪村")
    p = one(write(tmp_path, situation), "bulletin")
    first = line(situation, "检查:", "村: 东坪村")
    assert p.where == f"情况.yaml:{line(situation, '检查:', '村: 东坪村', '村: 东坪村')}"
    assert p.field == "检查 › 结果 › 第2项 › 村"
    assert p.message == f"“东坪村”重复：第1项（第{first}行）已经写过这个村"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    situation = edit(SITUATION, "字号: 平卫发〔2026〕7号", "字号: 平卫发(2026)7号")
    situation = edit(situation, "结束: 2027-01-15", "结束: 2027-01-05")
    situation = edit(situation, "- 村: 西岭村", "- 村: 东坪村")
    situation = edit(situation, "整改时限: 2027-01-20", "整改时限: 2027-03-20")
    situation = edit(situation, "主题: 人口和家庭发展", "主题:")
    office = edit(OFFICE, "通报: 清政通", "通报: 清政通〔2027〕")
    error = fails(write(tmp_path, situation, office), "report")
    fields = [p.field for p in error.problems]
    assert fields == [
        "主题",
        "问题 › 第2项 › 整改时限",
        "自查 › 依据 › 字号",
        "检查 › 结束",
        "检查 › 结果 › 第2项 › 村",
        "发文机关 › 代字 › 通报",
    ]


# --- the examples and the command line ----------------------------------------------------------


@pytest.mark.parametrize(
    ("example", "kind"),
    [("population.yaml", k) for k in ("speech", *OFFICE_KINDS)]
    + [("rural-environment.yaml", k) for k in ("speech", "notice", "plan")],
)
def test_examples_load_for_every_kind_they_support(example: str, kind: str) -> None:
    loaded = load_situation(EXAMPLES / example, kind)
    assert loaded.office is not None  # a speech reads its level words from it too


def test_a_speech_needs_no_office_file(tmp_path: Path) -> None:
    copy = tmp_path / "情况.yaml"  # names offices/青石镇.yaml, which is not beside it
    copy.write_text((EXAMPLES / "population.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_situation(copy, "speech").office is None
    with pytest.raises(InputError, match="有误"):
        load_situation(copy, "notice")


def test_example_offices_differ_in_their_choices() -> None:
    qingshi = load_office(EXAMPLES / "offices" / "青石镇.yaml").office
    taoyuan = load_office(EXAMPLES / "offices" / "桃源乡.yaml").office
    assert qingshi.plan_issuing is PlanIssuing.ATTACHMENT
    assert taoyuan.plan_issuing is PlanIssuing.COVER_NOTICE
    assert (qingshi.signature_mode.value, taoyuan.signature_mode.value) == ("盖章", "不盖章")


def test_cli_exits_1_naming_file_line_and_field(tmp_path: Path) -> None:
    # The basis 字号 is checked for every kind, so the speech (whose template exists) shows it.
    text = (EXAMPLES / "population.yaml").read_text(encoding="utf-8")
    broken = edit(text, "字号: 云卫健发〔2026〕41号", "字号: 云卫健发[2026]第041号")
    data = tmp_path / "population.yaml"
    data.write_text(broken, encoding="utf-8")
    shutil.copytree(EXAMPLES / "offices", tmp_path / "offices")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", "speech", str(data), "-o", str(out)])
    assert result.exit_code == 1
    where = f"population.yaml:{line(broken, '字号: 云卫健发')}"
    shown = f"{where}：【自查 › 依据 › 字号】依据文件的字号“云卫健发[2026]第041号”有误"
    assert shown in result.output
    assert "请改为“云卫健发〔2026〕41号”" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_office_check_settings_single_values(tmp_path: Path) -> None:
    """``关闭: PU05`` written as one value is one rule, not four characters (render and check
    read the 检查 section through checker_settings); a wrong setting names its line."""
    from docgen.office import checker_settings

    path = tmp_path / "单位.yaml"
    path.write_text(OFFICE + "检查:\n  关闭: PU05\n  词表目录: 本单位词表\n", encoding="utf-8")
    config = checker_settings(load_office(path), "notice", ["PU07"])
    assert config.disabled == {"PU05", "PU07"}
    assert config.corpora_dirs == (tmp_path / "本单位词表",)
    path.write_text(OFFICE + "检查:\n  off: PU05\n", encoding="utf-8")  # the English name
    assert checker_settings(load_office(path), "notice", ["PU07"]).disabled == {"PU05", "PU07"}
    text = OFFICE + "检查:\n  关闭: PU55\n  级别:\n    PU01: 很高\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        checker_settings(load_office(path), "notice")
    assert [(p.where, p.message) for p in refused.value.problems] == [
        (f"单位.yaml:{line(text, '关闭: PU55')}", "不认识的检查规则“PU55”"),
        (f"单位.yaml:{line(text, 'PU01: 很高')}", "级别“很高”无效"),
    ]
