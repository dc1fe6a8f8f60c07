"""Dominance and the value-for-cost frontier."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from optionscope.analysis import dominance
from optionscope.analysis.dominance import (
    ALL_BEATERS_UP_TO,
    beaten_by,
    beats_on_value_for_cost,
    cost_tolerance,
    dominance_matrix,
    dominance_pairs,
    dominated_options,
    efficient_frontier,
    value_cost_frontier,
)
from optionscope.analysis.value import TIE_TOLERANCE
from optionscope.model.scenario import Scenario
from optionscope.present.dominance import dominated_sentence

Factory = Callable[..., Scenario]
Kept = TypeVar("Kept")


def with_peak_memory(work: Callable[[], Kept]) -> tuple[Kept, int]:
    """What `work` returns, and the most memory Python held while it ran (tracemalloc)."""
    import tracemalloc

    tracemalloc.start()
    try:
        return work(), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_an_option_no_better_anywhere_and_worse_somewhere_is_dominated(
    scenario_factory: Factory,
) -> None:
    # c1 is a cost: o0 is cheaper than o1 and as good on c0.
    scenario = scenario_factory([[50, 10], [50, 20], [60, 30], [50, 10]], directions=["max", "min"])
    result = dominated_options(scenario)
    assert [d.option for d in result.dominated] == ["o1"]
    assert result.dominated[0].dominated_by == ("o0", "o3")
    assert dominated_sentence(result.dominated[0]).startswith(
        "Option 1 is dominated by Option 0 and Option 3"
    )
    # Identical options do not dominate each other.
    assert not result.matrix[0, 3] and not result.matrix[3, 0]
    assert result.undominated == ("o0", "o2", "o3")


def test_overrides_change_who_is_dominated(scenario_factory: Factory) -> None:
    scenario = scenario_factory([[50, 50], [40, 40]])
    assert dominated_options(scenario).dominated[0].option == "o1"
    assert dominated_options(scenario, {("o1", "c1"): 60.0}).dominated == ()


def test_the_dominance_kernel_respects_directions() -> None:
    d = dominance_matrix(np.array([[1.0, 5.0], [2.0, 4.0]]), np.array([False, True]))
    assert d[0, 1] and not d[1, 0]


def test_the_frontier_keeps_options_not_beaten_on_value_and_cost() -> None:
    value = np.array([50.0, 60.0, 55.0, 60.0])
    cost = np.array([100.0, 200.0, 250.0, 200.0])
    np.testing.assert_array_equal(efficient_frontier(value, cost), [True, True, False, True])


def test_the_frontier_from_option_costs(three_options: Scenario) -> None:
    result = value_cost_frontier(three_options, {"c0": 1, "c1": 1, "c2": 1})
    # Values: o0 56.7 for 400, o1 63.3 for 250, o2 36.7 for 300.
    assert result.frontier == ("o1",)
    point = {p.option: p for p in result.points}
    assert point["o0"].beaten_by == ("o1",) and point["o2"].beaten_by == ("o1",)
    assert result.unit == "USD m" and result.cost_label == "Annual cost"
    assert result.steps == ()


def test_the_frontier_from_a_cost_criterion_leaves_it_out_of_the_value(
    scenario_factory: Factory,
) -> None:
    scenario = scenario_factory(
        [[80, 900], [60, 300], [40, 100], [30, 200]], directions=["max", "min"], scale=(0, 1000)
    )
    result = value_cost_frontier(scenario, {"c0": 1, "c1": 1}, cost_criterion="c1")
    assert result.frontier == ("o2", "o1", "o0")
    assert [p.value for p in result.points] == pytest.approx([8.0, 6.0, 4.0, 3.0])
    assert result.points[3].beaten_by == ("o2",)
    step = result.steps[0]
    assert (step.from_option, step.to_option) == ("o2", "o1")
    assert step.value_per_cost == pytest.approx(2.0 / 200)
    assert "without Criterion 1" in result.value_basis


def test_bad_cost_sources_are_refused(scenario_factory: Factory, three_options: Scenario) -> None:
    with pytest.raises(ValueError, match="maximised"):
        value_cost_frontier(three_options, {"c0": 1}, cost_criterion="c0")
    with pytest.raises(ValueError, match="no value left"):
        value_cost_frontier(three_options, {"c2": 1}, cost_criterion="c2")
    with pytest.raises(ValueError, match="options without a cost: o0, o1"):
        value_cost_frontier(scenario_factory([[1], [2]]), {"c0": 1})
    with pytest.raises(ValueError, match="labelled 'Capital'"):
        value_cost_frontier(three_options, {"c0": 1}, cost_label="Capital")


def test_a_value_gain_of_float_noise_does_not_put_an_option_on_the_frontier() -> None:
    # Finding 4: an option was "efficient" because its value exceeded a cheaper
    # option's at the 14th decimal; the screen printed "1.42e-14 value points".
    value = np.array([50.0, 50.0 + 1.42e-14, 40.0])
    cost = np.array([1000.0, 1200.0, 500.0])
    np.testing.assert_array_equal(efficient_frontier(value, cost), [True, False, True])


def test_a_difference_of_float_noise_is_no_dominance() -> None:
    perf = np.array([[1.0, 5.0], [1.0 + 1e-13, 5.0]])
    d = dominance_matrix(perf, np.array([True, True]), np.array([1e-7, 1e-7]))
    assert not d.any()


@given(
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 1_000)), min_size=1, max_size=10),
    st.data(),
)
def test_the_frontier_does_not_change_when_values_move_by_1e_9(
    points: list[tuple[int, int]], data: st.DataObject
) -> None:
    # values on a grid of 0.01 points, costs whole; each value moved by at most 1e-9
    value = np.array([v / 100 for v, _ in points])
    cost = np.array([float(c) for _, c in points])
    noise = np.array(
        [data.draw(st.floats(-1e-9, 1e-9, allow_nan=False)) for _ in points], dtype=np.float64
    )
    np.testing.assert_array_equal(
        efficient_frontier(value + noise, cost), efficient_frontier(value, cost)
    )


def test_dominance_in_chunks_equals_the_whole_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    from optionscope.analysis import dominance, pairwise_dominance

    rng = np.random.default_rng(7)
    values = rng.integers(0, 4, size=(60, 3)).astype(float)
    maximise = np.array([True, False, True])
    whole = dominance.dominance_matrix(values, maximise, 0.5)
    monkeypatch.setattr(pairwise_dominance, "CHUNK_CELLS", 7)  # a few rows at a time
    assert np.array_equal(dominance.dominance_matrix(values, maximise, 0.5), whole)
    x = np.where(maximise, values, -values)
    diff = x[:, None, :] - x[None, :, :]
    expected = (diff >= -0.5).all(axis=-1) & (diff > 0.5).any(axis=-1)
    assert np.array_equal(whole, expected)


def test_the_skyline_frontier_equals_comparing_every_pair_on_random_data() -> None:
    """Sorting by cost and keeping the best value seen gives exactly the options no other
    option beats, ties within both tolerances included."""
    rng = np.random.default_rng(11)
    for _ in range(400):
        m = int(rng.integers(1, 60))
        value = np.round(rng.uniform(0, 100, m), int(rng.integers(0, 3)))
        cost = np.round(rng.uniform(0, 50, m), int(rng.integers(0, 2)))
        if rng.random() < 0.3:  # near-ties: within and just outside the tolerances
            value = value + rng.choice([0.0, 0.5, 1.5], m) * TIE_TOLERANCE
            cost = cost + rng.choice([0.0, 0.5, 1.5], m) * cost_tolerance(cost)
        pairwise = ~beats_on_value_for_cost(value, cost).any(axis=0)
        np.testing.assert_array_equal(efficient_frontier(value, cost), pairwise)
        beats = beats_on_value_for_cost(value, cost)
        for i in range(m):
            assert beaten_by(value, cost, i).tolist() == np.flatnonzero(beats[:, i]).tolist()
    for _ in range(400):  # on a grid with whole tolerances: differences exactly at them
        m = int(rng.integers(1, 40))
        value, cost = rng.integers(0, 8, m).astype(float), rng.integers(0, 8, m).astype(float)
        vt, ct = float(rng.integers(0, 3)), float(rng.integers(0, 3))
        pairwise = ~beats_on_value_for_cost(value, cost, vt, ct).any(axis=0)
        np.testing.assert_array_equal(efficient_frontier(value, cost, vt, ct), pairwise)


def test_the_frontier_of_100000_options_needs_memory_linear_in_the_options() -> None:
    rng = np.random.default_rng(2)
    value, cost = rng.uniform(0, 100, 100_000), rng.uniform(0, 10, 100_000)
    efficient, peak = with_peak_memory(lambda: efficient_frontier(value, cost))
    assert peak < 50 * 2**20  # every pair would need 10 GB of booleans here
    order = np.argsort(cost, kind="stable")
    best_so_far = np.maximum.accumulate(value[order])
    on_frontier = order[value[order] >= best_so_far]  # the plain skyline, no ties here
    assert sorted(np.flatnonzero(efficient).tolist()) == sorted(on_frontier.tolist())


@given(
    seed=st.integers(0, 10_000),
    m=st.integers(1, 40),
    n=st.integers(1, 6),
    tol=st.sampled_from([0.0, 0.5, 1.0]),
)
def test_the_criterion_by_criterion_matrix_is_the_pairwise_definition(
    seed: int, m: int, n: int, tol: float
) -> None:
    """Few distinct values: ties, and pairs that survive past the criteria compared first."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 4, (m, n)).astype(float)
    maximise = rng.random(n) < 0.5
    signed = np.where(maximise, x, -x)
    diff = signed[:, None, :] - signed[None, :, :]
    expected = (diff >= -tol).all(axis=-1) & (diff > tol).any(axis=-1)
    np.testing.assert_array_equal(dominance_matrix(x, maximise, tol), expected)


