"""The command line starts no BLAS threads: numpy's OpenBLAS would start one per CPU on
import, spinning while it waits for work (about 90 ms of CPU time on two CPUs before the
TUI's first screen), for matrices of options x criteria that gain nothing from them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

TINY = Path(__file__).parent / "data" / "tiny.yaml"

RANK_AND_COUNT_THREADS = textwrap.dedent(
    """
    import contextlib, io, json, os, sys
    from optionscope.cli import main

    with contextlib.redirect_stdout(io.StringIO()):
        try:
            main(["rank", sys.argv[1]])
        except SystemExit:
            pass
    import numpy

    threads = len(os.listdir("/proc/self/task"))
    print(json.dumps({"numpy": "numpy" in sys.modules, "threads": threads}))
    """
)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_a_command_runs_numpy_without_blas_threads() -> None:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    done = subprocess.run(
        [sys.executable, "-c", RANK_AND_COUNT_THREADS, str(TINY)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result == {"numpy": True, "threads": 1}


def test_a_thread_count_the_user_chose_is_kept() -> None:
    code = textwrap.dedent(
        """
        import os
        from optionscope.cli import main

        try:
            main(["--version"])
        except SystemExit:
            pass
        print(os.environ["OPENBLAS_NUM_THREADS"])
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "3"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "3"
