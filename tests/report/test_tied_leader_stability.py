"""A leader tied for first is never said to "stay first": its stability intervals are
where it stays first or tied for first, and every surface says so (the CLI's sentences,
table headers and JSON, the briefing in Markdown and HTML). A leader alone keeps the
plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.analysis.sensitivity import stability_intervals
from optionscope.cli import cli
from optionscope.io.scenario_files import load_scenario

TIED = "option,Access,Cost\nweight,1,1\nNorth route,60,40\nSouth route,40,60\nNo change,30,30\n"
"""North route and South route tie at 50 (on 0-100 values, 66.7): more weight on Access
puts North route first alone, less puts South route first."""
ALONE = TIED.replace("North route,60,40", "North route,61,40")


@pytest.fixture(params=["tied", "alone"])
def matrix(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, bool]:
    tied = request.param == "tied"
    path = tmp_path / "routes.csv"
    path.write_text(TIED if tied else ALONE, encoding="utf-8")
    return path, tied


def _run(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_analysis_names_the_options_tied_with_the_leader(matrix: tuple[Path, bool]) -> None:
    path, tied = matrix
    s = load_scenario(str(path))
    analysis = stability_intervals(s, dict.fromkeys(s.criterion_ids, 1.0))
    assert analysis.leader == s.options[0].id
    assert analysis.tied_with == ((s.options[1].id,) if tied else ())


def test_the_cli_says_first_or_tied_for_a_tied_leader(matrix: tuple[Path, bool]) -> None:
    path, tied = matrix
    text = _flat(_run("sensitivity", str(path), "-p", "matrix"))
    if tied:
        assert (
            "North route stays first or tied for first while the weight of Access is between "
            "50% and 100% (now 50%); below that South route leads." in text
        )
        assert "North route first or tied for" in text
        assert "stays first while" not in text
        assert "would put South route first." in text  # a tie has no lead to call fragile
        assert "the lead is" not in text
    else:
        assert "North route stays first while the weight of Cost" in text
        assert "would put South route first; the lead is fragile." in text
        assert "or tied" not in text
    data = json.loads(_run("sensitivity", str(path), "-p", "matrix", "--format", "json"))
    assert data["tied_with"] == (["south-route"] if tied else [])
    said = " ".join(c["explanation"] for c in data["stability"])
    assert ("stays first or tied for first" in said) == tied
    seats = _flat(_run("sensitivity", str(path)))
    assert ("now (leader first or tied)" in seats) == tied


@pytest.mark.parametrize("kind", ["md", "html"])
def test_the_briefing_says_first_or_tied_for_a_tied_leader(
    matrix: tuple[Path, bool], kind: str, tmp_path: Path
) -> None:
    path, tied = matrix
    out = tmp_path / f"briefing.{kind}"
    _run("report", "--samples", "1000", "-o", str(out), str(path))
    page = _flat(out.read_text(encoding="utf-8"))
    firm = page.split("How firm is it", 1)[1]
    assert ("leader first or tied between" in firm) == tied
    assert ("Weight range over which the leader stays first or tied for first" in page) == tied
    assert ("stays first while" in page) == (not tied)
    if tied:
        assert "North route stays first or tied for first while the weight of" in page
    else:
        assert "leader stays first between" in firm
