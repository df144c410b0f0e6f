"""Language and terminology checks for official documents (see docs/checks.md).

``check_document`` runs before every render; ``check_text`` checks plain text line by line.
jieba is loaded only when a rule needs word boundaries (docgen.check.tokenizer).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from .config import CheckConfig
from .findings import RULES, Finding, RuleInfo, Severity
from .units import Unit, from_document, from_lines

__all__ = [
    "RULES",
    "CheckConfig",
    "Finding",
    "RuleInfo",
    "Severity",
    "Unit",
    "check_document",
    "check_text",
    "check_units",
    "load_ahead",
]


def _config(config: CheckConfig | Mapping[str, Any] | None, **overrides: Any) -> CheckConfig:
    base = config if isinstance(config, CheckConfig) else CheckConfig.from_dict(config)
    if overrides:
        from dataclasses import replace

        base = replace(base, **{k: v for k, v in overrides.items() if v})
    return base


def check_units(
    units: list[Unit], config: CheckConfig | Mapping[str, Any] | None = None
) -> list[Finding]:
    """Findings over prepared units (lines of a file, cells of a table …)."""
    from .engine import run

    return run(units, _config(config))


def check_document(
    doc: Document, *, kind: str, config: CheckConfig | Mapping[str, Any] | None = None
) -> list[Finding]:
    """Findings located by ``block`` (index in doc.blocks), ``cell`` and ``start``/``end``.

    Offsets are in the block's checked text: label + text for a heading, lead + text for a
    paragraph with a lead, the cell's text for a table (``cell`` = (row, column), header row 0).
    """
    return check_units(from_document(doc), _config(config, kind=kind))


def score_ahead(
    docs: list[Document], *, kind: str, config: CheckConfig | Mapping[str, Any] | None = None
) -> None:
    """Prepare the checks of several documents at once, so that ``check_document`` on each
    then finds the slow part (the spelling model) done: one pass for many documents."""
    from .engine import prepare

    units = [unit for doc in docs for unit in from_document(doc)]
    prepare(units, _config(config, kind=kind))


def check_text(text: str, config: CheckConfig | Mapping[str, Any] | None = None) -> list[Finding]:
    """Findings in plain text; ``block`` is the 0-based line, ``start``/``end`` in that line."""
    return check_units(from_lines(text), config)


def load_ahead(config: CheckConfig | Mapping[str, Any] | None = None) -> None:
    """Load now what the checks read (word lists, jieba's dictionary and tags, the spelling
    model), not at the first document that needs it: a batch does this before its workers
    fork, so they share one copy instead of each loading its own (most of a second each)."""
    from . import tokenizer

    check_text("的", config)  # the word lists, and the spelling model where it is on
    tokenizer.pos_tokens("的")  # jieba's dictionary and its word tags
