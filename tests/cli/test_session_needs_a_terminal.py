"""The interactive session refuses to start when its input or output is not a terminal.
`optionscope tui < /dev/null > /dev/null` wrote screens of escape sequences until it was
killed, and a SIGTERM then ended it as an "internal error" (exit 1)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("args", [["tui", "minusma-2023"], [], ["tui"]])
def test_no_terminal_no_session(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "optionscope", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),  # not served to a browser
    )
    assert done.returncode == 2, done.stderr
    assert "the interactive session needs a terminal" in done.stderr
    assert "\x1b" not in done.stdout + done.stderr


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
