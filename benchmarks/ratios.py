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
    from optionscope.analysis import smaa as sm
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
    alpha = sm.DEFAULT_CONCENTRATION * weight_vector(s, weights)
    alpha = alpha[alpha > 0]

    def floor() -> None:
        """The run's random numbers only: words for the performances, gammas for the weights."""
        for run, count in ((0, samples), (1, min(samples, sm.CONFIDENCE_SAMPLES))):
            for block, size in sm._blocks(count):
                rng = sm._rng(1, run, block, 0)
                rng.bit_generator.random_raw(size * words)
                if run == 0:
                    sm._rng(1, run, block, 1).standard_gamma(alpha, size=(size, alpha.size))

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


def scale_rows(options: int, criteria: int, timeout: float) -> list[Row]:
    """Every command on a generated scenario, its file read for the first time; then
    `rank` again (the file read before) and the TUI's first ranking on screen."""
    from first_paint import first_paint  # benchmarks/first_paint.py

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
                rows.append(row(f"{name}: `{label}`", run_process(cmd, timeout), limit))
            run_process([OPTIONSCOPE, "rank", str(path)], timeout)  # read once, kept
            again = run_process([OPTIONSCOPE, "rank", str(path)], timeout)
            rows.append(row(f"{name}: `rank`, its file read before", again, limit))
            marker = leader_label(path).encode()
            wall, cpu = first_paint(
                [*COLD, OPTIONSCOPE, "tui", str(path)], marker, (100, 30), timeout
            )
            rows.append(row(f"{name}: TUI first ranking on screen", (wall, cpu, float("nan")),
                            limit))  # fmt: skip
    return rows


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


