"""``docgen templates list | copy | fields`` and the reference page generated from the code."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.resources import builtin_dir
from docgen.template_tools.fields import (
    DERIVED,
    LEAF,
    LIST,
    SHIPPED,
    Node,
    computed_field_tree,
    derived_meaning,
    field_tree,
    lookup,
    tree_from_json,
    tree_to_json,
)
from docgen.template_tools.lint import shown_filters
from docgen.template_tools.reference import FILTERS, PAGE, reference_markdown

ROOT = Path(__file__).resolve().parents[1]
BUILTIN = builtin_dir("templates")
EXAMPLES = builtin_dir("examples")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="docgen")


def workspace(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    return tmp_path / "population.yaml"


# --- list ---------------------------------------------------------------------------------------


def test_list_shows_which_template_is_in_effect_and_where(tmp_path: Path) -> None:
    data = workspace(tmp_path)
    (tmp_path / "templates").mkdir()
    shutil.copyfile(BUILTIN / "notice.md", tmp_path / "templates" / "notice.md")
    result = run("templates", "list", "--data", str(data))
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.output.splitlines() if ".md" in line}
    assert (
        "本单位" in rows["notice.md"]
        and str(tmp_path / "templates" / "notice.md") in rows["notice.md"]
    )
    assert "内置" in rows["speech.md"] and str(BUILTIN / "speech.md") in rows["speech.md"]
    assert "组成部分" in rows["_shared.md"]


# --- copy ---------------------------------------------------------------------------------------


def test_copy_puts_the_builtin_beside_the_situation_file(tmp_path: Path) -> None:
    data = workspace(tmp_path)
    result = run("templates", "copy", "讲话稿", "--data", str(data))
    assert result.exit_code == 0, result.output
    copied = tmp_path / "templates" / "speech.md"
    assert copied.read_bytes() == (BUILTIN / "speech.md").read_bytes()


def test_copy_never_overwrites_without_force_and_keeps_a_backup(tmp_path: Path) -> None:
    folder = tmp_path / "我的模板"
    assert run("templates", "copy", "speech", str(folder)).exit_code == 0
    mine = folder / "speech.md"
    mine.write_text("本单位改过的模板\n", encoding="utf-8")
    refused = run("templates", "copy", "speech", str(folder))
    assert refused.exit_code == 1
    assert "已经存在" in refused.output and "--force" in refused.output
    assert mine.read_text(encoding="utf-8") == "本单位改过的模板\n"
    forced = run("templates", "copy", "speech", str(folder), "--force")
    assert forced.exit_code == 0, forced.output
    (backup,) = folder.glob("speech.md.备份-*.bak")
    assert backup.name in forced.output
    assert backup.read_text(encoding="utf-8") == "本单位改过的模板\n"
    assert mine.read_bytes() == (BUILTIN / "speech.md").read_bytes()


def test_a_second_force_keeps_the_first_backup(tmp_path: Path) -> None:
    """Two edits, each thrown away with --force (within one second too): both are kept; an
    unchanged copy is not backed up at all."""
    folder = tmp_path / "t"
    assert run("templates", "copy", "speech", str(folder)).exit_code == 0
    mine = folder / "speech.md"
    assert run("templates", "copy", "speech", str(folder), "--force").exit_code == 0
    assert not list(folder.glob("*.bak"))  # the built-in text, unchanged: nothing to keep
    for edit in ("第一次修改\n", "第二次修改\n"):
        mine.write_text(edit, encoding="utf-8")
        assert run("templates", "copy", "speech", str(folder), "--force").exit_code == 0
    kept = sorted(p.read_text(encoding="utf-8") for p in folder.glob("speech.md.备份-*.bak"))
    assert kept == ["第一次修改\n", "第二次修改\n"]


def test_copy_names_the_parts_and_copies_them_when_asked(tmp_path: Path) -> None:
    only = run("templates", "copy", "plan", str(tmp_path / "a"))
    assert "_shared.md、_plan_body.md、_ledger.md" in only.output
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["plan.md"]
    both = run("templates", "copy", "plan", str(tmp_path / "b"), "--parts")
    assert both.exit_code == 0, both.output
    names = sorted(p.name for p in (tmp_path / "b").iterdir())
    assert names == ["_ledger.md", "_plan_body.md", "_shared.md", "plan.md"]


def test_copy_edit_render_uses_the_override(tmp_path: Path) -> None:
    data = workspace(tmp_path)
    assert run("templates", "copy", "speech", "--data", str(data)).exit_code == 0
    copied = tmp_path / "templates" / "speech.md"
    text = copied.read_text(encoding="utf-8")
    assert '"抓住关键，推动"' in text
    copied.write_text(text.replace('"抓住关键，推动"', '"聚焦重点，推动"'), encoding="utf-8")
    assert run("templates", "check", "--data", str(data)).exit_code == 0
    shown = run("inspect", str(data))
    assert shown.exit_code == 0, shown.output
    assert "聚焦重点，推动人口和家庭发展工作各项任务落地见效" in shown.output
    assert "抓住关键" not in shown.output
    out = tmp_path / "out"
    assert run("render", "speech", str(data), "-o", str(out)).exit_code == 0
    assert len(list(out.glob("*.docx"))) == 1


# --- the reference ------------------------------------------------------------------------------


def test_the_reference_page_is_up_to_date() -> None:
    page = (ROOT / PAGE).read_text(encoding="utf-8")
    assert page == reference_markdown(), "重新生成：docgen templates fields -o docs/模板字段.md"


def test_fields_prints_the_reference_and_writes_it_on_request(tmp_path: Path) -> None:
    printed = run("templates", "fields")
    assert printed.output == reference_markdown()
    target = tmp_path / "字段.md"
    assert run("templates", "fields", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == reference_markdown()


def test_derived_phrases_show_what_the_program_writes_for_the_examples() -> None:
    page = reference_markdown()
    assert "| `指标.对标.表述` | 文字（算出） |" in page
    assert "“距目标值（95%）还差1.5个百分点”" in page
    assert "| `指标.对上级.表述` | 文字（算出） |" in page
    assert "“高于全县平均水平（91.2%）2.3个百分点”" in page
    assert "| `乡镇.称谓` | 文字（算出） |" in page
    # issue 14's facts, each shown with what the program writes for an example
    assert "| `乡镇.上级平均` | 文字（算出） |" in page and "“全区平均水平”" in page
    assert "| `问题.整改进展` | 文字（算出） |" in page
    assert "“进行中，已完成代办员摸底，培训正在组织”" in page
    assert "| `任务分组.逾期` | 列表（算出） |" in page


def _derived(node: Node, path: str):
    """Every field the context builder adds or reshapes, under ``node``."""
    if node.derived:
        yield path, node
    children = node.item.children if node.kind == LIST and node.item else node.children
    for key, child in children.items():
        yield from _derived(child, f"{path}.{key}")


def test_every_derived_field_has_a_meaning_and_every_meaning_a_field() -> None:
    tree = field_tree()
    leaves = [(p, n) for name, root in tree.roots.items() for p, n in _derived(root, name)]
    assert len([n for _, n in leaves if n.kind == LEAF and n.examples]) > 40
    assert [p for p, n in leaves if not n.meaning] == []
    for key in DERIVED:
        if "*" in key:
            assert any(derived_meaning(p) == DERIVED[key] for p, _ in leaves), key
        else:
            assert lookup(tree.roots, key) is not None, key


def test_the_shipped_field_tree_is_the_computed_one() -> None:
    shipped = tree_from_json(SHIPPED.read_text(encoding="utf-8"))
    assert shipped == computed_field_tree(), "重新生成：python tools/build_field_tree.py"
    assert field_tree() == shipped


def test_the_field_tree_survives_its_json_form_with_its_order() -> None:
    tree = computed_field_tree()
    again = tree_from_json(tree_to_json(tree))
    assert again == tree
    assert list(again.roots) == list(tree.roots)
    first = next(iter(tree.roots))
    assert list(again.roots[first].children) == list(tree.roots[first].children)


def test_the_tree_holds_what_a_template_sees() -> None:
    roots = field_tree().roots
    assert lookup(roots, "会议.讲话人.姓名").meaning == "姓名"
    assert lookup(roots, "问题.指标.对标.达标") is not None  # an issue's indicator facts
    assert lookup(roots, "村.指标.对乡镇.表述") is not None  # batch: the village's facts
    assert lookup(roots, "村.指标.对镇") is None  # renamed by issue 14
    # a report's date knows an overdue task: the group's items are tasks with their facts
    assert lookup(roots, "任务分组.逾期.时限说法") is not None
    assert field_tree().sources["任务分组"] == {"任务"}
    assert lookup(roots, "发文.通知.字号").examples[0] == "青政发〔2026〕58号"
    assert lookup(roots, "会议.地点") is None


def test_every_filter_a_template_is_offered_is_documented() -> None:
    assert set(shown_filters()) <= set(FILTERS)
    assert {"中文数字", "计数", "并列", "序数", "去句号", "成句", "单元格"} <= set(shown_filters())


def test_render_names_a_template_file_it_does_not_use(tmp_path: Path) -> None:
    """A speech template renamed 讲话稿.md is not used; render says so instead of silently
    writing the built-in wording."""
    shutil.copytree(builtin_dir("examples"), tmp_path, dirs_exist_ok=True)
    (tmp_path / "templates").mkdir()
    shutil.copyfile(BUILTIN / "speech.md", tmp_path / "templates" / "讲话稿.md")
    result = run("render", "speech", str(tmp_path / "population.yaml"), "-o", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    assert "讲话稿.md 不是任何文种的模板，生成时没有用到" in result.output
    (tmp_path / "templates" / "讲话稿.md").rename(tmp_path / "templates" / "speech.md")
    again = run("render", "speech", str(tmp_path / "population.yaml"), "-o", str(tmp_path / "p"))
    assert "不是任何文种的模板" not in again.output
