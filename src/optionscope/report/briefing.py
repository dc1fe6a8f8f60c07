"""The briefing note: a scenario's ranking, why, how firm, at what cost, with full citations.

`build_briefing` computes everything once (every number comes from `analysis`);
`briefing_html.briefing_html` renders a standalone page (inline CSS and SVG, no scripts, no
network assets), `briefing_markdown.briefing_markdown` the same content as Markdown, and
`briefing_json` the data with its provenance. No timestamps: two runs with the
same inputs give the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from optionscope.analysis.compare import ProfileComparison, compare_profiles
from optionscope.analysis.dominance import (
    CostFrontier,
    Dominance,
    dominated_options,
    value_cost_frontier,
)
from optionscope.analysis.explain import LeadExplanation, close_call, explain_lead
from optionscope.analysis.fragility import FragilityReport, source_fragility
from optionscope.analysis.gates import OptionGates, gate_probabilities
from optionscope.analysis.provenance import provenance
from optionscope.analysis.ranking import METHOD_NAMES, rank
from optionscope.analysis.seeds import DEFAULT_SEED
from optionscope.analysis.sensitivity import (
    CriterionStability,
    StabilityAnalysis,
    Tornado,
    WeightChange,
    stability_intervals,
    tornado,
    what_would_have_to_be_true,
)
from optionscope.analysis.smaa import SmaaResult, smaa
from optionscope.io.writers import to_json
from optionscope.model.matrix_cells import matrix_assessment
from optionscope.model.results import RankedOption, Ranking
from optionscope.model.scenario import Assessment, Option, Scenario
from optionscope.present.numbers import (
    percent,
)
from optionscope.present.ranking import (
    lead_sentences,
    method_warnings,
)
from optionscope.present.sensitivity import (
    change_sentence,
    stability_interval,
    stability_sentence,
    weight_now,
)
from optionscope.present.simulation import top_ranks_sentence
from optionscope.report.positions_text import (
    position_json,
    recorded_positions,
)
from optionscope.report.text_blocks import json_number, labeller

DEFAULT_SAMPLES = 20_000


@dataclass(frozen=True)
class Briefing:
    scenario: Scenario
    weights_label: str
    method: str
    ranking: Ranking
    additive: Ranking
    """The additive ranking, whose contributions explain the scores (same as `ranking` for wsm)."""
    explanation: LeadExplanation
    stability: StabilityAnalysis
    tornado: Tornado
    """What the stated ranges of each criterion's assessments can do to the lead."""
    overturn: WeightChange | None
    """What would make the runner-up first."""
    uncertainty: SmaaResult
    frontier: CostFrontier | None
    dominance: Dominance
    gates: tuple[OptionGates, ...]
    comparison: ProfileComparison | None
    fragility: FragilityReport
    """Which sources the lead rests on."""
    seed: int
    samples: int
    command: str
    """The command that reproduces this briefing."""

    @property
    def provenance(self) -> dict[str, Any]:
        return provenance(self.scenario, self.seed)


def build_briefing(
    scenario: Scenario,
    weights: Mapping[str, float],
    weights_label: str,
    *,
    method: str = "wsm",
    seed: int = DEFAULT_SEED,
    samples: int = DEFAULT_SAMPLES,
    command: str = "",
) -> Briefing:
    """Compute every part of the briefing.

    What would have to be true for the runner-up to lead is a linear programme, solved
    with scipy, whose import takes about 0.3 s: where a second CPU can take it, a forked
    copy solves it while this process computes the rest (`io.forked.side_by_side`)."""
    from optionscope.io.forked import side_by_side

    ranking = rank(scenario, weights, method)
    additive = ranking if method == "wsm" else rank(scenario, weights, "wsm")

    def overturn() -> WeightChange | None:
        if len(additive.ranking) < 2:
            return None
        return what_would_have_to_be_true(scenario, weights, additive.ranking[1].option)

    def the_rest() -> Briefing:
        try:
            frontier: CostFrontier | None = value_cost_frontier(
                scenario, weights, cost_criterion=cost_criterion(scenario)
            )
        except (ValueError, KeyError):
            frontier = None
        return Briefing(
            scenario=scenario,
            weights_label=weights_label,
            method=method,
            ranking=ranking,
            additive=additive,
            explanation=explain_lead(additive, scenario),
            stability=stability_intervals(scenario, weights),
            tornado=tornado(scenario, weights),
            overturn=None,  # solved beside (below)
            uncertainty=smaa(scenario, weights, samples=samples, seed=seed),
            frontier=frontier,
            dominance=dominated_options(scenario),
            gates=gate_probabilities(scenario),
            comparison=(
                compare_profiles(scenario, None, method, ranked=(weights, ranking))
                if scenario.profiles
                else None
            ),
            fragility=source_fragility(scenario, weights, method, ranked=ranking),
            seed=seed,
            samples=samples,
            command=command,
        )

    briefing, overturned = side_by_side(the_rest, overturn)
    return replace(briefing, overturn=overturned)


