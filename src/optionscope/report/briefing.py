"""The briefing note: a scenario's ranking, why, how firm, at what cost, with full citations.

`build_briefing` computes everything once (every number comes from `analysis`);
`briefing_html` renders a standalone page (inline CSS and SVG, no scripts, no
network assets), `briefing_markdown` the same content as Markdown, and
`briefing_json` the data with its provenance. No timestamps: two runs with the
same inputs give the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
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
from optionscope.io.safe_text import markdown_document, markdown_line
from optionscope.io.writers import markdown_table, plain, to_json
from optionscope.model.results import Ranking
from optionscope.model.scenario import IMPACT_LEVELS, LIKELIHOOD_LEVELS, Scenario
from optionscope.present.dominance import dominated_sentence
from optionscope.present.numbers import (
    format_part,
    format_score,
    percent,
    score_decimals,
    score_labels,
    share_labels,
)
from optionscope.present.ranking import (
    contribution_heading,
    lead_sentences,
    method_warnings,
    scale_description,
)
from optionscope.present.sensitivity import (
    change_sentence,
    stability_interval,
    stability_sentence,
    weight_now,
)
from optionscope.report import svg
from optionscope.report.fragility_text import (
    HEADER,
    METHOD_NOTE,
    fragility_markdown,
    fragility_row,
    summary,
)
from optionscope.report.positions_text import (
    position_json,
    position_sentence,
    recorded_positions,
)
from optionscope.report.scenario_text import citation, cost_text, option_markdown
from optionscope.report.text_blocks import labeller

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
    """Compute every part of the briefing."""
    ranking = rank(scenario, weights, method)
    additive = ranking if method == "wsm" else rank(scenario, weights, "wsm")
    explanation = explain_lead(additive, scenario)
    stability = stability_intervals(scenario, weights)
    swings = tornado(scenario, weights)
    overturn = None
    if len(additive.ranking) > 1:
        overturn = what_would_have_to_be_true(scenario, weights, additive.ranking[1].option)
    uncertainty = smaa(scenario, weights, samples=samples, seed=seed)
    try:
        frontier: CostFrontier | None = value_cost_frontier(
            scenario, weights, cost_criterion=cost_criterion(scenario)
        )
    except (ValueError, KeyError):
        frontier = None
    comparison = compare_profiles(scenario, None, method) if scenario.profiles else None
    return Briefing(
        scenario=scenario,
        weights_label=weights_label,
        method=method,
        ranking=ranking,
        additive=additive,
        explanation=explanation,
        stability=stability,
        tornado=swings,
        overturn=overturn,
        uncertainty=uncertainty,
        frontier=frontier,
        dominance=dominated_options(scenario),
        gates=gate_probabilities(scenario),
        comparison=comparison,
        fragility=source_fragility(scenario, weights, method),
        seed=seed,
        samples=samples,
        command=command,
    )


def cost_criterion(scenario: Scenario) -> str | None:
    """The criterion the scenario declares as its cost (`cost_criterion`), if any."""
    return scenario.cost_criterion


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
        out.append(stability_sentence(sensitive, labeller(s), weight_now(b.stability, sensitive)))
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
    counts: dict[str, int] = {}
    for row in s.assessments.values():
        for a in row.values():
            counts[a.basis] = counts.get(a.basis, 0) + 1
    return counts


def weak_judgements(s: Scenario) -> list[tuple[str, str, str]]:
    """Low-confidence judgements: (option label, criterion name, rationale)."""
    out = []
    for o in s.options:
        for c in s.criteria:
            a = s.assessments[o.id][c.id]
            if a.basis == "judgement" and a.confidence == "low":
                out.append((o.label, c.name, a.rationale))
    return out


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
                "weight": c.weight,
                "lower": c.lower,
                "upper": c.upper,
                "describe": stability_sentence(c, labeller(s), weight_now(b.stability, c)),
            }
            for c in b.stability.criteria
        ],
        "acceptability": {
            o: [float(x) for x in b.uncertainty.rank_acceptability[i]]
            for i, o in enumerate(b.uncertainty.options)
        },
        "gates": {g.option: g.probability_all for g in b.gates},
        "positions": (
            [position_json(c) for c in recorded_positions(b.scenario, b.comparison)]
            if b.comparison is not None
            else []
        ),
        "fragile_sources": [
            {"source": f.source, "first_after": list(f.first_after)} for f in b.fragility.fragile
        ],
        "dominated": {d.option: list(d.dominated_by) for d in b.dominance.dominated},
        "frontier": list(b.frontier.frontier) if b.frontier else None,
        "assumptions": assumptions(b),
        "provenance": b.provenance,
    }
    return to_json(data)


# Markdown ---------------------------------------------------------------------


def briefing_markdown(b: Briefing) -> str:
    s = b.scenario
    out: list[str] = []

    def add(text: str = "") -> None:
        out.append(markdown_line(text))

    add(f"# {s.title}")
    add()
    add(f"**Question.** {s.question}  ")
    add(
        f"**As of** {s.as_of.isoformat()}. **Weights:** {b.weights_label}. "
        f"**Method:** {METHOD_NAMES.get(b.method, b.method)}."
    )
    add()
    add("## Bottom line")
    add()
    for sentence in bottom_line(b):
        add(f"- {sentence}")
    add()
    add("## Ranking")
    add()
    crit = s.criteria
    labels = score_labels([r.score for r in b.ranking.ranking], b.ranking.scale)
    rows = [
        [r.rank, s.option(r.option).label, label]
        for r, label in zip(b.ranking.ranking, labels, strict=True)
    ]
    add(f"Scores: {scale_description(b.ranking.scale)}.")
    add()
    out.append(markdown_table(["rank", "option", "score"], rows, "rlr"))
    add()
    add(f"Contributions to the additive score ({contribution_heading(b.additive.scale)}):")
    add()
    header = ["criterion", "weight", *(s.option(r.option).label for r in b.additive.ranking)]
    decimals = score_decimals([r.score for r in b.additive.ranking], b.additive.scale)
    rows = [
        [
            c.name,
            f"{b.additive.weights[c.id]:.3f}",
            *(
                format_part(r.contributions[c.id], b.additive.scale, decimals)
                for r in b.additive.ranking
            ),
        ]
        for c in crit
    ]
    out.append(markdown_table(header, rows, "lr" + "r" * len(b.additive.ranking)))
    add()
    add("## How firm is it")
    add()
    add(
        "Weight range over which the leader stays first (the other weights rescaled in proportion):"
    )
    add()
    rows = [stability_row(s, b.stability, c) for c in b.stability.criteria]
    out.append(
        markdown_table(
            ["criterion", "weight now", "leader stays first between", "who leads beyond"],
            rows,
            "lrll",
        )
    )
    add()
    add(f"Rank acceptability ({b.uncertainty.samples:,} simulations, seed {b.seed}):")
    add()
    m = len(b.uncertainty.options)
    rows = [
        [s.option(o).label, *share_labels([float(x) for x in b.uncertainty.rank_acceptability[i]])]
        for i, o in enumerate(b.uncertainty.options)
    ]
    out.append(markdown_table(["option", *(f"#{r + 1}" for r in range(m))], rows, "l" + "r" * m))
    if b.frontier is not None:
        add()
        add("## Value for money")
        add()
        f = b.frontier
        rows = [
            [
                s.option(p.option).label,
                f"{p.value:.1f}",
                f"{p.cost:,.0f}",
                "yes" if p.efficient else "no",
            ]
            for p in f.points
        ]
        out.append(
            markdown_table(["option", "value", f.unit or f.cost_label, "efficient"], rows, "lrrl")
        )
    if b.dominance.dominated:
        add()
        for d in b.dominance.dominated:
            add(f"- {dominated_sentence(d, labeller(s))}")
    if b.comparison is not None:
        add()
        add("## From each stakeholder's seat")
        add()
        header = ["profile", *(o.label for o in s.options), "first"]
        rows = []
        for pid in b.comparison.profiles:
            r = b.comparison.rankings[pid]
            rows.append(
                [
                    s.profile(pid).name,
                    *(r.by_option(o.id).rank for o in s.options),
                    " = ".join(s.option(x).label for x in b.comparison.first_choice(pid)),
                ]
            )
        out.append(markdown_table(header, rows, "l" + "r" * len(s.options) + "l"))
        checks = recorded_positions(s, b.comparison)
        if checks:
            add()
            add("What the actors actually backed, against their profiles' first choice:")
            add()
            for check in checks:
                add(f"- {plain(position_sentence(check, s))}")
    add()
    add("## Which sources the lead rests on")
    add()
    for text in fragility_markdown(b.fragility, s):
        add(plain(text) if not text.startswith("|") else text)
    add()
    add("## The options")
    for o in s.options:
        add()
        for text in option_markdown(o, f"### {o.name}", judged=True):
            add(text)
    add()
    add("## Method, weights and judgements")
    add()
    rows = [[c.name, f"{b.additive.weights[c.id]:.3f}"] for c in crit]
    out.append(markdown_table(["criterion", "weight"], rows, "lr"))
    add()
    counts = judgement_counts(s)
    add(
        "Assessments by basis: "
        + ", ".join(f"{n} {basis}" for basis, n in sorted(counts.items()))
        + ". A judgement is the author's, with a stated rationale."
    )
    weak = weak_judgements(s)
    if weak:
        add()
        add("Low-confidence judgements:")
        add()
        for label, cname, why in weak:
            add(f"- {label}, {cname}: {why}")
    add()
    add("Assumptions:")
    add()
    for a in assumptions(b):
        add(f"- {a}")
    add()
    add("## Sources")
    add()
    for src in s.sources:
        add(f"- [{src.id}] {citation(src)}")
    add()
    add("---")
    add()
    add(f"To reproduce: {reproduce_line(b)}")
    return markdown_document("\n".join(out) + "\n")


# HTML -------------------------------------------------------------------------

CSS = """
:root { --ink: #1d2430; --muted: #5b6472; --rule: #d8dde5; --accent: #2f4b7c; }
* { box-sizing: border-box; }
body { font-family: Georgia, 'Times New Roman', serif; color: var(--ink); max-width: 60rem;
  margin: 2rem auto; padding: 0 1.5rem; line-height: 1.5; }
h1, h2, h3, .meta, table, figcaption, .card h3 { font-family: system-ui, -apple-system,
  'Segoe UI', sans-serif; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; color: var(--accent); }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
  margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; }
