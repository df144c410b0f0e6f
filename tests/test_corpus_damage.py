"""Damaged spans are kept, marked and reported at the exact place; originals are never touched."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main
from docgen.corpus.clean import clean_text
from docgen.corpus.damage import find_marks

RAW = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "raw"


def test_question_runs_marked_and_located() -> None:
    text = clean_text("标题\n宣传???政策,发放资料.\n问题是什么??\n")
    assert "【待核：???】" in text
    (mark,) = find_marks(text, "a.md")
    line = text.split("\n")[mark.line - 1]
    assert line[mark.column - 1 : mark.column - 1 + len(mark.text)] == "???"
    assert mark.kind == "问号乱码"
    assert "什么？？" in text  # emphatic marks at the end of a sentence are not damage


def test_stray_pinyin_and_entity_fragments_marked() -> None:
    text = clean_text("标题\n把乡写成xiāng了。实体&foo;残片。乱码锟斤拷。\n")
    kinds = sorted(m.kind for m in find_marks(text, "a.md"))
    assert kinds == ["实体残片", "残留拼音", "编码错乱"]
    # a Latin word with an accent is kept as written (at most marked for review), never removed
    assert "café" in clean_text("标题\n这家café店。\n")
    assert "Zürich" in clean_text("标题\n来自Zürich的客人。\n")
    assert not find_marks(clean_text("标题\n来自Zürich的客人。\n"), "a.md")


def test_cli_clean_json_and_originals_untouched(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    before = {p.name: p.read_bytes() for p in raw.iterdir()}
    out = tmp_path / "clean"
    result = CliRunner().invoke(
        main, ["corpus", "clean", str(raw), "-o", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {d["kind"] for d in report} == {"问号乱码", "残留拼音", "实体残片"}
    for d in report:
        line = Path(d["file"]).read_text(encoding="utf-8").split("\n")[d["line"] - 1]
        assert line[d["column"] - 1 :].startswith(d["text"])
    assert {p.name: p.read_bytes() for p in raw.iterdir()} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem + ".md" for p in raw.iterdir())
    again = CliRunner().invoke(main, ["corpus", "clean", str(out), "-o", str(tmp_path / "twice")])
    assert again.exit_code == 0, again.output
    for p in out.iterdir():
        assert (tmp_path / "twice" / p.name).read_text(encoding="utf-8") == p.read_text(
            encoding="utf-8"
        )


def test_cli_refuses_to_overwrite_an_original(tmp_path: Path) -> None:
    md = tmp_path / "a.md"
    md.write_text("标题\n正文。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["corpus", "clean", str(md), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "覆盖原件" in result.output
    assert md.read_text(encoding="utf-8") == "标题\n正文。\n"
