"""How an office tunes the checker: rules switched off, severities changed, its own lists."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem, yaml_where
from ..kinds import KIND_NAMES, chinese_kind
from .findings import RULES, Severity

_SEVERITY_NAMES = {
    "error": Severity.ERROR,
    "错误": Severity.ERROR,
    "warning": Severity.WARNING,
    "警告": Severity.WARNING,
    "hint": Severity.HINT,
    "提示": Severity.HINT,
}
SPELLING_FAMILY = "别字"  # SP01–SP03: the spelling model and the fixed phrases
_SWITCH = {
    "开": True, "是": True, "true": True, "on": True, "yes": True,
    "关": False, "否": False, "false": False, "off": False, "no": False,
}  # fmt: skip


@dataclass(frozen=True)
class CheckConfig:
    """``disabled`` holds rule codes or family names (e.g. "PU01", "的地得")."""

    disabled: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    corpora_dirs: tuple[Path, ...] = ()
    as_of: dt.date | None = None
    kind: str = ""
    #: Names the situation states (people, offices, villages): the spelling model never
    #: changes them (see facts/names.py).
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """The kind by its Chinese name, as the word lists key it (必备表述: 通知), however it
        was given (``notice`` or ``通知``): every way of building a config passes here."""
        kind = chinese_kind(str(self.kind or ""))
        if kind is None:
            raise InputError("检查配置有误", [unknown_kind("检查配置", self.kind)])
        object.__setattr__(self, "kind", kind)

    def is_on(self, code: str) -> bool:
        info = RULES.get(code)
        return code not in self.disabled and (info is None or info.family not in self.disabled)

    def level(self, code: str) -> Severity:
        return self.severity.get(code) or RULES[code].severity

    def date(self) -> dt.date:
        return self.as_of or dt.date.today()

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any] | None,
        where: str = "检查配置",
        lines: Mapping[tuple[str | int, ...], int] | None = None,
    ) -> CheckConfig:
        """Build from a profile section: 关闭 / 级别 / 词表目录 / 日期 (English keys also work).

        ``lines`` gives the line of each part of the section by its path inside it
        (``("关闭", 0)``, ``("级别", "PU01")``), so that a problem names ``file:line``.
        """
        if not data:
            return cls()
        problems: list[Problem] = []

        def at(key: str, *rest: str | int) -> str:
            found = (lines or {}).get((key, *rest)) or (lines or {}).get((ALIASES[key], *rest))
            return yaml_where(where, found) if found else where

        families = {r.family for r in RULES.values()}
        off = setting_list(data, "关闭")
        for n, name in enumerate(off):
            if not isinstance(name, str):
                problems.append(Problem(at("关闭", n), "应写规则代码或类别名", "关闭", _OFF_HINT))
            elif name not in RULES and name not in families:
                hint = "规则代码见 docs/checks.md"
                if _SEPARATORS.search(name.strip()):
                    hint = f"几条规则请分开写成列表，如“关闭: [PU05, PU07]”；{hint}"
                problems.append(Problem(at("关闭", n), f"不认识的检查规则“{name}”", "关闭", hint))
        levels: dict[str, Severity] = {}
        raw_levels = data.get("级别", data.get("severity", {})) or {}
        if not isinstance(raw_levels, Mapping):
            problems.append(Problem(at("级别"), "应为“规则代码: 级别”的列表", "级别"))
            raw_levels = {}
        for code, value in raw_levels.items():
            if code not in RULES:
                problems.append(Problem(at("级别", code), f"不认识的检查规则“{code}”", "级别"))
            elif str(value) not in _SEVERITY_NAMES:
                problems.append(
                    Problem(
                        at("级别", code),
                        f"级别“{value}”无效",
                        f"级别.{code}",
                        "可用：错误、警告、提示",
                    )
                )
            else:
                levels[code] = _SEVERITY_NAMES[str(value)]
        dirs = setting_list(data, "词表目录")
        for n, folder in enumerate(dirs):
            if not isinstance(folder, str | Path):
                problems.append(
                    Problem(at("词表目录", n), "应写文件夹的名称", "词表目录", "如“本单位词表”")
                )
        as_of = data.get("日期", data.get("as_of"))
        if as_of is not None and not isinstance(as_of, dt.date):
            try:
                as_of = dt.date.fromisoformat(str(as_of))
            except ValueError:
                problems.append(
                    Problem(at("日期"), f"日期“{as_of}”无效", "日期", "格式如 2026-11-28")
                )
                as_of = None
        spelling = data.get("别字检查", data.get("spelling", True))
        if str(spelling).strip().lower() not in _SWITCH:
            problems.append(
                Problem(at("别字检查"), f"“{spelling}”无效", "别字检查", "写“开”或“关”（是 / 否）")
            )
        elif not _SWITCH[str(spelling).strip().lower()]:
            off = [*off, SPELLING_FAMILY]
        kind = str(data.get("文种", data.get("kind", "")) or "")
        if chinese_kind(kind) is None:
            problems.append(unknown_kind(at("文种"), kind))
        if problems:
            raise InputError("检查配置有误", problems)
        return cls(
            disabled=frozenset(str(x) for x in off),
            severity=levels,
            corpora_dirs=tuple(Path(d) for d in dirs),
            as_of=as_of,
            kind=kind,
        )


#: The settings' Chinese names and the English ones also accepted.
ALIASES = {
    "关闭": "off",
    "级别": "severity",
    "词表目录": "corpora",
    "日期": "as_of",
    "别字检查": "spelling",
    "文种": "kind",
}
_OFF_HINT = "如“关闭: PU05”，几条写成列表“关闭: [PU05, 的地得]”"
_SEPARATORS = re.compile(r"[,，、;；\s]")


def setting_list(data: Mapping[str, Any], key: str) -> list[Any]:
    """A setting that holds a list (关闭, 词表目录), by its Chinese or English name: a single
    value written alone (``关闭: PU05``) is a list of one, never split into characters."""
    value = data.get(key, data.get(ALIASES[key]))
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    return [value]


def unknown_kind(where: str, kind: object) -> Problem:
    return Problem(where, f"不认识的文种“{kind}”", "文种", f"可用：{KIND_NAMES}")
