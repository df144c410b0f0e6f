"""Situation data → Markdown text through sandboxed, strict Jinja templates (the only Jinja import).

Templates see plain dicts with the clerk's Chinese field names plus derived facts, so a
secretary reads ``{{ 会议.名称 }}`` and ``{{ 指标.对标.表述 }}``; no Python object is reachable.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import itertools
import math
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from .chinese import cn_count, cn_number, ordinal, series
from .errors import DocgenError, InputError, Problem
from .facts.wording import choose
from .limits import (
    TEMPLATE_DIGITS,
    TEMPLATE_OUTPUT,
    TEMPLATE_RANGE,
    TEMPLATE_SECONDS,
    TEMPLATE_VALUE,
    Limit,
)
from .model import Counted
from .parse import count_mark
from .resources import builtin_dir

TEMPLATE_SUFFIX = ".md"


@dataclass(frozen=True)
class RenderedText:
    text: str
    template: str  # the name shown to users, e.g. "speech.md（内置）"
    path: Path


class _NoneOutput(Exception):
    """A template printed a value the data left empty."""


class _WholeOutput(Exception):
    """A template printed a whole group of data or a method instead of one value."""


class _MethodOutput(Exception):
    """A template printed a method (``{{ 意见条数 }}``) instead of calling it."""


class _YesNoOutput(Exception):
    """A template printed a yes/no item, which would read “True” or “False”."""


class _Exceeded(Exception):
    """A template crossed one of its limits (docgen.limits)."""

    def __init__(self, limit: Limit) -> None:
        super().__init__(limit.what)
        self.limit = limit


@dataclass
class _Budget:
    """What one render may still spend: range() items, and time."""

    deadline: float
    ranges: int = TEMPLATE_RANGE.value

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Exceeded(TEMPLATE_SECONDS)


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("budget", default=None)


def _tick() -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()


def _bounded_range(*args: int) -> range:
    """range() that counts its items against the render's budget."""
    items = range(*args)
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()
        budget.ranges -= len(items)
        if budget.ranges < 0:
            raise _Exceeded(TEMPLATE_RANGE)
    return items


def _sized(value: object) -> int:
    """Characters or items of a value a template computes; digits of an integer."""
    if isinstance(value, str | list | tuple | dict):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return len(str(abs(value))) if abs(value) < 10**TEMPLATE_DIGITS.value else math.inf
    return 0