def cost_criterion(scenario: Scenario) -> str | None:
    """The criterion the scenario declares as its cost (`cost_criterion`), if any."""
    return scenario.cost_criterion


BRIEFING_ROWS = 20
"""Options a briefing's acceptability table lists when only the first ranks were counted."""

OPTIONS_DESCRIBED = 50
"""Options described one by one in a briefing: every one up to this many, else the first
this many of the ranking."""

OPTIONS_LEFT_OUT = "The other {hidden:,} options, ranked below these, are not described here."


def described_options(b: Briefing) -> tuple[list[Option], str | None]:
    """The options a briefing describes one by one, and a line for those it leaves out."""
    s = b.scenario
    if len(s.options) <= OPTIONS_DESCRIBED:
        return list(s.options), None
    first = [s.option(r.option) for r in b.ranking.ranking[:OPTIONS_DESCRIBED]]
    return first, OPTIONS_LEFT_OUT.format(hidden=len(s.options) - len(first))


LEFT_OUT_OF = "The other {hidden:,} options, ranked below these, are left out of this {what}."


def first_ranked(ranking: Ranking, what: str) -> tuple[list[RankedOption], str | None]:
    """The options a chart, or a table with a column per option, shows: every one up to
    `OPTIONS_DESCRIBED`, else the first this many of the ranking, and a line for the rest."""
    rows = ranking.ranking
    if len(rows) <= OPTIONS_DESCRIBED:
        return list(rows), None
    hidden = len(rows) - OPTIONS_DESCRIBED
    return list(rows[:OPTIONS_DESCRIBED]), LEFT_OUT_OF.format(hidden=hidden, what=what)


def profile_columns(b: Briefing) -> tuple[list[Option], str | None]:
    """The options of the stakeholders' table: those described (`described_options`),
    and a line for the rest."""
    shown, left_out = described_options(b)
    if left_out is None:
        return shown, None
    return shown, LEFT_OUT_OF.format(hidden=len(b.scenario.options) - len(shown), what="table")


# Shared wording -------------------------------------------------------------

FIRST_IN_CASES = (
    "Allowing for the ranges of the assessments and uncertainty in the weights ({samples} "
    "simulations), {leader} comes first in {share} of cases."
)
FIRST_IN_CASES_RIVAL = (
    "Allowing for the ranges of the assessments and uncertainty in the weights ({samples} "
    "simulations), {leader} comes first in {share} of cases, {rival} in {rival_share}."
)
GATES_HOLD = (
    "The judged chance that all of {leader}'s preconditions hold is {all} (taken as independent)."
)
GATES_HOLD_WEAKEST = (
    "The judged chance that all of {leader}'s preconditions hold is {all} (taken as "
    "independent); the weakest: “{weakest}” ({weakest_share})."
)


def bottom_line(b: Briefing) -> list[str]:
    """The briefing's first paragraph, sentence by sentence."""
    s = b.scenario
    first = b.uncertainty.first_rank()
    leader = b.additive.ranking[0].option
    close = close_call(b.explanation, b.tornado.margins, first.get(leader))
    out = lead_sentences(b.explanation, b.weights_label, close)
    rival = _runner_up_share(first, leader)
    fields = {
        "samples": f"{b.uncertainty.samples:,}",
        "leader": s.option(leader).label,
        "share": percent(first[leader]),
    }
    if rival is None:
        out.append(FIRST_IN_CASES.format(**fields))
    else:
        out.append(
            FIRST_IN_CASES_RIVAL.format(
                **fields, rival=s.option(rival[0]).label, rival_share=percent(rival[1])
            )
        )
    sensitive = b.stability.most_sensitive()
    if sensitive is not None:
        out.append(stability_sentence(b.stability, sensitive, labeller(s)))
    if b.overturn is not None:
        out.append(change_sentence(b.overturn, labeller(s)))
    gates = {g.option: g for g in b.gates}
    g = gates.get(leader)
    if g is not None and g.gates:
        weakest = g.weakest
        if weakest is not None and weakest.probability is not None:
            out.append(
                GATES_HOLD_WEAKEST.format(
                    leader=s.option(leader).label,
                    all=percent(g.probability_all),
                    weakest=weakest.text.rstrip("."),
                    weakest_share=percent(weakest.probability),
                )
            )
        else:
            out.append(
                GATES_HOLD.format(leader=s.option(leader).label, all=percent(g.probability_all))
            )
    return out


def _runner_up_share(first: dict[str, float], leader: str) -> tuple[str, float] | None:
    """The option most often first after the leader, if it is first in some cases."""
    rivals = sorted(((p, o) for o, p in first.items() if o != leader), reverse=True)
    if not rivals or rivals[0][0] <= 0.0:
        return None
    p, o = rivals[0]
    return o, p


