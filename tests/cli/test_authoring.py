"""Authoring and reproducibility from the command line: new, diff, provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.cli import cli

TINY = str(Path(__file__).resolve().parents[1] / "data" / "tiny.yaml")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_a_scenario_written_from_the_template_validates_strictly_and_ranks(
    runner: CliRunner, tmp_path: Path
) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        made = runner.invoke(cli, ["new", "water-2025", "--title", 'Water "supply" [bold]'])
        assert made.exit_code == 0, made.output
        assert Path("water-2025.yaml").exists()
        assert json.loads(Path("scenario.schema.json").read_text())["title"]
        ok = runner.invoke(cli, ["validate", "--strict", "water-2025.yaml"])
        assert ok.exit_code == 0, ok.output
        ranked = runner.invoke(cli, ["rank", "water-2025.yaml", "--profile", "users"])
        assert ranked.exit_code == 0
        assert "A leads with 64.0, 10.0 points ahead of B (54.0)." in ranked.stdout


def test_new_refuses_to_overwrite_an_existing_file(runner: CliRunner, tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        Path("mine.yaml").write_text("precious", encoding="utf-8")
        result = runner.invoke(cli, ["new", "mine"])
        assert result.exit_code == 2
        assert "exists" in result.stderr
        assert Path("mine.yaml").read_text(encoding="utf-8") == "precious"


def test_new_treats_a_link_to_nothing_as_a_name_taken(runner: CliRunner, tmp_path: Path) -> None:
    """A dangling link as the scenario's name was said to need --force, which `new` has
    not; as the schema's, the template was written and the command then failed."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        Path("mine.yaml").symlink_to(tmp_path / "nowhere.yaml")
        result = runner.invoke(cli, ["new", "mine"])
        assert result.exit_code == 2
        assert result.stderr == (
            "error: mine.yaml: exists already; choose another name with --output\n"
        )
        Path("scenario.schema.json").symlink_to(tmp_path / "nowhere.json")
        made = runner.invoke(cli, ["new", "water"])
        assert made.exit_code == 0, made.output
        assert Path("water.yaml").is_file() and not Path("nowhere.json").exists()


def test_new_refuses_an_id_that_is_not_an_identifier(runner: CliRunner, tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        result = runner.invoke(cli, ["new", "Bad Id!"])
        assert result.exit_code == 2
        assert "not an id" in result.stderr


def test_diff_of_two_weights_files_explains_the_new_leader(
    runner: CliRunner, tmp_path: Path
) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text("weights: {cost: 60, safety: 20, speed: 20}\n", encoding="utf-8")
    b.write_text("weights: {cost: 10, safety: 30, speed: 60}\n", encoding="utf-8")
    result = runner.invoke(cli, ["diff", str(a), str(b), "--scenario", TINY])
    assert result.exit_code == 0, result.output
    assert "The leader changed: Do nothing led" in result.stdout
    data = json.loads(
        runner.invoke(cli, ["diff", str(a), str(b), "-s", TINY, "--format", "json"]).stdout
    )
    assert data["pair"] == ["none", "north"]


def test_diff_refuses_a_scenario_and_a_weights_file_together(
    runner: CliRunner, tmp_path: Path
) -> None:
    a = tmp_path / "a.yaml"
    a.write_text("weights: {cost: 1}\n", encoding="utf-8")
    result = runner.invoke(cli, ["diff", str(a), TINY])
    assert result.exit_code == 2
    assert "two scenarios or two weights files" in result.stderr


def test_two_runs_of_rank_give_byte_identical_json_with_provenance(runner: CliRunner) -> None:
    first = runner.invoke(cli, ["rank", TINY, "--format", "json"]).stdout
    second = runner.invoke(cli, ["rank", TINY, "--format", "json"]).stdout
    assert first == second
    provenance = json.loads(first)["provenance"]
    assert provenance["scenario_hash"].startswith("sha256:")
    assert provenance["optionscope"]


def test_an_output_in_a_folder_that_does_not_exist_is_refused_and_no_folder_is_made(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "no-such-folder" / "brief.md"
    result = runner.invoke(cli, ["report", TINY, "--samples", "1000", "--output", str(target)])
    assert result.exit_code == 2
    assert "no such folder" in result.stderr
    assert not target.parent.exists()


@pytest.mark.parametrize(
    "title",
    [
        'Water "supply" [bold]',
        "C:\\temp\\new and \\x41",
        "# not a comment: x",
        "{id} \t é 北",
    ],
)
def test_new_keeps_any_title_and_author_as_given(
    runner: CliRunner, tmp_path: Path, title: str
) -> None:
    from optionscope.io.scenario_files import load_scenario

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        made = runner.invoke(cli, ["new", "w", "--title", title, "--author", title[::-1]])
        assert made.exit_code == 0, made.output
        scenario = load_scenario(tmp_path / "w.yaml")
        assert (scenario.title, scenario.author) == (title, title[::-1])


def test_new_given_a_file_name_writes_that_file_with_its_stem_as_id(
    runner: CliRunner, tmp_path: Path
) -> None:
    from optionscope.io.scenario_files import load_scenario

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        made = runner.invoke(cli, ["new", "town-2026.yaml"])
        assert made.exit_code == 0, made.output
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "scenario.schema.json",
            "town-2026.yaml",
        ]
        assert load_scenario(tmp_path / "town-2026.yaml").id == "town-2026"


def test_new_refuses_a_title_of_two_lines_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        made = runner.invoke(cli, ["new", "w", "--title", "two\nlines"])
        assert made.exit_code == 2
        assert "--title: is one line" in made.stderr
        assert list(tmp_path.iterdir()) == []


def test_diff_of_two_scenarios_reads_neither_whole_to_see_whether_it_is_weights(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each file was read whole into a located document first: 10 s of 28 on 10,000 options
    from optionscope.io import yaml_loader

    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    text = Path(TINY).read_text(encoding="utf-8")
    a.write_text(text, encoding="utf-8")
    b.write_text(text.replace("schema_version", "# a comment\nschema_version"), encoding="utf-8")
    monkeypatch.setenv("OPTIONSCOPE_CACHE", "off")
    read_whole = []
    real = yaml_loader.load_yaml
    monkeypatch.setattr(yaml_loader, "load_yaml", lambda *a: read_whole.append(a) or real(*a))
    result = runner.invoke(cli, ["diff", str(a), str(b)])
    assert result.exit_code == 0, result.output
    assert read_whole == []


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("id: x\ncriteria: []\n", True),
        ("weights: {a: 1}\nscenario: x\n", False),
        ("x:\n  criteria: 1\ny: 2\n", False),
        ("- criteria\n", False),
        ("a: [criteria, 2]\nb: criteria\n", False),
        ("x: {criteria: 1}\ncriteria: []\n", True),
        ("bad: [\n", False),
    ],
)
def test_only_a_top_level_criteria_key_marks_a_scenario(text: str, named: bool) -> None:
    from optionscope.cli.authoring import _has_criteria

    assert _has_criteria(text) is named