def _check_arguments(args: tuple, kwargs: dict) -> None:
    """A number passed to a filter or method (``center(999999999)``) that would make a value
    beyond the limits is refused before the value is made."""
    for value in (*args, *kwargs.values()):
        if _is_int(value) and abs(value) > TEMPLATE_VALUE.value:
            raise _Exceeded(TEMPLATE_VALUE)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _BoundedEnvironment(SandboxedEnvironment):
    """The sandbox with limits on what a template computes (docgen.limits): the size of
    ``*``, ``**``, ``+`` and ``%`` results is judged before they are computed, every call and
    filter checks its arguments and the render's deadline. Intercepting these operators also
    keeps Jinja from folding a constant like 9**9**9 while compiling."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def call_binop(self, context, operator: str, left, right):  # type: ignore[override]
        _tick()
        if operator == "**" and isinstance(left, int | float) and isinstance(right, int | float):
            size = abs(right) * math.log10(abs(left)) if abs(left) > 1 and right > 0 else 0
            if size > TEMPLATE_DIGITS.value:
                raise _Exceeded(TEMPLATE_DIGITS)
        elif operator == "*" and (_is_int(left) or _is_int(right)):
            if isinstance(left, int | float) and isinstance(right, int | float):
                if _sized(left) + _sized(right) > TEMPLATE_DIGITS.value:
                    raise _Exceeded(TEMPLATE_DIGITS)
            else:  # a text or list repeated: its length times the count
                count, repeated = (left, right) if _is_int(left) else (right, left)
                if _sized(repeated) * max(count, 0) > TEMPLATE_VALUE.value:
                    raise _Exceeded(TEMPLATE_VALUE)
        elif operator == "+" and _sized(left) + _sized(right) > TEMPLATE_VALUE.value:
            raise _Exceeded(TEMPLATE_VALUE)
        elif operator == "%" and isinstance(left, str):
            _check_arguments(right if isinstance(right, tuple) else (right,), {})
            if re.search(r"%[-+ #0]*\d{7,}", left):
                raise _Exceeded(TEMPLATE_VALUE)
        return super().call_binop(context, operator, left, right)

    def call(self, __context, __obj, *args, **kwargs):  # type: ignore[override]
        _tick()
        _check_arguments(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def _bounded_filter(function: Callable) -> Callable:
    """A filter that checks its arguments and the deadline first (filters are called
    directly by compiled templates, not through the sandbox's ``call``)."""

    @functools.wraps(function)
    def bounded(*args, **kwargs):
        _tick()
        _check_arguments(args[1:], kwargs)
        return function(*args, **kwargs)

    return bounded


class _TemplateLoader(jinja2.FileSystemLoader):
    """Templates read the way every text input is read (UTF-8, UTF-16 or GBK detected, a
    binary file refused with a message naming it)."""

    def get_source(self, environment, template):  # type: ignore[override]
        from .textio import read_text

        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if path.is_file():
                break
        else:
            raise jinja2.TemplateNotFound(template)
        stamp = path.stat().st_mtime
        return read_text(path), str(path), lambda: path.is_file() and path.stat().st_mtime == stamp


def _finalize(value: object) -> object:
    if value.__class__ is str:  # nearly every value a template prints
        return value
    if value is None:
        raise _NoneOutput
    # A dict, a list or a method would print as Python text ("{'名称': …}", "<built-in …>").
    if isinstance(value, jinja2.Undefined):
        return value  # printing it raises the located "missing value" error
    if isinstance(value, bool):
        raise _YesNoOutput
    if callable(value):
        raise _MethodOutput
    if isinstance(value, dict | list | tuple):
        raise _WholeOutput
    return value


def make_environment(override: Path | None) -> SandboxedEnvironment:
    """Workspace templates first, then the built-in ones: an office adapts wording locally."""
    paths = [str(p) for p in (override, builtin_dir("templates")) if p is not None]
    env = _BoundedEnvironment(
        loader=_TemplateLoader(paths, encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters.update(
        {
            "中文数字": cn_number,
            "计数": cn_count,
            "并列": series,
            "序数": ordinal,
            "去句号": strip_stop,
            "成句": as_sentence,
            "单元格": table_cell,
        }
    )
    for name, function in list(env.filters.items()):
        env.filters[name] = _bounded_filter(function)
    del env.globals["lipsum"]  # random Latin text has no place in an official document
    env.globals["range"] = _bounded_range
    # Counts decide the wording (一是 only when there is a 二是; 以下几个方面 from three on);
    # templates hold no digits, so they ask ``is 多项`` / ``is 至少三项``.
    env.tests.update(
        {"多项": lambda items: len(items) > 1, "至少三项": lambda items: len(items) > 2}
    )
    # 村 is set only when docgen batch writes one document per village ({% if 村 %} hooks).
    # 意见条数() is counted once the headings are known (a Count of the model).
    env.globals.update(
        {"意见条数": lambda: count_mark(Counted.LEVEL1_HEADINGS), "村": None, "择一": pick_wording}
    )
    return env


@jinja2.pass_context
def pick_wording(context: jinja2.runtime.Context, *options: str) -> str:
    """择一("说法甲", "说法乙", …): one wording, chosen by the document's identity (文档.标识)
    so the same document always reads the same and different ones vary; never at random."""
    document = context.get("文档")
    identity = document.get("标识", "") if isinstance(document, dict) else ""
    return choose(identity, [str(option) for option in options])


_TRAILING = "。；，、,.;：: \u3000"


def strip_stop(text: str) -> str:
    """Drop the closing punctuation a clerk typed, so the template decides how a clause ends."""
    return str(text).rstrip(_TRAILING)


def as_sentence(text: str) -> str:
    """End with exactly one 。 (keeping a typed ！ or ？)."""
    text = strip_stop(text)
    return text if text.endswith(("！", "？")) else text + "。"


def table_cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no line breaks, ``|`` escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def template_path(env: SandboxedEnvironment, kind: str) -> Path:
    name = kind + TEMPLATE_SUFFIX
    source = env.loader.get_source(env, name)  # raises TemplateNotFound
    return Path(source[1])


@dataclass(frozen=True)
class CompiledTemplate:
    """A template loaded and compiled once, rendered with many contexts (batch generation)."""

    template: jinja2.Template
    shown: str
    path: Path
    environment: SandboxedEnvironment

    def render(self, context: dict[str, object]) -> RenderedText:
        budget = _Budget(time.monotonic() + TEMPLATE_SECONDS.value)
        token = _BUDGET.set(budget)
        try:
            text = _joined(self.template.generate(context), budget)
        except DocgenError:  # an included template that cannot be read, located already
            raise
        except jinja2.TemplateSyntaxError as exc:  # an {% include %}d file is compiled late
            raise _syntax_error(exc, self.shown) from None
        except Exception as exc:  # every template failure becomes a located message
            line = _template_line(exc, self.path)
            where = f"{self.shown}:{line}" if line else self.shown
            message, hint = _runtime_message(exc)
            if isinstance(exc, _NoneOutput) and line:
                message += _fields_on_line(self.path, line)
            raise InputError(
                f"模板有误：{self.shown}", [Problem(where, message, hint=hint)]
            ) from None
        finally:
            _BUDGET.reset(token)
        return RenderedText(text, self.shown, self.path)

    def digest(self) -> str:
        """SHA-256 of the template and of the parts it may include (``_*.md``)."""
        digest = hashlib.sha256(self.path.read_bytes())
        loader = self.environment.loader
        for name in sorted(self.environment.list_templates()):
            if name.startswith("_") and loader is not None:
                digest.update(loader.get_source(self.environment, name)[0].encode("utf-8"))
        return digest.hexdigest()


_FIELD = re.compile(r"\{\{-?\s*(.+?)\s*-?\}\}")


def _fields_on_line(path: Path, line: int) -> str:
    """Which values the line prints, so that an empty one among a dozen can be found: the
    message cannot name it (Jinja hands the empty value over, not its name)."""
    from .textio import read_text

    try:
        text = read_text(path).split("\n")[line - 1]
    except (InputError, IndexError):
        return ""
    fields = list(dict.fromkeys(_FIELD.findall(text)))
    if not fields:
        return ""
    if len(fields) == 1:
        return f"：{{{{ {fields[0]} }}}}"
    return "，是这一行的 " + "、".join(f"{{{{ {f} }}}}" for f in fields[:8]) + " 之一"


def compile_template(kind: str, override: Path | None = None) -> CompiledTemplate:
    """Find and compile ``<kind>.md``; raise InputError if it is missing or has a syntax error."""
    env = make_environment(override)
    name = kind + TEMPLATE_SUFFIX
    try:
        path = template_path(env, kind)
    except jinja2.TemplateNotFound:
        problem = Problem(name, "内置模板和工作区模板中都没有这个文件")
        raise InputError(f"找不到模板 {name}", [problem]) from None
    shown = _shown_name(path, override)
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise _syntax_error(exc, shown) from None
    return CompiledTemplate(template, shown, path, env)


def _joined(pieces: Iterator[str], budget: _Budget) -> str:
    """The template's output, stopped at the output limit and the deadline, both looked at
    every 16 pieces: the clock costs more than a piece, and a piece is one stretch of
    template text or one value (itself within ``TEMPLATE_VALUE``), so no run holds more
    than 16 such pieces beyond the limit."""
    out: list[str] = []
    size = 0
    while batch := list(itertools.islice(pieces, 16)):
        size += sum(map(len, batch))
        if size > TEMPLATE_OUTPUT.value:
            raise _Exceeded(TEMPLATE_OUTPUT)
        budget.tick()
        out += batch
    return "".join(out)


def _syntax_error(exc: jinja2.TemplateSyntaxError, shown: str) -> InputError:
    problem = Problem(
        f"{shown}:{exc.lineno}",
        f"模板语法错误：{_syntax_message(exc.message or '')}",
        hint="检查 {{ }} 和 {% %} 是否成对、拼写是否正确",
    )
    return InputError(f"模板有误：{shown}", [problem])


def _shown_name(path: Path, override: Path | None) -> str:
    if override is not None and path.is_relative_to(override):
        return str(path)
    return f"{path.name}（内置模板）"


def _template_line(exc: BaseException, path: Path) -> int | None:
    """Jinja rewrites tracebacks so template frames carry the template's own line numbers."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename) == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


#: Names of derived facts that changed (issue 14): a workspace template still using one is
#: told the new name instead of a bare "not in the data".
RENAMED = {
    "本镇": "指标的本单位数值现在是【现值】，村级文档中乡镇的数值是【乡镇值】",
    "全县平均": "现在是【上级平均】（全县、全区、全市平均随层级而定）",
    "对县": "现在是【对上级】",
    "对镇": "现在是【对乡镇】",
}
_ATTR = re.compile(r"has no attribute '([^']+)'|'([^']+)' is undefined|has no element (\S+)")


def _runtime_message(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, _NoneOutput):
        return (
            "这里要输出的数据是空的（情况文件中没有填写）",
            "请在情况文件中填写这一项，或在模板中用 {% if … %} 判断后再输出",
        )
    if isinstance(exc, _YesNoOutput):
        return (
            "这里输出的是一个“是/否”项，印出来会是 True 或 False",
            "请用 {% if … %} 判断后写出要印的文字，"
            "如 {% if 项.对标.达标 %}已达标{% else %}未达标{% endif %}",
        )
    if isinstance(exc, _MethodOutput):
        return (
            "这里输出的是一个方法本身，没有调用它",
            "方法名后要加括号，如 {{ 意见条数() }}；若是数据的一项，请写到具体的项",
        )
    if isinstance(exc, _WholeOutput):
        return (
            "这里输出的是一整组数据，不是一项具体内容",
            "请写到具体的项，如 {{ 会议.名称 }}；一组内容用 {% for … %} 逐项输出",
        )
    if isinstance(exc, jinja2.TemplateNotFound):
        return (f"找不到要引用的模板 {exc.name}", "检查文件名，模板要放在工作区模板文件夹中")
    if isinstance(exc, SecurityError):
        return ("模板试图访问不允许的内容（模板只能使用情况数据）", "请删去这一处")
    if isinstance(exc, jinja2.UndefinedError):
        m = _ATTR.search(str(exc))
        name = next((g for g in m.groups() if g), "") if m else ""
        hint = "检查名称是否与情况文件中的项一致，或先在情况文件中补充"
        if name in RENAMED:
            hint = f"【{name}】已改名：{RENAMED[name]}"
        return (f"模板用到了数据中没有的【{name}】", hint)
    if isinstance(exc, _Exceeded):
        return (
            f"模板算出的内容超出了限度（{exc.limit.shown()}），已停止",
            "检查这一行的循环、range()、乘方或重复：公文模板不需要这样大的计算",
        )
    for kind, words in _RUNTIME_WORDS.items():
        if isinstance(exc, kind):
            return (f"模板计算出错：{words}", "检查这一行的表达式")
    return (f"模板计算出错（{type(exc).__name__}）", "检查这一行的表达式")


#: Errors a template's expression can raise, in a clerk's words.
_RUNTIME_WORDS: dict[type[BaseException], str] = {
    RecursionError: "宏（macro）调用自己的层数太多",
    ZeroDivisionError: "除数为零",
    OverflowError: "数字太大，无法计算",
    MemoryError: "要算的内容太大，内存不够",
    TypeError: "参与运算的内容类型不对（如文字和数字相加、对文字取下标）",
    ValueError: "数值不对（如把文字当数字用）",
    KeyError: "用到了不存在的项",
    IndexError: "下标超出了范围",
}


def _syntax_message(message: str) -> str:
    known = {
        "unexpected end of template": "模板意外结束，可能缺少 {% endfor %} 或 {% endif %}",
        "unexpected '}'": "多了一个“}”",
        "unexpected char": "出现了无法识别的字符（是否用了全角符号？）",
        "Encountered unknown tag": "未知的标签",
        "expected token": "缺少符号",
    }
    for english, chinese in known.items():
        if english.lower() in message.lower():
            return f"{chinese}（{message}）"
    return message
