"""One document per village: common parts prepared once per process, files written safely.

Stages: validate the village table (nothing written on a bad row) → refuse hand-edited
outputs → render, check and leak-check every village (in worker processes with ``jobs``),
each result staged in a temporary file → put the files in place, each recorded in the
journal before its rename, so an interrupted batch loses nothing and a re-run completes it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import math
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .context import template_context
from .data.load import LoadedSituation, load_situation
from .data.schema import LEDGER_COLUMNS
from .errors import DocgenError, InputError, OutputError, Problem
from .facts import format_typed
from .outputs import (
    Journal,
    Staged,
    edited_by_hand,
    place_all,
    refuse_edited,
    safe_filename,
    sha256,
    write_temp,
)
from .parallel import ChunkRunner, WorkerLost
from .parse import BlockCache, parse_markdown, without_cross_village
from .pipeline import (
    KINDS,
    check_config,
    default_templates,
    finding_message,
    profile_for,
    resolve_kind,
    tracer_for,
)
from .render import CompiledTemplate, compile_template
from .template_tools.lint import raise_if_errors as template_check
from .villages import Village, VillageTable
from .villages.facts import own_figures, village_context
from .villages.leaks import LeakIndex, figures_in
from .villages.validate import VillageReading

STAGING_PREFIX = ".docgen-batch-"
#: The most villages in a chunk, the unit a process claims and a worker sends back.
MAX_CHUNK = 16


@dataclass(frozen=True)
class Plan:
    """Everything a worker process needs to prepare the common parts itself (picklable)."""

    kind: str
    data_path: Path
    templates: Path | None
    villages: tuple[Village, ...]
    names: tuple[str, ...]
    table_name: str
    out_dir: Path
    targets: tuple[str, ...]  # output file name per village, same order
    check: bool
    ignore: tuple[str, ...]
    created: dt.datetime
    pdf_dir: Path | None = None


@dataclass
class VillageResult:
    index: int
    village: str
    target: str
    staged: str | None = None
    sha256: str | None = None
    pdf_source: str | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class BatchResult:
    written: list[Path]
    skipped: dict[str, list[Problem]]  # village → why it was not written
    other_problems: list[Problem]  # problems tied to no village (reported, nothing skipped)
    warnings: dict[str, list[str]]  # check warning → villages
    latencies: list[float]  # seconds per village document (render to staged file)
    #: Seconds spent preparing (reading, validating, common parts), generating every
    #: village's document, and putting the files in place.
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.other_problems


class Township:
    """What every village's document shares and the village table does not change: the
    situation, the compiled template, the office's layout, the prepared Word package.
    Built while the table is still being read (see ``run_batch``)."""

    def __init__(
        self,
        kind: str,
        data_path: Path,
        templates: Path | None,
        loaded: LoadedSituation,
        *,
        check: bool,
        ignore: tuple[str, ...],
        pdf: bool,
    ) -> None:
        situation = loaded.situation
        self.template: CompiledTemplate = compile_template(
            kind, templates or default_templates(data_path)
        )
        self.base = template_context(loaded)
        self.base["村"] = None
        self.base["各村"] = None  # only per village: the township-level text stays village-free
        self.word = str(self.base["乡镇"]["称谓"])  # type: ignore[index]
        self.area = str(self.base["乡镇"]["上级称谓"])  # type: ignore[index]
        office = loaded.office.office if loaded.office else None
        self.columns = (
            tuple(office.ledger_columns) if office and office.ledger_columns else LEDGER_COLUMNS
        )
        self.indicators = tuple(situation.indicators or ())
        self.profile = profile_for(office)
        self.pdf_profile = dataclasses.replace(self.profile, justify=False)
        self.config = check_config(loaded.office, kind, ignore) if check else None
        self.tracer = tracer_for(loaded, self.template.path, self.template.shown)
        self.text, self.figures = _township_parts(self.template, self.base)
        self.tokenize = BlockCache()  # the blocks every village shares are parsed once
        self._prepare_writer(pdf)
        if self.config is not None:  # load the tokenizer now, before freezing
            from .check import check_text

            check_text(self.text[:200], self.config)

    def _prepare_writer(self, pdf: bool) -> None:
        """Build the Word package now, so forked workers inherit it instead of each
        importing python-docx and building it again (its page-number style comes from the
        township-level text, the same front matter every village's document has)."""
        from .word.writer import writer_for

        if not self.text:
            return
        parsed = parse_markdown(self.text, self.template.shown, self.tokenize)
        writer_for(self.profile, parsed.document.page_numbers)
        if pdf:
            writer_for(self.pdf_profile, parsed.document.page_numbers)


class Common:
    """The parts shared by every village: the township's, and the leak index and the list
    of all villages, which depend on the village table."""

    def __init__(self, plan: Plan, township: Township | None = None) -> None:
        """``township``: as this process already prepared it (a spawned worker prepares
        its own)."""
        self.plan = plan
        self.township = township or Township(
            plan.kind,
            plan.data_path,
            plan.templates,
            load_situation(plan.data_path, kind=plan.kind),
            check=plan.check,
            ignore=plan.ignore,
            pdf=plan.pdf_dir is not None,
        )
        self.all_villages = villages_overview(plan.villages)
        self.leaks = LeakIndex.build(
            plan.villages, plan.names, self.township.text, self.township.figures
        )
        self._staging: tuple[int, Path] | None = None  # (process id, its staging folder)

    def make(self, index: int) -> VillageResult:
        """Render, parse, check and leak-check one village; stage its file."""
        plan = self.plan
        village = plan.villages[index]
        result = VillageResult(index, village.name, plan.targets[index])
        started = time.perf_counter()
        try:
            self._make(village, result)
        except InputError as exc:
            result.problems.extend(exc.problems or [Problem(village.name, exc.summary)])
        result.seconds = time.perf_counter() - started
        return result

    def _make(self, village: Village, result: VillageResult) -> None:
        from .word.writer import writer_for

        plan, town = self.plan, self.township
        own = village_context(village, town.indicators, town.columns, town.word, town.area)
        context = dict(town.base)
        context["村"] = own
        context["各村"] = self.all_villages  # for a ::: 跨村 section (e.g. a ranking table)
        rendered = town.template.render(context)
        where = f"{village.name}：{rendered.template}"
        parsed = parse_markdown(rendered.text, where, town.tokenize)
        if parsed.problems:
            result.problems.extend(parsed.problems)
            return
        document = parsed.document
        leak_text = without_cross_village(rendered.text)
        for message in self.leaks.find(village.name, own_figures(own), leak_text):
            result.problems.append(
                Problem(
                    f"{plan.table_name} {village.name}",
                    "串村：" + message,
                    hint="检查村情表中这个村的各行是否复制自其他村而未改",
                )
            )
        if town.config is not None:
            self._check(document, village.name, rendered.template, result)
        if result.problems:
            return
        writer = writer_for(town.profile, document.page_numbers)
        parts = writer.own_parts(document, created=plan.created)
        # Staged on this thread: a separate writing thread measured slower (GIL hand-offs).
        data = writer.archive(parts)
        result.staged = str(write_temp(self._staging_folder(), data, fsync=False, prefix=""))
        result.sha256 = sha256(data)
        if plan.pdf_dir is not None:
            source = plan.pdf_dir / f"{result.index:06d}.docx"
            pdf_writer = writer_for(town.pdf_profile, document.page_numbers)
            source.write_bytes(pdf_writer.to_bytes(document, created=plan.created))
            result.pdf_source = str(source)

    def _staging_folder(self) -> Path:
        """This process's own folder inside the output folder: creating files takes a lock
        on their folder, so workers staging into one folder wait for each other (measured:
        two processes creating 500 files each in one folder took as long as one creating
        1,000); the files are renamed into the output folder once all are ready."""
        pid = os.getpid()
        if self._staging is None or self._staging[0] != pid:
            self.plan.out_dir.mkdir(parents=True, exist_ok=True)
            folder = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.plan.out_dir)
            self._staging = (pid, Path(folder))
        return self._staging[1]

    def _check(self, document, village: str, template: str, result: VillageResult) -> None:
        from .check import check_document
        from .check.findings import Severity
        from .check.units import from_document

        town = self.township
        findings = check_document(document, kind=KINDS[self.plan.kind], config=town.config)
        units = from_document(document) if findings else []
        for finding in findings:
            # Located like `docgen render`: the situation file's line or the template's line;
            # text from the village table (no line there) falls back to the generated line.
            unit = units[finding.unit]
            source = getattr(document.blocks[unit.block], "source", None)
            place = town.tracer.place(
                unit.text, finding.start, finding.end, source.line if source else None
            )
            if finding.severity is Severity.ERROR:
                message = f"{village}：{finding_message(finding)}"
                result.problems.append(Problem(place.where, message, place.field))
            else:  # warnings are listed once with the villages they occur in
                result.warnings.append(finding_message(finding))


