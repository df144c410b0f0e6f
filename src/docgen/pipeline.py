"""The stages in order: load → render → parse → (check) → write. Usable from Python and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .data.load import LoadedSituation, load_situation
from .errors import InputError
from .model import Document
from .outputs import Output, safe_filename, sha256, write_outputs
from .parse import parse_markdown
from .render import render_template

#: Document kinds: English name used on the command line → Chinese name.
KINDS: dict[str, str] = {
    "speech": "讲话稿",
    "notice": "通知",
    "plan": "实施方案",
    "report": "报告",
    "bulletin": "通报",
    "minutes": "纪要",
}
_BY_CHINESE = {v: k for k, v in KINDS.items()}


def resolve_kind(name: str) -> str:
    """Accept ``speech`` or ``讲话稿``."""
    kind = _BY_CHINESE.get(name, name)
    if kind not in KINDS:
        allowed = "、".join(f"{k}（{v}）" for k, v in KINDS.items())
        raise InputError(f"不认识的文种“{name}”，可用：{allowed}")
    return kind


def default_templates(data_path: Path) -> Path | None:
    """A ``templates`` folder beside the situation file overrides the built-in templates."""
    folder = data_path.parent / "templates"
    return folder if folder.is_dir() else None


@dataclass(frozen=True)
class Built:
    document: Document
    loaded: LoadedSituation
    template: str
    markdown: str


def build_document(kind: str, data_path: Path, templates: Path | None = None) -> Built:
    """Everything up to the document model; raises InputError with every problem found."""
    kind = resolve_kind(kind)
    loaded = load_situation(data_path, kind=kind)
    rendered = render_template(kind, loaded, templates or default_templates(data_path))
    result = parse_markdown(rendered.text, rendered.template)
    if result.problems:
        raise InputError(f"模板生成的内容有误：{rendered.template}", result.problems)
    return Built(result.document, loaded, rendered.template, rendered.text)


def render_files(
    kind: str,
    data_path: Path,
    out_dir: Path,
    *,
    templates: Path | None = None,
    force: bool = False,
) -> list[Path]:
    """Build and write ``out_dir/<title>.docx``; returns the written paths."""
    from .word.writer import docx_bytes  # python-docx only when writing

    built = build_document(kind, data_path, templates)
    data = docx_bytes(built.document)
    record = {
        "kind": resolve_kind(kind),
        "data": data_path.name,
        "data_sha256": sha256(data_path.read_bytes()),
        "template": built.template,
        "docgen": __version__,
    }
    name = safe_filename(built.document.title or KINDS[resolve_kind(kind)])
    return write_outputs(out_dir, [Output(name, data, record)], force=force)
