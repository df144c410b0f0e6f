"""No repetition and natural figures: what a careful writer would not send out twice."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from docgen.data.schema import Indicator, Task
from docgen.facts.figures import indicator_facts, natural_gap, percent_change, ratio_words
from docgen.facts.narrative import (
    AVERAGE_LEADS,
    AVERAGE_WORDS,
    CHANGE_WORDS,
    CHANGE_WORDS_SAID,
    PROBLEM_TARGET_WORDS,
    TARGET_WORDS,
    Narrator,
)
from docgen.facts.tasks import (
    CONTINUING_WORDS,
    MONTHLY_WORDS,
    ONCE_WORDS,
    OVERDUE_WORDS,
    deadline_sentence,
)
from docgen.facts.timeline import status_on
from docgen.facts.wording import Rotation, choose
from docgen.model import AttachmentNote, AttachmentStart, Document, Table, Title, block_texts
from docgen.pipeline import build_document, kinds_in
from docgen.resources import builtin_dir

EXAMPLES = sorted(builtin_dir("examples").glob("*.yaml"))
TEMPLATES = builtin_dir("templates")


def every_document() -> list[tuple[str, Document]]:
    return [
        (f"{example.stem}/{kind}", build_document(kind, example).document)
        for example in EXAMPLES
        for kind in kinds_in(example)
    ]


def prose(doc: Document) -> list[str]:
    """The document's running text: not its tables, titles or attachment names (a name
    must read the same in the 附件说明 and on the attachment)."""
    names = (Table, Title, AttachmentNote, AttachmentStart)
    return [t for b in doc.blocks if not isinstance(b, names) for t in block_texts(b)]


# --- no sentence twice, no fixed wording twice ----------------------------------------------------


def test_no_sentence_of_15_characters_appears_twice_in_any_document() -> None:
    checked = 0
    for name, doc in every_document():
        sentences = [s for t in prose(doc) for s in re.split(r"(?<=[。！？；])", t) if len(s) >= 15]
        repeated = [s for s, n in Counter(sentences).items() if n > 1]
        assert not repeated, (name, repeated)
        checked += len(sentences)
    assert checked > 500


def fixed_parts(wording: str) -> list[str]:
    """The literal parts of a wording with ``{}`` fields, six characters or longer."""
    return [part for part in re.split(r"\{[^}]*\}", wording) if len(part) >= 6]


def template_wordings() -> list[str]:
    """Every literal option of the templates' 择一(…) calls."""
    found = []
    for path in TEMPLATES.glob("*.md"):
        for call in re.findall(r"择一\((.*?)\) }}", path.read_text(encoding="utf-8")):
            for option in re.findall(r'"([^"]*)"', call):
                found.append(option)
    return found


def test_every_fixed_wording_appears_at_most_once_per_document() -> None:
    families = [
        *ONCE_WORDS,
        *MONTHLY_WORDS,
        *CONTINUING_WORDS,
        *OVERDUE_WORDS,
        *(w for words in TARGET_WORDS.values() for w in words),
        *PROBLEM_TARGET_WORDS,
        *(w for words in AVERAGE_WORDS.values() for w in words),
        *(w for words in CHANGE_WORDS.values() for w in words),
        *(w for words in CHANGE_WORDS_SAID.values() for w in words),
        *AVERAGE_LEADS,
        *template_wordings(),
    ]
    parts = {part for wording in families for part in fixed_parts(wording)}
    assert len(parts) > 60
    for name, doc in every_document():
        text = "".join(prose(doc))
        twice = [part for part in parts if text.count(part) > 1]
        assert not twice, (name, twice)


def test_the_old_seams_are_gone() -> None:
    for name, doc in every_document():
        text = "".join(prose(doc))
        assert text.count("这项工作要在") <= 1, name
        assert text.count("距目标值") <= 1, name
        assert "二个" not in text and "以下二" not in text, name


def test_a_wording_is_chosen_by_the_documents_identity_never_at_random() -> None:
    options = ["甲说法", "乙说法", "丙说法"]
    assert choose("speech|青石镇|人口|2026-11-28", options) == choose(
        "speech|青石镇|人口|2026-11-28", options
    )
    chosen = {choose(f"speech|镇{n}|人口|2026-11-28", options) for n in range(30)}
    assert chosen == set(options)  # different documents read differently
    rotation = Rotation("notice|青石镇")
    used = [rotation.next("时限", options) for _ in range(3)]
    assert sorted(used) == sorted(options)  # a document uses each before any comes back


def test_the_same_inputs_give_the_same_text() -> None:
    first = [build_document("speech", e).markdown for e in EXAMPLES]
    assert first == [build_document("speech", e).markdown for e in EXAMPLES]


# --- a notice carrying the plan ----------------------------------------------------------------


def test_a_notice_carrying_the_plan_says_only_what_the_plan_does_not() -> None:
    doc = build_document(
        "notice", EXAMPLES[EXAMPLES.index(builtin_dir("examples") / "population.yaml")]
    ).document
    start = next(i for i, b in enumerate(doc.blocks) if isinstance(b, AttachmentStart))
    own = [
        t for b in doc.blocks[:start] if not isinstance(b, AttachmentNote) for t in block_texts(b)
    ]
    plan = [t for b in doc.blocks[start:] if not isinstance(b, Table) for t in block_texts(b)]
    headings = [t for t in own if re.match(r"^[一二三四五六七八九十]+、", t)]
    assert headings == ["一、时间安排", "二、工作要求"]
    clauses = {c for t in plan for c in re.split(r"[。；，：]", t) if len(c) >= 10}
    shared = [c for t in own for c in re.split(r"[。；，：]", t) if c in clauses]
    assert not shared, shared
    assert sum(len(t) for t in own) * 2 < sum(len(t) for t in plan)  # the notice stays short
    text = "".join(own)
    assert "见附件1" in text and "附件2" in text  # it points at the plan and the ledger
    assert "2026年12月25日前" in text and "联系人：陈立" in text  # and says what it must


