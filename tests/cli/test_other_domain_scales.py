"""A scenario from another domain (a city's flood defence, costs in pounds): no figure on the
wrong scale, whatever the method and the profile."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.analysis.explain import explain_lead
from optionscope.analysis.ranking import rank
from optionscope.cli import cli
from optionscope.io.scenario_files import load_scenario
from optionscope.present.ranking import lead_sentence

FLOOD = Path(__file__).parents[1] / "data" / "flood-defence.yaml"
SCORE = {
    "wsm": re.compile(r"^\d{1,3}\.\d$"),
    "topsis": re.compile(r"^[01]\.\d{3}$"),
    "promethee": re.compile(r"^(?:[+-][01]|0)\.\d{3}$"),
}
BOUNDS = {"wsm": (0.0, 100.0), "topsis": (0.0, 1.0), "promethee": (-1.0, 1.0)}


@pytest.mark.parametrize("method", ["wsm", "topsis", "promethee"])
@pytest.mark.parametrize("profile", ["treasury", "residents"])
def test_every_score_of_the_flood_scenario_prints_on_its_methods_scale(
    method: str, profile: str
) -> None:
    result = CliRunner().invoke(cli, ["rank", str(FLOOD), "--method", method, "--profile", profile])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stdout.splitlines() if re.match(r"^\s+\d ", line)]
    assert len(rows) == 4
    scores = [next(cell for cell in row[2:] if SCORE[method].match(cell)) for row in rows]
    low, high = BOUNDS[method]
    assert all(low <= float(s) <= high for s in scores)
    assert len(set(scores)) == 4  # no two distinct scores print the same
    scenario = load_scenario(FLOOD)
    ranking = rank(scenario, scenario.profile(profile).weights, method)
    assert lead_sentence(explain_lead(ranking, scenario)) in result.stdout.replace("\n", " ")
    if method == "promethee":
        assert "weight x value" not in result.stdout
