"""``docgen check``: text and JSON output, exit codes, encodings, Markdown, YAML, .docx comments."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.check.report import JSON_KEYS
from docgen.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def office_file(tmp_path: Path, added: str) -> tuple[Path, str]:
    """A copy of the example office file with ``added`` at its end; (path, original text)."""
    text = (Path(__file__).parents[1] / "examples" / "offices" / "青石镇.yaml").read_text(
        encoding="utf-8"
    )
    office = tmp_path / "单位.yaml"
    office.write_text(text + added, encoding="utf-8")
    return office, text


def test_text_output_format_and_exit_code(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "第一行没问题。\n我们要再接再励,争取更大成绩。\n")
    code, out = run(str(path))
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith(str(path))]
    assert lines[0] == f"{path}:2:4: error TY01 “再接再励”是错别字，应为“再接再厉” → 再接再厉"
    assert re.match(rf"{re.escape(str(path))}:2:8: error PU01 .* → ，$", lines[1])


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    path = write(tmp_path, "ok.txt", "各村（社区）要再接再厉，截至目前已完成95%。\n")
    code, out = run(str(path))
    assert code == 0
    assert "未发现问题" in out


def test_warnings_only_exit_zero(tmp_path: Path) -> None:
    path = write(tmp_path, "w.txt", "化肥的主要成份是氮。\n")
    code, out = run(str(path), "--format", "json")
    assert code == 0
    assert [f["code"] for f in json.loads(out)] == ["VA01"]


def test_json_keys_and_positions(tmp_path: Path) -> None:
    text = "截止目前，完成率为95 %。\n二零二六年XX村"
    path = write(tmp_path, "b.txt", text)
    code, out = run(str(path), "--format", "json")
    data = json.loads(out)
    assert code == 1 and data
    lines = text.split("\n")
    for item in data:
        assert tuple(item) == JSON_KEYS
        line = lines[item["line"] - 1]
        assert line[item["column"] - 1 : item["end_column"]] == item["text"]
        assert item["severity"] in {"error", "warning", "hint"}
        assert item["suggestion"] is None or isinstance(item["suggestion"], str)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-16"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "c.txt", "我们要再接再励。\n", encoding)
    _code, out = run(str(path), "--format", "json")
    assert [(f["code"], f["column"]) for f in json.loads(out)] == [("TY01", 4)]


def test_markdown_markers_are_not_findings(tmp_path: Path) -> None:
    md = (
        "---\ntitle: x\n---\n# 关于做好工作的通知\n\n## 一、总体要求\n\n"
        "- **重点**：见[文件](https://example.gov.cn/a.html)。\n\n***\n\n"
        "| 村 | 人数 |\n|---|---|\n| 东村 | 12 |\n\n1. 摸底\n2. 再接再励\n"
    )
    path = write(tmp_path, "d.md", md)
    _code, out = run(str(path), "--format", "json")
    data = json.loads(out)
    assert [(f["code"], f["line"], f["text"]) for f in data] == [("TY01", 17, "再接再励")]
    line = md.split("\n")[16]
    assert line[data[0]["column"] - 1 : data[0]["end_column"]] == "再接再励"


def test_yaml_values_located_at_their_line(tmp_path: Path) -> None:
    text = (
        "标题: 关于做好秋冬季工作的通知\n"
        "事项:\n"
        "  - 内容: 认真布署秋冬季工作\n"
        "  - 内容: |\n"
        "      第一段没问题。\n"
        "      截止目前已完成。\n"
    )
    path = write(tmp_path, "s.yaml", text)
    _code, out = run(str(path), "--format", "json")
    data = json.loads(out)
    lines = text.split("\n")
    assert [(f["code"], f["line"]) for f in data] == [("TY01", 3), ("TY01", 6)]
    for f in data:
        assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"]] == f["text"]


def test_yaml_file_names_are_not_checked_as_text(tmp_path: Path) -> None:
    """``单位设置: offices/青石镇.yaml``: the dot of a file name is not a half-width full stop;
    the same dot in a sentence still is."""
    text = (
        "单位设置: offices/青石镇.yaml\n"
        "词表目录:\n"
        "  - 词表/本镇.v2\n"
        "附件: 附件/台账.xlsx\n"
        "事项: 会议在镇政府召开.请准时参加\n"
    )
    path = write(tmp_path, "s.yaml", text)
    _code, out = run(str(path), "--format", "json")
    assert [(f["code"], f["line"]) for f in json.loads(out)] == [("PU01", 5)]


@pytest.mark.parametrize(
    "text",
    [
        "标题: 通知\n事项:\n\t- 内容: 好\n",  # a tab indent
        "标题： 通知\n事项: 好\n  内容: 坏\n",  # a full-width colon
        "标题: 通知\n  事项: 好\n",  # an extra indent
    ],
    ids=["tab", "full-width colon", "extra indent"],
)
def test_yaml_syntax_errors_in_the_words_render_gives(tmp_path: Path, text: str) -> None:
    """A situation file's YAML error is reported as docgen render reports it: in Chinese,
    with its hint, at file:line, not PyYAML's English."""
    from docgen.data.yamlread import parse_yaml
    from docgen.errors import InputError

    path = write(tmp_path, "情况.yaml", text)
    with pytest.raises(InputError) as rendered:
        parse_yaml(text, path)
    (problem,) = rendered.value.problems
    assert problem.hint and re.match(r"情况\.yaml:\d+$", problem.where)
    code, out = run(str(path))
    assert code == 2
    assert problem.format() in out
    assert not re.search(r"while scanning|mapping values|[Ll]ine \d", out)


