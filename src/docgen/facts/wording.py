"""Several wordings for one fixed phrase, chosen by the document's identity, never at random.

A careful writer does not open every speech with the same sentence, nor end every task with
"这项工作要在……前完成". A document's identity (kind, office, topic, date) picks the first
wording of a family; each further use in the same document takes the next one, so a
document never repeats a wording while the family has one left. The same inputs always give
the same text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def stable_index(identity: str, key: str, count: int) -> int:
    """A position in ``range(count)`` from a hash of ``identity`` and ``key`` (not Python's
    ``hash``, which changes between runs)."""
    digest = hashlib.sha256(f"{identity}\x1f{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % count if count else 0


def choose(identity: str, options: Sequence[str]) -> str:
    """One of ``options`` for this document: the same document always gets the same one."""
    if not options:
        raise ValueError("no wording to choose from")
    return options[stable_index(identity, "\x1e".join(options), len(options))]


class Rotation:
    """Wordings handed out in turn per family, starting where the document's identity says."""

    def __init__(self, identity: str) -> None:
        self.identity = identity
        self._used: dict[str, int] = {}

    def next(self, family: str, options: Sequence[str]) -> str:
        """The family's next wording in this document (wrapping round when all were used)."""
        used = self._used.get(family, 0)
        self._used[family] = used + 1
        start = stable_index(self.identity, family, len(options))
        return options[(start + used) % len(options)]

    def left(self, family: str, options: Sequence[str]) -> int:
        """How many of the family's wordings this document has not used yet."""
        return max(0, len(options) - self._used.get(family, 0))
