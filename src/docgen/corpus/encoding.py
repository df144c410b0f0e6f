"""Decode scraped corpus files, telling GBK from Big5 by which reading looks like Chinese."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import InputError, Problem
from docgen.limits import TEXT_FILE
from docgen.textio import decode_bytes, normalise_newlines

# Characters frequent in any Chinese prose, in both scripts. A correct decoding is full of
# them; GBK bytes read as Big5 (or the reverse) give mostly rare characters and symbols.
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两"
    "体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线"
    "内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并"
    "提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见"
    "计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七"
    "海口东导器压志世金增争济阶思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身"
    "车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石"
    "记需段研界林律且究观越织装影算低持音众书布复容儿须际商非验连断深难近千周委素技备半办青省列习"
    "响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存候亲快效院查江型按格养易置派"
    "层片始却专状育厂京识适属包火住调满县局照参红细引听该价严镇乡村"
    "這為個國們時來說產種後過對會發動與關從業當點還應開頭實現體經進學"
    "問題黨員長見計區將給處導東無權收證條務達話記團歷縣鄉鎮報總義議讓",
)
_BIG5 = "cp950"  # Microsoft's Big5, what Taiwanese and Hong Kong sites actually serve
_GBK = "gb18030"  # a superset of GBK and GB2312
_NAMES = {_BIG5: "Big5", _GBK: "GBK"}


@dataclass(frozen=True)
class Decoded:
    """A corpus file's text, the encoding it was read in, and whether bytes were lost."""

    text: str
    encoding: str
    lossy: bool = False


def read_corpus_file(path: Path) -> Decoded:
    """Read one raw corpus file in UTF-8 (with or without BOM), UTF-16, GBK or Big5."""
    path = Path(path)
    try:
        if path.stat().st_size > TEXT_FILE.value:
            raise _refused(path, f"文件太大（{TEXT_FILE.shown()}）")
        data = path.read_bytes()
    except OSError:
        raise _refused(path, "读取失败：文件不存在、是文件夹，或没有读取权限") from None
    if _binary(data):
        raise _refused(path, "这不是文本文件（像是图片、压缩包或 Word 文件）")
    return decode_corpus(data, path)


def _refused(path: Path, message: str) -> InputError:
    hint = "旧稿请先存为纯文本（.txt，UTF-8 或 GBK 编码）再整理"
    return InputError(f"无法读取文件：{path.name}", [Problem(path.name, message, hint=hint)])


#: Bytes that never occur in text of any of the encodings read here (UTF-16 has a BOM).
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))


def _binary(data: bytes) -> bool:
    """A NUL, or more than one byte in fifty a control character: not a text file."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    head = data[:65536]
    return b"\x00" in head or sum(head.count(bytes([b])) for b in _CONTROL) * 50 > len(head)


def decode_corpus(data: bytes, path: Path | str = "") -> Decoded:
    """Pick the encoding: BOM or valid UTF-8 first, else the better of GBK and Big5."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(normalise_newlines(decode_bytes(data, path)), "UTF-8/UTF-16（带 BOM）")
    try:
        return Decoded(normalise_newlines(data.decode("utf-8")), "UTF-8")
    except UnicodeDecodeError:
        pass
    strict: list[tuple[float, str, str]] = []
    for encoding in (_GBK, _BIG5):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        strict.append((_score(text), encoding, text))
    if strict:
        # GBK wins ties: it is by far the commoner source on mainland sites.
        best = max(strict, key=lambda item: (item[0], item[1] == _GBK))
        return Decoded(normalise_newlines(best[2]), _NAMES[best[1]])
    # Nothing decodes cleanly: mixed encodings. Keep what can be read, mark the rest (U+FFFD).
    lossy = [(data.decode(enc, errors="replace"), enc) for enc in ("utf-8", _GBK, _BIG5)]
    text, encoding = max(lossy, key=lambda item: _score(item[0]) - item[0].count("\ufffd"))
    name = {"utf-8": "UTF-8"}.get(encoding, _NAMES.get(encoding, encoding))
    return Decoded(normalise_newlines(text), f"{name}（混有无法解码的字节）", lossy=True)


def _score(text: str) -> float:
    """Share of the non-ASCII characters that are common Chinese characters."""
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return 0.0
    return sum(c in _COMMON for c in wide) / len(wide)
