"""A ranking in words and numbers, each method on its own scale."""

from __future__ import annotations

import re

import pytest

from optionscope.analysis.explain import explain_lead
from optionscope.analysis.ranking import rank
from optionscope.io.scenario_files import load_scenario
from optionscope.model.results import CLOSENESS_SCALE, NET_FLOW_SCALE, VALUE_SCALE
from optionscope.model.scenario import Scenario
from optionscope.present.ranking import join_names, lead_sentence
from optionscope.report.tables import render_ranking


def test_the_explanation_reads_as_whole_sentences(tiny: Scenario) -> None:
    why = explain_lead(rank(tiny, tiny.profile("commuters").weights), tiny)
    # north 70 vs south 54; north - south: cost 4 - 6 = -2, safety 18 - 24 = -6,
    # speed 48 - 24 = +24
    assert lead_sentence(why) == (
        "North road leads with 70.0, 16.0 points ahead of South road (54.0). "
        "Its lead comes from Travel time saved (+24.0). "
        "Safety (-6.0), Cost (-2.0) work against it."
    )


def test_a_single_criterion_against_the_leader_takes_a_singular_verb(tiny: Scenario) -> None:
    why = explain_lead(rank(tiny, {"cost": 1, "safety": 1}), tiny)
    # halves: north 20 + 30 = 50, south 30 + 40 = 70, none 50 + 15 = 65
    assert lead_sentence(why) == (
        "South road leads with 70.0, 5.0 points ahead of Do nothing (65.0). "
        "Its lead comes from Safety (+25.0). Cost (-20.0) works against it."
    )


def test_a_tie_is_worded_as_a_tie(tiny: Scenario) -> None:
    sentence = lead_sentence(explain_lead(rank(tiny, {"cost": 1, "safety": 1, "speed": 1}), tiny))
    assert sentence.startswith("North road and South road tie at 60.0. ")
    assert "North road is ahead of South road on Travel time saved (+13.3)" in sentence
    # each option's advantages are counted in its own favour
    assert "South road is ahead on Cost (+6.7), Safety (+6.7)." in sentence
    assert "leads" not in sentence


def test_the_only_option_needs_no_comparison(tiny: Scenario) -> None:
    alone = tiny.model_copy(
        update={"options": tiny.options[:1], "assessments": {"north": tiny.assessments["north"]}}
    )
    assert lead_sentence(explain_lead(rank(alone, {"cost": 1}), alone)) == (
        "North road is the only option."
    )


def test_names_are_joined_with_none_left_out() -> None:
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B"]) == "A and B"
    assert join_names(["A", "B", "C"]) == "A, B and C"


def test_each_method_ranks_on_its_own_scale(tiny: Scenario) -> None:
    weights = tiny.profile("commuters").weights
    assert rank(tiny, weights, "wsm").scale == VALUE_SCALE
    assert rank(tiny, weights, "topsis").scale == CLOSENESS_SCALE
    assert rank(tiny, weights, "promethee").scale == NET_FLOW_SCALE
    for ranking in (rank(tiny, weights, m) for m in ("wsm", "topsis", "promethee")):
        for r in ranking.ranking:
            assert ranking.scale.low <= r.score <= ranking.scale.high


def test_promethee_net_flows_are_not_printed_as_value_points() -> None:
    # Finding 1: on MINUSMA with equal weights the top three net flows are 0.125,
    # 0.097 and 0.069; with one decimal they read "0.1, 0.1, 0.1", the lead
    # "0.0 ahead" and each contribution +-0.1 under a "weight x value" header.
    scenario = load_scenario("minusma-2023")
    weights = {c.id: 1.0 for c in scenario.criteria}
    ranking = rank(scenario, weights, "promethee")
    text = render_ranking(ranking, scenario, "table", "equal weights")
    rows = [line for line in text.splitlines() if re.match(r"\s+\d\s", line)]
    scores = [line.split()[-2] for line in rows[:3]]
    assert len(set(scores)) == 3, scores
    assert all(len(s.split(".")[1]) >= 3 for s in scores)
    assert "weight x value" not in text
    assert "weight x criterion net flow" in text
    assert " 0.0 ahead" not in text
    assert "-0.0 " not in text and "-0.0\n" not in text


@pytest.mark.parametrize("method", ["wsm", "topsis", "promethee"])
def test_every_score_prints_within_its_scale_words(tiny: Scenario, method: str) -> None:
    ranking = rank(tiny, tiny.profile("commuters").weights, method)
    text = render_ranking(ranking, tiny, "md", "commuters")
    described = {
        "wsm": "value points, from 0 to 100",
        "topsis": "closeness to the ideal option, from 0 to 1",
        "promethee": "net outranking flow, from -1 to 1",
    }[method]
    assert f"Scores: {described}." in text
