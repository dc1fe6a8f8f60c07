"""Scenario text is shown as text: markup and terminal escapes appear literally, nothing breaks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static
from tui_scenarios import hostile_scenario

from optionscope.io.safe_text import cell_width
from optionscope.io.scenario_files import load_scenario
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.widgets import RankingChart, WeightList

MakeApp = Callable[..., OptionscopeApp]


async def test_markup_in_names_and_escapes_in_rationales_render_literally(
    make_app: MakeApp,
) -> None:
    app = make_app(hostile_scenario())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        title = str(app.screen.query_one("#title", Static).render())
        assert "[bold]not bold[/bold] and [/ and [unclosed" in title
        chart = "\n".join(line.plain for line in app.screen.query_one(RankingChart).lines(100))
        assert "[bold]x[/" in chart
        weights = app.screen.query_one(WeightList)
        prompt = str(weights.get_option("c-cost").prompt)
        assert "[red]Cost[" in prompt
        app.main_screen.open_detail("north")
        await pilot.pause()
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "[bold]x[/" in detail
        assert "\\x1b[31mred\\x1b[0m" in detail  # the escape is shown, not obeyed
        assert "Steep \\x1b[31m grades [/ [" in detail
        assert "\x1b" not in detail
        svg = app.export_screenshot()
        assert "\x1b" not in svg


async def test_hostile_text_survives_every_screen_and_dialog(make_app: MakeApp) -> None:
    app = make_app(hostile_scenario())
    async with app.run_test(size=(80, 24)) as pilot:
        for keys in (("p",), ("d",), ("e",), ("h",), ("question_mark",), ("ctrl+p", *"prof")):
            await pilot.press(*keys)
            await pilot.pause(0.2)
            await pilot.press("escape")
            await pilot.pause()
            if app.screen is not app.main_screen:
                await pilot.press("escape")
                await pilot.pause()
        await pilot.press("p", "enter")  # apply the profile named "[b]Treasurer"
        await pilot.pause()
        assert app.session.profile == "treasurer"
        assert app.is_running


async def test_a_wide_name_keeps_every_ranking_row_the_same_width(make_app: MakeApp) -> None:
    scenario = load_scenario(Path(__file__).parents[1] / "data" / "hostile-everything.yaml")
    app = make_app(scenario)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        chart = app.screen.query_one(RankingChart)
        rows = [line.plain for line in chart.lines(90)][: len(scenario.options)]
        # each row ends with its score: a wide name must not push it further right
        assert len({cell_width(row.rstrip()) for row in rows}) == 1, rows
