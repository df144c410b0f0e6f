"""The one place jieba is used: a lazily built, quiet, privately cached word segmenter.

jieba is imported only inside :func:`tokenizer`, so importing the checker costs nothing
until a rule actually needs word boundaries (see ../shared/spec/language.md).
"""

from __future__ import annotations

import bisect
import logging
import marshal
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from ..imports import import_without

#: jieba's blocks (``jieba.re_han_default``): it segments each one apart from the rest and
#: makes every character outside them a token of its own (a whitespace run of "\r\n" aside),
#: so a word with such a character cannot be in its dictionary.
_JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")


def is_jieba_word(text: str) -> bool:
    """Whether jieba could hold ``text`` as one dictionary word."""
    return _JIEBA_BLOCK.fullmatch(text) is not None


#: Full-width ASCII (U+FF01..U+FF5E) and the ideographic space mapped 1:1 to half-width,
#: so that offsets in the normalised text equal offsets in the original.
_FULL_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_TO_HALF[0x3000] = 0x20

T = TypeVar("T")

_lock = threading.Lock()
_instance: Any = None
_tag_table: dict[str, str] | None = None
_extra_words: list[tuple[str, int | None, str | None]] = []

#: Segmentations remembered by text: a batch's village documents repeat most of their
#: clauses, and a text's tokens change only when words are added (``add_words`` forgets
#: them all). Bounded by the characters of the texts kept (with their tokens, about 190
#: bytes each: some 40 MB at most); the least recently used go first.
MEMO_CHARS = 200_000
_memo: dict[tuple[str, str], Any] = {}
_memo_chars = 0
_memo_age = 0  # how many times added words made the memo forget (see _remembered)
_memo_lock = threading.Lock()


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
        if new:
            _forget()
        _extra_words.extend(new)
        if _instance is not None:
            for word, freq, tag in new:
                _instance.add_word(word, freq, tag)
        if _tag_table is not None:
            _tag_table.update({word: tag for word, _, tag in new if tag})


def _import_jieba() -> Any:
    """jieba without pkg_resources (0.07 s of every cold check, and deprecated): jieba then
    opens its dictionary beside its module, as pkg_resources does for an installed package.
    Its cache is read whole (``_WholeFileMarshal``)."""
    jieba = import_without("jieba", "pkg_resources")
    jieba.marshal = _WholeFileMarshal
    return jieba


class _WholeFileMarshal:
    """The ``marshal`` jieba sees: ``load`` reads the file at once and then decodes it.

    ``marshal.load`` on a file object reads piece by piece through Python calls: jieba's
    9 MB cache of 500,000 words took 0.66 s that way and 0.2 s read whole (the same objects).
    """

    dump = staticmethod(marshal.dump)
    dumps = staticmethod(marshal.dumps)
    loads = staticmethod(marshal.loads)

    @staticmethod
    def load(file: Any) -> Any:
        return marshal.loads(file.read())


def tokenizer() -> Any:
    """The process-wide jieba Tokenizer, built on first use."""
    global _instance
    with _lock:
        if _instance is None:
            jieba = _import_jieba()
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


def _remembered(kind: str, text: str, make: Callable[[str], T]) -> T:
    """``make(text)``, made once per text while no word is added (see ``_memo``)."""
    global _memo_chars
    key = (kind, text)
    with _memo_lock:
        found = _memo.pop(key, None)
        if found is not None:
            _memo[key] = found  # the most recently used last
            return found
        age = _memo_age
    found = make(text)
    with _memo_lock:
        if key not in _memo and age == _memo_age:  # else made before words were added
            _memo[key] = found
            _memo_chars += len(text)
            while _memo_chars > MEMO_CHARS:
                oldest = next(iter(_memo))
                del _memo[oldest]
                _memo_chars -= len(oldest[1])
    return found


def _forget() -> None:
    global _memo_chars, _memo_age
    with _memo_lock:
        _memo.clear()
        _memo_chars = 0
        _memo_age += 1


def tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """(word, start, end) over ``text``, HMM off, on the full-width-normalised form."""
    return _remembered("tokens", text, _tokens)


def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(tokenizer().tokenize(normalise(text), HMM=False))


