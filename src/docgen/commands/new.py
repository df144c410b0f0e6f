"""``docgen new`` (a blank situation file, workbook or village table) and ``docgen convert``."""

from __future__ import annotations

from pathlib import Path

import click

from ..data.schema import KINDS
from ..errors import DocgenError, InputError

_FILE = click.Path(dir_okay=False, path_type=Path)
#: What ``docgen new`` makes, by the names a user may type.
_WHAT = {
    "all": "all",
    "全部": "all",
    **{kind: kind for kind in KINDS},
    **{name: kind for kind, name in KINDS.items()},
    "villages": "villages",
    "村情表": "villages",
}


@click.command(
    help="生成空白的情况文件、情况表或村情表，逐项填写后即可生成公文。\n\n"
    "\b\n类型（也可以写中文名称）：\n"
    + "".join(f"  {kind:<9}{name}\n" for kind, name in KINDS.items())
    + "  all      全部文种（默认）\n  村情表   按村生成用的村情表\n\n"
    "情况文件（.yaml）每一项都有说明和示例，可选的项以“# ”开头；"
    "加 --xlsx（或 -o 以 .xlsx 结尾）生成情况表（Excel 工作簿），每部分一张表。"
)
@click.argument("what", metavar="类型", required=False, default="all")
@click.option(
    "-o",
    "--output",
    "out",
    type=_FILE,
    help="要写出的文件（默认：情况.yaml、情况表.xlsx 或 村情表.xlsx）",
)
@click.option("--xlsx", is_flag=True, help="生成情况表（.xlsx 工作簿）而不是 .yaml 情况文件")
@click.option(
    "--data",
    type=_FILE,
    metavar="情况文件",
    help="村情表：按情况文件（或情况表）的【指标】生成指标列",
)
@click.option("--force", is_flag=True, help="覆盖已有的文件")
def new(what: str, out: Path | None, xlsx: bool, data: Path | None, force: bool) -> None:
    kind = _WHAT.get(what)
    if kind is None:
        raise click.BadParameter(
            f"“{what}”不是可生成的类型，可选：{'、'.join(_WHAT)}", param_hint="类型"
        )
    if kind == "villages":
        _villages(out or Path("村情表.xlsx"), data, force)
        return
    if data is not None:
        raise click.BadParameter(
            "--data 只用于生成村情表（docgen new 村情表）", param_hint="--data"
        )
    workbook = xlsx or (out is not None and out.suffix.lower() in (".xlsx", ".xlsm"))
    out = out or Path("情况表.xlsx" if workbook else "情况.yaml")
    if workbook and out.suffix.lower() != ".xlsx":
        raise InputError(f"情况表要保存为 .xlsx：{out.name}")
    if not workbook and out.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(f"情况文件要保存为 .yaml：{out.name}（要生成工作簿请加 --xlsx）")
    _write(out, _workbook(kind) if workbook else _skeleton(kind), force)
    click.echo(str(out))


def _skeleton(kind: str) -> bytes:
    from ..data.yamlwrite import skeleton

    return skeleton(kind).encode("utf-8")


def _workbook(kind: str) -> bytes:
    from ..data.schema import REQUIRED_SECTIONS
    from ..data.workbook_write import situation_workbook

    sections = None if kind == "all" else ("乡镇", "主题", *REQUIRED_SECTIONS[kind])
    data, _ = situation_workbook(None, sections)
    return data


def _villages(out: Path, data: Path | None, force: bool) -> None:
    from ..data.load import load_situation
    from ..villages.blank import blank_workbook

    if out.suffix.lower() != ".xlsx":
        raise InputError(f"村情表要保存为 .xlsx：{out.name}")
    indicators = load_situation(data).situation.indicators or () if data else ()
    _write(out, blank_workbook(indicators), force)
    click.echo(str(out))


def _write(out: Path, data: bytes, force: bool) -> None:
    from ..placing.atomic import write_atomic

    if out.exists() and not force:
        raise DocgenError(f"{out} 已存在，没有覆盖。请换一个文件名（-o），或加 --force 覆盖。")
    write_atomic(out, data)


@click.command(
    help="情况文件（.yaml）和情况表（.xlsx）互相转换，内容不变。\n\n"
    "例：docgen convert 情况.yaml 情况表.xlsx；docgen convert 情况表.xlsx 情况.yaml。"
    "没填完的文件也可以转换。"
)
@click.argument("source", metavar="原文件", type=_FILE)
@click.argument("target", metavar="新文件", type=_FILE)
@click.option("--force", is_flag=True, help="覆盖已有的文件")
def convert(source: Path, target: Path, force: bool) -> None:
    from ..data.convert import convert_bytes, form_of

    forms = form_of(source), form_of(target)
    if None in forms or forms[0] == forms[1]:
        raise InputError(
            f"无法转换：{source.name} → {target.name}",
            advice="一个是情况文件（.yaml），另一个是情况表（.xlsx），按文件的扩展名判断转换方向。",
        )
    _write(target, convert_bytes(source), force)
    click.echo(f"已转换 {source} → {target}")
    if source.resolve().parent != target.resolve().parent:
        click.echo(
            "提示：两个文件不在同一个文件夹，【单位设置】的路径是从文件所在的文件夹算起的，请核对。"
        )
