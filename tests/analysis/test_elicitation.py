"""Weight elicitation: rank-order centroid, swing weights, AHP."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optionscope.analysis.elicitation import (
    RANDOM_INDEX,
    ahp,
    criterion_swing,
    pairwise_matrix,
    rank_order_centroid,
    roc_weights,
    swing_weights,
    swings,
)
from optionscope.model.scenario import Scenario
from optionscope.present.elicitation import consistency_sentence, swing_text

# Rank-order centroid ----------------------------------------------------------


def test_roc_weights_for_three_criteria_are_the_known_values() -> None:
    """Barron & Barrett (1996): for n = 3, w = (11/18, 5/18, 2/18)."""
    np.testing.assert_allclose(rank_order_centroid(3), [0.6111, 0.2778, 0.1111], atol=5e-5)
    assert roc_weights({"a": 1, "b": 2, "c": 3}) == pytest.approx(
        {"a": 11 / 18, "b": 5 / 18, "c": 2 / 18}
    )


def test_tied_criteria_share_the_mean_of_the_positions_they_span() -> None:
    weights = roc_weights({"a": 1, "b": 1, "c": 3})
    assert weights["a"] == weights["b"] == pytest.approx((11 / 18 + 5 / 18) / 2)
    assert weights["c"] == pytest.approx(2 / 18)
    # Dense numbering of the ranks means the same ranking.
    assert roc_weights({"a": 1, "b": 1, "c": 2}) == weights


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=12))
def test_roc_weights_sum_to_one_and_never_favour_a_lower_rank(ranks: list[int]) -> None:
    weights = roc_weights({f"c{i}": r for i, r in enumerate(ranks)})
    assert sum(weights.values()) == pytest.approx(1.0)
    for i, ri in enumerate(ranks):
        for j, rj in enumerate(ranks):
            if ri < rj:
                assert weights[f"c{i}"] > weights[f"c{j}"]
            elif ri == rj:
                assert weights[f"c{i}"] == pytest.approx(weights[f"c{j}"])


def test_roc_needs_at_least_one_finite_rank() -> None:
    with pytest.raises(ValueError):
        roc_weights({})
    with pytest.raises(ValueError, match="finite"):
        roc_weights({"a": float("nan")})


# Swing weighting ---------------------------------------------------------------


def test_swing_weights_are_the_points_normalised() -> None:
    result = swing_weights({"a": 100, "b": 50, "c": 25})
    assert result.weights == pytest.approx({"a": 100 / 175, "b": 50 / 175, "c": 25 / 175})
    assert result.relative == {"a": 100, "b": 50, "c": 25}
    assert result.most_important == ("a",)


def test_swing_points_are_rescaled_so_the_top_swing_has_100() -> None:
    result = swing_weights({"a": 80, "b": 40})
    assert result.relative == {"a": 100, "b": 50}
    assert result.weights == pytest.approx({"a": 2 / 3, "b": 1 / 3})


def test_swing_weighting_against_a_scenario_checks_ids_and_fills_in_zeros(
    three_options: Scenario,
) -> None:
    result = swing_weights({"c0": 100, "c2": 60}, three_options)
    assert result.weights["c1"] == 0
    with pytest.raises(ValueError, match="unknown criteria: c9"):
        swing_weights({"c9": 100}, three_options)
    with pytest.raises(ValueError, match="non-negative"):
        swing_weights({"c0": -1})
    with pytest.raises(ValueError, match="positive"):
        swing_weights({"c0": 0})


def test_a_min_criterion_swings_from_the_top_of_its_scale_to_the_bottom(
    three_options: Scenario,
) -> None:
    swing = criterion_swing(three_options.criterion("c2"))
    assert (swing.worst, swing.best) == (100.0, 0.0)
    assert swing_text(swing) == "Criterion 2: from 100 to 0 score"
    assert len(swings(three_options)) == 3


# AHP ---------------------------------------------------------------------------


def test_a_consistent_matrix_gives_its_weights_back_with_a_zero_ratio() -> None:
    w = np.array([0.5, 0.3, 0.2])
    result = ahp(w[:, None] / w[None, :], ["cost", "safety", "speed"])
    np.testing.assert_allclose(result.weights, w, atol=1e-12)
    assert result.lambda_max == pytest.approx(3.0)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-12)
    assert result.consistent
    assert "consistent enough" in consistency_sentence(result)
    assert result.weights_by_label()["cost"] == pytest.approx(0.5)


def test_a_cyclic_matrix_is_inconsistent_and_the_message_names_the_triple() -> None:
    """A beats B 3:1, B beats C 3:1, C beats A 3:1. The matrix is circulant, so
    lambda_max = 1 + 3 + 1/3 = 13/3 exactly, CI = (13/3 - 3) / 2 = 2/3 and
    CR = (2/3) / 0.58 = 1.149 (Saaty's RI for n = 3).
    """
    matrix = [[1, 3, 1 / 3], [1 / 3, 1, 3], [3, 1 / 3, 1]]
    result = ahp(matrix, ["A", "B", "C"])
    assert result.lambda_max == pytest.approx(13 / 3)
    assert result.consistency_index == pytest.approx(2 / 3)
    assert result.random_index == 0.58
    assert result.consistency_ratio == pytest.approx((2 / 3) / 0.58)
    assert not result.consistent
    assert result.worst_triple is not None and set(result.worst_triple) == {"A", "B", "C"}
    assert "inconsistent (CR 1.15 > 0.10)" in consistency_sentence(result)
    assert "imply" in consistency_sentence(result) and "about 9" in consistency_sentence(result)
    np.testing.assert_allclose(result.weights, [1 / 3] * 3, atol=1e-12)


def test_a_slightly_inconsistent_matrix_passes_and_points_at_the_odd_pair() -> None:
    """Saaty's textbook-style 4x4 judgements (1-9 scale), mildly inconsistent."""
    matrix = [
        [1, 3, 5, 7],
        [1 / 3, 1, 3, 5],
        [1 / 5, 1 / 3, 1, 3],
        [1 / 7, 1 / 5, 1 / 3, 1],
    ]
    result = ahp(matrix)
    assert 0 < result.consistency_ratio <= 0.10
    assert result.consistent
    assert result.worst_pair is not None
    assert np.argmax(result.weights) == 0


def test_a_non_reciprocal_matrix_is_refused_with_the_pair_named() -> None:
    with pytest.raises(ValueError, match=r"not reciprocal: 'a' vs 'b' is 3 but 'b' vs 'a' is 0\.5"):
        ahp([[1, 3], [0.5, 1]], ["a", "b"])


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, -2], [-0.5, 1]], "positive number"),
        ([[1, 0], [0, 1]], "positive number"),
        ([[1, 2, 3], [0.5, 1, 1]], "square"),
        ([[2, 1], [1, 1]], "diagonal"),
        ([[1, float("nan")], [1, 1]], "positive number"),
    ],
)
def test_malformed_matrices_are_refused(matrix: list[list[float]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ahp(matrix)


def test_reciprocals_rounded_to_two_decimals_are_accepted_and_made_exact() -> None:
    result = ahp([[1, 3, 0.2], [0.33, 1, 0.14], [5, 7.14, 1]])
    assert result.matrix[1, 0] == pytest.approx(1 / 3)
    assert result.matrix[2, 1] == pytest.approx(1 / 0.14)
    assert result.weights.sum() == pytest.approx(1.0)


def test_too_many_elements_for_the_random_index_table_are_refused() -> None:
    n = max(RANDOM_INDEX) + 1
    with pytest.raises(ValueError, match="random index"):
        ahp(np.ones((n, n)))


def test_pairwise_matrix_builds_the_reciprocal_matrix_from_judgements() -> None:
    matrix = pairwise_matrix(["a", "b", "c"], {("a", "b"): 3, ("a", "c"): 5, ("c", "b"): 0.5})
    np.testing.assert_allclose(matrix, [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 0.5, 1]])
    with pytest.raises(ValueError, match="not judged: a/c"):
        pairwise_matrix(["a", "b", "c"], {("a", "b"): 3, ("b", "c"): 2})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.05, 20.0), min_size=1, max_size=10))
