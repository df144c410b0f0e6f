"""What every scorer shares: word windows, trigram windows, segmentation, feature rows.

Positions are in a "padded" id array (PAD boundary ids on each side of the text), so every
window around a character has neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import keys
from .model import SpellingModel

PAD = 4  # boundary ids added on each side so every window has neighbours
SPAN = 4  # characters on each side of a position in its segmentation window
NO_WORD = -1e9
NEARBY = 8  # characters on each side searched for a repeated character


@dataclass
class Windows:
    """Keys and log-probabilities of every 1–4 character window of a padded text."""

    keys: dict[int, np.ndarray]
    known: dict[int, np.ndarray]
    logp: dict[int, np.ndarray]
    cover: np.ndarray
    name: np.ndarray  # inside a name of the word list
    standing: np.ndarray  # … that stands as a name: 青川区, 、王志远 (see standing_names)


def word_logp(model: SpellingModel, key: np.ndarray, length: int, known: np.ndarray):
    score, is_name = model.words(key)
    valid = known == length
    if length == 1:
        return np.where(valid & (score > 0), score / 10 - model.word_log_total, model.unseen_char)
    return np.where(valid & (score > 0), score / 10 - model.word_log_total, NO_WORD), is_name


def windows(model: SpellingModel, padded: np.ndarray) -> Windows:
    n = len(padded)
    cover = np.zeros(n)
    name = np.zeros(n, bool)
    standing = np.zeros(n, bool)
    out = Windows({}, {}, {}, cover, name, standing)
    for length in range(1, keys.MAX_WORD + 1):
        m = n - length + 1
        key = np.full(m, length << (keys.BITS * keys.MAX_WORD), np.int64)
        count = np.zeros(m, np.int64)
        for k in range(length):
            part = padded[k : k + m]
            key |= part << keys.shift(length, k)
            count += part >= 2
        out.keys[length], out.known[length] = key, count
        if length == 1:
            out.logp[1] = word_logp(model, key, 1, count)
            continue
        logp, is_name = word_logp(model, key, length, count)
        out.logp[length] = logp
        score = np.where(logp > NO_WORD, (logp + model.word_log_total) * 10, 0.0)
        named = is_name & (count == length)
        stands = named & standing_names(model, padded, length)
        for k in range(length):
            np.maximum(cover[k : k + m], score, out=cover[k : k + m])
            name[k : k + m] |= named
            standing[k : k + m] |= stands
    return out


def standing_names(model: SpellingModel, padded: np.ndarray, length: int) -> np.ndarray:
    """Whether each window of ``length`` characters stands where a name stands: a place or
    office suffix follows it (青川区, 枫林村), or it opens the text or follows a mark (、青石),
    itself or after a surname (、王志远). A name of the word list elsewhere (身体建康) may be
    a slip."""
    m = len(padded) - length + 1
    after = np.zeros(m, bool)
    after[:-1] = np.isin(padded[length:], model.name_ends)
    before = np.ones(m, bool)
    before[1:] = padded[: m - 1] == keys.BOUNDARY
    surname = np.zeros(m, bool)
    surname[2:] = np.isin(padded[1 : m - 1], model.surnames) & (padded[: m - 2] == keys.BOUNDARY)
    return after | before | surname


def inside_words(model: SpellingModel, padded: np.ndarray) -> np.ndarray:
    """Whether each position lies inside a known word of two or more characters."""
    return windows(model, padded).cover > 0


def window_logp(model: SpellingModel, padded: np.ndarray, at: np.ndarray, c: np.ndarray):
    """log P of the three trigrams that contain position ``at`` when it holds ``c``."""
    a2, a1, b1, b2 = padded[at - 2], padded[at - 1], padded[at + 1], padded[at + 2]
    a2a1, b1b2 = model.bigram(a2, a1), model.bigram(b1, b2)
    a1c, cb1 = model.bigram(a1, c), model.bigram(c, b1)
    return (
        model.log_p3(a2, a1, c, a2a1, a1c)
        + model.log_p3(a1, c, b1, a1c, cb1)
        + model.log_p3(c, b1, b2, cb1, b1b2)
    )


Sub = tuple[int, np.ndarray, np.ndarray]  # (offset from ``at``, original ids, replacement ids)


def segmentation(model: SpellingModel, w: Windows, at: np.ndarray, subs: list[Sub]):
    """Best word-unigram segmentation score of at-SPAN … at+SPAN(+extra) with ``subs`` applied.

    Also returns the (start, length) of the word that covers ``at`` in that segmentation
    and where its word boundaries are.
    """
    extra = max(off for off, _, _ in subs)
    width = 2 * SPAN + 1 + extra
    first = at - SPAN
    best = np.full((len(at), width + 1), -np.inf)
    best[:, 0] = 0.0
    back_start = np.zeros((len(at), width + 1), np.int64)
    for end in range(1, width + 1):
        for length in range(1, min(keys.MAX_WORD, end) + 1):
            rel = end - length - SPAN  # span start relative to ``at``
            start = first + end - length
            inside = [(off - rel, o, c) for off, o, c in subs if rel <= off < rel + length]
            if inside:
                key = w.keys[length][start].copy()
                known = w.known[length][start].copy()
                for k, o, c in inside:
                    key += (c - o) << (keys.BITS * (length - 1 - k))
                    known += (c >= 2).astype(np.int64) - (o >= 2)
                span = word_logp(model, key, length, known)
                span = span if length == 1 else span[0]
            else:
                span = w.logp[length][start]
            total = best[:, end - length] + span
            better = total > best[:, end]
            best[:, end] = np.where(better, total, best[:, end])
            back_start[:, end] = np.where(better, end - length, back_start[:, end])
    word_start, word_end, cuts = _covering_word(back_start, SPAN)
    return best[:, width], first + word_start, word_end - word_start, cuts


def segment_with_and_without(model: SpellingModel, w: Windows, at: np.ndarray, subs: list[Sub]):
    """``segmentation`` with ``subs`` applied and of the original text, in one pass.

    Returns (score, word start, word length) with the replacement and (score, cuts) without.
    """
    n = len(at)
    both = [(off, np.concatenate([o, o]), np.concatenate([c, o])) for off, o, c in subs]
    score, start, length, cuts = segmentation(model, w, np.concatenate([at, at]), both)
    return (score[:n], start[:n], length[:n]), (score[n:], cuts[n:])


def _covering_word(back: np.ndarray, centre: int):
    """(start, end) in window coordinates of the segment holding ``centre``, and the cuts.

    ``cuts[r, k]`` is True where the best segmentation of row r has a word boundary at k.
    """
    rows = np.arange(len(back))
    end = np.full(len(back), back.shape[1] - 1)
    word_start = np.zeros(len(back), np.int64)
    word_end = np.zeros(len(back), np.int64)
    cuts = np.zeros(back.shape, bool)
    cuts[:, 0] = cuts[:, -1] = True
    for _ in range(back.shape[1]):
        start = back[rows, end]
        cuts[rows, start] = True
        hit = (start <= centre) & (centre < end) & (word_end == 0)
        word_start = np.where(hit, start, word_start)
        word_end = np.where(hit, end, word_end)
        end = np.maximum(start, 1)
    return word_start, word_end, cuts


def frame(padded: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Whether ``pos`` is part of a parallel frame or a doubled character: its character
    again beside it or two places off (时时, 边查边改, 立行立改) or equal neighbours on both
    sides (应接尽接)."""
    c = padded[pos]
    twin = (padded[pos - 2] == c) | (padded[pos + 2] == c)
    twin |= (padded[pos - 1] == c) | (padded[pos + 1] == c)
    between = (padded[pos - 1] == padded[pos + 1]) & (padded[pos - 1] >= 2)
    return (twin | between) & (c >= 2)


