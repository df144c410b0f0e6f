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


#: A character every placeholder above has: a line without one is not searched (the pattern,
#: which starts with lookbehinds and classes, is tried at every character of what it searches).
_PLACEHOLDER_MARK = re.compile(r"[×ＸXx*＊【〔\[［□○]")


def placeholders(ctx: RuleInput) -> Iterator[Finding]:
    for i, unit in enumerate(ctx.units):
        text = unit.text
        if not _PLACEHOLDER_MARK.search(text):
            matches: Iterator[re.Match[str]] = iter(())
        else:
            matches = _PLACEHOLDER.finditer(text)
        for m in matches:
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
