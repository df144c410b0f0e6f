"""Confusable characters ranked by the spelling model, and fixed phrases with one wrong.

The model (numpy, a memory-mapped file) is loaded only when one of SP01–SP03 is on, so
``docgen --help`` and checks with the spelling family off cost nothing extra.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from ...errors import InputError, Problem
from ...textmatch import trie_pattern
from ..findings import Finding
from ..lexicons import bundled_dir
from ..rule_input import RuleInput

CODES = ("SP01", "SP02", "SP03")


def spelling(ctx: RuleInput) -> Iterator[Finding]:
    codes = frozenset(c for c in CODES if ctx.on(c))
    if not codes or not ctx.units:
        return
    texts = [unit.text for unit in ctx.units]
    terms = _own_terms(texts)
    for hit in _find(texts, ctx):
        if hit.soft and _in_term(texts[hit.index], hit.start, hit.end, terms):
            continue
        yield ctx.finding(hit.code, hit.index, hit.start, hit.end, hit.message, hit.suggestion)


#: A short term the text puts in quotation marks: “明厨亮灶”, “五查五改”, “互联网+政务服务”.
_QUOTED_TERM = re.compile(r"“([^“”，。；：！？、\s]{2,10})”")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def _own_terms(texts: list[str]) -> re.Pattern[str] | None:
    """The terms a document introduces in quotation marks, as one pattern.

    Such a term is the document's own name for a campaign, a slogan or a system; the
    model, trained on other texts, has often never seen it (明厨亮灶 looks like 明厨亮灯).
    """
    quoted = {m.group(1) for text in texts for m in _QUOTED_TERM.finditer(text)}
    terms = quoted | {run for term in quoted for run in _CJK_RUN.findall(term)}  # 互联网+明厨亮灶
    if not terms:
        return None
    return re.compile(trie_pattern(sorted(terms)))


def _in_term(text: str, start: int, end: int, terms: re.Pattern[str] | None) -> bool:
    """Whether [start, end) overlaps one of the document's own terms, quoted or not."""
    if terms is None:
        return False
    return any(m.start() < end and start < m.end() for m in terms.finditer(text))


def _find(texts: list[str], ctx: RuleInput) -> list:
    from ..spelling import checker

    codes = frozenset(c for c in CODES if ctx.on(c))
    protected = [word for word, _, _ in ctx.lex.domain_words()] + list(ctx.config.names)
    glossary = _glossary(ctx.config.corpora_dirs)
    return checker.find(texts, glossary, protected, codes)


def score_ahead(ctx: RuleInput) -> None:
    """Score the units now, all in one pass of the model (its cost is mostly per pass): the
    rule then finds every text's hits remembered. A batch calls this for a chunk of
    documents at once."""
    if any(ctx.on(c) for c in CODES) and ctx.units:
        _find([unit.text for unit in ctx.units], ctx)


@functools.lru_cache(maxsize=8)
def _glossary(extra_dirs: tuple[Path, ...]) -> tuple[str, ...]:
    """The bundled fixed-phrase glossary merged with an office's own."""
    from ..spelling.phrases import read_glossary

    problems: list[Problem] = []
    phrases: list[str] = []
    for folder in (bundled_dir(), *extra_dirs):
        phrases.extend(read_glossary(folder, problems))
    if problems:
        raise InputError("检查用词表有误", problems)
    return tuple(dict.fromkeys(phrases))
