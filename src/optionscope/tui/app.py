"""The optionscope Textual app, built by `create_app` from a scenario and settings."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.theme import Theme

from optionscope.io.errors import InputError
from optionscope.io.settings import Settings
from optionscope.tui import refuse_without_a_terminal
from optionscope.tui._outline import Reading
from optionscope.tui._read_ahead import ReadAhead
from optionscope.tui.commands import OptionscopeCommands
from optionscope.tui.screens import MainScreen
from optionscope.tui.screens._modals import ConfirmModal, PickModal, PromptModal
from optionscope.tui.widgets import WeightList

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario
    from optionscope.tui._session import Edits, Session

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF80FF",
    warning="#FFB000",
    error="#FF5050",
    success="#40FF40",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#303030",
    dark=True,
)
"""White on black with saturated accents, for low vision or bright rooms."""


class OptionscopeApp(App[None]):
    """Weigh the criteria of a scenario, see the ranking and why, compare the options."""

    def run(self, *, headless: bool = False, **options: Any) -> Any:
        """Run in this terminal; refused where input or output is not one
        (`refuse_without_a_terminal`). Returns what the app exits with."""
        if not headless:
            refuse_without_a_terminal()
        return super().run(headless=headless, **options)

    CSS_PATH = "optionscope.tcss"
    TITLE = "optionscope"
    COMMANDS = App.COMMANDS | {OptionscopeCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", id="app.help", key_display="?"),
        Binding(
            "X",
            "export_svg",
            "Export SVG",
            show=False,
            id="app.export_svg",
            tooltip="The screen as an SVG image",
        ),
    ]

    def __init__(
        self,
        scenario: Scenario | Reading | ReadAhead,
        *,
        method: str = "wsm",
        profile: str | None = None,
        top: int = 12,
        directory: str | Path | None = None,
        blink: bool = True,
        state_dir: str | Path | None = None,
        resume: bool = False,
        theme: str | None = None,
        keymap: Mapping[str, str] | None = None,
        collect_when_drawn: bool = False,
    ) -> None:
        super().__init__()
        self.register_theme(HIGH_CONTRAST)
        if theme is not None:
            self.theme = theme  # an unknown name raises InvalidThemeError
        if keymap:
            self.set_keymap(dict(keymap))
        self.blink = blink
        """Blink the text cursor (tests switch it off for stable snapshots)."""
        self.top = top
        self.directory = Path(directory) if directory is not None else Path.cwd()
        self.state_dir = Path(state_dir) if state_dir is not None else None
        """Where the last session is kept on quit; None keeps nothing."""
        self.resume = resume
        self._ahead: ReadAhead | None = None
        """The scenario being read in another process, until the first screen is made."""
        self._reading: Reading | None = None
        """The scenario being read, drawn from its outline until it is (then None)."""
        self._held: list[events.Event] = []
        """What the user did before the scenario was read: done once it is."""
        self._session: Session | None = None
        self.read_error: InputError | OSError | None = None
        """Why the scenario could not be read once the app had started, if it could not."""
        if isinstance(scenario, Reading | ReadAhead):
            if profile is not None or resume:
                raise ValueError("a profile or a resumed session needs the scenario read")
            if isinstance(scenario, Reading):
                self._reading = scenario
            else:
                self._ahead = scenario
            self._method = method
        else:
            self.session = self._start_session(scenario, method, profile)
        self._quitting = False
        self._collect_when_drawn = collect_when_drawn
        """Turn the garbage collector back on once the first frame is drawn (`run_app`
        turns it off until then)."""

    @staticmethod
    def _start_session(scenario: Scenario, method: str, profile: str | None = None) -> Session:
        from optionscope.tui._session import Session

        session = Session(scenario, method=method)
        if profile is not None:
            session.apply_profile(profile)
        session.mark_start()
        return session

    @property
    def session(self) -> Session:
        """The session: what the analyst weighs and sees."""
        if self._session is None:
            raise LookupError("the scenario is not read yet")
        return self._session

    @session.setter
    def session(self, session: Session) -> None:
        self._session = session

    @property
    def main_screen(self) -> MainScreen:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("no main screen")

    def on_load(self) -> None:
        """Parse the styles now: while the scenario may still be read in another process
        (`get_default_screen` waits for it), rather than after."""
        self.stylesheet.parse()

    def get_default_screen(self) -> Screen[Any]:
        """The main screen, at the bottom of the stack, composed as the app starts and
        drawn as soon as it is laid out. (Pushed from `on_mount`, it was laid out and drawn
        inside the app's start-up batch, that frame thrown away, and drawn again after.)"""
        if self._ahead is not None and not self._take_ahead():
            return Screen()  # the app ends with the error (`read_error`)
        if self._reading is not None:
            return MainScreen(self._reading.outline, self.top)
        if self.resume:
            self.restore_last_session(shown=False)
        return MainScreen(self.session, self.top)

    def on_ready(self) -> None:
        """The first frame is on the terminal: the collector may run again, and the kept
        session be looked for (its file is read with the YAML reader, a twentieth of the
        time to the first frame, which its notice can follow)."""
        if self._reading is not None and not self._read_scenario():
            return
        if self._collect_when_drawn:  # after the scenario is read: it makes no cycles
            gc.enable()
        if self._kept_session() is not None:
            self.notify(
                "Your last weights for this scenario are kept: "
                "^p Restore last session, or start with --resume.",
                markup=False,
            )

    def _take_ahead(self) -> bool:
        """Take the outline of the scenario read in another process, once it is handed over:
        the app has started meanwhile (its styles parsed, the terminal made ready). If that
        process could not read it, read it here; False if it cannot be: the app ends with
        the error (`read_error`), said as if it had never started."""
        assert self._ahead is not None
        ahead, self._ahead = self._ahead, None
        reading = ahead.reading()
        if reading is not None:
            self._reading = reading
            return True
        from optionscope.io.scenario_files import load_scenario

        try:
            scenario = load_scenario(ahead.reference)
        except (InputError, OSError) as err:
            self.read_error = err
            self.call_later(self.exit, return_code=2)  # once the blank screen is mounted
            return False
        self.session = self._start_session(scenario, self._method)
        return True

    def _read_scenario(self) -> bool:
        """Read the scenario the first frame was drawn from its outline, and put its session
        in the outline's place; then do what the user did meanwhile. False if it could not
        be read (it changed since): the app ends with the error (`read_error`)."""
        assert self._reading is not None
        try:
            scenario = self._reading.read()
        except (InputError, OSError) as err:
            self.read_error = err
            self.exit(return_code=2)
            return False
        self.session = self._start_session(scenario, self._method)
        self._reading = None
        self.main_screen.adopt(self.session)
        held, self._held = self._held, []
        for event in held:
            self.post_message(event)
        return True

    async def on_event(self, event: events.Event) -> None:
        """Until the scenario is read, what the user does waits for it (it is done then, in
        order): the outline only draws."""
        held = self._reading is not None and isinstance(event, events.InputEvent)
        if held and not event.is_forwarded:
            self._held.append(event)
            return
        await super().on_event(event)

    # The last session ------------------------------------------------------------

    def _kept_session(self) -> Edits | None:
        """The kept session, if there is one that fits and differs from the start."""
        from optionscope.tui._last_session import NotRestored, recall

        if self.state_dir is None or self.resume:
            return None
        try:
            kept = recall(self.session.scenario, self.state_dir)
        except NotRestored:
            return None
        if kept is None or kept == self.session.edits():
            return None
        return kept

    def restore_last_session(self, shown: bool = True) -> None:
        """Put back the weights and what-if values the last session on this scenario ended with."""
        from optionscope.tui._last_session import NotRestored, recall

        if self.state_dir is None:
            self.notify("Nothing is kept between sessions here.", severity="warning")
            return
        try:
            kept = recall(self.session.scenario, self.state_dir)
        except NotRestored as err:
            self.notify(
                str(err), title="Last session not restored", severity="warning", markup=False
            )
            return
        if kept is None:
            self.notify("No earlier session on this scenario was kept.", severity="warning")
            return
        self.session.apply_edits(kept, "restore of the last session")
        if shown:  # False before the main screen is up
            self.main_screen.refresh_views()
        self.notify("Restored the last session's weights and what-if values (^z undoes).")

    def _keep_session(self) -> None:
        from optionscope.tui._last_session import remember

        if self.state_dir is None:
            return
        # nothing to tell once the app is gone; losing the work was confirmed
        with suppress(OSError):
            remember(self.session, self.state_dir)

    async def action_quit(self) -> None:
        """Quit, asking first when weights or what-if values are not saved to a file."""
        lost = self.session.unsaved_work()
        if not lost:
            self._keep_session()
            self.exit()
            return
        if self._quitting:  # the question is already on screen
            return
        self._quitting = True
        kept = (
            " They are kept for `optionscope tui --resume`." if self.state_dir is not None else ""
        )
        question = f"Quit? Not saved to a file: {' and '.join(lost)}.{kept}"

        def answered(yes: bool | None) -> None:
            self._quitting = False
            if yes:
                self._keep_session()
                self.exit()

        self.push_screen(ConfirmModal(question), answered)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The framework's palette entries, less those optionscope has its own of: the keys
        (`Keys (help)`) and the screenshot (`Export SVG screenshot…`)."""
        for command in super().get_system_commands(screen):
            if command.title not in {"Keys", "Screenshot"}:
                yield command

    def action_export_svg(self) -> None:
        """Save the screen as it is now, without the notifications over it, as an SVG."""
        from textual.widgets._toast import ToastRack

        racks = list(self.screen.query(ToastRack))
        for rack in racks:
            rack.display = False
        self.screen.refresh(layout=True)

        def take() -> None:
            svg = self.export_screenshot()
            for rack in racks:
                rack.display = True
            self._save_screenshot(svg)

        self.call_after_refresh(take)

    def _save_screenshot(self, svg: str) -> None:
        from optionscope.tui.screens._files import ask_and_save, unused_name

        name = unused_name(self.directory, f"{self.session.scenario.id}-screen", ".svg")
        ask_and_save(self, self.directory, "SVG screenshot", name, lambda: svg)

    def help_sections(self) -> list[tuple[str, type[DOMNode]]]:
        from optionscope.tui.screens import (
            DetailScreen,
            ElicitScreen,
            HeadToHeadScreen,
            HelpScreen,
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
        from optionscope.tui.screens import HelpScreen

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
        from optionscope.tui._session import Session

        self.session = Session(scenario, method=self.session.method)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.main_screen.show_session(self.session)


def create_app(scenario: Scenario | Reading | ReadAhead, **settings: Any) -> OptionscopeApp:
    """The app for a scenario.

    Settings: `method` (a key of analysis.ranking.METHODS), `profile` (id to start from),
    `top` (options drawn as bars), `directory` (where files are saved; default the
    current directory), `blink` (text-cursor blink), `state_dir` (where the last session
    is kept on quit; default none), `resume` (start from the session kept there).
    """
    return OptionscopeApp(scenario, **settings)


def run_app(
    scenario: Scenario | Reading | ReadAhead,
    *,
    resume: bool = False,
    method: str = "wsm",
    settings: Settings | None = None,
    collect_when_drawn: bool = False,
) -> None:
    """Run the interactive session on a scenario until the user quits.

    The session's weights and what-if values are kept on quit in the platform's state
    directory; `resume` starts from the ones kept for this scenario. `settings` gives the
    theme and key bindings; a theme Textual does not know is an InputError at its line.
    `collect_when_drawn`: the caller turned the garbage collector off for the start-up;
    the app turns it on again once its first frame is drawn. A `Reading` draws the first
    frame from the scenario's outline and reads the scenario then; if it cannot (the file
    changed meanwhile), the app ends and the error is raised. A `ReadAhead` gives the
    outline once the app has started (or the scenario, read here if the other process
    could not: its error is raised likewise).
    """
    from textual.theme import BUILTIN_THEMES

    from optionscope.tui._last_session import state_directory

    settings = settings or Settings()
    if settings.theme is not None and settings.theme not in {*BUILTIN_THEMES, HIGH_CONTRAST.name}:
        known = ", ".join(sorted({*BUILTIN_THEMES, HIGH_CONTRAST.name}))
        raise settings.error("theme", f"unknown theme {settings.theme!r}; choose from {known}")
    if settings.keymap:
        from optionscope.tui._keys import check_keymap

        check_keymap(settings)
    app = create_app(
        scenario,
        state_dir=state_directory(),
        resume=resume,
        method=method,
        theme=settings.theme,
        keymap=settings.keymap,
        collect_when_drawn=collect_when_drawn,
    )
    app.run()
    if app.read_error is not None:
        raise app.read_error
