"""The ``docgen`` command end to end: help, render, inspect, demo, every bad input of a clerk."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.pipeline import build_document
from docgen.resources import builtin_dir

EXAMPLES = builtin_dir("examples")
EXAMPLE = EXAMPLES / "population.yaml"
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="docgen")


def meeting_name(text: str) -> str:
    match = re.search(r"^会议:\n  名称: (.+)$", text, re.MULTILINE)
    assert match
    return match.group(1)


# --- help --------------------------------------------------------------------------------------


def test_main_help_is_chinese() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "由一份情况数据生成乡镇公文" in result.output
    for command in ("render", "inspect", "demo"):
        assert command in result.output


def command_names() -> list[str]:
    with click.Context(main) as ctx:
        return main.list_commands(ctx)


def test_core_commands_are_listed() -> None:
    assert {"render", "inspect", "demo"} <= set(command_names())


@pytest.mark.parametrize("command", command_names())
def test_each_command_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    usage, _, description = result.output.partition("\n\n")
    assert usage.startswith(f"用法：docgen {command} [选项]")
    assert _CHINESE.search(description.split("选项：")[0])
    assert "Options" not in result.output and "Show this message" not in result.output


def test_help_imports_neither_jieba_nor_docx(tmp_path: Path) -> None:
    code = (
        "import sys, docgen.cli; from click.testing import CliRunner; "
        "CliRunner().invoke(docgen.cli.main, ['--help']); "
        "print('jieba' in sys.modules, 'docx' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert done.stdout.strip() == "False False"


# --- render, inspect, demo ---------------------------------------------------------------------


def test_render_writes_title_docx_and_prints_path(tmp_path: Path) -> None:
    out = tmp_path / "输出"
    result = run("render", "speech", str(EXAMPLE), "-o", str(out))
    assert result.exit_code == 0, result.output
    expected = out / f"在{meeting_name(EXAMPLE_TEXT)}上的讲话.docx"
    assert result.stdout.strip() == str(expected)
    assert expected.is_file()
    assert expected.read_bytes()[:2] == b"PK"  # a .docx is a zip package


def test_render_accepts_the_chinese_kind_name(tmp_path: Path) -> None:
    result = run("render", "讲话稿", str(EXAMPLE), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert Path(result.stdout.strip()).is_file()


def test_render_refuses_to_overwrite_a_hand_edit_then_force(tmp_path: Path) -> None:
    first = run("render", "speech", str(EXAMPLE), "-o", str(tmp_path))
    path = Path(first.stdout.strip())
    path.write_bytes(b"edited")
    refused = run("render", "speech", str(EXAMPLE), "-o", str(tmp_path))
    assert refused.exit_code == 1
    assert path.name in refused.output
    assert "Traceback" not in refused.output
    assert path.read_bytes() == b"edited"
    forced = run("render", "speech", str(EXAMPLE), "-o", str(tmp_path), "--force")
    assert forced.exit_code == 0
    assert path.read_bytes()[:2] == b"PK"


def test_inspect_prints_the_speech_structure() -> None:
    result = run("inspect", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("文种：讲话稿　页码：居中\n")
    assert "我讲三点意见" in text
    headings = re.findall(r"^1级标题　(.)、", text, re.MULTILINE)
    assert headings == ["一", "二", "三"]
    leads = re.findall(r"〔2级引题：(.)要", text)
    assert leads == ["一", "二", "三", "四", "五"]
    assert text.index("1级标题　二、") < text.index("一要") < text.index("1级标题　三、")


def test_demo_writes_every_example(tmp_path: Path) -> None:
    result = run("demo", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 2
    for example in examples:
        title = build_document("speech", example).document.title
        assert (tmp_path / f"{title}.docx").is_file(), title
        assert example.name in result.stdout


# --- bad input: exit 1, file:line and field in Chinese, nothing written --------------------------


def line_of(text: str, fragment: str) -> int:
    """1-based line of the first line containing ``fragment``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(fragment)


