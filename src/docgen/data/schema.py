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

from ..kinds import KINDS as KINDS  # re-exported: docgen.kinds is free of pydantic
from ..limits import FIELD_CHARS, NUMBER_DIGITS
from ..model import UNSTORABLE

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
        if len(text.lstrip("+-").replace(".", "").lstrip("0")) > NUMBER_DIGITS.value:
            raise _fail(f"“{text[:20]}…”位数太多（{NUMBER_DIGITS.shown()}）：请检查是否填错")
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
        if len(text) > FIELD_CHARS.value:
            raise _fail(f"这一项有{len(text)}个字，太长了（{FIELD_CHARS.shown()}）")
        bad = UNSTORABLE.search(text)  # an escape typed by mistake, a damaged copy
        if bad:
            code = f"U+{ord(bad.group()):04X}"
            raise _fail(
                f"含有 Word 无法保存的不可见字符（{code}，第{bad.start() + 1}个字处），"
                "多由转义写法（如 \\x01、\\ud800）或损坏的复制内容造成：请删去后重新输入"
            )
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


def parse_unit(value: object) -> str:
    """A unit as printed after every figure: quotes typed around it by a Chinese input
    method (“%”) or a word for a symbol (百分比) would be printed after each number."""
    text = parse_text(value)
    if re.search(r"[“”‘’\"'「」『』]", text):
        bare = re.sub(r"[“”‘’\"'「」『』]", "", text).strip()
        raise _fail(f"单位“{text}”带了引号：引号会印在每个数字后面，请写成 {bare or '%'}")
    if text in ("百分比", "百分数", "百分之", "百分点"):
        raise _fail(f"单位写成了“{text}”：百分数的单位请写 %（不写汉字）")
    return text


Unit = Annotated[str, BeforeValidator(parse_unit)]


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
    name: Text = Field(alias="姓名", description="姓名", examples=["周文清"])
    title: Text = Field(alias="职务", description="职务", examples=["镇党委书记"])


class EarlierSpeaker(Person):
    """Someone who spoke before the leader; the speech affirms what they reported."""

    reported: Text = Field(
        alias="内容",
        description="发言通报了什么（讲话中予以肯定）",
        examples=["通报了全镇重点指标完成情况"],
    )


