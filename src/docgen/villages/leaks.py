"""Whether a village's document carries another village's name or distinctive figures."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..data.schema import Indicator
from ..data.villages import Village
from ..facts.figures import format_typed
from ..facts.village import village_indicator
from ..model import Document, Scope, printed_texts
from ..textmatch import trie_pattern
from .validate import NAMEISH

_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def figures_in(text: str) -> set[str]:
    """Figures as written, two significant characters or more (a lone 3 proves nothing)."""
    return {f for f in _FIGURE.findall(text) if len(f.replace(".", "").lstrip("0")) >= 2}


def indicator_figures(ind: Indicator, value: Decimal, word: str, area: str) -> frozenset[str]:
    """Figures one indicator's facts for a village may show: its value, the township's, the
    target, the gaps. Pure: a batch remembers them (``Speedups.memo``)."""
    facts = village_indicator(ind, value, word, area)
    return frozenset(figures_in("\n".join(strings_in(facts))))


def own_figures(
    village: Village,
    indicators: Iterable[Indicator],
    problems: list[dict],
    word: str,
    area: str,
    figures_of: Callable[..., frozenset[str]] = indicator_figures,
) -> set[str]:
    """Figures a village's own document may show: its indicators' and its deadlines."""
    found: set[str] = set()
    for ind in indicators:
        if ind.name in village.values:
            found |= figures_of(ind, village.values[ind.name], word, area)
    deadlines = [str(p["整改时限"]) for p in problems if p.get("整改时限")]
    return found | figures_in("\n".join(deadlines))


def printed_text(document: Document, outside: Scope | None = None) -> str:
    """What a document prints, as one text to search (``outside``: regions left out)."""
    return "\n".join(printed_texts(document, outside=outside))


def strings_in(value: object) -> list[str]:
    """Every printable leaf of a template's data."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings_in(v)]
    return [str(value)] if value is not None else []


@dataclass
class LeakIndex:
    """Village names and the figures only one or some villages have, built once per batch."""

    names: tuple[str, ...]
    common: str  # text every document shares (the township-level document)
    township: set[str]  # figures of the township's data
    owners: dict[str, set[str]] = field(default_factory=dict)  # figure → villages it belongs to
    owner_fields: dict[tuple[str, str], str] = field(default_factory=dict)  # (village, fig) → 指标
    _pattern: re.Pattern[str] | None = None

    @classmethod
    def build(
        cls, villages: Iterable[Village], names: Iterable[str], common: str, township: set[str]
    ) -> LeakIndex:
        # A name without a letter ("..", a bad row) would be "found" everywhere: not a name.
        names = tuple(n for n in dict.fromkeys(names) if n not in common and NAMEISH.search(n))
        index = cls(names, common, township | figures_in(common))
        for village in villages:
            for indicator, value in village.values.items():
                for figure in figures_in(format_typed(value)):
                    if figure in index.township:
                        continue
                    index.owners.setdefault(figure, set()).add(village.name)
                    index.owner_fields.setdefault((village.name, figure), indicator)
        index._pattern = re.compile(trie_pattern(names)) if names else None
        return index

    def find(self, village: str, own: set[str], text: str) -> list[str]:
        """Messages naming both villages, one per other village found."""
        hits: dict[str, list[str]] = {}
        if self._pattern is not None:
            for name in dict.fromkeys(self._pattern.findall(text)):
                if name != village:
                    hits.setdefault(name, []).append(f"村名“{name}”")
        for figure in sorted(figures_in(text) - own - self.township):
            for other in sorted(self.owners.get(figure, ())):
                if other != village:
                    field_name = self.owner_fields.get((other, figure), "")
                    hits.setdefault(other, []).append(f"数字“{figure}”（{other}的{field_name}）")
        return [
            f"{village}的文档中出现了{other}的内容：{'、'.join(what)}"
            for other, what in hits.items()
        ]
