"""Numbering sequences per level (一、 （一） 1. （1） 一是 一要) and announced item counts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...chinese import cn_number
from ..findings import Finding
from ..rule_input import RuleInput

_CN = "一二三四五六七八九十"
_LEVELS = [
    (1, re.compile(rf"\s*([{_CN}]+)、")),
    (2, re.compile(rf"\s*[（(]([{_CN}]+)[）)]")),
    (3, re.compile(r"\s*(?:附件：)?(\d{1,2})[.．、](?!\d)")),  # 附件：1.×× starts a list
    (4, re.compile(r"\s*[（(](\d{1,2})[）)]")),
]
# 一是 / 二要 opening a clause; not 三要素, 要点, 是否, 是非 (words that only start with 要/是)
_ORDINAL_WORD = re.compile(
    rf"(?:^|(?<=[，。；：！？、\s“（]))([{_CN}]+)(是|要)"
    r"(?![的否非素点件领害务地职案员义旨冲隘道闻塞])"
)
# 第三条 / 第二章: a new article or chapter starts its items afresh
_SECTION = re.compile(rf"\s*第[{_CN}百零〇\d]+[条章节编款部]")
# （一）至（三）项, （四）、（五）项: items referred to, not items listed
_REFERENCE = re.compile(r"\s*(?:至|到|、[（(]|和[（(]|或[（(])")
_ANNOUNCE = re.compile(rf"(?:以下|如下|下列|下面)([两{_CN}])(个方面|个重点|方面|项|点|条|件)")


def cn_value(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; None for anything else."""
    if not text or any(c not in _CN for c in text):
        return None
    if text == "两":
        return 2
    if "十" not in text:
        return _CN.index(text) + 1 if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    t = 1 if not tens else _CN.index(tens) + 1
    o = 0 if not ones else _CN.index(ones) + 1
    return t * 10 + o if len(tens) <= 1 and len(ones) <= 1 else None


def _label(level: int, n: int) -> str:
    return [f"{cn_number(n)}、", f"（{cn_number(n)}）", f"{n}.", f"（{n}）"][level - 1]


def marker(text: str) -> tuple[int, int, int, int] | None:
    """(level, number, start, end) of a heading number at the start of ``text``."""
    for level, pattern in _LEVELS:
        m = pattern.match(text)
        if m and not _REFERENCE.match(text, m.end()):
            raw = m.group(1)
            n = int(raw) if raw.isdigit() else cn_value(raw)
            if n:
                return level, n, m.start(1), m.end(1)
    return None


def sequences(ctx: RuleInput) -> Iterator[Finding]:
    """NB01: gaps and repeats; a higher level resets the lower ones, 1 may always restart.

    The first number of a text (or of an article, 第三条) may be any number: an excerpt or a
    list continued from elsewhere starts where it starts.
    """
    last: dict[int, int] = {}
    words: dict[str, int] = {}
    for i, unit in enumerate(ctx.units):
        if unit.kind in {"title", "subtitle", "cell"}:
            continue
        if _SECTION.match(unit.text):
            last.clear()
            words.clear()
        found = marker(unit.text)
        if found:
            if last:
                yield from _gap(ctx, i, found, last.get(found[0], 0))
            level, n = found[0], found[1]
            last[level] = n
            for deeper in [k for k in last if k > level]:
                del last[deeper]
            words.clear()
        yield from _ordinal_words(ctx, i, words)


def _gap(ctx: RuleInput, i: int, found: tuple[int, int, int, int], prev: int) -> Iterator[Finding]:
    level, n, s, e = found
    if n == 1 or n == prev + 1:
        return
    if n == prev:
        msg = f"序号“{_label(level, n)}”与上一个重复，应为“{_label(level, prev + 1)}”"
    else:
        before = f"上一个是“{_label(level, prev)}”" if prev else "前面没有同级序号"
        msg = f"序号不连续：{before}，此处应为“{_label(level, prev + 1)}”"
    right = cn_number(prev + 1) if level <= 2 else str(prev + 1)
    yield ctx.finding("NB01", i, s, e, msg, right)


