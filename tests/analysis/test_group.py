"""Group aggregation: the group's weights, rankings, concordance and disagreement."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optionscope.analysis.group import (
    MINORITY_MARGIN,
    ParticipantWeights,
    analyse_group,
    apply_events,
    geometric_mean_weights,
    kendall_w,
    mid_ranks,
    summarise_weights,
)
from optionscope.analysis.value import rank_wsm
from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Effect, Event, Scenario

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.yaml"
TREASURER = {"cost": 60, "safety": 20, "speed": 20}
COMMUTERS = {"cost": 10, "safety": 30, "speed": 60}


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return load_scenario(TINY)


def event(*effects: Effect, ident: str = "e1") -> Event:
    return Event(
        id=ident,
        date="2024-06-01",
        title="An event",
        text="Something happened.",
        effects=list(effects),
    )


# Kendall's W -------------------------------------------------------------------


def test_kendall_w_matches_a_published_reference_example() -> None:
    # R package irr, kendall(ratings), as worked in dwoll/RExRepos "interRaterICC":
    # 6 subjects, 3 raters, no ties: W = 0.568, Chisq(5) = 8.52.
    # By hand: rank sums 4, 14, 15, 9, 13, 8 (mean 10.5), S = 89.5, W = 12 S / (9 * 210).
    ranks = np.array(
        [
            [1, 6, 3, 2, 5, 4],
            [1, 5, 6, 2, 4, 3],
            [2, 3, 6, 5, 4, 1],
        ],
        dtype=float,
    )
    w = kendall_w(ranks)
    assert w == pytest.approx(12 * 89.5 / 1890, abs=1e-12)
    assert round(w or 0.0, 3) == 0.568
    assert round(3 * 5 * (w or 0.0), 2) == 8.52  # the chi-square m (n - 1) W


def test_kendall_w_with_ties_matches_a_hand_computed_example() -> None:
    # Rank sums 4, 5.5, 9, 11.5 (mean 7.5): S = 12.25 + 4 + 2.25 + 16 = 34.5.
    # Two raters each tie a pair: sum T = 2 * (2^3 - 2) = 12.
    # W = 12 * 34.5 / (3^2 * (4^3 - 4) - 3 * 12) = 414 / 504.
    ranks = np.array([[1, 2.5, 2.5, 4], [1, 2, 3, 4], [2, 1, 3.5, 3.5]])
    assert kendall_w(ranks) == pytest.approx(414 / 504, abs=1e-12)


def test_kendall_w_is_one_when_everyone_agrees_and_zero_for_opposite_rankings() -> None:
    assert kendall_w(np.array([[1, 2, 3], [1, 2, 3], [1, 2, 3.0]])) == pytest.approx(1.0)
    assert kendall_w(np.array([[1, 2, 3], [3, 2, 1.0]])) == pytest.approx(0.0)


def test_kendall_w_is_undefined_for_one_rater_or_when_everything_is_tied() -> None:
    assert kendall_w(np.array([[1, 2, 3.0]])) is None
    assert kendall_w(np.array([[2, 2, 2.0], [2, 2, 2.0]])) is None
    assert kendall_w(np.array([[1.0], [1.0]])) is None


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=2, max_value=6).flatmap(
        lambda m: st.integers(min_value=3, max_value=7).flatmap(
            lambda n: st.lists(
                st.lists(st.integers(0, 3), min_size=n, max_size=n), min_size=m, max_size=m
            )
        )
    )
)
def test_kendall_w_agrees_with_the_tie_corrected_friedman_statistic(
    scores: list[list[int]],
) -> None:
    from scipy import stats

    matrix = np.array(scores, dtype=float)
    ranks = np.array([mid_ranks(row) for row in matrix])
    w = kendall_w(ranks)
    m, n = ranks.shape
    if w is None:
        assert all(len(set(row)) == 1 for row in scores)
        return
    # Friedman's chi-square (ranking within each rater) is m (n - 1) W.
    chi2 = stats.friedmanchisquare(*(-matrix).T).statistic
    assert w == pytest.approx(chi2 / (m * (n - 1)), rel=1e-9, abs=1e-12)


def test_mid_ranks_put_the_highest_score_first_and_share_tied_places() -> None:
    assert mid_ranks(np.array([5.0, 7.0, 7.0, 1.0])).tolist() == [3.0, 1.5, 1.5, 4.0]


# Group weights -------------------------------------------------------------------


def test_the_geometric_mean_is_renormalised_to_sum_one() -> None:
    geo = geometric_mean_weights(np.array([[0.5, 0.5], [0.8, 0.2]]))
    assert geo is not None
    assert geo.tolist() == pytest.approx([2 / 3, 1 / 3])


def test_a_criterion_anyone_weighs_zero_has_a_zero_geometric_mean() -> None:
    geo = geometric_mean_weights(np.array([[0.5, 0.5, 0.0], [0.2, 0.4, 0.4]]))
    assert geo is not None
    assert geo[2] == 0.0
    assert geo.sum() == pytest.approx(1.0)


def test_the_geometric_mean_is_undefined_when_every_criterion_has_a_zero() -> None:
    assert geometric_mean_weights(np.array([[1.0, 0.0], [0.0, 1.0]])) is None


def test_the_summary_gives_mean_median_and_interquartile_range_per_criterion() -> None:
    w = np.array([[0.1, 0.9], [0.2, 0.8], [0.3, 0.7], [0.4, 0.6]])
    summary = summarise_weights(w, ["a", "b"])
    assert summary.mean.tolist() == pytest.approx([0.25, 0.75])
    assert summary.median.tolist() == pytest.approx([0.25, 0.75])
    assert summary.q1.tolist() == pytest.approx([0.175, 0.675])
    assert summary.iqr.tolist() == pytest.approx([0.15, 0.15])
    assert summary.cv[0] == pytest.approx(np.std([0.1, 0.2, 0.3, 0.4]) / 0.25)


# Events -----------------------------------------------------------------------------


def test_an_effect_value_replaces_the_assessment_and_collapses_its_range(tiny: Scenario) -> None:
    changed = apply_events(tiny, [event(Effect(option="north", criterion="cost", value=30))])
    a = changed.assessments["north"]["cost"]
    assert (a.value, a.lower, a.upper) == (30, 30, 30)
    assert tiny.assessments["north"]["cost"].value == 60  # the original is untouched


def test_an_effect_delta_shifts_the_value_and_its_range(tiny: Scenario) -> None:
    changed = apply_events(tiny, [event(Effect(option="south", criterion="safety", delta=-3))])
    a = changed.assessments["south"]["safety"]
    assert (a.value, a.lower, a.upper) == (5, 4, 6)


def test_an_effect_on_option_star_changes_every_option(tiny: Scenario) -> None:
    changed = apply_events(tiny, [event(Effect(option="*", criterion="speed", delta=2))])
    assert [changed.assessments[o]["speed"].value for o in tiny.option_ids] == [12, 7, 2]


def test_events_apply_in_the_order_released(tiny: Scenario) -> None:
    first = event(Effect(option="north", criterion="cost", value=30), ident="a")
    second = event(Effect(option="north", criterion="cost", delta=5), ident="b")
    assert apply_events(tiny, [first, second]).assessments["north"]["cost"].value == 35
    assert apply_events(tiny, [second, first]).assessments["north"]["cost"].value == 30


# The whole round ------------------------------------------------------------------------


def test_the_group_ranking_uses_the_mean_of_the_normalised_weights(tiny: Scenario) -> None:
    result = analyse_group(
        tiny,
        [ParticipantWeights("ann", TREASURER), ParticipantWeights("bo", COMMUTERS)],
    )
    expected = rank_wsm(tiny, {"cost": 0.35, "safety": 0.25, "speed": 0.4})
    assert [r.option for r in result.group_ranking.ranking] == ["north", "south", "none"]
    assert [r.score for r in result.group_ranking.ranking] == pytest.approx(
        [r.score for r in expected.ranking]
    )
    assert result.group_ranking.weights["speed"] == pytest.approx(0.4)


def test_each_participant_gets_a_ranking_from_their_own_weights(tiny: Scenario) -> None:
    result = analyse_group(
        tiny, [ParticipantWeights("ann", TREASURER), ParticipantWeights("bo", COMMUTERS)]
    )
    ann, bo = result.participants
    assert ann.first_choice == ["none"]
    assert bo.first_choice == ["north"]
    assert ann.weights == pytest.approx({"cost": 0.6, "safety": 0.2, "speed": 0.2})


def test_a_participant_whose_first_choice_is_not_the_groups_is_a_minority_view_with_a_note(
    tiny: Scenario,
) -> None:
    result = analyse_group(
        tiny,
        [
            ParticipantWeights("ann", TREASURER, seat="treasurer", note="We cannot pay."),
            ParticipantWeights("bo", COMMUTERS),
            ParticipantWeights("cy", COMMUTERS),
        ],
    )
    assert result.group_first_choice == ["north"]
    assert [(m.participant, m.first_choice, m.note) for m in result.minority] == [
        ("ann", ["none"], "We cannot pay.")
    ]


def test_a_near_tie_is_not_a_minority_view(tiny: Scenario) -> None:
    # north beats south by 0.4 points for the 33/33/34 voters; "near" prefers south by
    # 0.8 points, "far" by 14: only "far" holds a view the group does not
    entries = [
        ParticipantWeights("a1", {"cost": 33, "safety": 33, "speed": 34}),
        ParticipantWeights("a2", {"cost": 33, "safety": 33, "speed": 34}),
        ParticipantWeights("near", {"cost": 34, "safety": 34, "speed": 32}),
        ParticipantWeights("strong", {"cost": 20, "safety": 20, "speed": 60}),
        ParticipantWeights("far", {"cost": 10, "safety": 80, "speed": 10}),
    ]
    result = analyse_group(tiny, entries)
    assert result.group_first_choice == ["north"]
    near = next(p for p in result.participants if p.participant == "near")
    assert near.first_choice == ["south"]
    assert [(m.participant, m.first_choice) for m in result.minority] == [("far", ["south"])]
    assert result.minority[0].margin == pytest.approx(14.0)


def test_movement_compares_each_round_as_it_was_ranked(tiny: Scenario) -> None:
    same = [ParticipantWeights("ann", {"cost": 20, "safety": 70, "speed": 10})]
    flood = event(Effect(option="south", criterion="safety", delta=-3))
    result = analyse_group(tiny, same, [flood], previous=same, previous_events=[])
    assert result.movement is not None
    (ann,) = result.movement.participants
    assert ann.shift == 0.0
    assert (ann.first_choice_before, ann.first_choice_after) == (["south"], ["north"])


def test_released_events_change_the_group_ranking(tiny: Scenario) -> None:
    entries = [ParticipantWeights("ann", TREASURER), ParticipantWeights("bo", COMMUTERS)]
    before = analyse_group(tiny, entries)
    windfall = event(Effect(option="south", criterion="speed", value=20))
    after = analyse_group(tiny, entries, [windfall])
    assert before.group_first_choice == ["north"]
    assert after.group_first_choice == ["south"]
    assert after.events == ["e1"]


def test_the_most_contested_criterion_has_the_widest_interquartile_range(tiny: Scenario) -> None:
    result = analyse_group(
        tiny,
        [
            ParticipantWeights("a", {"cost": 10, "safety": 45, "speed": 45}),
            ParticipantWeights("b", {"cost": 90, "safety": 5, "speed": 5}),
            ParticipantWeights("c", {"cost": 50, "safety": 25, "speed": 25}),
        ],
    )
    assert result.contested[0].criterion == "cost"


def test_movement_reports_each_participants_shift_and_each_criterions_change(
    tiny: Scenario,
) -> None:
    round1 = [ParticipantWeights("ann", TREASURER), ParticipantWeights("bo", COMMUTERS)]
    round2 = [
        ParticipantWeights("ann", {"cost": 20, "safety": 20, "speed": 60}),
        ParticipantWeights("bo", COMMUTERS),
        ParticipantWeights("newcomer", TREASURER),
    ]
    result = analyse_group(tiny, round2, previous=round1)
    assert result.movement is not None
    people = {p.participant: p for p in result.movement.participants}
    assert set(people) == {"ann", "bo"}  # the newcomer has nothing to move from
    assert people["ann"].shift == pytest.approx(0.4)
    assert people["ann"].changes["speed"] == pytest.approx(0.4)
    assert people["ann"].changed_mind  # none -> north
    assert people["bo"].shift == pytest.approx(0.0)
    speed = next(c for c in result.movement.criteria if c.criterion == "speed")
    assert speed.mean_change == pytest.approx(0.2)
    assert speed.mean_absolute_change == pytest.approx(0.2)


def test_the_concordance_of_a_round_is_kendalls_w_of_the_participants_rankings(
    tiny: Scenario,
) -> None:
    same = analyse_group(
        tiny, [ParticipantWeights("a", TREASURER), ParticipantWeights("b", TREASURER)]
    )
    assert same.concordance == pytest.approx(1.0)
    alone = analyse_group(tiny, [ParticipantWeights("a", TREASURER)])
    assert alone.concordance is None


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 100), st.integers(0, 100), st.integers(1, 100)),
        min_size=1,
        max_size=12,
    )
)
def test_any_round_gives_weights_summing_to_one_and_a_concordance_between_0_and_1(
    points: list[tuple[int, int, int]],
) -> None:
    scenario = load_scenario(TINY)
    entries = [
        ParticipantWeights(f"p{i}", {"cost": c, "safety": s, "speed": v})
        for i, (c, s, v) in enumerate(points)
    ]
    result = analyse_group(scenario, entries)
    assert result.weights.mean.sum() == pytest.approx(1.0)
    if result.weights.geometric is not None:
        assert result.weights.geometric.sum() == pytest.approx(1.0)
    assert (result.weights.q1 <= result.weights.median + 1e-12).all()
    assert (result.weights.median <= result.weights.q3 + 1e-12).all()
    assert result.concordance is None or 0.0 <= result.concordance <= 1.0
    group_first = set(result.group_first_choice)
    for p in result.participants:
        minority = any(m.participant == p.participant for m in result.minority)
        own = max(r.score for r in p.ranking.ranking)
        margin = own - max(p.ranking.by_option(o).score for o in group_first)
        clear = not group_first.intersection(p.first_choice) and margin > MINORITY_MARGIN
        assert minority == clear


def test_a_round_without_participants_or_with_unknown_criteria_is_refused(tiny: Scenario) -> None:
    with pytest.raises(ValueError, match="at least one participant"):
        analyse_group(tiny, [])
    with pytest.raises(ValueError, match="unknown criteria"):
        analyse_group(tiny, [ParticipantWeights("a", {"cots": 1})])
