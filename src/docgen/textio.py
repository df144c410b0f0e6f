"""Read text files as a Windows clerk saves them (UTF-8, UTF-16 or GBK) without guessing wrong."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from docgen.errors import InputError, Problem, yaml_where
from docgen.limits import TEXT_FILE

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Control characters other than \t \n \r, plus private-use code points: real text has neither,
# while bytes of another encoding read as GB18030 often produce them.
_IMPLAUSIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]")
_SAVE_AS_UTF8 = "请用记事本打开这个文件，点“文件 → 另存为”，编码选择 UTF-8，保存后重新运行"


def read_text(path: Path) -> str:
    """Return the file's text with ``\\n`` line ends; raise InputError if it cannot be read."""
    path = Path(path)
    try:
        if path.stat().st_size > TEXT_FILE.value:
            raise _unreadable(
                path,
                None,
                f"文件太大（{TEXT_FILE.shown()}）",
                "请确认给出的是情况文件、模板或要检查的文稿，而不是其他文件",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise _unreadable(
            path, None, "找不到这个文件", "请检查文件名和所在文件夹是否写对"
        ) from None
    except IsADirectoryError:
        raise _unreadable(
            path, None, "这是一个文件夹，不是文件", "请给出文件夹里的具体文件"
        ) from None
    except PermissionError:
        raise _unreadable(
            path, None, "没有权限读取这个文件", "请确认文件没有被其他程序（如 WPS、Word）独占打开"
        ) from None
    except OSError as exc:
        raise _unreadable(path, None, f"读取失败（{exc.strerror or exc}）", "") from None
    _not_an_office_file(path, data)
    return normalise_newlines(decode_bytes(data, path))


#: The first bytes of files a clerk may give where a text file is wanted, and what they are.
_OFFICE_SIGNATURES = (
    (b"PK\x03\x04", "Word、Excel 或 WPS 保存的文件（.docx、.xlsx 这类，实为压缩包）"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Word 或 Excel 文件（.doc、.xls）"),
    (b"%PDF", "PDF 文件"),
)


def _not_an_office_file(path: Path, data: bytes) -> None:
    """A Word or Excel file given where text is read: say what it is, not "cannot decode —
    save it as UTF-8 in Notepad", advice that would damage the file."""
    for signature, what in _OFFICE_SIGNATURES:
        if data.startswith(signature):
            raise _unreadable(
                path,
                None,
                f"这是{what}，不是文本文件",
                "情况文件是 .yaml 或 .xlsx（用 docgen new 生成）；要检查 Word 文件请用 "
                "docgen check；模板和文稿是 .md 或 .txt 文本文件",
            )


def decode_bytes(data: bytes, path: Path | str) -> str:
    """Decode by BOM, else strict UTF-8, else GB18030 if the result looks like Chinese text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise _undecodable(path, data, None) from None
            return text.removeprefix("\ufeff")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        # NUL never occurs in text: this is UTF-16 without a BOM, or not a text file at all.
        if "\x00" not in text:
            return text
        raise _undecodable(path, data, data.index(b"\x00"))
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise _undecodable(path, data, first_bad) from None
    if _CJK.search(text) and not _IMPLAUSIBLE.search(text):
        return text
    raise _undecodable(path, data, first_bad)


def normalise_newlines(text: str) -> str:
    """Turn Windows (CRLF) and old Mac (CR) line ends into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _undecodable(path: Path | str, data: bytes, offset: int | None) -> InputError:
    if offset is None:  # a UTF-16/32 file: byte offsets do not map onto lines
        return _unreadable(path, None, "无法识别文件的文字编码（文件内容已损坏）", _SAVE_AS_UTF8)
    line = data[:offset].count(b"\n") + 1
    return _unreadable(
        path,
        line,
        f"无法识别文件的文字编码（第{line}行起有无法识别的字节），不是 UTF-8，也不是 GBK",
        _SAVE_AS_UTF8,
    )


def _unreadable(path: Path | str, line: int | None, message: str, hint: str) -> InputError:
    name = Path(path).name
    return InputError(
        f"无法读取文件：{name}", [Problem(where=yaml_where(path, line), message=message, hint=hint)]
    )
