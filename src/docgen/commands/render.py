"""``docgen render``, ``docgen inspect`` and ``docgen demo``: option parsing only."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import DocgenError, Problem
from ..kinds import KIND_LIST
from ..model import dump
from ..pipeline import ALL, Options, build_document, render_files
from ..resources import builtin_dir
from . import options
from .progress import Bar

_KIND_HELP = KIND_LIST
# No exists=True: a missing file gets the loader's Chinese message (exit 1), not click's English.
_DATA = click.Path(dir_okay=False, path_type=Path)


def _warn(problem: Problem) -> None:
    click.echo(problem.format(), err=True)


class _Hints:
    """Hints (weaker suspicions of the checks) counted, not listed: a render would drown in
    them; ``docgen check`` lists them with the file's own lines."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, _: Problem) -> None:
        self.count += 1

    def tell(self) -> None:
        if self.count:
            click.echo(
                f"另有 {self.count} 条“提示”（把握较小，仅供参考），"
                "可用 docgen check 检查生成的文件逐条查看",
                err=True,
            )


@click.command(
    help=f"由情况文件生成公文。文种可用：{_KIND_HELP}，或 all（情况文件中有数据的全部文种）。\n\n"
    "生成前检查文字、标点、数字和术语：有“错误”时不写任何文件并指出情况文件或模板的行号；"
    "“警告”和“提示”照常生成并列出。"
)
@click.argument("kind", metavar="文种")
@click.argument("data", metavar="情况文件", type=_DATA)
@options.output
@options.templates
@options.force
@options.pdf
@options.ignore
def render(
    kind: str,
    data: Path,
    out_dir: Path,
    templates: Path | None,
    force: bool,
    pdf: bool,
    ignore: tuple[str, ...],
) -> None:
    choices = Options(templates=templates, force=force, pdf=pdf, ignore=ignore)
    hints = _Hints()
    written = _rendered("生成中", kind, data, out_dir, choices, hints)
    hints.tell()
    unused_templates(templates, data)
    for path in written:
        click.echo(str(path))


@click.command(help="显示情况文件生成的文档结构（标题、各级标题、段落、表格），不写文件。")
@click.argument("data", metavar="情况文件", type=_DATA)
@click.option(
    "-k", "--kind", default="speech", show_default=True, metavar="文种", help=f"文种：{_KIND_HELP}"
)
@click.option(
    "--templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    metavar="文件夹",
    help="工作区模板文件夹",
)
def inspect(data: Path, kind: str, templates: Path | None) -> None:
    click.echo(dump(build_document(kind, data, templates).document), nl=False)


@click.command(help="用自带的示例情况文件生成全部文档，写到输出文件夹。")
@options.output
@options.force
@options.pdf
def demo(out_dir: Path, force: bool, pdf: bool) -> None:
    examples = sorted(builtin_dir("examples").glob("*.yaml"))
    if not examples:
        raise DocgenError(
            "没有找到自带示例（examples 文件夹为空）：安装可能不完整，请重新安装 docgen。"
        )
    hints = _Hints()
    for example in examples:
        choices = Options(force=force, pdf=pdf)
        written = _rendered(f"生成 {example.name}", ALL, example, out_dir, choices, hints)
        for path in written:
            click.echo(f"{example.name} → {path}")
    hints.tell()


def _rendered(
    label: str, kind: str, data: Path, out_dir: Path, choices: Options, hints: _Hints
) -> list[Path]:
    """``render_files`` with a progress bar, warnings shown as they come, hints collected."""
    with Bar(label) as bar:
        return render_files(
            kind,
            data,
            out_dir,
            choices,
            warn=_warn,
            progress=lambda _, done, total: bar(done, total),
            hinted=hints,
        )


def unused_templates(templates: Path | None, data: Path) -> None:
    """Name the office's template files no render uses (a renamed 讲话稿.md is otherwise
    ignored without a word, and the secretary's edits never reach the document)."""
    from ..pipeline import default_templates
    from ..template_tools.workspace import override_of, stray_reminders

    folder = templates or default_templates(data)
    for line in stray_reminders(override_of(folder) if folder else None):
        click.echo(line, err=True)
