"""What the reveal closes, which event a facilitator's release takes, and from which
round it is in force.

Read within the store's write transactions (`WorkshopStore`), so that two facilitators
releasing at the same moment release two events, or one twice refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Sequence

from optionscope.io.errors import InputError

OVER = "the outcome has been revealed: the exercise is over"
"""How every change refused after the reveal begins."""
ONLY_NEWS_AFTER = (
    " and releases only the news dated after the outcome now, for the debrief: '{event}' is "
    "dated before it"
)
NO_NEWS_AFTER = " and every event dated after the outcome has been released"
NO_MORE_INJECTS = " and releases no more injects (its record stays as it was at the reveal)"


def refuse_after_reveal(conn: sqlite3.Connection, store: str, detail: str) -> None:
    """Refuse a change once the outcome is revealed: the record of the exercise is final."""
    if conn.execute("SELECT 1 FROM meta WHERE key = 'revealed_at'").fetchone():
        raise InputError.at(store, OVER + detail)


def next_release(
    conn: sqlite3.Connection,
    store: str,
    event_ids: Sequence[str],
    event_id: str | None,
    news_after: Collection[str],
) -> tuple[str, int, int]:
    """The event to release (`event_id`, or the first of `event_ids` not yet released), the
    current round and the round it is in force from: the current one if nobody has
    weighed in it yet, else the next.

    Once the outcome is revealed, only the events in `news_after` (those dated after the
    outcome, kept for the debrief) are released: in force from a round that never opens,
    they change no result, and every other event is refused."""
    revealed = conn.execute("SELECT 1 FROM meta WHERE key = 'revealed_at'").fetchone()
    if revealed and event_id is not None and event_id not in news_after:
        raise InputError.at(store, OVER + ONLY_NEWS_AFTER.format(event=event_id))
    released = {str(r[0]) for r in conn.execute("SELECT event_id FROM released_event").fetchall()}
    if event_id is None and revealed:
        waiting = [e for e in event_ids if e not in released and e in news_after]
        if not waiting:
            raise InputError.at(store, OVER + NO_NEWS_AFTER)
        event_id = waiting[0]
    elif event_id is None:
        waiting = [e for e in event_ids if e not in released]
        if not waiting:
            raise InputError.at(
                "workshop event",
                f"all {len(event_ids)} events of the scenario have been released"
                if event_ids
                else "the scenario has no events",
            )
        event_id = waiting[0]
    elif event_id in released:
        raise InputError.at("--id", f"event '{event_id}' has been released already")
    current = int(conn.execute("SELECT MAX(number) FROM round").fetchone()[0])
    weighed = conn.execute(
        "SELECT 1 FROM submission WHERE round = ? LIMIT 1", (current,)
    ).fetchone()
    in_force_from = current + 1 if weighed or revealed else current  # revealed: none
    return event_id, current, in_force_from
