"""SMAA's kernel: its quick paths give the numbers of the plain ones, to the last bit."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from optionscope.analysis import smaa as sm
from optionscope.analysis import smaa_sampling as sampling
from optionscope.analysis.smaa_ranks import (
    PAIRWISE_UP_TO,
    PairwiseRanks,
    _first_place_sums,
    _rank_batch,
)
from optionscope.analysis.smaa_weights import WEIGHT_TILE, WeightModel
from optionscope.analysis.value import TIE_TOLERANCE
from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Scenario
from seeded_words import whole_values, words_cell_by_cell


def _scores_with_ties(rng: np.random.Generator, b: int, m: int) -> np.ndarray:
    """Option-major scores `(m, b)`: most samples without ties, some with exact ties,
    ties within the tolerance, chains of near-ties and every option tied."""
    s = rng.uniform(0, 100, size=(m, b))
    kind = rng.integers(0, 6, size=b)
    for col in np.flatnonzero(kind == 1):  # two options exactly equal
        a, c = rng.choice(m, size=2, replace=False)
        s[c, col] = s[a, col]
    for col in np.flatnonzero(kind == 2):  # within the tolerance, not equal
        a, c = rng.choice(m, size=2, replace=False)
        s[c, col] = s[a, col] + rng.uniform(-1, 1) * TIE_TOLERANCE / 2
    for col in np.flatnonzero(kind == 3):  # a chain: each within the tolerance of the next
        top = s[:, col].max()
        s[:, col] = top - np.arange(m) * TIE_TOLERANCE * 0.9
    s[:, kind == 4] = 42.0  # every option tied
    for col in np.flatnonzero(kind == 5):  # just outside the tolerance
        a, c = rng.choice(m, size=2, replace=False)
        s[c, col] = s[a, col] + 2 * TIE_TOLERANCE
    return s


@pytest.mark.parametrize("m", range(2, PAIRWISE_UP_TO + 1))
def test_pairwise_ranks_count_what_sorting_counts(m: int) -> None:
    rng = np.random.default_rng(m)
    pairwise = PairwiseRanks(m, 600)
    counts_sorted = rng.uniform(0, 50, size=(m, m))  # earlier shares: the sums' rounding shows
    counts_pairs = counts_sorted.copy()
    for b in (600, 599, m):
        scores = _scores_with_ties(rng, b, m)
        _, lead, rows, tie_first = _rank_batch(scores.T, into=counts_sorted)
        lead2, rows2, tie_first2 = pairwise.count(scores, counts_pairs)
        assert counts_pairs.tobytes() == counts_sorted.tobytes()
        np.testing.assert_array_equal(lead2, lead)
        np.testing.assert_array_equal(rows2, rows)
        assert tie_first2.tobytes() == tie_first.tobytes()
    clean = np.random.default_rng(0).uniform(0, 100, size=(m, 300))  # no ties at all
    _, lead, rows, _ = _rank_batch(clean.T, into=counts_sorted)
    lead2, rows2, _ = pairwise.count(clean, counts_pairs)
    assert rows.size == rows2.size == 0
    np.testing.assert_array_equal(lead2, lead)
    assert counts_pairs.tobytes() == counts_sorted.tobytes()


def test_pairwise_ranks_refuse_more_options_than_a_byte_counts() -> None:
    with pytest.raises(ValueError, match="at most"):
        PairwiseRanks(PAIRWISE_UP_TO + 1, 10)


def test_first_place_sums_add_each_options_weights_where_it_is_first() -> None:
    rng = np.random.default_rng(3)
    m, n, b = 5, 4, 400
    w = rng.dirichlet(np.ones(n), size=b).T.copy()  # criterion-major
    scores = _scores_with_ties(rng, b, m)
    _, lead, rows, tie_first = _rank_batch(scores.T)
    sums, firsts = _first_place_sums(lead, rows, tie_first, w, m)
    expected = np.zeros((m, n))
    for s in range(b):
        if lead[s] >= 0:
            for j in range(n):
                expected[lead[s], j] += w[j, s]
    for t, s in enumerate(rows):
        expected += tie_first[t][:, None] * w[:, s][None, :]
    np.testing.assert_allclose(sums, expected, rtol=1e-13)
    np.testing.assert_allclose(firsts, np.bincount(lead[lead >= 0], minlength=m)
                               + tie_first.sum(axis=0), rtol=1e-13)  # fmt: skip
    clean = np.flatnonzero(lead >= 0)
    sums_clean, _ = _first_place_sums(lead[clean], np.zeros(0, dtype=np.intp),
                                      np.zeros((0, m)), w[:, clean], m)  # fmt: skip
    expected_clean = np.zeros((m, n))
    for s in clean:
        for j in range(n):
            expected_clean[lead[s], j] += w[j, s]
    np.testing.assert_allclose(sums_clean, expected_clean, rtol=1e-13)


@pytest.mark.parametrize(
    ("centre", "concentration"),
    [
        (None, None),
        (np.array([0.4, 0.3, 0.2, 0.1]), 50.0),
        (np.array([0.4, 0.0, 0.6, 0.0]), 50.0),
        (np.array([0.4, 0.3, 0.2, 0.1]), None),
        (np.full(4, 0.25), 1e-300),  # every gamma underflows: drawn again in logs
        (np.full(12, 1 / 12), 50.0),
    ],
)
def test_weights_do_not_depend_on_the_chunks_they_are_taken_in(
    centre: np.ndarray | None, concentration: float | None
) -> None:
    """A stream's weights are drawn a tile at a time, criterion by criterion, and taken in
    order: in any chunks, criterion-major or sample-major, they are the same numbers."""
    n = 4 if centre is None else centre.size
    model = WeightModel(n, centre, concentration)
    b = 2 * WEIGHT_TILE + 1000
    whole = model.draws(np.random.default_rng(3)).take(b)
    assert whole.shape == (n, b) and whole.flags.c_contiguous
    np.testing.assert_allclose(whole.sum(axis=0), 1.0)
    for parts in ([1, 7, 3000, b - 3008], [WEIGHT_TILE, WEIGHT_TILE, 1000], [1023, 2, b - 1025]):
        drawn = model.draws(np.random.default_rng(3))
        taken = np.concatenate([drawn.take(part) for part in parts], axis=1)
        assert taken.tobytes() == whole.tobytes()
    by_sample = model.sample(np.random.default_rng(3), b)
    assert by_sample.flags.c_contiguous and by_sample.tobytes() == whole.T.copy().tobytes()


def test_a_tiles_gammas_are_drawn_criterion_by_criterion() -> None:
    """What a seed means for Dirichlet weights: criterion j's gammas of a tile are the
    next `WEIGHT_TILE` gammas of the stream with its shape, after criterion j - 1's."""
    centre = np.array([0.5, 0.0, 0.3, 0.2])
    model = WeightModel(4, centre, 50.0)
    rng = np.random.default_rng(8)
    gammas = [rng.standard_gamma(50.0 * c, size=WEIGHT_TILE) for c in centre[centre > 0]]
    expected = np.zeros((4, WEIGHT_TILE))
    expected[centre > 0] = np.stack(gammas) / np.stack(gammas).sum(axis=0)
    np.testing.assert_allclose(model.draws(np.random.default_rng(8)).take(WEIGHT_TILE),
                               expected, rtol=1e-15)  # fmt: skip


