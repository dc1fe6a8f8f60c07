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


def test_the_explanation_reads_as_a_sentence(tiny: Scenario) -> None:
    why = explain_lead(rank(tiny, tiny.profile("commuters").weights), tiny)
    # north 70 vs south 54; north - south: cost 4 - 6 = -2, safety 18 - 24 = -6,
    # speed 48 - 24 = +24
    assert why.sentence() == (
        "North road leads with 70.0, 16.0 ahead of South road. "
        "Its lead comes from Travel time saved (+24.0); "
        "Safety (-6.0), Cost (-2.0) work against it."
    )


def test_a_single_criterion_against_the_leader_takes_a_singular_verb(tiny: Scenario) -> None:
    why = explain_lead(rank(tiny, {"cost": 1, "safety": 1}), tiny)
    # halves: north 20 + 30 = 50, south 30 + 40 = 70, none 50 + 15 = 65
    # south - none: cost 30 - 50 = -20, safety 40 - 15 = +25
    assert why.sentence() == (
        "South road leads with 70.0, 5.0 ahead of Do nothing. "
        "Its lead comes from Safety (+25.0); Cost (-20.0) works against it."
    )


def test_only_the_top_criteria_are_named(tiny: Scenario) -> None:
    ranking = rank(tiny, tiny.profile("treasurer").weights)
    why = explain_lead(ranking, tiny, top=1)
    assert [p.criterion for p in why.against] == ["safety"]


def test_a_tie_is_worded_as_a_tie(tiny: Scenario) -> None:
    why = explain_lead(rank(tiny, {"cost": 1, "safety": 1, "speed": 1}), tiny)
    # north and south both score 60 with equal weights (see test_value.py)
    assert why.tied
    assert why.margin == pytest.approx(0, abs=1e-9)
    sentence = why.sentence()
    assert sentence.startswith("North road and South road tie at 60.0. ")
    assert "North road is ahead of South road on Travel time saved (+13.3)" in sentence
    assert "leads" not in sentence


def test_the_only_option_needs_no_comparison(tiny: Scenario) -> None:
    alone = tiny.model_copy(
        update={"options": tiny.options[:1], "assessments": {"north": tiny.assessments["north"]}}
    )
    why = explain_lead(rank(alone, {"cost": 1}), alone)
    assert why.runner_up is None
    assert why.margin == 0
    assert why.carried_by == [] and why.against == []
    assert why.sentence() == "North road is the only option."
