"""Reading and writing: scenarios (YAML, CSV), weights files, results.

Names are loaded on first use, so that `optionscope.io.errors` can be imported
without pydantic and the scenario model (about 100 ms of start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from optionscope.io.errors import InputError, Located
    from optionscope.io.scenario_files import bundled_ids, load_scenario
    from optionscope.io.weights import load_weights_file, resolve_weights

_LAZY = {
    "InputError": "optionscope.io.errors",
    "Located": "optionscope.io.errors",
    "bundled_ids": "optionscope.io.scenario_files",
    "load_scenario": "optionscope.io.scenario_files",
    "load_weights_file": "optionscope.io.weights",
    "resolve_weights": "optionscope.io.weights",
}

__all__ = [
    "InputError",
    "Located",
    "bundled_ids",
    "load_scenario",
    "load_weights_file",
    "resolve_weights",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'optionscope.io' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
