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


def test_the_readme_names_an_install_command_and_a_test_command() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"pip install \.\s*&&\s*\.venv/bin/optionscope", text)
    assert re.search(r"pip install -e '\.\[test\]'\s*&&\s*\.venv/bin/pytest", text)


def test_the_ci_script_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest" in ci
