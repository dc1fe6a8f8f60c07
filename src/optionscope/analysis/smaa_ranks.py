"""SMAA's ranks: rank counts with shared ties, first places, and the first k ranks only.

Ties (identical scores, within the tolerance) share their ranks: k options tied
for ranks r..r+k-1 each get 1/k of each of those ranks.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.value import TIE_TOLERANCE, FloatArray

IntArray = NDArray[np.intp]


def _rank_batch(
    scores: FloatArray, tolerance: float = TIE_TOLERANCE, into: FloatArray | None = None
) -> tuple[FloatArray, IntArray, IntArray, FloatArray]:
    """Rank counts `(m, m)`, the first option of each sample (`-1` where tied), and for the
    samples with ties: their row numbers and their first-place shares `(t, m)`.

    With `into`, the counts are added to it (and it is returned): with more options than
    samples in the batch, one by one (O(b m)) rather than through an m x m count of the
    batch, which made each small batch of a large scenario cost O(m^2).
    """
    s = np.asarray(scores, dtype=np.float64)
    b, m = s.shape
    # any sort gives the same shares: options with equal scores share a run of ranks,
    # whichever order they come in, and numpy's default sort is the fastest on short rows
    order = np.argsort(-s, axis=1)
    ranked = np.take_along_axis(s, order, axis=1)
    tied = (ranked[:, :-1] - ranked[:, 1:]) <= tolerance
    rows = np.flatnonzero(tied.any(axis=1))
    positions = np.arange(m)
    lead = order[:, 0].copy()
    if not rows.size:
        index = (order * m + positions).ravel()
        if into is not None and m > b:  # whole counts: the same sums in any order
            np.add.at(into.reshape(-1), index, 1.0)
            return into, lead, rows, np.zeros((0, m))
        counts = np.bincount(index, minlength=m * m).astype(np.float64).reshape(m, m)
        if into is not None:
            into += counts
            return into, lead, rows, np.zeros((0, m))
        return counts, lead, rows, np.zeros((0, m))
    clean = np.ones(b, dtype=bool)
    clean[rows] = False
    lead[rows] = -1
    counts = np.bincount((order[clean] * m + positions).ravel(), minlength=m * m).astype(np.float64)
    tie_first = _add_tied_shares(counts, order[rows], tied[rows])
    if into is not None:
        into += counts.reshape(m, m)
        return into, lead, rows, tie_first
    return counts.reshape(m, m), lead, rows, tie_first


def _add_tied_shares(counts: FloatArray, o: IntArray, t: NDArray[np.bool_]) -> FloatArray:
    """Add the shared ranks of samples with ties to `counts` (flat, m * m); return their
    first-place shares `(t, m)`. `o` is each sample's options best first, `t` whether each
    is tied with the next. The shares are added one offset into the runs at a time, in
    sample order: part of the result's exact value."""
    rows, m = o.shape
    positions = np.arange(m)
    ones = np.ones((rows, 1), dtype=bool)
    new_run = np.concatenate([ones, ~t], axis=1)
    start = np.maximum.accumulate(np.where(new_run, positions, 0), axis=1)
    run_end = np.concatenate([~t, ones], axis=1)
    end = np.minimum.accumulate(np.where(run_end, positions, m)[:, ::-1], axis=1)[:, ::-1]
    size = end - start + 1
    share = 1.0 / size
    for offset in range(int(size.max())):
        mask = offset < size
        index = o[mask] * m + start[mask] + offset
        counts += np.bincount(index, weights=share[mask], minlength=m * m)
    tie_first = np.zeros((rows, m))
    np.put_along_axis(tie_first, o, np.where(start == 0, share, 0.0), axis=1)
    return tie_first


PAIRWISE_UP_TO = 12
"""Options up to which `PairwiseRanks` counts ranks (its work grows with the square of the
options, a sort's only a little faster than linearly)."""


