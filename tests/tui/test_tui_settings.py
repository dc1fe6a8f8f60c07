"""Settings in the session: remapped keys, the AZERTY digit row, themes, NO_COLOR."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from optionscope.io.settings import KEYBOARDS
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.screens import HelpScreen, MainScreen, PromptModal
from optionscope.tui.screens._help import help_lines
from optionscope.tui.widgets import WeightList

MakeApp = Callable[..., OptionscopeApp]


async def test_a_remapped_key_raises_the_weight_and_the_old_one_no_longer_does(
    make_app: MakeApp,
) -> None:
    app = make_app(keymap={"weight.up": "k"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = app.session.weights["cost"]
        await pilot.press("k", "k")
        await pilot.pause()
        after_k = app.session.weights["cost"]
        await pilot.press("right")
        await pilot.pause()
        assert after_k == pytest.approx(before + 2)
        assert app.session.weights["cost"] == after_k


async def test_azerty_users_type_a_weight_on_the_unshifted_digit_row(make_app: MakeApp) -> None:
    app = make_app(keymap=KEYBOARDS["azerty"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "ç")  # the 9 key unshifted
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await pilot.press("à", "enter")  # the 0 key, unshifted, in the prompt too
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.session.weights["speed"] == 90
        # `-` is the 6 on that row: it starts typing a 6, it does not take points away
        before = dict(app.session.weights)
        await pilot.press("minus")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.weights == before


async def test_help_lists_the_keys_as_remapped(make_app: MakeApp) -> None:
    app = make_app(keymap={"weight.up": "k"})
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = [line.plain for line in help_lines(app, app.help_sections())]
        more = next(line for line in lines if line.endswith("More weight"))
        assert more.split()[0] == "k"


async def test_the_high_contrast_theme_can_be_chosen(make_app: MakeApp) -> None:
    app = make_app(theme="high-contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "high-contrast"
        assert app.screen.query_one(WeightList).styles.background.hex.upper() in {
            "#000000",
            "#202020",
        }


@pytest.mark.parametrize("no_color", [True, False])
async def test_no_color_drops_every_colour_from_the_screen(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, no_color: bool
) -> None:
    import re

    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        svg = app.export_screenshot()
    # the text styles and cell backgrounds, not the window frame drawn around the export
    # (its circles, its title, and r1: the exporter's own default text colour)
    text = re.findall(r"-r(?!1 )\d+ \{ fill: (#[0-9a-fA-F]{6})", svg)
    cells = re.findall(r"<rect fill=\"(#[0-9a-fA-F]{6})\"", svg)
    colours = {c.lower() for c in text + cells}
    greys = {c for c in colours if c[1:3] == c[3:5] == c[5:7]}
    assert len(colours) > 2
    assert (colours == greys) is no_color  # without NO_COLOR the screen has colours