def test_any_consistent_matrix_recovers_its_weights(raw: list[float]) -> None:
    w = np.array(raw) / sum(raw)
    result = ahp(w[:, None] / w[None, :])
    np.testing.assert_allclose(result.weights, w, atol=1e-9)
    assert result.consistency_ratio < 1e-9
    assert result.consistent


def test_swing_weights_accept_a_scenario_factory_built_scenario(
    scenario_factory: Callable[..., Scenario],
) -> None:
    scenario = scenario_factory([[1, 2]], directions=["max", "min"], scale=(0, 10))
    assert [s.best for s in swings(scenario)] == [10.0, 0.0]


@pytest.mark.parametrize(
    ("ratio", "shown"), [(0.104, "0.104"), (0.0996, "0.0996"), (1.149, "1.15")]
)
def test_a_consistency_ratio_never_reads_as_the_threshold_it_is_not(
    ratio: float, shown: str
) -> None:
    """A CR of 0.104 read `CR 0.10 > 0.10` in the sentence and `CR 0.104` on the screen
    above it: both now read it as `consistency_ratio_text` does."""
    from optionscope.tui.screens._elicit import ahp_verdict

    cyclic = ahp([[1, 3, 1 / 3], [1 / 3, 1, 3], [3, 1 / 3, 1]], ["A", "B", "C"])
    result = dataclasses.replace(cyclic, consistency_ratio=ratio, consistent=ratio <= 0.1)
    sign = "<=" if ratio <= 0.1 else ">"
    assert f"(CR {shown} {sign} 0.10)" in consistency_sentence(result)
    assert f"CR {shown} (" in ahp_verdict(result).plain
