"""An option, a cost and a citation in words: shared by `show`, the briefing and the TUI."""

from __future__ import annotations

from optionscope.io.safe_text import markdown_paragraph
from optionscope.model.scenario import Cost, Option, Source
from optionscope.present.numbers import amount, percent


def cost_text(cost: Cost) -> str:
    rng = ""
    if cost.low is not None or cost.high is not None:
        lo = cost.low if cost.low is not None else cost.amount
        hi = cost.high if cost.high is not None else cost.amount
        rng = f" (range {amount(lo)} to {amount(hi)})"
    return f"{cost.label}: {amount(cost.amount)} {cost.unit}{rng} [{cost.basis}]"


def option_markdown(option: Option, heading: str, *, judged: bool) -> list[str]:
    """An option as Markdown lines: summary, preconditions, costs, risks, trade-offs.

    The scenario's text is escaped here (`markdown_paragraph`), beside the section
    titles' own bold; `heading` is Markdown already. `judged` adds the judged
    probabilities and the cost derivations (briefings); without it, preconditions
    show their kind of gate (participants' handouts).
    """
    lines = [heading, "", markdown_paragraph(option.summary)]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend(
                ["", f"**{title}**", "", *(f"- {markdown_paragraph(item)}" for item in items)]
            )

    section(
        "Preconditions",
        [
            p.text
            + (
                (f" (judged {percent(p.probability)})" if p.probability is not None else "")
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
