"""Workshop results as JSON, a plain-text table and Markdown, and the facilitator's export.

The numbers are computed once, in `optionscope.analysis.group`; this module
only arranges them. Scenario and participant text goes through `plain()` so a
terminal shows control characters instead of obeying them, and in Markdown through
`md()`, the after-action report's escaping, so it shows as typed.
"""

from __future__ import annotations

from typing import Any

from optionscope.analysis.group import GroupResult
from optionscope.io.writers import markdown_table, plain, text_table, to_json
from optionscope.model.results import Ranking
from optionscope.present.numbers import (
    percent,
    percent_range,
    percentage_points,
    ranking_score_labels,
    weight_change,
)
from optionscope.report.inert_markdown import md
from optionscope.workshop.session import RoundResults, Workshop

FORMATS = ("table", "json", "md")


def _ranking_rows(ranking: Ranking) -> list[dict[str, Any]]:
    return [{"option": r.option, "rank": r.rank, "score": r.score} for r in ranking.ranking]


def _group_json(group: GroupResult) -> dict[str, Any]:
    return {
        "group_weights": group.weights.as_dicts(),
        "group_ranking": [r.model_dump(mode="json") for r in group.group_ranking.ranking],
        "group_first_choice": group.group_first_choice,
        "concordance": group.concordance,
        "contested": [
            {
                "criterion": c.criterion,
                "name": c.name,
                "iqr": c.iqr,
                "cv": c.cv,
                "q1": c.low,
                "q3": c.high,
            }
            for c in group.contested
        ],
        "minority": [
            {
                "participant": m.participant,
                "seat": m.seat,
                "first_choice": m.first_choice,
                "margin": m.margin,
                "note": m.note,
            }
            for m in group.minority
        ],
        "movement": None
        if group.movement is None
        else {
            "participants": [
                {
                    "participant": p.participant,
                    "shift": p.shift,
                    "changes": p.changes,
                    "first_choice_before": p.first_choice_before,
                    "first_choice_after": p.first_choice_after,
                }
                for p in group.movement.participants
            ],
            "criteria": [
                {
                    "criterion": c.criterion,
                    "mean_change": c.mean_change,
                    "mean_absolute_change": c.mean_absolute_change,
                }
                for c in group.movement.criteria
            ],
        },
    }


def results_json(res: RoundResults) -> dict[str, Any]:
    """The `workshop results --format json` document."""
    group = res.group
    participants = []
    if group is not None:
        for row, p in zip(res.submissions, group.participants, strict=True):
            participants.append(
                {
                    "participant": p.participant,
                    "seat": p.seat,
                    "weights": p.weights,
                    "ranking": _ranking_rows(p.ranking),
                    "first_choice": p.first_choice,
                    "note": p.note,
                    "submitted_at": row.submitted_at,
                }
            )
    out: dict[str, Any] = {
        "workshop": res.workshop,
        "scenario": res.scenario.id,
        "round": res.round,
        "current_round": res.current_round,
        "anonymous": res.anonymous,
        "events": [
            {
                "id": e.event.id,
                "title": e.event.title,
                "date": e.event.date,
                "round": e.round,
                "in_force_from": e.in_force_from,
                "after_reveal": e.after_reveal,
            }
            for e in res.events
        ],
        "participants": participants,
    }
    if group is not None:
        out.update(_group_json(group))
        if out["movement"] is not None:
            out["movement"] = {"from_round": res.previous_round, **out["movement"]}
    else:
        out.update(
            {
                "group_weights": None,
                "group_ranking": [],
                "group_first_choice": [],
                "concordance": None,
                "contested": [],
                "minority": [],
                "movement": None,
            }
        )
    out["outcome"] = None
    if res.outcome is not None:
        closest = res.outcome.closest_option
        out["outcome"] = {
            "date": res.outcome.date,
            "text": res.outcome.text,
            "closest_option": closest,
            "group_chose_it": None
            if closest is None or group is None
            else closest in group.group_first_choice,
        }
    return out


