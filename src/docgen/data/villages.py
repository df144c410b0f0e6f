"""A village table once validated: each village's figures and problems, and what was wrong."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..errors import Problem
from .schema import Issue


@dataclass(frozen=True)
class Village:
    """One village: its name, its indicator values (by indicator name) and its problems."""

    name: str
    row: int
    values: dict[str, Decimal]
    issues: tuple[Issue, ...]


@dataclass(frozen=True)
class VillageTable:
    """The valid villages and every problem found, each tied to its village where possible."""

    path: Path
    villages: tuple[Village, ...]
    problems: tuple[tuple[str | None, Problem], ...]
    names: tuple[str, ...]  # every village named in the sheet, valid or not

    @property
    def invalid(self) -> set[str]:
        return {name for name, _ in self.problems if name is not None}
