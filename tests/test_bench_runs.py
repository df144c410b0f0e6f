"""The batch benchmark still runs against the code as it is (it builds on docgen's stages)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import batch_speed  # noqa: E402


def test_every_scenario_of_the_batch_benchmark_makes_its_documents(tmp_path: Path) -> None:
    batch_speed.make_workspace(tmp_path, 6)
    for jobs, check in ((1, False), (2, False), (1, True)):
        found = batch_speed.run_docgen(tmp_path, jobs, check)
        assert found["docs"] == 6 and found["chars"] > 500
    peer = batch_speed.run_docxtpl(tmp_path)
    assert peer["docs"] == 6 and peer["chars"] > 500
