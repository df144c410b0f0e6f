"""Chinese numerals, ordinals, heading numbers and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.chinese import cn_number, format_date, heading_prefix, ordinal, year_in_chinese


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "零"),
        (1, "一"),
        (2, "二"),
        (3, "三"),
        (4, "四"),
        (5, "五"),
        (6, "六"),
        (7, "七"),
        (8, "八"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (115, "一百一十五"),
        (120, "一百二十"),
        (305, "三百零五"),
        (999, "九百九十九"),
    ],
)
def test_cn_number(n: int, expected: str) -> None:
    assert cn_number(n) == expected


@pytest.mark.parametrize("n", [-1, 1000])
def test_cn_number_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        cn_number(n)


@pytest.mark.parametrize(
    ("n", "word", "expected"), [(3, "要", "三要"), (1, "是", "一是"), (10, "抓", "十抓")]
)
def test_ordinal(n: int, word: str, expected: str) -> None:
    assert ordinal(n, word) == expected


@pytest.mark.parametrize(
    ("level", "n", "expected"),
    [(1, 3, "三、"), (2, 2, "（二）"), (3, 4, "4."), (4, 12, "（12）"), (1, 11, "十一、")],
)
def test_heading_prefix(level: int, n: int, expected: str) -> None:
    assert heading_prefix(level, n) == expected


@pytest.mark.parametrize("level", [0, 5])
def test_heading_prefix_only_four_levels(level: int) -> None:
    with pytest.raises(ValueError):
        heading_prefix(level, 1)


@pytest.mark.parametrize(
    ("day", "expected"),
    [(dt.date(2026, 11, 28), "2026年11月28日"), (dt.date(2026, 1, 5), "2026年1月5日")],
)
def test_format_date(day: dt.date, expected: str) -> None:
    assert format_date(day) == expected


@pytest.mark.parametrize(
    ("year", "expected"), [(2026, "二〇二六"), (2000, "二〇〇〇"), (1998, "一九九八")]
)
def test_year_in_chinese(year: int, expected: str) -> None:
    assert year_in_chinese(year) == expected
    assert "零" not in year_in_chinese(year) and "○" not in year_in_chinese(year)
