"""SMAA's performance sampling: each uncertain assessment drawn from its range.

Low confidence draws uniformly, medium from a triangle, high from a PERT
distribution (a tabulated inverse CDF, built a few hundred cells at a time);
`performance_model` gathers what one scenario needs, once, for every run of
`smaa.simulate`. The constants here are part of what a seed means.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache, cached_property

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.value import (
    FloatArray,
    criterion_values,
    value_matrix_from,
)
from optionscope.model.scenario import Criterion

IntArray = NDArray[np.intp]


CELL_BUDGET = 1 << 18
"""About this many (sample, option, criterion) cells in a default chunk (2 MB of numbers),
and in a draw tile of a table of many cells (`draw_tile`)."""

DRAW_TILE = 1024
"""Samples whose words are drawn from the stream together, cell by cell: the generator's
next words give the first cell's uniforms for these samples, then the second cell's, and
so on (fewer samples for a table of more than 256 cells, `draw_tile`). Part of what a
seed means."""

VALUE_TILE = 1024
"""Samples drawn and scored together: their values are still in cache when they are scored."""

WORD = 2.0**-32
"""A 32-bit word k stands for the uniform k * WORD on [0, 1)."""

PERT_STEPS = 1024
"""Probability steps of the tabulated PERT inverse CDF."""

PERT_SHAPE = 4.0
"""PERT's lambda: alpha = 1 + 4 (mode - low) / (high - low), beta = 1 + 4 (high - mode) / (...)."""


KERNEL_BUFFER = 1024
"""Elements per buffer of NumPy's ufunc loops while the simulation runs (NumPy's default
is 8,192), fewer for rows of fewer samples. The kernel's operations that broadcast (a column
of per-cell parameters against the samples, a row of scores against the others) go through
NumPy's buffered iterator, which copies into its buffers whenever one holds two rows or
more, at twice the cost of the operation itself; with buffers shorter than a row it works
on the rows in place. Measured with 7 options x 12 criteria: the simulation took 15-20%
less CPU time. Buffers only cut the work into pieces; the numbers are the same."""


