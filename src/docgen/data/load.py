"""Load a situation file and report every problem in it at once, by file, line and Chinese field."""

from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path

from docgen.data.schema import REQUIRED_SECTIONS, Situation
from docgen.data.yamlread import Marks, PathKey, field_name, parse_yaml
from docgen.errors import InputError, Problem, ProblemList, yaml_where
from docgen.textio import read_text

#: Chinese names of the document kinds, for messages.
KIND_NAMES: dict[str, str] = {"speech": "讲话稿", "notice": "通知", "plan": "方案"}

_EXAMPLE_HINT = "可参照示例文件 examples/population.yaml 填写"


@dataclass(frozen=True)
class LoadedSituation:
    """A validated situation and where each of its parts was written in the file."""

    situation: Situation
    path: Path
    marks: Marks = field(repr=False)

    def line_of(self, path: PathKey) -> int | None:
        """Line of ``path`` (Chinese keys, 0-based item numbers), else of its nearest ancestor."""
        return _line_of(self.marks, tuple(path))

    def where(self, path: PathKey) -> str:
        """``file:line`` for ``path``, ready for a Problem."""
        return yaml_where(self.path, self.line_of(path))


def load_situation(path: Path, kind: str | None = None) -> LoadedSituation:
    """Read, parse and validate a situation file; raise one InputError listing all problems."""
    path = Path(path)
    summary = f"情况文件有误：{path.name}"
    text = read_text(path)
    problems = ProblemList()
    value, marks = parse_yaml(text, path, problems)
    if not isinstance(value, dict):
        problems.items.append(_not_a_mapping(value, text, path))
        raise InputError(summary, problems.items)

    found: list[Problem] = []
    situation = None
    try:
        situation = Situation.model_validate(value)
    except ValueError as exc:  # pydantic's ValidationError (pydantic is imported in schema.py only)
        if not hasattr(exc, "errors"):
            raise
        found.extend(_translate(err, value, marks, path) for err in exc.errors())
    found.extend(_cross_check(value, marks, path))
    if kind is not None:
        reported = {p.field.split(" › ")[0] for p in found if p.field}
        found.extend(_required_sections(value, marks, path, kind, reported))
    problems.extend(found)
    problems.items.sort(key=lambda p: _where_line(p.where))
    if problems or situation is None:
        raise InputError(summary, problems.items)
    return LoadedSituation(situation=situation, path=path, marks=marks)


# --- locating -----------------------------------------------------------------------


def _line_of(marks: Marks, path: PathKey) -> int | None:
    while True:
        if path in marks:
            return marks[path]
        if not path:
            return None
        path = path[:-1]


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


def _model_at(path: PathKey) -> type | None:
    """The pydantic model that validates the mapping at ``path`` (Chinese keys)."""
    model: type | None = Situation
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


def _allowed_keys(model: type | None) -> list[str]:
    if model is None:
        return []
    return [f.alias for f in model.model_fields.values() if f.alias]


def _closest(word: str, choices: list[str]) -> str | None:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return match[0] if match else None


# --- pydantic errors in the clerk's words -------------------------------------------


def _translate(err: dict, value: dict, marks: Marks, path: Path) -> Problem:
    kind = err["type"]
    loc = tuple(err["loc"])
    given = err.get("input")
    if kind == "missing":
        parent = _data_path(value, loc[:-1])
        name = str(loc[-1])
        return Problem(
            yaml_where(path, _line_of(marks, parent)),
            f"缺少必填项【{name}】",
            field_name(parent),
            f"请在这里补上一行“{name}: …”",
        )
    at = _data_path(value, loc)
    where = yaml_where(path, _line_of(marks, at))
    if kind == "extra_forbidden":
        parent, key = at[:-1], str(loc[-1])
        allowed = _allowed_keys(_model_at(parent))
        guess = _closest(key, allowed)
        message = f"未知的项【{key}】" + (f"，是不是【{guess}】？" if guess else "")
        hint = f"这里可以填的项：{'、'.join(allowed)}" if allowed else "请删除这一项"
        return Problem(where, message, field_name(parent), hint)
    message, hint = _message(kind, err, given)
    return Problem(where, message, field_name(at), hint)


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


# --- checks across fields -----------------------------------------------------------


def _cross_check(value: dict, marks: Marks, path: Path) -> list[Problem]:
    found: list[Problem] = []
    indicators = value.get("指标")
    names: dict[str, int] = {}
    if isinstance(indicators, list):
        for i, item in enumerate(indicators):
            name = item.get("名称") if isinstance(item, dict) else None
            if not isinstance(name, str) or not name.strip():
                continue
            name = name.strip()
            at = ("指标", i, "名称")
            if name in names:
                first = names[name]
                found.append(
                    Problem(
                        yaml_where(path, _line_of(marks, at)),
                        f"指标名称“{name}”与第{first + 1}项重复"
                        f"（第{_line_of(marks, ('指标', first, '名称'))}行）",
                        field_name(at),
                        "每个指标的名称只能出现一次：请删除重复的一项或改用不同的名称",
                    )
                )
            else:
                names[name] = i
    issues = value.get("问题")
    if isinstance(issues, list):
        for i, item in enumerate(issues):
            ref = item.get("指标") if isinstance(item, dict) else None
            if not isinstance(ref, str) or not ref.strip() or ref.strip() in names:
                continue
            at = ("问题", i, "指标")
            guess = _closest(ref.strip(), list(names))
            message = f"没有名为“{ref.strip()}”的指标" + (f"，是不是“{guess}”？" if guess else "")
            hint = (
                f"【指标】一节里的名称有：{'、'.join(names)}；这里要与其中之一完全一致"
                if names
                else "文件里没有【指标】一节：请先填写指标，或删掉这一行"
            )
            found.append(
                Problem(yaml_where(path, _line_of(marks, at)), message, field_name(at), hint)
            )
    return found


def _required_sections(
    value: dict, marks: Marks, path: Path, kind: str, reported: set[str]
) -> list[Problem]:
    doc = KIND_NAMES.get(kind, kind)
    found: list[Problem] = []
    for section in REQUIRED_SECTIONS.get(kind, ()):
        if section not in value:
            found.append(
                Problem(
                    yaml_where(path, None),
                    f"生成{doc}需要【{section}】一节，文件中没有",
                    hint=f"请补上“{section}:”一节；{_EXAMPLE_HINT}",
                )
            )
        elif section not in reported and value[section] in (None, "", [], {}):
            found.append(
                Problem(
                    yaml_where(path, _line_of(marks, (section,))),
                    f"生成{doc}需要【{section}】，但这一项是空的",
                    section,
                    "请填写内容",
                )
            )
    return found


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
