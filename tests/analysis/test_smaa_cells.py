"""SMAA's draws addressed by position: the generator, the distributions, the work they spare."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from optionscope.analysis import smaa as sm
from optionscope.analysis import smaa_cells as cells
from optionscope.analysis import smaa_sampling as sampling
from optionscope.analysis import smaa_screen as screen
from optionscope.analysis.value import criterion_values
from optionscope.model.scenario import Scenario

Factory = Callable[..., Scenario]

MASK = (1 << 64) - 1


def _splitmix64(seed: int, count: int) -> list[int]:
    """SplitMix64 as published (Steele, Lea & Flood 2014), one output at a time."""
    out, state = [], seed
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        out.append(z ^ (z >> 31))
    return out


def test_the_words_are_splitmix64_at_their_positions() -> None:
    # the reference sequence of seed 1234567
    expected = [6457827717110365317, 3203168211198807973, 9817491932198370423,
                4593380528125082431, 16408922859458223821]  # fmt: skip
    assert _splitmix64(1234567, 5) == expected
    got = cells.words(np.uint64(1234567), np.arange(1, 6, dtype=np.uint64))
    assert [int(x) for x in got] == expected
    # any position, in any order, without the ones before it
    far = np.array([10**12, 7, 10**15 + 3], dtype=np.uint64)
    reference = [_splitmix64((1234567 + (int(i) - 1) * 0x9E3779B97F4A7C15) & MASK, 1)[0]
                 for i in far]  # fmt: skip
    assert [int(x) for x in cells.words(np.uint64(1234567), far)] == reference


def _table(m: int, kind: str, seed: int = 1) -> tuple[cells.CellTable, Any]:
    rng = np.random.default_rng(seed)
    central = rng.uniform(20, 80, (m, 3))
    low, high = central - rng.uniform(1, 15, (m, 3)), central + rng.uniform(1, 15, (m, 3))
    distributions = tuple((kind,) * 3 for _ in range(m))
    from optionscope.model.scenario import Criterion

    criteria = tuple(
        Criterion.model_validate({"id": f"c{j}", "name": "C", "scale": {"min": 0, "max": 100},
                                  "direction": "max" if j else "min"})
        for j in range(3)
    )  # fmt: skip
    return cells.cell_table(central, low, high, distributions, criteria), (central, low, high)


def test_a_draw_depends_only_on_its_simulation_option_and_criterion() -> None:
    table, _ = _table(40, "triangular")
    key = cells.stream_key(5, 0, 0)
    sims = np.repeat(np.arange(300, dtype=np.uint64), 40)
    opts = np.tile(np.arange(40), 300)
    whole = table.draw(key, cells.first_indices(sims, opts, 40, 3), opts, 1)
    pick = np.random.default_rng(0).permutation(sims.size)[:500]
    part = table.draw(key, cells.first_indices(sims[pick], opts[pick], 40, 3), opts[pick], 1)
    np.testing.assert_array_equal(part, whole[pick])
    other = table.draw(cells.stream_key(6, 0, 0), cells.first_indices(sims, opts, 40, 3), opts, 1)
    assert not np.array_equal(other, whole)


@pytest.mark.parametrize(
    ("kind", "mean_of"),
    [
        ("uniform", lambda lo, c, hi: (lo + hi) / 2),
        ("triangular", lambda lo, c, hi: (lo + c + hi) / 3),
        ("pert", lambda lo, c, hi: (lo + 4 * c + hi) / 6),
    ],
)
def test_each_distribution_draws_within_its_range_around_its_mean(
    kind: str, mean_of: Callable[..., Any]
) -> None:
    table, (central, low, high) = _table(6, kind)
    key = cells.stream_key(11, 0, 0)
    n_sims = 40_000
    sims = np.repeat(np.arange(n_sims, dtype=np.uint64), 6)
    opts = np.tile(np.arange(6), n_sims)
    first = cells.first_indices(sims, opts, 6, 3)
    j = 2  # a "max" criterion on 0-100: the value is the performance
    values = table.draw(key, first, opts, j).reshape(n_sims, 6)
    assert np.all(values >= low[:, j] - 1e-9) and np.all(values <= high[:, j] + 1e-9)
    sd = (high[:, j] - low[:, j]) / np.sqrt(12)
    np.testing.assert_array_less(
        np.abs(values.mean(axis=0) - mean_of(low[:, j], central[:, j], high[:, j])),
        5 * sd / np.sqrt(n_sims),
    )


def _table_pert(mode: Any, u: Any) -> Any:
    """The standard PERT table interpolated in both axes, read as the formula reads."""
    flat = cells.standard_pert_table().reshape(-1)
    at = mode * cells.PERT_MODE_STEPS
    row = np.minimum(at.astype(np.intp), cells.PERT_MODE_STEPS - 1)
    at -= row
    pos = u * sampling.PERT_STEPS
    col = np.minimum(pos.astype(np.intp), sampling.PERT_STEPS - 1)
    pos -= col
    here = row * (sampling.PERT_STEPS + 1) + col
    below = flat[here] + pos * (flat[here + 1] - flat[here])
    here += sampling.PERT_STEPS + 1
    above = flat[here] + pos * (flat[here + 1] - flat[here])
    return below + at * (above - below)


def _one_pass_share(table: cells.CellTable, key: Any, first: Any, options: Any, j: int) -> Any:
    """Where each draw falls in its range (0 to 1) as the formula reads: every kind's
    terms on every cell, the PERT table read where it is needed."""
    u1, u2 = cells.uniforms(cells.words(key, first + np.uint64(j)))
    r = (table.uniform[j][options] * u1 + table.tri_min[j][options] * np.minimum(u1, u2)
         + table.tri_max[j][options] * np.maximum(u1, u2))  # fmt: skip
    mode = table.pert_mode[j][options]
    pert = np.flatnonzero(mode >= 0.0)
    r[pert] = _table_pert(mode[pert], u1[pert])
    return r


def _one_pass_draw(table: cells.CellTable, key: Any, first: Any, options: Any, j: int) -> Any:
    """A draw as the formula reads, the value function applied last (folded in, where it
    is)."""
    if not table.uncertain[j]:
        return table.value[j][options]
    drawn = _one_pass_share(table, key, first, options, j) * table.span[j][options]
    drawn += table.low[j][options]
    return drawn if table.folded[j] else criterion_values(drawn, table.criteria[j])


def test_a_draw_is_the_one_pass_formula_bit_for_bit() -> None:
    """Each kind drawn on its own cells, the PERT table's steps gathered at once, the linear
    value map applied in place: the same numbers, to the last bit."""
    from optionscope.model.scenario import Criterion

    rng = np.random.default_rng(17)
    m, n = 400, 4
    central = rng.uniform(0, 100, (m, n))
    width = rng.uniform(0, 30, (m, n)) * (rng.random((m, n)) < 0.8)  # some cells certain
    low, high = central - width * rng.random((m, n)), central + width * rng.random((m, n))
    kinds = ("uniform", "triangular", "pert")
    distributions = tuple(tuple(kinds[k] for k in row) for row in rng.integers(0, 3, (m, n)))
    specs = [{"direction": "max"}, {"direction": "min"},
             {"direction": "max", "value_function": {"points": [[0, 0], [40, 80], [100, 100]]}},
             {"direction": "min"}]  # fmt: skip
    criteria = tuple(
        Criterion.model_validate({"id": f"c{j}", "name": "C", "scale": {"min": -5, "max": 105},
                                  **spec})
        for j, spec in enumerate(specs)
    )  # fmt: skip
    low[:, 3], high[:, 3] = central[:, 3], central[:, 3]  # a criterion without ranges
    table = cells.cell_table(central, low, high, distributions, criteria)
    key = cells.stream_key(5, 0, 0)
    sims = rng.integers(0, 10**6, 5000).astype(np.uint64)
    options = rng.integers(0, m, 5000)
    first = cells.first_indices(sims, options, m, n)
    for j in range(n):
        got = table.draw(key, first, options, j)
        want = _one_pass_draw(table, key, first, options, j)
        np.testing.assert_array_equal(got.view(np.uint64), want.view(np.uint64))
    mode, u = rng.random(3000), rng.random(3000)
    mode[:3], u[:3] = 1.0, 0.0  # the table's last row, its first column
    np.testing.assert_array_equal(cells.standard_pert(mode, u), _table_pert(mode, u))


def test_a_criterion_valued_linearly_draws_the_values_of_its_performances() -> None:
    """With its ranges on its scale, a linear criterion's map to values is folded into its
    cells: each draw is, to rounding, the value of the performance drawn; a range off
    the scale (the value clipped) or a value function keeps the map apart."""
    from optionscope.model.scenario import Criterion

    rng = np.random.default_rng(29)
    m, n = 300, 4
    central = rng.uniform(10, 90, (m, n))
    width = rng.uniform(0, 10, (m, n)) * (rng.random((m, n)) < 0.8)
    low, high = central - width, central + width
    low[0, 2] = -20.0  # off the scale
    kinds = ("uniform", "triangular", "pert")
    distributions = tuple(tuple(kinds[k] for k in row) for row in rng.integers(0, 3, (m, n)))
    specs = [
        {"direction": "max"},
        {"direction": "min"},
        {"direction": "max"},
        {"direction": "max", "value_function": {"points": [[0, 0], [50, 90], [100, 100]]}},
    ]
    criteria = tuple(
        Criterion.model_validate({"id": f"c{j}", "name": "C", "scale": {"min": 0, "max": 100},
                                  **spec})
        for j, spec in enumerate(specs)
    )  # fmt: skip
    table = cells.cell_table(central, low, high, distributions, criteria)
    assert table.folded.tolist() == [True, True, False, False]
    key = cells.stream_key(8, 0, 0)
    sims = rng.integers(0, 10**6, 4000).astype(np.uint64)
    options = rng.integers(0, m, 4000)
    first = cells.first_indices(sims, options, m, n)
    for j in range(n):
        share = _one_pass_share(table, key, first, options, j)
        performance = low[options, j] + share * (high - low)[options, j]
        want = criterion_values(performance, criteria[j])
        np.testing.assert_allclose(table.draw(key, first, options, j), want, rtol=0, atol=1e-10)


def test_the_standard_pert_table_matches_each_cell_tabulated_alone() -> None:
    rng = np.random.default_rng(3)
    mode = rng.uniform(0, 1, 50)
    u = rng.uniform(0, 1, (50, 200))
    exact = sampling.pert_quantile_table(np.zeros(50), mode, np.ones(50))
    pos = u * sampling.PERT_STEPS
    col = np.minimum(pos.astype(int), sampling.PERT_STEPS - 1)
    alone = np.take_along_axis(exact, col, 1) + (pos - col) * (
        np.take_along_axis(exact, col + 1, 1) - np.take_along_axis(exact, col, 1)
    )
    shared = cells.standard_pert(np.repeat(mode, 200), u.reshape(-1)).reshape(50, 200)
    assert np.abs(shared - alone).max() < 2e-4  # of the range


def test_the_screen_draws_a_small_share_of_the_cells_of_a_wide_field(
    scenario_factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Wide ranges let most options reach the first ranks in some simulation: they were
    all drawn in every simulation. Now a simulation draws the options that can reach
    them there, and each only until it cannot."""
    rng = np.random.default_rng(12)
    m, n = 1500, 6
    perf = rng.uniform(0, 100, (m, n))
    width = rng.uniform(0, 40, (m, n))
    low, high = np.clip(perf - width, 0, 100), np.clip(perf + width, 0, 100)
    s = scenario_factory(perf.tolist(), low=low.tolist(), high=high.tolist(), confidence="high")
    drawn = [0]
    original = cells.CellTable.draw

    def counting(self: cells.CellTable, key: Any, first: Any, options: Any, j: int) -> Any:
        drawn[0] += int(options.size)
        return original(self, key, first, options, j)

    monkeypatch.setattr(cells.CellTable, "draw", counting)
    samples = 2000
    weights = {f"c{j}": 1.0 for j in range(n)}
    result = sm.smaa(s, weights, samples=samples, seed=2, concentration=None,
                     confidence_samples=0, workers=1)  # fmt: skip
    # the options that can reach the first three under these weights, by their bounds
    inputs = sm.scenario_screen_inputs(s)
    w = np.full(n, 1.0 / n)
    third = np.sort(inputs.least @ w)[-3]
    assert (inputs.most @ w >= third).sum() > m // 2
    assert result.bounded and result.simulated is not None
    # they were all drawn whole in every simulation (over half the cells); now few are
    assert drawn[0] < 0.05 * samples * m * n
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=0), np.ones(3))