def villages_overview(villages: tuple[Village, ...] | list[Village]) -> list[dict[str, object]]:
    """``各村``: every village's name and figures, for a ``::: 跨村`` section."""
    return [
        {"名称": v.name, "指标": {name: format_typed(x) for name, x in v.values.items()}}
        for v in villages
    ]


def _township_parts(template: CompiledTemplate, base: dict[str, object]) -> tuple[str, set[str]]:
    """The township-level document (when the template renders without a village: every
    village's document shares its text) and the figures of the township's data."""
    parts = []
    stack: list[object] = [base]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
        elif value is not None:
            parts.append(str(value))
    try:
        shared = template.render(base).text
    except InputError:  # a template written for villages only
        shared = ""
    return shared, figures_in("\n".join(parts))


# --- worker processes --------------------------------------------------------------------

#: The parent's prepared parts, inherited by forked workers (spawned ones prepare their own).
_PARENT: Common | None = None


def _forked() -> None:
    """A forked worker has the parent's prepared parts already (see ``_inherited``)."""


def _inherited(_: None) -> Common:
    assert _PARENT is not None  # set before the fork
    gc.freeze()  # the prepared parts live as long as the worker
    return _PARENT


def _spawned(
    kind: str,
    data_path: Path,
    templates: Path | None,
    check: bool,
    ignore: tuple[str, ...],
    pdf: bool,
) -> Township:
    """A spawned worker prepares the township's parts while the parent reads the table."""
    loaded = load_situation(data_path, kind=kind)
    return Township(kind, data_path, templates, loaded, check=check, ignore=ignore, pdf=pdf)


