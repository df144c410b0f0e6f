"""Third-party packages imported without an optional package they would load for nothing."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType


def import_without(name: str, unused: str) -> ModuleType:
    """``import name`` as if ``unused`` were not installed, unless either is loaded already
    (then ``name`` is imported as usual).

    For a package that imports ``unused`` at its own import only to offer what docgen never
    asks of it: openpyxl loads numpy to recognise numpy's numbers in cells it writes, jieba
    loads pkg_resources to open its dictionary (it opens it directly without).
    """
    if name not in sys.modules and unused not in sys.modules:
        sys.modules[unused] = None  # type: ignore[assignment]  # `import unused` fails
        try:
            return importlib.import_module(name)
        finally:
            del sys.modules[unused]
    return importlib.import_module(name)
