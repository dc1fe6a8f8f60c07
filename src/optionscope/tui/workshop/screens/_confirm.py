"""A yes/no question with a long explanation (an event): the text scrolls, the buttons stay."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from optionscope.tui.screens import ConfirmModal


class ScrollingConfirm(ConfirmModal):
    """`ConfirmModal` with a bold question and a body that scrolls on short screens."""

    def __init__(self, question: str, body: Content) -> None:
        super().__init__(Content.styled(question, "bold"))
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title")
            with VerticalScroll(id="confirm-body"):
                yield Static(self.body, markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="warning")
                yield Button("No (n)", id="no", variant="primary")
