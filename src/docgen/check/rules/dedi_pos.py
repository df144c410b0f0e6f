"""的/地/得 by what precedes and follows, read from jieba's part-of-speech tags.

Tags alone fire on correct text ("实施积极的就业政策", ../shared/spec/language.md), so each rule
is gated by a shape that makes it sure, and is only a hint where the shape is weaker:

- DE03 (warning): a modal or adverb (要、应当、都、必须…) + an adverbial + 的/得 + a verb:
  "要认真的学习" → 认真地学习. After 要 the phrase can only be a predicate.
- DE04 (hint): an adverbial shape (扎扎实实、静悄悄、逐村逐户、一点一滴) + 的 + a verb with more
  of the predicate after it (静悄悄的离开了); a bare verb there may be a noun (扎扎实实的工作).
- DE05 (warning): a verb + 的/地 + a degree adverb (很、非常、十分…) + an adjective at the end
  of a clause: "做的很扎实。" → 做得很扎实.
- DE06 (hint): the same with 不/不够/不太 after a listed or one-character verb ("落实的不到位"),
  where 的 can also be right ("他说的不对" = what he said is wrong).

Only the clause around a candidate is tagged, so the checker stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import tokenizer
from ..rule_input import RuleInput

# Words after which an adverbial + 的 can only open a predicate. Not 需要/将/就/更, which also
# take a noun phrase (需要更多的支持, 将积极的政策落实, 就立法的必要性, 更大的发展).
_MODALS = [
    *("要", "应", "应当", "应该", "必须", "务必", "须", "能", "能够", "会"),
    *("都", "也", "还", "才", "正在", "一定", "继续", "均", "皆"),
]
_COMPARATIVE = ("更", "最", "较", "越")  # 更多的支持, 最大的努力: the adverbial sizes a noun
_NOT_ACTIONS = {"是", "有", "在", "为", "成为", "属于", "作为"}
_DEGREE = ["很", "非常", "十分", "特别", "更加", "越来越", "比较", "相当", "极为", "格外", "极其"]
_NEGATED = ["不", "不够", "不太", "不大", "不很"]
_HAN = r"[\u4e00-\u9fff]"
_CANDIDATE = re.compile(
    rf"(?:{'|'.join(sorted(_MODALS, key=len, reverse=True))}){_HAN}{{1,4}}[的得]{_HAN}"
    rf"|({_HAN})\1(?:({_HAN})\2)?的{_HAN}|{_HAN}({_HAN})\3的{_HAN}"
    rf"|[一逐有]{_HAN}{{1,2}}[一逐有]{_HAN}{{1,2}}的{_HAN}"
    rf"|{_HAN}[的地](?:{'|'.join(_DEGREE + _NEGATED)})"
)
_CLAUSE_END = re.compile(r"[，。；：！？、,.;:!?\s“”（）()《》]")
_SHAPE = re.compile(
    rf"^(?:({_HAN})\1({_HAN})\2|{_HAN}({_HAN})\3|({_HAN})\4"
    rf"|一{_HAN}{{1,2}}一{_HAN}{{1,2}}|逐{_HAN}{{1,2}}逐{_HAN}{{1,2}}|有{_HAN}{{1,2}}有{_HAN}{{1,2}})$"
)
_ADVERBIAL_TAGS = {"ad", "d", "a", "z", "b", "i", "l", "m"}
_VERB_TAGS = {"v", "vd", "vi", "i", "l"}
_NOUNISH = ("n", "vn", "r", "m", "q", "t", "s", "f")
_STATES = ("a", "v", "z")  # what a degree adverb can qualify: 很扎实, 不够深入, 不到位


@dataclass(frozen=True)
class Hit:
    code: str
    start: int
    end: int
    message: str
    suggestion: str


def pos_hits(ctx: RuleInput, i: int, adverbials: set[str], de_verbs: set[str]) -> Iterator[Hit]:
    """DE03–DE06 in unit ``i``; ``adverbials``/``de_verbs`` are dedi.yaml's word lists."""
    text = ctx.units[i].text
    done: set[tuple[int, int]] = set()
    for m in _CANDIDATE.finditer(text):
        start, end = _clause(text, m.start(), m.end())
        if (start, end) in done:
            continue
        done.add((start, end))
        tokens = [
            (w, t, s + start, e + start) for w, t, s, e in tokenizer.pos_tokens(text[start:end])
        ]
        yield from _di(tokens, adverbials)
        yield from _de(tokens, de_verbs)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch between punctuation around [start, end), where tags do not depend on more."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    right = _CLAUSE_END.search(text, end)
    return left, right.start() if right else len(text)