def test_confidence_factors_go_to_the_options_most_often_first(
    scenario_factory: Factory,
) -> None:
    rng = np.random.default_rng(5)
    m = 80
    perf = rng.uniform(40, 60, (m, 3))
    s = scenario_factory(perf.tolist(), low=(perf - 10).tolist(), high=(perf + 10).tolist())
    result = sm.smaa(s, None, samples=3000, seed=4, workers=1)
    firsts = result.rank_acceptability[:, 0]
    assert (firsts > 0).sum() > screen.CONFIDENCE_LEADERS
    known = np.flatnonzero(np.isfinite(result.confidence_factors))
    assert known.size == screen.CONFIDENCE_LEADERS
    assert firsts[known].min() >= np.delete(firsts, known).max()
    assert result.confidence_samples == 3000
    more = sm.smaa(s, None, samples=12_000, seed=4, workers=1)
    assert more.confidence_samples == sm.BOUNDED_CONFIDENCE_SAMPLES == 10_000


def test_the_screened_shares_agree_with_the_full_simulation_within_sampling_error(
    scenario_factory: Factory,
) -> None:
    """Another generator and a screen, the same distribution: the first three ranks of a
    60-option scenario, against every rank drawn by the plain kernel's streams."""
    rng = np.random.default_rng(21)
    m, n = 60, 3
    perf = rng.uniform(30, 70, (m, n))
    width = rng.uniform(0, 25, (m, n))
    kinds = [[("low", "medium", "high")[(i + j) % 3] for j in range(n)] for i in range(m)]
    s = scenario_factory(perf.tolist(), low=(perf - width).clip(0, 100).tolist(),
                         high=(perf + width).clip(0, 100).tolist(), confidence=kinds)  # fmt: skip
    weights = {"c0": 1.0, "c1": 2.0, "c2": 1.0}
    samples = 20_000
    screened = sm.smaa(s, weights, samples=samples, seed=8, confidence_samples=0, workers=1)
    centre = np.array([0.25, 0.5, 0.25])
    plain = sm.simulate(sm.scenario_performance_model(s), sm.WeightModel(n, centre, 50.0),
                        samples=samples, seed=9, confidence_samples=0)  # fmt: skip
    a, b = screened.rank_acceptability, plain.rank_acceptability[:, :3]
    p = (a + b) / 2
    allowed = 5 * np.sqrt(2 * p * (1 - p) / samples) + 1e-3
    assert np.all(np.abs(a - b) <= allowed)
    assert (b[:, 0] > 0.01).sum() >= 5  # a race between several options


