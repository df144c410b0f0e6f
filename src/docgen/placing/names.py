"""File names a clerk's Windows PC accepts, unique in a folder even where case is ignored."""

from __future__ import annotations

import re
import unicodedata

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


def safe_filename(name: str, suffix: str = ".docx", limit: int = 80, ending: str = "") -> str:
    """A file name valid on Windows and visible everywhere: no \\/:*?"<>| or invisible
    characters, no reserved device name, no leading dot (a hidden file on Linux and macOS) or
    trailing dot. A long name is cut to ``limit`` characters, keeping ``ending`` (村名 cut,
    “_通知” kept) and the suffix."""
    stem = "".join(c for c in _FORBIDDEN.sub("_", name) if unicodedata.category(c) != "Cf")
    stem = stem.strip().lstrip(". ").rstrip(". ")
    ending = _FORBIDDEN.sub("_", ending)
    room = limit - len(ending)
    stem = stem[: max(room, 1)]
    while stem and len((stem + ending).encode("utf-8")) > _MAX_STEM_BYTES:
        stem = stem[:-1]
    stem = (stem.rstrip(". ") or "未命名") + ending
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    return stem + suffix


def unique_names(
    stems: list[str], suffix: str = ".docx", endings: list[str] | None = None
) -> list[str]:
    """``stem + ending + suffix`` per stem, made safe; a repeated name — also one that became
    equal when cut — gets （2）, （3）… (case ignored, as on Windows)."""
    seen: set[str] = set()
    names = []
    for stem, ending in zip(stems, endings or [""] * len(stems), strict=True):
        stem = safe_filename(stem, suffix="", ending=ending)
        name, n = stem + suffix, 1
        while name.casefold() in seen:
            n += 1
            name = f"{stem}（{n}）{suffix}"
        seen.add(name.casefold())
        names.append(name)
    return names
