"""diff_rankings attributes a ranking's movement to weights and assessments."""

from __future__ import annotations

from pathlib import Path

import pytest

from optionscope.analysis.diff import diff_rankings
from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Assessment, Scenario
from optionscope.present.diff import diff_sentences

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.yaml"


@pytest.fixture
def tiny() -> Scenario:
    return load_scenario(TINY)


def with_value(s: Scenario, option: str, criterion: str, value: float) -> Scenario:
    rows = {o: dict(r) for o, r in s.assessments.items()}
    rows[option][criterion] = Assessment(value=value, rationale="changed")
    return s.model_copy(update={"assessments": rows})


def test_a_change_of_weights_that_changes_the_leader_is_explained_by_weight_effects(
    tiny: Scenario,
) -> None:
    treasurer = tiny.profile("treasurer").weights
    commuters = tiny.profile("commuters").weights
    d = diff_rankings(tiny, treasurer, tiny, commuters)
    assert d.ranking_a.leader.option == "none"
    assert d.ranking_b.leader.option == "north"
    assert d.pair == ("none", "north")
    # the parts add up to the change of the margin, exactly
    assert sum(s.total for s in d.shifts) == pytest.approx(d.margin_b - d.margin_a)
    assert all(s.value_effect == pytest.approx(0) for s in d.shifts)
    assert diff_sentences(d)[0].startswith("The leader changed")


def test_a_changed_assessment_is_explained_by_a_value_effect(tiny: Scenario) -> None:
    weights = tiny.profile("commuters").weights
    changed = with_value(tiny, "south", "speed", 20)  # south now saves as much time as north
    d = diff_rankings(tiny, weights, changed, weights)
    # 5 minutes is worth 40 on the piecewise function (0 -> 0, 10 -> 80), 20 minutes 100
    assert d.value_changes == [("south", "speed", 40.0, 100.0)]
    speed = next(s for s in d.shifts if s.criterion == "speed")
    assert speed.weight_effect == pytest.approx(0)
    assert abs(speed.value_effect) == pytest.approx(0.6 * 60)
    assert sum(s.total for s in d.shifts) == pytest.approx(d.margin_b - d.margin_a)


def test_the_same_inputs_give_no_rank_changes(tiny: Scenario) -> None:
    w = tiny.profile("treasurer").weights
    d = diff_rankings(tiny, w, tiny, w)
    assert d.weight_changes == {}
    assert d.value_changes == []
    assert all(o.rank_a == o.rank_b for o in d.options)
    assert d.margin_a == pytest.approx(d.margin_b)


def test_the_options_are_matched_by_id_without_searching_a_list_for_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # each option was looked up in a fresh list of the other scenario's ids: 14 s on 10,000
    import runpy

    generator = runpy.run_path(str(Path(__file__).parents[2] / "benchmarks" / "scenarios.py"))
    a = Scenario.model_validate(generator["scenario_data"](400, 5))
    b = with_value(a, a.options[7].id, "c1", 0.0)
    weights = {c: 1.0 for c in a.criterion_ids}
    reads = {"ids": 0}
    real = Scenario.option_ids.fget
    assert real is not None

    def counted(self: Scenario) -> list[str]:
        reads["ids"] += 1
        return real(self)

    monkeypatch.setattr(Scenario, "option_ids", property(counted))
    result = diff_rankings(a, weights, b, weights)
    assert reads["ids"] <= 10  # a few reads, not one per option
    assert [(o, c) for o, c, *_ in result.value_changes] == [(a.options[7].id, "c1")]


def test_a_tie_for_first_is_told_per_run_and_sharing_first_place_is_no_change_of_leader(
    tiny: Scenario,
) -> None:
    """A lead that became a tie was told as the same lead with a margin of 0.0, and when the
    tie listed the old leader second, as a change of leader."""
    equal = {c: 1.0 for c in tiny.criterion_ids}
    south_ahead = with_value(tiny, "south", "safety", 9)  # South road leads alone by 3.3
    # under equal weights North road and South road tie, North road listed first
    became_tie = diff_rankings(south_ahead, equal, tiny, equal)
    assert (became_tie.tied_a, became_tie.tied_b) == ([], ["north", "south"])
    assert (became_tie.leader_a, became_tie.leader_b) == ("south", "south")
    assert became_tie.pair == ("south", "north")
    assert became_tie.margin_a == pytest.approx(10 / 3)
    assert became_tie.margin_b == pytest.approx(0, abs=1e-9)

    became_lead = diff_rankings(tiny, equal, south_ahead, equal)
    assert (became_lead.tied_a, became_lead.tied_b) == (["north", "south"], [])
    assert (became_lead.leader_a, became_lead.leader_b) == ("south", "south")
    assert became_lead.pair == ("south", "north")
    assert became_lead.margin_a == pytest.approx(0, abs=1e-9)
    assert became_lead.margin_b == pytest.approx(10 / 3)
    assert sum(s.total for s in became_lead.shifts) == pytest.approx(
        became_lead.margin_b - became_lead.margin_a
    )

    neither = diff_rankings(south_ahead, equal, south_ahead, equal)
    assert (neither.tied_a, neither.tied_b) == ([], [])
