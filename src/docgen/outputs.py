"""Writing outputs safely: Windows-valid names, atomic replacement, hand edits never lost.

A manifest (``.docgen-manifest.json``) in the output folder records the SHA-256 of each
file docgen wrote. A file whose bytes no longer match — someone edited it in Word —
or a file docgen never wrote is not overwritten unless the user forces it, and then a
backup is kept beside it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError

MANIFEST = ".docgen-manifest.json"
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
#: Most file systems allow 255 bytes per name; keep room for ".备份-YYYYmmdd-HHMMSS.docx".
_MAX_STEM_BYTES = 180


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def safe_filename(name: str, suffix: str = ".docx", limit: int = 80) -> str:
    """A file name valid on Windows: no \\/:*?"<>|, no reserved device names, no trailing dot."""
    stem = _FORBIDDEN.sub("_", name).strip().rstrip(". ")
    stem = stem[:limit]
    while len(stem.encode("utf-8")) > _MAX_STEM_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip(". ") or "未命名"
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    return stem + suffix


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".docgen-", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Output:
    """One file to write and what it records in the manifest."""

    name: str
    data: bytes
    record: Mapping[str, str]


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
        if not isinstance(files, dict) or not all(isinstance(v, dict) for v in files.values()):
            raise ValueError(path)
        return files
    except (ValueError, AttributeError):  # bad JSON, bad UTF-8 or the wrong shape
        raise OutputError(
            f"输出文件夹中的记录文件 {path} 已损坏：无法判断哪些文件被人改过。"
            "请检查该文件夹，确认后删除这个记录文件再运行。"
        ) from None


def edited_by_hand(folder: Path, names: list[str]) -> list[str]:
    """Names among ``names`` that exist but are not exactly what docgen last wrote."""
    manifest = read_manifest(folder)
    changed = []
    for name in names:
        target = folder / name
        if not target.exists():
            continue
        recorded = manifest.get(name, {}).get("sha256")
        if recorded is None or recorded != sha256(target.read_bytes()):
            changed.append(name)
    return changed


def write_outputs(folder: Path, outputs: list[Output], *, force: bool = False) -> list[Path]:
    """Write all outputs or none; refuse to replace hand-edited files unless ``force``."""
    changed = edited_by_hand(folder, [o.name for o in outputs])
    if changed and not force:
        listing = "\n".join(f"  {folder / name}" for name in changed)
        raise OutputError(
            "以下文件在生成后被修改过（或不是 docgen 生成的），为免丢失修改，没有覆盖：\n"
            f"{listing}\n"
            "如确要重新生成，请加 --force（原文件会先备份为“文件名.备份-时间”），"
            "或用 -o 指定另一个输出文件夹。"
        )
    stamp = dt.datetime.now().astimezone()
    manifest = read_manifest(folder)
    written = []
    for output in outputs:
        target = folder / output.name
        with _plain_error(target):
            if output.name in changed:
                stem, suffix = target.stem, target.suffix
                os.replace(target, target.with_name(f"{stem}.备份-{stamp:%Y%m%d-%H%M%S}{suffix}"))
            write_atomic(target, output.data)
        manifest[output.name] = {
            **output.record,
            "sha256": sha256(output.data),
            "generated": stamp.isoformat(timespec="seconds"),
        }
        written.append(target)
    body = json.dumps({"files": manifest}, ensure_ascii=False, indent=2, sort_keys=True)
    with _plain_error(folder / MANIFEST):
        write_atomic(folder / MANIFEST, body.encode("utf-8"))
    return written


@contextmanager
def _plain_error(target: Path) -> Iterator[None]:
    """An operating-system refusal (file open in Word, read-only folder) as a Chinese message."""
    try:
        yield
    except OSError as exc:
        raise OutputError(
            f"无法写入 {target}（{exc.strerror or exc}）。"
            "如果这个文件正在 Word 或 WPS 中打开，请先关闭后重新运行；"
            "也可以用 -o 指定另一个输出文件夹。"
        ) from None
