"""A scenario in readable form (`optionscope show`): the question, options, evidence."""

from __future__ import annotations

from optionscope.io.safe_text import cell_width, markdown_line, paragraph_start_escaped
from optionscope.io.writers import markdown_table, plain, text_table
from optionscope.model.scenario import Cost, Option, Scenario, Source


def cost_text(cost: Cost) -> str:
    rng = ""
    if cost.low is not None or cost.high is not None:
        lo = cost.low if cost.low is not None else cost.amount
        hi = cost.high if cost.high is not None else cost.amount
        rng = f" (range {lo:,.6g} to {hi:,.6g})"
    return f"{cost.label}: {cost.amount:,.6g} {cost.unit}{rng} [{cost.basis}]"


def option_markdown(option: Option, heading: str, *, judged: bool) -> list[str]:
    """An option as Markdown lines: summary, preconditions, costs, risks, trade-offs.

    `judged` adds the judged probabilities and the cost derivations (briefings);
    without it, preconditions show their kind of gate (participants' handouts).
    """
    lines = [heading, "", paragraph_start_escaped(option.summary)]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend(["", f"**{title}**", "", *(f"- {item}" for item in items)])

    section(
        "Preconditions",
        [
            p.text
            + (
                (f" (judged {p.probability:.0%})" if p.probability is not None else "")
                if judged
                else f" ({p.gate})"
            )
            for p in option.preconditions
        ],
    )
    section(
        "Costs",
        [
            cost_text(c) + (f". {c.derivation}" if judged and c.derivation else "")
            for c in option.costs
        ],
    )
    section(
        "Risks",
        [f"{r.description} (likelihood {r.likelihood}, impact {r.impact})" for r in option.risks],
    )
    section(
        "Trade-offs",
        [
            *(f"Gains: {g}" for g in option.tradeoffs.gains),
            *(f"Gives up: {g}" for g in option.tradeoffs.gives_up),
        ],
    )
    return lines


def citation(source: Source) -> str:
    """A full citation: author, title, publisher, document symbol, date, address."""
    parts = [source.author] if source.author else []
    parts.append(f'"{source.title}"')
    parts.append(source.publisher)
    if source.document:
        parts.append(source.document)
    parts.append(source.date)
    text = ", ".join(parts)
    if source.url:
        text += f". {source.url}"
    return text


def scenario_text(scenario: Scenario, markdown: bool = False) -> str:
    s = scenario
    table = markdown_table if markdown else text_table
    h1, h2, h3 = ("# ", "## ", "### ") if markdown else ("", "", "")
    out: list[str] = []

    def line(text: str = "") -> None:
        out.append(markdown_line(text) if markdown else plain(text))

    def paragraph(text: str) -> None:
        line(paragraph_start_escaped(text) if markdown else text)

    def cites(ids: list[str]) -> str:
        return f" [{', '.join(ids)}]" if ids else ""

    line(f"{h1}{s.title}")
    if not markdown:
        line("=" * min(cell_width(plain(s.title)), 78))
    line()
    line(f"Question: {s.question}")
    line(f"As of: {s.as_of.isoformat()}   Scenario id: {s.id}")
    if s.summary:
        line()
        paragraph(s.summary)
    if s.framing:
        line()
        line(f"Framing: {s.framing}")

    if s.figures:
        line()
        line(f"{h2}Key figures")
        line()
        rows = [
            [
                f.label,
                f"{f.value:,.6g}" if isinstance(f.value, float) else f.value,
                f.unit,
                f.as_of or "",
                f.basis,
                ", ".join(f.sources),
            ]
            for f in s.figures
        ]
        out.append(table(["figure", "value", "unit", "as of", "basis", "sources"], rows, "lrllll"))

    line()
    line(f"{h2}Criteria")
    line()
    rows = [
        [
            c.group,
            c.name,
            c.id,
            "more is better" if c.direction == "max" else "less is better",
            f"{c.unit}, {c.scale.min:g} to {c.scale.max:g}",
        ]
        for c in s.criteria
    ]
    out.append(table(["group", "criterion", "id", "direction", "scale"], rows))

    for o in s.options:
        line()
        kind = " (reference)" if o.reference else ""
        parent = f" (variant of {s.option(o.parent).name})" if o.parent else ""
        line(f"{h2}{o.name}{kind}{parent}")
        line(f"id: {o.id}{cites(o.sources)}")
        line()
        paragraph(o.summary)
        if o.preconditions:
            line()
            line(f"{h3}Preconditions" if markdown else "Preconditions")
            for p in o.preconditions:
                prob = (
                    f" (probability {p.probability:.0%}, judged)"
                    if p.probability is not None
                    else ""
                )
                line(f"- [{p.gate}] {p.text}{prob}{cites(p.sources)}")
        if o.costs:
            line()
            line(f"{h3}Costs" if markdown else "Costs")
            for c in o.costs:
                line(f"- {cost_text(c)}{cites(c.sources)}")
                if c.derivation:
                    line(f"  how: {c.derivation}")
        if o.risks:
            line()
            line(f"{h3}Risks" if markdown else "Risks")
            for r in o.risks:
                level = f"likelihood {r.likelihood}, impact {r.impact}"
                line(f"- {r.description} ({level}){cites(r.sources)}")
                if r.mitigation:
                    line(f"  mitigation: {r.mitigation}")
        if o.tradeoffs.gains or o.tradeoffs.gives_up:
            line()
            line(f"{h3}Trade-offs" if markdown else "Trade-offs")
            for g in o.tradeoffs.gains:
                line(f"+ gains: {g}")
            for g in o.tradeoffs.gives_up:
                line(f"- gives up: {g}")

    if s.profiles:
        line()
        line(f"{h2}Stakeholder profiles")
        line()
        for prof in s.profiles:
            line(f"- {prof.name} ({prof.id}): {prof.stance}")

    if s.sources:
        line()
        line(f"{h2}Sources")
        line()
        for src in s.sources:
            line(f"- [{src.id}] {citation(src)}")
    return "\n".join(out) + "\n"