class Meeting(_Model):
    name: Text = Field(
        alias="名称", description="会议名称", examples=["全镇人口和家庭发展工作推进会"]
    )
    organiser: Text = Field(alias="主办", description="主办单位", examples=["镇党委、镇政府"])
    date: Date = Field(alias="日期", description="开会日期", examples=["2026-11-28"])
    speaker: Person = Field(alias="讲话人", description="作讲话的领导")
    purpose: Text = Field(
        alias="主要任务",
        description="“这次会议的主要任务是……”后面的话",
        examples=["总结今年以来的工作，分析存在的问题，部署下一步重点任务"],
    )
    earlier_speakers: Section[EarlierSpeaker] = Field(
        default=None, alias="此前发言", description="讲话前发言的人和他们通报的内容，每人一条"
    )
    title: Text | None = Field(
        default=None,
        alias="标题",
        description="讲话稿的标题，不填则为“在××上的讲话”",
        examples=["在全镇人口和家庭发展工作推进会上的讲话"],
    )


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
    name: Text = Field(
        alias="名称", description="本单位名称，以“镇”“乡”“街道”结尾", examples=["青石镇"]
    )
    county: Text = Field(
        alias="所属县",
        description="所属的县（区、市），对比时说“全县平均水平”或“全区平均水平”",
        examples=["云溪县"],
    )
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

    value: Number = Field(alias="数值", description="这一天的数值，只填数字", examples=["93.5"])
    date: Date | None = Field(
        default=None,
        alias="日期",
        description="数值对应的日期",
        examples=["2026-10-31"],
        json_schema_extra={"required_in_list": True},  # data.cross_field: each entry dated
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


class ValueRange(StrEnum):
    """Whether an indicator's figures may leave the usual range of their unit."""

    ANY = "不限"


#: The usual range of a unit's figures (docgen.limits says why limits exist at all).
_RANGES = {
    "%": (Decimal(0), Decimal(100)),
    "％": (Decimal(0), Decimal(100)),
    "‰": (Decimal(0), Decimal(1000)),
}
#: Units of things counted: never below zero.
_COUNTED = {"人", "户", "个", "件", "所", "次", "家", "名", "起", "处", "项", "张", "座", "台"}


def range_problem(value: Decimal, unit: str) -> str:
    """Why ``value`` is outside the usual range of ``unit`` (a rate over 100 %, a count below
    zero: a value typed in the wrong column, a lost decimal point), or "" when it is not."""
    if unit and unit not in _RANGES and unit not in _COUNTED:
        return ""  # a unit of its own (元/人, 分): no range we could know
    low, high = _RANGES.get(unit, (Decimal(0), None))
    if low <= value and (high is None or value <= high):
        return ""
    bound = f"在{low}到{high}之间" if high is not None else f"不小于{low}"
    return (
        f"{value}{unit} 超出了合理范围（应{bound}）：请检查是否填错；确实可能超出的"
        "（如增长率），在情况文件这个指标下加一行“取值范围: 不限”"
    )


class Indicator(_Model):
    """A figure the documents compare: to its target, to the superior's average, over time.

    ``数值`` is one number or a list of dated values; a document uses those dated on or
    before its own date (``as_of``): the last is its current value, the first its baseline.
    ``本镇``/``本乡``/``本街道`` and ``全县平均``/``全区平均``/``全市平均`` are the older names.
    """

    name: Text = Field(
        alias="名称", description="指标名称，每个指标只写一次", examples=["出生登记及时率"]
    )
    unit: Unit | None = Field(
        default=None,
        alias="单位",
        description="计量单位：%、‰、人、个……",
        examples=["%"],
        json_schema_extra={"suggest": ["%", "‰", "人", "户", "个", "件", "所", "次", "元", "万元"]},
    )
    values: Values = Field(
        alias="数值",
        validation_alias=AliasChoices("数值", "本镇", "本乡", "本街道"),
        description="本单位的数值，只填数字；有几个日期的数值时按日期分条写（第一条是基期，"
        "最后一条是现值）",
        examples=["93.5"],
        json_schema_extra={"short": "数值", "sheet": "指标数值"},
    )
    period: Text | None = Field(
        default=None, alias="口径", description="只填一个数值时，它的口径，如“今年以来”"
    )
    target: Number | None = Field(
        default=None, alias="目标", description="上级下达的目标值，只填数字", examples=["95"]
    )
    county_average: Number | None = Field(
        default=None,
        alias="上级平均",
        validation_alias=AliasChoices("上级平均", "全县平均", "全区平均", "全市平均"),
        description="所属县（区、市）的平均水平，只填数字",
        examples=["91.2"],
    )
    direction: Direction = Field(
        default=Direction.HIGHER,
        alias="方向",
        description="数值越高越好还是越低越好",
        examples=["越高越好"],
    )
    value_range: ValueRange | None = Field(
        default=None,
        alias="取值范围",
        description="不填时：百分比在0到100之间，千分比在0到1000之间，人数、户数等不为负数；"
        "增长率、变化量等可能超出的，填“不限”",
        examples=["不限"],
    )

    def out_of_range(self, value: Decimal | None) -> str:
        """Why ``value`` cannot be one of this indicator's figures, or "" when it can."""
        if value is None or self.value_range is ValueRange.ANY:
            return ""
        return range_problem(value, self.unit or "")

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

    date: Date | None = Field(
        default=None,
        alias="日期",
        description="这条进展的日期",
        examples=["2026-11-30"],
        json_schema_extra={"required_in_list": True},  # data.cross_field: each entry dated
    )
    status: Status | None = Field(
        default=None, alias="状态", description="这一天的状态：未开始、进行中、已完成或逾期"
    )
    text: Text | None = Field(
        default=None,
        alias="情况",
        description="做了什么、进展到哪一步",
        examples=["已完成代办员摸底，培训正在组织"],
    )


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

    text: Text = Field(
        alias="内容",
        description="问题的具体表现，一句话",
        examples=["部分村出生登记仍靠群众自己跑，村级代办作用发挥不够"],
    )
    indicator: Text | None = Field(
        default=None,
        alias="指标",
        description="与这个问题有关的指标名称（与【指标】中的名称一致），讲话会补上与目标的差距",
        examples=["出生登记及时率"],
    )
    category: Text | None = Field(
        default=None, alias="类别", description="整改台账的问题类别", examples=["便民服务"]
    )
    goal: Text | None = Field(
        default=None,
        alias="整改目标",
        description="整改要达到的目标",
        examples=["各村（社区）都有代办员，出生登记应登尽登"],
    )
    measures: Text | None = Field(
        default=None,
        alias="整改措施",
        description="整改措施",
        examples=["各村明确一名代办员并公示联系方式"],
    )
    leader: Text | None = Field(
        default=None, alias="责任领导", description="分管的责任领导", examples=["何静"]
    )
    unit: Text | None = Field(
        default=None,
        alias="责任单位",
        description="牵头的责任单位",
        examples=["镇便民服务中心、各村（社区）"],
    )
    person: Text | None = Field(
        default=None, alias="责任人", description="具体责任人", examples=["刘芳"]
    )
    deadline: Date | None = Field(
        default=None, alias="整改时限", description="整改完成的期限", examples=["2026-12-31"]
    )
    progress: Progress = Field(
        default=None,
        alias="整改进展",
        examples=["已完成代办员摸底"],
        description="整改进展：一段文字；要写各个日期的状态时，按日期分条写",
        json_schema_extra={"short": "情况", "sheet": "整改进展"},
    )
    status: Status | None = Field(
        default=None, alias="状态", description="未开始、进行中、已完成或逾期"
    )
    done_on: Date | None = Field(
        default=None, alias="完成日期", description="已完成的，写完成的日期"
    )
    remark: Text | None = Field(
        default=None, alias="备注", description="台账备注", examples=["纳入明年镇级民生实事项目"]
    )
    village: Text | None = Field(
        default=None,
        alias="村",
        description="问题所在的村（社区）；不属于某一个村的不填",
        examples=["青石村"],
    )


class Cause(_Model):
    judgement: Text = Field(
        alias="判断", description="原因的结论，一句话", examples=["思想认识还不够到位"]
    )
    explanation: Text = Field(
        alias="说明",
        description="展开说明这个原因",
        examples=["有的干部认为人口工作可以松一松，工作主动性不强"],
    )


class Task(_Model):
    title: Text = Field(
        alias="标题", description="“一要在××上下功夫”中的××", examples=["优化生育登记服务"]
    )
    measures: Annotated[list[Text], BeforeValidator(reject_null)] = Field(
        alias="措施",
        description="具体措施，每条一句",
        examples=["全面推行“出生一件事”联办，让群众少跑腿"],
        min_length=1,
    )
    deadline: Date | None = Field(
        default=None, alias="时限", description="完成期限", examples=["2026-12-31"]
    )
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
        default=None,
        alias="进展",
        description="进展情况：一段文字；要写各个日期的状态时，按日期分条写",
        examples=["托育点已选址，正在改造"],
        json_schema_extra={"short": "情况", "sheet": "任务进展"},
    )


