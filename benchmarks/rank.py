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

import numpy as np
import yaml

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


def generated_scenario(options: int, criteria: int, seed: int = 7) -> str:
    """YAML text of a random scenario of the given size."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(0, 10, size=(options, criteria))
    data = {
        "id": f"generated-{options}x{criteria}",
        "title": f"Generated {options} x {criteria}",
        "question": "Which?",
        "as_of": "2024-01-01",
        "criteria": [
            {
                "id": f"c{j}",
                "name": f"Criterion {j}",
                "scale": {"min": 0, "max": 10},
                "direction": "max" if j % 3 else "min",
                "group": f"Group {j % 6}",
            }
            for j in range(criteria)
        ],
        "options": [{"id": f"o{i}", "name": f"Option {i}", "summary": "s"} for i in range(options)],
        "assessments": {
            f"o{i}": {
                f"c{j}": {
                    "value": round(float(values[i, j]), 3),
                    "low": round(float(max(values[i, j] - 1, 0)), 3),
                    "high": round(float(min(values[i, j] + 1, 10)), 3),
                    "rationale": "generated",
                }
                for j in range(criteria)
            }
            for i in range(options)
        },
        "profiles": [
            {
                "id": "p",
                "name": "P",
                "weights": {f"c{j}": float(j % 5 + 1) for j in range(criteria)},
            }
        ],
    }
    return yaml.safe_dump(data, sort_keys=False)


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
        path.write_text(generated_scenario(500, 60), encoding="utf-8")
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
