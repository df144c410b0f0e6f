"""Build the spelling model shipped in src/docgen/check/spelling/data/spelling.bin.

Run:  python tools/build_spelling_model.py [--train ../shared/corpus/gov-train] [--out FILE]
Needs the build extra:  pip install -e ".[build]"  (pypinyin, char-similar).

Where the data comes from
- Character unigram/bigram/trigram counts and word counts: the training texts in
  ../shared/corpus/gov-train/ (government work reports 1954–2017/2020, Party congress reports,
  and ``laws.txt.gz``: national and local laws and regulations from LawRefBook/Laws; see that
  folder's README). ../shared/corpus/gov/ (the false-alarm set) and the dev typo set are never
  read here.
- Word frequencies, parts of speech and the idiom list (tag ``i``): jieba's own dictionary
  (jieba/dict.txt, MIT licence).
- Same- and similar-sound characters: readings from pypinyin (MIT licence); a second reading
  counts only where the words of pypinyin's phrase table, weighed by jieba's frequencies, use
  it often enough (READING_SHARE).
- Similar-shape characters: four-corner codes, stroke orders, decompositions and structures
  from char-similar (Apache-2.0) data files; its authors' own similar-stroke groups are not
  used, the sets are computed here.
"""

from __future__ import annotations

import argparse
import collections
import functools
import gzip
import itertools
import json
import math
import re
import sys
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from docgen.check.spelling import detect, keys, scoring, store  # noqa: E402
from docgen.check.spelling.model import SpellingModel  # noqa: E402

DEFAULT_TRAIN = ROOT.parent / "shared" / "corpus" / "gov-train"
DEFAULT_OUT = ROOT / "src" / "docgen" / "check" / "spelling" / "data" / "spelling.bin"
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_NAME_TAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz"}
SOUND_SAME, SOUND_NEAR, SHAPE = 1, 2, 4
_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q")
_INITIALS += ("x", "r", "z", "c", "s", "y", "w")
_NEAR_INITIAL = {"zh": "z", "ch": "c", "sh": "s", "n": "l", "f": "h"}
_NEAR_FINAL = {"ing": "in", "eng": "en", "ang": "an", "iang": "ian", "uang": "uan"}


def training_texts(folder: Path) -> Iterator[str]:
    """Every training text: the reports one by one, then the laws."""
    for path in sorted(folder.glob("*.txt")):
        yield path.read_text(encoding="utf-8")
    laws = folder / "laws.txt.gz"
    if laws.is_file():
        with gzip.open(laws, "rt", encoding="utf-8") as f:
            yield f.read()


def jieba_dictionary() -> dict[str, tuple[int, str]]:
    """jieba's dictionary: word → (frequency, part-of-speech tag)."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    words: dict[str, tuple[int, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1].isdigit():
            words[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "")
    return words


def build_vocab(
    texts: list[str], dictionary: dict[str, tuple[int, str]], dictionary_chars: bool = True
) -> list[str]:
    """Chinese characters by frequency in training, then those only jieba's dictionary has."""
    counts: collections.Counter[str] = collections.Counter()
    for text in texts:
        counts.update(text)
    for word, (freq, _) in dictionary.items() if dictionary_chars else ():
        for ch in word:
            counts[ch] += 0 if ch in counts else min(freq, 1)
    chars = [c for c, _ in counts.most_common() if _CJK.match(c)]
    return chars[: keys.MAX_ID - 1]


