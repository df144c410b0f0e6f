"""Write the situation file a clerk completes from an old speech: every gap and guess marked.

What the speech gives goes in with a “# 待核实” note (and the sentence it came from); what
it lacks is 【待补】. Figures that are rates become indicators; other figures with a unit
are listed as commented-out candidates the clerk can take up.
"""

from __future__ import annotations

import re
from pathlib import Path

from docgen.corpus.figures import Count, find_counts, find_indicators
from docgen.corpus.outline import GAP, Outline, Speech, outline, parse, strip_ordinal
from docgen.data.yamlread import scalar

from ..textio import read_text

_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def line(self, indent: int, text: str, note: str = "") -> None:
        comment = f"  # {note}" if note else ""
        self.lines.append("  " * indent + text + comment)

    def value(self, indent: int, key: str, text: str | None, found: str, missing: str) -> None:
        """``key: text`` noted as found in the speech, or ``key: 【待补】`` noted as missing."""
        if text:
            self.line(indent, f"{key}: {scalar(text)}", found)
        else:
            self.line(indent, f"{key}: {scalar(GAP)}", missing)

    def comment(self, indent: int, text: str) -> None:
        self.lines.append("  " * indent + "# " + text)


def draft(markdown: str, source: str = "") -> str:
    """The situation YAML draft for a cleaned speech (Chinese keys, comments mark checks)."""
    speech = parse(markdown)
    found = outline(speech)
    w = _Writer()
    w.comment(0, f"由 docgen corpus outline 根据 {source or '旧讲话稿'} 生成的情况文件草稿。")
    w.comment(0, f"填写：把每个 {GAP} 换成实际内容；核对：逐条检查标有“待核实”的地方。")
    w.comment(
        0,
        "原稿是往年的讲话，成绩、数字和日期都要换成今年的。"
        "改完后运行 docgen render speech 本文件。",
    )
    _township(w, speech)
    meeting = re.search(r"在(.+?)上的(?:讲话|发言|报告)", speech.title)
    meeting_name = meeting.group(1) if meeting else ""
    topic = re.sub(
        r"^(?:全镇|全乡|全县|全街道)|(?:工作)?(?:会议|大会|推进会|部署会)$", "", meeting_name
    )
    if topic and not topic.endswith("工作"):
        topic += "工作"
    w.value(
        0, "主题", topic, "待核实：由会议名称推得", "待补：本次工作的主题，如“人口和计划生育工作”"
    )
    _meeting(w, speech, meeting_name)
    _list(w, "成绩", found.achievements, "以下是原稿的成绩，请换成今年的", "原稿中没有找到成绩部分")
    _indicators(w, speech)
    _problems_and_causes(w, found)
    _tasks(w, found)
    _duties(w, found)
    w.value(
        0, "结语", found.closing, "待核实：原稿结束语", "待补：原稿中没有找到以“同志们”开头的结束语"
    )
    return "\n".join(w.lines) + "\n"


def draft_file(path: Path) -> str:
    """Read a cleaned speech (UTF-8 Markdown) and return its draft."""
    return draft(read_text(Path(path)), Path(path).name)


def _township(w: _Writer, speech: Speech) -> None:
    """Names only from the title, the lines around it and the signature: never mid-sentence."""
    text = "\n".join([speech.title, *speech.front])
    town = re.search(r"([\u4e00-\u9fff]{2,3}(?:镇|乡|街道))人民政府", text)
    county = re.search(
        r"(?:^|[\s（(])([\u4e00-\u9fff]{2,3}[县区])(?=[\u4e00-\u9fff]{2,3}[镇乡])", text, re.M
    )
    w.line(0, "乡镇:")
    name = town.group(1) if town and not town.group(1).startswith("某") else ""
    w.value(1, "名称", name, "待核实：从原稿推得", "待补：乡镇名称，原稿未写明")
    place = county.group(1) if county and not county.group(1).startswith("某") else ""
    w.value(1, "所属县", place, "待核实", "待补：所属县（市、区）")


def _meeting(w: _Writer, speech: Speech, name: str) -> None:
    w.line(0, "会议:")
    w.value(1, "名称", name, "待核实：原稿会议名称", "待补：会议名称")
    w.line(1, f"主办: {scalar(GAP)}", "待补：主办单位，如“中共某某镇委员会、某某镇人民政府”")
    old_date = _DATE.search("\n".join(speech.front))
    note = (
        f"待补：今年的会议日期，如 2026-03-12（原稿日期 {old_date.group(0)}）"
        if old_date
        else "待补：会议日期，如 2026-03-12"
    )
    w.line(1, f"日期: {scalar(GAP)}", note)
    speaker = next(
        (m for b in speech.front if (m := re.fullmatch(r"(.+?) {2,}(\S{2,4})", b))), None
    )
    w.line(1, "讲话人:")
    w.value(
        2,
        "姓名",
        speaker and speaker.group(2),
        "待核实：今年的讲话人是否还是这位",
        "待补：讲话人姓名",
    )
    w.value(2, "职务", speaker and speaker.group(1), "待核实", "待补：讲话人职务")
    opening = "".join(speech.opening)
    purpose = re.search(r"主要任务是(.+?)。", opening)
    w.value(
        1,
        "主要任务",
        purpose and purpose.group(1),
        "待核实：原稿开场所说的会议任务",
        "待补：这次会议的主要任务",
    )
    if speech.opening:
        w.comment(1, "原稿开场白（供参考）：" + opening[:200])


