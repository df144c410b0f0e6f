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
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field
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
        raise _fail(
            f"“{text}”带了百分号：数值栏只填数字（写 {text[:-1].strip()}），单位写在【单位】里"
        )
    if re.fullmatch(r"[+-]?0\d+(\.\d+)?", text):
        raise _fail(
            f"“{text}”以 0 开头，无法确定本意：如果是 {text.lstrip('0') or '0'}，请去掉开头的 0"
        )
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
                raise _fail(
                    f"“{text}”这个日期不存在（{year}年{month}月没有{day}日，或月份不对）"
                ) from None
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


class Direction(StrEnum):
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


#: How an office may name its own level (what 全镇/我镇 become) and its superior's (全县平均).
LEVELS = ("镇", "乡", "街道", "区", "苏木")
SUPERIOR_LEVELS = ("县", "区", "市", "旗")


def parse_level(allowed: tuple[str, ...]) -> Any:
    """A level word (镇, 乡, 街道 …): one of ``allowed``, spelled out in the message."""

    def check(value: object) -> str:
        text = parse_text(value)
        if text not in allowed:
            raise _fail(f"“{text}”不是可用的层级：只能填 {'、'.join(allowed)} 之一")
        return text

    return BeforeValidator(check)


Level = Annotated[str, parse_level(LEVELS)]
SuperiorLevel = Annotated[str, parse_level(SUPERIOR_LEVELS)]


class Township(_Model):
    name: Text = Field(alias="名称")
    county: Text = Field(alias="所属县")
    level: Level | None = Field(
        default=None,
        alias="层级",
        description="本单位的层级：镇、乡、街道、区或苏木，不填时按名称末字判断",
    )
    superior_level: SuperiorLevel | None = Field(
        default=None,
        alias="上级层级",
        description="所属上级的层级：县、区、市或旗，决定“全县平均水平”等说法",
    )


class DatedValue(_Model):
    """One figure of an indicator at a date, with how it was counted (截至10月底, 今年以来)."""

    value: Number = Field(alias="数值", description="这一天的数值，只填数字")
    date: Date | None = Field(
        default=None, alias="日期", description="数值对应的日期，如 2026-10-31"
    )
    period: Text | None = Field(
        default=None, alias="口径", description="这个数怎么算的，如“截至10月底”“今年以来”"
    )


def _values(value: object) -> object:
    """A single figure (the old form, ``本镇: 93.5``) is one undated value."""
    if isinstance(value, list | tuple):
        if not value:
            raise _fail("至少要填一个数值：写一个数字，或在下面分行写各个日期的数值")
        return value
    return [{"数值": reject_null(value)}]


#: The indicator's figures: one number, or a list of dated values (基期 first, 现值 last).
Values = Annotated[tuple[DatedValue, ...], BeforeValidator(_values)]


class Indicator(_Model):
    """A figure the documents compare: to its target, to the superior's average, over time.

    ``数值`` is one number or a list of dated values; a document uses those dated on or
    before its own date (``as_of``): the last is its current value, the first its baseline.
    ``本镇``/``本乡``/``本街道`` and ``全县平均``/``全区平均``/``全市平均`` are the older names.
    """

    name: Text = Field(alias="名称")
    unit: Text | None = Field(default=None, alias="单位")
    values: Values = Field(
        alias="数值",
        validation_alias=AliasChoices("数值", "本镇", "本乡", "本街道"),
    )
    period: Text | None = Field(
        default=None, alias="口径", description="只填一个数值时，它的口径，如“今年以来”"
    )
    target: Number | None = Field(default=None, alias="目标")
    county_average: Number | None = Field(
        default=None,
        alias="上级平均",
        validation_alias=AliasChoices("上级平均", "全县平均", "全区平均", "全市平均"),
    )
    direction: Direction = Field(default=Direction.HIGHER, alias="方向")

    @property
    def current(self) -> DatedValue:
        return self.values[-1]

    @property
    def value(self) -> Decimal:
        """The current (last) value."""
        return self.values[-1].value

    @property
    def baseline(self) -> DatedValue | None:
        """The first value, when there is a later one to compare it with."""
        return self.values[0] if len(self.values) > 1 else None

    def as_of(self, day: dt.date | None) -> Indicator | None:
        """This indicator as a document dated ``day`` knows it (None: no value yet)."""
        if day is None:
            return self
        known = tuple(v for v in self.values if v.date is None or v.date <= day)
        if not known:
            return None
        return self if known == self.values else self.model_copy(update={"values": known})


