"""Criterion names in full where there is room, the scenario's short label where there is
not; never a name cut to a stub when its label would fit."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tui_scenarios import generated_scenario

from optionscope.io.scenario_files import bundled_ids, load_scenario
from optionscope.model.scenario import Scenario
from optionscope.tui._text import fitted
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.screens import HeadToHeadScreen
from optionscope.tui.widgets import RankingChart, WeightList

MakeApp = Callable[..., OptionscopeApp]
SIZES = [(80, 24), (100, 30), (200, 50)]


def scenarios() -> list[Scenario]:
    return [*(load_scenario(sid) for sid in bundled_ids()), generated_scenario(8, 30)]


def test_a_name_that_fits_is_whole_else_its_label_else_cut() -> None:
    assert fitted("Security in the north", "Sec. north", 30) == "Security in the north"
    assert fitted("Security in the north", "Sec. north", 12) == "Sec. north"
    assert fitted("Security in the north", "", 12) == "Security in…"


def test_the_bundled_criteria_have_labels_that_fit_the_narrowest_weights_list() -> None:
    for sid in bundled_ids():
        for c in load_scenario(sid).criteria:
            assert len(c.label) <= 12, (sid, c.id, c.label)


@pytest.mark.parametrize("scenario", scenarios(), ids=lambda s: s.id)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_weights_list_shows_every_name_or_label_whole(
    make_app: MakeApp, scenario: Scenario, size: tuple[int, int]
) -> None:
    app = make_app(scenario)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        weights = app.screen.query_one(WeightList)
        for c in scenario.criteria:
            row = str(weights.get_option(f"c-{c.id}").prompt)
            if size[0] >= 200:
                assert c.name in row, row
            elif c.short:  # a label the scenario gives is never cut
                assert c.name in row or c.short in row, (row, c.name)
            else:  # without one, the name is cut only when it does not fit
                assert c.name in row or (c.name[:6] in row and "…" in row), row


@pytest.mark.parametrize("scenario", scenarios()[:-1], ids=lambda s: s.id)
async def test_at_200_columns_the_key_and_head_to_head_give_every_full_name(
    make_app: MakeApp, scenario: Scenario
) -> None:
    app = make_app(scenario)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        chart = app.screen.query_one(RankingChart)
        key = "\n".join(line.plain for line in chart.legend(chart.size.width))
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HeadToHeadScreen)
        table = str(app.screen.query_one("#h2h-table").render())
        for c in scenario.criteria:
            assert c.name in key, c.name
            assert c.name in table, c.name
        assert "…" not in table


@pytest.mark.parametrize("scenario", scenarios()[:-1], ids=lambda s: s.id)
async def test_at_80_columns_head_to_head_gives_every_name_or_label_whole(
    make_app: MakeApp, scenario: Scenario
) -> None:
    app = make_app(scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        lines = str(app.screen.query_one("#h2h-table").render()).splitlines()
        for j, c in enumerate(scenario.criteria, start=1):
            assert c.name in lines[j] or c.label in lines[j], lines[j]


@pytest.mark.parametrize("scenario", scenarios(), ids=lambda s: s.id)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_selected_criterion_is_named_in_full_under_the_list(
    make_app: MakeApp, scenario: Scenario, size: tuple[int, int]
) -> None:
    from textual.widgets import Static

    app = make_app(scenario)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        weights = app.screen.query_one(WeightList)
        info = app.screen.query_one("#criterion-info", Static)
        for c in scenario.criteria:
            weights.highlight_criterion(c.id)
            await pilot.pause()
            region = info.content_region
            lines = info.render().wrap(region.width)[: region.height]  # type: ignore[union-attr]
            shown = " ".join(line.plain.strip() for line in lines)
            assert c.name in shown, (c.name, shown)
