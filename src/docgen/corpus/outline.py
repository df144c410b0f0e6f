"""Draft a situation file from a cleaned speech, marking every guess and every gap."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

GAP = "【待补】"
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,2}[.．、])"
)
_ENUM = re.compile(r"([一二三四五六七八九十])([是要])")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_RATE_NAME = re.compile(r"[\u4e00-\u9fff]{2,14}?(?:率|比例|比重|占比|覆盖面)")
_SUBJECT = re.compile(r"^(?:去年|今年|全年|目前|全镇|全乡|全县|各村|确保|力争|要|使)+")
_TARGET_WORDS = ("确保", "力争", "目标", "要求", "保持在", "达到.*以上")
_LOWER_BETTER = ("性别比", "发生率", "违法", "案件", "投诉")

_KIND_WORDS = (
    ("issues", ("问题", "不足", "差距", "短板", "清醒")),
    ("achievements", ("成绩", "成效", "回顾", "取得", "肯定")),
    ("responsibilities", ("责任", "保障", "组织领导", "纪律")),
    ("tasks", ("任务", "重点", "措施", "抓好", "工作")),
)


@dataclass
class Section:
    """A 一、 part of the speech, its kind guessed from the heading."""

    heading: str
    kind: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Indicator:
    name: str
    value: str = GAP
    target: str | None = None
    county: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Speech:
    """What the outline found in the speech."""

    title: str = ""
    front: list[str] = field(default_factory=list)
    opening: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: str = ""


def strip_ordinal(text: str) -> str:
    return _ORDINAL.sub("", text, count=1).strip()


def sentences(text: str) -> list[str]:
    """Split after 。！？；, keeping the mark."""
    return [s for s in re.findall(r"[^。！？；]+[。！？；]?", text) if s.strip()]


def parse(markdown: str) -> Speech:
    """Split a cleaned speech into title, front matter, opening, sections and closing."""
    speech = Speech()
    blocks = [b.strip() for b in markdown.split("\n\n") if b.strip()]
    current: Section | None = None
    seen_salutation = False
    for block in blocks:
        if block.startswith("# "):
            speech.title = speech.title or block[2:].strip()
        elif block.startswith("## "):
            heading = strip_ordinal(block[3:])
            current = Section(heading, _kind(heading))
            speech.sections.append(current)
        elif current is None:
            if block.startswith("同志们"):
                seen_salutation = True
                rest = block.removeprefix("同志们").lstrip("：，:, ")
                if rest:
                    speech.opening.append(rest)
            elif seen_salutation:
                speech.opening.append(block)
            else:
                speech.front.append(block)
        else:
            current.paragraphs.append(block.lstrip("# ").strip())
    for section in reversed(speech.sections):
        if section.paragraphs and section.paragraphs[-1].startswith("同志们"):
            speech.closing = section.paragraphs.pop()
            break
    return speech


def _kind(heading: str) -> str:
    for kind, words in _KIND_WORDS:
        if any(w in heading for w in words):
            return kind
    return "unknown"


def enumerated(text: str, verb: str) -> list[str]:
    """一是…；二是… (verb 是) or 一要…；二要… (verb 要) → the items' texts."""
    marks = [m for m in _ENUM.finditer(text) if m.group(2) == verb]
    items = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        items.append(text[m.end() : end].strip("；。，： "))
    return [item for item in items if item]


def head_and_rest(text: str) -> tuple[str, str]:
    """（一）压实领导责任。各村…… → ("压实领导责任", "各村……")."""
    text = strip_ordinal(text)
    m = re.match(r"([^。！？；，]{2,30})[。！？；，](.*)", text, re.S)
    if not m:
        return text.rstrip("。"), ""
    return m.group(1), m.group(2).strip()


def find_indicators(speech: Speech) -> list[Indicator]:
    """Percentages with the rate they belong to; targets told apart from actual values."""
    found: dict[str, Indicator] = {}
    for section in speech.sections:
        for paragraph in section.paragraphs:
            for sentence in re.split(r"[。；！？]", paragraph):
                for clause in re.split(r"[，,]", sentence):
                    _read_clause(clause, section.kind, sentence, found)
    return list(found.values())


