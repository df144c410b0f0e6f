"""Figures and ready Chinese phrases computed from data, so no template ever types a number.

The one rounding rule: a difference is computed exactly with ``Decimal``, then rounded
half-up (四舍五入) to the largest number of decimal places among its two operands, but to
at most 2 places; trailing zeros of the result are dropped (2.30 → 2.3, 2.00 → 2). Every
comparison (above / equal / below) is judged on that rounded difference, so "持平" means
"equal once rounded". Values typed by the clerk are shown exactly as typed (93.50 stays
93.50). No figure is ever written in exponent notation.

Units: a difference of percentages is in 个百分点, of per-mille values in 个千分点; any
other unit (人, 户, 元 …) is carried by the difference itself (12人); no unit, bare number.

Degree words against the county average (``Thresholds``, changeable by an office):
for % and ‰ indicators, 略 when 0 < |difference| ≤ 1 point and 明显 when |difference| ≥ 5
points; for other units, relative to the county average, 略 when ≤ 2% of it and 明显 when
≥ 10% of it (no degree word when the county average is 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, Inexact, localcontext

from docgen.data.schema import Direction, Indicator

#: The rounding rule in words, for documentation and help texts.
ROUNDING_RULE = (
    "差值先按精确值计算，再四舍五入保留到两个比较数中小数位数较多者的位数，最多保留两位小数，"
    "末尾的0省去（如2.30写作2.3）；高于、低于、持平均按四舍五入后的差值判断；"
    "本镇、目标、全县平均等填报数值按原样显示（填93.50即显示93.50）。"
)

#: Per-cent and per-mille units and the word for a difference between two such values.
_POINT_UNITS = {"%": "个百分点", "％": "个百分点", "‰": "个千分点"}
_MAX_PLACES = 2
_CEILING_MET = "，达到控制要求"
_CEILING_MISSED = "，尚未达到控制要求"


def round_half_up(x: Decimal, places: int) -> Decimal:
    """Round to ``places`` decimal places, halves away from zero (四舍五入)."""
    with localcontext(Context(prec=max(28, x.adjusted() + places + 2))):
        return x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(x: Decimal) -> str:
    """A computed figure in plain digits: no exponent, no trailing zeros (2.30 → 2.3)."""
    if x.is_zero():
        return "0"
    return format(x.normalize(Context(prec=max(28, len(x.as_tuple().digits)))), "f")


def format_typed(x: Decimal) -> str:
    """A figure the clerk typed, digit for digit (93.50 stays 93.50), never in exponent form."""
    return format(x, "f")


@dataclass(frozen=True)
class Thresholds:
    """Where a difference from the county average becomes 略 (slight) or 明显 (marked)."""

    point_slight: Decimal = Decimal("1")
    point_marked: Decimal = Decimal("5")
    relative_slight: Decimal = Decimal("0.02")
    relative_marked: Decimal = Decimal("0.10")

    def __post_init__(self) -> None:
        if not 0 < self.point_slight < self.point_marked:
            raise ValueError("point thresholds must satisfy 0 < slight < marked")
        if not 0 < self.relative_slight < self.relative_marked:
            raise ValueError("relative thresholds must satisfy 0 < slight < marked")

    def rule(self) -> str:
        """The thresholds in words, for documentation."""
        return (
            "与全县平均水平比较时：百分比（%）和千分比（‰）指标，差值大于0且不超过"
            f"{format_number(self.point_slight)}个百分点（千分点）称“略高于/略低于”，"
            f"达到或超过{format_number(self.point_marked)}个百分点（千分点）称“明显高于/明显低于”；"
            "其他单位的指标按差值占全县平均值的比例，不超过"
            f"{format_number(self.relative_slight * 100)}%称“略”，达到或超过"
            f"{format_number(self.relative_marked * 100)}%称“明显”；"
            "四舍五入后差值为0称“持平”。"
        )


DEFAULT_THRESHOLDS = Thresholds()

#: The default degree thresholds in words, for documentation and help texts.
THRESHOLD_RULE = DEFAULT_THRESHOLDS.rule()


def _places(x: Decimal) -> int:
    exponent = x.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def difference(a: Decimal, b: Decimal) -> Decimal:
    """a − b computed exactly, rounded per the one rounding rule (signed)."""
    places = min(max(_places(a), _places(b)), _MAX_PLACES)
    digits = max(len(a.as_tuple().digits), len(b.as_tuple().digits))
    exponent = max(abs(a.adjusted()), abs(b.adjusted()))
    with localcontext(Context(prec=digits + exponent + 2 * _MAX_PLACES + 10, traps=[Inexact])):
        exact = a - b
    return round_half_up(exact, places)


def _unit(ind: Indicator) -> str:
    return ind.unit or ""


def with_unit(x: Decimal, unit: str) -> str:
    """A typed value with its unit, no space before it: 93.5%, 312人."""
    return format_typed(x) + ("%" if unit == "％" else unit)


def gap_text(d: Decimal, unit: str) -> str:
    """An absolute difference with its unit: 1.5个百分点, 1.2个千分点, 12人, 3."""
    return format_number(abs(d)) + _POINT_UNITS.get(unit, unit)


def _degree(d: Decimal, average: Decimal, unit: str, th: Thresholds) -> str:
    size = abs(d)
    if size == 0:
        return ""
    if unit in _POINT_UNITS:
        slight, marked = th.point_slight, th.point_marked
    else:
        if average.is_zero():
            return ""
        slight, marked = th.relative_slight * abs(average), th.relative_marked * abs(average)
    if size <= slight:
        return "略"
    if size >= marked:
        return "明显"
    return ""


def _target_facts(ind: Indicator, value: Decimal) -> dict[str, object] | None:
    if ind.target is None:
        return None
    unit = _unit(ind)
    d = difference(value, ind.target)
    gap = gap_text(d, unit) if d else None
    shown = f"目标值（{with_unit(ind.target, unit)}）"
    if ind.direction is Direction.HIGHER:
        if d > 0:
            state, phrase = "超过", f"超过{shown}{gap}"
        elif d == 0:
            state, phrase = "达到", f"达到{shown}"
        else:
            state, phrase = "未达到", f"距{shown}还差{gap}"
    elif d < 0:
        state, phrase = "达到", f"低于{shown}{gap}{_CEILING_MET}"
    elif d == 0:
        state, phrase = "达到", f"与{shown}持平"
    else:
        state, phrase = "未达到", f"高于{shown}{gap}{_CEILING_MISSED}"
    return {
        "状态": state,
        "差值": Decimal(format_number(abs(d))),
        "差距": gap,
        "近似差距": _natural(d, unit, gap),
        "达标": state != "未达到",
        "表述": phrase,
    }


def natural_gap(d: Decimal, unit: str) -> str:
    """A difference as a person says it: 1.47 → 近1.5个百分点; one decimal or whole stays exact.

    Only a two-decimal difference that rounds up to one decimal reads "近" (nearly); one that
    would round down keeps its digits, as "超过" or "多" would blur which side it lies on.
    """
    size = abs(d)
    if _places(size) >= 2:
        rounded = round_half_up(size, 1)
        if rounded > size and not rounded.is_zero():
            return "近" + gap_text(rounded, unit)
    return gap_text(size, unit)


def _natural(d: Decimal, unit: str, gap: str | None) -> str | None:
    """``natural_gap`` of ``d``, reusing the exact ``gap`` text when it has one decimal at
    most (the common case, and a batch computes it for every village)."""
    if not d:
        return None
    return gap if _places(d) < 2 else natural_gap(d, unit)


def ratio_words(new: Decimal, old: Decimal) -> str | None:
    """翻了一番 / 翻了一番多 / 翻了两番 / 翻了两番多 when a figure at least doubled, else None."""
    if old <= 0 or new < 2 * old:
        return None
    if new == 2 * old:
        return "翻了一番"
    if new < 4 * old:
        return "翻了一番多"
    return "翻了两番" if new == 4 * old else "翻了两番多"


def percent_change(new: Decimal, old: Decimal) -> str | None:
    """The relative change of a count (增长12.5%), rounded to one decimal, no trailing zero."""
    if old <= 0:
        return None
    with localcontext(Context(prec=28)):
        share = (new - old) / old * 100
    return format_number(round_half_up(abs(share), 1)) + "%"


def _county_facts(ind: Indicator, th: Thresholds, area: str = "县") -> dict[str, object] | None:
    if ind.county_average is None:
        return None
    unit = _unit(ind)
    shown = f"全{area}平均水平（{with_unit(ind.county_average, unit)}）"
    return comparison_facts(ind.value, ind.county_average, unit, ind.direction, shown, th)


def comparison_facts(
    value: Decimal,
    base: Decimal,
    unit: str,
    direction: Direction,
    shown: str,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> dict[str, object]:
    """``value`` against a comparison level named ``shown`` (全县平均水平（91.2%）, 全镇水平…):
    relation, degree (略/明显), gap and the ready phrase."""
    d = difference(value, base)
    if d == 0:
        relation, better, gap, phrase, degree = "持平", "持平", None, f"与{shown}持平", ""
    else:
        relation = "高于" if d > 0 else "低于"
        ahead = (d > 0) == (direction is Direction.HIGHER)
        better = "好于" if ahead else "差于"
        gap = gap_text(d, unit)
        degree = _degree(d, base, unit, thresholds)
        phrase = f"{degree}{relation}{shown}{gap}"
    return {
        "关系": relation,
        "程度": degree,
        "差值": Decimal(format_number(abs(d))),
        "差距": gap,
        "近似差距": _natural(d, unit, gap),
        "优劣": better,
        "表述": phrase,
    }


def change_facts(ind: Indicator) -> dict[str, object] | None:
    """From the baseline (the first dated value) to the current one: 提高/下降 and by how much."""
    base = ind.baseline
    if base is None:
        return None
    unit = _unit(ind)
    d = difference(ind.value, base.value)
    if d == 0:
        relation, better = "持平", "持平"
    else:
        relation = "提高" if d > 0 else "下降"
        better = "好转" if (d > 0) == (ind.direction is Direction.HIGHER) else "变差"
    return {
        "关系": relation,
        "优劣": better,
        "差值": Decimal(format_number(abs(d))),
        "差距": natural_gap(d, unit) if d else None,
        "基期": with_unit(base.value, unit),
        "翻番": None if unit in _POINT_UNITS else ratio_words(ind.value, base.value),
        "幅度": None if unit in _POINT_UNITS or d == 0 else percent_change(ind.value, base.value),
    }


def indicator_facts(
    ind: Indicator,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    *,
    area: str = "县",
    value: Decimal | None = None,
) -> dict[str, object]:
    """Everything a template says about one indicator, under Chinese keys.

    ``area`` is how the superior level is called (县, 区, 市): 全县平均水平 / 全区平均水平.
    ``value`` stands for the indicator's own (a village's figure): then there is no average
    or baseline to compare with, and no indicator is copied for it (a batch does this for
    every village).
    """
    unit = _unit(ind)
    own = value is None
    value = ind.value if value is None else value
    average = ind.county_average if own else None
    return {
        "名称": ind.name,
        "单位": unit,
        "现值": with_unit(value, unit),
        "目标": None if ind.target is None else with_unit(ind.target, unit),
        "上级平均": None if average is None else with_unit(average, unit),
        "方向": ind.direction.value,
        "数值": {
            "现值": value,
            "基期": ind.baseline.value if own and ind.baseline else None,
            "目标": ind.target,
            "上级平均": average,
        },
        "对标": _target_facts(ind, value),
        "对上级": _county_facts(ind, thresholds, area) if own else None,
        "变化": change_facts(ind) if own else None,
    }
