"""SMAA-2: stochastic multicriteria acceptability analysis (Lahdelma & Salminen, 2001).

Performances (`smaa_sampling`) and weights are drawn at random, options are
ranked in every sample with the additive value model, and the shares are
reported:

- rank acceptability b_i^r: the share of samples in which option i takes rank r
  (an m x m matrix; each row sums to 1);
- central weights: the mean weight vector of the samples in which i ranks first;
- confidence factor: the probability that i ranks first when the weights are
  its central weights and only performances vary (a second, independent run of
  `confidence_samples` samples: by default as many as the first, at most
  100,000, which puts the standard error below 0.0016).

Performances. Each assessment is drawn within [low, high], by its confidence:

| confidence | distribution                                                       |
|------------|--------------------------------------------------------------------|
| low        | uniform on [low, high]: no point is likelier than another          |
| medium     | triangular on [low, high] with its mode at the value               |
| high       | PERT: a beta on [low, high] with its mode at the value, shape 4    |

Why: the less sure the author, the less the stated value should count, so
low confidence spreads evenly over the range, medium leans towards the value,
and high concentrates around it (PERT has the same mode and ends as the
triangle but puts less weight in the tails). The triangular and PERT modes are
the stated value (clipped into [low, high]). An assessment with low = high, and
any what-if override, is certain.

How: uniforms have 32-bit resolution (two per 64-bit output of the generator).
Triangular draws are low + span ((1 - p) min(U1, U2) + p max(U1, U2)) with
p = (mode - low) / span, which is exact (Stein & Keblis, 2009) and branch-free.
PERT draws use its inverse CDF tabulated at 1,024 equal probability steps and
interpolated linearly (exact at the steps; the error between them is far below
the sampling error), because numpy's beta sampler is ~20x slower. Sampled
performances go through the criteria's value functions, as in the additive
model; where a value function is linear over an assessment's range the map is
folded into the draw.

Weights. Around a known profile w, Dirichlet(concentration x w): the mean is w
and each weight has standard deviation sqrt(w_j (1 - w_j) / (concentration + 1))
(about 0.04 for w_j = 0.1 at the default 50). Criteria with weight 0 stay at 0.
`concentration=None` keeps the weights fixed. Without a profile, weights are
uniform on the simplex (nothing known about them).

Feasibility gates (optional). In each sample each option passes all its gates
with the product of its gates' probabilities (independence assumed; gates
without a probability pass). An option that fails is ranked after every option
that passes, in the order of its score among the failed ones; the result
reports how often each option failed.

Ties (identical scores, within 1e-9) share their ranks: k options tied for
ranks r..r+k-1 each get 1/k of each of those ranks, so every row and every
column of the acceptability matrix sums to 1; a tie for first counts 1/k
towards first place, central weights and confidence factors.

Many options. Above `SCREEN_ABOVE` (50) options only ranks 1 to `TOP_RANKS` (3)
are counted, exactly, each option drawn only in the samples where it can reach
them, its draws addressed by position (`smaa_screen`, `smaa_cells`); confidence
factors are computed for the ten options most often first, from at most 10,000
samples each; `SmaaResult.bounded` says so.

Reproducibility and memory. Random numbers come from independent streams per
block of 16,384 samples (seeded by `seed`, the pass, the block and the kind
of draw), and each block is processed in chunks of at most `chunk_size`
samples. A stream is read in tiles of samples, cell by cell within a tile: the
performances' words 1,024 samples at a time (fewer for a model of many cells,
`smaa_sampling.draw_tile`), the weights 1,024 at a time, criterion by criterion
(`smaa_weights`). Memory is bounded by the chunk size times the number of worker
threads, at any sample count. Because every stream is consumed in order, the
result for a seed does not depend on the chunk size or on the number of
workers: acceptabilities and confidence factors are identical; central weights
agree to rounding (1e-12 relative). The tiles are part of what a seed means.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.gates import feasibility_probabilities
from optionscope.analysis.smaa_models import _arrays, _cached
from optionscope.analysis.smaa_ranks import (
    PAIRWISE_UP_TO,
    PairwiseRanks,
    _first_place_sums,
    _rank_batch,
)
from optionscope.analysis.smaa_result import SmaaResult as SmaaResult
from optionscope.analysis.smaa_sampling import (
    CELL_BUDGET,
    VALUE_TILE,
    PerformanceModel,
    Sampler,
    aligned_chunk,
    draw_tile,
    kernel_buffers,
    performance_model,
    tile_length,
)
from optionscope.analysis.smaa_sampling import (
    DISTRIBUTIONS as DISTRIBUTIONS,
)
from optionscope.analysis.smaa_screen import (
    SCREEN_ABOVE,
    ScreenInputs,
    value_bounds,
)
from optionscope.analysis.smaa_weights import WeightModel as WeightModel
from optionscope.analysis.value import (
    TIE_TOLERANCE,
    FloatArray,
    Overrides,
    weight_vector,
)
from optionscope.model.scenario import Scenario

IntArray = NDArray[np.intp]
Task = TypeVar("Task")
Result = TypeVar("Result")

BLOCK = 16_384
"""Samples per random-stream block; part of what a seed means, so changing it changes results."""


DEFAULT_CONCENTRATION = 50.0

CONFIDENCE_SAMPLES = 100_000
"""Default cap on the samples of the confidence-factor run (standard error below 0.0016)."""

BOUNDED_CONFIDENCE_SAMPLES = 10_000
"""The same cap above `SCREEN_ABOVE` options, where each of up to ten options most often
first has its own run (standard error below 0.005)."""

INFEASIBLE_PENALTY = 1.0e4
"""Subtracted from the score of an option that fails a gate (scores are 0-100)."""


_PASS_MAIN, _PASS_CONFIDENCE = 0, 1
_STREAM_PERFORMANCE, _STREAM_WEIGHTS, _STREAM_GATES = 0, 1, 2


# Kernel: the simulation --------------------------------------------------------


def _rng(entropy: int, run: int, block: int, stream: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=(run, block, stream)))


def _blocks(samples: int) -> list[tuple[int, int]]:
    return [(k, min(BLOCK, samples - start)) for k, start in enumerate(range(0, samples, BLOCK))]


def _chunks(size: int, chunk: int) -> list[int]:
    return [min(chunk, size - start) for start in range(0, size, chunk)]


@dataclass(frozen=True)
class SmaaArrays:
    """The raw output of the simulation kernel."""

    rank_acceptability: FloatArray
    central_weights: FloatArray
    confidence_factors: FloatArray
    infeasible: FloatArray
    simulated: int | None = None
    """Options drawn and ranked (None: every one)."""


def simulate(
    performance: PerformanceModel,
    weights: WeightModel,
    *,
    samples: int,
    seed: int,
    feasibility: FloatArray | None = None,
    confidence_samples: int | None = None,
    chunk_size: int | None = None,
    workers: int = 1,
) -> SmaaArrays:
    """Run SMAA-2. `feasibility[i]` is the probability that option i passes its gates."""
    m, n = performance.m, performance.n
    tile = draw_tile(m * n)
    chunk = chunk_size or aligned_chunk(max(1, min(BLOCK, CELL_BUDGET // (m * n))), tile)
    gated = (
        np.flatnonzero(feasibility < 1.0) if feasibility is not None else np.zeros(0, dtype=np.intp)
    )
    p_pass = feasibility[gated] if feasibility is not None else np.zeros(0)

    all_gated = gated.size == m

    def apply_gates(rng: np.random.Generator, scores: FloatArray, b: int) -> FloatArray:
        failed = rng.random((b, gated.size)) >= p_pass
        penalty = INFEASIBLE_PENALTY * failed
        if scores.ndim == 3:
            penalty = penalty[:, :, None]
        if all_gated:
            scores -= penalty
        else:
            scores[:, gated] -= penalty
        return np.asarray(failed)

    kept = threading.local()

    def buffers_for(kind: str, size: int) -> tuple[Sampler, PairwiseRanks | None, FloatArray]:
        """This thread's buffers for chunks of `size` samples, made once per run and thread
        (fresh ones cost a page fault every 4 KB). Both runs draw and score a tile of
        samples at a time, its values still in cache."""
        mine: dict[str, tuple[Sampler, PairwiseRanks | None, FloatArray]]
        mine = kept.__dict__.setdefault("buffers", {})
        if kind not in mine:
            main = kind == "main"
            ranks = PairwiseRanks(m, size) if main and m <= PAIRWISE_UP_TO else None
            sampler = Sampler(performance, min(size, VALUE_TILE))
            mine[kind] = (sampler, ranks, np.empty((m, size) if main else 0))
        return mine[kind]

    buffers = kernel_buffers(tile_length(min(chunk, samples), VALUE_TILE))

    @buffers
    def main_block(block: tuple[int, int]) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        index, size = block
        r_perf = _rng(seed, _PASS_MAIN, index, _STREAM_PERFORMANCE)
        drawn_weights = weights.draws(_rng(seed, _PASS_MAIN, index, _STREAM_WEIGHTS))
        r_gates = _rng(seed, _PASS_MAIN, index, _STREAM_GATES) if gated.size else None
        counts = np.zeros((m, m))
        central = np.zeros((m, n))
        firsts = np.zeros(m)
        failures = np.zeros(m)
        sampler, pairwise, scored = buffers_for("main", min(chunk, samples))
        for b in _chunks(size, chunk):
            w = drawn_weights.take(b)
            scores = scored[:, :b]  # option-major
            for part, v in sampler.tiles(r_perf, b):
                np.einsum("jib,jb->ib", v, w[:, part], out=scores[:, part])
            if sampler.has_offsets:  # the affine cells' constant terms, weighted
                scores += sampler.offsets @ w
            if r_gates is not None:
                failures[gated] += apply_gates(r_gates, scores.T, b).sum(axis=0)
            if pairwise is not None and b >= m:
                lead, rows, tie_first = pairwise.count(scores, counts)
            else:
                _, lead, rows, tie_first = _rank_batch(scores.T, into=counts)
            sums, hits = _first_place_sums(lead, rows, tie_first, w, m)
            central += sums
            firsts += hits
        return counts, central, firsts, failures

    blocks = _blocks(samples)
    results = _map(main_block, blocks, workers)
    counts = np.zeros((m, m))
    central_sum = np.zeros((m, n))
    firsts = np.zeros(m)
    failures = np.zeros(m)
    for c, cs, f, fl in results:
        counts += c
        central_sum += cs
        firsts += f
        failures += fl
    with np.errstate(invalid="ignore", divide="ignore"):
        central_weights = np.where(firsts[:, None] > 0, central_sum / firsts[:, None], np.nan)

    # Confidence factors: each ever-first option with its central weights, performances re-drawn.
    confidence = np.full(m, np.nan)
    ever_first = np.flatnonzero(firsts > 0)
    n_conf = min(samples, CONFIDENCE_SAMPLES) if confidence_samples is None else confidence_samples
    if ever_first.size and n_conf > 0:
        wc = central_weights[ever_first]
        kk = ever_first.size
        chunk2 = aligned_chunk(max(1, min(chunk, CELL_BUDGET // (m * kk))), tile)

        @buffers
        def confidence_block(block: tuple[int, int]) -> FloatArray:
            index, size = block
            r_perf = _rng(seed, _PASS_CONFIDENCE, index, _STREAM_PERFORMANCE)
            r_gates = _rng(seed, _PASS_CONFIDENCE, index, _STREAM_GATES) if gated.size else None
            hits = np.zeros(kk)
            sampler = buffers_for("confidence", min(chunk2, n_conf))[0]
            constant = (wc @ sampler.offsets.T)[:, :, None]  # each leader's weighted terms
            shares = np.empty(kk * min(chunk2, size))  # each leader's share of first place
            for b in _chunks(size, chunk2):
                share = shares[: kk * b].reshape(kk, b)
                for part, v in sampler.tiles(r_perf, b):
                    # (weight vector, option, sample): every step runs along the samples
                    scores = np.einsum("jib,kj->kib", v, wc)
                    if sampler.has_offsets:
                        scores += constant
                    if r_gates is not None:
                        apply_gates(r_gates, scores.transpose(2, 1, 0), part.stop - part.start)
                    top = scores.max(axis=1)
                    top -= TIE_TOLERANCE
                    at_top = scores >= top[:, None, :]
                    own = at_top[np.arange(kk), ever_first]
                    np.divide(own, at_top.sum(axis=1), out=share[:, part])
                hits += share.sum(axis=1)
            return hits

        hits = np.zeros(kk)
        for h in _map(confidence_block, _blocks(n_conf), workers):
            hits += h
        confidence[ever_first] = hits / n_conf

    return SmaaArrays(
        rank_acceptability=counts / samples,
        central_weights=np.asarray(central_weights),
        confidence_factors=confidence,
        infeasible=failures / samples,
    )


def _map(fn: Callable[[Task], Result], tasks: Sequence[Task], workers: int) -> list[Result]:
    """`fn` of each task, in order, on up to `workers` threads."""
    if workers <= 1 or len(tasks) <= 1:
        return [fn(t) for t in tasks]
    with ThreadPoolExecutor(max_workers=min(workers, len(tasks))) as pool:
        return list(pool.map(fn, tasks))


MIN_CPUS_FOR_THREADS = 2
"""Below this many CPUs the simulation runs in one thread. Measured on two cores shared
with other work (10^6 samples, medians of 9 alternating runs, 2026-12-03): 7 x 12 took
0.78 s with two threads against 1.06 s with one, 4 x 9 0.54 s against 0.57 s."""


def default_workers() -> int:
    """Threads for the simulation: the CPUs this process may use, at most 4 (one on a
    single CPU). The result is the same for any number of threads."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        cpus = os.cpu_count() or 1
    if cpus < MIN_CPUS_FOR_THREADS:
        return 1
    return min(4, cpus)


