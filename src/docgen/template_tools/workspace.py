"""Where an office's own templates live, which template is in effect, and copying one out."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..kinds import KIND_LIST, KINDS
from ..resources import builtin_dir

SUFFIX = ".md"
FOLDER = "templates"


def builtin_folder() -> Path:
    return builtin_dir("templates")


def workspace_folder(templates: Path | None, data: Path | None) -> Path:
    """``--templates``, else the ``templates`` folder beside the situation file, else the
    one in the current folder (where a clerk usually keeps the situation file), else the
    current folder itself when it holds templates (a secretary who opened the templates
    folder and runs the command there)."""
    if templates is not None:
        if not templates.is_dir():
            raise InputError(
                f"找不到模板文件夹：{templates}",
                [Problem(str(templates), "这个文件夹不存在")],
                "请检查 --templates 后面的文件夹名；"
                "本单位模板一般在情况文件旁的 templates 文件夹中。",
            )
        return templates
    if data is not None:
        return data.parent / FOLDER
    if not Path(FOLDER).is_dir() and holds_templates(Path.cwd()):
        return Path.cwd()
    return Path(FOLDER)


def holds_templates(folder: Path) -> bool:
    """Whether ``folder`` has a file named like a built-in template (speech.md, _shared.md)."""
    return any((folder / name).is_file() for name in builtin_names())


def override_of(folder: Path) -> Path | None:
    """The folder as an override: None when it does not exist or is the built-in one."""
    if not folder.is_dir() or folder.resolve() == builtin_folder().resolve():
        return None
    return folder


def shown_name(path: Path, override: Path | None) -> str:
    """How messages name a template file: its path if the office's, else 名称（内置模板）."""
    if override is not None and path.resolve().is_relative_to(override.resolve()):
        return str(path)
    return f"{path.name}（内置模板）"


def file_name(name: str) -> str:
    """``speech``, ``讲话稿``, ``讲话``, ``speech.md``, ``_shared`` → the template's file name."""
    from ..kinds import english_kind

    stem = name.removesuffix(SUFFIX)
    return (english_kind(stem) or stem) + SUFFIX


def builtin_names() -> list[str]:
    """Kinds first (in the order of KINDS), then the parts (``_*.md``)."""
    parts = sorted(p.name for p in builtin_folder().glob(f"_*{SUFFIX}"))
    return [kind + SUFFIX for kind in KINDS] + parts


def known(name: str) -> str:
    """The file name of a built-in template, or InputError listing what there is."""
    found = file_name(name)
    if found not in builtin_names():
        kinds = KIND_LIST
        parts = "、".join(n for n in builtin_names() if n.startswith("_"))
        raise InputError(
            f"没有名为“{name}”的模板",
            [Problem(name, f"可用的文种：{kinds}；模板的组成部分：{parts}")],
        )
    return found


@dataclass(frozen=True)
class InEffect:
    """One template name and the file a render would use for it."""

    name: str
    kind: str | None  # the document kind, None for a part
    path: Path
    own: bool  # the office's copy, not the built-in


def in_effect(override: Path | None) -> list[InEffect]:
    found = []
    for name in builtin_names():
        own = override / name if override is not None else None
        path = own if own is not None and own.is_file() else builtin_folder() / name
        kind = name.removesuffix(SUFFIX)
        found.append(InEffect(name, kind if kind in KINDS else None, path, path == own))
    return found


def strays(override: Path | None) -> list[Path]:
    """Template-like files in the office's folder that no render will use (a misspelt name)."""
    if override is None:
        return []
    names = set(builtin_names())
    return sorted(p for p in override.glob(f"*{SUFFIX}") if p.name not in names)


def stray_reminders(override: Path | None) -> list[str]:
    """A reminder per stray file: a renamed ``讲话稿.md`` is silently not used otherwise."""
    return [
        f"提醒：{path} 不是任何文种的模板，生成时没有用到（文件名是否写错？"
        f"模板的文件名要和内置的一样，如 speech.md）"
        for path in strays(override)
    ]


@dataclass(frozen=True)
class Copied:
    """A template copied out; ``backup``: where the file it replaced was saved, if any."""

    target: Path
    backup: Path | None = None


def copy_templates(names: list[str], folder: Path, *, force: bool) -> list[Copied]:
    """Copy built-in templates into ``folder``. An existing file is kept unless ``force``;
    then, unless it is the built-in text unchanged, it is first saved beside it under a name
    of its own (``speech.md.备份-20261206-211530.bak``), so a second ``--force`` never
    overwrites the first one's backup."""
    import datetime as dt

    pairs = [(builtin_folder() / n, folder / n) for n in dict.fromkeys(names)]
    existing = [target for _, target in pairs if target.exists()]
    if existing and not force:
        raise InputError(
            "模板文件已存在，没有覆盖",
            [Problem(str(t), "这个文件已经存在（可能已按本单位修改过）") for t in existing],
            "要用自带模板重新开始，请加 --force（原文件先备份为“文件名.备份-时间.bak”）。",
        )
    folder.mkdir(parents=True, exist_ok=True)
    stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
    copied = []
    for source, target in pairs:
        backup = None
        if target.exists() and target.read_bytes() != source.read_bytes():
            backup = _free_name(target.with_name(f"{target.name}.备份-{stamp}.bak"))
            shutil.copyfile(target, backup)
        shutil.copyfile(source, target)
        copied.append(Copied(target, backup))
    return copied


def _free_name(path: Path) -> Path:
    """``path``, or ``…-2.bak``, ``…-3.bak``… when it is taken (two copies in one second)."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate
