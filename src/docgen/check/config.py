"""How an office tunes the checker: rules switched off, severities changed, its own lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
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
    def from_dict(cls, data: Mapping[str, Any] | None, where: str = "检查配置") -> CheckConfig:
        """Build from a profile section: 关闭 / 级别 / 词表目录 / 日期 (English keys also work)."""
        if not data:
            return cls()
        problems: list[Problem] = []
        families = {r.family for r in RULES.values()}
        off = data.get("关闭", data.get("off", [])) or []
        if isinstance(off, str):
            off = [off]
        for name in off:
            if name not in RULES and name not in families:
                problems.append(
                    Problem(where, f"不认识的检查规则“{name}”", "关闭", "规则代码见 docs/checks.md")
                )
        levels: dict[str, Severity] = {}
        raw_levels = data.get("级别", data.get("severity", {})) or {}
        if not isinstance(raw_levels, Mapping):
            problems.append(Problem(where, "应为“规则代码: 级别”的列表", "级别"))
            raw_levels = {}
        for code, value in raw_levels.items():
            if code not in RULES:
                problems.append(Problem(where, f"不认识的检查规则“{code}”", "级别"))
            elif str(value) not in _SEVERITY_NAMES:
                problems.append(
                    Problem(where, f"级别“{value}”无效", f"级别.{code}", "可用：错误、警告、提示")
                )
            else:
                levels[code] = _SEVERITY_NAMES[str(value)]
        dirs = data.get("词表目录", data.get("corpora", [])) or []
        if isinstance(dirs, str):
            dirs = [dirs]
        as_of = data.get("日期", data.get("as_of"))
        if as_of is not None and not isinstance(as_of, dt.date):
            try:
                as_of = dt.date.fromisoformat(str(as_of))
            except ValueError:
                problems.append(Problem(where, f"日期“{as_of}”无效", "日期", "格式如 2026-11-28"))
                as_of = None
        spelling = data.get("别字检查", data.get("spelling", True))
        if str(spelling).strip().lower() not in _SWITCH:
            problems.append(
                Problem(where, f"“{spelling}”无效", "别字检查", "写“开”或“关”（是 / 否）")
            )
        elif not _SWITCH[str(spelling).strip().lower()]:
            off = [*off, SPELLING_FAMILY]
        kind = str(data.get("文种", data.get("kind", "")) or "")
        if chinese_kind(kind) is None:
            problems.append(unknown_kind(where, kind))
        if problems:
            raise InputError("检查配置有误", problems)
        return cls(
            disabled=frozenset(str(x) for x in off),
            severity=levels,
            corpora_dirs=tuple(Path(d) for d in dirs),
            as_of=as_of,
            kind=kind,
        )


def unknown_kind(where: str, kind: object) -> Problem:
    return Problem(where, f"不认识的文种“{kind}”", "文种", f"可用：{KIND_NAMES}")
