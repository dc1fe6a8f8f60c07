"""Checks and defaults shared by the stress-testing commands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from optionscope.io.errors import InputError

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario

DEFAULT_SAMPLES = 10_000
MAX_SAMPLES = 10_000_000
"""About ten seconds of simulation; more would not change a percentage shown."""


def stability_leader(scenario: Scenario, weights: dict[str, float]) -> str:
    """The additive model's leader with these exact weights (ties: scenario order)."""
    from optionscope.analysis.ranking import rank

    return rank(scenario, weights).leader.option


def weights_given(profile: str | None, weights_file: str | None, pairs: Sequence[str]) -> bool:
    return profile is not None or weights_file is not None or bool(pairs)


def _refuse_unknown(
    scenario: Scenario, asked: Sequence[str], known: Sequence[str], kind: str, where: str
) -> None:
    """Exit 2 naming every unknown `kind` ("option", "criterion"), with suggestions."""
    from optionscope.model.checks import suggest

    bad = [a for a in asked if a not in known]
    if bad:
        plural = "criteria" if kind == "criterion" else f"{kind}s"
        raise InputError.at(
            where,
            "; ".join(f"unknown {kind} '{a}'{suggest(a, known)}" for a in bad)
            + f"; {plural} of {scenario.id}: {', '.join(known)}",
        )


def check_options(scenario: Scenario, asked: Sequence[str], where: str) -> list[str]:
    _refuse_unknown(scenario, asked, scenario.option_ids, "option", where)
    return list(dict.fromkeys(asked))


def check_criteria(scenario: Scenario, asked: Sequence[str], where: str) -> None:
    _refuse_unknown(scenario, asked, scenario.criterion_ids, "criterion", where)
