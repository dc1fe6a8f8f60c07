"""Sensitivity from every stakeholder's seat: how firm each profile's leader is, as text,
Markdown, CSV and JSON (`optionscope sensitivity S` without weights)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from optionscope.analysis.provenance import provenance
from optionscope.io.writers import text_for, to_csv, to_json
from optionscope.model.scenario import Scenario
from optionscope.present.numbers import percentage_points
from optionscope.present.sensitivity import (
    FIRM_FROM,
    FRAGILE_BELOW,
    NOW_FIRST,
    change_sentence,
    firmness,
    points_moved,
    shifts_text,
    shown_points_moved,
    stability_interval,
    stability_sentence,
    weight_now,
    weight_points,
)
from optionscope.report.sensitivity_text import SensitivityReport
from optionscope.report.text_blocks import (
    heading,
    json_number,
    paragraph,
    score_points,
    table_for,
)

# Sensitivity: every profile ----------------------------------------------------


@dataclass(frozen=True)
class ProfileFirmness:
    """How firm the leader is from one stakeholder's seat."""

    profile: str
    profile_name: str
    report: SensitivityReport

    @property
    def moved(self) -> float | None:
        """Points of weight that overturn the leader (JSON and CSV)."""
        over = self.report.overturn
        return (
            points_moved(over.distance) if over is not None and over.distance is not None else None
        )

    @property
    def shown_moved(self) -> float | None:
        """The same, as its moves are shown (text and Markdown), so that the sentence, the
        table and the seat's own `sensitivity` read the same number."""
        over = self.report.overturn
        return shown_points_moved(over) if over is not None and over.distance is not None else None

    def sentence(self) -> str:
        r = self.report
        leader = r.label(r.leader)
        margin = r.margin
        head = f"{self.profile_name}: {leader} leads"
        if len(r.tied) > 1:
            head = f"{self.profile_name}: {r.tie_text()}"
        elif margin is not None and r.runner_up is not None:
            head += f" {r.label(r.runner_up)} by {score_points(margin)} points"
        over = r.overturn
        if over is None or over.distance is None:
            return head + "; no weighting puts another option ahead."
        moved = shown_points_moved(over)
        return (
            f"{head} ({firmness(moved)}): moving {weight_points(moved)} of weight "
            f"({shifts_text(over, 2)}) would put {r.label(over.option)} first."
        )


def profiles_json(rows: Sequence[ProfileFirmness], scenario: Scenario) -> dict[str, Any]:
    out = []
    for p in rows:
        r = p.report
        ms = r.stability.most_sensitive()
        over = r.overturn
        out.append(
            {
                "profile": p.profile,
                "name": p.profile_name,
                "leader": r.leader,
                "runner_up": r.runner_up,
                "margin": json_number(r.margin),
                "firmness": firmness(p.moved),
                "most_sensitive": None
                if ms is None
                else {
                    "criterion": ms.criterion,
                    "weight": json_number(ms.weight),
                    "lower": json_number(ms.lower),
                    "upper": json_number(ms.upper),
                    "explanation": stability_sentence(r.stability, ms, r.label),
                },
                "overturned_by": None
                if over is None
                else {
                    "option": over.option,
                    "points_moved": json_number(p.moved),
                    "weights": {k: json_number(v) for k, v in over.after.items()}
                    if over.after
                    else None,
                    "explanation": change_sentence(over, r.label),
                },
                "summary": p.sentence(),
            }
        )
    return {
        "scenario": scenario.id,
        "thresholds": {"fragile_below_points": FRAGILE_BELOW, "firm_from_points": FIRM_FROM},
        "profiles": out,
        "provenance": provenance(scenario),
    }


def render_profiles(
    rows: Sequence[ProfileFirmness], scenario: Scenario, fmt: str, scenario_ref: str = ""
) -> str:
    """The per-profile overview; `scenario_ref` is S as the user typed it (for the hint)."""
    if fmt == "json":
        return to_json(profiles_json(rows, scenario))
    if fmt == "csv":
        data = []
        for p in rows:
            r = p.report
            ms = r.stability.most_sensitive()
            over = r.overturn
            data.append(
                [
                    p.profile,
                    r.leader,
                    r.runner_up or "",
                    json_number(r.margin),
                    firmness(p.moved),
                    ms.criterion if ms else "",
                    json_number(ms.lower) if ms else "",
                    json_number(ms.upper) if ms else "",
                    over.option if over else "",
                    json_number(p.moved) if p.moved is not None else "",
                ]
            )
        header = [
            "profile", "leader", "runner_up", "margin", "firmness", "most_sensitive",
            "first_from_weight", "first_to_weight", "overturned_by", "points_moved",
        ]  # fmt: skip
        return to_csv(header, data)
    table = table_for(fmt)
    out = [heading(scenario.title, fmt, 1)]
    out.append(
        "How firm each stakeholder's leading option is (additive value model). "
        "'points moved' is the smallest change of the weights, in percentage points, "
        f"that puts another option first: under {FRAGILE_BELOW:g} is fragile, "
        f"{FIRM_FROM:g} or more is firm.\n\n"
    )
    data = []
    for p in rows:
        r = p.report
        ms = r.stability.most_sensitive()
        over = r.overturn
        data.append(
            [
                p.profile,
                r.label(r.leader),
                score_points(r.margin) if r.margin is not None else "-",
                ms.name if ms else "-",
                f"{weight_now(r.stability, ms)} ({stability_interval(ms)})" if ms else "-",
                percentage_points(p.shown_moved / 100) if p.shown_moved is not None else "-",
                r.label(over.option) if over else "-",
                firmness(p.shown_moved),
            ]
        )
    tied = any(p.report.stability.tied_with for p in rows)
    header = [
        "profile", "leader", "margin", "most sensitive weight", NOW_FIRST[tied],
        "points moved", "then first", "firmness",
    ]  # fmt: skip
    out.append(table(header, data, "llrlrrll"))
    out.append(paragraph([p.sentence() for p in rows], fmt))
    hint = (
        f"Details for one seat: optionscope sensitivity {scenario_ref or scenario.id} --profile ID"
        f" (e.g. {rows[0].profile})."
        if rows
        else ""
    )
    if hint:
        out.append("\n" + text_for(hint, fmt) + "\n")
    return "".join(out)
