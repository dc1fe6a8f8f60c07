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


def check_options(scenario: Scenario, asked: Sequence[str], where: str) -> list[str]:
    from optionscope.model.checks import suggest

    known = scenario.option_ids
    bad = [o for o in asked if o not in known]
    if bad:
        raise InputError.at(
            where,
            "; ".join(f"unknown option '{o}'{suggest(o, known)}" for o in bad)
            + f"; options of {scenario.id}: {', '.join(known)}",
        )
    return list(dict.fromkeys(asked))


def check_criteria(scenario: Scenario, asked: Sequence[str], where: str) -> None:
    from optionscope.model.checks import suggest

    known = scenario.criterion_ids
    bad = [c for c in asked if c not in known]
    if bad:
        raise InputError.at(
            where,
            "; ".join(f"unknown criterion '{c}'{suggest(c, known)}" for c in bad)
            + f"; criteria of {scenario.id}: {', '.join(known)}",
        )
