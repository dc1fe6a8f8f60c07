"""Time SMAA-2 against per-sample loops.

Run: .venv/bin/python benchmarks/simulate.py

Prints one table: optionscope's vectorised, chunked SMAA at 10^4 to 10^7
samples (wall time and peak traced memory), a pure-Python per-sample loop,
and pymcdm called once per sample (WSM and TOPSIS). The per-sample rows are
timed on 10^3 samples and extrapolated linearly to 10^6; the table says so.

The scenario is the bundled `minusma-2023` when it loads, else a generated
7 options x 11 criteria scenario with every assessment uncertain.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import os
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from optionscope.analysis.smaa import (
    CONFIDENCE_SAMPLES,
    DISTRIBUTIONS,
    default_workers,
    smaa,
)
from optionscope.analysis.value import (
    criterion_values,
    performance_matrix,
    range_matrices,
    weight_vector,
)
from optionscope.model.scenario import Criterion, Scenario

LOOP_SAMPLES = 1_000
TARGET = 1_000_000


def load_benchmark_scenario() -> tuple[Scenario, str]:
    try:
        from optionscope.io import load_scenario

        return load_scenario("minusma-2023"), "bundled minusma-2023"
    except Exception as exc:  # the bundled scenario may be absent or mid-edit
        print(f"(bundled scenario unavailable: {exc}; using a generated one)", file=sys.stderr)
        return generated_scenario(), "generated"


def generated_scenario(m: int = 7, n: int = 11, seed: int = 0) -> Scenario:
    rng = np.random.default_rng(seed)
    perf = rng.uniform(20, 80, (m, n))
    spread = rng.uniform(2, 15, (m, n))
    levels = ("low", "medium", "high")
    return Scenario.model_validate(
        {
            "id": "generated",
            "title": "Generated benchmark scenario",
            "question": "Which option?",
            "as_of": dt.date(2023, 1, 16),
            "criteria": [
                {
                    "id": f"c{j}",
                    "name": f"Criterion {j}",
                    "direction": "min" if j % 4 == 3 else "max",
                    "scale": {"min": 0, "max": 100},
                }
                for j in range(n)
            ],
            "options": [{"id": f"o{i}", "name": f"Option {i}", "summary": "-"} for i in range(m)],
            "assessments": {
                f"o{i}": {
                    f"c{j}": {
                        "value": perf[i, j],
                        "low": perf[i, j] - spread[i, j],
                        "high": perf[i, j] + spread[i, j],
                        "confidence": levels[(i + j) % 3],
                    }
                    for j in range(n)
                }
                for i in range(m)
            },
        }
    )


def benchmark_weights(scenario: Scenario) -> dict[str, float]:
    if scenario.default_profile:
        return dict(scenario.profile(scenario.default_profile).weights)
    if scenario.profiles:
        return dict(scenario.profiles[0].weights)
    return {cid: 1.0 for cid in scenario.criterion_ids}


# Pure-Python per-sample loop -------------------------------------------------------


def scalar_value(x: float, criterion: Criterion) -> float:
    vf = criterion.value_function
    if vf is not None:
        pts = vf.points
        if x <= pts[0][0]:
            return pts[0][1]
        for (x0, v0), (x1, v1) in itertools.pairwise(pts):
            if x <= x1:
                return v0 + (v1 - v0) * (x - x0) / (x1 - x0)
        return pts[-1][1]
    lo, hi = criterion.scale.min, criterion.scale.max
    frac = min(1.0, max(0.0, (x - lo) / (hi - lo)))
    return 100.0 * (frac if criterion.direction == "max" else 1.0 - frac)


def pure_python_smaa(
    scenario: Scenario, weights: dict[str, float], samples: int
) -> list[list[int]]:
    rnd = random.Random(1)
    crit = scenario.criteria
    w0 = list(weight_vector(scenario, weights))
    cells = []
    for option in scenario.options:
        row = []
        for c in crit:
            a = scenario.assessments[option.id][c.id]
            row.append((a.lower, a.value, a.upper, DISTRIBUTIONS[a.confidence]))
        cells.append(row)
    m = len(cells)
    counts = [[0] * m for _ in range(m)]
    for _ in range(samples):
        g = [rnd.gammavariate(50 * w, 1.0) if w > 0 else 0.0 for w in w0]
        total = sum(g)
        w = [x / total for x in g]
        scores = []
        for row in cells:
            score = 0.0
            for (lo, mode, hi, kind), c, wj in zip(row, crit, w, strict=True):
                if hi <= lo:
                    x = mode
                elif kind == "uniform":
                    x = rnd.uniform(lo, hi)
                elif kind == "triangular":
                    x = rnd.triangular(lo, hi, mode)
                else:
                    a = 1 + 4 * (mode - lo) / (hi - lo)
                    x = lo + (hi - lo) * rnd.betavariate(a, 6 - a)
                score += wj * scalar_value(x, c)
            scores.append(score)
        for rank, i in enumerate(sorted(range(m), key=lambda k: -scores[k])):
            counts[i][rank] += 1
    return counts


# pymcdm called once per sample -------------------------------------------------------


def pymcdm_per_sample(
    scenario: Scenario, weights: dict[str, float], samples: int
) -> dict[str, float]:
    """Seconds for `samples` calls of pymcdm WSM and TOPSIS on pre-sampled matrices."""
    from pymcdm.methods import TOPSIS, WSM  # imported here: about 2 s
    from pymcdm.normalizations import vector_normalization

    rng = np.random.default_rng(1)
    central = performance_matrix(scenario)
    low, high = range_matrices(scenario)
    perf = rng.uniform(low, high, (samples, *central.shape))
    values = np.empty_like(perf)
    for j, c in enumerate(scenario.criteria):
        values[..., j] = criterion_values(perf[..., j], c)
    w0 = weight_vector(scenario, weights)
    positive = w0 > 0
    ws = np.zeros((samples, w0.size))
    ws[:, positive] = rng.dirichlet(50 * w0[positive], samples)
    types = np.array([1 if c.direction == "max" else -1 for c in scenario.criteria])
    ones = np.ones(w0.size, dtype=int)
    out = {}
    for label, method, matrix, kinds in (
        ("WSM", WSM(normalization_function=lambda x, cost: x), values, ones),
        ("TOPSIS", TOPSIS(normalization_function=vector_normalization), perf, types),
    ):
        t0 = time.perf_counter()
        for k in range(samples):
            pref = method(matrix[k], ws[k], kinds, validation=False)
            method.rank(pref)
        out[label] = time.perf_counter() - t0
    return out


# Table ---------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def peak_traced(fn: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def fmt_seconds(s: float) -> str:
    if s >= 3600:
        return f"{s / 3600:.1f} h"
    if s >= 60:
        return f"{s / 60:.1f} min"
    return f"{s:.3f} s" if s < 10 else f"{s:.1f} s"


def fmt_power(n: int) -> str:
    return f"10^{round(math.log10(n))}"


def main() -> None:
    started = time.perf_counter()
    scenario, origin = load_benchmark_scenario()
    weights = benchmark_weights(scenario)
    low, high = range_matrices(scenario)
    m, n = low.shape
    uncertain = int((high > low).sum())
    workers = default_workers()
    print(
        f"Scenario: {origin} ({m} options x {n} criteria, {uncertain} of {m * n} assessments "
        f"uncertain). Weights: Dirichlet around a profile, concentration 50."
    )
    print(
        f"Each SMAA run: rank acceptabilities, central weights, feasibility gates, and "
        f"confidence factors from min(samples, {CONFIDENCE_SAMPLES:,}) further samples; "
        f"{workers} worker threads (of {os.cpu_count()} CPUs); peak memory traced by tracemalloc."
    )
    print()
    smaa(scenario, weights, samples=1000, seed=0)  # warm up caches and lazy imports
    rows: list[tuple[str, str, str, str, str]] = []
    per_million: dict[str, float] = {}
    for power in (4, 5, 6, 7):
        samples = 10**power
        run = lambda s=samples: smaa(scenario, weights, samples=s, seed=1, gates=True)  # noqa: E731
        seconds = min(timed(run) for _ in range(3 if power <= 5 else 1))
        peak = peak_traced(run)
        rows.append(
            (
                "optionscope smaa (vectorised)",
                fmt_power(samples),
                fmt_seconds(seconds),
                f"{peak / 2**20:.1f} MB",
                "measured",
            )
        )
        if samples == TARGET:
            per_million["optionscope"] = seconds

    t_loop = timed(lambda: pure_python_smaa(scenario, weights, LOOP_SAMPLES))
    per_million["pure Python"] = t_loop * TARGET / LOOP_SAMPLES
    rows.append(
        (
            "pure-Python loop, per sample",
            fmt_power(TARGET),
            fmt_seconds(per_million["pure Python"]),
            "-",
            f"extrapolated from 10^3 ({t_loop:.2f} s)",
        )
    )
    try:
        t_import = time.perf_counter()
        import pymcdm  # noqa: F401

        import_seconds = time.perf_counter() - t_import
        calls = pymcdm_per_sample(scenario, weights, LOOP_SAMPLES)
        for label, seconds in calls.items():
            per_million[f"pymcdm {label}"] = seconds * TARGET / LOOP_SAMPLES
            rows.append(
                (
                    f"pymcdm {label}, one call per sample",
                    fmt_power(TARGET),
                    fmt_seconds(seconds * TARGET / LOOP_SAMPLES),
                    "-",
                    f"extrapolated from 10^3 ({seconds:.2f} s); import {import_seconds:.1f} s",
                )
            )
    except ImportError:
        rows.append(("pymcdm", "-", "-", "-", "not installed"))

    header = ("method", "samples", "time", "peak memory", "note")
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(5)]
    line = "  ".join("{:<" + str(w) + "}" for w in widths)
    print(line.format(*header).rstrip())
    print(line.format(*("-" * w for w in widths)))
    for row in rows:
        print(line.format(*row).rstrip())
    print()
    ours = per_million["optionscope"]
    verdict = "within" if ours < 1.0 else "OVER"
    print(f"Budget: 10^6 samples in under 1 s -> {ours:.3f} s ({verdict} budget).")
    for label, seconds in per_million.items():
        if label != "optionscope":
            print(f"  {label}: {seconds / ours:,.0f}x slower than optionscope at 10^6 samples")
    print(f"(benchmark ran for {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
