"""The optionscope Textual app, built by `create_app` from a scenario and settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from optionscope.io.errors import InputError
from optionscope.model.scenario import Scenario
from optionscope.tui._session import Session
from optionscope.tui.commands import OptionscopeCommands
from optionscope.tui.screens import DetailScreen, HeadToHeadScreen, HelpScreen, MainScreen
from optionscope.tui.screens._modals import ConfirmModal, PickModal, PromptModal
from optionscope.tui.widgets import WeightList


class OptionscopeApp(App[None]):
    """Weigh the criteria of a scenario, see the ranking and why, compare the options."""

    CSS_PATH = "optionscope.tcss"
    TITLE = "optionscope"
    COMMANDS = App.COMMANDS | {OptionscopeCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", id="app.help", key_display="?"),
    ]

    def __init__(
        self,
        scenario: Scenario,
        *,
        method: str = "wsm",
        profile: str | None = None,
        top: int = 12,
        directory: str | Path | None = None,
        blink: bool = True,
    ) -> None:
        super().__init__()
        self.blink = blink
        """Blink the text cursor (tests switch it off for stable snapshots)."""
        self.top = top
        self.directory = Path(directory) if directory is not None else Path.cwd()
        self.session = Session(scenario, method=method)
        if profile is not None:
            self.session.apply_profile(profile)
            self.session.previous = None

    @property
    def main_screen(self) -> MainScreen:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("no main screen")

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.session, self.top))

    def help_sections(self) -> list[tuple[str, type[DOMNode]]]:
        from optionscope.tui.screens import (
            ElicitScreen,
            SensitivityScreen,
            UncertaintyScreen,
            ValueCostScreen,
        )

        return [
            ("Everywhere", type(self)),
            ("Weights list (main screen, left)", WeightList),
            ("Main screen", MainScreen),
            ("Option detail", DetailScreen),
            ("Head to head", HeadToHeadScreen),
            ("Sensitivity", SensitivityScreen),
            ("Uncertainty (SMAA)", UncertaintyScreen),
            ("Value vs cost", ValueCostScreen),
            ("Elicit weights", ElicitScreen),
            ("Lists in dialogs", PickModal),
            ("Typing in dialogs", PromptModal),
            ("Questions", ConfirmModal),
            ("This help", HelpScreen),
        ]

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections()))

    def open_reference(self, reference: str) -> None:
        """Open a bundled scenario id or a scenario file, replacing the current one."""
        from optionscope.io.scenario_files import load_scenario

        try:
            scenario = load_scenario(reference)
        except InputError as err:
            self.notify(str(err), title="Scenario not opened", severity="error", markup=False)
            return
        except OSError as err:
            self.notify(f"Cannot read {reference}: {err}", severity="error", markup=False)
            return
        self.open_scenario(scenario)

    def open_scenario(self, scenario: Scenario) -> None:
        self.session = Session(scenario, method=self.session.method)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(MainScreen(self.session, self.top))


def create_app(scenario: Scenario, **settings: Any) -> OptionscopeApp:
    """The app for a scenario.

    Settings: `method` (a key of analysis.ranking.METHODS), `profile` (id to start from),
    `top` (options drawn as bars), `directory` (where files are saved; default the
    current directory), `blink` (text-cursor blink).
    """
    return OptionscopeApp(scenario, **settings)


def run_app(scenario: Scenario) -> None:
    """Run the interactive session on a scenario until the user quits."""
    create_app(scenario).run()
