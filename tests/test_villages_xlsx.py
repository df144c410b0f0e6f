"""Workbook cells as a clerk sees them: percentages, dates, formulas with saved results."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl

from docgen.villages.xlsx import read_workbook

ROOT = Path(__file__).resolve().parents[1]


def workbook(tmp_path: Path, name: str = "村情表.xlsx") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "村情"
    ws.append(["村", "出生登记及时率", "托位数", "时限", "备注"])
    ws.append(["东坪村", 0.935, 4, dt.datetime(2026, 12, 31), "  "])
    ws.append(["西岭村", 91.7, 3.5, 46387, True])
    ws.append(["南岗村", "85.67%", "=B2*100", dt.date(2027, 1, 5), "已完成"])
    ws["B2"].number_format = "0.0%"
    ws["D3"].number_format = 'yyyy"年"m"月"d"日"'
    ws["D4"].number_format = "yyyy-mm-dd"
    ws["C3"].number_format = "0.00"
    problems = book.create_sheet("问题")
    problems.append(["村", "问题描述"])
    for n in range(30):
        problems.append(
            [f"村{n}", "台账更新不及时" if n % 2 else "代办员没有公示"]
        )  # shared strings
    path = tmp_path / name
    book.save(path)
    return path


def test_cells_read_as_shown(tmp_path: Path) -> None:
    cells = read_workbook(workbook(tmp_path))[0].rows
    assert cells[2][2].percent and cells[2][2].value == 0.935
    assert cells[3][4].value == dt.datetime(2026, 12, 31)  # a serial shown as a date
    assert cells[4][3].formula == "=B2*100" and cells[4][3].value is None  # no saved result
    assert 5 not in cells[2]  # blank text is no cell


def test_a_workbook_in_the_1904_date_system_reads_its_dates(tmp_path: Path) -> None:
    path = workbook(tmp_path)
    data = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(data, "w") as out:
        for name in src.namelist():
            blob = src.read(name)
            if name == "xl/workbook.xml":  # the 1904 date system (old Mac Excel)
                blob = blob.replace(b"<workbookPr", b'<workbookPr date1904="1"', 1)
            out.writestr(name, blob)
    turned = tmp_path / "1904.xlsx"
    turned.write_bytes(data.getvalue())
    cells = read_workbook(turned)[0].rows
    assert cells[3][4].value == dt.datetime(2026, 12, 31) + dt.timedelta(days=1462)


_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="问题" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/sharedStrings.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">'
        "<si><t>村</t></si>"
        "<si><r><t>东坪</t></r><r><rPr><b/></rPr><t>村</t></r></si>"  # rich text runs
        '<si><t>台账</t><rPh sb="0" eb="2"><t>たいちょう</t></rPh></si>'  # a phonetic guide
        "</sst>"
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/>'
        '<xf numFmtId="10" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
    "xl/worksheets/sheet1.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>46387</v></c>'
        '<c r="C2" s="2"><v>0.125</v></c><c r="D2" t="str"><f>A2&amp;"一组"</f><v>东坪村一组</v></c>'
        '<c r="E2" t="e"><v>#N/A</v></c></row>'
        "</sheetData></worksheet>"
    ),
}


def test_excel_style_parts_read_the_same(tmp_path: Path) -> None:
    """Shared strings with rich text and phonetic guides, custom date formats, cached results."""
    path = tmp_path / "excel.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        for name, text in _PARTS.items():
            out.writestr(name, text)
    fast = read_workbook(path)
    row = fast[0].rows[2]
    assert row[1].value == "东坪村" and fast[0].rows[1][2].value == "台账"
    assert row[2].value == dt.datetime(2026, 12, 31) and row[3].percent
    assert row[4].value == "东坪村一组" and row[4].formula is None


def test_reading_a_workbook_does_not_import_numpy_and_reads_the_same_with_it() -> None:
    import subprocess
    import sys

    script = (
        "import sys, pickle\n"
        "from pathlib import Path\n"
        "from docgen.villages.xlsx import read_workbook\n"
        "without = read_workbook(Path(sys.argv[1]))\n"
        "loaded = 'numpy' in sys.modules\n"
        "import numpy\n"  # still importable afterwards (the spelling check needs it)
        "with_numpy = read_workbook(Path(sys.argv[1]))\n"
        "print(loaded, without == with_numpy, len(without[0].rows) > 3)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(ROOT / "examples" / "villages.xlsx")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["False", "True", "True"]


def test_merged_ranges_are_found_across_chunks_and_skipped_without_the_opener(
    tmp_path: Path, monkeypatch
) -> None:
    from docgen.villages import xlsx

    path = workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    book["问题"].merge_cells("B2:B4")
    book["问题"].merge_cells("A40:C41")
    book.save(path)
    monkeypatch.setattr(xlsx, "_CHUNK", 7)  # every tag cut somewhere
    problems = read_workbook(path)[1].rows
    assert problems[3][2] == problems[4][2] == problems[2][2]
    assert 40 not in problems  # past the data: no rows made
    assert xlsx._merged_ranges(object()) == []  # an openpyxl without the private opener