def _with_table(township: Township, plan: Plan) -> Common:
    common = Common(plan, township)
    gc.freeze()
    return common


def _default_context():
    """fork where the platform offers it (workers start at once with the prepared parts);
    spawn elsewhere (Windows, macOS), where each worker prepares them itself."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods() and sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _results(
    plan: Plan, common: Common, jobs: int, context, spawned: ChunkRunner | None
) -> Iterator[VillageResult]:
    """Every village's result; ``spawned``: workers already started (and preparing)."""
    count = len(plan.villages)
    if jobs <= 1 or count < 2:
        # What is prepared lives as long as the batch: keep it out of the cyclic collector's
        # way, so collections stay cheap however many villages follow.
        gc.freeze()
        try:
            for index in range(count):
                yield common.make(index)
        finally:
            gc.unfreeze()
        return
    global _PARENT
    _PARENT = common
    gc.freeze()
    chunks = _chunks(count, jobs)
    try:
        if spawned is not None:
            runner = spawned
            runner.begin(chunks, _with_table, (plan,))
        else:  # forked now, with everything prepared
            workers = min(jobs - 1, len(chunks) - 1)  # no process without a chunk to take
            runner = ChunkRunner(context, workers, _forked, ())
            runner.begin(chunks, _inherited, ())
        try:
            # This process is one of the ``jobs``: the workers take chunks from the front,
            # it takes them from the back until they meet.
            for n in runner.mine():
                for index in chunks[n]:
                    yield common.make(index)
                yield from runner.ready()  # type: ignore[misc]
            yield from runner.rest()  # type: ignore[misc]
        finally:  # also on Ctrl+C, a lost worker, or a caller that gave up: stop soon
            runner.close()
    finally:
        gc.unfreeze()
        _PARENT = None


def _chunks(count: int, jobs: int) -> list[list[int]]:
    """Village indexes in chunks, smaller towards where the processes should meet.

    The workers take chunks from the start and this process from the end, so they meet
    about (jobs - 1) / jobs of the way along; chunks shrinking towards that point (each a
    share of what is left on its side) let all finish within a village or two of each
    other, where equal chunks left one waiting for up to a whole chunk at the end.
    """
    meet = count * (jobs - 1) // jobs

    def guided(length: int, share: int) -> list[int]:
        sizes = []
        while length > 0:
            size = max(1, min(MAX_CHUNK, math.ceil(length / share), length))
            sizes.append(size)
            length -= size
        return sizes

    left = guided(meet, 4 * (jobs - 1))  # from the start towards the meeting point
    right = guided(count - meet, 4)[::-1]  # from the meeting point to the end
    chunks, start = [], 0
    for size in left + right:
        chunks.append(list(range(start, start + size)))
        start += size
    return chunks


# --- the batch -----------------------------------------------------------------------------


