"""The decision-date rules of `validate --strict`, on a scenario outside peace operations."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from optionscope.io.scenario_files import load_scenario
from optionscope.model.checks import consistency_problems, strict_problems
from optionscope.model.evidence import cited_source_ids, date_bounds, may_postdate
from optionscope.model.scenario import Scenario

DATA = Path(__file__).parents[1] / "data"
BRIDGE = DATA / "bridge-2021.yaml"
BRIDGE_TEXT = BRIDGE.read_text(encoding="utf-8")
PROXY_BLOCK = """      proxies:
        - source: survey-2021-09
          reason: The piers' condition measured in the summer had not changed since the winter.
"""


OFF_SCALE = "(0 to 10): repair at -1 to 2"


def bridge_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(BRIDGE_TEXT)
    return data


def strict_messages(data: dict[str, Any]) -> list[tuple[str, str]]:
    s = Scenario.model_validate(data)
    return [(p.dotted, p.message) for p in consistency_problems(s) + strict_problems(s)]


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "optionscope", "validate", "--strict", path.name],
        cwd=path.parent,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_partial_date_spans_its_first_to_its_last_day() -> None:
    assert date_bounds("2024") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert date_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_bounds("2024-02-10") == (dt.date(2024, 2, 10), dt.date(2024, 2, 10))


def test_a_month_ends_on_its_calendar_last_day_in_any_year() -> None:
    import calendar

    for year in (1900, 1999, 2000, 2023, 2024, 9999):
        for month in range(1, 13):
            last = calendar.monthrange(year, month)[1]
            assert date_bounds(f"{year}-{month:02d}") == (
                dt.date(year, month, 1),
                dt.date(year, month, last),
            )


def test_a_date_that_does_not_rule_out_a_later_publication_counts_as_later() -> None:
    as_of = dt.date(2023, 1, 16)
    assert may_postdate("2023", as_of)
    assert may_postdate("2023-01", as_of)
    assert not may_postdate("2023-01-16", as_of)
    assert not may_postdate("2022", as_of)


def test_the_marked_scenario_passes_strict_validation() -> None:
    assert strict_messages(bridge_data()) == []


def test_without_its_proxy_mark_the_scenario_fails_with_file_line_and_field(
    tmp_path: Path,
) -> None:
    assert PROXY_BLOCK in BRIDGE_TEXT
    target = tmp_path / "bridge.yaml"
    target.write_text(BRIDGE_TEXT.replace(PROXY_BLOCK, ""), encoding="utf-8")
    line = next(
        i
        for i, text in enumerate(target.read_text(encoding="utf-8").splitlines(), start=1)
        if "sources: [council-minutes-2021-02, survey-2021-09]" in text
    )
    done = validate(target)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"bridge.yaml:{line}:" in done.stderr
    assert "assessments.repair.safety.sources[1]" in done.stderr
    assert "'survey-2021-09' (2021-09) may postdate the decision date (2021-03-01)" in done.stderr
    # without --strict the file still loads: the rule is part of the evidence discipline
    assert load_scenario(target).id == "bridge-2021"


def test_a_proxy_mark_on_a_source_published_in_time_is_refused() -> None:
    data = bridge_data()
    safety = data["assessments"]["repair"]["safety"]
    safety["proxies"][0]["source"] = "council-minutes-2021-02"
    assert strict_messages(data) == [
        (
            "assessments.repair.safety.sources[1]",
            "'survey-2021-09' (2021-09) may postdate the decision date (2021-03-01); mark it "
            "under `proxies` with the reason it may stand for what was knowable then, or give "
            "its exact date",
        ),
        (
            "assessments.repair.safety.proxies[0].source",
            "'council-minutes-2021-02' (2021-02-18) was published by the decision date, so it "
            "is evidence, not a proxy; remove the mark",
        ),
    ]


def test_a_proxy_must_name_a_source_the_assessment_cites() -> None:
    data = bridge_data()
    data["assessments"]["repair"]["safety"]["sources"] = ["council-minutes-2021-02"]
    s = Scenario.model_validate(data)
    assert [(p.dotted, p.message) for p in consistency_problems(s)] == [
        (
            "assessments.repair.safety.proxies[0].source",
            "'survey-2021-09' is not among this assessment's sources; list it in `sources` too",
        )
    ]


def test_a_proxy_needs_a_reason() -> None:
    data = bridge_data()
    data["assessments"]["repair"]["safety"]["proxies"][0]["reason"] = ""
    with pytest.raises(ValueError, match="at least 1 character"):
        Scenario.model_validate(data)


def test_an_event_dated_before_the_decision_is_refused() -> None:
    data = bridge_data()
    data["events"][0]["date"] = "2021-02"
    assert strict_messages(data) == [
        (
            "events[0].date",
            "the event (2021-02) happened before the decision date (2021-03-01); what was known "
            "then belongs in the summary, the framing or the assessments",
        )
    ]


def test_an_event_in_the_month_of_the_decision_is_allowed() -> None:
    data = bridge_data()
    data["events"][0]["date"] = "2021-03"
    assert strict_messages(data) == []


def test_an_effect_that_takes_an_assessment_off_its_scale_is_refused() -> None:
    data = bridge_data()
    data["events"][0]["effects"][0]["delta"] = -5  # repair safety 6 (4-7) -> 1 (-1 to 2)
    assert strict_messages(data) == [
        ("events[0].effects[0].delta", f"takes 'safety' outside its scale {OFF_SCALE}")
    ]


def test_effects_add_up_in_event_order_before_the_scale_is_checked() -> None:
    data = bridge_data()
    second = {
        "id": "second-flood",
        "date": "2021-07",
        "title": "Second flood",
        "text": "Again.",
        "effects": [{"option": "*", "criterion": "safety", "delta": -3, "note": "More scour."}],
        "sources": ["survey-2021-09"],
    }
    data["events"].append(second)
    # repair: 6 (4-7) -2 -> 4 (2-5) -3 -> 1 (-1 to 2); the others stay on the scale
    assert strict_messages(data) == [
        ("events[1].effects[0].delta", f"takes 'safety' outside its scale {OFF_SCALE}")
    ]


def test_an_effect_value_off_the_scale_is_refused() -> None:
    data = bridge_data()
    effect = data["events"][0]["effects"][0]
    del effect["delta"]
    effect["value"] = 11
    assert strict_messages(data) == [
        ("events[0].effects[0].value", "takes 'safety' outside its scale (0 to 10): repair at 11")
    ]


def test_a_source_nothing_cites_is_reported() -> None:
    data = bridge_data()
    data["options"][2]["sources"] = ["council-minutes-2021-02"]
    assert strict_messages(data) == [
        ("sources[2].id", "nothing cites 'traffic-count-2020'; cite it or remove it")
    ]


def test_citations_are_found_in_every_part_of_the_scenario() -> None:
    s = load_scenario(BRIDGE)
    cited = {"council-minutes-2021-02", "survey-2021-09", "traffic-count-2020"}
    assert cited_source_ids(s) == cited


@pytest.mark.parametrize("ref", ["minusma-2023", "monusco-2024"])
def test_both_packs_keep_the_decision_date(ref: str) -> None:
    s = load_scenario(ref)
    assert strict_problems(s) == []
    assert any(a.proxies for row in s.assessments.values() for a in row.values())


@pytest.mark.parametrize(
    ("old", "new", "needle", "field"),
    [
        ('    date: "2021-06"\n', '    date: "2021-01"\n', 'date: "2021-01"', "events[0].date"),
        ("        delta: -2\n", "        delta: -5\n", "delta: -5", "events[0].effects[0].delta"),
        (
            "    sources: [council-minutes-2021-02, traffic-count-2020]\n",
            "    sources: [council-minutes-2021-02]\n",
            "- id: traffic-count-2020",
            "sources[2].id",
        ),
    ],
    ids=["event-before-the-date", "effect-off-the-scale", "uncited-source"],
)
def test_each_rule_is_reported_at_its_line_with_exit_code_2(
    tmp_path: Path, old: str, new: str, needle: str, field: str
) -> None:
    assert BRIDGE_TEXT.count(old) == 1
    text = BRIDGE_TEXT.replace(old, new)
    target = tmp_path / "bridge.yaml"
    target.write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), start=1) if needle in t)
    done = validate(target)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"bridge.yaml:{line}:" in done.stderr
    assert f": {field}: " in done.stderr
