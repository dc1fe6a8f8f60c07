"""The scenario a weights or judgements file names: `diff` refuses a file made for another
scenario as `rank` does, and a name that leads to no scenario is refused at the file's
`scenario:` line, never as a bare name."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from optionscope.cli import cli

TINY = Path(__file__).parents[1] / "data" / "tiny.yaml"
MADE_FOR = "scenario: these weights were made for scenario '{made_for}', not '{scenario}'"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_diff_refuses_a_second_weights_file_made_for_another_scenario(tmp_path: Path) -> None:
    shutil.copy(TINY, tmp_path / "tiny.yaml")  # the scenario `scenario: tiny` names, beside
    a = _write(tmp_path / "a.yaml", "weights: {cost: 1}\nscenario: tiny\n")
    b = _write(tmp_path / "b.yaml", "weights: {cost: 1}\nscenario: other\n")
    out = _run("diff", str(a), str(b))
    assert out.exit_code == 2, out.output
    assert f"{b}:2:1: {MADE_FOR.format(made_for='other', scenario='tiny')}" in out.stderr
    assert out.stdout == "" and "Traceback" not in out.output


def test_diff_refuses_a_weights_file_made_for_another_scenario_than_the_one_given(
    tmp_path: Path,
) -> None:
    a = _write(tmp_path / "a.yaml", "weights: {cost: 1, safety: 1}\n")
    b = _write(tmp_path / "b.yaml", "note: mine\nscenario: other\nweights: {cost: 1}\n")
    for order in ((a, b), (b, a)):
        out = _run("diff", str(order[0]), str(order[1]), "-s", str(TINY))
        assert out.exit_code == 2, out.output
        assert f"{b}:2:1: {MADE_FOR.format(made_for='other', scenario='tiny')}" in out.stderr
        assert out.stdout == ""


def test_diff_refuses_with_the_message_rank_gives(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.yaml", "weights: {cost: 1}\n")
    b = _write(tmp_path / "b.yaml", "weights: {cost: 1}\nscenario: other\n")
    ranked = _run("rank", str(TINY), "--weights", str(b))
    diffed = _run("diff", str(a), str(b), "--scenario", str(TINY))
    assert (ranked.exit_code, diffed.exit_code) == (2, 2)
    assert diffed.stderr == ranked.stderr


def test_diff_of_weights_files_made_for_the_scenario_runs(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.yaml", "weights: {cost: 1}\nscenario: tiny\n")
    b = _write(tmp_path / "b.yaml", "weights: {speed: 1}\nscenario: tiny\n")
    out = _run("diff", str(a), str(b), "-s", str(TINY))
    assert out.exit_code == 0, out.output
    shutil.copy(TINY, tmp_path / "tiny.yaml")
    out = _run("diff", str(a), str(b))
    assert out.exit_code == 0, out.output


def test_diff_refuses_a_scenario_named_in_a_weights_file_that_is_none_at_its_line(
    tmp_path: Path,
) -> None:
    a = _write(tmp_path / "a.yaml", "weights: {cost: 1}\nscenario: no-such-scenario\n")
    b = _write(tmp_path / "b.yaml", "weights: {cost: 1}\n")
    for first, second in ((a, a), (a, b), (b, a)):
        out = _run("diff", str(first), str(second))
        assert out.exit_code == 2, out.output
        assert f"{a}:2:1: scenario: 'no-such-scenario': no bundled scenario" in out.stderr
        assert "--scenario" in out.stderr
        assert not out.stderr.startswith("error: no-such-scenario:")
        assert out.stdout == "" and "Traceback" not in out.output


def test_ahp_refuses_a_scenario_named_in_the_judgements_file_that_is_none_at_its_line(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path / "j.yaml",
        "# for the town\nscenario: no-such-scenario\njudgements:\n  - [cost, safety, 3]\n",
    )
    out = _run("weights", "ahp", str(path))
    assert out.exit_code == 2, out.output
    assert f"{path}:2:1: scenario: 'no-such-scenario': no bundled scenario" in out.stderr
    assert "--scenario" in out.stderr
    assert out.stdout == "" and "Traceback" not in out.output


def test_ahp_reads_the_scenario_its_judgements_file_names(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "j.yaml",
        f"scenario: {TINY}\njudgements:\n  - [cost, safety, 3]\n  - [cost, speed, 5]\n"
        "  - [safety, speed, 2]\n",
    )
    out = _run("weights", "ahp", str(path), "--format", "json")
    assert out.exit_code == 0, out.output
    assert '"scenario": "tiny"' in out.stdout
