"""The design's rules on imports and raw XML hold for every module (docs/architecture.md)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "docgen"

#: Where each third-party library may be imported (a module, or a package and all below it),
#: as docs/architecture.md lists them.
PLACES = {
    "click": ("docgen.cli", "docgen.clickzh", "docgen.commands", "docgen.errors"),
    "docx": ("docgen.word",),
    "jieba": ("docgen.check.tokenizer",),
    "jinja2": ("docgen.render", "docgen.template_tools.lint", "docgen.template_tools.name_checks"),
    "lxml": ("docgen.word.ooxml",),
    "markdown_it": ("docgen.parse",),
    "mdit_py_plugins": ("docgen.parse",),
    "numpy": ("docgen.check.spelling",),
    "opencc": ("docgen.corpus.script",),
    "openpyxl": ("docgen.villages.xlsx",),
    "pydantic": ("docgen.data.schema",),
    "pydantic_core": ("docgen.data.schema",),
    "yaml": ("docgen.data.yamlread",),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.AST) -> list[str]:
    """Top-level names of the absolute imports a module makes when it runs (type-checking
    imports left out: they never run)."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.extend(alias.name.split(".")[0] for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and not child.level and child.module:
                found.append(child.module.split(".")[0])
            visit(child)

    visit(tree)
    return found


def _modules() -> dict[str, ast.AST]:
    return {
        _module_name(path): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _third_party(modules: dict[str, ast.AST]) -> dict[str, set[str]]:
    users: dict[str, set[str]] = {}
    for name, tree in modules.items():
        for top in _imports(tree):
            if top != "docgen" and top not in sys.stdlib_module_names:
                users.setdefault(top, set()).add(name)
    return users


def _inside(module: str, place: str) -> bool:
    return module == place or module.startswith(place + ".")


def test_each_third_party_library_is_imported_only_in_its_place() -> None:
    users = _third_party(_modules())
    assert set(users) == set(PLACES), "a library to add to PLACES and docs/architecture.md"
    strays = {
        library: sorted(m for m in modules if not any(_inside(m, p) for p in PLACES[library]))
        for library, modules in users.items()
    }
    assert {library: found for library, found in strays.items() if found} == {}


def test_every_imported_library_is_declared_with_a_version_floor() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {}
    for requirement in project["project"]["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.\-]+", requirement).group(0)
        declared[re.sub(r"[-_.]+", "-", name).lower()] = requirement
    distributions = packages_distributions()
    for library in _third_party(_modules()):
        names = {re.sub(r"[-_.]+", "-", d).lower() for d in distributions.get(library, [])}
        assert names & set(declared), f"{library} is imported but not declared"
        for name in names & set(declared):
            assert ">=" in declared[name], f"{declared[name]}: no version floor"


_RAW_XML = re.compile(r"</?w:[A-Za-z]|xmlns[:=]")


def _strings_outside_docstrings(tree: ast.AST) -> list[tuple[int, str]]:
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_raw_word_xml_is_written_only_in_the_ooxml_module() -> None:
    found = [
        f"{name}:{line}: {text[:40]!r}"
        for name, tree in _modules().items()
        if name != "docgen.word.ooxml"
        for line, text in _strings_outside_docstrings(tree)
        if _RAW_XML.search(text)
    ]
    assert found == []


def test_the_scans_see_a_planted_stray_import_and_raw_xml() -> None:
    # the scans themselves: a planted stray import, an undeclared library and raw XML are seen
    planted = ast.parse(
        "import jieba\nfrom yaml import safe_load\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import numpy\n"
        "def f():\n    import openpyxl\n    return '<w:p/>'\n"
    )
    assert _imports(planted) == ["jieba", "yaml", "typing", "openpyxl"]
    users = _third_party({"docgen.facts.village": planted})
    assert users == {name: {"docgen.facts.village"} for name in ("jieba", "yaml", "openpyxl")}
    assert [text for _, text in _strings_outside_docstrings(planted)] == ["<w:p/>"]


def _module_level_imports(name: str, tree: ast.Module, known: set[str], package: bool) -> set[str]:
    """docgen modules that ``name`` imports when it is imported (not inside a function, not
    for type checking)."""
    found: set[str] = set()
    here = name.split(".") if package else name.split(".")[:-1]

    def nearest(module: str) -> str | None:
        while module and module not in known:
            module = module.rpartition(".")[0]
        return module or None

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            targets: list[str] = []
            if isinstance(child, ast.Import):
                targets = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parent = here[: len(here) - child.level + 1]
                    base = ".".join(parent + ([child.module] if child.module else []))
                targets = [base] + [f"{base}.{alias.name}" for alias in child.names]
            for target in targets:
                module = nearest(target) if target.startswith("docgen") else None
                if module and module != name:
                    found.add(module)
            visit(child)

    visit(tree)
    return found


def test_no_two_modules_import_each_other_even_through_others() -> None:
    paths = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    modules = _modules()
    graph = {
        name: _module_level_imports(name, tree, set(modules), paths[name].name == "__init__.py")
        for name, tree in modules.items()
    }
    reach: dict[str, set[str]] = {}

    def reachable(start: str) -> set[str]:
        if start not in reach:
            seen, todo = set(), list(graph[start])
            while todo:
                module = todo.pop()
                if module not in seen:
                    seen.add(module)
                    todo.extend(graph[module])
            reach[start] = seen
        return reach[start]

    assert graph["docgen.pipeline"], "the scan found no imports: it is broken"
    assert sorted(name for name in graph if name in reachable(name)) == []
