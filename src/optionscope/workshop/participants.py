"""Participants' names in a workshop store: compared case-folded, kept as first typed.

Names compare in compatibility form with full case folding (`name_key`: SQLite's NOCASE
folds ASCII only) and runs of spaces as one, so "Ölz" and "ölz" are one participant, and
so are "ann" and the full-width "\uff21\uff2e\uff2e" that looks like it, and "Ann Lee"
and "Ann  Lee". In an anonymous workshop a name already taken is given a free variant,
"Name (2)", rather than refused: a refusal would tell that the name took part.
"""

from __future__ import annotations

import re
import sqlite3

from optionscope.io.errors import InputError
from optionscope.model.fields import name_key as name_key
from optionscope.workshop.schema import now

NOT_YOURS = "that personal code is not {name}'s; give your own"
"""A personal code given with someone else's name (it names its holder by itself)."""


def check_holder(typed: str, holder: str) -> None:
    """Refuse a personal code held by someone other than the participant named `typed`
    (`holder` is its holder's stored name, perhaps a variant, "Bea (2)")."""
    if name_key(typed) not in {name_key(holder), name_key(name_as_typed(holder))}:
        raise InputError.at("--personal-code", NOT_YOURS.format(name=typed))


def participant_name(conn: sqlite3.Connection, participant: str) -> str:
    """The participant's stored name, registering a newcomer (names compare case-folded)."""
    key = name_key(participant)
    known = conn.execute("SELECT name FROM participant").fetchall()
    found = [str(nm) for (nm,) in known if name_key(str(nm)) == key]
    if found:
        return found[0]
    conn.execute("INSERT INTO participant (name, joined_at) VALUES (?, ?)", (participant, now()))
    return participant


_VARIANT = re.compile(r" \(\d+\)$")


def name_as_typed(stored: str) -> str:
    """A stored name without the variant suffix `free_name` may have added ("Bea (2)" -> "Bea")."""
    return _VARIANT.sub("", stored)


def unclaimed(conn: sqlite3.Connection, wanted: str) -> tuple[int, str] | None:
    """(number, name) of a participant of that name with no personal code and no submission."""
    rows = conn.execute(
        "SELECT number, name FROM participant WHERE secret_hash IS NULL"
        " AND name NOT IN (SELECT participant FROM submission)"
    ).fetchall()
    key = name_key(wanted)
    return next(((int(n), str(nm)) for n, nm in rows if name_key(str(nm)) == key), None)


def free_name(conn: sqlite3.Connection, wanted: str, rename_taken: bool) -> str:
    """`wanted` if nobody has it (full case folding: SQLite's NOCASE folds ASCII only)."""
    taken = {name_key(str(r[0])) for r in conn.execute("SELECT name FROM participant")}
    if name_key(wanted) not in taken:
        return wanted
    if not rename_taken:
        raise InputError.at(
            "--participant",
            f"the name '{wanted}' is taken in this workshop (names are shown to everyone "
            "here); choose another name, or give the personal code its holder received",
        )
    n = 2
    while name_key(f"{wanted} ({n})") in taken:
        n += 1
    return f"{wanted} ({n})"


def submitting_participant(
    conn: sqlite3.Connection,
    participant: str,
    secret: str | None,
    new_secret: str,
    rename_taken: bool,
    stamp: str,
) -> tuple[int, str, bool]:
    """(number, stored name, whether registered now) of who submits: the holder of the
    personal code hashed as `secret`, else `participant`, given `new_secret` (see
    `WorkshopStore.add_submission`)."""
    if secret is not None:
        found = conn.execute(
            "SELECT number, name FROM participant WHERE secret_hash = ?", (secret,)
        ).fetchone()
        if found is None:
            raise InputError.at(
                "--personal-code",
                "that personal code does not belong to anyone in this workshop; "
                "check it, or take part without one under a name of your own",
            )
        check_holder(participant, str(found[1]))
        return int(found[0]), str(found[1]), False
    waiting = unclaimed(conn, participant)
    if waiting is not None:
        # registered by the file owner's `workshop forecast`, never weighed: the
        # first submission under that name gets its personal code
        conn.execute(
            "UPDATE participant SET secret_hash = ? WHERE number = ?", (new_secret, waiting[0])
        )
        return waiting[0], waiting[1], True
    name = free_name(conn, participant, rename_taken)
    cursor = conn.execute(
        "INSERT INTO participant (name, joined_at, secret_hash) VALUES (?, ?, ?)",
        (name, stamp, new_secret),
    )
    return int(cursor.lastrowid or 0), name, True
