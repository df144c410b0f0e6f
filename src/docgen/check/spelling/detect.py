"""Find single characters that a confusable character would make much more probable.

Three steps, each on whole arrays: (1) keep positions that no common word covers and whose
bigrams are improbable; (2) rank every confusable there by bigram probability and keep the
best few; (3) score those by a character trigram window plus the best word segmentation of
the nine characters around (a change that forms a word by stealing a character from a
better word loses).
"""

from __future__ import annotations

import numpy as np

from . import keys, scoring
from .model import SOUND_NEAR, SOUND_SAME, SpellingModel
from .scoring import PAD, SPAN, Scored, Windows

#: A position is examined when its two bigrams are this improbable together (natural log)
#: and no word commoner than COVER_MAX (10·ln count) covers it …
PREFILTER = -9.0
COVER_MAX = 75.0
#: … or, inside such a word, when they are this improbable (防止法 for 防治法) …
PREFILTER_COVERED = -11.0
#: … or when the three character trigrams through it are this improbable together: each
#: bigram reads well, yet the longer context has never continued so (海关总数 for 海关总署,
#: 自觉卫护 for 自觉维护).
PREFILTER_TRIGRAM = -20.0
STAGE1_KEEP = 10  # candidates per position scored in full …
STAGE1_MIN = -2.0  # … if their bigram gain over the original is at least this


def _protected(model: SpellingModel, padded: np.ndarray, at: np.ndarray, w: Windows):
    """Numerals, ordinals' counters, office names' one-character suffixes (卫生健康委)."""
    office = np.isin(padded[at], model.org_suffix) & (w.logp[2][at - 2] > scoring.NO_WORD)
    return office | np.isin(padded[at], model.numerals) | scoring.after_ordinal(model, padded, at)


def _suspects(model: SpellingModel, padded: np.ndarray, w: Windows) -> np.ndarray:
    """Padded positions worth trying confusables at."""
    at = np.arange(PAD, len(padded) - PAD)
    c = padded[at]
    has = (c >= 2) & (model.conf_off[c + 1] > model.conf_off[c])
    at = at[has & ~w.standing[at]]  # a name in running text too: 身体建康 for 身体健康
    at = at[~_protected(model, padded, at, w)]
    local = model.log_p2(padded[at - 1], padded[at]) + model.log_p2(padded[at], padded[at + 1])
    limit = np.where(w.cover[at] < COVER_MAX, PREFILTER, PREFILTER_COVERED)
    strange = local < limit
    rest = at[~strange]
    trigram = scoring.window_logp(model, padded, rest, padded[rest]) < PREFILTER_TRIGRAM
    strange[~strange] = trigram
    return at[strange]


def score_candidates(model: SpellingModel, padded: np.ndarray, w: Windows | None = None) -> Scored:
    """Confusables at the suspect positions of ``padded`` with their features."""
    w = w or scoring.windows(model, padded)
    at = _suspects(model, padded, w)
    pos, cand, kind, orig, local, stage1 = _stage1(model, padded, at)
    keep = scoring.best_per_position(pos, stage1, STAGE1_KEEP)
    keep = keep[stage1[keep] > STAGE1_MIN]
    pos, cand, kind, orig, local = pos[keep], cand[keep], kind[keep], orig[keep], local[keep]
    orig_window = scoring.window_logp(model, padded, pos, orig)
    char_gain = scoring.window_logp(model, padded, pos, cand) - orig_window
    with_cand, without = scoring.segment_with_and_without(model, w, pos, [(0, orig, cand)])
    (seg_cand, word_start, word_len), (seg_orig, cuts) = with_cand, without
    rows = np.arange(len(pos))
    first = pos - SPAN
    aligned = cuts[rows, word_start - first] & cuts[rows, word_start + word_len - first]
    orig_word = np.zeros(len(pos), bool)
    orig_logc = np.zeros(len(pos))
    cand_logc = np.zeros(len(pos))
    for length in range(2, keys.MAX_WORD + 1):
        sel = word_len == length
        lp = w.logp[length][word_start[sel]]
        orig_word[sel] = lp > scoring.NO_WORD
        orig_logc[sel] = np.where(lp > scoring.NO_WORD, lp + model.word_log_total, 0.0)
        k = pos[sel] - word_start[sel]
        key = w.keys[length][word_start[sel]] + (
            (cand[sel] - orig[sel]) << (keys.BITS * (length - 1 - k))
        )
        cand_logc[sel] = model.words(key)[0] / 10
    # the original's own bigrams inside the formed word: seen in training, the original reads
    # as written text does (微信, 滞后) however much commoner the formed word is
    end = word_start + word_len
    left_in = (word_len >= 2) & (word_start <= pos - 1)
    right_in = (word_len >= 2) & (pos + 1 < end)
    pair = np.maximum(
        np.where(left_in, model.bigram(padded[pos - 1], orig), 0.0),
        np.where(right_in, model.bigram(orig, padded[pos + 1]), 0.0),
    )
    features = np.column_stack(
        [
            char_gain,
            seg_cand - seg_orig,
            orig_word,
            word_len >= 2,
            (kind & SOUND_SAME) > 0,
            (kind & (SOUND_SAME | SOUND_NEAR)) == SOUND_NEAR,
            (kind & (SOUND_SAME | SOUND_NEAR)) == 0,
            np.log(model.unigram_p[orig]),
            np.log(model.unigram_p[cand]),
            w.cover[pos] / 10,
            local,
            cand_logc,
            scoring.repeated(padded, pos),
            (word_len >= 2) * (seg_cand - seg_orig),
            aligned,
            orig_window / 3,
            word_len >= 3,
        ]
    ).astype(np.float64)
    support = np.column_stack([orig_logc, np.log1p(pair), scoring.frame(padded, pos), w.name[pos]])
    return Scored(pos, cand, kind, word_start, word_len, features, support.astype(np.float64))


def _stage1(model: SpellingModel, padded: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, ...]:
    """(pos, cand, kind, orig, local, stage1) for every allowed confusable at positions
    ``at``, in position order and ``model.candidates`` order within a position.

    ``local`` and ``stage1`` depend only on a character and its two neighbours, and texts
    scored together repeat most such triples (a batch's village documents differ in a few
    words), so the bigram lookups are made once per distinct triple and copied out.
    """
    left, mid, right = padded[at - 1], padded[at], padded[at + 1]
    triple = (((left << keys.BITS) | mid) << keys.BITS) | right
    _, first, inverse = np.unique(triple, return_index=True, return_inverse=True)
    owner, cand, kind = model.candidates(mid[first])
    orig = mid[first][owner]
    ok = ~(np.isin(orig, model.levels) & np.isin(cand, model.levels))
    ok &= ~np.isin(orig, model.particles) & ~np.isin(cand, model.particles)
    owner, cand, kind, orig = owner[ok], cand[ok], kind[ok], orig[ok]
    a, b = left[first][owner], right[first][owner]
    local = model.log_p2(a, orig) + model.log_p2(orig, b)
    stage1 = model.log_p2(a, cand) + model.log_p2(cand, b) - local
    # each position takes its triple's rows, as model.candidates lays out a position's
    per_triple = np.bincount(owner, minlength=len(first))
    inverse = inverse.ravel()  # numpy 2.0 and 2.1 give it the shape of ``triple``'s input
    count = per_triple[inverse]
    start = (np.cumsum(per_triple) - per_triple)[inverse]
    rows = np.repeat(start - np.cumsum(count) + count, count) + np.arange(count.sum())
    pos = np.repeat(at, count)
    return pos, cand[rows], kind[rows], orig[rows], local[rows], stage1[rows]
