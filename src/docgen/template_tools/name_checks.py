"""Fields and filters a template names, resolved on its Jinja syntax tree.

Each expression is given the shape of what it refers to (a field of the field tree, a loop,
a macro, an imported template), so ``{{ 会议.名城 }}`` or ``{% for 项 in 指标 %}{{ 项.名城 }}``
is caught before rendering, with the nearest correct name and the names to choose from.
Whatever cannot be known statically (a value built by an expression) is not checked.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from jinja2 import nodes

from ..render import RENAMED
from .fields import GROUP, LEAF, LIST, MAPPING, FieldTree, Node
from .source import Finding, Source

#: What ``loop`` offers inside ``{% for %}``.
LOOP_ATTRIBUTES = (
    "index",
    "index0",
    "revindex",
    "revindex0",
    "first",
    "last",
    "length",
    "cycle",
    "depth",
    "depth0",
    "previtem",
    "nextitem",
    "changed",
)
#: Names Jinja itself gives a macro body.
_MACRO_NAMES = ("caller", "varargs", "kwargs")
#: Filters whose result has the shape of their input (a filtered list is still that list).
_SAME = {"list", "selectattr", "rejectattr", "sort", "reverse", "unique", "default", "d"}
_ITEM = {"first", "last", "random"}
_ATTRIBUTE_ARGUMENT = {"selectattr", "rejectattr", "sort", "map", "sum", "groupby", "unique"}
_TEXT_METHODS = {name for name in dir(str) if not name.startswith("_")}
_MAPPING_METHODS = {name for name in dir(dict) if not name.startswith("_")}


@dataclass(frozen=True)
class Module:
    """An imported template: the names it defines at its top level."""

    file: str
    names: tuple[str, ...]


class _Loop:
    """The ``loop`` of a ``{% for %}``."""


@dataclass(eq=False)
class Macro:
    """A macro of the template being checked (called, not read): its definition and the scope
    it was defined in, so a ``{% call %}`` block can learn what the macro hands ``caller``."""

    node: nodes.Macro
    scope: Scope
    src: Source | None


class _Caller:
    """``caller`` while a macro is walked for one ``{% call %}``: the shapes of the arguments
    of each ``caller(…)`` it makes."""

    def __init__(self) -> None:
        self.calls: list[list[Shape]] = []


LOOP = _Loop()
Shape = Node | Module | _Loop | Macro | _Caller | None  # None: not known statically


@dataclass
class Scope:
    names: dict[str, Shape] = field(default_factory=dict)
    parent: Scope | None = None

    def lookup(self, name: str) -> tuple[bool, Shape]:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.names:
                return True, scope.names[name]
            scope = scope.parent
        return False, None

    def visible(self) -> list[str]:
        found: list[str] = []
        scope: Scope | None = self
        while scope is not None:
            found.extend(n for n in scope.names if n not in found)
            scope = scope.parent
        return found


#: Loads an included or imported template: its source and syntax tree, or None.
Loader = Callable[[str], tuple[Source, nodes.Template | None] | None]


class NameChecker:
    """Walks the templates of one document kind and collects what they name wrongly."""

    def __init__(
        self,
        tree: FieldTree,
        filters: Iterable[str],
        tests: Iterable[str],
        global_names: Iterable[str],
        load: Loader,
        shown_filters: Callable[[], Iterable[str]] | None = None,
    ) -> None:
        self.tree = tree
        self.filters = sorted(filters)
        self.tests = sorted(tests)
        self.globals = list(global_names)
        # The filters a message offers are read only when a message needs them.
        self._shown_filters = shown_filters
        self.load = load
        self.findings: list[Finding] = []
        self.used_roots: set[str] = set()
        self.missing: set[str] = set()  # templates named by include/import but not found
        self._active: list[str] = []
        self._expanding: list[nodes.Macro] = []  # macros walked for a call block, innermost last
        self._modules: dict[str, Module] = {}
        self.src: Source | None = None

    def shown_filters(self) -> list[str]:
        return list(self._shown_filters()) if self._shown_filters else self.filters

    # --- files ----------------------------------------------------------------------------

    def check(self, src: Source, tree: nodes.Template, scope: Scope | None = None) -> None:
        """Check one template (and what it includes) in ``scope`` (the context by default)."""
        if src.name in self._active:
            return
        self._active.append(src.name)
        outer, self.src = self.src, src
        top = Scope(parent=scope or self.context_scope())
        for name in _top_level_names(tree.body):
            top.names[name] = None
        self.body(tree.body, top)
        self.src = outer
        self._active.pop()

    def context_scope(self) -> Scope:
        names: dict[str, Shape] = dict.fromkeys(self.globals)
        names.update(self.tree.roots)
        return Scope(names)

    def _other(self, node: nodes.Node, scope: Scope, *, include: bool) -> Module | None:
        template = node.template
        if not isinstance(template, nodes.Const) or not isinstance(template.value, str):
            self.expr(template, scope)
            return None
        name = template.value
        loaded = self.load(name)
        if loaded is None:
            self.missing.add(name)
            self.report(
                node.lineno,
                name,
                f"找不到要引用的模板 {name}",
                "检查文件名；自带的组成部分有 _shared.md、_plan_body.md、_ledger.md、_village.md",
            )
            return None
        src, tree = loaded
        if tree is None:  # its syntax error is reported with the file
            return None
        if include:
            self.check(src, tree, scope)
            return None
        if name not in self._modules:
            context = scope if getattr(node, "with_context", False) else self.context_scope()
            self._modules[name] = Module(src.shown, tuple(_top_level_names(tree.body)))
            self.check(src, tree, context)
        return self._modules[name]

    # --- statements -----------------------------------------------------------------------

    def body(self, statements: Iterable[nodes.Node], scope: Scope) -> None:
        for statement in statements:
            self.statement(statement, scope)

    def statement(self, node: nodes.Node, scope: Scope) -> None:
        handler = getattr(self, "_" + type(node).__name__, None)
        if handler is not None:
            handler(node, scope)
        elif isinstance(node, nodes.Expr):
            self.expr(node, scope)
        else:
            for child in node.iter_child_nodes():
                self.statement(child, scope)

    def _Output(self, node: nodes.Output, scope: Scope) -> None:
        for item in node.nodes:
            self.expr(item, scope)

    def _For(self, node: nodes.For, scope: Scope) -> None:
        items = self.expr(node.iter, scope)
        inner = Scope({"loop": LOOP}, scope)
        _bind(node.target, _item_of(items), inner)
        if node.test is not None:
            self.expr(node.test, inner)
        self.body(node.body, inner)
        self.body(node.else_, scope)

    def _If(self, node: nodes.If, scope: Scope) -> None:
        self.expr(node.test, scope)
        self.body(node.body, scope)
        for branch in node.elif_:
            self._If(branch, scope)
        self.body(node.else_, scope)

    def _Assign(self, node: nodes.Assign, scope: Scope) -> None:
        shape = self.expr(node.node, scope)
        if isinstance(node.target, nodes.NSRef):
            self.expr(nodes.Name(node.target.name, "load", lineno=node.lineno), scope)
            return
        _bind(node.target, shape, scope)

    def _AssignBlock(self, node: nodes.AssignBlock, scope: Scope) -> None:
        if node.filter is not None:
            self.expr(node.filter, scope)
        self.body(node.body, scope)
        _bind(node.target, Node(LEAF, "文字"), scope)

    def _Macro(self, node: nodes.Macro, scope: Scope) -> None:
        scope.names[node.name] = Macro(node, scope, self.src)
        for default in node.defaults:
            self.expr(default, scope)
        self._macro_body(node, scope, {})

    def _macro_body(self, node: nodes.Macro, scope: Scope, given: dict[str, Shape]) -> None:
        inner = Scope(dict.fromkeys([a.name for a in node.args] + list(_MACRO_NAMES)), scope)
        inner.names.update(given)
        self.body(node.body, inner)

    def _CallBlock(self, node: nodes.CallBlock, scope: Scope) -> None:
        self.expr(node.call, scope)
        inner = Scope(dict.fromkeys([a.name for a in node.args]), scope)
        for arg, shape in zip(node.args, self._caller_shapes(node.call, scope), strict=False):
            inner.names[arg.name] = shape
        self.body(node.body, inner)

    def _caller_shapes(self, call: nodes.Call, scope: Scope) -> list[Shape]:
        """What a macro of this template hands the body of ``{% call %}`` (``caller(项)``
        inside ``{% for 项 in 项目 %}``): the macro walked again with the shapes of the call's
        arguments; a position the macro's ``caller(…)`` calls disagree on is not known."""
        macro = self.expr(call.node, scope) if isinstance(call.node, nodes.Name) else None
        if not isinstance(macro, Macro) or macro.node in self._expanding:
            return []
        names = [a.name for a in macro.node.args]
        given: dict[str, Shape] = dict(zip(names, self._shapes(call.args, scope), strict=False))
        for keyword in call.kwargs:
            if keyword.key in names:
                given[keyword.key] = self.expr(keyword.value, scope)
        given["caller"] = recorder = _Caller()
        outer, self.src = self.src, macro.src
        self._expanding.append(macro.node)
        self._macro_body(macro.node, macro.scope, given)
        self._expanding.pop()
        self.src = outer
        return _agreed(recorder.calls)

    def _FilterBlock(self, node: nodes.FilterBlock, scope: Scope) -> None:
        self.expr(node.filter, scope)
        self.body(node.body, scope)

    def _With(self, node: nodes.With, scope: Scope) -> None:
        inner = Scope(parent=scope)
        for target, value in zip(node.targets, node.values, strict=True):
            _bind(target, self.expr(value, scope), inner)
        self.body(node.body, inner)

    def _Include(self, node: nodes.Include, scope: Scope) -> None:
        self._other(node, scope, include=True)

    def _Import(self, node: nodes.Import, scope: Scope) -> None:
        scope.names[node.target] = self._other(node, scope, include=False)

    def _FromImport(self, node: nodes.FromImport, scope: Scope) -> None:
        module = self._other(node, scope, include=False)
        for item in node.names:
            name, alias = item if isinstance(item, tuple) else (item, item)
            if module is not None and name not in module.names:
                self._unknown_in_module(node.lineno, module, name, name)
            scope.names[alias] = None

    # --- expressions ----------------------------------------------------------------------

    def expr(self, node: nodes.Node | None, scope: Scope) -> Shape:
        if node is None:
            return None
        handler = getattr(self, "_e" + type(node).__name__, None)
        if handler is not None:
            return handler(node, scope)
        for child in node.iter_child_nodes():
            self.expr(child, scope)
        return None

    def _eName(self, node: nodes.Name, scope: Scope) -> Shape:
        found, shape = scope.lookup(node.name)
        if found:
            if node.name in self.tree.roots and self._is_root(node.name, scope):
                self.used_roots.add(node.name)
                self.used_roots.update(self.tree.sources.get(node.name, ()))
            return shape
        choices = scope.visible()
        near = _nearest(node.name, choices)
        roots = "、".join(n for n in self.tree.roots)
        self.report(
            node.lineno,
            node.name,
            f"模板用到了数据中没有的【{node.name}】"
            + (f"，您是不是要写 {{{{ {near} }}}}？" if near else ""),
            f"可以直接取用的数据：{roots}；各项的名称见 docgen templates fields",
        )
        return None

    def _is_root(self, name: str, scope: Scope) -> bool:
        current: Scope | None = scope
        while current is not None and current.parent is not None:
            if name in current.names:
                return False
            current = current.parent
        return True

    def _eGetattr(self, node: nodes.Getattr, scope: Scope) -> Shape:
        return self.attribute(self.expr(node.node, scope), node.attr, node, scope)

    def _eGetitem(self, node: nodes.Getitem, scope: Scope) -> Shape:
        base = self.expr(node.node, scope)
        key = node.arg
        if isinstance(key, nodes.Const) and isinstance(key.value, str):
            return self.attribute(base, key.value, node, scope)
        self.expr(key, scope)
        if isinstance(base, Node) and base.kind == LIST and not isinstance(key, nodes.Slice):
            return base.item
        return base if isinstance(key, nodes.Slice) else None

    def _eFilter(self, node: nodes.Filter, scope: Scope) -> Shape:
        base = self.expr(node.node, scope)
        self._arguments(node, scope)
        if node.name not in self.filters:
            near = _nearest(node.name, self.filters)
            self.report(
                node.lineno,
                node.name,
                f"不认识的处理方法“| {node.name}”"
                + (f"，您是不是要写“| {near}”？" if near else ""),
                f"可用的处理方法：{'、'.join(self.shown_filters())}；"
                "说明见 docgen templates fields",
            )
            return None
        self._attribute_argument(node, base)
        if node.name in _SAME:
            return base
        if node.name in _ITEM:
            return _item_of(base)
        return None

    def _eTest(self, node: nodes.Test, scope: Scope) -> Shape:
        self.expr(node.node, scope)
        self._arguments(node, scope)
        if node.name not in self.tests:
            near = _nearest(node.name, self.tests)
            self.report(
                node.lineno,
                node.name,
                f"不认识的判断“is {node.name}”" + (f"，您是不是要写“is {near}”？" if near else ""),
                "常用的判断：is defined、is none、is number、is string、in",
            )
        return None

    def _eCall(self, node: nodes.Call, scope: Scope) -> Shape:
        callee = self.expr(node.node, scope)
        shapes = self._arguments(node, scope)
        if isinstance(callee, _Caller):
            callee.calls.append(shapes)
        return None

    def _eCondExpr(self, node: nodes.CondExpr, scope: Scope) -> Shape:
        self.expr(node.test, scope)
        first = self.expr(node.expr1, scope)
        second = self.expr(node.expr2, scope)
        if isinstance(first, Node) and isinstance(second, Node) and _alike(first, second):
            return first
        # ``指标 | list if 指标 else []``: an empty list stands in for the list
        for shape, other in ((first, node.expr2), (second, node.expr1)):
            if _is_list(shape) and isinstance(other, nodes.List) and not other.items:
                return shape
        return None

    def _eAdd(self, node: nodes.Add, scope: Scope) -> Shape:
        """Two lists of the same items joined (``任务分组.待办 + 任务分组.逾期``) are that list."""
        left, right = self.expr(node.left, scope), self.expr(node.right, scope)
        if _is_list(left) and _is_list(right):
            if right.item is None or _alike(left, right):
                return left
            if left.item is None:
                return right
        return None

    def _arguments(self, node: nodes.Filter | nodes.Test | nodes.Call, scope: Scope) -> list[Shape]:
        """Every argument checked; the shapes of the positional ones."""
        shapes = self._shapes(node.args, scope)
        for keyword in node.kwargs:
            self.expr(keyword.value, scope)
        self.expr(node.dyn_args, scope)
        self.expr(node.dyn_kwargs, scope)
        return shapes

    def _shapes(self, args: Iterable[nodes.Node], scope: Scope) -> list[Shape]:
        return [self.expr(arg, scope) for arg in args]

    # --- names under names ----------------------------------------------------------------

    def attribute(self, base: Shape, name: str, node: nodes.Node, scope: Scope) -> Shape:
        if name.startswith("_"):  # Python internals: the sandbox refuses them when rendering
            return None
        shown = _dotted(getattr(node, "node", None)) or "…"
        if isinstance(base, Module):
            if name not in base.names:
                self._unknown_in_module(node.lineno, base, name, shown)
            return None
        if isinstance(base, _Loop):
            if name not in LOOP_ATTRIBUTES:
                near = _nearest(name, LOOP_ATTRIBUTES)
                self.report(
                    node.lineno,
                    name,
                    f"loop 没有【{name}】"
                    + (f"，您是不是要写 {{{{ loop.{near} }}}}？" if near else ""),
                    "常用：loop.index（第几项，从1起）、loop.first（是否第一项）、"
                    "loop.last（是否最后一项）、loop.length（共几项）",
                )
            return None
        if not isinstance(base, Node):
            return None
        return self._field(base, name, node.lineno, shown)

    def _field(self, base: Node, name: str, line: int, shown: str) -> Shape:
        if base.kind == MAPPING:
            return Node(LEAF, "文字")
        if base.kind == GROUP:
            if name in base.children:
                return base.children[name]
            if name in _MAPPING_METHODS:
                return None
            near = _nearest(name, list(base.children))
            if name in RENAMED:  # a fact issue 14 renamed: name the new one, not a lookalike
                said = f"：【{name}】已改名，{RENAMED[name]}"
            else:
                said = f"，您是不是要写 {{{{ {shown}.{near} }}}}？" if near else ""
            self.report(
                line,
                name,
                f"【{shown}】下没有【{name}】{said}",
                f"【{shown}】下可用：{'、'.join(base.children)}",
            )
            return None
        if base.kind == LIST:
            item_names = base.names()
            example = f"{{% for 项 in {shown} %}}{{{{ 项.{name} }}}}{{% endfor %}}"
            self.report(
                line,
                name,
                f"【{shown}】是一组内容（列表），不能直接取【{name}】",
                f"逐项取用，如 {example}"
                + (f"；每项可用：{'、'.join(item_names)}" if item_names else ""),
            )
            return None
        if base.type_label.startswith("文字") and name not in _TEXT_METHODS:
            self.report(
                line,
                name,
                f"【{shown}】已经是一项具体内容，后面不能再接【.{name}】",
                f"删去“.{name}”",
            )
        return None

    def _attribute_argument(self, node: nodes.Filter, base: Shape) -> None:
        """``selectattr("目标")``: the field named in quotes must exist in the items."""
        item = _item_of(base)
        if node.name not in _ATTRIBUTE_ARGUMENT or not isinstance(item, Node):
            return
        named = [a for a in node.args[:1] if node.name in ("selectattr", "rejectattr")]
        named += [k.value for k in node.kwargs if k.key == "attribute"]
        for arg in named:
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                first = arg.value.split(".")[0]
                if item.kind == GROUP and first not in item.children:
                    near = _nearest(first, list(item.children))
                    self.report(
                        node.lineno,
                        first,
                        f"“{node.name}”要用的【{first}】不是每项都有的内容"
                        + (f"，您是不是要写“{near}”？" if near else ""),
                        f"每项可用：{'、'.join(item.children)}",
                    )

    def _unknown_in_module(self, line: int, module: Module, name: str, shown: str) -> None:
        near = _nearest(name, module.names)
        self.report(
            line,
            name,
            f"{module.file} 中没有定义【{name}】"
            + (f"，您是不是要写 {{{{ {shown}.{near} }}}}？" if near else ""),
            f"{module.file} 中定义了：{'、'.join(module.names)}",
        )

    def report(self, line: int, needle: str, message: str, hint: str) -> None:
        assert self.src is not None
        self.findings.append(self.src.at_line(line, needle, message, hint))


