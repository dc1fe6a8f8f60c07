"""Why the leader leads: the margin over the runner-up and the criteria that carry it."""

from __future__ import annotations

import pytest

from optionscope.analysis.explain import explain_lead
from optionscope.analysis.ranking import rank
from optionscope.model.scenario import Scenario


def test_the_explanation_names_the_leader_its_margin_and_the_runner_up(tiny: Scenario) -> None:
    # treasurer: none 66, south 60, north 52 (worked out in test_value.py)
    why = explain_lead(rank(tiny, tiny.profile("treasurer").weights), tiny)
    assert (why.leader, why.leader_name) == ("none", "Do nothing")
    assert why.leader_score == pytest.approx(66)
    assert (why.runner_up, why.runner_up_name) == ("south", "South road")
    assert why.margin == pytest.approx(6)
    assert not why.tied


def test_the_lead_is_carried_by_the_criteria_where_the_leader_gains_most(tiny: Scenario) -> None:
    why = explain_lead(rank(tiny, tiny.profile("treasurer").weights), tiny)
    # contributions none - south: cost 60 - 36 = +24, safety 6 - 16 = -10, speed 0 - 8 = -8
    assert [(p.criterion, p.name) for p in why.carried_by] == [("cost", "Cost")]
    assert why.carried_by[0].difference == pytest.approx(24)
    assert [p.criterion for p in why.against] == ["safety", "speed"]
    assert [p.difference for p in why.against] == pytest.approx([-10, -8])
    # the parts add up to the margin
    total = sum(p.difference for p in why.carried_by + why.against)
    assert total == pytest.approx(why.margin)


def test_only_the_top_criteria_are_named(tiny: Scenario) -> None:
    ranking = rank(tiny, tiny.profile("treasurer").weights)
    why = explain_lead(ranking, tiny, top=1)
    assert [p.criterion for p in why.against] == ["safety"]


def test_a_tie_is_marked_with_every_tied_option(tiny: Scenario) -> None:
    why = explain_lead(rank(tiny, {"cost": 1, "safety": 1, "speed": 1}), tiny)
    # north and south both score 60 with equal weights (see test_value.py)
    assert why.tied
    assert why.margin == pytest.approx(0, abs=1e-9)
    assert why.tied_names == ("North road", "South road")


def test_the_only_option_needs_no_comparison(tiny: Scenario) -> None:
    alone = tiny.model_copy(
        update={"options": tiny.options[:1], "assessments": {"north": tiny.assessments["north"]}}
    )
    why = explain_lead(rank(alone, {"cost": 1}), alone)
    assert why.runner_up is None
    assert why.margin == 0
    assert why.carried_by == [] and why.against == []
    assert why.tied_names == ()
