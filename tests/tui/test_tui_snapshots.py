"""How the screens look, at 80x24 and 120x40 (review the SVGs before `--snapshot-update`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_scenarios import detailed_scenario, hostile_scenario

from optionscope.tui.app import OptionscopeApp

MakeApp = Callable[..., OptionscopeApp]
SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (120, 40)]


async def _settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


class TestMainScreen:
    @pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
    def test_the_main_screen_after_a_profile_and_a_weight_change(
        self, make_app: MakeApp, snap_compare: SnapCompare, size: tuple[int, int]
    ) -> None:
        app = make_app(detailed_scenario(), profile="treasurer")

        async def run_before(pilot: Pilot[Any]) -> None:
            app.main_screen.apply_profile("commuters")
            await pilot.press("right", "right")
            await _settle(pilot)
            app.clear_notifications()
            await _settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_scenario_text_with_markup_and_escapes_appears_literally(
        self, make_app: MakeApp, snap_compare: SnapCompare
    ) -> None:
        app = make_app(hostile_scenario())
        assert snap_compare(app, terminal_size=(100, 30), run_before=_settle)


class TestDetailScreen:
    @pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
    def test_the_detail_of_an_option_with_risks_costs_and_preconditions(
        self, make_app: MakeApp, snap_compare: SnapCompare, size: tuple[int, int]
    ) -> None:
        app = make_app(detailed_scenario())

        async def run_before(pilot: Pilot[Any]) -> None:
            app.main_screen.open_detail("north")
            await _settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)


class TestHeadToHeadScreen:
    @pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
    def test_the_leader_against_the_runner_up(
        self, make_app: MakeApp, snap_compare: SnapCompare, size: tuple[int, int]
    ) -> None:
        app = make_app(detailed_scenario(), profile="treasurer")

        async def run_before(pilot: Pilot[Any]) -> None:
            await pilot.press("h")
            await _settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)