def target_names(villages: list[str], kind: str, suffix: str = ".docx") -> list[str]:
    """村名_通知.docx per village, safe on Windows and unique even where case is ignored."""
    seen: set[str] = set()
    names = []
    for village in villages:
        stem = safe_filename(f"{village}_{KINDS[kind]}", suffix="")
        name, n = stem + suffix, 1
        while name.casefold() in seen:
            n += 1
            name = f"{stem}（{n}）{suffix}"
        seen.add(name.casefold())
        names.append(name)
    return names


def run_batch(
    kind: str,
    data_path: Path,
    villages_path: Path,
    out_dir: Path,
    *,
    templates: Path | None = None,
    jobs: int = 1,
    pdf: bool = False,
    force: bool = False,
    skip_invalid: bool = False,
    check: bool = True,
    ignore: tuple[str, ...] = (),
    progress: Callable[[VillageResult, int, int], None] | None = None,
    mp_context=None,
) -> BatchResult:
    """Write one ``kind`` document per village of ``villages_path`` into ``out_dir``.

    Raises InputError (nothing written) when any village is invalid, unless
    ``skip_invalid``: then the valid ones are written and the result lists the rest.
    """
    started = time.perf_counter()
    kind = resolve_kind(kind)
    data_path, villages_path, out_dir = Path(data_path), Path(villages_path), Path(out_dir)
    context = (mp_context or _default_context()) if jobs > 1 else None
    # With workers that fork, a helper reads the table's problem sheet meanwhile.
    background = context is not None and context.get_start_method() == "fork"
    # With spawned workers (Windows, macOS), start them now: importing and preparing is
    # most of their start, and overlaps this process reading the table.
    spawned = (
        ChunkRunner(
            context, jobs - 1, _spawned, (kind, data_path, templates, check, tuple(ignore), pdf)
        )
        if context is not None and not background
        else None
    )
    with spawned or contextlib.nullcontext():
        with _collector_paused(), VillageReading(villages_path, background=background) as reading:
            loaded = load_situation(data_path, kind=kind)
            not_prepared: InputError | None = None
            try:  # the township's parts, while the table is read
                template_check(kind, templates or default_templates(data_path))
                township = Township(
                    kind, data_path, templates, loaded, check=check, ignore=tuple(ignore), pdf=pdf
                )
            except InputError as exc:  # reported after the table's problems: those come first
                not_prepared = exc
            table = reading.load(loaded.situation.indicators or ())
        other = [p for name, p in table.problems if name is None]
        skipped: dict[str, list[Problem]] = {}
        for name, problem in table.problems:
            if name is not None:
                skipped.setdefault(name, []).append(problem)
        if table.problems and not skip_invalid:
            raise InputError(
                f"村情表有误：{villages_path.name}",
                [p for _, p in table.problems],
                "可加 --skip-invalid 先生成没有问题的村。",
            )
        if not table.villages:
            raise InputError(
                f"村情表中没有可生成的村：{villages_path.name}",
                other + [p for ps in skipped.values() for p in ps],
            )

        villages = table.villages
        targets = target_names([v.name for v in villages], kind)
        pdf_names = [Path(t).with_suffix(".pdf").name for t in targets] if pdf else []
        changed = edited_by_hand(out_dir, [*targets, *pdf_names])
        if changed and not force:
            raise refuse_edited(out_dir, changed)
        if not_prepared is not None:  # the template's problems, once the table's are none
            raise not_prepared
        _clean_staging(out_dir)
        existed = out_dir.exists()

        created = dt.datetime.now(dt.UTC).replace(microsecond=0)
        with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as pdf_tmp:
            plan = Plan(
                kind,
                data_path,
                templates,
                villages,
                table.names,
                villages_path.name,
                out_dir,
                tuple(targets),
                check,
                tuple(ignore),
                created,
                Path(pdf_tmp) if pdf else None,
            )
            with _collector_paused():
                common = Common(plan, township)
            results: list[VillageResult] = []
            prepared = time.perf_counter()
            try:
                for done, result in enumerate(_results(plan, common, jobs, context, spawned), 1):
                    results.append(result)
                    if progress:
                        progress(result, done, len(villages))
                results.sort(key=lambda r: r.index)
                failed = {r.village: r.problems for r in results if r.problems}
                if failed and not skip_invalid:
                    raise InputError(
                        "发现错误，未生成文件",
                        [p for ps in failed.values() for p in ps],
                        "可加 --skip-invalid 先生成没有问题的村。",
                    )
                skipped.update(failed)
                good = [r for r in results if not r.problems]
                generated = time.perf_counter()
                written = _place_all(plan, common, table, good, changed)
                if pdf:
                    written += _place_pdfs(plan, common, table, good, changed)
            except BaseException as exc:
                for result in results:
                    if result.staged:
                        Path(result.staged).unlink(missing_ok=True)
                _clean_staging(out_dir)
                if not existed and out_dir.is_dir() and not any(out_dir.iterdir()):
                    out_dir.rmdir()  # nothing written: leave no empty folder behind
                if not isinstance(exc, WorkerLost):
                    raise
                raise DocgenError(
                    "生成过程中有工作进程意外退出，本次没有写完。已写出的文件都是完整的；"
                    "请重新运行同一命令，会补齐其余文件。"
                ) from None
        _clean_staging(out_dir)  # the staging folders, empty now
        warnings: dict[str, list[str]] = {}
        for result in results:
            for warning in dict.fromkeys(result.warnings):
                warnings.setdefault(warning, []).append(result.village)
        latencies = [r.seconds for r in results]
        phases = {
            "setup": prepared - started,
            "generate": generated - prepared,
            "place": time.perf_counter() - generated,
        }
        return BatchResult(written, skipped, other, warnings, latencies, phases)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Without the cyclic garbage collector: reading the table and preparing the common
    parts make tens of thousands of objects that live as long as the batch, and the
    collections they set off took 10–15 % of that time (measured) for no garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _records(plan: Plan, common: Common, table: VillageTable) -> dict[str, str]:
    template = common.township.template
    template_hash = hashlib.sha256(template.path.read_bytes())
    for name in sorted(template.environment.list_templates()):
        if name.startswith("_"):  # included parts (e.g. _village.md)
            source = template.environment.loader.get_source(template.environment, name)
            template_hash.update(source[0].encode("utf-8"))
    return {
        "kind": plan.kind,
        "data": plan.data_path.name,
        "data_sha256": sha256(plan.data_path.read_bytes()),
        "villages": table.path.name,
        "villages_sha256": sha256(table.path.read_bytes()),
        "template": template.shown,
        "template_sha256": template_hash.hexdigest(),
        "docgen": __version__,
    }


