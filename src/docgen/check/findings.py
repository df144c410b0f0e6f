"""What a check reports: a located finding with a stable code, severity and Chinese message."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    """error stops a render; warning is printed; hint is advice."""

    ERROR = "error"
    WARNING = "warning"
    HINT = "hint"

    @property
    def chinese(self) -> str:
        """错误, 警告 or 提示: the word a clerk reads in summaries."""
        return {"error": "错误", "warning": "警告", "hint": "提示"}[self.value]


@dataclass(frozen=True)
class Finding:
    """One problem at ``text[start:end]`` of a unit (a line, a block or a table cell).

    ``block`` is the block index (documents) or the 0-based line (text files); ``cell``
    is (row, column) for tables, row 0 being the header. ``unit`` is the position in the
    list of checked units, which readers of files use to map back to a line and column.
    """

    code: str
    severity: Severity
    message: str
    suggestion: str | None
    source: str
    text: str
    unit: int
    start: int
    end: int
    block: int = 0
    cell: tuple[int, int] | None = None

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)


@dataclass(frozen=True)
class RuleInfo:
    """A rule's fixed facts, listed in docs/checks.md."""

    code: str
    family: str
    severity: Severity
    title: str
    source: str


_E, _W, _H = Severity.ERROR, Severity.WARNING, Severity.HINT
_15834 = "GB/T 15834-2011《标点符号用法》"
_15835 = "GB/T 15835-2011《出版物上数字用法》"
_9704 = "GB/T 9704-2012《党政机关公文格式》"
_SPELLING = "别字模型（政府工作报告和法规文本统计，见 tools/build_spelling_model.py）"

RULES: dict[str, RuleInfo] = {
    r.code: r
    for r in [
        RuleInfo("FX01", "规范表述", _E, "规范表述写法有误", "corpora/fixed_expressions.yaml"),
        RuleInfo("TY01", "错别字", _E, "错别字", "corpora/typos.tsv"),
        RuleInfo("VA01", "异形词", _W, "非推荐词形", "《第一批异形词整理表》（2001）"),
        RuleInfo("VA02", "异形词", _W, "同一文档词形不一致", "corpora/variants.tsv"),
        RuleInfo("US01", "规范用词", _W, "近义词用法不合规范", "corpora/usage.tsv"),
        RuleInfo("US02", "规范用词", _H, "近义词用法请核对", "corpora/usage.tsv"),
        RuleInfo("TS01", "繁异体字", _W, "简化字文本中的繁体字", "《通用规范汉字表》（2013）"),
        RuleInfo("TS02", "繁异体字", _W, "简化字文本中的异体字", "《通用规范汉字表》（2013）"),
        RuleInfo("PU01", "标点", _E, "中文里用了半角标点", _15834),
        RuleInfo("PU02", "标点", _W, "全角数字或字母", _15835),
        RuleInfo("PU03", "标点", _E, "成对标点不配对", _15834),
        RuleInfo("PU04", "标点", _E, "成对标点嵌套错误", _15834),
        RuleInfo("PU05", "标点", _E, "标点重复", _15834),
        RuleInfo("PU06", "标点", _W, "相邻数字表概数不用顿号", _15834),
        RuleInfo("PU07", "标点", _W, "连词前不用顿号", _15834),
        RuleInfo("PU08", "标点", _E, "序号标点错误", _9704),
        RuleInfo("PU09", "标点", _W, "标题末尾不用句号", _9704),
        RuleInfo("NU01", "数字日期", _E, "数字与%之间有空格", _15835),
        RuleInfo("NU02", "数字日期", _W, "百分数范围前项缺%", _15835),
        RuleInfo("NU03", "数字日期", _W, "年份简写", _15835),
        RuleInfo("NU04", "数字日期", _E, "汉字年份中的零应写作〇", _15835),
        RuleInfo("NU05", "数字日期", _W, "日期写法不规范", _9704),
        RuleInfo("NU06", "数字日期", _W, "日期月日前补零", _9704),
        RuleInfo("NU07", "数字日期", _E, "日期不存在", _15835),
        RuleInfo("NU08", "数字日期", _E, "星期与日期不符", "公历"),
        RuleInfo("NU09", "数字日期", _W, "量词前用“两”不用“二”", "《现代汉语词典》（第7版）“两”条"),
        RuleInfo("NB01", "序号", _E, "序号不连续或重复", _9704),
        RuleInfo("NB02", "序号", _W, "宣布的项数与实际不符", "公文写作规范"),
        RuleInfo("PH01", "占位符", _E, "未填写的占位内容", "公文写作规范"),
        RuleInfo("PH02", "占位符", _E, "残留的模板语法", "docgen 模板"),
        RuleInfo("DE01", "的地得", _H, "状语后应用“地”", "corpora/dedi.yaml"),
        RuleInfo("DE02", "的地得", _H, "补语前应用“得”", "corpora/dedi.yaml"),
        RuleInfo("DE03", "的地得", _W, "情态词后的状语应用“地”", "jieba 词性 + 句式"),
        RuleInfo("DE04", "的地得", _H, "状语后宜用“地”（请核对）", "jieba 词性 + 句式"),
        RuleInfo("DE05", "的地得", _W, "程度补语前应用“得”", "jieba 词性 + 句式"),
        RuleInfo("DE06", "的地得", _H, "补语前宜用“得”（请核对）", "jieba 词性 + 句式"),
        RuleInfo("OT01", "过时表述", _W, "过时的政策表述，请复核", "corpora/outdated_terms.yaml"),
        RuleInfo("OT02", "过时表述", _H, "时期性表述，请核对时期", "corpora/outdated_terms.yaml"),
        RuleInfo("SP01", "别字", _W, "疑似别字", _SPELLING),
        RuleInfo("SP02", "别字", _H, "可能的别字（供参考）", _SPELLING),
        RuleInfo("SP03", "别字", _W, "固定说法用错了字", "corpora/fixed_phrases.txt、常用成语"),
        RuleInfo("GL01", "本单位用语", _W, "不推荐的说法", "corpora/glossary.yaml"),
        RuleInfo("GL02", "本单位用语", _E, "禁用词", "corpora/glossary.yaml"),
        RuleInfo("GL03", "本单位用语", _W, "缺少本文种应有的表述", "corpora/glossary.yaml"),
    ]
}
