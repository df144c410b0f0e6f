"""Check the templates of document kinds, all problems at once (``docgen templates check``).

Works on the templates a render would use (the office's own first, then the built-in
ones): syntax at the line where a construct opens, fields and filters against the field
tree, full-width braces, ``:::`` blocks, Markdown the writer cannot place, the data a kind
needs and the blocks its document cannot lose. ``docgen render`` runs the same check
(``errors_in_use``) whenever an office template is in play.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import jinja2
from jinja2 import meta, nodes
from jinja2.defaults import DEFAULT_FILTERS

from ..data.schema import KINDS, REQUIRED_SECTIONS
from ..errors import InputError, Problem
from ..render import make_environment
from ..textio import read_text
from . import syntax, text_checks
from .name_checks import NameChecker
from .source import Finding, Source
from .workspace import SUFFIX, builtin_folder, builtin_names, file_name, shown_name, strays

#: REQUIRED_SECTIONS names the situation file's keys; templates see the office as 单位.
_SECTION_ROOT = {"单位设置": "单位"}


class Templates:
    """The templates one environment finds, each read, parsed and text-checked once."""

    def __init__(self, override: Path | None) -> None:
        self.override = override
        self.env = make_environment(override)
        self._sources: dict[str, Source | None] = {}
        self._trees: dict[str, nodes.Template | None] = {}
        self.findings: dict[str, list[Finding]] = {}

    def source(self, name: str) -> Source | None:
        if name not in self._sources:
            try:
                text, filename, _ = self.env.loader.get_source(self.env, name)
            except jinja2.TemplateNotFound:
                self._sources[name] = None
            else:
                path = Path(filename)
                self._sources[name] = Source(name, shown_name(path, self.override), path, text)
        return self._sources[name]

    def tree(self, src: Source) -> nodes.Template | None:
        """The syntax tree, or None when the template does not parse (findings recorded)."""
        if src.name not in self._trees:
            found = list(text_checks.full_width_braces(src))
            scan = text_checks.scan_tags(src)
            found += scan.findings
            tree = None
            try:
                tree = self.env.parse(scan.repaired, src.name, str(src.path))
            except jinja2.TemplateSyntaxError as exc:
                # "ended too early" is the tag scan's finding, already placed where it opens
                if not (scan.findings and "end of template" in (exc.message or "").lower()):
                    message, hint = syntax.chinese(exc.message or "")
                    found.append(_syntax_finding(src, exc.lineno or 1, message, hint))
            found += text_checks.containers(src)
            found += text_checks.unsupported_markdown(src)
            found += text_checks.typed_numbers(src)
            found += text_checks.table_rows(src)
            found += text_checks.settings(src)
            self._trees[src.name] = tree
            self.findings[src.name] = found
        return self._trees[src.name]

    def load(self, name: str) -> tuple[Source, nodes.Template | None] | None:
        src = self.source(name)
        return None if src is None else (src, self.tree(src))


def check_kind(kind: str, templates: Templates) -> list[Finding]:
    """Everything wrong with the templates a render of ``kind`` would use."""
    main = templates.source(kind + SUFFIX)
    if main is None:
        return [Finding(kind + SUFFIX, 0, 0, "内置模板和工作区模板中都没有这个文件")]
    tree = templates.tree(main)
    family = family_of(main.name, templates)
    checker = _checker(templates)
    if tree is not None:
        checker.check(main, tree)
    found = list(checker.findings)
    if tree is not None:
        found += _choices_in_loops(main, tree)
    for name in family:
        found += templates.findings.get(name, [])
    parsed = all(templates.load(n) is None or templates.load(n)[1] for n in family)
    if parsed and not checker.missing:
        found += _unused_sections(kind, main, checker.used_roots)
    builtin = builtin_folder() / main.name
    if main.path.resolve() != builtin.resolve():
        model = Source(main.name, f"{main.name}（内置模板）", builtin, builtin.read_text("utf-8"))
        found += text_checks.kept_blocks(main, model)
    return found


_FOR_TAG = re.compile(r"\{%-?\s*for\b")


def _choices_in_loops(src: Source, tree: nodes.Template) -> list[Finding]:
    """A reminder for each ``择一(…)`` inside a ``{% for %}``: it picks one wording per
    document, so every round of the loop repeats the same words (docs/templates.md)."""
    found = []
    for loop in tree.find_all(nodes.For):
        for call in loop.find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name == "择一":
                text = src.lines[call.lineno - 1] if call.lineno <= len(src.lines) else ""
                opens = _FOR_TAG.search(text) if loop.lineno == call.lineno else None
                column = text.find("择一", opens.start() if opens else 0) + 1 or 1
                found.append(
                    Finding(
                        src.shown,
                        call.lineno,
                        column,
                        "循环里用了 择一(…)：它每份文件只选一种说法，循环的每一轮都会重复同一句",
                        "把它移到循环外面，或在循环里按 loop.index 换用不同的说法",
                        error=False,
                    )
                )
    return found


def _checker(templates: Templates) -> NameChecker:
    from .fields import field_tree  # the examples are read only when a check runs

    env = templates.env
    return NameChecker(
        field_tree(),
        env.filters,
        env.tests,
        env.globals,
        templates.load,
        shown_filters,
    )


def _unused_sections(kind: str, main: Source, used: set[str]) -> list[Finding]:
    found = []
    for section in REQUIRED_SECTIONS[kind]:
        if _SECTION_ROOT.get(section, section) not in used:
            found.append(
                Finding(
                    main.shown,
                    0,
                    0,
                    f"模板没有用到【{section}】：{KINDS[kind]}要用这部分数据，是否误删了相关的段落？",
                    hint=f"对照自带模板 {main.name} 恢复用到【{section}】的段落",
                    error=False,
                )
            )
    return found


def check(names: Iterable[str], override: Path | None) -> list[Finding]:
    """``docgen templates check [NAME…]``: the named kinds or parts, or everything in use."""
    names = list(names)
    templates = Templates(override)
    wanted = [file_name(n) for n in names] or builtin_names()
    found: list[Finding] = []
    for kind in KINDS:
        family = family_of(kind + SUFFIX, templates)
        if any(name in family for name in wanted):
            found += check_kind(kind, templates)
    if not names:
        found += [
            Finding(
                str(path),
                0,
                0,
                "这个文件不是任何文种的模板，生成时不会用到：文件名是否写错了？",
                hint="可用的文件名：" + "、".join(builtin_names()),
                error=False,
            )
            for path in strays(override)
        ]
    return _sorted(found)


def family_of(name: str, templates: Templates) -> list[str]:
    """``name`` and every template it includes or imports, recursively."""
    family = [name]
    for current in family:
        src = templates.source(current)
        tree = templates.tree(src) if src else None
        if tree is None:
            continue
        for other in meta.find_referenced_templates(tree):
            if other is not None and other not in family:
                family.append(other)
    return family


def errors_in_use(kind: str, override: Path | None) -> list[Problem]:
    """The errors ``check_kind`` finds, for ``docgen render``; nothing to do (and nothing
    read) while only the built-in templates are in use."""
    if override is None or not any(override.glob(f"*{SUFFIX}")):
        return []
    templates = Templates(override)
    in_override = [
        n
        for n in family_of(kind + SUFFIX, templates)
        if (src := templates.source(n)) and src.path.resolve().is_relative_to(override.resolve())
    ]
    if not in_override:
        return []
    return [f.problem() for f in _sorted(check_kind(kind, templates)) if f.error]


def raise_if_errors(kind: str, override: Path | None) -> None:
    problems = errors_in_use(kind, override)
    if problems:
        raise InputError(
            f"模板有误：{kind}{SUFFIX}",
            problems,
            "可先运行 docgen templates check 查看模板的全部问题。",
        )


@cache
def shown_filters() -> tuple[str, ...]:
    """docgen's own filters, then the Jinja ones the built-in templates use."""
    env = make_environment(None)
    own = [name for name in env.filters if name not in DEFAULT_FILTERS]
    used: list[str] = []
    for path in sorted(builtin_folder().glob(f"*{SUFFIX}")):
        tree = env.parse(read_text(path))
        used += [f.name for f in tree.find_all(nodes.Filter) if f.name in DEFAULT_FILTERS]
    return tuple(own + sorted(set(used)))


def _sorted(found: list[Finding]) -> list[Finding]:
    unique = list(dict.fromkeys(found))
    order = {f.file: i for i, f in reversed(list(enumerate(unique)))}
    return sorted(unique, key=lambda f: (order[f.file], f.line, f.column))


def _syntax_finding(src: Source, line: int, message: str, hint: str) -> Finding:
    """A syntax error placed on what the message quotes (“。”, “if”) inside the line's tags
    rather than on the line's first tag; Jinja gives the line only."""
    finding = src.at_line(line, "", message, hint)
    quoted = re.search(r"“([^”]{1,12})”", message)
    text = src.lines[line - 1] if 0 < line <= len(src.lines) else ""
    if quoted:
        for tag in _TAG_SPAN.finditer(text):
            at = tag.group().find(quoted.group(1))
            if at >= 0:
                return dataclasses.replace(finding, column=tag.start() + at + 1)
    return finding


#: A tag on a line: ``{{ … }}`` or ``{% … %}``, or one left open to the line's end.
_TAG_SPAN = re.compile(r"\{[{%].*?(?:[}%]\}|$)")
