"""Rendered Markdown → document model: each convention as input text and expected dump."""

from __future__ import annotations

import re
from textwrap import dedent

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.errors import Problem
from docgen.model import Counted, Heading, PageNumbers, Paragraph, dump
from docgen.parse import count_mark, parse_markdown

SECTION_COUNT = count_mark(Counted.LEVEL1_HEADINGS)


def model_of(markdown: str) -> str:
    """The dump of a document that must parse without a single problem."""
    result = parse_markdown(dedent(markdown), "测试.md")
    assert result.problems == [], [p.format() for p in result.problems]
    return dump(result.document)


def problems_of(markdown: str) -> list[Problem]:
    result = parse_markdown(dedent(markdown), "测试.md")
    assert result.problems, "expected at least one problem"
    return result.problems


HEAD = "文种：　页码：单双\n"

CASES = {
    "title, subtitle and salutation": (
        """\
        # 在全乡秋冬季防火工作会议上的讲话

        ::: 副题
        乡长　王春燕
        （2026年10月9日）
        :::

        ::: 称呼
        同志们：
        :::
        """,
        """\
        标题　在全乡秋冬季防火工作会议上的讲话
        副题　乡长　王春燕
        副题　（2026年10月9日）
        称呼　同志们：
        """,
    ),
    "four levels, deeper counters restart": (
        """\
        ## 总体要求

        ### 指导思想

        ### 工作目标

        #### 近期目标

        ##### 本月完成摸底

        ##### 下月完成建档

        #### 远期目标

        ## 重点任务

        ### 抓好排查

        #### 入户排查
        """,
        """\
        1级标题　一、总体要求
        2级标题　（一）指导思想
        2级标题　（二）工作目标
        3级标题　1.近期目标
        4级标题　（1）本月完成摸底
        4级标题　（2）下月完成建档
        3级标题　2.远期目标
        1级标题　二、重点任务
        2级标题　（一）抓好排查
        3级标题　1.入户排查
        """,
    ),
    "run-in heading": (
        """\
        ## 保障措施

        ### 加强组织领导。各村要成立工作专班，明确专人负责。

        ### 强化督查。
        """,
        """\
        1级标题　一、保障措施
        段落　〔2级标题：（一）加强组织领导。〕各村要成立工作专班，明确专人负责。
        2级标题　（二）强化督查。
        """,
    ),
    "leads take the level below their heading": (
        """\
        ## 明确任务

        **一要抓好宣传。**各村要在醒目位置张贴告示。

        ### 细化分工

        **二要落实值守。**节假日安排专人值班。
        """,
        """\
        1级标题　一、明确任务
        段落　〔2级引题：一要抓好宣传。〕各村要在醒目位置张贴告示。
        2级标题　（一）细化分工
        段落　〔3级引题：二要落实值守。〕节假日安排专人值班。
        """,
    ),
    "soft breaks: dropped between Chinese, a space between Latin words": (
        """\
        全乡上下
        齐心协力，“护林”
        “防火”两手抓……
        ……引进了 smart
        fire 系统，覆盖
        12个村。
        """,
        """\
        段落　全乡上下齐心协力，“护林”“防火”两手抓…………引进了 smart fire 系统，覆盖12个村。
        """,
    ),
    "table": (
        """\
        | 村名 | 户数 | 已排查 |
        | --- | ---: | ---: |
        | 东岭村 | 312 | 300 |
        | 西坪村 | 208 | 208 |
        """,
        """\
        表格　3列×2行
        　｜村名｜户数｜已排查｜
        　｜东岭村｜312｜300｜
        　｜西坪村｜208｜208｜
        """,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_markdown_to_model(name: str) -> None:
    markdown, expected = CASES[name]
    assert model_of(markdown) == HEAD + dedent(expected)


def test_front_matter_sets_kind_and_page_numbers() -> None:
    result = parse_markdown("---\n文种: 通知\n页码: 居中\n---\n\n正文。\n", "测试.md")
    assert result.problems == []
    assert result.document.kind == "通知"
    assert result.document.page_numbers is PageNumbers.CENTRED
    assert dump(result.document) == "文种：通知　页码：居中\n段落　正文。\n"


def test_front_matter_accepts_full_width_colon_and_defaults() -> None:
    assert model_of("---\n文种：方案\n---\n\n正文。\n").startswith("文种：方案　页码：单双\n")
    assert model_of("正文。\n").startswith("文种：　页码：单双\n")


def test_invalid_page_numbers_names_its_line() -> None:
    (problem,) = problems_of("---\n文种: 讲话稿\n页码: 左右\n---\n\n正文。\n")
    assert problem.where == "测试.md 生成结果第3行"
    assert "左右" in problem.message
    assert all(choice in problem.message for choice in ("居中", "单双", "无"))


def speech_with_sections(count: int) -> str:
    names = ["认清形势", "明确任务", "强化保障", "严明纪律"][:count]
    body = "\n".join(f"## {name}\n\n内容。\n" for name in names)
    return f"同志们，下面我讲{SECTION_COUNT}点意见。\n\n{body}"


@pytest.mark.parametrize(("count", "word"), [(3, "三"), (4, "四"), (1, "一")])
def test_section_count_follows_level_one_headings(count: int, word: str) -> None:
    text = model_of(speech_with_sections(count))
    assert f"下面我讲{word}点意见。" in text
    assert SECTION_COUNT not in text


def test_section_count_ignores_deeper_headings_and_reaches_leads_and_headings() -> None:
    text = model_of(
        f"""\
        **共{SECTION_COUNT}个部分。**说明。

        ## 甲

        ### 小节一

        ### 小节二{SECTION_COUNT}。正文讲{SECTION_COUNT}部分。

        ## 乙
        """
    )
    assert "〔1级引题：共两个部分。〕说明。" in text  # 两个, never 二个
    assert "〔2级标题：（二）小节二两。〕正文讲两部分。" in text


# --- errors, each with its line -----------------------------------------------------------------


ERRORS = {
    "bullet list": ("正文。\n\n- 第一条\n- 第二条\n", 3, "列表"),
    "ordered list": ("正文。\n\n1. 第一条\n2. 第二条\n", 3, "列表"),
    "block quote": ("正文。\n\n> 引用的话\n", 3, "引用"),
    "*** alone on a line": ("正文。\n\n***\n\n后文。\n", 3, "分隔线"),
    "setext underline": ("正文。\n\n这一段\n---\n", 3, "==="),
    "bold in mid-paragraph": ("正文。\n\n各村要**高度重视**这项工作。\n", 3, "**"),
    "bold after a lead": ("**一要重视。**各村要**高度重视**。\n", 1, "**"),
    "unknown container": ("正文。\n\n::: 附录\n附件内容\n:::\n", 3, "副题"),
    "numbered heading 一、": ("正文。\n\n## 一、认清形势\n", 3, "自带序号"),
    "numbered heading （一）": ("## 甲\n\n### （一）加强领导\n", 3, "自带序号"),
    "numbered heading 1.": ("## 甲\n\n### 乙\n\n#### 1.入户排查\n", 5, "自带序号"),
    "fenced code": ("正文。\n\n```\ncode\n```\n", 3, "代码块"),
    "level skipped": ("## 甲\n\n#### 跳过了二级\n", 3, "跳级"),
    "too deep": ("## 甲\n\n### 乙\n\n#### 丙\n\n##### 丁\n\n###### 戊\n", 9, "四级"),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_error_names_its_line(name: str) -> None:
    markdown, line, word = ERRORS[name]
    problems = problems_of(markdown)
    assert len(problems) == 1, [p.format() for p in problems]
    assert problems[0].where == f"测试.md 生成结果第{line}行"
    assert word in problems[0].message


def test_several_errors_are_all_reported() -> None:
    problems = problems_of("## 一、甲\n\n- 列表\n\n> 引用\n\n中间**加粗**了。\n")
    assert [p.where for p in problems] == [f"测试.md 生成结果第{n}行" for n in (1, 3, 5, 7)]


def test_heading_number_is_removed_but_heading_kept() -> None:
    result = parse_markdown("## 一、认清形势\n", "测试.md")
    (heading,) = result.document.blocks
    assert isinstance(heading, Heading)
    assert (heading.level, heading.number, heading.text) == (1, 1, "认清形势")


@pytest.mark.parametrize(
    "text", ["1.5万人的服务保障", "2026年工作安排", "一是重点", "（2026年度）目标"]
)
def test_heading_starting_with_a_figure_is_not_a_typed_number(text: str) -> None:
    assert f"1级标题　一、{text}" in model_of(f"## {text}\n")


def test_markdown_syntax_that_is_disabled_stays_literal() -> None:
    text = model_of("甲&amp;乙 `代号` a<b 与 [注] (见下) _斜_\n")
    assert "段落　甲&amp;乙 `代号` a<b 与 [注] (见下) _斜_" in text


def test_links_and_html_stay_literal_and_are_reported() -> None:
    """Printed as they stand, they would go out in the document: each is a problem."""
    result = parse_markdown("前文 <b>粗</b> 中文 [链接](地址) 后文\n", "测试.md")
    assert "段落　前文 <b>粗</b> 中文 [链接](地址) 后文" in dump(result.document)
    messages = [p.message for p in result.problems]
    assert len(messages) == 2
    assert messages[0].startswith("出现了链接") and messages[1].startswith("出现了网页标记")


def test_indented_text_is_not_code() -> None:
    assert "段落　缩进的一段。" in model_of("正文。\n\n        缩进的一段。\n")


# --- property: the model keeps every character ---------------------------------------------------

# Ideographs (BMP and an extension-B sample) and Chinese punctuation, none of it Markdown syntax.
_CHARS = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
    st.sampled_from(list("，。、；：？！“”‘’（）《》【】……——·")),
)
_LINE = st.text(_CHARS, min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=6))
def test_cjk_paragraph_keeps_every_character(lines: list[str]) -> None:
    markdown = "\n".join(lines) + "\n"
    result = parse_markdown(markdown, "测试.md")
    assert result.problems == []
    (block,) = result.document.blocks
    assert isinstance(block, Paragraph)
    assert block.lead is None
    assert block.text == "".join(lines)


def test_dump_of_a_lead_is_its_own_line_form() -> None:
    # Guards the dump format relied on by `docgen inspect` and the tests above.
    text = model_of("## 甲\n\n**一要抓好。**正文。\n")
    assert re.search(r"^段落　〔2级引题：一要抓好。〕正文。$", text, re.MULTILINE)


def test_attachments_number_their_headings_afresh() -> None:
    text = (
        "# 通知\n\n## 甲\n\n## 乙\n\n::: 附件说明\n方案\n:::\n\n::: 附件\n附件\n方案\n:::\n\n"
        "## 指导思想\n\n### 总体要求\n"
    )
    result = parse_markdown(text, "测试.md")
    assert not result.problems, result.problems
    lines = dump(result.document).splitlines()
    assert "1级标题　一、指导思想" in lines and "2级标题　（一）总体要求" in lines


_MARKDOWN_PIECES = st.sampled_from(
    [
        *"推进乡村振兴整改到位青石村",
        *"%-*_[]<>&\\|`~!#:（）。，、",
        "\n",
        "\n\n",
        "  \n",
        "92.3%",
        "1. ",
        "- ",
        "# ",
        "| 指标 | 本村 |\n|---|---|\n| 出生 | 96% |\n",
        "::: 主送\n",
        ":::\n",
        "&amp;",
        "[链接](http://a.cn)",
        "**加粗**",
        "\\*",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MARKDOWN_PIECES, max_size=30).map("".join))
def test_plain_text_made_into_one_token_is_what_markdown_its_own_rule_gives(text: str) -> None:
    from markdown_it.rules_core import inline

    from docgen.parse import _markdown, markdown_tokens

    own = _markdown()
    own.core.ruler.at("inline", inline)  # markdown-it's rule back in place
    assert markdown_tokens(text) == own.parse(text)


def test_table_rows_with_more_or_fewer_cells_than_the_header_are_reported() -> None:
    """markdown-it drops a row's extra cells and pads a short row without a word."""
    problems = problems_of(
        "| 村 | 户数 | 人口 |\n|---|---|---|\n"
        "| 甲村 | 12 |\n| 乙村 | 3 | 9 | 多 |\n| 丙村 | 4 | 8 |\n"
    )
    assert [(p.where.split("第")[-1], p.message.split("：")[0]) for p in problems] == [
        ("3行", "表格这一行有2格，表头有3格"),
        ("4行", "表格这一行有4格，表头有3格"),
    ]
    escaped = parse_markdown("| 村 | 说明 |\n|---|---|\n| 甲村 | 用 \\| 隔开 |\n", "测试.md")
    assert escaped.problems == []  # an escaped pipe is not a cell border


def test_a_table_whose_delimiter_row_does_not_match_is_reported() -> None:
    """Otherwise the whole table is printed as one paragraph of pipes."""
    (problem,) = problems_of("| 村 | 户数 | 新增 |\n|---|---|\n| 甲村 | 12 | 1 |\n")
    assert "像是表格，却没有排成表格" in problem.message
