"""Keys typed quickly, arriving together, reach the dialog the first of them opens, never
the screen behind it."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.pilot import Pilot

from optionscope.io.scenario_files import load_scenario
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.screens import DetailScreen, PickModal, SensitivityScreen
from optionscope.tui.widgets import WeightList

MakeApp = Callable[..., OptionscopeApp]


def type_at_once(app: OptionscopeApp, *keys: str) -> None:
    """Post the keys as one terminal read delivers them: all queued before any is handled."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def settle(pilot: Pilot[None], app: OptionscopeApp) -> None:
    for _ in range(50):
        await pilot.pause(0.05)
        if not isinstance(app.screen, PickModal):
            return


async def test_keys_after_o_on_the_sensitivity_screen_go_to_the_option_list(
    make_app: MakeApp,
) -> None:
    app = make_app(load_scenario("minusma-2023"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SensitivityScreen)
        ranking = [r.option for r in app.session.current.ranking]
        start = ranking.index(screen.option)
        type_at_once(app, "o", "down", "down", "enter")
        await settle(pilot, app)
        assert app.screen is screen
        assert screen.selected == 0  # the criterion shown did not move
        assert screen.option == ranking[start + 2]


async def test_keys_after_d_on_the_main_screen_pick_the_option(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        type_at_once(app, "d", "down", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.option_id == app.session.current.ranking[1].option
        weights = app.main_screen.query_one(WeightList)
        assert weights.highlighted_criterion == app.session.scenario.criteria[0].id


async def test_keys_that_reach_a_dialog_before_its_list_has_the_focus_move_in_the_list(
    make_app: MakeApp,
) -> None:
    """Under load a dialog can receive keys before its list has the focus: none is lost."""
    from textual.content import Content

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        picked: list[str | None] = []
        items = [(f"item-{i}", Content(f"Item {i}")) for i in range(5)]
        modal = PickModal("Pick one", items, highlighted="item-1")
        app.push_screen(modal, picked.append)
        for key in ("down", "down", "enter"):  # straight to the dialog, as it is being shown
            modal.post_message(events.Key(key, None))
        await settle(pilot, app)
        assert picked == ["item-3"]
