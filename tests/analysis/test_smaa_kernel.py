"""SMAA's kernel: its quick paths give the numbers of the plain ones, to the last bit."""

from __future__ import annotations

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
from optionscope.analysis.smaa_weights import WeightModel, row_sums
from optionscope.analysis.value import TIE_TOLERANCE
from optionscope.io.scenario_files import load_scenario


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


def test_first_place_sums_add_each_options_weights_in_sample_order() -> None:
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
    expected += tie_first.T @ np.ascontiguousarray(w[:, rows].T)
    assert sums.tobytes() == expected.tobytes()
    np.testing.assert_array_equal(firsts, np.bincount(lead[lead >= 0], minlength=m)
                                  + tie_first.sum(axis=0))  # fmt: skip
    clean = np.flatnonzero(lead >= 0)
    sums_clean, _ = _first_place_sums(lead[clean], np.zeros(0, dtype=np.intp),
                                      np.zeros((0, m)), w[:, clean], m)  # fmt: skip
    expected_clean = np.zeros((m, n))
    for s in clean:
        for j in range(n):
            expected_clean[lead[s], j] += w[j, s]
    assert sums_clean.tobytes() == expected_clean.tobytes()


@pytest.mark.parametrize("n", [*range(1, 20), 31, 128, 129, 300])
def test_row_sums_are_numpys_sums_to_the_last_bit(n: int) -> None:
    rng = np.random.default_rng(n)
    x = rng.standard_gamma(rng.uniform(0.1, 5, n), size=(2000, n))
    x *= rng.choice([1e-300, 1.0, 1e300], size=(2000, 1))
    assert row_sums(np.ascontiguousarray(x.T)).tobytes() == x.sum(axis=1).tobytes()


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
def test_criterion_major_weights_are_the_sample_major_ones(
    centre: np.ndarray | None, concentration: float | None
) -> None:
    n = 4 if centre is None else centre.size
    model = WeightModel(n, centre, concentration)
    for b in (1, 7, 3000):
        by_sample = model.sample(np.random.default_rng(b), b)
        by_criterion = model.sample_by_criterion(np.random.default_rng(b), b)
        assert by_criterion.flags.c_contiguous
        assert by_criterion.tobytes() == np.ascontiguousarray(by_sample.T).tobytes()


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


def test_values_do_not_depend_on_the_tile_their_words_are_drawn_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = sm.scenario_performance_model(load_scenario("minusma-2023"))
    values = []
    for tile in (sampling.TRANSPOSE_TILE, 7, 5000):
        monkeypatch.setattr(sampling, "TRANSPOSE_TILE", tile)
        rng = np.random.default_rng(4)
        sampler = sampling.Sampler(model, 3000)
        first = sampler.values(rng, 3000).copy()  # valid until the next call
        values.append(np.concatenate([first, sampler.values(rng, 1234)], axis=2))
    for other in values[1:]:
        assert other.tobytes() == values[0].tobytes()


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
        values = sampling.Sampler(model, size).values(rng, size)  # the block at once
        scores = np.einsum("jib,kj->kib", values, central)
        top = scores.max(axis=1) - TIE_TOLERANCE
        at_top = scores >= top[:, None, :]
        own = at_top[np.arange(leaders.size), leaders]
        hits += (own / at_top.sum(axis=1)).sum(axis=1)
    np.testing.assert_array_equal(result.confidence_factors[leaders], hits / samples)


@pytest.mark.parametrize("concentration", [1e-3, 1e-6, 1e-300])
@pytest.mark.parametrize("layout", ["sample", "sample_by_criterion"])
def test_tiny_concentrations_draw_nearly_one_criterion_as_often_as_its_weight(
    concentration: float, layout: str
) -> None:
    """Below about 1e-3 most draws' gammas all underflow; those draws took the profile's
    own weights, so `simulate -c 1e-10` ranked as with fixed weights. A Dirichlet of tiny
    concentration puts nearly all the weight on one criterion, criterion j as often as
    its weight; the draws, again in logs, do."""
    model = WeightModel(2, np.array([0.3, 0.7]), concentration)
    w = getattr(model, layout)(np.random.default_rng(4), 20_000)
    first = w[:, 0] if layout == "sample" else w[0]
    assert np.all(np.isfinite(w)) and np.allclose(w.sum(axis=1 if layout == "sample" else 0), 1)
    assert np.mean(first > 0.99) == pytest.approx(0.3, abs=0.02)
    assert np.mean(first < 0.01) == pytest.approx(0.7, abs=0.02)
