"""`simulate`'s exact-weights leader is the additive model's ranking leader."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from optionscope.analysis.ranking import rank
from optionscope.cli._checks import stability_leader
from optionscope.model.scenario import Scenario


@pytest.mark.parametrize("seed", range(6))
def test_the_stability_leader_is_the_rankings_leader_ties_included(
    scenario_factory: Callable[..., Scenario], seed: int
) -> None:
    """Ties within the tolerance (repeated options, scores a hair apart) go to the first in
    scenario order, as in the ranking."""
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 4, (12, 3)).astype(float) * 10.0
    perf = np.vstack([base, base[::-1] + rng.choice([0.0, 1e-12], base.shape)])
    s = scenario_factory(perf.tolist(), directions=["max", "min", "max"])
    for raw in ({"c0": 1, "c1": 1, "c2": 1}, {"c0": 2, "c1": 0, "c2": 1}, {"c1": 1}):
        assert stability_leader(s, raw) == rank(s, raw).leader.option
