"""Each cleaning step on its own, with look-alike negatives, and the whole pipeline on fixtures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen.corpus import clean
from docgen.corpus.encoding import read_corpus_file
from docgen.corpus.pinyin import STRAY, is_certain_reading, is_reading
from docgen.corpus.script import traditional_only

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"
RAW = sorted((SAMPLES / "raw").iterdir())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("鄉(xiāng)鎮(zhèn)幹部", "鄉鎮幹部"),
        ("鄉鎮(xiāngzhèn)", "鄉鎮"),
        ("鄉(xiang1)鎮(zhen4)", "鄉鎮"),
        ("绿（lǜ）色", "绿色"),
        ("了(le)鄉(xiāng)", "了鄉"),  # toneless, but the line has toned readings
    ],
)
def test_pinyin_annotations_removed(raw: str, expected: str) -> None:
    assert clean.remove_pinyin(raw) == expected


@pytest.mark.parametrize(
    "text",
    ["村（居）", "村(居)", "村（社区）", "（一）", "（2）", "(2)", "组织(WHO)", "应用(app)",
     "占(3.5%)", "了(le)", "单位(cm2)"],
)  # fmt: skip
def test_genuine_parentheses_kept(text: str) -> None:
    assert clean.remove_pinyin(text) == text


def test_entities_and_their_remains() -> None:
    assert clean.decode_entities("ldquo;两非rdquo;") == "“两非”"
    assert clean.decode_entities("&ldquo;两非&rdquo;&#8212;&mdash") == "“两非”——"
    assert clean.decode_entities("#8220;好#8221;") == "“好”"
    # not remains: a word that merely ends like an entity name, and unknown names
    assert clean.decode_entities("Consult;") == "Consult;"
    assert clean.decode_entities("&foo;") == "&foo;"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("今天,我们开会.", "今天，我们开会。"),
        ("通知如下:", "通知如下："),
        ("一是认识不够;二是力量不足!", "一是认识不够；二是力量不足！"),
        ("各村(居)和(WHO)组织", "各村（居）和（WHO）组织"),
        ('深化"两非"治理', "深化“两非”治理"),
        ("完成率95%.", "完成率95%。"),
        ("任务很重......", "任务很重……"),
        ("9:30,开会", "9:30，开会"),
    ],
)
def test_full_width_in_chinese_context(raw: str, expected: str) -> None:
    assert clean.full_width_punctuation(raw) == expected


@pytest.mark.parametrize(
    "text",
    ["3.5", "上午9:30", "1,000人", "1.加强领导", "https://www.example.gov.cn/a?b=1,2",
     "The WHO report (2019) says: ok, fine.", "jsb@example.gov.cn"],
)  # fmt: skip
def test_punctuation_left_alone(text: str) -> None:
    assert clean.full_width_punctuation(text) == text


def test_traditional_to_simplified_by_phrase_and_kept_words() -> None:
    options = clean.Options()
    assert clean.convert_script("頭髮乾淨，乾隆年間", options) == "头发干净，乾隆年间"
    kept = clean.Options(keep_words=("鍾書",))
    assert clean.convert_script("鍾書來鄉鎮", kept) == "鍾書来乡镇"
    assert clean.convert_script("鄉鎮", clean.Options(keep_script=True)) == "鄉鎮"


def test_spaces() -> None:
    assert clean.tidy_spaces("　　全镇 干部 要 努力") == "全镇干部要努力"
    assert clean.tidy_spaces("镇长  李明华") == "镇长  李明华"  # deliberate separator
    assert clean.tidy_spaces("the  WHO report") == "the WHO report"


def test_boilerplate_dropped() -> None:
    lines = ["首页 > 工作动态", "标题", "发布时间:2019-03-13", "标题", "正文第一段。", "",
             "相关文章:", "1.某镇召开会议", "2.关于做好工作的通知", "上一篇:某镇活动"]  # fmt: skip
    assert clean.drop_boilerplate(lines) == ["标题", "正文第一段。", ""]


def test_numbered_lines_without_a_related_marker_kept() -> None:
    lines = ["标题", "1.各村要明确专干。", "2.每周报送进度。"]
    assert clean.drop_boilerplate(lines) == lines


def test_headings() -> None:
    lines = ["某镇讲话", "一、充分肯定成绩", "（一）稳定水平。", "1.加强领导",
             "（二）服务管理更加规范，覆盖率达到90%。", "同志们："]  # fmt: skip
    assert clean.mark_headings(lines) == [
        "# 某镇讲话", "## 一、充分肯定成绩", "### （一）稳定水平。", "#### 1.加强领导",
        "（二）服务管理更加规范，覆盖率达到90%。", "同志们：",
    ]  # fmt: skip


@pytest.mark.parametrize("path", RAW, ids=lambda p: p.name)
def test_fixture_cleans_to_expected(path: Path) -> None:
    text = clean.clean_text(read_corpus_file(path).text)
    expected = (SAMPLES / "clean" / (path.stem + ".md")).read_text(encoding="utf-8")
    assert text == expected


@pytest.mark.parametrize("path", RAW, ids=lambda p: p.name)
def test_idempotent(path: Path) -> None:
    once = clean.clean_text(read_corpus_file(path).text)
    assert clean.clean_text(once) == once
    kept = clean.Options(keep_script=True)
    once_kept = clean.clean_text(read_corpus_file(path).text, kept)
    assert clean.clean_text(once_kept, kept) == once_kept


@pytest.mark.parametrize("path", RAW, ids=lambda p: p.name)
def test_no_annotation_or_traditional_left(path: Path) -> None:
    text = clean.clean_text(read_corpus_file(path).text)
    unmarked = re.sub(r"【待核：[^】]*】", "", text)
    assert not [m.group(0) for m in STRAY.finditer(unmarked) if is_reading(m.group(0))]
    readings = re.findall(r"[(（]([^()（）]*)[)）]", unmarked)
    assert not [r for r in readings if is_certain_reading(r)]
    assert traditional_only(text) == set()


def test_keep_script_keeps_traditional() -> None:
    raw = read_corpus_file(SAMPLES / "raw" / "speech-2019-traditional-pinyin.txt").text
    text = clean.clean_text(raw, clean.Options(keep_script=True))
    assert "講話" in text and "(xiāng)" not in text and "(zhèn)" not in text
    assert text.startswith("# 在全鎮人口和計劃生育工作會議上的講話\n")


def test_every_unreadable_file_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    """Two bad files among good ones: both are named in one run, and no file is written
    (the message says so, and it must be true)."""
    from click.testing import CliRunner

    from docgen.cli import main

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("同志们：今天开会。\n", encoding="utf-8")
    (raw / "b.txt").write_bytes(bytes(range(256)) * 3)
    (raw / "c.txt").write_text("各村要抓好落实。\n", encoding="utf-8")
    (raw / "d.txt").write_bytes(bytes(range(255, -1, -1)) * 3)
    out = tmp_path / "clean"
    result = CliRunner().invoke(main, ["corpus", "clean", str(raw), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "b.txt" in result.output and "d.txt" in result.output
    assert "没有清洗任何文件" in result.output
    assert not out.exists() or not list(out.iterdir())
