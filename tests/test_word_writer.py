"""Read generated .docx files back, part by part, and check the GB/T 9704 layout settings."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from docgen.layout import DEFAULT_PROFILE, LayoutProfile
from docgen.model import (
    Document,
    Heading,
    Lead,
    PageNumbers,
    Paragraph,
    Salutation,
    Subtitle,
    Table,
    Title,
)
from docgen.pipeline import build_document
from docgen.word.writer import column_widths, docx_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {
            n: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith((".xml", ".rels"))
        }


def attr(element: etree._Element, name: str) -> str | None:
    return element.get(f"{W}{name}")


@pytest.fixture(scope="module")
def speech() -> bytes:
    return docx_bytes(build_document("speech", EXAMPLES / "population.yaml").document)


@pytest.fixture(scope="module")
def speech_parts(speech: bytes) -> dict[str, etree._Element]:
    return parts(speech)


def style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"{W}style[@{W}styleId='{style_id}']")
    assert found is not None, style_id
    return found


def test_page_size_margins_and_grid(speech: bytes) -> None:
    section = docx.Document(io.BytesIO(speech)).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(m.twips for m in margins) == (2098, 1984, 1587, 1474)
    assert section.footer_distance.twips == 1370
    grid = section._sectPr.find(f"{W}docGrid")
    assert attr(grid, "type") == "lines"
    assert attr(grid, "linePitch") == "579"


def test_no_theme_fonts_anywhere(speech: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(speech)) as zf:
        names = zf.namelist()
        assert not any("theme" in n for n in names)
        for name in names:
            if name.endswith(".xml"):
                assert b"Theme=" not in zf.read(name) and b"theme=" not in zf.read(name), name


def test_body_style_holds_the_grid(speech_parts: dict[str, etree._Element]) -> None:
    normal = style(speech_parts["word/styles.xml"], "Normal")
    fonts = normal.find(f"{W}rPr/{W}rFonts")
    assert {attr(fonts, s) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {"仿宋_GB2312"}
    assert attr(normal.find(f"{W}rPr/{W}sz"), "val") == "32"
    assert attr(normal.find(f"{W}rPr/{W}spacing"), "val") == "-5"
    spacing = normal.find(f"{W}pPr/{W}spacing")
    assert (attr(spacing, "line"), attr(spacing, "lineRule")) == ("579", "exact")
    assert (attr(spacing, "before"), attr(spacing, "after")) == ("0", "0")
    assert attr(normal.find(f"{W}pPr/{W}widowControl"), "val") == "0"
    ind = normal.find(f"{W}pPr/{W}ind")
    assert (attr(ind, "firstLine"), attr(ind, "firstLineChars")) == ("630", "200")
    assert attr(normal.find(f"{W}pPr/{W}jc"), "val") == "both"
    lang = speech_parts["word/styles.xml"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert attr(lang, "eastAsia") == "zh-CN"


def runs_by_text(body: etree._Element) -> list[tuple[str, etree._Element]]:
    out = []
    for run in body.iter(f"{W}r"):
        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        if text:
            out.append((text, run))
    return out


def run_font(run: etree._Element) -> tuple[str | None, str | None]:
    fonts = run.find(f"{W}rPr/{W}rFonts")
    size = run.find(f"{W}rPr/{W}sz")
    return attr(fonts, "eastAsia"), attr(size, "val")


def test_every_run_sets_all_four_font_slots(speech_parts: dict[str, etree._Element]) -> None:
    runs = runs_by_text(speech_parts["word/document.xml"])
    assert len(runs) > 30
    for _, run in runs:
        fonts = run.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None
        assert all(attr(fonts, s) for s in ("ascii", "hAnsi", "eastAsia", "cs"))
        assert attr(fonts, "hint") == "eastAsia"
        assert run.find(f"{W}rPr/{W}b") is None  # no bold anywhere


def test_fonts_by_level(speech_parts: dict[str, etree._Element]) -> None:
    runs = runs_by_text(speech_parts["word/document.xml"])
    first = {}
    for text, run in runs:
        first.setdefault(text[:3], run_font(run))
    assert first["在全镇"] == ("方正小标宋简体", "44")  # title, 2号
    assert first["镇党委"] == ("楷体_GB2312", "32")  # speaker line, 3号楷体
    assert first["一、认"] == ("黑体", "32")  # level 1
    assert first["（一）"] == ("楷体_GB2312", "32")  # level 2, run in
    assert first["一要在"] == ("楷体_GB2312", "32")  # lead under a level-1 heading
    assert first["今天，"] == ("仿宋_GB2312", "32")  # body


def test_title_centred_without_grid_snap(speech_parts: dict[str, etree._Element]) -> None:
    title = style(speech_parts["word/styles.xml"], "GwTitle")
    assert attr(title.find(f"{W}pPr/{W}jc"), "val") == "center"
    assert attr(title.find(f"{W}pPr/{W}snapToGrid"), "val") == "0"
    assert attr(title.find(f"{W}pPr/{W}ind"), "firstLine") == "0"


def test_speech_page_numbers_centred(speech_parts: dict[str, etree._Element]) -> None:
    footers = [p for n, p in speech_parts.items() if n.startswith("word/footer")]
    assert len(footers) == 1
    footer = footers[0]
    assert attr(footer.find(f".//{W}jc"), "val") == "center"
    assert "PAGE" in "".join(t.text for t in footer.iter(f"{W}instrText"))
    text = "".join(t.text or "" for t in footer.iter(f"{W}t"))
    assert text == "— 1 —"
    fonts, size = run_font(next(footer.iter(f"{W}r")))
    assert (fonts, size) == ("宋体", "28")
    settings = speech_parts["word/settings.xml"]
    assert settings.find(f"{W}evenAndOddHeaders") is None


def test_odd_right_even_left_page_numbers() -> None:
    doc = Document("通知", (Title(("标题",)), Paragraph("正文。")), PageNumbers.OUTSIDE)
    found = parts(docx_bytes(doc))
    assert found["word/settings.xml"].find(f"{W}evenAndOddHeaders") is not None
    targets = {r.get("Id"): r.get("Target") for r in found["word/_rels/document.xml.rels"]}
    rel_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    by_type = {
        attr(ref, "type"): found["word/" + targets[ref.get(rel_id)]]
        for ref in found["word/document.xml"].iter(f"{W}footerReference")
    }
    odd, even = by_type["default"], by_type["even"]
    assert attr(odd.find(f".//{W}jc"), "val") == "right"
    assert attr(odd.find(f".//{W}ind"), "right") == "280"  # 右空一字 at 4号
    assert attr(even.find(f".//{W}jc"), "val") == "left"
    assert attr(even.find(f".//{W}ind"), "left") == "280"


def test_font_table_lists_our_fonts_only(speech_parts: dict[str, etree._Element]) -> None:
    names = {attr(f, "name") for f in speech_parts["word/fontTable.xml"]}
    assert names == {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"}


def test_office_can_choose_fangsong() -> None:
    profile = LayoutProfile(body_font="仿宋", heading_fonts=("黑体", "楷体", "仿宋", "仿宋"))
    doc = Document("讲话稿", (Paragraph("正文。"),), PageNumbers.CENTRED)
    found = parts(docx_bytes(doc, profile))
    normal = style(found["word/styles.xml"], "Normal")
    assert attr(normal.find(f"{W}rPr/{W}rFonts"), "eastAsia") == "仿宋"


def test_table_has_explicit_widths_and_repeating_header() -> None:
    table = Table(("序号", "问题描述", "整改时限"), (("1", "出生登记不及时", "2026年12月31日"),))
    found = parts(docx_bytes(Document("方案", (table,), PageNumbers.OUTSIDE)))
    tbl = found["word/document.xml"].find(f".//{W}tbl")
    assert attr(tbl.find(f"{W}tblPr/{W}tblLayout"), "type") == "fixed"
    total = int(attr(tbl.find(f"{W}tblPr/{W}tblW"), "w"))
    assert total == DEFAULT_PROFILE.type_area_width.twips
    widths = [int(attr(c, "w")) for c in tbl.iter(f"{W}tcW")]
    assert len(widths) == 6 and sum(widths[:3]) == total
    assert tbl.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


def test_column_widths_favour_long_columns() -> None:
    table = Table(("序号", "问题描述"), (("1", "育儿补贴申领进度不平衡，外出务工家庭底数不清"),))
    narrow, wide = column_widths(table, 8844, 630)
    assert narrow + wide == 8844 and wide > 3 * narrow


def ledger_table() -> Table:
    header = ("序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改进展")
    long = "部分村出生登记仍靠群众自己跑，村级代办作用发挥不够，群众多跑腿的情况时有发生"
    rows = tuple(
        (str(n), long, long + long, "镇便民服务中心、各村（社区）", "刘芳", "2026年12月31日", long)
        for n in range(1, 4)
    )
    return Table(header, rows, landscape=True)


def test_ledger_columns_keep_a_date_and_a_name_on_one_line() -> None:
    from docgen.word import paging

    table = ledger_table()
    char = 240  # 小四
    widths = column_widths(table, 12756, char * 2)
    per = [paging.cell_chars(w, char) for w in widths]
    date, unit = table.header.index("整改时限"), table.header.index("责任单位")
    assert per[date] >= 8  # 2026年12月31日, digits printed a little wide
    assert per[unit] >= len("镇便民服务中心、")
    assert sum(widths) == 12756
    # The long text columns share the rest; none is squeezed to a sliver.
    assert min(per[1], per[2], per[6]) >= 5, per


def test_names_go_one_to_a_line_in_their_cell() -> None:
    from docgen.word import paging

    table = ledger_table()
    assert paging.name_columns(table) == frozenset({3, 4})  # 责任单位, 责任人; not the text
    found = parts(docx_bytes(Document("方案", (table,), PageNumbers.OUTSIDE)))
    cells = [
        tc
        for tc in found["word/document.xml"].iter(f"{W}tc")
        if "镇便民服务中心" in "".join(t.text or "" for t in tc.iter(f"{W}t"))
    ]
    assert cells and all(len(list(tc.iter(f"{W}br"))) == 1 for tc in cells)


def test_the_only_paragraph_of_page_one_is_not_carried_off_with_the_signature() -> None:
    from docgen.model import AttachmentNote, Masthead, MastheadKind, Signature
    from docgen.word import paging

    def doc(*texts: str) -> Document:
        blocks = (
            Title(("桃源乡人民政府关于印发《某某实施方案》的通知",)),
            Salutation("各村："),
            *(Paragraph(text) for text in texts),
            AttachmentNote(("甲方案", "乙台账")),
            Signature(("桃源乡人民政府",), "2026年11月29日", sealed=False),
        )
        masthead = Masthead(MastheadKind.FILE, "桃源乡人民政府文件", "桃政发〔2026〕42号")
        return Document("通知", blocks, PageNumbers.OUTSIDE, masthead=masthead)

    line = "为做好工作，现印发给你们，请认真贯彻落实。"
    short = doc(line)
    head = paging.head_lines(short, DEFAULT_PROFILE)
    assert paging.kept_with_signature(short.blocks) == frozenset({2})
    assert paging.kept_on_its_page(short, DEFAULT_PROFILE, head) == frozenset({2})
    # Four lines longer, the chain would not fit under the 版头: the paragraph stays.
    tight = doc(line * 5)
    assert paging.kept_with_signature(tight.blocks) == frozenset({2})
    assert paging.kept_on_its_page(tight, DEFAULT_PROFILE, head) == frozenset()
    # With other text before it, the last paragraph always goes with the 落款.
    longer = doc(line * 5, line)
    assert paging.kept_on_its_page(longer, DEFAULT_PROFILE, head) == frozenset({3})


def test_python_docx_reads_the_text_back(speech: bytes) -> None:
    paragraphs = [p.text for p in docx.Document(io.BytesIO(speech)).paragraphs]
    assert paragraphs[0] == "在全镇人口和家庭发展工作推进会上的讲话"
    assert paragraphs[3] == "同志们："
    assert any(p.startswith("一要在优化生育登记服务上下功夫。") for p in paragraphs)
    assert docx.Document(io.BytesIO(speech)).core_properties.title == paragraphs[0]


_TEXT = st.text(
    alphabet=st.sampled_from("人口和家庭发展工作推进会，。；：“”（）《》、0123456789abc%‰ "),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(title=_TEXT, lead=_TEXT, body=_TEXT, heading=_TEXT)
def test_writer_keeps_every_character(title: str, lead: str, body: str, heading: str) -> None:
    blocks = (
        Title((title,)),
        Subtitle((lead,)),
        Heading(1, 1, heading),
        Paragraph(body, Lead(lead, 2)),
        Heading(2, 1, heading, body),
    )
    data = docx_bytes(Document("讲话稿", blocks, PageNumbers.CENTRED))
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    title_paragraphs = len(texts) - 4  # a long title is broken into lines of its own
    assert "".join(texts[:title_paragraphs]) == title
    assert texts[title_paragraphs:] == [
        lead,
        "一、" + heading,
        lead + body,
        "（一）" + heading + body,
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("在全镇人口和家庭发展工作推进会上的讲话", ("在全镇人口和家庭发展工作推进会上的讲话",)),
        (
            "青石镇人民政府关于开展人口和家庭发展工作自查整改的通知",
            ("青石镇人民政府关于开展", "人口和家庭发展工作自查整改的通知"),
        ),
        (
            "桃源乡人民政府关于印发《桃源乡农村人居环境整治提升工作自查整改实施方案》的通知",
            (
                "桃源乡人民政府关于印发",
                "《桃源乡农村人居环境整治提升",
                "工作自查整改实施方案》的通知",
            ),
        ),
    ],
)
def test_long_titles_break_at_natural_points(title: str, expected: tuple[str, ...]) -> None:
    from docgen.word.paging import title_lines

    lines = title_lines(title, 20)
    assert lines == expected
    assert "".join(lines) == title and all(len(line) <= 20 for line in lines)


@pytest.mark.parametrize(
    "title, expected",
    [
        (
            "城东街道办事处关于开展校园周边食品安全“三查三改”专项行动的通知",
            ("城东街道办事处关于开展校园周边食品安全", "“三查三改”专项行动的通知"),
        ),
        (
            "柳河镇在森林防火“两清两改”集中攻坚行动动员部署会上的讲话",
            ("柳河镇在森林防火“两清两改”", "集中攻坚行动动员部署会上的讲话"),
        ),
    ],
)
def test_a_quoted_term_in_a_title_stays_on_one_line(title: str, expected: tuple) -> None:
    from docgen.word.paging import title_lines

    assert title_lines(title, 20) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("镇人民政府关于开展专项行动的通知"), min_size=8, max_size=30),
    st.text(alphabet=st.sampled_from("五查改清两"), min_size=2, max_size=6),
    st.integers(min_value=0, max_value=30),
    st.sampled_from(["“”", "《》", "（）"]),
)
def test_no_title_line_ends_with_an_opening_mark_or_starts_with_a_closing_one(
    words: str, term: str, at: int, marks: str
) -> None:
    """The 避头尾 rule, wherever a quoted term, book title or bracket falls in the title."""
    from docgen.word.paging import title_lines

    at = min(at, len(words))
    title = words[:at] + marks[0] + term + marks[1] + words[at:]
    lines = title_lines(title, 20)
    assert "".join(lines) == title
    assert not any(line.endswith(tuple("“‘《（〔【「")) for line in lines[:-1])
    assert not any(line.startswith(tuple("”’》），。、；：！？〕】」")) for line in lines[1:])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("2026年12月31日ab.、 （）％%-—\t"), max_size=30))
def test_printed_widths_counted_by_runs_match_counting_by_characters(piece: str) -> None:
    """paging._held counts ASCII runs; the definition counts characters and their changes."""
    import itertools

    from docgen.word.paging import _held, display_width

    narrow = sum(1 for c in piece if c.isascii())
    changes = sum(1 for a, b in itertools.pairwise(piece) if a.isascii() != b.isascii())
    assert _held(piece) == display_width(piece) + 0.1 * narrow + 0.35 * changes


def test_the_page_count_breaks_a_long_title_as_the_writer_does() -> None:
    """A title of 40 characters fits two lines of 20 by width, but the writer breaks it at
    natural points into three; the page count must count three."""
    from docgen.model import Title
    from docgen.word.paging import block_lines, title_lines

    title = "青川区人民政府城南街道办事处关于开展校园及周边食品安全“五查五改”专项行动的通知"
    per_line = int(DEFAULT_PROFILE.type_area_width.pt // DEFAULT_PROFILE.title_size.pt)
    lines = title_lines(title, per_line)
    assert len(lines) == 3
    assert block_lines(Title((title,)), DEFAULT_PROFILE) == 3
