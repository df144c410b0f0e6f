"""Recover the structure of an old speech: sections, problems, causes, tasks, duties, figures.

Real speeches are written in a few habitual shapes, and each is recognised here: headings
with commas (“一、回顾去年工作，充分肯定成绩”), lists introduced by “主要是：”/“主要有：”,
items counted “一是……二是……” or “一要……” or run in after “（一）”, causes introduced by
“原因，主要有”, numbered or not (“从思想上看，……；从保障上看，……”), and the closing
“同志们，……”. The draft writer (corpus/outline_draft.py) turns the result into YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docgen.corpus.clean import is_heading_text

GAP = "【待补】"
_NUMERALS = "一二三四五六七八九十"
_ORDINAL = re.compile(
    rf"^(?:[{_NUMERALS}]{{1,3}}、|（[{_NUMERALS}]{{1,3}}）|\d{{1,2}}[.．、]|第[{_NUMERALS}]{{1,3}}[，、])"
)
_SECTION = re.compile(rf"^[{_NUMERALS}]{{1,3}}、")
_PART = re.compile(rf"^（[{_NUMERALS}]{{1,3}}）")
#: 一是 / 一要 / 第一， counting items inside a paragraph: only after a break, never in 统一要求.
_ENUM = re.compile(
    rf"(?:^|(?<=[。；：，！？\s]))(?:([{_NUMERALS}])([是要])|第([{_NUMERALS}])[，、])"
)
_LIST_INTRO = re.compile(
    r"(?:主要|具体|突出)(?:是|有|表现(?:在|为)|体现在)(?:以下|如下)?[^。；：，]{0,10}?[：:]"
    r"|(?:主要|具体|突出)(?:是|有)(?=[一二三四五六七八九十][是要])"
)
_CAUSE = re.compile(
    r"究其原因|原因(?:[，,]?\s*)(?:主要)?(?:有|是|在于)"
    r"|(?:产生|出现|造成|存在)(?:这些|上述|以上)?问题的(?:主要|深层次)?原因"
)
_LEAD_IN = re.compile(r"^从[^，,。]{1,10}?(?:上|方面)?看[，,]")
_NEW_SUBJECT = re.compile(r"[，；](?=(?:部分|有的|个别|少数|一些|还有))")
_TRANSITION = re.compile(r"^(?:在.{0,12}的同时|我们也要|但是?|同时|当然|此外|对这些)")
_DEADLINE = re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日)前")

_KIND_WORDS = (
    ("issues", r"问题|不足|差距|短板|清醒|正视"),
    ("achievements", r"成绩|成效|回顾|取得|肯定"),
    ("understanding", r"形势|认识|站位|意义|重要性"),
    ("responsibilities", r"责任(?!感)|保障|组织领导|纪律|作风"),
    ("tasks", r"任务|重点|措施|抓好|工作"),
)


@dataclass
class Part:
    """A （一） part of a section, or the text before its first part (heading "")."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Section:
    """A 一、 part of the speech, its kind guessed from the heading."""

    heading: str
    kind: str
    parts: list[Part] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [p for part in self.parts for p in part.paragraphs]

    @property
    def subheadings(self) -> list[str]:
        return [part.heading for part in self.parts if part.heading]


@dataclass
class Speech:
    """The speech split into its blocks."""

    title: str = ""
    front: list[str] = field(default_factory=list)
    opening: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: str = ""


@dataclass(frozen=True)
class Cause:
    judgement: str
    explanation: str


@dataclass(frozen=True)
class Task:
    title: str
    measures: list[str]
    deadline: str | None = None


@dataclass(frozen=True)
class Duty:
    """One responsibility (责任): its title and what it asks."""

    title: str
    text: str


@dataclass
class Outline:
    """What a clerk's new situation file can take from the speech."""

    headings: list[str]
    achievements: list[str]
    problems: list[str]
    causes: list[Cause]
    tasks: list[Task]
    duties: list[Duty]
    closing: str


