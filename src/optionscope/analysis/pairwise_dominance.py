"""Which options dominate which: every pair compared, in bounded memory.

An option dominates another when it is at least as good on every criterion (within the
tolerance) and better on at least one (by more than it). `analysis.dominance` says it of
a scenario's options; these functions work on a table of performances.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.topsis import BoolArray
from optionscope.analysis.value import FloatArray

IntArray = NDArray[np.intp]


def dominance_pairs(
    matrix: FloatArray, maximise: BoolArray, tolerance: FloatArray | float = 0.0
) -> tuple[IntArray, IntArray]:
    """The pairs (a, b) in which option a dominates option b (performances m x n), ordered by
    b, then a.

    Differences within `tolerance` (one per criterion, or one for all) are ties.
    Rows are compared in chunks of about `CHUNK_CELLS` pairs (`_pair_chunks`). The pairs
    can be nearly half of all pairs (on few criteria): `dominated_mask` says which options
    are dominated without keeping them.
    """
    return ordered_by_loser(list(_pair_chunks(matrix, maximise, tolerance)))


def ordered_by_loser(pieces: list[tuple[IntArray, IntArray]]) -> tuple[IntArray, IntArray]:
    """Pieces of (winners, losers) pairs as one pair of arrays, ordered by loser, then
    winner."""
    if not pieces:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    a = np.concatenate([p[0] for p in pieces])
    b = np.concatenate([p[1] for p in pieces])
    by_loser = np.lexsort((a, b))
    return a[by_loser].astype(np.intp), b[by_loser].astype(np.intp)


def dominated_and_pairs(
    matrix: FloatArray, maximise: BoolArray, tolerance: FloatArray | float, most: int
) -> tuple[BoolArray, tuple[IntArray, IntArray] | None]:
    """Which options are dominated, and the dominating pairs (as `dominance_pairs` orders
    them) while there are at most `most` of them; None once there are more (the pairs
    are then no longer listed, where most pairs stand, as in `dominated_mask`)."""
    out = np.zeros(np.shape(matrix)[0], dtype=bool)
    kept: list[tuple[IntArray, IntArray]] | None = []
    count = 0

    def stopped() -> bool:
        return kept is None

    for a, b in _pair_chunks(matrix, maximise, tolerance, losers_only=stopped):
        out[b] = True
        if kept is not None:
            count += a.size
            if count <= most:
                kept.append((a, b))
            else:
                kept = None
    return out, None if kept is None else ordered_by_loser(kept)


def dominated_mask(
    matrix: FloatArray, maximise: BoolArray, tolerance: FloatArray | float = 0.0
) -> BoolArray:
    """For each option, whether another dominates it (`dominance_pairs`), in memory
    bounded by a chunk of pairs."""
    out = np.zeros(np.shape(matrix)[0], dtype=bool)
    for _, b in _pair_chunks(matrix, maximise, tolerance, losers_only=True):
        out[b] = True
    return out


def _pair_chunks(
    matrix: FloatArray,
    maximise: BoolArray,
    tolerance: FloatArray | float = 0.0,
    *,
    losers_only: bool | Callable[[], bool] = False,
) -> Iterator[tuple[IntArray, IntArray]]:
    """The pairs (a, b) in which option a dominates option b, a chunk of b at a time (with
    `losers_only`, the dominated options of the chunk, and no winners: where most pairs
    stand, they are found from the chunk's tables, the pairs never listed).

    Rows are compared in chunks of about `CHUNK_CELLS` pairs, criterion by criterion,
    each criterion's performances in one contiguous row: on every pair of the chunk
    while many pairs still stand, then, once fewer than one in `SPARSE_BELOW` does,
    only on those (few, on most tables). The working memory stays bounded however
    many options there are.

    An option at least as good as b on every criterion has at least b's sum of
    performances, less the tolerances (and the rounding of the sums, allowed for by
    `_sum_slack`): the options are taken in decreasing order of their sums, and each
    chunk of b is compared only with the options whose sum reaches the chunk's least,
    about half the pairs. The pairs found are the same.
    """
    x = np.where(np.asarray(maximise, dtype=bool), matrix, -np.asarray(matrix))
    tol = np.broadcast_to(np.asarray(tolerance, dtype=np.float64), x.shape[-1:])
    m, n = x.shape
    if n and np.isfinite(x).all() and np.isfinite(tol).all():
        with np.errstate(over="ignore", invalid="ignore"):  # see `_sum_slack`
            sums = x.sum(axis=1)
            order = np.argsort(-sums, kind="stable")
            lowered = -sums[order]  # increasing
            slack = _sum_slack(x, tol)
    else:  # a sum with an infinite or missing term says nothing: every pair is compared
        order, lowered, slack = np.arange(m), np.zeros(m), 0.0
    xs = x[order]
    floors = xs - tol  # a is at least as good as b on j when xs[a, j] >= floors[b, j]
    columns, column_floors = np.ascontiguousarray(xs.T), np.ascontiguousarray(floors.T)
    rows = max(1, CHUNK_CELLS // max(1, m))
    ok_cells, cells = np.empty(rows * m, dtype=bool), np.empty(rows * m, dtype=bool)
    for start in range(0, m, rows):
        stop = min(m, start + rows)
        # the candidates: a prefix of the order, the sums within reach of the chunk's least
        k = int(np.searchsorted(lowered, float(lowered[stop - 1]) + slack, side="right"))
        ok = ok_cells[: (stop - start) * k].reshape(stop - start, k)
        ge = cells[: ok.size].reshape(ok.shape)
        np.greater_equal(columns[0, None, :k], column_floors[0, start:stop, None], out=ok)
        j = 1
        while j < n and np.count_nonzero(ok) * SPARSE_BELOW >= ok.size:
            np.greater_equal(columns[j, None, :k], column_floors[j, start:stop, None], out=ge)
            ok &= ge
            j += 1
        only = losers_only() if callable(losers_only) else losers_only  # asked chunk by chunk
        if only and j == n:  # every criterion compared on every pair: the tables
            hit = np.zeros_like(ok)
            for c in range(n):
                hit |= columns[c, None, :k] - xs[start:stop, c, None] > tol[c]
            hit &= ok
            yield _NONE, order[start + np.flatnonzero(hit.any(axis=1))]
            continue
        # positions in the order; a table's `nonzero` took ten times as long as a row's
        b, a = np.divmod(np.flatnonzero(ok), k)
        b += start
        for c in range(j, n):  # the pairs still standing, one by one
            keep = xs[a, c] >= floors[b, c]
            a, b = a[keep], b[keep]
        better = (xs[a] - xs[b] > tol).any(axis=1)
        yield order[a[better]], order[b[better]]


_NONE = np.zeros(0, dtype=np.intp)


def dominance_pairs_between(
    matrix: FloatArray,
    maximise: BoolArray,
    tolerance: FloatArray | float,
    winners: IntArray,
    losers: IntArray,
) -> tuple[IntArray, IntArray]:
    """The pairs (a, b), a among `winners` and b among `losers` (positions), in which a
    dominates b, ordered by b, then a: `len(winners) x len(losers)` comparisons, a chunk of
    about `CHUNK_CELLS` pairs at a time."""
    x = np.where(np.asarray(maximise, dtype=bool), matrix, -np.asarray(matrix))
    tol = np.broadcast_to(np.asarray(tolerance, dtype=np.float64), x.shape[-1:])
    w = np.sort(np.asarray(winners, dtype=np.intp))
    lo = np.sort(np.asarray(losers, dtype=np.intp))
    found: list[tuple[IntArray, IntArray]] = []
    rows = max(1, CHUNK_CELLS // max(1, w.size))
    columns = np.ascontiguousarray(x[w].T)
    for start in range(0, lo.size, rows):
        b = lo[start : start + rows]
        at_least = np.ones((b.size, w.size), dtype=bool)
        better = np.zeros((b.size, w.size), dtype=bool)
        for j in range(x.shape[1]):  # as `_pair_chunks` compares them
            at_least &= columns[j, None, :] >= (x[b, j] - tol[j])[:, None]
            better |= columns[j, None, :] - x[b, j, None] > tol[j]
        bb, aa = np.nonzero(at_least & better)
        keep = w[aa] != b[bb]
        found.append((w[aa[keep]], b[bb[keep]]))
    return ordered_by_loser(found)


def _sum_slack(x: FloatArray, tol: FloatArray) -> float:
    """How far below b's sum of performances the sum of an option at least as good as b on
    every criterion can fall: the tolerances, and a bound on the rounding of the sums and
    of `x - tol` (n terms, each rounding within `eps` of the largest sum of magnitudes),
    taken eight times over. Infinite when a row's magnitudes add up past the largest
    float, whose sum may have overflowed: every option is then a candidate."""
    n = int(x.shape[1])
    eps = float(np.finfo(np.float64).eps)
    largest = float(np.abs(x).sum(axis=1).max(initial=0.0)) + float(np.abs(tol).sum())
    return float(tol.sum()) + 8.0 * (n + 1) * eps * (largest + 1.0)


def dominance_matrix(
    matrix: FloatArray, maximise: BoolArray, tolerance: FloatArray | float = 0.0
) -> BoolArray:
    """`D[a, b]` is True when option a dominates option b: `dominance_pairs` as an m x m
    table (m x m booleans: for few options)."""
    m = np.shape(matrix)[0]
    out = np.zeros((m, m), dtype=bool)
    a, b = dominance_pairs(matrix, maximise, tolerance)
    out[a, b] = True
    return out


SPARSE_BELOW = 64
"""A chunk's criteria are compared on every pair while at least one pair in this many
still stands; then the pairs left are compared one by one (picking a pair's two
performances costs many times as much as comparing a pair in contiguous rows)."""

CHUNK_CELLS = 1_000_000
"""Pairs compared at once by `dominance_pairs` (two tables of 1 MB of booleans, which the
processor's cache holds)."""
