"""The situation file's model: Chinese field names (aliases) over English attributes.

The YAML reader hands every scalar over as the exact text the clerk typed (or None),
so each type here decides deliberately how to read it: numbers and dates are parsed
by the validators below, text stays text. That is what keeps YAML 1.1 surprises
(yes → True, 010 → 8, 1.10 → 1.1) from changing a value silently.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

_NUMBER = re.compile(r"[+-]?(0|[1-9]\d*)(\.\d+)?")
_DATE_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
)


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("docgen", message)


def parse_number(value: object) -> Decimal:
    """Read a figure exactly as typed; explain the usual slips instead of guessing."""
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str) or not value.strip():
        raise _fail("应填一个数字")
    text = value.strip()
    if _NUMBER.fullmatch(text):
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid input
            raise _fail(f"“{text}”不是数字") from None
    if text.endswith(("%", "％")) and _NUMBER.fullmatch(text[:-1].strip()):
        raise _fail(f"“{text}”带了百分号：数值栏只填数字（写 {text[:-1].strip()}），单位写在【单位】里")
    if re.fullmatch(r"[+-]?0\d+(\.\d+)?", text):
        raise _fail(f"“{text}”以 0 开头，无法确定本意：如果是 {text.lstrip('0') or '0'}，请去掉开头的 0")
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", text):
        raise _fail(f"“{text}”含千分位逗号：请去掉逗号，写成 {text.replace(',', '')}")
    if re.fullmatch(r"[０-９．]+", text):
        raise _fail(f"“{text}”是全角数字：请用半角数字")
    raise _fail(f"“{text}”不是数字：这里应填一个数字，如 93.5")


def parse_date(value: object) -> dt.date:
    """Accept 2026-11-28, 2026年11月28日 or 2026/11/28; reject dates that do not exist."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise _fail("应填一个日期，如 2026-11-28")
    text = value.strip()
    for form in _DATE_FORMS:
        m = form.fullmatch(text)
        if m:
            year, month, day = (int(g) for g in m.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise _fail(f"“{text}”这个日期不存在（{year}年{month}月没有{day}日，或月份不对）") from None
    raise _fail(f"“{text}”不是可识别的日期：请写成 2026-11-28 或 2026年11月28日")


def parse_text(value: object) -> str:
    """Text fields take what was typed; a number typed bare is kept digit for digit."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise _fail("不能为空")
        return text
    if isinstance(value, Decimal):
        return str(value)
    raise _fail("应填一段文字")


def reject_null(value: object) -> object:
    """A section written but left empty is a slip, not a wish to leave it out."""
    if value is None:
        raise _fail("这一项是空的：请填写内容；如不需要，请把这一项整个删除")
    return value


Number = Annotated[Decimal, BeforeValidator(parse_number)]
Date = Annotated[dt.date, BeforeValidator(parse_date)]
Text = Annotated[str, BeforeValidator(parse_text)]


T = TypeVar("T")
#: A list that may be left out, but not written down empty.
Section = Annotated[list[T] | None, BeforeValidator(reject_null)]


class Direction(str, Enum):
    """Whether a higher value of an indicator is better."""

    HIGHER = "越高越好"
    LOWER = "越低越好"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


class Person(_Model):
    name: Text = Field(alias="姓名")
    title: Text = Field(alias="职务")


class EarlierSpeaker(Person):
    """Someone who spoke before the leader; the speech affirms what they reported."""

    reported: Text = Field(alias="内容")


class Meeting(_Model):
    name: Text = Field(alias="名称")
    organiser: Text = Field(alias="主办")
    date: Date = Field(alias="日期")
    speaker: Person = Field(alias="讲话人")
    purpose: Text = Field(alias="主要任务")
    earlier_speakers: Section[EarlierSpeaker] = Field(default=None, alias="此前发言")
    title: Text | None = Field(default=None, alias="标题")


class Township(_Model):
    name: Text = Field(alias="名称")
    county: Text = Field(alias="所属县")


class Indicator(_Model):
    name: Text = Field(alias="名称")
    unit: Text | None = Field(default=None, alias="单位")
    value: Number = Field(alias="本镇")
    target: Number | None = Field(default=None, alias="目标")
    county_average: Number | None = Field(default=None, alias="全县平均")
    direction: Direction = Field(default=Direction.HIGHER, alias="方向")


class Issue(_Model):
    """A problem found; optionally tied to an indicator by its name."""

    text: Text = Field(alias="内容")
    indicator: Text | None = Field(default=None, alias="指标")


class Cause(_Model):
    judgement: Text = Field(alias="判断")
    explanation: Text = Field(alias="说明")


class Task(_Model):
    title: Text = Field(alias="标题")
    measures: Annotated[list[Text], BeforeValidator(reject_null)] = Field(alias="措施", min_length=1)
    deadline: Date | None = Field(default=None, alias="时限")


class Responsibility(_Model):
    title: Text = Field(alias="标题")
    text: Text = Field(alias="内容")


class Situation(_Model):
    """Everything one campaign's documents are written from."""

    township: Township = Field(alias="乡镇")
    topic: Text = Field(alias="主题")
    meeting: Meeting | None = Field(default=None, alias="会议")
    achievements: Section[Text] = Field(default=None, alias="成绩", min_length=1)
    indicators: Section[Indicator] = Field(default=None, alias="指标", min_length=1)
    issues: Section[Issue] = Field(default=None, alias="问题", min_length=1)
    causes: Section[Cause] = Field(default=None, alias="原因", min_length=1)
    tasks: Section[Task] = Field(default=None, alias="任务", min_length=1)
    responsibilities: Section[Responsibility] = Field(
        default=None, alias="责任", min_length=1
    )
    closing: Text | None = Field(default=None, alias="结语")


#: Sections each document kind cannot do without, by their Chinese names.
REQUIRED_SECTIONS: dict[str, tuple[str, ...]] = {
    "speech": ("会议", "成绩", "指标", "问题", "原因", "任务", "责任", "结语"),
}
