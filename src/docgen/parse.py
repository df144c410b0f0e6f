"""Rendered Markdown → document model, with markdown-it-py (the only module importing it).

Conventions (docs/templates.md): ``#`` title, ``##``–``#####`` headings of levels 1–4
(numbered automatically), ``::: 副题`` / ``::: 称呼`` blocks, ``**引题。**正文`` for a
run-in lead, ``### 标题。正文`` for a run-in numbered heading, GFM tables, and a
front matter with ``文种`` and ``页码``. Anything else is an error with its line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .chinese import cn_number
from .errors import Problem
from .model import (
    AttachmentNote,
    AttachmentStart,
    Attendance,
    Block,
    Document,
    Heading,
    Imprint,
    Lead,
    Masthead,
    MastheadKind,
    Note,
    PageNumbers,
    Paragraph,
    Salutation,
    Signature,
    Source,
    Subtitle,
    Table,
    Title,
)

CONTAINERS = ("副题", "称呼", "主送", "附件说明", "落款", "附注", "附件", "名单", "跨村")
#: A container whose content is ordinary blocks, marked as meant for every village (a
#: county ranking table …): the batch leak check skips it (docs/villages.md).
CROSS_VILLAGE = "跨村"
#: Front-matter keys a template may set (docs/templates.md).
SETTINGS = (
    "文种",
    "页码",
    "版头",
    "标志",
    "发文字号",
    "签发人",
    "红头",
    "落款",
    "抄送",
    "印发机关",
    "印发日期",
)
#: Tables wider than this go on a landscape page (横排表格).
LANDSCAPE_COLUMNS = 6
#: Placeholder a template emits for "how many level-1 headings" (我讲三点意见).
SECTION_COUNT = "\ue000一级标题数\ue001"

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
    return md


def _known_container(params: str, *args: object) -> bool:
    return params.strip().split(" ", 2)[0] in CONTAINERS


_MD = _markdown()


def parse_markdown(
    text: str, where: str, tokenize: Callable[[str], list[Token]] | None = None
) -> ParseResult:
    """Parse one rendered document; ``where`` names it in messages (e.g. the template).

    ``tokenize`` may replace markdown-it's parse with one giving the same tokens faster
    (``BlockCache`` for batches whose documents share most of their text).
    """
    parser = _Parser(where, text.splitlines())
    blocks = parser.blocks_from((tokenize or _MD.parse)(text))
    blocks = number_headings(blocks)
    blocks = fill_section_count(blocks)
    parser.check_attachments(blocks)
    doc = Document(
        kind=parser.meta.get("文种", ""),
        blocks=tuple(blocks),
        page_numbers=parser.page_numbers(),
        meta=parser.meta,
        masthead=parser.masthead(),
        imprint=parser.imprint(),
    )
    return ParseResult(doc, parser.problems)


class _Parser:
    def __init__(self, where: str, lines: list[str]) -> None:
        self.where = where
        self.lines = lines
        self.meta: dict[str, str] = {}
        self.meta_lines: dict[str, int] = {}
        self.problems: list[Problem] = []
        self.last_level = 0

    def problem(self, token: Token, message: str, hint: str = "") -> None:
        line = token.map[0] + 1 if token.map else 0
        snippet = self.lines[line - 1].strip()[:30] if 0 < line <= len(self.lines) else ""
        text = f"{message}（该行内容：{snippet}）" if snippet else message
        self.problems.append(Problem(f"{self.where} 生成结果第{line}行", text, hint=hint))

    def page_numbers(self) -> PageNumbers:
        value = self.meta.get("页码", PageNumbers.OUTSIDE.value)
        try:
            return PageNumbers(value)
        except ValueError:
            allowed = "、".join(p.value for p in PageNumbers)
            line = self.meta_lines.get("页码", 0)
            where = f"{self.where} 生成结果第{line}行" if line else self.where
            self.problems.append(Problem(where, f"页码“{value}”无效，只能是：{allowed}"))
            return PageNumbers.OUTSIDE

    def setting_problem(self, key: str, message: str, hint: str = "") -> None:
        line = self.meta_lines.get(key, 0)
        where = f"{self.where} 生成结果第{line}行" if line else self.where
        self.problems.append(Problem(where, message, hint=hint))

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        value = self.meta.get(key, default)
        if value not in allowed:
            self.setting_problem(key, f"{key}“{value}”无效，只能是：{'、'.join(allowed)}")
            return default
        return value

    def masthead(self) -> Masthead | None:
        kind = self.choice("版头", ("文件", "纪要", "无"), "无")
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
        paper = self.choice("红头", ("打印", "预印"), "打印")
        return Masthead(
            MastheadKind(kind),
            self.meta["标志"],
            self.meta["发文字号"],
            tuple(n.strip() for n in signers),
            paper == "预印",
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
        return self.choice("落款", ("盖章", "不盖章"), "盖章") == "盖章"

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

    def blocks_from(self, tokens: list[Token]) -> list[Block]:
        blocks: list[Block] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            source = Source(token.map[0] + 1) if token.map else None
            kind = token.type
            if kind == "front_matter":
                self._front_matter(token)
            elif kind == "heading_open":
                text = _inline_text(tokens[i + 1])
                blocks.append(self._heading(token, text, source))
                i += 2
            elif kind == "paragraph_open":
                blocks.append(self._paragraph(token, _inline_text(tokens[i + 1]), source))
                i += 2
            elif kind.startswith("container_") and kind.endswith("_open"):
                end = _matching_close(tokens, i)
                if token.info.strip() == CROSS_VILLAGE:
                    blocks.extend(self.blocks_from(tokens[i + 1 : end]))
                else:
                    blocks.extend(self._container(token, tokens[i + 1 : end], source))
                i = end
            elif kind == "table_open":
                end = _matching_close(tokens, i)
                table = _table(tokens[i:end], source)
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
        return blocks

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
        texts = [_inline_text(t, keep_breaks=True) for t in inner if t.type == "inline"]
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


def fill_section_count(blocks: list[Block]) -> list[Block]:
    """Replace the section-count placeholder with the number of the main text's level-1 headings."""
    main = blocks
    for index, block in enumerate(blocks):
        if isinstance(block, AttachmentStart):
            main = blocks[:index]
            break
    count = cn_number(sum(1 for b in main if isinstance(b, Heading) and b.level == 1))
    return [_replace_text(block, SECTION_COUNT, count) for block in blocks]


