"""The stages in order: load → render → parse → check → write. Usable from Python and the CLI."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .data.load import LoadedOffice, LoadedSituation, load_situation
from .data.schema import KINDS, REQUIRED_SECTIONS, Office
from .errors import InputError, Problem
from .layout import DEFAULT_PROFILE, LayoutProfile
from .model import Document
from .outputs import Output, safe_filename, sha256, write_outputs
from .parse import parse_markdown
from .provenance import Tracer, data_texts
from .render import render_template
from .template_tools.lint import raise_if_errors as template_check

_BY_CHINESE = {v: k for k, v in KINDS.items()}
ALL = "all"
CHECK_HINT = (
    "文字检查的问题请到所示的情况文件或模板行修改；确属误报的，可加 --ignore 代码 跳过本次检查，"
    "或在单位设置的【检查】中关闭该规则。"
)


def resolve_kind(name: str) -> str:
    """Accept ``speech`` or ``讲话稿``."""
    kind = _BY_CHINESE.get(name, name)
    if kind not in KINDS:
        allowed = "、".join(f"{k}（{v}）" for k, v in KINDS.items())
        raise InputError(f"不认识的文种“{name}”，可用：{allowed}，或 all（全部）")
    return kind


def default_templates(data_path: Path) -> Path | None:
    """A ``templates`` folder beside the situation file overrides the built-in templates."""
    folder = data_path.parent / "templates"
    return folder if folder.is_dir() else None


@dataclass(frozen=True)
class Built:
    kind: str
    document: Document
    loaded: LoadedSituation
    template: str
    template_path: Path
    markdown: str


def build_document(kind: str, data_path: Path, templates: Path | None = None) -> Built:
    """Everything up to the document model; raises InputError with every problem found."""
    kind = resolve_kind(kind)
    loaded = load_situation(data_path, kind=kind)
    override = templates or default_templates(data_path)
    template_check(kind, override)  # the checks of docgen templates check, office templates only
    rendered = render_template(kind, loaded, override)
    result = parse_markdown(rendered.text, rendered.template)
    if result.problems:
        raise InputError(f"模板生成的内容有误：{rendered.template}", result.problems)
    return Built(kind, result.document, loaded, rendered.template, rendered.path, rendered.text)


def kinds_in(data_path: Path) -> list[str]:
    """The kinds a situation file has data for (``render all``): sections present."""
    from .data.yamlread import parse_yaml  # the file is validated again per kind
    from .textio import read_text

    value, _ = parse_yaml(read_text(data_path), data_path)
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


# --- checks -----------------------------------------------------------------------------------


def check_built(built: Built, ignore: Iterable[str] = ()) -> tuple[list[Problem], list[Problem]]:
    """Language checks on the model, reported at their source. Returns (errors, others)."""
    from .check import check_document
    from .check.findings import Severity
    from .check.units import from_document

    config = check_config(built.loaded.office, built.kind, ignore)
    units = from_document(built.document)
    findings = check_document(built.document, kind=KINDS[built.kind], config=config)
    tracer = _tracer(built)
    errors, others = [], []
    for finding in findings:
        unit = units[finding.unit]
        block = built.document.blocks[unit.block]
        source = getattr(block, "source", None)
        place = tracer.place(unit.text, finding.start, finding.end, source.line if source else None)
        problem = Problem(place.where, finding_message(finding), place.field)
        (errors if finding.severity is Severity.ERROR else others).append(problem)
    return errors, others


def finding_message(finding) -> str:
    """'错误 TY01 “布署”是错别字，应为“部署”' without repeating what the message says."""
    label = {"error": "错误", "warning": "警告", "hint": "提示"}[finding.severity.value]
    text = f"{label} {finding.code} {finding.message}"
    if finding.text and f"“{finding.text}”" not in finding.message:
        text += f"：“{finding.text}”"
    if finding.suggestion and finding.suggestion not in finding.message:
        text += f" → {finding.suggestion}"
    return text


def check_config(loaded_office: LoadedOffice | None, kind: str, ignore: Iterable[str] = ()):
    """The checker settings of a render or batch: the office's 【检查】, then ``--ignore``."""
    from .check.config import CheckConfig

    settings: dict[str, object] = {}
    if loaded_office is not None:
        settings = office_check_settings(loaded_office.office, loaded_office.path)
    settings["关闭"] = [*settings.get("关闭", []), *ignore]
    settings["文种"] = KINDS[kind]
    where = loaded_office.path.name if loaded_office else "检查配置"
    return CheckConfig.from_dict(settings, where)


def office_check_settings(office: Office, office_path: Path) -> dict[str, object]:
    """The office profile's 【检查】 section, word-list folders taken relative to the profile."""
    settings = dict(office.checks or {})
    folders = settings.get("词表目录") or []
    if isinstance(folders, str):
        folders = [folders]
    settings["词表目录"] = [str(office_path.parent / folder) for folder in folders]
    return settings


def _tracer(built: Built) -> Tracer:
    return tracer_for(built.loaded, built.template_path, built.template)


def tracer_for(loaded: LoadedSituation, template_path: Path, template_name: str) -> Tracer:
    """Where text of documents from ``loaded`` and a template can be fixed (see provenance)."""
    texts = data_texts(
        loaded.situation.model_dump(by_alias=True), (), loaded.line_of, loaded.path.name
    )
    if loaded.office:
        office = loaded.office
        texts += data_texts(
            office.office.model_dump(by_alias=True), (), office.line_of, office.path.name
        )
    return Tracer(texts, template_path, template_name)


