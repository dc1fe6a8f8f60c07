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


_MEASURED = """
import json, os, subprocess, sys
with open(sys.argv[1], "w") as err:
    proc = subprocess.Popen(
        [sys.executable, "-m", "optionscope", *sys.argv[2:]], stdout=subprocess.DEVNULL, stderr=err
    )
    _, status, usage = os.wait4(proc.pid, 0)
print(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_maxrss]))
"""


def command_peak(err: str, args: list[str], env: dict[str, str] | None = None) -> tuple[int, float]:
    """Run `optionscope ARGS` (its standard error to the file `err`) and return its exit code
    and peak memory in MiB. Started from a fresh, small interpreter: a child keeps the peak
    memory of the process it is started from (on Linux, its `ru_maxrss` starts there), and a
    test process that has run many tests can be larger than the limit checked."""
    code, maxrss = run_python(_MEASURED, err, *args, env=env)
    return int(code), maxrss / 1024
