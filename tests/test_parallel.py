"""Worker processes that start before the work is known and share chunks by counters."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from docgen.parallel import ChunkRunner


class _Maker:
    def __init__(self, marker: Path, late: str) -> None:
        self.marker, self.late = marker, late

    def make(self, index: int) -> tuple[int, str, int]:
        return index, self.late, os.getpid()


def _prepare(marker: Path) -> Path:
    marker.write_text(str(os.getpid()), encoding="utf-8")  # prepared, before any work
    return marker


def _finish(marker: Path, late: str) -> _Maker:
    return _Maker(marker, late)


def _prepare_slowly(marker: Path) -> None:
    time.sleep(60)
    marker.write_text("prepared", encoding="utf-8")


def _prepare_until(flag: Path) -> Path:
    """Prepare until the test says so (or half a minute), noting which came first."""
    for _ in range(600):
        if flag.exists():
            break
        time.sleep(0.05)
    seen = flag.with_suffix(".seen")
    seen.write_text("flag" if flag.exists() else "timeout", encoding="utf-8")
    return seen


def _wait_for(path: Path) -> None:
    for _ in range(600):  # a spawned interpreter can take a while to start
        if path.exists():
            return
        time.sleep(0.05)
    raise AssertionError(f"{path} never appeared")


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_workers_prepare_before_the_work_is_handed_over(tmp_path: Path, method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} on this system")
    marker = tmp_path / "prepared"
    with ChunkRunner(multiprocessing.get_context(method), 1, _prepare, (marker,)) as runner:
        _wait_for(marker)  # the worker prepared while nothing was handed over yet
        chunks = [[0, 1], [2], [3], [4, 5]]
        runner.begin(chunks, _finish, ("late",))
        mine = [i for n in runner.mine() for i in chunks[n]]
        theirs = list(runner.rest())
    assert sorted(mine + [i for i, _, _ in theirs]) == list(range(6))  # each exactly once
    worker = int(marker.read_text(encoding="utf-8"))
    assert all(late == "late" and pid == worker for _, late, pid in theirs)


def test_closing_before_the_work_is_handed_over_ends_the_workers_at_once(tmp_path: Path) -> None:
    marker = tmp_path / "prepared"
    runner = ChunkRunner(multiprocessing.get_context("spawn"), 2, _prepare_slowly, (marker,))
    runner.close()  # ended, not waited for: they would prepare for a minute
    assert not runner._live and not marker.exists()


def test_a_large_hand_over_does_not_wait_for_a_worker_still_preparing(tmp_path: Path) -> None:
    flag = tmp_path / "go"
    with ChunkRunner(multiprocessing.get_context("spawn"), 1, _prepare_until, (flag,)) as runner:
        chunks = [[0], [1], [2], [3]]
        runner.begin(chunks, _finish, ("村" * 500_000,))  # 1.5 MB: more than a pipe holds
        flag.write_text("", encoding="utf-8")  # only now may the worker finish preparing
        made = [i for n in runner.mine() for i in chunks[n]]
        made += [i for i, _, _ in runner.rest()]
    assert sorted(made) == [0, 1, 2, 3]
    assert flag.with_suffix(".seen").read_text(encoding="utf-8") == "flag"
