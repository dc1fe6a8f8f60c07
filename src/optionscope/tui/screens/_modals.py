"""Small dialogs: confirm, type a value, pick one item from a list."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from optionscope.tui._text import literal


class ConfirmModal(ModalScreen[bool]):
    """A yes/no question; `y` or Enter on Yes confirms, `n` or Escape refuses."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: Content | str) -> None:
        super().__init__()
        self.question = question if isinstance(question, Content) else Content(question)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="warning")
                yield Button("No (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class PromptModal(ModalScreen[str | None]):
    """Type a value: Enter accepts, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]

    def __init__(
        self, title: Content | str, value: str = "", hint: Content | str = "", select: bool = True
    ) -> None:
        super().__init__()
        self.title_content = title if isinstance(title, Content) else Content(title)
        self.hint = hint if isinstance(hint, Content) else Content(hint)
        self.value = value
        self.select = select
        self._submit_on_mount = False

    def extend(self, text: str) -> None:
        """Add text typed before the dialog could take the keys itself."""
        if self.is_mounted:
            field = self.query_one(Input)
            field.value += text
            field.cursor_position = len(field.value)
        else:
            self.value += text

    def submit(self) -> None:
        """Accept the value, now or as soon as the dialog is up (Enter typed ahead)."""
        if self.is_mounted:
            self.dismiss(self.query_one(Input).value)
        else:
            self._submit_on_mount = True

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_content, classes="dialog-title")
            yield Input(value=self.value, select_on_focus=self.select, id="prompt-input")
            yield Static(
                Content.assemble(self.hint, ("  Enter accepts, Escape cancels.", "dim")),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = bool(getattr(self.app, "blink", True))
        field.focus()
        if self._submit_on_mount:
            self.dismiss(field.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def as_digits(app: App[object], text: str) -> str:
    """Typed text with the keys the user bound to a digit (`weight.0`-`weight.9`, such as the
    unshifted AZERTY row `à&é"'(-è_çà`) read as that digit, so the weight prompt takes them."""
    from textual.keys import key_to_character

    keymap: Mapping[str, str] = getattr(app, "_keymap", {})
    table: dict[str, str] = {}
    for d in range(10):
        for key in keymap.get(f"weight.{d}", "").split(","):
            char = key_to_character(key.strip()) if key.strip() else None
            if char is not None and char != str(d):
                table[char] = str(d)
    return "".join(table.get(c, c) for c in text)


class WeightPrompt:
    """One weight prompt at a time, whatever the typing speed.

    A digit typed on a weight list asks for a prompt; keys typed before the
    prompt takes the keys (2, 5, Enter in quick succession) arrive as further
    requests. They go into the open prompt (a digit is added, Enter accepts it)
    instead of opening prompts on top of each other.
    """

    def __init__(self) -> None:
        self.open: PromptModal | None = None

    def request(
        self,
        app: App[object],
        initial: str,
        make: Callable[[str], PromptModal],
        done: Callable[[str | None], None],
    ) -> None:
        """Open a prompt made by `make(initial)`, or pass `initial` to the one already open."""
        if self.open is not None:  # typed ahead, before the prompt took the keys
            if initial:
                self.open.extend(initial)
            else:
                self.open.submit()
            return

        def finish(text: str | None) -> None:
            self.open = None
            done(text)

        self.open = make(initial)
        app.push_screen(self.open, finish)

    def ask_weight(
        self,
        screen: Screen[Any],
        initial: str,
        name: str,
        current: str,
        set_text: Callable[[str], str | None],
        refresh: Callable[[], None],
    ) -> None:
        """Ask for a criterion's weight in points; `set_text` returns an error or None."""

        def done(text: str | None) -> None:
            if text is None:
                return
            error = set_text(as_digits(screen.app, text))
            if error is not None:
                screen.notify(error, severity="error", markup=False)
                return
            refresh()

        self.request(
            screen.app,
            initial,
            lambda first: PromptModal(
                Content.assemble("Weight of ", literal(name, "bold"), " (points)"),
                first or current,
                f"Now {current} points; all weights together make 100%.",
                select=not first,
            ),
            done,
        )


_LIST_KEYS = {
    key: b.action for b in OptionList.BINDINGS if isinstance(b, Binding) for key in b.key.split(",")
}
"""The list's own keys and actions, for keys that reach the dialog before the list has the focus."""


class PickModal(ModalScreen[str | None]):
    """Pick one item from a list: arrows and Enter, or a click; Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel"),
    ]

    def __init__(
        self,
        title: Content | str,
        items: list[tuple[str, Content]],
        highlighted: str | None = None,
    ) -> None:
        super().__init__()
        self.title_content = title if isinstance(title, Content) else Content(title)
        self.items = items
        self.initial = highlighted

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_content, classes="dialog-title")
            options = OptionList(
                *(Option(prompt, id=item_id) for item_id, prompt in self.items),
                id="pick-list",
                markup=False,
            )
            if self.initial is not None:  # before any key can reach the list
                options.highlighted = options.get_option_index(self.initial)
            yield options
            yield Static(
                Content.styled("↑↓ move, Enter picks, Escape cancels.", "dim"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    async def on_key(self, event: events.Key) -> None:
        """Keys that reach the dialog itself, before its list had the focus, move or pick
        in the list, in the order typed, never lost."""
        action = _LIST_KEYS.get(event.key)
        if action is None:
            return
        event.stop()
        event.prevent_default()
        options = self.query_one(OptionList)
        options.focus()
        await options.run_action(action)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
