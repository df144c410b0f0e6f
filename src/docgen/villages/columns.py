"""The Chinese column headers of the village table and what each one means (docs/villages.md)."""

from __future__ import annotations

import re

#: Sheet names in a workbook; the village sheet may also simply be the first sheet.
VILLAGE_SHEET = "村情"
PROBLEM_SHEET = "问题"
NOTES_SHEET = "说明"

#: Headers accepted for the village-name column.
NAME_HEADERS = ("村", "村名", "村（社区）", "村(社区)", "名称")

#: Problems sheet: header → Issue field alias (docgen.data.schema.Issue), in template order.
PROBLEM_COLUMNS: dict[str, str] = {
    "村": "村",
    "问题类别": "类别",
    "问题描述": "内容",
    "指标": "指标",
    "整改目标": "整改目标",
    "整改措施": "整改措施",
    "责任领导": "责任领导",
    "责任单位": "责任单位",
    "责任人": "责任人",
    "整改时限": "整改时限",
    "整改进展": "整改进展",
    "备注": "备注",
}
#: Other spellings a clerk may use for the same columns.
PROBLEM_ALIASES = {
    "村名": "村",
    "村（社区）": "村",
    "村(社区)": "村",
    "类别": "问题类别",
    "内容": "问题描述",
    "问题": "问题描述",
    "时限": "整改时限",
}
REQUIRED_PROBLEM_COLUMNS = ("村", "问题描述", "整改措施", "责任人", "整改时限")
DATE_COLUMNS = ("整改时限",)
#: Columns that are ignored (numbered automatically in the ledger).
IGNORED = ("序号",)

_UNIT_SUFFIX = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")


def header_text(value: object) -> str:
    """A header cell as text, surrounding spaces and line breaks removed."""
    return "".join(str(value).split())


def indicator_header(header: str) -> str:
    """出生登记及时率（%） → 出生登记及时率: a unit in brackets after the name is allowed."""
    return _UNIT_SUFFIX.sub("", header)
