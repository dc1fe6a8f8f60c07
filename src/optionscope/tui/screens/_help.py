"""Every key, generated from the bindings so the list stays true."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

MOVING = frozenset({"cursor_up", "cursor_down", "first", "last", "page_up", "page_down"})
"""Framework bindings worth listing: moving through a list. The rest of the framework's keys
(focus cycling, copying, the ctrl+c notice) are not optionscope's and are left out."""


def bindings_of(cls: type[DOMNode]) -> list[Binding]:
    """The bindings a class declares and inherits; a key bound twice keeps its first binding.

    Only optionscope's own bindings and the framework's list movements are listed.
    """
    seen: set[str] = set()
    out: list[Binding] = []
    for klass in cls.__mro__:
        declared: Iterable[BindingType] = klass.__dict__.get("BINDINGS", [])
        ours = klass.__module__.startswith("optionscope.")
        for item in declared:
            binding = item if isinstance(item, Binding) else Binding(*item)
            if binding.system or not (ours or binding.action in MOVING):
                continue
            keys = [k.strip() for k in binding.key.split(",") if k.strip() not in seen]
            if not keys:
                continue
            seen.update(keys)
            out.append(replace(binding, key=",".join(keys)))
    return out


def key_label(app: App[object], binding: Binding) -> str:
    """The keys of a binding as the user types them: `←, -`; the ten digit keys that start
    typing a weight as one `0-9`."""
    keymap: Mapping[str, str] = getattr(app, "_keymap", {})  # the user's keys, if remapped
    key = keymap.get(binding.id, binding.key) if binding.id else binding.key
    keys = [k.strip() for k in key.split(",")]
    if binding.action.startswith("type_weight") and keys[0].isdigit():
        digits = ["0-9"] if keys[0] == "0" else []
        keys, shown = keys[1:], digits
    else:
        shown = []
    return ", ".join([*shown, *(app.get_key_display(Binding(k, "")) for k in keys)])


def help_lines(app: App[object], sections: list[tuple[str, type[DOMNode]]]) -> list[Content]:
    lines: list[Content] = []
    for title, cls in sections:
        rows: dict[str, list[str]] = {}
        for binding in bindings_of(cls):
            description = binding.description or binding.action.replace("_", " ")
            label = key_label(app, binding)
            if label:
                rows.setdefault(description, []).append(label)
        if not rows:
            continue
        lines.append(Content.styled(title, "bold underline"))
        for description, keys in rows.items():
            lines.append(Content.assemble((f"  {', '.join(keys):<20} ", "bold"), description))
        lines.append(Content(""))
    return lines


class HelpScreen(ModalScreen[None]):
    """The keys of every screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, sections: list[tuple[str, type[DOMNode]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        intro = Content.assemble(
            ("optionscope keys", "bold"),
            "\nChange the weights on the left; the ranking on the right follows. "
            "The footer shows the main keys; ctrl+p opens the command palette "
            "(open a scenario, apply a profile, switch method, export). "
            "s, U, v and W open sensitivity, uncertainty, value for money and weight "
            "elicitation.\n",
        )
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(intro, markup=False)
            yield Static(
                Content("\n").join(help_lines(self.app, self.sections)),
                id="help-keys",
                markup=False,
            )
            yield Static(Content.styled("Escape or ? closes this help.", "dim"), markup=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
