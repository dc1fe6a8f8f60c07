"""The workshop's panels as Textual content: numbers from `analysis.group`, text shown literally."""

from __future__ import annotations

from textual.content import Content

from optionscope.model.scenario import Event, Outcome, Scenario
from optionscope.tui._text import fit, literal, text_width
from optionscope.tui.workshop._state import Snapshot, clock, effect_lines
from optionscope.workshop.exercise import Clock, SeatView
from optionscope.workshop.session import RoundResults

Part = Content | str | tuple[str, str]


def heading(text: str, note: str = "") -> Content:
    return Content.assemble((text, "bold underline"), (f"  {note}" if note else "", "dim"))


def submissions(snap: Snapshot, scenario: Scenario) -> Content:
    """Who has submitted in the round looked at: label, seat, time; and the rounds so far."""
    res = snap.results
    rows = res.submissions
    lines: list[Content] = []
    if not rows:
        lines.append(Content.styled(f"Nobody has submitted in round {res.round} yet.", "dim"))
    else:
        shown = [res.labels.get(r.participant, r.participant) for r in rows]
        width = max(len("participant"), min(max(text_width(x) for x in shown), 22))
        seats = [scenario.profile(r.seat).name if r.seat else "(no seat)" for r in rows]
        seat_width = max(len("seat"), min(max(text_width(x) for x in seats), 28))
        lines.append(
            Content.styled(
                f"{'participant'.ljust(width)}  {'seat'.ljust(seat_width)}  at (UTC)", "dim"
            )
        )
        for name, seat, r in zip(shown, seats, rows, strict=True):
            lines.append(
                Content.assemble(
                    literal(fit(name, width)),
                    "  ",
                    literal(fit(seat, seat_width)),
                    "  ",
                    clock(r.submitted_at),
                )
            )
    if len(snap.rounds) > 1:
        counts = ", ".join(
            f"{c.number}: {c.submissions}"
            + (" (current)" if c.number == snap.current_round else "")
            for c in snap.rounds
        )
        lines.append(Content.styled(f"Submissions by round: {counts}", "dim"))
    return Content("\n").join(lines)


def event_text(
    event: Event,
    scenario: Scenario,
    round_number: int | None = None,
    in_force_from: int | None = None,
) -> Content:
    """An event: title and date, its text, its effects on the assessments."""
    when = ""
    if round_number is not None:
        later = in_force_from is not None and in_force_from != round_number
        when = f" (released in round {round_number}" + (
            f", in force from round {in_force_from})" if later else ")"
        )
    parts: list[Part] = [
        literal(event.title, "bold"),
        literal(f" · {event.date}", "dim"),
        (when, "dim"),
        "\n",
        literal(event.text),
    ]
    effects = effect_lines(scenario, event)
    if effects:
        parts.append(("\nEffects on the assessments:", "italic"))
        for line in effects:
            parts.extend(["\n - ", literal(line)])
    else:
        parts.append(("\nNo effect on the assessments.", "dim"))
    return Content.assemble(*parts)


def _mmss(minutes: float) -> str:
    whole = int(max(minutes, 0.0) * 60)
    return f"{whole // 60}:{whole % 60:02d}"


def timer(found: Clock | None, facilitator: bool) -> Content:
    """The exercise clock: phase and time left; for the facilitator, what is due and next."""
    if found is None:
        return Content("")
    if found.started_at is None or found.minute is None:
        text = "The clock has not started."
        return Content.styled(text + (" `workshop start` starts it." if facilitator else ""), "dim")
    parts: list[Part] = []
    if found.phase is None:
        parts.append(("The planned time is over.", "bold"))
    else:
        parts.extend([literal(found.phase.title, "bold"), f" · {_mmss(found.minutes_left)} left"])
    if facilitator:
        parts.append(f" · elapsed {_mmss(found.minute)}")
        if found.due:
            parts.extend(["\n", ("Due now: ", "bold #edc948")])
            parts.append(literal(", ".join(i.title for i in found.due)))
        nxt = found.next_inject
        parts.extend(["\n", ("Next: ", "bold")])
        if nxt is None:
            parts.append(("every timed inject released", "dim"))
        else:
            parts.extend([literal(nxt.title), (f" at minute {nxt.at}; i releases it", "dim")])
    return Content.assemble(*parts)


def seat_news(view: SeatView | None) -> Content:
    """A seat's private brief and the injects for it, newest first."""
    if view is None:
        return Content("")
    parts: list[Part] = []
    if view.brief:
        parts.extend([("Your brief: ", "bold"), literal(view.brief)])
    for r in reversed(view.injects):
        if parts:
            parts.append("\n")
        for_whom = " (your seat only)" if r.inject.seats else ""
        parts.extend([literal(r.inject.title, "bold"), (for_whom, "dim")])
        if r.inject.text:
            parts.extend(["\n", literal(r.inject.text)])
    return (
        Content.assemble(*parts) if parts else Content.styled("Nothing for your seat yet.", "dim")
    )


def seat_items(scenario: Scenario) -> list[tuple[str, Content]]:
    """The seats to pick from, with their stance as known on the decision date."""
    from optionscope.report.decision_date import as_known_on_decision_date

    items = []
    for p in as_known_on_decision_date(scenario).profiles:
        stance: list[str | Content] = [" — ", literal(p.stance)] if p.stance else []
        items.append((p.id, Content.assemble(literal(p.name, "bold"), *stance)))
    return items


def events(snap: Snapshot, scenario: Scenario, facilitator: bool) -> Content:
    """Released events, newest first, the newest in full; what comes next for the facilitator."""
    lines: list[Content] = []
    if not snap.released:
        lines.append(Content.styled("No event released yet.", "dim"))
    for i, e in enumerate(reversed(snap.released)):
        if i == 0:
            lines.append(
                event_text(e.event, scenario, e.round, None if e.after_reveal else e.in_force_from)
            )
        else:
            lines.append(
                Content.assemble(
                    literal(e.event.title),
                    literal(f" · {e.event.date}", "dim"),
                    (f" (round {e.round})", "dim"),
                )
            )
    if facilitator:
        if snap.waiting:
            nxt = snap.waiting[0]
            lines.append(
                Content.assemble(
                    ("Next: ", "bold"),
                    literal(nxt.title),
                    literal(f" · {nxt.date}", "dim"),
                    (f"  ({len(snap.waiting)} waiting; e releases it)", "dim"),
                )
            )
        else:
            lines.append(Content.styled("Every event has been released.", "dim"))
    return Content("\n").join(lines)


def outcome(found: Outcome, res: RoundResults | None, scenario: Scenario) -> Content:
    """What really happened, and whether the group's first choice matches it."""
    parts: list[Part] = [literal(found.date, "bold"), ": ", literal(found.text)]
    closest = found.closest_option
    if closest:
        parts.extend(["\nClosest option: ", literal(scenario.option(closest).label, "bold")])
        group = res.group if res is not None else None
        if group is not None and res is not None:
            agree = closest in group.group_first_choice
            parts.append(
                f"; the group's first choice in round {res.round} "
                + ("matches it." if agree else "differs from it.")
            )
    return Content.assemble(*parts)