# --- blocks ----------------------------------------------------------------------------------


def strip_ordinal(text: str) -> str:
    return _ORDINAL.sub("", text, count=1).strip()


def sentences(text: str) -> list[str]:
    """Split after 。！？；, keeping the mark."""
    return [s for s in re.findall(r"[^。！？；]+[。！？；]?", text) if s.strip()]


def parse(markdown: str) -> Speech:
    """Split a cleaned speech into title, front matter, opening, sections and closing."""
    speech = Speech()
    current: Section | None = None
    seen_salutation = False
    for block in (b.strip() for b in markdown.split("\n\n")):
        if not block:
            continue
        level, text = _heading(block)
        if level == 1:
            speech.title = speech.title or text
        elif level == 2:
            current = Section(strip_ordinal(text), _kind(text), [Part("")])
            speech.sections.append(current)
        elif level == 3 and current is not None:
            current.parts.append(Part(strip_ordinal(text)))
        elif current is not None:
            current.parts[-1].paragraphs.append(block.lstrip("# ").strip())
        elif block.startswith("同志们"):
            seen_salutation = True
            rest = block.removeprefix("同志们").lstrip("：，:, ")
            if rest:
                speech.opening.append(rest)
        elif seen_salutation:
            speech.opening.append(block)
        else:
            speech.front.append(block)
    _closing(speech)
    return speech


def _heading(block: str) -> tuple[int, str]:
    """(level, text): Markdown marks, or an ordinal line a cleaner did not mark."""
    m = re.match(r"(#{1,6}) (.*)", block, re.S)
    if m:
        return min(len(m.group(1)), 3), m.group(2).strip()
    if "\n" not in block and is_heading_text(block):
        if _SECTION.match(block):
            return 2, block
        if _PART.match(block):
            return 3, block
    return 0, block


def _closing(speech: Speech) -> None:
    """The last paragraph that addresses the audience again (“同志们，……”)."""
    for section in reversed(speech.sections):
        for part in reversed(section.parts):
            if part.paragraphs and part.paragraphs[-1].startswith("同志们"):
                speech.closing = part.paragraphs.pop()
                return


def _kind(heading: str) -> str:
    for kind, words in _KIND_WORDS:
        if re.search(words, heading):
            return kind
    return "unknown"


# --- items ------------------------------------------------------------------------------------


def enumerated(text: str, verb: str) -> list[str]:
    """一是…；二是… (verb 是), 一要…；二要… (verb 要), or 第一，…第二，… → the items' texts."""
    marks = [m for m in _ENUM.finditer(text) if m.group(2) == verb or m.group(3)]
    items = []
    for i, m in enumerate(marks):
        paragraph_end = text.find("\n", m.end())  # the last item ends with its paragraph
        end = marks[i + 1].start() if i + 1 < len(marks) else paragraph_end % (len(text) + 1)
        items.append(text[m.end() : end].strip("；。，：\n "))
    return [item for item in items if item] if len(marks) > 1 else []


def head_and_rest(text: str) -> tuple[str, str]:
    """（一）压实领导责任。各村…… → ("压实领导责任", "各村……")."""
    text = strip_ordinal(text)
    m = re.match(r"([^。！？；，]{2,30})[。！？；，](.*)", text, re.S)
    if not m:
        return text.rstrip("。"), ""
    return m.group(1), m.group(2).strip()


def _run_in(paragraphs: list[str]) -> list[str]:
    """Paragraphs that start with their own ordinal: （一）稳定水平。全镇……"""
    return [p for p in paragraphs if _ORDINAL.match(p)]


def _counted(text: str, verbs: tuple[str, ...] = ("是", "要")) -> list[str]:
    for verb in verbs:
        found = enumerated(text, verb)
        if found:
            return found
    return []


