"""A faster markdown-it parse for batches: each top-level block parsed once per batch.

Village documents share most of their text; parsing only the blocks not met before gives
the same tokens as ``MarkdownIt.parse`` (tests/test_batch_parse.py compares them).
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from ..parse import markdown_tokens, plain_table_tokens

if TYPE_CHECKING:  # markdown-it is imported by docgen.parse alone
    from markdown_it.token import Token

#: Lines after which a blank line may not end a block (lists, quotes, fences, rules, indents).
_RISKY_LINE = re.compile(
    r"^ {0,3}(?:[-*+>]|\d{1,9}[.)])(?:\s|$)|^ {0,3}(?:```|~~~|-{3,}\s*$)|^ {4}"
)


def _parse_together(chunks: list[tuple[str, int]]) -> list[list[Token]]:
    """Tokens of several blank-line-separated blocks from one parse, split back per block,
    with line maps moved to where each block stands in its document."""
    if not chunks:
        return []
    tokens = markdown_tokens("".join(chunk for chunk, _ in chunks))
    starts, line = [], 0
    for chunk, _ in chunks:
        starts.append(line)
        line += chunk.count("\n")
    groups: list[list[Token]] = [[] for _ in chunks]
    group = 0
    for token in tokens:
        if token.level == 0 and token.map:
            group = bisect.bisect_right(starts, token.map[0]) - 1
        if token.map:
            shift = chunks[group][1] - starts[group]
            token.map = [token.map[0] + shift, token.map[1] + shift]
        groups[group].append(token)
    return groups


class ParseCache:
    """markdown-it tokens of a document, each top-level block parsed once per batch.

    The text is cut at blank lines outside ``:::`` containers and front matter; a block
    met again at the same line is not parsed again (tokens are only read, never changed).
    Text where a blank line may not end a block (lists, fences, rules, indented lines)
    is parsed whole, so the tokens are always those ``MarkdownIt.parse`` gives.
    """

    def __init__(self, limit: int = 20000) -> None:
        self._cache: dict[tuple[str, int], list[Token]] = {}
        self._seen: set[int] = set()
        self._limit = limit

    def __call__(self, text: str) -> list[Token]:
        chunks = self._chunks(text)
        if chunks is None:
            return markdown_tokens(text)
        parts: list[list[Token] | None] = [self._cache.get(key) for key in chunks]
        for i, found in enumerate(parts):
            if found is None and chunks[i][0].startswith("|"):  # a village's own table
                parts[i] = plain_table_tokens(*chunks[i])
        misses = [i for i, found in enumerate(parts) if found is None]
        # The blocks not seen before are parsed in ONE call: markdown-it's fixed cost per
        # call is larger than the cost of a short block.
        for i, found in zip(misses, _parse_together([chunks[i] for i in misses]), strict=True):
            parts[i] = found
            key = chunks[i]
            seen = hash(key)
            if seen in self._seen:  # kept from its second use: one-off blocks cost nothing
                if len(self._cache) >= self._limit:
                    self._cache.clear()
                self._cache[key] = found
            else:
                self._seen.add(seen)
        return [token for found in parts for token in found]  # type: ignore[union-attr]

    @staticmethod
    def _chunks(text: str) -> list[tuple[str, int]] | None:
        if "\r" in text:  # markdown-it reads it as a line end: lines would not match
            return None
        parts = text.split("\n")  # markdown-it's lines, not str.splitlines's (\u2028 …)
        lines = [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
        start = 0
        if lines and lines[0].rstrip() == "---":  # front matter: up to the closing ---
            end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
            if end is None:
                return None
            start = end + 1
        chunks = [("".join(lines[:start]), 0)] if start else []
        depth, first = 0, start
        for index in range(start, len(lines)):
            line = lines[index]
            if _RISKY_LINE.match(line):
                return None
            stripped = line.strip()
            if stripped.startswith(":::"):
                depth = depth + 1 if stripped.strip(":").strip() else max(depth - 1, 0)
            elif not stripped and depth == 0:
                chunks.append(("".join(lines[first : index + 1]), first))
                first = index + 1
        if first < len(lines):
            chunks.append(("".join(lines[first:]), first))
        return chunks
