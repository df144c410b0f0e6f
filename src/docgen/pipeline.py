"""The stages in order, for one document or a thousand: load → derive facts → render → parse
→ check → write → place.

Follow one document here from the data to the placed file. ``render_files`` (``docgen
render``) asks for one document per kind; ``run_batch`` (``docgen batch``) for one per
village. Both go through ``generate``: it loads the inputs, prepares once what every
document of a kind shares (``Shared``), runs the per-document stages (``Maker.make``) for
each document, and places the files. How the stages run faster — Markdown blocks parsed
once, the Word package built once, worker processes — comes from ``docgen.speedups`` and
never changes a byte of the output.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import datetime as dt
import json
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .data.load import LoadedSituation, load_situation
from .data.schema import KINDS, LEDGER_COLUMNS, REQUIRED_SECTIONS
from .errors import DocgenError, InputError, Problem
from .facts.names import proper_names
from .facts.township import indicators_on, township_data
from .facts.village import village_data, village_indicator, villages_overview
from .kinds import KIND_LIST, english_kind
from .model import Document, PageNumbers, Scope
from .office import checker_settings, layout_for
from .parse import ParseResult, parse_markdown
from .placing.journal import sha256
from .placing.names import unique_names
from .placing.resume import ResumeLog
from .placing.staging import Staged, Stager, clean_staging, place
from .provenance import traced, tracer_for
from .render import CompiledTemplate, compile_template
from .speedups import DocxWriter, Speedups, WorkerLost
from .template_tools.lint import raise_if_errors as template_check
from .villages import Village, VillageTable, load_villages, read_sheets
from .villages.leaks import (
    LeakIndex,
    figures_in,
    indicator_figures,
    own_figures,
    printed_text,
    strings_in,
)
from .villages.validate import Sheets
from .word.time import creation_time

if TYPE_CHECKING:
    from .speedups.early_read import Reading

ALL = "all"
CHECK_HINT = (
    "文字检查的问题请到所示的情况文件或模板行修改；确属误报的，可加 --ignore 代码 跳过本次检查，"
    "或在单位设置的【检查】中关闭该规则。"
)
SKIP_HINT = "可加 --skip-invalid 先生成没有问题的村。"


# --- what a run is asked for --------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """The choices of a run, as the command line gives them."""

    templates: Path | None = None  # a workspace template folder (else one beside the data)
    check: bool = True  # language checks (the leak check of a batch always runs)
    ignore: tuple[str, ...] = ()  # rule codes not checked this time
    pdf: bool = False  # a PDF beside each .docx, through LibreOffice
    force: bool = False  # replace files edited by hand (a backup is kept)
    skip_invalid: bool = False  # a batch writes the valid villages and lists the rest
    jobs: int = 1  # processes making documents, this one included
    only: tuple[str, ...] = ()  # a batch makes these villages' documents only (all if empty)
    resume: bool = False  # go on with a run that was killed: keep what it made intact


@dataclass(frozen=True)
class Request:
    """One document to make: a kind from a situation file, for one village of a batch or none."""

    kind: str
    data_path: Path
    village: int | None = None  # index into Plan.villages


@dataclass(frozen=True)
class Plan:
    """Everything a run makes, picklable: a spawned worker prepares its own parts from it."""

    requests: tuple[Request, ...]
    options: Options
    out_dir: Path
    villages: tuple[Village, ...] = ()
    village_names: tuple[str, ...] = ()  # every village the table names, valid or not
    table: Path | None = None


@dataclass
class Made:
    """What the per-document stages made of one request (crosses process boundaries)."""

    index: int
    stem: str  # the file name before uniqueness and suffix: a title, or a village's name
    village: str | None
    ending: str = ""  # what a long stem keeps when cut: 村名 cut, "_通知" kept
    staged: str | None = None  # the .docx under its staging name
    sha256: str | None = None
    pdf_source: str | None = None
    problems: list[Problem] = field(default_factory=list)  # errors: this document is not written
    warnings: list[Problem] = field(default_factory=list)  # the checks' warnings
    hints: list[Problem] = field(default_factory=list)  # the checks' hints (weaker suspicions)
    language_errors: bool = False  # some problems are the language checks' errors
    seconds: float = 0.0

    def record(self) -> dict[str, object]:
        """This document as a line of the resume log (only made documents are logged)."""
        fields = ("index", "stem", "village", "ending", "staged", "sha256", "pdf_source")
        record: dict[str, object] = {name: getattr(self, name) for name in fields}
        record["warnings"] = [dataclasses.astuple(w) for w in self.warnings]
        record["hints"] = [dataclasses.astuple(h) for h in self.hints]
        return record

    @classmethod
    def from_record(cls, record: dict) -> Made:
        warnings = [Problem(*w) for w in record.get("warnings", [])]
        hints = [Problem(*h) for h in record.get("hints", [])]
        names = ("index", "stem", "village", "ending", "staged", "sha256", "pdf_source")
        return cls(**{name: record.get(name) for name in names}, warnings=warnings, hints=hints)


@dataclass
class Report:
    """What a run wrote, what it skipped and why, and how long each phase took."""

    written: list[Path]
    skipped: dict[str, list[Problem]] = field(default_factory=dict)  # village → its problems
    other_problems: list[Problem] = field(default_factory=list)  # tied to no village
    warnings: list[tuple[str | None, Problem]] = field(default_factory=list)  # (village, …)
    hints: list[tuple[str | None, Problem]] = field(default_factory=list)  # (village, …)
    latencies: list[float] = field(default_factory=list)  # seconds per document
    phases: dict[str, float] = field(default_factory=dict)  # setup, generate, place
    resumed: int = 0  # documents an interrupted run had made, not made again (--resume)

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.other_problems


# --- the two ways in ----------------------------------------------------------------------------


def render_files(
    kind: str,
    data_path: Path,
    out_dir: Path,
    options: Options = Options(),
    *,
    warn: Callable[[Problem], None] | None = None,
    progress: Callable[[Made, int, int], None] | None = None,
    speed: Speedups | None = None,
    hinted: Callable[[Problem], None] | None = None,
) -> list[Path]:
    """``out_dir/<title>.docx`` (and PDFs) for ``kind`` — or ``all`` the kinds the
    situation file has data for; all or nothing. Returns the written paths."""
    kinds = kinds_in(data_path) if kind == ALL else [resolve_kind(kind)]
    if not kinds:
        hint = "参照 examples/population.yaml 填写"
        problem = Problem(data_path.name, "缺少各文种需要的数据", hint=hint)
        raise InputError(f"{data_path.name} 中没有可生成的文档", [problem])
    jobs = [(k, Path(data_path)) for k in kinds]
    return render_jobs(
        jobs, out_dir, options, warn=warn, progress=progress, speed=speed, hinted=hinted
    )


def render_jobs(
    jobs: Iterable[tuple[str, Path]],
    out_dir: Path,
    options: Options = Options(),
    *,
    warn: Callable[[Problem], None] | None = None,
    progress: Callable[[Made, int, int], None] | None = None,
    speed: Speedups | None = None,
    hinted: Callable[[Problem], None] | None = None,
) -> list[Path]:
    """Render (kind, situation file) pairs into one folder, all or nothing: every document is
    made and checked before anything is written; PDFs of all come from one LibreOffice call."""
    requests = tuple(Request(resolve_kind(k), Path(path)) for k, path in jobs)
    plan = Plan(requests, options, Path(out_dir))
    tell = (lambda _, problem: warn(problem)) if warn else None
    report = generate(plan, speed or Speedups(), progress=progress, warn=tell)
    for _, hint in report.hints:
        if hinted:
            hinted(hint)
    return report.written


def run_batch(
    kind: str,
    data_path: Path,
    villages_path: Path,
    out_dir: Path,
    options: Options = Options(),
    *,
    progress: Callable[[Made, int, int], None] | None = None,
    speed: Speedups | None = None,
) -> Report:
    """One ``kind`` document per village of ``villages_path``, in ``out_dir``.

    Raises InputError (nothing written) when any village is invalid, unless
    ``options.skip_invalid``: then the valid ones are written and the report lists the rest.
    """
    started = time.perf_counter()
    kind, data_path = resolve_kind(kind), Path(data_path)
    speed = speed or Speedups(jobs=options.jobs)
    with speed.preparing():
        with speed.read(read_sheets, Path(villages_path)) as reading:
            loaded = load_situation(data_path, kind=kind)
            try:  # what needs no table, prepared while the table is read (speed.read)
                shared: Shared | None = Shared(kind, loaded, options, speed, batch=True)
                failed = None
            except InputError as exc:  # reported with the table's problems
                shared, failed = None, exc
            table = _table_or_both(reading, loaded, failed)
        skipped = _table_problems(table, options, failed)
        chosen = _chosen(table, options.only)
        plan = Plan(
            tuple(Request(kind, data_path, i) for i in chosen),
            options,
            Path(out_dir),
            table.villages,
            table.names,
            table.path,
        )
    other = [p for name, p in table.problems if name is None]
    assert shared is not None  # else _table_problems raised the templates' errors
    report = generate(
        plan, speed, progress=progress, prepared={(kind, data_path): shared}, started=started
    )
    report.skipped = {**skipped, **report.skipped}
    report.other_problems = other + report.other_problems
    return report


def _chosen(table: VillageTable, only: tuple[str, ...]) -> list[int]:
    """Indexes of the villages asked for (every valid one when none is named)."""
    if not only:
        return list(range(len(table.villages)))
    names = [v.name for v in table.villages]
    unknown = [name for name in only if name not in names]
    if unknown:
        problems = [
            Problem(
                table.path.name,
                f"村情表中没有“{name}”这个村（或这一行有误）",
                hint=_nearest(name, names),
            )
            for name in unknown
        ]
        raise InputError(f"要生成的村不在村情表中：{table.path.name}", problems)
    return [index for index, name in enumerate(names) if name in only]


def _nearest(name: str, names: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
    return f"是不是：{'、'.join(close)}？" if close else "请对照村情表第一列的村名"


def _table_or_both(
    reading: Reading[Sheets], loaded: LoadedSituation, failed: InputError | None
) -> VillageTable:
    """The village table; a table that cannot be read is reported with the templates' errors."""
    path = reading.path
    try:
        return load_villages(path, loaded.situation.indicators or (), reading.result())
    except InputError as exc:
        if failed is None:
            raise
        raise InputError("发现错误，未生成文件", failed.problems + exc.problems) from None


