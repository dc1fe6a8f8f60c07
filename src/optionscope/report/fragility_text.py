"""Source fragility in words and tables: `optionscope sources` and the briefing's section."""

from __future__ import annotations

from typing import Any

from optionscope.analysis.fragility import FragilityReport, SourceFragility
from optionscope.analysis.provenance import provenance
from optionscope.analysis.ranking import METHOD_NAMES
from optionscope.io.writers import (
    markdown_table,
    paragraph_for,
    plain,
    text_for,
    text_table,
    to_csv,
    to_json,
)
from optionscope.model.results import METHOD_SCALES
from optionscope.model.scenario import Scenario
from optionscope.present.numbers import format_difference

METHOD_NOTE = (
    "Each source in turn: every assessment citing it drops to the worst end of its range "
    "(low where more is better, high where less is better), and the options are ranked again "
    "under the same weights."
)


def _labels(scenario: Scenario, ids: tuple[str, ...]) -> str:
    return " = ".join(scenario.option(o).label for o in ids)


def fragility_row(f: SourceFragility, scenario: Scenario, method: str) -> list[object]:
    """A source's row: the leader's score change reads on the method's scale."""
    scale = METHOD_SCALES[method]
    return [
        f.source,
        len(f.assessments),
        _labels(scenario, f.first_after),
        format_difference(f.leader_score_after - f.leader_score_before, scale, signed=True),
        "yes" if f.changes_leader else "no",
    ]


HEADER = [
    "source",
    "assessments",
    "first after the fall",
    "change in the leader's score",
    "changes the lead",
]


def summary(report: FragilityReport, scenario: Scenario) -> str:
    """One sentence: which sources the lead cannot do without."""
    leader = _labels(scenario, report.first)
    fragile = report.fragile
    if not fragile:
        return (
            f"No single source moves the lead: {leader} stays first when any one source's "
            "assessments fall to the worst end of their ranges."
        )
    names = ", ".join(
        f"{f.source} (then {_labels(scenario, f.first_after)} leads)" for f in fragile
    )
    return (
        f"The lead of {leader} rests on {len(fragile)} source"
        f"{'s' if len(fragile) > 1 else ''}: if {'any of them' if len(fragile) > 1 else 'it'} "
        f"failed, with the assessments citing it at the worst end of their ranges, the lead "
        f"would change: {names}. Check {'these' if len(fragile) > 1 else 'it'} first."
    )


def fragility_json(report: FragilityReport, scenario: Scenario, weights_label: str) -> str:
    data: dict[str, Any] = {
        "scenario": report.scenario,
        "method": report.method,
        "weights": weights_label,
        "first": list(report.first),
        "sources": [
            {
                "source": f.source,
                "assessments": [list(a) for a in f.assessments],
                "first_after": list(f.first_after),
                "leader_score_before": f.leader_score_before,
                "leader_score_after": f.leader_score_after,
                "best_after": f.best_after,
                "changes_leader": f.changes_leader,
            }
            for f in report.sources
        ],
        "not_cited_by_assessments": list(report.uncited),
        "provenance": provenance(scenario),
    }
    return to_json(data)


def render_fragility(
    report: FragilityReport, scenario: Scenario, fmt: str, weights_label: str
) -> str:
    if fmt == "json":
        return fragility_json(report, scenario, weights_label)
    rows = [fragility_row(f, scenario, report.method) for f in report.sources]
    if fmt == "csv":
        return to_csv(
            ["source", "assessments", "first_after", "leader_score_change", "changes_leader"],
            [
                [
                    f.source,
                    len(f.assessments),
                    " ".join(f.first_after),
                    round(f.leader_score_after - f.leader_score_before, 12),
                    f.changes_leader,
                ]
                for f in report.sources
            ],
        )
    md = fmt == "md"
    table = markdown_table if md else text_table
    out = [f"# {text_for(scenario.title, fmt)}\n\n" if md else f"{plain(scenario.title)}\n"]
    out.append(
        f"Source fragility; weights: {text_for(weights_label, fmt)}; method: "
        f"{METHOD_NAMES.get(report.method, report.method)}.\n{METHOD_NOTE}\n\n"
    )
    out.append(table(HEADER, rows, "lrlrl"))
    out.append(f"\n{paragraph_for(summary(report, scenario), fmt)}\n")
    if report.uncited:
        out.append(
            f"Not cited by any assessment, so they cannot move the ranking: "
            f"{text_for(', '.join(report.uncited), fmt)}.\n"
        )
    return "".join(out)


def fragility_markdown(report: FragilityReport, scenario: Scenario) -> list[str]:
    """The briefing's section, as Markdown lines."""
    lines = [summary(report, scenario), "", METHOD_NOTE, ""]
    shown = [f for f in report.sources if f.changes_leader] or list(report.sources[:5])
    lines.append(
        markdown_table(
            HEADER, [fragility_row(f, scenario, report.method) for f in shown], "lrlrl"
        ).rstrip("\n")
    )
    return lines
