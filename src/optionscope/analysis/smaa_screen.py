"""SMAA-2 on many options: ranks 1..k only, for the options that can reach them.

Above `SCREEN_ABOVE` options, sorting every option in every sample and counting
every rank (an options x options matrix) costs more than the answer is worth:
beyond the first few ranks the shares of thousands of options say little. So
the simulation keeps the first `TOP_RANKS` ranks, exactly, and works on the
options that can reach them.

The screen is exact. Each assessment is drawn within [low, high], so each
option's value on a criterion lies between the least and the most its value
function takes on that range (`value_bounds`). In a sample with weights w, an
option whose most favourable score (every value at its favourable bound) is
below, by a margin, the k-th best least favourable score of a few strong
options cannot be among the first k in that sample, whatever its draw, nor
tied with them. An option that cannot reach the first k in any sample of the
run is left out of the draws; its shares of ranks 1..k are 0, and it was never
first. The confidence factors screen the same way, with k = 1, under each
central weight vector. Failing a gate only lowers a score, so options with
gates are screened the same way, but only options without gates serve as
strong ones; an option left out has no gate draws (its failure share is NaN).

Random numbers come from one stream per option (and block of samples, and kind
of draw), so an option's draws do not depend on which other options are
simulated: the screened result equals the unscreened one (`screen=False`)
exactly, and the same seed gives the same numbers whatever the chunk size or
the number of workers. Weights come from the same stream as in the full
simulation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.smaa_ranks import first_place_sums_sparse, top_ranks
from optionscope.analysis.smaa_sampling import OptionSampler, PerformanceModel, performance_model
from optionscope.analysis.value import (
    TIE_TOLERANCE,
    FloatArray,
    criterion_values,
    value_matrix_from,
)
from optionscope.model.scenario import Criterion

if TYPE_CHECKING:
    from optionscope.analysis.smaa import SmaaArrays, WeightModel

IntArray = NDArray[np.intp]

SCREEN_ABOVE = 50
"""At most this many options: every rank of every option, as in the plain simulation."""

TOP_RANKS = 3
"""Ranks kept above `SCREEN_ABOVE` options."""

SCREEN_MARGIN = 1.0e-3
"""Score margin (0-100 scale) of the screen: far above the rounding of a float32 score."""

SCREEN_CELLS = 1 << 21
"""Scores computed at once by the screen (8 MB of float32)."""

CELL_BUDGET = 1 << 20
"""About this many (sample, option, criterion) cells per array of the screened simulation."""


@dataclass(frozen=True)
class ScreenInputs:
    """What the screened simulation needs from a scenario: ranges and value bounds."""

    central: FloatArray
    low: FloatArray
    high: FloatArray
    distributions: tuple[tuple[str, ...], ...]
    criteria: tuple[Criterion, ...]
    least: FloatArray
    """m x n: the least value each cell can take in a draw."""
    most: FloatArray
    """m x n: the most value each cell can take in a draw."""


def value_bounds(
    central: FloatArray, low: FloatArray, high: FloatArray, criteria: Sequence[Criterion]
) -> tuple[FloatArray, FloatArray]:
    """The least and the most value (0-100) each cell can take when drawn within its range.

    A value function is piecewise linear, so its extremes over [low, high] are at the
    ends or at a knot inside; a cell without a range keeps its central value.
    """
    lo = np.minimum(low, high)
    hi = np.maximum(low, high)
    least = np.empty_like(lo)
    most = np.empty_like(lo)
    for j, criterion in enumerate(criteria):
        a = criterion_values(lo[:, j], criterion)
        b = criterion_values(hi[:, j], criterion)
        small, large = np.minimum(a, b), np.maximum(a, b)
        knots = (
            [p[0] for p in criterion.value_function.points]
            if criterion.value_function is not None
            else [criterion.scale.min, criterion.scale.max]
        )
        for x in knots:
            inside = (lo[:, j] < x) & (x < hi[:, j])
            v = float(criterion_values(np.array([x]), criterion)[0])
            small = np.where(inside, np.minimum(small, v), small)
            large = np.where(inside, np.maximum(large, v), large)
        least[:, j], most[:, j] = small, large
    certain = hi <= lo
    values = value_matrix_from(central, criteria)
    least[certain] = values[certain]
    most[certain] = values[certain]
    return least, most


def strong_options(least: FloatArray, centre: FloatArray, usable: IntArray, k: int) -> IntArray:
    """A few options likely to score well in any sample: the best k by their least
    values under `centre` and on each criterion alone (only `usable` ones)."""
    if usable.size <= k * (least.shape[1] + 1):
        return usable
    pick = [usable[np.argpartition(-(least[usable] @ centre), k - 1)[:k]]]
    for j in range(least.shape[1]):
        pick.append(usable[np.argpartition(-least[usable, j], k - 1)[:k]])
    return np.unique(np.concatenate(pick))


def reachable(
    inputs: ScreenInputs, w: FloatArray, k: int, usable: IntArray, centre: FloatArray
) -> NDArray[np.bool_]:
    """Options that can be among the first k in at least one of the weight samples `w`.

    Exact: see the module's docstring. A Cauchy-Schwarz bound first leaves out, for a
    group of samples, the options that cannot reach the threshold of any of them (the
    weights' deviation from `centre` sums to 0, so an option's score is at most its score
    under `centre` plus the norm of its centred values times the norm of the deviation);
    the rest are scored sample by sample in float32, with a margin.
    """
    least, most = inputs.least, inputs.most
    m = most.shape[0]
    out = np.zeros(m, dtype=bool)
    strong = strong_options(least, centre, usable, k)
    if strong.size < k:
        out[:] = True
        return out
    at_centre = most @ centre
    spread = np.linalg.norm(most - most.mean(axis=1, keepdims=True), axis=1)
    most32 = np.ascontiguousarray(most.T, dtype=np.float32)
    group = max(16, SCREEN_CELLS // m)
    for start in range(0, w.shape[0], group):
        ws = w[start : start + group]
        threshold = -np.partition(-(ws @ least[strong].T), k - 1, axis=1)[:, k - 1]
        threshold -= SCREEN_MARGIN
        radius = float(np.linalg.norm(ws - centre, axis=1).max())
        near = np.flatnonzero(
            ~out & (at_centre + spread * radius + SCREEN_MARGIN >= threshold.min())
        )
        if not near.size:
            continue
        scores = ws.astype(np.float32) @ most32[:, near]
        hit = (scores >= threshold.astype(np.float32)[:, None]).any(axis=0)
        out[near[hit]] = True
    return out


def can_be_first(inputs: ScreenInputs, central_weights: FloatArray, usable: IntArray) -> IntArray:
    """Options that can be first under at least one of the weight vectors (rows)."""
    least, most = inputs.least, inputs.most
    if usable.size == 0:
        return np.arange(most.shape[0])
    best = (central_weights @ least[usable].T).max(axis=1) - SCREEN_MARGIN
    return np.flatnonzero(((central_weights @ most.T) >= best[:, None]).any(axis=0))


def chunk_for(options: int, criteria: int) -> int:
    return int(max(64, min(16_384, CELL_BUDGET // max(1, options * criteria))))


def weighted_scores(v: FloatArray, w: FloatArray) -> FloatArray:
    """Scores `(b, m)` of values `(n, m, b)` under weights `(b, n)`, criterion by criterion:
    each option's score is summed in the same order whichever options are with it."""
    scores = v[0] * w[:, 0]
    for j in range(1, v.shape[0]):
        scores += v[j] * w[:, j]
    return np.ascontiguousarray(scores.T)


