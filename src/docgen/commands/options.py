"""Options several commands share, defined once so their names and help read the same."""

from __future__ import annotations

from pathlib import Path

import click

output = click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="文件夹",
    default=Path("outputs"),
    show_default=True,
    help="输出文件夹",
)
templates = click.option(
    "--templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    metavar="文件夹",
    help="工作区模板文件夹（默认：情况文件旁的 templates 文件夹，如有）",
)
force = click.option("--force", is_flag=True, help="覆盖生成后被人修改过的文件（先备份原文件）")
pdf = click.option(
    "--pdf", is_flag=True, help="同时用 LibreOffice 导出 PDF（需已安装 LibreOffice）"
)
ignore = click.option(
    "--ignore",
    multiple=True,
    metavar="代码",
    help="本次不检查某条规则（如确认是误报）：--ignore TY01，可多次；"
    "长期关闭请写进单位设置的【检查】",
)