def test_word_list_yaml_errors_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "词表"
    write(folder.mkdir() or folder, "glossary.yaml", "必备表述:\n\t通知: [联系人]\n")
    path = write(tmp_path, "n.txt", "请按时报送。\n")
    _code, out = run(str(path), "--corpora", str(folder))
    assert "glossary.yaml:2：" in out and "Tab" in out
    assert "while scanning" not in out


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run(str(tmp_path / "missing.txt"))[0] == 2
    other = write(tmp_path, "x.pdf", "x")
    assert run(str(other))[0] == 2
    bad = write(tmp_path, "bad.yaml", "a: [1, 2\n")
    code, out = run(str(bad))
    assert code == 2 and "bad.yaml:" in out
    ok = write(tmp_path, "ok.txt", "好。")
    assert run(str(ok), "--annotate")[0] == 2
    assert run(str(ok), "--off", "NOPE")[0] == 2


def test_an_unreadable_file_does_not_stop_the_others(tmp_path: Path) -> None:
    """Each damaged file is a problem of its own (no usage banner); the readable files
    before and after it are checked; exit code 2 (docs/checks.md: a file that cannot be read)."""
    first = write(tmp_path, "a.txt", "我们要再接再励。\n")
    damaged = tmp_path / "损坏.docx"
    damaged.write_bytes(b"PK\x03\x04 not a zip")
    bad_yaml = write(tmp_path, "情况.yaml", "标题: 通知\n事项:\n\t- 内容: 好\n")
    last = write(tmp_path, "b.txt", "认真布署工作。\n")
    code, out = run(str(first), str(damaged), str(bad_yaml), str(last))
    assert code == 2
    assert "用法" not in out and "--help" not in out
    assert f"{first}:1:4: error TY01" in out and f"{last}:1:3: error TY01" in out
    assert "损坏.docx，没有检查这个文件" in out and "另存为 .docx" in out
    assert "情况.yaml:3：" in out and "Tab" in out
    assert "另有 2 个文件无法读取，没有检查：损坏.docx、情况.yaml" in out
    code, out = run(str(damaged), str(last), "--format", "json")
    assert code == 2
    assert [f["code"] for f in json.loads(out[out.index("[") : out.rindex("]") + 1])] == ["TY01"]


def test_off_option(tmp_path: Path) -> None:
    path = write(tmp_path, "e.txt", "再接再励,加油。\n")
    code, out = run(
        str(path), "--format", "json", "--off", "TY01", "--off", "标点", "--off", "别字"
    )
    assert code == 0 and json.loads(out) == []


def test_kind_in_english_or_chinese(tmp_path: Path) -> None:
    """--kind notice applies the glossary's 通知 terms (GL03) as --kind 通知 does; an unknown
    kind is a usage error listing the accepted names."""
    folder = tmp_path / "词表"
    folder.mkdir()
    write(folder, "glossary.yaml", "必备表述:\n  通知: [联系人]\n")
    path = write(tmp_path, "n.txt", "请各村按时报送。\n")
    for kind in ("notice", "通知"):
        _code, out = run(str(path), "--kind", kind, "--corpora", str(folder), "--format", "json")
        assert [f["code"] for f in json.loads(out)] == ["GL03"], kind
    code, out = run(str(path), "--kind", "notcie")
    assert code == 2
    assert "不认识的文种“notcie”" in out and "通知（notice）" in out and "纪要（minutes）" in out


def test_office_check_settings_single_value(tmp_path: Path) -> None:
    """An office's ``关闭: PU05`` (one value, not a list) switches PU05 off; it is not split
    into “P”, “U”, “0”, “5”. A wrong single value is named with its line."""
    office, text = office_file(tmp_path, "\n检查:\n  关闭: PU05\n")
    path = write(tmp_path, "a.txt", "请按时报送，，谢谢。\n")
    assert [f["code"] for f in json.loads(run(str(path), "--format", "json")[1])] == ["PU05"]
    code, out = run(str(path), "--office", str(office), "--format", "json")
    assert code == 0 and json.loads(out) == []
    office.write_text(text + "\n检查:\n  关闭: PU55\n", encoding="utf-8")
    code, out = run(str(path), "--office", str(office))
    number = len(text.split("\n")) + 2
    assert code == 2 and f"单位.yaml:{number}：【关闭】不认识的检查规则“PU55”" in out
    assert "“P”" not in out


