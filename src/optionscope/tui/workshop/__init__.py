"""The workshop in the terminal and the browser: join, weigh, submit; the facilitator's dashboard.

`run_workshop_app(db, role)` runs it; `create_workshop_app(db, **settings)` builds it
(tests drive it with `run_test`). Importing this package does not load textual.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from optionscope.tui.workshop.app import WorkshopApp


def create_workshop_app(db: str | Path, **settings: object) -> WorkshopApp:
    from optionscope.tui.workshop.app import create_workshop_app as _create

    return _create(db, **settings)


def run_workshop_app(db: str | Path, role: Literal["join", "facilitate", "project"]) -> None:
    from optionscope.tui.workshop.app import run_workshop_app as _run

    _run(db, role)


__all__ = ["create_workshop_app", "run_workshop_app"]
