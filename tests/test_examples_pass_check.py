"""docgen passes its own checks: every bundled example's output, read back from the .docx."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from docgen.check import check_text
from docgen.cli import main
from docgen.pipeline import ALL, render_files
from docgen.resources import builtin_dir

EXAMPLES = sorted(builtin_dir("examples").glob("*.yaml"))


def test_every_examples_output_passes_docgen_check(tmp_path: Path) -> None:
    written = [path for example in EXAMPLES for path in render_files(ALL, example, tmp_path)]
    assert len(written) == 18  # 6 + 3 + 3 + 6 documents
    result = CliRunner().invoke(main, ["check", *map(str, written)], prog_name="docgen")
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.output, result.output


def test_an_attachment_note_is_correct_official_layout_not_a_finding() -> None:
    note = (
        "附件：1.青石镇人口和家庭发展工作自查整改实施方案\n2.青石镇人口和家庭发展工作问题整改台账"
    )
    assert check_text(note) == []
    # The rules still find what they are for.
    codes = [f.code for f in check_text("附件：1.实施方案\n3.问题整改台账")]
    assert codes == ["NB01"]
    assert [f.code for f in check_text("附件说明.见后")] == ["PU01"]
