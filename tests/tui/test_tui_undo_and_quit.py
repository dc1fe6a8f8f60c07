"""Nothing is lost by accident: undo and redo, questions before work is discarded, the last
session kept on quit and restored when asked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from optionscope.tui._last_session import last_session_file
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.screens import ConfirmModal, MainScreen

MakeApp = Callable[..., OptionscopeApp]
ChartFollows = Callable[[OptionscopeApp, dict[str, float]], None]


def notices(app: OptionscopeApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_ctrl_z_undoes_weight_changes_and_ctrl_y_redoes_them(
    make_app: MakeApp, chart_follows: ChartFollows
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        start = dict(app.session.weights)
        await pilot.press("right", "right", "down", "9", "enter")
        await pilot.pause()
        changed = dict(app.session.weights)
        assert changed["safety"] == 9
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        await pilot.pause()
        assert app.session.weights == start
        chart_follows(app, start)
        await pilot.press("ctrl+y", "ctrl+y", "ctrl+y")
        await pilot.pause()
        assert app.session.weights == changed
        chart_follows(app, changed)
        assert "Redid the weight of Safety." in notices(app)


async def test_ctrl_z_undoes_a_what_if_edit(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        start = app.session.current
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("4", "2", "enter")
        await pilot.pause()
        assert len(app.session.overrides) == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.overrides == {}
        assert app.session.current == start
        assert "What-if edits" not in str(app.screen.query_one("#status").render())


async def test_nothing_to_undo_is_said_and_u_never_undoes_zero_edits(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+z", "u")
        await pilot.pause()
        assert "Nothing to undo." in notices(app)
        assert not any(n.startswith("Undid 0") for n in notices(app))


async def test_q_asks_before_unsaved_weights_are_lost(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "changed weights" in app.screen.question.plain
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.is_running
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_code == 0


async def test_q_quits_at_once_once_the_weights_are_saved(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "w")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert list(tmp_path.glob("*weights*.yaml"))
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_the_last_session_is_kept_on_quit_and_restored_with_resume(
    make_app: MakeApp, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    app = make_app(state_dir=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "7", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("5", "enter", "q", "y")
        await pilot.pause()
    kept_weights = dict(app.session.weights)
    kept_edits = dict(app.session.overrides)
    assert kept_edits and last_session_file(state, "tiny").exists()

    plain = make_app(state_dir=state)
    async with plain.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert plain.session.weights != kept_weights  # kept, not imposed
        assert any("--resume" in n for n in notices(plain))

    again = make_app(state_dir=state, resume=True)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.session.weights == pytest.approx(kept_weights)
        assert again.session.overrides == kept_edits
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert again.session.overrides == {}


async def test_a_kept_session_that_no_longer_fits_is_not_restored(
    make_app: MakeApp, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    path = last_session_file(state, "tiny")
    path.parent.mkdir(parents=True)
    path.write_text("weights: {cost: 1, comfort: 2}\n", encoding="utf-8")
    app = make_app(state_dir=state, resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.session.weights_label == "equal weights"
        assert any("criteria changed" in n for n in notices(app))
