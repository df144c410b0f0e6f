"""Turn .txt, .md and situation .yaml files into units placed at their file line and column."""

from __future__ import annotations

import re
from pathlib import Path

from ..data import yamlread as yaml
from ..errors import InputError
from ..textio import read_text
from .units import Unit, from_lines

_MD_HR = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_PREFIX = re.compile(r"^(\s*(?:>\s*)*)(#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?)?")
_MD_SKIP = re.compile(r"\]\([^)]*\)|<[^>\n]+>|`[^`]*`|\*\*|__|\[\^?[^\]]*\]:")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def text_units(path: Path) -> list[Unit]:
    return from_lines(read_text(path))


def markdown_units(path: Path) -> list[Unit]:
    """Lines without Markdown markers; links, code and HTML tags are not checked."""
    lines = read_text(path).split("\n")
    units: list[Unit] = []
    in_fence = False
    start = 0
    if lines and lines[0].strip() == "---":  # front matter
        for n in range(1, len(lines)):
            if lines[n].strip() in {"---", "..."}:
                start = n + 1
                break
    for n in range(start, len(lines)):
        line = lines[n]
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or not line.strip() or _MD_HR.match(line) or _MD_TABLE_SEP.match(line):
            continue
        if line.lstrip().startswith("|"):
            units.extend(_table_cells(line, n + 1))
            continue
        m = _MD_PREFIX.match(line)
        marker = m.group(2) or ""
        col0 = m.end()
        kind = "text"
        if marker.startswith("#"):
            kind = "title" if marker.startswith("# ") else "heading"
        text = line[col0:]
        skip = tuple((s.start(), s.end()) for s in _MD_SKIP.finditer(text))
        units.append(Unit(text, kind, n, None, n + 1, col0, skip))
    return units


def _table_cells(line: str, number: int) -> list[Unit]:
    cells = []
    pos = line.index("|") + 1
    column = 0
    while pos < len(line):
        end = line.find("|", pos)
        if end < 0:
            end = len(line)
        raw = line[pos:end]
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        if text:
            cells.append(Unit(text, "cell", number - 1, (0, column), number, pos + lead))
        column += 1
        pos = end + 1
    return cells


def yaml_units(path: Path) -> list[Unit]:
    """Every string value of a situation file, placed at its own line and column."""
    source = read_text(path)
    try:
        root = yaml.compose(source)
    except yaml.YAMLError as exc:  # the words and place docgen render gives
        problem = yaml.syntax_problem(exc, source, path)
        raise InputError(f"情况文件有误：{path.name}", [problem]) from None
    lines = source.split("\n")
    units: list[Unit] = []
    if root is not None:
        _walk(root, lines, units)
    units.sort(key=lambda u: (u.line, u.col0))
    return units


#: Keys whose values name files or folders, not text that goes into a document.
_FILE_KEYS = frozenset({"单位设置", "词表目录"})
#: A value that is a file's name (``offices/青石镇.yaml``): its dot is not a full stop.
_FILE_NAME = re.compile(r"[^\s，。；：！？、]+\.(?:ya?ml|xlsx|xlsm|csv|docx|md|txt|tsv)", re.I)


def _walk(node: yaml.Node, lines: list[str], units: list[Unit]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in _FILE_KEYS:
                continue
            _walk(value, lines, units)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _walk(item, lines, units)
    elif (
        isinstance(node, yaml.ScalarNode)
        and not node.value.isascii()
        and not _FILE_NAME.fullmatch(node.value.strip())
    ):
        _place(node, lines, units)


def _place(node: yaml.ScalarNode, lines: list[str], units: list[Unit]) -> None:
    first, last = node.start_mark.line, node.end_mark.line
    row = first
    for part in node.value.split("\n"):
        if not part.strip():
            continue
        found = None
        for n in range(row, min(last, len(lines) - 1) + 1):
            col = lines[n].find(part, node.start_mark.column if n == first else 0)
            if col >= 0:
                found = (n, col)
                break
        if found is None:  # escapes or folding changed the text: check it, placed at its start
            units.append(Unit(part, "text", first, None, first + 1, -1))
            continue
        n, col = found
        units.append(Unit(part, "text", n, None, n + 1, col))
        row = n + 1 if col + len(part) >= len(lines[n].rstrip()) else n
