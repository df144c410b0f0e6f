"""The checker's shortcuts answer exactly as the long way would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.check import check_text, tokenizer
from docgen.check.config import CheckConfig
from docgen.check.matcher import PhraseIndex

# Han characters that form common words, ASCII, full-width forms, punctuation and whitespace:
# the places where jieba's blocks begin and end.
_HAN = "推进乡村振兴全面落实整改工作要求认真学习"
_OTHER = ["Ａ", "１", " ", "\r\n", *"ab12.%-", *"，。、“”（）《》"]
_PIECES = st.sampled_from([*_HAN, *_OTHER])
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_edges_cut_block_by_block_are_the_edges_of_the_whole_text(text: str) -> None:
    whole = tokenizer.boundaries(text)
    edges = tokenizer.Edges(text)
    assert [p for p in range(len(text) + 1) if p in edges] == sorted(whole)


_PHRASES = st.lists(st.text(alphabet="甲乙丙丁戊", min_size=1, max_size=4), max_size=12)


@settings(max_examples=200, deadline=None)
@given(_PHRASES, st.text(alphabet="甲乙丙丁戊己，", max_size=40))
def test_the_phrase_index_finds_what_trying_every_place_finds(
    phrases: list[str], text: str
) -> None:
    index = PhraseIndex((phrase, n) for n, phrase in enumerate(phrases))
    found = sorted(index.scan(text))
    expected = sorted(
        (i, i + len(phrase), n)
        for i in range(len(text))
        for n, phrase in enumerate(phrases)
        if text.startswith(phrase, i)
    )
    assert found == expected


def test_single_character_phrases_are_found_beside_longer_ones() -> None:
    index = PhraseIndex([("禁", "one"), ("禁用", "two")])
    assert list(index.scan("不得禁用。禁")) == [(2, 4, "two"), (2, 3, "one"), (5, 6, "one")]


def _codes(text: str) -> list[str]:
    return [f.code for f in check_text(text, CheckConfig(disabled=frozenset({"别字"})))]


def test_dates_without_a_month_character_are_still_read() -> None:
    assert "NU05" in _codes("会议定于2026.3.5在镇政府召开。")
    assert "NU05" in _codes("会议定于2026-3-5在镇政府召开。")
    assert "NU05" not in _codes("全镇完成3.5万亩整治。")


def test_placeholders_are_found_by_each_of_their_marks() -> None:
    for text in ("联系人：XXX。", "日期：20××年。", "【待补充】", "金额□□元。", "＊＊号文件"):
        assert "PH01" in _codes(text), text
    assert "PH01" not in _codes("二○○六年建成。")  # a year written with circles for zero