def assumptions(b: Briefing) -> list[str]:
    s = b.scenario
    out = [
        "Each criterion's performance is turned into a 0-100 value, linearly over the "
        "criterion's stated scale (or by its stated value function), and the score is the "
        "weighted sum of these values (additive value model).",
        "Weights are normalised to sum 1; a criterion left out of a profile weighs 0.",
        f"Uncertainty: {b.uncertainty.samples:,} simulations (seed {b.seed}); each assessment is "
        "drawn within its low-high range (uniform when confidence is low, triangular when "
        "medium, PERT when high), weights from a Dirichlet distribution around the weights used"
        + (
            f" (concentration {b.uncertainty.concentration:g})."
            if b.uncertainty.concentration
            else "."
        ),
        "Feasibility gates (preconditions) are judged probabilities, combined as if independent.",
    ]
    bounded = top_ranks_sentence(b.uncertainty)
    if bounded:
        out.append(bounded)
    if b.method != "wsm":
        out.append(
            f"The ranking uses {METHOD_NAMES.get(b.method, b.method)}; contributions, stability "
            "and uncertainty are computed with the additive model."
        )
    out.extend(method_warnings(b.ranking, s))
    if s.framing:
        out.append(f"Framing: {s.framing}")
    return out


def stability_row(s: Scenario, analysis: StabilityAnalysis, c: CriterionStability) -> list[object]:
    """One criterion's stability interval as table cells."""
    beyond = []
    if c.below is not None:
        beyond.append(f"below: {' = '.join(s.option(o).label for o in c.below.leaders)}")
    if c.above is not None:
        beyond.append(f"above: {' = '.join(s.option(o).label for o in c.above.leaders)}")
    return [c.name, weight_now(analysis, c), stability_interval(c), "; ".join(beyond) or "nobody"]


def judgement_counts(s: Scenario) -> dict[str, int]:
    """Assessments by basis. A matrix's cells are one assessment but for their value: they
    are counted from its columns, without making an object per cell."""
    cells = s.matrix_cells()
    if cells is not None:
        return {matrix_assessment(0.0).basis: cells.values.size}
    counts: dict[str, int] = {}
    for row in s.assessments.values():
        for a in row.values():
            counts[a.basis] = counts.get(a.basis, 0) + 1
    return counts


def weak_judgements(s: Scenario) -> list[tuple[str, str, str]]:
    """Low-confidence judgements: (option label, criterion name, rationale)."""
    if s.matrix_cells() is not None and not _weak(matrix_assessment(0.0)):
        return []  # every cell of a matrix is the same assessment but for its value
    out = []
    for o in s.options:
        for c in s.criteria:
            a = s.assessments[o.id][c.id]
            if _weak(a):
                out.append((o.label, c.name, a.rationale))
    return out


def _weak(a: Assessment) -> bool:
    return a.basis == "judgement" and a.confidence == "low"


def reproduce_line(b: Briefing) -> str:
    p = b.provenance
    cmd = f" Command: {b.command}." if b.command else ""
    return (
        f"optionscope {p['optionscope']}; scenario {b.scenario.id}, content hash "
        f"{p['scenario_hash']}; method {b.method}; weights: {b.weights_label}; seed {b.seed}; "
        f"{b.samples:,} simulations.{cmd}"
    )


# JSON -------------------------------------------------------------------------


def briefing_json(b: Briefing) -> str:
    s = b.scenario
    data: dict[str, Any] = {
        "scenario": s.id,
        "title": s.title,
        "question": s.question,
        "method": b.method,
        "weights_label": b.weights_label,
        "bottom_line": bottom_line(b),
        "ranking": b.ranking.model_dump(mode="json"),
        "stability": [
            {
                "criterion": c.criterion,
                "weight": json_number(c.weight),
                "lower": json_number(c.lower),
                "upper": json_number(c.upper),
                "describe": stability_sentence(b.stability, c, labeller(s)),
            }
            for c in b.stability.criteria
        ],
        "acceptability": {
            o: [float(x) for x in b.uncertainty.rank_acceptability[i]]
            for i, o in enumerate(b.uncertainty.options)
        },
        "gates": {g.option: json_number(g.probability_all) for g in b.gates},
        "positions": (
            [position_json(c) for c in recorded_positions(b.scenario, b.comparison)]
            if b.comparison is not None
            else []
        ),
        "fragile_sources": [
            {"source": f.source, "first_after": list(f.first_after)} for f in b.fragility.fragile
        ],
        "dominated": {d.option: list(d.dominated_by) for d in b.dominance.dominated},
        "dominated_by_undominated_only": b.dominance.by_undominated_only,
        "frontier": list(b.frontier.frontier) if b.frontier else None,
        "assumptions": assumptions(b),
        "provenance": b.provenance,
    }
    return to_json(data)
