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
            await pilot.pause()  # the main screen is composed once the app is up
            app.main_screen.apply_profile("commuters")
            await pilot.press("right", "right")
            await _settle(pilot)
            app.clear_notifications()
            await _settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
    def test_the_minusma_scenario_with_twelve_criteria_and_its_contributions(
        self, make_app: MakeApp, snap_compare: SnapCompare, size: tuple[int, int]
    ) -> None:
        from optionscope.io.scenario_files import load_scenario

        app = make_app(load_scenario("minusma-2023"))

        async def run_before(pilot: Pilot[Any]) -> None:
            await pilot.press("down", "down")
            await _settle(pilot)
            app.screen.query_one("#ranking-pane").scroll_end(animate=False)
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


def _minusma() -> OptionscopeApp:
    from optionscope.io.scenario_files import load_scenario
    from optionscope.tui import create_app

    return create_app(load_scenario("minusma-2023"), blink=False)


async def _open(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.app.workers.wait_for_complete()
    await _settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await _settle(pilot)


class TestSensitivityScreen:
    @pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
    def test_the_stability_intervals_of_the_minusma_leader(
        self, snap_compare: SnapCompare, size: tuple[int, int]
    ) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await _open(pilot, "s")

        assert snap_compare(_minusma(), terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
    def test_the_sweep_tornado_and_what_would_have_to_be_true(
        self, snap_compare: SnapCompare, size: tuple[int, int]
    ) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await _open(pilot, "s", "down", "down", "down", "down", "down")
            pilot.app.screen.query_one("#sens-sweep").scroll_visible(animate=False, top=True)
            await _settle(pilot)

        assert snap_compare(_minusma(), terminal_size=size, run_before=run_before)


class TestUncertaintyScreen:
    @pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
    def test_rank_acceptabilities_with_a_fixed_seed(
        self, snap_compare: SnapCompare, size: tuple[int, int]
    ) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await _open(pilot, "U")

        assert snap_compare(_minusma(), terminal_size=size, run_before=run_before)


class TestValueCostScreen:
    @pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
    def test_value_against_annual_cost_with_the_frontier(
        self, snap_compare: SnapCompare, size: tuple[int, int]
    ) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await _open(pilot, "v")

        assert snap_compare(_minusma(), terminal_size=size, run_before=run_before)


class TestElicitScreen:
    @pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
    def test_rank_order_of_the_criteria(
        self, snap_compare: SnapCompare, size: tuple[int, int]
    ) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await _open(pilot, "W", "down", "down", "left_square_bracket")

        assert snap_compare(_minusma(), terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
    def test_inconsistent_pairwise_comparisons(
        self, snap_compare: SnapCompare, size: tuple[int, int]
    ) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await _open(pilot, "W", "3", "left", "left", "down", "right", "right", "right")

        assert snap_compare(_minusma(), terminal_size=size, run_before=run_before)
