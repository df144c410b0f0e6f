"""What templates see: the situation and office profile under their Chinese names, plus facts.

Everything here is a plain dict or list of display strings, so a template can neither
reach Python objects nor print a figure the data does not hold. The same facts serve
every document kind, which is what keeps a figure identical across a campaign's papers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum

from ..chinese import format_date, format_date_range
from ..data.load import LoadedSituation
from ..data.schema import LEDGER_COLUMNS, Dispatch, Issue, Office, Situation
from .figures import format_typed, indicator_facts

#: Data field behind each ledger column name.
_LEDGER_FIELDS = {
    "问题类别": "category",
    "问题描述": "text",
    "整改目标": "goal",
    "整改措施": "measures",
    "责任领导": "leader",
    "责任单位": "unit",
    "责任人": "person",
    "整改时限": "deadline",
    "整改进展": "progress",
    "备注": "remark",
    "村": "village",
}
#: 发文 entries by their Chinese kind name (the keys of the office's 代字).
DISPATCH_KINDS = {"通知": "notice", "方案": "plan", "报告": "report", "通报": "bulletin"}


def township_data(loaded: LoadedSituation) -> dict[str, object]:
    situation = loaded.situation
    data = display(situation.model_dump(by_alias=True))
    data["乡镇"]["称谓"] = level_word(situation.township.name, ("街道", "镇", "乡"), "镇")
    area = level_word(situation.township.county, ("县", "区", "市", "旗"), "县")
    data["乡镇"]["上级称谓"] = area
    facts = {ind.name: indicator_facts(ind, area=area) for ind in situation.indicators or ()}
    if situation.indicators:
        data["指标"] = [facts[ind.name] for ind in situation.indicators]
    if situation.issues:
        for issue, shown in zip(situation.issues, data["问题"], strict=True):
            shown["指标"] = facts.get(issue.indicator) if issue.indicator else None
    office = _office(loaded)
    data["单位"] = display(office.model_dump(by_alias=True)) if office else None
    if situation.campaign:
        _campaign(situation, data["自查"])
    if situation.dispatches and office:
        data["发文"] = _dispatches(situation, office)
    columns = tuple(office.ledger_columns) if office and office.ledger_columns else LEDGER_COLUMNS
    data["台账"] = ledger(situation.issues or [], columns)
    if situation.inspection:
        _inspection(situation, data["检查"])
    return data


def _office(loaded: LoadedSituation) -> Office | None:
    found = getattr(loaded, "office", None)
    return getattr(found, "office", found)


def _campaign(situation: Situation, shown: dict) -> None:
    stages = situation.campaign.stages
    for stage, out in zip(stages, shown["阶段"], strict=True):
        out["起止"] = format_date_range(stage.start, stage.end)
    shown["开始"] = format_date(stages[0].start)
    shown["结束"] = format_date(stages[-1].end)
    shown["起止"] = format_date_range(stages[0].start, stages[-1].end)


def _dispatches(situation: Situation, office: Office) -> dict[str, object]:
    out: dict[str, object] = {}
    for chinese, attr in DISPATCH_KINDS.items():
        dispatch: Dispatch | None = getattr(situation.dispatches, attr)
        if dispatch is None:
            out[chinese] = None  # templates may ask {% if 发文.通知 %}
            continue
        shown = display(dispatch.model_dump(by_alias=True))
        code = office.organ.codes.get(chinese, "")
        shown["字号"] = document_number(code, dispatch.date.year, dispatch.serial) if code else None
        shown["印发日期"] = format_date(dispatch.print_date or dispatch.date)
        shown["抄送"] = dispatch.copy_to or office.copy_to
        shown["签发人"] = list(dispatch.signers or [])
        out[chinese] = shown
    return out


def document_number(code: str, year: int, serial: int) -> str:
    """发文字号 per GB/T 9704-2012 7.2.5: 机关代字〔年份〕序号号, no 第, no leading zero."""
    return f"{code}〔{year}〕{serial}号"


def ledger(issues: list[Issue], columns: tuple[str, ...]) -> dict[str, object]:
    """The 整改台账 as rows of display texts, one row per problem, in the office's columns."""
    rows = []
    for number, issue in enumerate(issues, 1):
        row = []
        for column in columns:
            if column == "序号":
                row.append(str(number))
                continue
            value = getattr(issue, _LEDGER_FIELDS.get(column, ""), None)
            row.append("" if value is None else str(display(value)))
        rows.append(row)
    return {"列": list(columns), "行": rows}


def _inspection(situation: Situation, shown: dict) -> None:
    inspection = situation.inspection
    shown["起止"] = format_date_range(inspection.start, inspection.end)
    shown["村数"] = len(inspection.results)
    shown["表扬"] = [r for r in shown["结果"] if r["等次"] == "优秀"]
    shown["批评"] = [r for r in shown["结果"] if r["等次"] == "较差"]


def level_word(name: str, words: tuple[str, ...], default: str) -> str:
    """青石镇 → 镇, 桃源乡 → 乡, 云溪县 → 县: how the text refers to the unit ("全镇", "全县")."""
    return next((w for w in words if name.endswith(w)), default)


def display(value: object) -> object:
    """Dates as 2026年11月28日, figures exactly as typed, enums by their Chinese value."""
    if isinstance(value, dict):
        return {k: display(v) for k, v in value.items()}
    if isinstance(value, list):
        return [display(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return format_typed(value)
    if isinstance(value, dt.date):
        return format_date(value)
    return value
