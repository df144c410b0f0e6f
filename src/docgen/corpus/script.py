"""Traditional → simplified with OpenCC's phrase tables; the only module that imports opencc.

Used by corpus cleaning and by the checker's traditional-character rule (check/rules/script.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

_PRIVATE = 0xF0000  # supplementary private-use plane: never in real text, passed through by OpenCC


@lru_cache(maxsize=1)
def _opencc() -> Any:
    import opencc  # heavy and optional at CLI start-up: imported on first use only

    return opencc.OpenCC("t2s")


class _Converter:
    """OpenCC's t2s over any text: it takes UTF-8, which a lone surrogate (a damaged copy)
    cannot be; such a character is carried past it unchanged, at its place."""

    def convert(self, text: str) -> str:
        lone = [i for i, ch in enumerate(text) if "\ud800" <= ch <= "\udfff"]
        if not lone:
            return _opencc().convert(text)
        converted = list(_opencc().convert(_SURROGATE.sub("\ufffd", text)))
        if len(converted) == len(text):  # t2s maps character for character
            for i in lone:
                converted[i] = text[i]
        return "".join(converted)


_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1)
def _converter() -> _Converter:
    return _Converter()


def to_simplified(text: str, keep: Iterable[str] = ()) -> str:
    """Convert phrase by phrase (頭髮 → 头发, 乾淨 → 干净); words in ``keep`` stay as written."""
    protected = sorted({w for w in keep if w}, key=len, reverse=True)
    for i, word in enumerate(protected):
        text = text.replace(word, chr(_PRIVATE + i))
    text = _converter().convert(text)
    for i, word in enumerate(protected):
        text = text.replace(chr(_PRIVATE + i), word)
    return text


def traditional_only(text: str) -> set[str]:
    """Characters that phrase-level conversion would still change (乾 in 乾隆 is fine)."""
    converted = _converter().convert(text)
    if len(converted) != len(text):  # pragma: no cover - t2s maps character for character
        return {ch for ch in set(text) if _converter().convert(ch) != ch}
    return {a for a, b in zip(text, converted, strict=True) if a != b}
