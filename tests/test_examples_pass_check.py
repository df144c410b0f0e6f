"""docgen passes its own checks: every bundled example's output, read back from the .docx.

Passing means no error and no warning (issue 14: zero errors; our own examples hold no text
a warning would fault). Hints (SP02: 疑为…) are offered for a reader to look at and do not
fail a check, so they are allowed here.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from docgen.check import check_text
from docgen.check.findings import Severity
from docgen.cli import main
from docgen.pipeline import ALL, render_files
from docgen.resources import builtin_dir

EXAMPLES = sorted(builtin_dir("examples").glob("*.yaml"))


def test_every_examples_output_passes_docgen_check(tmp_path: Path) -> None:
    written = [path for example in EXAMPLES for path in render_files(ALL, example, tmp_path)]
    assert len(written) == 18  # 6 + 3 + 3 + 6 documents
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--format", "json", *map(str, written)])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)
    faults = [f for f in findings if f["severity"] != Severity.HINT.value]
    shown = [f"{f['file']}:{f['line']}: {f['severity']} {f['code']} {f['message']}" for f in faults]
    assert shown == []
    shown_text = runner.invoke(main, ["check", *map(str, written)], prog_name="docgen")
    assert "错误 0，警告 0" in shown_text.output or "未发现问题" in shown_text.output


def test_an_attachment_note_is_correct_official_layout_not_a_finding() -> None:
    note = (
        "附件：1.青石镇人口和家庭发展工作自查整改实施方案\n2.青石镇人口和家庭发展工作问题整改台账"
    )
    assert check_text(note) == []
    # The rules still find what they are for (the spelling model's hints aside).
    codes = [f.code for f in _faults("附件：1.实施方案\n3.问题整改台账")]
    assert codes == ["NB01"]
    assert [f.code for f in _faults("附件说明.见后")] == ["PU01"]


def _faults(text: str) -> list:
    """The errors and warnings of ``text``: what fails a check."""
    return [f for f in check_text(text) if f.severity is not Severity.HINT]
