"""Value functions, dominance and the methods agree (findings 2 and 9)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from optionscope.analysis.dominance import dominated_options
from optionscope.analysis.ranking import rank
from optionscope.io.scenario_files import load_scenario
from optionscope.model.results import VALUE_SCALE
from optionscope.model.scenario import Scenario

TINY = Path(__file__).parents[1] / "data" / "tiny.yaml"
Run = Callable[..., subprocess.CompletedProcess[str]]


def _with_value_function(tmp_path: Path, points: str, direction: str = "") -> Path:
    text = TINY.read_text(encoding="utf-8").replace(
        "points: [[0, 0], [10, 80], [20, 100]]", f"points: {points}"
    )
    if direction:
        text = text.replace("  - id: speed\n", f"  - id: speed\n    direction: {direction}\n", 1)
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_peaked_value_function_is_refused_where_it_is_written(
    tmp_path: Path, run_optionscope: Run
) -> None:
    # Finding 2: a peaked value function validated; `rank` put North road first
    # while the report called it dominated by South road.
    path = _with_value_function(tmp_path, "[[0, 0], [10, 100], [20, 0]]")
    result = run_optionscope("validate", path)
    assert result.returncode == 2
    assert f"{path}:25:" in result.stderr
    assert "criteria[2].value_function" in result.stderr
    assert "falls from 100 at 10 to 0 at 20" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_value_function_against_its_direction_is_refused(
    tmp_path: Path, run_optionscope: Run
) -> None:
    path = _with_value_function(tmp_path, "[[0, 0], [10, 80], [20, 100]]", "min")
    result = run_optionscope("validate", path)
    assert result.returncode == 2
    assert "rises from 0 at 0 to 80 at 10" in result.stderr


def test_a_falling_value_function_of_a_min_criterion_is_accepted(
    tmp_path: Path, run_optionscope: Run
) -> None:
    path = _with_value_function(tmp_path, "[[0, 100], [10, 30], [20, 0]]", "min")
    assert run_optionscope("validate", path).returncode == 0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0.0, 100.0, allow_nan=False), min_size=3, max_size=3),
    st.lists(st.floats(0.0, 20.0, allow_nan=False), min_size=3, max_size=3),
    st.lists(st.floats(0.0, 10.0), min_size=3, max_size=3),
)
def test_an_option_reported_dominated_never_ranks_first_alone(
    costs: list[float], speeds: list[float], weights: list[float]
) -> None:
    scenario = load_scenario(TINY)
    options = scenario.option_ids
    overrides = {(o, "cost"): c for o, c in zip(options, costs, strict=True)}
    overrides |= {(o, "speed"): v for o, v in zip(options, speeds, strict=True)}
    w = dict(zip(scenario.criterion_ids, weights, strict=True))
    if sum(weights) <= 0:
        return
    ranking = rank(scenario, w, "wsm", overrides)
    scores = {r.option: r.score for r in ranking.ranking}
    for d in dominated_options(scenario, overrides).dominated:
        for by in d.dominated_by:
            assert scores[d.option] <= scores[by] + VALUE_SCALE.tie_tolerance
        if ranking.by_option(d.option).rank == 1:
            assert any(ranking.by_option(b).rank == 1 for b in d.dominated_by)


def test_dominance_reads_the_values_the_additive_model_adds(tiny: Scenario) -> None:
    # Flat stretch of a value function: different measures, same value, no dominance.
    flat = tiny.model_copy(deep=True)
    vf = flat.criterion("speed").value_function
    assert vf is not None
    object.__setattr__(vf, "points", [(0.0, 0.0), (10.0, 100.0), (20.0, 100.0)])
    perf = {(o, c): 0.0 for o in flat.option_ids for c in ("cost", "safety")}
    perf[("north", "speed")] = 12.0
    perf[("south", "speed")] = 18.0
    perf[("none", "speed")] = 0.0
    names = {d.option: d.dominated_by for d in dominated_options(flat, perf).dominated}
    assert "north" not in names and "south" not in names
    assert set(names["none"]) == {"north", "south"}


def test_topsis_says_when_measures_are_not_above_zero(run_optionscope: Run) -> None:
    # Finding 9: shifting a column changes TOPSIS's leader; nothing warned.
    result = run_optionscope("rank", TINY, "--method", "topsis", "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["non_positive_criteria"] == ["cost", "speed"]
    assert "TOPSIS works on the raw measures and assumes they lie above zero" in result.stderr
    wsm = run_optionscope("rank", TINY, "--format", "json")
    assert "warning" not in wsm.stderr
    assert json.loads(wsm.stdout)["non_positive_criteria"] == []


def test_the_methods_say_what_they_work_on() -> None:
    from optionscope.analysis.ranking import METHOD_NAMES

    assert "raw measures" in METHOD_NAMES["topsis"]
    assert "raw measures" in METHOD_NAMES["promethee"]