class Responsibility(_Model):
    title: Text = Field(alias="标题", description="保障措施的小标题", examples=["压实工作责任"])
    text: Text = Field(
        alias="内容",
        description="保障措施的内容",
        examples=["各村（社区）党组织书记是第一责任人，要亲自研究、亲自部署"],
    )


class WarningCase(_Model):
    """A warning paragraph: an outside case or a higher office's circular, and its lesson."""

    source: Text | None = Field(
        default=None, alias="来源", description="出处，如“县应急管理局的通报”"
    )
    event: Text = Field(alias="内容", description="外地案例或上级通报的事情")
    lesson: Text = Field(alias="警示", description="从中吸取的教训")


class SpeechTitles(_Model):
    """The speech's three level-1 headings, when the default wording does not fit."""

    situation: Text | None = Field(
        default=None,
        alias="形势",
        description="第一个一级标题，不填为“认清形势，切实增强做好××的责任感和紧迫感”",
        examples=["清醒认识今年防汛形势，坚决克服麻痹思想"],
    )
    tasks: Text | None = Field(
        default=None,
        alias="任务",
        description="第二个一级标题，不填为“抓住关键，推动××各项任务落地见效”",
        examples=["突出重点环节，把汛前准备做实做细"],
    )
    support: Text | None = Field(
        default=None,
        alias="保障",
        description="第三个一级标题，不填为“强化领导，为××提供坚强保障”",
        examples=["压紧压实责任，确保全镇安全度汛"],
    )


