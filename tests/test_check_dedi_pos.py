"""的/地/得 from part-of-speech tags: sure shapes warn, weaker ones hint, noun phrases pass."""

from __future__ import annotations

import itertools

import pytest

from docgen.check import check_text, tokenizer


def dedi(text: str) -> list[tuple[str, str, str | None]]:
    return [(f.code, f.text, f.suggestion) for f in check_text(text) if f.code.startswith("DE")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各村要扎扎实实的推进人居环境整治。", ("DE03", "扎扎实实的推进", "扎扎实实地推进")),
        ("网格员要逐村逐户的排查。", ("DE03", "逐村逐户的排查", "逐村逐户地排查")),
        ("大家都主动的参与进来。", ("DE03", "主动的参与", "主动地参与")),
        ("干部要好好的学习新条例。", ("DE03", "好好的学习", "好好地学习")),
        ("要认真得学习文件精神。", ("DE03", "认真得学习", "认真地学习")),
        ("这项工作各村做的非常扎实。", ("DE05", "做的非常", "做得非常")),
        ("今年的宣传搞地十分深入。", ("DE05", "搞地十分", "搞得十分")),
    ],
)
def test_sure_shapes_are_warnings(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in dedi(text)
    assert next(f for f in check_text(text) if f.code == expected[0]).severity.value == "warning"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("老人静悄悄的离开了会场。", ("DE04", "静悄悄的离开", "静悄悄地离开")),
        ("有的村政策落实的不到位。", ("DE06", "落实的不", "落实得不")),
    ],
)
def test_weaker_shapes_are_hints(text: str, expected: tuple[str, str, str]) -> None:
    found = [f for f in check_text(text) if f.code == expected[0]]
    assert [(f.code, f.text, f.suggestion) for f in found] == [expected]
    assert found[0].severity.value == "hint"


@pytest.mark.parametrize(
    "text",
    [
        "实施更加积极的就业政策。",
        "要有积极的态度和扎实的工作作风。",
        "我们做了大量扎扎实实的工作。",
        "这一年，全镇做的很多工作得到群众认可。",
        "各村要争取更大的发展，需要更多的支持。",
        "更重要的是把政策落到实处。",
        "对应当公开的信访事项要及时公开。",
        "要解决的突出问题还有不少。",
        "他说的不对，应当更正。",
        "要认真地学习，把工作做得很扎实。",
        "及时纠正工作中存在的不作为问题。",
    ],
)
def test_noun_phrases_and_correct_usage_pass(text: str) -> None:
    assert [c for c in dedi(text) if c[0] != "DE02"] == []


def test_part_of_speech_tokens_cover_the_text_with_offsets() -> None:
    text = "全镇完成ＡＢ两项95.6%的任务"
    tokens = tokenizer.pos_tokens(text)
    assert "".join(w for w, _, _, _ in tokens) == tokenizer.normalise(text)
    assert all(a[3] == b[2] for a, b in itertools.pairwise(tokens))
    assert tokens[0][2] == 0 and tokens[-1][3] == len(text)
    assert [w for w, _, s, e in tokens if text[s:e] == "ＡＢ"] == ["AB"]


def test_the_list_rule_and_the_tag_rule_report_one_finding() -> None:
    assert dedi("要认真的学习新修订的条例。") == [("DE03", "认真的学习", "认真地学习")]
