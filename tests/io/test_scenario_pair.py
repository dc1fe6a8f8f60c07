"""Two scenarios for one command: the second read ahead in a forked process, into the cache,
with the same scenarios and the same located problems as reading them one after the other."""

from __future__ import annotations

import os
import runpy
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from optionscope.cli import cli
from optionscope.io import forked, scenario_pair
from optionscope.io.errors import InputError
from optionscope.io.scenario_files import load_scenario

ROOT = Path(__file__).resolve().parents[2]
GENERATOR: dict[str, Any] = runpy.run_path(str(ROOT / "benchmarks" / "scenarios.py"))


@pytest.fixture
def two_versions(tmp_path: Path) -> tuple[Path, Path]:
    """Two versions of one generated decision: B moves one assessment."""
    text = GENERATOR["scenario_yaml"](30, 4)
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(text, encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("value: "))
    low = float(lines[at + 1].split(":")[1])
    lines[at] = lines[at].split(":")[0] + f": {low}\n"
    b.write_text("".join(lines), encoding="utf-8")
    return a, b


@pytest.fixture
def two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine with a second CPU to spare, for files of any size."""
    monkeypatch.setattr(forked, "usable_cpus", lambda: 2)
    monkeypatch.setattr(scenario_pair, "READ_AHEAD_BYTES", 0)


def no_fork() -> int:
    raise AssertionError("forked")


@pytest.mark.usefixtures("two_cpus")
@pytest.mark.parametrize("cache", ["on", "off"])
def test_diff_reads_the_second_file_in_another_process(
    cache: str,
    two_versions: tuple[Path, Path],
    plain_reads_here: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the cache on the second scenario is kept there; off, it is handed over."""
    if cache == "off":
        monkeypatch.setenv("OPTIONSCOPE_CACHE", "off")
    a, b = two_versions
    result = CliRunner().invoke(cli, ["diff", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert plain_reads_here == [os.getpid()]  # A here, B in another process
    monkeypatch.setenv("OPTIONSCOPE_CACHE", "off")
    monkeypatch.setattr(forked, "usable_cpus", lambda: 1)
    alone = CliRunner().invoke(cli, ["diff", str(a), str(b), "--format", "json"])
    assert len(plain_reads_here) == 3  # one after the other, here
    assert result.stdout == alone.stdout
    assert '"value_changes": [\n    {' in result.stdout


@pytest.mark.usefixtures("two_cpus")
@pytest.mark.parametrize("cache", ["on", "off"])
def test_the_pair_is_what_reading_each_gives(
    cache: str, two_versions: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    if cache == "off":
        monkeypatch.setenv("OPTIONSCOPE_CACHE", "off")
    a, b = two_versions
    first, second = scenario_pair.load_scenario_pair(str(a), str(b))
    monkeypatch.setenv("OPTIONSCOPE_CACHE", "off")
    assert first.model_dump() == load_scenario(a).model_dump()
    assert second.model_dump() == load_scenario(b).model_dump()
    assert first.model_dump() != second.model_dump()


@pytest.mark.usefixtures("two_cpus")
def test_the_same_file_twice_is_read_ahead_only_with_the_cache_off(
    two_versions: tuple[Path, Path], plain_reads_here: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    a = str(two_versions[0])
    scenario_pair.load_scenario_pair(a, a)
    assert plain_reads_here == [os.getpid()]  # the second from the cache
    monkeypatch.setenv("OPTIONSCOPE_CACHE", "off")
    plain_reads_here.clear()
    scenario_pair.load_scenario_pair(a, a)
    assert plain_reads_here == [os.getpid()]  # the second read in another process


@pytest.mark.usefixtures("two_cpus")
def test_a_problem_in_the_second_file_is_located_as_when_read_alone(
    two_versions: tuple[Path, Path], plain_reads_here: list[int]
) -> None:
    a, b = two_versions
    text = b.read_text(encoding="utf-8")
    b.write_text(text.replace("confidence: high", "confidence: hihg", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(a), str(b)])
    with pytest.raises(InputError) as alone:
        load_scenario(b)
    assert result.exit_code == 2
    line = text[: text.index("confidence: high")].count("\n") + 1
    assert result.stderr == f"error: {alone.value}\n"
    assert f"b.yaml:{line}:" in result.stderr
    assert plain_reads_here.count(os.getpid()) == 3  # A, then B twice: in `diff`, alone


@pytest.mark.usefixtures("two_cpus")
def test_a_problem_in_the_first_file_is_said_first_and_the_reader_ahead_stopped(
    two_versions: tuple[Path, Path], forks: list[int]
) -> None:
    a, b = two_versions
    a.write_text(a.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    b.write_text(b.read_text(encoding="utf-8").replace("as_of:", "as-of:", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(a), str(b)])
    assert result.exit_code == 2
    assert "a.yaml:" in result.stderr and "b.yaml" not in result.stderr
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):  # already waited for: no process left behind
        os.waitpid(forks[0], os.WNOHANG)


def test_one_cpu_reads_one_file_after_the_other(
    two_versions: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forked, "usable_cpus", lambda: 1)
    monkeypatch.setattr(scenario_pair, "READ_AHEAD_BYTES", 0)
    monkeypatch.setattr(os, "fork", no_fork)
    a, b = two_versions
    assert scenario_pair.load_scenario_pair(str(a), str(b))[1].id


@pytest.mark.usefixtures("two_cpus")
@pytest.mark.parametrize("case", ["same file", "small file", "csv", "unknown id"])
def test_no_reading_ahead_where_it_cannot_save_time(
    case: str, two_versions: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = two_versions
    monkeypatch.setattr(os, "fork", no_fork)
    second = str(b)
    if case == "same file":  # the second from the cache
        second = str(a)
    elif case == "small file":
        monkeypatch.setattr(scenario_pair, "READ_AHEAD_BYTES", b.stat().st_size + 1)
    elif case == "csv":
        second = str(b.with_suffix(".csv"))
        Path(second).write_text("option,c1\nx,1\n", encoding="utf-8")
    else:
        second = "no-such-scenario"
    try:
        scenario_pair.load_scenario_pair(str(a), second)
    except InputError as err:
        assert case in ("csv", "unknown id"), err
