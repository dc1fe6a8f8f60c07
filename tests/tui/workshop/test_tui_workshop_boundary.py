"""The workshop UI loads textual only when it runs: the commands and the package entry do not."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["optionscope.tui.workshop", "optionscope.cli.workshop"])
def test_importing_does_not_load_textual_or_rich(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "loaded = [m for m in ('textual', 'rich', 'textual_serve') if m in sys.modules]; "
        "print(','.join(loaded))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
