"""Robustness results as text, Markdown, CSV and JSON: sensitivity, SMAA, weights, gates, cost.

The numbers come from `optionscope.analysis` (sensitivity, smaa, elicitation,
gates, dominance); this module only arranges them and says them in words,
with options named by their short labels. Scenario text goes through
`plain()` in tables; the sentences are passed through `plain()` on output.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from optionscope.analysis.dominance import CostFrontier, Dominance
from optionscope.analysis.gates import FirstChoiceGates, OptionGates
from optionscope.analysis.provenance import provenance
from optionscope.analysis.sensitivity import (
    CriterionStability,
    StabilityAnalysis,
    Tornado,
    WeightChange,
)
from optionscope.analysis.smaa import SmaaResult
from optionscope.io.writers import (
    bar,
    markdown_table,
    paragraph_for,
    plain,
    text_for,
    text_table,
    to_csv,
    to_json,
)
from optionscope.model.scenario import Scenario

FRAGILE_BELOW = 5.0
"""A leader overturned by moving fewer points of weight than this is called fragile."""

FIRM_FROM = 15.0
"""A leader that needs at least this many points of weight moved is called firm."""

SHIFTS_SHOWN = 3
"""Weight changes named in a sentence; the rest are counted."""

BARS_SHOWN = 8
"""Tornado bars shown in the table view (JSON and CSV have them all)."""

Table = Callable[[Sequence[str], Sequence[Sequence[object]], str | None], str]


# Numbers in words ------------------------------------------------------------


def pct(x: float) -> str:
    """A share as a whole percentage, `<1%` for a small non-zero share."""
    if 0 < x < 0.005:
        return "<1%"
    if 0.995 < x < 1:
        return ">99%"
    return f"{100 * x:.0f}%"


def weight_pct(x: float) -> str:
    """A weight as a percentage: one decimal below 10%, where a point matters."""
    if x >= 0.0995:
        return f"{100 * x:.0f}%"
    if x < 0.0005:
        return "0%"
    return f"{100 * x:.1f}%"


def weight_pair(before: float, after: float) -> tuple[str, str]:
    """Two weights as percentages, with two decimals when fewer would hide the change."""
    a, b = weight_pct(before), weight_pct(after)
    if a == b:
        return f"{100 * before:.2f}%", f"{100 * after:.2f}%"
    return a, b


def points(x: float) -> str:
    """Score points (0-100 scale): one decimal, two when the difference is tiny."""
    return f"{x:.2f}" if abs(x) < 0.095 else f"{x:.1f}"


def points_moved(distance: float) -> float:
    """Percentage points of weight moved for an L1 distance between weight vectors."""
    return 50.0 * distance


def firmness(moved: float | None) -> str:
    """`fragile`, `moderate` or `firm`, from the points of weight that overturn the leader."""
    if moved is None:
        return "firm"
    if moved < FRAGILE_BELOW:
        return "fragile"
    return "moderate" if moved < FIRM_FROM else "firm"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _num(x: float | None, digits: int = 6) -> float | None:
    """A float for JSON (NaN and None become null), rounded to strip float noise."""
    if x is None or not math.isfinite(x):
        return None
    return round(float(x), digits)


def _labeller(scenario: Scenario) -> Callable[[str], str]:
    def label(option_id: str) -> str:
        return scenario.option(option_id).label

    return label


def _table(fmt: str) -> Table:
    return markdown_table if fmt == "md" else text_table


def _heading(text: str, fmt: str, level: int = 2) -> str:
    if fmt == "md":
        gap = "" if level == 1 else "\n"
        return f"{gap}{'#' * level} {text_for(text, fmt)}\n\n"
    return f"{plain(text)}\n" if level == 1 else f"\n{plain(text)}\n"


def _paragraph(sentences: Sequence[str], fmt: str) -> str:
    if not sentences:
        return ""
    if fmt == "md":
        return "\n" + "".join(f"- {paragraph_for(s, fmt)}\n" for s in sentences)
    return "\n" + "".join(f"{plain(s)}\n" for s in sentences)


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
    def overturn(self) -> WeightChange | None:
        """The smallest weight change that puts another option first (None if none can)."""
        possible = [c for c in self.changes if c.possible and c.distance is not None]
        return min(possible, key=lambda c: c.distance or 0.0) if possible else None


def stability_sentence(c: CriterionStability, label: Callable[[str], str]) -> str:
    leader = label(c.leader)
    if c.robust:
        return f"{leader} stays first whatever the weight of {c.name}."
    text = (
        f"{leader} stays first while the weight of {c.name} is between "
        f"{weight_pct(c.lower)} and {weight_pct(c.upper)} (now {weight_pct(c.weight)})"
    )
    tail = []
    if c.below is not None:
        tail.append(f"below that {_join([label(o) for o in c.below.leaders])} leads")
    if c.above is not None:
        tail.append(f"above that {_join([label(o) for o in c.above.leaders])} leads")
    return text + ("; " + " and ".join(tail) if tail else "") + "."


def change_sentence(change: WeightChange, label: Callable[[str], str]) -> str:
    """What would have to be true for an option to rank first, with short labels."""
    name = label(change.option)
    if change.already_first:
        return f"{name} already ranks first with these weights."
    if not change.possible:
        if change.blocked_by:
            who = _join([label(o) for o in change.blocked_by])
            verb = "is" if len(change.blocked_by) == 1 else "are"
            return (
                f"No weighting puts {name} first: {who} {verb} at least as good on every criterion."
            )
        return f"No weighting puts {name} first against all the other options at once."
    assert change.distance is not None
    moved = points_moved(change.distance)
    return f"{name} would rank first if {_points(moved)} of weight moved: {shifts_text(change)}."


def _possibility(change: WeightChange) -> str:
    if change.possible:
        return "possible"
    return "impossible" + (
        f": blocked by {' '.join(change.blocked_by)}" if change.blocked_by else ""
    )


def _points(moved: float) -> str:
    if moved < 0.5:
        return "under half a point"
    return f"{moved:.1f} points"


def shifts_text(change: WeightChange, shown: int = SHIFTS_SHOWN) -> str:
    parts = []
    for s in change.shifts[:shown]:
        direction = "up" if s.delta > 0 else "down"
        before, after = weight_pair(s.before, s.after)
        parts.append(f"{s.name} {direction} from {before} to {after}")
    rest = len(change.shifts) - shown
    if rest > 0:
        parts.append(f"{rest} smaller change{'s' if rest > 1 else ''}")
    return _join(parts)


def tornado_sentences(t: Tornado, label: Callable[[str], str]) -> list[str]:
    if not t.margins:
        return []
    leader = label(t.leader)
    risky = [m for m in t.margins if m.can_change_leader]
    if risky:
        out = []
        for m in risky:
            rival = label(m.rival) if m.rival else "another option"
            out.append(
                f"Within its stated ranges, the assessment of {m.name} alone could cost "
                f"{leader} the lead: at worst {rival} would be {-m.low_margin:.1f} points ahead."
            )
        return out
    closest = min(t.margins, key=lambda m: m.low_margin)
    return [
        f"No single criterion's assessment ranges can change the leader on their own; "
        f"the closest is {closest.name}, where {leader}'s lead of "
        f"{closest.central_margin:.1f} points could shrink to {closest.low_margin:.1f}."
    ]


def sensitivity_summary(r: SensitivityReport) -> list[str]:
    leader = r.label(r.leader)
    out = []
    margin, rival = r.margin, r.runner_up
    if margin is not None and rival is not None:
        out.append(
            f"With {r.weights_label}, {leader} leads {r.label(rival)} by {points(margin)} points "
            "(scores 0-100)."
        )
    ms = r.stability.most_sensitive()
    if ms is not None:
        out.append("Most sensitive weight: " + stability_sentence(ms, r.label))
    else:
        out.append(f"{leader} stays first whatever the weight of any single criterion.")
    over = r.overturn
    if over is not None and over.distance is not None:
        moved = points_moved(over.distance)
        out.append(
            f"The smallest change that overturns {leader}: {_points(moved)} of weight "
            f"({shifts_text(over)}) would put {r.label(over.option)} first; "
            f"the lead is {firmness(moved)}."
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
        "weights": {c: _num(w) for c, w in st.weights.items()},
        "leader": r.leader,
        "runner_up": r.runner_up,
        "margin": _num(r.margin),
        "scores": {o: _num(v) for o, v in t.scores.items()},
        "stability": [
            {
                "criterion": c.criterion,
                "name": c.name,
                "weight": _num(c.weight),
                "lower": _num(c.lower),
                "upper": _num(c.upper),
                "robust": c.robust,
                "leads_below": list(c.below.leaders) if c.below else None,
                "leads_above": list(c.above.leaders) if c.above else None,
                "segments": [
                    {"start": _num(g.start), "end": _num(g.end), "leaders": list(g.leaders)}
                    for g in c.segments
                ],
                "explanation": stability_sentence(c, r.label),
            }
            for c in st.criteria
        ],
        "most_sensitive": (ms.criterion if (ms := st.most_sensitive()) else None),
        "tornado": {
            "margins": [
                {
                    "criterion": m.criterion,
                    "central_margin": _num(m.central_margin),
                    "worst_margin": _num(m.low_margin),
                    "best_margin": _num(m.high_margin),
                    "can_change_leader": m.can_change_leader,
                    "rival": m.rival,
                }
                for m in t.margins
            ],
            "bars": [
                {
                    "option": b.option,
                    "criterion": b.criterion,
                    "central_score": _num(b.central_score),
                    "low_score": _num(b.low_score),
                    "high_score": _num(b.high_score),
                }
                for b in t.bars
            ],
        },
        "what_would_have_to_be_true": [
            {
                "option": c.option,
                "possible": c.possible,
                "distance": _num(c.distance),
                "points_moved": _num(points_moved(c.distance)) if c.distance is not None else None,
                "weights": {k: _num(v) for k, v in c.after.items()} if c.after else None,
                "blocked_by": list(c.blocked_by),
                "explanation": change_sentence(c, r.label),
            }
            for c in r.changes
        ],
        "overturned_by": None
        if over is None
        else {"option": over.option, "points_moved": _num(points_moved(over.distance or 0.0))},
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
                ["tornado-score", b.option, b.criterion, b.central_score, b.low_score,
                 b.high_score, "", "", ""]
            )  # fmt: skip
        for ch in r.changes:
            moved = points_moved(ch.distance) if ch.distance is not None else ""
            rows.append(
                ["what-would-have-to-be-true", ch.option, "", moved, "", "", "", "",
                 _possibility(ch)]
            )  # fmt: skip
        # stability: value = weight, low/high = where the leader stays first, who leads beyond;
        # tornado-margin: the leader's lead now, worst, best, and the rival that leads at worst;
        # tornado-score: an option's score now, with the assessment low, high;
        # what-would-have-to-be-true: value = percentage points of weight moved.
        header = [
            "section", "option", "criterion", "value", "low", "high",
            "leads_below", "leads_above", "note",
        ]  # fmt: skip
        return to_csv(header, rows)
    table = _table(fmt)
    md = fmt == "md"
    out = [_heading(s.title, fmt, 1)]
    out.append(f"Sensitivity of the additive ranking. Weights: {text_for(r.weights_label, fmt)}.\n")
    out.append(_paragraph(sensitivity_summary(r), fmt))

    out.append(_heading("Stability of each weight (one at a time, others in proportion)", fmt))
    rows = []
    for c in st.criteria:
        first = "any weight" if c.robust else f"{weight_pct(c.lower)} - {weight_pct(c.upper)}"
        below = _join([r.label(o) for o in c.below.leaders]) if c.below else "-"
        above = _join([r.label(o) for o in c.above.leaders]) if c.above else "-"
        rows.append([c.name, weight_pct(c.weight), first, below, above])
    header = [
        "criterion",
        "weight",
        f"{r.label(st.leader)} first for",
        "below, leads",
        "above, leads",
    ]
    out.append(("" if md else "\n") + table(header, rows, "lrrll"))

    if t.margins:
        out.append(_heading("Tornado: the assessment ranges, one criterion at a time", fmt))
        lead = r.label(t.leader)
        rows = [
            [
                m.name,
                f"{m.low_margin:+.1f}",
                f"{m.central_margin:+.1f}",
                f"{m.high_margin:+.1f}",
                f"yes: {r.label(m.rival)}" if m.rival else ("yes" if m.can_change_leader else "no"),
            ]
            for m in t.margins
        ]
        header = ["criterion", "worst lead", "lead now", "best lead", "can change leader"]
        out.append(
            ("" if md else "\n")
            + f"Lead of {lead} in score points:\n\n"
            + table(header, rows, "lrrrl")
        )
        out.append(_paragraph(tornado_sentences(t, r.label), fmt))
        rows = [
            [
                r.label(b.option),
                b.criterion_name,
                f"{min(b.low_score, b.high_score):.1f}",
                f"{b.central_score:.1f}",
                f"{max(b.low_score, b.high_score):.1f}",
                f"{abs(b.swing):.1f}",
            ]
            for b in t.bars[:BARS_SHOWN]
        ]
        header = ["option", "criterion", "score low", "now", "score high", "swing"]
        out.append(
            "\nWidest score swings (an assessment from its low to its high end):\n\n"
            + table(header, rows, "llrrrr")
        )

    if r.changes:
        out.append(_heading("What would have to be true for each other option", fmt))
        rows = []
        for ch in sorted(r.changes, key=lambda c: (c.distance is None, c.distance or 0.0)):
            moved = "impossible" if ch.distance is None else f"{points_moved(ch.distance):.1f}"
            rows.append([r.label(ch.option), moved])
        out.append(
            ("" if md else "\n")
            + "Smallest change of the weights (percentage points moved) that puts each first:\n\n"
            + table(["option", "points of weight"], rows, "lr")
        )
        ordered = sorted(r.changes, key=lambda c: (c.distance is None, c.distance or 0.0))
        out.append(_paragraph([change_sentence(c, r.label) for c in ordered], fmt))
    return "".join(out)


# Sensitivity: every profile ----------------------------------------------------


@dataclass(frozen=True)
class ProfileFirmness:
    """How firm the leader is from one stakeholder's seat."""

    profile: str
    profile_name: str
    report: SensitivityReport

    @property
    def moved(self) -> float | None:
        over = self.report.overturn
        return (
            points_moved(over.distance) if over is not None and over.distance is not None else None
        )

    def sentence(self) -> str:
        r = self.report
        leader = r.label(r.leader)
        margin = r.margin
        head = f"{self.profile_name}: {leader} leads"
        if margin is not None and r.runner_up is not None:
            head += f" {r.label(r.runner_up)} by {points(margin)} points"
        over = r.overturn
        if over is None or over.distance is None:
            return head + "; no weighting puts another option ahead."
        moved = points_moved(over.distance)
        return (
            f"{head} ({firmness(moved)}): moving {_points(moved)} of weight "
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
                "margin": _num(r.margin),
                "firmness": firmness(p.moved),
                "most_sensitive": None
                if ms is None
                else {
                    "criterion": ms.criterion,
                    "weight": _num(ms.weight),
                    "lower": _num(ms.lower),
                    "upper": _num(ms.upper),
                    "explanation": stability_sentence(ms, r.label),
                },
                "overturned_by": None
                if over is None
                else {
                    "option": over.option,
                    "points_moved": _num(p.moved),
                    "weights": {k: _num(v) for k, v in over.after.items()} if over.after else None,
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
                    _num(r.margin),
                    firmness(p.moved),
                    ms.criterion if ms else "",
                    _num(ms.lower) if ms else "",
                    _num(ms.upper) if ms else "",
                    over.option if over else "",
                    _num(p.moved) if p.moved is not None else "",
                ]
            )
        header = [
            "profile", "leader", "runner_up", "margin", "firmness", "most_sensitive",
            "first_from_weight", "first_to_weight", "overturned_by", "points_moved",
        ]  # fmt: skip
        return to_csv(header, data)
    table = _table(fmt)
    out = [_heading(scenario.title, fmt, 1)]
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
                points(r.margin) if r.margin is not None else "-",
                ms.name if ms else "-",
                f"{weight_pct(ms.weight)} ({weight_pct(ms.lower)}-{weight_pct(ms.upper)})"
                if ms
                else "-",
                points(p.moved) if p.moved is not None else "-",
                r.label(over.option) if over else "-",
                firmness(p.moved),
            ]
        )
    header = [
        "profile", "leader", "margin", "most sensitive weight", "now (leader first)",
        "points moved", "then first", "firmness",
    ]  # fmt: skip
    out.append(table(header, data, "llrlrrll"))
    out.append(_paragraph([p.sentence() for p in rows], fmt))
    hint = (
        f"Details for one seat: optionscope sensitivity {scenario_ref or scenario.id} --profile ID"
        f" (e.g. {rows[0].profile})."
        if rows
        else ""
    )
    if hint:
        out.append("\n" + text_for(hint, fmt) + "\n")
    return "".join(out)


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


