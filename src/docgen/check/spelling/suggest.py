"""The best replacement at each place: single characters, neighbours, homophone words.

Neighbouring suspects (乖买 for 拐卖) are scored again, each with the other's best
replacement applied, since each one's own context is broken by the other; a homophone word
(暴涨 for 保障) replaces both characters when it scores better than either alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import keys, pairs, scoring
from .detect import score_candidates
from .model import SOUND_NEAR, SOUND_SAME, SpellingModel
from .scoring import PAD, SPAN, Scored

#: Word evidence: the replacement forms a word and no word commoner than this (ln count)
#: covers the original character (镇级 keeps 级 from becoming 居 of 居民; a rare entry of
#: the word list such as 细布 in 详细布署 does not).
EVIDENCE_COVER = 3.0
CLUSTER_GAP = 3  # corrections this close are scored again with each other applied
CONTEXT_SLACK = 1.5  # a correction this far below the threshold still serves as context
#: Doubt: what speaks for the original as written, taken off a suggestion's score when it
#: is weighed as a hint (a warning needs no doubt only below SURE). Per ln(1 + count) of
#: the original's own bigram in the training text where the replacement forms a
#: two-character word: that word is then no more than one commoner bigram, while the
#: original reads as written text does (滞后, 微信 are no slips for 之后, 微型) ...
ORIG_PAIR = 0.6
#: ... and, for a homophone word, per ln count of the written pair as a word and per
#: ln(1 + count) of it as a bigram in the training text (尚有, 成事 read as written: only a
#: clear context makes them 上游, 城市).
PAIR_WORD = 0.15
PAIR_BIGRAM = 0.3
#: ... and per ln count of the original characters as a word where a look-alike (not a
#: sound-alike) character would form its word: typed text slips by sound, so a real word
#: one stroke pattern from another (找准, 批准) is seldom a slip.
SHAPE_WORD = 0.5
#: A homophone word replaces both characters without word evidence at this score: the
#: word it completes may take a character from the original's word (盛泰环境监测 for
#: 生态环境监测: 生态环境 and 环境监测 both parse), and each character alone reads badly,
#: its context broken by the other.
PAIR_PLAIN = 3.0


@dataclass(frozen=True)
class Suggestion:
    """Replace text[pos:pos+len(char)] by ``char``; ``word`` is the word it forms."""

    pos: int
    char: str  # one character, or two for a homophone word
    kind: int  # SOUND_SAME / SOUND_NEAR / SHAPE bits
    word: str
    score: float
    word_evidence: bool  # the replacement forms a word; the original is in no common word
    doubt: float = 0.0  # evidence for the original (inf: a parallel frame, 边查边改)
    named: bool = False  # the original lies in a name of the word list


def suggest(model: SpellingModel, text: str, threshold: float) -> list[Suggestion]:
    """The best replacement of every position scoring at least ``threshold``.

    Neighbouring suspects (乖买 for 拐卖) are scored again, each with the other's best
    replacement applied, since each one's own context is broken by the other; a homophone
    word (暴涨 for 保障) replaces both characters when it scores better than either alone.
    """
    pad = np.zeros(PAD, np.int64)
    padded = np.concatenate([pad, model.ids(text), pad])
    w = scoring.windows(model, padded)  # shared by single characters and homophone words
    best = _best(model, score_candidates(model, padded, w), threshold - CONTEXT_SLACK)
    best.update(_rescore_clusters(model, padded, best))
    best = {p: row for p, row in best.items() if row[2] >= threshold}
    if len(model.hom_keys):
        scored = pairs.score_pairs(model, padded, w)
        found = _best(model, scored, threshold, pairs.PAIR_OFFSET, size=2)
        for p, row in found.items():
            rivals = [best[q][2] for q in (p, p + 1) if q in best]
            sure = row[6] or row[2] >= PAIR_PLAIN
            if sure and all(row[2] > r for r in rivals) and p - 1 not in found:
                best.pop(p, None)
                best.pop(p + 1, None)
                best[p] = row
    out = [_suggestion(model, padded, row) for row in best.values()]
    return sorted(out, key=lambda x: x.pos)


Row = tuple[int, int, float, int, int, int, bool, int, float, bool]
# (position, candidate, score, kind, word start, word length, word evidence, characters,
#  doubt, named)


def _best(
    model: SpellingModel, s: Scored, threshold: float, offset: float = 0.0, size: int = 1
) -> dict[int, Row]:
    score = s.score(model.weights or scoring.DEFAULT_WEIGHTS, model.bias) + offset
    # a longer word formed (联席会议, 互联网, 党支部) is more than one commoner bigram: no doubt
    short = s.word_len <= 2
    if size == 1:
        doubt = ORIG_PAIR * np.where(short, s.column("orig_pair_logc"), 0.0)
        shape = (s.kind & (SOUND_SAME | SOUND_NEAR)) == 0
        doubt += SHAPE_WORD * np.where(shape, s.column("orig_word_logc"), 0.0)
    else:
        written = PAIR_WORD * s.column("orig_word_logc") + PAIR_BIGRAM * s.column("orig_pair_logc")
        doubt = np.where(short, written, 0.0)
    doubt = np.where(s.column("frame") > 0, np.inf, doubt)
    evidence = (s.column("cand_word") > 0) & (s.column("aligned") > 0)
    if size == 1:
        evidence &= s.column("cover") < EVIDENCE_COVER
    named = s.column("name") > 0
    rows: dict[int, Row] = {}
    for i in scoring.best_per_position(s.pos, score, 1):
        if score[i] >= threshold:
            rows[int(s.pos[i])] = (
                int(s.pos[i]),
                int(s.cand[i]),
                float(score[i]),
                int(s.kind[i]),
                int(s.word_start[i]),
                int(s.word_len[i]),
                bool(evidence[i]),
                size,
                float(doubt[i]),
                bool(named[i]),
            )
    return rows


def _rescore_clusters(model: SpellingModel, padded: np.ndarray, best: dict[int, Row]):
    """Rows of clustered positions re-scored with their neighbours' replacements applied."""
    positions = sorted(best)
    clusters: list[list[int]] = []
    for p in positions:
        if clusters and p - clusters[-1][-1] <= CLUSTER_GAP:
            clusters[-1].append(p)
        else:
            clusters.append([p])
    pieces: list[np.ndarray] = []
    where: list[tuple[int, int, int, bool]] = []  # position, piece offset, piece start, trust
    size = 0
    for cluster in (c for c in clusters if len(c) > 1):
        lo, hi = cluster[0] - 2 * SPAN, cluster[-1] + 2 * SPAN + 1
        lo, hi = max(lo, 0), min(hi, len(padded))
        for p in cluster:
            piece = padded[lo:hi].copy()
            for q in cluster:
                if q != p:
                    piece[q - lo] = best[q][1]
            pieces.append(np.concatenate([np.zeros(PAD, np.int64), piece]))
            # a surer neighbour's replacement is trusted: its context decides alone
            trust = max(best[q][2] for q in cluster if q != p) > best[p][2]
            where.append((p, size + PAD, lo, trust))
            size += PAD + hi - lo
    if not pieces:
        return {}
    joined = np.concatenate([*pieces, np.zeros(PAD, np.int64)])
    again = _best(model, score_candidates(model, joined), -np.inf)
    out: dict[int, Row] = {}
    for p, offset, lo, trust in where:
        row = again.get(offset + p - lo)
        if row is None and trust:
            out[p] = (p, best[p][1], -np.inf, *best[p][3:])
        elif row is not None and (trust or row[2] > best[p][2]):
            shift = lo - offset
            out[p] = (p, row[1], row[2], row[3], row[4] + shift, *row[5:])
    return out


def _suggestion(model: SpellingModel, padded: np.ndarray, row: Row) -> Suggestion:
    pos, cand, score, kind, start, length, evidence, size, doubt, named = row
    replacement = [cand] if size == 1 else [cand >> keys.BITS, cand & keys.MAX_ID]
    ids = padded[start : start + length].copy()
    for k, c in enumerate(replacement):
        if start <= pos + k < start + length:
            ids[pos + k - start] = c
    word = "".join(model.char(int(x)) for x in ids) if length > 1 else ""
    chars = "".join(model.char(int(c)) for c in replacement)
    return Suggestion(pos - PAD, chars, kind, word, score, evidence, doubt, named)
