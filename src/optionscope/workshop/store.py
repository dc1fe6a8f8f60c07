"""The workshop store: one SQLite file per workshop, safe with many writers.

- Standard-library `sqlite3` in WAL mode: readers never wait for the writer,
  and a killed process leaves the last committed state (the WAL is replayed
  or discarded by the next connection).
- Every change is one `BEGIN IMMEDIATE` transaction: the write lock is taken
  before anything is read, so checks (is the round still open? is this event
  already released?) and the write cannot be interleaved with another
  process's. A busy store is waited on for `BUSY_TIMEOUT` seconds
  (`sqlite3.connect(timeout=...)`), then refused with a clear message.
- The schema is versioned with `PRAGMA user_version` and upgraded by the
  `MIGRATIONS` steps, all in one transaction, after a backup copy of the
  older file is taken: an old store is migrated, never lost.
- The scenario's YAML text and its SHA-256 are kept in the store, so a
  workshop is self-contained and a changed scenario file cannot change it.
- The file is readable and writable by its owner only (0600). Participants
  reach it through the owner's server, never with write access of their own.
- The rows only the facilitator changes (metadata with the scenario and its
  outcome, rounds, released events, released injects) and the exercise's
  records (closed rounds as shown, forecasts) are sealed: an HMAC-SHA256
  under a key derived from the facilitator code (`codes.derive_key`), stored
  in `meta` as `seal` and renewed in the same transaction as every facilitator
  action (`optionscope.workshop.seal`). A store changed behind the
  facilitator's back no longer matches its seal.
- Each participant's personal code is kept as a hash (`participant.secret_hash`):
  a name already in the workshop is only used again with its code.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from optionscope.io.errors import InputError
from optionscope.io.text_files import remember_input
from optionscope.workshop.participants import (
    name_key,
    participant_name,
    submitting_participant,
)
from optionscope.workshop.releases import NO_MORE_INJECTS, next_release, refuse_after_reveal
from optionscope.workshop.schema import APPLICATION_ID, now
from optionscope.workshop.seal import seal_matches, seal_rows
from optionscope.workshop.store_file import (
    EMPTY,
    apply_migrations,
    busy_error,
    connect,
    copy_before_migrating,
    new_store_file,
    newer_schema_error,
    unreadable_error,
    use_wal,
)
from optionscope.workshop.store_rows import (
    SUBMISSION_COLUMNS,
    ParticipantRow,
    ReleasedEventRow,
    SubmissionRow,
    submission_from,
)

SCHEMA_VERSION = 5
"""The schema this code reads and writes; older stores are migrated on open."""

BUSY_TIMEOUT = 30.0
"""Seconds a writer waits for another writer before giving up."""


# The store --------------------------------------------------------------------


class WorkshopStore:
    """A connection to one workshop's file. Use as a context manager, or call `close()`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    # Opening ------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | Path,
        meta: Mapping[str, str],
        *,
        key: bytes | None = None,
        timeout: float = BUSY_TIMEOUT,
    ) -> WorkshopStore:
        """Make a new store at the current schema with the given metadata; never overwrite.

        The file is made readable and writable by its owner only; with `key`,
        the new store is sealed.
        """
        target = Path(path)
        new_store_file(target)
        conn: sqlite3.Connection | None = None
        try:
            conn = connect(target, timeout)
            conn.damaged_at = target
            store = cls(target, conn)
            use_wal(conn, target)
            with store._writing() as c:
                apply_migrations(c)
                c.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", sorted(meta.items()))
                c.execute("INSERT INTO round (number, opened_at) VALUES (1, ?)", (now(),))
                if key is not None:
                    seal_rows(c, key)
        except BaseException:
            if conn is not None:
                conn.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            raise
        return store

    @classmethod
    def open(cls, path: str | Path, *, timeout: float = BUSY_TIMEOUT) -> WorkshopStore:
        """Open an existing store, migrating an older schema; refuse what is not a store."""
        target = Path(path)
        if not target.exists():
            raise InputError.at(
                str(target), "no such workshop store; make one with `optionscope workshop new`"
            )
        if target.is_dir():
            raise InputError.at(str(target), "is a directory, not a workshop store")
        if target.stat().st_size == 0:  # before SQLite reads it as a blank database
            raise InputError.at(str(target), EMPTY)
        remember_input(target)  # never replaced by an output of the same command
        try:
            conn = connect(target, timeout)
        except sqlite3.DatabaseError as err:
            raise InputError.at(str(target), f"is not a workshop store ({err})") from None
        store = cls(target, conn)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID or version == 0:
                raise InputError.at(str(target), "is an SQLite file but not a workshop store")
            conn.damaged_at = target  # from here on, a malformed page is a damaged store
            use_wal(conn, target)  # only now: a file of another program is left as it was
            store._migrate(backup=True)
        except sqlite3.DatabaseError as err:
            conn.close()
            raise unreadable_error(target, err) from None
        except BaseException:
            conn.close()
            raise
        return store

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> WorkshopStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, *, backup: bool) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise newer_schema_error(self.path, version, SCHEMA_VERSION)
        if version == SCHEMA_VERSION:
            return
        with self._writing() as conn:
            # Under the write lock: of several processes opening an old store at
            # once, one copies and migrates it; the others find it migrated.
            version = self.schema_version
            if backup and 0 < version < SCHEMA_VERSION:
                copy_before_migrating(self.path, version)
            apply_migrations(conn)

    # Transactions -------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, the write lock taken first (BEGIN IMMEDIATE)."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            raise busy_error(self.path, err) from None
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """One consistent snapshot for several reads."""
        self._conn.execute("BEGIN")
        try:
            yield self._conn
        finally:
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")

    # Reading ------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        rows = self._conn.execute("SELECT key, value FROM meta").fetchall()
        return {str(k): str(v) for k, v in rows}

    def current_round(self) -> int:
        return int(self._conn.execute("SELECT MAX(number) FROM round").fetchone()[0])

    def rounds(self) -> list[tuple[int, str]]:
        rows = self._conn.execute("SELECT number, opened_at FROM round ORDER BY number")
        return [(int(n), str(t)) for n, t in rows.fetchall()]

    def participants(self) -> list[ParticipantRow]:
        rows = self._conn.execute(
            "SELECT number, name, joined_at FROM participant ORDER BY number"
        ).fetchall()
        return [ParticipantRow(int(n), str(name), str(t)) for n, name, t in rows]

    def participant_with_secret(self, secret: str) -> str | None:
        """The stored name of the participant whose personal code has this hash."""
        row = self._conn.execute(
            "SELECT name FROM participant WHERE secret_hash = ?", (secret,)
        ).fetchone()
        return None if row is None else str(row[0])

    def released_events(self) -> list[ReleasedEventRow]:
        rows = self._conn.execute(
            "SELECT position, event_id, round, released_at, COALESCE(in_force_from, round)"
            " FROM released_event ORDER BY position"
        ).fetchall()
        return [ReleasedEventRow(int(p), str(e), int(r), str(t), int(f)) for p, e, r, t, f in rows]

    def round_record(self, round_number: int) -> tuple[str, dict[str, Any]] | None:
        """A closed round's results as they were shown when it closed: (recorded_at, results)."""
        row = self._conn.execute(
            "SELECT recorded_at, results FROM round_record WHERE round = ?", (round_number,)
        ).fetchone()
        if row is None:
            return None
        return str(row[0]), dict(json.loads(row[1]))

    def keep_round_record(self, round_number: int, results: Mapping[str, Any]) -> None:
        """Store a round's results as shown; a round already recorded keeps its first record."""
        with self._writing() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO round_record (round, recorded_at, results) VALUES (?, ?, ?)",
                (round_number, now(), json.dumps(dict(results), sort_keys=True)),
            )

    def latest_submissions(self, round_number: int) -> list[SubmissionRow]:
        """Each participant's last submission in the round, in join order."""
        rows = self._conn.execute(
            f"SELECT {SUBMISSION_COLUMNS} FROM submission s"
            " JOIN participant p ON p.name = s.participant"
            " WHERE s.round = ? AND s.id ="
            "  (SELECT MAX(t.id) FROM submission t"
            "   WHERE t.round = s.round AND t.participant = s.participant)"
            " ORDER BY p.number",
            (round_number,),
        ).fetchall()
        return [submission_from(r) for r in rows]

    def all_submissions(self) -> list[SubmissionRow]:
        """Every submission ever made, replaced ones included, oldest first."""
        rows = self._conn.execute(
            f"SELECT {SUBMISSION_COLUMNS} FROM submission s"
            " JOIN participant p ON p.name = s.participant ORDER BY s.id"
        ).fetchall()
        seen: set[tuple[str, int]] = set()
        out = []
        for r in rows:
            key = (name_key(str(r[1])), int(r[3]))
            out.append(submission_from(r, replaced=key in seen))
            seen.add(key)
        return out

    def snapshot(self) -> AbstractContextManager[sqlite3.Connection]:
        """A context manager giving one consistent view for several reads."""
        return self._reading()

    def seal_matches(self, key: bytes) -> bool | None:
        """Does the stored seal match the sealed rows under this key? None when there is none."""
        with self._reading() as conn:
            return seal_matches(conn, key)

    def reseal(self, key: bytes, meta: Mapping[str, str] | None = None) -> None:
        """Set metadata (e.g. an upgraded facilitator check) and seal, in one transaction."""
        with self._writing() as conn:
            for k, v in (meta or {}).items():
                conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (k, v))
            seal_rows(conn, key)

    def renew_seal(self, key: bytes) -> bool:
        """Bring records written since under the seal, if the seal still matches; else False.

        The check and the renewal are one transaction: nothing written between
        them is sealed unchecked.
        """
        with self._writing() as conn:
            if seal_matches(conn, key) is not True:
                return False
            seal_rows(conn, key)
        return True

    def integrity_check(self) -> str:
        return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])

    # Writing ------------------------------------------------------------------

    def add_submission(
        self,
        participant: str,
        weights: Mapping[str, float],
        *,
        seat: str | None,
        note: str,
        round_number: int | None,
        secret: str | None,
        new_secret: str,
        rename_taken: bool,
    ) -> SubmissionRow:
        """Record a submission in the given round (default: the current one), atomically.

        `secret` is the hash of the personal code given: it names the participant
        (refused if unknown). Without one, the participant is registered with
        `new_secret` (the hash of a new code); a name already taken (names
        compare without regard to case) is refused, or, with `rename_taken`
        (anonymous workshops, where a refusal would tell that the name took
        part), registered under a free variant, "Name (2)". A later submission
        in the same round replaces this one in results; both stay in the table.
        """
        with self._writing() as conn:
            current = int(conn.execute("SELECT MAX(number) FROM round").fetchone()[0])
            number = current if round_number is None else round_number
            if number < current:
                raise InputError.at(
                    "--round", f"round {number} is closed; the current round is {current}"
                )
            if number > current:
                raise InputError.at(
                    "--round",
                    f"round {number} has not been opened; the current round is {current}",
                )
            refuse_after_reveal(
                conn,
                str(self.path),
                " and takes no more weights (the results stay as they were at the reveal)",
            )
            stamp = now()
            pnumber, name, registered = submitting_participant(
                conn, participant, secret, new_secret, rename_taken, stamp
            )
            earlier = conn.execute(
                "SELECT COUNT(*) FROM submission WHERE participant = ? AND round = ?",
                (name, number),
            ).fetchone()[0]
            cursor = conn.execute(
                "INSERT INTO submission (participant, round, weights, submitted_at, seat, note)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (name, number, json.dumps(dict(weights)), stamp, seat, note),
            )
            ident = cursor.lastrowid
        return SubmissionRow(
            id=int(ident or 0),
            participant=str(name),
            number=int(pnumber),
            round=number,
            weights=dict(weights),
            seat=seat,
            note=note,
            submitted_at=stamp,
            replaced=int(earlier) > 0,
            registered=registered,
        )

    def release_event(
        self,
        event_ids: Sequence[str],
        event_id: str | None,
        *,
        key: bytes,
        news_after: Collection[str] = (),
    ) -> ReleasedEventRow:
        """Release the named event, or the first of `event_ids` not yet released (after
        the reveal, only news in `news_after`: see `releases.next_release`); reseal."""
        with self._writing() as conn:
            event_id, current, in_force_from = next_release(
                conn, str(self.path), event_ids, event_id, news_after
            )
            stamp = now()
            cursor = conn.execute(
                "INSERT INTO released_event (event_id, round, released_at, in_force_from)"
                " VALUES (?, ?, ?, ?)",
                (event_id, current, stamp, in_force_from),
            )
            position = cursor.lastrowid
            seal_rows(conn, key)
        return ReleasedEventRow(int(position or 0), event_id, current, stamp, in_force_from)

    def open_round(self, expected: int | None = None, *, key: bytes) -> int:
        """Close the current round and open the next; returns its number.

        With `expected`, only if the current round is still that one: two
        facilitators confirming at the same moment open one round, not two.
        """
        with self._writing() as conn:
            current = int(conn.execute("SELECT MAX(number) FROM round").fetchone()[0])
            if expected is not None and current != expected:
                raise InputError.at(
                    str(self.path),
                    f"round {expected} is already closed; the current round is {current}",
                )
            refuse_after_reveal(
                conn,
                str(self.path),
                f", and round {current} was its last (no weights are taken after the reveal)",
            )
            conn.execute(
                "INSERT INTO round (number, opened_at) VALUES (?, ?)", (current + 1, now())
            )
            seal_rows(conn, key)
        return current + 1

    # Exercises: forecasts and injects ---------------------------------------------

    def add_forecast(
        self, participant: str, seat: str | None, question: str, probability: float
    ) -> str:
        """Record a probability for a question; a later one of the same person replaces it."""
        with self._writing() as conn:
            refuse_after_reveal(conn, str(self.path), " and takes no more forecasts")
            name = participant_name(conn, participant)
            stamp = now()
            conn.execute(
                "INSERT INTO forecast (participant, seat, question, probability, given_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (name, seat, question, probability, stamp),
            )
        return stamp

    def forecasts(self) -> list[tuple[str, str | None, str, float, str]]:
        """Each participant's last forecast per question: (name, seat, question, p, given_at)."""
        rows = self._conn.execute(
            "SELECT f.participant, f.seat, f.question, f.probability, f.given_at FROM forecast f"
            " WHERE f.id = (SELECT MAX(g.id) FROM forecast g"
            "  WHERE g.participant = f.participant AND g.question = f.question)"
            " ORDER BY f.id"
        ).fetchall()
        return [
            (str(a), None if b is None else str(b), str(c), float(d), str(e))
            for a, b, c, d, e in rows
        ]

    def release_inject(self, inject_id: str, minute: float | None, *, key: bytes) -> str:
        """Record an inject as released (at `minute` of the clock) and reseal."""
        with self._writing() as conn:
            refuse_after_reveal(conn, str(self.path), NO_MORE_INJECTS)
            if conn.execute(
                "SELECT 1 FROM released_inject WHERE inject_id = ?", (inject_id,)
            ).fetchone():
                raise InputError.at("--id", f"inject '{inject_id}' has been released already")
            stamp = now()
            conn.execute(
                "INSERT INTO released_inject (inject_id, released_at, minute) VALUES (?, ?, ?)",
                (inject_id, stamp, minute),
            )
            seal_rows(conn, key)
        return stamp

    def released_injects(self) -> list[tuple[str, str, float | None]]:
        rows = self._conn.execute(
            "SELECT inject_id, released_at, minute FROM released_inject ORDER BY released_at"
        ).fetchall()
        return [(str(i), str(t), None if m is None else float(m)) for i, t, m in rows]

    def set_meta_once(self, name: str, value: str, *, key: bytes) -> str:
        """Set a metadata key unless it is set, and reseal; returns the value it has afterwards."""
        with self._writing() as conn:
            conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (name, value))
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
            seal_rows(conn, key)
        return str(row[0])
