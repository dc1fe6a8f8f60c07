"""The briefing note as one standalone HTML page: inline CSS and SVG, no scripts, no
network assets; every piece of scenario text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from optionscope.analysis.ranking import METHOD_NAMES
from optionscope.io.writers import plain
from optionscope.model.scenario import IMPACT_LEVELS, LIKELIHOOD_LEVELS
from optionscope.present.dominance import dominance_note, dominated_sentence, frontier_values
from optionscope.present.numbers import (
    amount,
    format_part,
    format_score,
    percent,
    ranking_score_labels,
    score_decimals,
    weight_labels,
)
from optionscope.present.ranking import (
    scale_description,
)
from optionscope.present.sensitivity import (
    LEADER_BETWEEN,
    STABILITY_LABEL,
    stability_interval,
    stays_first,
    weight_now,
)
from optionscope.present.simulation import rows_shown, top_ranks_sentence
from optionscope.report import svg
from optionscope.report.briefing import (
    BRIEFING_ROWS,
    Briefing,
    assumptions,
    bottom_line,
    described_options,
    first_ranked,
    judgement_counts,
    profile_columns,
    reproduce_line,
    stability_row,
    weak_judgements,
)
from optionscope.report.fragility_text import (
    HEADER,
    METHOD_NOTE,
    fragility_row,
    summary,
)
from optionscope.report.positions_text import (
    position_sentence,
    recorded_positions,
)
from optionscope.report.scenario_text import citation, cost_text
from optionscope.report.text_blocks import labeller

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
    weights_shown = weight_labels(b.additive.weights)
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
    order, charted_left_out = first_ranked(b.additive, "chart and the contributions table")
    # the decimals that tell every score apart, as in the tables and on the command line
    additive_decimals = score_decimals([r.score for r in b.additive.ranking], b.additive.scale)
    labels = [s.option(r.option).label for r in order]
    add(
        _figure(
            svg.contribution_bars(
                labels,
                [c.name for c in s.criteria],
                [[r.contributions[c.id] for c in s.criteria] for r in order],
                [r.score for r in order],
                [format_score(r.score, b.additive.scale, additive_decimals) for r in order],
                [
                    [
                        format_part(r.contributions[c.id], b.additive.scale, additive_decimals)
                        for c in s.criteria
                    ]
                    for r in order
                ],
            ),
            "Score of each option (0-100, additive model), split into the contribution of each "
            "criterion (weight x value); segments are numbered as in the key.",
        )
    )
    if charted_left_out:
        add(f"<p class='meta'>{_e(charted_left_out)}</p>")
    if b.method != "wsm" or charted_left_out:  # else the chart is the whole ranking
        add(
            f"<p>Ranking by {_e(METHOD_NAMES.get(b.method, b.method))}; scores: "
            f"{_e(scale_description(b.ranking.scale))}:</p>"
        )
        method_labels = ranking_score_labels(b.ranking)
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
    add(
        _table(
            ["criterion", "weight", *labels],
            [
                [
                    c.name,
                    weights_shown[c.id],
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
                    percent(1.0),
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
                [c.name for c in st],
                [(c.lower, c.upper) for c in st],
                [c.weight for c in st],
                [
                    STABILITY_LABEL.format(
                        interval=stability_interval(c), now=weight_now(b.stability, c)
                    )
                    for c in st
                ],
                title=f"Weight range over which the leader {stays_first(b.stability)}",
            ),
            f"For each criterion, the band of its weight within which "
            f"{s.option(b.stability.leader).label} {stays_first(b.stability)}, the other weights "
            "rescaled in proportion; the black mark is the weight used.",
        )
    )
    add(
        _table(
            [
                "criterion",
                "weight now",
                LEADER_BETWEEN[bool(b.stability.tied_with)],
                "who leads beyond",
            ],
            [stability_row(s, b.stability, c) for c in st],
            {1},
        )
    )
    u = b.uncertainty
    listed, left_out = rows_shown(u, BRIEFING_ROWS)
    if not u.bounded:
        listed = list(range(len(u.options)))
    add(
        _figure(
            svg.acceptability_bars(
                [s.option(u.options[i]).label for i in listed],
                [[float(x) for x in u.rank_acceptability[i]] for i in listed],
            ),
            f"Share of {u.samples:,} simulations (seed {b.seed}) in which each option takes each "
            "rank, drawing assessments within their ranges and weights around those used."
            + "".join(f" {t}" for t in (top_ranks_sentence(u), left_out) if t),
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
                    list(frontier_values(f).values()),
                ),
                f"Value: {f.value_basis}. Efficient options (squares) are not beaten on both "
                "value and cost by any other option.",
            )
        )
    if b.dominance.dominated:
        named = labeller(s)  # one for every sentence: it keeps the labels it looked up
        note = dominance_note(b.dominance)
        if note:
            add(f"<p>{_e(note)}</p>")
        add(
            "<ul>"
            + "".join(f"<li>{_e(dominated_sentence(d, named))}</li>" for d in b.dominance.dominated)
            + "</ul>"
        )

    if b.comparison is not None:
        add("<h2>From each stakeholder's seat</h2>")
        cmp = b.comparison
        columns, profiles_left_out = profile_columns(b)
        add(
            _table(
                ["profile", *(o.label for o in columns), "first choice"],
                [
                    [
                        s.profile(pid).name,
                        *(cmp.rankings[pid].by_option(o.id).rank for o in columns),
                        " = ".join(s.option(x).label for x in cmp.first_choice(pid)),
                    ]
                    for pid in cmp.profiles
                ],
                set(range(1, len(columns) + 1)),
            )
        )
        if profiles_left_out:
            add(f"<p class='meta'>{_e(profiles_left_out)}</p>")
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
    add(_table(HEADER, [fragility_row(f, s, b.fragility.method) for f in shown], {1, 3}))
    add("<h2>The options</h2><div class='cards'>")
    gates = {g.option: g for g in b.gates}
    described, not_described = described_options(b)
    for o in described:
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
    if not_described:
        add(f"<p>{_e(not_described)}</p>")

    add("<h2>Method, weights and judgements</h2>")
    add(
        _table(
            ["criterion", "group", "weight", "scale"],
            [
                [
                    c.name,
                    c.group,
                    weights_shown[c.id],
                    f"{amount(c.scale.min)} to {amount(c.scale.max)} {c.unit}"
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
