"""The journal of written files: which bytes docgen wrote, so a hand edit is never lost.

A manifest (``.docgen-manifest.jsonl``, one JSON line per written file, appended before
the files are renamed into place so an interrupted run loses no record) records the
SHA-256 of each file docgen wrote. A file whose bytes no longer match — someone edited it in
Word — or a file docgen never wrote is not overwritten unless the user forces it, and then
a backup is kept beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from ..errors import OutputError
from .atomic import write_atomic

#: The journal of written files (JSON Lines); the older whole-JSON manifest is still read.
MANIFEST = ".docgen-manifest.jsonl"
LEGACY_MANIFEST = ".docgen-manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _corrupt(path: Path) -> OutputError:
    return OutputError(
        f"输出文件夹中的记录文件 {path} 已损坏：无法判断哪些文件被人改过。"
        "请检查该文件夹，确认后删除这个记录文件再运行。"
    )


def _legacy_records(folder: Path) -> dict[str, list[dict[str, str]]]:
    """Records of the whole-JSON manifest older versions wrote, read as history."""
    path = folder / LEGACY_MANIFEST
    if not path.exists():
        return {}
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
        if not isinstance(files, dict) or not all(isinstance(v, dict) for v in files.values()):
            raise ValueError(path)
    except (ValueError, AttributeError):
        raise _corrupt(path) from None
    return {name: [record] for name, record in files.items()}


def read_history(folder: Path) -> dict[str, list[dict[str, str]]]:
    """Every record per file name, oldest first; a torn last line (no newline) is ignored."""
    history = _legacy_records(folder)
    path = folder / MANIFEST
    if not path.exists():
        return history
    data = path.read_bytes()
    lines = data.split(b"\n")
    lines.pop()  # the text after the last newline: empty, or a record cut off mid-write
    for raw in lines:
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8"))
        except ValueError:  # bad JSON or bad UTF-8
            raise _corrupt(path) from None
        name = record.get("file") if isinstance(record, dict) else None
        if not isinstance(name, str) or not isinstance(record.get("sha256"), str):
            raise _corrupt(path)
        history.setdefault(name, []).append({k: v for k, v in record.items() if k != "file"})
    return history


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """The last record of each file docgen wrote in ``folder``."""
    return {name: records[-1] for name, records in read_history(folder).items()}


def edited_by_hand(folder: Path, names: list[str]) -> list[str]:
    """Names among ``names`` that exist but are not exactly what docgen last wrote.

    The record before the last one also counts: a run stopped between recording a file
    and renaming it into place leaves the previous version, which is still docgen's.
    """
    history = read_history(folder)
    changed = []
    for name in _present(folder, names):
        target = folder / name
        known = {r.get("sha256") for r in history.get(name, [])[-2:]}
        if not target.is_file() or sha256(target.read_bytes()) not in known:
            changed.append(name)  # a folder of that name is not docgen's either
    return changed


def _present(folder: Path, names: list[str]) -> list[str]:
    """The names among ``names`` that exist in ``folder``: one listing, not a lookup per
    name (a batch checks thousands). A name the listing lacks is still looked up when it
    differs only in case or composition from one listed (folders on Windows and macOS
    ignore case; macOS may list names decomposed)."""
    try:
        listed = set(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    folded = {_folded(name) for name in listed}
    return [
        name
        for name in names
        if name in listed or (_folded(name) in folded and (folder / name).exists())
    ]


def _folded(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


#: One encoder for every record (json.dumps with options builds a new one per call).
_RECORD = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


class Journal:
    """The manifest as an append-only log: one JSON line per written file, last one wins.

    Records are appended (a run's together, in one write) before their files are renamed
    into place, so an interrupted run loses no record; ``close`` compacts a log grown long.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / MANIFEST
        self._fd: int | None = None
        self._created = False
        self._names: set[str] = set()  # files recorded by this run

    def _open(self) -> int:
        if self._fd is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._created = not self.path.exists()
            self._fd = os.open(
                self.path,
                os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0),
                0o666,
            )
            size = os.fstat(self._fd).st_size
            if size:  # drop a record torn by an earlier interruption before appending
                with open(self.path, "rb") as handle:
                    handle.seek(max(0, size - 1))
                    if handle.read(1) != b"\n":
                        os.ftruncate(self._fd, self.path.read_bytes().rfind(b"\n") + 1)
        return self._fd

    def append(self, name: str, record: Mapping[str, str]) -> int:
        """Append one record; returns the offset to ``rollback`` to."""
        return self.append_all([(name, record)])[0]

    def append_all(self, records: list[tuple[str, Mapping[str, str]]]) -> list[int]:
        """Append records with one write (all or, if cut off, a torn last line that
        reading ignores); returns the offset of each, to ``rollback`` to."""
        fd = self._open()
        offset = os.fstat(fd).st_size
        offsets, lines = [], []
        for name, record in records:
            line = _RECORD.encode({"file": name, **record})
            data = (line + "\n").encode("utf-8")
            offsets.append(offset)
            lines.append(data)
            offset += len(data)
        view = memoryview(b"".join(lines))
        while view:
            view = view[os.write(fd, view) :]
        self._names.update(name for name, _ in records)
        return offsets

    def rollback(self, offset: int) -> None:
        """Take back the records from ``offset`` on (their files could not be put in place)."""
        if self._fd is not None:
            os.ftruncate(self._fd, offset)
        if offset == 0 and self._created and self._fd is not None:
            os.close(self._fd)
            self._fd = None
            self.path.unlink(missing_ok=True)

    def close(self) -> None:
        if self._fd is None:
            return
        os.fsync(self._fd)
        os.close(self._fd)
        self._fd = None
        self._compact()

    def _compact(self) -> None:
        """Rewrite a log holding many superseded records as the last two per file."""
        if not (self.folder / LEGACY_MANIFEST).exists():
            # Each file recorded now keeps at least one record, so a log this short cannot
            # need compacting: skip parsing it (a thousand records take a while).
            lines = self.path.read_bytes().count(b"\n")
            if lines < 2 * len(self._names) + 200:
                return
        history = read_history(self.folder)
        kept = sum(min(2, len(r)) for r in history.values())
        total = sum(len(r) for r in history.values())
        if total < 2 * kept + 200:
            return
        lines = [
            json.dumps({"file": name, **record}, ensure_ascii=False, sort_keys=True) + "\n"
            for name, records in sorted(history.items())
            for record in records[-2:]
        ]
        write_atomic(self.path, "".join(lines).encode("utf-8"))


def refuse_edited(folder: Path, changed: list[str]) -> OutputError:
    listing = "\n".join(
        f"  {folder / name}" + ("（这是一个文件夹）" if (folder / name).is_dir() else "")
        for name in changed
    )
    return OutputError(
        "以下文件在生成后被修改过（或不是 docgen 生成的），为免丢失修改，没有覆盖：\n"
        f"{listing}\n"
        "如确要重新生成，请加 --force（原文件会先备份为“文件名.备份-时间”），"
        "或用 -o 指定另一个输出文件夹。"
    )