def _table_problems(
    table: VillageTable, options: Options, failed: InputError | None = None
) -> dict[str, list[Problem]]:
    """The village table's problems by village; raises unless ``skip_invalid`` lets it go on.
    ``failed``: the templates' errors, reported together with the table's."""
    if table.problems and not options.skip_invalid:
        problems = [p for _, p in table.problems]
        if failed is not None:
            raise InputError("发现错误，未生成文件", failed.problems + problems, SKIP_HINT)
        raise InputError(f"村情表有误：{table.path.name}", problems, SKIP_HINT)
    if failed is not None:
        raise failed
    if not table.villages:
        problems = [p for _, p in table.problems]
        raise InputError(f"村情表中没有可生成的村：{table.path.name}", problems)
    skipped: dict[str, list[Problem]] = {}
    for name, problem in table.problems:
        if name is not None:
            skipped.setdefault(name, []).append(problem)
    return skipped


# --- the run ------------------------------------------------------------------------------------


def generate(
    plan: Plan,
    speed: Speedups,
    *,
    progress: Callable[[Made, int, int], None] | None = None,
    warn: Callable[[str | None, Problem], None] | None = None,
    prepared: dict[tuple[str, Path], Shared] | None = None,
    started: float | None = None,
) -> Report:
    """Every document of ``plan``, made and checked before any file is put in place."""
    started = time.perf_counter() if started is None else started
    with speed.preparing():
        maker = Maker(plan, speed, prepared)  # stage 1 (load) and what documents share
    log = ResumeLog(plan.out_dir, maker.fingerprint())
    earlier = log.earlier() if plan.options.resume else {}
    if not earlier:
        clean_staging(plan.out_dir)  # what an interrupted run left, not to be resumed
    existed = plan.out_dir.exists()
    made = [Made.from_record(record) for record in earlier.values()]
    todo = [i for i in range(len(plan.requests)) if i not in earlier]
    run_plan = dataclasses.replace(plan, requests=tuple(plan.requests[i] for i in todo))
    prepared = generated = time.perf_counter()
    try:
        log.begin(earlier)
        runs = speed.run(maker.for_plan(run_plan).make_many, len(todo), Maker.rebuild, run_plan)
        with speed.generating(), contextlib.closing(runs):
            for done, item in enumerate(runs, len(made) + 1):  # stages 2–6, per document
                item.index = todo[item.index]
                made.append(item)
                if item.staged:
                    log.add(item.record())
                if progress:
                    progress(item, done, len(plan.requests))
            made.sort(key=lambda m: m.index)
            generated = time.perf_counter()
            report = settle(plan, made, warn)
            report.written = place_files(plan, maker, made)  # stage 7
    except BaseException as exc:
        log.close(done=True)
        _discard(plan.out_dir, made, existed)
        if isinstance(exc, WorkerLost):
            raise DocgenError(
                "生成过程中有工作进程意外退出，本次没有写完。已写出的文件都是完整的；"
                "请重新运行同一命令，会补齐其余文件。"
            ) from None
        raise
    log.close(done=True)
    clean_staging(plan.out_dir)  # the staging folders, empty now
    report.resumed = len(earlier)
    report.latencies = [m.seconds for m in made]
    report.phases = {
        "setup": prepared - started,
        "generate": generated - prepared,
        "place": time.perf_counter() - generated,
    }
    return report


