"""Sensitivity and gates in words: one sentence for the CLI, the TUI and the briefing."""

from __future__ import annotations

from collections.abc import Callable

from optionscope.analysis.gates import first_choice_gates
from optionscope.analysis.sensitivity import stability_intervals, what_would_have_to_be_true
from optionscope.model.scenario import Scenario
from optionscope.present.gates import first_choice_sentence
from optionscope.present.sensitivity import (
    change_sentence,
    stability_interval,
    stability_sentence,
    weight_points,
)

Factory = Callable[..., Scenario]


def _label(scenario: Scenario) -> Callable[[str], str]:
    return lambda option_id: scenario.option(option_id).label


def test_a_stability_interval_in_words(three_options: Scenario) -> None:
    analysis = stability_intervals(three_options, {"c0": 1, "c1": 1, "c2": 1})
    c0 = analysis.for_criterion("c0")
    # o1 leads while c0's weight is below 5/11 = 45.5%; o0 leads above (test_sensitivity.py)
    assert stability_sentence(c0, _label(three_options)) == (
        "Option 1 stays first while the weight of Criterion 0 is between 0% and 45.5% "
        "(now 33.3%); above that Option 0 leads."
    )
    assert stability_interval(c0) == "0%-45.5%"
    c2 = analysis.for_criterion("c2")
    assert stability_sentence(c2, _label(three_options)) == (
        "Option 1 stays first whatever the weight of Criterion 2."
    )
    assert stability_interval(c2) == "any weight"


def test_the_smallest_weight_change_in_words(three_options: Scenario) -> None:
    label = _label(three_options)
    change = what_would_have_to_be_true(three_options, {"c0": 1, "c1": 1, "c2": 1}, "o0")
    text = change_sentence(change, label)
    assert text.startswith("Option 0 would rank first if ")
    assert "Criterion 0 up from 33.3% to" in text
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
