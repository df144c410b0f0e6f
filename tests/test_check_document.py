"""check_document: findings located by block, cell and offsets in the block's checked text."""

from __future__ import annotations

from docgen.check import check_document
from docgen.model import Document, Heading, Lead, Paragraph, Table, Title


def test_blocks_cells_and_offsets() -> None:
    doc = Document(
        kind="notice",
        blocks=(
            Title(("关于做好工作的通知。",)),
            Heading(1, 1, "再接再励"),
            Paragraph("要认真布署。", lead=Lead("一是抓落实。", 3)),
            Table(("村", "日期"), (("东村", "11月28号"),)),
        ),
    )
    found = check_document(doc, kind="notice")
    got = [(f.code, f.block, f.cell, f.start, f.end, f.text) for f in found]
    assert got == [
        ("PU09", 0, None, 9, 10, "。"),
        ("TY01", 1, None, 2, 6, "再接再励"),  # after the label "一、"
        ("TY01", 2, None, 9, 11, "布署"),  # after the lead "一是抓落实。"
        ("NU05", 3, (1, 1), 0, 6, "11月28号"),
    ]


def test_required_terms_per_kind(tmp_path) -> None:
    office = tmp_path / "o"
    office.mkdir()
    (office / "glossary.yaml").write_text("必备表述:\n  通知: [联系人]\n", encoding="utf-8")
    doc = Document(kind="通知", blocks=(Title(("关于开展登记的通知",)), Paragraph("请按时报送。")))
    found = check_document(doc, kind="通知", config={"词表目录": [str(office)]})
    assert [(f.code, f.block) for f in found] == [("GL03", 0)]
    doc2 = Document(kind="通知", blocks=(Paragraph("联系人：王明"),))
    assert check_document(doc2, kind="通知", config={"词表目录": [str(office)]}) == []


def test_required_terms_with_the_kind_in_english(tmp_path) -> None:
    """``kind="notice"`` reaches the glossary, keyed by the Chinese name (通知), as the
    docs' example writes it; an unknown kind is refused with the accepted names."""
    import pytest

    from docgen.check import CheckConfig
    from docgen.errors import InputError

    office = tmp_path / "o"
    office.mkdir()
    (office / "glossary.yaml").write_text("必备表述:\n  通知: [联系人]\n", encoding="utf-8")
    blocks = (Title(("关于开展登记的通知",)), Paragraph("请按时报送。"))
    doc = Document(kind="notice", blocks=blocks)
    found = check_document(doc, kind="notice", config={"词表目录": [str(office)]})
    assert [(f.code, f.block) for f in found] == [("GL03", 0)]
    assert CheckConfig.from_dict({"kind": "notice"}).kind == "通知"
    with pytest.raises(InputError) as refused:
        check_document(doc, kind="notcie")
    assert "不认识的文种“notcie”" in refused.value.format_message()
    assert "通知（notice）" in refused.value.format_message()
