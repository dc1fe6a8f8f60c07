"""Value for money: every option on a value-versus-cost map, the efficient frontier marked.

The numbers are `analysis.dominance.value_cost_frontier` for the session's weights; the
cost is a `min` criterion (its value then leaves that criterion out) or the options'
stated totals (one timing at a time, additions counted from the option they add to).
`c` cycles through the bases this scenario allows.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from optionscope.analysis.cost_basis import stated_timings
from optionscope.analysis.dominance import CostFrontier, dominated_options, value_cost_frontier
from optionscope.io.safe_text import pad
from optionscope.model.costs import StatedTimings
from optionscope.model.scenario import Scenario
from optionscope.present.costs import cost_basis_words
from optionscope.present.dominance import (
    dominance_note,
    dominated_by_few,
    dominated_sentence,
    frontier_values,
    step_cost,
    step_rate,
    step_value,
)
from optionscope.present.numbers import amount
from optionscope.tui._charts import ScatterPoint, glyph, scatter, titled
from optionscope.tui._session import Session
from optionscope.tui._text import clip, literal, shortest, text_width

CostBasisChoice = str | StatedTimings
"""A criterion id, or a timing on which every option states a total cost."""


NAMED = 3
"""Options named in a "beaten by" list before the rest are counted."""

DOMINATED_SHOWN = 30

LISTED = 40
"""Options listed under the map, highest value first (the map shows them all)."""


def named_few(labels: list[str]) -> str:
    """`a, b, c` or `a, b, c and 7 more`."""
    if len(labels) <= NAMED:
        return ", ".join(labels)
    return f"{', '.join(labels[:NAMED])} and {len(labels) - NAMED} more"


def cost_bases(scenario: Scenario) -> list[CostBasisChoice]:
    """What can serve as the cost: the declared cost criterion, then the options' stated
    totals (one basis per timing, one-off or recurring per period), then the other `min`
    criteria. Stated costs of different timings are never set on one map."""
    mins = [c for c in scenario.criteria if c.direction == "min"]
    costly = [scenario.cost_criterion] if scenario.cost_criterion else []
    bases: list[CostBasisChoice] = [*costly]
    bases.extend(stated_timings(scenario))
    bases.extend(c.id for c in mins if c.id not in costly)
    return bases


def frontier_for(session: Session, basis: CostBasisChoice) -> CostFrontier:
    if isinstance(basis, StatedTimings):
        return value_cost_frontier(
            session.scenario, session.weights, timing=basis, overrides=session.overrides or None
        )
    return value_cost_frontier(
        session.scenario,
        session.weights,
        cost_criterion=basis,
        overrides=session.overrides or None,
    )


def value_cost_map(
    frontier: CostFrontier, scenario: Scenario, width: int, height: int
) -> list[Content]:
    """The map: value up, cost right, each option drawn with its number in the list below."""
    order = sorted(range(len(frontier.points)), key=lambda i: -frontier.points[i].value)
    number = {frontier.points[i].option: k for k, i in enumerate(order)}
    points = [
        ScatterPoint(
            p.cost,
            p.value,
            shortest(scenario.option(p.option)),
            glyph(number[p.option]),
            p.efficient,
        )
        for p in frontier.points
    ]
    index = {p.option: i for i, p in enumerate(frontier.points)}
    path = [index[o] for o in frontier.frontier]
    lines = scatter(
        points,
        width=max(width - 10, 10),
        height=height,
        frontier=path,
        x_label=f"cost ({clip(frontier.unit or 'as stated', 24)}) →",
    )
    lines.append(
        Content.assemble(
            ("1 name", "bold reverse #59a14f"),
            " efficient (joined by ",
            ("⠤⠤", "#59a14f"),
            ")  ",
            ("1 name", "bold"),
            " beaten on value and cost",
        )
    )
    return lines


def value_cost_table(frontier: CostFrontier, scenario: Scenario) -> list[Content]:
    """Each option with its value, cost and standing, then what each frontier step buys."""
    order = sorted(range(len(frontier.points)), key=lambda i: -frontier.points[i].value)
    lines: list[Content] = []
    labels = {o.id: shortest(o) for o in scenario.options}
    label_width = max(6, *(text_width(labels[p.option]) for p in frontier.points))
    shown = frontier_values(frontier)
    values = [shown[p.option] for p in frontier.points]
    value_width = max(5, *(len(v) for v in values))
    lines.append(
        Content.assemble(
            " " * (4 + label_width),
            (f"  {'value':>{value_width}}      cost  ", "bold"),
            (f"(cost in {frontier.unit or 'the stated unit'})", "dim"),
        )
    )
    for k, i in enumerate(order[:LISTED]):
        p = frontier.points[i]
        status: Content
        if p.efficient:
            status = Content.styled("efficient", "bold #59a14f")
        else:
            who = named_few([labels[o] for o in p.beaten_by])
            by = "beaten by efficient " if frontier.beaten_by_efficient_only else "beaten by "
            status = Content.assemble((by, "dim"), literal(who))
        lines.append(
            Content.assemble(
                (f" {glyph(k)} ", "bold reverse #59a14f" if p.efficient else "bold"),
                " ",
                literal(pad(labels[p.option], label_width)),
                f"  {values[i]:>{value_width}}  {amount(p.cost):>8}  ",
                status,
            )
        )
    if len(order) > LISTED:
        lines.append(
            Content.styled(f"… and {len(order) - LISTED} more options, lower in value", "dim")
        )
    if frontier.steps:
        lines.append(Content(""))
        lines.append(titled("Along the frontier, cheapest first"))
        for step in frontier.steps:
            if step.extra_cost <= 0:  # tied options at one cost: no step to take (as `frontier`)
                continue
            a = scenario.option(step.from_option).label
            b = scenario.option(step.to_option).label
            lines.append(
                Content.assemble(
                    literal(a),
                    " → ",
                    literal(b),
                    f": {step_value(step, frontier)} value for {step_cost(step, frontier)} "
                    f"({step_rate(step, frontier)})",
                )
            )
    return lines


class ValueCostScreen(Screen[None]):
    """Value against cost, the efficient frontier, and what each step along it buys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="value_cost.back"),
        Binding("c", "next_basis", "Cost basis", id="value_cost.basis"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.bases = cost_bases(session.scenario)
        self.basis = self.bases[0] if self.bases else None

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(("Value for money: ", "bold"), "value against cost"),
            id="title",
            markup=False,
        )
        with VerticalScroll(id="vc-body", classes="analysis-body"):
            yield Static(id="vc-intro", markup=False)
            yield Static(id="vc-map", markup=False)
            yield Static(id="vc-list", markup=False)
            yield Static(id="vc-dominance", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#vc-body").focus()
        self.draw()

    def on_resize(self) -> None:
        self.draw()

    def draw(self) -> None:
        s = self.session
        scenario = s.scenario
        intro = self.query_one("#vc-intro", Static)
        chart = self.query_one("#vc-map", Static)
        table = self.query_one("#vc-list", Static)
        table.update("")
        if self.basis is None:
            intro.update(
                Content.styled(
                    "This scenario has no cost: no criterion to minimise and no stated costs.",
                    "bold",
                )
            )
            chart.update("")
        else:
            try:
                frontier = frontier_for(s, self.basis)
            except ValueError as err:
                intro.update(Content.assemble(("No map: ", "bold"), literal(str(err))))
                chart.update("")
                frontier = None
            if frontier is not None:
                what = (
                    Content.assemble("the criterion ", literal(frontier.cost_label, "bold"))
                    if frontier.stated is None
                    else literal(cost_basis_words(frontier, lambda o: scenario.option(o).label))
                )
                others = f" ({len(self.bases)} bases: c switches)" if len(self.bases) > 1 else ""
                intro.update(
                    Content.assemble(
                        "Cost: ",
                        what,
                        others,
                        ". Value: ",
                        literal(frontier.value_basis),
                        " with ",
                        literal(s.weights_label),
                        ". An option is efficient when no other gives at least its value "
                        "for at most its cost.",
                    )
                )
                height = 10 if self.size.height < 30 else 16
                width = max(self.size.width - 4, 30)
                chart.update(Content("\n").join(value_cost_map(frontier, scenario, width, height)))
                table.update(Content("\n").join(value_cost_table(frontier, scenario)))
        dominance = dominated_options(scenario, s.overrides or None)
        lines = [Content(""), titled("Dominance (on central values, whatever the weights)")]
        if not dominance.dominated:
            lines.append(Content.styled("No option is dominated.", "dim"))
        note = dominance_note(dominance)
        if note:
            lines.append(Content.styled(note, "dim"))
        for d in dominance.dominated[:DOMINATED_SHOWN]:
            if len(d.dominated_by) <= NAMED:
                lines.append(literal(dominated_sentence(d)))
            else:
                labels = {o.id: o.label for o in scenario.options}
                by = named_few([labels[o] for o in d.dominated_by])
                lines.append(literal(dominated_by_few(d.name, by)))
        rest = len(dominance.dominated) - DOMINATED_SHOWN
        if rest > 0:
            lines.append(Content.styled(f"… and {rest} more dominated options.", "dim"))
        self.query_one("#vc-dominance", Static).update(Content("\n").join(lines))

    def action_next_basis(self) -> None:
        if len(self.bases) < 2 or self.basis is None:
            self.notify("This scenario offers one cost basis only.")
            return
        self.basis = self.bases[(self.bases.index(self.basis) + 1) % len(self.bases)]
        self.draw()
