"""Where the bundled templates, examples and corpora are, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def builtin_dir(name: str) -> Path:
    """``templates``, ``examples`` or ``corpora``: inside the wheel, else the repository's own."""
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name
