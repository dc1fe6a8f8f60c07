"""A workshop: the rules over the store.

Participants submit weights (from a stakeholder's seat, in the current round,
with a note); the first submission hands them a personal code, which every
later one needs. The facilitator, with the facilitator code, releases events,
opens rounds and reveals what really happened; each of these actions first
checks the store's seal with the key derived from the code, and renews it.
Everything a participant or a facilitator types is checked here and refused
with an `InputError` that says what to do; the store then records it in one
transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from optionscope.io.errors import InputError
from optionscope.io.scenario_files import resolve_path, scenario_from_text
from optionscope.io.weights import check_weights, weights_from_document
from optionscope.io.yaml_loader import read_text
from optionscope.model.checks import suggest
from optionscope.model.evidence import date_bounds
from optionscope.model.scenario import Event, Outcome, Scenario
from optionscope.workshop import codes

if TYPE_CHECKING:
    from optionscope.analysis.group import GroupResult, ParticipantWeights

from optionscope.workshop.entries import check_name, check_note, check_participant_name
from optionscope.workshop.schema import now, text_hash
from optionscope.workshop.store import BUSY_TIMEOUT, WorkshopStore
from optionscope.workshop.store_rows import ReleasedEventRow, SubmissionRow

WRONG_CODE = (
    "wrong facilitator code for this workshop (if it is the code `workshop new` printed, "
    "the store's facilitator check has been replaced: the store was altered)"
)

ALTERED = (
    "the store was altered: its events, rounds, injects, round records, forecasts, "
    "scenario or outcome no longer match the facilitator's seal; nothing was done "
    "(restore a copy of the store)"
)


@dataclass(frozen=True)
class Created:
    """What `Workshop.create` hands back once: the codes to give out."""

    workshop: Workshop
    join_code: str
    facilitator_code: str


AFTER_REVEAL = "Released after the reveal: news of what followed; it changes no round's results."
"""How an event released once the outcome was revealed is described, wherever it is."""


@dataclass(frozen=True)
class ReleasedEvent:
    event: Event
    round: int
    """The round that was open when the event was released."""
    released_at: str
    in_force_from: int
    """The first round whose results the event changes (see `WorkshopStore.release_event`)."""
    after_reveal: bool = False
    """Released once the outcome was revealed: news of what followed, for the debrief, in
    force from a round that never opens."""


@dataclass(frozen=True)
class RoundResults:
    """One round, as a view shows it: the group analysis and what it rests on."""

    workshop: str
    scenario: Scenario
    """The scenario as stored (before events)."""
    round: int
    current_round: int
    anonymous: bool
    names_shown: bool
    submissions: list[SubmissionRow]
    """The counted (latest) submission of each participant, in join order."""
    labels: dict[str, str]
    """Participant name -> the name shown ("Participant N" when hidden)."""
    events: list[ReleasedEvent]
    """Events released up to and including this round, in release order."""
    group: GroupResult | None
    """None when nobody has submitted in the round."""
    outcome: Outcome | None
    """The real outcome, once revealed."""
    previous_round: int | None


class Workshop:
    """One workshop: its store and its scenario. Use as a context manager."""

    def __init__(self, store: WorkshopStore, scenario: Scenario, meta: Mapping[str, str]) -> None:
        self.store = store
        self.scenario = scenario
        self.name = meta.get("name", "")
        self.anonymous = meta.get("anonymous") == "1"
        self.join_code = meta.get("join_code", "")
        self._facilitator_hash = meta.get("facilitator_hash", "")

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workshop:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # Making and opening -------------------------------------------------------

    @classmethod
    def create(
        cls, db: str | Path, scenario_ref: str, name: str, *, anonymous: bool = False
    ) -> Created:
        """A new workshop on a scenario (bundled id or YAML path); refuses an existing file."""
        title = check_name(name, "workshop name", "--name")
        path = resolve_path(scenario_ref)
        if path.suffix.lower() == ".csv":
            raise InputError.at(
                scenario_ref, "a workshop needs a YAML scenario (with profiles), not a CSV matrix"
            )
        text = read_text(path, scenario_ref)
        scenario = scenario_from_text(text, scenario_ref)
        join_code = codes.new_code(codes.JOIN_GROUPS)
        facilitator_code = codes.new_code(codes.FACILITATOR_GROUPS)
        check, key = codes.new_facilitator_check(facilitator_code)
        meta = {
            "name": title,
            "scenario_yaml": text,
            "scenario_sha256": text_hash(text),
            "scenario_id": scenario.id,
            "join_code": join_code,
            "facilitator_hash": check,
            "anonymous": "1" if anonymous else "0",
            "created_at": now(),
        }
        store = WorkshopStore.create(db, meta, key=key)
        return Created(cls(store, scenario, meta), join_code, facilitator_code)

    @classmethod
    def open(cls, db: str | Path, *, timeout: float = BUSY_TIMEOUT) -> Workshop:
        """Open a workshop; a writer waits up to `timeout` seconds for another one."""
        store = WorkshopStore.open(db, timeout=timeout)
        try:
            meta = store.meta()
            text = meta.get("scenario_yaml")
            if text is None:
                raise InputError.at(str(db), "the workshop store holds no scenario")
            if text_hash(text) != meta.get("scenario_sha256"):
                raise InputError.at(
                    str(db),
                    "the stored scenario does not match its SHA-256: the store was altered",
                )
            scenario = scenario_from_text(text, f"{db} (stored scenario)")
        except BaseException:
            store.close()
            raise
        return cls(store, scenario, meta)

    # Participants ---------------------------------------------------------------

    def submit(
        self,
        participant: str,
        weights: Mapping[str, float],
        *,
        seat: str | None = None,
        round_number: int | None = None,
        note: str = "",
        source: str = "weights",
        personal_code: str | None = None,
    ) -> SubmissionRow:
        """Record a participant's weights (raw points) in a round (default: the current one).

        A first submission registers the participant and hands back a new
        personal code; a name already taken needs that name's code (given as
        `personal_code`, which names the participant by itself). In an anonymous
        workshop a taken name is not refused, which would tell that it took
        part: the newcomer is registered under a variant the facilitator sees.
        """
        name = check_participant_name(participant)
        secret = None
        if personal_code is not None:
            problem = codes.form_problem(personal_code, codes.PERSONAL_GROUPS, "a personal code")
            if problem is not None:
                raise InputError.at("--personal-code", problem)
            secret = codes.personal_hash(personal_code)
        fresh = codes.new_code(codes.PERSONAL_GROUPS)
        check_weights(self.scenario, weights, "weights", source)
        raw = {cid: float(weights.get(cid, 0.0)) for cid in self.scenario.criterion_ids}
        if seat is not None:
            known = [p.id for p in self.scenario.profiles]
            if seat not in known:
                raise InputError.at(
                    "--seat",
                    f"unknown seat '{seat}'{suggest(seat, known)}; "
                    f"the seats are the scenario's profiles: {', '.join(known) or 'none'}",
                )
        if round_number is not None and round_number < 1:
            raise InputError.at("--round", "rounds are numbered from 1")
        row = self.store.add_submission(
            name,
            raw,
            seat=seat,
            note=check_note(note),
            round_number=round_number,
            secret=secret,
            new_secret=codes.personal_hash(fresh),
            rename_taken=self.anonymous,
        )
        return replace(row, personal_code=fresh) if row.registered else row

    def member(self, personal_code: str) -> str:
        """The stored name of the participant holding this personal code; InputError if none."""
        if codes.is_well_formed(personal_code, codes.PERSONAL_GROUPS):
            found = self.store.participant_with_secret(codes.personal_hash(personal_code))
            if found is not None:
                return found
        raise InputError.at(
            "--personal-code",
            "that personal code does not belong to anyone in this workshop; check it",
        )

    def submit_file(
        self,
        participant: str,
        weights_file: str | Path,
        *,
        seat: str | None = None,
        round_number: int | None = None,
        note: str | None = None,
        personal_code: str | None = None,
    ) -> SubmissionRow:
        """Submit a weights file (`weights: {criterion: points}`, optional `scenario`, `note`)."""
        from optionscope.io.yaml_loader import load_yaml

        name = str(weights_file)
        doc = load_yaml(read_text(Path(weights_file), name), name)
        wf = weights_from_document(doc)
        if note is None and wf.note:  # said where it stands in the file, not as --note
            check_note(wf.note, (name, *doc.locate(("note",)), "note"))
        if wf.scenario is not None and wf.scenario != self.scenario.id:
            raise InputError.at(
                str(weights_file),
                f"these weights were made for scenario '{wf.scenario}'; "
                f"this workshop is on '{self.scenario.id}'",
                field="scenario",
            )
        return self.submit(
            participant,
            wf.weights,
            seat=seat,
            round_number=round_number,
            note=note if note is not None else (wf.note or ""),
            source=str(weights_file),
            personal_code=personal_code,
        )

    # Facilitator ----------------------------------------------------------------

    def check_code(self, code: str) -> bytes:
        """Refuse anything but the facilitator code, and a store that does not match its seal.

        Returns the workshop's key (derived from the code), which seals what
        the facilitator changes. A store of an older schema, sealed by no one
        yet, gets the current check value and its first seal here.
        """
        problem = codes.form_problem(code, codes.FACILITATOR_GROUPS, "a facilitator code")
        if problem is not None:
            raise InputError.at("--code", problem)
        stored = self._facilitator_hash
        if not stored.startswith(codes.SCRYPT_PREFIX + "$"):
            if not codes.code_matches(code, stored):
                raise InputError.at("--code", WRONG_CODE)
            check, fresh = codes.new_facilitator_check(code)
            self.store.reseal(fresh, {"facilitator_hash": check})
            self._facilitator_hash = check
            return fresh
        key = codes.key_if_matches(code, stored)
        if key is None:
            raise InputError.at("--code", WRONG_CODE)
        if self.store.seal_matches(key) is not True:
            raise InputError.at(str(self.path), ALTERED)
        return key

    def renew_seal(self, key: bytes) -> None:
        """Seal the records written since the last facilitator action (the store checked first)."""
        if not self.store.renew_seal(key):
            raise InputError.at(str(self.path), ALTERED)

    def release_event(self, code: str, event_id: str | None = None) -> ReleasedEvent:
        """Release the named event, or the next one in the scenario's order."""
        key = self.check_code(code)
        ids = [e.id for e in self.scenario.events]
        if event_id is not None and event_id not in ids:
            raise InputError.at(
                "--id",
                f"unknown event '{event_id}'{suggest(event_id, ids)}; "
                f"events of {self.scenario.id}: {', '.join(ids) or 'none'}",
            )
        news_after = self._news_after()
        self._refuse_news_after_the_outcome(event_id, news_after)
        row = self.store.release_event(ids, event_id, key=key, news_after=news_after)
        return self._released(row)

    def _news_after(self) -> set[str]:
        """The events certainly dated after the outcome: news of what followed."""
        outcome = self.scenario.outcome
        if outcome is None:
            return set()
        end = date_bounds(outcome.date)[1]
        return {e.id for e in self.scenario.events if date_bounds(e.date)[0] > end}

    def _refuse_news_after_the_outcome(self, event_id: str | None, news_after: set[str]) -> None:
        """News certainly dated after the outcome gives the ending away: only after the
        reveal (then, only such news is released: `WorkshopStore.release_event`)."""
        outcome = self.scenario.outcome
        if outcome is None or not news_after or self.revealed():
            return
        where = "--id" if event_id is not None else "workshop event"
        if event_id is None:
            released = {e.event.id for e in self.released_events()}
            event_id = next((e.id for e in self.scenario.events if e.id not in released), None)
            if event_id is None:
                return  # the store says there is nothing left to release
        if event_id in news_after:
            event = next(e for e in self.scenario.events if e.id == event_id)
            raise InputError.at(
                where,
                f"event '{event.id}' ({event.date}) comes after the outcome ({outcome.date}) "
                "and would give it away: reveal the outcome first, or release an earlier event",
            )

    def next_round(self, code: str, expected: int | None = None) -> int:
        """Close the current round (only if it is `expected`, when given) and open the next."""
        key = self.check_code(code)
        opened = self.store.open_round(expected, key=key)
        from optionscope.workshop.records import keep_record

        keep_record(self, opened - 1)
        self.renew_seal(key)  # the closed round's record, sealed as soon as it is kept
        return opened

    def reveal(self, code: str) -> Outcome:
        """Reveal what really happened (the scenario's outcome); revealing again is harmless."""
        key = self.check_code(code)
        if self.scenario.outcome is None:
            raise InputError.at(
                str(self.path), f"scenario {self.scenario.id} states no outcome to reveal"
            )
        self.store.set_meta_once("revealed_at", now(), key=key)
        from optionscope.workshop.records import keep_record

        keep_record(self, self.store.current_round())  # no weights are taken after the reveal
        self.renew_seal(key)
        return self.scenario.outcome

    # Views ------------------------------------------------------------------------

    def _released(self, row: ReleasedEventRow, revealed_at: str | None = None) -> ReleasedEvent:
        event = next(e for e in self.scenario.events if e.id == row.event_id)
        if revealed_at is None:
            revealed_at = self.store.meta().get("revealed_at")
        after = revealed_at is not None and row.released_at >= revealed_at
        return ReleasedEvent(event, row.round, row.released_at, row.in_force_from, after)

    def released_events(self) -> list[ReleasedEvent]:
        known = {e.id for e in self.scenario.events}
        revealed_at = self.store.meta().get("revealed_at")
        return [
            self._released(r, revealed_at)
            for r in self.store.released_events()
            if r.event_id in known
        ]

    def labels(self, *, show_names: bool) -> dict[str, str]:
        """Participant name -> shown name; "Participant N" in join order when names are hidden."""
        people = self.store.participants()
        if show_names or not self.anonymous:
            return {p.name: p.name for p in people}
        return {p.name: f"Participant {i}" for i, p in enumerate(people, start=1)}

    def revealed(self) -> bool:
        return "revealed_at" in self.store.meta()

    def results(self, round_number: int | None = None, *, show_names: bool = False) -> RoundResults:
        """The group analysis of a round (default: the current one).

        Names are hidden in an anonymous workshop unless `show_names` (the
        facilitator's export). The events in force from this round or earlier
        apply; the previous round, for the movement, is ranked with the events
        that were in force in it, so both sides are what those rounds showed.
        """
        with self.store.snapshot():
            current = self.store.current_round()
            number = current if round_number is None else round_number
            if not 1 <= number <= current:
                raise InputError.at(
                    "--round", f"round {number} does not exist; rounds so far: 1 to {current}"
                )
            labels = self.labels(show_names=show_names)
            rows = self.store.latest_submissions(number)
            previous = self.store.latest_submissions(number - 1) if number > 1 else []
            released = self.released_events()
            events = [e for e in released if e.in_force_from <= number]
            events_before = [e.event for e in released if e.in_force_from <= number - 1]
            meta = self.store.meta()

        # numpy and the analysis load here, not on import: `submit` does not need them
        from optionscope.analysis.group import ParticipantWeights, analyse_group

        def entries(group: list[SubmissionRow]) -> list[ParticipantWeights]:
            return [
                ParticipantWeights(
                    labels.get(r.participant, r.participant), r.weights, r.seat, r.note
                )
                for r in group
            ]

        group = None
        if rows:
            group = analyse_group(
                self.scenario,
                entries(rows),
                [e.event for e in events],
                previous=entries(previous) or None,
                previous_events=events_before,
            )
        return RoundResults(
            workshop=self.name,
            scenario=self.scenario,
            round=number,
            current_round=current,
            anonymous=self.anonymous,
            names_shown=show_names or not self.anonymous,
            submissions=rows,
            labels=labels,
            events=events,
            group=group,
            outcome=self.scenario.outcome if "revealed_at" in meta else None,
            previous_round=number - 1 if previous else None,
        )

    def status(self) -> dict[str, Any]:
        """Where the workshop stands: round, who has submitted, events, outcome."""
        with self.store.snapshot():
            meta = self.store.meta()
            current = self.store.current_round()
            labels = self.labels(show_names=False)
            rows = self.store.latest_submissions(current)
            events = self.released_events()
        return {
            "workshop": self.name,
            "scenario": {
                "id": self.scenario.id,
                "title": self.scenario.title,
                "sha256": meta.get("scenario_sha256", ""),
            },
            "join_code": self.join_code,
            "anonymous": self.anonymous,
            "created_at": meta.get("created_at", ""),
            "round": current,
            "participants": len(labels),
            "submitted_this_round": [labels[r.participant] for r in rows],
            "events_released": [e.event.id for e in events],
            "events_waiting": [
                e.id for e in self.scenario.events if e.id not in {x.event.id for x in events}
            ],
            "outcome_revealed": "revealed_at" in meta,
            "schema_version": self.store.schema_version,
        }