def to_ids(text: str, table: np.ndarray) -> np.ndarray:
    """Character ids of ``text``, runs of non-Chinese characters collapsed to one boundary."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    ids = np.where(cps < len(table), table[np.minimum(cps, len(table) - 1)], keys.BOUNDARY)
    ids = ids.astype(np.int64)
    keep = np.ones(len(ids), bool)
    keep[1:] = ~((ids[1:] == keys.BOUNDARY) & (ids[:-1] == keys.BOUNDARY))
    return np.concatenate([[keys.BOUNDARY], ids[keep], [keys.BOUNDARY]])


def ngram_counts(ids: np.ndarray, vocab_size: int, min_trigram: int) -> dict[str, np.ndarray]:
    """Unigram counts by id, bigram and trigram keys with counts (sorted by key)."""
    uni = np.bincount(ids, minlength=vocab_size).astype(np.uint32)
    bi_keys, bi_cnt = np.unique((ids[:-1] << keys.BITS) | ids[1:], return_counts=True)
    tri = (((ids[:-2] << keys.BITS) | ids[1:-1]) << keys.BITS) | ids[2:]
    tri_keys, tri_cnt = np.unique(tri, return_counts=True)
    keep = tri_cnt >= min_trigram
    return {
        "uni": uni,
        "bi_keys": bi_keys.astype(np.int32),
        "bi_cnt": np.minimum(bi_cnt, 2**32 - 1).astype(np.uint32),
        "tri_keys": tri_keys[keep].astype(np.int64),
        "tri_cnt": np.minimum(tri_cnt[keep], 65535).astype(np.uint16),
    }


def corpus_word_counts(texts: Iterable[str]) -> collections.Counter[str]:
    """Word counts from jieba's segmentation (HMM off) of the training texts."""
    import jieba

    tk = jieba.Tokenizer()
    tk.initialize()
    counts: collections.Counter[str] = collections.Counter()
    for text in texts:
        for line in text.splitlines():
            counts.update(w for w in tk.cut(line, HMM=False) if _CJK.match(w))
    return counts


def word_table(
    dictionary: dict[str, tuple[int, str]],
    corpus: collections.Counter[str],
    index: dict[str, int],
) -> dict[str, np.ndarray]:
    """Keys of 1–4 character words, a log-count score (×10, uint8) and a name flag."""
    scores: dict[int, tuple[float, bool]] = {}
    for word in set(dictionary) | set(corpus):
        if not 1 <= len(word) <= keys.MAX_WORD or not all(ch in index for ch in word):
            continue
        freq, tag = dictionary.get(word, (0, ""))
        count = freq + 20 * corpus.get(word, 0)
        if count <= 0:
            continue
        scores[keys.word([index[ch] for ch in word])] = (math.log(count + 1), tag in _NAME_TAGS)
    order = sorted(scores)
    total = sum(math.exp(scores[k][0]) for k in order)
    print(f"words: {len(order)}, total count {total:.0f} (ln {math.log(total):.2f})")
    return {
        "word_keys": np.array(order, dtype=np.int64),
        "word_score": np.array([min(255, round(10 * scores[k][0])) for k in order], np.uint8),
        "word_name": np.array([scores[k][1] for k in order], dtype=np.uint8),
    }


#: A character's second reading makes homophones only when words of the dictionary use it
#: this often, as a share of the character's uses (没 mò of 没收 is 4 %, 无 mó of 南无 less:
#: 没 and 无 are no homophones; 长 cháng, 重 chóng, 还 huán stay).
READING_SHARE = 0.05


@functools.cache
def _reading_uses() -> dict[str, collections.Counter[str]]:
    """Tone-free readings of each character in the words of pypinyin's phrase table, each
    weighed by the word's frequency in jieba's dictionary."""
    from pypinyin import Style
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.style import convert

    freq = {w: f for w, (f, _) in jieba_dictionary().items()}
    uses: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for phrase, readings in PHRASES_DICT.items():
        f = freq.get(phrase, 0)
        if f > 0 and len(readings) == len(phrase):
            for ch, reading in zip(phrase, readings, strict=True):
                uses[ch][convert(reading[0], Style.NORMAL, strict=True)] += f
    return uses


def _syllables(ch: str) -> list[str]:
    """The character's commonest tone-free reading, and a second one that words use often
    enough (a rare reading makes false homophones: 没 mò, 无 mó)."""
    from pypinyin import Style, pinyin

    readings = [r for r in pinyin(ch, style=Style.NORMAL, heteronym=True)[0] if r.isalpha()]
    uses = _reading_uses().get(ch)
    if not uses:
        return readings[:2]
    total = sum(uses.values())
    common = [r for r, n in uses.most_common() if r in readings and n >= READING_SHARE * total]
    return (common or readings[:1])[:2]


def _near(syllable: str) -> str:
    initial = next((i for i in _INITIALS if syllable.startswith(i)), "")
    final = syllable[len(initial) :]
    return _NEAR_INITIAL.get(initial, initial) + "-" + _NEAR_FINAL.get(final, final)


