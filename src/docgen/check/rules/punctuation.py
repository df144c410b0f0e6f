"""Punctuation per GB/T 15834-2011 and ordinal marks per GB/T 9704-2012."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..rule_input import RuleInput

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_MARKS = set("，。、；：？！“”‘’（）《》〈〉【】〔〕…—")
_HALF = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_URLISH = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[A-Za-z0-9-]+)*\.(?:cn|com|net|org|gov|edu)\b",
    re.ASCII,
)
_CN_NUM = "一二三四五六七八九十"
# "；2.住房" "，(3)就业": an item number inside a paragraph keeps its dot (GB/T 9704-2012 7.3.3)
_INLINE_ORDINAL = re.compile(r"(?<=[；;，,：:、。\s])\d{1,2}\.(?=[^\d\s.])")


def _chinese_side(ch: str | None) -> bool:
    return ch is not None and (bool(_HAN.match(ch)) or ch in _CJK_MARKS)


def _neighbour(text: str, pos: int, step: int) -> str | None:
    pos += step
    while 0 <= pos < len(text) and text[pos] in " \t":
        pos += step
    return text[pos] if 0 <= pos < len(text) else None


def half_width(ctx: RuleInput) -> Iterator[Finding]:
    """PU01: ASCII , . ; : ? ! ( ) " ' next to Chinese text."""
    for i, unit in enumerate(ctx.units):
        text = unit.text
        if not _HAN.search(text) or not re.search(r"[,.;:?!()\"']", text):
            continue
        masked = [(m.start(), m.end()) for m in _URLISH.finditer(text)]
        lead = re.match(  # an ordinal, also after 附件： (GB/T 9704-2012 7.3.4: 附件：1.××)
            rf"\s*(?:附件：)?(?:\d+(?:\.\d+)*\.|\(\d+\)|[A-Za-z]\.|\([{_CN_NUM}]+\)|[{_CN_NUM}]+[.,])",
            text,
        )
        if lead:
            masked.append((0, lead.end()))
        masked += [(m.start(), m.end()) for m in _INLINE_ORDINAL.finditer(text)]
        dquotes = 0
        pos = 0
        while pos < len(text):
            ch = text[pos]
            if ch not in _HALF and ch not in "\"'":
                pos += 1
                continue
            if any(s <= pos < e for s, e in masked):
                pos += 1
                continue
            prev, nxt = _neighbour(text, pos, -1), _neighbour(text, pos, 1)
            before = text[pos - 1] if pos else ""
            after = text[pos + 1] if pos + 1 < len(text) else ""
            if ch == '"':
                dquotes += 1
            if not (_chinese_side(prev) or _chinese_side(nxt)):
                pos += 1
                continue
            if ch in ".,:" and before.isdigit() and after.isdigit():
                pos += 1
                continue  # 3.5, 1,000, 9:30
            if ch == "'" and before.isascii() and before.isalpha() and after.isascii():
                pos += 1
                continue  # an English apostrophe
            if ch == "." and text.startswith("..", pos):
                end = pos
                while end < len(text) and text[end] == ".":
                    end += 1
                yield ctx.finding("PU01", i, pos, end, "中文里的省略号应为“……”", "……")
                pos = end
                continue
            if ch == '"':
                right = "“" if dquotes % 2 else "”"
            elif ch == "'":
                right = "‘" if text[:pos].count("'") % 2 == 0 else "’"
            else:
                right = _HALF[ch]
            yield ctx.finding("PU01", i, pos, pos + 1, f"中文里应使用全角标点“{right}”", right)
            pos += 1


_FULL_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")


def full_width(ctx: RuleInput) -> Iterator[Finding]:
    """PU02: full-width digits and Latin letters."""
    for i, unit in enumerate(ctx.units):
        for m in _FULL_ALNUM.finditer(unit.text):
            if re.fullmatch(r"[ＸｘX]{2,}", m.group()):
                continue  # a placeholder, reported by PH01
            half = m.group().translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B)})
            yield ctx.finding("PU02", i, m.start(), m.end(), f"数字和字母应使用半角“{half}”", half)


_PAIRS = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "（": "）", "【": "】", "〔": "〕"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_PAIR_MARKS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")


