"""Dominance and the value-cost frontier as text, Markdown, CSV and JSON."""

from __future__ import annotations

from typing import Any

from optionscope.analysis.dominance import CostFrontier, Dominance
from optionscope.analysis.provenance import provenance
from optionscope.io.writers import text_for, to_csv, to_json
from optionscope.model.scenario import Scenario
from optionscope.present.costs import cost_basis_words
from optionscope.present.dominance import (
    NONE_DOMINATED,
    dominance_note,
    dominated_sentence,
    frontier_values,
    step_cost,
    step_rate,
    step_value,
)
from optionscope.present.numbers import amount
from optionscope.present.ranking import join_names
from optionscope.report.text_blocks import (
    heading,
    json_number,
    labeller,
    paragraph,
    table_for,
)

# Dominance and the value-cost frontier -------------------------------------------------


def _cost_words(f: CostFrontier, scenario: Scenario) -> str:
    """The criterion's name, or the stated costs' basis in words."""
    return f.cost_label if f.stated is None else cost_basis_words(f, labeller(scenario))


def frontier_sentences(d: Dominance, f: CostFrontier, scenario: Scenario) -> list[str]:
    label = labeller(scenario)
    out: list[str] = []
    if d.dominated:
        note = dominance_note(d)
        out.extend([note] if note else [])
        out.extend(dominated_sentence(x, label) for x in d.dominated)
    else:
        out.append(NONE_DOMINATED)
    points = {p.option: p for p in f.points}
    values = frontier_values(f)
    chain = [f"{label(o)} ({amount(points[o].cost)}, value {values[o]})" for o in f.frontier]
    out.append(f"Efficient options, cheapest first: {', then '.join(chain)}.")
    for st in f.steps:
        if st.extra_cost > 0:
            out.append(
                f"Going from {label(st.from_option)} to {label(st.to_option)} buys "
                f"{step_value(st, f)} value points for {step_cost(st, f)} "
                f"({step_rate(st, f)})."
            )
    for p in f.points:
        if not p.efficient:
            out.append(
                f"{label(p.option)} is off the frontier: "
                f"{join_names([label(o) for o in p.beaten_by])} "
                "give at least as much value for no more cost."
                if len(p.beaten_by) > 1
                else f"{label(p.option)} is off the frontier: {label(p.beaten_by[0])} gives at "
                "least as much value for no more cost."
            )
    return out


def frontier_json(
    d: Dominance, f: CostFrontier, scenario: Scenario, weights_label: str
) -> dict[str, Any]:
    return {
        "scenario": scenario.id,
        "weights_label": weights_label,
        "dominated": [
            {"option": x.option, "dominated_by": list(x.dominated_by)} for x in d.dominated
        ],
        "dominated_by_undominated_only": d.by_undominated_only,
        "cost": {
            "label": f.cost_label,
            "unit": f.unit,
            "basis": cost_basis_words(f, labeller(scenario)),
            "stated": None
            if f.stated is None
            else {
                "timing": f.stated.timing,
                "period": f.stated.period,
                "currency": f.stated.currency,
                "price_year": f.stated.price_year,
                "converted": [{"option": o, "counts_from": r} for o, r in f.stated.converted],
            },
        },
        "value_basis": f.value_basis,
        "points": [
            {
                "option": p.option,
                "value": json_number(p.value),
                "cost": json_number(p.cost),
                "efficient": p.efficient,
                "beaten_by": list(p.beaten_by),
            }
            for p in f.points
        ],
        "beaten_by_efficient_only": f.beaten_by_efficient_only,
        "frontier": list(f.frontier),
        "steps": [
            {
                "from": st.from_option,
                "to": st.to_option,
                "extra_value": json_number(st.extra_value),
                "extra_cost": json_number(st.extra_cost),
            }
            for st in f.steps
        ],
        "summary": frontier_sentences(d, f, scenario),
        "provenance": provenance(scenario),
    }


def render_frontier(
    d: Dominance, f: CostFrontier, scenario: Scenario, weights_label: str, fmt: str
) -> str:
    if fmt == "json":
        return to_json(frontier_json(d, f, scenario, weights_label))
    dominated = {x.option: x.dominated_by for x in d.dominated}
    if fmt == "csv":
        rows: list[list[object]] = [
            [p.option, p.value, p.cost, p.efficient, " ".join(p.beaten_by),
             " ".join(dominated.get(p.option, ()))]
            for p in f.points
        ]  # fmt: skip
        beaten = "beaten_by_efficient_only" if f.beaten_by_efficient_only else "beaten_by"
        by = "dominated_by_undominated_only" if d.by_undominated_only else "dominated_by"
        return to_csv(["option", "value", "cost", "efficient", beaten, by], rows)
    label = labeller(scenario)
    table = table_for(fmt)
    out = [heading(scenario.title, fmt, 1)]
    out.append(
        f"Value for money. Cost: {text_for(_cost_words(f, scenario), fmt)}, "
        f"in {text_for(f.unit, fmt)}. "
        f"Value: {text_for(f.value_basis, fmt)}, {text_for(weights_label, fmt)} (0-100).\n\n"
    )
    order = sorted(f.points, key=lambda p: (p.cost, -p.value))
    values = frontier_values(f)
    rows = [
        [
            label(p.option),
            amount(p.cost),
            values[p.option],
            "yes" if p.efficient else "no",
            join_names([label(o) for o in p.beaten_by]) or "-",
            join_names([label(o) for o in dominated.get(p.option, ())]) or "-",
        ]
        for p in order
    ]
    beaten = "beaten on value for cost by" + (
        " (efficient options only)" if f.beaten_by_efficient_only else ""
    )
    by = "dominated by" + (" (undominated options only)" if d.by_undominated_only else "")
    header = ["option", "cost", "value", "efficient", beaten, by]
    out.append(table(header, rows, "lrrlll"))
    out.append(paragraph(frontier_sentences(d, f, scenario), fmt))
    return "".join(out)