def sound_sets(vocab: list[str], common: set[str]) -> dict[str, dict[str, int]]:
    """Per character: common characters of the same (tone-free) or a near reading."""
    exact: dict[str, list[str]] = collections.defaultdict(list)
    near: dict[str, list[str]] = collections.defaultdict(list)
    readings = {ch: _syllables(ch) for ch in vocab}
    for ch in vocab:  # vocab is ordered by frequency, so each group is too
        if ch in common:
            for syl in set(readings[ch]):
                exact[syl].append(ch)
            for key in {_near(s) for s in readings[ch]}:
                near[key].append(ch)
    out: dict[str, dict[str, int]] = {}
    for ch in vocab:
        found: dict[str, int] = {}
        for syl in readings[ch]:
            for other in exact[syl][:40]:
                found[other] = SOUND_SAME
        for key in {_near(s) for s in readings[ch]}:
            for other in near[key][:30]:
                found.setdefault(other, SOUND_NEAR)
        found.pop(ch, None)
        out[ch] = found
    return out


def _shape_data() -> dict[str, dict[str, object]]:
    import importlib.util

    spec = importlib.util.find_spec("char_similar")  # not imported: its __init__ needs more
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("需要 char-similar：pip install -e '.[build]'")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    names = ["char_fourangle", "char_order", "char_stroke", "char_struct", "char_component"]
    names.append("char_number")
    return {n: json.loads((folder / f"{n}.dict").read_text(encoding="utf-8")) for n in names}


def _shape_score(a: str, b: str, d: dict[str, dict[str, object]]) -> float:
    fa, fb = str(d["char_fourangle"].get(a, "")), str(d["char_fourangle"].get(b, ""))
    corners = sum(x == y for x, y in zip(fa[:4], fb[:4], strict=False)) / 4 if fa and fb else 0
    oa, ob = str(d["char_order"].get(a, "")), str(d["char_order"].get(b, ""))
    order = SequenceMatcher(None, oa, ob).ratio() if oa and ob else 0
    ca, cb = set(d["char_stroke"].get(a) or [a]), set(d["char_stroke"].get(b) or [b])
    parts = len(ca & cb) / len(ca | cb)
    struct = float(d["char_struct"].get(a) == d["char_struct"].get(b))
    contains = 0.35 if a in cb or b in ca else 0.0  # 责 in 债, 台 in 治
    radicals = {d["char_component"].get(a), d["char_component"].get(b)}
    phonetic = 0.2 if (ca & cb) - radicals else 0.0  # same sound part: 检/险, 债/责's 责
    return 0.35 * order + 0.3 * corners + 0.25 * parts + 0.1 * struct + contains + phonetic


def shape_sets(vocab: list[str], common: set[str], limit: int = 20) -> dict[str, dict[str, int]]:
    """Per character: common characters sharing a part, radical or four-corner code, ranked."""
    d = _shape_data()
    groups: dict[str, list[str]] = collections.defaultdict(list)

    def group_keys(ch: str) -> set[str]:
        out = {"p:" + str(p) for p in d["char_stroke"].get(ch) or []}
        out.add("p:" + ch)  # characters that contain ``ch`` as a part (寺 → 持)
        out.add("r:" + str(d["char_component"].get(ch, "")))
        out.add("f:" + str(d["char_fourangle"].get(ch, ""))[:4])
        return out

    for ch in vocab:
        if ch in common:
            for key in group_keys(ch):
                groups[key].append(ch)
    out: dict[str, dict[str, int]] = {}
    for ch in vocab:
        strokes = int(d["char_number"].get(ch, 0))
        pool = {o for key in group_keys(ch) for o in groups.get(key, ())[:300]} - {ch}
        pool = {o for o in pool if abs(int(d["char_number"].get(o, 0)) - strokes) <= 3}
        ranked = sorted(((_shape_score(ch, o, d), o) for o in pool), reverse=True)
        out[ch] = {o: SHAPE for score, o in ranked[:limit] if score >= 0.55}
    return out


