"""Two options side by side: who wins each criterion, and the weight that would flip the result.

For the additive value model the score difference between two options is
`D = sum_k w_k d_k` with `d_k = v_a,k - v_b,k` (values 0-100, weights summing 1).
Set criterion j's weight to `t` and rescale the other weights in proportion so
they still sum to `1 - t`: `D(t) = r_j + t (d_j - r_j)`, where `r_j` is the
difference the other criteria make at their current proportions,
`r_j = sum_{k != j} w_k d_k / (1 - w_j)`. `D` is linear in `t`, so the crossing
`t* = r_j / (r_j - d_j)` is exact; the trailing option wins on the far side of
it when `0 < t* < 1`, and never otherwise.

When `w_j = 1` the other weights have no proportions to keep; they are taken
as equal shares.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.value import TIE_TOLERANCE, Overrides, value_matrix, weight_vector
from optionscope.model.scenario import Scenario

FloatArray = NDArray[np.float64]

Direction = Literal["above", "below"]


@dataclass(frozen=True)
class Crossing:
    """Where a criterion's weight makes the score difference of two options zero."""

    weight: float | None
    """The crossing weight (0-1), or None when the difference does not depend on it."""
    slope: float
    """dD/dt: how the difference (a minus b) changes as the weight rises."""


def crossing(weights: FloatArray, differences: FloatArray, j: int) -> Crossing:
    """The weight of criterion `j` at which `sum_k w_k d_k` is zero, other weights rescaled.

    `weights` are normalised (sum 1); `differences` are value differences a - b.
    """
    w = np.asarray(weights, dtype=np.float64)
    d = np.asarray(differences, dtype=np.float64)
    n = len(w)
    rest = 1.0 - float(w[j])
    others = np.ones(n, dtype=bool)
    others[j] = False
    if n == 1:
        r = 0.0
    elif rest > 1e-12:
        r = float(np.dot(w[others], d[others]) / rest)
    else:  # every other weight is zero: equal shares
        r = float(d[others].mean())
    slope = float(d[j]) - r
    if abs(slope) <= 1e-9 * max(1.0, float(np.abs(d).max())):
        return Crossing(None, 0.0)  # the difference does not depend on this weight
    return Crossing(-r / slope, slope)


@dataclass(frozen=True)
class CriterionDuel:
    """One criterion of a head-to-head comparison."""

    criterion: str
    name: str
    weight: float
    """Current normalised weight (0-1)."""
    value_a: float
    """Option a's value on this criterion (0-100)."""
    value_b: float
    weighted_difference: float
    """Weight x (value a - value b), in score points; positive favours a."""
    winner: str | None
    """The option that does better on this criterion, None when equal."""
    flip_weight: float | None
    """The weight (0-1) past which the option trailing overall would win; None: never."""
    flip_direction: Direction | None
    """Whether the trailing option wins above or below `flip_weight`."""
    favoured_by_more_weight: str | None
    """The option that gains as this criterion's weight rises (None: neither)."""


@dataclass(frozen=True)
class HeadToHead:
    """Two options compared criterion by criterion under the additive value model."""

    option_a: str
    option_b: str
    name_a: str
    name_b: str
    score_a: float
    score_b: float
    leader: str | None
    """The option ahead overall; None when they tie."""
    duels: list[CriterionDuel]

    @property
    def margin(self) -> float:
        """Score a minus score b."""
        return self.score_a - self.score_b

    @property
    def trailing(self) -> str | None:
        if self.leader is None:
            return None
        return self.option_b if self.leader == self.option_a else self.option_a

    def name(self, option_id: str) -> str:
        return self.name_a if option_id == self.option_a else self.name_b


def head_to_head(
    scenario: Scenario,
    weights: Mapping[str, float],
    option_a: str,
    option_b: str,
    overrides: Overrides | None = None,
    *,
    values: FloatArray | None = None,
) -> HeadToHead:
    """Compare two options of a scenario criterion by criterion (raw weights, normalised here)."""
    ids = scenario.option_ids
    for oid in (option_a, option_b):
        if oid not in ids:
            raise ValueError(f"unknown option '{oid}'")
    w = weight_vector(scenario, weights)
    v = value_matrix(scenario, overrides) if values is None else values
    ia, ib = ids.index(option_a), ids.index(option_b)
    d = v[ia] - v[ib]
    score_a = float(np.dot(w, v[ia]))
    score_b = float(np.dot(w, v[ib]))
    diff = score_a - score_b
    leader = None if abs(diff) <= TIE_TOLERANCE else (option_a if diff > 0 else option_b)
    duels: list[CriterionDuel] = []
    for j, criterion in enumerate(scenario.criteria):
        dj = float(d[j])
        winner = None if abs(dj) <= TIE_TOLERANCE else (option_a if dj > 0 else option_b)
        c = crossing(w, d, j)
        favoured = None
        if c.weight is not None:
            favoured = option_a if c.slope > 0 else option_b
        flip: float | None = None
        direction: Direction | None = None
        if leader is not None and c.weight is not None and 1e-9 < c.weight < 1 - 1e-9:
            # the trailing option wins on the far side of the crossing from the current weight
            flip = c.weight
            direction = "above" if c.weight > w[j] else "below"
        duels.append(
            CriterionDuel(
                criterion=criterion.id,
                name=criterion.name,
                weight=float(w[j]),
                value_a=float(v[ia, j]),
                value_b=float(v[ib, j]),
                weighted_difference=float(w[j] * dj),
                winner=winner,
                flip_weight=flip,
                flip_direction=direction,
                favoured_by_more_weight=favoured,
            )
        )
    return HeadToHead(
        option_a=option_a,
        option_b=option_b,
        name_a=scenario.option(option_a).name,
        name_b=scenario.option(option_b).name,
        score_a=score_a,
        score_b=score_b,
        leader=leader,
        duels=duels,
    )


def rescaled(weights: FloatArray, j: int, t: float) -> FloatArray:
    """Weights with criterion j set to t and the others rescaled in proportion (sum 1)."""
    w = np.asarray(weights, dtype=np.float64).copy()
    rest = 1.0 - float(w[j])
    n = len(w)
    if rest > 1e-12:
        scale = (1.0 - t) / rest
        out = w * scale
    else:
        out = np.full(n, (1.0 - t) / max(n - 1, 1))
    out[j] = t
    return out
