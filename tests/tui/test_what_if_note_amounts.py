"""A what-if value saved into a scenario is noted as every stated amount reads: the note
said 'value changed from 2e-05 to 1e-05' where show prints 0.00002 and 0.00001."""

from __future__ import annotations

from pathlib import Path

import yaml

from optionscope.io.scenario_files import load_scenario
from optionscope.tui._session import Session
from optionscope.tui.screens._main_files import scenario_with_overrides

FLOOD = Path(__file__).parents[1] / "data" / "flood-rivermouth.yaml"


def test_the_note_of_a_small_what_if_value_has_no_exponent() -> None:
    s = load_scenario(FLOOD)
    oid, row = next(iter(s.assessments.items()))
    cid = next(iter(row))
    session = Session(s)
    session.overrides[(oid, cid)] = 0.00001
    saved = yaml.safe_load(scenario_with_overrides(session))
    note = saved["assessments"][oid][cid]["rationale"]
    assert "to 0.00001 in optionscope" in note and "e-0" not in note
