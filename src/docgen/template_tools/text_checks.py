"""Checks on a template's text: braces, unclosed tags, ``:::`` blocks, Markdown, kept blocks.

These read the source as written, so they also work where Jinja cannot parse it, and they
report where a construct opens rather than where Jinja noticed it was never closed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..parse import (
    _NUMBERED,
    _UNSUPPORTED,
    CONTAINERS,
    SCOPES,
    SETTING_CHOICES,
    SETTINGS,
    WEB_MARKUP,
    row_cells,
)
from .source import Finding, Source

# --- braces

_OPENERS = re.compile(r"[{｛][{｛%％#＃]")
_CLOSERS = re.compile(r"[}｝%％#＃][}｝]")
#: The half-width pair a secretary meant, by the kind of an opener's second character or a
#: closer's first (a field closed ``｝｝``, ``}｝`` or ``｝}`` after the input method switched).
_MEANT = {
    "{": "{{ … }}",
    "｛": "{{ … }}",
    "}": "{{ … }}",
    "｝": "{{ … }}",
    "%": "{% … %}",
    "％": "{% … %}",
    "#": "{# … #}",
    "＃": "{# … #}",
}


def full_width_braces(src: Source) -> Iterator[Finding]:
    """``｛｛ 会议.名称 ｝｝`` prints as text: say it is not a field (not a punctuation slip)."""
    for number, line in enumerate(src.lines, 1):
        opened = False
        for m in _OPENERS.finditer(line):
            if m.group(0).isascii():
                continue
            opened = True
            yield _brace_finding(src, number, m.start(), m.group(0), _MEANT[m.group(0)[1]])
        for m in _CLOSERS.finditer(line):
            if not m.group(0).isascii() and not opened:
                yield _brace_finding(src, number, m.start(), m.group(0), _MEANT[m.group(0)[0]])


def _brace_finding(src: Source, line: int, index: int, found: str, meant: str) -> Finding:
    return Finding(
        src.shown,
        line,
        index + 1,
        f"“{found}”用了全角符号：这里不是字段，不会取数据，会原样印在文件里",
        hint=f"取数据要用半角符号 {meant}，如 {{{{ 会议.名称 }}}}；切换到英文输入法再输入",
    )


# --- tags that must be closed

_TAG = re.compile(r"\{%[-+]?\s*([A-Za-z_]\w*)(.*?)[-+]?%\}", re.S)
_BLOCK_TAGS = {"for", "if", "macro", "call", "filter", "set", "block", "with", "raw"}
_WORDS = {
    "for": "循环",
    "if": "条件",
    "macro": "宏",
    "call": "调用",
    "filter": "处理块",
    "set": "赋值块",
    "block": "区块",
    "with": "范围",
    "raw": "原样块",
}


@dataclass
class _Open:
    name: str
    offset: int


@dataclass
class TagScan:
    """Unclosed and stray block tags, and the text with the missing end tags put in (no new
    lines, so line numbers hold), which lets the other checks run on a broken template."""

    findings: list[Finding]
    repaired: str


def scan_tags(src: Source) -> TagScan:
    """Every ``{% if %}``/``{% for %}``… without its end, at the line where it opens; stray
    ends and ``{{`` / ``{%`` left open."""
    text = src.without_comments
    stack: list[_Open] = []
    found: list[Finding] = []
    inserts: list[tuple[int, str]] = []
    for m in _TAG.finditer(text):
        name, rest = m.group(1), m.group(2)
        if name in _BLOCK_TAGS and not (name == "set" and "=" in rest):
            stack.append(_Open(name, m.start()))
        elif name.startswith("end"):
            found += _close(src, stack, name[3:], m.start(), inserts)
        elif name in ("else", "elif") and not any(o.name in ("if", "for") for o in stack):
            found.append(
                src.finding(
                    m.start(),
                    f"多余的 {{% {name} %}}：前面没有对应的 {{% if %}}",
                    hint="删去这个标签，或补上前面的 {% if … %}",
                )
            )
    for item in reversed(stack):
        found.append(_unclosed(src, item))
        inserts.append((len(src.text), f"{{% end{item.name} %}}"))
    found.sort(key=lambda f: (f.line, f.column))
    found += _open_delimiters(src, text)
    repaired = src.text
    for offset, tag in sorted(inserts, reverse=True):
        repaired = repaired[:offset] + tag + repaired[offset:]
    return TagScan(found, repaired)


def _close(
    src: Source, stack: list[_Open], name: str, offset: int, inserts: list[tuple[int, str]]
) -> list[Finding]:
    if not any(o.name == name for o in stack):
        return [
            src.finding(
                offset,
                f"多余的 {{% end{name} %}}：前面没有对应的 {{% {name} … %}}",
                hint="删去这个标签，或检查前面的开始标签是否写错",
            )
        ]
    found = []
    while stack[-1].name != name:
        item = stack.pop()
        found.append(_unclosed(src, item))
        inserts.append((offset, f"{{% end{item.name} %}}"))
    stack.pop()
    return found


def _unclosed(src: Source, item: _Open) -> Finding:
    word = _WORDS.get(item.name, "标签")
    return src.finding(
        item.offset,
        f"这里开始的{word} {{% {item.name} … %}} 没有对应的 {{% end{item.name} %}}",
        hint=f"在{word}内容结束的地方加上 {{% end{item.name} %}}",
    )


def _open_delimiters(src: Source, text: str) -> Iterable[Finding]:
    """A ``{{`` whose ``}}`` never comes (before the next ``{{`` or ``{%``)."""
    for opener, closer in (("{{", "}}"), ("{%", "%}")):
        start = text.find(opener)
        while start != -1:
            end = text.find(closer, start + 2)
            after = [i for i in (text.find("{{", start + 2), text.find("{%", start + 2)) if i >= 0]
            if end == -1 or (after and min(after) < end):
                yield src.finding(
                    start, f"这里的“{opener}”没有对应的“{closer}”", hint=f"在内容后面补上“{closer}”"
                )
            start = text.find(opener, start + 2)


# --- ::: blocks

_FENCE = re.compile(r"^\s*:::\s*(.*?)\s*$")


def containers(src: Source) -> Iterator[Finding]:
    """Unknown ``::: 名称`` and blocks whose closing ``:::`` was deleted, at their opening."""
    stack: list[tuple[str, int]] = []
    for number, line in enumerate(src.markdown.splitlines(), 1):
        m = _FENCE.match(line)
        if not m:
            continue
        name = m.group(1)
        if not name:
            if stack:
                stack.pop()
            else:
                yield src.at_line(
                    number,
                    ":::",
                    "多余的“:::”：前面没有要结束的区块",
                    hint="删去这一行，或检查前面的“::: 名称”行",
                )
            continue
        if name not in CONTAINERS:
            yield src.at_line(
                number,
                ":::",
                f"不认识的区块“::: {name}”{_nearest(name, CONTAINERS)}",
                hint=f"可用的区块：{'、'.join(CONTAINERS)}",
            )
        while stack and stack[-1][0] not in SCOPES:  # 跨村 holds other blocks
            yield _unclosed_block(src, *stack.pop())
        stack.append((name, number))
    for name, number in stack:
        yield _unclosed_block(src, name, number)


def _unclosed_block(src: Source, name: str, line: int) -> Finding:
    return src.at_line(
        line,
        ":::",
        f"“::: {name}”区块没有结束的“:::”",
        hint="在区块内容的下一行单独写“:::”",
    )


def _nearest(name: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.3)
    return f"，您是不是要写“::: {close[0]}”？" if close else ""


# --- Markdown the writer cannot place

_MARKDOWN = (
    ("bullet_list_open", re.compile(r"^ {0,3}[-*+]\s+\S")),
    ("ordered_list_open", re.compile(r"^ {0,3}\d{1,9}[.)]\s")),
    ("blockquote_open", re.compile(r"^ {0,3}>")),
    ("fence", re.compile(r"^ {0,3}(```|~~~)")),
    ("hr", re.compile(r"^ {0,3}([-*_])(\s*\1){2,}\s*$")),
)
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def unsupported_markdown(src: Source) -> Iterator[Finding]:
    """Lists, quotes, code, rules, numbered headings and misplaced ``**`` (parse.py's rules)."""
    lines = src.markdown.splitlines()
    settings = front_matter_lines(lines)
    last_level = 0
    for number, line in enumerate(lines, 1):
        if number in settings:
            continue
        for kind, pattern in _MARKDOWN:
            if pattern.match(line):
                yield src.at_line(number, line.strip()[:1], _UNSUPPORTED[kind])
                break
        heading = _HEADING.match(line)
        if heading and 1 < len(heading.group(1)) <= 5 and not src.name.startswith("_"):
            # a part (_shared.md …) is included under headings this file does not show
            level = len(heading.group(1)) - 1
            if level > last_level + 1:
                yield src.at_line(
                    number,
                    "#",
                    f"标题跳级：{level}级标题前面没有{level - 1}级标题",
                    hint="标题要逐级使用：## 之下用 ###，### 之下用 ####",
                )
            last_level = level
        elif heading and heading.group(1) == "#":  # the title: headings start afresh
            last_level = 0
        if heading and len(heading.group(1)) > 5:
            yield src.at_line(number, "#", "标题最多四级（## 到 #####）")
        if heading and _NUMBERED.match(heading.group(2)):
            yield src.at_line(
                number,
                heading.group(2)[:2],
                "标题自带序号：序号由程序按级别自动编排",
                hint="请删去开头的“一、”“（一）”“1.”等",
            )
        for pattern, message, hint in WEB_MARKUP:
            found = pattern.search(line)
            if found:
                yield src.at_line(number, found.group()[:2], message, hint)
        if "**" in line and (not line.lstrip().startswith("**") or line.count("**") > 2):
            yield src.at_line(
                number, "**", "“**”只能用在段首标出引题（**一要……。**），正文中不用加粗"
            )


def table_rows(src: Source) -> Iterator[Finding]:
    """A table line with more or fewer cells than the table's header line (the first of a
    run of lines starting with “|”): markdown-it drops or pads cells silently, or, when the
    delimiter row differs, prints the whole table as a paragraph."""
    header = 0
    for number, line in enumerate(src.markdown.splitlines(), 1):
        if not line.lstrip().startswith("|"):
            header = 0
            continue
        cells = row_cells(line)
        if not header:
            header = cells
        elif cells != header:
            yield src.at_line(
                number,
                "|",
                f"表格这一行有{cells}格，表头有{header}格",
                hint="表头、分隔行（|---|）和每一行的格数要相同，格与格之间用“|”隔开",
            )


#: A number typed into a template's text (its own words hold none: every figure is data).
_TYPED_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?[%％]?")


def typed_numbers(src: Source) -> Iterator[Finding]:
    """A reminder for each number typed into the template's own words: printed the same in
    every document, it goes stale when the data changes (numbers must come from data)."""
    lines = src.markdown.splitlines()
    settings = front_matter_lines(lines)
    for number, line in enumerate(lines, 1):
        if number in settings or line.lstrip().startswith("|"):  # table rows: cells hold data
            continue
        for found in _TYPED_NUMBER.finditer(line):
            yield src.at_line(
                number,
                found.group(),
                f"模板里直接写了数字“{found.group()}”：每份文件都印同一个数，数据变了它不会跟着变",
                hint="请把它填进情况文件，在模板中用 {{ … }} 取出；确属固定文字（如条款号）可不改",
                error=False,
            )


def settings(src: Source) -> Iterator[Finding]:
    """The ``---`` settings as render reads them: a line that is not “名称: 值”, a name that
    is no setting, a word a setting does not take (a value made by ``{{ }}`` is left to
    render). Found here at the template's line instead of the generated text's."""
    lines = src.markdown.splitlines()
    for number in sorted(front_matter_lines(lines)):
        raw = src.lines[number - 1] if number <= len(src.lines) else ""
        text = lines[number - 1].strip()
        if not text or text == "---" or text.startswith("#"):
            continue
        key, sep, value = text.partition(":")
        if not sep:
            key, sep, value = text.partition("：")
        key, value = key.strip(), value.strip()
        if not sep:
            yield src.at_line(number, text[:1], f"设置行“{text}”应写成“名称: 值”")
        elif key not in SETTINGS:
            close = difflib.get_close_matches(key, SETTINGS, n=1, cutoff=0.3)
            yield src.at_line(
                number,
                key,
                f"不认识的设置“{key}”" + (f"，您是不是要写“{close[0]}”？" if close else ""),
                hint=f"可用的设置有 {'、'.join(SETTINGS)}",
            )
        elif key in SETTING_CHOICES and "{" not in raw and value not in SETTING_CHOICES[key]:
            yield src.at_line(
                number,
                value or key,
                f"{key}“{value}”无效，只能是：{'、'.join(SETTING_CHOICES[key])}",
            )


def front_matter_lines(lines: list[str]) -> set[int]:
    """Line numbers (from 1) inside ``---`` settings blocks, delimiters included."""
    inside: set[int] = set()
    number = 0
    while number < len(lines):
        if lines[number].strip() == "---" and _setting_follows(lines, number + 1):
            end = next(
                (i for i in range(number + 1, len(lines)) if lines[i].strip() == "---"),
                len(lines) - 1,
            )
            inside.update(range(number + 1, end + 2))
            number = end
        number += 1
    return inside


def _setting_follows(lines: list[str], start: int) -> bool:
    following = next((line for line in lines[start:] if line.strip()), "")
    key = re.split(r"[:：]", following, maxsplit=1)[0].strip()
    return key in SETTINGS


# --- blocks a kind must keep

#: What each front-matter setting is for, in the words of a secretary.
SETTING_ROLES = {
    "文种": "文件的文种",
    "页码": "页码位置",
    "版头": "版头（文件、纪要或无）",
    "标志": "版头的发文机关标志",
    "发文字号": "版头的发文字号",
    "签发人": "版头的签发人",
    "红头": "红头的印法",
    "落款": "落款是否盖章",
    "抄送": "版记的抄送机关",
    "印发机关": "版记的印发机关",
    "印发日期": "版记的印发日期",
}
#: Settings a document cannot lose when the built-in template of its kind has them (the
#: other settings have defaults); 标志 and 发文字号 only while the 版头 is not “无”.
KEPT_SETTINGS = ("文种", "版头", "签发人", "印发机关", "印发日期")
_MASTHEAD_KEYS = ("标志", "发文字号")

#: Blocks a kind's document cannot do without, when its built-in template has them.
KEPT_BLOCKS = {
    "称呼": "称呼；主送机关写在“::: 主送”中",
    "落款": "发文机关署名和成文日期",
    "名单": "出席、请假、列席名单",
}
_SALUTATIONS = {"称呼", "主送"}


@dataclass
class Structure:
    """The parts of a document a template writes: settings, title and ``:::`` blocks."""

    settings: dict[str, tuple[int, str]] = field(default_factory=dict)  # key → (line, value)
    front_matter: int = 0  # line of the first ``---``, 0 if none
    title: bool = False
    blocks: set[str] = field(default_factory=set)


def structure(src: Source) -> Structure:
    lines = src.markdown.splitlines()
    found = Structure()
    inside = front_matter_lines(lines)
    for number, line in enumerate(lines, 1):
        if number in inside:
            found.front_matter = found.front_matter or number
            key, value = [*re.split(r"[:：]", line, maxsplit=1), ""][:2]
            if key.strip() in SETTINGS and key.strip() not in found.settings:
                found.settings[key.strip()] = (number, value.strip())
        elif re.match(r"^#\s", line):
            found.title = True
        elif m := _FENCE.match(line):
            name = m.group(1)
            found.blocks.add("称呼" if name in _SALUTATIONS else name)
    return found


def _kept_settings(own: Structure, model: Structure) -> list[str]:
    wanted = [k for k in KEPT_SETTINGS if k in model.settings]
    if "版头" in own.settings and own.settings["版头"][1] != "无":
        wanted += [k for k in _MASTHEAD_KEYS if k in model.settings]
    return [k for k in wanted if k not in own.settings]


def kept_blocks(src: Source, builtin: Source) -> Iterator[Finding]:
    """What the built-in template of the kind writes and this one no longer does."""
    own, model = structure(src), structure(builtin)
    if model.front_matter and not own.front_matter:
        yield Finding(
            src.shown,
            1,
            1,
            "删去了文件开头的设置（两行 --- 之间的文种、页码等）",
            hint=f"从自带的 {builtin.name} 复制开头的设置，放回模板的开头",
        )
    elif model.front_matter:
        for key in _kept_settings(own, model):
            yield Finding(
                src.shown,
                own.front_matter,
                1,
                f"开头的设置中少了“{key}”，{SETTING_ROLES[key]}靠它设定",
                hint=f"照自带模板第{model.settings[key][0]}行，把“{key}: …”加回两行 --- 之间",
            )
    if model.title and not own.title:
        yield Finding(
            src.shown,
            1,
            1,
            "删去了文件标题（“# ”开头的一行）",
            hint="公文必须有标题：在设置下面加回“# 标题”一行",
        )
    for block, words in KEPT_BLOCKS.items():
        if block in model.blocks and block not in own.blocks:
            yield Finding(
                src.shown,
                1,
                1,
                f"删去了“::: {block}”区块（{words}）",
                hint=f"照自带的 {builtin.name} 把这个区块加回去",
            )
