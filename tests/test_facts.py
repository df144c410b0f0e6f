"""Derived facts: every figure a template prints is computed and worded here, never typed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from docgen.data.schema import DatedValue, Indicator
from docgen.facts.figures import (
    DEFAULT_THRESHOLDS,
    ROUNDING_RULE,
    THRESHOLD_RULE,
    Thresholds,
    difference,
    format_number,
    format_typed,
    indicator_facts,
    round_half_up,
)


def make(
    value: str,
    unit: str | None = "%",
    *,
    target: str | None = None,
    county: str | None = None,
    direction: str | None = None,
) -> Indicator:
    data: dict[str, object] = {"名称": "测试指标", "本镇": value}
    if unit is not None:
        data["单位"] = unit
    if target is not None:
        data["目标"] = target
    if county is not None:
        data["全县平均"] = county
    if direction is not None:
        data["方向"] = direction
    return Indicator.model_validate(data)


# --- rounding and number formatting -------------------------------------------------


@pytest.mark.parametrize(
    ("x", "places", "expected"),
    [
        ("0.125", 2, "0.13"),
        ("0.135", 2, "0.14"),
        ("-0.125", 2, "-0.13"),
        ("2.256", 2, "2.26"),
        ("2.254", 2, "2.25"),
        ("4.45", 1, "4.5"),
        ("2.5", 0, "3"),
        ("7", 2, "7.00"),
    ],
)
def test_round_half_up(x: str, places: int, expected: str) -> None:
    assert str(round_half_up(Decimal(x), places)) == expected


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        ("1E+2", "100"),
        ("1.5E+3", "1500"),
        ("2.30", "2.3"),
        ("2.00", "2"),
        ("100", "100"),
        ("0.00", "0"),
        ("-0.0", "0"),
        ("1E-7", "0.0000001"),
        ("12345678901234567890123456789012", "12345678901234567890123456789012"),
    ],
)
def test_format_number_plain_and_stripped(x: str, expected: str) -> None:
    assert format_number(Decimal(x)) == expected


@pytest.mark.parametrize(
    ("x", "expected"),
    [("93.50", "93.50"), ("1E+2", "100"), ("0.0", "0.0"), ("312", "312")],
)
def test_format_typed_keeps_digits(x: str, expected: str) -> None:
    assert format_typed(Decimal(x)) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("93.456", "91.2", "2.26"),  # 3 places capped at 2
        ("85.5", "90", "-4.5"),  # places 1
        ("1.125", "1", "0.13"),  # half-up where 3 places round to 2
        ("93.50", "91.2", "2.30"),  # places taken from the typed operand
        ("95", "95.00", "0.00"),
        ("312", "300", "12"),
        ("95.001", "95", "0.00"),  # rounds to zero: counts as equal
    ],
)
def test_difference_rule(a: str, b: str, expected: str) -> None:
    assert str(difference(Decimal(a), Decimal(b))) == expected


def test_difference_is_exact_beyond_default_precision() -> None:
    a = Decimal("1234567890123456789012345678901.25")
    b = Decimal("0.5")
    assert difference(a, b) == Decimal("1234567890123456789012345678900.75")


def test_rules_are_documented_in_chinese() -> None:
    assert "四舍五入" in ROUNDING_RULE and "两位小数" in ROUNDING_RULE
    assert "1个百分点" in THRESHOLD_RULE and "5个百分点" in THRESHOLD_RULE
    assert "不超过2%" in THRESHOLD_RULE and "10%" in THRESHOLD_RULE


def test_threshold_rule_follows_the_thresholds() -> None:
    text = Thresholds(point_slight=Decimal("0.5"), point_marked=Decimal("3")).rule()
    assert "0.5个百分点" in text and "3个百分点" in text


@pytest.mark.parametrize(
    "kwargs",
    [
        {"point_slight": Decimal("5"), "point_marked": Decimal("5")},
        {"point_slight": Decimal("0")},
        {"relative_slight": Decimal("0.2"), "relative_marked": Decimal("0.1")},
    ],
)
def test_thresholds_must_be_ordered(kwargs: dict[str, Decimal]) -> None:
    with pytest.raises(ValueError):
        Thresholds(**kwargs)


# --- against the target ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "target", "unit", "direction", "state", "met", "gap", "phrase"),
    [
        ("96.5", "95", "%", None, "超过", True, "1.5个百分点", "超过目标值（95%）1.5个百分点"),
        ("95", "95", "%", None, "达到", True, None, "达到目标值（95%）"),
        ("95.0", "95", "%", None, "达到", True, None, "达到目标值（95%）"),
        # judged on the rounded difference: 94.999 − 95 rounds to 0.00
        ("94.999", "95", "%", None, "达到", True, None, "达到目标值（95%）"),
        ("93.5", "95", "%", None, "未达到", False, "1.5个百分点", "距目标值（95%）还差1.5个百分点"),
        (
            "3.8",
            "5",
            "‰",
            "越低越好",
            "达到",
            True,
            "1.2个千分点",
            "低于目标值（5‰）1.2个千分点，达到控制要求",
        ),
        ("5", "5", "‰", "越低越好", "达到", True, None, "与目标值（5‰）持平"),
        (
            "6.2",
            "5",
            "‰",
            "越低越好",
            "未达到",
            False,
            "1.2个千分点",
            "高于目标值（5‰）1.2个千分点，尚未达到控制要求",
        ),
        ("288", "300", "人", None, "未达到", False, "12人", "距目标值（300人）还差12人"),
        ("312", "300", "人", None, "超过", True, "12人", "超过目标值（300人）12人"),
        ("18", "20", None, None, "未达到", False, "2", "距目标值（20）还差2"),
        ("12", "15", "天", "越低越好", "达到", True, "3天", "低于目标值（15天）3天，达到控制要求"),
    ],
)
def test_against_target(
    value: str,
    target: str,
    unit: str | None,
    direction: str | None,
    state: str,
    met: bool,
    gap: str | None,
    phrase: str,
) -> None:
    facts = indicator_facts(make(value, unit, target=target, direction=direction))
    t = facts["对标"]
    assert isinstance(t, dict)
    assert (t["状态"], t["达标"], t["差距"], t["表述"]) == (state, met, gap, phrase)


def test_target_difference_is_absolute_and_stripped() -> None:
    t = indicator_facts(make("93.50", target="95.80"))["对标"]
    assert isinstance(t, dict)
    assert t["差值"] == Decimal("2.3") and str(t["差值"]) == "2.3"


def test_no_target_no_comparison() -> None:
    facts = indicator_facts(make("93.5"))
    assert facts["对标"] is None and facts["目标"] is None
    assert facts["数值"] == {"现值": Decimal("93.5"), "基期": None, "目标": None, "上级平均": None}


# --- against the county average ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "county", "unit", "direction", "relation", "degree", "better", "gap", "phrase"),
    [
        # percentages: degree by points, edges at exactly 1 and exactly 5
        (
            "93.5",
            "91.2",
            "%",
            None,
            "高于",
            "",
            "好于",
            "2.3个百分点",
            "高于全县平均水平（91.2%）2.3个百分点",
        ),
        (
            "90.8",
            "91.2",
            "%",
            None,
            "低于",
            "略",
            "差于",
            "0.4个百分点",
            "略低于全县平均水平（91.2%）0.4个百分点",
        ),
        (
            "92.2",
            "91.2",
            "%",
            None,
            "高于",
            "略",
            "好于",
            "1个百分点",
            "略高于全县平均水平（91.2%）1个百分点",
        ),
        (
            "92.21",
            "91.2",
            "%",
            None,
            "高于",
            "",
            "好于",
            "1.01个百分点",
            "高于全县平均水平（91.2%）1.01个百分点",
        ),
        (
            "96.19",
            "91.2",
            "%",
            None,
            "高于",
            "",
            "好于",
            "4.99个百分点",
            "高于全县平均水平（91.2%）4.99个百分点",
        ),
        (
            "96.2",
            "91.2",
            "%",
            None,
            "高于",
            "明显",
            "好于",
            "5个百分点",
            "明显高于全县平均水平（91.2%）5个百分点",
        ),
        (
            "86.2",
            "91.2",
            "%",
            None,
            "低于",
            "明显",
            "差于",
            "5个百分点",
            "明显低于全县平均水平（91.2%）5个百分点",
        ),
        ("91.2", "91.2", "%", None, "持平", "", "持平", None, "与全县平均水平（91.2%）持平"),
        ("91.201", "91.2", "%", None, "持平", "", "持平", None, "与全县平均水平（91.2%）持平"),
        # lower is better: being below the average is the good side
        (
            "3.8",
            "4.5",
            "‰",
            "越低越好",
            "低于",
            "略",
            "好于",
            "0.7个千分点",
            "略低于全县平均水平（4.5‰）0.7个千分点",
        ),
        (
            "6.0",
            "4.5",
            "‰",
            "越低越好",
            "高于",
            "",
            "差于",
            "1.5个千分点",
            "高于全县平均水平（4.5‰）1.5个千分点",
        ),
        # other units: degree relative to the average (2% and 10% of 500 are 10 and 50)
        ("510", "500", "人", None, "高于", "略", "好于", "10人", "略高于全县平均水平（500人）10人"),
        ("511", "500", "人", None, "高于", "", "好于", "11人", "高于全县平均水平（500人）11人"),
        ("451", "500", "人", None, "低于", "", "差于", "49人", "低于全县平均水平（500人）49人"),
        (
            "450",
            "500",
            "人",
            None,
            "低于",
            "明显",
            "差于",
            "50人",
            "明显低于全县平均水平（500人）50人",
        ),
        ("30", "20", None, None, "高于", "明显", "好于", "10", "明显高于全县平均水平（20）10"),
        ("3", "0", "户", "越低越好", "高于", "", "差于", "3户", "高于全县平均水平（0户）3户"),
    ],
)
def test_against_county(
    value: str,
    county: str,
    unit: str | None,
    direction: str | None,
    relation: str,
    degree: str,
    better: str,
    gap: str | None,
    phrase: str,
) -> None:
    c = indicator_facts(make(value, unit, county=county, direction=direction))["对上级"]
    assert isinstance(c, dict)
    got = (c["关系"], c["程度"], c["优劣"], c["差距"], c["表述"])
    assert got == (relation, degree, better, gap, phrase)


def test_lower_is_better_slight_edge() -> None:
    # Per-mille points use the same edges as percentage points: exactly 1 is still slight.
    c = indicator_facts(make("3.5", "‰", county="4.5", direction="越低越好"))["对上级"]
    assert isinstance(c, dict)
    assert c["表述"] == "略低于全县平均水平（4.5‰）1个千分点"


def test_custom_thresholds_change_the_degree() -> None:
    ind = make("93.5", county="91.2")
    strict = Thresholds(point_slight=Decimal("0.5"), point_marked=Decimal("2"))
    assert indicator_facts(ind)["对上级"]["程度"] == ""  # type: ignore[index]
    assert indicator_facts(ind, strict)["对上级"]["程度"] == "明显"  # type: ignore[index]
    assert DEFAULT_THRESHOLDS.point_marked == Decimal("5")


def test_rounding_in_county_difference() -> None:
    c = indicator_facts(make("93.456", county="91.2"))["对上级"]
    assert isinstance(c, dict)
    assert c["差值"] == Decimal("2.26") and c["差距"] == "2.26个百分点"


# --- units, display, no stray percent sign ---------------------------------------------


@pytest.mark.parametrize(
    ("unit", "shown", "gap"),
    [
        ("%", "93.5%", "2.3个百分点"),
        ("％", "93.5%", "2.3个百分点"),
        ("‰", "93.5‰", "2.3个千分点"),
        ("人", "93.5人", "2.3人"),
        (None, "93.5", "2.3"),
    ],
)
def test_units(unit: str | None, shown: str, gap: str) -> None:
    facts = indicator_facts(make("93.5", unit, county="91.2"))
    assert facts["现值"] == shown
    assert facts["单位"] == (unit or "")
    assert facts["对上级"]["差距"] == gap  # type: ignore[index]


@pytest.mark.parametrize(
    ("value", "other"),
    [("93.5", "91.2"), ("80", "95"), ("99.99", "0.01"), ("1E+2", "95"), ("50", "50.5")],
)
def test_percentage_gap_never_uses_percent_sign(value: str, other: str) -> None:
    ind = make("0", target="0").model_copy(
        update={"value": Decimal(value), "target": Decimal(other), "county_average": Decimal(other)}
    )
    facts = indicator_facts(ind)
    for part in ("对标", "对上级"):
        section = facts[part]
        assert isinstance(section, dict)
        assert "%" not in (section["差距"] or "")
        assert "个百分点" in section["表述"]
        assert "E" not in section["表述"]


def test_values_shown_as_typed() -> None:
    facts = indicator_facts(make("93.50", target="95.00", county="91.20"))
    assert (facts["现值"], facts["目标"], facts["上级平均"]) == ("93.50%", "95.00%", "91.20%")
    assert facts["对标"]["表述"] == "距目标值（95.00%）还差1.5个百分点"  # type: ignore[index]
    assert facts["对上级"]["表述"] == "高于全县平均水平（91.20%）2.3个百分点"  # type: ignore[index]


def test_no_exponent_anywhere() -> None:
    ind = make("0", "元", target="0", county="0").model_copy(
        update={
            "target": Decimal("2E+2"),
            "county_average": Decimal("1E+2"),
        }
    )
    typed = DatedValue.model_construct(value=Decimal("3E+2"), date=None, period=None)
    ind = ind.model_copy(update={"values": (typed,)})
    facts = indicator_facts(ind)
    assert facts["现值"] == "300元" and facts["目标"] == "200元"
    assert facts["对标"]["表述"] == "超过目标值（200元）100元"  # type: ignore[index]
    assert str(facts["对标"]["差值"]) == "100"  # type: ignore[index]
    assert facts["对上级"]["表述"] == "明显高于全县平均水平（100元）200元"  # type: ignore[index]


def test_plain_fields() -> None:
    facts = indicator_facts(make("3.8", "‰", direction="越低越好"))
    assert facts["名称"] == "测试指标"
    assert facts["方向"] == "越低越好"
    assert facts["对上级"] is None
    assert indicator_facts(make("1"))["方向"] == "越高越好"


def test_templates_can_read_chinese_keys() -> None:
    import jinja2  # the renderer owns jinja2; imported here only to prove key access

    facts = indicator_facts(make("93.5", target="95", county="91.2"))
    text = jinja2.Template("{{ 指标.名称 }}{{ 指标.对标.表述 }}，{{ 指标.对上级.表述 }}").render(
        指标=facts
    )
    assert text == "测试指标距目标值（95%）还差1.5个百分点，高于全县平均水平（91.2%）2.3个百分点"
