"""The head-to-head comparison: per-criterion winners and exact flip weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optionscope.analysis.head_to_head import crossing, head_to_head, rescaled
from optionscope.analysis.value import rank_wsm, value_matrix, weight_vector
from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Scenario
from optionscope.present.head_to_head import flip_text, head_to_head_sentence

LABELS = {"north": "North road", "south": "South road", "none": "Do nothing"}

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.yaml"


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return load_scenario(TINY)


def test_the_scores_match_the_ranking(tiny: Scenario) -> None:
    weights = {"cost": 60, "safety": 20, "speed": 20}
    result = head_to_head(tiny, weights, "north", "south")
    ranking = rank_wsm(tiny, weights)
    assert result.score_a == pytest.approx(ranking.by_option("north").score)
    assert result.score_b == pytest.approx(ranking.by_option("south").score)
    assert result.leader == "south"


def test_weighted_differences_add_up_to_the_margin(tiny: Scenario) -> None:
    result = head_to_head(tiny, {"cost": 1, "safety": 2, "speed": 3}, "north", "none")
    total = sum(d.weighted_difference for d in result.duels)
    assert total == pytest.approx(result.margin)


def test_each_criterion_names_the_option_that_does_better(tiny: Scenario) -> None:
    result = head_to_head(tiny, {"cost": 1, "safety": 1, "speed": 1}, "north", "south")
    winners = {d.criterion: d.winner for d in result.duels}
    assert winners == {"cost": "south", "safety": "south", "speed": "north"}


def test_at_the_flip_weight_the_two_options_tie(tiny: Scenario) -> None:
    weights = {"cost": 60, "safety": 20, "speed": 20}
    result = head_to_head(tiny, weights, "north", "south")
    speed = next(d for d in result.duels if d.criterion == "speed")
    assert speed.flip_weight is not None
    assert speed.flip_direction == "above"
    w = weight_vector(tiny, weights)
    v = value_matrix(tiny)
    j = tiny.criterion_ids.index("speed")
    at = rescaled(w, j, speed.flip_weight)
    diff = v[0] @ at - v[1] @ at
    assert diff == pytest.approx(0.0, abs=1e-9)
    beyond = rescaled(w, j, speed.flip_weight + 0.01)
    assert v[0] @ beyond > v[1] @ beyond  # north, trailing, now wins


def test_a_criterion_on_which_the_leader_is_better_never_flips_the_result(
    tiny: Scenario,
) -> None:
    result = head_to_head(tiny, {"cost": 60, "safety": 20, "speed": 20}, "north", "south")
    safety = next(d for d in result.duels if d.criterion == "safety")
    assert safety.flip_weight is None
    assert flip_text(safety, result, LABELS) == "never"


def test_options_that_tie_have_no_leader_and_no_flip(tiny: Scenario) -> None:
    result = head_to_head(tiny, {"cost": 1, "safety": 1, "speed": 1}, "north", "north")
    assert result.leader is None
    assert all(d.flip_weight is None for d in result.duels)
    assert "tie" in head_to_head_sentence(result, LABELS)


def test_the_sentence_names_the_leader_and_the_nearest_flip(tiny: Scenario) -> None:
    result = head_to_head(tiny, {"cost": 60, "safety": 20, "speed": 20}, "north", "south")
    text = head_to_head_sentence(result, LABELS)
    assert text.startswith("South road leads North road by")
    assert "Travel time saved" in text


def test_a_tied_pair_says_it_is_tied_and_what_breaks_the_tie(tiny: Scenario) -> None:
    # Finding 5: head to head of a tied pair read "flips at: never" for every criterion.
    # north and south both score 60 with equal weights (test_value.py).
    result = head_to_head(tiny, {"cost": 1, "safety": 1, "speed": 1}, "north", "south")
    assert result.leader is None
    texts = {d.criterion: flip_text(d, result, LABELS) for d in result.duels}
    assert "never" not in texts.values()
    assert texts["speed"] == "tied; more: North road"
    assert texts["safety"] == "tied; more: South road"
    sentence = head_to_head_sentence(result, LABELS)
    assert sentence.startswith("North road and South road tie at 60.0; more weight on ")


def test_an_unknown_option_is_refused(tiny: Scenario) -> None:
    with pytest.raises(ValueError, match="unknown option"):
        head_to_head(tiny, {"cost": 1}, "north", "west")


def test_a_difference_independent_of_the_weight_has_no_crossing() -> None:
    c = crossing(np.array([0.5, 0.5]), np.array([10.0, 10.0]), 0)
    assert c.weight is None


def test_a_criterion_with_all_the_weight_uses_equal_shares_for_the_others() -> None:
    c = crossing(np.array([1.0, 0.0, 0.0]), np.array([10.0, -20.0, -20.0]), 0)
    # D(t) = -20 + t * 30: zero at t = 2/3
    assert c.weight == pytest.approx(2 / 3)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(0.01, 10), min_size=2, max_size=6).flatmap(
        lambda w: st.tuples(
            st.just(w),
            st.lists(st.floats(-100, 100), min_size=len(w), max_size=len(w)),
            st.integers(0, len(w) - 1),
        )
    )
)
def test_the_crossing_is_exact_for_any_weights_and_differences(
    case: tuple[list[float], list[float], int],
) -> None:
    raw, diffs, j = case
    w = np.array(raw) / sum(raw)
    d = np.array(diffs)
    c = crossing(w, d, j)
    if c.weight is None or not 0 <= c.weight <= 1:
        return
    at = rescaled(w, j, c.weight)
    assert at.sum() == pytest.approx(1.0)
    assert float(at @ d) == pytest.approx(0.0, abs=1e-6 * (1 + np.abs(d).max()))
