"""The names a situation states are never "corrected" by the spelling model."""

from __future__ import annotations

import shutil
from pathlib import Path

from docgen.check import CheckConfig, check_text
from docgen.facts.names import proper_names
from docgen.pipeline import render_files

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_people_offices_and_places_are_names_but_titles_and_terms_are_not() -> None:
    data = {
        "乡镇": {"名称": "柳塘镇", "所属县": "云溪县"},
        "会议": {"名称": "全镇推进会", "讲话人": {"姓名": "周文清", "职务": "镇党委书记"}},
        "指标": [{"名称": "出生登记及时率"}],
        "任务": [{"责任单位": "镇便民服务中心、各村（社区）", "责任领导": "何静"}],
        "检查": {"结果": [{"村": "石门村", "得分": 85}]},
    }
    names = proper_names(data, ["有柳村"])
    expected = {"柳塘镇", "云溪县", "周文清", "何静", "镇便民服务中心", "石门村", "有柳村"}
    assert expected <= set(names)
    assert not {"全镇推进会", "出生登记及时率", "镇党委书记"} & set(names)
    assert list(names) == sorted(names, key=lambda n: (-len(n), n))  # longest first


def test_a_village_name_that_looks_like_a_slip_is_left_alone_when_named() -> None:
    text = "从检查结果看，评为良好等次的有金荣村（88分）、石门村（85分）。"
    assert [f.text for f in check_text(text) if f.code == "SP02"] == ["荣"]  # 金融?
    assert not check_text(text, CheckConfig(names=("金荣村", "石门村")))


def test_a_generated_bulletin_has_no_hint_on_its_own_village_names(tmp_path: Path) -> None:
    data = tmp_path / "population.yaml"
    shutil.copy(EXAMPLES / "population.yaml", data)
    shutil.copytree(EXAMPLES / "offices", tmp_path / "offices")
    hints = []
    render_files("bulletin", data, tmp_path / "out", hinted=hints.append)
    villages = ("青石村", "柳塘村", "石门村", "白沙社区")
    assert not [h for h in hints if any(v[:2] in h.message for v in villages)]
