"""The store under stress: concurrent writers, killed processes, hostile input, a busy lock."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from _workshop_support import (
    COMMUTERS,
    TREASURER,
    hold_write_lock,
    make_version_1_store,
    open_and_count,
    submit_at_barrier,
    submit_forever,
    weights_for,
)

from optionscope.io.errors import InputError
from optionscope.workshop.session import Created, Workshop
from optionscope.workshop.store import SCHEMA_VERSION

SPAWN = multiprocessing.get_context("spawn")


# Concurrent writers --------------------------------------------------------------


def test_24_processes_submitting_at_the_same_moment_are_each_recorded_exactly_once(
    made: Created,
) -> None:
    db = str(made.workshop.path)
    n = 24
    barrier = SPAWN.Barrier(n)
    results = SPAWN.Queue()
    workers = [
        SPAWN.Process(target=submit_at_barrier, args=(db, f"team-{i:02d}", barrier, results))
        for i in range(n)
    ]
    for w in workers:
        w.start()
    reported = [results.get(timeout=600) for _ in range(n)]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0

    with Workshop.open(db) as ws:
        history = ws.store.all_submissions()
        assert sorted(s.participant for s in history) == [f"team-{i:02d}" for i in range(n)]
        assert sorted(s.id for s in history) == sorted(ident for _, ident in reported)
        assert len({s.id for s in history}) == n
        assert sorted(p.number for p in ws.store.participants()) == list(range(1, n + 1))
        assert all(s.note == f"from {s.participant}" for s in history)
        assert ws.store.integrity_check() == "ok"


def test_processes_opening_an_old_store_at_once_migrate_it_once(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    make_version_1_store(db, "KKKK-MMMM-NNNN")
    n = 6
    barrier = SPAWN.Barrier(n)
    results = SPAWN.Queue()
    workers = [
        SPAWN.Process(target=open_and_count, args=(str(db), barrier, results)) for _ in range(n)
    ]
    for w in workers:
        w.start()
    seen = [results.get(timeout=600) for _ in range(n)]
    assert seen == [(SCHEMA_VERSION, 4)] * n
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    with Workshop.open(db) as ws:
        assert len(ws.store.participants()) == 2
        assert ws.store.integrity_check() == "ok"


def test_a_copy_made_by_another_process_at_the_same_moment_does_not_stop_the_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes opening an old store at once both try to keep its copy."""
    from optionscope.workshop import store_file as store_module

    db = tmp_path / "old.db"
    make_version_1_store(db, "KKKK-MMMM-NNNN")
    copy = Path(f"{db}.schema-v1.bak")
    real_open = os.open

    def another_process_got_there_first(path: str | os.PathLike[str], flags: int, *a: int) -> int:
        if Path(path) == copy and not copy.exists():
            copy.write_bytes(b"the other process's copy")
        return real_open(path, flags, *a)

    monkeypatch.setattr(store_module.os, "open", another_process_got_there_first)
    with Workshop.open(db) as ws:
        assert ws.store.schema_version == SCHEMA_VERSION
        assert len(ws.store.all_submissions()) == 4
    assert copy.read_bytes() == b"the other process's copy"  # never overwritten