def _first_order(r: SmaaResult) -> list[int]:
    """Option indices by first-rank acceptability, then expected rank."""
    ranks = np.arange(1, len(r.options) + 1)
    expected = r.rank_acceptability @ ranks
    return sorted(range(len(r.options)), key=lambda i: (-r.rank_acceptability[i, 0], expected[i]))


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
        (rep.label(r.options[i]), pct(float(r.rank_acceptability[i, 0])))
        for i in order
        if r.rank_acceptability[i, 0] > 0
    ]
    out = []
    if firsts:
        (name, share), *rest = firsts
        out.append(
            f"{name} is first in {share} of simulations"
            + ("; " + "; ".join(f"{n} in {p}" for n, p in rest) + "." if rest else ".")
        )
    never = [rep.label(r.options[i]) for i in order if r.rank_acceptability[i, 0] == 0]
    if never:
        out.append(f"Never first: {_join(never)}.")
    top = order[0]
    cf = float(r.confidence_factors[top])
    if math.isfinite(cf):
        out.append(
            f"Confidence factor of {rep.label(r.options[top])}: {pct(cf)} "
            "(how often it is first with its own typical winning weights, "
            "when only the assessments vary)."
        )
    if r.gates:
        risky = [
            f"{rep.label(r.options[i])} {pct(float(r.infeasible[i]))}"
            for i in np.argsort(-r.infeasible, kind="stable")
            if r.infeasible[i] > 0
        ]
        if risky:
            out.append(
                "Share of simulations in which an option fails at least one feasibility gate "
                "(gates independent, each at its judged probability): "
                + ", ".join(risky)
                + ". An option that fails ranks after every option that passes; "
                "options that all fail rank among themselves by score."
            )
    return out


