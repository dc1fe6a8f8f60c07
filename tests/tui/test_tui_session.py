"""The session behind the screens: typed weights are parsed once, for every screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from optionscope.analysis.ranking import rank
from optionscope.io.scenario_files import load_scenario
from optionscope.tui._session import Session

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.yaml"


@pytest.fixture
def session() -> Session:
    return Session(load_scenario(TINY))


@pytest.mark.parametrize("typed", ["30", " 30 ", "30%", "30.0"])
def test_a_typed_weight_is_set_and_the_ranking_follows(session: Session, typed: str) -> None:
    assert session.set_weight_text("cost", typed) is None
    assert session.weights["cost"] == 30
    assert session.current == rank(session.scenario, session.weights)


def test_a_typed_word_is_refused_with_what_was_typed(session: Session) -> None:
    before = dict(session.weights)
    assert session.set_weight_text("cost", "lots") == "'lots' is not a number."
    assert session.weights == before


def test_a_negative_or_all_zero_weight_is_refused(session: Session) -> None:
    assert session.set_weight_text("cost", "-1") is not None
    session.set_weight_text("safety", "0")
    session.set_weight_text("speed", "0")
    assert session.set_weight_text("cost", "0") is not None
    assert session.weights["cost"] > 0
