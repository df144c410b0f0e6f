"""False alarms on well-edited government texts (../shared/corpus/gov), per rule family.

Every finding there is almost surely a false alarm. The texts are read in place, never copied:
DOCGEN_SHARED_CORPUS names the corpus folder (default /work/shared/corpus, else ../shared/corpus
beside the checkout); without it these tests are skipped with that reason.
"""

from __future__ import annotations

import collections
import os
from pathlib import Path

import pytest

from docgen.check import RULES, Finding, Severity, check_text

ROOT = Path(__file__).resolve().parent.parent
FAMILY_BUDGET = 3.0  # error and warning findings per 100,000 characters, any one family
TOTAL_BUDGET = 5.0  # all families together (issue 15)


def _gov() -> Path | None:
    candidates = [os.environ.get("DOCGEN_SHARED_CORPUS"), "/work/shared/corpus"]
    candidates.append(str(ROOT.parent / "shared" / "corpus"))
    for folder in candidates:
        if folder and (Path(folder) / "gov").is_dir():
            return Path(folder) / "gov"
    return None


@pytest.fixture(scope="module")
def gov() -> dict[str, tuple[str, list[Finding]]]:
    folder = _gov()
    if folder is None:
        pytest.skip("no ../shared/corpus/gov here: set DOCGEN_SHARED_CORPUS to the corpus folder")
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    return {name: (text, check_text(text)) for name, text in texts.items()}  # dates from the texts


def _serious(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.severity is not Severity.HINT]


def _rate(gov: dict[str, tuple[str, list[Finding]]], family: str | None) -> float:
    chars = sum(len(text) for text, _ in gov.values())
    n = sum(
        1
        for _, found in gov.values()
        for f in _serious(found)
        if family is None or RULES[f.code].family == family
    )
    return n * 1e5 / chars


@pytest.mark.parametrize("family", sorted({r.family for r in RULES.values()}))
def test_each_family_stays_within_its_false_alarm_budget(gov, family: str) -> None:
    assert _rate(gov, family) <= FAMILY_BUDGET


def test_all_families_together_stay_within_five_per_hundred_thousand(gov) -> None:
    by_code = collections.Counter(f.code for _, found in gov.values() for f in _serious(found))
    assert _rate(gov, None) <= TOTAL_BUDGET, by_code


def test_plan_periods_are_current_in_the_reports_of_their_years(gov) -> None:
    for name in ("gwr-2021.txt", "gwr-2022.txt", "gwr-2023.txt"):
        text, found = gov[name]
        assert "十四五" in text
        assert not [f for f in found if "十四五" in f.text], name


def test_regulations_are_judged_by_their_own_amendment_dates(gov) -> None:
    text, found = gov["reg-henan-population-2021.txt"]
    assert "社会抚养费" in text
    assert [f for f in found if f.code.startswith("OT")] == []


def test_no_new_rule_fires_on_the_reports(gov) -> None:
    new = {"US01", "NU09", "TS01", "TS02", "DE03", "DE05", "VA02"}
    fired = [(name, f.code, f.text) for name, (_, fs) in gov.items() for f in fs if f.code in new]
    assert fired == []


def test_a_numbered_excerpt_is_not_a_numbering_gap(gov) -> None:
    text, found = gov["ecspell-odw-test-clean-sentences.txt"]
    assert "十三、" in text
    assert [f for f in found if f.code.startswith("NB")] == []
