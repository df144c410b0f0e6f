"""Writing outputs: Windows-valid names, atomic writes, and hand edits that are never lost."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from docgen.errors import OutputError
from docgen.placing import journal as outputs
from docgen.placing.atomic import write_atomic
from docgen.placing.journal import MANIFEST, sha256
from docgen.placing.names import safe_filename, unique_names
from docgen.placing.staging import Staged, Stager, clean_staging, place


@dataclass(frozen=True)
class Output:
    """One file to write and what the journal records of it."""

    name: str
    data: bytes
    record: dict[str, str]


def write_outputs(folder: Path, files: list[Output], *, force: bool = False) -> list[Path]:
    """Files staged and placed the way ``docgen.pipeline`` places a run's documents."""
    stager = Stager(folder)
    try:
        staged = [
            Staged(
                f.name,
                stager.stage(f.data),
                {**f.record, "sha256": sha256(f.data), "generated": "t"},
            )
            for f in files
        ]
        return place(folder, staged, force=force)
    finally:
        clean_staging(folder)


# --- safe_filename -----------------------------------------------------------------------------


@pytest.mark.parametrize("char", list('\\/:*?"<>|'))
def test_forbidden_characters_are_replaced(char: str) -> None:
    name = safe_filename(f"关于{char}防火的通知")
    assert name == "关于_防火的通知.docx"


def test_control_characters_are_replaced() -> None:
    assert safe_filename("甲\t乙\n丙") == "甲_乙_丙.docx"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("CON", "_CON.docx"),
        ("con", "_con.docx"),
        ("aux", "_aux.docx"),
        ("Aux", "_Aux.docx"),
        ("COM1", "_COM1.docx"),
        ("com1", "_com1.docx"),
        ("lpt9", "_lpt9.docx"),
        ("nul.备份", "_nul.备份.docx"),
        ("CON .备份", "_CON .备份.docx"),
        ("COM10", "COM10.docx"),
        ("CONTRACT", "CONTRACT.docx"),
        ("console", "console.docx"),
    ],
)
def test_reserved_device_names(title: str, expected: str) -> None:
    assert safe_filename(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("会议纪要.", "会议纪要.docx"),
        ("会议纪要. . ", "会议纪要.docx"),
        ("  会议纪要  ", "会议纪要.docx"),
        ("", "未命名.docx"),
        ("   ", "未命名.docx"),
        ("...", "未命名.docx"),
        ("???", "___.docx"),
    ],
)
def test_trailing_dots_spaces_and_empty(title: str, expected: str) -> None:
    assert safe_filename(title) == expected


def test_long_names_are_cut_and_leave_room_for_a_backup_suffix() -> None:
    latin = safe_filename("a" * 300)
    assert latin == "a" * 80 + ".docx"
    chinese = safe_filename("关于进一步加强" * 40)
    backup = chinese.removesuffix(".docx") + ".备份-20261128-093000.docx"
    assert len(backup.encode("utf-8")) <= 255
    assert chinese.startswith("关于进一步加强关于")


def test_cut_never_ends_in_a_dot() -> None:
    assert safe_filename("a" * 79 + ".b") == "a" * 79 + ".docx"
    assert safe_filename("a" * 78 + " .b") == "a" * 78 + ".docx"


def test_other_suffix() -> None:
    assert safe_filename("提纲", suffix=".md") == "提纲.md"


# --- atomic write ------------------------------------------------------------------------------


def test_write_atomic_writes_bytes_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "新建" / "讲话.docx"
    write_atomic(target, b"content")
    assert target.read_bytes() == b"content"
    assert sorted(p.name for p in target.parent.iterdir()) == ["讲话.docx"]


def test_failed_replace_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "讲话.docx"
    target.write_bytes(b"old")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["讲话.docx"]


def test_write_outputs_turns_an_os_refusal_into_a_chinese_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError) as info:
        write_outputs(tmp_path, [output(b"v1")])
    message = info.value.format_message()
    assert "讲话.docx" in message
    assert "Word" in message
    assert "关闭" in message
    assert list(tmp_path.iterdir()) == []


# --- the manifest ------------------------------------------------------------------------------


def output(data: bytes, name: str = "讲话.docx") -> Output:
    return Output(name, data, {"kind": "speech", "data": "情况.yaml"})


def manifest(folder: Path) -> dict[str, dict[str, str]]:
    """The last JSON line per file in the journal."""
    found: dict[str, dict[str, str]] = {}
    for line in (folder / MANIFEST).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        found[record.pop("file")] = record
    return found


