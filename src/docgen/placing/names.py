"""File names a clerk's Windows PC accepts, unique in a folder even where case is ignored."""

from __future__ import annotations

import re

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
#: Most file systems allow 255 bytes per name; keep room for ".备份-YYYYmmdd-HHMMSS.docx".
_MAX_STEM_BYTES = 180


def safe_filename(name: str, suffix: str = ".docx", limit: int = 80) -> str:
    """A file name valid on Windows: no \\/:*?"<>|, no reserved device names, no trailing dot."""
    stem = _FORBIDDEN.sub("_", name).strip().rstrip(". ")
    stem = stem[:limit]
    while len(stem.encode("utf-8")) > _MAX_STEM_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip(". ") or "未命名"
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    return stem + suffix


def unique_names(stems: list[str], suffix: str = ".docx") -> list[str]:
    """``stem + suffix`` per stem, made safe; a repeated name gets （2）, （3）… (case ignored)."""
    seen: set[str] = set()
    names = []
    for stem in stems:
        stem = safe_filename(stem, suffix="")
        name, n = stem + suffix, 1
        while name.casefold() in seen:
            n += 1
            name = f"{stem}（{n}）{suffix}"
        seen.add(name.casefold())
        names.append(name)
    return names
