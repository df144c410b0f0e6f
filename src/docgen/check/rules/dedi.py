"""的/地/得 by word lists only (adverbial adjective + 的 + action verb; verb + 的 + degree)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..lexicons import Lexicons
from ..rule_input import RuleInput


def _patterns(lex: Lexicons) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    cached = getattr(lex, "_dedi_patterns", None)
    if cached is None:

        def alt(key: str) -> str:
            words = sorted(set(lex.dedi.get(key, [])), key=len, reverse=True)
            return "|".join(map(re.escape, words))

        adv, verbs, de_verbs, degree = (
            alt("状语形容词"),
            alt("动作动词"),
            alt("补语前动词"),
            alt("程度副词"),
        )
        di = re.compile(f"({adv})的({verbs})") if adv and verbs else None
        de = re.compile(f"({de_verbs})的({degree})") if de_verbs and degree else None
        cached = (di, de)
        lex._dedi_patterns = cached  # type: ignore[attr-defined]
    return cached


def dedi(ctx: RuleInput) -> Iterator[Finding]:
    di, de = _patterns(ctx.lex)
    for i, unit in enumerate(ctx.units):
        text = unit.text
        if "的" not in text:
            continue
        if di:
            for m in di.finditer(text):
                if ctx.on_boundaries(i, m.start(1), m.end(1)) and ctx.on_boundaries(
                    i, m.start(2), m.end(2)
                ):
                    yield ctx.finding(
                        "DE01",
                        i,
                        m.start(1),
                        m.end(2),
                        f"“{m.group(1)}”修饰动词“{m.group(2)}”，宜用“地”",
                        f"{m.group(1)}地{m.group(2)}",
                    )
        if de:
            for m in de.finditer(text):
                if ctx.on_boundaries(i, m.start(1), m.end(1)):
                    yield ctx.finding(
                        "DE02",
                        i,
                        m.start(1),
                        m.end(2),
                        f"动词“{m.group(1)}”后接程度补语，宜用“得”",
                        f"{m.group(1)}得{m.group(2)}",
                    )
