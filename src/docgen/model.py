"""The document model between Markdown and Word: official-document concepts, nothing else.

Parsers produce it, transforms rewrite it, checks and writers read it. It knows
neither Jinja nor markdown-it tokens nor python-docx objects (see docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum

from .chinese import cn_count, heading_prefix

#: Characters a .docx cannot store (XML 1.0 forbids them): control characters, lone
#: surrogates, non-characters. Text holding one is refused where it enters, with its place.
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class PageNumbers(StrEnum):
    """Where page numbers go; GB/T 9704-2012 7.5 gives odd-right / even-left."""

    CENTRED = "居中"
    OUTSIDE = "单双"  # odd pages right, even pages left
    NONE = "无"


@dataclass(frozen=True)
class Source:
    """Where a block came from: a line of the rendered Markdown (1-based)."""

    line: int


@dataclass(frozen=True)
class Title:
    """标题: 2号小标宋, centred. ``lines`` are the author's own line breaks, if any."""

    lines: tuple[str, ...]
    source: Source | None = None

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass(frozen=True)
class Subtitle:
    """Lines under a speech title (speaker, date): 3号楷体, centred."""

    lines: tuple[str, ...]
    source: Source | None = None


@dataclass(frozen=True)
class Salutation:
    """称呼 or 主送: flush left, ends with a full-width colon."""

    text: str
    source: Source | None = None


@dataclass(frozen=True)
class Heading:
    """A numbered heading; ``number`` is its position among siblings (1-based).

    A heading with ``body`` is run in: "（一）加强组织领导。各村要……" is one paragraph whose
    first run is the heading in its level's font, followed by ordinary text.
    """

    level: int
    number: int
    text: str
    body: str = ""
    source: Source | None = None

    @property
    def label(self) -> str:
        return heading_prefix(self.level, self.number)


@dataclass(frozen=True)
class Lead:
    """A run-in heading at the start of a paragraph, set in the font of ``level``."""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    text: str
    lead: Lead | None = None
    source: Source | None = None


