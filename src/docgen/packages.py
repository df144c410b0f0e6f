"""A .docx or .xlsx looked at before a library opens it: a zip archive of a sane size.

python-docx and openpyxl read whatever a zip holds; a damaged file or a "zip bomb" (a few
kilobytes that unpack to gigabytes) must stop here, with a message naming the file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import InputError, Problem
from .limits import PACKED_FILE, UNPACKED


def check_package(path: Path, what: str, hint: str) -> None:
    """Raise InputError unless ``path`` is a zip archive within the size limits.

    ``what`` names the kind of file in the message (工作簿, Word 文件); ``hint`` says what to do.
    """

    gap = " " if what[:1].isascii() else ""  # 无法读取 .xlsx 工作簿, 无法读取工作簿

    def refuse(message: str) -> InputError:
        summary = f"无法读取{gap}{what}：{path.name}"
        return InputError(summary, [Problem(path.name, message, hint=hint)])

    try:
        size = path.stat().st_size
        if size > PACKED_FILE.value:
            raise refuse(f"文件太大（{PACKED_FILE.shown()}）")
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except FileNotFoundError:
        raise refuse("找不到这个文件") from None
    except IsADirectoryError:
        raise refuse("这是一个文件夹，不是文件") from None
    except PermissionError:
        raise refuse("没有权限读取这个文件（是否正被其他程序独占打开？）") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise refuse(f"不是有效的{gap}{what}（文件已损坏，或不是这种格式）") from None
    if unpacked > UNPACKED.value:
        raise refuse(f"文件解压后过大（{UNPACKED.shown()}），可能已损坏或被篡改")
