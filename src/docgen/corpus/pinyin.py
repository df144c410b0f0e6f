"""Recognise inline pinyin annotations such as 鄉(xiāng) so that only certain ones are removed."""

from __future__ import annotations

import re
import unicodedata

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn"
    r"|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)"
)
_READING = re.compile(rf"{_SYLLABLE}[1-5]?(?:[ '\-]?{_SYLLABLE}[1-5]?)*")
#: A parenthesised run of Latin letters (with tone marks), digits, spaces, apostrophes.
_PAREN = re.compile(rf"(?<=[{_HAN}])[(（]([a-zA-Z{_TONED}üÜ][a-zA-Z{_TONED}üÜ1-5 '\-]*)[)）]")
#: A toned Latin word: outside an annotation it is a stray remain of one.
STRAY = re.compile(rf"[a-zA-Züü]*[{_TONED}][a-zA-Z{_TONED}ü]*")


def base_letters(text: str) -> str:
    """xiāng → xiang, lǜ → lv: the letters a syllable is validated on."""
    out = []
    for ch in text.lower():
        if ch in "üǖǘǚǜ":
            out.append("v")
        elif ch in _TONED:
            out.append(unicodedata.normalize("NFD", ch)[0])
        else:
            out.append(ch)
    return "".join(out)


def is_reading(text: str) -> bool:
    """True if the text is one or more valid pinyin syllables (tones optional)."""
    return bool(_READING.fullmatch(base_letters(text.strip())))


def is_certain_reading(text: str) -> bool:
    """A reading that carries a tone (mark or digit) cannot be an English word or a code."""
    if not is_reading(text):
        return False
    return any(ch in _TONED for ch in text.lower()) or bool(re.search(r"[a-z][1-5]", text.lower()))


def remove_annotations(line: str) -> str:
    """Drop readings after Han characters; toneless ones only if the line has toned ones."""
    contextual = any(is_certain_reading(m.group(1)) for m in _PAREN.finditer(line))

    def replace(m: re.Match[str]) -> str:
        reading = m.group(1)
        if is_certain_reading(reading):
            return ""
        if contextual and reading.islower() and is_reading(reading):
            return ""
        return m.group(0)

    return _PAREN.sub(replace, line)