class PairwiseRanks:
    """Rank counts of a few options from comparisons of every pair, on option-major scores.

    The same counts, first places and tied shares as `_rank_batch`, at a fraction of its
    cost for a few options: a sample's rank for an option is the number of options clear
    of it (above it by more than the tolerance). Of two options, one is clear of the other
    unless they are within the tolerance, so a sample has a tie when its ranks add up to
    less than the number of pairs (and then some pair next to each other in score order
    is within it: the rounded difference of two scores does not shrink as they move
    apart). Samples with a tie, rare, are sorted and shared as `_rank_batch` does. Ranks
    are counted in bytes (up to `PAIRWISE_UP_TO` options), and the buffers for `chunk`
    samples are kept between calls.
    """

    def __init__(self, m: int, chunk: int) -> None:
        if m > PAIRWISE_UP_TO:
            raise ValueError(f"pairwise ranks are for at most {PAIRWISE_UP_TO} options")
        pairs = m * (m - 1) // 2
        self.above = np.empty((m, m, chunk), dtype=bool)
        self.rank = np.empty((m, chunk), dtype=np.uint8)
        self.first = np.empty((m, chunk), dtype=np.uint8)
        self.lead = np.empty(chunk, dtype=np.uint8)
        self.pairs = pairs
        self.lifted = np.empty((m, chunk))
        self.clear = np.empty(chunk, dtype=np.uint8)
        self.options = np.arange(m, dtype=np.uint8)[:, None]
        self.cells = (np.arange(m) * m).astype(np.uint8)[:, None]

    def count(
        self, scores: FloatArray, counts: FloatArray, tolerance: float = TIE_TOLERANCE
    ) -> tuple[IntArray, IntArray, FloatArray]:
        """Add the rank counts of `scores` `(m, b)` to `counts` `(m, m)`; return what
        `_rank_batch` does besides: the first option of each sample (-1 where tied), the
        samples with ties and their first-place shares."""
        m, b = scores.shape
        above = self.above[:, :, :b]
        lifted = np.add(scores, tolerance, out=self.lifted[:, :b])
        np.greater(scores[:, None, :], lifted[None, :, :], out=above)  # [k, i]: k clear of i
        rank = np.add.reduce(above, axis=0, dtype=np.uint8, out=self.rank[:, :b])
        first = np.equal(rank, 0, out=self.first[:, :b].view(bool)).view(np.uint8)
        np.multiply(first, self.options, out=first)
        lead = np.add.reduce(first, axis=0, out=self.lead[:b]).astype(np.intp)
        # of each pair, one is clear of the other unless they are within the tolerance
        clear = np.add.reduce(rank, axis=0, dtype=np.uint8, out=self.clear[:b])
        rank += self.cells  # the count cell of each option's rank: option * m + rank
        if not (clear != self.pairs).any():
            flat = np.bincount(rank.reshape(-1), minlength=m * m).astype(np.float64)
            counts += flat.reshape(m, m)
            return lead, np.zeros(0, dtype=np.intp), np.zeros((0, m))
        rows = np.flatnonzero(clear != self.pairs)
        lead[rows] = -1
        rank[:, rows] = m * m  # counted below, with their shares
        flat = np.bincount(rank.reshape(-1), minlength=m * m + 1)[: m * m].astype(np.float64)
        tied_scores = scores[:, rows].T
        order = np.argsort(-tied_scores, axis=1)
        ranked = np.take_along_axis(tied_scores, order, axis=1)
        tie_first = _add_tied_shares(flat, order, (ranked[:, :-1] - ranked[:, 1:]) <= tolerance)
        counts += flat.reshape(m, m)
        return lead, rows, tie_first


def rank_shares(
    scores: FloatArray, tolerance: float = TIE_TOLERANCE
) -> tuple[FloatArray, FloatArray]:
    """Rank counts `(m, m)` ([option, rank-1]) and first-place shares `(b, m)` of a score batch.

    Options tied within `tolerance` split the ranks they span equally.
    """
    counts, lead, rows, tie_first = _rank_batch(scores, tolerance)
    b, m = np.shape(scores)
    first = np.zeros((b, m))
    clean = np.flatnonzero(lead >= 0)
    first[clean, lead[clean]] = 1.0
    first[rows] = tie_first
    return counts, first


def _first_place_sums(
    lead: IntArray, rows: IntArray, tie_first: FloatArray, w: FloatArray, m: int
) -> tuple[FloatArray, FloatArray]:
    """Sum of weights over the samples where each option is first, and how many samples.

    `w` is criterion-major `(n, b)`. Each option's share of first place in each sample (1
    where it is first alone, 1/k tied with k - 1 others) times the weights, as one matrix
    product: the sums of every option and criterion at once, where adding each sample's
    weights to its leader's sums took a pass over an index of every weight."""
    shares = np.equal(lead, np.arange(m)[:, None]).astype(np.float64)  # tied: lead -1
    if rows.size:
        shares[:, rows] = tie_first.T
    return shares @ w.T, np.add.reduce(shares, axis=1)


class CountLog:
    """Additions to an (options, k) array of rank counts, kept to be made later in the same
    order: a chunk ranked on another thread adds exactly what it would have added in place,
    whatever order the chunks finish in."""

    def __init__(self, m: int, k: int) -> None:
        self.shape = (m, k)
        self.additions: list[tuple[IntArray, FloatArray | None]] = []

    def replay(self, counts: FloatArray) -> None:
        """Make the additions to `counts`, in order."""
        for index, weights in self.additions:
            _add(counts, index, weights)


def _add(counts: FloatArray | CountLog, index: IntArray, weights: FloatArray | None = None) -> None:
    if isinstance(counts, CountLog):
        counts.additions.append((index, weights))
        return
    flat = counts.reshape(-1)
    flat += np.bincount(index, weights=weights, minlength=flat.size)


