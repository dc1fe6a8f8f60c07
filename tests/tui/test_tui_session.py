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


def test_undo_and_redo_walk_back_and_forth_through_weight_changes(session: Session) -> None:
    start = dict(session.weights)
    session.set_weight("cost", 50)
    after_first = dict(session.weights)
    session.step_weight("safety", 5)
    assert session.undo() == "weight of Safety"
    assert session.weights == after_first
    assert session.undo() == "weight of Cost"
    assert session.weights == start
    assert session.current == rank(session.scenario, start)
    assert session.undo() is None
    assert session.redo() == "weight of Cost"
    assert session.weights == after_first
    assert session.current == rank(session.scenario, after_first)


def test_a_change_after_an_undo_forgets_what_was_undone(session: Session) -> None:
    session.set_weight("cost", 50)
    session.undo()
    session.set_weight("speed", 10)
    assert not session.can_redo
    assert session.redo() is None


def test_a_refused_or_unchanged_weight_leaves_nothing_to_undo(session: Session) -> None:
    session.set_weight_text("cost", "lots")
    session.set_weight("cost", session.weights["cost"])
    assert not session.can_undo


def test_what_if_edits_and_their_reset_are_undone_with_the_ranking(session: Session) -> None:
    session.set_override("none", "safety", 10)
    edited = session.current
    session.reset_overrides()
    assert session.undo() == "undo of every what-if edit"
    assert session.overrides == {("none", "safety"): 10}
    assert session.current == edited
    assert session.undo() == "what-if on Do nothing, Safety"
    assert session.overrides == {}
    assert session.current == rank(session.scenario, session.weights)


def test_a_profile_or_a_reset_is_undone_with_its_label(session: Session) -> None:
    session.apply_profile("treasurer")
    assert session.undo() == "profile Treasurer"
    assert session.weights_label == "equal weights"
    assert session.profile is None


def test_resetting_what_ifs_when_there_are_none_is_not_a_change(session: Session) -> None:
    session.reset_overrides()
    assert not session.can_undo


def test_unsaved_work_names_changed_weights_and_what_ifs(session: Session) -> None:
    assert session.unsaved_work() == []
    session.apply_profile("treasurer")
    assert session.unsaved_work() == []  # a profile can be applied again at any time
    session.step_weight("cost", 1)
    session.set_override("none", "safety", 10)
    assert session.unsaved_work() == ["changed weights", "1 what-if edit"]
    session.mark_saved(weights=True)
    assert session.unsaved_work() == ["1 what-if edit"]
    session.mark_saved(overrides=True)
    assert session.unsaved_work() == []
    session.undo()
    assert session.unsaved_work() == []  # back at the saved weights, no what-if
