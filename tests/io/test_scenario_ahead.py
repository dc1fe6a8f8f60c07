"""A command's scenario read ahead in a forked process (`io.scenario_ahead`): the command
gives what reading the file here gives, output and located problems alike, and no process
is left behind."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from optionscope.cli import _start_up, cli, main
from optionscope.io import forked, scenario_ahead
from optionscope.io.errors import InputError
from optionscope.io.scenario_files import load_scenario

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def forks(forks: list[int], monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """As on a machine with a second CPU to spare; the processes forked, as started."""
    monkeypatch.setattr(forked, "usable_cpus", lambda: 2)
    yield forks
    scenario_ahead.end_unused()  # a test that failed midway leaves none to the next


@pytest.fixture
def bridge(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.yaml"
    shutil.copy(DATA / "bridge-2021.yaml", path)
    return path


def ended(pid: int) -> bool:
    """The process has ended and been waited for: none is left behind."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def rank(*args: str) -> tuple[int, str, str]:
    """`optionscope rank ARGS` through `main`, as the console script runs it."""
    runner = CliRunner()
    with runner.isolation() as (out, err, _):
        try:
            main(["rank", *args])
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        else:
            code = 0
        return code, out.getvalue().decode(), err.getvalue().decode()


@pytest.mark.parametrize("cache", ["on", "off"])
def test_a_command_takes_its_scenario_from_the_process_that_read_it_ahead(
    cache: str,
    bridge: Path,
    forks: list[int],
    plain_reads_here: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the cache on the other process keeps the scenario there; off, it hands it over."""
    if cache == "off":
        monkeypatch.setenv("OPTIONSCOPE_CACHE", "off")
    code, ahead, _ = rank(str(bridge), "--format", "json")
    assert code == 0
    assert len(forks) == 1 and ended(forks[0])
    assert plain_reads_here == []  # read in the other process only
    monkeypatch.setenv("OPTIONSCOPE_CACHE", "off")
    monkeypatch.setattr(forked, "usable_cpus", lambda: 1)
    code, here, _ = rank(str(bridge), "--format", "json")
    assert code == 0 and len(forks) == 1
    assert plain_reads_here == [os.getpid()]
    assert ahead == here
    assert '"scenario": "bridge-2021"' in ahead


def test_a_file_with_problems_is_read_again_here_and_its_problems_located(
    bridge: Path, forks: list[int], plain_reads_here: list[int]
) -> None:
    text = bridge.read_text(encoding="utf-8")
    bridge.write_text(text.replace("direction: min", "direction: mni", 1), encoding="utf-8")
    code, out, err = rank(str(bridge))
    with pytest.raises(InputError) as alone:
        load_scenario(bridge)
    assert code == 2 and out == ""
    line = text[: text.index("direction: min")].count("\n") + 1
    assert err == f"error: {alone.value}\n"
    assert f"bridge.yaml:{line}:" in err
    assert len(forks) == 1 and ended(forks[0])
    assert plain_reads_here.count(os.getpid()) == 2  # in `rank`, and alone


def test_a_scenario_read_before_is_not_read_ahead(
    bridge: Path, forks: list[int], plain_reads_here: list[int]
) -> None:
    assert rank(str(bridge))[0] == 0
    assert len(forks) == 1
    again = rank(str(bridge))
    assert again[0] == 0 and len(forks) == 1  # from the cache, here
    assert plain_reads_here == []


@pytest.mark.parametrize("case", ["csv", "large", "unknown", "fifo", "option first"])
def test_no_reading_ahead_where_it_cannot_help(
    case: str, bridge: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [str(bridge)]
    if case == "csv":
        args = [str(bridge.with_suffix(".csv"))]
        Path(args[0]).write_text("option,c1\nx,1\ny,2\n", encoding="utf-8")
    elif case == "large":
        monkeypatch.setattr(scenario_ahead, "LARGEST_BYTES", bridge.stat().st_size)
    elif case == "unknown":
        args = ["no-such-scenario"]
    elif case == "fifo":  # a pipe's text can be read once: by the command
        args = [str(bridge.with_suffix(".fifo"))]
        os.mkfifo(args[0])
        assert not scenario_ahead.read_ahead(args[0])
        assert forks == []
        return
    else:
        args = ["--method", "topsis", str(bridge)]
    code, _, err = rank(*args)
    assert forks == []
    assert code == (2 if case == "unknown" else 0), err


def test_a_strict_reading_is_taken_only_by_a_strict_read(
    bridge: Path, forks: list[int], plain_reads_here: list[int]
) -> None:
    assert scenario_ahead.read_ahead(str(bridge), strict=True)
    load_scenario(str(bridge))  # not strict: read here
    assert plain_reads_here == [os.getpid()]
    assert load_scenario(str(bridge), strict=True).id == "bridge-2021"
    assert plain_reads_here == [os.getpid()]  # the strict reading was taken
    assert ended(forks[0])


def test_validate_strict_takes_the_strict_reading(
    bridge: Path, forks: list[int], plain_reads_here: list[int]
) -> None:
    runner = CliRunner()
    with runner.isolation() as (_, err, _):
        with pytest.raises(SystemExit) as exit:
            main(["validate", str(bridge), "--strict"])
        assert exit.value.code == 0
        assert err.getvalue().decode() == f"{bridge}: ok (3 options, 2 criteria, strict)\n"
    assert plain_reads_here == [] and len(forks) == 1 and ended(forks[0])


def test_a_reading_the_command_did_not_take_is_ended_with_the_command(
    bridge: Path, forks: list[int]
) -> None:
    code, _, err = rank(str(bridge), "--no-such-option")
    assert code == 2 and "No such option" in err
    assert len(forks) == 1 and ended(forks[0])
    assert scenario_ahead.taken(str(bridge), strict=False) is None  # none kept for later


def test_the_commands_read_ahead_are_those_whose_first_argument_is_a_scenario() -> None:
    ctx = click.Context(cli)
    first_is_scenario = set()
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None
        arguments = [p for p in command.params if isinstance(p, click.Argument)]
        if arguments and arguments[0].name in ("scenario", "paths", "a"):
            first_is_scenario.add(name)
    assert first_is_scenario - {"tui"} == _start_up.SCENARIO_FIRST
