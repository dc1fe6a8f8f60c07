"""What would have to be true for an option to rank first: the smallest change of the
normalised weight vector, in L1 distance, that makes it first, found by linear
programming (scipy's HiGHS). "First" is strict by `epsilon` score points by default, or
weak (ties allowed). `analysis.sensitivity` re-exports these names; `analysis.overturn`
asks it of many options at once.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.value import (
    TIE_TOLERANCE,
    FloatArray,
    Overrides,
    value_matrix,
    weight_vector,
)
from optionscope.model.scenario import Scenario

CUTTING_PLANES_ABOVE = 256
"""With more rivals than this, the programme starts from the strongest rivals and adds
the others only where the solution breaks their constraint (the answer is the same)."""
CUT_BATCH = 64
"""Rivals added at each round of the cutting-plane loop (the most violated first)."""


def min_l1_weight_change(
    values: FloatArray, weights: FloatArray, option: int, margin: float = 0.0
) -> FloatArray | None:
    """The weights nearest to `weights` (L1) under which `option` leads all others by `margin`.

    Solves: min sum |w - w0| s.t. sum w = 1, w >= 0, (V_k - V_i) . w >= margin for i != k,
    as a linear programme with HiGHS. Returns None when no weights qualify.

    With many options, most rival constraints are slack at the optimum: the programme
    is solved on the strongest rivals at `weights`, and every rival whose constraint the
    solution breaks is added until none does. A solution that keeps every constraint and
    is optimal on a subset of them is optimal on all, so the distance is the same as with
    every constraint at once, at a cost linear in the number of options.
    """
    v = np.asarray(values, dtype=np.float64)
    w0 = np.asarray(weights, dtype=np.float64)
    m = v.shape[0]
    others = np.delete(np.arange(m, dtype=np.int64), option)
    if others.size <= CUTTING_PLANES_ABOVE:
        return _solve_l1(v, w0, option, others, margin)
    gaps = v[others] @ w0  # rivals' scores: the strongest bind first
    active = others[np.argsort(-gaps, kind="stable")[:CUT_BATCH]]
    tolerance = 1e-9 * max(1.0, float(np.abs(v).max()))
    while True:
        w = _solve_l1(v, w0, option, active, margin)
        if w is None:
            return None
        broken = (v[others] - v[option]) @ w + margin
        outside = np.setdiff1d(others[broken > tolerance], active, assume_unique=True)
        if outside.size == 0:
            return w
        worst = outside[np.argsort(-((v[outside] - v[option]) @ w), kind="stable")]
        active = np.concatenate([active, worst[:CUT_BATCH]])


def _solve_l1(
    v: FloatArray, w0: FloatArray, option: int, rivals: NDArray[np.int64], margin: float
) -> FloatArray | None:
    # Deferred: importing scipy.optimize costs about 0.2 s of start-up.
    linprog = importlib.import_module("scipy.optimize").linprog

    n = v.shape[1]
    eye = np.eye(n)
    # Variables: w (n), d (n) with d >= |w - w0|.
    a_ub = [np.hstack([eye, -eye]), np.hstack([-eye, -eye])]
    b_ub = [w0, -w0]
    if rivals.size:
        a_ub.append(np.hstack([v[rivals] - v[option], np.zeros((rivals.size, n))]))
        b_ub.append(np.full(rivals.size, -margin))
    result = linprog(
        c=np.concatenate([np.zeros(n), np.ones(n)]),
        A_ub=np.vstack(a_ub),
        b_ub=np.concatenate(b_ub),
        A_eq=np.concatenate([np.ones(n), np.zeros(n)])[None, :],
        b_eq=np.array([1.0]),
        bounds=[(0.0, 1.0)] * n + [(0.0, None)] * n,
        method="highs",
    )
    if result.status != 0 or result.x is None:
        return None
    w = np.clip(np.asarray(result.x[:n], dtype=np.float64), 0.0, None)
    return np.asarray(w / w.sum())


@dataclass(frozen=True)
class WeightShift:
    criterion: str
    name: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class WeightChange:
    """What the weights would have to be for an option to rank first."""

    option: str
    option_name: str
    possible: bool
    already_first: bool
    strict: bool
    epsilon: float
    """Required lead in score points when `strict`."""
    distance: float | None
    """L1 distance between the normalised weight vectors (0 to 2); None when impossible."""
    before: dict[str, float]
    after: dict[str, float] | None
    shifts: tuple[WeightShift, ...]
    """Criteria whose weight changes, largest change first."""
    blocked_by: tuple[str, ...]
    """Options that on their own make it impossible (at least as good on every criterion)."""
    names: dict[str, str] = field(default_factory=dict)
    """Option id -> name."""

    @property
    def up(self) -> tuple[WeightShift, ...]:
        return tuple(s for s in self.shifts if s.delta > 0)

    @property
    def down(self) -> tuple[WeightShift, ...]:
        return tuple(s for s in self.shifts if s.delta < 0)


def what_would_have_to_be_true(
    scenario: Scenario,
    weights: Mapping[str, float],
    option: str,
    *,
    strict: bool = True,
    epsilon: float = 0.01,
    overrides: Overrides | None = None,
    values: FloatArray | None = None,
) -> WeightChange:
    """The smallest L1 change of the normalised weights that puts `option` first.

    `strict`: first by at least `epsilon` score points (0-100 scale); otherwise
    a tie for first is enough. `values`: the value matrix, when the caller asks
    about many options (it is then built once, not once per option).
    """
    try:
        k = scenario.option_position(option)
    except KeyError:
        raise ValueError(f"unknown option '{option}'") from None
    if epsilon < 0 or not np.isfinite(epsilon):
        raise ValueError("epsilon must be a non-negative number")
    margin = epsilon if strict else 0.0
    w0 = weight_vector(scenario, weights)
    v = value_matrix(scenario, overrides) if values is None else values
    crit_ids = scenario.criterion_ids
    before = {cid: float(w0[j]) for j, cid in enumerate(crit_ids)}
    opt = scenario.options[k]
    others = np.delete(np.arange(len(scenario.options)), k)
    leads = (v[k] - v[others]) @ w0 if others.size else np.zeros(0)
    if np.all(leads >= margin - TIE_TOLERANCE):
        return WeightChange(
            option=option,
            option_name=opt.label,
            possible=True,
            already_first=True,
            strict=strict,
            epsilon=epsilon,
            distance=0.0,
            before=before,
            after=dict(before),
            shifts=(),
            blocked_by=(),
        )
    w = min_l1_weight_change(v, w0, k, margin)
    if w is None:
        best_gain = (v[k] - v[others]).max(axis=1)
        blocking = [
            scenario.options[i] for i, gain in zip(others, best_gain, strict=True)
            if gain < margin - TIE_TOLERANCE
        ]  # fmt: skip
        blockers = tuple(o.id for o in blocking)
        names = {o.id: o.name for o in blocking}
        return WeightChange(
            option=option,
            option_name=opt.label,
            possible=False,
            already_first=False,
            strict=strict,
            epsilon=epsilon,
            distance=None,
            before=before,
            after=None,
            shifts=(),
            blocked_by=blockers,
            names=names,
        )
    shifts = [
        WeightShift(c.id, c.name, float(w0[j]), float(w[j]))
        for j, c in enumerate(scenario.criteria)
        if abs(w[j] - w0[j]) > 1e-6
    ]
    shifts.sort(key=lambda s: -abs(s.delta))
    return WeightChange(
        option=option,
        option_name=opt.label,
        possible=True,
        already_first=False,
        strict=strict,
        epsilon=epsilon,
        distance=float(np.abs(w - w0).sum()),
        before=before,
        after={cid: float(w[j]) for j, cid in enumerate(crit_ids)},
        shifts=tuple(shifts),
        blocked_by=(),
    )
