"""Which options are nearest to first: what would have to be true, for many options at once.

Asking "what would have to be true" of every other option solves one linear
programme per option, each over every option: quadratic in the number of
options. `nearest_changes` answers for every option when there are at most
`limit` of them, and otherwise for the `limit` options nearest to first,
exactly: each option's distance has a cheap lower bound (the leader alone
must be overtaken, and moving weight d changes the gap by at most d/2 times
the spread of the option's value differences with the leader), options are
solved in order of that bound, and the search stops once the bound of the next
one exceeds the distance of the `limit`-th nearest found.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from optionscope.analysis.value import (
    FloatArray,
    Overrides,
    leader_index,
    value_matrix,
    weight_vector,
)
from optionscope.analysis.weight_change import WeightChange, what_would_have_to_be_true
from optionscope.model.scenario import Scenario

CHANGES_SHOWN = 20
"""Options a sensitivity analysis answers for unless asked about others by name."""


@dataclass(frozen=True)
class NearestChanges:
    changes: tuple[WeightChange, ...]
    """In scenario order: every other option, or the `limit` nearest to first."""
    left_out: int
    """Other options not answered for (0 when every one is)."""


def distance_lower_bounds(values: FloatArray, weights: FloatArray, margin: float) -> FloatArray:
    """For each option, a lower bound of the L1 weight change that puts it first.

    Only the leader is considered: d = v_k - v_leader must reach `margin` on the
    weights, and moving weight d changes d . w by at most d/2 (max d - min d).
    Infinite when no weighting lets the option overtake the leader.
    """
    w0 = np.asarray(weights, dtype=np.float64)
    scores = values @ w0
    d = values - values[leader_index(scores, values)]
    need = margin - d @ w0
    spread = d.max(axis=1) - d.min(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        bound = np.where(need <= 0, 0.0, 2.0 * need / spread)
    bound[(need > 0) & ((spread <= 0) | (d.max(axis=1) < margin))] = np.inf
    return np.asarray(bound, dtype=np.float64)


def nearest_changes(
    scenario: Scenario,
    weights: Mapping[str, float],
    *,
    limit: int = CHANGES_SHOWN,
    strict: bool = True,
    epsilon: float = 0.01,
    overrides: Overrides | None = None,
) -> NearestChanges:
    """What would have to be true for the other options, at most `limit` of them, nearest first."""
    v = value_matrix(scenario, overrides)
    w0 = weight_vector(scenario, weights)
    leader = leader_index(v @ w0, v)
    others = [i for i in range(len(scenario.options)) if i != leader]

    def answer(i: int) -> WeightChange:
        return what_would_have_to_be_true(
            scenario,
            weights,
            scenario.options[i].id,
            strict=strict,
            epsilon=epsilon,
            overrides=overrides,
            values=v,
        )

    if len(others) <= limit:
        return NearestChanges(tuple(answer(i) for i in others), 0)
    bounds = distance_lower_bounds(v, w0, epsilon if strict else 0.0)
    bounds[leader] = np.nan
    order = [i for i in np.argsort(bounds, kind="stable").tolist() if i != leader]
    found: dict[int, WeightChange] = {}
    distance: dict[int, float] = {}
    for i in order:
        if len(found) >= limit and not bounds[i] < sorted(distance.values())[limit - 1]:
            break
        change = found[i] = answer(i)
        distance[i] = np.inf if change.distance is None else change.distance
    nearest = sorted(found, key=lambda i: (distance[i], i))[:limit]
    return NearestChanges(tuple(found[i] for i in sorted(nearest)), len(others) - len(nearest))
