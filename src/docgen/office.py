"""What an office's profile (单位设置) changes in a run: the fonts of the layout and the checker."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .data.load import LoadedOffice
from .data.schema import KINDS, Office
from .layout import DEFAULT_PROFILE, LayoutProfile

if TYPE_CHECKING:
    from .check.config import CheckConfig


def layout_for(office: Office | None, base: LayoutProfile = DEFAULT_PROFILE) -> LayoutProfile:
    """The office's font choices (e.g. 仿宋 instead of 仿宋_GB2312) over the standard profile."""
    if office is None or office.fonts is None:
        return base
    f = office.fonts
    body = f.body or base.body_font
    kaiti = f.kaiti or base.subtitle_font
    headings = (f.heading1 or base.heading_fonts[0], kaiti, body, body)
    return dataclasses.replace(
        base,
        body_font=body,
        table_font=body,
        imprint_font=body,
        title_font=f.title or base.title_font,
        mark_font=f.title or base.mark_font,
        heading_fonts=headings,
        subtitle_font=kaiti,
        signer_font=kaiti,
        latin_font=f.latin or base.latin_font,
    )


def checker_settings(
    loaded_office: LoadedOffice | None, kind: str, ignore: Iterable[str] = ()
) -> CheckConfig:
    """The checker settings of a run: the office's 【检查】, then ``--ignore``."""
    from .check.config import CheckConfig

    settings: dict[str, object] = {}
    lines: dict[tuple[str | int, ...], int] = {}
    if loaded_office is not None:
        settings = office_check_settings(loaded_office.office, loaded_office.path)
        lines = office_check_lines(loaded_office)
    settings["关闭"] = [*settings.get("关闭", []), *ignore]  # type: ignore[list-item]
    settings["文种"] = KINDS[kind]
    where = loaded_office.path.name if loaded_office else "检查配置"
    return CheckConfig.from_dict(settings, where, lines)


def office_check_settings(office: Office, office_path: Path) -> dict[str, object]:
    """The office profile's 【检查】 section with its lists as lists (``关闭: PU05`` alone is
    ``["PU05"]``) under their Chinese names, ready to be extended by the command line's;
    word-list folders taken relative to the profile."""
    from .check.config import ALIASES, setting_list

    section = dict(office.checks or {})
    settings = {key: value for key, value in section.items() if key not in ALIASES.values()}
    for key, alias in ALIASES.items():  # English names as the Chinese ones
        if key not in settings and alias in section:
            settings[key] = section[alias]
    settings["关闭"] = setting_list(section, "关闭")
    settings["词表目录"] = [
        str(office_path.parent / folder) if isinstance(folder, str) else folder
        for folder in setting_list(section, "词表目录")
    ]
    return settings


def office_check_lines(loaded: LoadedOffice) -> dict[tuple[str | int, ...], int]:
    """The line of each part of the office's 【检查】, by its path inside the section; a list
    setting written as one value (``关闭: PU05``) gives its line to that one item."""
    section = loaded.office.checks or {}
    lines = {path[1:]: line for path, line in loaded.marks.items() if path[:1] == ("检查",)}
    for key, value in section.items():
        if (key,) in lines and not isinstance(value, list):
            lines.setdefault((key, 0), lines[(key,)])
    return lines
