"""Fixtures for the terminal UI: scenarios (tiny, generated, hostile) and an app factory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tui_scenarios import TINY

from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Scenario
from optionscope.tui import create_app
from optionscope.tui.app import OptionscopeApp


@pytest.fixture
def tiny() -> Scenario:
    return load_scenario(TINY)


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., OptionscopeApp]:
    """An app that saves into a temporary directory and does not blink."""

    def make(scenario: Scenario | None = None, **settings: Any) -> OptionscopeApp:
        settings.setdefault("directory", tmp_path)
        settings.setdefault("blink", False)
        return create_app(scenario or load_scenario(TINY), **settings)

    return make


def chart_lines(app: OptionscopeApp) -> list[str]:
    """The ranking chart as the user reads it, one string per line."""
    from optionscope.tui.widgets import RankingChart

    chart = app.screen.query_one(RankingChart)
    return [line.plain for line in chart.lines(chart.size.width)]


def assert_chart_follows(app: OptionscopeApp, weights: dict[str, float]) -> None:
    """The chart lists the options in the order, with the scores, that `rank` gives."""
    from optionscope.analysis.ranking import rank

    session = app.session
    expected = rank(session.scenario, weights, session.method, session.overrides or None)
    lines = chart_lines(app)
    for line, row in zip(lines, expected.ranking[: app.top], strict=False):
        label = session.scenario.option(row.option).label
        assert line.lstrip().startswith(str(row.rank)), (line, row)
        assert label[:8] in line, (line, label)
        assert line.rstrip().endswith(f"{row.score:.1f}"), (line, row.score)


@pytest.fixture
def chart_follows() -> Callable[[OptionscopeApp, dict[str, float]], None]:
    return assert_chart_follows


@pytest.fixture
def read_chart() -> Callable[[OptionscopeApp], list[str]]:
    return chart_lines