def _read_clause(clause: str, kind: str, sentence: str, found: dict[str, Indicator]) -> None:
    m = _PERCENT.search(clause)
    if not m:
        return
    before = _SUBJECT.sub("", strip_ordinal(clause[: m.start()]))
    name_match = _RATE_NAME.search(before)
    name = name_match.group(0) if name_match else before.strip()[:14] or "【待补】"
    same = [k for k in found if k.endswith(name) or name.endswith(k)]
    indicator = found[same[0]] if same else found.setdefault(name, Indicator(name))
    quote = f"原文“{clause.strip()}”"
    if kind == "tasks" or any(re.search(w, clause) for w in _TARGET_WORDS):
        indicator.target = m.group(1)
        indicator.notes.append(f"目标取自{quote}")
    else:
        indicator.value = m.group(1)
        indicator.notes.append(f"本镇数值取自{quote}，是原稿当年的数，请换成今年的")
        gap = re.search(r"比全县平均水?平?([高低])(\d+(?:\.\d+)?)个百分点", sentence)
        if gap:
            delta = float(gap.group(2)) * (1 if gap.group(1) == "高" else -1)
            indicator.county = f"{float(m.group(1)) - delta:g}"
            indicator.notes.append(
                f"全县平均由“比全县平均水平{gap.group(1)}{gap.group(2)}个百分点”推算"
            )


# --- writing --------------------------------------------------------------------------------


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def line(self, indent: int, text: str, note: str = "") -> None:
        comment = f"  # {note}" if note else ""
        self.lines.append("  " * indent + text + comment)

    def comment(self, indent: int, text: str) -> None:
        self.lines.append("  " * indent + "# " + text)


def draft(markdown: str, source: str = "") -> str:
    """The situation YAML draft for a cleaned speech (Chinese keys, comments mark checks)."""
    speech = parse(markdown)
    w = _Writer()
    w.comment(0, f"由 docgen corpus outline 根据 {source or '旧讲话稿'} 生成的情况文件草稿。")
    w.comment(0, f"填写：把每个 {GAP} 换成实际内容；核对：逐条检查标有“待核实”的地方。")
    w.comment(
        0,
        "原稿是往年的讲话，成绩、数字和日期都要换成今年的。"
        "改完后运行 docgen render speech 本文件。",
    )
    _township(w, markdown)
    meeting = re.search(r"在(.+?)上的(?:讲话|发言|报告)", speech.title)
    meeting_name = meeting.group(1) if meeting else ""
    topic = re.sub(r"^(?:全镇|全乡|全县)|(?:工作)?(?:会议|大会|推进会|部署会)$", "", meeting_name)
    if topic:
        w.line(
            0,
            f"主题: {_q(topic + ('' if topic.endswith('工作') else '工作'))}",
            "待核实：由会议名称推得",
        )
    else:
        w.line(0, f"主题: {_q(GAP)}", "待补：本次工作的主题，如“人口和计划生育工作”")
    _meeting(w, speech, meeting_name)
    _achievements(w, speech)
    _indicators(w, speech)
    _issues_and_causes(w, speech)
    _tasks(w, speech)
    _responsibilities(w, speech)
    if speech.closing:
        w.line(0, f"结语: {_q(speech.closing)}", "待核实：原稿结束语")
    else:
        w.line(0, f"结语: {_q(GAP)}", "待补：原稿中没有找到以“同志们”开头的结束语")
    return "\n".join(w.lines) + "\n"


