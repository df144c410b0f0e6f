"""The situation schema as a tree of fields, so the skeleton, workbook and converter follow it.

Everything a clerk sees about a field — its Chinese name, what it is, its type, an example,
whether it is required and for which documents — is read here from the pydantic models,
never listed by hand: a field added to the schema appears everywhere at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum

from docgen.data.schema import KIND_FIELDS, KINDS, REQUIRED_SECTIONS, Situation

#: Value kinds, in the clerk's words (the type part of every field's note).
TYPE_WORDS = {
    "text": "文字",
    "number": "数字",
    "date": "日期",
    "serial": "正整数",
    "choice": "选项",
}


class Shape(StrEnum):
    VALUE = "value"  # one scalar
    GROUP = "group"  # a nested model: 名称: 内容 lines one level deeper
    VALUES = "values"  # a list of scalars
    TABLE = "table"  # a list of models: the rows of a sheet
    MAPPING = "mapping"  # names chosen by the clerk → scalars


class UnsupportedField(TypeError):
    """A field type the skeleton, workbook and converter do not know how to show."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of the schema as the clerk meets it."""

    alias: str
    path: tuple[str, ...]  # Chinese names from the root; list items are not counted
    shape: Shape
    kind: str  # kind of the scalars (VALUE, VALUES, MAPPING), else ""
    required: bool  # required by the schema within its parent
    description: str
    example: str | None
    choices: tuple[str, ...] = ()
    default: str | None = None
    suggestions: tuple[str, ...] = ()
    sheet: str | None = None
    children: tuple[FieldSpec, ...] = ()
    #: A list of records that may also be written as one value (``数值: 93.5``): the record's
    #: field that value is (the schema's ``json_schema_extra={"short": …}``), else None.
    short: FieldSpec | None = None

    @property
    def label(self) -> str:
        return " › ".join(self.path)

    @property
    def single(self) -> bool:
        """Whether the field can be written as one value (in a cell, after “名称: ”)."""
        return self.shape is Shape.VALUE or self.short is not None

    def type_words(self) -> str:
        """文字 / 数字 / 日期 / 只能填“越高越好”或“越低越好” … ; lists say so."""
        if self.shape is Shape.GROUP:
            return "分项填写"
        if self.short is not None:  # its simple form; the list form is told beside it
            return self.short.type_words()
        if self.shape is Shape.TABLE:
            return "列表，每一条分项填写"
        word = TYPE_WORDS.get(self.kind, "文字")
        if self.choices:
            word = "只能填：" + "、".join(self.choices)
        if self.shape is Shape.VALUES:
            return f"列表，每条一项{word}"
        if self.shape is Shape.MAPPING:
            return f"名称和{word}，每行一项"
        return word


#: The model every skeleton, workbook and conversion follows.
ROOT: type = Situation


def fields(model: type | None = None) -> tuple[FieldSpec, ...]:
    """The fields of ``model`` (the situation) in schema order, nested models walked."""
    return _fields(model or ROOT, ())


@functools.cache
def _fields(model: type, prefix: tuple[str, ...]) -> tuple[FieldSpec, ...]:
    return tuple(_spec(name, info, prefix) for name, info in model.model_fields.items())


def _spec(name: str, info, prefix: tuple[str, ...]) -> FieldSpec:
    alias = info.alias or name
    path = (*prefix, alias)
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    example = str(info.examples[0]) if info.examples else None
    shape, inner = _shape(info.annotation, path)
    common = {
        "alias": alias,
        "path": path,
        "required": info.is_required() or bool(extra.get("required_in_list")),
        "description": info.description or "",
        "example": example,
        "suggestions": tuple(extra.get("suggest", ())),
        "sheet": extra.get("sheet"),
    }
    if shape in (Shape.GROUP, Shape.TABLE):
        children = _fields(inner, path)
        short = _short(extra.get("short"), shape, children, path)
        if short is not None:
            common["example"] = example or short.example
            return FieldSpec(shape=shape, kind=short.kind, short=short, children=children, **common)
        return FieldSpec(shape=shape, kind="", children=children, **common)
    kind = _kind(inner, path)
    choices = tuple(m.value for m in inner) if kind == "choice" else ()
    default = info.default.value if isinstance(info.default, Enum) else None
    return FieldSpec(shape=shape, kind=kind, choices=choices, default=default, **common)


def _short(name: object, shape: Shape, children: tuple[FieldSpec, ...], path: tuple[str, ...]):
    """The record field a list's one-value form stands for (``short`` in the schema)."""
    if name is None:
        return None
    found = next((c for c in children if c.alias == name), None)
    if shape is not Shape.TABLE or found is None or found.shape is not Shape.VALUE:
        raise UnsupportedField(f"{' › '.join(path)}: short form {name!r} is no value of a record")
    return found


