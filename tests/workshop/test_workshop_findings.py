"""Findings of a tester, each kept fixed: a damaged store, names and personal codes, the
record after the reveal, and Markdown that shows participants' and scenarios' text as typed."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from _workshop_support import COMMUTERS, SAFETY_FIRST, SCENARIO, TREASURER
from click.testing import CliRunner, Result

from optionscope.cli.workshop import workshop
from optionscope.io.errors import InputError
from optionscope.io.scenario_files import load_scenario
from optionscope.report.handout import brief_markdown
from optionscope.workshop.entries import check_participant_name
from optionscope.workshop.session import AFTER_REVEAL, Workshop

DAMAGED = "the workshop store is damaged (database disk image is malformed)"


def run(*args: str) -> Result:
    return CliRunner().invoke(workshop, list(args), catch_exceptions=False)


def new_workshop(db: Path, scenario: str = str(SCENARIO)) -> str:
    """Make a workshop; its facilitator code."""
    made = run("new", scenario, "--db", str(db), "--name", "Drill", "--format", "json")
    assert made.exit_code == 0, made.output
    return str(yaml.safe_load(made.stdout)["facilitator_code"])


def submit(db: Path, weights: Path, name: str, *extra: str) -> Result:
    return run("submit", "--db", str(db), "--participant", name, "--weights", str(weights), *extra)


# A damaged store ----------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["pages overwritten", "truncated"])
def test_a_damaged_store_is_refused_clearly_by_every_command(
    tmp_path: Path, weights_file: Callable[..., Path], damage: str
) -> None:
    """SQLite's "malformed" error escaped as an internal error (exit 1) from the first
    command that met a damaged page; every command now says the store is damaged."""
    db = tmp_path / "ws.db"
    code = new_workshop(db)
    weights = weights_file(TREASURER)
    assert submit(db, weights, "Ann").exit_code == 0
    size = db.stat().st_size
    assert size > 8192, "the store has pages after its first two"
    with db.open("r+b") as f:
        if damage == "truncated":
            f.truncate(size - 4096)
        else:
            f.seek(4096)
            f.write(b"\xff" * (size - 4096))
    commands = [
        ["submit", "--participant", "Bea", "--weights", str(weights)],
        ["status"],
        ["status", "--code", code],
        ["results", "--format", "md"],
        ["export", "--code", code],
        ["event", "--code", code],
        ["next-round", "--code", code],
        ["reveal", "--code", code],
    ]
    for command in commands:
        result = run(*command[:1], "--db", str(db), *command[1:])
        assert result.exit_code == 2, (command, result.output)
        assert f"error: {db}: {DAMAGED}; nothing was done" in result.stderr, command


def test_a_file_that_is_not_a_store_is_still_not_called_a_damaged_store(tmp_path: Path) -> None:
    path = tmp_path / "text.db"
    path.write_text("this is not a database\n" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="is not a workshop store") as err:
        Workshop.open(path)
    assert "damaged" not in str(err.value)


# Names and personal codes -------------------------------------------------------------


def test_names_that_differ_only_in_runs_of_spaces_are_one_participant(ws: Workshop) -> None:
    """ "Ann  Lee" (two spaces) was registered as a second participant beside "Ann Lee"."""
    ws.submit("Ann Lee", TREASURER)
    for other in ("Ann  Lee", "ann \u00a0 lee", "Ann\u2003\u2003Lee"):
        with pytest.raises(InputError, match="is taken in this workshop"):
            ws.submit(other, COMMUTERS)
    assert [p.name for p in ws.store.participants()] == ["Ann Lee"]


def test_a_name_is_kept_with_its_runs_of_spaces_made_one() -> None:
    assert check_participant_name("  Ann \u2003  Lee ") == "Ann Lee"
    with pytest.raises(InputError, match="control"):
        check_participant_name("Ann\tLee")  # a tab is still refused, not made a space


def test_submit_refuses_a_personal_code_that_is_not_the_participants(
    tmp_path: Path, weights_file: Callable[..., Path]
) -> None:
    """`submit --participant Bob --personal-code <Ann's>` recorded Ann's weights."""
    db = tmp_path / "ws.db"
    new_workshop(db)
    first = submit(db, weights_file(TREASURER), "Ann")
    given = re.search(r"Personal code: (\S+)", first.stdout)
    assert given, first.output
    ann = given.group(1)
    stolen = submit(db, weights_file(SAFETY_FIRST), "Bob", "--personal-code", ann)
    assert stolen.exit_code == 2, stolen.output
    assert "error: --personal-code: that personal code is not Bob's; give your own" in (
        stolen.stderr
    )
    again = submit(db, weights_file(COMMUTERS), "ann", "--personal-code", ann)
    assert again.exit_code == 0, again.output  # its holder, in another case, still may
    with Workshop.open(db) as ws:
        assert [r.weights for r in ws.store.all_submissions()] == [TREASURER, COMMUTERS]


# After the reveal ---------------------------------------------------------------------


@pytest.mark.parametrize("command", [["inject", "--id", "flights"], ["inject"]], ids=" ".join)
def test_injects_are_refused_after_the_reveal(tmp_path: Path, command: list[str]) -> None:
    """`inject` still released news into the record of a finished exercise (and could
    resolve a forecast after forecasts had closed)."""
    db = tmp_path / "drill.db"
    code = new_workshop(db, "minusma-2023")
    assert run("plan", "minusma-2023-90min", "--db", str(db), "--code", code).exit_code == 0
    assert run("start", "--db", str(db), "--code", code).exit_code == 0
    assert run("reveal", "--db", str(db), "--code", code).exit_code == 0
    result = run(*command[:1], "--db", str(db), "--code", code, *command[1:])
    assert result.exit_code == 2, result.output
    assert "the outcome has been revealed: the exercise is over" in result.stderr
    with Workshop.open(db) as ws:
        assert ws.store.released_injects() == []


