"""The whole CLI speaks Chinese: every --help and the usual usage errors, python -m docgen,
shell completion, and a progress bar on a terminal."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.commands import progress
from docgen.data.schema import KINDS
from docgen.pipeline import ALL
from docgen.resources import builtin_dir

EXAMPLE = builtin_dir("examples") / "population.yaml"
#: English a Chinese help text may still show: program, format and product names.
ALLOWED = {"docgen", "docx", "xlsx", "yaml", "pdf", "gbk", "json", "word", "wps", "excel"}
ALLOWED_PHRASES = ("UTF-8", "Big5", "LibreOffice")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="docgen")


def commands(group: click.Group = main, path: tuple[str, ...] = ()):
    """Every command and sub-command as (path, command), the group itself first."""
    yield path, group
    with click.Context(group) as ctx:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if isinstance(command, click.Group):
                yield from commands(command, (*path, name))
            else:
                yield (*path, name), command


ALL_COMMANDS = list(commands())
#: Words a user types: command names, kind names, and default file names the help shows.
TYPED = (
    {part for path, _ in ALL_COMMANDS for name in path for part in name.split("-")}
    | set(KINDS)
    | {ALL}
    | {
        part
        for _, command in ALL_COMMANDS
        for param in command.params
        if isinstance(param.default, Path)
        for part in re.findall(r"[A-Za-z]+", str(param.default))
    }
)


def english_words(text: str) -> list[str]:
    """English words in ``text`` other than option names, file names, paths, rule codes and
    the allowed names."""
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, " ")
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)  # --force, -o
    text = re.sub(r"[^\s“”（）【】，。；：、]*[/\\][^\s“”（）【】，。；：、]*", " ", text)  # paths
    text = re.sub(r"[\w-]*\.[A-Za-z]{2,5}\b", " ", text)  # file names and extensions
    text = re.sub(r"\b[A-Z]{2}\d{2}\b", " ", text)  # rule codes (PU01)
    words = re.findall(r"[A-Za-z]{2,}", text)
    return [w for w in words if w.lower() not in ALLOWED and w not in TYPED]


def test_the_english_word_finder_finds_english() -> None:
    assert english_words("Usage: docgen [OPTIONS] TEXT [required]") == [
        "Usage",
        "OPTIONS",
        "TEXT",
        "required",
    ]
    assert english_words("用 --force 覆盖 docs/村情表.md、.xlsx；PU01，UTF-8，render") == []


@pytest.mark.parametrize(
    "path", [path for path, _ in ALL_COMMANDS], ids=lambda v: " ".join(v) or "docgen"
)
def test_every_help_is_chinese(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert _CHINESE.search(result.output)
    assert english_words(result.output) == [], result.output


def _filler(param: click.Parameter, tmp: Path) -> str:
    """A valid value, so that only the error under test is raised."""
    kind = param.type
    if isinstance(kind, click.Choice):
        return str(kind.choices[0])
    if isinstance(kind, click.IntRange | click.types.IntParamType):
        return "1"
    if isinstance(kind, click.Path):
        return str(EXAMPLE if kind.file_okay else tmp)
    return "speech"


def _base(command: click.Command, tmp: Path) -> list[str]:
    args: list[str] = []
    for param in command.params:
        if isinstance(param, click.Argument) and param.required:
            args.append(_filler(param, tmp))
        elif isinstance(param, click.Option) and param.required:
            args += [param.opts[-1], _filler(param, tmp)]
    return args


def usage_errors(tmp: Path) -> list[tuple[str, list[str]]]:
    """(name, arguments) of every usage error the CLI's parameters allow."""
    cases: list[tuple[str, list[str]]] = []
    for path, command in ALL_COMMANDS:
        label = " ".join(path) or "docgen"
        if isinstance(command, click.Group):
            cases.append((f"{label}: unknown command", [*path, "没有这个命令"]))
            continue
        base = _base(command, tmp)
        cases.append((f"{label}: unknown option", [*path, *base, "--bogus"]))
        arguments = [p for p in command.params if isinstance(p, click.Argument) and p.required]
        if arguments:
            cases.append((f"{label}: missing argument", [*path, *base[: len(arguments) - 1]]))
        for param in command.params:
            if not isinstance(param, click.Option) or param.is_flag:
                continue
            if isinstance(param.type, click.Choice):
                cases.append((f"{label}: bad choice", [*path, *base, param.opts[-1], "随便"]))
            if isinstance(param.type, click.types.IntParamType):
                cases.append((f"{label}: bad int", [*path, *base, param.opts[-1], "许多"]))
            if isinstance(param.type, click.Path) and param.type.exists:
                missing = str(tmp / "没有这个文件")
                cases.append((f"{label}: missing file", [*path, *base, param.opts[-1], missing]))
        for index, param in enumerate(arguments):
            if isinstance(param.type, click.Path) and param.type.exists:
                args = list(base)
                args[index] = str(tmp / "没有这个文件")
                cases.append((f"{label}: missing file", [*path, *args]))
    return cases