class SpeechOptions(_Model):
    """What a speech may add to the usual structure: its own headings, warnings, a closing."""

    titles: SpeechTitles | None = Field(
        default=None, alias="标题", description="讲话三个一级标题的自定说法，不填的用默认说法"
    )
    warnings: Section[WarningCase] = Field(
        default=None,
        alias="警示",
        description="警示段落：外地案例或上级通报，写在问题之后（“教训必须汲取”）",
        min_length=1,
    )
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

    title: Text = Field(
        alias="文件",
        description="上级文件的名称，带书名号",
        examples=["《云溪县卫生健康局关于开展自查整改的通知》"],
    )
    number: Text = Field(
        alias="字号", description="上级文件的发文字号", examples=["云卫健发〔2026〕41号"]
    )


class Stage(_Model):
    name: Text = Field(alias="名称", description="阶段名称", examples=["动员部署"])
    start: Date = Field(alias="开始", description="阶段开始日期", examples=["2026-12-01"])
    end: Date = Field(alias="结束", description="阶段结束日期", examples=["2026-12-05"])
    work: Text = Field(
        alias="内容",
        description="这一阶段做什么",
        examples=["召开动员会议，印发实施方案，明确责任分工"],
    )


class Requirement(_Model):
    title: Text = Field(alias="标题", description="工作要求的小标题", examples=["加强组织领导"])
    text: Text = Field(
        alias="内容",
        description="工作要求的内容",
        examples=["各村（社区）党组织书记要亲自抓、负总责"],
    )


class Submission(_Model):
    """Where and by when villages report back: deadline, office, contact."""

    deadline: Date = Field(alias="时限", description="报送材料的截止日期", examples=["2026-12-25"])
    office: Text = Field(alias="单位", description="材料报送到哪个单位", examples=["镇卫生健康办"])
    contact: Text = Field(alias="联系人", description="联系人姓名", examples=["陈立"])
    phone: Text = Field(alias="电话", description="联系电话", examples=["0799-5550123"])
    email: Text | None = Field(
        default=None, alias="邮箱", description="电子邮箱", examples=["qsz@example.com"]
    )


class LeadingGroup(_Model):
    head: Text = Field(
        alias="组长", description="组长，姓名后括注职务", examples=["周文清（镇党委书记）"]
    )
    deputies: Section[Text] = Field(
        default=None,
        alias="副组长",
        description="副组长，每人一条",
        examples=["林晓梅（镇党委副书记、镇长）"],
        min_length=1,
    )
    members: Annotated[list[Text], BeforeValidator(reject_null)] = Field(
        alias="成员",
        description="成员，每人（或每个单位）一条",
        examples=["陈立（镇卫生健康办主任）"],
        min_length=1,
    )
    office: Text = Field(
        alias="办公室", description="领导小组办公室设在哪个单位", examples=["镇卫生健康办"]
    )
    office_head: Text | None = Field(
        default=None, alias="办公室主任", description="办公室主任", examples=["陈立"]
    )


class Campaign(_Model):
    """The self-inspection and rectification campaign (自查整改) the notice and plan announce."""

    name: Text = Field(
        alias="名称", description="自查整改工作的名称", examples=["人口和家庭发展工作自查整改"]
    )
    basis: Basis | None = Field(default=None, alias="依据", description="依据的上级文件")
    purpose: Text = Field(
        alias="目的", description="开展自查整改的目的", examples=["全面查找短板弱项，逐项整改到位"]
    )
    guideline: Text | None = Field(
        default=None,
        alias="指导思想",
        description="指导思想",
        examples=["坚持以人民为中心的发展思想，坚持问题导向"],
    )
    objective: Text = Field(
        alias="目标", description="工作目标", examples=["突出问题得到有效解决，群众办事更加便捷"]
    )
    scope: Text = Field(
        alias="范围", description="自查范围", examples=["全镇各村（社区）和镇直相关单位"]
    )
    contents: Annotated[list[Text], BeforeValidator(reject_null)] = Field(
        alias="内容",
        description="自查内容，每项一条",
        examples=["生育登记服务落实情况，重点查登记是否及时"],
        min_length=1,
    )
    stages: Annotated[list[Stage], BeforeValidator(reject_null)] = Field(
        alias="阶段", description="工作阶段，按时间先后排列，日期不能重叠", min_length=1
    )
    requirements: Section[Requirement] = Field(
        default=None, alias="要求", description="工作要求", min_length=1
    )
    submission: Submission | None = Field(
        default=None, alias="报送", description="材料报送的时限、单位和联系人"
    )
    leading_group: LeadingGroup | None = Field(
        default=None, alias="领导小组", description="自查整改工作领导小组"
    )


