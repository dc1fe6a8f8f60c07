"""The first frame shows the main screen laid out as it settles, and nothing is made
again when the first resize events arrive. (Two things still come a frame later, as in
any Textual app: the footer's keys, and a scroll bar where a pane turns out to scroll.)

Textual sends a widget its size only after the first layout; anything built from that
size in a resize handler is wrong in the first frame and drawn twice. And a screen pushed
from the app's `on_mount` is laid out and drawn inside the app's start-up batch, where
that frame is thrown away, then drawn again.
"""

from __future__ import annotations

import gc
import importlib.abc
import importlib.machinery
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from optionscope.io.scenario_files import load_scenario
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.screens import MainScreen
from optionscope.tui.widgets import WeightList
from python_run import run_python

MakeApp = Callable[..., OptionscopeApp]
SIZES = [(60, 20), (100, 30), (130, 40)]


async def test_the_main_screen_is_the_apps_first_screen_not_one_pushed_over_a_blank_one(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen_stack == [app.main_screen]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_main_screen_starts_with_the_layout_it_settles_on(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """The size classes and the weights pane's width are there before the first layout."""
    at_mount: dict[str, Any] = {}
    mount = MainScreen.on_mount

    def on_mount(self: MainScreen) -> None:  # before the first layout and resize event
        at_mount["classes"] = set(self.classes)
        at_mount["pane"] = self.query_one("#weights-pane").styles.width
        mount(self)

    monkeypatch.setattr(MainScreen, "on_mount", on_mount)
    app = make_app(load_scenario("minusma-2023"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.main_screen
        assert at_mount == {
            "classes": set(screen.classes),
            "pane": screen.query_one("#weights-pane").styles.width,
        }


@pytest.mark.parametrize("size", SIZES[1:], ids=[f"{w}x{h}" for w, h in SIZES[1:]])
async def test_the_weights_are_drawn_for_the_lists_width_in_the_first_frame(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """(Where the list scrolls, as at 60x20, Textual adds its scroll bar after the first
    layout, and the rows are drawn again a cell narrower.)"""
    first: dict[int, str] = {}
    render_line = WeightList.render_line

    def first_render(self: WeightList, y: int) -> Any:
        strip = render_line(self, y)
        first.setdefault(y, strip.text)
        return strip

    monkeypatch.setattr(WeightList, "render_line", first_render)
    app = make_app(load_scenario("minusma-2023"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        weights = app.main_screen.query_one(WeightList)
        assert first
        assert first == {y: render_line(weights, y).text for y in first}


async def test_a_resize_that_changes_nothing_there_leaves_the_criterion_panel_alone(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(load_scenario("minusma-2023"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        info = app.main_screen.query_one("#criterion-info", Static)
        shown = info.render()
        updates: list[object] = []
        monkeypatch.setattr(info, "update", lambda *args, **kwargs: updates.append(args))
        await pilot.resize_terminal(101, 30)
        await pilot.pause()
        assert updates == []
        assert info.render() == shown
        await pilot.resize_terminal(100, 18)  # less room: the description goes
        await pilot.pause()
        assert updates


class _RecordingLoader(importlib.abc.Loader):
    """Stands in for `optionscope.tui.app`: records whether the collector is on while the
    module is imported and while its app runs."""

    def __init__(self, seen: dict[str, object]) -> None:
        self.seen = seen

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        self.seen["collecting while imported"] = gc.isenabled()

        def run_app(scenario: object, **settings: object) -> None:
            self.seen["collecting while running"] = gc.isenabled()
            self.seen["settings"] = settings

        module.run_app = run_app  # type: ignore[attr-defined]


class _Finder(importlib.abc.MetaPathFinder):
    def __init__(self, loader: _RecordingLoader) -> None:
        self.loader = loader

    def find_spec(self, name: str, path: object = None, target: object = None) -> Any:
        if name != "optionscope.tui.app":
            return None
        return importlib.machinery.ModuleSpec(name, self.loader)


def test_no_collection_runs_while_textual_is_imported_and_the_first_screen_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """About a tenth of the time to the first frame went to the garbage collector walking
    the objects just made, all of which are kept."""
    import optionscope.tui

    seen: dict[str, object] = {}
    # the real module is put back afterwards, in sys.modules and on its package
    monkeypatch.setattr(optionscope.tui, "app", sys.modules["optionscope.tui.app"], raising=False)
    monkeypatch.delitem(sys.modules, "optionscope.tui.app")
    monkeypatch.setattr(sys, "meta_path", [_Finder(_RecordingLoader(seen)), *sys.meta_path])
    from optionscope.tui import run_app

    assert gc.isenabled()
    run_app(load_scenario("minusma-2023"))
    assert gc.isenabled()
    assert seen == {
        "collecting while imported": False,
        "collecting while running": False,
        "settings": {
            "resume": False,
            "method": "wsm",
            "settings": None,
            "collect_when_drawn": True,
        },
    }


@pytest.mark.parametrize("collect_when_drawn", [True, False])
async def test_the_app_collects_again_once_its_first_frame_is_drawn(
    make_app: MakeApp, collect_when_drawn: bool
) -> None:
    app = make_app(collect_when_drawn=collect_when_drawn)
    gc.disable()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert gc.isenabled() is collect_when_drawn
    finally:
        gc.enable()


FIRST_FRAME_THEN_MODULES = """
import asyncio, json, sys
from optionscope.io.scenario_files import load_scenario
from optionscope.tui import create_app

async def main():
    app = create_app(load_scenario(sys.argv[1]), blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        print(json.dumps(sorted(sys.modules)))

asyncio.run(main())
"""


def test_what_only_the_other_screens_need_is_left_until_they_are_opened() -> None:
    loaded = set(run_python(FIRST_FRAME_THEN_MODULES, "minusma-2023"))
    assert "optionscope.tui.screens._main" in loaded
    other_screens = {
        f"optionscope.tui.screens._{name}"
        for name in ("detail", "head_to_head", "help", "sensitivity", "uncertainty", "elicit")
    }
    assert sorted(other_screens & loaded) == []
    # of the analyses, only the ranking and its explanation
    analyses = {m for m in loaded if m.startswith("optionscope.analysis.")}
    names = ("method_names", "ranking", "value", "explain", "ties")  # minusma has a tie
    assert analyses == {f"optionscope.analysis.{m}" for m in names}


FIRST_FRAME_WITH_STATE_THEN_MODULES = """
import asyncio, json, sys
from optionscope.io.scenario_files import load_scenario
from optionscope.tui import create_app

async def main():
    app = create_app(load_scenario(sys.argv[1]), blink=False, state_dir=sys.argv[2])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        print(json.dumps(sorted(sys.modules)))

asyncio.run(main())
"""


def test_a_start_with_no_session_kept_and_a_stored_scenario_reads_no_yaml(
    tmp_path: Path,
) -> None:
    """The app looks for a kept session on every start; with none kept, and the scenario
    from the cache, PyYAML is not imported before the first frame."""

    def modules_loaded() -> set[str]:
        return set(run_python(FIRST_FRAME_WITH_STATE_THEN_MODULES, "minusma-2023", str(tmp_path)))

    modules_loaded()  # the scenario read and stored
    assert "optionscope.tui._last_session" in (loaded := modules_loaded())
    assert "yaml" not in loaded


KEPT_THEN_FIRST_FRAME = """
import asyncio, json, sys
from optionscope.io.scenario_files import load_scenario
from optionscope.tui import create_app
from optionscope.tui.app import OptionscopeApp

seen = {}
ready = OptionscopeApp.on_ready

def on_ready(self):  # the first frame is on the terminal
    seen["yaml at the first frame"] = "yaml" in sys.modules
    ready(self)

OptionscopeApp.on_ready = on_ready

async def main():
    scenario = load_scenario(sys.argv[1])
    app = create_app(scenario, blink=False, state_dir=sys.argv[2])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        seen["notices"] = [n.message for n in app._notifications]
    print(json.dumps(seen))

asyncio.run(main())
"""


def test_a_kept_session_is_looked_for_after_the_first_frame_and_still_told(
    tmp_path: Path,
) -> None:
    """Its file is YAML: read before the first frame, it cost the reader's import."""
    from optionscope.tui._last_session import last_session_file

    scenario = load_scenario("minusma-2023")
    kept = last_session_file(tmp_path, scenario.id)
    kept.parent.mkdir(parents=True)
    kept.write_text(
        "weights:\n" + "".join(f"  {c.id}: 2\n" for c in scenario.criteria), encoding="utf-8"
    )
    subprocess.run(  # the scenario read and stored: from the cache below
        [sys.executable, "-c", "from optionscope.io.scenario_files import load_scenario as l;"
         " l('minusma-2023')"],
        check=True,
        timeout=120,
    )  # fmt: skip
    seen = run_python(KEPT_THEN_FIRST_FRAME, "minusma-2023", str(tmp_path))
    assert seen["yaml at the first frame"] is False
    assert any("--resume" in notice for notice in seen["notices"])
