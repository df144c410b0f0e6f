"""The date a document speaks from, so that outdated-term checks judge it by its own time.

In order: an explicit date (``--date``, the office's 日期), the date of the file's front matter
or situation file (成文日期, 日期), the document's 成文日期 line, the latest full date in the
text; with none of these, today.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .config import CheckConfig
from .units import Unit

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_ARABIC = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CHINESE = re.compile(
    r"([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
)
_ISO = re.compile(r"^\s*((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})\s*$")
_DEADLINE = re.compile(r"^\s*(?:前|以前|之前|止|为止|截止)")
_LINE_DECORATION = " \t\u3000（）()——-－—·"
FRONT_MATTER_KEYS = ("成文日期", "日期", "印发日期")


def _cn_int(text: str) -> int:
    """十 → 10, 二十八 → 28, 三十一 → 31 (day and month numbers only)."""
    if "十" not in text:
        return _CN_DIGIT[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def dates_in(text: str) -> list[tuple[dt.date, int, int]]:
    """Every full date (2026年11月28日, 二〇二六年十一月二十八日) with its span."""
    found: list[tuple[dt.date, int, int]] = []
    if "日" not in text or "月" not in text:  # both patterns need them: most lines are skipped
        return found
    for m in _ARABIC.finditer(text):
        day = _make(int(m[1]), int(m[2]), int(m[3]))
        if day:
            found.append((day, m.start(), m.end()))
    for m in _CHINESE.finditer(text):
        try:
            year = int("".join(str(_CN_DIGIT[c]) for c in m[1]))
            day = _make(year, _cn_int(m[2]), _cn_int(m[3]))
        except (KeyError, ValueError):
            day = None
        if day:
            found.append((day, m.start(), m.end()))
    return found


def parse(value: object) -> dt.date | None:
    """A date written in a front matter or situation file: 2026-11-28 or 2026年11月28日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "")
    m = _ISO.match(text)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]))
    line = date_line(text)
    return line


def date_line(text: str) -> dt.date | None:
    """The date of a line that holds nothing else: a 成文日期, "（2026年11月28日）"."""
    found = dates_in(text)
    if len(found) != 1:
        return None
    day, start, end = found[0]
    rest = text[:start] + text[end:]
    return day if not rest.strip(_LINE_DECORATION) else None


def text_date(units: Sequence[Unit]) -> dt.date | None:
    """The last 成文日期 line, else the latest full date that is not a deadline ("……日前")."""
    lines = [d for u in units if (d := date_line(u.text))]
    if lines:
        return lines[-1]
    mentioned = []
    for unit in units:
        for day, _, end in dates_in(unit.text):
            if not _DEADLINE.match(unit.text[end:]):
                mentioned.append(day)
    return max(mentioned) if mentioned else None


def front_matter_date(meta: Mapping[str, Any]) -> dt.date | None:
    """成文日期, 日期 or 印发日期 of a front matter (a template's unrendered value is no date)."""
    for key in FRONT_MATTER_KEYS:
        day = parse(meta.get(key))
        if day:
            return day
    return None


def situation_date(data: object) -> dt.date | None:
    """The earliest 成文日期 of a situation file, else its earliest 日期: the time it speaks of."""
    for key in ("成文日期", "日期"):
        days = [d for d in (parse(v) for v in _values_of(data, key)) if d]
        if days:
            return min(days)
    return None


def _values_of(data: object, key: str) -> Iterable[object]:
    if isinstance(data, Mapping):
        for k, v in data.items():
            if k == key:
                yield v
            else:
                yield from _values_of(v, key)
    elif isinstance(data, list):
        for item in data:
            yield from _values_of(item, key)


def file_date(path: Path, text: str) -> dt.date | None:
    """The date a Markdown front matter or a situation .yaml file gives, if any."""
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        from ..data import yamlread
        from ..errors import InputError, ProblemList

        try:  # every value as the text typed: dates are read by ``parse`` below
            value, _ = yamlread.parse_yaml(text, path, ProblemList())
        except InputError:
            return None  # the unit reader reports the syntax error with its line
        return situation_date(value)
    if suffix in {".md", ".markdown"}:
        return front_matter_date(_front_matter(text))
    return None


def _front_matter(text: str) -> dict[str, str]:
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    meta: dict[str, str] = {}
    for line in lines[1:]:
        if line.strip() in {"---", "..."}:
            break
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip()] = value.strip()
    return meta


def with_date(config: CheckConfig, day: dt.date | None) -> CheckConfig:
    """``config`` with ``day`` as the document date, unless a date was set explicitly."""
    return config if config.as_of or not day else replace(config, as_of=day)
