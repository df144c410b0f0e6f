"""Load the checker's word lists from corpora/ (bundled) and an office's own folders.

Every list is a plain TSV or YAML file a secretary can read and extend; see docs/checks.md.
Malformed lines are reported together, with file and line, instead of being skipped.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data import yamlread
from ..errors import InputError, Problem
from ..resources import builtin_dir
from ..textio import read_text
from .tokenizer import is_jieba_word

TYPOS = "typos.tsv"
VARIANTS = "variants.tsv"
USAGE = "usage.tsv"
FIXED = "fixed_expressions.yaml"
OUTDATED = "outdated_terms.yaml"
GLOSSARY = "glossary.yaml"
DEDI = "dedi.yaml"
USERDICT = "jieba_userdict.txt"
STANDARD_CHARS = "tongyong_8105.txt"
VARIANT_CHARS = "variant_chars.tsv"
KEEP = "keep_as_written.txt"

_USERDICT_LINE = re.compile(r"^(?P<word>[^\s]+)(?: (?P<freq>[0-9]+))?(?: (?P<tag>[a-z]+))?$")


@dataclass(frozen=True)
class Typo:
    wrong: str
    right: str
    raw: bool
    note: str = ""
    exceptions: tuple[str, ...] = ()  # correct texts that contain the wrong form


@dataclass(frozen=True)
class Usage:
    """A near-synonym whose official usage is fixed: 其它 → 其他, 起用印章 → 启用印章."""

    wrong: str
    right: str
    source: str
    note: str = ""
    hint: bool = False  # right in most texts, not all: reported as a hint (US02)
    exceptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fixed:
    wrong: str
    right: str
    source: str = ""
    in_quotes: bool = False  # also check inside quotation marks (terms usually quoted)


@dataclass(frozen=True)
class Variant:
    form: str
    recommended: str
    pair: bool  # both forms acceptable: only consistency within a document is checked
    note: str = ""


@dataclass(frozen=True)
class Outdated:
    """A term valid from ``valid_from`` (if known) until the day before ``since``."""

    term: str
    since: dt.date  # 失效日期: the first day the term no longer applies
    suggest: str
    source: str
    period: bool  # a period-bound term (十四五): reported as a hint to check the period
    note: str = ""
    valid_from: dt.date | None = None  # 生效日期

    def valid_on(self, day: dt.date) -> bool:
        """Whether a document dated ``day`` may use the term without a finding."""
        return day < self.since


@dataclass(frozen=True)
class Discouraged:
    form: str
    preferred: str
    note: str = ""


@dataclass(frozen=True)
class Banned:
    word: str
    reason: str = ""


@dataclass
class Lexicons:
    typos: list[Typo] = field(default_factory=list)
    usage: list[Usage] = field(default_factory=list)
    fixed: list[Fixed] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    outdated: list[Outdated] = field(default_factory=list)
    discouraged: list[Discouraged] = field(default_factory=list)
    banned: list[Banned] = field(default_factory=list)
    required: dict[str, list[str]] = field(default_factory=dict)
    dedi: dict[str, list[str]] = field(default_factory=dict)
    userwords: list[tuple[str, int | None, str | None]] = field(default_factory=list)
    standard_chars: set[str] = field(default_factory=set)  # 通用规范汉字表
    variant_chars: dict[str, str] = field(default_factory=dict)  # 异体字 → 规范字
    keep: list[str] = field(default_factory=list)  # names and titles kept as written

    def domain_words(self) -> list[tuple[str, int | None, str | None]]:
        """Words jieba must keep whole: the user dictionary plus every correct form (worked
        out once: the lists do not change once loaded, and every check asks)."""
        found = self.__dict__.get("_domain_words")
        if found is None:
            found = self.__dict__["_domain_words"] = self._domain_words()
        return found

    def _domain_words(self) -> list[tuple[str, int | None, str | None]]:
        words = list(self.userwords)
        rights = [t.right for t in self.typos] + [u.right for u in self.usage]
        for text in rights + [v.recommended for v in self.variants]:
            if is_jieba_word(text):
                words.append((text, None, None))
        return words


def bundled_dir() -> Path:
    """corpora/ inside an installed wheel, or at the root of a source checkout."""
    return builtin_dir("corpora")


@functools.lru_cache(maxsize=8)
def load(extra_dirs: tuple[Path, ...] = ()) -> Lexicons:
    """The bundled lists merged with an office's own; raises InputError on bad lines."""
    lex = Lexicons()
    problems: list[Problem] = []
    for folder in (bundled_dir(), *extra_dirs):
        if not folder.is_dir():
            problems.append(Problem(str(folder), "词表目录不存在", hint="请检查配置中的“词表目录”"))
            continue
        load_into(lex, folder, problems)
    if problems:
        raise InputError("检查用词表有误", problems)
    return lex


