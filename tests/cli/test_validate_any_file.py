"""`validate` checks an exercise plan or a weights file as what it is. Given the bundled
exercise plan it gave ten problems of a scenario ('question' is required here, unknown
key 'phases', ...); a weights file got the same."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from optionscope.cli import cli

ROOT = Path(__file__).parents[2]
PLAN = ROOT / "scenarios" / "exercises" / "minusma-2023-90min.yaml"


def test_the_bundled_exercise_plans_validate_as_plans() -> None:
    plans = sorted((ROOT / "scenarios" / "exercises").glob("*.yaml"))
    out = CliRunner().invoke(cli, ["validate", *map(str, plans)])
    assert out.exit_code == 0, out.output
    for plan in plans:
        assert f"{plan}: ok (exercise plan for scenario " in out.stderr
    assert "phases" in out.stderr and "required here" not in out.stderr


def test_a_plan_naming_a_seat_its_scenario_lacks_is_refused_at_its_line(tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8")
    seats = text[text.index("\nbriefs:") :]
    seat = seats.split("\n")[2].split(":")[0].strip()
    assert seat and f"  {seat}:" in text
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(f"\n  {seat}:", "\n  no_such_seat:", 1), encoding="utf-8")
    line = text[: text.index(f"\n  {seat}:", text.index("\nbriefs:"))].count("\n") + 2
    out = CliRunner().invoke(cli, ["validate", str(path)])
    assert out.exit_code == 2, out.output
    assert f"{path}:{line}:" in out.stderr and "unknown seat 'no_such_seat'" in out.stderr


def test_a_weights_file_validates_against_the_scenario_it_names(tmp_path: Path) -> None:
    good = tmp_path / "w.yaml"
    good.write_text("scenario: minusma-2023\nweights: {host-consent: 2, annual-cost: 1}\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: minusma-2023\nweights:\n  host-consent: 2\n  costt: 1\n")
    out = CliRunner().invoke(cli, ["validate", str(good)])
    assert out.exit_code == 0, out.output
    assert f"{good}: ok (weights for scenario 'minusma-2023': 2 criteria weighed)" in out.stderr
    out = CliRunner().invoke(cli, ["validate", str(bad)])
    assert out.exit_code == 2, out.output
    assert f"{bad}:4:" in out.stderr and "unknown criterion 'costt'" in out.stderr


def test_a_scenario_with_a_problem_is_still_reported_as_a_scenario(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("options: []\nweights: {a: 1}\n")
    out = CliRunner().invoke(cli, ["validate", str(path)])
    assert out.exit_code == 2, out.output
    assert "'criteria' is required here" in out.stderr