def test_every_usage_error_is_chinese(tmp_path: Path) -> None:
    cases = usage_errors(tmp_path)
    kinds = {name.split(": ")[1] for name, _ in cases}
    assert kinds == {
        "unknown command",
        "unknown option",
        "missing argument",
        "bad choice",
        "bad int",
        "missing file",
    }
    for name, args in cases:
        result = run(*args)
        assert result.exit_code == 2, (name, args, result.output)
        assert "错误：" in result.output, (name, result.output)
        assert english_words(result.output) == [], (name, result.output)


def test_a_missing_argument_is_named_in_chinese_quotes() -> None:
    result = run("render", "speech")
    assert "缺少参数“情况文件”。" in result.output


def test_a_bad_number_names_the_option_and_the_type() -> None:
    result = run("batch", "notice", str(EXAMPLE), "--villages", str(EXAMPLE), "-j", "many")
    assert "“-j” / “--jobs” 的值无效：“many”不是有效的整数。" in result.output


def test_help_shows_required_and_types_in_chinese() -> None:
    batch = run("batch", "--help").output
    assert "[必填]" in batch and "-j, --jobs 整数" in batch
    assert "[required]" not in batch and "INTEGER" not in batch


def test_the_old_english_format_value_is_still_accepted(tmp_path: Path) -> None:
    sample = tmp_path / "样稿.txt"
    sample.write_text("各村要抓好落实。\n", encoding="utf-8")
    assert run("check", str(sample), "--format", "text").exit_code == 0
    assert run("check", str(sample), "--format", "文本").exit_code == 0


def test_help_never_breaks_a_word_across_lines() -> None:
    text = run("batch", "--help").output
    for kind in KINDS:
        assert kind in text  # minutes, bulletin … whole, wherever the line ends


def test_python_m_docgen_runs_the_same_command(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "docgen", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        check=True,
    )
    assert done.stdout.startswith("用法：docgen [选项] 命令")


def _complete(tmp_path: Path, **env: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "docgen"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env={**os.environ, **env},
        check=True,
    )
    return done.stdout


def test_shell_completion_as_documented(tmp_path: Path) -> None:
    script = _complete(tmp_path, _DOCGEN_COMPLETE="bash_source")
    assert "_docgen_completion" in script
    guide = (Path(__file__).parents[1] / "docs" / "命令行.md").read_text(encoding="utf-8")
    assert "_DOCGEN_COMPLETE=bash_source docgen" in guide
    words = _complete(
        tmp_path, _DOCGEN_COMPLETE="bash_complete", COMP_WORDS="docgen tem", COMP_CWORD="1"
    )
    assert "templates" in words


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_render_all_draws_a_progress_bar_on_a_terminal(tmp_path: Path, monkeypatch) -> None:
    screen = _Terminal()
    monkeypatch.setattr(progress, "terminal", lambda: screen)
    result = run("render", "all", str(EXAMPLE), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "生成中" in screen.getvalue() and "100%" in screen.getvalue()
    assert "生成中" not in result.output


def test_check_of_several_files_draws_a_bar_only_on_a_terminal(tmp_path: Path, monkeypatch) -> None:
    files = []
    for name in ("甲.txt", "乙.txt"):
        files.append(tmp_path / name)
        files[-1].write_text("各村要抓好落实。\n", encoding="utf-8")
    assert "检查中" not in run("check", *map(str, files)).output
    screen = _Terminal()
    monkeypatch.setattr(progress, "terminal", lambda: screen)
    run("check", *map(str, files))
    assert "检查中" in screen.getvalue()


def test_a_misspelt_command_names_the_nearest() -> None:
    result = run("rendr")
    assert result.exit_code == 2
    assert "没有“rendr”这个命令。是不是 render？" in result.output
    nested = run("templates", "chek")
    assert "是不是" in nested.output and "check" in nested.output
