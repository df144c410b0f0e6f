"""Every command on broken and hostile inputs: a message in Chinese, never a traceback or a
hang, and nothing lost (docs/保障.md)."""

from __future__ import annotations

import shutil
import signal
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.resources import builtin_dir
from docgen.villages.columns import PROBLEM_COLUMNS
from docgen.villages.xlsx import SheetSpec, workbook_bytes

EXAMPLES = builtin_dir("examples")
#: Seconds any one command may take on a hostile input (the limits stop far sooner).
PATIENCE = 60


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    def expire(*_: object) -> None:
        raise TimeoutError(f"hung for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def docgen(*args: object) -> Result:
    with deadline(PATIENCE):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)


def assert_refused(result: Result) -> None:
    """Exit 1 or 2 with a Chinese message, and no Python traceback or exception."""
    shown = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}\n{shown}"
    )
    assert result.exit_code in (1, 2), shown
    assert "Traceback" not in shown
    assert any("\u4e00" <= c <= "\u9fff" for c in shown), shown


# --- the inputs --------------------------------------------------------------------------------

DATA = (EXAMPLES / "population.yaml").read_text(encoding="utf-8")
RURAL = (EXAMPLES / "rural-environment.yaml").read_text(encoding="utf-8")


def alias_bomb() -> str:
    lines = ["a: &a [甲, 甲, 甲, 甲, 甲, 甲, 甲, 甲, 甲]"]
    for n in range(1, 25):
        lines.append(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}' if n > 1 else '*a'] * 9)}]")
    return "\n".join(lines) + "\n"


SITUATIONS: dict[str, Callable[[], bytes]] = {
    "alias bomb": lambda: alias_bomb().encode(),
    "deep nesting": lambda: ("a:\n" + "".join("  " * i + "- \n" for i in range(1, 3000))).encode(),
    "deep flow": lambda: ("a: " + "[" * 20000 + "]" * 20000 + "\n").encode(),
    "lone surrogate": lambda: DATA.replace(
        "主题: 人口和家庭发展工作", '主题: "人口\\ud800"'
    ).encode(),
    "control escape": lambda: DATA.replace(
        "主题: 人口和家庭发展工作", '主题: "人口\\x01家庭"'
    ).encode(),
    # an indicator's first dated figure (issue 14 wrote 本镇: 93.5 as a dated list of 数值;
    # the comment above the list says “数值: 93.5” too, hence the indent)
    "5000 digits": lambda: DATA.replace(
        "\n        数值: 93.5\n", "\n        数值: " + "9" * 5000 + "\n", 1
    ).encode(),
    # one figure under its older name (本乡 for 数值): read by the same number parser
    "5000 digits, older name": lambda: RURAL.replace(
        "\n    数值: 86.3\n", "\n    本乡: " + "9" * 5000 + "\n", 1
    ).encode(),
    "binary": lambda: bytes(range(256)) * 40,
    "utf-16 no bom": lambda: DATA.encode("utf-16-le"),
    "gbk": lambda: DATA.encode("gbk"),
    "empty": lambda: b"",
    "a list": lambda: b"- a\n- b\n",
    "huge value": lambda: DATA.replace(
        "主题: 人口和家庭发展工作", "主题: " + "长" * 30000
    ).encode(),
    "truncated": lambda: DATA.encode()[: len(DATA.encode()) // 3],
}


def test_the_hostile_situations_are_really_hostile() -> None:
    for name in ("lone surrogate", "control escape", "huge value", "5000 digits"):
        assert SITUATIONS[name]() != DATA.encode(), name
    for name in ("5000 digits", "5000 digits, older name"):
        assert ("9" * 5000).encode() in SITUATIONS[name](), name


@pytest.mark.parametrize("name", sorted(SITUATIONS))
@pytest.mark.parametrize("command", ["render", "inspect", "check", "convert", "batch"])
def test_a_broken_situation_file_never_gives_a_traceback(
    tmp_path: Path, name: str, command: str
) -> None:
    data = tmp_path / "情况.yaml"
    data.write_bytes(SITUATIONS[name]())
    shutil.copytree(EXAMPLES / "offices", tmp_path / "offices")
    out = tmp_path / "out"
    args = {
        "render": ["render", "all", data, "-o", out],
        "inspect": ["inspect", data],
        "check": ["check", data],
        "convert": ["convert", data, tmp_path / "情况表.xlsx"],
        "batch": ["batch", "notice", data, "--villages", EXAMPLES / "villages.xlsx", "-o", out],
    }[command]
    result = docgen(*args)
    if name == "gbk":  # read as GBK: a valid file
        assert (result.exit_code in (0, 1) and result.exception is None) or isinstance(
            result.exception, SystemExit
        ), result.output
        return
    if command in ("check", "convert") and result.exit_code == 0:
        assert result.exception is None, result.output
        return  # a file the checker reads, or a half-filled file the converter carries over
    assert_refused(result)
    assert not list(out.glob("*.docx"))


TEMPLATES: dict[str, str] = {
    "huge power": "# 标题\n\n{{ 9 ** 99999 }}\n",
    "huge string": '# 标题\n\n{{ "字" * 300000000 }}\n',
    "nested ranges": "# 标题\n\n{% for i in range(99999) %}{% for j in range(99999) %}"
    "{% endfor %}{% endfor %}\n",
    "huge filter argument": '# 标题\n\n{{ "x" | center(999999999) }}\n',
    "huge format": '# 标题\n\n{{ "%999999999s" % "x" }}\n',
    "recursion": "{% macro m() %}{{ m() }}{% endmacro %}# 标题\n\n{{ m() }}\n",
    "lipsum": "# 标题\n\n{{ lipsum() }}\n",
    "sandbox escape": "# 标题\n\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n",
    "unclosed": "# 标题\n\n{% if 主题 %}\n正文\n",
    "unknown filter": "# 标题\n\n{{ 主题 | 没有这个 }}\n",
    "full-width braces": "# 标题\n\n｛｛ 主题 ｝｝\n",
    "constant power while compiling": "# 标题\n\n{{ 2 ** 2 ** 2 ** 2 ** 2 ** 2 }}\n",
    "control character": "# 标题\n\n{{ '\\x01' }}正文\n",
}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_a_hostile_template_is_stopped_with_its_line(tmp_path: Path, name: str) -> None:
    shutil.copy(EXAMPLES / "population.yaml", tmp_path)
    shutil.copytree(EXAMPLES / "offices", tmp_path / "offices")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "speech.md").write_text(TEMPLATES[name], encoding="utf-8")
    result = docgen("render", "speech", tmp_path / "population.yaml", "-o", tmp_path / "out")
    assert_refused(result)
    assert "speech.md" in result.output
    assert not (tmp_path / "out").exists()


