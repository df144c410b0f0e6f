"""Batch generation: one file per village, validation first, nothing lost, no leaks."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.errors import DocgenError, InputError, OutputError
from docgen.pipeline import Made, Maker, Options, Report, run_batch
from docgen.placing.journal import MANIFEST, read_manifest, sha256
from docgen.placing.names import unique_names
from docgen.placing.staging import STAGING_PREFIX
from docgen.speedups import Speedups
from docgen.speedups.workers import MAX_CHUNK, plan_chunks
from docgen.villages.columns import PROBLEM_COLUMNS
from docgen.villages.xlsx import SheetSpec, workbook_bytes

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "population.yaml"
TEMPLATES = ROOT / "tests" / "data" / "batch" / "templates"
HEAD = [
    "村",
    "出生登记及时率",
    "育儿补贴申领率",
    "每千人口拥有3岁以下婴幼儿托位数",
    "出生人口信息差错率",
    "流动人口育龄群众基本公共服务覆盖率",
]
VILLAGES = [
    ["东坪村", 97.2, 96.4, 4.8, 1.1, 91.3],
    ["西岭村", 91.7, 87.3, 3.4, 2.6, 80.7],
    ["南岗村", 86.1, 78.9, 1.6, 3.2, 72.9],
    ["北塘村", 94.1, 90.6, 3.7, 1.7, 86.5],
]


def problem(village: str, text: str, person: str = "张明") -> list:
    return [
        village,
        "基础管理",
        text,
        None,
        None,
        "逐户核对并补录",
        None,
        None,
        person,
        "2026-12-31",
        None,
        None,
    ]


PROBLEMS = [
    problem("东坪村", "婴幼儿家庭台账更新不及时"),
    problem("西岭村", "代办员没有公示"),
    problem("西岭村", "比对记录不规范", "李华"),
    problem("南岗村", "政策告知没有到户"),
    problem("北塘村", "居住登记不够及时"),
]


def table(tmp_path: Path, villages: list[list] = VILLAGES, problems: list[list] = PROBLEMS) -> Path:
    path = tmp_path / "村情表.xlsx"
    path.write_bytes(
        workbook_bytes(
            [
                SheetSpec("村情", [HEAD, *villages], [10] * 6),
                SheetSpec("问题", [list(PROBLEM_COLUMNS), *problems], [10] * 12),
            ]
        )
    )
    return path


def run(
    tmp_path: Path,
    villages: Path | None = None,
    *,
    context: object = None,
    progress: object = None,
    **options: object,
) -> Report:
    options.setdefault("templates", TEMPLATES)
    choices = Options(**options)  # type: ignore[arg-type]
    speed = Speedups(jobs=choices.jobs, context=context)
    table_path = villages or table(tmp_path)
    out = tmp_path / "out"
    return run_batch("notice", DATA, table_path, out, choices, progress=progress, speed=speed)


def text_of(path: Path) -> str:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


# --- the documents --------------------------------------------------------------------------


def test_one_document_per_village_with_only_its_own_figures(tmp_path: Path) -> None:
    result = run(tmp_path)
    assert result.ok
    assert sorted(p.name for p in result.written) == sorted(f"{v[0]}_通知.docx" for v in VILLAGES)
    for row in VILLAGES:
        text = text_of(tmp_path / "out" / f"{row[0]}_通知.docx")
        assert f"{row[0]}：" in text
        assert f"出生登记及时率为{row[1]}%" in text
        for other in VILLAGES:
            if other is not row:
                assert other[0] not in text
    west = text_of(tmp_path / "out" / "西岭村_通知.docx")
    assert "代办员没有公示" in west and "比对记录不规范" in west
    assert "政策告知没有到户" not in west
    assert "低于全镇水平（93.5%）1.8个百分点" in west  # 91.7 against the township's 93.5
    assert set(result.phases) == {"setup", "generate", "place"}
    assert all(seconds > 0 for seconds in result.phases.values())


def test_manifest_records_each_file(tmp_path: Path) -> None:
    run(tmp_path)
    lines = (tmp_path / "out" / MANIFEST).read_text(encoding="utf-8").splitlines()
    records = {r["file"]: r for r in map(json.loads, lines)}
    record = records["东坪村_通知.docx"]
    assert record["village"] == "东坪村"
    assert record["kind"] == "notice"
    assert record["sha256"] == sha256((tmp_path / "out" / "东坪村_通知.docx").read_bytes())
    assert record["data_sha256"] == sha256(DATA.read_bytes())
    assert record["template"].endswith("notice.md") and len(record["template_sha256"]) == 64
    assert record["docgen"] and record["generated"]


_REAL_MAKE = Maker.make
_TEST_PROCESS = os.getpid()


def test_spawned_workers_give_the_same_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    villages = table(tmp_path)
    single = run_batch("notice", DATA, villages, tmp_path / "one", Options(templates=TEMPLATES))
    two = tmp_path / "two"
    by_parent: list[str] = []

    def waiting_parent(self: Maker, index: int) -> Made:
        """Make nothing until the spawned worker (not patched) has staged a document."""
        by_parent.append(self.plan.villages[index].name)
        mine = str(self.stager._own_folder())
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any(
            str(folder) != mine and any(folder.iterdir())
            for folder in two.glob(STAGING_PREFIX + "*")
        ):
            time.sleep(0.01)
        return _REAL_MAKE(self, index)

    monkeypatch.setattr(Maker, "make", waiting_parent)
    spawn = Speedups(jobs=2, context=multiprocessing.get_context("spawn"))
    double = run_batch(
        "notice", DATA, villages, two, Options(templates=TEMPLATES, jobs=2), speed=spawn
    )
    assert double.ok and len(double.written) == len(single.written) == 4
    assert 0 < len(by_parent) < 4  # both the parent and the spawned worker made documents
    for path in single.written:
        assert (two / path.name).read_bytes() == path.read_bytes()
    assert len(double.latencies) == 4


# --- validation first ------------------------------------------------------------------------


def test_one_bad_row_writes_nothing(tmp_path: Path) -> None:
    rows = [*VILLAGES[:3], ["北塘村", "九十", 90.6, 3.7, 1.7, 86.5]]
    with pytest.raises(InputError) as info:
        run(tmp_path, table(tmp_path, rows))
    assert "村情表.xlsx “村情”表 第5行 B列（出生登记及时率）" in info.value.format_message()
    assert not (tmp_path / "out").exists()


def test_skip_invalid_writes_the_valid_villages(tmp_path: Path) -> None:
    rows = [*VILLAGES[:3], ["北塘村", "九十", 90.6, 3.7, 1.7, 86.5]]
    result = run(tmp_path, table(tmp_path, rows), skip_invalid=True)
    assert not result.ok
    assert list(result.skipped) == ["北塘村"]
    assert sorted(p.name for p in result.written) == sorted(
        f"{v[0]}_通知.docx" for v in VILLAGES[:3]
    )


def test_cli_skip_invalid_exits_one_and_lists_skipped(tmp_path: Path) -> None:
    rows = [*VILLAGES[:3], ["北塘村", "九十", 90.6, 3.7, 1.7, 86.5]]
    path = table(tmp_path, rows)
    out = tmp_path / "out"
    args = [
        "batch",
        "notice",
        str(DATA),
        "--villages",
        str(path),
        "-o",
        str(out),
        "--templates",
        str(TEMPLATES),
    ]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 1 and not out.exists()
    result = CliRunner().invoke(main, [*args, "--skip-invalid"])
    assert result.exit_code == 1
    assert "跳过 北塘村" in result.output
    assert len(list(out.glob("*.docx"))) == 3


# --- nothing lost ------------------------------------------------------------------------------


def test_hand_edited_file_is_kept_and_listed_before_anything_is_written(tmp_path: Path) -> None:
    villages = table(tmp_path)
    run(tmp_path, villages)
    edited = tmp_path / "out" / "西岭村_通知.docx"
    edited.write_bytes(b"edited in Word")
    other = tmp_path / "out" / "东坪村_通知.docx"
    before = other.stat().st_mtime_ns
    with pytest.raises(OutputError) as info:
        run(tmp_path, villages)
    assert str(edited) in info.value.format_message()
    assert edited.read_bytes() == b"edited in Word"
    assert other.stat().st_mtime_ns == before  # nothing at all was rewritten


def test_force_keeps_a_backup(tmp_path: Path) -> None:
    villages = table(tmp_path)
    run(tmp_path, villages)
    edited = tmp_path / "out" / "西岭村_通知.docx"
    edited.write_bytes(b"edited in Word")
    run(tmp_path, villages, force=True)
    backups = list((tmp_path / "out").glob("西岭村_通知.备份-*.docx"))
    assert [b.read_bytes() for b in backups] == [b"edited in Word"]
    assert "西岭村" in text_of(edited)


def test_interrupted_placement_is_completed_by_a_rerun(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    villages = table(tmp_path)
    real = os.replace
    calls = []

    def failing(source: object, target: object) -> None:
        if STAGING_PREFIX in str(source):  # a staged file, not a backup
            calls.append(1)
            if len(calls) == 3:
                raise KeyboardInterrupt
        real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path, villages)
    monkeypatch.setattr(os, "replace", real)
    out = tmp_path / "out"
    assert len(list(out.glob("*.docx"))) == 2
    assert not list(out.glob(".docgen-*")) or [p.name for p in out.glob(".docgen-*")] == [MANIFEST]
    assert len(read_manifest(out)) == 2  # the records of files not placed taken back
    result = run(tmp_path, villages)  # the two written files are docgen's: no --force needed
    assert result.ok and len(list(out.glob("*.docx"))) == 4
    assert not list(out.glob("*.tmp")) and not list(out.glob(STAGING_PREFIX + "*"))


def _die_in_a_worker(self: Maker, index: int) -> Made:
    if os.getpid() != _TEST_PROCESS:
        os._exit(3)
    return _REAL_MAKE(self, index)


def test_killed_worker_leaves_no_file_and_rerun_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    villages = table(tmp_path)
    monkeypatch.setattr(Maker, "make", _die_in_a_worker)
    with pytest.raises(DocgenError) as info:
        run(tmp_path, villages, jobs=2, context=multiprocessing.get_context("fork"))
    assert "重新运行" in info.value.format_message()
    out = tmp_path / "out"
    assert not list(out.glob("*.docx")) and not list(out.glob("*.tmp"))
    assert not list(out.glob(STAGING_PREFIX + "*"))  # the workers' staging folders too
    monkeypatch.setattr(Maker, "make", _REAL_MAKE)
    assert run(tmp_path, villages, jobs=2).ok
    assert not list(out.glob(STAGING_PREFIX + "*"))
    assert len(list(out.glob("*.docx"))) == 4


def _make_and_mark(self: Maker, index: int) -> Made:
    marks = self.plan.out_dir.parent / "marks"
    (marks / f"{index}-{os.getpid()}").write_text("", encoding="utf-8")
    return _REAL_MAKE(self, index)


def test_interrupting_a_parallel_batch_stops_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [[f"{name}村", *VILLAGES[0][1:]] for name in "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"]
    villages = table(tmp_path, [*rows, *[[f"{r[0]}二", *r[1:]] for r in rows]], [])
    (tmp_path / "marks").mkdir()
    monkeypatch.setattr(Maker, "make", _make_and_mark)

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(
            tmp_path,
            villages,
            jobs=2,
            progress=interrupt,
            context=multiprocessing.get_context("fork"),
        )
    made = len(list((tmp_path / "marks").iterdir()))
    assert made <= 20  # chunks not yet handed to the worker were cancelled (all: 36)
    out = tmp_path / "out"
    assert not list(out.glob("*.docx")) and not list(out.glob(STAGING_PREFIX + "*"))


class _CannotBeRebuilt(Exception):
    def __init__(self, *, what: str) -> None:  # unpickling calls it without ``what``
        super().__init__()
        self.what = what


_WORKER_ERROR: list[Exception] = []  # what _fail_in_a_worker raises (forked: inherited)


def _fail_in_a_worker(self: Maker, index: int) -> Made:
    if os.getpid() != _TEST_PROCESS:
        raise _WORKER_ERROR[0]
    return _REAL_MAKE(self, index)


@pytest.mark.parametrize(
    ("error", "raised", "text"),
    [
        (LookupError("村里出了一个意外的错"), LookupError, "村里出了一个意外的错"),
        (_CannotBeRebuilt(what="意外"), RuntimeError, "_CannotBeRebuilt"),  # named instead
    ],
)
def test_an_error_in_a_worker_is_raised_here_and_nothing_is_written(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    raised: type[Exception],
    text: str,
) -> None:
    monkeypatch.setattr(Maker, "make", _fail_in_a_worker)
    monkeypatch.setattr(sys.modules[__name__], "_WORKER_ERROR", [error])
    with pytest.raises(raised, match=text) as info:
        run(tmp_path, jobs=2, context=multiprocessing.get_context("fork"))
    assert "_fail_in_a_worker" in str(info.value.__cause__)  # the worker's traceback
    out = tmp_path / "out"
    assert not list(out.glob("*.docx")) and not list(out.glob(STAGING_PREFIX + "*"))


@pytest.mark.parametrize(("count", "jobs"), [(1000, 2), (40, 2), (2, 2), (3, 4), (1000, 4)])
def test_chunks_cover_every_village_once_and_shrink_where_processes_meet(
    count: int, jobs: int
) -> None:
    chunks = plan_chunks(count, jobs)
    assert [i for chunk in chunks for i in chunk] == list(range(count))
    assert max(len(c) for c in chunks) <= MAX_CHUNK
    meet = count * (jobs - 1) // jobs
    near = [c for c in chunks if abs(c[0] - meet) <= 2 or abs(c[-1] + 1 - meet) <= 2]
    assert near and all(len(c) <= 2 for c in near)  # finishing together, not a chunk apart


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_template_error_is_reported_with_the_tables_problems(tmp_path: Path, jobs: int) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "notice.md").write_text("# 通知\n\n{% for %}\n", encoding="utf-8")
    bad_table = table(tmp_path, [["东坪村", "九十七", 96.4, 4.8, 1.1, 91.3]], [])
    with pytest.raises(InputError) as info:
        run(tmp_path, bad_table, templates=templates, jobs=jobs)
    message = info.value.format_message()
    assert "notice.md" in message and "九十七" in message  # both, in one report
    with pytest.raises(InputError) as info:  # the table put right: now the template
        run(tmp_path, table(tmp_path), templates=templates)
    assert "notice.md" in info.value.format_message()


# --- names -------------------------------------------------------------------------------------


def test_unsafe_village_names_become_safe_unique_file_names() -> None:
    villages = ["CON", "东坪/西岭", "东坪:西岭", "村.", "aux村", "Nul"]
    names = unique_names([f"{village}_通知" for village in villages])
    assert names == [
        "CON_通知.docx",
        "东坪_西岭_通知.docx",
        "东坪_西岭_通知（2）.docx",
        "村._通知.docx",
        "aux村_通知.docx",
        "Nul_通知.docx",
    ]
    assert unique_names(["CON_通知"], ".x") == ["CON_通知.x"]
    for name in names:
        assert not re.search(r'[\\/:*?"<>|]', name)
        assert not name.removesuffix(".docx").endswith((".", " "))


def test_reserved_and_trailing_dot_names_when_nothing_else_is_added() -> None:
    from docgen.placing.names import safe_filename

    assert safe_filename("CON_通知".removesuffix("_通知")) == "_CON.docx"
    assert safe_filename("村. ") == "村.docx"


# --- leaks -------------------------------------------------------------------------------------


def test_another_villages_name_is_a_leak(tmp_path: Path) -> None:
    problems = [*PROBLEMS[:3], problem("南岗村", "政策告知没有到户，与东坪村情况相同"), PROBLEMS[4]]
    with pytest.raises(InputError) as info:
        run(tmp_path, table(tmp_path, problems=problems))
    message = info.value.format_message()
    assert "南岗村的文档中出现了东坪村的内容：村名“东坪村”" in message
    assert not (tmp_path / "out").exists()


def test_another_villages_figure_is_a_leak(tmp_path: Path) -> None:
    problems = [*PROBLEMS[:4], problem("北塘村", "托位数只有4.8个")]  # 4.8 is 东坪村's figure
    with pytest.raises(InputError) as info:
        run(tmp_path, table(tmp_path, problems=problems))
    message = info.value.format_message()
    assert (
        "北塘村的文档中出现了东坪村的内容：数字“4.8”（东坪村的每千人口拥有3岁以下婴幼儿托位数）"
        in message
    )


def test_township_figures_are_not_leaks(tmp_path: Path) -> None:
    problems = [*PROBLEMS[:4], problem("北塘村", "托位数低于全镇的3.2个")]  # the township's own
    assert run(tmp_path, table(tmp_path, problems=problems)).ok


def test_check_errors_are_traced_to_the_template_line(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    for source in TEMPLATES.iterdir():
        (templates / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    notice = templates / "notice.md"
    lines = notice.read_text(encoding="utf-8").splitlines()
    # A typo in the template's own wording, on a body line after the front matter.
    body = [i for i, line in enumerate(lines) if line.strip() == "---"][1] + 1
    index = next(
        i for i in range(body, len(lines)) if lines[i].strip() and lines[i][0] not in "#:-{|"
    )
    lines[index] = "各村要认真布署，" + lines[index]
    notice.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        run(tmp_path, templates=templates)
    wheres = {p.where for p in info.value.problems}
    assert wheres == {f"{notice}:{index + 1}"}, wheres
    assert all("TY01" in p.message for p in info.value.problems)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.docx"))


def test_each_village_plan_carries_only_its_own_ledger(tmp_path: Path) -> None:
    result = run_batch("plan", DATA, table(tmp_path), tmp_path / "out")
    assert result.ok and len(result.written) == len(VILLAGES)
    texts = {path.name.split("_")[0]: text_of(path) for path in result.written}
    for village, text in texts.items():
        assert f"{village}人口和家庭发展工作问题整改台账" in text
        own = [p[2] for p in PROBLEMS if p[0] == village]
        others = [p[2] for p in PROBLEMS if p[0] != village]
        assert all(problem in text for problem in own), village
        assert not any(problem in text for problem in others), village


def _templates_with(tmp_path: Path, section: str) -> Path:
    """The test templates with ``section`` added before the end of the notice."""
    templates = tmp_path / "tpl"
    templates.mkdir(parents=True)
    for source in TEMPLATES.iterdir():
        (templates / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    notice = templates / "notice.md"
    notice.write_text(notice.read_text(encoding="utf-8") + "\n" + section, encoding="utf-8")
    return templates


RANKING = (
    "{% if 各村 %}全镇各村出生登记及时率：{% for 项 in 各村 %}{{ 项.名称 }}"
    "{{ 项.指标.出生登记及时率 }}%{{ '、' if not loop.last }}{% endfor %}。{% endif %}\n\n"
)


def test_a_cross_village_section_is_exempt_from_the_leak_check(tmp_path: Path) -> None:
    plain = _templates_with(tmp_path / "a", RANKING)
    with pytest.raises(InputError) as info:  # every village's document names the others
        run(tmp_path / "a", templates=plain)
    assert "串村" in info.value.format_message()
    declared = _templates_with(tmp_path / "b", "::: 跨村\n" + RANKING + ":::\n")
    result = run(tmp_path / "b", templates=declared)
    assert result.ok and len(result.written) == len(VILLAGES)
    assert "北塘村" in text_of(next(p for p in result.written if p.name.startswith("东坪村")))


def test_batch_warnings_name_each_village_once() -> None:
    """The same suspicion twice in one village's notice names that village once, counted."""
    from docgen.commands.batch import warning_lines
    from docgen.errors import Problem

    spelled = Problem("", "SP01 “镇”疑为“证”")
    other = Problem("", "PU05 重复的标点")
    lines = warning_lines(
        [("石门村", spelled), ("石门村", spelled), ("龙潭村", spelled), ("石门村", other)]
    )
    assert lines == ["SP01 “镇”疑为“证”（石门村2处、龙潭村）", "PU05 重复的标点（石门村）"]
    many = warning_lines([(f"村{i}", other) for i in range(7)])
    assert many == ["PU05 重复的标点（村0、村1、村2、村3、村4等7个村）"]
