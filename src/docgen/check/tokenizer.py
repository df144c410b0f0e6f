"""The one place jieba is used: a lazily built, quiet, privately cached word segmenter.

jieba is imported only inside :func:`tokenizer`, so importing the checker costs nothing
until a rule actually needs word boundaries (see ../shared/spec/language.md).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Full-width ASCII (U+FF01..U+FF5E) and the ideographic space mapped 1:1 to half-width,
#: so that offsets in the normalised text equal offsets in the original.
_FULL_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_TO_HALF[0x3000] = 0x20

_lock = threading.Lock()
_instance: Any = None
_pos_tagger: Any = None
_extra_words: list[tuple[str, int | None, str | None]] = []


def normalise(text: str) -> str:
    """Full-width letters, digits and marks → half-width, one character for one."""
    return text.translate(_FULL_TO_HALF)


def cache_dir() -> Path:
    """The user's cache folder for docgen (LOCALAPPDATA on Windows, XDG elsewhere)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "docgen" / "jieba"


def add_words(words: Iterable[tuple[str, int | None, str | None]]) -> None:
    """Domain words (word, frequency, tag) to add when (or if already) jieba is built."""
    new = [w for w in words if w[0]]
    with _lock:
        _extra_words.extend(new)
        if _instance is not None:
            for word, freq, tag in new:
                _instance.add_word(word, freq, tag)


def tokenizer() -> Any:
    """The process-wide jieba Tokenizer, built on first use."""
    global _instance
    with _lock:
        if _instance is None:
            import jieba

            logging.getLogger("jieba").setLevel(logging.ERROR)
            jieba.setLogLevel(logging.ERROR)
            tk = jieba.Tokenizer()
            folder = cache_dir()
            try:
                folder.mkdir(parents=True, exist_ok=True)
                tk.tmp_dir = str(folder)
            except OSError:
                tk.tmp_dir = None  # fall back to jieba's default; the cache is an optimisation
            tk.initialize()
            for word, freq, tag in _extra_words:
                tk.add_word(word, freq, tag)
            _instance = tk
        return _instance


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) over ``text``, HMM off, on the full-width-normalised form."""
    return [(w, s, e) for w, s, e in tokenizer().tokenize(normalise(text), HMM=False)]


def pos_tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(word, part-of-speech tag, start, end) from jieba.posseg, HMM off.

    Offsets come from adding up token lengths over the normalised text: the posseg stream is
    used on its own, never mixed with ``tokens`` (the two split some strings differently).
    """
    global _pos_tagger
    segmenter = tokenizer()
    with _lock:
        if _pos_tagger is None:
            import jieba.posseg

            _pos_tagger = jieba.posseg.POSTokenizer(segmenter)  # shares the one Tokenizer
    out = []
    start = 0
    for pair in _pos_tagger.cut(normalise(text), HMM=False):
        end = start + len(pair.word)
        out.append((pair.word, pair.flag, start, end))
        start = end
    return out


def boundaries(text: str) -> frozenset[int]:
    """Offsets where a jieba token starts or ends (0 and len(text) included)."""
    out = {0, len(text)}
    for _, start, end in tokens(text):
        out.add(start)
        out.add(end)
    return frozenset(out)


def segment(text: str) -> list[str]:
    """Bare segmentation (for the speed benchmark's baseline)."""
    return list(tokenizer().cut(normalise(text), HMM=False))
