"""A flexible speech: no 指标 needed, warnings, its own headings and name, a closing formula."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.model import Heading, Paragraph, dump
from docgen.pipeline import build_document
from docgen.resources import builtin_dir

EXAMPLES = builtin_dir("examples")
FLOOD = EXAMPLES / "flood-control.yaml"
STREET = EXAMPLES / "street-food-safety.yaml"


def level1(path: Path) -> list[str]:
    doc = build_document("speech", path).document
    return [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]


def test_a_speech_without_indicators_is_still_a_full_speech() -> None:
    doc = build_document("speech", FLOOD).document
    text = dump(doc)
    assert build_document("speech", FLOOD).loaded.situation.indicators is None
    for part in ("成绩值得肯定", "问题不容忽视", "原因必须找准", "一要在", "压实防汛责任"):
        assert part in text, part
    assert "指标" not in text and "%" not in text
    assert "我讲三点意见" in text


def test_a_speech_without_indicators_renders_from_a_file_with_none(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    data = tmp_path / "population.yaml"
    text = data.read_text(encoding="utf-8")
    start, end = text.index("指标:\n"), text.index("问题:\n")
    text = text[:start] + text[end:]
    text = "\n".join(line for line in text.splitlines() if not line.startswith("    指标:"))
    data.write_text(text + "\n", encoding="utf-8")
    speech = dump(build_document("speech", data).document)
    assert "从主要指标看" not in speech and "%" not in speech
    assert "一是部分村出生登记仍靠群众自己跑，村级代办作用发挥不够；" in speech


def test_the_speech_headings_can_be_written_for_the_work() -> None:
    assert level1(FLOOD) == [
        "清醒认识今年防汛形势，坚决克服麻痹思想",
        "突出重点环节，把汛前准备做实做细",
        "压紧压实责任，确保全镇安全度汛",
    ]


def test_the_activitys_own_name_goes_into_the_default_headings() -> None:
    headings = level1(STREET)
    assert headings[1] == "抓住关键，推动“五查五改”专项行动各项任务落地见效"
    assert headings[2] == "强化领导，为“五查五改”专项行动提供坚强保障"


def test_a_warning_paragraph_names_its_source_and_lesson() -> None:
    doc = build_document("speech", FLOOD).document
    [warning] = [b for b in doc.blocks if isinstance(b, Heading) and b.text == "教训必须汲取。"]
    assert warning.body.startswith("据县防汛抗旱指挥部办公室今年3月的通报，去年主汛期")
    assert warning.body.endswith("宁可十防九空，不可失防万一。")


def test_the_closing_formula_is_a_choice() -> None:
    flood = build_document("speech", FLOOD).document
    assert isinstance(flood.blocks[-1], Paragraph) and flood.blocks[-1].text == "谢谢大家！"
    population = build_document("speech", EXAMPLES / "population.yaml").document
    assert "谢谢大家" not in dump(population)


def test_a_problem_states_its_number_without_a_target() -> None:
    speech = dump(build_document("speech", STREET).document)
    assert "校园周边食品安全投诉举报为23件，高出全区平均水平8件之多" in speech


@pytest.mark.parametrize("path", [FLOOD, STREET])
def test_one_item_lists_carry_no_ordinal(path: Path, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    data = tmp_path / path.name
    text = data.read_text(encoding="utf-8")
    start = text.index("原因:\n")
    second = text.index("  - 判断:", text.index("  - 判断:", start) + 1)
    end = text.index("\n任务:\n")
    data.write_text(text[:second] + text[end + 1 :], encoding="utf-8")
    speech = build_document("speech", data).markdown
    assert "归结起来，主要是：" in speech
    assert "**一是" not in speech