def plant(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def duplicate_key(text: str) -> tuple[str, str, str]:
    text = plant(text, "  主办: 镇党委、镇政府\n", "  主办: 镇党委、镇政府\n  主办: 镇政府\n")
    return text, f":{line_of(text, '主办: 镇政府')}", "【会议 › 主办】"


def unknown_key(text: str) -> tuple[str, str, str]:
    text = plant(text, "    上级平均: 91.2\n", "    上级平均: 91.2\n    全县均值: 90\n")
    return text, f":{line_of(text, '全县均值')}", "【指标 › 第1项】"


def percent_in_number(text: str) -> tuple[str, str, str]:
    text = plant(text, "        数值: 88.6\n", '        数值: "85.67%"\n')
    return text, f":{line_of(text, '85.67%')}", "【指标 › 第2项 › 数值 › 第1项 › 数值】"


def impossible_date(text: str) -> tuple[str, str, str]:
    text = plant(text, "  日期: 2026-11-28\n", "  日期: 2026-02-30\n")
    return text, f":{line_of(text, '2026-02-30')}", "【会议 › 日期】"


def empty_section(text: str) -> tuple[str, str, str]:
    start = text.index("原因:\n")
    end = text.index("\n任务:\n")
    text = text[:start] + "原因:\n" + text[end:]
    return text, f":{line_of(text, '原因:')}", "【原因】"


PLANTS = {
    "duplicate key": duplicate_key,
    "unknown key": unknown_key,
    "85.67% in a number field": percent_in_number,
    "impossible date": impossible_date,
    "empty required section": empty_section,
}


def assert_refused(result: Result, out: Path) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "错误：" in result.output
    assert "未写出任何文件" in result.output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("name", list(PLANTS))
def test_each_bad_input_is_reported_and_nothing_written(tmp_path: Path, name: str) -> None:
    text, line, field = PLANTS[name](EXAMPLE_TEXT)
    data = tmp_path / "情况.yaml"
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run("render", "speech", str(data), "-o", str(out))
    assert_refused(result, out)
    assert f"情况.yaml{line}：{field}" in result.output
    assert "（共 1 处）" in result.output


def test_all_planted_problems_are_reported_together(tmp_path: Path) -> None:
    text = EXAMPLE_TEXT
    expected = []
    for plant_one in PLANTS.values():
        text, _, field = plant_one(text)
        expected.append(field)
    # Lines move as problems are planted: locate each again in the final text.
    lines = {
        "【会议 › 主办】": line_of(text, "主办: 镇政府"),
        "【指标 › 第1项】": line_of(text, "全县均值"),
        "【指标 › 第2项 › 数值 › 第1项 › 数值】": line_of(text, "85.67%"),
        "【会议 › 日期】": line_of(text, "2026-02-30"),
        "【原因】": line_of(text, "原因:"),
    }
    data = tmp_path / "情况.yaml"
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run("render", "speech", str(data), "-o", str(out))
    assert_refused(result, out)
    assert f"（共 {len(PLANTS)} 处）" in result.output
    for field in expected:
        assert f"情况.yaml:{lines[field]}：{field}" in result.output, field


def test_inspect_reports_bad_input_too(tmp_path: Path) -> None:
    text, line, field = impossible_date(EXAMPLE_TEXT)
    data = tmp_path / "情况.yaml"
    data.write_text(text, encoding="utf-8")
    result = run("inspect", str(data))
    assert result.exit_code == 1
    assert f"情况.yaml{line}：{field}" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_gbk_and_bom_files_render(tmp_path: Path, encoding: str) -> None:
    data = tmp_path / "情况.yaml"
    data.write_bytes(EXAMPLE_TEXT.replace("\n", "\r\n").encode(encoding))
    out = tmp_path / "out"
    result = run("render", "speech", str(data), "-o", str(out))
    assert result.exit_code == 0, result.output
    expected = out / f"在{meeting_name(EXAMPLE_TEXT)}上的讲话.docx"
    assert result.stdout.strip() == str(expected)
    assert expected.is_file()


def test_gbk_file_reads_the_same_as_utf8(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(EXAMPLE_TEXT.encode("gbk"))
    original = run("inspect", str(EXAMPLE)).stdout
    assert run("inspect", str(gbk)).stdout == original


def test_undecodable_file_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "情况.yaml"
    raw = EXAMPLE_TEXT.encode("utf-8")
    cut = raw.index("主题".encode())
    data.write_bytes(raw[:cut] + b"\xff\xfe\x80\x81 \xc0\n" + raw[cut:])
    out = tmp_path / "out"
    result = run("render", "speech", str(data), "-o", str(out))
    assert_refused(result, out)
    line = raw[:cut].count(b"\n") + 1
    assert f"情况.yaml:{line}" in result.output
    assert "编码" in result.output


# --- usage errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("render", "speech", str(EXAMPLE), "--no-such-option"),
        ("render", "speech"),
        ("render",),
        ("inspect",),
        ("no-such-command",),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run(*args, "-o", str(tmp_path)) if args[0] == "render" else run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [("render", "speech"), ("inspect",)])
def test_missing_data_file_is_bad_input_in_chinese(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    out = tmp_path / "out"
    extra = ("-o", str(out)) if command[0] == "render" else ()
    result = run(*command, str(tmp_path / "不存在的文件.yaml"), *extra)
    assert_refused(result, out)
    assert "不存在的文件.yaml：找不到这个文件" in result.output


def test_unknown_kind_lists_the_kinds(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("render", "memo", str(EXAMPLE), "-o", str(out))
    assert_refused(result, out)
    assert "memo" in result.output
    assert "speech（讲话稿）" in result.output


# --- the documents' arithmetic, recomputed here ----------------------------------------------

_INDICATOR = re.compile(
    r"- 名称: (?P<name>.+)\n    单位: \"?(?P<unit>[^\"\n]+)\"?\n    数值:\n"
    r"      - 日期: (?P<then>.+)\n        数值: (?P<before>.+)\n"
    r"      - 日期: (?P<now>.+)\n        数值: (?P<after>.+)\n"
    r"    目标: (?P<target>.+)\n    上级平均: (?P<county>.+)\n"
)


def plain(x: Decimal) -> str:
    return format(x.normalize(), "f")


def gap(d: Decimal, unit: str) -> str:
    """The difference as the documents say it: exact, or 近 and one decimal for two."""
    size = abs(d)
    if -size.as_tuple().exponent >= 2:
        rounded = size.quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
        if rounded > size:
            return "近" + plain(rounded) + ("个百分点" if unit == "%" else unit)
    return plain(size) + ("个百分点" if unit == "%" else unit)


def sentence_with(text: str, *parts: str) -> str:
    """The one sentence (or clause between ；) of ``text`` holding every part."""
    found = [s for s in re.split(r"[。；]", text) if all(p in s for p in parts)]
    assert found, parts
    return found[0]


def test_population_figures_are_computed_from_the_data_as_of_each_document() -> None:
    indicators = [m.groupdict() for m in _INDICATOR.finditer(EXAMPLE_TEXT)]
    assert len(indicators) == 5
    speech = run("inspect", str(EXAMPLE)).stdout  # 2026年11月28日: the October figures
    report = run("inspect", str(EXAMPLE), "-k", "report").stdout  # 2027年2月5日: both
    for ind in indicators:
        unit = ind["unit"]
        before, after, target = (Decimal(ind[k]) for k in ("before", "after", "target"))
        said = sentence_with(speech, ind["name"], f"为{ind['before']}{unit}")
        assert ind["after"] + unit not in speech  # a later figure is unknown on its date
        if before != target:
            assert gap(before - target, unit) in said, said
        was = f"{ind['before']}{unit}"
        assert gap(after - before, unit) in report or f"由{was}" in report or f"从{was}" in report
        told = sentence_with(report, ind["name"], f"{ind['after']}{unit}")
        if after != target:
            assert gap(after - target, unit) in told, told
    # Anchors worked out by hand: 95 − 93.5 in the speech, 96.2 − 93.5 in the report.
    assert "出生登记及时率为93.5%，比95%的目标要求低1.5个百分点" in speech
    assert "出生登记及时率由93.5%提高到96.2%，比95%的目标高出1.2个百分点" in report


# --- outputs the system refuses ----------------------------------------------------------------


@pytest.mark.parametrize("bad", ["under_a_file", "too_long"])
@pytest.mark.parametrize(
    "command",
    [
        ["render", "speech", str(EXAMPLE), "-o", "{out}"],
        [
            "batch",
            "notice",
            str(EXAMPLE),
            "--villages",
            str(EXAMPLES / "villages.xlsx"),
            "-o",
            "{out}",
        ],
        ["demo", "-o", "{out}"],
        ["new", "speech", "-o", "{out}/情况.yaml"],
        ["new", "村情表", "-o", "{out}/村情表.xlsx"],
        ["convert", str(EXAMPLE), "{out}/情况表.xlsx"],
        ["templates", "copy", "speech", "{out}"],
    ],
)
def test_an_output_the_system_refuses_is_a_chinese_message(
    tmp_path: Path, command: list[str], bad: str
) -> None:
    """A folder that cannot be made (a file stands in its path; a name longer than the file
    system allows): every writing command says so in Chinese, naming it — no traceback."""
    if bad == "under_a_file":
        (tmp_path / "a_file").write_text("x", encoding="utf-8")
        out = str(tmp_path / "a_file" / "sub")
    else:
        out = str(tmp_path / ("长" * 100))
    result = run(*[part.replace("{out}", out) for part in command])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "无法写入" in result.output and "-o" in result.output
    assert "Traceback" not in result.output and "Errno" not in result.output


@pytest.mark.parametrize(
    ("name", "kind"),
    [("讲话", "speech"), ("Speech", "speech"), ("方案", "plan"), ("会议纪要", "minutes")],
)
def test_a_clerks_other_name_for_a_kind_is_accepted(name: str, kind: str) -> None:
    from docgen.kinds import KINDS, chinese_kind
    from docgen.pipeline import resolve_kind

    assert resolve_kind(name) == kind and chinese_kind(name) == KINDS[kind]
    result = run("inspect", str(EXAMPLE), "-k", name)
    assert result.exit_code == 0, result.output
    assert f"文种：{KINDS[kind]}" in result.output
