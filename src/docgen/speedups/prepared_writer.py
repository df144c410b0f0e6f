"""Many documents of one layout: the Word package built once, its parts compressed once.

``docgen.word.writer.docx_bytes`` builds the package with python-docx (tens of
milliseconds) and zips every part for each document. A batch of a thousand villages does
that once here: the shared parts' ZIP entries (local headers, compressed data, directory
records) are bytes prepared in advance, each document adds only its own two parts, and the
blocks every village's document repeats (the same headings, 落款, paragraphs) are turned
into XML once. The bytes are exactly ``docx_bytes``'s (tests/test_speedups.py).
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from functools import lru_cache

from ..layout import LayoutProfile
from ..model import Block, Document, Imprint, PageNumbers
from ..word.archive import ENTRY_TIME, EXTERNAL_ATTR, OWN_LEVEL, STATIC_LEVEL
from ..word.package import Package, build_package
from ..word.writer import DocxWriter

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_VERSION = 20  # ZIP 2.0 (deflate), made on MS-DOS: what zipfile writes with create_system 0
_DEFLATE = 8
_UTF8_NAME = 0x800
_YEAR, _MONTH, _DAY, _HOUR, _MINUTE, _SECOND = ENTRY_TIME
_DOS = (_HOUR << 11 | _MINUTE << 5 | _SECOND // 2, (_YEAR - 1980) << 9 | _MONTH << 5 | _DAY)
#: Blocks kept turned into XML per writer, at most (a county's batch repeats a few hundred).
MEMO_LIMIT = 20000


class PreparedWriter:
    """Writes documents of one profile and page-number style, prepared once."""

    def __init__(self, profile: LayoutProfile, page_numbers: PageNumbers) -> None:
        package = build_package(profile, page_numbers)
        self._writer = _MemoWriter(profile, package)
        self._static = _StaticEntries(package)

    def docx(self, doc: Document, created: dt.datetime) -> bytes:
        return self._static.archive(self._writer.own_parts(doc, created))


@lru_cache(maxsize=8)
def prepared_writer(profile: LayoutProfile, page_numbers: PageNumbers) -> PreparedWriter:
    """One prepared writer per layout in a process (forked workers inherit the parent's)."""
    return PreparedWriter(profile, page_numbers)


class _MemoWriter(DocxWriter):
    """A writer that turns each position-independent block (and each 版记) into XML once."""

    def __init__(self, profile: LayoutProfile, package: Package) -> None:
        super().__init__(profile, package)
        self._memo: dict[Block | Imprint, str] = {}

    def imprint_xml(self, imprint: Imprint) -> str:
        xml = self._memo.get(imprint)
        if xml is None:
            xml = self._memo[imprint] = super().imprint_xml(imprint)
        return xml

    def pure_block_xml(self, block: Block) -> str:
        xml = self._memo.get(block)
        if xml is None:
            xml = super().pure_block_xml(block)
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            self._memo[block] = xml
        return xml


class _StaticEntries:
    """The shared parts' ZIP entries, compressed once; ``archive`` appends a document's own."""

    def __init__(self, package: Package) -> None:
        pieces, centrals, offset = [], [], 0
        for name, data in package.parts.items():
            local, fields = _entry(name, data, STATIC_LEVEL)
            centrals.append(_central(fields, offset))
            pieces.append(local)
            offset += len(local)
        self._prefix = b"".join(pieces)
        self._central = b"".join(centrals)
        self._count = len(package.parts)

    def archive(self, parts: list[tuple[str, bytes]]) -> bytes:
        out = [self._prefix]
        centrals = [self._central]
        offset = len(self._prefix)
        for name, data in parts:
            local, fields = _entry(name, data, OWN_LEVEL)
            centrals.append(_central(fields, offset))
            out.append(local)
            offset += len(local)
        directory = b"".join(centrals)
        count = self._count + len(parts)
        out.append(directory)
        out.append(_END.pack(0x06054B50, 0, 0, count, count, len(directory), offset, 0))
        return b"".join(out)


def _entry(name: str, data: bytes, level: int) -> tuple[bytes, tuple]:
    """A local header with the compressed data, and the fields its directory record needs."""
    raw = name.encode("utf-8")
    flags = 0 if raw.isascii() else _UTF8_NAME
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    body = packer.compress(data) + packer.flush()
    crc = zlib.crc32(data)
    header = _LOCAL.pack(
        0x04034B50, _VERSION, flags, _DEFLATE, *_DOS, crc, len(body), len(data), len(raw), 0
    )
    return header + raw + body, (flags, crc, len(body), len(data), raw)


def _central(fields: tuple, offset: int) -> bytes:
    flags, crc, compressed, size, raw = fields
    record = _CENTRAL.pack(
        0x02014B50,
        _VERSION,
        _VERSION,
        flags,
        _DEFLATE,
        *_DOS,
        crc,
        compressed,
        size,
        len(raw),
        0,
        0,
        0,
        0,
        EXTERNAL_ATTR,
        offset,
    )
    return record + raw
