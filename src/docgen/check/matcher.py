"""Find every listed phrase in a text in one pass (longest candidates tried first)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class PhraseIndex(Generic[T]):
    """Every listed phrase in a text, found through the phrases' first two characters.

    A regular expression (a first character followed by a possible second one) lets the scan
    skip, in C, every position where no phrase can start; only there does the Python loop
    look the two characters up. Matching on the first character alone stopped at most
    characters of a text (most common characters start some phrase) and cost three times
    as much (bench/spelling_bench.py, --no-spelling).
    """

    def __init__(self, items: Iterable[tuple[str, T]]) -> None:
        self._table: dict[str, list[T]] = defaultdict(list)
        for phrase, payload in items:
            if phrase:
                self._table[phrase].append(payload)
        lengths: dict[str, set[int]] = defaultdict(set)  # two first characters → lengths
        for phrase in self._table:
            if len(phrase) > 1:
                lengths[phrase[:2]].add(len(phrase))
        self._lengths = {pair: sorted(ls, reverse=True) for pair, ls in lengths.items()}
        self._singles = {phrase for phrase in self._table if len(phrase) == 1}
        firsts = "".join(sorted({pair[0] for pair in self._lengths}))
        seconds = "".join(sorted({pair[1] for pair in self._lengths}))
        branches = [f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])"] if firsts else []
        if self._singles:
            branches.append(f"[{re.escape(''.join(sorted(self._singles)))}]")
        self._starts = re.compile("|".join(branches)) if branches else None

    def __len__(self) -> int:
        return len(self._table)

    def scan(self, text: str) -> Iterator[tuple[int, int, T]]:
        """Every (start, end, payload) of a listed phrase, by start then longest first."""
        if self._starts is None:
            return
        table, lengths, singles, n = self._table, self._lengths, self._singles, len(text)
        for m in self._starts.finditer(text):
            i = m.start()
            sizes = lengths.get(text[i : i + 2], [])
            if text[i] in singles:
                sizes = [*sizes, 1]
            for size in sizes:
                if i + size > n:
                    continue
                hits = table.get(text[i : i + size])
                if hits:
                    for payload in hits:
                        yield i, i + size, payload