def after_ordinal(model: SpellingModel, padded: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Whether ``at`` follows 第 and a numeral (the counter of an ordinal: 第一行, 第三条)."""
    return (padded[at - 2] == model.ordinal) & np.isin(padded[at - 1], model.numerals)


def repeated(padded: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Whether the character at ``pos`` occurs again within NEARBY characters."""
    out = np.zeros(len(pos), bool)
    c = padded[pos]
    for d in range(1, NEARBY + 1):
        out |= padded[np.maximum(pos - d, 0)] == c
        out |= padded[np.minimum(pos + d, len(padded) - 1)] == c
    return out


def best_per_position(at: np.ndarray, score: np.ndarray, keep: int) -> np.ndarray:
    """Indices of the ``keep`` highest scores of each position."""
    # one float key (position, then score falling) sorts faster than a two-key lexsort;
    # scores are clipped far below the position step, so positions never mix
    key = at.astype(np.float64) * 1e6 - np.clip(np.nan_to_num(score), -1e5, 1e5)
    order = np.argsort(key, kind="stable")
    sorted_at = at[order]
    first = np.r_[True, sorted_at[1:] != sorted_at[:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(order)), 0))
    return order[(np.arange(len(order)) - group_start) < keep]


FEATURES = (
    "char_gain",  # trigram log-probability gain of the window
    "word_gain",  # segmentation log-probability gain of the nine characters around
    "orig_word",  # the original characters of the formed word's span are a word too
    "cand_word",  # the candidate forms a word of two or more characters
    "same_sound",
    "near_sound",
    "shape",
    "orig_logp",  # unigram log-probability of the original character
    "cand_logp",  # … and of the candidate
    "cover",  # ln count of the commonest word covering the original position
    "local",  # the original's two bigram log-probabilities (the prefilter's measure)
    "cand_word_logc",  # ln count of the word the candidate forms (0 for a single character)
    "repeated",  # the original occurs again close by (parallels: 老有所养、幼有所育)
    "word_x_gain",  # cand_word × word_gain
    "aligned",  # the formed word starts and ends where the original's words do (no theft)
    "orig_window",  # the original's own trigram log-probability, per trigram (how strange)
    "long_word",  # the candidate forms a word of three or four characters (互联网, 联席会议)
)
#: What speaks for the original as written, beside the classifier's features (which the
#: build fits on synthetic slips in held-out training text, where nearly every original
#: reading is one the model has seen; real documents use phrasing the training text lacks).
SUPPORT = (
    "orig_word_logc",  # ln count of the original characters of the formed word's span as a word
    "orig_pair_logc",  # ln(1 + count) of the original's bigram inside that span in training
    "frame",  # the original is doubled, repeats two places off or sits between twins (时时,
    # 边查边改, 应接尽接)
    "name",  # the original lies in a name of the word list (桂花, 潜山: also plain words)
)
#: Hand-set weights used when a model file carries none (tiny test models).
DEFAULT_WEIGHTS = {"char_gain": 1.0, "word_gain": 1.0, "near_sound": -1.5, "shape": -1.5}


@dataclass
class Scored:
    """Every fully scored candidate: padded position, candidate id, and its feature rows."""

    pos: np.ndarray
    cand: np.ndarray
    kind: np.ndarray
    word_start: np.ndarray
    word_len: np.ndarray
    features: np.ndarray  # one row per candidate, columns as FEATURES
    support: np.ndarray  # one row per candidate, columns as SUPPORT

    def column(self, name: str) -> np.ndarray:
        if name in SUPPORT:
            return self.support[:, SUPPORT.index(name)]
        return self.features[:, FEATURES.index(name)]

    def score(self, weights: dict[str, float], bias: float = 0.0) -> np.ndarray:
        vector = np.array([weights.get(name, 0.0) for name in FEATURES])
        return self.features @ vector + bias