SPEECH = (builtin_dir("templates") / "speech.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("content", [bytes(range(256)) * 20, SPEECH.encode("gbk")])
def test_a_template_in_gbk_works_and_a_binary_one_is_named(tmp_path: Path, content: bytes) -> None:
    shutil.copy(EXAMPLES / "population.yaml", tmp_path)
    shutil.copytree(EXAMPLES / "offices", tmp_path / "offices")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "speech.md").write_bytes(content)
    result = docgen("inspect", tmp_path / "population.yaml")
    if content == SPEECH.encode("gbk"):
        assert result.exit_code == 0 and "人口和家庭发展" in result.output, result.output
    else:
        assert_refused(result)
        assert "speech.md" in result.output


def broken_zips(tmp_path: Path) -> dict[str, Path]:
    """Files that claim to be .xlsx or .docx and are not (or are bombs)."""
    found = {}
    found["not a zip"] = tmp_path / "not-a-zip"
    found["not a zip"].write_bytes(b"PK\x03\x04 not really")
    bomb = tmp_path / "bomb"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"\0" * 1000)
    data = bytearray(bomb.read_bytes())  # claim 4 GB once unpacked, as a real bomb does
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.index(signature)
        data[at + offset : at + offset + 4] = (0xFFFFFFF0).to_bytes(4, "little")
    bomb.write_bytes(bytes(data))
    found["zip bomb"] = bomb
    empty = tmp_path / "empty-part"
    with zipfile.ZipFile(EXAMPLES / "villages.xlsx") as source, zipfile.ZipFile(empty, "w") as out:
        for item in source.namelist():
            out.writestr(item, b"" if item.startswith("xl/worksheets/") else source.read(item))
    found["empty sheet part"] = empty
    return found