def draw_tile(cells: int) -> int:
    """Samples per draw tile of an options x criteria table of `cells` cells: `DRAW_TILE`,
    or as many as a default chunk holds when it holds fewer (so that a chunk's parts are
    as long as its samples allow: parts of a few samples each made the products of a
    table of many cells several times slower)."""
    return max(1, min(DRAW_TILE, CELL_BUDGET // max(1, cells)))


def aligned_chunk(chunk: int, tile: int) -> int:
    """`chunk` cut down to whole draw tiles where it holds one or more (no part of a chunk
    then needs the words of two tiles)."""
    return chunk - chunk % tile if chunk > tile else chunk


def tile_length(b: int, most: int) -> int:
    """Samples per part when `b` samples are cut into equal parts of at most `most`."""
    return -(-b // -(-b // most))


@contextmanager
def kernel_buffers(row: int) -> Iterator[None]:
    """Run with ufunc buffers shorter than a `row` of samples (this thread only)."""
    before = np.setbufsize(max(16, min(KERNEL_BUFFER, row) // 16 * 16))
    try:
        yield
    finally:
        np.setbufsize(before)


_KIND_ORDER = ("uniform", "triangular", "pert")

DISTRIBUTIONS: dict[str, str] = {"low": "uniform", "medium": "triangular", "high": "pert"}
"""Confidence -> sampling distribution."""


PERT_CELLS_AT_ONCE = 64
"""PERT cells tabulated together: the density grid is cells x 8K values (4 MB at 64; at 256,
16 MB arrays made afresh took twice as long to fill)."""


def pert_quantile_table(low: FloatArray, mode: FloatArray, high: FloatArray) -> FloatArray:
    """Inverse CDF of PERT(low, mode, high) at probabilities 0, 1/K, ..., 1 (cells x K+1).

    Tabulated `PERT_CELLS_AT_ONCE` cells at a time, so the working memory stays bounded
    however many cells there are (30,000 cells at once took 2.7 GB).
    """
    lo = np.asarray(low, dtype=np.float64)
    hi = np.asarray(high, dtype=np.float64)
    md = np.asarray(mode, dtype=np.float64)
    if lo.size <= PERT_CELLS_AT_ONCE:
        return _pert_quantiles(lo, md, hi)
    return np.concatenate(
        [
            _pert_quantiles(lo[k : k + PERT_CELLS_AT_ONCE], md[k : k + PERT_CELLS_AT_ONCE],
                            hi[k : k + PERT_CELLS_AT_ONCE])
            for k in range(0, lo.size, PERT_CELLS_AT_ONCE)
        ]
    )  # fmt: skip


def _pert_quantiles(lo: FloatArray, mode: FloatArray, hi: FloatArray) -> FloatArray:
    """`pert_quantile_table` of a few cells: each density on a grid of 8K + 1 points,
    integrated by trapezoids and inverted by interpolation. The density x^a (1 - x)^b is
    exp(a log x + b log(1 - x)), the grid's logarithms taken once (`_grid_logs`): NumPy's
    `power` took five times as long, most of a screened run's set-up."""
    span = hi - lo
    rel = np.clip((mode - lo) / span, 0.0, 1.0)
    grid, logs, logs_rest = _grid_logs()
    pdf = np.multiply.outer(PERT_SHAPE * rel, logs)
    pdf += np.multiply.outer(PERT_SHAPE * (1.0 - rel), logs_rest)
    np.exp(pdf, out=pdf)
    steps = pdf[:, 1:] + pdf[:, :-1]
    steps *= 0.5 * np.diff(grid)
    cdf = np.zeros((lo.size, grid.size))
    np.cumsum(steps, axis=1, out=cdf[:, 1:])
    cdf /= cdf[:, -1:]
    u = np.linspace(0.0, 1.0, PERT_STEPS + 1)
    q = (
        np.stack([np.interp(u, cdf[c], grid) for c in range(lo.size)])
        if lo.size
        else np.zeros((0, u.size))
    )
    return np.asarray(lo[:, None] + span[:, None] * q)


@cache
def _grid_logs() -> tuple[FloatArray, FloatArray, FloatArray]:
    """The density's grid and its logarithms log x and log(1 - x), where an end's -inf is
    -1e300: times a power of 0 it is 0 (x^0 = 1 there), times any other a density of 0."""
    grid = np.linspace(0.0, 1.0, 8 * PERT_STEPS + 1)
    with np.errstate(divide="ignore"):
        logs, logs_rest = np.log(grid), np.log1p(-grid)
    logs[0] = logs_rest[-1] = -1e300
    for table in (grid, logs, logs_rest):
        table.setflags(write=False)
    return grid, logs, logs_rest


@dataclass(frozen=True)
class PerformanceModel:
    """Central values and the uncertain cells of an options x criteria table, ready to sample.

    Uncertain cells are kept sorted by distribution (uniform, triangular,
    PERT) so that each distribution works on a contiguous block of rows.
    Where a cell's value function is affine over its range (the usual case),
    sampling happens directly in value space: the affine map is folded into
    the distribution's parameters. Cells whose value function bends within
    their range are sampled as performances and mapped with `criterion_values`.
    PERT tables hold values (the value function applied to the tabulated
    quantiles).

    Triangular draws use two uniforms, X = low + span ((1 - p) min(U1, U2) +
    p max(U1, U2)) with p = (mode - low) / span (Stein & Keblis, 2009): exact,
    and free of the branch that the inverse CDF needs.
    """

    m: int
    n: int
    central_values: FloatArray
    """Values (0-100) of the central performances, m x n."""
    flat: IntArray
    """For each uncertain cell (in sampling order), its index j * m + i (criterion-major)."""
    certain: IntArray
    """Criterion-major indices of the cells that are not sampled."""
    kinds: tuple[slice, slice, slice]
    """Row ranges of the uniform, triangular and PERT cells."""
    uni_scale: FloatArray
    uni_offset: FloatArray
    """Uniform cells: u * scale + offset."""
    tri_base: FloatArray
    tri_min: FloatArray
    tri_max: FloatArray
    """Triangular cells: base + tri_min * min(u1, u2) + tri_max * max(u1, u2)."""
    pert_table: FloatArray
    """Flattened PERT value tables (one row of K+1 per PERT cell)."""
    pert_table_step: FloatArray
    """Differences between consecutive table entries (padded), for interpolation."""
    general: tuple[tuple[Criterion, IntArray], ...]
    """Rows sampled as performances, to be mapped by their criterion's value function."""
    pert_scale: float = PERT_STEPS
    """A PERT draw times this is its position in the table (in steps)."""
    terms_apart: bool = False
    """Whether the uniform and triangular cells' constant terms (`uni_offset`, `tri_base`)
    are left out of their values (`with_terms_apart`), but for cells whose value function
    bends."""

    @property
    def uncertain(self) -> int:
        return int(self.flat.size)

    @property
    def draws(self) -> int:
        """Uniforms per sample: one per uncertain cell, a second one per triangular cell."""
        tri = self.kinds[1]
        return self.uncertain + int(tri.stop - tri.start)

    def for_words(self) -> PerformanceModel:
        """The same model taking 32-bit words k (as floats) where this one takes uniforms
        k / 2^32: the factor 2^-32 is folded into the parameters that multiply a draw.
        The results are the same to the last bit (scaling by a power of two is exact),
        and a chunk's words become numbers without a multiplication."""
        return replace(
            self,
            uni_scale=self.uni_scale * WORD,
            tri_min=self.tri_min * WORD,
            tri_max=self.tri_max * WORD,
            pert_scale=self.pert_scale * WORD,
        )

    def with_terms_apart(self) -> tuple[PerformanceModel, FloatArray]:
        """The same model with the constant terms of its affine uniform and triangular
        cells kept apart, and those terms as an options x criteria matrix: a score is the
        weighted sum of the values drawn plus the weighted sum of the matrix's row, which
        one small product per chunk gives for every sample, where adding each term to its
        cell's values took a pass over every affine cell's draws."""
        constant = self._columns.constant[:, 0]
        affine = np.ones(constant.size, dtype=bool)
        for _, rows in self.general:
            affine[rows] = False
        terms = np.zeros(self.n * self.m)
        terms[self.flat[: constant.size][affine]] = constant[affine]
        return replace(self, terms_apart=True), terms.reshape(self.n, self.m).T.copy()

    def sample_values(self, u: FloatArray, scratch: FloatArray | None = None) -> FloatArray:
        """Map uniforms `(draws, b)` to the values of the uncertain cells `(cells, b)`.

        Works in place on `u` (cell-major rows: every operation runs along long
        contiguous rows) and returns a view of its first `cells` rows. `scratch`
        is an optional `(triangular cells, >= b)` buffer.
        """
        k = self.uncertain
        uni, tri, pert = self.kinds
        u[uni] *= self.uni_scale[:, None]
        u[pert] *= self.pert_scale
        u1 = u[tri]
        low = np.empty_like(u1) if scratch is None else scratch[:, : u.shape[1]]
        if tri.stop > tri.start:
            u2 = u[k : k + tri.stop - tri.start]
            np.minimum(u1, u2, out=low)
            np.maximum(u1, u2, out=u1)
        return self.finish_values(u[:k], low)

    def finish_values(
        self, u: FloatArray, low: FloatArray, *, triangles_weighted: bool = False
    ) -> FloatArray:
        """The values of the uncertain cells `(cells, b)` from their draws scaled and
        ordered (`sample_values`' first steps): uniform draws times `uni_scale`, PERT draws
        times `pert_scale`, and each triangular cell's larger uniform in its row of `u`,
        its smaller in its row of `low` (already times `tri_max` and `tri_min` with
        `triangles_weighted`). Works in place on `u` and `low`."""
        uni, tri, pert = self.kinds
        columns = self._columns
        if uni.stop > uni.start and not self.terms_apart:
            u[uni] += columns.uni_offset
        if tri.stop > tri.start:
            u1 = u[tri]
            if not triangles_weighted:
                u1 *= columns.tri_max
                low *= columns.tri_min
            u1 += low
            if not self.terms_apart:
                u1 += columns.tri_base
        if pert.stop > pert.start:
            up = u[pert]
            idx = up.astype(np.intp)
            np.minimum(idx, PERT_STEPS - 1, out=idx)
            up -= idx
            idx += columns.pert_rows
            up *= self.pert_table_step[idx]
            up += self.pert_table[idx]
        for criterion, rows in self.general:
            if self.terms_apart:  # a bent value function takes the whole performance
                u[rows] += columns.constant[rows]
            u[rows] = criterion_values(u[rows], criterion)
        return u

    @cached_property
    def _columns(self) -> _Columns:
        pert = self.kinds[2]
        return _Columns(
            uni_offset=self.uni_offset[:, None],
            tri_max=self.tri_max[:, None],
            tri_min=self.tri_min[:, None],
            tri_base=self.tri_base[:, None],
            pert_rows=(np.arange(pert.stop - pert.start) * (PERT_STEPS + 1))[:, None],
            constant=np.concatenate([self.uni_offset, self.tri_base])[:, None],
        )


@dataclass(frozen=True)
class _Columns:
    """A model's per-cell parameters as columns, made once (each `[:, None]` per tile was
    a call)."""

    uni_offset: FloatArray
    tri_max: FloatArray
    tri_min: FloatArray
    tri_base: FloatArray
    pert_rows: IntArray
    """Where each PERT cell's table starts in `pert_table`."""
    constant: FloatArray


class Sampler:
    """Reusable buffers for drawing value tensors chunk by chunk (no allocation per chunk).

    The generator's words are drawn a draw tile at a time (`draw_tile` samples), cell by
    cell: each 64-bit word gives two uniforms k / 2^32 on [0, 1) with 32-bit resolution,
    at half the cost of `Generator.random`, and a tile's words, read as 32-bit numbers,
    are a table with a row per uniform of a sample and a column per sample, whose rows
    become numbers with a contiguous cast. Samples are taken from the tiles in order, so
    a stream gives the same values whatever the chunks or parts they are asked for in;
    the words of a tile's samples not asked for are dropped when another stream is read.

    The values it gives leave out the constant terms of the affine cells, `offsets`
    (options x criteria, `PerformanceModel.with_terms_apart`): a sample's value of option i on
    criterion j is its `values` there plus `offsets[i, j]`.
    """

    def __init__(self, model: PerformanceModel, chunk: int) -> None:
        self.model = model
        self.chunk = chunk
        self.word_model, self.offsets = model.for_words().with_terms_apart()
        self.has_offsets = bool(self.offsets.any())
        self.uni_scale = self.word_model.uni_scale[:, None]
        self.tri_min = self.word_model.tri_min[:, None]
        self.tri_max = self.word_model.tri_max[:, None]
        self.pert_scale = self.word_model.pert_scale
        draws = model.draws
        self.cells = model.uncertain
        uni, tri, pert = self.kinds = model.kinds
        self.triangles = tri.stop - tri.start
        self.scaled = [(rows, scale) for rows, scale in ((uni, self.uni_scale),
                       (pert, self.pert_scale)) if rows.stop > rows.start]  # fmt: skip
        self.words = (draws + 1) // 2
        self.tile = draw_tile(model.m * model.n)
        self.ut = np.empty((self.cells, chunk))
        self.scratch = np.empty((self.triangles, chunk))
        self.smaller = np.empty((self.triangles, chunk), dtype=np.uint32)
        self.full = np.empty((model.n * model.m, chunk))
        self.full[model.certain] = model.central_values.T.reshape(-1)[model.certain, None]
        self.stream: np.random.Generator | None = None
        self.pending = np.empty((0, 0), dtype=np.uint32)  # the first tile is drawn when asked
        self.used = self.tile
        """Samples of the pending tile already taken."""

    def tiles(self, rng: np.random.Generator, b: int) -> Iterator[tuple[slice, FloatArray]]:
        """The values of the next `b` samples of `rng`'s stream, in parts of at most `chunk`
        that keep within a draw tile: each part's samples and its `values` (valid until the
        next part)."""
        self._follow(rng)
        start = 0
        while start < b:
            room = self.tile - self.used if self.used < self.tile else self.tile
            step = min(b - start, self.chunk, room)
            yield slice(start, start + step), self.values(rng, step)
            start += step

    def values(self, rng: np.random.Generator, b: int) -> FloatArray:
        """An `(n, m, b)` value tensor (criterion, option, sample) of the next `b` samples of
        `rng`'s stream, less `offsets`, valid until the next call."""
        model = self.model
        if self.cells:
            self._follow(rng)
            ut = self.ut[:, :b]
            k, tri, triangles = self.cells, self.kinds[1], self.triangles
            done = 0
            while done < b:
                if self.used == self.tile:
                    raw = rng.bit_generator.random_raw(self.tile * self.words)
                    # little-endian halves: the same numbers on any machine
                    halves = raw.astype("<u8", copy=False).view("<u4")
                    self.pending = halves.reshape(2 * self.words, self.tile)
                    self.used = 0
                take = min(b - done, self.tile - self.used)
                words = self.pending[:, self.used : self.used + take]
                here = slice(done, done + take)
                # `sample_values`' first steps on the words as they become numbers: uniform
                # and PERT draws scaled, each triangle's two words ordered as words, then
                # the larger times `tri_max` and the smaller times `tri_min` (the same
                # products as `finish_values` makes, without a copy of the words first)
                for rows, scale in self.scaled:
                    np.multiply(words[rows], scale, out=ut[rows, here])
                if triangles:
                    first, second = words[tri], words[k : k + triangles]
                    smaller = self.smaller[:, :take]
                    np.minimum(first, second, out=smaller)
                    np.maximum(first, second, out=first)
                    np.multiply(smaller, self.tri_min, out=self.scratch[:, here])
                    np.multiply(first, self.tri_max, out=ut[tri, here])
                self.used += take
                done += take
            values = self.word_model.finish_values(ut, self.scratch[:, :b], triangles_weighted=True)
            self.full[model.flat, :b] = values
        return self.full[:, :b].reshape(model.n, model.m, b)

    def _follow(self, rng: np.random.Generator) -> None:
        """Drop the words left from another stream."""
        if rng is not self.stream:
            self.stream = rng
            self.used = self.tile


def _affine_on_range(criterion: Criterion, lo: float, hi: float) -> tuple[bool, float, float]:
    """Whether the value function is affine on [lo, hi], with its slope and intercept there."""
    knots = (
        [p[0] for p in criterion.value_function.points]
        if criterion.value_function is not None
        else [criterion.scale.min, criterion.scale.max]
    )
    if any(lo < k < hi for k in knots):
        return False, 1.0, 0.0
    v_lo, v_hi = criterion_values(np.array([lo, hi]), criterion)
    slope = (v_hi - v_lo) / (hi - lo)
    return True, float(slope), float(v_lo - slope * lo)


def performance_model(
    central: FloatArray,
    low: FloatArray,
    high: FloatArray,
    distributions: Sequence[Sequence[str]],
    criteria: Sequence[Criterion],
) -> PerformanceModel:
    """Prepare sampling: `distributions[i][j]` is uniform, triangular or pert."""
    c = np.asarray(central, dtype=np.float64)
    lo = np.minimum(low, high)
    hi = np.maximum(low, high)
    m, n = c.shape
    cells: dict[str, list[tuple[int, int]]] = {k: [] for k in _KIND_ORDER}
    for i in range(m):
        for j in range(n):
            if hi[i, j] > lo[i, j]:
                cells[distributions[i][j]].append((i, j))
    order = [cell for kind in _KIND_ORDER for cell in cells[kind]]
    counts = np.cumsum([0] + [len(cells[k]) for k in _KIND_ORDER])
    uni, tri, pert = (slice(int(counts[q]), int(counts[q + 1])) for q in range(3))
    ii = np.array([i for i, _ in order], dtype=np.intp)
    jj = np.array([j for _, j in order], dtype=np.intp)
    c_lo = lo[ii, jj] if order else np.zeros(0)
    c_hi = hi[ii, jj] if order else np.zeros(0)
    c_mode = np.clip(c[ii, jj], c_lo, c_hi) if order else np.zeros(0)
    span = c_hi - c_lo
    slope = np.ones(len(order))
    intercept = np.zeros(len(order))
    general: dict[int, list[int]] = {}
    for row, (_, j) in enumerate(order):
        affine, a, b = _affine_on_range(criteria[j], float(c_lo[row]), float(c_hi[row]))
        slope[row], intercept[row] = a, b
        if not affine and row < pert.start:
            general.setdefault(j, []).append(row)
    mode_share = (c_mode - c_lo) / np.where(span > 0, span, 1.0)
    # PERT: tabulate quantiles, then values (exact at every step, bends included).
    x_table = pert_quantile_table(c_lo[pert], c_mode[pert], c_hi[pert])
    v_table = np.empty_like(x_table)
    for row, cell in enumerate(range(pert.start, pert.stop)):
        v_table[row] = criterion_values(x_table[row], criteria[int(jj[cell])])
    step = np.concatenate([np.diff(v_table, axis=1), np.zeros((v_table.shape[0], 1))], axis=1)
    return PerformanceModel(
        m=m,
        n=n,
        central_values=value_matrix_from(c, criteria),
        flat=np.asarray(jj * m + ii, dtype=np.intp),
        certain=np.setdiff1d(np.arange(n * m), jj * m + ii).astype(np.intp),
        kinds=(uni, tri, pert),
        uni_scale=(slope * span)[uni],
        uni_offset=(slope * c_lo + intercept)[uni],
        tri_base=(slope * c_lo + intercept)[tri],
        tri_min=(slope * span * (1.0 - mode_share))[tri],
        tri_max=(slope * span * mode_share)[tri],
        pert_table=v_table.reshape(-1),
        pert_table_step=step.reshape(-1),
        general=tuple((criteria[j], np.array(rows, dtype=np.intp)) for j, rows in general.items()),
    )