def homophone_arrays(
    vocab: list[str],
    index: dict[str, int],
    dictionary: dict[str, tuple[int, str]],
    corpus: collections.Counter[str],
    min_count: int = 20,
) -> dict[str, np.ndarray]:
    """Readings of every character, and two-character words by their tone-free reading.

    A typist who picks the wrong word of an input method's list writes a homophone word
    (暴涨 for 保障); the checker looks such words up by the reading of what was written.
    """
    syllables: dict[str, int] = {}
    offsets, flat = [0, 0, 0], []
    readings: dict[str, list[int]] = {}
    for ch in vocab:
        ids = [syllables.setdefault(r, len(syllables)) for r in dict.fromkeys(_syllables(ch))]
        readings[ch] = ids
        flat.extend(ids)
        offsets.append(len(flat))
    rows: list[tuple[int, int, int]] = []
    for word in set(dictionary) | set(corpus):
        if len(word) != 2 or not all(ch in index for ch in word):
            continue
        if dictionary.get(word, (0, ""))[0] + 20 * corpus.get(word, 0) < min_count:
            continue
        for a in readings[word[0]]:
            for b in readings[word[1]]:
                rows.append(((a << 10) | b, index[word[0]], index[word[1]]))
    rows.sort()
    return {
        "syl_off": np.array(offsets, np.uint32),
        "syl_ids": np.array(flat, np.uint16),
        "hom_keys": np.array([r[0] for r in rows], np.int32),
        "hom_a": np.array([r[1] for r in rows], np.uint16),
        "hom_b": np.array([r[2] for r in rows], np.uint16),
    }


def confusion_arrays(
    vocab: list[str], index: dict[str, int], sets: list[dict[str, dict[str, int]]]
) -> dict[str, np.ndarray]:
    """CSR arrays: for id i, candidates conf_ids[conf_off[i]:conf_off[i+1]] and kind bits."""
    offsets, ids, kinds = [0, 0, 0], [], []  # ids 0 (boundary) and 1 (unknown) have none
    for ch in vocab:
        merged: dict[str, int] = collections.defaultdict(int)
        for table in sets:
            for other, kind in table.get(ch, {}).items():
                merged[other] |= kind
        for other, kind in sorted(merged.items(), key=lambda kv: index[kv[0]]):
            ids.append(index[other])
            kinds.append(kind)
        offsets.append(len(ids))
    return {
        "conf_off": np.array(offsets, np.uint32),
        "conf_ids": np.array(ids, np.uint16),
        "conf_kind": np.array(kinds, np.uint8),
    }


def idioms(dictionary: dict[str, tuple[int, str]], min_freq: int) -> list[str]:
    """Four-character idioms of jieba's dictionary (tag i) common enough to be known."""
    return sorted(
        w for w, (f, tag) in dictionary.items() if tag == "i" and len(w) == 4 and f >= min_freq
    )