def render_results(res: RoundResults, fmt: str) -> str:
    """Results in one of FORMATS."""
    if fmt == "json":
        return to_json(results_json(res))
    # Markdown escapes names, notes and scenario text as the after-action report does
    as_md = fmt == "md"
    s = res.scenario
    out: list[str] = []

    def table(header: list[str], rows: list[list[object]], align: str) -> str:
        if as_md:  # a table ends with a blank line: the next line is no row of it
            return markdown_table(header, rows, align, cell=md) + "\n"
        return text_table(header, rows, align)

    def after_table() -> bool:
        return as_md and "".join(out[-1:]).endswith("\n\n")

    def heading(text: str, level: int = 2) -> None:
        if out and not after_table():
            out.append("\n")
        out.append(f"{'#' * level} {md(text)}\n\n" if as_md else f"{plain(text)}\n")

    def para(text: str) -> None:
        """A line of output, after the blank lines it starts with (the report's own)."""
        body = text.lstrip("\n")
        lead = "" if after_table() else text[: len(text) - len(body)]
        out.append(lead + (md(body) if as_md else plain(body)) + "\n")

    heading(f"{res.workshop}: {s.title}, round {res.round}", 1)
    head = f"Question: {s.question}"
    if res.round != res.current_round:
        head += f" (the current round is {res.current_round})"
    para(head)
    if res.events:
        para(
            "Events released: "
            + "; ".join(f"{e.event.title} ({e.event.date})" for e in res.events)
            + ". Their effects are in the scores."
        )
    group = res.group
    if group is None:
        para(f"\nNobody has submitted weights in round {res.round} yet.")
        return "".join(out)
    n = len(group.participants)
    para(
        f"{n} participant{'s' if n != 1 else ''}"
        + (", names hidden." if not res.names_shown else ".")
    )

    heading("Group ranking (mean weights)")
    label = {o.id: o.label for o in s.options}
    ranking = group.group_ranking
    scores = ranking_score_labels(ranking)
    rows: list[list[object]] = [
        [r.rank, label[r.option], score] for r, score in zip(ranking.ranking, scores, strict=True)
    ]
    out.append(table(["rank", "option", "score"], rows, "rlr"))
    w = group.concordance
    para(
        "\nAgreement on the ranking (Kendall's W, 0 none to 1 full): "
        + ("n/a (needs two participants)" if w is None else f"{w:.2f}")
    )

    heading("Group weights")
    wd = group.weights
    crit_rows: list[list[object]] = []
    for j, c in enumerate(s.criteria):
        crit_rows.append(
            [
                c.name,
                percent(wd.mean[j]),
                "-" if wd.geometric is None else percent(wd.geometric[j]),
                percent(wd.median[j]),
                percent_range(wd.q1[j], wd.q3[j]),
                f"{wd.cv[j]:.2f}",
            ]
        )
    out.append(
        table(["criterion", "mean", "geometric", "median", "IQR", "CV"], crit_rows, "lrrrrr")
    )
    if group.contested:
        para(
            "\nMost contested: "
            + "; ".join(f"{c.name} (IQR {percent(c.iqr)}, CV {c.cv:.2f})" for c in group.contested)
        )

    heading("Participants")
    prows: list[list[object]] = []
    for p in group.participants:
        seat = s.profile(p.seat).name if p.seat else ""
        ranks = {r.option: r.rank for r in p.ranking.ranking}
        first = " = ".join(label[o] for o in p.first_choice)
        prows.append([p.participant, seat, *(ranks[o.id] for o in s.options), first])
    out.append(
        table(
            ["participant", "seat", *(o.label for o in s.options), "first choice"],
            prows,
            "ll" + "r" * len(s.options) + "l",
        )
    )

    if group.minority:
        heading("Minority views")
        for m in group.minority:
            seat = f" ({s.profile(m.seat).name})" if m.seat else ""
            first = " = ".join(label[o] for o in m.first_choice)
            note = f': "{m.note}"' if m.note else ""
            item = f"{m.participant}{seat} puts {first} first{note}"
            # the bullet is the report's own (never escaped); the item, a participant's text
            out.append("- " + (md(item) if as_md else plain(item)) + "\n")

    if group.movement is not None and group.movement.participants:
        heading(f"Movement since round {res.previous_round}")
        mrows: list[list[object]] = []
        for pm in group.movement.participants:
            big = max(pm.changes.items(), key=lambda kv: abs(kv[1]))
            changed = (
                " = ".join(label[o] for o in pm.first_choice_before)
                + " -> "
                + " = ".join(label[o] for o in pm.first_choice_after)
                if pm.changed_mind
                else "unchanged"
            )
            largest = f"{s.criterion(big[0]).name} {weight_change(big[1])}" if big[1] else "none"
            shift = f"{percentage_points(pm.shift)} points"
            mrows.append([pm.participant, shift, largest, changed])
        out.append(table(["participant", "shift", "largest change", "first choice"], mrows, "lrll"))
        crows: list[list[object]] = [
            [
                s.criterion(c.criterion).name,
                weight_change(c.mean_change),
                f"{percentage_points(c.mean_absolute_change)} points",
            ]
            for c in group.movement.criteria
        ]
        if not as_md:
            out.append("\n")
        out.append(table(["criterion", "mean change", "mean |change|"], crows, "lrr"))

    if res.outcome is not None:
        heading("What really happened")
        para(f"{res.outcome.date}: {res.outcome.text}")
        if res.outcome.closest_option:
            closest = label.get(res.outcome.closest_option, res.outcome.closest_option)
            verdict = (
                "the group's first choice too"
                if res.outcome.closest_option in group.group_first_choice
                else "not the group's first choice"
            )
            para(f"Closest option: {closest}, {verdict}.")
    return "".join(out)


