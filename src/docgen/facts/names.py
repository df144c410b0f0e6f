"""The proper names a situation states: people, offices, places and villages.

The clerk wrote them, so the spelling model must not "correct" them: a village called
柳塘村 makes 有柳 look like a slip for 遗留, and 青石 like 警示. The names are handed to
the checker as words it never changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

#: Fields holding names of people, offices or a village (several are split at commas).
NAME_FIELDS = frozenset(
    {
        "姓名", "联系人", "责任领导", "所属县", "责任单位", "主办", "发文机关",
        "印发机关", "编印单位", "上级机关", "主送", "抄送", "领导小组", "村",
    }
)  # fmt: skip
#: Sections whose 名称 is a place (the township); other 名称 are titles or terms. A batch's
#: villages are passed to proper_names from the village table.
PLACE_PARENTS = frozenset({"乡镇"})
_SEPARATORS = re.compile(r"[、，,；;：:\s（）()]+")


def proper_names(data: Mapping[str, object], villages: Iterable[str] = ()) -> tuple[str, ...]:
    """Every name in ``data`` and the ``villages`` of a batch, longest first, no repeats."""
    found: set[str] = set()
    _walk(data, "", found)
    found.update(v for v in villages if v)
    return tuple(sorted((n for n in found if len(n) >= 2), key=lambda n: (-len(n), n)))


def _walk(value: object, key: str, found: set[str]) -> None:
    if isinstance(value, Mapping):
        for k, v in value.items():
            if isinstance(v, str) and (k in NAME_FIELDS or (k == "名称" and key in PLACE_PARENTS)):
                found.update(_SEPARATORS.split(v))
            else:
                _walk(v, str(k), found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _walk(item, key, found)
