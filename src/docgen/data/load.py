"""Load a situation file and report every problem in it at once, by file, line and Chinese field."""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from docgen.data.cross_field import (
    RawFile,
    RawInputs,
    check_office,
    check_situation,
    closest,
    line_of,
)
from docgen.data.fields import TYPE_WORDS, FieldSpec, Shape, find
from docgen.data.schema import KIND_FIELDS, KINDS, REQUIRED_SECTIONS, Office, Situation
from docgen.data.yamlread import Marks, PathKey, field_name, parse_yaml
from docgen.errors import CellMark, InputError, Problem, ProblemList, yaml_where
from docgen.textio import read_text

_EXAMPLE_HINT = "可参照示例文件 examples/population.yaml 填写"
_OFFICE_KEY = "单位设置"

M = TypeVar("M")


class _Located:
    """Where each part of a loaded file was written."""

    path: Path
    marks: Marks

    def line_of(self, path: PathKey) -> int | None:
        """Line of ``path`` (Chinese keys, 0-based item numbers), else of its nearest ancestor."""
        return line_of(self.marks, tuple(path))

    def where(self, path: PathKey) -> str:
        """``file:line`` for ``path``, ready for a Problem."""
        return yaml_where(self.path, self.line_of(path))


@dataclass(frozen=True)
class LoadedOffice(_Located):
    """A validated office profile (单位设置) and where each of its parts was written."""

    office: Office
    path: Path
    marks: Marks = field(repr=False)


@dataclass(frozen=True)
class LoadedSituation(_Located):
    """A validated situation and where each of its parts was written in the file."""

    situation: Situation
    path: Path
    marks: Marks = field(repr=False)
    office: LoadedOffice | None = None


@dataclass(frozen=True)
class _Read(Generic[M]):
    """One YAML file read into a model, with what went wrong (nothing raised for content)."""

    source: RawFile
    model: M | None
    parse_problems: list[Problem]  # duplicate keys, anchors: the value is still usable
    schema_problems: list[Problem]


def _read_model(path: Path, model: type[M], summary: str) -> _Read[M]:
    """Read, parse and validate one YAML file against ``model``, keeping every line mark.

    An unreadable file, a YAML syntax error or a file that is not a mapping raises
    InputError at once; problems of content are returned, all of them.
    """
    parsed = ProblemList()
    text = ""
    if model is Situation and _form(path) != "yaml":
        value, marks = _read_workbook(path, parsed)
    else:
        text = read_text(path)
        value, marks = parse_yaml(text, path, parsed)
    if not isinstance(value, dict):
        parsed.items.append(_not_a_mapping(value, text, path))
        raise InputError(summary, parsed.items)
    found: list[Problem] = []
    instance = None
    try:
        instance = model.model_validate(value)  # type: ignore[attr-defined]
    except ValueError as exc:  # pydantic's ValidationError (pydantic is imported in schema.py only)
        if not hasattr(exc, "errors"):
            raise
        for err in exc.errors():
            found.extend(_translate(err, value, marks, path, model))
    if text == "":  # a cell that could not be read is not reported again as missing
        unreadable = {p.where for p in parsed.items}
        found = [p for p in found if p.where not in unreadable]
    return _Read(RawFile(path, value, marks), instance, parsed.items, found)


def _form(path: Path) -> str:
    """``workbook`` (情况表.xlsx), ``yaml``, or ``csv`` (refused: one sheet cannot hold it)."""
    from docgen.data.workbook_read import WORKBOOK_SUFFIXES

    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return "workbook"
    return "csv" if suffix == ".csv" else "yaml"


def _read_workbook(path: Path, problems: ProblemList) -> tuple[dict, Marks]:
    if _form(path) == "csv":
        raise InputError(
            f"无法读取情况文件：{path.name}",
            [
                Problem(
                    path.name,
                    "情况不能用 .csv 文件：一次工作的情况要分好几张表填写，.csv 只能存一张表",
                    hint="请用 docgen new --xlsx 生成情况表（.xlsx），或使用 .yaml 情况文件",
                )
            ],
        )
    from docgen.data.workbook_read import read_situation_workbook

    read = read_situation_workbook(path)
    problems.extend(read.problems)
    return read.value, read.marks


def read_values(path: Path) -> tuple[object, Marks]:
    """A situation file's values as typed and where each was written, YAML or workbook.

    Only syntax is checked here (a YAML error raises InputError); cells a workbook could
    not read are left out, to be reported when the file is loaded.
    """
    path = Path(path)
    if _form(path) != "yaml":
        return _read_workbook(path, ProblemList())
    return parse_yaml(read_text(path), path)


