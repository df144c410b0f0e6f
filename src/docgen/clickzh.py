"""Chinese for click's own words (Usage:, Options, "No such option", INTEGER, [required] …).

click marks its messages for gettext but ships no Chinese catalogue, and installing a
.mo file on a clerk's PC is not practical. docgen is the whole process when its CLI runs,
so the CLI swaps click's module-level ``_``/``ngettext`` for a lookup in this table, names
click's parameter types in Chinese (their names are the metavars: 整数, not INTEGER), and
lays help out by display width, so Chinese text wraps between characters and never inside
a word such as ``minutes``. Anything not listed stays as click wrote it.
"""

from __future__ import annotations

import importlib
import re
import unicodedata

import click

MESSAGES = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "输入“{command} {option}”查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有“{name}”这个命令。",
    "No such option {name!r}.": "没有“{name}”这个选项。",
    "Option {name!r} does not take a value.": "选项“{name}”后面不需要填写值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Aborted!": "已取消。",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是文件夹，应为文件。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是文件，应为文件夹。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”无法读取。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”无法写入。",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "default: {default}": "默认：{default}",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的{number_type}。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "required": "必填",
    "(dynamic)": "（运行时决定）",
    "env var: {var}": "环境变量：{var}",
    "{value} is not in the range {range}.": "{value} 不在允许的范围内（{range}）。",
    "{value!r} is not a valid UUID.": "“{value}”不是有效的编号。",
    "Value must be an iterable.": "应填写多个值。",
    "Argument {name!r} takes {nargs} values.": "参数“{name}”要填写 {nargs} 个值。",
    "Repeat for confirmation": "请再输入一次确认",
    "Error: The two entered values do not match.": "错误：两次输入的不一致。",
    "Error: invalid input": "错误：输入无效",
    "Do you want to continue?": "要继续吗？",
    "Confirm the action without prompting.": "不询问，直接执行。",
    "unknown error": "未知错误",
}
PLURALS = {
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项“{name}”后面要填写值。",
    "{value!r} is not {choice}.": "“{value}”不是可选的值：{choice}。",
    "Did you mean {possibility}?": "是不是 {possibility}？",
}
PLURAL_FORMS = {
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires {nargs} arguments.": "选项“{name}”后面要填写 {nargs} 个值。",
    "{value!r} is not one of {choices}.": "“{value}”不是可选的值，可选：{choices}。",
    "(Did you mean one of: {possibilities}?)": "（是不是其中之一：{possibilities}？）",
}
_MODULES = ("core", "formatting", "exceptions", "parser", "decorators", "types", "termui")

#: click's parameter types by their Chinese names: a type's name is its metavar in help
#: ("-j, --jobs 整数") and its word in errors ("“x”不是有效的整数。").
TYPE_NAMES = {
    "StringParamType": "文字",
    "IntParamType": "整数",
    "IntRange": "整数",
    "FloatParamType": "数字",
    "FloatRange": "数字",
    "BoolParamType": "是或否",
    "UUIDParameterType": "编号",
    "DateTime": "日期时间",
    "File": "文件",
    "Choice": "选项",
    "Tuple": "多个值",
}


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    if n == 1:
        return PLURALS.get(singular, singular)
    return PLURAL_FORMS.get(plural, plural)


# --- layout by display width --------------------------------------------------------------

