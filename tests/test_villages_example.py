"""The bundled village workbook: matches its generator; one notice per village, own data only."""

from __future__ import annotations

import os
import re
import statistics
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from layout.measure import TypeArea, body_lines, pitches_mm, read_lines

from docgen.data.load import load_situation
from docgen.facts.figures import format_typed
from docgen.pdf import find_soffice
from docgen.pipeline import Options, run_batch
from docgen.villages import load_villages
from docgen.villages.xlsx import read_workbook

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "population.yaml"
WORKBOOK = ROOT / "examples" / "villages.xlsx"
sys.path.insert(0, str(ROOT / "bench"))
import make_villages_example as generator  # noqa: E402

AREA = TypeArea(left=28.0, right=184.0, top=37.0, bottom=262.0)
PITCH_MM = 28.95 * 25.4 / 72


def _cells(value: object) -> object:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def test_committed_workbook_matches_its_generator() -> None:
    sheets = {sheet.name: sheet for sheet in read_workbook(WORKBOOK)}
    for spec in generator.sheets():
        rows = sheets[spec.name].rows
        for number, expected in enumerate(spec.rows, 1):
            found = rows.get(number, {})
            got = [
                _cells(found[c].value) if c in found else None for c in range(1, len(expected) + 1)
            ]
            assert got == expected, (spec.name, number)
        assert max(rows) == len(spec.rows), spec.name


@pytest.fixture(scope="module")
def notices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("villages")
    result = run_batch("notice", DATA, WORKBOOK, out)
    assert result.ok, (result.skipped, result.other_problems)
    texts = {}
    for path in result.written:
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        texts[path.name] = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    return texts


def test_one_notice_per_village(notices: dict[str, str]) -> None:
    assert sorted(notices) == sorted(f"{row[0]}_通知.docx" for row in generator.VILLAGES)


def test_each_notice_holds_only_its_own_village(notices: dict[str, str]) -> None:
    table = load_villages(WORKBOOK, load_situation(DATA).situation.indicators)
    township = {format_typed(i.value) for i in load_situation(DATA).situation.indicators}
    for village in table.villages:
        text = notices[f"{village.name}_通知.docx"]
        assert f"{village.name}：" in text  # 主送 the village
        for value in village.values.values():
            assert f"{format_typed(value)}" in text
        for issue in village.issues:
            assert issue.text in text and issue.measures in text
        for other in table.villages:
            if other is village:
                continue
            assert other.name not in text, (village.name, other.name)
            for issue in other.issues:
                assert issue.text not in text, (village.name, issue.text)
            own = {format_typed(v) for v in village.values.values()}
            for value in other.values.values():
                figure = format_typed(value)
                if figure not in own and figure not in township and Decimal(figure) >= 10:
                    assert figure not in text, (village.name, other.name, figure)


def test_village_notice_prints_on_the_grid_in_libreoffice(tmp_path: Path) -> None:
    if find_soffice() is None:
        reason = "未找到 LibreOffice（soffice），跳过真实客户端排版测试；安装方法见 README。"
        if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE"):
            pytest.fail(reason)
        pytest.skip(reason)
    result = run_batch("notice", DATA, WORKBOOK, tmp_path, Options(pdf=True, check=False))
    pdfs = sorted(p for p in result.written if p.suffix == ".pdf")
    assert len(pdfs) == len(generator.VILLAGES)
    pages = read_lines(next(p for p in pdfs if p.stem == "龙潭村_通知"))
    text = "".join(line.text for page in pages for line in page)
    assert "龙潭村自查整改重点" in text and "青石村" not in text
    body = [body_lines(page, AREA) for page in pages]
    full = [page for page in body if len(page) == 22]  # text pages hold 22 lines (GB/T 9704)
    assert len(full) >= 2, [len(page) for page in body]
    for page in full:
        assert statistics.median(pitches_mm(page)) == pytest.approx(PITCH_MM, abs=0.1)
    on_grid = [
        page
        for page in body
        if len(page) > 2 and abs(statistics.median(pitches_mm(page)) - PITCH_MM) < 0.1
    ]
    assert all(len(page) <= 22 for page in on_grid), [len(page) for page in on_grid]
