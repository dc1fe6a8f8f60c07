"""How far the ranking can be pushed: stability intervals, a weight sweep, the tornado, and
what would have to be true for another option to lead.

Every number comes from `analysis.sensitivity` for the session's weights and what-if
values; this screen only draws them. The linear programme behind "what would have to
be true" (and the scipy import it needs) runs in a worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from optionscope.analysis.sensitivity import (
    StabilityAnalysis,
    Tornado,
    WeightChange,
    WeightSweep,
    stability_intervals,
    tornado,
    weight_sweep,
    what_would_have_to_be_true,
)
from optionscope.model.results import VALUE_SCALE
from optionscope.present.numbers import format_difference, percent
from optionscope.present.sensitivity import (
    STAYS_SHORT,
    STOPS_LEADING,
    change_sentence,
    followed_text,
    stability_interval,
    stability_sentence,
    stays_first,
    weight_now,
)
from optionscope.tui._charts import (
    axis_labels,
    glyph,
    interval_bar,
    line_chart,
    span_bar,
    titled,
)
from optionscope.tui._session import Session
from optionscope.tui._text import PALETTE, chip, fitted, literal, method_label, shortest
from optionscope.tui.screens._modals import PickModal

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario

MARGIN_RANGE = "{low} to {high}"
"""A margin's range over an assessment range, in score points."""

NAME = 20
"""Criterion names in the interval and tornado rows."""

SWEEP_LINES = 9
"""Options drawn in the sweep chart (the best-ranked): more lines would be unreadable."""