#: Characters a line should not begin with (避头): closing punctuation.
_NO_START = set("，。、；：？！）》」』】”’…·%％")
_CHUNK = re.compile(r"\s+|[\x21-\x7e]+|.", re.S)


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: two for a Chinese character, one for ASCII."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` display columns."""
    return text + " " * max(0, width - display_width(text))


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Lines of at most ``width`` columns: breaks between Chinese characters or at spaces,
    never inside an ASCII word (a command or file name), no line opening with 。 or ，."""
    lines: list[str] = []
    line: list[str] = []
    for chunk in _CHUNK.findall(" ".join(text.split("\n"))):
        if chunk.isspace():
            if not line:
                continue
            chunk = " "
        if not line or display_width(indent + "".join(line) + chunk) <= width:
            line.append(chunk)
            continue
        carried = [chunk]
        while carried[0][0] in _NO_START and len(line) > 1 and not line[-1].isspace():
            carried.insert(0, line.pop())  # keep closing punctuation with what it closes
        lines.append(indent + "".join(line).rstrip())
        line = [] if carried == [" "] else carried
    if "".join(line).strip():
        lines.append(indent + "".join(line).rstrip())
    return lines


def _paragraphs(text: str) -> list[tuple[str, bool, str]]:
    """(indent, keep as written, text) per paragraph, as click reads a help text: a blank
    line separates paragraphs, a line holding only ``\\b`` keeps the next one unwrapped."""
    found = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        rows = block.split("\n")
        if rows[0].strip() == "\b":
            found.append(("", True, "\n".join(rows[1:])))
            continue
        indent = rows[0][: len(rows[0]) - len(rows[0].lstrip())]
        found.append((indent, False, _join_lines(row.strip() for row in rows)))
    return found


def _join_lines(rows) -> str:
    """Lines of one paragraph joined: no space between two Chinese characters."""
    text = ""
    for row in rows:
        if text and row:
            wide = display_width(text[-1]) == 2 or display_width(row[0]) == 2
            text += "" if wide else " "
        text += row
    return text


class ChineseFormatter(click.HelpFormatter):
    """click's help layout measured in display columns, with ``用法：`` for ``Usage:``."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="用法：")
        self.buffer[-1] = self.buffer[-1].replace("用法： ", "用法：", 1)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        blocks = []
        for extra, raw, body in _paragraphs(text):
            if raw:
                blocks.append("\n".join(indent + row for row in body.split("\n")))
            else:
                blocks.append("\n".join(wrap(body, self.width, indent + extra)))
        self.write("\n\n".join(blocks) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((display_width(r[0]) for r in rows), default=0), col_max)
        first_col += col_spacing
        text_width = max(self.width - first_col - 2 - self.current_indent, 10)
        for first, second in rows:
            self.write(" " * self.current_indent + first)
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = [row for _, _, body in _paragraphs(second) for row in wrap(body, text_width)]
            self.write((lines[0] if lines else "") + "\n")
            for row in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + row + "\n")


class Choice(click.Choice):
    """A choice shown with its Chinese values that also takes older spellings (``text``)."""

    def __init__(self, choices: list[str], aliases: dict[str, str] | None = None) -> None:
        super().__init__(choices)
        self.aliases = aliases or {}

    def convert(self, value, param, ctx):
        return super().convert(self.aliases.get(value, value), param, ctx)


# --- errors ---------------------------------------------------------------------------------


def _quoted(names) -> str:
    return " / ".join(f"“{n}”" for n in names)


def _parameter_hint(self, ctx=None) -> str:
    return _quoted(self.opts or [self.human_readable_name])


def _argument_hint(self, ctx=None) -> str:
    return _quoted([self.make_metavar(ctx) if ctx is not None else self.human_readable_name])


def _missing_message(self) -> str:
    """``缺少参数“情况文件”。`` instead of ``Missing argument '情况文件'.``."""
    hint = self.param_hint
    if hint is None and self.param is not None:
        hint = self.param.get_error_hint(self.ctx)
    elif hint is not None and not isinstance(hint, str):
        hint = _quoted(hint)
    kind = self.param_type or (self.param.param_type_name if self.param else None)
    missing = {"argument": "缺少参数", "option": "缺少选项"}.get(kind or "", "缺少参数")
    extra = self.param.type.get_missing_message(self.param, self.ctx) if self.param else None
    text = f"{missing}{hint or ''}。"
    if self.message:
        text += self.message
    return text + (f"{extra}" if extra else "")


def install() -> None:
    """Point click's message lookups at the Chinese table and name its types in Chinese
    (idempotent)."""
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural
    for type_name, chinese in TYPE_NAMES.items():
        kind = getattr(click.types, type_name, None)
        if kind is not None:
            kind.name = chinese
    click.core.Parameter.get_error_hint = _parameter_hint
    click.core.Argument.get_error_hint = _argument_hint
    click.exceptions.MissingParameter.format_message = _missing_message
    click.Context.formatter_class = ChineseFormatter
