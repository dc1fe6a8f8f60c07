"""An exercise plan refuses what YAML reads as true or false where a number goes, and
locates its cross-checks (repeated ids, an inject due after the end) at their own line.

`minutes: true` was taken as a one-minute phase (`7 phases, 81 minutes`) and `at: off` as
minute 0, without a word; a repeated id or a late inject was reported at `3:1: (document)`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from optionscope.cli.workshop import workshop
from optionscope.io.errors import InputError, Located
from optionscope.io.exercise_files import exercise_from_text
from optionscope.io.scenario_files import bundled_dir

PLAN = bundled_dir() / "exercises" / "minusma-2023-90min.yaml"
SAID = "expected a number; YAML reads yes, no, on, off, true and false as true or false"


def changed(old: str, new: str, nth: int = 0) -> tuple[str, int]:
    """The bundled plan with its `nth` line `old` replaced by `new`, and that line's number."""
    lines = PLAN.read_text(encoding="utf-8").splitlines(keepends=True)
    numbers = [i for i, line in enumerate(lines) if line.rstrip("\n") == old]
    assert len(numbers) > nth, old
    k = numbers[nth]
    lines[k] = lines[k].replace(old, new)
    return "".join(lines), k + 1


def problems_of(text: str) -> list[Located]:
    with pytest.raises(InputError) as exc:
        exercise_from_text(text, "plan.yaml")
    return exc.value.problems


def the_line(text: str, line: str, nth: int = 0) -> int:
    return [i for i, s in enumerate(text.splitlines(), 1) if s == line][nth]


@pytest.mark.parametrize("word", ["true", "yes", "on", "false", "no", "off"])
def test_a_phase_of_true_or_false_minutes_is_refused_at_its_line(word: str) -> None:
    text, line = changed("    minutes: 10", f"    minutes: {word}")
    [p] = problems_of(text)
    assert (p.file, p.line, p.column) == ("plan.yaml", line, 5)
    assert p.field == "phases[0].minutes"
    assert p.message == SAID


@pytest.mark.parametrize("word", ["true", "yes", "on", "false", "no", "off"])
def test_an_inject_due_at_true_or_false_is_refused_at_its_line(word: str) -> None:
    text, line = changed("    at: 30", f"    at: {word}")
    [p] = problems_of(text)
    assert (p.line, p.column, p.field) == (line, 5, "injects[0].at")
    assert p.message == SAID


def test_a_schema_version_of_true_is_refused() -> None:
    text, line = changed("schema_version: 1", "schema_version: true")
    [p] = problems_of(text)
    assert (p.line, p.field) == (line, "schema_version")
    assert SAID in p.message


def test_numbers_and_a_true_answer_are_still_read() -> None:
    text, _ = changed("    minutes: 10", '    minutes: "10"')
    assert exercise_from_text(text, "plan.yaml").phases[0].minutes == 10
    text, _ = changed("    at: 30", "    at: 0")
    assert exercise_from_text(text, "plan.yaml").injects[0].at == 0
    exercise = exercise_from_text(PLAN.read_text(encoding="utf-8"), "plan.yaml")
    assert exercise.minutes == 90 and exercise.schema_version == 1
    assert isinstance(exercise.forecasts[0].answer, bool)  # a yes/no answer is true or false


def test_the_plan_command_refuses_minutes_true_with_exit_2(tmp_path: Path) -> None:
    db = str(tmp_path / "drill.db")
    made = CliRunner().invoke(
        workshop, ["new", "minusma-2023", "--db", db, "--name", "Drill", "--format", "json"]
    )
    code = yaml.safe_load(made.stdout)["facilitator_code"]
    text, line = changed("    minutes: 10", "    minutes: true")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    out = CliRunner().invoke(workshop, ["plan", str(bad), "--db", db, "--code", code])
    assert out.exit_code == 2, out.output
    assert f"{bad}:{line}:5: phases[0].minutes: {SAID}" in out.stderr
    assert "Traceback" not in out.stderr and "Plan attached" not in out.output


def test_an_inject_due_after_the_last_phase_is_refused_at_its_at() -> None:
    text, line = changed("    at: 30", "    at: 100000")
    [p] = problems_of(text)
    assert (p.line, p.column, p.field) == (line, 5, "injects[0].at")
    assert "minute 100000" in p.message and "(minute 90)" in p.message


def test_a_repeated_inject_id_is_refused_at_the_repeat() -> None:
    text, line = changed("  - id: flights", "  - id: hr-chief")
    [p] = problems_of(text)
    assert (p.line, p.column) == (line, 5)
    assert p.field.startswith("injects[") and p.field.endswith("].id")
    assert "'hr-chief' is already used by injects[0]" in p.message


def test_a_repeated_phase_id_is_refused_at_the_repeat() -> None:
    text, line = changed("  - id: plenary-1", "  - id: opening")
    [p] = problems_of(text)
    assert (p.line, p.column) == (line, 5)
    assert p.field.startswith("phases[") and p.field.endswith("].id")
    assert "'opening'" in p.message


def test_a_repeated_forecast_id_and_a_late_inject_are_all_listed() -> None:
    text = PLAN.read_text(encoding="utf-8")
    forecasts = yaml.safe_load(text)["forecasts"]
    assert len(forecasts) >= 2
    second = f"  - id: {forecasts[1]['id']}"
    text = text.replace(second, f"  - id: {forecasts[0]['id']}").replace("    at: 30", "    at: 91")
    problems = problems_of(text)
    assert [p.field.split("[")[0] for p in problems] == ["injects", "forecasts"]
    assert problems[0].line == the_line(text, "    at: 91")
    assert problems[1].line == the_line(text, f"  - id: {forecasts[0]['id']}", 1)
