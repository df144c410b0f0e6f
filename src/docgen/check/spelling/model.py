"""The trained statistics behind the spelling check: n-gram counts, words, confusion sets.

Opened once per process from the memory-mapped file built by tools/build_spelling_model.py;
every lookup takes whole numpy arrays so a text is scored in a few vectorised calls.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import numpy as np

from . import keys
from .store import Store

MODEL_FILE = Path(__file__).resolve().parent / "data" / "spelling.bin"
SOUND_SAME, SOUND_NEAR, SHAPE = 1, 2, 4
_BIGRAM_PRIOR = 20.0  # Dirichlet weight of the unigram in a bigram probability
_TRIGRAM_PRIOR = 4.0  # Dirichlet weight of the bigram in a trigram probability


def _lookup(keys_: np.ndarray, values: np.ndarray, query: np.ndarray) -> np.ndarray:
    """values[k] for each query key k present in the sorted ``keys_``, else 0."""
    query = query.astype(keys_.dtype, copy=False)  # else numpy copies the whole table
    at = np.searchsorted(keys_, query)
    at = np.minimum(at, len(keys_) - 1)
    found = keys_[at] == query
    return np.where(found, values[at], 0)


class SpellingModel:
    """Counts and sets of one model file; all methods are vectorised over numpy arrays."""

    def __init__(self, path: Path = MODEL_FILE) -> None:
        s = Store(path)
        self._store = s
        self.table = s["char_table"]
        self.uni = s["uni"].astype(np.float64)
        self.bi_keys, self.bi_cnt = s["bi_keys"], s["bi_cnt"]
        self.tri_keys, self.tri_cnt = s["tri_keys"], s["tri_cnt"]
        self.word_keys, self.word_score, self.word_name = (
            s["word_keys"],
            s["word_score"],
            s["word_name"],
        )
        self.conf_off, self.conf_ids, self.conf_kind = s["conf_off"], s["conf_ids"], s["conf_kind"]
        self.syl_off, self.syl_ids = s["syl_off"], s["syl_ids"]
        self.hom_keys, self.hom_a, self.hom_b = s["hom_keys"], s["hom_a"], s["hom_b"]
        self.vocab = "\0\0" + s.meta["vocab"]  # ids 0 and 1 are the boundary and unknown
        self.idioms: list[str] = list(s.meta["idioms"])
        self.word_log_total = float(np.log(np.exp(self.word_score / 10.0).sum()))
        self.unseen_char = -self.word_log_total  # a character no word list counts, as count 1
        total = float(s.meta["total"])
        self.unigram_p = (self.uni + 0.5) / (total + 0.5 * len(self.uni))
        self.org_suffix = self.ids(ORG_SUFFIXES)
        self.numerals = self.ids(NUMERALS)
        self.ordinal = int(self.ids("第")[0])
        self.levels = self.ids(LEVELS)
        self.particles = self.ids(PARTICLES)
        self.name_ends = self.ids(PLACE_ENDS + ORG_ENDINGS)
        self.surnames = self.ids(SURNAMES)
        self.weights: dict[str, float] = dict(s.meta.get("weights", {}))
        self.bias = float(s.meta.get("bias", 0.0))

    def ids(self, text: str) -> np.ndarray:
        """One id per character of ``text`` (0 for anything not Chinese)."""
        # surrogatepass: a lone surrogate (a damaged copy) is a code point like any other here
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        inside = cps < len(self.table)
        out = np.where(inside, self.table[np.where(inside, cps, 0)], keys.BOUNDARY)
        return out.astype(np.int64)

    def char(self, i: int) -> str:
        return self.vocab[i]

    def bigram(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return _lookup(self.bi_keys, self.bi_cnt, (a << keys.BITS) | b).astype(np.float64)

    def trigram(self, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        query = (((a << keys.BITS) | b) << keys.BITS) | c
        return _lookup(self.tri_keys, self.tri_cnt, query).astype(np.float64)

    def log_p2(self, a: np.ndarray, b: np.ndarray, ab: np.ndarray | None = None) -> np.ndarray:
        """log P(b | a), bigram smoothed towards the unigram."""
        ab = self.bigram(a, b) if ab is None else ab
        return np.log((ab + _BIGRAM_PRIOR * self.unigram_p[b]) / (self.uni[a] + _BIGRAM_PRIOR))

    def log_p3(
        self, a: np.ndarray, b: np.ndarray, c: np.ndarray, ab: np.ndarray, bc: np.ndarray
    ) -> np.ndarray:
        """log P(c | a b), trigram smoothed towards the bigram; ab, bc the bigram counts."""
        p2 = (bc + _BIGRAM_PRIOR * self.unigram_p[c]) / (self.uni[b] + _BIGRAM_PRIOR)
        return np.log((self.trigram(a, b, c) + _TRIGRAM_PRIOR * p2) / (ab + _TRIGRAM_PRIOR))

    def words(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(score, is-name) of word keys: score 10·ln(count), 0 when not a word."""
        at = np.minimum(np.searchsorted(self.word_keys, query), len(self.word_keys) - 1)
        found = self.word_keys[at] == query
        score = np.where(found, self.word_score[at], 0).astype(np.float64)
        return score, found & (self.word_name[at] == 1)

    def candidates(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(index into ``ids``, candidate id, kind bits) for every confusable of every id."""
        start = self.conf_off[ids].astype(np.int64)
        count = self.conf_off[ids + 1].astype(np.int64) - start
        owner = np.repeat(np.arange(len(ids)), count)
        flat = np.repeat(start - np.cumsum(count) + count, count) + np.arange(count.sum())
        return owner, self.conf_ids[flat].astype(np.int64), self.conf_kind[flat]

    def confusables(self, ch: str) -> dict[str, int]:
        """Confusable characters of ``ch`` with their kind bits (for phrases and tests)."""
        i = int(self.ids(ch)[0])
        lo, hi = int(self.conf_off[i]), int(self.conf_off[i + 1])
        return {
            self.vocab[int(c)]: int(k)
            for c, k in zip(self.conf_ids[lo:hi], self.conf_kind[lo:hi], strict=True)
        }


#: Single-character suffixes of office names (发展改革委, 国防科工局).
ORG_SUFFIXES = "委局办厅署部院处科所站队会社司室庭"
#: Numerals are never suspects: a wrong figure is not a typo the model can judge; nor is
#: the counter of an ordinal (第一行 is not 第一款, however many laws say 第一款).
NUMERALS = "〇零一二三四五六七八九十百千万亿两"
#: Administrative levels: each is right in its own office's text (全乡 is not 全省).
LEVELS = "省市县区乡镇村州旗盟"
#: 的/地/得 are the 的地得 family's (by part of speech), never the spelling model's.
PARTICLES = "的地得"

#: Common surnames (百家姓): a tagged person name must start with one, so a typo that the
#: tagger reads as a foreign-looking name (二登) is still checked.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关"
    "兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
)


#: Last characters of place and office names the tagger knows (宁波市, 卫生院) …
PLACE_ENDS = "省市县区乡镇村州旗盟街路湖山河港岛局委厅院所办处站司"
#: … and of organisations (亚投行, 国务院办公厅秘书局).
ORG_ENDINGS = "行部会社校馆厂"

_lock = threading.Lock()


@functools.cache
def _load(path: Path) -> SpellingModel:
    return SpellingModel(path)


def load(path: Path = MODEL_FILE) -> SpellingModel:
    """The process-wide model (opened on first use)."""
    with _lock:
        return _load(path)