def load_into(lex: Lexicons, folder: Path, problems: list[Problem]) -> None:
    """Read whichever of the known files ``folder`` has, appending to ``lex``."""
    path = folder / TYPOS
    if path.is_file():
        for where, cols in _tsv(path, 2, problems):
            raw = len(cols) > 2 and cols[2].strip().lower() in {"raw", "原样"}
            if len(cols) > 2 and cols[2].strip() and not raw:
                problems.append(Problem(where, f"匹配方式“{cols[2]}”无效", hint="留空或写 raw"))
            if cols[0] == cols[1]:
                problems.append(Problem(where, "错误写法与正确写法相同"))
                continue
            exceptions = tuple(_split(cols[4])) if len(cols) > 4 else ()
            for ok in exceptions:
                if cols[0] not in ok:
                    problems.append(Problem(where, f"例外“{ok}”不包含错误写法“{cols[0]}”"))
            note = cols[3] if len(cols) > 3 else ""
            lex.typos.append(Typo(cols[0], cols[1], raw, note, exceptions))
    path = folder / USAGE
    if path.is_file():
        for where, cols in _tsv(path, 3, problems):
            level = cols[4] if len(cols) > 4 else ""
            if level not in {"", "警告", "提示"}:
                problems.append(Problem(where, f"级别“{level}”无效", hint="留空或写“提示”"))
            if cols[0] == cols[1]:
                problems.append(Problem(where, "不规范写法与规范写法相同"))
                continue
            exceptions = tuple(_split(cols[5])) if len(cols) > 5 else ()
            note = cols[3] if len(cols) > 3 else ""
            lex.usage.append(Usage(cols[0], cols[1], cols[2], note, level == "提示", exceptions))
    path = folder / VARIANTS
    if path.is_file():
        for where, cols in _tsv(path, 2, problems):
            kind = cols[2].strip() if len(cols) > 2 else ""
            if kind not in {"", "异形", "并存"}:
                problems.append(Problem(where, f"类型“{kind}”无效", hint="写“异形”或“并存”"))
            note = cols[3] if len(cols) > 3 else ""
            for form in _split(cols[1]):
                if form == cols[0]:
                    problems.append(Problem(where, f"非推荐词形“{form}”与推荐词形相同"))
                    continue
                lex.variants.append(Variant(form, cols[0], kind == "并存", note))
    path = folder / FIXED
    if path.is_file():
        for where, item in _yaml_list(path, problems):
            right = str(item.get("正确", "")).strip()
            wrongs = item.get("错误") or []
            if not right or not isinstance(wrongs, list) or not wrongs:
                problems.append(Problem(where, "每条需要“正确”和“错误”（列表）"))
                continue
            for wrong in wrongs:
                if str(wrong) == right:
                    problems.append(Problem(where, f"错误写法“{wrong}”与正确写法相同"))
                else:
                    source = str(item.get("依据", ""))
                    in_quotes = bool(item.get("引号内也查", False))
                    lex.fixed.append(Fixed(str(wrong), right, source, in_quotes))
    path = folder / OUTDATED
    if path.is_file():
        for where, item in _yaml_list(path, problems):
            terms = item.get("词语")
            since = item.get("失效日期")
            valid_from = item.get("生效日期")
            if isinstance(terms, str):
                terms = [terms]
            if not terms or not isinstance(since, dt.date):
                problems.append(Problem(where, "每条需要“词语”和“失效日期”（如 2021-08-20）"))
                continue
            if valid_from is not None and (
                not isinstance(valid_from, dt.date) or valid_from >= since
            ):
                problems.append(Problem(where, "“生效日期”应为早于“失效日期”的日期"))
                continue
            if not str(item.get("依据", "")).strip():
                problems.append(Problem(where, "每条需要写明“依据”（文件或公告）"))
                continue
            kind = str(item.get("类型", "过时"))
            for term in terms:
                lex.outdated.append(
                    Outdated(
                        str(term),
                        since,
                        str(item.get("建议", "")),
                        str(item.get("依据", "")),
                        kind == "时期",
                        str(item.get("说明", "")),
                        valid_from,
                    )
                )
    path = folder / GLOSSARY
    if path.is_file():
        data = _yaml(path, problems) or {}
        for i, item in enumerate(data.get("推荐用语") or [], 1):
            preferred = str(item.get("推荐", ""))
            for form in item.get("不推荐") or []:
                if str(form) == preferred or not preferred:
                    where = f"{path.name} 推荐用语第{i}条"
                    problems.append(Problem(where, "推荐与不推荐相同或为空"))
                else:
                    note = str(item.get("说明", ""))
                    lex.discouraged.append(Discouraged(str(form), preferred, note))
        for item in data.get("禁用词") or []:
            if isinstance(item, str):
                lex.banned.append(Banned(item))
            else:
                lex.banned.append(Banned(str(item.get("词语", "")), str(item.get("原因", ""))))
        for kind, terms in (data.get("必备表述") or {}).items():
            lex.required.setdefault(str(kind), []).extend(str(t) for t in terms or [])
    path = folder / DEDI
    if path.is_file():
        data = _yaml(path, problems) or {}
        for key, words in data.items():
            lex.dedi.setdefault(str(key), []).extend(str(w) for w in words or [])
    _load_chars(lex, folder, problems)
    path = folder / USERDICT
    if path.is_file():
        for n, line in enumerate(read_text(path).splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            m = _USERDICT_LINE.match(line)
            if not m or not is_jieba_word(m["word"]):
                problems.append(
                    Problem(
                        f"{path.name}:{n}",
                        f"词典行“{line}”格式不对",
                        hint="格式：词语 [词频] [小写词性]，字段之间一个半角空格，词语不含标点",
                    )
                )
                continue
            lex.userwords.append((m["word"], int(m["freq"]) if m["freq"] else None, m["tag"]))


def _load_chars(lex: Lexicons, folder: Path, problems: list[Problem]) -> None:
    """The standard characters, the variant characters and the words kept as written."""
    path = folder / STANDARD_CHARS
    if path.is_file():
        for line in _lines(path):
            lex.standard_chars.update(ch for ch in line[1] if not ch.isspace())
    path = folder / VARIANT_CHARS
    if path.is_file():
        for where, cols in _tsv(path, 2, problems):
            if len(cols[0]) != 1 or len(cols[1]) != 1 or cols[0] == cols[1]:
                problems.append(Problem(where, "每行应为“异体字<Tab>规范字”，各一个字且不相同"))
                continue
            lex.variant_chars[cols[0]] = cols[1]
    path = folder / KEEP
    if path.is_file():
        lex.keep.extend(line.strip() for _, line in _lines(path) if line.strip())


def _lines(path: Path) -> list[tuple[int, str]]:
    """Numbered lines that are neither empty nor comments."""
    text = read_text(path).splitlines()
    return [
        (n, line) for n, line in enumerate(text, 1) if line.strip() and not line.startswith("#")
    ]


def _split(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[、,，]", text) if p.strip()]


def _tsv(path: Path, min_cols: int, problems: list[Problem]) -> list[tuple[str, list[str]]]:
    rows = []
    for n, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        where = f"{path.name}:{n}"
        if len(cols) < min_cols or not all(cols[:min_cols]):
            problems.append(Problem(where, "列数不足或有空列", hint="各列之间用一个 Tab 分隔"))
            continue
        rows.append((where, cols))
    return rows


def _yaml(path: Path, problems: list[Problem]) -> Any:
    text = read_text(path)
    try:
        return yamlread.load_word_list(text)
    except yamlread.YAMLError as exc:
        problems.append(yamlread.syntax_problem(exc, text, path))
        return None


def _yaml_list(path: Path, problems: list[Problem]) -> list[tuple[str, dict[str, Any]]]:
    data = _yaml(path, problems)
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(Problem(path.name, "应为列表（每条以“- ”开头）"))
        return []
    out = []
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict):
            problems.append(Problem(f"{path.name} 第{i}条", "应为“键: 值”形式"))
            continue
        out.append((f"{path.name} 第{i}条", item))
    return out
