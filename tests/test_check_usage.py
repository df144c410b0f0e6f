"""Fixed official usage (其他, not 其它) and the complete 第一批异形词整理表, rightly directed."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.check import CheckConfig, check_text, lexicons


def found(text: str, **config: object) -> list[tuple[str, str, str | None]]:
    return [(f.code, f.text, f.suggestion) for f in check_text(text, CheckConfig(**config))]  # type: ignore[arg-type]


def test_qita_is_always_corrected_towards_the_standard_form() -> None:
    assert found("其它村要抓紧，其他工作照常。") == [("US01", "其它", "其他")]
    assert found("其他村要抓紧，其它工作照常。") == [("US01", "其它", "其他")]
    assert found("其他村要抓紧，其他工作照常。") == []


def test_a_pair_used_both_ways_is_unified_on_the_recommended_form(tmp_path: Path) -> None:
    (tmp_path / "variants.tsv").write_text("稻谷场\t稻谷坪\t并存\n", encoding="utf-8")
    text = "村里的稻谷坪已修好，另一处稻谷场也要修。"
    assert found(text, corpora_dirs=(tmp_path,)) == [("VA02", "稻谷坪", "稻谷场")]
    assert found("村里的稻谷坪已修好。", corpora_dirs=(tmp_path,)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请群众如实反应情况。", ("US01", "如实反应", "如实反映")),
        ("自即日起起用新印章。", ("US01", "起用新印章", "启用新印章")),
        ("各村必需严格落实。", ("US01", "必需严格", "必须严格")),
        ("请持营业执照和法人代表身份证办理。", ("US02", "法人代表", "法定代表人")),
    ],
)
def test_near_synonyms_with_fixed_usage(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "镇党委起用了一批年轻干部。",
        "群众反映的问题要限期办结。",
        "这是生活必需的物资。",
        "要警惕基层工作弱智化倾向。",
        "道路交通标识要清晰。",
        "会议由丁宁同志主持。",
    ],
)
def test_look_alikes_and_forms_still_in_use_pass(text: str) -> None:
    assert [f for f in found(text) if f[0] in {"US01", "US02", "VA01"}] == []


def test_the_whole_table_is_there_with_its_appendix() -> None:
    lex = lexicons.load()
    recommended = {v.recommended for v in lex.variants}
    assert len(recommended) >= 360
    assert ("傢具", "家具") in {(v.form, v.recommended) for v in lex.variants}
    assert all(u.source for u in lex.usage)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他直接了当地说明了情况。", ("VA01", "直接了当", "直截了当")),
        ("村里新添了一批傢具。", ("VA01", "傢具", "家具")),
        ("活动丰富多采。", ("VA01", "丰富多采", "丰富多彩")),
        ("要按捺住急躁情绪，不搞按纳。", ("VA01", "按纳", "按捺")),
    ],
)
def test_variant_forms_of_the_table_are_found(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in found(text)


def test_a_variant_form_inside_another_word_is_not_reported() -> None:
    assert found("按纳税额的百分之五缴纳。") == []
