"""A tie for first is not decided by the file's order when dominance can decide it.

Two options scored alike because the criterion on which one is worse weighs nothing: the
dominated one was named leader when the file listed it first (`sensitivity` called the
lead fragile, `rank` put it first), and `frontier` called it efficient beside "dominated by".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.analysis.dominance import dominated_options, value_cost_frontier
from optionscope.analysis.ranking import rank
from optionscope.analysis.sensitivity import stability_intervals
from optionscope.analysis.ties import TIES_ORDERED_UP_TO, dominators_in_ties
from optionscope.analysis.value import leader_index, value_matrix, weight_vector
from optionscope.cli import cli
from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Scenario

HEAD = """\
schema_version: 1
id: storage
title: Grid storage
question: Which storage scheme?
as_of: 2025-06-01
cost_criterion: netcost
sources:
  - {id: study, title: Storage study, publisher: Regulator, date: "2025-05"}
criteria:
  - {id: netcost, name: Net cost, direction: min, unit: EUR million, scale: {min: -500, max: 500}}
  - {id: share, name: Renewable share, unit: fraction, scale: {min: 0, max: 1}}
  - {id: jobs, name: Local jobs, unit: jobs, scale: {min: 0, max: 1000}}
options:
"""
OPTIONS = {
    "battery": "  - {id: battery, name: Battery park, summary: Batteries., sources: [study]}\n",
    "hydro": "  - {id: hydro, name: Pumped hydro, summary: Hydro., sources: [study]}\n",
    "wind": "  - {id: wind, name: Wind, summary: Wind., sources: [study]}\n",
}
TAIL = """\
assessments:
  hydro:
    netcost: {value: -120, basis: figure, sources: [study]}
    share: {value: 0.35, basis: figure, sources: [study]}
    jobs: {value: 400, basis: figure, sources: [study]}
  battery:
    netcost: {value: -120, basis: figure, sources: [study]}
    share: {value: 0.35, basis: figure, sources: [study]}
    jobs: {value: 300, basis: figure, sources: [study]}
  wind:
    netcost: {value: 100, basis: figure, sources: [study]}
    share: {value: 0.5, basis: figure, sources: [study]}
    jobs: {value: 200, basis: figure, sources: [study]}
profiles:
  - id: consumers
    name: Consumers
    weights: {netcost: 60, share: 40, jobs: 0}
    rationale: Bills.
"""
WEIGHTS = {"netcost": 60.0, "share": 40.0, "jobs": 0.0}


def write(tmp_path: Path, order: tuple[str, ...]) -> Path:
    path = tmp_path / f"{'-'.join(order)}.yaml"
    path.write_text(HEAD + "".join(OPTIONS[o] for o in order) + TAIL, encoding="utf-8")
    return path


ORDERS = [("battery", "hydro", "wind"), ("hydro", "battery", "wind"), ("wind", "battery", "hydro")]


@pytest.fixture(params=ORDERS, ids="-".join)
def scenario(request: pytest.FixtureRequest, tmp_path: Path) -> Scenario:
    return load_scenario(write(tmp_path, request.param))


def test_the_dominated_option_of_a_tie_is_never_first(scenario: Scenario) -> None:
    assert [d.option for d in dominated_options(scenario).dominated] == ["battery"]
    for method in ("wsm", "topsis", "promethee"):
        ranking = rank(scenario, WEIGHTS, method)
        order = [r.option for r in ranking.ranking]
        assert order.index("hydro") < order.index("battery"), (method, order)
    ranking = rank(scenario, WEIGHTS)
    assert ranking.ranking[0].option == "hydro" and ranking.ranking[1].rank == 1  # still tied
    v = value_matrix(scenario)
    w = weight_vector(scenario, WEIGHTS)
    assert scenario.option_ids[leader_index(v @ w, v)] == "hydro"
    assert stability_intervals(scenario, WEIGHTS).leader == "hydro"


def test_a_dominated_option_at_the_same_value_and_cost_is_not_efficient(
    scenario: Scenario,
) -> None:
    f = value_cost_frontier(scenario, WEIGHTS, cost_criterion="netcost")
    point = {p.option: p for p in f.points}
    assert point["hydro"].efficient and not point["battery"].efficient
    assert point["battery"].beaten_by == ("hydro",)
    assert "battery" not in f.frontier


def test_sensitivity_and_frontier_read_the_same_whatever_the_order(tmp_path: Path) -> None:
    outputs = []
    for order in ORDERS:
        path = str(write(tmp_path, order))
        outputs.append(
            [
                CliRunner().invoke(cli, [cmd, path, "-p", "consumers"]).stdout.replace(path, "S")
                for cmd in ("sensitivity", "rank")
            ]
        )
    sensitivity = [o[0] for o in outputs]
    assert all("fragile" not in text for text in sensitivity), sensitivity[0]
    # the same leader, intervals and sentences (the tornado's rows of equal swings may
    # stand, and be cut, in the file's order)
    assert len({text.split("Tornado")[0] for text in sensitivity}) == 1
    for _, ranked in outputs:
        first = next(line for line in ranked.splitlines() if line.strip().startswith("1 "))
        assert "Pumped hydro" in first, ranked


def test_a_tie_larger_than_the_bound_keeps_the_files_order() -> None:
    import numpy as np

    n = TIES_ORDERED_UP_TO + 1
    values = np.tile(np.array([[50.0, 50.0]]), (n, 1))
    values[0, 1] = 40.0  # dominated by every other, but in a tie too large to order
    assert dominators_in_ties(np.ones(n, dtype=np.intp), values) is None
    small = dominators_in_ties(np.ones(3, dtype=np.intp), values[:3])
    assert small is not None and small.tolist() == [2, 0, 0]
