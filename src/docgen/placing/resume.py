"""The log of a batch under way, so that a run killed part way (or a power cut) can go on.

Every document made and staged is recorded in ``.docgen-resume.jsonl`` in the output folder,
under a fingerprint of the inputs. ``--resume`` reads it back: a document whose staged file
(or, when the placing had begun, its placed file) still has the recorded bytes is not made
again. Files written without flushing to disk may be damaged by a power cut: their hashes
catch that, and such documents are simply made again (so are documents whose staged file
was already renamed into place when the run stopped: they come out the same).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from .journal import sha256

RESUME_LOG = ".docgen-resume.jsonl"


class ResumeLog:
    """What this run (and the interrupted one it continues) has made, one JSON line each."""

    def __init__(self, out_dir: Path, fingerprint: str) -> None:
        self.path = out_dir / RESUME_LOG
        self.out_dir = out_dir
        self.fingerprint = fingerprint
        self._handle = None

    def earlier(self) -> dict[int, dict]:
        """Documents an interrupted run of the same inputs made whose bytes are intact."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return {}
        records = [_record(line) for line in lines]
        if not records or records[0].get("fingerprint") != self.fingerprint:
            return {}  # other inputs (a changed row, template or option): start afresh
        usable = [r for r in records[1:] if isinstance(r.get("index"), int) and self._intact(r)]
        return {r["index"]: r for r in usable}

    @staticmethod
    def _intact(record: Mapping) -> bool:
        """The staged files (the .docx, and its PDF source) exist with the recorded bytes."""
        staged, pdf = record.get("staged"), record.get("pdf_source")
        if not staged or not Path(staged).is_file():
            return False
        if sha256(Path(staged).read_bytes()) != record.get("sha256"):
            return False
        return not pdf or Path(pdf).is_file()

    def begin(self, kept: Mapping[int, dict]) -> None:
        """Start the log afresh, keeping the records of the documents reused."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._handle = open(self.path, "w", encoding="utf-8")  # noqa: SIM115 - kept open
        self._write({"fingerprint": self.fingerprint})
        for record in kept.values():
            self._write(record)

    def add(self, record: Mapping) -> None:
        self._write(record)

    def _write(self, record: Mapping) -> None:
        assert self._handle is not None
        self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._handle.flush()  # in the file system at once: a kill loses no finished document

    def close(self, *, done: bool) -> None:
        """Close the log; a finished run removes it (nothing is left to resume)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if done:
            with contextlib.suppress(OSError):
                os.remove(self.path)


def _record(line: str) -> dict:
    try:
        value = json.loads(line)
    except ValueError:
        return {}  # a line cut off by the interruption
    return value if isinstance(value, dict) else {}
