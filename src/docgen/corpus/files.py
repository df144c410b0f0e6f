"""Clean corpus files into an output folder: originals are read, never written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docgen.corpus.clean import Options, clean_text
from docgen.corpus.damage import Damage, find_marks
from docgen.corpus.encoding import read_corpus_file
from docgen.errors import InputError, Problem

SUFFIXES = (".txt", ".md", ".htm", ".html")


@dataclass(frozen=True)
class Cleaned:
    """What happened to one input file."""

    source: Path
    output: Path
    encoding: str
    damage: list[Damage]


def collect(paths: list[Path]) -> list[Path]:
    """Expand folders into their text files (sorted); report every path that does not exist."""
    found: list[Path] = []
    missing = [
        Problem(str(p), "找不到这个文件或文件夹", hint="请检查路径是否写对")
        for p in paths
        if not p.exists()
    ]
    if missing:
        raise InputError("有输入找不到", missing)
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES))
        else:
            found.append(path)
    return found


def output_path(source: Path, outdir: Path) -> Path:
    """corpora/raw/x.txt → corpora/clean/x.md."""
    return outdir / (source.stem + ".md")


def clean_files(paths: list[Path], outdir: Path, options: Options | None = None) -> list[Cleaned]:
    """Clean every input into ``outdir`` as UTF-8 Markdown; refuse to overwrite an input."""
    sources = collect(paths)
    if not sources:
        raise InputError(
            "没有找到要清洗的文件",
            [Problem(", ".join(map(str, paths)), "其中没有 .txt/.md/.htm/.html 文件")],
        )
    clashes = [
        Problem(
            str(s), "输出文件会覆盖原件", hint="请用 -o 指定另一个输出文件夹（如 corpora/clean/）"
        )
        for s in sources
        if output_path(s, outdir).resolve() == s.resolve()
    ]
    stems: dict[str, Path] = {}
    for s in sources:
        if s.stem in stems:
            clashes.append(
                Problem(str(s), f"与 {stems[s.stem]} 同名，输出会互相覆盖", hint="请改名后再清洗")
            )
        stems[s.stem] = s
    if clashes:
        raise InputError("无法清洗", clashes)
    # Every file is read before any is written: an unreadable one among many is reported
    # with all the others, and "nothing written" is then true.
    decoded, unreadable = [], []
    for source in sources:
        try:
            decoded.append((source, read_corpus_file(source)))
        except InputError as exc:
            unreadable.extend(exc.problems or [Problem(str(source), exc.summary)])
    if unreadable:
        raise InputError(f"有 {len(unreadable)} 个文件无法读取，没有清洗任何文件", unreadable)
    from ..placing.atomic import plain_error, write_atomic

    outdir.mkdir(parents=True, exist_ok=True)
    results = []
    for source, read in decoded:
        text = clean_text(read.text, options)
        target = output_path(source, outdir)
        with plain_error(target):
            write_atomic(target, text.encode("utf-8"))
        results.append(
            Cleaned(source, target, read.encoding, find_marks(text, str(target), str(source)))
        )
    return results
