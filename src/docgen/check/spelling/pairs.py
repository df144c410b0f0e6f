"""Homophone words: two written characters that should be another word read the same.

A typist who picks the wrong entry of an input method's list writes 暴涨 for 保障; every
two-character window with improbable edges is looked up by its reading in the model's
homophone index and scored with the same features as a single character.
"""

from __future__ import annotations

import numpy as np

from . import keys, scoring
from .model import SOUND_SAME, SpellingModel
from .scoring import PAD, SPAN, Scored, Windows

PAIR_PREFILTER = -9.0  # the two outer bigrams of a suspected homophone word, together
PAIR_KEEP = 6  # homophone words per position scored in full
PAIR_COMMON_WORD = 8.0  # a written pair that is a word this common (ln count) is left alone
PAIR_OFFSET = -2.0  # added to a homophone word's score (its features sum over two characters)


def _expand(offsets: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row number, flat index) for every item of CSR ``offsets`` of each id in ``rows``."""
    start = offsets[rows].astype(np.int64)
    count = offsets[rows + 1].astype(np.int64) - start
    owner = np.repeat(np.arange(len(rows)), count)
    flat = np.repeat(start - np.cumsum(count) + count, count) + np.arange(count.sum())
    return owner, flat


def _pair_suspects(model: SpellingModel, padded: np.ndarray, w: Windows) -> np.ndarray:
    """Padded positions p where text[p:p+2] may be a wrongly chosen homophone word."""
    at = np.arange(PAD, len(padded) - PAD - 1)
    a, b = padded[at], padded[at + 1]
    ok = (a >= 2) & (b >= 2) & ~w.standing[at] & ~w.standing[at + 1]
    ok &= ~np.isin(a, model.numerals) & ~np.isin(b, model.numerals)
    ok &= ~(np.isin(a, model.levels) & np.isin(b, model.levels))  # 市县, 县乡: a list of levels
    ok &= ~scoring.after_ordinal(model, padded, at)
    at = at[ok]
    parallel = scoring.repeated(padded, at) | scoring.repeated(padded, at + 1)  # 援藏援疆援青
    at = at[~parallel]
    edges = model.log_p2(padded[at - 1], padded[at]) + model.log_p2(padded[at + 1], padded[at + 2])
    return at[edges < PAIR_PREFILTER]


def _pair_candidates(model: SpellingModel, padded: np.ndarray, at: np.ndarray):
    """(position, first id, second id) of every word read like text[at:at+2]."""
    owner_a, flat_a = _expand(model.syl_off, padded[at])
    syl_a = model.syl_ids[flat_a].astype(np.int64)
    owner_b, flat_b = _expand(model.syl_off, padded[at[owner_a] + 1])
    key = (syl_a[owner_b] << 10) | model.syl_ids[flat_b].astype(np.int64)
    pos = at[owner_a[owner_b]]
    key = key.astype(model.hom_keys.dtype)  # the table's own type: numpy copies it otherwise
    lo = np.searchsorted(model.hom_keys, key, "left")
    hi = np.searchsorted(model.hom_keys, key, "right")
    count = hi - lo
    owner = np.repeat(np.arange(len(key)), count)
    flat = np.repeat(lo - np.cumsum(count) + count, count) + np.arange(count.sum())
    pos = pos[owner]
    ca, cb = model.hom_a[flat].astype(np.int64), model.hom_b[flat].astype(np.int64)
    changed = (ca != padded[pos]) & (cb != padded[pos + 1])
    unique = np.unique(np.stack([pos[changed], ca[changed], cb[changed]]), axis=1)
    return unique[0], unique[1], unique[2]


def score_pairs(model: SpellingModel, padded: np.ndarray, w: Windows | None = None) -> Scored:
    """Homophone words replacing two characters at once, with the single-character features."""
    w = w or scoring.windows(model, padded)
    at = _pair_suspects(model, padded, w)
    pos, ca, cb = _pair_candidates(model, padded, at) if len(at) else (at, at, at)
    oa, ob = padded[pos], padded[pos + 1]
    orig_key = (2 << (keys.BITS * keys.MAX_WORD)) | (oa << keys.BITS) | ob
    rare = model.words(orig_key)[0] / 10 < PAIR_COMMON_WORD  # 微观 stays, 暴涨 may go
    pos, ca, cb, oa, ob = pos[rare], ca[rare], cb[rare], oa[rare], ob[rare]
    left, right = padded[pos - 1], padded[pos + 2]
    local = model.log_p2(left, oa) + model.log_p2(oa, ob) + model.log_p2(ob, right)
    stage1 = model.log_p2(left, ca) + model.log_p2(ca, cb) + model.log_p2(cb, right) - local
    keep = scoring.best_per_position(pos, stage1, PAIR_KEEP)
    keep = keep[stage1[keep] > 0]
    pos, ca, cb, oa, ob, local = pos[keep], ca[keep], cb[keep], oa[keep], ob[keep], local[keep]
    chain = [padded[pos - 2], padded[pos - 1], None, None, padded[pos + 2], padded[pos + 3]]
    orig_chain = _chain_logp(model, chain, oa, ob)
    char_gain = _chain_logp(model, chain, ca, cb) - orig_chain
    subs = [(0, oa, ca), (1, ob, cb)]
    with_cand, without = scoring.segment_with_and_without(model, w, pos, subs)
    (seg_cand, word_start, word_len), (seg_orig, cuts) = with_cand, without
    rows = np.arange(len(pos))
    first = pos - SPAN
    aligned = cuts[rows, word_start - first] & cuts[rows, word_start + word_len - first]
    pair_key = (2 << (keys.BITS * keys.MAX_WORD)) | (ca << keys.BITS) | cb
    orig_key = orig_key[rare][keep]
    features = np.column_stack(
        [
            char_gain,
            seg_cand - seg_orig,
            model.words(orig_key)[0] > 0,
            word_len >= 2,
            np.ones(len(pos)),
            np.zeros(len(pos)),
            np.zeros(len(pos)),
            (np.log(model.unigram_p[oa]) + np.log(model.unigram_p[ob])) / 2,
            (np.log(model.unigram_p[ca]) + np.log(model.unigram_p[cb])) / 2,
            np.maximum(w.cover[pos], w.cover[pos + 1]) / 10,
            local * 2 / 3,  # three bigrams, where a single character has two
            model.words(pair_key)[0] / 10,
            np.zeros(len(pos)),
            (word_len >= 2) * (seg_cand - seg_orig),
            aligned & (word_start <= pos) & (pos + 2 <= word_start + word_len),
            orig_chain / 4,
            word_len >= 3,
        ]
    ).astype(np.float64)
    support = np.column_stack(
        [
            model.words(orig_key)[0] / 10,
            np.log1p(model.bigram(oa, ob)),
            np.zeros(len(pos)),
            w.name[pos] | w.name[pos + 1],
        ]
    )
    return Scored(
        pos,
        (ca << keys.BITS) | cb,
        np.full(len(pos), SOUND_SAME),
        word_start,
        word_len,
        features,
        support.astype(np.float64),
    )


def _chain_logp(model: SpellingModel, chain: list, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """log P of the four trigrams over chain[0:6] with ``a`` and ``b`` in slots 2 and 3."""
    ids = [chain[0], chain[1], a, b, chain[4], chain[5]]
    bigrams = [model.bigram(ids[j], ids[j + 1]) for j in range(5)]
    return sum(
        model.log_p3(ids[j], ids[j + 1], ids[j + 2], bigrams[j], bigrams[j + 1]) for j in range(4)
    )