# --- natural figures ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "unit", "said"),
    [
        ("1.47", "%", "近1.5个百分点"),
        ("0.45", "%", "近0.5个百分点"),
        ("1.5", "%", "1.5个百分点"),
        ("1.52", "%", "1.52个百分点"),  # rounding down would hide which side it lies on
        ("-2.96", "‰", "近3个千分点"),
        ("12", "人", "12人"),
    ],
)
def test_gaps_are_said_as_a_person_says_them(d: str, unit: str, said: str) -> None:
    assert natural_gap(Decimal(d), unit) == said


def test_doubling_is_said_in_words_and_growth_without_trailing_zeros() -> None:
    assert ratio_words(Decimal("126"), Decimal("48")) == "翻了一番多"
    assert ratio_words(Decimal("96"), Decimal("48")) == "翻了一番"
    assert ratio_words(Decimal("200"), Decimal("48")) == "翻了两番多"
    assert ratio_words(Decimal("90"), Decimal("48")) is None
    assert percent_change(Decimal("150"), Decimal("100")) == "50%"  # not 50.0%
    assert percent_change(Decimal("105.5"), Decimal("100")) == "5.5%"


def indicator(**fields: object) -> Indicator:
    return Indicator.model_validate({"名称": "及时率", "单位": "%", **fields})


def sentences_of(ind: Indicator, today: dt.date) -> list[str]:
    narrator = Narrator(Rotation("报告"), today, "全县平均水平")
    facts = indicator_facts(ind)
    return [s for s in narrator.sentences(facts, ind).split("。") if s]


def comparisons(sentence: str) -> int:
    """Comparisons a sentence makes: with a target, an average, an earlier figure."""
    return sum(
        bool(re.search(pattern, sentence))
        for pattern in (r"目标", r"平均水平", r"提高|下降|上升|减少|增加|升至|降至|降到|由.+到")
    )


def test_a_sentence_makes_two_comparisons_at_most() -> None:
    ind = indicator(
        数值=[{"日期": "2026-10-31", "数值": "88.6"}, {"日期": "2027-01-31", "数值": "94.1"}],
        目标="95",
        上级平均="85",
    )
    said = sentences_of(ind, dt.date(2027, 2, 5))
    assert len(said) == 2  # the third comparison (markedly above the average) has its own
    assert all(comparisons(s) <= 2 for s in said), said
    assert comparisons(said[0]) == 2 and "88.6%" in said[0] and "94.1%" in said[0]
    assert "0.9个百分点" in said[0] and "9.1个百分点" in said[1]


def test_an_unremarkable_third_comparison_is_left_out() -> None:
    ind = indicator(
        数值=[{"日期": "2026-10-31", "数值": "90"}, {"日期": "2027-01-31", "数值": "92"}],
        目标="95",
        上级平均="91.5",
    )
    [said] = sentences_of(ind, dt.date(2027, 2, 5))
    assert "平均" not in said and comparisons(said) == 2


def test_every_example_sentence_about_figures_makes_two_comparisons_at_most() -> None:
    for name, doc in every_document():
        for text in prose(doc):
            for sentence in re.split(r"[。；]", text):
                if "%" in sentence or "目标" in sentence:
                    assert comparisons(sentence) <= 2, (name, sentence)


# --- deadlines by kind, counts in words -------------------------------------------------------


def test_deadlines_are_worded_by_the_kind_of_task() -> None:
    today = dt.date(2026, 11, 28)
    rotation = Rotation("讲话")

    def said(**fields: object) -> str:
        task = Task.model_validate({"标题": "任务", "措施": ["做"], **fields})
        return deadline_sentence(task, status_on(task, today), rotation)

    once = said(时限="2026-12-31")
    assert "2026年12月31日前" in once and once in [w.format(d="2026年12月31日") for w in ONCE_WORDS]
    monthly = said(时限="2027-06-30", 时限类型="按月")
    assert "2027年6月30日前全面完成" in monthly
    assert monthly.split("，")[0] in " ".join(MONTHLY_WORDS)
    continuing = said(时限类型="长期")
    assert continuing in [w.format(until="") for w in CONTINUING_WORDS]
    assert said() == ""  # a one-off task without a date says nothing of one
    late = said(时限="2026-11-01")
    assert late in [w.format(d="2026年11月1日") for w in OVERDUE_WORDS]


def test_two_causes_read_两个方面_and_only_three_read_以下几个方面(tmp_path: Path) -> None:
    shutil.copytree(builtin_dir("examples"), tmp_path, dirs_exist_ok=True)
    data = tmp_path / "population.yaml"
    text = data.read_text(encoding="utf-8")
    three = build_document("speech", data).markdown
    assert "主要有以下几个方面" in three
    cut = text.index("  - 判断: 工作机制还不够健全")
    data.write_text(text[:cut] + text[text.index("\n任务:") + 1 :], encoding="utf-8")
    two = build_document("speech", data).markdown
    assert "主要有两个方面" in two and "以下几个方面" not in two
    causes = two[two.index("原因必须找准") : two.index("## 抓住关键")]
    assert "二是服务能力还不够适应" in causes and "三是" not in causes


def test_counts_before_a_measure_word_say_两() -> None:
    from docgen.chinese import cn_count, series

    assert [cn_count(n) for n in (1, 2, 3, 12)] == ["一", "两", "三", "十二"]
    assert series(["甲", "乙", "丙"]) == "甲、乙和丙" and series(["甲"]) == "甲"
