"""The exercise is sealed too: released injects, closed rounds' records and forecasts.

Someone with write access to the store's file edits one of those tables
directly; the next check of the seal (`export`, `status --code`, any facilitator
action) must refuse the store. What participants write between two facilitator
actions (a forecast, a round's record taken late) must not look like an
alteration.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from _workshop_support import DATA, TREASURER
from click.testing import CliRunner, Result

from optionscope.cli.workshop import workshop
from optionscope.io.errors import InputError
from optionscope.workshop import codes
from optionscope.workshop.exercise import attach, release_inject, start_clock
from optionscope.workshop.forecasts import give_forecast
from optionscope.workshop.records import round_as_shown
from optionscope.workshop.seal import SEAL_KEY, SEALED_FORECASTS, SEALED_RECORDS, _canonical
from optionscope.workshop.seal import _format_1 as format_1_rows
from optionscope.workshop.session import Created, Workshop

PLAN = DATA / "tiny-events-drill.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(workshop, list(args), catch_exceptions=False)


def drill(made: Created) -> str:
    """A plan, a forecast, an inject that resolves it, a closed round, a seat-only inject.

    Returns Ann's personal code.
    """
    ws, code = made.workshop, made.facilitator_code
    attach(ws, code, PLAN.read_text(encoding="utf-8"), str(PLAN))
    start_clock(ws, code)
    ann = ws.submit("Ann", TREASURER, seat="treasurer").personal_code
    assert ann is not None
    give_forecast(ws, "Ann", "flood-soon", 0.7, personal_code=ann, seat="treasurer")
    release_inject(ws, code)  # rain: releases the flood, which resolves the forecast
    ws.next_round(code)  # round 1 closes: its record is kept
    release_inject(ws, code, "memo")
    return ann


def _edit(db: Path, statement: str) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        before = conn.total_changes
        conn.execute(statement)
        assert conn.total_changes > before, statement  # the edit changed something
    finally:
        conn.close()


EDITS = {
    "inject's minute changed": "UPDATE released_inject SET minute = 40 WHERE inject_id = 'memo'",
    "inject removed": "DELETE FROM released_inject WHERE inject_id = 'rain'",
    "inject added": "INSERT INTO released_inject VALUES ('spare', '2026-01-01T00:00:00', 1)",
    "round record changed": "UPDATE round_record SET results = replace(results, 'Ann', 'Eve')",
    "round record removed": "DELETE FROM round_record WHERE round = 1",
    "forecast changed": "UPDATE forecast SET probability = 1.0",
    "forecast removed": "DELETE FROM forecast",
    "forecast moved to another seat": "UPDATE forecast SET seat = 'commuters'",
}


@pytest.mark.parametrize("statement", EDITS.values(), ids=EDITS.keys())
def test_an_exercise_row_edited_in_the_file_breaks_the_seal(made: Created, statement: str) -> None:
    drill(made)
    db, code = made.workshop.path, made.facilitator_code
    made.workshop.close()
    assert run("export", "--db", str(db), "--code", code).exit_code == 0  # sealed as it is
    _edit(db, statement)
    for command in ("export", "status", "reveal"):
        done = run(command, "--db", str(db), "--code", code)
        assert done.exit_code == 2, (command, done.output)
        assert "the store was altered" in done.stderr
        assert "Traceback" not in done.stderr
    with Workshop.open(db) as ws:
        assert not ws.revealed()


def test_the_after_action_report_with_the_code_refuses_an_altered_record(
    made: Created, tmp_path: Path
) -> None:
    drill(made)
    made.workshop.reveal(made.facilitator_code)
    db, code = made.workshop.path, made.facilitator_code
    made.workshop.close()
    report = tmp_path / "aar.md"
    assert run("aar", "--db", str(db), "--code", code, "-o", str(report)).exit_code == 0
    report.unlink()
    _edit(db, "UPDATE round_record SET results = replace(results, 'Ann', 'Eve')")
    done = run("aar", "--db", str(db), "--code", code, "-o", str(report))
    assert done.exit_code == 2 and "the store was altered" in done.stderr
    assert not report.exists()  # nothing written from an altered store


def test_a_forecast_slipped_in_after_the_reveal_breaks_the_seal(made: Created) -> None:
    drill(made)
    made.workshop.reveal(made.facilitator_code)
    db, code = made.workshop.path, made.facilitator_code
    made.workshop.close()
    assert run("export", "--db", str(db), "--code", code).exit_code == 0
    _edit(
        db,
        "INSERT INTO forecast (participant, seat, question, probability, given_at)"
        " VALUES ('Ann', 'treasurer', 'north-chosen', 0.0, '2026-01-01T00:00:00')",
    )
    done = run("export", "--db", str(db), "--code", code)
    assert done.exit_code == 2 and "the store was altered" in done.stderr


def test_what_participants_write_between_facilitator_actions_keeps_the_seal(
    made: Created,
) -> None:
    ws, code = made.workshop, made.facilitator_code
    ann = drill(made)
    give_forecast(ws, "Ann", "north-chosen", 0.2, personal_code=ann)  # after the last seal
    ws.check_code(code)
    ws.release_event(code, "grant")  # seals that forecast
    ws.store.open_round(key=ws.check_code(code))  # round 2 closes; a crash before its record
    assert ws.store.round_record(2) is None
    round_as_shown(ws, 2)  # the next reader keeps it, without the facilitator code
    assert ws.store.round_record(2) is not None
    ws.check_code(code)
    ws.reveal(code)  # keeps round 3's record; seals them all
    ws.check_code(code)
    meta = ws.store.meta()
    assert meta[SEALED_FORECASTS] == "2" and meta[SEALED_RECORDS] == "3"
    _edit(ws.path, "UPDATE forecast SET probability = 0.9 WHERE question = 'north-chosen'")
    with pytest.raises(InputError, match="the store was altered"):
        ws.check_code(code)


def test_a_store_sealed_before_the_exercise_was_sealed_opens_and_is_resealed(
    made: Created,
) -> None:
    """A schema-4 store: its seal covered metadata, rounds and events only."""
    drill(made)
    db, code = made.workshop.path, made.facilitator_code
    key = made.workshop.check_code(code)
    made.workshop.close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DELETE FROM meta WHERE key IN (?, ?)", (SEALED_FORECASTS, SEALED_RECORDS))
    conn.execute(
        "UPDATE meta SET value = ? WHERE key = ?",
        (codes.seal(key, _canonical(format_1_rows(conn))), SEAL_KEY),
    )
    conn.execute("PRAGMA user_version = 4")
    conn.close()

    assert run("status", "--db", str(db), "--code", code).exit_code == 0  # opens, seal checked
    assert Path(f"{db}.schema-v4.bak").exists()
    with Workshop.open(db) as ws:
        assert ws.store.schema_version == 5
        assert not ws.store.meta()[SEAL_KEY].startswith("2$")  # not renewed by a read
        ws.release_event(code, "grant")  # the first facilitator action renews it
        assert ws.store.meta()[SEAL_KEY].startswith("2$")
    _edit(db, "UPDATE forecast SET probability = 0.1")
    done = run("export", "--db", str(db), "--code", code)
    assert done.exit_code == 2 and "the store was altered" in done.stderr
