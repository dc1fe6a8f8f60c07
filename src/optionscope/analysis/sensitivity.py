"""How far the additive ranking can be pushed: stability, tornado, what would have to be true.

Stability intervals. For criterion j, w_j is swept over [0, 1] as t, and the
other weights keep their proportions: w_k(t) = w_k (1 - t) / (1 - w_j). Each
option's score is then a straight line in t, S_i(t) = a_i + b_i t, so the
leader over [0, 1] is the upper envelope of m lines and its breakpoints are
computed exactly, not by sampling. When w_j = 1 the other weights are all
zero and have no proportions; the sweep then spreads 1 - t equally over them.

Tornado (analysis/tornado.py, its names re-exported here). For each option and
criterion, the option's score with that assessment at its low end and at its
high end (everything else central); for each criterion, the leader's margin
over its best rival when only that criterion's assessments move.

What would have to be true (analysis/weight_change.py, its names re-exported here).
For an option, the smallest change of the normalised weight vector, in L1 distance,
that makes it first, found by linear programming (scipy's HiGHS). "First" is strict
by `epsilon` score points by default, or weak (ties allowed).

What-if overrides state a value: an overridden assessment has no range here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from optionscope.analysis.tornado import (  # re-exported: views import them from here
    MarginSwing as MarginSwing,
)
from optionscope.analysis.tornado import Tornado as Tornado
from optionscope.analysis.tornado import TornadoBar as TornadoBar
from optionscope.analysis.tornado import tornado as tornado
from optionscope.analysis.tornado import value_range as value_range
from optionscope.analysis.value import (
    TIE_TOLERANCE,
    FloatArray,
    Overrides,
    leader_index,
    value_matrix,
    weight_vector,
)
from optionscope.analysis.weight_change import (  # re-exported: views import them here
    CUTTING_PLANES_ABOVE as CUTTING_PLANES_ABOVE,
)
from optionscope.analysis.weight_change import WeightChange as WeightChange
from optionscope.analysis.weight_change import WeightShift as WeightShift
from optionscope.analysis.weight_change import min_l1_weight_change as min_l1_weight_change
from optionscope.analysis.weight_change import (
    what_would_have_to_be_true as what_would_have_to_be_true,
)
from optionscope.model.scenario import Scenario

EQUAL_SPREAD_BELOW = 1e-12
"""If the other weights add up to less than this, the sweep spreads 1 - t equally over them."""


# Stability intervals: kernels -------------------------------------------------


def sweep_lines(values: FloatArray, weights: FloatArray, j: int) -> tuple[FloatArray, FloatArray]:
    """Intercepts a and slopes b with S_i(t) = a_i + b_i t when w_j is swept as t.

    `values` is options x criteria (0-100), `weights` normalised.
    """
    v = np.asarray(values, dtype=np.float64)
    n = v.shape[1]
    if n == 1:
        return v[:, 0].copy(), np.zeros(v.shape[0])
    rest = np.array(weights, dtype=np.float64)
    rest[j] = 0.0
    total = rest.sum()
    if total < EQUAL_SPREAD_BELOW:
        rest = np.ones(n)
        rest[j] = 0.0
        total = float(n - 1)
    base = v @ (rest / total)
    return base, v[:, j] - base


def upper_envelope(
    intercepts: FloatArray, slopes: FloatArray, tolerance: float = TIE_TOLERANCE
) -> list[tuple[float, float, tuple[int, ...]]]:
    """The leading line(s) over t in [0, 1]: `(start, end, leaders)` segments, exact breakpoints.

    `leaders` holds more than one index only when lines coincide over the segment.
    At a breakpoint the new leader is the one that leads just after it.
    """
    a = np.asarray(intercepts, dtype=np.float64)
    b = np.asarray(slopes, dtype=np.float64)
    segments: list[tuple[float, float, tuple[int, ...]]] = []
    t = 0.0
    for _ in range(a.size + 1):
        s = a + b * t
        top = s.max()
        cand = np.flatnonzero(s >= top - tolerance)
        b_lead = b[cand].max()
        lead = cand[b[cand] >= b_lead - tolerance]
        s_lead = float(s[lead].max())
        faster = np.flatnonzero(b > b_lead + tolerance)
        t_next = np.inf
        if faster.size:
            t_next = float((t + (s_lead - s[faster]) / (b[faster] - b_lead)).min())
        leaders = tuple(int(i) for i in lead)
        if t_next >= 1.0 or t_next <= t:
            segments.append((t, 1.0, leaders))
            break
        segments.append((t, t_next, leaders))
        t = t_next
    return segments


def leader_interval(
    intercepts: FloatArray,
    slopes: FloatArray,
    leader: int,
    tolerance: float = TIE_TOLERANCE,
) -> tuple[float, float]:
    """The t-interval within [0, 1] where `leader` scores at least as much as every other line."""
    a = np.asarray(intercepts, dtype=np.float64)
    b = np.asarray(slopes, dtype=np.float64)
    da, db = a[leader] - a, b[leader] - b
    rising, falling = db > tolerance, db < -tolerance
    rising[leader] = falling[leader] = False
    # Every crossing at once (an option at a time took most of the time on 10,000 options);
    # the first extreme crossing, as a running max/min keeps it (-0.0 and 0.0 are alike)
    up, down = -da[rising] / db[rising], -da[falling] / db[falling]
    lo = up[up.argmax()] if up.size else 0.0
    hi = down[down.argmin()] if down.size else 1.0
    return (lo if lo > 0.0 else 0.0), (hi if hi < 1.0 else 1.0)


# Stability intervals: scenario level -----------------------------------------


@dataclass(frozen=True)
class LeaderSegment:
    """A stretch of one criterion's weight over which the same option(s) lead."""

    start: float
    end: float
    leaders: tuple[str, ...]
    """Option ids; more than one only when their scores coincide all along."""
    names: tuple[str, ...]


