"""The UI boundary: the head-to-head math and the tui package entry do not pull in textual."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["optionscope.analysis.head_to_head", "optionscope.tui"])
def test_importing_does_not_load_textual_or_rich(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "loaded = [m for m in ('textual', 'rich') if m in sys.modules]; "
        "print(','.join(loaded))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