class Dispatch(_Model):
    """What one issued document adds to the office profile: its 序号, dates and addressees.

    主送, 抄送, 联系人 and 电话 given here win over the campaign's (``Dispatches``), which win
    over the office profile's.
    """

    serial: Serial = Field(alias="序号", description="发文字号中的序号，只填数字", examples=["58"])
    date: Date = Field(alias="成文日期", description="成文日期", examples=["2026-11-30"])
    print_date: Date | None = Field(
        default=None,
        alias="印发日期",
        description="印发日期，不填则同成文日期",
        examples=["2026-11-30"],
    )
    signers: Section[Text] = Field(
        default=None,
        alias="签发人",
        description="签发人，每人一条",
        examples=["周文清"],
        min_length=1,
    )
    note: Text | None = Field(
        default=None, alias="附注", description="附注", examples=["（此件公开发布）"]
    )
    recipients: Text | None = Field(
        default=None, alias="主送", description="这份公文的主送机关（报告即上级机关）"
    )
    copy_to: Text | None = Field(
        default=None, alias="抄送", examples=["县卫生健康局"], description="这份公文的抄送机关"
    )
    contact: Text | None = Field(default=None, alias="联系人", description="上行文附注中的联系人")
    phone: Text | None = Field(default=None, alias="电话", description="上行文附注中的电话")


class Dispatches(_Model):
    """The campaign's documents, and addressees shared by all of them (over the office's)."""

    notice: Dispatch | None = Field(default=None, alias="通知", description="通知的序号和日期")
    plan: Dispatch | None = Field(
        default=None, alias="方案", description="实施方案的序号和日期（单位设置为“印发通知”时用）"
    )
    report: Dispatch | None = Field(
        default=None, alias="报告", description="自查报告的序号、日期和签发人"
    )
    bulletin: Dispatch | None = Field(default=None, alias="通报", description="通报的序号和日期")
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
    village: Text = Field(alias="村", description="村（社区）名称", examples=["青石村"])
    score: Number | None = Field(
        default=None, alias="得分", description="检查得分，只填数字", examples=["96"]
    )
    grade: Grade = Field(alias="等次", description="检查评定的等次", examples=["优秀"])
    finding: Text = Field(
        alias="情况",
        description="检查发现的情况",
        examples=["代办员上门服务扎实，问题整改全部销号"],
    )


class Inspection(_Model):
    """Results of the township's inspection of its villages, for the 通报."""

    start: Date = Field(alias="开始", description="检查开始日期", examples=["2027-01-12"])
    end: Date = Field(alias="结束", description="检查结束日期", examples=["2027-01-16"])
    method: Text = Field(
        alias="方式",
        description="检查方式",
        examples=["采取查阅资料、入户走访和电话回访相结合的方式"],
    )
    results: Annotated[list[VillageResult], BeforeValidator(reject_null)] = Field(
        alias="结果",
        description="各村的检查结果，每村一条",
        json_schema_extra={"sheet": "村"},
        min_length=1,
    )


class Decision(_Model):
    text: Text = Field(
        alias="内容",
        description="议定的事项",
        examples=["会议同意召开全镇人口和家庭发展工作推进会"],
    )
    owner: Text | None = Field(
        default=None, alias="责任单位", description="负责落实的单位", examples=["镇党政办"]
    )
    deadline: Date | None = Field(
        default=None, alias="时限", description="完成期限", examples=["2026-11-28"]
    )


