"""Exercise files: YAML -> `Exercise`, every problem located at its line, checked against
the scenario it names."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from optionscope.io.errors import InputError, Located
from optionscope.io.scenario_files import validation_problems
from optionscope.io.yaml_loader import LocatedDocument, load_yaml, read_text
from optionscope.model.checks import suggest
from optionscope.model.exercise import Exercise
from optionscope.model.scenario import Scenario


def exercise_from_text(text: str, name: str) -> Exercise:
    return exercise_from_document(load_yaml(text, name))


def load_exercise_text(path: str | Path) -> str:
    return read_text(Path(path), str(path))


def exercise_from_document(doc: LocatedDocument) -> Exercise:
    if not isinstance(doc.data, dict):
        raise InputError([doc.problem((), "", "an exercise file is a mapping of keys to values")])
    try:
        return Exercise.model_validate(doc.data)
    except ValidationError as err:
        raise InputError(validation_problems(err, doc, Exercise)) from None


def check_against(exercise: Exercise, scenario: Scenario, doc: LocatedDocument) -> None:
    """Refuse seats, events and scenario ids the scenario does not have, each at its line."""
    problems: list[Located] = []
    if exercise.scenario != scenario.id:
        problems.append(
            doc.problem(
                ("scenario",),
                "scenario",
                f"this exercise is for scenario '{exercise.scenario}'; the workshop runs "
                f"'{scenario.id}'",
            )
        )
    seats = [p.id for p in scenario.profiles]
    events = [e.id for e in scenario.events]
    for i, inject in enumerate(exercise.injects):
        for j, seat in enumerate(inject.seats):
            if seat not in seats:
                problems.append(
                    doc.problem(
                        ("injects", i, "seats", j),
                        f"injects.{i}.seats.{j}",
                        f"unknown seat '{seat}'{suggest(seat, seats)}",
                    )
                )
        if inject.event is not None and inject.event not in events:
            problems.append(
                doc.problem(
                    ("injects", i, "event"),
                    f"injects.{i}.event",
                    f"unknown event '{inject.event}'{suggest(inject.event, events)}",
                )
            )
    for seat in exercise.briefs:
        if seat not in seats:
            problems.append(
                doc.problem(
                    ("briefs", seat),
                    f"briefs.{seat}",
                    f"unknown seat '{seat}'{suggest(seat, seats)}",
                )
            )
    for i, f in enumerate(exercise.forecasts):
        if f.resolves_with != "outcome" and f.resolves_with not in events:
            problems.append(
                doc.problem(
                    ("forecasts", i, "resolves_with"),
                    f"forecasts.{i}.resolves_with",
                    f"unknown event '{f.resolves_with}'{suggest(f.resolves_with, events)}; "
                    "name one of the scenario's events or 'outcome'",
                )
            )
    if problems:
        raise InputError(problems)


def exercise_for(text: str, name: str, scenario: Scenario) -> Exercise:
    """Parse an exercise file's text and check it against the workshop's scenario."""
    doc = load_yaml(text, name)
    exercise = exercise_from_document(doc)
    check_against(exercise, scenario, doc)
    return exercise
