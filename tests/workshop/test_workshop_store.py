"""The workshop store: one SQLite file, WAL, a versioned schema migrated without loss."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from _workshop_support import SCENARIO, TREASURER, make_version_1_store

from optionscope.io.errors import InputError
from optionscope.workshop import codes
from optionscope.workshop.results import export_json
from optionscope.workshop.session import Created, Workshop
from optionscope.workshop.store import APPLICATION_ID, SCHEMA_VERSION, WorkshopStore


def test_a_new_store_uses_wal_and_the_current_schema(made: Created) -> None:
    path = made.workshop.path
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        conn.close()


def test_the_store_keeps_the_scenario_text_and_its_hash(made: Created) -> None:
    meta = made.workshop.store.meta()
    text = SCENARIO.read_text(encoding="utf-8")
    assert meta["scenario_yaml"] == text
    assert len(meta["scenario_sha256"]) == 64


def test_a_workshop_opens_without_its_scenario_file(tmp_path: Path) -> None:
    copy = tmp_path / "scenario.yaml"
    copy.write_text(SCENARIO.read_text(encoding="utf-8"), encoding="utf-8")
    Workshop.create(tmp_path / "ws.db", str(copy), "Drill").workshop.close()
    copy.unlink()
    with Workshop.open(tmp_path / "ws.db") as ws:
        assert ws.scenario.id == "tiny-events"


def test_the_facilitator_code_is_stored_only_as_a_salted_hash(made: Created) -> None:
    raw = made.workshop.path.read_bytes()
    assert codes.canonical(made.facilitator_code).encode() not in raw
    assert made.facilitator_code.encode() not in raw


def test_a_new_workshop_never_overwrites_a_file(tmp_path: Path) -> None:
    existing = tmp_path / "notes.db"
    existing.write_text("precious", encoding="utf-8")
    with pytest.raises(InputError, match="exists already"):
        Workshop.create(existing, str(SCENARIO), "Drill")
    assert existing.read_text(encoding="utf-8") == "precious"


def test_a_new_workshop_is_not_made_over_a_leftover_write_ahead_log(tmp_path: Path) -> None:
    (tmp_path / "ws.db-wal").write_bytes(b"stale")
    with pytest.raises(InputError, match="left over from an earlier store"):
        Workshop.create(tmp_path / "ws.db", str(SCENARIO), "Drill")
    assert not (tmp_path / "ws.db").exists()


def test_opening_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such workshop store; make one with"):
        Workshop.open(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "text.db"
    path.write_text("this is not a database\n" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="is not a workshop store"):
        Workshop.open(path)


def test_an_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(InputError, match="not a workshop store"):
        Workshop.open(path)
    assert path.read_bytes() == before  # not even switched to WAL


def test_an_empty_file_is_not_a_workshop_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(InputError, match="not a workshop store"):
        Workshop.open(path)
    assert path.stat().st_size == 0


def test_a_store_from_a_newer_optionscope_is_refused_untouched(made: Created) -> None:
    path = made.workshop.path
    made.workshop.close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(InputError, match="newer optionscope"):
        Workshop.open(path)


def test_a_store_whose_scenario_was_altered_is_refused(made: Created) -> None:
    path = made.workshop.path
    made.workshop.close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE meta SET value = replace(value, 'North road', 'Norht road')"
            " WHERE key = 'scenario_yaml'"
        )
    conn.close()
    with pytest.raises(InputError, match="does not match its SHA-256"):
        Workshop.open(path)


# Migration from the version-1 layout ----------------------------------------------


def test_a_version_1_store_is_migrated_and_nothing_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    code = "KKKK-MMMM-NNNN"
    make_version_1_store(path, code)

    with Workshop.open(path) as ws:
        assert ws.store.schema_version == SCHEMA_VERSION
        history = ws.store.all_submissions()
        assert [(s.participant, s.round) for s in history] == [
            ("Ann", 1),
            ("Bo", 1),
            ("Ann", 1),
            ("Bo", 2),
        ]
        assert history[2].weights == {"cost": 50, "safety": 30, "speed": 20}
        assert [p.name for p in ws.store.participants()] == ["Ann", "Bo"]
        assert ws.store.current_round() == 2
        assert ws.name == "Old drill"
        ws.check_code(code)  # the old plain code still works, now checked against a hash
        round1 = ws.results(1)
        assert [s.weights["cost"] for s in round1.submissions] == [50, 10]  # latest counts
        assert "facilitator_code" not in ws.store.meta()
        assert ws.store.integrity_check() == "ok"
        ws.submit("Cy", TREASURER)  # and it takes new submissions in the current round
        assert export_json(ws)["submissions"][-1]["round"] == 2


def test_a_migration_keeps_a_backup_of_the_older_file(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_version_1_store(path, "KKKK-MMMM-NNNN")
    Workshop.open(path).close()
    backup = tmp_path / "old.db.schema-v1.bak"
    assert backup.exists()
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT COUNT(*) FROM submission").fetchone()[0] == 4
    finally:
        conn.close()


def test_a_failed_migration_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from optionscope.workshop import schema as schema_module
    from optionscope.workshop import store_file as store_module

    path = tmp_path / "old.db"
    make_version_1_store(path, "KKKK-MMMM-NNNN")

    def explode(conn: sqlite3.Connection) -> None:
        raise RuntimeError("power cut in the middle of a migration")

    broken = tuple(
        m
        if m.version != 2
        else schema_module.Migration(m.version, m.description, m.statements, explode)
        for m in store_module.MIGRATIONS
    )
    monkeypatch.setattr(store_module, "MIGRATIONS", broken)
    with pytest.raises(RuntimeError):
        WorkshopStore.open(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = [r[1] for r in conn.execute("PRAGMA table_info(submission)")]
        assert "seat" not in columns
        assert conn.execute("SELECT COUNT(*) FROM submission").fetchone()[0] == 4
    finally:
        conn.close()
    monkeypatch.undo()
    with Workshop.open(path) as ws:  # and a later, working, version migrates it
        assert len(ws.store.all_submissions()) == 4


def test_an_empty_file_is_called_empty_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(InputError) as exc:
        Workshop.open(path)
    [p] = exc.value.problems
    assert p.file == str(path)
    assert p.message == (
        "the file is empty: not a workshop store; make one with `optionscope workshop new`"
    )
    assert "SQLite" not in p.message
    assert path.stat().st_size == 0
    assert sorted(tmp_path.iterdir()) == [path]  # no -wal, -shm or -journal left