def test_first_write_records_hash_and_details(tmp_path: Path) -> None:
    (path,) = write_outputs(tmp_path, [output(b"v1")])
    assert path == tmp_path / "讲话.docx"
    assert path.read_bytes() == b"v1"
    record = manifest(tmp_path)["讲话.docx"]
    assert record["sha256"] == sha256(b"v1")
    assert record["kind"] == "speech"
    assert record["data"] == "情况.yaml"
    assert record["generated"]


def test_rerun_over_unchanged_file_overwrites(tmp_path: Path) -> None:
    write_outputs(tmp_path, [output(b"v1")])
    write_outputs(tmp_path, [output(b"v2")])
    assert (tmp_path / "讲话.docx").read_bytes() == b"v2"
    assert manifest(tmp_path)["讲话.docx"]["sha256"] == sha256(b"v2")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([MANIFEST, "讲话.docx"])


def test_hand_edited_file_is_not_overwritten(tmp_path: Path) -> None:
    write_outputs(tmp_path, [output(b"v1")])
    target = tmp_path / "讲话.docx"
    target.write_bytes(b"edited in Word")
    with pytest.raises(OutputError) as info:
        write_outputs(tmp_path, [output(b"v2")])
    message = info.value.format_message()
    assert "讲话.docx" in message
    assert "修改" in message
    assert "--force" in message
    assert target.read_bytes() == b"edited in Word"
    assert manifest(tmp_path)["讲话.docx"]["sha256"] == sha256(b"v1")


def test_force_keeps_a_backup_with_the_original_bytes(tmp_path: Path) -> None:
    write_outputs(tmp_path, [output(b"v1")])
    target = tmp_path / "讲话.docx"
    target.write_bytes(b"edited in Word")
    write_outputs(tmp_path, [output(b"v2")], force=True)
    assert target.read_bytes() == b"v2"
    backups = [p for p in tmp_path.iterdir() if p.name.startswith("讲话.备份-")]
    assert len(backups) == 1
    assert backups[0].suffix == ".docx"
    assert backups[0].read_bytes() == b"edited in Word"
    # The new file is recorded, so the next run overwrites it without --force.
    write_outputs(tmp_path, [output(b"v3")])
    assert target.read_bytes() == b"v3"


def test_file_docgen_never_wrote_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "讲话.docx"
    target.write_bytes(b"someone else's file")
    with pytest.raises(OutputError) as info:
        write_outputs(tmp_path, [output(b"v1")])
    assert str(target) in info.value.format_message()
    assert target.read_bytes() == b"someone else's file"
    assert not (tmp_path / MANIFEST).exists()


def test_other_outputs_in_the_manifest_are_kept(tmp_path: Path) -> None:
    write_outputs(tmp_path, [output(b"a", "甲.docx")])
    write_outputs(tmp_path, [output(b"b", "乙.docx")])
    assert set(manifest(tmp_path)) == {"甲.docx", "乙.docx"}


@pytest.mark.parametrize(
    "content",
    [
        b"{not json\n",
        b"[1, 2]\n",
        b'{"files": [1, 2]}\n',
        b'{"file": "\xe8\xae\xb2\xe8\xaf\x9d.docx", "sha256": 5}\n',
        b"\xff\xfe\x00garbage\n",
    ],
)
def test_corrupt_manifest_gives_a_clear_message(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "讲话.docx").write_bytes(b"v1")
    (tmp_path / MANIFEST).write_bytes(content)
    with pytest.raises(OutputError) as info:
        write_outputs(tmp_path, [output(b"v2")])
    message = info.value.format_message()
    assert MANIFEST in message
    assert "损坏" in message
    assert (tmp_path / "讲话.docx").read_bytes() == b"v1"


def test_written_file_has_ordinary_permissions(tmp_path: Path) -> None:
    write_atomic(tmp_path / "讲话.docx", b"x")
    mode = (tmp_path / "讲话.docx").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


# --- the journal -------------------------------------------------------------------------------


def test_records_are_appended_one_line_per_write(tmp_path: Path) -> None:
    write_outputs(tmp_path, [output(b"v1")])
    write_outputs(tmp_path, [output(b"v2")])
    lines = (tmp_path / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["sha256"] for line in lines] == [sha256(b"v1"), sha256(b"v2")]


def test_a_torn_last_line_is_ignored_and_repaired(tmp_path: Path) -> None:
    write_outputs(tmp_path, [output(b"v1")])
    with (tmp_path / MANIFEST).open("ab") as handle:
        handle.write(b'{"file": "\xe8\xae\xb2')  # cut off mid-record, mid-character
    assert outputs.read_manifest(tmp_path)["讲话.docx"]["sha256"] == sha256(b"v1")
    write_outputs(tmp_path, [output(b"v2")])
    assert manifest(tmp_path)["讲话.docx"]["sha256"] == sha256(b"v2")


