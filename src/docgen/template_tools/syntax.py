"""Jinja's syntax errors in a secretary's words (Jinja's own messages are English)."""

from __future__ import annotations

import difflib
import re

#: Jinja's token names as a secretary sees them in the template.
_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "name": "名称",
    "end of template": "文件结尾",
}
#: Tags a template may use.
TAGS = (
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "set",
    "endset",
    "macro",
    "endmacro",
    "include",
    "import",
    "from",
    "call",
    "endcall",
    "filter",
    "endfilter",
    "with",
    "endwith",
    "raw",
    "endraw",
)


def _token(text: str) -> str:
    return _TOKENS.get(text, text)


def chinese(message: str) -> tuple[str, str]:
    """(message, hint) for one of Jinja's syntax messages; never English."""
    if m := re.match(r"unexpected char (['\"])(.)\1", message):
        return (
            f"出现了这里不能用的字符“{m.group(2)}”（是否用了全角符号，或引号没有成对？）",
            "{{ }} 和 {% %} 里面只用半角符号；文字要放在成对的半角引号中",
        )
    if m := re.match(r"expected token '([^']+)', got '([^']+)'", message):
        wanted, got = _token(m.group(1)), _token(m.group(2))
        return (
            f"写法有误：这里应是“{wanted}”，却读到了“{got}”",
            "检查是否少了“.”“|”或括号，名称中间是否多了空格",
        )
    if m := re.match(r"unexpected '([^']+)'(?:, expected '([^']+)')?", message):
        extra = f"，应是“{_token(m.group(2))}”" if m.group(2) else ""
        return (f"这里多了“{_token(m.group(1))}”{extra}", "检查括号和 {{ }}、{% %} 是否成对")
    if message.startswith("Expected an expression"):
        return (
            "这里缺少要取用的内容（{{ }} 或 {% if %} 里是空的）",
            "填上名称，如 {{ 会议.名称 }}",
        )
    if m := re.match(r"Encountered unknown tag '([^']+)'", message):
        near = difflib.get_close_matches(m.group(1), TAGS, n=1, cutoff=0.5)
        return (
            f"不认识的标签 {{% {m.group(1)} %}}"
            + (f"，您是不是要写 {{% {near[0]} %}}？" if near else ""),
            "可用的标签：" + "、".join(t for t in TAGS if not t.startswith("end")),
        )
    if message.lower().startswith("unexpected end of template"):
        return (
            "模板没写完就结束了：有 {{、{% 或 {% if %}、{% for %} 没有结束",
            "补上 }}、%} 或 {% endif %}、{% endfor %}",
        )
    if message.startswith("tag name expected"):
        return ("{% 后面缺少标签名", "如 {% if … %}、{% for … in … %}")
    return ("这一行的 {{ }} 或 {% %} 写法有误", "对照 docs/模板编写指南.md 检查这一行")
