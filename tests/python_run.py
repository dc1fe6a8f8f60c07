"""Code run in a fresh interpreter, as a user's command starts: what a module imports, or
does, before anything else is loaded. Its answer is the last line it prints, as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any


def run_python(code: str, *args: str, env: dict[str, str] | None = None) -> Any:
    """Run `code` with `args` in a new Python process; its last line of output, read as
    JSON (the process must succeed: its errors are the assertion's message)."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])
