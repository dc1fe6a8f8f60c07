"""Stability intervals, weight sweeps, tornado, and what would have to be true."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optionscope.analysis.sensitivity import (
    leader_interval,
    stability_intervals,
    sweep_lines,
    tornado,
    upper_envelope,
    weight_sweep,
    what_would_have_to_be_true,
)
from optionscope.analysis.value import rank_wsm, value_matrix, weight_vector
from optionscope.model.scenario import Scenario

Factory = Callable[..., Scenario]


def _swept_weights(w: np.ndarray, j: int, t: np.ndarray) -> np.ndarray:
    """Weights along the sweep, computed the long way (rows: t)."""
    if w.size == 1:
        return np.ones((t.size, 1))
    rest = w.copy()
    rest[j] = 0
    if rest.sum() < 1e-12:
        rest = np.ones_like(w)
        rest[j] = 0
    out = (1 - t)[:, None] * (rest / rest.sum())[None, :]
    out[:, j] = t
    return out


def _random_scenario(factory: Factory, seed: int, m: int = 5, n: int = 4) -> Scenario:
    rng = np.random.default_rng(seed)
    return factory(rng.uniform(0, 100, (m, n)).round(1))


# Stability intervals ------------------------------------------------------------


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(0, 2**32 - 1), st.integers(2, 6), st.integers(1, 5))
def test_stability_interval_breakpoints_match_a_brute_force_sweep(
    scenario_factory: Factory, seed: int, m: int, n: int
) -> None:
    scenario = _random_scenario(scenario_factory, seed, m, n)
    rng = np.random.default_rng(seed + 1)
    weights = {
        c: float(x) for c, x in zip(scenario.criterion_ids, rng.uniform(0.1, 1, n), strict=True)
    }
    analysis = stability_intervals(scenario, weights)
    v = value_matrix(scenario)
    w = weight_vector(scenario, weights)
    grid = np.linspace(0, 1, 4001)
    ids = scenario.option_ids
    leader = ids.index(analysis.leader)
    for j, crit in enumerate(analysis.criteria):
        scores = v @ _swept_weights(w, j, grid).T  # options x grid
        best = scores.max(axis=0)
        breakpoints = [seg.start for seg in crit.segments[1:]]
        for k, t in enumerate(grid):
            near_break = any(abs(t - b) < 1e-6 for b in breakpoints)
            seg = next(s for s in crit.segments if s.start <= t <= s.end)
            if not near_break:
                for option in seg.leaders:
                    assert scores[ids.index(option), k] >= best[k] - 1e-9
            # The leader is (weakly) first inside its interval and not outside.
            inside = crit.lower + 1e-6 < t < crit.upper - 1e-6
            outside = t < crit.lower - 1e-6 or t > crit.upper + 1e-6
            if inside:
                assert scores[leader, k] >= best[k] - 1e-9
            if outside:
                assert scores[leader, k] < best[k] - 1e-12
        assert crit.lower <= crit.weight <= crit.upper


def test_the_interval_reports_who_leads_beyond_each_edge(three_options: Scenario) -> None:
    analysis = stability_intervals(three_options, {"c0": 1, "c1": 1, "c2": 1})
    assert analysis.leader == "o1"
    c0 = analysis.for_criterion("c0")
    # o1 = 50, 70, 70 (value of c2 = 100 - 30); o0 = 80, 30, 60: o0 catches up at t = 5/11.
    assert c0.lower == 0.0
    assert c0.upper == pytest.approx(5 / 11)
    assert c0.above is not None and c0.above.leaders == ("o0",)
    assert c0.below is None
    c2 = analysis.for_criterion("c2")
    assert c2.robust
    most = analysis.most_sensitive()
    # c0 has 0.45 - 0.33 = 0.12 of room, c1 has 0.33 - 0.20 = 0.13.
    assert most is not None and most.criterion == "c0"


def test_a_weight_of_one_spreads_the_rest_of_the_sweep_equally(
    scenario_factory: Factory,
) -> None:
    scenario = scenario_factory([[100, 0, 0], [0, 100, 100], [60, 0, 100]])
    analysis = stability_intervals(scenario, {"c0": 1})
    c0 = analysis.for_criterion("c0")
    assert analysis.leader == "o0"
    assert c0.weight == 1.0
    # Lines: o0 = 100 t, o1 = 100 (1 - t), o2 = 50 + 10 t: o1 leads up to 5/11,
    # o2 up to 5/9, o0 above.
    assert c0.upper == 1.0
    assert c0.lower == pytest.approx(5 / 9)
    assert [s.leaders for s in c0.segments] == [("o1",), ("o2",), ("o0",)]
    assert c0.segments[1].start == pytest.approx(5 / 11)


def test_options_with_the_same_values_lead_together(scenario_factory: Factory) -> None:
    scenario = scenario_factory([[80, 20], [80, 20], [10, 90]])
    c0 = stability_intervals(scenario, {"c0": 1, "c1": 1}).for_criterion("c0")
    assert c0.segments[-1].leaders == ("o0", "o1")
    assert c0.segments[0].leaders == ("o2",)
    assert c0.lower == pytest.approx(0.5)


def test_the_envelope_of_crossing_lines_has_exact_breakpoints() -> None:
    a = np.array([10.0, 0.0, 5.0])
    b = np.array([-10.0, 10.0, 0.0])
    segments = upper_envelope(a, b)
    # 10 - 10t meets 5 at t = 0.5; 5 meets 10t at t = 0.5 too: one breakpoint.
    assert [(s, e, idx) for s, e, idx in segments] == [(0.0, 0.5, (0,)), (0.5, 1.0, (1,))]
    assert leader_interval(a, b, 2) == (0.5, 0.5)


def _leader_interval_one_by_one(
    a: np.ndarray, b: np.ndarray, leader: int, tolerance: float
) -> tuple[float, float]:
    """The interval as a running max and min over the other options' crossings."""
    lo, hi = 0.0, 1.0
    for i in range(a.size):
        if i != leader and b[leader] - b[i] > tolerance:
            lo = max(lo, -(a[leader] - a[i]) / (b[leader] - b[i]))
        elif i != leader and b[leader] - b[i] < -tolerance:
            hi = min(hi, -(a[leader] - a[i]) / (b[leader] - b[i]))
    return lo, hi


