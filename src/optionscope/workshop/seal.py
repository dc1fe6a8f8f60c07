"""The seal over the rows only the facilitator changes.

An HMAC-SHA256 (`codes.seal`) under the workshop's key, derived from the
facilitator code (`codes.derive_key`), over canonical JSON of the metadata
(the scenario with its outcome and SHA-256, the codes' check values, anonymity,
the reveal), the rounds and the released events. It is stored in `meta` under
`SEAL_KEY` and renewed in the transaction of every facilitator action.
Submissions and participants are not sealed: participants make them without
the facilitator code.
"""

from __future__ import annotations

import hmac
import json
import sqlite3

from optionscope.workshop.codes import seal

SEAL_KEY = "seal"
"""The `meta` key holding the seal; every other metadata key is sealed."""


def seal_payload(conn: sqlite3.Connection) -> bytes:
    """The rows only the facilitator changes, as canonical JSON (what the seal covers).

    Whole rows (`SELECT *`): a column a later schema adds is sealed too.
    """
    meta = conn.execute("SELECT key, value FROM meta WHERE key != ? ORDER BY key", (SEAL_KEY,))
    rounds = conn.execute("SELECT * FROM round ORDER BY number")
    events = conn.execute("SELECT * FROM released_event ORDER BY position")
    doc = {
        "meta": [list(r) for r in meta.fetchall()],
        "rounds": [list(r) for r in rounds.fetchall()],
        "released_events": [list(r) for r in events.fetchall()],
    }
    return json.dumps(doc, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode()


def seal_rows(conn: sqlite3.Connection, key: bytes) -> None:
    """Seal the rows as they are now, inside the caller's write transaction."""
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        (SEAL_KEY, seal(key, seal_payload(conn))),
    )


def seal_matches(conn: sqlite3.Connection, key: bytes) -> bool | None:
    """Does the stored seal match the rows under this key? None when there is no seal."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (SEAL_KEY,)).fetchone()
    if row is None:
        return None
    return hmac.compare_digest(str(row[0]), seal(key, seal_payload(conn)))
