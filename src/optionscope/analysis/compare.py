"""How the ranking changes with the stakeholder's seat: a profile x option matrix."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from optionscope.analysis.ranking import rank
from optionscope.model.results import Ranking
from optionscope.model.scenario import Scenario


@dataclass(frozen=True)
class ProfileComparison:
    scenario: str
    method: str
    profiles: list[str]
    """Profile ids, in the order asked."""
    rankings: dict[str, Ranking]
    """Profile id -> its ranking."""

    def first_choice(self, profile_id: str) -> list[str]:
        """The option ids a profile puts first (more than one when tied)."""
        return [r.option for r in self.rankings[profile_id].ranking if r.rank == 1]

    def leaders(self) -> dict[str, int]:
        """Option id -> how many profiles put it first."""
        count: dict[str, int] = {}
        for pid in self.profiles:
            for oid in self.first_choice(pid):
                count[oid] = count.get(oid, 0) + 1
        return count


def compare_profiles(
    scenario: Scenario,
    profile_ids: Sequence[str] | None = None,
    method: str = "wsm",
    *,
    ranked: tuple[Mapping[str, float], Ranking] | None = None,
) -> ProfileComparison:
    """Rank the scenario under each named profile (all profiles when none are named).

    `ranked`: weights and the scenario's ranking under them with this method, when the
    caller has one: a profile with exactly these weights is not ranked again."""
    ids = list(profile_ids) if profile_ids else [p.id for p in scenario.profiles]
    rankings = {}
    for pid in ids:
        weights = scenario.profile(pid).weights
        if ranked is not None and dict(weights) == dict(ranked[0]):
            rankings[pid] = ranked[1]
        else:
            rankings[pid] = rank(scenario, weights, method)
    return ProfileComparison(scenario.id, method, ids, rankings)
