"""Find spans that cannot be repaired with certainty, mark them in place and report them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass

from docgen.corpus.pinyin import STRAY, is_reading

MARK_OPEN = "【待核："
MARK_CLOSE = "】"
MARK = re.compile(r"【待核：([^】\n]*)】")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_QUESTIONS = re.compile(rf"[?？]{{2,}}(?=[{_HAN}A-Za-z0-9])|[?？]{{3,}}")
_UNDECODABLE = re.compile(r"[\ufffd\ue000-\uf8ff]+")
_MOJIBAKE = re.compile(r"(?:锟斤拷)+|烫{2,}|屯{2,}|[銆锛]")
_ENTITY = re.compile(
    r"&#x?[0-9A-Fa-f]*;?|&[A-Za-z]{2,8};"
    rf"|&[a-z]{{2,8}}(?=[{_HAN}])"
    rf"|(?<=[\u3000-\u303f\uff00-\uffef{_HAN}“”])[a-z]{{2,8}};"
)

#: kind → (message, hint), in the order detectors run.
KINDS: dict[str, tuple[str, str]] = {
    "问号乱码": ("一串问号，原来的字已经丢失", "请对照原件或原网页补上原字，再删去【待核：】标记"),
    "无法解码": ("无法解码的字节（文件混有多种编码）", "请对照原件补上原字，再删去【待核：】标记"),
    "编码错乱": ("疑似编码错乱产生的字（如“锟斤拷”）", "请对照原件改正，再删去【待核：】标记"),
    "实体残片": (
        "网页 HTML 实体的残片，无法确定原来的符号",
        "请对照原网页改成正确的标点，再删去【待核：】标记",
    ),
    "残留拼音": (
        "残留的拼音，无法确定是不是注音",
        "如是注音请删去；如是正文请保留，再删去【待核：】标记",
    ),
}


@dataclass(frozen=True)
class Damage:
    """One marked span in a cleaned file, located by 1-based line and column."""

    file: str
    line: int
    column: int
    kind: str
    text: str
    message: str
    hint: str
    source: str = ""

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: 存疑（{self.kind}）“{self.text}”：{self.message} → {self.hint}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _stray_pinyin(m: re.Match[str]) -> bool:
    return is_reading(m.group(0))


_DETECTORS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], bool] | None], ...] = (
    (_QUESTIONS, None),
    (_UNDECODABLE, None),
    (_MOJIBAKE, None),
    (_ENTITY, None),
    (STRAY, _stray_pinyin),
)


def classify(span: str) -> str:
    """Tell which kind of damage a marked span is, from its text alone (stable across runs)."""
    for (pattern, accept), kind in zip(_DETECTORS, KINDS, strict=True):
        m = pattern.search(span)
        if m and (accept is None or accept(m)):
            return kind
    return "问号乱码" if "?" in span or "？" in span else "编码错乱"


def mark_segment(segment: str) -> str:
    """Wrap every damaged span of a text (which contains no marks yet) in 【待核：…】."""
    spans: list[tuple[int, int]] = []
    for pattern, accept in _DETECTORS:
        for m in pattern.finditer(segment):
            if accept is not None and not accept(m):
                continue
            if not any(s < m.end() and m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
    out, pos = [], 0
    for start, end in sorted(spans):
        out.append(segment[pos:start] + MARK_OPEN + segment[start:end] + MARK_CLOSE)
        pos = end
    out.append(segment[pos:])
    return "".join(out)


def find_marks(text: str, file: str, source: str = "") -> list[Damage]:
    """Every 【待核：…】 span of a cleaned text, with its place and what to do about it."""
    found = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        for m in MARK.finditer(line):
            kind = classify(m.group(1))
            message, hint = KINDS[kind]
            found.append(
                Damage(file, lineno, m.start(1) + 1, kind, m.group(1), message, hint, source)
            )
    return found