def _list(w: _Writer, key: str, items: list[str], found_note: str, gap_note: str) -> None:
    w.line(0, f"{key}:")
    if not items:
        w.line(1, f"- {scalar(GAP)}", f"待补：{gap_note}")
        return
    w.comment(1, f"待核实：{found_note}")
    for item in items:
        w.line(1, f"- {scalar(item)}")


def _indicators(w: _Writer, speech: Speech) -> None:
    w.line(0, "指标:")
    indicators = find_indicators(speech)
    if not indicators:
        w.line(1, f"- 名称: {scalar(GAP)}", "待补：原稿中没有找到百分比数字")
        w.line(2, '单位: "%"')
        w.line(2, f"数值: {scalar(GAP)}")
    for ind in indicators:
        w.line(1, f"- 名称: {scalar(ind.name)}", "待核实：指标名称由原文推得")
        for note in ind.notes:
            w.comment(2, "待核实：" + note)
        w.line(2, f"单位: {scalar(ind.unit)}")
        if ind.value == GAP:
            w.line(2, f"数值: {scalar(GAP)}", "待补：原稿只有目标，没有本镇的实际数")
        else:
            w.line(2, f"数值: {ind.value}")
        if ind.target is not None:
            w.line(2, f"目标: {ind.target}")
        if ind.county is not None:
            w.line(2, f"全县平均: {ind.county}")
        if ind.lower_is_better:
            w.line(2, "方向: 越低越好", "待核实")
    _counts(w, find_counts(speech))


def _counts(w: _Writer, counts: list[Count]) -> None:
    """Other figures as commented-out indicators: the clerk keeps those that are indicators."""
    if not counts:
        return
    w.comment(1, "以下是原稿中其他带单位的数字，可作为指标的候选（待核实）：")
    w.comment(1, "需要的，删去这几行行首的“# ”，并把数值换成今年的。")
    quoted = None
    for count in counts:
        if count.sentence != quoted:
            w.comment(1, f"原文“{count.sentence}”")
            quoted = count.sentence
        w.comment(1, f"- 名称: {scalar(count.name)}")
        w.comment(1, f"  单位: {scalar(count.unit)}")
        w.comment(1, f"  数值: {count.value}")


def _problems_and_causes(w: _Writer, found: Outline) -> None:
    w.line(0, "问题:")
    if found.problems:
        w.comment(1, "待核实：以下是原稿指出的问题，请按今年的情况改写")
        for problem in found.problems:
            w.line(1, f"- 内容: {scalar(problem)}")
    else:
        w.line(1, f"- 内容: {scalar(GAP)}", "待补：原稿中没有找到问题部分")
    w.line(0, "原因:")
    if not found.causes:
        w.line(1, f"- 判断: {scalar(GAP)}", "待补：原稿中没有找到原因分析")
        w.line(2, f"说明: {scalar(GAP)}")
        return
    w.comment(1, "待核实：以下是原稿的原因分析")
    for cause in found.causes:
        w.line(1, f"- 判断: {scalar(cause.judgement)}")
        w.value(2, "说明", cause.explanation, "", "待补：原因的具体说明")


def _tasks(w: _Writer, found: Outline) -> None:
    w.line(0, "任务:")
    if not found.tasks:
        w.line(1, f"- 标题: {scalar(GAP)}", "待补：原稿中没有找到“一要……”或（一）（二）形式的任务")
        w.line(2, "措施:")
        w.line(3, f"- {scalar(GAP)}")
        return
    w.comment(1, "待核实：以下任务取自原稿，请按今年的部署改写")
    for task in found.tasks:
        w.line(1, f"- 标题: {scalar(strip_ordinal(task.title))}")
        w.line(2, "措施:")
        for measure in task.measures or [GAP]:
            note = "" if task.measures else "待补：这项任务的具体措施"
            w.line(3, f"- {scalar(measure)}", note)
        if task.deadline:
            w.line(2, f"时限: {scalar(task.deadline)}", "待核实：原稿的时限，请改成今年的")


def _duties(w: _Writer, found: Outline) -> None:
    w.line(0, "责任:")
    if not found.duties:
        w.line(1, f"- 标题: {scalar(GAP)}", "待补：原稿中没有找到责任部分")
        w.line(2, f"内容: {scalar(GAP)}")
        return
    w.comment(1, "待核实：以下责任分工取自原稿")
    for duty in found.duties:
        w.line(1, f"- 标题: {scalar(duty.title)}")
        w.value(2, "内容", duty.text, "", "待补：责任的具体内容")
