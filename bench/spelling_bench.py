"""Typo recall and false alarms of `docgen check`, its false-alarm rate on gov texts, its speed.

Run:  python bench/spelling_bench.py [--shared ../shared/corpus] [--pycorrector PYTHON]
Not a test: numbers depend on the machine. It runs unchanged on older checkouts (it only
uses check_text, CheckConfig and RULES), so the same figures can be taken from a previous
release in its own venv.

- Development set (dev/ecspell-odw-train.tsv), split into a fixed half A (odd lines) and
  B (even lines), and whole: wrong characters found (a finding of the counted tiers covers
  the character), sentences with a wrong character found, and correct sentences with any
  finding of the counted tiers. Counted tiers: errors + warnings, then all three. All rule
  families together, then the spelling family (SP*) alone.
- bench/data/own_typos.tsv: the same figures on sentences the developers wrote (60, 48 with
  typos), never used to tune anything: a check that the dev figures generalise.
- gov/: findings per 100,000 characters per rule (each text checked as of its own year).
- Speed: warm characters/s of check_text over gov/, cold `docgen check` of a one-page text
  in a new process, peak memory (max RSS) of a process checking all of gov/.
- --pycorrector PYTHON: the same dev figures for pycorrector's rule-based ProperCorrector
  run by that interpreter (a venv with pycorrector installed).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from docgen.check import CheckConfig, check_text
from docgen.check.findings import RULES, Severity

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("DOCGEN_SHARED_CORPUS", "/work/shared/corpus"))
SERIOUS = {Severity.ERROR, Severity.WARNING}
ONE_PAGE = 800  # characters of a one-page notice
#: Sentences with typos the developers wrote themselves: a measure nothing was tuned on.
OWN = Path(__file__).resolve().parent / "data" / "own_typos.tsv"


def read_dev(path: Path) -> list[tuple[str, set[int], bool]]:
    """(sentence, positions of wrong characters, whether the sentence is correct)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        count, wrong, right = line.split("\t")
        same = len(wrong) == len(right)
        bad = {i for i, (a, b) in enumerate(zip(wrong, right, strict=False)) if a != b}
        rows.append((wrong, bad if same else set(), count == "0"))
    return rows


def dev_scores(rows, spans_of: Callable[[list[str]], list[list[tuple[int, int, bool]]]]):
    """Recall and false alarms; spans_of gives (start, end, serious) per sentence."""
    spans = spans_of([r[0] for r in rows])
    out = {}
    for tier, keep in (("错误+警告", lambda s: s), ("含提示", lambda s: True)):
        chars = found = sentences = hit_sentences = correct = flagged = 0
        for (_, bad, ok), found_spans in zip(rows, spans, strict=True):
            counted = [(s, e) for s, e, serious in found_spans if keep(serious)]
            got = sum(1 for p in bad if any(s <= p < e for s, e in counted))
            chars += len(bad)
            found += got
            if bad:
                sentences += 1
                hit_sentences += got > 0
            if ok:
                correct += 1
                flagged += bool(counted)
        out[tier] = (found / chars, hit_sentences / sentences, flagged / correct)
    return out


def docgen_spans(config: CheckConfig) -> Callable[[list[str]], list[list[tuple[int, int, bool]]]]:
    def spans_of(sentences: list[str]) -> list[list[tuple[int, int, bool]]]:
        out: list[list[tuple[int, int, bool]]] = [[] for _ in sentences]
        for f in check_text("\n".join(sentences), config):
            out[f.block].append((f.start, f.end, f.severity in SERIOUS))
        return out

    return spans_of


def print_dev(name: str, rows, spans_of) -> None:
    halves = {"A": rows[0::2], "B": rows[1::2], "全部": rows}
    for half, part in halves.items():
        for tier, (chars, sents, alarms) in dev_scores(part, spans_of).items():
            print(
                f"  {name:<12} {half:<3} {tier:<6} 错字检出 {chars:6.1%}  含错句检出 {sents:6.1%}"
                f"  正确句误报 {alarms:5.1%}"
            )


def spelling_only() -> CheckConfig | None:
    codes = [c for c in RULES if c.startswith("SP")]
    if not codes:
        return None
    return CheckConfig(disabled=frozenset(c for c in RULES if c not in codes))


def _file_date(path: Path) -> dt.date | None:
    m = re.search(r"(19|20)\d{2}", path.name)
    return dt.date(int(m.group()), 3, 5) if m else None


