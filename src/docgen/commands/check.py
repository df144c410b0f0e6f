"""``docgen check``: check .docx, .md, .txt and situation .yaml files; option parsing only."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..clickzh import Choice
from ..errors import DocgenError, InputError, OutputError
from ..kinds import KIND_NAMES, chinese_kind
from .progress import Bar

_SUFFIXES = {".docx", ".md", ".markdown", ".txt", ".yaml", ".yml"}
_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


class _UsageProblem(click.UsageError):
    """Settings the checker cannot use (--off, an office's 检查): a usage error (exit code 2)."""


@click.command(
    help="检查公文的错别字（词表和别字模型）、规范表述、异形词、标点、数字日期、序号、占位符和"
    "过时表述。\n\n"
    "文件可以是 .docx、.md、.txt 或情况文件 .yaml，可给多个。"
    "有“错误”级问题时退出码为 1，没有时为 0，用法错误或有文件无法读取时为 2"
    "（其余文件照常检查）。"
)
@click.argument("files", metavar="文件...", nargs=-1, required=True, type=_FILE)
@click.option(
    "--format",
    "fmt",
    type=Choice(["文本", "json"], {"text": "文本"}),
    default="文本",
    show_default=True,
    help="输出格式：文本每处一行；json 输出一个数组",
)
@click.option(
    "--annotate",
    is_flag=True,
    help="为 .docx 另存一份带批注的副本（文件名加“.批注”），在 Word/WPS 中逐条查看",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="批注副本写到这个文件夹（默认：原文件旁）",
)
@click.option(
    "--force",
    is_flag=True,
    help="批注副本被人修改过（或不是 docgen 写的）时也覆盖：原副本先备份为“文件名.备份-时间.docx”",
)
@click.option(
    "--date",
    "as_of",
    metavar="日期",
    help="文档日期，如 2026-11-28，用于判断过时表述（默认：文件开头或情况文件的成文日期、"
    "文中的成文日期，都没有时为今天）",
)
@click.option(
    "--kind",
    default="",
    metavar="文种",
    help=f"文种，用于检查本单位必备表述：{KIND_NAMES}",
)
@click.option(
    "--off",
    multiple=True,
    metavar="代码",
    help="关闭某条规则或某类规则，如 --off PU01 --off 的地得（可多次）",
)
@click.option(
    "--no-spelling",
    is_flag=True,
    help="不用别字模型（SP01–SP03）：只按词表检查，更快",
)
@click.option(
    "--corpora",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    metavar="文件夹",
    help="本单位词表文件夹（与自带词表合并，可多次）",
)
@click.option(
    "--office",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    metavar="单位设置",
    help="单位设置文件：采用其中【检查】一节（关闭的规则、级别、本单位词表）",
)
def check(
    files: tuple[Path, ...],
    fmt: str,
    annotate: bool,
    out_dir: Path | None,
    force: bool,
    as_of: str | None,
    kind: str,
    off: tuple[str, ...],
    no_spelling: bool,
    corpora: tuple[Path, ...],
    office: Path | None,
) -> None:
    from ..check import CheckConfig, check_units
    from ..check.findings import Severity
    from ..check.report import locate, summary, to_json, to_text_line

    for path in files:
        if path.suffix.lower() not in _SUFFIXES:
            raise click.BadParameter(
                f"不支持 {path.name} 的文件类型，可检查 .docx、.md、.txt、.yaml", param_hint="文件"
            )
    if annotate and not any(p.suffix.lower() == ".docx" for p in files):
        raise click.UsageError("--annotate 只用于 .docx 文件")
    if chinese_kind(kind) is None:
        raise click.BadParameter(f"不认识的文种“{kind}”，可用：{KIND_NAMES}", param_hint="--kind")
    date = None
    if as_of:
        try:
            date = dt.date.fromisoformat(as_of)
        except ValueError:
            raise click.BadParameter(
                f"“{as_of}”不是日期，格式如 2026-11-28", param_hint="--date"
            ) from None
    settings: dict[str, object] = {}
    lines: dict[tuple[str | int, ...], int] = {}
    if office is not None:
        from ..data.load import load_office
        from ..office import office_check_lines, office_check_settings

        loaded = load_office(office)
        settings = office_check_settings(loaded.office, office)  # its lists as lists
        lines = office_check_lines(loaded)
    settings["关闭"] = [*settings.get("关闭", []), *off, *(["别字"] if no_spelling else [])]
    settings["词表目录"] = [*settings.get("词表目录", []), *(str(c) for c in corpora)]
    if date is not None:  # else the office's 日期, if it has one
        settings["日期"] = date
    if kind:
        settings["文种"] = kind
    try:
        config = CheckConfig.from_dict(settings, office.name if office else "检查配置", lines)
    except DocgenError as exc:
        raise _UsageProblem(exc.format_message()) from None

    located = []
    unreadable: list[tuple[Path, DocgenError]] = []
    refused: list[OutputError] = []  # annotated copies not written
    with Bar("检查中") as bar:
        for done, path in enumerate(files, 1):
            try:
                docx, units = _read(path)
                dated = _dated(config, path)
            except DocgenError as exc:  # damaged, undecodable, bad YAML: check the others
                unreadable.append((path, exc))
            else:
                findings = check_units(units, dated)
                located.extend(locate(str(path), units, findings))
                if annotate and docx is not None:
                    try:
                        _annotate(docx, findings, path, out_dir, force)
                    except OutputError as exc:  # an edited copy is kept: check the others
                        refused.append(exc)
            bar(done, len(files))

    if fmt == "json":
        click.echo(to_json(located))
    else:
        for item in located:
            click.echo(to_text_line(item))
    for _path, exc in unreadable:
        click.echo(_not_checked(exc), err=True)
    for refusal in refused:
        click.echo(f"错误：{refusal.format_message()}", err=True)
    if fmt != "json" or unreadable:
        left_out = [path for path, _ in unreadable]
        click.echo(_summary(summary(located), left_out, len(files)), err=True)
    if unreadable:
        sys.exit(2)  # a file that cannot be read is a usage error (docs/checks.md)
    if refused or any(item.finding.severity is Severity.ERROR for item in located):
        sys.exit(1)


def _not_checked(exc: DocgenError) -> str:
    """An unreadable file as a problem of its own: which file, what is wrong, what to do."""
    if not isinstance(exc, InputError):
        return f"错误：{exc.format_message()}"
    lines = [f"错误：{exc.summary}，没有检查这个文件："]
    lines.extend(f"  {problem.format()}" for problem in exc.problems)
    if exc.advice:
        lines.append(exc.advice)
    return "\n".join(lines)


def _summary(counts: str, unreadable: list[Path], total: int) -> str:
    """The counts of the files checked, then the files that could not be read."""
    if not unreadable:
        return counts
    names = "、".join(path.name for path in unreadable)
    left_out = f"{len(unreadable)} 个文件无法读取，没有检查：{names}（见上）。"
    if len(unreadable) == total:
        return left_out
    counts = "其余文件未发现问题。" if counts == "未发现问题。" else counts
    return f"{counts}另有 {left_out}"


def _dated(config, path: Path):
    """The file's own date (front matter, situation file) unless --date or the office set one."""
    if config.as_of or path.suffix.lower() not in {".md", ".markdown", ".yaml", ".yml"}:
        return config
    from ..check import dating
    from ..textio import read_text

    return dating.with_date(config, dating.file_date(path, read_text(path)))


def _annotate(docx, findings, path: Path, out_dir: Path | None, force: bool) -> None:
    from ..check.annotate import annotate as write_comments
    from ..check.annotate import annotated_name

    target = (out_dir or path.parent) / annotated_name(path)
    count, backup = write_comments(docx, findings, path, target, force=force)
    click.echo(f"已写出带 {count} 条批注的副本：{target}", err=True)
    if backup is not None:
        click.echo(f"  原来被修改过的副本已备份为：{backup.name}", err=True)


def _read(path: Path):
    from ..check import inputs

    suffix = path.suffix.lower()
    if suffix == ".docx":
        from ..check.docx_input import read_docx

        docx = read_docx(path)
        return docx, docx.units
    if suffix in {".md", ".markdown"}:
        return None, inputs.markdown_units(path)
    if suffix in {".yaml", ".yml"}:
        return None, inputs.yaml_units(path)
    return None, inputs.text_units(path)
