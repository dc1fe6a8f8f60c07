"""Running an exercise plan over a workshop: the clock, injects, seat briefs.

The plan (an exercise file, see `model.exercise`) is attached to the workshop
once, with the facilitator code, and kept in the store with its SHA-256. The
facilitator starts the clock; from then on the phase, the time left in it and
the injects due are read from the clock. Releasing an inject that names a
scenario event releases the event too. A seat sees its own private brief and
the injects for all seats or for it, never another seat's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from optionscope.io.errors import InputError
from optionscope.io.exercise_files import exercise_for
from optionscope.model.checks import suggest
from optionscope.model.exercise import Exercise, Inject, Phase
from optionscope.workshop.schema import now, text_hash
from optionscope.workshop.session import Workshop


def _stamp(value: str) -> datetime:
    return datetime.fromisoformat(value)


@dataclass(frozen=True)
class ReleasedInject:
    inject: Inject
    released_at: str
    minute: float | None
    """Minute of the clock when it was released (None before the clock started)."""


@dataclass(frozen=True)
class Clock:
    """Where the exercise stands at a moment."""

    started_at: str | None
    minute: float | None
    """Minutes since the clock started; None before."""
    phase: Phase | None
    minutes_left: float
    """Minutes left in the phase."""
    due: list[Inject]
    """Timed injects due by now and not yet released, earliest first."""
    next_inject: Inject | None
    """The next timed inject not yet released (due or not)."""


def attach(workshop: Workshop, code: str, text: str, name: str) -> Exercise:
    """Attach an exercise file's text to the workshop (once); returns the plan."""
    key = workshop.check_code(code)
    exercise = exercise_for(text, name, workshop.scenario)
    kept = workshop.store.set_meta_once("exercise_yaml", text, key=key)
    if kept != text:
        raise InputError.at(name, "this workshop already has an exercise plan; make a new workshop")
    workshop.store.set_meta_once("exercise_sha256", text_hash(text), key=key)
    return exercise


def plan(workshop: Workshop) -> Exercise | None:
    """The workshop's exercise plan, if one is attached."""
    meta = workshop.store.meta()
    text = meta.get("exercise_yaml")
    if text is None:
        return None
    if text_hash(text) != meta.get("exercise_sha256"):
        raise InputError.at(
            str(workshop.path), "the stored exercise plan does not match its SHA-256"
        )
    return exercise_for(text, f"{workshop.path} (stored exercise)", workshop.scenario)


def _plan_or_refuse(workshop: Workshop) -> Exercise:
    found = plan(workshop)
    if found is None:
        raise InputError.at(
            str(workshop.path),
            "this workshop has no exercise plan; attach one with `workshop plan`",
        )
    return found


def start_clock(workshop: Workshop, code: str) -> str:
    """Start the exercise clock (once); returns when it started."""
    key = workshop.check_code(code)
    _plan_or_refuse(workshop)
    return workshop.store.set_meta_once("clock_started_at", now(), key=key)


def released_injects(workshop: Workshop, exercise: Exercise) -> list[ReleasedInject]:
    by_id = {i.id: i for i in exercise.injects}
    return [
        ReleasedInject(by_id[i], t, m)
        for i, t, m in workshop.store.released_injects()
        if i in by_id
    ]


def clock(workshop: Workshop, at: str | None = None) -> Clock:
    """The clock at a moment (default: now)."""
    exercise = _plan_or_refuse(workshop)
    started = workshop.store.meta().get("clock_started_at")
    done = {r.inject.id for r in released_injects(workshop, exercise)}
    timed = sorted(
        (i for i in exercise.injects if i.at is not None and i.id not in done),
        key=lambda i: i.at or 0,
    )
    if started is None:
        return Clock(None, None, None, 0.0, [], timed[0] if timed else None)
    minute = (_stamp(at or now()) - _stamp(started)).total_seconds() / 60.0
    phase, left = exercise.phase_at(minute)
    due = [i for i in timed if (i.at or 0) <= minute]
    return Clock(started, minute, phase, left, due, timed[0] if timed else None)


def release_inject(workshop: Workshop, code: str, inject_id: str | None = None) -> ReleasedInject:
    """Release the named inject, or the earliest timed one not yet released."""
    key = workshop.check_code(code)
    exercise = _plan_or_refuse(workshop)
    ids = [i.id for i in exercise.injects]
    now_clock = clock(workshop)
    if inject_id is None:
        if now_clock.next_inject is None:
            raise InputError.at(
                "workshop inject",
                "every timed inject has been released; name a reserve one with --id",
            )
        inject = now_clock.next_inject
    elif inject_id not in ids:
        raise InputError.at("--id", f"unknown inject '{inject_id}'{suggest(inject_id, ids)}")
    else:
        inject = next(i for i in exercise.injects if i.id == inject_id)
    stamp = workshop.store.release_inject(inject.id, now_clock.minute, key=key)
    if inject.event is not None and inject.event not in {
        e.event.id for e in workshop.released_events()
    }:
        workshop.release_event(code, inject.event)
    return ReleasedInject(inject, stamp, now_clock.minute)


@dataclass(frozen=True)
class SeatView:
    """What one seat sees of the plan: its private brief and its injects, newest last."""

    seat: str | None
    brief: str
    injects: list[ReleasedInject]


def seat_view(workshop: Workshop, seat: str | None) -> SeatView:
    """A seat's brief and the released injects addressed to every seat or to it."""
    exercise = plan(workshop)
    if exercise is None:
        return SeatView(seat, "", [])
    mine = [
        r
        for r in released_injects(workshop, exercise)
        if not r.inject.seats or (seat is not None and seat in r.inject.seats)
    ]
    return SeatView(seat, exercise.briefs.get(seat, "") if seat else "", mine)
