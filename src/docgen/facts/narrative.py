"""Indicators in sentences a careful writer would sign: two comparisons at most, varied words.

A figure is compared with its target, with the superior's average and with its own
baseline; a sentence carries at most two of those comparisons, and each kind of comparison
is worded differently each time it comes back in a document (``wording.Rotation``). Gaps
are computed in ``figures`` and rounded as a person would say them (近1.5个百分点).
"""

from __future__ import annotations

import calendar
import datetime as dt

from ..data.schema import DatedValue, Direction, Indicator
from .wording import Rotation

#: Wordings per comparison; {t} the target, {g} the gap, {a} the average's name and value.
TARGET_WORDS: dict[str, tuple[str, ...]] = {
    "超过": ("超过目标值（{t}）{g}", "比{t}的目标高出{g}", "已经超出{t}的目标{g}"),
    "达到": ("达到目标值（{t}）", "如期达到{t}的目标", "正好完成{t}的目标"),
    "未达到": (
        "距目标值（{t}）还差{g}",
        "离{t}的目标还有{g}的差距",
        "比{t}的目标低{g}",
        "与{t}的目标相比还差{g}",
        "还没有达到{t}的目标，差{g}",
    ),
    "控制住": ("低于目标值（{t}）{g}，达到控制要求", "控制在{t}以内，比目标低{g}"),
    "持平于线": ("与目标值（{t}）持平", "正好在{t}的控制线上"),
    "超出控制": ("高于目标值（{t}）{g}，尚未达到控制要求", "超出{t}的控制目标{g}"),
}
#: Problem clauses use their own wordings, so a gap told twice never reads the same.
PROBLEM_TARGET_WORDS: tuple[str, ...] = (
    "离{t}的目标还差{g}",
    "距{t}的目标尚有{g}",
    "与目标（{t}）相比差{g}",
    "比{t}的目标要求低{g}",
    "同{t}的目标还有{g}的距离",
)
PROBLEM_CEILING_WORDS: tuple[str, ...] = ("超出{t}的控制目标{g}", "比{t}的控制线高{g}")
AVERAGE_WORDS: dict[str, tuple[str, ...]] = {
    "高于": ("{d}高于{a}（{c}）{g}", "比{a}{d}高{g}", "高出{a}{g}"),
    "低于": ("{d}低于{a}（{c}）{g}", "比{a}{d}低{g}", "低于{a}{g}"),
    "持平": ("与{a}（{c}）持平", "和{a}持平"),
    "明显高于": ("明显高于{a}（{c}）{g}", "高出{a}{g}之多"),
    "明显低于": ("明显低于{a}（{c}）{g}", "比{a}低了{g}之多"),
}
CHANGE_WORDS: dict[str, tuple[str, ...]] = {
    "提高": (
        "由{bp}的{b}提高到{v}",
        "达到{v}，比{bp}提高了{g}",
        "为{v}，较{bp}上升{g}",
        "从{bp}的{b}升至{v}",
        "比{bp}增加{g}，达到{v}",
    ),
    "下降": (
        "由{bp}的{b}下降到{v}",
        "为{v}，比{bp}下降了{g}",
        "降至{v}，较{bp}减少{g}",
        "从{bp}的{b}降到{v}",
    ),
    "持平": ("为{v}，与{bp}持平", "保持在{v}，与{bp}相同"),
}
#: The same, when the paragraph has named the baseline once (与2026年10月底相比，…).
CHANGE_WORDS_SAID: dict[str, tuple[str, ...]] = {
    "提高": (
        "由{b}提高到{v}",
        "达到{v}，提高了{g}",
        "为{v}，上升{g}",
        "从{b}升至{v}",
        "增加{g}，达到{v}",
    ),
    "下降": ("由{b}下降到{v}", "为{v}，下降了{g}", "降至{v}，减少{g}", "从{b}降到{v}"),
    "持平": ("保持在{v}", "仍为{v}"),
}
#: Second sentences about the average, when a sentence already holds two comparisons.
AVERAGE_LEADS: tuple[str, ...] = (
    "这一指标",
    "与周边比，这一指标",
    "横向看，这一指标",
    "放在全局看，它",
    "同期比较，这个数字",
)


def month_point(day: dt.date, today: dt.date | None) -> str:
    """10月底 / 10月28日, with the year when it is not the document's own (2026年10月底)."""
    last = calendar.monthrange(day.year, day.month)[1]
    shown = f"{day.month}月底" if day.day == last else f"{day.month}月{day.day}日"
    return shown if today is not None and today.year == day.year else f"{day.year}年{shown}"


def common_period(indicators: list[Indicator], today: dt.date | None) -> str | None:
    """The period all ``indicators`` share (截至10月底), if they share one."""
    periods = {period_of(ind.current, ind.period, today) for ind in indicators}
    return periods.pop() if len(periods) == 1 else None


def common_baseline(indicators: list[Indicator], today: dt.date | None) -> str | None:
    """The baseline's moment all ``indicators`` with one share (2026年10月底), if one."""
    points = {baseline_point(i.baseline, today) for i in indicators if i.baseline is not None}
    return points.pop() if len(points) == 1 else None


