"""The uncertainty simulation (SMAA-2) as text, Markdown, CSV and JSON."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from optionscope.analysis.provenance import provenance
from optionscope.analysis.smaa import SmaaResult
from optionscope.io.writers import bar, to_csv, to_json
from optionscope.model.scenario import Scenario
from optionscope.present.numbers import percent, percent_cell
from optionscope.present.ranking import join_names
from optionscope.present.simulation import (
    acceptability_order,
    gates_sentence,
    mean_rank,
    rows_shown,
    top_ranks_sentence,
)
from optionscope.report.text_blocks import (
    heading,
    json_number,
    paragraph,
    table_for,
)

# SMAA ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SimulationReport:
    """An SMAA-2 run and what it was run with, for `optionscope simulate`."""

    scenario: Scenario
    result: SmaaResult
    weights_label: str
    gate_probabilities: Mapping[str, float] | None = None
    profiles: tuple[tuple[str, str, SmaaResult], ...] = ()
    """Per profile (id, name, result), when every profile was simulated too."""
    leaders: Mapping[str, str] | None = None
    """Per profile id, the leader with the profile's exact weights (no uncertainty)."""

    def label(self, option_id: str) -> str:
        return self.scenario.option(option_id).label


def _acceptability(r: SmaaResult) -> dict[str, list[float]]:
    return {o: [float(x) for x in r.rank_acceptability[i]] for i, o in enumerate(r.options)}


NAMED_FIRSTS = 10
"""Options named in the first-place sentence when only the first ranks were counted."""

TABLE_ROWS = 50
"""Options listed when only the first ranks were counted (many options)."""


CENTRAL_COLUMNS = 10
"""Options given a column of central weights: those most often first."""

CENTRAL_LEFT_OUT = (
    "Only the {shown} options most often first are shown; {hidden:,} more, each first in at "
    "most {share} of simulations, are left out (all are in --format csv and json)."
)


def _first_order(r: SmaaResult) -> list[int]:
    """Option indices by first-rank acceptability, then expected rank (or the next ranks)."""
    return acceptability_order(r)


def weights_assumption(r: SmaaResult, label: str) -> str:
    if r.weights is None:
        return "weights drawn uniformly over every possible weighting (no preference stated)"
    if r.concentration is None:
        return f"weights fixed at {label}"
    sd = math.sqrt(0.1 * 0.9 / (r.concentration + 1))
    return (
        f"weights drawn around {label} (concentration {r.concentration:g}: a weight of 10% "
        f"varies by about ±{100 * sd:.0f} points)"
    )


def simulation_sentences(rep: SimulationReport) -> list[str]:
    r = rep.result
    order = _first_order(r)
    firsts = [
        (rep.label(r.options[i]), percent(float(r.rank_acceptability[i, 0])))
        for i in order
        if r.rank_acceptability[i, 0] > 0
    ]
    out = []
    if r.bounded and len(firsts) > NAMED_FIRSTS:
        rest_share = sum(float(r.rank_acceptability[i, 0]) for i in order[NAMED_FIRSTS:])
        others = len(firsts) - NAMED_FIRSTS
        firsts = [
            *firsts[:NAMED_FIRSTS],
            (f"{others:,} other options", f"{percent(rest_share)} together"),
        ]
    if firsts:
        (name, share), *rest = firsts
        out.append(
            f"{name} is first in {share} of simulations"
            + ("; " + "; ".join(f"{n} in {p}" for n, p in rest) + "." if rest else ".")
        )
    never = [rep.label(r.options[i]) for i in order if r.rank_acceptability[i, 0] == 0]
    if never and r.bounded:
        out.append(f"Never first: {len(never):,} options.")
    elif never:
        out.append(f"Never first: {join_names(never)}.")
    top = order[0]
    cf = float(r.confidence_factors[top])
    if math.isfinite(cf):
        out.append(
            f"Confidence factor of {rep.label(r.options[top])}: {percent(cf)} "
            "(how often it is first with its own typical winning weights, "
            "when only the assessments vary)."
        )
    if r.gates:
        out.append(gates_sentence(r, rep.label))
    bounded = top_ranks_sentence(r)
    if bounded:
        out.append(bounded)
    return out


