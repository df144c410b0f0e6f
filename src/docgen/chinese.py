"""Chinese numerals, ordinals, heading numbers and dates as official documents write them."""

from __future__ import annotations

import datetime as dt

_DIGITS = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (for counts and ordinals)."""
    if n < 0:
        raise ValueError("negative numbers have no ordinal form")
    if n < 10:
        return "零" if n == 0 else _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        if rest == 0:
            tail = ""
        elif rest < 10:
            tail = "零" + _DIGITS[rest]
        elif rest < 20:
            tail = "一" + cn_number(rest)
        else:
            tail = cn_number(rest)
        return _DIGITS[n // 100] + "百" + tail
    raise ValueError("numbers of 1000 and more are written in Arabic digits")


def cn_count(n: int) -> str:
    """A count before a measure word: 两个 not 二个 (2 → 两), else as ``cn_number``."""
    return "两" if n == 2 else cn_number(n)


def series(items: list[str] | tuple[str, ...]) -> str:
    """甲、乙和丙: a list of words as a sentence names them (顿号 between, 和 before the last)."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return "、".join(items[:-1]) + "和" + items[-1]


def ordinal(n: int, word: str) -> str:
    """一是 / 二要 / 三抓: a Chinese number followed by the ordinal word."""
    return cn_number(n) + word


def heading_prefix(level: int, n: int) -> str:
    """Numbering of GB/T 9704-2012 7.3.3: 一、 / （一） / 1. / （1）."""
    if level == 1:
        return cn_number(n) + "、"
    if level == 2:
        return "（" + cn_number(n) + "）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"headings have four levels, not {level}")


def format_date(day: dt.date) -> str:
    """2026年11月28日: Arabic numerals, no zero padding (GB/T 9704-2012 7.3.5.4)."""
    return f"{day.year}年{day.month}月{day.day}日"


def year_in_chinese(year: int) -> str:
    """二〇二六: each digit read out, zero written 〇 (GB/T 15835-2011)."""
    return "".join(_DIGITS[int(d)] for d in str(year))


def format_date_range(start: dt.date, end: dt.date) -> str:
    """2026年12月1日—12月5日: 一字线 between; the end omits the year when it is the same."""
    if start.year == end.year:
        return f"{format_date(start)}—{end.month}月{end.day}日"
    return f"{format_date(start)}—{format_date(end)}"