def test_office_date_is_used(tmp_path: Path) -> None:
    """The office's 检查 › 日期 is the document date when --date is not given (docs/checks.md),
    and a wrong one is reported; --date still wins."""
    office, text = office_file(tmp_path, "\n检查:\n  日期: 2019-03-05\n")
    path = write(tmp_path, "a.txt", "严禁计划外生育。\n")
    assert [f["code"] for f in json.loads(run(str(path), "--format", "json")[1])] == ["OT01"]
    code, out = run(str(path), "--office", str(office), "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, out = run(str(path), "--office", str(office), "--date", "2026-11-28", "--format", "json")
    assert [f["code"] for f in json.loads(out)] == ["OT01"]
    office.write_text(text + "\n检查:\n  日期: 明天\n", encoding="utf-8")
    code, out = run(str(path), "--office", str(office))
    assert code == 2 and "日期“明天”无效" in out


def _make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    p = document.add_paragraph()
    p.add_run("我们要再接")
    p.add_run("再励，").bold = True
    p.add_run("认真布署工作。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "时间"
    table.cell(0, 1).text = "2026年11月28日（星期一）"
    document.add_paragraph("请XX村报送。")
    document.save(str(path))


def _anchored(path: Path) -> dict[str, str]:
    """comment text → the text between its range start and end, read back from the XML."""
    import docx

    document = docx.Document(str(path))
    xml = document.element.body.xml
    texts = {}
    for comment in document.comments:
        cid = comment.comment_id
        m = re.search(
            rf'<w:commentRangeStart w:id="{cid}"/>(.*?)<w:commentRangeEnd w:id="{cid}"/>',
            xml,
            re.S,
        )
        assert m, f"comment {cid} has no range"
        texts[comment.text] = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", m.group(1)))
    return texts


def test_docx_lines_and_annotate(tmp_path: Path) -> None:
    source = tmp_path / "通知.docx"
    _make_docx(source)
    before = source.read_bytes()
    code, out = run(str(source), "--annotate", "--format", "json")
    assert code == 1
    data = json.loads(out[out.index("[") :])
    assert [(f["code"], f["line"], f["text"]) for f in data] == [
        ("TY01", 1, "再接再励"),
        ("TY01", 1, "布署"),
        ("NU08", 3, "一"),
        ("PH01", 4, "XX"),
    ]
    assert source.read_bytes() == before  # the original is untouched
    anchored = _anchored(tmp_path / "通知.批注.docx")
    assert sorted(anchored.values()) == sorted(["再接再励", "布署", "一", "XX"])
    import docx

    runs = docx.Document(str(tmp_path / "通知.批注.docx")).paragraphs[0].runs
    assert [(r.text, bool(r.bold)) for r in runs if r.text] == [
        ("我们要", False),
        ("再接", False),
        ("再励", True),
        ("，", True),
        ("认真", False),
        ("布署", False),
        ("工作。", False),
    ]


def test_annotate_never_overwrites_an_edited_copy(tmp_path: Path) -> None:
    """An annotated copy the clerk edited is refused (named, in Chinese) and kept; the other
    files are still checked and annotated; --force backs it up as 名.备份-时间.docx first."""
    source, other = tmp_path / "通知.docx", tmp_path / "方案.docx"
    _make_docx(source)
    _make_docx(other)
    copy = tmp_path / "通知.批注.docx"
    assert run(str(source), "--annotate")[0] == 1
    assert run(str(source), "--annotate")[0] == 1  # its own copy, unchanged: replaced
    edited = copy.read_bytes() + b"edited"
    copy.write_bytes(edited)
    code, out = run(str(source), str(other), "--annotate")
    assert code == 1
    assert copy.read_bytes() == edited
    assert "没有覆盖" in out and "通知.批注.docx" in out and "--force" in out
    assert f"副本：{tmp_path / '方案.批注.docx'}" in out
    assert f"{other}:1:" in out  # the other file was checked
    code, out = run(str(source), "--annotate", "--force")
    assert code == 1 and "没有覆盖" not in out
    (backup,) = tmp_path.glob("通知.批注.备份-*.docx")
    assert re.fullmatch(r"通知\.批注\.备份-\d{8}-\d{6}\.docx", backup.name)
    assert backup.read_bytes() == edited and backup.name in out
    assert copy.read_bytes() != edited and _anchored(copy)
