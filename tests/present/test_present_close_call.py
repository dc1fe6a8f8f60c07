"""Leads that are not leads (finding 8): the words say when a lead is too close to call."""

from __future__ import annotations

from optionscope.analysis.explain import close_call, explain_lead
from optionscope.analysis.ranking import rank
from optionscope.analysis.sensitivity import MarginSwing, tornado
from optionscope.model.scenario import Scenario
from optionscope.present.ranking import lead_sentences
from optionscope.report.briefing import bottom_line, build_briefing


def _swing(low: float, rival: str | None) -> MarginSwing:
    return MarginSwing("safety", "Safety", 6.0, low, 8.0, rival)


def test_a_lead_an_assessment_range_can_reverse_is_too_close_to_call(tiny: Scenario) -> None:
    # treasurer: Do nothing 66, South road 60 (test_value.py)
    why = explain_lead(rank(tiny, tiny.profile("treasurer").weights), tiny)
    close = close_call(why, [_swing(-1.5, "south")], first_share=0.9)
    assert close is not None and close.criterion == "safety"
    first = lead_sentences(why, "profile Treasurer", close)[0]
    assert first == (
        "With profile Treasurer, Do nothing is ahead of South road by 6.0 points (66.0 to "
        "60.0): too close to call, since the stated range of the assessments of Safety alone "
        "could reverse the order."
    )
    assert "leads" not in first


def test_a_leader_first_in_few_simulations_is_too_close_to_call(tiny: Scenario) -> None:
    why = explain_lead(rank(tiny, tiny.profile("treasurer").weights), tiny)
    close = close_call(why, [_swing(3.0, None)], first_share=0.42)
    assert close is not None and close.first_share == 0.42
    assert "comes first in only 42% of cases" in lead_sentences(why, "equal weights", close)[0]
    assert close_call(why, [_swing(3.0, None)], first_share=0.8) is None


def test_the_ranges_decide_not_a_fixed_number_of_points(tiny: Scenario) -> None:
    weights = tiny.profile("treasurer").weights
    why = explain_lead(rank(tiny, weights), tiny)
    # the real tornado of tiny: the worst case of Cost leaves Do nothing 3 points ahead
    assert close_call(why, tornado(tiny, weights).margins, 0.9) is None


def test_the_briefing_first_sentence_names_the_weights_it_rests_on(tiny: Scenario) -> None:
    b = build_briefing(tiny, tiny.profile("commuters").weights, "profile Commuters", samples=500)
    assert bottom_line(b)[0].startswith("With profile Commuters, North road ")