@pytest.mark.parametrize("gates", [False, True])
def test_seven_options_give_the_same_numbers_on_any_number_of_threads(gates: bool) -> None:
    s = load_scenario("minusma-2023")
    weights = dict(s.profiles[0].weights)
    runs = [
        sm.smaa(s, weights, samples=2 * sm.BLOCK + 999, seed=5, gates=gates, workers=workers)
        for workers in (1, 2, 3)
    ]
    for other in runs[1:]:
        for a, b in (
            (runs[0].rank_acceptability, other.rank_acceptability),
            (runs[0].central_weights, other.central_weights),
            (runs[0].confidence_factors, other.confidence_factors),
            (runs[0].infeasible, other.infeasible),
        ):
            assert a.tobytes() == b.tobytes()


def test_the_kernels_buffers_change_the_time_not_the_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = load_scenario("minusma-2023")
    weights = dict(s.profiles[0].weights)
    runs = []
    for size in (sampling.KERNEL_BUFFER, 8192, 64):
        monkeypatch.setattr(sampling, "KERNEL_BUFFER", size)
        runs.append(sm.smaa(s, weights, samples=20_000, seed=9, workers=2, gates=True))
    for other in runs[1:]:
        assert other.rank_acceptability.tobytes() == runs[0].rank_acceptability.tobytes()
        assert other.central_weights.tobytes() == runs[0].central_weights.tobytes()
        assert other.confidence_factors.tobytes() == runs[0].confidence_factors.tobytes()