def period_of(value: DatedValue, fallback: str | None, today: dt.date | None) -> str | None:
    """How the current figure was counted: typed (今年以来), else from its date (截至10月底)."""
    if value.period:
        return value.period
    if fallback:
        return fallback
    return "截至" + month_point(value.date, today) if value.date else None


def baseline_point(value: DatedValue, today: dt.date | None) -> str:
    """The baseline's moment, for "比{它}提高": typed (年初) or its date (10月底)."""
    if value.period:
        return value.period.removeprefix("截至")
    return month_point(value.date, today) if value.date else "基期"


class Narrator:
    """Sentences about a document's indicators, worded in turn from one ``Rotation``."""

    def __init__(
        self, rotation: Rotation, today: dt.date | None, area: str, common: str | None = None
    ) -> None:
        self.rotation = rotation
        self.today = today
        self.area = area  # 全县平均水平
        # When every figure was counted alike (截至10月底), a paragraph says so once: the
        # template before the sentences, the first problem clause before the others.
        self.common = common
        self._common_said = False
        self.common_base: str | None = None  # the baseline's moment, when all share one

    def _period(self, ind: Indicator) -> str | None:
        """The figure's period where a sentence states it (None where it goes unsaid)."""
        return None if self.common else period_of(ind.current, ind.period, self.today)

    def target_clause(self, facts: dict, *, problem: bool = False) -> str | None:
        """The comparison with the target, or None without one."""
        target = facts["对标"]
        if target is None:
            return None
        state, lower = target["状态"], facts["方向"] == Direction.LOWER.value
        family = {
            ("超过", False): "超过",
            ("达到", False): "达到",
            ("未达到", False): "未达到",
            ("达到", True): "控制住" if target["差值"] else "持平于线",
            ("未达到", True): "超出控制",
        }[(state, lower)]
        if problem and state == "未达到":
            words = PROBLEM_CEILING_WORDS if lower else PROBLEM_TARGET_WORDS
            key = "问题" + family
        else:
            words, key = TARGET_WORDS[family], family
        gap = facts["对标"]["近似差距"] or ""
        return self.rotation.next(key, words).format(t=facts["目标"], g=gap)

    def average_clause(self, facts: dict) -> str | None:
        county = facts["对上级"]
        if county is None:
            return None
        family = ("明显" if county["程度"] == "明显" else "") + county["关系"]
        return self.rotation.next("上级" + family, AVERAGE_WORDS[family]).format(
            d=county["程度"], a=self.area, c=facts["上级平均"], g=county["近似差距"] or ""
        )

    def change_clause(self, facts: dict, ind: Indicator) -> str | None:
        change = facts["变化"]
        if change is None or ind.baseline is None:
            return None
        gap = change["翻番"] or change["差距"] or ""
        said = self.common_base is not None
        words = (CHANGE_WORDS_SAID if said else CHANGE_WORDS)[change["关系"]]
        if change["翻番"]:  # 翻了一番多 says the size better than any gap
            words = (("由{b}增加到{v}，" if said else "由{bp}的{b}增加到{v}，") + gap,)
        return self.rotation.next("变化" + change["关系"], words).format(
            bp=baseline_point(ind.baseline, self.today), b=change["基期"], v=facts["现值"], g=gap
        )

    def sentences(self, facts: dict, ind: Indicator) -> str:
        """One or two sentences: current value with at most two comparisons in each."""
        period = self._period(ind)
        opening = f"{period}，" if period else ""
        change = self.change_clause(facts, ind)
        target, average = self.target_clause(facts), self.average_clause(facts)
        head = f"{opening}{facts['名称']}{change}" if change else None
        if head is None:
            head = f"{opening}{facts['名称']}为{facts['现值']}"
        clauses = [c for c in (target, average) if c]
        first = clauses[:1] if change else clauses[:2]
        text = "，".join([head, *first]) + "。"
        if len(clauses) > len(first) and self._worth_telling(facts["对上级"]):
            lead = self.rotation.next("上级引语", AVERAGE_LEADS)
            text += f"{lead}{clauses[-1]}。"
        return text

    @staticmethod
    def _worth_telling(county: dict | None) -> bool:
        """A third comparison gets a sentence of its own only when a reader should note it:
        markedly off the average, or worse than it."""
        return county is not None and (county["程度"] == "明显" or county["优劣"] == "差于")

    def problem_clause(self, facts: dict, ind: Indicator) -> str | None:
        """What a problem adds about its indicator: the gap to the target, or the figure
        itself against the average when there is no target (never a repeat of the target
        sentence's wording)."""
        target, average = facts["对标"], facts["对上级"]
        if target is not None and target["达标"]:
            return None
        period = self._period(ind)
        if self.common and not self._common_said:
            period, self._common_said = self.common, True
        named = f"{period}，{facts['名称']}" if period else facts["名称"]
        named += f"为{facts['现值']}"
        if target is not None:
            return f"{named}，{self.target_clause(facts, problem=True)}"
        if average is not None and average["优劣"] == "差于":
            return f"{named}，{self.average_clause(facts)}"
        return named
