"""`optionscope workshop ...` from the command line: output on stdout, bad input exits 2."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from _workshop_support import COMMUTERS, SCENARIO, TREASURER
from click.testing import CliRunner, Result

from optionscope.cli.workshop import workshop

RUN_WORKSHOP = (
    "from optionscope.cli.workshop import workshop; workshop(prog_name='optionscope workshop')"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(workshop, list(args), catch_exceptions=False)


def codes_of(output: str) -> tuple[str, str]:
    join = re.search(r"Join code:\s+(\S+)", output)
    facilitator = re.search(r"Facilitator code:\s+(\S+)", output)
    assert join and facilitator, output
    return join.group(1), facilitator.group(1)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "ws.db"


@pytest.fixture
def code(db: Path) -> str:
    result = run("new", str(SCENARIO), "--db", str(db), "--name", "Roads drill")
    assert result.exit_code == 0, result.output
    return codes_of(result.stdout)[1]


def test_new_prints_the_join_and_facilitator_codes(db: Path) -> None:
    result = run("new", str(SCENARIO), "--db", str(db), "--name", "Roads drill")
    assert result.exit_code == 0
    join, facilitator = codes_of(result.stdout)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", join)
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){2}", facilitator)
    assert "not shown again" in result.stdout


def test_new_as_json_gives_the_codes_to_scripts(db: Path) -> None:
    result = run(
        "new", str(SCENARIO), "--db", str(db), "--name", "D", "--anonymous", "--format", "json"
    )
    data = json.loads(result.stdout)
    assert data["anonymous"] is True and data["scenario"] == "tiny-events"
    assert data["join_code"] and data["facilitator_code"]


def test_new_refuses_to_overwrite_an_existing_db(db: Path, code: str) -> None:
    before = db.read_bytes()
    result = run("new", str(SCENARIO), "--db", str(db), "--name", "Again")
    assert result.exit_code == 2
    assert "exists already; a new workshop never overwrites a file" in result.stderr
    assert db.read_bytes() == before


def test_submit_records_and_says_when_it_replaces(
    db: Path, code: str, weights_file: Callable[..., Path]
) -> None:
    path = str(weights_file(TREASURER))
    first = run("submit", "--db", str(db), "--participant", "Ann", "--weights", path)
    recorded, given = first.stdout.splitlines()
    assert recorded == "Recorded Ann's weights for round 1."
    found = re.fullmatch(r"Personal code: ([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}) \(keep it.*", given)
    assert found, given
    again = run(
        *("submit", "--db", str(db), "--participant", "Ann", "--weights", path),
        *("--seat", "treasurer", "--personal-code", found.group(1)),
    )
    assert again.stdout == "Recorded Ann's weights for round 1 (replaces the earlier one).\n"


def test_results_as_json_follow_the_contract(
    db: Path, code: str, weights_file: Callable[..., Path]
) -> None:
    run(
        "submit",
        "--db",
        str(db),
        "--participant",
        "Ann",
        "--weights",
        str(weights_file(TREASURER)),
        "--note",
        "Money first",
    )
    run("submit", "--db", str(db), "--participant", "Bo", "--weights", str(weights_file(COMMUTERS)))
    result = run("results", "--db", str(db), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [p["participant"] for p in data["participants"]] == ["Ann", "Bo"]
    for p in data["participants"]:
        assert set(p) >= {"participant", "weights", "ranking"}
        assert sum(p["weights"].values()) == pytest.approx(1.0)
    assert [r["option"] for r in data["group_ranking"]] == ["north", "south", "none"]
    assert set(data["group_ranking"][0]) >= {"option", "name", "rank", "score", "contributions"}
    assert data["concordance"] == pytest.approx(0.0)  # their rankings are exact opposites
    assert data["minority"] == [
        {
            "participant": "Ann",
            "seat": None,
            "first_choice": ["none"],
            "margin": pytest.approx(14.0),
            "note": "Money first",
        }
    ]


def test_results_as_a_table_and_as_markdown(
    db: Path, code: str, weights_file: Callable[..., Path]
) -> None:
    run(
        "submit", "--db", str(db), "--participant", "Ann", "--weights", str(weights_file(TREASURER))
    )
    table = run("results", "--db", str(db)).stdout
    assert "Group ranking (mean weights)" in table and "Kendall's W" in table
    md = run("results", "--db", str(db), "--format", "md").stdout
    assert md.startswith("# Roads drill: Tiny scenario with events, round 1\n")
    assert "| rank | option | score |" in md


def test_results_before_anyone_submits_say_so(db: Path, code: str) -> None:
    assert "Nobody has submitted weights in round 1 yet." in run("results", "--db", str(db)).stdout
    data = json.loads(run("results", "--db", str(db), "--format", "json").stdout)
    assert data["participants"] == [] and data["concordance"] is None


def test_the_facilitator_releases_an_event_opens_a_round_and_reveals(
    db: Path, code: str, weights_file: Callable[..., Path]
) -> None:
    run("submit", "--db", str(db), "--participant", "Bo", "--weights", str(weights_file(COMMUTERS)))
    event = run("event", "--db", str(db), "--code", code)
    assert event.stdout.startswith("Released in round 1: The river floods (2024-06-10) [flood]")
    assert "- South road, Safety: -3 judgement 0-10" in event.stdout
    named = run("event", "--db", str(db), "--code", code, "--id", "grant")
    assert "North road, Cost: set to 30 million" in named.stdout
    assert run("next-round", "--db", str(db), "--code", code).stdout == (
        "Round 2 is open; round 1 is closed.\n"
    )
    reveal = run("reveal", "--db", str(db), "--code", code)
    assert "The council chose the north road" in reveal.stdout
    assert "Closest option: North road." in reveal.stdout
    status = json.loads(run("status", "--db", str(db), "--format", "json").stdout)
    assert status["round"] == 2 and status["outcome_revealed"] is True
    assert status["events_released"] == ["flood", "grant"]


def test_the_facilitator_code_shows_names_in_results_of_an_anonymous_workshop(
    tmp_path: Path, weights_file: Callable[..., Path]
) -> None:
    db = str(tmp_path / "anon.db")
    made = run(
        "new", str(SCENARIO), "--db", db, "--name", "Blind", "--anonymous", "--format", "json"
    )
    code = json.loads(made.stdout)["facilitator_code"]
    run("submit", "--db", db, "--participant", "Zoe", "--weights", str(weights_file(TREASURER)))
    hidden = json.loads(run("results", "--db", db, "--format", "json").stdout)
    assert hidden["participants"][0]["participant"] == "Participant 1"
    shown = run("results", "--db", db, "--format", "json", "--code", code)
    assert json.loads(shown.stdout)["participants"][0]["participant"] == "Zoe"
    wrong = run("results", "--db", db, "--code", "ABCD-EFGH-JKLM")
    assert wrong.exit_code == 2 and "Zoe" not in wrong.stdout


def test_export_is_json_with_everything(
    db: Path, code: str, weights_file: Callable[..., Path]
) -> None:
    run(
        "submit", "--db", str(db), "--participant", "Ann", "--weights", str(weights_file(TREASURER))
    )
    data = json.loads(run("export", "--db", str(db), "--code", code).stdout)
    assert data["format"] == "optionscope-workshop-export"
    assert data["participants"][0]["name"] == "Ann"
    assert data["results"][0]["participants"][0]["participant"] == "Ann"


def test_status_as_text(db: Path, code: str) -> None:
    out = run("status", "--db", str(db)).stdout
    assert re.search(r"^round\s+1$", out, re.MULTILINE)
    assert re.search(r"^events waiting\s+flood, grant, fuel$", out, re.MULTILINE)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status", "--db", "{tmp}/missing.db"], "no such workshop store"),
        (["event", "--db", "{db}", "--code", "nope"], "a facilitator code has 12 letters"),
        (["event", "--db", "{db}", "--code", "ABCD-EFGH-JKLM"], "wrong facilitator code"),
        (["results", "--db", "{db}", "--round", "4"], "round 4 does not exist"),
        (
            ["submit", "--db", "{db}", "--participant", "", "--weights", "{weights}"],
            "a participant name cannot be empty",
        ),
        (
            ["submit", "--db", "{db}", "--participant", "Ann", "--weights", "{tmp}/none.yaml"],
            "no such file",
        ),
        (
            ["submit", "--db", "{db}", "--participant", "Ann", "--weights", "{bad}"],
            "unknown criterion 'safty' (did you mean 'safety'?)",
        ),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(
    tmp_path: Path,
    db: Path,
    code: str,
    weights_file: Callable[..., Path],
    args: list[str],
    message: str,
) -> None:
    fill = {
        "tmp": str(tmp_path),
        "db": str(db),
        "weights": str(weights_file(TREASURER)),
        "bad": str(weights_file({"cost": 1, "safty": 2})),
    }
    result = run(*(a.format(**fill) for a in args))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_as_a_process_bad_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", RUN_WORKSHOP, "status", "--db", str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("error: ") and "no such workshop store" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_as_a_process_a_whole_round_works(
    tmp_path: Path, weights_file: Callable[..., Path]
) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", RUN_WORKSHOP, *args], capture_output=True, text=True, timeout=60
        )

    db = str(tmp_path / "ws.db")
    made = cli("new", str(SCENARIO), "--db", db, "--name", "Drill", "--format", "json")
    assert made.returncode == 0, made.stderr
    code = json.loads(made.stdout)["facilitator_code"]
    assert (
        cli(
            "submit", "--db", db, "--participant", "Ann", "--weights", str(weights_file(TREASURER))
        ).returncode
        == 0
    )
    released = cli("event", "--db", db, "--code", code)
    assert released.returncode == 0 and "In force from round 2." in released.stdout
    assert cli("next-round", "--db", db, "--code", code).returncode == 0
    out = cli("results", "--db", db, "--format", "json")
    assert out.returncode == 0 and json.loads(out.stdout)["events"][0]["id"] == "flood"


def test_the_workshop_core_imports_neither_textual_nor_rich_nor_the_cli() -> None:
    code = (
        "import sys\n"
        "import optionscope.workshop.session, optionscope.workshop.results\n"
        "import optionscope.workshop.store, optionscope.analysis.group\n"
        "import optionscope.report.handout, optionscope.report.after_action\n"
        "import optionscope.workshop.exercise, optionscope.workshop.forecasts\n"
        "import optionscope.workshop.records, optionscope.io.exercise_files\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'click')"
        " or m.startswith('optionscope.cli') or m.startswith('optionscope.tui'))\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_a_submission_after_the_reveal_exits_2_with_a_clear_message(
    db: Path, code: str, weights_file: Callable[..., Path]
) -> None:
    weights = str(weights_file(TREASURER))
    assert (
        run("submit", "--db", str(db), "--participant", "Ann", "--weights", weights).exit_code == 0
    )
    assert run("reveal", "--db", str(db), "--code", code).exit_code == 0
    late = run("submit", "--db", str(db), "--participant", "Ann", "--weights", weights)
    assert late.exit_code == 2
    assert "the outcome has been revealed" in late.stderr and "Traceback" not in late.stderr


def test_news_dated_after_the_outcome_waits_for_the_reveal(tmp_path: Path) -> None:
    """An event after the outcome gives the ending away: refused until it is revealed."""
    scenario = tmp_path / "late.yaml"
    text = SCENARIO.read_text(encoding="utf-8")
    outcome_date = re.search(r"^outcome:\n  date: \"?([0-9-]+)\"?", text, re.M)
    assert outcome_date, "the test scenario states an outcome date"
    later = str(int(outcome_date.group(1)[:4]) + 1)
    scenario.write_text(
        text.replace("\nevents:\n", f"\nevents:\n{LATE_EVENT.format(year=later)}", 1),
        encoding="utf-8",
    )
    db = tmp_path / "late.db"
    code = codes_of(run("new", str(scenario), "--db", str(db), "--name", "x").stdout)[1]
    refused = run("event", "--db", str(db), "--code", code, "--id", "aftermath")
    assert refused.exit_code == 2
    assert "comes after the outcome" in refused.stderr and "reveal the outcome first" in (
        refused.stderr
    )
    first_in_order = run("event", "--db", str(db), "--code", code)  # the late one comes first
    assert first_in_order.exit_code == 2
    assert run("reveal", "--db", str(db), "--code", code).exit_code == 0
    released = run("event", "--db", str(db), "--code", code, "--id", "aftermath")
    assert released.exit_code == 0, released.output
    assert "The aftermath" in released.stdout


LATE_EVENT = """  - id: aftermath
    date: "{year}-03"
    title: The aftermath
    text: What happened the year after the decision.