def test_dominated_options_of_many_options_need_no_options_squared_table(
    scenario_factory: Factory,
) -> None:
    """6,000 options: an options x options table of booleans is 36 MB, more than the whole
    working memory (chunks of pairs); the dominated options come from the pairs found, the
    same as from the table."""
    rng = np.random.default_rng(6)
    perf = rng.uniform(0, 100, (6000, 12))
    s = scenario_factory(perf.tolist())
    result, peak = with_peak_memory(lambda: dominated_options(s))
    assert peak < 6000 * 6000
    table = dominance_matrix(perf, np.ones(12, dtype=bool), TIE_TOLERANCE)
    dominated = table.any(axis=0)
    table[dominated] = False  # above 50 options, the undominated dominators are named
    winner = np.nonzero(table.T)[1]
    assert result.by_undominated_only
    assert [d.option for d in result.dominated] == [f"o{i}" for i in np.flatnonzero(dominated)]
    assert sum(len(d.dominated_by) for d in result.dominated) == winner.size > 0
    assert np.array_equal(result.matrix, table)


@given(
    seed=st.integers(0, 10_000),
    m=st.integers(1, 60),
    n=st.integers(1, 6),
    tol=st.sampled_from([0.0, TIE_TOLERANCE, 0.05]),
)
def test_pairs_found_among_the_options_of_larger_sums_are_every_pair(
    seed: int, m: int, n: int, tol: float
) -> None:
    """Each option is compared only with those whose sum of performances reaches its own,
    less the tolerances: with sums that differ by rounding alone (0.1 + 0.2 against 0.3),
    differences at the tolerance, sums that overflow, and a few rows per chunk, the pairs
    are every pair of the definition, ordered by the dominated option, then the
    dominating one, whichever way the criteria are compared; the dominated options, and
    the pairs between any two sets of options, are those of the same pairs."""
    from optionscope.analysis import pairwise_dominance as dominance

    rng = np.random.default_rng(seed)
    x = rng.choice([0.1, 0.2, 0.3, 0.1 + 0.2, 1.0, 1.0 + tol, 1.0 - tol], (m, n))
    if seed % 5 == 0:  # sums that overflow, to either infinity
        x[rng.random((m, n)) < 0.3] = 1.7e308
        x[rng.random((m, n)) < 0.3] = -1.7e308
    maximise = rng.random(n) < 0.5
    signed = np.where(maximise, x, -x)
    at_least = (signed[:, None, :] >= (signed - tol)[None, :, :]).all(axis=-1)  # as computed
    with np.errstate(over="ignore", invalid="ignore"):  # as the kernel's differences
        gains = signed[:, None, :] - signed[None, :, :]
    expected = at_least & (gains > tol).any(axis=-1)
    loser, winner = np.nonzero(expected.T)
    kept = dominance.CHUNK_CELLS, dominance.SPARSE_BELOW
    for cells, sparse in itertools.product((kept[0], 2 * m + 1), (1, kept[1], 10**9)):
        # pairs compared one by one after the first criterion, as usual, or never
        dominance.CHUNK_CELLS, dominance.SPARSE_BELOW = cells, sparse
        try:
            with np.errstate(over="ignore", invalid="ignore"):
                a, b = dominance_pairs(x, maximise, tol)
                mask = dominance.dominated_mask(x, maximise, tol)
                some = rng.random(m) < 0.5
                between = dominance.dominance_pairs_between(
                    x, maximise, tol, np.flatnonzero(some), np.flatnonzero(~some)
                )
        finally:
            dominance.CHUNK_CELLS, dominance.SPARSE_BELOW = kept
        assert a.tolist() == winner.tolist() and b.tolist() == loser.tolist()
        assert mask.tolist() == expected.any(axis=0).tolist()
        keep = some[winner] & ~some[loser]
        assert between[0].tolist() == winner[keep].tolist()
        assert between[1].tolist() == loser[keep].tolist()


