"""The workshop store's schema, as the steps that build it: each `Migration` takes a
store from one `PRAGMA user_version` to the next, so a new store and an old one
upgraded on open end with the same tables."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256


@dataclass(frozen=True)
class Migration:
    """One step of the schema: SQL statements, then an optional step in Python."""

    version: int
    """The schema version after this step."""
    description: str
    statements: tuple[str, ...]
    then: Callable[[sqlite3.Connection], None] | None = None


def _v2_data(conn: sqlite3.Connection) -> None:
    """v1 -> v2: hash the scenario, hash the facilitator code, one row per round so far."""
    from optionscope.workshop.codes import hash_code

    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if not meta:  # a new store: nothing to carry over
        return
    if "scenario_yaml" in meta:
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('scenario_sha256', ?)",
            (text_hash(meta["scenario_yaml"]),),
        )
    if "facilitator_code" in meta:
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('facilitator_hash', ?)",
            (hash_code(meta["facilitator_code"]),),
        )
        conn.execute("DELETE FROM meta WHERE key = 'facilitator_code'")
    current = int(meta.get("round", "1"))
    opened = meta.get("created_at", now())
    conn.executemany(
        "INSERT OR IGNORE INTO round (number, opened_at) VALUES (?, ?)",
        [(n, opened) for n in range(1, current + 1)],
    )
    conn.execute("DELETE FROM meta WHERE key = 'round'")


APPLICATION_ID = 0x4F505753
"""`PRAGMA application_id` of a workshop store ("OPWS"), so other SQLite files are refused."""


def now() -> str:
    """UTC time stamp with milliseconds, ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def text_hash(text: str) -> str:
    return sha256(text.encode("utf-8")).hexdigest()


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "metadata as key-value pairs; submissions with weights as JSON",
        (
            f"PRAGMA application_id = {APPLICATION_ID}",
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE submission ("
            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " participant TEXT NOT NULL,"
            " round INTEGER NOT NULL,"
            " weights TEXT NOT NULL,"
            " submitted_at TEXT NOT NULL)",
        ),
    ),
    Migration(
        2,
        "participants with a stable number; seat and note on submissions; rounds; "
        "released events; scenario hash; facilitator code stored hashed",
        (
            "ALTER TABLE submission ADD COLUMN seat TEXT",
            "ALTER TABLE submission ADD COLUMN note TEXT NOT NULL DEFAULT ''",
            "CREATE TABLE participant ("
            " number INTEGER PRIMARY KEY AUTOINCREMENT,"
            " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
            " joined_at TEXT NOT NULL)",
            "INSERT OR IGNORE INTO participant (name, joined_at)"
            " SELECT participant, MIN(submitted_at) FROM submission"
            " GROUP BY participant ORDER BY MIN(id)",
            "UPDATE submission SET participant ="
            " (SELECT name FROM participant WHERE participant.name = submission.participant)",
            "CREATE TABLE round (number INTEGER PRIMARY KEY, opened_at TEXT NOT NULL)",
            "CREATE TABLE released_event ("
            " position INTEGER PRIMARY KEY AUTOINCREMENT,"
            " event_id TEXT NOT NULL UNIQUE,"
            " round INTEGER NOT NULL,"
            " released_at TEXT NOT NULL)",
            "CREATE INDEX submission_by_round ON submission (round, participant, id)",
        ),
        _v2_data,
    ),
    Migration(
        3,
        "rounds as records: the round from which each released event is in force; "
        "each closed round's results as shown, stored when it closes; forecasts; "
        "released injects of an exercise plan",
        (
            "ALTER TABLE released_event ADD COLUMN in_force_from INTEGER",
            "UPDATE released_event SET in_force_from = round",
            "CREATE TABLE round_record ("
            " round INTEGER PRIMARY KEY,"
            " recorded_at TEXT NOT NULL,"
            " results TEXT NOT NULL)",
            "CREATE TABLE forecast ("
            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " participant TEXT NOT NULL,"
            " seat TEXT,"
            " question TEXT NOT NULL,"
            " probability REAL NOT NULL,"
            " given_at TEXT NOT NULL)",
            "CREATE TABLE released_inject ("
            " inject_id TEXT PRIMARY KEY,"
            " released_at TEXT NOT NULL,"
            " minute REAL)",
        ),
    ),
    Migration(
        4,
        "a hash of each participant's personal code; facilitator rows sealed "
        "(a migrated store is sealed by the next facilitator action)",
        ("ALTER TABLE participant ADD COLUMN secret_hash TEXT",),
    ),
    Migration(
        5,
        "the seal covers the exercise too: released injects, closed rounds' records and "
        "forecasts (a store sealed before keeps its seal until the next facilitator action)",
        (),
    ),
)
