"""Time from process start to the first screen of the terminal UI, in a real terminal.

    .venv/bin/python benchmarks/first_paint.py [--runs N] [--size 100x30]

Each process runs in a pseudo-terminal of the given size; the clock stops when the
terminal's output (escape sequences removed) shows a marker: the leading option's label
for `optionscope tui minusma-2023`, the text of the one Static for the floor, a bare
Textual app. The process is then killed (the first, not timed, is ended as a user's
session is when its terminal closes). The two are run alternately and the medians
compared, as wall time and as CPU time of the process until then.
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from contextlib import suppress
from fcntl import ioctl
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
STATE = tempfile.mkdtemp(prefix="first-paint-")
CACHE = tempfile.mkdtemp(prefix="first-paint-cache-")
ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App[None]):
    def compose(self):
        yield Static("first paint marker")

Bare().run()
"""


def first_paint(cmd: list[str], marker: bytes, size: tuple[int, int], timeout: float = 60.0,
                end: signal.Signals = signal.SIGKILL) -> tuple[float, float]:  # fmt: skip
    """Wall and CPU seconds from starting `cmd` in a terminal until `marker` is on it;
    the process is then sent `end` (SIGTERM: it ends as when its terminal is closed,
    keeping what a process keeps when it ends, as its compiled text)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, in the new terminal
        os.environ["TERM"] = "xterm-256color"
        os.environ.setdefault("COLORTERM", "truecolor")
        os.environ["XDG_STATE_HOME"] = STATE  # no last session kept from other runs
        os.environ.setdefault("OPTIONSCOPE_CACHE", CACHE)  # never the user's
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # byte code written once, as usual
        os.chdir(ROOT)
        os.execv(cmd[0], cmd)
    start = time.perf_counter()
    cols, rows = size
    ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    seen = b""
    wall = float("inf")
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if marker in ESCAPES.sub(b"", seen):
                wall = time.perf_counter() - start
                break
        cpu = _cpu_seconds(pid)
    finally:
        os.kill(pid, end)
        _wait_reading(pid, fd)
        os.close(fd)
    if wall == float("inf"):
        raise RuntimeError(f"{' '.join(cmd)}: {marker!r} not seen in {timeout:g} s")
    return wall, cpu


def _wait_reading(pid: int, fd: int) -> None:
    """Wait for the process to end, reading what it writes meanwhile (a full terminal
    would stop it)."""
    while os.waitpid(pid, os.WNOHANG)[0] == 0:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            with suppress(OSError):
                os.read(fd, 1 << 16)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process and of the children it has waited
    for (Linux /proc): `optionscope tui` reads its scenario in a second process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(fields[k]) for k in (11, 12, 13, 14)) / os.sysconf("SC_CLK_TCK")


def measure(runs: int, size: tuple[int, int]) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds to the first screen: optionscope's and the bare app's."""
    from optionscope.analysis.ranking import rank
    from optionscope.io.scenario_files import load_scenario
    from optionscope.tui._session import initial_weights

    scenario = load_scenario("minusma-2023")
    leader = rank(scenario, initial_weights(scenario)[0]).ranking[0].option
    name = next(o.label for o in scenario.options if o.id == leader)
    commands = {
        "tui": ([str(BIN / "optionscope"), "tui", "minusma-2023"], name.encode()),
        "tui-first": (
            [
                "/usr/bin/env",
                "OPTIONSCOPE_CACHE=off",
                str(BIN / "optionscope"),
                "tui",
                "minusma-2023",
            ],
            name.encode(),
        ),
        "bare": ([sys.executable, "-c", BARE_APP], b"first paint marker"),
    }
    for cmd, marker in commands.values():
        # warm the file cache and write byte code; ended as a user's session ends
        first_paint(cmd, marker, size, end=signal.SIGTERM)
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
    for _ in range(runs):
        for key, (cmd, marker) in commands.items():
            times[key].append(first_paint(cmd, marker, size))
    return {
        k: (statistics.median(t[0] for t in v), statistics.median(t[1] for t in v))
        for k, v in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--size", default="100x30")
    args = parser.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    m = measure(args.runs, (w, h))
    for key, (wall, cpu) in m.items():
        print(f"{key:9s} first screen {wall:.3f} s (CPU {cpu:.3f} s)")
    print(f"ratio {m['tui'][0] / m['bare'][0]:.2f}x wall, {m['tui'][1] / m['bare'][1]:.2f}x CPU")


if __name__ == "__main__":
    main()
