"""The tornado's bars are made from its arrays when read, in the order they always had."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from optionscope.analysis.tornado import TornadoBar, tornado
from optionscope.analysis.value import (
    range_matrices,
    value_matrix,
    value_matrix_from,
    weight_vector,
)
from optionscope.model.scenario import Scenario

ROOT = Path(__file__).resolve().parents[2]
GENERATOR: dict[str, Any] = runpy.run_path(str(ROOT / "benchmarks" / "scenarios.py"))


def bars_one_by_one(scenario: Scenario, weights: dict[str, float]) -> list[TornadoBar]:
    """Every (option, criterion) bar made on its own, sorted widest first (ties in order)."""
    w = weight_vector(scenario, weights)
    v = value_matrix(scenario)
    low, high = range_matrices(scenario)
    v_low, v_high = (
        value_matrix_from(low, scenario.criteria),
        value_matrix_from(high, scenario.criteria),
    )
    scores = v @ w
    bars = [
        TornadoBar(
            option=o.id,
            option_name=o.label,
            criterion=c.id,
            criterion_name=c.name,
            central_score=float(scores[i]),
            low_score=float(scores[i] + w[j] * (v_low[i, j] - v[i, j])),
            high_score=float(scores[i] + w[j] * (v_high[i, j] - v[i, j])),
        )
        for i, o in enumerate(scenario.options)
        for j, c in enumerate(scenario.criteria)
    ]
    bars.sort(key=lambda bar: -abs(bar.swing))
    return bars


def test_the_bars_are_those_made_one_by_one_widest_first() -> None:
    data = GENERATOR["scenario_data"](40, 5)
    for cell in data["assessments"]["o3"].values():  # type: ignore[index]
        cell["low"] = cell["high"] = cell["value"]  # ties: no swing at all
    scenario = Scenario.model_validate(data)
    weights = dict(scenario.profiles[1].weights)
    result = tornado(scenario, weights)
    expected = bars_one_by_one(scenario, weights)
    assert list(result.bars) == expected
    assert list(result.widest(7)) == expected[:7]
    assert list(result.bars_for("o3")) == [b for b in expected if b.option == "o3"]
    assert result == tornado(scenario, weights)
    assert np.count_nonzero([b.swing == 0 for b in result.bars]) >= 5


def test_a_sensitivity_table_makes_only_the_bars_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """300 options x 6 criteria are 1,800 bars; the table shows the widest few."""
    from click.testing import CliRunner

    from optionscope.analysis import tornado as module
    from optionscope.cli import cli
    from optionscope.report.sensitivity_text import BARS_SHOWN

    path = tmp_path / "large.csv"
    path.write_text(GENERATOR["matrix_csv"](300, 6), encoding="utf-8")
    made: list[int] = []
    real = module.ScoreSwings.bars

    def counted(self: module.ScoreSwings, flat: np.ndarray) -> tuple[TornadoBar, ...]:
        bars = real(self, flat)
        made.append(len(bars))
        return bars

    monkeypatch.setattr(module.ScoreSwings, "bars", counted)
    done = CliRunner().invoke(cli, ["sensitivity", str(path), "--profile", "matrix"])
    assert done.exit_code == 0, done.output
    assert made and sum(made) <= BARS_SHOWN