class Minutes(_Model):
    """A 党政联席会议 and what it decided, for the 纪要."""

    serial: Serial = Field(alias="期号", description="纪要的期号，只填数字", examples=["23"])
    date: Date = Field(alias="日期", description="开会日期", examples=["2026-11-27"])
    place: Text = Field(alias="地点", description="开会地点", examples=["镇政府三楼会议室"])
    chair: Person = Field(alias="主持", description="主持人")
    topics: Annotated[list[Text], BeforeValidator(reject_null)] = Field(
        alias="议题",
        description="会议议题，每项一条",
        examples=["研究召开全镇人口和家庭发展工作推进会有关事宜"],
        min_length=1,
    )
    decisions: Annotated[list[Decision], BeforeValidator(reject_null)] = Field(
        alias="议定事项", description="会议议定的事项", min_length=1
    )
    present: Annotated[list[Text], BeforeValidator(reject_null)] = Field(
        alias="出席", description="出席人员，每人一条", examples=["周文清"], min_length=1
    )
    absent: Section[Text] = Field(
        default=None,
        alias="请假",
        description="请假人员，可括注原因",
        examples=["郑国华（参加县委党校培训）"],
        min_length=1,
    )
    attending: Section[Text] = Field(
        default=None,
        alias="列席",
        description="列席人员，每人一条",
        examples=["陈立"],
        min_length=1,
    )
    print_date: Date | None = Field(
        default=None, alias="印发日期", description="纪要印发日期", examples=["2026-11-28"]
    )
    issuer: Text | None = Field(
        default=None,
        alias="编印单位",
        description="纪要期号下的编印单位，不填时用单位设置的印发机关",
    )
    copy_to: Text | None = Field(
        default=None, alias="抄送", description="纪要版记中的抄送（可不填）"
    )


class Situation(_Model):
    """Everything one campaign's documents are written from."""

    township: Township = Field(alias="乡镇", description="本单位（乡镇、街道）")
    topic: Text = Field(
        alias="主题",
        description="这项工作的名称，出现在标题和各段中",
        examples=["人口和家庭发展工作"],
    )
    activity: Text | None = Field(
        default=None, alias="活动", description="这项工作自己的名称，如“五查五改”专项行动"
    )
    meeting: Meeting | None = Field(
        default=None, alias="会议", description="召开的会议（讲话稿用）"
    )
    speech: SpeechOptions | None = Field(
        default=None, alias="讲话", description="讲话稿的可选项：一级标题、警示段落、结束语"
    )
    achievements: Section[Text] = Field(
        default=None,
        alias="成绩",
        description="取得的成绩，每条一句话，讲话中依次成为“一是……二是……”",
        examples=["生育登记服务更加便捷，办理时限压缩到一个工作日以内"],
        min_length=1,
    )
    indicators: Section[Indicator] = Field(
        default=None, alias="指标", description="工作指标，每个指标一条", min_length=1
    )
    issues: Section[Issue] = Field(
        default=None,
        alias="问题",
        description="存在的问题；台账各列供实施方案和自查报告使用",
        min_length=1,
    )
    causes: Section[Cause] = Field(
        default=None, alias="原因", description="问题的原因", min_length=1
    )
    tasks: Section[Task] = Field(
        default=None, alias="任务", description="下一步的任务，一般五条", min_length=1
    )
    responsibilities: Section[Responsibility] = Field(
        default=None, alias="责任", description="保障措施（压实责任、督查考核……）", min_length=1
    )
    closing: Text | None = Field(
        default=None,
        alias="结语",
        description="讲话结尾的一段话",
        examples=["同志们，离年底只有一个多月时间，希望大家对照目标抓推进"],
    )
    office_file: Text | None = Field(
        default=None,
        alias="单位设置",
        description="单位设置文件，路径从本文件所在的文件夹算起",
        examples=["offices/青石镇.yaml"],
    )
    campaign: Campaign | None = Field(
        default=None, alias="自查", description="自查整改工作（通知、实施方案、自查报告用）"
    )
    dispatches: Dispatches | None = Field(
        default=None, alias="发文", description="各份公文的序号和日期（机关代字在单位设置里）"
    )
    inspection: Inspection | None = Field(
        default=None, alias="检查", description="对各村的检查结果（通报用）"
    )
    minutes: Minutes | None = Field(
        default=None, alias="纪要", description="党政联席会议（纪要用）"
    )


