"""``docgen templates``: list, copy and check templates, the field reference; options only."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..clickzh import pad
from ..data.schema import KINDS

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

_folder_option = click.option(
    "--templates",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="文件夹",
    help="本单位的模板文件夹（默认：--data 所给情况文件旁的 templates 文件夹；"
    "没有 --data 时为当前文件夹中的 templates）",
)
_data_option = click.option(
    "--data",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="情况文件",
    help="情况文件：使用它旁边的 templates 文件夹，与 docgen render 相同",
)


@click.group(context_settings=CONTEXT)
def templates() -> None:
    """列出、复制和检查模板，查看模板能用的字段和处理方法。

    \b
    常用：
      docgen templates list                   各文种正在使用的模板
      docgen templates copy speech            复制讲话稿模板到 templates 文件夹修改
      docgen templates check                  检查本单位的模板
      docgen templates fields                 模板能用的字段和处理方法

    模板的写法见 docs/模板编写指南.md。
    """


@templates.command("list")
@_folder_option
@_data_option
def list_templates(folder: Path | None, data: Path | None) -> None:
    """列出各文种正在使用的模板：本单位修改过的，或内置的，以及文件的位置。"""
    from ..template_tools.workspace import in_effect, override_of, stray_reminders, workspace_folder

    place = workspace_folder(folder, data)
    override = override_of(place)
    state = "" if override else "（没有这个文件夹，全部使用内置模板）"
    click.echo(f"本单位模板文件夹：{place}{state}")
    for item in in_effect(override):
        what = KINDS.get(item.kind or "", "组成部分")
        origin = "本单位" if item.own else "内置"
        click.echo(f"  {item.name:<16}{pad(what, 10)}{pad(origin, 8)}{item.path}")
    for line in stray_reminders(override):
        click.echo(line, err=True)


@templates.command("copy")
@click.argument("name", metavar="名称")
@click.argument("target", metavar="[文件夹]", required=False, type=click.Path(path_type=Path))
@click.option("--parts", is_flag=True, help="同时复制这个模板引用的组成部分（_ 开头的文件）")
@click.option(
    "--force", is_flag=True, help="覆盖已有的文件（改过的原文件先备份为“文件名.备份-时间.bak”）"
)
@_data_option
def copy_template(
    name: str, target: Path | None, parts: bool, force: bool, data: Path | None
) -> None:
    """把内置模板复制出来修改，之后生成时优先使用复制出的模板。

    名称可以是文种（speech、讲话稿）或文件名（_shared.md）。文件夹默认是 templates
    （有 --data 时是情况文件旁的 templates）。已有的文件不会被覆盖，除非加 --force。
    """
    from ..template_tools.lint import Templates, family_of
    from ..template_tools.workspace import copy_templates, known, workspace_folder

    file = known(name)
    folder = target or workspace_folder(None, data)
    used = family_of(file, Templates(None))[1:]
    for copied in copy_templates([file, *used] if parts else [file], folder, force=force):
        click.echo(f"已复制：{copied.target}")
        if copied.backup:
            click.echo(f"  原来的文件已备份为：{copied.backup.name}")
    left = [n for n in used if not parts]
    if left:
        click.echo(
            f"这个模板还用到 {'、'.join(left)}（仍用内置的；要修改其中的文字，"
            f"加 --parts 复制，或 docgen templates copy {left[0]}）。"
        )
    click.echo(
        f"之后生成时优先使用 {folder} 中的模板（情况文件要放在它的上一级文件夹，"
        "或用 --templates 指定它）。修改后请运行 docgen templates check 检查。"
    )


@templates.command("check")
@click.argument("names", metavar="[名称]...", nargs=-1)
@_folder_option
@_data_option
def check_templates(names: tuple[str, ...], folder: Path | None, data: Path | None) -> None:
    """检查模板，一次列出全部问题（文件:行:列）。

    不给名称时检查全部文种正在使用的模板。检查语法（条件、循环没有结束时指出它开始的行）、
    写错的字段和处理方法（给出最接近的写法）、全角括号、区块、公文不用的写法（列表、引用等）、
    不能删去的部分（开头的设置、标题、称呼、落款、版记）。有错误时退出码为 1。
    """
    from ..template_tools.lint import check
    from ..template_tools.workspace import known, override_of, workspace_folder

    for name in names:
        known(name)
    override = override_of(workspace_folder(folder, data))
    found = check(names, override)
    for finding in found:
        click.echo(finding.problem().format())
    errors = sum(f.error for f in found)
    notes = len(found) - errors
    where = (
        f"（本单位模板：{override}）"
        if override
        else "（没有找到本单位的 templates 文件夹，只检查了内置模板）"
    )
    click.echo(f"模板检查完毕{where}：错误 {errors} 处，提醒 {notes} 处。", err=True)
    if errors:
        sys.exit(1)


@templates.command("fields")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="文件",
    help="写到这个文件（如 docs/模板字段.md），不写则打印出来",
)
def fields(output: Path | None) -> None:
    """列出模板能用的全部字段（名称、类型、含义、示例）和处理方法，取自程序本身。"""
    from ..template_tools.reference import reference_markdown

    text = reference_markdown()
    if output is None:
        click.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8", newline="\n")
    click.echo(f"已写出 {output}")
