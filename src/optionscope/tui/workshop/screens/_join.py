"""The join screen: the workshop's join code and a name, or the facilitator code.

A name typed proves nothing: the screen never says whether a name has taken
part (in an anonymous workshop) and never hands over anyone's submission. A
participant coming back types the personal code their first submission gave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static

from optionscope.io.errors import InputError
from optionscope.tui._text import literal
from optionscope.tui.screens import PickModal
from optionscope.tui.workshop import _views as views
from optionscope.tui.workshop._state import (
    CodeKind,
    WorkshopInfo,
    check_name_free,
    connect,
    identify_code,
    message,
    returning_member,
    shown_name,
)
from optionscope.workshop import codes
from optionscope.workshop.entries import MAX_NAME, check_participant_name

if TYPE_CHECKING:
    from optionscope.tui.workshop.app import WorkshopApp

PAUSE_AFTER = 5
"""Wrong codes in a row after which the screen makes the next try wait."""
PAUSE_SECONDS = 3.0


def title_bar(info: WorkshopInfo, *right: Content | str | tuple[str, str]) -> Horizontal:
    """`optionscope workshop · <name>` and, on the right, where the user is."""
    return Horizontal(
        Static(
            Content.assemble(("optionscope ", "bold"), literal(info.name)),
            id="ws-title",
            markup=False,
        ),
        Static(Content.assemble(*right), id="ws-where", markup=False),
        id="ws-title-bar",
    )


class JoinScreen(Screen[None]):
    """Type the join code and a name to take part, or the facilitator code to facilitate."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.quit", "Quit", id="join.quit"),
    ]

    def __init__(self, info: WorkshopInfo, *, facilitator: bool = False) -> None:
        super().__init__()
        self.info = info
        self.facilitator = facilitator
        """Ask for the facilitator code only (`workshop facilitate`)."""
        self.failures = 0

    @property
    def wapp(self) -> WorkshopApp:
        from optionscope.tui.workshop.app import WorkshopApp

        assert isinstance(self.app, WorkshopApp)
        return self.app

    def compose(self) -> ComposeResult:
        s = self.info.scenario
        role = "facilitator" if self.facilitator else "join"
        yield title_bar(self.info, (role, "bold"))
        with Vertical(id="join-box"):
            yield Static(
                Content.styled(
                    "Facilitate the workshop" if self.facilitator else "Join the workshop",
                    "bold",
                ),
                id="join-heading",
            )
            yield Static(
                Content.assemble(literal(s.title, "italic"), "\n", literal(s.question)),
                id="join-scenario",
                markup=False,
            )
            yield Static("Facilitator code" if self.facilitator else "Code", classes="join-label")
            yield Input(
                placeholder="ABCD-EFGH-JKLM" if self.facilitator else "e.g. K7QM-3XPA",
                password=self.facilitator,
                max_length=40,
                id="join-code",
            )
            if not self.facilitator:
                yield Static("Your name", classes="join-label")
                yield Input(
                    placeholder="as the group knows you", max_length=MAX_NAME, id="join-name"
                )
                yield Static("Personal code, if you are coming back", classes="join-label")
                yield Input(
                    placeholder="given by your first submission",
                    password=True,
                    max_length=40,
                    id="join-personal",
                )
            yield Button(
                "Open the dashboard" if self.facilitator else "Join",
                id="join-go",
                variant="primary",
            )
            yield Static(id="join-error", markup=False)
            yield Static(
                Content.styled(
                    "The facilitator code opens the facilitator's dashboard."
                    if self.facilitator
                    else "The join code is shown by the facilitator. "
                    "Facilitators: type the facilitator code (no name needed).",
                    "dim",
                ),
                id="join-hint",
                markup=False,
            )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = self.wapp.blink
        self.query_one("#join-code", Input).focus()

    def on_resize(self) -> None:
        """Inputs and the button without borders on short screens: the form fits 24 lines."""
        short = self.size.height < 32
        for field in self.query(Input):
            field.compact = short
        self.query_one("#join-go", Button).compact = short

    # Input -----------------------------------------------------------------------

    def refuse(self, text: str) -> None:
        """Show why joining did not work, under the button."""
        self.query_one("#join-error", Static).update(Content.styled(text, "bold #e15759"))

    @on(Input.Submitted, "#join-code")
    def _code_entered(self, event: Input.Submitted) -> None:
        facilitator_code = codes.is_well_formed(event.value, codes.FACILITATOR_GROUPS)
        if (
            facilitator_code
            or self.facilitator
            or self.query_one("#join-name", Input).value.strip()
        ):
            self.attempt()
        else:
            self.query_one("#join-name", Input).focus()

    @on(Input.Submitted, "#join-name")
    @on(Input.Submitted, "#join-personal")
    @on(Button.Pressed, "#join-go")
    def _go(self) -> None:
        self.attempt()

    def attempt(self) -> None:
        """Check the code (and name); go on to the seat, or to the dashboard."""
        code = self.query_one("#join-code", Input).value
        try:
            with connect(self.info) as ws:
                kind = identify_code(ws, code)
        except InputError as err:
            self._failed(message(err))
            return
        if kind == CodeKind.FACILITATOR:
            self.failures = 0
            self.wapp.facilitator_code = code
            from optionscope.tui.workshop.screens._dashboard import DashboardScreen

            self.app.switch_screen(DashboardScreen(self.info, code))
            return
        if self.facilitator:
            self._failed("That is the join code; the dashboard needs the facilitator code.")
            return
        self.failures = 0
        personal = self.query_one("#join-personal", Input).value.strip()
        if personal:
            try:
                stored, seat = returning_member(self.info, personal)
            except InputError as err:
                self._failed(message(err), "#join-personal")
                return
            self.refuse("")
            self.pick_seat(
                shown_name(self.info, stored), seat, personal_code=personal, member=stored
            )
            return
        try:
            name = check_participant_name(self.query_one("#join-name", Input).value)
            check_name_free(self.info, name)
        except InputError as err:
            self.refuse(message(err))
            self.query_one("#join-name", Input).focus()
            return
        self.refuse("")
        self.pick_seat(name, None)

    def _failed(self, text: str, selector: str = "#join-code") -> None:
        self.failures += 1
        if self.failures >= PAUSE_AFTER:
            text += f" Wait {PAUSE_SECONDS:g} seconds before trying again."
            self._pause(True)
            self.set_timer(PAUSE_SECONDS, lambda: self._pause(False))
        self.refuse(text)
        field = self.query_one(selector, Input)
        field.focus()
        field.action_select_all()

    def _pause(self, paused: bool) -> None:
        self.query_one("#join-go", Button).disabled = paused
        self.query_one("#join-code", Input).disabled = paused
        if not paused:
            self.query_one("#join-code", Input).focus()

    # Seat ------------------------------------------------------------------------

    def pick_seat(
        self,
        name: str,
        last_seat: str | None,
        *,
        personal_code: str | None = None,
        member: str | None = None,
    ) -> None:
        """Choose the stakeholder seat (a scenario profile) to weigh from.

        With `personal_code`, `member` is the stored name its holder took part under.
        """
        from optionscope.tui.workshop.screens._participant import ParticipantScreen

        def screen(seat: str | None) -> ParticipantScreen:
            return ParticipantScreen(
                self.info, name, seat, personal_code=personal_code, member=member
            )

        profiles = self.info.scenario.profiles
        if not profiles:
            self.app.switch_screen(screen(None))
            return
        items = views.seat_items(self.info.scenario)

        def chosen(seat: str | None) -> None:
            if seat is not None:
                self.app.switch_screen(screen(seat))

        self.app.push_screen(
            PickModal(
                Content.assemble(
                    literal(name, "bold"), ", choose your seat: whose view do you weigh from?"
                ),
                items,
                last_seat or profiles[0].id,
            ),
            chosen,
        )
