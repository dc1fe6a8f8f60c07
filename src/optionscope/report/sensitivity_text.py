"""Sensitivity as text, Markdown, CSV and JSON: one set of weights, then every profile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from optionscope.analysis.provenance import provenance
from optionscope.analysis.sensitivity import (
    StabilityAnalysis,
    Tornado,
    WeightChange,
)
from optionscope.io.writers import text_for, to_csv, to_json
from optionscope.model.results import VALUE_SCALE
from optionscope.model.scenario import Scenario
from optionscope.present.numbers import format_difference, percentage_points, score_labels
from optionscope.present.ranking import join_names
from optionscope.present.sensitivity import (
    FIRST_FOR,
    STAYS_FIRST_EVERY,
    change_sentence,
    firmness,
    followed_text,
    points_moved,
    shifts_text,
    shown_points_moved,
    stability_interval,
    stability_sentence,
    stays_first,
    tie_text,
    tied_for_first,
    tornado_sentences,
    weight_now,
    weight_points,
)
from optionscope.report.text_blocks import (
    heading,
    json_number,
    paragraph,
    score_points,
    table_for,
)

BARS_SHOWN = 8
"""Tornado bars shown in the table view (JSON and CSV have them all)."""


# Sensitivity: one set of weights ---------------------------------------------


@dataclass(frozen=True)
class SensitivityReport:
    """Everything `optionscope sensitivity` shows for one set of weights."""

    scenario: Scenario
    weights_label: str
    stability: StabilityAnalysis
    tornado: Tornado
    changes: tuple[WeightChange, ...]
    """What would have to be true for each option asked about (the leader excluded)."""
    left_out: int = 0
    """Other options not answered for: with many options, only the nearest to first are."""

    def label(self, option_id: str) -> str:
        return self.scenario.option(option_id).label

    @property
    def leader(self) -> str:
        return self.stability.leader

    @property
    def runner_up(self) -> str | None:
        others = {o: s for o, s in self.tornado.scores.items() if o != self.leader}
        return max(others, key=lambda o: others[o]) if others else None

    @property
    def margin(self) -> float | None:
        """Score points between the leader and the best other option."""
        rival = self.runner_up
        if rival is None:
            return None
        return self.tornado.scores[self.leader] - self.tornado.scores[rival]

    @property
    def tied(self) -> list[str]:
        """The leader and the options tied with it for first (`tied_for_first`)."""
        return tied_for_first(self.tornado.scores, self.leader)

    def tie_text(self) -> str:
        """`A, B and C tie for first at 40.4` (the score as `rank` prints it)."""
        return tie_text(self.tornado.scores, self.leader, self.label)

    @property
    def overturn(self) -> WeightChange | None:
        """The smallest weight change that puts another option first (None if none can)."""
        possible = [c for c in self.changes if c.possible and c.distance is not None]
        return min(possible, key=lambda c: c.distance or 0.0) if possible else None


def _possibility(change: WeightChange) -> str:
    if change.possible:
        return "possible"
    return "impossible" + (
        f": blocked by {' '.join(change.blocked_by)}" if change.blocked_by else ""
    )


def sensitivity_summary(r: SensitivityReport) -> list[str]:
    leader = r.label(r.leader)
    out = []
    margin, rival = r.margin, r.runner_up
    followed = followed_text(r.tornado.scores, r.leader, r.label)
    if followed is not None:
        out.append(f"With {r.weights_label}, {followed}")
    elif margin is not None and rival is not None:
        out.append(
            f"With {r.weights_label}, {leader} leads {r.label(rival)} by "
            f"{score_points(margin)} points (scores 0-100)."
        )
    ms = r.stability.most_sensitive()
    if ms is not None:
        out.append("Most sensitive weight: " + stability_sentence(r.stability, ms, r.label))
    else:
        out.append(STAYS_FIRST_EVERY.format(leader=leader, stays=stays_first(r.stability)))
    over = r.overturn
    if over is not None and over.distance is not None:
        moved = shown_points_moved(over)  # as its moves are shown, and as the options' list
        firm = "" if r.stability.tied_with else f"; the lead is {firmness(moved)}"  # no lead
        out.append(
            f"The smallest change that overturns {leader}: {weight_points(moved)} of weight "
            f"({shifts_text(over)}) would put {r.label(over.option)} first{firm}."
        )
    elif r.changes:
        out.append(f"No weighting of the criteria puts another option ahead of {leader}.")
    return out


def sensitivity_json(r: SensitivityReport) -> dict[str, Any]:
    s = r.scenario
    st, t = r.stability, r.tornado
    over = r.overturn
    return {
        "scenario": s.id,
        "weights_label": r.weights_label,
        "weights": {c: json_number(w) for c, w in st.weights.items()},
        "leader": r.leader,
        "tied_with": list(st.tied_with),
        "runner_up": r.runner_up,
        "margin": json_number(r.margin),
        "scores": {o: json_number(v) for o, v in t.scores.items()},
        "stability": [
            {
                "criterion": c.criterion,
                "name": c.name,
                "weight": json_number(c.weight),
                "lower": json_number(c.lower),
                "upper": json_number(c.upper),
                "robust": c.robust,
                "leads_below": list(c.below.leaders) if c.below else None,
                "leads_above": list(c.above.leaders) if c.above else None,
                "segments": [
                    {
                        "start": json_number(g.start),
                        "end": json_number(g.end),
                        "leaders": list(g.leaders),
                    }
                    for g in c.segments
                ],
                "explanation": stability_sentence(st, c, r.label),
            }
            for c in st.criteria
        ],
        "most_sensitive": (ms.criterion if (ms := st.most_sensitive()) else None),
        "tornado": {
            "margins": [
                {
                    "criterion": m.criterion,
                    "central_margin": json_number(m.central_margin),
                    "worst_margin": json_number(m.low_margin),
                    "best_margin": json_number(m.high_margin),
                    "can_change_leader": m.can_change_leader,
                    "rival": m.rival,
                }
                for m in t.margins
            ],
            "bars": [
                {
                    "option": b.option,
                    "criterion": b.criterion,
                    "central_score": json_number(b.central_score),
                    # the option's lowest and highest score over the assessment's range
                    # (for a criterion to minimise, the lowest score is at its high end)
                    "low_score": json_number(min(b.low_score, b.high_score)),
                    "high_score": json_number(max(b.low_score, b.high_score)),
                }
                for b in t.bars
            ],
        },
        "what_would_have_to_be_true": [
            {
                "option": c.option,
                "possible": c.possible,
                "distance": json_number(c.distance),
                "points_moved": json_number(points_moved(c.distance))
                if c.distance is not None
                else None,
                "weights": {k: json_number(v) for k, v in c.after.items()} if c.after else None,
                "blocked_by": list(c.blocked_by),
                "explanation": change_sentence(c, r.label),
            }
            for c in r.changes
        ],
        "what_would_have_to_be_true_left_out": r.left_out,
        "overturned_by": None
        if over is None
        else {
            "option": over.option,
            "points_moved": json_number(points_moved(over.distance or 0.0)),
        },
        "summary": sensitivity_summary(r),
        "provenance": provenance(s),
    }


def render_sensitivity(r: SensitivityReport, fmt: str) -> str:
    if fmt == "json":
        return to_json(sensitivity_json(r))
    s = r.scenario
    st, t = r.stability, r.tornado
    if fmt == "csv":
        rows: list[list[object]] = []
        for c in st.criteria:
            below = " ".join(c.below.leaders) if c.below else ""
            above = " ".join(c.above.leaders) if c.above else ""
            rows.append(
                ["stability", st.leader, c.criterion, c.weight, c.lower, c.upper, below, above, ""]
            )
        for m in t.margins:
            rows.append(
                ["tornado-margin", t.leader, m.criterion, m.central_margin, m.low_margin,
                 m.high_margin, m.rival or "", "", ""]
            )  # fmt: skip
        for b in t.bars:
            rows.append(
                ["tornado-score", b.option, b.criterion, b.central_score,
                 min(b.low_score, b.high_score), max(b.low_score, b.high_score), "", "", ""]
            )  # fmt: skip
        for ch in r.changes:
            moved = points_moved(ch.distance) if ch.distance is not None else ""
            rows.append(
                ["what-would-have-to-be-true", ch.option, "", moved, "", "", "", "",
                 _possibility(ch)]
            )  # fmt: skip
        # stability: value = weight, low/high = where the leader stays first, who leads beyond;
        # tornado-margin: the leader's lead now, worst, best, and the rival that leads at worst;
        # tornado-score: an option's score now, its lowest and highest score over one
        # assessment's range (low <= high, as in every section);
        # what-would-have-to-be-true: value = percentage points of weight moved.
        header = [
            "section", "option", "criterion", "value", "low", "high",
            "leads_below", "leads_above", "note",
        ]  # fmt: skip
        return to_csv(header, rows)
    table = table_for(fmt)
    md = fmt == "md"
    out = [heading(s.title, fmt, 1)]
    out.append(f"Sensitivity of the additive ranking. Weights: {text_for(r.weights_label, fmt)}.\n")
    out.append(paragraph(sensitivity_summary(r), fmt))

    out.append(heading("Stability of each weight (one at a time, others in proportion)", fmt))
    rows = []
    for c in st.criteria:
        first = stability_interval(c)
        below = join_names([r.label(o) for o in c.below.leaders]) if c.below else "-"
        above = join_names([r.label(o) for o in c.above.leaders]) if c.above else "-"
        rows.append([c.name, weight_now(st, c), first, below, above])
    header = [
        "criterion",
        "weight",
        FIRST_FOR[bool(st.tied_with)].format(leader=r.label(st.leader)),
        "below, leads",
        "above, leads",
    ]
    out.append(("" if md else "\n") + table(header, rows, "lrrll"))

    if t.margins:
        out.append(heading("Tornado: the assessment ranges, one criterion at a time", fmt))
        lead = r.label(t.leader)
        rows = [
            [
                m.name,
                *(
                    format_difference(x, VALUE_SCALE, signed=True)
                    for x in (m.low_margin, m.central_margin, m.high_margin)
                ),
                f"yes: {r.label(m.rival)}" if m.rival else ("yes" if m.can_change_leader else "no"),
            ]
            for m in t.margins
        ]
        header = ["criterion", "worst lead", "lead now", "best lead", "can change leader"]
        out.append(
            ("" if md else "\n")
            + f"Lead of {text_for(lead, fmt)} in score points:\n\n"
            + table(header, rows, "lrrrl")
        )
        out.append(paragraph(tornado_sentences(t, r.label), fmt))
        rows = [
            [
                r.label(b.option),
                b.criterion_name,
                *score_labels(
                    [min(b.low_score, b.high_score), b.central_score,
                     max(b.low_score, b.high_score)],
                    VALUE_SCALE,
                ),
                format_difference(abs(b.swing), VALUE_SCALE),
            ]
            for b in t.widest(BARS_SHOWN)
        ]  # fmt: skip
        header = ["option", "criterion", "lowest score", "now", "highest score", "swing"]
        out.append(
            "\nWidest score swings (lowest and highest score as one assessment moves over "
            "its range):\n\n" + table(header, rows, "llrrrr")
        )

    if r.changes:
        title = "What would have to be true for each other option"
        if r.left_out:
            title = f"What would have to be true for the {len(r.changes)} options nearest to first"
        out.append(heading(title, fmt))
        if r.left_out:
            out.append(
                ("" if md else "\n") + f"{r.left_out:,} options further from first are left out; "
                "ask about one with --option ID.\n"
            )
        ordered = sorted(r.changes, key=lambda c: (c.distance is None, c.distance or 0.0))
        rows = [
            [
                r.label(ch.option),
                "impossible"
                if ch.distance is None
                else percentage_points(shown_points_moved(ch) / 100.0),
            ]
            for ch in ordered
        ]
        out.append(
            ("" if md else "\n")
            + "Smallest change of the weights (percentage points moved) that puts each first:\n\n"
            + table(["option", "points of weight"], rows, "lr")
        )
        out.append(paragraph([change_sentence(c, r.label) for c in ordered], fmt))
    return "".join(out)