@dataclass(frozen=True)
class CriterionStability:
    """How far one criterion's weight can move before the leader changes."""

    criterion: str
    name: str
    weight: float
    """The current normalised weight."""
    leader: str
    leader_name: str
    lower: float
    """The lowest weight at which the leader is still (weakly) first."""
    upper: float
    """The highest weight at which the leader is still (weakly) first."""
    below: LeaderSegment | None
    """Who leads just below `lower` (None when `lower` is 0)."""
    above: LeaderSegment | None
    """Who leads just above `upper` (None when `upper` is 1)."""
    segments: tuple[LeaderSegment, ...]
    """Leaders over the whole sweep [0, 1], with exact breakpoints."""

    @property
    def robust(self) -> bool:
        """The leader stays first whatever this criterion's weight."""
        return self.lower <= 0.0 and self.upper >= 1.0

    @property
    def room(self) -> float:
        """Distance from the current weight to the nearer edge where the leader changes."""
        gaps = []
        if self.lower > 0.0:
            gaps.append(self.weight - self.lower)
        if self.upper < 1.0:
            gaps.append(self.upper - self.weight)
        return min(gaps) if gaps else float("inf")


@dataclass(frozen=True)
class StabilityAnalysis:
    """Stability intervals of the current leader for every criterion's weight."""

    leader: str
    leader_name: str
    weights: dict[str, float]
    criteria: tuple[CriterionStability, ...]
    tied_with: tuple[str, ...] = ()
    """The options tied with the leader for first at these weights (scores within the tie
    tolerance), in the scenario's order: the leader is then the first of them, and its
    intervals are where it stays first or tied for first."""

    def for_criterion(self, criterion_id: str) -> CriterionStability:
        for c in self.criteria:
            if c.criterion == criterion_id:
                return c
        raise KeyError(criterion_id)

    def most_sensitive(self) -> CriterionStability | None:
        """The criterion whose weight needs the smallest move to change the leader."""
        finite = [c for c in self.criteria if c.room != float("inf")]
        return min(finite, key=lambda c: c.room) if finite else None