def settle(plan: Plan, made: list[Made], warn: Callable | None) -> Report:
    """Warnings passed on; any error stops the run (nothing written) unless the plan lets a
    batch skip the villages with errors."""
    problems: list[Problem] = []
    skipped: dict[str, list[Problem]] = {}
    warnings, hints = [], []
    for item in made:
        for warning in item.warnings:
            warnings.append((item.village, warning))
            if warn:
                warn(item.village, warning)
        hints.extend((item.village, hint) for hint in item.hints)
        if item.problems and item.village is not None and plan.options.skip_invalid:
            skipped[item.village] = item.problems
        else:
            problems.extend(item.problems)
    if problems:
        checked = any(m.language_errors for m in made)
        hint = "\n".join(
            h for h in (SKIP_HINT if plan.villages else "", CHECK_HINT if checked else "") if h
        )
        raise InputError("发现错误，未生成文件", list(dict.fromkeys(problems)), hint)
    return Report([], skipped, [], warnings, hints)


# --- stage 1 (load) and what every document of a kind shares ------------------------------------


class Maker:
    """Makes the documents of a plan; prepared once per process."""

    def __init__(
        self, plan: Plan, speed: Speedups, prepared: dict[tuple[str, Path], Shared] | None = None
    ) -> None:
        self.plan = plan
        self.stager = Stager(plan.out_dir)
        self._ready: dict[int, tuple[dict[str, object], ParseResult]] = {}  # see make_many
        self.shared: dict[tuple[str, Path], Shared] = {}
        problems: list[Problem] = []
        summaries: set[str] = set()
        for key in dict.fromkeys((r.kind, r.data_path) for r in plan.requests):
            try:  # stage 1: load, then what is shared (a batch prepared it while reading)
                shared = (prepared or {}).get(key)
                if shared is None:
                    loaded = load_situation(key[1], key[0])
                    shared = Shared(key[0], loaded, plan.options, speed, bool(plan.villages))
                shared.add_table(plan)
                self.shared[key] = shared
            except InputError as exc:  # every kind's problems, reported together
                problems.extend(exc.problems or [Problem(key[1].name, exc.summary)])
                summaries.add(exc.summary)
        if problems:
            summary = summaries.pop() if len(summaries) == 1 else "发现错误，未生成文件"
            raise InputError(summary, list(dict.fromkeys(problems)))

    def for_plan(self, plan: Plan) -> Maker:
        """This maker, prepared already, for ``plan`` (a part of the plan it was made for)."""
        clone = copy.copy(self)
        clone.plan = plan
        return clone

    def fingerprint(self) -> str:
        """What the documents depend on: data, table, templates, the options that change
        them, docgen's version. A resumed run must have the same."""
        options = self.plan.options
        content = {
            "records": sorted(json.dumps(s.record, sort_keys=True) for s in self.shared.values()),
            "requests": [(r.kind, str(r.data_path), r.village) for r in self.plan.requests],
            "options": [options.check, list(options.ignore), options.pdf, list(options.only)],
        }
        return sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    @staticmethod
    def rebuild(plan: Plan) -> Callable[[list[int]], Iterator[Made]]:
        """A spawned worker's own maker (docgen.speedups.workers calls this)."""
        return Maker(plan, Speedups()).make_many

    # --- stages 2–6, one document ---------------------------------------------------------------

    def make_many(self, indexes: list[int]) -> Iterator[Made]:
        """``make`` for several documents. Where the spelling model is on, their text is
        rendered, parsed and scored by it first, all together: the model's cost is mostly
        per pass, so a chunk of village documents costs little more than one."""
        ahead: dict[Shared, list[Document]] = {}
        for index in indexes:
            shared, village = self._request(index)
            if not shared.scores_ahead:
                continue
            try:
                data = shared.derive(village)
                parsed = shared.parse(shared.render(data), village)
            except InputError:
                continue  # ``make`` reports it
            self._ready[index] = (data, parsed)
            if not parsed.problems:
                ahead.setdefault(shared, []).append(parsed.document)
        for shared, documents in ahead.items():
            shared.score_ahead(documents)
        for index in indexes:  # one at a time: the resume log records each as it is made
            yield self.make(index)

    def make(self, index: int) -> Made:
        started = time.perf_counter()
        shared, village = self._request(index)
        name = village.name if village else None
        made = Made(index, "", name)
        try:
            self._make(shared, village, made, self._ready.pop(index, None))
        except InputError as exc:
            made.problems.extend(exc.problems or [Problem(name or "", exc.summary)])
        made.seconds = time.perf_counter() - started
        return made

    def _request(self, index: int) -> tuple[Shared, Village | None]:
        request = self.plan.requests[index]
        village = self.plan.villages[request.village] if request.village is not None else None
        return self.shared[(request.kind, request.data_path)], village

    def _make(
        self,
        shared: Shared,
        village: Village | None,
        made: Made,
        ready: tuple[dict[str, object], ParseResult] | None = None,
    ) -> None:
        if ready is None:
            data = shared.derive(village)  # stage 2: derive facts
            parsed = shared.parse(shared.render(data), village)  # stages 3 and 4: render, parse
        else:  # made ahead by make_many
            data, parsed = ready
        if parsed.problems:
            made.problems.extend(parsed.problems)
            return
        document = parsed.document
        made.stem = village.name if village else document_name(document)
        made.ending = f"_{KINDS[shared.kind]}" if village else ""
        shared.check(document, village, data, made)  # stage 5: check
        if made.problems:
            return
        created = creation_time(document)
        docx = shared.write(document, created)  # stage 6: write
        made.staged = self.stager.stage(docx)
        made.sha256 = sha256(docx)
        if self.plan.options.pdf:
            made.pdf_source = self.stager.stage(shared.write_for_pdf(document, created), ".docx")


