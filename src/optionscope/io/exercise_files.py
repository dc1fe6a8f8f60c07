"""Exercise files: YAML -> `Exercise`, every problem located at its line, checked against
the scenario it names."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from optionscope.io.errors import InputError, Located
from optionscope.io.scenario_files import bundled_dir, validation_problems
from optionscope.io.yaml_loader import LocatedDocument, load_yaml, read_text
from optionscope.model.checks import suggest
from optionscope.model.exercise import CHECKED_BY_THE_LOADER, Exercise, plan_problems
from optionscope.model.scenario import Scenario


def exercise_from_text(text: str, name: str) -> Exercise:
    return exercise_from_document(load_yaml(text, name))


def bundled_exercise_ids() -> list[str]:
    """The exercise files shipped with the scenario packs (`scenarios/exercises/`)."""
    folder = bundled_dir() / "exercises"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def resolve_exercise_path(ref: str | Path) -> Path:
    """A bundled exercise id (e.g. `minusma-2023-90min`) or a path -> the file to read."""
    text = str(ref)
    path = Path(text)
    if path.suffix.lower() in (".yaml", ".yml") or "/" in text or path.exists():
        return path
    candidate = bundled_dir() / "exercises" / f"{text}.yaml"
    if candidate.is_file():
        return candidate
    known = bundled_exercise_ids()
    raise InputError.at(
        text,
        f"no bundled exercise or file of that name{suggest(text, known)}; "
        f"bundled: {', '.join(known) or 'none'}",
    )


def load_exercise_text(ref: str | Path) -> str:
    """The text of an exercise file, named by its path or by a bundled exercise's id."""
    path = resolve_exercise_path(ref)
    return read_text(path, str(path))


def exercise_from_document(doc: LocatedDocument) -> Exercise:
    if not isinstance(doc.data, dict):
        raise InputError([doc.problem((), "", "an exercise file is a mapping of keys to values")])
    try:
        exercise = Exercise.model_validate(doc.data, context={CHECKED_BY_THE_LOADER: True})
    except ValidationError as err:
        raise InputError(validation_problems(err, doc, Exercise)) from None
    # here, not in the model: each at its own line, in the document's order
    problems = [doc.problem(p.path, p.dotted, p.message) for p in plan_problems(exercise)]
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line, p.column)))
    return exercise


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
