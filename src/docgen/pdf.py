"""Export .docx files to PDF with headless LibreOffice, the free client we check layout in."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from docgen.errors import DocgenError

#: Keep the blank pages LibreOffice inserts for even-page section starts (the 版记 page):
#: two-sided printing needs them, and the default export drops them.
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
INSTALL_HINT = "要导出 PDF，请安装 LibreOffice（https://www.libreoffice.org），然后重新运行。"


class PdfExportError(DocgenError):
    """LibreOffice is missing or did not produce a PDF."""


def _candidates() -> Iterator[Path]:
    """Places where soffice usually lives, most specific first."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            yield Path(found)
    if sys.platform == "win32":
        for var in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
            base = os.environ.get(var)
            if not base:
                continue
            yield Path(base) / "LibreOffice" / "program" / "soffice.exe"
            yield from sorted(Path(base).glob("LibreOffice*/program/soffice.exe"), reverse=True)
    elif sys.platform == "darwin":
        for apps in (Path("/Applications"), Path.home() / "Applications"):
            yield apps / "LibreOffice.app" / "Contents" / "MacOS" / "soffice"
    else:
        yield Path("/usr/bin/soffice")
        yield Path("/usr/bin/libreoffice")
        yield Path("/usr/lib/libreoffice/program/soffice")
        yield from sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True)
        yield Path("/snap/bin/libreoffice")


def find_soffice() -> Path | None:
    """Return the LibreOffice executable, or None when it is not installed."""
    for path in _candidates():
        if path.is_file() and (sys.platform == "win32" or os.access(path, os.X_OK)):
            return path
    return None


@contextmanager
def _fontconfig_file() -> Iterator[Path]:
    """The bundled fonts.conf as a real file for as long as the conversion runs."""
    ref = resources.files("docgen") / "fonts" / "fonts.conf"
    with resources.as_file(ref) as path:
        yield path


def _conversion_env(home: Path, fonts_conf: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    env["HOME"] = str(home)
    if fonts_conf is not None and "FONTCONFIG_FILE" not in os.environ:
        env["FONTCONFIG_FILE"] = str(fonts_conf)
    return env


def _run(argv: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    """Run soffice; on timeout kill its whole process group (soffice forks soffice.bin)."""
    posix = os.name == "posix"
    with subprocess.Popen(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=posix,
    ) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            if posix:
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                proc.kill()
            proc.communicate()
            raise PdfExportError(
                f"LibreOffice 在 {timeout:.0f} 秒内没有完成 PDF 导出，已中止。"
                "请关闭卡住的 LibreOffice 进程后重试，或一次少转换几个文件。"
            ) from None
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def convert_to_pdf(
    docx_paths: list[Path], out_dir: Path, timeout: float | None = None
) -> list[Path]:
    """Convert all files in one soffice call; return the PDFs in input order.

    soffice exits 0 even when a file fails, so each PDF is checked to exist and be
    non-empty. A private profile and HOME keep parallel runs from sharing state.
    """
    docx_paths = [Path(p).resolve() for p in docx_paths]
    if not docx_paths:
        return []
    missing = [p for p in docx_paths if not p.is_file()]
    if missing:
        names = "、".join(str(p) for p in missing)
        raise PdfExportError(f"要转换的文件不存在：{names}。请检查路径后重试。")
    stems: dict[str, Path] = {}
    for p in docx_paths:
        if p.stem in stems:
            raise PdfExportError(
                f"{stems[p.stem]} 和 {p} 会导出为同名的 {p.stem}.pdf，请改名后重试或分两次导出。"
            )
        stems[p.stem] = p

    soffice = find_soffice()
    if soffice is None:
        raise PdfExportError(f"未找到 LibreOffice：{INSTALL_HINT}")

    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    expected = [out_dir / f"{p.stem}.pdf" for p in docx_paths]
    for pdf in expected:
        pdf.unlink(missing_ok=True)
    if timeout is None:
        timeout = 120 + 15 * len(docx_paths)

    with tempfile.TemporaryDirectory(prefix="docgen-soffice-") as tmp, _fontconfig_file() as conf:
        tmp_path = Path(tmp)
        profile = tmp_path / "profile"
        home = tmp_path / "home"
        home.mkdir()
        argv = [
            str(soffice),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(out_dir),
            *(str(p) for p in docx_paths),
        ]
        fonts_conf = conf if sys.platform.startswith("linux") else None
        try:
            result = _run(argv, _conversion_env(home, fonts_conf), timeout)
        except OSError as exc:
            raise PdfExportError(
                f"无法启动 LibreOffice（{soffice}）：{exc}。{INSTALL_HINT}"
            ) from exc

    failed = [
        src
        for src, pdf in zip(docx_paths, expected, strict=True)
        if not pdf.is_file() or pdf.stat().st_size == 0
    ]
    if failed:
        detail = (result.stderr or b"").decode("utf-8", "replace").strip()
        names = "、".join(p.name for p in failed)
        msg = (
            f"LibreOffice 没有把下列文件导出为 PDF：{names}（退出码 {result.returncode}）。"
            "请确认文件能在 Word 或 LibreOffice 中正常打开，并且输出文件夹可写。"
        )
        if detail:
            msg += f"\nLibreOffice 的输出：{detail[-500:]}"
        raise PdfExportError(msg)
    return expected
