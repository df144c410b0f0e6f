"""Reading village tables: every bad cell reported together, at its exact place."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from docgen.data.schema import Indicator, ValueRange
from docgen.errors import InputError
from docgen.villages import load_villages
from docgen.villages.columns import PROBLEM_COLUMNS
from docgen.villages.xlsx import SheetSpec, workbook_bytes

INDICATORS = (
    Indicator.model_validate({"名称": "出生登记及时率", "单位": "%", "本镇": "93.5", "目标": "95"}),
    Indicator.model_validate({"名称": "托位数", "单位": "个", "本镇": "3.2"}),
)
HEAD = ["村", "出生登记及时率（%）", "托位数"]
PROBLEM_HEAD = list(PROBLEM_COLUMNS)  # 村 问题类别 问题描述 指标 整改目标 整改措施 … 整改时限 (J) …


def problem(village: str, deadline: object = dt.date(2026, 12, 31), text: str = "台账不全") -> list:
    return [
        village,
        "基础管理",
        text,
        None,
        None,
        "逐户核对",
        None,
        None,
        "张明",
        deadline,
        None,
        None,
    ]


def workbook(
    tmp_path: Path,
    villages: list[list],
    problems: list[list] | None = None,
    name: str = "村情表.xlsx",
) -> Path:
    sheets = [SheetSpec("村情", [HEAD, *villages], [10, 10, 10])]
    if problems is not None:
        sheets.append(SheetSpec("问题", [PROBLEM_HEAD, *problems], [10] * 12))
    path = tmp_path / name
    path.write_bytes(workbook_bytes(sheets))
    return path


def messages(path: Path) -> list[str]:
    table = load_villages(path, INDICATORS)
    return [p.format() for _, p in table.problems]


def test_valid_table(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        [["青石村", 96.2, 4], ["柳塘村", "88.5", 2.5]],
        [problem("青石村"), problem("青石村", "2027-01-15", "代办员未公示")],
    )
    table = load_villages(path, INDICATORS)
    assert table.problems == ()
    first, second = table.villages
    assert first.values == {"出生登记及时率": Decimal("96.2"), "托位数": Decimal("4")}
    assert second.values["出生登记及时率"] == Decimal("88.5")
    assert [i.text for i in first.issues] == ["台账不全", "代办员未公示"]
    assert first.issues[1].deadline == dt.date(2027, 1, 15)
    assert second.issues == ()


def test_empty_required_cell_names_the_cell(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        [["青石村", 96.2, 4]],
        [
            [
                "青石村",
                None,
                "台账不全",
                None,
                None,
                "逐户核对",
                None,
                None,
                "张明",
                None,
                None,
                None,
            ]
        ],
    )
    assert messages(path) == [
        "村情表.xlsx “问题”表 第2行 J列（整改时限）：没有填写\n    → “整改时限”是必填项"
    ]


def test_empty_indicator_cell(tmp_path: Path) -> None:
    path = workbook(tmp_path, [["青石村", None, 4]])
    assert messages(path)[0].startswith(
        "村情表.xlsx “村情”表 第2行 B列（出生登记及时率（%））：没有填写"
    )


def test_text_in_a_number_column(tmp_path: Path) -> None:
    path = workbook(tmp_path, [["青石村", "九十六", 4], ["柳塘村", 90, "1,200"]])
    found = messages(path)
    assert found[0] == (
        "村情表.xlsx “村情”表 第2行 B列（出生登记及时率（%））："
        "“九十六”不是数字：这里应填一个数字，如 93.5\n"
        "    → 数值列只填数字（如 93.5），单位写在表头或情况文件的【指标】里"
    )
    assert found[1].startswith("村情表.xlsx “村情”表 第3行 C列（托位数）：")
    assert "千分位" in found[1]


def test_percent_typed_in_a_percent_column_is_accepted(tmp_path: Path) -> None:
    path = workbook(tmp_path, [["青石村", "96.2%", 4]])
    assert load_villages(path, INDICATORS).villages[0].values["出生登记及时率"] == Decimal("96.2")


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        (96.0, "96"),  # Excel stores 96 as 96.0: no trailing zero in the documents
        (96.2, "96.2"),
        (1234.5678, "1234.5678"),
        (1e-05, "0.00001"),  # no exponent
        (-0.0, "0"),
        (-3.5, "-3.5"),
        (12, "12"),
    ],
)
def test_number_cells_read_as_shown(tmp_path: Path, typed: float, read: str) -> None:
    """(A rate read beyond 0–100 only where the indicator allows it: the reading is the test.)"""
    unbounded = (INDICATORS[0].model_copy(update={"value_range": ValueRange.ANY}), INDICATORS[1])
    path = workbook(tmp_path, [["青石村", typed, 4]])
    value = load_villages(path, unbounded).villages[0].values["出生登记及时率"]
    assert str(value) == read


def test_a_rate_beyond_its_range_is_refused_at_its_cell(tmp_path: Path) -> None:
    path = workbook(tmp_path, [["青石村", 1234.5, 4]])
    table = load_villages(path, INDICATORS)
    [(village, problem)] = table.problems
    assert village == "青石村" and "B列" in problem.where and "超出了合理范围" in problem.message


def test_formula_without_cached_value(tmp_path: Path) -> None:
    path = workbook(tmp_path, [["青石村", "=90+6.2", 4]])  # openpyxl saves no result
    (message,) = messages(path)
    assert message.startswith(
        "村情表.xlsx “村情”表 第2行 B列（出生登记及时率（%））：是公式（=90+6.2）"
    )
    assert "保存" in message


def test_date_as_serial_number(tmp_path: Path) -> None:
    path = workbook(tmp_path, [["青石村", 96.2, 4]], [problem("青石村", 46387)])
    (message,) = messages(path)
    assert message.startswith("村情表.xlsx “问题”表 第2行 J列（整改时限）：“46387”是日期序列号")
    assert "2026-12-31" in message


@pytest.mark.parametrize(
    ("serial", "day"), [(46354, "2026-11-28"), (46400, "2027-01-13"), ("46401", "2027-01-14")]
)
def test_a_date_serial_is_answered_with_its_own_date(tmp_path: Path, serial, day: str) -> None:
    path = workbook(tmp_path, [["青石村", 96.2, 4]], [problem("青石村", serial)])
    (message,) = messages(path)
    assert message == (
        f"村情表.xlsx “问题”表 第2行 J列（整改时限）：“{serial}”是日期序列号，不是日期"
        f"（按 Excel 的算法是 {day}）\n    → 请把单元格格式设为“日期”，或直接写成 {day}"
    )


def test_a_date_typed_as_digits_or_a_number_beyond_any_date(tmp_path: Path) -> None:
    rows = [problem("青石村", 20261231), problem("青石村", 99999999999)]
    assert messages(workbook(tmp_path, [["青石村", 96.2, 4]], rows)) == [
        "村情表.xlsx “问题”表 第2行 J列（整改时限）：“20261231”是数字，不是日期\n"
        "    → 请直接写成 2026-12-31（单元格格式设为“文本”或“日期”）",
        "村情表.xlsx “问题”表 第3行 J列（整改时限）：“99999999999”是数字，不是日期\n"
        "    → 请把单元格格式设为“日期”，按“年-月-日”的形式填写日期",
    ]


def test_duplicate_village_names(tmp_path: Path) -> None:
    path = workbook(tmp_path, [["青石村", 96.2, 4], ["柳塘村", 90, 2], ["青石村", 91, 3]])
    table = load_villages(path, INDICATORS)
    (where,) = [p.where for _, p in table.problems]
    assert where == "村情表.xlsx “村情”表 第4行 A列（村）"
    assert "与第2行重复" in table.problems[0][1].message
    assert [v.name for v in table.villages] == ["柳塘村"]  # the duplicated name is not guessed


def test_problem_for_a_village_not_in_the_sheet(tmp_path: Path) -> None:
    path = workbook(tmp_path, [["青石村", 96.2, 4]], [problem("青石村"), problem("龙潭村")])
    (message,) = messages(path)
    assert message.startswith("村情表.xlsx “问题”表 第3行 A列（村）：村情表中没有“龙潭村”")


def test_problem_row_without_its_village(tmp_path: Path) -> None:
    row = problem("青石村")
    row[0] = None
    path = workbook(tmp_path, [["青石村", 96.2, 4]], [problem("青石村"), row])
    (message,) = messages(path)
    assert message.startswith("村情表.xlsx “问题”表 第3行 A列（村）：没有填写这个问题属于哪个村")


def test_problem_naming_an_indicator_the_situation_file_lacks(tmp_path: Path) -> None:
    row = problem("青石村")
    row[3] = "入户率"
    path = workbook(tmp_path, [["青石村", 96.2, 4]], [row])
    table = load_villages(path, INDICATORS)
    ((village, found),) = table.problems
    assert village == "青石村" and found.where == "村情表.xlsx “问题”表 第2行 D列（指标）"
    assert found.message == "情况文件【指标】中没有“入户率”"
    assert "出生登记及时率、托位数" in found.hint and not table.villages


def test_all_problems_reported_together(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        [["青石村", "abc", None], [None, 90, 3]],
        [problem("青石村", "2026-02-30"), problem("云岭村")],
    )
    assert len(messages(path)) == 5


def test_unknown_header_is_fatal(tmp_path: Path) -> None:
    path = tmp_path / "村情表.xlsx"
    path.write_bytes(
        workbook_bytes([SheetSpec("村情", [["村", "出生率"], ["青石村", 1]], [10, 10])])
    )
    with pytest.raises(InputError) as info:
        load_villages(path, INDICATORS)
    text = info.value.format_message()
    assert "村情表.xlsx “村情”表 第1行 B列（表头）：不认识的列“出生率”" in text
    assert "出生登记及时率、托位数" in text


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "村情表.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(InputError) as info:
        load_villages(path, INDICATORS)
    assert "不是有效的 .xlsx 工作簿" in info.value.format_message()


def test_csv_in_gbk_with_problems_beside_it(tmp_path: Path) -> None:
    (tmp_path / "村情表.csv").write_bytes("村,出生登记及时率,托位数\n青石村,96.2,4\n".encode("gbk"))
    rows = ",".join(PROBLEM_HEAD) + "\n" + "青石村,基础管理,台账不全,,,逐户核对,,,张明,46387,,\n"
    (tmp_path / "村情表_问题.csv").write_text(rows, encoding="utf-8-sig")
    table = load_villages(tmp_path / "村情表.csv", INDICATORS)
    assert [p.format().split("：")[0] for _, p in table.problems] == [
        "村情表_问题.csv 第2行 J列（整改时限）"
    ]
    assert table.names == ("青石村",)


def test_csv_dates_as_text_are_read(tmp_path: Path) -> None:
    (tmp_path / "村情表.csv").write_text("村,托位数\n青石村,4\n", encoding="utf-8")
    rows = ",".join(PROBLEM_HEAD) + "\n" + "青石村,,台账不全,,,逐户核对,,,张明,2026年12月31日,,\n"
    (tmp_path / "村情表_问题.csv").write_text(rows, encoding="utf-8")
    (village,) = load_villages(tmp_path / "村情表.csv", INDICATORS).villages
    assert village.issues[0].deadline == dt.date(2026, 12, 31)


def merged(path: Path, sheet: str, *ranges: str) -> Path:
    """The workbook with cells merged as a clerk merges them (the covered cells emptied)."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    for cells in ranges:
        book[sheet].merge_cells(cells)
    book.save(path)
    return path