def export_json(workshop: Workshop) -> dict[str, Any]:
    """Everything in the store, for the facilitator: names, history, events, every round."""
    store = workshop.store
    with store.snapshot():
        meta = store.meta()
        people = store.participants()
        rounds = store.rounds()
        history = store.all_submissions()
        events = workshop.released_events()
    latest: dict[tuple[str, int], int] = {}
    for r in history:
        latest[(r.participant, r.round)] = r.id
    anonymous_labels = {p.name: f"Participant {i}" for i, p in enumerate(people, start=1)}
    from optionscope.workshop.records import round_as_shown

    per_round = [round_as_shown(workshop, number) for number, _ in rounds]
    return {
        "format": "optionscope-workshop-export",
        "schema_version": store.schema_version,
        "workshop": {
            "name": workshop.name,
            "anonymous": workshop.anonymous,
            "join_code": workshop.join_code,
            "created_at": meta.get("created_at", ""),
            "outcome_revealed_at": meta.get("revealed_at"),
        },
        "scenario": {
            "id": workshop.scenario.id,
            "title": workshop.scenario.title,
            "sha256": meta.get("scenario_sha256", ""),
            "yaml": meta.get("scenario_yaml", ""),
        },
        "participants": [
            {
                "number": p.number,
                "name": p.name,
                "label": anonymous_labels[p.name],
                "joined_at": p.joined_at,
            }
            for p in people
        ],
        "rounds": [{"number": n, "opened_at": t} for n, t in rounds],
        "submissions": [
            {
                "id": r.id,
                "participant": r.participant,
                "round": r.round,
                "seat": r.seat,
                "weights": r.weights,
                "note": r.note,
                "submitted_at": r.submitted_at,
                "replaced_earlier": r.replaced,
                "counts": latest[(r.participant, r.round)] == r.id,
            }
            for r in history
        ],
        "events": [
            {
                "id": e.event.id,
                "title": e.event.title,
                "round": e.round,
                "in_force_from": e.in_force_from,
                "after_reveal": e.after_reveal,
                "released_at": e.released_at,
            }
            for e in events
        ],
        "results": per_round,
    }
