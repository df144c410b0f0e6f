"""Traditional (TS01) and variant (TS02) characters left in simplified text.

Only characters outside the 8105 of 《通用规范汉字表》 are suspects, so 乾隆, 瞭望, 藉口 and the
31 variants the table made standard (喆, 堃, 淼) pass. A suspect is a variant character if the
table lists it (corpora/variant_chars.tsv), else traditional if OpenCC's phrase tables convert
it (頭髮 → 头发); anything else (a rare character of a name) is left alone. Titles in 《》 and
the words of keep_as_written.txt are not checked. OpenCC loads only when a suspect is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..rule_input import RuleInput

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_TITLE = re.compile(r"《[^《》]*》")
_MANY = 5  # more traditional words than this in one unit: one finding for the whole run


def script(ctx: RuleInput) -> Iterator[Finding]:
    standard = ctx.lex.standard_chars
    if not standard:
        return
    everywhere = set().union(*(unit.text for unit in ctx.units)) - standard
    if not any(_HAN.match(c) for c in everywhere):  # the usual case: one look at the whole text
        return
    for i, unit in enumerate(ctx.units):
        suspects = {c for c in set(unit.text) - standard if _HAN.match(c)}
        if suspects:
            yield from _unit(ctx, i, suspects)


def _unit(ctx: RuleInput, i: int, suspects: set[str]) -> Iterator[Finding]:
    text = ctx.units[i].text
    kept = _kept(text, ctx.lex.keep)
    variants = ctx.lex.variant_chars
    marked = [p for p, ch in enumerate(text) if ch in suspects and ch in variants and p not in kept]
    runs = _traditional_runs(text, suspects - set(variants), kept | set(marked))
    if len(runs) + len(marked) > _MANY:  # a traditional passage: one finding, converted whole
        yield _passage(ctx, i, runs, marked)
        return
    for pos in marked:
        right = variants[text[pos]]
        yield ctx.finding(
            "TS02", i, pos, pos + 1, f"“{text[pos]}”是异体字，规范字为“{right}”", right
        )
    for s, e, simple in runs:
        yield ctx.finding(
            "TS01", i, s, e, f"“{text[s:e]}”是繁体字，简化字文本应写作“{simple}”", simple
        )


def _passage(
    ctx: RuleInput, i: int, runs: list[tuple[int, int, str]], marked: list[int]
) -> Finding:
    text = ctx.units[i].text
    start = min([s for s, _, _ in runs] + marked)
    end = max([e for _, e, _ in runs] + [p + 1 for p in marked])
    right = list(_simplified(text)[start:end])
    for p in marked:
        right[p - start] = ctx.lex.variant_chars[text[p]]
    return ctx.finding(
        "TS01", i, start, end, "这段文字有多处繁体字或异体字，应改为简化字", "".join(right)
    )


def _traditional_runs(text: str, suspects: set[str], skip: set[int]) -> list[tuple[int, int, str]]:
    """Spans OpenCC converts, once one of them holds a suspect (於 then counts beside 請)."""
    if not suspects:
        return []
    simple = _simplified(text)
    if len(simple) != len(text):
        return []
    runs = _runs(p for p in range(len(text)) if text[p] != simple[p] and p not in skip)
    if not any(text[p] in suspects for s, e in runs for p in range(s, e)):
        return []
    return [(s, e, simple[s:e]) for s, e in runs]


def _simplified(text: str) -> str:
    from ...corpus.script import to_simplified

    return to_simplified(text)


def _runs(positions: Iterator[int]) -> list[tuple[int, int]]:
    """Adjacent positions joined into [start, end) spans."""
    spans: list[tuple[int, int]] = []
    for p in positions:
        if spans and spans[-1][1] == p:
            spans[-1] = (spans[-1][0], p + 1)
        else:
            spans.append((p, p + 1))
    return spans


def _kept(text: str, keep: list[str]) -> set[int]:
    """Positions inside 《titles》 or inside a word kept as written (names)."""
    spans = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
    for word in keep:
        start = text.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = text.find(word, start + 1)
    return {p for s, e in spans for p in range(s, e)}
