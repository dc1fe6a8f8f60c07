"""What-if edits, and the files the app writes and reads: weights, exports, scenario copies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tui_scenarios import TINY

from optionscope.analysis.ranking import rank
from optionscope.io.scenario_files import load_scenario
from optionscope.io.weights import load_weights_file, weights_document
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.screens import ConfirmModal, MainScreen, PickModal, PromptModal
from optionscope.tui.widgets import ContributionTable

MakeApp = Callable[..., OptionscopeApp]
ChartFollows = Callable[[OptionscopeApp, dict[str, float]], None]


def table_text(app: OptionscopeApp) -> str:
    """The rows of the contributions table (without its title)."""
    lines = app.screen.query_one(ContributionTable).lines()[1:]
    return "\n".join(line.plain for line in lines)


async def edit_value(pilot, option_steps: int, value: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("e")
    await pilot.pause()
    await pilot.press("home", *["down"] * option_steps, "enter")
    await pilot.pause()
    await pilot.press(*value, "enter")
    await pilot.pause()


async def test_a_what_if_edit_changes_the_ranking_and_marks_the_cell(
    make_app: MakeApp, chart_follows: ChartFollows
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down")  # Safety
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PickModal)
        order = [r.option for r in app.session.current.ranking]
        target = order.index("none")
        await pilot.press("home", *["down"] * target, "enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await pilot.press("1", "0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.session.overrides == {("none", "safety"): 10.0}
        expected = rank(
            app.session.scenario, app.session.weights, overrides={("none", "safety"): 10.0}
        )
        assert app.session.current == expected
        chart_follows(app, app.session.weights)
        assert "*" in table_text(app).split("Do nothing")[1].splitlines()[0]
        assert "What-if edits" in str(app.screen.query_one("#status").render())
        assert load_scenario(TINY).assessments["none"]["safety"].value == 3  # file unchanged


async def test_u_undoes_every_what_if_edit(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        start = app.session.current
        await edit_value(pilot, 0, "0")
        await pilot.press("down")
        await edit_value(pilot, 1, "10")
        assert len(app.session.overrides) == 2
        await pilot.press("u")
        await pilot.pause()
        assert app.session.overrides == {}
        assert app.session.current.ranking == start.ranking
        assert "*" not in table_text(app)


async def test_a_what_if_value_off_the_scale_is_refused(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await edit_value(pilot, 0, "1000")  # cost scale is 0-100
        assert app.session.overrides == {}


async def test_save_weights_writes_a_weights_file_with_the_current_weights(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app(profile="treasurer")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await pilot.press("enter")
        await pilot.pause()
    saved = tmp_path / "tiny-weights.yaml"
    wf = load_weights_file(saved)
    assert wf.weights == {"cost": 61, "safety": 20, "speed": 20}
    assert wf.scenario == "tiny" and wf.profile == "treasurer"


async def save_weights_as(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    """Press `w` and type the file's name."""
    await pilot.press("w")
    await pilot.pause()
    await pilot.press(*name, "enter")
    await pilot.pause()


async def test_save_weights_never_overwrites_without_confirmation(
    make_app: MakeApp, tmp_path: Path
) -> None:
    existing = tmp_path / "mine.yaml"
    existing.write_text("precious\n")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await save_weights_as(pilot, "mine.yaml")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert existing.read_text() == "precious\n"
        await save_weights_as(pilot, "mine.yaml")
        await pilot.press("y")
        await pilot.pause()
    assert load_weights_file(existing).weights == pytest.approx(
        {"cost": 100 / 3, "safety": 100 / 3, "speed": 100 / 3}, abs=1e-4
    )


async def test_a_link_to_nothing_is_a_name_taken_asked_about_before_replacing(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """A dangling link was written to as a free name, and the write's refusal showed
    Python's "[Errno 17]" text."""
    link = tmp_path / "mine.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await save_weights_as(pilot, "mine.yaml")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
    assert link.is_symlink() and not (tmp_path / "nowhere.yaml").exists()


async def test_the_default_file_name_is_never_one_that_exists(
    make_app: MakeApp, tmp_path: Path
) -> None:
    (tmp_path / "tiny-weights.yaml").write_text("old\n")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert (tmp_path / "tiny-weights.yaml").read_text() == "old\n"
    assert (tmp_path / "tiny-weights-2.yaml").exists()


async def test_load_weights_applies_a_weights_file(
    make_app: MakeApp, tmp_path: Path, chart_follows: ChartFollows
) -> None:
    (tmp_path / "team-weights.yaml").write_text(
        weights_document({"cost": 1, "safety": 1, "speed": 8}, "tiny")
    )
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("enter")  # the default is the weights file found
        await pilot.pause()
        assert app.session.weights == {"cost": 10, "safety": 10, "speed": 80}
        assert "team-weights.yaml" in app.session.weights_label
        chart_follows(app, {"cost": 1, "safety": 1, "speed": 8})


async def test_a_weights_file_for_other_criteria_is_refused(
    make_app: MakeApp, tmp_path: Path
) -> None:
    (tmp_path / "bad-weights.yaml").write_text(weights_document({"speedy": 1}))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        before = dict(app.session.weights)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press(*"bad-weights.yaml", "enter")
        await pilot.pause()
        assert app.session.weights == before


async def test_export_markdown_writes_the_ranking_summary(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    text = (tmp_path / "tiny-ranking.md").read_text()
    assert text.startswith("# Tiny scenario for tests")
    assert "## Contributions" in text


async def test_export_svg_writes_a_screenshot_of_the_main_screen(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("X")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    svg = (tmp_path / "tiny-screen.svg").read_text()
    assert svg.lstrip().startswith("<svg")
    assert "Save&#160;SVG" not in svg  # taken before the dialog opened


async def test_save_scenario_as_writes_a_new_file_with_the_what_if_values(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await edit_value(pilot, 0, "0")
        edited = next(iter(app.session.overrides))
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    saved = load_scenario(tmp_path / "tiny-whatif.yaml")
    oid, cid = edited
    assert saved.assessments[oid][cid].value == 0
    assert "What-if" in saved.assessments[oid][cid].rationale
    assert load_scenario(TINY).assessments[oid][cid].value != 0
