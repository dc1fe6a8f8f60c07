"""The seal over the rows only the facilitator changes, and the exercise's records.

An HMAC-SHA256 (`codes.seal`) under the workshop's key, derived from the
facilitator code (`codes.derive_key`), over canonical JSON of the metadata
(the scenario with its outcome and SHA-256, the codes' check values, anonymity,
the reveal, the exercise plan and its clock), the rounds, the released events,
the released injects, and the exercise's records: the closed rounds' results
as shown and the forecasts. It is stored in `meta` under `SEAL_KEY` and renewed
in the transaction of every facilitator action.

Records and forecasts are also written without the facilitator code (a
participant's forecast; a round's record taken on the first read after a
crash), so the seal covers those that existed when it was renewed: the
forecasts up to the id and the round records up to the round kept in `meta`
(`SEALED_FORECASTS`, `SEALED_RECORDS`, themselves sealed). A forecast is
closed when its question resolves, which only a facilitator action does, so
every scored forecast is sealed; after the reveal no forecast is taken, so a
forecast beyond the sealed ones is refused as an alteration. Submissions and
participants are not sealed: participants make them without the facilitator
code.

A seal written before schema 5 covered the metadata, rounds and released
events only (`FORMAT_1`); it is checked on those until the next facilitator
action renews it in the current form (`FORMAT_2`, stored as `2$<hex>`).
"""

from __future__ import annotations

import hmac
import json
import sqlite3

from optionscope.workshop.codes import seal

SEAL_KEY = "seal"
"""The `meta` key holding the seal; every other metadata key is sealed."""

SEALED_FORECASTS = "sealed_forecasts_to"
"""`meta` key: the highest forecast id the seal covers."""

SEALED_RECORDS = "sealed_round_records_to"
"""`meta` key: the highest round whose stored record the seal covers."""

FORMAT_2 = "2"
"""The seal's prefix (`2$<hex>`) from schema 5: exercise rows included."""


def _canonical(doc: object) -> bytes:
    return json.dumps(doc, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode()


def _format_1(conn: sqlite3.Connection) -> dict[str, list[list[object]]]:
    meta = conn.execute("SELECT key, value FROM meta WHERE key != ? ORDER BY key", (SEAL_KEY,))
    rounds = conn.execute("SELECT * FROM round ORDER BY number")
    events = conn.execute("SELECT * FROM released_event ORDER BY position")
    return {
        "meta": [list(r) for r in meta.fetchall()],
        "rounds": [list(r) for r in rounds.fetchall()],
        "released_events": [list(r) for r in events.fetchall()],
    }


def _mark(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
    try:
        return int(row[0]) if row is not None else 0
    except ValueError:
        return -1  # not a number this code wrote: nothing below it matches the seal


def seal_payload(conn: sqlite3.Connection) -> bytes:
    """What the seal covers, as canonical JSON.

    Whole rows (`SELECT *`): a column a later schema adds is sealed too.
    """
    doc: dict[str, object] = dict(_format_1(conn))
    injects = conn.execute("SELECT * FROM released_inject ORDER BY inject_id")
    records = conn.execute(
        "SELECT * FROM round_record WHERE round <= ? ORDER BY round",
        (_mark(conn, SEALED_RECORDS),),
    )
    forecasts = conn.execute(
        "SELECT * FROM forecast WHERE id <= ? ORDER BY id", (_mark(conn, SEALED_FORECASTS),)
    )
    doc["released_injects"] = [list(r) for r in injects.fetchall()]
    doc["round_records"] = [list(r) for r in records.fetchall()]
    doc["forecasts"] = [list(r) for r in forecasts.fetchall()]
    return _canonical(doc)


def sealed_value(conn: sqlite3.Connection, key: bytes) -> str:
    """The seal of the rows as they are now, in the current form (`2$<hex>`)."""
    return f"{FORMAT_2}${seal(key, seal_payload(conn))}"


def seal_rows(conn: sqlite3.Connection, key: bytes) -> None:
    """Seal the rows as they are now, inside the caller's write transaction.

    The records and forecasts written so far are brought under the seal.
    """
    top_forecast = conn.execute("SELECT COALESCE(MAX(id), 0) FROM forecast").fetchone()[0]
    top_record = conn.execute("SELECT COALESCE(MAX(round), 0) FROM round_record").fetchone()[0]
    conn.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [(SEALED_FORECASTS, str(int(top_forecast))), (SEALED_RECORDS, str(int(top_record)))],
    )
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        (SEAL_KEY, sealed_value(conn, key)),
    )


def seal_matches(conn: sqlite3.Connection, key: bytes) -> bool | None:
    """Does the stored seal match the rows under this key? None when there is no seal."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (SEAL_KEY,)).fetchone()
    if row is None:
        return None
    stored = str(row[0])
    prefix, sep, _ = stored.partition("$")
    if not sep:  # a seal written before schema 5: the rows it covered then
        return hmac.compare_digest(stored, seal(key, _canonical(_format_1(conn))))
    if prefix != FORMAT_2 or not hmac.compare_digest(stored, sealed_value(conn, key)):
        return False
    revealed = conn.execute("SELECT 1 FROM meta WHERE key = 'revealed_at'").fetchone()
    if revealed is not None:  # no forecast is taken after the reveal, which sealed them all
        late = conn.execute(
            "SELECT 1 FROM forecast WHERE id > ? LIMIT 1", (_mark(conn, SEALED_FORECASTS),)
        ).fetchone()
        return late is None
    return True
