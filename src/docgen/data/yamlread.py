"""Parse YAML into plain values that keep every scalar as typed, with the line of each path.

PyYAML's constructor would turn ``no`` into False, ``010`` into 8 and ``1.10`` into 1.1;
we stop at its node graph and hand over the text, so the schema decides what a value means.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from docgen.errors import InputError, Problem, ProblemList, yaml_where
from docgen.limits import YAML_DEPTH, YAML_NODES, Limit

PathKey = tuple[str | int, ...]
Marks = dict[PathKey, int]
Value = dict[str, "Value"] | list["Value"] | str | None

_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"
_NO_REFERENCES = (
    "不支持“&”锚点和“*”引用",
    "请把内容直接写出来；如果内容本身以 & 或 * 开头，请把整段内容用引号括起来",
)


class _TooLarge(Exception):
    """The file crosses a limit (nesting, number of items) while being composed."""

    def __init__(self, limit: Limit, line: int) -> None:
        super().__init__(limit.what)
        self.limit, self.line = limit, line


class _Loader(yaml.SafeLoader):
    """SafeLoader's composer that notes each anchor and alias, so that they can be refused,
    and stops at the nesting and size limits before Python's own stack does."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.references: list[int] = []
        self.depth = 0
        self.nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()
        line = event.start_mark.line + 1
        # Note each use, but compose as usual so that nothing else is reported twice.
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            self.references.append(line)
        self.nodes += 1
        if self.nodes > YAML_NODES.value:
            raise _TooLarge(YAML_NODES, line)
        if self.depth >= YAML_DEPTH.value:
            raise _TooLarge(YAML_DEPTH, line)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def parse_yaml(
    text: str, source: Path | str, problems: ProblemList | None = None
) -> tuple[Value, Marks]:
    """Return ``(value, marks)``; ``marks`` maps each path to its 1-based line.

    A syntax error raises InputError at once. Problems that still leave a usable value
    (duplicate keys, anchors) go into ``problems`` if given, else are raised at the end.
    """
    own = problems is None
    found = ProblemList() if problems is None else problems
    loader: _Loader | None = None
    try:
        loader = _Loader(text.removeprefix("\ufeff"))  # checks for forbidden characters
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        problem = syntax_problem(exc, text, source)
        raise InputError(f"情况文件有误：{Path(source).name}", [problem]) from None
    except _TooLarge as exc:
        problem = syntax_problem(_too_large(exc), text, source)
        raise InputError(f"情况文件有误：{Path(source).name}", [problem]) from None
    finally:
        if loader is not None:
            loader.dispose()
    for line in dict.fromkeys(loader.references):  # once per line
        found.add(yaml_where(source, line), _NO_REFERENCES[0], hint=_NO_REFERENCES[1])
    marks: Marks = {}
    if root is None:
        return None, marks
    value = _plain(root, (), marks, found, source, set())
    if own:
        found.raise_if_any(f"情况文件有误：{Path(source).name}")
    return value, marks


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _plain(
    node: yaml.Node,
    path: PathKey,
    marks: Marks,
    found: ProblemList,
    source: Path | str,
    seen: set[int],
):
    """The plain value of ``node``. A node met a second time is an alias (refused, and
    reported above): a list or mapping is not walked again, so nested aliases cannot
    multiply the work."""
    if id(node) in seen:
        return node.value if isinstance(node, yaml.ScalarNode) else None
    seen.add(id(node))
    marks.setdefault(path, _line(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _NULL and node.style is None:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [
            _plain(item, (*path, i), marks, found, source, seen)
            for i, item in enumerate(node.value)
        ]
    result: dict[str, Value] = {}
    key_lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = _line(key_node)
        field = field_name(path)
        if not isinstance(key_node, yaml.ScalarNode):
            found.add(
                yaml_where(source, line),
                "这里的名称（冒号前面的部分）应是一个简单的词",
                field,
                "不要在冒号前写列表或“键: 值”；如果这是内容，请用引号括起来",
            )
            continue
        if key_node.tag == _MERGE and key_node.style is None:
            found.add(
                yaml_where(source, line),
                "不支持“<<”合并写法",
                field,
                "请把要合并的各项直接写出来",
            )
            continue
        key = key_node.value
        if not key.strip():
            found.add(
                yaml_where(source, line),
                "冒号前面缺少名称",
                field,
                "每行应写成“名称: 内容”",
            )
            continue
        if key in key_lines:
            found.add(
                yaml_where(source, line),
                f"重复出现：第{key_lines[key]}行和第{line}行都写了",
                field_name((*path, key)),
                "同一层里每一项只能写一次：请删除或合并其中一处",
            )
            continue
        key_lines[key] = line
        marks[(*path, key)] = line
        result[key] = _plain(value_node, (*path, key), marks, found, source, seen)
    return result


def field_name(path: PathKey) -> str:
    """The clerk's name of a place: ``指标 › 第2项 › 本镇`` (items counted from 1)."""
    return " › ".join(f"第{p + 1}项" if isinstance(p, int) else p for p in path)


# --- syntax errors ------------------------------------------------------------------

# (pattern on "context problem", Chinese message, hint); the first match wins.
_TRANSLATIONS: tuple[tuple[str, str, str], ...] = (
    (
        r"found character '\\t' that cannot start any token",
        "这里有 Tab 键字符",
        "YAML 只能用空格，不能用 Tab：请把 Tab 换成空格",
    ),
    (
        r"mapping values are not allowed here",
        "这里不应出现“冒号+空格”",
        "常见原因：上一行冒号后缺空格，缩进没对齐，或内容本身含有“: ”（请把整段内容用引号括起来）",
    ),
    (
        r"could not find expected ':'",
        "找不到应有的冒号",
        "每行应写成“名称: 内容”：用英文冒号，冒号后加一个空格",
    ),
    (
        r"block collection.*expected <block end>, but found '\?'",
        "列表里混进了“名称: 内容”",
        "同一层要么每行都以“- ”开头（列表），要么都写“名称: 内容”，不能混写",
    ),
    (
        r"expected <block end>, but found",
        "缩进不一致",
        "同一层的各项左边必须对齐，下一层多缩进两个空格；只用空格，不要用 Tab",
    ),
    (
        r"sequence entries are not allowed here",
        "这里不应出现列表项“- ”",
        "检查缩进：列表项应比它的上一级多缩进两个空格",
    ),
    (
        r"(an alias|an anchor).*expected alphabetic or numeric character",
        "以“*”或“&”开头的内容在 YAML 里有特殊含义",
        "列表的每一条请用“- ”开头；内容本身以 * 或 & 开头时，请把整段内容用引号括起来",
    ),
    (
        r"quoted scalar.*found unexpected end of stream",
        "引号没有配对",
        "检查引号是否成对（前后都要有，且同为英文引号）",
    ),
    (
        r"found unknown escape character",
        "双引号里的反斜杠“\\”后面不是有效的转义",
        "改用单引号括起来，或者去掉引号",
    ),
    (
        r"flow (sequence|mapping)",
        "方括号或花括号没有配对",
        "内容以“[”或“{”开头时，请把整段内容用引号括起来",
    ),
    (
        r"but found another document",
        "文件里只能有一份数据，不能用“---”分成多份",
        "删除这一行的“---”，或把后面的部分放到另一个文件",
    ),
    (
        r"undefined alias|duplicate anchor",
        _NO_REFERENCES[0],
        _NO_REFERENCES[1],
    ),
    (
        r"expected the node content",
        "这里缺少内容",
        "检查这一行的冒号、“- ”和缩进",
    ),
)
_FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:：#'\"-][^:：]*：")
_MISSING_SPACE = re.compile(r"^\s*(?:-\s+)?[^\s:#'\"-][^:]*:(?![\s/])\S")


def syntax_problem(exc: yaml.YAMLError, text: str, source: Path | str) -> Problem:
    """A YAML error in the clerk's words, at its ``file:line``: PyYAML's own (translated) or
    ``Refused`` by ``compose``. Every reader of YAML reports a file's errors with the same
    words as ``parse_yaml`` (``docgen render``) through this."""
    if isinstance(exc, Refused):
        return Problem(yaml_where(source, exc.line), exc.message, hint=exc.hint)
    if isinstance(exc, yaml.MarkedYAMLError):
        return _syntax_problem(exc, text, source)
    return _other_problem(exc, text, source)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, source: Path | str) -> Problem:
    english = " ".join(p for p in (exc.context, exc.problem) if p)
    unclosed = "quoted scalar" in english and exc.context_mark is not None
    # an unclosed quote is noticed at the end of the file: name the line where it opens
    mark = exc.context_mark if unclosed else (exc.problem_mark or exc.context_mark)
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    message, hint = "", ""
    for pattern, zh, todo in _TRANSLATIONS:
        if re.search(pattern, english):
            message, hint = zh, todo
            break
    reserved = re.search(r"found character '([^\\])' that cannot start any token", english)
    if reserved:
        char = reserved.group(1)
        message = f"内容不能以“{char}”开头（它在 YAML 里有特殊含义）"
        hint = '请给它加上英文引号，如 单位: "%"' if char == "%" else "请把整段内容用英文引号括起来"
    lines = text.split("\n")
    if unclosed:
        hint = f"第{line}行的引号只有开头没有结尾：请补上结尾的引号，或去掉开头的引号"
    elif "'\\t'" in english and line and column:
        before = lines[line - 1][: column - 1] if line <= len(lines) else ""
        if not before.strip() or before.lstrip(" -").strip() == "":
            message = "这一行用 Tab 键缩进了"
            hint = "YAML 只能用空格缩进：请把行首的 Tab 换成空格（每层两个空格）"
    elif not reserved:
        hint = _nearby_slip(lines, exc, line) or hint
    opened = _unpaired_quote_above(lines, line) if not unclosed else None
    if opened:  # the quoted text ran on to here: the slip is where it opened
        message = f"引号没有配对：这一行的引号只有开头，直到第{line}行都被当成了引号里的文字"
        hint = "请补上结尾的引号，或去掉开头的引号"
        line, column = opened, lines[opened - 1].index('"') + 1
    place = f"第{line}行第{column}列附近" if line else "文件中"
    if message:
        text_msg = f"{place} YAML 格式错误：{message}"
    else:
        text_msg = f"{place} YAML 格式错误（{english}）"
        hint = hint or "请对照示例文件检查这一行附近的缩进、冒号和引号"
    return Problem(yaml_where(source, line), text_msg, hint=hint)


def _unpaired_quote_above(lines: list[str], line: int | None) -> int | None:
    """When ``line`` holds a double quote, the first line above it with an odd number of
    them (comments aside): a quote opened there ran on to ``line``'s quote, and the error
    surfaces here, far from the slip."""
    if not line or line > len(lines) or '"' not in lines[line - 1]:
        return None
    for number, content in enumerate(lines[: line - 1], 1):
        code = content.split(" #")[0]
        if (code.count('"') - code.count('\\"')) % 2:
            return number
    return None


def _nearby_slip(lines: list[str], exc: yaml.MarkedYAMLError, line: int | None) -> str:
    """Name the usual clerk slips (full-width colon, no space after colon) near the error."""
    if line is None:
        return ""
    first = exc.context_mark.line + 1 if exc.context_mark else line
    first = max(1, min(first, line - 2))
    for number in range(line, first - 1, -1):
        if number > len(lines):
            continue
        content = lines[number - 1].split(" #")[0]
        if ":" not in content and _FULLWIDTH_KEY.match(content):
            return f"第{number}行用了中文冒号“：”：名称后面要用英文冒号“:”，再加一个空格"
        if ": " not in content and _MISSING_SPACE.match(content):
            return f"第{number}行冒号后缺空格：应写成“名称: 内容”（冒号后加一个空格）"
    if _deeper_than_above(lines, line):
        return f"第{line}行比上一行多缩进了：同一层的各项左边要对齐"
    return ""


def _deeper_than_above(lines: list[str], line: int) -> bool:
    """True when a line is indented further than the line above, which opens no new level."""
    if line > len(lines):
        return False
    above = [s for s in lines[: line - 1] if s.strip() and not s.lstrip().startswith("#")]
    if not above:
        return False
    here, prev = lines[line - 1], above[-1]
    opens_level = prev.rstrip().endswith((":", "|", ">", "-"))
    return not opens_level and _indent(here) > _indent(prev)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _other_problem(exc: yaml.YAMLError, text: str, source: Path | str) -> Problem:
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        line = text.count("\n", 0, position) + 1
        code = getattr(exc, "character", None)
        shown = f"（#x{code:04X}）" if isinstance(code, int) else ""
        return Problem(
            yaml_where(source, line),
            f"第{line}行有不可见的特殊字符{shown}",
            hint="请删除这个字符（常见于从网页或 Word 复制来的文字），或重新手工输入这一行",
        )
    return Problem(yaml_where(source, None), f"YAML 格式错误（{exc}）")


# --- for other readers of YAML (the checker): PyYAML stays imported in this module only ----

YAMLError = yaml.YAMLError
Node = yaml.Node
MappingNode = yaml.MappingNode
SequenceNode = yaml.SequenceNode
ScalarNode = yaml.ScalarNode


class Refused(yaml.YAMLError):
    """A YAML file docgen does not read: anchors and aliases, or beyond a limit."""

    def __init__(self, line: int, message: str, hint: str = "") -> None:
        super().__init__(f"第{line}行：{message}")
        self.line, self.message, self.hint = line, message, hint


def _too_large(exc: _TooLarge) -> Refused:
    return Refused(
        exc.line,
        f"文件过于庞大或嵌套过深：{exc.limit.shown()}",
        "情况文件只需几层缩进和几百项内容：请检查是否误粘贴了其他内容",
    )


def compose(text: str) -> yaml.Node | None:
    """The node graph of ``text`` (positions of every scalar), for checking a file in place;
    anchors, aliases and files beyond the limits are refused (raises ``Refused``). A syntax
    error raises PyYAML's error: ``syntax_problem`` turns either into the clerk's words."""
    loader = _Loader(text.removeprefix("\ufeff"))
    try:
        root = loader.get_single_node()
    except _TooLarge as exc:
        raise _too_large(exc) from None
    finally:
        loader.dispose()
    if loader.references:
        raise Refused(loader.references[0], *_NO_REFERENCES)
    return root


def scalar(text: str) -> str:
    """``text`` written so that ``parse_yaml`` gives it back exactly: plain when it can be."""
    if text and "\n" not in text and text == text.strip():
        try:
            node = yaml.compose(f"k: {text}\n", Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            node = None
        if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
            value = node.value[0][1]
            plain = isinstance(value, yaml.ScalarNode) and value.style is None
            if plain and value.tag != _NULL and value.value == text:
                return text
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def load_word_list(text: str) -> object:
    """A word list (corpora/*.yaml, an office's) or a file's data as plain Python values,
    with the limits and refusals of ``compose``."""
    root = compose(text)
    return None if root is None else yaml.SafeLoader("").construct_document(root)
