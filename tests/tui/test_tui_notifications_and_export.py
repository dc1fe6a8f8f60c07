"""Notifications stay off the ranking and the contributions table, and never end up in an
SVG export; `X` exports whichever screen is showing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from optionscope.io.scenario_files import load_scenario
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.screens import MainScreen, PromptModal
from optionscope.tui.widgets import ContributionTable, RankingChart

MakeApp = Callable[..., OptionscopeApp]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (200, 50)])
async def test_a_notification_covers_neither_the_ranking_nor_the_contributions(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app(load_scenario("minusma-2023"))
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        app.notify("A notification long enough to wrap over two or three lines of the toast.")
        await pilot.pause(0.2)
        toasts = list(app.screen.query(Toast))
        assert toasts
        table = app.screen.query_one(ContributionTable).region
        chart = app.screen.query_one(RankingChart).region
        for toast in toasts:
            assert not toast.region.overlaps(table), (toast.region, table)
            assert not toast.region.overlaps(chart), (toast.region, chart)


@pytest.mark.parametrize("screen_key", ["s", "h", "v", "d"])
async def test_x_exports_the_screen_showing_without_its_notifications(
    make_app: MakeApp, tmp_path: Path, screen_key: str
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press(screen_key)
        await pilot.pause()
        if screen_key == "d":
            await pilot.press("enter")  # the first option
            await pilot.pause()
        shown = app.screen
        assert not isinstance(shown, MainScreen)
        app.notify("Unmistakable notice text")
        await pilot.pause(0.2)
        await pilot.press("X")
        await pilot.pause(0.2)
        assert isinstance(app.screen, PromptModal)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is shown
    svg = (tmp_path / "tiny-screen.svg").read_text()
    assert svg.lstrip().startswith("<svg")
    assert "Unmistakable" not in svg
    assert "Save&#160;SVG" not in svg  # taken before the dialog opened
