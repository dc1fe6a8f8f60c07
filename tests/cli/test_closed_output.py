"""A command started with its standard output closed (`optionscope rank S >&-`) says so on
standard error and exits 2; it ended in an internal error (AttributeError, exit 1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TINY = str(Path(__file__).parents[1] / "data" / "tiny.yaml")


@pytest.mark.parametrize(
    "args", [["rank", TINY], ["rank", TINY, "--format", "json"], ["--version"], ["--help"]]
)
def test_a_closed_standard_output_is_said_not_an_internal_error(args: list[str]) -> None:
    code = "from optionscope.cli import main; main()"
    started_closed = 'code="$1"; shift; exec "$0" -c "$code" "$@" >&-'  # as `cmd >&-` starts
    done = subprocess.run(
        ["sh", "-c", started_closed, sys.executable, code, *args],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "OPTIONSCOPE_CACHE": "off"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "error: standard output is closed" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
