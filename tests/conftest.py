"""Fixtures shared across the suite: the tiny scenario as a path, text, data and model."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# As in the `optionscope` process (cli.main): numpy's BLAS starts no threads of its own,
# so that this process may fork where a test expects it to (io.forked.can_fork). Set
# before anything imports numpy, or a test's outcome would hang on which ran first.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pytest
from hypothesis import settings

from optionscope.io import plain_yaml
from optionscope.io.yaml_loader import load_yaml
from optionscope.model.scenario import Scenario

# CI runs the same examples every time (a failure there is reproducible); a local run
# explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny.yaml"


@pytest.fixture(autouse=True)
def no_user_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's own settings file never changes a test: each starts with none."""
    absent = tmp_path_factory.mktemp("settings") / "config.toml"
    monkeypatch.setenv("OPTIONSCOPE_CONFIG", str(absent))


@pytest.fixture(autouse=True)
def no_inputs_read_before() -> None:
    """Each test starts as a command does, having read no file: the files an output may
    not replace (`io.text_files.remember_input`) are those this test's commands read."""
    from optionscope.io import text_files

    text_files._INPUTS.clear()


@pytest.fixture(autouse=True)
def own_scenario_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test starts with an empty scenario cache of its own, never the user's."""
    folder = tmp_path_factory.mktemp("cache") / "scenarios"
    monkeypatch.setenv("OPTIONSCOPE_CACHE", str(folder))
    return folder


@pytest.fixture
def plain_reads_here(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The plain reads of a scenario made in this process (a forked one counts in its
    own copy): a scenario read ahead elsewhere is not read here."""
    reads: list[int] = []
    original = plain_yaml.plain_data

    def counted(text: str) -> Any:
        reads.append(os.getpid())
        return original(text)

    monkeypatch.setattr(plain_yaml, "plain_data", counted)
    return reads


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The processes this test forked, as they were started."""
    started: list[int] = []
    fork = os.fork

    def recorded() -> int:
        pid = fork()
        if pid:
            started.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded)
    yield started


@pytest.fixture
def tiny_path() -> Path:
    """tests/data/tiny.yaml: three roads, three criteria, two profiles."""
    return TINY


@pytest.fixture
def tiny_text() -> str:
    return TINY.read_text(encoding="utf-8")


@pytest.fixture
def tiny_data(tiny_text: str) -> dict[str, Any]:
    """The tiny scenario as plain data, as the loader hands it to the model (a fresh copy)."""
    return copy.deepcopy(load_yaml(tiny_text, "tiny.yaml").data)


@pytest.fixture
def tiny(tiny_data: dict[str, Any]) -> Scenario:
    return Scenario.model_validate(tiny_data)


@pytest.fixture
def run_optionscope() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `python -m optionscope ARGS...` in a child process, as a user would."""

    def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
        env.pop("OPTIONSCOPE_DEBUG", None)
        return subprocess.run(
            [sys.executable, "-m", "optionscope", *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd,
            env=env,
            timeout=120,
            check=False,
        )

    return run
