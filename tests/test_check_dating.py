"""Outdated terms are judged by the document's own date: option, front matter, text or render."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from click.testing import CliRunner

from docgen.check import CheckConfig, check_text, dating
from docgen.check.units import from_lines
from docgen.cli import main
from docgen.resources import builtin_dir


def outdated(text: str, as_of: dt.date | None = None) -> list[tuple[str, str, str]]:
    found = check_text(text, CheckConfig(as_of=as_of))
    return [(f.code, f.text, f.severity.value) for f in found if f.code.startswith("OT")]


def test_the_same_sentence_is_flagged_at_one_date_and_not_at_another() -> None:
    text = "对违反规定的，依法征收社会抚养费。"
    assert outdated(text, dt.date(2019, 6, 1)) == []
    assert outdated(text, dt.date(2022, 6, 1)) == [("OT01", "征收社会抚养费", "warning")]


def test_the_last_day_of_a_window_is_still_valid() -> None:
    text = "全面完成“十四五”规划目标任务。"
    assert outdated(text, dt.date(2025, 12, 31)) == []
    assert outdated(text, dt.date(2026, 1, 1)) == [("OT02", "“十四五”", "hint")]


def test_a_plan_period_is_not_flagged_in_a_text_dated_inside_it() -> None:
    text = "今年是“十四五”规划实施的关键一年，各村要抓好落实。\n\n青石镇人民政府\n2024年3月5日"
    assert outdated(text) == []
    later = text.replace("2024年3月5日", "2026年11月30日")
    assert outdated(later) == [("OT02", "“十四五”", "hint")]


def test_poverty_campaign_terms_are_current_in_2020() -> None:
    text = "二〇二〇年五月十日\n坚决打赢脱贫攻坚战，确保建档立卡贫困户全部脱贫。"
    assert outdated(text) == []
    assert [c for c, _, _ in outdated(text.replace("二〇二〇年五月十日", "2023年5月10日"))] == [
        "OT02",
        "OT02",
    ]


def test_a_document_without_a_date_gets_hints_that_say_so() -> None:
    found = check_text("过去几年，我们严格征收社会抚养费。")
    hits = [f for f in found if f.code == "OT01"]
    assert [f.severity.value for f in hits] == ["hint"]
    assert "未找到文档日期" in hits[0].message


def test_an_explicit_date_wins_over_the_date_in_the_text() -> None:
    text = "2019年3月5日\n依法征收社会抚养费。"
    assert outdated(text) == []
    assert [c for c, _, _ in outdated(text, dt.date(2023, 1, 1))] == ["OT01"]


def test_the_signing_date_line_wins_over_a_later_date_in_the_text() -> None:
    units = from_lines("各村于2027年1月16日前报送。\n会议定于2027年3月1日召开。\n2026年11月30日")
    assert dating.text_date(units) == dt.date(2026, 11, 30)


def test_without_a_date_line_the_latest_date_that_is_no_deadline_counts() -> None:
    units = from_lines("2021年3月5日在会议上的讲话\n各地要在2022年6月30日前完成。")
    assert dating.text_date(units) == dt.date(2021, 3, 5)
    units = from_lines("本条例自2021年12月1日起施行。2020年11月27日修正。")
    assert dating.text_date(units) == dt.date(2021, 12, 1)


def test_dates_in_chinese_numerals_and_impossible_dates() -> None:
    assert dating.date_line("（二〇二六年十一月二十八日）") == dt.date(2026, 11, 28)
    assert dating.date_line("2026年2月30日") is None
    assert dating.date_line("2026年11月28日召开会议") is None


def check_file(path: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", *args])
    return result.output


def test_markdown_front_matter_gives_the_date(tmp_path: Path) -> None:
    path = tmp_path / "稿.md"
    path.write_text("---\n成文日期: 2024-05-06\n---\n\n推进“十四五”规划实施。\n", encoding="utf-8")
    assert "OT02" not in check_file(path)
    assert "OT02" in check_file(path, "--date", "2026-02-01")


def test_a_situation_file_is_checked_as_of_its_earliest_signing_date(tmp_path: Path) -> None:
    path = tmp_path / "情况.yaml"
    path.write_text(
        "主题: 推进“十四五”规划落地\n发文:\n  通知:\n    成文日期: 2025-03-01\n"
        "  报告:\n    成文日期: 2026-02-05\n",
        encoding="utf-8",
    )
    assert "OT02" not in check_file(path)


def workspace(tmp_path: Path, meeting_day: str) -> Path:
    shutil.copytree(builtin_dir("examples"), tmp_path, dirs_exist_ok=True)
    data = tmp_path / "population.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("  日期: 2026-11-28", f"  日期: {meeting_day}", 1)
    text = text.replace("逐户上门讲解申领流程", "逐户上门讲解申领流程，不再征收社会抚养费")
    data.write_text(text, encoding="utf-8")
    return data


def test_render_checks_the_document_as_of_its_own_date(tmp_path: Path) -> None:
    data = workspace(tmp_path / "a", "2020-11-28")
    result = CliRunner().invoke(main, ["render", "speech", str(data), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "OT01" not in result.output
    data = workspace(tmp_path / "b", "2026-11-28")
    result = CliRunner().invoke(main, ["render", "speech", str(data), "-o", str(tmp_path / "p")])
    assert "警告 OT01" in result.output


def test_a_quoted_term_is_named_once_quoted_in_its_finding() -> None:
    (found,) = [f for f in check_text("全面完成“十四五”规划目标任务。") if f.code == "OT02"]
    assert found.message.startswith("“十四五”自") and "““" not in found.message
