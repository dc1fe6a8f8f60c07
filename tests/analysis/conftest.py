"""Small scenarios built in code for the analysis tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pytest

from optionscope.model.scenario import Scenario


def make_scenario(
    performance: Sequence[Sequence[float]],
    *,
    directions: Sequence[str] | None = None,
    low: Sequence[Sequence[float]] | None = None,
    high: Sequence[Sequence[float]] | None = None,
    confidence: str | Sequence[Sequence[str]] = "medium",
    scale: tuple[float, float] = (0.0, 100.0),
    preconditions: dict[int, list[dict[str, Any]]] | None = None,
    profiles: dict[str, dict[str, float]] | None = None,
    costs: Sequence[float] | None = None,
) -> Scenario:
    """A scenario with options o0.. and criteria c0.. from a performance table."""
    perf = np.asarray(performance, dtype=float)
    m, n = perf.shape
    dirs = list(directions) if directions is not None else ["max"] * n
    criteria = [
        {
            "id": f"c{j}",
            "name": f"Criterion {j}",
            "direction": dirs[j],
            "scale": {"min": scale[0], "max": scale[1]},
        }
        for j in range(n)
    ]
    options = []
    for i in range(m):
        option: dict[str, Any] = {"id": f"o{i}", "name": f"Option {i}", "summary": "test option"}
        if preconditions and i in preconditions:
            option["preconditions"] = preconditions[i]
        if costs is not None:
            option["costs"] = [
                {"label": "Annual cost", "amount": costs[i], "unit": "USD m", "basis": "figure"}
            ]
        options.append(option)
    assessments: dict[str, dict[str, Any]] = {}
    for i in range(m):
        row: dict[str, Any] = {}
        for j in range(n):
            cell: dict[str, Any] = {"value": float(perf[i, j])}
            if low is not None:
                cell["low"] = float(low[i][j])
            if high is not None:
                cell["high"] = float(high[i][j])
            cell["confidence"] = confidence if isinstance(confidence, str) else confidence[i][j]
            row[f"c{j}"] = cell
        assessments[f"o{i}"] = row
    return Scenario.model_validate(
        {
            "id": "test",
            "title": "Test scenario",
            "question": "Which option?",
            "as_of": dt.date(2023, 1, 16),
            "criteria": criteria,
            "options": options,
            "assessments": assessments,
            "profiles": [
                {"id": pid, "name": pid.title(), "weights": w}
                for pid, w in (profiles or {}).items()
            ],
        }
    )


@pytest.fixture
def scenario_factory() -> Callable[..., Scenario]:
    return make_scenario


@pytest.fixture
def three_options() -> Scenario:
    """Three options on three criteria (0-100 scales), one of them a cost, with ranges."""
    return make_scenario(
        [[80, 30, 40], [50, 70, 30], [40, 50, 80]],
        directions=["max", "max", "min"],
        low=[[70, 20, 30], [40, 60, 20], [30, 45, 60]],
        high=[[90, 40, 50], [60, 80, 40], [50, 55, 90]],
        confidence=[["low", "medium", "high"]] * 3,
        preconditions={
            0: [
                {
                    "id": "consent",
                    "text": "Host consent",
                    "gate": "host-consent",
                    "probability": 0.3,
                }
            ],
            1: [
                {
                    "id": "troops",
                    "text": "Troops found",
                    "gate": "force-generation",
                    "probability": 0.8,
                },
                {"id": "budget", "text": "Budget agreed", "gate": "budget", "probability": 0.9},
            ],
        },
        profiles={"security": {"c0": 3, "c1": 1, "c2": 1}, "thrift": {"c0": 1, "c1": 1, "c2": 4}},
        costs=[400.0, 250.0, 300.0],
    )
