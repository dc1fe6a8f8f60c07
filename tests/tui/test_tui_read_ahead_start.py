"""The app starts while its scenario is read in another process (`tui._read_ahead`): its
styles are parsed and the terminal made ready before it waits for the outline, which it
needs only for its first screen; a scenario neither process can read ends the app with
its error, and a reading the app never took is ended."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from optionscope.io import forked
from optionscope.io.errors import InputError
from optionscope.io.scenario_files import load_scenario
from optionscope.io.settings import Settings
from optionscope.tui._read_ahead import ReadAhead, read_ahead
from optionscope.tui.app import OptionscopeApp

MakeApp = Callable[..., OptionscopeApp]


@pytest.fixture
def forks(forks: list[int]) -> Iterator[list[int]]:
    """The processes forked, as started; each must have ended when the test is done."""
    yield forks
    for pid in forks:
        with pytest.raises(ChildProcessError):  # ended and waited for: none left behind
            os.waitpid(pid, os.WNOHANG)


async def test_the_app_starts_while_the_scenario_is_read_and_waits_only_for_its_first_screen(
    make_app: MakeApp, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    done: list[str] = []
    on_load, reading = OptionscopeApp.on_load, ReadAhead.reading

    def styles_parsed(app: OptionscopeApp) -> None:
        on_load(app)
        if not app.stylesheet._require_parse:  # parsed now, not when first applied
            done.append("styles parsed")

    def outline_taken(ahead: ReadAhead) -> object:
        done.append("outline taken")
        return reading(ahead)

    monkeypatch.setattr(OptionscopeApp, "on_load", styles_parsed)
    monkeypatch.setattr(ReadAhead, "reading", outline_taken)
    ahead = read_ahead("minusma-2023", "wsm")
    assert ahead is not None and len(forks) == 1
    app = make_app(ahead)
    assert done == []  # made, not started: nothing waited for yet
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert done == ["styles parsed", "outline taken"]
        assert app.session.scenario.id == "minusma-2023"  # read, once drawn
        leader = app.session.current.ranking[0].option
        name = next(o.short or o.name for o in app.session.scenario.options if o.id == leader)
        text = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert name in text
    assert app.read_error is None


async def test_a_scenario_neither_process_can_read_ends_the_app_with_its_error(
    make_app: MakeApp, forks: list[int], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\ntitle: [unclosed\n", encoding="utf-8")
    ahead = read_ahead(str(broken), "wsm")
    assert ahead is not None
    app = make_app(ahead)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    with pytest.raises(InputError) as alone:
        load_scenario(str(broken))
    assert isinstance(app.read_error, InputError)
    assert str(app.read_error) == str(alone.value)
    assert "broken.yaml:3:1: YAML syntax" in str(app.read_error)
    assert app.return_code == 2


async def test_a_scenario_the_other_process_did_not_hand_over_is_read_here(
    make_app: MakeApp, forks: list[int]
) -> None:
    def fails() -> bytes:
        raise RuntimeError("as a process that was ended would")

    started = forked.fork(fails)
    assert started is not None
    app = make_app(ReadAhead(started, "minusma-2023"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app._reading is None  # the session itself, from the first screen
        assert app.session.scenario.id == "minusma-2023"
    assert app.read_error is None


def test_a_reading_the_app_did_not_take_is_ended(
    forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from optionscope.cli import session_start
    from optionscope.tui import _read_ahead

    monkeypatch.setattr(_read_ahead, "can_read_ahead", lambda: True)
    settings = Settings(theme="no-such-theme")
    with pytest.raises(InputError, match="unknown theme"):  # before the app starts
        session_start.open_session("minusma-2023", resume=False, method="wsm", settings=settings)
    assert len(forks) == 1
