"""The workshop app: a join screen, then the participant's screen or the facilitator's dashboard.

One app serves both roles: the code typed on the join screen decides (the
workshop's join code, or the facilitator code). `optionscope workshop join`,
`facilitate` and every browser session of `workshop serve` run it.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any, Literal

from textual.app import App

from optionscope.tui import refuse_without_a_terminal
from optionscope.tui.workshop._state import WorkshopInfo, load_info
from optionscope.tui.workshop.screens import JoinScreen

STYLESHEETS: list[str | PurePath] = [
    Path(__file__).resolve().parent.parent / "optionscope.tcss",  # dialogs, weights, chart
    Path(__file__).resolve().parent / "workshop.tcss",
]

POLL_SECONDS = 2.0
"""How often the screens read the store for new submissions, events and rounds."""

Role = Literal["join", "facilitate", "project"]


class WorkshopApp(App[None]):
    """A participant's or the facilitator's view of one workshop store."""

    def run(self, *, headless: bool = False, **options: Any) -> Any:
        """Run in this terminal; refused where input or output is not one
        (`refuse_without_a_terminal`). Returns what the app exits with."""
        if not headless:
            refuse_without_a_terminal()
        return super().run(headless=headless, **options)

    CSS_PATH = STYLESHEETS
    TITLE = "optionscope workshop"

    def __init__(
        self,
        info: WorkshopInfo,
        *,
        role: Role = "join",
        poll_seconds: float = POLL_SECONDS,
        blink: bool = True,
    ) -> None:
        super().__init__()
        self.info = info
        self.role: Role = role
        self.poll_seconds = poll_seconds
        """Seconds between reads of the store (tests use a fraction of a second)."""
        self.blink = blink
        """Blink the text cursor (tests switch it off for stable snapshots)."""
        self.facilitator_code: str | None = None
        """The facilitator code once it has been checked; passed to every facilitator action."""

    def on_mount(self) -> None:
        if self.role == "project":
            from optionscope.tui.workshop.screens._projector import ProjectorScreen

            self.push_screen(ProjectorScreen(self.info))
            return
        self.push_screen(JoinScreen(self.info, facilitator=self.role == "facilitate"))


def create_workshop_app(db: str | Path, **settings: object) -> WorkshopApp:
    """The app on a workshop store (checked and read here: a bad store is an InputError).

    Settings: `role` ("join", "facilitate" or "project"), `poll_seconds`, `blink`.
    """
    return WorkshopApp(load_info(db), **settings)  # type: ignore[arg-type]


def run_workshop_app(db: str | Path, role: Role) -> None:
    create_workshop_app(db, role=role).run()
