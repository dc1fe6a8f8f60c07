"""optionscope: decision support for policy options.

A small API for scripts and notebooks::

    import optionscope
    s = optionscope.load_scenario("minusma-2023")      # bundled id, YAML or CSV path
    r = optionscope.rank(s, {"poc": 30, "cost": 10})   # raw points, normalised
    r.leader.option, r.ranking[0].contributions

Names are loaded lazily: importing the package costs nothing until a name is
used, so `optionscope --version` and shell completion stay instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from optionscope.analysis.compare import compare_profiles
    from optionscope.analysis.explain import explain_lead
    from optionscope.analysis.ranking import rank
    from optionscope.io.errors import InputError
    from optionscope.io.scenario_files import bundled_ids, load_scenario
    from optionscope.model.results import Ranking
    from optionscope.model.scenario import Scenario

_LAZY = {
    "load_scenario": "optionscope.io.scenario_files",
    "bundled_ids": "optionscope.io.scenario_files",
    "rank": "optionscope.analysis.ranking",
    "explain_lead": "optionscope.analysis.explain",
    "compare_profiles": "optionscope.analysis.compare",
    "InputError": "optionscope.io.errors",
    "Ranking": "optionscope.model.results",
    "Scenario": "optionscope.model.scenario",
}

__all__ = [
    "InputError",
    "Ranking",
    "Scenario",
    "__version__",
    "bundled_ids",
    "compare_profiles",
    "explain_lead",
    "load_scenario",
    "rank",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'optionscope' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
