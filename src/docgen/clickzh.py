"""Chinese for click's own words (Usage:, Options, "No such option" …).

click marks its messages for gettext but ships no Chinese catalogue, and installing a
.mo file on a clerk's PC is not practical. docgen is the whole process when its CLI runs,
so the CLI swaps click's module-level ``_``/``ngettext`` for a lookup in this table;
anything not listed stays as click wrote it.
"""

from __future__ import annotations

import importlib

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


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    if n == 1:
        return PLURALS.get(singular, singular)
    return PLURAL_FORMS.get(plural, plural)


class ChineseFormatter(click.HelpFormatter):
    """``用法：docgen …`` without the space click puts after an ASCII colon."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="用法：")
        self.buffer[-1] = self.buffer[-1].replace("用法： ", "用法：", 1)


def install() -> None:
    """Point click's message lookups at the Chinese table (idempotent)."""
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural
    click.Context.formatter_class = ChineseFormatter