def name_width(scenario: Scenario, width: int) -> int:
    """Room for criterion names: at least NAME cells, more on wide screens, never more than
    the longest name."""
    longest = max((len(c.name) for c in scenario.criteria), default=NAME)
    return min(longest, max(NAME, width // 3))


def interval_lines(
    analysis: StabilityAnalysis, scenario: Scenario, width: int, selected: int
) -> list[Content]:
    """One row per criterion: its 0-100% weight axis with the leader's interval and the
    current weight, then the numbers in words."""
    numbers = 22
    name = name_width(scenario, width)
    bar = max(width - 2 - 4 - name - 2 - numbers, 10)
    lines = [
        Content.assemble(
            " " * (2 + 4 + name + 1),
            (axis_labels(bar, "0%", "weight", "100%"), "dim"),
            ("  now   " + STAYS_SHORT[bool(analysis.tied_with)], "dim"),
        )
    ]
    for j, c in enumerate(analysis.criteria):
        pointer = ("▶ ", "bold") if j == selected else ("  ", "")
        text = stability_interval(c)
        lines.append(
            Content.assemble(
                pointer,
                chip(j),
                " ",
                literal(
                    fitted(scenario.criteria[j].name, scenario.criteria[j].short, name).ljust(
                        name + 1
                    )
                ),
                interval_bar(c.weight, c.lower, c.upper, bar),
                (f"  {weight_now(analysis, c):>5}  ", "bold"),
                (text, "bold" if not c.robust else "dim"),
            )
        )
    lines.append(
        Content.styled(
            f"━ the leader {STAYS_SHORT[bool(analysis.tied_with)]}   · another option leads   "
            "┃ the current weight",
            "dim",
        )
    )
    return lines


def sweep_lines(
    sweep: WeightSweep,
    scenario: Scenario,
    order: list[str],
    width: int,
    height: int,
    now: str | None = None,
) -> list[Content]:
    """The sweep as a line chart, each option drawn with its number, and the key; `now`
    is the criterion's weight as the weights panel shows it."""
    index = {oid: i for i, oid in enumerate(sweep.options)}
    hidden = max(len(order) - SWEEP_LINES, 0)
    order = order[:SWEEP_LINES]
    series = [list(sweep.scores[index[oid]]) for oid in order]
    chart = line_chart(
        series,
        list(sweep.t),
        width=max(width - 10, 10),
        height=height,
        marks=sweep.breakpoints,
        now=sweep.weight,
    )
    key_lines: list[Content] = []
    line = Content.styled("Lines: ", "dim")
    for k, oid in enumerate(order):
        entry = Content.assemble(
            (glyph(k), f"bold {PALETTE[k % len(PALETTE)]}"),
            " ",
            literal(shortest(scenario.option(oid))),
            "  ",
        )
        if line.cell_length + entry.cell_length > width and line.cell_length > 7:
            key_lines.append(line)
            line = Content("       ")
        line = Content.assemble(line, entry)
    key_lines.append(line)
    flips = ", ".join(percent(b) for b in sweep.breakpoints) or "nowhere"
    return [
        *chart,
        *key_lines,
        Content.assemble(
            ("┊", "dim"),
            f" now ({now or percent(sweep.weight)})   ",
            ("^", "bold #edc948"),
            f" the leader changes: {flips}",
        ),
        Content.styled(
            "Each line's number is at its right end; where lines share a cell, the "
            "better-ranked option's colour shows."
            + (
                f" The {SWEEP_LINES} best-ranked options are drawn; {hidden} more are not."
                if hidden
                else ""
            ),
            "dim",
        ),
    ]


def tornado_lines(result: Tornado, scenario: Scenario, width: int) -> list[Content]:
    """The leader's margin over its best rival, per criterion, as that criterion's
    assessments move within their ranges (widest first)."""
    if not result.margins:
        return [Content.styled("With one option there is no margin to swing.", "dim")]
    numbers = 16 + (26 if any(m.can_change_leader for m in result.margins) else 0)
    name = name_width(scenario, width)
    bar = max(width - 4 - name - 2 - numbers, 10)
    lo = min(min(m.low_margin for m in result.margins), 0.0)
    hi = max(max(m.high_margin for m in result.margins), 0.0)
    if hi - lo < 1e-9:
        hi = lo + 1.0
    keys = {c.id: j for j, c in enumerate(scenario.criteria)}
    lines = [
        Content.assemble(
            " " * (4 + name + 1),
            (
                axis_labels(
                    bar,
                    format_difference(lo, VALUE_SCALE, signed=True),
                    "margin (points)",
                    format_difference(hi, VALUE_SCALE, signed=True),
                ),
                "dim",
            ),
        )
    ]
    for m in result.margins:
        j = keys[m.criterion]
        rival = ""
        if m.can_change_leader and m.rival is not None:
            rival = f"  {shortest(scenario.option(m.rival))} could lead"
        lines.append(
            Content.assemble(
                chip(j),
                " ",
                literal(fitted(m.name, scenario.criteria[j].short, name).ljust(name + 1)),
                span_bar(m.low_margin, m.high_margin, m.central_margin, lo, hi, bar),
                (
                    "  "
                    + MARGIN_RANGE.format(
                        low=format_difference(m.low_margin, VALUE_SCALE, signed=True),
                        high=format_difference(m.high_margin, VALUE_SCALE, signed=True),
                    ),
                    "bold",
                ),
                (rival, "bold #e15759"),
            )
        )
    lines.append(
        Content.styled(
            "█ the leader ahead   ▒ a rival ahead   ┃ margin with central values   │ zero",
            "dim",
        )
    )
    return lines


class SensitivityBody(VerticalScroll):
    """The scrolling body; ↑/↓ pick a criterion rather than scroll (PgUp/PgDn scroll).

    Not priority bindings: those act as a key arrives, before the keys typed ahead of
    it, so `o` then Down would move this screen and not the dialog `o` opens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "screen.select(1)", "Next criterion", key_display="↓"),
        Binding("up,k", "screen.select(-1)", "Previous criterion", key_display="↑"),
    ]


class SensitivityScreen(Screen[None]):
    """Stability intervals, the selected criterion's sweep, the tornado, what would change."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="sensitivity.back"),
        Binding("down,j", "select(1)", "Next criterion", id="sensitivity.next", key_display="↓"),
        Binding(
            "up,k", "select(-1)", "Previous criterion", id="sensitivity.previous", key_display="↑"
        ),
        # priority: the dialog opens as `o` arrives, so the keys typed after it go to the dialog
        Binding("o", "pick_option", "Option to lead", id="sensitivity.option", priority=True),
    ]

    def __init__(self, session: Session, option: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.selected = 0
        ranking = session.current.ranking
        self.option = option or (ranking[1].option if len(ranking) > 1 else ranking[0].option)
        """The option asked about in "what would have to be true" (default: the runner-up)."""
        self.analysis = stability_intervals(
            session.scenario, session.weights, session.overrides or None
        )
        self.tornado = tornado(session.scenario, session.weights, session.overrides or None)
        self.change: WeightChange | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(
                ("Sensitivity: ", "bold"),
                "how far the weights and values can move before ",
                literal(self.analysis.leader_name),
                " " + STOPS_LEADING[bool(self.analysis.tied_with)],
            ),
            id="title",
            markup=False,
        )
        with SensitivityBody(id="sens-body", classes="analysis-body"):
            yield Static(id="sens-intro", markup=False)
            yield Static(id="sens-intervals", markup=False)
            yield Static(id="sens-selected", markup=False)
            yield Static(id="sens-sweep", markup=False)
            yield Static(id="sens-tornado", markup=False)
            yield Static(id="sens-change", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#sens-body").focus()
        self.draw()
        self.find_change()

    def on_resize(self) -> None:
        self.draw()

    @property
    def _width(self) -> int:
        return max(self.size.width - 4, 30)

    def draw(self) -> None:
        s = self.session
        scenario = s.scenario
        width = self._width
        note = (
            ""
            if s.method == "wsm"
            else f" The main ranking uses {method_label(s.method)}; these figures use the additive"
            " value model."
        )
        followed = followed_text(self.tornado.scores, self.analysis.leader, self._label)
        tie: list[Content | str] = [literal(followed, "bold"), "\n"] if followed else []
        self.query_one("#sens-intro", Static).update(
            Content.assemble(
                *tie,
                ("Stability intervals. ", "bold"),
                "Each row moves one criterion's weight from 0% to 100%, the others keeping "
                "their proportions; ",
                literal(self.analysis.leader_name),
                f" {stays_first(self.analysis)} over the stretch marked ━." + note,
            )
        )
        self.query_one("#sens-intervals", Static).update(
            Content("\n").join(interval_lines(self.analysis, scenario, width, self.selected))
        )
        criterion = self.analysis.criteria[self.selected]
        self.query_one("#sens-selected", Static).update(
            Content.assemble(
                chip(self.selected),
                " ",
                literal(stability_sentence(self.analysis, criterion, self._label)),
            )
        )
        sweep = weight_sweep(
            scenario,
            s.weights,
            criterion.criterion,
            samples=max(min(width, 201), 2),
            overrides=s.overrides or None,
        )
        order = [r.option for r in s.current.ranking]
        height = 12 if self.size.height < 30 else 16
        self.query_one("#sens-sweep", Static).update(
            Content("\n").join(
                [
                    Content.assemble(
                        ("Scores as the weight of ", "bold underline"),
                        literal(criterion.name, "bold underline"),
                        (" goes from 0% to 100%", "bold underline"),
                    ),
                    Content.styled(
                        "The others keep their proportions; ↑/↓ picks another criterion.", "dim"
                    ),
                    *sweep_lines(
                        sweep,
                        scenario,
                        order,
                        width,
                        height,
                        weight_now(self.analysis, self.analysis.criteria[self.selected]),
                    ),
                ]
            )
        )
        self.query_one("#sens-tornado", Static).update(
            Content("\n").join(
                [
                    titled("Tornado: the leader's margin over its best rival"),
                    Content.styled(
                        "When one criterion's assessments move within their stated ranges "
                        "(the leader at its worst and the rivals at their best, and the "
                        "reverse); widest first.",
                        "dim",
                    ),
                    *tornado_lines(self.tornado, scenario, width),
                ]
            )
        )
        self.draw_change()

    def _label(self, option_id: str) -> str:
        return self.session.scenario.option(option_id).label

    def draw_change(self) -> None:
        option = self.session.scenario.option(self.option)
        head = Content.assemble(
            ("What would have to be true for ", "bold underline"),
            literal(option.label, "bold underline"),
            (" to lead", "bold underline"),
            ("  (o: another option)", "dim"),
        )
        if self.change is None or self.change.option != self.option:
            body = Content.styled("Working it out…", "dim italic")
        else:
            body = literal(change_sentence(self.change, self._label, shown=len(self.change.shifts)))
        self.query_one("#sens-change", Static).update(Content.assemble(head, "\n", body))

    @work(thread=True, exclusive=True, group="what-if-true")
    def find_change(self) -> None:
        """Solve the linear programme off the UI thread (scipy's import alone takes ~0.2 s)."""
        s = self.session
        result = what_would_have_to_be_true(
            s.scenario, s.weights, self.option, overrides=s.overrides or None
        )
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_change, result)

    def _show_change(self, result: WeightChange) -> None:
        self.change = result
        if self.is_mounted:
            self.draw_change()

    def action_select(self, step: int) -> None:
        n = len(self.analysis.criteria)
        self.selected = (self.selected + step) % n
        self.draw()

    def action_pick_option(self) -> None:
        s = self.session
        from optionscope.tui.screens._option_items import dialog_room, ranked_option_items

        items = ranked_option_items(s, dialog_room(self.app.size.width))

        def picked(option_id: str | None) -> None:
            if option_id is None:
                return
            self.option = option_id
            self.change = None
            self.draw_change()
            self.find_change()

        self.app.push_screen(
            PickModal("What would have to be true for which option?", items, self.option),
            picked,
        )
