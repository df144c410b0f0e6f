"""An empty village workbook with the Chinese headers and a 说明 sheet (docgen new villages)."""

from __future__ import annotations

from ..data.schema import Indicator
from .columns import (
    NOTES_SHEET,
    PROBLEM_COLUMNS,
    PROBLEM_SHEET,
    REQUIRED_PROBLEM_COLUMNS,
    VILLAGE_SHEET,
)
from .xlsx import SheetSpec, workbook_bytes

_NOTES = [
    ["项目", "说明"],
    [
        "用途",
        "每个村一行填写本村的指标数值，每个问题一行填写问题和整改台账；"
        "docgen batch 据此给每个村生成一份只含本村数字和问题的公文。",
    ],
    [
        "“村情”表",
        "第一列“村”填村（社区）名称，每个村只占一行，不能重名；其后每列一个指标，"
        "表头是情况文件【指标】中的指标名称（可在名称后用括号注明单位），单元格只填数字，如 93.5。",
    ],
    [
        "“问题”表",
        "每个问题一行，同一个村可以有多行。“村”要与“村情”表中的村名完全一致。"
        f"必填的列：{'、'.join(REQUIRED_PROBLEM_COLUMNS)}。",
    ],
    ["整改时限", "填日期，如 2026-12-31；单元格格式要设为“日期”或“文本”，不要是数字。"],
    ["公式", "可以用公式，但要在 Excel 或 WPS 中保存后再使用（文件里要有计算结果）。"],
    ["序号", "不用填写，生成时自动编号。"],
]


def blank_workbook(indicators: list[Indicator] | tuple[Indicator, ...] = ()) -> bytes:
    """Headers only; indicator columns from the situation file when given."""
    heads = ["村"] + [f"{i.name}（{i.unit}）" if i.unit else i.name for i in indicators]
    if not indicators:
        heads.append("（指标名称）")
    problem_heads = list(PROBLEM_COLUMNS)
    return workbook_bytes(
        [
            SheetSpec(VILLAGE_SHEET, [heads], [14] + [18] * (len(heads) - 1)),
            SheetSpec(
                PROBLEM_SHEET, [problem_heads], [10, 12, 36, 16, 20, 36, 10, 16, 10, 12, 20, 16]
            ),
            SheetSpec(NOTES_SHEET, _NOTES, [14, 90]),
        ]
    )
