"""What docs/保障.md promises is what the code does: its limits, and no network access."""

from __future__ import annotations

import ast
from pathlib import Path

from docgen import limits

ROOT = Path(__file__).resolve().parents[1]
PROMISES = (ROOT / "docs" / "保障.md").read_text(encoding="utf-8")
#: Modules that reach a network: none may be imported by docgen.
NETWORK = {"socket", "ssl", "http", "urllib", "requests", "httpx", "ftplib", "smtplib", "aiohttp"}


def test_every_limit_is_written_in_the_guarantees() -> None:
    found = [v for v in vars(limits).values() if isinstance(v, limits.Limit)]
    assert len(found) >= 10
    for limit in found:
        assert limit.shown() in PROMISES, limit.shown()


def test_docgen_never_imports_a_network_module() -> None:
    imported = set()
    for path in (ROOT / "src" / "docgen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {(a.name.split(".")[0], path.name) for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add((node.module.split(".")[0], path.name))
    assert not {(m, f) for m, f in imported if m in NETWORK}
