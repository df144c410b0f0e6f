"""List-driven families: fixed expressions, typos, variants, outdated terms, office glossary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..findings import Finding, Severity
from ..lexicons import Banned, Discouraged, Fixed, Lexicons, Outdated, Typo, Usage, Variant
from ..matcher import PhraseIndex
from ..rule_input import RuleInput

_Payload = Typo | Usage | Fixed | Variant | Outdated | Discouraged | Banned | str


def _index(lex: Lexicons) -> PhraseIndex[Any]:
    """One index over every listed form; correct forms are indexed as shields ("ok")."""
    cached = getattr(lex, "_phrase_index", None)
    if cached is None:
        items: list[tuple[str, _Payload]] = []
        items += [(t.wrong, t) for t in lex.typos]
        items += [(t.right, "ok") for t in lex.typos]
        items += [(ok, "ok") for t in lex.typos for ok in t.exceptions]
        items += [(u.wrong, u) for u in lex.usage]
        items += [(u.right, "ok") for u in lex.usage]
        items += [(ok, "ok") for u in lex.usage for ok in u.exceptions]
        items += [(f.wrong, f) for f in lex.fixed]
        items += [(f.right, "ok") for f in lex.fixed]
        items += [(v.form, v) for v in lex.variants]
        items += [(o.term, o) for o in lex.outdated]
        items += [(d.form, d) for d in lex.discouraged]
        items += [(b.word, b) for b in lex.banned]
        cached = PhraseIndex(items)
        lex._phrase_index = cached  # type: ignore[attr-defined]
    return cached


def lexical(ctx: RuleInput) -> Iterator[Finding]:
    index = _index(ctx.lex)
    as_of = ctx.config.date()
    joined: list[str] = []

    def whole() -> str:
        if not joined:
            joined.append("\n".join(u.text for u in ctx.units))
        return joined[0]

    for i, unit in enumerate(ctx.units):
        hits = list(index.scan(unit.text))
        if not hits:
            continue
        shields = [(s, e) for s, e, p in hits if p == "ok"]
        taken: list[tuple[int, int]] = []  # spans already reported (longest first per start)

        def shielded(s: int, e: int, shields: list[tuple[int, int]] = shields) -> bool:
            return any(a <= s and e <= b and (b - a) > (e - s) for a, b in shields)

        def overlaps(s: int, e: int, taken: list[tuple[int, int]] = taken) -> bool:
            return any(s < b and a < e for a, b in taken)

        for s, e, p in hits:
            if p == "ok":
                continue
            if isinstance(p, Fixed):
                if (not p.in_quotes and ctx.quoted(i, s, e)) or overlaps(s, e):
                    continue
                taken.append((s, e))
                yield ctx.finding("FX01", i, s, e, f"规范表述应为“{p.right}”", p.right)
            elif isinstance(p, Typo):
                if overlaps(s, e) or shielded(s, e):
                    continue
                if not p.raw and not ctx.on_boundaries(i, s, e):
                    continue
                taken.append((s, e))
                note = f"（{p.note}）" if p.note else ""
                yield ctx.finding(
                    "TY01", i, s, e, f"“{p.wrong}”是错别字，应为“{p.right}”{note}", p.right
                )
            elif isinstance(p, Usage):
                if overlaps(s, e) or shielded(s, e) or not ctx.on_boundaries(i, s, e):
                    continue
                taken.append((s, e))
                note = f"；{p.note}" if p.note else ""
                yield ctx.finding(
                    "US02" if p.hint else "US01",
                    i,
                    s,
                    e,
                    f"公文用“{p.right}”，不用“{p.wrong}”（{p.source}）{note}",
                    p.right,
                )
            elif isinstance(p, Variant):
                # four-character forms are idioms, which jieba cuts apart: matched as written
                if overlaps(s, e) or (e - s < 4 and not ctx.on_boundaries(i, s, e)):
                    continue
                if not p.pair:
                    taken.append((s, e))
                    yield ctx.finding(
                        "VA01",
                        i,
                        s,
                        e,
                        f"“{p.form}”是非推荐词形，推荐用“{p.recommended}”",
                        p.recommended,
                    )
                    continue
                if p.recommended in whole():  # both forms in one text: keep the recommended
                    taken.append((s, e))
                    yield ctx.finding(
                        "VA02",
                        i,
                        s,
                        e,
                        f"本文也用了“{p.recommended}”，全文应统一用推荐词形“{p.recommended}”",
                        p.recommended,
                    )
            elif isinstance(p, Outdated):
                if p.valid_on(as_of) or overlaps(s, e) or not ctx.on_boundaries(i, s, e):
                    continue
                taken.append((s, e))
                yield _outdated(ctx, i, s, e, p, as_of)
            elif isinstance(p, Discouraged):
                if ctx.quoted(i, s, e) or not ctx.on_boundaries(i, s, e):
                    continue
                note = f"（{p.note}）" if p.note else ""
                yield ctx.finding(
                    "GL01",
                    i,
                    s,
                    e,
                    f"本单位用语：不用“{p.form}”，用“{p.preferred}”{note}",
                    p.preferred,
                )
            elif isinstance(p, Banned):
                if not ctx.on_boundaries(i, s, e):
                    continue
                reason = f"（{p.reason}）" if p.reason else ""
                yield ctx.finding("GL02", i, s, e, f"“{p.word}”是禁用词{reason}，请删改", None)


def _outdated(ctx: RuleInput, i: int, s: int, e: int, p: Outdated, as_of: dt.date) -> Finding:
    """OT01/OT02 with the term's window and the date the document was judged by.

    Without any date of its own the document is judged as of today, and a finding is only a
    hint: an old document checked today must not be told its terms are wrong.
    """
    what = "时期已过" if p.period else "已不再使用"
    note = f"；{p.note}" if p.note else ""
    window = ""
    if p.valid_from:
        window = f"，适用于{_day(p.valid_from)}至{_day(p.since - dt.timedelta(days=1))}"
    undated = ctx.config.as_of is None
    when = "未找到文档日期，按今天" if undated else "本文日期为"
    found = ctx.finding(
        "OT02" if p.period else "OT01",
        i,
        s,
        e,
        f"“{p.term.strip('“”')}”自{_day(p.since)}起{what}（{p.source}{window}），{when}{_day(as_of)}{note}，"
        "请复核；引述历史时可保留",
        p.suggest or None,
    )
    return found.with_severity(Severity.HINT) if undated else found


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def required_terms(ctx: RuleInput) -> Iterator[Finding]:
    """GL03: terms an office requires in every document of a kind."""
    kind = ctx.config.kind
    if not kind or not ctx.units:
        return
    whole = "\n".join(u.text for u in ctx.units)
    first = next((i for i, u in enumerate(ctx.units) if u.text), None)
    if first is None:
        return
    for term in ctx.lex.required.get(kind, []):
        if term not in whole:
            yield ctx.finding(
                "GL03",
                first,
                0,
                1,
                f"本单位要求{kind}中写明“{term}”，全文未找到",
                term,
            )