def _di(tokens: list[tuple[str, str, int, int]], adverbials: set[str]) -> Iterator[Hit]:
    """An adverbial + 的/得 + a verb → 地 (DE03 after a modal, DE04 for a sure shape)."""
    for k in range(1, len(tokens) - 1):
        word = tokens[k][0]
        if word not in {"的", "得"}:
            continue
        adv, verb = tokens[k - 1], tokens[k + 1]
        before = tokens[k - 2] if k >= 2 else None
        after = tokens[k + 2] if k + 2 < len(tokens) else None
        if adv[0].startswith(_COMPARATIVE) or not _adverbial(adv, adverbials):
            continue
        if not _verb(verb, after):
            continue
        fixed = f"{adv[0]}地{verb[0]}"
        if before and before[0] in _MODALS:
            msg = f"“{adv[0]}”修饰动词“{verb[0]}”作状语，应用“地”"
            yield Hit("DE03", adv[2], verb[3], msg, fixed)
        elif word == "的" and _shape(adv) and verb[1] == "v" and _continues(before, after):
            msg = f"“{adv[0]}”像是修饰动词“{verb[0]}”的状语，宜用“地”，请核对"
            yield Hit("DE04", adv[2], verb[3], msg, fixed)


def _adverbial(token: tuple[str, str, int, int], adverbials: set[str]) -> bool:
    word, tag = token[0], token[1]
    return word in adverbials or bool(_SHAPE.match(word)) or tag in _ADVERBIAL_TAGS


def _shape(token: tuple[str, str, int, int]) -> bool:
    """扎扎实实, 静悄悄, 好好, 逐村逐户, 一点一滴: adverbial by their form."""
    return bool(_SHAPE.match(token[0]))


def _verb(token: tuple[str, str, int, int], after: tuple[str, str, int, int] | None) -> bool:
    tag = token[1]
    if token[0] in _NOT_ACTIONS or (tag not in _VERB_TAGS and tag != "vn"):
        return False
    if tag == "vn" and after and after[1].startswith(_NOUNISH):
        return False  # 应当公开的信访事项: a clause describing a noun
    return not (after and after[0] in {"的", "之"})  # 认真的学习的态度: a noun phrase


def _continues(
    before: tuple[str, str, int, int] | None, after: tuple[str, str, int, int] | None
) -> bool:
    """The verb has more predicate after it and the phrase is no verb's object."""
    if before and before[1].startswith("v"):
        return False
    return after is not None and not after[1].startswith(_NOUNISH)


def _de(tokens: list[tuple[str, str, int, int]], de_verbs: set[str]) -> Iterator[Hit]:
    """A verb + 的/地 + 很 + an adjective closing the clause → 得 (DE05; DE06 with 不)."""
    for k in range(1, len(tokens) - 2):
        word = tokens[k][0]
        verb, degree, adj = tokens[k - 1], tokens[k + 1], tokens[k + 2]
        if word not in {"的", "地"} or degree[0] not in _DEGREE + _NEGATED:
            continue
        closes = k + 3 == len(tokens)
        is_verb = (verb[1].startswith("v") or verb[0] in de_verbs) and verb[0] not in _NOT_ACTIONS
        if not closes or not is_verb or adj[0] in _NOT_ACTIONS or not adj[1].startswith(_STATES):
            continue
        fixed = f"{verb[0]}得{degree[0]}"
        sure = degree[0] in _DEGREE or word == "地"
        if not sure and not (verb[0] in de_verbs or len(verb[0]) == 1):
            continue  # 出现的不平衡, 存在的不作为: a noun after 不, not a complement
        if sure:
            msg = f"动词“{verb[0]}”后接程度补语“{degree[0]}{adj[0]}”，应用“得”"
            yield Hit("DE05", verb[2], degree[3], msg, fixed)
        else:
            msg = f"“{verb[0]}{word}{degree[0]}{adj[0]}”若是补语，应用“得”，请核对"
            yield Hit("DE06", verb[2], degree[3], msg, fixed)