"""


def test_the_results_tell_weight_moves_and_spreads_as_the_weights_are_told(
    tmp_path: Path,
) -> None:
    """The weights table reads percentages (IQR 10%-22.5%) while the most contested
    criterion read `IQR 0.125` and the movement since the last round `+0.548`; they now
    read as the after-action report tells them: `IQR 12.5%`, `+54.8 points`."""
    import json as json_module
    import re

    from click.testing import CliRunner

    from optionscope.cli import cli

    def run(*args: str) -> str:
        out = CliRunner().invoke(cli, list(args))
        assert out.exit_code == 0, out.output
        return out.stdout

    db = str(tmp_path / "ws.db")
    tiny = str(Path(__file__).parents[1] / "data" / "tiny.yaml")
    made = run("workshop", "new", tiny, "--db", db, "--name", "W", "--format", "json")
    code = json_module.loads(made)["facilitator_code"]
    files = {}
    for name, points in (("a", (1, 2, 3)), ("b", (5, 1, 1)), ("c", (1, 5, 1))):
        files[name] = tmp_path / f"{name}.yaml"
        weights = ", ".join(
            f"{c}: {p}" for c, p in zip(("cost", "safety", "speed"), points, strict=True)
        )
        files[name].write_text("weights: {" + weights + "}\n", encoding="utf-8")
    codes = {}
    for who, weights in (("Dee", "a"), ("Ann", "b"), ("Bo", "c")):
        said = run("workshop", "submit", "--db", db, "--participant", who,
                   "--weights", str(files[weights]))  # fmt: skip
        personal = re.search(r"Personal code: (\S+)", said)
        assert personal is not None
        codes[who] = personal.group(1)
    run("workshop", "next-round", "--db", db, "--code", code)
    for who in ("Dee", "Ann"):
        run("workshop", "submit", "--db", db, "--participant", who, "--weights",
            str(files["b"]), "--personal-code", codes[who])  # fmt: skip
    text = run("workshop", "results", "--db", db)
    movement = text.split("Movement since round 1", 1)[1]
    assert not re.search(r"[+-]?\d\.\d{3}\b", movement), movement
    assert re.search(r"Dee +\d+(\.\d)? points +\w.* [+-]\d+(\.\d)? points", movement), movement
    contested = re.search(r"Most contested: (.*)", text)
    if contested is not None:
        assert re.search(r"\(IQR \d+(\.\d)?%, CV", contested.group(1)), contested.group(1)


def test_minority_views_are_a_markdown_list_whose_items_stay_text(tmp_path: Path) -> None:
    """The list's own bullets were escaped (`\\- Dee puts ...`), so no list showed; a name
    that starts like a list item stays text after the bullet."""
    from click.testing import CliRunner

    from optionscope.cli import cli

    db = str(tmp_path / "ws.db")
    tiny = str(Path(__file__).parents[1] / "data" / "tiny.yaml")
    runner = CliRunner()
    assert runner.invoke(cli, ["workshop", "new", tiny, "--db", db, "--name", "W"]).exit_code == 0
    for who, points in (("1. Dee", "{cost: 1, safety: 2, speed: 3}"),
                        ("Ann", "{cost: 5, safety: 1, speed: 1}")):  # fmt: skip
        path = tmp_path / f"{len(who)}.yaml"
        path.write_text(f"weights: {points}\n", encoding="utf-8")
        done = runner.invoke(cli, ["workshop", "submit", "--db", db, "--participant", who,
                                   "--weights", str(path)])  # fmt: skip
        assert done.exit_code == 0, done.output
    out = runner.invoke(cli, ["workshop", "results", "--db", db, "--format", "md"]).stdout
    views = out.split("## Minority views", 1)[1].strip().splitlines()
    assert views and all(line.startswith("- ") for line in views), views
    assert any(line.startswith("- 1\\. Dee puts ") for line in views), views