def _strip(annotation: object, path: tuple[str, ...]) -> object:
    """The type a value has, with Optional and Annotated wrappers taken off."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                raise UnsupportedField(f"{' › '.join(path)}: a union of several types")
            annotation = args[0]
        else:
            return annotation


def _is_model(annotation: object) -> bool:
    return isinstance(annotation, type) and hasattr(annotation, "model_fields")


def _shape(annotation: object, path: tuple[str, ...]) -> tuple[Shape, object]:
    bare = _strip(annotation, path)
    origin = typing.get_origin(bare)
    if origin in (list, tuple):  # a tuple is written as ``tuple[Item, ...]``: a list too
        item = _strip(typing.get_args(bare)[0], path)
        return (Shape.TABLE if _is_model(item) else Shape.VALUES), item
    if origin is dict:
        key, value = (_strip(a, path) for a in typing.get_args(bare))
        if key is not str or _is_model(value) or typing.get_origin(value) is not None:
            raise UnsupportedField(f"{' › '.join(path)}: a mapping to {value!r}")
        return Shape.MAPPING, value
    if _is_model(bare):
        return Shape.GROUP, bare
    return Shape.VALUE, bare


def _kind(annotation: object, path: tuple[str, ...]) -> str:
    if isinstance(annotation, type):
        if issubclass(annotation, Enum):
            return "choice"
        if issubclass(annotation, bool):
            raise UnsupportedField(f"{' › '.join(path)}: yes/no values")
        for base, kind in ((Decimal, "number"), (dt.date, "date"), (int, "serial"), (str, "text")):
            if issubclass(annotation, base):
                return kind
    raise UnsupportedField(f"{' › '.join(path)}: {annotation!r}")


def walk(specs: tuple[FieldSpec, ...] | None = None):
    """Every field, parents before their children."""
    for spec in fields() if specs is None else specs:
        yield spec
        yield from walk(spec.children)


def find(path: tuple[str | int, ...], specs: tuple[FieldSpec, ...] | None = None):
    """The field at a data path (Chinese names and item numbers), or None."""
    names = [p for p in path if isinstance(p, str)]
    found = None
    current = fields() if specs is None else specs
    for name in names:
        found = next((s for s in current if s.alias == name), None)
        if found is None:
            return None
        current = found.children
    return found


# --- which documents need a field ------------------------------------------------------------


def needed_by(spec: FieldSpec) -> frozenset[str] | None:
    """The kinds that need this field; None when every situation needs it.

    A field is needed by a kind when each step of its path is required by the schema,
    is a section the kind needs (REQUIRED_SECTIONS) or a field the kind's rules ask for
    (KIND_FIELDS).
    """
    if all(_required_step(spec.path[: i + 1]) for i in range(len(spec.path))):
        return None
    return frozenset(
        kind
        for kind in KINDS
        if all(_needed_step(spec.path[: i + 1], kind) for i in range(len(spec.path)))
    )


def _required_step(path: tuple[str, ...]) -> bool:
    spec = find(path)
    return spec is not None and spec.required


def _needed_step(path: tuple[str, ...], kind: str) -> bool:
    if _required_step(path) or path in KIND_FIELDS.get(kind, ()):
        return True
    return len(path) == 1 and path[0] in REQUIRED_SECTIONS.get(kind, ())


def needed_note(spec: FieldSpec) -> str:
    """必填 / 可选 / 讲话稿、报告必填 — for the clerk's note on a field."""
    kinds = needed_by(spec)
    if kinds is None:
        return "必填"
    owner = find(spec.path[:-1]) if len(spec.path) > 1 else None
    if spec.required and owner is not None and owner.short is not None:
        return "按日期分条写时每条必填"
    if not kinds:
        return f"填【{spec.path[-2]}】时必填" if spec.required and len(spec.path) > 1 else "可选"
    if set(kinds) == set(KINDS):
        return "各文种都要填"
    return "、".join(KINDS[k] for k in KINDS if k in kinds) + "必填"


def is_needed(spec: FieldSpec, kind: str) -> bool:
    """Whether a document of ``kind`` (or ``all``) needs this field."""
    kinds = needed_by(spec)
    return kinds is None or (bool(kinds) if kind == "all" else kind in kinds)


def note(spec: FieldSpec) -> str:
    """What a field is, its type, whether it is required and an example, in one line."""
    text = f"{spec.description}（{spec.type_words()}；{needed_note(spec)}）"
    if spec.default:
        text += f"，不填为“{spec.default}”"
    if spec.example and spec.shape is not Shape.GROUP:
        text += f"。例：{spec.example}"
    return text
