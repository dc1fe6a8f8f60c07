"""Who may do what: participants prove who they are, the facilitator's rows are sealed.

An impostor holds the join code (it is read out to the room) and may know
other people's names. They must not replace anyone's submission, learn which
names took part in an anonymous workshop, or get a forged store past the
facilitator's `status` and `reveal`.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from _workshop_support import (
    COMMUTERS,
    SAFETY_FIRST,
    SCENARIO,
    TREASURER,
    make_version_1_store,
)
from click.testing import CliRunner, Result

from optionscope.cli.workshop import workshop
from optionscope.io.errors import InputError
from optionscope.workshop import codes
from optionscope.workshop.results import results_json
from optionscope.workshop.seal import sealed_value
from optionscope.workshop.session import Created, Workshop


def run(*args: str) -> Result:
    return CliRunner().invoke(workshop, list(args), catch_exceptions=False)


@pytest.fixture
def anonymous(tmp_path: Path) -> Created:
    return Workshop.create(tmp_path / "anon.db", str(SCENARIO), "Blind", anonymous=True)


# Personal codes ------------------------------------------------------------------------


def test_an_impostor_typing_a_name_that_took_part_cannot_replace_its_submission(
    ws: Workshop,
) -> None:
    ws.submit("Ann", TREASURER, note="mine")
    with pytest.raises(InputError, match="the name 'ann' is taken"):
        ws.submit("ann", SAFETY_FIRST, note="forged")
    with pytest.raises(InputError, match="personal code does not belong to anyone"):
        ws.submit("Ann", SAFETY_FIRST, personal_code="ABCD-EFGH-JKLM-NPQR")
    (counted,) = ws.results().submissions
    assert (counted.participant, counted.note) == ("Ann", "mine")
    assert len(ws.store.all_submissions()) == 1


def test_only_the_personal_code_given_on_first_submission_replaces_it(ws: Workshop) -> None:
    first = ws.submit("Ann", TREASURER)
    bo = ws.submit("Bo", COMMUTERS)
    assert first.personal_code and bo.personal_code and first.personal_code != bo.personal_code
    assert codes.is_well_formed(first.personal_code, codes.PERSONAL_GROUPS)
    # Bo's code is Bo's: typed with another name, it is refused, as a forecast refuses it
    with pytest.raises(InputError, match="that personal code is not Ann's; give your own"):
        ws.submit("Ann", SAFETY_FIRST, personal_code=bo.personal_code)
    assert len(ws.store.all_submissions()) == 2
    again = ws.submit("Ann", SAFETY_FIRST, personal_code=first.personal_code.lower())
    assert again.participant == "Ann" and again.replaced


def test_the_store_keeps_only_a_hash_of_each_personal_code(ws: Workshop) -> None:
    code = ws.submit("Ann", TREASURER).personal_code
    assert code is not None
    ws.close()
    raw = b"".join(p.read_bytes() for p in ws.path.parent.glob("ws.db*"))
    assert code.encode() not in raw and codes.canonical(code).encode() not in raw
    conn = sqlite3.connect(ws.path)
    try:
        (stored,) = conn.execute("SELECT secret_hash FROM participant").fetchone()
    finally:
        conn.close()
    assert stored == codes.personal_hash(code)


def test_an_anonymous_workshop_does_not_tell_an_impostor_that_a_name_took_part(
    anonymous: Created,
) -> None:
    ws = anonymous.workshop
    ws.submit("Zoe", TREASURER, note="Zoe's")
    taken = ws.submit("Zoe", SAFETY_FIRST, note="impostor")  # no refusal to learn from
    fresh = ws.submit("Yann", COMMUTERS, note="new")
    assert not taken.replaced and taken.personal_code is not None
    assert (taken.replaced, taken.personal_code is None) == (fresh.replaced, False)
    shown = results_json(ws.results())
    assert [p["note"] for p in shown["participants"]] == ["Zoe's", "impostor", "new"]
    assert [p["participant"] for p in shown["participants"]] == [
        *("Participant 1", "Participant 2", "Participant 3")
    ]
    assert "Zoe" not in json.dumps(shown).replace("Zoe's", "")
    # the facilitator sees two people: the first Zoe, and a newcomer who typed her name
    assert [p.name for p in ws.store.participants()] == ["Zoe", "Zoe (2)", "Yann"]


def test_submit_in_an_anonymous_workshop_prints_the_same_for_a_taken_and_a_new_name(
    anonymous: Created, weights_file: Callable[..., Path]
) -> None:
    db, path = str(anonymous.workshop.path), str(weights_file(TREASURER))
    anonymous.workshop.close()
    run("submit", "--db", db, "--participant", "Zoe", "--weights", path)
    taken = run("submit", "--db", db, "--participant", "Zoe", "--weights", path)
    fresh = run("submit", "--db", db, "--participant", "Yann", "--weights", path)
    assert taken.exit_code == fresh.exit_code == 0

    def shape(out: str, name: str) -> str:
        return re.sub(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", "CODE", out.replace(name, "NAME"))

    assert shape(taken.stdout, "Zoe") == shape(fresh.stdout, "Yann")
    assert "(2)" not in taken.stdout


def test_submitting_again_from_the_command_line_needs_the_personal_code(
    made: Created, weights_file: Callable[..., Path]
) -> None:
    db, path = str(made.workshop.path), str(weights_file(TREASURER))
    made.workshop.close()
    assert run("submit", "--db", db, "--participant", "Ann", "--weights", path).exit_code == 0
    again = run("submit", "--db", db, "--participant", "Ann", "--weights", path)
    assert again.exit_code == 2
    assert "the name 'Ann' is taken" in again.stderr
    wrong = run(
        *("submit", "--db", db, "--participant", "Ann", "--weights", path),
        *("--personal-code", "ABCD"),
    )
    assert wrong.exit_code == 2 and "a personal code has 16 letters and digits" in wrong.stderr


# The export ---------------------------------------------------------------------------


def test_the_export_needs_the_facilitator_code(anonymous: Created) -> None:
    ws = anonymous.workshop
    ws.submit("Zoe", TREASURER)
    db = str(ws.path)
    ws.close()
    without = run("export", "--db", db)
    assert without.exit_code == 2 and "Zoe" not in without.stdout
    assert "Missing option '--code'" in without.stderr
    wrong = run("export", "--db", db, "--code", "ABCD-EFGH-JKLM")
    assert wrong.exit_code == 2 and "Zoe" not in wrong.stdout
    assert "wrong facilitator code" in wrong.stderr
    right = run("export", "--db", db, "--code", anonymous.facilitator_code)
    assert right.exit_code == 0
    assert json.loads(right.stdout)["participants"][0]["name"] == "Zoe"
    assert "secret" not in right.stdout


# The file ------------------------------------------------------------------------------


def test_the_store_is_readable_and_writable_by_its_owner_only(made: Created) -> None:
    made.workshop.submit("Ann", TREASURER)  # the write-ahead log and shared memory exist now
    files = sorted(made.workshop.path.parent.glob("ws.db*"))
    assert [f.name for f in files] == ["ws.db", "ws.db-shm", "ws.db-wal"]
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f.name


# The seal -------------------------------------------------------------------------------


def _forge(db: Path, *, facilitator_code: str | None, outcome: str, reseal: bool) -> None:
    """Change the store as someone with write access to the file would.

    Replace the stored outcome and recompute the scenario's checksum; with
    `facilitator_code`, also put that code's check value in place of the real
    one; with `reseal`, seal the result with the key of that code.
    """
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        text = meta["scenario_yaml"]
        assert "text: " in text.split("outcome:", 1)[1]
        head, tail = text.split("outcome:", 1)
        tail = re.sub(r"text: .*", f"text: {outcome}", tail, count=1)
        forged = head + "outcome:" + tail
        sets = {
            "scenario_yaml": forged,
            "scenario_sha256": hashlib.sha256(forged.encode("utf-8")).hexdigest(),
        }
        key = None
        if facilitator_code is not None:
            sets["facilitator_hash"], key = codes.new_facilitator_check(facilitator_code)
        for k, v in sets.items():
            conn.execute("UPDATE meta SET value = ? WHERE key = ?", (v, k))
        if reseal and key is not None:
            conn.execute(
                "UPDATE meta SET value = ? WHERE key = 'seal'",
                (sealed_value(conn, key),),
            )
    finally:
        conn.close()


FORGED = "The council chose the forged road."


@pytest.mark.parametrize(
    "attacker_code",
    [None, "ZZZZ-YYYY-XXXX"],
    ids=["outcome replaced", "outcome and facilitator check replaced, resealed"],
)
def test_a_forged_outcome_is_refused_at_status_and_reveal(
    made: Created, attacker_code: str | None
) -> None:
    made.workshop.submit("Ann", TREASURER)
    db = made.workshop.path
    made.workshop.close()
    _forge(db, facilitator_code=attacker_code, outcome=FORGED, reseal=True)
    code = made.facilitator_code
    for command in (["status", "--code", code], ["reveal", "--code", code]):
        done = run(command[0], "--db", str(db), *command[1:])
        assert done.exit_code == 2, (command, done.output)
        assert "forged" not in done.stdout
        assert "the store was altered" in done.stderr
    with Workshop.open(db) as ws:
        assert not ws.revealed()


def test_rows_added_behind_the_facilitators_back_break_the_seal(made: Created) -> None:
    db = made.workshop.path
    made.workshop.close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(
        "INSERT INTO released_event (event_id, round, released_at) VALUES ('fuel', 1, 'x')"
    )
    conn.execute("INSERT INTO meta (key, value) VALUES ('revealed_at', 'x')")
    conn.close()
    done = run("status", "--db", str(db), "--code", made.facilitator_code)
    assert done.exit_code == 2 and "the store was altered" in done.stderr


def test_a_store_without_its_seal_is_refused(made: Created) -> None:
    db = made.workshop.path
    made.workshop.close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DELETE FROM meta WHERE key = 'seal'")
    conn.close()
    with Workshop.open(db) as ws, pytest.raises(InputError, match="the store was altered"):
        ws.reveal(made.facilitator_code)


def test_facilitator_actions_keep_the_seal_and_submissions_do_not_need_it(made: Created) -> None:
    ws, code = made.workshop, made.facilitator_code
    ws.submit("Ann", TREASURER)
    ws.release_event(code)
    ws.submit("Bo", COMMUTERS)
    ws.next_round(code)
    ws.reveal(code)
    ws.check_code(code)  # still sealed
    done = run("status", "--db", str(ws.path), "--code", code)
    assert done.exit_code == 0
    assert re.search(r"^seal\s+checked$", done.stdout, re.MULTILINE)
    plain_status = run("status", "--db", str(ws.path))
    assert re.search(r"^seal\s+not checked", plain_status.stdout, re.MULTILINE)


def test_the_facilitator_code_is_kept_as_a_check_made_with_a_derived_key(made: Created) -> None:
    stored = made.workshop.store.meta()["facilitator_hash"]
    assert stored.startswith("scrypt$")
    assert codes.key_if_matches(made.facilitator_code, stored) is not None
    assert codes.key_if_matches("ZZZZ-YYYY-XXXX", stored) is None


def test_an_older_store_is_sealed_by_the_first_facilitator_action_and_checked_after(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    code = "KKKK-MMMM-NNNN"
    make_version_1_store(path, code)
    with Workshop.open(path) as ws:
        assert not ws.store.meta()["facilitator_hash"].startswith("scrypt$")
        ws.check_code(code)  # the first check with the right code seals the store
        assert ws.store.meta()["facilitator_hash"].startswith("scrypt$")
        assert ws.store.seal_matches(codes.derive_key(code, _salt(ws))) is True
    backup = tmp_path / "old.db.schema-v1.bak"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    _forge(path, facilitator_code=None, outcome=FORGED, reseal=False)
    done = run("reveal", "--db", str(path), "--code", code)
    assert done.exit_code == 2 and "the store was altered" in done.stderr


def _salt(ws: Workshop) -> str:
    return ws.store.meta()["facilitator_hash"].split("$")[1]
