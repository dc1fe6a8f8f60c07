"""Numbers as text: scores on their scale, differences, percentages, shares that add up."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from optionscope.model.results import CLOSENESS_SCALE, NET_FLOW_SCALE, VALUE_SCALE, ScoreScale
from optionscope.present import numbers
from optionscope.present.numbers import (
    format_difference,
    format_score,
    percent,
    rounded_shares,
    score_labels,
    share_labels,
)

SCALES = [VALUE_SCALE, CLOSENESS_SCALE, NET_FLOW_SCALE]


def test_each_scale_prints_in_its_own_way() -> None:
    assert format_score(72.345, VALUE_SCALE) == "72.3"
    assert format_score(0.7241, CLOSENESS_SCALE) == "0.724"
    assert format_score(0.1249, NET_FLOW_SCALE) == "+0.125"
    assert format_score(-0.0831, NET_FLOW_SCALE) == "-0.083"


def test_a_score_that_rounds_to_zero_has_no_sign() -> None:
    assert format_score(-1e-6, NET_FLOW_SCALE) == "0.000"
    assert format_score(-0.01, VALUE_SCALE) == "0.0"


def test_a_difference_that_is_not_a_tie_never_reads_zero() -> None:
    assert format_difference(0.004, VALUE_SCALE) == "0.004"
    assert format_difference(1e-14, VALUE_SCALE) == "0.0"
    assert format_difference(-0.3, NET_FLOW_SCALE, signed=True) == "-0.300"


@given(
    st.sampled_from(SCALES),
    st.lists(st.floats(0.0, 1.0, allow_nan=False), min_size=2, max_size=12),
)
def test_distinct_scores_never_print_the_same(scale: ScoreScale, fractions: list[float]) -> None:
    scores = [scale.low + f * scale.span for f in fractions]
    labels = score_labels(scores, scale)
    for a, la in zip(scores, labels, strict=True):
        for b, lb in zip(scores, labels, strict=True):
            if abs(a - b) > scale.tie_tolerance:
                assert la != lb, (a, b, la)


def _decimals_comparing_every_pair(scores: list[float], scale: ScoreScale) -> int:
    """The rule as stated: the fewest decimals at which no two untied neighbours print
    the same, every pair printed at every number of decimals."""
    ordered = sorted(scores)
    apart = [(a, b) for a, b in itertools.pairwise(ordered) if b - a > scale.tie_tolerance]
    decimals = scale.decimals
    while decimals < numbers.MAX_DECIMALS and any(
        numbers._fixed(a, decimals) == numbers._fixed(b, decimals) for a, b in apart
    ):
        decimals += 1
    return decimals


@given(
    st.sampled_from(SCALES),
    st.lists(
        st.one_of(
            st.floats(-1000, 1000, allow_nan=False),
            # scores near a rounding boundary, where neighbours may print the same
            st.integers(-(10**6), 10**6).map(lambda n: n / 1000 + 0.0005),
            st.integers(-(10**6), 10**6).map(lambda n: n / 100 - 0.004999999),
        ),
        min_size=2,
        max_size=40,
    ),
)
def test_the_decimals_are_those_of_comparing_every_pair(
    scale: ScoreScale, scores: list[float]
) -> None:
    assert numbers.score_decimals(scores, scale) == _decimals_comparing_every_pair(scores, scale)


def test_many_scores_are_printed_only_where_neighbours_are_near(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """10,000 scores spread over the scale need six decimals to tell apart; only the
    neighbours that could print the same are printed to be compared (every pair at
    every number of decimals would be 20,000 prints at the last one alone)."""
    rng = random.Random(7)
    scores = [rng.uniform(0, 100) for _ in range(10_000)]
    expected = _decimals_comparing_every_pair(scores, VALUE_SCALE)
    printed: list[int] = []
    real = numbers._fixed

    def counted(x: float, decimals: int, *, signed: bool = False) -> str:
        printed.append(decimals)
        return real(x, decimals, signed=signed)

    monkeypatch.setattr(numbers, "_fixed", counted)
    assert numbers.score_decimals(scores, VALUE_SCALE) == expected
    assert len(printed) < 1_000


def test_a_table_percentage_is_never_0_unless_none_nor_100_unless_all() -> None:
    assert numbers.percent_cell(0.0) == "0"
    assert numbers.percent_cell(0.005) == "<1"  # half a percent: rounds to even, 0
    assert numbers.percent_cell(0.0049) == "<1"
    assert numbers.percent_cell(0.0051) == "1"
    assert numbers.percent_cell(0.491) == "49"
    assert numbers.percent_cell(0.995) == ">99"
    assert numbers.percent_cell(0.9999) == ">99"
    assert numbers.percent_cell(1.0) == "100"


def test_tied_scores_print_the_same() -> None:
    assert score_labels([60.0, 60.0 + 1e-12, 50.0], VALUE_SCALE) == ["60.0", "60.0", "50.0"]


def test_a_small_share_is_not_shown_as_nothing() -> None:
    # Finding 6: 0.1% printed as 0%.
    assert percent(0.001) == "0.1%"
    assert percent(0.0004) == "under 0.1%"
    assert percent(0.0) == "0%"
    assert percent(0.9999) == "over 99.9%"
    assert percent(1.0) == "100%"
    assert percent(0.08) == "8%"
    assert percent(0.066) == "6.6%"


def test_twelve_equal_weights_are_shown_adding_up_to_100() -> None:
    # Finding 6: twelve equal weights read "8%" twelve times (96%).
    labels = share_labels([1.0] * 12)
    assert round(sum(float(x.rstrip("%")) for x in labels), 6) == 100.0
    assert set(labels) == {"8.4%", "8.3%"}


@given(st.lists(st.floats(0.0, 1000.0, allow_nan=False), min_size=1, max_size=30))
def test_displayed_shares_add_up_to_100(shares: list[float]) -> None:
    rounded = rounded_shares(shares)
    if sum(shares) > 0:
        assert round(sum(rounded), 6) == 100.0
        labels = share_labels(shares)
        shown = [0.0 if x.startswith("under") else float(x.rstrip("%")) for x in labels]
        assert round(sum(shown), 6) == 100.0
        for s, label in zip(shares, labels, strict=True):
            if s > 0:
                assert label != "0%"


def test_shares_whose_sum_passes_the_largest_float_keep_their_ratios() -> None:
    # `show` on a profile of weights 1e308 and 1e308 ended in an internal error (the
    # exact sum overflowed); every other command took them as 50% each
    assert share_labels([1e308, 1e308]) == ["50%", "50%"]
    assert share_labels([1.7e308, 1.7e308 / 3]) == ["75%", "25%"]
    assert sum(rounded_shares([1e308] * 3)) == pytest.approx(100.0)


def test_show_reads_weights_whose_sum_passes_the_largest_float(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from optionscope.cli import cli

    text = (Path(__file__).parents[1] / "data" / "tiny.yaml").read_text(encoding="utf-8")
    profile = text.split("profiles:", 1)[1]
    weights = profile.split("weights:", 1)[1].split("\n", 1)[0]
    assert weights.strip().startswith("{")
    criteria = [part.split(":")[0].strip(" {") for part in weights.split(",")]
    huge = "{" + ", ".join(f"{c}: 1e308" for c in criteria) + "}"
    path = tmp_path / "huge.yaml"
    path.write_text(text.replace(weights, " " + huge, 1), encoding="utf-8")
    out = CliRunner().invoke(cli, ["show", str(path)])
    assert out.exit_code == 0, out.output
    assert "internal error" not in out.output