def test_after_the_reveal_only_news_of_what_followed_is_released_and_changes_no_round(
    tmp_path: Path,
) -> None:
    """An event dated before the outcome was released after the reveal, "in force from
    round 2" of an exercise that was over; news dated after the outcome is what the
    reveal opens, for the debrief, and it says so wherever it is shown."""
    db = tmp_path / "drill.db"
    code = new_workshop(db, "minusma-2023")
    assert run("reveal", "--db", str(db), "--code", code).exit_code == 0
    early = run("event", "--db", str(db), "--code", code, "--id", "flights-refused")
    assert early.exit_code == 2, early.output
    assert (
        "the outcome has been revealed: the exercise is over and releases only the news dated "
        "after the outcome now, for the debrief: 'flights-refused' is dated before it"
    ) in early.stderr
    news = run("event", "--db", str(db), "--code", code)  # the first dated after the outcome
    assert news.exit_code == 0, news.output
    assert "[contributors-leave]" in news.stdout and AFTER_REVEAL in news.stdout
    assert "In force from round" not in news.stdout
    exported = yaml.safe_load(run("results", "--db", str(db), "--format", "json").stdout)
    assert exported["events"] == []  # in force in no round that was weighed
    aar = tmp_path / "aar.md"
    assert run("aar", "--db", str(db), "--code", code, "--output", str(aar)).exit_code == 0
    text = aar.read_text(encoding="utf-8")
    assert "event released after the reveal" in text and AFTER_REVEAL in text
    assert "in force from round 2" not in text


# Markdown -----------------------------------------------------------------------------


def results_md(ws: Workshop) -> str:
    """Results in Markdown of four participants; "**Eve**", with a note, is the minority."""
    ws.submit("Ann", TREASURER, note="costs")
    ws.submit("Bo", TREASURER)
    ws.submit("Dan", SAFETY_FIRST)
    ws.submit("**Eve**", COMMUTERS, note="`code` and _it_")
    db = str(ws.path)
    ws.close()
    return run("results", "--db", db, "--format", "md").stdout


def test_results_in_markdown_end_each_table_with_a_blank_line(ws: Workshop) -> None:
    """The line after a table ("Agreement on the ranking ...") was read as one more row."""
    md = results_md(ws)
    lines = md.splitlines()
    for here, after in itertools.pairwise(lines):
        if here.startswith("|"):
            assert after.startswith("|") or after == "", (here, after)
    assert "Agreement on the ranking" in md and "Most contested" in md


def test_results_in_markdown_escape_names_and_notes_as_the_report_does(ws: Workshop) -> None:
    """`**Eve**` showed in bold, a note's backticks and underscores as code and emphasis."""
    md = results_md(ws)
    assert r"\*\*Eve\*\*" in md and "**Eve**" not in md
    assert r"\`code\` and \_it\_" in md


def test_the_brief_in_markdown_escapes_the_scenarios_text(tmp_path: Path) -> None:
    text = re.sub(
        "^question: .*$",
        "question: '**Which** `road`'",
        SCENARIO.read_text(encoding="utf-8"),
        count=1,
        flags=re.M,
    )
    text = text.replace("name: Treasurer", "name: '**Treasurer**'", 1).replace(
        "name: Cost", "name: '`Cost`_x_'", 1
    )
    path = tmp_path / "marked.yaml"
    path.write_text(text, encoding="utf-8")
    brief = brief_markdown(load_scenario(path))
    assert r"**The question:** \*\*Which\*\* \`road\`" in brief
    assert r"### \*\*Treasurer\*\*" in brief
    assert r"\`Cost\`\_x\_" in brief
    assert "`Cost`" not in brief and "**Treasurer**" not in brief


# Codes --------------------------------------------------------------------------------


def test_a_code_of_the_right_length_with_a_character_no_code_has_is_told_so(
    tmp_path: Path, weights_file: Callable[..., Path]
) -> None:
    """A personal code with a 0 for an O was told that a code has 16 letters and digits,
    which it had; so was a facilitator code with a 1."""
    db = tmp_path / "ws.db"
    new_workshop(db)
    typed = submit(db, weights_file(TREASURER), "Ann", "--personal-code", "ABCD-EFGH-JKLM-NPQ0")
    assert typed.exit_code == 2
    assert typed.stderr == (
        "error: --personal-code: a personal code has no '0': its letters and digits "
        "leave out 0, O, 1 and I, which read alike; check the code as it was given\n"
    )
    short = submit(db, weights_file(TREASURER), "Ann", "--personal-code", "ABCD-EFGH")
    assert "a personal code has 16 letters and digits, like ABCD-EFGH-JKLM-NPQR" in short.stderr
    status = run("status", "--db", str(db), "--code", "ABCD-EFGH-JK1I")
    assert status.exit_code == 2
    assert "a facilitator code has no '1' or 'I'" in status.stderr


def test_a_directory_given_as_weights_is_not_called_a_scenario(
    tmp_path: Path,
) -> None:
    db = tmp_path / "ws.db"
    new_workshop(db)
    result = submit(db, tmp_path, "Ann")
    assert result.exit_code == 2
    assert f"{tmp_path}: is a directory, not a file" in result.stderr
