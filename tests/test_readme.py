"""The README states what is true of the code."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_format_reference_is_generated_from_the_model() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "update_readme.py"))
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert script["START"] in text, "the README has lost its format-reference markers"
    assert script["updated"](text) == text, "run scripts/update_readme.py"


def start_here_commands() -> tuple[str, str]:
    """The README's two commands for a fresh machine: install and run, install and test."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Start here") :]
    block = section[section.index("```sh") : section.index("```", section.index("```sh") + 5)]
    commands = [line for line in block.splitlines() if line.startswith("python3 -m venv")]
    assert len(commands) == 2, commands
    return commands[0], commands[1]


def test_the_readme_names_an_install_command_and_a_test_command() -> None:
    run, test = start_here_commands()
    assert run.endswith("&& .venv/bin/optionscope")
    assert test.endswith("&& .venv/bin/pytest")
    assert "--extra test" in test


def test_both_readme_commands_install_the_locked_versions() -> None:
    for command in start_here_commands():
        assert "uv sync" in command and "--locked" in command, command
        assert re.search(r"uv==\d+\.\d+\.\d+", command), "the installer itself is pinned"
    assert (ROOT / "uv.lock").is_file()


def test_the_ci_script_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert start_here_commands()[1] in ci


def test_the_readme_python_example_runs(capsys: object) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### From Python") :]
    code = section[section.index("```python") + len("```python") : section.index("```\n", 10)]
    exec(compile(code, "README.md", "exec"), {})


def test_a_misspelt_criterion_is_refused_not_weighed_zero() -> None:
    import pytest

    import optionscope

    s = optionscope.load_scenario("minusma-2023")
    with pytest.raises(ValueError, match="unknown criteria: poc"):
        optionscope.rank(s, {"poc": 40, "annual-cost": 10})
