"""Mine candidate domain terms from a cleaned corpus: TF-IDF against jieba's general IDF, with DF.

Segmentation goes through the checker's tokenizer (docgen.check.tokenizer), so jieba is
set up in one place only; jieba's bundled IDF table is read as a plain file.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from docgen.corpus.damage import MARK

from ..check.tokenizer import is_jieba_word
from ..textio import read_text

_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
#: Words frequent in any speech that are never terms.
_STOP_TEXT = """
我们 你们 他们 同志 同志们 工作 要求 进一步 一是 二是 三是 一要 二要 三要 今年 去年 全年
今天 刚才 这次 会议 讲话 下面 大家 一个 一些 有的 没有 不是 就是 还是 以及 按照 根据 通过
进行 开展 加强 做好 抓好 确保 力争 切实 认真 全面 各村 全镇 全县 目前 同时 其中 方面 情况
问题 部分 主要 希望 意见 以上 以下 之前 期间 其他 有关 相关 这个 那个 什么 怎么 已经 可以
需要 继续
"""
STOPWORDS = frozenset(_STOP_TEXT.split())
ACCEPT = frozenset({"是", "y", "yes", "1", "√", "✓", "采纳"})
HEADER = ("词语", "得分", "文档数", "出现次数", "类型", "已在词表", "采纳", "例句")


@dataclass(frozen=True)
class Term:
    """A candidate term with its evidence."""

    word: str
    score: float
    docs: int
    count: int
    kind: str  # 词 or 词组
    known: bool
    example: str

    def row(self) -> str:
        cells = (
            self.word, f"{self.score:.3f}", str(self.docs), str(self.count), self.kind,
            "是" if self.known else "", "", self.example,
        )  # fmt: skip
        return "\t".join(c.replace("\t", " ") for c in cells)


@lru_cache(maxsize=1)
def background_idf() -> tuple[dict[str, float], float]:
    """jieba's general-language IDF table (word → idf) and its median for unseen words."""
    spec = importlib.util.find_spec("jieba")
    idf: dict[str, float] = {}
    if spec and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))) / "analyse" / "idf.txt"
        if path.is_file():
            for line in read_text(path).splitlines():
                word, _, value = line.partition(" ")
                try:
                    idf[word] = float(value)
                except ValueError:
                    continue
    values = sorted(idf.values())
    median = values[len(values) // 2] if values else 10.0
    return idf, median


def plain(text: str) -> str:
    """Blank out heading marks and damaged spans, keeping every offset."""
    text = re.sub(r"^#+ ", lambda m: " " * len(m.group(0)), text, flags=re.M)
    return MARK.sub(lambda m: "。" * len(m.group(0)), text)


def _segments(text: str) -> list[list[tuple[str, int, int]]]:
    """Tokens per run of Han text, with offsets, markup and damaged spans removed."""
    from docgen.check.tokenizer import tokens

    runs = []
    for m in re.finditer(r"[\u4e00-\u9fff]+", text):
        runs.append([(w, m.start() + s, m.start() + e) for w, s, e in tokens(m.group(0))])
    return runs


def candidates(texts: dict[str, str], known: set[str], top: int = 50) -> list[Term]:
    """Score words and two-word phrases across documents; more documents → higher score."""
    idf, median = background_idf()
    counts: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    examples: dict[str, str] = {}
    total = 0
    for raw in texts.values():
        text = plain(raw)
        seen: set[str] = set()
        for run in _segments(text):
            total += len(run)
            grams = [(w, s, e, "词") for w, s, e in run]
            grams += [
                (a + b, s, e, "词组")
                for (a, s, _), (b, _, e) in pairwise(run)
                if 3 <= len(a + b) <= 8 and len(a) >= 2 and len(b) >= 2
            ]
            for word, start, end, kind in grams:
                if not _HAN_WORD.fullmatch(word) or word in STOPWORDS:
                    continue
                counts[word] += 1
                kinds[word] = kind
                seen.add(word)
                examples.setdefault(word, _sentence_around(text, start, end))
        docs.update(seen)
    n_docs = max(len(texts), 1)
    terms = []
    for word, count in counts.items():
        if kinds[word] == "词组" and count < 2:
            continue
        weight = idf.get(word, median)
        if kinds[word] == "词组":
            weight = median  # a phrase is rare in general language by construction
        score = (
            count
            / max(total, 1)
            * 1000
            * weight
            * (1 + math.log(docs[word]))
            * (docs[word] / n_docs)
        )
        terms.append(
            Term(word, score, docs[word], count, kinds[word], word in known, examples[word])
        )
    terms.sort(key=lambda t: (-t.score, t.word))
    return terms[:top]


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(p, 0, start) for p in "。！？\n") + 1
    rights = [i for i in (text.find(p, end) for p in "。！？\n") if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right].strip()[:60]


def read_known(paths: list[Path]) -> set[str]:
    """Words already in glossaries: the first field of each line (TSV or jieba user dictionary)."""
    words: set[str] = set()
    for path in paths:
        if path.is_file():
            for line in read_text(path).splitlines():
                field = re.split(r"[\t ]", line.strip(), maxsplit=1)[0]
                if field and not field.startswith("#"):
                    words.add(field)
    return words


def write_tsv(terms: list[Term], path: Path) -> None:
    """The review sheet: the secretary writes 是 in 采纳 for the terms to keep."""
    lines = ["\t".join(HEADER), *(t.row() for t in terms)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def accepted(tsv: Path) -> tuple[list[str], list[str]]:
    """Words marked 采纳 in a reviewed sheet, and problems (file:line) with the sheet."""
    lines = read_text(tsv).splitlines()
    if not lines or lines[0].split("\t")[:1] != ["词语"] or "采纳" not in lines[0].split("\t"):
        return [], [f"{tsv.name}:1：第一行应是表头（词语 … 采纳 …），这不是 corpus terms 生成的表"]
    col = lines[0].split("\t").index("采纳")
    words, problems = [], []
    for lineno, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) <= col or cells[col].strip().lower() not in ACCEPT:
            continue
        word = cells[0].strip()
        if not is_jieba_word(word):
            problems.append(
                f"{tsv.name}:{lineno}：“{word}”含空格或标点，分词词典无法使用，请改写或删去"
            )
        else:
            words.append(word)
    return words, problems


def merge(words: list[str], glossary: Path) -> list[str]:
    """Append new words to a jieba user dictionary (one word a line); return those added."""
    present = read_known([glossary])
    new = [w for w in dict.fromkeys(words) if w not in present]
    if new:
        existing = read_text(glossary) if glossary.is_file() else ""
        sep = "" if not existing or existing.endswith("\n") else "\n"
        glossary.parent.mkdir(parents=True, exist_ok=True)
        glossary.write_text(existing + sep + "\n".join(new) + "\n", encoding="utf-8")
    return new
