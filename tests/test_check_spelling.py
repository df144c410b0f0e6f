"""The spelling model (SP01/SP02), fixed phrases (SP03), their switches and the model build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.check import CheckConfig, check_text
from docgen.check.findings import RULES, Severity
from docgen.cli import main
from docgen.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DOCGEN_SHARED_CORPUS", "/work/shared/corpus"))


def spelling(text: str, config: CheckConfig | None = None) -> list:
    return [f for f in check_text(text, config) if f.code.startswith("SP")]


def test_a_sound_alike_character_is_a_warning_naming_the_word_it_forms() -> None:
    found = spelling("国家科学技术奖分为一等奖、二登奖两个等级。")
    assert [(f.code, f.text, f.suggestion) for f in found] == [("SP01", "登", "等")]
    assert found[0].severity is Severity.WARNING
    assert "同音" in found[0].message and "二等奖" in found[0].message


def test_a_look_alike_character_is_reported_as_shape() -> None:
    found = spelling("申请单位应当有必要的资金，资金来源染道合法。")
    assert [(f.text, f.suggestion) for f in found] == [("染", "渠")]
    assert "形近" in found[0].message and "渠道" in found[0].message


def test_two_typos_in_one_sentence_are_both_found() -> None:
    text = "各村要把环竟卫生列入重点，健全管护几制。"
    found = {(f.text, f.suggestion) for f in spelling(text)}
    assert found == {("竟", "境"), ("几", "机")}


def test_a_wrongly_chosen_homophone_word_is_replaced_whole() -> None:
    found = spelling("按规定提高城乡居民最低生活暴涨标准。")
    assert [(f.text, f.suggestion) for f in found] == [("暴涨", "保障")]


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("全镇要做好困难群众的基本生活暴涨。", "暴涨", "保障"),
        ("积极探索城乡荣和发展的新路子。", "荣和", "融合"),
    ],
)
def test_a_homophone_word_with_word_evidence_is_sure_at_a_lower_score(
    text: str, wrong: str, right: str
) -> None:
    from docgen.check.spelling import checker

    [hit] = checker.find([text])
    assert (hit.code, text[hit.start : hit.end], hit.suggestion) == ("SP01", wrong, right)
    assert checker.SURE_WORD <= hit.score < checker.SURE and hit.soft


def test_a_homophone_word_that_takes_a_character_from_a_word_is_found_on_a_high_score() -> None:
    # 生态环境 takes 环境 of 环境监测: no word evidence, yet each character alone reads badly
    found = spelling("各村要配合县里做好盛泰环境监测工作。")
    assert [(f.code, f.text, f.suggestion) for f in found] == [("SP01", "盛泰", "生态")]


def test_a_soft_warning_yields_to_a_term_the_document_quotes() -> None:
    text = "积极探索城乡荣和发展的新路子。"
    assert [(f.code, f.text) for f in spelling(text)] == [("SP01", "荣和")]
    assert spelling("“荣和”是本村的老字号。" + text) == []


def test_a_run_of_administrative_levels_is_no_homophone_word() -> None:
    from docgen.check.spelling import checker, suggest

    # 市县 are two levels side by side, not 实现 mistyped
    found = suggest.suggest(checker.load(), "共同为市县基层办实事。", checker.HINT)
    assert [s.char for s in found] == []


def test_a_character_never_seen_beside_its_neighbours_is_sure_at_a_lower_score() -> None:
    from docgen.check.spelling import checker

    [hit] = checker.find(["全面提升基层治理能力和水乎。"])
    assert (hit.code, hit.suggestion) == ("SP01", "平")
    assert checker.SURE_STRANGER <= hit.score < checker.SURE


@pytest.mark.parametrize(
    "text",
    [
        "受理材料登记滞后的，由乡镇督促限期补齐。",  # 滞后, not 之后
        "各村通过微信群及时发布停水通知。",  # 微信, not 微型
        "全乡召开动员会议，部署冬春季防火工作。",  # 动员, not 会员
        "问题根源必须找准。",  # 找准 is a word: no look-alike 批准
        "要确保群众找得到人、办得成事。",  # 成事 is read as written: no homophone 城市
    ],
)
def test_a_fluent_word_is_no_hint_for_a_commoner_word_one_bigram_away(text: str) -> None:
    # the original's own bigram is seen in the training text: the commoner word formed
    # there is no more than one likelier bigram
    assert spelling(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "坚持边学边改，对发现的问题立行立改。",
        "群众反映的问题要做到应办尽办。",
    ],
)
def test_a_parallel_frame_is_phrasing_not_a_hint(text: str) -> None:
    assert spelling(text) == []


def test_frames_are_doubled_characters_twins_two_apart_and_equal_neighbours() -> None:
    import numpy as np

    from docgen.check.spelling import checker, scoring

    text = "要时时查边查边改应办尽办抓好落实"
    padded = np.concatenate(
        [np.zeros(4, np.int64), checker.load().ids(text), np.zeros(4, np.int64)]
    )
    flagged = scoring.frame(padded, np.arange(4, 4 + len(text)))
    assert "".join(ch for ch, f in zip(text, flagged, strict=True) if f) == "时时查边查边办尽办"


def test_no_hint_beside_a_figure_the_model_reads_as_a_break() -> None:
    assert spelling("请于2027年5月20日前将自查报告报送乡政府。") == []  # not 轻微
    # a sure slip beside a figure is still a warning
    found = spelling("已整改隐患12处，群众满义度98%。")
    assert [(f.code, f.suggestion) for f in found] == [("SP01", "意")]


def test_real_slips_beside_such_words_are_still_found() -> None:
    found = spelling("县政府建立联系会议制度，乡卫生院加强对村医的监官。")
    assert [(f.code, f.text, f.suggestion) for f in found] == [
        ("SP02", "系", "席"),  # forms the longer word 联席会议: no doubt from 联系
        ("SP01", "官", "管"),
    ]
    # 通保 is a bigram of the training text (交通保障): found, with that doubt a hint
    found = spelling("逾期不报的，将予以通保。")
    assert [(f.code, f.text, f.suggestion) for f in found] == [("SP02", "保", "报")]


def test_a_slip_whose_bigrams_read_well_is_found_by_its_trigrams() -> None:
    # 防止 is a common word and 止法 a bigram, but 污染防止法 never continues so: the
    # trigrams through 止 bring it to the candidates
    found = spelling("依照《中华人民共和国大气污染防止法》予以处罚。")
    assert [(f.code, f.text, f.suggestion) for f in found] == [("SP01", "止", "治")]


def test_a_slip_that_forms_a_name_of_the_word_list_is_still_a_suspect() -> None:
    # 建康 is a place name in the word list; in running text it is 健康 mistyped
    found = spelling("全乡上下要关心留守老人的身体建康。")
    assert [(f.code, f.text, f.suggestion) for f in found] == [("SP01", "建", "健")]
    # below the higher bar for names, it is a hint
    found = spelling("着力提升群众建康水平。")
    assert [(f.code, f.text, f.suggestion) for f in found] == [("SP02", "建", "健")]
    # where it stands as a name (a place suffix follows, a mark comes before), it is one
    assert spelling("建康乡、青川区和枫林村的负责同志参加会议。") == []
    assert spelling("参会人员：王志远、林晓梅。") == []


def test_a_hint_carries_doubt_but_a_warning_is_sure_on_its_score() -> None:
    from docgen.check.spelling import checker, suggest

    [hit] = checker.find(["要依法查出违规占用耕地行为。"])
    assert (hit.code, hit.suggestion) == ("SP01", "处")
    found = suggest.suggest(checker.load(), "受理材料登记滞后的，由乡镇督促限期补齐。", -5.0)
    doubted = [s for s in found if s.char == "之"]
    assert doubted and doubted[0].doubt > 0


def test_a_rare_word_list_entry_across_a_slip_does_not_hide_it() -> None:
    from docgen.check.spelling import checker

    # 细布 (a cloth) is in the word list, but too rare to say 布 is written as meant (the
    # model alone: the typo list reports 布署 itself in a full check)
    [hit] = checker.find(["乡党委对下一步工作作出了详细布署。"])
    assert (hit.code, hit.suggestion) == ("SP02", "部")


def test_a_slip_the_tagger_reads_as_a_name_is_still_found() -> None:
    # 金荣 looks like a person's name to the tagger, but it stands inside running text
    found = spelling("积极发展农村金荣服务，支持合作社发展。")
    assert [(f.code, f.text, f.suggestion) for f in found] == [("SP01", "荣", "融")]
    found = spelling("镇里将进一步规范村级财务管里。")  # 管里 before the full stop
    assert [(f.code, f.text, f.suggestion) for f in found] == [("SP01", "里", "理")]
    # names that stand apart (a mark or a title beside them) stay untouched
    assert spelling("由陈立同志负责联系，成员：孙海、韩冬。") == []


def test_a_name_standing_alone_stays_a_name_when_the_word_is_no_longer() -> None:
    assert spelling("联系人：宗国，电话另行通知。") == []  # 中国 is only two characters


def test_a_warning_needs_less_score_when_nothing_speaks_for_the_original(monkeypatch) -> None:
    from dataclasses import replace

    from docgen.check.spelling import checker
    from docgen.check.spelling.suggest import Suggestion

    monkeypatch.setattr(checker, "_stranger", lambda *args: False)
    model = checker.load()
    ids = model.ids("开展隐患排察。")
    s = Suggestion(5, "查", 1, "排查", checker.SURE_CLEAN + 0.2, True, 0.0)
    assert checker._tier(model, ids, s) == "SP01"
    assert checker._tier(model, ids, replace(s, doubt=0.4)) == "SP02"  # 排察 seen: doubt
    assert checker._tier(model, ids, replace(s, score=checker.SURE_CLEAN - 0.2)) == "SP02"
    assert checker._tier(model, ids, replace(s, doubt=float("inf"))) is None  # a frame
    # completing a word of three or four characters is surer than a two-character word
    longer = replace(s, word="排查组", score=checker.SURE_LONG + 0.2, doubt=0.4)
    assert checker._tier(model, ids, longer) == "SP01"
    assert checker._tier(model, ids, replace(longer, word="排查")) == "SP02"
    plain = replace(longer, word_evidence=False, score=checker.SURE_PLAIN_LONG + 0.2)
    assert checker._tier(model, ids, plain) == "SP01"
    assert checker._tier(model, ids, replace(plain, word="排查")) == "SP02"


def test_names_numbers_and_latin_are_not_touched() -> None:
    text = "联系人：陈立（镇卫生健康办主任），电话 0571-8888，邮箱 chenli@example.cn。"
    assert spelling(text) == []
    assert spelling("请孙海同志、周文清同志于三日内报送。") == []


def test_a_term_the_document_puts_in_quotes_is_no_hint_there_or_where_it_recurs() -> None:
    bare = "学校食堂推行明厨亮灶，家长可以查看后厨画面。"
    assert [(f.code, f.text) for f in spelling(bare)] == [("SP02", "灶")]
    quoted = "全部接入区“互联网+明厨亮灶”平台。" + bare
    assert spelling(quoted) == []


def test_a_sure_slip_inside_quotation_marks_is_still_a_warning() -> None:
    found = spelling("要拓宽“资金来源染道”，确保项目落地。")
    assert [(f.code, f.text, f.suggestion) for f in found] == [("SP01", "染", "渠")]


def test_document_numbers_and_ordinal_counters_are_not_touched() -> None:
    assert spelling("根据云卫健发〔2026〕41号文件办理。") == []
    assert spelling("第一行没问题。") == []


def test_a_fixed_phrase_with_one_confusable_character_wrong() -> None:
    found = spelling("全镇干部要真抓实甘，确保各项任务落地见效。")
    assert [(f.code, f.text, f.suggestion) for f in found] == [("SP03", "真抓实甘", "真抓实干")]
    assert "同音" in found[0].message


def test_a_right_phrase_one_character_from_another_is_not_reported() -> None:
    assert spelling("深入贯彻全面依法治国基本方略，加强依法治理。") == []


def test_a_phrase_the_word_list_already_reports_is_not_reported_twice() -> None:
    codes = [f.code for f in check_text("我们要再接再励，争取更大成绩。")]
    assert codes == ["TY01"]


def test_an_office_adds_its_own_fixed_phrases(tmp_path: Path) -> None:
    (tmp_path / "fixed_phrases.txt").write_text("# 本单位\n三抓三促\t作风\n", encoding="utf-8")
    text = "深入开展三抓三足行动。"
    assert spelling(text) == []
    found = spelling(text, CheckConfig(corpora_dirs=(tmp_path,)))
    assert [(f.text, f.suggestion) for f in found] == [("三抓三足", "三抓三促")]


def test_a_bad_phrase_line_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "fixed_phrases.txt").write_text("三抓三促\n三抓，三促\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        check_text("文字", CheckConfig(corpora_dirs=(tmp_path,)))
    assert "fixed_phrases.txt:2" in caught.value.format_message()


def test_the_two_tiers_have_fixed_severities_and_hints_never_block() -> None:
    assert RULES["SP01"].severity is Severity.WARNING
    assert RULES["SP02"].severity is Severity.HINT
    assert RULES["SP03"].severity is Severity.WARNING
    from docgen.check.spelling import checker

    assert checker.HINT < checker.SURE


def test_docgen_check_exits_zero_on_spelling_findings(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("资金来源染道合法。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [item["code"] for item in json.loads(result.stdout)] == ["SP01"]


def test_no_spelling_switch_and_office_setting_turn_the_family_off(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("资金来源染道合法，要真抓实甘。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--no-spelling", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert spelling("资金来源染道合法。", CheckConfig.from_dict({"别字检查": "关"})) == []
    assert spelling("资金来源染道合法。", CheckConfig.from_dict({"别字检查": "开"}))
    with pytest.raises(InputError):
        CheckConfig.from_dict({"别字检查": "也许"})


def test_findings_spans_lie_inside_their_line() -> None:
    text = "分为一等奖、二登奖两个等级。\n资金来源染道合法；\n提高最低生活暴涨标准，真抓实甘。"
    lines = text.splitlines()
    found = spelling(text)
    assert len(found) >= 4
    for f in found:
        assert 0 <= f.start < f.end <= len(lines[f.unit])
        assert lines[f.unit][f.start : f.end] == f.text


def _imported_after(args: list[str]) -> set[str]:
    code = (
        "import sys; from docgen.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "names = ('numpy', 'docgen.check.spelling.model')\n"
        "print('LOADED', *(m for m in names if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    last = out.stdout.strip().splitlines()[-1].split()
    assert last[0] == "LOADED", out.stdout
    return set(last[1:])


def test_the_model_loads_only_when_the_spelling_check_runs(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("资金来源合法。\n", encoding="utf-8")
    assert _imported_after(["--help"]) == set()
    assert _imported_after(["check", "--no-spelling", str(path)]) == set()
    assert _imported_after(["check", str(path)]) == {"numpy", "docgen.check.spelling.model"}


def test_the_build_script_makes_a_loadable_model_from_a_tiny_corpus(tmp_path: Path) -> None:
    pytest.importorskip("pypinyin", reason="构建依赖 pypinyin 未安装（pip install -e '.[build]'）")
    corpus = tmp_path / "train"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "各村要加强农村人居环境整治，落实主体责任，建立长效机制。\n"
        "国家自然科学奖分为一等奖、二等奖两个等级。\n"
        "资金来源渠道合法，使用规范，接受审计监督。\n"
        "完善最低生活保障标准，做好困难群众基本生活保障工作。\n",
        encoding="utf-8",
    )
    out = tmp_path / "tiny.bin"
    script = ROOT / "tools" / "build_spelling_model.py"
    args = ["--train", str(corpus), "--out", str(out), "--holdout-every", "0"]
    done = subprocess.run(
        [sys.executable, str(script), *args, "--training-chars-only"], capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    from docgen.check.spelling import suggest
    from docgen.check.spelling.model import SpellingModel

    model = SpellingModel(out)
    assert model.confusables("人")["任"] & 1  # same sound, from pypinyin
    import numpy as np

    ids = model.ids("保障")
    assert model.bigram(ids[:1], ids[1:])[0] == 2  # counted from the corpus
    found = suggest.suggest(model, "要落实主体责人建立长效机制", 0.0)
    assert [(s.pos, s.char, s.word) for s in found] == [(6, "任", "责任")]
    assert np.all(model.ids("ab") == 0)


def test_a_rare_second_reading_makes_no_homophones() -> None:
    pytest.importorskip("pypinyin", reason="构建依赖 pypinyin 未安装（pip install -e '.[build]'）")
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_spelling_model as build
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert build._syllables("没") == ["mei"]  # mò of 没收 is too rare a share: no 末, 墨
    assert build._syllables("无") == ["wu"]  # mó of 南无: 无 is no homophone of 没
    assert set(build._syllables("长")) == {"zhang", "chang"}  # both readings are common
    assert set(build._syllables("重")) == {"zhong", "chong"}


def test_no_homophone_through_a_rare_reading_in_the_shipped_model() -> None:
    from docgen.check.spelling import checker

    # 没 and 无 share only the rare reading mó: no hint 无人 for 没人
    assert "无" not in checker.load().confusables("没")
    assert spelling("厕所坏了没人修、粪污没人抽。") == []


def test_gov_texts_stay_under_five_warnings_per_hundred_thousand_characters() -> None:
    folder = SHARED / "gov"
    if not folder.is_dir():
        pytest.skip(f"参考语料 {folder} 不在（设置 DOCGEN_SHARED_CORPUS）")
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    total = sum(len(t) for t in texts)
    config = CheckConfig(disabled=frozenset(c for c in RULES if not c.startswith("SP")))
    counts: dict[str, int] = {}
    for text in texts:
        for f in check_text(text, config):
            counts[f.code] = counts.get(f.code, 0) + 1
    for code in ("SP01", "SP03"):
        assert counts.get(code, 0) * 1e5 / total <= 5, (code, counts)


def test_spelling_warnings_are_listed_but_the_render_goes_on(tmp_path: Path) -> None:
    import shutil

    from docgen.resources import builtin_dir

    shutil.copytree(builtin_dir("examples"), tmp_path, dirs_exist_ok=True)
    data = tmp_path / "population.yaml"
    text = data.read_text(encoding="utf-8")
    assert "村级代办作用发挥不够" in text
    data.write_text(text.replace("村级代办作用", "村级代办作用和资金来源染道"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", "speech", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "SP01" in result.output and "渠道" in result.output
    assert len(list(out.glob("*.docx"))) == 1


@pytest.mark.parametrize(
    "text",
    [
        "联系人：钟国，联系电话另行通知。",
        "经办人：钟国、郑府，电话：0816-1234567。",
        "参会人员：钟国、王明、李华",
        "请各村按时报送材料，联系人：钟国。",
    ],
)
def test_names_a_label_introduces_are_never_corrected(text: str) -> None:
    # 钟国 alone reads as a slip for 中国; after 联系人： it can only be a name
    assert spelling(text) == []


def test_a_sentence_after_a_label_is_still_checked() -> None:
    found = spelling("负责人：要认真履行职则")
    assert [(f.text, f.suggestion) for f in found] == [("则", "责")]
