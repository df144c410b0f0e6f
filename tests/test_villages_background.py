"""The problem sheet read by a helper process: the same table, and a fallback that loses nothing."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from test_villages_read import INDICATORS, problem, workbook

from docgen.villages import background, fastxlsx
from docgen.villages.validate import VillageReading, load_villages

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the helper needs fork"
)


def _table(tmp_path: Path) -> Path:
    villages = [["青石村", 96.2, 4], ["白沙村", 91.5, 2], ["红岩村", "九十", 3]]
    problems = [problem("青石村"), problem("白沙村", "20261231"), problem("黄泥村")]
    return workbook(tmp_path, villages, problems)


def test_the_helper_reads_the_problem_sheet_and_the_table_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _table(tmp_path)
    alone = load_villages(path, INDICATORS)
    parsed_here: list[str] = []
    real = fastxlsx._cells

    def record(part, raw, shared, styles):  # in the helper too, but only this list counts
        if os.getpid() == me:
            parsed_here.append(raw.name)
        return real(part, raw, shared, styles)

    me = os.getpid()
    monkeypatch.setattr(fastxlsx, "_cells", record)
    with VillageReading(path, background=True) as reading:
        helped = reading.load(INDICATORS)
    assert parsed_here == ["村情"]  # the problem sheet was parsed elsewhere
    assert helped == alone
    assert len(helped.problems) == 3  # 九十 in a number column, a bad date, an unknown village


def test_a_helper_that_dies_leaves_the_reading_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _table(tmp_path)
    monkeypatch.setattr(background, "_read", lambda *_: os._exit(1))
    with VillageReading(path, background=True) as reading:
        assert reading.load(INDICATORS) == load_villages(path, INDICATORS)


def test_closing_before_loading_ends_the_helper(tmp_path: Path) -> None:
    reading = VillageReading(_table(tmp_path), background=True)
    helper = reading._helper
    assert helper is not None
    reading.close()
    reading.close()  # twice is harmless
    with pytest.raises(ValueError):  # the process object is closed: it has ended
        helper._process.is_alive()