@dataclass(frozen=True)
class Table:
    """A table; a ``landscape`` one goes on its own landscape pages (横排表格)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: Source | None = None
    landscape: bool = False


@dataclass(frozen=True)
class AttachmentNote:
    """附件说明: the names of the attachments, numbered when there are several."""

    items: tuple[str, ...]
    source: Source | None = None

    def lines(self) -> list[str]:
        if len(self.items) == 1:
            return [f"附件：{self.items[0]}"]
        return [
            ("附件：" if i == 1 else "") + f"{i}.{item}" for i, item in enumerate(self.items, 1)
        ]


@dataclass(frozen=True)
class Signature:
    """发文机关署名 and 成文日期, placed by the signature mode (GB/T 9704-2012 7.3.5)."""

    organs: tuple[str, ...]
    date: str
    sealed: bool = True
    source: Source | None = None


@dataclass(frozen=True)
class Note:
    """附注, e.g. （此件公开发布）, on the line below the date."""

    text: str
    source: Source | None = None


@dataclass(frozen=True)
class AttachmentStart:
    """The first page of an attachment: label (附件1) on line 1, its title on line 3."""

    label: str
    title: str
    source: Source | None = None


@dataclass(frozen=True)
class Attendance:
    """纪要 list: 出席 / 请假 / 列席 label in 黑体, names in 仿宋."""

    label: str
    names: str
    source: Source | None = None


Block = (
    Title
    | Subtitle
    | Salutation
    | Heading
    | Paragraph
    | Table
    | AttachmentNote
    | Signature
    | Note
    | AttachmentStart
    | Attendance
)


class MastheadKind(StrEnum):
    FILE = "文件"  # 发文机关标志 + 发文字号 + red rule
    MINUTES = "纪要"  # 纪要标志 + 期号 + red rule


@dataclass(frozen=True)
class Masthead:
    """版头: red mark 35 mm below the type area, the number line, the red rule."""

    kind: MastheadKind
    mark: str
    number: str
    signers: tuple[str, ...] = ()  # 上行文: 签发人 on the number line
    preprinted: bool = False  # paper carries mark and rule: keep the space, draw nothing
    issuer: str = ""  # 纪要: 编印单位 left and its date right, on the line above the rule
    issued: str = ""


@dataclass(frozen=True)
class Imprint:
    """版记 at the foot of the last page: 抄送, 印发机关 and 印发日期 between rules."""

    printer: str
    date: str
    copy_to: str | None = None


class Scope(StrEnum):
    """What a template set apart a run of blocks for."""

    ALL_VILLAGES = "跨村"  # meant for every village (a county ranking): no leak check


@dataclass(frozen=True)
class Region:
    """Blocks ``start`` ≤ index < ``end`` of ``Document.blocks`` that a template set apart."""

    scope: Scope
    start: int
    end: int


class Counted(StrEnum):
    """What a count in the text counts."""

    LEVEL1_HEADINGS = "一级标题数"  # the main text's level-1 headings: 我讲三点意见


@dataclass(frozen=True)
class Count:
    """A number the document itself decides, stated in a block's text (我讲三点意见).

    ``part`` is where in block ``block`` it stands: ``text`` (a paragraph's or heading's),
    ``body`` (a run-in heading's text) or ``lead`` (a paragraph's run-in lead); ``at`` is the
    offset there. The parser records it with ``text`` still empty; ``fill_counts`` writes the
    number in once the headings are known.
    """

    of: Counted
    block: int
    part: str
    at: int
    text: str = ""


_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


@dataclass(frozen=True)
class Document:
    kind: str
    blocks: tuple[Block, ...]
    page_numbers: PageNumbers = PageNumbers.OUTSIDE
    meta: dict[str, str] = field(default_factory=dict)
    masthead: Masthead | None = None
    imprint: Imprint | None = None
    regions: tuple[Region, ...] = ()
    counts: tuple[Count, ...] = ()

    @property
    def title(self) -> str:
        for block in self.blocks:
            if isinstance(block, Title):
                return block.text
        return ""

    @property
    def date(self) -> dt.date | None:
        """The document's own date: its 成文日期, else a speech's date line（2026年11月28日）."""
        texts = [b.date for b in self.blocks if isinstance(b, Signature)]
        texts += [line for b in self.blocks if isinstance(b, Subtitle) for line in b.lines]
        for text in texts:
            found = _DATE.search(text)
            if found:
                try:
                    return dt.date(*(int(g) for g in found.groups()))
                except ValueError:
                    continue
        return None

    def in_scope(self, index: int, scope: Scope) -> bool:
        """Whether block ``index`` lies in a region of ``scope``."""
        return any(r.scope is scope and r.start <= index < r.end for r in self.regions)


def fill_counts(doc: Document) -> Document:
    """Write each count in: the number of the main text's level-1 headings (an attachment's
    headings are its own), in Chinese words."""
    if not doc.counts:
        return doc
    main = doc.blocks
    for index, block in enumerate(doc.blocks):
        if isinstance(block, AttachmentStart):
            main = doc.blocks[:index]
            break
    level1 = cn_count(sum(1 for b in main if isinstance(b, Heading) and b.level == 1))  # 两点
    blocks = list(doc.blocks)
    counts, shift, last = [], 0, None
    for count in sorted(doc.counts, key=lambda c: (c.block, c.part, c.at)):
        shift = shift if (count.block, count.part) == last else 0
        last = (count.block, count.part)
        at = count.at + shift
        blocks[count.block] = _inserted(blocks[count.block], count.part, at, level1)
        counts.append(replace(count, at=at, text=level1))
        shift += len(level1)
    return replace(doc, blocks=tuple(blocks), counts=tuple(counts))


def _inserted(block: Block, part: str, at: int, words: str) -> Block:
    """``block`` with ``words`` inserted at ``at`` in its ``part``."""
    if part == "lead":
        assert isinstance(block, Paragraph) and block.lead is not None
        lead = block.lead
        return replace(block, lead=replace(lead, text=lead.text[:at] + words + lead.text[at:]))
    text = getattr(block, part)
    return replace(block, **{part: text[:at] + words + text[at:]})


def printed_texts(doc: Document, *, outside: Scope | None = None) -> Iterator[str]:
    """Every text the document prints — 版头, blocks, 版记 — leaving out the blocks in
    regions of ``outside`` (a batch's leak check skips the ``跨村`` ones)."""
    if doc.masthead is not None:
        m = doc.masthead
        yield from (m.mark, m.number, *m.signers, *((m.issuer, m.issued) if m.issuer else ()))
    for index, block in enumerate(doc.blocks):
        if outside is None or not doc.in_scope(index, outside):
            yield from block_texts(block)
    if doc.imprint is not None:
        yield from (doc.imprint.printer, doc.imprint.date, doc.imprint.copy_to or "")


def block_texts(block: Block) -> tuple[str, ...]:
    """The texts one block prints, in reading order."""
    match block:
        case Title(lines=lines) | Subtitle(lines=lines):
            return lines
        case Salutation(text=text) | Note(text=text):
            return (text,)
        case Heading():
            return (heading_text(block), block.body)
        case Paragraph(text=text, lead=lead):
            return (lead.text, text) if lead else (text,)
        case Table(header=header, rows=rows):
            return tuple(cell for row in (header, *rows) for cell in row)
        case AttachmentNote(items=items):
            return items
        case Signature(organs=organs, date=date):
            return (*organs, date)
        case AttachmentStart(label=label, title=title):
            return (label, title)
        case Attendance(label=label, names=names):
            return (label, names)
    raise TypeError(f"unknown block {block!r}")


def heading_text(block: Heading) -> str:
    return block.label + block.text


def dump(doc: Document) -> str:
    """A stable, human-readable text form of the model for tests and ``docgen inspect``."""
    out = [f"文种：{doc.kind}　页码：{doc.page_numbers.value}"]
    if doc.masthead is not None:
        m = doc.masthead
        signers = f"　签发人：{'、'.join(m.signers)}" if m.signers else ""
        paper = "（预印红头纸，不打印标志和分隔线）" if m.preprinted else ""
        out.append(f"版头　{m.mark}｜{m.number}{signers}{paper}")
        if m.issuer:
            out.append(f"版头　{m.issuer}｜{m.issued}")
    for block in doc.blocks:
        out.extend(_dump_block(block))
    if doc.imprint is not None:
        i = doc.imprint
        if i.copy_to:
            out.append(f"版记　抄送：{i.copy_to}")
        out.append(f"版记　{i.printer}｜{i.date}印发")
    return "\n".join(out) + "\n"


def _dump_block(block: Block) -> list[str]:
    match block:
        case Title(lines=lines):
            return [f"标题　{line}" for line in lines]
        case Subtitle(lines=lines):
            return [f"副题　{line}" for line in lines]
        case Salutation(text=text):
            return [f"称呼　{text}"]
        case Heading(level=level, body=""):
            return [f"{level}级标题　{heading_text(block)}"]
        case Heading(level=level, body=body):
            return [f"段落　〔{level}级标题：{heading_text(block)}〕{body}"]
        case Paragraph(text=text, lead=None):
            return [f"段落　{text}"]
        case Paragraph(text=text, lead=lead):
            return [f"段落　〔{lead.level}级引题：{lead.text}〕{text}"]
        case AttachmentNote():
            return [f"附件说明　{line}" for line in block.lines()]
        case Signature(organs=organs, date=date, sealed=sealed):
            mode = "盖章" if sealed else "不盖章"
            return [*(f"署名　{o}（{mode}）" for o in organs), f"成文日期　{date}"]
        case Note(text=text):
            return [f"附注　{text}"]
        case AttachmentStart(label=label, title=title):
            return [f"附件　{label}｜{title}"]
        case Attendance(label=label, names=names):
            return [f"名单　{label}：{names}"]
        case Table(header=header, rows=rows):
            turn = "（横排）" if block.landscape else ""
            lines = [f"表格　{len(header)}列×{len(rows)}行{turn}"]
            lines.append("　｜" + "｜".join(header) + "｜")
            lines.extend("　｜" + "｜".join(row) + "｜" for row in rows)
            return lines
    raise TypeError(f"unknown block {block!r}")