class Shared:
    """What every document of one kind from one situation file shares, prepared once; then
    what a batch's village table adds (``add_table``)."""

    def __init__(
        self, kind: str, loaded: LoadedSituation, options: Options, speed: Speedups, batch: bool
    ) -> None:
        self.kind = kind
        office = loaded.office.office if loaded.office else None
        templates = options.templates or default_templates(loaded.path)
        template_check(kind, templates)  # what docgen templates check finds (office templates)
        self.template: CompiledTemplate = compile_template(kind, templates)
        self.base = township_data(loaded, kind)  # as of this kind's own date
        self.base["村"] = None
        self.base["各村"] = None  # only per village: the township-level text stays village-free
        self.word = str(self.base["乡镇"]["称谓"])  # type: ignore[index]
        self.area = str(self.base["乡镇"]["上级称谓"])  # type: ignore[index]
        own_columns = office.ledger_columns if office else None
        self.columns = tuple(own_columns) if own_columns else LEDGER_COLUMNS
        self.indicators = indicators_on(loaded, kind)
        self.profile = layout_for(office)
        self.pdf_profile = dataclasses.replace(self.profile, justify=False)
        self.speed = speed
        self.tokenize = speed.tokenizer()
        self.indicator_facts = speed.memo(village_indicator)
        self.indicator_figures = speed.memo(indicator_figures)
        self.config = (
            checker_settings(loaded.office, kind, options.ignore) if options.check else None
        )
        self.tracer = tracer_for(loaded, self.template.path, self.template.shown)
        self._writers: dict[tuple[bool, PageNumbers], DocxWriter] = {}
        self.villages = villages_overview(())
        self.leaks: LeakIndex | None = None
        self.table_name = ""
        self.record = self._record(loaded)
        self._common = ""  # the township-level document's printed text (a batch's leak check)
        if batch:
            self._prepare_batch()

    def _prepare_batch(self) -> None:
        """The township-level document every village's shares most text with: its blocks
        parsed and its writer built now (forked workers inherit them)."""
        try:
            township = self.template.render(self.base).text
        except InputError:  # a template written for villages only
            township = ""
        document = self.parse(township).document
        self.speed.writer(self.profile, document.page_numbers)
        if self.config is not None:  # the tokenizer, word lists and model, loaded once
            from .check import load_ahead

            load_ahead(self.config)
        self._common = printed_text(document) if township else ""

    def add_table(self, plan: Plan) -> None:
        """What the plan's village table adds: the villages' names never "corrected" by the
        checks (nor the data's own names), the overview of all villages, their names and
        figures indexed for the leak check, the table's hash in the journal."""
        if self.config is not None:
            names = proper_names(self.base, (v.name for v in plan.villages))
            self.config = dataclasses.replace(self.config, names=names)
        self.villages = villages_overview(plan.villages)
        if plan.table is not None:
            self.table_name = plan.table.name
            self.record["villages"] = plan.table.name
            self.record["villages_sha256"] = sha256(plan.table.read_bytes())
        if plan.villages:
            figures = figures_in("\n".join(strings_in(self.base)))
            names = plan.village_names
            self.leaks = LeakIndex.build(plan.villages, names, self._common, figures)

    def _record(self, loaded: LoadedSituation) -> dict[str, str]:
        """What the journal records of every file of this kind, beside its own hash."""
        return {
            "kind": self.kind,
            "data": loaded.path.name,
            "data_sha256": sha256(loaded.path.read_bytes()),
            "template": self.template.shown,
            "template_sha256": self.template.digest(),
            "docgen": __version__,
        }

    # --- the per-document stages that need the shared parts -------------------------------------

    def derive(self, village: Village | None) -> dict[str, object]:
        """Stage 2: the data a template sees, the village's own figures and problems added."""
        if village is None:
            return self.base
        data = dict(self.base)
        data["村"] = village_data(
            village, self.indicators, self.columns, self.word, self.area, self.indicator_facts
        )
        data["各村"] = self.villages  # for a ::: 跨村 section (e.g. a ranking table)
        return data

    def render(self, data: dict[str, object]) -> str:
        """Stage 3: the template filled with the data, as Markdown text."""
        return self.template.render(data).text

    def parse(self, text: str, village: Village | None = None) -> ParseResult:
        """Stage 4: Markdown → document model, problems located in the generated text."""
        where = f"{village.name}：{self.template.shown}" if village else self.template.shown
        return parse_markdown(text, where, self.tokenize)

    def check(
        self, document: Document, village: Village | None, data: dict[str, object], made: Made
    ) -> None:
        """Stage 5: another village's name or figures (a batch); then the language checks,
        each finding reported where a person can fix it."""
        if village is not None and self.leaks is not None:
            problems = data["村"]["问题"]  # type: ignore[index]
            own = own_figures(
                village, self.indicators, problems, self.word, self.area, self.indicator_figures
            )
            text = printed_text(document, outside=Scope.ALL_VILLAGES)
            table = self.table_name
            for message in self.leaks.find(village.name, own, text):
                hint = "检查村情表中这个村的各行是否复制自其他村而未改"
                made.problems.append(
                    Problem(f"{table} {village.name}", "串村：" + message, hint=hint)
                )
        if self.config is None:
            return
        from .check import check_document, dating
        from .check.findings import Severity

        config = dating.with_date(self.config, document.date)  # outdated terms as of then
        findings = check_document(document, kind=KINDS[self.kind], config=config)
        for finding, problem in zip(findings, traced(document, findings, self.tracer), strict=True):
            if finding.severity is Severity.ERROR:
                prefix = f"{village.name}：" if village else ""
                made.problems.append(dataclasses.replace(problem, message=prefix + problem.message))
                made.language_errors = True
            elif finding.severity is Severity.WARNING:
                made.warnings.append(problem)
            else:
                made.hints.append(problem)

    @property
    def scores_ahead(self) -> bool:
        """Whether the checks have a slow part worth doing for many documents at once."""
        return self.config is not None and self.config.is_on("别字")

    def score_ahead(self, documents: list[Document]) -> None:
        from .check import score_ahead

        score_ahead(documents, kind=KINDS[self.kind], config=self.config)

    def write(self, document: Document, created: dt.datetime) -> bytes:
        """Stage 6: the .docx bytes."""
        return self._writer(False, document.page_numbers)(document, created)

    def write_for_pdf(self, document: Document, created: dt.datetime) -> bytes:
        """A left-aligned copy for LibreOffice, which justifies CJK lines differently."""
        return self._writer(True, document.page_numbers)(document, created)

    def _writer(self, for_pdf: bool, page_numbers: PageNumbers) -> DocxWriter:
        """The writer for a layout, asked of the speed-ups once (a layout hashes slowly)."""
        key = (for_pdf, page_numbers)
        if key not in self._writers:
            profile = self.pdf_profile if for_pdf else self.profile
            self._writers[key] = self.speed.writer(profile, page_numbers)
        return self._writers[key]


