"""Two options side by side: who wins each criterion, by how much, and what would flip it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from optionscope.analysis.head_to_head import HeadToHead
from optionscope.io.safe_text import pad
from optionscope.model.results import VALUE_SCALE
from optionscope.present.head_to_head import flip_text, head_to_head_sentence
from optionscope.present.numbers import format_difference, score_labels, weight_labels
from optionscope.tui._session import Session
from optionscope.tui._text import chip, fitted, literal, method_label, named, text_width
from optionscope.tui.screens._modals import PickModal
from optionscope.tui.screens._option_items import dialog_room, ranked_option_items

NAME = 17
"""The narrowest criterion column; wider screens give the names more room."""
FIXED = 4 + 7 + 9 + 3 + 12
"""Cells of a row besides the name and the three option columns (key, weight, a-b, the
gap before the winner, flips at)."""


def duel_table(
    result: HeadToHead,
    label_a: str,
    label_b: str,
    width: int = 80,
    shorts: dict[str, str] | None = None,
) -> list[Content]:
    """Per criterion: weight, both values, the weighted difference, the winner, the flip weight.

    Criterion names and option labels get the room `width` leaves: in full when they fit,
    else the criterion's short label."""
    shorts = shorts or {}
    w = max(8, text_width(label_a) + 3, text_width(label_b) + 3)
    longest = max((len(d.name) for d in result.duels), default=NAME)
    if FIXED + 3 * w + NAME > width:  # no room for the labels in the columns: a and b
        w = 7
        heads, winners = ("a", "b"), {result.option_a: "a", result.option_b: "b"}
    else:
        heads = ("a " + label_a, "b " + label_b)
        winners = {result.option_a: label_a, result.option_b: label_b}
    room = width - FIXED - 3 * w
    name_w = max(NAME, min(longest + 1, room))
    head = Content.assemble(
        ("    " + "criterion".ljust(name_w), "bold"),
        ("weight".rjust(7), "bold"),
        literal(pad(heads[0], w, "r"), "bold"),
        literal(pad(heads[1], w, "r"), "bold"),
        ("a-b pts".rjust(9), "bold"),
        ("  wins".ljust(w + 3), "bold"),
        ("flips at", "bold"),
    )
    labels = {result.option_a: label_a, result.option_b: label_b}
    weights = weight_labels({d.criterion: d.weight for d in result.duels}, compact=True)
    lines = [head]
    for j, d in enumerate(result.duels):
        # values and differences read as everywhere: two values that differ never read
        # the same, a difference that is not a tie never reads 0.0
        value_a, value_b = score_labels([d.value_a, d.value_b], VALUE_SCALE)
        difference = format_difference(d.weighted_difference, VALUE_SCALE, signed=True)
        if d.winner is None:
            wins = ("  even".ljust(w + 3), "dim")
        else:
            wins = ("  " + pad(winners[d.winner], w) + " ", "bold")
        flip_style = "dim" if d.flip_weight is None and result.leader else "bold #edc948"
        lines.append(
            Content.assemble(
                chip(j),
                " ",
                literal(fitted(d.name, shorts.get(d.criterion, ""), name_w - 1).ljust(name_w)),
                f"{weights[d.criterion]:>7}",
                f"{value_a:>{w}}",
                f"{value_b:>{w}}",
                (f"{difference:>9}", "bold"),
                wins,
                (flip_text(d, result, labels), flip_style),
            )
        )
    score_a, score_b = score_labels([result.score_a, result.score_b], VALUE_SCALE)
    margin = format_difference(result.margin, VALUE_SCALE, signed=True)
    total = Content.assemble(
        ("    " + "score".ljust(name_w), "bold"),
        " " * 7,
        (f"{score_a:>{w}}", "bold"),
        (f"{score_b:>{w}}", "bold"),
        (f"{margin:>9}", "bold"),
    )
    lines.append(total)
    return lines


class HeadToHeadScreen(Screen[None]):
    """Pick two options and see the criteria that decide between them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="h2h.back"),
        # priority: the dialog opens as the key arrives, so keys typed after go to it
        Binding("a", "pick('a')", "Option a", id="h2h.pick_a", priority=True),
        Binding("b", "pick('b')", "Option b", id="h2h.pick_b", priority=True),
        Binding("s", "swap", "Swap", id="h2h.swap"),
    ]

    def __init__(self, session: Session, option_a: str, option_b: str) -> None:
        super().__init__()
        self.session = session
        self.option_a = option_a
        self.option_b = option_b

    def compose(self) -> ComposeResult:
        yield Static(id="title", markup=False)
        with VerticalScroll(id="h2h-body"):
            yield Static(id="h2h-summary", markup=False)
            yield Static(id="h2h-table", markup=False)
            yield Static(id="h2h-note", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.show_duel()
        self.query_one("#h2h-body").focus()

    def on_resize(self) -> None:
        self.show_duel()

    def show_duel(self) -> None:
        s = self.session
        result = s.duel(self.option_a, self.option_b)
        a = s.scenario.option(self.option_a)
        b = s.scenario.option(self.option_b)
        room = (self.size.width - len("Head to head: a  vs b ") - 2) // 2
        self.query_one("#title", Static).update(
            Content.assemble(
                ("Head to head: ", "bold"),
                ("a ", "dim"),
                literal(named(a, room)),
                (" vs ", "bold"),
                ("b ", "dim"),
                literal(named(b, room)),
            )
        )
        labels = {o.id: o.label for o in s.scenario.options}
        self.query_one("#h2h-summary", Static).update(
            literal(head_to_head_sentence(result, labels))
        )
        shorts = {c.id: c.short for c in s.scenario.criteria}
        width = max(self.size.width - 2, 40)
        table = duel_table(result, a.label, b.label, width, shorts)
        self.query_one("#h2h-table", Static).update(Content("\n").join(table))
        trailing = result.trailing
        trail_name = s.scenario.option(trailing).label if trailing else "the other option"
        method_note = (
            ""
            if s.method == "wsm"
            else f" The main ranking uses {method_label(s.method)}; this comparison uses the"
            " additive value model."
        )
        self.query_one("#h2h-note", Static).update(
            Content.assemble(
                ("a-b pts", "bold"),
                ": weight x value difference, in score points (positive favours a). ",
                ("flips at", "bold"),
                ": the weight of that criterion, the others rescaled in proportion, past which ",
                literal(trail_name),
                " would win overall; never = no weight of that criterion alone does it."
                + method_note,
            )
        )

    def action_pick(self, which: str) -> None:
        s = self.session
        items = ranked_option_items(s, dialog_room(self.app.size.width))
        current = self.option_a if which == "a" else self.option_b

        def picked(option_id: str | None) -> None:
            if option_id is None:
                return
            if which == "a":
                self.option_a = option_id
            else:
                self.option_b = option_id
            self.show_duel()

        self.app.push_screen(PickModal(f"Choose option {which}", items, current), picked)

    def action_swap(self) -> None:
        self.option_a, self.option_b = self.option_b, self.option_a
        self.show_duel()
