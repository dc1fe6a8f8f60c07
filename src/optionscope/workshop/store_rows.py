"""The rows the workshop store returns: submissions, participants, released events."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SubmissionRow:
    id: int
    participant: str
    number: int
    """The participant's join number (1 for the first to submit): the anonymous label's order."""
    round: int
    weights: dict[str, float]
    """Raw points by criterion id, as submitted."""
    seat: str | None
    note: str
    submitted_at: str
    replaced: bool = False
    """Whether this submission replaced an earlier one of the same participant and round."""
    registered: bool = False
    """Whether this submission registered the participant (their personal code is new)."""
    personal_code: str | None = None
    """The new participant's personal code, set by `Workshop.submit` (the store keeps a hash)."""


@dataclass(frozen=True)
class ParticipantRow:
    number: int
    name: str
    joined_at: str


@dataclass(frozen=True)
class ReleasedEventRow:
    position: int
    event_id: str
    round: int
    """The round that was open when the event was released."""
    released_at: str
    in_force_from: int
    """The first round whose results the event changes: the round it was released in
    if nobody had submitted in it yet, otherwise the next one."""


def submission_from(row: Sequence[Any], replaced: bool = False) -> SubmissionRow:
    """A submission read with `SUBMISSION_COLUMNS`."""
    weights = json.loads(row[5])
    return SubmissionRow(
        id=int(row[0]),
        participant=str(row[1]),
        number=int(row[2]),
        round=int(row[3]),
        seat=None if row[4] is None else str(row[4]),
        weights={str(k): float(v) for k, v in weights.items()},
        note=str(row[6]),
        submitted_at=str(row[7]),
        replaced=replaced,
    )


SUBMISSION_COLUMNS = (
    "s.id, s.participant, p.number, s.round, s.seat, s.weights, s.note, s.submitted_at"
)
"""The columns `submission_from` reads, from `submission s` joined with `participant p`."""
