"""Time `optionscope rank` as a whole process, and the engine at scale.

Prints figures for the README. Budgets (DESIGN.md): a whole `rank` process under
0.4 s; a 500-option x 60-criterion scenario loads, ranks and explains interactively.

    .venv/bin/python benchmarks/rank.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scenarios import scenario_yaml

from optionscope.analysis.explain import explain_lead
from optionscope.analysis.ranking import rank
from optionscope.io.scenario_files import load_scenario

ROOT = Path(__file__).resolve().parents[1]


def process_seconds(args: list[str], runs: int = 15) -> tuple[float, float]:
    """Median and best wall time of a whole `optionscope ...` process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "optionscope", *args],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main() -> None:
    print("optionscope rank, whole process (median / best of 15 runs)")
    for args in (["--version"], ["rank", "tests/data/tiny.yaml"], ["rank", "minusma-2023"]):
        try:
            med, best = process_seconds(args)
        except subprocess.CalledProcessError:
            print(f"  {' '.join(args):40s} failed")
            continue
        print(
            f"  optionscope {' '.join(args):36s} {med * 1000:6.0f} ms  (best {best * 1000:.0f} ms)"
        )

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.yaml"
        path.write_text(scenario_yaml(500, 60), encoding="utf-8")
        size = path.stat().st_size / 2**20
        start = time.perf_counter()
        s = load_scenario(path)
        load = time.perf_counter() - start
        weights = s.profiles[0].weights
        rank(s, weights)  # warm
        reps = 20
        start = time.perf_counter()
        for _ in range(reps):
            r = rank(s, weights)
        per_rank = (time.perf_counter() - start) / reps
        start = time.perf_counter()
        explain_lead(r, s)
        explain = time.perf_counter() - start
        print(f"\n500 options x 60 criteria ({size:.1f} MiB of YAML)")
        print(f"  load and validate  {load * 1000:7.0f} ms")
        print(f"  rank (all steps)   {per_rank * 1000:7.1f} ms")
        print(f"  explain the lead   {explain * 1000:7.2f} ms")


if __name__ == "__main__":
    main()
