"""Exercise plans and weights files checked as what they are, for `validate`.

`validate` takes any file optionscope reads. A YAML file that is not a scenario is told
by its top-level keys: an exercise plan has `phases` (or injects, briefs, forecasts), a
weights file `weights`, and neither has a scenario's options, criteria or assessments.
Each is checked as its own command would check it, against the scenario it names, every
problem at its line; a scenario's problems are reported as a scenario's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from optionscope.io.errors import InputError

SCENARIO_KEYS = frozenset({"options", "criteria", "assessments"})
EXERCISE_KEYS = frozenset({"phases", "injects", "briefs", "forecasts"})


def kind_of(data: Any) -> str:
    """`scenario`, `exercise` or `weights`, by a document's top-level keys."""
    if not isinstance(data, dict):
        return "scenario"
    keys = {str(k) for k in data}
    if keys & SCENARIO_KEYS:
        return "scenario"
    if keys & EXERCISE_KEYS:
        return "exercise"
    return "weights" if "weights" in keys else "scenario"


def checked_as_its_kind(path: str) -> str | None:
    """What an exercise plan or a weights file at `path` holds, once checked (its problems
    raised, located); None for a file to be checked as a scenario (or not read as YAML)."""
    from optionscope.io.yaml_loader import load_yaml, read_text

    file = Path(path)
    try:
        if file.suffix.lower() not in (".yaml", ".yml") or not file.is_file():
            return None
        doc = load_yaml(read_text(file, path), path)
    except (InputError, OSError):
        return None  # the scenario reader has said what is wrong with it
    kind = kind_of(doc.data)
    if kind == "exercise":
        return _exercise(doc, path)
    if kind == "weights":
        return _weights(doc, path)
    return None


def _exercise(doc: Any, path: str) -> str:
    from optionscope.io.exercise_files import check_against, exercise_from_document

    exercise = exercise_from_document(doc)
    held = (
        f"exercise plan for scenario '{exercise.scenario}': {len(exercise.phases)} phases, "
        f"{exercise.minutes} minutes, {len(exercise.injects)} injects, "
        f"{len(exercise.forecasts)} forecast questions"
    )
    scenario = _named_scenario(exercise.scenario)
    if scenario is None:
        return (
            f"{held}; no bundled scenario has that id, so its seats and events were not "
            "checked: they are when the plan is attached to a workshop"
        )
    check_against(exercise, scenario, doc)
    return held


def _weights(doc: Any, path: str) -> str:
    from optionscope.io.weights import (
        check_weights,
        scenario_named_in,
        weights_from_document,
    )

    weights = weights_from_document(doc)
    count = len(weights.weights)
    held = f"{count} {'criterion' if count == 1 else 'criteria'} weighed"
    if weights.scenario is None:
        return (
            f"weights file: {held}; it names no scenario, so its criteria were not checked: "
            "add `scenario: <id>`, or give it to a command with its scenario"
        )
    scenario = scenario_named_in(path, weights.scenario)
    check_weights(scenario, weights.weights, "weights", path)
    return f"weights for scenario '{scenario.id}': {held}"


def _named_scenario(ref: str) -> Any | None:
    """The bundled scenario (or file) an exercise plan names; None if there is none."""
    from optionscope.io.scenario_files import bundled_ids, load_scenario

    try:
        if ref not in bundled_ids() and not Path(ref).is_file():
            return None
    except OSError:  # a name the system refuses
        return None
    return load_scenario(ref)