def pos_tokens(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """(word, part-of-speech tag, start, end): the ``tokens`` stream tagged from jieba's dictionary.

    These are the tags jieba.posseg gives with HMM off (its word-tag table is the dictionary's
    third column plus the tags of added words), read for the very tokens the other rules see, so
    no two streams are ever mixed. jieba.posseg itself is not imported: on import it builds a
    tagger over the default dictionary, which costs most of a second at every start.
    """
    return _remembered("pos_tokens", text, _pos_tokens)


def _pos_tokens(text: str) -> tuple[tuple[str, str, int, int], ...]:
    tags = _word_tags()
    known = tokenizer().FREQ
    return tuple((w, tags.get(w) or _untagged(w, known), s, e) for w, s, e in tokens(text))


def _untagged(word: str, known: dict[str, int]) -> str:
    """Dictionary words missing from the table are nouns (n, nr, ns … are left out to load
    fast); for other words posseg's tags: Latin runs, numbers, everything else."""
    if known.get(word):
        return "n"
    if word.isascii() and word.isalnum():
        return "m" if word.isdigit() else "eng"
    return "x"


def _word_tags() -> dict[str, str]:
    """The dictionary's word → tag table without nouns, cached (marshal) beside jieba's cache."""
    global _tag_table
    segmenter = tokenizer()
    with _lock:
        if _tag_table is None:
            jieba = _import_jieba()
            cache = cache_dir() / f"word_tags-{jieba.__version__}-no-n.marshal"
            try:
                table = marshal.loads(cache.read_bytes())
            except (OSError, EOFError, ValueError, TypeError):
                table = _read_tags(segmenter.get_dict_file())
                try:
                    cache.parent.mkdir(parents=True, exist_ok=True)
                    cache.write_bytes(marshal.dumps(table))
                except OSError:
                    pass  # the cache is an optimisation
            table.update({word: tag for word, _, tag in _extra_words if tag})
            _tag_table = table
        return _tag_table


def _read_tags(stream: Any) -> dict[str, str]:
    with stream:
        rows = (line.decode("utf-8").split() for line in stream)
        return {row[0]: row[2] for row in rows if len(row) == 3 and not row[2].startswith("n")}


_tagger: Any = None


def _import_posseg() -> Any:
    """jieba.posseg, imported without the tagger it builds for itself on import.

    That tagger reads the tags of all 349,000 words of jieba's dictionary (0.3 s of every
    cold check with the spelling model on); docgen never uses it (``tagged`` has its own),
    so the import is shown an empty dictionary file.
    """
    import io

    jieba = _import_jieba()
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    jieba.dt.get_dict_file = lambda: io.BytesIO()  # type: ignore[method-assign]
    try:
        from jieba import posseg
    finally:
        del jieba.dt.get_dict_file  # the class's own method again
    return posseg


def tagged(text: str) -> list[tuple[str, str, int, int]]:
    """(word, tag, start, end): jieba's tagger with HMM on, tags only for new words.

    HMM is on here, unlike in :func:`tokens`, because names are exactly the words no
    dictionary has (陈立, 孙海); dictionary words get the tag "x" (their tags are not
    read, which saves reading the dictionary a second time). Built when first asked.
    """
    global _tagger
    base = tokenizer()  # takes the lock itself
    with _lock:
        if _tagger is None:
            posseg = _import_posseg()

            class NewWordsTagger(posseg.POSTokenizer):
                def load_word_tag(self, f: Any) -> None:
                    f.close()  # jieba opened the dictionary for its tags: not needed
                    self.word_tag_tab = {}

            _tagger = NewWordsTagger(base)
    out: list[tuple[str, str, int, int]] = []
    pos = 0
    for pair in _tagger.cut(normalise(text), HMM=True):
        out.append((pair.word, pair.flag, pos, pos + len(pair.word)))
        pos += len(pair.word)
    return out


class Edges:
    """Token edges of a text, a block segmented only when a place inside it is asked about.

    The same answers as ``boundaries(text)``: jieba segments its blocks independently, so a
    block's edges do not depend on the rest of the text; most texts have one or two places a
    rule asks about, where cutting the whole paragraph cost most of the list rules' time.
    """

    def __init__(self, text: str) -> None:
        self.text = normalise(text)
        self.blocks = [(m.start(), m.end()) for m in _JIEBA_BLOCK.finditer(self.text)]
        self.starts = [start for start, _ in self.blocks]
        self.cut: dict[int, frozenset[int]] = {}

    def __contains__(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k < 0 or not self.blocks[k][0] < pos < self.blocks[k][1]:
            return self.text[pos - 1 : pos + 1] != "\r\n" if pos else True
        start, end = self.blocks[k]
        if k not in self.cut:
            self.cut[k] = _remembered("edges", self.text[start:end], _block_edges)
        return pos - start in self.cut[k]


def _block_edges(block: str) -> frozenset[int]:
    """Token edges of one of jieba's blocks, counted from the block's start."""
    edges = {0, len(block)}
    for _, a, b in tokenizer().tokenize(block, HMM=False):
        edges.add(a)
        edges.add(b)
    return frozenset(edges)


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
