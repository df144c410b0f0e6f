"""Numeral words (三要素, 五查五改, 四下基层, 一二三) and inline lists are not item numbers."""

from __future__ import annotations

import pytest

from docgen.check import check_text


def numbering(text: str) -> list[tuple[str, str, str | None]]:
    return [(f.code, f.text, f.suggestion) for f in check_text(text) if f.code.startswith("NB")]


@pytest.mark.parametrize(
    "text",
    [
        "一要压实责任；二要强化督导。\n四要素齐全的，当场办结。",
        "一是摸清底数；二是落实政策。\n深入开展“五查五改”，落实“四下基层”制度。",
        "一要抓学习，二要抓落实，坚持“三要三不要”的原则。",
        "一是强化领导；二是压实责任。五要点要牢记。",
        "一、总体要求\n二、重点任务\n按一二三的顺序推进一二三产业融合。\n三、保障措施",
        "一是摸底；二是登记；三是服务。\n五是否定期开展，要看实效。",
        "第三条 下列情形：\n（一）甲；\n（二）乙。\n第四条 前条第二项情形：\n（二）丙。",
        "（一）摸底\n（二）登记\n（一）至（二）项所列工作由村委会负责。\n（三）服务",
        "市、区人民政府可以依法采取下列一项或者多项措施：\n1.封闭场所\n2.疏散人员",
    ],
)
def test_numeral_words_and_references_are_not_item_numbers(text: str) -> None:
    assert numbering(text) == []


def test_an_excerpt_may_start_at_any_number() -> None:
    assert numbering("十三、加强改革任务落实和总结评估") == []
    assert numbering("一、总体要求\n三、保障措施") == [("NB01", "三", "二")]


def test_a_real_gap_after_a_numeral_word_is_still_found() -> None:
    found = numbering("一是摸底；二是登记；三要素要全；三是服务；五是考核。")
    assert found == [("NB01", "五", "四")]


def test_the_suggested_number_of_a_bracketed_heading_is_the_number() -> None:
    assert numbering("（一）摸底\n（三）服务") == [("NB01", "三", "二")]


def test_inline_lists_are_counted_whatever_their_separator() -> None:
    said_three = "重点抓好以下三项工作：1.摸底；2.宣传；3.服务；4.考核。"
    assert numbering(said_three) == [("NB02", "三", "四")]
    assert numbering(said_three.replace("；4.考核", "")) == []
    half = "重点抓好以下两项工作：（1）摸底;（2）宣传;（3）服务。"
    assert numbering(half) == [("NB02", "两", "三")]


def test_an_item_number_inside_a_paragraph_keeps_its_dot() -> None:
    found = [(f.code, f.text) for f in check_text("主要包括：1.人口；2.住房；3.就业。")]
    assert found == []
    found = [(f.code, f.text) for f in check_text("主要包括：1.人口;2.住房。")]
    assert found == [("PU01", ";")]
