"""A lead over a tie for second names every option tied there: 'Room leads with +0.500,
0.425 ahead of Warning (+0.075)' left out Now, tied with Warning at +0.075."""

from __future__ import annotations

from pathlib import Path

from optionscope.analysis.explain import explain_lead
from optionscope.analysis.ranking import rank
from optionscope.io.scenario_files import load_scenario
from optionscope.io.weights import resolve_weights
from optionscope.present.ranking import lead_sentence

FLOOD = Path(__file__).parents[1] / "data" / "flood-rivermouth.yaml"


def test_a_tie_for_second_is_named_whole() -> None:
    s = load_scenario(FLOOD)
    weights, _ = resolve_weights(s, "nature")
    ranking = rank(s, weights, "promethee")
    tied = [r for r in ranking.ranking if r.rank == 2]
    assert len(tied) == 2
    said = lead_sentence(explain_lead(ranking, s))
    assert "0.425 ahead of Warning and Now (+0.075 each, tied for second)." in said


def test_a_lone_runner_up_reads_as_before() -> None:
    s = load_scenario(FLOOD)
    weights, _ = resolve_weights(s, "treasury")
    ranking = rank(s, weights)
    assert ranking.ranking[1].rank != ranking.ranking[2].rank
    said = lead_sentence(explain_lead(ranking, s))
    assert "tied for second" not in said and " ahead of " in said