def _ordinal_words(ctx: RuleInput, i: int, words: dict[str, int]) -> Iterator[Finding]:
    """一是 二是 … and 一要 二要 … inside paragraphs, counted per word."""
    text = ctx.units[i].text
    for m in _ORDINAL_WORD.finditer(text):
        n = cn_value(m.group(1))
        word = m.group(2)
        if not n or _slogan(text, m.start(), m.end()):
            continue
        prev = words.get(word, 0)
        if n != 1 and n != prev + 1 and prev:
            msg = f"“{cn_number(prev)}{word}”之后应为“{cn_number(prev + 1)}{word}”"
            yield ctx.finding("NB01", i, m.start(1), m.end(1), msg, cn_number(prev + 1))
        words[word] = n


_NOT_A_COUNT = re.compile(r"(?:或者|或|以上|及以上|至|到|中|之一)")


def _slogan(text: str, start: int, end: int) -> bool:
    """“三要三不要”, 五查五改: a numeral word naming a campaign, not an item number."""
    quoted = start > 0 and text[start - 1] == "“" and 0 < text.find("”", end) - start <= 10
    return quoted or bool(_NUMERAL_WORD.match(text, end))


# after 三要 / 一是: another numeral (三要三不要) or 不 makes it a numeral word, not an ordinal
_NUMERAL_WORD = re.compile(rf"[^，。；：！？、]{{0,2}}[{_CN}两][不是要]")


def announced(ctx: RuleInput) -> Iterator[Finding]:
    """NB02: "以下三项" followed by a different number of items."""
    for i, unit in enumerate(ctx.units):
        for m in _ANNOUNCE.finditer(unit.text):
            if _NOT_A_COUNT.match(unit.text, m.end()):
                continue  # 下列一项或者多项: a range, not a promise of a list
            said = cn_value(m.group(1)) if m.group(1) != "两" else 2
            count = _count_items(ctx, i, m.end())
            if said and count and count >= 2 and count != said:
                yield ctx.finding(
                    "NB02",
                    i,
                    m.start(1),
                    m.end(1),
                    f"此处说“{m.group(0)}”，后面实际列了{cn_number(count)}{_measure(m.group(2))}",
                    cn_number(count),
                )


def _count_items(ctx: RuleInput, i: int, after: int) -> int:
    rest = ctx.units[i].text[after:]
    inline = [cn_value(m.group(1)) for m in _ORDINAL_WORD.finditer(rest)]
    if inline and inline[0] == 1:
        return _run_length(inline)
    listed = [_item_number(m) for m in _INLINE_ITEM.finditer(rest)]
    if listed and listed[0] == 1:
        return _run_length(listed)
    following = [u for u in ctx.units[i + 1 :] if u.text.strip() and u.kind != "cell"]
    if not following:
        return 0
    first = marker(following[0].text)
    if first:
        level = first[0]
        numbers = []
        for unit in following:
            found = marker(unit.text)
            if found and found[0] < level:
                break
            if found and found[0] == level:
                if numbers and found[1] == 1:
                    break
                numbers.append(found[1])
        return len(numbers) if numbers and numbers[0] == 1 else 0
    m = _ORDINAL_WORD.match(following[0].text.lstrip())
    if m and cn_value(m.group(1)) == 1:
        numbers = []
        for unit in following:
            mm = _ORDINAL_WORD.match(unit.text.lstrip())
            if not mm or mm.group(2) != m.group(2):
                break
            numbers.append(cn_value(mm.group(1)) or 0)
        return _run_length(numbers)
    return 0


# 1.摸底；2.宣传 / （1）摸底;（2）宣传 / （一）甲；（二）乙 written inside one paragraph
_INLINE_ITEM = re.compile(
    rf"(?:^|(?<=[：:；;，,。\s]))(?:(\d{{1,2}})[.．、](?!\d)|[（(](\d{{1,2}}|[{_CN}]+)[）)])"
)


def _item_number(m: re.Match[str]) -> int | None:
    raw = m.group(1) or m.group(2)
    return int(raw) if raw.isdigit() else cn_value(raw)


def _run_length(numbers: list[int | None]) -> int:
    count = 0
    for n in numbers:
        if n == count + 1:
            count = n
        elif n == 1:
            break
    return count


def _measure(word: str) -> str:
    """The measure word of 项 / 个方面 / 点 for "实际列了四项"."""
    return "个" if word.startswith("个") else word[:1]