def profile_simulation_sentence(
    name: str, r: SmaaResult, label: Callable[[str], str], exact_leader: str | None = None
) -> str:
    order = _first_order(r)
    top = order[0]
    others = [
        f"{label(r.options[i])} {pct(float(r.rank_acceptability[i, 0]))}"
        for i in order[1:3]
        if r.rank_acceptability[i, 0] >= 0.005
    ]
    text = f"{name}: {label(r.options[top])} first in {pct(float(r.rank_acceptability[top, 0]))}"
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
        "expected_rank": {o: _num(v) for o, v in r.expected_ranks().items()},
        "central_weights": {
            o: None
            if np.isnan(r.central_weights[i]).any()
            else {c: _num(float(w)) for c, w in zip(r.criteria, r.central_weights[i], strict=True)}
            for i, o in enumerate(r.options)
        },
        "confidence_factors": {
            o: _num(float(r.confidence_factors[i])) for i, o in enumerate(r.options)
        },
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
        else {c: _num(float(w)) for c, w in zip(r.criteria, r.weights, strict=True)},
        "concentration": r.concentration,
        "gates": r.gates,
        **_smaa_core(r),
    }
    if r.gates:
        data["infeasibility"] = {o: float(r.infeasible[i]) for i, o in enumerate(r.options)}
        data["gate_probabilities"] = {o: _num(p) for o, p in (rep.gate_probabilities or {}).items()}
    if rep.profiles:
        data["profiles"] = [
            {
                "profile": pid,
                "name": name,
                "weights": None
                if pr.weights is None
                else {c: _num(float(w)) for c, w in zip(pr.criteria, pr.weights, strict=True)},
                **_smaa_core(pr),
                **(
                    {
                        "infeasibility": {
                            o: float(pr.infeasible[i]) for i, o in enumerate(pr.options)
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
    m = len(r.options)
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
                        expected[o],
                        cf if math.isfinite(cf) else "",
                        float(run.infeasible[i]) if run.gates else "",
                        *(float(w) if math.isfinite(w) else "" for w in cw),
                    ]
                )
        return to_csv(header, rows)
    table = _table(fmt)
    md = fmt == "md"
    out = [_heading(rep.scenario.title, fmt, 1)]
    out.append(
        f"SMAA-2: {r.samples:,} simulations (seed {r.seed}); "
        f"{weights_assumption(r, rep.weights_label)}; each assessment drawn within its "
        "range (uniform, triangular or PERT by its confidence)"
        + ("; feasibility gates simulated" if r.gates else "")
        + ".\n"
    )
    out.append(_paragraph(simulation_sentences(rep), fmt))
    out.append(
        _heading("Rank acceptability: % of simulations in which each option takes each rank", fmt)
    )
    order = _first_order(r)
    expected = r.expected_ranks()
    rows = []
    for i in order:
        o = r.options[i]
        cf = float(r.confidence_factors[i])
        row: list[object] = [rep.label(o)]
        row += [_cell(float(x)) for x in r.rank_acceptability[i]]
        row += [f"{expected[o]:.1f}", pct(cf) if math.isfinite(cf) else "-"]
        if r.gates:
            row.append(pct(float(r.infeasible[i])))
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

    winners = [i for i in order if math.isfinite(float(r.confidence_factors[i]))]
    winners = [i for i in winners if r.rank_acceptability[i, 0] >= 0.01] or winners[:1]
    if winners:
        out.append(
            _heading("Central weights: the typical weights under which each option is first", fmt)
        )
        cw_rows = []
        given = [] if r.weights is None else [float(x) for x in r.weights]
        for j, c in enumerate(r.criteria):
            name = rep.scenario.criterion(c).name
            centre = [weight_pct(given[j])] if given else []
            cw_rows.append(
                [name, *centre, *(weight_pct(float(r.central_weights[i, j])) for i in winners)]
            )
        header = [
            "criterion",
            *(["given"] if given else []),
            *(rep.label(r.options[i]) for i in winners),
        ]
        align = "l" + ("r" if given else "") + "r" * len(winners)
        out.append(("" if md else "\n") + table(header, cw_rows, align))

    if rep.profiles:
        out.append(_heading("From each stakeholder's seat (weights drawn around the profile)", fmt))
        prow = []
        for pid, _name, pr in rep.profiles:
            po = _first_order(pr)
            top = po[0]
            second = po[1] if len(po) > 1 else None
            prow.append(
                [
                    pid,
                    rep.label(pr.options[top]),
                    pct(float(pr.rank_acceptability[top, 0])),
                    rep.label(pr.options[second]) if second is not None else "-",
                    pct(float(pr.rank_acceptability[second, 0])) if second is not None else "-",
                    *([] if md else [bar(float(pr.rank_acceptability[top, 0]), 20)]),
                ]
            )
        header = ["profile", "most often first", "share", "next", "share", *([] if md else [""])]
        out.append(("" if md else "\n") + table(header, prow, "llrlr" + ("" if md else "l")))
        out.append(_paragraph(_profile_sentences(rep), fmt))
    return "".join(out)


def _cell(x: float) -> str:
    if x == 0:
        return "0"
    if x < 0.005:
        return "<1"
    return f"{100 * x:.0f}"


# Weights elicitation -------------------------------------------------------------


@dataclass(frozen=True)
class ElicitedWeights:
    """Weights from an elicitation method, with what they were elicited from."""

    method: str
    """roc, swing or ahp."""
    weights: dict[str, float]
    """Normalised, in display order."""
    given: dict[str, str]
    """What the person gave per criterion (a rank, points), as text."""
    given_header: str
    names: dict[str, str]
    """Criterion id -> name, when a scenario was given."""
    scenario: str | None
    notes: tuple[str, ...] = ()
    """Printed with the result."""
    warnings: tuple[str, ...] = ()
    """Printed on stderr (and kept in JSON)."""
    names_header: str = "name"
    extra: Mapping[str, Any] | None = None
    """Method-specific figures for JSON (AHP consistency)."""


def render_weights(w: ElicitedWeights, fmt: str) -> str:
    if fmt == "json":
        data: dict[str, Any] = {
            "method": w.method,
            "scenario": w.scenario,
            "weights": {k: _num(v, 9) for k, v in w.weights.items()},
            "given": dict(w.given),
        }
        if w.extra:
            data.update(w.extra)
        data["notes"] = list(w.notes)
        data["warnings"] = list(w.warnings)
        return to_json(data)
    rows: list[list[object]] = []
    for k, v in w.weights.items():
        if fmt == "csv":
            rows.append([k, w.given.get(k, ""), _num(v, 9)])
        else:
            name = w.names.get(k, "")
            rows.append([k, *([name] if w.names else []), w.given.get(k, ""), weight_pct(v)])
    if fmt == "csv":
        return to_csv(["criterion", w.given_header, "weight"], rows)
    table = _table(fmt)
    header = ["criterion", *([w.names_header] if w.names else []), w.given_header, "weight"]
    align = "l" + ("l" if w.names else "") + "rr"
    methods = {
        "roc": "Rank-order centroid weights (Barron & Barrett 1996)",
        "swing": "Swing weights (points for each worst-to-best swing, normalised)",
        "ahp": "AHP weights (Saaty's principal eigenvector)",
    }
    head = methods.get(w.method, w.method) + (f" for {w.scenario}" if w.scenario else "")
    out = [_heading(head, fmt, 1), "\n" if fmt == "md" else "", table(header, rows, align)]
    out.append(_paragraph(list(w.notes), fmt))
    return "".join(out)


# Feasibility gates -----------------------------------------------------------------


def _gate_words(gates: Sequence[Any]) -> str:
    return _join([f"{g.id} ({g.kind}, {pct(g.probability)})" for g in gates])


def first_choice_sentence(f: FirstChoiceGates, label: Callable[[str], str]) -> str:
    head = f"{f.profile_name}: first choice {label(f.option)}"
    if f.failing:
        text = (
            f"{head}, which passes all its gates with probability {pct(f.probability_all)}; "
            f"likely to fail (below {pct(f.threshold)}): {_gate_words(f.failing)}."
        )
    elif f.probability_all < 1.0:
        text = (
            f"{head}; every gate is judged likely to pass, all together with probability "
            f"{pct(f.probability_all)}."
        )
    else:
        text = f"{head}; no gate is judged likely to fail."
    if f.unknown:
        n = len(f.unknown)
        text += f" {n} gate{'s have' if n > 1 else ' has'} no judged probability."
    return text


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
    label = _labeller(scenario)
    return {
        "scenario": scenario.id,
        "threshold": threshold,
        "independence": GATES_NOTE,
        "options": [
            {
                "option": og.option,
                "name": og.name,
                "probability_all": _num(og.probability_all),
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
                "probability_all": _num(f.probability_all),
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
        head = _heading(scenario.title, fmt, 1)
        return head + "No option has feasibility gates (preconditions) in this scenario.\n"
    if fmt == "csv":
        rows: list[list[object]] = [
            [og.option, g.id, g.kind, "" if g.probability is None else g.probability,
             og.probability_all]
            for og in options
            for g in og.gates
        ]  # fmt: skip
        return to_csv(["option", "gate", "kind", "probability", "option_all_pass"], rows)
    label = _labeller(scenario)
    table = _table(fmt)
    md = fmt == "md"
    out = [_heading(scenario.title, fmt, 1), f"Feasibility gates. {GATES_NOTE}\n"]
    rows = []
    for og in options:
        failing = [g for g in og.gates if g.probability is not None and g.probability < threshold]
        weakest = og.weakest
        rows.append(
            [
                label(og.option),
                len(og.gates),
                pct(og.probability_all),
                f"{weakest.id} ({pct(weakest.probability or 0.0)})" if weakest else "-",
                len(failing),
                len(og.unknown),
            ]
        )
    header = ["option", "gates", "all pass", "weakest gate", f"below {pct(threshold)}", "unjudged"]
    out.append("\n" + table(header, rows, "lrrlrr"))
    if first:
        out.append(_heading("Each stakeholder's first choice and its gates", fmt))
        out.append(_paragraph([first_choice_sentence(f, label) for f in first], fmt))
    out.append(_heading("The gates", fmt))
    detail = [
        [
            label(og.option),
            g.id,
            g.kind,
            "-" if g.probability is None else pct(g.probability),
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


# Dominance and the value-cost frontier -------------------------------------------------


def _money(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:,.4g}"


def _per(f: CostFrontier) -> str:
    """Rates per 100 units when costs run to hundreds, per unit otherwise."""
    return "100" if max((p.cost for p in f.points), default=0.0) >= 1000 else "1"


def _rate(value_per_cost: float, f: CostFrontier) -> str:
    return f"{value_per_cost * float(_per(f)):.2f}"


def frontier_sentences(d: Dominance, f: CostFrontier, scenario: Scenario) -> list[str]:
    label = _labeller(scenario)
    out = []
    if d.dominated:
        for x in d.dominated:
            who = _join([label(o) for o in x.dominated_by])
            out.append(
                f"{label(x.option)} is dominated by {who}: no better on any criterion and worse "
                "on at least one, so no weighting puts it first."
            )
    else:
        out.append(
            "No option is dominated: none is matched or beaten on every criterion by another."
        )
    points = {p.option: p for p in f.points}
    chain = [
        f"{label(o)} ({_money(points[o].cost)}, value {points[o].value:.1f})" for o in f.frontier
    ]
    out.append(f"Efficient options, cheapest first: {', then '.join(chain)}.")
    for st in f.steps:
        if st.extra_cost > 0:
            out.append(
                f"Going from {label(st.from_option)} to {label(st.to_option)} buys "
                f"{st.extra_value:+.1f} value points for {_money(st.extra_cost)} {f.unit} more "
                f"({_rate(st.value_per_cost, f)} points per {_per(f)} {f.unit})."
            )
    for p in f.points:
        if not p.efficient:
            out.append(
                f"{label(p.option)} is off the frontier: {_join([label(o) for o in p.beaten_by])} "
                "give at least as much value for no more cost."
                if len(p.beaten_by) > 1
                else f"{label(p.option)} is off the frontier: {label(p.beaten_by[0])} gives at "
                "least as much value for no more cost."
            )
    return out


def frontier_json(
    d: Dominance, f: CostFrontier, scenario: Scenario, weights_label: str
) -> dict[str, Any]:
    return {
        "scenario": scenario.id,
        "weights_label": weights_label,
        "dominated": [
            {"option": x.option, "dominated_by": list(x.dominated_by)} for x in d.dominated
        ],
        "cost": {"label": f.cost_label, "unit": f.unit},
        "value_basis": f.value_basis,
        "points": [
            {
                "option": p.option,
                "value": _num(p.value),
                "cost": _num(p.cost),
                "efficient": p.efficient,
                "beaten_by": list(p.beaten_by),
            }
            for p in f.points
        ],
        "frontier": list(f.frontier),
        "steps": [
            {
                "from": st.from_option,
                "to": st.to_option,
                "extra_value": _num(st.extra_value),
                "extra_cost": _num(st.extra_cost),
            }
            for st in f.steps
        ],
        "summary": frontier_sentences(d, f, scenario),
        "provenance": provenance(scenario),
    }


def render_frontier(
    d: Dominance, f: CostFrontier, scenario: Scenario, weights_label: str, fmt: str
) -> str:
    if fmt == "json":
        return to_json(frontier_json(d, f, scenario, weights_label))
    dominated = {x.option: x.dominated_by for x in d.dominated}
    if fmt == "csv":
        rows: list[list[object]] = [
            [p.option, p.value, p.cost, p.efficient, " ".join(p.beaten_by),
             " ".join(dominated.get(p.option, ()))]
            for p in f.points
        ]  # fmt: skip
        return to_csv(["option", "value", "cost", "efficient", "beaten_by", "dominated_by"], rows)
    label = _labeller(scenario)
    table = _table(fmt)
    out = [_heading(scenario.title, fmt, 1)]
    out.append(
        f"Value for money. Cost: {text_for(f.cost_label, fmt)} ({text_for(f.unit, fmt)}). "
        f"Value: {text_for(f.value_basis, fmt)}, {text_for(weights_label, fmt)} (0-100).\n\n"
    )
    order = sorted(f.points, key=lambda p: (p.cost, -p.value))
    rows = [
        [
            label(p.option),
            _money(p.cost),
            f"{p.value:.1f}",
            "yes" if p.efficient else "no",
            _join([label(o) for o in p.beaten_by]) or "-",
            _join([label(o) for o in dominated.get(p.option, ())]) or "-",
        ]
        for p in order
    ]
    header = ["option", "cost", "value", "efficient", "beaten on value for cost by", "dominated by"]
    out.append(table(header, rows, "lrrlll"))
    out.append(_paragraph(frontier_sentences(d, f, scenario), fmt))
    return "".join(out)
