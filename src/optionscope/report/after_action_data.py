"""What the after-action report tells, gathered from the workshop's store only (see
`optionscope.report.after_action`, which renders it)."""

from __future__ import annotations

from typing import Any

from optionscope.workshop.records import round_as_shown
from optionscope.workshop.session import Workshop

LESSONS = (
    ("What worked (sustain)", "What should the next run keep?"),
    ("What to change (improve)", "What slowed the group down or misled it?"),
    ("What the real decision teaches", "Where did the group's reasoning meet or miss reality?"),
    ("Actions", "Who does what before the next run?"),
)


def _labels(workshop: Workshop, show_names: bool) -> dict[str, str]:
    return workshop.labels(show_names=show_names)


def _relabel(data: Any, labels: dict[str, str]) -> Any:
    """Replace participant names by their shown labels everywhere in a record."""
    if isinstance(data, dict):
        return {
            k: (
                labels.get(v, v)
                if k == "participant" and isinstance(v, str)
                else _relabel(v, labels)
            )
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_relabel(v, labels) for v in data]
    return data


def _moves(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What changed between two rounds as they were shown."""
    rank_before = {r["option"]: r["rank"] for r in before.get("group_ranking", [])}
    rank_after = {r["option"]: r["rank"] for r in after.get("group_ranking", [])}
    movement = after.get("movement") or {}
    return {
        "from_round": before["round"],
        "to_round": after["round"],
        "first_choice_before": before.get("group_first_choice", []),
        "first_choice_after": after.get("group_first_choice", []),
        "rank_changes": [
            {"option": o, "before": rank_before[o], "after": rank_after[o]}
            for o in rank_after
            if o in rank_before and rank_before[o] != rank_after[o]
        ],
        "changed_minds": [
            p
            for p in movement.get("participants", [])
            if p["first_choice_before"] != p["first_choice_after"]
        ],
        "criteria": sorted(
            movement.get("criteria", []), key=lambda c: -abs(float(c["mean_change"]))
        )[:3],
    }


def after_action(workshop: Workshop, *, show_names: bool | None = None) -> dict[str, Any]:
    """Everything the after-action report shows, as data (JSON-ready)."""
    names = (not workshop.anonymous) if show_names is None else show_names
    labels = _labels(workshop, names)
    store = workshop.store
    with store.snapshot():
        meta = store.meta()
        rounds = store.rounds()
    events = workshop.released_events()
    shown = [_relabel(round_as_shown(workshop, n), labels) for n, _ in rounds]
    by_round = {r["round"]: r for r in shown}

    timeline: list[dict[str, Any]] = [{"at": meta.get("created_at", ""), "what": "workshop made"}]
    for (n, opened), record in zip(rounds, shown, strict=True):
        timeline.append({"at": opened, "what": f"round {n} opened"})
        if record.get("recorded_at"):
            timeline.append({"at": record["recorded_at"], "what": f"round {n} closed"})
    for e in events:
        timeline.append(
            {
                "at": e.released_at,
                "what": f"event released after the reveal: {e.event.title}"
                if e.after_reveal
                else f"event released: {e.event.title} (in force from round {e.in_force_from})",
            }
        )
    if "revealed_at" in meta:
        timeline.append({"at": meta["revealed_at"], "what": "outcome revealed"})
    timeline.sort(key=lambda t: t["at"])

    event_moves = []
    for e in events:
        after = by_round.get(e.in_force_from)
        before = by_round.get(e.in_force_from - 1)
        event_moves.append(
            {
                "id": e.event.id,
                "title": e.event.title,
                "date": e.event.date,
                "text": e.event.text,
                "released_at": e.released_at,
                "in_force_from": e.in_force_from,
                "after_reveal": e.after_reveal,
                "moves": None if before is None or after is None else _moves(before, after),
            }
        )

    last = next((r for r in reversed(shown) if r.get("group_ranking")), None)
    outcome = None
    if "revealed_at" in meta and workshop.scenario.outcome is not None:
        found = workshop.scenario.outcome
        outcome = {
            "date": found.date,
            "text": found.text,
            "closest_option": found.closest_option,
            "final_round": None if last is None else last["round"],
            "group_first_choice": [] if last is None else last["group_first_choice"],
            "group_chose_it": None
            if found.closest_option is None or last is None
            else found.closest_option in last["group_first_choice"],
        }

    from optionscope.workshop.exercise import plan, released_injects
    from optionscope.workshop.forecasts import forecast_report

    exercise = plan(workshop)
    plan_as_run = None
    if exercise is not None:
        done = {r.inject.id: r for r in released_injects(workshop, exercise)}
        start = 0
        phases = []
        for phase in exercise.phases:
            phases.append({"title": phase.title, "start": start, "minutes": phase.minutes})
            start += phase.minutes
        plan_as_run = {
            "title": exercise.title,
            "clock_started_at": meta.get("clock_started_at"),
            "phases": phases,
            "injects": [
                {
                    "id": i.id,
                    "title": i.title,
                    "seats": i.seats,
                    "planned": i.at,
                    "released_at": done[i.id].released_at if i.id in done else None,
                    "minute": done[i.id].minute if i.id in done else None,
                }
                for i in exercise.injects
            ],
        }

    return {
        "workshop": workshop.name,
        "scenario": {
            "id": workshop.scenario.id,
            "title": workshop.scenario.title,
            "question": workshop.scenario.question,
            "as_of": workshop.scenario.as_of.isoformat(),
        },
        "names_shown": names,
        "plan": plan_as_run,
        "timeline": timeline,
        "rounds": shown,
        "events": event_moves,
        "outcome": outcome,
        "forecasts": forecast_report(workshop, labels),
        "lessons": [{"heading": h, "prompt": p} for h, p in LESSONS],
    }
