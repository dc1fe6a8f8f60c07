"""One entry point for every ranking method, so views and scripts ask in one way."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from optionscope.analysis import value
from optionscope.analysis.method_names import METHOD_NAMES as METHOD_NAMES
from optionscope.analysis.value import Overrides
from optionscope.model.results import Ranking
from optionscope.model.scenario import Scenario

RankFunction = Callable[[Scenario, Mapping[str, float], Overrides | None], Ranking]


def _rank_topsis(
    scenario: Scenario, weights: Mapping[str, float], overrides: Overrides | None = None
) -> Ranking:
    from optionscope.analysis.topsis import rank_topsis  # imported on first use

    return rank_topsis(scenario, weights, overrides)


def _rank_promethee(
    scenario: Scenario, weights: Mapping[str, float], overrides: Overrides | None = None
) -> Ranking:
    from optionscope.analysis.promethee import rank_promethee  # imported on first use

    return rank_promethee(scenario, weights, overrides)


METHODS: dict[str, RankFunction] = {
    "wsm": value.rank_wsm,
    "topsis": _rank_topsis,
    "promethee": _rank_promethee,
}
"""Method name -> ranking function. `wsm` is the additive value model; each is named in
`METHOD_NAMES`."""


def rank(
    scenario: Scenario,
    weights: Mapping[str, float],
    method: str = "wsm",
    overrides: Overrides | None = None,
) -> Ranking:
    """Rank the scenario's options with the named method and raw weights (normalised here)."""
    try:
        fn = METHODS[method]
    except KeyError:
        raise ValueError(f"unknown method '{method}'; known: {', '.join(METHODS)}") from None
    return fn(scenario, weights, overrides)
