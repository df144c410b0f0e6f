"""Trace a finding in generated text back to where a person can fix it.

Text in a generated document comes either from the situation file (copied verbatim by
the template) or from the template's own wording. A finding whose characters lie inside
a data value is reported at that value's line in the situation (or office) file; one in
template wording at the template line that holds those characters; anything else at the
line of the generated Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .data.yamlread import field_name
from .errors import Problem, yaml_where

if TYPE_CHECKING:
    from .check.findings import Finding
    from .data.load import LoadedSituation
    from .model import Document


@dataclass(frozen=True)
class DataText:
    """One text value of a data file and where it was written."""

    text: str
    where: str  # 情况.yaml:12
    field: str  # 指标 › 第2项 › 名称


@dataclass(frozen=True)
class Place:
    where: str
    field: str = ""
    origin: str = "template"  # "data", "template" or "output"


def data_texts(value: object, path: tuple, line_of, file_name: str) -> list[DataText]:
    """Every string leaf of ``value`` (Chinese keys, as in the file) with its line."""
    found: list[DataText] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(data_texts(item, (*path, key), line_of, file_name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(data_texts(item, (*path, index), line_of, file_name))
    elif isinstance(value, str) and len(value) >= 2:
        where = yaml_where(file_name, line_of(path))  # a workbook's cell, or file:line
        found.append(DataText(value, where, field_name(path)))
    return found


class Tracer:
    """Finds the source of a span of checked text."""

    def __init__(self, data: list[DataText], template: Path | None, template_name: str) -> None:
        # Longest values first: the most specific value containing a span wins.
        self.data = sorted(data, key=lambda d: -len(d.text))
        self.template_name = template_name
        self.template_lines = (
            template.read_text(encoding="utf-8").splitlines()
            if template and template.exists()
            else []
        )

    def place(self, text: str, start: int, end: int, output_line: int | None) -> Place:
        best: DataText | None = None
        for item in self.data:
            at = text.find(item.text)
            while at != -1:
                if at <= start and end <= at + len(item.text):
                    best = item  # keep looking for a shorter (more specific) value
                    break
                at = text.find(item.text, at + 1)
        if best is not None:
            return Place(best.where, best.field, "data")
        line = self._template_line(text, start, end)
        if line:
            return Place(f"{self.template_name.split('（')[0]}:{line}")
        where = (
            f"{self.template_name} 生成结果第{output_line}行" if output_line else self.template_name
        )
        return Place(where, origin="output")

    def _template_line(self, text: str, start: int, end: int) -> int | None:
        """The template line holding the span, widened with neighbours until it is unique."""
        left, right = start, end
        candidates = [
            n for n, line in enumerate(self.template_lines, 1) if text[left:right] in line
        ]
        while len(candidates) > 1 and (left > 0 or right < len(text)):
            left, right = max(0, left - 1), min(len(text), right + 1)
            narrower = [n for n in candidates if text[left:right] in self.template_lines[n - 1]]
            if not narrower:
                break
            candidates = narrower
        # Still ambiguous (a lone punctuation mark…): the generated line is more honest.
        return candidates[0] if len(candidates) == 1 else None


def tracer_for(loaded: LoadedSituation, template_path: Path, template_name: str) -> Tracer:
    """Where text of documents from ``loaded`` and a template can be fixed."""
    texts = data_texts(
        loaded.situation.model_dump(by_alias=True), (), loaded.line_of, loaded.path.name
    )
    if loaded.office:
        office = loaded.office
        texts += data_texts(
            office.office.model_dump(by_alias=True), (), office.line_of, office.path.name
        )
    return Tracer(texts, template_path, template_name)


def traced(document: Document, findings: list[Finding], tracer: Tracer) -> list[Problem]:
    """Each finding as a Problem at the line where a person can fix it."""
    from .check.units import from_document

    units = from_document(document) if findings else []
    problems = []
    for finding in findings:
        unit = units[finding.unit]
        source = getattr(document.blocks[unit.block], "source", None)
        place = tracer.place(unit.text, finding.start, finding.end, source.line if source else None)
        problems.append(Problem(place.where, describe(finding), place.field))
    return problems


def describe(finding: Finding) -> str:
    """'错误 TY01 “布署”是错别字，应为“部署”' without repeating what the message says."""
    label = {"error": "错误", "warning": "警告", "hint": "提示"}[finding.severity.value]
    text = f"{label} {finding.code} {finding.message}"
    if finding.text and f"“{finding.text}”" not in finding.message:
        text += f"：“{finding.text}”"
    if finding.suggestion and finding.suggestion not in finding.message:
        text += f" → {finding.suggestion}"
    return text
