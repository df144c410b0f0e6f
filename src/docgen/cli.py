"""The ``docgen`` command: thin click wrappers over the library, help in Chinese.

Sub-commands live in ``docgen.commands.*`` and are imported only when invoked, so
``docgen --help`` stays instant and never loads jieba or python-docx.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.util
import os
import sys

import click

from . import clickzh

clickzh.install()

#: name → (module, attribute, one-line help shown by ``docgen --help``)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "render": ("docgen.commands.render", "render", "由情况文件生成公文（.docx）"),
    "inspect": ("docgen.commands.render", "inspect", "显示情况文件生成的文档结构（不写文件）"),
    "demo": ("docgen.commands.render", "demo", "用自带示例生成全部文档到 outputs/"),
    "check": ("docgen.commands.check", "check", "检查公文的文字、标点、数字和术语"),
    "batch": ("docgen.commands.batch", "batch", "按村情表给每个村生成一份公文"),
    "new": ("docgen.commands.new", "new", "生成空白的情况文件、情况表（.xlsx）或村情表"),
    "convert": ("docgen.commands.new", "convert", "情况文件（.yaml）和情况表（.xlsx）互相转换"),
    "corpus": ("docgen.commands.corpus", "corpus", "整理旧讲话稿和通知：清洗、提取术语、生成提纲"),
    "templates": (
        "docgen.commands.templates",
        "templates",
        "列出、复制和检查模板，查看模板能用的字段",
    ),
}

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (module, _, _) in COMMANDS.items() if _available(module)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _available(COMMANDS[name][0]):
            return None
        module, attr, _ = COMMANDS[name]
        command = getattr(importlib.import_module(module), attr)
        _localise(command)
        return command

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """An unknown command with the nearest one ("rendr" → render): the commands are not
        imported yet, so click's own suggestion has nothing to choose from."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            near = difflib.get_close_matches(args[0], self.list_commands(ctx), n=1) if args else []
            if not near:
                raise
            raise click.UsageError(f"{exc.format_message()}是不是 {near[0]}？", ctx) from None

    def invoke(self, ctx: click.Context):
        """The last net: a refusal of the operating system that no command foresaw (an
        output folder that cannot be made, a read-only disk, a name too long) becomes a
        Chinese message naming the path, never a traceback."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # the reader of our output went away (``| more`` closed)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no flush error
            ctx.exit(1)
        except OSError as exc:
            from .placing.atomic import refusal

            raise refusal(exc) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("命令"):
                formatter.write_dl(rows)


def _localise(command: click.Command) -> None:
    """[选项] and 命令 in usage lines, for this command and its sub-commands."""
    command.options_metavar = "[选项]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "命令 [参数]..."
        for sub in command.commands.values():
            _localise(sub)


def _available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@click.group(
    cls=LazyGroup,
    context_settings=CONTEXT,
    options_metavar="[选项]",
    subcommand_metavar="命令 [参数]...",
)
@click.version_option(package_name="docgen", message="docgen %(version)s")
def main() -> None:
    """docgen：由一份情况数据生成乡镇公文（讲话稿、通知、方案等）。

    \b
    常用：
      docgen demo                         用自带示例生成文档
      docgen render speech 情况.yaml       生成讲话稿
      docgen inspect 情况.yaml             查看文档结构
    """
