"""Write a situation file: a commented skeleton to fill in, or values (from a workbook) as YAML.

Both follow the schema's field tree (data/fields.py) in its order, so a field added to the
schema appears in the skeleton and in converted files without a change here.
"""

from __future__ import annotations

from docgen.data.fields import FieldSpec, Shape, fields, is_needed, note
from docgen.data.schema import KIND_FIELDS, KINDS, REQUIRED_SECTIONS
from docgen.data.yamlread import scalar

ALL = "all"
_INDENT = "  "


def skeleton(kind: str = ALL) -> str:
    """A situation file for ``kind`` (or ``all``) with every value left blank.

    Fields the kind needs are written blank, so that validating the unfilled file points at
    exactly them; optional fields are commented out (“# 名称:”): a clerk who needs one
    deletes the “# ”. Every line carries a note: what the field is, its type, an example.
    """
    doc = "全部文种" if kind == ALL else KINDS[kind]
    lines = [
        f"# 情况文件（{doc}）：由 docgen new {kind} 生成，请逐项填写。",
        "# 冒号后面空一格再填写；“- ”开头的行是列表中的一条，"
        "复制这一条（连同下面缩进的各行）可以增加。",
        "# “#”后面是说明，不参与生成。以“# ”开头的项是可选的："
        "需要时删去行首的“# ”（保持缩进）再填写。",
        "# 数值只填数字（如 93.5），日期写成 2026-11-28；可对照 examples/population.yaml 填写。",
        f"# 填好后运行：docgen render {kind} 本文件",
        "",
    ]
    for spec in fields():
        if kind == ALL or is_needed(spec, kind):
            lines.extend(_skeleton_block(spec, kind))
            if spec.shape is not Shape.VALUE:
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _own_step_needed(spec: FieldSpec, kind: str) -> bool:
    """Whether the field must be written once its parent is (the parent's lines uncommented)."""
    if spec.required:
        return True
    kinds = list(KINDS) if kind == ALL else [kind]
    return any(
        spec.path in KIND_FIELDS.get(k, ())
        or (len(spec.path) == 1 and spec.alias in REQUIRED_SECTIONS.get(k, ()))
        for k in kinds
    )


def _skeleton_block(spec: FieldSpec, kind: str) -> list[str]:
    head = f"{spec.alias}:  # {note(spec)}"
    if spec.shape is Shape.VALUE:
        return [head]
    if spec.short is not None:
        return [head, *_list_form(spec)]
    if spec.shape is Shape.VALUES:
        return [head, f"{_INDENT}-  # 每条一行，以“- ”开头"]
    if spec.shape is Shape.MAPPING:
        return [head, f"{_INDENT}# 名称: 内容"]
    children = [_skeleton_child(child, kind) for child in spec.children]
    if spec.shape is Shape.GROUP:
        return [head, *_indented([line for block in children for line in block])]
    # A list item starts with the first field the kind needs (“- 名称:”), then schema order.
    first = next((i for i, c in enumerate(spec.children) if _own_step_needed(c, kind)), 0)
    ordered = [children[first], *children[:first], *children[first + 1 :]]
    return [head, *_indented(_as_item([line for block in ordered for line in block]))]


def _list_form(spec: FieldSpec) -> list[str]:
    """The list a one-value field may be written as instead, commented out under it: the
    clerk who needs it deletes the “# ” of these lines and leaves the value out (no ASCII
    colon in the instruction: it would read as a field)."""
    item = _as_item([f"{c.alias}:  # {note(c)}" for c in spec.children])
    return [
        f"# 按日期分条写时，“{spec.alias}”后面不填，删去下面各行开头的“# ”，每个日期一条：",
        *(f"# {line}" for line in _indented(item)),
    ]


def _skeleton_child(spec: FieldSpec, kind: str) -> list[str]:
    block = _skeleton_block(spec, kind)
    if _own_step_needed(spec, kind):
        return block
    return [f"# {line}" for line in block]


# --- values ---------------------------------------------------------------------------------


def situation_yaml(value: dict, header: list[str] | None = None) -> str:
    """The values of a situation (plain texts, as read) as YAML, in the schema's order."""
    lines = [f"# {line}" for line in header or []]
    if lines:
        lines.append("")
    for spec in fields():
        if spec.alias in value:
            lines.extend(_value_block(spec, value[spec.alias]))
            if spec.shape is not Shape.VALUE:
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _value_block(spec: FieldSpec, value: object) -> list[str]:
    head = f"{spec.alias}:"
    if value is None:
        return [head]
    if spec.shape is Shape.VALUE or (spec.short is not None and not isinstance(value, list)):
        return [f"{head} {scalar(str(value))}"]
    if spec.shape is Shape.VALUES:
        return [head, *(_item_line(item) for item in _as_list(value))]
    if spec.shape is Shape.MAPPING:
        return [head, *_indented([f"{scalar(k)}: {scalar(v)}" for k, v in value.items()])]
    if spec.shape is Shape.GROUP:
        return [head, *_indented(_children(spec.children, value))]
    lines = [head]
    for item in _as_list(value):
        lines.extend(_indented(_as_item(_children(spec.children, item)) if item else ["-"]))
    return lines


def _children(specs: tuple[FieldSpec, ...], value: object) -> list[str]:
    if not isinstance(value, dict):
        raise TypeError(f"expected a mapping, got {value!r}")
    unknown = set(value) - {s.alias for s in specs}
    if unknown:
        raise KeyError(f"fields not in the schema: {sorted(unknown)}")
    return [line for s in specs if s.alias in value for line in _value_block(s, value[s.alias])]


def _item_line(item: object) -> str:
    return f"{_INDENT}-" if item is None else f"{_INDENT}- {scalar(str(item))}"


def _as_list(value: object) -> list:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {value!r}")
    return value


def _as_item(lines: list[str]) -> list[str]:
    """The lines of one list item: “- ” before the first, the rest indented to match."""
    if not lines:
        return ["-"]
    return [f"- {lines[0]}", *(f"{_INDENT}{line}" for line in lines[1:])]


def _indented(lines: list[str]) -> list[str]:
    return [f"{_INDENT}{line}" if line else line for line in lines]