_LINE = st.sampled_from([0.0, -0.0, 0.5, 1.0, 2.0, -3.0, 1e-12, 50.0])


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(st.tuples(_LINE, _LINE), min_size=1, max_size=12),
    leader=st.integers(0, 11),
    tolerance=st.sampled_from([0.0, 1e-9]),
)
def test_the_leader_interval_is_the_running_max_and_min_of_the_crossings(
    lines: list[tuple[float, float]], leader: int, tolerance: float
) -> None:
    """Computed for every option at once (one at a time was most of the stability
    intervals of 10,000 options): the same numbers, zeros of the same sign."""
    a, b = (np.array(x) for x in zip(*lines, strict=True))
    k = leader % a.size
    got = leader_interval(a, b, k, tolerance)
    assert [repr(x) for x in got] == [
        repr(x) for x in _leader_interval_one_by_one(a, b, k, tolerance)
    ]


def test_sweep_lines_pass_through_todays_scores(three_options: Scenario) -> None:
    weights = {"c0": 2, "c1": 1, "c2": 1}
    v = value_matrix(three_options)
    w = weight_vector(three_options, weights)
    for j in range(3):
        a, b = sweep_lines(v, w, j)
        np.testing.assert_allclose(a + b * w[j], v @ w)


def test_a_weight_sweep_samples_scores_for_charts(three_options: Scenario) -> None:
    sweep = weight_sweep(three_options, {"c0": 1, "c1": 1, "c2": 1}, "c0", samples=12)
    assert sweep.scores.shape == (3, 12)
    assert sweep.t[0] == 0 and sweep.t[-1] == 1
    assert sweep.breakpoints == pytest.approx((5 / 11,))
    with pytest.raises(ValueError, match="unknown criterion"):
        weight_sweep(three_options, {"c0": 1}, "zz")


# Tornado ---------------------------------------------------------------------------


def test_tornado_bars_are_the_scores_at_each_end_of_the_range(three_options: Scenario) -> None:
    weights = {"c0": 1, "c1": 2, "c2": 1}
    result = tornado(three_options, weights)
    widths = [abs(bar.swing) for bar in result.bars]
    assert widths == sorted(widths, reverse=True)
    low, high = 0, 0
    for bar in result.bars:
        a = three_options.assessments[bar.option][bar.criterion]
        at_low = rank_wsm(three_options, weights, {(bar.option, bar.criterion): a.lower})
        at_high = rank_wsm(three_options, weights, {(bar.option, bar.criterion): a.upper})
        assert bar.low_score == pytest.approx(at_low.by_option(bar.option).score)
        assert bar.high_score == pytest.approx(at_high.by_option(bar.option).score)
        low += bar.swing < 0
        high += bar.swing > 0
    # c2 is a min criterion: a higher cost lowers the score.
    assert all(bar.swing < 0 for bar in result.bars if bar.criterion == "c2")
    assert low and high