def test_the_kernels_buffers_are_shorter_than_a_row_and_given_back() -> None:
    before = np.getbufsize()
    with sampling.kernel_buffers(3120):
        assert np.getbufsize() == sampling.KERNEL_BUFFER
    for row, size in ((100, 96), (5, 16)):
        with sampling.kernel_buffers(row):
            assert np.getbufsize() == size
    assert np.getbufsize() == before
    with pytest.raises(RuntimeError), sampling.kernel_buffers(3120):
        raise RuntimeError
    assert np.getbufsize() == before
    s = load_scenario("minusma-2023")
    sm.smaa(s, None, samples=1000, seed=1, workers=1)
    assert np.getbufsize() == before


@pytest.mark.parametrize("capacity", [4234, 1024, 500, 7])
def test_values_do_not_depend_on_the_parts_they_are_asked_for_in(capacity: int) -> None:
    """A stream's samples are taken from its draw tiles in order: asked for in any parts,
    through `values` or `tiles`, they are the values of the words as a seed means them."""
    model = sm.scenario_performance_model(load_scenario("minusma-2023"))
    b = 4234  # four draw tiles and part of a fifth
    cells = model.m * model.n
    words = words_cell_by_cell(np.random.default_rng(4), model.draws, b, cells).astype(float)
    expected = model.sample_values(words * sampling.WORD)
    for parts in ([b], [3000, 1234], [7, 2993, 1, 1233], [1024, 1024, 2186]):
        sampler = sampling.Sampler(model, max(parts))
        rng = np.random.default_rng(4)
        got = [whole_values(sampler, rng, part).reshape(-1, part)[model.flat] for part in parts]
        np.testing.assert_array_equal(np.concatenate(got, axis=1), expected)
    sampler = sampling.Sampler(model, capacity)
    rng = np.random.default_rng(4)
    whole = sampler.offsets.T[:, :, None]  # `tiles` gives `values`: less the constant terms
    tiled = [(v + whole).reshape(-1, part.stop - part.start)[model.flat]
             for chunk in (2000, 2234) for part, v in sampler.tiles(rng, chunk)]  # fmt: skip
    assert max(t.shape[1] for t in tiled) <= min(capacity, sampling.draw_tile(model.m * model.n))
    np.testing.assert_array_equal(np.concatenate(tiled, axis=1), expected)


def test_words_left_in_a_tile_are_dropped_when_another_stream_is_read() -> None:
    model = sm.scenario_performance_model(load_scenario("minusma-2023"))
    sampler = sampling.Sampler(model, 1024)
    sampler.values(np.random.default_rng(1), 10)  # 1,014 samples of this tile left
    other = whole_values(sampler, np.random.default_rng(2), 5).reshape(-1, 5)[model.flat]
    cells = model.m * model.n
    words = words_cell_by_cell(np.random.default_rng(2), model.draws, 5, cells).astype(float)
    np.testing.assert_array_equal(other, model.sample_values(words * sampling.WORD))


def test_confidence_factors_are_the_first_place_shares_of_each_blocks_values_in_order() -> None:
    """The confidence run scores each leader under its central weights on the values its
    stream gives, block by block, a sample at a time in order: drawn a tile at a time,
    its shares are those of each block's values drawn at once, to the last bit."""
    s = load_scenario("minusma-2023")
    profile = s.profile(s.default_profile) if s.default_profile else s.profiles[0]
    weights = dict(profile.weights)
    samples, seed = 40_000, 3
    result = sm.smaa(s, weights, samples=samples, seed=seed, workers=1)
    leaders = np.flatnonzero(~np.isnan(result.confidence_factors))
    assert leaders.size >= 2
    model = sm.scenario_performance_model(s)
    central = result.central_weights[leaders]
    hits = np.zeros(leaders.size)
    for block, size in sm._blocks(samples):
        rng = sm._rng(seed, 1, block, 0)  # the confidence pass, the performances' stream
        sampler = sampling.Sampler(model, size)
        values = sampler.values(rng, size)  # the block at once, less the constant terms
        scores = np.einsum("jib,kj->kib", values, central)
        scores += (central @ sampler.offsets.T)[:, :, None]  # the terms, weighted
        top = scores.max(axis=1) - TIE_TOLERANCE
        at_top = scores >= top[:, None, :]
        own = at_top[np.arange(leaders.size), leaders]
        hits += (own / at_top.sum(axis=1)).sum(axis=1)
    np.testing.assert_array_equal(result.confidence_factors[leaders], hits / samples)