def _township(w: _Writer, text: str) -> None:
    town = re.search(r"([\u4e00-\u9fff]{2,3}[镇乡])人民政府", text)
    county = re.search(r"([\u4e00-\u9fff]{2,3}县)(?!平均|级)", text.replace("全县", ""))
    w.line(0, "乡镇:")
    if town and not town.group(1).startswith("某"):
        w.line(1, f"名称: {_q(town.group(1))}", "待核实：从原稿落款推得")
    else:
        w.line(1, f"名称: {_q(GAP)}", "待补：乡镇名称，原稿未写明")
    if county and not county.group(1).startswith("某"):
        w.line(1, f"所属县: {_q(county.group(1))}", "待核实")
    else:
        w.line(1, f"所属县: {_q(GAP)}", "待补：所属县（市、区）")


def _meeting(w: _Writer, speech: Speech, name: str) -> None:
    w.line(0, "会议:")
    if name:
        w.line(1, f"名称: {_q(name)}", "待核实：原稿会议名称")
    else:
        w.line(1, f"名称: {_q(GAP)}", "待补：会议名称")
    w.line(1, f"主办: {_q(GAP)}", "待补：主办单位，如“中共某某镇委员会、某某镇人民政府”")
    front = "\n".join(speech.front)
    old_date = _DATE.search(front)
    note = (
        f"待补：今年的会议日期，如 2026-03-12（原稿日期 {old_date.group(0)}）"
        if old_date
        else "待补：会议日期，如 2026-03-12"
    )
    w.line(1, f"日期: {_q(GAP)}", note)
    speaker = next(
        (m for b in speech.front if (m := re.fullmatch(r"(.+?) {2,}(\S{2,4})", b))), None
    )
    w.line(1, "讲话人:")
    if speaker:
        w.line(2, f"姓名: {_q(speaker.group(2))}", "待核实：今年的讲话人是否还是这位")
        w.line(2, f"职务: {_q(speaker.group(1))}", "待核实")
    else:
        w.line(2, f"姓名: {_q(GAP)}", "待补：讲话人姓名")
        w.line(2, f"职务: {_q(GAP)}", "待补：讲话人职务")
    opening = "".join(speech.opening)
    purpose = re.search(r"主要任务是(.+?)。", opening)
    if purpose:
        w.line(1, f"主要任务: {_q(purpose.group(1))}", "待核实：原稿开场所说的会议任务")
    else:
        w.line(1, f"主要任务: {_q(GAP)}", "待补：这次会议的主要任务")
    if speech.opening:
        w.comment(1, "原稿开场白（供参考）：" + opening[:200])


def _items_of(speech: Speech, kind: str) -> list[str]:
    return [p for s in speech.sections if s.kind == kind for p in s.paragraphs]


def _list(w: _Writer, key: str, items: list[str], found_note: str, gap_note: str) -> None:
    w.line(0, f"{key}:")
    if not items:
        w.line(1, f"- {_q(GAP)}", gap_note)
        return
    w.comment(1, found_note)
    for item in items:
        w.line(1, f"- {_q(item)}")


def _achievements(w: _Writer, speech: Speech) -> None:
    items = [strip_ordinal(p) for p in _items_of(speech, "achievements")]
    _list(
        w, "成绩", items, "待核实：以下是原稿的成绩，请换成今年的", "待补：原稿中没有找到成绩部分"
    )


def _indicators(w: _Writer, speech: Speech) -> None:
    w.line(0, "指标:")
    indicators = find_indicators(speech)
    if not indicators:
        w.line(1, f"- 名称: {_q(GAP)}", "待补：原稿中没有找到百分比数字")
        w.line(2, '单位: "%"')
        w.line(2, f"本镇: {_q(GAP)}")
        return
    for ind in indicators:
        w.line(1, f"- 名称: {_q(ind.name)}", "待核实：指标名称由原文推得")
        for note in ind.notes:
            w.comment(2, "待核实：" + note)
        w.line(2, '单位: "%"')
        if ind.value == GAP:
            w.line(2, f"本镇: {_q(GAP)}", "待补：原稿只有目标，没有本镇的实际数")
        else:
            w.line(2, f"本镇: {ind.value}")
        if ind.target is not None:
            w.line(2, f"目标: {ind.target}")
        if ind.county is not None:
            w.line(2, f"全县平均: {ind.county}")
        if any(word in ind.name for word in _LOWER_BETTER):
            w.line(2, '方向: "越低越好"', "待核实")


