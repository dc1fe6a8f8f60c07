"""The briefing note as Markdown: the same content as the HTML page, safe for any renderer."""

from __future__ import annotations

from optionscope.analysis.ranking import METHOD_NAMES
from optionscope.io.safe_text import markdown_document, markdown_line, markdown_text
from optionscope.io.writers import markdown_table, plain
from optionscope.present.dominance import dominance_note, dominated_sentence, frontier_values
from optionscope.present.numbers import (
    amount,
    format_part,
    percent,
    ranking_score_labels,
    score_decimals,
    weight_labels,
)
from optionscope.present.ranking import (
    contribution_heading,
    scale_description,
)
from optionscope.present.sensitivity import LEADER_BETWEEN, stays_first
from optionscope.present.simulation import rows_shown
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
    fragility_markdown,
)
from optionscope.report.positions_text import (
    position_sentence,
    recorded_positions,
)
from optionscope.report.scenario_text import citation, option_markdown
from optionscope.report.text_blocks import labeller


def briefing_markdown(b: Briefing) -> str:
    s = b.scenario
    weights_shown = weight_labels(b.additive.weights)
    out: list[str] = []

    def add(text: str = "") -> None:
        out.append(markdown_line(text))

    add(f"# {s.title}")
    add()
    out.append(f"**Question.** {markdown_text(s.question)}  ")  # its own bold, text escaped
    out.append(
        f"**As of** {s.as_of.isoformat()}. **Weights:** {markdown_text(b.weights_label)}. "
        f"**Method:** {markdown_text(METHOD_NAMES.get(b.method, b.method))}."
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
    labels = ranking_score_labels(b.ranking)
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
    columns_shown, columns_left_out = first_ranked(b.additive, "table")
    header = ["criterion", "weight", *(s.option(r.option).label for r in columns_shown)]
    decimals = score_decimals([r.score for r in b.additive.ranking], b.additive.scale)
    rows = [
        [
            c.name,
            weights_shown[c.id],
            *(
                format_part(r.contributions[c.id], b.additive.scale, decimals)
                for r in columns_shown
            ),
        ]
        for c in crit
    ]
    out.append(markdown_table(header, rows, "lr" + "r" * len(columns_shown)))
    add()
    if columns_left_out:
        add(columns_left_out)
        add()
    add("## How firm is it")
    add()
    add(
        f"Weight range over which the leader {stays_first(b.stability)} (the other weights "
        "rescaled in proportion):"
    )
    add()
    rows = [stability_row(s, b.stability, c) for c in b.stability.criteria]
    tied = bool(b.stability.tied_with)
    out.append(
        markdown_table(
            ["criterion", "weight now", LEADER_BETWEEN[tied], "who leads beyond"],
            rows,
            "lrll",
        )
    )
    add()
    add(f"Rank acceptability ({b.uncertainty.samples:,} simulations, seed {b.seed}):")
    add()
    u = b.uncertainty
    m = u.ranks
    shown, left_out = rows_shown(u, BRIEFING_ROWS)
    if not u.bounded:
        shown = list(range(len(u.options)))
    rows = [
        [s.option(u.options[i]).label, *(percent(float(x)) for x in u.rank_acceptability[i])]
        for i in shown
    ]
    out.append(markdown_table(["option", *(f"#{r + 1}" for r in range(m))], rows, "l" + "r" * m))
    if left_out:
        add()
        add(left_out)
    if b.frontier is not None:
        add()
        add("## Value for money")
        add()
        f = b.frontier
        values = frontier_values(f)
        rows = [
            [
                s.option(p.option).label,
                values[p.option],
                amount(p.cost),
                "yes" if p.efficient else "no",
            ]
            for p in f.points
        ]
        out.append(
            markdown_table(["option", "value", f.unit or f.cost_label, "efficient"], rows, "lrrl")
        )
    if b.dominance.dominated:
        add()
        named = labeller(s)  # one for every sentence: it keeps the labels it looked up
        note = dominance_note(b.dominance)
        if note:
            add(note)
            add()
        for d in b.dominance.dominated:
            add(f"- {dominated_sentence(d, named)}")
    if b.comparison is not None:
        add()
        add("## From each stakeholder's seat")
        add()
        columns, profiles_left_out = profile_columns(b)
        header = ["profile", *(o.label for o in columns), "first"]
        rows = []
        for pid in b.comparison.profiles:
            r = b.comparison.rankings[pid]
            rows.append(
                [
                    s.profile(pid).name,
                    *(r.by_option(o.id).rank for o in columns),
                    " = ".join(s.option(x).label for x in b.comparison.first_choice(pid)),
                ]
            )
        out.append(markdown_table(header, rows, "l" + "r" * len(columns) + "l"))
        if profiles_left_out:
            add()
            add(profiles_left_out)
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
        if text.startswith("|"):  # a table is Markdown already: its lines kept as they are
            out.append(text)
        else:
            add(text)
    add()
    add("## The options")
    described, not_described = described_options(b)
    for o in described:
        add()
        out.extend(option_markdown(o, f"### {markdown_text(o.name)}", judged=True))
    if not_described:
        add()
        add(not_described)
    add()
    add("## Method, weights and judgements")
    add()
    rows = [[c.name, weights_shown[c.id]] for c in crit]
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
