"""两 before a measure word: 二个 → 两个, while 第二个, 十二个, 二月, 二级 and 一二三 stay."""

from __future__ import annotations

import pytest

from docgen.check import check_text


def two(text: str) -> list[tuple[str, str | None]]:
    return [(f.text, f.suggestion) for f in check_text(text) if f.code == "NU09"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全镇新建二个托育点。", [("二个", "两个")]),
        ("会议议定二项工作，由二名副镇长分别牵头。", [("二项", "两项"), ("二名", "两名")]),
        ("每村确定二位联络员。", [("二位", "两位")]),
    ],
)
def test_er_counting_with_a_measure_word_becomes_liang(text: str, expected: list) -> None:
    assert two(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "二月底前完成摸底，第二个阶段随后开始。",
        "全镇共有十二个行政村、三十二名网格员。",
        "二〇二六年工作要点",
        "按一二三的顺序排列，二级响应已解除。",
        "每村推选一至二名代表；第一、二项工作由村委会负责。",
        "增长一点二个百分点，二手车交易、二套房贷款和二支队均按规定办理。",
        "初二、星期二、周二各开放一次。",
    ],
)
def test_numbers_that_are_not_a_count_stay(text: str) -> None:
    assert two(text) == []
