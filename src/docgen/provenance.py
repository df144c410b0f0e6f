"""Trace a finding in generated text back to where a person can fix it.

Text in a generated document comes either from the situation file (copied verbatim by
the template) or from the template's own wording. A finding whose characters lie inside
a data value is reported at that value's line in the situation (or office) file; one in
template wording at the template line that holds those characters. Text a template
computes (a count 三, an ordinal 四是) is in neither: it is reported at the template line
whose own wording stands nearest to it in the same paragraph. The templates searched are
the kind's template and those it includes or imports (_shared.md …). Only a paragraph
with no wording of any template is reported at the line of the generated Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .data.yamlread import field_name
from .errors import Problem, yaml_where
from .textio import read_text

if TYPE_CHECKING:
    from .check.findings import Finding
    from .data.load import LoadedSituation
    from .model import Document
from .resources import builtin_dir


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


@dataclass(frozen=True)
class TemplateLine:
    """One line of a template file, as a message names it (speech.md:12)."""

    file: str
    number: int
    text: str
    wording: tuple[str, ...]  # the line's own words, outside {{ }} and {% %}


_REFERENCE = re.compile(r"""\{%-?\s*(?:include|import|from)\s+["']([^"']+)["']""")
_TAGS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_MARKUP = re.compile(r"^\s*(?:#+|:::|\*\*)\s*|\*\*")
#: Wording shorter than this (a lone 。 or 是) says nothing about where a line came from.
_MIN_WORDING = 2


def _blank(match: re.Match[str]) -> str:
    """A comment's text gone, its line breaks kept (it never reaches a document)."""
    return "\n" * match.group(0).count("\n")


def template_lines(template: Path | None, shown: str) -> list[TemplateLine]:
    """The lines of ``template`` and of the templates it includes or imports, recursively
    (found beside it first, then among the built-in ones, as the renderer finds them)."""
    if template is None or not template.exists():
        return []
    found: list[TemplateLine] = []
    queue, seen = [(template, shown)], {template.name}
    while queue:
        path, name = queue.pop(0)
        text = _COMMENT.sub(_blank, read_text(path))
        for number, line in enumerate(text.splitlines(), 1):
            wording = tuple(
                w.strip() for w in _TAGS.split(_MARKUP.sub("", line)) if len(w.strip()) >= 2
            )
            found.append(TemplateLine(name, number, line, wording))
        for other in _REFERENCE.findall(text):
            beside, builtin = template.parent / other, builtin_dir("templates") / other
            source = beside if beside.is_file() else builtin
            if other not in seen and source.is_file():
                seen.add(other)
                own = source == beside and template.parent != builtin.parent
                queue.append((source, shown.replace(template.name, other, 1) if own else other))
    return found


class Tracer:
    """Finds the source of a span of checked text."""

    def __init__(self, data: list[DataText], template: Path | None, template_name: str) -> None:
        # Longest values first: the most specific value containing a span wins.
        self.data = sorted(data, key=lambda d: -len(d.text))
        self.template_name = template_name
        self.lines = template_lines(template, template_name.split("（")[0])
        self.template_lines = [line.text for line in self.lines]

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
        line = self._template_line(text, start, end) or self._nearest_wording(text, start, end)
        if line is not None:
            return Place(f"{line.file}:{line.number}")
        where = (
            f"{self.template_name} 生成结果第{output_line}行" if output_line else self.template_name
        )
        return Place(where, origin="output")

    def _template_line(self, text: str, start: int, end: int) -> TemplateLine | None:
        """The template line holding the span, widened with neighbours until it is unique.
        A lone character is looked for with its neighbours: 六 alone could be anywhere."""
        left, right = start, end
        if right - left < _MIN_WORDING:
            left, right = max(0, left - 1), min(len(text), right + 1)
        candidates = [line for line in self.lines if text[left:right] in line.text]
        while len(candidates) > 1 and (left > 0 or right < len(text)):
            left, right = max(0, left - 1), min(len(text), right + 1)
            narrower = [line for line in candidates if text[left:right] in line.text]
            if not narrower:
                break
            candidates = narrower
        # Still ambiguous (a lone punctuation mark…): the generated line is more honest.
        return candidates[0] if len(candidates) == 1 else None

    def _nearest_wording(self, text: str, start: int, end: int) -> TemplateLine | None:
        """For computed text: the line whose own wording (found in one line only) stands
        nearest the span within the same paragraph."""
        owners: dict[str, list[TemplateLine]] = {}
        for line in self.lines:
            for words in line.wording:
                owners.setdefault(words, []).append(line)
        best: tuple[int, int, TemplateLine] | None = None
        for words, lines in owners.items():
            if len({(line.file, line.number) for line in lines}) != 1:
                continue
            at = text.find(words)
            while at != -1:
                distance = max(0, at - end, start - (at + len(words)))
                rank = (distance, -len(words), lines[0])
                if best is None or rank[:2] < best[:2]:
                    best = rank
                at = text.find(words, at + 1)
        return best[2] if best else None


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
    text = f"{finding.severity.chinese} {finding.code} {finding.message}"
    if finding.text and f"“{finding.text}”" not in finding.message:
        text += f"：“{finding.text}”"
    if finding.suggestion and finding.suggestion not in finding.message:
        text += f" → {finding.suggestion}"
    return text