def test_a_copy_that_fails_half_way_is_removed_and_the_store_left_unmigrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "old.db"
    make_version_1_store(db, "KKKK-MMMM-NNNN")
    copy = Path(f"{db}.schema-v1.bak")

    real_connect = sqlite3.connect

    def disk_full(path: object, *a: object, **kw: object) -> sqlite3.Connection:
        if Path(str(path)) == copy:
            raise sqlite3.OperationalError("database or disk is full")
        return real_connect(path, *a, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", disk_full)
    with pytest.raises(InputError, match="cannot keep a copy before upgrading"):
        Workshop.open(db)
    monkeypatch.undo()
    assert not copy.exists()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        conn.close()
    with Workshop.open(db) as ws:  # a later open copies and migrates
        assert ws.store.schema_version == SCHEMA_VERSION
    assert copy.exists()


# A process killed while writing ------------------------------------------------------


def check_consistent(db: str, written: dict[str, int]) -> None:
    """Integrity ok; each writer's committed submissions all there, in order, complete."""
    with Workshop.open(db) as ws:
        assert ws.store.integrity_check() == "ok"
        history = ws.store.all_submissions()
        for participant, committed in written.items():
            rows = [s for s in history if s.participant == participant]
            # the one in flight when killed is either wholly there or wholly absent
            assert committed <= len(rows) <= committed + 1
            for i, row in enumerate(rows):
                assert row.note == f"attempt {i}"
                assert row.weights == weights_for(i)
        conn = sqlite3.connect(db)
        try:
            orphans = conn.execute(
                "SELECT COUNT(*) FROM submission"
                " WHERE participant NOT IN (SELECT name FROM participant)"
            ).fetchone()[0]
            assert orphans == 0
            for (weights,) in conn.execute("SELECT weights FROM submission"):
                assert set(json.loads(weights)) == {"cost", "safety", "speed"}
        finally:
            conn.close()


def test_a_process_killed_while_writing_leaves_the_store_consistent(made: Created) -> None:
    db = str(made.workshop.path)
    made.workshop.close()
    written: dict[str, int] = {}
    for attempt, pause in enumerate((0.0, 0.013, 0.037)):
        name = f"writer-{attempt}"
        counter = SPAWN.Value("i", 0, lock=False)  # the writer is killed: no lock
        proc = SPAWN.Process(target=submit_forever, args=(db, name, counter))
        proc.start()
        deadline = time.monotonic() + 60
        while counter.value < 25 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert counter.value >= 25, "the writer never got going"
        time.sleep(pause)
        assert proc.pid is not None
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(timeout=30)
        assert proc.exitcode == -signal.SIGKILL
        written[name] = counter.value
        check_consistent(db, written)
    with Workshop.open(db) as ws:  # and the store goes on working
        assert ws.submit("after", TREASURER).id > 0


# Hostile or mistaken input ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "a participant name cannot be empty"),
        ("   \t ", "a participant name cannot be empty"),
        ("x" * 61, "at most 60 characters (this one has 61)"),
        ("bad\x1b[31mred", "control or invisible characters (found U+001B)"),
        ("new\nline", "control or invisible characters (found U+000A)"),
        ("zero\u200bwidth", "control or invisible characters (found U+200B)"),
        ("evil\u202eright-to-left", "control or invisible characters (found U+202E)"),
        ("nul\x00byte", "control or invisible characters (found U+0000)"),
        ("Participant 3", "how anonymous workshops label participants"),
    ],
)
def test_malformed_participant_names_are_refused(ws: Workshop, name: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        ws.submit(name, TREASURER)
    assert ws.store.all_submissions() == []


def test_names_in_other_scripts_and_with_accents_are_welcome(ws: Workshop) -> None:
    for name in ("Aïssata Maïga", "Ладо", "北京队", "O'Brien & Co <3"):
        assert ws.submit(name, TREASURER).participant == name


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"cost": 1, "safty": 2}, "unknown criterion 'safty' (did you mean 'safety'?)"),
        ({"cost": -1, "safety": 2}, "weight of 'cost' must be a non-negative number"),
        ({"cost": float("nan")}, "weight of 'cost' must be a non-negative number"),
        ({"cost": float("inf")}, "weight of 'cost' must be a non-negative number"),
        ({"cost": 0, "safety": 0}, "at least one weight must be positive"),
        ({}, "at least one weight must be positive"),
    ],
)
def test_malformed_weights_are_refused(
    ws: Workshop, weights: dict[str, float], message: str
) -> None:
    with pytest.raises(InputError) as err:
        ws.submit("Ann", weights)
    assert message in str(err.value)
    assert ws.store.all_submissions() == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("weights: [1, 2]\n", "weights"),
        ("cost: 3\n", "'weights' is required"),
        ("weights: {cost: lots}\n", "weights.cost"),
        ("weights: {cost: 1}\nweights: {cost: 2}\n", "duplicate"),
        ("- just\n- a list\n", "a weights file is a mapping"),
        ("weights: {cost: .nan}\n", "finite and non-negative"),
    ],
)
def test_malformed_weights_files_are_refused_with_a_location(
    ws: Workshop, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        ws.submit_file("Ann", path)
    assert str(path) in str(err.value) and message in str(err.value)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "a facilitator code has 12 letters and digits"),
        ("ABCD", "a facilitator code has 12 letters and digits"),
        ("ABCD-EFGH-IJKL", "a facilitator code has no 'I'"),  # I is not used
        ("ABCD-EFGH-JKLM-NPQR", "a facilitator code has 12 letters and digits"),
        ("ABCD-EFGH-JKLM", "wrong facilitator code"),
        ("ÄBCD-EFGH-JKLM", "a facilitator code has no 'Ä'"),
    ],
)
def test_malformed_or_wrong_codes_are_refused(made: Created, code: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        made.workshop.next_round(code)
    assert made.workshop.store.current_round() == 1


def test_the_join_code_is_not_a_facilitator_code(made: Created) -> None:
    with pytest.raises(InputError, match="a facilitator code has 12"):
        made.workshop.reveal(made.join_code)


def test_notes_that_are_too_long_or_hold_control_characters_are_refused(ws: Workshop) -> None:
    with pytest.raises(InputError, match="a note has at most 2000 characters"):
        ws.submit("Ann", TREASURER, note="x" * 2001)
    with pytest.raises(InputError, match="found U\\+001B"):
        ws.submit("Ann", TREASURER, note="\x1b]0;pwned\x07")
    assert ws.submit("Bo", TREASURER, note="Two lines:\n\tindented.").note.startswith("Two")


# A busy store --------------------------------------------------------------------------


def test_a_writer_waits_for_a_busy_store_and_then_succeeds(made: Created) -> None:
    db = str(made.workshop.path)
    ready = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(db, 0.5, ready))
    holder.start()
    ready.wait(10)
    started = time.monotonic()
    with Workshop.open(db, timeout=10) as ws:
        ws.submit("Ann", COMMUTERS)
    waited = time.monotonic() - started
    holder.join()
    assert waited >= 0.3
    assert [s.participant for s in made.workshop.store.all_submissions()] == ["Ann"]


def test_a_store_busy_for_longer_than_the_timeout_is_refused_clearly(made: Created) -> None:
    db = str(made.workshop.path)
    ready = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(db, 2.0, ready))
    holder.start()
    ready.wait(10)
    try:
        with (
            Workshop.open(db, timeout=0.2) as ws,
            pytest.raises(InputError, match="the workshop store is busy"),
        ):
            ws.submit("Ann", COMMUTERS)
    finally:
        holder.join()
    assert made.workshop.store.all_submissions() == []


def test_readers_are_not_blocked_by_a_writer(made: Created) -> None:
    db = str(made.workshop.path)
    made.workshop.submit("Ann", TREASURER)
    ready = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(db, 1.0, ready))
    holder.start()
    ready.wait(10)
    try:
        with Workshop.open(db, timeout=0.1) as ws:
            assert len(ws.results().submissions) == 1
    finally:
        holder.join()
