"""Candidate terms from the sample corpus, the review sheet, and merging into a dictionary."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main
from docgen.corpus.terms import HEADER, candidates

CLEAN = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "clean"


def _texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(CLEAN.glob("*.md"))}


def test_domain_words_rank_and_known_ones_are_marked() -> None:
    # top 50: the long 人居环境 speech among the samples pushes the population words down
    terms = candidates(_texts(), {"流动人口"}, top=50)
    words = [t.word for t in terms]
    assert "流动人口" in words and "专干" in words
    assert all(t.known == (t.word == "流动人口") for t in terms)
    assert "我们" not in words and "工作" not in words
    assert all(t.docs >= 1 and t.count >= t.docs for t in terms)
    assert all("【待核" not in t.word for t in terms)


def test_terms_then_merge(tmp_path: Path) -> None:
    sheet = tmp_path / "terms.tsv"
    runner = CliRunner()
    result = runner.invoke(main, ["corpus", "terms", str(CLEAN), "--top", "20", "-o", str(sheet)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in sheet.read_text(encoding="utf-8").splitlines()]
    assert tuple(rows[0]) == HEADER and len(rows) == 21
    col = HEADER.index("采纳")
    rows[1][col] = "是"
    rows[2][col] = "是"
    sheet.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    userdict = tmp_path / "jieba_userdict.txt"
    userdict.write_text(f"{rows[2][0]}\n", encoding="utf-8")
    result = runner.invoke(main, ["corpus", "merge-terms", str(sheet), "--into", str(userdict)])
    assert result.exit_code == 0, result.output
    assert userdict.read_text(encoding="utf-8").splitlines() == [rows[2][0], rows[1][0]]
    again = runner.invoke(main, ["corpus", "merge-terms", str(sheet), "--into", str(userdict)])
    assert "新并入 0 个" in again.output


def test_merge_rejects_a_sheet_that_is_not_one(tmp_path: Path) -> None:
    bad = tmp_path / "x.tsv"
    bad.write_text("a\tb\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["corpus", "merge-terms", str(bad), "--into", str(tmp_path / "d.txt")]
    )
    assert result.exit_code == 1 and "表头" in result.output


def test_corpus_check_summarises_per_file_and_rule() -> None:
    result = CliRunner().invoke(main, ["corpus", "check", str(CLEAN)])
    assert result.exit_code == 0, result.output
    assert "notice-2020-gbk.md" in result.output and "按规则" in result.output


def test_corpus_check_names_an_unreadable_file_and_checks_the_rest(tmp_path: Path) -> None:
    """Severities in Chinese; a binary file among the drafts is named, not the end of the run."""
    (tmp_path / "a.md").write_text("我们要再接再励，，争取更大成绩。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(bytes(range(256)) * 3)
    (tmp_path / "c.md").write_text("各村要抓好落实。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["corpus", "check", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "a.md：" in result.output and "c.md：0 处（无）" in result.output
    assert "b.txt：无法读取" in result.output and "其中 1 个无法读取" in result.output
    assert "错误" in result.output and "error" not in result.output
