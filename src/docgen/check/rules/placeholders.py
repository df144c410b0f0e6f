"""Unfilled placeholders and leftover template syntax: never in a document that goes out."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..rule_input import RuleInput

_PLACEHOLDER = re.compile(
    r"[×Ｘ]{2,}"
    r"|(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])"
    r"|\*{3,}|＊{2,}"
    r"|(?:19|20)[xX×Ｘ]{2}"
    r"|[【〔\[［](?:待补|待填|待定|待核|待确认|请填写|此处填写|填写)[^】〕\]］]{0,20}[】〕\]］]"
    r"|□{2,}"
    r"|(?<![一二三四五六七八九〇○])○{2,}(?![一二三四五六七八九〇○年])"
)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\}\}|\{%|%\}|\$\{[^}]*\}")


def placeholders(ctx: RuleInput) -> Iterator[Finding]:
    for i, unit in enumerate(ctx.units):
        text = unit.text
        for m in _PLACEHOLDER.finditer(text):
            yield ctx.finding(
                "PH01",
                i,
                m.start(),
                m.end(),
                f"“{m.group()}”是未填写的占位内容，请补上实际内容",
                None,
            )
        if "{" in text or "}" in text:
            for m in _TEMPLATE.finditer(text):
                yield ctx.finding(
                    "PH02", i, m.start(), m.end(), "残留的模板语法，请检查模板或情况文件", None
                )
