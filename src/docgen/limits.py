"""Every limit docgen enforces on its inputs, in one place (docs/保障.md lists them).

Each is far above what a township's real work needs and far below what would make a PC hang
or run out of memory; crossing one is an error in Chinese that names the limit and the place.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """A bound with its value and the words a clerk reads when it is crossed."""

    value: int
    what: str  # what is counted, in Chinese: "文件大小"
    unit: str  # its unit: "MB", "层", "个字"

    def shown(self) -> str:
        amount = self.value // MB if self.unit == "MB" else self.value
        return f"{self.what}不超过{amount}{self.unit}"


#: A text file read as input: situation file, office profile, template, text to check.
TEXT_FILE = Limit(20 * MB, "文件大小", "MB")
#: A workbook or .docx, as stored (compressed).
PACKED_FILE = Limit(100 * MB, "文件大小", "MB")
#: The same once unpacked: a few-kilobyte file that unpacks to gigabytes is a "zip bomb".
UNPACKED = Limit(500 * MB, "解压后的大小", "MB")
#: Nesting of a YAML file: a situation file needs about five levels.
YAML_DEPTH = Limit(40, "嵌套层数", "层")
#: Items (values, lists, mappings) of one YAML file.
YAML_NODES = Limit(200_000, "项目总数", "项")
#: Characters of one text value (a problem, a measure, a name).
FIELD_CHARS = Limit(20_000, "一项文字的长度", "个字")
#: Significant digits of a number typed in the data.
NUMBER_DIGITS = Limit(15, "数字的有效位数", "位")
#: Rows of one sheet of a workbook (a county has a few thousand villages).
SHEET_ROWS = Limit(100_000, "每张表的行数", "行")
#: Characters one template may produce for one document (a long plan is about 30,000).
TEMPLATE_OUTPUT = Limit(2_000_000, "模板生成的文字", "个字")
#: Items a template's ``range()`` calls may produce in one document, all calls together.
TEMPLATE_RANGE = Limit(100_000, "模板中 range() 产生的项数", "项")
#: Characters (or items) of a value a template computes by ``*`` or ``+``.
TEMPLATE_VALUE = Limit(1_000_000, "模板算出的一个值的长度", "个字")
#: Digits of a number a template computes (``**`` can make millions in an instant).
TEMPLATE_DIGITS = Limit(100, "模板算出的数字位数", "位")
#: Seconds one template may take for one document.
TEMPLATE_SECONDS = Limit(20, "模板生成一份文档的时间", "秒")