def load_office(path: Path) -> LoadedOffice:
    """Read, parse and validate an office profile; raise one InputError listing all problems."""
    path = Path(path)
    _, loaded, problems = _office_parts(path)
    if problems or loaded is None:
        raise InputError(f"单位设置文件有误：{path.name}", problems)
    return loaded


def _office_parts(path: Path) -> tuple[_Read[Office] | None, LoadedOffice | None, list[Problem]]:
    try:
        read = _read_model(path, Office, f"单位设置文件有误：{path.name}")
    except InputError as exc:
        return None, None, list(exc.problems)
    problems = [*read.parse_problems, *read.schema_problems, *check_office(read.source)]
    problems.sort(key=lambda p: _where_line(p.where))
    loaded = None
    if read.model is not None and not problems:
        loaded = LoadedOffice(office=read.model, path=path, marks=read.source.marks)
    return read, loaded, problems


def load_situation(path: Path, kind: str | None = None) -> LoadedSituation:
    """Read, parse and validate a situation file; raise one InputError listing all problems.

    When the kind needs the office profile (单位设置), it is loaded too, and the problems of
    both files are reported together.
    """
    path = Path(path)
    summary = f"情况文件有误：{path.name}"
    read = _read_model(path, Situation, summary)
    value, marks = read.source.value, read.source.marks
    assert isinstance(value, dict)

    office_read: _Read[Office] | None = None
    office: LoadedOffice | None = None
    office_path: Path | None = None
    office_problems: list[Problem] = []
    found = list(read.schema_problems)
    # The office profile when the kind needs it; for the other kinds (a speech) when the
    # named file is there, for its level words (镇/乡/街道): a speech needs no office.
    needed = kind is not None and _OFFICE_KEY in REQUIRED_SECTIONS.get(kind, ())
    if needed or (kind is not None and _OFFICE_KEY in value):
        office_path, missing = _office_path(read.source)
        if needed:
            found.extend(missing)
        if office_path is not None and not missing:
            office_read, office, office_problems = _office_parts(office_path)

    context = RawInputs(read.source, office_read.source if office_read else None, kind)
    checked = check_situation(context)
    in_office = [p for p in checked if office_path and _in_file(p, office_path, path)]
    found.extend(p for p in checked if p not in in_office)
    office_problems.extend(in_office)
    if kind is not None:
        reported = {p.field.split(" › ")[0] for p in found if p.field}
        found.extend(_required_sections(value, marks, path, kind, reported))

    problems = [*read.parse_problems, *found]
    problems.sort(key=lambda p: _where_order(p.where, path))
    office_problems.sort(key=lambda p: _where_line(p.where))
    if office_problems:
        assert office_path is not None
        summary = (
            f"情况文件和单位设置文件有误：{path.name}、{office_path.name}"
            if problems
            else f"单位设置文件有误：{office_path.name}（{path.name} 引用）"
        )
    if problems or office_problems or read.model is None:
        raise InputError(summary, [*problems, *office_problems])
    return LoadedSituation(situation=read.model, path=path, marks=marks, office=office)


def _office_path(situation: RawFile) -> tuple[Path | None, list[Problem]]:
    """The office profile named by 单位设置, relative to the situation file's folder."""
    written = situation.get((_OFFICE_KEY,))
    if not isinstance(written, str) or not written.strip():
        return None, []  # absent or empty: reported as a required section or by the schema
    office_path = situation.path.parent / written.strip()
    if office_path.is_file():
        return office_path, []
    return office_path, [
        situation.problem(
            (_OFFICE_KEY,),
            f"找不到单位设置文件：{office_path}",
            f"路径从情况文件所在的文件夹（{situation.path.parent}）算起："
            "请检查文件名和文件夹是否写对，如“offices/青石镇.yaml”",
        )
    ]


def _in_file(problem: Problem, office_path: Path, situation_path: Path) -> bool:
    """Whether a cross-file rule placed ``problem`` in the office profile."""
    if office_path.name == situation_path.name:
        return False
    return problem.where.split(":")[0] == office_path.name


# --- locating -----------------------------------------------------------------------


def _where_order(where: str, path: Path) -> tuple[int, int, int]:
    """Problems in file order: by line, or by sheet, row and column in a workbook."""
    if _form(path) == "workbook":
        from docgen.data.workbook_read import where_order

        return where_order(where, path.name) or (-1, 0, 0)
    return (0, _where_line(where), 0)


