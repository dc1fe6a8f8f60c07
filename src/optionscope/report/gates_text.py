"""Feasibility gates as text, Markdown, CSV and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from optionscope.analysis.gates import FirstChoiceGates, OptionGates
from optionscope.analysis.provenance import provenance
from optionscope.io.writers import to_csv, to_json
from optionscope.model.scenario import Scenario
from optionscope.present.gates import first_choice_sentence
from optionscope.present.numbers import percent
from optionscope.report.text_blocks import (
    heading,
    json_number,
    labeller,
    paragraph,
    table_for,
)

# Feasibility gates -----------------------------------------------------------------


GATES_NOTE = (
    "Gates are assumed independent: the probability that all of an option's gates pass is "
    "the product of their judged probabilities; a gate without a judged probability counts as "
    "passed."
)


def gates_json(
    options: Sequence[OptionGates],
    first: Sequence[FirstChoiceGates],
    scenario: Scenario,
    threshold: float,
) -> dict[str, Any]:
    label = labeller(scenario)
    return {
        "scenario": scenario.id,
        "threshold": threshold,
        "independence": GATES_NOTE,
        "options": [
            {
                "option": og.option,
                "name": og.name,
                "probability_all": json_number(og.probability_all),
                "gates": [
                    {"id": g.id, "kind": g.kind, "probability": g.probability, "text": g.text}
                    for g in og.gates
                ],
                "unknown": list(og.unknown),
                "likely_to_fail": [
                    g.id
                    for g in og.gates
                    if g.probability is not None and g.probability < threshold
                ],
            }
            for og in options
        ],
        "first_choices": [
            {
                "profile": f.profile,
                "option": f.option,
                "probability_all": json_number(f.probability_all),
                "failing": [g.id for g in f.failing],
                "explanation": first_choice_sentence(f, label),
            }
            for f in first
        ],
        "provenance": provenance(scenario),
    }


def render_gates(
    options: Sequence[OptionGates],
    first: Sequence[FirstChoiceGates],
    scenario: Scenario,
    threshold: float,
    fmt: str,
) -> str:
    if fmt == "json":
        return to_json(gates_json(options, first, scenario, threshold))
    if fmt != "csv" and not any(og.gates for og in options):
        head = heading(scenario.title, fmt, 1)
        return head + "No option has feasibility gates (preconditions) in this scenario.\n"
    if fmt == "csv":
        # one row per gate, and one with no gate for an option without gates (as the
        # table lists it, passing all its gates with probability 1)
        rows: list[list[object]] = []
        for og in options:
            all_pass = og.probability_all
            if not og.gates:
                rows.append([og.option, "", "", "", all_pass])
            for g in og.gates:
                probability = "" if g.probability is None else g.probability
                rows.append([og.option, g.id, g.kind, probability, all_pass])
        return to_csv(["option", "gate", "kind", "probability", "option_all_pass"], rows)
    label = labeller(scenario)
    table = table_for(fmt)
    md = fmt == "md"
    out = [heading(scenario.title, fmt, 1), f"Feasibility gates. {GATES_NOTE}\n"]
    rows = []
    for og in options:
        failing = [g for g in og.gates if g.probability is not None and g.probability < threshold]
        weakest = og.weakest
        rows.append(
            [
                label(og.option),
                len(og.gates),
                percent(og.probability_all),
                f"{weakest.id} ({percent(weakest.probability or 0.0)})" if weakest else "-",
                len(failing),
                len(og.unknown),
            ]
        )
    below = f"below {percent(threshold)}"
    header = ["option", "gates", "all pass", "weakest gate", below, "unjudged"]
    out.append("\n" + table(header, rows, "lrrlrr"))
    if first:
        out.append(heading("Each stakeholder's first choice and its gates", fmt))
        out.append(paragraph([first_choice_sentence(f, label) for f in first], fmt))
    out.append(heading("The gates", fmt))
    detail = [
        [
            label(og.option),
            g.id,
            g.kind,
            "-" if g.probability is None else percent(g.probability),
            g.text,
        ]
        for og in options
        for g in og.gates
    ]
    out.append(
        ("" if md else "\n")
        + table(["option", "gate", "kind", "p", "what must hold"], detail, "lllrl")
    )
    return "".join(out)
