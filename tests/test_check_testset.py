"""The labelled test set: every family catches its planted errors and spares the look-alikes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docgen.check import CheckConfig
from docgen.check.evaluate import score

TESTSET = Path(__file__).parent / "data" / "check_testset.tsv"


def test_recall_and_precision_per_family() -> None:
    scores = score(TESTSET, CheckConfig(as_of=dt.date(2026, 6, 1)))
    assert len(scores) == 10
    for family, s in scores.items():
        assert s.planted >= 3, family
        assert s.recall == 1.0, (family, s)
        assert s.precision == 1.0, (family, s)