def test_previous_version_counts_as_generated(tmp_path: Path) -> None:
    """A run stopped after recording v2 but before renaming it leaves v1 on disk: not an edit."""
    write_outputs(tmp_path, [output(b"v1")])
    journal = outputs.Journal(tmp_path)
    journal.append("讲话.docx", {"sha256": sha256(b"v2")})
    journal.close()
    assert outputs.edited_by_hand(tmp_path, ["讲话.docx"]) == []
    (tmp_path / "讲话.docx").write_bytes(b"edited")
    assert outputs.edited_by_hand(tmp_path, ["讲话.docx"]) == ["讲话.docx"]


def test_legacy_whole_json_manifest_is_still_honoured(tmp_path: Path) -> None:
    (tmp_path / "讲话.docx").write_bytes(b"v1")
    legacy = {"files": {"讲话.docx": {"sha256": sha256(b"v1")}}}
    (tmp_path / outputs.LEGACY_MANIFEST).write_text(json.dumps(legacy), encoding="utf-8")
    write_outputs(tmp_path, [output(b"v2")])
    assert (tmp_path / "讲话.docx").read_bytes() == b"v2"


def test_long_journal_is_compacted(tmp_path: Path) -> None:
    journal = outputs.Journal(tmp_path)
    for i in range(300):
        journal.append("讲话.docx", {"sha256": str(i)})
    journal.close()
    lines = (tmp_path / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["sha256"] for line in lines] == ["298", "299"]


def test_log_grown_over_earlier_runs_is_compacted(tmp_path: Path) -> None:
    for i in range(300):  # three hundred earlier runs, one record each
        journal = outputs.Journal(tmp_path)
        journal.append("讲话.docx", {"sha256": str(i)})
        journal.close()
    lines = (tmp_path / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["sha256"] for line in lines][-2:] == ["298", "299"]
    assert len(lines) < 210  # compacted along the way, not left to grow


def test_a_batch_of_new_files_is_not_compacted_away(tmp_path: Path) -> None:
    journal = outputs.Journal(tmp_path)
    journal.append_all([(f"村{i}_通知.docx", {"sha256": str(i)}) for i in range(500)])
    journal.close()
    assert len(outputs.read_manifest(tmp_path)) == 500


# --- hostile names and targets -------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("..", "未命名.docx"),
        (".", "未命名.docx"),
        (".隐藏的通知", "隐藏的通知.docx"),
        (" . 东坪村", "东坪村.docx"),
        ("东坪\u202e村", "东坪村.docx"),  # an invisible right-to-left override
        ("nul", "_nul.docx"),
    ],
)
def test_names_are_never_hidden_reserved_or_invisible(stem: str, expected: str) -> None:
    assert unique_names([stem]) == [expected]


def test_a_long_name_is_cut_keeping_its_ending_and_stays_unique() -> None:
    village = "东" * 300
    names = unique_names([village, village + "西"], endings=["_通知", "_通知"])
    assert all(n.removesuffix(".docx").removesuffix("（2）").endswith("_通知") for n in names)
    assert len(set(names)) == 2 and all(len(n) < 100 for n in names)


def test_a_read_only_target_is_refused_even_with_force(tmp_path: Path) -> None:
    write_outputs(tmp_path, [output(b"v1")])
    target = tmp_path / "讲话.docx"
    target.chmod(0o444)
    try:
        for force in (False, True):
            with pytest.raises(OutputError) as info:
                write_outputs(tmp_path, [output(b"v2")], force=force)
            assert "只读" in info.value.format_message()
            assert target.read_bytes() == b"v1"
            assert target.stat().st_mode & 0o777 == 0o444
    finally:
        target.chmod(0o644)


def test_a_folder_in_place_of_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "讲话.docx").mkdir()
    for force in (False, True):
        with pytest.raises(OutputError) as info:
            write_outputs(tmp_path, [output(b"v1")], force=force)
        assert "文件夹" in info.value.format_message()
    assert (tmp_path / "讲话.docx").is_dir()


def test_an_output_folder_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "输出").write_bytes(b"a file")
    with pytest.raises(OutputError):
        write_outputs(tmp_path / "输出", [output(b"v1")])
    assert (tmp_path / "输出").read_bytes() == b"a file"


def test_a_full_disk_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_outputs(tmp_path, [output(b"v1")])
    real = os.write

    def full(fd: int, data: bytes) -> int:
        if len(data) > 3:  # half a file written, then the disk is full
            real(fd, bytes(data)[:3])
            raise OSError(28, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OutputError) as info:
        write_outputs(tmp_path, [output(b"v2 is longer")])
    monkeypatch.setattr(os, "write", real)
    assert "磁盘空间已满" in info.value.format_message()
    assert (tmp_path / "讲话.docx").read_bytes() == b"v1"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([MANIFEST, "讲话.docx"])
