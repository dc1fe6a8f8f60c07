"""Why the ranking is what it is: the leader, its margin, and the criteria that carry it.

Data only; `optionscope.present.ranking` says it in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from optionscope.model.results import Ranking, ScoreScale
from optionscope.model.scenario import Scenario

if TYPE_CHECKING:
    from optionscope.analysis.sensitivity import MarginSwing


@dataclass(frozen=True)
class CriterionPart:
    criterion: str
    name: str
    difference: float
    """Leader's contribution minus the runner-up's, on the ranking's scale."""


@dataclass(frozen=True)
class LeadExplanation:
    leader: str
    leader_name: str
    leader_score: float
    runner_up: str | None
    runner_up_name: str | None
    margin: float
    tied: bool
    carried_by: list[CriterionPart]
    """Criteria where the leader gains most on the runner-up, largest first."""
    against: list[CriterionPart]
    """Criteria where the runner-up does better, largest first."""
    scale: ScoreScale
    """The scale of the scores, margin and parts."""
    tied_names: tuple[str, ...] = ()
    """Every option tied for first (labels, ranking order); empty without a tie."""
    runner_up_score: float | None = None
    tied_with_runner_up: tuple[str, ...] = ()
    """The other options tied with the runner-up for second place (labels, ranking order);
    empty without such a tie (or when first place is tied)."""


def explain_lead(ranking: Ranking, scenario: Scenario, top: int = 3) -> LeadExplanation:
    """Explain the first place of a ranking against the second, criterion by criterion.

    A criterion counts for or against the leader when its part differs by at
    least half the smallest step the scale shows (0.05 value points, 0.0005 of
    a net flow), so what is named is what can be read.
    """
    scale = ranking.scale
    first = ranking.ranking[0]
    second = ranking.ranking[1] if len(ranking.ranking) > 1 else None
    carried: list[CriterionPart] = []
    against: list[CriterionPart] = []
    shown = 0.5 * 10.0**-scale.decimals
    if second is not None and first.contributions:
        diffs = [
            CriterionPart(c.id, c.name, first.contributions[c.id] - second.contributions[c.id])
            for c in scenario.criteria
        ]
        carried = sorted((d for d in diffs if d.difference >= shown), key=lambda d: -d.difference)[
            :top
        ]
        against = sorted((d for d in diffs if d.difference <= -shown), key=lambda d: d.difference)[
            :top
        ]
    tied = second is not None and second.rank == first.rank
    tied_names = (
        tuple(scenario.option(r.option).label for r in ranking.ranking if r.rank == first.rank)
        if tied
        else ()
    )
    return LeadExplanation(
        leader=first.option,
        leader_name=scenario.option(first.option).label,
        leader_score=first.score,
        runner_up=second.option if second else None,
        runner_up_name=scenario.option(second.option).label if second else None,
        margin=first.score - second.score if second else 0.0,
        tied=tied,
        carried_by=carried,
        against=against,
        scale=scale,
        tied_names=tied_names,
        runner_up_score=second.score if second else None,
        tied_with_runner_up=tuple(
            scenario.option(r.option).label
            for r in ranking.ranking[2:]
            if second is not None and not tied and r.rank == second.rank
        ),
    )


CONFIDENT_SHARE = 0.5
"""A leader first in fewer than this share of the simulations is not called a leader."""


@dataclass(frozen=True)
class CloseCall:
    """Why a lead is too close to call: what the assessments' ranges can do to it."""

    criterion: str | None
    """A criterion whose stated assessment ranges alone could reverse the order."""
    criterion_name: str | None
    first_share: float | None
    """The leader's share of first places in the simulation, when that is what says so."""


def close_call(
    explanation: LeadExplanation,
    margins: Sequence[MarginSwing],
    first_share: float | None = None,
) -> CloseCall | None:
    """Whether the lead is smaller than what the assessments' ranges can move.

    Too close to call when the stated range of one criterion's assessments can
    put another option ahead (the widest such criterion is named), or else when
    the leader comes first in fewer than half of the simulations. No fixed
    number of points decides it.
    """
    if explanation.runner_up is None or explanation.tied:
        return None
    reversing = [m for m in margins if m.can_change_leader]
    if reversing:
        worst = min(reversing, key=lambda m: m.low_margin)
        return CloseCall(worst.criterion, worst.name, None)
    if first_share is not None and first_share < CONFIDENT_SHARE:
        return CloseCall(None, None, first_share)
    return None
