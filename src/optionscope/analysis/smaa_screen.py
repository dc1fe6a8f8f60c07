"""SMAA-2 on many options: ranks 1..k only, for the options that can reach them.

Above `SCREEN_ABOVE` options, sorting every option in every simulation and
counting every rank (an options x options matrix) costs more than the answer is
worth: beyond the first few ranks the shares of thousands of options say little.
So the simulation keeps the first `TOP_RANKS` ranks, exactly, and in each
simulation draws only the options that can reach them there.

The screen is exact, simulation by simulation. Each assessment is drawn within
[low, high], so each option's value on a criterion lies between the least and
the most its value function takes on that range (`value_bounds`). A few pilot
options, the best by their central values, are drawn in every simulation; the
k-th best of their scores, less a margin, is a threshold no option below it can
reach the first k from, nor tie with them. An option whose most favourable
score under the simulation's weights is below it is not drawn there; the others
are drawn criterion by criterion, most uncertain first, and left as soon as
their score so far plus the most their other criteria can add falls below it.
In each simulation the `EARLY` candidates with the best most favourable scores
are drawn first, and the k-th best score so far raises the threshold for the
others (`smaa_screen_run`).
Failing a gate only lowers a score, so gated options are screened the same way
(only options without gates serve as pilots). An option never drawn in any
simulation has shares 0 of ranks 1..k and no gate draws (its failure share is
NaN). The confidence factors, for the `CONFIDENCE_LEADERS` options most often
first, screen the same way against the leader's own score in each simulation.

Random numbers are addressed by position (`smaa_cells`): a draw depends on the
seed, the simulation, the option and the criterion only, so the screened result
equals the unscreened one (`screen=False`) exactly, whatever the chunk size or
the number of workers. Weights come from the same streams as in the full
simulation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.smaa_cells import (
    CellTable,
    cell_table,
    first_indices,
    first_uniforms,
    words,
)
from optionscope.analysis.value import (
    FloatArray,
    criterion_values,
    value_matrix_from,
)
from optionscope.model.scenario import Criterion

IntArray = NDArray[np.intp]

SCREEN_ABOVE = 50
"""At most this many options: every rank of every option, as in the plain simulation."""

TOP_RANKS = 3
"""Ranks kept above `SCREEN_ABOVE` options."""

SCREEN_MARGIN = 1.0e-3
"""Score margin (0-100 scale) of the screen: far above the rounding of a float32 score."""

FLOAT32_SLACK = 1.0e-4
"""Above the error of a most favourable score computed in float32 (values 0-100, weights
summing to 1: well under 1e-4), so that the float32 score plus this bounds the exact one."""

SCREEN_CELLS = 1 << 24
"""Options times simulations in a chunk of the screened run (1,677 simulations a chunk at
10,000 options): its most favourable scores are computed a block of options at a time,
so memory stays small, and fewer, larger chunks spend less on each chunk's bookkeeping
(on the generated 10,000 x 12 YAML, twice 2^23 took about 0.9 times as long, with the
same results; 2^25, about as long as 2^24, with twice the page faults)."""

PILOTS = 16
"""Options drawn in every simulation to set the screen's threshold."""

CONFIDENCE_LEADERS = 10
"""Confidence factors are computed for at most this many options, the most often first."""

EARLY = 8
"""In each simulation, the candidates with the best most favourable scores drawn first: their
scores raise the threshold the others are screened against."""

PAD = -1.0e300
"""The score of an empty place in a simulation's row (each row has its own options)."""


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

    @cached_property
    def cells(self) -> CellTable:
        """The cells, ready to be drawn at any position."""
        return cell_table(self.central, self.low, self.high, self.distributions, self.criteria)


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


def draw_order(inputs: ScreenInputs, centre: FloatArray) -> IntArray:
    """Criteria in the order they are drawn: the widest weighted spread of values first,
    so that an option that cannot reach the threshold is ruled out after few draws."""
    spread = (inputs.most - inputs.least).mean(axis=0) * centre
    return np.argsort(-spread, kind="stable")