def _where_line(where: str) -> int:
    m = re.search(r":(\d+)$", where)
    return int(m.group(1)) if m else 0


def _data_path(value: object, loc: tuple[str | int, ...]) -> PathKey:
    """Follow pydantic's ``loc`` through the data, dropping parts that name no key or item."""
    path: list[str | int] = []
    for part in loc:
        in_dict = isinstance(value, dict) and isinstance(part, str) and part in value
        in_list = isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)
        if in_dict or in_list:
            value = value[part]
            path.append(part)
    return tuple(path)


def _model_at(root: type, path: PathKey) -> type | None:
    """The pydantic model that validates the mapping at ``path`` (Chinese keys) under ``root``."""
    model: type | None = root
    for part in path:
        if isinstance(part, int) or model is None:
            continue
        info = next((f for f in model.model_fields.values() if f.alias == part), None)
        model = _inner_model(info.annotation) if info is not None else None
    return model


def _inner_model(annotation: object) -> type | None:
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _allowed_keys(model: type | None, *, older: bool = False) -> list[str]:
    """The keys a mapping may hold; ``older`` adds names still accepted (本镇 for 数值)."""
    if model is None:
        return []
    keys = [f.alias for f in model.model_fields.values() if f.alias]
    if older:
        for info in model.model_fields.values():
            choices = getattr(info.validation_alias, "choices", ())
            keys.extend(c for c in choices if isinstance(c, str) and c not in keys)
    return keys


# --- pydantic errors in the clerk's words -------------------------------------------


def _translate(err: dict, value: dict, marks: Marks, path: Path, root: type) -> list[Problem]:
    kind = err["type"]
    loc = tuple(err["loc"])
    given = err.get("input")
    if kind == "missing":
        parent = _data_path(value, loc[:-1])
        name = str(loc[-1])
        spec = find((*parent, name)) if root is Situation else None
        blank = _blank_cells(spec, parent, marks, path, "还没有填写")
        if blank:  # workbook cells left empty
            return blank
        mark = line_of(marks, parent)
        where_to = (  # a workbook has rows and columns, not "名称: …" lines
            f"请在“{mark.sheet}”表补上【{name}】"
            if isinstance(mark, CellMark)
            else f"请在这里补上一行“{name}: …”"
        )
        return [
            Problem(
                yaml_where(path, mark),
                f"缺少必填项【{name}】",
                field_name(parent),
                where_to + (f"：{_what_to_fill(spec)}" if spec else ""),
            )
        ]
    at = _data_path(value, loc)
    where = yaml_where(path, line_of(marks, at))
    if given is None and kind in ("docgen", "string_type", "enum") and root is Situation:
        spec = find(at)
        if spec is not None and (spec.single or spec.shape is Shape.VALUES):
            return [Problem(where, "还没有填写", field_name(at), _what_to_fill(spec, at))]
    if kind == "extra_forbidden":
        parent, key = at[:-1], str(loc[-1])
        allowed = _allowed_keys(_model_at(root, parent))
        guess = closest(key, _allowed_keys(_model_at(root, parent), older=True))
        message = f"未知的项【{key}】" + (f"，是不是【{guess}】？" if guess else "")
        hint = f"这里可以填的项：{'、'.join(allowed)}" if allowed else "请删除这一项"
        return [Problem(where, message, field_name(parent), hint)]
    message, hint = _message(kind, err, given)
    return [Problem(where, message, field_name(at), hint)]


def _blank_cells(
    spec: FieldSpec | None,
    parent: PathKey,
    marks: Marks,
    path: Path,
    message: str,
    wanted: Callable[[FieldSpec], bool] = lambda child: child.required,
) -> list[Problem]:
    """The empty workbook cells (or sheets) where a missing field, or its parts, go."""
    if spec is None:
        return []
    at = (*parent, *spec.path[-1:])
    mark = marks.get(at)
    if spec.shape is Shape.TABLE and spec.short is None and isinstance(mark, CellMark):
        hint = f"请在“{mark.sheet}”表中每行填一条（第1行是表头），填写{spec.description}"
        return [Problem(yaml_where(path, mark), "这张表还没有填写", field_name(at), hint)]
    if mark is not None:
        return [Problem(yaml_where(path, mark), message, field_name(at), _what_to_fill(spec))]
    if spec.shape is not Shape.GROUP:
        return []
    return [
        problem
        for child in spec.children
        if wanted(child)
        for problem in _blank_cells(child, at, marks, path, message, wanted)
    ]


