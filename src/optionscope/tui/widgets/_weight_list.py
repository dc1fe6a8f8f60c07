"""The criteria, grouped, each with its weight: select by keyboard or mouse, change in place."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from optionscope.present.numbers import share_labels
from optionscope.tui._text import chip, clip, fitted, fmt_points, literal

if TYPE_CHECKING:
    from optionscope.tui._outline import SessionView


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


class FittedRow(Visual):
    """A row made for the list's width when it is drawn: right in the first frame, before
    the list has had a resize event, and made again (not rebuilt) after one."""

    def __init__(self, make: Callable[[], Content]) -> None:
        self._make = make

    def __str__(self) -> str:
        return str(self._make())

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._make().render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._make().get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._make().get_height(rules, width)


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

    def __init__(self, session: SessionView, *, id: str | None = None) -> None:
        self.session = session
        super().__init__(*self._build_options(), id=id, compact=True, markup=False)

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

    def _build_options(self) -> list[Option]:
        scenario = self.session.scenario
        groups: dict[str, list[int]] = {}
        for i, criterion in enumerate(scenario.criteria):
            groups.setdefault(criterion.group, []).append(i)
        options: list[Option] = []
        for n, (group, members) in enumerate(groups.items()):
            heading = FittedRow(partial(self._heading, group))
            options.append(Option(heading, id=f"group-{n}", disabled=True))
            options.extend(
                Option(FittedRow(partial(self._current_row, i)), id=f"c-{scenario.criteria[i].id}")
                for i in members
            )
        return options

    def _heading(self, group: str) -> Content:
        return literal(clip(group, max(self._width - 2, 4)), "bold underline")

    def _current_row(self, index: int) -> Content:
        return self._row(index, self._width)

    @property
    def _width(self) -> int:
        return self.scrollable_content_region.width or 30

    def refresh_rows(self) -> None:
        """Redraw every row: a change to one weight changes every share."""
        self._clear_caches()  # the rows are made again as they are drawn

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
