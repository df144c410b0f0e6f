"""Every speed-up gives exactly the bytes of the plain stages (docgen.speedups.PLAIN)."""

from __future__ import annotations

import gc
import multiprocessing
import shutil
from pathlib import Path

import pytest

from docgen.model import dump
from docgen.office import layout_for
from docgen.parse import parse_markdown
from docgen.pipeline import Options, build_document, kinds_in, render_files, run_batch
from docgen.speedups import PLAIN, Speedups, collector
from docgen.speedups.parse_cache import ParseCache
from docgen.speedups.prepared_writer import PreparedWriter
from docgen.word.time import creation_time
from docgen.word.writer import docx_bytes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [ROOT / "examples" / "population.yaml", ROOT / "examples" / "rural-environment.yaml"]
VILLAGES = ROOT / "examples" / "villages.xlsx"
TEMPLATES = ROOT / "tests" / "data" / "batch" / "templates"


def every_document() -> list:
    found = []
    for example in EXAMPLES:
        for kind in kinds_in(example):
            built = build_document(kind, example)
            office = built.loaded.office.office if built.loaded.office else None
            found.append((f"{example.stem}-{kind}", built, layout_for(office)))
    return found


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix == ".docx"}


def test_the_prepared_writer_gives_the_plain_bytes_for_every_kind() -> None:
    documents = every_document()
    assert len(documents) >= 9
    for name, built, profile in documents:
        document = built.document
        created = creation_time(document)
        plain = docx_bytes(document, profile, created=created)
        prepared = PreparedWriter(profile, document.page_numbers)
        assert prepared.docx(document, created) == plain, name
        assert prepared.docx(document, created) == plain, name  # blocks now remembered


def test_the_parse_cache_gives_the_plain_model_even_when_reused() -> None:
    cache = ParseCache()
    texts = [built.markdown for _, built, _ in every_document()]
    for text in [*texts, *texts]:  # the second round is served from the cache
        cached = parse_markdown(text, "模板", cache)
        plain = parse_markdown(text, "模板")
        assert dump(cached.document) == dump(plain.document)
        assert cached.document == plain.document


def test_a_batch_with_every_speed_up_writes_the_plain_bytes(tmp_path: Path) -> None:
    data = EXAMPLES[0]
    plain = run_batch("notice", data, VILLAGES, tmp_path / "plain", speed=PLAIN)
    fork = multiprocessing.get_context("fork")
    fast = run_batch(
        "notice", data, VILLAGES, tmp_path / "fast", speed=Speedups(jobs=2, context=fork)
    )
    assert plain.ok and fast.ok and len(plain.written) >= 8
    assert files(tmp_path / "plain") == files(tmp_path / "fast")


def test_one_village_alone_gets_the_bytes_it_gets_in_the_whole_batch(tmp_path: Path) -> None:
    """A batch of one, made plainly, against the same village in a fast batch of all."""
    data = EXAMPLES[0]
    whole = run_batch("notice", data, VILLAGES, tmp_path / "all", speed=Speedups(jobs=2))
    village = whole.written[3].stem.split("_")[0]
    alone = run_batch(
        "notice", data, VILLAGES, tmp_path / "one", Options(only=(village,)), speed=PLAIN
    )
    assert [p.name for p in alone.written] == [whole.written[3].name]
    assert alone.written[0].read_bytes() == whole.written[3].read_bytes()


def test_rendering_with_and_without_speed_ups_writes_the_same_bytes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "examples", data)
    render_files("all", data / "population.yaml", tmp_path / "plain", speed=PLAIN)
    render_files("all", data / "population.yaml", tmp_path / "fast", speed=Speedups())
    assert len(files(tmp_path / "plain")) == 6
    assert files(tmp_path / "plain") == files(tmp_path / "fast")


def test_a_rerun_writes_the_same_bytes(tmp_path: Path) -> None:
    run_batch("notice", EXAMPLES[0], VILLAGES, tmp_path / "first")
    run_batch("notice", EXAMPLES[0], VILLAGES, tmp_path / "second")
    assert files(tmp_path / "first") == files(tmp_path / "second")


def test_source_date_epoch_sets_the_recorded_time(monkeypatch: pytest.MonkeyPatch) -> None:
    _, built, _ = every_document()[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    assert creation_time(built.document).isoformat() == "2026-01-01T00:00:00+00:00"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert creation_time(built.document).date() == built.document.date


def test_the_collector_is_left_as_it_was() -> None:
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    with collector.frozen():
        assert gc.get_freeze_count() >= frozen
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_the_bytes_do_not_depend_on_what_else_the_process_imported() -> None:
    """openpyxl registers XML namespace prefixes in lxml: a 版记 written after it was
    imported once came out with other prefixes than one written without it."""
    import subprocess
    import sys

    script = (
        "import hashlib, sys\n"
        "if sys.argv[1] == 'yes': import openpyxl.reader.excel\n"
        "from docgen.pipeline import build_document\n"
        "from docgen.word.writer import docx_bytes\n"
        f"doc = build_document('notice', {str(EXAMPLES[0])!r}).document\n"
        "assert doc.imprint is not None\n"
        "print(hashlib.sha256(docx_bytes(doc)).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script, flag], capture_output=True, text=True, check=True
        ).stdout
        for flag in ("no", "yes")
    }
    assert len(digests) == 1


def _pid_and_sheets(path: Path) -> tuple[int, object]:
    import os

    from docgen.villages import read_sheets

    return os.getpid(), read_sheets(path)


def _dies_unless_here(path: Path) -> tuple[int, object]:
    import os

    if os.getpid() != _PARENT[0]:
        os._exit(3)  # the reading process killed halfway
    return _pid_and_sheets(path)


_PARENT = [0]


def test_the_early_reading_reads_in_another_process_what_this_one_would() -> None:
    import os

    from docgen.speedups.early_read import ForkedReading, reading

    with reading(_pid_and_sheets, VILLAGES, early=True) as early:
        assert isinstance(early, ForkedReading)
        pid, sheets = early.result()
    assert pid != os.getpid()
    assert sheets == _pid_and_sheets(VILLAGES)[1]


def test_a_reading_process_that_dies_leaves_the_reading_to_this_one() -> None:
    import os

    from docgen.speedups.early_read import reading

    _PARENT[0] = os.getpid()
    with reading(_dies_unless_here, VILLAGES, early=True) as early:
        pid, sheets = early.result()
    assert pid == os.getpid() and sheets == _pid_and_sheets(VILLAGES)[1]


def test_an_unreadable_table_gives_the_same_error_with_and_without_the_early_reading(
    tmp_path: Path,
) -> None:
    from docgen.errors import InputError

    bad = tmp_path / "村情表.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    messages = []
    for speed in (PLAIN, Speedups(jobs=2)):
        with pytest.raises(InputError) as info:
            run_batch("notice", EXAMPLES[0], bad, tmp_path / "out", speed=speed)
        messages.append(info.value.format_message())
    assert messages[0] == messages[1] and "村情表.xlsx" in messages[0]


def test_a_single_process_run_reads_the_table_itself() -> None:
    from docgen.speedups.early_read import ForkedReading

    with Speedups(jobs=1).read(_pid_and_sheets, VILLAGES) as alone:
        assert not isinstance(alone, ForkedReading)
    spawn = Speedups(jobs=2, context=multiprocessing.get_context("spawn"))
    with spawn.read(_pid_and_sheets, VILLAGES) as spawned:
        assert not isinstance(spawned, ForkedReading)
