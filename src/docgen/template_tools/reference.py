"""The field and filter reference (``docgen templates fields``, docs/模板字段.md), from the code.

Fields come from the field tree (schema + a real context), filters from the Jinja
environment; every example is computed from the bundled example data, so the page
cannot promise a phrase the program does not write.
"""

from __future__ import annotations

from ..render import make_environment
from .fields import GROUP, LIST, SAME_AS, Node, derived_meaning, example_contexts, field_tree
from .lint import shown_filters
from .name_checks import LOOP_ATTRIBUTES

#: The page in the repository; ``docgen templates fields -o`` rewrites it.
PAGE = "docs/模板字段.md"

#: What each filter does and an expression showing it on the example data.
FILTERS: dict[str, tuple[str, str]] = {
    "中文数字": ("把数目写成汉字，序号也用它（第二、二是）", "{{ 任务 | length | 中文数字 }}"),
    "计数": ("数东西用的数：2写成“两”，其余同中文数字", "{{ 原因 | length | 计数 }}个方面"),
    "并列": ("把一组文字写成“甲、乙和丙”", "{{ 纪要.出席 | 并列 }}"),
    "序数": ("写成“一是”“二要”等（括号中是后面的字）", '{{ 2 | 序数("是") }}'),
    "去句号": ("去掉末尾的句号、逗号、分号等，由模板决定接什么", '{{ "抓好落实。" | 去句号 }}'),
    "成句": ("去掉末尾的逗号、分号等，以一个句号结尾", '{{ "抓好落实；" | 成句 }}'),
    "单元格": ("放进表格的一格：换行变成空格，竖线前加反斜杠", '{{ "第一行\\n第二行" | 单元格 }}'),
    "first": ("一组中的第一项", "{{ (自查.阶段 | first).名称 }}"),
    "last": ("一组中的最后一项", "{{ (自查.阶段 | last).名称 }}"),
    "join": ("把一组文字连起来（括号中是连接的符号）", '{{ 纪要.出席 | join("、") }}'),
    "length": ("一组有几项", "{{ 问题 | length }}"),
    "map": (
        "取出每一项的某项内容，接着可用 join、并列",
        '{{ 任务 | map(attribute="标题") | join("、") }}',
    ),
    "replace": ("把文字中的一段换成另一段", '{{ "准备阶段" | replace("阶段", "") }}'),
    "list": (
        "把筛选的结果变成一组，接着可用 length、join 等",
        '{{ 指标 | selectattr("对标") | list | length }}',
    ),
    "selectattr": (
        "只留下某一项有内容（或满足条件）的",
        '{{ 检查.结果 | selectattr("等次", "equalto", "优秀") | map(attribute="村")'
        ' | join("、") }}',
    ),
    "rejectattr": (
        "去掉某一项有内容（或满足条件）的",
        '{{ 检查.结果 | rejectattr("等次", "in", ["优秀", "较差"]) | map(attribute="村")'
        ' | join("、") }}',
    ),
    "reject": (
        "去掉满足条件的项",
        '{{ 台账.列 | reject("in", ["序号", "问题描述"]) | join("、") }}',
    ),
}

#: Names a template can call or use besides the data.
GLOBALS = {
    "意见条数()": "一级标题的个数（汉字），生成后自动填入，如“下面，我讲三点意见”",
    '择一("说法甲", "说法乙")': "固定的过渡语换着说：按文档（文种、单位、主题、日期）选定一种，"
    "同一份文档每次生成都一样；一种说法在一份文档里只用一次，不要放进循环",
}
#: Tests a template writes after ``is``.
TESTS = {
    "多项": "有两项及以上：{% if 原因 is 多项 %}（只有一项时不写“一是”）",
    "至少三项": "有三项及以上：{% if 原因 is 至少三项 %}（三项以上才说“以下几个方面”）",
}
#: The loop attributes worth a secretary's time.
LOOP = {
    "index": "第几项（从1起）",
    "first": "是否第一项",
    "last": "是否最后一项",
    "length": "一共几项",
}

_HEAD = """# 模板字段和处理方法

<!-- 本页由 docgen templates fields -o docs/模板字段.md 生成，请勿手改；测试核对它与程序一致。 -->

模板中 `{{ 会议.名称 }}` 这样的写法取情况文件中的内容，`{{ 指标.对标.表述 }}` 这样的写法取程序算出的
说法。下面列出模板能用的全部名称：类型、含义和取自自带示例（examples 中的 population.yaml、
rural-environment.yaml、flood-control.yaml、street-food-safety.yaml 和 villages.xlsx，各按它生成的
每种文档的日期）的示例。标“（算出）”的由程序根据情况数据算出，只能读取；数值、状态都是文档日期时的。
写错名称时，`docgen templates check` 会指出行号和最接近的正确写法。

“列表”要逐项取用：`{% for 项 in 指标 %}{{ 项.名称 }}{% endfor %}`；表中 `指标.名称` 指的就是循环里的
`项.名称`。可能为空的项，先判断再用：`{% if 项.对标 %}……{% endif %}`。
"""


def reference_markdown() -> str:
    """The whole page."""
    tree = field_tree()
    parts = [_HEAD, "\n## 可直接取用的数据\n\n", _table(["写法", "类型", "含义"])]
    parts += [_row([f"`{name}`", _type(node), node.meaning]) for name, node in tree.roots.items()]
    parts += [_row([f"`{name}`", "方法", meaning]) for name, meaning in GLOBALS.items()]
    for name, node in tree.roots.items():
        rows = list(_rows(node, name))
        if rows:
            parts += [f"\n## {name}\n\n", _table(["写法", "类型", "含义", "示例"]), *rows]
    parts += ["\n## 判断（写在 is 后面）\n\n", _table(["写法", "含义"])]
    parts += [_row([f"`is {name}`", meaning]) for name, meaning in TESTS.items()]
    parts += ["\n## 循环中可用\n\n", _table(["写法", "含义"])]
    parts += [_row([f"`loop.{k}`", LOOP[k]]) for k in LOOP_ATTRIBUTES if k in LOOP]
    parts += ["\n## 处理方法（写在 | 后面）\n\n", _table(["名称", "作用", "写法", "结果"])]
    parts += [_filter_row(name) for name in shown_filters()]
    parts.append(
        "\n其他 Jinja 自带的处理方法也可使用（如 `map`、`sort`、`default`），"
        "见 Jinja 文档的“内置过滤器”一节。\n"
    )
    return "".join(parts)


def _rows(node: Node, path: str):
    """One row per field under ``node``; a field documented by another shows only what
    differs from it."""
    children = node.item.children if node.kind == LIST and node.item else node.children
    alias = path in SAME_AS
    for key, child in children.items():
        sub = f"{path}.{key}"
        if not alias or derived_meaning(sub):
            yield _row([f"`{sub}`", _type(child), child.meaning, _examples(child)])
        if child.kind in (GROUP, LIST) and (not alias or derived_meaning(sub)):
            yield from _rows(child, sub)


def _type(node: Node) -> str:
    label = node.type_label or node.kind
    return label + ("（算出）" if node.derived else "")


def _examples(node: Node) -> str:
    return "；".join(f"“{e}”" for e in node.examples)


def _filter_row(name: str) -> str:
    meaning, expression = FILTERS[name]
    env = make_environment(None)
    result = env.from_string(expression).render(example_contexts()[0])
    return _row([name, meaning, f"`{expression}`", f"“{result}”"])


def _table(headers: list[str]) -> str:
    return _row(headers) + _row(["---"] * len(headers))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |\n"