def pairs(ctx: RuleInput) -> Iterator[Finding]:
    """PU03 unbalanced pairs, PU04 wrong nesting; a pair may span paragraphs."""
    carry: list[tuple[str, int, int]] = []  # openers still open: (mark, unit, position)
    for i, unit in enumerate(ctx.units):
        text = unit.text
        marks = [(m.start(), m.group()) for m in _PAIR_MARKS.finditer(text)]
        if not marks:
            continue
        stack: list[tuple[str, int]] = []
        for pos, ch in marks:
            if ch in ("’", "‘") and _apostrophe(text, pos):
                continue
            if ch in _PAIRS:
                if ch == "《" and any(o == "《" for o, _ in stack):
                    yield ctx.finding("PU04", i, pos, pos + 1, "书名号内再用书名号应为“〈”", "〈")
                elif ch == "“" and stack and stack[-1][0] == "“":
                    yield ctx.finding("PU04", i, pos, pos + 1, "引号内再用引号应为单引号“‘”", "‘")
                stack.append((ch, pos))
            elif ch in _CLOSERS:
                opener = _CLOSERS[ch]
                if stack and stack[-1][0] == opener:
                    stack.pop()
                elif any(o == opener for o, _ in stack):
                    inner, ipos = stack[-1]
                    yield ctx.finding(
                        "PU04",
                        i,
                        ipos,
                        ipos + 1,
                        f"“{inner}”在“{ch}”之前没有配对的“{_PAIRS[inner]}”，标点嵌套错误",
                        None,
                    )
                    while stack and stack[-1][0] != opener:
                        stack.pop()
                    stack.pop()
                elif not stack and any(o == opener for o, _, _ in carry):
                    while carry and carry[-1][0] != opener:
                        carry.pop()
                    carry.pop()  # closes a pair opened in an earlier paragraph
                else:
                    yield ctx.finding(
                        "PU03", i, pos, pos + 1, f"“{ch}”前面缺少配对的“{opener}”", None
                    )
        carry.extend((o, i, p) for o, p in stack)
    for opener, i, pos in carry:
        if opener == "“" and _next_starts_quote(ctx, i):
            continue  # a quotation continued in the next paragraph
        yield ctx.finding("PU03", i, pos, pos + 1, f"“{opener}”缺少配对的“{_PAIRS[opener]}”", None)


def _apostrophe(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    return before.isascii() and before.isalpha() and (not after or after.isascii())


def _next_starts_quote(ctx: RuleInput, i: int) -> bool:
    for unit in ctx.units[i + 1 :]:
        if unit.text.strip():
            return unit.text.lstrip().startswith("“")
    return False


_DOUBLED = re.compile(r"[，。；：、](?=[，。；：、])")
_APPROX = re.compile(
    r"(?<![第、一二三四五六七八九十])([一二三四五六七八九])、([一二三四五六七八九])"
    r"(?=[个十百千万亿名人家户项次天年月日岁倍元条件位])"
)
_CONJ = re.compile(r"、(以及|或者|和|及|与|或)")


def marks(ctx: RuleInput) -> Iterator[Finding]:
    """PU05 doubled marks, PU06 顿号 in approximate numbers, PU07 顿号 before a conjunction."""
    for i, unit in enumerate(ctx.units):
        text = unit.text
        for m in _DOUBLED.finditer(text):
            a, b = text[m.start()], text[m.start() + 1]
            yield ctx.finding(
                "PU05",
                i,
                m.start(),
                m.start() + 2,
                f"标点“{a}{b}”重复，保留一个",
                a if a == b else None,
            )
        for m in _APPROX.finditer(text):
            a, b = m.group(1), m.group(2)
            if _CN_NUM.index(b) == _CN_NUM.index(a) + 1:
                yield ctx.finding(
                    "PU06", i, m.start(), m.end(), "相邻数字连用表示概数，中间不用顿号", a + b
                )
        if "、" in text:
            for m in _CONJ.finditer(text):
                conj = m.group(1)
                clause = re.split(r"[。；！？：]", text[: m.start()])[-1]
                if conj in clause:
                    continue  # 与A、与B: the conjunction repeats, it is not a series' last item
                if ctx.on_boundaries(i, m.start() + 1, m.end()):
                    yield ctx.finding(
                        "PU07",
                        i,
                        m.start(),
                        m.end(),
                        f"并列词语最后一项前已用“{conj}”，其前不用顿号",
                        conj,
                    )


_ORDINALS = [
    (re.compile(rf"\s*(（[{_CN_NUM}]+）)、"), "序号“{0}”后不加顿号", "{0}"),
    (re.compile(r"\s*(（\d+）)、"), "序号“{0}”后不加顿号", "{0}"),
    (re.compile(rf"\s*(\([{_CN_NUM}]+\)|\(\d+\))、?"), "序号应使用全角括号", "paren"),
    (re.compile(r"\s*(\d{1,2})、(?!\d)"), "阿拉伯数字序号后应用“.”而不是顿号", "{0}."),
    (re.compile(rf"\s*([{_CN_NUM}]+)[.．,，](?!\d)"), "汉字数字序号后应用顿号", "{0}、"),
]


def ordinals(ctx: RuleInput) -> Iterator[Finding]:
    """PU08 "（一）、" "1、" "一." "(1)" at the start of a paragraph; PU09 title full stop."""
    for i, unit in enumerate(ctx.units):
        text = unit.text
        for pattern, message, suggest in _ORDINALS:
            m = pattern.match(text)
            if m:
                mark = m.group(1)
                start = m.start(1)
                right = "（" + mark[1:-1] + "）" if suggest == "paren" else suggest.format(mark)
                yield ctx.finding("PU08", i, start, m.end(), message.format(mark), right)
                break
        if unit.kind == "title" and text.rstrip().endswith("。"):
            end = len(text.rstrip())
            yield ctx.finding("PU09", i, end - 1, end, "标题末尾不用句号", "")
