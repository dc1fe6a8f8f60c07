"""The scenario commands end to end: list, validate, show, rank, compare, schema, --version."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from optionscope import __version__
from optionscope.cli import cli
from optionscope.io.scenario_files import bundled_dir, bundled_ids
from optionscope.io.yaml_loader import load_yaml

Run = Callable[..., subprocess.CompletedProcess[str]]
MINUSMA = bundled_dir() / "minusma-2023.yaml"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def ok(*args: str | Path) -> str:
    """stdout of a command that must succeed."""
    result = invoke(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result.stdout


def refused(*args: str | Path) -> str:
    """stderr of a command that must fail as bad input (exit 2, nothing on stdout)."""
    result = invoke(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return result.stderr


def rank_json(*args: str | Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok("rank", *args, "--format", "json"))
    return data


def costed_tiny(tmp_path: Path, tiny_text: str) -> Path:
    """tiny.yaml with a cost on the north road."""
    text = tiny_text.replace(
        "    summary: A short road through the hills.\n",
        "    summary: A short road through the hills.\n"
        "    costs:\n"
        "      - {label: Construction, amount: 60, low: 50, high: 80, unit: USD million,\n"
        "         basis: figure, sources: [survey]}\n",
    )
    path = tmp_path / "costed.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# list ---------------------------------------------------------------------------------


def test_list_shows_every_bundled_scenario() -> None:
    listed = json.loads(ok("list", "--format", "json"))
    assert [row["id"] for row in listed] == bundled_ids()
    for row in listed:
        assert set(row) == {"id", "as of", "options", "criteria", "title"}


def test_list_finds_the_bundled_minusma_scenario() -> None:
    table = ok("list")
    assert table.splitlines()[0].split() == ["id", "as", "of", "options", "criteria", "title"]
    assert any(line.startswith("minusma-2023 ") for line in table.splitlines())


def test_the_installed_package_finds_its_scenarios_from_any_folder(
    run_optionscope: Run, tmp_path: Path
) -> None:
    done = run_optionscope("list", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "minusma-2023" in [row["id"] for row in json.loads(done.stdout)]
    done = run_optionscope("rank", "minusma-2023", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["scenario"] == "minusma-2023"


def test_the_bundled_folder_does_not_depend_on_the_working_folder(tmp_path: Path) -> None:
    code = "from optionscope.io.scenario_files import bundled_dir; print(bundled_dir())"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == bundled_dir()
    assert bundled_dir().is_dir()


# validate -----------------------------------------------------------------------------


def test_validate_accepts_a_good_file_with_exit_code_0(tiny_path: Path) -> None:
    result = invoke("validate", tiny_path)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"{tiny_path}: ok (3 options, 3 criteria)\n"


def test_validate_refuses_a_bad_file_with_its_place_and_exit_code_2(
    tmp_path: Path, tiny_text: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(tiny_text.replace("cost: {value: 60, low: 50", "cost: {value: 60, low: 70"))
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if "low: 70" in t)
    stderr = refused("validate", path)
    assert stderr.startswith(f"error: {path}:{line}:")
    assert "low (70) is above the value (60)" in stderr


def test_validate_strict_asks_for_evidence(tmp_path: Path, tiny_text: str) -> None:
    path = tmp_path / "thin.yaml"
    path.write_text(tiny_text.replace("rationale: Steep grades.", "rationale: ''"))
    assert invoke("validate", path).exit_code == 0
    stderr = refused("validate", "--strict", path)
    assert "assessments.north.safety.rationale: a judgement needs a rationale" in stderr


def test_validate_strict_accepts_a_well_sourced_file(tiny_path: Path) -> None:
    result = invoke("validate", "--strict", tiny_path)
    assert result.exit_code == 0
    assert "ok (3 options, 3 criteria, strict)" in result.stderr


def test_validate_needs_a_path() -> None:
    assert invoke("validate").exit_code == 2


# show ---------------------------------------------------------------------------------


def test_show_presents_options_costs_and_sources(tmp_path: Path, tiny_text: str) -> None:
    text = ok("show", costed_tiny(tmp_path, tiny_text))
    for name in ("North road", "South road", "Do nothing (reference)"):
        assert name in text
    assert "A short road through the hills." in text
    assert "- Construction: 60 USD million (range 50 to 80) [figure] [survey]" in text
    assert '- [survey] "Road survey", Town council, 2024-04' in text
    assert "Question: Which road should the town build?" in text


def test_show_as_markdown_has_headings(tiny_path: Path) -> None:
    text = ok("show", tiny_path, "--format", "md")
    assert text.startswith("# Tiny scenario for tests\n")
    assert "## North road\n" in text
    assert "## Sources\n" in text


def test_show_as_json_round_trips_to_the_same_scenario(tiny_path: Path) -> None:
    from optionscope.model.scenario import Scenario

    data = json.loads(ok("show", tiny_path, "--format", "json"))
    original = Scenario.model_validate(load_yaml(tiny_path.read_text(), "t").data)
    assert Scenario.model_validate(data) == original


# rank ---------------------------------------------------------------------------------


def test_rank_json_follows_the_design_contract(tiny_path: Path) -> None:
    data = rank_json(tiny_path, "--profile", "treasurer")
    # the keys of DESIGN.md, in its order; later additions (provenance) come after them
    assert list(data)[:4] == ["scenario", "method", "weights", "ranking"]
    assert data["scenario"] == "tiny"
    assert data["method"] == "wsm"
    assert data["weights"] == pytest.approx({"cost": 0.6, "safety": 0.2, "speed": 0.2})
    assert sum(data["weights"].values()) == pytest.approx(1)
    for entry in data["ranking"]:
        assert list(entry) == ["option", "name", "rank", "score", "contributions"]
        assert isinstance(entry["rank"], int)
        assert set(entry["contributions"]) == set(data["weights"])
        assert sum(entry["contributions"].values()) == pytest.approx(entry["score"])
    # the hand-worked scores of tests/analysis/test_value.py
    assert [(e["option"], e["name"], e["rank"]) for e in data["ranking"]] == [
        ("none", "Do nothing", 1),
        ("south", "South road", 2),
        ("north", "North road", 3),
    ]
    assert [e["score"] for e in data["ranking"]] == pytest.approx([66, 60, 52])


def test_rank_table_shows_ranks_scores_contributions_and_the_reason(tiny_path: Path) -> None:
    text = ok("rank", tiny_path, "-p", "commuters")
    lines = text.splitlines()
    assert lines[0] == "Tiny scenario for tests"
    assert "Weights: profile commuters." in lines[1]
    rows = [line.split() for line in lines if line.lstrip()[:1].isdigit()]
    assert [row[:4] for row in rows] == [
        ["1", "North", "road", "70.0"],
        ["2", "South", "road", "54.0"],
        ["3", "Do", "nothing", "19.0"],
    ]
    assert "Contributions" in text
    assert "North road leads with 70.0, 16.0 points ahead of South road (54.0)." in text


def test_rank_csv_has_one_row_per_option_with_its_contributions(tiny_path: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO(ok("rank", tiny_path, "-p", "treasurer", "--format", "csv")))
    )
    assert list(rows[0]) == [
        "option",
        "name",
        "rank",
        "score",
        "contribution:cost",
        "contribution:safety",
        "contribution:speed",
    ]
    assert [(r["option"], r["rank"]) for r in rows] == [
        ("none", "1"),
        ("south", "2"),
        ("north", "3"),
    ]
    north = rows[2]
    assert float(north["score"]) == pytest.approx(52)
    assert float(north["contribution:speed"]) == pytest.approx(16)


def test_rank_markdown_is_a_table(tiny_path: Path) -> None:
    text = ok("rank", tiny_path, "-p", "treasurer", "--format", "md")
    assert text.startswith("# Tiny scenario for tests\n")
    assert "| rank | option | score |\n| ---: | --- | ---: |\n| 1 | Do nothing | 66.0 |" in text


def test_rank_without_a_profile_weighs_equally(tiny_path: Path) -> None:
    data = rank_json(tiny_path)
    assert data["weights"] == pytest.approx({"cost": 1 / 3, "safety": 1 / 3, "speed": 1 / 3})
    assert [e["rank"] for e in data["ranking"]] == [1, 1, 3]


def test_rank_takes_weights_from_a_file(tiny_path: Path, tmp_path: Path) -> None:
    weights = tmp_path / "mine.yaml"
    weights.write_text("weights: {cost: 1, speed: 3}\n")
    data = rank_json(tiny_path, "--weights", weights)
    assert data["weights"] == pytest.approx({"cost": 0.25, "safety": 0, "speed": 0.75})
    # north: 0.25*40 + 0.75*80 = 70; south: 0.25*60 + 0.75*40 = 45; none: 0.25*100 = 25
    assert [(e["option"], e["score"]) for e in data["ranking"]] == [
        ("north", pytest.approx(70)),
        ("south", pytest.approx(45)),
        ("none", pytest.approx(25)),
    ]


def test_rank_sets_single_weights_on_top_of_a_profile(tiny_path: Path) -> None:
    data = rank_json(tiny_path, "-p", "treasurer", "--weight", "speed=0", "--weight", "cost=20")
    # cost 20, safety 20, speed 0 -> 0.5, 0.5, 0
    assert data["weights"] == pytest.approx({"cost": 0.5, "safety": 0.5, "speed": 0})


def test_rank_with_very_large_weights_still_ranks(tiny_path: Path) -> None:
    data = rank_json(tiny_path, "--weight", "cost=1e308", "--weight", "safety=1e308")
    assert data["weights"] == pytest.approx({"cost": 0.5, "safety": 0.5, "speed": 0})


def test_rank_with_an_unknown_profile_suggests_the_closest(tiny_path: Path) -> None:
    stderr = refused("rank", tiny_path, "--profile", "tresurer")
    assert "unknown profile 'tresurer' (did you mean 'treasurer'?)" in stderr


def test_rank_with_an_unknown_criterion_suggests_the_closest(tiny_path: Path) -> None:
    stderr = refused("rank", tiny_path, "--weight", "safty=3")
    assert "unknown criterion 'safty' (did you mean 'safety'?)" in stderr


def test_rank_with_a_weights_file_naming_an_unknown_criterion_is_refused(
    tiny_path: Path, tmp_path: Path
) -> None:
    weights = tmp_path / "mine.yaml"
    weights.write_text("weights: {cots: 1}\n")
    stderr = refused("rank", tiny_path, "--weights", weights)
    assert f"error: {weights}:1:11: weights.cots: unknown criterion" in stderr
    assert "did you mean 'cost'?" in stderr


def test_rank_with_an_unknown_method_is_bad_usage(tiny_path: Path) -> None:
    result = invoke("rank", tiny_path, "--method", "magic")
    assert result.exit_code == 2
    assert "--method" in result.stderr


def test_rank_of_an_unknown_scenario_lists_the_bundled_ones() -> None:
    stderr = refused("rank", "no-such-scenario")
    assert "no bundled scenario or file of that name" in stderr


def test_rank_reads_a_csv_decision_matrix(tmp_path: Path) -> None:
    path = tmp_path / "cars.csv"
    path.write_text("option,price (min),comfort\nweight,3,1\nAlpha,10,5\nBeta,20,9\n")
    data = rank_json(path)
    # weights 0.75, 0.25; Alpha: 0.75*100 + 0 = 75; Beta: 0 + 0.25*100 = 25
    assert [(e["name"], e["score"]) for e in data["ranking"]] == [
        ("Alpha", pytest.approx(75)),
        ("Beta", pytest.approx(25)),
    ]


def test_rank_of_a_bad_csv_matrix_is_refused_with_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "cars.csv"
    path.write_text("option,price\nAlpha,10\nBeta,cheap\n")
    assert refused("rank", path) == f"error: {path}:3:2: price: 'cheap' is not a number\n"


# compare ------------------------------------------------------------------------------


def test_compare_all_profiles_shows_each_seat(tiny_path: Path) -> None:
    text = ok("compare", tiny_path)
    rows = {line.split()[0]: line for line in text.splitlines() if line.startswith(("T", "C"))}
    assert "1 (66.0)" in rows["Treasurer"]
    assert rows["Treasurer"].rstrip().endswith("Do nothing    not recorded")
    assert "1 (70.0)" in rows["Commuters"]
    assert rows["Commuters"].rstrip().endswith("North road    not recorded")
    assert "Do nothing first for 1 of 2; North road first for 1 of 2." in text


def test_compare_a_list_of_profiles(tiny_path: Path) -> None:
    data = json.loads(ok("compare", tiny_path, "--profiles", "commuters", "--format", "json"))
    assert [p["profile"] for p in data["profiles"]] == ["commuters"]
    assert data["profiles"][0]["first"] == ["north"]
    assert data["leaders"] == {"north": 1}


def test_compare_as_csv_has_a_row_per_profile(tiny_path: Path) -> None:
    text = ok("compare", tiny_path, "--profiles", "all", "--format", "csv")
    assert text.splitlines() == [
        "profile,north,south,none,first,backed,backed_verdict",
        "treasurer,3,2,1,Do nothing,,",
        "commuters,1,2,3,North road,,",
    ]


def test_compare_with_an_unknown_profile_suggests_the_closest(tiny_path: Path) -> None:
    stderr = refused("compare", tiny_path, "--profiles", "treasurer,comuters")
    assert "unknown profile 'comuters' (did you mean 'commuters'?)" in stderr


def test_compare_needs_profiles(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("option,a\nX,1\nY,2\n")
    assert "no stakeholder profiles" in refused("compare", path)


# schema -------------------------------------------------------------------------------


def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok("schema"))
    return data


def test_schema_prints_a_json_schema_of_the_scenario_format() -> None:
    data = schema()
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert data["title"] == "optionscope scenario"
    assert data["type"] == "object"
    assert data["additionalProperties"] is False
    assert {"id", "title", "criteria", "options", "assessments"} <= set(data["required"])


def test_schema_describes_every_key_of_a_real_file(tiny_data: dict[str, Any]) -> None:
    assert set(tiny_data) <= set(schema()["properties"])


def test_a_real_file_validates_against_the_schema(tiny_data: dict[str, Any]) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    assert list(validator.iter_errors(tiny_data)) == []
    tiny_data["options"][0]["colour"] = "red"
    assert list(validator.iter_errors(tiny_data))


# streams and version --------------------------------------------------------------------


def test_stdout_carries_only_the_result(run_optionscope: Run, tiny_path: Path) -> None:
    done = run_optionscope("rank", tiny_path, "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["scenario"] == "tiny"
    assert done.stderr == ""


def test_diagnostics_go_to_stderr(run_optionscope: Run, tiny_path: Path) -> None:
    done = run_optionscope("validate", tiny_path)
    assert done.returncode == 0
    assert done.stdout == ""
    assert "ok" in done.stderr


def test_python_m_optionscope_prints_its_version(run_optionscope: Run) -> None:
    done = run_optionscope("--version")
    assert done.returncode == 0
    assert done.stdout == f"optionscope, version {__version__}\n"
