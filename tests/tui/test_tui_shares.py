"""The weights pane shows shares that add up to 100% (finding 6: twelve equal weights read 8%)."""

from __future__ import annotations

from collections.abc import Callable

from optionscope.io.scenario_files import load_scenario
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.widgets import WeightList

MakeApp = Callable[..., OptionscopeApp]


async def test_twelve_equal_weights_add_up_to_100_in_the_weights_pane(make_app: MakeApp) -> None:
    scenario = load_scenario("minusma-2023")
    app = make_app(scenario)
    async with app.run_test(size=(100, 40)) as pilot:
        app.session.set_weights({c.id: 1.0 for c in scenario.criteria}, "equal weights", None)
        await pilot.pause()
        pane = app.screen.query_one(WeightList)
        rows = [pane._row(i, 60).plain for i in range(len(scenario.criteria))]
        shares = [float(row.split()[-1].rstrip("%")) for row in rows]
        assert len(shares) == 12
        assert round(sum(shares), 6) == 100.0
