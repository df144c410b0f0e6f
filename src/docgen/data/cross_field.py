"""Checks across fields and files that a schema cannot express, each reported at its file:line.

Every rule reads the raw values the clerk typed (with their line marks), not the validated
model, so that it still runs when some unrelated field failed validation: one run reports
everything. A value a rule cannot read (a date that does not parse) is left to the schema.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from docgen.data.schema import (
    PlanIssuing,
    ValueRange,
    parse_date,
    parse_number,
    range_problem,
)
from docgen.data.yamlread import Marks, PathKey, field_name
from docgen.errors import Problem, yaml_where

#: Kinds an office can issue under a 机关代字; keys of 发文 and of 代字.
DISPATCH_KINDS = ("通知", "方案", "报告", "通报")

_CODE = re.compile(r"[\u4e00-\u9fa5A-Za-z]+")
_NUMBER = re.compile(r"[\u4e00-\u9fa5A-Za-z]+〔(19|20)\d{2}〕[1-9]\d*号")
_BRACKETS = (
    ("[", "]"),
    ("［", "］"),
    ("(", ")"),
    ("（", "）"),
    ("【", "】"),
    ("〈", "〉"),
    ("{", "}"),
    ("｛", "｝"),
    ("〖", "〗"),
    ("<", ">"),
)


@dataclass(frozen=True)
class RawFile:
    """One YAML file's raw values and the line of each path in it."""

    path: Path
    value: object
    marks: Marks

    def get(self, path: PathKey) -> object:
        """The raw value at ``path``, or None when any part of it is absent."""
        value = self.value
        for part in path:
            if isinstance(part, str) and isinstance(value, dict):
                value = value.get(part)
            elif isinstance(part, int) and isinstance(value, list) and 0 <= part < len(value):
                value = value[part]
            else:
                return None
        return value

    def items(self, path: PathKey) -> Iterator[tuple[int, object]]:
        """Numbered items of the list at ``path`` (none when it is not a list)."""
        value = self.get(path)
        if isinstance(value, list):
            yield from enumerate(value)

    def text(self, path: PathKey) -> str | None:
        value = self.get(path)
        return value.strip() if isinstance(value, str) and value.strip() else None

    def date(self, path: PathKey) -> dt.date | None:
        """The date at ``path`` if it reads as one; a bad date is the schema's to report."""
        value = self.get(path)
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError:
            return None

    def line_of(self, path: PathKey) -> int | None:
        return line_of(self.marks, path)

    def problem(self, path: PathKey, message: str, hint: str = "") -> Problem:
        return Problem(yaml_where(self.path, self.line_of(path)), message, field_name(path), hint)


@dataclass(frozen=True)
class RawInputs:
    """What the rules see: the situation, its office profile if loaded, the kind asked for."""

    situation: RawFile
    office: RawFile | None = None
    kind: str | None = None


def line_of(marks: Marks, path: PathKey) -> int | None:
    """Line of ``path``, else of its nearest ancestor that has one."""
    path = tuple(path)
    while True:
        if path in marks:
            return marks[path]
        if not path:
            return None
        path = path[:-1]


def closest(word: str, choices: list[str]) -> str | None:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return match[0] if match else None


