"""Office profile choices reach the document: pre-printed red-header paper, fonts, page numbers."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docgen.model import dump
from docgen.pipeline import build_document, render_files
from docgen.resources import builtin_dir

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(builtin_dir("examples"), tmp_path, dirs_exist_ok=True)
    return tmp_path


def set_office(workspace: Path, old: str, new: str) -> None:
    office = workspace / "offices" / "青石镇.yaml"
    text = office.read_text(encoding="utf-8")
    assert old in text
    office.write_text(text.replace(old, new), encoding="utf-8")


def document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def styles_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
        return etree.fromstring(zf.read("word/styles.xml"))


def test_preprinted_paper_leaves_the_space_and_draws_nothing(workspace: Path) -> None:
    data = workspace / "population.yaml"
    [printed] = render_files("notice", data, workspace / "a")
    set_office(workspace, "红头: 打印", "红头: 预印")
    assert "预印红头纸" in dump(build_document("notice", data).document)
    [blank] = render_files("notice", data, workspace / "b")
    first, number = list(document_xml(blank).iter(f"{W}p"))[:2]
    assert "".join(t.text for t in first.iter(f"{W}t")) == ""  # the mark's space, no mark
    assert number.find(f"{W}pPr/{W}pBdr") is None  # no red rule
    assert "".join(t.text for t in number.iter(f"{W}t")) == "青政发〔2026〕58号"  # still typed
    spacing = lambda p: p.find(f"{W}pPr/{W}spacing").attrib  # noqa: E731
    first_printed, number_printed = list(document_xml(printed).iter(f"{W}p"))[:2]
    assert spacing(first) == spacing(first_printed) and spacing(number) == spacing(number_printed)
    assert not any(c.get(f"{W}val") == "FF0000" for c in document_xml(blank).iter(f"{W}color"))


def test_office_fonts_replace_the_gb2312_names(workspace: Path) -> None:
    set_office(workspace, "方案发文: 附件", "方案发文: 附件\n字体:\n  正文: 仿宋\n  楷体: 楷体")
    [path] = render_files("notice", workspace / "population.yaml", workspace / "out")
    styles = styles_xml(path)
    normal = styles.find(f"{W}style[@{W}styleId='Normal']")
    assert normal.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "仿宋"
    heading2 = styles.find(f"{W}style[@{W}styleId='GwHeading2']")
    assert heading2.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "楷体"
    with zipfile.ZipFile(path) as zf:  # nowhere, the font table and page numbers included
        assert not [n for n in zf.namelist() if b"GB2312" in zf.read(n)]


def test_page_number_style_comes_from_the_office(workspace: Path) -> None:
    set_office(workspace, "页码: 单双", "页码: 居中")
    doc = build_document("notice", workspace / "population.yaml").document
    assert doc.page_numbers.value == "居中"