def _what_to_fill(spec: FieldSpec | None, at: PathKey = ()) -> str:
    """请填写会议名称（文字），如“全镇……推进会”; how to leave an optional item out."""
    if spec is None:
        return "请填写内容"
    hint = f"请填写{spec.description}（{TYPE_WORDS.get(spec.kind, '文字')}）"
    if spec.choices:
        hint = f"请填写{spec.description}，只能填：{'、'.join(spec.choices)}"
    if spec.example:
        hint += f"，如“{spec.example}”"
    if at and not isinstance(at[-1], int) and not spec.required:  # a YAML line left blank
        hint += "；如不需要，请把这一项整个删除"
    return hint


def _message(kind: str, err: dict, given: object) -> tuple[str, str]:
    if kind == "docgen":
        if given is None and "空" not in err["msg"]:
            return "这一项是空的", "请填写内容；如不需要，请把这一项整个删除"
        return err["msg"], ""
    if kind == "list_type":
        if isinstance(given, dict):
            return "应为列表，现在写成了“名称: 内容”的形式", "列表的每一条单独一行，以“- ”开头"
        if isinstance(given, str) and given.lstrip().startswith("-"):
            return "应为列表", "列表的每一条单独一行，以“- ”开头（减号后面要有一个空格）"
        return "应为列表", "在下面分行填写，每一条以“- ”开头"
    if kind in ("model_type", "dict_type"):
        if given is None:
            return "这一项是空的", "请在下面分行填写各项（“名称: 内容”，比上一行多缩进两个空格）"
        if isinstance(given, list):
            return "应为“名称: 内容”的形式，不是列表", "去掉行首的“- ”"
        if isinstance(given, str) and "：" in given:
            return (
                "应为“名称: 内容”的形式",
                "这里用了中文冒号“：”：请改用英文冒号“:”，冒号后加一个空格",
            )
        return "应为“名称: 内容”的形式", "请在下面分行填写各项，比上一行多缩进两个空格"
    if kind == "string_type":
        return "应填一段文字", ""
    if kind == "too_short":
        return "至少要填一条", "请在下面填写，每一条以“- ”开头；如不需要，请把这一项整个删除"
    if kind == "enum":
        options = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        choices = "或".join(f"“{o}”" for o in options)
        return f"只能填{choices}（现在是“{given}”）", ""
    return "填写有误", f"请对照示例文件检查（{err['msg']}）"


# --- sections a kind needs ---------------------------------------------------------


def _required_sections(
    value: dict, marks: Marks, path: Path, kind: str, reported: set[str]
) -> list[Problem]:
    doc = KINDS.get(kind, kind)
    found: list[Problem] = []

    def needed(child: FieldSpec) -> bool:
        return child.required or child.path in KIND_FIELDS.get(kind, ())

    for section in REQUIRED_SECTIONS.get(kind, ()):
        spec = find((section,))
        if section not in value:
            found.extend(
                _blank_cells(
                    spec,
                    (),
                    marks,
                    path,
                    f"生成{doc}需要填写这一项",
                    needed,
                )
                or [_absent_section(section, doc, path)]
            )
        elif section not in reported and value[section] in (None, "", [], {}):
            found.append(
                Problem(
                    yaml_where(path, line_of(marks, (section,))),
                    f"生成{doc}需要【{section}】，但这一项是空的",
                    section,
                    _what_to_fill(spec),
                )
            )
    return found


def _absent_section(section: str, doc: str, path: Path) -> Problem:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return Problem(
            yaml_where(path, None),
            f"生成{doc}需要【{section}】，工作簿中没有这张表",
            hint=f"请补上“{section}”工作表；表头可对照 docgen new --xlsx 生成的空白情况表",
        )
    return Problem(
        yaml_where(path, None),
        f"生成{doc}需要【{section}】一节，文件中没有",
        hint=f"请补上“{section}:”一节；{_EXAMPLE_HINT}",
    )


def _not_a_mapping(value: object, text: str, path: Path) -> Problem:
    if value is None:
        return Problem(yaml_where(path, None), "文件是空的（或只有注释）", hint=_EXAMPLE_HINT)
    shape = "列表" if isinstance(value, list) else "一段文字"
    hint = "每一项写成“名称: 内容”，如“主题: 人口普查”"
    if "：" in text:
        hint = "名称后面要用英文冒号“:”加一个空格，不能用中文冒号“：”；" + hint
    return Problem(
        yaml_where(path, 1), f"文件的最外层应为“名称: 内容”的若干项，现在是{shape}", hint=hint
    )