def _place_all(
    plan: Plan, common: Common, table: VillageTable, good: list[VillageResult], changed: list[str]
) -> list[Path]:
    base = _records(plan, common, table)
    stamp = dt.datetime.now().astimezone()
    generated = stamp.isoformat(timespec="seconds")
    staged = [
        Staged(
            result.target,
            result.staged or "",
            {
                **base,
                "village": result.village,
                "sha256": result.sha256 or "",
                "generated": generated,
            },
            stamp if result.target in changed else None,
        )
        for result in good
    ]
    return _place(plan, staged, good)


def _place_pdfs(
    plan: Plan, common: Common, table: VillageTable, good: list[VillageResult], changed: list[str]
) -> list[Path]:
    from .pdf import convert_to_pdf

    sources = [Path(r.pdf_source) for r in good if r.pdf_source]
    pdfs = convert_to_pdf(sources, sources[0].parent / "pdf") if sources else []
    base = {**_records(plan, common, table), "format": "pdf"}
    stamp = dt.datetime.now().astimezone()
    generated = stamp.isoformat(timespec="seconds")
    staged = []
    for result, pdf in zip(good, pdfs, strict=True):
        name = Path(result.target).with_suffix(".pdf").name
        data = pdf.read_bytes()
        tmp = write_temp(plan.out_dir, data, fsync=False, prefix=STAGING_PREFIX)
        record = {**base, "village": result.village, "sha256": sha256(data), "generated": generated}
        staged.append(Staged(name, tmp, record, stamp if name in changed else None))
    return _place(plan, staged, [])


def _place(plan: Plan, staged: list[Staged], results: list[VillageResult]) -> list[Path]:
    journal = Journal(plan.out_dir)
    try:
        written = place_all(plan.out_dir, staged, journal)
    finally:
        journal.close()
    for result in results:
        result.staged = None  # in place: nothing left to clean up
    return written


def _clean_staging(folder: Path) -> None:
    """Remove what a batch staged and did not put in place (killed, or failed)."""
    if not folder.is_dir():
        return
    for leftover in folder.glob(STAGING_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if leftover.is_dir():
                shutil.rmtree(leftover)
            elif leftover.suffix == ".tmp":
                leftover.unlink()


__all__ = ["BatchResult", "OutputError", "VillageResult", "run_batch", "target_names"]
