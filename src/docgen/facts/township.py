"""What templates see: the situation and office profile under their Chinese names, plus facts.

Everything here is a plain dict or list of display strings, so a template can neither
reach Python objects nor print a figure the data does not hold. The same facts serve
every document kind, which is what keeps a figure identical across a campaign's papers;
each kind's facts are taken as of that document's own date (``timeline``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum

from ..chinese import format_date, format_date_range
from ..data.load import LoadedSituation
from ..data.schema import KINDS, LEDGER_COLUMNS, Dispatch, Indicator, Issue, Office, Situation
from .figures import format_typed, indicator_facts
from .level import Level, level_of, level_word
from .narrative import Narrator, common_baseline, common_period, period_of
from .tasks import task_facts
from .timeline import document_date, status_on
from .wording import Rotation

__all__ = ["display", "document_number", "indicators_on", "ledger", "level_word", "township_data"]

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
    "备注": "remark",
    "村": "village",
    "社区": "village",  # a 街道 names the column after its 社区
}
#: 发文 entries by their Chinese kind name (the keys of the office's 代字).
DISPATCH_KINDS = {"通知": "notice", "方案": "plan", "报告": "report", "通报": "bulletin"}


def township_data(loaded: LoadedSituation, kind: str | None = None) -> dict[str, object]:
    """The template context of one kind of document, as of that document's date."""
    situation = loaded.situation
    office = _office(loaded)
    day = document_date(situation, office, kind)
    level = level_of(situation.township, office)
    identity = "|".join((kind or "", situation.township.name, situation.topic, str(day or "")))
    rotation = Rotation(identity)
    data = display(situation.model_dump(by_alias=True))
    data["乡镇"].update(level.facts())
    data["文档"] = {
        "文种": KINDS.get(kind or "", ""),
        "日期": format_date(day) if day else None,
        "标识": identity,
    }
    data["讲话"] = _speech(data.get("讲话"))
    _indicators(situation, data, day, level, rotation)
    if situation.tasks:
        data["任务分组"] = task_facts(situation.tasks, data["任务"], day, rotation)
    if situation.issues:
        data["问题分组"] = _issue_states(situation.issues, data["问题"], day)
    data["单位"] = display(office.model_dump(by_alias=True)) if office else None
    if situation.campaign:
        _campaign(situation, data["自查"])
    if situation.dispatches and office:
        data["发文"] = _dispatches(situation, office)
    columns = tuple(office.ledger_columns) if office and office.ledger_columns else LEDGER_COLUMNS
    data["台账"] = ledger(situation.issues or [], columns, day)
    if situation.inspection:
        _inspection(situation, data["检查"])
    if situation.minutes:
        _minutes(situation, office, data["纪要"])
    return data


def indicators_on(loaded: LoadedSituation, kind: str | None) -> tuple[Indicator, ...]:
    """The indicators a document of ``kind`` knows on its date (a batch's villages compare
    with these township figures)."""
    day = document_date(loaded.situation, _office(loaded), kind)
    found = (ind.as_of(day) for ind in loaded.situation.indicators or ())
    return tuple(ind for ind in found if ind is not None)


def _office(loaded: LoadedSituation) -> Office | None:
    found = getattr(loaded, "office", None)
    return getattr(found, "office", found)


def _speech(shown: dict | None) -> dict[str, object]:
    """The speech's options with every key present, so templates need no ``is defined``."""
    shown = shown or {}
    titles = shown.get("标题") or {}
    return {
        "标题": {key: titles.get(key) for key in ("形势", "任务", "保障")},
        "警示": shown.get("警示") or [],
        "结束语": shown.get("结束语"),
    }


def _indicators(
    situation: Situation, data: dict, day: dt.date | None, level: Level, rotation: Rotation
) -> None:
    """指标 as known on ``day``, each with its sentences; each problem with its figure."""
    known: dict[str, tuple[Indicator, dict]] = {}
    linked = {issue.indicator for issue in situation.issues or () if issue.indicator}
    for ind in situation.indicators or ():
        at = ind.as_of(day)
        if at is None:  # no figure yet on this document's date
            continue
        facts = indicator_facts(at, area=level.superior)
        facts["口径"] = period_of(at.current, at.period, day)
        facts["关联问题"] = ind.name in linked
        facts["向好"] = _going_well(facts)
        known[ind.name] = (at, facts)
    current = [at for at, _ in known.values()]
    common = common_period(current, day) if known else None
    data["指标口径"] = common
    data["指标基期"] = common_baseline(current, day)
    narrator = Narrator(rotation, day, level.facts()["上级平均"], common)
    narrator.common_base = data["指标基期"]
    for at, facts in known.values():
        facts["说法"] = narrator.sentences(facts, at)
    data["指标"] = [facts for _, facts in known.values()] if situation.indicators else None
    for issue, shown in zip(situation.issues or (), data.get("问题") or (), strict=True):
        found = known.get(issue.indicator or "")
        shown["指标"] = found[1] if found else None
        shown["指标说法"] = narrator.problem_clause(found[1], found[0]) if found else None


