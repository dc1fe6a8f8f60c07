"""Why the ranking is what it is: the leader, its margin, and the criteria that carry it.

Data only; `optionscope.present.ranking` says it in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from optionscope.model.results import Ranking, ScoreScale
from optionscope.model.scenario import Scenario


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
    )
