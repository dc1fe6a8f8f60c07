"""Rankings from each stakeholder's seat."""

from __future__ import annotations

from typing import Any

import pytest

from optionscope.analysis import compare
from optionscope.analysis.compare import compare_profiles
from optionscope.analysis.ranking import rank
from optionscope.io.scenario_files import load_scenario


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_a_profile_with_the_weights_of_a_ranking_given_is_not_ranked_again(
    monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    """A briefing has its ranking under the default profile already: the comparison of the
    profiles takes it rather than ranking the scenario again, and is the same."""
    scenario = load_scenario("minusma-2023")
    first = scenario.profiles[0]
    given = rank(scenario, first.weights, method)
    expected = compare_profiles(scenario, None, method)
    asked: list[Any] = []

    def counting(*args: Any) -> Any:
        asked.append(args[1])
        return rank(*args)

    monkeypatch.setattr(compare, "rank", counting)
    got = compare_profiles(scenario, None, method, ranked=(dict(first.weights), given))
    assert got.rankings[first.id] is given
    assert asked == [p.weights for p in scenario.profiles[1:]]
    assert got == expected
    other = {**first.weights, next(iter(first.weights)): 1e-3}  # other weights: ranked
    compare_profiles(scenario, None, method, ranked=(other, given))
    assert len(asked) == 2 * len(scenario.profiles) - 1