@pytest.fixture(params=["threads", "forked processes"])
def sharing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Chunks shared among threads, or among forked copies of the process (where it may
    fork: else threads)."""
    from optionscope.analysis import smaa_screen_run
    from optionscope.io import forked

    processes = request.param == "forked processes"
    if processes and not (hasattr(os, "fork") and sys.platform == "linux"):
        return "threads"
    monkeypatch.setattr(smaa_screen_run, "forking_helps", lambda: processes)
    if processes:
        forks = []
        real = forked.os.fork

        def counted() -> int:
            pid = real()
            if pid:
                forks.append(pid)
            return pid

        def some_were_forked() -> None:
            assert forks, "no process was forked"

        monkeypatch.setattr(forked.os, "fork", counted)
        request.addfinalizer(some_were_forked)
    return str(request.param)


def test_the_screened_run_gives_the_same_numbers_on_any_number_of_threads(
    scenario_factory: Factory, sharing: str
) -> None:
    rng = np.random.default_rng(30)
    perf = rng.uniform(30, 70, (70, 3))
    s = scenario_factory(perf.tolist(), low=(perf - 12).tolist(), high=(perf + 12).tolist(),
                         confidence="high")  # fmt: skip
    runs = [sm.smaa(s, None, samples=40_000, seed=3, workers=w, chunk_size=c)
            for w, c in ((1, None), (2, None), (2, 999))]  # fmt: skip
    for other in runs[1:]:
        np.testing.assert_array_equal(other.rank_acceptability, runs[0].rank_acceptability)
        np.testing.assert_array_equal(other.confidence_factors, runs[0].confidence_factors)
    assert np.isfinite(runs[0].confidence_factors).sum() == screen.CONFIDENCE_LEADERS


def test_the_views_say_which_options_have_confidence_factors(scenario_factory: Factory) -> None:
    from optionscope.present.simulation import top_ranks_sentence

    rng = np.random.default_rng(5)
    perf = rng.uniform(40, 60, (80, 3))
    wide = scenario_factory(perf.tolist(), low=(perf - 10).tolist(), high=(perf + 10).tolist())
    many = sm.smaa(wide, None, samples=3000, seed=4, workers=1)
    text = top_ranks_sentence(many)
    assert text is not None
    assert "for the 10 options most often first only, from 3,000 simulations each" in text
    perf[0] += 30  # one option far ahead: the only one ever first
    ahead = scenario_factory(perf.tolist(), low=(perf - 1).tolist(), high=(perf + 1).tolist())
    one = sm.smaa(ahead, None, samples=3000, seed=4, workers=1)
    text = top_ranks_sentence(one)
    assert text is not None and "most often first only" not in text
    assert text.endswith("Confidence factors are computed from 3,000 simulations each.")


def _added_in_place(s: Scenario, samples: int, seed: int, chunk: int) -> tuple[Any, Any]:
    """Rank shares and central weights with each block's chunks added up in place, in order,
    on one thread."""
    from optionscope.analysis.smaa_screen_run import ScreenedRun

    inputs = sm.scenario_screen_inputs(s)
    model = sm.WeightModel(inputs.most.shape[1], None, None)
    run = ScreenedRun(inputs, model, seed, sm._PASS_MAIN, None, screen.TOP_RANKS, True)
    m, n, k = run.cells.m, run.cells.n, run.k
    counts, central, firsts = np.zeros((m, k)), np.zeros((m, n)), np.zeros(m)
    for index, size in sm._blocks(samples):
        drawn = model.draws(sm._rng(seed, sm._PASS_MAIN, index, sm._STREAM_WEIGHTS))
        b_counts, b_central, b_firsts = np.zeros((m, k)), np.zeros((m, n)), np.zeros(m)
        for start in range(0, size, chunk):
            a = index * sm.BLOCK + start
            sims = np.arange(a, a + min(chunk, size - start), dtype=np.uint64)
            w = drawn.take_by_sample(sims.size)
            sums, hits = run.chunk(sims, w, b_counts, np.zeros(m, dtype=bool))
            b_central += sums
            b_firsts += hits
        counts += b_counts
        central += b_central
        firsts += b_firsts
    with np.errstate(invalid="ignore", divide="ignore"):
        return counts / samples, np.where(firsts[:, None] > 0, central / firsts[:, None], np.nan)


def test_tied_shares_add_up_alike_on_any_number_of_threads(
    scenario_factory: Factory, sharing: str
) -> None:
    """Chunks ranked on several threads finish in any order; three-way ties give shares of
    a third, whose sums depend on the order they are added in: the same sums as on one
    thread, to the last bit, central weights included."""
    rng = np.random.default_rng(8)
    perf = np.repeat(rng.uniform(20, 80, (30, 3)), 3, axis=0)  # options in identical threes
    s = scenario_factory(perf.tolist())
    runs = [sm.smaa(s, None, samples=20_000, seed=5, workers=w, chunk_size=300,
                    confidence_samples=2_000) for w in (1, 3, 2)]  # fmt: skip
    shares, central = _added_in_place(s, 20_000, 5, 300)
    assert np.any(shares * 60_000 % 3 > 0) and shares[:, 0].sum() == pytest.approx(1.0)
    np.testing.assert_array_equal(runs[0].rank_acceptability, shares)
    np.testing.assert_array_equal(runs[0].central_weights, central)
    for other in runs[1:]:
        np.testing.assert_array_equal(other.rank_acceptability, runs[0].rank_acceptability)
        np.testing.assert_array_equal(other.central_weights, runs[0].central_weights)
        np.testing.assert_array_equal(other.confidence_factors, runs[0].confidence_factors)


def test_a_table_with_pert_cells_tabulates_the_pert_steps_before_any_draw() -> None:
    """Threads drawing at once would each tabulate them."""
    cells._pert_steps.cache_clear()
    table, _ = _table(20, "pert")
    assert cells._pert_steps.cache_info().currsize == 1
    cells._pert_steps.cache_clear()
    _table(20, "uniform")
    assert cells._pert_steps.cache_info().currsize == 0
    assert table.has_pert.all()