class Status(StrEnum):
    """Where a task or a problem's rectification stands."""

    NOT_STARTED = "未开始"
    IN_PROGRESS = "进行中"
    DONE = "已完成"
    OVERDUE = "逾期"


class ProgressNote(_Model):
    """One entry of a task's progress: its status on a date, and what had been done.

    Written as a list, every entry carries its date (data.cross_field); a plain text is one
    entry without a date, true at every document's date.
    """

    date: Date | None = Field(default=None, alias="日期")
    status: Status | None = Field(default=None, alias="状态")
    text: Text | None = Field(default=None, alias="情况")


def _progress(value: object) -> object:
    """A plain text (the old form, ``整改进展: 台账建立工作已全面启动``) is one undated note."""
    if isinstance(value, str | Decimal):
        return [{"情况": value, "日期": None}]
    return value


Progress = Annotated[tuple[ProgressNote, ...] | None, BeforeValidator(_progress)]


class DeadlineKind(StrEnum):
    """How a deadline is meant: done once by a date, every month, or for good."""

    ONCE = "一次性"
    MONTHLY = "按月"
    CONTINUING = "长期"


class Issue(_Model):
    """A problem found; optionally tied to an indicator, and its row of the 整改台账."""

    text: Text = Field(alias="内容")
    indicator: Text | None = Field(default=None, alias="指标")
    category: Text | None = Field(default=None, alias="类别")
    goal: Text | None = Field(default=None, alias="整改目标")
    measures: Text | None = Field(default=None, alias="整改措施")
    leader: Text | None = Field(default=None, alias="责任领导")
    unit: Text | None = Field(default=None, alias="责任单位")
    person: Text | None = Field(default=None, alias="责任人")
    deadline: Date | None = Field(default=None, alias="整改时限")
    progress: Progress = Field(
        default=None, alias="整改进展", description="整改进展：一段文字，或按日期分行写的状态和情况"
    )
    status: Status | None = Field(
        default=None, alias="状态", description="未开始、进行中、已完成或逾期"
    )
    done_on: Date | None = Field(
        default=None, alias="完成日期", description="已完成的，写完成的日期"
    )
    remark: Text | None = Field(default=None, alias="备注")
    village: Text | None = Field(default=None, alias="村")


class Cause(_Model):
    judgement: Text = Field(alias="判断")
    explanation: Text = Field(alias="说明")


class Task(_Model):
    title: Text = Field(alias="标题")
    measures: Annotated[list[Text], BeforeValidator(reject_null)] = Field(
        alias="措施", min_length=1
    )
    deadline: Date | None = Field(default=None, alias="时限")
    deadline_kind: DeadlineKind = Field(
        default=DeadlineKind.ONCE,
        alias="时限类型",
        description="一次性（默认，到时限完成）、按月（每月推进）或长期（常抓不懈）",
    )
    status: Status | None = Field(
        default=None, alias="状态", description="未开始、进行中、已完成或逾期"
    )
    done_on: Date | None = Field(
        default=None, alias="完成日期", description="已完成的，写完成的日期"
    )
    progress: Progress = Field(
        default=None, alias="进展", description="进展情况：一段文字，或按日期分行写的状态和情况"
    )


class Responsibility(_Model):
    title: Text = Field(alias="标题")
    text: Text = Field(alias="内容")


class WarningCase(_Model):
    """A warning paragraph: an outside case or a higher office's circular, and its lesson."""

    source: Text | None = Field(
        default=None, alias="来源", description="出处，如“县应急管理局的通报”"
    )
    event: Text = Field(alias="内容", description="外地案例或上级通报的事情")
    lesson: Text = Field(alias="警示", description="从中吸取的教训")


