"""``docgen templates check``: each error class on a broken copy of a real template, located
at file:line:column, all at once, in Chinese; ``docgen render`` runs the same check."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.resources import builtin_dir

BUILTIN = builtin_dir("templates")
EXAMPLES = builtin_dir("examples")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="docgen")


def broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of the built-in ``name`` in tmp_path/templates with ``old`` replaced once."""
    text = (BUILTIN / name).read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    target = folder / name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def check(tmp_path: Path, *names: str) -> Result:
    return run("templates", "check", *names, "--templates", str(tmp_path / "templates"))


def test_the_builtin_templates_pass_the_check(tmp_path: Path) -> None:
    (tmp_path / "空").mkdir()
    result = run("templates", "check", "--templates", str(tmp_path / "空"))
    assert result.exit_code == 0, result.output
    assert "错误 0 处，提醒 0 处" in result.output


def test_a_templates_folder_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    """Not a silent all-clear on the built-in templates (a misspelt folder name)."""
    result = run("templates", "check", "--templates", str(tmp_path / "模版"))
    assert result.exit_code == 1
    assert "找不到模板文件夹" in result.output and "模版" in result.output


def test_check_run_inside_the_templates_folder_checks_its_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A secretary who opened the templates folder runs the check there: its files are
    checked, not the built-in ones."""
    path = broken(tmp_path, "speech.md", "{{ 会议.主办 }}", "{{ 会议.主半 }}")
    monkeypatch.chdir(path.parent)
    result = run("templates", "check")
    assert result.exit_code == 1, result.output
    assert "主半" in result.output
    (tmp_path / "别处").mkdir()
    monkeypatch.chdir(tmp_path / "别处")  # neither templates nor a templates folder here
    elsewhere = run("templates", "check")
    assert elsewhere.exit_code == 0 and "没有找到本单位的 templates 文件夹" in elsewhere.output


# --- syntax at the line where the construct opens ------------------------------------------------


def test_an_unclosed_for_is_reported_where_it_opens(tmp_path: Path) -> None:
    path = broken(
        tmp_path, "speech.md", "{% endfor %}\n## {{ 讲话.标题.保障", "\n## {{ 讲话.标题.保障"
    )
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    opening = line_of(path, "{% for 项 in 要办 %}")
    assert f"speech.md:{opening}:1：这里开始的循环 {{% for … %}} 没有对应的 {{% endfor %}}" in (
        result.output
    )
    last = len(path.read_text(encoding="utf-8").splitlines())
    assert f"speech.md:{last}:" not in result.output


def test_an_unclosed_if_is_reported_where_it_opens(tmp_path: Path) -> None:
    path = broken(tmp_path, "speech.md", "{% endif %}\n### 问题不容忽视", "\n### 问题不容忽视")
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    opening = line_of(path, "{% if 概况 %}")
    assert f"speech.md:{opening}:1：这里开始的条件 {{% if … %}} 没有对应的 {{% endif %}}" in (
        result.output
    )


def test_a_stray_end_tag_is_reported_at_itself(tmp_path: Path) -> None:
    path = broken(tmp_path, "speech.md", "下面，", "{% endif %}下面，")
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    assert f"speech.md:{line_of(path, '{% endif %}下面')}:1：多余的 {{% endif %}}" in result.output


def test_other_syntax_errors_are_chinese_at_their_line(tmp_path: Path) -> None:
    path = broken(tmp_path, "speech.md", "{{ 会议.主办 }}", "{{ 会议 主办 }}")
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    line = line_of(path, "{{ 会议 主办 }}")
    assert re.search(
        rf"speech\.md:{line}:\d+：写法有误：这里应是“}}}}”，却读到了“主办”", result.output
    )
    assert "expected token" not in result.output


# --- names --------------------------------------------------------------------------------------


def test_a_misspelt_field_names_the_nearest_field_and_the_choices(tmp_path: Path) -> None:
    path = broken(tmp_path, "speech.md", "{{ 会议.主办 }}", "{{ 会议.主半 }}")
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    line = line_of(path, "会议.主半")
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index("主半") + 1
    assert (
        f"speech.md:{line}:{column}：【会议】下没有【主半】，您是不是要写 {{{{ 会议.主办 }}}}？"
        in (result.output)
    )
    assert "名称、主办、日期、讲话人、主要任务、此前发言、标题" in result.output


def test_a_misspelt_field_of_a_loop_item_is_found(tmp_path: Path) -> None:
    # the item the macro 列举 hands its {% call %} block: a 问题 of the loop inside the macro
    path = broken(tmp_path, "speech.md", "{{ 项.内容 | 去句号 }}", "{{ 项.内谷 | 去句号 }}")
    result = check(tmp_path, "speech")
    assert f"speech.md:{line_of(path, '项.内谷')}:" in result.output
    assert "您是不是要写 {{ 项.内容 }}" in result.output


def test_a_misspelt_derived_fact_is_found(tmp_path: Path) -> None:
    broken(tmp_path, "_village.md", "{{ 项.对标.表述 }}", "{{ 项.对标.表示 }}")
    result = check(tmp_path, "notice")
    assert "【项.对标】下没有【表示】，您是不是要写 {{ 项.对标.表述 }}？" in result.output


def test_a_misspelt_fact_of_a_filtered_list_is_found(tmp_path: Path) -> None:
    # 概况 is 指标 filtered (``… | list if 指标 else []``): its items are still indicators
    broken(tmp_path, "speech.md", "{{ 项.说法 }}{% endfor +%}", "{{ 项.说发 }}{% endfor +%}")
    result = check(tmp_path, "speech")
    assert "【项】下没有【说发】，您是不是要写 {{ 项.说法 }}？" in result.output


def test_a_misspelt_fact_of_joined_lists_is_found(tmp_path: Path) -> None:
    # 要办 is 任务分组.待办 + 任务分组.逾期: its items are tasks
    broken(tmp_path, "speech.md", "{{ 项.时限说法 }}", "{{ 项.时限说发 }}")
    result = check(tmp_path, "speech")
    assert "【项】下没有【时限说发】，您是不是要写 {{ 项.时限说法 }}？" in result.output


def test_a_fact_issue_14_renamed_is_told_its_new_name(tmp_path: Path) -> None:
    # an office template written before 本镇 became 现值 (and 对县 对上级)
    path = broken(tmp_path, "speech.md", "{{ 项.说法 }}{% endfor +%}", "{{ 项.本镇 }}{% endfor +%}")
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    assert f"speech.md:{line_of(path, '项.本镇')}:" in result.output
    assert "【项】下没有【本镇】：【本镇】已改名，指标的本单位数值现在是【现值】" in result.output
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    rendered = run("render", "speech", str(tmp_path / "population.yaml"), "-o", str(tmp_path / "o"))
    assert rendered.exit_code == 1 and "现在是【现值】" in rendered.output


def test_an_unknown_top_level_name_is_found(tmp_path: Path) -> None:
    broken(tmp_path, "speech.md", "围绕{{ 主题 }}", "围绕{{ 主体 }}")
    result = check(tmp_path, "speech")
    assert "模板用到了数据中没有的【主体】，您是不是要写 {{ 主题 }}？" in result.output


def test_a_field_of_a_list_is_explained(tmp_path: Path) -> None:
    broken(tmp_path, "speech.md", "{{ 结语 | 成句 }}", "{{ 结语 | 成句 }}{{ 指标.名称 }}")
    result = check(tmp_path, "speech")
    assert "【指标】是一组内容（列表），不能直接取【名称】" in result.output
    assert "{% for 项 in 指标 %}{{ 项.名称 }}{% endfor %}" in result.output


def test_an_unknown_filter_names_the_nearest_filter_and_lists_them(tmp_path: Path) -> None:
    path = broken(tmp_path, "speech.md", "{{ 项.内容 | 去句号 }}", "{{ 项.内容 | 去局号 }}")
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    assert f"speech.md:{line_of(path, '去局号')}:" in result.output
    assert "不认识的处理方法“| 去局号”，您是不是要写“| 去句号”？" in result.output
    assert "可用的处理方法：中文数字、计数、并列、序数、去句号、成句、单元格" in result.output
    assert "No filter" not in result.output


def test_a_name_misspelt_in_a_shared_part_is_reported_in_that_file(tmp_path: Path) -> None:
    path = broken(tmp_path, "_shared.md", "乡镇.党政 %}", "乡镇.党正 %}")
    result = check(tmp_path, "notice")
    assert result.exit_code == 1
    assert f"_shared.md:{line_of(path, '乡镇.党正')}:" in result.output
    assert "您是不是要写 {{ 乡镇.党政 }}" in result.output


def test_a_name_from_an_imported_part_is_checked(tmp_path: Path) -> None:
    broken(tmp_path, "notice.md", "{{ 共.通知标题 }}", "{{ 共.通知题目 }}")
    result = check(tmp_path, "notice")
    assert "_shared.md（内置模板） 中没有定义【通知题目】，您是不是要写 {{ 共.通知标题 }}？" in (
        result.output
    )


# --- full-width braces ----------------------------------------------------------------------------


def test_full_width_braces_are_not_a_field(tmp_path: Path) -> None:
    path = broken(tmp_path, "speech.md", "{{ 意见条数() }}", "｛｛ 意见条数() ｝｝")
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    line = line_of(path, "｛｛")
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index("｛｛") + 1
    assert f"speech.md:{line}:{column}：“｛｛”用了全角符号：这里不是字段" in result.output


@pytest.mark.parametrize("closer", ["｝｝", "}｝", "｝}", "％}", "%｝"])
def test_a_field_closed_with_full_width_braces_is_pointed_out(tmp_path: Path, closer: str) -> None:
    """Only the closer typed after the input method switched: the opener is half-width."""
    opener = "{%" if "%" in closer or "％" in closer else "{{"
    path = broken(tmp_path, "speech.md", "{{ 意见条数() }}", f"{opener} 意见条数() {closer}")
    result = check(tmp_path, "speech")
    assert result.exit_code == 1, result.output
    assert not result.exception or isinstance(result.exception, SystemExit)  # not a crash
    line = line_of(path, closer)
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index(closer) + 1
    assert f"speech.md:{line}:{column}：“{closer}”用了全角符号" in result.output


def test_render_reports_full_width_braces_as_not_a_field(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    broken(tmp_path, "speech.md", "{{ 意见条数() }}", "｛｛ 意见条数() ｝｝")
    result = run("render", "speech", str(tmp_path / "population.yaml"), "-o", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert "这里不是字段" in result.output
    assert "PU" not in result.output  # not a punctuation finding
    assert not (tmp_path / "o").exists()


# --- what a kind needs ----------------------------------------------------------------------------


def test_a_required_section_the_template_never_uses_is_pointed_out(tmp_path: Path) -> None:
    broken(tmp_path, "speech.md", "{{ 结语 | 成句 }}", "谢谢大家。")
    result = check(tmp_path, "speech")
    assert "提醒：模板没有用到【结语】：讲话稿要用这部分数据" in result.output
    assert result.exit_code == 0  # a reminder, not an error
    assert "提醒 1 处" in result.output


def test_a_section_read_only_through_its_regrouping_counts_as_used(tmp_path: Path) -> None:
    # speech.md reads 任务 only through 任务分组 (the tasks grouped by status): no reminder;
    # with that line gone nothing reads the tasks and the reminder comes back
    (tmp_path / "templates").mkdir()
    shutil.copyfile(BUILTIN / "speech.md", tmp_path / "templates" / "speech.md")
    assert "提醒 0 处" in check(tmp_path, "speech").output
    grouped = "{% set 要办 = 任务分组.待办 + 任务分组.逾期 %}"
    broken(tmp_path, "speech.md", grouped, "{% set 要办 = [] %}")
    result = check(tmp_path, "speech")
    assert "提醒：模板没有用到【任务】：讲话稿要用这部分数据" in result.output
    assert "提醒 1 处" in result.output


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("speech.md", "---\n文种: 讲话稿\n页码: 居中\n---\n", "", "删去了文件开头的设置"),
        (
            "speech.md",
            '# {{ 会议.标题 if 会议.标题 else "在" ~ 会议.名称 ~ "上的讲话" }}\n',
            "",
            "删去了文件标题",
        ),
        ("speech.md", "::: 称呼\n同志们：\n:::\n", "同志们：\n", "删去了“::: 称呼”区块"),
        (
            "notice.md",
            "::: 落款\n{{ 单位.发文机关.署名 }}\n{{ 通知.成文日期 }}\n:::\n",
            "",
            "删去了“::: 落款”区块",
        ),
        ("notice.md", "印发机关: {{ 单位.印发机关 }}\n", "", "开头的设置中少了“印发机关”"),
        ("report.md", '签发人: {{ 报告.签发人 | join("、") }}\n', "", "开头的设置中少了“签发人”"),
        ("minutes.md", "::: 名单\n", "", "删去了“::: 名单”区块"),
    ],
)
def test_a_block_that_must_stay_is_missed(
    tmp_path: Path, name: str, old: str, new: str, message: str
) -> None:
    broken(tmp_path, name, old, new)
    result = check(tmp_path, name)
    assert result.exit_code == 1, result.output
    assert re.search(rf"{re.escape(name)}:\d+:\d+：{re.escape(message)}", result.output)


def test_a_deleted_closing_fence_is_reported_at_its_block(tmp_path: Path) -> None:
    path = broken(tmp_path, "speech.md", "（{{ 会议.日期 }}）\n:::", "（{{ 会议.日期 }}）")
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    assert (
        f"speech.md:{line_of(path, '::: 副题')}:1：“::: 副题”区块没有结束的“:::”" in result.output
    )


def test_an_unknown_block_names_the_nearest(tmp_path: Path) -> None:
    broken(tmp_path, "speech.md", "::: 称呼", "::: 称乎")
    result = check(tmp_path, "speech")
    assert "不认识的区块“::: 称乎”，您是不是要写“::: 称呼”？" in result.output


# --- Markdown the writer cannot place -------------------------------------------------------------


@pytest.mark.parametrize(
    ("added", "message"),
    [
        ("- 一条列表", "出现了列表"),
        ("> 一段引用", "出现了引用块"),
        ("```", "出现了代码块"),
        ("## 一、加强领导", "标题自带序号"),
        ("正文中**加粗**的字", "“**”只能用在段首"),
    ],
)
def test_markdown_the_writer_cannot_place_is_found(
    tmp_path: Path, added: str, message: str
) -> None:
    path = broken(tmp_path, "speech.md", "下面，", f"{added}\n\n下面，")
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    assert f"speech.md:{line_of(path, added)}:" in result.output
    assert message in result.output


# --- all at once; names ---------------------------------------------------------------------------


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    text = (BUILTIN / "speech.md").read_text(encoding="utf-8")
    for old, new in [
        ("{{ 会议.主办 }}", "{{ 会议.主半 }}"),
        ("{{ 项.内容 | 去句号 }}", "{{ 项.内容 | 去局号 }}"),
        ("{{ 意见条数() }}点意见", "｛｛ 意见条数() ｝｝点意见"),
        ("{% endfor %}\n## {{ 讲话.标题.保障", "\n## {{ 讲话.标题.保障"),
        ("::: 称呼\n同志们：\n:::\n", "同志们：\n"),
    ]:
        assert old in text, old
        text = text.replace(old, new, 1)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "speech.md").write_text(text, encoding="utf-8")
    result = check(tmp_path, "speech")
    for words in ("主半", "去局号", "｛｛", "{% endfor %}", "::: 称呼"):
        assert words in result.output, words
    assert "错误 5 处" in result.output


def test_an_unknown_template_name_is_refused_with_the_names(tmp_path: Path) -> None:
    result = run("templates", "check", "speach")
    assert result.exit_code == 1
    assert "没有名为“speach”的模板" in result.output and "speech（讲话稿）" in result.output


def test_a_misspelt_file_name_in_the_folder_is_pointed_out(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    shutil.copyfile(BUILTIN / "speech.md", folder / "speach.md")
    result = check(tmp_path)
    assert "speach.md：提醒：这个文件不是任何文种的模板" in result.output


# --- docgen render runs the same check ------------------------------------------------------------


def test_render_stops_on_a_template_error_with_its_location(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    path = broken(tmp_path, "speech.md", "{{ 会议.主办 }}", "{{ 会议.主半 }}")
    result = run("render", "speech", str(tmp_path / "population.yaml"), "-o", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert f"speech.md:{line_of(path, '会议.主半')}:" in result.output
    assert "您是不是要写 {{ 会议.主办 }}" in result.output
    assert not (tmp_path / "o").exists()


def test_batch_stops_on_a_template_error(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    broken(tmp_path, "_village.md", "{{ 村.名称 }}自查", "{{ 村.名字 }}自查")
    result = run(
        "batch",
        "notice",
        str(tmp_path / "population.yaml"),
        "--villages",
        str(tmp_path / "villages.xlsx"),
        "-o",
        str(tmp_path / "o"),
    )
    assert result.exit_code == 1
    assert "_village.md:10:" in result.output and "您是不是要写 {{ 村.名称 }}" in result.output
    assert not list((tmp_path / "o").glob("*.docx")) if (tmp_path / "o").exists() else True


# --- numbering findings carry the template line ---------------------------------------------------


def test_a_numbering_finding_in_computed_text_points_at_the_template_line(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    # Skipping the second achievement makes the ordinals run 一是、三是: NB01 on the 三 the
    # filter computed, a character neither the data nor the template holds.
    loop = "{% call(项, 末) 列举(成绩) %}{{ 项 | 成句 }}{% endcall %}"
    skipping = (
        '{% for 项 in 成绩 %}{% if loop.index != 2 %}{{ loop.index | 序数("是") }}'
        "{{ 项 | 成句 }}{% endif %}{% endfor %}"
    )
    path = broken(tmp_path, "speech.md", loop, skipping)
    result = run("render", "speech", str(tmp_path / "population.yaml"), "-o", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert f"speech.md:{line_of(path, 'loop.index != 2')}：错误 NB01" in result.output
    assert "生成结果" not in result.output


def test_a_count_computed_in_a_shared_part_points_at_that_part(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    # A count announced in _shared.md that no longer matches the items after it (NB02).
    path = broken(
        tmp_path,
        "_shared.md",
        "重点围绕以下{{ 自查.内容 | length | 计数 }}个方面开展自查：",
        "重点围绕以下{{ ((自查.内容 | length) + 1) | 计数 }}个方面开展自查：",
    )
    result = run("render", "notice", str(tmp_path / "population.yaml"), "-o", str(tmp_path / "o"))
    assert f"_shared.md:{line_of(path, '重点围绕以下')}：" in result.output
    assert "NB02" in result.output and "生成结果" not in result.output


# --- web markup and typed numbers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("pasted", "needle", "said"),
    [
        ("详见[办事指南](http://zwfw.example.cn)。", "[", "链接"),
        ("各项工作<b>取得了</b>成效。", "<b", "网页标记"),
        ("第一段。<br>第二段。", "<b", "网页标记"),
        ('<span style="color:red">注意</span>安全。', "<s", "网页标记"),
    ],
)
def test_links_and_html_in_a_template_are_errors_in_check_and_render(
    tmp_path: Path, pasted: str, needle: str, said: str
) -> None:
    """Links and HTML would be printed as they stand: both commands refuse them."""
    path = broken(tmp_path, "speech.md", "{{ 意见条数() }}", "{{ 意见条数() }}" + pasted)
    result = check(tmp_path, "speech")
    assert result.exit_code == 1, result.output
    line = line_of(path, pasted)
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index(needle) + 1
    assert f"speech.md:{line}:{column}：出现了{said}" in result.output
    shutil.copytree(EXAMPLES, tmp_path / "ws", dirs_exist_ok=True)
    shutil.copytree(tmp_path / "templates", tmp_path / "ws" / "templates", dirs_exist_ok=True)
    rendered = run("render", "speech", str(tmp_path / "ws" / "population.yaml"), "-o", "o")
    assert rendered.exit_code == 1 and f"出现了{said}" in rendered.output


def test_a_comparison_in_a_tag_is_not_html(tmp_path: Path) -> None:
    broken(tmp_path, "speech.md", "{{ 意见条数() }}", "{% if 1 <b %}{% endif %}{{ 意见条数() }}")
    assert "网页标记" not in check(tmp_path, "speech").output


def test_a_number_typed_into_a_template_is_a_reminder(tmp_path: Path) -> None:
    path = broken(
        tmp_path,
        "speech.md",
        "{{ 意见条数() }}",
        "{{ 意见条数() }}全年共办理登记1200余件，完成率达到95.5%。",
    )
    result = check(tmp_path, "speech")
    assert result.exit_code == 0, result.output  # a reminder does not stop a run
    line = line_of(path, "1200余件")
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    for number in ("1200", "95.5%"):
        column = text.index(number) + 1
        assert f"speech.md:{line}:{column}：提醒：模板里直接写了数字“{number}”" in result.output
    assert "提醒 2 处" in result.output


def test_a_table_row_with_a_cell_too_many_is_an_error(tmp_path: Path) -> None:
    table = "\n\n| 项目 | 负责人 |\n|---|---|\n| 摸底 | 刘芳 | 多一格 |\n\n"
    path = broken(tmp_path, "speech.md", "{{ 意见条数() }}", "{{ 意见条数() }}" + table)
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    line = line_of(path, "多一格")
    assert f"speech.md:{line}:1：表格这一行有3格，表头有2格" in result.output


def test_settings_are_checked_at_the_template_line(tmp_path: Path) -> None:
    """What render would report at a line of the generated text, check reports at the
    template's own line: an unknown setting (with the nearest name) and a word a setting
    does not take."""
    path = broken(tmp_path, "speech.md", "页码: 居中", "页码: 中间\n字体: 宋体\n落宽: 盖章")
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    text = path.read_text(encoding="utf-8").splitlines()
    page, font, seal = (line_of(path, needle) for needle in ("页码: 中间", "字体", "落宽"))
    assert f"speech.md:{page}:5：页码“中间”无效，只能是：单双、居中、无" in result.output
    assert f"speech.md:{font}:1：不认识的设置“字体”" in result.output
    assert f"speech.md:{seal}:1：不认识的设置“落宽”，您是不是要写“落款”？" in result.output
    assert text[page - 1].index("中间") == 4


def test_a_heading_level_skipped_is_reported_at_the_template_line(tmp_path: Path) -> None:
    path = broken(
        tmp_path, "speech.md", "## {{ 讲话.标题.保障", "#### 一个小标题\n\n## {{ 讲话.标题.保障"
    )
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    line = line_of(path, "#### 一个小标题")
    assert f"speech.md:{line}:1：标题跳级：3级标题前面没有2级标题" in result.output


def test_a_syntax_error_is_placed_on_the_character_it_names(tmp_path: Path) -> None:
    """Jinja gives only the line: the column goes to the quoted culprit inside the tag, not
    to the line's first tag nor to the same character in the text before it."""
    path = broken(
        tmp_path, "speech.md", "{{ 意见条数() }}", "前文。{{ 意见条数() }}又写{{ 会议。名称 }}"
    )
    result = check(tmp_path, "speech")
    assert result.exit_code == 1
    line = line_of(path, "会议。名称")
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    column = text.index("会议。") + 3
    assert f"speech.md:{line}:{column}：出现了这里不能用的字符“。”" in result.output


def test_a_choice_inside_a_loop_is_a_reminder(tmp_path: Path) -> None:
    """择一 picks one wording per document: in a loop every round repeats it."""
    looped = '{% for 项 in 责任 %}{{ 项.标题 }}{{ 择一("务必", "一定要") }}{% endfor %}'
    path = broken(tmp_path, "speech.md", "{{ 意见条数() }}", "{{ 意见条数() }}" + looped)
    result = check(tmp_path, "speech")
    assert result.exit_code == 0, result.output
    line = line_of(path, '择一("务必"')
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index('择一("务必"') + 1
    assert f"speech.md:{line}:{column}：提醒：循环里用了 择一(…)" in result.output