def staged_scores(
    cells: CellTable,
    key: np.uint64,
    sims: NDArray[np.uint64],
    rows: IntArray,
    options: IntArray,
    weights_t: FloatArray,
    order: IntArray,
    most_t: FloatArray,
    threshold: FloatArray | None,
    bound: FloatArray | None = None,
) -> tuple[IntArray, FloatArray]:
    """Scores of the pairs (simulation `sims[rows]`, option), summed over the criteria in
    `order` under the simulations' weights (`weights_t`: criteria x simulations).

    With `threshold` (one per pair), a pair is left as soon as its score so far plus the
    most its other criteria can add (`most_t`: criteria x options) is below it, and at
    the end if its score is. `bound`, if known, is at least each pair's most favourable
    score (to within far less than the margin). Returns the positions of the pairs kept
    and their scores: every pair reaching the threshold, perhaps a few just below it.
    """
    score = np.zeros(options.size)
    first = first_indices(sims[rows], options, cells.m, cells.n)
    # without a range, a value is its own most favourable one: nothing to leave out early
    certain = not cells.uncertain[order].any()
    if threshold is None or certain:
        for j in order:
            value = cells.draw(key, first, options, j)
            value *= weights_t[j][rows]
            score += value
        everything = np.arange(options.size)
        if threshold is None:
            return everything, score
        kept = (score >= threshold).nonzero()[0]
        return kept, score[kept]
    if bound is None:
        bound = np.zeros(options.size)
        for j in order:
            bound += weights_t[j][rows] * most_t[j][options]
    # a pair is kept while its score so far reaches `need`: the threshold less the most
    # its criteria not yet drawn can add
    need = threshold - bound
    keep = np.arange(options.size)
    for j in order:
        alive = (score >= need).nonzero()[0]
        if alive.size < keep.size:
            keep, score, need = keep[alive], score[alive], need[alive]
            first, options, rows = first[alive], options[alive], rows[alive]
            if not keep.size:
                break
        wj = weights_t[j][rows]
        value = cells.draw(key, first, options, j)
        value *= wj
        score += value
        wj *= most_t[j][options]
        need += wj
    alive = (score >= need).nonzero()[0]
    return keep[alive], score[alive]


def gate_failures(key: np.uint64, sims: NDArray[np.uint64], options: IntArray, m: int,
                  passing: FloatArray) -> NDArray[np.bool_]:  # fmt: skip
    """Whether option `options[q]` fails its gates in simulation `sims[q]` (pass probability
    `passing[q]`): the first uniform of the word at simulation x m + option."""
    index = sims * np.uint64(m)
    index += options.astype(np.uint64)
    return np.asarray(first_uniforms(words(key, index)) >= passing)


def kth_best(scores: FloatArray, k: int) -> FloatArray:
    """The k-th best score of each row (`PAD` where a row has fewer than k)."""
    if scores.shape[1] < k:
        return np.full(scores.shape[0], PAD)
    return np.asarray(-np.partition(-scores, k - 1, axis=1)[:, k - 1])


def row_places(b: int, rows: IntArray) -> tuple[IntArray, IntArray]:
    """How many pairs each of `b` simulations has, and each pair's place among its
    simulation's (`rows` sorted)."""
    per = np.bincount(rows, minlength=b)
    return per, np.arange(rows.size) - (np.cumsum(per) - per)[rows]


def kth_best_by_row(
    b: int, k: int, rows: IntArray, scores: FloatArray, front: FloatArray | None = None
) -> FloatArray:
    """The k-th best score of each of `b` simulations (`PAD` where one has fewer than k):
    of the pairs' `scores` (`rows` sorted), with each row's `front` scores if given (as
    `padded_rows` lays them out, without the options)."""
    per, place = row_places(b, rows)
    lead = 0 if front is None else front.shape[1]
    padded = np.full((b, lead + int(per.max(initial=0))), PAD)
    if front is not None:
        padded[:, :lead] = front
    padded[rows, lead + place] = scores
    return kth_best(padded, k)


def kth_best_most(b: int, k: int, rows: IntArray, most: NDArray[np.float32]) -> NDArray[np.float32]:
    """The k-th best of each of `b` simulations' most favourable scores (float32, `rows`
    sorted), -inf where one has fewer than k: laid out negated in float32, half the bytes
    of `kth_best_by_row` and no negated copy, so the partition reads a third as much."""
    per, place = row_places(b, rows)
    width = int(per.max(initial=0))
    if width < k:
        return np.full(b, -np.inf, dtype=np.float32)
    negated = np.full((b, width), np.inf, dtype=np.float32)
    negated[rows, place] = -most
    return np.asarray(-np.partition(negated, k - 1, axis=1)[:, k - 1])


def pilots_of(inputs: ScreenInputs, centre: FloatArray, usable: IntArray) -> IntArray:
    """The options drawn in every simulation: the best without gates by central values."""
    if usable.size <= PILOTS:
        return usable
    cv = centre @ inputs.cells.value[:, usable]
    return np.sort(usable[np.argsort(-cv, kind="stable")[:PILOTS]])


def padded_rows(
    b: int, pilots: IntArray, pilot_scores: FloatArray, rows: IntArray, options: IntArray,
    scores: FloatArray,
) -> tuple[FloatArray, IntArray]:  # fmt: skip
    """One row per simulation: the pilots, then that simulation's other options drawn
    (`rows` sorted), empty places `PAD`; with each place's option."""
    per, place = row_places(b, rows)
    width = pilots.size + int(per.max(initial=0))
    padded = np.full((b, width), PAD)
    ids = np.zeros((b, width), dtype=np.intp)
    padded[:, : pilots.size] = pilot_scores
    ids[:, : pilots.size] = pilots
    place += pilots.size
    padded[rows, place] = scores
    ids[rows, place] = options
    return padded, ids