def profile_simulation_sentence(
    name: str, r: SmaaResult, label: Callable[[str], str], exact_leader: str | None = None
) -> str:
    order = _first_order(r)
    top = order[0]
    others = [
        f"{label(r.options[i])} {percent(float(r.rank_acceptability[i, 0]))}"
        for i in order[1:3]
        if r.rank_acceptability[i, 0] >= 0.005
    ]
    share = percent(float(r.rank_acceptability[top, 0]))
    text = f"{name}: {label(r.options[top])} first in {share}"
    text += f" ({', '.join(others)})." if others else "."
    if exact_leader is not None and exact_leader != r.options[top]:
        text += (
            f" With the profile's exact weights {label(exact_leader)} leads; once weights and "
            f"assessments vary, {label(r.options[top])} is first more often."
        )
    return text


def _profile_sentences(rep: SimulationReport) -> list[str]:
    leaders = rep.leaders or {}
    return [
        profile_simulation_sentence(name, pr, rep.label, leaders.get(pid))
        for pid, name, pr in rep.profiles
    ]


def _smaa_core(r: SmaaResult) -> dict[str, Any]:
    return {
        "acceptability": _acceptability(r),
        "expected_rank": {o: json_number(v) for o, v in r.expected_ranks().items()},
        "central_weights": {
            o: None
            if np.isnan(r.central_weights[i]).any()
            else {
                c: json_number(float(w))
                for c, w in zip(r.criteria, r.central_weights[i], strict=True)
            }
            for i, o in enumerate(r.options)
        },
        "confidence_factors": {
            o: json_number(float(r.confidence_factors[i])) for i, o in enumerate(r.options)
        },
        "ranks_counted": r.ranks,
        "options_simulated": len(r.options) if r.simulated is None else r.simulated,
    }


def simulation_json(rep: SimulationReport) -> dict[str, Any]:
    r = rep.result
    data: dict[str, Any] = {
        "scenario": r.scenario,
        "method": "smaa-2",
        "samples": r.samples,
        "confidence_samples": r.confidence_samples,
        "seed": r.seed,
        "weights_label": rep.weights_label,
        "weights": None
        if r.weights is None
        else {c: json_number(float(w)) for c, w in zip(r.criteria, r.weights, strict=True)},
        "concentration": r.concentration,
        "gates": r.gates,
        **_smaa_core(r),
    }
    if r.gates:
        data["infeasibility"] = {
            o: json_number(float(r.infeasible[i])) for i, o in enumerate(r.options)
        }
        data["gate_probabilities"] = {
            o: json_number(p) for o, p in (rep.gate_probabilities or {}).items()
        }
    if rep.profiles:
        data["profiles"] = [
            {
                "profile": pid,
                "name": name,
                "weights": None
                if pr.weights is None
                else {
                    c: json_number(float(w)) for c, w in zip(pr.criteria, pr.weights, strict=True)
                },
                **_smaa_core(pr),
                **(
                    {
                        "infeasibility": {
                            o: json_number(float(pr.infeasible[i]))
                            for i, o in enumerate(pr.options)
                        }
                    }
                    if pr.gates
                    else {}
                ),
                "exact_leader": (rep.leaders or {}).get(pid),
                "summary": sentence,
            }
            for (pid, name, pr), sentence in zip(rep.profiles, _profile_sentences(rep), strict=True)
        ]
    data["summary"] = simulation_sentences(rep) + _profile_sentences(rep)
    data["provenance"] = provenance(rep.scenario, r.seed)
    return data