class SpeechTitles(_Model):
    """The speech's three level-1 headings, when the default wording does not fit."""

    situation: Text | None = Field(default=None, alias="形势")
    tasks: Text | None = Field(default=None, alias="任务")
    support: Text | None = Field(default=None, alias="保障")


class SpeechOptions(_Model):
    """What a speech may add to the usual structure: its own headings, warnings, a closing."""

    titles: SpeechTitles | None = Field(default=None, alias="标题")
    warnings: Section[WarningCase] = Field(default=None, alias="警示", min_length=1)
    closing_formula: Text | None = Field(
        default=None, alias="结束语", description="讲话最后单独一段，如“谢谢大家！”"
    )


def parse_serial(value: object) -> int:
    """发文字号/期号 serial: a positive whole number, no leading zero (GB/T 9704-2012 7.2.5)."""
    text = parse_text(value)
    if not re.fullmatch(r"[1-9]\d*", text):
        if re.fullmatch(r"0\d+", text):
            raise _fail(f"“{text}”有前导0：序号不编虚位，请写 {text.lstrip('0') or '0'}")
        if text.startswith("第"):
            raise _fail(f"“{text}”：序号不加“第”字，请只写数字")
        raise _fail(f"“{text}”不是序号：请填一个正整数，如 12")
    return int(text)


Serial = Annotated[int, BeforeValidator(parse_serial)]


class Basis(_Model):
    """The superior's document a campaign is based on, cited with its 字号."""

    title: Text = Field(alias="文件")
    number: Text = Field(alias="字号")


class Stage(_Model):
    name: Text = Field(alias="名称")
    start: Date = Field(alias="开始")
    end: Date = Field(alias="结束")
    work: Text = Field(alias="内容")


class Requirement(_Model):
    title: Text = Field(alias="标题")
    text: Text = Field(alias="内容")


class Submission(_Model):
    """Where and by when villages report back: deadline, office, contact."""

    deadline: Date = Field(alias="时限")
    office: Text = Field(alias="单位")
    contact: Text = Field(alias="联系人")
    phone: Text = Field(alias="电话")
    email: Text | None = Field(default=None, alias="邮箱")


class LeadingGroup(_Model):
    head: Text = Field(alias="组长")
    deputies: Section[Text] = Field(default=None, alias="副组长", min_length=1)
    members: Annotated[list[Text], BeforeValidator(reject_null)] = Field(alias="成员", min_length=1)
    office: Text = Field(alias="办公室")
    office_head: Text | None = Field(default=None, alias="办公室主任")


class Campaign(_Model):
    """The self-inspection and rectification campaign (自查整改) the notice and plan announce."""

    name: Text = Field(alias="名称")
    basis: Basis | None = Field(default=None, alias="依据")
    purpose: Text = Field(alias="目的")
    guideline: Text | None = Field(default=None, alias="指导思想")
    objective: Text = Field(alias="目标")
    scope: Text = Field(alias="范围")
    contents: Annotated[list[Text], BeforeValidator(reject_null)] = Field(
        alias="内容", min_length=1
    )
    stages: Annotated[list[Stage], BeforeValidator(reject_null)] = Field(alias="阶段", min_length=1)
    requirements: Section[Requirement] = Field(default=None, alias="要求", min_length=1)
    submission: Submission | None = Field(default=None, alias="报送")
    leading_group: LeadingGroup | None = Field(default=None, alias="领导小组")


class Dispatch(_Model):
    """What one issued document adds to the office profile: its 序号, dates and addressees.

    主送, 抄送, 联系人 and 电话 given here win over the campaign's (``Dispatches``), which win
    over the office profile's.
    """

    serial: Serial = Field(alias="序号")
    date: Date = Field(alias="成文日期")
    print_date: Date | None = Field(default=None, alias="印发日期")
    signers: Section[Text] = Field(default=None, alias="签发人", min_length=1)
    note: Text | None = Field(default=None, alias="附注")
    recipients: Text | None = Field(
        default=None, alias="主送", description="这份公文的主送机关（报告即上级机关）"
    )
    copy_to: Text | None = Field(default=None, alias="抄送", description="这份公文的抄送机关")
    contact: Text | None = Field(default=None, alias="联系人", description="上行文附注中的联系人")
    phone: Text | None = Field(default=None, alias="电话", description="上行文附注中的电话")