# --- stage 7: place -----------------------------------------------------------------------------


def place_files(plan: Plan, maker: Maker, made: list[Made]) -> list[Path]:
    """Every good document under a unique name (and its PDF), recorded in the journal."""
    good = [m for m in made if not m.problems]
    names = unique_names([m.stem for m in good], endings=[m.ending for m in good])
    stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    staged = []
    for item, name in zip(good, names, strict=True):
        request = plan.requests[item.index]
        record = {**maker.shared[(request.kind, request.data_path)].record, "generated": stamp}
        if item.village is not None:
            record["village"] = item.village
        staged.append(Staged(name, item.staged or "", {**record, "sha256": item.sha256 or ""}))
    if plan.options.pdf and good:
        staged += _pdfs(plan, good, staged)
    written = place(plan.out_dir, staged, force=plan.options.force)
    for item in good:
        item.staged = None  # in place: nothing left to clean up
    return written


def _pdfs(plan: Plan, good: list[Made], docx: list[Staged]) -> list[Staged]:
    """PDFs of the documents through LibreOffice in one call, staged beside the .docx files."""
    from .pdf import convert_to_pdf

    sources = [Path(m.pdf_source or "") for m in good]
    stager = Stager(plan.out_dir)
    staged = []
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as folder:
        pdfs = convert_to_pdf(sources, Path(folder))
        for item, pdf in zip(docx, pdfs, strict=True):
            data = pdf.read_bytes()
            record = {**item.record, "format": "pdf", "sha256": sha256(data)}
            name = Path(item.name).with_suffix(".pdf").name
            staged.append(Staged(name, stager.stage(data), record))
    return staged