def first_share(scores: FloatArray) -> float:
    """Sum over samples of the share of first place of option 0: `scores` is
    (options, samples); options within the tie tolerance of the top share it."""
    top = scores.max(axis=0)
    top -= TIE_TOLERANCE
    at_top = scores >= top
    return float((at_top[0] / at_top.sum(axis=0)).sum())


def at_top_shares(scores: FloatArray, own: IntArray) -> FloatArray:
    """Per weight vector k, the summed share of first place of option `own[k]`:
    `scores` is (weight vectors, options, samples)."""
    top = scores.max(axis=1)
    top -= TIE_TOLERANCE
    at_top = scores >= top[:, None, :]
    mine = at_top[np.arange(own.size), own]
    return np.asarray((mine / at_top.sum(axis=1)).sum(axis=1), dtype=np.float64)


def _model_of(inputs: ScreenInputs, options: IntArray) -> PerformanceModel:
    """The performance model of some of the options (rows of the inputs)."""
    return performance_model(
        inputs.central[options], inputs.low[options], inputs.high[options],
        [inputs.distributions[i] for i in options], inputs.criteria,
    )  # fmt: skip


def option_rng(entropy: int, run: int, block: int, stream: int, option: int) -> np.random.Generator:
    """The stream of one option's draws of one kind, in one block of one pass."""
    key = (run, block, stream, option)
    return np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=key))


