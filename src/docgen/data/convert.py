"""Turn a situation file into a workbook and back (``docgen convert``), losing nothing.

Values travel as the texts the clerk typed: the YAML reader and the workbook reader both
give texts, and each writer writes them so that its reader gives them back. A half-filled
file converts too; only what the other form cannot hold (an unknown field, a wrong shape)
stops the conversion, reported with file and line.
"""

from __future__ import annotations

from pathlib import Path

from docgen.data.cross_field import closest, line_of
from docgen.data.fields import FieldSpec, Shape, fields
from docgen.data.workbook_read import WORKBOOK_SUFFIXES, read_situation_workbook
from docgen.data.workbook_write import situation_workbook
from docgen.data.yamlread import Marks, PathKey, field_name, parse_yaml
from docgen.data.yamlwrite import situation_yaml
from docgen.errors import InputError, Problem, yaml_where
from docgen.limits import FIELD_CHARS
from docgen.model import UNSTORABLE
from docgen.textio import read_text

YAML_SUFFIXES = (".yaml", ".yml")


def form_of(path: Path) -> str | None:
    """``workbook`` or ``yaml`` by the file's suffix; None for anything else."""
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return "workbook"
    return "yaml" if suffix in YAML_SUFFIXES else None


def convert_bytes(source: Path) -> bytes:
    """The other form of ``source``: a workbook for a YAML file, YAML for a workbook."""
    source = Path(source)
    if form_of(source) == "workbook":
        read = read_situation_workbook(source)
        if read.problems:
            raise InputError(f"情况表有误，没有转换：{source.name}", read.problems)
        header = [f"情况文件：由 {source.name} 转换而来（docgen convert）。"]
        return situation_yaml(read.value, header).encode("utf-8")
    value, marks = parse_yaml(read_text(source), source)
    problems = shape_problems(value, marks, source)
    if problems:
        raise InputError(f"情况文件有误，没有转换：{source.name}", problems)
    assert isinstance(value, dict)
    data, problems = situation_workbook(value, name=source.name)
    if problems:
        raise InputError(f"情况文件中有工作簿放不下的内容，没有转换：{source.name}", problems)
    return data


# --- what a workbook cannot hold ---------------------------------------------------------------


def shape_problems(value: object, marks: Marks, path: Path) -> list[Problem]:
    """Fields the schema does not know and values of the wrong shape, each at its line."""
    if not isinstance(value, dict):
        return [Problem(yaml_where(path, 1), "文件的最外层应为“名称: 内容”的若干项")]
    return [*_mapping(fields(), value, (), marks, path), *_texts(value, (), marks, path)]


def _texts(value: object, at: PathKey, marks: Marks, path: Path):
    """Texts a workbook cell cannot hold: characters Word and Excel cannot store, or too long."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*at, key), marks, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*at, index), marks, path)
    elif isinstance(value, str):
        where = yaml_where(path, line_of(marks, at))
        bad = UNSTORABLE.search(value)
        if bad:
            code = f"U+{ord(bad.group()):04X}"
            yield Problem(where, f"含有无法保存的不可见字符（{code}）", field_name(at))
        if len(value) > FIELD_CHARS.value:
            yield Problem(where, f"这一项太长（{FIELD_CHARS.shown()}）", field_name(at))


def _mapping(specs: tuple[FieldSpec, ...], value: dict, at: PathKey, marks: Marks, path: Path):
    by_alias = {spec.alias: spec for spec in specs}
    for key, item in value.items():
        spec = by_alias.get(key)
        where = yaml_where(path, line_of(marks, (*at, key)))
        if spec is None:
            guess = closest(key, list(by_alias))
            yield Problem(
                where,
                f"未知的项【{key}】" + (f"，是不是【{guess}】？" if guess else ""),
                field_name(at),
                f"这里可以填的项：{'、'.join(by_alias)}",
            )
        elif item is not None:
            yield from _value(spec, item, (*at, key), marks, path)


def _value(spec: FieldSpec, value: object, at: PathKey, marks: Marks, path: Path):
    where = yaml_where(path, line_of(marks, at))
    expected = {
        Shape.VALUE: (str, "一段文字或一个数值"),
        Shape.VALUES: (list, "列表（每条以“- ”开头）"),
        Shape.TABLE: (list, "列表（每条以“- ”开头）"),
        Shape.GROUP: (dict, "“名称: 内容”的若干项"),
        Shape.MAPPING: (dict, "“名称: 内容”的若干项"),
    }[spec.shape]
    if spec.short is not None and isinstance(value, str):
        return  # a list of records written as its one value (数值: 93.5)
    if not isinstance(value, expected[0]):
        yield Problem(where, f"这里应为{expected[1]}", field_name(at))
    elif spec.shape is Shape.GROUP:
        yield from _mapping(spec.children, value, at, marks, path)  # type: ignore[arg-type]
    elif spec.shape in (Shape.VALUES, Shape.MAPPING):
        items = value.items() if isinstance(value, dict) else enumerate(value)  # type: ignore[union-attr]
        for key, item in items:
            if item is not None and not isinstance(item, str):
                yield Problem(
                    yaml_where(path, line_of(marks, (*at, key))),
                    "这里应为一段文字",
                    field_name((*at, key)),
                )
    elif spec.shape is Shape.TABLE:
        for index, item in enumerate(value):  # type: ignore[arg-type]
            if isinstance(item, dict):
                yield from _mapping(spec.children, item, (*at, index), marks, path)
            elif item is not None:
                yield Problem(
                    yaml_where(path, line_of(marks, (*at, index))),
                    "这里应为“名称: 内容”的若干项",
                    field_name((*at, index)),
                )
