"""Findings as the command prints them: text lines or a JSON array with fixed keys."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from .findings import Finding, Severity
from .units import Unit

JSON_KEYS = (
    "file",
    "line",
    "column",
    "end_column",
    "code",
    "severity",
    "text",
    "suggestion",
    "message",
    "source",
)


@dataclass(frozen=True)
class Located:
    file: str
    line: int
    column: int  # 1-based
    end_column: int  # 1-based, inclusive
    finding: Finding


def locate(file: str, units: Sequence[Unit], findings: Sequence[Finding]) -> list[Located]:
    out = []
    for f in findings:
        unit = units[f.unit]
        col0 = max(unit.col0, 0)
        out.append(Located(file, unit.line, col0 + f.start + 1, col0 + f.end, f))
    return out


def as_dict(item: Located) -> dict[str, object]:
    f = item.finding
    return {
        "file": item.file,
        "line": item.line,
        "column": item.column,
        "end_column": item.end_column,
        "code": f.code,
        "severity": f.severity.value,
        "text": f.text,
        "suggestion": f.suggestion,
        "message": f.message,
        "source": f.source,
    }


def to_json(items: Sequence[Located]) -> str:
    return json.dumps([as_dict(i) for i in items], ensure_ascii=False, indent=2)


def to_text_line(item: Located) -> str:
    f = item.finding
    tail = ""
    if f.suggestion is not None:
        tail = f" → {f.suggestion}" if f.suggestion else " → （删去）"
    return f"{item.file}:{item.line}:{item.column}: {f.severity.value} {f.code} {f.message}{tail}"


def summary(items: Sequence[Located]) -> str:
    counts = {s: sum(1 for i in items if i.finding.severity is s) for s in Severity}
    if not items:
        return "未发现问题。"
    return (
        f"共 {len(items)} 处：错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，"
        f"提示 {counts[Severity.HINT]}。"
    )