# --- writing ----------------------------------------------------------------------------------


def profile_for(office: Office | None, base: LayoutProfile = DEFAULT_PROFILE) -> LayoutProfile:
    """The office's font choices (e.g. 仿宋 instead of 仿宋_GB2312) over the standard profile."""
    if office is None or office.fonts is None:
        return base
    f = office.fonts
    body = f.body or base.body_font
    kaiti = f.kaiti or base.subtitle_font
    headings = (f.heading1 or base.heading_fonts[0], kaiti, body, body)
    return dataclasses.replace(
        base,
        body_font=body,
        table_font=body,
        imprint_font=body,
        title_font=f.title or base.title_font,
        mark_font=f.title or base.mark_font,
        heading_fonts=headings,
        subtitle_font=kaiti,
        signer_font=kaiti,
        latin_font=f.latin or base.latin_font,
    )


def render_files(
    kind: str,
    data_path: Path,
    out_dir: Path,
    *,
    templates: Path | None = None,
    force: bool = False,
    pdf: bool = False,
    check: bool = True,
    ignore: Iterable[str] = (),
    warn: Callable[[Problem], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Build, check and write ``out_dir/<title>.docx`` (and PDFs); returns the written paths.

    ``kind`` may be ``all``: every kind the situation file has data for.
    """
    kinds = kinds_in(data_path) if kind == ALL else [resolve_kind(kind)]
    if not kinds:
        raise InputError(
            f"{data_path.name} 中没有可生成的文档",
            [
                Problem(
                    data_path.name,
                    "缺少各文种需要的数据",
                    hint="参照 examples/population.yaml 填写",
                )
            ],
        )
    return render_jobs(
        [(k, data_path) for k in kinds],
        out_dir,
        templates=templates,
        force=force,
        pdf=pdf,
        check=check,
        ignore=ignore,
        warn=warn,
        progress=progress,
    )


def render_jobs(
    jobs: list[tuple[str, Path]],
    out_dir: Path,
    *,
    templates: Path | None = None,
    force: bool = False,
    pdf: bool = False,
    check: bool = True,
    ignore: Iterable[str] = (),
    warn: Callable[[Problem], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Render (kind, situation file) pairs into one folder, all or nothing.

    Every document is built and checked before anything is written, so one bad figure
    stops the whole set; PDFs of all documents come from one LibreOffice call.
    ``progress(done, total)`` is called after each document is built, checked and written.
    """
    from .word.writer import docx_bytes  # python-docx only when writing

    total = len(jobs) * (3 if check else 2)
    steps = iter(range(1, total + 1))
    step = (lambda: progress(next(steps), total)) if progress else (lambda: None)
    built, problems = [], []
    for kind, data_path in jobs:
        try:
            built.append(build_document(kind, data_path, templates))
        except InputError as exc:
            problems.extend(exc.problems or [Problem(data_path.name, exc.summary)])
        step()
    checked = not problems and check
    if checked:
        for item in built:
            errors, others = check_built(item, ignore)
            problems.extend(errors)
            for other in others:
                if warn:
                    warn(other)
            step()
    if problems:
        raise InputError("发现错误，未生成文件", _unique(problems), CHECK_HINT if checked else "")

    outputs, docs = [], []
    for item in built:
        office = item.loaded.office.office if item.loaded.office else None
        profile = profile_for(office)
        name = safe_filename(document_name(item.document, item.kind))
        data_path = item.loaded.path
        record = {
            "kind": item.kind,
            "data": data_path.name,
            "data_sha256": sha256(data_path.read_bytes()),
            "template": item.template,
            "docgen": __version__,
        }
        outputs.append(Output(name, docx_bytes(item.document, profile), record))
        docs.append((name, item.document, profile, record))
        step()
    if pdf:
        outputs.extend(_pdf_outputs(docs))
    return write_outputs(out_dir, outputs, force=force)


def document_name(doc: Document, kind: str) -> str:
    """The file name: the title, else the 版头 (纪要: 标志 and 期号), else the kind."""
    if doc.title:
        return doc.title
    if doc.masthead is not None:
        return f"{doc.masthead.mark}（{doc.masthead.number}）"
    return KINDS[kind]


def _pdf_outputs(docs: list[tuple[str, Document, LayoutProfile, dict]]) -> list[Output]:
    """PDFs through LibreOffice in one call, from left-aligned copies (see docs/layout.md)."""
    from .pdf import convert_to_pdf
    from .word.writer import docx_bytes

    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as tmp:
        folder = Path(tmp)
        sources = []
        for name, document, profile, _ in docs:
            path = folder / name
            path.write_bytes(docx_bytes(document, dataclasses.replace(profile, justify=False)))
            sources.append(path)
        pdfs = convert_to_pdf(sources, folder / "pdf")
        return [
            Output(pdf.name, pdf.read_bytes(), {**record, "format": "pdf"})
            for pdf, (_, _, _, record) in zip(pdfs, docs, strict=True)
        ]


def _unique(problems: list[Problem]) -> list[Problem]:
    """The same slip reported by several documents of a set is listed once."""
    return list(dict.fromkeys(problems))
