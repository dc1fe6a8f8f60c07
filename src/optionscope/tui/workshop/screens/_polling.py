"""What both workshop screens share: reading the store in a thread, acting on it in a thread."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.worker import get_current_worker

from optionscope.io.errors import InputError
from optionscope.tui.workshop._state import Snapshot, WorkshopInfo, connect, message
from optionscope.workshop.session import Workshop

if TYPE_CHECKING:
    from optionscope.tui.workshop.app import WorkshopApp


class PollingScreen(Screen[None]):
    """A screen that shows a `Snapshot` of the store and reads a new one every few seconds.

    Reads and writes run in worker threads, each on its own connection, so a busy
    store (a writer holds the lock for up to `BUSY_TIMEOUT`) never freezes the UI.
    """

    def __init__(self, info: WorkshopInfo) -> None:
        super().__init__()
        self.info = info
        self.snapshot: Snapshot | None = None
        self.polls = 0
        """Reads of the store shown so far (tests wait on it)."""
        self.actions = 0
        """Facilitator actions finished so far, done or refused (tests wait on it)."""
        self.trouble: str | None = None
        """Why the last read failed, if it did."""

    @property
    def wapp(self) -> WorkshopApp:
        from optionscope.tui.workshop.app import WorkshopApp

        assert isinstance(self.app, WorkshopApp)
        return self.app

    def on_mount(self) -> None:
        """Start polling (Textual calls this after a subclass's own `on_mount`)."""
        self.poll()
        self.set_interval(self.wapp.poll_seconds, self.poll, name="poll the workshop store")

    # Reading -----------------------------------------------------------------------

    def read(self) -> Snapshot:
        """Read the store (runs in a worker thread)."""
        raise NotImplementedError

    def show(self, snap: Snapshot, changed: bool) -> None:
        """Show a snapshot (on the UI thread); `changed` is False when nothing shown changed."""
        raise NotImplementedError

    def poll(self) -> None:
        """Read the store now, in a thread; the newest read replaces any still running."""

        def work() -> None:
            try:
                snap = self.read()
            except (InputError, sqlite3.Error, OSError) as err:
                text = message(err) if isinstance(err, InputError) else str(err)
                self.app.call_from_thread(self._failed, text)
                return
            if not get_current_worker().is_cancelled:  # a newer read is on its way
                self.app.call_from_thread(self._received, snap)

        self.run_worker(work, thread=True, exclusive=True, group="poll", exit_on_error=False)

    def _received(self, snap: Snapshot) -> None:
        old = self.snapshot
        self.snapshot = snap
        recovered = self.trouble is not None
        self.trouble = None
        changed = recovered or old is None or old.fingerprint != snap.fingerprint
        self.show(snap, changed)
        self.polls += 1

    def _failed(self, text: str) -> None:
        if self.trouble != text:
            self.notify(f"Cannot read the workshop store: {text}", severity="error", markup=False)
        self.trouble = text
        self.polls += 1

    # Writing -----------------------------------------------------------------------

    def act(
        self, action: Callable[[Workshop], str], after: Callable[[], None] | None = None
    ) -> None:
        """Run a change through `Workshop` in a thread; report it, then read the store again."""

        def work() -> None:
            try:
                with connect(self.info) as ws:
                    done = action(ws)
            except InputError as err:
                self.app.call_from_thread(self._refused, message(err))
                return
            except (sqlite3.Error, OSError) as err:
                self.app.call_from_thread(self._refused, f"The workshop store failed: {err}")
                return
            self.app.call_from_thread(self._acted, done, after)

        self.run_worker(work, thread=True, group="action", exit_on_error=False)

    def _refused(self, text: str) -> None:
        self.actions += 1
        self.notify(text, severity="error", markup=False)

    def _acted(self, text: str, after: Callable[[], None] | None) -> None:
        self.actions += 1
        self.notify(text, markup=False)
        if after is not None:
            after()
        self.poll()