#: Sections each document kind cannot do without, by their Chinese names.
REQUIRED_SECTIONS: dict[str, tuple[str, ...]] = {
    "speech": ("会议", "成绩", "问题", "原因", "任务", "责任", "结语"),
    "notice": ("单位设置", "自查", "发文"),
    "plan": ("单位设置", "自查", "问题", "发文"),
    "report": ("单位设置", "自查", "成绩", "问题", "原因", "任务", "发文"),
    "bulletin": ("单位设置", "检查", "发文"),
    "minutes": ("单位设置", "纪要"),
}

#: Fields the schema leaves optional but a kind's rules (data/rules.py) ask for, as paths.
#: The skeleton and the workbook's notes mark them as required for that kind.
KIND_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    # The notice carries the plan and its 台账 unless the office issues the plan on its own.
    "notice": (
        ("发文", "通知"),
        ("问题",),
        ("问题", "整改措施"),
        ("问题", "责任人"),
        ("问题", "整改时限"),
    ),
    "plan": (("问题", "整改措施"), ("问题", "责任人"), ("问题", "整改时限"), ("发文", "通知")),
    "report": (
        ("问题", "整改措施"),
        ("问题", "责任人"),
        ("问题", "整改时限"),
        ("发文", "报告"),
        ("发文", "报告", "签发人"),
    ),
    "bulletin": (("发文", "通报"),),
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
    full_name: Text = Field(alias="全称", description="发文机关全称，如“青石镇人民政府”")
    mark: Text = Field(
        alias="标志", description="发文机关标志（红头上的字），如“青石镇人民政府文件”"
    )
    signature: Text = Field(alias="署名", description="落款的发文机关署名")
    codes: dict[str, Text] = Field(alias="代字", description="各文种的机关代字，如 通知: 青政发")


class Fonts(_Model):
    body: Text | None = Field(default=None, alias="正文", description="正文字体（默认仿宋_GB2312）")
    title: Text | None = Field(
        default=None, alias="标题", description="标题字体（默认方正小标宋简体）"
    )
    heading1: Text | None = Field(
        default=None, alias="一级标题", description="一级标题字体（默认黑体）"
    )
    kaiti: Text | None = Field(
        default=None, alias="楷体", description="楷体（二级标题、署名等，默认楷体_GB2312）"
    )
    latin: Text | None = Field(
        default=None,
        alias="数字和西文",
        description="数字和西文字体，如 Times New Roman（不填时与中文字体相同）",
    )


class Office(_Model):
    """One office's profile (单位设置): set once, shared by all its situation files."""

    organ: Organ = Field(alias="发文机关", description="发文机关的名称、标志、署名和代字")
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
    minutes_mark: Text | None = Field(
        default=None,
        alias="纪要标志",
        description="纪要的标志，如“青石镇党政联席会议纪要”（可不填）",
    )
    printer: Text = Field(alias="印发机关", description="版记中的印发机关")
    recipients: Text = Field(alias="主送", description="下行文的主送机关")
    superior: Text | None = Field(
        default=None, alias="上级机关", description="上行文（报告）的主送机关（可不填）"
    )
    copy_to: Text | None = Field(default=None, alias="抄送", description="默认的抄送机关（可不填）")
    contact: Text | None = Field(
        default=None, alias="联系人", description="上行文附注中的联系人（情况文件可另写）"
    )
    phone: Text | None = Field(default=None, alias="电话", description="上行文附注中的电话")
    signature_mode: SignatureMode = Field(
        default=SignatureMode.SEALED, alias="落款", description="落款盖章还是不盖章"
    )
    page_numbers: Text | None = Field(
        default=None, alias="页码", description="页码位置：居中、单双或无（可不填）"
    )
    fonts: Fonts | None = Field(
        default=None, alias="字体", description="本单位电脑上的字体名称（可不填）"
    )
    header_paper: HeaderPaper = Field(
        default=HeaderPaper.PRINT, alias="红头", description="红头由程序打印还是纸上已预印"
    )
    plan_issuing: PlanIssuing = Field(
        default=PlanIssuing.ATTACHMENT,
        alias="方案发文",
        description="实施方案随通知作附件还是另发印发通知",
    )
    ledger_columns: Section[Text] = Field(
        default=None, alias="台账列", description="整改台账的列（可不填，默认十一列）", min_length=1
    )
    checks: dict[str, Any] | None = Field(
        default=None, alias="检查", description="文字检查的设置（关闭的规则、本单位词表）"
    )