def show(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def snippet(text: str, size: int = 12) -> str:
    """The start of a long text, to name a problem or task in a message."""
    text = text.strip()
    return text if len(text) <= size else text[:size] + "…"


# --- the office profile alone -------------------------------------------------------------------


def office_code_format(office: RawFile) -> Iterator[Problem]:
    """代字 is the bare 机关代字: Chinese characters or letters, nothing of 〔年〕 or 序号."""
    codes = office.get(("发文机关", "代字"))
    if not isinstance(codes, dict):
        return
    for kind, code in codes.items():
        if not isinstance(code, str) or not code.strip():
            continue  # the schema reports empty values
        code = code.strip()
        if _CODE.fullmatch(code) and "第" not in code:
            continue
        slips = []
        if re.search(r"\s", code):
            slips.append("有空格")
        if re.search(r"[〔〕\[\]［］()（）【】]|\d", code):
            slips.append("带了年份、括号或数字")
        if "第" in code:
            slips.append("带了“第”字")
        if not slips:
            slips.append("含有汉字和字母以外的符号")
        fixed = re.split(r"[〔\[［(（【\d第]", re.sub(r"\s", "", code))[0]
        hint = "代字只写机关代字本身，年份和序号由程序按“代字〔年份〕序号号”自动生成"
        if _CODE.fullmatch(fixed):
            hint = f"请改为“{fixed}”；" + hint
        yield office.problem(
            ("发文机关", "代字", kind), f"机关代字“{code}”{'，'.join(slips)}", hint
        )


def office_code_kinds(office: RawFile) -> Iterator[Problem]:
    """Keys of 代字 are the kinds an office issues under a number: 通知、方案、报告、通报."""
    codes = office.get(("发文机关", "代字"))
    if not isinstance(codes, dict):
        return
    for kind in codes:
        if kind in DISPATCH_KINDS:
            continue
        guess = closest(kind, list(DISPATCH_KINDS))
        yield office.problem(
            ("发文机关", "代字", kind),
            f"不认识的文种【{kind}】" + (f"，是不是【{guess}】？" if guess else ""),
            f"代字下面按文种填写，文种只能是：{'、'.join(DISPATCH_KINDS)}",
        )


OFFICE_RULES: tuple[Callable[[RawFile], Iterator[Problem]], ...] = (
    office_code_format,
    office_code_kinds,
)


def check_office(office: RawFile) -> list[Problem]:
    """Every rule on the office profile alone."""
    return [p for rule in OFFICE_RULES for p in rule(office)]


# --- indicators and problems --------------------------------------------------------------------


def _indicator_names(s: RawFile) -> dict[str, int]:
    names: dict[str, int] = {}
    for i, item in s.items(("指标",)):
        name = s.text(("指标", i, "名称")) if isinstance(item, dict) else None
        if name is not None and name not in names:
            names[name] = i
    return names


def indicator_names_unique(c: RawInputs) -> Iterator[Problem]:
    s = c.situation
    names: dict[str, int] = {}
    for i, _ in s.items(("指标",)):
        name = s.text(("指标", i, "名称"))
        if name is None:
            continue
        if name in names:
            first = names[name]
            line = s.line_of(("指标", first, "名称"))
            yield s.problem(
                ("指标", i, "名称"),
                f"指标名称“{name}”与第{first + 1}项重复（第{line}行）",
                "每个指标的名称只能出现一次：请删除重复的一项或改用不同的名称",
            )
        else:
            names[name] = i


def issue_indicator_known(c: RawInputs) -> Iterator[Problem]:
    s = c.situation
    names = _indicator_names(s)
    for i, _ in s.items(("问题",)):
        ref = s.text(("问题", i, "指标"))
        if ref is None or ref in names:
            continue
        guess = closest(ref, list(names))
        hint = (
            f"【指标】一节里的名称有：{'、'.join(names)}；这里要与其中之一完全一致"
            if names
            else "文件里没有【指标】一节：请先填写指标，或删掉这一行"
        )
        yield s.problem(
            ("问题", i, "指标"),
            f"没有名为“{ref}”的指标" + (f"，是不是“{guess}”？" if guess else ""),
            hint,
        )


def issue_village_not_blank(c: RawInputs) -> Iterator[Problem]:
    """``村:`` written with nothing after it is a slip (an empty text is the schema's to report)."""
    s = c.situation
    for i, item in s.items(("问题",)):
        if isinstance(item, dict) and "村" in item and item["村"] is None:
            yield s.problem(
                ("问题", i, "村"),
                "【村】是空的",
                "请填写这个问题所在的村（社区）；如果问题不属于某一个村，请把这一行删除",
            )


#: The names an indicator's figures may be written under (the first is the current one).
VALUE_KEYS = ("数值", "本镇", "本乡", "本街道")
#: The superior's average under its name and its older ones.
AVERAGE_KEYS = ("上级平均", "全县平均", "全区平均", "全市平均")


def _dated_list(s: RawFile, at: PathKey, what: str) -> Iterator[Problem]:
    """A list of dated entries: each entry has its 日期, in order, no date twice."""
    previous: dt.date | None = None
    for j, entry in s.items(at):
        if not isinstance(entry, dict):
            continue
        if entry.get("日期") is None:
            yield s.problem(
                (*at, j),
                f"{what}的第{j + 1}条缺少【日期】",
                "写成列表时，每一条都要有日期（“日期: 2026-10-31”），文档按各自的日期取用",
            )
            continue
        day = s.date((*at, j, "日期"))
        if day is not None and previous is not None and day <= previous:
            yield s.problem(
                (*at, j, "日期"),
                f"{what}的日期（{show(day)}）不晚于上一条（{show(previous)}）",
                "请按时间先后排列，每个日期只写一条",
            )
        previous = day if day is not None else previous


def indicator_values_dated(c: RawInputs) -> Iterator[Problem]:
    """An indicator's figures written as a list: dated, in order (基期 first)."""
    s = c.situation
    for i, item in s.items(("指标",)):
        if not isinstance(item, dict):
            continue
        name = s.text(("指标", i, "名称")) or f"第{i + 1}个指标"
        for key in VALUE_KEYS:
            if isinstance(item.get(key), list):
                yield from _dated_list(s, ("指标", i, key), f"指标“{name}”的数值")


def indicator_values_in_range(c: RawInputs) -> Iterator[Problem]:
    """Each figure of an indicator within its unit's range, unless it says 取值范围: 不限."""
    s = c.situation
    for i, item in s.items(("指标",)):
        if not isinstance(item, dict) or s.text(("指标", i, "取值范围")) == ValueRange.ANY:
            continue
        unit = s.text(("指标", i, "单位")) or ""
        for path in _figure_paths(item, ("指标", i)):
            try:
                value = parse_number(s.get(path))
            except ValueError:
                continue  # not a number: the schema says so at this line
            wrong = range_problem(value, unit)
            if wrong:
                yield s.problem(path, wrong)


def _figure_paths(item: dict, at: PathKey) -> Iterator[PathKey]:
    """Where an indicator's figures are: its values (one, or a dated list), target, average."""
    for key in (*VALUE_KEYS, *AVERAGE_KEYS, "目标"):
        value = item.get(key)
        if isinstance(value, list):
            for n, entry in enumerate(value):
                if isinstance(entry, dict) and "数值" in entry:
                    yield (*at, key, n, "数值")
        elif value is not None:
            yield (*at, key)


#: Sections whose items carry a status, and the key of their progress notes.
_TRACKED = (("问题", "整改进展", "问题"), ("任务", "进展", "任务"))


def progress_dated(c: RawInputs) -> Iterator[Problem]:
    """Progress written as a list of notes: each dated, in order."""
    s = c.situation
    for section, key, word in _TRACKED:
        for i, item in s.items((section,)):
            if isinstance(item, dict) and isinstance(item.get(key), list):
                yield from _dated_list(s, (section, i, key), f"第{i + 1}个{word}的【{key}】")


def status_and_done_date(c: RawInputs) -> Iterator[Problem]:
    """已完成 says when (完成日期, or a dated note); a 完成日期 means the status is 已完成."""
    s = c.situation
    for section, key, word in _TRACKED:
        for i, item in s.items((section,)):
            if not isinstance(item, dict):
                continue
            status = s.text((section, i, "状态"))
            done = item.get("完成日期")
            notes = item.get(key) if isinstance(item.get(key), list) else []
            dated_done = any(
                isinstance(n, dict) and n.get("状态") == "已完成" and n.get("日期") for n in notes
            )
            if status == "已完成" and done is None and not dated_done:
                yield s.problem(
                    (section, i, "状态"),
                    f"第{i + 1}个{word}的状态是“已完成”，缺少【完成日期】",
                    "请补上“完成日期: …”：各文档按自己的日期判断这项工作当时是否已经完成",
                )
            if done is not None and status not in (None, "已完成"):
                yield s.problem(
                    (section, i, "完成日期"),
                    f"第{i + 1}个{word}填了【完成日期】，状态却是“{status}”",
                    "已经完成的，状态写“已完成”；还没完成的，请删去完成日期",
                )


def inspected_villages_unique(c: RawInputs) -> Iterator[Problem]:
    s = c.situation
    seen: dict[str, int] = {}
    for i, _ in s.items(("检查", "结果")):
        village = s.text(("检查", "结果", i, "村"))
        if village is None:
            continue
        if village in seen:
            first = seen[village]
            line = s.line_of(("检查", "结果", first, "村"))
            yield s.problem(
                ("检查", "结果", i, "村"),
                f"“{village}”重复：第{first + 1}项（第{line}行）已经写过这个村",
                "每个村的检查结果只写一次：请合并这两项，或改正村名",
            )
        else:
            seen[village] = i


def _notice_carries_plan(c: RawInputs) -> bool:
    """Whether the notice sends the plan and its 台账 as 附件 (单位设置【方案发文】, by default)."""
    mode = c.office.get(("方案发文",)) if c.office else None
    return c.kind == "notice" and mode != PlanIssuing.COVER_NOTICE.value


def notice_plan_issues(c: RawInputs) -> Iterator[Problem]:
    """A notice carrying the plan needs the plan's problems (its 整改台账)."""
    if _notice_carries_plan(c) and c.situation.get(("问题",)) is None:
        yield c.situation.problem(
            ("问题",),
            "通知要把实施方案和整改台账作为附件一并印发（单位设置【方案发文】为“附件”），"
            "需要【问题】一节",
            "请补上“问题:”一节，每个问题写明整改措施、责任人和整改时限；"
            "或在单位设置中把【方案发文】改为“印发通知”",
        )


def ledger_complete(c: RawInputs) -> Iterator[Problem]:
    """The plan's and report's 整改台账 needs a measure, a person and a deadline per problem."""
    if c.kind not in ("plan", "report") and not _notice_carries_plan(c):
        return
    s = c.situation
    for i, item in s.items(("问题",)):
        if not isinstance(item, dict):
            continue
        name = snippet(s.text(("问题", i, "内容")) or "")
        for cell in ("整改措施", "责任人", "整改时限"):
            if item.get(cell) is None:
                blank = ("问题", i, cell)  # a blank line, or a workbook's empty cell
                yield s.problem(
                    blank if blank in s.marks else ("问题", i),
                    f"第{i + 1}个问题（“{name}”）缺少【{cell}】",
                    "整改台账的每个问题都要有整改措施、责任人和整改时限："
                    f"请在这个问题下补上“{cell}: …”",
                )


# --- the basis document -------------------------------------------------------------------------


def basis_number(c: RawInputs) -> Iterator[Problem]:
    """依据.字号 reads 机关代字〔年份〕序号号: 六角括号, no 第, no leading zero, ending in 号."""
    s = c.situation
    at = ("自查", "依据", "字号")
    number = s.text(at)
    if number is None or _NUMBER.fullmatch(number):
        return
    slips: list[str] = []
    fixed = re.sub(r"\s", "", number)
    if fixed != number:
        slips.append("字号中不应有空格")
    for left, right in _BRACKETS:
        pattern = re.escape(left) + r"(\d+)" + re.escape(right)
        if re.search(pattern, fixed):
            slips.append(f"年份要用六角括号“〔〕”，不能用“{left}{right}”")
            fixed = re.sub(pattern, r"〔\1〕", fixed)
    if "第" in fixed:
        slips.append("序号前不加“第”字")
        fixed = fixed.replace("第", "")
    m = re.search(r"〕0+(\d)", fixed)
    if m:
        slips.append("序号不编虚位，不能有前导0")
        fixed = re.sub(r"〕0+(?=\d)", "〕", fixed)
    if not fixed.endswith("号"):
        slips.append("字号最后要有“号”字")
        fixed += "号"
    year = re.search(r"〔(\d+)〕", fixed)
    if year and not re.fullmatch(r"(19|20)\d{2}", year.group(1)):
        slips.append("年份要写全四位，如〔2026〕")
    if not slips:
        slips.append("格式不对")
    hint = "字号的格式是“机关代字〔年份〕序号号”，如 云卫健发〔2026〕15号"
    if _NUMBER.fullmatch(fixed):
        hint = f"请改为“{fixed}”；" + hint
    yield s.problem(at, f"依据文件的字号“{number}”有误：{'；'.join(slips)}", hint)


def basis_title(c: RawInputs) -> Iterator[Problem]:
    s = c.situation
    at = ("自查", "依据", "文件")
    title = s.text(at)
    if title is None or (title.startswith("《") and title.endswith("》")):
        return
    bare = title.strip('《》<>“”"')
    yield s.problem(
        at,
        f"依据文件的名称“{title}”要用书名号《》括起来",
        f"请写成“《{bare}》”",
    )


# --- dates --------------------------------------------------------------------------------------


def _stages(s: RawFile) -> list[tuple[int, str, dt.date | None, dt.date | None]]:
    return [
        (
            i,
            s.text(("自查", "阶段", i, "名称")) or f"第{i + 1}阶段",
            s.date(("自查", "阶段", i, "开始")),
            s.date(("自查", "阶段", i, "结束")),
        )
        for i, _ in s.items(("自查", "阶段"))
    ]


def _campaign_end(s: RawFile) -> tuple[dt.date, str] | None:
    """The last stage's end, with words naming it, if it can be read."""
    stages = _stages(s)
    if not stages or stages[-1][3] is None:
        return None
    _, name, _, end = stages[-1]
    return end, f"最后一个阶段“{name}”的结束日期（{show(end)}）"


def _campaign_start(s: RawFile) -> tuple[dt.date, str] | None:
    """The notice's 成文日期 if given, else the first stage's start: nothing is due before it."""
    notice = s.date(("发文", "通知", "成文日期"))
    if notice is not None:
        return notice, f"通知的成文日期（{show(notice)}）"
    stages = _stages(s)
    if stages and stages[0][2] is not None:
        _, name, start, _ = stages[0]
        return start, f"第一个阶段“{name}”的开始日期（{show(start)}）"
    return None


def _inside_campaign(s: RawFile, at: PathKey, label: str, hint: str) -> Iterator[Problem]:
    day = s.date(at)
    if day is None:
        return
    start, end = _campaign_start(s), _campaign_end(s)
    if start is not None and day < start[0]:
        yield s.problem(at, f"{label}（{show(day)}）早于{start[1]}", hint)
    if end is not None and day > end[0]:
        yield s.problem(at, f"{label}（{show(day)}）晚于自查整改{end[1]}", hint)


def stages_ordered(c: RawInputs) -> Iterator[Problem]:
    """Each stage starts no later than it ends, and begins after the one before it ended."""
    s = c.situation
    previous: tuple[str, dt.date] | None = None
    for i, name, start, end in _stages(s):
        if start is not None and end is not None and start > end:
            yield s.problem(
                ("自查", "阶段", i, "结束"),
                f"阶段“{name}”的结束日期（{show(end)}）早于开始日期（{show(start)}）",
                "请检查这两个日期是否写反或写错",
            )
        if start is not None and previous is not None and start <= previous[1]:
            yield s.problem(
                ("自查", "阶段", i, "开始"),
                f"阶段“{name}”的开始日期（{show(start)}）不晚于上一阶段“{previous[0]}”的结束日期"
                f"（{show(previous[1])}）",
                "各阶段要按先后顺序排列，时间不能重叠：下一阶段应在上一阶段结束之后开始",
            )
        if end is not None:
            previous = (name, end)


def notice_before_campaign(c: RawInputs) -> Iterator[Problem]:
    """The notice (and plan) announcing the campaign is dated no later than its first stage."""
    s = c.situation
    stages = _stages(s)
    if not stages or stages[0][2] is None:
        return
    _, name, first, _ = stages[0]
    for kind in ("通知", "方案"):
        day = s.date(("发文", kind, "成文日期"))
        if day is not None and day > first:
            yield s.problem(
                ("发文", kind, "成文日期"),
                f"{kind}的成文日期（{show(day)}）晚于第一个阶段“{name}”的开始日期（{show(first)}）",
                f"{kind}要在自查整改开始之前（或当天）印发：请提前成文日期，或推迟第一个阶段的开始日期",
            )


def print_dates(c: RawInputs) -> Iterator[Problem]:
    """A document cannot go to print before it is dated."""
    s = c.situation
    places = [(("发文", kind), f"{kind}的", "成文日期") for kind in DISPATCH_KINDS]
    places.append((("纪要",), "纪要的", "日期"))
    for base, owner, date_key in places:
        dated, printed = s.date((*base, date_key)), s.date((*base, "印发日期"))
        if dated is not None and printed is not None and printed < dated:
            yield s.problem(
                (*base, "印发日期"),
                f"{owner}印发日期（{show(printed)}）早于{date_key}（{show(dated)}）",
                "印发日期一般与成文日期相同或稍晚：请检查日期；与成文日期相同时可以不填",
            )


def issue_deadlines(c: RawInputs) -> Iterator[Problem]:
    s = c.situation
    hint = "整改时限应在自查整改期间内：请调整整改时限，或调整【自查 › 阶段】的日期"
    for i, _ in s.items(("问题",)):
        yield from _inside_campaign(s, ("问题", i, "整改时限"), "整改时限", hint)


def task_deadlines(c: RawInputs) -> Iterator[Problem]:
    """In a campaign, no task is due before the notice that announces it.

    Tasks may run past the campaign (the report's 下一步 work does), so there is no upper bound;
    without a campaign (a speech alone) there is nothing to compare with.
    """
    s = c.situation
    start = _campaign_start(s) if isinstance(s.get(("自查",)), dict) else None
    if start is None:
        return
    for i, _ in s.items(("任务",)):
        at = ("任务", i, "时限")
        day = s.date(at)
        if day is not None and day < start[0]:
            title = snippet(s.text(("任务", i, "标题")) or "")
            yield s.problem(
                at,
                f"任务“{title}”的时限（{show(day)}）早于{start[1]}",
                "时限不能早于布置这项工作的日期：请检查年份和月份",
            )


def submission_deadline(c: RawInputs) -> Iterator[Problem]:
    yield from _inside_campaign(
        c.situation,
        ("自查", "报送", "时限"),
        "报送时限",
        "报送时限应在自查整改期间内：请调整报送时限，或调整【自查 › 阶段】的日期",
    )


def report_after_campaign(c: RawInputs) -> Iterator[Problem]:
    """The self-inspection report comes once the last stage has begun, not before."""
    s = c.situation
    stages = _stages(s)
    day = s.date(("发文", "报告", "成文日期"))
    if not stages or stages[-1][2] is None or day is None:
        return
    _, name, last_start, _ = stages[-1]
    if day < last_start:
        yield s.problem(
            ("发文", "报告", "成文日期"),
            f"自查报告的成文日期（{show(day)}）早于最后一个阶段“{name}”的开始日期（{show(last_start)}）",
            "自查报告要在整改基本完成后上报：请推迟报告的成文日期，或检查阶段日期",
        )


def inspection_dates(c: RawInputs) -> Iterator[Problem]:
    s = c.situation
    start, end = s.date(("检查", "开始")), s.date(("检查", "结束"))
    if start is not None and end is not None and start > end:
        yield s.problem(
            ("检查", "结束"),
            f"检查的结束日期（{show(end)}）早于开始日期（{show(start)}）",
            "请检查这两个日期是否写反或写错",
        )
    bulletin = s.date(("发文", "通报", "成文日期"))
    if end is not None and bulletin is not None and bulletin < end:
        yield s.problem(
            ("发文", "通报", "成文日期"),
            f"通报的成文日期（{show(bulletin)}）早于检查的结束日期（{show(end)}）",
            "通报检查结果要在检查结束以后：请推迟通报的成文日期，或检查【检查】的日期",
        )


def minutes_dates(c: RawInputs) -> Iterator[Problem]:
    s = c.situation
    held = s.date(("纪要", "日期"))
    if held is None:
        return
    for i, _ in s.items(("纪要", "议定事项")):
        at = ("纪要", "议定事项", i, "时限")
        day = s.date(at)
        if day is not None and day < held:
            yield s.problem(
                at,
                f"议定事项的时限（{show(day)}）早于会议日期（{show(held)}）",
                "时限不能早于作出决定的会议：请检查年份和月份",
            )


# --- what a kind needs from the office and the dispatches ---------------------------------------


def _dispatch_needed(c: RawInputs) -> str | None:
    """Which entry of 发文 the kind asked for is issued under."""
    if c.kind == "plan":
        mode = c.office.get(("方案发文",)) if c.office else None
        return "方案" if mode == PlanIssuing.COVER_NOTICE.value else "通知"
    return {"notice": "通知", "report": "报告", "bulletin": "通报"}.get(c.kind or "")


def dispatch_for_kind(c: RawInputs) -> Iterator[Problem]:
    s = c.situation
    needed = _dispatch_needed(c)
    dispatches = s.get(("发文",))
    if needed is None or not isinstance(dispatches, dict) or needed in dispatches:
        return
    why = "（单位设置中方案随通知作为附件印发）" if c.kind == "plan" and needed == "通知" else ""
    yield s.problem(
        ("发文",),
        f"缺少【{needed}】的发文信息{why}",
        f"请在【发文】下补上“{needed}:”，并填写序号和成文日期",
    )


def dispatch_codes(c: RawInputs) -> Iterator[Problem]:
    """Each kind the situation dispatches needs its 机关代字 in the office profile."""
    if c.office is None:
        return
    dispatches = c.situation.get(("发文",))
    codes = c.office.get(("发文机关", "代字"))
    if not isinstance(dispatches, dict) or not isinstance(codes, dict):
        return
    for kind in DISPATCH_KINDS:
        if kind in dispatches and kind not in codes:
            yield c.office.problem(
                ("发文机关", "代字"),
                f"缺少【{kind}】的机关代字：情况文件 {c.situation.path.name} 的【发文】里有{kind}"
                f"（第{c.situation.line_of(('发文', kind))}行）",
                f"请在【代字】下补上一行“{kind}: …”（只写代字，如 青政发）",
            )


def report_signers(c: RawInputs) -> Iterator[Problem]:
    """A report goes up (上行文), so it names who signed it off."""
    s = c.situation
    if c.kind != "report" or not isinstance(s.get(("发文", "报告")), dict):
        return
    if s.get(("发文", "报告", "签发人")) is None:
        yield s.problem(
            ("发文", "报告"),
            "报告是上行文，缺少【签发人】",
            "请在【报告】下补上“签发人:”，下面每行一个姓名，以“- ”开头",
        )


def _superior_source(c: RawInputs) -> tuple[RawFile, PathKey] | None:
    """Where the report's 主送 comes from: the report's own, the campaign's, the office's."""
    s = c.situation
    for at in (("发文", "报告", "主送"), ("发文", "上级机关")):
        if s.get(at) is not None:
            return s, at
    if c.office is not None and c.office.get(("上级机关",)) is not None:
        return c.office, ("上级机关",)
    return None


def report_superior(c: RawInputs) -> Iterator[Problem]:
    """A report has exactly one 主送: the superior office."""
    if c.kind != "report" or c.office is None or not isinstance(c.office.value, dict):
        return
    found = _superior_source(c)
    if found is None:  # an empty text is the schema's to report
        yield c.office.problem(
            ("上级机关",) if "上级机关" in c.office.value else ("主送",),
            "生成报告需要【上级机关】（报告只主送一个上级机关）",
            "请在单位设置中补上一行“上级机关: …”，如 云溪县卫生健康局；"
            "这次工作报送别的机关时，在情况文件的【发文】下写“上级机关: …”",
        )
        return
    source, at = found
    superior = source.text(at)
    if superior is not None and re.search(r"[、，,；;]", superior):
        yield source.problem(
            at,
            f"报告只能主送一个上级机关，这里写了几个：“{superior}”",
            "请只保留负责受理的那一个上级机关；其他需要知悉的机关写在【抄送】里",
        )


SITUATION_RULES: tuple[Callable[[RawInputs], Iterator[Problem]], ...] = (
    indicator_names_unique,
    issue_indicator_known,
    issue_village_not_blank,
    indicator_values_dated,
    indicator_values_in_range,
    progress_dated,
    status_and_done_date,
    inspected_villages_unique,
    ledger_complete,
    notice_plan_issues,
    basis_number,
    basis_title,
    stages_ordered,
    notice_before_campaign,
    print_dates,
    issue_deadlines,
    task_deadlines,
    submission_deadline,
    report_after_campaign,
    inspection_dates,
    minutes_dates,
    dispatch_for_kind,
    dispatch_codes,
    report_signers,
    report_superior,
)


def check_situation(context: RawInputs) -> list[Problem]:
    """Every rule on the situation, with its office profile when one was loaded."""
    return [p for rule in SITUATION_RULES for p in rule(context)]
