"""PDF export fails loudly, in Chinese, when LibreOffice is missing or silently skips a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen import pdf
from docgen.pdf import PdfExportError, convert_to_pdf, find_soffice


def test_missing_libreoffice_names_the_download(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "讲话.docx"
    source.write_bytes(b"x")
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(PdfExportError) as err:
        convert_to_pdf([source], tmp_path / "out")
    assert "未找到 LibreOffice" in err.value.format_message()
    assert "https://www.libreoffice.org" in err.value.format_message()


def test_same_stem_is_refused_before_converting(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "讲话.docx", tmp_path / "b" / "讲话.docx"
    first.write_bytes(b"x")
    second.write_bytes(b"x")
    with pytest.raises(PdfExportError, match="同名"):
        convert_to_pdf([first, second], tmp_path / "out")


def test_fontconfig_file_ships_inside_the_package() -> None:
    with pdf._fontconfig_file() as conf:
        text = conf.read_text(encoding="utf-8")
    assert "仿宋_GB2312" in text and "Noto Serif CJK SC" in text


@pytest.mark.skipif(find_soffice() is None, reason="未安装 LibreOffice")
def test_a_file_libreoffice_cannot_open_is_reported(tmp_path: Path) -> None:
    broken = tmp_path / "损坏.docx"
    broken.write_bytes(b"PK\x03\x04 not a real zip archive")
    with pytest.raises(PdfExportError, match=r"损坏\.docx"):
        convert_to_pdf([broken], tmp_path / "out")
