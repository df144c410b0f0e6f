"""Checker speed and precision: throughput vs bare jieba, cold start, corpus findings, test set.

Run: python bench/check_speed.py [--corpus ../shared/corpus/gov]
Not a test: numbers depend on the machine. Targets (issue 4): throughput ≥ 60% of bare
segmentation, cold start < 1.5 s, ≤ 5 error-or-warning findings per 100,000 characters.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docgen.check import CheckConfig, check_text, tokenizer
from docgen.check.evaluate import score
from docgen.check.findings import RULES, Severity

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "gov"


def _file_date(path: Path) -> dt.date | None:
    """A dated corpus text is checked as of its own year (a 2018 report may say 十三五)."""
    m = re.search(r"(19|20)\d{2}", path.name)
    return dt.date(int(m.group()), 3, 5) if m else None


def throughput(texts: list[str], rounds: int = 3) -> None:
    whole = "\n".join(texts)
    check_text(whole)  # warm: lists loaded, jieba built
    tokenizer.segment(whole)
    best_check = min(_timed(lambda: check_text(whole)) for _ in range(rounds))
    best_jieba = min(_timed(lambda: tokenizer.segment(whole)) for _ in range(rounds))
    lines = whole.splitlines()
    worst = min(
        _timed(lambda: (check_text(whole), [tokenizer.boundaries(x) for x in lines]))
        for _ in range(rounds)
    )
    n = len(whole)
    print(f"字符数 {n}")
    print(f"检查器（热）：{n / best_check:,.0f} 字/秒（{best_check * 1000:.0f} ms）")
    print(f"jieba 分词（HMM 关，热）：{n / best_jieba:,.0f} 字/秒（{best_jieba * 1000:.0f} ms）")
    print(f"检查器/分词 速度比：{best_jieba / best_check:.0%}（目标 ≥ 60%）")
    print(f"最坏情况（每行都要词边界）：{n / worst:,.0f} 字/秒，为分词的 {best_jieba / worst:.0%}")
    print("（检查器只对有候选词的行分词，所以通常比全文分词快）")


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def cold_start(sample: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.txt"
        path.write_text(sample, encoding="utf-8")
        cmd = [sys.executable, "-c", "from docgen.cli import main; main()", "check", str(path)]
        subprocess.run(cmd, capture_output=True, check=False)  # fill OS and jieba caches
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=False)
            times.append(time.perf_counter() - start)
    print(f"冷启动 docgen check（{len(sample)} 字，新进程）：{min(times):.2f} s（目标 < 1.5 s）")


def corpus_figures(corpus: Path) -> None:
    total = 0
    counts: collections.Counter[str] = collections.Counter()
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        total += len(text)
        for f in check_text(text, CheckConfig(as_of=_file_date(path))):
            counts[f.code] += 1
    print(f"参考语料 {corpus}：{total} 字")
    serious = 0
    for code in sorted(RULES):
        n = counts.get(code, 0)
        if n:
            level = RULES[code].severity.value
            rate = n * 1e5 / total
            print(f"  {code} {level:<7} {n:3d} 处  {rate:5.2f} /10万字  {RULES[code].title}")
            if RULES[code].severity is not Severity.HINT:
                serious += n
    print(f"错误+警告合计：{serious * 1e5 / total:.2f} /10万字（目标 ≤ 5）")


def testset() -> None:
    path = ROOT / "tests" / "data" / "check_testset.tsv"
    print(f"标注测试集 {path.name}：")
    for family, s in score(path, CheckConfig(as_of=dt.date(2026, 6, 1))).items():
        print(
            f"  {family:<6} 埋设 {s.planted:2d} 检出 {s.caught:2d} 召回 {s.recall:.0%}  "
            f"报出 {s.reported:2d} 正确 {s.correct:2d} 精确 {s.precision:.0%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
    head = "各村要认真布署。\n"  # a typo candidate, so jieba is loaded as in real use
    sample = head + "\n".join(texts)[: 5000 - len(head)]
    cold_start(sample)
    throughput(texts)
    corpus_figures(args.corpus)
    testset()


if __name__ == "__main__":
    main()
