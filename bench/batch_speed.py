"""Batch speed: the same 1,000 village notices with docgen and with docxtpl, in one run.

    python bench/batch_speed.py [--villages 1000] [--repeat 3] [--keep DIR]

Each scenario runs in its own process so that peak RSS is its own (workers included),
``--repeat`` rounds in turn; the table shows each scenario's best run (the usual way to
keep other load on a shared machine out of the figure) and the spread of all runs; the
ratios are given both between best runs and as the median of the ratios within rounds.
Times are end to end: imports made during the batch, reading the workbook and preparing
the common parts are included.
docgen's template is Markdown (written below); docxtpl's is a Word file this script builds
with python-docx holding the same text, headings and five-row table. Both use the figures
docgen computes for each village (docgen.facts.village), so both print the same words.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "population.yaml"

#: About 1,500 characters: two heading levels, a five-row table, 主送 and 落款.
TEMPLATE = """---
文种: 通知
页码: 单双
版头: 无
印发机关: {{ 单位.印发机关 }}
印发日期: {{ 发文.通知.印发日期 }}
---

# 关于做好{{ 村.名称 }}{{ 主题 }}自查整改的通知

::: 主送
{{ 村.名称 }}党支部、村民委员会：
:::

根据{{ 乡镇.名称 }}{{ 自查.名称 }}的统一部署，为全面查找{{ 村.名称 }}{{ 主题 }}中的短板弱项，推动生育支持政策在村里落地见效，让群众办事少跑腿、政策红利看得见，镇里结合前期摸底和日常掌握的情况，对各村逐一进行了梳理分析，现将本村自查整改有关事项通知如下，请认真抓好落实。

## 本村主要指标情况

镇卫生健康办对照年度目标，汇总了{{ 村.名称 }}各项指标的完成情况。请村“两委”逐项对照，找准差距，明确整改方向。

| 指标 | 本村 | 全镇 | 目标 | 与全镇比较 |
|---|---|---|---|---|
{% for 项 in 村.指标 %}
| {{ 项.名称 }} | {{ 项.本村 }} | {{ 项.乡镇值 }} | {{ 项.目标 or "—" }} | {{ 项.对乡镇.表述 }} |
{% endfor %}

## 存在的主要问题

{% for 项 in 村.问题 %}
### {{ 项.内容 }}。{{ 项.整改措施 }}，由{{ 项.责任人 }}同志负责，{{ 项.整改时限 }}前整改到位。

{% endfor %}
## 整改工作要求

### 加强组织领导。村党组织书记是自查整改第一责任人，要亲自抓、负总责，召开村“两委”会议专题研究，明确每个问题的责任人和完成时限，确保人员、时间、措施三落实，不能把任务简单交给村级专干了事。

### 坚持边查边改。对查出的问题要逐项建立台账，能立即整改的马上改，一时难以解决的要制定计划、持续推进；整改完成一项、销号一项，做到问题不查清不放过、整改不到位不放过、群众不满意不放过。

### 注重实际效果。要把自查整改与日常服务结合起来，着力解决群众反映强烈的急难愁盼问题，对行动不便和外出务工家庭要主动上门服务，防止走过场、搞形式，切实让群众感受到整改带来的变化。

### 做好政策宣传。要利用村民会议、村务公开栏、村民微信群等渠道，把出生登记、育儿补贴、托育服务等政策讲清楚、讲透彻，让每一户有婴幼儿的家庭都知道政策、会办手续，对外出务工家庭要逐一电话告知。

### 加强队伍建设。要稳定村级专干和代办员队伍，支持他们参加镇里组织的业务培训，熟练掌握线上办理系统，做到群众咨询有人答、上门服务有人办、困难问题有人帮。

### 强化督促检查。镇自查整改工作领导小组办公室将采取随机抽查、入户回访和电话核实相结合的方式，对各村整改进度和效果进行检查，检查结果在全镇通报，并纳入年度综合考核，对工作推进不力的村要约谈提醒。