def simulate_screened(
    inputs: ScreenInputs,
    weights: WeightModel,
    *,
    samples: int,
    seed: int,
    feasibility: FloatArray | None = None,
    confidence_samples: int,
    chunk_size: int | None = None,
    workers: int = 1,
    ranks: int = TOP_RANKS,
    screen: bool = True,
) -> SmaaArrays:
    """SMAA-2 keeping ranks 1..`ranks`, on the options that can reach them (all of them
    with `screen=False`: the same numbers, at more cost)."""
    from optionscope.analysis import smaa as base

    m, n = inputs.most.shape
    k = min(ranks, m)
    p_all = np.ones(m) if feasibility is None else np.asarray(feasibility, dtype=np.float64)
    usable = np.flatnonzero(p_all >= 1.0)
    centre = weights.centre if weights.centre is not None else np.full(n, 1.0 / n)
    blocks = base._blocks(samples)
    main, conf = base._PASS_MAIN, base._PASS_CONFIDENCE
    s_perf, s_weights, s_gates = base._STREAM_PERFORMANCE, base._STREAM_WEIGHTS, base._STREAM_GATES

    if screen:
        reach = np.zeros(m, dtype=bool)
        for index, size in blocks:
            w = weights.sample(base._rng(seed, main, index, s_weights), size)
            reach |= reachable(inputs, w, k, usable, centre)
        options = np.flatnonzero(reach)
    else:
        options = np.arange(m)
    c = options.size
    p_pass = p_all[options]
    gated = np.flatnonzero(p_pass < 1.0)
    model = _model_of(inputs, options)
    chunk = chunk_size or chunk_for(c, n)
    # no draws: one product of the weights and the values (tied scores absorb the rounding)
    fixed_values = model.central_values.T.copy() if model.uncertain == 0 else None

    def streams(run: int, index: int, stream: int, local: Any, pool: IntArray) -> dict[int, Any]:
        return {int(q): option_rng(seed, run, index, stream, int(pool[q])) for q in local}

    def main_block(block: tuple[int, int]) -> tuple[FloatArray, ...]:
        index, size = block
        r_weights = base._rng(seed, main, index, s_weights)
        sampler = OptionSampler(model, min(chunk, size))
        perf = streams(main, index, s_perf, sampler.drawn, options)
        gates = streams(main, index, s_gates, gated, options)
        counts = np.zeros((c, k))
        central = np.zeros((c, n))
        firsts = np.zeros(c)
        failures = np.zeros(c)
        for b in base._chunks(size, chunk):
            v = sampler.values(perf, b)
            w = weights.sample(r_weights, b)
            scores = w @ fixed_values if fixed_values is not None else weighted_scores(v, w)
            for q, rng in gates.items():
                failed = rng.random(b) >= p_pass[q]
                scores[:, q] -= base.INFEASIBLE_PENALTY * failed
                failures[q] += failed.sum()
            lead, rows, opts, shares = top_ranks(scores, k, counts)
            sums, hits = first_place_sums_sparse(lead, rows, opts, shares, w, c)
            central += sums
            firsts += hits
        return counts, central, firsts, failures

    counts = np.zeros((c, k))
    central_sum = np.zeros((c, n))
    firsts = np.zeros(c)
    failures = np.zeros(c)
    for cc, cs, f, fl in base._map(main_block, blocks, workers):
        counts += cc
        central_sum += cs
        firsts += f
        failures += fl
    central_weights = np.full((m, n), np.nan)
    ever = np.flatnonzero(firsts > 0)
    central_weights[options[ever]] = central_sum[ever] / firsts[ever, None]

    confidence = np.full(m, np.nan)
    if ever.size and confidence_samples > 0:
        leaders = options[ever]
        wc = central_weights[leaders]
        rivals = [can_be_first(inputs, wc[e : e + 1], usable) for e in range(leaders.size)]
        pool = np.unique(np.concatenate([leaders, *rivals])) if screen else np.arange(m)
        # per leader: its rivals (or everyone) as positions in the pool, itself first
        field = [
            np.concatenate([[np.searchsorted(pool, leaders[e])],
                            np.searchsorted(pool, np.setdiff1d(r if screen else pool,
                                                               leaders[e : e + 1]))])
            for e, r in enumerate(rivals)
        ]  # fmt: skip
        p_pool = p_all[pool]
        gated2 = np.flatnonzero(p_pool < 1.0)
        model2 = _model_of(inputs, pool)
        fixed = model2.uncertain == 0 and not gated2.size
        # one contraction over the pool when the leaders' rivals cover most of it, else
        # each leader against its own rivals (a Python step per leader and criterion)
        dense = not fixed and sum(f.size for f in field) > leaders.size * pool.size / 4
        own = np.searchsorted(pool, leaders)
        chunk2 = chunk_size or chunk_for(pool.size, max(n, leaders.size) if dense else n)

        def confidence_block(block: tuple[int, int]) -> FloatArray:
            index, size = block
            sampler = OptionSampler(model2, 1 if fixed else min(chunk2, size))
            perf = streams(conf, index, s_perf, sampler.drawn, pool)
            gates = streams(conf, index, s_gates, gated2, pool)
            hits = np.zeros(leaders.size)
            for b in [1] if fixed else base._chunks(size, chunk2):
                v = sampler.values(perf, b)
                failed = {q: rng.random(b) >= p_pool[q] for q, rng in gates.items()}
                if dense:  # rivals of most leaders: every option of the pool at once
                    # one matrix product (BLAS): rounding may differ from the sum criterion
                    # by criterion in the last bit, far inside the tie tolerance
                    scores = (wc @ v.reshape(n, -1)).reshape(leaders.size, pool.size, b)
                    for q, f in failed.items():
                        scores[:, q, :] -= base.INFEASIBLE_PENALTY * f
                    hits += at_top_shares(scores, own)
                    continue
                for e, places in enumerate(field):
                    scores = wc[e, 0] * v[0][places]
                    for j in range(1, n):
                        scores += wc[e, j] * v[j][places]
                    for q, f in failed.items():
                        at = np.flatnonzero(places == q)
                        if at.size:
                            scores[at[0]] -= base.INFEASIBLE_PENALTY * f
                    hits[e] += first_share(scores)
            return hits * size if fixed else hits

        hits = np.zeros(leaders.size)
        for h in base._map(confidence_block, base._blocks(confidence_samples), workers):
            hits += h
        confidence[leaders] = hits / confidence_samples

    acceptability = np.zeros((m, k))
    acceptability[options] = counts / samples
    infeasible = np.where(p_all < 1.0, np.nan, 0.0)
    infeasible[options] = failures / samples
    from optionscope.analysis.smaa import SmaaArrays

    return SmaaArrays(
        rank_acceptability=acceptability,
        central_weights=central_weights,
        confidence_factors=confidence,
        infeasible=infeasible,
        simulated=int(c),
    )
