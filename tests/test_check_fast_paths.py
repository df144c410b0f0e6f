"""The checker's shortcuts answer exactly as the long way would."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.check import check_text, tokenizer
from docgen.check.config import CheckConfig
from docgen.check.matcher import PhraseIndex

# Han characters that form common words, ASCII, full-width forms, punctuation and whitespace:
# the places where jieba's blocks begin and end.
_HAN = "推进乡村振兴全面落实整改工作要求认真学习"
_OTHER = ["Ａ", "１", " ", "\r\n", *"ab12.%-", *"，。、“”（）《》"]
_PIECES = st.sampled_from([*_HAN, *_OTHER])
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_edges_cut_block_by_block_are_the_edges_of_the_whole_text(text: str) -> None:
    whole = tokenizer.boundaries(text)
    edges = tokenizer.Edges(text)
    assert [p for p in range(len(text) + 1) if p in edges] == sorted(whole)


_PHRASES = st.lists(st.text(alphabet="甲乙丙丁戊", min_size=1, max_size=4), max_size=12)


@settings(max_examples=200, deadline=None)
@given(_PHRASES, st.text(alphabet="甲乙丙丁戊己，", max_size=40))
def test_the_phrase_index_finds_what_trying_every_place_finds(
    phrases: list[str], text: str
) -> None:
    index = PhraseIndex((phrase, n) for n, phrase in enumerate(phrases))
    found = sorted(index.scan(text))
    expected = sorted(
        (i, i + len(phrase), n)
        for i in range(len(text))
        for n, phrase in enumerate(phrases)
        if text.startswith(phrase, i)
    )
    assert found == expected


def test_single_character_phrases_are_found_beside_longer_ones() -> None:
    index = PhraseIndex([("禁", "one"), ("禁用", "two")])
    assert list(index.scan("不得禁用。禁")) == [(2, 4, "two"), (2, 3, "one"), (5, 6, "one")]


def _codes(text: str) -> list[str]:
    return [f.code for f in check_text(text, CheckConfig(disabled=frozenset({"别字"})))]


def test_dates_without_a_month_character_are_still_read() -> None:
    assert "NU05" in _codes("会议定于2026.3.5在镇政府召开。")
    assert "NU05" in _codes("会议定于2026-3-5在镇政府召开。")
    assert "NU05" not in _codes("全镇完成3.5万亩整治。")


def test_placeholders_are_found_by_each_of_their_marks() -> None:
    for text in ("联系人：XXX。", "日期：20××年。", "【待补充】", "金额□□元。", "＊＊号文件"):
        assert "PH01" in _codes(text), text
    assert "PH01" not in _codes("二○○六年建成。")  # a year written with circles for zero


def test_remembered_segmentations_are_forgotten_when_a_word_is_added() -> None:
    # a made-up seven-character term: jieba cuts it into single characters until it is added
    term = "甲乙丙丁戊己庚"
    text = f"推进{term}工作，{term}要落实"
    before = tokenizer.tokens(text)
    tagged_before = tokenizer.pos_tokens(text)
    edges_before = tokenizer.Edges(text)
    assert (term, 2, 9) not in before
    assert 7 in edges_before  # inside the term: an edge while it is unknown
    tokenizer.add_words([(term, 100, "n")])
    assert (term, 2, 9) in tokenizer.tokens(text)
    assert (term, "n", 2, 9) in tokenizer.pos_tokens(text)
    assert tagged_before != tokenizer.pos_tokens(text)
    assert 7 not in tokenizer.Edges(text)
    assert tokenizer.tokens(text) == tuple(
        tokenizer.tokenizer().tokenize(tokenizer.normalise(text), HMM=False)
    )


def test_the_segmentation_memo_keeps_what_is_used_within_its_bound(monkeypatch) -> None:
    monkeypatch.setattr(tokenizer, "MEMO_CHARS", 30)
    tokenizer._forget()  # an empty memo to start from
    made: list[str] = []
    segment = tokenizer._tokens
    monkeypatch.setattr(tokenizer, "_tokens", lambda text: made.append(text) or segment(text))
    shared = "加强组织领导"  # what every village's document repeats
    for n in range(12):
        tokenizer.tokens(shared)
        tokenizer.tokens(f"第{n}次会议")
    kept = [text for _, text in tokenizer._memo]
    assert sum(map(len, kept)) <= 30
    assert made.count(shared) == 1  # used all along: never the least recently used
    assert "第0次会议" not in kept
    assert tokenizer.tokens("第0次会议") == tuple(
        tokenizer.tokenizer().tokenize("第0次会议", HMM=False)
    )


def _stage1_the_long_way(model, padded, at):
    """Every confusable of every position, each looked up on its own (before the shortcut)."""
    owner, cand, kind = model.candidates(padded[at])
    pos = at[owner]
    orig = padded[pos]
    ok = ~(np.isin(orig, model.levels) & np.isin(cand, model.levels))
    ok &= ~np.isin(orig, model.particles) & ~np.isin(cand, model.particles)
    pos, cand, kind, orig = pos[ok], cand[ok], kind[ok], orig[ok]
    left, right = padded[pos - 1], padded[pos + 1]
    local = model.log_p2(left, orig) + model.log_p2(orig, right)
    stage1 = model.log_p2(left, cand) + model.log_p2(cand, right) - local
    return pos, cand, kind, orig, local, stage1


# clauses a batch repeats, levels and particles (left out of stage 1), and stray characters
_CLAUSES = st.sampled_from(
    ["加强组织领导", "县乡村三级", "做好的工作", "认真整改了", "白沙村", "，"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_CLAUSES, min_size=1, max_size=30), st.randoms(use_true_random=False))
def test_stage_one_per_distinct_triple_equals_every_position_on_its_own(clauses, rnd) -> None:
    from docgen.check.spelling import detect, scoring
    from docgen.check.spelling.model import load

    model = load()
    text = "".join(clauses)
    pad = np.zeros(scoring.PAD, np.int64)
    padded = np.concatenate([pad, model.ids(text), pad])
    inside = list(range(scoring.PAD, len(padded) - scoring.PAD))
    at = np.array(sorted(rnd.sample(inside, rnd.randint(0, len(inside)))), dtype=np.int64)
    quick = detect._stage1(model, padded, at)
    slow = _stage1_the_long_way(model, padded, at)
    for a, b in zip(quick, slow, strict=True):
        assert a.dtype == b.dtype
        assert np.array_equal(a, b)


def test_a_segmentation_made_while_a_word_is_added_is_not_remembered(monkeypatch) -> None:
    # another thread adds a word while this one segments: what it made is already stale
    term = "丁戊己庚辛"
    text = f"落实{term}要求"
    segment = tokenizer._tokens

    def meanwhile(t: str):
        made = segment(t)
        tokenizer.add_words([(term, 100, "n")])
        return made

    monkeypatch.setattr(tokenizer, "_tokens", meanwhile)
    stale = tokenizer.tokens(text)
    monkeypatch.setattr(tokenizer, "_tokens", segment)
    assert (term, 2, 7) not in stale
    assert (term, 2, 7) in tokenizer.tokens(text)