class Dispatches(_Model):
    """The campaign's documents, and addressees shared by all of them (over the office's)."""

    notice: Dispatch | None = Field(default=None, alias="通知")
    plan: Dispatch | None = Field(default=None, alias="方案")
    report: Dispatch | None = Field(default=None, alias="报告")
    bulletin: Dispatch | None = Field(default=None, alias="通报")
    recipients: Text | None = Field(
        default=None, alias="主送", description="这项工作下行文的主送机关，覆盖单位设置"
    )
    superior: Text | None = Field(
        default=None, alias="上级机关", description="这项工作的报告报送的机关，覆盖单位设置"
    )
    copy_to: Text | None = Field(
        default=None, alias="抄送", description="这项工作各公文的抄送机关，覆盖单位设置"
    )
    contact: Text | None = Field(default=None, alias="联系人", description="报告附注中的联系人")
    phone: Text | None = Field(default=None, alias="电话", description="报告附注中的电话")


class Grade(StrEnum):
    EXCELLENT = "优秀"
    GOOD = "良好"
    FAIR = "一般"
    POOR = "较差"


class VillageResult(_Model):
    village: Text = Field(alias="村")
    score: Number | None = Field(default=None, alias="得分")
    grade: Grade = Field(alias="等次")
    finding: Text = Field(alias="情况")


class Inspection(_Model):
    """Results of the township's inspection of its villages, for the 通报."""

    start: Date = Field(alias="开始")
    end: Date = Field(alias="结束")
    method: Text = Field(alias="方式")
    results: Annotated[list[VillageResult], BeforeValidator(reject_null)] = Field(
        alias="结果", min_length=1
    )


class Decision(_Model):
    text: Text = Field(alias="内容")
    owner: Text | None = Field(default=None, alias="责任单位")
    deadline: Date | None = Field(default=None, alias="时限")


class Minutes(_Model):
    """A 党政联席会议 and what it decided, for the 纪要."""

    serial: Serial = Field(alias="期号")
    date: Date = Field(alias="日期")
    place: Text = Field(alias="地点")
    chair: Person = Field(alias="主持")
    topics: Annotated[list[Text], BeforeValidator(reject_null)] = Field(alias="议题", min_length=1)
    decisions: Annotated[list[Decision], BeforeValidator(reject_null)] = Field(
        alias="议定事项", min_length=1
    )
    present: Annotated[list[Text], BeforeValidator(reject_null)] = Field(alias="出席", min_length=1)
    absent: Section[Text] = Field(default=None, alias="请假", min_length=1)
    attending: Section[Text] = Field(default=None, alias="列席", min_length=1)
    print_date: Date | None = Field(default=None, alias="印发日期")
    issuer: Text | None = Field(
        default=None,
        alias="编印单位",
        description="纪要期号下的编印单位，不填时用单位设置的印发机关",
    )
    copy_to: Text | None = Field(default=None, alias="抄送")


class Situation(_Model):
    """Everything one campaign's documents are written from."""

    township: Township = Field(alias="乡镇")
    topic: Text = Field(alias="主题")
    activity: Text | None = Field(
        default=None, alias="活动", description="这项工作自己的名称，如“五查五改”专项行动"
    )
    meeting: Meeting | None = Field(default=None, alias="会议")
    speech: SpeechOptions | None = Field(
        default=None, alias="讲话", description="讲话稿的可选项：一级标题、警示段落、结束语"
    )
    achievements: Section[Text] = Field(default=None, alias="成绩", min_length=1)
    indicators: Section[Indicator] = Field(default=None, alias="指标", min_length=1)
    issues: Section[Issue] = Field(default=None, alias="问题", min_length=1)
    causes: Section[Cause] = Field(default=None, alias="原因", min_length=1)
    tasks: Section[Task] = Field(default=None, alias="任务", min_length=1)
    responsibilities: Section[Responsibility] = Field(default=None, alias="责任", min_length=1)
    closing: Text | None = Field(default=None, alias="结语")
    office_file: Text | None = Field(default=None, alias="单位设置")
    campaign: Campaign | None = Field(default=None, alias="自查")
    dispatches: Dispatches | None = Field(default=None, alias="发文")
    inspection: Inspection | None = Field(default=None, alias="检查")
    minutes: Minutes | None = Field(default=None, alias="纪要")


