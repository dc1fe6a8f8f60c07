"""Rankings and comparisons rendered as text, Markdown, CSV and JSON.

The CLI prints these; the TUI's Markdown export and the briefing reuse them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from optionscope.analysis.explain import explain_lead
from optionscope.analysis.ranking import METHOD_NAMES
from optionscope.io.safe_text import markdown_document
from optionscope.io.writers import (
    bar,
    joined_pieces,
    markdown_table,
    paragraph_for,
    table_piece,
    text_for,
    text_table,
    to_csv,
    to_json,
)
from optionscope.model.results import Ranking
from optionscope.model.scenario import Scenario
from optionscope.present.numbers import (
    format_parts,
    percent,
    score_decimals,
    score_labels,
    weight_labels,
)
from optionscope.present.ranking import contribution_heading, lead_sentence, scale_description

if TYPE_CHECKING:  # comparisons are imported by the commands that make them, not by `rank`
    from optionscope.analysis.compare import ProfileComparison

FORMATS = ("table", "json", "csv", "md")

A = TypeVar("A")
B = TypeVar("B")

SIDE_BY_SIDE_CELLS = 250_000
"""Cells of a ranking (options x criteria and score) from which its two tables are made
side by side, one in a forked process where one may be (about a quarter second of
formatting each; fewer take less time than forking saves)."""


def ranking_json(ranking: Ranking, scenario: Scenario | None = None) -> dict[str, Any]:
    """The `rank --format json` contract of DESIGN.md, plus provenance given the scenario."""
    from optionscope.analysis.provenance import provenance

    data = ranking.model_dump(mode="json")
    if scenario is not None:
        data["provenance"] = provenance(scenario)
    return data


def render_ranking(ranking: Ranking, scenario: Scenario, fmt: str, weights_label: str = "") -> str:
    if fmt == "json":
        return to_json(ranking_json(ranking, scenario))
    crit = scenario.criteria
    if fmt == "csv":
        header = ["option", "name", "rank", "score", *(f"contribution:{c.id}" for c in crit)]
        rows = [
            [r.option, r.name, r.rank, r.score, *(r.contributions.get(c.id, "") for c in crit)]
            for r in ranking.ranking
        ]
        return to_csv(header, rows)
    md = fmt == "md"
    table = markdown_table if md else text_table
    method = METHOD_NAMES.get(ranking.method, ranking.method)
    scale = ranking.scale
    title = f"{scenario.title}"
    lines = [f"# {text_for(title, fmt)}\n" if md else f"{text_for(title, fmt)}\n"]
    lines.append(f"Method: {method}. Weights: {text_for(weights_label, fmt) or 'as given'}.\n")
    lines.append(f"Scores: {scale_description(scale)}.\n")
    scores = [r.score for r in ranking.ranking]
    decimals = score_decimals(scores, scale)
    labels = score_labels(scores, scale, decimals)
    label_of = {o.id: o.label for o in scenario.options}
    option_labels = [label_of[r.option] for r in ranking.ranking]

    def ranking_table() -> str:
        rows = [
            [
                r.rank,
                option_label,
                label,
                *([] if md else [bar((r.score - scale.low) / scale.span, 24)]),
            ]
            for r, option_label, label in zip(ranking.ranking, option_labels, labels, strict=True)
        ]
        header = ["rank", "option", "score", *([] if md else [""])]
        return table(header, rows, "rlr" + ("" if md else "l"))

    ids = [c.id for c in crit]

    def contribution_columns(start: int, end: int) -> tuple[list[str], list[list[object]], str]:
        """The contributions table's header, rows and alignment for the options ranked
        start to end (with the first, the criterion and weight columns)."""
        ranked = ranking.ranking[start:end]
        shown = weight_labels(ranking.weights)
        by_option = [list(map(r.contributions.__getitem__, ids)) for r in ranked]
        lead = start == 0
        rows: list[list[object]] = [
            [
                *([c.name, shown[c.id]] if lead else []),
                *format_parts(column, scale, decimals),
            ]
            for c, column in zip(crit, zip(*by_option, strict=True), strict=True)
        ]
        rows.append([*(["Score", percent(1.0)] if lead else []),
                     *labels[start:end]])  # fmt: skip
        header = [*(["criterion", "weight"] if lead else []), *option_labels[start:end]]
        return header, rows, ("lr" if lead else "") + "r" * len(ranked)

    count = len(ranking.ranking)
    big = count * (len(crit) + 1) >= SIDE_BY_SIDE_CELLS
    if not (ranking.ranking and ranking.ranking[0].contributions):
        lines.append(ranking_table())
    elif md:
        heading = f"\n## Contributions ({contribution_heading(scale)})\n\n"
        lines.extend(
            _both(
                ranking_table,
                lambda: heading + markdown_table(*contribution_columns(0, count)),
                big,
            )
        )
    else:
        # The options' columns in two pieces, made side by side where it helps: this
        # process makes the ranking table too (about as long as a third of the columns).
        split = count // 3 if big else count
        (ranked, left), right = _both(
            lambda: (ranking_table(), table_piece(*contribution_columns(0, split))),
            lambda: table_piece(*contribution_columns(split, count)) if split < count else [],
            big,
        )
        lines.append(ranked)
        lines.append(f"\nContributions ({contribution_heading(scale)})\n")
        lines.append(joined_pieces(left, right) if right else joined_pieces(left))
    explanation = lead_sentence(explain_lead(ranking, scenario))
    lines.append("\n" + paragraph_for(explanation, fmt) + "\n")
    return markdown_document("".join(lines)) if md else "".join(lines)


def _both(here: Callable[[], A], there: Callable[[], B], side_by_side_: bool) -> tuple[A, B]:
    """`(here(), there())`: side by side (see `io.forked.side_by_side`) if asked."""
    if not side_by_side_:
        return here(), there()
    from optionscope.io.forked import side_by_side

    return side_by_side(here, there)


def comparison_json(cmp: ProfileComparison, scenario: Scenario) -> dict[str, Any]:
    from optionscope.analysis.positions import checked_against
    from optionscope.analysis.provenance import provenance
    from optionscope.report.positions_text import position_json

    return {
        "scenario": cmp.scenario,
        "method": cmp.method,
        "profiles": [
            {
                "profile": pid,
                "name": scenario.profile(pid).name,
                "first": cmp.first_choice(pid),
                "weights": cmp.rankings[pid].weights,
                "ranking": [
                    {"option": r.option, "rank": r.rank, "score": r.score}
                    for r in cmp.rankings[pid].ranking
                ],
                "position": position_json(checked_against(scenario, pid, cmp.rankings[pid])),
            }
            for pid in cmp.profiles
        ],
        "leaders": cmp.leaders(),
        "provenance": provenance(scenario),
    }


def render_comparison(cmp: ProfileComparison, scenario: Scenario, fmt: str) -> str:
    from optionscope.analysis.positions import checked_against
    from optionscope.report.positions_text import position_cell, verdict

    if fmt == "json":
        return to_json(comparison_json(cmp, scenario))
    options = scenario.options
    rows: list[list[object]] = []
    for pid in cmp.profiles:
        ranking = cmp.rankings[pid]
        cells: list[object] = []
        by_option = {r.option: r for r in ranking.ranking}
        labels = dict(
            zip(
                [o.id for o in options],
                score_labels([by_option[o.id].score for o in options], ranking.scale),
                strict=True,
            )
        )
        for o in options:
            r = by_option[o.id]
            cells.append(r.rank if fmt == "csv" else f"{r.rank} ({labels[o.id]})")
        first = " = ".join(scenario.option(oid).label for oid in cmp.first_choice(pid))
        check = checked_against(scenario, pid, ranking)
        if fmt == "csv":
            position = [check.backed or "" if check else "", verdict(check) if check else ""]
        else:
            position = [position_cell(check, scenario)]
        rows.append([pid if fmt == "csv" else scenario.profile(pid).name, *cells, first, *position])
    if fmt == "csv":
        header = ["profile", *(o.id for o in options), "first", "backed", "backed_verdict"]
        return to_csv(header, rows)
    header = ["profile", *(o.label for o in options), "first choice", "actually backed"]
    md = fmt == "md"
    table = markdown_table if md else text_table
    out = [f"# {text_for(scenario.title, fmt)}\n\n" if md else f"{text_for(scenario.title, fmt)}\n"]
    out.append(
        "Rank (score) of each option from each seat; "
        f"method: {METHOD_NAMES.get(cmp.method, cmp.method)}.\n\n"
    )
    out.append(table(header, rows, "l" + "r" * len(options) + "ll"))
    leaders = cmp.leaders()
    summary = "; ".join(
        f"{scenario.option(oid).label} first for {n} of {len(cmp.profiles)}"
        for oid, n in sorted(leaders.items(), key=lambda kv: -kv[1])
    )
    tied = any(len(cmp.first_choice(pid)) > 1 for pid in cmp.profiles)
    note = " (a profile with a tie for first counts for each tied option)" if tied else ""
    out.append(f"\n{paragraph_for(summary, fmt)}{note}.\n")
    return markdown_document("".join(out)) if md else "".join(out)
