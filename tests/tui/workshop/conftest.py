"""Fixtures for the workshop screens: a fresh workshop store and an app on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from workshop_pilot import POLL, MakeApp, make_workshop

from optionscope.tui.workshop import create_workshop_app
from optionscope.tui.workshop.app import WorkshopApp
from optionscope.workshop.session import Created


@pytest.fixture
def made(tmp_path: Path) -> Iterator[Created]:
    created = make_workshop(tmp_path)
    yield created
    created.workshop.close()


@pytest.fixture
def made_anonymous(tmp_path: Path) -> Iterator[Created]:
    created = make_workshop(tmp_path, anonymous=True)
    yield created
    created.workshop.close()


@pytest.fixture
def make_app() -> MakeApp:
    """`make_app(created, role="join")`: the app on the workshop's store, polling fast."""

    def make(created: Created, **settings: Any) -> WorkshopApp:
        settings.setdefault("poll_seconds", POLL)
        settings.setdefault("blink", False)
        return create_workshop_app(created.workshop.path, **settings)

    return make
