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
    """The additive model's leader with these exact weights (ties as `rank` decides them).

    `rank(scenario, weights).leader`, from the same scores and tie ranks, without the
    ranking's rows (10,000 options: a tenth of a second per profile)."""
    import numpy as np

    from optionscope.analysis.ties import first_undominated
    from optionscope.analysis.value import competition_ranks, value_matrix, weight_vector
    from optionscope.model.results import METHOD_SCALES

    values = value_matrix(scenario)
    scores = (values * weight_vector(scenario, weights)).sum(axis=1)
    ranks = competition_ranks(scores, METHOD_SCALES["wsm"].tie_tolerance)
    return scenario.options[first_undominated(np.flatnonzero(ranks == ranks.min()), values)].id


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
