"""An output never replaces a file the same command reads, even with --force: `report s.md
-o s.md --force` replaced the scenario with its own briefing, and `weights roc -s s.yaml
--output s.yaml --force` with a weights file. The file is kept, byte for byte, and the
error says which file and what to do (exit 2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.cli import cli

TINY = Path(__file__).parents[1] / "data" / "tiny.yaml"
REFUSED = "is a file this command reads; write the output to another file"


def _refused(args: list[str], kept: Path) -> None:
    before = kept.read_bytes()
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 2, out.output
    assert f"error: {kept}: {REFUSED}" in out.stderr
    assert kept.read_bytes() == before


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_a_report_never_replaces_its_scenario(tmp_path: Path, suffix: str) -> None:
    scenario = tmp_path / f"s{suffix}"
    shutil.copy(TINY, scenario)
    _refused(["report", str(scenario), "-o", str(scenario), "--force"], scenario)


def test_a_report_never_replaces_its_scenario_under_another_name(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    shutil.copy(TINY, scenario)
    other = tmp_path / "briefing.md"
    os.link(scenario, other)  # one file, two names
    _refused(["report", str(scenario), "-o", str(other), "--force"], other)


def test_a_weights_file_never_replaces_the_scenario_it_is_for(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    shutil.copy(TINY, scenario)
    args = ["weights", "roc", "-s", str(scenario), "--order", "cost,safety,speed"]
    _refused([*args, "--output", str(scenario), "--force"], scenario)


def test_an_after_action_report_never_replaces_its_workshop_store(tmp_path: Path) -> None:
    store = tmp_path / "ws.md"
    made = CliRunner().invoke(
        cli, ["workshop", "new", str(TINY), "--db", str(store), "--name", "W"]
    )
    assert made.exit_code == 0, made.output
    _refused(["workshop", "aar", "--db", str(store), "-o", str(store), "--force"], store)


def test_a_scenario_read_by_another_process_is_kept_too(tmp_path: Path) -> None:
    """A command that names its scenario first may read it in a forked copy of itself."""
    scenario = tmp_path / "s.md"
    shutil.copy(TINY, scenario)
    before = scenario.read_bytes()
    env = {**os.environ, "OPTIONSCOPE_CACHE": "off"}
    code = "from optionscope.cli import main; main()"
    args = ["report", str(scenario), "-o", str(scenario), "--force"]
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert REFUSED in done.stderr
    assert scenario.read_bytes() == before


def test_another_output_is_still_replaced_when_asked(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    shutil.copy(TINY, scenario)
    out = tmp_path / "b.md"
    out.write_text("old", encoding="utf-8")
    done = CliRunner().invoke(cli, ["report", str(scenario), "-o", str(out), "--force"])
    assert done.exit_code == 0, done.output
    assert out.read_text(encoding="utf-8") != "old"