def _going_well(facts: dict) -> bool:
    """Whether an indicator belongs with the achievements: its target met, or without a
    target not behind the average (a figure with no comparison at all counts as neutral)."""
    if facts["对标"] is not None:
        return bool(facts["对标"]["达标"])
    county = facts["对上级"]
    return county is None or county["优劣"] != "差于"


def _issue_states(issues: list[Issue], shown: list[dict], day: dt.date | None) -> dict:
    """Each problem's rectification status on ``day``; the problems grouped by it."""
    groups: dict[str, list[dict]] = {"已完成": [], "逾期": [], "待办": []}
    for number, (issue, out) in enumerate(zip(issues, shown, strict=True), 1):
        out["序号"] = number  # 第一、三个问题
        state = status_on(issue, day)
        out["状态"] = state.status.value if state.status else None
        out["完成日期"] = format_date(state.done_on) if state.done_on else None
        out["整改进展"] = state.ledger_text() or None
        group = "已完成" if state.done else "逾期" if state.overdue else "待办"
        groups[group].append(out)
    return groups


def _campaign(situation: Situation, shown: dict) -> None:
    stages = situation.campaign.stages
    for stage, out in zip(stages, shown["阶段"], strict=True):
        out["起止"] = format_date_range(stage.start, stage.end)
    shown["开始"] = format_date(stages[0].start)
    shown["结束"] = format_date(stages[-1].end)
    shown["起止"] = format_date_range(stages[0].start, stages[-1].end)


def _dispatches(situation: Situation, office: Office) -> dict[str, object]:
    """Each document's 字号, dates and addressees: its own, else the campaign's, else the
    office profile's (a campaign run for another department reports to that department)."""
    common = situation.dispatches
    submission = situation.campaign.submission if situation.campaign else None
    out: dict[str, object] = {}
    for chinese, attr in DISPATCH_KINDS.items():
        dispatch: Dispatch | None = getattr(common, attr)
        if dispatch is None:
            out[chinese] = None  # templates may ask {% if 发文.通知 %}
            continue
        shown = display(dispatch.model_dump(by_alias=True))
        code = office.organ.codes.get(chinese, "")
        shown["字号"] = document_number(code, dispatch.date.year, dispatch.serial) if code else None
        shown["印发日期"] = format_date(dispatch.print_date or dispatch.date)
        upward = chinese == "报告"
        shown["主送"] = dispatch.recipients or (
            (common.superior or office.superior)
            if upward
            else common.recipients or office.recipients
        )
        copy_to = dispatch.copy_to or common.copy_to or office.copy_to
        shown["抄送"] = None if upward and copy_to == shown["主送"] else copy_to
        shown["联系人"] = _first(
            dispatch.contact, common.contact, office.contact, submission, "contact"
        )
        shown["电话"] = _first(dispatch.phone, common.phone, office.phone, submission, "phone")
        shown["签发人"] = list(dispatch.signers or [])
        out[chinese] = shown
    return out


def _first(*found: object) -> str | None:
    """The first of the given texts; the last two arguments name a fallback's attribute."""
    *texts, fallback, attr = found
    for text in texts:
        if text:
            return str(text)
    return getattr(fallback, str(attr), None) if fallback is not None else None


def _minutes(situation: Situation, office: Office | None, shown: dict) -> None:
    """纪要: 编印单位 (the office's 印发机关 by default) and the date on its header line."""
    minutes = situation.minutes
    shown["编印单位"] = minutes.issuer or (office.printer if office else None)
    shown["印发日期"] = format_date(minutes.print_date or minutes.date)


def document_number(code: str, year: int, serial: int) -> str:
    """发文字号 per GB/T 9704-2012 7.2.5: 机关代字〔年份〕序号号, no 第, no leading zero."""
    return f"{code}〔{year}〕{serial}号"


def ledger(
    issues: list[Issue] | tuple[Issue, ...], columns: tuple[str, ...], day: dt.date | None = None
) -> dict[str, object]:
    """The 整改台账 as rows of display texts, one row per problem, in the office's columns;
    整改进展 is the problem's status on the document's date."""
    rows = []
    for number, issue in enumerate(issues, 1):
        row = []
        for column in columns:
            if column == "序号":
                row.append(str(number))
            elif column == "整改进展":
                row.append(status_on(issue, day).ledger_text())
            else:
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


def display(value: object) -> object:
    """Dates as 2026年11月28日, figures exactly as typed, enums by their Chinese value."""
    if isinstance(value, dict):
        return {k: display(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [display(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return format_typed(value)
    if isinstance(value, dt.date):
        return format_date(value)
    return value
