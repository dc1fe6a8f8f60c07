"""The screened SMAA-2 run on many options (`smaa_screen` explains the screen).

In each chunk of simulations: the pilots are drawn whole and the k-th best of
their scores, less a margin, is the threshold; the other options whose most
favourable score reaches it are candidates; in each simulation the `EARLY`
candidates with the best most favourable scores are drawn first and raise the
threshold to the k-th best score so far; the other candidates still reaching
it are drawn, criterion by criterion, and left as soon as they cannot. Ranks
1..k are then counted among the options drawn, exactly as among all.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import pairwise
from typing import TYPE_CHECKING, TypeVar

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.smaa_cells import stream_key
from optionscope.analysis.smaa_ranks import CountLog, first_place_sums_sparse, top_ranks
from optionscope.analysis.smaa_screen import (
    CONFIDENCE_LEADERS,
    EARLY,
    FLOAT32_SLACK,
    PAD,
    SCREEN_CELLS,
    SCREEN_MARGIN,
    TOP_RANKS,
    ScreenInputs,
    draw_order,
    gate_failures,
    kth_best,
    kth_best_by_row,
    kth_best_most,
    padded_rows,
    pilots_of,
    staged_scores,
)
from optionscope.analysis.value import TIE_TOLERANCE, FloatArray

if TYPE_CHECKING:
    from optionscope.analysis.smaa import SmaaArrays, WeightModel

IntArray = NDArray[np.intp]
Sims = NDArray[np.uint64]
Pairs = tuple[IntArray, IntArray, FloatArray]
"""Simulation rows (sorted), options, scores."""

Task = TypeVar("Task")
Result = TypeVar("Result")
ChunkResult = tuple[int, CountLog, IntArray, FloatArray, FloatArray, IntArray]
"""A chunk's block, its rank counts, the options first in it with their sums of weights and
shares of first place, and the options it drew."""

AHEAD = 4
"""Tasks given to each thread ahead of the results read back."""

CANDIDATE_BLOCK = 128
"""Options multiplied by the weights at once by the screen: one block's most favourable
scores in a chunk stay in cache while they are compared with the threshold."""

CANDIDATE_TIER = 512
"""Options by score at the centre grouped by spread within (`ScreenedRun.candidate_blocks`)."""


class ScreenedRun:
    """What every chunk of one screened simulation shares: the cells, keys and bounds."""

    def __init__(
        self, inputs: ScreenInputs, weights: WeightModel, seed: int, run: int,
        feasibility: FloatArray | None, ranks: int, screen: bool,
    ) -> None:  # fmt: skip
        from optionscope.analysis import smaa as base

        self.inputs = inputs
        self.cells = inputs.cells
        m, n = self.cells.m, self.cells.n
        self.k = min(ranks, m)
        self.passing = np.ones(m) if feasibility is None else np.asarray(feasibility, float)
        self.gated = self.passing < 1.0
        self.usable = np.flatnonzero(~self.gated)
        self.centre = weights.centre if weights.centre is not None else np.full(n, 1.0 / n)
        self.pilots = pilots_of(inputs, self.centre, self.usable)
        self.screen = screen
        self.screening = screen and self.pilots.size >= self.k
        self.others = np.setdiff1d(np.arange(m), self.pilots)
        self.order = draw_order(inputs, self.centre)
        self.most_t = np.ascontiguousarray(inputs.most.T)
        self.value_t = self.cells.value
        self.most32 = inputs.most.astype(np.float32)
        self.at_centre = inputs.most @ self.centre
        self.spread = np.linalg.norm(inputs.most - inputs.most.mean(axis=1, keepdims=True), axis=1)
        self.by_centre = self.others[np.argsort(-self.at_centre[self.others], kind="stable")]
        self.widest = float(self.spread[self.others].max(initial=0.0))
        self.blocks = self.candidate_blocks()
        self.block_ahead, self.block_top, self.block_wide = (
            np.array([block[i] for block in self.blocks]) for i in range(3)
        )
        self.perf_key = stream_key(seed, run, base._STREAM_PERFORMANCE)
        self.gate_key = stream_key(seed, run, base._STREAM_GATES)
        self.penalty = base.INFEASIBLE_PENALTY
        self._rivals: dict[int, tuple[IntArray, FloatArray, IntArray]] = {}

    def candidate_blocks(self) -> list[tuple[float, float, float, IntArray, NDArray[np.float32]]]:
        """The options other than the pilots in blocks, best at the centre first: each tier
        of `CANDIDATE_TIER` by score at the centre, widest spread first in it, cut into
        blocks of `CANDIDATE_BLOCK`, so a block's bound (its best score at the centre, its
        widest spread) is near each of its options' own. Each block comes with the best
        score at the centre of every block from it on."""
        blocks = []
        for a in range(0, self.by_centre.size, CANDIDATE_TIER):
            tier = self.by_centre[a : a + CANDIDATE_TIER]
            first = float(self.at_centre[tier[0]])
            tier = tier[np.argsort(-self.spread[tier], kind="stable")]
            for c in range(0, tier.size, CANDIDATE_BLOCK):
                block = np.sort(tier[c : c + CANDIDATE_BLOCK])
                top, wide = self.at_centre[block].max(), self.spread[block].max()
                blocks.append((first, float(top), float(wide), block, self.most32[block]))
        return blocks

    def scores(
        self, sims: Sims, w_t: FloatArray, rows: IntArray, options: IntArray,
        threshold: FloatArray | None, order: IntArray | None = None,
        bound: FloatArray | None = None,
    ) -> Pairs:  # fmt: skip
        """The pairs kept (all without a threshold, one per simulation row), with their
        scores, gate failures included; `bound` as in `staged_scores`."""
        cut = None if threshold is None else threshold[rows]
        kept, scores = staged_scores(
            self.cells, self.perf_key, sims, rows, options, w_t,
            self.order if order is None else order, self.most_t, cut, bound,
        )  # fmt: skip
        rows, options = rows[kept], options[kept]
        self.penalise(scores, sims[rows], options)
        return rows, options, scores

    def penalise(self, scores: FloatArray, sims: Sims, options: IntArray) -> None:
        """Subtract the penalty from the scores of the options failing their gates."""
        hit = np.flatnonzero(self.gated[options])
        if hit.size:
            opts = options[hit]
            failed = gate_failures(self.gate_key, sims[hit], opts, self.cells.m, self.passing[opts])
            scores[hit] -= self.penalty * failed

    def pilot_scores(self, sims: Sims, w: FloatArray, w_t: FloatArray) -> FloatArray:
        """The pilots' scores, one row per simulation; screening, `PAD` for a pilot below
        the least of the k that score best at their central values there (less the margin).

        Those k are drawn whole first: the least of their scores is at most the k-th best
        pilot score, so a pilot left out is below the threshold set from the pilots and
        cannot reach ranks 1..k, nor tie with them; the k best are kept whole."""
        b, pilots, k = sims.size, self.pilots, self.k
        every = np.arange(b)
        if not self.screening:
            _, _, scores = self.scores(sims, w_t, np.repeat(every, pilots.size),
                                       np.tile(pilots, b), None)  # fmt: skip
            return scores.reshape(b, pilots.size)
        at_centre = w @ self.value_t[:, pilots]
        scouts = np.sort(np.argpartition(-at_centre, k - 1, axis=1)[:, :k], axis=1)
        out = np.full((b, pilots.size), PAD)
        _, _, scores = self.scores(sims, w_t, np.repeat(every, k), pilots[scouts.ravel()], None)
        out[every[:, None], scouts] = scores.reshape(b, k)
        others = np.ones((b, pilots.size), dtype=bool)
        others[every[:, None], scouts] = False
        rows, place = others.nonzero()
        floor = np.min(scores.reshape(b, k), axis=1) - SCREEN_MARGIN
        kept, kept_options, kept_scores = self.scores(sims, w_t, rows, pilots[place], floor)
        out[kept, np.searchsorted(pilots, kept_options)] = kept_scores
        return out

    def candidates(self, w: FloatArray, threshold: FloatArray
                   ) -> tuple[IntArray, IntArray, NDArray[np.float32]]:  # fmt: skip
        """(simulation row, option) pairs, not pilots, whose most favourable score reaches
        the threshold, with that score (float32: the margin covers its rounding).

        A Cauchy-Schwarz bound leaves out most of the products: the weights' deviation
        from the centre sums to 0, so an option's most favourable score is at most its
        score at the centre plus the norm of its centred values times the norm of the
        deviation. The options, best at the centre first, come in blocks; a block is
        multiplied only by the simulations in which the bound of its best at the centre
        and its widest spread reaches the threshold, and compared while in cache."""
        radius = np.linalg.norm(w - self.centre, axis=1)
        need = threshold - SCREEN_MARGIN
        lowest = float((need - self.widest * radius).min(initial=np.inf))
        live = int(np.count_nonzero(self.block_ahead >= lowest))  # never rising
        reach = self.block_top[:live, None] + self.block_wide[:live, None] * radius
        reach = reach >= need
        w32 = np.ascontiguousarray(w.T, dtype=np.float32)
        cut = threshold.astype(np.float32)
        found: list[tuple[IntArray, IntArray, NDArray[np.float32]]] = []
        for (*_, block, most), where in zip(self.blocks, reach, strict=False):
            sims = where.nonzero()[0]
            if not sims.size:
                continue
            best = most @ w32[:, sims]
            flat = (best >= cut[sims]).reshape(-1).nonzero()[0]
            at, col = np.divmod(flat, sims.size)
            found.append((sims[col], block[at], best.reshape(-1)[flat]))
        if not found:
            return np.zeros(0, np.intp), np.zeros(0, np.intp), np.zeros(0, np.float32)
        rows, opts, best = (np.concatenate(part) for part in zip(*found, strict=True))
        sort = pair_order(rows, opts, self.cells.m)
        return rows[sort], opts[sort], best[sort]

    def chunk(self, sims: Sims, w: FloatArray, counts: FloatArray | CountLog,
              drawn: NDArray[np.bool_]) -> tuple[FloatArray, FloatArray]:  # fmt: skip
        """Add one chunk's ranks 1..k to `counts` and mark the options drawn; returns the
        sums of the weights under which each option is first, and how often it is."""
        b = w.shape[0]
        w_t = np.ascontiguousarray(w.T)
        pilots, k = self.pilots, self.k
        pilot_scores = self.pilot_scores(sims, w, w_t)
        if self.screening:
            threshold = kth_best(pilot_scores, k) - SCREEN_MARGIN
            rows, opts, best = self.candidates(w, threshold)
            reach = w @ self.most_t[:, pilots]
            drawn[pilots[(reach >= threshold[:, None]).any(axis=0)]] = True
            early = best >= kth_best_most(b, EARLY, rows, best)[rows]
            bound = best.astype(np.float64)
            bound += FLOAT32_SLACK
            first = self.scores(sims, w_t, rows[early], opts[early], threshold,
                                bound=bound[early])  # fmt: skip
            raised = kth_best_by_row(b, k, first[0], first[2], pilot_scores)
            threshold = np.maximum(threshold, raised - SCREEN_MARGIN)
            late = ~early & (best >= threshold[rows])
            second = self.scores(sims, w_t, rows[late], opts[late], threshold,
                                 bound=bound[late])  # fmt: skip
            drawn[opts[early | late]] = True
            sort = np.argsort(np.concatenate([first[0], second[0]]), kind="stable")
            rows, opts, scores = (
                np.concatenate(pair)[sort] for pair in zip(first, second, strict=True)
            )
        else:
            rows, opts, scores = self.scores(sims, w_t, np.repeat(np.arange(b), self.others.size),
                                             np.tile(self.others, b), None)  # fmt: skip
            drawn[:] = True
        padded, ids = padded_rows(b, pilots, pilot_scores, rows, opts, scores)
        lead, t_rows, t_opts, shares = top_ranks(padded, k, counts, ids=ids)
        return first_place_sums_sparse(lead, t_rows, t_opts, shares, w, self.cells.m)

    def rivals_of(self, leader: int, w: FloatArray) -> tuple[IntArray, FloatArray, IntArray]:
        """The other options by most favourable score under `w`, best first, with minus those
        scores, and the order to draw the criteria in (kept for the leader's next chunks)."""
        known = self._rivals.get(leader)
        if known is None:
            best = self.inputs.most @ w
            rivals = np.delete(np.arange(self.cells.m), leader)
            rivals = rivals[np.argsort(-best[rivals], kind="stable")]
            known = self._rivals[leader] = (rivals, -best[rivals], draw_order(self.inputs, w))
        return known

    def confidence_hits(self, leader: int, w: FloatArray, sims: Sims) -> float:
        """The summed share of first place of `leader` under fixed weights `w` in simulations
        `sims`, the performances drawn again: each rival is drawn where its most favourable
        score reaches the leader's score, less the margin."""
        n = self.cells.n
        b = sims.size
        rivals, falling, order = self.rivals_of(leader, w)
        w_t = np.broadcast_to(w[:, None], (n, b))
        everyone = np.arange(b)
        _, _, mine = self.scores(sims, w_t, everyone, np.full(b, leader), None, order)
        # failing its gates, the leader is below any option without gates (scores >= 0)
        out = np.zeros(b, dtype=bool)
        if self.screen and bool((self.usable != leader).any()):
            out = mine < 0.0
        if self.screen:
            threshold = mine - SCREEN_MARGIN
            threshold[out] = np.inf
            count = np.searchsorted(falling, -threshold, side="right")
        else:
            threshold, count = None, np.full(b, rivals.size)
        rows = np.repeat(everyone, count)
        place = np.arange(rows.size) - (np.cumsum(count) - count)[rows]
        rows, _, scores = self.scores(sims, w_t, rows, rivals[place], threshold, order,
                                      -falling[place])  # fmt: skip
        top = mine.copy()
        np.maximum.at(top, rows, scores)
        top -= TIE_TOLERANCE
        mine_at_top = (mine >= top) & ~out
        at_top = mine_at_top + np.bincount(rows, weights=scores >= top[rows], minlength=b)
        return float(np.where(mine_at_top, 1.0 / np.maximum(at_top, 1.0), 0.0).sum())


SHORT_KEYS = 1 << 16
"""Simulation rows and options below this are sorted by counting (16-bit keys)."""


def pair_order(rows: IntArray, options: IntArray, m: int) -> IntArray:
    """The order of distinct (simulation row, option) pairs by row, then option: two stable
    sorts of 16-bit keys where rows and options fit in them (counting sorts, linear: a fifth
    of the time of sorting `rows * m + options`, a tenth of a screened run), else one sort
    of those numbers. Pairs being distinct, both give the one order."""
    if m <= SHORT_KEYS and int(rows.max(initial=0)) < SHORT_KEYS:
        by_option = np.argsort(options.astype(np.uint16), kind="stable")
        return by_option[np.argsort(rows.astype(np.uint16)[by_option], kind="stable")]
    return np.argsort(rows * m + options)


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
    """SMAA-2 keeping ranks 1..`ranks`, each option drawn only where it can reach them
    (everywhere with `screen=False`: the same numbers, at more cost)."""
    from optionscope.analysis import smaa as base
    from optionscope.analysis.smaa import SmaaArrays

    main = ScreenedRun(inputs, weights, seed, base._PASS_MAIN, feasibility, ranks, screen)
    m, n, k = main.cells.m, main.cells.n, main.k
    chunk = chunk_size or int(max(64, min(4096, SCREEN_CELLS // max(1, m))))

    def chunks(index: int, size: int) -> list[Sims]:
        start = index * base.BLOCK
        bounds = np.cumsum([0, *base._chunks(size, chunk)]) + start
        return [np.arange(a, z, dtype=np.uint64) for a, z in pairwise(bounds)]

    def main_chunks() -> Iterator[tuple[int, Sims, FloatArray]]:
        """Each block's chunks with their weights, drawn from the block's stream in order."""
        for index, size in base._blocks(samples):
            drawn = weights.draws(base._rng(seed, base._PASS_MAIN, index, base._STREAM_WEIGHTS))
            for sims in chunks(index, size):
                yield index, sims, drawn.take_by_sample(sims.size)

    def main_chunk(task: tuple[int, Sims, FloatArray]) -> ChunkResult:
        index, sims, w = task
        log, drawn_here = CountLog(m, k), np.zeros(m, dtype=bool)
        sums, hits = main.chunk(sims, w, log, drawn_here)
        first = np.flatnonzero(hits)  # an option never first adds nothing to its sums
        return index, log, first, sums[first], hits[first], np.flatnonzero(drawn_here)

    # as the blocks always added up, each its chunks in order: the same sums on any threads
    counts, central_sum, firsts = np.zeros((m, k)), np.zeros((m, n)), np.zeros(m)
    drawn = np.zeros(m, dtype=bool)
    block = -1
    b_counts, b_central, b_firsts = np.zeros((m, k)), np.zeros((m, n)), np.zeros(m)
    for index, log, first, sums, hits, drew in in_order(main_chunk, main_chunks(), workers):
        if index != block:
            if block >= 0:
                counts += b_counts
                central_sum += b_central
                firsts += b_firsts
            block = index
            b_counts, b_central, b_firsts = np.zeros((m, k)), np.zeros((m, n)), np.zeros(m)
        log.replay(b_counts)
        b_central[first] += sums
        b_firsts[first] += hits
        drawn[drew] = True
    counts += b_counts
    central_sum += b_central
    firsts += b_firsts
    central_weights = np.full((m, n), np.nan)
    ever = np.flatnonzero(firsts > 0)
    central_weights[ever] = central_sum[ever] / firsts[ever, None]

    confidence = np.full(m, np.nan)
    leaders = ever[np.argsort(-firsts[ever], kind="stable")[:CONFIDENCE_LEADERS]]
    if leaders.size and confidence_samples > 0:
        again = ScreenedRun(inputs, weights, seed, base._PASS_CONFIDENCE, feasibility, ranks,
                            screen)  # fmt: skip
        tasks = [(int(leader), index, sims) for leader in leaders
                 for index, size in base._blocks(confidence_samples)
                 for sims in chunks(index, size)]  # fmt: skip

        def leader_hits(task: tuple[int, int, Sims]) -> float:
            leader, _, sims = task
            return again.confidence_hits(leader, central_weights[leader], sims)

        # each leader's blocks added up in order, each block's chunks summed from 0 in order
        confidence[leaders] = 0.0
        totals: dict[tuple[int, int], float] = {}
        for (leader, index, _), h in zip(tasks, in_order(leader_hits, tasks, workers), strict=True):
            totals[leader, index] = totals.get((leader, index), 0) + h
        for (leader, _), h in totals.items():
            confidence[leader] += h
        confidence[leaders] /= confidence_samples

    infeasible = np.where(main.gated, np.nan, 0.0)
    counted = np.flatnonzero(main.gated & drawn)
    if counted.size:
        infeasible[counted] = _failure_counts(main, counted, samples) / samples
    return SmaaArrays(
        rank_acceptability=counts / samples,
        central_weights=central_weights,
        confidence_factors=confidence,
        infeasible=infeasible,
        simulated=int(drawn.sum()),
    )


def in_order(fn: Callable[[Task], Result], tasks: Iterable[Task], workers: int
             ) -> Iterator[Result]:  # fmt: skip
    """`fn` of each task, in order, on up to `workers` threads, the tasks taken from
    `tasks` only a few ahead of the results given back (memory stays bounded); or, where
    this process may fork (`io.forked.may_fork`), shared with forked copies of
    it, which are not slowed by one another's Python as threads are (the tasks, drawn
    from seeded generators, are the same in every copy)."""
    if workers <= 1:
        yield from map(fn, tasks)
        return
    if forking_helps():
        from optionscope.io.forked import in_order_forked

        yield from in_order_forked(fn, tasks, workers)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[Result]] = deque()
        for task in tasks:
            pending.append(pool.submit(fn, task))
            if len(pending) >= AHEAD * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def forking_helps() -> bool:
    """Whether `in_order` shares its tasks with forked processes rather than threads."""
    from optionscope.io.forked import may_fork

    return may_fork()


def _failure_counts(run: ScreenedRun, options: IntArray, samples: int) -> FloatArray:
    """In how many of the simulations each option fails its gates."""
    failures = np.zeros(options.size)
    step = max(1, SCREEN_CELLS // options.size)
    for start in range(0, samples, step):
        sims = np.arange(start, min(samples, start + step), dtype=np.uint64)
        failed = gate_failures(run.gate_key, np.repeat(sims, options.size),
                               np.tile(options, sims.size), run.cells.m,
                               np.tile(run.passing[options], sims.size))  # fmt: skip
        failures += failed.reshape(sims.size, options.size).sum(axis=0)
    return failures