### 建立长效机制。要把自查整改中形成的好做法固定下来，完善婴幼儿家庭台账动态更新、代办员联系服务、部门信息比对等制度，做到问题整改一件、制度完善一项，防止同类问题反弹回潮。

### 按时报送材料。请于{{ 自查.报送.时限 }}前将自查情况和问题清单报送{{ 自查.报送.单位 }}，联系人：{{ 自查.报送.联系人 }}，联系电话：{{ 自查.报送.电话 }}。逾期未报的，镇里将予以通报。

::: 落款
{{ 单位.发文机关.署名 }}
{{ 发文.通知.成文日期 }}
:::
"""

SYLLABLES = "青白柳石枫龙云桃杏梅松竹兰荷溪岭岗坪塘湾桥源川山林泉沙洲坝田湖峰岩河垭堡营庄坊寨"
INDICATORS = [
    "出生登记及时率",
    "育儿补贴申领率",
    "每千人口拥有3岁以下婴幼儿托位数",
    "出生人口信息差错率",
    "流动人口育龄群众基本公共服务覆盖率",
]
PROBLEM_TEXTS = [
    (
        "婴幼儿家庭台账个别信息更新不及时",
        "村信息员每月与镇卫生健康办核对一次台账，发现变动当月更新",
    ),
    ("外出务工家庭育儿补贴政策告知不到位", "逐户电话告知并发送申领指南，指导家属代为线上申领"),
    (
        "代办员业务不熟练，群众咨询答不上",
        "安排代办员到镇便民服务中心跟班学习，镇里派员到村现场指导",
    ),
]


def village_names(count: int) -> list[str]:
    """Two-character names first, then three (a county has thousands of villages)."""
    names = [a + b + "村" for a in SYLLABLES for b in SYLLABLES if a != b]
    if count > len(names):
        names += [
            a + b + c + "村"
            for a in SYLLABLES
            for b in SYLLABLES
            for c in SYLLABLES
            if len({a, b, c}) == 3
        ]
    if count > len(names):
        raise SystemExit(f"at most {len(names)} villages")
    return names[:count]


def make_workspace(folder: Path, count: int) -> tuple[Path, Path]:
    """The situation file, its office profile, the template and a workbook of ``count`` villages."""
    from docgen.villages.columns import PROBLEM_COLUMNS
    from docgen.villages.xlsx import SheetSpec, workbook_bytes

    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    shutil.copytree(EXAMPLE.parent / "offices", folder / "offices")
    (folder / "templates").mkdir()
    (folder / "templates" / "notice.md").write_text(TEMPLATE, encoding="utf-8")
    rng = random.Random(5)
    rows, problems = [], []
    for name in village_names(count):
        rows.append(
            [
                name,
                round(rng.uniform(80, 99), 1),
                round(rng.uniform(75, 99), 1),
                round(rng.uniform(0.5, 6), 1),
                round(rng.uniform(0.5, 3.5), 1),
                round(rng.uniform(65, 95), 1),
            ]
        )
        for text, measure in rng.sample(PROBLEM_TEXTS, 2):
            problems.append(
                [
                    name,
                    "基础管理",
                    text,
                    None,
                    None,
                    measure,
                    None,
                    None,
                    "张明",
                    f"2026-12-{rng.randint(10, 31)}",
                    None,
                    None,
                ]
            )
    workbook = folder / "villages.xlsx"
    workbook.write_bytes(
        workbook_bytes(
            [
                SheetSpec("村情", [["村", *INDICATORS], *rows], [10] * 6),
                SheetSpec("问题", [list(PROBLEM_COLUMNS), *problems], [10] * 12),
            ]
        )
    )
    return folder / EXAMPLE.name, workbook


# --- scenarios (each in its own process) -----------------------------------------------------


def run_docgen(folder: Path, jobs: int, check: bool) -> dict:
    from docgen.pipeline import Options, run_batch

    data, workbook = folder / EXAMPLE.name, folder / "villages.xlsx"
    out = folder / f"docgen-{jobs}-{int(check)}"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    result = run_batch("notice", data, workbook, out, Options(jobs=jobs, check=check))
    seconds = time.perf_counter() - started
    assert result.ok, result.skipped
    return {
        "docs": len(result.written),
        "seconds": seconds,
        "latencies": result.latencies,
        "phases": result.phases,
        "chars": _chars(result.written[0]),
    }


def build_word_template(path: Path, context: dict) -> None:
    """The docxtpl template: the same text as TEMPLATE, typed numbers and all, in a Word file."""
    import docx

    d = docx.Document()
    d.add_paragraph("关于做好{{ 村.名称 }}{{ 主题 }}自查整改的通知", style="Title")
    d.add_paragraph("{{ 村.名称 }}党支部、村民委员会：")
    body = TEMPLATE.split("现将本村")[0].split("：\n:::\n\n")[1]
    d.add_paragraph(body + "现将本村自查整改有关事项通知如下，请认真抓好落实。")
    d.add_paragraph("一、本村主要指标情况", style="Heading 1")
    d.add_paragraph(
        "镇卫生健康办对照年度目标，汇总了{{ 村.名称 }}各项指标的完成情况。"
        "请村“两委”逐项对照，找准差距，明确整改方向。"
    )
    table = d.add_table(rows=4, cols=5)
    for cell, text in zip(
        table.rows[0].cells, ["指标", "本村", "全镇", "目标", "与全镇比较"], strict=True
    ):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for 项 in 村.指标 %}"
    cells = [
        "{{ 项.名称 }}",
        "{{ 项.本村 }}",
        "{{ 项.乡镇值 }}",
        "{{ 项.目标 or '—' }}",
        "{{ 项.对乡镇.表述 }}",
    ]
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    d.add_paragraph("二、存在的主要问题", style="Heading 1")
    d.add_paragraph("{%p for 项 in 村.问题 %}")
    d.add_paragraph(
        "（{{ loop.index }}）{{ 项.内容 }}。{{ 项.整改措施 }}，由{{ 项.责任人 }}同志负责，"
        "{{ 项.整改时限 }}前整改到位。"
    )
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("三、整改工作要求", style="Heading 1")
    tail = TEMPLATE.split("## 整改工作要求\n\n")[1].split("::: 落款")[0]
    for number, part in enumerate(p for p in tail.split("\n\n") if p.strip()):
        d.add_paragraph(f"（{'一二三四五六七八'[number]}）" + part.removeprefix("### ").strip())
    d.add_paragraph("{{ 单位.发文机关.署名 }}")
    d.add_paragraph("{{ 发文.通知.成文日期 }}")
    d.add_paragraph("{{ 单位.印发机关 }}　　{{ 发文.通知.印发日期 }}印发")  # the 版记 line
    d.save(path)


def run_docxtpl(folder: Path) -> dict:
    from docxtpl import DocxTemplate

    from docgen.data.load import load_situation
    from docgen.facts.village import village_data
    from docgen.pipeline import Options, Plan, Request, Shared  # the same facts, the same words
    from docgen.placing.names import unique_names
    from docgen.speedups import PLAIN
    from docgen.villages import load_villages

    data, workbook = folder / EXAMPLE.name, folder / "villages.xlsx"
    out = folder / "docxtpl"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    started = time.perf_counter()
    loaded = load_situation(data, kind="notice")
    villages = load_villages(workbook, loaded.situation.indicators).villages
    targets = unique_names([f"{v.name}_通知" for v in villages])
    plan = Plan(
        (Request("notice", data),), Options(templates=folder / "templates", check=False), out
    )
    town = Shared("notice", loaded, plan.options, PLAIN, batch=False)
    town.add_table(plan)
    template_path = folder / "notice-docxtpl.docx"
    build_word_template(template_path, town.base)
    latencies = []
    for village, target in zip(villages, targets, strict=True):
        t0 = time.perf_counter()
        context = dict(town.base)
        context["村"] = village_data(village, town.indicators, town.columns)
        document = DocxTemplate(template_path)
        document.render(context)
        document.save(out / target)
        latencies.append(time.perf_counter() - t0)
    seconds = time.perf_counter() - started
    return {
        "docs": len(villages),
        "seconds": seconds,
        "latencies": latencies,
        "chars": _chars(out / targets[0]),
    }


def _chars(path: Path) -> int:
    import re
    import zipfile

    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return len("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))


def scenario(name: str, folder: Path) -> None:
    if name == "docxtpl":
        found = run_docxtpl(folder)
    else:
        jobs, check = {"docgen": (1, False), "docgen-j2": (2, False), "docgen-check": (1, True)}[
            name
        ]
        found = run_docgen(folder, jobs, check)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    found["rss_mb"] = max(own, children) / 1024  # Linux reports KiB
    found["rss_parent_mb"] = own / 1024
    print(json.dumps(found))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario (best is shown)")
    parser.add_argument("--scenario", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scenario:
        scenario(args.scenario, args.folder)
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    make_workspace(folder, args.villages)
    names = ("docxtpl", "docgen", "docgen-j2", "docgen-check")
    runs: dict[str, list[dict]] = {name: [] for name in names}
    for _ in range(max(1, args.repeat)):
        for name in names:  # interleaved, so a burst of other load hits every scenario alike
            line = (
                subprocess.run(
                    [sys.executable, __file__, "--scenario", name, "--folder", str(folder)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            found = json.loads(line)
            found["rate"] = found["docs"] / found["seconds"]
            runs[name].append(found)
    results = {name: max(found, key=lambda r: r["rate"]) for name, found in runs.items()}
    print(
        f"{args.villages} village notices, {results['docgen']['chars']} characters each "
        f"(docxtpl's: {results['docxtpl']['chars']})"
    )
    print(
        f"{'':14}{'docs/s':>9}{'median ms':>11}{'p95 ms':>9}{'peak RSS MB':>13}  all runs, docs/s"
    )
    for name, found in results.items():
        lat = sorted(found["latencies"])
        p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))]
        spread = " ".join(f"{r['rate']:.0f}" for r in runs[name])
        print(
            f"{name:14}{found['rate']:9.1f}{statistics.median(lat) * 1000:11.2f}{p95 * 1000:9.2f}"
            f"{max(r['rss_mb'] for r in runs[name]):13.1f}  {spread}"
        )
    base = results["docxtpl"]["rate"]
    single = results["docgen"]["rate"]

    def paired(top: str, bottom: str) -> str:
        """Ratios within each round (runs seconds apart see the same machine load)."""
        ratios = [a["rate"] / b["rate"] for a, b in zip(runs[top], runs[bottom], strict=True)]
        return f"median of rounds {statistics.median(ratios):.2f}× ({' '.join(f'{r:.2f}' for r in ratios)})"

    print(
        f"docgen single / docxtpl       {single / base:6.1f}×  best runs; "
        f"{paired('docgen', 'docxtpl')}  (target ≥ 10)"
    )
    print(
        f"docgen --jobs 2 / single      {results['docgen-j2']['rate'] / single:6.2f}×  best runs; "
        f"{paired('docgen-j2', 'docgen')}  (target ≥ 1.7)"
    )
    print(
        f"docgen with checks / docxtpl  {results['docgen-check']['rate'] / base:6.1f}×  best runs; "
        f"{paired('docgen-check', 'docxtpl')}  (target ≥ 5)"
    )
    print(
        "where docgen's time goes (best runs): setup (reading, validating, common parts), "
        "generating the documents, putting them in place"
    )
    for name in ("docgen", "docgen-j2", "docgen-check"):
        phases = results[name]["phases"]
        rate = results[name]["docs"] / phases["generate"]
        print(
            f"  {name:12} setup {phases['setup']:.3f} s  generate {phases['generate']:.3f} s "
            f"({rate:.0f} docs/s)  place {phases['place']:.3f} s"
        )
    generate = results["docgen"]["phases"]["generate"] / results["docgen-j2"]["phases"]["generate"]
    print(f"  generating alone, --jobs 2 / single: {generate:.2f}×")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
