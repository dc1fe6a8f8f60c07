"""What the workshop screens read from the store, without Textual.

The screens poll the store from worker threads. An SQLite connection belongs to
the thread that opened it, so every read and every write here opens its own
short connection (`connect`), reusing the scenario parsed once at start-up: a
poll costs a few milliseconds, not a YAML parse. Every action goes through
`optionscope.workshop.session.Workshop`, the code path of the CLI.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from optionscope.analysis.group import GroupResult
from optionscope.io.errors import InputError
from optionscope.model.exercise import Forecast
from optionscope.model.scenario import Event, Outcome, Scenario
from optionscope.present.numbers import amount
from optionscope.workshop import codes
from optionscope.workshop.exercise import Clock, SeatView, plan, seat_view
from optionscope.workshop.exercise import clock as exercise_clock
from optionscope.workshop.forecasts import open_questions
from optionscope.workshop.participants import name_as_typed, name_key
from optionscope.workshop.session import ReleasedEvent, RoundResults, Workshop
from optionscope.workshop.store import WorkshopStore
from optionscope.workshop.store_rows import SubmissionRow


@dataclass(frozen=True)
class WorkshopInfo:
    """What does not change while a workshop runs: read once, when the app starts."""

    db: Path
    name: str
    scenario: Scenario
    anonymous: bool
    join_code: str
    """Shown on the facilitator's dashboard, to read out or project."""


def load_info(db: str | Path) -> WorkshopInfo:
    """Open the workshop once (checking the store and its scenario) and remember what is fixed."""
    with Workshop.open(db) as ws:
        return WorkshopInfo(Path(db), ws.name, ws.scenario, ws.anonymous, ws.join_code)


@contextmanager
def connect(info: WorkshopInfo) -> Iterator[Workshop]:
    """A `Workshop` on a fresh connection, for the calling thread only."""
    store = WorkshopStore.open(info.db)
    try:
        yield Workshop(store, info.scenario, store.meta())
    finally:
        store.close()


# Codes --------------------------------------------------------------------------


class CodeKind:
    JOIN = "join"
    FACILITATOR = "facilitator"


def identify_code(ws: Workshop, code: str) -> str:
    """Which code this is: `CodeKind.JOIN` or `CodeKind.FACILITATOR`; InputError otherwise.

    The facilitator code is checked by `Workshop.check_code` (its salted hash);
    the join code, stored as it is, is compared in constant time.
    """
    text = codes.canonical(code)
    if not text:
        raise InputError.at("code", "type the workshop's join code")
    if codes.is_well_formed(code, codes.FACILITATOR_GROUPS):
        ws.check_code(code)  # raises "wrong facilitator code" for anything else
        return CodeKind.FACILITATOR
    expected = codes.canonical(ws.join_code)
    if expected and hmac.compare_digest(text.encode(), expected.encode()):
        return CodeKind.JOIN
    raise InputError.at("code", "that code does not open this workshop; check it and try again")


# Reading a round ----------------------------------------------------------------


@dataclass(frozen=True)
class RoundCount:
    number: int
    submissions: int


@dataclass(frozen=True)
class Snapshot:
    """One poll of the store: a round's results and where the workshop stands."""

    results: RoundResults
    """The round looked at (the facilitator may look back at earlier rounds)."""
    current_round: int
    rounds: list[RoundCount]
    released: list[ReleasedEvent]
    waiting: list[Event]
    """Events not released yet, in the scenario's order (the first is released next)."""
    outcome: Outcome | None
    """The real outcome once revealed."""
    mine: SubmissionRow | None = None
    """The participant's counted submission in the current round (participant mode)."""
    closed: RoundResults | None = None
    """The last closed round, whose group result participants see (participant mode)."""
    timer: Clock | None = None
    """The exercise clock, when the workshop has an exercise plan."""
    seat: SeatView | None = None
    """The seat's private brief and injects (participant mode, with an exercise plan)."""
    questions: tuple[Forecast, ...] = ()
    """Forecast questions still open (participant mode, with an exercise plan)."""

    @property
    def fingerprint(self) -> tuple[object, ...]:
        """Changes when anything shown changes: a cheap test before redrawing."""
        return (
            self.results.round,
            self.current_round,
            tuple(r.id for r in self.results.submissions),
            tuple(e.event.id for e in self.released),
            self.outcome is not None,
            None if self.mine is None else self.mine.id,
            None if self.closed is None else tuple(r.id for r in self.closed.submissions),
            None if self.seat is None else tuple(r.inject.id for r in self.seat.injects),
            None if self.timer is None else (self.timer.started_at, len(self.timer.due)),
            tuple(q.id for q in self.questions),
        )


