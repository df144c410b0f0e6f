"""One dataset → all documents: a figure changed in the data changes everywhere it appears."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from docgen.model import dump
from docgen.pipeline import build_document, kinds_in
from docgen.resources import builtin_dir

EXAMPLES = builtin_dir("examples")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    return tmp_path / "population.yaml"


def documents(path: Path) -> dict[str, str]:
    return {kind: dump(build_document(kind, path).document) for kind in kinds_in(path)}


def test_every_kind_is_produced_from_one_file(workspace: Path) -> None:
    assert set(documents(workspace)) == {
        "speech",
        "notice",
        "plan",
        "report",
        "bulletin",
        "minutes",
    }


def sentence_with(text: str, *parts: str) -> str:
    found = [s for s in re.split(r"[。；]", text) if all(p in s for p in parts)]
    assert found, parts
    return found[0]


def test_changing_one_figure_changes_it_in_every_document(workspace: Path) -> None:
    before = documents(workspace)
    holding = {kind for kind, text in before.items() if "93.5%" in text}
    assert {"speech", "report"} <= holding  # the figure is stated in more than one document
    text = workspace.read_text(encoding="utf-8")
    workspace.write_text(
        text.replace("        数值: 93.5\n", "        数值: 92.7\n", 1), encoding="utf-8"
    )
    after = documents(workspace)
    for kind in holding:
        assert "93.5%" not in after[kind], kind
        assert "92.7%" in after[kind], kind
    # Derived figures follow: 95 − 92.7 in the speech, 96.2 − 92.7 in the report.
    assert "2.3个百分点" in sentence_with(after["speech"], "出生登记及时率", "92.7%")
    assert "由92.7%提高到96.2%" in after["report"]


def test_a_deadline_and_a_problem_read_the_same_in_every_document(workspace: Path) -> None:
    text = workspace.read_text(encoding="utf-8")
    text = text.replace("整改时限: 2026-12-20", "整改时限: 2026-12-18", 1)
    old = "育儿补贴申领进度不平衡，个别村对外出务工家庭底数不清、通知不到位"
    new = "育儿补贴申领进度不平衡，部分外出务工家庭没有接到申领通知"
    assert old in text
    workspace.write_text(text.replace(old, new), encoding="utf-8")
    after = documents(workspace)
    ledgers = [kind for kind in ("notice", "plan", "report") if "2026年12月18日" in after[kind]]
    assert ledgers == ["notice", "plan", "report"]  # the 整改台账 travels with each of them
    for kind in ledgers:
        [row] = [line for line in after[kind].splitlines() if line.startswith("　｜2｜")]
        assert new in row and "2026年12月18日" in row, (kind, row)
    for kind, dumped in after.items():
        assert old not in dumped, kind
    for kind in ("speech", "notice", "plan", "report"):
        assert new in after[kind], kind