_TRANSITION = re.compile(r"^(?:在.{0,12}的同时|我们也要|但是?|同时|当然)")


def _issues_and_causes(w: _Writer, speech: Speech) -> None:
    text = "".join(_items_of(speech, "issues"))
    cut = re.search(r"究其原因|原因(?:主要)?(?:有|是|在于)", text)
    before, after = (text[: cut.start()], text[cut.end() :]) if cut else (text, "")
    issues = enumerated(before, "是") or [
        s.rstrip("。；") for s in sentences(before) if not _TRANSITION.match(s) and len(s) > 6
    ]
    _list(w, "问题", [], "", "")
    w.lines.pop()
    if issues:
        w.comment(1, "待核实：以下是原稿指出的问题，请按今年的情况改写")
        for issue in issues:
            w.line(1, f"- 内容: {_q(issue)}")
    else:
        w.line(1, f"- 内容: {_q(GAP)}", "待补：原稿中没有找到问题部分")
    w.line(0, "原因:")
    causes = enumerated(after, "是")
    if not causes:
        w.line(1, f"- 判断: {_q(GAP)}", "待补：原稿中没有找到“一是……二是……”的原因分析")
        w.line(2, f"说明: {_q(GAP)}")
        return
    w.comment(1, "待核实：以下是原稿的原因分析（一是……二是……）")
    for cause in causes:
        head, rest = head_and_rest(cause)
        w.line(1, f"- 判断: {_q(head)}")
        w.line(2, f"说明: {_q(rest or GAP)}", "" if rest else "待补：原因的具体说明")


def _tasks(w: _Writer, speech: Speech) -> None:
    paragraphs = _items_of(speech, "tasks")
    items = [i for p in paragraphs for i in enumerated(p, "要")]
    if not items:
        items = [p for p in paragraphs if _ORDINAL.match(p)]
    w.line(0, "任务:")
    if not items:
        w.line(1, f"- 标题: {_q(GAP)}", "待补：原稿中没有找到“一要……”或（一）（二）形式的任务")
        w.line(2, "措施:")
        w.line(3, f"- {_q(GAP)}")
        return
    w.comment(1, "待核实：以下任务取自原稿，请按今年的部署改写")
    for item in items:
        head, rest = head_and_rest(item)
        measures = [c.strip("。；， ") for c in re.split(r"[，；。]", rest) if c.strip("。；， ")]
        w.line(1, f"- 标题: {_q(head)}")
        w.line(2, "措施:")
        if measures:
            for measure in measures:
                w.line(3, f"- {_q(measure)}")
        else:
            w.line(3, f"- {_q(GAP)}", "待补：这项任务的具体措施")
        deadline = re.search(r"(\d{4}年\d{1,2}月\d{1,2}日)前", item)
        if deadline:
            w.line(2, f"时限: {_q(deadline.group(1))}", "待核实：原稿的时限，请改成今年的")


def _responsibilities(w: _Writer, speech: Speech) -> None:
    paragraphs = _items_of(speech, "responsibilities")
    items = [i for p in paragraphs for i in enumerated(p, "要")] or [
        p for p in paragraphs if _ORDINAL.match(p)
    ]
    w.line(0, "责任:")
    if not items:
        w.line(1, f"- 标题: {_q(GAP)}", "待补：原稿中没有找到责任部分")
        w.line(2, f"内容: {_q(GAP)}")
        return
    w.comment(1, "待核实：以下责任分工取自原稿")
    for item in items:
        head, rest = head_and_rest(item)
        w.line(1, f"- 标题: {_q(head)}")
        w.line(2, f"内容: {_q(rest or GAP)}", "" if rest else "待补：责任的具体内容")


def draft_file(path: Path) -> str:
    """Read a cleaned speech (UTF-8 Markdown) and return its draft."""
    return draft(Path(path).read_text(encoding="utf-8"), Path(path).name)