def write_model(
    lines: list[str],
    out: Path,
    extra: dict[str, object],
    common_size: int,
    dictionary_chars: bool = True,
    min_trigram: int = 1,
) -> None:
    """Count ``lines`` and write a model file (``extra`` goes into its metadata)."""
    dictionary = jieba_dictionary()
    vocab = build_vocab(lines, dictionary, dictionary_chars)
    index = {ch: i + 2 for i, ch in enumerate(vocab)}
    table = np.zeros(0x10000, np.uint16)
    for ch, i in index.items():
        if ord(ch) < 0x10000:
            table[ord(ch)] = i
    cjk = np.array([_CJK.match(chr(c)) is not None for c in range(0x10000)])
    table[cjk & (table == 0)] = keys.UNKNOWN
    ids = to_ids("\n".join(lines), table)
    arrays: dict[str, np.ndarray] = {"char_table": table}
    arrays.update(ngram_counts(ids, len(vocab) + 2, min_trigram=min_trigram))
    corpus = corpus_word_counts(lines)
    arrays.update(word_table(dictionary, corpus, index))
    arrays.update(homophone_arrays(vocab, index, dictionary, corpus))
    common = set(vocab[:common_size])
    sets = [sound_sets(vocab, common), shape_sets(vocab, common)]
    arrays.update(confusion_arrays(vocab, index, sets))
    meta = {
        "vocab": "".join(vocab),
        "idioms": idioms(dictionary, 10),
        "total": len(ids),
        "source": "gov-train (reports, laws) + jieba dict + pypinyin + char-similar",
        **extra,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    store.write(out, arrays, meta)
    sizes = ", ".join(f"{k} {v.nbytes / 1e6:.1f} MB" for k, v in arrays.items())
    print(f"{out}: {out.stat().st_size / 1e6:.1f} MB ({sizes})")


def corrupt(model: SpellingModel, ids: np.ndarray, rng: np.random.Generator) -> dict[int, int]:
    """Replace one confusable character in about half the sentences; {position: original id}.

    Typists' slips land mostly inside words (an input method offers a wrong homophone), so
    a character inside a known word is chosen five times out of six.
    """
    changed: dict[int, int] = {}
    in_word = scoring.inside_words(model, ids)
    breaks = np.flatnonzero(ids == keys.BOUNDARY)
    for lo, hi in itertools.pairwise(breaks):
        if hi - lo < 6 or rng.random() < 0.5:
            continue
        inside = np.flatnonzero(in_word[lo + 1 : hi]) + lo + 1
        if len(inside) and rng.random() < 5 / 6:
            p = int(rng.choice(inside))
        else:
            p = int(rng.integers(lo + 1, hi))
        orig = int(ids[p])
        options = [
            int(c)
            for c in model.conf_ids[model.conf_off[orig] : model.conf_off[orig + 1]]
            if orig in model.conf_ids[model.conf_off[c] : model.conf_off[c + 1]]
        ]
        if options:
            weight = np.sqrt(model.unigram_p[options])
            ids[p] = rng.choice(options, p=weight / weight.sum())
            changed[p] = orig
    return changed


def synthetic_rows(model: SpellingModel, lines: list[str], seed: int = 7):
    """Feature rows of every scored candidate on corrupted held-out lines, and their labels."""
    rng = np.random.default_rng(seed)
    rows, labels = [], []
    for start in range(0, len(lines), 500):
        text = "\n".join(lines[start : start + 500])
        pad = np.zeros(scoring.PAD, np.int64)
        ids = np.concatenate([pad, model.ids(text), pad])
        changed = corrupt(model, ids, rng)
        scored = detect.score_candidates(model, ids)
        truth = np.array([changed.get(int(p), -1) for p in scored.pos])
        rows.append(scored.features)
        labels.append(truth == scored.cand)
    return np.vstack(rows), np.concatenate(labels).astype(np.float64)


def fit_logistic(x: np.ndarray, y: np.ndarray, steps: int = 3000) -> tuple[np.ndarray, float]:
    """Weights and bias of a logistic regression (Adam on standardised features)."""
    mean, sd = x.mean(0), x.std(0) + 1e-9
    z = (x - mean) / sd
    w, b = np.zeros(x.shape[1]), 0.0
    m, v = np.zeros(x.shape[1] + 1), np.zeros(x.shape[1] + 1)
    for t in range(1, steps + 1):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        grad = np.r_[z.T @ (p - y) / len(y) + 1e-4 * w, (p - y).mean()]
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        step = 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        w, b = w - step[:-1], b - step[-1]
    return w / sd, float(b - (w * mean / sd).sum())


def build(
    train: Path,
    out: Path,
    holdout_every: int = 10,
    common_size: int = 4500,
    dictionary_chars: bool = True,
    min_trigram: int = 1,
) -> None:
    lines = [line for text in training_texts(train) for line in text.splitlines() if line]
    if not lines:
        raise SystemExit(f"{train} 里没有训练文本")
    extra: dict[str, object] = {}
    if holdout_every:
        shadow = out.with_name(out.stem + ".shadow.bin")
        kept = [x for i, x in enumerate(lines) if i % holdout_every]
        write_model(kept, shadow, {}, common_size, dictionary_chars, min_trigram)
        held = lines[::holdout_every][:20000]
        x, y = synthetic_rows(SpellingModel(shadow), held)
        weights, bias = fit_logistic(x, y)
        shadow.unlink()
        extra = {"weights": dict(zip(scoring.FEATURES, weights.tolist(), strict=True))}
        extra["bias"] = bias
        print(f"weights from {len(y)} candidates ({int(y.sum())} true corrections): {extra}")
    write_model(lines, out, extra, common_size, dictionary_chars, min_trigram)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--holdout-every", type=int, default=10, help="每 N 行留一行训练权重（0：不训练）"
    )
    parser.add_argument(
        "--training-chars-only",
        action="store_true",
        help="字表只取训练文本里的字（小语料试验用，快）",
    )
    parser.add_argument("--min-trigram", type=int, default=1, help="三字组至少出现几次才收入模型")
    args = parser.parse_args()
    build(
        args.train,
        args.out,
        args.holdout_every,
        dictionary_chars=not args.training_chars_only,
        min_trigram=args.min_trigram,
    )


if __name__ == "__main__":
    main()