def _segment(scenario: Scenario, start: float, end: float, idx: tuple[int, ...]) -> LeaderSegment:
    options = scenario.options
    return LeaderSegment(
        start=start,
        end=end,
        leaders=tuple(options[i].id for i in idx),
        names=tuple(options[i].label for i in idx),
    )


def _segment_at(segments: tuple[LeaderSegment, ...], t: float) -> LeaderSegment:
    for seg in segments:
        if seg.start <= t <= seg.end:
            return seg
    return segments[-1]


def stability_intervals(
    scenario: Scenario, weights: Mapping[str, float], overrides: Overrides | None = None
) -> StabilityAnalysis:
    """For each criterion, the range of its weight over which the current leader stays first."""
    w = weight_vector(scenario, weights)
    v = value_matrix(scenario, overrides)
    scores = v @ w
    leader = leader_index(scores, v)
    tied = np.flatnonzero(np.abs(scores - scores[leader]) <= TIE_TOLERANCE)
    out = []
    for j, criterion in enumerate(scenario.criteria):
        a, b = sweep_lines(v, w, j)
        segments = tuple(_segment(scenario, s, e, idx) for s, e, idx in upper_envelope(a, b))
        lo, hi = leader_interval(a, b, leader)
        lo, hi = min(lo, float(w[j])), max(hi, float(w[j]))
        out.append(
            CriterionStability(
                criterion=criterion.id,
                name=criterion.name,
                weight=float(w[j]),
                leader=scenario.options[leader].id,
                leader_name=scenario.options[leader].label,
                lower=float(lo),
                upper=float(hi),
                below=_segment_at(segments, lo - 1e-9) if lo > 0.0 else None,
                above=_segment_at(segments, hi + 1e-9) if hi < 1.0 else None,
                segments=segments,
            )
        )
    return StabilityAnalysis(
        leader=scenario.options[leader].id,
        leader_name=scenario.options[leader].label,
        weights={cid: float(w[j]) for j, cid in enumerate(scenario.criterion_ids)},
        criteria=tuple(out),
        tied_with=tuple(scenario.options[i].id for i in tied if i != leader),
    )


@dataclass(frozen=True)
class WeightSweep:
    """Every option's score as one criterion's weight is swept over [0, 1] (for charts)."""

    criterion: str
    name: str
    weight: float
    """The current weight (where the sweep passes through today's scores)."""
    t: FloatArray
    """Weights of the criterion at which scores are sampled."""
    options: tuple[str, ...]
    scores: FloatArray
    """options x len(t)."""
    breakpoints: tuple[float, ...]
    """Exact weights where the leader changes."""


def weight_sweep(
    scenario: Scenario,
    weights: Mapping[str, float],
    criterion: str,
    *,
    samples: int = 101,
    overrides: Overrides | None = None,
) -> WeightSweep:
    """Scores of every option on a grid of `samples` weights of `criterion` from 0 to 1."""
    if samples < 2:
        raise ValueError("a sweep needs at least 2 samples")
    j = scenario.criterion_ids.index(criterion) if criterion in scenario.criterion_ids else -1
    if j < 0:
        raise ValueError(f"unknown criterion '{criterion}'")
    w = weight_vector(scenario, weights)
    v = value_matrix(scenario, overrides)
    a, b = sweep_lines(v, w, j)
    t = np.linspace(0.0, 1.0, samples)
    return WeightSweep(
        criterion=criterion,
        name=scenario.criteria[j].name,
        weight=float(w[j]),
        t=t,
        options=tuple(scenario.option_ids),
        scores=a[:, None] + b[:, None] * t[None, :],
        breakpoints=tuple(s for s, _, _ in upper_envelope(a, b)[1:]),
    )
