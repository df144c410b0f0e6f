"""Run every rule family over a list of units and apply an office's configuration."""

from __future__ import annotations

from collections.abc import Sequence

from . import dating
from .config import CheckConfig
from .findings import Finding
from .lexicons import load as load_lexicons
from .rule_input import RuleInput
from .rules import ALL_RULES
from .units import Unit


def run(units: Sequence[Unit], config: CheckConfig | None = None) -> list[Finding]:
    """All findings over ``units``, sorted by place, duplicates of one place and code removed."""
    config = config or CheckConfig()
    if config.as_of is None:  # outdated terms are judged by the document's own date
        config = dating.with_date(config, dating.text_date(units))
    ctx = RuleInput(units, load_lexicons(config.corpora_dirs), config)
    seen: set[tuple[str, int, int, int]] = set()
    out: list[Finding] = []
    for rule in ALL_RULES:
        for f in rule(ctx):
            key = (f.code, f.unit, f.start, f.end)
            if config.is_on(f.code) and key not in seen and not _skipped(units[f.unit], f):
                seen.add(key)
                out.append(f)
    out.sort(key=lambda f: (f.unit, f.start, f.code))
    return _without_repeats(out)


def _without_repeats(findings: list[Finding]) -> list[Finding]:
    """Drop a spelling-model finding where a word-list rule already reports the same text."""
    listed: dict[int, list[tuple[int, int]]] = {}
    for f in findings:
        if not f.code.startswith("SP"):
            listed.setdefault(f.unit, []).append((f.start, f.end))
    return [
        f
        for f in findings
        if not f.code.startswith("SP")
        or not any(f.start < e and s < f.end for s, e in listed.get(f.unit, ()))
    ]


def prepare(units: Sequence[Unit], config: CheckConfig) -> None:
    """Score ``units`` with the spelling model ahead of ``run`` (see check.score_ahead)."""
    from .rules.spelling import score_ahead

    score_ahead(RuleInput(units, load_lexicons(config.corpora_dirs), config))


def _skipped(unit: Unit, f: Finding) -> bool:
    return any(f.start < e and s < f.end for s, e in unit.skip)
