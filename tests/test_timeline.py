"""Time in the data: each document is written as of its own date (figures, statuses, 台账)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from docgen.data.load import load_situation
from docgen.data.schema import Indicator, Status, Task
from docgen.errors import InputError
from docgen.facts.tasks import MONTHLY_WORDS
from docgen.facts.timeline import status_on
from docgen.model import Heading, dump
from docgen.pipeline import build_document
from docgen.resources import builtin_dir

EXAMPLES = builtin_dir("examples")
POPULATION = EXAMPLES / "population.yaml"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    return tmp_path / "population.yaml"


def text_of(kind: str, path: Path = POPULATION) -> str:
    return dump(build_document(kind, path).document)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- figures at several dates -------------------------------------------------------------------


def test_each_document_states_the_figures_known_on_its_date() -> None:
    speech, report = text_of("speech"), text_of("report")
    assert "出生登记及时率为93.5%" in speech  # 2026年11月28日: October's figure only
    assert "96.2%" not in speech
    # 2027年2月5日: January's figure, compared with October's.
    assert "出生登记及时率由93.5%提高到96.2%" in report
    assert "与2026年10月底相比" in report


def test_a_value_dated_after_the_document_is_left_out() -> None:
    ind = Indicator.model_validate(
        {"名称": "及时率", "数值": [{"日期": "2027-01-31", "数值": "96"}], "单位": "%"}
    )
    assert ind.as_of(day("2026-11-28")) is None
    assert ind.as_of(day("2027-02-05")).value == 96  # type: ignore[union-attr]


def test_baseline_is_the_first_value_and_current_the_last_known() -> None:
    ind = Indicator.model_validate(
        {
            "名称": "及时率",
            "数值": [
                {"日期": "2026-10-31", "数值": "90"},
                {"日期": "2026-12-31", "数值": "92"},
                {"日期": "2027-01-31", "数值": "95"},
            ],
        }
    )
    known = ind.as_of(day("2027-01-10"))
    assert known is not None
    assert (known.baseline.value, known.value) == (90, 92)  # type: ignore[union-attr]
    assert ind.as_of(day("2026-11-01")).baseline is None  # type: ignore[union-attr]


def test_a_single_number_under_the_old_names_is_still_read() -> None:
    ind = Indicator.model_validate({"名称": "及时率", "本镇": "93.5", "全县平均": "91.2"})
    assert (ind.value, ind.county_average, ind.baseline) == (
        ind.values[0].value,
        ind.county_average,
        None,
    )
    assert str(ind.value) == "93.5" and str(ind.county_average) == "91.2"
    assert Indicator.model_validate({"名称": "率", "本乡": "1"}).value == 1


def test_dated_values_out_of_order_are_refused_with_their_line(workspace: Path) -> None:
    text = workspace.read_text(encoding="utf-8")
    text = text.replace(
        "      - 日期: 2027-01-31\n        数值: 96.2\n",
        "      - 日期: 2026-09-30\n        数值: 96.2\n",
        1,
    )
    workspace.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_situation(workspace, "speech")
    [problem] = info.value.problems
    assert "不晚于上一条" in problem.message and "出生登记及时率" in problem.message
    assert problem.where.endswith(f":{text.splitlines().index('      - 日期: 2026-09-30') + 1}")


# --- statuses -----------------------------------------------------------------------------------


def task(**fields: object) -> Task:
    return Task.model_validate({"标题": "任务", "措施": ["做"], **fields})


def test_completed_counts_from_its_completion_date() -> None:
    done = task(时限="2026-12-31", 状态="已完成", 完成日期="2026-12-20")
    assert status_on(done, day("2026-12-25")).status is Status.DONE
    assert status_on(done, day("2026-12-10")).status is Status.IN_PROGRESS  # not yet done


def test_an_open_task_past_its_deadline_is_overdue() -> None:
    late = task(时限="2026-12-31", 状态="进行中")
    assert status_on(late, day("2026-12-31")).status is Status.IN_PROGRESS
    state = status_on(late, day("2027-01-01"))
    assert state.overdue and not state.open


def test_dated_progress_notes_give_the_status_of_their_time() -> None:
    noted = task(
        时限="2027-03-31",
        进展=[
            {"日期": "2026-12-01", "状态": "进行中", "情况": "已摸底"},
            {"日期": "2027-02-01", "状态": "已完成", "情况": "已建成"},
        ],
    )
    assert status_on(noted, day("2026-11-30")).status is None  # nothing known yet
    assert status_on(noted, day("2026-12-15")).text == "已摸底"
    assert status_on(noted, day("2027-02-05")).ledger_text() == "已于2月1日完成，已建成"


def test_done_without_a_completion_date_is_refused(workspace: Path) -> None:
    text = workspace.read_text(encoding="utf-8")
    text = text.replace("    完成日期: 2026-12-28\n", "", 1)
    workspace.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_situation(workspace, "report")
    [problem] = info.value.problems
    assert problem.message == "第1个任务的状态是“已完成”，缺少【完成日期】"
    assert "完成日期" in problem.hint


def test_a_completion_date_on_an_open_task_is_refused(workspace: Path) -> None:
    text = workspace.read_text(encoding="utf-8")
    text = text.replace("    状态: 已完成      #", "    状态: 进行中      #", 1)
    workspace.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_situation(workspace, "report")
    [problem] = info.value.problems
    assert problem.message == "第1个任务填了【完成日期】，状态却是“进行中”"


# --- the report after some deadlines ------------------------------------------------------------


def next_steps(text: str) -> str:
    """The report's 下一步 part: from "下一步，" to "特此报告。"."""
    return text[text.index("下一步，") : text.index("特此报告。")]