# Scenario level ----------------------------------------------------------------


def scenario_performance_model(
    scenario: Scenario, overrides: Overrides | None = None
) -> PerformanceModel:
    """The scenario's performance model, built once per scenario and what-if.

    Scenarios are frozen, so the model of one scenario object never changes (a copy
    with other assessments is another object): `simulate` runs once per profile on
    the same scenario, and the PERT tables of a large one take seconds to build.
    """
    model: PerformanceModel = _cached(
        scenario, overrides, "model", lambda: performance_model(*_arrays(scenario, overrides))
    )
    return model


def scenario_screen_inputs(scenario: Scenario, overrides: Overrides | None = None) -> ScreenInputs:
    """What the screened simulation of a scenario with many options needs, once per what-if."""

    def build() -> ScreenInputs:
        central, low, high, distributions, criteria = _arrays(scenario, overrides)
        least, most = value_bounds(central, low, high, criteria)
        return ScreenInputs(
            central, low, high, tuple(tuple(d) for d in distributions), tuple(criteria),
            least, most,
        )  # fmt: skip

    inputs: ScreenInputs = _cached(scenario, overrides, "screen", build)
    return inputs


def smaa(
    scenario: Scenario,
    weights: Mapping[str, float] | None = None,
    *,
    samples: int = 10_000,
    seed: int | None = None,
    concentration: float | None = DEFAULT_CONCENTRATION,
    gates: bool = False,
    confidence_samples: int | None = None,
    chunk_size: int | None = None,
    workers: int | None = None,
    overrides: Overrides | None = None,
) -> SmaaResult:
    """SMAA-2 over a scenario's assessment ranges and weight uncertainty.

    `weights` are raw points (None: uniform weights); `concentration` sets how
    tightly weights cluster around them (None: fixed). `gates=True` simulates
    the options' feasibility gates. `confidence_samples` defaults to `samples`, at most
    100,000 (10,000 above `SCREEN_ABOVE` options).
    """
    if samples < 1:
        raise ValueError("samples must be at least 1")
    if confidence_samples is not None and confidence_samples < 0:
        raise ValueError("confidence_samples must not be negative")
    if chunk_size is not None and chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    if concentration is not None and not (np.isfinite(concentration) and concentration > 0):
        raise ValueError("concentration must be a positive number (or None for fixed weights)")
    centre = weight_vector(scenario, weights) if weights is not None else None
    crit_ids = scenario.criterion_ids
    entropy = int(np.random.SeedSequence().entropy) if seed is None else int(seed)  # type: ignore[arg-type]
    weight_model = WeightModel(len(crit_ids), centre, concentration if centre is not None else None)
    feasibility = feasibility_probabilities(scenario) if gates else None
    n_workers = default_workers() if workers is None else workers
    bounded = len(scenario.options) > SCREEN_ABOVE
    cap = BOUNDED_CONFIDENCE_SAMPLES if bounded else CONFIDENCE_SAMPLES
    n_conf = min(samples, cap) if confidence_samples is None else confidence_samples
    if bounded:
        from optionscope.analysis.smaa_screen_run import simulate_screened

        arrays = simulate_screened(
            scenario_screen_inputs(scenario, overrides),
            weight_model,
            samples=samples,
            seed=entropy,
            feasibility=feasibility,
            confidence_samples=n_conf,
            chunk_size=chunk_size,
            workers=n_workers,
        )
    else:
        arrays = simulate(
            scenario_performance_model(scenario, overrides),
            weight_model,
            samples=samples,
            seed=entropy,
            feasibility=feasibility,
            confidence_samples=n_conf,
            chunk_size=chunk_size,
            workers=n_workers,
        )
    return SmaaResult(
        scenario=scenario.id,
        options=tuple(scenario.option_ids),
        option_names=tuple(o.name for o in scenario.options),
        criteria=tuple(crit_ids),
        samples=samples,
        confidence_samples=n_conf,
        seed=entropy,
        weights=centre,
        concentration=concentration if centre is not None else None,
        gates=gates,
        rank_acceptability=arrays.rank_acceptability,
        central_weights=arrays.central_weights,
        confidence_factors=arrays.confidence_factors,
        infeasible=arrays.infeasible,
        simulated=arrays.simulated,
    )
