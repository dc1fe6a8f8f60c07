"""The criteria, grouped, each with its weight: select by keyboard or mouse, change in place."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from optionscope.present.numbers import share_labels
from optionscope.tui._session import Session
from optionscope.tui._text import chip, clip, fitted, fmt_points, literal


def step_size(criteria: int) -> float:
    """Points per small step: one (about one percent of the total of 100) for a few criteria,
    less when there are many and each has only a few points."""
    if criteria <= 20:
        return 1.0
    return 0.5 if criteria <= 50 else 0.2


CONTROLS = 20
"""Cells besides the name: chip(3) space, ` minus ` points(5) ` + ` share(5)."""

MINUS = "\u2212"

_WEIGHT = Binding.Group("weight", compact=True)


class WeightList(OptionList):
    """Criteria grouped by `Criterion.group`, with points and share of the total."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left,minus",
            "step(-1)",
            "Less weight",
            id="weight.down",
            key_display="-",
            group=_WEIGHT,
        ),
        Binding(
            "right,plus,equals_sign",
            "step(1)",
            "More weight",
            id="weight.up",
            key_display="+",
            group=_WEIGHT,
        ),
        Binding(
            "shift+right,greater_than_sign",
            "step(5)",
            "More weight, 5 steps",
            show=False,
            id="weight.up5",
        ),
        Binding(
            "shift+left,less_than_sign",
            "step(-5)",
            "Less weight, 5 steps",
            show=False,
            id="weight.down5",
        ),
        *(
            Binding(str(d), f"type_weight('{d}')", "Type a weight", show=False, id=f"weight.{d}")
            for d in range(10)
        ),
        Binding("enter", "select", "Type a weight", show=False, id="weight.enter"),
    ]

    class StepRequested(Message):
        def __init__(self, criterion: str, delta: float) -> None:
            self.criterion = criterion
            self.delta = delta
            super().__init__()

    class TypeRequested(Message):
        def __init__(self, criterion: str, initial: str) -> None:
            self.criterion = criterion
            self.initial = initial
            super().__init__()

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        self.session = session
        super().__init__(*self._build_options(30), id=id, compact=True, markup=False)

    # Rows --------------------------------------------------------------------

    def _share_labels(self) -> list[str]:
        """Each criterion's share of the weight, rounded together so they add up to 100%."""
        weights = tuple(self.session.weights[c.id] for c in self.session.scenario.criteria)
        cached = getattr(self, "_shares", None)
        if cached is None or cached[0] != weights:
            cached = (weights, share_labels(list(weights), compact=True))
            self._shares = cached
        return cached[1]

    def _name_width(self, width: int) -> int:
        return max(width - CONTROLS, 6)

    def _row(self, index: int, width: int) -> Content:
        s = self.session
        criterion = s.scenario.criteria[index]
        name_width = self._name_width(width)
        points = fmt_points(s.weights[criterion.id])
        share = f"{self._share_labels()[index]:>5}"
        return Content.assemble(
            chip(index),
            " ",
            literal(fitted(criterion.name, criterion.short, name_width).ljust(name_width)),
            (f" {MINUS} ", "bold"),
            (f"{points:>5}", "bold"),
            (" + ", "bold"),
            share,
        )

    def _build_options(self, width: int) -> list[Option]:
        scenario = self.session.scenario
        groups: dict[str, list[int]] = {}
        for i, criterion in enumerate(scenario.criteria):
            groups.setdefault(criterion.group, []).append(i)
        options: list[Option] = []
        for n, (group, members) in enumerate(groups.items()):
            heading = literal(clip(group, max(width - 2, 4)), "bold underline")
            options.append(Option(heading, id=f"group-{n}", disabled=True))
            options.extend(
                Option(self._row(i, width), id=f"c-{scenario.criteria[i].id}") for i in members
            )
        return options

    @property
    def _width(self) -> int:
        return self.scrollable_content_region.width or 30

    def refresh_rows(self) -> None:
        """Redraw every row: a change to one weight changes every share."""
        width = self._width
        for i, criterion in enumerate(self.session.scenario.criteria):
            option = self.get_option(f"c-{criterion.id}")
            option._set_prompt(self._row(i, width))
        # one cache clear and one refresh for all rows (replace_option_prompt does both per row)
        self._clear_caches()
        self.refresh()

    def rebuild(self) -> None:
        highlighted = self.highlighted_criterion
        self.set_options(self._build_options(self._width))
        if highlighted is not None:
            self.highlight_criterion(highlighted)

    def _on_resize(self) -> None:
        super()._on_resize()  # type: ignore[no-untyped-call]
        self.rebuild()

    def on_mount(self) -> None:
        super().on_mount()
        if self.highlighted is None:
            self.action_first()

    # Selection -------------------------------------------------------------

    @property
    def highlighted_criterion(self) -> str | None:
        option = self.highlighted_option
        if option is None or option.id is None or not option.id.startswith("c-"):
            return None
        return option.id[2:]

    def highlight_criterion(self, criterion_id: str) -> None:
        self.highlighted = self.get_option_index(f"c-{criterion_id}")

    # Actions ---------------------------------------------------------------

    def action_step(self, direction: int) -> None:
        cid = self.highlighted_criterion
        if cid is not None:
            step = step_size(len(self.session.scenario.criteria))
            self.post_message(self.StepRequested(cid, direction * step))

    def action_type_weight(self, digit: str) -> None:
        """Start typing a weight with the digit pressed."""
        self._request_typing(digit)

    def action_select(self) -> None:
        self._request_typing("")

    def _request_typing(self, initial: str) -> None:
        cid = self.highlighted_criterion
        if cid is not None:
            self.post_message(self.TypeRequested(cid, initial))

    async def _on_click(self, event: events.Click) -> None:
        """Click a row to select it; click its minus or plus to change the weight."""
        clicked: int | None = event.style.meta.get("option")
        if clicked is None or self.get_option_at_index(clicked).disabled:
            return
        self.highlighted = clicked
        offset = event.get_content_offset(self)
        if offset is None:
            return
        minus = 3 + self._name_width(self._width) + 1
        plus = minus + 7
        if abs(offset.x - minus) <= 1:
            self.action_step(-1)
        elif abs(offset.x - plus) <= 1:
            self.action_step(1)
