"""An exercise plan: the schedule, injects, seat briefs and forecast questions of a workshop.

An exercise file names a scenario and says how a facilitator runs it: phases
with their durations, injects (at a set minute of the clock, or held in
reserve; for every seat or for named seats; optionally releasing one of the
scenario's events), a private brief for each seat, and forecast questions
that the scenario's events or outcome resolve.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from optionscope.model.scenario import Ident, Text


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", use_attribute_docstrings=True, str_strip_whitespace=True
    )


class Phase(_Model):
    """One part of the exercise, in the order run."""

    id: Ident
    """How injects and the clock name the phase."""
    title: str
    """What the room does, e.g. `Round 1: weigh from your seat`."""
    minutes: int = Field(gt=0, le=24 * 60)
    """Planned length in minutes."""
    say: Text = ""
    """What the facilitator says when the phase starts."""


class Inject(_Model):
    """A piece of news given to the room, or to some seats only."""

    id: Ident
    """How the facilitator releases it."""
    title: str
    """Headline."""
    text: Text = ""
    """What the seats read."""
    at: int | None = Field(default=None, ge=0)
    """Minute of the clock when it is due; leave out for an inject held in reserve."""
    seats: list[Ident] = []
    """Profile ids of the seats that receive it; empty means every seat."""
    event: Ident | None = None
    """A scenario event released with it (its effects change the assessments)."""
    say: Text = ""
    """What the facilitator says when releasing it."""

    @property
    def reserve(self) -> bool:
        return self.at is None


class Forecast(_Model):
    """A yes/no question participants give a probability for before it is resolved."""

    id: Ident
    """How participants answer it."""
    question: Text
    """The question, e.g. `Will the host state withdraw consent before the mandate renewal?`"""
    resolves_with: Ident | Literal["outcome"]
    """The scenario event whose release resolves it, or `outcome` (the reveal)."""
    answer: bool
    """What really happened: true for yes."""


class Exercise(_Model):
    """An exercise file."""

    schema_version: Literal[1] = 1
    """Version of the exercise format; this is version 1."""
    id: Ident
    """Short identifier."""
    title: str
    """Shown on the dashboard and the projector."""
    scenario: Ident
    """The id of the scenario the exercise runs on."""
    phases: list[Phase] = Field(min_length=1)
    """The schedule, in order."""
    injects: list[Inject] = []
    """Timed and reserve injects."""
    briefs: dict[Ident, Text] = {}
    """Seat (profile id) -> a brief only that seat sees."""
    forecasts: list[Forecast] = []
    """Questions scored at the reveal."""

    @model_validator(mode="after")
    def _unique_and_in_time(self) -> Exercise:
        for kind, ids in (
            ("phase", [p.id for p in self.phases]),
            ("inject", [i.id for i in self.injects]),
            ("forecast", [f.id for f in self.forecasts]),
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"{kind} ids must be unique: {', '.join(dupes)} repeated")
        total = self.minutes
        late = [i.id for i in self.injects if i.at is not None and i.at > total]
        if late:
            raise ValueError(
                f"injects due after the last phase ends (minute {total}): {', '.join(late)}"
            )
        return self

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.phases)

    def phase_at(self, minute: float) -> tuple[Phase | None, float]:
        """The phase running at a minute of the clock and the minutes left in it."""
        start = 0.0
        for phase in self.phases:
            if minute < start + phase.minutes:
                return phase, start + phase.minutes - minute
            start += phase.minutes
        return None, 0.0
