"""SMAA's draws on many options, addressed by position rather than read from a stream.

Above `SCREEN_ABOVE` options the simulation draws an option only in the
simulations where it could reach the counted ranks, and only as many of its
criteria as it takes to rule it out (`smaa_screen`). Such draws cannot come
from a stream read in order. Here each draw is a function of its position:
the 64-bit word at position (simulation, option, criterion) is SplitMix64's
output at that index of the sequence seeded by the run's seed, pass and kind of
draw (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
OOPSLA 2014: the state is seed + index x golden gamma, each output a bijective
mix of it). A draw is therefore the same whichever other options, criteria or
simulations are drawn with it, in whatever order or chunks: the screened
simulation gives the numbers of the unscreened one exactly.

Each word gives two 32-bit uniforms, as in `smaa_sampling`: the first alone
for a uniform or PERT draw, both for a triangular one (Stein & Keblis, 2009).
PERT draws use the inverse CDF of the standard PERT, which depends on one
number, the mode's position p in the range (alpha = 1 + 4 p, beta = 1 + 4 (1 -
p)): one table over p and the probability, interpolated in both, serves every
cell, where `smaa_sampling` tabulates each cell (seconds for tens of thousands
of cells).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import chain

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.smaa_sampling import PERT_STEPS, pert_quantile_table
from optionscope.analysis.value import FloatArray, criterion_values, value_matrix_from
from optionscope.model.scenario import Criterion

IntArray = NDArray[np.intp]
WordArray = NDArray[np.uint64]

GOLDEN_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_LOW32 = np.uint64(0xFFFFFFFF)
_WORD = 2.0**-32

PERT_MODE_STEPS = 256
"""Steps of the mode's position in the standard PERT table (its other axis: `PERT_STEPS`)."""


def stream_key(seed: int, run: int, stream: int) -> np.uint64:
    """The SplitMix64 seed of one pass and kind of draw."""
    state = np.random.SeedSequence(seed, spawn_key=(run, stream)).generate_state(1, np.uint64)
    return np.uint64(state[0])


def words(key: np.uint64, index: WordArray) -> WordArray:
    """SplitMix64's outputs at positions `index` of the sequence seeded by `key`."""
    z = index * GOLDEN_GAMMA
    z += key
    t = z >> np.uint64(30)
    z ^= t
    z *= _MIX1
    np.right_shift(z, np.uint64(27), out=t)
    z ^= t
    z *= _MIX2
    np.right_shift(z, np.uint64(31), out=t)
    z ^= t
    return z


def first_uniforms(z: WordArray) -> FloatArray:
    """The first 32-bit uniform on [0, 1) of each word (its high half)."""
    high = (z >> np.uint64(32)).astype(np.float64)
    high *= _WORD
    return high


def uniforms(z: WordArray) -> tuple[FloatArray, FloatArray]:
    """The two 32-bit uniforms on [0, 1) of each word."""
    low = (z & _LOW32).astype(np.float64)
    low *= _WORD
    return first_uniforms(z), low


@cache
def standard_pert_table() -> FloatArray:
    """Inverse CDF of PERT(0, p, 1) at p = 0, 1/P, ..., 1 and probabilities 0, 1/K, ..., 1."""
    p = np.linspace(0.0, 1.0, PERT_MODE_STEPS + 1)
    table = pert_quantile_table(np.zeros_like(p), p, np.ones_like(p))
    table.setflags(write=False)
    return table


def standard_pert(mode: FloatArray, u: FloatArray) -> FloatArray:
    """PERT(0, mode, 1) draws for uniforms `u`, interpolated in the table's two axes."""
    row, at = pert_rows(mode)
    return pert_draws(row, at, u)


def pert_rows(mode: FloatArray) -> tuple[IntArray, FloatArray]:
    """Where modes fall in the standard PERT table: the first index of the row below each
    and the fraction of the way to the next (a cell's are computed once, not per draw)."""
    at = mode * PERT_MODE_STEPS
    row = np.minimum(at.astype(np.intp), PERT_MODE_STEPS - 1)
    at -= row
    return row * (PERT_STEPS + 1), at


@cache
def _pert_steps() -> FloatArray:
    """For each place of the table: its value and the step to the next probability, and the
    same on the next row (one gather per draw, where the table alone took six)."""
    flat = standard_pert_table().reshape(-1)
    here = np.arange(PERT_MODE_STEPS * (PERT_STEPS + 1) - 1)
    nxt = here + PERT_STEPS + 1
    steps = np.stack([flat[here], flat[here + 1] - flat[here],
                      flat[nxt], flat[nxt + 1] - flat[nxt]], axis=1)  # fmt: skip
    steps.setflags(write=False)
    return steps


def pert_draws(row: IntArray, at: FloatArray, u: FloatArray) -> FloatArray:
    """Standard PERT draws of the cells at `row`, `at` (`pert_rows`) for uniforms `u`."""
    pos = u * PERT_STEPS
    col = np.minimum(pos.astype(np.intp), PERT_STEPS - 1)
    pos -= col
    col += row
    q = np.take(_pert_steps(), col, axis=0)
    below = q[:, 1] * pos
    below += q[:, 0]
    above = q[:, 3] * pos
    above += q[:, 2]
    above -= below
    above *= at
    above += below
    return above


