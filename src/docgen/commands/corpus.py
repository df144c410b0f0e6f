"""``docgen corpus``: clean old speeches and notices, mine terms, draft situation files."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from docgen.clickzh import Choice
from docgen.commands.progress import Bar
from docgen.errors import InputError, Problem

from ..textio import read_text

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
def corpus() -> None:
    """整理旧讲话稿和通知：清洗、提取术语、生成情况文件草稿、检查。

    \b
    常用：
      docgen corpus clean 原稿文件夹/ -o corpora/clean/
      docgen corpus terms corpora/clean/ --top 100 -o 候选术语.tsv
      docgen corpus merge-terms 候选术语.tsv --into corpora/jieba_userdict.txt
      docgen corpus outline corpora/clean/讲话.md -o 情况草稿.yaml
      docgen corpus check corpora/clean/
    """


@corpus.command()
@click.argument("raw", metavar="原稿...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(path_type=Path),
    default=Path("corpora/clean"),
    show_default=True,
    help="清洗结果写到这个文件夹（UTF-8）",
)
@click.option("--keep-script", is_flag=True, help="保留原来的繁体字，不转为简体")
@click.option(
    "--keep",
    "keep_words",
    multiple=True,
    metavar="词语",
    help="不做繁简转换的词语（如人名、地名），可重复使用",
)
@click.option(
    "--format",
    "fmt",
    type=Choice(["文本", "json"], {"text": "文本"}),
    default="文本",
    show_default=True,
    help="存疑报告的格式",
)
def clean(
    raw: tuple[Path, ...], outdir: Path, keep_script: bool, keep_words: tuple[str, ...], fmt: str
) -> None:
    """清洗网页上复制来的旧稿（UTF-8、GBK、Big5 自动识别），原件不动。

    去掉拼音注音、繁体转简体、半角标点改全角、还原网页实体、删去重复标题和“相关文章”，
    识别“一、（一）1.”标题。无法确定的地方（如一串问号）原样保留并标为【待核：…】，逐条报告。
    """
    from docgen.corpus.clean import Options
    from docgen.corpus.files import clean_files

    results = clean_files(list(raw), outdir, Options(keep_script, tuple(keep_words)))
    damage = [d for r in results for d in r.damage]
    if fmt == "json":
        click.echo(json.dumps([d.as_dict() for d in damage], ensure_ascii=False, indent=2))
        return
    for r in results:
        note = f"，存疑 {len(r.damage)} 处" if r.damage else ""
        click.echo(f"已清洗 {r.source}（{r.encoding}）→ {r.output}{note}")
    for d in damage:
        click.echo(d.format())
    click.echo(f"共清洗 {len(results)} 个文件，存疑 {len(damage)} 处（已在文中标为【待核：…】）。")


@corpus.command()
@click.argument(
    "folder", metavar="文件夹", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option("--top", default=100, show_default=True, help="最多列出多少个候选术语")
@click.option(
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(path_type=Path),
    help="已有词表（每行第一栏是词语），其中的词标为“已在词表”；可重复使用",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("候选术语.tsv"),
    show_default=True,
    help="写出的审阅表（.tsv 文件，可用 WPS/Excel 打开）",
)
def terms(folder: Path, top: int, glossaries: tuple[Path, ...], output: Path) -> None:
    """从清洗后的文稿中提取候选术语，写成审阅表。

    审阅时在“采纳”一栏填“是”，再用 docgen corpus merge-terms 并入词表。
    """
    from docgen.corpus.terms import candidates, read_known, write_tsv

    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in {".md", ".txt"})
    if not files:
        raise InputError(
            "没有可提取术语的文稿",
            [
                Problem(
                    str(folder),
                    "文件夹里没有 .md 或 .txt 文件",
                    hint="请先运行 docgen corpus clean",
                )
            ],
        )
    texts = {str(p): read_text(p) for p in files}
    found = candidates(texts, read_known(list(glossaries)), top)
    write_tsv(found, output)
    known = sum(t.known for t in found)
    click.echo(
        f"从 {len(files)} 个文稿中找到 {len(found)} 个候选术语（{known} 个已在词表）→ {output}"
    )
    click.echo("请在“采纳”一栏填“是”，然后运行 docgen corpus merge-terms 并入词表。")


@corpus.command("merge-terms")
@click.argument(
    "tsv", metavar="审阅表", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--into",
    "glossary",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="要并入的分词词典，如 corpora/jieba_userdict.txt",
)
def merge_terms(tsv: Path, glossary: Path) -> None:
    """把审阅表中“采纳”为“是”的词语并入分词词典（已有的不重复添加）。"""
    from docgen.corpus.terms import accepted, merge

    words, problems = accepted(tsv)
    if problems:
        raise InputError(
            "审阅表有误", [Problem(p.split("：", 1)[0], p.split("：", 1)[1]) for p in problems]
        )
    added = merge(words, glossary)
    click.echo(f"采纳 {len(words)} 个，新并入 {len(added)} 个 → {glossary}")
    for word in added:
        click.echo(f"  + {word}")


@corpus.command()
@click.argument(
    "file", metavar="讲话稿", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="写出的草稿（不写则打印出来）",
)
def outline(file: Path, output: Path | None) -> None:
    """根据一篇清洗后的讲话稿起草情况文件：开场、成绩、指标、问题、原因、任务、责任、结语。

    草稿中【待补】处要填写，“# 待核实”处要对照原稿核实；填好后可用 docgen render speech 生成。
    """
    from docgen.corpus.outline import GAP
    from docgen.corpus.outline_draft import draft_file

    text = draft_file(file)
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists() and output.resolve() == file.resolve():
        raise InputError(
            "不能覆盖原稿",
            [Problem(str(output), "输出文件就是输入的讲话稿", hint="请换一个文件名")],
        )
    output.write_text(text, encoding="utf-8")
    click.echo(f"已起草 {output}：{text.count(GAP)} 处【待补】，{text.count('待核实')} 处待核实。")


@corpus.command()
@click.argument(
    "folder", metavar="文件夹", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
def check(folder: Path) -> None:
    """对一批旧稿运行文字检查，按规则、按文件汇总（复用前先看看问题多不多）。"""
    from docgen.check.engine import run
    from docgen.check.units import from_lines
    from docgen.errors import InputError

    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in {".md", ".txt"})
    per_rule: Counter[str] = Counter()
    lines, unreadable = [], []
    with Bar("检查中") as bar:
        for done, path in enumerate(files, 1):
            bar(done, len(files))
            try:  # one unreadable file among many is named, and the others are still checked
                text = read_text(path)
            except InputError as exc:
                why = exc.problems[0].message if exc.problems else exc.summary
                unreadable.append(f"{path}：无法读取（{why}）")
                continue
            findings = run(from_lines(text))
            per_file = Counter(f.severity.chinese for f in findings)
            per_rule.update(f.code for f in findings)
            summary = "，".join(f"{k} {v}" for k, v in sorted(per_file.items())) or "无"
            lines.append(f"{path}：{len(findings)} 处（{summary}）")
    for line in lines + unreadable:
        click.echo(line)
    bad = f"，其中 {len(unreadable)} 个无法读取" if unreadable else ""
    click.echo(f"共 {len(files)} 个文件{bad}。按规则：")
    for code, n in per_rule.most_common():
        click.echo(f"  {code}\t{n}")
    if unreadable:
        sys.exit(1)
