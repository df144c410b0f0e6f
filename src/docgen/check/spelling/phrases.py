"""Fixed phrases written with one confusable character wrong (再接再励 for 再接再厉).

The phrases are the glossary corpora/fixed_phrases.txt (and an office's own file of that
name) plus the common idioms of jieba's dictionary shipped in the model. Every window of a
phrase's length is hashed with each character masked in turn, so one vectorised lookup per
length finds all windows that differ from a phrase in exactly one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...errors import Problem
from .model import SpellingModel

FILE = "fixed_phrases.txt"
MIN_LEN, MAX_LEN = 4, 12
_PHRASE = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{4,12}$")
_MASK = (1 << 64) - 1
_BASE = 0x9E3779B97F4A7C15  # odd, so the hash mixes every character


@dataclass(frozen=True)
class PhraseHit:
    """text[start:end] should read ``phrase``; the character at ``start + offset`` differs."""

    start: int
    end: int
    phrase: str
    offset: int
    glossary: bool  # from the glossary (True) or from the idiom list (False)


def read_glossary(folder: Path, problems: list[Problem]) -> list[str]:
    """The phrases of ``folder``/fixed_phrases.txt (none if absent); bad lines to ``problems``."""
    path = folder / FILE
    if not path.is_file():
        return []
    out: list[str] = []
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        phrase = line.split("\t")[0].strip()
        if not _PHRASE.match(phrase):
            problems.append(
                Problem(
                    f"{FILE}:{n}",
                    f"短语“{phrase}”格式不对",
                    hint="每行一条：4～12 个汉字的短语，可跟一个 Tab 和类别，不含标点和空格",
                )
            )
            continue
        out.append(phrase)
    return out


def _powers(length: int) -> list[int]:
    return [pow(_BASE, j + 1, 1 << 64) for j in range(length)]


class PhraseIndex:
    """Masked hashes of every phrase, by length, for one model's character ids."""

    def __init__(self, model: SpellingModel, glossary: Iterable[str], idioms: Iterable[str]):
        self.model = model
        self.phrases: list[str] = []
        self.glossary: list[bool] = []
        self.known: set[str] = set()
        self.in_glossary: set[str] = set(glossary)
        rows: dict[int, list[tuple[int, int, int]]] = {}
        for phrase, from_glossary in [(p, True) for p in glossary] + [(p, False) for p in idioms]:
            if phrase in self.known or not MIN_LEN <= len(phrase) <= MAX_LEN:
                continue
            ids = [int(i) for i in model.ids(phrase)]
            if min(ids) < 2:
                continue
            self.known.add(phrase)
            number = len(self.phrases)
            self.phrases.append(phrase)
            self.glossary.append(from_glossary)
            pw = _powers(len(phrase))
            whole = sum(i * p for i, p in zip(ids, pw, strict=True)) & _MASK
            for k, (i, p) in enumerate(zip(ids, pw, strict=True)):
                rows.setdefault(len(phrase), []).append(((whole - i * p) & _MASK, number, k))
        self._tables: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for length, items in rows.items():
            items.sort()
            self._tables[length] = (
                np.array([r[0] for r in items], np.uint64),
                np.array([r[1] for r in items], np.int64),
                np.array([r[2] for r in items], np.int64),
            )

    def find(self, text: str, ids: np.ndarray) -> list[PhraseHit]:
        """Windows of ``text`` (ids one per character) one confusable away from a phrase."""
        hits: list[PhraseHit] = []
        values = ids.astype(np.uint64)
        for length, (table, numbers, offsets) in self._tables.items():
            m = len(ids) - length + 1
            if m <= 0:
                continue
            pw = np.array(_powers(length), np.uint64)
            whole = np.zeros(m, np.uint64)
            for j in range(length):
                whole += values[j : j + m] * pw[j]
            for k in range(length):
                masked = whole - values[k : k + m] * pw[k]
                at = np.searchsorted(table, masked)
                at = np.minimum(at, len(table) - 1)
                for s in np.flatnonzero(table[at] == masked):
                    hits.extend(self._verify(text, int(s), int(at[s]), table, numbers, offsets))
        return hits

    def _verify(self, text, start, at, table, numbers, offsets) -> Iterable[PhraseHit]:
        key = table[at]
        while at < len(table) and table[at] == key:
            phrase = self.phrases[int(numbers[at])]
            k = int(offsets[at])
            window = text[start : start + len(phrase)]
            at += 1
            from_glossary = self.glossary[int(numbers[at - 1])]
            if (
                window not in self.in_glossary
                and (from_glossary or window not in self.known)
                and window[:k] == phrase[:k]
                and window[k + 1 :] == phrase[k + 1 :]
                and self._confusable(window[k], phrase[k])
            ):
                yield PhraseHit(start, start + len(phrase), phrase, k, from_glossary)

    def _confusable(self, wrong: str, right: str) -> bool:
        if wrong == right or int(self.model.ids(wrong)[0]) < 2:
            return False
        return right in self.model.confusables(wrong) or wrong in self.model.confusables(right)
