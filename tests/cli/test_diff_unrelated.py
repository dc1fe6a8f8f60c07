"""`diff` compares two versions of one decision: two scenarios with no criterion id or no
option id in common are refused, and two scenarios of different ids are said to be so
first, in every format, before anything is compared."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.cli import cli

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.yaml"
CRITERIA = {"cost": "price", "safety": "risk", "speed": "time"}
OPTIONS = {"north": "hill", "south": "river", "none": "keep"}


def _renamed(text: str, names: dict[str, str]) -> str:
    return re.sub(r"\b(" + "|".join(names) + r")\b", lambda m: names[m.group(1)], text)


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_the_template_and_a_bundled_scenario_are_refused_as_two_decisions(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The finding: `status-quo` was matched across two decisions, 'Rank changes ... 1 -> 7'."""
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(cli, ["new", "base", "-o", "base.yaml"])
    assert made.exit_code == 0, made.output
    result = runner.invoke(cli, ["diff", "base.yaml", "minusma-2023"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Rank changes" not in result.output
    assert result.stderr == (
        "error: base.yaml / minusma-2023: not two versions of one decision: no criterion id "
        "in common (A is scenario 'base', B is scenario 'minusma-2023'); diff compares two "
        "versions of one scenario, or two weights files on one scenario (--scenario)\n"
    )
    # said before a profile of one of them (the template's `users`) is looked for in the other
    with_profile = runner.invoke(cli, ["diff", "base.yaml", "minusma-2023", "-p", "users"])
    assert with_profile.exit_code == 2
    assert with_profile.stderr == result.stderr


@pytest.mark.parametrize(
    ("names", "missing"),
    [
        (CRITERIA, "no criterion id in common"),
        (OPTIONS, "no option id in common"),
        ({**CRITERIA, **OPTIONS}, "no criterion id and no option id in common"),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "md", "json"])
@pytest.mark.parametrize("same_id", [True, False])
def test_two_scenarios_with_nothing_to_match_are_refused(
    runner: CliRunner,
    tmp_path: Path,
    names: dict[str, str],
    missing: str,
    fmt: str,
    same_id: bool,
) -> None:
    text = TINY.read_text(encoding="utf-8")
    other = _renamed(text, names)
    if not same_id:
        other = other.replace("id: tiny", "id: town", 1)
    a = _write(tmp_path / "a.yaml", text)
    b = _write(tmp_path / "b.yaml", other)
    result = runner.invoke(cli, ["diff", a, b, "--format", fmt])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    b_id = "tiny" if same_id else "town"
    assert result.stderr == (
        f"error: {a} / {b}: not two versions of one decision: {missing} (A is scenario "
        f"'tiny', B is scenario '{b_id}'); diff compares two versions of one scenario, or "
        "two weights files on one scenario (--scenario)\n"
    )


NOTE = (
    "A is scenario 'tiny' and B is scenario 'town', not two versions of one scenario: "
    "only the criteria and options with the same id in both are compared."
)


def test_two_scenarios_of_different_ids_are_compared_and_said_to_be_so_first(
    runner: CliRunner, tmp_path: Path
) -> None:
    text = TINY.read_text(encoding="utf-8")
    # B shares two criteria and two options with A; its id, one criterion and one option differ
    other = _renamed(text, {"speed": "time", "none": "keep"}).replace("id: tiny", "id: town", 1)
    a = _write(tmp_path / "a.yaml", text)
    b = _write(tmp_path / "b.yaml", other)
    outs = {}
    for fmt in ("table", "md", "json"):
        result = runner.invoke(cli, ["diff", a, b, "--format", fmt])
        assert result.exit_code == 0, result.output
        outs[fmt] = result.stdout
    assert outs["table"].splitlines()[0] == NOTE
    assert outs["md"].splitlines()[0] == NOTE
    data = json.loads(outs["json"])
    assert next(iter(data)) == "note"
    assert data["note"] == NOTE
    assert (data["scenario_a"], data["scenario_b"]) == ("tiny", "town")
    assert "Options in one run only" in outs["table"]  # the comparison goes on


@pytest.mark.parametrize("fmt", ["table", "md", "json"])
def test_two_versions_of_one_scenario_with_criteria_and_options_added_and_removed_are_compared(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    """What diff did before for two versions of one decision it does still: no note."""
    text = TINY.read_text(encoding="utf-8")
    a = _write(tmp_path / "a.yaml", text)
    b = _write(tmp_path / "b.yaml", _renamed(text, {"speed": "time", "none": "keep"}))
    result = runner.invoke(cli, ["diff", a, b, "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "is scenario" not in result.stdout
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["note"] is None
        assert (data["scenario_a"], data["scenario_b"]) == ("tiny", "tiny")
        assert sorted(o["option"] for o in data["options"]) == ["north", "south"]
    else:
        between = "\n\n" if fmt == "md" else "\n"  # Markdown: a line each, not one paragraph
        assert result.stdout.startswith(f"A: {a}{between}B: {b}\n")
        assert "Options in one run only: Do nothing (" in result.stdout


def test_two_weights_files_on_one_scenario_have_no_note(runner: CliRunner, tmp_path: Path) -> None:
    a = _write(tmp_path / "a.yaml", "weights: {cost: 60, safety: 20, speed: 20}\n")
    b = _write(tmp_path / "b.yaml", "weights: {cost: 10, safety: 30, speed: 60}\n")
    result = runner.invoke(cli, ["diff", a, b, "--scenario", str(TINY), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["note"] is None