@pytest.mark.parametrize("name", ["not a zip", "zip bomb", "empty sheet part", "missing"])
def test_a_broken_village_table_is_named(tmp_path: Path, name: str) -> None:
    table = tmp_path / "村情表.xlsx"
    if name != "missing":
        shutil.copy(broken_zips(tmp_path)[name], table)
    data = EXAMPLES / "population.yaml"
    result = docgen("batch", "notice", data, "--villages", table, "-o", tmp_path / "out")
    assert_refused(result)
    assert "村情表.xlsx" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["not a zip", "zip bomb", "empty sheet part"])
def test_a_broken_docx_given_to_check_is_named(tmp_path: Path, name: str) -> None:
    target = tmp_path / "通知.docx"
    shutil.copy(broken_zips(tmp_path)[name], target)
    for extra in ([], ["--annotate"]):
        result = docgen("check", target, *extra)
        assert_refused(result)
        assert "通知.docx" in result.output


def test_a_docx_with_an_entity_bomb_is_read_safely(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert docgen("render", "notice", EXAMPLES / "population.yaml", "-o", out).exit_code == 0
    source = next(out.glob("*.docx"))
    bomb = tmp_path / "bomb.docx"
    entities = '<!ENTITY a "哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)
    )
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(bomb, "w") as dst:
        for item in src.namelist():
            data = src.read(item)
            if item == "word/document.xml":
                head, tail = data.split(b"?>", 1)
                data = head + b"?><!DOCTYPE d [" + entities.encode() + b"]>" + tail
                data = data.replace(b"<w:t>", b"<w:t>&i;", 1)
            dst.writestr(item, data)
    result = docgen("check", bomb)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1, 2) and "Traceback" not in result.output


def table_with_names(tmp_path: Path, names: list[str]) -> Path:
    head = ["村", "出生登记及时率"]
    rows = [[name, 90 + n] for n, name in enumerate(names)]
    path = tmp_path / "村情表.xlsx"
    path.write_bytes(
        workbook_bytes(
            [
                SheetSpec("村情", [head, *rows], [10, 10]),
                SheetSpec("问题", [list(PROBLEM_COLUMNS)], [10] * 12),
            ]
        )
    )
    return path


def test_hostile_village_names_give_visible_valid_unique_files(tmp_path: Path) -> None:
    names = ["..", ".", ".隐藏", "CON", "东" * 300, "东" * 300 + "西", "a/b", "北塘村"]
    table = table_with_names(tmp_path, names)
    out = tmp_path / "out"
    templates = Path(__file__).parent / "data" / "batch" / "templates"
    args = ["batch", "notice", EXAMPLES / "population.yaml", "--villages", table, "-o", out]
    result = docgen(*args, "--templates", templates, "--no-check")
    assert_refused(result)
    assert "“..”不是村名" in result.output and "“.”不是村名" in result.output
    result = docgen(*args, "--templates", templates, "--no-check", "--skip-invalid")
    assert result.exit_code == 1, result.output  # the two rows that are no names are listed
    written = sorted(p.name for p in out.glob("*.docx"))
    assert len(written) == len(names) - 2
    assert not [n for n in written if n.startswith(".")]
    assert all(n.endswith("_通知.docx") or "_通知（" in n for n in written)
    assert all(len(n.encode("utf-8")) < 255 for n in written)