def _frontier_scenario(m: int) -> Scenario:
    rng = np.random.default_rng(3)
    return Scenario.model_validate(
        {
            "id": "many",
            "title": "Many",
            "question": "Which?",
            "as_of": "2024-01-01",
            "criteria": [
                {"id": "cost", "name": "Cost", "direction": "min", "scale": {"min": 0, "max": 100}},
                {"id": "good", "name": "Good", "direction": "max", "scale": {"min": 0, "max": 100}},
            ],
            "options": [{"id": f"o{i}", "name": f"Option {i}", "summary": "-"} for i in range(m)],
            "assessments": {
                f"o{i}": {
                    "cost": {"value": float(rng.uniform(0, 100)), "rationale": "r"},
                    "good": {"value": float(rng.uniform(0, 100)), "rationale": "r"},
                }
                for i in range(m)
            },
        }
    )


@pytest.mark.parametrize("m", [ALL_BEATERS_UP_TO, ALL_BEATERS_UP_TO + 1, 400])
def test_each_point_lists_every_option_beating_it_or_above_the_limit_the_efficient_ones(
    m: int,
) -> None:
    # every beater of each of 10,000 options: 50 million names, 4 GB, a minute and a half
    s = _frontier_scenario(m)
    f = value_cost_frontier(s, {"cost": 1, "good": 1}, cost_criterion="cost")
    value = np.array([p.value for p in f.points])
    cost = np.array([p.cost for p in f.points])
    ids = [p.option for p in f.points]
    efficient = {p.option for p in f.points if p.efficient}
    assert f.beaten_by_efficient_only is (m > ALL_BEATERS_UP_TO)
    for i, p in enumerate(f.points):
        every = [ids[k] for k in beaten_by(value, cost, i)] if not p.efficient else []
        if f.beaten_by_efficient_only:
            assert list(p.beaten_by) == [o for o in every if o in efficient]
            assert p.efficient or p.beaten_by  # an option off the frontier has one above it
        else:
            assert list(p.beaten_by) == every


