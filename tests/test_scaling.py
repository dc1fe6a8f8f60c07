"""No step quadratic where a linear one exists: the work counted, never the clock.

The scenarios come from benchmarks/scenarios.py, the generator the benchmarks use.
"""

from __future__ import annotations

import json
import runpy
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from optionscope.analysis import overturn, weight_change
from optionscope.analysis.overturn import distance_lower_bounds, nearest_changes
from optionscope.analysis.sensitivity import min_l1_weight_change, what_would_have_to_be_true
from optionscope.analysis.value import (
    TIE_TOLERANCE,
    competition_ranks,
    value_matrix,
    weight_vector,
)
from optionscope.cli import cli
from optionscope.io.csv_matrix import csv_matrix_from_text
from optionscope.io.errors import InputError
from optionscope.io.scenario_files import load_scenario
from optionscope.io.yaml_loader import load_yaml
from optionscope.model.scenario import Scenario

ROOT = Path(__file__).resolve().parents[1]
GENERATOR: dict[str, Any] = runpy.run_path(str(ROOT / "benchmarks" / "scenarios.py"))


def generated(options: int, criteria: int) -> Scenario:
    return Scenario.model_validate(GENERATOR["scenario_data"](options, criteria))


def pairwise_ranks(scores: np.ndarray, tolerance: float = TIE_TOLERANCE) -> np.ndarray:
    return 1 + (scores[None, :] > scores[:, None] + tolerance).sum(axis=1)


def test_competition_ranks_match_the_pairwise_definition_with_ties() -> None:
    rng = np.random.default_rng(3)
    for _ in range(300):
        size = int(rng.integers(1, 40))
        scores = np.round(rng.normal(size=size), int(rng.integers(0, 3)))
        scale = rng.choice([1.0, TIE_TOLERANCE, 0.3 * TIE_TOLERANCE])
        scores = scores * scale  # ties within the tolerance too
        assert competition_ranks(scores).tolist() == pairwise_ranks(scores).tolist()


def test_ranking_100000_options_needs_memory_linear_in_the_options() -> None:
    scores = np.random.default_rng(0).uniform(0, 100, 100_000)
    tracemalloc.start()
    try:
        ranks = competition_ranks(scores)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20  # an options x options comparison needs 10 GB here
    for i in range(0, 100_000, 997):
        assert ranks[i] == 1 + np.count_nonzero(scores > scores[i] + TIE_TOLERANCE)


def test_the_cutting_plane_programme_finds_the_same_distance_as_the_whole_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(5)
    values = rng.uniform(0, 100, (400, 6))
    w0 = np.full(6, 1 / 6)
    order = np.argsort(-(values @ w0))
    for option in order[1:40:4].tolist():
        cut = min_l1_weight_change(values, w0, option, 0.01)
        monkeypatch.setattr(weight_change, "CUTTING_PLANES_ABOVE", 10**9)
        whole = min_l1_weight_change(values, w0, option, 0.01)
        monkeypatch.undo()
        assert (cut is None) == (whole is None)
        if cut is not None and whole is not None:
            assert np.abs(cut - w0).sum() == pytest.approx(np.abs(whole - w0).sum(), abs=1e-7)
            leads = (values[option] - np.delete(values, option, axis=0)) @ cut
            assert leads.min() >= 0.01 - 1e-7


def test_the_lower_bound_never_exceeds_the_distance() -> None:
    s = generated(60, 5)
    weights = dict(s.profiles[1].weights)
    v, w0 = value_matrix(s), weight_vector(s, weights)
    bounds = distance_lower_bounds(v, w0, 0.01)
    for i, option in enumerate(s.option_ids):
        change = what_would_have_to_be_true(s, weights, option)
        if change.already_first:
            continue
        if change.distance is None:
            continue
        assert bounds[i] <= change.distance + 1e-9


def test_the_nearest_options_are_those_a_full_search_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    s = generated(120, 5)
    weights = dict(s.profiles[1].weights)
    every = [what_would_have_to_be_true(s, weights, o) for o in s.option_ids]
    distances = sorted(c.distance for c in every if not c.already_first and c.distance)
    solved = []
    real = weight_change.min_l1_weight_change
    monkeypatch.setattr(
        weight_change,
        "min_l1_weight_change",
        lambda *a, **k: solved.append(1) or real(*a, **k),
    )
    nearest = nearest_changes(s, weights, limit=6)
    assert nearest.left_out == 119 - 6
    found = sorted(c.distance for c in nearest.changes if c.distance is not None)
    assert found == pytest.approx(distances[:6])
    assert 0 < len(solved) < 60  # solved here, and not one programme per option
    ids = [c.option for c in nearest.changes]
    assert ids == sorted(ids, key=s.option_position)  # in scenario order


def test_with_few_options_every_other_option_is_answered() -> None:
    s = generated(8, 4)
    weights = dict(s.profiles[0].weights)
    nearest = nearest_changes(s, weights, limit=overturn.CHANGES_SHOWN)
    assert nearest.left_out == 0 and len(nearest.changes) == 7


