"""Weighing the criteria on the main screen: keys, typed numbers, the mouse, profiles, reset."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from optionscope.analysis.ranking import rank
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.screens import ConfirmModal, MainScreen, PickModal, PromptModal
from optionscope.tui.widgets import WeightList

MakeApp = Callable[..., OptionscopeApp]
ChartFollows = Callable[[OptionscopeApp, dict[str, float]], None]


async def test_the_app_opens_on_the_main_screen_with_equal_weights(
    make_app: MakeApp, chart_follows: ChartFollows
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.session.weights_label == "equal weights"
        chart_follows(app, {"cost": 1, "safety": 1, "speed": 1})


async def test_the_right_arrow_raises_the_selected_weight_and_the_ranking_follows(
    make_app: MakeApp, chart_follows: ChartFollows
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = dict(app.session.weights)
        assert app.screen.query_one(WeightList).highlighted_criterion == "cost"
        await pilot.press(*["right"] * 30)
        await pilot.pause()
        assert app.session.weights["cost"] == pytest.approx(before["cost"] + 30)
        chart_follows(app, app.session.weights)


async def test_the_minus_key_lowers_the_weight_of_the_criterion_moved_to(
    make_app: MakeApp, chart_follows: ChartFollows
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "minus", "minus", "left")
        await pilot.pause()
        assert app.screen.query_one(WeightList).highlighted_criterion == "safety"
        assert app.session.weights["safety"] == pytest.approx(100 / 3 - 3, abs=1e-4)
        chart_follows(app, app.session.weights)


async def test_a_weight_typed_as_a_number_replaces_the_old_one(
    make_app: MakeApp, chart_follows: ChartFollows
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "9")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await pilot.press("0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.session.weights["speed"] == 90
        chart_follows(app, app.session.weights)
        assert app.session.current.leader.option == "north"


async def test_enter_opens_the_weight_prompt_and_escape_leaves_the_weight_alone(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        before = dict(app.session.weights)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.weights == before


async def test_a_typed_weight_that_is_not_a_number_is_refused(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        before = dict(app.session.weights)
        await pilot.press("enter", "x", "y", "enter")
        await pilot.pause()
        assert app.session.weights == before


async def test_the_last_positive_weight_cannot_be_lowered_to_zero(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for cid in ("safety", "speed"):
            app.session.set_weight(cid, 0)
        await pilot.press(*["left"] * 40)
        await pilot.pause()
        assert app.session.weights["cost"] > 0


async def test_clicking_the_plus_of_a_row_raises_its_weight(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        weights = app.screen.query_one(WeightList)
        before = app.session.weights["safety"]
        name_width = weights._name_width(weights.scrollable_content_region.width)
        plus_x = 1 + 3 + name_width + 1 + 7  # padding, chip, name, minus, points
        # rows: Money heading, Cost, People heading, Safety
        await pilot.click(weights, offset=(plus_x, 3))
        await pilot.pause()
        assert weights.highlighted_criterion == "safety"
        assert app.session.weights["safety"] == pytest.approx(before + 1)


async def test_a_profile_applied_from_the_list_sets_its_weights_and_shows_the_moves(
    make_app: MakeApp, chart_follows: ChartFollows, read_chart: Callable[..., list[str]]
) -> None:
    app = make_app(profile="treasurer")  # South road leads
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PickModal)
        await pilot.press("down", "enter")  # from Treasurer to Commuters
        await pilot.pause()
        assert app.session.profile == "commuters"
        assert app.session.weights == {"cost": 10, "safety": 30, "speed": 60}
        chart_follows(app, {"cost": 10, "safety": 30, "speed": 60})
        before = rank(app.session.scenario, {"cost": 60, "safety": 20, "speed": 20})
        after = rank(app.session.scenario, {"cost": 10, "safety": 30, "speed": 60})
        lines = read_chart(app)
        for line, row in zip(lines, after.ranking, strict=False):
            move = before.by_option(row.option).rank - row.rank
            shown = f"▲{move}" if move > 0 else f"▼{-move}" if move < 0 else "="
            assert line[3:6].strip() == shown, (line, row.option)
        assert lines[0].startswith(" 1 ▲2") and "North road" in lines[0]
        assert any("places moved" in line for line in lines)


async def test_reset_returns_to_the_starting_weights_once_confirmed(
    make_app: MakeApp, chart_follows: ChartFollows
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        start = dict(app.session.weights)
        await pilot.press("right", "right", "down", "left")
        await pilot.pause()
        assert app.session.weights != start
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert app.session.weights != start  # nothing happens before the answer
        await pilot.press("y")
        await pilot.pause()
        assert app.session.weights == start
        assert app.session.weights_label == "equal weights"
        chart_follows(app, start)


async def test_the_app_can_start_from_a_profile(make_app: MakeApp) -> None:
    app = make_app(profile="treasurer")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.session.weights == {"cost": 60, "safety": 20, "speed": 20}
        assert "Treasurer" in app.session.weights_label


async def test_the_explanation_says_who_leads_and_why(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#explanation").render())
        from optionscope.present.ranking import lead_sentence

        expected = lead_sentence(app.session.explanation())
        assert expected in text.replace("\n", " ") or expected[:40] in text
