"""Rendered Markdown → document model, with markdown-it-py (the only module importing it).

Conventions (docs/templates.md): ``#`` title, ``##``–``#####`` headings of levels 1–4
(numbered automatically), ``::: 副题`` / ``::: 称呼`` blocks, ``**引题。**正文`` for a
run-in lead, ``### 标题。正文`` for a run-in numbered heading, GFM tables, and a
front matter with ``文种`` and ``页码``. Anything else is an error with its line.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .errors import Problem
from .model import (
    UNSTORABLE,
    AttachmentNote,
    AttachmentStart,
    Attendance,
    Block,
    Count,
    Counted,
    Document,
    Heading,
    Imprint,
    Lead,
    Masthead,
    MastheadKind,
    Note,
    PageNumbers,
    Paragraph,
    Region,
    Salutation,
    Scope,
    Signature,
    Source,
    Subtitle,
    Table,
    Title,
    fill_counts,
)

CONTAINERS = ("副题", "称呼", "主送", "附件说明", "落款", "附注", "附件", "名单", "跨村")
#: Containers whose content is ordinary blocks, set apart as a region of the model.
SCOPES = {s.value: s for s in Scope}
#: Front-matter keys a template may set (docs/templates.md).
SETTINGS = (
    "文种",
    "页码",
    "版头",
    "标志",
    "发文字号",
    "签发人",
    "编印单位",
    "编印日期",
    "红头",
    "落款",
    "抄送",
    "印发机关",
    "印发日期",
)
#: The settings that take one of a few words, the first being the default.
SETTING_CHOICES = {
    "版头": ("无", "文件", "纪要"),
    "红头": ("打印", "预印"),
    "落款": ("盖章", "不盖章"),
    "页码": (PageNumbers.OUTSIDE.value, PageNumbers.CENTRED.value, PageNumbers.NONE.value),
}
#: Tables wider than this go on a landscape page (横排表格).
LANDSCAPE_COLUMNS = 6
#: How a count the document decides is written in the Markdown (我讲[[一级标题数]]点意见);
#: templates write ``{{ 意见条数() }}``. The parser records it as a ``Count`` of the model.
COUNT_MARKS = {f"[[{c.value}]]": c for c in Counted}  # see count_mark
_COUNT_MARK = re.compile("|".join(re.escape(mark) for mark in COUNT_MARKS))

# "1.加强" is a typed number, "1.5万人" is not.
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+(?:[.．](?!\d)|、)|（\d+）)"
)
# Ideographs and Chinese punctuation, including ·—―‘’“”… which sit outside the CJK blocks.
_CJK = re.compile(
    r"[\u00b7\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u2e80-\u9fff\uf900-\ufaff"
    r"\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]"
)
#: Deepest heading: ``#####`` is level 4, （1）.
_MAX_LEVEL = 4
_UNSUPPORTED = {
    "bullet_list_open": (
        "出现了列表（行首是“- ”“* ”或“1. ”）：公文正文不用列表，请写成段落，需要序号时用标题级别"
    ),
    "ordered_list_open": (
        "出现了列表（行首是“1. ”等）：公文正文不用列表，请写成段落，需要序号时用标题级别"
    ),
    "blockquote_open": "出现了引用块（行首是“>”）：公文中不用，请删去“>”",
    "hr": "出现了分隔线（单独一行的“---”或“***”）：请删去；如是待补的占位符，请填写实际内容",
    "fence": "出现了代码块（“```”）：公文中不用，请删去",
}


#: Markup pasted from a web page or typed by habit: with links and HTML off, markdown-it
#: leaves it as text and the writer would print it as it stands.
WEB_MARKUP = (
    (
        re.compile(r"\[[^\]\n]+\]\([^)\s]*\)"),
        "出现了链接（[文字](网址)）：公文中不用链接，会原样印出来",
        "请只保留文字；需要写网址时直接写出网址",
    ),
    (
        re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>"),
        "出现了网页标记（如 <b>、<br>、<div>）：公文中不用，会原样印出来",
        "请删去尖括号标记；分段请空一行",
    ),
)


def web_markup(text: str) -> Iterator[tuple[str, str]]:
    """(message, hint) for each kind of web markup in ``text``."""
    if "<" not in text and "](" not in text:
        return
    for pattern, message, hint in WEB_MARKUP:
        if pattern.search(text):
            yield message, hint


@dataclass
class ParseResult:
    document: Document
    problems: list[Problem] = field(default_factory=list)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    # Indentation from Jinja blocks must never turn text into code; emphasis, links and
    # HTML have no place in an official document and would hide characters from checks.
    md.disable(
        [
            "code",
            "emphasis",
            "link",
            "image",
            "autolink",
            "backticks",
            "html_block",
            "html_inline",
            "entity",
        ]
    )
    md.use(front_matter_plugin)
    # One rule for every container name: a rule per name would be tried on every line.
    md.use(container_plugin, name="docgen", validate=_known_container)
    md.core.ruler.at("inline", _inline)
    return md


#: Where an inline rule still on can start: a line break (newline) or a backslash (escape).
_INLINE_MARKUP = re.compile(r"[\n\\]")


def _inline(state: StateCore) -> None:
    """markdown-it's ``inline`` core rule, plain text made into its one text token directly.

    With emphasis, links, code, HTML and entities off, text without a line break or a
    backslash is exactly one text token to the inline parser; making it here costs a
    fraction of the parse, and most of a document's paragraphs and cells are such text
    (tests/test_parse.py compares the tokens with markdown-it's own rule).
    """
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        content = token.content
        if _INLINE_MARKUP.search(content):
            state.md.inline.parse(content, state.md, state.env, token.children)
        elif content:
            text = Token("text", "", 0)
            text.content = content
            token.children.append(text)


#: Where a table row's cells are cut: at each pipe not escaped by a backslash.
_ROW_SPLIT = re.compile(r"(?<!\\)\|")


def row_cells(line: str) -> int:
    """The cells of a pipe table's line: its pipes not escaped, the outer ones aside."""
    return len(_ROW_SPLIT.split(line.strip().strip("|")))


#: A pipe table's delimiter row: cells of ``:?-+:?`` between pipes (spaces and tabs around).
_DELIMITER_CELL = re.compile(r"^:?-+:?$")
#: What a plain table's line must not hold: a backslash (an escape), or a carriage return
#: or NUL (markdown-it normalises both before parsing).
_NOT_PLAIN_ROW = re.compile(r"[\\\r\0]")


def plain_table_tokens(text: str, first: int) -> list[Token] | None:
    """markdown-it's tokens for a block that is one plain pipe table, made directly.

    ``text``: the block (blank lines may end it); ``first``: its first line's number in
    the document. When every line starts with a pipe and no cell holds a backslash, the
    block is all markdown-it's table rule would find there, each cell one text token.
    Anything else gives None (markdown-it parses it): this is a shortcut, never a second
    Markdown parser (tests/test_batch_parse.py compares the tokens with markdown-it's for
    generated tables).
    """
    rows = text.split("\n")
    while rows and not rows[-1].strip(" \t"):
        rows.pop()
    if len(rows) < 2 or any(not row.startswith("|") or _NOT_PLAIN_ROW.search(row) for row in rows):
        return None
    aligns = _aligns(rows[1])
    header = _cells(rows[0])
    if aligns is None or len(header) != len(aligns):
        return None
    level = 0
    tokens: list[Token] = []

    def push(kind: str, tag: str, nesting: int, line: int | None = None) -> Token:
        nonlocal level
        token = Token(kind, tag, nesting)  # type: ignore[arg-type]
        token.block = True
        level -= nesting < 0
        token.level = level
        level += nesting > 0
        if line is not None:
            token.map = [line, line + 1]
        tokens.append(token)
        return token

    end = first + len(rows)
    push("table_open", "table", 1).map = [first, end]
    push("thead_open", "thead", 1, first)
    push("tr_open", "tr", 1, first)
    _row_tokens(push, "th", header, aligns, first)
    push("tr_close", "tr", -1)
    push("thead_close", "thead", -1)
    if len(rows) > 2:
        push("tbody_open", "tbody", 1).map = [first + 2, end]
        for number, row in enumerate(rows[2:], first + 2):
            push("tr_open", "tr", 1, number)
            cells = _cells(row)
            cells += [""] * (len(aligns) - len(cells))
            _row_tokens(push, "td", cells[: len(aligns)], aligns, number)
            push("tr_close", "tr", -1)
        push("tbody_close", "tbody", -1)
    push("table_close", "table", -1)
    return tokens


def _aligns(row: str) -> list[str] | None:
    """The alignments a delimiter row sets, or None when it is not one (markdown-it's test)."""
    if row[1:2] not in ("|", "-", ":", " ", "\t") or any(c not in "|-: \t" for c in row):
        return None
    aligns = []
    parts = row.split("|")
    for index, part in enumerate(parts):
        cell = mdTrim(part)
        if not cell:
            if index in (0, len(parts) - 1):
                continue
            return None
        if not _DELIMITER_CELL.match(cell):
            return None
        if cell.endswith(":"):
            aligns.append("center" if cell.startswith(":") else "right")
        else:
            aligns.append("left" if cell.startswith(":") else "")
    return aligns


def _cells(row: str) -> list[str]:
    """A row's cells, trimmed, without the empty ones outside its first and last pipe."""
    cells = mdTrim(row).split("|")
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return [mdTrim(cell) for cell in cells]


def _row_tokens(
    push: Callable[..., Token], tag: str, cells: list[str], aligns: list[str], line: int
) -> None:
    for cell, align in zip(cells, aligns, strict=True):
        opened = push(f"{tag}_open", tag, 1)
        if align:
            opened.attrs = {"style": "text-align:" + align}
        inline = push("inline", "", 0, line)
        inline.content = cell
        inline.children = []
        if cell:
            text = Token("text", "", 0)
            text.content = cell
            inline.children.append(text)
        push(f"{tag}_close", tag, -1)


def _known_container(params: str, *args: object) -> bool:
    return params.strip().split(" ", 2)[0] in CONTAINERS


_MD = _markdown()


def parse_markdown(
    text: str, where: str, tokenize: Callable[[str], list[Token]] | None = None
) -> ParseResult:
    """Parse one rendered document; ``where`` names it in messages (e.g. the template).

    ``tokenize`` may replace markdown-it's parse with one giving the same tokens faster
    (docgen.speedups' parse cache, for documents that share most of their text).
    """
    parser = _Parser(where, text.splitlines())
    if UNSTORABLE.search(text):
        text = parser.unstorable(text)
    blocks: list[Block] = []
    parser.blocks_from((tokenize or _MD.parse)(text), blocks)
    blocks = number_headings(blocks)
    parser.check_attachments(blocks)
    doc = Document(
        kind=parser.meta.get("文种", ""),
        blocks=tuple(blocks),
        page_numbers=parser.page_numbers(),
        meta=parser.meta,
        masthead=parser.masthead(),
        imprint=parser.imprint(),
        regions=tuple(parser.regions),
        counts=tuple(parser.counts),
    )
    return ParseResult(fill_counts(doc), parser.problems)


def count_mark(counted: Counted) -> str:
    """How a count is written in the Markdown a template renders (``[[一级标题数]]``)."""
    return f"[[{counted.value}]]"


def markdown_tokens(text: str) -> list[Token]:
    """markdown-it's tokens with docgen's rules (what a faster tokenizer must reproduce)."""
    return _MD.parse(text)


class _Parser:
    def __init__(self, where: str, lines: list[str]) -> None:
        self.where = where
        self.lines = lines
        self.meta: dict[str, str] = {}
        self.meta_lines: dict[str, int] = {}
        self.problems: list[Problem] = []
        self.regions: list[Region] = []
        self.counts: list[Count] = []
        self.last_level = 0

    def _row_widths(self, tokens: list[Token], columns: int) -> None:
        """A body row with more cells than the header loses them and one with fewer is
        padded, silently in markdown-it: each is a problem at its line."""
        for token in tokens:
            if token.type != "tr_open" or not token.map or token.level < 2:
                continue
            line = self.lines[token.map[0]] if token.map[0] < len(self.lines) else ""
            cells = row_cells(line)
            if cells != columns:
                self.problem(
                    token,
                    f"表格这一行有{cells}格，表头有{columns}格："
                    + ("多出的格会丢掉" if cells > columns else "少的格会空着"),
                    hint="请让每一行的格数与表头相同（格与格之间用“|”隔开）",
                )

    def _no_web_markup(self, inline: Token) -> None:
        for message, hint in web_markup(inline.content):
            self.problem(inline, message, hint)

    def problem(self, token: Token, message: str, hint: str = "") -> None:
        line = token.map[0] + 1 if token.map else 0
        snippet = self.lines[line - 1].strip()[:30] if 0 < line <= len(self.lines) else ""
        text = f"{message}（该行内容：{snippet}）" if snippet else message
        self.problems.append(Problem(f"{self.where} 生成结果第{line}行", text, hint=hint))

    def unstorable(self, text: str) -> str:
        """Characters a .docx cannot store, each a problem at its line; the text without them."""
        for found in UNSTORABLE.finditer(text):
            line = text.count("\n", 0, found.start()) + 1
            code = f"U+{ord(found.group()):04X}"
            self.problems.append(
                Problem(
                    f"{self.where} 生成结果第{line}行",
                    f"生成的文字中有 Word 无法保存的不可见字符（{code}）",
                    hint="多由模板中的转义写法（如 \\x01）造成：请在模板这一处删去它",
                )
            )
        return UNSTORABLE.sub("", text)

    def page_numbers(self) -> PageNumbers:
        return PageNumbers(self.choice("页码"))

    def setting_problem(self, key: str, message: str, hint: str = "") -> None:
        line = self.meta_lines.get(key, 0)
        where = f"{self.where} 生成结果第{line}行" if line else self.where
        self.problems.append(Problem(where, message, hint=hint))

    def choice(self, key: str) -> str:
        allowed = SETTING_CHOICES[key]
        default = allowed[0]
        value = self.meta.get(key, default)
        if value not in allowed:
            self.setting_problem(key, f"{key}“{value}”无效，只能是：{'、'.join(allowed)}")
            return default
        return value

    def masthead(self) -> Masthead | None:
        kind = self.choice("版头")
        if kind == "无":
            return None
        missing = [k for k in ("标志", "发文字号") if not self.meta.get(k)]
        for key in missing:
            self.setting_problem(
                "版头", f"版头为“{kind}”时要设置“{key}”", hint=f"在开头的设置中加一行“{key}: …”"
            )
        if missing:
            return None
        signers = tuple(n for n in re.split(r"[、，,]", self.meta.get("签发人", "")) if n.strip())
        paper = self.choice("红头")
        issuer, issued = self.meta.get("编印单位", ""), self.meta.get("编印日期", "")
        if bool(issuer) != bool(issued):
            self.setting_problem(
                "编印单位" if issuer else "编印日期", "“编印单位”和“编印日期”要一起设置"
            )
            issuer = issued = ""
        return Masthead(
            MastheadKind(kind),
            self.meta["标志"],
            self.meta["发文字号"],
            tuple(n.strip() for n in signers),
            paper == "预印",
            issuer,
            issued,
        )

    def imprint(self) -> Imprint | None:
        printer = self.meta.get("印发机关", "")
        if not printer:
            return None
        date = self.meta.get("印发日期", "")
        if not date:
            self.setting_problem("印发机关", "设置了“印发机关”，还要设置“印发日期”")
        copy_to = self.meta.get("抄送", "").rstrip("。，；,.; ") or None
        return Imprint(printer, date, copy_to + "。" if copy_to else None)

    def sealed(self) -> bool:
        return self.choice("落款") == "盖章"

    def check_attachments(self, blocks: list[Block]) -> None:
        """附件说明 and the attachments must agree in number, order and names."""
        notes = [b for b in blocks if isinstance(b, AttachmentNote)]
        starts = [b for b in blocks if isinstance(b, AttachmentStart)]
        if not notes and not starts:
            return
        names = notes[0].items if notes else ()
        where = self.where
        if len(names) != len(starts):
            self.problems.append(
                Problem(
                    where,
                    f"附件说明列了{len(names)}个附件，正文后实际有{len(starts)}个附件",
                    hint="附件说明与后附的附件应一一对应",
                )
            )
            return
        for index, (name, start) in enumerate(zip(names, starts, strict=True), 1):
            label = "附件" if len(names) == 1 else f"附件{index}"
            if start.label != label:
                self.problems.append(
                    Problem(where, f"第{index}个附件的标识应为“{label}”，现为“{start.label}”")
                )
            if start.title != name:
                self.problems.append(
                    Problem(where, f"附件标题“{start.title}”与附件说明中的名称“{name}”不一致")
                )

    def blocks_from(self, tokens: list[Token], blocks: list[Block]) -> None:
        """Append the blocks of ``tokens`` to ``blocks`` (the document's, so indexes are final)."""
        i = 0
        while i < len(tokens):
            token = tokens[i]
            source = Source(token.map[0] + 1) if token.map else None
            kind = token.type
            if kind == "front_matter":
                self._front_matter(token)
            elif kind == "heading_open":
                self._no_web_markup(tokens[i + 1])
                heading = self._heading(token, _inline_text(tokens[i + 1]), source)
                blocks.append(self._counted(heading, len(blocks)))
                i += 2
            elif kind == "paragraph_open":
                self._no_web_markup(tokens[i + 1])
                paragraph = self._paragraph(token, _inline_text(tokens[i + 1]), source)
                blocks.append(self._counted(paragraph, len(blocks)))
                i += 2
            elif kind.startswith("container_") and kind.endswith("_open"):
                end = _matching_close(tokens, i)
                scope = SCOPES.get(token.info.strip())
                if scope is not None:
                    start = len(blocks)
                    self.blocks_from(tokens[i + 1 : end], blocks)
                    self.regions.append(Region(scope, start, len(blocks)))
                else:
                    blocks.extend(self._container(token, tokens[i + 1 : end], source))
                i = end
            elif kind == "table_open":
                end = _matching_close(tokens, i)
                table = _table(tokens[i:end], source)
                self._row_widths(tokens[i:end], len(table.header))
                self._no_count(
                    token, "".join(c for row in (table.header, *table.rows) for c in row)
                )
                if len(table.header) > LANDSCAPE_COLUMNS:
                    table = Table(table.header, table.rows, table.source, landscape=True)
                blocks.append(table)
                i = end
            elif kind in _UNSUPPORTED:
                self.problem(token, _UNSUPPORTED[kind])
                i = _matching_close(tokens, i) if kind.endswith("_open") else i
            elif kind not in ("paragraph_close", "heading_close"):
                self.problem(token, f"无法处理的内容（{kind}）")
            i += 1

    def _counted(self, block: Block, index: int) -> Block:
        """``block`` without its count marks, each recorded as a ``Count`` of the model."""
        if isinstance(block, Paragraph) and block.lead and "[[" in block.lead.text:
            lead = Lead(self._take_counts(block.lead.text, index, "lead"), block.lead.level)
            block = Paragraph(block.text, lead, block.source)
        parts = ("text", "body") if isinstance(block, Heading) else ("text",)
        for part in parts:
            text = getattr(block, part)
            if "[[" in text:
                block = dataclasses.replace(block, **{part: self._take_counts(text, index, part)})
        return block

    def _take_counts(self, text: str, block: int, part: str) -> str:
        kept, last = [], 0
        for found in _COUNT_MARK.finditer(text):
            kept.append(text[last : found.start()])
            at = sum(len(piece) for piece in kept)
            self.counts.append(Count(COUNT_MARKS[found.group()], block, part, at))
            last = found.end()
        kept.append(text[last:])
        return "".join(kept)

    def _no_count(self, token: Token, text: str) -> str:
        if _COUNT_MARK.search(text):
            self.problem(
                token, "计数（如 {{ 意见条数() }}）只能用在正文段落中，不能用在标题或表格里"
            )
            return _COUNT_MARK.sub("", text)
        return text

    def _front_matter(self, token: Token) -> None:
        first = token.map[0] + 2 if token.map else 0  # content starts below the opening ---
        for offset, raw in enumerate(token.content.splitlines()):
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            key, sep, value = raw.partition(":")
            if not sep:
                key, sep, value = raw.partition("：")
            if not sep:
                self.problem(token, f"文件开头的设置行“{raw.strip()}”应写成“名称: 值”")
                continue
            key = key.strip()
            if key not in SETTINGS:
                self.problem(token, f"不认识的设置“{key}”：可用的设置有 {'、'.join(SETTINGS)}")
            self.meta[key] = value.strip()
            if first:
                self.meta_lines[key] = first + offset

    def _heading(self, token: Token, text: str, source: Source | None) -> Block:
        level = int(token.tag[1])
        if token.markup in ("=", "-"):
            self.problem(token, "段落下面单独一行的“===”或“---”会把这段变成标题：请删去这一行")
        if level == 1:
            return Title((text,), source)
        if level - 1 > _MAX_LEVEL:
            self.problem(token, f"标题最多四级（## 到 #####），这里用了 {'#' * level}")
            level = _MAX_LEVEL + 1
        elif level - 1 > self.last_level + 1:
            self.problem(
                token,
                f"标题跳级：{level - 1}级标题前面没有{level - 2}级标题",
                hint="标题要逐级使用：## 之下用 ###，### 之下用 ####",
            )
        self.last_level = level - 1
        if _NUMBERED.match(text):
            self.problem(
                token,
                f"标题“{text[:12]}”自带序号：序号由程序按级别自动编排",
                hint="请删去开头的“一、”“（一）”“1.”等",
            )
            text = _NUMBERED.sub("", text, count=1)
        heading_text, body = _split_run_in(text)
        return Heading(level - 1, 0, heading_text, body, source)

    def _paragraph(self, token: Token, text: str, source: Source | None) -> Block:
        if text.startswith("|") and text.count("|") >= 2:
            self.problem(
                token,
                "这几行像是表格，却没有排成表格：第二行的分隔行（|---|---|）格数要与表头一致",
                hint="表头、分隔行和每一行都用“|”隔开，格数相同",
            )
        if text.startswith(":::"):
            self.problem(token, f"未知的区块“{text[:10]}”：只能用 {'、'.join(CONTAINERS)}")
        if text.startswith("**"):
            end = text.find("**", 2)
            if end > 2:
                if "**" in text[end + 2 :]:
                    self.problem(token, "“**”只能用在段首标出引题（**一要……。**），正文中不用加粗")
                return Paragraph(text[end + 2 :], Lead(text[2:end], 0), source)
        if "**" in text:
            self.problem(token, "“**”只能用在段首标出引题（**一要……。**），正文中不用加粗")
        return Paragraph(text, None, source)

    def _container(self, token: Token, inner: list[Token], source: Source | None) -> list[Block]:
        name = token.info.strip()
        texts = [
            self._no_count(token, _inline_text(t, keep_breaks=True))
            for t in inner
            if t.type == "inline"
        ]
        lines = tuple(line.strip() for text in texts for line in text.split("\n") if line.strip())
        if not lines:
            self.problem(token, f"“::: {name}”区块是空的")
            return []
        match name:
            case "副题":
                return [Subtitle(lines, source)]
            case "称呼" | "主送":
                return [Salutation("".join(lines), source)]
            case "附件说明":
                for line in lines:
                    if line[-1] in "。，；、,.;:：":
                        self.problem(
                            token, f"附件名称“{line}”末尾不加标点", hint="删去名称末尾的标点"
                        )
                return [
                    AttachmentNote(tuple(line.rstrip("。，；、,.;:：") for line in lines), source)
                ]
            case "落款":
                if len(lines) < 2:
                    self.problem(token, "“::: 落款”要写两行以上：先写署名，最后一行写成文日期")
                    return []
                return [Signature(lines[:-1], lines[-1], self.sealed(), source)]
            case "附注":
                return [Note("".join(lines), source)]
            case "附件":
                if len(lines) != 2:
                    self.problem(token, "“::: 附件”要写两行：第一行“附件1”，第二行附件标题")
                    return []
                self.last_level = 0
                return [AttachmentStart(lines[0], lines[1], source)]
            case "名单":
                found: list[Block] = []
                for line in lines:
                    label, sep, names = line.partition("：")
                    if not sep or not names.strip():
                        self.problem(token, f"名单行“{line}”应写成“出席：张三、李四”")
                        continue
                    found.append(Attendance(label.strip(), names.strip(), source))
                return found
        return []


def _split_run_in(text: str) -> tuple[str, str]:
    """'加强组织领导。各村要……' → ('加强组织领导。', '各村要……'); plain headings unchanged."""
    cut = text.find("。")
    if 0 < cut < len(text) - 1:
        return text[: cut + 1], text[cut + 1 :].lstrip()
    return text, ""


def _matching_close(tokens: list[Token], start: int) -> int:
    depth = 0
    for j in range(start, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _inline_text(token: Token, *, keep_breaks: bool = False) -> str:
    """Text of an inline token; soft breaks vanish between CJK characters."""
    parts: list[str] = []
    children = token.children or []
    for index, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            if keep_breaks:
                parts.append("\n")
                continue
            before = parts[-1][-1:] if parts and parts[-1] else ""
            after = children[index + 1].content[:1] if index + 1 < len(children) else ""
            if before and after and not (_CJK.match(before) or _CJK.match(after)):
                parts.append(" ")
        else:
            parts.append(child.content)
    return "".join(parts).strip()


def _table(tokens: list[Token], source: Source | None) -> Table:
    header: list[str] = []
    rows: list[list[str]] = []
    current: list[str] | None = None
    in_head = False
    for token in tokens:
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            current = []
        elif token.type == "tr_close" and current is not None:
            if in_head:
                header = current
            else:
                rows.append(current)
        elif token.type == "inline" and current is not None:
            current.append(_inline_text(token))
    return Table(tuple(header), tuple(tuple(r) for r in rows), source)


def number_headings(blocks: list[Block]) -> list[Block]:
    """Give each heading its number among siblings; deeper counters restart (GB/T 9704 7.3.3)."""
    counters = [0, 0, 0, 0, 0]
    out: list[Block] = []
    current_level = 0
    for block in blocks:
        if isinstance(block, AttachmentStart):  # an attachment numbers its headings afresh
            counters = [0, 0, 0, 0, 0]
            current_level = 0
        elif isinstance(block, Heading):
            counters[block.level] += 1
            for deeper in range(block.level + 1, 5):
                counters[deeper] = 0
            current_level = block.level
            number = counters[block.level]
            block = Heading(block.level, number, block.text, block.body, block.source)
        elif isinstance(block, Paragraph) and block.lead is not None and block.lead.level == 0:
            # A lead is set in the font of the level below the heading it sits under.
            lead = Lead(block.lead.text, min(current_level + 1, _MAX_LEVEL))
            block = Paragraph(block.text, lead, block.source)
        out.append(block)
    return out
