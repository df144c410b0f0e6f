"""Jinja rendering: strict, sandboxed, located errors, workspace overrides, Chinese filters."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from docgen.data.load import LoadedSituation, load_situation
from docgen.errors import InputError
from docgen.facts.township import township_data as template_context
from docgen.model import dump
from docgen.pipeline import build_document
from docgen.render import RenderedText, as_sentence, compile_template, make_environment, strip_stop
from docgen.resources import builtin_dir

EXAMPLE = builtin_dir("examples") / "population.yaml"


def render_template(kind: str, loaded: LoadedSituation, override: Path | None) -> RenderedText:
    """Stages 2 and 3 as the pipeline runs them: the data derived, the template filled."""
    return compile_template(kind, override).render(template_context(loaded, kind))


BUILTIN_TEMPLATES = builtin_dir("templates")


@pytest.fixture(scope="module")
def loaded() -> LoadedSituation:
    return load_situation(EXAMPLE, kind="speech")


def workspace_template(folder: Path, body: str, name: str = "speech.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(body, encoding="utf-8")
    return folder


def render_error(folder: Path, body: str, loaded: LoadedSituation) -> str:
    workspace_template(folder, body)
    with pytest.raises(InputError) as info:
        render_template("speech", loaded, folder)
    return info.value.format_message()


def assert_no_internals(message: str) -> None:
    for word in ("Traceback", "__", "object at", "jinja2", "<", "mro", "dict"):
        assert word not in message, (word, message)
    assert re.search(r"[\u4e00-\u9fff]", message)


# --- strict ------------------------------------------------------------------------------------


def test_missing_field_names_template_file_and_line(
    tmp_path: Path, loaded: LoadedSituation
) -> None:
    message = render_error(tmp_path / "tpl", "第一行\n第二行\n会议在{{ 会议.地点 }}召开\n", loaded)
    assert "speech.md:3" in message
    assert "地点" in message
    assert "模板用到了数据中没有的【地点】" in message
    assert_no_internals(message)


def test_missing_top_level_name(tmp_path: Path, loaded: LoadedSituation) -> None:
    message = render_error(tmp_path / "tpl", "{{ 会议.名称 }}\n{{ 天气 }}\n", loaded)
    assert "speech.md:2" in message
    assert "【天气】" in message


def test_printing_an_empty_value_is_an_error_not_none(
    tmp_path: Path, loaded: LoadedSituation
) -> None:
    assert loaded.situation.meeting.title is None  # the example leaves 会议.标题 out
    message = render_error(tmp_path / "tpl", "标题：\n\n{{ 会议.标题 }}\n", loaded)
    assert "speech.md:3" in message
    assert "空的" in message
    assert "None" not in message


def test_hint_is_shown_as_a_hint_not_as_a_field(tmp_path: Path, loaded: LoadedSituation) -> None:
    workspace_template(tmp_path / "tpl", "{{ 会议.地点 }}")
    with pytest.raises(InputError) as info:
        render_template("speech", loaded, tmp_path / "tpl")
    (problem,) = info.value.problems
    assert problem.field == ""
    assert "情况文件" in problem.hint


def test_empty_value_may_be_tested(tmp_path: Path, loaded: LoadedSituation) -> None:
    workspace_template(
        tmp_path / "tpl", "{% if 会议.标题 %}{{ 会议.标题 }}{% else %}无标题{% endif %}"
    )
    assert render_template("speech", loaded, tmp_path / "tpl").text == "无标题"


# --- sandbox -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "{{ 会议.__class__ }}",
        "{{ ''.__class__.__mro__ }}",
        "{{ 会议.名称.__class__.__base__.__subclasses__() }}",
        "{{ 意见条数.__globals__ }}",
    ],
)
def test_sandbox_refuses_python_internals(
    tmp_path: Path, loaded: LoadedSituation, expression: str
) -> None:
    message = render_error(tmp_path / "tpl", f"正文\n{expression}\n", loaded)
    assert "speech.md:2" in message
    assert "不允许" in message
    assert_no_internals(message)


@pytest.mark.parametrize(
    ("expression", "said", "hint"),
    [
        ("{{ 会议 }}", "一整组数据", "{{ 会议.名称 }}"),
        ("{{ 成绩 }}", "一整组数据", "{% for"),
        ("{{ 会议.items }}", "一个方法本身", "加括号"),
        ("{{ 意见条数 }}", "一个方法本身", "{{ 意见条数() }}"),
        ("{% for 项 in 指标 %}{{ 项.对标.达标 }}{% endfor %}", "“是/否”项", "{% if"),
        ("{% for 项 in 指标 %}{{ 项.向好 }}{% endfor %}", "“是/否”项", "{% else %}"),
    ],
)
def test_whole_groups_methods_and_yes_no_items_are_not_printed(
    tmp_path: Path, loaded: LoadedSituation, expression: str, said: str, hint: str
) -> None:
    """Each would print as Python text (a dict, “<bound method…>”, “True”) in a document."""
    message = render_error(tmp_path / "tpl", f"{expression}\n", loaded)
    assert "speech.md:1" in message
    assert said in message and hint in message
    assert_no_internals(message)


# --- syntax ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "line", "word"),
    [
        ("一\n二\n{% for 项 in 任务 %}\n{{ 项.标题 }}\n", 4, "模板意外结束"),
        ("一\n{{ 会议.名称 }\n", 2, "语法错误"),
        ("一\n二\n三\n{% 如果 %}\n", 4, "未知的标签"),
    ],
)
def test_syntax_error_names_the_line(
    tmp_path: Path, loaded: LoadedSituation, body: str, line: int, word: str
) -> None:
    message = render_error(tmp_path / "tpl", body, loaded)
    assert f"speech.md:{line}" in message
    assert word in message


# --- overrides ---------------------------------------------------------------------------------


TITLE_LINE = '# {{ 会议.标题 if 会议.标题 else "在" ~ 会议.名称 ~ "上的讲话" }}'


def speech_with_title(folder: Path, title_line: str) -> Path:
    """A copy of the built-in speech template whose title line is ``title_line``: an
    override must be a whole template (docgen checks it before rendering)."""
    text = (BUILTIN_TEMPLATES / "speech.md").read_text(encoding="utf-8")
    assert TITLE_LINE in text
    return workspace_template(folder, text.replace(TITLE_LINE, title_line))


def test_templates_folder_beside_data_overrides_builtin(tmp_path: Path) -> None:
    data = tmp_path / "情况.yaml"
    shutil.copyfile(EXAMPLE, data)
    builtin = build_document("speech", data)
    assert builtin.template == "speech.md（内置模板）"

    speech_with_title(tmp_path / "templates", "# {{ 会议.名称 }}专题讲话")
    built = build_document("speech", data)
    assert built.document.title == "全镇人口和家庭发展工作推进会专题讲话"
    assert str(tmp_path / "templates" / "speech.md") == built.template
    assert built.markdown.count("# 全镇人口和家庭发展工作推进会专题讲话\n") == 1


def test_templates_option_overrides_folder_beside_data(tmp_path: Path) -> None:
    data = tmp_path / "情况.yaml"
    shutil.copyfile(EXAMPLE, data)
    speech_with_title(tmp_path / "templates", "# 旁边的模板")
    chosen = speech_with_title(tmp_path / "其他模板", "# 指定的模板")
    assert build_document("speech", data, chosen).document.title == "指定的模板"


def test_workspace_folder_without_the_template_falls_back_to_builtin(tmp_path: Path) -> None:
    data = tmp_path / "情况.yaml"
    shutil.copyfile(EXAMPLE, data)
    workspace_template(tmp_path / "templates", "# 通知\n", name="notice.md")
    built = build_document("speech", data)
    assert built.template == "speech.md（内置模板）"
    assert built.document.title == "在全镇人口和家庭发展工作推进会上的讲话"


def test_missing_include_is_a_chinese_message(tmp_path: Path, loaded: LoadedSituation) -> None:
    message = render_error(tmp_path / "tpl", "一\n{% include '附件.md' %}\n", loaded)
    assert "speech.md:2" in message
    assert "找不到要引用的模板 附件.md" in message


# --- filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("{{ 3 | 中文数字 }}", "三"),
        ("{{ 12 | 中文数字 }}", "十二"),
        ("{{ 任务 | length | 中文数字 }}", "五"),
        ("{{ 1 | 序数('是') }}", "一是"),
        ("{{ 5 | 序数('要') }}", "五要"),
        ("{{ '抓好落实。' | 去句号 }}", "抓好落实"),
        ("{{ '一是；' | 去句号 }}", "一是"),
        ("{{ '抓好落实' | 成句 }}", "抓好落实。"),
        ("{{ '抓好落实；' | 成句 }}", "抓好落实。"),
        ("{{ '抓好落实。。' | 成句 }}", "抓好落实。"),
        ("{{ '能不能做到？' | 成句 }}", "能不能做到？"),
        ("{{ '一定要做到！' | 成句 }}", "一定要做到！"),
    ],
)
def test_filters(expression: str, expected: str) -> None:
    env = make_environment(None)
    assert env.from_string(expression).render(任务=[1, 2, 3, 4, 5]) == expected


def test_filter_functions_directly() -> None:
    assert strip_stop("认真落实， ") == "认真落实"
    assert as_sentence("  ") == "。"
    assert as_sentence("认真落实") == "认真落实。"


# --- context -----------------------------------------------------------------------------------


def test_context_has_chinese_names_and_derived_facts(loaded: LoadedSituation) -> None:
    context = template_context(loaded, "speech")  # as of the speech's date
    assert context["会议"]["日期"] == "2026年11月28日"
    assert context["会议"]["讲话人"]["职务"] == "镇党委书记"
    assert context["乡镇"]["称谓"] == "镇"
    assert context["乡镇"]["上级称谓"] == "县"
    first = context["指标"][0]
    assert first["名称"] == "出生登记及时率"
    assert first["现值"] == "93.5%"
    assert first["对标"]["表述"] == "距目标值（95%）还差1.5个百分点"
    assert first["对上级"]["表述"] == "高于全县平均水平（91.2%）2.3个百分点"
    assert context["问题"][0]["指标"]["名称"] == "出生登记及时率"
    assert context["任务"][0]["时限"] == "2026年12月31日"
    assert context["任务"][3]["时限"] is None


@pytest.mark.parametrize(
    ("township", "county", "word", "area"),
    [
        ("桃源乡", "云溪县", "乡", "县"),
        ("城南街道", "青川区", "街道", "区"),
        ("青石镇", "梅州市", "镇", "市"),
    ],
)
def test_township_and_area_words(
    tmp_path: Path, township: str, county: str, word: str, area: str
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("名称: 青石镇", f"名称: {township}").replace(
        "所属县: 云溪县", f"所属县: {county}"
    )
    data = tmp_path / "情况.yaml"
    data.write_text(text, encoding="utf-8")
    context = template_context(load_situation(data, kind="speech"), "speech")
    assert context["乡镇"]["称谓"] == word
    assert context["乡镇"]["上级称谓"] == area
    assert context["指标"][0]["对上级"]["表述"].startswith(f"高于全{area}平均水平")
    dump_text = build_document("speech", data).markdown
    assert f"全{word}上下" in dump_text


# --- numbers come from data --------------------------------------------------------------------

_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_DIGIT = re.compile(r"[0-9０-９]")


def typed_figures(template: str) -> list[str]:
    """Digits in a template outside Jinja comments, with their line numbers."""
    found = []
    without_comments = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), template)
    for number, line in enumerate(without_comments.splitlines(), start=1):
        found.extend(f"{number}:{line.strip()}" for _ in _DIGIT.finditer(line))
    return found


def test_scanner_finds_typed_figures() -> None:
    assert typed_figures("{# 2026 #}\n目标为95%，{{ 项.本镇 }}\n第５条") == [
        "2:目标为95%，{{ 项.本镇 }}"
    ] * 2 + ["3:第５条"]


def test_no_figure_is_typed_in_builtin_templates() -> None:
    templates = sorted(BUILTIN_TEMPLATES.glob("*.md"))
    assert templates, "no built-in templates found"
    for path in templates:
        assert typed_figures(path.read_text(encoding="utf-8")) == [], path.name


def dump_of(data: Path) -> str:
    return dump(build_document("speech", data).document)


def test_adding_a_section_to_the_speech_template_changes_the_count(tmp_path: Path) -> None:
    data = tmp_path / "情况.yaml"
    shutil.copyfile(EXAMPLE, data)
    assert "我讲三点意见" in dump_of(data)
    builtin = (BUILTIN_TEMPLATES / "speech.md").read_text(encoding="utf-8")
    closing = builtin.rindex("{{ 结语")
    extended = (
        builtin[:closing]
        + "## 严明纪律，确保各项工作风清气正\n\n纪律要求。\n\n"
        + builtin[closing:]
    )
    workspace_template(tmp_path / "templates", extended)
    text = dump_of(data)
    assert "我讲四点意见" in text
    assert "1级标题　四、严明纪律，确保各项工作风清气正" in text


def test_a_renamed_fact_is_named_in_the_hint(tmp_path: Path, loaded: LoadedSituation) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "speech.md").write_text(
        "---\n文种: 讲话稿\n---\n\n{% for 项 in 指标 %}{{ 项.本镇 }}{% endfor %}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        render_template("speech", loaded, folder)
    [problem] = info.value.problems
    assert problem.message == "模板用到了数据中没有的【本镇】"
    assert "【现值】" in problem.hint


@pytest.mark.parametrize(
    "body",
    [
        '{% for i in range(3000) %}{{ "字" * 900 }}{% endfor %}',  # many values
        "{% for i in range(90000) %}字字字字字字字字字字字字字字字字字字字字字字字字字{% endfor %}",
    ],
)
def test_output_past_the_limit_is_stopped_at_the_limit(
    tmp_path: Path, loaded: LoadedSituation, body: str
) -> None:
    """A template writing more than TEMPLATE_OUTPUT characters in all is refused, however
    its output is cut into pieces; one just under the limit is rendered."""
    from docgen.limits import TEMPLATE_OUTPUT

    message = render_error(tmp_path / "over", "# 标题\n\n" + body + "\n", loaded)
    assert TEMPLATE_OUTPUT.what in message, message
    under = workspace_template(tmp_path / "under", '# 标题\n\n{{ "字" * 1000 }}\n')
    assert len(render_template("speech", loaded, under).text) > 1000


def test_an_empty_value_is_named_by_the_fields_its_line_prints(
    tmp_path: Path, loaded: LoadedSituation
) -> None:
    """Jinja hands over the empty value, not its name: the line's fields narrow it down."""
    one = render_error(tmp_path / "a", "第一行\n会议在{{ 会议.标题 }}召开\n", loaded)
    assert "speech.md:2：这里要输出的数据是空的（情况文件中没有填写）：{{ 会议.标题 }}" in one
    several = render_error(tmp_path / "b", "{{ 乡镇.名称 }}和{{ 会议.标题 }}\n", loaded)
    assert "是这一行的 {{ 乡镇.名称 }}、{{ 会议.标题 }} 之一" in several
