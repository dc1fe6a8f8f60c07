"""Eliciting weights: rank-order centroid, swing weighting, AHP pairwise comparisons.

- Rank-order centroid (Barron & Barrett, 1996): from a ranking of the criteria
  alone, the weights at the centroid of all weight vectors consistent with it:
  w_k = (1/n) sum_{i=k..n} 1/i for the criterion ranked k-th. Criteria tied at
  positions k..k+t-1 share the mean of those positions' weights, so the weights
  still add up to 1 and tied criteria weigh the same.
- Swing weighting (von Winterfeldt & Edwards, 1986): the criterion whose swing
  from its worst to its best level matters most gets 100 points; every other
  swing is scored relative to it; weights are the points normalised.
- AHP (Saaty, 1980): weights are the principal eigenvector of a reciprocal
  pairwise comparison matrix; the consistency ratio CR = CI / RI with
  CI = (lambda_max - n) / (n - 1) and Saaty's random index RI; CR <= 0.10 is
  accepted as consistent.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from optionscope.analysis.value import FloatArray, criterion_values
from optionscope.model.scenario import Criterion, Scenario

# Rank-order centroid --------------------------------------------------------


def rank_order_centroid(n: int) -> FloatArray:
    """ROC weights for n strictly ranked criteria, most important first."""
    if n < 1:
        raise ValueError("rank-order centroid weights need at least one criterion")
    inverse = 1.0 / np.arange(1, n + 1)
    return np.asarray(np.cumsum(inverse[::-1])[::-1] / n)


def roc_weights(ranks: Mapping[str, float]) -> dict[str, float]:
    """ROC weights from criterion -> rank (1 = most important; equal numbers are ties).

    Only the order of the rank numbers matters: `{a: 1, b: 1, c: 2}` and
    `{a: 1, b: 1, c: 3}` both say a and b tie first and c comes next.
    Returns the weights in rank order.
    """
    if not ranks:
        raise ValueError("rank-order centroid weights need at least one criterion")
    bad = [k for k, r in ranks.items() if not math.isfinite(r)]
    if bad:
        raise ValueError(f"ranks must be finite numbers ({', '.join(bad)})")
    order = sorted(ranks, key=lambda k: ranks[k])
    base = rank_order_centroid(len(order))
    out: dict[str, float] = {}
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and ranks[order[end + 1]] == ranks[order[start]]:
            end += 1
        shared = float(base[start : end + 1].mean())
        for k in order[start : end + 1]:
            out[k] = shared
        start = end + 1
    return out


# Swing weighting ------------------------------------------------------------


@dataclass(frozen=True)
class Swing:
    """A criterion's swing from its worst to its best level, as shown to the person weighing."""

    criterion: str
    name: str
    worst: float
    best: float
    unit: str


def criterion_swing(criterion: Criterion) -> Swing:
    """The performance levels with the lowest and the highest value on a criterion."""
    vf = criterion.value_function
    if vf is not None:
        xs = np.array([p[0] for p in vf.points])
    else:
        xs = np.array([criterion.scale.min, criterion.scale.max])
    vs = criterion_values(xs, criterion)
    return Swing(
        criterion=criterion.id,
        name=criterion.name,
        worst=float(xs[int(np.argmin(vs))]),
        best=float(xs[int(np.argmax(vs))]),
        unit=criterion.unit,
    )


def swings(scenario: Scenario) -> tuple[Swing, ...]:
    """Each criterion's worst-to-best swing, in criterion order."""
    return tuple(criterion_swing(c) for c in scenario.criteria)


@dataclass(frozen=True)
class SwingWeights:
    """The result of a swing-weighting exercise."""

    points: dict[str, float]
    """Points as given, per criterion."""
    relative: dict[str, float]
    """Points rescaled so that the most important swing has 100."""
    weights: dict[str, float]
    """Normalised weights (sum 1)."""
    most_important: tuple[str, ...]
    """The criterion (or tied criteria) with the largest swing."""