def _list_after(text: str) -> list[str]:
    """The items of a list that starts at ``text``: counted, run in, or split at “；”."""
    counted = _counted(text, ("是",))
    if counted:
        return counted
    run_in = _run_in(text.split("\n"))
    if len(run_in) > 1:
        return [strip_ordinal(p).rstrip("。") for p in run_in]
    first = re.match(r"[^。！？]*", text.strip()).group(0)  # the list ends with its sentence
    return [item.strip("，。 ") for item in first.split("；") if item.strip("，。 ")]


def problems(section_text: str) -> list[str]:
    """Problems: after 主要是/主要有, else counted items, else the sentences that name them."""
    found = []
    for intro in _LIST_INTRO.finditer(section_text):
        paragraph_end = section_text.find("\n", intro.end())
        found += _list_after(
            section_text[intro.end() : None if paragraph_end < 0 else paragraph_end]
        )
    if found:
        return found
    counted = _counted(section_text, ("是",))
    if counted:
        return counted
    plain = [
        s.rstrip("。；")
        for s in sentences(section_text.replace("\n", ""))
        if not _TRANSITION.match(s) and len(s) > 6
    ]
    return [piece.strip() for s in plain for piece in _NEW_SUBJECT.split(s) if piece.strip()]


def causes(text: str) -> list[Cause]:
    """Causes after 究其原因/原因，主要有: counted, run in, or “从……看，” clauses split at “；”."""
    lead = re.match(r"[^：:一二三四五六七八九十]{0,16}?[：:]", text)
    text = text[lead.end() :] if lead else text.lstrip("，, ")
    items = _list_after(text)
    return [Cause(*head_and_rest(_LEAD_IN.sub("", item))) for item in items]


def tasks(section: Section) -> list[Task]:
    """Tasks: （一）sub-headings with their paragraphs, else 一要…二要…, else run-in items."""
    if section.subheadings:
        return [
            _task(part.heading, "".join(part.paragraphs)) for part in section.parts if part.heading
        ]
    text = "\n".join(section.paragraphs)
    items = enumerated(text, "要") or _run_in(section.paragraphs)
    return [_task(*head_and_rest(item), whole=item) for item in items]


def _task(title: str, rest: str, whole: str = "") -> Task:
    measures = [s.strip("。；， ") for s in sentences(rest) if s.strip("。；， ")]
    deadline = _DEADLINE.search(whole or rest)
    return Task(title, measures, deadline.group(1) if deadline else None)


def duties(section: Section) -> list[Duty]:
    """Responsibilities: sub-headings, else 一要…/一是… items, else run-in items."""
    if section.subheadings:
        return [Duty(p.heading, "".join(p.paragraphs)) for p in section.parts if p.heading]
    text = "\n".join(section.paragraphs)
    items = _counted(text) or _run_in(section.paragraphs)
    return [Duty(*head_and_rest(item)) for item in items]


def achievements(section: Section) -> list[str]:
    run_in = _run_in(section.paragraphs)
    if run_in:
        return [strip_ordinal(p) for p in run_in]
    return _counted("\n".join(section.paragraphs), ("是",)) or [
        strip_ordinal(p) for p in section.paragraphs
    ]


def outline(speech: Speech) -> Outline:
    """Everything the draft takes from the speech, each list in the speech's order."""
    found = Outline([], [], [], [], [], [], speech.closing)
    for section in speech.sections:
        found.headings += [section.heading, *section.subheadings]
        if section.kind == "achievements":
            found.achievements += achievements(section)
        elif section.kind == "issues":
            text = "\n".join(section.paragraphs)
            cut = _CAUSE.search(text)
            found.problems += problems(text[: cut.start()] if cut else text)
            if cut:
                found.causes += causes(text[cut.end() :])
        elif section.kind == "tasks":
            found.tasks += tasks(section)
        elif section.kind == "responsibilities":
            found.duties += duties(section)
    return found
