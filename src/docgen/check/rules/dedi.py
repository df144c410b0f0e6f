"""的/地/得: word-list rules (DE01, DE02) and part-of-speech rules (DE03–DE06, dedi_pos.py).

Where two rules report the same words, the surer one is kept: a warning before a list hint
before a part-of-speech hint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..lexicons import Lexicons
from ..rule_input import RuleInput
from .dedi_pos import Hit, pos_hits

_PRIORITY = {"DE03": 0, "DE05": 0, "DE01": 1, "DE02": 1, "DE04": 2, "DE06": 2}


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
    adverbials = set(ctx.lex.dedi.get("状语形容词", []))
    de_verbs = set(ctx.lex.dedi.get("补语前动词", []))
    pos_on = any(ctx.on(code) for code in ("DE03", "DE04", "DE05", "DE06"))
    for i, unit in enumerate(ctx.units):
        if not any(ch in unit.text for ch in "的地得"):
            continue
        hits = list(_list_hits(ctx, i))
        if pos_on:
            hits += pos_hits(ctx, i, adverbials, de_verbs)
        taken: list[tuple[int, int]] = []
        for hit in sorted(hits, key=lambda h: (_PRIORITY[h.code], h.start)):
            if any(hit.start < e and s < hit.end for s, e in taken):
                continue
            taken.append((hit.start, hit.end))
            yield ctx.finding(hit.code, i, hit.start, hit.end, hit.message, hit.suggestion)


def _list_hits(ctx: RuleInput, i: int) -> Iterator[Hit]:
    """DE01/DE02: listed adverbial + 的 + listed verb; listed verb + 的 + degree adverb."""
    di, de = _patterns(ctx.lex)
    text = ctx.units[i].text
    if "的" not in text:
        return
    if di:
        for m in di.finditer(text):
            if ctx.on_boundaries(i, m.start(1), m.end(1)) and ctx.on_boundaries(
                i, m.start(2), m.end(2)
            ):
                yield Hit(
                    "DE01",
                    m.start(1),
                    m.end(2),
                    f"“{m.group(1)}”修饰动词“{m.group(2)}”，宜用“地”",
                    f"{m.group(1)}地{m.group(2)}",
                )
    if de:
        for m in de.finditer(text):
            if text[m.end() : m.end() + 1] in {"多", "少"}:
                continue  # 做的很多工作: 很多 counts the work, it is no complement
            if ctx.on_boundaries(i, m.start(1), m.end(1)):
                yield Hit(
                    "DE02",
                    m.start(1),
                    m.end(2),
                    f"动词“{m.group(1)}”后接程度补语，宜用“得”",
                    f"{m.group(1)}得{m.group(2)}",
                )
