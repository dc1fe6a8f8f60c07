"""The workshop's panels as Textual content: numbers from `analysis.group`, text shown literally."""

from __future__ import annotations

from textual.content import Content

from optionscope.model.scenario import Event, Outcome, Scenario
from optionscope.tui._text import fit, literal, text_width
from optionscope.tui.workshop._state import Snapshot, clock, effect_lines
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


def event_text(event: Event, scenario: Scenario, round_number: int | None = None) -> Content:
    """An event: title and date, its text, its effects on the assessments."""
    when = f" (released in round {round_number})" if round_number is not None else ""
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


def events(snap: Snapshot, scenario: Scenario, facilitator: bool) -> Content:
    """Released events, newest first, the newest in full; what comes next for the facilitator."""
    lines: list[Content] = []
    if not snap.released:
        lines.append(Content.styled("No event released yet.", "dim"))
    for i, e in enumerate(reversed(snap.released)):
        if i == 0:
            lines.append(event_text(e.event, scenario, e.round))
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
