"""The arrays SMAA draws from, built once per scenario and what-if and kept for the next run."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from optionscope.analysis.smaa_sampling import DISTRIBUTIONS
from optionscope.analysis.value import FloatArray, Overrides, performance_matrix, range_matrices
from optionscope.model.matrix_cells import matrix_assessment
from optionscope.model.scenario import Scenario


def _cached(
    scenario: Scenario, overrides: Overrides | None, kind: str, build: Callable[[], Any]
) -> Any:
    key = (id(scenario), kind, tuple(sorted((overrides or {}).items())))
    with _MODELS_LOCK:
        entry = _MODELS.get(key)
    if entry is not None and entry[0] is scenario:  # held: its id is not reused meanwhile
        return entry[1]
    model = build()
    with _MODELS_LOCK:
        while len(_MODELS) >= MODELS_KEPT:
            _MODELS.pop(next(iter(_MODELS)))
        _MODELS[key] = (scenario, model)
    return model


def _arrays(
    scenario: Scenario, overrides: Overrides | None
) -> tuple[FloatArray, FloatArray, FloatArray, list[list[str]], Any]:
    central = performance_matrix(scenario, overrides)
    low, high = range_matrices(scenario)
    for oid, cid in overrides or {}:
        i, j = scenario.option_position(oid), scenario.criterion_position(cid)
        low[i, j] = high[i, j] = central[i, j]
    for arr, what in ((central, "value"), (low, "low"), (high, "high")):
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"every assessment {what} must be a finite number")
    crit_ids = scenario.criterion_ids
    cells = scenario.matrix_cells()
    if cells is not None:  # every cell of a matrix is assessed alike, without a range
        alike = [DISTRIBUTIONS[matrix_assessment(0.0).confidence]] * len(crit_ids)
        return central, low, high, [alike] * len(scenario.options), scenario.criteria
    rows = map(scenario.assessments.__getitem__, scenario.option_ids)
    distributions = [[DISTRIBUTIONS[row[cid].confidence] for cid in crit_ids] for row in rows]
    return central, low, high, distributions, scenario.criteria


MODELS_KEPT = 4
"""Performance models kept (scenarios and what-ifs last simulated)."""
_MODELS: dict[tuple[int, str, Any], tuple[Scenario, Any]] = {}
_MODELS_LOCK = threading.Lock()