def _discard(out_dir: Path, made: list[Made], existed: bool) -> None:
    """Remove what a failed or interrupted run staged, and an output folder it created."""
    for item in made:
        for staged in (item.staged, item.pdf_source):
            if staged:
                Path(staged).unlink(missing_ok=True)
    clean_staging(out_dir)
    if not existed and out_dir.is_dir() and not any(out_dir.iterdir()):
        out_dir.rmdir()


@dataclass(frozen=True)
class Built:
    """One township-level document model and what it was made from (``docgen inspect``)."""

    kind: str
    document: Document
    loaded: LoadedSituation
    template: str
    template_path: Path
    markdown: str


def build_document(kind: str, data_path: Path, templates: Path | None = None) -> Built:
    """Stages 1–4 for one document: its model, without checking or writing it."""
    kind, data_path = resolve_kind(kind), Path(data_path)
    loaded = load_situation(data_path, kind=kind)
    plan = Plan((Request(kind, data_path),), Options(templates=templates, check=False), Path())
    shared = Shared(kind, loaded, plan.options, Speedups(cache=False), batch=False)
    shared.add_table(plan)
    markdown = shared.render(shared.derive(None))
    parsed = shared.parse(markdown)
    if parsed.problems:
        raise InputError(f"模板生成的内容有误：{shared.template.shown}", parsed.problems)
    template = shared.template
    return Built(kind, parsed.document, loaded, template.shown, template.path, markdown)


