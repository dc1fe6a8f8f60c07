"""Each row of the performance budget against its floor, measured in the same run.

    .venv/bin/python benchmarks/ratios.py            # print the ratio lines
    .venv/bin/python benchmarks/ratios.py --write    # also write benchmarks/figures.md
    .venv/bin/python benchmarks/ratios.py --options 2000 --runs 5   # a quicker pass
    .venv/bin/python benchmarks/ratios.py --only start-up,tui --write  # some rows only

The machine may be shared: a command and its floor are run alternately (A, B, A, B...)
and the medians compared, as wall time and as CPU time (user + system), which a busy
machine disturbs less. `benchmarks/figures.md` is the README's performance section
(`scripts/update_readme.py` copies it there): the figures have this one source. With
`--only`, the sections named are measured and `--write` replaces their rows only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
FIGURES = ROOT / "benchmarks" / "figures.md"
BIN = Path(sys.executable).parent
OPTIONSCOPE = str(BIN / "optionscope")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["OPTIONSCOPE_CACHE"] = tempfile.mkdtemp(prefix="optionscope-cache-")  # not the user's
COLD = ["/usr/bin/env", "OPTIONSCOPE_CACHE=off"]
"""Before a command: read its scenario file as if for the first time."""


def run_process(cmd: list[str], timeout: float | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MiB of one process (inf on timeout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=ROOT
    )
    deadline = None if timeout is None else start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline is not None and time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return float("inf"), float("inf"), float("nan")
        time.sleep(0.005)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def alternate(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each command, the commands run in turn."""
    for cmd in commands.values():
        run_process(cmd)  # warm the file cache and write byte code
    walls: dict[str, list[float]] = {k: [] for k in commands}
    cpus: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(runs):
        for key, cmd in commands.items():
            wall, cpu, _ = run_process(cmd)
            walls[key].append(wall)
            cpus[key].append(cpu)
    return {k: (statistics.median(walls[k]), statistics.median(cpus[k])) for k in commands}


Row = tuple[str, str, str, str, str]
"""what, measured, floor, ratio (wall / CPU), budget and verdict."""


def verdict_of(wall_ok: bool, cpu_ok: bool) -> str:
    """Within the budget on both clocks, on one only (CPU time: a busy machine; wall time:
    threads), or over."""
    if wall_ok and cpu_ok:
        return "within"
    if wall_ok:
        return "within on wall time only (CPU time over)"
    return "within on CPU time only (wall time over)" if cpu_ok else "OVER"


def ratio_row(what: str, floor_what: str, a: tuple[float, float], b: tuple[float, float],
              budget: float) -> Row:  # fmt: skip
    wall, cpu = a[0] / b[0], a[1] / b[1]
    verdict = verdict_of(wall <= budget, cpu <= budget)
    return (
        what,
        f"{a[0]:.3f} s (CPU {a[1]:.3f} s)",
        f"{floor_what} {b[0]:.3f} s (CPU {b[1]:.3f} s)",
        f"{wall:.2f}x / {cpu:.2f}x",
        f"{budget:g}x: {verdict}",
    )


def start_up(runs: int) -> list[Row]:
    py = sys.executable
    m = alternate(
        {
            "rank": [OPTIONSCOPE, "rank", "minusma-2023"],
            "first": [*COLD, OPTIONSCOPE, "rank", "minusma-2023"],
            "floor": [py, "-c", "import numpy, pydantic, yaml, click"],
            "version": [OPTIONSCOPE, "--version"],
            "help": [OPTIONSCOPE, "--help"],
            "click": [py, "-c", "import click"],
        },
        runs,
    )
    return [
        ratio_row("`rank minusma-2023` (its file read before)",
                  "import numpy, pydantic, yaml, click", m["rank"], m["floor"], 1.3),
        ratio_row("`rank minusma-2023` (its file read for the first time)",
                  "import numpy, pydantic, yaml, click", m["first"], m["floor"], 1.3),
        ratio_row("`--version`", "python -c 'import click'", m["version"], m["click"], 1.2),
        ratio_row("`--help`", "python -c 'import click'", m["help"], m["click"], 1.2),
    ]  # fmt: skip


