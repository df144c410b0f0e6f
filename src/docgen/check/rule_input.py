"""What every rule family reads: the units, the word lists, token edges computed on demand.

Rules import this module and the engine imports the rules, so the two never import each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from . import tokenizer
from .config import CheckConfig
from .findings import RULES, Finding
from .lexicons import Lexicons
from .units import Unit

_OPEN_CLOSE = {"“": "”", "《": "》"}


class RuleInput:
    """What rules share: the units, the lists, lazily computed token boundaries."""

    def __init__(self, units: Sequence[Unit], lex: Lexicons, config: CheckConfig) -> None:
        self.units = units
        self.lex = lex
        self.config = config
        self._bounds: dict[int, frozenset[int]] = {}
        self._edges: dict[int, tokenizer.Edges] = {}
        self._quoted: dict[int, list[tuple[int, int]]] = {}
        _ensure_words(lex)

    def on(self, code: str) -> bool:
        return self.config.is_on(code)

    def boundaries(self, i: int) -> frozenset[int]:
        """jieba token edges of unit ``i`` (the tokenizer is built only if a rule asks)."""
        if i not in self._bounds:
            self._bounds[i] = tokenizer.boundaries(self.units[i].text)
        return self._bounds[i]

    def on_boundaries(self, i: int, start: int, end: int) -> bool:
        """Whether [start, end) of unit ``i`` starts and ends at jieba token edges."""
        if i in self._bounds:
            bounds: frozenset[int] | tokenizer.Edges = self._bounds[i]
        else:
            if i not in self._edges:
                self._edges[i] = tokenizer.Edges(self.units[i].text)
            bounds = self._edges[i]
        return start in bounds and end in bounds

    def quoted(self, i: int, start: int, end: int) -> bool:
        """Whether [start, end) lies inside “…” or 《…》 of unit ``i``."""
        if i not in self._quoted:
            self._quoted[i] = _quoted_spans(self.units[i].text)
        return any(s <= start and end <= e for s, e in self._quoted[i])

    def finding(
        self, code: str, i: int, start: int, end: int, message: str, suggestion: str | None
    ) -> Finding:
        unit = self.units[i]
        info = RULES[code]
        return Finding(
            code=code,
            severity=self.config.level(code),
            message=message,
            suggestion=suggestion,
            source=info.source,
            text=unit.text[start:end],
            unit=i,
            start=start,
            end=end,
            block=unit.block,
            cell=unit.cell,
        )


Rule = Callable[[RuleInput], Iterable[Finding]]


def _ensure_words(lex: Lexicons) -> None:
    """Register the lists' domain words with jieba once per loaded lexicon set."""
    if not getattr(lex, "_words_registered", False):
        tokenizer.add_words(lex.domain_words())
        lex._words_registered = True  # type: ignore[attr-defined]


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for pos, ch in enumerate(text):
        if ch in _OPEN_CLOSE:
            stack.append((ch, pos))
        elif stack and ch == _OPEN_CLOSE[stack[-1][0]]:
            _, start = stack.pop()
            spans.append((start, pos + 1))
    spans.extend((start, len(text)) for _, start in stack)
    return spans