def test_a_report_after_some_deadlines_names_them_overdue_and_plans_only_open_work(
    workspace: Path,
) -> None:
    text = workspace.read_text(encoding="utf-8")
    # The report dated after the 托育 task's deadline (2027-03-31), nothing more done.
    text = text.replace("    成文日期: 2027-02-05\n", "    成文日期: 2027-04-15\n", 1)
    workspace.write_text(text, encoding="utf-8")
    report = dump(build_document("report", workspace).document)
    overdue = ("扩大普惠托育服务供给", "做实流动人口服务")
    sentence = next(s for s in report.split("。") if "未能按期完成" in s)
    for title in overdue:
        assert title in sentence, sentence
        assert title not in next_steps(report)
    assert "原定2027年3月31日前完成" in sentence
    assert "两项任务未能按期完成" in report
    # Completed tasks are said to be completed, and are not planned again either.
    assert "优化生育登记服务、推动育儿补贴应享尽享两项重点任务已经完成" in report
    assert "优化生育登记服务" not in next_steps(report)
    # What is left open is the monthly task, worded as such.
    headings = [
        b for b in build_document("report", workspace).document.blocks if isinstance(b, Heading)
    ]
    planned = [h.text for h in headings if h.body and "提高出生人口监测质量" in h.text]
    assert planned
    monthly = [w.split("{")[0] for w in MONTHLY_WORDS]
    assert sum(stem in next_steps(report) for stem in monthly) == 1


def test_the_ledger_progress_column_is_the_status_on_each_documents_date() -> None:
    def progress(kind: str) -> list[str]:
        rows = [line for line in text_of(kind).splitlines() if re.match(r"^　｜\d｜", line)]
        return [row.split("｜")[-3] for row in rows]  # 整改进展, before 备注

    notice, report = progress("notice"), progress("report")
    assert all(cell.startswith("进行中，") for cell in notice), notice
    assert report[0] == "已于12月28日完成，各村（社区）代办员全部到位并完成培训"
    assert report[2].startswith("逾期未完成，")
    assert "已于12月18日完成" in report[1]


def test_the_report_says_which_problems_are_rectified_and_which_are_overdue() -> None:
    report = text_of("report")
    assert (
        "从整改进展看，便民服务、政策落实、基础管理方面的问题已经整改到位；"
        "托育服务方面的问题已超过整改时限，尚未整改到位。"
    ) in report