def test_a_merged_cell_counts_for_every_row_it_covers(tmp_path: Path) -> None:
    rows = [problem("青石村", text=f"问题{n}") for n in range(4)]
    rows[0][6], rows[0][9] = "何静", dt.date(2027, 3, 31)  # G2 责任领导, J2 整改时限
    rows[3][6] = "林晓梅"
    path = workbook(tmp_path, [["青石村", 96.2, 0.935]], rows)
    merged(path, "问题", "G2:G4", "J2:J4")
    table = load_villages(path, INDICATORS)
    assert table.problems == ()
    issues = table.villages[0].issues
    assert [i.leader for i in issues] == ["何静", "何静", "何静", "林晓梅"]
    assert [i.deadline for i in issues] == [dt.date(2027, 3, 31)] * 3 + [dt.date(2026, 12, 31)]


def test_a_merged_figure_keeps_its_percent_format_in_every_row(tmp_path: Path) -> None:
    path = workbook(tmp_path, [["青石村", 0.935, 4], ["柳塘村", None, 3]])
    import openpyxl

    book = openpyxl.load_workbook(path)
    book["村情"]["B2"].number_format = "0.0%"
    book.save(path)
    merged(path, "村情", "B2:B3", "A10:C20")  # a range past the data adds no rows
    table = load_villages(path, INDICATORS)
    assert table.problems == ()
    assert [v.values["出生登记及时率"] for v in table.villages] == [Decimal("93.5")] * 2


