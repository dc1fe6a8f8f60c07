"""The workshop store's file: made new (never over another), opened, upgraded.

A new store is created with `O_EXCL`, so an existing file is never overwritten, and
given mode 0600 whatever the umask (SQLite gives its -wal and -shm files the same
mode). An older schema is upgraded in the caller's write transaction, after a copy
of the file as it was is kept next to it (`copy_before_migrating`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from optionscope.io.errors import InputError
from optionscope.workshop.schema import APPLICATION_ID, MIGRATIONS

STORE_MODE = 0o600
"""The store's file mode: its owner only."""


def new_store_file(target: Path) -> None:
    """Create the empty file of a new store; refuse a directory, an existing file, or
    the -wal and -shm files an earlier store of that name left."""
    if target.is_dir():
        raise InputError.at(str(target), "is a directory; name a file for the workshop store")
    for suffix in ("-wal", "-shm"):
        if Path(f"{target}{suffix}").exists():
            raise InputError.at(
                f"{target}{suffix}",
                "is left over from an earlier store of that name; remove it or choose another name",
            )
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, STORE_MODE)
    except FileExistsError:
        raise InputError.at(
            str(target), "exists already; a new workshop never overwrites a file"
        ) from None
    except OSError as err:
        raise InputError.at(str(target), f"cannot create: {err.strerror or err}") from None
    try:
        os.fchmod(fd, STORE_MODE)  # whatever the umask: SQLite gives -wal and -shm this mode
    finally:
        os.close(fd)


DAMAGED = (
    "the workshop store is damaged ({reason}); nothing was done: restore a copy of the "
    "file if there is one, or make a new workshop with `optionscope workshop new`"
)
"""What every command that reads or writes a damaged store says (a file SQLite finds
malformed: a disk fault, a copy made while it was written, an edit by hand)."""


def damaged_error(path: Path, err: sqlite3.DatabaseError) -> InputError:
    return InputError.at(str(path), DAMAGED.format(reason=err))


def _is_damage(err: sqlite3.DatabaseError) -> bool:
    code = getattr(err, "sqlite_errorcode", None)
    return code is not None and code & 0xFF == sqlite3.SQLITE_CORRUPT


def unreadable_error(path: Path, err: sqlite3.DatabaseError) -> InputError:
    """What opening a file SQLite cannot read is told: damaged, if its header still
    carries the workshop store's application id (a truncated store), else not a store."""
    try:
        with path.open("rb") as f:
            header = f.read(72)
    except OSError:
        header = b""
    marked = header[:16] == b"SQLite format 3\x00" and header[68:72] == APPLICATION_ID.to_bytes(
        4, "big"
    )
    if marked and _is_damage(err):
        return damaged_error(path, err)
    return InputError.at(str(path), f"is not a workshop store ({err})")


class StoreCursor(sqlite3.Cursor):
    """A cursor whose reads and writes say that a damaged store is damaged (an
    `InputError`) instead of raising SQLite's error: each row is read as it is
    fetched, so fetching can meet a damaged page as well as executing."""

    connection: StoreConnection

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as err:
            damaged = self.connection.damaged_at
            if damaged is None or not _is_damage(err):
                raise
            raise damaged_error(damaged, err) from None

    def execute(self, *args: Any) -> StoreCursor:
        with self._guard():
            return super().execute(*args)

    def executemany(self, *args: Any) -> StoreCursor:
        with self._guard():
            return super().executemany(*args)

    def fetchone(self) -> Any:
        with self._guard():
            return super().fetchone()

    def fetchmany(self, *args: Any) -> list[Any]:
        with self._guard():
            return super().fetchmany(*args)

    def fetchall(self) -> list[Any]:
        with self._guard():
            return super().fetchall()

    def __next__(self) -> Any:
        with self._guard():
            return super().__next__()


EMPTY = "the file is empty: not a workshop store; make one with `optionscope workshop new`"
"""What opening an empty file as a store is told (SQLite would read it as a blank
database, and the store as "an SQLite file": it is neither)."""


class StoreConnection(sqlite3.Connection):
    """The store's connection: every statement it executes runs on a `StoreCursor`.

    `damaged_at` is the store's path once the file is known to be a workshop store
    (before that, a malformed file is "not a workshop store").
    """

    damaged_at: Path | None = None

    def execute(self, *args: Any) -> StoreCursor:
        return self.cursor(StoreCursor).execute(*args)

    def executemany(self, *args: Any) -> StoreCursor:
        return self.cursor(StoreCursor).executemany(*args)


def connect(path: Path, timeout: float) -> StoreConnection:
    """A connection in autocommit mode (transactions are explicit); never creates a file."""
    uri = path.resolve().as_uri() + "?mode=rw"
    conn = sqlite3.connect(
        uri, uri=True, timeout=timeout, isolation_level=None, factory=StoreConnection
    )
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def use_wal(conn: sqlite3.Connection, path: Path) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise InputError.at(str(path), f"cannot use WAL journaling (got {mode})")


def copy_before_migrating(path: Path, version: int) -> None:
    """Keep the store as it was before migration; an earlier copy is never overwritten."""
    copy = Path(f"{path}.schema-v{version}.bak")
    try:
        os.close(os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, STORE_MODE))
    except FileExistsError:
        return
    # A second connection reads the unmigrated store while the caller's holds the
    # write lock (readers are not blocked in WAL mode).
    source = sqlite3.connect(path)
    try:
        with sqlite3.connect(copy) as dest:
            source.backup(dest)
        dest.close()
    except BaseException as err:
        copy.unlink(missing_ok=True)  # no half copy that a later open would trust
        if not isinstance(err, sqlite3.Error | OSError):
            raise
        raise InputError.at(
            str(path),
            f"cannot keep a copy before upgrading the store ({err}); it is left "
            f"as it was: make room next to it and open it again",
        ) from None
    finally:
        source.close()


def apply_migrations(conn: sqlite3.Connection) -> None:
    """Run the missing steps inside the caller's write transaction."""
    # read under the write lock: another process may have migrated meanwhile
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for step in MIGRATIONS[version:]:
        for statement in step.statements:
            conn.execute(statement)
        if step.then is not None:
            step.then(conn)
        conn.execute(f"PRAGMA user_version = {int(step.version)}")


def busy_error(path: Path, err: sqlite3.OperationalError) -> InputError:
    """What a writer is told when the store stays locked, or refuses the write."""
    if "locked" in str(err) or "busy" in str(err):
        return InputError.at(
            str(path),
            "the workshop store is busy: another process has been writing to it for "
            "longer than the time-out; try again",
        )
    return InputError.at(str(path), f"cannot write to the workshop store: {err}")


def newer_schema_error(path: Path, version: int, readable: int) -> InputError:
    """What opening a store made by a newer optionscope is told."""
    return InputError.at(
        str(path),
        f"was made by a newer optionscope (schema {version}; this one reads up to {readable}); "
        "upgrade optionscope",
    )
