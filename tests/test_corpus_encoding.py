"""Corpus files arrive in UTF-8, GBK or Big5; the right one is picked, lost bytes are marked."""

from __future__ import annotations

from pathlib import Path

from docgen.corpus.clean import clean_text
from docgen.corpus.damage import find_marks
from docgen.corpus.encoding import decode_corpus, read_corpus_file

RAW = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "raw"
TRAD = "各村（社區）要認真做好人口計劃生育工作，全鎮幹部要切實提高認識。"
SIMP = "各村（社区）要认真做好人口计划生育工作，全镇干部要切实提高认识。"


def test_big5_and_gbk_told_apart() -> None:
    assert decode_corpus(TRAD.encode("big5")).text == TRAD
    assert decode_corpus(TRAD.encode("big5")).encoding == "Big5"
    assert decode_corpus(SIMP.encode("gbk")).text == SIMP
    assert decode_corpus(SIMP.encode("gbk")).encoding == "GBK"
    assert decode_corpus(SIMP.encode("utf-8")).encoding == "UTF-8"
    assert decode_corpus(b"\xef\xbb\xbf" + SIMP.encode("utf-8")).text == SIMP


def test_sample_files_are_in_the_encodings_they_claim() -> None:
    assert read_corpus_file(RAW / "notice-2020-gbk.txt").encoding == "GBK"
    assert read_corpus_file(RAW / "speech-2018-big5.txt").encoding == "Big5"
    assert "\r" not in read_corpus_file(RAW / "speech-2018-big5.txt").text


def test_mixed_encodings_are_marked_not_guessed() -> None:
    decoded = decode_corpus(SIMP.encode("gbk") + b"\n" + TRAD.encode("big5") + "好".encode())
    assert decoded.lossy
    marks = find_marks(clean_text(decoded.text), "x.md")
    assert marks and all(m.kind in {"无法解码", "编码错乱"} for m in marks)