NOTES = """
Where the time goes, and what stays over its budget:

- Start-up: `rank` imports pydantic's model machinery (the floor's `import pydantic`
  loads none of it: about 25 ms for `BaseModel`, 15 ms more for its schema modules)
  and creates the model's classes (about 30 ms), which no cache avoids; validators
  are built only when a file is validated, and a file read before is loaded from the
  user's cache (`OPTIONSCOPE_CACHE`), without parsing or validating it again, and with
  the garbage collector paused (10,000 x 12: 0.43 s instead of 1.0 s). The
  TUI's first frame shows its main screen laid out as it settles (the app's first
  screen, laid out for the terminal when composed; the footer's keys follow a few
  frames later), with no garbage collection and no BLAS threads before it. It needs
  neither numpy nor pydantic nor the model's classes, which alone took as long to import
  as Textual (1.7 times the bare app, counted in instructions): on Linux with a second
  CPU a forked process reads the scenario (or takes it from the cache) and ranks it
  while this one starts Textual, and hands back the session's outline (its names and
  numbers as plain values) and the scenario; the frame is drawn from the outline, and
  the session takes its place once it is on the terminal (keys pressed meanwhile wait
  for it). The row's CPU time counts both processes. With one CPU, or `--resume`, the
  scenario is read first. The screens other than the first are imported when first
  opened, and a kept session is looked for once the frame is drawn. `rank`'s CPU time
  is below its floor's because numpy
  starts no BLAS threads in optionscope (they spin idle at import in the floor).
- Ranks come from sorted scores, ids and references are checked against sets, and each
  problem of a file is located through an index of its keys: no step compares every
  option with every other. A screen prints only the scores it shows, at the decimals
  found once per ranking from the neighbours that could print alike: on the 10,000 x 12
  CSV a weight change is re-ranked and drawn in about 0.12 s, key to frame
  (`benchmarks/tui.py FILE`, 2026-12-02; 0.33 s before).
- The value-for-cost frontier is a skyline: options sorted by cost, the best value of
  each prefix decides (O(m log m), linear memory). Above 50 options each option is said
  to be beaten on value for cost by the efficient options that beat it, not by every
  option (`beaten_by_efficient_only` in JSON): on 10,000 options the full lists were
  some 50 million names, 4 GB and a minute and a half of `frontier`. Dominance on every criterion
  (`frontier`, `report`) compares each option only with those whose sum of
  performances reaches its own (less the tolerances and a bound on rounding), about
  half the pairs, in chunks of a million pairs, criterion by criterion on contiguous
  rows: on every pair while one in 64 still stands, then on the pairs left one by one.
- `sensitivity` says what would have to be true for every other option when there are
  at most 20, else for the 20 nearest to first, found exactly: a lower bound of each
  option's distance orders the linear programmes, which stop once no option left can be
  nearer, and each programme adds rival options only where its solution breaks their
  constraint. `--option ID` asks about any other option.
- SMAA-2 on up to 50 options (10^6 samples, 7 x 12): over its floor (the run's random
  numbers) it spends NumPy passes along the samples: the generator's words turned
  cell-major and into values, a tile of about 1,000 samples at a time, then scored;
  ranks counted from comparisons of every pair of options (up to 12; a sort above);
  first-place weights added in sample order. Its ufunc buffers are shorter than a tile
  (NumPy's 8,192-element default copies every broadcast operand: 15-20% of the time),
  and its buffers are kept per thread (made per block, they cost a third of a second
  of page faults in a single-threaded run).
- SMAA on more than 50 options counts ranks 1 to 3 only, and says so in every view.
  In each simulation an exact screen draws only the options that can reach them
  there: a few pilot options set a threshold (the third best of their scores), the
  candidates with the best most favourable scores are drawn next and raise it, and
  the rest are drawn criterion by criterion, each left as soon as it cannot reach it.
  Draws are addressed by position (SplitMix64 at simulation, option, criterion), so
  the result equals the unscreened one exactly. The pilots best at their central values
  are drawn whole first (as many as the ranks counted), the others only while they can
  reach the least of those scores (on the generated YAML 90-120 of the pilots' 192 draws
  a simulation); values without a range are summed whole, with nothing to leave out
  early. What stays is the most favourable scores a bound cannot rule out: the options
  come in blocks (tiers by score at the centre, like spreads together), and a block is
  multiplied by the weights (float32, compared while in cache) only in the simulations
  where a Cauchy-Schwarz bound lets it reach the threshold: on the YAML about 6,000 of
  the 10,000 options a simulation under weights drawn over every weighting and 2,000
  around a profile, where about 125 and 75 reach it (on the CSV 3,600 and 750, where 9
  and 1 reach it). A block's upper corner (its most favourable value on each criterion
  times the weights, a bound since weights are never negative) is no tighter on these
  scenarios, whose values are independent across 12 criteria: tiers of 128 keep nearly
  every option, and even 8-option cells of a k-d split keep about 2,700 a simulation
  (2,250 with Cauchy-Schwarz too) at 2,048 bounds each; Cauchy-Schwarz around 16 centres
  of the weights, option by option, keeps 2,800. What stays besides is drawing about 70
  options a simulation (the 16 pilots included), each kind of distribution on its own
  cells. Confidence factors are computed for the ten options most often first, from at
  most 10,000 simulations each. PERT draws come from one table of the standard PERT over
  the mode's position. Samples are drawn in fixed chunks, so memory does not grow with
  their number, and the chunks (not blocks of 16,384) are shared among the threads,
  their sums added in the order they always were. Without stated weights `simulate` runs
  once with weights drawn over every weighting and once per profile (three runs on the
  generated YAML, two on the CSV): on one thread 8.5 to 11 s of CPU for the YAML's three
  runs and about 1 s for the CSV's two (2026-12-02, a busy machine); of the YAML's, over
  half the staged draws (a quarter of them the pilots', in the profiles' runs a quarter
  the confidence factors'), a quarter the most favourable scores, the rest the ranks and
  the bookkeeping of each chunk. On the CSV the most favourable scores are about half of
  it. The late candidates, drawn in one order of the criteria for all, would take about
  half the draws in an order of each pair's own (its weights times its spreads), at the
  cost of drawing a criterion per group of pairs: not done.
- `report` on the 10,000 x 12 CSV makes no assessment object: the content hash writes
  the matrix's canonical JSON from its columns and its options from the first one's
  text (each row's id, name and summary filled in), the assessments are counted by basis
  from the matrix's size, source fragility ranks again only when some cited cell can
  fall, and the fragility test and the profiles' table take the ranking already made.
  Of its CPU time (1.5-1.7 s on a busy machine, 2026-12-02; 1.8-2.0 s before) SciPy's
  import for one linear programme takes about 0.35 s (a third of it numpy modules that
  SciPy's array API layer imports, `numpy.f2py` and `numpy.testing` among them), SMAA a
  quarter, start-up 0.3 s, reading the file 0.1 s, dominance 0.13 s and the hash 0.07 s.
  Dominated options come from the dominating pairs, found chunk by chunk (the pairs still
  standing read from the chunk's table flattened: a 2-D `nonzero` took ten times as
  long). A scenario's central, low and high performances are read from its assessment
  objects once and kept with them: a briefing reads them about fifteen times.
- Once loaded, a scenario is frozen out of the command's later garbage collections
  (`gc.freeze`): every full collection rescanned a 10,000 x 12 scenario's 150,000 objects
  (about 0.8 s of `simulate` and of `sensitivity`).
- Still over their budgets at 10,000 x 12: `simulate` (above); the CSV `report` is close
  to its budget (above). `show` on the CSV prints from the matrix's columns (its 120,000
  assessment objects took 0.9 s) and a line that fits without textwrap. The floors of
  this table (a bare Textual app, the bare imports, SMAA's random numbers) measured 1.1
  to 1.7 times their values of the previous run on the same machine: compare ratios
  across runs, not seconds.
- `diff` reads its second YAML file in a forked process while it reads the first, given a
  second CPU (handed over pickled, or through the cache); on one CPU, one after the other.
- A plain YAML scenario (no anchors, tags or duplicate keys) is built from libyaml's events,
  each plain text resolved once, GC paused: about 0.3 s of CPU per 1,000 options x 12,
  linear. A file with any problem is read again into a node tree (for file:line:col).
- A CSV matrix keeps its cells as an options x criteria array: the reader has checked
  every number, and the assessment objects are made only when a view reads them (a JSON
  dump; `show`, `simulate` and the fragility test read the columns). 100,000 rows x 12
  rank in about 0.6 GB, not 1.5 GB. The tornado keeps its options x criteria swings as
  arrays and a view makes the bars it shows.
"""


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
    if " x 12 " in what:
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
        "start-up": lambda: start_up(args.runs),
        "tui": lambda: first_paint_rows(max(5, args.runs // 2)),
        "smaa": lambda: smaa_rows(max(3, args.runs // 3)),
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
