"""Dominance and value for money.

An option dominates another when it is at least as good on every criterion
and better on at least one, judged on the values (0-100) the additive model
gives the central performances: the same numbers the ranking adds up, so a
dominated option cannot rank first under the additive model with any weights
(unless tied). "Better" means by more than the value scale's tie tolerance
(for two costs, `TIE_RELATIVE` of the larger of the two: `cost_slack`): float noise
never makes one option beat another, and an option that costs less, however little
less, is cheaper (0 against 0.00002 beside costs of thousands).

Value for money: given a cost per option, an option is on the efficient
frontier when no other option has at least its value for at most its cost,
and is better on one of the two. The cost comes either from a `min` criterion
(its central performance; the value then leaves that criterion out, with the
remaining weights renormalised) or from the options' `costs` entries.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.cost_basis import StatedBasis, stated_costs
from optionscope.analysis.pairwise_dominance import (  # re-exported: callers import them here
    CHUNK_CELLS as CHUNK_CELLS,
)
from optionscope.analysis.pairwise_dominance import SPARSE_BELOW as SPARSE_BELOW
from optionscope.analysis.pairwise_dominance import dominance_matrix as dominance_matrix
from optionscope.analysis.pairwise_dominance import dominance_pairs as dominance_pairs
from optionscope.analysis.pairwise_dominance import (
    dominance_pairs_between as dominance_pairs_between,
)
from optionscope.analysis.pairwise_dominance import dominated_and_pairs as dominated_and_pairs
from optionscope.analysis.pairwise_dominance import dominated_mask as dominated_mask
from optionscope.analysis.pairwise_dominance import ordered_by_loser
from optionscope.analysis.ties import dominates, dominators_in_ties
from optionscope.analysis.topsis import BoolArray
from optionscope.analysis.value import (
    TIE_TOLERANCE,
    FloatArray,
    Overrides,
    performance_matrix,
    value_matrix,
    weight_vector,
)
from optionscope.model.costs import StatedTimings
from optionscope.model.results import TIE_RELATIVE
from optionscope.model.scenario import Scenario

IntArray = NDArray[np.intp]


@dataclass(frozen=True)
class DominatedOption:
    option: str
    name: str
    dominated_by: tuple[str, ...]
    dominated_by_names: tuple[str, ...]


@dataclass(frozen=True)
class Dominance:
    options: tuple[str, ...]
    winners: IntArray
    losers: IntArray
    """Option `winners[k]` dominates option `losers[k]` (positions), ordered by loser."""
    dominated: tuple[DominatedOption, ...]
    """Dominated options in scenario order, each with the options that dominate it (above
    `ALL_DOMINATORS_UP_TO` options, the undominated ones among them: see
    `by_undominated_only`)."""
    by_undominated_only: bool = False
    """Whether each dominated option lists only the undominated options that dominate it
    (and `winners`, `losers` hold only those pairs)."""

    @property
    def matrix(self) -> BoolArray:
        """`matrix[a, b]`: option a dominates option b (options x options booleans)."""
        m = len(self.options)
        out = np.zeros((m, m), dtype=bool)
        out[self.winners, self.losers] = True
        return out

    @property
    def undominated(self) -> tuple[str, ...]:
        gone = {d.option for d in self.dominated}
        return tuple(o for o in self.options if o not in gone)


LISTED_PAIRS = 250_000
"""Dominating pairs listed while they are found (4 MB; on many criteria there are few:
about 30,000 on 10,000 options and 12 criteria); beyond, only which options are dominated
is kept, and each is compared with the undominated options afterwards."""

ALL_DOMINATORS_UP_TO = 50
"""Up to this many options, each dominated option lists every option that dominates it;
above, the undominated ones among them. On few criteria nearly half of all pairs are
dominating ones (10,000 options on 3 criteria: some 25 million pairs, 1.4 GB and a 170 MB
table), while the undominated options are few."""


def dominated_options(scenario: Scenario, overrides: Overrides | None = None) -> Dominance:
    """Which options are dominated, and by which, on the values of central performances.

    Above `ALL_DOMINATORS_UP_TO` options, each dominated option is said to be dominated by
    the undominated options that dominate it: every dominated option has one (it is
    dominated by whatever dominates the option dominating it), but for ties within the
    tolerance, which can chain; an option that has none lists all its dominators."""
    values = value_matrix(scenario, overrides)
    maximise = np.ones(values.shape[1], dtype=bool)
    m = values.shape[0]
    undominated_only = m > ALL_DOMINATORS_UP_TO
    if undominated_only:
        dominated, pairs = dominated_and_pairs(values, maximise, TIE_TOLERANCE, LISTED_PAIRS)
        if pairs is not None:  # few: those whose winner is undominated
            keep = ~dominated[pairs[0]]
            winner, loser = pairs[0][keep], pairs[1][keep]
        else:  # too many to list: the dominated ones against the undominated ones
            winner, loser = dominance_pairs_between(
                values, maximise, TIE_TOLERANCE, np.flatnonzero(~dominated),
                np.flatnonzero(dominated),
            )  # fmt: skip
        lacking = np.setdiff1d(np.flatnonzero(dominated), loser)
        if lacking.size:  # dominated only through chains of ties: by all its dominators
            more = dominance_pairs_between(values, maximise, TIE_TOLERANCE, np.arange(m), lacking)
            winner, loser = ordered_by_loser([(winner, loser), more])
    else:
        winner, loser = dominance_pairs(values, maximise, TIE_TOLERANCE)
    ids, names = scenario.option_ids, [o.name for o in scenario.options]
    out = []
    # (dominated, dominating) pairs in that order: each option's dominators in one run, a
    # slice of one list (3,000 runs of 30,000 pairs on 10,000 options)
    winners, losers = winner.tolist(), loser.tolist()
    bounds = (np.flatnonzero(np.diff(loser)) + 1).tolist()
    for start, stop in zip([0, *bounds], [*bounds, len(losers)], strict=True) if losers else []:
        by, k = winners[start:stop], losers[start]
        out.append(
            DominatedOption(
                option=ids[k],
                name=names[k],
                dominated_by=tuple(map(ids.__getitem__, by)),
                dominated_by_names=tuple(map(names.__getitem__, by)),
            )
        )
    return Dominance(
        options=tuple(ids),
        winners=winner,
        losers=loser,
        dominated=tuple(out),
        by_undominated_only=undominated_only,
    )


# Value for money --------------------------------------------------------------


def cost_tolerance(cost: FloatArray) -> FloatArray:
    """How far each cost may move and stay tied to itself: TIE_RELATIVE x its magnitude.

    Relative to each cost, not to the largest: 0.00002 beside costs of thousands is a
    cost, not float noise, and costs read the same in any unit (EUR or EUR million)."""
    return np.asarray(TIE_RELATIVE * np.abs(np.asarray(cost, dtype=np.float64)))


def cost_slack(a: FloatArray | float, b: FloatArray | float, cost_tol: float | None) -> FloatArray:
    """The tie tolerance between costs `a` and `b` (broadcast): `cost_tol` when given,
    else `cost_tolerance` of the larger in magnitude, so 0 ties only with 0."""
    if cost_tol is not None:
        return np.asarray(cost_tol, dtype=np.float64)
    return cost_tolerance(np.maximum(np.abs(a), np.abs(b)))


def beats_on_value_for_cost(
    value: FloatArray,
    cost: FloatArray,
    value_tolerance: float = TIE_TOLERANCE,
    cost_tol: float | None = None,
) -> BoolArray:
    """`B[a, b]`: option a gives at least b's value for at most its cost, and is better on one.

    Values within `value_tolerance` (the value scale's tie tolerance) and costs
    within `cost_tol` (default: `cost_slack` of the two) are ties.
    """
    v = np.asarray(value, dtype=np.float64)
    c = np.asarray(cost, dtype=np.float64)
    ct = cost_slack(c[:, None], c[None, :], cost_tol)
    dv = v[:, None] - v[None, :]
    dc = c[:, None] - c[None, :]
    at_least = (dv >= -value_tolerance) & (dc <= ct)
    better = (dv > value_tolerance) | (dc < -ct)
    return np.asarray(at_least & better)


def efficient_frontier(
    value: FloatArray,
    cost: FloatArray,
    value_tolerance: float = TIE_TOLERANCE,
    cost_tol: float | None = None,
) -> BoolArray:
    """True for options that no other option beats (`beats_on_value_for_cost`): a skyline.

    The options are sorted by cost once: a beats b either by being no dearer (within the
    cost tolerance) and better on value, or by being cheaper and no worse on value. The
    options no dearer than b, and those cheaper, are each a prefix of the cost order
    (the computed difference of costs grows with the cost), found by binary search, and
    the best value in each prefix decides: O(m log m) time and O(m) memory, the same
    answer as comparing every pair. (Less the tolerance of the two costs, their difference
    still grows with the dearer one: the tolerance grows at a rate of `TIE_RELATIVE`.)
    """
    v = np.asarray(value, dtype=np.float64)
    c = np.asarray(cost, dtype=np.float64)
    if not (np.all(np.isfinite(v)) and np.all(np.isfinite(c))):  # no order to rely on
        return np.asarray(~beats_on_value_for_cost(v, c, value_tolerance, cost_tol).any(axis=0))
    vt = value_tolerance
    if v.size == 0:
        return np.zeros(0, dtype=bool)
    order = np.argsort(c, kind="stable")
    by_cost = c[order]
    best = np.maximum.accumulate(v[order])  # best value among the k + 1 cheapest
    no_dearer = _prefix_lengths(by_cost, lambda x: x - c <= cost_slack(x, c, cost_tol))
    cheaper = _prefix_lengths(by_cost, lambda x: x - c < -cost_slack(x, c, cost_tol))
    better_value = (no_dearer > 0) & (best[np.maximum(no_dearer - 1, 0)] - v > vt)
    no_worse = (cheaper > 0) & (best[np.maximum(cheaper - 1, 0)] - v >= -vt)
    return np.asarray(~(better_value | no_worse))


def _prefix_lengths(ordered: FloatArray, holds: Callable[[FloatArray], BoolArray]) -> IntArray:
    """For each option, how many of `ordered` satisfy `holds` (true on a prefix of them):
    a binary search for every option at once."""
    m = ordered.size
    lo = np.zeros(m, dtype=np.intp)
    hi = np.full(m, m, dtype=np.intp)
    while True:
        active = lo < hi
        if not active.any():
            return lo
        mid = (lo + hi) // 2
        ok = holds(ordered[np.minimum(mid, m - 1)])
        lo = np.where(active & ok, mid + 1, lo)
        hi = np.where(active & ~ok, mid, hi)


ALL_BEATERS_UP_TO = 50
"""Up to this many options, each option's `beaten_by` lists every option that beats it on
value for cost; above, only the efficient ones among them: the full lists grow with the
square of the options (10,000 options: some 50 million names, 4 GB, a minute and a half)."""


def beaten_by(
    value: FloatArray, cost: FloatArray, option: int, value_tolerance: float = TIE_TOLERANCE,
    cost_tol: float | None = None,
) -> IntArray:  # fmt: skip
    """The options that beat `option` (a column of `beats_on_value_for_cost`), in O(m)."""
    v = np.asarray(value, dtype=np.float64)
    c = np.asarray(cost, dtype=np.float64)
    return _beating(v, c, float(v[option]), float(c[option]), value_tolerance, cost_tol)


def _beating(
    v: FloatArray, c: FloatArray, value: float, cost: float, value_tolerance: float,
    cost_tol: float | None,
) -> IntArray:  # fmt: skip
    """The options with at least `value` for at most `cost`, better on one (tolerances)."""
    dv = v - value
    dc = c - cost
    ct = cost_slack(c, cost, cost_tol)
    at_least = (dv >= -value_tolerance) & (dc <= ct)
    better = (dv > value_tolerance) | (dc < -ct)
    return np.flatnonzero(at_least & better)


@dataclass(frozen=True)
class CostPoint:
    option: str
    name: str
    value: float
    """Additive value score (0-100), without the cost criterion when the cost is one."""
    cost: float
    efficient: bool
    beaten_by: tuple[str, ...]
    """Options with at least as much value for at most the cost (better on one); above
    `ALL_BEATERS_UP_TO` options, the efficient ones among them only."""


@dataclass(frozen=True)
class FrontierStep:
    """Moving along the frontier from a cheaper option to the next dearer one."""

    from_option: str
    to_option: str
    extra_value: float
    extra_cost: float

    @property
    def value_per_cost(self) -> float:
        return self.extra_value / self.extra_cost if self.extra_cost > 0 else float("inf")


@dataclass(frozen=True)
class CostFrontier:
    cost_label: str
    unit: str
    value_basis: str
    """What the value is, in words."""
    points: tuple[CostPoint, ...]
    """Every option, in scenario order."""
    frontier: tuple[str, ...]
    """Efficient options, cheapest first."""
    steps: tuple[FrontierStep, ...]
    """Consecutive frontier options: what the extra cost buys."""
    stated: StatedBasis | None = None
    """For stated costs: the basis they are on (None when the cost is a criterion)."""

    @property
    def beaten_by_efficient_only(self) -> bool:
        """Whether each point's `beaten_by` lists the efficient options only."""
        return len(self.points) > ALL_BEATERS_UP_TO


def value_cost_frontier(
    scenario: Scenario,
    weights: Mapping[str, float],
    *,
    cost_criterion: str | None = None,
    cost_label: str | None = None,
    timing: StatedTimings | None = None,
    overrides: Overrides | None = None,
) -> CostFrontier:
    """Value against cost for every option, and the efficient frontier.

    With `cost_criterion` (a `min` criterion, e.g. annual cost) the cost is the
    central performance on it and the value leaves it out. Otherwise each
    option's cost is its stated total (`analysis.cost_basis.stated_costs`: the entry
    labelled `cost_label`, else its first total, an addition converted to a total; only
    costs of `timing` when given), on one basis or refused.
    """
    values = value_matrix(scenario, overrides)
    w = weight_vector(scenario, weights)
    names = [o.name for o in scenario.options]
    stated: StatedBasis | None = None
    if cost_criterion is not None:
        if cost_criterion not in scenario.criterion_ids:
            raise ValueError(f"unknown criterion '{cost_criterion}'")
        j = scenario.criterion_ids.index(cost_criterion)
        criterion = scenario.criteria[j]
        if criterion.direction != "min":
            raise ValueError(
                f"criterion '{cost_criterion}' is to be maximised; a cost criterion has "
                "direction min"
            )
        rest = w.copy()
        rest[j] = 0.0
        if rest.sum() <= 0:
            raise ValueError("every weight is on the cost criterion; there is no value left")
        value = values @ (rest / rest.sum())
        cost = performance_matrix(scenario, overrides)[:, j]
        label, unit = criterion.name, criterion.unit
        basis = f"additive value without {criterion.name}"
    else:
        amounts, stated, label = stated_costs(scenario, label=cost_label, timing=timing)
        cost = np.array(amounts)
        unit = stated.unit
        declared = scenario.cost_criterion
        rest = w.copy()
        if declared is not None:
            # The costs are set against value: a criterion that measures money too
            # would count the cost twice.
            rest[scenario.criterion_ids.index(declared)] = 0.0
        if declared is not None and rest.sum() > 0:
            value = values @ (rest / rest.sum())
            basis = f"additive value without {scenario.criterion(declared).name}"
        else:
            value = values @ w
            basis = "additive value"
    unbeaten = efficient_frontier(value, cost)
    at_point = _dominated_at_one_point(values, value, cost, unbeaten)
    efficient = unbeaten & ~at_point
    m = len(scenario.options)
    efficient_only = m > ALL_BEATERS_UP_TO
    on_frontier = np.flatnonzero(efficient)
    frontier_value, frontier_cost = value[on_frontier], cost[on_frontier]
    points = []
    for i, option in enumerate(scenario.options):
        if efficient[i]:
            beaten: list[int] = []
        elif at_point[i]:  # the options at its point that dominate it
            same = np.flatnonzero(
                unbeaten
                & (np.abs(value - value[i]) <= TIE_TOLERANCE)
                & (np.abs(cost - cost[i]) <= cost_slack(cost, cost[i], None))
            )
            beaten = same[dominates(values[same] - values[i])].tolist()
        elif efficient_only:  # the efficient options that beat it, in scenario order
            at = _beating(frontier_value, frontier_cost, float(value[i]), float(cost[i]),
                          TIE_TOLERANCE, None)  # fmt: skip
            beaten = on_frontier[at].tolist()
        else:
            beaten = beaten_by(value, cost, i).tolist()
        points.append(
            CostPoint(
                option=option.id,
                name=names[i],
                value=float(value[i]),
                cost=float(cost[i]),
                efficient=bool(efficient[i]),
                beaten_by=tuple(scenario.options[k].id for k in beaten if k != i),
            )
        )
    order = sorted((i for i in range(m) if efficient[i]), key=lambda i: (cost[i], -value[i]))
    steps = tuple(
        FrontierStep(
            from_option=scenario.options[a].id,
            to_option=scenario.options[b].id,
            extra_value=float(value[b] - value[a]),
            extra_cost=float(cost[b] - cost[a]),
        )
        for a, b in itertools.pairwise(order)
    )
    return CostFrontier(
        cost_label=label,
        unit=unit,
        value_basis=basis,
        points=tuple(points),
        frontier=tuple(scenario.options[i].id for i in order),
        steps=steps,
        stated=stated,
    )


def _dominated_at_one_point(
    values: FloatArray, value: FloatArray, cost: FloatArray, efficient: BoolArray
) -> BoolArray:
    """Efficient options at one point with another (value and cost tied) that dominates them
    on the criteria (a weight of zero can hide the difference): they add nothing to the
    frontier, and one that is dominated is never called efficient."""
    out = np.zeros(value.size, dtype=bool)
    ef = np.flatnonzero(efficient)
    if ef.size < 2:
        return out
    ef = ef[np.lexsort((value[ef], cost[ef]))]
    c = cost[ef]
    dearer = np.diff(c) > cost_slack(c[1:], c[:-1], None)
    new_point = np.r_[True, dearer | (np.abs(np.diff(value[ef])) > TIE_TOLERANCE)]
    ranks = np.arange(value.size) + ef.size + 1  # every other option alone
    ranks[ef] = np.cumsum(new_point)
    count = dominators_in_ties(ranks, values)
    return out if count is None else np.asarray(count > 0)
