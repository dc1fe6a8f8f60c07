"""Profiles checked against what actors did: do a profile's weights put first the option
its actor actually backed?"""

from __future__ import annotations

from dataclasses import dataclass

from optionscope.analysis.ranking import rank
from optionscope.model.results import Ranking
from optionscope.model.scenario import Scenario


@dataclass(frozen=True)
class PositionCheck:
    """One profile's recorded position against the options its weights put first."""

    profile: str
    backed: str | None
    """The option the actor backed; None when it backed none of the options."""
    kind: str
    """`stated` or `revealed`."""
    date: str
    source: str
    quote: str
    first: tuple[str, ...]
    """The options the profile's weights put first (more than one when tied)."""
    backed_rank: int | None
    """The rank the weights give the backed option (None when it backed none)."""
    explanation: str

    @property
    def matches(self) -> bool:
        """The backed option is first under the weights (alone or tied)."""
        return self.backed is not None and self.backed in self.first

    @property
    def explained(self) -> bool:
        return bool(self.explanation)


def position_check(
    scenario: Scenario, profile_id: str, method: str = "wsm"
) -> PositionCheck | None:
    """The check for one profile, or None when the profile records no position."""
    prof = scenario.profile(profile_id)
    if prof.position is None:
        return None
    return checked_against(scenario, profile_id, rank(scenario, prof.weights, method))


def checked_against(scenario: Scenario, profile_id: str, ranking: Ranking) -> PositionCheck | None:
    """The check for one profile against a ranking already made with its weights."""
    prof = scenario.profile(profile_id)
    pos = prof.position
    if pos is None:
        return None
    first = tuple(r.option for r in ranking.ranking if r.rank == 1)
    backed_rank = None
    if pos.option is not None and pos.option in scenario.option_ids:
        backed_rank = ranking.by_option(pos.option).rank
    return PositionCheck(
        profile=prof.id,
        backed=pos.option,
        kind=pos.kind,
        date=pos.date,
        source=pos.source,
        quote=pos.quote,
        first=first,
        backed_rank=backed_rank,
        explanation=pos.explanation,
    )


def position_checks(scenario: Scenario, method: str = "wsm") -> list[PositionCheck]:
    """The check for every profile that records a position, in the scenario's order."""
    out = []
    for prof in scenario.profiles:
        check = position_check(scenario, prof.id, method)
        if check is not None:
            out.append(check)
    return out
