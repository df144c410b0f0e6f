"""Tasks as a document of a given date tells them: done, overdue or open, and each deadline
worded by its kind (once by a date, every month, for good) without repeating a wording."""

from __future__ import annotations

import datetime as dt

from ..chinese import format_date
from ..data.schema import DeadlineKind, Task
from .timeline import StatusOn, status_on
from .wording import Rotation

#: {d} is the deadline. Each wording is used once per document while others are left.
ONCE_WORDS: tuple[str, ...] = (
    "这项工作要在{d}前完成。",
    "务必于{d}前全部完成。",
    "确保在{d}前落实到位。",
    "{d}前要拿出结果。",
    "最迟在{d}前完成。",
    "时间节点是{d}，到时要交账。",
)
MONTHLY_WORDS: tuple[str, ...] = (
    "这项工作按月推进，每月底前报告进展{until}。",
    "要逐月调度、按月通报{until}。",
    "每个月都要有进展、有记录{until}。",
)
CONTINUING_WORDS: tuple[str, ...] = (
    "这是一项长期任务，要常抓不懈、久久为功{until}。",
    "要把它作为经常性工作抓在手上，不能一阵风{until}。",
    "这项工作要常态化开展，不能时紧时松{until}。",
)
#: What a continuing or monthly task adds when it also has a date.
UNTIL_WORDS = {
    DeadlineKind.MONTHLY: "，{d}前全面完成",
    DeadlineKind.CONTINUING: "，{d}前要见到阶段性成效",
}
OVERDUE_WORDS: tuple[str, ...] = (
    "这项工作原定{d}前完成，目前已经逾期，要抓紧补上。",
    "原定{d}的时限已过，工作还没有完成，必须加快进度。",
)


def deadline_sentence(task: Task, state: StatusOn, rotation: Rotation) -> str:
    """The sentence that ends a task's paragraph, or "" when it has no deadline to tell."""
    day = format_date(task.deadline) if task.deadline else None
    if state.overdue and day:
        return rotation.next("逾期", OVERDUE_WORDS).format(d=day)
    kind = task.deadline_kind
    if kind is DeadlineKind.ONCE:
        return rotation.next("一次性", ONCE_WORDS).format(d=day) if day else ""
    until = UNTIL_WORDS[kind].format(d=day) if day else ""
    words = MONTHLY_WORDS if kind is DeadlineKind.MONTHLY else CONTINUING_WORDS
    return rotation.next(kind.value, words).format(until=until)


def task_facts(
    tasks: list[Task], shown: list[dict], day: dt.date | None, rotation: Rotation
) -> dict[str, list[dict]]:
    """Each task's status and deadline sentence added to its display dict; the tasks grouped
    as 已完成, 逾期 and 待办 (open: neither done nor overdue) for the document's date."""
    groups: dict[str, list[dict]] = {"已完成": [], "逾期": [], "待办": []}
    for task, out in zip(tasks, shown, strict=True):
        state = status_on(task, day)
        out["状态"] = state.status.value if state.status else None
        out["完成日期"] = format_date(state.done_on) if state.done_on else None
        out["进展"] = state.text
        out["时限说法"] = "" if state.done else deadline_sentence(task, state, rotation)
        group = "已完成" if state.done else "逾期" if state.overdue else "待办"
        groups[group].append(out)
    return groups
