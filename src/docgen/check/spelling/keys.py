"""Exact integer keys of character n-grams and short words, shared by the build and the checker.

Character ids fit in 14 bits, so a word of up to four characters packs into one int64
without collisions: the ids side by side, the length in the bits above them.
"""

from __future__ import annotations

from collections.abc import Sequence

BITS = 14
MAX_ID = (1 << BITS) - 1
MAX_WORD = 4
BOUNDARY = 0  # anything that is not a Chinese character: punctuation, digits, Latin
UNKNOWN = 1  # a Chinese character the model has never seen


def bigram(a: int, b: int) -> int:
    return (a << BITS) | b


def trigram(a: int, b: int, c: int) -> int:
    return (((a << BITS) | b) << BITS) | c


def word(ids: Sequence[int]) -> int:
    """The key of a 2–4 character word given as character ids."""
    key = 0
    for i in ids:
        key = (key << BITS) | i
    return key | (len(ids) << (BITS * MAX_WORD))


def shift(length: int, offset: int) -> int:
    """Bit shift of the character at ``offset`` inside a word key of ``length`` characters."""
    return BITS * (length - 1 - offset)
