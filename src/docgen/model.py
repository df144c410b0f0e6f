"""The document model between Markdown and Word: official-document concepts, nothing else.

Parsers produce it, transforms rewrite it, checks and writers read it. It knows
neither Jinja nor markdown-it tokens nor python-docx objects (see docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .chinese import heading_prefix


class PageNumbers(str, Enum):
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
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: Source | None = None


Block = Title | Subtitle | Salutation | Heading | Paragraph | Table


@dataclass(frozen=True)
class Document:
    kind: str
    blocks: tuple[Block, ...]
    page_numbers: PageNumbers = PageNumbers.OUTSIDE
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        for block in self.blocks:
            if isinstance(block, Title):
                return block.text
        return ""


def heading_text(block: Heading) -> str:
    return block.label + block.text


def dump(doc: Document) -> str:
    """A stable, human-readable text form of the model for tests and ``docgen inspect``."""
    out = [f"文种：{doc.kind}　页码：{doc.page_numbers.value}"]
    for block in doc.blocks:
        out.extend(_dump_block(block))
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
        case Table(header=header, rows=rows):
            lines = [f"表格　{len(header)}列×{len(rows)}行"]
            lines.append("　｜" + "｜".join(header) + "｜")
            lines.extend("　｜" + "｜".join(row) + "｜" for row in rows)
            return lines
    raise TypeError(f"unknown block {block!r}")
