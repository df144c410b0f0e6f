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

#: Other names a clerk types for a kind (the short and the long way of saying it).
ALIASES: dict[str, str] = {
    "讲话": "speech",
    "领导讲话": "speech",
    "方案": "plan",
    "整改方案": "plan",
    "自查整改实施方案": "plan",
    "自查报告": "report",
    "会议纪要": "minutes",
}

#: Every kind by its Chinese name, for docgen check: ``讲话稿（speech）、通知（notice）……``.
KIND_NAMES = "、".join(f"{chinese}（{english}）" for english, chinese in KINDS.items())
#: Every kind by the name the generating commands take: ``speech（讲话稿）、notice（通知）……``.
KIND_LIST = "、".join(f"{english}（{chinese}）" for english, chinese in KINDS.items())


def english_kind(name: str) -> str | None:
    """The English name of a kind written any way (``notice``, ``Notice``, ``通知``, ``讲话``);
    None for a name docgen does not know."""
    name = name.strip()
    for english, chinese in KINDS.items():
        if name == chinese:
            return english
    if name.lower() in KINDS:
        return name.lower()
    return ALIASES.get(name)


def chinese_kind(name: str) -> str | None:
    """The Chinese name of a kind written any way; ``""`` for no kind; None for a name
    docgen does not know."""
    if not name.strip():
        return ""
    english = english_kind(name)
    return KINDS[english] if english else None