def read_facilitator(info: WorkshopInfo, round_number: int | None) -> Snapshot:
    """The dashboard's view: a round (default the current one), names hidden if anonymous."""
    with connect(info) as ws:
        current = ws.store.current_round()
        number = current if round_number is None else min(max(round_number, 1), current)
        results = ws.results(number)
        rounds = [RoundCount(n, len(ws.store.latest_submissions(n))) for n, _ in ws.store.rounds()]
        released = ws.released_events()
        timer = exercise_clock(ws) if plan(ws) is not None else None
    done = {e.event.id for e in released}
    return Snapshot(
        results=results,
        current_round=results.current_round,
        rounds=rounds,
        released=released,
        waiting=[e for e in info.scenario.events if e.id not in done],
        outcome=results.outcome,
        timer=timer,
    )


def read_participant(info: WorkshopInfo, member: str | None, seat: str | None = None) -> Snapshot:
    """A participant's view: the current round, their submission, the last closed round,
    and with an exercise plan the clock and the seat's own brief and injects.

    `member` is the stored name of the participant on this screen, known once
    their personal code has proved it (None before: a name typed is no proof).
    """
    with connect(info) as ws:
        results = ws.results()
        current = results.current_round
        closed = ws.results(current - 1) if current > 1 else None
        released = ws.released_events()
        exercise = plan(ws)
        has_plan = exercise is not None
        timer = exercise_clock(ws) if has_plan else None
        mine_seat = seat_view(ws, seat) if has_plan else None
        questions = () if exercise is None else tuple(open_questions(ws, exercise))
    mine = next((r for r in results.submissions if r.participant == member), None)
    done = {e.event.id for e in released}
    return Snapshot(
        results=results,
        current_round=current,
        rounds=[],
        released=released,
        waiting=[e for e in info.scenario.events if e.id not in done],
        outcome=results.outcome,
        mine=mine,
        closed=closed,
        timer=timer,
        seat=mine_seat,
        questions=questions,
    )


def returning_member(info: WorkshopInfo, personal_code: str) -> tuple[str, str | None]:
    """(stored name, last seat) of the holder of this personal code; InputError if none."""
    with connect(info) as ws, ws.store.snapshot():
        name = ws.member(personal_code)
        history = ws.store.all_submissions()
    seats = [r.seat for r in history if r.participant == name]
    return name, (seats[-1] if seats else None)


def shown_name(info: WorkshopInfo, stored: str) -> str:
    """The name to show its holder: in an anonymous workshop, never a variant ("Bea (2)"),
    which would tell that someone else took part as "Bea"."""
    return name_as_typed(stored) if info.anonymous else stored


def check_name_free(info: WorkshopInfo, name: str) -> None:
    """Refuse a name taken already, where names are shown to everyone anyway.

    In an anonymous workshop nothing is said: the store registers a newcomer
    under a variant of a taken name, so no one learns which names took part.
    """
    if info.anonymous:
        return
    with connect(info) as ws:
        taken = {name_key(p.name) for p in ws.store.participants()}
    if name_key(name) in taken:
        raise InputError.at(
            "name",
            "that name is taken in this workshop; choose another, or type your personal "
            "code if you have taken part already",
        )


# What the views show --------------------------------------------------------------


@dataclass(frozen=True)
class Heatmap:
    """Participants x criteria weight shares (each row sums to 1), from `analyse_group`."""

    participants: list[str]
    seats: list[str | None]
    criteria: list[str]
    shares: list[list[float]]
    mean: list[float]
    iqr: list[float]
    contested: list[str]
    """Ids of the most contested criteria, most contested first."""


def heatmap(group: GroupResult) -> Heatmap:
    crit = group.weights.criteria
    return Heatmap(
        participants=[p.participant for p in group.participants],
        seats=[p.seat for p in group.participants],
        criteria=list(crit),
        shares=[[p.weights[c] for c in crit] for p in group.participants],
        mean=[float(x) for x in group.weights.mean],
        iqr=[float(x) for x in group.weights.iqr],
        contested=[c.criterion for c in group.contested],
    )


def effect_lines(scenario: Scenario, event: Event) -> list[str]:
    """The event's effects in words, as `workshop event` prints them."""
    lines = []
    for eff in event.effects:
        who = "every option" if eff.option == "*" else scenario.option(eff.option).label
        crit = scenario.criterion(eff.criterion)
        change = (
            f"set to {amount(eff.value)} {crit.unit}"
            if eff.value is not None
            else f"{eff.delta or 0.0:+g} {crit.unit}"
        )
        note = f" ({eff.note})" if eff.note else ""
        lines.append(f"{who}, {crit.name}: {change}{note}")
    return lines


def clock(stamp: str) -> str:
    """`HH:MM:SS` (UTC) of a store time stamp."""
    _, sep, rest = stamp.partition("T")
    return rest[:8] if sep else stamp


def message(err: InputError) -> str:
    """An input error as a sentence for the screen, without the CLI's `--option:` prefix."""
    text = "; ".join(p.message for p in err.problems)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