def test_a_header_merged_across_columns_is_reported_not_a_crash(tmp_path: Path) -> None:
    path = merged(workbook(tmp_path, [["青石村", 96.2, 4]], [problem("青石村")]), "问题", "A1:B1")
    with pytest.raises(InputError) as info:
        load_villages(path, INDICATORS)
    text = info.value.format_message()
    assert "村情表.xlsx “问题”表 第1行 B列（表头）：“村”列重复" in text
    path = merged(workbook(tmp_path, [["青石村", 96.2, 4]], name="村情2.xlsx"), "村情", "B1:C1")
    with pytest.raises(InputError) as info:
        load_villages(path, INDICATORS)
    assert "第1行 C列（表头）：指标“出生登记及时率”的列重复" in info.value.format_message()


def renamed(path: Path, names: dict[str, str], empty: str = "") -> Path:
    import openpyxl

    book = openpyxl.load_workbook(path)
    for old, new in names.items():
        book[old].title = new
    if empty:
        book.create_sheet(empty)  # a sheet Excel adds, left empty
    book.save(path)
    return path


def test_a_problem_sheet_named_with_a_space_is_read(tmp_path: Path) -> None:
    path = workbook(tmp_path, [["青石村", 96.2, 4]], [problem("青石村")])
    renamed(path, {"问题": "问题 ", "村情": " 村情"}, empty="Sheet3")
    table = load_villages(path, INDICATORS)
    assert table.problems == () and [i.text for i in table.villages[0].issues] == ["台账不全"]


