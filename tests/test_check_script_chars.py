"""Traditional and variant characters left in simplified text, and the characters that may stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.check import CheckConfig, check_text, lexicons


def script(text: str, **config: object) -> list[tuple[str, str, str | None]]:
    found = check_text(text, CheckConfig(**config))  # type: ignore[arg-type]
    return [(f.code, f.text, f.suggestion) for f in found if f.code in {"TS01", "TS02"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各鄉鎮要做好宣传。", [("TS01", "鄉鎮", "乡镇")]),
        ("请各村按时報送材料。", [("TS01", "報", "报")]),
        ("他的决心很大，況且已经落实。", [("TS02", "況", "况")]),
        ("各村要把好事办好，並做好登记。", [("TS02", "並", "并")]),
    ],
)
def test_a_left_over_character_is_found_with_its_simplified_form(text: str, expected: list) -> None:
    assert script(text) == expected


def test_a_traditional_word_is_converted_as_a_phrase() -> None:
    assert script("请大家把頭髮剪短。") == [("TS01", "頭髮", "头发")]


def test_a_standard_character_beside_a_traditional_one_is_converted_too() -> None:
    found = script("請各村於本月底前报送。")
    assert ("TS01", "於", "于") in found and ("TS01", "請", "请") in found
    assert script("各村于本月底前报送，於姓村民另行通知。") == []


def test_a_whole_traditional_passage_is_one_finding() -> None:
    text = "鄉鎮政府應當依法開展人口與計劃生育工作，並對本轄區內的流動人口實行服務與管理。"
    found = script(text)
    assert len(found) == 1 and found[0][0] == "TS01"
    assert found[0][2] == "乡镇政府应当依法开展人口与计划生育工作，并对本辖区内的流动人口实行服务与"


@pytest.mark.parametrize(
    "text",
    [
        "乾隆年间修建的瞭望台，不能成为拖延的藉口。",  # 乾 瞭 藉 are standard characters
        "张喆、王堃和李淼三位同志参加会议。",  # variants the 2013 table made standard
        "请参阅《臺灣史綱》第三章。",  # a title is quoted as written
        "全镇共有12个村，覆盖率达98%。",
    ],
)
def test_characters_that_may_stay(text: str) -> None:
    assert script(text) == []


def test_an_office_keeps_names_as_written(tmp_path: Path) -> None:
    (tmp_path / "keep_as_written.txt").write_text("張喆\n", encoding="utf-8")
    text = "会议由張喆同志主持。"
    assert script(text) == [("TS01", "張", "张")]
    assert script(text, corpora_dirs=(tmp_path,)) == []


def test_the_character_lists_are_complete_and_disjoint() -> None:
    lex = lexicons.load()
    assert len(lex.standard_chars) == 8105
    assert len(lex.variant_chars) > 800
    assert not set(lex.variant_chars) & lex.standard_chars
    assert set(lex.variant_chars.values()) <= lex.standard_chars