def _replace_text(block: Block, old: str, new: str) -> Block:
    match block:
        case Paragraph(text=text, lead=lead) if old in text or (lead and old in lead.text):
            lead = Lead(lead.text.replace(old, new), lead.level) if lead else None
            return Paragraph(text.replace(old, new), lead, block.source)
        case Heading() if old in block.text or old in block.body:
            return Heading(
                block.level,
                block.number,
                block.text.replace(old, new),
                block.body.replace(old, new),
                block.source,
            )
    return block


# --- batches: top-level blocks parsed once ------------------------------------------------------

#: Lines after which a blank line may not end a block (lists, quotes, fences, rules, indents).
_RISKY_LINE = re.compile(
    r"^ {0,3}(?:[-*+>]|\d{1,9}[.)])(?:\s|$)|^ {0,3}(?:```|~~~|-{3,}\s*$)|^ {4}"
)


def _parse_together(chunks: list[tuple[str, int]]) -> list[list[Token]]:
    """Tokens of several blank-line-separated blocks from one parse, split back per block,
    with line maps moved to where each block stands in its document."""
    if not chunks:
        return []
    tokens = _MD.parse("".join(chunk for chunk, _ in chunks))
    starts, line = [], 0
    for chunk, _ in chunks:
        starts.append(line)
        line += chunk.count("\n")
    groups: list[list[Token]] = [[] for _ in chunks]
    group = 0
    for token in tokens:
        if token.level == 0 and token.map:
            group = bisect.bisect_right(starts, token.map[0]) - 1
        if token.map:
            shift = chunks[group][1] - starts[group]
            token.map = [token.map[0] + shift, token.map[1] + shift]
        groups[group].append(token)
    return groups


def without_cross_village(text: str) -> str:
    """The rendered Markdown minus its ``::: 跨村`` sections (what the leak check reads)."""
    kept, depth = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if depth == 0 and stripped.startswith(":::") and stripped[3:].strip() == CROSS_VILLAGE:
            depth = 1
        elif depth and stripped.startswith(":::"):
            depth = depth + 1 if stripped.strip(":").strip() else depth - 1
        elif not depth:
            kept.append(line)
    return "".join(kept)


class BlockCache:
    """markdown-it tokens of a document, each top-level block parsed once per batch.

    The text is cut at blank lines outside ``:::`` containers and front matter; a block
    met again at the same line is not parsed again (tokens are only read, never changed).
    Text where a blank line may not end a block (lists, fences, rules, indented lines)
    is parsed whole, so the tokens are always those ``MarkdownIt.parse`` gives.
    """

    def __init__(self, limit: int = 20000) -> None:
        self._cache: dict[tuple[str, int], list[Token]] = {}
        self._seen: set[int] = set()
        self._limit = limit

    def __call__(self, text: str) -> list[Token]:
        chunks = self._chunks(text)
        if chunks is None:
            return _MD.parse(text)
        parts: list[list[Token] | None] = [self._cache.get(key) for key in chunks]
        misses = [i for i, found in enumerate(parts) if found is None]
        # The blocks not seen before are parsed in ONE call: markdown-it's fixed cost per
        # call is larger than the cost of a short block.
        for i, found in zip(misses, _parse_together([chunks[i] for i in misses]), strict=True):
            parts[i] = found
            key = chunks[i]
            seen = hash(key)
            if seen in self._seen:  # kept from its second use: one-off blocks cost nothing
                if len(self._cache) >= self._limit:
                    self._cache.clear()
                self._cache[key] = found
            else:
                self._seen.add(seen)
        return [token for found in parts for token in found]  # type: ignore[union-attr]

    @staticmethod
    def _chunks(text: str) -> list[tuple[str, int]] | None:
        lines = text.splitlines(keepends=True)
        start = 0
        if lines and lines[0].rstrip() == "---":  # front matter: up to the closing ---
            end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
            if end is None:
                return None
            start = end + 1
        chunks = [("".join(lines[:start]), 0)] if start else []
        depth, first = 0, start
        for index in range(start, len(lines)):
            line = lines[index]
            if _RISKY_LINE.match(line):
                return None
            stripped = line.strip()
            if stripped.startswith(":::"):
                depth = depth + 1 if stripped.strip(":").strip() else max(depth - 1, 0)
            elif not stripped and depth == 0:
                chunks.append(("".join(lines[first : index + 1]), first))
                first = index + 1
        if first < len(lines):
            chunks.append(("".join(lines[first:]), first))
        return chunks
