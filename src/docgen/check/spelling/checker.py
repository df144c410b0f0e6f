"""Run the spelling model and the phrase matcher over many texts at once.

All texts are joined with line breaks and scored together (the model works on whole
arrays, so one long text is far faster than many short ones); hits are mapped back to
(text index, start, end).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ...textmatch import trie_pattern
from . import keys, scoring, suggest
from .model import (
    ORG_ENDINGS,
    PLACE_ENDS,
    SHAPE,
    SOUND_NEAR,
    SOUND_SAME,
    SURNAMES,
    SpellingModel,
    load,
)
from .phrases import PhraseIndex

#: Model score (a logit of the synthetic-error classifier) of a warning and of a hint, when
#: the replacement has word evidence (it forms a word; the original is in no word) …
#: Tuned on the development set as a whole and on gov/; see bench/spelling_bench.py.
SURE = 1.75
#: … or this score for one character that never stands next to either neighbour in the
#: training text (a slip, not a new compound: 染道, not 提效).
SURE_STRANGER = 0.25
#: … or this score for one character and no doubt: nothing speaks for
#: the original as written (its bigram never seen in training, no parallel frame).
SURE_CLEAN = 1.25
#: … or this score for a replacement that completes a word of three or four characters
#: (互联网, 自治区): a longer word formed is strong evidence by itself.
SURE_LONG = -0.75
#: … and without word evidence (a real word written for another: 防止 for 防治), or one
#: that completes a longer word (联系会议 for 联席会议).
SURE_PLAIN = 1.75
SURE_PLAIN_LONG = 0.75
HINT_PLAIN = -0.5
HINT = -3.0
#: A homophone word (暴涨 for 保障, 起夜 for 企业) with word evidence is sure at this score:
#: its score sums two characters' evidence, offset as one (pairs.PAIR_OFFSET), and the
#: classifier is fitted on single slips, so it reads an input method's wrong word as
#: barely surer than one wrong character. Such a warning is "soft": like a hint, it is not
#: reported inside a term the document itself puts in quotation marks (“非禁即入”).
SURE_WORD = 0.75
#: A slip inside a name of the word list (建康, 桂花 are names too, and the tagger checks the
#: names that stand as names) is sure only at this score: a real name, unseen in training,
#: reads as strange as a slip.
SURE_NAMED = 2.75


#: Texts are scored together, this far apart: no window, neighbour or repetition test
#: reaches from one text into the next, so each text's hits are its own.
SEPARATOR = "\n" * 10
MEMO_SIZE = 20000  # texts whose hits are remembered
_MEMO: dict[tuple, dict[str, tuple[Hit, ...]]] = {}


@dataclass(frozen=True)
class Hit:
    """One suspected wrong character (or phrase) in texts[index][start:end]."""

    index: int
    start: int
    end: int
    code: str  # SP01 sure, SP02 hint, SP03 fixed phrase
    suggestion: str
    message: str
    score: float = float("inf")  # the model's score (phrases: always sure)
    soft: bool = False  # a hint, or a warning that a document's own quoted term overrules


def kind_name(kind: int) -> str:
    """音近 / 形近 / 音形皆近 for confusion-set kind bits."""
    sound = bool(kind & (SOUND_SAME | SOUND_NEAR))
    if sound and kind & SHAPE:
        return "音形皆近"
    if kind & SOUND_SAME:
        return "同音"
    return "音近" if sound else "形近"


@functools.lru_cache(maxsize=4)
def phrase_index(glossary: tuple[str, ...], model_path: Path | None = None) -> PhraseIndex:
    model = load(model_path) if model_path else load()
    return PhraseIndex(model, glossary, model.idioms)


def find(
    texts: Sequence[str],
    glossary: tuple[str, ...] = (),
    protected: Sequence[str] = (),
    codes: frozenset[str] = frozenset({"SP01", "SP02", "SP03"}),
    model: SpellingModel | None = None,
    hint: float | None = None,
) -> list[Hit]:
    """Hits in ``texts``; words in ``protected`` (an office's own terms) are never changed.

    Each text's hits depend on that text alone, so they are remembered: a batch of village
    documents scores its shared template paragraphs once, not once per village.
    """
    model = model or load()
    memo = _MEMO.setdefault((glossary, tuple(protected), codes, hint, id(model)), {})
    fresh = [t for t in dict.fromkeys(texts) if t not in memo]
    if fresh:
        found = _fresh(fresh, glossary, protected, codes, model, hint)
        for i, text in enumerate(fresh):
            memo[text] = tuple(replace(h, index=0) for h in found if h.index == i)
        while len(memo) > MEMO_SIZE:
            del memo[next(iter(memo))]
    return [replace(h, index=i) for i, text in enumerate(texts) for h in memo[text]]


def _fresh(
    texts: Sequence[str],
    glossary: tuple[str, ...],
    protected: Sequence[str],
    codes: frozenset[str],
    model: SpellingModel,
    hint: float | None,
) -> list[Hit]:
    joined = SEPARATOR.join(texts)
    starts = list(np.cumsum([0] + [len(t) + len(SEPARATOR) for t in texts[:-1]]))
    shield = _shielded(joined, protected)
    hits: list[tuple[int, int, str, str, str, float, bool]] = []
    taken: set[int] = set()
    if "SP03" in codes:
        index = phrase_index(glossary) if model is load() else PhraseIndex(model, glossary, ())
        for h in index.find(joined, model.ids(joined)):
            wrong = h.start + h.offset
            if (
                wrong in shield
                or wrong in taken
                or _is_word(model, joined[h.start : h.end])
                or not (h.glossary or _idiom_fits(model, joined, h))
            ):
                continue
            taken.add(wrong)
            window = joined[h.start : h.end]
            right = h.phrase[h.offset]
            kind = model.confusables(window[h.offset]).get(right, 0)
            why = f"“{window[h.offset]}”与“{right}”{kind_name(kind)}" if kind else "一字之差"
            message = f"固定说法“{h.phrase}”写成了“{window}”（{why}）"
            hits.append((h.start, h.end, "SP03", h.phrase, message, float("inf"), False))
    if codes & {"SP01", "SP02"}:
        ids = model.ids(joined)
        for s in suggest.suggest(model, joined, HINT if hint is None else hint):
            span = range(s.pos, s.pos + len(s.char))
            if any(p in shield or p in taken for p in span):
                continue
            code = _tier(model, ids, s)
            if code is None or (code == "SP02" and _beside_number(joined, s.pos, len(s.char))):
                continue
            if code not in codes:
                continue
            end = s.pos + len(s.char)
            wrong = joined[s.pos : end]
            formed = f"，可组成“{s.word}”" if s.word and s.word != s.char else ""
            message = f"“{wrong}”疑为“{s.char}”（{kind_name(s.kind)}{formed}）"
            soft = code == "SP02" or _soft_word(s)
            hits.append((s.pos, end, code, s.char, message, s.score, soft))
    located = [_locate(starts, *h) for h in sorted(hits)]
    return [h for h in located if not _in_name(texts[h.index], h)]


def _in_name(text: str, hit: Hit) -> bool:
    """Whether the hit lies in a person, place or organisation name (陈立, 孙海), or in
    what a name label introduces (联系人：钟国).

    Only asked near a surname or a place or office suffix, so that most texts never load
    the tagger (it needs jieba's dictionary: most of a second).
    """
    if any(s <= hit.start and hit.end <= e for s, e in _labelled(text)):
        return True
    near = text[max(0, hit.start - 2) : hit.end + 3]
    if not any(ch in SURNAMES or ch in NAME_ENDS for ch in near):
        return False
    return any(s <= hit.start and hit.end <= e for s, e in _names(text))


#: A label that a name follows (联系人：钟国，经办人：吴芳、郑明), and the names after it: up to
#: the next clause mark, space, bracket or figure, a few names at most (a longer run is a
#: sentence, not names).
_NAME_LABEL = re.compile(
    r"(?:联系人|经办人|负责人|责任人|主持人|记录人|审核人|签发人|报送人|填表人|发言人|主讲人"
    r"|出席|列席|参会人员|参加人员)[：:]\s*([^，,；;。\s（(：:\d]{2,16})(?=[，,；;。\s（(：:\d]|$)"
)


def _labelled(text: str) -> list[tuple[int, int]]:
    """Spans of the names a name label introduces: the tagger does not know every name
    (钟国 reads as a slip for 中国), but a contact line holds nothing else. Each piece must
    read as a name: a person's (two to four characters) or an office's (镇党政办)."""
    if "：" not in text and ":" not in text:
        return []
    spans = []
    for m in _NAME_LABEL.finditer(text):
        pieces = re.split("[、和与及]", m.group(1))
        if all(2 <= len(p) <= 4 or (p and p[-1] in ORG_ENDS) for p in pieces):
            spans.append(m.span(1))
    return spans


#: Last characters of place and office names the tagger knows (宁波市, 卫生院).
NAME_ENDS = set(PLACE_ENDS)


@functools.lru_cache(maxsize=256)
def _names(text: str) -> tuple[tuple[int, int], ...]:
    """Person names, places and organisations the tagger finds and the text bears out.

    The tagger reads any new two-character word as a name, so a slip (管里 for 管理, 金荣
    for 金融) would hide itself: a person name must start with a common surname and stand
    as a name does (after a mark or a space, or before a title: 成员：陈立、孙海, 陈立同志),
    a place or an organisation must end in a place or office suffix.
    """
    from .. import tokenizer

    spans = []
    for word, tag, start, end in tokenizer.tagged(text):
        person = tag.startswith("nr") and word[0] in SURNAMES and 2 <= len(word) <= 4
        person = person and _stands_as_name(text, start, end)
        place = tag in {"ns", "nt"} and (word[-1] in ORG_ENDS or text[end : end + 1] in ORG_ENDS)
        if person or place:
            spans.append((start, end))
    return tuple(spans)


#: … and of organisations (亚投行, 国务院办公厅秘书局), that a tagged name must end in.
ORG_ENDS = set(PLACE_ENDS + ORG_ENDINGS)
#: What follows a person's name in official text (陈立同志, 孙海主任, 韩冬等).
NAME_FOLLOWERS = ("同志", "主任", "书记", "副", "等", "和", "长", "委员", "代表", "先生", "女士")


def _stands_as_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands as a name: it opens a line or follows a mark or a
    space (成员：陈立、孙海), or a title follows it (由陈立同志)."""
    before = text[start - 1] if start else ""
    return not _CJK_CHAR.match(before) or text.startswith(NAME_FOLLOWERS, end)


_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")


def _locate(starts: list[int], start: int, end: int, *rest) -> Hit:
    i = bisect.bisect_right(starts, start) - 1
    return Hit(i, start - int(starts[i]), end - int(starts[i]), *rest)


def _idiom_fits(model: SpellingModel, text: str, hit) -> bool:
    """An idiom (not a glossary phrase) must also make the character window more probable."""
    pad = np.zeros(scoring.PAD, np.int64)
    padded = np.concatenate([pad, model.ids(text[max(0, hit.start - 2) : hit.end + 2]), pad])
    at = np.array([scoring.PAD + hit.start - max(0, hit.start - 2) + hit.offset])
    right = model.ids(hit.phrase[hit.offset])
    gain = scoring.window_logp(model, padded, at, right) - scoring.window_logp(
        model, padded, at, padded[at]
    )
    return bool(gain[0] > 0)


def _tier(model: SpellingModel, ids: np.ndarray, s: suggest.Suggestion) -> str | None:
    """SP01, SP02 or nothing, by score, word evidence and how strange the original is.

    A hint is weighed after the doubt (what speaks for the original as written) is taken
    off the score; a warning is sure on the score alone, a little lower when there is no
    doubt at all, lower still when the replacement completes a longer word.
    """
    if s.named and s.score < SURE_NAMED:  # a hint at most
        return "SP02" if s.score - s.doubt >= (HINT if s.word_evidence else HINT_PLAIN) else None
    clean = len(s.char) == 1 and s.doubt == 0 and s.score >= SURE_CLEAN
    longer = len(s.word) >= 3 and s.doubt != float("inf") and s.score >= SURE_LONG
    if not s.word_evidence:
        if s.score >= SURE_PLAIN or (longer and s.score >= SURE_PLAIN_LONG):
            return "SP01"
        return "SP02" if s.score - s.doubt >= HINT_PLAIN else None
    stranger = s.score >= SURE_STRANGER and _stranger(model, ids, s)
    if s.score >= SURE or clean or longer or stranger or _soft_word(s):
        return "SP01"
    return "SP02" if s.score - s.doubt >= HINT else None


def _soft_word(s: suggest.Suggestion) -> bool:
    """Whether a homophone word with word evidence is a warning only by SURE_WORD."""
    return len(s.char) == 2 and s.word_evidence and SURE_WORD <= s.score < SURE


def _beside_number(text: str, pos: int, size: int) -> bool:
    """Whether a figure stands right beside text[pos:pos+size] (请于2027年, 13日起).

    The model has no figures: it reads one as a break, where 已有 fits better than 已于, so
    its judgement of a character beside a figure is no better than a guess.
    """
    before = text[pos - 1 : pos]
    after = text[pos + size : pos + size + 1]
    return before.isdigit() or after.isdigit()


def _stranger(model: SpellingModel, ids: np.ndarray, s: suggest.Suggestion) -> bool:
    """Whether a replaced single character was never seen beside its neighbours in training."""
    if len(s.char) != 1:
        return False
    at = s.pos
    for a, b in ((at - 1, at), (at, at + 1)):
        inside = a >= 0 and b < len(ids) and ids[a] >= 2 and ids[b] >= 2
        if inside and model.bigram(ids[a : a + 1], ids[b : b + 1])[0] > 0:
            return False
    return True


def _is_word(model: SpellingModel, chars: str) -> bool:
    """Whether ``chars`` is itself a dictionary word (依法治国 is no slip for 依法治理)."""
    ids = [int(i) for i in model.ids(chars)]
    if not 2 <= len(ids) <= keys.MAX_WORD or min(ids) < 2:
        return False
    return bool(model.words(np.array([keys.word(ids)], np.int64))[0][0] > 0)


#: A document number (云卫健发〔2026〕41号): its organ abbreviation is no word to correct.
_DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\d{4}[〕\]］)）]\d+号")


@functools.lru_cache(maxsize=8)
def _words_pattern(words: frozenset[str]) -> re.Pattern[str] | None:
    """The protected words as one prefix-factored pattern (a batch names every village)."""
    return re.compile(trie_pattern(sorted(words))) if words else None


def _shielded(text: str, words: Sequence[str]) -> set[int]:
    """Positions covered by any of ``words`` or by a document number."""
    spans = [m.span() for m in _DOCUMENT_NUMBER.finditer(text)]
    pattern = _words_pattern(frozenset(w for w in words if len(w) > 1))
    if pattern is not None:
        spans += [m.span() for m in pattern.finditer(text)]
    return {i for start, end in spans for i in range(start, end)}
