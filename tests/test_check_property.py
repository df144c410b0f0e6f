"""Every finding's text is exactly the slice of its line at column..end_column."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.check import check_text
from docgen.check.report import locate
from docgen.check.units import from_lines

PIECES = [
    "再接再励",
    "布署",
    "截止目前",
    "以经",
    "以经济",
    ",",
    ".",
    ":",
    "(",
    ")",
    '"',
    "“",
    "”",
    "《",
    "》",
    "（一）、",
    "1、",
    "95 %",
    "15～30%",
    "二零二六年",
    "11月28号",
    "2026年2月30日",
    "2026年11月28日（星期一）",
    "XX",
    "××",
    "{{ x }}",
    "一是",
    "三是",
    "以下三项",
    "成份",
    "其他",
    "其它",
    "认真的学习",
    "做的很好",
    "社会抚养费",
    "，，",
    "、和",
    "３",
    "\n",
    "加强",
    "领导",
    "工作",
    "。",
    "一、",
    "三、",
    "（二）",
    " ",
    "abc",
    "3.5",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_text_matches_slice(pieces: list[str]) -> None:
    text = "".join(pieces)
    units = from_lines(text)
    lines = text.splitlines()
    for item in locate("x.txt", units, check_text(text)):
        line = lines[item.line - 1]
        assert item.finding.text
        assert line[item.column - 1 : item.end_column] == item.finding.text
        assert 1 <= item.column <= item.end_column <= len(line)
