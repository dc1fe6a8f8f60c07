"""What workshop tests share: the scenario, some weights, and the worker processes.

The workers run in spawned processes, so they live in a plain module that a
child can import (the parent's `sys.path` is passed on by `spawn`).
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
SCENARIO = DATA / "tiny-events.yaml"

OPWS = 0x4F505753
"""The store's application id, written out as the version-1 code wrote it."""

TREASURER = {"cost": 60, "safety": 20, "speed": 20}
COMMUTERS = {"cost": 10, "safety": 30, "speed": 60}
SAFETY_FIRST = {"cost": 20, "safety": 70, "speed": 10}


def weights_for(i: int) -> dict[str, float]:
    """Distinct, recognisable weights for the i-th write."""
    return {"cost": float(i % 97 + 1), "safety": float(i // 97 + 1), "speed": 3.0}


def submit_at_barrier(db: str, participant: str, barrier: Any, results: Any) -> None:
    """Open the workshop, wait for every other process, then submit once."""
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        barrier.wait(timeout=300)
        row = ws.submit(participant, COMMUTERS, note=f"from {participant}")
        results.put((participant, row.id))


def submit_forever(db: str, participant: str, written: Any) -> None:
    """Submit again and again; `written` counts the submissions committed so far.

    `written` must be a lock-free shared int (`Value("i", 0, lock=False)`): this
    process is killed at a random moment, and one killed while holding a shared
    lock never releases it, so the parent reading the count would wait forever."""
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        i = 0
        code = None
        while True:
            row = ws.submit(participant, weights_for(i), note=f"attempt {i}", personal_code=code)
            code = code or row.personal_code
            i += 1
            written.value = i  # one aligned int, one writer: no lock (see below)


def hold_write_lock(db: str, seconds: float, ready: Any) -> None:
    """Take the store's write lock and keep it for a while."""
    import sqlite3

    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    ready.set()
    time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()


def open_and_count(db: str, barrier: Any, results: Any) -> None:
    """Open (and so migrate) the store at the same moment as others; report what it holds."""
    from optionscope.workshop.store import WorkshopStore

    barrier.wait(timeout=300)
    try:
        with WorkshopStore.open(db) as store:
            results.put((store.schema_version, len(store.all_submissions())))
    except BaseException as err:  # reported, so the test shows it instead of waiting
        results.put(("failed", repr(err)))
        raise


def make_version_1_store(path: Path, facilitator_code: str) -> None:
    """A store as optionscope wrote it at schema version 1 (literal SQL of that layout)."""
    conn = sqlite3.connect(path)
    conn.executescript(
        f"""
        PRAGMA journal_mode = WAL;
        PRAGMA application_id = {OPWS};
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE submission (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            participant TEXT NOT NULL,
            round INTEGER NOT NULL,
            weights TEXT NOT NULL,
            submitted_at TEXT NOT NULL);
        PRAGMA user_version = 1;
        """
    )
    meta = {
        "name": "Old drill",
        "scenario_yaml": SCENARIO.read_text(encoding="utf-8"),
        "scenario_id": "tiny-events",
        "join_code": "ABCD-EFGH",
        "facilitator_code": facilitator_code,
        "anonymous": "0",
        "round": "2",
        "created_at": "2024-01-01T09:00:00.000+00:00",
    }
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    rows = [
        ("Ann", 1, {"cost": 60, "safety": 20, "speed": 20}, "2024-01-01T09:05:00"),
        ("Bo", 1, {"cost": 10, "safety": 30, "speed": 60}, "2024-01-01T09:06:00"),
        ("Ann", 1, {"cost": 50, "safety": 30, "speed": 20}, "2024-01-01T09:07:00"),
        ("Bo", 2, {"cost": 20, "safety": 70, "speed": 10}, "2024-01-01T10:00:00"),
    ]
    conn.executemany(
        "INSERT INTO submission (participant, round, weights, submitted_at) VALUES (?, ?, ?, ?)",
        [(p, r, json.dumps(w), t) for p, r, w, t in rows],
    )
    conn.commit()
    conn.close()
