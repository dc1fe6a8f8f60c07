"""Fixtures for workshop tests: a scenario with events and an outcome, and a fresh workshop."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from _workshop_support import SCENARIO

from optionscope.workshop.session import Created, Workshop


@pytest.fixture
def scenario_path() -> Path:
    return SCENARIO


@pytest.fixture
def made(tmp_path: Path) -> Iterator[Created]:
    created = Workshop.create(tmp_path / "ws.db", str(SCENARIO), "Roads drill")
    yield created
    created.workshop.close()


@pytest.fixture
def ws(made: Created) -> Workshop:
    return made.workshop


@pytest.fixture
def weights_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a weights file: `weights_file({"cost": 1}, note="...")` -> its path."""
    counter = iter(range(10_000))

    def write(weights: object, **extra: object) -> Path:
        path = tmp_path / f"weights-{next(counter)}.yaml"
        path.write_text(yaml.safe_dump({**extra, "weights": weights}), encoding="utf-8")
        return path

    return write
