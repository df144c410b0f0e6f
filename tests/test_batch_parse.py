"""The batch tokenizer (docgen.speedups.parse_cache) gives exactly markdown-it's tokens."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.parse import _MD, parse_markdown
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
