"""An exercise plan: the schedule, injects, seat briefs and forecast questions of a workshop.

An exercise file names a scenario and says how a facilitator runs it: phases
with their durations, injects (at a set minute of the clock, or held in
reserve; for every seat or for named seats; optionally releasing one of the
scenario's events), a private brief for each seat, and forecast questions
that the scenario's events or outcome resolve.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, model_validator

from optionscope.model.checks import Problem
from optionscope.model.fields import Flag, SchemaVersion, not_true_or_false
from optionscope.model.scenario import Ident, Text

CHECKED_BY_THE_LOADER = "exercise checks located by the loader"
"""Validation context key: the loader runs `plan_problems` itself, to locate each problem
at its line, so the model's own validator leaves them to it."""


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
    minutes: Annotated[int, Field(gt=0, le=24 * 60), BeforeValidator(not_true_or_false)]
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
    at: Annotated[int | None, Field(ge=0), BeforeValidator(not_true_or_false)] = None
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
    answer: Flag
    """What really happened: true for yes."""


class Exercise(_Model):
    """An exercise file."""

    schema_version: SchemaVersion = 1
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
    def _unique_and_in_time(self, info: ValidationInfo) -> Exercise:
        context: Any = info.context
        if isinstance(context, dict) and context.get(CHECKED_BY_THE_LOADER):
            return self
        problems = plan_problems(self)
        if problems:
            raise ValueError("; ".join(f"{p.dotted}: {p.message}" for p in problems))
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


def plan_problems(exercise: Exercise) -> list[Problem]:
    """Repeated phase, inject and forecast ids, and timed injects due after the last phase
    ends, each at the path of the value at fault (the repeat's id, the inject's `at`)."""
    problems: list[Problem] = []
    for kind, key, ids in (
        ("phase", "phases", [p.id for p in exercise.phases]),
        ("inject", "injects", [i.id for i in exercise.injects]),
        ("forecast", "forecasts", [f.id for f in exercise.forecasts]),
    ):
        first: dict[str, int] = {}
        for j, ident in enumerate(ids):
            if ident in first:
                problems.append(
                    Problem(
                        (key, j, "id"),
                        f"{kind} id '{ident}' is already used by {key}[{first[ident]}]; "
                        f"give each {kind} its own id",
                    )
                )
            else:
                first[ident] = j
    total = exercise.minutes
    for i, inject in enumerate(exercise.injects):
        if inject.at is not None and inject.at > total:
            problems.append(
                Problem(
                    ("injects", i, "at"),
                    f"inject '{inject.id}' is due at minute {inject.at}, after the last phase "
                    f"ends (minute {total}); make it due by minute {total}, lengthen the "
                    "phases, or leave out 'at' to hold it in reserve",
                )
            )
    return problems