def render_simulation(rep: SimulationReport, fmt: str) -> str:
    if fmt == "json":
        return to_json(simulation_json(rep))
    r = rep.result
    m = r.ranks
    if fmt == "csv":
        header = [
            "profile", "option", *(f"rank_{k + 1}" for k in range(m)), "expected_rank",
            "confidence_factor", "infeasible", *(f"central_weight:{c}" for c in r.criteria),
        ]  # fmt: skip
        rows: list[list[object]] = []
        runs = [("", r), *((pid, pr) for pid, _, pr in rep.profiles)]
        for pid, run in runs:
            expected = run.expected_ranks()
            for i, o in enumerate(run.options):
                cw = run.central_weights[i]
                cf = float(run.confidence_factors[i])
                rows.append(
                    [
                        pid,
                        o,
                        *(float(x) for x in run.rank_acceptability[i]),
                        expected[o] if math.isfinite(expected[o]) else "",
                        cf if math.isfinite(cf) else "",
                        float(run.infeasible[i])
                        if run.gates and math.isfinite(float(run.infeasible[i]))
                        else "",
                        *(float(w) if math.isfinite(w) else "" for w in cw),
                    ]
                )
        return to_csv(header, rows)
    table = table_for(fmt)
    md = fmt == "md"
    out = [heading(rep.scenario.title, fmt, 1)]
    out.append(
        f"SMAA-2: {r.samples:,} simulations (seed {r.seed}); "
        f"{weights_assumption(r, rep.weights_label)}; each assessment drawn within its "
        "range (uniform, triangular or PERT by its confidence)"
        + ("; feasibility gates simulated" if r.gates else "")
        + ".\n"
    )
    out.append(paragraph(simulation_sentences(rep), fmt))
    out.append(
        heading("Rank acceptability: % of simulations in which each option takes each rank", fmt)
    )
    order = _first_order(r)
    shown, left_out = rows_shown(r, TABLE_ROWS)
    expected = r.expected_ranks()
    rows = []
    for i in shown:
        o = r.options[i]
        cf = float(r.confidence_factors[i])
        row: list[object] = [rep.label(o)]
        row += [percent_cell(float(x)) for x in r.rank_acceptability[i]]
        mean = mean_rank(expected[o])
        row += [mean, percent(cf) if math.isfinite(cf) else "-"]
        if r.gates:
            fail = float(r.infeasible[i])
            row.append(percent(fail) if math.isfinite(fail) else "-")
        if not md:
            row.append(bar(float(r.rank_acceptability[i, 0]), 20))
        rows.append(row)
    header = ["option", *(f"#{k + 1}" for k in range(m)), "mean rank", "confidence"]
    if r.gates:
        header.append("fails a gate")
    if not md:
        header.append("first")
    align = "l" + "r" * (m + 2) + ("r" if r.gates else "") + ("" if md else "l")
    out.append(("" if md else "\n") + table(header, rows, align))
    if left_out:
        out.append(paragraph([left_out], fmt))

    ever_first = [
        i
        for i in order
        if r.rank_acceptability[i, 0] > 0 and not np.isnan(r.central_weights[i]).any()
    ]
    winners = ever_first[:CENTRAL_COLUMNS]
    if winners:
        out.append(
            heading("Central weights: the typical weights under which each option is first", fmt)
        )
        if len(ever_first) > len(winners):
            hidden = len(ever_first) - len(winners)
            out.append(
                ("" if md else "\n")
                + CENTRAL_LEFT_OUT.format(
                    shown=len(winners),
                    hidden=hidden,
                    share=percent(float(r.rank_acceptability[ever_first[len(winners)], 0])),
                )
                + "\n"
            )
        cw_rows = []
        given = [] if r.weights is None else [float(x) for x in r.weights]
        for j, c in enumerate(r.criteria):
            name = rep.scenario.criterion(c).name
            centre = [percent(given[j])] if given else []
            cw_rows.append(
                [name, *centre, *(percent(float(r.central_weights[i, j])) for i in winners)]
            )
        header = [
            "criterion",
            *(["given"] if given else []),
            *(rep.label(r.options[i]) for i in winners),
        ]
        align = "l" + ("r" if given else "") + "r" * len(winners)
        out.append(("" if md else "\n") + table(header, cw_rows, align))

    if rep.profiles:
        out.append(heading("From each stakeholder's seat (weights drawn around the profile)", fmt))
        prow = []
        for pid, _name, pr in rep.profiles:
            po = _first_order(pr)
            top = po[0]
            second = po[1] if len(po) > 1 else None
            prow.append(
                [
                    pid,
                    rep.label(pr.options[top]),
                    percent(float(pr.rank_acceptability[top, 0])),
                    rep.label(pr.options[second]) if second is not None else "-",
                    percent(float(pr.rank_acceptability[second, 0])) if second is not None else "-",
                    *([] if md else [bar(float(pr.rank_acceptability[top, 0]), 20)]),
                ]
            )
        header = ["profile", "most often first", "share", "next", "share", *([] if md else [""])]
        out.append(("" if md else "\n") + table(header, prow, "llrlr" + ("" if md else "l")))
        out.append(paragraph(_profile_sentences(rep), fmt))
    return "".join(out)
