"""Every document is written as of its own date: what a task's status was then, and which
date a kind of document carries.

A speech dated in November knows November's figures and nothing later; a report dated in
February says which tasks were done by then, which are overdue, and which are still open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..data.schema import Issue, Office, PlanIssuing, Situation, Status, Task


@dataclass(frozen=True)
class StatusOn:
    """A task's or problem's status at one date, with the note that says so."""

    status: Status | None  # None: nothing known yet
    done_on: dt.date | None = None
    text: str | None = None

    @property
    def done(self) -> bool:
        return self.status is Status.DONE

    @property
    def overdue(self) -> bool:
        return self.status is Status.OVERDUE

    @property
    def open(self) -> bool:
        """Still to be done and not yet past its deadline (what goes under 下一步)."""
        return self.status not in (Status.DONE, Status.OVERDUE)

    def ledger_text(self) -> str:
        """The 台账's 整改进展 cell: the status word first, then what was done. The completion
        day goes without its year (已于12月28日完成): the 整改时限 beside it holds the year, and
        a narrow column keeps the short date on one line."""
        head = {
            Status.DONE: f"已于{self.done_on.month}月{self.done_on.day}日完成"
            if self.done_on
            else "已完成",
            Status.OVERDUE: "逾期未完成",
            Status.IN_PROGRESS: "进行中",
            Status.NOT_STARTED: "未开始",
            None: "",
        }[self.status]
        return "，".join(part for part in (head, self.text) if part)


def done_date(item: Issue | Task) -> dt.date | None:
    """When it was completed: 完成日期, else the first dated note saying 已完成."""
    if item.done_on is not None:
        return item.done_on
    return next((n.date for n in item.progress or () if n.status is Status.DONE and n.date), None)


def status_on(item: Issue | Task, day: dt.date | None) -> StatusOn:
    """The status a document dated ``day`` (None: the latest) reports for ``item``.

    Completed counts from its completion date; the latest note dated on or before ``day``
    (an undated note counts at every date) gives the status and what was done; an item not
    completed by its deadline is overdue.
    """
    done = done_date(item)
    notes = [n for n in item.progress or () if n.date is None or day is None or n.date <= day]
    note = notes[-1] if notes else None
    if done is not None and (day is None or done <= day):
        done_note = next((n for n in reversed(notes) if n.status is Status.DONE), note)
        return StatusOn(Status.DONE, done, done_note.text if done_note else None)
    status = note.status if note and note.status else None
    dated = any(n.date is not None for n in item.progress or ())
    if status is None and not dated:  # the plain 状态 holds at every date but completion's
        status = item.status
    if status is Status.DONE:  # done later than this document's date
        status = Status.IN_PROGRESS
    deadline = getattr(item, "deadline", None)
    if deadline is not None and day is not None and deadline < day:
        status = Status.OVERDUE
    return StatusOn(status, None, note.text if note else None)


def document_date(situation: Situation, office: Office | None, kind: str | None) -> dt.date | None:
    """The date a document of ``kind`` carries: its 成文日期, the meeting's date…"""
    dispatches = situation.dispatches
    if kind == "speech" and situation.meeting is not None:
        return situation.meeting.date
    if kind == "minutes" and situation.minutes is not None:
        return situation.minutes.date
    if dispatches is None:
        return None
    if kind == "plan":
        own = office is not None and office.plan_issuing is PlanIssuing.COVER_NOTICE
        dispatch = dispatches.plan if own else dispatches.notice
    else:
        dispatch = getattr(dispatches, kind or "", None)
    return dispatch.date if dispatch is not None else None