#: Document kinds: the English name used on the command line → the Chinese name.
KINDS: dict[str, str] = {
    "speech": "讲话稿",
    "notice": "通知",
    "plan": "实施方案",
    "report": "报告",
    "bulletin": "通报",
    "minutes": "纪要",
}

#: Sections each document kind cannot do without, by their Chinese names.
REQUIRED_SECTIONS: dict[str, tuple[str, ...]] = {
    "speech": ("会议", "成绩", "问题", "原因", "任务", "责任", "结语"),
    "notice": ("单位设置", "自查", "发文"),
    "plan": ("单位设置", "自查", "问题", "发文"),
    "report": ("单位设置", "自查", "成绩", "问题", "原因", "任务", "发文"),
    "bulletin": ("单位设置", "检查", "发文"),
    "minutes": ("单位设置", "纪要"),
}


class SignatureMode(StrEnum):
    SEALED = "盖章"
    UNSEALED = "不盖章"


class PlanIssuing(StrEnum):
    """How the 实施方案 goes out: as 附件1 of the notice, or through its own 印发类通知."""

    ATTACHMENT = "附件"
    COVER_NOTICE = "印发通知"


class HeaderPaper(StrEnum):
    PRINT = "打印"  # draw the red 标志 and rule
    PREPRINTED = "预印"  # paper already carries them: leave the space, draw nothing


LEDGER_COLUMNS = (
    "序号",
    "问题类别",
    "问题描述",
    "整改目标",
    "整改措施",
    "责任领导",
    "责任单位",
    "责任人",
    "整改时限",
    "整改进展",
    "备注",
)


class Organ(_Model):
    full_name: Text = Field(alias="全称")
    mark: Text = Field(alias="标志")
    signature: Text = Field(alias="署名")
    codes: dict[str, Text] = Field(alias="代字")


class Fonts(_Model):
    body: Text | None = Field(default=None, alias="正文")
    title: Text | None = Field(default=None, alias="标题")
    heading1: Text | None = Field(default=None, alias="一级标题")
    kaiti: Text | None = Field(default=None, alias="楷体")
    latin: Text | None = Field(default=None, alias="数字和西文")


class Office(_Model):
    """One office's profile (单位设置): set once, shared by all its situation files."""

    organ: Organ = Field(alias="发文机关")
    level: Level | None = Field(
        default=None,
        alias="层级",
        description="本单位的层级：镇、乡、街道、区或苏木，不填时按名称末字判断",
    )
    superior_level: SuperiorLevel | None = Field(
        default=None,
        alias="上级层级",
        description="所属上级的层级：县、区、市或旗，决定“全县平均水平”等说法",
    )
    minutes_mark: Text | None = Field(default=None, alias="纪要标志")
    printer: Text = Field(alias="印发机关")
    recipients: Text = Field(alias="主送")
    superior: Text | None = Field(default=None, alias="上级机关")
    copy_to: Text | None = Field(default=None, alias="抄送")
    contact: Text | None = Field(
        default=None, alias="联系人", description="上行文附注中的联系人（情况文件可另写）"
    )
    phone: Text | None = Field(default=None, alias="电话", description="上行文附注中的电话")
    signature_mode: SignatureMode = Field(default=SignatureMode.SEALED, alias="落款")
    page_numbers: Text | None = Field(default=None, alias="页码")
    fonts: Fonts | None = Field(default=None, alias="字体")
    header_paper: HeaderPaper = Field(default=HeaderPaper.PRINT, alias="红头")
    plan_issuing: PlanIssuing = Field(default=PlanIssuing.ATTACHMENT, alias="方案发文")
    ledger_columns: Section[Text] = Field(default=None, alias="台账列", min_length=1)
    checks: dict[str, Any] | None = Field(default=None, alias="检查")
