"""The first frame drawn from the session's outline, the scenario read in another process.

The outline must draw exactly what the session draws, the first frame must need neither
numpy nor pydantic (nor the scenario's model), what the user does before the scenario is
read must be done once it is, and a scenario that cannot be read must end the app with
its error.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tui_scenarios import hostile_scenario

from optionscope.io.errors import InputError, Located
from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Scenario
from optionscope.tui._outline import Reading, outline
from optionscope.tui._session import Session
from optionscope.tui.app import OptionscopeApp
from python_run import run_python

MakeApp = Callable[..., OptionscopeApp]
SIZES = [(80, 24), (100, 30), (200, 50)]


def reading(scenario: Scenario, method: str = "wsm") -> Reading:
    """The scenario as the read-ahead process sends it: its outline through pickle."""
    sent = pickle.loads(pickle.dumps(outline(Session(scenario, method=method))))
    return Reading(sent, lambda: scenario)


def screen(app: OptionscopeApp) -> list[list[tuple[str, object]]]:
    """The screen as the terminal shows it, each row's text and styles, above the footer
    (the app's keys, which it fills a few frames after the first, as any Textual app)."""
    rows = app.screen._compositor.render_strips()[:-1]
    return [[(s.text, s.style) for s in strip] for strip in rows]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize(
    ("scenario", "method"),
    [
        ("minusma-2023", "wsm"),
        ("monusco-2024", "wsm"),
        ("minusma-2023", "topsis"),
        ("minusma-2023", "promethee"),
        ("hostile", "wsm"),
    ],
)
async def test_the_outline_draws_the_first_frame_the_session_draws(
    make_app: MakeApp,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    scenario: str,
    method: str,
) -> None:
    s = hostile_scenario() if scenario == "hostile" else load_scenario(scenario)
    first: list[object] = []
    ready = OptionscopeApp.on_ready

    def on_ready(self: OptionscopeApp) -> None:  # the first frame, before the session is read
        first.append(screen(self))
        ready(self)

    monkeypatch.setattr(OptionscopeApp, "on_ready", on_ready)
    settled = []
    for source in (s, reading(s, method)):
        app = make_app(source, method=method)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert app._reading is None  # the session, read, in the outline's place
            settled.append(screen(app))
    assert first[1] == first[0]
    assert settled[1] == settled[0]


def test_an_outline_holds_plain_values_only() -> None:
    """No NumPy float or model object: it is unpickled where neither is imported."""
    sent = outline(Session(load_scenario("minusma-2023")))

    def plain(value: object) -> bool:
        if isinstance(value, (str, int, bool, type(None))):
            return True
        if type(value) is float:
            return True
        if isinstance(value, dict):
            return all(plain(k) and plain(v) for k, v in value.items())
        if isinstance(value, tuple):
            return all(plain(v) for v in value)
        module = type(value).__module__
        return module == "optionscope.tui._outline" and all(
            plain(getattr(value, f)) for f in value.__dataclass_fields__
        )

    assert plain(sent)


FIRST_FRAME_MODULES = """
import asyncio, json, pickle, sys
from optionscope.tui.app import OptionscopeApp
from optionscope.tui._outline import Reading

seen = {}

def read():
    seen["at the first frame"] = sorted(sys.modules)
    from optionscope.io.scenario_files import load_scenario
    return load_scenario("minusma-2023")

async def main():
    with open(sys.argv[1], "rb") as file:
        sent = pickle.load(file)
    app = OptionscopeApp(Reading(sent, read), blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        seen["ranked"] = [r.option for r in app.session.current.ranking]
    print(json.dumps(seen))

asyncio.run(main())
"""


def test_the_first_frame_from_an_outline_imports_neither_numpy_nor_pydantic(
    tmp_path: Path,
) -> None:
    """They and the model's classes took about as long to import as Textual itself."""
    session = Session(load_scenario("minusma-2023"))
    sent = tmp_path / "outline.pickle"
    sent.write_bytes(pickle.dumps(outline(session)))
    seen = run_python(FIRST_FRAME_MODULES, str(sent))
    loaded = set(seen["at the first frame"])
    assert "optionscope.tui.screens._main" in loaded  # the frame was made
    heavy = {"numpy", "pydantic", "pydantic_core", "yaml", "optionscope.model.scenario"}
    assert sorted(heavy & loaded) == []
    analyses = {m for m in loaded if m.startswith("optionscope.analysis.")}
    assert analyses == {"optionscope.analysis.method_names"}  # names, no analysis
    assert seen["ranked"] == [r.option for r in session.current.ranking]


async def test_keys_pressed_before_the_scenario_is_read_are_done_once_it_is(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = load_scenario("minusma-2023")
    read_now = OptionscopeApp._read_scenario
    monkeypatch.setattr(OptionscopeApp, "_read_scenario", lambda self: False)  # not yet
    app = make_app(reading(s))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right")
        await pilot.pause()
        assert app._reading is not None
        assert len(app._held) >= 2
        with pytest.raises(LookupError):
            _ = app.session
        assert read_now(app)
        await pilot.pause()
        first = s.criteria[0].id
        equal = 100 / len(s.criteria)
        assert app.session.weights[first] == pytest.approx(equal + 2)
        assert app._held == []


async def test_a_scenario_that_cannot_be_read_after_its_outline_ends_the_app_with_its_error(
    make_app: MakeApp,
) -> None:
    s = load_scenario("minusma-2023")
    error = InputError([Located("changed.yaml", 3, 5, "title", "it changed")])

    def read() -> Scenario:
        raise error

    app = make_app(Reading(reading(s).outline, read))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    assert app.read_error is error
    assert app.return_code == 2


def test_an_outline_or_a_resumed_session_needs_the_scenario(tiny: Scenario) -> None:
    with pytest.raises(ValueError, match="needs the scenario read"):
        OptionscopeApp(reading(tiny), resume=True)


READ_AHEAD = """
import json, sys
from optionscope.tui._read_ahead import read_ahead

got = read_ahead(sys.argv[1], sys.argv[2]).reading()
if got is None:
    print(json.dumps(None))
else:
    scenario = got.read()
    print(json.dumps({
        "title": got.outline.scenario.title,
        "ranked": [r.option for r in got.outline.current.ranking],
        "scores": [r.score for r in got.outline.current.ranking],
        "scenario": scenario.id,
    }))
"""


def _read_ahead(reference: str, method: str = "wsm", **env: str) -> Any:
    done = subprocess.run(
        [sys.executable, "-c", READ_AHEAD, reference, method],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # the reading process writes nothing to the terminal
    return json.loads(done.stdout)


@pytest.mark.parametrize("method", ["wsm", "promethee"])
def test_the_process_reading_ahead_sends_the_sessions_outline_and_the_scenario(
    method: str,
) -> None:
    got = _read_ahead("minusma-2023", method)
    session = Session(load_scenario("minusma-2023"), method=method)
    assert got == {
        "title": session.scenario.title,
        "ranked": [r.option for r in session.current.ranking],
        "scores": [float(r.score) for r in session.current.ranking],
        "scenario": session.scenario.id,
    }


def test_a_scenario_the_process_reading_ahead_cannot_read_is_read_again_here(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    assert _read_ahead(str(broken)) is None
    assert _read_ahead(str(tmp_path / "missing.yaml")) is None


def test_reading_ahead_only_where_a_fork_is_safe_and_helps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from optionscope.io import forked
    from optionscope.tui import _read_ahead

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(forked.os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(forked, "threads", lambda: 1)
    assert _read_ahead.can_read_ahead() is (sys.platform == "linux")
    monkeypatch.setattr(forked, "threads", lambda: 2)  # a fork copies one thread
    assert not _read_ahead.can_read_ahead()
    monkeypatch.setattr(forked, "threads", lambda: 1)
    monkeypatch.setattr(forked.os, "sched_getaffinity", lambda pid: {0})
    assert not _read_ahead.can_read_ahead()
    monkeypatch.setattr(forked.os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    assert not _read_ahead.can_read_ahead()


def test_the_process_reading_ahead_is_started_before_textual_is_imported() -> None:
    """It starts as soon as the command line is read: importing Textual first (0.1 s)
    left the UI waiting for it."""
    loaded = set(
        run_python(
            "import sys, json; import optionscope.cli, optionscope.cli.session_start,"
            " optionscope.io.settings, optionscope.tui._read_ahead;"
            " print(json.dumps(sorted(sys.modules)))"
        )
    )
    assert sorted({"textual", "rich", "numpy", "pydantic", "click"} & loaded) == []
