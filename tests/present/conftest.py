"""The analysis tests' scenario factories, shared with the presentation tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "analysis_fixtures", Path(__file__).parents[1] / "analysis" / "conftest.py"
)
assert _spec is not None and _spec.loader is not None
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)

scenario_factory = _fixtures.scenario_factory
three_options = _fixtures.three_options
