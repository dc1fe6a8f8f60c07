"""SMAA's weights: uniform on the simplex, Dirichlet around a profile, or fixed.

`WeightModel.sample` gives sample-major weights `(b, n)`; `sample_by_criterion` the
same numbers criterion-major `(n, b)`, the layout the scores are computed in, without
the short per-sample sums and divisions that the sample-major layout costs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from optionscope.analysis.value import FloatArray


def row_sums(columns: FloatArray) -> FloatArray:
    """`columns.T.sum(axis=1)` to the last bit, from criterion-major `(n, b)` numbers.

    NumPy adds each short row pairwise: below 8 numbers one after another from 0, up to
    128 in 8 running sums (every eighth number) combined as ((0+1)+(2+3))+((4+5)+(6+7))
    and the rest added in order, above that the two halves (cut at a multiple of 8)
    apart. The same additions in the same order, a whole row of samples at a time, give
    the same sums without a call per sample.
    """
    n = columns.shape[0]
    if n < 8:
        running = np.zeros(columns.shape[1:])
        for row in columns:
            running += row
        return running
    if n > 128:
        half = n // 2 - (n // 2) % 8
        return np.asarray(row_sums(columns[:half]) + row_sums(columns[half:]))
    lanes = columns[:8].copy()
    whole = n - n % 8
    for start in range(8, whole, 8):
        lanes += columns[start : start + 8]
    lanes[0::2] += lanes[1::2]
    lanes[0] += lanes[2]
    lanes[4] += lanes[6]
    total: FloatArray = lanes[0]
    total += lanes[4]
    for row in columns[whole:]:
        total += row
    return total


def _drawn_in_logs(rng: np.random.Generator, alpha: FloatArray, rows: int) -> FloatArray:
    """Dirichlet(alpha) weights `(rows, k)` for the samples whose every gamma underflowed
    (alphas below about 1e-3 make most of them 0): drawn again in logs, Gamma(a) being
    Gamma(a + 1) U^(1/a), so that none underflows. A Dirichlet draw is independent of the
    sum of its gammas, so drawing these samples again leaves the distribution exact."""
    g = rng.standard_gamma(alpha + 1.0, size=(rows, alpha.size))
    u = 1.0 - rng.random((rows, alpha.size))  # in (0, 1]: its log is finite
    with np.errstate(divide="ignore"):
        logs = np.log(g) + np.log(u) / alpha
    logs -= logs.max(axis=1, keepdims=True)
    e = np.exp(logs)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


@dataclass(frozen=True)
class WeightModel:
    """How weights are drawn: uniform on the simplex, Dirichlet around a profile, or fixed."""

    n: int
    centre: FloatArray | None
    """The normalised profile, or None for uniform weights."""
    concentration: float | None
    """Dirichlet concentration; None keeps the weights fixed at `centre`."""

    def sample(self, rng: np.random.Generator, b: int) -> FloatArray:
        if self.centre is None:
            e = rng.standard_exponential((b, self.n))
            e /= e.sum(axis=1, keepdims=True)
            return e
        if self.concentration is None:
            return np.broadcast_to(self.centre, (b, self.n)).copy()
        positive = np.flatnonzero(self.centre > 0)
        alpha = self.concentration * self.centre[positive]
        g = rng.standard_gamma(alpha, size=(b, positive.size))
        total = g.sum(axis=1, keepdims=True)
        empty = np.flatnonzero(total[:, 0] <= 0)  # every gamma underflowed: tiny alphas
        if empty.size:
            g[empty] = _drawn_in_logs(rng, alpha, empty.size)
            total[empty] = 1.0
        g /= total
        if positive.size == self.n:
            return g
        out = np.zeros((b, self.n))
        out[:, positive] = g
        return out

    def sample_by_criterion(self, rng: np.random.Generator, b: int) -> FloatArray:
        """The numbers `sample` draws, criterion-major `(n, b)` (C-contiguous)."""
        if self.centre is None:
            e = np.ascontiguousarray(rng.standard_exponential((b, self.n)).T)
            e /= row_sums(e)
            return e
        if self.concentration is None:
            return np.ascontiguousarray(np.broadcast_to(self.centre[:, None], (self.n, b)))
        positive = np.flatnonzero(self.centre > 0)
        alpha = self.concentration * self.centre[positive]
        drawn = rng.standard_gamma(alpha, size=(b, positive.size))
        g = np.ascontiguousarray(drawn.T)
        total = row_sums(g)
        empty = np.flatnonzero(total <= 0)
        if empty.size:
            g[:, empty] = _drawn_in_logs(rng, alpha, empty.size).T
            total[empty] = 1.0
        g /= total
        if positive.size == self.n:
            return g
        out = np.zeros((self.n, b))
        out[positive] = g
        return out
