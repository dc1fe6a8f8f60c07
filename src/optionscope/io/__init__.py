"""Reading and writing: scenarios (YAML, CSV), weights files, results."""

from optionscope.io.errors import InputError, Located
from optionscope.io.scenario_files import bundled_ids, load_scenario
from optionscope.io.weights import load_weights_file, resolve_weights

__all__ = [
    "InputError",
    "Located",
    "bundled_ids",
    "load_scenario",
    "load_weights_file",
    "resolve_weights",
]
