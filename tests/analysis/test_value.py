"""The additive value model, checked against numbers worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from optionscope.analysis.ranking import rank
from optionscope.analysis.value import (
    additive_scores,
    competition_ranks,
    criterion_values,
    normalise,
    rank_wsm,
    value_matrix,
    value_matrix_from,
    weight_vector,
)
from optionscope.model.results import Ranking
from optionscope.model.scenario import Criterion, Scale, Scenario, ValueFunction


def criterion(direction: str = "max", points: list[tuple[float, float]] | None = None) -> Criterion:
    return Criterion.model_validate(
        {
            "id": "c",
            "name": "C",
            "direction": direction,
            "scale": Scale(min=0, max=10),
            "value_function": ValueFunction(points=points) if points else None,
        }
    )


def scores(ranking: Ranking) -> dict[str, float]:
    return {r.option: r.score for r in ranking.ranking}


# Value functions --------------------------------------------------------------------


def test_a_max_criterion_maps_its_scale_linearly_onto_0_to_100() -> None:
    values = criterion_values(np.array([0, 2.5, 7, 10]), criterion("max"))
    assert values == pytest.approx([0, 25, 70, 100])


def test_a_min_criterion_maps_its_scale_the_other_way_round() -> None:
    values = criterion_values(np.array([0, 2.5, 7, 10]), criterion("min"))
    assert values == pytest.approx([100, 75, 30, 0])


def test_a_performance_beyond_the_scale_counts_as_its_end() -> None:
    assert criterion_values(np.array([-5, 15]), criterion("max")) == pytest.approx([0, 100])
    assert criterion_values(np.array([-5, 15]), criterion("min")) == pytest.approx([100, 0])


def test_a_piecewise_value_function_interpolates_between_its_points() -> None:
    c = criterion(points=[(0, 0), (4, 80), (10, 100)])
    # 2 is halfway to 4: 40; 7 is halfway from 4 to 10: 80 + (100 - 80) / 2 = 90
    assert criterion_values(np.array([0, 2, 4, 7, 10]), c) == pytest.approx([0, 40, 80, 90, 100])


def test_a_piecewise_value_function_may_fall_for_a_criterion_where_less_is_better() -> None:
    c = criterion("min", points=[(0, 100), (5, 20), (10, 0)])
    # 2.5 is halfway from 100 to 20: 60; 7.5 halfway from 20 to 0: 10
    assert criterion_values(np.array([2.5, 7.5]), c) == pytest.approx([60, 10])


def test_values_of_a_matrix_are_mapped_column_by_column(tiny: Scenario) -> None:
    # tiny: cost (min, 0-100), safety (max, 0-10), speed (piecewise 0:0, 10:80, 20:100)
    assert value_matrix(tiny) == pytest.approx(
        np.array(
            [
                [40, 60, 80],  # north: cost 60, safety 6, speed 10
                [60, 80, 40],  # south: cost 40, safety 8, speed 5
                [100, 30, 0],  # none: cost 0, safety 3, speed 0
            ]
        )
    )


def test_a_stack_of_performance_matrices_is_mapped_alike(tiny: Scenario) -> None:
    perf = np.array([[[60, 6, 10]], [[40, 8, 5]]])  # 2 samples x 1 option x 3 criteria
    assert value_matrix_from(perf, tiny.criteria) == pytest.approx(
        np.array([[[40, 60, 80]], [[60, 80, 40]]])
    )


# Weights ------------------------------------------------------------------------------


def test_weights_are_normalised_to_sum_to_one() -> None:
    assert normalise(np.array([60.0, 20.0, 20.0])) == pytest.approx([0.6, 0.2, 0.2])
    assert normalise(np.array([3.0, 0.0, 1.0])) == pytest.approx([0.75, 0, 0.25])


@pytest.mark.parametrize(
    "weights", [[0.0, 0.0], [1.0, -1.0], [np.nan, 1.0], [np.inf, 1.0], []], ids=str
)
def test_weights_that_cannot_be_normalised_are_refused(weights: list[float]) -> None:
    with pytest.raises(ValueError, match="non-negative with a positive sum"):
        normalise(np.array(weights))


def test_very_large_weights_are_normalised_without_overflow() -> None:
    # 1e308 + 1e308 overflows a float; the proportions are still 1:1
    assert normalise(np.array([1e308, 1e308, 0.0])) == pytest.approx([0.5, 0.5, 0])


def test_a_criterion_without_a_weight_weighs_nothing(tiny: Scenario) -> None:
    assert weight_vector(tiny, {"speed": 4, "cost": 1}) == pytest.approx([0.2, 0, 0.8])


def test_only_the_proportions_of_the_weights_matter(tiny: Scenario) -> None:
    a = rank(tiny, {"cost": 60, "safety": 20, "speed": 20})
    b = rank(tiny, {"cost": 3, "safety": 1, "speed": 1})
    assert scores(a) == pytest.approx(scores(b))


# Scores -------------------------------------------------------------------------------


def test_the_tiny_scenario_ranks_as_worked_out_by_hand_for_the_treasurer(
    tiny: Scenario,
) -> None:
    ranking = rank(tiny, tiny.profile("treasurer").weights)
    # treasurer: cost 60, safety 20, speed 20 points -> weights 0.6, 0.2, 0.2
    # north: cost 60 of 0-100, less is better -> 40; safety 6 of 0-10 -> 60;
    #        speed 10 on (0:0, 10:80, 20:100) -> 80
    #        0.6*40 + 0.2*60 + 0.2*80 = 24 + 12 + 16 = 52
    # south: cost 40 -> 60; safety 8 -> 80; speed 5 -> 40 (halfway to 80)
    #        0.6*60 + 0.2*80 + 0.2*40 = 36 + 16 + 8 = 60
    # none:  cost 0 -> 100; safety 3 -> 30; speed 0 -> 0
    #        0.6*100 + 0.2*30 + 0.2*0 = 60 + 6 + 0 = 66
    assert ranking.scenario == "tiny"
    assert ranking.method == "wsm"
    assert ranking.weights == pytest.approx({"cost": 0.6, "safety": 0.2, "speed": 0.2})
    assert [(r.option, r.rank) for r in ranking.ranking] == [
        ("none", 1),
        ("south", 2),
        ("north", 3),
    ]
    assert scores(ranking) == pytest.approx({"none": 66, "south": 60, "north": 52})
    assert ranking.by_option("north").contributions == pytest.approx(
        {"cost": 24, "safety": 12, "speed": 16}
    )
    assert ranking.by_option("south").contributions == pytest.approx(
        {"cost": 36, "safety": 16, "speed": 8}
    )
    assert ranking.by_option("none").contributions == pytest.approx(
        {"cost": 60, "safety": 6, "speed": 0}
    )


def test_the_tiny_scenario_ranks_as_worked_out_by_hand_for_the_commuters(
    tiny: Scenario,
) -> None:
    ranking = rank(tiny, tiny.profile("commuters").weights)
    # commuters: 10, 30, 60 points -> 0.1, 0.3, 0.6; values as for the treasurer
    # north: 0.1*40 + 0.3*60 + 0.6*80 = 4 + 18 + 48 = 70
    # south: 0.1*60 + 0.3*80 + 0.6*40 = 6 + 24 + 24 = 54
    # none:  0.1*100 + 0.3*30 + 0.6*0 = 10 + 9 + 0 = 19
    assert [r.option for r in ranking.ranking] == ["north", "south", "none"]
    assert scores(ranking) == pytest.approx({"north": 70, "south": 54, "none": 19})


@pytest.mark.parametrize(
    "weights",
    [{"cost": 60, "safety": 20, "speed": 20}, {"cost": 1}, {"cost": 7, "safety": 0.3, "speed": 2}],
)
def test_the_contributions_add_up_to_the_score(tiny: Scenario, weights: dict[str, float]) -> None:
    ranking = rank(tiny, weights)
    assert sum(ranking.weights.values()) == pytest.approx(1)
    for row in ranking.ranking:
        assert sum(row.contributions.values()) == pytest.approx(row.score, abs=1e-9)
        assert set(row.contributions) == set(tiny.criterion_ids)


def test_scores_of_many_weight_vectors_at_once_match_one_at_a_time() -> None:
    values = np.array([[40.0, 60.0], [100.0, 0.0]])
    weights = np.array([[0.5, 0.5], [1.0, 0.0]])
    batched = additive_scores(np.stack([values, values]), weights)
    assert batched == pytest.approx(np.array([[50, 50], [40, 100]]))
    assert additive_scores(values, weights[0]) == pytest.approx([50, 50])


# Ranks and ties -----------------------------------------------------------------------


def test_ranks_count_from_the_highest_score() -> None:
    assert competition_ranks(np.array([10.0, 30.0, 20.0])).tolist() == [3, 1, 2]


def test_tied_options_share_a_rank_and_the_next_rank_is_skipped() -> None:
    assert competition_ranks(np.array([70.0, 70.0, 50.0])).tolist() == [1, 1, 3]
    assert competition_ranks(np.array([50.0, 70.0, 70.0, 10.0])).tolist() == [3, 1, 1, 4]


def test_scores_a_rounding_error_apart_are_tied() -> None:
    assert competition_ranks(np.array([60.0, 60.0 - 1e-12, 59.9])).tolist() == [1, 1, 3]


def test_tied_options_in_a_scenario_rank_1_1_3_in_the_scenario_order(tiny: Scenario) -> None:
    ranking = rank(tiny, {"cost": 1, "safety": 1, "speed": 1})
    # equal thirds: north (40 + 60 + 80) / 3 = 60; south (60 + 80 + 40) / 3 = 60;
    # none (100 + 30 + 0) / 3 = 43.3
    assert [(r.option, r.rank) for r in ranking.ranking] == [
        ("north", 1),
        ("south", 1),
        ("none", 3),
    ]
    assert [r.score for r in ranking.ranking] == pytest.approx([60, 60, 130 / 3])


def test_the_order_of_tied_options_follows_the_scenario_not_chance(tiny: Scenario) -> None:
    reordered = tiny.model_copy(update={"options": [tiny.options[i] for i in (2, 1, 0)]})
    equal = {"cost": 1, "safety": 1, "speed": 1}
    assert [r.option for r in rank(reordered, equal).ranking] == ["south", "north", "none"]
    assert rank(tiny, equal) == rank(tiny, equal)


# What-if ------------------------------------------------------------------------------


def test_an_override_changes_the_result_as_worked_out_by_hand(tiny: Scenario) -> None:
    weights = tiny.profile("treasurer").weights
    what_if = rank(tiny, weights, overrides={("north", "cost"): 0})
    # north at cost 0: 0.6*100 + 0.2*60 + 0.2*80 = 60 + 12 + 16 = 88, now first
    assert what_if.leader.option == "north"
    assert what_if.leader.score == pytest.approx(88)
    assert scores(what_if)["south"] == pytest.approx(60)
    # the scenario itself is untouched
    assert scores(rank(tiny, weights))["north"] == pytest.approx(52)


def test_rank_wsm_is_the_default_method(tiny: Scenario) -> None:
    weights = {"cost": 2, "safety": 1, "speed": 1}
    assert rank(tiny, weights) == rank_wsm(tiny, weights)


def test_an_unknown_method_is_refused(tiny: Scenario) -> None:
    with pytest.raises(ValueError, match="unknown method 'magic'"):
        rank(tiny, {"cost": 1}, method="magic")


def test_a_ranking_finds_an_option_by_id_and_refuses_an_unknown_one(tiny: Scenario) -> None:
    ranking = rank(tiny, {"cost": 1})
    assert ranking.by_option("south").option == "south"
    assert ranking.leader is ranking.ranking[0]
    with pytest.raises(KeyError):
        ranking.by_option("east")


def test_the_performances_are_read_from_the_assessments_once_per_table(
    tiny: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A briefing reads the performance tables about fifteen times: the assessment objects
    are read once, and again only for a copy with other assessments, options or criteria;
    each reader gets its own array."""
    import copy
    import pickle

    from optionscope.analysis.value import performance_matrix, range_matrices
    from optionscope.model.scenario import Assessment

    central, (low, high) = performance_matrix(tiny), range_matrices(tiny)
    first, c0 = tiny.option_ids[0], tiny.criterion_ids[0]
    changed = {oid: dict(row) for oid, row in tiny.assessments.items()}
    changed[first][c0] = Assessment(value=-5.0, low=-6.0)
    other = tiny.model_copy(update={"assessments": changed})
    reordered = tiny.model_copy(update={"options": tiny.options[::-1]})
    fewer = tiny.model_copy(update={"criteria": tiny.criteria[1:]})
    kept = [copy.deepcopy(tiny), pickle.loads(pickle.dumps(tiny)), tiny.model_copy()]
    assert all(s == tiny for s in kept)
    monkeypatch.setattr(Assessment, "lower", property(lambda a: 1 / 0))  # no object read
    performance_matrix(tiny)[0, 0] = 99.0  # a reader's own array
    np.testing.assert_array_equal(performance_matrix(tiny), central)
    for got, want in zip(range_matrices(tiny), (low, high), strict=True):
        np.testing.assert_array_equal(got, want)
    for s in kept:
        np.testing.assert_array_equal(performance_matrix(s), central)
    monkeypatch.undo()
    assert performance_matrix(other)[0, 0] == -5.0 and range_matrices(other)[0][0, 0] == -6.0
    np.testing.assert_array_equal(performance_matrix(reordered), central[::-1])
    np.testing.assert_array_equal(performance_matrix(fewer), central[:, 1:])