def test_the_margin_swing_shows_which_criterion_alone_can_change_the_leader(
    scenario_factory: Factory,
) -> None:
    scenario = scenario_factory(
        [[60, 50], [55, 50]],
        low=[[50, 50], [50, 50]],
        high=[[60, 50], [80, 50]],
    )
    result = tornado(scenario, {"c0": 1, "c1": 1})
    assert result.leader == "o0"
    c0 = next(ms for ms in result.margins if ms.criterion == "c0")
    c1 = next(ms for ms in result.margins if ms.criterion == "c1")
    assert c0.central_margin == pytest.approx(2.5)
    assert c0.low_margin == pytest.approx((50 - 80) / 2)
    assert c0.high_margin == pytest.approx((60 - 50) / 2)
    assert c0.can_change_leader and c0.rival == "o1"
    assert not c1.can_change_leader and c1.swing == 0
    assert result.margins[0].criterion == "c0"


def test_an_overridden_assessment_has_no_range(three_options: Scenario) -> None:
    result = tornado(three_options, {"c0": 1}, {("o0", "c0"): 75.0})
    bar = next(b for b in result.bars if (b.option, b.criterion) == ("o0", "c0"))
    assert bar.swing == 0 and bar.central_score == pytest.approx(75.0)


# What would have to be true ----------------------------------------------------------


def _leads(v: np.ndarray, w: np.ndarray, k: int) -> float:
    others = [i for i in range(v.shape[0]) if i != k]
    return float(((v[k] - v[others]) @ w).min())


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(0, 2**32 - 1), st.booleans())
def test_the_new_weights_make_the_option_first_and_nothing_nearer_does(
    scenario_factory: Factory, seed: int, strict: bool
) -> None:
    scenario = _random_scenario(scenario_factory, seed, m=4, n=4)
    rng = np.random.default_rng(seed)
    weights = {
        c: float(x) for c, x in zip(scenario.criterion_ids, rng.uniform(0.1, 1, 4), strict=True)
    }
    v = value_matrix(scenario)
    w0 = weight_vector(scenario, weights)
    margin = 0.01 if strict else 0.0
    for k, option in enumerate(scenario.option_ids):
        change = what_would_have_to_be_true(scenario, weights, option, strict=strict)
        if change.already_first:
            assert _leads(v, w0, k) >= margin - 1e-9
            continue
        if not change.possible:
            assert change.distance is None and change.after is None
            continue
        assert change.after is not None and change.distance is not None
        w = np.array([change.after[c] for c in scenario.criterion_ids])
        assert w.sum() == pytest.approx(1.0) and np.all(w >= 0)
        assert _leads(v, w, k) >= margin - 1e-6
        assert change.distance == pytest.approx(np.abs(w - w0).sum())
        # Random weight vectors strictly nearer (in L1) never make it first.
        for _ in range(300):
            step = rng.normal(size=4)
            step -= step.mean()
            step *= rng.uniform(0, 0.999) * change.distance / np.abs(step).sum()
            near = w0 + step
            if np.any(near < 0):
                continue
            assert _leads(v, near, k) < margin + 1e-9


def test_a_dominated_option_cannot_be_made_first_and_the_reason_is_given(
    scenario_factory: Factory,
) -> None:
    scenario = scenario_factory([[80, 80, 50], [70, 60, 50], [90, 10, 40]])
    change = what_would_have_to_be_true(scenario, {"c0": 1, "c1": 1, "c2": 1}, "o1")
    assert not change.possible
    assert change.blocked_by == ("o0",)
    # Tied with o0 on c2, it can tie for first when ties are allowed.
    weak = what_would_have_to_be_true(scenario, {"c0": 1, "c1": 1, "c2": 1}, "o1", strict=False)
    assert weak.possible and weak.after is not None
    assert weak.after["c2"] == pytest.approx(1.0)


def test_the_answer_names_the_criteria_that_go_up_and_down(three_options: Scenario) -> None:
    change = what_would_have_to_be_true(three_options, {"c0": 1, "c1": 1, "c2": 1}, "o0")
    assert change.possible and not change.already_first
    assert [s.criterion for s in change.up] == ["c0"]
    assert {s.criterion for s in change.down} <= {"c1", "c2"}


def test_the_leader_is_already_first(three_options: Scenario) -> None:
    change = what_would_have_to_be_true(three_options, {"c0": 1, "c1": 1, "c2": 1}, "o1")
    assert change.already_first and change.distance == 0.0
    with pytest.raises(ValueError, match="unknown option"):
        what_would_have_to_be_true(three_options, {"c0": 1}, "nope")