def gov_figures(folder: Path) -> None:
    total = 0
    counts: collections.Counter[str] = collections.Counter()
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        total += len(text)
        counts.update(f.code for f in check_text(text, CheckConfig(as_of=_file_date(path))))
    serious = 0
    print(f"gov/：{total} 字，每 10 万字的报出数")
    for code in sorted(counts):
        rate = counts[code] * 1e5 / total
        level = RULES[code].severity
        serious += counts[code] if level in SERIOUS else 0
        print(f"  {code} {level.value:<7} {counts[code]:4d} 处 {rate:6.2f}")
    print(f"  错误+警告合计 {serious * 1e5 / total:.2f} /10万字")


def speed(folder: Path) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    modes = [("", CheckConfig())]
    if spelling_only() is not None:  # this release has the spelling family: time it off too
        modes.append(("--no-spelling", CheckConfig(disabled=frozenset({"别字"}))))
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.txt"
        page.write_text(text[:ONE_PAGE], encoding="utf-8")
        whole = Path(tmp) / "gov.txt"
        whole.write_text(text, encoding="utf-8")
        for flag, config in modes:
            check_text(text, config)
            best = min(
                _timed(lambda c=config, r=r: check_text(_fresh(text, r), c)) for r in range(3)
            )
            name = flag or "默认"
            print(f"热速度（{name}）：{len(text) / best:,.0f} 字/秒（{len(text)} 字 {best:.2f} s）")
            cmd = [sys.executable, "-c", "from docgen.cli import main; main()", "check"]
            cmd += [flag] if flag else []
            subprocess.run([*cmd, str(page)], capture_output=True, check=False)
            cold = min(
                _timed(lambda c=cmd: subprocess.run([*c, str(page)], capture_output=True))
                for _ in range(3)
            )
            print(f"冷启动 docgen check {flag}（一页，{ONE_PAGE} 字，新进程）：{cold:.2f} s")
            print(f"峰值内存（检查全部 gov/ 的进程）：{_peak_mb([*cmd, str(whole)]):.0f} MB")


def _fresh(text: str, round_: int) -> str:
    """The text with a mark on every line, so nothing is remembered from an earlier round."""
    return "\n".join(f"{line}（{round_}）" for line in text.splitlines())


def _peak_mb(cmd: Sequence[str]) -> float:
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True)
    return int(out.stdout.strip() or 0) / 1024


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


_PYCORRECTOR = r"""
import importlib.util, json, sys, types
spec = importlib.util.find_spec("pycorrector")
package = types.ModuleType("pycorrector")  # its __init__ imports torch; load the rule modules only
package.__path__ = list(spec.submodule_search_locations)
sys.modules["pycorrector"] = package
from pycorrector.proper_corrector import ProperCorrector
corrector = ProperCorrector()
sentences = json.load(sys.stdin)
json.dump([corrector.correct(s)["target"] for s in sentences], sys.stdout, ensure_ascii=False)
"""


def pycorrector_spans(python: str):
    def spans_of(sentences: list[str]) -> list[list[tuple[int, int, bool]]]:
        done = subprocess.run(
            [python, "-c", _PYCORRECTOR],
            input=json.dumps(sentences, ensure_ascii=False),
            capture_output=True,
            text=True,
            check=True,
        )
        out = []
        for src, target in zip(sentences, json.loads(done.stdout), strict=True):
            same = len(src) == len(target)
            diff = [i for i, (a, b) in enumerate(zip(src, target, strict=False)) if a != b]
            out.append([(i, i + 1, True) for i in diff] if same else [(0, len(src), True)])
        return out

    return spans_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--pycorrector", metavar="PYTHON", help="装有 pycorrector 的解释器")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    rows = read_dev(args.shared / "dev" / "ecspell-odw-train.tsv")
    print(
        f"开发集：{len(rows)} 句，其中正确句 {sum(r[2] for r in rows)}，错字 {sum(len(r[1]) for r in rows)}"
    )
    print_dev("全部规则", rows, docgen_spans(CheckConfig()))
    only = spelling_only()
    if only is not None:
        print_dev("仅别字模型", rows, docgen_spans(only))
    if args.pycorrector:
        print_dev("pycorrector", rows, pycorrector_spans(args.pycorrector))
    own = read_dev(OWN)
    print(
        f"自编别字句（bench/data/own_typos.tsv，未用于调参）：{len(own)} 句，"
        f"其中正确句 {sum(r[2] for r in own)}，错字 {sum(len(r[1]) for r in own)}"
    )
    for tier, (chars, sents, alarms) in dev_scores(own, docgen_spans(CheckConfig())).items():
        print(
            f"  全部规则 {tier:<6} 错字检出 {chars:6.1%}  含错句检出 {sents:6.1%}  正确句误报 {alarms:5.1%}"
        )
    gov_figures(args.shared / "gov")
    if not args.skip_speed:
        speed(args.shared / "gov")


if __name__ == "__main__":
    main()
