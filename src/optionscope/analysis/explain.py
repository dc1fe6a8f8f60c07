"""Why the ranking is what it is: the leader, its margin, and the criteria that carry it."""

from __future__ import annotations

from dataclasses import dataclass

from optionscope.model.results import Ranking
from optionscope.model.scenario import Scenario


@dataclass(frozen=True)
class CriterionPart:
    criterion: str
    name: str
    difference: float
    """Leader's contribution minus the runner-up's (score points)."""


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

    def sentence(self, unit: str = "") -> str:
        """The explanation in plain words."""
        if self.runner_up is None:
            return f"{self.leader_name} is the only option."
        if self.tied:
            score = f"{self.leader_score:.1f}{unit}"
            head = f"{self.leader_name} and {self.runner_up_name} tie at {score}."
        else:
            head = (
                f"{self.leader_name} leads with {self.leader_score:.1f}{unit}, "
                f"{self.margin:.1f} ahead of {self.runner_up_name}."
            )
        parts = []
        if self.carried_by:
            gains = ", ".join(f"{p.name} (+{p.difference:.1f})" for p in self.carried_by)
            lead = f"ahead of {self.runner_up_name} on" if self.tied else "Its lead comes from"
            first = f" {self.leader_name} is {lead}" if self.tied else f" {lead}"
            parts.append(f"{first} {gains}")
        if self.against:
            losses = ", ".join(f"{p.name} ({p.difference:.1f})" for p in self.against)
            verb = "work" if len(self.against) > 1 else "works"
            parts.append(f"{';' if parts else ''} {losses} {verb} against it")
        return head + ("".join(parts) + "." if parts else "")


def explain_lead(ranking: Ranking, scenario: Scenario, top: int = 3) -> LeadExplanation:
    """Explain the first place of a ranking against the second, criterion by criterion."""
    first = ranking.ranking[0]
    second = ranking.ranking[1] if len(ranking.ranking) > 1 else None
    carried: list[CriterionPart] = []
    against: list[CriterionPart] = []
    if second is not None and first.contributions:
        diffs = [
            CriterionPart(c.id, c.name, first.contributions[c.id] - second.contributions[c.id])
            for c in scenario.criteria
        ]
        carried = sorted((d for d in diffs if d.difference > 0.05), key=lambda d: -d.difference)[
            :top
        ]
        against = sorted((d for d in diffs if d.difference < -0.05), key=lambda d: d.difference)[
            :top
        ]
    return LeadExplanation(
        leader=first.option,
        leader_name=scenario.option(first.option).label,
        leader_score=first.score,
        runner_up=second.option if second else None,
        runner_up_name=scenario.option(second.option).label if second else None,
        margin=first.score - second.score if second else 0.0,
        tied=second is not None and second.rank == first.rank,
        carried_by=carried,
        against=against,
    )
