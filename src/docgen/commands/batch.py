"""``docgen batch`` (one document per village): option parsing only."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import DocgenError
from ..kinds import KIND_LIST
from . import options
from .render import unused_templates

_KIND_HELP = KIND_LIST
_FILE = click.Path(dir_okay=False, path_type=Path)


class _Progress:
    """A bar on a terminal, one plain line per village otherwise (logs, CI)."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.bar = None

    def __call__(self, result, done: int, total: int) -> None:
        if self.tty:
            if self.bar is None:
                self.bar = click.progressbar(length=total, label="生成中", file=sys.stderr)
            self.bar.update(1)
            if done == total:
                self.bar.render_finish()
            return
        state = "有误" if result.problems else "完成"
        click.echo(f"[{done}/{total}] {result.village} {state}", err=True)


@click.command(
    help=f"按村情表给每个村生成一份公文（只含本村的数字和问题）。文种可用：{_KIND_HELP}。\n\n"
    "先检查村情表的每一行，有错误时不写任何文件；--skip-invalid 时生成没有问题的村并列出跳过的村"
    "（两种情况退出码都是 1）。生成后被人修改过的文件不会被覆盖，除非加 --force（先备份）。"
)
@click.argument("kind", metavar="文种")
@click.argument("data", metavar="情况文件", type=_FILE)
@click.option(
    "--villages",
    "villages",
    required=True,
    type=_FILE,
    metavar="村情表",
    help="村情表（.xlsx 或 .csv），见 docs/villages.md；docgen new 村情表 生成空白表",
)
@options.output
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="同时使用的进程数（多核电脑可设为核数）",
)
@options.templates
@options.pdf
@options.force
@click.option("--skip-invalid", is_flag=True, help="跳过有错误的村，生成其余的村")
@click.option(
    "--village",
    "only",
    multiple=True,
    metavar="村名",
    help="只生成这个村的（可多次给出）；不给出时生成全部村",
)
@click.option(
    "--resume",
    is_flag=True,
    help="接着上次被中断（关机、断电、强行结束）的同一批生成，已做好的村不再重做",
)
@click.option("--no-check", is_flag=True, help="不做文字检查（更快；串村检查照常进行）")
@options.ignore
def batch(
    kind: str,
    data: Path,
    villages: Path,
    out_dir: Path,
    jobs: int,
    templates: Path | None,
    pdf: bool,
    force: bool,
    skip_invalid: bool,
    only: tuple[str, ...],
    resume: bool,
    no_check: bool,
    ignore: tuple[str, ...],
) -> None:
    from ..pipeline import Options, run_batch

    choices = Options(
        templates=templates,
        check=not no_check,
        ignore=ignore,
        pdf=pdf,
        force=force,
        skip_invalid=skip_invalid,
        jobs=jobs,
        only=only,
        resume=resume,
    )
    result = run_batch(kind, data, villages, out_dir, choices, progress=_Progress())
    unused_templates(templates, data)
    for line in warning_lines(result.warnings):
        click.echo(line, err=True)
    if result.hints:
        click.echo(
            f"另有 {len(result.hints)} 条“提示”（把握较小，仅供参考），"
            "可用 docgen check 检查生成的文件逐条查看",
            err=True,
        )
    if result.resumed:
        click.echo(f"接着上次的生成：{result.resumed} 个村的文档上次已做好，没有重做", err=True)
    click.echo(f"已生成 {len(result.written)} 个文件，在 {out_dir}")
    if not result.ok:
        lines = [f"  {p.format()}" for p in result.other_problems]
        for village, problems in result.skipped.items():
            lines.append(f"  跳过 {village}：")
            lines.extend(f"    {p.format()}" for p in problems)
        raise DocgenError(
            f"有 {len(result.skipped)} 个村没有生成：\n"
            + "\n".join(lines)
            + "\n请修改村情表后重新运行（已生成的文件不会重复出错）。"
        )


def warning_lines(warnings: list) -> list[str]:
    """One line per distinct warning, naming the villages it was found in, each once
    (a village where it was found twice is named once, with the count)."""
    by_message: dict[str, dict[str, int]] = {}
    for village, warning in warnings:
        counts = by_message.setdefault(warning.message, {})
        counts[village or ""] = counts.get(village or "", 0) + 1
    lines = []
    for message, counts in by_message.items():
        names = [name + (f"{n}处" if n > 1 else "") for name, n in counts.items()]
        shown = "、".join(names[:5]) + (f"等{len(names)}个村" if len(names) > 5 else "")
        lines.append(f"{message}（{shown}）")
    return lines
