"""Words for the position check: whether a profile's weights put first the option its actor
backed. One wording for `compare`, the briefing and the TUI's profile picker."""

from __future__ import annotations

from typing import Any

from optionscope.analysis.compare import ProfileComparison
from optionscope.analysis.positions import PositionCheck, checked_against
from optionscope.model.scenario import Scenario


def _label(scenario: Scenario, option_id: str) -> str:
    return scenario.option(option_id).label if option_id in scenario.option_ids else option_id


def verdict(check: PositionCheck) -> str:
    """`first`, `first (tied)`, `rank 3, explained`, `rank 3, NOT EXPLAINED`, ..."""
    if check.matches:
        return "first (tied)" if len(check.first) > 1 else "first"
    where = f"rank {check.backed_rank}" if check.backed_rank is not None else "outside the options"
    return f"{where}, {'explained' if check.explained else 'NOT EXPLAINED'}"


def position_cell(check: PositionCheck | None, scenario: Scenario) -> str:
    """The compare table's cell: what the actor backed, and where the weights put it."""
    if check is None:
        return "not recorded"
    backed = _label(scenario, check.backed) if check.backed else "none of the options"
    return f"{backed} ({check.date}): {verdict(check)}"


def position_sentence(check: PositionCheck, scenario: Scenario) -> str:
    """One sentence for the briefing and the profile picker."""
    name = scenario.profile(check.profile).name
    first = " = ".join(_label(scenario, o) for o in check.first)
    if check.backed:
        option = _label(scenario, check.backed)
        backed = (
            f"stated support for {option}"
            if check.kind == "stated"
            else f"showed support for {option} by what it did"
        )
    else:
        backed = (
            "stated a position outside the options"
            if check.kind == "stated"
            else "acted outside the options"
        )
    quote = f' ("{check.quote}")' if check.quote else ""
    if check.matches:
        tie = " (tied)" if len(check.first) > 1 else ""
        result = f"these weights put it first{tie}"
    else:
        rank = f" rank it {check.backed_rank}" if check.backed_rank is not None else ""
        result = f"these weights put {first} first" + (f" and{rank}" if rank else "")
    text = f"{name} {backed} on {check.date} [{check.source}]{quote}; {result}."
    if not check.matches:
        text += f" Why: {check.explanation}" if check.explained else " The pack does not say why."
    return text


def position_json(check: PositionCheck | None) -> dict[str, Any] | None:
    if check is None:
        return None
    return {
        "backed": check.backed,
        "kind": check.kind,
        "date": check.date,
        "source": check.source,
        "quote": check.quote,
        "first": list(check.first),
        "backed_rank": check.backed_rank,
        "matches": check.matches,
        "explanation": check.explanation,
    }


def recorded_positions(scenario: Scenario, cmp: ProfileComparison) -> list[PositionCheck]:
    """The position checks of the compared profiles that record a position."""
    out = []
    for pid in cmp.profiles:
        check = checked_against(scenario, pid, cmp.rankings[pid])
        if check is not None:
            out.append(check)
    return out