@pytest.mark.parametrize("name", ["问题表", "Sheet2"])
def test_a_problem_sheet_under_another_name_is_an_error(tmp_path: Path, name: str) -> None:
    path = renamed(workbook(tmp_path, [["青石村", 96.2, 4]], [problem("青石村")]), {"问题": name})
    with pytest.raises(InputError) as info:
        load_villages(path, INDICATORS)
    assert [p.format() for p in info.value.problems] == [
        f"村情表.xlsx：工作表“{name}”不认识\n"
        "    → 各村的问题要写在名为“问题”的工作表中，请改名；不用的工作表请删除"
    ]


def test_a_sheet_of_its_own_beside_the_problem_sheet_is_an_error(tmp_path: Path) -> None:
    path = workbook(tmp_path, [["青石村", 96.2, 4]], [problem("青石村")])
    import openpyxl

    book = openpyxl.load_workbook(path)
    book.create_sheet("说明")["A1"] = "填表说明"  # the notes sheet docgen writes is not read
    book.create_sheet("村情 (2)")["A1"] = "村"
    book.save(path)
    with pytest.raises(InputError) as info:
        load_villages(path, INDICATORS)
    (found,) = info.value.problems
    assert found.message == "工作表“村情 (2)”不认识" and "请删除" in found.hint


def test_a_cell_too_long_for_a_problem_is_named_in_chinese(tmp_path: Path) -> None:
    row = problem("青石村")
    row[10] = "进展" * 10001  # K: 整改进展
    path = workbook(tmp_path, [["青石村", 96.2, 4]], [row])
    assert messages(path) == [
        "村情表.xlsx “问题”表 第2行 K列（整改进展）："
        "这一项有20002个字，太长了（一项文字的长度不超过20000个字）"
    ]


def test_a_village_name_too_long_is_named_at_its_cells(tmp_path: Path) -> None:
    name = "村" * 20001
    path = workbook(tmp_path, [[name, 96.2, 4]], [problem(name)])
    too_long = "这一项有20001个字，太长了（一项文字的长度不超过20000个字）"
    assert messages(path) == [
        f"村情表.xlsx “村情”表 第2行 A列（村）：{too_long}",
        f"村情表.xlsx “问题”表 第2行 A列（村）：{too_long}",
    ]


def test_any_model_error_of_a_problem_row_is_located_and_in_chinese() -> None:
    from docgen.villages.table import RawSheet
    from docgen.villages.validate import _model_problem

    sheet = RawSheet("村情表.xlsx", "问题")
    err = {"type": "string_type", "loc": ("整改进展", 0, "情况"), "msg": "Input should be a str"}
    found = _model_problem(sheet, 5, {"整改进展": 11}, {11: "整改进展"}, err)
    assert found.where == "村情表.xlsx “问题”表 第5行 K列（整改进展）"
    assert found.message == "填写有误，无法读取" and "Input" not in found.format()
    found = _model_problem(sheet, 5, {}, {}, {**err, "loc": ()})
    assert found.where == "村情表.xlsx “问题”表 第5行"