@pytest.mark.parametrize("listed", [dominance.LISTED_PAIRS, 10**9])
def test_many_options_on_few_criteria_name_their_undominated_dominators(
    scenario_factory: Factory, listed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """3,000 options on 3 criteria: over a million dominating pairs, a list of them took
    gigabytes at 10,000 options (and a 170 MB table); each dominated option now names the
    undominated options that dominate it, and the working memory stays bounded."""
    m = 3000
    perf = np.random.default_rng(5).uniform(0, 100, (m, 3))
    s = scenario_factory(perf.tolist())
    monkeypatch.setattr(dominance, "LISTED_PAIRS", listed)  # the pairs found listed, or not
    result, peak = with_peak_memory(lambda: dominated_options(s))
    table = dominance_matrix(perf, np.ones(3, dtype=bool), TIE_TOLERANCE)
    dominated = table.any(axis=0)
    assert table.sum() > m * m / 10  # dense (an eighth of the pairs): the case this is about
    assert result.by_undominated_only
    named = {d.option: d.dominated_by for d in result.dominated}
    assert sorted(named) == sorted(f"o{i}" for i in np.flatnonzero(dominated))
    for i in np.flatnonzero(dominated):
        by = [int(o[1:]) for o in named[f"o{i}"]]
        expected = np.flatnonzero(table[:, i] & ~dominated)
        assert by == expected.tolist() and by
    assert sum(map(len, named.values())) < table.sum() / 20
    if listed < 10**9:  # no list or table of all the pairs (1.1 million): bounded
        assert peak < 40 * 2**20, peak


def test_an_option_dominated_only_through_a_chain_of_ties_names_its_dominators(
    scenario_factory: Factory,
) -> None:
    """Within the tie tolerance t, y dominates x and z dominates y, but z is more than t
    worse than x on the second criterion, so z does not dominate x: x's one dominator is
    itself dominated. Above 50 options x then names every option that dominates it."""
    t = TIE_TOLERANCE
    x, y, z = [50.0, 50.0], [50.0 + 2 * t, 50.0 - 0.6 * t], [50.0 + 4 * t, 50.0 - 1.2 * t]
    others = [[10.0 + 0.1 * i, 10.0] for i in range(55)]  # dominated by all three
    s = scenario_factory([x, y, z, *others])
    result = dominated_options(s)
    named = {d.option: d.dominated_by for d in result.dominated}
    assert result.by_undominated_only
    assert "o2" not in named and "o0" not in named["o1"]
    assert named["o0"] == ("o1",)  # its only dominator, though dominated
    assert named["o1"] == ("o2",)
    assert named["o3"] == ("o2",)  # the undominated one among o0, o1 and o2
