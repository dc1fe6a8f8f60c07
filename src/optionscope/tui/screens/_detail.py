"""One option in full: summary, preconditions, costs, risks, trade-offs, assessments, sources."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from optionscope.model.scenario import (
    IMPACT_LEVELS,
    LIKELIHOOD_LEVELS,
    Option,
    Risk,
    Scenario,
)
from optionscope.present.numbers import amount, format_score, percent, score_decimals
from optionscope.present.ranking import reference_tag, scale_description
from optionscope.report.scenario_text import citation, cost_text
from optionscope.tui._session import Session
from optionscope.tui._text import literal, method_label, named

CELL = 11
ROW_LABEL = 15


def _severity_style(likelihood: int, impact: int) -> str:
    score = (likelihood + 1) * (impact + 1)
    if score >= 15:
        return "#000000 on #e15759"
    if score >= 8:
        return "#000000 on #f28e2b"
    if score >= 4:
        return "#000000 on #edc948"
    return "#000000 on #8cd17d"


def risk_numbers(numbers: list[int], width: int) -> list[str]:
    """A cell's risk numbers as lines of at most `width` characters: every number shows."""
    lines: list[str] = []
    line = ""
    for n in numbers:
        piece = str(n) if not line else f",{n}"
        if line and len(line) + len(piece) > width:
            lines.append(line + ",")
            line = str(n)
        else:
            line += piece
    return [*lines, line] if line else []


def risk_matrix(risks: list[Risk]) -> list[Content]:
    """A 5x5 likelihood x impact grid with each risk's number in its cell (likeliest at
    the top); the list below the grid gives each number its id and description. A cell
    holding more numbers than fit on one line takes more lines: no risk is hidden."""
    cells: dict[tuple[int, int], list[int]] = {}
    for number, r in enumerate(risks, start=1):
        key = (LIKELIHOOD_LEVELS.index(r.likelihood), IMPACT_LEVELS.index(r.impact))
        cells.setdefault(key, []).append(number)
    lines = [
        Content.assemble(
            ("likelihood/impact"[: ROW_LABEL - 1].ljust(ROW_LABEL), "dim"),
            *((f" {level}".ljust(CELL), "bold") for level in IMPACT_LEVELS),
        )
    ]
    for li in reversed(range(len(LIKELIHOOD_LEVELS))):
        texts = [
            risk_numbers(cells.get((li, ii), []), CELL - 3) or ["·"]
            for ii in range(len(IMPACT_LEVELS))
        ]
        for k in range(max(len(t) for t in texts)):
            label = LIKELIHOOD_LEVELS[li] if k == 0 else ""
            parts: list[Content | str | tuple[str, str]] = [(label.ljust(ROW_LABEL), "bold")]
            for ii, text in enumerate(texts):
                shown = text[k] if k < len(text) else ""
                parts.append(Content.styled(f" {shown}".ljust(CELL - 1), _severity_style(li, ii)))
                parts.append(" ")
            lines.append(Content.assemble(*parts))
    lines.append(Content.styled(" " * ROW_LABEL + "impact →", "dim"))
    return lines


def _cites(ids: list[str]) -> Content:
    return literal(f" [{', '.join(ids)}]", "dim") if ids else Content("")


def _heading(text: str) -> Content:
    return Content.styled(text, "bold underline")