def first_paint_rows(runs: int) -> list[Row]:
    """The TUI's first ranking on screen against a bare Textual app's first screen."""
    from first_paint import measure  # benchmarks/first_paint.py

    m = measure(runs, (100, 30))
    return [
        ratio_row("TUI first ranking on screen (terminal 100x30; its file read before)",
                  "a bare Textual app with one Static", m["tui"], m["bare"], 1.5),
        ratio_row("TUI first ranking on screen (terminal 100x30; its file read for the first "
                  "time)", "a bare Textual app with one Static", m["tui-first"], m["bare"], 1.5),
    ]  # fmt: skip


def smaa_rows(runs: int) -> list[Row]:
    """SMAA-2 at 10^6 samples on minusma-2023 against drawing the same random numbers."""
    import numpy as np

    from optionscope.analysis import smaa as sm
    from optionscope.analysis.smaa_sampling import draw_tile
    from optionscope.analysis.smaa_weights import WEIGHT_TILE
    from optionscope.analysis.value import performance_matrix, range_matrices, weight_vector
    from optionscope.io.scenario_files import load_scenario

    s = load_scenario("minusma-2023")
    profile = s.profile(s.default_profile) if s.default_profile else s.profiles[0]
    weights = dict(profile.weights)
    samples = 1_000_000
    low, high = range_matrices(s)
    central = performance_matrix(s)
    kinds = [
        [sm.DISTRIBUTIONS[s.assessments[o.id][c].confidence] for c in s.criterion_ids]
        for o in s.options
    ]
    model = sm.performance_model(central, low, high, kinds, s.criteria)
    words = (model.draws + 1) // 2
    tile = draw_tile(model.m * model.n)
    alpha = sm.DEFAULT_CONCENTRATION * weight_vector(s, weights)
    alpha = alpha[alpha > 0]

    def floor() -> None:
        """The run's random numbers only, drawn as the run draws them: words for the
        performances a draw tile at a time, gammas for the weights a tile at a time, one
        call per criterion (the fastest way NumPy has: one call given every criterion's
        shape takes about a quarter longer)."""
        gammas = np.empty(WEIGHT_TILE)
        for run, count in ((0, samples), (1, min(samples, sm.CONFIDENCE_SAMPLES))):
            for block, size in sm._blocks(count):
                bits = sm._rng(1, run, block, 0).bit_generator
                for _ in range(-(-size // tile)):
                    bits.random_raw(tile * words)
                if run == 0:
                    rng = sm._rng(1, run, block, 1)
                    for _ in range(-(-size // WEIGHT_TILE)):
                        for shape in alpha:
                            rng.standard_gamma(shape, size=WEIGHT_TILE, out=gammas)

    def ours(workers: int) -> Callable[[], Any]:
        return lambda: sm.smaa(s, weights, samples=samples, seed=1, workers=workers)

    timed: dict[str, list[float]] = {"floor": [], "1": [], "2": []}
    cpu: dict[str, list[float]] = {"floor": [], "1": [], "2": []}
    ours(1)()
    for _ in range(runs):
        for key, fn in (("floor", floor), ("1", ours(1)), ("2", ours(2))):
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            timed[key].append(time.perf_counter() - t0)
            cpu[key].append(time.process_time() - c0)
    med = {k: (statistics.median(v), statistics.median(cpu[k])) for k, v in timed.items()}
    label = f"SMAA-2, 10^6 samples, {len(s.options)} x {len(s.criteria)}"
    faster = med["2"][0] < med["1"][0]
    return [
        ratio_row(f"{label}, 1 thread", "drawing its random numbers", med["1"], med["floor"], 2),
        ratio_row(
            f"{label}, 2 threads (the default on 2 CPUs)",
            "drawing its random numbers",
            med["2"],
            med["floor"],
            2,
        ),
        (
            f"{label}, 2 threads",
            f"{med['2'][0]:.3f} s (CPU {med['2'][1]:.3f} s)",
            f"the same, 1 thread {med['1'][0]:.3f} s",
            f"{med['2'][0] / med['1'][0]:.2f}x",
            "faster than 1 thread: " + ("yes" if faster else "no"),
        ),
    ]


SMAA_MEMORY = """
import sys
from optionscope.analysis.smaa import smaa
from optionscope.io.scenario_files import load_scenario

s = load_scenario(sys.argv[2])
profile = s.profile(s.default_profile) if s.default_profile else None
smaa(s, dict(profile.weights) if profile else None, samples=int(sys.argv[1]), seed=1,
     workers=1)
"""
"""One SMAA-2 run through the Python API: samples, scenario (with its default profile)."""


def memory_rows(timeout: float) -> list[Row]:
    """Peak memory of SMAA-2 at ten times the samples against the same run at one tenth:
    on the bundled scenario (every rank) and on 200 generated options (the screened
    kernel, ranks 1 to 3; 10^6 samples there, as 10^7 take minutes)."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        wide = generated("yaml", 200, 12, Path(tmp) / "generated.yaml")
        for scenario, label, many in (("minusma-2023", "7 x 12", 10_000_000),
                                      (str(wide), "200 x 12 (generated)", 1_000_000)):  # fmt: skip
            peak = {}
            for samples in (many // 10, many):
                cmd = [sys.executable, "-c", SMAA_MEMORY, str(samples), scenario]
                peak[samples] = run_process(cmd, timeout)[2]
            ratio = peak[many] / peak[many // 10]
            rows.append((
                f"Peak memory of SMAA-2, {label}, 10^{round(math.log10(many))} samples",
                f"{peak[many]:.0f} MiB",
                f"10^{round(math.log10(many // 10))} samples {peak[many // 10]:.0f} MiB",
                f"{ratio:.2f}x",
                f"bounded (1.1x): {'within' if ratio <= 1.1 else 'OVER'}",
            ))  # fmt: skip
    return rows


SCALE_COMMANDS: list[tuple[str, list[str]]] = [
    ("validate --strict", ["validate", "--strict"]),
    ("rank", ["rank"]),
    ("compare", ["compare"]),
    ("sensitivity", ["sensitivity"]),
    ("simulate --samples 100000", ["simulate", "--samples", "100000"]),
    ("report", ["report", "--output", "{out}"]),
    ("frontier --cost-criterion c0", ["frontier", "--cost-criterion", "c0"]),
    ("show", ["show"]),
    ("diff, the file against itself", ["diff", "{file}"]),
]


def generated(kind: str, options: int, criteria: int, path: Path) -> Path:
    """A generated scenario written by another process: a command's peak memory, as the
    system counts it, starts from this process's size when it is started."""
    script = str(ROOT / "benchmarks" / "scenarios.py")
    subprocess.run([sys.executable, script, kind, str(options), str(criteria), str(path)],
                   check=True, env=ENV)  # fmt: skip
    return path


LEADER = """
import sys
from optionscope.analysis.ranking import rank
from optionscope.io.scenario_files import load_scenario
from optionscope.tui._session import initial_weights

s = load_scenario(sys.argv[1])
leader = rank(s, initial_weights(s)[0]).ranking[0].option
print(next(o.label for o in s.options if o.id == leader))
"""


def leader_label(path: Path) -> str:
    """The label the TUI shows first for a scenario, found by another process (as above)."""
    done = subprocess.run([sys.executable, "-c", LEADER, str(path)], check=True,
                          capture_output=True, text=True, env=ENV)  # fmt: skip
    return done.stdout.strip()


SCALE_RUNS = 3
"""Runs of each scale command: its row gives the median wall and CPU time and the largest
peak memory (one run alone is at the mercy of a moment's disturbance of the machine)."""


def median_process(cmd: list[str], timeout: float, output: Path | None = None
                   ) -> tuple[float, float, float]:  # fmt: skip
    """`run_process`'s figures over `SCALE_RUNS` runs: median wall and CPU seconds (inf
    once a run is stopped at the timeout), the largest peak memory. The file `output`, if
    given, is removed before each run (a command never writes over a file)."""
    runs = []
    for _ in range(SCALE_RUNS):
        if output is not None:
            output.unlink(missing_ok=True)
        runs.append(run_process(cmd, timeout))
        if runs[-1][0] == float("inf"):
            return runs[-1]
    wall, cpu = (statistics.median(r[k] for r in runs) for k in (0, 1))
    return wall, cpu, max(r[2] for r in runs)


def median_first_paint(cmd: list[str], marker: bytes, timeout: float) -> tuple[float, float]:
    """The median wall and CPU seconds of `SCALE_RUNS` first paints (terminal 100x30)."""
    from first_paint import first_paint  # benchmarks/first_paint.py

    runs = [first_paint(cmd, marker, (100, 30), timeout) for _ in range(SCALE_RUNS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def scale_rows(options: int, criteria: int, timeout: float) -> list[Row]:
    """Every command on a generated scenario, its file read for the first time; then
    `rank` again (the file read before) and the TUI's first ranking on screen; each the
    median of `SCALE_RUNS` runs."""
    rows: list[Row] = []

    def row(what: str, measured: tuple[float, float, float], limit: float) -> Row:
        wall, cpu, rss = measured
        memory = "" if math.isnan(rss) else f", {rss:.0f} MiB"  # not measured in a terminal
        shown = (
            f"over {timeout:.0f} s (stopped)"
            if wall == float("inf")
            else f"{wall:.2f} s (CPU {cpu:.2f} s){memory}"
        )
        return (what, shown, "-", "-", f"< {limit:g} s: {verdict_of(wall < limit, cpu < limit)}")

    with tempfile.TemporaryDirectory() as tmp:
        for kind, limit in (("csv", 2.0), ("yaml", 10.0)):
            path = generated(kind, options, criteria, Path(tmp) / f"generated.{kind}")
            name = f"{options:,} x {criteria} {kind.upper()}"
            for label, args in SCALE_COMMANDS:
                out = str(Path(tmp) / f"report-{kind}-{label.split()[0]}.html")
                filled = (a.replace("{out}", out).replace("{file}", str(path)) for a in args)
                cmd = [*COLD, OPTIONSCOPE, *filled, str(path)]
                measured = median_process(cmd, timeout, Path(out))
                rows.append(row(f"{name}: `{label}`", measured, limit))
            run_process([OPTIONSCOPE, "rank", str(path)], timeout)  # read once, kept
            again = median_process([OPTIONSCOPE, "rank", str(path)], timeout)
            rows.append(row(f"{name}: `rank`, its file read before", again, limit))
            marker = leader_label(path).encode()
            wall, cpu = median_first_paint([*COLD, OPTIONSCOPE, "tui", str(path)], marker,
                                           timeout)  # fmt: skip
            rows.append(row(f"{name}: TUI first ranking on screen", (wall, cpu, float("nan")),
                            limit))  # fmt: skip
        # few criteria: an eighth of all pairs are dominating ones, which were all listed
        path = generated("csv", options, 3, Path(tmp) / "few-criteria.csv")
        name = f"{options:,} x 3 CSV (most options dominated)"
        out = Path(tmp) / "report-few.html"
        for label, args in DENSE_COMMANDS:
            filled = (a.replace("{out}", str(out)) for a in args)
            cmd = [*COLD, OPTIONSCOPE, *filled, str(path)]
            rows.append(row(f"{name}: `{label}`", median_process(cmd, timeout, out), 2.0))
    return rows


DENSE_COMMANDS: list[tuple[str, list[str]]] = [
    ("frontier --cost-criterion c0", ["frontier", "--cost-criterion", "c0"]),
    ("report", ["report", "--output", "{out}"]),
]
"""The commands that say which options dominate which."""


def large_csv_row(rows_count: int, timeout: float) -> Row:
    with tempfile.TemporaryDirectory() as tmp:
        path = generated("csv", rows_count, 12, Path(tmp) / "rows.csv")
        runs = [  # each with an empty cache: read, then stored, as a user's first `rank`
            run_process(
                [
                    "/usr/bin/env",
                    f"OPTIONSCOPE_CACHE={tmp}/cache-{i}",
                    OPTIONSCOPE,
                    "rank",
                    str(path),
                ],
                timeout,
            )
            for i in range(3)
        ]
        wall, cpu = (statistics.median(r[k] for r in runs) for k in (0, 1))
        rss = max(r[2] for r in runs)
    ok = min(wall, cpu) < 5 and rss < 1024
    return (
        f"{rows_count:,}-row CSV: `rank` (its file read for the first time, median of 3)",
        f"{wall:.2f} s (CPU {cpu:.2f} s), {rss:.0f} MiB",
        "-",
        "-",
        f"< 5 s, < 1 GiB: {'within' if ok else 'OVER'}",
    )


NOTES = "\n" + (Path(__file__).with_name("notes.md")).read_text(encoding="utf-8")
"""Where the time goes, written by hand below the table (benchmarks/notes.md)."""


def table(rows: list[Row]) -> str:
    header = ("what", "measured (median)", "floor, same run", "ratio (wall / CPU)", "budget")
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


SECTIONS = ("start-up", "tui", "smaa", "memory", "large-csv", "scale")
"""The table's sections, in its order."""


def section_of(what: str) -> str:
    """Which section a row of the table belongs to, from its first cell."""
    if what.startswith("Peak memory"):
        return "memory"
    if " x 12 " in what or " x 3 CSV" in what:
        return "scale"
    if what.startswith("TUI"):
        return "tui"
    if what.startswith("SMAA"):
        return "smaa"
    if "-row CSV" in what:
        return "large-csv"
    return "start-up"


def written_rows() -> list[Row]:
    """The rows of the table in benchmarks/figures.md as it is."""
    rows: list[Row] = []
    if not FIGURES.exists():
        return rows
    for line in FIGURES.read_text(encoding="utf-8").splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if line.startswith("| ") and len(cells) == 5 and cells[0] not in ("what", "---"):
            rows.append((cells[0], cells[1], cells[2], cells[3], cells[4]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="alternating runs per ratio")
    parser.add_argument("--options", type=int, default=10_000, help="generated scenario size")
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the large CSV")
    parser.add_argument("--timeout", type=float, default=120.0, help="per scale command")
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help=f"sections to measure: {', '.join(SECTIONS)}"
    )
    parser.add_argument("--write", action="store_true", help="write benchmarks/figures.md")
    args = parser.parse_args()
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(only) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    measure: dict[str, Callable[[], list[Row]]] = {
        # a few tenths of a second each, the start-up rows are the noisiest: twice the runs
        "start-up": lambda: start_up(2 * args.runs),
        "tui": lambda: first_paint_rows(args.runs),
        "smaa": lambda: smaa_rows(args.runs),
        "memory": lambda: memory_rows(args.timeout),
        "large-csv": lambda: [large_csv_row(args.rows, args.timeout)],
        "scale": lambda: scale_rows(args.options, 12, args.timeout),
    }
    measured: dict[str, list[Row]] = {}
    for name in SECTIONS:
        if name not in only:
            continue
        measured[name] = []
        for row in measure[name]():
            measured[name].append(row)
            print(" | ".join(row), flush=True)
    if args.write:
        kept = written_rows()
        rows = [
            row
            for name in SECTIONS
            for row in (
                measured[name]
                if name in measured
                else [r for r in kept if section_of(r[0]) == name]
            )
        ]
        today = dt.date.today().isoformat()
        FIGURES.write_text(
            f"Measured on {today} with `benchmarks/ratios.py` on the development machine "
            f"({os.cpu_count()} cores, shared with other work: each command alternates with "
            "its floor and the medians are compared; CPU time is the steadier figure).\n\n"
            + table(rows)
            + NOTES,
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
