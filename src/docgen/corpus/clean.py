"""Clean one scraped text, one small step per function, so each can be tested on its own."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from docgen.corpus import damage, pinyin

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】…—·「」『』"
_CJK = re.compile(rf"[{HAN}{CJK_PUNCT}]")
_URL = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9./:_\-?=&%#~+]*[A-Za-z0-9/_\-=&%#~+]"
    r"|[A-Za-z0-9._\-]+@[A-Za-z0-9.\-]*[A-Za-z0-9]"
)

# Entity names whose remains ("rdquo;" without the "&") are unmistakable.
_REMAINS = {
    "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "mdash": "—", "hellip": "…",
    "middot": "·", "nbsp": " ", "ensp": " ", "emsp": " ", "quot": '"', "amp": "&",
    "lt": "<", "gt": ">", "times": "×", "divide": "÷", "permil": "‰",
}  # fmt: skip
_FULL_ENTITY = re.compile(r"&(#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,7});")
_BARE_ENTITY = re.compile(
    r"&(" + "|".join(sorted(_REMAINS, key=len, reverse=True)) + r")(?![A-Za-z0-9;])"
)
_REMAIN = re.compile(
    r"(?<![A-Za-z&#])(" + "|".join(sorted(_REMAINS, key=len, reverse=True)) + r");"
)
_NUMERIC_REMAIN = re.compile(r"(?<![&A-Za-z0-9])#(\d{4,5});")


@dataclass
class Options:
    """How to clean: keep the original script, and words never to convert (names)."""

    keep_script: bool = False
    keep_words: tuple[str, ...] = field(default_factory=tuple)


def outside(pattern: re.Pattern[str], text: str, fn: Callable[[str], str]) -> str:
    """Apply ``fn`` to the parts of ``text`` that ``pattern`` does not match."""
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(fn(text[pos : m.start()]) + m.group(0))
        pos = m.end()
    out.append(fn(text[pos:]))
    return "".join(out)


def per_line_unmarked(text: str, fn: Callable[[str], str]) -> str:
    """Apply a line step to every line, leaving 【待核：…】 spans exactly as they are."""
    return "\n".join(outside(damage.MARK, line, fn) for line in text.split("\n"))


# --- characters -----------------------------------------------------------------------------


def normalise_characters(text: str) -> str:
    """Line ends to \\n; NBSP, tabs and ideographic spaces to spaces; zero-width marks dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    return re.sub(r"[\t\u00a0\u3000\u2002\u2003]", " ", text)


def decode_entities(text: str) -> str:
    """&rdquo; &#8220; &nbsp; → the character; unknown names are left for the damage report."""

    def one(m: re.Match[str]) -> str:
        decoded = html.unescape(m.group(0))
        return decoded if decoded != m.group(0) else m.group(0)

    text = _FULL_ENTITY.sub(one, text)
    text = _BARE_ENTITY.sub(lambda m: _REMAINS[m.group(1)], text)
    text = _REMAIN.sub(lambda m: _REMAINS[m.group(1)], text)
    return _NUMERIC_REMAIN.sub(lambda m: chr(int(m.group(1))), text).replace("\u00a0", " ")


def remove_pinyin(text: str) -> str:
    """Remove inline readings such as 鄉(xiāng); genuine parentheses stay."""
    return per_line_unmarked(text, pinyin.remove_annotations)


def mark_damage(text: str) -> str:
    """Wrap spans that cannot be repaired with certainty in 【待核：…】, once."""
    return per_line_unmarked(text, damage.mark_segment)


def convert_script(text: str, options: Options) -> str:
    """Traditional → simplified unless the script is to be kept."""
    if options.keep_script:
        return text
    from docgen.corpus.script import to_simplified

    return to_simplified(text, options.keep_words)


# --- spaces and punctuation -----------------------------------------------------------------


def tidy_spaces(text: str) -> str:
    """Strip indentation and trailing spaces; drop spaces next to Chinese characters."""

    def line_step(segment: str) -> str:
        # Two or more spaces between Chinese words separate them on purpose (职务  姓名):
        # keep exactly two; single spaces there are web artefacts.
        segment = re.sub(rf"(?<=[{HAN}]) {{2,}}(?=[{HAN}])", "\x00", segment)
        segment = re.sub(r" {2,}", " ", segment)
        segment = re.sub(rf"(?<=[{HAN}{CJK_PUNCT}]) +", "", segment)
        segment = re.sub(rf" +(?=[{HAN}{CJK_PUNCT}])", "", segment)
        return segment.replace("\x00", "  ")

    def one_line(line: str) -> str:
        head = re.match(r"#{1,6} (?=\S)", line.strip())  # a Markdown heading from an earlier run
        prefix = head.group(0) if head else ""
        return prefix + per_line_unmarked(line.strip()[len(prefix) :], line_step).strip()

    return "\n".join(one_line(line) for line in text.split("\n"))


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


