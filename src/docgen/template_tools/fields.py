"""Every field a template can use, derived from the schema and from a real template context.

The situation schema (data/schema.py) gives each field's Chinese name, type and meaning;
rendering the bundled examples (and one village of the bundled village table) adds the
facts the program derives (乡镇.称谓, 指标.对标.表述 …) with an example of each. The
template checker resolves names against this tree and the reference page is printed from
it, so neither can list a field the code does not give a template.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from fnmatch import fnmatch
from functools import cache
from pathlib import Path

from ..data.schema import Office, Situation

#: Node kinds. A group has named children, a list has one item node, a mapping any keys.
GROUP, LIST, MAPPING, LEAF = "组", "列表", "对照表", "值"

#: The bundled examples whose contexts give the derived fields and their examples: each as
#: of the date of every kind of document it makes (a report knows overdue tasks, a speech not).
EXAMPLE_FILES = (
    "population.yaml",
    "rural-environment.yaml",
    "flood-control.yaml",
    "street-food-safety.yaml",
)

#: Fields documented by another: a village's indicators are indicators, and so on.
SAME_AS = {
    "村.指标.对乡镇": "指标.对上级",
    "村.指标": "指标",
    "村.未达标": "村.指标",
    "村.问题.指标": "村.指标",
    "村.问题": "问题",
    "村.台账": "台账",
    "问题.指标": "指标",
    "检查.表扬": "检查.结果",
    "检查.批评": "检查.结果",
    "任务分组.已完成": "任务",
    "任务分组.逾期": "任务",
    "任务分组.待办": "任务",
    "问题分组.已完成": "问题",
    "问题分组.逾期": "问题",
    "问题分组.待办": "问题",
}

#: Derived fields whose keys are data (an indicator's name), not fixed names.
OPEN = {"各村.指标"}

#: Meanings of what the context builder adds or reshapes, by dotted path (lists transparent;
#: ``*`` stands for one name).
DERIVED: dict[str, str] = {
    "乡镇.称谓": "本级的称谓：“镇”“乡”或“街道”，单位设置的【层级】优先，否则由名称末字得出",
    "乡镇.上级称谓": "上级的称谓：“县”“区”“市”或“旗”，【上级层级】优先，否则由所属县得出",
    "乡镇.全称": "“全镇”“全乡”“全街道”（写“全镇上下”时用）",
    "乡镇.本级": "“本镇”“本乡”“本街道”",
    "乡镇.我": "“我镇”“我乡”“我街道”",
    "乡镇.党政": "本级党委和政府的称呼：“镇党委、政府”，街道为“街道党工委、办事处”",
    "乡镇.上级平均": "上级平均水平的说法：“全县平均水平”“全区平均水平”",
    "乡镇.基层": "下面的村级单位：“各村（社区）”，街道为“各社区”",
    "乡镇.直属": "本级的部门：“镇直各单位”，街道为“街道各科室、站所”",
    "文档": "这份文档自己的情况：文种和日期（各项事实都按这个日期取）",
    "文档.文种": "这份文档的文种：讲话稿、通知、实施方案……",
    "文档.日期": "这份文档的日期（成文日期或会议日期）；各项数值、状态都取这一天以前的",
    "文档.标识": "区分文档的标识（文种、单位、主题、日期），择一() 按它选说法，模板一般不直接用",
    "指标": "这份文档的日期已有数值的指标（还没有数值的不出现）；没有指标时为空",
    "指标.现值": "文档日期以前最近的数值，带单位，按填写原样显示",
    "指标.目标": "目标值，带单位；没有目标时为空",
    "指标.上级平均": "上级（全县、全区）平均值，带单位；没有时为空",
    "指标.口径": "现值的口径：填写的【口径】，否则由现值的日期得出，如“截至10月底”；没有时为空",
    "指标.数值": "不带单位的数值，用于比较大小",
    "指标.数值.现值": "现值（数字）",
    "指标.数值.基期": "基期的数值（数字）：按日期填了两个以上数值时的第一个，否则为空",
    "指标.数值.目标": "目标值（数字），没有时为空",
    "指标.数值.上级平均": "上级平均值（数字），没有时为空",
    "指标.对标": "与目标值比较的结果；没有目标时为空，用前先写 {% if 项.对标 %}",
    "指标.对标.状态": "“超过”“达到”或“未达到”（越低越好的指标，低于目标为达到）",
    "指标.对标.差值": "与目标值相差多少（数字，不带单位，四舍五入后）",
    "指标.对标.差距": "相差多少，带单位，如“1.5个百分点”；相等时为空",
    "指标.对标.近似差距": "口头说的差距：两位小数的差距说成“近1.5个百分点”，其余同【差距】",
    "指标.对标.达标": "是否达到目标（是/否），用于 {% if %}",
    "指标.对标.表述": "与目标值比较的完整说法，可直接写进句子",
    "指标.对上级": "与上级平均水平比较的结果；没有上级平均时为空",
    "指标.对上级.关系": "“高于”“低于”或“持平”",
    "指标.对上级.程度": "“略”“明显”或空（相差不大不小时），规则见 docs/data.md",
    "指标.对上级.差值": "与上级平均相差多少（数字，不带单位）",
    "指标.对上级.差距": "相差多少，带单位；持平时为空",
    "指标.对上级.近似差距": "口头说的差距，如“近1.5个百分点”；持平时为空",
    "指标.对上级.优劣": "“好于”“差于”或“持平”（已考虑指标方向）",
    "指标.对上级.表述": "与上级平均水平比较的完整说法，可直接写进句子",
    "指标.变化": "与基期比较的结果（按日期填了两个以上数值时），否则为空",
    "指标.变化.关系": "“提高”“下降”或“持平”",
    "指标.变化.优劣": "“好转”“变差”或“持平”（已考虑指标方向）",
    "指标.变化.差值": "比基期变了多少（数字，不带单位）",
    "指标.变化.差距": "口头说的变化量，带单位，如“近0.5个百分点”；持平时为空",
    "指标.变化.基期": "基期的数值，带单位",
    "指标.变化.翻番": "“翻了一番”“翻了一番多”“翻了两番”等，不到一番或百分比指标为空",
    "指标.变化.幅度": "变化的幅度，如“18.8%”（百分比指标和持平时为空）",
    "指标.关联问题": "是否有问题引用这个指标（是/否）：讲话把它写在问题里",
    "指标.向好": "是否写在成绩里（是/否）：达到目标，没有目标的不差于上级平均",
    "指标.说法": "现成的一两句话：现值和最多两处比较，说法在一份文档中轮换",
    "指标口径": "所有指标口径相同时的口径（段首说一次），如“截至10月底”；不同时为空",
    "指标基期": "所有指标基期相同时的基期，如“2026年10月底”（“与……相比”）；不同时为空",
    "问题.指标": "问题关联的指标，各项同【指标】；未关联时为空",
    "问题.指标说法": "接在问题后面的一句指标情况（与目标的差距，没有目标的与上级平均比）；"
    "指标已达标或未关联时为空",
    "问题.序号": "问题在【问题】中的序号（从1起），写“第一、三个问题”时用",
    "问题.状态": "文档日期时的整改状态：未开始、进行中、已完成或逾期；不知道时为空",
    "问题.完成日期": "文档日期以前完成的，完成的日期；否则为空",
    "问题.整改进展": "文档日期时台账上的写法：状态在前，接着是情况，如“进行中，……”；没有时为空",
    "问题分组": "按文档日期的整改状态分好的问题",
    "问题分组.已完成": "文档日期以前已整改完成的问题，各项同【问题】",
    "问题分组.逾期": "过了整改时限还没有完成的问题，各项同【问题】",
    "问题分组.待办": "还在整改、没有逾期的问题，各项同【问题】",
    "任务.状态": "文档日期时的状态：未开始、进行中、已完成或逾期；不知道时为空",
    "任务.完成日期": "文档日期以前完成的，完成的日期；否则为空",
    "任务.进展": "文档日期以前最近的一条进展情况；没有时为空",
    "任务.时限说法": "结束任务段落的一句时限（按一次性、按月、长期和是否逾期说）；已完成的为空",
    "任务分组": "按文档日期的状态分好的任务",
    "任务分组.已完成": "文档日期以前已完成的任务，各项同【任务】",
    "任务分组.逾期": "过了时限还没有完成的任务，各项同【任务】",
    "任务分组.待办": "没有完成也没有逾期的任务（讲话的“下一步”只写这些和逾期的），各项同【任务】",
    "讲话": "讲话的可选项，每一项都在，没填时为空",
    "自查.开始": "第一个阶段的开始日期",
    "自查.结束": "最后一个阶段的结束日期",
    "自查.起止": "整个自查整改的起止日期",
    "自查.阶段.起止": "这个阶段的起止日期",
    "发文.*.字号": "发文字号，由单位设置的机关代字、成文日期的年份和序号组成",
    "发文.*.印发日期": "印发日期；未填时同成文日期",
    "发文.*.抄送": "抄送机关：本文的【抄送】，未填时用这项工作的、再用单位设置的【抄送】",
    "发文.*.签发人": "签发人名单（上行文用）；未填时是空列表",
    "检查.起止": "检查的起止日期",
    "检查.村数": "检查的村（社区）个数",
    "检查.表扬": "评为“优秀”的村，各项同【检查.结果】",
    "检查.批评": "评为“较差”的村，各项同【检查.结果】",
    "台账": "问题整改台账：列名和各行文字，列的取舍见单位设置的【台账列】；"
    "整改进展取各问题在文档日期的状态",
    "台账.列": "台账的列名",
    "台账.行": "台账的各行，每行是各列的文字",
    "单位": "单位设置文件的内容（情况文件的【单位设置】指向的文件）；没有单位设置时为空",
    "村": "按村生成（docgen batch）时的本村数据；普通的 docgen render 时为空，用前写 {% if 村 %}",
    "村.名称": "村（社区）名称",
    "村.指标": "本村的各项指标，各项同【指标】，另有下面几项",
    "村.指标.本村": "本村数值，带单位",
    "村.指标.乡镇值": "全镇（乡、街道）在文档日期的现值，带单位",
    "村.指标.上级平均": "上级平均值，带单位；没有时为空（村与全镇比较用【对乡镇】）",
    "村.指标.数值.本村": "本村数值（数字）",
    "村.指标.数值.乡镇值": "全镇现值（数字）",
    "村.指标.对乡镇": "与全镇（乡、街道）水平比较的结果，各项同【指标.对上级】",
    "村.指标.对乡镇.差值": "与全镇相差多少（数字，不带单位）",
    "村.指标.对乡镇.差距": "与全镇相差多少，带单位；持平时为空",
    "村.指标.对乡镇.表述": "与全镇水平比较的完整说法，可直接写进句子",
    "村.指标.对上级": "按村生成时为空：村与全镇比较用【对乡镇】",
    "村.指标.变化": "按村生成时为空：村的数值没有基期",
    "村.未达标": "本村未达到目标的指标，各项同【村.指标】",
    "村.问题": "本村的问题，各项同【问题】（整改进展、状态按情况文件原样）",
    "村.台账": "本村的整改台账（列、行），格式同【台账】",
    "各村": "按村生成时全部村的名称和指标数值，写在“::: 跨村”区块中（如各村排名）",
    "各村.名称": "村（社区）名称",
    "各村.指标": '这个村各项指标的数值（不带单位），按指标名称取：项.指标["出生登记及时率"]',
}


@dataclass
class Node:
    """One field: its shape for the checker and its words for the reference."""

    kind: str
    type_label: str = ""
    meaning: str = ""
    examples: list[str] = field(default_factory=list)
    children: dict[str, Node] = field(default_factory=dict)
    item: Node | None = None
    derived: bool = False

    def child(self, name: str) -> Node | None:
        """The field ``name`` under this one (through a list's items), None if there is none."""
        target = self.item if self.kind == LIST and self.item else self
        if target.kind == MAPPING:
            return Node(LEAF, "文字")
        return target.children.get(name)

    def names(self) -> list[str]:
        target = self.item if self.kind == LIST and self.item else self
        return list(target.children)


# --- from the schema


def schema_node(model: type, meaning: str = "") -> Node:
    """A group node with one child per field of ``model``, under the field's Chinese alias."""
    node = Node(GROUP, "一组", meaning)
    for name, info in model.model_fields.items():
        child = _type_node(info.annotation)
        child.meaning = info.description or ""
        node.children[info.alias or name] = child
    return node


def _type_node(tp: object) -> Node:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _type_node(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _type_node(inner[0])
    if origin in (list, tuple):  # ``tuple[Item, ...]`` is a list too
        return Node(LIST, "列表", item=_type_node(typing.get_args(tp)[0]))
    if origin is dict:
        return Node(MAPPING, "对照表")
    if isinstance(tp, type) and hasattr(tp, "model_fields"):  # a schema model
        return schema_node(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return Node(LEAF, "文字（" + "、".join(str(m.value) for m in tp) + "）")
    labels = {str: "文字", Decimal: "数字", dt.date: "日期", int: "整数"}
    return Node(LEAF, labels.get(tp, "任意") if isinstance(tp, type) else "任意")


# --- from a real context


def overlay(node: Node, value: object, path: str) -> Node:
    """Add what the context holds beyond the schema (derived facts) and the first example."""
    if isinstance(value, dict):
        if path in OPEN and node.kind != MAPPING:
            node = Node(MAPPING, "对照表", derived=True)
        if node.kind == MAPPING:
            _example(node, "、".join(f"{k}：{v}" for k, v in value.items()))
            return node
        if node.kind != GROUP:
            node = Node(GROUP, "一组", node.meaning, derived=True)
        for key, item in value.items():
            sub = f"{path}.{key}" if path else key
            child = node.children.get(key) or _new(item)
            node.children[key] = overlay(child, item, sub)
    elif isinstance(value, list):
        if node.kind != LIST:
            node = Node(LIST, "列表", node.meaning, derived=True)
        for item in value:
            node.item = overlay(node.item or _new(item), item, path)
    elif value is not None:
        if node.kind != LEAF:
            node = Node(LEAF, _leaf_label(value), node.meaning, derived=True)
        node.derived = node.derived or bool(derived_meaning(path))
        _example(node, _shown(value))
    if path in DERIVED and value is not None and node.kind == LEAF:
        node.type_label = _leaf_label(value)  # the context shows it differently (93.5%)
    return node


#: How many different examples a derived field shows (超过 / 未达到 …), others show one.
DERIVED_EXAMPLES = 3


def _example(node: Node, text: str) -> None:
    text = _short(text)
    wanted = DERIVED_EXAMPLES if node.derived else 1
    if text and text not in node.examples and len(node.examples) < wanted:
        node.examples.append(text)


def _new(value: object) -> Node:
    """A field only the context has (a derived fact)."""
    if isinstance(value, dict):
        return Node(GROUP, "一组", derived=True)
    if isinstance(value, list):
        return Node(LIST, "列表", derived=True)
    return Node(LEAF, _leaf_label(value) if value is not None else "空", derived=True)


def _leaf_label(value: object) -> str:
    if isinstance(value, bool):
        return "是/否"
    if isinstance(value, Decimal | int | float):
        return "数字"
    return "文字"


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def derived_meaning(path: str) -> str:
    """The meaning written for a derived path; ``*`` in a key stands for one name."""
    if path in DERIVED:
        return DERIVED[path]
    return next((m for key, m in DERIVED.items() if "*" in key and fnmatch(path, key)), "")


def _fill_meanings(node: Node, path: str, trees: tuple[dict[str, Node], ...]) -> None:
    """Derived meanings over schema descriptions; a field like another takes its meaning."""
    own = derived_meaning(path)
    if own:
        node.meaning, node.derived = own, True
    elif not node.meaning:
        node.meaning = _borrowed(path, trees)
    children = node.item.children if node.kind == LIST and node.item else node.children
    for key, child in children.items():
        _fill_meanings(child, f"{path}.{key}", trees)


def _borrowed(path: str, trees: tuple[dict[str, Node], ...]) -> str:
    """The meaning of the field ``path`` is documented by, following SAME_AS as far as it goes;
    looked up in the tree, then in the bare schema (a record the context reshapes into a
    sentence, like 问题.整改进展, keeps its fields there)."""
    for _ in range(len(SAME_AS)):
        same = like(path)
        if same is None:
            return ""
        path = same
        targets = [found for tree in trees if (found := lookup(tree, path))]
        found = derived_meaning(path) or next((t.meaning for t in targets if t.meaning), "")
        if found:
            return found
    return ""


def like(path: str) -> str | None:
    """The field ``path`` is documented by (村.问题.内容 → 问题.内容), or None."""
    for prefix, target in SAME_AS.items():
        if path == prefix or path.startswith(prefix + "."):
            return target + path[len(prefix) :]
    return None


def lookup(tree: dict[str, Node], path: str) -> Node | None:
    """The node of a dotted path (lists transparent), or None."""
    first, *rest = path.split(".")
    node = tree.get(first)
    for name in rest:
        node = node.child(name) if node else None
    return node


# --- the tree


@dataclass(frozen=True)
class FieldTree:
    """The names a template can start from (context roots), each with its node; ``sources``
    names, for a root the program regroups from others' records, the roots it comes from."""

    roots: dict[str, Node]
    sources: dict[str, frozenset[str]] = field(default_factory=dict)


#: The tree as ``computed_field_tree`` gives it, shipped with the package
#: (``python tools/build_field_tree.py`` writes it; a test keeps it equal to the computed one).
SHIPPED = Path(__file__).with_name("field_tree.json")


@cache
def field_tree() -> FieldTree:
    """The field tree every check and reference reads: the shipped copy of
    ``computed_field_tree``. Computing it derives the facts of 18 example documents (about
    0.2 s); ``docgen render`` and ``batch`` check a workspace's templates against it on every
    run, so they read the copy (about 5 ms) instead."""
    return tree_from_json(SHIPPED.read_text(encoding="utf-8"))


@cache
def computed_field_tree() -> FieldTree:
    """The schema overlaid with the contexts of the bundled examples (each office, each kind's
    date) and of the first village of the bundled village table, as ``docgen batch`` gives it."""
    root = schema_node(Situation)
    root.children["单位"] = schema_node(Office)
    given = set(root.children)
    sources: dict[str, set[str]] = {}
    for context in example_contexts():
        root = overlay(root, context, "")
        for name, found in regrouped(context).items():
            if name not in given:
                sources.setdefault(name, set()).update(found)
    schema = schema_node(Situation).children
    for name, node in root.children.items():
        _fill_meanings(node, name, (root.children, schema))
    return FieldTree(root.children, {k: frozenset(v) for k, v in sources.items()})


def regrouped(context: dict[str, object]) -> dict[str, set[str]]:
    """Roots holding the very records of another root's list (任务分组.待办 holds items of
    任务): a template reading them reads that data, which the kind's reminder must know."""
    owner = {
        id(item): name
        for name, value in context.items()
        if isinstance(value, list)
        for item in value
        if isinstance(item, dict)
    }
    found: dict[str, set[str]] = {}
    for name, value in context.items():
        for source in _owners(value, owner):
            if source != name:
                found.setdefault(name, set()).add(source)
    return found


def _owners(value: object, owner: dict[int, str]):
    """The roots whose records ``value`` holds, not looking inside a record found."""
    if isinstance(value, dict) and id(value) in owner:
        yield owner[id(value)]
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _owners(item, owner)


@cache
def example_contexts() -> tuple[dict[str, object], ...]:
    """What templates see for the bundled examples, as of each kind's date (a file makes the
    kinds it has data for); the first also has 村 and 各村."""
    from ..data.load import load_situation
    from ..facts.township import township_data as template_context
    from ..pipeline import kinds_in
    from ..resources import builtin_dir

    contexts: list[dict[str, object]] = []
    for name in EXAMPLE_FILES:
        path = builtin_dir("examples") / name
        kinds = kinds_in(path)
        loaded = load_situation(path, kind=kinds[0])
        if not contexts:
            first = template_context(loaded, kinds[0])
            first.update(_village_parts(loaded, first))
            contexts.append(first)
            kinds = kinds[1:]
        contexts += [template_context(loaded, kind) for kind in kinds]
    return tuple(contexts)


def _village_parts(loaded, context: dict) -> dict[str, object]:
    """``村`` and ``各村`` as ``docgen batch`` gives them, for a village made of the example's
    own figures and problems (reading the example workbook would cost a render its time)."""
    from ..data.schema import LEDGER_COLUMNS
    from ..data.villages import Village
    from ..facts.village import village_data as village_context
    from ..facts.village import villages_overview

    situation = loaded.situation
    indicators = situation.indicators or ()
    values = {ind.name: ind.value for ind in indicators}
    village = Village("示例村", 2, values, tuple(situation.issues or ()))
    town = context["乡镇"]
    own = village_context(village, indicators, LEDGER_COLUMNS, town["称谓"], town["上级称谓"])
    return {"村": own, "各村": villages_overview([village])}


# --- the shipped copy


def tree_to_json(tree: FieldTree) -> str:
    """The tree as JSON text, children in their order (the reference lists them so)."""
    document = {
        "roots": {name: _node_json(node) for name, node in tree.roots.items()},
        "sources": {name: sorted(found) for name, found in tree.sources.items()},
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def tree_from_json(text: str) -> FieldTree:
    document = json.loads(text)
    roots = {name: _node_from(value) for name, value in document["roots"].items()}
    sources = {name: frozenset(found) for name, found in document["sources"].items()}
    return FieldTree(roots, sources)


def _node_json(node: Node) -> dict[str, object]:
    value: dict[str, object] = {"kind": node.kind}
    if node.type_label:
        value["type"] = node.type_label
    if node.meaning:
        value["meaning"] = node.meaning
    if node.examples:
        value["examples"] = node.examples
    if node.children:
        value["children"] = {name: _node_json(child) for name, child in node.children.items()}
    if node.item is not None:
        value["item"] = _node_json(node.item)
    if node.derived:
        value["derived"] = True
    return value


def _node_from(value: dict) -> Node:
    children = {name: _node_from(child) for name, child in value.get("children", {}).items()}
    item = value.get("item")
    return Node(
        value["kind"],
        value.get("type", ""),
        value.get("meaning", ""),
        list(value.get("examples", [])),
        children,
        _node_from(item) if item is not None else None,
        bool(value.get("derived", False)),
    )