def swing_weights(points: Mapping[str, float], scenario: Scenario | None = None) -> SwingWeights:
    """Weights from points for swinging each criterion from worst to best.

    The most important swing is the reference at 100; if the largest number
    given is not 100 the points are rescaled so that it is. With a scenario,
    criterion ids are checked and criteria left out get 0 points.
    """
    given = dict(points)
    bad = [k for k, v in given.items() if not (math.isfinite(v) and v >= 0)]
    if bad:
        raise ValueError(f"swing points must be finite and non-negative ({', '.join(bad)})")
    if scenario is not None:
        unknown = sorted(set(given) - set(scenario.criterion_ids))
        if unknown:
            raise ValueError(f"unknown criteria: {', '.join(unknown)}")
        given = {cid: float(given.get(cid, 0.0)) for cid in scenario.criterion_ids}
    top = max(given.values(), default=0.0)
    if top <= 0:
        raise ValueError("at least one swing must have positive points")
    shares = {k: v / top for k, v in given.items()}  # points of 1e308 add up past any float
    total = math.fsum(shares.values())
    return SwingWeights(
        points=given,
        relative={k: 100.0 * v for k, v in shares.items()},
        weights={k: v / total for k, v in shares.items()},
        most_important=tuple(k for k, v in given.items() if v == top),
    )


# AHP -----------------------------------------------------------------------

RANDOM_INDEX: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
    11: 1.51,
    12: 1.48,
    13: 1.56,
    14: 1.57,
    15: 1.59,
}
"""Saaty's random consistency index RI by matrix size (Saaty, 1980)."""

CONSISTENCY_THRESHOLD = 0.10
"""Saaty's rule: a consistency ratio up to 0.10 is acceptable."""

RECIPROCAL_TOLERANCE = 0.05
"""a_ij * a_ji may differ from 1 by this much, so reciprocals rounded to two decimals
pass (3 x 0.33 = 0.99, 8 x 0.13 = 1.04) while real contradictions (3 and 0.5) do not."""


@dataclass(frozen=True)
class AhpResult:
    """Weights from a pairwise comparison matrix, with its consistency."""

    labels: tuple[str, ...]
    matrix: FloatArray
    weights: FloatArray
    """Principal eigenvector, normalised to sum 1, in label order."""
    lambda_max: float
    consistency_index: float
    random_index: float
    consistency_ratio: float
    consistent: bool
    """True when the consistency ratio is at most 0.10."""
    worst_pair: tuple[str, str] | None
    """The judgement furthest from what the weights imply (None below 3 elements)."""
    worst_pair_judged: float | None
    worst_pair_implied: float | None
    """w_i / w_j for the worst pair: the value that would fit the other judgements."""
    worst_triple: tuple[str, str, str] | None
    """The three elements whose judgements contradict each other most."""

    def weights_by_label(self) -> dict[str, float]:
        return {label: float(w) for label, w in zip(self.labels, self.weights, strict=True)}


def principal_eigenvector(matrix: FloatArray) -> tuple[FloatArray, float]:
    """Principal eigenvector (normalised to sum 1) and eigenvalue of a positive matrix."""
    values, vectors = np.linalg.eig(np.asarray(matrix, dtype=np.float64))
    k = int(np.argmax(values.real))
    vec = np.abs(vectors[:, k].real)
    return np.asarray(vec / vec.sum()), float(values[k].real)


def fmt_judgement(x: float) -> str:
    """`5`, `1/3`, or `2.4` for a judgement on Saaty's scale."""
    if x >= 1:
        return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"
    inv = 1.0 / x
    return f"1/{inv:.0f}" if abs(inv - round(inv)) < 0.05 else f"{x:.2f}"


def pairwise_matrix(
    labels: Sequence[str], judgements: Mapping[tuple[str, str], float]
) -> FloatArray:
    """A full reciprocal matrix from judgements `(a, b) -> how much more a matters than b`.

    Each unordered pair must be judged once (or twice, reciprocally).
    """
    index = {label: i for i, label in enumerate(labels)}
    if len(index) != len(labels):
        raise ValueError("labels must be distinct")
    n = len(labels)
    a = np.full((n, n), np.nan)
    np.fill_diagonal(a, 1.0)
    for (x, y), v in judgements.items():
        for label in (x, y):
            if label not in index:
                raise ValueError(f"unknown element '{label}' in a judgement")
        if x == y:
            raise ValueError(f"'{x}' is compared with itself")
        if not (math.isfinite(v) and v > 0):
            raise ValueError(f"'{x}' vs '{y}' is {v}; a judgement must be a positive number")
        i, j = index[x], index[y]
        if not np.isnan(a[i, j]) and abs(a[i, j] * (1.0 / v) - 1.0) > RECIPROCAL_TOLERANCE:
            raise ValueError(f"'{x}' vs '{y}' is judged twice with different values")
        a[i, j] = v
        a[j, i] = 1.0 / v
    missing = [
        (labels[i], labels[j]) for i in range(n) for j in range(i + 1, n) if np.isnan(a[i, j])
    ]
    if missing:
        pairs = ", ".join(f"{x}/{y}" for x, y in missing[:5])
        raise ValueError(f"{len(missing)} pair(s) not judged: {pairs}")
    return a


