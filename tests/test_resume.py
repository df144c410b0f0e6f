"""A batch killed part way goes on with --resume and gives the files of an uninterrupted run."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from docgen.pipeline import Made, Maker, Options, run_batch
from docgen.placing.resume import RESUME_LOG
from docgen.placing.staging import STAGING_PREFIX
from docgen.resources import builtin_dir

EXAMPLES = builtin_dir("examples")
DATA = EXAMPLES / "population.yaml"
VILLAGES = EXAMPLES / "villages.xlsx"

KILLED_RUN = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from docgen.pipeline import Maker, Options, run_batch

    made = Maker.make
    count = [0]

    def make_then_die(self, index):
        if count[0] == int(sys.argv[3]):
            os._exit(137)  # killed: no clean-up runs, as with a power cut
        count[0] += 1
        return made(self, index)

    Maker.make = make_then_die
    run_batch("notice", Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[4]), Options())
    """
)


def killed_run(out: Path, after: int) -> None:
    """A batch in another process, killed once ``after`` documents are made."""
    args = [sys.executable, "-c", KILLED_RUN, DATA, VILLAGES, str(after), out]
    assert subprocess.run([str(a) for a in args]).returncode == 137


def counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The indexes of the documents this process makes."""
    made, real = [], Maker.make

    def make(self: Maker, index: int) -> Made:
        made.append(index)
        return real(self, index)

    monkeypatch.setattr(Maker, "make", make)
    return made


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.docx"))}


def test_a_killed_batch_resumes_where_it_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = run_batch("notice", DATA, VILLAGES, tmp_path / "whole", Options())
    out = tmp_path / "out"
    killed_run(out, after=3)
    assert not list(out.glob("*.docx")) and (out / RESUME_LOG).is_file()
    made = counting(monkeypatch)
    resumed = run_batch("notice", DATA, VILLAGES, out, Options(resume=True))
    assert resumed.resumed == 3 and len(made) == len(whole.written) - 3
    assert files(out) == files(tmp_path / "whole")
    assert not (out / RESUME_LOG).exists() and not list(out.glob(STAGING_PREFIX + "*"))


def test_a_damaged_staged_file_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    killed_run(out, after=3)
    staged = sorted(p for folder in out.glob(STAGING_PREFIX + "*") for p in folder.iterdir())
    assert len(staged) == 3
    staged[0].write_bytes(staged[0].read_bytes()[:100])  # cut off by a power cut
    made = counting(monkeypatch)
    resumed = run_batch("notice", DATA, VILLAGES, out, Options(resume=True))
    assert resumed.resumed == 2 and len(made) == len(resumed.written) - 2
    run_batch("notice", DATA, VILLAGES, tmp_path / "whole", Options())
    assert files(out) == files(tmp_path / "whole")


def test_changed_inputs_start_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    killed_run(out, after=3)
    made = counting(monkeypatch)
    report = run_batch("notice", DATA, VILLAGES, out, Options(resume=True, check=False))
    assert report.resumed == 0 and len(made) == len(report.written)


def test_without_resume_a_new_run_starts_afresh_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    killed_run(out, after=3)
    made = counting(monkeypatch)
    report = run_batch("notice", DATA, VILLAGES, out, Options())
    assert report.resumed == 0 and len(made) == len(report.written)
    assert not list(out.glob(STAGING_PREFIX + "*")) and not (out / RESUME_LOG).exists()
