"""Figures in an old speech: rates as indicator candidates, counts offered for review.

Each figure keeps the sentence it came from, so the clerk can check what it meant. Its role
is read from its clause: a target (确保、力争…以上, or anything in the tasks), a change
(比上年提高…, 同比增长…: not the indicator's value), or the value itself; “比全县平均水平
高1.4个百分点” gives the county average by subtraction, marked as worked out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docgen.corpus.outline import GAP, Speech, strip_ordinal

_RATE = re.compile(r"(\d+(?:\.\d+)?)([%‰])")
_RATE_NAME = re.compile(r"[\u4e00-\u9fff]{2,14}?(?:率|比例|比重|占比|覆盖面|满意度|知晓度)")
_SUBJECT = re.compile(r"^(?:去年|今年|全年|目前|全镇|全乡|全街道|全县|各村|确保|力争|要|使|其中)+")
_TARGET = re.compile(r"确保|力争|目标|要求|保持在|达到[^，。；]*以上|不低于|不超过|控制在")
_CHANGE = re.compile(
    r"(?:比上年|比去年|同比|较上年|较去年|环比)?(?:提高|增长|下降|降低|上升|减少|增加)了?$"
)
_GAP = re.compile(
    r"(?:比全[县区市]平均水?平?([高低])|([高低])于全[县区市]平均水?平?)(\d+(?:\.\d+)?)个[百千]分点"
)
_LOWER_BETTER = ("性别比", "发生率", "违法", "案件", "投诉", "差错")
_COUNT = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(余|多)?((?:万|亿)?(?:人次|户|人|吨|处|个|座|辆|家|所|次|轮|元"
    r"|公里|米|亩|件|名|场|项|批))(?!百分点|千分点)"
)
_AFTER_UNIT = re.compile(r"[^\s，。；、]{1,8}?(?=全部|都|均|已|的|[，。；]|$)")


@dataclass
class Indicator:
    """A rate named in the speech: its value, target and county average where said."""

    name: str
    unit: str = "%"
    value: str = GAP
    target: str | None = None
    county: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def lower_is_better(self) -> bool:
        return any(word in self.name for word in _LOWER_BETTER)


@dataclass(frozen=True)
class Count:
    """Any other figure with a unit (1260户, 120万元): a candidate the clerk decides on."""

    name: str
    value: str
    unit: str
    sentence: str


def _sentences(speech: Speech):
    """(section kind, sentence) for every sentence of the sections' paragraphs."""
    for section in speech.sections:
        for paragraph in section.paragraphs:
            for sentence in re.split(r"(?<=[。；！？])", paragraph):
                if sentence.strip():
                    yield section.kind, sentence.strip()


def find_indicators(speech: Speech) -> list[Indicator]:
    """Percentages and per-mille figures with the rate they belong to, each with its role."""
    found: dict[str, Indicator] = {}
    for kind, sentence in _sentences(speech):
        rates = list(_RATE.finditer(sentence))
        for i, m in enumerate(rates):
            start = max(sentence.rfind(mark, 0, m.start()) for mark in "，,；") + 1
            # what follows, up to the next figure, belongs to this one (比全县平均水平高…)
            after = sentence[m.end() : rates[i + 1].start() if i + 1 < len(rates) else None]
            _read_rate(m, sentence[start : m.end()], after, kind, sentence, found)
    return list(found.values())


def _read_rate(m: re.Match, clause: str, after: str, kind: str, sentence: str, found) -> None:
    before = clause[: len(clause) - len(m.group(0))]
    if _CHANGE.search(before):
        return  # 同比增长12%: how much it changed, not what it is
    subject = _SUBJECT.sub("", strip_ordinal(before.strip()))
    named = _RATE_NAME.search(subject)
    name = named.group(0) if named else subject.strip()[:14] or GAP
    same = [k for k in found if k.endswith(name) or name.endswith(k)]
    indicator = found[same[0]] if same else found.setdefault(name, Indicator(name, m.group(2)))
    quote = f"原文“{sentence}”"
    if kind == "tasks" or _TARGET.search(clause):
        indicator.target = m.group(1)
        indicator.notes.append(f"目标取自{quote}")
        return
    indicator.value = m.group(1)
    indicator.notes.append(f"本镇数值取自{quote}，是原稿当年的数，请换成今年的")
    gap = _GAP.search(after)
    if gap:
        higher = (gap.group(1) or gap.group(2)) == "高"
        county = float(m.group(1)) - float(gap.group(3)) * (1 if higher else -1)
        indicator.county = f"{round(county, 4):g}"
        indicator.notes.append(f"全县平均由“{gap.group(0)}”推算")


def find_counts(speech: Speech) -> list[Count]:
    """Figures with a unit other than % and ‰, each with a guessed name and its sentence."""
    found = []
    for _, sentence in _sentences(speech):
        for m in _COUNT.finditer(sentence):
            start = max(sentence.rfind(mark, 0, m.start()) for mark in "，,；") + 1
            before = _SUBJECT.sub("", strip_ordinal(sentence[start : m.start()].strip()))
            name = before[-12:]
            if "”" in name and "“" not in name:  # cut inside a quotation: keep what follows it
                name = name.rsplit("”", 1)[-1]
            after = _AFTER_UNIT.match(sentence[m.end() :])
            found.append(
                Count(name or (after.group(0) if after else GAP), m.group(1), m.group(3), sentence)
            )
    return found
