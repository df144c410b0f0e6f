"""The situation workbook (情况表.xlsx): same model as YAML, lossless both ways, errors by cell."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.data import fields as fields_module
from docgen.data import sheets as sheets_module
from docgen.data.fields import Shape, walk
from docgen.data.load import load_situation, read_values
from docgen.data.sheets import INFO_SHEET, layout
from docgen.data.workbook_read import read_situation_workbook
from docgen.data.workbook_write import situation_workbook
from docgen.data.yamlwrite import skeleton
from docgen.errors import InputError
from docgen.pdf import find_soffice
from docgen.pipeline import kinds_in
from docgen.villages.xlsx import read_workbook

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [
    ROOT / "examples" / name
    for name in (
        "population.yaml",  # dated figures and progress: lists of records in their own sheets
        "rural-environment.yaml",  # one figure, one progress text: cells of the record's row
        "flood-control.yaml",
        "street-food-safety.yaml",
    )
]
POPULATION, RURAL = EXAMPLES[:2]


def run(*args: str) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def fails(*args: str) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


def workbook_of(example: Path, folder: Path) -> Path:
    """The example as a workbook beside a copy of its office profiles."""
    shutil.copytree(example.parent / "offices", folder / "offices", dirs_exist_ok=True)
    target = folder / "情况表.xlsx"
    run("convert", example, target)
    return target


def cells(path: Path) -> dict[str, dict[int, dict[int, tuple]]]:
    """Every non-empty cell of every sheet: value and whether it is shown as a percentage."""
    return {
        s.name: {r: {c: (v.value, v.percent) for c, v in row.items()} for r, row in s.rows.items()}
        for s in read_workbook(path)
    }


def edit(path: Path, sheet: str, ref: str, value: object, number_format: str = "") -> None:
    book = openpyxl.load_workbook(path)
    book[sheet][ref] = value
    if number_format:
        book[sheet][ref].number_format = number_format
    book.save(path)


def row_of(path: Path, sheet: str, label: str) -> int:
    book = openpyxl.load_workbook(path)
    return next(c.row for c in book[sheet]["A"] if c.value == label)


# --- the same model ------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_yaml_to_workbook_to_yaml_gives_the_same_model(example: Path, tmp_path: Path) -> None:
    workbook = workbook_of(example, tmp_path)
    back = tmp_path / "回.yaml"
    run("convert", workbook, back)
    kinds = kinds_in(example)
    assert kinds == kinds_in(workbook) == kinds_in(back) and len(kinds) >= 3
    for kind in kinds:
        expected = load_situation(example, kind).situation
        assert load_situation(workbook, kind).situation == expected
        assert load_situation(back, kind).situation == expected
    # Figures keep the digits typed (2.0 stays 2.0, not 2): the documents print them so;
    # a figure or progress written once stays one value, a dated list stays a list.
    original, returned = read_values(example)[0], read_values(back)[0]
    typed = {i["名称"]: i for i in original.get("指标") or []}
    for indicator in returned.get("指标") or []:
        for key in ("数值", "目标", "上级平均"):
            assert indicator.get(key) == typed[indicator["名称"]].get(key)
    for section, key in (("问题", "整改进展"), ("任务", "进展")):
        pairs = zip(original.get(section) or [], returned.get(section) or [], strict=True)
        for before, after in pairs:
            assert after.get(key) == before.get(key)


def test_workbook_to_yaml_to_workbook_gives_the_same_cells(tmp_path: Path) -> None:
    first = workbook_of(POPULATION, tmp_path)
    edit(first, "指标数值", "B2", "93.50")  # typed as text: kept as text
    edit(first, "任务", "C3", dt.datetime(2026, 12, 20))  # a date with a time part of 0
    edit(first, INFO_SHEET, f"B{row_of(first, INFO_SHEET, '自查 › 报送 › 电话')}", "07995550123")
    middle, last = tmp_path / "中间.yaml", tmp_path / "回来.xlsx"
    run("convert", first, middle)
    run("convert", middle, last)
    assert cells(last) == cells(first)


def test_percent_text_numbers_and_dates_read_as_typed(tmp_path: Path) -> None:
    book = workbook_of(POPULATION, tmp_path)
    edit(book, "指标数值", "B2", 0.935, "0.0%")  # shown as 93.5%
    edit(book, "指标", "E2", "95")  # a number typed into a text-formatted cell
    edit(book, INFO_SHEET, f"B{row_of(book, INFO_SHEET, '会议 › 日期')}", "2026年11月28日")
    edit(book, "问题", "I2", "2026/12/31")
    edit(book, "任务", "C2", dt.datetime(2026, 12, 31))
    loaded = load_situation(book, "report").situation
    assert loaded == load_situation(POPULATION, "report").situation
    assert loaded.indicators[0].values[0].value == Decimal("93.5")


def test_one_figure_in_the_record_row_reads_as_typed(tmp_path: Path) -> None:
    book = workbook_of(RURAL, tmp_path)
    edit(book, "指标", "C2", 0.781, "0.0%")  # the 数值 column of a figure written once
    edit(book, "问题", "J2", "村级保洁员已全部到岗")  # 整改进展 as one text
    loaded = load_situation(book, "plan").situation
    assert loaded.indicators[0].value == Decimal("78.1")
    assert [n.text for n in loaded.issues[0].progress] == ["村级保洁员已全部到岗"]


# --- errors by sheet, row and column ------------------------------------------------------------


def test_errors_name_sheet_row_and_column(tmp_path: Path) -> None:
    book = workbook_of(POPULATION, tmp_path)
    edit(book, "指标数值", "B4", "88.6%")  # the 2nd indicator's first dated figure
    edit(book, "指标", "E2", "很高")
    edit(book, "指标", "G2", "较高")
    edit(book, "问题", "I3", 46000, "General")  # in a date-formatted cell it is a date
    edit(book, "原因", "C1", "结论")
    edit(book, "村", "B2", True)
    edit(book, "责任", "B2", "=A2&A3")
    edit(book, INFO_SHEET, "A200", "会议 › 地址")
    edit(book, INFO_SHEET, "B200", "镇政府")
    extra = openpyxl.load_workbook(book)
    extra.create_sheet("草稿")["A1"] = "备忘"
    extra.save(book)
    with pytest.raises(InputError) as info:
        load_situation(book, "speech")
    shown = [f"{p.where}：{p.message}" for p in info.value.problems]
    assert shown == [
        "情况表.xlsx “基本情况”表 第200行 A列：不认识的项目“会议 › 地址”，是不是“会议 › 标题”？",
        "情况表.xlsx “指标”表 第2行 E列（目标）：“很高”不是数字：这里应填一个数字，如 93.5",
        "情况表.xlsx “指标”表 第2行 G列（方向）：只能填“越高越好”或“越低越好”（现在是“较高”）",
        "情况表.xlsx “指标数值”表 第4行 B列（数值）："
        "“88.6%”带了百分号：数值栏只填数字（写 88.6），单位写在【单位】里",
        "情况表.xlsx “问题”表 第3行 I列（整改时限）："
        "“46000”是日期序列号，不是日期（按 Excel 的算法是 2025-12-09）",
        "情况表.xlsx “原因”表 第1行 C列：不认识的列“结论”",
        "情况表.xlsx “责任”表 第2行 B列（内容）：是公式（=A2&A3），但文件里没有保存计算结果",
        "情况表.xlsx “村”表 第2行 B列（得分）：这里是逻辑值（TRUE/FALSE）",
        "情况表.xlsx “草稿”表：不认识的工作表“草稿”",
    ]
    assert info.value.problems[1].field == "指标 › 第1项 › 目标"
    output = fails("render", "speech", book, "-o", tmp_path / "out")
    assert "情况表.xlsx “指标数值”表 第4行 B列（数值）：【指标 › 第2项 › 数值 › 第1项 › 数值】" in (
        output
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("serial", "day"), [(46354, "2026-11-28"), (46000, "2025-12-09")])
def test_a_date_serial_is_answered_with_its_own_date(tmp_path: Path, serial: int, day: str) -> None:
    book = workbook_of(POPULATION, tmp_path)
    edit(book, "问题", "I3", serial, "General")
    with pytest.raises(InputError) as info:
        load_situation(book, "speech")
    (found,) = info.value.problems
    assert found.message == f"“{serial}”是日期序列号，不是日期（按 Excel 的算法是 {day}）"
    assert found.hint == f"请把单元格格式设为“日期”，或直接写成 {day}"


def test_a_missing_value_and_a_duplicate_row_are_named_by_cell(tmp_path: Path) -> None:
    book = workbook_of(POPULATION, tmp_path)
    for cell in ("A6", "B6", "C6", "A7", "B7", "C7"):  # the 3rd indicator's dated figures
        edit(book, "指标数值", cell, None)
    row = row_of(book, INFO_SHEET, "主题")
    edit(book, INFO_SHEET, "A200", "主题")
    edit(book, INFO_SHEET, "B200", "另一个主题")
    with pytest.raises(InputError) as info:
        load_situation(book, "speech")
    [duplicate, missing] = info.value.problems
    assert (duplicate.where, duplicate.message) == (
        "情况表.xlsx “基本情况”表 第200行 B列",
        f"“主题”重复：第{row}行已经填过",
    )
    assert (missing.where, missing.field, missing.message) == (
        "情况表.xlsx “指标”表 第4行 C列（数值）",
        "指标 › 第3项 › 数值",
        "还没有填写",
    )
    assert missing.hint.startswith("请填写本单位的数值，只填数字；")
    assert missing.hint.endswith("（数字），如“93.5”")


def test_a_merged_cell_counts_for_every_row_it_covers(tmp_path: Path) -> None:
    book = workbook_of(POPULATION, tmp_path)
    edit(book, "问题", "I2", dt.datetime(2027, 1, 10))
    opened = openpyxl.load_workbook(book)
    opened["问题"].merge_cells("F2:F4")  # 责任领导: 何静 for the first three problems
    opened["问题"].merge_cells("I2:I5")  # 整改时限
    opened.save(book)
    issues = load_situation(book, "report").situation.issues
    assert [i.leader for i in issues] == ["何静"] * 4
    assert [i.deadline for i in issues] == [dt.date(2027, 1, 10)] * 4


def test_one_figure_and_dated_figures_for_the_same_indicator_are_refused(tmp_path: Path) -> None:
    book = workbook_of(POPULATION, tmp_path)
    edit(book, "指标", "C2", 93.5)  # the first indicator has its dated figures too
    with pytest.raises(InputError) as info:
        load_situation(book, "speech")
    [problem] = info.value.problems
    assert problem.where == "情况表.xlsx “指标数值”表 第2行"
    assert problem.message == "“指标”表第2行已经在“数值”列填了数值，这里又按日期分条填写"
    assert "“数值”列空着，每条写在“指标数值”表中" in problem.hint


def test_findings_in_rendered_text_name_the_workbook_cell(tmp_path: Path) -> None:
    book = workbook_of(POPULATION, tmp_path)
    row = row_of(book, INFO_SHEET, "成绩")
    edit(book, INFO_SHEET, f"B{row}", "各村认真布署生育登记服务工作，群众办事更加便捷")
    output = fails("render", "speech", book, "-o", tmp_path / "out")
    assert f"情况表.xlsx “基本情况”表 第{row}行 B列：【成绩 › 第1项】错误 TY01" in output


def test_a_csv_situation_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "情况.csv"
    path.write_text("项目,内容\n主题,人口\n", encoding="gbk")
    output = fails("render", "speech", path)
    assert ".csv 只能存一张表" in output and "docgen new --xlsx" in output


# --- the blank workbook -------------------------------------------------------------------------


def test_every_schema_field_is_in_the_workbook(tmp_path: Path) -> None:
    run("new", "--xlsx", "-o", tmp_path / "情况表.xlsx")
    sheets = {s.name: s for s in read_workbook(tmp_path / "情况表.xlsx")}
    labels = {str(c[1].value) for c in sheets[INFO_SHEET].rows.values() if 1 in c}
    headers = {(name, str(cell.value)) for name, s in sheets.items() for cell in s.rows[1].values()}
    for spec in walk():
        if spec.shape in (Shape.GROUP, Shape.TABLE):
            continue
        table = next((t for t in layout().tables if spec in [c.spec for c in t.columns]), None)
        if table is None:
            assert spec.label in labels, spec.label
        else:
            header = spec.label.removeprefix(table.spec.label + " › ")
            assert (table.sheet, header) in headers, spec.label
    for spec in walk():  # one value or dated entries: a column of the record and a sheet
        if spec.short is not None:
            owner = next(t for t in layout().tables if spec in [c.spec for c in t.columns])
            assert (owner.sheet, spec.alias) in headers, spec.label
            dated = next(t for t in layout().tables if t.spec == spec)
            assert dated.parent == owner and dated.headers[0] == f"所属{owner.sheet}（第几条）"
    assert list(sheets) == [
        "基本情况", "此前发言", "警示", "指标", "指标数值", "问题", "整改进展", "原因", "任务",
        "任务进展", "责任", "阶段", "要求", "村", "议定事项", "说明",
    ]  # fmt: skip


def test_validation_lists_dates_and_text_formats(tmp_path: Path) -> None:
    run("new", "--xlsx", "-o", tmp_path / "情况表.xlsx")
    book = openpyxl.load_workbook(tmp_path / "情况表.xlsx")
    rules = {
        str(dv.sqref): dv for dv in book["指标"].data_validations.dataValidation
    }  # column → rule
    assert rules["G2:G1000"].type == "list" and rules["G2:G1000"].formula1 == '"越高越好,越低越好"'
    assert rules["G2:G1000"].showErrorMessage  # only the listed values
    assert rules["B2:B1000"].type == "list" and '"%,‰,人' in rules["B2:B1000"].formula1
    assert not rules["B2:B1000"].showErrorMessage  # units are suggested, others accepted
    assert rules["C2:C1000"].type == "decimal" and rules["C2:C1000"].prompt.startswith("本单位")
    assert rules["C2:C1000"].prompt.endswith("每条写在“指标数值”表中")
    dated = {str(dv.sqref): dv for dv in book["指标数值"].data_validations.dataValidation}
    assert dated["A2:A1000"].type == "whole" and dated["C2:C1000"].type == "date"
    assert book["指标"].column_dimensions["A"].number_format == "@"  # 010 stays 010
    task_rules = {str(dv.sqref): dv.type for dv in book["任务"].data_validations.dataValidation}
    assert task_rules["C2:C1000"] == "date"
    assert book["任务"].column_dimensions["C"].number_format == "yyyy-mm-dd"
    village = {str(dv.sqref): dv for dv in book["村"].data_validations.dataValidation}
    assert village["C2:C1000"].formula1 == '"优秀,良好,一般,较差"'
    info = book[INFO_SHEET]
    date_row = next(c.row for c in info["A"] if c.value == "会议 › 日期")
    date_rules = [dv for dv in info.data_validations.dataValidation if dv.type == "date"]
    assert any(f"B{date_row}" in str(dv.sqref).split() for dv in date_rules)
    notes = [row[0].value for row in book["说明"].iter_rows()]
    assert "“指标”表 方向" in notes and "“任务”表 措施" in notes


def test_a_workbook_for_one_kind_has_only_its_sheets(tmp_path: Path) -> None:
    run("new", "minutes", "-o", tmp_path / "纪要.xlsx")
    names = [s.name for s in read_workbook(tmp_path / "纪要.xlsx")]
    assert names == ["基本情况", "议定事项", "说明"]


# --- files saved by other programs -----------------------------------------------------------


def _skip_without(reason: str) -> None:
    if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE"):
        pytest.fail(reason)
    pytest.skip(reason)


def test_workbook_resaved_by_libreoffice_reads_the_same(tmp_path: Path) -> None:
    soffice = find_soffice()
    if soffice is None:
        _skip_without("未找到 LibreOffice（soffice），跳过另存测试")
    book = workbook_of(POPULATION, tmp_path)
    out = tmp_path / "另存"
    out.mkdir()
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
         "--outdir", out, book],
        check=True, capture_output=True, timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    resaved = out / book.name
    if not resaved.is_file():  # soffice without its spreadsheet part cannot open a workbook
        _skip_without("LibreOffice 没有安装表格组件（Calc），跳过另存测试")
    shutil.copytree(tmp_path / "offices", out / "offices")
    for kind in kinds_in(POPULATION):
        assert load_situation(resaved, kind).situation == load_situation(book, kind).situation
    kept = openpyxl.load_workbook(resaved)["指标"].data_validations.dataValidation
    assert any(dv.type == "list" for dv in kept)


# --- a field added to the schema ------------------------------------------------------------


@pytest.fixture
def readings_schema(monkeypatch: pytest.MonkeyPatch):
    """The situation with a list of records inside each indicator (values at several dates)."""
    from pydantic import Field

    from docgen.data.schema import Date, Indicator, Number, Section, Situation, _Model

    class Reading(_Model):
        date: Date = Field(alias="日期", description="取值日期", examples=["2026-06-30"])
        value: Number = Field(alias="数值", description="这一天的数值", examples=["90.2"])

    class IndicatorWithReadings(Indicator):
        readings: Section[Reading] = Field(default=None, alias="取值", description="各时点的数值")

    class SituationWithReadings(Situation):
        indicators: Section[IndicatorWithReadings] = Field(
            default=None, alias="指标", description="工作指标"
        )

    def clear() -> None:
        fields_module._fields.cache_clear()
        sheets_module.layout.cache_clear()

    clear()
    monkeypatch.setattr(fields_module, "ROOT", SituationWithReadings)
    yield
    monkeypatch.undo()
    clear()


@pytest.mark.usefixtures("readings_schema")
def test_records_inside_a_record_get_a_sheet_linked_to_their_owner(tmp_path: Path) -> None:
    value = {
        "主题": "人口工作",
        "指标": [
            {"名称": "甲率", "数值": "90", "取值": [{"日期": "2026-06-30", "数值": "88.5"}]},
            {"名称": "乙率", "数值": "80"},
            {
                "名称": "丙率",
                "数值": "70.25",
                "取值": [
                    {"日期": "2026-03-31", "数值": "60"},
                    {"日期": "2026-06-30", "数值": "65.5"},
                ],
            },
        ],
    }
    data, problems = situation_workbook(value)
    assert problems == []
    path = tmp_path / "情况表.xlsx"
    path.write_bytes(data)
    sheet = next(s for s in read_workbook(path) if s.name == "取值")
    assert [c.value for c in sheet.rows[1].values()] == ["所属指标（第几条）", "日期", "数值"]
    assert [sheet.rows[r][1].value for r in (2, 3, 4)] == [1, 3, 3]
    read = read_situation_workbook(path)
    assert read.problems == []
    assert read.value == value
    assert "取值:  # 各时点的数值" in skeleton("all")
    edit(path, "取值", "A3", 7)
    [problem] = read_situation_workbook(path).problems
    assert problem.where == "情况表.xlsx “取值”表 第3行 A列（所属指标（第几条））"
    assert problem.message == "“7”不是“指标”表中的记录"


# --- docgen convert -------------------------------------------------------------------------------


def test_convert_refuses_what_a_workbook_cannot_hold(tmp_path: Path) -> None:
    source = tmp_path / "情况.yaml"
    source.write_text("主题: 人口\n指表:\n  - 名称: 甲\n成绩: 很好\n", encoding="utf-8")
    output = fails("convert", source, tmp_path / "情况表.xlsx")
    assert "情况.yaml:2：未知的项【指表】，是不是【指标】？" in output
    assert "情况.yaml:4：【成绩】这里应为列表（每条以“- ”开头）" in output
    assert not (tmp_path / "情况表.xlsx").exists()
    output = fails("convert", source, tmp_path / "另一个.yaml")
    assert "按文件的扩展名判断转换方向" in output


def test_a_half_filled_skeleton_converts_and_its_blanks_are_named_by_cell(tmp_path: Path) -> None:
    source = tmp_path / "情况.yaml"
    run("new", "minutes", "-o", source)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("  地点:  #", "  地点: 镇政府会议室  #"), encoding="utf-8")
    book = tmp_path / "情况表.xlsx"
    run("convert", source, book)
    with pytest.raises(InputError) as info:
        load_situation(book, "minutes")
    places = {p.field: p.where for p in info.value.problems}
    assert "纪要 › 地点" not in places
    row = row_of(book, INFO_SHEET, "纪要 › 期号")
    assert places["纪要 › 期号"] == f"情况表.xlsx “基本情况”表 第{row}行 B列"
    assert places["纪要 › 议定事项"] == "情况表.xlsx “议定事项”表"
    back = tmp_path / "回.yaml"
    run("convert", book, back)
    assert read_values(back)[0] == {"纪要": {"地点": "镇政府会议室"}}


def test_a_missing_item_or_sheet_of_a_workbook_is_told_in_sheets_not_yaml(
    tmp_path: Path,
) -> None:
    """A workbook has sheets and rows: its hints never ask for a “名称: …” line or a
    “原因:” section."""
    workbook = workbook_of(POPULATION, tmp_path)
    book = openpyxl.load_workbook(workbook)
    book["基本情况"].delete_rows(row_of(workbook, "基本情况", "乡镇 › 名称"))
    del book["原因"]
    book.save(workbook)
    output = fails("render", "speech", workbook, "-o", tmp_path / "out")
    assert "“基本情况”表" in output and "补上【名称】" in output
    assert "原因" in output and "请补上“原因”工作表" in output
    assert ": …" not in output and "原因:”一节" not in output
