"""The document kinds docgen knows, by the English name of the command line and the Chinese one.

A module of its own, without pydantic (``data.schema`` re-exports ``KINDS``), so that
``docgen check`` can read it without loading the schema.
"""

from __future__ import annotations

#: Document kinds: the English name used on the command line → the Chinese name.
KINDS: dict[str, str] = {
    "speech": "讲话稿",
    "notice": "通知",
    "plan": "实施方案",
    "report": "报告",
    "bulletin": "通报",
    "minutes": "纪要",
}

#: Every accepted name, for messages: ``讲话稿（speech）、通知（notice）……``.
KIND_NAMES = "、".join(f"{chinese}（{english}）" for english, chinese in KINDS.items())


def chinese_kind(name: str) -> str | None:
    """The Chinese name of a kind written either way (``notice`` or ``通知``); ``""`` for no
    kind; None for a name docgen does not know."""
    name = name.strip()
    if not name or name in KINDS.values():
        return name
    return KINDS.get(name.lower())