def _full_width_marks(segment: str) -> str:
    """, ; : ? ! . ( ) and "" next to Chinese text → full width; numbers and Latin untouched."""
    segment = re.sub(rf"(?<=[{HAN}”）])(?:\.{{3,}}|。{{3,}}|…(?!…))", "……", segment)
    chars = list(segment)
    han = bool(re.search(f"[{HAN}]", segment))
    full = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
    for i, ch in enumerate(chars):
        prev = chars[i - 1] if i else ""
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if ch in full:
            if ch in ",:" and prev.isdigit() and nxt.isdigit():
                continue  # 1,000 and 9:30
            if _is_cjk(prev) or _is_cjk(nxt):
                chars[i] = full[ch]
        elif ch == "." and (_is_cjk(prev) or (prev == "%" and han)) and (not nxt or _is_cjk(nxt)):
            chars[i] = "。"
    segment = "".join(chars)

    def paren(m: re.Match[str]) -> str:
        before = segment[m.start() - 1] if m.start() else ""
        after = segment[m.end()] if m.end() < len(segment) else ""
        if re.search(f"[{HAN}]", m.group(1)) or _is_cjk(before) or _is_cjk(after):
            return f"（{m.group(1)}）"
        return m.group(0)

    segment = re.sub(r"\(([^()]*)\)", paren, segment)
    if re.search(f"[{HAN}]", segment) and segment.count('"') % 2 == 0:
        parts = segment.split('"')
        segment = parts[0] + "".join(
            ("“" if i % 2 else "”") + part for i, part in enumerate(parts[1:], start=1)
        )
    return segment


def full_width_punctuation(text: str) -> str:
    """Make punctuation in Chinese text full width (GB/T 15834); URLs and marks untouched."""
    return per_line_unmarked(text, lambda seg: outside(_URL, seg, _full_width_marks))


# --- lines: boilerplate and headings --------------------------------------------------------

# Both scripts: boilerplate is dropped after conversion, or as written with --keep-script.
_NAVIGATION = re.compile(
    r"^(?:上一篇|下一篇|返回顶部|返回頂部|打印本[页頁]|[关關]闭窗口|[关關][閉闭]窗口|分享到"
    r"|[发發]布[时時]间|[发發]布[时時]間|[发發]布日期|[来來]源[：:]|[浏瀏][览覽]次[数數]|[点點][击擊][数數]"
    r"|字[号號][：:]|首[页頁]\s*[>＞]|[当當]前位置|您的位置)"
    r"|^(?:【[^】]{1,6}】\s*)+$"
)
_RELATED = re.compile(
    r"^(?:相[关關](?:文章|[阅閱][读讀]|[链鏈]接|新[闻聞])|推[荐薦][阅閱][读讀]|延伸[阅閱][读讀]"
    r"|猜你喜[欢歡]|[热熱]門文章|热门文章|看[过過].{0,30}的人[还還]看了)[：:]?$"
)
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.、．)）]|[·•\-*]|\[\d+\])")


def _is_list_like(line: str) -> bool:
    return bool(_LIST_ITEM.match(line)) or (len(line) <= 40 and not re.search(r"[。；！？]$", line))


def drop_boilerplate(lines: list[str]) -> list[str]:
    """Remove navigation lines, related-article lists and a title repeated at the top."""
    kept: list[str] = []
    skipping = False
    seen_top: list[str] = []
    for line in lines:
        if not line:
            kept.append(line)
            continue
        if _RELATED.match(line):
            skipping = True
            continue
        if skipping and _is_list_like(line):
            continue
        skipping = False
        if _NAVIGATION.match(line):
            continue
        bare = line.lstrip("# ")
        if len(seen_top) < 6:
            if bare in seen_top and len(bare) <= 60:
                continue
            seen_top.append(bare)
        kept.append(line)
    return kept


_LEVELS = (
    (re.compile(r"^[一二三四五六七八九十]{1,3}、"), "## "),
    (re.compile(r"^（[一二三四五六七八九十]{1,3}）"), "### "),
    (re.compile(r"^\d{1,2}[.．](?!\d)"), "#### "),
)


def is_heading_text(line: str) -> bool:
    """One short sentence at most: a heading, not a paragraph that starts with an ordinal.

    A heading may have a comma (“一、回顾去年工作，充分肯定成绩”) when it does not end
    as a sentence; “（二）服务更加规范，覆盖率达到90%。” is a paragraph.
    """
    if len(line) > 40 or re.search(r"[。；！？]", line[:-1]):
        return False
    return "，" not in line or not re.search(r"[。；！？：]$", line)


def mark_headings(lines: list[str]) -> list[str]:
    """Title → "# ", 一、 → "## ", （一） → "### ", 1. → "#### "; lines already marked are kept."""
    out = []
    first = next((i for i, line in enumerate(lines) if line), None)
    for i, line in enumerate(lines):
        if not line or line.startswith("#"):
            out.append(line)
            continue
        prefix = next((p for rx, p in _LEVELS if rx.match(line) and is_heading_text(line)), "")
        if (
            not prefix
            and i == first
            and len(line) <= 60
            and not re.search(r"[。；：，:！？]$", line)
        ):
            prefix = "# "
        out.append(prefix + line)
    return out


def clean_text(text: str, options: Options | None = None) -> str:
    """The whole pipeline; clean_text(clean_text(x)) == clean_text(x)."""
    options = options or Options()
    text = normalise_characters(text)
    text = decode_entities(text)
    text = remove_pinyin(text)
    text = mark_damage(text)
    text = convert_script(text, options)
    text = tidy_spaces(text)
    text = full_width_punctuation(text)
    lines = drop_boilerplate([line for line in text.split("\n")])
    lines = mark_headings(lines)
    paragraphs = [line for line in lines if line]
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def clean_lines(texts: Iterable[str], options: Options | None = None) -> list[str]:
    """Clean several texts with one set of options."""
    return [clean_text(t, options) for t in texts]
