"""Sensitivity and gates in words: one sentence for the CLI, the TUI and the briefing."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pytest

from optionscope.analysis.gates import first_choice_gates
from optionscope.analysis.sensitivity import (
    WeightChange,
    WeightShift,
    stability_intervals,
    what_would_have_to_be_true,
)
from optionscope.model.scenario import Scenario
from optionscope.present.gates import first_choice_sentence
from optionscope.present.sensitivity import (
    change_sentence,
    shifts_text,
    shown_shifts,
    stability_interval,
    stability_sentence,
    weight_now,
    weight_points,
)

Factory = Callable[..., Scenario]


def _label(scenario: Scenario) -> Callable[[str], str]:
    return lambda option_id: scenario.option(option_id).label


def test_a_stability_interval_in_words(three_options: Scenario) -> None:
    analysis = stability_intervals(three_options, {"c0": 1, "c1": 1, "c2": 1})
    c0 = analysis.for_criterion("c0")
    # o1 leads while c0's weight is below 5/11 = 45.5%; o0 leads above (test_sensitivity.py)
    # the weight as the panel shows it: three equal shares read 33.4%, 33.3%, 33.3%
    assert weight_now(analysis, c0) == "33.4%"
    assert stability_sentence(analysis, c0, _label(three_options)) == (
        "Option 1 stays first while the weight of Criterion 0 is between 0% and 45.5% "
        "(now 33.4%); above that Option 0 leads."
    )
    assert stability_interval(c0) == "0%-45.5%"
    c2 = analysis.for_criterion("c2")
    assert stability_sentence(analysis, c2, _label(three_options)) == (
        "Option 1 stays first whatever the weight of Criterion 2."
    )
    assert stability_interval(c2) == "any weight"


def test_the_smallest_weight_change_in_words(three_options: Scenario) -> None:
    label = _label(three_options)
    change = what_would_have_to_be_true(three_options, {"c0": 1, "c1": 1, "c2": 1}, "o0")
    text = change_sentence(change, label)
    assert text.startswith("Option 0 would rank first if ")
    # the weights as the weight list shows them: 33.4%, 33.3%, 33.3% (they add up to 100%)
    assert "Criterion 0 up from 33.4% to" in text
    first = what_would_have_to_be_true(three_options, {"c0": 1, "c1": 1, "c2": 1}, "o1")
    assert change_sentence(first, label) == "Option 1 already ranks first with these weights."


def test_a_blocked_option_is_named_with_what_blocks_it(scenario_factory: Factory) -> None:
    scenario = scenario_factory([[80, 80, 50], [70, 60, 50], [90, 10, 40]])
    change = what_would_have_to_be_true(scenario, {"c0": 1, "c1": 1, "c2": 1}, "o1")
    assert change_sentence(change, _label(scenario)) == (
        "No weighting puts Option 1 first: Option 0 is at least as good on every criterion."
    )


def test_points_of_weight_moved_are_never_zero() -> None:
    assert weight_points(1.4) == "1.4 points"
    assert weight_points(0.01) == "under 0.1 points"
    assert weight_points(12.0) == "12 points"


def test_a_first_choice_that_would_fail_a_gate_in_words(three_options: Scenario) -> None:
    checks = {c.profile: c for c in first_choice_gates(three_options)}
    text = first_choice_sentence(checks["security"], _label(three_options))
    assert text.startswith("Security: first choice Option 0, which passes all its gates")
    assert "consent (host-consent, 30%)" in text
    thrift = first_choice_sentence(checks["thrift"], _label(three_options))
    assert "every gate is judged likely to pass, all together with probability 72%" in thrift


def _change(before: list[float], after: list[float]) -> WeightChange:
    ids = [f"c{j}" for j in range(len(before))]
    shifts = [
        WeightShift(c, f"Criterion {j}", before[j], after[j])
        for j, c in enumerate(ids)
        if abs(after[j] - before[j]) > 1e-6
    ]
    shifts.sort(key=lambda s: -abs(s.delta))
    return WeightChange(
        option="o1",
        option_name="Option 1",
        possible=True,
        already_first=False,
        strict=True,
        epsilon=0.01,
        distance=sum(abs(a - b) for a, b in zip(after, before, strict=True)),
        before=dict(zip(ids, before, strict=True)),
        after=dict(zip(ids, after, strict=True)),
        shifts=tuple(shifts),
        blocked_by=(),
        names={"o1": "Option 1"},
    )


def _displayed_moves(text: str) -> list[float]:
    pairs = re.findall(r"from ([\d.]+)% to ([\d.]+)%", text)
    return [float(after) - float(before) for before, after in pairs]


def test_displayed_weight_moves_add_up_to_zero() -> None:
    # Each weight 33.3% before; after 20%, 40%, 40%. Rounded one by one the moves
    # read -13.3 +6.7 +6.7, which add up to 0.1 rather than zero.
    change = _change([1 / 3, 1 / 3, 1 / 3], [0.2, 0.4, 0.4])
    text = change_sentence(change, lambda o: o, shown=len(change.shifts))
    moves = _displayed_moves(text)
    assert len(moves) == 3
    assert abs(sum(moves)) < 1e-9
    moved = float(re.search(r"first if ([\d.]+) points", text).group(1))  # type: ignore[union-attr]
    assert moved == pytest.approx(sum(m for m in moves if m > 0))


def test_displayed_weight_moves_add_up_for_any_change() -> None:
    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(2, 13))
        before = rng.dirichlet(np.ones(n)).tolist()
        after = rng.dirichlet(np.ones(n)).tolist()
        change = _change(before, after)
        moves = [t.move for t in shown_shifts(change)]
        assert abs(sum(moves)) < 1e-9
        text = shifts_text(change, shown=n)
        if "under" not in text:
            assert abs(sum(_displayed_moves(text))) < 1e-9


def test_a_tiny_weight_move_is_still_shown_and_adds_up() -> None:
    change = _change([0.02, 0.04, 0.94], [0.0196, 0.0402, 0.9402])
    moves = shown_shifts(change)
    assert moves and abs(sum(t.move for t in moves)) < 1e-9
    assert "Criterion 0 down from 2.00% to 1.96%" in shifts_text(change)


def test_a_weight_reads_the_same_in_a_sentence_and_in_the_weights_panel(
    three_options: Scenario,
) -> None:
    # Twelve equal weights: the panel rounds the shares together (8.4% for four of them,
    # 8.3% for the rest, adding up to 100%); a sentence about one of them says the same.
    from optionscope.present.numbers import share_labels

    weights = {"c0": 1.0, "c1": 1.0, "c2": 1.0}
    analysis = stability_intervals(three_options, weights)
    panel = share_labels(list(weights.values()))
    assert [weight_now(analysis, c) for c in analysis.criteria] == panel
    for c, shown in zip(analysis.criteria, panel, strict=True):
        if not c.robust:
            assert f"(now {shown})" in stability_sentence(analysis, c, _label(three_options))
