"""A test that waits forever fails, with its stack, and the run goes on.

A test once waited for a lock held by a child process it had killed (a killed process
never releases a shared lock), and the suite ran until CI stopped it, with nothing
said of where. The suite's hang guard (`timeout` in pyproject.toml's pytest options)
turns such a wait into a failure of that one test.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HANGING = """
import multiprocessing, os, signal

SPAWN = multiprocessing.get_context("spawn")


def take(lock, held):
    lock.acquire()
    held.set()
    signal.pause()


def test_waits_for_a_lock_its_killed_holder_kept():
    lock, held = SPAWN.Lock(), SPAWN.Event()
    child = SPAWN.Process(target=take, args=(lock, held))
    child.start()
    assert held.wait(60)
    os.kill(child.pid, signal.SIGKILL)
    child.join(60)
    lock.acquire()  # never returns: the lock's holder is gone


def test_after_it():
    pass
"""


def test_the_suite_has_a_hang_guard_far_above_its_slowest_test() -> None:
    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]
    assert int(options["ini_options"]["timeout"]) >= 300


def test_a_test_that_waits_forever_fails_and_the_next_one_runs(tmp_path: Path) -> None:
    (tmp_path / "test_hanging.py").write_text(HANGING)
    # the project's own options, with the guard shortened so that this check is quick
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(tmp_path),
            "-o",
            "timeout=3",
            str(tmp_path / "test_hanging.py"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        cwd=tmp_path,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "Timeout (>3.0s) from pytest-timeout" in out, out
    assert "lock.acquire()  # never returns" in out, out  # where it waited
    assert "1 failed, 1 passed" in out, out
