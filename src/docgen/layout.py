"""The layout profile: every GB/T 9704-2012 value the writers need, in real units, with its clause.

Nothing else in the code base holds a layout number. An office changes fonts or the
page-number style here (or through its profile file), never in the writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

TWIPS_PER_PT = 20
TWIPS_PER_MM = 1440 / 25.4


@dataclass(frozen=True)
class Length:
    """A length kept in points; converted to OOXML units at the edge."""

    pt: float

    @classmethod
    def mm(cls, value: float) -> Length:
        return cls(value * 72 / 25.4)

    @property
    def twips(self) -> int:
        return round(self.pt * TWIPS_PER_PT)

    @property
    def half_points(self) -> int:
        return round(self.pt * 2)

    @property
    def millimetres(self) -> float:
        return self.pt * 25.4 / 72


def mm(value: float) -> Length:
    return Length.mm(value)


def pt(value: float) -> Length:
    return Length(value)


# 号 sizes in points (GB/T 148 / printing practice; layout.md "Units").
SIZE_2 = pt(22)  # 二号
SIZE_3 = pt(16)  # 三号
SIZE_4 = pt(14)  # 四号


def _v(value: object, clause: str):
    return field(default=value, metadata={"clause": clause})


@dataclass(frozen=True)
class LayoutProfile:
    """One office's layout; defaults follow GB/T 9704-2012 and verified client behaviour."""

    page_width: Length = _v(mm(210), "GB/T 9704-2012 5.1 幅面尺寸 A4")
    page_height: Length = _v(mm(297), "GB/T 9704-2012 5.1 幅面尺寸 A4")
    margin_top: Length = _v(mm(37), "GB/T 9704-2012 5.2.1 天头 37 mm")
    margin_left: Length = _v(mm(28), "GB/T 9704-2012 5.2.1 订口 28 mm")
    margin_right: Length = _v(mm(26), "GB/T 9704-2012 5.2.1 版心宽 156 mm → 210-28-156")
    margin_bottom: Length = _v(mm(35), "GB/T 9704-2012 5.2.1 版心高 225 mm → 297-37-225")
    body_font: str = _v("仿宋_GB2312", "GB/T 9704-2012 5.2.2 一般用 3 号仿宋体字")
    body_size: Length = _v(SIZE_3, "GB/T 9704-2012 5.2.2 3 号")
    latin_font: str | None = _v(None, "实务：数字和西文可用 Times New Roman；None 为与中文同字体")
    lines_per_page: int = _v(22, "GB/T 9704-2012 5.2.3 每面排 22 行")
    chars_per_line: int = _v(28, "GB/T 9704-2012 5.2.3 每行排 28 个字")
    line_pitch: Length = _v(
        pt(28.95), "5.2.3 的 22 行：固定行距 28.95 磅（579 缇），LibreOffice 7.4 实测 22 行"
    )
    char_spacing: Length = _v(
        pt(-0.25), "5.2.3 的 28 字：3 号字紧缩 0.25 磅，28×15.75 磅 ≤ 版心宽 442.2 磅"
    )
    first_line_chars: int = _v(2, "GB/T 9704-2012 7.3.3 每个自然段左空二字")
    justify: bool = _v(
        True,
        "实务：正文两端对齐；给 LibreOffice 转 PDF 时改左对齐（LibreOffice 7.4 两端对齐会丢掉行末溢出的标点）",
    )
    auto_space: bool = _v(
        False, "实务：关闭中文与数字、西文之间的自动加宽，保持 28 字网格和日期对齐"
    )
    title_font: str = _v("方正小标宋简体", "GB/T 9704-2012 7.3.1 标题一般用 2 号小标宋体字")
    title_size: Length = _v(SIZE_2, "GB/T 9704-2012 7.3.1 2 号")
    heading_fonts: tuple[str, str, str, str] = _v(
        ("黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312"),
        "GB/T 9704-2012 7.3.3 第一层黑体、第二层楷体、第三和第四层仿宋",
    )
    subtitle_font: str = _v("楷体_GB2312", "实务：讲话稿署名行和日期行用 3 号楷体")
    table_font: str = _v("仿宋_GB2312", "实务：表格用仿宋 4 号，表头黑体")
    table_header_font: str = _v("黑体", "实务：表头黑体")
    table_size: Length = _v(SIZE_4, "实务：表格 4 号字")
    table_line: Length = _v(pt(20), "实务：表格内单倍行距（固定 20 磅，不随正文网格）")
    table_cell_margin: Length = _v(
        mm(1), "实务：表格单元格左右各留 1 mm，列多的整改台账也留得出文字的宽度"
    )
    wide_table_size: Length = _v(pt(12), "实务：横排的宽表格（如整改台账）用小四号字")
    wide_table_line: Length = _v(pt(17), "实务：宽表格固定行距 17 磅")
    page_number_font: str = _v("宋体", "GB/T 9704-2012 7.5 页码用 4 号半角宋体阿拉伯数字")
    page_number_size: Length = _v(SIZE_4, "GB/T 9704-2012 7.5 4 号")
    page_number_inset_chars: int = _v(1, "GB/T 9704-2012 7.5 单页码居右空一字，双页码居左空一字")
    footer_distance: Length = _v(
        pt(68.5), "GB/T 9704-2012 7.5 一字线距版心下边缘约 7 mm：页脚距 1370 缇，LibreOffice 实测"
    )

    mark_font: str = _v("方正小标宋简体", "GB/T 9704-2012 7.2.4 发文机关标志推荐使用小标宋体字")
    mark_color: str = _v("FF0000", "GB/T 9704-2012 7.2.4 颜色为红色")
    mark_sizes: tuple[float, ...] = _v(
        (42, 36, 26, 24, 22),
        "7.2.4 以醒目、美观、庄重为原则：取初号至二号中排得下的最大字号（不超过版心宽）",
    )
    mark_offset: Length = _v(mm(35), "GB/T 9704-2012 7.2.4 标志上边缘至版心上边缘为 35 mm")
    mark_line: float = _v(
        1.2, "实务：标志行固定行距为字号的 1.2 倍，LibreOffice 实测字顶在段前距处（±0.5 mm）"
    )
    number_gap_lines: int = _v(2, "GB/T 9704-2012 7.2.5 发文字号在标志下空二行位置")
    number_before: Length = _v(
        mm(15),
        "7.2.5 空二行：标志字底至字号字顶约 2 行（20.4 mm），行间空白实测 5.4 mm，故段前 15 mm",
    )
    rule_gap: Length = _v(mm(4), "GB/T 9704-2012 7.2.7 发文字号之下 4 mm 处印红色分隔线")
    rule_space: Length = _v(pt(3), "7.2.7 的 4 mm：字底至行底实测 2.8 mm，边框再距 3 磅（1.1 mm）")
    rule_width: Length = _v(pt(1), "实务：红色分隔线粗 1 磅（标准未定）")
    title_gap_lines: int = _v(2, "GB/T 9704-2012 7.3.1 标题编排于红色分隔线下空二行位置")
    signer_font: str = _v("楷体_GB2312", "GB/T 9704-2012 7.2.6 签发人姓名用 3 号楷体字")
    sealed_date_right_chars: int = _v(4, "GB/T 9704-2012 7.3.5.1 成文日期一般右空四字")
    sealed_gap_lines: int = _v(2, "实务：盖章时署名前空二行，使印章顶端距正文一行之内")
    unsealed_right_chars: int = _v(2, "GB/T 9704-2012 7.3.5.2 署名右空二字，日期首字右移二字")
    attachment_label_font: str = _v("黑体", "GB/T 9704-2012 7.3.7 “附件”及序号用 3 号黑体字")
    imprint_font: str = _v("仿宋_GB2312", "GB/T 9704-2012 7.4 版记各要素一般用 4 号仿宋体字")
    imprint_size: Length = _v(SIZE_4, "GB/T 9704-2012 7.4 4 号")
    imprint_thick: Length = _v(pt(1), "GB/T 9704-2012 7.4.1 首条、末条分隔线粗线（推荐 0.35 mm）")
    imprint_thin: Length = _v(pt(0.75), "GB/T 9704-2012 7.4.1 中间分隔线细线（推荐 0.25 mm）")
    attendance_label_font: str = _v("黑体", "GB/T 9704-2012 10.3 出席、请假、列席用 3 号黑体字")

    def clauses(self) -> dict[str, str]:
        """Field name → clause, for docs and ``docgen`` listings."""
        return {f.name: f.metadata.get("clause", "") for f in fields(self)}

    @property
    def type_area_width(self) -> Length:
        return pt(self.page_width.pt - self.margin_left.pt - self.margin_right.pt)

    def heading_font(self, level: int) -> str:
        return self.heading_fonts[min(level, 4) - 1]

    def char_width(self, size: Length) -> Length:
        """One 字 at ``size`` as laid out on the grid (size plus the character spacing)."""
        return pt(size.pt + self.char_spacing.pt) if size == self.body_size else size


DEFAULT_PROFILE = LayoutProfile()


def profile_table(profile: LayoutProfile = DEFAULT_PROFILE) -> str:
    """The profile as a Markdown table (value, clause) for docs/layout.md."""
    rows = ["| 项 | 值 | 依据 |", "|---|---|---|"]
    for f in fields(profile):
        value = getattr(profile, f.name)
        if isinstance(value, Length):
            value = f"{value.millimetres:.1f} mm（{value.pt:g} 磅，{value.twips} 缇）"
        elif isinstance(value, tuple):
            value = " / ".join(str(v) for v in value)
        rows.append(f"| `{f.name}` | {value} | {f.metadata['clause']} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":  # python -m docgen.layout > table, pasted into docs/layout.md
    print(profile_table(), end="")
