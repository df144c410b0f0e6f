"""Addressees and headers per campaign and per document; the office's level in the wording."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.data.load import load_situation
from docgen.data.schema import Office, Township
from docgen.errors import InputError
from docgen.facts.level import level_of
from docgen.model import Note, Salutation
from docgen.pipeline import build_document
from docgen.resources import builtin_dir

EXAMPLES = builtin_dir("examples")
STREET = EXAMPLES / "street-food-safety.yaml"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    return tmp_path


def salutation(kind: str, path: Path) -> str:
    built = build_document(kind, path).document
    return next(b.text for b in built.blocks if isinstance(b, Salutation))


def test_a_campaign_run_for_another_department_reports_to_it() -> None:
    report = build_document("report", STREET).document
    assert salutation("report", STREET) == "青川区市场监督管理局："  # not the office's 区人民政府
    assert report.imprint is not None and report.imprint.copy_to == "青川区教育局。"
    notes = [b.text for b in report.blocks if isinstance(b, Note)]
    assert "（联系人：郑凯，联系电话：0799-6660235）" in notes  # 上行文: contact and phone


def test_a_document_may_name_its_own_recipients() -> None:
    assert salutation("bulletin", STREET) == "各社区居委会："
    assert salutation("notice", STREET) == "各社区居委会，街道各科室、站所："  # the office's


def test_the_campaigns_copy_to_wins_over_the_offices() -> None:
    bulletin = build_document("bulletin", EXAMPLES / "flood-control.yaml").document
    assert bulletin.imprint.copy_to == "云溪县防汛抗旱指挥部办公室。"  # type: ignore[union-attr]
    notice = build_document("notice", EXAMPLES / "population.yaml").document
    assert notice.imprint.copy_to == "云溪县卫生健康局。"  # type: ignore[union-attr]


def test_the_report_contact_falls_back_to_the_campaigns_submission_office() -> None:
    report = build_document("report", EXAMPLES / "population.yaml").document
    notes = [b.text for b in report.blocks if isinstance(b, Note)]
    assert notes == ["（联系人：陈立，联系电话：0799-5550123）"]


def test_a_report_to_several_superiors_is_refused_where_they_are_written(workspace: Path) -> None:
    data = workspace / "street-food-safety.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace(
        "  上级机关: 青川区市场监督管理局", "  上级机关: 青川区市场监督管理局、青川区教育局"
    )
    data.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_situation(data, "report")
    [problem] = info.value.problems
    assert problem.where.startswith("street-food-safety.yaml:")
    assert "报告只能主送一个上级机关" in problem.message


def test_minutes_carry_their_issuer_and_date_under_the_number() -> None:
    minutes = build_document("minutes", EXAMPLES / "population.yaml").document
    assert minutes.masthead is not None
    assert (minutes.masthead.issuer, minutes.masthead.issued) == (
        "青石镇党政办公室",
        "2026年11月27日",
    )
    street = build_document("minutes", STREET).document.masthead
    assert street is not None and street.issuer == "城南街道党政办公室"


# --- the office's level ----------------------------------------------------------------------


def test_a_street_office_writes_as_a_street_under_a_district() -> None:
    speech = build_document("speech", STREET).markdown
    assert "全街道上下" in speech and "我街道" in speech
    assert "全区平均水平" in speech and "全县" not in speech
    assert "各社区和街道各科室、站所" in speech
    notice = build_document("notice", STREET).markdown
    assert "经街道党工委、办事处研究" in notice and "在全街道开展" in notice
    for word in ("全镇", "我镇", "镇党委"):
        assert word not in speech + notice, word


def test_the_offices_level_wins_over_the_names_ending() -> None:
    town = Township.model_validate({"名称": "城关", "所属县": "云溪"})
    office = Office.model_validate(
        {
            "发文机关": {
                "全称": "城关镇人民政府",
                "标志": "城关镇人民政府文件",
                "署名": "城关镇人民政府",
                "代字": {},
            },
            "印发机关": "城关镇党政办公室",
            "主送": "各村",
            "层级": "镇",
            "上级层级": "县",
        }
    )
    assert level_of(town).own == "镇"  # the default when nothing says otherwise
    level = level_of(town, office)
    assert (level.own, level.superior, level.organs) == ("镇", "县", "镇党委、政府")
    street = level_of(
        Township.model_validate({"名称": "城南", "所属县": "青川", "层级": "街道"}), office
    )
    assert street.facts()["上级平均"] == "全县平均水平" and street.facts()["全称"] == "全街道"


def test_an_unknown_level_is_refused_with_the_choices(workspace: Path) -> None:
    office = workspace / "offices" / "城南街道.yaml"
    office.write_text(
        office.read_text(encoding="utf-8").replace("层级: 街道", "层级: 社区"), encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        load_situation(workspace / "street-food-safety.yaml", "notice")
    [problem] = info.value.problems
    assert "“社区”不是可用的层级" in problem.message and "街道" in problem.message
