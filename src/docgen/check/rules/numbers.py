"""Numbers and dates per GB/T 15835-2011 and GB/T 9704-2012."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..findings import Finding
from ..rule_input import RuleInput

_NUM = r"\d+(?:\.\d+)?"
_SPACE_PERCENT = re.compile(rf"({_NUM})([ \u3000\u00a0]+)([%％‰])")
_RANGE = re.compile(rf"(?<![\d.%])({_NUM})([～~\-－—至到])({_NUM})([%％])")
_SHORT_YEAR = re.compile(r"(?<![\d.\-/年])([’'‘]?)(\d{2})年(?=\d{1,2}月)")
_CN_YEAR = re.compile(
    r"(?<![一二三四五六七八九十百千万〇○零OoО0-9])([一二三四五六七八九〇○零OoО0◯]{4})年"
)
_HAO = re.compile(r"(\d{1,2})月(\d{1,2})号")
_SEP_DATE = re.compile(r"(?<![\d.])((?:19|20)\d{2})([./\-])(\d{1,2})\2(\d{1,2})(?![\d.])")
_PADDED = re.compile(r"((?:19|20)\d{2})年(0\d)月|(?<!\d)(\d{1,2})月(0\d)日")
_FULL_DATE = re.compile(
    r"(?:((?:19|20)\d{2})年)?(\d{1,2})月(\d{1,2})日"
    r"(?:[（(]?(?:星期|周|礼拜)([一二三四五六日天])[）)]?)?"
)
_WEEKDAYS = "一二三四五六日"
# 二个 → 两个: 二 counting with a measure word. Not 第二个, 十二个, 一至二名, 第一、二项, 初二,
# 星期二, 二〇二六, 一二三, nor words that only start with 二 + measure (二手, 二套房, 二支队)
_TWO_COUNTED = re.compile(
    r"(?<![第十百千万亿零〇○一二三四五六七八九两几初周期点、至到或～~—－\-])"
    r"二([个名项位条种家户件张辆座只篇份间块根双])(?![级等期号队])"
)
_CN_DIGIT = set("〇一二三四五六七八九")
_DIGIT = re.compile(r"\d")
#: Every date pattern of ``_dates`` has 月 or one of these: a line with neither has no date.
_DATE_SEPARATOR = re.compile(r"[./\-]")


def numbers(ctx: RuleInput) -> Iterator[Finding]:
    for i, unit in enumerate(ctx.units):
        text = unit.text
        has_digit = _DIGIT.search(text) is not None
        if has_digit:
            yield from _percent(ctx, i, text)
            if "月" in text or _DATE_SEPARATOR.search(text):
                yield from _dates(ctx, i, text)
        if "年" in text:
            yield from _years(ctx, i, text)
        if "二" in text:
            yield from _two(ctx, i, text)


def _two(ctx: RuleInput, i: int, text: str) -> Iterator[Finding]:
    """NU09: 两 before a measure word (两个、两项), per the dictionary's entry for 两."""
    for m in _TWO_COUNTED.finditer(text):
        measure = m.group(1)
        yield ctx.finding(
            "NU09", i, m.start(), m.end(), f"量词前的“二”应为“两”：两{measure}", f"两{measure}"
        )


def _percent(ctx: RuleInput, i: int, text: str) -> Iterator[Finding]:
    if "%" not in text and "％" not in text and "‰" not in text:
        return
    for m in _SPACE_PERCENT.finditer(text):
        yield ctx.finding(
            "NU01",
            i,
            m.start(2),
            m.end(2),
            "数字与百分号之间不空格",
            "",
        )
    for m in _RANGE.finditer(text):
        a, _sep, b, pct = m.groups()
        yield ctx.finding(
            "NU02",
            i,
            m.start(),
            m.end(),
            "百分数范围的前一项也要带百分号",
            f"{a}{pct}～{b}{pct}",
        )


def _years(ctx: RuleInput, i: int, text: str) -> Iterator[Finding]:
    for m in _SHORT_YEAR.finditer(text) if "月" in text else ():
        yield ctx.finding(
            "NU03", i, m.start(), m.end(), "年份不能简写，应写全四位", f"20{m.group(2)}年"
        )
    for m in _CN_YEAR.finditer(text):
        year = m.group(1)
        real = sum(ch in _CN_DIGIT for ch in year)
        if real >= 2 and real < 4 and all(ch in _CN_DIGIT or ch in "○零OoО0◯" for ch in year):
            right = "".join(ch if ch in _CN_DIGIT else "〇" for ch in year)
            yield ctx.finding("NU04", i, m.start(1), m.end(1), "汉字年份中的“零”应写作“〇”", right)


def _dates(ctx: RuleInput, i: int, text: str) -> Iterator[Finding]:
    for m in _HAO.finditer(text):
        yield ctx.finding(
            "NU05",
            i,
            m.start(),
            m.end(),
            "公文日期用“日”不用“号”",
            f"{m.group(1)}月{m.group(2)}日",
        )
    for m in _SEP_DATE.finditer(text):
        year, _sep, month, day = m.groups()
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31 and _han_near(text, m.start(), m.end()):
            yield ctx.finding(
                "NU05",
                i,
                m.start(),
                m.end(),
                "正文中的日期应写作“××××年×月×日”",
                f"{int(year)}年{int(month)}月{int(day)}日",
            )
    for m in _PADDED.finditer(text):
        if m.group(2):
            s, e, right = m.start(2), m.end(2), str(int(m.group(2)))
        else:
            s, e, right = m.start(4), m.end(4), str(int(m.group(4)))
        yield ctx.finding("NU06", i, s, e, "日期中的月、日不补零", right)
    for m in _FULL_DATE.finditer(text):
        year, month, day, weekday = m.groups()
        y = int(year) if year else 2024  # a leap year: 2月29日 without a year is possible
        try:
            date = dt.date(y, int(month), int(day))
        except ValueError:
            end = m.end(3) + 1
            yield ctx.finding(
                "NU07", i, m.start(), end, f"日期“{text[m.start() : end]}”不存在", None
            )
            continue
        if year and weekday:
            wanted = _WEEKDAYS[date.weekday()]
            if _WEEKDAYS.index("日" if weekday == "天" else weekday) != date.weekday():
                yield ctx.finding(
                    "NU08",
                    i,
                    m.start(4),
                    m.end(4),
                    f"{date.year}年{date.month}月{date.day}日是星期{wanted}，不是星期{weekday}",
                    wanted,
                )


def _han_near(text: str, start: int, end: int) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text[max(0, start - 2) : end + 2]))