def test_an_output_folder_that_is_a_file_is_refused_and_kept(tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    out.write_bytes(b"a clerk's file")
    result = docgen("render", "speech", EXAMPLES / "population.yaml", "-o", out)
    assert_refused(result)
    assert out.read_bytes() == b"a clerk's file"


def test_a_read_only_document_is_refused_and_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert docgen("render", "speech", EXAMPLES / "population.yaml", "-o", out).exit_code == 0
    target = next(out.glob("*.docx"))
    before = target.read_bytes()
    target.chmod(0o444)
    try:
        result = docgen("render", "speech", EXAMPLES / "population.yaml", "-o", out, "--force")
        assert_refused(result)
        assert "只读" in result.output
        assert target.read_bytes() == before
    finally:
        target.chmod(0o644)


@pytest.mark.parametrize("content", [bytes(range(256)) * 50, b"\x00" * 100])
def test_corpus_clean_refuses_a_binary_file(tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "旧稿.txt"
    source.write_bytes(content)
    result = docgen("corpus", "clean", source, "-o", tmp_path / "clean")
    assert_refused(result)
    assert "不是文本文件" in result.output


def test_the_hostile_inputs_are_many() -> None:
    """The classes of issue 17 are all here (a guard against a shrinking corpus)."""
    cases = len(SITUATIONS) * 5 + len(TEMPLATES) + 2 + 4 + 3 * 2 + 1 + 2 + 1 + 1 + 2
    assert cases >= 95


@pytest.fixture(autouse=True)
def _collected() -> Iterator[None]:
    """Objects a refused input left behind are collected within its own test, so that a
    file left open is reported there (``filterwarnings = error``)."""
    yield
    import gc

    gc.collect()


@pytest.mark.parametrize(("typed", "refused"), [("1000000", True), ("-5", True), ("100", False)])
def test_a_rate_out_of_range_is_refused_at_its_line(
    tmp_path: Path, typed: str, refused: bool
) -> None:
    at = DATA.index("目标:")
    text = DATA[:at] + f"目标: {typed}" + DATA[DATA.index("\n", at) :]
    data = tmp_path / "情况.yaml"
    data.write_text(text, encoding="utf-8")
    shutil.copytree(EXAMPLES / "offices", tmp_path / "offices")
    result = docgen("inspect", data)
    if not refused:
        assert result.exit_code == 0, result.output
        return
    assert_refused(result)
    line = DATA[:at].count("\n") + 1
    assert f"情况.yaml:{line}" in result.output and "超出了合理范围" in result.output


def test_a_rate_may_leave_its_range_when_the_indicator_says_so(tmp_path: Path) -> None:
    at = DATA.index("目标:")
    indent = DATA[DATA.rindex("\n", 0, at) + 1 : at]
    text = DATA[:at] + f"目标: -5\n{indent}取值范围: 不限" + DATA[DATA.index("\n", at) :]
    data = tmp_path / "情况.yaml"
    data.write_text(text, encoding="utf-8")
    shutil.copytree(EXAMPLES / "offices", tmp_path / "offices")
    assert docgen("inspect", data).exit_code == 0


def test_a_village_rate_over_a_hundred_is_refused_at_its_cell(tmp_path: Path) -> None:
    table = table_with_names(tmp_path, ["东坪村"])
    from docgen.villages.xlsx import read_workbook

    rows = [[c.value for c in row.values()] for row in read_workbook(table)[0].rows.values()]
    rows[1][1] = 930  # 93.0 typed without its decimal point
    table.write_bytes(
        workbook_bytes(
            [
                SheetSpec("村情", rows, [10, 10]),
                SheetSpec("问题", [list(PROBLEM_COLUMNS)], [10] * 12),
            ]
        )
    )
    out = tmp_path / "out"
    result = docgen("batch", "notice", EXAMPLES / "population.yaml", "--villages", table, "-o", out)
    assert_refused(result)
    assert "第2行 B列" in result.output and "超出了合理范围" in result.output


@pytest.mark.parametrize(
    ("first_bytes", "said"),
    [
        (b"PK\x03\x04" + bytes(60), "Word、Excel 或 WPS 保存的文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(60), "旧版 Word 或 Excel 文件"),
        (b"%PDF-1.7\n" + bytes(60), "PDF 文件"),
    ],
)
@pytest.mark.parametrize("command", ["render", "inspect", "convert"])
def test_an_office_file_given_as_the_situation_file_is_named_for_what_it_is(
    tmp_path: Path, first_bytes: bytes, said: str, command: str
) -> None:
    """Not "cannot decode: save it as UTF-8 in Notepad", which would damage a Word file."""
    data = tmp_path / "情况.yaml"
    data.write_bytes(first_bytes)
    args = {
        "render": ["render", "speech", data, "-o", tmp_path / "out"],
        "inspect": ["inspect", data],
        "convert": ["convert", data, tmp_path / "情况表.xlsx"],
    }[command]
    result = docgen(*args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert f"这是{said}" in result.output and "不是文本文件" in result.output
    assert "记事本" not in result.output