@dataclass(frozen=True)
class CellTable:
    """Every cell of an options x criteria table, ready to be drawn at any position.

    Arrays are criterion-major `(n, m)`, so that one criterion's cells of many
    options are gathered from one row. A draw is low + span r, with r on [0, 1):
    r = u1 for a uniform cell, (1 - p) min(u1, u2) + p max(u1, u2) for a
    triangular one, the standard PERT's inverse CDF at u1 for a PERT one; a cell
    without a range has span 0 and low at its value. On a criterion valued linearly
    over its scale whose ranges all lie on the scale (`folded`), low and span are
    values: the map to 0-100 is folded into them, so a draw is its value at once.
    """

    m: int
    n: int
    criteria: tuple[Criterion, ...]
    low: FloatArray
    span: FloatArray
    folded: NDArray[np.bool_]
    """Per criterion: whether low and span are values (0-100) rather than performances."""
    uniform: FloatArray
    """1 for a uniform cell, else 0."""
    tri_min: FloatArray
    tri_max: FloatArray
    """A triangular cell's 1 - p and p, else 0."""
    pert_mode: FloatArray
    """A PERT cell's p, else -1."""
    value: FloatArray
    """The central values (0-100)."""
    uncertain: NDArray[np.bool_]
    """Per criterion: whether any of its cells has a range."""
    has_pert: NDArray[np.bool_]
    """Per criterion: whether any of its cells is drawn from a PERT."""
    kind: NDArray[np.int8]
    """0 uniform, 1 triangular, 2 PERT, -1 without a range."""
    pert_row: IntArray
    pert_at: FloatArray
    """A PERT cell's place in the standard PERT table (`pert_rows`), else 0."""

    def draw(self, key: np.uint64, first_index: WordArray, options: IntArray, j: int) -> FloatArray:
        """Values of criterion j for the pairs whose (simulation x m + option) x n is
        `first_index`, option `options`.

        Each kind is drawn on its own cells only; a cell without a range draws nothing
        (span 0), and gives its value."""
        if not self.uncertain[j]:
            return np.asarray(self.value[j][options])
        z = words(key, first_index + np.uint64(j))
        r = first_uniforms(z)
        kind = self.kind[j][options]
        tri = (kind == 1).nonzero()[0]
        if tri.size:
            u1 = r[tri]
            u2 = (z[tri] & _LOW32).astype(np.float64)
            u2 *= _WORD
            on = options[tri]
            low = np.minimum(u1, u2)
            low *= self.tri_min[j][on]
            np.maximum(u1, u2, out=u2)
            u2 *= self.tri_max[j][on]
            low += u2
            r[tri] = low
        if self.has_pert[j]:
            pert = (kind == 2).nonzero()[0]
            if pert.size:
                on = options[pert]
                r[pert] = pert_draws(self.pert_row[j][on], self.pert_at[j][on], r[pert])
        r *= self.span[j][options]
        r += self.low[j][options]
        if self.folded[j]:
            return r
        return criterion_values(r, self.criteria[j])


_KIND = {"uniform": 0, "triangular": 1, "pert": 2}


def cell_table(
    central: FloatArray,
    low: FloatArray,
    high: FloatArray,
    distributions: tuple[tuple[str, ...], ...],
    criteria: tuple[Criterion, ...],
) -> CellTable:
    """The cell table of central performances, ranges and distributions (options x criteria)."""
    c = np.asarray(central, dtype=np.float64)
    lo = np.minimum(low, high)
    hi = np.maximum(low, high)
    span = hi - lo
    certain = span <= 0
    # one flat pass, no list per option (10,000 lists woke the garbage collector)
    kind = np.fromiter(map(_KIND.__getitem__, chain.from_iterable(distributions)),
                       dtype=np.int8, count=c.size).reshape(c.shape)  # fmt: skip
    kind[certain] = -1
    p = np.clip((c - lo) / np.where(certain, 1.0, span), 0.0, 1.0)
    start = np.where(certain, c, lo)
    pert_mode = np.where(kind == 2, p, -1.0)
    m, n = c.shape
    pert_row, pert_at = pert_rows(np.maximum(pert_mode, 0.0))
    if (kind == 2).any():
        _pert_steps()  # tabulated here, once, rather than by each thread's first draw
    value = value_matrix_from(c, criteria)
    start, span = start.T.copy(), np.where(certain, 0.0, span).T.copy()
    folded = np.zeros(n, dtype=bool)
    for j, criterion in enumerate(criteria):
        least, most = criterion.scale.min, criterion.scale.max
        drawn = ~certain[:, j]
        if criterion.value_function is not None or not (
            (lo[drawn, j] >= least).all() and (hi[drawn, j] <= most).all()
        ):
            continue  # drawn as performances, then valued
        folded[j] = True
        slope = 100.0 / (most - least)
        if criterion.direction != "max":
            slope = -slope
        span[j] *= slope
        start[j] = np.where(drawn, (start[j] - least) * slope, value[:, j])
        if criterion.direction != "max":
            start[j, drawn] += 100.0
    return CellTable(
        m=m,
        n=n,
        criteria=tuple(criteria),
        low=start,
        span=span,
        folded=folded,
        uniform=np.ascontiguousarray((kind == 0).astype(np.float64).T),
        tri_min=np.ascontiguousarray(np.where(kind == 1, 1.0 - p, 0.0).T),
        tri_max=np.ascontiguousarray(np.where(kind == 1, p, 0.0).T),
        pert_mode=np.ascontiguousarray(pert_mode.T),
        value=np.ascontiguousarray(value.T),
        uncertain=np.asarray(~certain.all(axis=0)),
        has_pert=(kind == 2).any(axis=0),
        kind=np.ascontiguousarray(kind.T),
        pert_row=np.ascontiguousarray(pert_row.T),
        pert_at=np.ascontiguousarray(pert_at.T),
    )


def first_indices(samples: WordArray, options: IntArray, m: int, n: int) -> WordArray:
    """Each pair's (simulation x m + option) x n: its criterion j is at that plus j."""
    index = samples * np.uint64(m)
    index += options.astype(np.uint64)
    index *= np.uint64(n)
    return index