@pytest.mark.parametrize("concentration", [1e-3, 1e-6, 1e-300])
@pytest.mark.parametrize("layout", ["sample", "by_criterion"])
def test_tiny_concentrations_draw_nearly_one_criterion_as_often_as_its_weight(
    concentration: float, layout: str
) -> None:
    """Below about 1e-3 most draws' gammas all underflow; those draws took the profile's
    own weights, so `simulate -c 1e-10` ranked as with fixed weights. A Dirichlet of tiny
    concentration puts nearly all the weight on one criterion, criterion j as often as
    its weight; the draws, again in logs, do."""
    model = WeightModel(2, np.array([0.3, 0.7]), concentration)
    rng = np.random.default_rng(4)
    w = model.sample(rng, 20_000) if layout == "sample" else model.draws(rng).take(20_000)
    first = w[:, 0] if layout == "sample" else w[0]
    assert np.all(np.isfinite(w)) and np.allclose(w.sum(axis=1 if layout == "sample" else 0), 1)
    assert np.mean(first > 0.99) == pytest.approx(0.3, abs=0.02)
    assert np.mean(first < 0.01) == pytest.approx(0.7, abs=0.02)


def test_a_table_of_many_cells_is_drawn_in_parts_as_long_as_its_chunks(
    scenario_factory: Callable[..., Scenario],
) -> None:
    """A draw tile of a table of many cells holds as many samples as a default chunk: the
    parts its chunks are drawn and scored in are whole chunks, not a few samples each
    (40 x 300 cells were drawn in parts of 8 samples, chunks of 16: the confidence run's
    products took twice as long)."""
    rng = np.random.default_rng(6)
    central = rng.uniform(20, 80, (40, 300))
    kinds = rng.choice(["low", "medium", "high"], (40, 300)).tolist()
    s = scenario_factory(central, low=central - 10, high=central + 10, confidence=kinds)
    model = sm.scenario_performance_model(s)
    cells = model.m * model.n
    tile = sampling.draw_tile(cells)
    chunk = sampling.aligned_chunk(min(sm.BLOCK, sampling.CELL_BUDGET // cells), tile)
    assert chunk == tile == sampling.CELL_BUDGET // cells
    sampler = sampling.Sampler(model, min(chunk, sampling.VALUE_TILE))
    stream = np.random.default_rng(1)
    parts = [p.stop - p.start for _ in range(5) for p, _ in sampler.tiles(stream, chunk)]
    assert parts == [chunk] * 5


@pytest.mark.parametrize("mode", [0.0, 1.0, 0.5, 0.3, 1e-9, 1.0 - 1e-9])
def test_a_pert_table_is_its_distributions_inverse_cdf_at_every_step(mode: float) -> None:
    """The tabulated PERT is a beta of shapes 1 + 4p and 1 + 4(1 - p): at each probability
    step the table gives its exact quantile (SciPy's inverse of the incomplete beta) to
    within the integration's error (the largest, 6e-5 of the range, next to a mode a hair
    from an end, where the density leaps from 0 to nearly 1), a mode at either end
    included (where the density is x^0 = 1 at that end)."""
    from scipy.special import betaincinv

    low, high = np.array([2.0]), np.array([6.0])
    table = sampling.pert_quantile_table(low, low + mode * (high - low), high)[0]
    u = np.linspace(0.0, 1.0, sampling.PERT_STEPS + 1)
    exact = betaincinv(1 + 4 * mode, 1 + 4 * (1 - mode), u)
    assert np.isfinite(table).all()
    assert table[0] == 2.0 and table[-1] == 6.0
    np.testing.assert_allclose((table - 2.0) / 4.0, exact, rtol=0, atol=1e-4)
    assert (np.diff(table) >= 0).all()