def top_ranks(
    scores: FloatArray,
    k: int,
    counts: FloatArray | CountLog,
    tolerance: float = TIE_TOLERANCE,
    ids: IntArray | None = None,
) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
    """Ranks 1..k of a score batch `(b, m)`, added to `counts` `(options, k)`.

    Returns the first option of each sample (-1 where tied for first) and the tied
    first places as (sample, option, share) triples. The same shares as the full
    ranks' first k columns: only the k + 1 best of each sample are sorted, and a
    sample whose k-th and (k + 1)-th are tied is sorted whole. With `ids` `(b, m)`,
    column c of sample s holds option `ids[s, c]` (each sample its own options);
    else column c is option c.
    """
    s = np.asarray(scores, dtype=np.float64)
    b, m = s.shape

    def options(order: IntArray, rows: slice | IntArray = slice(None)) -> IntArray:
        return order if ids is None else np.take_along_axis(ids[rows], order, axis=1)

    if m <= k + 1:
        order, ranked = _sorted(s)
        return _sorted_counts(options(order), ranked, k, tolerance, counts)
    part = np.argpartition(-s, k, axis=1)[:, : k + 1]
    values = np.take_along_axis(s, part, axis=1)
    sub = np.argsort(-values, axis=1)
    order = options(np.take_along_axis(part, sub, axis=1))
    ranked = np.take_along_axis(values, sub, axis=1)
    across = np.flatnonzero(ranked[:, k - 1] - ranked[:, k] <= tolerance)
    if not across.size:
        return _sorted_counts(order, ranked, k, tolerance, counts)
    inside = np.ones(b, dtype=bool)
    inside[across] = False
    kept = np.flatnonzero(inside)
    lead = np.empty(b, dtype=np.intp)
    lead_a, rows_a, opts_a, share_a = _sorted_counts(order[kept], ranked[kept], k, tolerance,
                                                     counts)  # fmt: skip
    whole, ranked_b = _sorted(s[across])
    lead_b, rows_b, opts_b, share_b = _sorted_counts(options(whole, across), ranked_b, k,
                                                     tolerance, counts)  # fmt: skip
    lead[kept], lead[across] = lead_a, lead_b
    rows = np.concatenate([kept[rows_a], across[rows_b]])
    return lead, rows, np.concatenate([opts_a, opts_b]), np.concatenate([share_a, share_b])


def _sorted(s: FloatArray) -> tuple[IntArray, FloatArray]:
    order = np.argsort(-s, axis=1)
    return order, np.take_along_axis(s, order, axis=1)


def _sorted_counts(
    order: IntArray, ranked: FloatArray, k: int, tolerance: float, counts: FloatArray | CountLog
) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
    """Add ranks 1..k of sorted samples to `counts`; ties are runs of sorted scores
    within `tolerance` of the next (a run reaching past the columns given must not
    touch the first k)."""
    b, r = order.shape
    tied = (ranked[:, :-1] - ranked[:, 1:]) <= tolerance
    rows = np.flatnonzero(tied[:, : min(k, r - 1)].any(axis=1))
    lead = order[:, 0].copy()
    clean = np.ones(b, dtype=bool)
    clean[rows] = False
    lead[rows] = -1
    kk = min(k, r)
    _add(counts, (order[clean, :kk] * k + np.arange(kk)).ravel())
    if not rows.size:
        return lead, rows, np.zeros(0, dtype=np.intp), np.zeros(0)
    o = order[rows]
    t = tied[rows]
    positions = np.arange(r)
    ones = np.ones((rows.size, 1), dtype=bool)
    start = np.maximum.accumulate(np.where(np.concatenate([ones, ~t], axis=1), positions, 0),
                                  axis=1)  # fmt: skip
    run_end = np.concatenate([~t, ones], axis=1)
    end = np.minimum.accumulate(np.where(run_end, positions, r)[:, ::-1], axis=1)[:, ::-1]
    size = end - start + 1
    near = start < k
    o_k, start_k, size_k = o[near], start[near], size[near]
    share_k = 1.0 / size_k
    for offset in range(min(k, int(size_k.max()))):
        rank = start_k + offset
        mask = (offset < size_k) & (rank < k)
        _add(counts, o_k[mask] * k + rank[mask], share_k[mask])
    first = near & (start == 0)
    sample = np.broadcast_to(np.arange(rows.size)[:, None], first.shape)[first]
    return lead, rows[sample], o[first], (1.0 / size)[first]


def first_place_sums_sparse(
    lead: IntArray, tie_rows: IntArray, tie_options: IntArray, tie_shares: FloatArray,
    w: FloatArray, m: int,
) -> tuple[FloatArray, FloatArray]:  # fmt: skip
    """`_first_place_sums` with tied first places as (sample, option, share) triples."""
    n = w.shape[1]
    clean = lead >= 0
    safe = np.where(clean, lead, 0)
    index = (safe[:, None] * n + np.arange(n)).ravel()
    weights = (w * clean[:, None]).ravel()
    sums = np.bincount(index, weights=weights, minlength=m * n).reshape(m, n)
    firsts = np.bincount(safe, weights=clean.astype(np.float64), minlength=m)
    if tie_rows.size:
        np.add.at(sums, tie_options, tie_shares[:, None] * w[tie_rows])
        firsts += np.bincount(tie_options, weights=tie_shares, minlength=m)
    return np.asarray(sums, dtype=np.float64), np.asarray(firsts, dtype=np.float64)
