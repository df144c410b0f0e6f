"""Find every listed phrase in a text in one pass (longest candidates tried first)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class PhraseIndex(Generic[T]):
    """A first-character index over phrases; fast enough for a few thousand entries.

    A regular expression over the set of first characters lets the scan skip every
    position where no phrase can start, so the Python loop runs only on candidates.
    """

    def __init__(self, items: Iterable[tuple[str, T]]) -> None:
        self._table: dict[str, list[T]] = defaultdict(list)
        lengths: dict[str, set[int]] = defaultdict(set)
        for phrase, payload in items:
            if not phrase:
                continue
            self._table[phrase].append(payload)
            lengths[phrase[0]].add(len(phrase))
        self._lengths = {ch: sorted(ls, reverse=True) for ch, ls in lengths.items()}
        chars = "".join(sorted(self._lengths))
        self._starts = re.compile("[" + re.escape(chars) + "]") if chars else None

    def __len__(self) -> int:
        return len(self._table)

    def scan(self, text: str) -> Iterator[tuple[int, int, T]]:
        """Every (start, end, payload) of a listed phrase, by start then longest first."""
        if self._starts is None:
            return
        table, lengths = self._table, self._lengths
        for m in self._starts.finditer(text):
            i = m.start()
            for size in lengths[text[i]]:
                if i + size > len(text):
                    continue
                hits = table.get(text[i : i + size])
                if hits:
                    for payload in hits:
                        yield i, i + size, payload