def option_detail(scenario: Scenario, session: Session, option: Option) -> list[Content]:
    """The detail of an option as lines of content (scenario text shown literally)."""
    out: list[Content] = []
    add = out.append
    kind = reference_tag(option)
    add(Content.assemble(literal(option.name, "bold"), kind))
    if option.parent:
        add(Content.assemble(("Variant of ", "dim"), literal(scenario.option(option.parent).name)))
    ranking = session.current
    ranked = ranking.by_option(option.id)
    decimals = score_decimals([r.score for r in ranking.ranking], ranking.scale)
    score = format_score(ranked.score, ranking.scale, decimals)
    add(
        Content.styled(
            f"Rank {ranked.rank} of {len(scenario.options)}, score {score} "
            f"({method_label(ranking.method)}: {scale_description(ranking.scale)})",
            "dim",
        )
    )
    add(Content(""))
    add(literal(option.summary))

    add(Content(""))
    add(_heading("Preconditions (feasibility gates)"))
    if not option.preconditions:
        add(Content.styled("None stated.", "dim"))
    for p in option.preconditions:
        prob = (
            f" — judged probability {percent(p.probability)}" if p.probability is not None else ""
        )
        add(Content.assemble(("• ", "bold"), (f"[{p.gate}] ", "bold"), literal(p.text), prob))
        if p.rationale:
            add(Content.assemble("    why: ", literal(p.rationale, "italic")))
        if p.sources:
            add(Content.assemble("   ", _cites(p.sources)))

    add(Content(""))
    add(_heading("Costs"))
    if not option.costs:
        add(Content.styled("None stated.", "dim"))
    for cost in option.costs:
        add(Content.assemble(("• ", "bold"), literal(cost_text(cost)), _cites(cost.sources)))
        if cost.derivation:
            add(Content.assemble("    how: ", literal(cost.derivation, "italic")))

    add(Content(""))
    add(_heading("Risks (likelihood x impact)"))
    if not option.risks:
        add(Content.styled("None stated.", "dim"))
    else:
        out.extend(risk_matrix(option.risks))
        add(Content(""))
        for number, r in enumerate(option.risks, start=1):
            add(
                Content.assemble(
                    (f"{number}. ", "bold"),
                    literal(r.id, "bold"),
                    (f" ({r.likelihood}, {r.impact}): ", "dim"),
                    literal(r.description),
                    _cites(r.sources),
                )
            )
            if r.affects:
                names = ", ".join(scenario.criterion(c).name for c in r.affects)
                add(Content.assemble("    affects: ", literal(names)))
            if r.mitigation:
                add(Content.assemble("    mitigation: ", literal(r.mitigation)))
            if r.rationale:
                add(Content.assemble("    why: ", literal(r.rationale, "italic")))

    add(Content(""))
    add(_heading("Trade-offs"))
    if not (option.tradeoffs.gains or option.tradeoffs.gives_up):
        add(Content.styled("None stated.", "dim"))
    for g in option.tradeoffs.gains:
        add(Content.assemble(("+ gains: ", "bold #59a14f"), literal(g)))
    for g in option.tradeoffs.gives_up:
        add(Content.assemble(("- gives up: ", "bold #e15759"), literal(g)))

    add(Content(""))
    add(_heading("Assessments"))
    for c in scenario.criteria:
        a = scenario.assessments[option.id][c.id]
        edited = session.is_edited(option.id, c.id)
        value_text = amount(session.performance(option.id, c.id))
        rng = ""
        if a.low is not None or a.high is not None:
            rng = f" (range {amount(a.lower)} to {amount(a.upper)})"
        add(
            Content.assemble(
                ("• ", "bold"),
                literal(c.name, "bold"),
                ": ",
                (value_text + ("*" if edited else ""), "bold italic #edc948" if edited else "bold"),
                " ",
                literal(c.unit),
                rng,
                (f"  confidence {a.confidence}, basis {a.basis}", "dim"),
                (f"  (what-if; the scenario says {amount(a.value)})" if edited else "", "dim"),
                _cites(a.sources),
            )
        )
        if a.rationale:
            add(Content.assemble("    why: ", literal(a.rationale, "italic")))

    cited: list[str] = list(option.sources)
    for group in (
        [p.sources for p in option.preconditions],
        [cost.sources for cost in option.costs],
        [r.sources for r in option.risks],
        [scenario.assessments[option.id][c.id].sources for c in scenario.criteria],
    ):
        for ids in group:
            cited.extend(ids)
    known = {s.id for s in scenario.sources}
    unique = [sid for sid in dict.fromkeys(cited) if sid in known]
    add(Content(""))
    add(_heading("Sources"))
    if not unique:
        add(Content.styled("None cited.", "dim"))
    for sid in unique:
        add(Content.assemble(literal(f"[{sid}] ", "bold"), literal(citation(scenario.source(sid)))))
    return out


class DetailScreen(Screen[None]):
    """Everything the scenario says about one option."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="detail.back"),
        Binding("right_square_bracket", "neighbour(1)", "Next option", id="detail.next"),
        Binding("left_square_bracket", "neighbour(-1)", "Previous option", id="detail.previous"),
    ]

    def __init__(self, session: Session, option_id: str) -> None:
        super().__init__()
        self.session = session
        self.option_id = option_id

    def compose(self) -> ComposeResult:
        option = self.session.scenario.option(self.option_id)
        yield Static(self._title(option), id="title", markup=False)
        with VerticalScroll(id="detail-body"):
            yield Static(id="detail", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.show_option()
        self.query_one("#detail-body").focus()

    def show_option(self) -> None:
        scenario = self.session.scenario
        option = scenario.option(self.option_id)
        lines = option_detail(scenario, self.session, option)
        self.query_one("#detail", Static).update(Content("\n").join(lines))
        self.query_one("#title", Static).update(self._title(option))

    def _title(self, option: Option) -> Content:
        """The option's name if the title bar holds it whole, else its short label (the
        name is the first line of the page)."""
        room = self.app.size.width - len("Option detail: ") - 2
        return Content.assemble(("Option detail: ", "bold"), literal(named(option, room)))

    def on_resize(self) -> None:
        option = self.session.scenario.option(self.option_id)
        self.query_one("#title", Static).update(self._title(option))

    def action_neighbour(self, step: int) -> None:
        order = [r.option for r in self.session.current.ranking]
        i = order.index(self.option_id)
        self.option_id = order[(i + step) % len(order)]
        self.show_option()
        self.query_one("#detail-body", VerticalScroll).scroll_home(animate=False)