def test_sensitivity_of_a_large_matrix_says_how_many_options_it_leaves_out(
    tmp_path: Path,
) -> None:
    path = tmp_path / "large.csv"
    path.write_text(GENERATOR["matrix_csv"](300, 6), encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(cli, ["sensitivity", str(path), "--profile", "matrix", "--format", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert len(data["what_would_have_to_be_true"]) == overturn.CHANGES_SHOWN
    assert data["what_would_have_to_be_true_left_out"] == 299 - overturn.CHANGES_SHOWN
    text = runner.invoke(cli, ["sensitivity", str(path), "--profile", "matrix"]).stdout
    assert f"{299 - overturn.CHANGES_SHOWN:,} options further from first are left out" in text


def test_matrix_rows_whose_names_make_the_same_id_get_numbered_ids() -> None:
    # "A b", "A ,b", "A ,,b"...: different names, one slug. Each id was searched from -2
    # up in a list: cubic in such rows (minutes at 3,000).
    rows = "".join(f'"A {"," * k}b",1,{k}\n' for k in range(3000))
    s = csv_matrix_from_text("option,x,y\n" + rows, "m.csv")
    ids = s.option_ids
    assert ids[:3] == ["a-b", "a-b-2", "a-b-3"]
    assert ids[-1] == "a-b-3000" and len(set(ids)) == 3000


def test_every_problem_of_a_large_file_is_located_on_its_own_line() -> None:
    import yaml

    data = GENERATOR["scenario_data"](300, 4)
    text = yaml.safe_dump(data, sort_keys=False)
    doc = load_yaml(text, "big.yaml")
    lines = text.splitlines()
    for oid in ("o0", "o150", "o299"):
        line, _ = doc.locate(("assessments", oid, "c3", "value"))
        assert lines[line - 1].strip().startswith("value:")
        option_line, _ = doc.locate(("assessments", oid))
        assert lines[option_line - 1].strip() == f"{oid}:"


def test_the_generated_scenarios_are_strict_valid(tmp_path: Path) -> None:
    yaml_path = tmp_path / "g.yaml"
    yaml_path.write_text(GENERATOR["scenario_yaml"](30, 5), encoding="utf-8")
    s = load_scenario(yaml_path, strict=True)
    assert len(s.options) == 30 and len(s.profiles) == 2
    csv_path = tmp_path / "g.csv"
    csv_path.write_text(GENERATOR["matrix_csv"](30, 5), encoding="utf-8")
    assert len(load_scenario(csv_path).options) == 30


def test_loading_a_scenario_runs_no_garbage_collection_and_resumes_it(tmp_path: Path) -> None:
    """A file is millions of new acyclic objects: collections during the load only rescan
    them (four fifths of the load time at 10,000 x 12); the collector is resumed after."""
    import gc

    path = tmp_path / "generated.yaml"
    path.write_text(GENERATOR["scenario_yaml"](200, 6), encoding="utf-8")
    csv_path = tmp_path / "generated.csv"
    csv_path.write_text(GENERATOR["matrix_csv"](2000, 6), encoding="utf-8")
    runs: list[str] = []

    loading = {"_load", "_plain_scenario", "scenario_from_document", "csv_matrix_from_text"}

    def count(phase: str, info: dict[str, Any]) -> None:
        frame = sys._getframe()
        while frame is not None and phase == "start":
            if frame.f_code.co_name in loading:  # a collection while a file is being read
                runs.append(frame.f_code.co_name)
                return
            frame = frame.f_back  # type: ignore[assignment]

    gc.callbacks.append(count)
    try:
        assert gc.isenabled()
        scenario = load_scenario(path, strict=True)
        matrix = load_scenario(csv_path)
        assert gc.isenabled()
        bad = tmp_path / "bad.yaml"
        bad.write_text(path.read_text(encoding="utf-8").replace("value: ", "value: x", 1))
        with pytest.raises(InputError):
            load_scenario(bad)
        assert gc.isenabled()
    finally:
        gc.callbacks.remove(count)
    assert len(scenario.options) == 200 and len(matrix.options) == 2000
    assert runs == []


def _deep_copies_reading(options: int, criteria: int) -> int:
    import cProfile
    import pstats

    header = "option," + ",".join(f"c{j}" for j in range(criteria))
    rows = "".join(
        f"o{i}," + ",".join(str((i * j) % 11) for j in range(criteria)) + "\n"
        for i in range(options)
    )
    profile = cProfile.Profile()
    matrix = profile.runcall(csv_matrix_from_text, f"{header}\n{rows}", "m.csv")
    assert len(matrix.criteria) == criteria
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    return sum(v[1] for (_, _, name), v in stats.items() if name == "deepcopy")


def test_reading_a_matrix_copies_no_default_value_per_cell() -> None:
    """Every cell is an assessment: a default deep-copied for each would be work per cell."""
    # what grows with options x criteria: the second difference over both
    f = _deep_copies_reading
    per_cell = f(40, 13) - f(40, 3) - f(20, 13) + f(20, 3)
    assert per_cell == 0
