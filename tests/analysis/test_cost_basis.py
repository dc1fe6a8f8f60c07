"""Value against cost on one basis: totals, additions converted, timings never mixed."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from optionscope.analysis.cost_basis import stated_timings
from optionscope.analysis.dominance import value_cost_frontier
from optionscope.io.errors import InputError
from optionscope.io.scenario_files import load_scenario
from optionscope.model.costs import StatedTimings
from optionscope.model.scenario import Scenario
from optionscope.present.costs import cost_basis_words

ROOT = Path(__file__).parents[2]
FLOOD = ROOT / "tests" / "data" / "flood-defence.yaml"
Run = Callable[..., subprocess.CompletedProcess[str]]


def _equal(s: Scenario) -> dict[str, float]:
    return {c: 1.0 for c in s.criterion_ids}


def _label(s: Scenario) -> Callable[[str], str]:
    return lambda o: s.option(o).label


def test_an_added_cost_is_never_set_next_to_a_total() -> None:
    # Finding 3: against the stated costs, Reinf. +2,000 was placed at its added cost
    # (177) next to Consolidate's total (1,200), and the screen concluded "Consol. north
    # beaten by Reinf. +2,000".
    s = load_scenario(ROOT / "scenarios" / "minusma-2023.yaml")
    for timing in [None, *stated_timings(s)]:
        f = value_cost_frontier(s, _equal(s), timing=timing)
        cost = {p.option: p.cost for p in f.points}
        assert cost["reinforce-2000"] == pytest.approx(1377)  # 1,200 + 177
        assert cost["reinforce-3680"] == pytest.approx(1525)  # 1,200 + 325
        assert cost["consolidate"] == pytest.approx(1200)
        north = next(p for p in f.points if p.option == "consolidate-north")
        assert "reinforce-2000" not in north.beaten_by
        words = cost_basis_words(f, _label(s))
        assert words.startswith("each option's total cost, recurring per year (USD, 2023 prices)")


def _flood(tmp_path: Path, maintenance_upstream: str) -> Path:
    """The flood scenario (pounds) with one-off capital costs and recurring upkeep."""
    text = FLOOD.read_text(encoding="utf-8")
    costs = {
        "walls": "{label: Build, amount: 180, timing: one-off}, {label: Upkeep, amount: 2}",
        "barrier": "{label: Build, amount: 320, timing: one-off}, {label: Upkeep, amount: 6}",
        "upstream": "{label: Build, amount: 140, timing: one-off}, " + maintenance_upstream,
        "none": "{label: Build, amount: 20, timing: one-off}, {label: Upkeep, amount: 1.5}",
    }
    for oid, entries in costs.items():
        text = text.replace(
            f"  - id: {oid}\n",
            f"  - id: {oid}\n    costs: [{entries}]\n",
            1,
        )
    text = text.replace(
        "options:\n",
        "cost_defaults: {timing: recurring, period: year, currency: GBP, price_year: 2024}\n"
        "options:\n",
        1,
    )
    text = text.replace("amount: ", "unit: GBP million, basis: figure, sources: [study], amount: ")
    path = tmp_path / "flood-costs.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_one_off_and_recurring_costs_are_two_bases(tmp_path: Path) -> None:
    # Upkeep of the upstream storage is stated as what it adds to the present defences.
    s = load_scenario(
        _flood(tmp_path, "{label: Added upkeep, amount: 0.5, kind: addition}"), strict=True
    )
    timings = stated_timings(s)
    assert timings == [StatedTimings("one-off", None), StatedTimings("recurring", "year")]
    build = value_cost_frontier(s, _equal(s), timing=timings[0])
    assert [p.cost for p in build.points] == [180, 320, 140, 20]
    assert cost_basis_words(build, _label(s)) == (
        "each option's total cost, one-off (GBP, 2024 prices)"
    )
    upkeep = value_cost_frontier(s, _equal(s), timing=timings[1])
    # the addition is counted from the reference option's total: 1.5 + 0.5
    assert [p.cost for p in upkeep.points] == pytest.approx([2, 6, 2, 1.5])
    assert upkeep.stated is not None and upkeep.stated.converted == (("upstream", "none"),)
    words = cost_basis_words(upkeep, _label(s))
    assert words.startswith("each option's total cost, recurring per year (GBP, 2024 prices)")
    assert "Upstream storage and wetlands: Maintain current defences's total" in words
    # capital cost is a criterion: value against stated capital leaves it out, once
    assert build.value_basis == "additive value without Capital cost"


def test_costs_of_different_timings_are_refused_not_mixed(tmp_path: Path) -> None:
    # The upstream option states its upkeep only: by default each option's first total
    # would set it (recurring) next to the others' capital (one-off).
    text = _flood(tmp_path, "").read_text(encoding="utf-8")
    text = text.replace(
        "{label: Build, unit: GBP million, basis: figure, sources: [study], amount: 140, "
        "timing: one-off}, ",
        "{label: Upkeep, unit: GBP million, basis: figure, sources: [study], amount: 3}",
    )
    path = tmp_path / "mixed.yaml"
    path.write_text(text, encoding="utf-8")
    s = load_scenario(path)
    with pytest.raises(ValueError, match="mix one-off and recurring costs"):
        value_cost_frontier(s, _equal(s))
    assert stated_timings(s) == [StatedTimings("recurring", "year")]


def test_an_addition_needs_a_total_to_count_from(tmp_path: Path) -> None:
    text = _flood(tmp_path, "{label: Added upkeep, amount: 0.5, kind: addition}").read_text(
        encoding="utf-8"
    )
    text = text.replace(
        "{label: Upkeep, unit: GBP million, basis: figure, sources: [study], amount: 1.5}", ""
    ).replace("timing: one-off}, ]", "timing: one-off}]")
    path = tmp_path / "no-base.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="states no total on the same timing"):
        load_scenario(path)  # refused where the addition is written, before any frontier
    s = Scenario.model_validate(yaml.safe_load(text))  # unchecked, as a program may build it
    with pytest.raises(ValueError, match="states no total on the same timing"):
        value_cost_frontier(s, _equal(s), timing=StatedTimings("recurring", "year"))


def test_an_addition_without_an_option_to_count_from_is_refused_where_it_is(
    tmp_path: Path, run_optionscope: Run
) -> None:
    text = _flood(tmp_path, "{label: Added upkeep, amount: 0.5, kind: addition}").read_text(
        encoding="utf-8"
    )
    path = tmp_path / "no-reference.yaml"
    path.write_text(text.replace("    reference: true\n", ""), encoding="utf-8")
    result = run_optionscope("validate", path)
    assert result.returncode == 2
    assert "options[2].costs[1].kind" in result.stderr
    assert "relative_to" in result.stderr and "reference: true" in result.stderr
    assert "Traceback" not in result.stderr


def test_frontier_says_its_basis_and_never_mixes_timings(
    tmp_path: Path, run_optionscope: Run
) -> None:
    path = _flood(tmp_path, "{label: Added upkeep, amount: 0.5, kind: addition}")
    upkeep = run_optionscope("frontier", path, "--stated-costs", "recurring")
    assert upkeep.returncode == 0, upkeep.stderr
    assert "Cost: each option's total cost, recurring per year (GBP, 2024 prices)" in (
        upkeep.stdout
    )
    build = run_optionscope("frontier", path, "--stated-costs", "one-off", "--format", "json")
    assert build.returncode == 0, build.stderr
    assert '"timing": "one-off"' in build.stdout
    minusma = ROOT / "scenarios" / "minusma-2023.yaml"
    none = run_optionscope("frontier", minusma, "--stated-costs", "one-off")
    assert none.returncode == 2
    assert "--stated-costs: not every option states a one-off cost" in none.stderr


def _unchecked(tiny_data: dict[str, Any], north: dict[str, Any], *, base: bool = True) -> Scenario:
    """The tiny scenario with Do nothing's total (5) and North road's cost, not checked:
    what the frontier is given by a program that builds a scenario itself."""
    common = {"label": "Upkeep", "unit": "million", "basis": "figure"}
    tiny_data["options"][2]["costs"] = [{**common, "amount": 5}] if base else []
    tiny_data["options"][0]["costs"] = [{**common, **north}]
    tiny_data["options"][1]["costs"] = [{**common, "amount": 40}]
    return Scenario.model_validate(tiny_data)


def test_a_saving_that_would_leave_a_total_below_zero_is_refused_not_set_against_value(
    tiny_data: dict[str, Any],
) -> None:
    s = _unchecked(tiny_data, {"amount": 100, "kind": "saving"})
    with pytest.raises(ValueError, match=r"North road's total below zero \(-95\)"):
        value_cost_frontier(s, _equal(s))


def test_the_kind_of_a_cost_is_named_with_its_article(tiny_data: dict[str, Any]) -> None:
    s = _unchecked(tiny_data, {"amount": 10, "kind": "saving"}, base=False)
    with pytest.raises(ValueError) as caught:
        value_cost_frontier(s, _equal(s))
    assert "North road's cost 'Upkeep' is a saving on Do nothing's total" in str(caught.value)


def _template(tmp_path: Path, run: Run, option_b: str, status_quo: str) -> Path:
    """`optionscope new s`, with these costs given to Option B and the status quo."""
    assert run("new", "s", cwd=tmp_path).returncode == 0
    path = tmp_path / "s.yaml"
    text = path.read_text(encoding="utf-8")
    for summary, costs in (("What option B does.", option_b), ("Carry on as now.", status_quo)):
        text = text.replace(f"    summary: {summary}\n", f"    summary: {summary}\n{costs}", 1)
    path.write_text(text, encoding="utf-8")
    return path


def _annual(amount: int, kind: str) -> str:
    return (
        f"    costs: [{{label: Annual cost, amount: {amount}, kind: {kind}, "
        "unit: USD million per year, timing: recurring, period: year, currency: USD, "
        "price_year: 2026, basis: figure, sources: [example-report]}]\n"
    )


def test_validate_refuses_a_saving_larger_than_the_total_before_frontier_sees_it(
    tmp_path: Path, run_optionscope: Run
) -> None:
    path = _template(tmp_path, run_optionscope, _annual(100, "saving"), _annual(5, "total"))
    for command in ("validate", "frontier"):
        args = ["--strict", path] if command == "validate" else [path]
        result = run_optionscope(command, *args)
        assert result.returncode == 2, result.stdout
        assert result.stderr == (
            f"error: {path}:88:34: options[1].costs[0].amount: Option B's cost 'Annual cost' "
            "saves 100 on Status quo's total of 5, which would put Option B's total below "
            "zero (-95): a saving is at most the total it is taken from; check the two "
            "amounts\n"
        )


def test_validate_refuses_a_negative_total(tmp_path: Path, run_optionscope: Run) -> None:
    path = _template(tmp_path, run_optionscope, _annual(-10, "total"), _annual(5, "total"))
    result = run_optionscope("validate", "--strict", path)
    assert result.returncode == 2, result.stdout
    assert result.stderr == (
        f"error: {path}:88:34: options[1].costs[0].amount: -10 is below zero: "
        "a total cost is zero or more\n"
    )


def test_validate_refuses_a_saving_on_an_option_that_states_no_total(
    tmp_path: Path, run_optionscope: Run
) -> None:
    path = _template(tmp_path, run_optionscope, _annual(100, "saving"), "")
    result = run_optionscope("validate", "--strict", path)
    assert result.returncode == 2, result.stdout
    assert "options[1].costs[0].kind: Option B's cost 'Annual cost' is a saving on " in (
        result.stderr
    )
    assert "an saving" not in result.stderr


def test_validate_refuses_a_second_reference_option_where_it_is_marked(
    tmp_path: Path, run_optionscope: Run
) -> None:
    path = _template(tmp_path, run_optionscope, "    reference: true\n", "")
    result = run_optionscope("validate", "--strict", path)
    assert result.returncode == 2, result.stdout
    assert result.stderr == (
        f"error: {path}:93:5: options[2].reference: 'option-b' is already the reference "
        "option, and a scenario has one: drop reference: true here or there\n"
    )
