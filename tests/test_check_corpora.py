"""The checker's word lists in corpora/ are well formed, free of duplicates and consistent."""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest

from docgen.check import lexicons
from docgen.errors import InputError


def test_bundled_lists_load_without_problems() -> None:
    lex = lexicons.load()
    assert len(lex.typos) > 150 and len(lex.variants) > 200 and lex.fixed and lex.outdated


def test_no_duplicates_and_wrong_differs_from_right() -> None:
    lex = lexicons.load()
    wrong = [t.wrong for t in lex.typos] + [f.wrong for f in lex.fixed]
    wrong += [v.form for v in lex.variants] + [u.wrong for u in lex.usage]
    dupes = [w for w, n in collections.Counter(wrong).items() if n > 1]
    assert dupes == []
    assert all(t.wrong != t.right for t in lex.typos)
    assert all(f.wrong != f.right for f in lex.fixed)
    assert all(v.form != v.recommended for v in lex.variants)
    # a wrong form must never be a correct form of another entry
    right = {t.right for t in lex.typos} | {v.recommended for v in lex.variants}
    right |= {u.right for u in lex.usage}
    assert sorted(set(wrong) & right) == []


def test_tsv_lines_have_tabs_not_spaces() -> None:
    folder = lexicons.bundled_dir()
    for name in (lexicons.TYPOS, lexicons.VARIANTS, lexicons.USAGE):
        for n, line in enumerate((folder / name).read_text(encoding="utf-8").splitlines(), 1):
            if line and not line.startswith("#"):
                assert "\t" in line and not re.search(r"[ \u3000]", line.split("\t")[0]), (name, n)


def test_userdict_lines_are_well_formed() -> None:
    lex = lexicons.load()
    assert lex.userwords
    text = (lexicons.bundled_dir() / lexicons.USERDICT).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            assert re.fullmatch(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+( [0-9]+)?( [a-z]+)?", line)


def test_domain_words_segment_whole() -> None:
    from docgen.check import tokenizer

    lexicons.load()
    from docgen.check.rule_input import _ensure_words

    _ensure_words(lexicons.load())
    words = [w for w, _, _ in tokenizer.tokens("取消社会抚养费，落实育儿补贴和三孩生育政策")]
    assert {"社会抚养费", "育儿补贴", "三孩生育政策"} <= set(words)


def test_office_lists_are_merged_and_validated(tmp_path: Path) -> None:
    office = tmp_path / "office"
    office.mkdir()
    (office / "typos.tsv").write_text("东山乡\t东山镇\n", encoding="utf-8")
    lex = lexicons.load((office,))
    assert any(t.wrong == "东山乡" for t in lex.typos)

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "typos.tsv").write_text("一样\t一样\n只有一列\n", encoding="utf-8")
    (bad / "jieba_userdict.txt").write_text("词语\t5\n好词 3 N\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        lexicons.load((bad,))
    wheres = sorted(p.where for p in info.value.problems)
    assert wheres == ["jieba_userdict.txt:1", "jieba_userdict.txt:2", "typos.tsv:1", "typos.tsv:2"]


def test_office_typo_list_is_used(tmp_path: Path) -> None:
    from docgen.check import CheckConfig, check_text

    office = tmp_path / "office"
    office.mkdir()
    (office / "typos.tsv").write_text("东山乡\t东山镇\t\t2019年撤乡设镇\n", encoding="utf-8")
    found = check_text("东山乡党委召开会议。", CheckConfig(corpora_dirs=(office,)))
    assert [(f.code, f.suggestion) for f in found] == [("TY01", "东山镇")]
