"""What a template says about one village: its figures against the target and the township."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..data.schema import Direction, Indicator, Issue
from ..data.villages import Village
from .figures import (
    DEFAULT_THRESHOLDS,
    Thresholds,
    comparison_facts,
    format_typed,
    indicator_facts,
    with_unit,
)
from .township import display, ledger


def township_facts(
    value: Decimal,
    township: Decimal,
    unit: str,
    direction: Direction,
    word: str = "镇",
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> dict[str, object]:
    """The village's value against the township's own (not the county average): 对乡镇."""
    shown = f"全{word}水平（{with_unit(township, unit)}）"
    return comparison_facts(value, township, unit, direction, shown, thresholds)


def village_indicator(ind: Indicator, value: Decimal, word: str, area: str) -> dict[str, object]:
    """indicator_facts on the village's value: 本村 is the village's, 乡镇值 the township's
    (its current value on the document's date, ``ind`` being taken as of that date).

    A pure function of hashable values: a batch may remember it (``Speedups.memo``), as
    villages of a county often share a value and templates cannot change the dicts.
    """
    unit = ind.unit or ""
    facts = indicator_facts(ind, area=area, value=value)  # the village's value, no average
    facts["本村"] = facts.pop("现值")
    facts["乡镇值"] = with_unit(ind.value, unit)
    facts["上级平均"] = None if ind.county_average is None else with_unit(ind.county_average, unit)
    facts["数值"] = {
        "本村": value,
        "乡镇值": ind.value,
        "目标": ind.target,
        "上级平均": ind.county_average,
    }
    facts["对上级"] = None
    facts["变化"] = None
    facts["对乡镇"] = township_facts(value, ind.value, unit, ind.direction, word)
    return facts


def village_data(
    village: Village,
    indicators: tuple[Indicator, ...] | list[Indicator],
    columns: tuple[str, ...],
    word: str = "镇",
    area: str = "县",
    facts_of: Callable[[Indicator, Decimal, str, str], dict[str, object]] = village_indicator,
) -> dict[str, object]:
    """The ``村`` entry of the template context: name, figures, problems and ledger rows."""
    facts = {
        ind.name: facts_of(ind, village.values[ind.name], word, area)
        for ind in indicators
        if ind.name in village.values
    }
    problems = []
    for issue in village.issues:
        shown = display(issue.model_dump(by_alias=True))
        shown["指标"] = facts.get(issue.indicator) if issue.indicator else None
        problems.append(shown)
    return {
        "名称": village.name,
        "指标": list(facts.values()),
        "未达标": [f for f in facts.values() if f["对标"] and not f["对标"]["达标"]],
        "问题": problems,
        "台账": ledger(list(village.issues), columns),
    }


def villages_overview(villages: tuple[Village, ...] | list[Village]) -> list[dict[str, object]]:
    """``各村``: every village's name and figures, for a ``::: 跨村`` section."""
    return [
        {"名称": v.name, "指标": {name: format_typed(x) for name, x in v.values.items()}}
        for v in villages
    ]


__all__ = ["Issue", "township_facts", "village_data", "village_indicator"]