.meta { color: var(--muted); font-size: .9rem; }
.bottom-line { background: #f3f6fb; border-left: 4px solid var(--accent); padding: .8rem 1.2rem;
  margin: 1.2rem 0; }
.bottom-line li { margin: .3rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .6rem 0 1rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .45rem; text-align: left;
  vertical-align: top; }
th { background: #f5f6f8; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figcaption { font-size: .85rem; color: var(--muted); }
.cards { display: grid; grid-template-columns: 1fr; gap: 1rem; }
.card { border: 1px solid var(--rule); border-radius: 6px; padding: .8rem 1rem;
  break-inside: avoid; }
.card .label { font-family: system-ui, sans-serif; font-size: .8rem; color: var(--muted); }
.tag { font-family: system-ui, sans-serif; font-size: .72rem; border: 1px solid var(--rule);
  border-radius: 3px; padding: 0 .3rem; color: var(--muted); }
.sources li { margin: .25rem 0; font-size: .9rem; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--rule); padding-top: .8rem;
  font-size: .8rem; color: var(--muted); font-family: system-ui, sans-serif; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
  figure, table { break-inside: avoid; } }
"""


def _e(text: object) -> str:
    return escape(plain(text))


def _table(
    header: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[int] | None = None
) -> str:
    numeric = numeric or set()
    head = "".join(
        f"<th{' class=n' if i in numeric else ''}>{_e(h)}</th>" for i, h in enumerate(header)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=n' if i in numeric else ''}>{_e(c)}</td>" for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _figure(svg_text: str, caption: str) -> str:
    return f"<figure>{svg_text}<figcaption>{_e(caption)}</figcaption></figure>"


def briefing_html(b: Briefing) -> str:
    s = b.scenario
    parts: list[str] = []
    add = parts.append
    add(f"<h1>{_e(s.title)}</h1>")
    add(
        f"<p class='meta'>Briefing note &middot; as of {_e(s.as_of.isoformat())} &middot; "
        f"weights: {_e(b.weights_label)} &middot; method: "
        f"{_e(METHOD_NAMES.get(b.method, b.method))}</p>"
    )
    add(f"<p><strong>Question.</strong> {_e(s.question)}</p>")
    if s.summary:
        add(f"<p>{_e(s.summary)}</p>")
    add("<section class='bottom-line'><h2 style='border:0;margin-top:0'>Bottom line</h2><ul>")
    add("".join(f"<li>{_e(x)}</li>" for x in bottom_line(b)))
    add("</ul></section>")

    add("<h2>Ranking and why</h2>")
    order = b.additive.ranking
    labels = [s.option(r.option).label for r in order]
    add(
        _figure(
            svg.contribution_bars(
                labels,
                [c.name for c in s.criteria],
                [[r.contributions[c.id] for c in s.criteria] for r in order],
                [r.score for r in order],
            ),
            "Score of each option (0-100, additive model), split into the contribution of each "
            "criterion (weight x value); segments are numbered as in the key.",
        )
    )
    if b.method != "wsm":
        add(
            f"<p>Ranking by {_e(METHOD_NAMES.get(b.method, b.method))}; scores: "
            f"{_e(scale_description(b.ranking.scale))}:</p>"
        )
        method_labels = score_labels([r.score for r in b.ranking.ranking], b.ranking.scale)
        add(
            _table(
                ["rank", "option", "score"],
                [
                    [r.rank, s.option(r.option).label, label]
                    for r, label in zip(b.ranking.ranking, method_labels, strict=True)
                ],
                {0, 2},
            )
        )
    additive_decimals = score_decimals([r.score for r in order], b.additive.scale)
    add(
        _table(
            ["criterion", "weight", *labels],
            [
                [
                    c.name,
                    f"{b.additive.weights[c.id]:.3f}",
                    *(
                        format_part(r.contributions[c.id], b.additive.scale, additive_decimals)
                        for r in order
                    ),
                ]
                for c in s.criteria
            ]
            + [
                [
                    "Score",
                    "1.000",
                    *(format_score(r.score, b.additive.scale, additive_decimals) for r in order),
                ]
            ],
            set(range(1, len(order) + 2)),
        )
    )

    add("<h2>How firm is it</h2>")
    st = b.stability.criteria
    add(
        _figure(
            svg.stability_intervals(
                [c.name for c in st], [(c.lower, c.upper) for c in st], [c.weight for c in st]
            ),
            f"For each criterion, the band of its weight within which "
            f"{s.option(b.stability.leader).label} stays first, the other weights rescaled in "
            "proportion; the black mark is the weight used.",
        )
    )
    add(
        _table(
            ["criterion", "weight now", "leader stays first between", "who leads beyond"],
            [stability_row(s, b.stability, c) for c in st],
            {1},
        )
    )
    u = b.uncertainty
    add(
        _figure(
            svg.acceptability_bars(
                [s.option(o).label for o in u.options],
                [[float(x) for x in row] for row in u.rank_acceptability],
            ),
            f"Share of {u.samples:,} simulations (seed {b.seed}) in which each option takes each "
            "rank, drawing assessments within their ranges and weights around those used.",
        )
    )

    if b.frontier is not None:
        f = b.frontier
        add("<h2>Value for money</h2>")
        add(
            _figure(
                svg.value_cost_map(
                    [s.option(p.option).label for p in f.points],
                    [p.value for p in f.points],
                    [p.cost for p in f.points],
                    [p.efficient for p in f.points],
                    f"{f.cost_label} ({f.unit})" if f.unit else f.cost_label,
                ),
                f"Value: {f.value_basis}. Efficient options (squares) are not beaten on both "
                "value and cost by any other option.",
            )
        )
    if b.dominance.dominated:
        add(
            "<ul>"
            + "".join(
                f"<li>{_e(dominated_sentence(d, labeller(s)))}</li>" for d in b.dominance.dominated
            )
            + "</ul>"
        )

    if b.comparison is not None:
        add("<h2>From each stakeholder's seat</h2>")
        cmp = b.comparison
        add(
            _table(
                ["profile", *(o.label for o in s.options), "first choice"],
                [
                    [
                        s.profile(pid).name,
                        *(cmp.rankings[pid].by_option(o.id).rank for o in s.options),
                        " = ".join(s.option(x).label for x in cmp.first_choice(pid)),
                    ]
                    for pid in cmp.profiles
                ],
                set(range(1, len(s.options) + 1)),
            )
        )
        add(
            "<p class='meta'>Rank of each option under each stakeholder profile. Profiles are "
            "the scenario author's reading of public positions, not weights the actors stated."
            "</p>"
        )
        checks = recorded_positions(s, cmp)
        if checks:
            add(
                "<p>What the actors actually backed, against their profiles' first choice:</p><ul>"
                + "".join(f"<li>{_e(position_sentence(c, s))}</li>" for c in checks)
                + "</ul>"
            )

    add("<h2>Which sources the lead rests on</h2>")
    add(f"<p>{_e(summary(b.fragility, s))}</p><p class='meta'>{_e(METHOD_NOTE)}</p>")
    shown = [f for f in b.fragility.sources if f.changes_leader] or list(b.fragility.sources[:5])
    add(_table(HEADER, [fragility_row(f, s) for f in shown], {1, 3}))
    add("<h2>The options</h2><div class='cards'>")
    gates = {g.option: g for g in b.gates}
    for o in s.options:
        card = [f"<div class='card'><h3>{_e(o.name)}</h3>"]
        tags = []
        if o.reference:
            tags.append("reference")
        if o.parent:
            tags.append(f"variant of {s.option(o.parent).label}")
        if tags:
            card.append(" ".join(f"<span class='tag'>{_e(t)}</span>" for t in tags))
        card.append(f"<p>{_e(o.summary)}</p>")
        if o.preconditions:
            g = gates.get(o.id)
            chance = (
                f" (judged chance all hold: {percent(g.probability_all)})" if g and g.gates else ""
            )
            card.append(f"<p class='label'>Preconditions{_e(chance)}</p><ul>")
            for pre in o.preconditions:
                prob = f" ({percent(pre.probability)})" if pre.probability is not None else ""
                card.append(f"<li>{_e(pre.text)}{_e(prob)}</li>")
            card.append("</ul>")
        if o.costs:
            card.append("<p class='label'>Costs</p><ul>")
            for c in o.costs:
                how = f" <em>{_e(c.derivation)}</em>" if c.derivation else ""
                card.append(f"<li>{_e(cost_text(c))}.{how}</li>")
            card.append("</ul>")
        if o.risks:
            card.append("<p class='label'>Risks</p>")
            card.append(
                svg.risk_matrix(
                    [
                        (r.id, LIKELIHOOD_LEVELS.index(r.likelihood), IMPACT_LEVELS.index(r.impact))
                        for r in o.risks
                    ],
                    LIKELIHOOD_LEVELS,
                    IMPACT_LEVELS,
                    title=f"Risk matrix: {o.label}",
                )
            )
            card.append("<ul>")
            for r in o.risks:
                card.append(
                    f"<li><strong>{_e(r.id)}</strong>: {_e(r.description)} "
                    f"<span class='tag'>{_e(r.likelihood)} / {_e(r.impact)}</span></li>"
                )
            card.append("</ul>")
        if o.tradeoffs.gains or o.tradeoffs.gives_up:
            card.append("<p class='label'>Trade-offs</p><ul>")
            card += [f"<li>Gains: {_e(x)}</li>" for x in o.tradeoffs.gains]
            card += [f"<li>Gives up: {_e(x)}</li>" for x in o.tradeoffs.gives_up]
            card.append("</ul>")
        card.append("</div>")
        add("".join(card))
    add("</div>")

    add("<h2>Method, weights and judgements</h2>")
    add(
        _table(
            ["criterion", "group", "weight", "scale"],
            [
                [
                    c.name,
                    c.group,
                    f"{b.additive.weights[c.id]:.3f}",
                    f"{c.scale.min:g} to {c.scale.max:g} {c.unit}"
                    f" ({'more' if c.direction == 'max' else 'less'} is better)",
                ]
                for c in s.criteria
            ],
            {2},
        )
    )
    counts = judgement_counts(s)
    add(
        "<p>Assessments by basis: "
        + _e(", ".join(f"{n} {basis}" for basis, n in sorted(counts.items())))
        + ". A judgement is the scenario author's, each with its rationale; figures cite their "
        "sources.</p>"
    )
    weak = weak_judgements(s)
    if weak:
        add("<p>Low-confidence judgements:</p><ul>")
        add("".join(f"<li>{_e(lab)}, {_e(cn)}: {_e(why)}</li>" for lab, cn, why in weak))
        add("</ul>")
    add("<p>Assumptions:</p><ul>" + "".join(f"<li>{_e(a)}</li>" for a in assumptions(b)) + "</ul>")

    add("<h2>Sources</h2><ol class='sources'>")
    add(
        "".join(
            f"<li id='src-{_e(src.id)}'><span class='tag'>{_e(src.id)}</span> "
            f"{_e(citation(src))}</li>"
            for src in s.sources
        )
    )
    add("</ol>")
    add(f"<footer>To reproduce: {_e(reproduce_line(b))}</footer>")
    body = "".join(parts)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(s.title)}: briefing</title><style>{CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )
