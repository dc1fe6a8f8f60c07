"""SMAA on many options or many uncertain cells: work and memory that grow linearly."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from optionscope.analysis import smaa as sm
from optionscope.analysis import smaa_sampling as sampling
from optionscope.analysis import smaa_screen as screen
from optionscope.model.scenario import Scenario

Factory = Callable[..., Scenario]


def _peak(fn: Callable[[], Any]) -> tuple[Any, int]:
    tracemalloc.start()
    try:
        out = fn()
        return out, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_pert_tables_of_many_cells_are_built_in_bounded_memory() -> None:
    rng = np.random.default_rng(4)
    cells = 3000
    low = rng.uniform(0, 5, cells)
    high = low + rng.uniform(0.1, 3, cells)
    mode = low + (high - low) * rng.uniform(0, 1, cells)
    table, peak = _peak(lambda: sampling.pert_quantile_table(low, mode, high))
    assert peak < 200 * 2**20  # all cells at once: six arrays of 3000 x 8193, over 1 GB
    step = sampling.PERT_CELLS_AT_ONCE
    for start in (0, step, cells - 7):  # the same rows as one cell at a time
        np.testing.assert_array_equal(
            table[start : start + 7],
            sampling.pert_quantile_table(low[start : start + 7], mode[start : start + 7],
                                   high[start : start + 7]),
        )  # fmt: skip
    assert table.shape == (cells, sampling.PERT_STEPS + 1)


def test_a_scenario_simulated_again_reuses_its_performance_model(
    scenario_factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = scenario_factory(
        [[10, 20], [30, 5], [20, 20]], low=[[5, 15], [25, 0], [15, 10]],
        high=[[15, 25], [35, 10], [25, 30]], confidence="high",
    )  # fmt: skip
    built: list[int] = []
    original = sm.performance_model

    def counting(*args: Any) -> sm.PerformanceModel:
        built.append(1)
        return original(*args)

    monkeypatch.setattr(sm, "performance_model", counting)
    first = sm.smaa(scenario, {"c0": 1, "c1": 1}, samples=500, seed=3)
    again = sm.smaa(scenario, {"c0": 2, "c1": 1}, samples=500, seed=3)
    assert len(built) == 1
    same = sm.smaa(scenario, {"c0": 1, "c1": 1}, samples=500, seed=3)
    np.testing.assert_array_equal(first.rank_acceptability, same.rank_acceptability)
    assert not np.array_equal(first.rank_acceptability, again.rank_acceptability)
    # a what-if, and a copy with other assessments, each get their own model
    what_if = sm.smaa(scenario, None, samples=500, seed=3, overrides={("o0", "c0"): 90.0})
    assert len(built) == 2 and what_if.rank_acceptability[0, 0] > 0.5
    changed = dict(scenario.assessments)
    changed["o1"] = {
        c: a.model_copy(update={"value": 99.0, "low": 98.0, "high": 100.0})
        for c, a in scenario.assessments["o1"].items()
    }
    copy = scenario.model_copy(update={"assessments": changed})
    assert sm.smaa(copy, None, samples=500, seed=3).rank_acceptability[1, 0] == 1.0
    assert len(built) == 3


def test_many_options_count_the_first_ranks_without_an_options_squared_step(
    scenario_factory: Factory,
) -> None:
    """Above `SCREEN_ABOVE` options only ranks 1..k are counted: no options x options array
    (an m x m count per chunk made the work quadratic), the same numbers in any chunk size."""
    rng = np.random.default_rng(8)
    m = 1200
    perf = rng.uniform(0, 100, (m, 2))
    scenario = scenario_factory(perf.tolist(), low=(perf - 1).tolist(),
                                high=(perf + 1).tolist())  # fmt: skip
    run = lambda chunk: sm.smaa(  # noqa: E731
        scenario, {"c0": 1, "c1": 2}, samples=6, seed=5, chunk_size=chunk, workers=1
    )
    small, peak = _peak(lambda: run(2))
    assert peak < m * m * 8 / 4  # a quarter of one m x m array of floats
    large = run(6)
    np.testing.assert_array_equal(small.rank_acceptability, large.rank_acceptability)
    assert small.rank_acceptability.shape == (m, screen.TOP_RANKS) and small.bounded
    np.testing.assert_allclose(small.rank_acceptability.sum(axis=0), np.ones(screen.TOP_RANKS))
    assert small.simulated is not None and small.simulated < m