# --- small helpers of the stages ----------------------------------------------------------------


def resolve_kind(name: str) -> str:
    """Accept ``speech``, ``讲话稿`` or a clerk's other name for it (``讲话``)."""
    kind = english_kind(name)
    if kind is None:
        raise InputError(f"不认识的文种“{name}”，可用：{KIND_LIST}，或 all（全部）")
    return kind


def default_templates(data_path: Path) -> Path | None:
    """A ``templates`` folder beside the situation file overrides the built-in templates."""
    folder = data_path.parent / "templates"
    return folder if folder.is_dir() else None


def kinds_in(data_path: Path) -> list[str]:
    """The kinds a situation file has data for (``render all``): sections present."""
    from .data.load import read_values  # YAML or workbook; validated again per kind

    value, _ = read_values(data_path)
    keys = set(value) if isinstance(value, dict) else set()
    dispatched = set(value.get("发文") or {}) if isinstance(value, dict) else set()
    found = []
    for kind, sections in REQUIRED_SECTIONS.items():
        if not set(sections) <= keys:
            continue
        own = {"notice": "通知", "report": "报告", "bulletin": "通报"}.get(kind)
        if own and own not in dispatched:
            continue
        found.append(kind)
    return found


def document_name(doc: Document) -> str:
    """The file name: the title, else the 版头 (纪要: 标志 and 期号), else the kind."""
    if doc.title:
        return doc.title
    if doc.masthead is not None:
        return f"{doc.masthead.mark}（{doc.masthead.number}）"
    return doc.kind or "公文"