def _validate_pairwise(a: FloatArray, labels: Sequence[str]) -> None:
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise ValueError(f"the pairwise comparison matrix must be square (got shape {a.shape})")
    n = a.shape[0]
    if n == 0:
        raise ValueError("the pairwise comparison matrix is empty")
    if n > max(RANDOM_INDEX):
        raise ValueError(
            f"AHP with {n} elements: Saaty's random index is tabulated up to "
            f"{max(RANDOM_INDEX)}; split the criteria into groups"
        )
    if len(labels) != n:
        raise ValueError(f"{len(labels)} labels for a {n}x{n} matrix")
    for i in range(n):
        for j in range(n):
            v = a[i, j]
            if not (math.isfinite(v) and v > 0):
                raise ValueError(
                    f"'{labels[i]}' vs '{labels[j]}' is {v:g}; every judgement must be "
                    "a positive number"
                )
    for i in range(n):
        if abs(a[i, i] - 1.0) > RECIPROCAL_TOLERANCE:
            raise ValueError(f"the diagonal must be 1 ('{labels[i]}' vs itself is {a[i, i]:g})")
    for i in range(n):
        for j in range(i + 1, n):
            if abs(a[i, j] * a[j, i] - 1.0) > RECIPROCAL_TOLERANCE:
                raise ValueError(
                    f"the matrix is not reciprocal: '{labels[i]}' vs '{labels[j]}' is "
                    f"{a[i, j]:g} but '{labels[j]}' vs '{labels[i]}' is {a[j, i]:g} "
                    f"(it should be {1.0 / a[i, j]:.4g})"
                )


def ahp(
    matrix: FloatArray | Sequence[Sequence[float]], labels: Sequence[str] | None = None
) -> AhpResult:
    """AHP weights and consistency from a reciprocal pairwise comparison matrix.

    `matrix[i][j]` says how much more element i matters than element j on
    Saaty's 1-9 scale (and `matrix[j][i]` is its reciprocal). Raises
    ValueError for a matrix that is not square, not positive or not reciprocal.
    """
    a = np.array(matrix, dtype=np.float64)
    names = tuple(labels) if labels is not None else tuple(str(i + 1) for i in range(len(a)))
    _validate_pairwise(a, names)
    n = a.shape[0]
    # The upper triangle is authoritative; rounded reciprocals below it are made exact.
    lower = np.tril_indices(n, -1)
    a[lower] = 1.0 / a.T[lower]
    weights, lam = principal_eigenvector(a)
    if n <= 2:
        return AhpResult(
            labels=names,
            matrix=a,
            weights=weights,
            lambda_max=float(n),
            consistency_index=0.0,
            random_index=RANDOM_INDEX[n],
            consistency_ratio=0.0,
            consistent=True,
            worst_pair=None,
            worst_pair_judged=None,
            worst_pair_implied=None,
            worst_triple=None,
        )
    ci = max(0.0, (lam - n) / (n - 1))
    ri = RANDOM_INDEX[n]
    cr = ci / ri
    consistent = cr <= CONSISTENCY_THRESHOLD

    log_a = np.log(a)
    # Pair: judgement against the ratio the eigenvector implies.
    implied = weights[:, None] / weights[None, :]
    pair_dev = np.abs(log_a - np.log(implied))
    iu = np.triu_indices(n, 1)
    p = int(np.argmax(pair_dev[iu]))
    pi, pj = int(iu[0][p]), int(iu[1][p])
    # Triple: a_ij * a_jk should equal a_ik.
    tri = np.abs(log_a[:, :, None] + log_a[None, :, :] - log_a[:, None, :])
    i_idx, j_idx, k_idx = np.meshgrid(np.arange(n), np.arange(n), np.arange(n), indexing="ij")
    distinct = (i_idx != j_idx) & (j_idx != k_idx) & (i_idx != k_idx)
    tri = np.where(distinct, tri, -1.0)
    ti, tj, tk = (int(x) for x in np.unravel_index(int(np.argmax(tri)), tri.shape))

    return AhpResult(
        labels=names,
        matrix=a,
        weights=weights,
        lambda_max=lam,
        consistency_index=ci,
        random_index=ri,
        consistency_ratio=cr,
        consistent=consistent,
        worst_pair=(names[pi], names[pj]),
        worst_pair_judged=float(a[pi, pj]),
        worst_pair_implied=float(implied[pi, pj]),
        worst_triple=(names[ti], names[tj], names[tk]),
    )
