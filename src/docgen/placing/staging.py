"""Putting a run's files in place: staged under temporary names, recorded, then renamed.

Every file is written to a staging folder inside the output folder (same file system)
first and renamed over its target only once every document of the run is ready, so an
interruption leaves either the old file or the new one, never half a file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from .atomic import plain_error, write_temp
from .journal import MANIFEST, Journal, edited_by_hand, refuse_edited

#: Staging folders a run leaves in the output folder until it places their files.
STAGING_PREFIX = ".docgen-batch-"


@dataclass(frozen=True)
class Staged:
    """A file already written under a temporary name, waiting to be put in place."""

    name: str
    tmp: Path | str  # a batch passes strings: thousands of Path objects cost milliseconds
    record: Mapping[str, str]
    backup_stamp: dt.datetime | None = None  # keep the file it replaces (``--force``)


def place_all(folder: Path, staged: list[Staged], journal: Journal) -> list[Path]:
    """Record every file with one append, then rename each into place.

    A stop between the two leaves the previous versions, which still count as docgen's
    (``edited_by_hand`` accepts the record before the last); a rename that fails takes
    back its own record and those after it, and removes the files not put in place.
    """
    offsets = journal.append_all([(item.name, item.record) for item in staged])
    placed = []
    for index, item in enumerate(staged):
        target = folder / item.name
        try:
            with plain_error(target):
                if item.backup_stamp is not None and target.exists():
                    backup = f"{target.stem}.备份-{item.backup_stamp:%Y%m%d-%H%M%S}{target.suffix}"
                    os.replace(target, target.with_name(backup))
                os.replace(item.tmp, target)
        except BaseException:
            journal.rollback(offsets[index])
            for rest in staged[index:]:
                Path(rest.tmp).unlink(missing_ok=True)
            raise
        placed.append(target)
    return placed


def _blocked(target: Path) -> str:
    """Why ``target`` may not be replaced even with ``--force``: a folder stands there, or a
    file someone made read-only (on purpose: docgen never overrides that)."""
    if target.is_dir():
        return f"{target}：这里是一个文件夹，不能用文件替换它"
    # The mode bits, not os.access: an administrator may write anywhere, and Windows shows
    # its read-only attribute as a mode without write permission.
    if target.is_file() and not target.stat().st_mode & stat.S_IWUSR:
        return f"{target}：这个文件是只读的（请先在文件属性中去掉“只读”）"
    return ""


class Stager:
    """Writes files into this process's own staging folder inside the output folder.

    Each process has its own folder because creating files takes a lock on their folder:
    workers staging into one folder waited for each other (measured: two processes creating
    500 files each in one folder took as long as one creating 1,000).
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._folder: tuple[int, Path] | None = None  # (process id, its folder)

    def stage(self, data: bytes, suffix: str = ".tmp") -> str:
        """Write ``data`` to a new staged file; its path as a string (thousands are cheaper)."""
        with plain_error(self.out_dir):
            folder = self._own_folder()
            return str(write_temp(folder, data, fsync=False, prefix="", suffix=suffix))

    def _own_folder(self) -> Path:
        pid = os.getpid()
        if self._folder is None or self._folder[0] != pid:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            folder = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out_dir)
            self._folder = (pid, Path(folder))
        return self._folder[1]


def clean_staging(folder: Path) -> None:
    """Remove what a run staged and did not put in place (killed, or failed)."""
    if not folder.is_dir():
        return
    for leftover in folder.glob(STAGING_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if leftover.is_dir():
                shutil.rmtree(leftover)
            elif leftover.suffix == ".tmp":
                leftover.unlink()


def place(folder: Path, staged: list[Staged], *, force: bool = False) -> list[Path]:
    """Put staged files in place: a file edited by hand since docgen wrote it is refused
    (every such file listed) unless ``force``, which keeps a backup of it first."""
    blocked = [reason for item in staged if (reason := _blocked(folder / item.name))]
    if blocked:
        raise OutputError(
            "以下位置不能写入，没有写任何文件：\n"
            + "\n".join(f"  {reason}" for reason in blocked)
            + "\n请处理后重新运行，或用 -o 指定另一个输出文件夹。"
        )
    changed = set(edited_by_hand(folder, [item.name for item in staged]))
    if changed and not force:
        raise refuse_edited(folder, [item.name for item in staged if item.name in changed])
    stamp = dt.datetime.now().astimezone()
    staged = [
        dataclasses.replace(item, backup_stamp=stamp) if item.name in changed else item
        for item in staged
    ]
    journal = Journal(folder)
    try:
        return place_all(folder, staged, journal)
    finally:
        with plain_error(folder / MANIFEST):
            journal.close()
