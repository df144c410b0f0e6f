"""Recall and precision per rule family on a labelled set of sentences (bench and tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from . import check_text
from .config import CheckConfig
from .findings import RULES


@dataclass
class Score:
    planted: int = 0
    caught: int = 0
    reported: int = 0  # findings of this family's codes, anywhere in the set
    correct: int = 0  # of those, planted ones

    @property
    def recall(self) -> float:
        return self.caught / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.reported if self.reported else 1.0


def score(path: Path, config: CheckConfig | None = None) -> dict[str, Score]:
    """Lines ``family<TAB>code|-<TAB>text|-<TAB>sentence`` (``\\n`` escapes a line break)."""
    scores: dict[str, Score] = {}
    problems = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            problems.append(Problem(f"{path.name}:{n}", "应有 4 列（Tab 分隔）"))
            continue
        family, code, text, sentence = cols
        sentence = sentence.replace("\\n", "\n")
        s = scores.setdefault(family, Score())
        findings = check_text(sentence, config)
        planted = code != "-"
        if planted:
            s.planted += 1
            s.caught += any(f.code == code and f.text == text for f in findings)
        for f in findings:
            fam = RULES[f.code].family
            if f.code in {"PU09", "GL01", "GL02", "GL03", "OT02", "SP02"}:  # hints, office rules
                continue
            target = scores.setdefault(fam, Score())
            target.reported += 1
            target.correct += planted and f.code == code and f.text == text
    if problems:
        raise InputError("测试集格式有误", problems)
    return scores
