"""The batch tokenizer (docgen.speedups.parse_cache) gives exactly markdown-it's tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.parse import _MD, parse_markdown, plain_table_tokens
from docgen.pipeline import build_document
from docgen.speedups.parse_cache import ParseCache as BlockCache

ROOT = Path(__file__).resolve().parents[1]


def signature(tokens: list) -> list:
    return [
        (
            t.type,
            t.tag,
            t.map,
            t.nesting,
            t.level,
            t.content,
            t.markup,
            t.info,
            [(c.type, c.content) for c in t.children or []],
        )
        for t in tokens
    ]


def example_texts() -> list[str]:
    texts = []
    for example in ("population.yaml", "rural-environment.yaml"):
        for kind in ("speech", "notice", "plan"):
            texts.append(build_document(kind, ROOT / "examples" / example).markdown)
    return texts


def test_same_tokens_and_model_as_markdown_it_even_when_reused() -> None:
    cache = BlockCache()
    texts = example_texts()
    for text in texts * 3:  # the second and third rounds come from the cache
        assert signature(cache(text)) == signature(_MD.parse(text))
        assert parse_markdown(text, "x", cache) == parse_markdown(text, "x")
    assert cache._cache  # blocks met again were kept


def test_a_block_moved_to_another_line_keeps_its_own_line_numbers() -> None:
    cache = BlockCache()
    first = "# 标题\n\n正文一段。\n"
    moved = "# 标题\n\n插入的一段。\n\n正文一段。\n"
    for text in (first, first, moved, moved):
        assert signature(cache(text)) == signature(_MD.parse(text))


@pytest.mark.parametrize(
    "text",
    [
        "- 列表一\n\n  续行\n",  # a list item continues past the blank line
        "段落\n\n```\n代码\n\n代码\n```\n",
        "段落\n\n---\n\n文字\n",
        "::: 落款\n青石镇人民政府\n\n二〇二六年\n:::\n\n正文\n",
        "---\n文种: 通知\n---\n\n# 标题\n\n正文\n",
        "| 甲 | 乙 |\n|---|---|\n| 一 | 二 |\n\n后文\n",
    ],
)
def test_tricky_texts(text: str) -> None:
    cache = BlockCache()
    for _ in range(2):
        assert signature(cache(text)) == signature(_MD.parse(text))


def full_signature(tokens: list) -> list:
    """Everything a token carries that docgen reads, attributes and block flag included."""
    return [
        (*row, dict(t.attrs), t.block, t.hidden)
        for row, t in zip(signature(tokens), tokens, strict=True)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "第一段\u2028续\n\n第二段\n",  # U+2028 is no line end to markdown-it
        "甲\x85乙\n\n| 甲 | 乙 |\n|---|---|\n| 一 | 二 |\n",  # nor is U+0085
        "甲\r\n\r\n乙\r\n",  # but a carriage return is
    ],
)
def test_line_numbers_follow_markdown_its_own_line_ends(text: str) -> None:
    cache = BlockCache()
    for _ in range(2):
        assert signature(cache(text)) == signature(_MD.parse(text))


_CELL_CHARS = st.sampled_from([*"甲乙丙12.% :-|\\\t\u3000", "**", "`", "<b>", "&amp;"])
_CELL = st.lists(_CELL_CHARS, max_size=5).map("".join)
_DELIMITER = st.sampled_from(["---", ":---", "---:", ":-:", "-", " --- ", "", "-- -", "=", ":"])


@settings(max_examples=400, deadline=None)
@given(
    header=st.lists(_CELL, min_size=1, max_size=4),
    delimiters=st.lists(_DELIMITER, min_size=1, max_size=5),
    rows=st.lists(st.lists(_CELL, max_size=5), max_size=4),
    outer=st.sampled_from([("|", "|"), ("|", ""), ("", "|"), ("", ""), ("| ", " |  ")]),
    after=st.sampled_from(["", "\n", "\n后文一段。\n", "后文\n"]),
)
def test_a_table_made_directly_has_markdown_its_tokens(
    header: list[str],
    delimiters: list[str],
    rows: list[list[str]],
    outer: tuple[str, str],
    after: str,
) -> None:
    """Tables of every shape, well formed or not, plain or with markup: the shortcut
    (docgen.parse.plain_table_tokens) gives markdown-it's tokens or leaves it to it."""
    left, right = outer

    def line(cells: list[str]) -> str:
        return left + "|".join(cells) + right + "\n"

    table = line(header) + line(delimiters) + "".join(line(r) for r in rows)
    text = "前文一段。\n\n" + table + after
    cache = BlockCache()
    for _ in range(2):
        assert full_signature(cache(text)) == full_signature(_MD.parse(text))


def test_a_plain_table_is_made_without_markdown_it() -> None:
    """The shortcut is taken for the plain table a village's document holds."""
    table = "| 指标 | 本村 |\n|:---|---:|\n| 出生登记及时率 | 96.5% |\n| 托位数 |  |\n\n"
    tokens = plain_table_tokens(table, 7)
    assert tokens is not None
    assert full_signature(tokens) == full_signature(_MD.parse("\n" * 7 + table))
    assert plain_table_tokens("| 甲 \\| 乙 |\n|---|\n", 0) is None  # an escape: markdown-it's