# --- helpers ------------------------------------------------------------------------------------


def _top_level_names(body: Iterable[nodes.Node]) -> list[str]:
    """Names a template sets or defines at its top level (an ``{% if %}`` is no scope)."""
    found: list[str] = []
    for node in body:
        if isinstance(node, nodes.Assign | nodes.AssignBlock):
            found.extend(_names_in(node.target))
        elif isinstance(node, nodes.Macro):
            found.append(node.name)
        elif isinstance(node, nodes.If):
            found.extend(_top_level_names([*node.body, *node.elif_, *node.else_]))
        elif isinstance(node, nodes.Import):
            found.append(node.target)
    return list(dict.fromkeys(found))


def _names_in(target: nodes.Node) -> list[str]:
    if isinstance(target, nodes.Name):
        return [target.name]
    return [n.name for n in target.find_all(nodes.Name)]


def _bind(target: nodes.Node, shape: Shape, scope: Scope) -> None:
    if isinstance(target, nodes.Name):
        scope.names[target.name] = shape
    else:
        for name in target.find_all(nodes.Name):
            scope.names[name.name] = None


def _item_of(shape: Shape) -> Shape:
    if isinstance(shape, Node) and shape.kind == LIST:
        return shape.item
    return None


def _is_list(shape: Shape) -> typing.TypeGuard[Node]:
    return isinstance(shape, Node) and shape.kind == LIST


def _agreed(calls: list[list[Shape]]) -> list[Shape]:
    """Per argument position, the shape every call gave (the same node, or alike nodes)."""
    if not calls:
        return []
    agreed: list[Shape] = []
    for shapes in zip(*calls, strict=False):
        first = shapes[0]
        same = all(s is first for s in shapes) or (
            isinstance(first, Node)
            and all(isinstance(s, Node) and _alike(first, s) for s in shapes)
        )
        agreed.append(first if same else None)
    return agreed


def _alike(first: Node, second: Node) -> bool:
    return first.kind == second.kind and first.names() == second.names()


def _dotted(node: nodes.Node | None) -> str | None:
    """``会议.讲话人`` for the expression that names it; None for anything computed."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _dotted(node.node)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        base = _dotted(node.node)
        return f"{base}.{node.arg.value}" if base else None
    return None


def _nearest(name: str, choices: Iterable[str]) -> str | None:
    """The closest name by characters in common (a slip of one character in 2–4)."""
    found = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.4)
    return found[0] if found else None
