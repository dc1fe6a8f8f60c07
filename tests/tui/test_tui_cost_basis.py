"""The value-for-money screen sets like against like: totals on one basis, said in words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Scenario
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.screens import ValueCostScreen

MINUSMA = Path(__file__).parents[2] / "scenarios" / "minusma-2023.yaml"
MakeApp = Callable[..., OptionscopeApp]


def _text(app: OptionscopeApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_the_stated_cost_basis_plots_totals_and_names_the_basis(make_app: MakeApp) -> None:
    # Finding 3: on "stated cost", Reinf. +2,000 was plotted at its added cost (177)
    # next to Consolidate's total (1,200), and the screen concluded "Consol. north
    # beaten by Reinf. +2,000".
    scenario: Scenario = load_scenario(MINUSMA)
    app = make_app(scenario)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ValueCostScreen)
        assert "the criterion" in _text(app, "#vc-intro")
        await pilot.press("c")
        await pilot.pause()
        intro = " ".join(_text(app, "#vc-intro").split())
        assert "each option's total cost, recurring per year (USD, 2023 prices)" in intro
        rows = _text(app, "#vc-list").splitlines()
        reinforced = next(r for r in rows if 0 <= r.find("Reinf. +2,000") < 8)
        assert "1,377" in reinforced and " 177 " not in reinforced
        north = next(r for r in rows if 0 <= r.find("Consol. north") < 8)
        assert "Reinf. +2,000" not in north


async def test_with_many_options_the_screen_says_it_names_undominated_dominators(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """Above 50 options, the dominated options name the undominated options that dominate
    them, as `frontier` and the briefing say."""
    import numpy as np

    from optionscope.present.dominance import UNDOMINATED_ONLY

    rng = np.random.default_rng(2)
    rows = ["option,a,b,c (min)"] + [
        f"o{i},{x:.3f},{y:.3f},{z:.3f}" for i, (x, y, z) in enumerate(rng.random((80, 3)))
    ]
    path = tmp_path / "eighty.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    app = make_app(load_scenario(str(path)))
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ValueCostScreen)
        told = " ".join(_text(app, "#vc-dominance").split())
        assert UNDOMINATED_ONLY.format(count=50) in told
